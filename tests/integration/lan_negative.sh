#!/usr/bin/env bash
# bmcd under abuse: wrong passwords and unknown users fail cleanly with the right RAKP
# status, suite 0 is refused, a replayed in-session packet is dropped, 1,000 half-open
# Open Session requests do not keep an administrator out for even 5 s, truncated / bad
# length / bad checksum / unknown payload type / wrong session ID datagrams are dropped
# and counted (SIGUSR1 logs the counters), a user is locked out after failed logins, and
# the BMC answers after all of it.
set -u
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/bmcd.sh"

client=$IK_BUILD/tool_lanclient
[ -x "$client" ] || ik_fail "missing $client"
cfg=$(ik_tmpdir)/lock.yaml
cat >"$cfg" <<'YAML'
machine:
  name: neg
  users:
    - {name: admin, password: password, privilege: administrator}
    - {name: victim, password: right, privilege: operator}
  security:
    lockout: {attempts: 2, window: 60, duration: 5}
    half_open_timeout: 1
YAML
ik_bmcd_run --config "$cfg"
port=$IK_BMCD_PORT
log=$IK_BMCD_LOG

# Wrong password / unknown user.
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P wrong -C 3 mc info 2>&1) &&
  ik_fail "ipmitool with a wrong password succeeded"
echo "$out" | grep -q "Unable to establish IPMI v2 / RMCP+ session" || ik_fail "ipmitool: $out"
echo "ok   ipmitool wrong password refused"
out=$(timeout 20 bmc-info -h "127.0.0.1:$port" -u victim -p wrong -D LAN_2_0 -I 17 \
  --get-device-id 2>&1) && ik_fail "bmc-info with a wrong password succeeded"
echo "$out" | grep -q "password invalid" || ik_fail "bmc-info: $out"
echo "ok   bmc-info wrong password: password invalid"
out=$(timeout 20 bmc-info -h "127.0.0.1:$port" -u nobody -p x -D LAN_2_0 -I 3 \
  --get-device-id 2>&1) && ik_fail "bmc-info with an unknown user succeeded"
echo "$out" | grep -q "username invalid" || ik_fail "bmc-info: $out"
grep -q "status=0d (unauthorized name)" "$log" || ik_fail "no RAKP 2 status 0Dh logged"
echo "ok   unknown user: RAKP 2 status 0Dh, bmc-info: username invalid"
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password -C 0 \
  mc info 2>&1) && ik_fail "suite 0 accepted"
echo "$out" | grep -q "no matching cipher suite" || ik_fail "suite 0: $out"
echo "ok   suite 0 refused (Open Session status 11h)"

# Lockout: the victim's second failure (counted when the abandoned handshake expires)
# locks it for 5 s; then its right password works again.
out=$(timeout 20 bmc-info -h "127.0.0.1:$port" -u victim -p wrong -D LAN_2_0 -I 3 \
  --get-device-id 2>&1) && ik_fail "victim with a wrong password succeeded"
sleep 1.3
ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password mc info >/dev/null 2>&1 # a tick
grep -q "event=user_locked uid=3 user=victim seconds=5" "$log" || ik_fail "no lockout logged"
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U victim -P right -L OPERATOR \
  mc info 2>&1) && ik_fail "locked-out user logged in"
echo "ok   user locked out after 2 failed logins (logged, refused)"
sleep 5
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U victim -P right -L OPERATOR \
  mc info 2>&1) || ik_fail "lockout did not end: $out"
echo "ok   lockout ends after its duration"

# Replay of a captured in-session datagram (our client resends its own request).
for args in "-C 3" "-C 17" "-I lan -A MD5"; do
  # shellcheck disable=SC2086
  out=$(timeout 20 "$client" -p "$port" -U admin -P password $args -R 2>&1) ||
    ik_fail "lanclient $args: $out"
  echo "$out" | grep -qx "replay: dropped" || ik_fail "replay answered ($args): $out"
done
grep -q "reason=seq_replay" "$log" || ik_fail "the replay drop was not logged"
echo "ok   replayed in-session packets dropped (seq_replay)"

