#!/usr/bin/env bash
# The BMC-side session machine (lib/session_server.c, inside tests/tools/lanpeer) against
# stock peers: ipmitool lanplus with every suite it can run and with no -C, ipmitool lan
# MD5 / straight password, FreeIPMI bmc-info over LAN_2_0 (suites 3, 17, 11, 12) and LAN,
# all without workaround flags and each well under a second; wrong passwords and unknown
# users fail the right way; a replayed in-session packet is dropped; a client facing a BMC
# that ignores the cipher-suite query falls back without a stall.
set -u
. "$(dirname "$0")/lib/common.sh"

peer=$IK_BUILD/tool_lanpeer
client=$IK_BUILD/tool_lanclient
[ -x "$peer" ] && [ -x "$client" ] || ik_fail "missing tools in $IK_BUILD"
dir=$(ik_tmpdir)
port=$(ik_pick_port)
"$peer" -p "$port" 2>"$dir/peer.log" &
ik_track_pid $!
ik_wait_udp "$port" 5

ms_now() { date +%s%N | cut -c1-13; }

check() { # label, expected line, command...
  local label=$1 want=$2
  shift 2
  local t0 out rc t1
  t0=$(ms_now)
  out=$(timeout 20 "$@" 2>&1)
  rc=$?
  t1=$(ms_now)
  [ $rc -eq 0 ] || ik_fail "$label: exit $rc: $out"
  echo "$out" | grep -qE "$want" || ik_fail "$label: unexpected output: $out"
  echo "ok   $label ($((t1 - t0)) ms)"
  [ $((t1 - t0)) -lt 1000 ] || ik_fail "$label took $((t1 - t0)) ms"
}

it=(ipmitool -H 127.0.0.1 -p "$port" -U admin -P password)
for c in 1 2 3 6 7 8 15 16 17; do
  check "ipmitool lanplus -C $c" '^Device ID +: 32$' "${it[@]}" -I lanplus -C "$c" mc info
done
check "ipmitool lanplus (no -C)" '^Device ID +: 32$' "${it[@]}" -I lanplus mc info
check "ipmitool lan -A MD5" '^Device ID +: 32$' "${it[@]}" -I lan -A MD5 mc info
check "ipmitool lan -A PASSWORD" '^Device ID +: 32$' "${it[@]}" -I lan -A PASSWORD mc info

fi=(bmc-info -h "127.0.0.1:$port" -u admin -p password --get-device-id)
for i in 3 17 11 12; do
  check "bmc-info LAN_2_0 -I $i" '^Device ID +: 32$' "${fi[@]}" -D LAN_2_0 -I "$i"
done
check "bmc-info LAN" '^Device ID +: 32$' "${fi[@]}" -D LAN
check "bmc-info LAN -a STRAIGHT_PASSWORD_KEY" '^Device ID +: 32$' "${fi[@]}" -D LAN \
  -a STRAIGHT_PASSWORD_KEY
check "bmc-info LAN -a MD2" '^Device ID +: 32$' "${fi[@]}" -D LAN -a MD2

# Failures.
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P wrong -C 3 mc info 2>&1) &&
  ik_fail "ipmitool with a wrong password succeeded"
echo "$out" | grep -q "Unable to establish IPMI v2 / RMCP+ session" || ik_fail "ipmitool: $out"
echo "ok   ipmitool wrong password refused"
out=$(timeout 20 bmc-info -h "127.0.0.1:$port" -u admin -p wrong -D LAN_2_0 -I 3 \
  --get-device-id 2>&1) && ik_fail "bmc-info with a wrong password succeeded"
echo "$out" | grep -q "password invalid" || ik_fail "bmc-info: $out"
echo "ok   bmc-info wrong password: password invalid"
out=$(timeout 20 bmc-info -h "127.0.0.1:$port" -u nobody -p x -D LAN_2_0 -I 17 \
  --get-device-id 2>&1) && ik_fail "bmc-info with an unknown user succeeded"
echo "$out" | grep -q "username invalid" || ik_fail "bmc-info: $out"
grep -q "rakp_status=0d (unauthorized name)" "$dir/peer.log" || ik_fail "no RAKP 2 status 0Dh"
echo "ok   unknown user: RAKP 2 status 0Dh, bmc-info: username invalid"

# Our own client against our own server, including a replayed in-session datagram.
for args in "-C 3" "-C 17" "-I lan -A MD5"; do
  # shellcheck disable=SC2086
  out=$(timeout 20 "$client" -p "$port" -U admin -P password $args -R 2>&1) ||
    ik_fail "lanclient $args: $out"
  echo "$out" | grep -qx "replay: dropped" || ik_fail "replay answered ($args): $out"
done
grep -q "drop reason=seq_replay" "$dir/peer.log" || ik_fail "lanpeer did not log the replay"
echo "ok   replayed in-session packets dropped (seq_replay)"

# A BMC that ignores the cipher-suite query and lacks suite 17: fallback, no stall.
port2=$(ik_pick_port)
"$peer" -p "$port2" -q -s 1,2,3 2>"$dir/peer2.log" &
ik_track_pid $!
ik_wait_udp "$port2" 5
out=$(timeout 20 "$client" -p "$port2" -U admin -P password 2>&1) || ik_fail "fallback: $out"
ms=$(echo "$out" | sed -n 's/^elapsed_ms: //p')
echo "$out" | grep -q "suite=3" || ik_fail "fallback did not end on suite 3: $out"
[ "$ms" -lt 1000 ] || ik_fail "fallback took $ms ms"
echo "ok   unanswered cipher-suite query -> 17 refused -> suite 3 in $ms ms"

# Still answering after all that.
check "ipmitool after the abuse" '^Device ID +: 32$' "${it[@]}" -I lanplus -C 17 mc info
echo "drops: $(grep -c 'drop reason' "$dir/peer.log")"
echo "PASS"
