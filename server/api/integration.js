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
      const next = {
        certificateId,
        pem: report.pem,
        fingerprintSha256: report.fingerprintSha256,
        keyType: report.keyType ?? report.key?.keyType ?? null,
        notBefore: report.notBefore,
        notAfter: report.notAfter,
        status: "active",
        savedAt: at,
      };
      if (current) history.push(historyEntry(at, "replaced", current, null));
      history.push(
        historyEntry(at, "added", next, current?.certificateId ?? null),
      );
      integration.certificate = next;
    }
    for (const entry of history) audit(q, orgId, user, ...auditOf(entry), at);
    return save(q, orgId, touched(integration, at), history, limits);
  });
  return integrationResponse(result);
}

// NetSuite gives every uploaded certificate its own ID: the current one's ID for a
// new certificate means the application would sign with the new key under the
// old ID, and NetSuite would refuse every token.
function checkNotCurrentId(certificateId, current) {
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
function checkExpectedId(certificateId, expected, body) {
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
  await readBody("revokeCertificate");
  const result = await store.write((q) => {
    const integration = requireIntegration(q, orgId, validOrgId);
    checkIfMatch(headers, integration);
    const current = integration.certificate;
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
  const history = await store.read((q) => {
    requireIntegration(q, orgId, validOrgId);
    return q.history(orgId);
  });
  return { status: 200, body: { history } };
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
function auditOf(entry) {
  const certificate = {
    certificateId: entry.certificateId,
    fingerprintSha256: entry.fingerprintSha256,
    notAfter: entry.notAfter,
  };
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

function save(q, orgId, integration, history, limits) {
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
function acceptable(report) {
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

function integrationResponse(integration) {
  return {
    status: 200,
    headers: { ETag: etag(integration.version) },
    body: integration,
  };
}

function historyEntry(at, change, certificate, previousCertificateId) {
  return {
    at,
    change,
    certificateId: certificate.certificateId,
    previousCertificateId,
    fingerprintSha256: certificate.fingerprintSha256,
    keyType: certificate.keyType,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

function touched(integration, at = isoNow()) {
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
