#!/usr/bin/env bash
# `npm run server`: installs what is missing, builds the package's wasm files when dist/ lacks
# them, then runs the reference backend (server/main.js; PGlite in .data/ unless DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -f dist/artifacts-core.wasm ] || [ ! -f dist/registry.js ]; then bash scripts/build-wasm.sh; fi
exec node server/main.js "$@"
