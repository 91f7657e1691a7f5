#!/usr/bin/env bash
# Durable SEL adds and listing, ipmikit's BMC against OpenIPMI's ipmi_sim, in one run.
#   bench/sel.sh [N]     N adds for the engine+SQLite measurement (default 20000)
#
# 1. engine + SQLite store (bench_sel_store): adds/s, each acknowledged after its commit,
#    for every tenth of the run (O(1) per add means flat rates), synchronous NORMAL and FULL;
# 2. stock ipmitool over lanplus, one session (`ipmitool sel add FILE`), against
#      - ipmi_sim: 3,990 adds (it caps its SEL near 4,000 and rewrites its SEL file on every
#        add), then `ipmitool sel elist` of those 4,000 entries;
#      - bmcd (when built): the same 3,990 adds, elist of ~4,000, then 20,000 entries.
# Prints a table; numbers come from this machine (2 cores shared with others: run it idle).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
[ -x build/release/bench_sel_store ] || scripts/build.sh release >/dev/null
export IK_BUILD=$PWD/build/release IK_SRC=$PWD
source tests/integration/lib/common.sh
source tests/integration/lib/sim.sh
source tests/integration/lib/bmcd.sh

echo "== engine + SQLite (bench_sel_store -n $n)"
build/release/bench_sel_store -n "$n" | tail -1
build/release/bench_sel_store -n 2000 --full | tail -1

T=$(ik_tmpdir)
# 7-byte events for `ipmitool sel add FILE`: EvM rev, sensor type, number, dir|type, data 1-3
mkevents() { # count file
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "0x04 0x01 0x%02x 0x01 0x57 0x50 0x50\n", i % 256 }' >"$2"
}
now() { date +%s.%N; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / (t > 0 ? t : 0.001) }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

results=()

if command -v ipmi_sim >/dev/null && command -v ipmitool >/dev/null; then
  port=$(ik_pick_port)
  cat >"$T/sim.cmds" <<EOF
mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
sel_enable 0x20 4000 0x0a
mc_enable 0x20
EOF
  ik_sim_start "$port" "$T/sim.cmds"
  mkevents 3990 "$T/ev3990"
  t0=$(now)
  ik_ipmitool sel add "$T/ev3990" >/dev/null
  t1=$(now)
  ik_ipmitool sel elist >"$T/sim.elist" 2>/dev/null # (no SDRs in the sim: lookups fail)
  t2=$(now)
  results+=("ipmi_sim|$(rate 3990 "$(elapsed "$t0" "$t1")")|$(elapsed "$t1" "$t2") ($(wc -l <"$T/sim.elist") entries)|n/a (capped near 4,000)")
  kill "$IK_SIM_PID" 2>/dev/null || true
fi

if ik_bmcd_available; then
  port=$(ik_pick_port)
  printf 'machine:\n  sel: {capacity: 30000, almost_full: 0}\n' >"$T/bench.yaml"
  ik_bmcd_start "$port" "$T/bench.yaml" "$T/bmcd"
  mkevents 3990 "$T/ev3990"
  t0=$(now)
  ik_bmcd_ipmitool sel add "$T/ev3990" >/dev/null
  t1=$(now)
  ik_bmcd_ipmitool sel elist >"$T/b.elist" 2>/dev/null
  t2=$(now)
  mkevents 16000 "$T/ev16000"
  ik_bmcd_ipmitool sel add "$T/ev16000" >/dev/null
  t3=$(now)
  ik_bmcd_ipmitool sel elist >"$T/b20.elist" 2>/dev/null
  t4=$(now)
  results+=("bmcd|$(rate 3990 "$(elapsed "$t0" "$t1")")|$(elapsed "$t1" "$t2") ($(wc -l <"$T/b.elist") entries)|$(elapsed "$t3" "$t4") ($(wc -l <"$T/b20.elist") entries)")
else
  results+=("bmcd|not built (bmcd/main.c not in this tree yet)|-|-")
fi

echo
echo "== stock ipmitool, lanplus, one session"
printf '%-14s %-22s %-28s %-28s\n' "BMC" "durable adds/s" "sel elist ~4,000 (s)" "sel elist ~20,000 (s)"
for r in "${results[@]}"; do
  IFS='|' read -r who a b c <<<"$r"
  printf '%-14s %-22s %-28s %-28s\n' "$who" "$a" "$b" "$c"
done
