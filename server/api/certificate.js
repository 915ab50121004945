// The integration's certificate: replace it, update its ID, record a
// revocation (of the current or a previous one), and read its history.
import { HttpError } from "../errors.js";
import { audit } from "./audit.js";
import { askModule, checkIfMatch, isoNow } from "./common.js";
import {
  acceptable,
  checkCanRename,
  checkExpectedId,
  checkNotCurrentId,
} from "./certificate-rules.js";
import {
  auditOf,
  certificateFields,
  certificateList,
  historyEntry,
  makeCurrent,
} from "./changes.js";
import {
  integrationResponse,
  requireIntegration,
  save,
  touched,
} from "./integration.js";

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

function certificateNotFound(certificateId) {
  return new HttpError(
    404,
    "certificate_not_found",
    `No certificate of this integration has the Certificate ID ${certificateId}. Check the ID against the certificate list of this organisation.`,
    { field: "certificateId" },
  );
}
