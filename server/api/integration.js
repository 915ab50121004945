// The NetSuite integration of an organisation: its Account ID and Client ID,
// and what every change of it shares (If-Match, the version, saving).
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

// { field: { old, new } } for each changed field, or null if none changed.
function changedFields(current, next) {
  const changes = {};
  for (const [field, value] of Object.entries(next))
    if (current[field] !== value)
      changes[field] = { old: current[field], new: value };
  return Object.keys(changes).length > 0 ? changes : null;
}

export function save(q, orgId, integration, history, limits) {
  q.saveIntegration(orgId, integration);
  for (const entry of history) q.addHistory(orgId, entry);
  q.pruneHistory(orgId, limits.historyEntries);
  return integration;
}

export function integrationResponse(integration) {
  return {
    status: 200,
    headers: { ETag: etag(integration.version) },
    body: integration,
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
