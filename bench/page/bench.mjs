// The bench page's harness. bench/run.mjs drives it (lib/bench-page.mjs, lib/timing.mjs):
// window.bench.setup() once, then window.bench.run(impl, key, count, opts) in rounds.
// Every timing is taken here, in the page, with performance.now() (the page is served
// cross-origin isolated, so the clock's resolution is 5 us rather than 100 us).
import { KEYS, generators } from "/page/generate.mjs";
import { makeOperations } from "/page/operations.mjs";

const forge = globalThis.forge;
let m2m = null;
let generate = null; // the generation implementations, once the module is loaded
let operations = null; // made on the first operation case (key material, encrypted keys)

const PEM_RE = (label) =>
  new RegExp(
    `^-----BEGIN ${label}-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END ${label}-----\\r?\\n?$`,
  );
const KEY_RE = PEM_RE("PRIVATE KEY");
const CERT_RE = PEM_RE("CERTIFICATE");

function checkShape(impl, out) {
  if (impl === "webcrypto-floor") return;
  if (
    !out ||
    typeof out.keyPem !== "string" ||
    !KEY_RE.test(out.keyPem.trim() + "\n")
  )
    throw new Error(`${impl}: no PKCS#8 "PRIVATE KEY" PEM in the output`);
  if (
    typeof out.certPem !== "string" ||
    !CERT_RE.test(out.certPem.trim() + "\n")
  )
    throw new Error(`${impl}: no "CERTIFICATE" PEM in the output`);
}

// What one call of `impl` on `key` runs: call(input), timed, and prepare(input), which
// runs before the clock starts. An operation is a function (its input passed as is) or
// { prepare, call }.
async function job(impl, key, opts) {
  if (KEYS[key]) {
    const fn = generate[impl];
    if (!fn) throw new Error(`unknown implementation ${impl} for ${key}`);
    return { prepare: () => undefined, call: () => fn(key, opts.bits) };
  }
  operations ??= await makeOperations(m2m);
  if (!operations[key]) throw new Error(`unknown case ${key}`);
  const entry = operations[key][impl];
  if (!entry) throw new Error(`unknown implementation ${impl} for ${key}`);
  return typeof entry === "function"
    ? { prepare: (input) => input, call: entry }
    : entry;
}

window.bench = {
  async setup() {
    forge.options.usePureJavaScript = true;
    const t0 = performance.now();
    const mod = await import("/pkg/netsuite_m2m.js");
    await mod.default();
    m2m = mod;
    generate = generators(m2m);
    return {
      initMs: performance.now() - t0,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      userAgent: navigator.userAgent,
      hardwareConcurrency: navigator.hardwareConcurrency,
      forgePureJavaScript: forge.options.usePureJavaScript === true,
      keyTypes: m2m.supportedKeyTypes().map((k) => k.id),
    };
  },

  // Runs `count` timed calls (or fewer if budgetMs runs out, never fewer than 1).
  // opts.warmup: untimed; opts.bits: forge key size override (its cheap warm-up);
  // opts.inputs: one input per call, made in Node, for a case whose calls each need
  // their own (unpacked by the case's prepare() before the clock starts).
  // Returns the times and one output (the first) for bench/lib/timing.mjs to validate.
  // `key` is a key type (generation) or an operation case of operations.mjs.
  async run(impl, key, count, opts = {}) {
    const { prepare, call } = await job(impl, key, opts);
    const times = [];
    let sample = null;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const input = prepare(opts.inputs?.[i]);
      const t0 = performance.now();
      const out = await call(input);
      const t1 = performance.now();
      if (KEYS[key]) checkShape(impl, out);
      times.push(t1 - t0);
      if (sample === null && out) sample = out;
      if (
        opts.budgetMs !== undefined &&
        performance.now() - start >= opts.budgetMs
      )
        break;
    }
    return { times: opts.warmup ? [] : times, sample };
  },
};
window.__benchLoaded = true;
