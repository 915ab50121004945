// The store: one SQLite database in the data directory (WAL mode, durable
// commits). Each request runs in one transaction; writes take the write lock
// at their start (BEGIN IMMEDIATE), so checks such as If-Match and the choice
// of a new organisation ID see the latest committed state even when several
// server processes share the directory: SQLite's file locks order them.
import Database from "better-sqlite3";
import diagnosticsChannel from "node:diagnostics_channel";
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
export const BUSY_TIMEOUT_MS = 5000;
// The pauses between attempts while another process holds the lock: they
// grow from FIRST to LONGEST (with jitter, so that waiting servers spread out).
const FIRST_RETRY_MS = 2;
const LONGEST_RETRY_MS = 100;
// Told each time a transaction found the lock taken and waits ({ attempt }):
// how tests see that a request is waiting, and a hook for monitoring.
export const STORE_BUSY_CHANNEL = "netsuite-m2m:store-busy";
const busyChannel = diagnosticsChannel.channel(STORE_BUSY_CHANNEL);

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
      // At start nothing is served yet: SQLite may wait (synchronously) for locks.
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
      // From now on a wait for a lock must not block the event loop (every
      // request, static files included, would stall): SQLite answers
      // SQLITE_BUSY at once, and #retry waits on a timer.
      db.pragma("busy_timeout = 0");
      return new Store(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Runs `read(queries)` in one read transaction (a consistent snapshot);
   * resolves to what it returns.
   */
  read(read) {
    return this.#retry(() =>
      this.#db.transaction(() => read(this.#queries)).deferred(),
    );
  }

  /**
   * Runs `write(queries)` in one write transaction: committed (durably) if it
   * returns, rolled back if it throws; resolves to what it returns. `write`
   * must be synchronous, and may run more than once (it is rolled back and
   * run again after another process held the lock).
   */
  write(write) {
    return this.#retry(() =>
      this.#db.transaction(() => write(this.#queries)).immediate(),
    );
  }

  // Runs `attempt` until it does not fail with SQLITE_BUSY, waiting between
  // attempts on a timer (other requests are served meanwhile), for at most
  // BUSY_TIMEOUT_MS; then the SQLITE_BUSY error is thrown (503 storage_busy).
  async #retry(attempt) {
    const deadline = performance.now() + BUSY_TIMEOUT_MS;
    let pause = FIRST_RETRY_MS;
    for (let attempts = 1; ; attempts++) {
      try {
        return attempt();
      } catch (error) {
        const left = deadline - performance.now();
        if (error?.code !== "SQLITE_BUSY" || left <= 0 || !this.#db.open)
          throw error;
        busyChannel.publish({ attempts });
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(left, pause * (0.5 + Math.random()))),
        );
        pause = Math.min(pause * 2, LONGEST_RETRY_MS);
      }
    }
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
