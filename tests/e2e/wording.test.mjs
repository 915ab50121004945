// Wording that fits the situation (issue 17 item 2): a first certificate is never
// worded as a replacement; after a replacement the revoke control offered is the
// previous certificate's, by its ID; an expired certificate's note names the button
// the card shows; the same ID again says nothing changed; the Account ID changed
// since the certificate was saved is said; and no two visible buttons of the
// organisation page share a name during a replacement.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  openPage,
  randomClientId,
  screenshot,
  seedIntegration,
  seriousAxeFindings,
} from "./support.mjs";
import {
  downloadCertificate,
  downloadEncryptedKey,
  generate,
  openReplace,
  saveNewCertificate,
} from "./replace-steps.mjs";

const PASSPHRASE = "correct horse battery staple";
const DAY_MS = 24 * 60 * 60 * 1000;
// Words that only make sense when a certificate is being replaced.
const REPLACEMENT_WORDS = [/\bold\b/i, /\bvoid\b/i, /current mapping/i];

const { backend, browser, downloads } = await e2eEnvironment();

const integrationPath = (orgId) =>
  `/api/organisations/${orgId}/integrations/netsuite`;

async function organisation(name) {
  return api(backend, "POST", "/api/organisations", { body: { name } });
}

/** An organisation with an Account ID and Client ID but no certificate yet. */
async function organisationWithoutCertificate(name) {
  const { id } = await organisation(name);
  await api(backend, "PUT", integrationPath(id), {
    body: { accountId: "7654321_SB1", clientId: randomClientId() },
  });
  return id;
}

function assertNoReplacementWords(text, when) {
  for (const words of REPLACEMENT_WORDS)
    assert.doesNotMatch(text, words, `${when}: ${text}`);
}

