// The NetSuite simulator: node:http, state in memory. Every account's host is
// simulated under a path prefix, /{host label}/ (1234567_SB1 -> /1234567-sb1/).
import http from "node:http";
import { Accounts, SetupError, TOKEN_PATH } from "./accounts.js";
import { accountApi, simulatorApi } from "./api.js";
import { STYLE } from "./html.js";
import {
  checkLoopbackHost,
  decodeSegment,
  HttpError,
  isLoopback,
  jsonReader,
  readBody,
  redirect,
  sendHtml,
  sendJson,
} from "./http.js";
import { page } from "./page-routes.js";
import { indexPage, errorPage } from "./pages.js";
import { Settings } from "./settings.js";
import { answerTokenRequest } from "./token.js";

/** Body cap of a token request or a JSON call. */
export const BODY_LIMIT = 64 * 1024;

/**
 * Starts the simulator. `port` 0 picks a free port. `clockOffsetSeconds`,
 * `serverError`, `refusalsAsServerError` are the initial settings; `limits`
 * overrides DEFAULT_LIMITS (accounts.js). Resolves once it listens.
 * @returns {Promise<{ url: string, port: number, settings: Settings, accounts: Accounts, close: () => Promise<void> }>}
 */
export async function startSimulator({
  host = "127.0.0.1",
  port = 0,
  limits,
  ...initial
} = {}) {
  const settings = new Settings(initial);
  const accounts = new Accounts({ now: () => settings.now(), limits });
  const context = { settings, accounts, loopbackOnly: isLoopback(host) };
  const server = http.createServer((req, res) => {
    handle(req, res, context).catch((error) => {
      // Never log the request: it may carry an assertion.
      console.error(
        `netsuite-simulator: internal error on ${req.method}: ${error?.stack ?? error}`,
      );
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: "server_error" });
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
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
    settings,
    accounts,
    server,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections?.();
        setTimeout(() => server.closeAllConnections?.(), 1000).unref();
      });
      return closing;
    },
  };
}

async function handle(req, res, context) {
  const url = new URL(req.url ?? "/", "http://simulator.invalid");
  const wantsJson =
    url.pathname.includes("/simulator/api/") ||
    url.pathname.endsWith(TOKEN_PATH);
  try {
    if (context.loopbackOnly) checkLoopbackHost(req);
    await route(req, res, url, context);
  } catch (error) {
    if (!(error instanceof HttpError || error instanceof SetupError))
      throw error;
    if (!req.complete) {
      res.setHeader("Connection", "close");
      req.resume();
    }
    if (wantsJson)
      sendJson(
        res,
        error.status,
        { error: error.code, message: error.message },
        error.headers,
      );
    else sendHtml(res, error.status, errorPage(error.status, error.message));
  }
}

async function route(req, res, url, context) {
  const { settings, accounts } = context;
  const path = url.pathname;
  const method = req.method;
  if (path === "/" && method === "GET")
    return sendHtml(res, 200, indexPage(accounts.list()));
  if (path === "/simulator/style.css" && method === "GET") {
    res.writeHead(200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "no-store",
    });
    return res.end(STYLE);
  }
  if (path === "/simulator/open" && method === "GET") {
    const label = (url.searchParams.get("account") ?? "")
      .trim()
      .toLowerCase()
      .replace("_", "-");
    if (!accounts.get(label))
      throw new HttpError(
        400,
        "invalid_account",
        "An Account ID looks like 1234567, 1234567_SB1, 1234567_RP1 or TSTDRV1431250.",
      );
    return redirect(res, `/${label}/`);
  }
  const segments = path.split("/").slice(1).map(decodeSegment);
  // A JSON API call: the handler answers { status, body }.
  const api = async (handler, args) => {
    const readJson = jsonReader(req, BODY_LIMIT);
    const result = await handler({ method, readJson, ...args });
    sendJson(res, result.status, result.body);
  };
  if (segments[0] === "simulator" && segments[1] === "api")
    return api(simulatorApi, { segments: segments.slice(2), settings });
  const account = accounts.get(segments[0]);
  if (!account)
    throw new HttpError(
      404,
      "unknown_host",
      "Not a simulated NetSuite host: the path starts with an account's host label, e.g. /1234567-sb1/.",
    );
  const rest = `/${segments.slice(1).join("/")}`;
  if (rest === TOKEN_PATH) return token(req, res, account, settings);
  if (segments[1] === "simulator" && segments[2] === "api")
    return api(accountApi, { segments: segments.slice(3), account });
  return page(req, res, url, account, segments.slice(1));
}

async function token(req, res, account, settings) {
  const { buffer, tooLarge } = await readBody(req, BODY_LIMIT);
  const answer = answerTokenRequest(
    account,
    {
      method: req.method,
      contentType: req.headers["content-type"],
      body: buffer.toString("utf8"),
      tooLarge,
    },
    settings,
  );
  if (tooLarge) answer.headers.Connection = "close";
  sendJson(res, answer.status, answer.body, answer.headers);
}
