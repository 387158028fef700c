#!/usr/bin/env bash
# `make bench`: figures, not tests. Prints each figure beside a reference measured in the same run.
#   1. GET /api/v1/customers/{id} at 64 connections (wrk) vs nginx serving a static JSON file of the
#      same size — goal: at least half of nginx's requests per second, p99 under 5 ms.
#   1b. GET /api/v1/auth/me the same way (its own reference file of its own size), same goal.
#   1c. POST /api/v1/quotes (a customer's quote: agreement lookup, zone matrix, card, breakdown) the
#      same way against nginx serving the quote's answer as a file of the same size, same goal.
#   2. Search over BENCH_CUSTOMERS (default 1,000,000) customers for two-character Chinese substrings
#      — goal: p95 under 30 ms; reference: the same substring found by a full scan (instr) in SQLite.
# Each figure 1–1c runs nginx and consign in turn BENCH_ROUNDS times (default 3) and reports the median
# ratio: one pair of runs on a shared machine can be off by a third either way.
# Usage: bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
root=$PWD
consign="$root/$build/src/app/consign"
customers=${BENCH_CUSTOMERS:-1000000}
duration=${BENCH_SECONDS:-10}
work=$(mktemp -d /tmp/consign-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as nobody and must read the reference file
db="sqlite:$work/bench.db"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(date -u +%F)"
echo "== loading $customers demo customers"
start=$(date +%s.%N)
"$consign" demo --db "$db" --customers "$customers" >"$work/demo.log"
echo "demo load: $(echo "$(date +%s.%N) - $start" | bc) s for $customers customers"

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$password" | "$consign" user add --login bench --role manager --name Bench --password-stdin --db "$db" >/dev/null
echo "$password" | "$consign" user add --login bench.masked --role dispatcher --name Bench --password-stdin --db "$db" >/dev/null

port=${BENCH_PORT:-18080}
nginx_port=$((port + 1))
for p in $port $nginx_port; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
    echo "bench: port $p is in use; choose others with BENCH_PORT=N (uses N and N+1)" >&2
    exit 1
  fi
done
"$consign" serve --db "$db" --listen 127.0.0.1:$port --log-level warn ${BENCH_SERVE_FLAGS:-} >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { echo "bench: consign serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
login() {
  curl -fs -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/auth/login" |
    sed -E 's/.*"token":"([^"]+)".*/\1/'
}
token=$(login bench)
masked_token=$(login bench.masked)

# A customer in the middle of the table; its JSON is the reference file nginx serves.
id=$(( customers / 2 ))
curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/customers/$id" >"$work/customer.json"
size=$(stat -c %s "$work/customer.json")
mkdir -p "$work/nginx/logs" "$work/www"
cp "$work/customer.json" "$work/www/customer.json"
# GET /api/v1/auth/me of the user the masked figures run as; its reference file has its size.
curl -fs -H "Authorization: Bearer $masked_token" "http://127.0.0.1:$port/api/v1/auth/me" >"$work/www/me.json"
me_size=$(stat -c %s "$work/www/me.json")
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
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
run_wrk() { wrk -t2 -c64 -d"${duration}s" -s "$work/report.lua" "$@" | grep '^RESULT'; }
rps() { sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$1"; }
p99() { sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$1"; }
# compare LABEL NGINX_FILE WRK_ARGS...: nginx and consign in turn, BENCH_ROUNDS times (default 3), each
# round's ratio of requests per second, then the median ratio and the median p99 of each. On a shared
# machine one pair of runs can be off by a third either way; alternating rounds see the same weather.
rounds=${BENCH_ROUNDS:-3}
compare() {
  local label=$1 file=$2; shift 2
  local ratios=() nginx_p99s=() consign_p99s=()
  for round in $(seq "$rounds"); do
    local n c
    n=$(run_wrk "http://127.0.0.1:$nginx_port/$file")
    c=$(wrk -t2 -c64 -d"${duration}s" "$@" | grep '^RESULT')
    ratios+=("$(echo "scale=3; $(rps "$c") / $(rps "$n")" | bc)")
    nginx_p99s+=("$(p99 "$n")"); consign_p99s+=("$(p99 "$c")")
    printf '  round %d  nginx %-60s\n           consign %s  ratio %s\n' "$round" "$n" "$c" "${ratios[-1]}"
  done
  median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
  printf '%-44s median ratio %s (goal >= 0.50), median p99 nginx %s ms / consign %s ms\n' "$label:" \
    "$(median "${ratios[@]}")" "$(median "${nginx_p99s[@]}")" "$(median "${consign_p99s[@]}")"
}

echo "== 1. GET /api/v1/customers/$id ($size bytes), 64 connections, ${duration}s"
compare "GET by id, masked (dispatcher)" customer.json -s "$work/report.lua" \
  -H "Authorization: Bearer $masked_token" "http://127.0.0.1:$port/api/v1/customers/$id"
compare "GET by id, manager (pii.view; masked too)" customer.json -s "$work/report.lua" \
  -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/customers/$id"

echo "== 1b. GET /api/v1/auth/me ($me_size bytes), 64 connections, ${duration}s"
compare "GET /auth/me (dispatcher)" me.json -s "$work/report.lua" \
  -H "Authorization: Bearer $masked_token" "http://127.0.0.1:$port/api/v1/auth/me"

echo "== 1c. POST /api/v1/quotes, 64 connections, ${duration}s"
# 深圳南山 → 北京东城, 2.3 kg, 40×30×20 cm, insured ¥2000.00 and a signed receipt, for customer $id (no
# agreement card: the lookup misses and the published card prices it).
quote_body="{\"product\":\"standard\",\"origin\":\"440305\",\"destination\":\"110101\",\"weight_grams\":2300,\"dimensions_cm\":{\"length\":40,\"width\":30,\"height\":20},\"declared_value\":{\"amount_minor\":200000,\"currency\":\"CNY\"},\"services\":[\"insured\",\"signed_receipt\"],\"customer_id\":$id}"
curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$quote_body" \
  "http://127.0.0.1:$port/api/v1/quotes" >"$work/www/quote.json"
quote_size=$(stat -c %s "$work/www/quote.json")
cat >"$work/quote.lua" <<LUA
wrk.method = "POST"
wrk.body = '$quote_body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
$(cat "$work/report.lua")
LUA
compare "POST /quotes ($quote_size bytes, manager)" quote.json -s "$work/quote.lua" "http://127.0.0.1:$port/api/v1/quotes"

echo "== 2. search, two-character Chinese substrings over $customers customers"
cat >"$work/search.lua" <<LUA
local words = {"顺达", "电子", "物流", "华为", "科技", "医药", "服装", "广告", "深圳", "上海", "北京", "杭州", "王芳", "李娜", "张伟", "贸易"}
local n = 0
request = function()
  n = n + 1
  local w = words[(n % #words) + 1]
  local enc = w:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/api/v1/customers?limit=50&q=" .. enc, {["Authorization"] = "Bearer $token"})
end
$(cat "$work/report.lua")
LUA
search_result=$(wrk -t2 -c8 -d"${duration}s" -s "$work/search.lua" "http://127.0.0.1:$port" | grep '^RESULT')
echo "consign search (8 connections): $search_result   (goal p95 < 30 ms)"
kill "${pids[0]}" 2>/dev/null; wait "${pids[0]}" 2>/dev/null || true
scan_start=$(date +%s%N)
sqlite3 "$work/bench.db" "SELECT count(*) FROM customers WHERE instr(name, '顺达') > 0;" >/dev/null
scan_ms=$(( ($(date +%s%N) - scan_start) / 1000000 ))
echo "reference: one full-scan instr() query in sqlite3 over the same table: ${scan_ms} ms"
