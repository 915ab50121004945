// The table a run prints to stdout, section by section, from its results (the same
// object that goes to the results file).
import {
  IMPLS,
  JSON_FIELD,
  LABEL,
  fmtBytes,
  fmtMs,
  fmtRatio,
} from "./report.mjs";
import { OP_LABEL } from "./operations.mjs";
import { overviewLines } from "./overview.mjs";

function header(L, results) {
  const m = results.machine;
  L.push(`netsuite-m2m benchmark (${results.mode} mode) in ${results.browser}`);
  L.push(
    `${m.cores} cores, load average ${m.loadavg1_start} at start, ${m.loadavg1_end} at end` +
      ` (other work on the machine skews times); page cross-origin isolated: ${m.crossOriginIsolated}; ${results.date}`,
  );
  if (results.mode === "quick")
    L.push(
      "QUICK MODE: a smoke run with few repetitions; the times mean little.",
    );
  L.push("");
  L.push(
    "Time for the whole job, in ms (median / p95 over n calls); ratio = ours median / this median",
  );
  L.push(
    `  ours            = await m2m.generate({ keyType }) -> privateKeyPem + certificate.pem`,
  );
  L.push(
    `  webcrypto-floor = crypto.subtle.generateKey alone (no certificate): the physical floor`,
  );
  L.push(
    `  @peculiar/x509  = subtle.generateKey + X509CertificateGenerator.createSelfSigned + PEM (cert + PKCS#8 key)`,
  );
  L.push(`  node-forge      = ${results.notes.forge}`);
  L.push("");
}

// The ratio key of each column in a case's `ratios` (ours has none).
const RATIO_KEY = {
  ours: null,
  "webcrypto-floor": "webcrypto_floor",
  peculiar: "peculiar",
  forge: "forge",
};

// One key type's row for one implementation; `k` is the key's name on its first row.
function generationRow(c, impl, k) {
  const s = c[JSON_FIELD[impl]];
  const name = LABEL[impl];
  if (impl === "forge" && c.forge_note)
    return `${k.padEnd(9)} ${name.padEnd(26)} ${c.forge_note}`;
  if (!s)
    return `${k.padEnd(9)} ${name.padEnd(26)} FAILED: ${c.errors?.[impl] ?? "no result"}`;
  const rkey = RATIO_KEY[impl];
  const r = rkey ? fmtRatio(c.ratios[rkey]) : "";
  const capped = c.capped.includes(impl) ? "  (time cap)" : "";
  return `${k.padEnd(9)} ${name.padEnd(26)} ${fmtMs(s.median).padStart(10)} ${fmtMs(s.p95).padStart(10)} ${String(s.n).padStart(4)}  ${r.padStart(9)}${capped}`;
}

function generation(L, cases) {
  const head = `${"key".padEnd(9)} ${"implementation".padEnd(26)} ${"median".padStart(10)} ${"p95".padStart(10)} ${"n".padStart(4)}  ${"ours/this".padStart(9)}`;
  L.push(head);
  L.push("-".repeat(head.length));
  for (const c of cases)
    IMPLS.forEach((impl, i) => L.push(generationRow(c, impl, i ? "" : c.key)));
}

// The operation cases: one block each, ratio = each "ours" column / that column.
function operationBlocks(L, operations) {
  if (!operations.length) return;
  L.push("");
  L.push(
    "Operations, in ms (median / p95 over n calls); ratios = ours median / that median",
  );
  for (const op of operations) {
    L.push("");
    L.push(`${op.id}: ${op.what}`);
    for (const [impl, s] of Object.entries(op.impls)) {
      const name = `  ${OP_LABEL[impl] || impl}`.padEnd(36);
      if (!s) {
        L.push(`${name} FAILED: ${op.errors?.[impl] ?? "no result"}`);
        continue;
      }
      const capped = op.capped.includes(impl) ? "  (time cap)" : "";
      L.push(
        `${name} ${fmtMs(s.median).padStart(10)} ${fmtMs(s.p95).padStart(10)} ${String(s.n).padStart(4)}${capped}`,
      );
    }
    const ratios = Object.entries(op.ratios)
      .map(([k, r]) => `${k} ${fmtRatio(r)}`)
      .join(", ");
    L.push(`  ratios: ${ratios}`);
  }
}

function repetitions(L, settings) {
  L.push("");
  L.push("Repetitions (after warm-up; a case stops at n or at its time cap):");
  for (const [k, v] of Object.entries(settings.repetitions))
    L.push(`  ${k.padEnd(15)} ${v}`);
}

