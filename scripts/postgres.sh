#!/usr/bin/env bash
# A throw-away local PostgreSQL 15 cluster (Debian's `postgresql` package) for the server tests
# and benchmarks: initdb in a temporary directory, run as the `postgres` user, trust auth on
# 127.0.0.1 only, on a free port.
#   bash scripts/postgres.sh run CMD ARGS...   starts it, runs CMD with DATABASE_URL set, stops it
#                                             (also when CMD fails or is interrupted); CMD's status
#   bash scripts/postgres.sh start             starts one and prints `export DATABASE_URL=… PG_TEST_DIR=…`
#   bash scripts/postgres.sh stop DIR          stops the one in DIR and removes DIR
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

start() {
  if [ ! -x "$BIN/initdb" ]; then
    echo "postgres.sh: $BIN/initdb is missing: install Debian's postgresql package (scripts/setup.sh does)" >&2
    exit 1
  fi
  local dir port
  dir=$(mktemp -d /tmp/pg-test.XXXXXX)
  chown postgres: "$dir" 2>/dev/null || true
  chmod 700 "$dir"
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  as_postgres "$BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Sockets in the cluster's own directory; TCP on 127.0.0.1 only; tuned for a throw-away test
  # cluster (no durability needed, many connections from the concurrency tests).
  as_postgres "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres PG_TEST_DIR=$dir"
}

stop() {
  local dir=$1
  [ -d "$dir/data" ] && as_postgres "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?usage: postgres.sh stop DIR}" ;;
  run)
    shift
    eval "$(start)"
    trap 'stop "$PG_TEST_DIR"' EXIT INT TERM
    echo "postgres.sh: PostgreSQL 15 at $DATABASE_URL"
    status=0
    "$@" || status=$?
    exit $status
    ;;
  *) echo "usage: postgres.sh run CMD... | start | stop DIR" >&2; exit 2 ;;
esac
