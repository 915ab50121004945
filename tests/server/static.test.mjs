// The page's files: served from www/ with the right MIME types and security
// headers; nothing outside www/ can be read; hostile requests are refused and
// the server keeps serving.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { mkdir, rm, symlink, utimes, writeFile } from "node:fs/promises";
import zlib from "node:zlib";
import path from "node:path";
import { startTestServer, tempDir, request } from "./helpers.mjs";

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const SECRET = "TOP-SECRET-OUTSIDE-WWW";

// The page needs no powerful feature; each of these must be denied to all.
function assertDeniesFeatures(policy) {
  assert.ok(policy, "a Permissions-Policy header");
  const directives = new Map(
    policy.split(",").map((item) => item.trim().split("=")),
  );
  for (const feature of [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "serial",
    "hid",
    "bluetooth",
    "midi",
    "display-capture",
  ])
    assert.equal(directives.get(feature), "()", feature);
}

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
      assertDeniesFeatures(res.headers["permissions-policy"]);
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

describe("served like a production page", () => {
  let root;
  let server;
  const files = {};
  before(async () => {
    root = await tempDir();
    await mkdir(path.join(root, "pkg"));
    // Sizes and redundancy like the real page's: text that compresses well,
    // and a wasm-like binary with some structure.
    files["/pkg/app_bg.wasm"] = Buffer.concat(
      Array.from({ length: 4000 }, (_, i) =>
        Buffer.from([0, 0x61, 0x73, 0x6d, i & 0xff, (i >> 8) & 0xff, 1, 2]),
      ),
    );
    files["/js/main.js"] = Buffer.from(
      Array.from(
        { length: 800 },
        (_, i) => `export function f${i}(x) { return x * ${i}; }\n`,
      ).join(""),
    );
    files["/css/style.css"] = Buffer.from(
      Array.from(
        { length: 400 },
        (_, i) =>
          `.c${i} { margin: ${i}px; color: #${(i * 997).toString(16).padStart(6, "0").slice(0, 6)}; }\n`,
      ).join(""),
    );
    files["/index.html"] = Buffer.from("<!doctype html><title>page</title>");
    files["/config.json"] = Buffer.from('{"backendUrl": ""}');
    for (const [name, bytes] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), bytes);
    }
    server = await startTestServer({ wwwDir: root });
  });
  after(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  const decode = {
    br: (bytes) => zlib.brotliDecompressSync(bytes),
    gzip: (bytes) => zlib.gunzipSync(bytes),
  };

  for (const target of ["/pkg/app_bg.wasm", "/js/main.js", "/css/style.css"])
    for (const encoding of ["br", "gzip"])
      it(`sends ${target} with ${encoding} when accepted, smaller and byte for byte the file`, async () => {
        const res = await server.request("GET", target, {
          headers: { "Accept-Encoding": `${encoding}` },
        });
        assert.equal(res.status, 200);
        assert.equal(res.headers["content-encoding"], encoding);
        assert.match(res.headers.vary, /Accept-Encoding/i);
        assert.equal(Number(res.headers["content-length"]), res.buffer.length);
        assert.ok(res.buffer.length < files[target].length / 2);
        assert.deepEqual(decode[encoding](res.buffer), files[target]);
      });

  it("prefers brotli, honours q-values, and sends the file as it is otherwise", async () => {
    const target = "/js/main.js";
    for (const [accept, expected] of [
      ["gzip, deflate, br", "br"],
      ["br;q=0.5, gzip", "gzip"],
      ["br;q=0, gzip;q=0", undefined],
      ["identity", undefined],
      ["*", "br"],
      [undefined, undefined],
    ]) {
      const res = await server.request("GET", target, {
        headers: accept === undefined ? {} : { "Accept-Encoding": accept },
      });
      assert.equal(res.headers["content-encoding"], expected, accept);
      assert.match(res.headers.vary, /Accept-Encoding/i);
      const body = expected ? decode[expected](res.buffer) : res.buffer;
      assert.deepEqual(body, files[target], accept);
    }
  });

  it("answers HEAD with the chosen encoding's length and no body", async () => {
    const get = await server.request("GET", "/pkg/app_bg.wasm", {
      headers: { "Accept-Encoding": "br" },
    });
    const head = await server.request("HEAD", "/pkg/app_bg.wasm", {
      headers: { "Accept-Encoding": "br" },
    });
    assert.equal(head.status, 200);
    assert.equal(head.buffer.length, 0);
    for (const name of ["content-length", "content-encoding", "etag", "vary"])
      assert.equal(head.headers[name], get.headers[name], name);
  });

  it("gives each representation its own ETag and answers a matching If-None-Match with 304", async () => {
    const target = "/pkg/app_bg.wasm";
    const tags = new Set();
    for (const encoding of ["br", "gzip", "identity"]) {
      const res = await server.request("GET", target, {
        headers: { "Accept-Encoding": encoding },
      });
      assert.match(res.headers.etag, /^"[^"]+"$/);
      tags.add(res.headers.etag);
      for (const tag of [
        res.headers.etag,
        `W/${res.headers.etag}`,
        `"x", ${res.headers.etag}`,
      ]) {
        const again = await server.request("GET", target, {
          headers: { "Accept-Encoding": encoding, "If-None-Match": tag },
        });
        assert.equal(again.status, 304, `${encoding} ${tag}`);
        assert.equal(again.buffer.length, 0);
        assert.equal(again.headers.etag, res.headers.etag);
        assert.equal(
          again.headers["cache-control"],
          res.headers["cache-control"],
        );
      }
      const other = await server.request("GET", target, {
        headers: { "Accept-Encoding": encoding, "If-None-Match": '"other"' },
      });
      assert.equal(other.status, 200);
    }
    assert.equal(tags.size, 3);
  });

  it("has index.html and config.json revalidated, and every file carries a validator", async () => {
    for (const target of ["/", "/index.html", "/config.json", "/js/main.js"]) {
      const res = await server.request("GET", target);
      assert.equal(res.status, 200, target);
      assert.match(res.headers["cache-control"], /no-cache/, target);
      assert.ok(res.headers.etag, target);
      assert.ok(res.headers["last-modified"], target);
    }
  });

  it("serves a changed file's new bytes and a new ETag", async () => {
    const target = "/css/style.css";
    const before = await server.request("GET", target, {
      headers: { "Accept-Encoding": "gzip" },
    });
    const changed = Buffer.concat([files[target], Buffer.from(".new {}\n")]);
    await writeFile(path.join(root, target), changed);
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(root, target), later, later);
    const after = await server.request("GET", target, {
      headers: {
        "Accept-Encoding": "gzip",
        "If-None-Match": before.headers.etag,
      },
    });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.deepEqual(decode.gzip(after.buffer), changed);
  });
});
