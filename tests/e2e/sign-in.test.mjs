// Sign-in through the page in Chromium, against a real OpenID Connect
// provider (oidc-provider) on loopback: the header says who is signed in and
// signs out; a session that ends during the replace flow's step 4 loses
// nothing, and the save goes through after signing in again in a new tab; a
// viewer sees no write control (a pending certificate read-only) and every write
// is refused (403).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  cspViolations,
  gotoApp,
  launchBrowser,
  nodeModule,
  openPage,
  randomCertificateId,
  randomClientId,
  screenshot,
  tempDir,
  unexpectedConsoleErrors,
} from "./support.mjs";
import {
  downloadCertificate,
  downloadEncryptedKey,
  generate,
  openReplace,
} from "./replace-steps.mjs";
import {
  browser as httpClient,
  expireSessions,
  signIn,
  startSignInServer,
} from "../server/oidc.mjs";
import { rm } from "node:fs/promises";

const EDITOR = "editor@example.com";
const VIEWER = "viewer@example.com";
const PASSPHRASE = "correct horse battery staple";

const setup = await startSignInServer({ env: { EDITORS: EDITOR } });
const { server } = setup;
const browser = await launchBrowser();
const downloads = await tempDir();
after(async () => {
  await browser.close();
  await setup.close();
  await rm(downloads, { recursive: true, force: true });
});

// Seeds demo's integration with a certificate over HTTP, signed in as the editor.
async function seed() {
  const client = httpClient();
  await signIn(client, server.url, EDITOR);
  const session = (await client.send("GET", `${server.url}api/session`)).json;
  const call = (method, target, json, version) =>
    client.send(method, `${server.url}${target}`, {
      json,
      headers: {
        "X-CSRF-Token": session.csrfToken,
        ...(version ? { "If-Match": `"${version}"` } : {}),
      },
    });
  const base = "api/organisations/demo/integrations/netsuite";
  const accountId = "1234567_SB1";
  const created = await call("PUT", base, {
    accountId,
    clientId: randomClientId(),
  });
  const m2m = await nodeModule();
  const generated = await m2m.generate({
    keyType: "ec-p256",
    validityDays: 365,
    accountId,
  });
  const saved = await call(
    "PUT",
    `${base}/certificate`,
    {
      certificateId: randomCertificateId(),
      certificatePem: generated.certificate.pem,
      certificateIdConfirmed: true,
    },
    created.json.version,
  );
  assert.equal(saved.status, 200, saved.text);
}

// Takes `page` through the provider's login and consent pages (when it asks)
// until it is back at the backend.
async function providerSignIn(page, login) {
  const backend = new URL(server.url).origin;
  for (let step = 0; step < 4; step++) {
    await page.waitForLoadState();
    if (new URL(page.url()).origin === backend) return;
    const loginField = page.locator("input[name=login]");
    if (await loginField.count()) {
      await loginField.fill(login);
      await page.locator("input[name=password]").fill("any");
    }
    const at = page.url();
    await Promise.all([
      page.waitForURL((url) => url.href !== at),
      page.locator("button[type=submit]").click(),
    ]);
  }
  await page.waitForURL((url) => url.origin === backend);
}

async function signedInPage(login, hash = "#/") {
  const opened = await openPage(browser);
  const { page } = opened;
  await gotoApp(page, server.url, hash);
  await page.getByRole("link", { name: "Sign in" }).first().click();
  await providerSignIn(page, login);
  await page.waitForSelector("html[data-ready='true']");
  await page.locator("#account").getByText(login).waitFor();
  return opened;
}

await seed();

test("signs in and out through the header", async () => {
  const { page, log } = await signedInPage(EDITOR);
  // From here on only this page's own console (the provider's pages load
  // fonts and a favicon this sandbox cannot reach).
  log.consoleErrors.length = 0;
  assert.match(
    await page.locator("#account").innerText(),
    /Signed in as editor@example\.com/,
  );
  await page
    .getByRole("heading", { level: 1, name: /Organisations/ })
    .waitFor();
  await screenshot(page, "50-signed-in");
  await Promise.all([
    page.waitForEvent("load"),
    page.getByRole("button", { name: "Sign out" }).click(),
  ]);
  await page.waitForSelector("html[data-ready='true']");
  await page
    .locator("#account")
    .getByRole("link", { name: "Sign in" })
    .waitFor();
  const status = await page.evaluate(
    async () => (await fetch("/api/session")).status,
  );
  assert.equal(status, 401);
  assert.deepEqual(unexpectedConsoleErrors(log, { allowedStatuses: [] }), []);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});

