#!/usr/bin/env bash
# Issue 8's proof: the pipeline list and report over 1,000,000 accounts and 100,000 leads. Figures, not
# tests: each latency beside a reference measured in the same run, on the same server and database.
#
#   bench/pipeline.sh [BUILD_DIR] [--pg]
#
# Loads `consign demo --customers $BENCH_CUSTOMERS --leads $BENCH_LEADS` (defaults 1,000,000 and
# 100,000; leads beyond the first 200 through the sales module's bulk insert) into a fresh SQLite
# database, and with --pg (or CONSIGN_TEST_PG_URL set) into a fresh database on that PostgreSQL cluster
# too. Then `consign serve` on each, and wrk at $BENCH_CONNECTIONS connections (default 4: latency,
# not throughput) for $BENCH_SECONDS each (default 10), p50 and p99 of:
#   reference  GET /api/v1/auth/me as the salesperson (authentication + one query)
#   list       GET /api/v1/opportunities?limit=50 — the first page, manager and salesperson (record rule)
#   filtered   GET /api/v1/opportunities?stage=follow_up&outcome=open&owner_id=… — one owner's page
#   report     GET /api/v1/sales/pipeline-report — manager (everything), salesperson (own, team's, pool),
#              manager for one quarter (from/to)
# and each p50 as a multiple of the reference's, and the CPU `consign serve` spent per request (on
# PostgreSQL the database server's own work is not in it). The salesperson is the demo's sales.001 (a password
# set for the run); the manager a user added for it. BENCH_SQLITE_DB=PATH measures a database loaded
# before (by this script's `consign demo` line) instead of loading one: a second look costs no load.
set -euo pipefail
build=build
use_pg=${CONSIGN_TEST_PG_URL:+yes}
for arg in "$@"; do
  case "$arg" in
    --pg) use_pg=yes ;;
    *) build=$arg ;;
  esac
done
cd "$(dirname "$0")/.."
root=$PWD
consign="$root/$build/src/app/consign"
customers=${BENCH_CUSTOMERS:-1000000}
leads=${BENCH_LEADS:-100000}
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-4}
port=${BENCH_PORT:-18280}
work=$(mktemp -d /tmp/consign-pipeline-bench.XXXXXX)
pids=()
pg_db=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$pg_db" ]; then psql -q "$CONSIGN_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ "$use_pg" = yes ] && [ -z "${CONSIGN_TEST_PG_URL:-}" ]; then
  echo "bench: --pg needs CONSIGN_TEST_PG_URL (scripts/pg-test-cluster.sh start prints one)" >&2
  exit 1
fi
if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
  echo "bench: port $port is in use; choose another with BENCH_PORT=N" >&2
  exit 1
fi

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
LUA
field() { sed -E "s/.*$1=([0-9.]+).*/\\1/" <<<"$2"; }

