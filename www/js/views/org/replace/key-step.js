// Replace, step 2: the private key leaves the page, to the user's disk (protected
// as key-protection.js lets the user choose) and, if wanted, into this browser's
// key store as a non-extractable key.
import { importCryptoKey } from "../../../module/index.js";
import { downloadText } from "../../../private-key/download.js";
import { keepKey } from "../../../private-key/keystore.js";
import { announce, button, h, withBusy } from "../../../ui/dom.js";
import { showError } from "../../../ui/errors.js";
import { clearMessage, showMessage } from "../../../ui/messages.js";
import { keyProtection } from "./key-protection.js";

/** `flow.keySaved()` once the key file is downloaded. */
export function keyStep(ctx, flow) {
  const protection = keyProtection();
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
    protection.element,
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
    if (!protection.ready(status)) return null;
    if (!protection.encrypted()) return pending.generated.privateKeyPem;
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
      return protection.protect(pending.generated.privateKeyPem, status);
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
      `Private key downloaded as ${file}${protection.encrypted() ? " (encrypted)" : " (not encrypted)"}. Keep it safe: it is stored nowhere else. Next: step 3.`,
    );
    announce(
      "Private key downloaded. Step 3: upload the certificate to NetSuite.",
    );
    flow.keySaved();
  }
  downloadButton.addEventListener("click", download);
  for (const input of protection.passphraseInputs)
    input.addEventListener("keydown", (event) => {
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
