// The audit trail: every kind of change is an entry naming who made it (the
// signed-in e-mail and subject, or "local" without sign-in), when, and what,
// with old and new values; entries cannot be changed or removed, survive
// MAX_HISTORY_ENTRIES, and are exported as JSON Lines.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  integrationPath,
  OTHER_CERTIFICATE_ID,
  makeCertificate,
  openDatabase,
  startTestServer,
} from "./helpers.mjs";
import { browser, signIn, startSignInServer } from "./oidc.mjs";

const EDITOR = "auditor-subject@example.com";
const OTHER_ACCOUNT = "7654321";
const OTHER_CLIENT = "b".repeat(64);

/**
 * Makes every kind of change through `api`, the organisation's removal last
 * (`beforeRemoval` runs just before it); returns the organisation ID, the
 * second certificate's ID and who the pending certificate says made it.
 */
async function changeEverything(api, { beforeRemoval = async () => {} } = {}) {
  const created = await api("POST", "/api/organisations", {
    json: { name: "Audited Ltd" },
  });
  assert.equal(created.status, 201, created.text);
  const org = created.json.id;
  const path = integrationPath(org);
  let res = await api("PUT", path, {
    json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
  });
  assert.equal(res.status, 200, res.text);
  res = await api("PUT", path, {
    json: { accountId: OTHER_ACCOUNT, clientId: OTHER_CLIENT },
    headers: { "If-Match": res.headers.etag },
  });
  assert.equal(res.status, 200, res.text);
  const first = await makeCertificate();
  res = await api("PUT", `${path}/certificate`, {
    json: {
      certificateId: CERTIFICATE_ID,
      certificatePem: first.certificate.pem,
      certificateIdConfirmed: true,
    },
    headers: { "If-Match": res.headers.etag },
  });
  assert.equal(res.status, 200, res.text);
  const second = await makeCertificate();
  const secondId = OTHER_CERTIFICATE_ID;
  res = await api("PUT", `${path}/certificate`, {
    json: {
      certificateId: secondId,
      certificatePem: second.certificate.pem,
      certificateIdConfirmed: true,
    },
    headers: { "If-Match": res.headers.etag },
  });
  assert.equal(res.status, 200, res.text);
  res = await api("PUT", `${path}/certificate`, {
    json: { certificateId: "RENAMED-ID", certificateIdConfirmed: true },
    headers: { "If-Match": res.headers.etag },
  });
  assert.equal(res.status, 200, res.text);
  // A pending certificate, replaced by another, discarded; then one completed.
  const [third, fourth] = await Promise.all([
    makeCertificate(),
    makeCertificate(),
  ]);
  for (const made of [third, fourth]) {
    res = await api("PUT", `${path}/pending-certificate`, {
      json: { certificatePem: made.certificate.pem },
      headers: { "If-Match": res.headers.etag },
    });
    assert.equal(res.status, 200, res.text);
  }
  const pendingCreatedBy = res.json.pendingCertificate.createdBy;
  res = await api("DELETE", `${path}/pending-certificate`, {
    headers: { "If-Match": res.headers.etag },
  });
  assert.equal(res.status, 200, res.text);
  res = await api("PUT", `${path}/pending-certificate`, {
    json: { certificatePem: third.certificate.pem },
    headers: { "If-Match": res.headers.etag },
  });
  assert.equal(res.status, 200, res.text);
  res = await api("POST", `${path}/pending-certificate/completion`, {
    json: { certificateId: third.certificate.expectedCertificateId },
    headers: { "If-Match": res.headers.etag },
  });
  assert.equal(res.status, 200, res.text);
  // The previous certificate recorded as revoked, then the current one.
  for (const json of [{ certificateId: "RENAMED-ID" }, {}]) {
    res = await api("POST", `${path}/certificate/revoked`, {
      json,
      headers: { "If-Match": res.headers.etag },
    });
    assert.equal(res.status, 200, res.text);
  }
  res = await api("PATCH", `/api/organisations/${org}`, {
    json: { name: "Audited Group" },
  });
  assert.equal(res.status, 200, res.text);
  await beforeRemoval(org);
  res = await api("DELETE", `/api/organisations/${org}`);
  assert.equal(res.status, 204, res.text);
  return {
    org,
    secondId,
    thirdId: third.certificate.expectedCertificateId,
    pendingCreatedBy,
  };
}

