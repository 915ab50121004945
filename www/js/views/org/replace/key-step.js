// Replace, step 2: the private key leaves the page, to the user's disk (encrypted
// with a passphrase, or plain after a confirmation) and, if wanted, into this
// browser's key store as a non-extractable key. Passphrases are used exactly as
// typed, spaces included, and counted as the module counts them.
import {
  encryptPrivateKey,
  importCryptoKey,
  passphraseLength,
  rules,
} from "../../../module/index.js";
import { downloadText } from "../../../private-key/download.js";
import { keepKey } from "../../../private-key/keystore.js";
import { announce, button, h, uniqueId, withBusy } from "../../../ui/dom.js";
import { showError } from "../../../ui/errors.js";
import { textField } from "../../../ui/fields.js";
import { clearMessage, showMessage } from "../../../ui/messages.js";

function passphraseFields() {
  const min = rules().passphraseMinLength;
  const passphrase = textField({
    label: "Passphrase",
    name: "passphrase",
    type: "password",
    trim: false,
    autocomplete: "new-password",
    hint: `At least ${min} characters; spaces count. You need it whenever the key is used; it is not stored anywhere.`,
    validate: (raw) =>
      passphraseLength(raw) < min
        ? {
            error: `Use at least ${min} characters.`,
            code: "passphrase_too_short",
          }
        : { value: raw },
  });
  const again = textField({
    label: "Repeat passphrase",
    name: "passphraseAgain",
    type: "password",
    trim: false,
    autocomplete: "new-password",
    validate: (raw) =>
      raw !== passphrase.input.value
        ? { error: "The two passphrases differ.", code: "passphrases_differ" }
        : { value: raw },
  });
  return { passphrase, again };
}

function radio(name, value, label, checked = false) {
  const id = `${name}-${value}`;
  const input = h("input", { type: "radio", name, id, value, checked });
  return {
    input,
    element: h(
      "div",
      { class: "radio" },
      input,
      h("label", { for: id }, label),
    ),
  };
}

const PLAIN_WARNING =
  "Anyone who gets an unencrypted key file can get tokens as this integration. Store it only where secrets belong (a secrets manager or vault).";

/** `flow.keySaved()` once the key file is downloaded. */
export function keyStep(ctx, flow) {
  const name = uniqueId("protection");
  const encrypted = radio(
    name,
    "encrypted",
    "Encrypted with a passphrase (recommended)",
    true,
  );
  const plain = radio(name, "plain", "Not encrypted");
  const { passphrase, again } = passphraseFields();
  const plainConfirm = h("input", {
    type: "checkbox",
    id: uniqueId("plain-confirm"),
  });
  const encryptedFields = h(
    "div",
    { class: "indent" },
    passphrase.element,
    again.element,
  );
  const plainFields = h(
    "div",
    { class: "indent", hidden: true },
    h("div", { class: "message message--warning" }, h("p", {}, PLAIN_WARNING)),
    h(
      "div",
      { class: "checkbox" },
      plainConfirm,
      h(
        "label",
        { for: plainConfirm.id },
        "I understand: download the private key without encryption",
      ),
    ),
  );
  for (const choice of [encrypted, plain])
    choice.input.addEventListener("change", () => {
      encryptedFields.hidden = !encrypted.input.checked;
      plainFields.hidden = encrypted.input.checked;
    });
  const downloadButton = h(
    "button",
    { type: "button", class: "button button--primary" },
    "Download private key",
  );
  const status = h("div", { class: "status-area" });
  const keepButton = button("Keep the key in this browser", {
    "aria-describedby": "keep-key-hint",
  });
  const keepStatus = h("div", { class: "status-area" });
  const element = h(
    "fieldset",
    { class: "step", disabled: true, "aria-labelledby": "step-key" },
    h(
      "h4",
      { id: "step-key" },
      h("span", { class: "step__number" }, "2"),
      "Save the private key",
    ),
    h(
      "p",
      {},
      "The private key exists only in this page. Download it now: nothing else can be saved before it, and it cannot be shown again.",
    ),
    h(
      "fieldset",
      { class: "radios" },
      h("legend", {}, "Key file"),
      encrypted.element,
      encryptedFields,
      plain.element,
      plainFields,
    ),
    h("div", { class: "button-row" }, downloadButton),
    status,
    h(
      "div",
      { class: "keep-key" },
      h(
        "p",
        { class: "hint", id: "keep-key-hint" },
        "Optional: also keep the key in this browser as a non-extractable key (IndexedDB). The browser can sign with it to test the credentials, but nobody can read it out again.",
      ),
      h("div", { class: "button-row" }, keepButton),
      keepStatus,
    ),
  );

  /** The key file's text, or null when the user must correct something first. */
  async function keyFileText(pending) {
    if (!encrypted.input.checked) {
      if (plainConfirm.checked) return pending.generated.privateKeyPem;
      showError(
        status,
        {
          code: "confirmation_required",
          message:
            "Tick the box to confirm an unencrypted download, or choose Encrypted.",
        },
        { focus: false },
      );
      plainConfirm.focus();
      return null;
    }
    const first = passphrase.check(true);
    const second = again.check(true);
    if (first === null || second === null) {
      (first === null ? passphrase : again).input.focus();
      return null;
    }
    return withBusy(downloadButton, "Encrypting…", async () => {
      showMessage(
        status,
        "info",
        h(
          "div",
          { class: "progress" },
          h("progress", { "aria-label": "Encrypting the private key" }),
          h(
            "p",
            {},
            "Encrypting the key (600,000 PBKDF2 iterations, a few seconds)…",
          ),
        ),
      );
      try {
        return await encryptPrivateKey(pending.generated.privateKeyPem, first);
      } catch (error) {
        showError(status, error, {
          fields: { passphrase },
          prefix: "The key was not downloaded: ",
        });
        return null;
      }
    });
  }

  async function download() {
    clearMessage(status);
    const pending = ctx.pending;
    if (!pending) return;
    const contents = await keyFileText(pending);
    if (!contents || ctx.pending !== pending) return;
    const file = flow.keyFile();
    downloadText(file, contents);
    pending.keySaved = true;
    showMessage(
      status,
      "success",
      `Private key downloaded as ${file}${encrypted.input.checked ? " (encrypted)" : " (not encrypted)"}. Keep it safe: it is stored nowhere else. Next: step 3.`,
    );
    announce(
      "Private key downloaded. Step 3: upload the certificate to NetSuite.",
    );
    flow.keySaved();
  }
  downloadButton.addEventListener("click", download);
  for (const field of [passphrase, again])
    field.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        download();
      }
    });

  async function keep() {
    const pending = ctx.pending;
    if (!pending) return;
    await withBusy(keepButton, "Keeping…", async () => {
      try {
        const cryptoKey = await importCryptoKey(
          pending.generated.privateKeyPem,
        );
        await keepKey({
          orgId: ctx.orgId,
          cryptoKey,
          keyType: pending.keyType,
          fingerprintSha256: pending.generated.certificate.fingerprintSha256,
          notAfter: pending.generated.certificate.notAfter,
        });
        pending.keptInBrowser = true;
        showMessage(
          keepStatus,
          "success",
          "Kept in this browser as a non-extractable key. Use it on Test the credentials.",
          { focus: true },
        );
      } catch (error) {
        showError(keepStatus, error, {
          prefix: "Could not keep the key in this browser: ",
        });
      }
    });
  }
  keepButton.addEventListener("click", keep);

  return {
    element,
    reset() {
      clearMessage(status);
      clearMessage(keepStatus);
    },
  };
}
