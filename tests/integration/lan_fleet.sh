#!/usr/bin/env bash
# One bmcd, many BMCs: a fleet file with a counted group and a single machine, each BMC
# on its own port with its own users and state; SIGUSR1 logs every BMC's counters;
# --count on the command line; and the refusal to listen beyond loopback while a user
# still has the default password.
set -u
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/bmcd.sh"

dir=$(ik_tmpdir)
p1=$(ik_pick_port)
while :; do
  p2=$(ik_pick_port)
  [ $((p2 < p1 || p2 > p1 + 3)) -eq 1 ] && ! ik_udp_busy $((p1 + 1)) && ! ik_udp_busy $((p1 + 2)) && break
done
cat >"$dir/rack.yaml" <<'YAML'
machine:
  name: rack
  device: {device_id: 0x41}
YAML
cat >"$dir/fleet.yaml" <<YAML
fleet:
  - name: node
    listen: 127.0.0.1:$p1
    count: 3
    include: rack.yaml
  - name: lab
    listen: 127.0.0.1:$p2
    machine:
      device: {device_id: 0x42}
      users:
        - {name: root, password: calvin, privilege: administrator}
YAML
IK_BMCD_NO_LISTEN=1 ik_bmcd_run --config "$dir/fleet.yaml"
for i in 0 1 2; do
  out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p $((p1 + i)) -U admin -P password mc info 2>&1) ||
    ik_fail "node$((i + 1)): $out"
  echo "$out" | grep -q "^Device ID *: 65$" || ik_fail "node$((i + 1)): $out"
done
echo "ok   node1..node3 answer on consecutive ports"
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$p2" -U root -P calvin mc info 2>&1) ||
  ik_fail "lab: $out"
echo "$out" | grep -q "^Device ID *: 66$" || ik_fail "lab: $out"
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$p2" -U admin -P password mc info 2>&1) &&
  ik_fail "lab has the default admin"
echo "ok   lab has its own machine and users"
# State is per BMC: a password changed on node2 only.
timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p $((p1 + 1)) -U admin -P password \
  user set password 2 other >/dev/null 2>&1 || ik_fail "set password on node2"
timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$p1" -U admin -P password mc info >/dev/null 2>&1 ||
  ik_fail "node1 lost its password"
timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p $((p1 + 1)) -U admin -P other mc info >/dev/null 2>&1 ||
  ik_fail "node2 did not take its new password"
echo "ok   users are per BMC"
kill -USR1 "$IK_BMCD_PID"
sleep 0.3
for b in node1 node2 node3 lab; do
  grep -q "bmc=$b event=counters" "$IK_BMCD_LOG" || ik_fail "no counters for $b"
done
echo "ok   SIGUSR1 logs counters per BMC"
ik_bmcd_stop
IK_BMCD_NO_LISTEN=1 ik_bmcd_rerun --config "$dir/fleet.yaml"
timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p $((p1 + 1)) -U admin -P other mc info >/dev/null 2>&1 ||
  ik_fail "node2's password did not persist"
ik_bmcd_stop
echo "ok   per-BMC state persists"

# --count from the command line.
ik_bmcd_run --count 2 --name cnt
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p $((IK_BMCD_PORT + 1)) -U admin -P password \
  mc info 2>&1) || ik_fail "second counted BMC: $out"
grep -q "bmc=cnt2 event=listening" "$IK_BMCD_LOG" || ik_fail "no cnt2"
ik_bmcd_stop
echo "ok   --count 2"

# Not on the network with the default password.
out=$("$IK_BUILD/bmcd" --listen 0.0.0.0:$(ik_pick_port) 2>&1) && ik_fail "bmcd listened on 0.0.0.0"
echo "$out" | grep -q "event=refused reason=default_password uid=2" || ik_fail "$out"
echo "ok   default password refused beyond loopback"
out=$("$IK_BUILD/bmcd" --config "$dir/fleet.yaml" --check) || ik_fail "--check: $out"
[ "$(echo "$out" | wc -l)" -eq 4 ] || ik_fail "--check: $out"
out=$("$IK_BUILD/bmcd" --bogus 2>&1) && ik_fail "unknown option accepted"
echo "PASS"
