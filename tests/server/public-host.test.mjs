// Serving beyond loopback needs sign-in: `node server/main.js` with a HOST
// that is not loopback and no OIDC settings stops before it binds, saying
// what to set; with them every unauthenticated request is 401 and a request
// addressed to another name (DNS rebinding) is 403. On loopback without
// OIDC it serves the one local person and says so.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { request, spawnServer, tempDir } from "./helpers.mjs";
import { CLIENT_ID, CLIENT_SECRET, freePort, startProvider } from "./oidc.mjs";

// Resolves when the server's output matches `pattern` (its start-up lines
// after "serving"), or rejects when it exits first.
function printed(server, pattern) {
  return new Promise((resolve, reject) => {
    const look = () => {
      if (!pattern.test(server.output.stdout)) return;
      server.child.stdout.off("data", look);
      resolve();
    };
    server.child.stdout.on("data", look);
    server.exited.then(() => reject(new Error(server.output.stderr)));
    look();
  });
}

describe("the HOST setting and sign-in", () => {
  let dataDir;
  before(async () => {
    dataDir = await tempDir();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it("refuses HOST=0.0.0.0 without sign-in settings, before binding", async () => {
    const server = spawnServer({ dataDir, env: { HOST: "0.0.0.0" } });
    const { code } = await server.exited;
    assert.equal(code, 2);
    assert.match(server.output.stderr, /HOST=0\.0\.0\.0/);
    assert.match(
      server.output.stderr,
      /OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL/,
    );
    assert.doesNotMatch(server.output.stdout, /serving/);
  });

  it("serves HOST=0.0.0.0 with sign-in: 401 without a session, 403 for a foreign Host", async () => {
    const provider = await startProvider();
    const port = await freePort();
    const publicUrl = `http://localhost:${port}/`;
    const server = spawnServer({
      dataDir,
      env: {
        HOST: "0.0.0.0",
        PORT: String(port),
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        PUBLIC_URL: publicUrl,
        EDITORS: "someone@example.com",
      },
    });
    try {
      const url = await server.ready;
      assert.equal(url, `http://0.0.0.0:${port}/`, "the address it listens on");
      await printed(server, /sign-in through .*; people open/);
      const local = `http://127.0.0.1:${port}/`;
      const anonymous = await request(local, "GET", "/api/organisations", {
        headers: { Host: `localhost:${port}` },
      });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.json.error.code, "sign_in_required");
      for (const host of [`attacker.example:${port}`, `127.0.0.1:${port}`]) {
        const rebound = await request(local, "GET", "/api/organisations", {
          headers: { Host: host },
        });
        assert.equal(rebound.status, 403, host);
        assert.equal(rebound.json.error.code, "host_not_allowed");
      }
    } finally {
      const { code } = await server.kill("SIGTERM");
      assert.equal(code, 0);
      await provider.close();
    }
  });

  it("on loopback without sign-in serves the one local person and says so", async () => {
    const server = spawnServer({ dataDir });
    try {
      const url = await server.ready;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      await printed(server, /no sign-in.*"local"/);
      assert.equal(
        (await request(url, "GET", "/api/organisations")).status,
        200,
      );
    } finally {
      await server.kill("SIGTERM");
    }
  });
});
