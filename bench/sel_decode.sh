#!/usr/bin/env bash
# SEL decode throughput: ipmikit (text and JSON) against ipmiutil on the same file.
#   bench/sel_decode.sh [N]     N records (default 1,000,000), fixed-seed generator
# Builds the release tree if needed, writes build/release/bench/sel_N.bin, then times, in one
# run: `ipmikit sel decode` to text (> /dev/null), to JSON, and `ipmiutil sel -b`. Prints
# records/s and the ratios. Single process, one core.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
[ -x build/release/ipmikit ] && [ -x build/release/bench_sel_gen ] || scripts/build.sh release >/dev/null
mkdir -p build/release/bench
f=build/release/bench/sel_$n.bin
[ -s "$f" ] || build/release/bench_sel_gen "$f" "$n"
export TZ=${TZ:-UTC}

tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
secs() { # command... -> wall seconds (best of 3), stdout discarded
  local best="" t
  for _ in 1 2 3; do
    /usr/bin/time -f %e -o "$tf" "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$tf")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}

echo "file: $f ($n records, $(stat -c %s "$f") bytes)"
t_text=$(secs build/release/ipmikit sel decode "$f")
t_json=$(secs build/release/ipmikit --json sel decode "$f")
if command -v ipmiutil >/dev/null; then
  t_util=$(secs ipmiutil sel -b "$f")
else
  t_util=""
fi
rate() { awk -v n="$n" -v t="$1" 'BEGIN { if (t <= 0) t = 0.001; printf "%.0f", n / t }'; }
printf '%-28s %8s s  %12s records/s\n' "ipmikit sel decode (text)" "$t_text" "$(rate "$t_text")"
printf '%-28s %8s s  %12s records/s\n' "ipmikit sel decode --json" "$t_json" "$(rate "$t_json")"
if [ -n "$t_util" ]; then
  printf '%-28s %8s s  %12s records/s\n' "ipmiutil sel -b" "$t_util" "$(rate "$t_util")"
  awk -v a="$t_util" -v b="$t_text" -v c="$t_json" 'BEGIN {
    if (b <= 0) b = 0.001; if (c <= 0) c = 0.001;
    printf "ratio: ipmikit text is %.1fx ipmiutil, ipmikit JSON is %.1fx ipmiutil\n", a / b, a / c }'
fi
