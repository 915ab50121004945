// Editing Account ID and Client ID, and the update-ID flow: invalid values are
// refused inline as the user types, and nothing typed is lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  openPage,
  gotoApp,
  seedIntegration,
  api,
  opensslCertificateId,
  randomCertificateId,
  randomClientId,
  unexpectedConsoleErrors,
  cspViolations,
  seriousAxeFindings,
  screenshot,
  e2eEnvironment,
} from "./support.mjs";

const { backend, browser } = await e2eEnvironment();

test("Account ID and Client ID: refused inline while typing, kept, then saved", async () => {
  const seeded = await seedIntegration(backend, "demo");
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/org/demo");
  const settings = page.locator("#settings");
  const accountId = settings.getByLabel("Account ID");
  const clientId = settings.getByLabel("Client ID");
  await page.waitForFunction(
    () => document.querySelector("input[name=accountId]")?.value,
  );
  assert.equal(await accountId.inputValue(), seeded.accountId);
  assert.equal(await clientId.inputValue(), seeded.clientId);

  // Typing an invalid Account ID shows the module's message next to the field.
  await accountId.fill("");
  await accountId.pressSequentially("12 34/evil.com");
  assert.equal(await accountId.getAttribute("aria-invalid"), "true");
  const accountMessage = settings.locator(
    ".field:has(input[name=accountId]) .field__message",
  );
  assert.ok(
    (await accountMessage.innerText()).length > 10,
    "an inline message explains the error",
  );
  const describedBy = await accountId.getAttribute("aria-describedby");
  assert.ok(
    describedBy.includes(await accountMessage.getAttribute("id")),
    "the message is tied to the field",
  );

  await clientId.fill("xyz");
  assert.equal(await clientId.getAttribute("aria-invalid"), "true");
  await screenshot(page, "07-edit-invalid-values");
  assert.deepEqual(await seriousAxeFindings(page), []);

  // Saving is refused, focus goes to the first bad field, and the values stay as typed.
  const saves = [];
  page.on("request", (r) => r.method() === "PUT" && saves.push(r.url()));
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings
    .getByText("Not saved: correct the highlighted fields.")
    .waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.name),
    "accountId",
  );
  assert.equal(await accountId.inputValue(), "12 34/evil.com");
  assert.equal(await clientId.inputValue(), "xyz");
  assert.deepEqual(saves, [], "nothing invalid was sent");

  // Correct values are accepted as typed (the module normalises them) and saved.
  const newAccount = "TSTDRV1431250";
  const newClient = randomClientId().toUpperCase();
  const banner = settings.getByText(
    "Not saved: correct the highlighted fields.",
  );
  await accountId.fill(newAccount);
  assert.equal(await accountId.getAttribute("aria-invalid"), null);
  assert.ok(await banner.isVisible(), "one field is still highlighted");
  await clientId.fill(newClient);
  assert.equal(await clientId.getAttribute("aria-invalid"), null);
  await banner.waitFor({ state: "detached" }); // all corrected: the error goes
  // The integration has a certificate: moving it to another account is confirmed.
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings
    .getByRole("alert")
    .getByText(/confirm the change to TSTDRV1431250/)
    .waitFor();
  await settings.getByLabel(/^Move this integration to account /).check();
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings.getByText(/^Saved\./).waitFor();

  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  await page.waitForFunction(
    (v) => document.querySelector("input[name=accountId]")?.value === v,
    newAccount,
  );
  assert.equal(await clientId.inputValue(), newClient.toLowerCase());
  const stored = await api(
    backend,
    "GET",
    "/api/organisations/demo/integrations/netsuite",
  );
  assert.equal(stored.accountId, newAccount);
  assert.equal(stored.clientId, newClient.toLowerCase());

  assert.deepEqual(unexpectedConsoleErrors(log), []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});

