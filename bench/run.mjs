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
  FORGE_4096_QUICK_NOTE,
  FORGE_EC_NOTE,
  KEYS,
  MODE,
  QUICK,
  QUICK_SKIPS_FORGE_4096,
  ROOT,
  SNAP,
  SUFFIX,
  PLANS,
  describePlans,
  opPlanFor,
  planFor,
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
import { summarize, ratio, round } from "./lib/stats.mjs";
import { validateOutput } from "./lib/validate.mjs";
import {
  IMPLS,
  JSON_FIELD,
  evaluateTargets,
  fmtMs,
  printTable,
} from "./lib/report.mjs";
import { OPERATIONS, opRatios, validateOperation } from "./lib/operations.mjs";

// ---------------------------------------------------------------- timing

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what}: no answer after ${ms / 1000} s`)),
        ms,
      );
    }),
  ]);
}

async function pageRun(page, impl, key, count, opts) {
  const limit = Math.max(180_000, (opts.budgetMs || 0) * 3);
  return withTimeout(
    page.evaluate(
      ([i, k, c, o]) => window.bench.run(i, k, c, o),
      [impl, key, count, opts],
    ),
    limit,
    `${impl} ${key}`,
  );
}

// Runs the implementations of one case (a key type's generation, or an operation),
// warm-up first, then interleaved round by round; validate(impl, sample, bits) checks
// one output per batch in Node. Returns the stats per implementation (null if it failed).
async function runCase(page, id, impls, planOf, validate) {
  const st = Object.fromEntries(
    impls.map((i) => [
      i,
      { plan: planOf(i), times: [], wallMs: 0, done: false, error: null },
    ]),
  );
  const fail = (impl, e) => {
    const msg = String((e && e.message) || e).split("\n")[0];
    st[impl].error = msg;
    st[impl].done = true;
    errors.push(`${id} ${impl}: ${msg}`);
    log(`FAILED ${id} ${impl}: ${msg}`);
  };

  // Warm-up, untimed (forge's with a small key when its plan says so).
  for (const impl of impls) {
    const p = st[impl].plan;
    if (!p.warmup) continue;
    try {
      const bits = p.warmupBits || undefined;
      const r = await pageRun(page, impl, id, p.warmup, {
        warmup: true,
        bits,
      });
      validate(impl, r.sample, bits);
    } catch (e) {
      fail(impl, e);
    }
  }

  // Timed rounds.
  while (impls.some((i) => !st[i].done)) {
    for (const impl of impls) {
      const s = st[impl];
      if (s.done) continue;
      const count = Math.min(s.plan.batch, s.plan.n - s.times.length);
      const budgetMs = Math.max(0, s.plan.capMs - s.wallMs);
      const t0 = performance.now();
      try {
        const r = await pageRun(page, impl, id, count, { budgetMs });
        s.wallMs += performance.now() - t0;
        validate(impl, r.sample);
        s.times.push(...r.times);
      } catch (e) {
        fail(impl, e);
        continue;
      }
      if (s.times.length >= s.plan.n || s.wallMs >= s.plan.capMs) {
        s.done = true;
        const sum = summarize(s.times);
        log(
          `${id.padEnd(8)} ${impl.padEnd(15)} n=${String(sum.n).padStart(3)} median ${fmtMs(sum.median)} ms` +
            (s.times.length < s.plan.n
              ? `  (time cap ${s.plan.capMs / 1000} s reached)`
              : ""),
        );
      }
    }
  }

  const errs = Object.fromEntries(
    impls.filter((i) => st[i].error).map((i) => [i, st[i].error]),
  );
  return {
    stats: Object.fromEntries(
      impls.map((i) => [i, st[i].error ? null : summarize(st[i].times)]),
    ),
    capped: impls.filter(
      (i) => !st[i].error && st[i].times.length < st[i].plan.n,
    ),
    errors: Object.keys(errs).length ? errs : undefined,
  };
}

async function runKey(page, key) {
  const forgeRuns =
    key.startsWith("rsa-") && !(QUICK_SKIPS_FORGE_4096 && key === "rsa-4096");
  const impls = IMPLS.filter((i) => i !== "forge" || forgeRuns);
  const validate = (impl, sample, bits) => {
    if (impl !== "webcrypto-floor") validateOutput(key, sample, bits);
  };
  const run = await runCase(page, key, impls, (i) => planFor(key, i), validate);
  const { stats } = run;
  const out = { key };
  for (const impl of IMPLS) out[JSON_FIELD[impl]] = stats[impl] ?? null;
  out.ratios = {
    webcrypto_floor: ratio(stats.ours, stats["webcrypto-floor"]),
    peculiar: ratio(stats.ours, stats.peculiar),
    forge: ratio(stats.ours, stats.forge),
  };
  out.capped = run.capped;
  if (run.errors) out.errors = run.errors;
  if (!key.startsWith("rsa-")) out.forge_note = FORGE_EC_NOTE;
  else if (!forgeRuns) out.forge_note = FORGE_4096_QUICK_NOTE;
  return out;
}

// One operation case (bench/lib/operations.mjs): ours against its peers and floor.
async function runOperation(page, op) {
  const validate = (impl, sample) => validateOperation(op.id, impl, sample);
  const plan = () => opPlanFor(op);
  const run = await runCase(page, op.id, op.impls, plan, validate);
  return {
    id: op.id,
    what: op.what,
    impls: run.stats,
    ratios: opRatios(op, run.stats, ratio),
    capped: run.capped,
    ...(run.errors ? { errors: run.errors } : {}),
  };
}

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
