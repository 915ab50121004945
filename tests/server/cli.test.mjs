// `node server/main.js` (what `npm start` runs): HOST, PORT, DATA_DIR; a taken
// port falls back to a free one; it prints its URL and stops cleanly.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { readdir, rm } from "node:fs/promises";
import { request, spawnServer, tempDir } from "./helpers.mjs";

describe("the command line", () => {
  let dataDir;
  before(async () => {
    dataDir = await tempDir();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it("serves on the configured port and prints the URL", async () => {
    const port = await freePort();
    const server = spawnServer({ dataDir, env: { PORT: String(port) } });
    try {
      const url = await server.ready;
      assert.equal(url, `http://127.0.0.1:${port}/`);
      assert.match(
        server.output.stdout,
        new RegExp(`^netsuite-m2m: serving http://127\\.0\\.0\\.1:${port}/\\n`),
      );
      const res = await request(url, "GET", "/api/organisations");
      assert.equal(res.status, 200);
      assert.ok(
        (await readdir(dataDir)).includes("state.json"),
        "DATA_DIR is used",
      );
    } finally {
      const { code } = await server.kill("SIGTERM");
      assert.equal(code, 0, "stops cleanly on SIGTERM");
    }
    assert.ok(
      !(await readdir(dataDir)).includes("lock"),
      "and releases the data directory",
    );
  });

  it("falls back to a free port when the configured one is taken, and says so", async () => {
    const blocker = net.createServer();
    await new Promise((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = blocker.address().port;
    const server = spawnServer({ dataDir, env: { PORT: String(taken) } });
    try {
      const url = await server.ready;
      const port = Number(new URL(url).port);
      assert.notEqual(port, taken);
      assert.match(
        server.output.stdout,
        new RegExp(`port ${taken} is in use; using port ${port} instead`),
      );
      assert.equal(
        (await request(url, "GET", "/api/organisations")).status,
        200,
      );
    } finally {
      await server.kill("SIGTERM");
      blocker.close();
    }
  });

  it("refuses a second server on the same data directory", async () => {
    const first = spawnServer({ dataDir });
    try {
      await first.ready;
      const second = spawnServer({ dataDir });
      await assert.rejects(second.ready, /in use by process/);
      const { code } = await second.exited;
      assert.equal(code, 1);
    } finally {
      await first.kill("SIGTERM");
    }
  });

  it("refuses a PORT that is not a port number", async () => {
    const server = spawnServer({ dataDir, env: { PORT: "eighty" } });
    await assert.rejects(server.ready, /PORT must be a port number/);
    assert.equal((await server.exited).code, 2);
  });
});

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
