#!/usr/bin/env bash
# Builds the WebAssembly module with Debian's Emscripten into dist/, then the package files that
# derive from the registry (constants, TypeScript types, the sample plan for RunnerFake).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's emcc runs its JS tools with the system Node; with the nodesource Node it needs the
# Debian Node modules (acorn) on NODE_PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake --preset wasm -G Ninja >/dev/null
fi
cmake --build --preset wasm -j "$(nproc)"
node scripts/generate-package-files.mjs
