// Faults: a 500, a 412 and a stopped backend each give a clear message, keep what
// the user typed (and a generated but unsaved certificate and key), and retrying works.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  openPage,
  gotoApp,
  seedIntegration,
  api,
  opensslCertificateId,
  randomClientId,
  assertCleanPage,
  seriousAxeFindings,
  screenshot,
  download,
  e2eEnvironment,
  reservedCode,
} from "./support.mjs";
import {
  downloadCertificate,
  generate,
  openReplace,
} from "./replace-steps.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
await seedIntegration(backend, "demo");

const integrationUrl = "/api/organisations/demo/integrations/netsuite";

test("a 500 on save: a clear message, typed values kept, Try again saves", async () => {
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/org/demo");
  await page.waitForFunction(
    () => document.querySelector("input[name=accountId]")?.value,
  );
  const settings = page.locator("#settings");
  const clientId = randomClientId();
  await settings.getByLabel("Account ID").fill("5550001");
  await settings.getByLabel(/^Move this integration to account /).check();
  await settings.getByLabel("Client ID").fill(clientId);

  const handler = (route) =>
    route.request().method() === "PUT"
      ? route.fulfill({
          status: 500,
          contentType: "application/json",
          body: JSON.stringify({
            error: {
              code: "internal_error",
              message: "Something went wrong on the server.",
            },
          }),
        })
      : route.continue();
  await page.route(`**${integrationUrl}`, handler);
  await settings.getByRole("button", { name: "Save changes" }).click();
  const alert = settings.getByRole("alert");
  await alert.getByText(/the server had a problem\./).waitFor();
  // The status is for whoever reports it: in the details, not the sentence.
  assert.match(
    await alert.locator(".error-details").textContent(),
    /HTTP status 500/,
  );
  await page.waitForFunction(
    () => document.activeElement?.getAttribute("role") === "alert",
  );
  assert.equal(await settings.getByLabel("Account ID").inputValue(), "5550001");
  assert.equal(await settings.getByLabel("Client ID").inputValue(), clientId);
  await screenshot(page, "11-fault-500");
  assert.deepEqual(await seriousAxeFindings(page), []);

  await page.unroute(`**${integrationUrl}`, handler);
  await alert.getByRole("button", { name: "Try again" }).click();
  await settings.getByText(/^Saved\./).waitFor();
  const stored = await api(backend, "GET", integrationUrl);
  assert.equal(stored.accountId, "5550001");
  assert.equal(stored.clientId, clientId);

  await assertCleanPage(page, log, { allowedStatuses: [500] });
  await page.context().close();
});

test("a 412 on save: the latest version is loaded at once, what changed where is listed, this tab's edits kept, saving again works", async () => {
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/org/demo");
  await page.waitForFunction(
    () => document.querySelector("input[name=accountId]")?.value,
  );
  const loaded = await api(backend, "GET", integrationUrl);

  // Someone else saves meanwhile: both IDs.
  const elsewhereClient = randomClientId();
  await api(backend, "PUT", integrationUrl, {
    body: { accountId: "1112223", clientId: elsewhereClient },
    version: loaded.version,
  });

  // This tab changes both too: both fields are changed on both sides.
  const settings = page.locator("#settings");
  const mine = randomClientId();
  await settings.getByLabel("Account ID").fill("9998887_SB2");
  await settings.getByLabel(/^Move this integration to account /).check();
  await settings.getByLabel("Client ID").fill(mine);
  await settings.getByRole("button", { name: "Save changes" }).click();
  const report = settings.locator(".conflict-changes");
  await report.waitFor();
  assert.match(
    await settings.locator(".status-area").innerText(),
    /Not saved: this integration was saved elsewhere/,
  );
  const lines = await report.locator("li").allInnerTexts();
  assert.match(
    lines[0],
    /^Account ID: changed on both sides: .* to 1112223, here to 9998887_SB2\./,
  );
  assert.ok(
    lines[1].includes(`to ${elsewhereClient}, here to ${mine}.`),
    lines[1],
  );
  assert.equal(
    await settings.getByLabel("Account ID").inputValue(),
    "9998887_SB2",
    "typed values survive the reload",
  );
  assert.equal(await settings.getByLabel("Client ID").inputValue(), mine);
  await screenshot(page, "12-fault-412");
  assert.deepEqual(await seriousAxeFindings(page), []);

  await settings.getByLabel(/^Move this integration to account /).check();
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings.getByText(/^Saved\./).waitFor();
  const stored = await api(backend, "GET", integrationUrl);
  assert.equal(stored.accountId, "9998887_SB2");
  assert.equal(stored.clientId, mine);

  await assertCleanPage(page, log, { allowedStatuses: [412] });
  await page.context().close();
});

