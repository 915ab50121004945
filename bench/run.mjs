#!/usr/bin/env node
// netsuite-m2m benchmark: our wasm module against WebCrypto, @peculiar/x509, node-forge and
// jose, side by side in headless Chromium. See bench/README.md.
//
//   node bench/run.mjs          full run  -> stdout table + bench/results.json
//   node bench/run.mjs --quick  smoke run -> stdout table + bench/build/results-quick.json
//   --browser firefox           the same in Firefox ESR (results-firefox.json,
//                               results-quick-firefox.json)
//
// Exits non-zero if any case throws or yields no valid PEM (never because of a time).
// The settings (mode, browser, paths, repetitions) are in lib/config.mjs.
import { relative } from "node:path";
import { loadavg } from "node:os";
import { BROWSER, BUILD, KEYS, MODE, PAGE, ROOT, SNAP } from "./lib/config.mjs";
import { errors, log } from "./lib/log.mjs";
import {
  buildPeers,
  measureBytes,
  requireModule,
  snapshotModule,
} from "./lib/build.mjs";
import { openBrowser } from "./lib/browsers.mjs";
import { startServer } from "./lib/server.mjs";
import { openBenchPage } from "./lib/bench-page.mjs";
import { runKey, runOperation } from "./lib/timing.mjs";
import { OPERATIONS } from "./lib/operations.mjs";
import { measureReady } from "./lib/ready.mjs";
import { measureInstances } from "./lib/instances.mjs";
import { measureOverview } from "./lib/overview.mjs";
import { measureWire } from "./lib/wire.mjs";
import { describeRun, writeResults } from "./lib/results.mjs";
import { evaluateTargets } from "./lib/report.mjs";
import { printTable } from "./lib/table.mjs";
import { round } from "./lib/stats.mjs";

async function main() {
  const started = performance.now();
  await requireModule();
  log(
    `${MODE} mode; building the peers' bundles into ${relative(ROOT, BUILD)}/`,
  );
  const moduleStamp = await snapshotModule();
  await buildPeers();
  const bytes = await measureBytes();
  bytes.wire = await measureWire();

  const results = { browser: "", mode: MODE };
  await measureInBrowser(results, moduleStamp);

  if (results.machine) results.machine.loadavg1_end = round(loadavg()[0], 2);
  results.bytes = bytes;
  results.elapsed_s = Math.round((performance.now() - started) / 1000);
  if (results.cases) {
    results.targets = evaluateTargets(results);
    results.errors = errors;
    printTable(results);
    await writeResults(results);
  }
  if (errors.length) {
    console.error(
      `[bench] FAILED: ${errors.length} error(s):\n  ${errors.join("\n  ")}`,
    );
    process.exit(1);
  }
}

// Serves the bench page, opens the browser, and fills `results` with the generation
// cases, the operations, the time to ready and one instance against two; a failure
// goes to `errors`.
async function measureInBrowser(results, moduleStamp) {
  const server = await startServer({ page: PAGE, build: BUILD, pkg: SNAP });
  let browser;
  try {
    const opened = await openBrowser(BROWSER);
    browser = opened.browser;
    const { ctx, page, info } = await openBenchPage(browser, server.origin);
    results.browser = opened.label();
    log(
      `${results.browser}; module ready; cross-origin isolated: ${info.crossOriginIsolated}`,
    );
    Object.assign(results, describeRun(info, moduleStamp));

    results.cases = [];
    for (const key of KEYS) results.cases.push(await runKey(page, key));
    results.operations = [];
    for (const op of OPERATIONS)
      results.operations.push(await runOperation(page, op));
    await ctx.close();

    log("time to ready: fresh page loads");
    results.ready_ms = await orNull("ready", () =>
      measureReady(browser, server.origin),
    );
    log("one wasm instance or two: fresh page loads");
    results.instances = await orNull("instances", () =>
      measureInstances(browser, server.origin),
    );
    if (BROWSER === "chromium") {
      log("overview at scale: seeding the reference backend, fresh page loads");
      results.overview = await orNull("overview", () =>
        measureOverview(browser),
      );
    }
  } catch (e) {
    errors.push(String((e && e.message) || e));
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.close();
  }
}

/** What `measure()` resolves to, or null with its failure in `errors`. */
async function orNull(what, measure) {
  try {
    return await measure();
  } catch (e) {
    errors.push(`${what}: ${e.message}`);
    return null;
  }
}

main().catch((e) => {
  console.error("[bench] FAILED:", e);
  process.exit(1);
});
