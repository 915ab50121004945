// A pending certificate anyone can finish, in Chromium against the reference
// backend and the NetSuite simulator: made in one browser context, it survives a
// reload and is finished from another context (another person), live check
// included; it can be discarded; a reload mid-way keeps it; a pending certificate
// saved elsewhere while a page is open is shown on the next conflict, and making a
// new one says whose it discards.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  assertNoRequestCarries,
  gotoApp,
  nodeModule,
  openPage,
  pemBody,
  screenshot,
  seriousAxeFindings,
} from "./support.mjs";
import {
  downloadCertificate,
  downloadEncryptedKey,
  generate,
} from "./replace-steps.mjs";
import {
  createApplication,
  expectedCertificateId,
  liveCheck,
  newAccountId,
  privateKeyNeedles,
  netsuiteEnvironment,
  uploadInSimulator,
} from "./netsuite-steps.mjs";

const { browser, downloads, netsuite, backend } = await netsuiteEnvironment();
const PASSPHRASE = "correct horse battery staple";

const integrationPath = (orgId) =>
  `/api/organisations/${orgId}/integrations/netsuite`;

/**
 * A new organisation whose integration is an application in a new simulator
 * account, with a current certificate (made by the module in Node, uploaded to
 * the simulator, saved over HTTP).
 */
async function organisationWithCertificate(name) {
  const accountId = newAccountId();
  const clientId = await createApplication(netsuite.url, accountId);
  const { id: orgId } = await api(backend, "POST", "/api/organisations", {
    body: { name },
  });
  const created = await api(backend, "PUT", integrationPath(orgId), {
    body: { accountId, clientId },
  });
  const m2m = await nodeModule();
  const current = await m2m.generate({ validityDays: 365, accountId });
  const certificateId = expectedCertificateId(current.certificate.pem);
  await api(backend, "PUT", `${integrationPath(orgId)}/certificate`, {
    body: { certificateId, certificatePem: current.certificate.pem },
    version: created.version,
  });
  return { orgId, accountId, clientId, certificateId };
}

/** Opens Update certificate > Replace certificate on a page already at the organisation. */
async function openReplaceHere(page) {
  await page.getByRole("button", { name: "Update certificate" }).click();
  await page.getByLabel("Replace certificate").check();
  return page.locator("#replace");
}

async function openOrganisation(page, orgId, name) {
  await gotoApp(page, backend.url, `#/org/${orgId}`);
  await page
    .getByRole("heading", { level: 1, name: `NetSuite integration: ${name}` })
    .waitFor();
}

/**
 * Opens the organisation, generates a certificate (saved as pending at once) and
 * downloads its key; resolves to the replace panel and the key file.
 */
async function pendingMadeHere(page, orgId, name) {
  await openOrganisation(page, orgId, name);
  const replace = await openReplaceHere(page);
  await generate(replace);
  await replace.getByText(/Saved as pending/).waitFor();
  const key = await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  return { replace, key };
}

/** True when leaving (closing or reloading the tab) would ask first. */
const leaveAsks = (page) =>
  page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

const pendingSection = (page) =>
  page.locator("#certificate .pending-certificate");

