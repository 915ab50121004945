// The store: one SQLite database in the data directory (WAL mode, durable
// commits). Each request runs in one transaction; writes take the write lock
// at their start (BEGIN IMMEDIATE), so checks such as If-Match and the choice
// of a new organisation ID see the latest committed state even when several
// server processes share the directory: SQLite's file locks order them.
import Database from "better-sqlite3";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import {
  checkAlreadyImported,
  importState,
  keepAsBackup,
  readStateFile,
  STATE_FILE,
} from "./import-state.js";
import { prepareQueries } from "./queries.js";
import { MIGRATIONS } from "./schema.js";

export const DATABASE_FILE = "netsuite-m2m.sqlite";
// How long a transaction waits for another process's write to finish.
const BUSY_TIMEOUT_MS = 5000;

export class Store {
  #db;
  #queries;

  constructor(db) {
    this.#db = db;
    this.#queries = prepareQueries(db);
  }

  /**
   * Opens (creating if needed) the database in `dir`, migrates it, and on
   * first start imports DIR/state.json if there is one (`seed` fills a new,
   * empty store instead). `log` receives what a person should know.
   */
  static open(dir, { seed = () => {}, log = console.log } = {}) {
    dir = path.resolve(dir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, DATABASE_FILE);
    closeSync(openSync(file, "a", 0o600)); // SQLite's WAL files copy this mode
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      enableWal(db);
      db.pragma("synchronous = FULL"); // a commit survives power loss, not only a crash
      db.pragma("foreign_keys = ON");
      const imported = db.transaction(() => migrate(db, dir, seed)).immediate();
      if (imported) {
        const backup = keepAsBackup(dir);
        if (imported.organisations !== undefined)
          log(
            `netsuite-m2m: imported ${imported.organisations} organisation(s) from ${STATE_FILE} into ${file}.`,
          );
        if (backup)
          log(`netsuite-m2m: the old ${STATE_FILE} is kept as ${backup}.`);
      }
      return new Store(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Runs `read(queries)` in one read transaction (a consistent snapshot). */
  read(read) {
    return this.#db.transaction(() => read(this.#queries)).deferred();
  }

  /**
   * Runs `write(queries)` in one write transaction: committed (durably) if it
   * returns, rolled back if it throws. `write` must be synchronous.
   */
  write(write) {
    return this.#db.transaction(() => write(this.#queries)).immediate();
  }

  close() {
    if (this.#db.open) this.#db.close();
  }
}

// Switches the database to WAL. That switch needs an exclusive lock, and
// SQLite does not call the busy handler for it: when two servers open a new
// database at the same moment, one of them got SQLITE_BUSY at once (1 in 4
// synchronised cold starts on a 2-core machine). So retry, for as long as any
// other wait for a lock may take.
function enableWal(db) {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    let mode;
    try {
      mode = db.pragma("journal_mode = WAL", { simple: true });
      if (mode === "wal") return;
    } catch (error) {
      if (error.code !== "SQLITE_BUSY") throw error;
    }
    // Not switched (busy, or SQLite kept the old mode, which it reports
    // without an error): wait a little and try again, until the deadline.
    if (Date.now() >= deadline)
      throw new Error(
        `Could not switch the database to WAL mode (${mode ?? "busy"}) within ${BUSY_TIMEOUT_MS / 1000} s; is another program holding it?`,
      );
    sleep(5 + Math.random() * 20);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

// Inside the start-up transaction: applies missing migrations; on a new
// database, imports state.json or seeds. Returns what was imported, if anything.
function migrate(db, dir, seed) {
  const version = db.pragma("user_version", { simple: true });
  if (version > MIGRATIONS.length)
    throw new Error(
      `The database was written by a newer version (schema ${version}); upgrade netsuite-m2m.`,
    );
  for (const migration of MIGRATIONS.slice(version)) db.exec(migration);
  db.pragma(`user_version = ${MIGRATIONS.length}`);

  const queries = prepareQueries(db);
  const found = readStateFile(dir);
  if (version > 0) {
    if (found) checkAlreadyImported(queries, found);
    return found ? { leftover: true } : undefined;
  }
  if (!found) {
    seed(queries);
    return undefined;
  }
  importState(queries, found);
  return { organisations: found.state.organisations.length };
}
