// A tiny static server for the bench page, on 127.0.0.1 and a port the OS picks.
// /page/* -> bench/page/, /build/* -> bench/build/, /pkg/* -> www/pkg/.
// Every response is sent with COOP/COEP so the page is cross-origin isolated
// (performance.now() then ticks in 5 us steps instead of 100 us).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".map": "application/json",
};

export async function startServer(roots) {
  const server = createServer(async (req, res) => {
    const headers = {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-cache",
    };
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      let path = decodeURIComponent(url.pathname);
      if (path === "/") path = "/page/index.html";
      const [, mount, ...rest] = path.split("/");
      const root = roots[mount];
      const rel = normalize(rest.join("/"));
      if (!root || rel.startsWith("..") || rel.includes(`..${sep}`)) {
        res.writeHead(404, headers).end("not found");
        return;
      }
      const body = await readFile(join(root, rel));
      headers["Content-Type"] =
        TYPES[extname(rel)] || "application/octet-stream";
      headers["Content-Length"] = body.length;
      res.writeHead(200, headers).end(req.method === "HEAD" ? undefined : body);
    } catch {
      if (!res.headersSent) res.writeHead(404, headers);
      res.end("not found");
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  server.keepAliveTimeout = 1000;
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
