// Bodies built to make the key detector slow (issue 11: a name of 65,000
// dashes took 6-7 s to refuse, and three such requests made another client
// wait 20 s). No wall-clock limit here (the suites share two cores with
// browsers and compilers): each hostile body is compared with a plain body of
// the same size, measured in the same test. A linear detector stays within a
// small factor of it (up to about 7 measured on a quiet machine); the
// quadratic one of issue 11 was thousands of times slower. The margin
// (RATIO) is wide so that a busy machine cannot fail it.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { startTestServer } from "./helpers.mjs";
import { containsPrivateKey } from "../../server/private-key.js";

const RATIO = 50;
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
  "hex digits": "30".repeat(SIZE / 2),
  "hex pairs with colons": "30:".repeat(SIZE / 3),
};
// The baseline: text of the same size the detector must read in full (random
// base64, as in a long certificate), without any hostile structure.
const PLAIN = randomBytes((SIZE / 4) * 3).toString("base64");

// The best of `runs` timings of `work` (the least disturbed by other load).
async function fastest(work, runs = 5) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function postName(server, name, extra) {
  return server.request("POST", "/api/organisations", {
    body: JSON.stringify(extra ? { name: "x", extra: name } : { name }),
    headers: { "Content-Type": "application/json" },
  });
}

describe("hostile bodies", () => {
  let server;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  for (const [label, text] of Object.entries(HOSTILE)) {
    it(`the detector reads 64 KiB of ${label} in about the time of plain text`, async (t) => {
      assert.equal(containsPrivateKey({ name: text }), false);
      const plain = await fastest(() => containsPrivateKey({ name: PLAIN }));
      const hostile = await fastest(() => containsPrivateKey({ name: text }));
      t.diagnostic(`${hostile.toFixed(2)} ms; plain ${plain.toFixed(2)} ms`);
      assert.ok(
        hostile < RATIO * Math.max(plain, 0.5),
        `${hostile.toFixed(1)} ms, against ${plain.toFixed(1)} ms for plain text`,
      );
    });

    it(`answers a body of ${label} (422 invalid_name) in about the time of a plain one`, async (t) => {
      const res = await postName(server, text);
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.error.code, "invalid_name");
      const plain = await fastest(() => postName(server, PLAIN), 3);
      const hostile = await fastest(() => postName(server, text), 3);
      t.diagnostic(`${hostile.toFixed(1)} ms; plain ${plain.toFixed(1)} ms`);
      assert.ok(
        hostile < RATIO * plain,
        `${hostile.toFixed(1)} ms, against ${plain.toFixed(1)} ms for a plain body`,
      );
    });
  }

  it("stays responsive to another client while hostile bodies arrive", async (t) => {
    // How long a GET waits amid a burst of bodies: hostile ones, then plain
    // ones of the same sizes and number.
    const getAmid = async (texts) => {
      const burst = Promise.all(
        texts.flatMap((text) => [
          postName(server, text),
          postName(server, text, true),
        ]),
      );
      const started = performance.now();
      const res = await server.request("GET", "/api/organisations");
      const waited = performance.now() - started;
      assert.equal(res.status, 200);
      const answers = await burst;
      assert.ok(answers.every((answer) => answer.status === 422));
      return waited;
    };
    const hostileTexts = Object.values(HOSTILE);
    const plain = Math.min(
      await getAmid(hostileTexts.map(() => PLAIN)),
      await getAmid(hostileTexts.map(() => PLAIN)),
    );
    const hostile = Math.min(
      await getAmid(hostileTexts),
      await getAmid(hostileTexts),
    );
    t.diagnostic(
      `the GET waited ${hostile.toFixed(1)} ms amid hostile bodies, ${plain.toFixed(1)} ms amid plain ones`,
    );
    assert.ok(
      hostile < RATIO * plain,
      `${hostile.toFixed(1)} ms amid hostile bodies, against ${plain.toFixed(1)} ms amid plain ones`,
    );
  });
});
