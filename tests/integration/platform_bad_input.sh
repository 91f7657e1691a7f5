#!/usr/bin/env bash
# Bad input gets the right error: malformed descriptions stop the BMC at start with
# file:line:column, the field and what is wrong; thresholds out of order, reads past the end
# of an SDR or a FRU area, stale reservations and a full SEL get their completion codes
# (ipmitool raw prints "rsp=0xNN"); and the BMC still answers afterwards.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
ik_bmcd_available || ik_fail "no BMC built in $IK_BUILD"
T=$(ik_tmpdir)

# --- malformed descriptions --------------------------------------------------------------
bad() { # name expected-message yaml
  printf '%s' "$3" >"$T/$1.yaml"
  ik_bmcd_start_fails "$T/$1.yaml" || ik_fail "$1: the BMC accepted it"
  grep -qF "$T/$1.yaml:$2" "$IK_BMCD_LOG" || ik_fail "$1: wanted '$2' in: $(cat "$IK_BMCD_LOG")"
}
bad unknown_key "4:7: machine.sensors[0]: unknown key 'numbr'" \
  "machine:
  sensors:
    - name: CPU1 Temp
      numbr: 1
"
bad long_name "3:14: machine.sensors[0].name: longer than 16 characters" \
  "machine:
  sensors:
    - {name: Processor 1 Temperature, number: 1, type: temperature}
"
bad order "8:34: machine.sensors[0].thresholds.ucr: 80 is below unc (90)" \
  "machine:
  sensors:
    - name: T
      number: 1
      type: temperature
      range: [0, 127]
      resolution: 1
      thresholds: {unc: 90, ucr: 80}
"
bad yaml "3:1: YAML syntax error" \
  "machine:
  sel: {capacity: 10
"
bad capacity "2:19: machine.sel.capacity: 70000 is out of range 1..65534" \
  "machine:
  sel: {capacity: 70000}
"

# --- completion codes ----------------------------------------------------------------------
cat >"$T/small.yaml" <<'EOF'
machine:
  sensors:
    - {name: T1, number: 1, type: temperature, unit: degrees C, range: [0, 127], resolution: 1,
       thresholds: {unc: 80, ucr: 90}, value: 40}
  fru:
    - {id: 0, size: 64, board: {product: Small}}
  sel: {capacity: 8, almost_full: 0}
EOF
ik_bmcd_start "$(ik_pick_port)" "$T/small.yaml"
echo "BMC under test: bmcd"
cc() { # expected-cc raw bytes...
  local want=$1 out
  shift
  out=$(ik_bmcd_ipmitool raw "$@" 2>&1 || true)
  grep -q "rsp=0x$want" <<<"$out" || ik_fail "raw $*: wanted rsp=0x$want, got: $out"
}
# thresholds: UNC above UCR, a threshold that does not exist, a discrete-only field
cc cc 0x04 0x26 0x01 0x08 0 0 0 95 0 0
cc cc 0x04 0x26 0x01 0x20 0 0 0 0 0 120
cc cb 0x04 0x27 0x42
# SDR: past the end of record 1, offset without reservation, stale reservation, no record
len=$((16#$(ik_bmcd_ipmitool raw 0x0a 0x23 0 0 1 0 0 5 | awk '{print $7}')))
cc ca 0x0a 0x23 0 0 1 0 0 $((len + 6))
r1=$(ik_bmcd_ipmitool raw 0x0a 0x22)
r2=$(ik_bmcd_ipmitool raw 0x0a 0x22)
cc c5 0x0a 0x23 0 0 1 0 5 4
# shellcheck disable=SC2086
cc c5 0x0a 0x23 $(awk '{print "0x" $1, "0x" $2}' <<<"$r1") 1 0 5 4
# shellcheck disable=SC2086
ik_bmcd_ipmitool raw 0x0a 0x23 $(awk '{print "0x" $1, "0x" $2}' <<<"$r2") 1 0 5 4 >/dev/null ||
  ik_fail "the current SDR reservation was refused"
cc cb 0x0a 0x23 0 0 0x77 0 0 0xff
# FRU: past the end of the 64-byte area, a device that does not exist
cc c9 0x0a 0x11 0 64 0 8
cc cb 0x0a 0x11 5 0 0 8
cc c9 0x0a 0x12 0 62 0 1 2 3
# SEL: stale reservation for delete, then fill the 8-entry SEL until "out of space"
ik_bmcd_ipmitool raw 0x0a 0x44 0 0 2 0 0 0 0 0x41 0 4 1 1 1 0 0 0 >/dev/null
s1=$(ik_bmcd_ipmitool raw 0x0a 0x42)
ik_bmcd_ipmitool raw 0x0a 0x44 0 0 2 0 0 0 0 0x41 0 4 1 1 1 0 0 0 >/dev/null
# shellcheck disable=SC2086
cc c5 0x0a 0x46 $(awk '{print "0x" $1, "0x" $2}' <<<"$s1") 1 0
for _ in $(seq 1 6); do
  ik_bmcd_ipmitool raw 0x0a 0x44 0 0 2 0 0 0 0 0x41 0 4 1 1 1 0 0 0 >/dev/null
done
cc c4 0x0a 0x44 0 0 2 0 0 0 0 0x41 0 4 1 1 1 0 0 0
ik_bmcd_ipmitool sel info | grep -q 'Overflow         : true' || ik_fail "overflow flag"
ik_bmcd_ipmitool mc info | grep -q 'Device ID' || ik_fail "the BMC stopped answering"
echo "platform_bad_input: ok"
