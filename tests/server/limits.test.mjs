// Bounds on what the server keeps (issue 11): the number of organisations
// (MAX_ORGANISATIONS, refused with 409 organisation_limit_reached) and the
// certificate history per integration (MAX_HISTORY_ENTRIES, oldest dropped).
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import {
  CERTIFICATE_ID,
  errorBody,
  makeCertificate,
  request,
  setUpIntegration,
  spawnServer,
  startTestServer,
  tempDir,
} from "./helpers.mjs";

const history = "/api/organisations/demo/integrations/netsuite/certificates";

describe("limits", () => {
  const servers = [];
  after(() => Promise.all(servers.map((server) => server.close())));

  it("refuses an organisation past the limit, and stores nothing", async () => {
    const server = await startTestServer({ limits: { organisations: 3 } });
    servers.push(server);
    for (const name of ["Two", "Three"]) {
      const res = await server.request("POST", "/api/organisations", {
        json: { name },
      });
      assert.equal(res.status, 201, res.text);
    }
    const res = await server.request("POST", "/api/organisations", {
      json: { name: "Four" },
    });
    assert.equal(res.status, 409);
    assert.deepEqual(
      res.json,
      errorBody(
        "organisation_limit_reached",
        "This server keeps at most 3 organisations (MAX_ORGANISATIONS); no more can be created.",
      ),
    );
    const list = await server.request("GET", "/api/organisations");
    assert.equal(list.json.organisations.length, 3);
  });

  it("does not count a removed organisation", async () => {
    const server = await startTestServer({ limits: { organisations: 2 } });
    servers.push(server);
    const create = (name) =>
      server.request("POST", "/api/organisations", { json: { name } });
    assert.equal((await create("Two")).status, 201);
    assert.equal((await create("Three")).status, 409);
    const removed = await server.request("DELETE", "/api/organisations/two");
    assert.equal(removed.status, 204);
    const res = await create("Three");
    assert.equal(res.status, 201, res.text);
    const list = await server.request("GET", "/api/organisations");
    assert.deepEqual(list.json.organisations.map((o) => o.id).sort(), [
      "demo",
      "three",
    ]);
  });

  it("keeps the newest history entries only", async () => {
    const server = await startTestServer({ limits: { historyEntries: 4 } });
    servers.push(server);
    let res = await setUpIntegration(server, "demo", await makeCertificate());
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const certificateId = `${CERTIFICATE_ID.slice(0, -2)}${i}x`;
      ids.push(certificateId);
      res = await server.request(
        "PUT",
        "/api/organisations/demo/integrations/netsuite/certificate",
        {
          json: { certificateId, certificateIdConfirmed: true },
          headers: { "If-Match": res.headers.etag },
        },
      );
      assert.equal(res.status, 200, res.text);
    }
    const kept = (await server.request("GET", history)).json.history;
    assert.deepEqual(
      kept.map((entry) => entry.certificateId),
      ids.slice(-4).reverse(),
    );
    assert.equal(res.json.version, 7, "every change still counts");
  });

  it("reads MAX_ORGANISATIONS from the environment", async () => {
    const dataDir = await tempDir();
    const server = spawnServer({
      dataDir,
      env: { MAX_ORGANISATIONS: "1" },
    });
    try {
      const url = await server.ready;
      const res = await request(url, "POST", "/api/organisations", {
        json: { name: "Second" },
      });
      assert.equal(res.status, 409);
      assert.equal(res.json.error.code, "organisation_limit_reached");
    } finally {
      await server.kill("SIGTERM");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
