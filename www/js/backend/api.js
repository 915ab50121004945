// The backend contract's calls (server/openapi.yaml). Only public data ever goes
// through here: names, IDs and the public certificate. Never a private key.
import { request } from "./http.js";

const integrationPath = (orgId) =>
  `/api/organisations/${encodeURIComponent(orgId)}/integrations/netsuite`;

export async function listOrganisations() {
  const data = await request("GET", "/api/organisations");
  return data?.organisations ?? [];
}

export function createOrganisation(name) {
  return request("POST", "/api/organisations", { body: { name } });
}

/** The integration, or null when the organisation has none yet. */
export async function getIntegration(orgId) {
  try {
    return await request("GET", integrationPath(orgId));
  } catch (error) {
    if (error.code === "integration_not_found") return null;
    throw error;
  }
}

/** Creates (version undefined) or updates the Account ID and Client ID. */
export function saveIntegration(orgId, { accountId, clientId }, version) {
  return request("PUT", integrationPath(orgId), {
    body: { accountId, clientId },
    version,
  });
}

/** `{certificateId}` updates the ID; `{certificateId, certificatePem}` replaces the certificate. */
export function saveCertificate(orgId, body, version) {
  return request("PUT", `${integrationPath(orgId)}/certificate`, {
    body,
    version,
  });
}

/** Records that a certificate was revoked in NetSuite: the current one, or the previous one with `certificateId`. */
export function recordRevocation(orgId, version, certificateId = undefined) {
  return request("POST", `${integrationPath(orgId)}/certificate/revoked`, {
    body: certificateId === undefined ? {} : { certificateId },
    version,
  });
}

/** Saves a new certificate as pending (the current one stays current); replaces a pending one. */
export function createPendingCertificate(orgId, certificatePem, version) {
  return request("PUT", `${integrationPath(orgId)}/pending-certificate`, {
    body: { certificatePem },
    version,
  });
}

export function discardPendingCertificate(orgId, version) {
  return request("DELETE", `${integrationPath(orgId)}/pending-certificate`, {
    version,
  });
}

/** Makes the pending certificate current under the ID NetSuite gave it. */
export function completePendingCertificate(
  orgId,
  { certificateId, certificateIdConfirmed },
  version,
) {
  const body = { certificateId };
  if (certificateIdConfirmed) body.certificateIdConfirmed = true;
  return request(
    "POST",
    `${integrationPath(orgId)}/pending-certificate/completion`,
    { body, version },
  );
}

/** `{history, certificates}`: the changes, newest first, and every certificate that has been current. */
export async function certificateHistory(orgId) {
  const data = await request("GET", `${integrationPath(orgId)}/certificates`);
  return {
    history: data?.history ?? [],
    certificates: data?.certificates ?? [],
  };
}

/** Renames the organisation; resolves to `{id, name, integration}`. */
export function renameOrganisation(orgId, name) {
  return request("PATCH", `/api/organisations/${encodeURIComponent(orgId)}`, {
    body: { name },
  });
}

/** Removes the organisation (its audit trail is kept); resolves to null. */
export async function removeOrganisation(orgId) {
  await request("DELETE", `/api/organisations/${encodeURIComponent(orgId)}`);
  return null;
}

/**
 * A live check (only where config.json says `netsuiteCheck`): the backend relays
 * the signed client assertion to NetSuite's token endpoint and answers the outcome
 * `{ok, status, error, expiresIn?, reason?, ...}`, never the token.
 */
export function checkToken(orgId, clientAssertion) {
  return request("POST", `${integrationPath(orgId)}/token-check`, {
    body: { clientAssertion },
  });
}

/** The organisation's audit entries, newest first. */
export async function auditEntries(orgId) {
  const data = await request(
    "GET",
    `/api/organisations/${encodeURIComponent(orgId)}/audit`,
  );
  return data?.entries ?? [];
}
