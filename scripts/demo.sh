#!/usr/bin/env bash
# The core on the sample plan: validate every artifact and gate it at every tier.
set -euo pipefail
cd "$(dirname "$0")/.."
./build/native/cli/artifacts-cli demo tests/fixtures/plan
