#!/usr/bin/env bash
# The CLI against a BMC that lies (tests/tools/hostile_bmc.c): truncated, empty, oversized,
# garbage, bit-flipped and error responses to every command of the command list. The good
# answers are recorded first from ipmi_sim (IPMIKIT_TRACE=1), then hostile_bmc serves them
# damaged. The CLI must report errors and never crash or read out of bounds: it runs under
# ASan + UBSan (the asan build), any sanitizer report fails the test, and the exit status
# must be one of the documented ones (0-3).
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/sim.sh"

IPMIKIT=$IK_BUILD/ipmikit
HOSTILE=$IK_BUILD/tool_hostile_bmc
[ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
[ -x "$HOSTILE" ] || ik_fail "no $HOSTILE (build first)"
command -v ipmi_sim >/dev/null || ik_fail "ipmi_sim (openipmi) is not installed"
T=$(ik_tmpdir)
export XDG_CACHE_HOME=$T/cache
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
SEEDS=${IK_HOSTILE_SEEDS:-4}

cat >"$T/cmds" <<'EOF'
mc info
mc guid
mc selftest
mc getenables
mc watchdog get
chassis status
chassis power status
chassis restart_cause
chassis poh
chassis selftest
chassis policy list
chassis bootparam get 4
chassis bootparam get 5
channel info
channel info 1
channel authcap 1 4
channel getaccess 1
channel getciphers ipmi 1
user summary 1
user list 1
lan print 1
session info active
session info all
sdr info
sdr elist all
sdr list all
sdr elist all -v
sdr type Temperature
sdr entity 7
sdr get "CPU Temp" "CPU Status"
sensor list
sensor get "CPU Temp" "12V" "CPU Status" "Watchdog 2"
sensor reading "CPU Temp" "5V"
sel info
sel list
sel elist
sel elist last 3
sel get 1 2 3 5 7 0xb 0xd 0xe
sel time get
fru print
fru print 1
raw 6 1
EOF

# 1. record ipmi_sim's answers
port=$(ik_pick_port)
ik_sim_start "$port" "$IK_SRC/tests/ipmi_sim/bmc.emu"
IPMIKIT_TRACE=1 "$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password \
  --no-sdr-cache exec "$T/cmds" >/dev/null 2>"$T/trace" || true
awk '
  /^ipmikit: >> netfn/ { nf = $4; cmd = $6; req = ""; for (i = 8; i <= NF; i++) req = req " " $i
                         if (req == "") req = " -"; pending = 1; next }
  /^ipmikit: << cc/ && pending { rsp = $4; for (i = 6; i <= NF; i++) rsp = rsp " " $i
                         print nf " " cmd req " | " rsp; pending = 0; next }
  /^ipmikit: << error/ { pending = 0 }' "$T/trace" | sort -u >"$T/table"
# what the good replay must print the same: everything but the two commands lib's server
# machine answers itself (Get Channel Authentication Capabilities and Get Channel Cipher
# Suites come from hostile_bmc's own session layer, not from the recorded table) and the
# clock (sel time get), which moved on between the two ipmi_sim runs
grep -vE '^(channel (authcap|getciphers)|sel time get)' "$T/cmds" >"$T/cmds.same"
"$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password --no-sdr-cache \
  exec "$T/cmds.same" >"$T/sim.out" 2>/dev/null || true
nrec=$(wc -l <"$T/table")
[ "$nrec" -gt 50 ] || ik_fail "only $nrec recorded answers"
echo "ok: recorded $nrec distinct answers from ipmi_sim"

# 2. the same list against the lying BMC, mode by mode, seed by seed
runs=0
for mode in good truncate empty oversize garbage flip cc mixed; do
  for seed in $(seq 1 "$SEEDS"); do
    hport=$(ik_pick_port)
    "$HOSTILE" -p "$hport" -t "$T/table" -m "$mode" -s "$seed" 2>"$T/hostile.$mode.$seed.log" &
    hpid=$!
    ik_track_pid "$hpid"
    ik_wait_udp "$hport" 5
    for intf in lanplus lan; do
      rc=0
      list=$T/cmds
      [ "$mode" = good ] && list=$T/cmds.same
      timeout 300 "$IPMIKIT" -I "$intf" -H 127.0.0.1 -p "$hport" -U admin -P password -N 1 -R 1 \
        --no-sdr-cache exec "$list" >"$T/out" 2>"$T/err" || rc=$?
      runs=$((runs + 1))
      if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|SUMMARY: ' "$T/err"; then
        grep -E -A12 'AddressSanitizer|LeakSanitizer|runtime error' "$T/err" | head -40 >&2
        ik_fail "mode $mode seed $seed ($intf): sanitizer report"
      fi
      case $rc in
      0 | 1 | 2 | 3) ;;
      *) ik_fail "mode $mode seed $seed ($intf): exit status $rc (crash?): $(tail -5 "$T/err")" ;;
      esac
      # the undamaged replay prints what ipmi_sim's answers printed
      if [ "$mode" = good ] && ! diff -u "$T/sim.out" "$T/out" >"$T/good.diff"; then
        head -20 "$T/good.diff" >&2
        ik_fail "mode good ($intf): the replayed answers print differently"
      fi
    done
    kill "$hpid" 2>/dev/null
    wait "$hpid" 2>/dev/null
    echo "ok: mode $mode seed $seed: no crash, errors reported ($(grep -c . "$T/err") stderr lines)"
  done
done
echo "ok: $runs runs of $(grep -c . "$T/cmds") commands against hostile answers"
