#!/usr/bin/env bash
# What `npm test` needs on top of scripts/setup-start.sh, idempotently: the three
# browser engines and their WebDriver servers, Xvfb for WebKitGTK, OpenSSL (the tests'
# judge), schemathesis (the contract test) and pkilint (the certificate linter).
# geckodriver, schemathesis and pkilint are pinned here; the Debian packages are
# bookworm's (security updates only).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/apt.sh
source scripts/apt.sh
# shellcheck source=scripts/pinned.sh
source scripts/pinned.sh

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
cargo_pinned geckodriver "$GECKODRIVER_VERSION" geckodriver 2

# 3. Python tools from PyPI at pinned versions (scripts/pinned.sh).
# schemathesis: the server tests run it against the backend to check it keeps its
# OpenAPI contract (tests/server/openapi.test.mjs).
pip_pinned schemathesis "$SCHEMATHESIS_VERSION"
# pkilint (DigiCert's RFC 5280 linter): tests/interop/lint.test.mjs runs its
# `lint_pkix_cert lint -s NOTICE` on a certificate of every key type (issue 12).
pip_pinned pkilint "$PKILINT_VERSION"
