// Concurrent edits: with the same version exactly one wins and the other gets
// 412; with retries, every change lands; nothing is ever lost.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CLIENT_ID,
  makeCertificate,
  readDatabase,
  setUpIntegration,
  startTestServer,
} from "./helpers.mjs";

const integrationPath = "/api/organisations/demo/integrations/netsuite";

describe("concurrent edits", () => {
  let server;
  before(async () => {
    server = await startTestServer();
    await setUpIntegration(server, "demo", await makeCertificate());
  });
  after(() => server?.close());

  it("two clients with the same version: exactly one wins, the other gets 412, nothing is lost", async () => {
    for (let round = 0; round < 20; round++) {
      const current = await server.request("GET", integrationPath);
      const version = current.json.version;
      const edits = [
        { accountId: `${1000000 + round}`, clientId: CLIENT_ID },
        { accountId: `${2000000 + round}`, clientId: "b".repeat(64) },
      ];
      const results = await Promise.all(
        edits.map((json) =>
          server.request("PUT", integrationPath, {
            json,
            headers: { "If-Match": current.headers.etag },
          }),
        ),
      );
      const statuses = results.map((res) => res.status).sort();
      assert.deepEqual(statuses, [200, 412], `round ${round}`);
      const winner = results.find((res) => res.status === 200);
      const loser = results.find((res) => res.status === 412);
      assert.equal(winner.json.version, version + 1);
      assert.equal(loser.json.error.code, "version_mismatch");
      assert.equal(loser.json.error.currentVersion, version + 1);
      const after = await server.request("GET", integrationPath);
      assert.deepEqual(
        after.json,
        winner.json,
        "the winner's change is what is stored",
      );
    }
  });

  it("the same holds for certificate changes: one of two concurrent edits wins", async () => {
    for (let round = 0; round < 10; round++) {
      const current = await server.request("GET", integrationPath);
      const ids = [`A${round}`.padEnd(43, "a"), `B${round}`.padEnd(43, "b")];
      const results = await Promise.all(
        ids.map((certificateId) =>
          server.request("PUT", `${integrationPath}/certificate`, {
            json: { certificateId, certificateIdConfirmed: true },
            headers: { "If-Match": current.headers.etag },
          }),
        ),
      );
      assert.deepEqual(results.map((res) => res.status).sort(), [200, 412]);
      const winner = results.find((res) => res.status === 200);
      const history = await server.request(
        "GET",
        `${integrationPath}/certificates`,
      );
      assert.equal(
        history.json.history[0].certificateId,
        winner.json.certificate.certificateId,
      );
      assert.equal(
        history.json.history.filter((entry) =>
          ids.includes(entry.certificateId),
        ).length,
        1,
        "only the winner is in the history",
      );
    }
  });

  it("many clients retrying on 412: every change lands exactly once", async () => {
    const start = await server.request("GET", integrationPath);
    const clients = 8;
    const editsPerClient = 5;
    let conflicts = 0;
    const client = async (c) => {
      for (let e = 0; e < editsPerClient; e++) {
        const certificateId = `C${c}E${e}`.padEnd(43, "x");
        for (let attempt = 0; ; attempt++) {
          assert.ok(attempt < 200, "bounded retries");
          const current = await server.request("GET", integrationPath);
          const res = await server.request(
            "PUT",
            `${integrationPath}/certificate`,
            {
              json: { certificateId, certificateIdConfirmed: true },
              headers: { "If-Match": current.headers.etag },
            },
          );
          if (res.status === 200) break;
          assert.equal(res.status, 412, res.text);
          conflicts++;
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
    const end = await server.request("GET", integrationPath);
    assert.equal(
      end.json.version,
      start.json.version + clients * editsPerClient,
    );
    const history = await server.request(
      "GET",
      `${integrationPath}/certificates`,
    );
    const ids = history.json.history
      .filter((entry) => entry.change === "certificate_id_changed")
      .map((entry) => entry.certificateId);
    for (let c = 0; c < clients; c++) {
      for (let e = 0; e < editsPerClient; e++) {
        assert.equal(
          ids.filter((id) => id === `C${c}E${e}`.padEnd(43, "x")).length,
          1,
        );
      }
    }
    // Each entry's previous ID is the entry before it: a single unbroken chain.
    const chain = history.json.history.filter(
      (entry) => entry.change === "certificate_id_changed",
    );
    for (let i = 0; i < chain.length - 1; i++) {
      assert.equal(chain[i].previousCertificateId, chain[i + 1].certificateId);
    }
    assert.ok(conflicts > 0, "the clients really did collide");
  });

  it("concurrent creations all land, each with its own ID", async () => {
    // 40 different names, 4 slugs: "Parallel 0!!" is another name than
    // "Parallel 0!", but both want the ID parallel-0.
    const names = Array.from(
      { length: 40 },
      (_, i) => `Parallel ${i % 4}${"!".repeat(Math.floor(i / 4) + 1)}`,
    );
    const results = await Promise.all(
      names.map((name) =>
        server.request("POST", "/api/organisations", { json: { name } }),
      ),
    );
    assert.ok(results.every((res) => res.status === 201));
    const ids = results.map((res) => res.json.id);
    assert.equal(new Set(ids).size, names.length);
    const list = await server.request("GET", "/api/organisations");
    const listed = new Set(list.json.organisations.map((org) => org.id));
    for (const id of ids) assert.ok(listed.has(id), id);
    // What was answered is what is on disk.
    const stored = readDatabase(server.dataDir, (db) =>
      db.prepare("SELECT id FROM organisations").pluck().all(),
    );
    assert.deepEqual(new Set(stored), listed);
  });

  it("concurrent creations of one name: one lands, the others are 409 organisation_name_taken", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.request("POST", "/api/organisations", {
          json: { name: i % 2 ? "Same Name Ltd" : "SAME name ltd" },
        }),
      ),
    );
    const statuses = results.map((res) => res.status).sort();
    assert.deepEqual(statuses, [201, ...Array(9).fill(409)]);
    for (const res of results.filter((r) => r.status === 409))
      assert.equal(res.json.error.code, "organisation_name_taken");
  });
});
