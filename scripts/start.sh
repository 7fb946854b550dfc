#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the core and the package, builds the plan editor
# for production and serves it on localhost (printing its URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
bash scripts/build-editor.sh
exec node scripts/serve-editor.mjs
