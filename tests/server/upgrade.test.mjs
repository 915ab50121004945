// The upgrade from the JSON store: a data directory holding a state.json in
// today's format ("netsuite-m2m/1") comes up under the SQLite server with
// every organisation, integration, certificate and history entry intact,
// byte for byte where the API returns them; the old file is kept as a backup.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  OTHER_CERTIFICATE_ID,
  m2m,
  makeCertificate,
  openDatabase,
  readDatabase,
  request,
  spawnServer,
  tempDir,
} from "./helpers.mjs";
import { MIGRATIONS } from "../../server/store/schema.js";

// What the JSON store kept of a certificate, from the module's report.
async function storedCertificate(certificateId, status, savedAt) {
  const generated = await makeCertificate();
  const report = await (
    await m2m()
  ).inspectCertificate(generated.certificate.pem);
  return {
    certificateId,
    pem: report.pem,
    fingerprintSha256: report.fingerprintSha256,
    keyType: report.keyType ?? report.key?.keyType ?? null,
    notBefore: report.notBefore,
    notAfter: report.notAfter,
    status,
    savedAt,
  };
}

function historyEntry(at, change, certificate, previousCertificateId) {
  const { certificateId, fingerprintSha256, keyType, notBefore, notAfter } =
    certificate;
  return {
    at,
    change,
    certificateId,
    previousCertificateId,
    fingerprintSha256,
    keyType,
    notBefore,
    notAfter,
  };
}

// A state.json as the JSON store (6468b7b) wrote it: JSON.stringify(state, null, 1).
async function oldState() {
  const older = await storedCertificate(
    OTHER_CERTIFICATE_ID,
    "active",
    "2026-03-01T10:00:00Z",
  );
  const current = await storedCertificate(
    CERTIFICATE_ID,
    "revoked",
    "2026-06-01T10:00:00Z",
  );
  return {
    format: "netsuite-m2m/1",
    organisations: [
      {
        id: "demo",
        name: "Demo Company",
        createdAt: "2026-01-01T09:00:00Z",
        integration: {
          accountId: ACCOUNT_ID,
          clientId: CLIENT_ID,
          certificate: current,
          version: 6,
          updatedAt: "2026-07-01T10:00:00Z",
          history: [
            historyEntry("2026-03-01T10:00:00Z", "added", older, null),
            historyEntry(
              "2026-04-01T10:00:00Z",
              "certificate_id_changed",
              older,
              "old-id",
            ),
            historyEntry("2026-06-01T10:00:00Z", "replaced", older, null),
            historyEntry(
              "2026-06-01T10:00:00Z",
              "added",
              current,
              OTHER_CERTIFICATE_ID,
            ),
            historyEntry("2026-07-01T10:00:00Z", "revoked", current, null),
          ],
        },
      },
      {
        id: "societe-generale",
        name: "Société Générale Ω 株式会社",
        createdAt: "2026-02-01T09:00:00Z",
        integration: {
          accountId: "TSTDRV1431250",
          clientId: CLIENT_ID,
          certificate: null,
          version: 1,
          updatedAt: "2026-02-01T09:30:00Z",
          history: [],
        },
      },
      // Saved before names were checked for zero-width characters: kept as saved.
      {
        id: "zero-width",
        name: "Zero\u200bWidth",
        createdAt: "2026-02-02T09:00:00Z",
        integration: null,
      },
    ],
  };
}

describe("upgrading from state.json", () => {
  let dataDir;
  let state;
  let stateText;
  let server;
  let url;

  before(async () => {
    dataDir = await tempDir();
    state = await oldState();
    stateText = JSON.stringify(state, null, 1) + "\n";
    await writeFile(path.join(dataDir, "state.json"), stateText);
    server = spawnServer({ dataDir });
    url = await server.ready;
  });
  after(async () => {
    await server?.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says so, and keeps the old file, unchanged, as a backup", async () => {
    assert.match(
      server.output.stdout,
      /imported 3 organisation\(s\) from state\.json into .*netsuite-m2m\.sqlite\./,
    );
    assert.match(
      server.output.stdout,
      /the old state\.json is kept as .*state\.json\.imported\./,
    );
    assert.ok(!(await readdir(dataDir)).includes("state.json"));
    assert.equal(
      await readFile(path.join(dataDir, "state.json.imported"), "utf8"),
      stateText,
    );
  });

  it("serves every organisation, integration, certificate and history entry byte for byte", async () => {
    const list = await request(url, "GET", "/api/organisations");
    assert.deepEqual(
      list.json.organisations.map((org) => org.id).sort(),
      state.organisations.map((org) => org.id).sort(),
    );
    for (const org of state.organisations) {
      const base = `/api/organisations/${org.id}`;
      const one = await request(url, "GET", base);
      assert.equal(one.json.name, org.name);
      const answer = await request(url, "GET", `${base}/integrations/netsuite`);
      if (!org.integration) {
        assert.equal(answer.status, 404);
        continue;
      }
      const { history, version, updatedAt, ...integration } = org.integration;
      // (The JSON store had no pending certificate.)
      assert.equal(
        answer.text,
        JSON.stringify({
          ...integration,
          pendingCertificate: null,
          version,
          updatedAt,
        }),
      );
      assert.equal(answer.headers.etag, `"${version}"`);
      const entries = await request(
        url,
        "GET",
        `${base}/integrations/netsuite/certificates`,
      );
      assert.equal(
        JSON.stringify(JSON.parse(entries.text).history),
        JSON.stringify([...history].reverse()),
      );
    }
  });

  it("carries on from the imported versions, and imports only once", async () => {
    const revoked = await request(
      url,
      "POST",
      "/api/organisations/demo/integrations/netsuite/certificate/revoked",
      { json: {}, headers: { "If-Match": '"6"' } },
    );
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.json.version, 6, "revoking again changes nothing");
    const changed = await request(
      url,
      "PUT",
      "/api/organisations/societe-generale/integrations/netsuite",
      {
        json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
        headers: { "If-Match": '"1"' },
      },
    );
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.version, 2);

    await server.kill("SIGTERM");
    server = spawnServer({ dataDir });
    url = await server.ready;
    assert.doesNotMatch(server.output.stdout, /imported/);
    const again = await request(
      url,
      "GET",
      "/api/organisations/societe-generale/integrations/netsuite",
    );
    assert.equal(again.json.version, 2);
    const list = await request(url, "GET", "/api/organisations");
    assert.equal(list.json.organisations.length, 3);
  });
});

