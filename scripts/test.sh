#!/usr/bin/env bash
# Builds and runs every test suite; exits non-zero if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-native.sh
echo "== native core tests (GoogleTest via CTest)"
ctest --preset native -j "$(nproc)"
