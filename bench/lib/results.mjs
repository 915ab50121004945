// The results file: what the run says about itself (machine, module, settings, notes)
// and where the results go (bench/results*.json, or bench/build/ for quick and failed runs).
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { availableParallelism, loadavg } from "node:os";
import { BENCH, BUILD, QUICK, ROOT, SUFFIX, describePlans } from "./config.mjs";
import { errors, log } from "./log.mjs";
import { round } from "./stats.mjs";

const NOTES = {
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
    "Sizes are of the files as served; gzip is level 9, each file on its own. " +
    "bytes.wire: the page's wasm, JS and CSS as the reference backend (server/) sends them when asked for br, gzip or identity.",
};

/** The run's own fields; info is what the bench page's setup() saw. */
export function describeRun(info, moduleStamp) {
  return {
    date: new Date().toISOString(),
    machine: {
      cores: availableParallelism(),
      loadavg1_start: round(loadavg()[0], 2),
      hardwareConcurrency: info.hardwareConcurrency,
      crossOriginIsolated: info.crossOriginIsolated,
      userAgent: info.userAgent,
    },
    // Which build was measured: sha256 over netsuite_m2m.js then netsuite_m2m_bg.wasm.
    module_sha256: moduleStamp,
    settings: { repetitions: describePlans() },
    notes: NOTES,
  };
}

export async function writeResults(results) {
  // A failed full run must not replace the committed results.
  const out = QUICK
    ? join(BUILD, `results-quick${SUFFIX}.json`)
    : errors.length
      ? join(BUILD, `results-failed${SUFFIX}.json`)
      : join(BENCH, `results${SUFFIX}.json`);
  // Field order: the documented schema first.
  const { browser, cases, bytes, ready_ms, ...rest } = results;
  await writeFile(
    out,
    JSON.stringify({ browser, cases, bytes, ready_ms, ...rest }, null, 2) +
      "\n",
  );
  log(`wrote ${relative(ROOT, out)}`);
}
