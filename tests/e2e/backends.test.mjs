// The page in front of a backend it does not share an origin with: served by a
// plain static server whose config.json points at the reference backend on another
// loopback origin (CORS for that origin only), the whole replace flow; a write from
// an origin not allowed is refused; the clock check against the backend's Date
// header; the CSRF header from a cookie.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  startBackend,
  openPage,
  gotoApp,
  seedIntegration,
  nodeModule,
  api,
  seriousAxeFindings,
  screenshot,
  assertNoKeyMaterial,
  assertCleanPage,
  e2eEnvironment,
  reservedCode,
} from "./support.mjs";
import {
  downloadEncryptedKey,
  generate,
  openReplace,
  saveNewCertificate,
} from "./replace-steps.mjs";
import {
  opensslOpensEncryptedKey,
  sha256Fingerprint,
} from "./openssl-checks.mjs";
import { startProxy, startStaticServer } from "./servers.mjs";

const MINUTE = 60 * 1000;

const { browser, downloads, closeAtEnd } = await e2eEnvironment({
  backend: false,
});

/** The static page and the backend on two loopback origins (other ports); CORS for the page's. */
async function pageElsewhere() {
  const site = await startStaticServer();
  closeAtEnd(site.close);
  const backend = await startBackend({
    cors: { allowedOrigins: [site.origin] },
  });
  closeAtEnd(backend.close);
  site.config = { backendUrl: backend.url.replace(/\/$/, "") };
  return { site, backend };
}

test("a page on a plain static server replaces a certificate on a backend on another origin", async () => {
  const { site, backend } = await pageElsewhere();
  const backendOrigin = new URL(backend.url).origin;
  assert.notEqual(backendOrigin, site.origin);
  const seeded = await seedIntegration(backend, "demo");
  const { page, log } = await openPage(browser);

  await gotoApp(page, site.url, "#/");
  await page
    .locator("#organisations tbody tr", { hasText: "Demo Company" })
    .getByText(seeded.certificateId)
    .waitFor();
  await page.getByRole("link", { name: "Edit Demo Company" }).click();
  const replace = await openReplace(page, site.url, "demo");
  await generate(replace);
  assert.equal(await page.locator("#clock-skew-warning").count(), 0);
  const passphrase = "a passphrase for elsewhere";
  const key = await downloadEncryptedKey(page, replace, downloads, passphrase);
  const { certificateFile, certificateId } = await saveNewCertificate(
    page,
    replace,
    downloads,
  );
  await screenshot(page, "21-cross-origin-saved");
  assert.deepEqual(await seriousAxeFindings(page), []);

  // The backend holds exactly the downloaded certificate; the key matches it.
  const stored = await api(
    backend,
    "GET",
    "/api/organisations/demo/integrations/netsuite",
  );
  assert.equal(stored.certificate.certificateId, certificateId);
  assert.equal(
    sha256Fingerprint(certificateFile.path),
    stored.certificate.fingerprintSha256,
  );
  opensslOpensEncryptedKey(key.path, certificateFile.path, passphrase);

  // Every API call went to the backend's origin; the static server saw none.
  const apiCalls = log.requests.filter((r) => r.url.includes("/api/"));
  assert.ok(apiCalls.length > 5);
  for (const call of apiCalls)
    assert.equal(new URL(call.url).origin, backendOrigin, call.url);
  assert.ok(apiCalls.some((r) => r.method === "PUT"));
  assert.ok(!site.requests.some((r) => r.pathname.startsWith("/api/")));
  assertNoKeyMaterial(log.requests, [key.text]);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("a write from an origin not in ALLOWED_ORIGINS is refused", async () => {
  const { backend } = await pageElsewhere();
  const stranger = await startStaticServer();
  closeAtEnd(stranger.close);
  const before_ = await api(backend, "GET", "/api/organisations");
  const { page } = await openPage(browser);
  await page.goto(new URL("favicon.svg", stranger.url).href);
  const url = new URL("/api/organisations", backend.url).href;
  const outcome = await page.evaluate(async (target) => {
    const results = {};
    // A JSON write needs a preflight, which the backend refuses.
    try {
      await fetch(target, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Cross-origin JSON" }),
      });
      results.json = "sent";
    } catch (error) {
      results.json = error.name;
    }
    // A "simple" write goes without a preflight: the backend itself must refuse it.
    const simple = await fetch(target, {
      method: "POST",
      mode: "no-cors",
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ name: "Cross-origin simple" }),
    }).catch((error) => error.name);
    results.simple = typeof simple === "string" ? simple : simple.type;
    return results;
  }, url);
  assert.equal(outcome.json, "TypeError", "the JSON write was blocked");
  const after_ = await api(backend, "GET", "/api/organisations");
  assert.deepEqual(
    after_.organisations.map((o) => o.name),
    before_.organisations.map((o) => o.name),
    "nothing was created",
  );
  // The same write from Node, with that Origin, is refused with a code.
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: stranger.origin },
    body: JSON.stringify({ name: "Cross-origin from Node" }),
  });
  assert.equal(response.status, 403);
  assert.equal((await response.json()).error.code, "cross_origin_refused");
  await page.context().close();
});

