// Downloads: every download confirms, next to its button, in a polite live
// region, the file name the browser was given; a certificate's files (key,
// certificate, reminder) are named after it, so two certificates made one after
// another never share a name and step 3 names the file just saved.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  download,
  downloadReminder,
  e2eEnvironment,
  openPage,
  opensslCertificateId,
  seedIntegration,
  screenshot,
  seriousAxeFindings,
} from "./support.mjs";
import {
  downloadCertificate,
  downloadEncryptedKey,
  generate,
  openReplace,
  saveCertificateId,
} from "./replace-steps.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
await seedIntegration(backend, "demo");
const integrationUrl = "/api/organisations/demo/integrations/netsuite";

/** The confirmation under a download button, once it names `name`. */
async function confirmation(scope, name) {
  const note = scope.locator(".download-note:visible", { hasText: name });
  await note.waitFor();
  assert.equal(await note.getAttribute("aria-live"), "polite");
  assert.equal(await note.getAttribute("role"), "status");
  return note.innerText();
}

test("every download confirms its file name; two certificates in a row get different names", async () => {
  const { page, log } = await openPage(browser);
  const names = [];
  for (const round of [1, 2]) {
    const replace = await openReplace(page, backend.url, "demo");
    await generate(replace);
    const key = await downloadEncryptedKey(
      page,
      replace,
      downloads,
      "a passphrase long enough",
    );
    await replace.getByText(`Private key downloaded as ${key.name}`).waitFor();
    const certificateFile = await downloadCertificate(page, replace, downloads);
    await confirmation(replace, certificateFile.name);
    assert.ok(
      (await replace.locator(".netsuite-steps").innerText()).includes(
        certificateFile.name,
      ),
      "step 3 names the file just saved",
    );
    const certificateId = opensslCertificateId(certificateFile.text);
    await saveCertificateId(page, replace, certificateId);
    // Named after the certificate: its key type and the start of its ID.
    const stem = `demo-company-netsuite-ec-p256-${certificateId.slice(0, 8)}`;
    assert.equal(
      certificateFile.name,
      `${stem}-certificate.pem`,
      `round ${round}`,
    );
    assert.equal(key.name, `${stem}-private-key.pem`);
    names.push(key.name, certificateFile.name);
  }
  assert.equal(new Set(names).size, 4, names.join(", "));

  // The saved certificate's own downloads, in its card.
  const card = page.locator("#certificate");
  const pem = await download(
    page,
    () =>
      card
        .getByRole("button", {
          name: "Download the current certificate (.pem)",
        })
        .click(),
    downloads,
  );
  assert.match(
    await confirmation(card, pem.name),
    /^✓? ?Certificate downloaded as /,
  );
  const stored = await api(backend, "GET", integrationUrl);
  assert.equal(pemOf(pem.text), pemOf(stored.certificate.pem));
  assert.ok(pem.name.includes(stored.certificate.certificateId.slice(0, 8)));
  const ics = await downloadReminder(page, downloads, card);
  assert.match(ics.name, /-reminder\.ics$/);
  assert.ok(ics.name.startsWith(pem.name.replace(/-certificate\.pem$/, "")));
  await confirmation(card, ics.name);
  await screenshot(page, "61-downloads-confirmed");

  assert.deepEqual(await seriousAxeFindings(page), []);
  await assertCleanPage(page, log);
  await page.context().close();
});

const pemOf = (text) => text.replace(/\s+/g, "");
