// Issue 12: every key type's certificate, as the built module makes it, judged by an
// independent RFC 5280 linter: DigiCert's pkilint (PyPI, version pinned in
// scripts/setup.sh), run as `lint_pkix_cert lint -s NOTICE -f JSON <file>`.
// Any finding of WARNING or above fails; NOTICE findings are printed, not failures.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import path from "node:path";
import { KEY_TYPES, OPENSSL, m2m, put, tempDir } from "./helpers.mjs";

const LINTER = "lint_pkix_cert";
// A --user install (scripts/setup.sh's fallback) may leave the script off PATH; the
// module it runs is the same.
const LINTER_CMD = spawnSync(LINTER, ["--help"]).error
  ? ["python3", ["-m", "pkilint.bin.lint_pkix_cert"]]
  : [LINTER, []];
// pkilint's severities, lowest first; a finding at or above WARNING fails the test.
const SEVERITIES = ["DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "FATAL"];
const FAIL_FROM = SEVERITIES.indexOf("WARNING");

const dir = tempDir("m2m-lint-");

/** Runs the linter on a PEM file; returns its findings as [{ validator, path, severity, code, message }]. */
function lint(file) {
  const [cmd, pre] = LINTER_CMD;
  const r = spawnSync(
    cmd,
    [...pre, "lint", "-s", "NOTICE", "-f", "JSON", file],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  assert.equal(
    r.error,
    undefined,
    `${LINTER}: ${r.error?.message}; run \`bash scripts/setup.sh\` (installs pkilint)`,
  );
  assert.equal(r.signal, null, `${LINTER} was killed (${r.signal})`);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    assert.fail(
      `${LINTER} exited ${r.status} without a JSON report:\n${r.stderr}${r.stdout}`,
    );
  }
  const findings = report.results.flatMap((res) =>
    res.finding_descriptions.map((f) => ({
      validator: res.validator,
      path: res.node_path,
      severity: f.severity,
      code: f.code,
      message: f.message,
    })),
  );
  // pkilint's exit code is the number of findings reported (at or above NOTICE here):
  // a second reading of the same outcome, so a changed output format cannot pass quietly.
  assert.equal(r.status, Math.min(findings.length, 255), r.stderr);
  return findings;
}

/** Findings as pkilint's TEXT report prints them, for the failure message. */
function describeFindings(findings) {
  return findings
    .map(
      (f) =>
        `${f.validator} @ ${f.path}\n    ${f.code} (${f.severity})${f.message ? `: ${f.message}` : ""}`,
    )
    .join("\n");
}

describe("pkilint (lint_pkix_cert) on the module's certificates", () => {
  for (const kt of KEY_TYPES) {
    test(`${kt.id}: no finding of WARNING or above`, async () => {
      const made = await m2m.generate({ keyType: kt.id });
      const file = put(dir, `${kt.id}.crt`, made.certificate.pem);
      const findings = lint(file);
      for (const f of findings)
        assert.ok(
          SEVERITIES.includes(f.severity),
          `unknown severity ${f.severity}`,
        );
      const failing = findings.filter(
        (f) => SEVERITIES.indexOf(f.severity) >= FAIL_FROM,
      );
      const notices = findings.filter((f) => !failing.includes(f));
      if (notices.length)
        console.log(
          `# ${kt.id}: pkilint notices:\n${describeFindings(notices)}`,
        );
      assert.equal(
        failing.length,
        0,
        `pkilint findings on the ${kt.id} certificate:\n${describeFindings(failing)}`,
      );
    });
  }

  test("the linter is live: a CA certificate without key usage is an ERROR", () => {
    // Oracle's `openssl req -x509` recipe, as issue 12 quotes it: proves the linter runs
    // and reports, so a silent or broken linter cannot make the tests above pass.
    const codes = lint(opensslSelfSigned("oracle", [])).map(
      (f) => `${f.code} (${f.severity})`,
    );
    assert.ok(
      codes.includes("pkix.ca_certificate_no_ku_extension (ERROR)"),
      codes.join(", "),
    );
  });

  test("a certificate shaped like the module's, with an authority key identifier, lints clean", () => {
    // The extensions the module writes, plus the authorityKeyIdentifier issue 12 adds:
    // proves the clean outcome (no finding, exit 0) is read as such.
    const findings = lint(
      opensslSelfSigned("shaped", [
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature",
        "subjectKeyIdentifier=hash",
        "authorityKeyIdentifier=keyid:always",
      ]),
    );
    assert.deepEqual(findings, []);
  });
});

/** A self-signed EC P-256 certificate made by `openssl req -x509` (plus these extensions). */
function opensslSelfSigned(name, extensions) {
  const cert = path.join(dir, `${name}.crt`);
  const args = ["req", "-x509", "-newkey", "ec", "-pkeyopt"];
  args.push("ec_paramgen_curve:P-256", "-nodes", "-days", "365");
  args.push("-keyout", path.join(dir, `${name}.key`), "-out", cert);
  args.push("-subj", `/CN=${name}`);
  // Without extensions: the system's openssl.cnf, as Oracle's recipe (a CA certificate).
  // With them: an empty config, so -addext says everything and no CA defaults join in.
  if (extensions.length)
    args.push(
      "-config",
      put(dir, `${name}.cnf`, "[req]\ndistinguished_name=dn\n[dn]\n"),
    );
  for (const e of extensions) args.push("-addext", e);
  const r = spawnSync(OPENSSL, args, { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return cert;
}
