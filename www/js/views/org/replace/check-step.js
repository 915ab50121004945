// Replace, step 4's live check: before saving, sign with the new key still in hand
// (ctx.pending.generated) for the saved Account ID and Client ID and the pasted
// Certificate ID, and ask NetSuite. Saving after a failed check stays possible;
// the save's success sentence then states the failure (`annotate`).
import { createClientAssertion } from "../../../module/index.js";
import { h } from "../../../ui/dom.js";
import { liveCheck, liveCheckOffered } from "../live-check/index.js";

/** `certificateId` is step 4's field; returns `{element, annotate(text), reset()}`. */
export function replaceCheck(ctx, certificateId) {
  if (!liveCheckOffered())
    return { element: null, annotate: (text) => text, reset() {} };
  const check = liveCheck({
    orgId: () => ctx.orgId,
    // The kept key's check on the Certificate card may show at the same time.
    label: "Check the new certificate with NetSuite",
    intro:
      "Before saving, ask NetSuite whether it issues a token for the new key and this Certificate ID (the backend relays the request and discards the token).",
    signError: { fields: { certificateId } },
    async sign() {
      const kid = certificateId.check(true);
      if (kid === null) {
        certificateId.input.focus();
        return null;
      }
      return createClientAssertion({
        privateKeyPem: ctx.pending.generated.privateKeyPem,
        accountId: ctx.integration.accountId,
        clientId: ctx.integration.clientId,
        certificateId: kid,
      });
    },
  });
  certificateId.input.addEventListener("input", () => check.reset());
  return {
    element: h("div", { class: "replace-check" }, check.element),
    annotate(text) {
      const result = check.result();
      check.reset();
      if (!result)
        return `${text} It was saved without a live check with NetSuite.`;
      if (result.ok) return `${text} NetSuite issued a token for it.`;
      return `${text} Note: the live check before saving failed (${result.title}): fix that before the application uses the new key.`;
    },
    reset: () => check.reset(),
  };
}
