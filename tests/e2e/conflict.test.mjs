// Two tabs on one integration: a version conflict loads the latest version, shows
// field by field what the other save changed and what this tab changed, keeps this
// tab's edits and takes the rest from the latest, so both changes end up stored.
// Also: the Account ID as stored, a NetSuite address read, and a change of account
// of an integration with a certificate explained and confirmed.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  nodeModule,
  openPage,
  opensslCertificateId,
  randomClientId,
  screenshot,
  seedIntegration,
  seriousAxeFindings,
} from "./support.mjs";

const { backend, browser } = await e2eEnvironment();

/** A new organisation with an integration and a certificate; its API path. */
async function seededOrganisation(name) {
  const { id } = await api(backend, "POST", "/api/organisations", {
    body: { name },
  });
  const seeded = await seedIntegration(backend, id);
  return { id, seeded, path: `/api/organisations/${id}/integrations/netsuite` };
}

/** A tab on the organisation's page, once the Settings card shows the stored IDs. */
async function openTab(orgId) {
  const opened = await openPage(browser);
  await gotoApp(opened.page, backend.url, `#/org/${orgId}`);
  await opened.page.waitForFunction(
    () => document.querySelector("input[name=accountId]")?.value,
  );
  opened.settings = opened.page.locator("#settings");
  return opened;
}

async function save(settings) {
  await settings.getByRole("button", { name: "Save changes" }).click();
}

async function confirmAccountChange(settings) {
  await settings.getByLabel(/^Move this integration to account /).check();
}

test("two tabs edit different fields: B sees field by field what A changed, and both changes are stored", async () => {
  const { id, seeded, path } = await seededOrganisation("Two Tabs Ltd");
  const a = await openTab(id);
  const b = await openTab(id);

  const aClient = randomClientId();
  await a.settings.getByLabel("Client ID").fill(aClient);
  await save(a.settings);
  await a.settings.getByText(/^Saved\./).waitFor();

  const bAccount = "7654321_SB3";
  await b.settings.getByLabel("Account ID").fill(bAccount);
  await confirmAccountChange(b.settings);
  await save(b.settings);
  const report = b.settings.locator(".conflict-changes");
  await report.waitFor();
  const lines = await report.locator("li").allInnerTexts();
  assert.deepEqual(lines, [
    `Account ID: your change from ${seeded.accountId} to ${bAccount} is kept.`,
    `Client ID: changed elsewhere from ${seeded.clientId} to ${aClient}; the form now shows it.`,
  ]);
  assert.match(
    await b.settings.locator(".status-area").innerText(),
    /Not saved: this integration was saved elsewhere/,
  );
  assert.equal(
    await b.settings.getByLabel("Account ID").inputValue(),
    bAccount,
  );
  assert.equal(
    await b.settings.getByLabel("Client ID").inputValue(),
    aClient,
    "the field B never touched takes A's value",
  );
  await screenshot(b.page, "conflict-01-different-fields");
  assert.deepEqual(await seriousAxeFindings(b.page), []);

  await save(b.settings);
  await b.settings.getByText(/^Saved\./).waitFor();
  const stored = await api(backend, "GET", path);
  assert.equal(stored.accountId, bAccount, "B's change is stored");
  assert.equal(stored.clientId, aClient, "A's change is not undone");

  await assertCleanPage(a.page, a.log);
  await assertCleanPage(b.page, b.log, { allowedStatuses: [412] });
  await a.context.close();
  await b.context.close();
});

test("both tabs change the same field: said so, this tab's value kept and marked until decided", async () => {
  const { id, seeded, path } = await seededOrganisation("Same Field Ltd");
  const a = await openTab(id);
  const b = await openTab(id);

  await a.settings.getByLabel("Account ID").fill("1111111");
  await confirmAccountChange(a.settings);
  await save(a.settings);
  await a.settings.getByText(/^Saved\./).waitFor();

  await b.settings.getByLabel("Account ID").fill("2222222");
  await confirmAccountChange(b.settings);
  await save(b.settings);
  const report = b.settings.locator(".conflict-changes");
  await report.waitFor();
  assert.deepEqual(await report.locator("li").allInnerTexts(), [
    `Account ID: changed on both sides: elsewhere from ${seeded.accountId} to 1111111, here to 2222222. Yours is kept in the field, marked: decide which is right before saving.`,
  ]);
  const field = b.settings.locator(".field:has(input[name=accountId])");
  assert.match(await field.getAttribute("class"), /field--conflict/);
  assert.match(
    await field.locator(".field__message").innerText(),
    /Changed elsewhere to 1111111 while you changed it here/,
  );
  assert.equal(
    await b.settings.getByLabel("Account ID").inputValue(),
    "2222222",
  );
  await screenshot(b.page, "conflict-02-same-field");
  assert.deepEqual(await seriousAxeFindings(b.page), []);

  // B keeps its value: the stored account is now 1111111, so the change is confirmed again.
  await confirmAccountChange(b.settings);
  await save(b.settings);
  await b.settings.getByText(/^Saved\./).waitFor();
  const stored = await api(backend, "GET", path);
  assert.equal(stored.accountId, "2222222");
  assert.equal(stored.clientId, seeded.clientId);

  await assertCleanPage(b.page, b.log, { allowedStatuses: [412] });
  await a.context.close();
  await b.context.close();
});

