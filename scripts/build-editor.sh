#!/usr/bin/env bash
# Builds the offline plan editor (web/demo/) for production into build/editor/. Needs the
# package's built core (dist/), which scripts/build.sh makes.
set -euo pipefail
cd "$(dirname "$0")/.."
node node_modules/vite/bin/vite.js build --config web/demo/vite.config.js --logLevel warn
