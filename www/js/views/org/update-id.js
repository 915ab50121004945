// "Update current certificate": only the Certificate ID changes (for example after
// the same certificate was uploaded to NetSuite again).
import * as api from "../../backend/api.js";
import { announce, h } from "../../ui/dom.js";
import { certificateIdField, checkFields } from "../../ui/fields.js";
import { saveForm } from "../../ui/save-flow.js";
import { menuPath } from "./netsuite.js";

export function updateIdPanel(ctx) {
  const certificateId = certificateIdField(
    ctx.integration?.certificate?.certificateId ?? "",
  );
  return saveForm(
    {
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
      ],
    },
    {
      check: () => checkFields({ certificateId }),
      save: (value) => api.saveCertificate(ctx.orgId, value, ctx.version()),
      fields: { certificateId },
      kept: "The Certificate ID you typed is kept.",
      reloadLatest: ctx.reloadLatest,
      done: (saved) => {
        ctx.apply(saved, { keepForm: true });
        announce("Certificate ID saved.");
        return `Saved. The current certificate's ID is now ${saved.certificate.certificateId}.`;
      },
    },
  ).element;
}
