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

export function recordRevocation(orgId, version) {
  return request("POST", `${integrationPath(orgId)}/certificate/revoked`, {
    body: {},
    version,
  });
}

export async function certificateHistory(orgId) {
  const data = await request("GET", `${integrationPath(orgId)}/certificates`);
  return data?.history ?? [];
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
