#!/usr/bin/env bash
# Issue 10's proof, first figure: scan ingest through the HTTP API in batches of 1,000, durable (SQLite
# in WAL with synchronous=FULL: a 200 is on disk), against a raw bulk insert of the same rows into a
# table with the same indexes in the same database, in batches of 1,000 a transaction, in the same run.
# Goal: at least 0.5 × the raw rate. Figures, not tests.
#
#   bench/scans.sh [BUILD_DIR]
#
#   consign    POST /api/v1/scans for $BENCH_SECONDS (default 10) at $BENCH_CONNECTIONS (default 4), each
#              request 1,000 new events (each its own event id) spread over $BENCH_ORDERS orders (default
#              20,000): mapped, checked, stored once, and every touched shipment's state, ETA, next check
#              and exceptions brought up to date in the same transaction.
#   reference  the rows just stored, copied 1,000 a transaction into a table with tracking_events' indexes.
# The orders are taken first through POST /api/v1/orders (one carrier covering every province).
#
# PostgreSQL instead with BENCH_PG_URL (a server's URL, e.g. scripts/pg-test-cluster.sh's): the run
# works in a database of its own, dropped afterwards; the reference is then COPY (psql's \copy) of the
# same rows into a table with the same indexes, 1,000 rows a transaction, and once more all in one.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-4}
orders=${BENCH_ORDERS:-20000}
port=${BENCH_PORT:-18680}
work=$(mktemp -d /tmp/consign-scans-bench.XXXXXX)
pids=()
pg=${BENCH_PG_URL:-}
pg_db=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$pg_db" ]; then psql -q "$pg" -c "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
source bench/lib.sh
if [ -n "$pg" ]; then
  pg_db="consign_scans_bench_$$"
  psql -q "$pg" -c "CREATE DATABASE $pg_db" >/dev/null
  db_url="${pg%/*}/$pg_db"
fi
# One value (or one per line) from the bench's database.
sql() { if [ -n "$pg" ]; then psql -qtA "$db_url" -c "$1"; else sqlite3 "$db_file" "$1"; fi; }
bench_check_port

bench_machine
bench_serve admin --customers 100 --orders-per-day 0

# The demo's carriers are suspended so that the bench's carrier, covering everything, takes every order.
for id in $(sql "SELECT id FROM carriers WHERE status = 'active'"); do
  api -d '{"reason":"bench"}' "$base/api/v1/carriers/$id/suspend" >/dev/null
done
provinces='"11","12","13","14","15","21","22","23","31","32","33","34","35","36","37","41","42","43","44","45","46","50","51","52","53","54","61","62","63","64","65"'
carrier=$(api -d "{\"code\":\"SCAN\",\"name_zh\":\"测速快运\",\"kind\":\"subcontracted\",\"coverage\":[$provinces],
  \"products\":[\"standard\"],\"daily_capacity_orders\":10000000,\"daily_capacity_grams\":100000000000,
  \"rates\":[{\"product\":\"standard\",\"zone\":\"cross_province\",\"first_grams\":1000,\"first_price\":{\"amount_minor\":900,\"currency\":\"CNY\"},\"step_grams\":1000,\"step_price\":{\"amount_minor\":200,\"currency\":\"CNY\"}}],
  \"transit\":[{\"product\":\"standard\",\"zone\":\"cross_province\",\"hours\":48}],
  \"declared\":{\"on_time_bp\":9600,\"damage_bp\":10,\"scan_completeness_bp\":9700}}" \
  "$base/api/v1/carriers" | sed -E 's/^\{"id":([0-9]+).*/\1/')
key=$(api -d '{"label":"bench"}' "$base/api/v1/carriers/$carrier/api-keys" | sed -E 's/.*"key":"([^"]+)".*/\1/')
customer=$(api "$base/api/v1/customers?limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')

# The orders, through the API (64 connections until there are enough).
body="{\"customer_id\":$customer,\"product\":\"standard\",\"shipper\":{\"name\":\"张三\",\"phone\":\"13812345678\",\"division\":\"440305\",\"address\":\"科技园南区 1 栋 101\"},\"consignee\":{\"name\":\"李四\",\"phone\":\"13987654321\",\"division\":\"310115\",\"address\":\"世纪大道 100 号 2001 室\"},\"goods\":{\"pieces\":1,\"weight_grams\":2300}}"
cat >"$work/orders.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
while [ "$(sql "SELECT count(*) FROM orders")" -lt "$orders" ]; do
  wrk -t2 -c64 -d5s -s "$work/orders.lua" "$base/api/v1/orders" >/dev/null
done
first=$(sql "SELECT min(id) FROM orders WHERE carrier_id = $carrier")
count=$(sql "SELECT count(*) FROM orders WHERE carrier_id = $carrier")
echo "orders taken: $count (from id $first)"

cat >"$work/scans.lua" <<LUA
local first, n, key = $first, $count, "$key"
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
local function luhn(digits)
  local sum, doubled = 0, true
  for i = #digits, 1, -1 do
    local d = tonumber(digits:sub(i, i))
    if doubled then d = d * 2; if d > 9 then d = d - 9 end end
    sum = sum + d
    doubled = not doubled
  end
  return (10 - sum % 10) % 10
end
local waybills = nil
local counter = 0
request = function()
  if not waybills then
    waybills = {}
    for i = 0, n - 1 do
      local digits = string.format("%012d", first + i)
      waybills[i] = "CS" .. digits .. luhn(digits)
    end
  end
  local now = os.time()
  local parts = {}
  for i = 1, 1000 do
    counter = counter + 1
    local w = waybills[(tid * 7919 + counter) % n]
    parts[i] = string.format('{"waybill":"%s","code":"ARRIVE","time":"%s","event_id":"b%d-%d","place":"华东转运中心"}',
      w, os.date("!%Y-%m-%dT%H:%M:%SZ", now - 60 - (counter % 86400)), tid, counter)
  end
  return wrk.format("POST", "/api/v1/scans", {["Content-Type"] = "application/json", ["X-Carrier-Key"] = key},
    "[" .. table.concat(parts, ",") .. "]")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f errors=%d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
before=$(sql "SELECT count(*) FROM tracking_events")
# The server's CPU time over the run (user + system, in clock ticks): on a shared machine it says what a
# batch costs when the wall-clock rate says mostly how busy the neighbours were.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
cpu_before=$(cpu_ticks "${pids[0]}")
result=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s -s "$work/scans.lua" "http://127.0.0.1:$port" | grep '^RESULT')
server_cpu=$(echo "scale=2; ($(cpu_ticks "${pids[0]}") - $cpu_before) / $(getconf CLK_TCK)" | bc)
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
stored=$(( $(sql "SELECT count(*) FROM tracking_events") - before ))
rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")
rate=$(echo "scale=0; $rps * 1000 / 1" | bc)
echo "consign: POST /api/v1/scans, 1,000 events a request, $connections connections, ${duration}s: $result"
echo "  events stored: $stored; ≈ $rate events/s; shipments: $(sql "SELECT count(*) FROM tracking_shipments")"
echo "  server CPU: ${server_cpu} s, $(echo "scale=1; $server_cpu * 1000000 / $stored" | bc) µs an event"

