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
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { availableParallelism, loadavg } from "node:os";
import {
  BENCH,
  BROWSER,
  BUILD,
  KEYS,
  MODE,
  QUICK,
  ROOT,
  SNAP,
  SUFFIX,
  PLANS,
  describePlans,
} from "./lib/config.mjs";
import { errors, log } from "./lib/log.mjs";
import {
  buildPeers,
  measureBytes,
  requireModule,
  snapshotModule,
} from "./lib/build.mjs";
import { openBrowser } from "./lib/browsers.mjs";
import { startServer } from "./lib/server.mjs";
import { runKey, runOperation } from "./lib/timing.mjs";
import { summarize, round } from "./lib/stats.mjs";
import { evaluateTargets, printTable } from "./lib/report.mjs";
import { OPERATIONS } from "./lib/operations.mjs";

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
async function measureReady(browser, origin) {
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

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  await requireModule();
  log(
    `${MODE} mode; building the peers' bundles into ${relative(ROOT, BUILD)}/`,
  );
  const moduleStamp = await snapshotModule();
  await buildPeers();
  const bytes = await measureBytes();

  const server = await startServer({
    page: join(BENCH, "page"),
    build: BUILD,
    pkg: SNAP,
  });
  let browser;
  const results = { browser: "", mode: MODE };
  try {
    const opened = await openBrowser(BROWSER);
    browser = opened.browser;
    const ctx = await browser.newContext();
    results.browser = opened.label();
    const page = await ctx.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(`${server.origin}/page/index.html`);
    await page
      .waitForFunction(() => window.__benchLoaded === true, null, {
        timeout: 30_000,
      })
      .catch(() => {
        throw new Error(
          `the bench page did not load: ${pageErrors.join("; ") || "timeout"}`,
        );
      });
    const info = await page.evaluate(() => window.bench.setup());
    if (!info.forgePureJavaScript)
      throw new Error("could not set forge.options.usePureJavaScript");
    log(
      `${results.browser}; module ready; cross-origin isolated: ${info.crossOriginIsolated}`,
    );

    results.date = new Date().toISOString();
    results.machine = {
      cores: availableParallelism(),
      loadavg1_start: round(loadavg()[0], 2),
      hardwareConcurrency: info.hardwareConcurrency,
      crossOriginIsolated: info.crossOriginIsolated,
      userAgent: info.userAgent,
    };
    // Which build was measured: sha256 over netsuite_m2m.js then netsuite_m2m_bg.wasm.
    results.module_sha256 = moduleStamp;
    results.settings = { repetitions: describePlans() };
    results.notes = {
      forge:
        "node-forge 1.x with forge.options.usePureJavaScript = true: pure-JavaScript RSA key generation " +
        "(forge's async API, its default 2 Web Workers via prime.worker.min.js; NOT the WebCrypto path forge " +
        "would quietly take otherwise) + self-signed sha256WithRSAEncryption certificate (same extensions) + PKCS#8 PEM. " +
        "RSA only: node-forge has no EC certificates.",
      floor:
        "crypto.subtle.generateKey (extractable, sign/verify) alone, same algorithm; no certificate, no PEM.",
      peculiar:
        "crypto.subtle.generateKey + @peculiar/x509 X509CertificateGenerator.createSelfSigned (basicConstraints + keyUsage + subjectKeyIdentifier, " +
        "ecdsa-with-SHA256 / sha256WithRSAEncryption) + cert.toString('pem') + exportKey('pkcs8') -> PEM; reflect-metadata imported first.",
      validation:
        "One output per batch of every case is checked with Node's OpenSSL: PKCS#8 key of the right type/size, " +
        "certificate parses, self-signature verifies, key matches certificate.",
      bytes:
        "Sizes are of the files as served; gzip is level 9, each file on its own.",
    };

    results.cases = [];
    for (const key of KEYS) results.cases.push(await runKey(page, key));
    results.operations = [];
    for (const op of OPERATIONS)
      results.operations.push(await runOperation(page, op));
    await ctx.close();

    log("time to ready: fresh page loads");
    try {
      results.ready_ms = await measureReady(browser, server.origin);
    } catch (e) {
      errors.push(`ready: ${e.message}`);
      results.ready_ms = null;
    }
  } catch (e) {
    errors.push(String((e && e.message) || e));
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.close();
  }

  if (results.machine) results.machine.loadavg1_end = round(loadavg()[0], 2);
  results.bytes = bytes;
  results.elapsed_s = Math.round((performance.now() - started) / 1000);
  if (results.cases) {
    results.targets = evaluateTargets(results);
    results.errors = errors;
    printTable(results);
    // A failed full run must not replace the committed results.
    const out = QUICK
      ? join(BUILD, `results-quick${SUFFIX}.json`)
      : errors.length
        ? join(BUILD, `results-failed${SUFFIX}.json`)
        : join(BENCH, `results${SUFFIX}.json`);
    // Field order: the documented schema first.
    const { browser: b, cases, bytes: by, ready_ms, ...rest } = results;
    await writeFile(
      out,
      JSON.stringify(
        { browser: b, cases, bytes: by, ready_ms, ...rest },
        null,
        2,
      ) + "\n",
    );
    log(`wrote ${relative(ROOT, out)}`);
  }
  if (errors.length) {
    console.error(
      `[bench] FAILED: ${errors.length} error(s):\n  ${errors.join("\n  ")}`,
    );
    process.exit(1);
  }
}

main().catch((e) => {
  console.error("[bench] FAILED:", e);
  process.exit(1);
});
