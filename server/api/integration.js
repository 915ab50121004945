// The NetSuite integration of an organisation: its IDs, its certificate, and
// the certificate history (the newest `limits.historyEntries` entries are kept).
import { HttpError } from "../errors.js";
import { audit } from "./audit.js";
import {
  askModule,
  checkIfMatch,
  etag,
  isoNow,
  organisationNotFound,
} from "./common.js";

export async function getIntegration({ store, orgId, validOrgId }) {
  return integrationResponse(
    await store.read((q) => requireIntegration(q, orgId, validOrgId)),
  );
}

export async function putIntegration(request) {
  const { store, m2m, orgId, validOrgId, headers, readBody, user } = request;
  const body = await readBody("putIntegration");
  const account = await askModule(
    () => m2m.parseAccountId(body.accountId),
    "accountId",
  );
  const client = await askModule(
    () => m2m.parseClientId(body.clientId),
    "clientId",
  );
  const result = await store.write((q) => {
    requireOrganisation(q, orgId, validOrgId);
    const current = q.integration(orgId);
    if (current) {
      checkIfMatch(headers, current);
    } else if (headers["if-match"] !== undefined) {
      throw new HttpError(
        412,
        "version_mismatch",
        "There is no NetSuite integration to update yet; send the request without If-Match to create it.",
      );
    }
    const { accountId } = account.value();
    const { clientId } = client.value();
    if (!current) {
      const created = {
        accountId,
        clientId,
        certificate: null,
        pendingCertificate: null,
        version: 1,
        updatedAt: isoNow(),
      };
      q.saveIntegration(orgId, created);
      audit(q, orgId, user, "integration_created", { accountId, clientId });
      return created;
    }
    const changes = changedFields(current, { accountId, clientId });
    if (changes) {
      Object.assign(current, { accountId, clientId });
      q.saveIntegration(orgId, touched(current));
      audit(q, orgId, user, "integration_changed", changes, current.updatedAt);
    }
    return current;
  });
  return integrationResponse(result);
}

export async function putCertificate(request) {
  const { store, m2m, orgId, validOrgId, headers, readBody, limits, user } =
    request;
  const body = await readBody("putCertificate");
  const replacing = body.certificatePem !== undefined;
  const id = await askModule(
    () => m2m.parseCertificateId(body.certificateId),
    "certificateId",
  );
  const inspected =
    replacing &&
    (await askModule(
      () => m2m.inspectCertificate(body.certificatePem),
      "certificatePem",
    ));
  // An update compares with the current certificate's expected ID; read it
  // before the (synchronous) transaction, and check it is still current inside.
  const currentPem = replacing
    ? null
    : await store.read((q) => q.integration(orgId)?.certificate?.pem ?? null);
  const currentExpected =
    currentPem &&
    (await m2m.inspectCertificate(currentPem)).expectedCertificateId;
  const result = await store.write((q) => {
    const integration = requireIntegration(q, orgId, validOrgId);
    checkIfMatch(headers, integration);
    const { certificateId } = id.value();
    const current = integration.certificate;
    const at = isoNow();
    const history = [];
    if (!replacing) {
      checkCanRename(current);
      if (current.certificateId === certificateId) return integration;
      if (current.pem === currentPem)
        checkExpectedId(certificateId, currentExpected, body);
      history.push(
        historyEntry(
          at,
          "certificate_id_changed",
          { ...current, certificateId },
          current.certificateId,
        ),
      );
      current.certificateId = certificateId;
    } else {
      const report = acceptable(inspected.value());
      checkNotCurrentId(certificateId, current);
      checkExpectedId(certificateId, report.expectedCertificateId, body);
      // The pending certificate sent here completes it; another one discards it.
      const pending = integration.pendingCertificate;
      const completes = pending?.fingerprintSha256 === report.fingerprintSha256;
      if (pending && !completes)
        history.push(historyEntry(at, "discarded", pending, null));
      integration.pendingCertificate = null;
      history.push(
        ...makeCurrent(
          integration,
          { ...certificateFields(report), certificateId },
          at,
          completes ? "completed" : "added",
        ),
      );
    }
    for (const entry of history) audit(q, orgId, user, ...auditOf(entry), at);
    return save(q, orgId, touched(integration, at), history, limits);
  });
  return integrationResponse(result);
}

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

