// What a certificate change records: its history entries, their audit entries,
// and the list of certificates the kept history tells of.

/**
 * Makes `next` (with its certificateId) the current certificate; returns the
 * history entries: "replaced" for the old one (if any), then `change` for it.
 */
export function makeCurrent(integration, next, at, change) {
  const old = integration.certificate;
  integration.certificate = {
    certificateId: next.certificateId,
    ...certificateFields(next),
    status: "active",
    savedAt: at,
  };
  const entries = [];
  if (old) entries.push(historyEntry(at, "replaced", old, null));
  entries.push(
    historyEntry(
      at,
      change,
      integration.certificate,
      old?.certificateId ?? null,
    ),
  );
  return entries;
}

/** What the module's report says of a certificate, as stored. */
export function certificateFields(report) {
  return {
    pem: report.pem,
    fingerprintSha256: report.fingerprintSha256,
    keyType: report.keyType ?? report.key?.keyType ?? null,
    notBefore: report.notBefore,
    notAfter: report.notAfter,
  };
}

/** A history entry; a pending certificate's has no certificateId (null). */
export function historyEntry(at, change, certificate, previousCertificateId) {
  return {
    at,
    change,
    certificateId: certificate.certificateId ?? null,
    previousCertificateId,
    fingerprintSha256: certificate.fingerprintSha256,
    keyType: certificate.keyType,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

// The audit entry ([action, details]) of a certificate history entry.
export function auditOf(entry) {
  const certificate = {
    certificateId: entry.certificateId,
    fingerprintSha256: entry.fingerprintSha256,
    notAfter: entry.notAfter,
  };
  const { certificateId, ...made } = certificate; // (NetSuite gave it no ID yet)
  if (entry.change === "pending") return ["certificate_pending", made];
  if (entry.change === "discarded")
    return ["certificate_pending_discarded", made];
  if (entry.change === "completed")
    return [
      "certificate_pending_completed",
      { ...certificate, previousCertificateId: entry.previousCertificateId },
    ];
  if (entry.change === "certificate_id_changed")
    return [
      "certificate_id_changed",
      {
        certificateId: {
          old: entry.previousCertificateId,
          new: entry.certificateId,
        },
        fingerprintSha256: entry.fingerprintSha256,
      },
    ];
  if (entry.change === "added")
    return [
      "certificate_added",
      { ...certificate, previousCertificateId: entry.previousCertificateId },
    ];
  return [`certificate_${entry.change}`, certificate];
}

/**
 * Every certificate that has been current (as far as the kept history tells),
 * newest first: the current one, then the others by when they became current.
 * A certificate is known by its fingerprint; its ID is the latest it had.
 */
export function certificateList(history, current) {
  const found = new Map();
  const oldestFirst = [...history].reverse();
  for (const [index, entry] of oldestFirst.entries()) {
    if (entry.change === "pending" || entry.change === "discarded") continue;
    let certificate = found.get(entry.fingerprintSha256);
    if (!certificate) {
      certificate = {
        certificateId: null,
        fingerprintSha256: entry.fingerprintSha256,
        keyType: entry.keyType,
        notBefore: entry.notBefore,
        notAfter: entry.notAfter,
        current: false,
        revoked: false,
        revokedAt: null,
        since: index,
      };
      found.set(entry.fingerprintSha256, certificate);
    }
    if (entry.certificateId !== null)
      certificate.certificateId = entry.certificateId;
    if (entry.change === "revoked" && !certificate.revoked)
      Object.assign(certificate, { revoked: true, revokedAt: entry.at });
  }
  if (current) {
    const known = found.get(current.fingerprintSha256);
    const revoked = current.status === "revoked";
    found.set(current.fingerprintSha256, {
      certificateId: current.certificateId,
      fingerprintSha256: current.fingerprintSha256,
      keyType: current.keyType,
      notBefore: current.notBefore,
      notAfter: current.notAfter,
      current: true,
      revoked,
      revokedAt: (revoked && known?.revokedAt) || null,
      since: Infinity,
    });
  }
  return [...found.values()]
    .filter((certificate) => certificate.certificateId !== null)
    .sort((a, b) => b.since - a.since)
    .map(({ since, ...certificate }) => certificate);
}
