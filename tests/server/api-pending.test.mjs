// The pending certificate (made, not yet uploaded to NetSuite) over real HTTP:
// create, read, replace, complete and discard, each with If-Match.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import {
  OTHER_CERTIFICATE_ID,
  makeCertificate,
  makeRsa2048Certificate,
  moduleErrorBody,
  setUpIntegration,
} from "./helpers.mjs";
import { ISO } from "./api-fixture.mjs";
import { startPendingApi } from "./pending-fixture.mjs";

// Started once for the file; every test makes its own organisations.
const {
  server,
  module,
  newOrganisation,
  current,
  next,
  other,
  path,
  putPending,
  discardPending,
  completePending,
  certificates,
  changes,
  withCertificate,
  withPending,
} = await startPendingApi();
after(() => server.close());

describe("a pending certificate", () => {
  it("is saved with what the module reads from it and who made it; the current one stays current", async () => {
    const org = await withCertificate();
    const res = await putPending(org, next.pem, 2);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.etag, '"3"');
    assert.equal(res.json.version, 3);
    assert.equal(
      res.json.certificate.certificateId,
      current.expectedCertificateId,
    );
    const report = await module.inspectCertificate(next.pem);
    const { createdAt, ...pending } = res.json.pendingCertificate;
    assert.match(createdAt, ISO);
    assert.deepEqual(pending, {
      pem: report.pem,
      expectedCertificateId: next.expectedCertificateId,
      fingerprintSha256: next.fingerprintSha256,
      keyType: "ec-p384",
      notBefore: report.notBefore,
      notAfter: report.notAfter,
      createdBy: { subject: "local", email: null },
    });
    assert.deepEqual(Object.keys(res.json.pendingCertificate), [
      "pem",
      "expectedCertificateId",
      "fingerprintSha256",
      "keyType",
      "notBefore",
      "notAfter",
      "createdAt",
      "createdBy",
    ]);
    // Read back by anyone, later.
    const get = await server.request("GET", path(org));
    assert.equal(get.headers.etag, '"3"');
    assert.deepEqual(get.json, res.json);
    assert.deepEqual(await changes(org), [
      ["pending", null, null],
      ["added", current.expectedCertificateId, null],
    ]);
  });

  it("can be saved before there is any current certificate", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    const res = await putPending(org, next.pem, 1);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.certificate, null);
    assert.equal(
      res.json.pendingCertificate.fingerprintSha256,
      next.fingerprintSha256,
    );
  });

  it("needs If-Match (428) naming the current version (412), for each of its writes", async () => {
    const org = await withPending();
    for (const [write, label] of [
      [(version) => putPending(org, other.pem, version), "PUT"],
      [(version) => discardPending(org, version), "DELETE"],
      [
        (version) =>
          completePending(
            org,
            { certificateId: next.expectedCertificateId },
            version,
          ),
        "completion",
      ],
    ]) {
      let res = await write(undefined);
      assert.equal(res.status, 428, label);
      assert.equal(res.json.error.code, "if_match_required");
      res = await write(2);
      assert.equal(res.status, 412, label);
      assert.deepEqual(res.json.error.currentVersion, 3);
      assert.equal(res.json.error.code, "version_mismatch");
    }
    const get = await server.request("GET", path(org));
    assert.equal(get.json.version, 3);
    assert.equal(
      get.json.pendingCertificate.fingerprintSha256,
      next.fingerprintSha256,
    );
  });

  it("replaces a pending one ('discarded' for it, 'pending' for the new); the same one again changes nothing", async () => {
    const org = await withPending();
    let res = await putPending(org, other.pem, 3);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.version, 4);
    assert.equal(
      res.json.pendingCertificate.fingerprintSha256,
      other.fingerprintSha256,
    );
    assert.equal(res.json.pendingCertificate.keyType, "ec-p256");
    const { history } = await certificates(org);
    assert.deepEqual(
      history
        .slice(0, 3)
        .map((entry) => [entry.change, entry.fingerprintSha256]),
      [
        ["pending", other.fingerprintSha256],
        ["discarded", next.fingerprintSha256],
        ["pending", next.fingerprintSha256],
      ],
    );
    assert.equal(history[1].certificateId, null);
    res = await putPending(org, other.pem, 4);
    assert.equal(res.status, 200);
    assert.equal(res.json.version, 4);
    assert.equal((await certificates(org)).history.length, 4);
  });

  it("refuses the current certificate (409 certificate_is_current)", async () => {
    const org = await withCertificate();
    const res = await putPending(org, current.pem, 2);
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, "certificate_is_current");
    assert.equal(res.json.error.field, "certificatePem");
    assert.doesNotMatch(res.json.error.message, /certificate_is_current/);
  });

  it("refuses a certificate NetSuite would refuse (422 certificate_refused), a private key (422) and a missing integration (404)", async () => {
    const org = await withCertificate();
    let res = await putPending(org, makeRsa2048Certificate(), 2);
    assert.equal(res.status, 422);
    assert.equal(res.json.error.code, "certificate_refused");
    assert.ok(res.json.error.findings.length > 0);
    const made = await makeCertificate();
    res = await putPending(org, made.privateKeyPem, 2);
    assert.equal(res.status, 422);
    assert.equal(res.json.error.code, "private_key_refused");
    res = await putPending(org, "not a certificate", 2);
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.json,
      await moduleErrorBody(
        module.inspectCertificate,
        "not a certificate",
        "certificatePem",
      ),
    );
    const bare = await newOrganisation();
    res = await putPending(bare, next.pem, 1);
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, "integration_not_found");
    const get = await server.request("GET", path(org));
    assert.equal(get.json.version, 2);
    assert.equal(get.json.pendingCertificate, null);
  });

  it("is discarded ('discarded'), and then there is none to discard or complete (409 no_pending_certificate)", async () => {
    const org = await withPending();
    let res = await discardPending(org, 3);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.etag, '"4"');
    assert.equal(res.json.pendingCertificate, null);
    assert.equal(
      res.json.certificate.certificateId,
      current.expectedCertificateId,
    );
    assert.deepEqual((await changes(org)).slice(0, 2), [
      ["discarded", null, null],
      ["pending", null, null],
    ]);
    res = await discardPending(org, 4);
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, "no_pending_certificate");
    res = await completePending(
      org,
      { certificateId: next.expectedCertificateId },
      4,
    );
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, "no_pending_certificate");
  });

  it("is completed by anyone with the ID NetSuite gave it: it becomes current ('replaced', then 'completed')", async () => {
    const org = await withPending();
    const res = await completePending(
      org,
      { certificateId: next.expectedCertificateId },
      3,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.version, 4);
    assert.equal(res.json.pendingCertificate, null);
    const report = await module.inspectCertificate(next.pem);
    const { savedAt, ...certificate } = res.json.certificate;
    assert.match(savedAt, ISO);
    assert.deepEqual(certificate, {
      certificateId: next.expectedCertificateId,
      pem: report.pem,
      fingerprintSha256: next.fingerprintSha256,
      keyType: "ec-p384",
      notBefore: report.notBefore,
      notAfter: report.notAfter,
      status: "active",
    });
    assert.deepEqual(await changes(org), [
      ["completed", next.expectedCertificateId, current.expectedCertificateId],
      ["replaced", current.expectedCertificateId, null],
      ["pending", null, null],
      ["added", current.expectedCertificateId, null],
    ]);
  });

  it("is completed as a first certificate ('completed', no previous one)", async () => {
    const org = await newOrganisation();
    await setUpIntegration(server, org);
    assert.equal((await putPending(org, next.pem, 1)).status, 200);
    const res = await completePending(
      org,
      { certificateId: next.expectedCertificateId },
      2,
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(await changes(org), [
      ["completed", next.expectedCertificateId, null],
      ["pending", null, null],
    ]);
  });

  it("follows the ID rules of a replacement: the current ID (409), another ID (422, unless confirmed), an invalid ID (422)", async () => {
    const org = await withPending();
    let res = await completePending(
      org,
      { certificateId: current.expectedCertificateId },
      3,
    );
    assert.equal(res.status, 409);
    assert.equal(res.json.error.code, "certificate_id_is_current");
    assert.equal(res.json.error.field, "certificateId");
    res = await completePending(
      org,
      { certificateId: OTHER_CERTIFICATE_ID },
      3,
    );
    assert.equal(res.status, 422);
    assert.equal(res.json.error.code, "certificate_id_mismatch");
    assert.equal(
      res.json.error.expectedCertificateId,
      next.expectedCertificateId,
    );
    assert.doesNotMatch(res.json.error.message, /certificate_id_mismatch/);
    res = await completePending(org, { certificateId: "not an id!" }, 3);
    assert.equal(res.status, 422);
    assert.equal(res.json.error.field, "certificateId");
    assert.equal((await server.request("GET", path(org))).json.version, 3);
    res = await completePending(
      org,
      { certificateId: OTHER_CERTIFICATE_ID, certificateIdConfirmed: true },
      3,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.certificate.certificateId, OTHER_CERTIFICATE_ID);
  });
});
