// The representations of the page's files: the bytes as they are, and for
// text and wasm also brotli and gzip, each with its own ETag. They are made
// once per version of a file (its size and mtime), off the event loop (zlib's
// thread pool), and kept in memory; the client's Accept-Encoding picks one.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

// Larger files are streamed as they are (www/ holds nothing that large).
export const MAX_CACHED_BYTES = 8 * 1024 * 1024;
const COMPRESSIBLE = new Set([
  ".wasm",
  ".js",
  ".mjs",
  ".css",
  ".html",
  ".json",
  ".map",
  ".svg",
  ".txt",
  ".md",
  ".ts",
  ".yaml",
  ".webmanifest",
]);
// Preferred first when the client accepts several equally.
const ENCODINGS = ["br", "gzip"];
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * The representations of `found` (from resolveStaticFile), from `cache` (a
 * Map owned by one server) or made now: { identity, br?, gzip?, negotiated },
 * each { bytes, etag }. `negotiated` says the answer varies by Accept-Encoding.
 */
export function representations({ file, size, mtime }, cache) {
  const version = `${size}:${mtime.getTime()}`;
  let entry = cache.get(file);
  if (entry?.version !== version) {
    entry = { version, made: make(file) };
    cache.set(file, entry);
    entry.made.catch(() => {
      if (cache.get(file) === entry) cache.delete(file);
    });
  }
  return entry.made;
}

async function make(file) {
  const bytes = await readFile(file);
  const hash = createHash("sha256")
    .update(bytes)
    .digest("base64url")
    .slice(0, 27);
  const variants = { identity: { bytes, etag: `"${hash}"` } };
  if (!COMPRESSIBLE.has(path.extname(file).toLowerCase())) return variants;
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]:
          zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  variants.negotiated = true;
  // A compressed form only when it is smaller (tiny files may grow).
  if (br.length < bytes.length)
    variants.br = { bytes: br, etag: `"${hash}-br"` };
  if (gz.length < bytes.length)
    variants.gzip = { bytes: gz, etag: `"${hash}-gz"` };
  return variants;
}

/** The encoding to send ("br", "gzip" or "identity") for an Accept-Encoding header. */
export function chooseEncoding(header = "", variants) {
  const weights = new Map();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((text) => text.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name) => weights.get(name) ?? weights.get("*") ?? 0;
  let chosen = "identity";
  let best = 0;
  for (const name of ENCODINGS)
    if (variants[name] && weight(name) > best) {
      chosen = name;
      best = weight(name);
    }
  return chosen;
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 13.1.2). */
export function notModified(header, etag) {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
