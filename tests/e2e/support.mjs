// Shared helpers for the end-to-end tests: the reference backend on a temp data
// directory, Debian's Chromium through playwright-core, seeding over HTTP, axe-core,
// screenshots, and the checks every test repeats (console, CSP).
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { after } from "node:test";
import { launchChromium } from "../../scripts/chromium.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
// NETSUITE_M2M_WWW_DIR serves another copy of the page (e.g. with another build of
// www/pkg/) during development; by default the tests use www/ itself.
export const WWW = process.env.NETSUITE_M2M_WWW_DIR
  ? path.resolve(process.env.NETSUITE_M2M_WWW_DIR)
  : path.join(ROOT, "www");

/** An ID of NetSuite's form that no certificate here has: a typo or a wrong row. */
/**
 * The page asks /api/session whether the backend has sign-in: 404 (it has not)
 * and 401 (nobody is signed in) are answers it expects, not failures.
 */
export function isSessionDiscovery({ url, status }) {
  return (
    /\/api\/session$/.test(new URL(url, "http://x").pathname) &&
    (status === 401 || status === 404)
  );
}

export function randomCertificateId() {
  return randomBytes(32).toString("base64url"); // 43 characters, as NetSuite's
}

/**
 * The Certificate ID NetSuite should list for a certificate (PEM text), computed
 * by OpenSSL, independently of the module: the SHA-256 of the DER, base64url
 * (observed, not documented by Oracle; see shared docs, netsuite-m2m.md).
 */
