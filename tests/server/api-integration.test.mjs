// The integration: create, read, update with If-Match, with exact bodies.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  errorBody,
  moduleErrorBody,
  setUpIntegration,
} from "./helpers.mjs";
import { ISO, integrationPath, startApi } from "./api-fixture.mjs";

let server;
let module, certificate, newOrganisation;
before(async () => {
  ({ server, module, certificate, newOrganisation } = await startApi());
});
after(() => server?.close());

describe("the integration", () => {
  it("is 404 integration_not_found before it is created", async () => {
    const org = await newOrganisation("Nothing Yet");
    const res = await server.request("GET", integrationPath(org));
    assert.equal(res.status, 404);
    assert.deepEqual(
      res.json,
      errorBody(
        "integration_not_found",
        "Nothing Yet has no NetSuite integration yet; save its Account ID and Client ID first.",
      ),
    );
    const history = await server.request(
      "GET",
      `${integrationPath(org)}/certificates`,
    );
    assert.equal(history.status, 404);
    assert.equal(history.json.error.code, "integration_not_found");
  });

  it("is 404 organisation_not_found for an unknown or malformed organisation", async () => {
    for (const org of ["nobody", "UPPER", "a%2Fb", "x".repeat(65)]) {
      for (const [method, suffix, json] of [
        ["GET", "", undefined],
        ["PUT", "", { accountId: ACCOUNT_ID, clientId: CLIENT_ID }],
        ["PUT", "/certificate", { certificateId: CERTIFICATE_ID }],
        ["POST", "/certificate/revoked", {}],
        ["GET", "/certificates", undefined],
      ]) {
        const res = await server.request(
          method,
          `${integrationPath(org)}${suffix}`,
          {
            json,
            headers: { "If-Match": '"1"' },
          },
        );
        assert.equal(res.status, 404, `${method} ${org}${suffix}`);
        assert.deepEqual(
          res.json,
          errorBody(
            "organisation_not_found",
            "There is no organisation with this ID.",
          ),
        );
      }
    }
  });

  it("is summarised on the organisation's own URL", async () => {
    const org = await newOrganisation("Own URL");
    let res = await server.request("GET", `/api/organisations/${org}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      id: org,
      name: "Own URL",
      integration: null,
    });
    await setUpIntegration(server, org, certificate);
    res = await server.request("GET", `/api/organisations/${org}`);
    assert.deepEqual(res.json.integration, {
      accountId: ACCOUNT_ID,
      certificateId: certificate.certificate.expectedCertificateId,
      notAfter: certificate.certificate.notAfter,
      status: "active",
    });
    res = await server.request("GET", "/api/organisations/nobody");
    assert.equal(res.status, 404);
    assert.deepEqual(
      res.json,
      errorBody(
        "organisation_not_found",
        "There is no organisation with this ID.",
      ),
    );
  });

  it("is created without If-Match, stored canonically, with version 1 as ETag", async () => {
    const org = await newOrganisation();
    const res = await server.request("PUT", integrationPath(org), {
      json: {
        accountId: " 1234567_sb1 ".trim(),
        clientId: CLIENT_ID.toUpperCase(),
      },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.etag, '"1"');
    assert.equal(
      res.json.accountId,
      module.parseAccountId("1234567_sb1").accountId,
    );
    assert.equal(res.json.clientId, CLIENT_ID);
    assert.equal(res.json.certificate, null);
    assert.equal(res.json.pendingCertificate, null);
    assert.equal(res.json.version, 1);
    assert.match(res.json.updatedAt, ISO);
    assert.deepEqual(Object.keys(res.json), [
      "accountId",
      "clientId",
      "certificate",
      "pendingCertificate",
      "version",
      "updatedAt",
    ]);
    const get = await server.request("GET", integrationPath(org));
    assert.equal(get.status, 200);
    assert.equal(get.headers.etag, '"1"');
    assert.deepEqual(get.json, res.json);
  });

  it("needs If-Match once it exists (428), and refuses a stale one (412) without changing anything", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    const other = { accountId: "TSTDRV1431250", clientId: "a".repeat(64) };
    let res = await server.request("PUT", integrationPath(org), {
      json: other,
    });
    assert.equal(res.status, 428);
    assert.deepEqual(
      res.json,
      errorBody(
        "if_match_required",
        'Send the version you are changing in an If-Match header (the ETag of GET, e.g. "3").',
      ),
    );
    res = await server.request("PUT", integrationPath(org), {
      json: other,
      headers: { "If-Match": '"7"' },
    });
    assert.equal(res.status, 412);
    assert.deepEqual(
      res.json,
      errorBody(
        "version_mismatch",
        "The integration was changed meanwhile (it is now at version 1); reload it and apply your change again.",
        undefined,
        { currentVersion: 1 },
      ),
    );
    res = await server.request("PUT", integrationPath(org), {
      json: other,
      headers: { "If-Match": 'W/"1"' },
    });
    assert.equal(res.status, 412, "a weak ETag never matches");
    const get = await server.request("GET", integrationPath(org));
    assert.equal(get.json.accountId, ACCOUNT_ID);
    assert.equal(get.json.version, 1);

    res = await server.request("PUT", integrationPath(org), {
      json: other,
      headers: { "If-Match": '"1"' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.etag, '"2"');
    assert.equal(res.json.accountId, "TSTDRV1431250");
    assert.equal(res.json.clientId, "a".repeat(64));
    assert.equal(res.json.version, 2);
  });

  it("refuses If-Match when there is nothing to update yet (412)", async () => {
    const org = await newOrganisation();
    const res = await server.request("PUT", integrationPath(org), {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
      headers: { "If-Match": '"1"' },
    });
    assert.equal(res.status, 412);
    assert.deepEqual(
      res.json,
      errorBody(
        "version_mismatch",
        "There is no NetSuite integration to update yet; send the request without If-Match to create it.",
      ),
    );
  });

  it("keeps the version when nothing changes", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    const res = await server.request("PUT", integrationPath(org), {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
      headers: { "If-Match": '"1"' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.version, 1);
  });

  it("refuses IDs the module refuses (422 with the module's code, message and field)", async () => {
    const org = await newOrganisation();
    let res = await server.request("PUT", integrationPath(org), {
      json: { accountId: "not an account", clientId: CLIENT_ID },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      await moduleErrorBody(
        module.parseAccountId,
        "not an account",
        "accountId",
      ),
    );
    assert.equal(res.json.error.code, "invalid_account_id");
    assert.equal(res.json.error.field, "accountId");
    res = await server.request("PUT", integrationPath(org), {
      json: { accountId: ACCOUNT_ID, clientId: "xyz" },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      await moduleErrorBody(module.parseClientId, "xyz", "clientId"),
    );
    assert.equal(res.json.error.code, "invalid_client_id");
    res = await server.request("PUT", integrationPath(org), {
      json: { accountId: ACCOUNT_ID },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      errorBody("missing_field", "The field clientId is required.", "clientId"),
    );
    const get = await server.request("GET", integrationPath(org));
    assert.equal(get.status, 404, "nothing was created");
  });
});
