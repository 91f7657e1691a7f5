#!/usr/bin/env bash
# The client against the same BMC as ipmitool and FreeIPMI, in one run:
#   sel elist of N SEL entries       ipmikit | ipmitool sel elist | ipmi-sel
#   sdr elist of the test machine    ipmikit | ipmitool sdr elist | ipmi-sensors
#   M Get Device ID in one session   ipmikit exec | ipmitool exec | ipmi-raw --file
# and prints the wall times (best of R runs) and the ratios.
#
#   bench/client.sh [N] [M] [R]      defaults 4000 SEL entries, 2000 calls, 5 runs
#
# The BMC is bmcd (ipmikit's own, its default machine) when it is built, with N SEL
# entries added for its sensors (ipmikit sel add, untimed); IK_BENCH_BMC=sim uses OpenIPMI's
# ipmi_sim on tests/ipmi_sim/bmc.emu plus N generated entries (tests/ipmi_sim/gen.py --sel
# N) instead. Either way on loopback, RMCP+ cipher suite 3 for all three clients (ipmi_sim
# offers no 17). ipmikit runs twice where it matters: with its SDR cache warm (the normal
# case from the second command on) and with --no-sdr-cache (every run reads the repository,
# as ipmitool does). FreeIPMI keeps its own SDR cache (warm: built before timing).
set -euo pipefail
cd "$(dirname "$0")/.."
n_sel=${1:-4000}
n_calls=${2:-2000}
runs=${3:-5}
[ -x build/release/ipmikit ] || scripts/build.sh release >/dev/null
export IK_BUILD=$PWD/build/release
source tests/integration/lib/common.sh
source tests/integration/lib/sim.sh
T=$(ik_tmpdir)
export XDG_CACHE_HOME=$T/cache TZ=${TZ:-UTC}

# ---- the BMC ----------------------------------------------------------------------------
kind=${IK_BENCH_BMC:-bmcd}
[ "$kind" = bmcd ] && [ ! -x build/release/bmcd ] && kind=sim
port=$(ik_pick_port)
if [ "$kind" = bmcd ]; then
  source tests/integration/lib/bmcd.sh
  ik_bmcd_start "$port"
  # CPU1 Temp and FAN1 threshold events, PSU1 and intrusion states
  python3 - "$n_sel" >"$T/events" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    k = i % 4
    if k == 0:
        print("0x04 0x01 0x01 0x%02x 0x59 0x%02x 0x5a" % ((i % 8 == 4) << 7 | 1, 0x5a + i % 5))
    elif k == 1:
        print("0x04 0x04 0x20 0x01 0x52 0x0a 0x0c")
    elif k == 2:
        print("0x04 0x08 0x30 0x6f 0x%02x 0xff 0xff" % (i % 3))
    else:
        print("0x04 0x05 0x40 0x%02x 0x00 0xff 0xff" % ((i % 8 == 7) << 7 | 0x6f))
PY
  build/release/ipmikit -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
    sel add "$T/events" >/dev/null
else
  command -v ipmi_sim >/dev/null || ik_fail "ipmi_sim (openipmi) is not installed"
  grep -v '^mc_enable' tests/ipmi_sim/bmc.emu >"$T/bench.emu"
  python3 tests/ipmi_sim/gen.py --sel "$n_sel" >>"$T/bench.emu"
  echo "mc_enable 0x20" >>"$T/bench.emu"
  ik_sim_start "$port" "$T/bench.emu"
fi
IK=(build/release/ipmikit -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password)
IT=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -C 3)
# FreeIPMI: ipmi_sim's Open Session response carries a privilege FreeIPMI rejects without
# the opensesspriv workaround
FI=(-h "127.0.0.1:$port" -u admin -p password -l admin -D LAN_2_0 -I 3 -W opensesspriv)
FI_SDR=(--sdr-cache-directory="$T/freeipmi")
mkdir -m 0700 "$T/freeipmi"
have_fi=1
command -v ipmi-sel >/dev/null && command -v ipmi-sensors >/dev/null &&
  command -v ipmi-raw >/dev/null || have_fi=0

entries=$("${IK[@]}" --json sel info | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])')
name=$kind
[ "$kind" = sim ] && name=ipmi_sim
echo "BMC: $name on 127.0.0.1:$port, $entries SEL entries"

