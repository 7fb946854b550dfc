#!/usr/bin/env bash
# Builds the WebAssembly module with Debian's Emscripten into dist/, then the package files that
# derive from the registry (constants, TypeScript types, the sample plan for RunnerFake).
#   --diagnostics  instead builds the unshipped diagnostics module (the boundary benchmark's
#                  extra bindings) into build/wasm-diagnostics/module/; dist/ is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's emcc runs its JS tools with the system Node; with the nodesource Node it needs the
# Debian Node modules (acorn) on NODE_PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
if [ "${1:-}" = "--diagnostics" ]; then
  if [ ! -f build/wasm-diagnostics/CMakeCache.txt ]; then
    emcmake cmake -S . -B build/wasm-diagnostics -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DARTIFACTS_WASM_DIAGNOSTICS=ON >/dev/null
  fi
  cmake --build build/wasm-diagnostics -j "$(nproc)"
  exit 0
fi
if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake --preset wasm -G Ninja >/dev/null
fi
cmake --build --preset wasm -j "$(nproc)"
node scripts/minify-loader.mjs
node scripts/generate-package-files.mjs
