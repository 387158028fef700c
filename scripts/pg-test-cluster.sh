#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, on a loopback port, and a PgBouncer in front of it.
#
#   scripts/pg-test-cluster.sh start     [DIR] [PORT]   initialise (once) and start; prints the URL
#   scripts/pg-test-cluster.sh url       [DIR] [PORT]   prints the URL
#   scripts/pg-test-cluster.sh pgbouncer [DIR] [PORT]   starts PgBouncer (transaction pooling) on
#                                                       PORT+1 in front of the cluster; prints its URL
#   scripts/pg-test-cluster.sh stop      [DIR] [PORT]   stops both and deletes DIR
#
# Defaults: DIR=/tmp/consign-pg-test, PORT=54329. The cluster trusts every local connection and runs
# with fsync off: it holds test data only and must never be used for anything else.
#
# PgBouncer (Debian's, 1.18) routes every database name to the cluster (`* = ...`), pools in
# transaction mode with few server connections, so that consecutive transactions of one client run
# on different server connections, as in production. Like the server, it refuses to run as root.
set -euo pipefail

cmd=${1:-}
dir=${2:-/tmp/consign-pg-test}
port=${3:-54329}
bin=/usr/lib/postgresql/15/bin
url="postgresql://postgres@127.0.0.1:${port}/postgres"
bouncer_port=$((port + 1))
bouncer_dir="$dir/pgbouncer"
bouncer_url="postgresql://postgres@127.0.0.1:${bouncer_port}/postgres"

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

bouncer_running() {
  [ -f "$bouncer_dir/pgbouncer.pid" ] && kill -0 "$(cat "$bouncer_dir/pgbouncer.pid")" 2>/dev/null
}

pgbouncer_start() {
  if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
    echo "pg-test-cluster: pgbouncer is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
  running || { echo "pg-test-cluster: the cluster in $dir is not running; start it first" >&2; exit 1; }
  if ! bouncer_running; then
    mkdir -p "$bouncer_dir"
    # auth_type trust still wants the user listed.
    echo '"postgres" ""' >"$bouncer_dir/userlist.txt"
    cat >"$bouncer_dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $bouncer_dir/userlist.txt
admin_users = postgres
pool_mode = transaction
; Few server connections per database, many clients: transactions really get shuffled. The reserve
; serves clients that waited a second (a transaction waiting on another for a server connection).
default_pool_size = 4
reserve_pool_size = 4
reserve_pool_timeout = 1
max_client_conn = 400
log_connections = 0
log_disconnections = 0
logfile = $bouncer_dir/pgbouncer.log
pidfile = $bouncer_dir/pgbouncer.pid
INI
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$bouncer_dir"; fi
    as_owner "$(command -v pgbouncer || echo /usr/sbin/pgbouncer)" -q -d "$bouncer_dir/pgbouncer.ini" || {
      echo "pg-test-cluster: pgbouncer failed to start:" >&2
      tail -n 20 "$bouncer_dir/pgbouncer.log" >&2 || true
      exit 1
    }
  fi
  for _ in $(seq 1 100); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$bouncer_port" -U postgres -d postgres; then
      echo "$bouncer_url"
      return 0
    fi
    sleep 0.1
  done
  echo "pg-test-cluster: pgbouncer on port $bouncer_port does not accept connections; log: $bouncer_dir/pgbouncer.log" >&2
  return 1
}

stop() {
  if bouncer_running; then
    pid=$(cat "$bouncer_dir/pgbouncer.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if running; then as_owner "$bin/pg_ctl" stop -D "$dir" -m fast -w >/dev/null; fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  pgbouncer) pgbouncer_start ;;
  *) echo "usage: $0 start|stop|url|pgbouncer [DIR] [PORT]" >&2; exit 2 ;;
esac
