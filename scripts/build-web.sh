#!/usr/bin/env bash
# Builds the web console into web/dist (served by `consign serve`). npm ci only when the lock file
# changed since the last install, so repeated builds cost seconds.
set -euo pipefail
web="$(dirname "$0")/../web"
[ -f "$web/package.json" ] || { echo "build-web: no web/package.json yet, skipping"; exit 0; }
cd "$web"
stamp=node_modules/.consign-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
if [ ! -f dist/index.html ] || [ -n "$(find src index.html package.json vite.config.* ../docs/openapi.yaml -newer dist/index.html 2>/dev/null | head -1)" ]; then
  npm run build --silent
fi
