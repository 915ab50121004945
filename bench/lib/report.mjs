// The benchmark's report: the names and number formats of its columns, and the targets
// judged against the ratios of one run (the table that prints them is lib/table.mjs).
import { operationTargets } from "./operations.mjs";
import { overviewTargets } from "./overview.mjs";

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
  if ("overview" in results) t.push(...overviewTargets(results.overview));
  return t;
}
