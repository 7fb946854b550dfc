#!/usr/bin/env bash
# `npm run bench:server`: the server benchmark (bench/server/bench.mjs) on PGlite and on a
# throw-away local PostgreSQL 15 server (scripts/postgres.sh). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -f dist/artifacts-core.wasm ] || [ ! -f dist/registry.js ]; then bash scripts/build-wasm.sh; fi
exec bash scripts/postgres.sh run node bench/server/bench.mjs
