#!/usr/bin/env bash
# Run every libFuzzer harness in build/fuzz for a bounded time with ASan + UBSan, as many
# at once as there are cores. Seeds come from fuzz/corpus/<name>/; any crash, leak or
# timeout fails the run and the reproducer is left in build/fuzz/artifacts/.
#   IK_FUZZ_SECONDS  per-harness time budget (default 30)
#   IK_FUZZ_JOBS     harnesses run in parallel (default: number of cores)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${IK_FUZZ_SECONDS:-30}
jobs=${IK_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
art=$PWD/build/fuzz/artifacts  # absolute: a harness may chdir (fuzz_cli_args)
mkdir -p "$art"

run_one() {
  local bin=$1 secs=$2 art=$3
  local name seeds work
  name=$(basename "$bin")
  seeds=$PWD/fuzz/corpus/${name#fuzz_}
  work=$PWD/build/fuzz/corpus/${name#fuzz_}
  mkdir -p "$work"
  local dirs=("$work")
  [ -d "$seeds" ] && dirs+=("$seeds")
  if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
      -artifact_prefix="$art/$name-" "${dirs[@]}" >"build/fuzz/$name.log" 2>&1; then
    printf 'fuzz %-28s %3ss ok (%s)\n' "$name" "$secs" \
      "$(grep -o 'exec/s: [0-9]*' "build/fuzz/$name.log" | tail -1)"
  else
    printf 'fuzz %-28s FAILED (see build/fuzz/%s.log)\n' "$name" "$name"
    tail -40 "build/fuzz/$name.log"
    return 1
  fi
}
export -f run_one

shopt -s nullglob
bins=()
for b in build/fuzz/fuzz_*; do
  [ -x "$b" ] && [ -f "$b" ] && bins+=("$b")
done
[ ${#bins[@]} -gt 0 ] || { echo "no fuzz harnesses in build/fuzz" >&2; exit 1; }
printf '%s\n' "${bins[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$secs" "$art"