# The reference: the same rows into a table with the same indexes, 1,000 a transaction.
if [ -n "$pg" ]; then
  psql -q "$db_url" >/dev/null <<'SQL'
CREATE TABLE ref_events (LIKE tracking_events INCLUDING DEFAULTS);
CREATE UNIQUE INDEX ref_events_key ON ref_events (carrier_id, event_key);
CREATE INDEX ref_events_order ON ref_events (order_id, at);
CREATE INDEX ref_events_waiting ON ref_events (serial) WHERE quarantine = 'waiting';
SQL
  psql -q "$db_url" -c "\\copy (SELECT * FROM tracking_events ORDER BY id) TO '$work/events.copy'"
  split -l 1000 -a 5 "$work/events.copy" "$work/chunk."
  for f in "$work"/chunk.*; do printf 'BEGIN;\n\\copy ref_events FROM %s\nCOMMIT;\n' "$f"; done >"$work/reference.sql"
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/reference.cpu" psql -q "$db_url" -f "$work/reference.sql" >/dev/null
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  ref_cpu=$(awk '{print $1 + $2}' "$work/reference.cpu")
  ref_rate=$(echo "scale=0; $stored / $seconds" | bc)
  echo "reference: $stored rows COPY'd into a table with the same indexes, 1,000 a transaction (psql \\copy, same database): ${seconds} s, $ref_rate rows/s"
  echo "  reference CPU (psql only; the server's is not counted): ${ref_cpu} s"
  psql -q "$db_url" -c "TRUNCATE ref_events" >/dev/null
  start=$(date +%s.%N)
  psql -q "$db_url" -c "\\copy ref_events FROM '$work/events.copy'" >/dev/null
  one=$(echo "$(date +%s.%N) - $start" | bc)
  echo "  the same rows in one COPY, one transaction: ${one} s, $(echo "scale=0; $stored / $one" | bc) rows/s"
else
  {
    echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
    echo "CREATE TABLE ref_events AS SELECT * FROM tracking_events WHERE 0;"
    echo "CREATE UNIQUE INDEX ref_events_key ON ref_events (carrier_id, event_key);"
    echo "CREATE INDEX ref_events_order ON ref_events (order_id, at);"
    echo "CREATE INDEX ref_events_waiting ON ref_events (serial) WHERE quarantine = 'waiting';"
  } | sqlite3 "$db_file" >/dev/null
  {
    echo "PRAGMA synchronous=FULL;"
    min_id=$(sqlite3 "$db_file" "SELECT min(id) FROM tracking_events")
    max_id=$(sqlite3 "$db_file" "SELECT max(id) FROM tracking_events")
    for ((a = min_id; a <= max_id; a += 1000)); do
      echo "BEGIN IMMEDIATE; INSERT INTO ref_events SELECT * FROM tracking_events WHERE id BETWEEN $a AND $((a + 999)); COMMIT;"
    done
  } >"$work/reference.sql"
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/reference.cpu" sqlite3 "$db_file" <"$work/reference.sql" >/dev/null
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  ref_cpu=$(awk '{print $1 + $2}' "$work/reference.cpu")
  ref_rate=$(echo "scale=0; $stored / $seconds" | bc)
  echo "reference: $stored rows into a table with the same indexes, 1,000 a transaction (sqlite3, same file): ${seconds} s, $ref_rate rows/s"
  echo "  reference CPU: ${ref_cpu} s, $(echo "scale=1; $ref_cpu * 1000000 / $stored" | bc) µs a row"
fi
echo "consign ÷ reference: $(echo "scale=3; $rate / $ref_rate" | bc) ×   (goal ≥ 0.5)"
