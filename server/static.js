// Serves the files under www/ and nothing else, as a production page would:
// compressed where the client accepts it (encodings.js), with ETags that make
// revalidation a 304.
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { MAX_CACHED_BYTES, notModified, representation } from "./encodings.js";
import { HttpError } from "./errors.js";

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".pem": "application/x-pem-file",
  ".yaml": "application/yaml; charset=utf-8",
};

export function mimeType(file) {
  return (
    MIME_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream"
  );
}

/**
 * Maps a request path to a file inside `root`, or throws: 400 for a path that
 * tries to leave the root (.., encoded or not, NUL, backslash), 404 otherwise.
 */
export async function resolveStaticFile(root, rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw new HttpError(
      400,
      "invalid_path",
      "The path is not valid percent-encoding.",
    );
  }
  const segments = decoded.split("/").slice(1);
  if (
    !decoded.startsWith("/") ||
    /[\0\\]/.test(decoded) ||
    segments.some((segment) => segment === ".." || segment === ".")
  ) {
    throw new HttpError(
      400,
      "invalid_path",
      "The path may not contain '..', '.', backslashes or NUL.",
    );
  }
  // Dotfiles (.git, .env, ...) are never served.
  if (segments.some((segment) => segment.startsWith("."))) throw notFound();

  let file = path.join(root, ...segments);
  if (file !== root && !file.startsWith(root + path.sep)) throw notFound();
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) throw notFound();
  // A symbolic link must not lead outside the root either.
  const real = await realpath(file).catch(() => null);
  if (!real || !real.startsWith(root + path.sep)) throw notFound();
  return { file: real, size: info.size, mtime: info.mtime };
}

/**
 * Answers GET or HEAD for a file under `root`. `cache` (a Map, one per server)
 * keeps each file's compressed forms.
 */
export async function serveStatic(req, res, root, rawPath, cache) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    throw new HttpError(405, "method_not_allowed", "Use GET or HEAD here.", {
      headers: { Allow: "GET, HEAD" },
    });
  }
  const found = await resolveStaticFile(root, rawPath);
  const headers = {
    "Content-Type": mimeType(found.file),
    "Last-Modified": found.mtime.toUTCString(),
    // The page's files are not fingerprinted (js/main.js is always called
    // that), so a cached copy must be revalidated before each use, or an
    // upgrade would mix old and new modules; the ETag makes that a 304.
    "Cache-Control": "no-cache",
  };
  if (found.size > MAX_CACHED_BYTES) {
    res.writeHead(200, { ...headers, "Content-Length": found.size });
    if (req.method === "HEAD") res.end();
    else await streamFile(found.file, res);
    return;
  }
  const variant = await representation(
    found,
    cache,
    req.headers["accept-encoding"],
  );
  if (variant.negotiated) headers.Vary = "Accept-Encoding";
  headers.ETag = variant.etag;
  if (notModified(req.headers["if-none-match"], variant.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (variant.encoding !== "identity")
    headers["Content-Encoding"] = variant.encoding;
  res.writeHead(200, { ...headers, "Content-Length": variant.bytes.length });
  res.end(req.method === "HEAD" ? undefined : variant.bytes);
}

function streamFile(file, res) {
  return new Promise((resolve) => {
    const stream = createReadStream(file);
    stream.on("error", () => {
      res.destroy();
      resolve();
    });
    stream.on("end", resolve);
    res.on("close", () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

function notFound() {
  return new HttpError(404, "not_found", "There is no such file.");
}
