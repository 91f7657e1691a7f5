#!/usr/bin/env bash
# What a client changes survives kill -9: `ipmitool user set password`, a new user, a LAN
# parameter and channel access are committed before they are acknowledged, so after
# SIGKILL and a restart on the same state directory the new password logs in and the old
# one does not.
set -u
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/bmcd.sh"

ik_bmcd_run
port=$IK_BMCD_PORT
it=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin)

out=$(timeout 20 "${it[@]}" -P password user set password 2 n3w-Secret 2>&1) ||
  ik_fail "set password: $out"
out=$(timeout 20 "${it[@]}" -P n3w-Secret user set name 4 carol 2>&1) || ik_fail "$out"
out=$(timeout 20 "${it[@]}" -P n3w-Secret lan set 1 ipaddr 192.0.2.77 2>&1) || ik_fail "$out"
out=$(timeout 20 "${it[@]}" -P n3w-Secret channel setaccess 1 4 privilege=3 2>&1) ||
  ik_fail "$out"
ik_bmcd_kill9
echo "ok   changes made, bmcd killed with SIGKILL"

ik_bmcd_rerun
out=$(timeout 20 "${it[@]}" -P password mc info 2>&1) && ik_fail "old password still works"
echo "ok   old password refused after restart"
out=$(timeout 20 "${it[@]}" -P n3w-Secret mc info 2>&1) || ik_fail "new password: $out"
echo "$out" | grep -q "Device ID" || ik_fail "$out"
echo "ok   new password logs in after restart"
out=$(timeout 20 "${it[@]}" -P n3w-Secret user list 1 2>&1) || ik_fail "$out"
echo "$out" | grep -qE '^4 +carol +true +true +true +OPERATOR' || ik_fail "user 4 lost: $out"
out=$(timeout 20 "${it[@]}" -P n3w-Secret lan print 1 2>&1) || ik_fail "$out"
echo "$out" | grep -q "IP Address              : 192.0.2.77" || ik_fail "lan param lost: $out"
echo "ok   user 4 and LAN parameter 3 survived"

# The state is private to bmcd's user: it holds passwords.
mode=$(stat -c %a "$IK_BMCD_STATE/bmcd.db")
[ "$mode" = 600 ] || ik_fail "bmcd.db mode $mode, want 600"
echo "ok   bmcd.db is mode 600"
ik_bmcd_stop
echo "PASS"
