// The benchmark's report: the tables printed to stdout and the targets judged
// against the ratios of one run (bench/run.mjs measures, this file reads).
import { ratio } from "./stats.mjs";
import { OP_LABEL, operationTargets } from "./operations.mjs";

export const IMPLS = ["ours", "webcrypto-floor", "peculiar", "forge"];
export const LABEL = {
  ours: "ours (netsuite-m2m wasm)",
  "webcrypto-floor": "webcrypto-floor",
  peculiar: "@peculiar/x509",
  forge: "node-forge (pure JS)",
};
export const JSON_FIELD = {
  ours: "ours_ms",
  "webcrypto-floor": "webcrypto_floor_ms",
  peculiar: "peculiar_ms",
  forge: "forge_ms",
};

export function fmtMs(x) {
  if (x === null || x === undefined) return "-";
  if (x >= 1000) return x.toFixed(0);
  if (x >= 100) return x.toFixed(1);
  if (x >= 10) return x.toFixed(2);
  return x.toFixed(3);
}

export function fmtRatio(r) {
  if (r === null || r === undefined) return "-";
  return r >= 100
    ? `${r.toFixed(0)}x`
    : r >= 10
      ? `${r.toFixed(1)}x`
      : `${r.toFixed(2)}x`;
}

export function fmtBytes(n) {
  return n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
}

export function evaluateTargets(results) {
  const t = [];
  const c = (k) => results.cases.find((x) => x.key === k);
  for (const k of ["ec-p256", "ec-p384"]) {
    const x = c(k);
    const o = x?.ours_ms;
    const p = x?.peculiar_ms;
    t.push({
      target: `${k}: ours median <= @peculiar/x509 median`,
      met: !!(o && p) && o.median <= p.median,
      detail:
        o && p
          ? `${fmtMs(o.median)} vs ${fmtMs(p.median)} ms (${fmtRatio(o.median / p.median)})`
          : "not measured",
    });
  }
  for (const k of ["rsa-3072", "rsa-4096"]) {
    const x = c(k);
    const o = x?.ours_ms;
    const f = x?.webcrypto_floor_ms;
    const g = x?.forge_ms;
    t.push({
      target: `${k}: ours median within 1.5x of the WebCrypto floor`,
      met: !!(o && f) && o.median <= 1.5 * f.median,
      detail:
        o && f
          ? `${fmtMs(o.median)} vs ${fmtMs(f.median)} ms (${fmtRatio(o.median / f.median)})`
          : "not measured",
    });
    t.push({
      target: `${k}: ours far below node-forge (taken as: forge median >= 5x ours)`,
      met: o && g ? g.median >= 5 * o.median : x?.forge_note ? null : false,
      detail:
        o && g
          ? `${fmtMs(o.median)} vs ${fmtMs(g.median)} ms (${fmtRatio(o.median / g.median)})`
          : x?.forge_note || "not measured",
    });
  }
  t.push(
    ...operationTargets(results.operations || [], {
      ms: fmtMs,
      ratio: fmtRatio,
    }),
  );
  const b = results.bytes;
  t.push({
    target: "ours gzipped bytes <= @peculiar/x509 bundle gzipped",
    met: b.ours.gzip <= b.peculiar.gzip,
    detail: `${fmtBytes(b.ours.gzip)} vs ${fmtBytes(b.peculiar.gzip)} (tree-shaken to this job: ${fmtBytes(b.peculiar.treeShaken.gzip)})`,
  });
  const r = results.ready_ms;
  t.push({
    target: "ready (navigation -> init() resolved) median < 100 ms on loopback",
    met: !!r && r.median < 100,
    detail: r ? `${fmtMs(r.median)} ms (n=${r.n})` : "not measured",
  });
  return t;
}

// The operation cases: one block each, ratio = each "ours" column / that column.
export function printOperations(L, operations) {
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

export function printTable(results) {
  const L = [];
  L.push(`netsuite-m2m benchmark (${results.mode} mode) in ${results.browser}`);
  L.push(
    `${results.machine.cores} cores, load average ${results.machine.loadavg1_start} at start, ${results.machine.loadavg1_end} at end` +
      ` (other work on the machine skews times); page cross-origin isolated: ${results.machine.crossOriginIsolated}; ${results.date}`,
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
  const head = `${"key".padEnd(9)} ${"implementation".padEnd(26)} ${"median".padStart(10)} ${"p95".padStart(10)} ${"n".padStart(4)}  ${"ours/this".padStart(9)}`;
  L.push(head);
  L.push("-".repeat(head.length));
  for (const c of results.cases) {
    let first = true;
    for (const impl of IMPLS) {
      const k = first ? c.key : "";
      first = false;
      const s = c[JSON_FIELD[impl]];
      const name = LABEL[impl];
      if (impl === "forge" && c.forge_note) {
        L.push(`${k.padEnd(9)} ${name.padEnd(26)} ${c.forge_note}`);
        continue;
      }
      if (!s) {
        L.push(
          `${k.padEnd(9)} ${name.padEnd(26)} FAILED: ${c.errors?.[impl] ?? "no result"}`,
        );
        continue;
      }
      const rkey = {
        ours: null,
        "webcrypto-floor": "webcrypto_floor",
        peculiar: "peculiar",
        forge: "forge",
      }[impl];
      const r = rkey ? fmtRatio(c.ratios[rkey]) : "";
      const capped = c.capped.includes(impl) ? "  (time cap)" : "";
      L.push(
        `${k.padEnd(9)} ${name.padEnd(26)} ${fmtMs(s.median).padStart(10)} ${fmtMs(s.p95).padStart(10)} ${String(s.n).padStart(4)}  ${r.padStart(9)}${capped}`,
      );
    }
  }
  printOperations(L, results.operations || []);
  L.push("");
  L.push("Repetitions (after warm-up; a case stops at n or at its time cap):");
  for (const [k, v] of Object.entries(results.settings.repetitions))
    L.push(`  ${k.padEnd(15)} ${v}`);
  L.push("");
  L.push(
    "Bytes a page downloads for the job (each file gzipped -9 on its own):",
  );
  const b = results.bytes;
  const row = (name, x, extra = "") =>
    L.push(
      `  ${name.padEnd(44)} ${fmtBytes(x.raw).padStart(10)} raw ${fmtBytes(x.gzip).padStart(10)} gzip${extra}`,
    );
  row("ours: netsuite_m2m_bg.wasm + netsuite_m2m.js", b.ours);
  row("@peculiar/x509 + deps + reflect-metadata (esbuild)", b.peculiar);
  row("  the same, tree-shaken to this job", b.peculiar.treeShaken);
  row("node-forge dist/forge.min.js", b.forge);
  row("  + prime.worker.min.js (forge's RSA workers)", b.forge.primeWorker);
  L.push("");
  const r = results.ready_ms;
  L.push(
    r
      ? `Ready (ours): navigation start -> await init() resolved, fresh page each: median ${fmtMs(r.median)} ms, p95 ${fmtMs(r.p95)} ms, n=${r.n}\n` +
          `  (baseline, an empty page measured the same way: median ${fmtMs(r.baseline_median)} ms)`
      : "Ready: not measured",
  );
  L.push("");
  L.push("Targets:");
  for (const t of results.targets)
    L.push(
      `  [${t.met === null ? "n/a" : t.met ? "met" : "MISSED"}] ${t.target}: ${t.detail}`,
    );
  if (results.errors?.length) {
    L.push("");
    L.push("ERRORS:");
    for (const e of results.errors) L.push(`  ${e}`);
  }
  console.log(L.join("\n"));
}
