#!/usr/bin/env bash
# Builds the wasm module into www/pkg/ (ES module + .wasm + TypeScript declarations).
set -euo pipefail
cd "$(dirname "$0")/.."

# Panic locations name source files: keep the builder's home directory out of them.
RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$HOME=~" \
  cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir www/pkg --out-name netsuite_m2m \
  target/wasm32-unknown-unknown/release/netsuite_m2m.wasm
# wasm-opt from npm's binaryen (Debian's 108 breaks wasm-bindgen's externref table).
# -Oz: size first; the module does no arithmetic of its own (WebCrypto does).
node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-sign-ext \
  --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue \
  www/pkg/netsuite_m2m_bg.wasm -o www/pkg/netsuite_m2m_bg.wasm
raw=$(stat -c %s www/pkg/netsuite_m2m_bg.wasm)
gz=$(gzip -9 -c www/pkg/netsuite_m2m_bg.wasm | wc -c)
printf '[build] www/pkg/netsuite_m2m_bg.wasm: %d bytes, %d gzipped\n' "$raw" "$gz"
node scripts/package.mjs # www/pkg/package.json + README.md: `npm pack www/pkg` gives the installable package
