// Replace, right after step 1: the generated certificate (public) is saved with the
// integration as pending, so a reload, another browser or another person can finish
// it. A failure loses nothing: the key and the certificate stay in this page, the
// message says so and offers to try again (after a conflict, with the latest
// version loaded first, and asking before it discards a pending certificate saved
// elsewhere in the meantime).
import * as api from "../../../backend/api.js";
import { button } from "../../../ui/dom.js";
import { showError } from "../../../ui/errors.js";
import { discardQuestion, heldHere, savedPending } from "../pending-state.js";

const KEPT =
  "The new certificate and its key are kept in this page: you can still download the key (step 2), and the current certificate stays in use.";

function failureText(error) {
  if (error.status === 412)
    return `Generated, but not saved as pending: the integration was changed elsewhere (another tab or person saved) since you loaded it. ${KEPT}`;
  if (error.status === 0)
    return `Generated, but not saved as pending: could not reach the server. ${KEPT}`;
  return `Generated, but not saved as pending: ${error.message} ${KEPT}`;
}

/** `status`: step 1's status area; `stored()` runs once the pending is saved. */
export function pendingSaver(ctx, status, stored) {
  /** Saves `ctx.pending` as pending; true once saved. */
  async function save() {
    const pending = ctx.pending;
    if (!pending) return false;
    try {
      const answer = await api.createPendingCertificate(
        ctx.orgId,
        pending.generated.certificate.pem,
        ctx.version(),
      );
      if (ctx.pending !== pending) return false;
      ctx.apply(answer, { keepForm: true });
      return true;
    } catch (error) {
      if (ctx.pending !== pending) return false;
      const conflict = error.status === 412;
      showError(status, error, {
        text: failureText(error),
        actions: [
          button(
            conflict
              ? "Load the latest version and save as pending again"
              : "Save as pending again",
            { onclick: () => retry(conflict) },
          ),
        ],
      });
      return false;
    }
  }

  async function retry(reload) {
    if (reload) {
      let latest;
      try {
        latest = await api.getIntegration(ctx.orgId);
      } catch (error) {
        showError(status, error, {
          text: `Could not load the latest version: ${error.message} ${KEPT}`,
          actions: [button("Try again", { onclick: () => retry(true) })],
        });
        return;
      }
      ctx.apply(latest, { keepForm: true });
    }
    if (heldHere(ctx)) return stored();
    const question = savedPending(ctx) ? discardQuestion(ctx) : null;
    if (question && !window.confirm(question)) return;
    if (await save()) stored();
  }

  return { save };
}
