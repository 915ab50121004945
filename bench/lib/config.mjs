// The run's settings, read once from the command line and the environment: mode, browser,
// paths, key types and repetitions. Every part of the benchmark imports them from here.
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { OP_PLANS, OP_PLAN_NAME } from "./operations.mjs";

export const BENCH = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = join(BENCH, "..");
export const BUILD = join(BENCH, "build");
export const PAGE = join(BENCH, "page");
// BENCH_PKG_DIR: another build of the module (e.g. to compare two builds); default www/pkg.
export const PKG = process.env.BENCH_PKG_DIR || join(ROOT, "www", "pkg");
export const NM = join(ROOT, "node_modules");
export const SNAP = join(BUILD, "pkg"); // the snapshot of the module this run measures

export const QUICK = process.argv.includes("--quick");
export const BROWSER = process.argv.includes("--browser")
  ? process.argv[process.argv.indexOf("--browser") + 1]
  : "chromium";
// Chromium's results keep their names; another browser's carry its name.
export const SUFFIX = BROWSER === "chromium" ? "" : `-${BROWSER}`;
export const MODE = QUICK ? "quick" : "full";

export const KEYS = ["ec-p256", "ec-p384", "rsa-3072", "rsa-4096"];
export const FORGE_EC_NOTE = "n/a: node-forge has no EC certificates";

// Repetitions. A case stops at n timed samples or at the first sample boundary after
// capMs of its own wall time, whichever comes first (so it always has at least 1 sample).
// Cases of one key type run interleaved, round by round (batch samples per turn), so
// slow drifts of the machine hit every column alike.
export const PLANS = QUICK
  ? {
      ec: { warmup: 2, n: 5, batch: 5, capMs: 3_000 },
      rsa: { warmup: 0, n: 2, batch: 1, capMs: 5_000 },
      forge: { warmup: 0, warmupBits: null, n: 1, batch: 1, capMs: 0 },
      ready: { n: 3 },
      instances: { n: 1 },
    }
  : {
      ec: { warmup: 20, n: 200, batch: 20, capMs: 20_000 },
      rsa: { warmup: 2, n: 61, batch: 1, capMs: 45_000 },
      forge: { warmup: 1, warmupBits: 1024, n: 5, batch: 1, capMs: 60_000 },
      ready: { n: 9 },
      instances: { n: 7 },
    };
const RSA4096_N = QUICK ? 2 : 41;
const FORGE4096_N = 3;
// Quick mode leaves out node-forge at 4096 bits: one pure-JS key can take a minute, and it
// is the same code as at 3072 bits, which quick mode does run.
export const QUICK_SKIPS_FORGE_4096 = QUICK;
export const FORGE_4096_QUICK_NOTE =
  "skipped in quick mode (pure-JS 4096-bit keys can take a minute; same code as 3072)";

/** The plan of one implementation on one key type (generation). */
export function planFor(key, impl) {
  if (impl === "forge")
    return {
      ...PLANS.forge,
      n: key === "rsa-4096" ? FORGE4096_N : PLANS.forge.n,
    };
  if (key.startsWith("ec-")) return PLANS.ec;
  return { ...PLANS.rsa, n: key === "rsa-4096" ? RSA4096_N : PLANS.rsa.n };
}

/** The plan of an operation case (bench/lib/operations.mjs). */
export const opPlanFor = (op) => OP_PLANS[MODE][op.plan];

/** The repetitions in words, for the results and the printed table. */
export function describePlans() {
  const s = (p, n = p.n) =>
    `${p.warmup} warm-up, up to ${n} timed, cap ${p.capMs / 1000} s per case`;
  const forgeWarmup = PLANS.forge.warmupBits
    ? ` (its warm-up is one ${PLANS.forge.warmupBits}-bit key)`
    : "";
  return {
    ec: s(PLANS.ec),
    "rsa-3072": s(PLANS.rsa),
    "rsa-4096": s(PLANS.rsa, RSA4096_N),
    "forge rsa-3072": s(PLANS.forge) + forgeWarmup,
    "forge rsa-4096": QUICK_SKIPS_FORGE_4096
      ? FORGE_4096_QUICK_NOTE
      : s(PLANS.forge, FORGE4096_N) + forgeWarmup,
    ...Object.fromEntries(
      Object.entries(OP_PLANS[MODE]).map(([kind, p]) => [
        OP_PLAN_NAME[kind],
        s(p),
      ]),
    ),
    ready: `${PLANS.ready.n} fresh page loads (each in a new browser context: empty cache), after 1 discarded; alternated with an empty page as baseline`,
    instances: `${PLANS.instances.n} fresh page loads per variant (one wasm instance, or a second in a worker), alternated; each times RSA 4096 generation and a key-file encryption`,
  };
}
