// The timed runs in the bench page: one case (a key type's generation, or an operation)
// at a time, its implementations warmed up, then interleaved round by round.
import {
  FORGE_4096_QUICK_NOTE,
  FORGE_EC_NOTE,
  QUICK_SKIPS_FORGE_4096,
  opPlanFor,
  planFor,
} from "./config.mjs";
import { errors, log } from "./log.mjs";
import { summarize, ratio } from "./stats.mjs";
import { validateOutput } from "./validate.mjs";
import { IMPLS, JSON_FIELD, fmtMs } from "./report.mjs";
import { opRatios } from "./operations.mjs";
import { validateOperation } from "./operation-checks.mjs";

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

/** One case's progress: per implementation, its plan, samples, wall time, state. */
function newCase(id, impls, planOf, inputsFor) {
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
  return { id, impls, st, fail, inputsFor };
}

// The calls' own inputs, for a case that has them: made in Node, before the page's clock
// starts and outside the case's time cap.
async function inputs(c, impl, count) {
  return c.inputsFor ? { inputs: await c.inputsFor(impl, count) } : {};
}

// Warm-up, untimed (forge's with a small key when its plan says so).
async function warmUp(page, c, validate) {
  for (const impl of c.impls) {
    const p = c.st[impl].plan;
    if (!p.warmup) continue;
    try {
      const bits = p.warmupBits || undefined;
      const r = await pageRun(page, impl, c.id, p.warmup, {
        warmup: true,
        bits,
        ...(await inputs(c, impl, p.warmup)),
      });
      validate(impl, r.sample, bits);
    } catch (e) {
      c.fail(impl, e);
    }
  }
}

// One implementation's turn in a round: a batch of timed calls, until n or the time cap.
async function timedTurn(page, c, impl, validate) {
  const s = c.st[impl];
  const count = Math.min(s.plan.batch, s.plan.n - s.times.length);
  const budgetMs = Math.max(0, s.plan.capMs - s.wallMs);
  try {
    const own = await inputs(c, impl, count);
    const t0 = performance.now();
    const r = await pageRun(page, impl, c.id, count, { budgetMs, ...own });
    s.wallMs += performance.now() - t0;
    validate(impl, r.sample);
    s.times.push(...r.times);
  } catch (e) {
    c.fail(impl, e);
    return;
  }
  if (s.times.length < s.plan.n && s.wallMs < s.plan.capMs) return;
  s.done = true;
  const sum = summarize(s.times);
  log(
    `${c.id.padEnd(8)} ${impl.padEnd(15)} n=${String(sum.n).padStart(3)} median ${fmtMs(sum.median)} ms` +
      (s.times.length < s.plan.n
        ? `  (time cap ${s.plan.capMs / 1000} s reached)`
        : ""),
  );
}

function caseResult({ impls, st }) {
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

// Runs the implementations of one case, warm-up first, then interleaved round by round;
// validate(impl, sample, bits) checks one output per batch in Node; inputsFor(impl, count),
// if given, makes each call's input. Returns the stats per implementation (null if it failed).
async function runCase(page, id, impls, planOf, validate, inputsFor) {
  const c = newCase(id, impls, planOf, inputsFor);
  await warmUp(page, c, validate);
  while (impls.some((i) => !c.st[i].done))
    for (const impl of impls)
      if (!c.st[impl].done) await timedTurn(page, c, impl, validate);
  return caseResult(c);
}

/** One key type's generation: ours against the floor, @peculiar/x509 and node-forge. */
export async function runKey(page, key) {
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

/** One operation case (bench/lib/operations.mjs): ours against its peers and floor. */
export async function runOperation(page, op) {
  const validate = (impl, sample) => validateOperation(op.id, impl, sample);
  const plan = () => opPlanFor(op);
  const run = await runCase(page, op.id, op.impls, plan, validate, op.inputs);
  return {
    id: op.id,
    what: op.what,
    impls: run.stats,
    ratios: opRatios(op, run.stats, ratio),
    capped: run.capped,
    ...(run.errors ? { errors: run.errors } : {}),
  };
}
