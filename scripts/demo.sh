#!/usr/bin/env bash
# The best runnable demonstration until the editor exists: the package on the sample plan.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/demo.mjs
