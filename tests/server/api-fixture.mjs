// The server, the module and two certificates the API tests share, started once
// per test file; organisation names are unique within a server.
import assert from "node:assert/strict";
import {
  integrationPath,
  m2m,
  makeCertificate,
  startTestServer,
} from "./helpers.mjs";

export { integrationPath } from "./helpers.mjs";

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A running server with the module and two certificates (EC P-256, and P-384 for 200 days). */
export async function startApi() {
  const [module, server, certificate, secondCertificate] = await Promise.all([
    m2m(),
    startTestServer(),
    makeCertificate(),
    makeCertificate({ keyType: "ec-p384", validityDays: 200 }),
  ]);
  let counter = 0;
  async function newOrganisation(name = `Test Org ${++counter}`) {
    const res = await server.request("POST", "/api/organisations", {
      json: { name },
    });
    assert.equal(res.status, 201, res.text);
    return res.json.id;
  }
  return {
    module,
    server,
    certificate,
    secondCertificate,
    newOrganisation,
    ...certificateRequests(server),
  };
}

/** If-Match for the integration's `version` (none when undefined). */
export const ifMatch = (version) =>
  version === undefined ? {} : { "If-Match": `"${version}"` };

/** The certificate's writes, each with If-Match the integration's `version`. */
function certificateRequests(server) {
  const path = integrationPath;
  return {
    /** PUT .../certificate with `body`. */
    putCertificate: (org, body, version) =>
      server.request("PUT", `${path(org)}/certificate`, {
        json: body,
        headers: ifMatch(version),
      }),
    /** POST .../certificate/revoked with `body`. */
    markRevoked: (org, body, version) =>
      server.request("POST", `${path(org)}/certificate/revoked`, {
        json: body,
        headers: ifMatch(version),
      }),
  };
}
