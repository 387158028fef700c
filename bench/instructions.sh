#!/usr/bin/env bash
# Instructions per request of the read path, counted by callgrind: the same figure whatever else the
# machine is doing (wrk's requests per second are not), so a change to the read path can be judged on a
# busy machine. User-space instructions only: the kernel's TCP work and the cost of waking threads are
# not in it (bench/run.sh measures those, against nginx).
#   bench/instructions.sh [BUILD_DIR]   — prints instructions per GET /api/v1/customers/{id}, /auth/me
#                                         and POST /api/v1/quotes (bench/run.sh's figure 1c, as the manager)
# BENCH_KEEP=DIR keeps each callgrind profile there (read with callgrind_annotate --inclusive=yes FILE).
# Needs valgrind and wrk (scripts/install-deps.sh has wrk; valgrind is on the development machines).
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
consign="$PWD/$build/src/app/consign"
command -v valgrind >/dev/null || { echo "bench/instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
work=$(mktemp -d /tmp/consign-instr.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=${BENCH_PORT:-18290}
db="sqlite:$work/bench.db"
# No orders: the tracking checker would otherwise spend the measured seconds walking two years of them.
"$consign" demo --db "$db" --customers 20000 --orders-per-day 0 >/dev/null 2>&1
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$password" | "$consign" user add --login bench.masked --role dispatcher --name Bench --password-stdin --db "$db" >/dev/null
echo "$password" | "$consign" user add --login bench --role manager --name Bench --password-stdin --db "$db" >/dev/null

# Two io threads: a request runs on the io thread that read it (one connection, one at a time).
valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" "$consign" serve --db "$db" \
  --listen 127.0.0.1:$port --log-level warn --io-threads 2 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
login() {
  curl -fs -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$port/api/v1/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}
token=$(login bench.masked)
manager_token=$(login bench)

# The quote of bench/run.sh's figure 1c: 深圳南山 → 北京东城 for a customer without an agreement card.
quote_body='{"product":"standard","origin":"440305","destination":"110101","weight_grams":2300,"dimensions_cm":{"length":40,"width":30,"height":20},"declared_value":{"amount_minor":200000,"currency":"CNY"},"services":["insured","signed_receipt"],"customer_id":10000}'
cat >"$work/quote.lua" <<LUA
wrk.method = "POST"
wrk.body = '$quote_body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $manager_token"
LUA

measure() {  # PATH [wrk script]: warms up, zeroes the counters, counts N requests over one connection
  local n
  if [ -n "${2:-}" ]; then
    for _ in 1 2 3 4 5; do
      curl -fs -H "Authorization: Bearer $manager_token" -H 'Content-Type: application/json' -d "$quote_body" \
        "http://127.0.0.1:$port$1" >/dev/null
    done
  else
    for _ in 1 2 3 4 5; do curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1" >/dev/null; done
  fi
  callgrind_control -z "$pid" >/dev/null 2>&1
  if [ -n "${2:-}" ]; then
    n=$(wrk -t1 -c1 -d"${BENCH_SECONDS:-8}s" -s "$2" "http://127.0.0.1:$port$1" | awk '/requests in/{print $1}')
  else
    n=$(wrk -t1 -c1 -d"${BENCH_SECONDS:-8}s" -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1" |
        awk '/requests in/{print $1}')
  fi
  callgrind_control -d "$pid" >/dev/null 2>&1
  sleep 1
  local file total
  file=$(ls -t "$work"/cg.$pid.* | head -1)
  total=$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",","",$1); print $1}')
  # The io threads' share (Asio's scheduler::run, inclusive): without the background jobs (the
  # tracking checker, …), whose work depends on the time the run takes, not on the requests.
  io=$(callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$file" 2>/dev/null |
       awk '/scheduler::run\(/ && !seen {gsub(",","",$1); print $1; seen = 1}')
  echo "$1: $n requests, $((total / n)) instructions per request ($((${io:-0} / n)) on the io threads)"
  if [ -n "${BENCH_KEEP:-}" ]; then  # the profile, for callgrind_annotate
    mkdir -p "$BENCH_KEEP"
    cp "$file" "$BENCH_KEEP/$(echo "$1" | tr -c 'a-z0-9\n' '_' | sed 's/^_*//').cg"
  fi
}
measure /api/v1/customers/10000
measure /api/v1/auth/me
measure /api/v1/quotes "$work/quote.lua"
