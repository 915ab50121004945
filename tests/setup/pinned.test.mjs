// scripts/pinned.sh installs pinned tools. These tests run its cargo_pinned and
// pip_pinned against stand-in `cargo` and `python3` commands (shell scripts on a
// temporary PATH) that behave like the registry does today, so each path through
// the fallback is exercised in a second: a --locked install that cannot resolve,
// one that fails for another reason, and a tool that reports the wrong version.
// scripts/check-fresh-setup.sh runs the real setup scripts without the tools.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../", import.meta.url));

// A stand-in cargo: `cargo install CRATE --version V [--locked] --force` writes a
// CRATE-tool script into $FAKE_ROOT/bin that prints "CRATE-tool $REPORTED".
// LOCKED_FAILS says how a --locked install fails: "resolve" (as wasm-bindgen-cli
// 0.2.130 does today), "other", or nothing (it succeeds).
const FAKE_CARGO = `#!/usr/bin/env bash
echo "cargo $*" >> "$FAKE_ROOT/calls"
crate=$2 version=$4
if [[ " $* " == *" --locked "* ]]; then
  case "\${LOCKED_FAILS:-}" in
    resolve) echo 'error: failed to select a version for the requirement \`webpki-roots = "^1.0.10"\` (locked to 1.0.11)' >&2; exit 101 ;;
    other) echo "error: could not compile \\\`$crate\\\`" >&2; exit 101 ;;
  esac
fi
mkdir -p "$FAKE_ROOT/bin"
printf '#!/bin/sh\\necho "%s-tool %s"\\n' "$crate" "\${REPORTED:-$version}" > "$FAKE_ROOT/bin/$crate-tool"
chmod +x "$FAKE_ROOT/bin/$crate-tool"
`;

function runPinned(call, env = {}) {
  const root = mkdtempSync(path.join(tmpdir(), "pinned-"));
  const cargo = path.join(root, "cargo");
  writeFileSync(cargo, FAKE_CARGO);
  chmodSync(cargo, 0o755);
  writeFileSync(path.join(root, "calls"), "");
  const script = `set -euo pipefail; source scripts/apt.sh; source scripts/pinned.sh; ${call}`;
  const result = spawnSync("bash", ["--norc", "--noprofile", "-c", script], {
    cwd: repo,
    encoding: "utf8",
    env: {
      PATH: `${root}/bin:${root}:/usr/bin:/bin`,
      HOME: root,
      FAKE_ROOT: root,
      ...env,
    },
  });
  const calls = readFileSync(path.join(root, "calls"), "utf8")
    .trim()
    .split("\n")
    .filter(Boolean);
  return { ...result, calls, output: result.stdout + result.stderr };
}

test("a locked install that resolves is used as it is", () => {
  const run = runPinned("cargo_pinned demo 1.2.3 demo-tool 2");
  assert.equal(run.status, 0, run.output);
  assert.deepEqual(run.calls, [
    "cargo install demo --version 1.2.3 --locked --force",
  ]);
  assert.doesNotMatch(run.output, /normal resolution/);
  assert.match(run.output, /demo-tool 1\.2\.3 installed/);
});

test("a locked install that cannot resolve falls back to the same version, and says so", () => {
  const run = runPinned("cargo_pinned demo 1.2.3 demo-tool 2", {
    LOCKED_FAILS: "resolve",
  });
  assert.equal(run.status, 0, run.output);
  assert.deepEqual(run.calls, [
    "cargo install demo --version 1.2.3 --locked --force",
    "cargo install demo --version 1.2.3 --force",
  ]);
  assert.match(run.output, /failed to select a version/);
  assert.match(
    run.output,
    /installing demo 1\.2\.3 again with a normal resolution/,
  );
  assert.match(run.output, /demo-tool 1\.2\.3 installed/);
});

test("a locked install that fails for another reason stops setup without a second try", () => {
  const run = runPinned("cargo_pinned demo 1.2.3 demo-tool 2", {
    LOCKED_FAILS: "other",
  });
  assert.notEqual(run.status, 0);
  assert.equal(run.calls.length, 1);
  assert.match(run.output, /could not compile/);
});

test("a tool that reports another version after installing stops setup", () => {
  const run = runPinned("cargo_pinned demo 1.2.3 demo-tool 2", {
    LOCKED_FAILS: "resolve",
    REPORTED: "1.2.4",
  });
  assert.notEqual(run.status, 0);
  assert.match(
    run.output,
    /reports version '1\.2\.4' after installing demo 1\.2\.3/,
  );
});

test("a tool already at the pinned version is not installed again", () => {
  const first = runPinned(
    "cargo_pinned demo 1.2.3 demo-tool 2 && cargo_pinned demo 1.2.3 demo-tool 2",
  );
  assert.equal(first.status, 0, first.output);
  assert.equal(first.calls.length, 1);
});
