// One wasm instance or two: the time to ready of the page's instance alone and with a
// worker's second instance, and how responsive the main thread stays during the slow
// calls (RSA 4096 generation, encrypting a key file) when they run on the main thread
// (WebCrypto's, asynchronous) or in the worker. Fresh page per sample, variants
// alternated. See bench/page/instances.mjs.
import { PLANS } from "./config.mjs";
import { summarize } from "./stats.mjs";

export const VARIANTS = ["one", "worker"];
export const JOBS = ["generate-rsa-4096", "encrypt-private-key"];

async function sampleOnce(browser, origin, variant) {
  const ctx = await browser.newContext(); // empty HTTP cache, nothing compiled
  try {
    const page = await ctx.newPage();
    await page.goto(`${origin}/page/instances.html?variant=${variant}`);
    await page.waitForFunction(() => window.__instances, null, {
      timeout: 60_000,
    });
    const ready = await page.evaluate(() => window.__instances);
    if (ready.error) throw new Error(`${variant}: ${ready.error}`);
    const jobs = {};
    for (const job of JOBS)
      jobs[job] = await page.evaluate((j) => window.__responsiveness(j), job);
    return { ...ready, jobs };
  } finally {
    await ctx.close();
  }
}

const median = (values) =>
  values.some((v) => v === null) ? null : summarize(values).median;

/** Medians per variant: ready times, and per job its time and the main thread's worst moments. */
export async function measureInstances(browser, origin) {
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let i = 0; i < PLANS.instances.n; i++)
    for (const variant of VARIANTS)
      samples[variant].push(await sampleOnce(browser, origin, variant));
  const out = { n: PLANS.instances.n };
  for (const variant of VARIANTS) {
    const s = samples[variant];
    out[variant] = {
      ready_ms: median(s.map((x) => x.mainReady)),
      all_instances_ready_ms: median(s.map((x) => x.allReady)),
      jobs: Object.fromEntries(
        JOBS.map((job) => {
          const runs = s.map((x) => x.jobs[job]);
          return [
            job,
            {
              ms: median(runs.map((r) => r.ms)),
              max_frame_gap_ms: median(runs.map((r) => r.maxFrameGapMs)),
              longest_task_ms: median(runs.map((r) => r.longestTaskMs)),
              long_tasks: median(runs.map((r) => r.longTasks)),
              max_timer_lag_ms: median(runs.map((r) => r.maxTimerLagMs)),
              // The worst page of the variant, not the median.
              worst_frame_gap_ms: Math.max(...runs.map((r) => r.maxFrameGapMs)),
              worst_task_ms: runs.some((r) => r.longestTaskMs === null)
                ? null
                : Math.max(...runs.map((r) => r.longestTaskMs)),
            },
          ];
        }),
      ),
    };
  }
  return out;
}