// A database as release `schema` (1: before sign-in, 2: before pending
// certificates) left it, holding oldState()'s rows (and, from schema 2, a
// session, a sign-in under way and audit entries).
async function oldDatabase(dataDir, schema) {
  const state = await oldState();
  const db = openDatabase(dataDir);
  try {
    for (const migration of MIGRATIONS.slice(0, schema)) db.exec(migration);
    const insert = (table, row) =>
      db
        .prepare(
          `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.keys(
            row,
          )
            .map((k) => `@${k}`)
            .join(", ")})`,
        )
        .run(row);
    for (const org of state.organisations) {
      insert("organisations", {
        id: org.id,
        name: org.name,
        created_at: org.createdAt,
      });
      const i = org.integration;
      if (!i) continue;
      insert("integrations", {
        organisation_id: org.id,
        account_id: i.accountId,
        client_id: i.clientId,
        version: i.version,
        updated_at: i.updatedAt,
      });
      if (i.certificate)
        insert("certificates", {
          organisation_id: org.id,
          certificate_id: i.certificate.certificateId,
          pem: i.certificate.pem,
          fingerprint_sha256: i.certificate.fingerprintSha256,
          key_type: i.certificate.keyType,
          not_before: i.certificate.notBefore,
          not_after: i.certificate.notAfter,
          status: i.certificate.status,
          saved_at: i.certificate.savedAt,
        });
      for (const h of i.history)
        insert("history", {
          organisation_id: org.id,
          at: h.at,
          change: h.change,
          certificate_id: h.certificateId,
          previous_certificate_id: h.previousCertificateId,
          fingerprint_sha256: h.fingerprintSha256,
          key_type: h.keyType,
          not_before: h.notBefore,
          not_after: h.notAfter,
        });
    }
    insert("meta", { key: "imported_from", value: "test" });
    if (schema >= 2) {
      insert("sessions", {
        id_sha256: "a".repeat(64),
        subject: "someone",
        email: "someone@example.com",
        name: "Some One",
        role: "editor",
        csrf_token: "token",
        created_at: "2026-07-01T10:00:00Z",
        expires_at: "2999-01-01T00:00:00Z",
      });
      insert("logins", {
        state: "state",
        nonce: "nonce",
        code_verifier: "verifier",
        return_to: "/",
        expires_at: "2999-01-01T00:00:00Z",
      });
      for (const [organisation_id, action] of [
        ["demo", "organisation_created"],
        ["demo", "certificate_revoked"],
        ["zero-width", "organisation_created"],
      ])
        insert("audit", {
          organisation_id,
          at: "2026-07-01T10:00:00Z",
          actor_subject: "someone",
          actor_email: "someone@example.com",
          action,
          details: "{}",
        });
    }
    db.pragma(`user_version = ${schema}`);
  } finally {
    db.close();
  }
}

// Every row of `tables`, oldest first.
const dump = (dataDir, tables) =>
  readDatabase(dataDir, (d) =>
    Object.fromEntries(
      tables.map((t) => [
        t,
        d.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ]),
    ),
  );

// Migration 3 gives every organisation removed_at, null: nothing else changes.
function withoutRemovedAt(rows) {
  return rows.map(({ removed_at, ...row }) => {
    assert.equal(removed_at, null);
    return row;
  });
}

// The database of the release before sign-in (schema 1: MIGRATIONS[0] only)
// comes up under this version with every row of every table unchanged, and
// gains the sessions and the audit trail.
// The tables of schema 1, and of schema 2.
const SCHEMA_1_TABLES = [
  "organisations",
  "integrations",
  "certificates",
  "history",
  "meta",
];
const SCHEMA_2_TABLES = [...SCHEMA_1_TABLES, "sessions", "logins", "audit"];

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
