// Replace, step 2's choice of how the key file is protected: encrypted with a
// passphrase (used exactly as typed, spaces included, counted as the module counts)
// or, after an explicit confirmation, not encrypted.
import {
  encryptPrivateKey,
  passphraseLength,
  rules,
} from "../../../module/index.js";
import { h, uniqueId } from "../../../ui/dom.js";
import { showError } from "../../../ui/errors.js";
import { radio, textField } from "../../../ui/fields.js";

function passphraseFields() {
  const min = rules().passphraseMinLength;
  const passphrase = textField({
    label: "Passphrase",
    name: "passphrase",
    missing: "Choose a passphrase for the key file.",
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
    missing: "Type the passphrase again.",
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

const PLAIN_WARNING =
  "Anyone who gets an unencrypted key file can get tokens as this integration. Store it only where secrets belong (a secrets manager or vault).";

/** The unencrypted choice's warning and its confirmation box. */
function plainConfirmation() {
  const plainConfirm = h("input", {
    type: "checkbox",
    id: uniqueId("plain-confirm"),
  });
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
  return { plainFields, plainConfirm };
}

function passphrasesReady(passphrase, again) {
  const first = passphrase.check(true);
  const second = again.check(true);
  if (first !== null && second !== null) return true;
  (first === null ? passphrase : again).input.focus();
  return false;
}

function plainConfirmed(plainConfirm, status) {
  if (plainConfirm.checked) return true;
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
  return false;
}

/**
 * The passphrase fields in a form of their own, as password managers expect: a
 * hidden username names what the passphrase is for, so a saved one is found again.
 */
function passphraseForm(keyName, ...fields) {
  return h(
    "form",
    {
      class: "indent",
      "aria-label": "Passphrase of the key file",
      onsubmit: (event) => event.preventDefault(),
    },
    h("input", {
      type: "text",
      name: "username",
      autocomplete: "username",
      value: keyName,
      hidden: true,
      readonly: true,
    }),
    ...fields,
  );
}

/** `keyName`: what the key is for (the username a password manager files it under). */
export function keyProtection(keyName = "NetSuite M2M private key") {
  const name = uniqueId("protection");
  const encrypted = radio(
    name,
    "encrypted",
    "Encrypted with a passphrase (recommended)",
    { checked: true },
  );
  const plain = radio(name, "plain", "Not encrypted");
  const { passphrase, again } = passphraseFields();
  const encryptedFields = passphraseForm(
    keyName,
    passphrase.element,
    again.element,
  );
  const { plainFields, plainConfirm } = plainConfirmation();
  for (const choice of [encrypted, plain])
    choice.input.addEventListener("change", () => {
      encryptedFields.hidden = !encrypted.input.checked;
      plainFields.hidden = encrypted.input.checked;
    });

  return {
    element: h(
      "fieldset",
      { class: "radios" },
      h("legend", {}, "Key file"),
      encrypted.element,
      encryptedFields,
      plain.element,
      plainFields,
    ),
    passphraseInputs: [passphrase.input, again.input],
    encrypted: () => encrypted.input.checked,
    /** True when the chosen protection can go ahead; else shows why in `status`. */
    ready: (status) =>
      encrypted.input.checked
        ? passphrasesReady(passphrase, again)
        : plainConfirmed(plainConfirm, status),
    /** The key file's text (encrypted when chosen), or null on failure. */
    async protect(privateKeyPem, status) {
      if (!encrypted.input.checked) return privateKeyPem;
      try {
        return await encryptPrivateKey(privateKeyPem, passphrase.input.value);
      } catch (error) {
        showError(status, error, {
          fields: { passphrase },
          prefix: "The key was not downloaded: ",
        });
        return null;
      }
    },
  };
}
