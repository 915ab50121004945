// Replace, step 4's live check: before saving, sign with the new key (`signWith`:
// the key still in hand after generating, or on the pending certificate's card a
// key the user chooses) for the saved Account ID and Client ID and the pasted
// Certificate ID, and ask NetSuite. Saving after a failed check stays possible;
// the save's success sentence then states the failure (`annotate`).
import { h } from "../../../ui/dom.js";
import { liveCheck, liveCheckOffered } from "../live-check/index.js";

/**
 * `certificateId` is step 4's field; `signWith(ids)` resolves to the module's
 * ClientAssertion for `{accountId, clientId, certificateId}`; `keyChoice`, an
 * element shown before the button (which key signs). Returns
 * `{element, annotate(text), reset()}`.
 */
export function replaceCheck(ctx, certificateId, { signWith, keyChoice }) {
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
      return signWith({
        accountId: ctx.integration.accountId,
        clientId: ctx.integration.clientId,
        certificateId: kid,
      });
    },
  });
  certificateId.input.addEventListener("input", () => check.reset());
  return {
    element: h("div", { class: "replace-check" }, keyChoice, check.element),
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
