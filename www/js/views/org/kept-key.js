// The Certificate card's note on the key kept in this browser for this organisation
// (replace/keep-in-browser.js keeps it): which certificate it belongs to, and the way
// to remove it. During a replacement it is usually the pending certificate's key
// (pending-state.js); after one, the previous certificate's key;
// after a revocation, a key NetSuite no longer takes.
import { keyTypeLabel } from "../../module/index.js";
import { keptKey } from "../../private-key/keystore.js";
import { h, statusArea } from "../../ui/dom.js";
import { errorDetails, joinSentences } from "../../ui/errors.js";
import { forgetKeyButton } from "../../ui/forget-key.js";
import { formatDateTime } from "../../ui/format.js";
import { keptKeyCheck } from "./live-check/current.js";

const isCurrent = (kept, certificate) =>
  certificate?.status !== "revoked" &&
  kept.fingerprintSha256 === certificate?.fingerprintSha256;

function belongsTo(kept, certificate, pending, generated) {
  if (pending && kept.fingerprintSha256 === pending.fingerprintSha256)
    return "It belongs to the pending certificate: keep it, the application will need it once the pending certificate's ID is saved.";
  if (
    generated &&
    kept.fingerprintSha256 === generated.certificate.fingerprintSha256
  )
    return "It belongs to the new certificate being made below, not saved as pending yet: keep it, the application will need it once the new certificate is saved.";
  if (!certificate || kept.fingerprintSha256 !== certificate.fingerprintSha256)
    return "It belongs to an earlier certificate, no longer saved here: NetSuite refuses what it signs. Remove it unless you still need it.";
  if (certificate.status === "revoked")
    return "It belongs to the current certificate, which was revoked: NetSuite refuses what it signs. Remove it.";
  return "It belongs to the current certificate: Test the credentials can sign with it.";
}

export function keptKeyNote(ctx) {
  const body = h("div");
  const status = statusArea();
  const element = h("div", { class: "kept-key" }, body, status);
  let lookup = 0;

  /** Shows the kept key (or nothing); `keepStatus` keeps what `status` says. */
  async function refresh({ keepStatus = false } = {}) {
    const mine = ++lookup;
    if (!keepStatus) status.replaceChildren();
    let kept;
    try {
      kept = await keptKey(ctx.orgId);
    } catch (error) {
      if (mine !== lookup) return;
      // No IndexedDB at all: nothing can have been kept, nothing to say.
      body.replaceChildren(
        ...(error.code === "storage_unavailable"
          ? []
          : [
              h(
                "p",
                { class: "hint" },
                joinSentences(
                  "Could not read the keys kept in this browser: ",
                  error.message,
                ),
              ),
              errorDetails(error),
            ]),
      );
      return;
    }
    if (mine !== lookup) return;
    if (!kept) return body.replaceChildren();
    const certificate = ctx.integration?.certificate;
    body.replaceChildren(
      h("h3", {}, "Key kept in this browser"),
      h(
        "p",
        {},
        `Kept on ${formatDateTime(kept.savedAt)}: ${keyTypeLabel(kept.keyType)} key. `,
        belongsTo(
          kept,
          certificate,
          ctx.integration?.pendingCertificate,
          ctx.pending?.generated,
        ),
      ),
      // (replaceChildren would write a null as the text "null".)
      ...(isCurrent(kept, certificate) ? [keptKeyCheck(ctx, kept)] : []),
      h(
        "div",
        { class: "button-row" },
        forgetKeyButton({
          orgId: ctx.orgId,
          organisationName: ctx.organisation.name,
          status,
          removed: () => refresh({ keepStatus: true }),
        }),
      ),
    );
  }

  return { element, refresh };
}
