#!/usr/bin/env bash
# Screenshots of the console's main pages into docs/screenshots/ (docs/screenshots/README.md lists them).
# Not part of `make test`. Run after `make` (the server at build/src/app/consign) from the repository root:
#   bash scripts/screenshots.sh
# CONSIGN_BINARY overrides the server, CHROMIUM the browser (Debian's chromium by default). A fresh
# database with a fixed demo company (consign demo --seed) each run, so the pictures are the same.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CONSIGN_BINARY="${CONSIGN_BINARY:-$root/build/src/app/consign}"
[ -x "$CONSIGN_BINARY" ] || { echo "screenshots: no server at $CONSIGN_BINARY — run 'make' first" >&2; exit 1; }
bash scripts/build-web.sh
(cd tests/e2e && { [ -f node_modules/.consign-lock-stamp ] && cmp -s package-lock.json node_modules/.consign-lock-stamp; } ||
  { npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.consign-lock-stamp; })
node tests/e2e/screenshots.mjs "${1:-$root/docs/screenshots}"
