# Shared by the HTTP benchmarks that start their own server on a demo database (orders.sh, scans.sh).
# Source it after setting: build, port, work (a temporary folder), and an empty array pids.
#   bench_check_port           stops the run when $port is taken
#   bench_machine              prints the machine line
#   bench_serve ROLE DEMO_ARGS…  loads `consign demo DEMO_ARGS…` into $work/bench.db (or into the
#                              database $db_url names, when set), adds the user "bench" with ROLE and a
#                              random password, starts `consign serve` on $port (with
#                              $BENCH_SERVE_FLAGS) and sets db_file, db_url, base and token
#   api CURL_ARGS…             the body of an authenticated JSON request; a 4xx or 5xx stops the run
consign="$root/$build/src/app/consign"

bench_check_port() {
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "bench: port $port is in use; choose another with BENCH_PORT=N" >&2
    exit 1
  fi
}

bench_machine() {
  echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), $(date -u '+%F %H:%M') UTC, load $(cut -d' ' -f1 /proc/loadavg)"
}

bench_serve() {
  local role=$1 password
  shift
  db_file="$work/bench.db"
  db_url=${db_url:-sqlite:$db_file}
  "$consign" demo --db "$db_url" "$@" >"$work/demo.log" 2>&1
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$password" | "$consign" user add --login bench --role "$role" --name Bench --password-stdin --db "$db_url" >/dev/null
  # shellcheck disable=SC2086  # BENCH_SERVE_FLAGS is a list of flags
  "$consign" serve --db "$db_url" --listen 127.0.0.1:$port --log-level warn ${BENCH_SERVE_FLAGS:-} \
    >"$work/serve.log" 2>&1 &
  pids+=($!)
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
  curl -fs "$base/readyz" >/dev/null || { echo "bench: consign serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"login\":\"bench\",\"password\":\"$password\"}" \
    "$base/api/v1/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
}

api() {
  local out
  out=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@")
  [ "${out##*$'\n'}" -lt 400 ] || { echo "bench: ${*: -1} answered ${out##*$'\n'}: ${out%$'\n'*}" >&2; exit 1; }
  echo "${out%$'\n'*}"
}
