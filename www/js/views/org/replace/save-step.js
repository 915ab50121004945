// Replace, step 4: save the new certificate with the Certificate ID NetSuite gave
// it. Until this save succeeds the current certificate stays in use.
import * as api from "../../../backend/api.js";
import { h } from "../../../ui/dom.js";
import { certificateIdField, checkFields } from "../../../ui/fields.js";
import { clearMessage } from "../../../ui/messages.js";
import { saveFlow } from "../../../ui/save-flow.js";

/** `flow.saved(answer)` closes the replacement and returns the success sentence. */
export function saveStep(ctx, flow) {
  const certificateId = certificateIdField(
    "",
    "The new ID from NetSuite, usually 43 characters.",
  );
  const submit = h(
    "button",
    { type: "submit", class: "button button--primary" },
    "Save changes",
  );
  const status = h("div", { class: "status-area" });
  const form = h(
    "form",
    { novalidate: true },
    certificateId.element,
    h("div", { class: "button-row" }, submit),
    status,
  );
  const element = h(
    "fieldset",
    { class: "step", disabled: true, "aria-labelledby": "step-save" },
    h(
      "h4",
      { id: "step-save" },
      h("span", { class: "step__number" }, "4"),
      "Save the new Certificate ID",
    ),
    h(
      "p",
      { class: "hint" },
      "Until this save succeeds the current certificate stays in use, so nothing breaks mid-rotation.",
    ),
    form,
  );
  const run = saveFlow({
    submit,
    status,
    check: () =>
      ctx.pending?.keySaved
        ? checkFields({ certificateId })
        : {
            ok: false,
            code: "key_not_saved",
            message: "Download the private key first (step 2).",
          },
    save: ({ certificateId: id }) =>
      api.saveCertificate(
        ctx.orgId,
        {
          certificateId: id,
          certificatePem: ctx.pending.generated.certificate.pem,
        },
        ctx.version(),
      ),
    fields: { certificateId },
    kept: "The new certificate and key are kept here, and the current certificate is still in use.",
    reloadLatest: ctx.reloadLatest,
    successArea: flow.successArea,
    done: (saved) => flow.saved(saved),
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  return {
    element,
    reset() {
      clearMessage(status);
    },
  };
}
