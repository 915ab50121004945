// Request checks every endpoint shares: sizes, types, methods, paths, the contract.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { errorBody } from "./helpers.mjs";
import { integrationPath, startApi } from "./api-fixture.mjs";

let server;
let certificate;
before(async () => {
  ({ server, certificate } = await startApi());
});
after(() => server?.close());

describe("request checks", () => {
  it("refuses a body over 64 KiB (413)", async () => {
    const res = await server.request("POST", "/api/organisations", {
      json: { name: "x".repeat(70_000) },
    });
    assert.equal(res.status, 413);
    assert.deepEqual(
      res.json,
      errorBody("payload_too_large", "The request body is larger than 64 KiB."),
    );
  });

  it("refuses a body that is not declared JSON (415)", async () => {
    for (const type of [
      undefined,
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=latin1",
    ]) {
      const res = await server.request("POST", "/api/organisations", {
        body: '{"name":"Form"}',
        headers: type ? { "Content-Type": type } : {},
      });
      assert.equal(res.status, 415, String(type));
      assert.deepEqual(
        res.json,
        errorBody(
          "unsupported_media_type",
          "Send the request body as JSON (Content-Type: application/json).",
        ),
      );
    }
    const ok = await server.request("POST", "/api/organisations", {
      body: '{"name":"Charset"}',
      headers: { "Content-Type": "application/json; charset=UTF-8" },
    });
    assert.equal(ok.status, 201);
  });

  it("refuses malformed JSON and non-objects (400)", async () => {
    for (const body of ["{", "", "nul", "\u00ff\u00fe"]) {
      const res = await server.request("POST", "/api/organisations", {
        body,
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(
        res.json,
        errorBody("invalid_json", "The request body is not valid JSON."),
      );
    }
    const notUtf8 = await server.request("POST", "/api/organisations", {
      body: Buffer.from([0x7b, 0xff, 0x7d]),
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(notUtf8.status, 400);
    assert.deepEqual(
      notUtf8.json,
      errorBody("invalid_json", "The request body is not UTF-8 text."),
    );
    for (const body of ["[]", "null", '"name"', "42"]) {
      const res = await server.request("POST", "/api/organisations", {
        body,
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(res.status, 400, body);
      assert.deepEqual(
        res.json,
        errorBody("invalid_body", "The request body must be a JSON object."),
      );
    }
  });

  it("refuses a write from another origin (403) but accepts its own", async () => {
    const url = new URL(server.url);
    let res = await server.request("POST", "/api/organisations", {
      json: { name: "CSRF" },
      headers: { Origin: "http://evil.example" },
    });
    assert.equal(res.status, 403);
    assert.deepEqual(
      res.json,
      errorBody(
        "cross_origin_refused",
        "Changes are only accepted from this site's own page.",
      ),
    );
    res = await server.request("POST", "/api/organisations", {
      json: { name: "CSRF" },
      headers: { Origin: "null" },
    });
    assert.equal(res.status, 403);
    res = await server.request("POST", "/api/organisations", {
      json: { name: "CSRF" },
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    assert.equal(res.status, 403);
    res = await server.request("POST", "/api/organisations", {
      json: { name: "Same Origin" },
      headers: {
        Origin: `http://${url.host}`,
        "Sec-Fetch-Site": "same-origin",
      },
    });
    assert.equal(res.status, 201);
  });

  it("refuses requests addressed to another host name (DNS rebinding, 403)", async () => {
    const res = await server.request("GET", "/api/organisations", {
      headers: { Host: "evil.example" },
    });
    assert.equal(res.status, 403);
    assert.deepEqual(
      res.json,
      errorBody(
        "host_not_allowed",
        "This server only answers requests addressed to localhost.",
      ),
    );
    const ok = await server.request("GET", "/api/organisations", {
      headers: { Host: "localhost:1" },
    });
    assert.equal(ok.status, 200);
  });

  it("answers unknown endpoints with 404 and wrong methods with 405 + Allow", async () => {
    let res = await server.request("GET", "/api/nothing");
    assert.equal(res.status, 404);
    assert.deepEqual(
      res.json,
      errorBody("not_found", "There is no such API endpoint."),
    );
    for (const target of [
      "/api",
      "/api/__proto__",
      "/api/organisations/demo/constructor",
      "/api/organisations/demo/integrations/netsuite/__proto__",
    ]) {
      res = await server.request("GET", target);
      assert.equal(res.status, 404, target);
      assert.equal(res.json.error.code, "not_found");
    }
    res = await server.request("DELETE", "/api/organisations");
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, "GET, HEAD, POST");
    assert.deepEqual(
      res.json,
      errorBody("method_not_allowed", "Use GET, HEAD or POST here."),
    );
    res = await server.request("DELETE", integrationPath("demo"));
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, "GET, HEAD, PUT");
    res = await server.request("GET", `${integrationPath("demo")}/certificate`);
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, "PUT");
  });

  it("answers HEAD on every GET route with GET's status and headers, without a body", async () => {
    for (const target of [
      "/api/organisations",
      "/api/organisations/demo",
      "/api/organisations/nobody",
      integrationPath("demo"),
      `${integrationPath("demo")}/certificates`,
    ]) {
      const get = await server.request("GET", target);
      const head = await server.request("HEAD", target);
      assert.equal(head.status, get.status, target);
      assert.equal(head.buffer.length, 0, target);
      for (const name of ["content-type", "content-length", "etag"])
        assert.equal(
          head.headers[name],
          get.headers[name],
          `${target} ${name}`,
        );
    }
    const head = await server.request(
      "HEAD",
      `${integrationPath("demo")}/certificate`,
    );
    assert.equal(head.status, 405);
    assert.equal(head.headers.allow, "PUT");
    assert.equal(head.buffer.length, 0);
  });

  it("marks API responses as uncacheable and sends the security headers", async () => {
    const res = await server.request("GET", "/api/organisations");
    assert.equal(res.headers["cache-control"], "no-store");
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(
      res.headers["content-security-policy"],
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it("serves its contract at /api/openapi.yaml", async () => {
    const res = await server.request("GET", "/api/openapi.yaml");
    assert.equal(res.status, 200);
    assert.match(res.headers["content-type"], /^application\/yaml/);
    assert.match(res.text, /^openapi: 3\.1\.0/);
  });
});
