// Small loopback servers for the tests that put the page somewhere else than the
// reference backend: a plain static server (no API, no CSP) with its own
// config.json, and a proxy that forwards to the backend but shifts its Date header.
import http from "node:http";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { WWW } from "./support.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

function listen(server, host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      resolve({
        url: `http://${host}:${port}/`,
        origin: `http://${host}:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Serves www/ as files, and `site.config` (an object, settable later) as
 * /config.json; without one, www/config.json itself. `head` is markup added to
 * index.html's <head> (a CSRF meta tag, as a server-rendered page would have).
 */
export async function startStaticServer({ config, head } = {}) {
  const site = { config, requests: [] };
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    site.requests.push({ method: req.method, pathname });
    if (pathname === "/config.json" && site.config) {
      res.writeHead(200, { "Content-Type": TYPES[".json"] });
      res.end(JSON.stringify(site.config));
      return;
    }
    const file = path.join(WWW, pathname === "/" ? "index.html" : pathname);
    if (head && file.endsWith("index.html")) {
      const html = await readFile(file, "utf8");
      res.writeHead(200, { "Content-Type": TYPES[".html"] });
      res.end(html.replace("</head>", `${head}</head>`));
      return;
    }
    const info = file.startsWith(WWW)
      ? await stat(file).catch(() => null)
      : null;
    if (req.method !== "GET" || !info?.isFile()) {
      res.writeHead(req.method === "GET" ? 404 : 405).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Content-Length": info.size,
    });
    createReadStream(file).pipe(res);
  });
  return Object.assign(site, await listen(server));
}

/**
 * Forwards every request to `target` (the backend's URL) and answers with the
 * backend's answer, its Date header moved by `shiftMs`. The Host header is
 * passed on, so to the backend the page's requests stay same-origin. `config` replaces
 * /config.json; `cookie` is set on every answer; `seen` records API requests.
 */
export async function startProxy(target, { shiftMs = 0, config, cookie } = {}) {
  const seen = [];
  const server = http.createServer((req, res) => {
    if (req.url === "/config.json" && config) {
      res.writeHead(200, { "Content-Type": TYPES[".json"] });
      res.end(JSON.stringify(config));
      return;
    }
    if (req.url.startsWith("/api/"))
      seen.push({ method: req.method, url: req.url, headers: req.headers });
    const upstream = http.request(
      new URL(req.url, target),
      { method: req.method, headers: req.headers },
      (answer) => {
        const headers = { ...answer.headers };
        const date = Date.parse(headers.date ?? "") || Date.now();
        headers.date = new Date(date + shiftMs).toUTCString();
        if (cookie) headers["set-cookie"] = cookie;
        res.writeHead(answer.statusCode, headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  return { ...(await listen(server)), seen };
}
