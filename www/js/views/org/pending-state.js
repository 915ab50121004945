// What the organisation page knows about a pending certificate, in one place: the
// one saved with the integration (`ctx.integration.pendingCertificate`, anyone can
// finish or discard it) and the one this page generated and holds the key of
// (`ctx.pending`, replace/). They are the same certificate once the page saved it
// as pending; a pending certificate saved elsewhere since replaces that tie.
import { formatDateTime, personName } from "../../ui/format.js";

/** The pending certificate saved with the integration, or null. */
export const savedPending = (ctx) =>
  ctx.integration?.pendingCertificate ?? null;

/** True when the generated certificate in this page is the saved pending one. */
export function heldHere(ctx) {
  const saved = savedPending(ctx);
  return Boolean(
    ctx.pending &&
    saved &&
    saved.fingerprintSha256 ===
      ctx.pending.generated.certificate.fingerprintSha256,
  );
}

/** Who made it, as the audit trail names people. */
export const madeBy = (pending) => personName(pending.createdBy);

/** "made by X on <date>". */
export const madeByAndWhen = (pending) =>
  `made by ${madeBy(pending)} on ${formatDateTime(pending.createdAt)}`;

/**
 * The question before something replaces the pending certificate (a new
 * generation, or saving this page's certificate over another one); null when
 * nothing would be discarded.
 */
export function discardQuestion(ctx) {
  const saved = savedPending(ctx);
  if (saved && !heldHere(ctx))
    return `This discards the pending certificate ${madeByAndWhen(saved)} (NetSuite should list it as ${saved.expectedCertificateId}). A key made for it will match nothing, and a row uploaded to NetSuite for it should be removed. Go ahead?`;
  if (ctx.pending)
    return "Discard the certificate and key generated before? A key you already downloaded for it will match nothing.";
  return null;
}

/** Why leaving this page loses something, or null when a reload keeps the work. */
export function unsavedWork(ctx) {
  if (!ctx.pending) return null;
  if (!heldHere(ctx))
    return "A new certificate was generated but is not saved as pending. If you leave, it and its key are lost and the current certificate stays in use. Leave anyway?";
  if (!ctx.pending.keySaved && !ctx.pending.keptHere)
    return "The pending certificate is saved, but its private key exists only in this page: download it (step 2) first. If you leave, the key is lost and the pending certificate can only be discarded. Leave anyway?";
  return null;
}
