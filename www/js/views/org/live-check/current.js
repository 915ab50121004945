// The organisation page's ways to check the current certificate with NetSuite on
// demand: with the key kept in this browser, right on the Certificate card
// (kept-key.js mounts it); with a key file, on Test the credentials with this
// organisation preselected (the link).
import { createClientAssertionWithCryptoKey } from "../../../module/index.js";
import { h } from "../../../ui/dom.js";
import { liveCheck, liveCheckOffered } from "./index.js";

export function checkCurrentLink(orgId) {
  if (!liveCheckOffered()) return null;
  return h(
    "p",
    { class: "hint" },
    "Does NetSuite issue tokens for it? ",
    h(
      "a",
      { href: `#/test/${encodeURIComponent(orgId)}`, id: "check-current" },
      "Check the current certificate with NetSuite",
    ),
    " (with the key kept in this browser or the key file).",
  );
}

/** "Check the kept key with NetSuite", for the current certificate. */
export function keptKeyCheck(ctx, kept) {
  if (!liveCheckOffered()) return null;
  return liveCheck({
    orgId: () => ctx.orgId,
    label: "Check the kept key with NetSuite",
    sign: () =>
      createClientAssertionWithCryptoKey(kept.cryptoKey, {
        accountId: ctx.integration.accountId,
        clientId: ctx.integration.clientId,
        certificateId: ctx.integration.certificate.certificateId,
      }),
  }).element;
}
