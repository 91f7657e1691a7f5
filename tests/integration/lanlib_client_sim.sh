#!/usr/bin/env bash
# The console-side session machine (lib/session_client.c, driven by tests/tools/lanclient)
# against OpenIPMI's ipmi_sim: RMCP+ suites 1, 2, 3 and automatic choice, IPMI 1.5 with
# auth types none / MD2 / MD5 / straight password, each ending in Get Device ID; wrong
# password and unknown user fail with the reasons a person can act on.
set -u
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/sim.sh"

client=$IK_BUILD/tool_lanclient
[ -x "$client" ] || ik_fail "missing $client"
dir=$(ik_tmpdir)
cat >"$dir/cmds" <<'CMDS'
mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
sel_enable 0x20 1000 0x0a
mc_enable 0x20
CMDS
port=$(ik_pick_port)
ik_sim_start "$port" "$dir/cmds"

# ipmi_sim's Get Device ID answer (CC, device ID 00h, rev 3, fw 9.08, IPMI 2.0, ...).
want="devid: 00 00 03 09 08 02 9f 91 12 00 02 0f 00 00 00 00"

run() { # label, lanclient args...
  local label=$1
  shift
  local out
  out=$(timeout 20 "$client" -p "$port" "$@" 2>&1) || ik_fail "$label: $out"
  echo "$out" | grep -qx "$want" || ik_fail "$label: unexpected output: $out"
  echo "$out" | grep -qx "closed" || ik_fail "$label: session not closed: $out"
  local ms
  ms=$(echo "$out" | sed -n 's/^elapsed_ms: //p')
  echo "ok   $label (${ms} ms)"
  [ "$ms" -lt 1000 ] || ik_fail "$label took ${ms} ms"
}

for c in 1 2 3; do
  run "lanplus -C $c" -U admin -P password -C "$c"
done
run "lanplus, suite chosen automatically" -U admin -P password
for a in NONE MD2 MD5 PASSWORD; do
  run "lan -A $a" -U admin -P password -I lan -A "$a"
done
run "lan, auth type chosen automatically" -U admin -P password -I lan

expect_fail() { # label, expected reason, lanclient args...
  local label=$1 reason=$2
  shift 2
  local out
  if out=$(timeout 30 "$client" -p "$port" "$@" 2>&1); then
    ik_fail "$label: succeeded: $out"
  fi
  echo "$out" | grep -qF "lanclient: error: $reason" || ik_fail "$label: got: $out"
  echo "ok   $label -> $reason"
}
expect_fail "wrong password" "RAKP 2: key exchange auth code mismatch - wrong password?" \
  -U admin -P wrong -C 3
expect_fail "unknown user" "RAKP 2: BMC reported unauthorized name" -U nobody -P x -C 3
expect_fail "1.5 wrong password" "Activate Session: no answer - wrong password or auth type MD5?" \
  -U admin -P wrong -I lan -A MD5 -t 200
kill -0 "$IK_SIM_PID" || ik_fail "ipmi_sim died"
echo "PASS"
