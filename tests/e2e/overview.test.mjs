// The overview at 1,000 organisations, seeded through the API into a backend whose
// organisation limit is raised: a page of rows with the count, a search by name,
// Account ID and Certificate ID, the status filter (the module's labels and window),
// the timeline one screen high whose months narrow the table, and all of it kept
// in the address so that a bookmarked view opens as it was left. The page's clock
// runs ten days ahead, so that some of the seeded certificates have expired.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  api,
  assertCleanPage,
  e2eEnvironment,
  nodeModule,
  openPage,
  seriousAxeFindings,
  startBackend,
} from "./support.mjs";
import { seedOrganisations } from "../../scripts/seed-organisations.mjs";

const COUNT = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const VIEWPORT = { width: 1280, height: 800 };

const { browser, closeAtEnd } = await e2eEnvironment({ backend: false });
const backend = await startBackend({ limits: { organisations: COUNT + 10 } });
closeAtEnd(backend.close);
const m2m = await nodeModule();
const rules = m2m.rules();
await seedOrganisations(backend.url, COUNT, { m2m });
const { organisations } = await api(backend, "GET", "/api/organisations");
const later = Date.now() + 10 * DAY_MS;

/** Each organisation's state as the module judges it at the page's time. */
function stateOf(org) {
  const notAfter = org.integration?.notAfter;
  if (!notAfter) return "none";
  if (org.integration.status === "revoked") return "revoked";
  return m2m.certificateStatus(notAfter, { now: later }).status;
}

async function overviewAt(hash = "#/") {
  const opened = await openPage(browser, { viewport: VIEWPORT });
  await opened.page.clock.setFixedTime(later);
  await opened.page.goto(new URL(hash, backend.url).href);
  await opened.page
    .locator("#organisations-count")
    .filter({ hasText: "of" })
    .waitFor();
  return opened;
}

const count = (page) => page.locator("#organisations-count").innerText();
const rowNames = (page) =>
  page.locator("#organisations tbody th[scope=row]").allInnerTexts();

