#!/usr/bin/env bash
# bmcd's user, channel, session, mc and LAN-configuration commands as stock ipmitool
# drives them: user list / set name / set password / enable / disable / priv, channel
# info / authcap / getaccess / setaccess / getciphers, session info all, mc guid /
# selftest / reset warm, lan print / lan set (ipaddr, netmask, defgw, vlan, access,
# cipher_privs) - each answered correctly and fast.
set -u
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/bmcd.sh"

ik_bmcd_run
port=$IK_BMCD_PORT
it=(ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password)

run() { # label, expected regex (or ''), ipmitool args...
  local label=$1 want=$2
  shift 2
  local out rc t0 t1
  t0=$(ik_ms)
  out=$(timeout 20 "${it[@]}" "$@" 2>&1)
  rc=$?
  t1=$(ik_ms)
  [ $rc -eq 0 ] || ik_fail "$label: exit $rc: $out"
  [ -z "$want" ] || echo "$out" | grep -qE "$want" || ik_fail "$label: unexpected output: $out"
  [ $((t1 - t0)) -lt 2000 ] || ik_fail "$label took $((t1 - t0)) ms"
  echo "ok   $label"
  RUN_OUT=$out
}

# Users.
run "user list" '^2 +admin +true +true +true +ADMINISTRATOR' user list 1
run "user set name" '' user set name 3 bob
run "user set password" 'successful' user set password 3 s3cret
run "user priv" 'successful' user priv 3 3 1
run "user enable" '' user enable 3
run "user list shows bob" '^3 +bob +true +true +true +OPERATOR' user list 1
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U bob -P s3cret -L OPERATOR \
  mc info 2>&1) || ik_fail "bob cannot log in: $out"
echo "ok   bob logs in at OPERATOR"
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U bob -P s3cret mc info 2>&1) &&
  ik_fail "bob got ADMINISTRATOR: $out"
echo "ok   bob cannot have ADMINISTRATOR (privilege capped)"
run "user test password" 'Success' user test 3 16 s3cret
run "user disable" '' user disable 3
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U bob -P s3cret -L OPERATOR \
  mc info 2>&1) && ik_fail "disabled bob logged in"
echo "ok   disabled user refused"
run "user set password 20 bytes" 'successful' user set password 3 twenty-byte-password 20

# Channels.
run "channel info" 'Channel Medium Type +: 802.3 LAN' channel info
echo "$RUN_OUT" | grep -q "Session Support       : multi-session" || ik_fail "$RUN_OUT"
run "channel info 15" 'System Interface' channel info 15
run "channel authcap" 'IPMI v1.5  auth types +: MD5' channel authcap 1 4
echo "$RUN_OUT" | grep -q "Channel supports IPMI v2.0 : yes" || ik_fail "$RUN_OUT"
run "channel getaccess" 'Privilege Level +: ADMINISTRATOR' channel getaccess 1 2
run "channel setaccess" 'successful' channel setaccess 1 3 privilege=2 ipmi=on
run "channel getaccess after set" 'Privilege Level +: USER' channel getaccess 1 3
run "channel getciphers ipmi" '^17 +N/A +hmac_sha256 +sha256_128 +aes_cbc_128' \
  channel getciphers ipmi
echo "$RUN_OUT" | grep -q '^0 ' && ik_fail "suite 0 offered: $RUN_OUT"

# Sessions and the device group.
run "session info all" 'session type +: IPMIv2/RMCP\+' session info all
echo "$RUN_OUT" | grep -q "console ip                    : 127.0.0.1" || ik_fail "$RUN_OUT"
run "session info active" 'privilege level +: ADMINISTRATOR' session info active
run "mc guid" 'GUID' mc guid
run "mc selftest" 'Selftest: passed' mc selftest
run "mc reset warm" 'Sent warm reset command to MC' mc reset warm
run "mc info after reset" 'Device ID +: 32' mc info
run "raw Get Channel Payload Support 0Eh" '^ 01 3f 00 00 00 00 00 00' raw 6 0x4e 0x0e
run "raw Get User Payload Access 0Eh" '^ 00 00 00 00' raw 6 0x4d 0x0e 2

# LAN configuration.
run "lan print" 'RMCP\+ Cipher Suites +: 1,2,3,6,7,8,11,12,15,16,17' lan print 1
echo "$RUN_OUT" | grep -q "IP Address              : 127.0.0.1" || ik_fail "$RUN_OUT"
echo "$RUN_OUT" | grep -q "Bad Password Threshold  : 5" || ik_fail "$RUN_OUT"
run "lan set ipaddr" '' lan set 1 ipaddr 10.9.8.7
run "lan set netmask" '' lan set 1 netmask 255.255.252.0
run "lan set defgw ipaddr" '' lan set 1 defgw ipaddr 10.9.8.1
run "lan set vlan id" '' lan set 1 vlan id 42
run "lan set access" 'successful' lan set 1 access on
run "lan set cipher_privs" '' lan set 1 cipher_privs XaaaXXaaaXXaaXX
echo "$RUN_OUT" | grep -q "does not match" && ik_fail "cipher_privs read back differs: $RUN_OUT"
run "lan print after set" 'IP Address +: 10.9.8.7' lan print 1
for want in 'Subnet Mask +: 255.255.252.0' 'Default Gateway IP +: 10.9.8.1' \
  '802.1q VLAN ID +: 42' 'Cipher Suite Priv Max +: XaaaXXaaaXXaaXX'; do
  echo "$RUN_OUT" | grep -qE "$want" || ik_fail "lan print lacks '$want': $RUN_OUT"
done
echo "ok   lan print shows every change"
out=$(timeout 20 "${it[@]}" -C 1 mc info 2>&1) && ik_fail "suite 1 still offered: $out"
echo "ok   cipher_privs X takes suite 1 away"
ik_bmcd_stop
echo "PASS"
