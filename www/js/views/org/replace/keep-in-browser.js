// Replace, step 2's option: also keep the new key in this browser's key store as a
// non-extractable CryptoKey, to sign test assertions with (see views/test/).
import { importCryptoKey } from "../../../module/index.js";
import { keepKey } from "../../../private-key/keystore.js";
import { button, h, statusArea, withBusy } from "../../../ui/dom.js";
import { showError } from "../../../ui/errors.js";
import { clearMessage, showMessage } from "../../../ui/messages.js";

export function keepInBrowser(ctx) {
  const keepButton = button("Keep the key in this browser", {
    "aria-describedby": "keep-key-hint",
  });
  const keepStatus = statusArea();
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
          keyType: pending.generated.keyType,
          fingerprintSha256: pending.generated.certificate.fingerprintSha256,
          notAfter: pending.generated.certificate.notAfter,
        });
        pending.keptHere = true;
        ctx.keptKeyChanged();
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
    element: h(
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
    reset: () => clearMessage(keepStatus),
  };
}
