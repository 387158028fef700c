#!/usr/bin/env bash
# Issue 10's proof, second figure: GET /api/v1/track/{waybill} (the public page, no login) at 64
# connections against nginx serving a static file of the same size, in turn, BENCH_ROUNDS times (default
# 3), the median ratio of requests per second. Goal: ≥ 0.5 × nginx, p99 < 5 ms. Figures, not tests.
#
#   bench/track.sh [BUILD_DIR]
#
# The waybill has a journey under way (4 scans: pickup, two hubs, the destination city) on a lane with 30
# delivered shipments; its ETA, from the measured transit times, is the one the checker stored. The
# server runs with --track-per-minute 0 (the per-address limit would otherwise answer 429: every request
# here comes from one address).
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
port=${BENCH_PORT:-18780}
nginx_port=$((port + 1))
work=$(mktemp -d /tmp/consign-track-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as nobody and must read the reference file
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source bench/lib.sh
bench_check_port
BENCH_SERVE_FLAGS="--track-per-minute 0"

bench_machine
bench_serve admin --customers 100 --orders-per-day 0

# One carrier covering everything, its key, 31 orders on one lane: 30 delivered, one in transit.
for id in $(sqlite3 "$db_file" "SELECT id FROM carriers WHERE status = 'active'"); do
  api -d '{"reason":"bench"}' "$base/api/v1/carriers/$id/suspend" >/dev/null
done
carrier=$(api -d '{"code":"TRACK","name_zh":"测速快运","kind":"subcontracted","coverage":["44","31"],
  "products":["standard"],"daily_capacity_orders":100000,"daily_capacity_grams":100000000000,
  "rates":[{"product":"standard","zone":"cross_province","first_grams":1000,"first_price":{"amount_minor":900,"currency":"CNY"},"step_grams":1000,"step_price":{"amount_minor":200,"currency":"CNY"}}],
  "transit":[{"product":"standard","zone":"cross_province","hours":48}],
  "declared":{"on_time_bp":9600,"damage_bp":10,"scan_completeness_bp":9700}}' "$base/api/v1/carriers" |
  sed -E 's/^\{"id":([0-9]+).*/\1/')
key=$(api -d '{"label":"bench"}' "$base/api/v1/carriers/$carrier/api-keys" | sed -E 's/.*"key":"([^"]+)".*/\1/')
customer=$(api "$base/api/v1/customers?limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
body="{\"customer_id\":$customer,\"product\":\"standard\",\"shipper\":{\"name\":\"张三\",\"phone\":\"13812345678\",\"division\":\"440305\",\"address\":\"科技园南区 1 栋 101\"},\"consignee\":{\"name\":\"李四\",\"phone\":\"13987654321\",\"division\":\"310115\",\"address\":\"世纪大道 100 号 2001 室\"},\"goods\":{\"pieces\":1,\"weight_grams\":2300}}"
t() { date -u -d "@$(( $(date +%s) - $1 * 60 ))" '+%Y-%m-%dT%H:%M:%SZ'; }
for i in $(seq 31); do
  waybill=$(api -d "$body" "$base/api/v1/orders" | sed -E 's/.*"waybill":"([^"]+)".*/\1/')
  events="{\"waybill\":\"$waybill\",\"code\":\"103\",\"time\":\"$(t 3000)\",\"event_id\":\"$i-1\",\"place\":\"深圳南山营业部\"},
    {\"waybill\":\"$waybill\",\"code\":\"ARRIVE\",\"time\":\"$(t 2900)\",\"event_id\":\"$i-2\",\"place\":\"深圳转运中心\"},
    {\"waybill\":\"$waybill\",\"code\":\"DEPART\",\"time\":\"$(t 2800)\",\"event_id\":\"$i-3\",\"place\":\"深圳转运中心\"},
    {\"waybill\":\"$waybill\",\"code\":\"1001\",\"time\":\"$(t $((1500 + i)))\",\"event_id\":\"$i-4\",\"place\":\"上海转运中心\"}"
  if [ "$i" -le 30 ]; then
    events="$events,{\"waybill\":\"$waybill\",\"code\":\"5\",\"time\":\"$(t 1200)\",\"event_id\":\"$i-5\",\"place\":\"上海浦东营业部\"},
      {\"waybill\":\"$waybill\",\"code\":\"301\",\"time\":\"$(t $((1000 - i * 10)))\",\"event_id\":\"$i-6\",\"place\":\"上海浦东\",\"signer\":\"本人\"}"
  fi
  curl -fs -H "X-Carrier-Key: $key" -H 'Content-Type: application/json' -d "[$events]" "$base/api/v1/scans" >/dev/null
done
mkdir -p "$work/nginx/logs" "$work/www"
# As a shipment is between two scans: its state and ETA stored by the checker, which runs a minute after
# the scans marked it due (until then each look-up computes the ETA afresh, and nothing is kept).
serial=$((10#${waybill:2:12}))
for _ in $(seq 90); do
  [ "$(sqlite3 "$db_file" "SELECT count(*) FROM tracking_shipments WHERE order_id = $serial AND eta_p50 IS NOT NULL")" = 1 ] && break
  sleep 1
done
curl -fs "$base/api/v1/track/$waybill" >"$work/www/track.json"
size=$(stat -c %s "$work/www/track.json")
# BENCH_KEEP_DB=FILE keeps a copy of the database (and FILE.waybill), to profile the same request later.
if [ -n "${BENCH_KEEP_DB:-}" ]; then sqlite3 "$db_file" ".backup '$BENCH_KEEP_DB'"; echo "$waybill" >"$BENCH_KEEP_DB.waybill"; fi
grep -q '"basis":"lane"' "$work/www/track.json" || { echo "bench: the ETA is not from the lane: $(cat "$work/www/track.json")" >&2; exit 1; }
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes $(nproc);
daemon off;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
NGINX
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
sleep 0.5
cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
run_wrk() { wrk -t2 -c64 -d"${duration}s" -s "$work/report.lua" "$1" | grep '^RESULT'; }
rps() { sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$1"; }
echo "== GET /api/v1/track/$waybill ($size bytes, 4 scans, ETA from 30 deliveries), 64 connections, ${duration}s"
ratios=()
for round in $(seq "$rounds"); do
  n=$(run_wrk "http://127.0.0.1:$nginx_port/track.json")
  c=$(run_wrk "$base/api/v1/track/$waybill")
  ratios+=("$(echo "scale=3; $(rps "$c") / $(rps "$n")" | bc)")
  printf '  round %d  nginx   %s\n           consign %s  ratio %s\n' "$round" "$n" "$c" "${ratios[-1]}"
done
printf 'median ratio %s (goal >= 0.50, p99 < 5 ms)\n' "$(printf '%s\n' "${ratios[@]}" | sort -g | sed -n "$(( (rounds + 1) / 2 ))p")"
