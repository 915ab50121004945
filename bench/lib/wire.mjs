// Bytes on the wire: the page's wasm, JS and CSS as the reference backend
// (server/) serves them, asked for as brotli, as gzip and as they are. This is
// what a browser downloads from `npm start`, compression negotiated by
// Accept-Encoding (server/encodings.js).
import http from "node:http";
import { readdir } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { startServer } from "../../server/app.js";
import { ROOT } from "./config.mjs";

const WWW = join(ROOT, "www");
const ENCODINGS = { br: "br", gzip: "gzip", identity: "identity" };

// Every script and style sheet the page may load, and the module's wasm.
async function pageFiles() {
  const files = [];
  for (const entry of await readdir(WWW, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile()) continue;
    const file = relative(WWW, join(entry.parentPath, entry.name));
    if (file.startsWith("pkg/")) continue;
    if ([".js", ".css"].includes(extname(file))) files.push(file);
  }
  files.push("pkg/netsuite_m2m.js", "pkg/netsuite_m2m_bg.wasm");
  return files.sort();
}

// The body of one GET as it crossed the wire (not decoded), and its encoding.
function download(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { "Accept-Encoding": acceptEncoding }, agent: false },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk) => (bytes += chunk.length));
        res.on("error", reject);
        res.on("end", () => {
          if (res.statusCode !== 200)
            reject(new Error(`${url}: HTTP ${res.statusCode}`));
          else
            resolve({
              bytes,
              encoding: res.headers["content-encoding"] ?? "identity",
            });
        });
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`${url}: timeout`)));
    req.on("error", reject);
  });
}

/**
 * { wasm, js, css, total }: each { files, br, gzip, identity } in bytes as
 * served; `encodings` lists what the server sent for each request.
 */
export async function measureWire() {
  const server = await startServer({ port: 0, wwwDir: WWW, log: () => {} });
  const kind = (file) =>
    file.endsWith(".wasm") ? "wasm" : file.endsWith(".css") ? "css" : "js";
  const empty = () => ({ files: 0, br: 0, gzip: 0, identity: 0 });
  const sums = { wasm: empty(), js: empty(), css: empty(), total: empty() };
  const sentAs = new Set();
  try {
    for (const file of await pageFiles()) {
      for (const sum of [sums[kind(file)], sums.total]) sum.files++;
      for (const [name, header] of Object.entries(ENCODINGS)) {
        const { bytes, encoding } = await download(
          new URL(file, server.url),
          header,
        );
        sentAs.add(`${name}->${encoding}`);
        for (const sum of [sums[kind(file)], sums.total]) sum[name] += bytes;
      }
    }
  } finally {
    await server.close();
  }
  return { ...sums, encodings: [...sentAs].sort() };
}
