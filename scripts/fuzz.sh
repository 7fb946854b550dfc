#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each one for
# SECONDS (default 60), FUZZ_JOBS (default 2) at a time. Seeds (from tests/fixtures) and the
# registry's dictionary entries are generated first; tests/fuzz-regressions/<target> is read as
# extra corpus. Prints each target's executions; exits non-zero when a target fails, printing the
# reproducer's path.
#
#   bash scripts/fuzz.sh [SECONDS]        e.g. bash scripts/fuzz.sh 600
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
parallel="${FUZZ_JOBS:-2}"
build=build/fuzz
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: bash scripts/fuzz.sh [SECONDS per target]" >&2
  exit 2
fi

mkdir -p build
echo "== fuzz: building the targets (preset fuzz)"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake --preset fuzz > "$build.log" 2>&1 || { tail -40 "$build.log"; exit 1; }
fi
if ! cmake --build --preset fuzz -j "$(nproc)" >> "$build.log" 2>&1; then
  tail -40 "$build.log"
  echo "fuzz: build failed"
  exit 1
fi

# Seeds and dictionary, derived from the fixtures and the registry at run time.
"$build/fuzz/artifacts-fuzz-seeds" "$build/corpus" "$build/registry.dict" || exit 1
cat fuzz/json.dict "$build/registry.dict" > "$build/fuzz.dict"

targets=()
for binary in "$build"/fuzz/fuzz-*; do targets+=("${binary##*/fuzz-}"); done
mkdir -p "$build/logs"

run_target() {
  local target=$1 crashes="$build/crashes/$target/"
  local regressions="tests/fuzz-regressions/$target"
  mkdir -p "$crashes" "$build/corpus/$target"
  local corpora=("$build/corpus/$target")
  if [ -d "$regressions" ]; then corpora+=("$regressions"); fi
  "$build/fuzz/fuzz-$target" "${corpora[@]}" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=30 \
    -dict="$build/fuzz.dict" -artifact_prefix="$crashes" -print_final_stats=1 \
    > "$build/logs/$target.log" 2>&1
  echo $? > "$build/logs/$target.status"
}

echo "== fuzz: ${#targets[@]} targets, ${seconds} s each, $parallel at a time"
for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= parallel)); do wait -n; done
  run_target "$target" &
done
wait

status=0
for target in "${targets[@]}"; do
  log="$build/logs/$target.log"
  code=$(cat "$build/logs/$target.status" 2>/dev/null || echo 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -1)
  if [ "$code" = 0 ]; then
    printf 'fuzz: %-9s ok      %10s executions  %s  %s\n' "$target" "${runs:-?}" "$coverage" "$corpus"
  else
    status=1
    printf 'fuzz: %-9s FAILED  %10s executions (exit %s)\n' "$target" "${runs:-?}" "$code"
    grep -aE 'broken invariant|ERROR: |SUMMARY: |runtime error' "$log" | head -5 | sed 's/^/    /'
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "    log: $log"
    if [ -n "$reproducer" ]; then
      echo "    reproducer: $reproducer"
      echo "    rerun: $build/fuzz/fuzz-$target $reproducer"
      echo "    keep it: cp $reproducer tests/fuzz-regressions/$target/<name> (fuzz_regressions_test)"
    fi
  fi
done
exit $status
