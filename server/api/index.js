// The backend contract (server/openapi.yaml): organisations and their NetSuite
// integration. Only public data is stored: IDs and the public certificate.
import { HttpError } from "../errors.js";
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
} from "./organisations.js";

export { seedOrganisations } from "./organisations.js";

// The defaults of the bounds (MAX_ORGANISATIONS, MAX_HISTORY_ENTRIES).
export const DEFAULT_LIMITS = { organisations: 1000, historyEntries: 200 };

const ROUTES = {
  "": { GET: getOrganisation },
  "integrations/netsuite": { GET: getIntegration, PUT: putIntegration },
  "integrations/netsuite/certificate": { PUT: putCertificate },
  "integrations/netsuite/certificate/revoked": { POST: revokeCertificate },
  "integrations/netsuite/certificates": { GET: getHistory },
};

/**
 * Routes one API request; returns { status, body, headers? } or throws HttpError.
 * `segments` is the decoded path after /api/, e.g. ["organisations", "demo"];
 * `readBody(operationId)` reads the JSON body and checks it against the contract.
 */
export async function handleApi({ method, segments, contract, ...request }) {
  if (segments[0] !== "organisations") throw notFound();
  if (segments.length === 1) {
    if (method === "GET") return listOrganisations(request);
    if (method === "POST") return createOrganisation(request);
    throw methodNotAllowed(["GET", "POST"]);
  }
  const orgId = segments[1];
  const rest = segments.slice(2).join("/");
  if (!Object.hasOwn(ROUTES, rest)) throw notFound();
  const route = ROUTES[rest];
  if (!Object.hasOwn(route, method)) throw methodNotAllowed(Object.keys(route));
  const validOrgId = contract.parameterMatches("Organisation", orgId);
  return route[method]({ ...request, orgId, validOrgId });
}

export function methodNotAllowed(allowed) {
  return new HttpError(
    405,
    "method_not_allowed",
    `Use ${allowed.join(" or ")} here.`,
    { headers: { Allow: allowed.join(", ") } },
  );
}
