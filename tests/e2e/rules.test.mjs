// The page restates none of the module's rules: the three bugs that came from copies
// (passphrases trimmed and counted in UTF-16 units, two day counts, a name limit the
// backend refuses), fixed; labels, limits and day counts are the module's. Also: a
// real reload during an unsaved replacement asks first; an RSA 3072 replacement
// through the page; the overview's timeline says what the table says.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  openPage,
  openView,
  gotoApp,
  seedIntegration,
  nodeModule,
  api,
  seriousAxeFindings,
  screenshot,
  openssl,
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
  certificateText,
  opensslOpensEncryptedKey,
} from "./openssl-checks.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
const m2m = await nodeModule();
const rules = m2m.rules();

async function newOrganisation(name, certificate) {
  const org = await api(backend, "POST", "/api/organisations", {
    body: { name },
  });
  if (certificate) await seedIntegration(backend, org.id, certificate);
  return org;
}

/** The text of the "Days left" row of a definition list inside `scope`. */
function daysLeft(scope) {
  return scope
    .locator(".details__row", { hasText: "Days left" })
    .locator("dd")
    .innerText();
}

test("passphrases as typed (spaces count, counted as the module counts) and one day count everywhere", async () => {
  const org = await newOrganisation("Spaces Ltd", { validityDays: 200 });
  const { page, log } = await openPage(browser);
  const replace = await openReplace(page, backend.url, org.id);

  // The step's choices are the module's.
  assert.deepEqual(
    await replace.getByLabel("Key type").locator("option").allInnerTexts(),
    rules.keyTypes.map((type) => type.choiceLabel),
  );
  assert.equal(
    await replace.getByLabel("Key type").inputValue(),
    rules.keyTypes.find((type) => type.isDefault).id,
  );
  assert.equal(
    await replace.getByLabel("Validity (days)").inputValue(),
    String(rules.validityDays.default),
  );
  await replace
    .getByLabel("Validity (days)")
    .fill(String(rules.validityDays.max + 1));
  await replace.getByText(`At most ${rules.validityDays.max} days`).waitFor();
  await replace
    .getByLabel("Validity (days)")
    .fill(String(rules.validityDays.default));
  await generate(replace);
  const generatedDays = await daysLeft(replace.locator(".generated"));

  // Too short as the module counts, though long enough in UTF-16 units.
  const min = rules.passphraseMinLength;
  const short = "🔑".repeat(min - 1);
  assert.equal(m2m.passphraseLength(short), min - 1);
  assert.ok(short.length >= min, "long enough in UTF-16 units");
  await replace.getByLabel("Passphrase", { exact: true }).fill(short);
  await replace.getByLabel("Repeat passphrase").fill(short);
  await replace.getByRole("button", { name: "Download private key" }).click();
  const passphraseMessage = replace.locator(
    "input[name=passphrase][aria-invalid=true] ~ .field__message",
  );
  await passphraseMessage.waitFor();
  assert.equal(
    await passphraseMessage.innerText(),
    `Use at least ${min} characters.`,
  );
  assert.equal(
    await reservedCode(replace.locator(".field:has(input[name=passphrase])")),
    "passphrase_too_short",
  );
  await screenshot(page, "17-passphrase-too-short");
  assert.equal(
    await replace
      .getByRole("button", { name: "Save the new Certificate ID" })
      .isDisabled(),
    true,
    "nothing was downloaded",
  );

  // Spaces at both ends: typed the same in both fields, they match and count.
  const spaced = "  correct horse battery staple  ";
  const key = await downloadEncryptedKey(page, replace, downloads, spaced);
  await replace.getByText(/Private key downloaded as/).waitFor();
  assert.match(
    openssl(["pkey", "-in", key.path, "-passin", `pass:${spaced}`]),
    /^-----BEGIN PRIVATE KEY-----/,
  );
  assert.throws(() =>
    openssl(["pkey", "-in", key.path, "-passin", `pass:${spaced.trim()}`]),
  );

  // One day count: generated, saved, overview, and the module in Node agree.
  const { certificateId } = await saveNewCertificate(page, replace, downloads);
  const stored = await api(
    backend,
    "GET",
    `/api/organisations/${org.id}/integrations/netsuite`,
  );
  assert.equal(stored.certificate.certificateId, certificateId);
  const expected = m2m.certificateStatus(stored.certificate.notAfter);
  assert.equal(generatedDays, `${expected.daysRemaining} days`);
  assert.equal(expected.daysRemaining, rules.validityDays.default);
  assert.equal(
    await daysLeft(page.locator("#certificate .certificate-summary")),
    generatedDays,
  );
  await gotoApp(page, backend.url, "#/");
  const row = page.locator("#organisations tbody tr", {
    hasText: "Spaces Ltd",
  });
  assert.equal(await row.locator("td.num").innerText(), generatedDays);

  assertNoKeyMaterial(log.requests, [key.text]);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("an organisation name is judged by the module before sending, and its stored form is sent", async () => {
  const max = rules.organisationNameMaxLength;
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/");
  const name = page.getByLabel("Organisation name");
  const add = page.getByRole("button", { name: "Add organisation" });
  const posts = () => log.requests.filter((r) => r.method === "POST").length;
  /** The module's message for `raw`, which the page must show. */
  const refusal = (raw) => {
    try {
      m2m.organisationName(raw);
    } catch (error) {
      return error.message;
    }
    assert.fail(`the module accepts ${JSON.stringify(raw)}`);
  };

  await name.fill("N".repeat(max + 1));
  await add.click();
  await page.getByText(refusal("N".repeat(max + 1))).waitFor();
  assert.equal(await name.getAttribute("aria-invalid"), "true");
  assert.equal(posts(), 0, "nothing was sent");
  await screenshot(page, "18-name-too-long");
  assert.deepEqual(await seriousAxeFindings(page), []);

  const longest = `${"Longest name ".repeat(20)}`.slice(0, max);
  await name.fill(longest);
  await add.click();
  await page.locator("#main").getByText(`Added ${longest}.`).waitFor();
  const { organisations } = await api(backend, "GET", "/api/organisations");
  assert.ok(organisations.some((o) => o.name === longest));

  // Counted as stored: U+0958 is two characters in NFC, so this is too long;
  // a blank-looking Hangul filler is refused; neither is sent, both are kept.
  for (const raw of ["\u0958".repeat(max), "Acme\u3164"]) {
    const before = posts();
    await name.fill(raw);
    await add.click();
    await page.getByText(refusal(raw)).waitFor();
    assert.equal(posts(), before, "nothing was sent");
    assert.equal(await name.inputValue(), raw, "kept");
  }

  // 122 code points as typed, 61 characters stored: accepted, and the stored
  // (NFC) form is what the request carries.
  const decomposed = "e\u0301".repeat(61);
  await name.fill(decomposed);
  await add.click();
  const stored = "\u00e9".repeat(61);
  await page.locator("#main").getByText(`Added ${stored}.`).waitFor();
  const sent = log.requests.filter((r) => r.method === "POST").at(-1);
  assert.equal(
    JSON.parse(Buffer.from(sent.body, "latin1").toString("utf8")).name,
    stored,
  );
  await assertCleanPage(page, log);
  await page.context().close();
});

test("a real reload while the new key exists only in the page asks first; staying keeps it, leaving loses the key, not the pending certificate", async () => {
  const org = await newOrganisation("Reload Co", { validityDays: 300 });
  const { page, log } = await openPage(browser);
  const replace = await openReplace(page, backend.url, org.id);
  await generate(replace);
  const fingerprint = await replace
    .locator(".generated .fingerprint")
    .innerText();

  // Every load of the page's document from here on (a reload that went ahead).
  const documentLoads = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest()) documentLoads.push(request.url());
  });

  // Reload from the page itself: the browser asks (beforeunload); stay.
  const dialog = page.waitForEvent("dialog");
  await page.evaluate(() => setTimeout(() => location.reload(), 0));
  const asked = await dialog;
  assert.equal(asked.type(), "beforeunload");
  await asked.dismiss();
  assert.equal(
    await replace.locator(".generated .fingerprint").innerText(),
    fingerprint,
    "the generated certificate is still there",
  );

  // The browser's own reload (as the toolbar's button does), and leave: the key
  // is gone; the certificate was saved as pending, so it is still there to
  // discard, and the current one is unchanged. Its load is the first and only one
  // since the dismissed reload: that one never went ahead.
  const types = [];
  page.once("dialog", (leave) => {
    types.push(leave.type());
    leave.accept();
  });
  await page.reload();
  assert.deepEqual(types, ["beforeunload"]);
  assert.equal(documentLoads.length, 1, documentLoads.join(", "));
  await page.waitForSelector("html[data-ready='true']");
  await page.locator(".certificate-summary .details").waitFor();
  assert.equal(await page.locator("#replace").count(), 0);
  await page
    .locator("#certificate .pending-certificate .fingerprint")
    .getByText(fingerprint)
    .waitFor();
  const stored = await api(
    backend,
    "GET",
    `/api/organisations/${org.id}/integrations/netsuite`,
  );
  assert.notEqual(stored.certificate.fingerprintSha256, fingerprint);
  assert.equal(stored.pendingCertificate.fingerprintSha256, fingerprint);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("an RSA 3072 replacement through the page, checked with OpenSSL", async () => {
  const org = await newOrganisation("RSA Works", { validityDays: 90 });
  const { page, log } = await openPage(browser);
  const replace = await openReplace(page, backend.url, org.id);
  await generate(replace, "rsa-3072");
  const passphrase = "an RSA key's passphrase";
  const key = await downloadEncryptedKey(page, replace, downloads, passphrase);
  const { certificateFile, certificateId } = await saveNewCertificate(
    page,
    replace,
    downloads,
  );
  await screenshot(page, "19-rsa3072-saved");
  const rsa = rules.keyTypes.find((type) => type.id === "rsa-3072");
  assert.ok(
    (
      await page
        .locator("#certificate .certificate-summary .details")
        .innerText()
    ).includes(rsa.label),
  );

  const text = certificateText(certificateFile.path);
  assert.match(text, /Public Key Algorithm: rsaEncryption/);
  assert.match(text, /Public-Key: \(3072 bit\)/);
  openssl([
    "verify",
    "-x509_strict",
    "-check_ss_sig",
    "-CAfile",
    certificateFile.path,
    certificateFile.path,
  ]);
  opensslOpensEncryptedKey(key.path, certificateFile.path, passphrase);
  const stored = await api(
    backend,
    "GET",
    `/api/organisations/${org.id}/integrations/netsuite`,
  );
  assert.equal(stored.certificate.certificateId, certificateId);
  assert.equal(stored.certificate.keyType, "rsa-3072");
  assertNoKeyMaterial(log.requests, [key.text]);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("the overview's timeline counts by month what the table says, and names the expiring in the table's words", async () => {
  await newOrganisation("Soon Expiring", { validityDays: 20 });
  await newOrganisation("Far Future", { validityDays: 700 });
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/");
  const timeline = page.getByRole("figure", {
    name: "When certificates lapse",
  });
  await timeline.waitFor();
  const rows = page.locator("#organisations tbody tr");
  const sentences = [];
  const perMonth = new Map();
  for (const row of await rows.all()) {
    const cells = await row.locator("th, td").allInnerTexts();
    const [name, , , validUntil, days, status] = cells.map((c) =>
      c.trim().replace(/^(Valid until|Days left|Status)\s*/, ""),
    );
    if (validUntil === "—") continue;
    const iso = await row.locator("time").getAttribute("datetime");
    perMonth.set(iso.slice(0, 7), (perMonth.get(iso.slice(0, 7)) ?? 0) + 1);
    if (status === rules.statuses.find((s) => s.id === "expiring").label)
      sentences.push(
        `${name}: ${status}, valid until ${validUntil} (${days}).`,
      );
  }
  assert.ok(sentences.length >= 1, "an expiring certificate is named");
  assert.deepEqual(
    await page.locator(".timeline__named li").allInnerTexts(),
    sentences,
  );
  for (const [month, n] of perMonth) {
    const column = page.locator(`.timeline__month[data-month="${month}"]`);
    if (!(await column.count())) continue; // beyond the twelve months: "Later"
    assert.equal(
      await column.locator(".timeline__count").innerText(),
      String(n),
    );
    assert.match(await column.innerText(), new RegExp(`^${n}\\s`));
  }
  const soon = rules.statuses.find((s) => s.id === "expiring").label;
  assert.ok(sentences.some((s) => s.startsWith(`Soon Expiring: ${soon},`)));
  assert.match(
    await page.locator("#timeline-text").textContent(),
    new RegExp(`within ${rules.expiringWindowDays} days`),
  );
  await screenshot(page, "20-overview-timeline");
  assert.deepEqual(await seriousAxeFindings(page), []);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("an address no route knows, or whose escapes do not decode: Page not found, with a way back", async () => {
  const { page, log } = await openView(
    browser,
    backend.url,
    "#/nowhere/at/all",
    "Page not found",
  );
  assert.equal(
    await page.title(),
    "Page not found · NetSuite M2M certificates",
  );
  await screenshot(page, "23-not-found");
  assert.deepEqual(await seriousAxeFindings(page), []);
  const notFound = page.getByRole("heading", {
    level: 1,
    name: "Page not found",
  });
  const organisations = page.getByRole("heading", {
    level: 1,
    name: "Organisations",
  });
  await page.getByRole("link", { name: "Go to the organisations." }).click();
  await organisations.waitFor();

  // A malformed %-escape (decodeURIComponent throws): loaded, and reached in the app.
  for (const hash of ["#/org/%E0", "#/test/%E0%A4%A", "#/org/%"]) {
    await gotoApp(page, backend.url, hash);
    await notFound.waitFor();
    assert.match(
      await page.locator("main").innerText(),
      /malformed escape.*Go to the organisations\./s,
    );
  }
  await page.evaluate(() => (location.hash = "#/"));
  await organisations.waitFor();
  await page.evaluate(() => (location.hash = "#/org/%E0"));
  await notFound.waitFor();
  await page.getByRole("link", { name: "Go to the organisations." }).click();
  await organisations.waitFor();
  await assertCleanPage(page, log);
  await page.context().close();
});