export function opensslCertificateId(certificatePem) {
  const der = execFileSync("openssl", ["x509", "-outform", "DER"], {
    input: certificatePem,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const digest = execFileSync("openssl", ["dgst", "-sha256", "-binary"], {
    input: der,
    stdio: ["pipe", "pipe", "pipe"],
  });
  return digest.toString("base64url");
}

export function randomClientId() {
  return randomBytes(32).toString("hex");
}

/**
 * The reference backend on a fresh data directory; `restart()` keeps port and data.
 * `options` go to startServer (e.g. `cors: { allowedOrigins }`).
 */
export async function startBackend(options = {}) {
  const { startServer } = await import(
    pathToFileURL(path.join(ROOT, "server", "app.js")).href
  );
  const dataDir = await mkdtemp(path.join(tmpdir(), "netsuite-m2m-e2e-"));
  let server = await startServer({ dataDir, wwwDir: WWW, ...options });
  const backend = {
    dataDir,
    get url() {
      return server.url;
    },
    get port() {
      return server.port;
    },
    running: true,
    async stop() {
      if (!backend.running) return;
      backend.running = false;
      await server.close();
    },
    async start() {
      if (backend.running) return;
      server = await startServer({
        dataDir,
        wwwDir: WWW,
        ...options,
        port: server.port,
      });
      backend.running = true;
    },
    async close() {
      await backend.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return backend;
}

let modulePromise = null;
/** The wasm module in Node (the same build the page uses), for seeding. */
export function nodeModule() {
  modulePromise ??= (async () => {
    const m2m = await import(
      pathToFileURL(path.join(WWW, "pkg", "netsuite_m2m.js")).href
    );
    await m2m.default({
      module_or_path: await readFile(
        path.join(WWW, "pkg", "netsuite_m2m_bg.wasm"),
      ),
    });
    return m2m;
  })();
  return modulePromise;
}

export async function api(backend, method, pathname, { body, version } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (version !== undefined) headers["If-Match"] = `"${version}"`;
  const response = await fetch(new URL(pathname, backend.url), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(`${method} ${pathname} -> ${response.status} ${text}`);
  }
  return data;
}

/**
 * Gives organisation `orgId` an integration with a certificate made by the module in
 * Node and saved over HTTP, as a page would. Returns the IDs and the key pair.
 */
export async function seedIntegration(
  backend,
  orgId = "demo",
  { keyType = "ec-p256", validityDays = 365 } = {},
) {
  const m2m = await nodeModule();
  const accountId = `${1000000 + Math.floor(Math.random() * 8999999)}_SB1`;
  const clientId = randomClientId();
  const base = `/api/organisations/${orgId}/integrations/netsuite`;
  const created = await api(backend, "PUT", base, {
    body: { accountId, clientId },
  });
  const generated = await m2m.generate({ keyType, validityDays, accountId });
  const certificateId = opensslCertificateId(generated.certificate.pem);
  const saved = await api(backend, "PUT", `${base}/certificate`, {
    body: { certificateId, certificatePem: generated.certificate.pem },
    version: created.version,
  });
  return {
    accountId,
    clientId,
    certificateId,
    privateKeyPem: generated.privateKeyPem,
    certificatePem: generated.certificate.pem,
    fingerprintSha256: generated.certificate.fingerprintSha256,
    integration: saved,
  };
}

export async function launchBrowser() {
  return launchChromium();
}

/**
 * A test file's shared setup, awaited at its top level: the reference backend
 * (unless `backend: false`), a browser and a downloads folder, all closed in the
 * file's `after`. `closeAtEnd(close)` adds what a test started (last added,
 * first closed, before the rest).
 */
export async function e2eEnvironment({ backend = true } = {}) {
  const closers = [];
  const env = {
    backend: null,
    browser: null,
    downloads: null,
    closeAtEnd(close) {
      closers.push(close);
    },
  };
  after(async () => {
    for (const close of closers.reverse()) await close();
    await env.browser?.close();
    await env.backend?.close();
    if (env.downloads)
      await rm(env.downloads, { recursive: true, force: true });
  });
  if (backend) env.backend = await startBackend();
  env.browser = await launchBrowser();
  env.downloads = await tempDir();
  return env;
}

/**
 * A page in a fresh context that records console errors, page errors, CSP
 * violations and every request (URL, headers, body).
 */
export async function openPage(
  browser,
  { viewport = { width: 1200, height: 900 } } = {},
) {
  const context = await browser.newContext({ acceptDownloads: true, viewport });
  const page = await context.newPage();
  const log = { consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const status = /status of (\d{3})/.exec(message.text())?.[1];
    const discovery = isSessionDiscovery({
      url: message.location()?.url ?? "",
      status: Number(status),
    });
    if (!discovery) log.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => log.pageErrors.push(String(error)));
  context.on("request", (request) => {
    log.requests.push({
      url: request.url(),
      method: request.method(),
      headers: request.headers(),
      body: request.postDataBuffer()?.toString("latin1") ?? "",
    });
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return { context, page, log };
}

/** Waits until the page has loaded the module and rendered its first view. */
export async function gotoApp(page, url, hash = "#/") {
  await page.goto(new URL(hash, url).href);
  await page.waitForSelector("html[data-ready='true']");
}

/** A new page at `hash`, once the view's level-1 `heading` is shown. */
export async function openView(browser, url, hash, heading) {
  const opened = await openPage(browser);
  await gotoApp(opened.page, url, hash);
  await opened.page.getByRole("heading", { level: 1, name: heading }).waitFor();
  return opened;
}

/**
 * Console errors other than the browser's own "Failed to load resource" line for
 * statuses a test provoked on purpose (`allowedStatuses`), or connection failures.
 */
export function unexpectedConsoleErrors(
  log,
  { allowedStatuses = [], allowConnectionRefused = false } = {},
) {
  return log.consoleErrors.filter((text) => {
    const status = text.match(
      /Failed to load resource: the server responded with a status of (\d{3})/,
    );
    if (status && allowedStatuses.includes(Number(status[1]))) return false;
    if (
      allowConnectionRefused &&
      /Failed to load resource: net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|FAILED)/.test(
        text,
      )
    )
      return false;
    return true;
  });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

const axeSource = readFile(
  path.join(ROOT, "node_modules", "axe-core", "axe.min.js"),
  "utf8",
);

/** axe-core's serious and critical findings on the current view. */
export async function seriousAxeFindings(page) {
  // page.evaluate goes through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
  return violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The code an error keeps for support in its one reserved place (the collapsed
 * "Details for support", .error-details) within `scope`: never in the sentence.
 */
export async function reservedCode(scope) {
  const code = scope.locator(".error-details .error-code").first();
  return (await code.textContent()).trim();
}

/** The calendar reminder (.ics) of the certificate shown in `scope`, saved into `dir`. */
export function downloadReminder(page, dir, scope = page) {
  return download(
    page,
    () =>
      scope
        .getByRole("button", { name: "Add reminder to calendar (.ics)" })
        .click(),
    dir,
  );
}

/** Clicks `trigger` and saves the download it causes into `dir`. */
export async function download(page, trigger, dir) {
  const [file] = await Promise.all([page.waitForEvent("download"), trigger()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return {
    path: target,
    name: file.suggestedFilename(),
    text: await readFile(target, "utf8"),
  };
}

export function openssl(args, input) {
  return execFileSync("openssl", args, {
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export async function tempDir(prefix = "netsuite-m2m-downloads-") {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export { writeFile, rm, readFile };

/** A PEM file's base64 body: no BEGIN/END lines, no whitespace. */
export function pemBody(pem) {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, "").replace(/\s+/g, "");
}

/** Asserts that no captured request carries any of the given key files' material. */
export function assertNoKeyMaterial(requests, keyPems) {
  const bodies = keyPems.map(pemBody);
  const needles = [
    "PRIVATE KEY",
    ...bodies,
    ...bodies.map((b) => Buffer.from(b, "base64").toString("base64url")),
    ...bodies.map((b) => encodeURIComponent(b)),
    ...keyPems.flatMap((pem) =>
      pem
        .split("\n")
        .filter((line) => line.length >= 40 && !line.startsWith("-----")),
    ),
  ];
  assertNoRequestCarries(requests, needles);
}

/** Asserts that requests were captured and none (URL, headers, body) holds any of `needles`. */
export function assertNoRequestCarries(requests, needles) {
  assert.ok(requests.length > 0, "requests were captured");
  for (const request of requests) {
    const haystack = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;
    for (const needle of needles)
      assert.ok(
        !haystack.includes(needle),
        `${request.method} ${request.url} must not contain key material`,
      );
  }
}

/** No console errors (but `allowed`), no page errors, no CSP violations. */
export async function assertCleanPage(page, log, allowed = {}) {
  assert.deepEqual(unexpectedConsoleErrors(log, allowed), []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
}