function checkEntries(
  entries,
  { org, secondId, thirdId, pendingCreatedBy },
  actor,
) {
  assert.deepEqual(
    entries.map((e) => e.action),
    [
      "organisation_removed",
      "organisation_renamed",
      "certificate_revoked",
      "certificate_revoked",
      "certificate_pending_completed",
      "certificate_replaced",
      "certificate_pending",
      "certificate_pending_discarded",
      "certificate_pending",
      "certificate_pending_discarded",
      "certificate_pending",
      "certificate_id_changed",
      "certificate_added",
      "certificate_replaced",
      "certificate_added",
      "integration_changed",
      "integration_created",
      "organisation_created",
    ],
  );
  for (const entry of entries) {
    assert.deepEqual(entry.actor, actor);
    assert.equal(entry.organisationId, org);
    assert.ok(Date.parse(entry.at) <= Date.now());
  }
  const by = (action) => entries.find((e) => e.action === action);
  assert.deepEqual(by("organisation_created").details, { name: "Audited Ltd" });
  assert.deepEqual(by("integration_changed").details, {
    accountId: { old: ACCOUNT_ID, new: OTHER_ACCOUNT },
    clientId: { old: CLIENT_ID, new: OTHER_CLIENT },
  });
  assert.deepEqual(by("certificate_id_changed").details.certificateId, {
    old: secondId,
    new: "RENAMED-ID",
  });
  const all = (action) => entries.filter((e) => e.action === action);
  assert.deepEqual(
    all("certificate_revoked").map((e) => e.details.certificateId),
    [thirdId, "RENAMED-ID"],
  );
  assert.deepEqual(pendingCreatedBy, actor);
  for (const entry of [
    ...all("certificate_pending"),
    ...all("certificate_pending_discarded"),
  ])
    assert.deepEqual(Object.keys(entry.details), [
      "fingerprintSha256",
      "notAfter",
    ]);
  assert.deepEqual(
    all("certificate_replaced").map((e) => e.details.certificateId),
    ["RENAMED-ID", CERTIFICATE_ID],
  );
  const completed = by("certificate_pending_completed").details;
  assert.equal(completed.certificateId, thirdId);
  assert.equal(completed.previousCertificateId, "RENAMED-ID");
  assert.deepEqual(by("organisation_renamed").details, {
    name: { old: "Audited Ltd", new: "Audited Group" },
  });
  assert.deepEqual(by("organisation_removed").details, {
    name: "Audited Group",
  });
}

describe("the audit trail with sign-in", () => {
  let setup;
  let api;
  let server;
  before(async () => {
    setup = await startSignInServer({
      env: { EDITORS: EDITOR },
      options: { limits: { historyEntries: 2 } },
    });
    server = setup.server;
    const client = browser();
    assert.equal((await signIn(client, server.url, EDITOR)).status, 303);
    const session = await client.send("GET", `${server.url}api/session`);
    api = (method, target, { json, headers = {} } = {}) =>
      client.send(method, new URL(target, server.url).href, {
        json,
        headers: { "X-CSRF-Token": session.json.csrfToken, ...headers },
      });
  });
  after(() => setup?.close());

  it("records each kind of change with the signed-in subject and e-mail, and keeps it after the organisation's removal", async () => {
    const done = await changeEverything(api, {
      // MAX_HISTORY_ENTRIES (2 here) prunes the certificate history, not the audit.
      async beforeRemoval(org) {
        const history = await api(
          "GET",
          `${integrationPath(org)}/certificates`,
        );
        assert.equal(history.json.history.length, 2);
      },
    });
    assert.equal(
      (await api("GET", `/api/organisations/${done.org}`)).status,
      404,
    );
    const res = await api("GET", `/api/organisations/${done.org}/audit`);
    assert.equal(res.status, 200);
    checkEntries(res.json.entries, done, {
      subject: `sub-${EDITOR}`,
      email: EDITOR,
    });

    const exported = await api("GET", "/api/audit");
    assert.equal(exported.status, 200);
    assert.match(exported.headers["content-type"], /^application\/jsonl/);
    const lines = exported.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.filter((e) => e.organisationId === done.org),
      res.json.entries.toReversed(),
      "the export has them all, oldest first",
    );
  });

  it("refuses If-Match: * (a real version is required)", async () => {
    const res = await api("PUT", integrationPath("demo"), {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
    });
    assert.equal(res.status, 200);
    const star = await api("PUT", integrationPath("demo"), {
      json: { accountId: OTHER_ACCOUNT, clientId: CLIENT_ID },
      headers: { "If-Match": "*" },
    });
    assert.equal(star.status, 428);
    assert.equal(star.json.error.code, "if_match_required");
  });

  it("cannot be changed or removed, even in the database", () => {
    const db = openDatabase(server.dataDir);
    try {
      assert.throws(
        () => db.prepare("UPDATE audit SET actor_email = 'x'").run(),
        /cannot be changed/,
      );
      assert.throws(
        () => db.prepare("DELETE FROM audit").run(),
        /cannot be removed/,
      );
    } finally {
      db.close();
    }
  });
});

describe("the audit trail without sign-in", () => {
  let server;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  it('names the one local person "local"', async () => {
    const done = await changeEverything((method, target, options) =>
      server.request(method, target, options),
    );
    const res = await server.request(
      "GET",
      `/api/organisations/${done.org}/audit`,
    );
    checkEntries(res.json.entries, done, { subject: "local", email: null });
    assert.equal((await server.request("GET", "/api/session")).status, 404);
  });
});
