// Does a private key file match the checked certificate? The key is read in this
// browser (WebCrypto) and never uploaded.
import { keyMatchesCertificate } from "../../module/index.js";
import { form, h, statusArea, submitButton, withBusy } from "../../ui/dom.js";
import { showError } from "../../ui/errors.js";
import { fileField, keyPassphraseField } from "../../ui/fields.js";
import { clearMessage, showMessage } from "../../ui/messages.js";

/** `certificate()` is the last certificate checked successfully, or null. */
export function keyMatchForm(certificate) {
  const file = fileField("Private key file", "key-file", ".pem,.key");
  const passphrase = keyPassphraseField(
    "Passphrase (if the key is encrypted)",
    "keyPassphrase",
  );
  const submit = submitButton("Check the key", { primary: false });
  const status = statusArea();
  const element = form(
    { class: "card", "aria-labelledby": "key-form-heading", hidden: true },
    () => run(),
    h("h2", { id: "key-form-heading" }, "Does a private key match it?"),
    h(
      "p",
      { class: "hint" },
      "The key is read in this browser only; it is not uploaded.",
    ),
    file.element,
    passphrase.element,
    h("div", { class: "button-row" }, submit),
    status,
  );

  async function check(chosen) {
    const keyPem = await chosen.text();
    const matches = await keyMatchesCertificate(
      keyPem,
      certificate(),
      passphrase.value || undefined,
    );
    if (matches)
      showMessage(
        status,
        "success",
        `The private key in ${chosen.name} matches this certificate.`,
        { focus: true },
      );
    else
      showError(status, {
        code: "key_mismatch",
        message: `The private key in ${chosen.name} does not match this certificate: they belong to different key pairs.`,
      });
  }

  async function run() {
    clearMessage(status);
    passphrase.clear();
    const chosen = file.input.files?.[0];
    if (!chosen) {
      showError(
        status,
        {
          code: "key_file_required",
          message: "Choose the private key file first.",
        },
        { focus: false },
      );
      file.input.focus();
      return;
    }
    if (!certificate()) return;
    await withBusy(submit, "Checking…", async () => {
      try {
        await check(chosen);
      } catch (error) {
        showError(status, error, {
          fields: { passphrase },
          prefix: "Could not check the key: ",
        });
      }
    });
  }

  return {
    element,
    show() {
      element.hidden = false;
      clearMessage(status);
    },
    hide() {
      element.hidden = true;
    },
  };
}
