// The reference backend: node:http, no framework. Serves the API under /api/
// and the page (www/) everywhere else.
import http from "node:http";
import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { handleApi, initialState, privateKeyRefused } from "./api.js";
import { HttpError } from "./errors.js";
import { loadModule } from "./m2m.js";
import { containsPrivateKey } from "./private-key.js";
import { serveStatic } from "./static.js";
import { Store } from "./store.js";

export const MAX_BODY_BYTES = 64 * 1024;
// Past this, an oversized body is no longer read to the end (to answer politely) but cut off.
const MAX_DISCARD_BYTES = 1024 * 1024;

export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

const defaultWwwDir = fileURLToPath(new URL("../www/", import.meta.url));
const openapiFile = fileURLToPath(new URL("./openapi.yaml", import.meta.url));

/**
 * Starts the server. `port` 0 picks a free port; `dataDir` holds the state
 * (default: a temporary directory removed on close); `wwwDir` is served at /.
 * Resolves once it listens.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({
  host = "127.0.0.1",
  port = 0,
  dataDir,
  wwwDir = defaultWwwDir,
} = {}) {
  const m2m = await loadModule();
  const wwwRoot = await realpath(wwwDir).catch(() => path.resolve(wwwDir));
  // Without a data directory (tests, demos): a fresh temporary one, removed on close.
  const temporaryDataDir = dataDir
    ? null
    : await mkdtemp(path.join(tmpdir(), "netsuite-m2m-data-"));
  const store = await Store.open(dataDir ?? temporaryDataDir, initialState);
  const context = { m2m, store, wwwRoot, loopbackOnly: isLoopback(host) };

  const server = http.createServer((req, res) => {
    handle(req, res, context).catch((error) => {
      // Never log the request (it may hold what the client should not have sent).
      console.error(
        `netsuite-m2m: internal error on ${req.method}: ${error?.stack ?? error}`,
      );
      if (!res.headersSent)
        sendError(
          res,
          new HttpError(
            500,
            "internal_error",
            "Something went wrong on the server.",
          ),
        );
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;

  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    if (temporaryDataDir)
      await rm(temporaryDataDir, { recursive: true, force: true });
    throw error;
  }
  const actualPort = server.address().port;
  const urlHost = host.includes(":")
    ? `[${host}]`
    : host === "0.0.0.0"
      ? "127.0.0.1"
      : host;
  let closing = null;
  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    server,
    close() {
      closing ??= (async () => {
        await new Promise((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections?.();
          setTimeout(() => server.closeAllConnections?.(), 1000).unref();
        });
        await store.close();
        if (temporaryDataDir)
          await rm(temporaryDataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

async function handle(req, res, { m2m, store, wwwRoot, loopbackOnly }) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    res.setHeader(name, value);
  const body = { consumed: false };
  try {
    if (loopbackOnly) checkHost(req);
    const rawPath = (req.url ?? "").split("?")[0];
    if (!rawPath.startsWith("/"))
      throw new HttpError(
        400,
        "invalid_path",
        "The request target must be a path.",
      );

    if (rawPath === "/api" || rawPath.startsWith("/api/")) {
      res.setHeader("Cache-Control", "no-store");
      if (
        rawPath === "/api/openapi.yaml" &&
        (req.method === "GET" || req.method === "HEAD")
      ) {
        const text = await readFile(openapiFile);
        res.writeHead(200, {
          "Content-Type": "application/yaml; charset=utf-8",
          "Content-Length": text.length,
        });
        res.end(req.method === "HEAD" ? undefined : text);
        return;
      }
      const segments = rawPath
        .slice("/api/".length)
        .split("/")
        .map((segment) => {
          try {
            return decodeURIComponent(segment);
          } catch {
            throw new HttpError(
              400,
              "invalid_path",
              "The path is not valid percent-encoding.",
            );
          }
        });
      const result = await handleApi({
        method: req.method,
        segments,
        headers: req.headers,
        readBody: (options) => readJsonBody(req, body, options),
        store,
        m2m,
      });
      sendJson(res, result.status, result.body, result.headers);
      return;
    }
    await serveStatic(req, res, wwwRoot, rawPath);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    // Answer only after the request body is read: closing a connection with
    // unread data resets it, and the client could lose the answer.
    if (!body.consumed && req.method !== "GET" && req.method !== "HEAD")
      await drain(req, body);
    if (body.abandoned) res.setHeader("Connection", "close");
    sendError(res, error);
  }
}

// DNS rebinding defence: when bound to loopback, only loopback names may be asked for.
function checkHost(req) {
  const host = (req.headers.host ?? "").toLowerCase();
  const name = host.startsWith("[")
    ? host.slice(0, host.indexOf("]") + 1)
    : host.split(":")[0];
  if (!(
    name === "localhost" ||
    name === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  )) {
    throw new HttpError(
      403,
      "host_not_allowed",
      "This server only answers requests addressed to localhost.",
    );
  }
}

function isLoopback(host) {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

// Cross-site requests must not change anything: a write needs a same-origin (or
// no) Origin, JSON (which a plain HTML form cannot send), and a body of at most
// MAX_BODY_BYTES that contains no private key.
async function readJsonBody(req, body, { allowEmpty = false } = {}) {
  const origin = req.headers.origin;
  const ownHost = String(req.headers.host).toLowerCase();
  if (
    origin !== undefined &&
    ![`http://${ownHost}`, `https://${ownHost}`].includes(origin.toLowerCase())
  ) {
    throw new HttpError(
      403,
      "cross_origin_refused",
      "Changes are only accepted from this site's own page.",
    );
  }
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw new HttpError(
      403,
      "cross_origin_refused",
      "Changes are only accepted from this site's own page.",
    );
  }
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  const [mediaType, ...params] = contentType
    .split(";")
    .map((part) => part.trim());
  const charset = params.find((param) => param.startsWith("charset="));
  if (
    mediaType !== "application/json" ||
    (charset && !/^charset="?utf-8"?$/.test(charset))
  ) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
    );
  }
  const declared = Number(req.headers["content-length"]);
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const { bytes, complete, abandoned } = await collect(req, MAX_BODY_BYTES);
  body.consumed = true;
  body.abandoned = abandoned;
  if (!complete) throw tooLarge();

  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(
      400,
      "invalid_json",
      "The request body is not UTF-8 text.",
    );
  }
  if (text.trim() === "" && allowEmpty) return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    if (containsPrivateKey(text)) throw privateKeyRefused();
    throw new HttpError(
      400,
      "invalid_json",
      "The request body is not valid JSON.",
    );
  }
  if (containsPrivateKey(value))
    throw privateKeyRefused(fieldWithPrivateKey(value));
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new HttpError(
      400,
      "invalid_body",
      "The request body must be a JSON object.",
    );
  }
  return value;
}

function fieldWithPrivateKey(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return undefined;
  const field = Object.keys(value).find((key) =>
    containsPrivateKey(value[key]),
  );
  return field !== undefined && !containsPrivateKey(field)
    ? field.slice(0, 64)
    : undefined;
}

function tooLarge() {
  return new HttpError(
    413,
    "payload_too_large",
    `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
  );
}

async function drain(req, body) {
  if (Number(req.headers["content-length"]) > MAX_DISCARD_BYTES) {
    body.abandoned = true;
    return;
  }
  body.abandoned = (await collect(req, 0)).abandoned;
}

// Reads the body, keeping at most `limit` bytes. Past that it reads on (and
// discards) up to MAX_DISCARD_BYTES so that the answer reaches the client, then
// gives up and closes the connection after answering.
function collect(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const finish = (complete, abandoned = false) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      resolve({ bytes: Buffer.concat(chunks), complete, abandoned });
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      if (size > MAX_DISCARD_BYTES) {
        req.pause();
        finish(false, true);
      }
    };
    const onEnd = () => finish(size <= limit);
    const onError = () => finish(false, true);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    if (req.readableEnded) finish(true);
  });
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res, error) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.status >= 500) res.setHeader("Cache-Control", "no-store");
  sendJson(res, error.status, error.toJSON(), error.headers);
}