/** The accessible names of the buttons shown on the page (hidden ones are not in the tree). */
async function visibleButtonNames(page) {
  const tree = await page.locator("main").ariaSnapshot();
  return [...tree.matchAll(/- button "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

const duplicates = (names) =>
  names.filter((name, i) => names.indexOf(name) !== i);

test("a first certificate: no 'old', 'void' or 'current mapping' in the card or its messages, and nothing to revoke after saving", async () => {
  const orgId = await organisationWithoutCertificate("First Cert Ltd");
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, `#/org/${orgId}`);
  const card = page.locator("#certificate");
  await card.getByRole("button", { name: "Add a certificate" }).click();
  const replace = page.locator("#replace");
  // Nothing to choose between: the steps open at once, headed as an addition.
  await replace.getByRole("heading", { name: "Add a certificate" }).waitFor();
  assert.equal(await page.getByLabel("Update current certificate").count(), 0);
  assertNoReplacementWords(await card.innerText(), "opened");

  await generate(replace);
  assertNoReplacementWords(await card.innerText(), "generated");
  await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  assertNoReplacementWords(await card.innerText(), "key downloaded");
  assert.match(
    await replace.locator(".netsuite-steps").innerText(),
    /the ones the application signs in as/,
  );

  const { certificateId } = await saveNewCertificate(page, replace, downloads);
  const message = card.getByRole("status").filter({ hasText: certificateId });
  const said = await message.innerText();
  assertNoReplacementWords(said, "saved");
  assert.doesNotMatch(said, /revoke/i, "nothing to revoke after a first one");
  assert.equal(
    await message.getByRole("button", { name: /in the history/ }).count(),
    0,
  );
  assertNoReplacementWords(await card.innerText(), "after saving");
  // No previous certificate, so the history lists none.
  await page.locator("#history-table").waitFor();
  assert.equal(await page.locator("#previous-certificates").count(), 0);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("after a replacement the revoke control offered is the previous certificate's, and recording it marks that one revoked", async () => {
  const { id: orgId } = await organisation("Rotated Ltd");
  const previous = await seedIntegration(backend, orgId);
  const { page, log } = await openPage(browser);
  const replace = await openReplace(page, backend.url, orgId);
  const warning = await replace
    .locator(".message--warning")
    .filter({ hasText: "This makes a new certificate" })
    .innerText();
  assert.ok(warning.includes(previous.certificateId), warning);

  await generate(replace);
  await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  await downloadCertificate(page, replace, downloads);
  // During a replacement no two buttons of the page read the same.
  const names = await visibleButtonNames(page);
  assert.ok(names.includes("Download the new certificate (.pem)"), names);
  assert.ok(names.includes("Download the current certificate (.pem)"), names);
  assert.ok(names.includes("Save the new Certificate ID"), names);
  assert.ok(names.includes("Save changes"), names);
  assert.deepEqual(duplicates(names), [], names.join(" | "));

  const { certificateId: currentId } = await saveNewCertificate(
    page,
    replace,
    downloads,
  );
  const card = page.locator("#certificate");
  const message = card.getByRole("status").filter({ hasText: currentId });
  const said = await message.innerText();
  assert.match(
    said,
    new RegExp(
      `revoke the previous certificate, ${previous.certificateId}, in NetSuite`,
    ),
  );
  // The message points at the previous certificate's row, not at the current one's control.
  await message
    .getByRole("button", {
      name: `Go to certificate ${previous.certificateId} in the history`,
    })
    .click();
  const row = page.locator(
    `#previous-certificates tr[data-certificate-id="${previous.certificateId}"]`,
  );
  await page.waitForFunction(
    (id) => document.activeElement?.dataset?.certificateId === id,
    previous.certificateId,
  );
  const history = page.locator("#history");
  // Key types are shown by their label; the recommendation is only for choosing one.
  for (const shown of [card.locator(".certificate-summary .details"), history])
    assert.doesNotMatch(await shown.innerText(), /recommended/);
  // When the certificate starts to be valid is not when it was made.
  const details = await card
    .locator(".certificate-summary .details")
    .innerText();
  assert.match(details, /Valid from/);
  assert.match(details, /Saved/);
  assert.doesNotMatch(details, /Created/);
  await screenshot(page, "wording-01-history-previous-certificate");
  await history.screenshot({
    path: "test-results/screenshots/wording-01b-history-card.png",
  });
  assert.deepEqual(await seriousAxeFindings(page), []);

  // The current certificate's control stays on the card and names the current one.
  await card
    .getByText("Record that the current certificate was revoked in NetSuite")
    .waitFor();
  assert.equal(
    await card
      .getByLabel(`I revoked certificate ${currentId} in NetSuite`)
      .count(),
    1,
  );

  // Record the previous one's revocation from its row.
  await row
    .getByLabel(`I revoked certificate ${previous.certificateId} in NetSuite`)
    .check();
  await row
    .getByRole("button", {
      name: `Record revocation of certificate ${previous.certificateId}`,
    })
    .click();
  await history
    .getByText(
      `Revocation recorded: certificate ${previous.certificateId} is marked revoked`,
    )
    .waitFor();
  await history
    .locator(
      `#previous-certificates tr[data-certificate-id="${previous.certificateId}"]`,
    )
    .getByText("Revoked")
    .waitFor();
  await history.screenshot({
    path: "test-results/screenshots/wording-02-history-previous-revoked.png",
  });

  const { certificates } = await api(
    backend,
    "GET",
    `${integrationPath(orgId)}/certificates`,
  );
  const byId = Object.fromEntries(
    certificates.map((c) => [c.certificateId, c]),
  );
  assert.equal(byId[previous.certificateId].revoked, true);
  assert.equal(byId[previous.certificateId].current, false);
  assert.equal(byId[currentId].revoked, false);
  assert.equal(byId[currentId].current, true);
  const integration = await api(backend, "GET", integrationPath(orgId));
  assert.equal(integration.certificate.certificateId, currentId);
  assert.equal(integration.certificate.status, "active");
  await assertCleanPage(page, log);
  await page.context().close();
});

test("an expired certificate: its note and its button use the same words, and updating its ID is not offered", async () => {
  const { id: orgId } = await organisation("Expired Ltd");
  const seeded = await seedIntegration(backend, orgId, { validityDays: 1 });
  const { page, log } = await openPage(browser);
  await page.clock.setFixedTime(Date.now() + 3 * DAY_MS);
  await gotoApp(page, backend.url, `#/org/${orgId}`);
  const card = page.locator("#certificate");
  await card
    .locator(".certificate-summary .details")
    .getByText(seeded.certificateId)
    .waitFor();
  const note = await card.locator(".message--error").innerText();
  assert.match(note, /has expired/);
  const [, named] = /Replace it: choose ([^.,]+)\./.exec(note) ?? [];
  assert.ok(named, note);
  const toggle = card.getByRole("button", { name: named, exact: true });
  assert.equal(await toggle.count(), 1, `a button named "${named}"`);
  assert.equal(
    await card.getByRole("button", { name: "Update certificate" }).count(),
    0,
  );
  await toggle.click();
  assert.equal(await page.getByLabel("Replace certificate").isChecked(), true);
  assert.equal(
    await page.getByLabel("Update current certificate").isDisabled(),
    true,
  );
  await page.locator("#replace").waitFor();
  await screenshot(page, "wording-03-expired");
  await assertCleanPage(page, log);
  await page.context().close();
});

test("updating the ID with the same ID says nothing changed and saves nothing", async () => {
  const { id: orgId } = await organisation("Same ID Ltd");
  const seeded = await seedIntegration(backend, orgId);
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, `#/org/${orgId}`);
  await page.getByRole("button", { name: "Update certificate" }).click();
  await page.getByLabel("Update current certificate").check();
  const panel = page.locator("#update-id");
  assert.equal(
    await panel.getByLabel("Certificate ID").inputValue(),
    seeded.certificateId,
  );
  await panel.getByRole("button", { name: "Save Certificate ID" }).click();
  // Said as information, not as an error: nothing went wrong.
  const said = panel.getByRole("status").getByText(/Nothing changed/);
  await said.waitFor();
  assert.equal(await panel.getByRole("alert").count(), 0);
  assert.ok((await said.innerText()).includes(seeded.certificateId));
  assert.equal(await page.getByText(/^Saved\./).count(), 0);
  assert.deepEqual(
    log.requests.filter(
      (r) => r.method === "PUT" && r.url.endsWith("/certificate"),
    ),
    [],
    "nothing was sent",
  );
  const integration = await api(backend, "GET", integrationPath(orgId));
  assert.equal(integration.version, seeded.integration.version);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("step 4 saves only once the new certificate was downloaded here or is confirmed uploaded in NetSuite", async () => {
  const { id: orgId } = await organisation("Upload First Ltd");
  await seedIntegration(backend, orgId);
  const { page, log } = await openPage(browser);
  const replace = await openReplace(page, backend.url, orgId);
  await generate(replace);
  await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  // The ID NetSuite should list, as the page shows it (someone else uploaded the file).
  const expected = await replace
    .locator("[data-expected-id]")
    .first()
    .innerText();
  await replace.getByRole("textbox", { name: "Certificate ID" }).fill(expected);
  const save = replace.getByRole("button", {
    name: "Save the new Certificate ID",
  });
  await save.click();
  await replace
    .getByText(/Download the new certificate first \(the step above\)/)
    .waitFor();
  const uploaded = replace.getByLabel(
    "The new certificate is already uploaded in NetSuite",
  );
  assert.equal(await uploaded.isVisible(), true);
  assert.equal(
    (await api(backend, "GET", integrationPath(orgId))).certificate
      .certificateId === expected,
    false,
    "nothing saved before",
  );
  await uploaded.check();
  await save.click();
  await page
    .locator("#certificate")
    .getByText(/New certificate saved/)
    .waitFor();
  assert.equal(
    (await api(backend, "GET", integrationPath(orgId))).certificate
      .certificateId,
    expected,
  );
  await assertCleanPage(page, log);
  await page.context().close();
});

test("an Account ID changed since the certificate was saved is said on the card", async () => {
  const { id: orgId } = await organisation("Moved Account Ltd");
  const seeded = await seedIntegration(backend, orgId);
  const moved = "7777777";
  await api(backend, "PUT", integrationPath(orgId), {
    body: { accountId: moved, clientId: seeded.clientId },
    version: seeded.integration.version,
  });
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, `#/org/${orgId}`);
  const note = page
    .locator("#certificate .message--warning")
    .filter({ hasText: "was saved when the Account ID was" });
  await note.waitFor();
  const text = await note.innerText();
  assert.ok(text.includes(seeded.accountId) && text.includes(moved), text);
  assert.match(text, /choose Update certificate, then Replace certificate/);
  // The audit trail says the change in words, not in the backend's member names.
  const audit = page.locator("#audit-table");
  await audit.getByText(`Account ID: ${seeded.accountId} → ${moved}`).waitFor();
  assert.doesNotMatch(await audit.innerText(), /fingerprintSha256|accountId/);
  await assertCleanPage(page, log);
  await page.context().close();
});
