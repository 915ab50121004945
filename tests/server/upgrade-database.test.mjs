// The databases of earlier releases come up under this version with every row
// of every table unchanged, and gain what the newer migrations add.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import {
  CERTIFICATE_ID,
  OTHER_CERTIFICATE_ID,
  makeCertificate,
  readDatabase,
  request,
  spawnServer,
  tempDir,
} from "./helpers.mjs";
import { MIGRATIONS } from "../../server/store/schema.js";
import {
  oldDatabase,
  dump,
  withoutRemovedAt,
  SCHEMA_1_TABLES,
  SCHEMA_2_TABLES,
} from "./upgrade-fixture.mjs";

// The database of the release before sign-in (schema 1: MIGRATIONS[0] only)
// comes up under this version with every row of every table unchanged, and
// gains the sessions and the audit trail.
describe("upgrading a schema 1 database", () => {
  const TABLES = SCHEMA_1_TABLES;
  let dataDir;
  before(async () => {
    dataDir = await tempDir();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it("keeps every row and adds sessions and the audit trail", async () => {
    await oldDatabase(dataDir, 1);
    const before = dump(dataDir, TABLES);
    assert.equal(before.history.length, 5);

    const server = spawnServer({ dataDir });
    try {
      const url = await server.ready;
      const res = await request(
        url,
        "GET",
        "/api/organisations/demo/integrations/netsuite/certificates",
      );
      assert.equal(res.json.history.length, 5);
      const created = await request(url, "POST", "/api/organisations", {
        json: { name: "After the upgrade" },
      });
      assert.equal(created.status, 201);
      const audit = await request(
        url,
        "GET",
        `/api/organisations/${created.json.id}/audit`,
      );
      assert.equal(audit.json.entries[0].action, "organisation_created");
    } finally {
      await server.kill("SIGTERM");
    }
    const after = dump(dataDir, TABLES);
    after.organisations = withoutRemovedAt(
      after.organisations.filter((o) => o.name !== "After the upgrade"),
    );
    assert.deepEqual(after, before);
    readDatabase(dataDir, (d) =>
      assert.equal(
        d.pragma("user_version", { simple: true }),
        MIGRATIONS.length,
      ),
    );
  });
});

// The database of the release before pending certificates (schema 2) comes
// up with every row of every table unchanged (history rebuilt with its
// certificate_id nullable, seq kept and continued), and takes a pending
// certificate and a removal.
describe("upgrading a schema 2 database", () => {
  const TABLES = SCHEMA_2_TABLES;
  let dataDir;
  before(async () => {
    dataDir = await tempDir();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it("keeps every row, and history entries without a Certificate ID can be written", async () => {
    await oldDatabase(dataDir, 2);
    const before = dump(dataDir, TABLES);
    assert.equal(before.history.length, 5);
    assert.equal(before.audit.length, 3);

    const server = spawnServer({ dataDir });
    const pending = await makeCertificate();
    try {
      const url = await server.ready;
      const upgraded = dump(dataDir, TABLES);
      upgraded.organisations = withoutRemovedAt(upgraded.organisations);
      assert.deepEqual(upgraded, before);

      const integration = "/api/organisations/demo/integrations/netsuite";
      const got = await request(url, "GET", integration);
      assert.equal(got.json.pendingCertificate, null);
      assert.equal(got.json.version, 6);
      const made = await request(
        url,
        "PUT",
        `${integration}/pending-certificate`,
        {
          json: { certificatePem: pending.certificate.pem },
          headers: { "If-Match": '"6"' },
        },
      );
      assert.equal(made.status, 200, made.text);
      const history = await request(url, "GET", `${integration}/certificates`);
      assert.equal(history.json.history.length, 6);
      assert.equal(history.json.history[0].change, "pending");
      assert.equal(history.json.history[0].certificateId, null);
      assert.deepEqual(
        history.json.certificates.map((c) => [
          c.certificateId,
          c.current,
          c.revoked,
        ]),
        [
          [CERTIFICATE_ID, true, true],
          [OTHER_CERTIFICATE_ID, false, false],
        ],
      );
      const removed = await request(
        url,
        "DELETE",
        "/api/organisations/zero-width",
      );
      assert.equal(removed.status, 204);
      const audit = await request(
        url,
        "GET",
        "/api/organisations/zero-width/audit",
      );
      assert.deepEqual(
        audit.json.entries.map((entry) => entry.action),
        ["organisation_removed", "organisation_created"],
      );
    } finally {
      await server.kill("SIGTERM");
    }
    // The requests above wrote after every row that was there.
    const after = dump(dataDir, TABLES);
    assert.deepEqual(after.history.slice(0, 5), before.history);
    assert.equal(after.history[5].seq, before.history[4].seq + 1);
    assert.equal(after.history[5].certificate_id, null);
    assert.deepEqual(after.audit.slice(0, 3), before.audit);
    readDatabase(dataDir, (d) => {
      assert.equal(
        d.pragma("user_version", { simple: true }),
        MIGRATIONS.length,
      );
      const column = d
        .prepare("SELECT * FROM pragma_table_info('history') WHERE name = ?")
        .get("certificate_id");
      assert.equal(column.notnull, 0);
    });
  });
});
