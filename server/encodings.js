// The representations of the page's files: the bytes as they are, and for
// text and wasm also brotli and gzip, each with its own ETag. Each is made
// when first asked for, once per version of a file (its size and mtime), off
// the event loop (zlib's thread pool), and kept in memory; the client's
// Accept-Encoding picks one.
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
const COMPRESS = {
  // Brotli's best takes about 2 s on the 450 KB wasm (once per version of
  // the file, on the thread pool); a client that takes gzip never waits for it.
  br: (bytes) =>
    promisify(zlib.brotliCompress)(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]:
          zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes) =>
    promisify(zlib.gzip)(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
};

/**
 * The representation of `found` (from resolveStaticFile) to send for an
 * Accept-Encoding header: { bytes, etag, encoding, negotiated }, `negotiated`
 * saying whether the answer varies by Accept-Encoding. Each form is made once
 * per version of the file and kept in `cache` (a Map owned by one server).
 */
export async function representation(found, cache, acceptEncoding) {
  const entry = entryFor(found, cache);
  const negotiated = COMPRESSIBLE.has(path.extname(found.file).toLowerCase());
  if (negotiated)
    for (const encoding of preferred(acceptEncoding)) {
      const form = await entry.form(encoding);
      if (form) return { ...form, encoding, negotiated };
    }
  return { ...(await entry.identity), encoding: "identity", negotiated };
}

function entryFor({ file, size, mtime }, cache) {
  const version = `${size}:${mtime.getTime()}`;
  let entry = cache.get(file);
  if (entry?.version === version) return entry;
  const forget = () => {
    if (cache.get(file) === entry) cache.delete(file);
  };
  const identity = readFile(file).then((bytes) => ({
    bytes,
    etag: `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`,
  }));
  identity.catch(forget);
  const forms = new Map();
  entry = {
    version,
    identity,
    // The compressed form, or null when it would not be smaller (tiny files).
    form(encoding) {
      if (!forms.has(encoding)) {
        const made = identity.then(async ({ bytes, etag }) => {
          const compressed = await COMPRESS[encoding](bytes);
          return compressed.length < bytes.length
            ? { bytes: compressed, etag: etag.replace(/"$/, `-${encoding}"`) }
            : null;
        });
        made.catch(forget);
        forms.set(encoding, made);
      }
      return forms.get(encoding);
    },
  };
  cache.set(file, entry);
  return entry;
}

// The encodings an Accept-Encoding header accepts, best first (q-values,
// then ENCODINGS' order); identity is always the last resort.
function preferred(header = "") {
  const weights = new Map();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((text) => text.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name) => weights.get(name) ?? weights.get("*") ?? 0;
  return ENCODINGS.filter((name) => weight(name) > 0).sort(
    (a, b) => weight(b) - weight(a),
  );
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 13.1.2). */
export function notModified(header, etag) {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
