#!/usr/bin/env bash
# The ipmikit CLI against ipmitool 1.8.19, command by command, on the same BMC: OpenIPMI's
# ipmi_sim with the test machine of tests/ipmi_sim/bmc.emu (threshold and discrete sensors,
# FRU devices, a SEL), on loopback. Every command of the list must print exactly what
# ipmitool prints (stdout) and succeed or fail as ipmitool does; --json must be valid JSON.
#
# Known, deliberate differences (docs/cli.md) are compared the way they differ:
#   - mc watchdog get, chassis bootparam get 4: ipmi_sim answers shorter than the spec;
#     ipmitool prints bytes from past the response, ipmikit stops with an error: all lines
#     ipmikit prints must equal ipmitool's first lines.
#   - channel getciphers: ipmitool 1.8.19 lists at most 12 suites (it sizes its table with
#     sizeof of one entry); ipmikit lists them all: ipmitool's lines must be ipmikit's first.
# Lines that differ between two runs are filtered, and said so: the SEL clock (sel time
# get, "S+ hh:mm:ss" runs on), active session counts (the other client's session may still
# be open), console UDP ports. The helpers are in lib/clicmp.sh; cli_bmcd.sh runs the list
# against bmcd.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/sim.sh"

IPMIKIT=$IK_BUILD/ipmikit
[ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
command -v ipmi_sim >/dev/null || ik_fail "ipmi_sim (openipmi) is not installed"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
T=$(ik_tmpdir)
export XDG_CACHE_HOME=$T/cache

port=$(ik_pick_port)
ik_sim_start "$port" "$IK_SRC/tests/ipmi_sim/bmc.emu"

IT=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -C 3)
IK=("$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password)

source "$(dirname "$0")/lib/clicmp.sh"

# ---- read-only commands ------------------------------------------------------------------
same -- mc info
same -- mc guid
same -- mc selftest
same -- mc getenables
ik_prefix_of_it -- mc watchdog get
same -- chassis status
same -- chassis power status
same -- power status
same -- chassis restart_cause
same -- chassis poh
same -- chassis selftest
same -- chassis policy list
ik_prefix_of_it -- chassis bootparam get 4
same -- chassis bootparam get 0
same -- chassis identify
same -- chassis power on
same -- raw 0x06 0x01
same -- raw 6 1
same -- raw Application 0x37
same -- raw 0x0a 0x10 0
same -- raw 0x06 0x55
same "$sessions" -- channel info
same "$sessions" -- channel info 1
same -- channel authcap 1 4
same -- channel getaccess 1
same -- channel getaccess 1 2
it_prefix_of_ik -- channel getciphers ipmi 1
same -- user summary
same -- user summary 1
same -- user list
same -- user list 1
same -- lan print
same -- lan print 1
same "$sessions" -- session info active
same "$sessions" -- session info all
same -- sdr info
same -- sdr
same -- sdr list
same -- sdr elist
same -- sdr list all
same -- sdr elist all
same -- sdr elist full
same -- sdr elist compact
same -- sdr elist event
same -- sdr elist mcloc
same -- sdr elist fru
same -- sdr elist all -v
same -- sdr list -v
same -- sdr type list
same -- sdr type Temperature
same -- sdr type 0x01
same -- sdr type "Physical Security"
same -- sdr entity 3.1
same -- sdr entity 7
same -- sdr get "CPU Temp" "12V" "CPU Status"
same -- sensor
same -- sensor list
same -- sensor get "CPU Temp" "12V" "FAN1" "DIMM Temp"
same -- sensor get "CPU Status" "Intrusion" "Watchdog 2"
same -- sensor reading "CPU Temp" "12V" "5V"
same -- sel
same -- sel info
same -- sel list
same -- sel elist
same -- sel list 3
same -- sel list first 2
same -- sel list last 2
same -- sel elist last 3
same -- sel get 1 2 3 4 5 6 7 8 9 0xa 0xb 0xc 0xd 0xe
same 's/^S\+ [0-9:]+$/S+ TIME/' -- sel time get
same -- fru
same -- fru print
same -- fru print 0
same -- fru print 1
same -- fru print 5

# files: sdr dump, fru read, sel save / writeraw must write the same bytes
"${IT[@]}" sdr dump "$T/it.sdr" >/dev/null 2>&1
"${IK[@]}" sdr dump "$T/ik.sdr" >/dev/null 2>&1
cmp -s "$T/it.sdr" "$T/ik.sdr" || bad "sdr dump files differ"
"${IT[@]}" fru read 0 "$T/it.fru" >/dev/null 2>&1
"${IK[@]}" fru read 0 "$T/ik.fru" >/dev/null 2>&1
cmp -s "$T/it.fru" "$T/ik.fru" || bad "fru read files differ"
same -- sel writeraw "$T/sel.raw"
"${IT[@]}" sel writeraw "$T/it.raw" >/dev/null 2>&1
cmp -s "$T/it.raw" "$T/sel.raw" || bad "sel writeraw files differ"
same -- sel save "$T/sel.txt"
# a SEL saved by ipmitool's writeraw decodes identically with ipmikit's readraw
same -- sel readraw "$T/it.raw"
# offline, with ipmitool's sdr dump for the names: what the live sel elist prints
"${IT[@]}" sel elist >"$T/it.elist" 2>/dev/null
"$IPMIKIT" sel decode --ipmitool-writeraw --sdr "$T/it.sdr" "$T/it.raw" >"$T/ik.decode" 2>&1
if diff -u "$T/it.elist" "$T/ik.decode" >"$T/decode.diff"; then
  echo "ok: sel decode --sdr (ipmitool's sdr dump) prints ipmitool's live sel elist"
else
  bad "sel decode --sdr differs from ipmitool's sel elist"
  head -20 "$T/decode.diff" >&2
fi

# ---- the same, through IPMI 1.5 sessions ------------------------------------------------
IT=(ipmitool -I lan -H 127.0.0.1 -p "$port" -U admin -P password)
IK=("$IPMIKIT" -I lan -H 127.0.0.1 -p "$port" -U admin -P password)
same -- mc info
same -- sdr elist
same -- sel elist
IT=(ipmitool -I lan -H 127.0.0.1 -p "$port" -U admin -P password -A MD5)
IK=("$IPMIKIT" -I lan -H 127.0.0.1 -p "$port" -U admin -P password -A MD5)
same -- chassis status
IT=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -C 3)
IK=("$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password)

# ---- commands that change the BMC: each client in turn, outputs compared ----------------
change sensor thresh "CPU Temp" ucr 91
change sensor thresh "12V" lower 9.9 10.2 10.5
change user set name 5 operator5
same -- user list
change user priv 5 3 1
change user disable 5
change user enable 5
change mc watchdog reset
change mc watchdog off
# each client deletes its own record
"${IT[@]}" sel delete 0xe >"$T/del.it" 2>&1 || bad "ipmitool sel delete"
"${IK[@]}" sel delete 0xd >"$T/del.ik" 2>&1 || bad "ipmikit sel delete"
ik_expect_eq "$(cat "$T/del.ik")" "Deleted entry 13" "sel delete output"
ik_expect_eq "$(cat "$T/del.it")" "Deleted entry 14" "ipmitool sel delete output"
same -- sel elist
printf '0x04 0x01 0x01 0x01 0x59 0x5c 0x5a # ucr\n0x04 0x05 0x12 0x6f 0x00 0xff 0xff\n' >"$T/events"
change sel add "$T/events"
same -- sel list

# ---- JSON: one valid document for every command ------------------------------------------
for args in "mc info" "mc guid" "mc getenables" "chassis status" "chassis power status" \
  "raw 6 1" "channel info" "channel getaccess 1 2" "channel getciphers ipmi 1" "user list" \
  "user summary" "lan print 1" "session info all" "sdr info" "sdr elist all" "sdr elist -v" \
  "sensor list" "sel info" "sel elist" "sel list last 3" "sel get 1" "sel time get" \
  "fru print" "fru print 0"; do
  # shellcheck disable=SC2086
  "${IK[@]}" --json $args >"$T/j.json" 2>"$T/j.err"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/j.json" 2>/dev/null ||
    bad "--json $args is not valid JSON: $(head -c 200 "$T/j.json")"
done
echo "ok: --json output parses for every command"

# ---- exec: many commands, one session ------------------------------------------------------
printf 'mc info\n# a comment\n\nsdr elist\nsel elist\nchassis status\n' >"$T/cmds"
"${IK[@]}" exec "$T/cmds" >"$T/exec.out" 2>"$T/exec.err" || bad "exec failed"
{ "${IK[@]}" mc info; "${IK[@]}" sdr elist; "${IK[@]}" sel elist; "${IK[@]}" chassis status; } \
  >"$T/sep.out" 2>/dev/null
diff -u "$T/sep.out" "$T/exec.out" >/dev/null || bad "exec output differs from separate runs"
# one session: the same session handle at the start and at the end of the file
printf 'session info active\nsdr elist\nsel elist\nsession info active\n' >"$T/cmds2"
"${IK[@]}" exec "$T/cmds2" >"$T/exec2.out" 2>&1 || bad "exec 2 failed"
handles=$(grep '^session handle' "$T/exec2.out" | sort -u | wc -l)
ik_expect_eq "$handles" 1 "exec ran every line in one session"
echo "ok: exec runs its commands in one session"

# ---- progress: on a terminal only ---------------------------------------------------------
"${IK[@]}" sel elist >/dev/null 2>"$T/quiet.err"
[ -s "$T/quiet.err" ] && bad "progress printed to a pipe: $(head -c 100 "$T/quiet.err")"
IPMIKIT_PROGRESS=always "${IK[@]}" sel elist >/dev/null 2>"$T/prog.err"
grep -q 'Reading SEL' "$T/prog.err" || bad "no progress with IPMIKIT_PROGRESS=always"
echo "ok: progress shows on demand, stays quiet in pipes"

# ---- clear last ---------------------------------------------------------------------------
change sel clear
same -- sel list

echo "$n comparisons, $fails failures"
[ "$fails" -eq 0 ] || exit 1