test("a page of the 1,000 organisations, their count, and a timeline one screen high", async () => {
  assert.equal(organisations.length, COUNT + 1);
  const { page, log } = await overviewAt();
  assert.equal(await count(page), "Showing 1–50 of 1,001 organisations.");
  assert.equal(await page.locator("#organisations tbody tr").count(), 50);
  assert.deepEqual(
    await rowNames(page),
    organisations.slice(0, 50).map((o) => o.name),
  );
  const timeline = await page.locator("#timeline").boundingBox();
  assert.ok(
    timeline.height < VIEWPORT.height,
    `the timeline is ${timeline.height}px high`,
  );
  // The table starts within the first screen.
  const table = await page.locator("#organisations").boundingBox();
  assert.ok(table.y < 2 * VIEWPORT.height, `the table starts at ${table.y}px`);

  // The months' counts add up to every certificate; the expired are named.
  const counted = await page
    .locator(".timeline__month .timeline__count")
    .allInnerTexts();
  const withCertificate = organisations.filter(
    (o) => o.integration?.notAfter,
  ).length;
  assert.equal(
    counted.reduce((sum, n) => sum + Number(n), 0),
    withCertificate,
  );
  const expired = organisations.filter((o) => stateOf(o) === "expired");
  assert.ok(expired.length > 0, "some certificates have expired by then");
  const named = await page.locator(".timeline__named li").allInnerTexts();
  assert.ok(named[0].startsWith(`${expired[0].name}: Expired,`), named[0]);

  await page.getByRole("button", { name: "Next page" }).click();
  assert.equal(await count(page), "Showing 51–100 of 1,001 organisations.");
  assert.match(page.url(), /#\/\?page=2$/);
  assert.deepEqual(await seriousAxeFindings(page), []);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("the search finds by organisation name, Account ID and Certificate ID, in any case", async () => {
  const { page, log } = await overviewAt();
  const search = page.getByRole("searchbox", { name: "Search" });

  await search.fill("kestrel FOODS");
  const kestrel = organisations.filter((o) =>
    o.name.toLowerCase().includes("kestrel foods"),
  );
  assert.ok(kestrel.length > 1 && kestrel.length < 50);
  assert.equal(
    await count(page),
    `Showing 1–${kestrel.length} of ${kestrel.length} organisations (1,001 in all).`,
  );
  assert.deepEqual(
    await rowNames(page),
    kestrel.map((o) => o.name),
  );

  const target = organisations.find((o) => o.integration?.certificateId);
  await search.fill(target.integration.accountId.toLowerCase());
  assert.deepEqual(await rowNames(page), [target.name]);
  await search.fill(target.integration.certificateId);
  assert.deepEqual(await rowNames(page), [target.name]);

  await search.fill("no such organisation");
  assert.equal(await count(page), "No organisation matches (1,001 in all).");
  assert.equal(await page.locator("#organisations").count(), 0);
  await assertCleanPage(page, log);
  await page.context().close();
});

test("the status filter: the module's labels and window, and only rows of that status", async () => {
  const { page, log } = await overviewAt();
  const select = page.getByRole("combobox", { name: "Status" });
  const options = await select.locator("option").allInnerTexts();
  const label = (id) => rules.statuses.find((s) => s.id === id).label;
  const expiring = organisations.filter((o) => stateOf(o) === "expiring");
  assert.ok(
    options.includes(
      `${label("expiring")} (within ${rules.expiringWindowDays} days) (${expiring.length})`,
    ),
    options.join(" | "),
  );
  for (const id of ["expired", "expiring", "valid", "none"]) {
    await select.selectOption(id);
    const expected = organisations.filter((o) => stateOf(o) === id);
    assert.ok(expected.length > 0, id);
    const first = Math.min(50, expected.length);
    assert.equal(
      await count(page),
      `Showing 1–${first} of ${expected.length} organisations (1,001 in all).`,
    );
    const badges = await page
      .locator("#organisations tbody .badge")
      .allInnerTexts();
    const want = id === "none" ? "No certificate" : label(id);
    assert.deepEqual(new Set(badges), new Set([want]));
    assert.deepEqual(
      await rowNames(page),
      expected.slice(0, 50).map((o) => o.name),
    );
  }
  await assertCleanPage(page, log);
  await page.context().close();
});

test("search, status and month are in the address: a bookmarked view opens as it was left", async () => {
  const { page, log } = await overviewAt();
  await page.getByRole("searchbox", { name: "Search" }).fill("Harbour");
  await page.getByRole("combobox", { name: "Status" }).selectOption("expiring");
  const url = page.url();
  assert.match(url, /#\/\?q=Harbour&status=expiring$/);
  const shown = await count(page);
  const names = await rowNames(page);
  assert.ok(names.length > 0);
  await page.context().close();

  const again = await overviewAt(new URL(url).hash);
  assert.equal(
    await again.page.getByRole("searchbox", { name: "Search" }).inputValue(),
    "Harbour",
  );
  assert.equal(
    await again.page.getByRole("combobox", { name: "Status" }).inputValue(),
    "expiring",
  );
  assert.equal(await count(again.page), shown);
  assert.deepEqual(await rowNames(again.page), names);

  // A month of the timeline narrows the table to the certificates lapsing then.
  await again.page.getByRole("combobox", { name: "Status" }).selectOption("");
  const month = again.page.locator(".timeline__month").nth(2);
  const key = await month.getAttribute("data-month");
  await month.click();
  assert.equal(await month.getAttribute("aria-pressed"), "true");
  assert.match(again.page.url(), new RegExp(`month=${key}`));
  const inMonth = organisations.filter(
    (o) =>
      o.name.includes("Harbour") &&
      o.integration?.notAfter?.startsWith(key) &&
      stateOf(o) !== "expired",
  );
  assert.deepEqual(
    await rowNames(again.page),
    inMonth.slice(0, 50).map((o) => o.name),
  );

  // The nav link to the overview clears every choice.
  await again.page
    .getByRole("link", { name: "Organisations", exact: true })
    .click();
  await again.page.waitForURL((u) => u.hash === "#/");
  // The address changes before its hashchange event reaches the page: wait for the view.
  await again.page
    .locator("#organisations-count", {
      hasText: "Showing 1–50 of 1,001 organisations.",
    })
    .waitFor();
  assert.equal(
    await again.page.getByRole("searchbox", { name: "Search" }).inputValue(),
    "",
  );
  await assertCleanPage(again.page, again.log);
  await again.page.context().close();
  assert.deepEqual(log.pageErrors, []);
});
