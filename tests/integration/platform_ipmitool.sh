#!/usr/bin/env bash
# Stock ipmitool against ipmikit's BMC running the embedded default machine: the SDR and
# sensor commands, the SEL, FRU, chassis and watchdog commands of the acceptance list, and
# a raw Set Watchdog Timer with a 1 s countdown and a power-cycle action after which
# `sel elist` shows the Watchdog 2 event and the chassis went off and came back.
# (tests/integration/lib/bmcd.sh says which BMC runs: bmcd, or the stand-in tool.)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
ik_bmcd_available || ik_fail "no BMC built in $IK_BUILD"
T=$(ik_tmpdir)
ik_bmcd_start "$(ik_pick_port)"
I=ik_bmcd_ipmitool
echo "BMC under test: bmcd"

# --- SDR and sensors ---------------------------------------------------------------------
$I sdr list >"$T/sdr.list"
n=$(wc -l <"$T/sdr.list")
[ "$n" -ge 40 ] || ik_fail "sdr list shows $n sensors"
grep -q '^CPU1 Temp        | [0-9]* degrees C      | ok$' "$T/sdr.list" || ik_fail "CPU1 Temp line"
grep -q '^P12V             | 12\.[0-9]* Volts' "$T/sdr.list" || ik_fail "P12V line"
grep -q '^FAN1             | [0-9]* RPM' "$T/sdr.list" || ik_fail "FAN1 line"
if grep -v '| ok$' "$T/sdr.list"; then ik_fail "a sensor is not ok"; fi
$I sdr elist >"$T/sdr.elist"
grep -q '^PSU1 Status      | 30h | ok  | 10.1 | Presence detected$' "$T/sdr.elist" ||
  ik_fail "PSU1 Status elist line: $(grep PSU1 "$T/sdr.elist")"
grep -q '^Drive 0          | 50h | ok  | 26.1 | Drive Present$' "$T/sdr.elist" ||
  ik_fail "Drive 0 elist line"
$I sdr type Temperature >"$T/sdr.temp"
[ "$(wc -l <"$T/sdr.temp")" -eq 13 ] || ik_fail "sdr type Temperature: $(wc -l <"$T/sdr.temp") lines"
$I sdr list all >"$T/sdr.all"
grep -q 'System FRU       | Log FRU @00h 17.1 | ok' "$T/sdr.all" || ik_fail "FRU locator"
grep -q 'PSU MC           | Dynamic MC @ 72h' "$T/sdr.all" || ik_fail "satellite locator"
$I sdr dump "$T/sdr.bin" >/dev/null
[ "$(stat -c %s "$T/sdr.bin")" -gt 2000 ] || ik_fail "sdr dump is short"
if [ -x "$IK_BUILD/ipmikit" ]; then # the dump decodes record by record with our own CLI
  "$IK_BUILD/ipmikit" sdr decode "$T/sdr.bin" >"$T/sdr.decoded" || ik_fail "sdr decode of the dump"
  grep -q '^Watchdog 2       | 60h' "$T/sdr.decoded" || ik_fail "decoded dump"
fi

$I sensor list >"$T/sensor.list"
grep -q '^CPU1 Temp        | [0-9.]*  *| degrees C  | ok    | na        | na        | na        | 85\.000    | 95\.000    | 105\.000' \
  "$T/sensor.list" || ik_fail "sensor list CPU1 Temp: $(grep 'CPU1 Temp' "$T/sensor.list")"
$I sensor get "Inlet Temp" >"$T/sensor.get"
grep -q 'Lower Critical        : 0.000' "$T/sensor.get" || ik_fail "sensor get Inlet Temp"
grep -q 'Positive Hysteresis   : 1.000' "$T/sensor.get" || ik_fail "hysteresis"
$I sensor thresh "CPU1 Temp" unc 80 >/dev/null
$I sensor get "CPU1 Temp" | grep -q 'Upper Non-Critical    : 80.000' || ik_fail "thresh unc 80"

# --- SEL ----------------------------------------------------------------------------------
$I sel info | grep -q 'Version          : 1.5 (v1.5, v2 compliant)' || ik_fail "sel info"
printf '0x04 0x01 0x01 0x01 0x57 0x50 0x55\n0x04 0x08 0x30 0x6f 0x01 0xff 0xff\n' >"$T/events"
$I sel add "$T/events" >/dev/null
$I sel list >"$T/sel.list"
[ "$(wc -l <"$T/sel.list")" -eq 2 ] || ik_fail "sel list after adds: $(cat "$T/sel.list")"
$I sel elist | grep -q 'Power Supply #0x30 | Failure detected | Asserted' || ik_fail "sel elist"
$I sel get 1 | grep -q 'Description           : Upper Non-critical going high' || ik_fail "sel get"
$I sel delete 1 | grep -q 'Deleted entry 1' || ik_fail "sel delete"
[ "$(wc -l < <($I sel list))" -eq 1 ] || ik_fail "sel list after delete"
$I sel time get | grep -Eq '^[0-9]{2}/[0-9]{2}/[0-9]{2} [0-9:]{8}' || ik_fail "sel time get"
$I sel time set now >/dev/null
# ipmitool 1.8.19 cannot parse an explicit date for `sel time set` (fixed upstream by
# ipmitool PR #183): the same request raw, 2024-01-02 10:00:00 UTC = 0x6593DEA0
$I raw 0x0a 0x49 0xa0 0xde 0x93 0x65 >/dev/null
$I sel time get | grep -q '^01/02/24 10:00:0' || ik_fail "sel time after set: $($I sel time get)"
$I sel clear | grep -q 'Clearing SEL' || ik_fail "sel clear"
sleep 0.3
$I sel elist | grep -q 'Event Log | Log area reset/cleared | Asserted' || ik_fail "cleared event"

