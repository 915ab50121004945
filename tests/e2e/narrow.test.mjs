// A phone, 390x844: no view scrolls sideways, the page or any box in it, and
// nothing sticks out of the screen (checked by the elements' geometry); the
// overview's rows are cards that each show the status, the days left and the
// valid-until date; the history and the check's and test's results fit as well.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  gotoApp,
  nodeModule,
  openPage,
  screenshot,
  seedIntegration,
} from "./support.mjs";
import { checkCertificate, createAssertion } from "./tool-steps.mjs";

const PHONE = { width: 390, height: 844 };

const { backend, browser, downloads } = await e2eEnvironment();
const seeded = await seedIntegration(backend, "demo", { validityDays: 30 });
{
  // A second certificate, so that the history has rows to fit.
  const base = "/api/organisations/demo/integrations/netsuite";
  const current = await api(backend, "GET", base);
  const next = await (await nodeModule()).generate({ validityDays: 400 });
  await api(backend, "PUT", `${base}/certificate`, {
    body: {
      certificateId: next.certificate.expectedCertificateId,
      certificatePem: next.certificate.pem,
    },
    version: current.version,
  });
}
for (const [name, days] of [
  ["A rather long organisation name, Pty Ltd (Australia & New Zealand)", 700],
  ["Short", 5],
]) {
  const org = await api(backend, "POST", "/api/organisations", {
    body: { name },
  });
  await seedIntegration(backend, org.id, { validityDays: days });
}
await api(backend, "POST", "/api/organisations", {
  body: { name: "Not set up yet" },
});

/** What sticks out of the screen, or scrolls sideways inside its box. */
function sideways(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    const name = (el) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")} "${el.textContent.trim().slice(0, 40)}"`;
    if (document.documentElement.scrollWidth > width)
      found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.body.querySelectorAll("*")) {
      if (el.closest(".visually-hidden, .skip-link, thead")) continue;
      const box = el.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      if (box.left < -0.5 || box.right > width + 0.5)
        found.push(`${name(el)} spans ${box.left}..${box.right}`);
      const overflow = getComputedStyle(el).overflowX;
      if (/auto|scroll/.test(overflow) && el.scrollWidth > el.clientWidth + 1)
        found.push(`${name(el)} scrolls sideways inside`);
    }
    return found;
  });
}

async function phoneAt(hash, ready) {
  const opened = await openPage(browser, { viewport: PHONE });
  await gotoApp(opened.page, backend.url, hash);
  await opened.page.locator(ready).first().waitFor();
  return opened;
}

test("at 390 px the overview is one card per organisation, each with its status, days left and valid-until", async () => {
  const { page, log } = await phoneAt("#/", "#organisations tbody tr");
  assert.deepEqual(await sideways(page), []);
  const cards = page.locator("#organisations tbody tr");
  assert.equal(await cards.count(), 4);
  for (const card of await cards.all()) {
    const box = await card.boundingBox();
    for (const label of ["Status", "Days left", "Valid until"]) {
      const cell = card.locator(`td[data-label="${label}"]`);
      // The column's name is drawn before the value (the header row is hidden).
      const shown = await cell.evaluate(
        (el) => getComputedStyle(el, "::before").content,
      );
      assert.equal(shown, `"${label}"`);
      assert.ok((await cell.innerText()).trim(), `${label} has a value`);
      const at = await cell.boundingBox();
      assert.ok(
        at.width > 0 &&
          at.height > 0 &&
          at.x >= box.x &&
          at.x + at.width <= box.x + box.width + 0.5 &&
          at.x + at.width <= PHONE.width &&
          at.y >= box.y &&
          at.y + at.height <= box.y + box.height + 0.5,
        `${label} lies inside its card and the screen`,
      );
    }
    assert.match(
      await card.locator('td[data-label="Days left"]').innerText(),
      /^(\d+ days?|expired \d+ days? ago|—)$/,
    );
  }
  // The timeline's words are at least 12 px high.
  const sizes = await page
    .locator("#timeline .timeline__label, #timeline .timeline__count")
    .evaluateAll((els) =>
      els.map((el) => parseFloat(getComputedStyle(el).fontSize)),
    );
  assert.ok(Math.min(...sizes) >= 12, `smallest: ${Math.min(...sizes)}px`);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("at 390 px an organisation's page and its history fit the screen", async () => {
  const { page, log } = await phoneAt("#/org/demo", "#history-table tbody tr");
  assert.deepEqual(await sideways(page), []);
  assert.ok((await page.locator("#history-table tbody tr").count()) >= 2);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("at 390 px a pending certificate, the previous certificates and the organisation's controls fit the screen", async () => {
  const org = await api(backend, "POST", "/api/organisations", {
    body: { name: "Pending Rotation Ltd" },
  });
  await seedIntegration(backend, org.id);
  const base = `/api/organisations/${org.id}/integrations/netsuite`;
  const m2m = await nodeModule();
  // A replacement (so there is a previous certificate), then a pending one.
  for (const path of ["certificate", "pending-certificate"]) {
    const current = await api(backend, "GET", base);
    const next = await m2m.generate({ validityDays: 200 });
    await api(backend, "PUT", `${base}/${path}`, {
      body:
        path === "certificate"
          ? {
              certificateId: next.certificate.expectedCertificateId,
              certificatePem: next.certificate.pem,
            }
          : { certificatePem: next.certificate.pem },
      version: current.version,
    });
  }
  const { page, log } = await phoneAt(
    `#/org/${org.id}`,
    "#certificate .pending-certificate",
  );
  await page.locator("#history .revoke").first().waitFor();
  for (const summary of ["Rename organisation", "Remove organisation"])
    await page.getByText(summary, { exact: true }).click();
  await page.locator("#history .revoke summary").first().click();
  assert.deepEqual(await sideways(page), []);
  await screenshot(page, "narrow-pending-and-previous");
  await assertCleanPage(page, log);
  await page.context().close();
});

test("at 390 px the check's result and the test's result fit the screen", async () => {
  const { page, log } = await phoneAt("#/check", "textarea");
  await checkCertificate(page, backend.url, seeded.certificatePem);
  assert.deepEqual(await sideways(page), []);
  // The seeded key belongs to demo's earlier certificate, so the page also warns
  // that it does not match the saved one: a sentence with a 43-character ID in it.
  await createAssertion(page, backend.url, {
    orgId: "demo",
    keyPem: seeded.privateKeyPem,
    dir: downloads,
  });
  await page.getByText(/The chosen private key does not belong/).waitFor();
  assert.deepEqual(await sideways(page), []);
  await assertCleanPage(page, log);
  await page.context().close();
});
