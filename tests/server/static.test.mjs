// The page's files: served from www/ with the right MIME types and security
// headers; nothing outside www/ can be read; hostile requests are refused and
// the server keeps serving.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { startTestServer, tempDir, request } from "./helpers.mjs";

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const SECRET = "TOP-SECRET-OUTSIDE-WWW";

describe("static files", () => {
  let root;
  let server;
  before(async () => {
    root = await tempDir();
    const www = path.join(root, "www");
    await mkdir(path.join(www, "pkg"), { recursive: true });
    await mkdir(path.join(www, "docs"), { recursive: true });
    await writeFile(
      path.join(www, "index.html"),
      "<!doctype html><title>home</title>",
    );
    await writeFile(path.join(www, "app.js"), "export const x = 1;");
    await writeFile(path.join(www, "style.css"), "body{}");
    await writeFile(
      path.join(www, "pkg", "netsuite_m2m_bg.wasm"),
      Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    );
    await writeFile(
      path.join(www, "pkg", "netsuite_m2m.js"),
      "export default 1;",
    );
    await writeFile(path.join(www, "data.json"), "{}");
    await writeFile(path.join(www, "icon.svg"), "<svg/>");
    await writeFile(path.join(www, "docs", "index.html"), "<p>docs</p>");
    await writeFile(path.join(www, ".env"), SECRET);
    await writeFile(path.join(root, "secret.txt"), SECRET);
    await symlink(path.join(root, "secret.txt"), path.join(www, "link.txt"));
    server = await startTestServer({ wwwDir: www });
  });
  after(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  for (const [target, type, body] of [
    ["/", "text/html; charset=utf-8", "<!doctype html><title>home</title>"],
    [
      "/index.html",
      "text/html; charset=utf-8",
      "<!doctype html><title>home</title>",
    ],
    ["/app.js", "text/javascript; charset=utf-8", "export const x = 1;"],
    ["/style.css", "text/css; charset=utf-8", "body{}"],
    [
      "/pkg/netsuite_m2m.js",
      "text/javascript; charset=utf-8",
      "export default 1;",
    ],
    ["/data.json", "application/json; charset=utf-8", "{}"],
    ["/icon.svg", "image/svg+xml", "<svg/>"],
    ["/docs/", "text/html; charset=utf-8", "<p>docs</p>"],
    ["/app.js?v=2", "text/javascript; charset=utf-8", "export const x = 1;"],
  ]) {
    it(`serves ${target} as ${type}`, async () => {
      const res = await server.request("GET", target);
      assert.equal(res.status, 200);
      assert.equal(res.headers["content-type"], type);
      assert.equal(res.text, body);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.equal(res.headers["content-security-policy"], CSP);
    });
  }

  it("serves wasm as application/wasm", async () => {
    const res = await server.request("GET", "/pkg/netsuite_m2m_bg.wasm");
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/wasm");
    assert.deepEqual([...res.buffer], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it("answers HEAD without a body, and refuses other methods (405)", async () => {
    const head = await server.request("HEAD", "/app.js");
    assert.equal(head.status, 200);
    assert.equal(head.headers["content-length"], "19");
    assert.equal(head.text, "");
    const post = await server.request("POST", "/app.js", { json: {} });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, "GET, HEAD");
  });

  it("answers a missing file with 404", async () => {
    const res = await server.request("GET", "/nope.js");
    assert.equal(res.status, 404);
    assert.deepEqual(res.json, {
      error: { code: "not_found", message: "There is no such file." },
    });
    assert.equal(res.headers["content-security-policy"], CSP);
  });

  const attempts = [
    "/../secret.txt",
    "/../../../../../../etc/passwd",
    "/pkg/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/.%2e/secret.txt",
    "/%252e%252e/secret.txt",
    "/..%5csecret.txt",
    "/..\\secret.txt",
    "/pkg/..%2f..%2fsecret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "/secret.txt%00.html",
    "/link.txt",
    "/.env",
    "/%2eenv",
    "//secret.txt",
    `/${"../".repeat(40)}etc/passwd`,
    "http://localhost/../secret.txt",
    "/api/../../secret.txt",
  ];
  for (const target of attempts) {
    it(`refuses ${JSON.stringify(target)}`, async () => {
      const res = await server.request("GET", target);
      assert.ok([400, 404].includes(res.status), `status ${res.status}`);
      assert.ok(!res.text.includes(SECRET));
      assert.ok(!res.text.includes("root:"));
      assert.equal(
        res.json.error.code,
        res.status === 400 ? "invalid_path" : res.json.error.code,
      );
    });
  }

  it("keeps serving after all of that", async () => {
    const res = await server.request("GET", "/index.html");
    assert.equal(res.status, 200);
  });
});

describe("hostile requests", () => {
  let server;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  async function stillServing() {
    const res = await server.request("GET", "/api/organisations");
    assert.equal(res.status, 200);
  }

  it("refuses a declared oversized body at once (413)", async () => {
    const res = await server.request("POST", "/api/organisations", {
      body: "x".repeat(65 * 1024),
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, "payload_too_large");
    await stillServing();
  });

  it("refuses an oversized chunked body (413)", async () => {
    const res = await new Promise((resolve, reject) => {
      const url = new URL(server.url);
      const socket = net.connect(Number(url.port), url.hostname, () => {
        const chunk = `{"name":"${"y".repeat(100 * 1024)}"}`;
        socket.write(
          `POST /api/organisations HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
            `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
        );
      });
      let text = "";
      socket.on("data", (data) => (text += data));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    assert.match(res, /^HTTP\/1\.1 413 /);
    assert.match(res, /"code":"payload_too_large"/);
    await stillServing();
  });

  it("survives a body of several megabytes", async () => {
    const res = await server
      .request("PUT", "/api/organisations/demo/integrations/netsuite", {
        body: "z".repeat(4 * 1024 * 1024),
        headers: { "Content-Type": "application/json" },
      })
      .catch((error) => ({ status: error.code })); // the server may cut the connection
    assert.ok(
      [413, "ECONNRESET", "EPIPE"].includes(res.status),
      String(res.status),
    );
    await stillServing();
  });

  it("survives garbage instead of HTTP", async () => {
    const url = new URL(server.url);
    const reply = await new Promise((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname, () =>
        socket.write("\x00\x01GARBAGE\r\n\r\n"),
      );
      let text = "";
      socket.on("data", (data) => (text += data));
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
    });
    assert.match(reply, /^HTTP\/1\.1 400|^$/);
    await stillServing();
  });

  it("survives many malformed and non-JSON bodies in a row", async () => {
    const bodies = [
      "{",
      "}",
      "[1,",
      '{"name":',
      "\u0000",
      "<xml/>",
      "name=x",
      '{"name":"a"}'.repeat(3),
    ];
    for (const body of bodies) {
      const res = await server.request("POST", "/api/organisations", {
        body,
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(res.status, 400, body);
      const wrongType = await server.request("POST", "/api/organisations", {
        body,
        headers: { "Content-Type": "text/plain" },
      });
      assert.equal(wrongType.status, 415);
    }
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const res = await server.request("POST", "/api/organisations", {
      body: deep,
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(res.status, 400);
    await stillServing();
  });

  it("keeps answering when many requests arrive at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2
          ? server.request("GET", "/api/organisations")
          : server.request("POST", "/api/organisations", {
              body: "{",
              headers: { "Content-Type": "application/json" },
            }),
      ),
    );
    assert.deepEqual(
      results.map((res) => res.status),
      Array.from({ length: 50 }, (_, i) => (i % 2 ? 200 : 400)),
    );
  });

  it("request helper sanity: a normal write still works", async () => {
    const res = await request(server.url, "POST", "/api/organisations", {
      json: { name: "After The Storm" },
    });
    assert.equal(res.status, 201);
  });
});
