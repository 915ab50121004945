#!/usr/bin/env bash
# Everything: what `npm start` needs (scripts/setup-start.sh) and what only `npm test`
# needs (scripts/setup-test.sh, which runs setup-start.sh first). Idempotent.
set -euo pipefail
exec bash "$(dirname "$0")/setup-test.sh"
