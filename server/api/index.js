// The backend contract (server/openapi.yaml): organisations and their NetSuite
// integration. Only public data is stored: IDs and the public certificate.
import { HttpError } from "../errors.js";
import { exportAudit, getAudit } from "./audit.js";
import { notFound } from "./common.js";
import {
  getHistory,
  getIntegration,
  putCertificate,
  putIntegration,
  revokeCertificate,
} from "./integration.js";
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  removeOrganisation,
  renameOrganisation,
} from "./organisations.js";
import {
  completePendingCertificate,
  deletePendingCertificate,
  putPendingCertificate,
} from "./pending.js";
import { getSession } from "./session.js";
import { checkToken } from "./token-check.js";

export { seedOrganisations } from "./organisations.js";

// The defaults of the bounds (MAX_ORGANISATIONS, MAX_HISTORY_ENTRIES).
export const DEFAULT_LIMITS = { organisations: 1000, historyEntries: 200 };

/**
 * The route table: each path of the contract (server/openapi.yaml) and the
 * handler of each method. tests/server/contract.test.mjs checks the contract
 * against this table. HEAD is answered wherever GET is (as GET, without the body).
 */
export const ROUTES = {
  "/api/session": { GET: getSession },
  "/api/audit": { GET: exportAudit },
  "/api/organisations": {
    GET: listOrganisations,
    POST: createOrganisation,
  },
  "/api/organisations/{org}": {
    GET: getOrganisation,
    PATCH: renameOrganisation,
    DELETE: removeOrganisation,
  },
  "/api/organisations/{org}/audit": { GET: getAudit },
  "/api/organisations/{org}/integrations/netsuite": {
    GET: getIntegration,
    PUT: putIntegration,
  },
  "/api/organisations/{org}/integrations/netsuite/certificate": {
    PUT: putCertificate,
  },
  "/api/organisations/{org}/integrations/netsuite/pending-certificate": {
    PUT: putPendingCertificate,
    DELETE: deletePendingCertificate,
  },
  "/api/organisations/{org}/integrations/netsuite/pending-certificate/completion":
    { POST: completePendingCertificate },
  "/api/organisations/{org}/integrations/netsuite/certificate/revoked": {
    POST: revokeCertificate,
  },
  "/api/organisations/{org}/integrations/netsuite/certificates": {
    GET: getHistory,
  },
  "/api/organisations/{org}/integrations/netsuite/token-check": {
    POST: checkToken,
  },
};

// The table as [segments of the template, methods], matched segment by segment.
const MATCHERS = Object.entries(ROUTES).map(([template, methods]) => [
  template.slice("/api/".length).split("/"),
  methods,
]);

/**
 * Routes one API request; returns { status, body, headers? } or throws HttpError.
 * `segments` is the decoded path after /api/, e.g. ["organisations", "demo"];
 * `readBody(operationId)` reads the JSON body and checks it against the contract.
 */
export async function handleApi({ method, segments, contract, ...request }) {
  const found = MATCHERS.find(
    ([template]) =>
      template.length === segments.length &&
      template.every((part, i) => part.startsWith("{") || part === segments[i]),
  );
  if (!found) throw notFound();
  const [template, methods] = found;
  const asked = method === "HEAD" ? "GET" : method;
  if (!Object.hasOwn(methods, asked))
    throw methodNotAllowed(allowedMethods(methods));
  const handler = methods[asked];
  const org = template.indexOf("{org}");
  if (org === -1) return handler({ ...request, contract });
  const orgId = segments[org];
  const validOrgId = contract.parameterMatches("Organisation", orgId);
  return handler({ ...request, contract, orgId, validOrgId });
}

/** The methods a route answers: its own, and HEAD right after GET. */
export function allowedMethods(methods) {
  return Object.keys(methods).flatMap((method) =>
    method === "GET" ? ["GET", "HEAD"] : [method],
  );
}

export function methodNotAllowed(allowed) {
  const list =
    allowed.length > 1
      ? `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}`
      : allowed[0];
  return new HttpError(405, "method_not_allowed", `Use ${list} here.`, {
    headers: { Allow: allowed.join(", ") },
  });
}
