#!/usr/bin/env bash
# Run every libFuzzer harness in build/fuzz for a bounded time with ASan + UBSan.
# Seeds come from fuzz/corpus/<name>/; any crash, leak or timeout fails the run and the
# reproducer is left in build/fuzz/artifacts/.
#   IK_FUZZ_SECONDS  per-harness time budget (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${IK_FUZZ_SECONDS:-30}
art=build/fuzz/artifacts
mkdir -p "$art"
status=0
shopt -s nullglob
for bin in build/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  seeds=fuzz/corpus/${name#fuzz_}
  work=build/fuzz/corpus/${name#fuzz_}
  mkdir -p "$work"
  dirs=("$work")
  [ -d "$seeds" ] && dirs+=("$seeds")
  printf 'fuzz %-28s %3ss ... ' "$name" "$secs"
  if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
      -artifact_prefix="$art/$name-" "${dirs[@]}" >"build/fuzz/$name.log" 2>&1; then
    echo "ok ($(grep -o 'exec/s: [0-9]*' "build/fuzz/$name.log" | tail -1))"
  else
    echo "FAILED (see build/fuzz/$name.log)"
    tail -40 "build/fuzz/$name.log"
    status=1
  fi
done
exit $status
