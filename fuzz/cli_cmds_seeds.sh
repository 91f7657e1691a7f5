#!/usr/bin/env bash
# Seeds for fuzz_cli_cmds: every command of its table run against ipmi_sim (tests/ipmi_sim)
# with IPMIKIT_TRACE=1, the answers written in the harness's input format
# ([command index][options] then [N][CC][data] per response), as text (the fuzzer finds
# the --json bit).
#   fuzz/cli_cmds_seeds.sh [BUILD]    BUILD: a build tree with ipmikit (default build/asan)
set -euo pipefail
cd "$(dirname "$0")/.."
IK_BUILD=$(realpath "${1:-build/asan}")
export IK_BUILD
source tests/integration/lib/common.sh
source tests/integration/lib/sim.sh
out=fuzz/corpus/cli_cmds
mkdir -p "$out"
rm -f "$out"/*
T=$(ik_tmpdir)
port=$(ik_pick_port)
ik_sim_start "$port" tests/ipmi_sim/bmc.emu

i=0
sed -n '/^static const char \*const commands\[\] = {/,/^};/p' fuzz/fuzz_cli_cmds.c |
  grep -o '^    "[^"]*"' | tr -d '"' | sed 's/^ *//' >"$T/list"
while IFS= read -r line; do
  IFS=, read -r -a args <<<"$line"
  for k in "${!args[@]}"; do
    [ "${args[$k]}" = @ ] && args[$k]=$T/scratch
  done
  IPMIKIT_TRACE=1 "$IK_BUILD/ipmikit" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
    --no-sdr-cache "${args[@]}" >/dev/null 2>"$T/trace" </dev/null || true
  for opt in 0; do
    python3 - "$T/trace" "$i" "$opt" "$out/$(printf '%02d' "$i")-$opt" <<'PY'
import sys
trace, idx, opt, dest = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
blob = bytearray([idx, opt])
for l in open(trace, errors="replace"):
    w = l.split()
    if l.startswith("ipmikit: << cc "):
        body = bytes.fromhex(w[3] + "".join(w[5:]))
        blob += bytes([len(body)]) + body
    elif l.startswith("ipmikit: << error"):
        blob += b"\0"
open(dest, "wb").write(blob)
PY
  done
  i=$((i + 1))
done <"$T/list"
echo "$i commands, $(ls "$out" | wc -l) seeds in $out"
