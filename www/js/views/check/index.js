// #/check — paste or drop a certificate (PEM or DER), see what the module finds,
// and whether a private key matches it. Nothing here leaves the browser.
import { inspectCertificate } from "../../module/index.js";
import {
  focusElement,
  form,
  h,
  statusArea,
  submitButton,
} from "../../ui/dom.js";
import { showError } from "../../ui/errors.js";
import { clearMessage } from "../../ui/messages.js";
import { keyMatchForm } from "./key-match.js";
import { reportCard } from "./report.js";
import { certificateSource } from "./source.js";

const PRIVATE_KEY_PASTED =
  "This is a private key, not a certificate. Never upload or share it: NetSuite needs only the certificate. Clear the box and paste the certificate instead.";

export async function renderCheck(root) {
  let checked = null; // the input last checked successfully
  const source = certificateSource(() => check());
  const submit = submitButton("Check certificate");
  const status = statusArea();
  const results = h("div", { class: "results", id: "certificate-results" });
  const keyMatch = keyMatchForm(() => checked);

  async function check() {
    clearMessage(status);
    const input = source.value();
    if (!input.length) {
      source.text.setError(
        "Paste a certificate, or choose or drop a file.",
        "certificate_required",
      );
      source.text.input.focus();
      results.replaceChildren();
      return;
    }
    let report;
    try {
      report = await inspectCertificate(input);
    } catch (error) {
      results.replaceChildren();
      checked = null;
      keyMatch.hide();
      const privateKey = error.code === "private_key_not_certificate";
      showError(status, error, {
        text: privateKey ? PRIVATE_KEY_PASTED : undefined,
      });
      return;
    }
    checked = input;
    source.text.clear();
    const card = reportCard(report);
    results.replaceChildren(card.element);
    keyMatch.show();
    focusElement(card.heading);
  }

  const certificateForm = form(
    { class: "card", "aria-labelledby": "check-form-heading" },
    check,
    h("h2", { id: "check-form-heading" }, "Certificate"),
    ...source.elements,
    h("div", { class: "button-row" }, submit),
    status,
  );

  root.append(
    h("h1", { tabindex: "-1" }, "Check a certificate"),
    h(
      "p",
      { class: "lead" },
      "See whether NetSuite will accept a certificate, when it expires, and its fingerprint. Nothing you paste or drop here leaves this browser.",
    ),
    certificateForm,
    results,
    keyMatch.element,
  );
  return {};
}