test("a pending certificate made elsewhere while the tab is open is shown after the conflict", async () => {
  const { id, seeded, path } = await seededOrganisation(
    "Pending Elsewhere Ltd",
  );
  const b = await openTab(id);

  const m2m = await nodeModule();
  const generated = await m2m.generate({
    keyType: "ec-p256",
    validityDays: 365,
    accountId: seeded.accountId,
  });
  const current = await api(backend, "GET", path);
  await api(backend, "PUT", `${path}/pending-certificate`, {
    body: { certificatePem: generated.certificate.pem },
    version: current.version,
  });
  const expected = opensslCertificateId(generated.certificate.pem);

  const bClient = randomClientId();
  await b.settings.getByLabel("Client ID").fill(bClient);
  await save(b.settings);
  const report = b.settings.locator(".conflict-changes");
  await report.waitFor();
  const lines = await report.locator("li").allInnerTexts();
  assert.equal(lines.length, 2, lines.join("\n"));
  assert.equal(
    lines[0],
    `Client ID: your change from ${seeded.clientId} to ${bClient} is kept.`,
  );
  assert.match(
    lines[1],
    /^Pending certificate: made elsewhere by the local user on /,
  );
  assert.ok(
    lines[1].includes(`expected Certificate ID ${expected}.`),
    lines[1],
  );
  await screenshot(b.page, "conflict-03-pending-elsewhere");

  await save(b.settings);
  await b.settings.getByText(/^Saved\./).waitFor();
  const stored = await api(backend, "GET", path);
  assert.equal(stored.clientId, bClient);
  assert.equal(
    stored.pendingCertificate?.expectedCertificateId,
    expected,
    "the pending certificate made elsewhere is still there",
  );
  await assertCleanPage(b.page, b.log, { allowedStatuses: [412] });
  await b.context.close();
});

test("Account ID: a NetSuite address is read, a change of account explained and confirmed, the stored form shown", async () => {
  const { id, seeded, path } = await seededOrganisation("Address Paste Ltd");
  const { page, log, context, settings } = await openTab(id);
  const accountId = settings.getByLabel("Account ID");
  const message = settings.locator(
    ".field:has(input[name=accountId]) .field__message",
  );

  await accountId.fill(
    "https://1234567-sb1.app.netsuite.com/app/center/card.nl",
  );
  await settings
    .getByText("Read 1234567_SB1 from the NetSuite address.")
    .waitFor();
  assert.equal(await accountId.getAttribute("aria-invalid"), null);

  // The certificate belongs to the stored account: the page says what moving means.
  const note = settings.locator("#account-change");
  await note.waitFor();
  const noteText = await note.innerText();
  assert.match(
    noteText,
    new RegExp(
      `A certificate and its Certificate ID belong to one NetSuite account: this integration's certificate \\(Certificate ID ${seeded.certificateId}\\) is uploaded in account ${seeded.accountId}, not in 1234567_SB1\\.`,
    ),
  );
  assert.match(noteText, /upload the certificate on .* in account 1234567_SB1/);
  assert.match(noteText, /or replace the certificate/);
  assert.doesNotMatch(noteText, /NetSuite needs no change/);
  await screenshot(page, "conflict-04-account-from-address");
  assert.deepEqual(await seriousAxeFindings(page), []);

  // Not confirmed: nothing is sent.
  const puts = [];
  page.on("request", (r) => r.method() === "PUT" && puts.push(r.url()));
  await save(settings);
  await settings
    .getByRole("alert")
    .getByText(/confirm the change to 1234567_SB1/)
    .waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.type),
    "checkbox",
  );
  assert.deepEqual(puts, []);

  await confirmAccountChange(settings);
  await save(settings);
  const saved = settings.getByText(/^Saved\./);
  await saved.waitFor();
  const text = await saved.innerText();
  assert.match(text, /The Account ID is stored as 1234567_SB1\./);
  assert.match(text, /Upload the certificate in account 1234567_SB1/);
  assert.doesNotMatch(text, /NetSuite needs no change/);
  assert.equal(await accountId.inputValue(), "1234567_SB1", "shown as stored");
  assert.equal(await message.innerText(), "");
  assert.ok(await note.isHidden(), "the note goes once the change is saved");
  assert.equal((await api(backend, "GET", path)).accountId, "1234567_SB1");

  // The host form typed: saved and shown as NetSuite's ID; no certificate question
  // for the same account.
  await accountId.fill("1234567-sb1");
  assert.ok(await note.isHidden());
  await save(settings);
  await settings.getByText(/^Saved\./).waitFor();
  assert.equal(await accountId.inputValue(), "1234567_SB1");

  // An address that is not NetSuite's is refused by the module's rule.
  await accountId.fill("https://1234567.evil.com/app");
  assert.equal(await accountId.getAttribute("aria-invalid"), "true");
  assert.match(await message.innerText(), /not a NetSuite address/);

  await assertCleanPage(page, log);
  await context.close();
});
