// The overview at scale: the reference backend (server/, its organisation limit
// raised) serving a copy of www/ with this run's module snapshot, seeded through
// its API (scripts/seed-organisations.mjs) with 1,000 and then 10,000
// organisations (quick mode: 100 and 300). For each count, on fresh pages (a new
// browser context each: empty cache), alternated with an empty page on the same
// server: navigation start -> the first frame after the first table row and the
// search field exist. Then, on one loaded page, the time a search takes to narrow
// the table: the input event's handler (filter + redraw, synchronous) and until
// the next frame. Chromium only (the timing hook is an init script).
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { QUICK, ROOT, SNAP } from "./config.mjs";
import { log } from "./log.mjs";
import { summarize } from "./stats.mjs";
import {
  accountIdOf,
  loadNodeModule,
  organisationName,
  seedOrganisations,
} from "../../scripts/seed-organisations.mjs";

export const OVERVIEW_PLAN = QUICK
  ? { counts: [100, 300], loads: 2, searches: 5 }
  : { counts: [1000, 10000], loads: 7, searches: 40 };

// Runs before any of the page's scripts: records, relative to navigation start,
// the first frame after `selectors` all match (the empty page: <body>).
function readyHook(selectors) {
  const done = () => selectors.every((s) => document.querySelector(s));
  const check = () => {
    if (window.__usable !== undefined || !done()) return;
    window.__usable = null;
    requestAnimationFrame(() => {
      window.__usable = performance.now();
    });
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
  });
}

const USABLE = ["#organisations tbody tr", "input[type=search]"];

async function loadOnce(browser, url, selectors) {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.addInitScript(readyHook, selectors);
    await page.goto(url);
    await page.waitForFunction(
      () => typeof window.__usable === "number",
      null,
      {
        timeout: 120_000,
      },
    );
    return await page.evaluate(() => window.__usable);
  } finally {
    await ctx.close();
  }
}

/** Types each query into the search field; the handler's time and to the next frame. */
async function timeSearches(browser, url, queries) {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await page.locator("#organisations tbody tr").first().waitFor();
    return await page.evaluate(async (list) => {
      const input = document.querySelector("input[type=search]");
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const handler = [];
      const toFrame = [];
      const rows = [];
      for (const q of list) {
        await frame();
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        handler.push(performance.now() - t0);
        rows.push(document.querySelectorAll("#organisations tbody tr").length);
        await frame();
        toFrame.push(performance.now() - t0);
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return { handler, toFrame, rows };
    }, queries);
  } finally {
    await ctx.close();
  }
}

/** Searches that narrow the table: a name's words, a whole name, an Account ID. */
function queries(count, n) {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7919) % count;
    if (i % 3 === 0)
      return organisationName(k).split(" ").slice(0, 2).join(" ");
    if (i % 3 === 1) return organisationName(k);
    return accountIdOf(k) ?? accountIdOf(k - 1);
  });
}

async function measureCount(browser, origin, count) {
  const usable = [];
  const blank = [];
  for (let i = 0; i < OVERVIEW_PLAN.loads + 1; i++) {
    const o = await loadOnce(browser, `${origin}/#/`, USABLE);
    const b = await loadOnce(browser, `${origin}/blank.html`, ["body"]);
    if (i > 0) {
      usable.push(o);
      blank.push(b);
    }
  }
  const search = await timeSearches(
    browser,
    `${origin}/#/`,
    queries(count, OVERVIEW_PLAN.searches),
  );
  if (search.rows.some((n) => n === 0))
    throw new Error(`overview ${count}: a search found no row`);
  const u = summarize(usable);
  const b = summarize(blank);
  return {
    organisations: count + 1, // and the backend's demo organisation
    usable_ms: u,
    empty_page_ms: b,
    over_empty_ms: Math.round((u.median - b.median) * 10) / 10,
    search_handler_ms: summarize(search.handler),
    search_to_frame_ms: summarize(search.toFrame),
  };
}

/** Seeds and measures every count in OVERVIEW_PLAN; returns one entry per count. */
export async function measureOverview(browser) {
  const { startServer } = await import(
    pathToFileURL(join(ROOT, "server", "app.js")).href
  );
  const dir = await mkdtemp(join(tmpdir(), "netsuite-m2m-bench-overview-"));
  const www = join(dir, "www");
  await cp(join(ROOT, "www"), www, {
    recursive: true,
    filter: (src) => !src.startsWith(join(ROOT, "www", "pkg")),
  });
  await cp(SNAP, join(www, "pkg"), { recursive: true });
  await writeFile(
    join(www, "blank.html"),
    '<!doctype html><html lang="en"><title>blank</title><body></body></html>\n',
  );
  const counts = OVERVIEW_PLAN.counts;
  const server = await startServer({
    dataDir: join(dir, "data"),
    wwwDir: www,
    limits: { organisations: counts.at(-1) + 1 },
    log: () => {},
  });
  try {
    const m2m = await loadNodeModule(SNAP);
    const results = [];
    let seeded = 0;
    for (const count of counts) {
      const started = performance.now();
      await seedOrganisations(server.url, count - seeded, {
        m2m,
        first: seeded,
      });
      seeded = count;
      log(
        `overview: ${count} organisations seeded through the API in ${Math.round((performance.now() - started) / 1000)} s`,
      );
      results.push(
        await measureCount(browser, server.url.replace(/\/$/, ""), count),
      );
    }
    return results;
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The printed lines of the overview case. */
export function overviewLines(entries, fmtMs) {
  if (!entries) return ["Overview at scale: not measured"];
  const L = [
    "Overview at scale (reference backend seeded through its API; fresh pages, medians in ms):",
    "  organisations  usable  empty page  over empty   search handler (p95)  to next frame (p95)",
  ];
  for (const e of entries)
    L.push(
      `  ${String(e.organisations).padStart(13)} ${fmtMs(e.usable_ms.median).padStart(7)} ${fmtMs(e.empty_page_ms.median).padStart(11)} ${fmtMs(e.over_empty_ms).padStart(11)}   ${`${fmtMs(e.search_handler_ms.median)} (${fmtMs(e.search_handler_ms.p95)})`.padStart(20)} ${`${fmtMs(e.search_to_frame_ms.median)} (${fmtMs(e.search_to_frame_ms.p95)})`.padStart(20)}`,
    );
  L.push(
    "  usable: navigation start -> the first frame with a table row and the search field; search: the input event's handler (filter + redraw), and until the next frame",
  );
  return L;
}

/** The issue's goals, judged on the entries at 1,000 and 10,000 organisations. */
export function overviewTargets(entries) {
  const at = (n) => entries?.find((e) => e.organisations - 1 === n);
  const thousand = at(1000);
  const tenThousand = at(10000);
  return [
    {
      target:
        "overview usable within 150 ms of the empty page at 1,000 organisations",
      met: thousand ? thousand.over_empty_ms <= 150 : null,
      detail: thousand
        ? `${thousand.over_empty_ms} ms over the empty page (${thousand.usable_ms.median} vs ${thousand.empty_page_ms.median} ms)`
        : "not measured at 1,000 (quick mode)",
    },
    {
      target:
        "a search narrows the table within one frame (16 ms) at 10,000 organisations",
      met: tenThousand ? tenThousand.search_handler_ms.median <= 16 : null,
      detail: tenThousand
        ? `handler median ${tenThousand.search_handler_ms.median} ms (p95 ${tenThousand.search_handler_ms.p95}), to the next frame ${tenThousand.search_to_frame_ms.median} ms`
        : "not measured at 10,000 (quick mode)",
    },
  ];
}
