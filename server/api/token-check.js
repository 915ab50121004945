// POST .../integrations/netsuite/token-check: a live check against NetSuite. The
// page signs a short-lived client assertion; this relays it to the token endpoint
// of the organisation's own saved Account ID and answers the outcome only.
import { HttpError } from "../errors.js";
import { askModule } from "./common.js";
import { requireIntegration } from "./integration.js";

export async function checkToken(request) {
  const { store, m2m, orgId, validOrgId, readBody, netsuite } = request;
  const body = await readBody("checkToken");
  const integration = await store.read((q) =>
    requireIntegration(q, orgId, validOrgId),
  );
  const read = await askModule(
    () => m2m.readClientAssertion(body.clientAssertion),
    "clientAssertion",
  );
  const { header, claims } = read.value();
  const account = m2m.parseAccountId(integration.accountId);
  if (claims.iss !== integration.clientId) {
    throw notThisIntegration(
      `was made for Client ID ${claims.iss}, but this integration's Client ID is ${integration.clientId}`,
    );
  }
  if (claims.aud !== account.tokenEndpoint) {
    throw notThisIntegration(
      `was made for ${claims.aud}, but this integration's token endpoint is ${account.tokenEndpoint} (Account ID ${account.accountId})`,
    );
  }
  const wait = netsuite.limiter.take(orgId);
  if (wait > 0) {
    throw new HttpError(
      429,
      "too_many_checks",
      `This organisation was checked against NetSuite many times in the last minute; try again in ${wait} seconds.`,
      { headers: { "Retry-After": String(wait) } },
    );
  }
  let outcome;
  try {
    outcome = await netsuite.relay.requestToken(
      account.host,
      body.clientAssertion,
    );
  } catch (error) {
    if (!error?.reason) throw error;
    throw new HttpError(
      error.reason === "timeout" ? 504 : 502,
      error.reason === "timeout" ? "netsuite_timeout" : "netsuite_unreachable",
      error.reason === "timeout"
        ? "NetSuite did not answer in time. Try again in a minute."
        : "NetSuite could not be reached from the backend. Try again later, or ask whoever runs the backend whether it may reach NetSuite.",
    );
  }
  return {
    status: 200,
    body: {
      ...outcome,
      accountId: account.accountId,
      tokenEndpoint: account.tokenEndpoint,
      certificateId: header.kid,
      alg: header.alg,
      checkedAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    },
  };
}

function notThisIntegration(why) {
  return new HttpError(
    422,
    "assertion_not_for_integration",
    `The client assertion ${why}. Save the integration's IDs first, then check again.`,
    { field: "clientAssertion" },
  );
}
