// The store on its own: atomic updates, leftovers of a killed process, a file
// it does not recognise, and one process per data directory.
import { describe, it, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Store } from "../../server/store.js";
import { initialState } from "../../server/api.js";
import { tempDir } from "./helpers.mjs";

describe("the store", () => {
  let dir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("seeds an empty directory with the demo organisation, on disk", async () => {
    const store = await Store.open(dir, initialState);
    try {
      const onDisk = JSON.parse(
        await readFile(path.join(dir, "state.json"), "utf8"),
      );
      assert.deepEqual(onDisk, store.state);
      assert.deepEqual(
        onDisk.organisations.map(({ id, name, integration }) => ({
          id,
          name,
          integration,
        })),
        [{ id: "demo", name: "Demo Company", integration: null }],
      );
    } finally {
      await store.close();
    }
  });

  it("keeps state and file unchanged when an update throws", async () => {
    const store = await Store.open(dir, initialState);
    try {
      const before = await readFile(path.join(dir, "state.json"), "utf8");
      await assert.rejects(
        store.update((draft) => {
          draft.organisations.push({
            id: "half",
            name: "Half",
            integration: null,
          });
          throw new Error("refused halfway");
        }),
        /refused halfway/,
      );
      assert.equal(store.state.organisations.length, 1);
      assert.equal(
        await readFile(path.join(dir, "state.json"), "utf8"),
        before,
      );
      const result = await store.update((draft) => draft.organisations.length);
      assert.equal(result, 1, "later updates still run");
    } finally {
      await store.close();
    }
  });

  it("runs updates one after another, so none is lost", async () => {
    const store = await Store.open(dir, initialState);
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.update((draft) => {
            draft.counter = (draft.counter ?? 0) + 1;
            draft.organisations.push({
              id: `o${i}`,
              name: `O${i}`,
              integration: null,
            });
          }),
        ),
      );
      assert.equal(store.state.counter, 50);
      const onDisk = JSON.parse(
        await readFile(path.join(dir, "state.json"), "utf8"),
      );
      assert.equal(onDisk.counter, 50);
      assert.equal(onDisk.organisations.length, 51);
    } finally {
      await store.close();
    }
  });

  it("ignores and removes the temporary file of a process killed mid-write", async () => {
    let store = await Store.open(dir, initialState);
    await store.close();
    const committed = await readFile(path.join(dir, "state.json"), "utf8");
    await writeFile(
      path.join(dir, "state.json.12345.7.tmp"),
      committed.slice(0, 40),
    ); // torn write
    store = await Store.open(dir, initialState);
    try {
      assert.equal(
        await readFile(path.join(dir, "state.json"), "utf8"),
        committed,
      );
      assert.deepEqual((await readdir(dir)).sort(), ["lock", "state.json"]);
    } finally {
      await store.close();
    }
  });

  it("refuses to start on a file it does not recognise, and leaves it alone", async () => {
    for (const text of ["{ torn", '{"something":"else"}']) {
      await writeFile(path.join(dir, "state.json"), text);
      await assert.rejects(
        Store.open(dir, initialState),
        /refusing to start rather than overwrite it/,
      );
      assert.equal(await readFile(path.join(dir, "state.json"), "utf8"), text);
      assert.ok(!(await readdir(dir)).includes("lock"), "the lock is released");
    }
  });

  it("allows one user of a directory at a time, and takes over a dead owner's lock", async () => {
    const store = await Store.open(dir, initialState);
    await assert.rejects(
      Store.open(dir, initialState),
      /already in use by this process/,
    );
    await store.close();

    await writeFile(path.join(dir, "lock"), `${process.ppid}\n`); // a live process
    await assert.rejects(
      Store.open(dir, initialState),
      new RegExp(`in use by process ${process.ppid}`),
    );

    const gone = spawnSync(
      process.execPath,
      ["-e", "process.stdout.write(String(process.pid))"],
      {
        encoding: "utf8",
      },
    );
    await writeFile(path.join(dir, "lock"), `${gone.stdout}\n`); // a process that has exited
    const again = await Store.open(dir, initialState);
    assert.equal(
      await readFile(path.join(dir, "lock"), "utf8"),
      `${process.pid}\n`,
    );
    await again.close();
    assert.ok(!(await readdir(dir)).includes("lock"));
  });
});