test("the clock check: a backend whose Date differs by more than the module's limit gets a warning before generating and before signing", async () => {
  const { rules } = await nodeModule();
  const limit = rules().clockSkewWarningSeconds;
  const backend = await startBackend();
  closeAtEnd(backend.close);
  await seedIntegration(backend, "demo");

  // Ten minutes off: warned, with the size and direction.
  const shifted = await startProxy(backend.url, { shiftMs: 10 * MINUTE });
  closeAtEnd(shifted.close);
  assert.ok(10 * 60 > limit);
  const { page, log } = await openPage(browser);
  let replace = await openReplace(page, shifted.url, "demo");
  const warning = replace.locator("#clock-skew-warning");
  await warning.waitFor();
  assert.match(await warning.innerText(), /10 minutes behind the server's/);
  await screenshot(page, "22-clock-skew-warning");
  assert.deepEqual(await seriousAxeFindings(page), []);
  await assertCleanPage(page, log);

  // A client assertion's iat and exp come from the same clock: warned there too.
  await gotoApp(page, shifted.url, "#/test");
  const testWarning = page.locator("#clock-skew-warning");
  await testWarning.waitFor();
  assert.match(
    await testWarning.innerText(),
    /10 minutes behind the server's\. The assertion's iat and exp/,
  );
  await screenshot(page, "22b-clock-skew-warning-test");
  assert.deepEqual(await seriousAxeFindings(page), []);
  await assertCleanPage(page, log);

  // Just inside the limit, and the backend itself: no warning.
  const close = await startProxy(backend.url, {
    shiftMs: (limit - 30) * 1000,
  });
  closeAtEnd(close.close);
  for (const site of [close, backend]) {
    replace = await openReplace(page, site.url, "demo");
    // The step draws its clock check when it is drawn, from the answers that loaded
    // the view (as above, where the warning is there at once): nothing comes later.
    await replace.locator(".clock-check").waitFor({ state: "attached" });
    assert.equal(await replace.locator("#clock-skew-warning").count(), 0);
    await gotoApp(page, site.url, "#/test");
    await page
      .getByRole("button", { name: "Create client assertion" })
      .waitFor();
    assert.equal(await page.locator("#clock-skew-warning").count(), 0);
  }
  await page.context().close();
});

test("config.json's CSRF header is filled from a cookie and sent on writes", async () => {
  const backend = await startBackend();
  closeAtEnd(backend.close);
  await seedIntegration(backend, "demo");
  const token = "csrf-token-value-1234";
  const proxy = await startProxy(backend.url, {
    cookie: `csrf_token=${token}; Path=/; SameSite=Strict`,
    config: {
      backendUrl: "",
      credentials: "same-origin",
      csrf: { header: "X-CSRF-Token", cookie: "csrf_token" },
    },
  });
  closeAtEnd(proxy.close);
  const { page, log } = await openPage(browser);
  await gotoApp(page, proxy.url, "#/org/demo");
  const settings = page.locator("#settings");
  await settings.getByLabel("Account ID").fill("7777777");
  await settings.getByLabel(/^Move this integration to account /).check();
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings.getByText(/^Saved\./).waitFor();
  const writes = proxy.seen.filter((r) => r.method !== "GET");
  assert.ok(writes.length >= 1);
  for (const write of writes)
    assert.equal(write.headers["x-csrf-token"], token);
  const reads = proxy.seen.filter((r) => r.method === "GET");
  assert.ok(reads.every((r) => r.headers["x-csrf-token"] === undefined));
  await assertCleanPage(page, log);
  await page.context().close();
});

test("a config.json the page cannot use stops it with a message and a code", async () => {
  const site = await startStaticServer({
    config: { backendUrl: "ftp://backend.example", credentials: "always" },
  });
  closeAtEnd(site.close);
  const { page, log } = await openPage(browser);
  await page.goto(site.url);
  const alert = page.getByRole("alert");
  await alert
    .getByText(/could not be read, so this page cannot work/)
    .waitFor();
  assert.equal(await reservedCode(alert), "config_invalid");
  await screenshot(page, "24-config-invalid");
  assert.equal(
    log.requests.filter((r) => r.url.includes("/api/")).length,
    0,
    "no backend was called",
  );
  await assertCleanPage(page, log);
  await page.context().close();
});

test("cross-origin with credentials and a CSRF header from a meta tag", async () => {
  const token = "meta-csrf-token-5678";
  const site = await startStaticServer({
    head: `<meta name="csrf-token" content="${token}">`,
  });
  closeAtEnd(site.close);
  const backend = await startBackend({
    cors: { allowedOrigins: [site.origin], allowCredentials: true },
  });
  closeAtEnd(backend.close);
  await seedIntegration(backend, "demo");
  site.config = {
    backendUrl: backend.url,
    credentials: "include",
    csrf: { header: "X-CSRF-Token", meta: "csrf-token" },
  };
  const { page, log } = await openPage(browser);
  await gotoApp(page, site.url, "#/org/demo");
  const settings = page.locator("#settings");
  await settings.getByLabel("Account ID").fill("8888888");
  await settings.getByLabel(/^Move this integration to account /).check();
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings.getByText(/^Saved\./).waitFor();
  const put = log.requests.find(
    (r) => r.method === "PUT" && r.url.startsWith(backend.url),
  );
  assert.equal(put.headers["x-csrf-token"], token);
  const stored = await api(
    backend,
    "GET",
    "/api/organisations/demo/integrations/netsuite",
  );
  assert.equal(stored.accountId, "8888888");
  await assertCleanPage(page, log);
  await page.context().close();
});
