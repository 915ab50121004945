#!/usr/bin/env bash
# What `npm start` needs, idempotently (each step checks first; a second run takes
# about a second): Rust's wasm32 target, wasm-bindgen-cli at the version Cargo.lock
# pins, the tools that build the server's native npm dependency, and the npm packages.
# No browser: scripts/setup-test.sh adds what only `npm test` needs.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/apt.sh
source scripts/apt.sh
# shellcheck source=scripts/pinned.sh
source scripts/pinned.sh

# 1. Rust's wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock
#    (a different version refuses to process the module).
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
cargo_pinned wasm-bindgen-cli "$want" wasm-bindgen 2

# 3. The server's storage, better-sqlite3, has no prebuilt binary reachable from every
#    machine, so npm compiles it with node-gyp (about a minute): that needs python3,
#    make, a C++ compiler and Node's headers. The headers come from the Node
#    installation itself (Debian's nodejs ships them in /usr/include/node, official
#    tarballs in include/node), so node-gyp need not download them.
need make make
need g++ g++
need python3 python3
install_missing
node_prefix=$(node -p 'require("path").resolve(process.execPath, "../..")')
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi

# 4. npm packages, exactly as package-lock.json records them.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.package-lock.json.src 2>/dev/null; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.src
fi

# 5. better-sqlite3 must load in this Node. It may not after a Node upgrade, or if npm
#    skipped its install script (npm 11 asks for install scripts to be approved).
if ! node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then
  say "building better-sqlite3 for Node $(node --version); takes about a minute"
  npm rebuild better-sqlite3 --foreground-scripts --loglevel=error
fi
