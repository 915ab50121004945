#!/usr/bin/env bash
# `npm test`: sets up, builds, and runs every check and test the project has.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh
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

step "Rust tests in headless Chromium (wasm-bindgen-test through ChromeDriver)"
CHROMEDRIVER="$(command -v chromedriver)" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=180 \
  cargo test --target wasm32-unknown-unknown --test web

step "benchmark, quick mode (checks it runs; asserts no timings)"
node bench/run.mjs --quick

step "Node tests: OpenSSL and Node crypto interop, the reference backend, the page in Chromium"
node --test --test-reporter=spec tests/interop/ tests/server/ tests/e2e/
