// The live check against the NetSuite simulator, in Chromium: a whole rotation
// (generate in the page, upload through the simulator's setup page, paste the
// Certificate ID it lists, check with NetSuite, save), then the failures a user
// meets, each explained: a revoked certificate, a wrong Client ID saved, a clock
// 10 minutes off, NetSuite answering 500, a key that is not the certificate's, IDs
// not saved. No request carries key material; no access token reaches the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  assertCleanPage,
  assertNoRequestCarries,
  gotoApp,
  nodeModule,
  openPage,
  screenshot,
  seriousAxeFindings,
  writeFile,
  reservedCode,
} from "./support.mjs";
import {
  downloadCertificate,
  downloadEncryptedKey,
  generate,
} from "./replace-steps.mjs";
import {
  assertNoTokenReachedPage,
  createApplication,
  liveCheck,
  expectedCertificateId,
  newAccountId,
  privateKeyNeedles,
  recordAnswers,
  revokeInSimulator,
  netsuiteEnvironment,
  uploadInSimulator,
} from "./netsuite-steps.mjs";
import { startProxy } from "./servers.mjs";

const { browser, downloads, netsuite, backend } = await netsuiteEnvironment();
const PASSPHRASE = "correct horse battery staple";

/** Creates the organisation on the overview and saves its IDs; returns its page path. */
async function newOrganisation(page, name, { accountId, clientId }) {
  await gotoApp(page, backend.url, "#/");
  await page.getByLabel("Organisation name").fill(name);
  await page.getByRole("button", { name: "Add organisation" }).click();
  await page
    .getByRole("link", { name: `Set up ${name}'s integration` })
    .click();
  await page
    .getByRole("heading", { level: 1, name: `NetSuite integration: ${name}` })
    .waitFor();
  await page.getByLabel("Account ID").fill(accountId);
  await page.getByLabel("Client ID").fill(clientId);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page
    .locator("#settings")
    .getByText(/^Saved\./)
    .waitFor();
  return new URL(page.url()).hash;
}

/**
 * An integration record in a new simulator account, and a new page whose
 * organisation `name` has saved that account's ID and the record's Client ID.
 */
async function organisationWithApplication(name) {
  const accountId = newAccountId();
  const clientId = await createApplication(netsuite.url, accountId);
  const { page, context, log } = await openPage(browser);
  const answers = recordAnswers(context);
  const orgHash = await newOrganisation(page, name, { accountId, clientId });
  const orgId = decodeURIComponent(orgHash.split("/")[2]);
  return { accountId, clientId, page, context, log, answers, orgId };
}

/**
 * Replace steps 1 to 3 in the page, the upload in the simulator as its
 * administrator, and the Certificate ID pasted in step 4 (not saved yet).
 */
async function rotateUpToStep4(page, { accountId, simClientId, keep = false }) {
  // A first certificate: no choice to make, the steps open at once.
  await page.getByRole("button", { name: "Add a certificate" }).click();
  const replace = page.locator("#replace");
  await generate(replace);
  const key = await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  if (keep) {
    await replace
      .getByRole("button", { name: "Keep the key in this browser" })
      .click();
    await replace.getByText(/Kept in this browser/).waitFor();
  }
  const certificate = await downloadCertificate(page, replace, downloads);
  const certificateId = await uploadInSimulator(page.context(), netsuite.url, {
    accountId,
    clientId: simClientId,
    certificateFile: certificate.path,
  });
  await replace
    .getByRole("textbox", { name: "Certificate ID" })
    .fill(certificateId);
  return { replace, key, certificate, certificateId };
}

/** Test the credentials for `orgId` with a key file and the passphrase. */
async function testWithKeyFile(
  page,
  orgId,
  keyFile,
  { passphrase = PASSPHRASE, url = backend.url } = {},
) {
  await page.goto("about:blank"); // a fresh view, whatever was typed before
  await gotoApp(page, url, `#/test/${orgId}`);
  await page.waitForFunction(
    () => document.querySelector("input[name=certificateId]")?.value,
  );
  await page.getByLabel("A private key file").check();
  await page
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(keyFile);
  await page
    .getByLabel("Passphrase (if the key file is encrypted)")
    .fill(passphrase);
  return liveCheck(page.locator("form"), "Test with NetSuite");
}

const AUDIT = /Setup > Users\/Roles > User Management > View Login Audit Trail/;

/**
 * The live check's refusal keeps NetSuite's code and HTTP status in its reserved
 * place (Details for support), and its sentences hold no snake_case code.
 */
