#!/usr/bin/env bash
# Installs what building and testing need, idempotently: each step checks first.
# Safe to run on every `npm start` / `npm test`; a second run takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# 1. Rust's wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock
#    (a different version refuses to process the module).
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (had: ${have:-none}); takes about 2 minutes"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 3. Chromium, ChromeDriver and OpenSSL from Debian.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing from Debian: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[setup] missing Debian packages: ${missing[*]}" >&2
    echo "[setup] install them first: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# ---------------------------------------------------------------------------
# START NEEDS, for the server's storage (issue 11): better-sqlite3 has no
# prebuilt binary reachable from every machine, so npm compiles it with
# node-gyp (about a minute). That needs python3, make, a C++ compiler and
# Node's headers; the headers come from the Node installation itself (Debian's
# nodejs ships them in /usr/include/node, official tarballs in include/node),
# so node-gyp need not download them.
toolchain_missing=()
command -v python3 >/dev/null || toolchain_missing+=(python3)
command -v make >/dev/null || toolchain_missing+=(make)
command -v g++ >/dev/null || toolchain_missing+=(g++)
if [ ${#toolchain_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing from Debian, to build better-sqlite3: ${toolchain_missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${toolchain_missing[@]}" >/dev/null
  else
    echo "[setup] building better-sqlite3 needs: ${toolchain_missing[*]}" >&2
    echo "[setup] install them first: sudo apt-get update && sudo apt-get install -y ${toolchain_missing[*]}" >&2
    exit 1
  fi
fi
node_prefix=$(node -p 'require("path").resolve(process.execPath, "../..")')
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi
# (continued after step 4)
# ---------------------------------------------------------------------------

# 4. npm packages, exactly as package-lock.json records them.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.package-lock.json.src 2>/dev/null; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.src
fi

# ---------------------------------------------------------------------------
# START NEEDS, for the server's storage (continued): better-sqlite3 must load
# in this Node. It may not after a Node upgrade, or if npm skipped its install
# script (npm 11 asks for install scripts to be approved): build it then.
if ! node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null; then
  say "building better-sqlite3 for Node $(node --version); takes about a minute"
  npm rebuild better-sqlite3 --foreground-scripts --loglevel=error
fi
# END OF START NEEDS for the server's storage.
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# 5. schemathesis 4 (PyPI), which the server tests run against the backend to
#    check it keeps its OpenAPI contract (tests/server/openapi.test.mjs).
st_version=$({ st --version || python3 -m schemathesis.cli --version; } 2>/dev/null || true)
if [[ "$st_version" != *"version 4."* ]]; then
  say "installing schemathesis 4 from PyPI"
  # A system Python that refuses global installs (PEP 668) gets a user install.
  python3 -m pip install --quiet --disable-pip-version-check 'schemathesis>=4.32,<5' ||
    python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages 'schemathesis>=4.32,<5'
fi

# 6. pkilint (PyPI, DigiCert's RFC 5280 linter), pinned: tests/interop/lint.test.mjs runs
#    its `lint_pkix_cert lint -s NOTICE` on a certificate of every key type (issue 12).
pkilint_want=0.13.3
pkilint_have=$(python3 -c 'from importlib.metadata import version; print(version("pkilint"))' 2>/dev/null || true)
if [ "$pkilint_have" != "$pkilint_want" ]; then
  say "installing pkilint $pkilint_want from PyPI (had: ${pkilint_have:-none})"
  python3 -m pip install --quiet --disable-pip-version-check "pkilint==$pkilint_want" ||
    python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages "pkilint==$pkilint_want"
fi
