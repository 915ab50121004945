#!/usr/bin/env bash
# What `npm test` needs on top of scripts/setup-start.sh, idempotently: the three
# browser engines and their WebDriver servers, Xvfb for WebKitGTK, OpenSSL (the tests'
# judge) and schemathesis (the contract test). Versions: geckodriver and schemathesis
# are pinned here; the Debian packages are bookworm's (security updates only).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
# shellcheck source=scripts/apt.sh
source scripts/apt.sh

bash scripts/setup-start.sh

GECKODRIVER_VERSION=0.37.0
SCHEMATHESIS_VERSION=4.32.5

# 1. Browsers, WebDriver servers, Xvfb and OpenSSL from Debian. Chromium runs the
#    Playwright e2e suite and the wasm tests; Firefox ESR the wasm tests and the engine
#    suite; WebKitGTK (MiniBrowser + WebKitWebDriver, needs an X display) the engine suite.
need chromium chromium
need chromedriver chromium-driver
need firefox-esr firefox-esr
need WebKitWebDriver webkit2gtk-driver
need Xvfb xvfb
need openssl openssl
need "/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/webkit2gtk-4.1/MiniBrowser" libwebkit2gtk-4.1-0
install_missing

# 2. geckodriver (Firefox's WebDriver server) is not in Debian: crates.io, pinned.
have=$(geckodriver --version 2>/dev/null | awk 'NR==1 {print $2}' || true)
if [ "$have" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (had: ${have:-none}); takes about 3 minutes"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
fi

# 3. schemathesis (PyPI), which the server tests run against the backend to check it
#    keeps its OpenAPI contract (tests/server/openapi.test.mjs).
# (Reading the installed version is faster than starting its CLI.)
st_version=$(python3 -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true)
if [ "$st_version" != "$SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI"
  # A system Python that refuses global installs (PEP 668) gets a user install.
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" ||
    python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages "schemathesis==$SCHEMATHESIS_VERSION"
fi
