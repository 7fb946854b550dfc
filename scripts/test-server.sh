#!/usr/bin/env bash
# The server suites (tests/server, node:test over real HTTP): on PGlite, then on a throw-away
# local PostgreSQL 15 server (scripts/postgres.sh sets DATABASE_URL). Needs dist/ (the wasm
# build) and Debian's postgresql (scripts/setup.sh installs it).
# Exits non-zero if either run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== server tests on PGlite (node:test)"
env -u DATABASE_URL node --test tests/server/ || status=1
echo "== server tests on a local PostgreSQL 15 server (node:test)"
SERVER_TEST_STORAGE=postgres bash scripts/postgres.sh run node --test tests/server/ || status=1
exit $status
