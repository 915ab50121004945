// "Update current certificate": only the Certificate ID changes (for example after
// the same certificate was uploaded to NetSuite again).
import * as api from "../../backend/api.js";
import { announce, h } from "../../ui/dom.js";
import { certificateIdField, checkFields } from "../../ui/fields.js";
import { saveFlow } from "../../ui/save-flow.js";
import { menuPath } from "./netsuite.js";

export function updateIdPanel(ctx) {
  const certificateId = certificateIdField(
    ctx.integration?.certificate?.certificateId ?? "",
  );
  const status = h("div", { class: "status-area" });
  const submit = h(
    "button",
    { type: "submit", class: "button button--primary" },
    "Save changes",
  );
  const form = h(
    "form",
    {
      class: "subpanel",
      novalidate: true,
      "aria-labelledby": "update-id-heading",
      id: "update-id",
    },
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
    h("div", { class: "button-row" }, submit),
    status,
  );
  const run = saveFlow({
    submit,
    status,
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
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  return form;
}
