// The replace flow's steps as a user takes them (by accessible names), for the
// tests that go through it; openssl-checks.mjs checks what they download.
import { download, gotoApp, opensslCertificateId } from "./support.mjs";

/**
 * Opens Update certificate > Replace certificate on #/org/:id of the page at `url`
 * (for a certificate NetSuite refuses, expired or revoked, the card's button is
 * Replace certificate itself).
 */
export async function openReplace(page, url, orgId) {
  await gotoApp(page, url, `#/org/${orgId}`);
  await page
    .getByRole("button", { name: /^(Update|Replace) certificate$/ })
    .click();
  await page.getByLabel("Replace certificate").check();
  const replace = page.locator("#replace");
  await replace.getByRole("heading", { name: "Replace certificate" }).waitFor();
  return replace;
}

/**
 * Step 1, with `keyType` chosen (or the default), and the certificate saved as
 * pending. A pending certificate an earlier test left on a shared organisation is
 * discarded as a user would: by accepting the question that names it. Resolves
 * to the questions asked.
 */
export async function generate(replace, keyType) {
  const page = replace.page();
  const asked = [];
  const answer = (dialog) => {
    asked.push(dialog.message());
    if (/discards the pending certificate/.test(dialog.message()))
      dialog.accept();
    else dialog.dismiss();
  };
  page.on("dialog", answer);
  try {
    if (keyType) await replace.getByLabel("Key type").selectOption(keyType);
    await replace
      .getByRole("button", { name: "Generate new certificate" })
      .click();
    await replace.getByText(/Generated in/).waitFor({ timeout: 120_000 });
  } finally {
    page.off("dialog", answer);
  }
  return asked;
}

/** Step 2, encrypted: types both passphrases and downloads the key into `dir`. */
export async function downloadEncryptedKey(page, replace, dir, passphrase) {
  await replace.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await replace.getByLabel("Repeat passphrase").fill(passphrase);
  return download(
    page,
    () => replace.getByRole("button", { name: "Download private key" }).click(),
    dir,
  );
}

/** Step 3: downloads the new certificate into `dir`. */
export function downloadCertificate(page, replace, dir) {
  return download(
    page,
    () =>
      replace
        .getByRole("button", { name: "Download the new certificate (.pem)" })
        .click(),
    dir,
  );
}

/**
 * Steps 3 and 4: downloads the certificate into `dir` and saves the ID NetSuite
 * would list for that file (computed by OpenSSL from the downloaded file).
 */
export async function saveNewCertificate(page, replace, dir) {
  const certificateFile = await downloadCertificate(page, replace, dir);
  const certificateId = opensslCertificateId(certificateFile.text);
  await saveCertificateId(page, replace, certificateId);
  return { certificateFile, certificateId };
}

/** Step 4: saves `certificateId`, the ID NetSuite listed for the new certificate. */
export async function saveCertificateId(page, replace, certificateId) {
  await replace
    .getByRole("textbox", { name: "Certificate ID" })
    .fill(certificateId);
  await replace
    .getByRole("button", { name: "Save the new Certificate ID" })
    .click();
  await page
    .locator("#certificate")
    .getByText(/New certificate saved/)
    .waitFor();
}
