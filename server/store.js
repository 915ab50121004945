// Durable, atomic storage of the whole state in one JSON file.
//
// - A write either fully happens or not at all, even if the process is killed
//   mid-write: the new state goes to a temporary file, which is fsynced and
//   then renamed over the old one (rename is atomic), and the directory is
//   fsynced so that the rename itself survives a crash.
// - Updates run one at a time, in arrival order, each on a fresh copy of the
//   state: no read-modify-write can interleave with another, so none is lost.
//   A request is answered only once its update is on disk.
// - One process at a time: a lock file holds the owner's PID.
import {
  open,
  readFile,
  readdir,
  rename,
  unlink,
  mkdir,
} from "node:fs/promises";
import path from "node:path";

const STATE_FILE = "state.json";
const LOCK_FILE = "lock";
const FORMAT = "netsuite-m2m/1";

const openDirs = new Set(); // data directories this process holds

export class Store {
  #dir;
  #file;
  #state;
  #text;
  #queue = Promise.resolve();
  #tmpCounter = 0;
  #closed = false;

  constructor(dir, state, text) {
    this.#dir = dir;
    this.#file = path.join(dir, STATE_FILE);
    this.#state = state;
    this.#text = text;
  }

  /**
   * Opens (creating if needed) the store in `dir`. `initialState()` seeds an
   * empty store. Refuses a directory another live process is using.
   */
  static async open(dir, initialState) {
    dir = path.resolve(dir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await acquireLock(dir);
    try {
      await removeLeftoverTempFiles(dir);
      const file = path.join(dir, STATE_FILE);
      let text;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
      }
      if (text === undefined) {
        const store = new Store(dir, null, null);
        await store.update((draft) => {
          Object.assign(draft, initialState());
        });
        return store;
      }
      const state = parseState(text, file);
      return new Store(dir, state, text);
    } catch (error) {
      await releaseLock(dir);
      throw error;
    }
  }

  get directory() {
    return this.#dir;
  }

  /** The committed state. Callers must not modify it. */
  get state() {
    return this.#state;
  }

  /**
   * Runs `mutate(draft)` on a copy of the state, after every earlier update
   * has finished. If it returns normally and changed the draft, the draft is
   * written to disk and becomes the state; if it throws, nothing changes.
   * Resolves to what `mutate` returned, once the change is durable.
   */
  update(mutate) {
    const run = async () => {
      if (this.#closed) throw new Error("The store is closed.");
      const draft =
        this.#state === null
          ? { format: FORMAT }
          : structuredClone(this.#state);
      const result = mutate(draft);
      const text = JSON.stringify(draft, null, 1) + "\n";
      if (text !== this.#text) {
        await this.#writeAtomically(text);
        this.#state = draft;
        this.#text = text;
      }
      return result;
    };
    const result = this.#queue.then(run);
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Waits for pending updates, then releases the directory. */
  async close() {
    if (this.#closed) return;
    await this.#queue;
    this.#closed = true;
    await releaseLock(this.#dir);
  }

  async #writeAtomically(text) {
    const tmp = path.join(
      this.#dir,
      `${STATE_FILE}.${process.pid}.${++this.#tmpCounter}.tmp`,
    );
    try {
      const handle = await open(tmp, "wx", 0o600);
      try {
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.#file);
    } catch (error) {
      await unlink(tmp).catch(() => {});
      throw error;
    }
    await syncDirectory(this.#dir);
  }
}

function parseState(text, file) {
  let state;
  try {
    state = JSON.parse(text);
  } catch (cause) {
    // Cannot happen through this module (writes are atomic); refuse to guess.
    throw new Error(
      `${file} is not valid JSON; refusing to start rather than overwrite it.`,
      { cause },
    );
  }
  if (state?.format !== FORMAT || !Array.isArray(state.organisations)) {
    throw new Error(
      `${file} is not a ${FORMAT} state file; refusing to start rather than overwrite it.`,
    );
  }
  return state;
}

async function syncDirectory(dir) {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
    if (!["EISDIR", "EINVAL", "EPERM", "EBADF"].includes(error.code))
      throw error;
  } finally {
    await handle?.close();
  }
}

async function removeLeftoverTempFiles(dir) {
  // Temporary files of a process killed mid-write: never renamed, so never part of the state.
  for (const name of await readdir(dir)) {
    if (name.startsWith(`${STATE_FILE}.`) && name.endsWith(".tmp")) {
      await unlink(path.join(dir, name)).catch(() => {});
    }
  }
}

async function acquireLock(dir) {
  if (openDirs.has(dir))
    throw new Error(
      `The data directory ${dir} is already in use by this process.`,
    );
  const lockFile = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, "wx", 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      openDirs.add(dir);
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const pid = Number.parseInt(
      await readFile(lockFile, "utf8").catch(() => ""),
      10,
    );
    if (
      Number.isInteger(pid) &&
      pid > 0 &&
      pid !== process.pid &&
      isAlive(pid)
    ) {
      throw new Error(`The data directory ${dir} is in use by process ${pid}.`);
    }
    // The owner is gone (killed, say): the lock is stale.
    await unlink(lockFile).catch(() => {});
  }
  throw new Error(`Could not lock the data directory ${dir}.`);
}

async function releaseLock(dir) {
  if (!openDirs.delete(dir)) return;
  await unlink(path.join(dir, LOCK_FILE)).catch(() => {});
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
