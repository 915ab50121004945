// JSON.parse keeps the last of duplicate keys: {"name": "<a key>", "name":
// "Dup"} was stored as "Dup" with 201 (issue 11). A repeated key is refused
// (400 duplicate_key) before anything is stored, and key material in any of
// the duplicates is still refused as such.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { errorBody, startTestServer } from "./helpers.mjs";

const PKCS8_BASE64 = generateKeyPairSync("ec", { namedCurve: "P-256" })
  .privateKey.export({ type: "pkcs8", format: "der" })
  .toString("base64");

describe("duplicate keys", () => {
  let server;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  const post = (body) =>
    server.request("POST", "/api/organisations", {
      body,
      headers: { "Content-Type": "application/json" },
    });
  const organisationCount = async () =>
    (await server.request("GET", "/api/organisations")).json.organisations
      .length;

  for (const [label, body] of [
    ["first", `{"name":"${PKCS8_BASE64}","name":"Dup"}`],
    ["last", `{"name":"Dup","name":"${PKCS8_BASE64}"}`],
    ["escaped", `{"name":"Dup","n\\u0061me":"${PKCS8_BASE64}"}`],
    ["nested", `{"name":"Dup","x":{"a":"${PKCS8_BASE64}","a":"b"}}`],
  ]) {
    it(`refuses key material in the ${label} of two duplicates (422 private_key_refused)`, async () => {
      const before = await organisationCount();
      const res = await post(body);
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.error.code, "private_key_refused");
      assert.equal(await organisationCount(), before, "nothing stored");
    });
  }

  for (const [label, body, key] of [
    ["at the top", '{"name":"A","name":"B"}', "name"],
    ["written with an escape", '{"name":"A","\\u006eame":"B"}', "name"],
    ["in a nested object", '{"name":"A","x":[{"k":1,"k":2}]}', "k"],
  ]) {
    it(`refuses a duplicate key ${label} (400 duplicate_key)`, async () => {
      const before = await organisationCount();
      const res = await post(body);
      assert.equal(res.status, 400, res.text);
      assert.deepEqual(
        res.json,
        errorBody(
          "duplicate_key",
          `The key ${JSON.stringify(key)} appears more than once in one object; send it once.`,
        ),
      );
      assert.equal(await organisationCount(), before, "nothing stored");
    });
  }

  it("still accepts equal keys in different objects, and equal values", async () => {
    const res = await server.request(
      "PUT",
      "/api/organisations/demo/integrations/netsuite",
      {
        body: '{"accountId":"1234567","clientId":"' + "a".repeat(64) + '"}',
        headers: { "Content-Type": "application/json" },
      },
    );
    assert.equal(res.status, 200, res.text);
    const created = await post('{"name":"name"}');
    assert.equal(created.status, 201, created.text);
  });
});
