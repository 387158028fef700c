#!/usr/bin/env bash
# Issue 9's proof: orders taken over HTTP at 64 connections, durable (SQLite in WAL with
# synchronous=FULL: a 201 is on disk), against raw inserts of the same rows into the same database in
# the same run. Figures, not tests.
#
#   bench/orders.sh [BUILD_DIR]
#
#   consign    POST /api/v1/orders for $BENCH_SECONDS (default 10) at $BENCH_CONNECTIONS (default 64),
#              each request with its own Idempotency-Key: checked, priced from the card, a waybill
#              number, allocated among 20 carriers with its explanation, its audit entry, the carrier's
#              load for the day — one transaction each.
#   reference  the same number of rows copied from the orders just taken, each INSERT in a transaction
#              of its own, by the sqlite3 shell on the same file with the same pragmas: what storing an
#              order costs with nothing else done.
# The database is `consign demo --customers 1000 --orders-per-day 0` (accounts, cards and contracts, no
# order history) and 20 carriers added through the API, covering the lanes the bodies use.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
port=${BENCH_PORT:-18380}
work=$(mktemp -d /tmp/consign-orders-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source bench/lib.sh
bench_check_port

bench_machine
bench_serve manager --customers 1000 --orders-per-day 0

# 20 carriers: three national networks and regional ones; capacity for every order of the run.
provinces='"11","12","13","31","32","33","34","35","36","37","41","42","43","44","45","50","51","52","53","61"'
for i in $(seq -w 1 20); do
  price=$((800 + 10#$i * 37 % 400))
  coverage=$([ "$i" -le 3 ] && echo "[$provinces]" || echo '["44","31","32","33"]')
  api -d "{\"code\":\"B$i\",\"name_zh\":\"测速$i快运\",\"kind\":\"subcontracted\",\"coverage\":$coverage,
    \"products\":[\"standard\"],\"daily_capacity_orders\":10000000,\"daily_capacity_grams\":100000000000,
    \"rates\":[{\"product\":\"standard\",\"zone\":\"cross_province\",\"first_grams\":1000,\"first_price\":{\"amount_minor\":$price,\"currency\":\"CNY\"},\"step_grams\":1000,\"step_price\":{\"amount_minor\":200,\"currency\":\"CNY\"}}],
    \"transit\":[{\"product\":\"standard\",\"zone\":\"cross_province\",\"hours\":$((36 + 10#$i % 3 * 12))}],
    \"declared\":{\"on_time_bp\":$((9000 + 10#$i * 40)),\"damage_bp\":$((5 + 10#$i)),\"scan_completeness_bp\":9600}}" \
    "$base/api/v1/carriers" >/dev/null
done
customer=$(api "$base/api/v1/customers?limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
body="{\"customer_id\":$customer,\"product\":\"standard\",\"shipper\":{\"name\":\"张三\",\"phone\":\"13812345678\",\"division\":\"440305\",\"address\":\"科技园南区 1 栋 101\"},\"consignee\":{\"name\":\"李四\",\"phone\":\"13987654321\",\"division\":\"310115\",\"address\":\"世纪大道 100 号 2001 室\"},\"goods\":{\"pieces\":1,\"weight_grams\":2300,\"description\":\"样品\"},\"reference\":\"PO-BENCH\"}"
first=$(api -d "$body" "$base/api/v1/orders")
grep -q '"status":"allocated"' <<<"$first" || { echo "bench: the first order was not allocated: $first" >&2; exit 1; }

cat >"$work/orders.lua" <<LUA
local thread_id = 0
local counter = 0
setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token",
    ["Idempotency-Key"] = "bench-" .. tostring(tid) .. "-" .. counter}, '$body')
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
before=$(sqlite3 "$db_file" "SELECT count(*) FROM orders")
result=$(wrk -t2 -c"$connections" -d"${duration}s" -s "$work/orders.lua" "http://127.0.0.1:$port" | grep '^RESULT')
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
taken=$(( $(sqlite3 "$db_file" "SELECT count(*) FROM orders") - before ))
keys=$(sqlite3 "$db_file" "SELECT count(DISTINCT idempotency_key) FROM orders WHERE idempotency_key LIKE 'bench-%'")
echo "consign: POST /api/v1/orders, $connections connections, ${duration}s: $result"
echo "  orders stored: $taken (distinct keys $keys); allocated: $(sqlite3 "$db_file" "SELECT count(*) FROM orders WHERE status = 'allocated'")"

# The reference: the same rows again, one transaction each.
columns=$(sqlite3 "$db_file" "SELECT group_concat(name, ', ') FROM pragma_table_info('orders') WHERE name NOT IN ('id', 'idempotency_key')")
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
  sqlite3 "$db_file" "SELECT id FROM orders WHERE idempotency_key LIKE 'bench-%' ORDER BY id" |
    while read -r id; do echo "BEGIN IMMEDIATE; INSERT INTO orders ($columns) SELECT $columns FROM orders WHERE id = $id; COMMIT;"; done
} >"$work/reference.sql"
start=$(date +%s.%N)
sqlite3 "$db_file" <"$work/reference.sql" >/dev/null
seconds=$(echo "$(date +%s.%N) - $start" | bc)
rate=$(echo "scale=0; $taken / $seconds" | bc)
consign_rate=$(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$result")
echo "reference: $taken raw single-row inserts, one transaction each (sqlite3, same file): ${seconds} s, $rate rows/s"
echo "consign ÷ reference: $(echo "scale=3; $consign_rate / $rate" | bc) ×"
