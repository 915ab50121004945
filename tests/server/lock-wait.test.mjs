// Waiting for another process's write lock must not stall the server: with
// busy_timeout in the synchronous driver, one waiting PUT blocked every
// request, static files included, for about 4 s (issue 15). Another process
// (a child) holds the write lock; the PUT waits on a timer, and the GETs
// sent meanwhile are answered before the lock is released. The order of
// events is the proof; nothing here measures time.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import diagnosticsChannel from "node:diagnostics_channel";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DATABASE_FILE, STORE_BUSY_CHANNEL } from "../../server/store/index.js";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  integrationPath,
  repoRoot,
  startTestServer,
  tempDir,
} from "./helpers.mjs";

// A child process that takes the write lock (BEGIN IMMEDIATE), says
// "locked", and rolls back when told "release" on stdin.
const HOLDER = `
  import Database from "better-sqlite3";
  const db = new Database(process.argv.at(-1));
  db.exec("BEGIN IMMEDIATE");
  process.stdout.write("locked\\n");
  process.stdin.once("data", () => {
    db.exec("ROLLBACK");
    db.close();
    process.stdout.write("released\\n");
    process.exit(0);
  });
`;

function holdWriteLock(dataDir) {
  const child = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      HOLDER,
      "--",
      path.join(dataDir, DATABASE_FILE),
    ],
    { cwd: repoRoot, stdio: ["pipe", "pipe", "inherit"] },
  );
  const said = (word) =>
    new Promise((resolve, reject) => {
      let text = "";
      const onData = (chunk) => {
        text += chunk;
        if (text.includes(word)) {
          child.stdout.off("data", onData);
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.once("close", (code) =>
        reject(new Error(`the lock holder exited (${code}) before "${word}"`)),
      );
    });
  const locked = said("locked");
  return {
    locked,
    async release() {
      const released = said("released");
      child.stdin.write("release\n");
      await released;
    },
    kill: () => child.kill("SIGKILL"),
  };
}

// Resolves with the first message on the store's busy channel: a request is
// waiting for the lock.
function nextBusyWait() {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      diagnosticsChannel.unsubscribe(STORE_BUSY_CHANNEL, onMessage);
      resolve(message);
    };
    diagnosticsChannel.subscribe(STORE_BUSY_CHANNEL, onMessage);
  });
}

describe("a write lock held by another process", () => {
  let root;
  let server;
  before(async () => {
    root = await tempDir();
    await mkdir(path.join(root, "www"));
    await writeFile(path.join(root, "www", "index.html"), "<p>page</p>");
    server = await startTestServer({ wwwDir: path.join(root, "www") });
  });
  after(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  // Sends a write; resolves, once it waits for the lock (or, with a blocking
  // wait, once it was answered), to { answer }, the promise of its answer. `events`
  // records "<METHOD> waiting" and "<METHOD> answered" in the order they happen.
  async function sendWhileLocked(events, method, target, json) {
    const waiting = nextBusyWait();
    const answer = server.request(method, target, { json }).then((res) => {
      events.push(`${method} answered`);
      return res;
    });
    await Promise.race([waiting, answer]);
    events.push(`${method} waiting`);
    return { answer };
  }

  it("keeps static files and API reads answered while a PUT waits for it; the PUT goes through once it is released", async () => {
    const holder = holdWriteLock(server.dataDir);
    try {
      await holder.locked;
      const events = [];
      const { answer: put } = await sendWhileLocked(
        events,
        "PUT",
        integrationPath("demo"),
        {
          accountId: ACCOUNT_ID,
          clientId: CLIENT_ID,
        },
      );
      const [page, list] = await Promise.all([
        server.request("GET", "/index.html"),
        server.request("GET", "/api/organisations"),
      ]);
      events.push("GETs answered");
      assert.equal(page.status, 200);
      assert.equal(page.text, "<p>page</p>");
      assert.equal(list.status, 200);
      await holder.release();
      events.push("lock released");
      const res = await put;
      assert.deepEqual(events, [
        "PUT waiting",
        "GETs answered",
        "lock released",
        "PUT answered",
      ]);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.accountId, ACCOUNT_ID);
    } finally {
      holder.kill();
    }
  });

  it("answers 503 storage_busy with Retry-After when the lock is held past the wait, and serves meanwhile", async () => {
    const holder = holdWriteLock(server.dataDir);
    let released = false;
    try {
      await holder.locked;
      const events = [];
      const { answer: post } = await sendWhileLocked(
        events,
        "POST",
        "/api/organisations",
        {
          name: "Waits",
        },
      );
      const read = await server.request("GET", "/api/organisations");
      assert.equal(read.status, 200, "WAL: readers are not blocked");
      events.push("GET answered");
      const write = await post;
      assert.deepEqual(events, [
        "POST waiting",
        "GET answered",
        "POST answered",
      ]);
      assert.equal(write.status, 503, write.text);
      assert.equal(write.json.error.code, "storage_busy");
      assert.equal(write.headers["retry-after"], "1");
      await holder.release();
      released = true;
      const later = await server.request("POST", "/api/organisations", {
        json: { name: "Goes through" },
      });
      assert.equal(later.status, 201, later.text);
    } finally {
      if (!released) holder.kill();
    }
  });
});
