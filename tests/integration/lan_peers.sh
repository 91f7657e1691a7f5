#!/usr/bin/env bash
# bmcd against stock clients with no workaround flags, each run well under a second:
# ipmitool lanplus with no -C and with -C 1 2 3 6 7 8 15 16 17, ipmitool lan -A MD5 (and
# -A PASSWORD refused by default, accepted when the description enables it), FreeIPMI
# bmc-info over LAN_2_0 (-I 3, 17, 11, 12; ipmitool aborts on 11/12 by itself) and LAN,
# and ipmi-raw.
set -u
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/bmcd.sh"

ik_bmcd_run
port=$IK_BMCD_PORT

check() { # label, expected regex, command...
  local label=$1 want=$2
  shift 2
  local t0 out rc t1
  t0=$(ik_ms)
  out=$(timeout 20 "$@" 2>&1)
  rc=$?
  t1=$(ik_ms)
  [ $rc -eq 0 ] || ik_fail "$label: exit $rc: $out"
  echo "$out" | grep -qE "$want" || ik_fail "$label: unexpected output: $out"
  [ $((t1 - t0)) -lt 1000 ] || ik_fail "$label took $((t1 - t0)) ms (a stall?)"
  echo "ok   $label ($((t1 - t0)) ms)"
}

refused() { # label, expected regex, command...
  local label=$1 want=$2
  shift 2
  local out
  out=$(timeout 20 "$@" 2>&1) && ik_fail "$label: succeeded: $out"
  echo "$out" | grep -qE "$want" || ik_fail "$label: unexpected output: $out"
  echo "ok   $label refused"
}

it=(ipmitool -H 127.0.0.1 -p "$port" -U admin -P password)
check "ipmitool lanplus (no -C)" '^Device ID +: 32$' "${it[@]}" -I lanplus mc info
for c in 1 2 3 6 7 8 15 16 17; do
  check "ipmitool lanplus -C $c" '^Device ID +: 32$' "${it[@]}" -I lanplus -C "$c" mc info
done
check "ipmitool lan -A MD5" '^Device ID +: 32$' "${it[@]}" -I lan -A MD5 mc info
refused "ipmitool lan -A PASSWORD (default policy)" 'PASSWORD not supported' \
  "${it[@]}" -I lan -A PASSWORD mc info
refused "ipmitool lan -A NONE (default policy)" 'NONE not supported|Unable to establish' \
  "${it[@]}" -I lan -A NONE mc info
refused "ipmitool lanplus -C 0 (default policy)" 'no matching cipher suite' \
  "${it[@]}" -I lanplus -C 0 mc info

fi=(bmc-info -h "127.0.0.1:$port" -u admin -p password --get-device-id)
for i in 3 17 11 12; do
  check "bmc-info -D LAN_2_0 -I $i" '^Device ID +: 32$' "${fi[@]}" -D LAN_2_0 -I "$i"
done
check "bmc-info -D LAN_2_0 (default suite)" '^Device ID +: 32$' "${fi[@]}" -D LAN_2_0
check "bmc-info -D LAN" '^Device ID +: 32$' "${fi[@]}" -D LAN
check "bmc-info (everything it asks)" 'Device ID' bmc-info -h "127.0.0.1:$port" -u admin \
  -p password -D LAN_2_0
check "ipmi-raw 0 6 1" '^rcvd: 01 00 20 ' ipmi-raw -h "127.0.0.1:$port" -u admin -p password \
  -D LAN_2_0 0 6 1
check "ipmi-raw over LAN 1.5" '^rcvd: 01 00 20 ' ipmi-raw -h "127.0.0.1:$port" -u admin \
  -p password -D LAN 0 6 1
ik_bmcd_stop

# A description that enables straight password and MD2 for IPMI 1.5.
cfg=$IK_BMCD_DIR/p.yaml
cat >"$cfg" <<'YAML'
machine:
  name: pw
  security:
    ipmi15: [md2, md5, password]
YAML
ik_bmcd_run --config "$cfg"
port=$IK_BMCD_PORT
it=(ipmitool -H 127.0.0.1 -p "$port" -U admin -P password)
check "ipmitool lan -A PASSWORD (enabled)" '^Device ID +: 32$' "${it[@]}" -I lan -A PASSWORD mc info
check "ipmitool lan -A MD5 (enabled)" '^Device ID +: 32$' "${it[@]}" -I lan -A MD5 mc info
check "bmc-info -D LAN -a STRAIGHT_PASSWORD_KEY" '^Device ID +: 32$' bmc-info \
  -h "127.0.0.1:$port" -u admin -p password --get-device-id -D LAN -a STRAIGHT_PASSWORD_KEY
check "bmc-info -D LAN -a MD2" '^Device ID +: 32$' bmc-info -h "127.0.0.1:$port" -u admin \
  -p password --get-device-id -D LAN -a MD2
ik_bmcd_stop
grep -q "event=counters" "$IK_BMCD_LOG" || ik_fail "no counters at exit"
echo "PASS"
