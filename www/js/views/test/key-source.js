// Which private key signs: the one kept in this browser for the chosen organisation
// (a non-extractable CryptoKey), or a key file with its passphrase.
import {
  createClientAssertion,
  createClientAssertionWithCryptoKey,
  keyTypeLabel,
} from "../../module/index.js";
import { keptKey } from "../../private-key/keystore.js";
import { h, statusArea, uniqueId } from "../../ui/dom.js";
import { errorDetails, joinSentences } from "../../ui/errors.js";
import { fileField, keyPassphraseField, radio } from "../../ui/fields.js";
import { forgetKeyButton } from "../../ui/forget-key.js";
import { formatDateTime } from "../../ui/format.js";

const CHOOSE = "Choose an organisation whose key is kept in this browser.";

function keptDescription(kept, integration) {
  const current = integration?.certificate?.fingerprintSha256;
  const mismatch =
    current && kept.fingerprintSha256 && current !== kept.fingerprintSha256;
  return (
    `Kept on ${formatDateTime(kept.savedAt)}: ${keyTypeLabel(kept.keyType)} key.` +
    (mismatch
      ? " It belongs to a different certificate than the one saved now: NetSuite will refuse it."
      : "")
  );
}

export function keySource() {
  const name = uniqueId("key-source");
  const keptChoice = radio(name, "kept", "The key kept in this browser", {
    disabled: true,
  });
  const fileChoice = radio(name, "file", "A private key file", {
    checked: true,
  });
  const keptRadio = keptChoice.input;
  const fileRadio = fileChoice.input;
  const keptNote = h("p", { class: "hint", id: `${name}-kept-note` }, CHOOSE);
  keptRadio.setAttribute("aria-describedby", keptNote.id);
  const keptSupport = h("div", { class: "field__support" });
  const file = fileField("Private key file", "key-file", ".pem,.key");
  const passphrase = keyPassphraseField(
    "Passphrase (if the key file is encrypted)",
    "passphrase",
  );
  const fileFields = h(
    "div",
    { class: "indent" },
    file.element,
    passphrase.element,
  );
  const useFile = (yes) => {
    fileRadio.checked = yes;
    if (!yes) keptRadio.checked = true;
    fileFields.hidden = !yes;
  };
  for (const radio of [keptRadio, fileRadio])
    radio.addEventListener(
      "change",
      () => (fileFields.hidden = !fileRadio.checked),
    );
  let kept = null;
  const forgetStatus = statusArea();
  const forget = h("div", { class: "button-row" });

  const source = {
    passphrase,
    file,
    element: h(
      "fieldset",
      { class: "radios" },
      h("legend", {}, "Private key"),
      keptChoice.element,
      h(
        "div",
        { class: "indent" },
        keptNote,
        keptSupport,
        forget,
        forgetStatus,
      ),
      fileChoice.element,
      fileFields,
    ),
    /** Looks up the organisation's kept key (orgId null: none chosen). */
    async choose(orgId, integration, organisationName, { keepStatus } = {}) {
      kept = null;
      keptRadio.disabled = true;
      keptNote.textContent = CHOOSE;
      keptSupport.replaceChildren();
      forget.replaceChildren();
      if (!keepStatus) forgetStatus.replaceChildren();
      useFile(true);
      if (!orgId) return;
      try {
        kept = await keptKey(orgId);
      } catch (error) {
        keptNote.textContent = joinSentences(
          "Could not read the keys kept in this browser: ",
          error.message,
        );
        keptSupport.replaceChildren(errorDetails(error));
        return;
      }
      if (!kept) {
        keptNote.textContent =
          "No key of this organisation is kept in this browser.";
        return;
      }
      keptRadio.disabled = false;
      useFile(false);
      keptNote.textContent = keptDescription(kept, integration);
      forget.replaceChildren(
        forgetKeyButton({
          orgId,
          organisationName,
          status: forgetStatus,
          removed: () =>
            source.choose(orgId, integration, organisationName, {
              keepStatus: true,
            }),
        }),
      );
    },
    /** The kept key when chosen, else null (sign with the file). */
    keptKey: () => (keptRadio.checked && kept ? kept : null),
    /** The module's ClientAssertion for `options`, signed with the chosen key. */
    async sign(options) {
      const chosenKey = source.keptKey();
      if (chosenKey)
        return createClientAssertionWithCryptoKey(chosenKey.cryptoKey, options);
      const chosen = file.input.files[0];
      if (!chosen)
        throw Object.assign(
          new Error("Choose the private key file, or a kept key."),
          { code: "key_file_required" },
        );
      return createClientAssertion({
        ...options,
        privateKeyPem: await chosen.text(),
        passphrase: passphrase.value || undefined,
      });
    },
  };
  return source;
}
