#!/usr/bin/env bash
# The ipmikit CLI against ipmitool 1.8.19 on bmcd (ipmikit's own BMC, its default machine:
# 48 sensors, FRU devices, MC locators), command by command, as cli_ipmitool.sh does on
# ipmi_sim: identical stdout, same success or failure, valid --json. The SEL starts empty;
# events for the machine's sensors are added (sel add) and read back both ways.
# The default machine's readings move (noise and sine models): the test runs bmcd on the
# same machine with every model frozen at its central value (kind: constant), taken from
# bmcd/default_machine.c, so two clients a few milliseconds apart read the same values.
# Filtered, because they differ between two clients' runs: session counts and console UDP
# ports (lib/clicmp.sh), the SEL clock.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"

IPMIKIT=$IK_BUILD/ipmikit
[ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
ik_bmcd_available || ik_fail "no bmcd in $IK_BUILD"
T=$(ik_tmpdir)
export XDG_CACHE_HOME=$T/cache

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
ik_bmcd_start "$(ik_pick_port)" "$T/frozen.yaml"
port=$IK_BMCD_PORT
IT=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -C 3)
IK=("$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password)
source "$(dirname "$0")/lib/clicmp.sh"

# ---- read-only commands ------------------------------------------------------------------
same -- mc info
same -- mc guid
same -- mc selftest
same -- mc getenables
same -- mc watchdog get
same -- chassis status
same -- chassis power status
same -- chassis restart_cause
same -- chassis poh
same -- chassis selftest
same -- chassis policy list
same -- chassis bootparam get 0
same -- chassis bootparam get 4
same -- chassis bootparam get 5
same -- raw 0x06 0x01
same -- raw 0x0a 0x10 0
same -- raw 0x06 0x55
same "$sessions" -- channel info
same "$sessions" -- channel info 1
same -- channel authcap 1 4
same -- channel getaccess 1
same -- channel getaccess 1 2
same -- channel getciphers ipmi 1
same -- user summary 1
same -- user list 1
same -- lan print 1
same "$sessions" -- session info active
same "$sessions" -- session info all
same -- sdr info
same -- sdr
same -- sdr list
same -- sdr elist
same -- sdr elist all
same -- sdr list all
same -- sdr elist full
same -- sdr elist compact
same -- sdr elist event
same -- sdr elist mcloc
same -- sdr elist fru
same -- sdr elist all -v
same -- sdr type Temperature
same -- sdr type Fan
same -- sdr type 0x08
same -- sdr entity 3.1
same -- sdr entity 7
same -- sdr entity list
same -- sdr type list
same -- sdr get "CPU1 Temp" "P12V" "PSU1 Status" "Drive 0"
same -- sensor
same -- sensor list
same -- sensor get "CPU1 Temp" "FAN1" "P5V" "Power Draw"
same -- sensor get "PSU1 Status" "Intrusion" "OS Stop" "ACPI State"
same -- sensor reading "CPU1 Temp" "P12V" "FAN3"
same -- sel info
same -- sel list
same -- fru
same -- fru print 0
same -- fru print 1
same -- fru print 2

# ---- the SEL: events for this machine's sensors, added by each client --------------------
# CPU1 Temp UCR going high, FAN1 LCR going low, PSU1 failure, intrusion, drive fault,
# OS Stop (event-only), a sensor without an SDR, OEM records
cat >"$T/ev1" <<'EOF'
0x04 0x01 0x01 0x01 0x59 0x5c 0x5a
0x04 0x04 0x20 0x01 0x52 0x0a 0x0c
0x04 0x08 0x30 0x6f 0x01 0xff 0xff
EOF
cat >"$T/ev2" <<'EOF'
0x04 0x05 0x40 0x6f 0x00 0xff 0xff
0x04 0x0d 0x50 0x6f 0x01 0xff 0xff
0x04 0x20 0x62 0x6f 0x01 0xff 0xff
0x04 0x0c 0x77 0x6f 0xa0 0x00 0x01
0x04 0x01 0x01 0x81 0x59 0x58 0x5a
EOF
change sel add "$T/ev1"
change sel add "$T/ev2"
same -- sel info
same -- sel list
same -- sel elist
same -- sel list last 4
same -- sel elist first 3
same -- sel get 1 2 3 4 5 6 7 8 9 0xa 0xb 0xc 0xd 0xe 0xf 0x10
same 's/^[0-9]{2}\/[0-9]{2}\/[0-9]{4} [0-9:]{8}.*$/TIME/; s/^S\+ [0-9:]+$/S+ TIME/' -- sel time get

# files
"${IT[@]}" sdr dump "$T/it.sdr" >/dev/null 2>&1
"${IK[@]}" sdr dump "$T/ik.sdr" >/dev/null 2>&1
cmp -s "$T/it.sdr" "$T/ik.sdr" || bad "sdr dump files differ"
"${IT[@]}" fru read 0 "$T/it.fru" >/dev/null 2>&1
"${IK[@]}" fru read 0 "$T/ik.fru" >/dev/null 2>&1
cmp -s "$T/it.fru" "$T/ik.fru" || bad "fru read files differ"
"${IT[@]}" sel writeraw "$T/it.raw" >/dev/null 2>&1
same -- sel writeraw "$T/ik.raw"
cmp -s "$T/it.raw" "$T/ik.raw" || bad "sel writeraw files differ"
same -- sel readraw "$T/it.raw"
"${IT[@]}" sel elist >"$T/it.elist" 2>/dev/null
"$IPMIKIT" sel decode --ipmitool-writeraw --sdr "$T/it.sdr" "$T/it.raw" >"$T/ik.decode" 2>&1
diff -u "$T/it.elist" "$T/ik.decode" >/dev/null ||
  bad "sel decode --sdr differs from ipmitool's sel elist"

# ---- IPMI 1.5 sessions --------------------------------------------------------------------
IT=(ipmitool -I lan -H 127.0.0.1 -p "$port" -U admin -P password)
IK=("$IPMIKIT" -I lan -H 127.0.0.1 -p "$port" -U admin -P password)
same -- mc info
same -- sdr elist
same -- sel elist
IT=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -C 3)
IK=("$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password)
# suite 17 (bmcd offers it; ipmitool's default)
IT17=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -C 17)
"${IT17[@]}" mc info >"$T/c17.it" 2>&1
"$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -v mc info >"$T/c17.ik" \
  2>"$T/c17.err"
