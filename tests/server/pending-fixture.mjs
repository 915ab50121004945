// What the pending certificate's API tests share: the server (api-fixture.mjs),
// three certificates (the current one, and two that become pending), the
// pending certificate's requests, and organisations set up with them.
import assert from "node:assert/strict";
import { makeCertificate, setUpIntegration } from "./helpers.mjs";
import { ifMatch, integrationPath, startApi } from "./api-fixture.mjs";

/** Started once per test file (in `before`). */
export async function startPendingApi() {
  const api = await startApi();
  const { server, newOrganisation } = api;
  const current = api.certificate.certificate;
  const next = api.secondCertificate.certificate;
  const other = (await makeCertificate({ validityDays: 90 })).certificate;

  const path = (org, tail = "") => `${integrationPath(org)}${tail}`;

  const putPending = (org, pem, version) =>
    server.request("PUT", path(org, "/pending-certificate"), {
      json: { certificatePem: pem },
      headers: ifMatch(version),
    });
  const discardPending = (org, version) =>
    server.request("DELETE", path(org, "/pending-certificate"), {
      headers: ifMatch(version),
    });
  const completePending = (org, body, version) =>
    server.request("POST", path(org, "/pending-certificate/completion"), {
      json: body,
      headers: ifMatch(version),
    });
  const certificates = async (org) =>
    (await server.request("GET", path(org, "/certificates"))).json;
  const changes = async (org) =>
    (await certificates(org)).history.map((entry) => [
      entry.change,
      entry.certificateId,
      entry.previousCertificateId,
    ]);

  /** An organisation whose integration has `current` as its certificate (version 2). */
  async function withCertificate() {
    const org = await newOrganisation();
    await setUpIntegration(server, org, { certificate: current });
    return org;
  }

  /** An organisation with `current`, and `next` pending (version 3). */
  async function withPending() {
    const org = await withCertificate();
    const res = await putPending(org, next.pem, 2);
    assert.equal(res.status, 200, res.text);
    return org;
  }

  /** `current` replaced by `next` (version 4): `current` is the previous certificate. */
  async function replaced() {
    const org = await withPending();
    const res = await completePending(
      org,
      { certificateId: next.expectedCertificateId },
      3,
    );
    assert.equal(res.status, 200, res.text);
    return org;
  }

  return {
    ...api,
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
    replaced,
  };
}
