#!/usr/bin/env bash
# Builds everything and runs every suite: native (CTest), Node (node:test, importing the package
# by name), the reference backend's (node:test over HTTP, on PGlite and on a throw-away local
# PostgreSQL 15 server) and browser (Debian's Chromium). Exits non-zero if any suite fails.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh || exit 1
bash scripts/build-editor.sh || exit 1

status=0
echo "== native core tests (GoogleTest via CTest)"
ctest --preset native -j "$(nproc)" --progress || status=1
echo "== native core tests under AddressSanitizer + UndefinedBehaviorSanitizer (CTest)"
if [ ! -f build/sanitizers/CMakeCache.txt ]; then cmake --preset sanitizers -G Ninja >/dev/null; fi
if cmake --build --preset sanitizers -j "$(nproc)" > build/sanitizers.log 2>&1; then
  ctest --preset sanitizers -j "$(nproc)" --progress || status=1
else
  tail -40 build/sanitizers.log
  echo "sanitizer build failed"
  status=1
fi
echo "== Node tests (node:test)"
node --test tests/js/ || status=1
echo "== server tests (node:test over HTTP: PGlite, then a local PostgreSQL 15 server)"
bash scripts/test-server.sh || status=1
echo "== browser tests (node:test + Chromium)"
node --test --test-concurrency=1 tests/browser/ || status=1
exit $status
