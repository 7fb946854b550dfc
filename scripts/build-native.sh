#!/usr/bin/env bash
# Configures and builds the native tree (core, GoogleTest suite, CLI) in build/native.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/native/CMakeCache.txt ]; then
  cmake --preset native -G Ninja >/dev/null
fi
cmake --build --preset native -j "$(nproc)"
