// The check's and the test's views taken as a user takes them (by accessible
// names), for the tests that need their results on screen.
import path from "node:path";
import { gotoApp, writeFile } from "./support.mjs";

/** #/check with `pem` checked and accepted. */
export async function checkCertificate(page, url, pem) {
  await gotoApp(page, url, "#/check");
  await page.getByLabel("Certificate (PEM)").fill(pem);
  await page.getByRole("button", { name: "Check certificate" }).click();
  await page
    .getByRole("heading", { name: "NetSuite accepts this certificate" })
    .waitFor();
}

/**
 * #/test with a client assertion made for `orgId` from an unencrypted key file
 * (written into `dir`). Any key makes one: NetSuite, not the page, refuses a
 * mismatch.
 */
export async function createAssertion(page, url, { orgId, keyPem, dir }) {
  await gotoApp(page, url, "#/test");
  await page.getByLabel("Organisation").selectOption(orgId);
  await page.waitForFunction(
    () => document.querySelector("input[name=certificateId]")?.value,
  );
  const keyFile = path.join(dir, `${orgId}-assertion-key.pem`);
  await writeFile(keyFile, keyPem);
  await page.getByLabel("A private key file").check();
  await page
    .getByLabel("Private key file", { exact: true })
    .setInputFiles(keyFile);
  await page.getByRole("button", { name: "Create client assertion" }).click();
  await page.locator("#curl-command").waitFor({ timeout: 30_000 });
}
