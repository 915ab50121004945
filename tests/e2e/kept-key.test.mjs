// A key kept in this browser can be removed again, after a confirmation, wherever it
// is shown: on the Certificate card (said to belong to the current, a revoked or an
// earlier certificate) and on Test the credentials. IndexedDB itself is read to
// prove it gone.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  openPage,
  screenshot,
  seedIntegration,
} from "./support.mjs";
import {
  downloadEncryptedKey,
  generate,
  openReplace,
  saveNewCertificate,
} from "./replace-steps.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
await seedIntegration(backend, "demo");
const PASSPHRASE = "correct horse battery staple";
const REMOVE = "Remove the kept key from this browser";

/** What this browser's key store holds for `orgId`, or null (read, never created). */
function keptRecord(page, orgId) {
  return page.evaluate(
    (orgId) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("netsuite-m2m");
        open.onupgradeneeded = () => open.transaction.abort(); // no store yet
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction("keys").objectStore("keys").get(orgId);
          get.onsuccess = () => {
            db.close();
            const record = get.result;
            resolve(
              record
                ? {
                    fingerprintSha256: record.fingerprintSha256,
                    isCryptoKey: record.cryptoKey instanceof CryptoKey,
                  }
                : null,
            );
          };
          get.onerror = () => reject(get.error);
        };
      }),
    orgId,
  );
}

/**
 * One replacement through the page; `keep` also keeps the new key in this browser,
 * and checks what the Certificate card says of it before the new certificate is
 * saved: it is the new certificate's key, to keep (not "an earlier" one to remove).
 */
async function replaceCertificate(page, { keep }) {
  const replace = await openReplace(page, backend.url, "demo");
  await generate(replace);
  const fingerprint = await replace
    .locator(".generated .fingerprint")
    .innerText();
  await downloadEncryptedKey(page, replace, downloads, PASSPHRASE);
  if (keep) {
    await replace
      .getByRole("button", { name: "Keep the key in this browser" })
      .click();
    await replace.getByText(/Kept in this browser/).waitFor();
    const note = page.locator("#certificate .kept-key");
    await note.getByText(/belongs to the pending certificate/).waitFor();
    assert.doesNotMatch(await note.innerText(), /earlier certificate|null/);
  }
  await saveNewCertificate(page, replace, downloads);
  return fingerprint;
}

/** Clicks `button`, answers its confirmation with `accept`; returns the question. */
async function answerConfirmation(page, button, accept) {
  const dialog = page.waitForEvent("dialog");
  const clicked = button.click();
  const asked = await dialog;
  assert.equal(asked.type(), "confirm");
  await (accept ? asked.accept() : asked.dismiss());
  await clicked;
  return asked.message();
}

test("the kept key of a revoked certificate is removed from the Certificate card", async () => {
  const { page, log } = await openPage(browser);
  const fingerprint = await replaceCertificate(page, { keep: true });
  const card = page.locator("#certificate");
  const note = card.locator(".kept-key");
  await note.getByText(/belongs to the current certificate:/).waitFor();
  assert.deepEqual(await keptRecord(page, "demo"), {
    fingerprintSha256: fingerprint,
    isCryptoKey: true,
  });

  // Record the revocation: the card says what the key is now, and offers removal.
  await card
    .getByText("Record that the current certificate was revoked in NetSuite")
    .click();
  await card.getByLabel(/^I revoked certificate/).check();
  await card.getByRole("button", { name: "Record revocation" }).click();
  await card.getByText(/Revocation recorded/).waitFor();
  await note.getByText(/current certificate, which was revoked/).waitFor();
  await screenshot(page, "30-kept-key-revoked");

  // Cancelling the confirmation keeps it.
  const remove = note.getByRole("button", { name: REMOVE });
  const question = await answerConfirmation(page, remove, false);
  assert.match(
    question,
    /Remove the private key of Demo Company kept in this browser\?/,
  );
  assert.notEqual(await keptRecord(page, "demo"), null, "kept after Cancel");
  assert.equal(await remove.isVisible(), true);

  await answerConfirmation(page, remove, true);
  await card.getByText("The kept key was removed from this browser.").waitFor();
  assert.equal(await keptRecord(page, "demo"), null);
  assert.equal(await note.getByRole("button", { name: REMOVE }).count(), 0);

  await assertCleanPage(page, log);
  await page.context().close();
});

test("after a replacement, the previous certificate's kept key is offered for removal, also on Test the credentials", async () => {
  const { page, log } = await openPage(browser);
  const kept = await replaceCertificate(page, { keep: true });
  const replaced = await replaceCertificate(page, { keep: false });
  assert.notEqual(kept, replaced);
  const note = page.locator("#certificate .kept-key");
  await note.getByText(/belongs to an earlier certificate/).waitFor();
  assert.equal(
    await note.getByRole("button", { name: REMOVE }).isVisible(),
    true,
  );
  assert.equal((await keptRecord(page, "demo")).fingerprintSha256, kept);

  await gotoApp(page, backend.url, "#/test/demo");
  const note2 = page.getByText(/It belongs to a different certificate/);
  await note2.waitFor();
  await screenshot(page, "31-kept-key-test-view");
  await answerConfirmation(
    page,
    page.getByRole("button", { name: REMOVE }),
    true,
  );
  await page.getByText("The kept key was removed from this browser.").waitFor();
  assert.equal(await keptRecord(page, "demo"), null);
  assert.equal(
    await page.getByLabel("The key kept in this browser").isDisabled(),
    true,
  );
  await page
    .getByText("No key of this organisation is kept in this browser.")
    .waitFor();
  assert.equal(await page.getByLabel("A private key file").isChecked(), true);
  await assertCleanPage(page, log);
  await page.context().close();
});
