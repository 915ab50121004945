// Messages for people: errors provoked through the page (field checks, the
// backend's 412, 422 and silence, the replacement's and the tools' refusals) are
// sentences without a developer code; each error's code waits in its one reserved
// place (a collapsed "Details for support" under it). Downloads: downloads.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  nodeModule,
  openPage,
  openView,
  randomCertificateId,
  randomClientId,
  seedIntegration,
  screenshot,
  seriousAxeFindings,
  startBackend,
  writeFile,
  WWW,
} from "./support.mjs";
import {
  downloadCertificate,
  downloadEncryptedKey,
  generate,
  openReplace,
} from "./replace-steps.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
const seeded = await seedIntegration(backend, "demo");
const integrationUrl = "/api/organisations/demo/integrations/netsuite";

/** A developer's code: snake_case, e.g. passphrases_differ. */
const CODE = /\b[a-z0-9]+(_[a-z0-9]+)+\b/;

/**
 * Every message, alert, status and field message on the page, as a person
 * reads it: `text` is what shows outside the reserved place (a closed
 * .error-details), `code` what the reserved place holds (null: none), `error`
 * whether it is an error.
 */
async function shownMessages(page) {
  return page.evaluate(() => {
    const selector =
      ".message, .field__message, [role=alert], [role=status], .download-note";
    const visible = (el) =>
      el.checkVisibility() && el.textContent.trim() !== "";
    // A field's reserved place is beside its message, not in it (the message is
    // the input's description and is read out whole).
    const reserved = (el) =>
      el.querySelector(".error-details") ??
      (el.classList.contains("field__message")
        ? el.parentElement.querySelector(".field__support .error-details")
        : null);
    const outermost = [...document.querySelectorAll(selector)].filter(
      (el) => visible(el) && !el.parentElement.closest(selector),
    );
    return outermost.map((el) => {
      const outside = el.cloneNode(true);
      outside.querySelectorAll(".error-details").forEach((d) => d.remove());
      const details = reserved(el);
      return {
        // IDs shown to compare (base64url Certificate IDs, hex Client IDs) are
        // data, not codes: one may hold "_" between lower-case letters.
        text: outside.textContent
          .replace(/[A-Za-z0-9_-]{40,}/g, "<ID>")
          .replace(/\s+/g, " ")
          .trim(),
        error: el.matches(
          ".message--error, .field__message--error, [role=alert]",
        ),
        code: details?.querySelector(".error-code")?.textContent.trim() ?? null,
        closed: details ? !details.open : null,
      };
    });
  });
}

/**
 * Asserts that no message shows a code outside the reserved place, that every
 * error has its code there, collapsed, and that `codes` are among them.
 */
async function assertForPeople(page, codes = []) {
  const shown = await shownMessages(page);
  for (const { text, error, code, closed } of shown) {
    assert.doesNotMatch(text, CODE, `a code outside its place: "${text}"`);
    assert.ok(!text.includes("(code "), `"(code " in: "${text}"`);
    if (!error) continue;
    assert.match(code ?? "", /^[a-z0-9]+(_[a-z0-9]+)*$/, `no code: "${text}"`);
    assert.equal(closed, true, `the details start collapsed: "${text}"`);
  }
  const found = shown.filter((m) => m.error).map((m) => m.code);
  for (const code of codes)
    assert.ok(found.includes(code), `${code} shown; found ${found}`);
  return shown;
}

/** Opens #/org/demo with its IDs loaded; returns the page and its settings card. */
async function openSettings() {
  const opened = await openPage(browser);
  await gotoApp(opened.page, backend.url, "#/org/demo");
  await opened.page.waitForFunction(
    () => document.querySelector("input[name=accountId]")?.value,
  );
  return { ...opened, settings: opened.page.locator("#settings") };
}

