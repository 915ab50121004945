// The Certificate ID NetSuite should list, computed from the certificate (issue 16):
// the page shows it (equal to OpenSSL's), stops the current certificate's ID before
// saving a replacement, asks for a confirmation before saving any other ID, and
// tells sandbox and release preview accounts what a refresh does.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  openPage,
  openView,
  opensslCertificateId,
  randomClientId,
  seedIntegration,
  seriousAxeFindings,
  reservedCode,
} from "./support.mjs";
import {
  downloadCertificate,
  downloadEncryptedKey,
  generate,
  openReplace,
} from "./replace-steps.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
const integrationUrl = (orgId) =>
  `/api/organisations/${orgId}/integrations/netsuite`;
const PASSPHRASE = "a passphrase long enough";

// Another organisation with a saved certificate, whose ID a user may copy by mistake.
const other = await api(backend, "POST", "/api/organisations", {
  body: { name: "Other Company" },
});
const otherSeeded = await seedIntegration(backend, other.id);
await seedIntegration(backend, "demo");
const currentId = async () =>
  (await api(backend, "GET", integrationUrl("demo"))).certificate.certificateId;

/** Steps 1 to 3 of a replacement of demo's certificate; the downloaded file. */
async function replaceUpToStep4(page) {
  const replace = await openReplace(page, backend.url, "demo");
  await generate(replace);
  await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  const certificateFile = await downloadCertificate(page, replace, downloads);
  return { replace, certificateFile };
}

// Step 4 finishes the pending certificate the page saved after step 1.
const certificateSaves = (log) =>
  log.requests.filter(
    (r) =>
      r.method === "POST" &&
      r.url.endsWith("/netsuite/pending-certificate/completion"),
  );

/** Ticks the confirmation in `warning`, saves step 4 and waits for the success. */
async function confirmAndSave(page, replace, warning) {
  await warning
    .getByRole("checkbox", { name: /NetSuite really lists/ })
    .check();
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  await page
    .locator("#certificate")
    .getByText(/New certificate saved/)
    .waitFor();
}

/** Saves `id` in step 4 after the confirmation the page asks for. */
async function saveWithConfirmation(page, replace, log, id, expected, cause) {
  const field = replace.getByRole("textbox", { name: "Certificate ID" });
  await field.fill(id);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const warning = replace.getByRole("group", {
    name: "Not the ID NetSuite should list",
  });
  await warning.waitFor();
  const text = await warning.innerText();
  assert.ok(text.includes(id), "the warning names the pasted ID");
  assert.ok(text.includes(expected), "and the expected one");
  assert.match(text, cause);
  await replace.getByText(/tick the box to save it anyway/).waitFor();
  assert.equal(certificateSaves(log).length, 0, "nothing sent before");
  assert.deepEqual(await seriousAxeFindings(page), []);

  await confirmAndSave(page, replace, warning);
  const [sent] = certificateSaves(log);
  assert.equal(JSON.parse(sent.body).certificateIdConfirmed, true);
  const stored = await api(backend, "GET", integrationUrl("demo"));
  assert.equal(stored.certificate.certificateId, id, "the pasted ID is saved");
}

test("replace: the expected ID shown in steps 1 and 3 is OpenSSL's; the current ID is stopped before saving; another organisation's ID saves only once confirmed", async () => {
  const oldId = await currentId();
  const { page, log } = await openPage(browser);
  const { replace, certificateFile } = await replaceUpToStep4(page);
  const expected = opensslCertificateId(certificateFile.text);
  const shown = replace.locator("[data-expected-id]");
  assert.deepEqual(await shown.allInnerTexts(), [expected, expected]);
  const step1 = await replace.locator(".generated").innerText();
  assert.match(step1, /NetSuite should list it as/);
  assert.match(step1, /Oracle does not document this/);
  assert.match(
    await replace.locator(".expected-id-step").innerText(),
    /NetSuite should list it as/,
  );

  // The current certificate's ID: stopped in the page, with the reason.
  const field = replace.getByRole("textbox", { name: "Certificate ID" });
  await field.fill(oldId);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const alert = replace.getByRole("alert");
  await alert
    .getByText(/is the Certificate ID of the current certificate/)
    .waitFor();
  const said = await alert.innerText();
  assert.ok(said.includes(oldId) && said.includes(expected));
  assert.equal(await reservedCode(alert), "certificate_id_is_current");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.equal(certificateSaves(log).length, 0, "nothing sent");
  assert.equal(await currentId(), oldId);

  await saveWithConfirmation(
    page,
    replace,
    log,
    otherSeeded.certificateId,
    expected,
    /Other Company's certificate \(another organisation here\)/,
  );
  await assertCleanPage(page, log);
  await page.context().close();
});

