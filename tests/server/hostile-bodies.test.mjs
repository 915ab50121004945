// Bodies built to make the key detector slow (issue 11: a name of 65,000
// dashes took 6-7 s to refuse, and three such requests made another client
// wait 20 s). Every 64 KiB hostile body is answered quickly, and the server
// stays responsive to other clients while they arrive.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { startTestServer } from "./helpers.mjs";
import { containsPrivateKey } from "../../server/private-key.js";

// "Well under 100 ms" on a quiet machine; the suites share two cores with
// browsers and compilers, so the HTTP round trips get some slack.
const DETECTOR_LIMIT_MS = 100;
const ROUND_TRIP_LIMIT_MS = 400;
const SIZE = 64 * 1024 - 32; // the body limit, less the JSON around the name

const HOSTILE = {
  dashes: "-".repeat(SIZE),
  "BEGINs after dashes": "-----BEGIN ".repeat(SIZE / 11),
  "base64 (all M, every one a candidate DER start)": "M".repeat(SIZE),
  "base64 of zeros": Buffer.alloc((SIZE / 4) * 3).toString("base64"),
  whitespace: " ".repeat(SIZE),
  "PRIVATE KEY without armour": "PRIVATE KEY ".repeat(SIZE / 12),
  "PuTTY headers": "PuTTY-User-Key-File-3:".repeat(SIZE / 22),
  "JSON escapes": "\\n".repeat(SIZE / 4),
  "dashes and spaces": "- ".repeat(SIZE / 2),
};

describe("hostile bodies", () => {
  let server;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  for (const [label, text] of Object.entries(HOSTILE)) {
    it(`the detector reads 64 KiB of ${label} in linear time`, () => {
      containsPrivateKey(text); // warm up the JIT
      const started = performance.now();
      assert.equal(containsPrivateKey({ name: text }), false);
      const elapsed = performance.now() - started;
      assert.ok(
        elapsed < DETECTOR_LIMIT_MS,
        `${elapsed.toFixed(1)} ms (limit ${DETECTOR_LIMIT_MS} ms)`,
      );
    });

    it(`answers a body of ${label} quickly (422 invalid_name)`, async (t) => {
      const body = JSON.stringify({ name: text });
      assert.ok(Buffer.byteLength(body) <= 64 * 1024);
      const started = performance.now();
      const res = await server.request("POST", "/api/organisations", {
        body,
        headers: { "Content-Type": "application/json" },
      });
      const elapsed = performance.now() - started;
      t.diagnostic(`${elapsed.toFixed(1)} ms`);
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.error.code, "invalid_name");
      assert.ok(
        elapsed < ROUND_TRIP_LIMIT_MS,
        `${elapsed.toFixed(1)} ms (limit ${ROUND_TRIP_LIMIT_MS} ms)`,
      );
    });
  }

  it("stays responsive to another client while hostile bodies arrive", async (t) => {
    const bodies = Object.values(HOSTILE).flatMap((text) => [
      JSON.stringify({ name: text }),
      JSON.stringify({ name: "x", extra: text }),
    ]);
    const hostile = Promise.all(
      bodies.map((body) =>
        server.request("POST", "/api/organisations", {
          body,
          headers: { "Content-Type": "application/json" },
        }),
      ),
    );
    const started = performance.now();
    const res = await server.request("GET", "/api/organisations");
    const waited = performance.now() - started;
    const answers = await hostile;
    t.diagnostic(
      `GET answered in ${waited.toFixed(1)} ms amid ${bodies.length} hostile bodies`,
    );
    assert.equal(res.status, 200);
    assert.ok(answers.every((answer) => answer.status === 422));
    assert.ok(
      waited < 2 * ROUND_TRIP_LIMIT_MS,
      `the GET waited ${waited.toFixed(1)} ms`,
    );
  });
});