test("field errors read as sentences; the code waits in Details for support, collapsed and copyable", async () => {
  const { page, log, settings } = await openSettings();
  await settings.getByLabel("Account ID").fill("12 34");
  await settings.getByLabel("Client ID").fill("not hex");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings.getByRole("alert").waitFor();
  await assertForPeople(page, [
    "invalid_account_id",
    "invalid_client_id",
    "invalid_fields",
  ]);

  // Empty: a sentence, not "Enter the <label>." built from a label that is no noun.
  await settings.getByLabel("Client ID").fill("");
  await settings.getByRole("button", { name: "Save changes" }).click();
  const clientMessage = settings.locator(
    ".field:has(input[name=clientId]) .field__message",
  );
  assert.equal(await clientMessage.innerText(), "Enter the Client ID.");
  await assertForPeople(page, ["required"]);

  // Opened, the reserved place shows the code, whole, to select and copy.
  const details = settings
    .locator(".field:has(input[name=clientId]) .error-details")
    .first();
  await details.locator("summary").click();
  const code = details.locator(".error-code");
  await code.waitFor();
  assert.equal(await code.innerText(), "required");
  assert.equal(
    await code.evaluate((el) => getComputedStyle(el).userSelect),
    "all",
  );
  await screenshot(page, "60-error-details-for-support");
  assert.deepEqual(await seriousAxeFindings(page), []);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("a 412, a 422 and an unreachable backend: sentences; code and HTTP status in the reserved place", async () => {
  const { page, log, settings } = await openSettings();

  // 412: someone else saved meanwhile.
  const current = await api(backend, "GET", integrationUrl);
  await api(backend, "PUT", integrationUrl, {
    body: { accountId: current.accountId, clientId: randomClientId() },
    version: current.version,
  });
  await settings.getByLabel("Client ID").fill(randomClientId());
  await settings.getByRole("button", { name: "Save changes" }).click();
  // Not an error: the latest version is loaded and the changes are listed.
  const conflict = settings.locator(".message--warning", {
    hasText: "saved elsewhere",
  });
  await conflict.waitFor();
  await assertForPeople(page);
  await conflict.locator("summary").click();
  assert.match(
    await conflict.locator(".error-details").innerText(),
    /version_mismatch, HTTP status 412/,
  );

  // 422: the backend refuses a field (as a backend with stricter rules would).
  const refuse = (route) =>
    route.request().method() === "PUT"
      ? route.fulfill({
          status: 422,
          contentType: "application/json",
          body: JSON.stringify({
            error: {
              code: "invalid_account_id",
              message: "This backend does not serve that account.",
              field: "accountId",
            },
          }),
        })
      : route.continue();
  await page.route(`**${integrationUrl}`, refuse);
  await settings.getByRole("button", { name: "Save changes" }).click();
  await settings
    .locator(".field__message", { hasText: "does not serve that account" })
    .waitFor();
  await assertForPeople(page, ["invalid_account_id"]);
  await page.unroute(`**${integrationUrl}`, refuse);

  await assertCleanPage(page, log, { allowedStatuses: [412, 422] });
  await page.context().close();

  // No answer at all: a backend of its own, stopped under the open page.
  const gone = await startBackend();
  await api(gone, "PUT", integrationUrl, {
    body: { accountId: "1234567", clientId: randomClientId() },
  });
  const opened = await openPage(browser);
  await gotoApp(opened.page, gone.url, "#/org/demo");
  await opened.page.waitForFunction(
    () => document.querySelector("input[name=accountId]")?.value,
  );
  await gone.stop();
  const goneSettings = opened.page.locator("#settings");
  await goneSettings.getByLabel("Client ID").fill(randomClientId());
  await goneSettings.getByRole("button", { name: "Save changes" }).click();
  await goneSettings.getByText(/could not reach the server/).waitFor();
  await assertForPeople(opened.page, ["network_error"]);
  await goneSettings.locator(".error-details summary").click();
  assert.match(
    await goneSettings.locator(".error-details").innerText(),
    /network_error, no answer from the server/,
  );
  await opened.context.close();
  await gone.close();
});

test("the replacement: passphrases missing or differing, a wrong Certificate ID, in sentences", async () => {
  const { page, log } = await openPage(browser);
  const replace = await openReplace(page, backend.url, "demo");
  await generate(replace);
  const passphrase = "a passphrase long enough";
  await replace.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await replace.getByRole("button", { name: "Download private key" }).click();
  const again = replace.locator(
    ".field:has(input[name=passphraseAgain]) .field__message",
  );
  assert.equal(await again.innerText(), "Type the passphrase again.");
  await assertForPeople(page, ["required"]);

  await replace.getByLabel("Repeat passphrase").fill(`${passphrase}!`);
  await replace.getByRole("button", { name: "Download private key" }).click();
  await again.getByText("The two passphrases differ.").waitFor();
  await assertForPeople(page, ["passphrases_differ"]);

  await downloadEncryptedKey(page, replace, downloads, passphrase);
  await downloadCertificate(page, replace, downloads);
  await replace
    .getByRole("textbox", { name: "Certificate ID" })
    .fill(randomCertificateId());
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  await replace.getByRole("alert").waitFor();
  await assertForPeople(page, ["certificate_id_mismatch"]);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("Check a certificate and Test the credentials: key file problems in sentences", async () => {
  const m2m = await nodeModule();
  const passphrase = "the right passphrase";
  const keyFile = path.join(downloads, "encrypted-key.pem");
  await writeFile(
    keyFile,
    await m2m.encryptPrivateKey(seeded.privateKeyPem, passphrase),
  );
  const other = await m2m.generate({ keyType: "ec-p256", validityDays: 30 });
  const otherKey = path.join(downloads, "other-key.pem");
  await writeFile(otherKey, other.privateKeyPem);
  const notAKey = path.join(downloads, "not-a-key.pem");
  await writeFile(notAKey, "hello");

  const { page, log } = await openView(
    browser,
    backend.url,
    "#/check",
    "Check a certificate",
  );
  const checkButton = page.getByRole("button", { name: "Check certificate" });
  await checkButton.click();
  await page
    .getByText("Paste a certificate, or choose or drop a file.")
    .waitFor();
  await assertForPeople(page, ["certificate_required"]);
  await page
    .getByLabel("Certificate (PEM)")
    .fill("-----BEGIN CERTIFICATE-----");
  await checkButton.click();
  await page.getByRole("alert").waitFor();
  await assertForPeople(page, ["not_a_certificate"]);
  await page.getByLabel("Certificate (PEM)").fill(other.privateKeyPem);
  await checkButton.click();
  await page
    .getByRole("alert")
    .getByText(/private key, not a certificate/)
    .waitFor();
  await assertForPeople(page, ["private_key_not_certificate"]);

  await page.getByLabel("Certificate (PEM)").fill(seeded.certificatePem);
  await checkButton.click();
  await page
    .getByRole("heading", { name: "NetSuite accepts this certificate" })
    .waitFor();
  const checkKey = page.getByRole("button", { name: "Check the key" });
  await checkKey.click();
  await page.getByText("Choose the private key file first.").waitFor();
  await assertForPeople(page, ["key_file_required"]);
  const keyInput = page.getByLabel("Private key file", { exact: true });
  await keyInput.setInputFiles(keyFile);
  await page.getByLabel("Passphrase (if the key is encrypted)").fill("wrong");
  await checkKey.click();
  await page.locator(".field__message--error").waitFor();
  await assertForPeople(page, ["wrong_passphrase"]);
  // What failed, then why, as two sentences (not "the key: The passphrase").
  await page
    .getByRole("alert")
    .getByText("Could not check the key. The passphrase does not open")
    .waitFor();
  await keyInput.setInputFiles(otherKey);
  await page.getByLabel("Passphrase (if the key is encrypted)").fill("");
  await checkKey.click();
  await page.getByText(/does not match this certificate/).waitFor();
  await assertForPeople(page, ["key_mismatch"]);
  await keyInput.setInputFiles(notAKey);
  await checkKey.click();
  await page
    .getByRole("alert")
    .getByText(/not a private key/)
    .waitFor();
  await assertForPeople(page, ["invalid_private_key"]);

  await gotoApp(page, backend.url, "#/test");
  const create = page.getByRole("button", { name: "Create client assertion" });
  await create.click();
  await page.getByRole("alert").waitFor();
  await assertForPeople(page, ["invalid_fields", "required"]);
  await page.getByLabel("Organisation").selectOption("demo");
  await page.waitForFunction(
    () => document.querySelector("input[name=certificateId]")?.value,
  );
  await page.getByLabel("A private key file").check();
  await create.click();
  await page.getByText("Choose the private key file, or a kept key.").waitFor();
  await assertForPeople(page, ["key_file_required"]);
  await page
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(keyFile);
  await create.click();
  await page.locator(".field__message--error").waitFor();
  await assertForPeople(page, ["passphrase_required"]);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("no script of the page writes a code into a sentence", async () => {
  const { readdir, readFile } = await import("node:fs/promises");
  const root = path.join(WWW, "js");
  const files = (await readdir(root, { recursive: true })).filter((f) =>
    f.endsWith(".js"),
  );
  assert.ok(files.length > 20);
  const offenders = [];
  for (const file of files) {
    const text = await readFile(path.join(root, file), "utf8");
    if (text.includes("(code ")) offenders.push(file);
  }
  assert.deepEqual(offenders, []);
});