# 1,000 half-open sessions, then an administrator within 5 s.
python3 - "$port" <<'PY' || ik_fail "flood failed"
import socket, struct, sys
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.5)
answered = 0
for i in range(1000):
    payload = bytes([i & 0xFF, 4, 0, 0]) + struct.pack('<I', 0x1000 + i)
    payload += bytes([0, 0, 0, 8, 1, 0, 0, 0, 1, 0, 0, 8, 1, 0, 0, 0, 2, 0, 0, 8, 1, 0, 0, 0])
    pkt = bytes([6, 0, 0xFF, 7, 6, 0x10]) + bytes(8) + struct.pack('<H', len(payload)) + payload
    s.sendto(pkt, ('127.0.0.1', port))
    try:
        s.recvfrom(2048)
        answered += 1
    except socket.timeout:
        pass
print("flood: %d Open Session Requests answered" % answered)
sys.exit(0 if answered == 1000 else 1)
PY
t0=$(ik_ms)
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password mc info 2>&1) ||
  ik_fail "admin locked out by the flood: $out"
t1=$(ik_ms)
[ $((t1 - t0)) -lt 5000 ] || ik_fail "admin login after the flood took $((t1 - t0)) ms"
echo "ok   admin logs in $((t1 - t0)) ms after 1,000 half-open sessions"
line=$(ik_bmcd_counters)
echo "$line" | grep -qE "half_open_evicted=[0-9]+" || ik_fail "no evictions counted: $line"

# Malformed datagrams, each dropped and counted.
python3 - "$port" <<'PY' || ik_fail "malformed sender failed"
import socket, struct, sys
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.02)
def send(pkt):
    s.sendto(pkt, ('127.0.0.1', port))
    try:
        s.recvfrom(2048)
        return True
    except socket.timeout:
        return False
def ipmb(netfn, cmd, data, seq=1):
    h = bytes([0x20, netfn << 2])
    c1 = (-sum(h)) & 0xFF
    b = bytes([0x81, seq << 2, cmd]) + data
    return h + bytes([c1]) + b + bytes([(-sum(b)) & 0xFF])
authcap = ipmb(6, 0x38, bytes([0x8E, 4]))
v15 = bytes([6, 0, 0xFF, 7, 0]) + bytes(8) + bytes([len(authcap)]) + authcap
ping = bytes([6, 0, 0xFF, 6, 0, 0, 0x11, 0xBE, 0x80, 1, 0, 0])
payload = bytes([1, 4, 0, 0, 1, 0, 0, 0]) + bytes([0, 0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 8, 4, 0, 0, 0, 2, 0, 0, 8, 1, 0, 0, 0])
opn = bytes([6, 0, 0xFF, 7, 6, 0x10]) + bytes(8) + struct.pack('<H', len(payload)) + payload
answered_prefix = 0
for good in (v15, ping, opn):
    assert send(good), "a valid datagram went unanswered"
    for cut in range(len(good)):
        if send(good[:cut]):
            answered_prefix += 1
bad_ck = bytearray(v15); bad_ck[-1] ^= 0xFF
bad_len = bytearray(v15); bad_len[13] += 5
sol = bytes([6, 0, 0xFF, 7, 6, 0x01]) + bytes(8) + struct.pack('<H', 4) + bytes(4)
oem = bytes([6, 0, 0xFF, 7, 6, 0x22]) + bytes(8) + struct.pack('<H', 4) + bytes(4)
wrong_sid = bytes([6, 0, 0xFF, 7, 6, 0xC0]) + struct.pack('<II', 0xDEADBEEF, 1) + struct.pack('<H', 0)
wrong_sid15 = bytes([6, 0, 0xFF, 7, 2]) + struct.pack('<II', 1, 0x12345678) + bytes(16) + bytes([len(authcap)]) + authcap
others = [bytes(bad_ck), bytes(bad_len), sol, oem, wrong_sid, wrong_sid15, b'', b'\x06',
          bytes([6, 0, 0xFF, 0x87]), bytes(2000)]
answered_bad = sum(1 for p in others if send(p))
print("prefixes answered: %d, bad datagrams answered: %d" % (answered_prefix, answered_bad))
sys.exit(0 if answered_prefix == 0 and answered_bad == 0 else 1)
PY
line=$(ik_bmcd_counters)
echo "counters: $line"
for c in drop_short_datagram drop_bad_checksum drop_bad_payload_type drop_bad_session_id \
  drop_bad_rmcp drop_sequence login_failures lockouts pings; do
  echo "$line" | grep -qE "$c=[1-9]" || ik_fail "counter $c missing: $line"
done
echo "ok   malformed datagrams dropped and counted"

out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password mc info 2>&1) ||
  ik_fail "BMC stopped answering: $out"
echo "ok   still answering"
ik_bmcd_stop
echo "PASS"