test("made in one context, reloaded, finished from another context with the live check; the first sees it current", async () => {
  const name = "Handover Ltd";
  const {
    orgId,
    accountId,
    clientId,
    certificateId: oldId,
  } = await organisationWithCertificate(name);

  // Person A generates; the page saves it as pending at once.
  const a = await openPage(browser);
  await openOrganisation(a.page, orgId, name);
  const replace = await openReplaceHere(a.page);
  await generate(replace);
  await replace.getByText(/Saved as pending/).waitFor();
  const pendingStored = await api(backend, "GET", integrationPath(orgId));
  assert.ok(pendingStored.pendingCertificate, "the backend holds it");
  assert.equal(pendingStored.certificate.certificateId, oldId, "still current");
  // The key exists only in this page until it is downloaded: leaving asks.
  assert.equal(await leaveAsks(a.page), true);
  const key = await downloadEncryptedKey(
    a.page,
    replace,
    downloads,
    PASSPHRASE,
  );
  assert.equal(await leaveAsks(a.page), false, "a reload keeps the work");
  await replace
    .getByRole("button", { name: "Keep the key in this browser" })
    .click();
  await replace.getByText(/Kept in this browser/).waitFor();
  assert.match(
    await pendingSection(a.page).innerText(),
    /This page made it and holds its private key/,
  );

  // A reloads: the pending certificate is on the card, the old one current.
  await a.page.reload();
  await a.page.waitForSelector("html[data-ready='true']");
  const sectionA = pendingSection(a.page);
  await sectionA.waitFor();
  const expectedId = pendingStored.pendingCertificate.expectedCertificateId;
  const textA = await sectionA.innerText();
  assert.ok(textA.includes(expectedId), "the expected Certificate ID");
  assert.match(textA, /Made by/);
  assert.match(textA, /Valid until/);
  assert.match(textA, /EC P-256/);
  assert.ok(
    (await a.page.locator("#certificate .details").last().innerText()).includes(
      oldId,
    ),
    "the old certificate is still shown as current",
  );
  // The key kept in this browser is the pending certificate's.
  await a.page
    .locator("#certificate .kept-key")
    .getByText(/belongs to the pending certificate/)
    .waitFor();
  await screenshot(a.page, "60-pending-after-reload");

  // Person B, another context (no key kept there, nothing typed): finishes it.
  const b = await openPage(browser);
  await openOrganisation(b.page, orgId, name);
  const section = pendingSection(b.page);
  await section.waitFor();
  const certificate = await downloadCertificate(b.page, section, downloads);
  assert.equal(
    pemBody(certificate.text),
    pemBody(pendingStored.pendingCertificate.pem),
  );
  assert.match(
    await section.locator(".netsuite-steps").innerText(),
    /Create New/,
  );
  const newId = await uploadInSimulator(b.context, netsuite.url, {
    accountId,
    clientId,
    certificateFile: certificate.path,
  });
  assert.equal(newId, expectedId);
  await section.getByRole("textbox", { name: "Certificate ID" }).fill(newId);
  await section
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(key.path);
  await section
    .getByLabel("Passphrase (if the key file is encrypted)")
    .fill(PASSPHRASE);
  const said = await liveCheck(section);
  assert.match(said, /NetSuite issued a token/);
  await screenshot(b.page, "61-pending-finished-elsewhere-checked");
  assert.deepEqual(await seriousAxeFindings(b.page), []);
  await section
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const saved = b.page
    .locator("#certificate")
    .getByText(/New certificate saved/);
  await saved.waitFor();
  assert.match(await saved.innerText(), /NetSuite issued a token for it\./);
  await pendingSection(b.page).waitFor({ state: "detached" });

  // A reloads: the new certificate is current, nothing pending.
  await a.page.reload();
  await a.page.waitForSelector("html[data-ready='true']");
  await a.page.locator("#certificate .details").getByText(newId).waitFor();
  assert.equal(await pendingSection(a.page).count(), 0);
  await a.page
    .locator("#certificate .kept-key")
    .getByText(/belongs to the current certificate/)
    .waitFor();
  const stored = await api(backend, "GET", integrationPath(orgId));
  assert.equal(stored.certificate.certificateId, newId);
  assert.equal(stored.pendingCertificate, null);
  const history = await a.page.locator("#history-table").innerText();
  assert.match(history, /New certificate made, waiting for its ID/);
  assert.match(history, /New certificate's ID saved/);

  for (const { page, log } of [a, b]) {
    assertNoRequestCarries(
      log.requests,
      privateKeyNeedles({ encryptedPem: key.text, passphrase: PASSPHRASE }),
    );
    await assertCleanPage(page, log);
  }
  await a.context.close();
  await b.context.close();
});

test("discarding a pending certificate: asked first, the current one unchanged, the history says discarded", async () => {
  const name = "Discard Co";
  const { orgId, certificateId: oldId } =
    await organisationWithCertificate(name);
  const { page, context, log } = await openPage(browser);
  await pendingMadeHere(page, orgId, name);
  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  const section = pendingSection(page);
  await section.waitFor();
  await screenshot(page, "62-pending-card");

  // Cancelling the question keeps it.
  const discard = section.getByRole("button", {
    name: "Discard the pending certificate",
  });
  let asked = page.waitForEvent("dialog");
  const cancelled = discard.click();
  let dialog = await asked;
  assert.match(dialog.message(), /private key made for it becomes useless/);
  assert.match(dialog.message(), /remove that row/);
  await dialog.dismiss();
  await cancelled;
  assert.ok(
    (await api(backend, "GET", integrationPath(orgId))).pendingCertificate,
    "still pending after cancelling",
  );

  asked = page.waitForEvent("dialog");
  const accepted = discard.click();
  dialog = await asked;
  await dialog.accept();
  await accepted;
  await page
    .locator("#certificate")
    .getByText(/was discarded/)
    .waitFor();
  await pendingSection(page).waitFor({ state: "detached" });
  const stored = await api(backend, "GET", integrationPath(orgId));
  assert.equal(stored.pendingCertificate, null);
  assert.equal(stored.certificate.certificateId, oldId);
  await page
    .locator("#history-table")
    .getByText("New certificate discarded")
    .waitFor();
  await screenshot(page, "63-pending-discarded");
  await assertCleanPage(page, log);
  await context.close();
});

test("a reload mid-way keeps the pending certificate; one saved elsewhere meanwhile shows on the conflict, and replacing it names whose it was", async () => {
  const name = "Two Tabs Ltd";
  const { orgId } = await organisationWithCertificate(name);
  const { page, context, log } = await openPage(browser);
  let { replace } = await pendingMadeHere(page, orgId, name);
  const first = (await api(backend, "GET", integrationPath(orgId)))
    .pendingCertificate;

  // Mid-way: reload. Nothing asks, the same pending certificate is there.
  assert.equal(await leaveAsks(page), false);
  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  const section = pendingSection(page);
  await section.waitFor();
  assert.ok((await section.innerText()).includes(first.expectedCertificateId));

  // Another tab saves a pending certificate of its own while this page is open.
  const m2m = await nodeModule();
  const stored = await api(backend, "GET", integrationPath(orgId));
  const other = await m2m.generate({
    validityDays: 100,
    accountId: stored.accountId,
  });
  await api(backend, "PUT", `${integrationPath(orgId)}/pending-certificate`, {
    body: { certificatePem: other.certificate.pem },
    version: stored.version,
  });

  // This page generates anyway: it asks before discarding the one it shows…
  replace = await openReplaceHere(page);
  let asked = page.waitForEvent("dialog");
  const clicked = replace
    .getByRole("button", { name: "Generate new certificate" })
    .click();
  let dialog = await asked;
  assert.match(dialog.message(), /discards the pending certificate made by/);
  assert.ok(dialog.message().includes(first.expectedCertificateId));
  await dialog.accept();
  await clicked;
  // …and the save as pending meets the conflict: nothing generated is lost.
  await replace
    .getByText(
      /Generated, but not saved as pending: the integration was changed elsewhere/,
    )
    .waitFor({ timeout: 120_000 });
  assert.equal(await leaveAsks(page), true, "unsaved: only in this page");
  assert.equal(
    await replace
      .getByRole("button", { name: "Download private key" })
      .isEnabled(),
    true,
    "the key can still be saved",
  );
  await screenshot(page, "64-pending-save-conflict");

  // Loading the latest version shows the other tab's pending certificate, and
  // saving this one over it names it first.
  asked = page.waitForEvent("dialog");
  const retried = replace
    .getByRole("button", {
      name: "Load the latest version and save as pending again",
    })
    .click();
  dialog = await asked;
  assert.ok(
    dialog.message().includes(expectedCertificateId(other.certificate.pem)),
    dialog.message(),
  );
  await dialog.accept();
  await retried;
  await replace.getByText(/Saved as pending/).waitFor();
  const latest = await api(backend, "GET", integrationPath(orgId));
  const mine = await replace.locator("[data-expected-id]").first().innerText();
  assert.equal(latest.pendingCertificate.expectedCertificateId, mine);

  // The other tab discards it; this page's discard then meets the conflict, and
  // the latest version, loaded, has no pending certificate: the card says so.
  await api(
    backend,
    "DELETE",
    `${integrationPath(orgId)}/pending-certificate`,
    {
      version: latest.version,
    },
  );
  asked = page.waitForEvent("dialog");
  const discarding = pendingSection(page)
    .getByRole("button", { name: "Discard the pending certificate" })
    .click();
  await (await asked).accept();
  await discarding;
  // The latest version is loaded at once, and the card says what changed elsewhere.
  const report = page.locator("#certificate .message--warning", {
    hasText: "saved elsewhere",
  });
  await report.waitFor();
  assert.match(await report.innerText(), /discarded/i);
  await pendingSection(page).waitFor({ state: "detached" });
  assert.equal(await leaveAsks(page), true, "the page alone holds it now");
  await assertCleanPage(page, log, { allowedStatuses: [412] });
  await context.close();
});
