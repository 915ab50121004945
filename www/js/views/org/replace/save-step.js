// Replace, step 4: save the new certificate with the Certificate ID NetSuite gave
// it. Until this save succeeds the current certificate stays in use.
import * as api from "../../../backend/api.js";
import { rules } from "../../../module/index.js";
import { h } from "../../../ui/dom.js";
import { certificateIdField, checkFields } from "../../../ui/fields.js";
import { clearMessage } from "../../../ui/messages.js";
import { saveForm } from "../../../ui/save-flow.js";
import { lockedStep } from "./step.js";

/** `flow.saved(answer)` closes the replacement and returns the success sentence. */
export function saveStep(ctx, flow) {
  const certificateId = certificateIdField(
    "",
    `The new ID from NetSuite, usually ${rules().certificateIdUsualLength} characters.`,
  );
  const keySaved = () =>
    ctx.pending?.keySaved
      ? checkFields({ certificateId })
      : {
          ok: false,
          code: "key_not_saved",
          message: "Download the private key first (step 2).",
        };
  const save = saveForm(
    { children: [certificateId.element] },
    {
      check: keySaved,
      save: (value) =>
        api.saveCertificate(
          ctx.orgId,
          {
            certificateId: value.certificateId,
            certificatePem: ctx.pending.generated.certificate.pem,
          },
          ctx.version(),
        ),
      fields: { certificateId },
      kept: "The new certificate and key are kept here, and the current certificate is still in use.",
      reloadLatest: ctx.reloadLatest,
      successArea: flow.successArea,
      done: (saved) => flow.saved(saved),
    },
  );
  return {
    element: lockedStep(
      4,
      "step-save",
      "Save the new Certificate ID",
      h(
        "p",
        { class: "hint" },
        "Until this save succeeds the current certificate stays in use, so nothing breaks mid-rotation.",
      ),
      save.element,
    ),
    reset() {
      clearMessage(save.status);
    },
  };
}