# --- FRU ----------------------------------------------------------------------------------
$I fru print >"$T/fru.print" 2>&1
grep -q 'Board Product         : IK2S Mainboard' "$T/fru.print" || ik_fail "fru print board"
grep -q 'Product Asset Tag     : ASSET-0042' "$T/fru.print" || ik_fail "fru print product"
grep -q 'FRU Device Description : PSU2 FRU (ID 2)' "$T/fru.print" || ik_fail "fru print PSU2"
$I fru read 0 "$T/fru0.bin" >/dev/null
[ "$(stat -c %s "$T/fru0.bin")" -eq 512 ] || ik_fail "fru read size"
# change the asset tag in the image and write it back
python3 - "$T/fru0.bin" "$T/fru0.new" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
i = b.find(b"ASSET-0042")
assert i > 0
b[i:i + 10] = b"ASSET-0099"
# product area checksum: the area starts at header byte 4 x 8, its length is byte 1 x 8
off = b[4] * 8
ln = b[off + 1] * 8
b[off + ln - 1] = (-sum(b[off:off + ln - 1])) & 0xFF
open(sys.argv[2], "wb").write(b)
PY
$I fru write 0 "$T/fru0.new" >/dev/null
$I fru print 0 | grep -q 'Product Asset Tag     : ASSET-0099' || ik_fail "fru write"

# --- chassis ------------------------------------------------------------------------------
$I chassis status | grep -q 'System Power         : on' || ik_fail "chassis status"
$I chassis power off | grep -q 'Down/Off' || ik_fail "power off"
ik_until 5 'is off' $I chassis power status || ik_fail "power is not off"
$I sdr list | grep -q '^CPU1 Temp        | no reading' || ik_fail "CPU1 Temp readable while off"
$I sdr list | grep -q '^Inlet Temp       | [0-9]* degrees C' || ik_fail "Inlet Temp unreadable while off"
$I chassis power on | grep -q 'Up/On' || ik_fail "power on"
ik_until 5 'is on' $I chassis power status || ik_fail "power is not on"
$I chassis restart_cause | grep -q 'chassis power control command' || ik_fail "restart cause"
$I chassis power cycle | grep -q 'Cycle' || ik_fail "power cycle"
ik_until 5 'is off' $I chassis power status || ik_fail "not off during the cycle"
ik_until 10 'is on' $I chassis power status || ik_fail "not back on after the cycle"
$I chassis power reset | grep -q 'Reset' || ik_fail "power reset"
$I chassis power soft | grep -q 'Soft' || ik_fail "power soft"
ik_until 10 'is off' $I chassis power status || ik_fail "soft shutdown did not power off"
if $I chassis power cycle >/dev/null 2>&1; then ik_fail "power cycle of an off system succeeded"; fi
$I chassis power on >/dev/null
ik_until 5 'is on' $I chassis power status || ik_fail "not on again"
$I chassis identify 5 | grep -q 'Chassis identify interval: 5 seconds' || ik_fail "identify"
$I chassis identify force | grep -q 'indefinite' || ik_fail "identify force"
$I chassis bootdev pxe | grep -q 'Set Boot Device to pxe' || ik_fail "bootdev"
$I chassis bootparam get 5 | grep -q 'Boot Device Selector : Force PXE' || ik_fail "bootparam"
$I chassis policy always-on | grep -q 'always-on' || ik_fail "policy"
$I chassis status | grep -q 'Power Restore Policy : always-on' || ik_fail "policy in status"
$I chassis poh | grep -q 'POH Counter  : 0 days, 0 hours' || ik_fail "poh"

# --- watchdog -----------------------------------------------------------------------------
$I mc watchdog get | grep -q 'Watchdog Timer Is:      Stopped' || ik_fail "watchdog get"
$I mc watchdog off >/dev/null
$I sel clear >/dev/null
sleep 0.3
# Set Watchdog Timer: SMS/OS, power cycle, no pre-timeout, 1 s (10 x 100 ms); then start it
$I raw 0x06 0x24 0x04 0x03 0x00 0x00 0x0a 0x00 >/dev/null
$I mc watchdog reset | grep -q 'Watchdog Timer Reset' || ik_fail "watchdog reset"
$I mc watchdog get | grep -q 'Started/Running' || ik_fail "watchdog not running"
ik_until 5 'is off' $I chassis power status || ik_fail "the watchdog did not cycle the power"
$I sel elist >"$T/wd.elist"
grep -q 'Watchdog 2 | Power cycle | Asserted' "$T/wd.elist" || ik_fail "no Watchdog 2 event: $(cat "$T/wd.elist")"
ik_until 10 'is on' $I chassis power status || ik_fail "not back on after the watchdog cycle"
$I chassis restart_cause | grep -q 'watchdog expired' || ik_fail "restart cause watchdog"
$I mc watchdog get | grep -q '\* SMS/OS' || ik_fail "expiration flag"
echo "platform_ipmitool: ok"