function bytesAndReady(L, b, r) {
  L.push("");
  L.push(
    "Bytes a page downloads for the job (each file gzipped -9 on its own):",
  );
  const row = (name, x, extra = "") =>
    L.push(
      `  ${name.padEnd(44)} ${fmtBytes(x.raw).padStart(10)} raw ${fmtBytes(x.gzip).padStart(10)} gzip${extra}`,
    );
  row("ours: netsuite_m2m_bg.wasm + netsuite_m2m.js", b.ours);
  row("@peculiar/x509 + deps + reflect-metadata (esbuild)", b.peculiar);
  row("  the same, tree-shaken to this job", b.peculiar.treeShaken);
  row("node-forge dist/forge.min.js", b.forge);
  row("  + prime.worker.min.js (forge's RSA workers)", b.forge.primeWorker);
  if (b.wire) wire(L, b.wire);
  L.push("");
  L.push(
    r
      ? `Ready (ours): navigation start -> await init() resolved, fresh page each: median ${fmtMs(r.median)} ms, p95 ${fmtMs(r.p95)} ms, n=${r.n}\n` +
          `  (baseline, an empty page measured the same way: median ${fmtMs(r.baseline_median)} ms)`
      : "Ready: not measured",
  );
}

function instances(L, x) {
  L.push("");
  if (!x) return L.push("One wasm instance or two: not measured");
  L.push(
    `One wasm instance (the page's) or two (a second in a worker for the slow calls), medians of ${x.n} fresh pages each, in ms:`,
  );
  const v = (name) => x[name];
  L.push(
    `  ready: one ${fmtMs(v("one").ready_ms)}; with the worker ${fmtMs(v("worker").ready_ms)}, its second instance ready at ${fmtMs(v("worker").all_instances_ready_ms)}`,
  );
  L.push(
    "  job                  variant   time   longest frame gap  longest task  long tasks  timer lag",
  );
  for (const job of Object.keys(v("one").jobs))
    for (const name of ["one", "worker"]) {
      const j = v(name).jobs[job];
      const task =
        j.longest_task_ms === null ? "n/a" : fmtMs(j.longest_task_ms);
      const count = j.long_tasks === null ? "n/a" : String(j.long_tasks);
      L.push(
        `  ${job.padEnd(20)} ${name.padEnd(7)} ${fmtMs(j.ms).padStart(7)} ${fmtMs(j.max_frame_gap_ms).padStart(18)} ${task.padStart(13)} ${count.padStart(11)} ${fmtMs(j.max_timer_lag_ms).padStart(10)}`,
      );
    }
}

// The page's wasm, JS and CSS as the reference backend sends them.
function wire(L, w) {
  L.push("");
  L.push(
    "On the wire from the reference backend (server/), by Accept-Encoding:",
  );
  L.push(
    `  ${"".padEnd(28)} ${"br".padStart(10)} ${"gzip".padStart(10)} ${"identity".padStart(10)}`,
  );
  for (const [name, label] of [
    ["wasm", "wasm"],
    ["js", "JS"],
    ["css", "CSS"],
    ["total", "wasm + JS + CSS"],
  ]) {
    const x = w[name];
    L.push(
      `  ${`${label} (${x.files} file${x.files === 1 ? "" : "s"})`.padEnd(28)} ${fmtBytes(x.br).padStart(10)} ${fmtBytes(x.gzip).padStart(10)} ${fmtBytes(x.identity).padStart(10)}`,
    );
  }
}

function targetsAndErrors(L, targets, errors) {
  L.push("");
  L.push("Targets:");
  for (const t of targets)
    L.push(
      `  [${t.met === null ? "n/a" : t.met ? "met" : "MISSED"}] ${t.target}: ${t.detail}`,
    );
  if (errors?.length) {
    L.push("");
    L.push("ERRORS:");
    for (const e of errors) L.push(`  ${e}`);
  }
}

export function printTable(results) {
  const L = [];
  header(L, results);
  generation(L, results.cases);
  operationBlocks(L, results.operations || []);
  repetitions(L, results.settings);
  bytesAndReady(L, results.bytes, results.ready_ms);
  instances(L, results.instances);
  if ("overview" in results)
    L.push("", ...overviewLines(results.overview, fmtMs));
  targetsAndErrors(L, results.targets, results.errors);
  console.log(L.join("\n"));
}
