// The reference backend: node:http, no framework. Serves the API under /api/
// and the page (www/) everywhere else.
import http from "node:http";
import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LIMITS, handleApi, seedOrganisations } from "./api/index.js";
import { createAuth } from "./auth/index.js";
import { checkWriteOrigin, drain, readJsonBody } from "./body.js";
import { isLoopbackName } from "./auth/settings.js";
import { corsPolicy } from "./cors.js";
import { HttpError } from "./errors.js";
import { securityHeaders } from "./headers.js";
import { loadModule } from "./m2m.js";
import { netsuiteRelay } from "./netsuite/relay.js";
import { rateLimiter } from "./netsuite/rate-limit.js";
import { serveStatic } from "./static.js";
import { Store } from "./store/index.js";
import { CONTRACT_FILE, loadContract } from "./validate.js";

const defaultWwwDir = fileURLToPath(new URL("../www/", import.meta.url));

/**
 * Starts the server. `port` 0 picks a free port; `dataDir` holds the database
 * (default: a temporary directory removed on close); `wwwDir` is served at /.
 * `limits` ({ organisations, historyEntries }) bound what is kept; `cors`
 * ({ allowedOrigins, allowCredentials, csrfHeader }) opens the API to pages
 * served elsewhere; `netsuite` ({ url, timeoutMs, checksPerMinute }) is where the
 * live check relays assertions (url: a template with {account}); `auth` the
 * sign-in settings (auth/settings.js; null: the one local person, loopback
 * only). Resolves once it listens.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({
  host = "127.0.0.1",
  port = 0,
  dataDir,
  wwwDir = defaultWwwDir,
  limits = {},
  cors = {},
  netsuite = {},
  auth = null,
  log = console.log,
} = {}) {
  if (auth === null && !isLoopback(host))
    throw new Error(
      `${host} is not a loopback address: serving beyond this machine needs sign-in (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL; server/README.md).`,
    );
  const m2m = await loadModule();
  const contract = loadContract();
  const wwwRoot = await realpath(wwwDir).catch(() => path.resolve(wwwDir));
  const headers = await securityHeaders(wwwRoot);
  const policy = corsPolicy(cors);
  // Without a data directory (tests, demos): a fresh temporary one, removed on close.
  const temporaryDataDir = dataDir
    ? null
    : await mkdtemp(path.join(tmpdir(), "netsuite-m2m-data-"));
  const store = Store.open(dataDir ?? temporaryDataDir, {
    seed: seedOrganisations,
    log,
  });
  const context = {
    m2m,
    store,
    contract,
    headers,
    cors: policy,
    limits: { ...DEFAULT_LIMITS, ...limits },
    netsuite: {
      relay: netsuiteRelay({
        urlTemplate: netsuite.url,
        timeoutMs: netsuite.timeoutMs,
      }),
      limiter: rateLimiter({ count: netsuite.checksPerMinute }),
    },
    wwwRoot,
    staticCache: new Map(),
    allowedHost: allowedHost(host, auth),
  };
  context.auth = createAuth(auth, { store, csrfHeader: policy.csrfHeader });

  const server = http.createServer((req, res) => {
    handle(req, res, context).catch((error) => {
      // Never log the request (it may hold what the client should not have sent).
      console.error(
        `netsuite-m2m: internal error on ${req.method}: ${error?.stack ?? error}`,
      );
      // (sendError destroys the connection if the answer has begun.)
      sendError(
        res,
        new HttpError(
          500,
          "internal_error",
          "Something went wrong on the server.",
        ),
      );
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
    store.close();
    if (temporaryDataDir)
      await rm(temporaryDataDir, { recursive: true, force: true });
    throw error;
  }
  const actualPort = server.address().port;
  // The address it really listens on (0.0.0.0: every address of the machine).
  const urlHost = host.includes(":") ? `[${host}]` : host;
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
        store.close();
        if (temporaryDataDir)
          await rm(temporaryDataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

async function handle(req, res, context) {
  const { contract, cors, wwwRoot, auth } = context;
  for (const [name, value] of Object.entries(context.headers))
    res.setHeader(name, value);
  const body = { consumed: false };
  try {
    checkHost(req, context.allowedHost);
    const rawPath = (req.url ?? "").split("?")[0];
    if (!rawPath.startsWith("/"))
      throw new HttpError(
        400,
        "invalid_path",
        "The request target must be a path.",
      );
    if (rawPath.startsWith("/auth/")) {
      res.setHeader("Cache-Control", "no-store");
      if (await auth.handle(req, res, rawPath)) return;
    }

    if (rawPath === "/api" || rawPath.startsWith("/api/")) {
      res.setHeader("Cache-Control", "no-store");
      cors.apply(req, res);
      if (cors.preflight(req, res)) return;
      if (
        rawPath === "/api/openapi.yaml" &&
        (req.method === "GET" || req.method === "HEAD")
      ) {
        const text = await readFile(CONTRACT_FILE);
        res.writeHead(200, {
          "Content-Type": "application/yaml; charset=utf-8",
          "Content-Length": text.length,
        });
        res.end(req.method === "HEAD" ? undefined : text);
        return;
      }
      // /api/session says itself who is (not) signed in.
      const user =
        rawPath === "/api/session"
          ? await auth.user(req)
          : await auth.authorise(req);
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
        ...context,
        method: req.method,
        segments,
        user,
        headers: req.headers,
        readBody: async (operationId) => {
          const value = await readJsonBody(req, body, {
            allowEmpty: contract.bodyIsOptional(operationId),
            cors,
          });
          contract.checkBody(operationId, value);
          return value;
        },
        // A write without a body (DELETE) is held to the same origin rule.
        checkOrigin: () => checkWriteOrigin(req, cors),
      });
      if (result.status === 204) {
        res.writeHead(204, result.headers);
        res.end();
      } else if (result.raw !== undefined)
        sendText(res, result.status, result.raw, result.headers, req.method);
      else
        sendJson(res, result.status, result.body, result.headers, req.method);
      return;
    }
    await serveStatic(req, res, wwwRoot, rawPath, context.staticCache);
  } catch (caught) {
    const error = storageBusy(caught) ?? caught;
    if (!(error instanceof HttpError)) throw error;
    // Answer only after the request body is read: closing a connection with
    // unread data resets it, and the client could lose the answer.
    if (!body.consumed && req.method !== "GET" && req.method !== "HEAD")
      await drain(req, body);
    if (body.abandoned) res.setHeader("Connection", "close");
    sendError(res, error, req.method);
  }
}

// Another process held the database's write lock past the busy timeout.
function storageBusy(error) {
  if (error?.code !== "SQLITE_BUSY") return undefined;
  return new HttpError(
    503,
    "storage_busy",
    "The server's storage is busy; try again in a moment.",
    { headers: { "Retry-After": "1" } },
  );
}

// DNS rebinding defence: a request must name this server as the people who
// use it know it: on loopback a loopback name, with sign-in PUBLIC_URL's host.
function allowedHost(host, auth) {
  const own = auth?.publicUrl.hostname.toLowerCase();
  const loopback = isLoopback(host);
  return {
    allows: (name) => name === own || (loopback && isLoopbackName(name)),
    message: auth
      ? `This server only answers requests addressed to ${own}${loopback ? " or localhost" : ""} (PUBLIC_URL).`
      : "This server only answers requests addressed to localhost.",
  };
}

function checkHost(req, allowed) {
  const host = (req.headers.host ?? "").toLowerCase();
  const name = host.startsWith("[")
    ? host.slice(0, host.indexOf("]") + 1)
    : host.split(":")[0];
  if (!allowed.allows(name)) {
    throw new HttpError(403, "host_not_allowed", allowed.message);
  }
}

function isLoopback(host) {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

// HEAD gets the same status and headers as GET (Content-Length included), no body.
function sendJson(res, status, body, headers = {}, method = "GET") {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(method === "HEAD" ? undefined : text);
}

function sendText(res, status, text, headers, method) {
  res.writeHead(status, {
    ...headers,
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(method === "HEAD" ? undefined : text);
}

function sendError(res, error, method) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.status >= 500) res.setHeader("Cache-Control", "no-store");
  sendJson(res, error.status, error.toJSON(), error.headers, method);
}
