#!/usr/bin/env bash
# Builds everything: the native tree (tests, CLI) and the wasm package files in dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-native.sh
bash scripts/build-wasm.sh