diff -u "$T/c17.it" "$T/c17.ik" >/dev/null || bad "mc info over suite 17 differs"
grep -q "suite 17" "$T/c17.err" || bad "ipmikit did not choose suite 17: $(cat "$T/c17.err")"

# ---- commands that change the BMC --------------------------------------------------------
change sensor thresh "CPU1 Temp" ucr 91
same -- sensor get "CPU1 Temp"
change user set name 5 operator5
change user priv 5 3 1
change user enable 5
same -- user list 1
change user disable 5
change mc watchdog off
change chassis identify 5
change chassis power on
same -- chassis power status
change lan set 1 ipaddr 10.1.2.3
change lan set 1 netmask 255.255.0.0
change lan set 1 defgw ipaddr 10.1.0.1
change lan set 1 defgw macaddr 00:11:22:33:44:55
change lan set 1 vlan id 5
change lan set 1 vlan priority 3
change lan set 1 vlan id off
change lan set 1 access on
change lan set 1 cipher_privs XaaaXXaaaXXaaXX
change lan set 1 arp respond on
change lan set 1 ipsrc static
change lan set 1 snmp public
same -- lan print 1
change chassis bootdev pxe
same -- chassis bootparam get 5
change chassis bootdev disk
change user set password 3 secret1
same -- user test 3 16 secret1
same -- user test 3 16 wrong
change channel setaccess 1 3 callin=on ipmi=on link=off privilege=3
same -- channel getaccess 1 3
change sel time set "01/02/30 03:04:05"
same -- sel time set "13/02/30 03:04:05"
"${IK[@]}" fru read 0 "$T/f0.bin" >/dev/null 2>&1
change fru write 0 "$T/f0.bin"
same -- fru print 0
change chassis power cycle
change chassis power reset
change chassis power soft
change chassis power diag
change chassis power off
change mc reset warm
change sel clear
same -- sel list

# ---- JSON -----------------------------------------------------------------------------------
for args in "mc info" "mc guid" "mc getenables" "mc watchdog get" "chassis status" \
  "chassis poh" "chassis restart_cause" "chassis bootparam get 5" "raw 6 1" "channel info" \
  "channel authcap 1 4" "channel getaccess 1 2" "channel getciphers ipmi 1" "user list" \
  "user summary" "lan print 1" "session info all" "sdr info" "sdr elist all" "sdr elist -v" \
  "sensor list" "sensor get FAN1" "sensor reading FAN1" "sel info" "sel elist" "sel time get" \
  "fru print" "fru print 1" "sdr type list" "sdr entity list" "sel list last 2"; do
  # shellcheck disable=SC2086
  "${IK[@]}" --json $args >"$T/j.json" 2>"$T/j.err"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/j.json" 2>/dev/null ||
    bad "--json $args is not valid JSON: $(head -c 200 "$T/j.json")"
done
echo "ok: --json output parses for every command"

echo "$n comparisons against bmcd, $fails failures"
[ "$fails" -eq 0 ] || exit 1