test("a session that ends in step 4 loses nothing; the save goes through after signing in again", async () => {
  const { page, context } = await signedInPage(EDITOR, "#/org/demo");
  const replace = await openReplace(page, server.url, "demo");
  await generate(replace);
  await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  const certificate = await downloadCertificate(page, replace, downloads);
  // The ID NetSuite gives this certificate (the module knows it in advance).
  const { expectedCertificateId: certificateId } = await (
    await nodeModule()
  ).inspectCertificate(certificate.text);
  await replace
    .getByRole("textbox", { name: "Certificate ID" })
    .fill(certificateId);

  // The session ends (as at its expiry) while step 4 is open.
  expireSessions(server.dataDir);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  await replace.getByText(/your sign-in has ended/).waitFor();
  assert.equal(
    await replace.getByRole("textbox", { name: "Certificate ID" }).inputValue(),
    certificateId,
    "the typed ID is kept",
  );
  await screenshot(page, "51-sign-in-ended-in-step-4");

  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    replace.getByRole("button", { name: "Sign in again (new tab)" }).click(),
  ]);
  await providerSignIn(popup, EDITOR);
  await popup.getByRole("heading", { name: "Signed in" }).waitFor();
  await page
    .locator("#certificate")
    .getByText(/New certificate saved/)
    .waitFor();

  const res = await page.evaluate(async () =>
    (await fetch("/api/organisations/demo/integrations/netsuite")).json(),
  );
  assert.equal(res.certificate.certificateId, certificateId);
  assert.equal(
    res.certificate.pem.replace(/\s/g, ""),
    certificate.text.replace(/\s/g, ""),
    "the certificate generated before the session ended is the one saved",
  );
  await context.close();
});

test("a viewer sees no write control, and a write is refused (403)", async () => {
  // The editor makes a replacement, saved as pending: the viewer reads it.
  const editor = await signedInPage(EDITOR, "#/org/demo");
  await generate(await openReplace(editor.page, server.url, "demo"));
  await editor.context.close();

  const { page, context } = await signedInPage(VIEWER, "#/org/demo");
  await page
    .locator("#account")
    .getByText(/may look, not change/)
    .waitFor();
  await page
    .getByRole("heading", { level: 1, name: /NetSuite integration/ })
    .waitFor();
  await page.locator("#audit-table").waitFor();
  const pending = page.locator("#certificate .pending-certificate");
  await pending.waitFor();
  assert.ok((await pending.innerText()).includes(EDITOR), "made by the editor");
  await pending
    .getByRole("button", { name: "Download the new certificate (.pem)" })
    .waitFor();
  for (const control of [
    pending.getByRole("textbox", { name: "Certificate ID" }),
    pending.getByRole("button", { name: "Discard the pending certificate" }),
  ])
    assert.equal(await control.count(), 0, "the pending one is read-only");
  await screenshot(page, "52-viewer-organisation");
  // The live check is a write (the relay is POST): not offered to a viewer.
  assert.equal(
    await page.getByText(/Check the current certificate with NetSuite/).count(),
    0,
  );
  assert.equal(
    await page.getByRole("button", { name: "Update certificate" }).count(),
    0,
  );
  assert.equal(
    await page.getByRole("button", { name: "Record revocation" }).count(),
    0,
  );
  assert.equal(
    await page.getByRole("button", { name: "Save changes" }).count(),
    0,
  );
  assert.equal(
    await page
      .getByRole("textbox", { name: "Account ID" })
      .getAttribute("readonly"),
    "",
  );
  await gotoApp(page, server.url, "#/");
  await page
    .getByRole("heading", { level: 1, name: /Organisations/ })
    .waitFor();
  assert.equal(
    await page.getByRole("button", { name: /Add organisation/ }).count(),
    0,
  );
  const status = await page.evaluate(async () => {
    const token = document.cookie.match(/netsuite_m2m_csrf=([^;]+)/)[1];
    const res = await fetch("/api/organisations", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ name: "Viewer's own" }),
    });
    return res.status;
  });
  assert.equal(status, 403);
  await context.close();
});
