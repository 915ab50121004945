// Replace, step 4: save the new certificate with the Certificate ID NetSuite gave
// it. Until this save succeeds the current certificate stays in use. The pasted ID
// is compared with the one NetSuite should list (ui/certificate-id.js); the current
// certificate's ID is never saved as the new one.
import * as api from "../../../backend/api.js";
import { rules } from "../../../module/index.js";
import { h } from "../../../ui/dom.js";
import { idConfirmation } from "../../../ui/certificate-id.js";
import { certificateIdField, checkFields } from "../../../ui/fields.js";
import { clearMessage } from "../../../ui/messages.js";
import { saveForm } from "../../../ui/save-flow.js";
import { replaceCheck } from "./check-step.js";
import { lockedStep } from "./step.js";

/** The refusal of the current certificate's ID, shown at the field too. */
function currentIdRefusal(certificateId, id, expected) {
  const message = `${id} is the Certificate ID of the current certificate (its old row in NetSuite's list). NetSuite gives the new certificate an ID of its own when it is uploaded: copy the ID of the new row, which should be ${expected}.`;
  certificateId.setError(message, "certificate_id_is_current");
  return {
    ok: false,
    code: "certificate_id_is_current",
    message: `Not saved: ${message}`,
    focus: certificateId.input,
    fields: [certificateId],
  };
}

/** `flow.saved(answer)` closes the replacement and returns the success sentence. */
export function saveStep(ctx, flow) {
  const certificateId = certificateIdField(
    "",
    `The new ID from NetSuite, usually ${rules().certificateIdUsualLength} characters.`,
  );
  const liveCheck = replaceCheck(ctx, certificateId);
  const currentId = () => ctx.integration?.certificate?.certificateId ?? null;
  const confirmation = idConfirmation(certificateId, ctx.orgId);
  const expected = () =>
    ctx.pending.generated.certificate.expectedCertificateId;

  async function check() {
    if (!ctx.pending?.keySaved)
      return {
        ok: false,
        code: "key_not_saved",
        message: "Download the private key first (step 2).",
      };
    const fields = checkFields({ certificateId });
    if (!fields.ok) return fields;
    const id = fields.value.certificateId;
    if (id === currentId())
      return currentIdRefusal(certificateId, id, expected());
    const compared = await confirmation.compare(id, expected());
    if (!compared.ok) return compared;
    return { ok: true, value: { certificateId: id, ...compared.value } };
  }

  const save = (value) =>
    confirmation.saving(
      value.certificateId,
      () =>
        api.saveCertificate(
          ctx.orgId,
          { ...value, certificatePem: ctx.pending.generated.certificate.pem },
          ctx.version(),
        ),
      expected,
    );

  const form = saveForm(
    {
      children: [
        certificateId.element,
        confirmation.element,
        liveCheck.element,
      ],
    },
    {
      check,
      save,
      fields: { certificateId },
      kept: "The new certificate and key are kept here, and the current certificate is still in use.",
      reloadLatest: ctx.reloadLatest,
      successArea: flow.successArea,
      done: (saved) => liveCheck.annotate(flow.saved(saved)),
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
      form.element,
    ),
    reset() {
      clearMessage(form.status);
      confirmation.reset();
      liveCheck.reset();
    },
  };
}