test("replace: a typo'd ID is named as a likely typo and saves only once confirmed; a corrected ID needs the confirmation again", async () => {
  const { page, log } = await openPage(browser);
  const { replace, certificateFile } = await replaceUpToStep4(page);
  const expected = opensslCertificateId(certificateFile.text);
  const typo = `${expected.slice(0, 20)}${expected[20] === "A" ? "B" : "A"}${expected.slice(21)}`;

  // Ticked for one ID, then the ID changes: the tick does not carry over.
  const field = replace.getByRole("textbox", { name: "Certificate ID" });
  await field.fill(`${typo.slice(0, 42)}x`);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const warning = replace.getByRole("group", {
    name: "Not the ID NetSuite should list",
  });
  await warning
    .getByRole("checkbox", { name: /NetSuite really lists/ })
    .check();
  await field.fill(typo);
  await warning.waitFor({ state: "hidden" });

  await saveWithConfirmation(
    page,
    replace,
    log,
    typo,
    expected,
    /may be a typo/,
  );
  await assertCleanPage(page, log);
  await page.context().close();
});

test("replace: the backend's refusals (another backend may judge first) are explained and keep what was typed", async () => {
  const { page, log } = await openPage(browser);
  const { replace, certificateFile } = await replaceUpToStep4(page);
  const expected = opensslCertificateId(certificateFile.text);
  // A backend that expects another ID than the page: its 422 answer is shown.
  const backendsId = otherSeeded.certificateId;
  await page.route("**/netsuite/pending-certificate/completion", (route) =>
    route.fulfill({
      status: 422,
      contentType: "application/json",
      body: JSON.stringify({
        error: {
          code: "certificate_id_mismatch",
          message: `${expected} is not the ID NetSuite is expected to give this certificate (${backendsId}).`,
          field: "certificateId",
          expectedCertificateId: backendsId,
        },
      }),
    }),
  );
  const field = replace.getByRole("textbox", { name: "Certificate ID" });
  await field.fill(expected);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const refusal = replace.getByRole("alert");
  await refusal.getByText(/is not the ID NetSuite is expected/).waitFor();
  assert.equal(await reservedCode(refusal), "certificate_id_mismatch");
  const warning = replace.getByRole("group", {
    name: "Not the ID NetSuite should list",
  });
  await warning.waitFor();
  assert.ok((await warning.innerText()).includes(backendsId));
  assert.equal(await field.inputValue(), expected, "the ID is kept");
  await page.unroute("**/netsuite/pending-certificate/completion");

  // Confirmed, the real backend saves it (it is the expected ID there).
  await confirmAndSave(page, replace, warning);
  assert.equal(await currentId(), expected);
  await assertCleanPage(page, log, { allowedStatuses: [422] });
  await page.context().close();
});

test("Check a certificate shows the ID NetSuite should list: OpenSSL's", async () => {
  const { page, log } = await openView(
    browser,
    backend.url,
    "#/check",
    "Check a certificate",
  );
  await page.getByLabel("Certificate (PEM)").fill(otherSeeded.certificatePem);
  await page.getByRole("button", { name: "Check certificate" }).click();
  const shown = page.locator("#certificate-results [data-expected-id]");
  await shown.waitFor();
  assert.equal(
    await shown.innerText(),
    opensslCertificateId(otherSeeded.certificatePem),
  );
  await assertCleanPage(page, log);
  await page.context().close();
});

test("sandbox and release preview accounts say what a refresh does; production accounts do not", async () => {
  const { page, log } = await openPage(browser);
  const note = page.locator("#sandbox-note");
  const setAccount = async (accountId) => {
    const current = await api(backend, "GET", integrationUrl(other.id));
    await api(backend, "PUT", integrationUrl(other.id), {
      body: { accountId, clientId: current.clientId ?? randomClientId() },
      version: current.version,
    });
    await page.goto("about:blank");
    await gotoApp(page, backend.url, `#/org/${other.id}`);
    await page.locator(".certificate-summary .details").waitFor();
  };

  await setAccount("7654321_SB2");
  await note.waitFor();
  const sandbox = await note.innerText();
  assert.match(sandbox, /7654321_SB2 is a sandbox account/);
  assert.match(sandbox, /A sandbox refresh clears its M2M setup/);
  assert.match(sandbox, /upload the same certificate again/);
  assert.match(sandbox, /Certificate ID should stay the same/);
  assert.deepEqual(await seriousAxeFindings(page), []);

  await setAccount("7654321_RP1");
  await note.waitFor();
  assert.match(await note.innerText(), /release preview account/);

  await setAccount("7654321");
  assert.equal(await note.count(), 0);
  await assertCleanPage(page, log);
  await page.context().close();
});