async function assertNetSuiteSaid(page, codeAndStatus) {
  const status = page
    .locator(".live-check__status:visible")
    .filter({ has: page.locator(".error-details") })
    .first();
  await status.locator(".error-details summary").click();
  const details = await status.locator(".error-details").innerText();
  assert.ok(details.includes(`NetSuite's code ${codeAndStatus}`), details);
  const outcome = await status.locator(".live-check__outcome").innerText();
  assert.doesNotMatch(
    outcome.replace(/[A-Za-z0-9_-]{40,}/g, "<ID>"),
    /\b[a-z0-9]+(_[a-z0-9]+)+\b/,
  );
}

test("a whole rotation: generate, upload in NetSuite's setup page, paste its ID, NetSuite issues a token, save", async () => {
  const { accountId, clientId, page, context, log, answers, orgId } =
    await organisationWithApplication("Rotation Ltd");
  const { replace, key, certificate, certificateId } = await rotateUpToStep4(
    page,
    { accountId, simClientId: clientId, keep: true },
  );
  // The simulator gives the ID NetSuite is observed to give.
  assert.equal(certificateId, expectedCertificateId(certificate.text));

  let said = await liveCheck(replace);
  assert.match(said, /NetSuite issued a token/);
  assert.match(said, /valid for 60 minutes\./);
  assert.match(said, /discarded the token unread/);
  await screenshot(page, "40-live-check-issued");
  assert.deepEqual(await seriousAxeFindings(page), []);

  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const saved = page.locator("#certificate").getByText(/New certificate saved/);
  await saved.waitFor();
  assert.match(await saved.innerText(), /NetSuite issued a token for it\./);
  assert.match(
    await page.locator("#certificate").innerText(),
    new RegExp(certificateId),
  );

  // The current certificate on demand, right on its card with the kept key…
  const keptCard = page.locator("#certificate .kept-key");
  said = await liveCheck(keptCard);
  assert.match(said, /NetSuite issued a token/);
  assert.ok(said.includes(`Certificate ID ${certificateId}`), said);
  // …and with a key file, on Test the credentials with the organisation chosen.
  await page
    .getByRole("link", { name: "Check the current certificate with NetSuite" })
    .click();
  await page
    .getByRole("heading", { level: 1, name: "Test the credentials" })
    .waitFor();
  assert.match(await testWithKeyFile(page, orgId, key.path), /issued a token/);
  // Beside the bash command, a PowerShell one with the same form body.
  const powershell = await page.locator("#powershell-command").innerText();
  assert.match(powershell, /^Invoke-RestMethod -Method Post -Uri 'https:/);
  assert.match(powershell, /-ContentType 'application\/x-www-form-urlencoded'/);
  assert.match(powershell, /-Body 'grant_type=client_credentials&/);
  assert.equal(await page.locator("#key-mismatch").count(), 0);

  assertNoRequestCarries(
    log.requests,
    privateKeyNeedles({ encryptedPem: key.text, passphrase: PASSPHRASE }),
  );
  await assertNoTokenReachedPage(netsuite.tokens, answers);
  await assertCleanPage(page, log);
  await context.close();
});

test("failures a user makes, each explained: wrong key, revoked certificate, clock 10 minutes off, NetSuite answering 500, IDs not saved", async () => {
  const { accountId, clientId, page, context, log, answers, orgId } =
    await organisationWithApplication("Mistakes Inc");
  const { replace, key, certificateId } = await rotateUpToStep4(page, {
    accountId,
    simClientId: clientId,
  });
  assert.match(await liveCheck(replace), /issued a token/);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  await page
    .locator("#certificate")
    .getByText(/New certificate saved/)
    .waitFor();

  // A key that is not the saved certificate's: warned before NetSuite refuses it.
  const m2m = await nodeModule();
  const other = await m2m.generate({ keyType: "ec-p256", validityDays: 30 });
  const otherFile = path.join(downloads, "other-key.pem");
  await writeFile(otherFile, other.privateKeyPem);
  let said = await testWithKeyFile(page, orgId, otherFile, {
    passphrase: "",
  });
  assert.match(
    await page.locator("#key-mismatch").innerText(),
    /does not belong to the certificate saved/,
  );
  assert.match(said, /NetSuite refused the credentials\./);
  await assertNetSuiteSaid(page, "invalid_client, HTTP status 401");
  assert.match(said, AUDIT);

  // IDs typed on the page that are not the organisation's saved ones.
  await page.getByLabel("Client ID").fill("a".repeat(64));
  said = await liveCheck(page.locator("form"), "Test with NetSuite");
  assert.match(said, /Save the IDs first/);
  assert.match(said, /other IDs/);
  assert.equal(
    await reservedCode(page.locator(".live-check__status")),
    "assertion_not_for_integration",
  );

  // NetSuite answering 500: explained as probably the credentials.
  await netsuite.settings({ serverError: true });
  said = await testWithKeyFile(page, orgId, key.path);
  await netsuite.settings({ serverError: false });
  assert.match(said, /NetSuite answered with a server error/);
  await assertNetSuiteSaid(page, "server_error, HTTP status 500");
  assert.match(said, /usually the credentials/);
  assert.match(said, /revoked/);

  // NetSuite's clock 10 minutes ahead of this computer's: the assertion has expired.
  await netsuite.settings({ clockOffsetSeconds: 600 });
  said = await testWithKeyFile(page, orgId, key.path);
  await netsuite.settings({ clockOffsetSeconds: 0 });
  assert.match(said, /NetSuite refused the assertion\./);
  await assertNetSuiteSaid(page, "invalid_grant, HTTP status 400");
  assert.match(said, /Lifetime and clock/);
  // This computer agrees with the backend: the clock that differs is NetSuite's.
  assert.match(said, /This computer's clock agrees with the server's/);
  assert.match(said, AUDIT);
  await screenshot(page, "41-live-check-clock");

  // This computer's clock 10 minutes behind both: the page knows it from the
  // backend's Date header (here moved by a proxy) and names it as the likely cause.
  const shifted = await startProxy(backend.url, { shiftMs: 600_000 });
  try {
    await netsuite.settings({ clockOffsetSeconds: 600 });
    said = await testWithKeyFile(page, orgId, key.path, { url: shifted.url });
  } finally {
    await netsuite.settings({ clockOffsetSeconds: 0 });
    await shifted.close();
  }
  assert.match(said, /NetSuite refused the assertion\./);
  await assertNetSuiteSaid(page, "invalid_grant, HTTP status 400");
  assert.match(
    said,
    /This computer's clock is about 10 minute\(s\) behind the server's: .* this is the likely cause/,
  );
  await page.locator("#clock-skew-warning").waitFor();

  // The certificate revoked in NetSuite: refused, explained.
  await revokeInSimulator(context, netsuite.url, { accountId, certificateId });
  said = await testWithKeyFile(page, orgId, key.path);
  assert.match(said, /NetSuite refused the credentials\./);
  await assertNetSuiteSaid(page, "invalid_client, HTTP status 401");
  assert.match(said, /revoked/);
  assert.match(said, AUDIT);
  await screenshot(page, "42-live-check-revoked");
  assert.deepEqual(await seriousAxeFindings(page), []);

  assertNoRequestCarries(
    log.requests,
    privateKeyNeedles({
      encryptedPem: key.text,
      passphrase: PASSPHRASE,
      plainPems: [other.privateKeyPem],
    }),
  );
  await assertNoTokenReachedPage(netsuite.tokens, answers);
  await assertCleanPage(page, log, { allowedStatuses: [422] });
  await context.close();
});

test("a wrong Client ID saved: the check before saving fails as invalid_client, and saving anyway says so", async () => {
  const accountId = newAccountId();
  const simClientId = await createApplication(netsuite.url, accountId);
  const typo = `${simClientId.slice(0, 63)}${simClientId.endsWith("0") ? "1" : "0"}`;
  const { page, context, log } = await openPage(browser);
  await newOrganisation(page, "Typo Corp", { accountId, clientId: typo });
  const { replace, key } = await rotateUpToStep4(page, {
    accountId,
    simClientId,
  });
  const said = await liveCheck(replace);
  assert.match(said, /NetSuite refused the credentials\./);
  await assertNetSuiteSaid(page, "invalid_client, HTTP status 401");
  assert.match(said, /Client ID is not that of an integration record/);
  assert.match(said, AUDIT);
  await screenshot(page, "43-live-check-wrong-client-id");

  // Saving after a failed check stays possible; the success message states the failure.
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  const saved = page.locator("#certificate").getByText(/New certificate saved/);
  await saved.waitFor();
  assert.match(
    await saved.innerText(),
    /the live check before saving failed \(NetSuite refused the credentials\)/,
  );
  assertNoRequestCarries(
    log.requests,
    privateKeyNeedles({ encryptedPem: key.text, passphrase: PASSPHRASE }),
  );
  await assertCleanPage(page, log);
  await context.close();
});
