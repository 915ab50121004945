// Replace, step 4: save the new certificate with the Certificate ID NetSuite gave
// it (finishing the pending certificate). Until this save succeeds the current
// certificate stays in use. The pasted ID is compared with the one NetSuite should
// list (ui/certificate-id.js); the current certificate's ID is never saved as the
// new one. Used by the replace flow and by the pending certificate's card section.
import { rules } from "../../../module/index.js";
import { h, uniqueId } from "../../../ui/dom.js";
import { idConfirmation } from "../../../ui/certificate-id.js";
import { certificateIdField, checkFields } from "../../../ui/fields.js";
import { clearMessage } from "../../../ui/messages.js";
import { saveForm } from "../../../ui/save-flow.js";
import {
  certificateSituation,
  keptOnFailure,
  untilSavedHint,
} from "../situation.js";
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

/**
 * The certificate must reach NetSuite before its ID can be saved: whoever saves
 * downloaded it here (step 3) or confirms it is already uploaded in NetSuite.
 */
function uploadedConfirmation() {
  const checkbox = h("input", {
    type: "checkbox",
    id: uniqueId("certificate-uploaded"),
  });
  const element = h(
    "div",
    { class: "checkbox", hidden: true },
    checkbox,
    h(
      "label",
      { for: checkbox.id },
      "The new certificate is already uploaded in NetSuite",
    ),
  );
  return {
    element,
    /** `{ok: true}`, or the refusal with the box shown. */
    check(downloaded) {
      if (downloaded || checkbox.checked) return { ok: true };
      element.hidden = false;
      return {
        ok: false,
        code: "certificate_not_downloaded",
        message:
          "Download the new certificate first (the step above) and have it uploaded in NetSuite: NetSuite gives the Certificate ID only once it is uploaded. If it is already uploaded there, tick the box below the Certificate ID.",
        focus: checkbox,
      };
    },
    reset() {
      checkbox.checked = false;
      element.hidden = true;
    },
  };
}

/**
 * - `expected()` the Certificate ID NetSuite should list for the new certificate
 * - `blocked()` null, or `{ok: false, code, message}` while saving must wait
 * - `send(value)` saves `{certificateId, certificateIdConfirmed?}`, resolves to
 *   the integration
 * - `signWith`, `keyChoice` the live check's key (check-step.js)
 * - `downloaded()` true once the certificate was downloaded here (else the person
 *   confirms it is already uploaded in NetSuite)
 * - `kept` what a failure keeps, in words (default: by the situation); `successArea()`;
 *   `saved(answer, annotate)` applies the answer and returns the success message
 *   (`annotate(text)` adds the live check's outcome)
 * - `number` the step's number in its flow; `reloadLatest(status)` offered on a
 *   conflict (default: the view's)
 */
export function saveStep(
  ctx,
  {
    expected,
    blocked = () => null,
    send,
    signWith,
    keyChoice,
    downloaded,
    kept = keptOnFailure(certificateSituation(ctx.integration)),
    successArea,
    saved,
    number = 4,
    reloadLatest = ctx.reloadLatest,
  },
) {
  const certificateId = certificateIdField(
    "",
    `The new ID from NetSuite, usually ${rules().certificateIdUsualLength} characters.`,
  );
  const liveCheck = replaceCheck(ctx, certificateId, { signWith, keyChoice });
  const currentId = () => ctx.integration?.certificate?.certificateId ?? null;
  const confirmation = idConfirmation(certificateId, ctx.orgId);
  const uploadedBox = uploadedConfirmation();
  const situation = certificateSituation(ctx.integration);

  async function check() {
    const waiting = blocked();
    if (waiting) return waiting;
    const uploaded = uploadedBox.check(downloaded());
    if (!uploaded.ok) return uploaded;
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
    confirmation.saving(value.certificateId, () => send(value), expected);

  const form = saveForm(
    {
      label: "Save the new Certificate ID",
      children: [
        certificateId.element,
        uploadedBox.element,
        confirmation.element,
        liveCheck.element,
      ],
    },
    {
      check,
      save,
      fields: { certificateId },
      kept,
      reloadLatest,
      successArea,
      done: (answer) => saved(answer, liveCheck.annotate),
    },
  );
  return {
    element: lockedStep(
      number,
      uniqueId("step-save"),
      "Save the new Certificate ID",
      h("p", { class: "hint" }, untilSavedHint(situation)),
      form.element,
    ),
    reset() {
      clearMessage(form.status);
      confirmation.reset();
      uploadedBox.reset();
      liveCheck.reset();
    },
  };
}
