// "Discard the pending certificate": after a confirmation that says what it means
// (the key made for it becomes useless; a row uploaded to NetSuite for it should
// be removed), the backend forgets it and the history records it as discarded.
import * as api from "../../backend/api.js";
import { button, h, statusArea } from "../../ui/dom.js";
import { saveFlow } from "../../ui/save-flow.js";
import { heldHere, madeByAndWhen } from "./pending-state.js";

function question(pending) {
  return `Discard the pending certificate ${madeByAndWhen(pending)}? The private key made for it becomes useless: nothing will accept it. If it was already uploaded to NetSuite (listed as ${pending.expectedCertificateId}), remove that row there. The current certificate is not affected.`;
}

/** The discard button with its status area; `certificateStatus` gets the outcome. */
export function discardButton(ctx, pending, certificateStatus) {
  const submit = button("Discard the pending certificate", {
    class: "button button--danger",
  });
  const status = statusArea();
  const run = saveFlow({
    submit,
    status,
    busyLabel: "Discarding…",
    check: () => ({ ok: true, value: null }),
    save: () => api.discardPendingCertificate(ctx.orgId, ctx.version()),
    kept: "The pending certificate is still there.",
    reloadLatest: (status, error) => ctx.reloadLatest(certificateStatus, error),
    successArea: () => certificateStatus,
    done(answer) {
      if (heldHere(ctx)) {
        ctx.pending = null;
        ctx.replaceFinished?.();
      }
      ctx.apply(answer, { keepForm: true });
      return `The pending certificate ${madeByAndWhen(pending)} was discarded. Delete the private key made for it, and remove its row in NetSuite if it was uploaded. The current certificate is unchanged.`;
    },
  });
  submit.addEventListener("click", () => {
    if (window.confirm(question(pending))) run();
  });
  return h(
    "div",
    { class: "pending-discard" },
    h("div", { class: "button-row" }, submit),
    status,
  );
}
