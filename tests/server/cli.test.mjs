// `node server/main.js` (what `npm start` runs): HOST, PORT, DATA_DIR; a taken
// port falls back to a free one; it prints its URL and stops cleanly; a
// setting it cannot use stops it with a clear message.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { readdir, rm } from "node:fs/promises";
import { DATABASE_FILE } from "../../server/store/index.js";
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
        (await readdir(dataDir)).includes(DATABASE_FILE),
        "DATA_DIR is used",
      );
    } finally {
      const { code } = await server.kill("SIGTERM");
      assert.equal(code, 0, "stops cleanly on SIGTERM");
    }
    assert.deepEqual(
      await readdir(dataDir),
      [DATABASE_FILE],
      "and closes the database (its write-ahead log checkpointed and removed)",
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

  for (const [env, message] of [
    [{ PORT: "eighty" }, /PORT must be a whole number from 0 to 65535/],
    [{ PORT: "70000" }, /PORT must be a whole number from 0 to 65535/],
    [{ MAX_ORGANISATIONS: "0" }, /MAX_ORGANISATIONS must be a whole number/],
    [{ MAX_HISTORY_ENTRIES: "-3" }, /MAX_HISTORY_ENTRIES must be a whole/],
    [{ ALLOWED_ORIGINS: "*" }, /ALLOWED_ORIGINS: "\*" is not an origin/],
    [
      { ALLOWED_ORIGINS: "https://admin.example/path" },
      /ALLOWED_ORIGINS: "https:\/\/admin.example\/path" is not an origin/,
    ],
    [{ ALLOW_CREDENTIALS: "yes" }, /ALLOW_CREDENTIALS must be true or false/],
    [{ CSRF_HEADER: "X-Token: x" }, /CSRF_HEADER: .* is not a header name/],
  ]) {
    it(`refuses ${JSON.stringify(env)} with a clear message (exit 2)`, async () => {
      const server = spawnServer({ dataDir, env });
      await assert.rejects(server.ready, message);
      assert.equal((await server.exited).code, 2);
    });
  }
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