# ---- timing -----------------------------------------------------------------------------
secs() { # command... -> best wall seconds of $runs (ms resolution), stdout discarded
  local best="" t0 t1 t
  for _ in $(seq 1 "$runs"); do
    t0=$(date +%s%N)
    if ! "$@" >/dev/null 2>"$T/stderr"; then
      echo "failed: $* ($(tail -1 "$T/stderr"))" >&2
      echo "NA"
      return
    fi
    t1=$(date +%s%N)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}
row() { printf '  %-44s %8s s\n' "$1" "$2"; }
ratio() { # label slower faster
  awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN {
    if (a == "NA" || b == "NA") { printf "  %-44s      n/a\n", l; exit }
    if (b <= 0) b = 0.01; printf "  %-44s %8.1fx\n", l, a / b }'
}

# warm the caches (ipmikit's, FreeIPMI's) outside the timing
"${IK[@]}" sdr info >/dev/null
"${IK[@]}" sdr elist >/dev/null
[ "$have_fi" = 1 ] && ipmi-sensors "${FI[@]}" "${FI_SDR[@]}" >/dev/null 2>&1 || true

# the same work: both clients print the same lines
"${IK[@]}" sel elist >"$T/ik.sel" 2>/dev/null
"${IT[@]}" sel elist >"$T/it.sel" 2>/dev/null
if cmp -s "$T/ik.sel" "$T/it.sel"; then
  echo "sel elist: ipmikit and ipmitool print the same $(wc -l <"$T/ik.sel") lines"
else
  echo "sel elist: outputs DIFFER ($(wc -l <"$T/ik.sel") vs $(wc -l <"$T/it.sel") lines)"
fi
echo "sel elist ($entries entries)"
ik_sel=$(secs "${IK[@]}" sel elist)
ik_sel_cold=$(secs "${IK[@]}" --no-sdr-cache sel elist)
it_sel=$(secs "${IT[@]}" sel elist)
fi_sel=NA
[ "$have_fi" = 1 ] && fi_sel=$(secs ipmi-sel "${FI[@]}" "${FI_SDR[@]}")
row "ipmikit sel elist (SDR cache warm)" "$ik_sel"
row "ipmikit --no-sdr-cache sel elist" "$ik_sel_cold"
row "ipmitool sel elist" "$it_sel"
row "FreeIPMI ipmi-sel (SDR cache warm)" "$fi_sel"
ratio "ipmitool / ipmikit (warm)" "$it_sel" "$ik_sel"
ratio "ipmitool / ipmikit (no cache)" "$it_sel" "$ik_sel_cold"
ratio "FreeIPMI / ipmikit (warm)" "$fi_sel" "$ik_sel"

echo "sdr elist"
ik_sdr=$(secs "${IK[@]}" sdr elist)
ik_sdr_cold=$(secs "${IK[@]}" --no-sdr-cache sdr elist)
it_sdr=$(secs "${IT[@]}" sdr elist)
fi_sdr=NA
[ "$have_fi" = 1 ] && fi_sdr=$(secs ipmi-sensors "${FI[@]}" "${FI_SDR[@]}")
row "ipmikit sdr elist (SDR cache warm)" "$ik_sdr"
row "ipmikit --no-sdr-cache sdr elist" "$ik_sdr_cold"
row "ipmitool sdr elist" "$it_sdr"
row "FreeIPMI ipmi-sensors (SDR cache warm)" "$fi_sdr"
ratio "ipmitool / ipmikit (warm)" "$it_sdr" "$ik_sdr"
ratio "ipmitool / ipmikit (no cache)" "$it_sdr" "$ik_sdr_cold"
ratio "FreeIPMI / ipmikit (warm)" "$fi_sdr" "$ik_sdr"

echo "$n_calls Get Device ID in one session"
for _ in $(seq 1 "$n_calls"); do echo "raw 0x06 0x01"; done >"$T/calls"
for _ in $(seq 1 "$n_calls"); do echo "00 06 01"; done >"$T/calls.fi"
ik_raw=$(secs "${IK[@]}" exec "$T/calls")
it_raw=$(secs "${IT[@]}" exec "$T/calls")
fi_raw=NA
[ "$have_fi" = 1 ] && fi_raw=$(secs ipmi-raw "${FI[@]}" --file="$T/calls.fi")
row "ipmikit exec" "$ik_raw"
row "ipmitool exec" "$it_raw"
row "FreeIPMI ipmi-raw --file" "$fi_raw"
ratio "ipmitool / ipmikit" "$it_raw" "$ik_raw"
ratio "FreeIPMI / ipmikit" "$fi_raw" "$ik_raw"
