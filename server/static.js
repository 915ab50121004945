// Serves the files under www/ and nothing else.
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
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

export async function serveStatic(req, res, root, rawPath) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    throw new HttpError(405, "method_not_allowed", "Use GET or HEAD here.", {
      headers: { Allow: "GET, HEAD" },
    });
  }
  const { file, size, mtime } = await resolveStaticFile(root, rawPath);
  res.writeHead(200, {
    "Content-Type": mimeType(file),
    "Content-Length": size,
    "Last-Modified": mtime.toUTCString(),
    "Cache-Control": "no-cache",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await new Promise((resolve) => {
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
