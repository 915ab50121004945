// The upgrade from the JSON store: a data directory holding a state.json in
// today's format ("netsuite-m2m/1") comes up under the SQLite server with
// every organisation, integration, certificate and history entry intact,
// byte for byte where the API returns them; the old file is kept as a backup.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  request,
  spawnServer,
  tempDir,
} from "./helpers.mjs";
import { oldState } from "./upgrade-fixture.mjs";

describe("upgrading from state.json", () => {
  let dataDir;
  let state;
  let stateText;
  let server;
  let url;

  before(async () => {
    dataDir = await tempDir();
    state = await oldState();
    stateText = JSON.stringify(state, null, 1) + "\n";
    await writeFile(path.join(dataDir, "state.json"), stateText);
    server = spawnServer({ dataDir });
    url = await server.ready;
  });
  after(async () => {
    await server?.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says so, and keeps the old file, unchanged, as a backup", async () => {
    assert.match(
      server.output.stdout,
      /imported 3 organisation\(s\) from state\.json into .*netsuite-m2m\.sqlite\./,
    );
    assert.match(
      server.output.stdout,
      /the old state\.json is kept as .*state\.json\.imported\./,
    );
    assert.ok(!(await readdir(dataDir)).includes("state.json"));
    assert.equal(
      await readFile(path.join(dataDir, "state.json.imported"), "utf8"),
      stateText,
    );
  });

  it("serves every organisation, integration, certificate and history entry byte for byte", async () => {
    const list = await request(url, "GET", "/api/organisations");
    assert.deepEqual(
      list.json.organisations.map((org) => org.id).sort(),
      state.organisations.map((org) => org.id).sort(),
    );
    for (const org of state.organisations) {
      const base = `/api/organisations/${org.id}`;
      const one = await request(url, "GET", base);
      assert.equal(one.json.name, org.name);
      const answer = await request(url, "GET", `${base}/integrations/netsuite`);
      if (!org.integration) {
        assert.equal(answer.status, 404);
        continue;
      }
      const { history, version, updatedAt, ...integration } = org.integration;
      // (The JSON store had no pending certificate.)
      assert.equal(
        answer.text,
        JSON.stringify({
          ...integration,
          pendingCertificate: null,
          version,
          updatedAt,
        }),
      );
      assert.equal(answer.headers.etag, `"${version}"`);
      const entries = await request(
        url,
        "GET",
        `${base}/integrations/netsuite/certificates`,
      );
      assert.equal(
        JSON.stringify(JSON.parse(entries.text).history),
        JSON.stringify([...history].reverse()),
      );
    }
  });

  it("carries on from the imported versions, and imports only once", async () => {
    const revoked = await request(
      url,
      "POST",
      "/api/organisations/demo/integrations/netsuite/certificate/revoked",
      { json: {}, headers: { "If-Match": '"6"' } },
    );
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.json.version, 6, "revoking again changes nothing");
    const changed = await request(
      url,
      "PUT",
      "/api/organisations/societe-generale/integrations/netsuite",
      {
        json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
        headers: { "If-Match": '"1"' },
      },
    );
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.version, 2);

    await server.kill("SIGTERM");
    server = spawnServer({ dataDir });
    url = await server.ready;
    assert.doesNotMatch(server.output.stdout, /imported/);
    const again = await request(
      url,
      "GET",
      "/api/organisations/societe-generale/integrations/netsuite",
    );
    assert.equal(again.json.version, 2);
    const list = await request(url, "GET", "/api/organisations");
    assert.equal(list.json.organisations.length, 3);
  });
});
