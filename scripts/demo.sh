#!/usr/bin/env bash
# `npm run demo`: the package on the sample plan, in Node, printed to the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/demo.mjs
