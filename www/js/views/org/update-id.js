// "Update current certificate": only the Certificate ID changes (for example after
// the same certificate was uploaded to NetSuite again). The ID is compared with
// the one NetSuite should list for the current certificate (ui/certificate-id.js).
import * as api from "../../backend/api.js";
import { inspectCertificate } from "../../module/index.js";
import { announce, h } from "../../ui/dom.js";
import { idConfirmation } from "../../ui/certificate-id.js";
import { certificateIdField, checkFields } from "../../ui/fields.js";
import { saveForm } from "../../ui/save-flow.js";
import { menuPath } from "./netsuite.js";

/** The ID NetSuite should list for the current certificate, or null. */
async function currentExpectedId(ctx) {
  const pem = ctx.integration?.certificate?.pem;
  if (!pem) return null;
  try {
    return (await inspectCertificate(pem)).expectedCertificateId ?? null;
  } catch {
    return null; // a certificate the module cannot read: nothing to compare with
  }
}

export function updateIdPanel(ctx) {
  const certificateId = certificateIdField(
    ctx.integration?.certificate?.certificateId ?? "",
  );
  const confirmation = idConfirmation(certificateId, ctx.orgId);

  async function check() {
    const fields = checkFields({ certificateId });
    if (!fields.ok) return fields;
    const id = fields.value.certificateId;
    // The same ID again changes nothing: say so instead of reporting a save.
    if (id === ctx.integration?.certificate?.certificateId)
      return {
        ok: false,
        nothingToSave: true,
        message: `Nothing changed: ${id} is already this certificate's ID. Enter the ID NetSuite shows now to change it.`,
        focus: certificateId.input,
      };
    const compared = await confirmation.compare(
      id,
      await currentExpectedId(ctx),
    );
    if (!compared.ok) return compared;
    return { ok: true, value: { certificateId: id, ...compared.value } };
  }

  const save = (value) =>
    confirmation.saving(
      value.certificateId,
      () => api.saveCertificate(ctx.orgId, value, ctx.version()),
      () => currentExpectedId(ctx),
    );

  return saveForm(
    {
      label: "Save Certificate ID",
      attrs: {
        class: "subpanel",
        "aria-labelledby": "update-id-heading",
        id: "update-id",
      },
      children: [
        h(
          "h3",
          { id: "update-id-heading", tabindex: "-1" },
          "Update current certificate",
        ),
        h(
          "p",
          {},
          "The certificate and its key stay as they are; no new certificate is made. Enter the Certificate ID that NetSuite shows for it on ",
          menuPath(),
          ".",
        ),
        certificateId.element,
        confirmation.element,
      ],
    },
    {
      check,
      save,
      fields: { certificateId },
      kept: "The Certificate ID you typed is kept.",
      reloadLatest: ctx.reloadLatest,
      done: (saved) => {
        ctx.apply(saved, { keepForm: true });
        confirmation.reset();
        announce("Certificate ID saved.");
        return `Saved. The current certificate's ID is now ${saved.certificate.certificateId}.`;
      },
    },
  ).element;
}
