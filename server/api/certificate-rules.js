// What the backend refuses of a certificate or its ID, before anything is saved.
import { HttpError } from "../errors.js";

// NetSuite gives every uploaded certificate its own ID: the current one's ID for a
// new certificate means the application would sign with the new key under the
// old ID, and NetSuite would refuse every token.
export function checkNotCurrentId(certificateId, current) {
  if (current?.certificateId !== certificateId) return;
  throw new HttpError(
    409,
    "certificate_id_is_current",
    `${certificateId} is the Certificate ID of the current certificate. NetSuite gives the new certificate an ID of its own when it is uploaded: copy the ID of the new row in NetSuite's list.`,
    { field: "certificateId" },
  );
}

// Observed, not documented by Oracle: NetSuite's Certificate ID is the SHA-256 of
// the certificate's DER (the module's expectedCertificateId). A different ID is
// most likely a slip, so it is saved only when the request says it was confirmed.
export function checkExpectedId(certificateId, expected, body) {
  if (!expected || certificateId === expected || body.certificateIdConfirmed)
    return;
  throw new HttpError(
    422,
    "certificate_id_mismatch",
    `${certificateId} is not the ID NetSuite is expected to give this certificate (${expected}). Check that you copied the ID of the right row in NetSuite; if NetSuite really shows ${certificateId} for this certificate, confirm it and save again.`,
    { field: "certificateId", extra: { expectedCertificateId: expected } },
  );
}

export function checkCanRename(current) {
  if (!current) {
    throw new HttpError(
      409,
      "no_certificate",
      "There is no current certificate whose Certificate ID could be updated; add a certificate first.",
      { field: "certificateId" },
    );
  }
  if (current.status === "revoked") {
    throw new HttpError(
      409,
      "certificate_revoked",
      "The current certificate was revoked in NetSuite; replace it with a new certificate instead.",
      { field: "certificateId" },
    );
  }
}

// A certificate with an `error` finding is one NetSuite would refuse.
export function acceptable(report) {
  const errors = report.findings.filter(
    (finding) => finding.severity === "error",
  );
  if (errors.length > 0) {
    throw new HttpError(
      422,
      "certificate_refused",
      errors.map((finding) => finding.message).join(" "),
      { field: "certificatePem", extra: { findings: errors } },
    );
  }
  return report;
}
