#!/usr/bin/env bash
# `npm test`: sets up, builds, and runs every check and test the project has, in all
# three browser engines (Chromium, Firefox ESR, WebKitGTK), then prints how long each
# part took.
set -euo pipefail
cd "$(dirname "$0")/.."

timings=()
current=""
started=$SECONDS
step_start=$SECONDS
finish_step() {
  [ -n "$current" ] && timings+=("$(printf '%5ds  %s' $((SECONDS - step_start)) "$current")")
  current=""
}
step() {
  finish_step
  current="$*"
  step_start=$SECONDS
  printf '\n=== %s\n' "$*"
}
report() {
  local rc=$?
  finish_step
  printf '\n=== time per part (%s)\n' "$([ $rc = 0 ] && echo passed || echo "FAILED, exit $rc")"
  printf '%s\n' "${timings[@]}"
  printf '%5ds  total\n' $((SECONDS - started))
}
trap report EXIT

step "setup (what npm start needs, then browsers, drivers, Xvfb, OpenSSL, schemathesis, pkilint)"
bash scripts/setup-test.sh
step "the setup scripts' pinned installs (stand-in cargo: the fallback when a locked install cannot resolve)"
node --test --test-reporter=spec tests/setup/
if [ -n "${CI:-}" ] || [ "${CHECK_FRESH_SETUP:-}" = 1 ]; then
  step "setup as on a fresh machine: no cargo-installed tools, empty CARGO_INSTALL_ROOT (CI only; some minutes)"
  bash scripts/check-fresh-setup.sh
fi
step "build"
bash scripts/build.sh

step "format and lint"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
npx prettier --check --log-level warn .

bash scripts/check-wasm-deps.sh

step "Rust tests (native): rules, edge cases, 100,000 mutated inputs"
cargo test --quiet

# wasm-bindgen-test-runner picks the browser by which driver variable is set;
# webdriver.json gives each browser its options (headless, Debian's binaries).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=180
step "Rust tests in headless Chromium (wasm-bindgen-test through ChromeDriver)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown --test web
step "Rust tests in headless Firefox ESR (wasm-bindgen-test through geckodriver)"
GECKODRIVER="$(command -v geckodriver)" cargo test --target wasm32-unknown-unknown --test web

step "benchmark, quick mode (checks it runs; asserts no timings)"
node bench/run.mjs --quick

step "Node tests: OpenSSL and Node crypto interop, the reference backend"
node --test --test-reporter=spec tests/interop/ tests/server/
step "the NetSuite simulator against OpenSSL and Node's crypto"
node --test --test-reporter=spec tests/simulator/
step "the page end to end in Chromium (playwright-core)"
node --test --test-reporter=spec tests/e2e/
step "the npm package: packed, installed offline, bundled by esbuild, run in Chromium and Node"
node --test --test-reporter=spec tests/package/
step "the JS API against netsuite_m2m.d.ts: tsc --strict, real outputs against its schemas, error codes"
node --test --test-reporter=spec tests/types/
step "the page in Firefox ESR (WebDriver through geckodriver)"
node --test --test-reporter=spec tests/engines/firefox.test.mjs
step "the page in WebKitGTK (WebDriver through WebKitWebDriver, on Xvfb)"
node --test --test-reporter=spec tests/engines/webkit.test.mjs
