// A page served from another origin (www/config.json's backendUrl pointing at
// this backend): CORS for exactly the origins in ALLOWED_ORIGINS, every other
// cross-origin write still refused; the CSP's connect-src follows the page's
// config.json. Over real HTTP on loopback.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  ACCOUNT_ID,
  CLIENT_ID,
  request,
  spawnServer,
  startTestServer,
  tempDir,
} from "./helpers.mjs";

const PAGE = "http://127.0.0.1:8081";
const OTHER = "http://127.0.0.1:8082";
const integration = "/api/organisations/demo/integrations/netsuite";

function preflight(server, origin, method = "PUT") {
  return server.request("OPTIONS", integration, {
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": method,
      "Access-Control-Request-Headers": "content-type,if-match,x-csrf-token",
    },
  });
}

describe("CORS for ALLOWED_ORIGINS", () => {
  let server;
  before(async () => {
    server = await startTestServer({ cors: { allowedOrigins: [PAGE] } });
  });
  after(() => server?.close());

  it("answers a preflight from an allowed origin with the contract's methods and headers", async () => {
    const res = await preflight(server, PAGE);
    assert.equal(res.status, 204);
    assert.equal(res.headers["access-control-allow-origin"], PAGE);
    assert.equal(
      res.headers["access-control-allow-methods"],
      "GET, PUT, POST, PATCH, DELETE",
    );
    assert.equal(
      res.headers["access-control-allow-headers"],
      "Content-Type, If-Match, Accept, X-CSRF-Token",
    );
    assert.equal(res.headers.vary, "Origin");
    assert.equal(res.headers["access-control-allow-credentials"], undefined);
  });

  it("refuses a preflight from any other origin (403, no CORS headers)", async () => {
    for (const origin of [OTHER, "null", "http://127.0.0.1:80811"]) {
      const res = await preflight(server, origin);
      assert.equal(res.status, 403);
      assert.equal(res.json.error.code, "cross_origin_refused");
      assert.equal(res.headers["access-control-allow-origin"], undefined);
    }
  });

  it("lets the allowed page read answers, ETag and Date included", async () => {
    const res = await server.request("GET", "/api/organisations", {
      headers: { Origin: PAGE, "Sec-Fetch-Site": "cross-site" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers["access-control-allow-origin"], PAGE);
    assert.equal(res.headers["access-control-expose-headers"], "ETag, Date");
    assert.ok(res.headers.date);
    const other = await server.request("GET", "/api/organisations", {
      headers: { Origin: OTHER },
    });
    assert.equal(other.headers["access-control-allow-origin"], undefined);
  });

  it("accepts writes from the allowed origin and refuses them from any other", async () => {
    let res = await server.request("PUT", integration, {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
      headers: { Origin: PAGE, "Sec-Fetch-Site": "cross-site" },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers["access-control-allow-origin"], PAGE);
    const etag = res.headers.etag;
    for (const headers of [
      { Origin: OTHER, "Sec-Fetch-Site": "cross-site" },
      { Origin: OTHER },
      { "Sec-Fetch-Site": "cross-site" },
      { Origin: `${PAGE}.evil.example` },
    ]) {
      res = await server.request("PUT", integration, {
        json: { accountId: "7654321", clientId: CLIENT_ID },
        headers: { ...headers, "If-Match": etag },
      });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(res.json.error.code, "cross_origin_refused");
    }
    res = await server.request("GET", integration);
    assert.equal(res.json.accountId, ACCOUNT_ID, "nothing changed");
  });

  it("sends errors with CORS headers too, so the page can show them", async () => {
    const res = await server.request("PUT", integration, {
      json: { accountId: ACCOUNT_ID, clientId: CLIENT_ID },
      headers: { Origin: PAGE, "If-Match": '"999"' },
    });
    assert.equal(res.status, 412);
    assert.equal(res.headers["access-control-allow-origin"], PAGE);
  });
});

describe("CORS settings from the environment", () => {
  let dataDir;
  before(async () => {
    dataDir = await tempDir();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it("reads ALLOWED_ORIGINS, ALLOW_CREDENTIALS and CSRF_HEADER", async () => {
    const server = spawnServer({
      dataDir,
      env: {
        ALLOWED_ORIGINS: ` ${PAGE} , https://Admin.Example.com`,
        ALLOW_CREDENTIALS: "true",
        CSRF_HEADER: "X-XSRF-TOKEN",
      },
    });
    try {
      const url = await server.ready;
      for (const origin of [PAGE, "https://admin.example.com"]) {
        const res = await request(url, "OPTIONS", integration, {
          headers: { Origin: origin, "Access-Control-Request-Method": "PUT" },
        });
        assert.equal(res.status, 204, origin);
        assert.equal(res.headers["access-control-allow-origin"], origin);
        assert.equal(res.headers["access-control-allow-credentials"], "true");
        assert.match(
          res.headers["access-control-allow-headers"],
          /, X-XSRF-TOKEN$/,
        );
      }
    } finally {
      await server.kill("SIGTERM");
    }
  });

  it("without ALLOWED_ORIGINS, answers no preflight and sends no CORS headers", async () => {
    const server = spawnServer({ dataDir });
    try {
      const url = await server.ready;
      let res = await request(url, "OPTIONS", integration, {
        headers: { Origin: PAGE, "Access-Control-Request-Method": "PUT" },
      });
      assert.equal(res.status, 403);
      res = await request(url, "GET", "/api/organisations", {
        headers: { Origin: PAGE },
      });
      assert.equal(res.headers["access-control-allow-origin"], undefined);
      assert.equal(res.headers.vary, undefined);
    } finally {
      await server.kill("SIGTERM");
    }
  });
});

describe("the CSP's connect-src follows www/config.json", () => {
  let root;
  before(async () => {
    root = await tempDir();
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function cspFor(config) {
    const www = path.join(root, `www-${Math.random().toString(36).slice(2)}`);
    await mkdir(www);
    await writeFile(path.join(www, "index.html"), "<!doctype html>");
    if (config !== undefined)
      await writeFile(path.join(www, "config.json"), config);
    const server = await startTestServer({ wwwDir: www });
    try {
      const page = await server.request("GET", "/");
      const api = await server.request("GET", "/api/organisations");
      assert.equal(
        page.headers["content-security-policy"],
        api.headers["content-security-policy"],
      );
      return /connect-src ([^;]*);/.exec(
        page.headers["content-security-policy"],
      )[1];
    } finally {
      await server.close();
    }
  }

  for (const [label, config, expected] of [
    ["no config.json", undefined, "'self'"],
    ["an empty backendUrl", '{"backendUrl": ""}', "'self'"],
    ["a path on this origin", '{"backendUrl": "/backend"}', "'self'"],
    [
      "another origin",
      '{"backendUrl": "https://api.example.com:8443/m2m/"}',
      "'self' https://api.example.com:8443",
    ],
  ])
    it(`with ${label}: ${expected}`, async () => {
      assert.equal(await cspFor(config), expected);
    });

  for (const [label, config] of [
    ["JSON it cannot read", "{ backendUrl"],
    ["a backendUrl that is not http(s)", '{"backendUrl": "javascript:x"}'],
  ])
    it(`refuses to start on ${label}`, async () => {
      await assert.rejects(cspFor(config), /config\.json/);
    });
});
