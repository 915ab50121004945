#!/usr/bin/env bash
# The wasm build does structure only: WebCrypto does every cryptographic
# operation. Fails if software crypto arithmetic creeps back into its tree.
set -euo pipefail
cd "$(dirname "$0")/.."

forbidden='rsa|p256|p384|p521|ecdsa|elliptic-curve|num-bigint-dig|crypto-bigint|pbkdf2|aes|cbc|scrypt|hmac'
tree=$(cargo tree --target wasm32-unknown-unknown -e normal --prefix none)
found=$(grep -E "^($forbidden) v" <<<"$tree" | sort -u || true)
if [ -n "$found" ]; then
  echo "[deps] software crypto in the wasm build's dependencies:" >&2
  echo "$found" >&2
  exit 1
fi
echo "[deps] the wasm build has no software crypto arithmetic ($(sort -u <<<"$tree" | wc -l) crates checked)"