# One database: load, serve, measure. $1 = label, $2 = database URL.
bench_one() {
  local label=$1 db=$2
  echo
  if [ -n "${3:-}" ]; then
    echo "== $label: the database loaded before ($db)"
  else
    echo "== $label: loading $customers accounts and $leads leads"
    local start
    start=$(date +%s.%N)
    "$consign" demo --db "$db" --customers "$customers" --leads "$leads" >"$work/demo-$label.log" 2>&1
    echo "demo load: $(echo "$(date +%s.%N) - $start" | bc) s"
    grep -E '^(demo: done|leads)' "$work/demo-$label.log" || true
  fi

  if [[ "$db" == postgresql://* ]]; then
    # A bulk-loaded table has no visibility map until autovacuum's first pass (a minute or more after
    # the load): until then no index-only scan is possible. Measure the state it leaves behind.
    psql -q "$db" -c "VACUUM ANALYZE sales_leads" -c "VACUUM ANALYZE sales_opportunities" >/dev/null
  fi

  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  # A second run on a kept database finds the manager there: its password is set again.
  echo "$password" | "$consign" user add --login bench.manager --role manager --name Bench --password-stdin --db "$db" >/dev/null 2>&1 ||
    echo "$password" | "$consign" user set-password --login bench.manager --password-stdin --db "$db" >/dev/null 2>&1
  echo "$password" | "$consign" user set-password --login sales.001 --password-stdin --db "$db" >/dev/null 2>&1

  "$consign" serve --db "$db" --listen 127.0.0.1:$port --log-level warn ${BENCH_SERVE_FLAGS:-} >"$work/serve-$label.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 150); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { echo "bench: consign serve did not start:" >&2; cat "$work/serve-$label.log" >&2; exit 1; }
  local base="http://127.0.0.1:$port"
  login() {
    curl -fs -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/auth/login" |
      sed -E 's/.*"token":"([^"]+)".*/\1/'
  }
  local manager sales sales_id
  manager=$(login bench.manager)
  sales=$(login sales.001)
  sales_id=$(curl -fs -H "Authorization: Bearer $sales" "$base/api/v1/auth/me" | sed -E 's/.*"user":\{"id":([0-9]+).*/\1/')

  # Each figure once by curl first: a wrong answer is a failed bench, not a fast figure.
  local -a names=() paths=() tokens=()
  add() { names+=("$1"); paths+=("$2"); tokens+=("$3"); }
  add "reference: GET /auth/me (salesperson)" "/api/v1/auth/me" "$sales"
  add "opportunities, first page (manager)" "/api/v1/opportunities?limit=50" "$manager"
  add "opportunities, first page (salesperson)" "/api/v1/opportunities?limit=50" "$sales"
  add "opportunities, filtered (stage, outcome, owner)" "/api/v1/opportunities?limit=50&stage=follow_up&outcome=open&owner_id=$sales_id" "$manager"
  add "pipeline report (manager: everything)" "/api/v1/sales/pipeline-report" "$manager"
  add "pipeline report (salesperson: record rule)" "/api/v1/sales/pipeline-report" "$sales"
  add "pipeline report (manager, one quarter)" "/api/v1/sales/pipeline-report?from=2026-07-01&to=2026-09-30" "$manager"
  local i
  for i in "${!names[@]}"; do
    local code
    code=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H "Authorization: Bearer ${tokens[$i]}" "$base${paths[$i]}")
    if [ "$code" != 200 ]; then
      echo "bench: ${names[$i]} answered $code: $(head -c 400 "$work/answer.json")" >&2
      exit 1
    fi
    if [ "$i" = 4 ]; then
      echo "report (manager): $(head -c 300 "$work/answer.json")…"
    fi
  done

  # The server's own CPU per request (user + system, from /proc): unlike latency, it hardly moves when
  # other work loads the machine, so runs on a busy machine still compare.
  cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
  local hz
  hz=$(getconf CLK_TCK)
  echo "-- $connections connections, ${duration} s each; p50 / p99 in ms; ×ref = p50 / the reference's p50; CPU = the server's ms per request"
  local ref_p50=
  for i in "${!names[@]}"; do
    local result p50 p99 rps ratio before after cpu
    before=$(cpu_ticks)
    result=$(wrk -t2 -c"$connections" -d"${duration}s" -s "$work/report.lua" -H "Authorization: Bearer ${tokens[$i]}" "$base${paths[$i]}" | grep '^RESULT')
    after=$(cpu_ticks)
    p50=$(field p50_ms "$result")
    p99=$(field p99_ms "$result")
    rps=$(field rps "$result")
    cpu=$(echo "scale=2; ($after - $before) * 1000 / $hz / $(field requests "$result")" | bc)
    [ -z "$ref_p50" ] && ref_p50=$p50
    ratio=$(echo "scale=1; $p50 / $ref_p50" | bc)
    printf '%-50s p50 %8s  p99 %8s  %8s req/s  %7s ×ref  CPU %6s ms  errors %s/%s\n' "${names[$i]}" "$p50" "$p99" "$rps" "$ratio" \
      "$cpu" "$(field errors "$result")" "$(field non2xx "$result")"
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

if [ -n "${BENCH_SQLITE_DB:-}" ]; then
  bench_one sqlite "sqlite:$BENCH_SQLITE_DB" kept
else
  bench_one sqlite "sqlite:$work/bench.db"
fi
if [ "$use_pg" = yes ]; then
  pg_db="consign_pipeline_bench_$$"
  psql -q "$CONSIGN_TEST_PG_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  bench_one postgresql "${CONSIGN_TEST_PG_URL%/*}/$pg_db"
fi
