// A server killed (SIGKILL) in the middle of a burst of writes restarts with
// state that is before or after each write, never corrupt; writes it answered
// are never lost. Checked over many kills, against SQLite's write-ahead log.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { rm } from "node:fs/promises";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  CERTIFICATE_ID,
  makeCertificate,
  readDatabase,
  request,
  spawnServer,
  tempDir,
} from "./helpers.mjs";

const KILLS = Number(process.env.CRASH_TEST_KILLS) || 25;
const integrationPath = "/api/organisations/demo/integrations/netsuite";

describe("a server killed mid-write", () => {
  let dataDir;
  let certificatePem;
  before(async () => {
    dataDir = await tempDir();
    certificatePem = (await makeCertificate()).certificate.pem;
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it(
    `restarts with consistent state after each of ${KILLS} kills`,
    { timeout: 150_000 },
    async (t) => {
      const acknowledgedNames = new Set();
      const attemptedNames = new Set();
      const acknowledgedIds = new Set();
      const attemptedIds = new Set();

      // Every acknowledged write must survive, so no bound may refuse or trim
      // one here: a quiet machine makes more than the default 1000 organisations
      // and 200 history entries in 25 lives (limits.test.mjs tests the bounds).
      const env = {
        MAX_ORGANISATIONS: "1000000",
        MAX_HISTORY_ENTRIES: "1000000",
      };
      // First life: set up the integration and its certificate.
      let server = spawnServer({ dataDir, env });
      let url = await server.ready;
      let res = await request(url, "PUT", integrationPath, {
        json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
      });
      assert.equal(res.status, 200, res.text);
      res = await request(url, "PUT", `${integrationPath}/certificate`, {
        json: {
          certificateId: CERTIFICATE_ID,
          certificatePem,
          certificateIdConfirmed: true,
        },
        headers: { "If-Match": res.headers.etag },
      });
      assert.equal(res.status, 200, res.text);
      acknowledgedIds.add(CERTIFICATE_ID);
      attemptedIds.add(CERTIFICATE_ID);

      let unanswered = 0; // writes cut off by a kill, whose outcome the client never learnt
      for (let kill = 0; kill < KILLS; kill++) {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
        let stop = false;
        const post = (target, options) =>
          new Promise((resolve) => {
            const u = new URL(url);
            const body = JSON.stringify(options.json);
            const req = http.request(
              {
                host: u.hostname,
                port: u.port,
                path: target,
                method: options.method,
                agent,
                headers: {
                  "Content-Type": "application/json",
                  "Content-Length": Buffer.byteLength(body),
                  ...options.headers,
                },
              },
              (response) => {
                const chunks = [];
                response.on("data", (chunk) => chunks.push(chunk));
                response.on("end", () => {
                  try {
                    resolve({
                      status: response.statusCode,
                      headers: response.headers,
                      json: JSON.parse(Buffer.concat(chunks)),
                    });
                  } catch {
                    resolve(null); // cut off mid-answer
                  }
                });
                response.on("error", () => resolve(null));
                response.on("aborted", () => resolve(null));
              },
            );
            req.on("error", () => resolve(null)); // the server died: the outcome is unknown
            req.end(body);
          });

        // Writers: new organisations, and Certificate ID changes guarded by If-Match.
        const creator = async (w) => {
          for (let i = 0; !stop && i < 500; i++) {
            const name = `Kill ${kill} Writer ${w} Item ${i}`;
            attemptedNames.add(name);
            const r = await post("/api/organisations", {
              method: "POST",
              json: { name },
            });
            if (r === null) {
              unanswered++;
              return;
            }
            assert.equal(r.status, 201);
            acknowledgedNames.add(name);
          }
        };
        const editor = async () => {
          let etag = null;
          for (let i = 0; !stop && i < 500; i++) {
            if (etag === null) {
              const current = await request(url, "GET", integrationPath).catch(
                () => null,
              );
              if (current === null) return;
              etag = current.headers.etag;
            }
            const certificateId = `K${kill}I${i}`.padEnd(43, "z");
            attemptedIds.add(certificateId);
            const r = await post(`${integrationPath}/certificate`, {
              method: "PUT",
              json: { certificateId, certificateIdConfirmed: true },
              headers: { "If-Match": etag },
            });
            if (r === null) {
              unanswered++;
              return;
            }
            assert.equal(r.status, 200, JSON.stringify(r.json));
            acknowledgedIds.add(certificateId);
            etag = r.headers.etag;
          }
        };
        const writers = Promise.all([
          creator(0),
          creator(1),
          creator(2),
          editor(),
        ]);
        await new Promise((resolve) =>
          setTimeout(resolve, 30 + Math.floor(Math.random() * 120)),
        );
        const { signal } = await server.kill("SIGKILL");
        stop = true;
        await writers;
        agent.destroy();
        assert.equal(signal, "SIGKILL");

        // Next life: the database on disk must be whole and consistent.
        assert.equal(
          readDatabase(dataDir, (db) =>
            db.pragma("integrity_check", { simple: true }),
          ),
          "ok",
        );
        server = spawnServer({ dataDir, env });
        url = await server.ready;

        const list = await request(url, "GET", "/api/organisations");
        assert.equal(list.status, 200);
        const names = list.json.organisations.map((org) => org.name);
        const ids = list.json.organisations.map((org) => org.id);
        assert.equal(new Set(ids).size, ids.length, "no duplicate IDs");
        for (const name of acknowledgedNames)
          assert.ok(names.includes(name), `answered write lost: ${name}`);
        for (const name of names) {
          assert.ok(
            name === "Demo Company" || attemptedNames.has(name),
            `unknown organisation ${name}`,
          );
        }

        const integration = await request(url, "GET", integrationPath);
        assert.equal(integration.status, 200);
        const history = await request(
          url,
          "GET",
          `${integrationPath}/certificates`,
        );
        const entries = history.json.history;
        // version = created (1) + certificate added (1) + one per Certificate ID change
        assert.equal(integration.json.version, 1 + entries.length);
        assert.equal(
          integration.json.certificate.certificateId,
          entries[0].certificateId,
        );
        const historyIds = new Set(entries.map((entry) => entry.certificateId));
        for (const id of acknowledgedIds)
          assert.ok(historyIds.has(id), `answered change lost: ${id}`);
        for (const id of historyIds)
          assert.ok(attemptedIds.has(id), `unknown Certificate ID ${id}`);
        for (let i = 0; i < entries.length - 1; i++) {
          assert.equal(
            entries[i].previousCertificateId,
            entries[i + 1].certificateId,
            "unbroken chain",
          );
        }
      }
      await server.kill("SIGTERM");
      t.diagnostic(
        `${acknowledgedNames.size + acknowledgedIds.size} writes answered, ${unanswered} cut off by ${KILLS} kills`,
      );
      assert.ok(
        acknowledgedNames.size > KILLS,
        `writes happened (${acknowledgedNames.size})`,
      );
      assert.ok(
        unanswered >= KILLS,
        "the kills did land in the middle of writes",
      );
    },
  );
});
