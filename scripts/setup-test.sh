#!/usr/bin/env bash
# What `npm test` needs on top of scripts/setup-start.sh, idempotently: the three
# browser engines and their WebDriver servers, Xvfb for WebKitGTK, OpenSSL (the tests'
# judge), schemathesis (the contract test) and pkilint (the certificate linter).
# geckodriver, schemathesis and pkilint are pinned here; the Debian packages are
# bookworm's (security updates only).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
# shellcheck source=scripts/apt.sh
source scripts/apt.sh

bash scripts/setup-start.sh

GECKODRIVER_VERSION=0.37.0
SCHEMATHESIS_VERSION=4.32.5
PKILINT_VERSION=0.13.3

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

# 3 and 4 come from PyPI at a pinned version. (Reading the installed version is faster
#    than starting a package's CLI.) A system Python that refuses global installs
#    (PEP 668) gets a user install.
pypi_pin() {
  local package=$1 version=$2 have
  have=$(python3 -c "import importlib.metadata as m; print(m.version('$package'))" 2>/dev/null || true)
  [ "$have" = "$version" ] && return 0
  say "installing $package $version from PyPI (had: ${have:-none})"
  python3 -m pip install --quiet --disable-pip-version-check "$package==$version" ||
    python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages "$package==$version"
}

# 3. schemathesis, which the server tests run against the backend to check it keeps
#    its OpenAPI contract (tests/server/openapi.test.mjs).
pypi_pin schemathesis "$SCHEMATHESIS_VERSION"

# 4. pkilint (DigiCert's RFC 5280 linter): tests/interop/lint.test.mjs runs its
#    `lint_pkix_cert lint -s NOTICE` on a certificate of every key type (issue 12).
pypi_pin pkilint "$PKILINT_VERSION"
