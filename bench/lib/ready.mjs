// Time to ready: navigation start -> `await init()` resolved, on fresh pages.
import { PLANS } from "./config.mjs";
import { summarize } from "./stats.mjs";

async function loadOnce(browser, url) {
  const ctx = await browser.newContext(); // a new context: empty HTTP cache, no compiled-wasm cache
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__ready, null, { timeout: 60_000 });
    const r = await page.evaluate(() => window.__ready);
    if (r.error) throw new Error(`init() failed on a fresh page: ${r.error}`);
    return r.ms;
  } finally {
    await ctx.close();
  }
}

// Fresh page loads, alternating the module's page with an empty page (the baseline: what
// navigation and a module script cost the browser with nothing to fetch or compile).
export async function measureReady(browser, origin) {
  const ready = [];
  const blank = [];
  for (let i = 0; i < PLANS.ready.n + 1; i++) {
    const r = await loadOnce(browser, `${origin}/page/ready.html`);
    const b = await loadOnce(browser, `${origin}/page/blank.html`);
    if (i > 0) {
      ready.push(r);
      blank.push(b);
    }
  }
  const s = summarize(ready);
  const b = summarize(blank);
  return {
    median: s.median,
    n: s.n,
    p95: s.p95,
    min: s.min,
    baseline_median: b.median,
  };
}