test("backend stopped while saving a replacement (as pending, then its ID): the new certificate and key are kept, and retrying saves them", async () => {
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/org/demo");
  const oldId = (await api(backend, "GET", integrationUrl)).certificate
    .certificateId;
  await page
    .locator(".certificate-summary .details")
    .getByText(oldId)
    .waitFor();

  await page.getByRole("button", { name: "Update certificate" }).click();
  await page.getByLabel("Replace certificate").check();
  const replace = page.locator("#replace");
  // The backend is down when the new certificate is saved as pending: it and
  // its key stay in the page, the key can be saved, and a retry saves it.
  await backend.stop();
  await replace
    .getByRole("button", { name: "Generate new certificate" })
    .click();
  const notPending = replace
    .getByRole("alert")
    .getByText(
      /Generated, but not saved as pending: could not reach the server/,
    );
  await notPending.waitFor({ timeout: 60_000 });
  assert.match(
    await replace.getByRole("alert").innerText(),
    /kept in this page: you can still download the key/,
  );
  const fingerprint = await replace
    .locator(".generated .fingerprint")
    .innerText();

  // The unencrypted download needs an explicit confirmation.
  await replace.getByLabel("Not encrypted").check();
  await replace.getByRole("button", { name: "Download private key" }).click();
  await replace
    .getByText("Tick the box to confirm an unencrypted download")
    .waitFor();
  await replace
    .getByLabel("I understand: download the private key without encryption")
    .check();
  const key = await download(
    page,
    () => replace.getByRole("button", { name: "Download private key" }).click(),
    downloads,
  );
  assert.match(key.text, /^-----BEGIN PRIVATE KEY-----/);
  const certificateFile = await downloadCertificate(page, replace, downloads);
  const leaveAsks = () =>
    page.evaluate(() => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  assert.equal(await leaveAsks(), true, "not saved as pending: leaving asks");
  await backend.start();
  await replace.getByRole("button", { name: "Save as pending again" }).click();
  await replace.getByText(/^Saved as pending/).waitFor();
  assert.equal(await leaveAsks(), false, "saved as pending: a reload keeps it");
  assert.equal(
    (await api(backend, "GET", integrationUrl)).pendingCertificate
      .fingerprintSha256,
    fingerprint,
  );

  const newId = opensslCertificateId(certificateFile.text);
  await replace.getByRole("textbox", { name: "Certificate ID" }).fill(newId);
  await backend.stop();
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const alert = replace.getByRole("alert");
  await alert.getByText(/could not reach the server/).waitFor();
  assert.match(await alert.innerText(), /new certificate and key are kept/);
  assert.equal(
    await replace.getByRole("textbox", { name: "Certificate ID" }).inputValue(),
    newId,
  );
  assert.equal(
    await replace.locator(".generated .fingerprint").innerText(),
    fingerprint,
  );
  await screenshot(page, "13-fault-backend-stopped");

  // A second failure (a 500) keeps everything as well.
  await backend.start();
  const handler = (route) =>
    route.fulfill({
      status: 500,
      contentType: "application/json",
      body: '{"error":{"code":"internal_error","message":"Boom."}}',
    });
  const completion = `**${integrationUrl}/pending-certificate/completion`;
  await page.route(completion, handler);
  await alert.getByRole("button", { name: "Try again" }).click();
  const failed = replace.getByRole("alert");
  await failed.getByText(/the server had a problem\./).waitFor();
  assert.equal(await reservedCode(failed), "internal_error");
  await page.unroute(completion, handler);
  assert.equal(
    await replace.getByRole("textbox", { name: "Certificate ID" }).inputValue(),
    newId,
  );

  // The old certificate is still current on the server.
  assert.equal(
    (await api(backend, "GET", integrationUrl)).certificate.certificateId,
    oldId,
  );

  await replace
    .getByRole("alert")
    .getByRole("button", { name: "Try again" })
    .click();
  await page
    .locator("#certificate")
    .getByText(/New certificate saved/)
    .waitFor();
  const stored = await api(backend, "GET", integrationUrl);
  assert.equal(stored.certificate.certificateId, newId);
  assert.equal(stored.certificate.fingerprintSha256, fingerprint);
  assert.equal(
    stored.certificate.pem.replace(/\s+/g, ""),
    certificateFile.text.replace(/\s+/g, ""),
    "the saved certificate is the downloaded one",
  );

  await assertCleanPage(page, log, {
    allowedStatuses: [500],
    allowConnectionRefused: true,
  });
  await page.context().close();
});

test("browser storage failing: keeping the key says why, with a code, and nothing else breaks", async () => {
  const { page, log } = await openPage(browser);
  // This browser's storage is full: every IndexedDB open fails as Chromium's would.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function open() {
      throw new DOMException(
        "The quota has been exceeded.",
        "QuotaExceededError",
      );
    };
  });
  const replace = await openReplace(page, backend.url, "demo");
  await generate(replace);
  await replace
    .getByRole("button", { name: "Keep the key in this browser" })
    .click();
  const alert = replace.locator(".keep-key").getByRole("alert");
  await alert.waitFor();
  assert.match(
    await alert.innerText(),
    /Could not keep the key in this browser\. The browser's storage for this site is full\./,
  );
  assert.equal(await reservedCode(alert), "storage_full");
  await screenshot(page, "25-storage-full");

  // Test the credentials: the kept-key lookup fails the same way, said next to it.
  page.once("dialog", (dialog) => dialog.accept());
  await gotoApp(page, backend.url, "#/test/demo");
  await page
    .getByText(/Could not read the keys kept in this browser\. .*full/)
    .waitFor();
  assert.equal(await reservedCode(page.locator("#main")), "storage_full");
  assert.equal(await page.getByLabel("A private key file").isChecked(), true);
  await assertCleanPage(page, log);
  await page.context().close();
});
