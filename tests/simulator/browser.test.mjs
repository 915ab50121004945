// The setup pages in Chromium, by their labels and roles only: open an
// account, make an integration record, Create New with a certificate file,
// Revoke. (Chromium sends Origin and Sec-Fetch-Site on these form posts:
// what the same-origin check must let through.)
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { launchChromium } from "../../scripts/chromium.mjs";
import { makeCertificate, simulator, tempDir } from "./helpers.mjs";

const dir = tempDir();
const sim = await simulator();
const browser = await launchChromium();
after(() => browser.close());

test("a person sets up a mapping and revokes it with the pages alone", async () => {
  const certificate = makeCertificate(dir, ["-newkey", "rsa:3072"]);
  const page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(sim.url);
  await page.getByLabel("Account ID").fill("1234567_SB1");
  await page.getByRole("button", { name: "Open account" }).click();
  await page.getByRole("link", { name: "Integrations" }).click();
  await page.getByLabel("Name").fill("Chromium app");
  await page.getByLabel("SuiteAnalytics Connect").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  assert.match(
    await page.getByRole("table").textContent(),
    /Chromium app.*RESTlets, REST Web Services/s,
  );

  await page
    .getByRole("link", { name: "OAuth 2.0 Client Credentials (M2M) Setup" })
    .click();
  await page.getByRole("link", { name: "Create New" }).click();
  assert.match(
    await page.getByLabel("Application (Client ID)").textContent(),
    /Chromium app/,
  );
  await page.getByLabel("Entity").fill("Larry Nelson");
  await page.getByLabel("Role").fill("Administrator");
  await page.getByLabel(/^Certificate/).setInputFiles(certificate.certFile);
  await page.getByRole("button", { name: "Save" }).click();
  assert.equal(
    await page.getByRole("status").textContent(),
    `Saved. CERTIFICATE ID: ${certificate.id}`,
  );
  const row = page.getByRole("row").filter({ hasText: certificate.id });
  assert.match(
    await row.textContent(),
    /Larry Nelson.*Administrator.*RSA 3072/s,
  );

  await row
    .getByRole("button", { name: `Revoke certificate ${certificate.id}` })
    .click();
  assert.equal(
    await page.getByRole("status").textContent(),
    `Revoked ${certificate.id}.`,
  );
  assert.match(
    await page
      .getByRole("row")
      .filter({ hasText: certificate.id })
      .textContent(),
    /Revoked \d{4}-/,
  );
});
