// The certificate: add, update the ID, replace, revoke, history, with exact bodies.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import {
  CERTIFICATE_ID,
  OTHER_CERTIFICATE_ID,
  errorBody,
  makeCertificate,
  makeRsa2048Certificate,
  moduleErrorBody,
  setUpIntegration,
} from "./helpers.mjs";
import { ISO, integrationPath, startApi } from "./api-fixture.mjs";

let server;
let module, certificate, secondCertificate, newOrganisation;
let putCertificate, markRevoked;
// The IDs NetSuite would list for the two certificates (SHA-256 of the DER).
let FIRST_ID, SECOND_ID;
before(async () => {
  ({
    server,
    module,
    certificate,
    secondCertificate,
    newOrganisation,
    putCertificate,
    markRevoked,
  } = await startApi());
  FIRST_ID = certificate.certificate.expectedCertificateId;
  SECOND_ID = secondCertificate.certificate.expectedCertificateId;
});
after(() => server?.close());

describe("the certificate", () => {
  it("is added with fingerprint, key type and validity computed by the server", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    const res = await putCertificate(
      org,
      {
        certificateId: FIRST_ID,
        certificatePem: certificate.certificate.pem,
      },
      1,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.etag, '"2"');
    const report = await module.inspectCertificate(certificate.certificate.pem);
    const { savedAt, ...rest } = res.json.certificate;
    assert.match(savedAt, ISO);
    assert.deepEqual(rest, {
      certificateId: FIRST_ID,
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
      certificateId: FIRST_ID,
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
    const res = await putCertificate(org, { certificateId: FIRST_ID }, 1);
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, "integration_not_found");
  });

  it("cannot have its ID updated before there is one (409 no_certificate)", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    const res = await putCertificate(org, { certificateId: FIRST_ID }, 1);
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
    const res = await putCertificate(
      org,
      { certificateId: OTHER_CERTIFICATE_ID, certificateIdConfirmed: true },
      2,
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
        ["certificate_id_changed", OTHER_CERTIFICATE_ID, FIRST_ID],
        ["added", FIRST_ID, null],
      ],
    );
  });

  it("refuses a Certificate ID the module refuses (422)", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org, certificate);
    const res = await putCertificate(
      org,
      { certificateId: "not a certificate id!" },
      2,
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
    const res = await putCertificate(
      org,
      {
        certificateId: SECOND_ID,
        certificatePem: secondCertificate.certificate.pem,
      },
      2,
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
      certificateId: SECOND_ID,
      previousCertificateId: FIRST_ID,
      fingerprintSha256: secondCertificate.certificate.fingerprintSha256,
      keyType: "ec-p384",
      notBefore: secondCertificate.certificate.notBefore,
      notAfter: secondCertificate.certificate.notAfter,
    });
    assert.deepEqual(replaced, {
      at: added.at,
      change: "replaced",
      certificateId: FIRST_ID,
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
    const res = await putCertificate(
      org,
      { certificateId: FIRST_ID, certificatePem: pem },
      1,
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
    const res = await putCertificate(
      org,
      {
        certificateId: FIRST_ID,
        certificatePem: expired.certificate.pem,
      },
      1,
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
    const res = await putCertificate(
      org,
      { certificateId: FIRST_ID, certificatePem: "hello" },
      1,
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
    let res = await markRevoked(org, {}, 1);
    assert.equal(res.status, 409);
    assert.deepEqual(
      res.json,
      errorBody(
        "no_certificate",
        "There is no current certificate to mark as revoked.",
      ),
    );

    await putCertificate(
      org,
      {
        certificateId: FIRST_ID,
        certificatePem: certificate.certificate.pem,
      },
      1,
    );
    res = await server.request(
      "POST",
      `${integrationPath(org)}/certificate/revoked`,
      { json: {} },
    );
    assert.equal(res.status, 428);
    assert.equal(res.json.error.code, "if_match_required");
    res = await markRevoked(org, {}, 1);
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
    res = await markRevoked(org, {}, 3);
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

    res = await putCertificate(
      org,
      { certificateId: OTHER_CERTIFICATE_ID, certificateIdConfirmed: true },
      3,
    );
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, "certificate_revoked");

    res = await putCertificate(
      org,
      {
        certificateId: SECOND_ID,
        certificatePem: secondCertificate.certificate.pem,
      },
      3,
    );
    assert.equal(res.status, 200, "a revoked certificate can be replaced");
    assert.equal(res.json.certificate.status, "active");
  });

  it("refuses unknown fields in the revoke body", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org, certificate);
    const res = await markRevoked(org, { reason: "x" }, 2);
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      errorBody(
        "unknown_field",
        'Unknown field "reason"; expected certificateId.',
        "reason",
      ),
    );
  });
});

describe("the Certificate ID against the certificate (NetSuite's observed derivation)", () => {
  it("refuses the current certificate's ID for a new certificate (409 certificate_id_is_current)", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org, certificate);
    const res = await putCertificate(
      org,
      {
        certificateId: FIRST_ID,
        certificatePem: secondCertificate.certificate.pem,
        certificateIdConfirmed: true,
      },
      2,
    );
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.error.code, "certificate_id_is_current");
    assert.equal(res.json.error.field, "certificateId");
    const get = await server.request("GET", integrationPath(org));
    assert.equal(get.json.version, 2, "nothing changed");
    assert.equal(get.json.certificate.certificateId, FIRST_ID);
  });

  it("refuses an ID that is not the new certificate's expected one unless confirmed", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org, certificate);
    const body = {
      certificateId: CERTIFICATE_ID,
      certificatePem: secondCertificate.certificate.pem,
    };
    let res = await putCertificate(org, body, 2);
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.error.code, "certificate_id_mismatch");
    assert.equal(res.json.error.expectedCertificateId, SECOND_ID);
    assert.match(res.json.error.message, new RegExp(SECOND_ID));
    assert.equal(
      (await server.request("GET", integrationPath(org))).json.version,
      2,
    );

    res = await putCertificate(
      org,
      { ...body, certificateIdConfirmed: true },
      2,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.certificate.certificateId, CERTIFICATE_ID);
  });

  it("compares an ID update with the current certificate's expected ID", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org, certificate);
    let res = await putCertificate(org, { certificateId: CERTIFICATE_ID }, 2);
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.error.code, "certificate_id_mismatch");
    assert.equal(res.json.error.expectedCertificateId, FIRST_ID);
    // Back to the expected ID after a confirmed change needs no confirmation.
    res = await putCertificate(
      org,
      { certificateId: CERTIFICATE_ID, certificateIdConfirmed: true },
      2,
    );
    assert.equal(res.status, 200, res.text);
    res = await putCertificate(org, { certificateId: FIRST_ID }, 3);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.certificate.certificateId, FIRST_ID);
  });

  it("stops a P-256 private scalar pasted as the Certificate ID (43 characters, like a real one)", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const scalar = privateKey.export({ format: "jwk" }).d;
    assert.equal(scalar.length, 43);
    const res = await putCertificate(
      org,
      { certificateId: scalar, certificatePem: certificate.certificate.pem },
      1,
    );
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.error.code, "certificate_id_mismatch");
    const get = await server.request("GET", integrationPath(org));
    assert.equal(get.json.certificate, null);
    assert.ok(!get.text.includes(scalar));
  });
});
