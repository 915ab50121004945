// The store on its own: the schema and its migrations, transactions that
// commit whole or not at all, a state.json it does not recognise, and a
// database from a newer version.
import { describe, it, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { Store, DATABASE_FILE } from "../../server/store/index.js";
import { MIGRATIONS } from "../../server/store/schema.js";
import { seedOrganisations } from "../../server/api/index.js";
import { tempDir } from "./helpers.mjs";

const quiet = { seed: seedOrganisations, log: () => {} };

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
