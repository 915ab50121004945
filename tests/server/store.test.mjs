// The store on its own: the schema and its migrations, transactions that
// commit whole or not at all, a state.json it does not recognise, and a
// database from a newer version.
import { describe, it, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { generateKeyPairSync } from "node:crypto";
import { Store, DATABASE_FILE } from "../../server/store/index.js";
import { MIGRATIONS } from "../../server/store/schema.js";
import { seedOrganisations } from "../../server/api/index.js";
import { tempDir } from "./helpers.mjs";

const quiet = { seed: seedOrganisations, log: () => {} };
const stateText = (organisations) =>
  JSON.stringify({ format: "netsuite-m2m/1", organisations }, null, 1);

describe("the store", () => {
  let dir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("seeds a new database with the demo organisation, in WAL mode, readable by its owner only", async () => {
    const store = Store.open(dir, quiet);
    try {
      assert.deepEqual(await store.read((q) => q.organisations()), [
        { id: "demo", name: "Demo Company", integration: null },
      ]);
    } finally {
      store.close();
    }
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    try {
      assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
      assert.equal(
        db.pragma("user_version", { simple: true }),
        MIGRATIONS.length,
      );
    } finally {
      db.close();
    }
    const { mode } = await stat(path.join(dir, DATABASE_FILE));
    assert.equal(mode & 0o777, 0o600);
  });

  it("keeps the database unchanged when a write throws halfway", async () => {
    const store = Store.open(dir, quiet);
    try {
      await assert.rejects(
        () =>
          store.write((q) => {
            q.insertOrganisation({ id: "half", name: "Half", createdAt: "x" });
            throw new Error("refused halfway");
          }),
        /refused halfway/,
      );
      assert.equal(await store.read((q) => q.organisationCount()), 1);
      await store.write((q) =>
        q.insertOrganisation({ id: "next", name: "Next", createdAt: "x" }),
      );
      assert.equal(
        await store.read((q) => q.organisationCount()),
        2,
        "later writes still run",
      );
    } finally {
      store.close();
    }
  });

  it("seeds only once, and keeps what was written across restarts", async () => {
    let store = Store.open(dir, quiet);
    await store.write((q) =>
      q.insertOrganisation({ id: "kept", name: "Kept", createdAt: "x" }),
    );
    store.close();
    store = Store.open(dir, quiet);
    try {
      assert.deepEqual(
        await store.read((q) => q.organisations().map((org) => org.id)),
        ["demo", "kept"],
      );
    } finally {
      store.close();
    }
  });

  it("refuses to start on a state.json it does not recognise, and leaves it alone", async () => {
    for (const text of ["{ torn", '{"something":"else"}']) {
      await writeFile(path.join(dir, "state.json"), text);
      assert.throws(() => Store.open(dir, quiet), /refusing to start/);
      assert.equal(await readFile(path.join(dir, "state.json"), "utf8"), text);
    }
  });

  // A state.json goes through the same checks as a request body: a file
  // with key material or data the contract does not allow stops the start,
  // is left as it is, and nothing of it reaches the database.
  const organisation = (extra = {}) => ({
    id: "acme",
    name: "Acme",
    createdAt: "2026-01-02T03:04:05Z",
    integration: null,
    ...extra,
  });
  const pkcs8 = generateKeyPairSync("ec", {
    namedCurve: "P-256",
  }).privateKey.export({ type: "pkcs8", format: "pem" });
  const jwk = generateKeyPairSync("rsa", {
    modulusLength: 2048,
  }).privateKey.export({ format: "jwk" });
  const integration = {
    accountId: "1234567",
    clientId: "0".repeat(64),
    certificate: null,
    version: 1,
    updatedAt: "2026-01-02T03:04:05Z",
    history: [],
  };
  for (const [label, text, message] of [
    [
      "a private key in a name",
      stateText([organisation({ name: pkcs8 })]),
      /contains private key material/,
    ],
    [
      "a private JWK beside the data",
      stateText([organisation({ notes: { key: jwk } })]),
      /contains private key material/,
    ],
    [
      "a private key hidden by a duplicate key",
      stateText([organisation()]).replace(
        '"name": "Acme"',
        `"name": ${JSON.stringify(pkcs8)}, "name": "Acme"`,
      ),
      /contains private key material/,
    ],
    [
      "an organisation ID the contract refuses",
      stateText([organisation({ id: "../Acme" })]),
      /does not match the contract.*\/organisations\/0\/id must match pattern/,
    ],
    [
      "a version below 1",
      stateText([
        organisation({ integration: { ...integration, version: 0 } }),
      ]),
      /\/organisations\/0\/integration/,
    ],
    [
      "a timestamp that is not one",
      stateText([organisation({ createdAt: "yesterday" })]),
      /\/organisations\/0\/createdAt must match format "date-time"/,
    ],
  ]) {
    it(`refuses to import a state.json with ${label}, and imports nothing`, async () => {
      await writeFile(path.join(dir, "state.json"), text);
      assert.throws(
        () => Store.open(dir, quiet),
        (error) => {
          assert.match(error.message, message);
          assert.match(error.message, /Nothing was imported\./);
          assert.ok(
            !error.message.includes("BEGIN"),
            "the key is not repeated",
          );
          return true;
        },
      );
      assert.equal(await readFile(path.join(dir, "state.json"), "utf8"), text);
      const db = new Database(path.join(dir, DATABASE_FILE), {
        readonly: true,
      });
      try {
        assert.equal(db.pragma("user_version", { simple: true }), 0);
        assert.deepEqual(
          db.prepare("SELECT name FROM sqlite_master").pluck().all(),
          [],
        );
      } finally {
        db.close();
      }
    });
  }

  it("imports a state.json that passes those checks", async () => {
    await writeFile(
      path.join(dir, "state.json"),
      stateText([organisation({ integration })]),
    );
    const store = Store.open(dir, quiet);
    try {
      assert.deepEqual(
        await store.read((q) => q.organisations().map((org) => org.id)),
        ["acme"],
      );
    } finally {
      store.close();
    }
  });

  it("refuses a state.json that was not imported into the database beside it", async () => {
    Store.open(dir, quiet).close();
    const text = JSON.stringify({
      format: "netsuite-m2m/1",
      organisations: [],
    });
    await writeFile(path.join(dir, "state.json"), text);
    assert.throws(
      () => Store.open(dir, quiet),
      /was not imported into the database beside it/,
    );
    assert.equal(await readFile(path.join(dir, "state.json"), "utf8"), text);
  });

  it("refuses a database written by a newer version", async () => {
    Store.open(dir, quiet).close();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    assert.throws(() => Store.open(dir, quiet), /written by a newer version/);
  });

  it("leaves only the database file behind once closed", async () => {
    Store.open(dir, quiet).close();
    assert.deepEqual(await readdir(dir), [DATABASE_FILE]);
  });
});
