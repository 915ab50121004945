// Screenshots of the overview, an organisation's page and the check's result at
// 390, 768 and 1280 px, light and dark, into test-results/screenshots/ for a person
// to look at. Each is taken once the view is drawn, with nothing sideways-scrolling
// and axe clean, so a picture is of a page that passed.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  e2eEnvironment,
  gotoApp,
  openPage,
  screenshot,
  seedIntegration,
  seriousAxeFindings,
} from "./support.mjs";
import { checkCertificate } from "./tool-steps.mjs";
import { seedOrganisations } from "../../scripts/seed-organisations.mjs";

const { backend, browser } = await e2eEnvironment();
const seeded = await seedIntegration(backend, "demo", { validityDays: 45 });
await seedOrganisations(backend.url, 120);

const WIDTHS = [390, 768, 1280];
const VIEWS = [
  ["overview", "#/", "#organisations"],
  ["organisation", "#/org/demo", "#history-table"],
  ["check", "#/check", "textarea"],
];

for (const scheme of ["light", "dark"])
  for (const width of WIDTHS)
    test(`screenshots at ${width} px, ${scheme}`, async () => {
      const { page } = await openPage(browser, {
        viewport: { width, height: 900 },
      });
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, hash, ready] of VIEWS) {
        await gotoApp(page, backend.url, hash);
        await page.locator(ready).first().waitFor();
        if (name === "check")
          await checkCertificate(page, backend.url, seeded.certificatePem);
        const wide = await page.evaluate(
          () =>
            document.documentElement.scrollWidth >
            document.documentElement.clientWidth,
        );
        assert.equal(wide, false, `${name} scrolls sideways at ${width}px`);
        assert.deepEqual(await seriousAxeFindings(page), [], name);
        await screenshot(page, `40-${name}-${width}-${scheme}`);
      }
      await page.context().close();
    });
