// Daily comfort: a dark theme that follows the system (axe clean in light and
// dark, every view), the passphrase fields as a password manager sees them (a real
// form, new-password, a username naming the key) with a Show toggle, the calendar
// reminder linking to the organisation's page, code announced through a captioned
// figure, and step headings read "Step 1: …".
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assertCleanPage,
  downloadReminder,
  e2eEnvironment,
  gotoApp,
  openPage,
  seedIntegration,
  seriousAxeFindings,
} from "./support.mjs";
import { generate, openReplace } from "./replace-steps.mjs";
import { checkCertificate, createAssertion } from "./tool-steps.mjs";

const { backend, browser, downloads } = await e2eEnvironment();
const seeded = await seedIntegration(backend, "demo", { validityDays: 200 });

/** The relative luminance (WCAG) of the body's background colour. */
function backgroundLuminance(page) {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body.parentElement)
      .backgroundColor.match(/[\d.]+/g)
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

/** The test view with a signed assertion shown. */
const assertionShown = (page) =>
  createAssertion(page, backend.url, {
    orgId: "demo",
    keyPem: seeded.privateKeyPem,
    dir: downloads,
  });

for (const scheme of ["light", "dark"]) {
  test(`every view in the ${scheme} theme is axe clean (contrast included)`, async () => {
    const { page, log } = await openPage(browser);
    await page.emulateMedia({ colorScheme: scheme });
    await gotoApp(page, backend.url, "#/");
    await page.locator("#organisations").waitFor();
    const luminance = await backgroundLuminance(page);
    if (scheme === "dark") assert.ok(luminance < 0.05, `${luminance}`);
    else assert.ok(luminance > 0.8, `${luminance}`);
    const findings = {};
    findings.overview = await seriousAxeFindings(page);

    await checkCertificate(page, backend.url, seeded.certificatePem);
    findings.check = await seriousAxeFindings(page);

    await assertionShown(page);
    findings.test = await seriousAxeFindings(page);

    // Last: a generated key is unsaved work, and leaving it asks first.
    const replace = await openReplace(page, backend.url, "demo");
    await generate(replace);
    findings.replace = await seriousAxeFindings(page);
    assert.deepEqual(findings, {
      overview: [],
      check: [],
      test: [],
      replace: [],
    });
    await assertCleanPage(page, log);
    await page.context().close();
  });
}

test("a password manager's view: the new passphrase in a real form, new-password, a username, and Show", async () => {
  const { page, log } = await openPage(browser);
  const replace = await openReplace(page, backend.url, "demo");
  await generate(replace);
  const passphrase = replace.getByLabel("Passphrase", { exact: true });
  const again = replace.getByLabel("Repeat passphrase");
  for (const input of [passphrase, again]) {
    const seen = await input.evaluate((el) => ({
      type: el.type,
      autocomplete: el.getAttribute("autocomplete"),
      inForm: el.form instanceof HTMLFormElement,
      username: el.form?.querySelector("input[autocomplete=username]")?.value,
      sameForm: el.form === document.querySelector("[name=passphrase]").form,
    }));
    assert.deepEqual(seen, {
      type: "password",
      autocomplete: "new-password",
      inForm: true,
      username: "NetSuite M2M key: demo",
      sameForm: true,
    });
  }

  // Show, and hide again: what was typed is kept.
  await passphrase.fill("a passphrase to check");
  const show = replace.getByRole("button", { name: "Show passphrase" });
  await show.click();
  assert.equal(await show.getAttribute("aria-pressed"), "true");
  assert.equal(await passphrase.getAttribute("type"), "text");
  assert.equal(await passphrase.inputValue(), "a passphrase to check");
  await show.click();
  assert.equal(await passphrase.getAttribute("type"), "password");
  assert.equal(await show.getAttribute("aria-pressed"), "false");

  // Step headings are read "Step 1: Generate…", not "1Generate…".
  for (const n of [1, 2, 3, 4])
    assert.equal(
      await replace
        .getByRole("heading", {
          level: 4,
          name: new RegExp(`^Step ${n}: [A-Z][a-z]`),
        })
        .count(),
      1,
      `step ${n}`,
    );
  assert.equal(
    await replace.getByRole("heading", { level: 4, name: /^\d/ }).count(),
    0,
  );

  await assertCleanPage(page, log);
  await page.context().close();

  // A key file's passphrase elsewhere: a password manager may fill it.
  const other = await openPage(browser);
  await gotoApp(other.page, backend.url, "#/test");
  await other.page.getByLabel("A private key file").check();
  const keyPassphrase = other.page.getByLabel(
    "Passphrase (if the key file is encrypted)",
  );
  assert.deepEqual(
    await keyPassphrase.evaluate((el) => [
      el.getAttribute("autocomplete"),
      el.form instanceof HTMLFormElement,
    ]),
    ["current-password", true],
  );
  await assertCleanPage(other.page, other.log);
  await other.page.context().close();
});

test("the calendar reminder links to the organisation's page in this tool", async () => {
  const { page, log } = await openPage(browser);
  await gotoApp(page, backend.url, "#/org/demo");
  const ics = await downloadReminder(page, downloads);
  const unfolded = ics.text.replace(/\r\n[ \t]/g, "");
  const url = new URL("#/org/demo", backend.url).href;
  assert.ok(unfolded.split("\r\n").includes(`URL:${url}`), unfolded);
  const description = unfolded
    .split("\r\n")
    .find((line) => line.startsWith("DESCRIPTION:"));
  assert.ok(description.includes(`(${url})`), description);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("the decoded JWT and the curl command are captioned figures, not a <pre aria-label>", async () => {
  const { page, log } = await openPage(browser);
  await assertionShown(page);
  assert.equal(await page.locator("pre[aria-label]").count(), 0);
  for (const [name, id] of [
    ["Decoded header", "assertion-header"],
    ["Decoded claims", "assertion-claims"],
    ["curl command", "curl-command"],
  ]) {
    const figure = page.getByRole("figure", { name, exact: true });
    assert.equal(await figure.locator(`pre#${id}`).count(), 1, name);
  }
  await assertCleanPage(page, log);
  await page.context().close();
});
