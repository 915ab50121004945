// "Remove the kept key from this browser": the one way a key kept in IndexedDB
// (private-key/keystore.js) leaves it, asked for first. Offered wherever a kept key
// is shown: on the organisation's Certificate card and on Test the credentials.
import { forgetKey } from "../private-key/keystore.js";
import { button, withBusy } from "./dom.js";
import { showError } from "./errors.js";
import { showMessage } from "./messages.js";

export const FORGET_LABEL = "Remove the kept key from this browser";

/**
 * The button; `status` is where the outcome is said, `removed()` runs once the key
 * is gone (to redraw what showed it).
 */
export function forgetKeyButton({ orgId, organisationName, status, removed }) {
  const forget = button(FORGET_LABEL, { class: "button button--danger" });
  forget.addEventListener("click", async () => {
    const sure = window.confirm(
      `Remove the private key of ${organisationName} kept in this browser? ` +
        "This browser can then no longer sign with it. Key files you downloaded are not affected.",
    );
    if (!sure) return;
    await withBusy(forget, "Removing…", async () => {
      try {
        await forgetKey(orgId);
      } catch (error) {
        showError(status, error, {
          prefix: "Could not remove the kept key: ",
        });
        return;
      }
      showMessage(
        status,
        "success",
        "The kept key was removed from this browser.",
        {
          focus: true,
        },
      );
      removed();
    });
  });
  return forget;
}
