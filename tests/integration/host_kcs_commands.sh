#!/usr/bin/env bash
# ipmikit through bmcd's emulated KCS interface (-I kcs): Get Device ID, SEL, SDR, sensors,
# FRU, chassis and watchdog commands give exactly what the same commands give over
# lanplus (the engine answers the system interface as it answers the LAN), on bmcd's
# default machine with its moving readings frozen; then -H by name, bridging with -t to a
# satellite, and the failures a user meets (no socket, no -H).
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
source "$(dirname "$0")/lib/host.sh"

T=$(ik_tmpdir)
python3 - "$IK_SRC/bmcd/default_machine.c" >"$T/frozen.yaml" <<'PY' ||
import ast, re, sys
src = open(sys.argv[1]).read()
start = src.index("ik_default_machine_yaml[] =")
body = src[start:src.index(";", start)]
yaml = "".join(ast.literal_eval('"' + lit + '"')
               for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', body))
frozen, n = re.subn(r"model: \{kind: (?:noise|sine), value: ([^,}]*)[^}]*\}",
                    r"model: {kind: constant, value: \1}", yaml)
if n < 10 or "kind: noise" in frozen or "kind: sine" in frozen:
    sys.exit("could not freeze the default machine's models")
sys.stdout.write(frozen)
PY
  ik_fail "cannot derive a frozen default machine"
ik_host_bmcd "$T/frozen.yaml"

fails=0
n=0
# same ARGS...: identical stdout and exit status over kcs and over lanplus
same() {
  n=$((n + 1))
  "${IKL[@]}" --no-sdr-cache "$@" >"$T/$n.lan" 2>"$T/$n.lan.err"
  local lrc=$?
  "${IKK[@]}" --no-sdr-cache "$@" >"$T/$n.kcs" 2>"$T/$n.kcs.err"
  local krc=$?
  if ! diff -u "$T/$n.lan" "$T/$n.kcs" >"$T/$n.diff"; then
    echo "FAIL: '$*': kcs and lanplus differ" >&2
    head -20 "$T/$n.diff" >&2
    sed 's/^/  kcs stderr: /' "$T/$n.kcs.err" | head -5 >&2
    fails=$((fails + 1))
  elif [ "$lrc" != "$krc" ]; then
    echo "FAIL: '$*': exit status kcs $krc, lanplus $lrc" >&2
    fails=$((fails + 1))
  elif [ ! -s "$T/$n.kcs" ]; then
    echo "FAIL: '$*': no output" >&2
    fails=$((fails + 1))
  else
    echo "ok: $* ($(wc -l <"$T/$n.kcs") lines, exit $krc)"
  fi
}

# A few SEL entries first, so there is something to list.
"${IKL[@]}" raw 0x04 0x02 0x04 0x01 0x30 0x6f 0x00 0xff 0xff >/dev/null ||
  ik_fail "cannot add a SEL event over lanplus"
"${IKK[@]}" raw 0x04 0x02 0x41 0x04 0x01 0x31 0x01 0x01 0xff 0xff >/dev/null ||
  ik_fail "cannot add a SEL event over kcs"

same mc info
same mc guid
same mc selftest
same mc getenables
same mc watchdog get
same chassis status
same chassis power status
same chassis restart_cause
same chassis poh
same chassis bootparam get 5
same raw 0x06 0x01
same raw 0x0a 0x10 0
same sel info
same sel elist
same sel list
same sel get 1
same sdr elist
same sdr list
same sdr type Temperature
same sdr info
same sensor list
same sensor get "CPU1 Temp"
same fru print
same fru print 0
same --json sel elist
same --json sensor list

# The system interface's own view: Get Channel Info for "this channel" is channel 0Fh.
out=$("${IKK[@]}" raw 0x06 0x42 0x0e) || ik_fail "Get Channel Info over kcs"
ik_expect_eq "$(echo "$out" | awk '{print $1, $2}')" "0f 0c" "this channel is the system interface (0Fh, KCS 0Ch)"

# -H NAME finds NAME.kcs in $IPMIKIT_KCS_DIR
out=$("$IPMIKIT" -I kcs -H node1 raw 0x06 0x01) || ik_fail "-H node1"
ik_expect_eq "$out" "$("${IKK[@]}" raw 0x06 0x01)" "-H by name"

# Bridged to the default machine's satellite at 72h: it answers with its own identity
# (host_bridge.sh has the silent one, late answers and events).
out=$("${IKK[@]}" -t 0x72 raw 0x06 0x01) || ik_fail "bridged Get Device ID to 72h"
ik_expect_eq "$(echo $out | cut -d' ' -f1-6)" "10 00 02 10 02 21" "satellite 72h's identity"
"${IKK[@]}" -t 0x72 mc info | grep -q "Firmware Revision *: 2.10" || ik_fail "mc info -t 0x72"

# What a user meets when something is missing.
"$IPMIKIT" -I kcs mc info >/dev/null 2>"$T/noh.err"
ik_expect_eq "$?" 2 "-I kcs without -H is a usage error"
grep -q "needs bmcd's KCS socket" "$T/noh.err" || ik_fail "no -H: $(cat "$T/noh.err")"
"$IPMIKIT" -I kcs -H "$T/none.kcs" mc info >/dev/null 2>"$T/nosock.err"
ik_expect_eq "$?" 3 "no socket is a transport failure"
grep -q "cannot connect to the KCS socket $T/none.kcs" "$T/nosock.err" ||
  ik_fail "no socket: $(cat "$T/nosock.err")"
ik_expect_eq "$(grep -c . "$T/nosock.err")" 1 "the reason is printed once"

[ "$fails" -eq 0 ] || ik_fail "$fails of $n comparisons differ"
echo "PASS: $n commands identical over kcs and lanplus; bridging; errors"
