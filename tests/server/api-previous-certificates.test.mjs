// The list of every certificate that has been current, and revoking a
// previous certificate by its ID, over real HTTP.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { OTHER_CERTIFICATE_ID, errorBody } from "./helpers.mjs";
import { ISO } from "./api-fixture.mjs";
import { startPendingApi } from "./pending-fixture.mjs";

// Started once for the file; every test makes its own organisations.
const {
  server,
  module,
  markRevoked,
  current,
  next,
  other,
  path,
  putPending,
  discardPending,
  certificates,
  withPending,
  replaced,
} = await startPendingApi();
after(() => server.close());

describe("the certificates and revoking a previous one", () => {
  it("lists every certificate that has been current, newest first", async () => {
    const org = await replaced();
    const body = await certificates(org);
    assert.deepEqual(Object.keys(body), ["history", "certificates"]);
    const report = await module.inspectCertificate(current.pem);
    assert.deepEqual(body.certificates, [
      {
        certificateId: next.expectedCertificateId,
        fingerprintSha256: next.fingerprintSha256,
        keyType: "ec-p384",
        notBefore: next.notBefore,
        notAfter: next.notAfter,
        current: true,
        revoked: false,
        revokedAt: null,
      },
      {
        certificateId: current.expectedCertificateId,
        fingerprintSha256: current.fingerprintSha256,
        keyType: "ec-p256",
        notBefore: report.notBefore,
        notAfter: report.notAfter,
        current: false,
        revoked: false,
        revokedAt: null,
      },
    ]);
  });

  it("lists no pending or discarded certificate", async () => {
    const org = await withPending();
    assert.equal((await discardPending(org, 3)).status, 200);
    assert.equal((await putPending(org, other.pem, 4)).status, 200);
    assert.deepEqual(
      (await certificates(org)).certificates.map((c) => c.fingerprintSha256),
      [current.fingerprintSha256],
    );
  });

  it("records a previous certificate as revoked by its ID ('revoked'); again changes nothing", async () => {
    const org = await replaced();
    let res = await markRevoked(
      org,
      { certificateId: current.expectedCertificateId },
      4,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.version, 5);
    assert.equal(
      res.json.certificate.status,
      "active",
      "the current one is untouched",
    );
    const body = await certificates(org);
    const [entry] = body.history;
    assert.deepEqual(
      [entry.change, entry.certificateId, entry.fingerprintSha256],
      ["revoked", current.expectedCertificateId, current.fingerprintSha256],
    );
    const previous = body.certificates[1];
    assert.equal(previous.revoked, true);
    assert.equal(previous.revokedAt, entry.at);
    assert.equal(body.certificates[0].revoked, false);

    res = await markRevoked(
      org,
      { certificateId: current.expectedCertificateId },
      5,
    );
    assert.equal(res.status, 200);
    assert.equal(res.json.version, 5);
    assert.equal((await certificates(org)).history.length, body.history.length);
  });

  it("revokes the current certificate with its own ID, as without one", async () => {
    const org = await replaced();
    const res = await markRevoked(
      org,
      { certificateId: next.expectedCertificateId },
      4,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.certificate.status, "revoked");
    const [first] = (await certificates(org)).certificates;
    assert.deepEqual([first.current, first.revoked], [true, true]);
    assert.match(first.revokedAt, ISO);
  });

  it("refuses an ID no certificate of the integration had (404 certificate_not_found), a pending one's included", async () => {
    const org = await replaced();
    assert.equal((await putPending(org, other.pem, 4)).status, 200);
    for (const certificateId of [
      OTHER_CERTIFICATE_ID,
      other.expectedCertificateId,
    ]) {
      const res = await markRevoked(org, { certificateId }, 5);
      assert.equal(res.status, 404);
      assert.deepEqual(
        res.json,
        errorBody(
          "certificate_not_found",
          `No certificate of this integration has the Certificate ID ${certificateId}. Check the ID against the certificate list of this organisation.`,
          "certificateId",
        ),
      );
    }
    assert.equal((await server.request("GET", path(org))).json.version, 5);
  });
});
