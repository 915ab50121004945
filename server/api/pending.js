// The pending certificate: made (its key went to the person who made it) but
// not yet uploaded to NetSuite. Anyone may finish it later with the ID NetSuite
// gives it, or discard it; the current certificate stays current until then.
import { HttpError } from "../errors.js";
import { audit } from "./audit.js";
import { askModule, checkIfMatch, isoNow } from "./common.js";
import {
  acceptable,
  auditOf,
  certificateFields,
  checkExpectedId,
  checkNotCurrentId,
  historyEntry,
  integrationResponse,
  makeCurrent,
  requireIntegration,
  save,
  touched,
} from "./integration.js";

export async function putPendingCertificate(request) {
  const { store, m2m, orgId, validOrgId, headers, readBody, limits, user } =
    request;
  const body = await readBody("putPendingCertificate");
  const inspected = await askModule(
    () => m2m.inspectCertificate(body.certificatePem),
    "certificatePem",
  );
  const result = await store.write((q) => {
    const integration = requireIntegration(q, orgId, validOrgId);
    checkIfMatch(headers, integration);
    const report = acceptable(inspected.value());
    if (
      integration.certificate?.fingerprintSha256 === report.fingerprintSha256
    ) {
      throw new HttpError(
        409,
        "certificate_is_current",
        "This is the current certificate of the integration, not a new one. Make a new certificate to replace it.",
        { field: "certificatePem" },
      );
    }
    const old = integration.pendingCertificate;
    // The same pending certificate again: nothing changes.
    if (old?.fingerprintSha256 === report.fingerprintSha256) return integration;
    const at = isoNow();
    const history = [];
    if (old) history.push(historyEntry(at, "discarded", old, null));
    const { pem, ...fields } = certificateFields(report);
    integration.pendingCertificate = {
      pem,
      expectedCertificateId: report.expectedCertificateId ?? null,
      ...fields,
      createdAt: at,
      createdBy: { subject: user.subject, email: user.email ?? null },
    };
    history.push(
      historyEntry(at, "pending", integration.pendingCertificate, null),
    );
    for (const entry of history) audit(q, orgId, user, ...auditOf(entry), at);
    return save(q, orgId, touched(integration, at), history, limits);
  });
  return integrationResponse(result);
}

export async function deletePendingCertificate(request) {
  const { store, orgId, validOrgId, headers, checkOrigin, limits, user } =
    request;
  checkOrigin();
  const result = await store.write((q) => {
    const integration = requireIntegration(q, orgId, validOrgId);
    checkIfMatch(headers, integration);
    const pending = requirePending(integration);
    const at = isoNow();
    const entry = historyEntry(at, "discarded", pending, null);
    integration.pendingCertificate = null;
    audit(q, orgId, user, ...auditOf(entry), at);
    return save(q, orgId, touched(integration, at), [entry], limits);
  });
  return integrationResponse(result);
}

export async function completePendingCertificate(request) {
  const { store, m2m, orgId, validOrgId, headers, readBody, limits, user } =
    request;
  const body = await readBody("completePendingCertificate");
  const id = await askModule(
    () => m2m.parseCertificateId(body.certificateId),
    "certificateId",
  );
  const result = await store.write((q) => {
    const integration = requireIntegration(q, orgId, validOrgId);
    checkIfMatch(headers, integration);
    const pending = requirePending(integration);
    const { certificateId } = id.value();
    // The same rules as a replacement (PUT .../certificate).
    checkNotCurrentId(certificateId, integration.certificate);
    checkExpectedId(certificateId, pending.expectedCertificateId, body);
    const at = isoNow();
    integration.pendingCertificate = null;
    const history = makeCurrent(
      integration,
      { ...pending, certificateId },
      at,
      "completed",
    );
    for (const entry of history) audit(q, orgId, user, ...auditOf(entry), at);
    return save(q, orgId, touched(integration, at), history, limits);
  });
  return integrationResponse(result);
}

function requirePending(integration) {
  if (integration.pendingCertificate) return integration.pendingCertificate;
  throw new HttpError(
    409,
    "no_pending_certificate",
    "There is no pending certificate: it was finished or discarded meanwhile. Reload the page to see the current state.",
  );
}
