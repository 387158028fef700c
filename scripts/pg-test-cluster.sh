#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, on a loopback port.
#
#   scripts/pg-test-cluster.sh start [DIR] [PORT]   initialise (once) and start; prints the URL
#   scripts/pg-test-cluster.sh url   [DIR] [PORT]   prints the URL
#   scripts/pg-test-cluster.sh stop  [DIR] [PORT]   stops the server and deletes DIR
#
# Defaults: DIR=/tmp/consign-pg-test, PORT=54329. The cluster trusts every local connection and runs
# with fsync off: it holds test data only and must never be used for anything else.
set -euo pipefail

cmd=${1:-}
dir=${2:-/tmp/consign-pg-test}
port=${3:-54329}
bin=/usr/lib/postgresql/15/bin
url="postgresql://postgres@127.0.0.1:${port}/postgres"

# initdb refuses to run as root, so as root every server command runs as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() {
  [ -f "$dir/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1
}

wait_ready() {
  for _ in $(seq 1 100); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then return 0; fi
    sleep 0.1
  done
  echo "pg-test-cluster: server on port $port does not accept connections; log: $dir/server.log" >&2
  return 1
}

start() {
  if running; then
    wait_ready
    echo "$url"
    return 0
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir.initdb.log" 2>&1 || { cat "$dir.initdb.log" >&2; exit 1; }
    rm -f "$dir.initdb.log"
  fi
  # Listen on loopback only; the Unix socket lives in the data directory so that nothing else
  # on the machine (a system cluster on 5432) is touched.
  if ! as_owner "$bin/pg_ctl" start -D "$dir" -w -t 30 -l "$dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null; then
    echo "pg-test-cluster: start failed:" >&2
    tail -n 20 "$dir/server.log" >&2 || true
    exit 1
  fi
  wait_ready
  echo "$url"
}

stop() {
  if running; then as_owner "$bin/pg_ctl" stop -D "$dir" -m fast -w >/dev/null; fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|url [DIR] [PORT]" >&2; exit 2 ;;
esac