export async function revokeCertificate(request) {
  const { store, orgId, validOrgId, headers, readBody, limits, user } = request;
  const { certificateId } = await readBody("revokeCertificate");
  const result = await store.write((q) => {
    const integration = requireIntegration(q, orgId, validOrgId);
    checkIfMatch(headers, integration);
    const current = integration.certificate;
    if (
      certificateId !== undefined &&
      certificateId !== current?.certificateId
    ) {
      // A previous certificate: recorded in the history, nothing else changes.
      const previous = certificateList(q.history(orgId), current).find(
        (certificate) =>
          !certificate.current && certificate.certificateId === certificateId,
      );
      if (!previous) throw certificateNotFound(certificateId);
      if (previous.revoked) return integration;
      const at = isoNow();
      const entry = historyEntry(at, "revoked", previous, null);
      audit(q, orgId, user, ...auditOf(entry), at);
      return save(q, orgId, touched(integration, at), [entry], limits);
    }
    if (!current) {
      throw new HttpError(
        409,
        "no_certificate",
        "There is no current certificate to mark as revoked.",
      );
    }
    if (current.status === "revoked") return integration;
    const at = isoNow();
    current.status = "revoked";
    const entry = historyEntry(at, "revoked", current, null);
    audit(q, orgId, user, ...auditOf(entry), at);
    return save(q, orgId, touched(integration, at), [entry], limits);
  });
  return integrationResponse(result);
}

export async function getHistory({ store, orgId, validOrgId }) {
  const body = await store.read((q) => {
    const integration = requireIntegration(q, orgId, validOrgId);
    const history = q.history(orgId);
    return {
      history,
      certificates: certificateList(history, integration.certificate),
    };
  });
  return { status: 200, body };
}

/**
 * Every certificate that has been current (as far as the kept history tells),
 * newest first: the current one, then the others by when they became current.
 * A certificate is known by its fingerprint; its ID is the latest it had.
 */
function certificateList(history, current) {
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

function certificateNotFound(certificateId) {
  return new HttpError(
    404,
    "certificate_not_found",
    `No certificate of this integration has the Certificate ID ${certificateId}. Check the ID against the certificate list of this organisation.`,
    { field: "certificateId" },
  );
}

// ---- helpers ------------------------------------------------------------------

// { field: { old, new } } for each changed field, or null if none changed.
function changedFields(current, next) {
  const changes = {};
  for (const [field, value] of Object.entries(next))
    if (current[field] !== value)
      changes[field] = { old: current[field], new: value };
  return Object.keys(changes).length > 0 ? changes : null;
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

export function save(q, orgId, integration, history, limits) {
  q.saveIntegration(orgId, integration);
  for (const entry of history) q.addHistory(orgId, entry);
  q.pruneHistory(orgId, limits.historyEntries);
  return integration;
}

function checkCanRename(current) {
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

export function integrationResponse(integration) {
  return {
    status: 200,
    headers: { ETag: etag(integration.version) },
    body: integration,
  };
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

export function touched(integration, at = isoNow()) {
  return Object.assign(integration, {
    version: integration.version + 1,
    updatedAt: at,
  });
}

function requireOrganisation(q, orgId, validOrgId) {
  const org = validOrgId ? q.organisation(orgId) : undefined;
  if (!org) throw organisationNotFound();
  return org;
}

export function requireIntegration(q, orgId, validOrgId) {
  const org = requireOrganisation(q, orgId, validOrgId);
  const integration = q.integration(orgId);
  if (!integration) {
    throw new HttpError(
      404,
      "integration_not_found",
      `${org.name} has no NetSuite integration yet; save its Account ID and Client ID first.`,
    );
  }
  return integration;
}
