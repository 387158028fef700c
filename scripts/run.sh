#!/usr/bin/env bash
# `make run`: a server on the embedded SQLite database with demo data.
# Usage: scripts/run.sh CONSIGN_BINARY DB_URL LISTEN DATA_DIR
set -euo pipefail
consign=$1 db=$2 listen=$3 data_dir=$4
cd "$(dirname "$0")/.."
mkdir -p "$data_dir"

if [[ $db == sqlite:* ]] && [ ! -s "${db#sqlite:}" ]; then
  echo "First run: filling $db with a demo company (consign demo)…"
  "$consign" demo --db "$db" --customers "${DEMO_CUSTOMERS:-5000}"
fi

echo
echo "Starting Consign on http://$listen  (database: $db)"
echo "Log in as 'admin'. On the very first start the server prints a one-time password below;"
echo "it is shown only once. Lost it? Set a new one with:"
echo "  $consign user set-password --login admin --password-stdin --db $db"
echo
exec "$consign" serve --db "$db" --listen "$listen" --static-dir web/dist
