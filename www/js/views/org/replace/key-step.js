// Replace, step 2: the private key leaves the page, to the user's disk (protected
// as key-protection.js lets the user choose) and, if wanted, into this browser's
// key store (keep-in-browser.js).
import { rules } from "../../../module/index.js";
import { downloadText } from "../../../private-key/download.js";
import { announce, button, h, statusArea, withBusy } from "../../../ui/dom.js";
import { clearMessage, showMessage } from "../../../ui/messages.js";
import { keyProtection } from "./key-protection.js";
import { keepInBrowser } from "./keep-in-browser.js";
import { lockedStep } from "./step.js";

/** The module's PBKDF2 work, in words. */
function encryptingText() {
  const iterations = rules().pbkdf2Iterations.toLocaleString("en-GB");
  return `Encrypting the key (${iterations} PBKDF2 iterations, a few seconds)…`;
}

/** `flow.keySaved()` once the key file is downloaded. */
export function keyStep(ctx, flow) {
  const protection = keyProtection(`NetSuite M2M key: ${ctx.orgId}`);
  const downloadButton = button("Download private key", {
    class: "button button--primary",
  });
  const status = statusArea();
  const keep = keepInBrowser(ctx);
  const element = lockedStep(
    2,
    "step-key",
    "Save the private key",
    h(
      "p",
      {},
      "The private key exists only in this page. Download it now: nothing else can be saved before it, and it cannot be shown again.",
    ),
    protection.element,
    h("div", { class: "button-row" }, downloadButton),
    status,
    keep.element,
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
          h("p", {}, encryptingText()),
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
    const file = downloadText(flow.keyFile(), contents);
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

  return {
    element,
    reset() {
      clearMessage(status);
      keep.reset();
    },
  };
}
