#!/usr/bin/env bash
# FreeIPMI against ipmikit's BMC running the embedded default machine: ipmi-sensors (with
# thresholds), ipmi-sel (and --clear), ipmi-fru, ipmi-chassis, ipmipower. bmc-watchdog
# talks only to an in-band system interface (KCS/SSIF/the OpenIPMI driver), never over
# LAN, so the watchdog goes through FreeIPMI's ipmi-raw: Get Watchdog Timer.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
command -v ipmi-sensors >/dev/null || ik_fail "freeipmi-tools is not installed"
ik_bmcd_available || ik_fail "no BMC built in $IK_BUILD"
T=$(ik_tmpdir)
mkdir -m 700 "$T/cache"
ik_bmcd_start "$(ik_pick_port)"
F() { ik_bmcd_freeipmi "$@"; }
C=(--sdr-cache-directory="$T/cache")
echo "BMC under test: bmcd"

F ipmi-sensors "${C[@]}" >"$T/sensors" 2>"$T/sensors.err"
n=$(grep -c '^[0-9]' "$T/sensors")
[ "$n" -ge 40 ] || ik_fail "ipmi-sensors shows $n sensors"
grep -Eq "^1 +\| CPU1 Temp +\| Temperature +\| [0-9]+\.00 +\| C +\| 'OK'$" "$T/sensors" ||
  ik_fail "CPU1 Temp: $(grep 'CPU1 Temp' "$T/sensors")"
grep -Eq "\| PSU1 Status +\| Power Supply +\| N/A +\| N/A +\| 'Presence detected'$" "$T/sensors" ||
  ik_fail "PSU1 Status"
if grep -E "'(Warning|Critical)|At or (above|below)" "$T/sensors"; then
  ik_fail "a sensor is not nominal"
fi
F ipmi-sensors "${C[@]}" --output-sensor-thresholds >"$T/thr"
grep -Eq "\| Inlet Temp +\| Temperature +\| [0-9.]+ +\| C +\| N/A +\| 0\.00 +\| 5\.00 +\| 40\.00 +\| 45\.00 +\| N/A" \
  "$T/thr" || ik_fail "thresholds: $(grep 'Inlet Temp' "$T/thr")"
grep -Eq "\| FAN1 +\| Fan +\| [0-9.]+ +\| RPM +\| 400\.00 +\| 700\.00 +\| 1000\.00 +\| N/A" "$T/thr" ||
  ik_fail "fan thresholds"

F ipmi-sel "${C[@]}" --clear >/dev/null
sleep 0.3
F ipmi-sel "${C[@]}" >"$T/sel"
grep -q 'Event Log      | Event Logging Disabled   | Log Area Reset/Cleared' "$T/sel" ||
  ik_fail "ipmi-sel after --clear: $(cat "$T/sel")"
F ipmi-sel "${C[@]}" --info >"$T/selinfo"
grep -q "Number of log entries *: 1$" "$T/selinfo" || ik_fail "ipmi-sel --info: $(cat "$T/selinfo")"

F ipmi-fru "${C[@]}" >"$T/fru"
grep -q 'FRU Board Product Name: IK2S Mainboard' "$T/fru" || ik_fail "ipmi-fru board"
grep -q 'FRU Product Asset Tag: ASSET-0042' "$T/fru" || ik_fail "ipmi-fru product"
grep -q 'FRU Power Supply Overall Capacity: 800 Watts' "$T/fru" || ik_fail "ipmi-fru PSU record"

F ipmi-chassis --get-status >"$T/chassis"
grep -q 'System Power *: on' "$T/chassis" || ik_fail "ipmi-chassis --get-status"
F ipmi-chassis --chassis-control=POWER-DOWN >"$T/down" 2>&1 || ik_fail "POWER-DOWN: $(cat "$T/down")"
ik_until 5 'System Power *: off' F ipmi-chassis --get-status ||
  ik_fail "chassis control down: $(cat "$T/down"; tail -5 "$IK_BMCD_LOG")"
F ipmipower --stat | grep -q ': off' || ik_fail "ipmipower --stat off"
F ipmipower --on | grep -q ': ok' || ik_fail "ipmipower --on"
ik_until 5 ': on' F ipmipower --stat || ik_fail "ipmipower --stat on"
F ipmipower --cycle | grep -q ': ok' || ik_fail "ipmipower --cycle"
ik_until 5 ': off' F ipmipower --stat || ik_fail "off during the cycle"
ik_until 10 ': on' F ipmipower --stat || ik_fail "on after the cycle"
F ipmipower --off | grep -q ': ok' || ik_fail "ipmipower --off"
ik_until 5 ': off' F ipmipower --stat || ik_fail "ipmipower --off did not"
F ipmipower --on >/dev/null

# Get Watchdog Timer through FreeIPMI: after a Set (SMS/OS, no action, 30 s), not running
F ipmi-raw 0x00 0x06 0x24 0x04 0x00 0x00 0x00 0x2c 0x01 >/dev/null
F ipmi-raw 0x00 0x06 0x25 | grep -q 'rcvd: 25 00 04 00 00 00 2C 01 2C 01' ||
  ik_fail "ipmi-raw Get Watchdog Timer: $(F ipmi-raw 0x00 0x06 0x25)"
echo "platform_freeipmi: ok"
