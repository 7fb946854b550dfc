#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the core and the package, builds the plan editor
# for production, starts the reference backend (server/, PGlite in .data/ unless DATABASE_URL) and
# serves the editor on localhost with the backend's API under the same origin (printing the URL).
# SERVER_PORT picks the backend's port (default 8787), PORT the editor's (default 5173).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
bash scripts/build-editor.sh

backend="http://127.0.0.1:${SERVER_PORT:-8787}"
PORT="${SERVER_PORT:-8787}" node server/main.js &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null' EXIT
trap 'exit 130' INT TERM
# The editor starts once the backend answers (its migrations run first).
for _ in $(seq 1 300); do
  if node -e "fetch('$backend/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "start: the backend did not start" >&2; exit 1; fi
  sleep 0.2
done
BACKEND_URL="$backend" node scripts/serve-editor.mjs
