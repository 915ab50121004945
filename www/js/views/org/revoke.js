// Record that the current certificate was revoked in NetSuite (which cannot be undone).
import * as api from "../../backend/api.js";
import { h, statusArea, uniqueId } from "../../ui/dom.js";
import { saveFlow } from "../../ui/save-flow.js";
import { menuPath } from "./netsuite.js";

/** `certificateStatus` is the card's status area, where the outcome is said. */
export function revokePanel(ctx, certificate, certificateStatus) {
  const id = uniqueId("revoke");
  const confirmBox = h("input", { type: "checkbox", id: `${id}-confirm` });
  const status = statusArea();
  const submit = h(
    "button",
    { type: "button", class: "button button--danger" },
    "Record revocation",
  );
  const run = saveFlow({
    submit,
    status,
    busyLabel: "Recording…",
    check: () =>
      confirmBox.checked
        ? { ok: true, value: null }
        : {
            ok: false,
            code: "confirmation_required",
            message:
              "Tick the box to confirm that the certificate was revoked in NetSuite.",
            focus: confirmBox,
          },
    save: () => api.recordRevocation(ctx.orgId, ctx.version()),
    reloadLatest: ctx.reloadLatest,
    successArea: () => certificateStatus,
    done: (saved) => {
      ctx.apply(saved, { keepForm: true });
      return "Revocation recorded. Replace the certificate now: Update certificate, then Replace certificate.";
    },
  });
  submit.addEventListener("click", run);
  return h(
    "details",
    { class: "revoke" },
    h("summary", {}, "Record that this certificate was revoked in NetSuite"),
    h(
      "div",
      { class: "message message--warning" },
      h(
        "p",
        {},
        h("strong", {}, "Revoking is irreversible. "),
        "It happens in NetSuite (",
        menuPath(),
        ", Revoke). A revoked certificate never works again: the integration stops getting tokens until a replacement certificate is uploaded and saved here.",
      ),
    ),
    h(
      "div",
      { class: "checkbox" },
      confirmBox,
      h(
        "label",
        { for: `${id}-confirm` },
        `I revoked certificate ${certificate.certificateId} in NetSuite`,
      ),
    ),
    h("div", { class: "button-row" }, submit),
    status,
  );
}
