// PUT .../certificate while a certificate is pending: the pending one sent
// completes it, another one discards it, an ID-only update keeps it.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { OTHER_CERTIFICATE_ID } from "./helpers.mjs";
import { startPendingApi } from "./pending-fixture.mjs";

// Started once for the file; every test makes its own organisations.
const { server, putCertificate, current, next, other, changes, withPending } =
  await startPendingApi();
after(() => server.close());

describe("PUT .../certificate while a certificate is pending", () => {
  it("with the pending certificate completes it ('completed')", async () => {
    const org = await withPending();
    const res = await putCertificate(
      org,
      { certificateId: next.expectedCertificateId, certificatePem: next.pem },
      3,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.pendingCertificate, null);
    assert.equal(
      res.json.certificate.fingerprintSha256,
      next.fingerprintSha256,
    );
    assert.deepEqual((await changes(org)).slice(0, 2), [
      ["completed", next.expectedCertificateId, current.expectedCertificateId],
      ["replaced", current.expectedCertificateId, null],
    ]);
  });

  it("with another certificate discards the pending one and replaces as always", async () => {
    const org = await withPending();
    const res = await putCertificate(
      org,
      { certificateId: other.expectedCertificateId, certificatePem: other.pem },
      3,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.pendingCertificate, null);
    assert.equal(
      res.json.certificate.fingerprintSha256,
      other.fingerprintSha256,
    );
    assert.deepEqual((await changes(org)).slice(0, 3), [
      ["added", other.expectedCertificateId, current.expectedCertificateId],
      ["replaced", current.expectedCertificateId, null],
      ["discarded", null, null],
    ]);
  });

  it("with only a Certificate ID updates the current one and keeps the pending one", async () => {
    const org = await withPending();
    const res = await putCertificate(
      org,
      { certificateId: OTHER_CERTIFICATE_ID, certificateIdConfirmed: true },
      3,
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.certificate.certificateId, OTHER_CERTIFICATE_ID);
    assert.equal(
      res.json.pendingCertificate.fingerprintSha256,
      next.fingerprintSha256,
    );
  });
});