test("update current certificate: only the Certificate ID changes", async () => {
  const before_ = await api(
    backend,
    "GET",
    "/api/organisations/demo/integrations/netsuite",
  );
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/org/demo");
  await page
    .locator("#certificate .details")
    .getByText(before_.certificate.certificateId)
    .waitFor();

  // Keyboard only: Tab to "Update certificate", open it, choose the option.
  const toggle = page.getByRole("button", { name: "Update certificate" });
  await toggle.focus();
  await page.keyboard.press("Enter");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  await page.getByLabel("Update current certificate").focus();
  await page.keyboard.press("Space");
  const panel = page.locator("#update-id");
  await panel.waitFor();
  const field = panel.getByLabel("Certificate ID");
  assert.equal(await field.inputValue(), before_.certificate.certificateId);

  await field.fill("has spaces and !");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  await panel.getByRole("button", { name: "Save Certificate ID" }).click();
  assert.equal(await field.inputValue(), "has spaces and !");

  // A short ID is only a warning (NetSuite's are usually 43 characters).
  await field.fill("abc123");
  assert.equal(await field.getAttribute("aria-invalid"), null);

  // An ID other than the one NetSuite should list for this certificate (OpenSSL's)
  // is saved only after an explicit confirmation that names both.
  const expectedId = opensslCertificateId(before_.certificate.pem);
  assert.equal(before_.certificate.certificateId, expectedId);
  const newId = randomCertificateId();
  await field.fill(newId);
  await panel.getByRole("button", { name: "Save Certificate ID" }).click();
  const warning = panel.getByRole("group", {
    name: "Not the ID NetSuite should list",
  });
  await warning.waitFor();
  const warned = await warning.innerText();
  assert.ok(warned.includes(newId) && warned.includes(expectedId), warned);
  assert.match(warned, /typo, or the ID of another row/);
  await panel.getByText(/tick the box to save it anyway/).waitFor();
  assert.equal(
    (await api(backend, "GET", "/api/organisations/demo/integrations/netsuite"))
      .certificate.certificateId,
    before_.certificate.certificateId,
    "nothing saved before the confirmation",
  );
  await screenshot(page, "08-update-certificate-id");
  assert.deepEqual(await seriousAxeFindings(page), []);
  await warning
    .getByRole("checkbox", { name: /NetSuite really lists/ })
    .check();
  await panel.getByRole("button", { name: "Save Certificate ID" }).click();
  await panel
    .getByText(/Saved\. The current certificate's ID is now/)
    .waitFor();
  await page
    .locator(".certificate-summary .details")
    .getByText(newId)
    .waitFor();

  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  await page
    .locator(".certificate-summary .details")
    .getByText(newId)
    .waitFor();
  const history = await page.locator("#history-table").innerText();
  assert.match(history, /Certificate ID changed/);
  assert.ok(history.includes(before_.certificate.certificateId));
  const after_ = await api(
    backend,
    "GET",
    "/api/organisations/demo/integrations/netsuite",
  );
  assert.equal(after_.certificate.certificateId, newId);
  assert.equal(
    after_.certificate.fingerprintSha256,
    before_.certificate.fingerprintSha256,
    "same certificate",
  );

  assert.deepEqual(unexpectedConsoleErrors(log), []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});

test("a new organisation: created from the overview, its integration created without If-Match, revocation recorded", async () => {
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/");
  await page.getByLabel("Organisation name").fill("Acme Retail");
  await page.getByRole("button", { name: "Add organisation" }).click();
  await page
    .getByRole("link", { name: "Set up Acme Retail's integration" })
    .click();
  await page
    .getByRole("heading", {
      level: 1,
      name: "NetSuite integration: Acme Retail",
    })
    .waitFor();
  await page
    .getByText("This organisation has no NetSuite integration yet")
    .waitFor();
  await screenshot(page, "09-new-organisation");
  assert.deepEqual(await seriousAxeFindings(page), []);

  await page.getByLabel("Account ID").fill("7654321");
  await page.getByLabel("Client ID").fill(randomClientId());
  await page.getByRole("button", { name: "Save changes" }).click();
  await page
    .locator("#settings")
    .getByText(/^Saved\./)
    .waitFor();
  await page.getByRole("button", { name: "Add a certificate" }).waitFor();

  // Seed a certificate over HTTP, then record its revocation in the page.
  const orgs = await api(backend, "GET", "/api/organisations");
  const acme = orgs.organisations.find((o) => o.name === "Acme Retail");
  const integration = await api(
    backend,
    "GET",
    `/api/organisations/${acme.id}/integrations/netsuite`,
  );
  const { nodeModule } = await import("./support.mjs");
  const m2m = await nodeModule();
  const generated = await m2m.generate({
    keyType: "ec-p256",
    validityDays: 30,
  });
  const certificateId = opensslCertificateId(generated.certificate.pem);
  await api(
    backend,
    "PUT",
    `/api/organisations/${acme.id}/integrations/netsuite/certificate`,
    {
      body: { certificateId, certificatePem: generated.certificate.pem },
      version: integration.version,
    },
  );
  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  const summary = page.locator(".certificate-summary");
  await summary.locator(".details").getByText(certificateId).waitFor();
  const expiring = m2m.rules().statuses.find((s) => s.id === "expiring");
  assert.ok((await summary.innerText()).includes(expiring.label));
  assert.match(await summary.innerText(), /NetSuite has started emailing/);

  await summary
    .getByText("Record that the current certificate was revoked in NetSuite")
    .click();
  assert.match(await summary.innerText(), /Revoking is irreversible/);
  await summary.getByRole("button", { name: "Record revocation" }).click();
  await summary.getByText("Tick the box to confirm").waitFor();
  await summary.getByLabel(/I revoked certificate/).check();
  await summary.getByRole("button", { name: "Record revocation" }).click();
  await page.getByText(/Revocation recorded/).waitFor();
  assert.match(await summary.innerText(), /Revoked/);
  await screenshot(page, "10-revoked");

  // The overview puts the expiring certificate first.
  await page.getByRole("link", { name: "Organisations", exact: true }).click();
  await page.locator("#organisations").waitFor();
  await screenshot(page, "10b-overview-sorted");
  const first = await page
    .locator("#organisations tbody tr")
    .first()
    .innerText();
  assert.match(first, /Acme Retail/);

  assert.deepEqual(unexpectedConsoleErrors(log), []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});
