// Every endpoint of the contract and every error status, with exact bodies.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  OTHER_CERTIFICATE_ID,
  errorBody,
  m2m,
  makeCertificate,
  makeRsa2048Certificate,
  moduleErrorBody,
  setUpIntegration,
  startTestServer,
} from "./helpers.mjs";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe("the API", () => {
  let server;
  let module;
  let certificate;
  let secondCertificate;
  let counter = 0;

  before(async () => {
    module = await m2m();
    server = await startTestServer();
    certificate = await makeCertificate();
    secondCertificate = await makeCertificate({
      keyType: "ec-p384",
      validityDays: 200,
    });
  });
  after(() => server?.close());

  async function newOrganisation(name = `Test Org ${++counter}`) {
    const res = await server.request("POST", "/api/organisations", {
      json: { name },
    });
    assert.equal(res.status, 201, res.text);
    return res.json.id;
  }
  const integrationPath = (org) =>
    `/api/organisations/${org}/integrations/netsuite`;

  describe("organisations", () => {
    it("starts with the demo organisation and no integration", async () => {
      const dataServer = await startTestServer();
      try {
        const res = await dataServer.request("GET", "/api/organisations");
        assert.equal(res.status, 200);
        assert.match(res.headers["content-type"], /^application\/json/);
        assert.deepEqual(res.json, {
          organisations: [
            { id: "demo", name: "Demo Company", integration: null },
          ],
        });
      } finally {
        await dataServer.close();
      }
    });

    it("creates an organisation with a slug ID and a Location header", async () => {
      const res = await server.request("POST", "/api/organisations", {
        json: { name: "  Ærø Ünïted, Ltd.  " },
      });
      assert.equal(res.status, 201);
      assert.deepEqual(res.json, {
        id: "r-united-ltd",
        name: "Ærø Ünïted, Ltd.",
        integration: null,
      });
      assert.equal(res.headers.location, "/api/organisations/r-united-ltd");
      const again = await server.request("POST", "/api/organisations", {
        json: { name: "Aero United Ltd" },
      });
      const twin = await server.request("POST", "/api/organisations", {
        json: { name: "Ærø Ünïted, Ltd." },
      });
      assert.equal(again.json.id, "aero-united-ltd");
      assert.equal(twin.json.id, "r-united-ltd-2");
      const list = await server.request("GET", "/api/organisations");
      assert.ok(
        list.json.organisations.some((org) => org.id === "r-united-ltd-2"),
      );
      const one = await server.request("GET", res.headers.location);
      assert.equal(one.status, 200);
      assert.deepEqual(one.json, res.json);
    });

    it("gives a name without letters or digits an ID too", async () => {
      const res = await server.request("POST", "/api/organisations", {
        json: { name: "株式会社" },
      });
      assert.equal(res.status, 201);
      assert.match(res.json.id, /^organisation(-\d+)?$/);
    });

    for (const [label, name] of [
      ["an empty name", ""],
      ["a blank name", "   "],
      ["an oversized name", "x".repeat(121)],
      ["a name with control characters", "Evil\nCorp"],
      ["a name with a zero-width space", "Demo\u200bCompany"],
      ["a name with a zero-width joiner", "Demo\u200dCompany"],
      ["a name with a byte order mark", "\ufeffDemo"],
      ["a name with a right-to-left override", "Invoice\u202eFDP.exe"],
      ["a name with a bidi isolate", "Demo\u2067Company"],
      ["a name with a left-to-right mark", "Demo\u200eCompany"],
      ["a name with a soft hyphen", "Demo\u00adCompany"],
      ["a name with a lone surrogate", "Demo\ud800"],
    ]) {
      it(`refuses ${label} (422 invalid_name)`, async () => {
        const res = await server.request("POST", "/api/organisations", {
          json: { name },
        });
        assert.equal(res.status, 422);
        assert.deepEqual(
          res.json,
          errorBody(
            "invalid_name",
            "Enter a name of 1 to 120 characters, without control, bidi or zero-width characters.",
            "name",
          ),
        );
      });
    }

    it("stores a name trimmed and in Unicode NFC, and counts characters, not UTF-16 units", async () => {
      const decomposed = "  Cafe\u0301 Ltd ";
      let res = await server.request("POST", "/api/organisations", {
        json: { name: decomposed },
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.name, "Caf\u00e9 Ltd");
      assert.equal(res.json.id, "cafe-ltd");
      // 120 characters outside the BMP: 240 UTF-16 units, still 120 characters.
      res = await server.request("POST", "/api/organisations", {
        json: { name: "\u{1F600}".repeat(120) },
      });
      assert.equal(res.status, 201, res.text);
    });

    it("refuses a missing, mistyped or unknown field (422)", async () => {
      let res = await server.request("POST", "/api/organisations", {
        json: {},
      });
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.json,
        errorBody("missing_field", "The field name is required.", "name"),
      );
      res = await server.request("POST", "/api/organisations", {
        json: { name: 7 },
      });
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.json,
        errorBody("invalid_type", "The field name must be a string.", "name"),
      );
      res = await server.request("POST", "/api/organisations", {
        json: { name: "A", id: "x" },
      });
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.json,
        errorBody("unknown_field", 'Unknown field "id"; expected name.', "id"),
      );
    });

    it("lists the certificate that expires next first, organisations without one last", async () => {
      const soon = await newOrganisation("Expires Soon");
      const later = await newOrganisation("Expires Later");
      const bare = await newOrganisation("No Integration");
      await setUpIntegration(server, later, certificate); // 365 days
      await setUpIntegration(server, soon, secondCertificate); // 200 days
      const res = await server.request("GET", "/api/organisations");
      assert.equal(res.status, 200);
      const ids = res.json.organisations.map((org) => org.id);
      assert.ok(ids.indexOf(soon) < ids.indexOf(later));
      assert.ok(ids.indexOf(later) < ids.indexOf(bare));
      const notAfters = res.json.organisations.map(
        (org) => org.integration?.notAfter ?? null,
      );
      const firstNull = notAfters.indexOf(null);
      assert.ok(
        notAfters.slice(firstNull).every((value) => value === null),
        "nulls last",
      );
      assert.deepEqual(
        notAfters.slice(0, firstNull),
        [...notAfters.slice(0, firstNull)].sort(),
        "ascending notAfter",
      );
      assert.deepEqual(res.json.organisations[ids.indexOf(soon)], {
        id: soon,
        name: "Expires Soon",
        integration: {
          accountId: ACCOUNT_ID,
          certificateId: CERTIFICATE_ID,
          notAfter: secondCertificate.certificate.notAfter,
          status: "active",
        },
      });
    });

    it("summarises an integration without a certificate as status none", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      const res = await server.request("GET", "/api/organisations");
      const entry = res.json.organisations.find((o) => o.id === org);
      assert.deepEqual(entry.integration, {
        accountId: ACCOUNT_ID,
        certificateId: null,
        notAfter: null,
        status: "none",
      });
    });
  });

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
        certificateId: CERTIFICATE_ID,
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
      assert.equal(res.json.version, 1);
      assert.match(res.json.updatedAt, ISO);
      assert.deepEqual(Object.keys(res.json), [
        "accountId",
        "clientId",
        "certificate",
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
        errorBody(
          "missing_field",
          "The field clientId is required.",
          "clientId",
        ),
      );
      const get = await server.request("GET", integrationPath(org));
      assert.equal(get.status, 404, "nothing was created");
    });
  });

  describe("the certificate", () => {
    it("is added with fingerprint, key type and validity computed by the server", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: {
            certificateId: CERTIFICATE_ID,
            certificatePem: certificate.certificate.pem,
          },
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.etag, '"2"');
      const report = await module.inspectCertificate(
        certificate.certificate.pem,
      );
      const { savedAt, ...rest } = res.json.certificate;
      assert.match(savedAt, ISO);
      assert.deepEqual(rest, {
        certificateId: CERTIFICATE_ID,
        pem: report.pem,
        fingerprintSha256: report.fingerprintSha256,
        keyType: "ec-p256",
        notBefore: report.notBefore,
        notAfter: report.notAfter,
        status: "active",
      });
      assert.deepEqual(Object.keys(res.json.certificate), [
        "certificateId",
        "pem",
        "fingerprintSha256",
        "keyType",
        "notBefore",
        "notAfter",
        "status",
        "savedAt",
      ]);
      assert.equal(res.json.version, 2);
      const get = await server.request("GET", integrationPath(org));
      assert.deepEqual(get.json, res.json);
    });

    it("needs If-Match (428) and a current version (412)", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      const json = {
        certificateId: CERTIFICATE_ID,
        certificatePem: certificate.certificate.pem,
      };
      let res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        { json },
      );
      assert.equal(res.status, 428);
      assert.equal(res.json.error.code, "if_match_required");
      res = await server.request("PUT", `${integrationPath(org)}/certificate`, {
        json,
        headers: { "If-Match": '"0"' },
      });
      assert.equal(res.status, 412);
      assert.equal(res.json.error.code, "version_mismatch");
      const get = await server.request("GET", integrationPath(org));
      assert.equal(get.json.certificate, null);
    });

    it("is 404 integration_not_found without an integration", async () => {
      const org = await newOrganisation("Bare");
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: { certificateId: CERTIFICATE_ID },
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 404);
      assert.equal(res.json.error.code, "integration_not_found");
    });

    it("cannot have its ID updated before there is one (409 no_certificate)", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: { certificateId: CERTIFICATE_ID },
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 409);
      assert.deepEqual(
        res.json,
        errorBody(
          "no_certificate",
          "There is no current certificate whose Certificate ID could be updated; add a certificate first.",
          "certificateId",
        ),
      );
    });

    it("has its Certificate ID updated on its own, recorded in the history", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org, certificate);
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: { certificateId: OTHER_CERTIFICATE_ID },
          headers: { "If-Match": '"2"' },
        },
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.certificate.certificateId, OTHER_CERTIFICATE_ID);
      assert.equal(
        res.json.certificate.fingerprintSha256,
        certificate.certificate.fingerprintSha256,
      );
      assert.equal(res.json.version, 3);
      const history = await server.request(
        "GET",
        `${integrationPath(org)}/certificates`,
      );
      assert.equal(history.status, 200);
      assert.deepEqual(
        history.json.history.map((entry) => [
          entry.change,
          entry.certificateId,
          entry.previousCertificateId,
        ]),
        [
          ["certificate_id_changed", OTHER_CERTIFICATE_ID, CERTIFICATE_ID],
          ["added", CERTIFICATE_ID, null],
        ],
      );
    });

    it("refuses a Certificate ID the module refuses (422)", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org, certificate);
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: { certificateId: "not a certificate id!" },
          headers: { "If-Match": '"2"' },
        },
      );
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.json,
        await moduleErrorBody(
          module.parseCertificateId,
          "not a certificate id!",
          "certificateId",
        ),
      );
    });

    it("is replaced: the old one moves to the history ('added' then 'replaced', newest first)", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org, certificate);
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: {
            certificateId: OTHER_CERTIFICATE_ID,
            certificatePem: secondCertificate.certificate.pem,
          },
          headers: { "If-Match": '"2"' },
        },
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(
        res.json.certificate.fingerprintSha256,
        secondCertificate.certificate.fingerprintSha256,
      );
      assert.equal(res.json.certificate.keyType, "ec-p384");
      const history = await server.request(
        "GET",
        `${integrationPath(org)}/certificates`,
      );
      assert.equal(history.status, 200);
      const [added, replaced, first] = history.json.history;
      assert.equal(history.json.history.length, 3);
      assert.deepEqual(added, {
        at: added.at,
        change: "added",
        certificateId: OTHER_CERTIFICATE_ID,
        previousCertificateId: CERTIFICATE_ID,
        fingerprintSha256: secondCertificate.certificate.fingerprintSha256,
        keyType: "ec-p384",
        notBefore: secondCertificate.certificate.notBefore,
        notAfter: secondCertificate.certificate.notAfter,
      });
      assert.deepEqual(replaced, {
        at: added.at,
        change: "replaced",
        certificateId: CERTIFICATE_ID,
        previousCertificateId: null,
        fingerprintSha256: certificate.certificate.fingerprintSha256,
        keyType: "ec-p256",
        notBefore: certificate.certificate.notBefore,
        notAfter: certificate.certificate.notAfter,
      });
      assert.equal(first.change, "added");
      assert.equal(first.previousCertificateId, null);
      assert.match(first.at, ISO);
    });

    it("refuses a certificate NetSuite would refuse, and says why (422 certificate_refused)", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      const pem = makeRsa2048Certificate();
      const report = await module.inspectCertificate(pem);
      const errors = report.findings.filter(
        (finding) => finding.severity === "error",
      );
      assert.ok(errors.some((finding) => finding.code === "rsa_key_too_small"));
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: { certificateId: CERTIFICATE_ID, certificatePem: pem },
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.json,
        errorBody(
          "certificate_refused",
          errors.map((finding) => finding.message).join(" "),
          "certificatePem",
          {
            findings: errors,
          },
        ),
      );
      const get = await server.request("GET", integrationPath(org));
      assert.equal(get.json.certificate, null);
      assert.equal(get.json.version, 1);
    });

    it("refuses an expired certificate", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      const expired = await makeCertificate({
        now: Date.now() - 400 * 86_400_000,
        validityDays: 30,
      });
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: {
            certificateId: CERTIFICATE_ID,
            certificatePem: expired.certificate.pem,
          },
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 422);
      assert.equal(res.json.error.code, "certificate_refused");
      assert.ok(
        res.json.error.findings.some((finding) => finding.code === "expired"),
      );
    });

    it("refuses text that is not a certificate (422 with the module's code)", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      const res = await server.request(
        "PUT",
        `${integrationPath(org)}/certificate`,
        {
          json: { certificateId: CERTIFICATE_ID, certificatePem: "hello" },
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.json,
        await moduleErrorBody(
          module.inspectCertificate,
          "hello",
          "certificatePem",
        ),
      );
      assert.equal(res.json.error.code, "not_a_certificate");
    });

    it("is recorded as revoked (If-Match required; 409 without a certificate; idempotent)", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org);
      let res = await server.request(
        "POST",
        `${integrationPath(org)}/certificate/revoked`,
        {
          json: {},
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 409);
      assert.deepEqual(
        res.json,
        errorBody(
          "no_certificate",
          "There is no current certificate to mark as revoked.",
        ),
      );

      await server.request("PUT", `${integrationPath(org)}/certificate`, {
        json: {
          certificateId: CERTIFICATE_ID,
          certificatePem: certificate.certificate.pem,
        },
        headers: { "If-Match": '"1"' },
      });
      res = await server.request(
        "POST",
        `${integrationPath(org)}/certificate/revoked`,
        { json: {} },
      );
      assert.equal(res.status, 428);
      assert.equal(res.json.error.code, "if_match_required");
      res = await server.request(
        "POST",
        `${integrationPath(org)}/certificate/revoked`,
        {
          json: {},
          headers: { "If-Match": '"1"' },
        },
      );
      assert.equal(res.status, 412);
      res = await server.request(
        "POST",
        `${integrationPath(org)}/certificate/revoked`,
        {
          body: "",
          headers: { "If-Match": '"2"', "Content-Type": "application/json" },
        },
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.etag, '"3"');
      assert.equal(res.json.certificate.status, "revoked");
      assert.equal(res.json.version, 3);
      res = await server.request(
        "POST",
        `${integrationPath(org)}/certificate/revoked`,
        {
          json: {},
          headers: { "If-Match": '"3"' },
        },
      );
      assert.equal(res.status, 200);
      assert.equal(res.json.version, 3, "recording it again changes nothing");

      const list = await server.request("GET", "/api/organisations");
      assert.equal(
        list.json.organisations.find((o) => o.id === org).integration.status,
        "revoked",
      );
      const history = await server.request(
        "GET",
        `${integrationPath(org)}/certificates`,
      );
      assert.deepEqual(
        history.json.history.map((entry) => entry.change),
        ["revoked", "added"],
      );

      res = await server.request("PUT", `${integrationPath(org)}/certificate`, {
        json: { certificateId: OTHER_CERTIFICATE_ID },
        headers: { "If-Match": '"3"' },
      });
      assert.equal(res.status, 409);
      assert.equal(res.json.error.code, "certificate_revoked");

      res = await server.request("PUT", `${integrationPath(org)}/certificate`, {
        json: {
          certificateId: OTHER_CERTIFICATE_ID,
          certificatePem: secondCertificate.certificate.pem,
        },
        headers: { "If-Match": '"3"' },
      });
      assert.equal(res.status, 200, "a revoked certificate can be replaced");
      assert.equal(res.json.certificate.status, "active");
    });

    it("refuses unknown fields in the revoke body", async () => {
      const org = await newOrganisation();
      await setUpIntegration(server, org, certificate);
      const res = await server.request(
        "POST",
        `${integrationPath(org)}/certificate/revoked`,
        {
          json: { reason: "x" },
          headers: { "If-Match": '"2"' },
        },
      );
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.json,
        errorBody(
          "unknown_field",
          'Unknown field "reason"; expected none.',
          "reason",
        ),
      );
    });
  });

  describe("request checks", () => {
    it("refuses a body over 64 KiB (413)", async () => {
      const res = await server.request("POST", "/api/organisations", {
        json: { name: "x".repeat(70_000) },
      });
      assert.equal(res.status, 413);
      assert.deepEqual(
        res.json,
        errorBody(
          "payload_too_large",
          "The request body is larger than 64 KiB.",
        ),
      );
    });

    it("refuses a body that is not declared JSON (415)", async () => {
      for (const type of [
        undefined,
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
      ]) {
        const res = await server.request("POST", "/api/organisations", {
          body: '{"name":"Form"}',
          headers: type ? { "Content-Type": type } : {},
        });
        assert.equal(res.status, 415, String(type));
        assert.deepEqual(
          res.json,
          errorBody(
            "unsupported_media_type",
            "Send the request body as JSON (Content-Type: application/json).",
          ),
        );
      }
      const ok = await server.request("POST", "/api/organisations", {
        body: '{"name":"Charset"}',
        headers: { "Content-Type": "application/json; charset=UTF-8" },
      });
      assert.equal(ok.status, 201);
    });

    it("refuses malformed JSON and non-objects (400)", async () => {
      for (const body of ["{", "", "nul", "\u00ff\u00fe"]) {
        const res = await server.request("POST", "/api/organisations", {
          body,
          headers: { "Content-Type": "application/json" },
        });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.deepEqual(
          res.json,
          errorBody("invalid_json", "The request body is not valid JSON."),
        );
      }
      const notUtf8 = await server.request("POST", "/api/organisations", {
        body: Buffer.from([0x7b, 0xff, 0x7d]),
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(notUtf8.status, 400);
      assert.deepEqual(
        notUtf8.json,
        errorBody("invalid_json", "The request body is not UTF-8 text."),
      );
      for (const body of ["[]", "null", '"name"', "42"]) {
        const res = await server.request("POST", "/api/organisations", {
          body,
          headers: { "Content-Type": "application/json" },
        });
        assert.equal(res.status, 400, body);
        assert.deepEqual(
          res.json,
          errorBody("invalid_body", "The request body must be a JSON object."),
        );
      }
    });

    it("refuses a write from another origin (403) but accepts its own", async () => {
      const url = new URL(server.url);
      let res = await server.request("POST", "/api/organisations", {
        json: { name: "CSRF" },
        headers: { Origin: "http://evil.example" },
      });
      assert.equal(res.status, 403);
      assert.deepEqual(
        res.json,
        errorBody(
          "cross_origin_refused",
          "Changes are only accepted from this site's own page.",
        ),
      );
      res = await server.request("POST", "/api/organisations", {
        json: { name: "CSRF" },
        headers: { Origin: "null" },
      });
      assert.equal(res.status, 403);
      res = await server.request("POST", "/api/organisations", {
        json: { name: "CSRF" },
        headers: { "Sec-Fetch-Site": "cross-site" },
      });
      assert.equal(res.status, 403);
      res = await server.request("POST", "/api/organisations", {
        json: { name: "Same Origin" },
        headers: {
          Origin: `http://${url.host}`,
          "Sec-Fetch-Site": "same-origin",
        },
      });
      assert.equal(res.status, 201);
    });

    it("refuses requests addressed to another host name (DNS rebinding, 403)", async () => {
      const res = await server.request("GET", "/api/organisations", {
        headers: { Host: "evil.example" },
      });
      assert.equal(res.status, 403);
      assert.deepEqual(
        res.json,
        errorBody(
          "host_not_allowed",
          "This server only answers requests addressed to localhost.",
        ),
      );
      const ok = await server.request("GET", "/api/organisations", {
        headers: { Host: "localhost:1" },
      });
      assert.equal(ok.status, 200);
    });

    it("answers unknown endpoints with 404 and wrong methods with 405 + Allow", async () => {
      let res = await server.request("GET", "/api/nothing");
      assert.equal(res.status, 404);
      assert.deepEqual(
        res.json,
        errorBody("not_found", "There is no such API endpoint."),
      );
      for (const target of [
        "/api",
        "/api/__proto__",
        "/api/organisations/demo/constructor",
        "/api/organisations/demo/integrations/netsuite/__proto__",
      ]) {
        res = await server.request("GET", target);
        assert.equal(res.status, 404, target);
        assert.equal(res.json.error.code, "not_found");
      }
      res = await server.request("DELETE", "/api/organisations");
      assert.equal(res.status, 405);
      assert.equal(res.headers.allow, "GET, POST");
      assert.deepEqual(
        res.json,
        errorBody("method_not_allowed", "Use GET or POST here."),
      );
      res = await server.request("DELETE", integrationPath("demo"));
      assert.equal(res.status, 405);
      assert.equal(res.headers.allow, "GET, PUT");
      res = await server.request(
        "GET",
        `${integrationPath("demo")}/certificate`,
      );
      assert.equal(res.status, 405);
      assert.equal(res.headers.allow, "PUT");
    });

    it("marks API responses as uncacheable and sends the security headers", async () => {
      const res = await server.request("GET", "/api/organisations");
      assert.equal(res.headers["cache-control"], "no-store");
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.equal(
        res.headers["content-security-policy"],
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
    });

    it("serves its contract at /api/openapi.yaml", async () => {
      const res = await server.request("GET", "/api/openapi.yaml");
      assert.equal(res.status, 200);
      assert.match(res.headers["content-type"], /^application\/yaml/);
      assert.match(res.text, /^openapi: 3\.1\.0/);
    });
  });
});
