#!/usr/bin/env bash
# Installs what the build and tests need and is missing: Debian packages with apt-get, npm
# packages with `npm ci`. Safe to run again; it does nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: compilers and test libraries for the native build, RapidJSON for the core,
# Emscripten for the wasm build, PostgreSQL 15 for the server's real-server suite (its binaries
# only: scripts/postgres.sh runs a throw-away cluster); with --browser also Chromium for the
# browser tests and the server's PDF export, and poppler-utils (pdftotext, pdftoppm) to read the
# PDFs back, with --fuzz clang and its libFuzzer and sanitizer runtimes for the fuzz targets
# (scripts/fuzz.sh).
packages=(cmake ninja-build g++ libgtest-dev libbenchmark-dev rapidjson-dev emscripten postgresql)
for option in "$@"; do
  case "$option" in
    --browser) packages+=(chromium poppler-utils) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# npm packages, exactly as locked; reinstalled when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
