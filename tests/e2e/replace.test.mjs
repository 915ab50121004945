// The whole replace flow in a real browser, checked with OpenSSL, and proof that no
// request the page makes carries private key material.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  openPage,
  gotoApp,
  seedIntegration,
  nodeModule,
  api,
  pemBody,
  opensslCertificateId,
  unexpectedConsoleErrors,
  cspViolations,
  seriousAxeFindings,
  screenshot,
  download,
  downloadReminder,
  e2eEnvironment,
} from "./support.mjs";
import {
  certificateDates,
  certificateText,
  opensslOpensEncryptedKey,
  sha256Fingerprint,
} from "./openssl-checks.mjs";

const PASSPHRASE = "correct horse battery staple";
const DAY = 24 * 60 * 60 * 1000;

const { backend, browser, downloads } = await e2eEnvironment();

test("replacing the certificate: overview, edit, generate, download, paste the ID, save, reload", async () => {
  const seeded = await seedIntegration(backend, "demo");
  const { page, log } = await openPage(browser);
  const axeFindings = {};

  // Overview: the organisation, its IDs, the expiry, sorted by next expiry.
  await gotoApp(page, backend.url, "#/");
  const row = page.locator("#organisations tbody tr", {
    hasText: "Demo Company",
  });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(seeded.accountId));
  assert.match(await row.innerText(), new RegExp(seeded.certificateId));
  // Days left: the module's one rule, as the module in Node counts it.
  const m2m = await nodeModule();
  const rules = m2m.rules();
  const status = m2m.certificateStatus(seeded.integration.certificate.notAfter);
  assert.ok(
    (await row.innerText()).includes(`${status.daysRemaining} days`),
    "the overview shows the module's day count",
  );
  await screenshot(page, "01-overview");
  axeFindings.overview = await seriousAxeFindings(page);

  // Open the organisation: focus moves to the heading.
  await page.getByRole("link", { name: "Edit Demo Company" }).click();
  const heading = page.getByRole("heading", {
    level: 1,
    name: "NetSuite integration: Demo Company",
  });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  const certificate = page.locator("#certificate");
  await certificate
    .locator(".details")
    .getByText(seeded.certificateId)
    .waitFor();
  assert.ok((await certificate.innerText()).includes(status.label));
  assert.match(await certificate.innerText(), /VALID UNTIL/);
  await page.locator("#history-table").waitFor();
  await screenshot(page, "02-edit-integration");
  axeFindings.edit = await seriousAxeFindings(page);

  // The calendar reminder is on the day the certificate enters the module's
  // expiring window.
  const ics = await downloadReminder(page, downloads);
  assert.match(ics.text, /BEGIN:VCALENDAR/);
  const start = ics.text.match(/DTSTART;VALUE=DATE:(\d{8})/)[1];
  const expected = new Date(
    new Date(seeded.integration.certificate.notAfter).getTime() -
      rules.expiringWindowDays * DAY,
  )
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, "");
  assert.equal(start, expected);

  // Update certificate > Replace certificate.
  await page.getByRole("button", { name: "Update certificate" }).click();
  await page.getByLabel("Replace certificate").check();
  const replace = page.locator("#replace");
  await replace.getByRole("heading", { name: "Replace certificate" }).waitFor();
  assert.match(
    await replace.innerText(),
    new RegExp(
      `instead of ${seeded.certificateId}: the application must be given the new private key`,
    ),
  );
  assert.match(await replace.innerText(), /NetSuite administrator uploads/);
  assert.equal(await replace.getByLabel("Key type").inputValue(), "ec-p256");
  assert.equal(await replace.getByLabel("Validity (days)").inputValue(), "365");
  // Later steps are locked until there is something to save.
  assert.equal(
    await replace
      .getByRole("button", { name: "Download private key" })
      .isDisabled(),
    true,
  );

  // Too long a validity is refused inline.
  await replace.getByLabel("Validity (days)").fill("731");
  await replace.getByText("At most 730 days").waitFor();
  await replace.getByLabel("Validity (days)").fill("400");
  await replace.getByLabel("Key type").selectOption("ec-p384");
  await screenshot(page, "03-replace-choices");
  axeFindings.replaceStart = await seriousAxeFindings(page);

  await replace
    .getByRole("button", { name: "Generate new certificate" })
    .click();
  // The page stays responsive while WebCrypto generates.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await replace.getByText(/Generated in/).waitFor({ timeout: 60_000 });
  assert.equal(
    await replace
      .getByRole("button", { name: "Save the new Certificate ID" })
      .isDisabled(),
    true,
  );
  assert.equal(
    await replace
      .getByRole("button", { name: "Download the new certificate (.pem)" })
      .isDisabled(),
    true,
  );

  // Saved as pending at once, but its key exists only in this page: leaving asks
  // first (closing or reloading the tab, and in-app navigation); cancelling keeps
  // everything.
  const beforeUnloadBlocks = () =>
    page.evaluate(() => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  assert.equal(await beforeUnloadBlocks(), true);
  const asked = page.waitForEvent("dialog");
  const clicked = page
    .getByRole("link", { name: "Organisations", exact: true })
    .click();
  const dialog = await asked;
  await dialog.dismiss();
  await clicked;
  assert.match(dialog.message(), /private key exists only in this page/);
  // The router asked inside the hashchange event and put the address back before
  // returning; this evaluation runs after that event, so it sees what stayed.
  assert.equal(await page.evaluate(() => location.hash), "#/org/demo");
  await heading.waitFor();
  assert.equal(
    await replace
      .getByRole("button", { name: "Download private key" })
      .isEnabled(),
    true,
  );
  assert.match(page.url(), /#\/org\/demo$/);

  // Passphrase rules: at least 12 characters, entered twice.
  await replace.getByLabel("Passphrase", { exact: true }).fill("too short");
  await replace.getByLabel("Repeat passphrase").fill("too short");
  await replace.getByRole("button", { name: "Download private key" }).click();
  await replace.getByText("Use at least 12 characters.").waitFor();
  await replace.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
  await replace.getByLabel("Repeat passphrase").fill(`${PASSPHRASE}!`);
  await replace.getByRole("button", { name: "Download private key" }).click();
  await replace.getByText("The two passphrases differ.").waitFor();
  await replace.getByLabel("Repeat passphrase").fill(PASSPHRASE);
  const key = await download(
    page,
    () => replace.getByRole("button", { name: "Download private key" }).click(),
    downloads,
  );
  assert.match(key.text, /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
  await replace.getByText(/Private key downloaded as/).waitFor();
  assert.equal(
    await beforeUnloadBlocks(),
    false,
    "saved as pending, its key downloaded: a reload keeps the work",
  );

  // Optionally keep it in this browser (non-extractable).
  await replace
    .getByRole("button", { name: "Keep the key in this browser" })
    .click();
  await replace.getByText(/Kept in this browser/).waitFor();

  const certificateFile = await download(
    page,
    () =>
      replace
        .getByRole("button", { name: "Download the new certificate (.pem)" })
        .click(),
    downloads,
  );
  assert.match(certificateFile.name, /\.pem$/);
  assert.match(certificateFile.text, /^-----BEGIN CERTIFICATE-----/);
  const steps = await replace.locator(".netsuite-steps").innerText();
  for (const words of [
    "Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup",
    "Create New",
    "Entity",
    "Role",
    "Application",
    certificateFile.name,
    "Save",
    "Certificate ID",
  ]) {
    assert.ok(steps.includes(words), `the NetSuite steps mention ${words}`);
  }
  await screenshot(page, "04-replace-generated");
  axeFindings.replaceGenerated = await seriousAxeFindings(page);

  // Paste the ID NetSuite would give the downloaded file (OpenSSL's), save.
  const newCertificateId = opensslCertificateId(certificateFile.text);
  await replace
    .getByRole("textbox", { name: "Certificate ID" })
    .fill("not an id!");
  await replace
    .locator("input[name=certificateId][aria-invalid=true]")
    .waitFor();
  assert.equal(
    await replace.getByRole("textbox", { name: "Certificate ID" }).inputValue(),
    "not an id!",
  );
  await replace
    .getByRole("textbox", { name: "Certificate ID" })
    .fill(newCertificateId);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  await certificate.getByText(/New certificate saved/).waitFor();
  await page.waitForFunction(() =>
    document.activeElement?.classList.contains("message"),
  );
  await screenshot(page, "05-replace-saved");

  assert.equal(await beforeUnloadBlocks(), false, "nothing unsaved once saved");

  // Reload: the new certificate is current and the old one is in the history.
  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  await certificate.locator(".details").getByText(newCertificateId).waitFor();
  assert.match(await certificate.innerText(), /EC P-384/);
  const history = page.locator("#history-table");
  await history.waitFor();
  const historyText = await history.innerText();
  assert.match(historyText, /Added/);
  assert.match(historyText, /Replaced/);
  assert.ok(
    historyText.includes(seeded.certificateId),
    "the previous certificate is in the history",
  );
  assert.ok(historyText.includes(newCertificateId));

  // The backend stores exactly the downloaded certificate.
  const stored = await api(
    backend,
    "GET",
    "/api/organisations/demo/integrations/netsuite",
  );
  assert.equal(stored.certificate.certificateId, newCertificateId);
  assert.equal(pemBody(stored.certificate.pem), pemBody(certificateFile.text));

  // OpenSSL: the certificate parses, has the chosen key type and validity.
  const text = certificateText(certificateFile.path);
  assert.match(text, /Public Key Algorithm: id-ecPublicKey/);
  assert.match(text, /NIST CURVE: P-384|ASN1 OID: secp384r1/);
  const { notBefore, notAfter } = certificateDates(certificateFile.path);
  assert.equal(Math.round((notAfter - notBefore) / DAY), 400);
  assert.equal(
    sha256Fingerprint(certificateFile.path),
    stored.certificate.fingerprintSha256,
  );

  // The key opens with the passphrase (and not without), and matches the certificate.
  const plainKey = opensslOpensEncryptedKey(
    key.path,
    certificateFile.path,
    PASSPHRASE,
  );

  // The kept key signs a client assertion on Test the credentials.
  await page
    .locator("main")
    .getByRole("link", { name: "Test the credentials" })
    .click();
  await page
    .getByRole("heading", { level: 1, name: "Test the credentials" })
    .waitFor();
  await page.getByLabel("The key kept in this browser").waitFor();
  await page.waitForFunction(() => {
    const radio = [...document.querySelectorAll("input[type=radio]")].find(
      (r) => r.value === "kept",
    );
    return radio && !radio.disabled && radio.checked;
  });
  await page.getByRole("button", { name: "Create client assertion" }).click();
  await page.locator("#assertion-header").waitFor();
  const header = JSON.parse(
    await page.locator("#assertion-header").innerText(),
  );
  assert.deepEqual(header, { typ: "JWT", alg: "ES384", kid: newCertificateId });
  const claims = JSON.parse(
    await page.locator("#assertion-claims").innerText(),
  );
  assert.equal(claims.iss, stored.clientId);
  assert.match(
    await page.locator("#curl-command").innerText(),
    /suitetalk\.api\.netsuite\.com\/services\/rest\/auth\/oauth2\/v1\/token/,
  );
  await screenshot(page, "06-test-credentials-kept-key");
  axeFindings.test = await seriousAxeFindings(page);

  // No request carried private key material.
  const privateBody = pemBody(plainKey);
  const encryptedBody = pemBody(key.text);
  const needles = [
    "PRIVATE KEY",
    privateBody,
    encryptedBody,
    ...plainKey
      .split("\n")
      .filter((line) => line.length >= 40 && !line.startsWith("-----")),
    ...key.text
      .split("\n")
      .filter((line) => line.length >= 40 && !line.startsWith("-----")),
    Buffer.from(privateBody, "base64").toString("base64url"),
    encodeURIComponent(privateBody),
  ];
  assert.ok(log.requests.length > 10, "requests were captured");
  for (const request of log.requests) {
    const haystack = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;
    for (const needle of needles) {
      assert.ok(
        !haystack.includes(needle),
        `${request.method} ${request.url} must not contain key material`,
      );
    }
  }
  assert.ok(
    log.requests.some(
      (r) =>
        r.method === "PUT" &&
        r.url.endsWith("/pending-certificate") &&
        r.body.includes("BEGIN CERTIFICATE"),
    ),
    "the certificate itself was saved as pending",
  );

  for (const [view, findings] of Object.entries(axeFindings)) {
    assert.deepEqual(findings, [], `axe findings on ${view}`);
  }
  assert.deepEqual(unexpectedConsoleErrors(log), []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.context().close();
});
