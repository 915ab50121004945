// Check a certificate: paste or drop a PEM/DER, see what the module finds, and
// whether a private key matches it. Nothing here leaves the browser.
import { runInWorker } from "./bridge.js";
import {
  h,
  uniqueId,
  showMessage,
  clearMessage,
  withBusy,
  focusElement,
  definitionList,
} from "./dom.js";
import { textField } from "./fields.js";
import {
  certificateStatus,
  formatDays,
  keyTypeLabel,
  statusBadge,
  timeElement,
} from "./format.js";
import { m2m } from "./m2m.js";

async function readFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}

function looksLikeText(bytes) {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(
    bytes.slice(0, 64),
  );
  return /-----BEGIN /.test(head);
}

export async function renderCheck(root) {
  let source = null; // { bytes, name } when a file was chosen or dropped
  let lastCertificate = null; // the input that was last checked successfully

  const certificateInput = textField({
    label: "Certificate (PEM)",
    name: "certificate",
    multiline: true,
    required: false,
    hint: "Paste the certificate text, or drop a .pem, .crt, .cer or .der file here.",
    inputClass: "input--mono input--tall",
  });
  const fileId = uniqueId("certificate-file");
  const fileInput = h("input", {
    type: "file",
    id: fileId,
    accept:
      ".pem,.crt,.cer,.der,application/x-x509-ca-cert,application/pkix-cert",
    class: "input-file",
  });
  const sourceNote = h("p", { class: "hint", "aria-live": "polite" });
  const checkButton = h(
    "button",
    { type: "submit", class: "button button--primary" },
    "Check certificate",
  );
  const status = h("div", { class: "status-area" });
  const results = h("div", { class: "results", id: "certificate-results" });

  async function useFile(file) {
    if (!file) return;
    const bytes = await readFile(file);
    if (looksLikeText(bytes)) {
      certificateInput.value = new TextDecoder().decode(bytes);
      source = null;
      sourceNote.textContent = `Loaded ${file.name} into the text box.`;
    } else {
      source = { bytes, name: file.name };
      certificateInput.value = "";
      sourceNote.textContent = `Using the binary (DER) file ${file.name}.`;
    }
    certificateInput.clear();
  }
  fileInput.addEventListener("change", () => useFile(fileInput.files?.[0]));
  certificateInput.input.addEventListener("input", () => {
    if (source) {
      source = null;
      sourceNote.textContent = "";
    }
  });
  const dropTarget = certificateInput.input;
  dropTarget.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropTarget.classList.add("is-dragging");
  });
  dropTarget.addEventListener("dragleave", () =>
    dropTarget.classList.remove("is-dragging"),
  );
  dropTarget.addEventListener("drop", async (event) => {
    const file = event.dataTransfer?.files?.[0];
    dropTarget.classList.remove("is-dragging");
    if (!file) return;
    event.preventDefault();
    await useFile(file);
    check();
  });

  function check() {
    clearMessage(status);
    const input = source ? source.bytes : certificateInput.value.trim();
    if (!input || (typeof input === "string" && !input.length)) {
      certificateInput.setError(
        "Paste a certificate, or choose or drop a file.",
      );
      certificateInput.input.focus();
      results.replaceChildren();
      return;
    }
    let report;
    try {
      report = m2m.inspectCertificate(input);
    } catch (error) {
      results.replaceChildren();
      lastCertificate = null;
      keyForm.hidden = true;
      if (error.code === "private_key_not_certificate") {
        showMessage(
          status,
          "error",
          "This is a private key, not a certificate. Never upload or share it: NetSuite needs only the certificate. Clear the box and paste the certificate instead.",
          { focus: true },
        );
      } else {
        showMessage(status, "error", `Not a certificate: ${error.message}`, {
          focus: true,
        });
      }
      return;
    }
    lastCertificate = input;
    certificateInput.clear();
    const accepted = report.acceptedByNetSuite;
    const findings = report.findings;
    const status_ = certificateStatus({
      moduleStatus: report.status,
      notAfter: report.notAfter,
    });
    const verdictHeading = h(
      "h2",
      { tabindex: "-1", id: "verdict" },
      accepted
        ? "NetSuite accepts this certificate"
        : "NetSuite would refuse this certificate",
    );
    results.replaceChildren(
      h(
        "section",
        {
          class: ["card", accepted ? "verdict--ok" : "verdict--bad"],
          "aria-labelledby": "verdict",
        },
        verdictHeading,
        findings.length
          ? h(
              "ul",
              { class: "findings" },
              findings.map((f) =>
                h(
                  "li",
                  { class: `finding finding--${f.severity}` },
                  h(
                    "span",
                    {
                      class: [
                        "badge",
                        f.severity === "error"
                          ? "badge--expired"
                          : "badge--expiring",
                      ],
                    },
                    f.severity === "error" ? "Error" : "Warning",
                  ),
                  " ",
                  f.message,
                ),
              ),
            )
          : h(
              "p",
              {},
              "No findings: the key type, the validity and the dates are all fine for NetSuite.",
            ),
        definitionList([
          ["Status", statusBadge(status_)],
          ["Key type", keyTypeLabel(report.keyType, report.key)],
          ["Created", timeElement(report.notBefore, true)],
          ["Valid until", timeElement(report.notAfter, true)],
          ["Days left", formatDays(report.daysRemaining)],
          ["Validity", `${report.validityDays} days`],
          [
            "SHA-256 fingerprint",
            h(
              "span",
              { class: "mono wrap fingerprint" },
              report.fingerprintSha256,
            ),
          ],
          ["Subject", h("span", { class: "wrap" }, report.subject)],
          ["Issuer", h("span", { class: "wrap" }, report.issuer)],
          ["Self-signed", report.selfSigned ? "Yes" : "No"],
          [
            "Serial number",
            h("span", { class: "mono wrap" }, report.serialNumber),
          ],
          ["Signature algorithm", report.signatureAlgorithm],
        ]),
      ),
    );
    keyForm.hidden = false;
    clearMessage(keyStatus);
    focusElement(verdictHeading);
  }

  const form = h(
    "form",
    {
      class: "card",
      novalidate: true,
      "aria-labelledby": "check-form-heading",
    },
    h("h2", { id: "check-form-heading" }, "Certificate"),
    certificateInput.element,
    h(
      "div",
      { class: "field" },
      h(
        "label",
        { for: fileId, class: "field__label" },
        "Or choose a certificate file",
      ),
      fileInput,
      sourceNote,
    ),
    h("div", { class: "button-row" }, checkButton),
    status,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    check();
  });

  // Does a private key match the certificate?
  const keyFileId = uniqueId("key-file");
  const keyFileInput = h("input", {
    type: "file",
    id: keyFileId,
    accept: ".pem,.key",
    class: "input-file",
  });
  const keyPassphrase = textField({
    label: "Passphrase (if the key is encrypted)",
    name: "keyPassphrase",
    type: "password",
    required: false,
    autocomplete: "off",
  });
  const keyButton = h(
    "button",
    { type: "submit", class: "button" },
    "Check the key",
  );
  const keyStatus = h("div", { class: "status-area" });
  const keyForm = h(
    "form",
    {
      class: "card",
      novalidate: true,
      "aria-labelledby": "key-form-heading",
      hidden: true,
    },
    h("h2", { id: "key-form-heading" }, "Does a private key match it?"),
    h(
      "p",
      { class: "hint" },
      "The key is read in this browser only; it is not uploaded.",
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: keyFileId, class: "field__label" }, "Private key file"),
      keyFileInput,
    ),
    keyPassphrase.element,
    h("div", { class: "button-row" }, keyButton),
    keyStatus,
  );
  keyForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearMessage(keyStatus);
    const file = keyFileInput.files?.[0];
    if (!file) {
      showMessage(keyStatus, "error", "Choose the private key file first.", {
        focus: false,
      });
      keyFileInput.focus();
      return;
    }
    if (!lastCertificate) return;
    await withBusy(keyButton, "Checking…", async () => {
      const keyPem = await file.text();
      const passphrase = keyPassphrase.input.value || undefined;
      try {
        const matches = await runInWorker(
          "keyMatchesCertificate",
          keyPem,
          lastCertificate,
          passphrase,
        );
        if (matches)
          showMessage(
            keyStatus,
            "success",
            `The private key in ${file.name} matches this certificate.`,
            { focus: true },
          );
        else
          showMessage(
            keyStatus,
            "error",
            `The private key in ${file.name} does not match this certificate: they belong to different key pairs.`,
            { focus: true },
          );
      } catch (error) {
        if (
          error.code === "passphrase_required" ||
          error.code === "wrong_passphrase"
        ) {
          keyPassphrase.setError(error.message);
          keyPassphrase.input.focus();
          showMessage(keyStatus, "error", error.message);
        } else {
          showMessage(
            keyStatus,
            "error",
            `Could not check the key: ${error.message}`,
            { focus: true },
          );
        }
      }
    });
  });

  root.append(
    h("h1", { tabindex: "-1" }, "Check a certificate"),
    h(
      "p",
      { class: "lead" },
      "See whether NetSuite will accept a certificate, when it expires, and its fingerprint. Nothing you paste or drop here leaves this browser.",
    ),
    form,
    results,
    keyForm,
  );
  return {};
}
