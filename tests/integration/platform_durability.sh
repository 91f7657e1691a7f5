#!/usr/bin/env bash
# Durability: the BMC is killed with SIGKILL in the middle of a stream of SEL adds from
# stock ipmitool (one session, `exec` of raw Add SEL Entry requests, each printing the
# record ID the BMC acknowledged). After a restart on the same state, every acknowledged
# add is present exactly once with the bytes that were sent, and record IDs are unique;
# new adds continue after the highest ID.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
command -v stdbuf >/dev/null || ik_fail "stdbuf (coreutils) is missing"
ik_bmcd_available || ik_fail "no BMC built in $IK_BUILD"
T=$(ik_tmpdir)
cat >"$T/big.yaml" <<'EOF'
machine:
  name: durable
  sel: {capacity: 60000, almost_full: 0}
EOF
port=$(ik_pick_port)
ik_bmcd_start "$port" "$T/big.yaml" "$T/state"
echo "BMC under test: bmcd"

# Add k: an OEM non-timestamped record (E0h) whose 13 bytes carry k and a marker; the BMC
# keeps them verbatim but for the record ID. (Not C0h-DFh: ipmitool's writeraw reverses
# the manufacturer ID of those.)
python3 - "$T/adds" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for k in range(20000):
        b = [0, 0, 0xE0, k & 0xFF, (k >> 8) & 0xFF, 0xD0, 0x0D, 1, 2, 3, 4, 5, 6, 7, 8, 9]
        f.write("raw 0x0a 0x44 " + " ".join("0x%02x" % x for x in b) + "\n")
PY
stdbuf -oL ipmitool -I lanplus -H 127.0.0.1 -p "$port" -U "$IK_BMCD_USER" -P "$IK_BMCD_PASS" \
  -C 3 -R 1 -N 1 exec "$T/adds" >"$T/acks" 2>"$T/acks.err" &
client=$!
ik_track_pid "$client"
for _ in $(seq 1 100); do # kill once a few hundred adds went through
  [ "$(wc -l <"$T/acks")" -ge 300 ] && break
  sleep 0.05
done
ik_bmcd_kill9
sleep 0.3
kill -KILL "$client" 2>/dev/null || true
wait "$client" 2>/dev/null || true
acked=$(grep -c '^ [0-9a-f][0-9a-f] [0-9a-f][0-9a-f]$' "$T/acks" || true)
echo "acknowledged before the kill: $acked"
[ "$acked" -ge 100 ] || ik_fail "only $acked adds acknowledged before the kill"

ik_bmcd_start "$port" "$T/big.yaml" "$T/state"
ik_bmcd_ipmitool sel writeraw "$T/after.raw" >/dev/null
python3 - "$T/acks" "$T/after.raw" <<'PY' || ik_fail "acknowledged adds lost or duplicated"
import sys
acks = []
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 2 and all(len(x) == 2 for x in f):
        acks.append(int(f[1] + f[0], 16))
raw = open(sys.argv[2], "rb").read()
recs = [raw[i:i + 16] for i in range(0, len(raw) - 15, 16)]
ids = [r[0] | r[1] << 8 for r in recs]
if len(set(ids)) != len(ids):
    print("duplicate record IDs"); sys.exit(1)
by_id = {r[0] | r[1] << 8: r for r in recs}
ks = [r[3] | r[4] << 8 for r in recs if r[2] == 0xE0]
if len(set(ks)) != len(ks):
    print("an add is stored twice"); sys.exit(1)
for n, i in enumerate(acks):
    r = by_id.get(i)
    if r is None:
        print(f"acknowledged ID {i} is missing"); sys.exit(1)
    if r[2] != 0xE0 or r[5:16] != bytes([0xD0, 0x0D, 1, 2, 3, 4, 5, 6, 7, 8, 9]):
        print(f"ID {i} holds other bytes: {r.hex()}"); sys.exit(1)
print(f"{len(acks)} acknowledged adds all present once; {len(recs)} records; max ID {max(ids)}")
PY
# the next add gets an ID above every stored one
next=$(ik_bmcd_ipmitool raw 0x0a 0x44 0 0 0x02 0 0 0 0 0x41 0 4 1 1 1 0 0 0)
python3 - "$T/after.raw" "$next" <<'PY' || ik_fail "a record ID was handed out again"
import sys
raw = open(sys.argv[1], "rb").read()
top = max(raw[i] | raw[i + 1] << 8 for i in range(0, len(raw) - 15, 16))
lo, hi = sys.argv[2].split()
new = int(hi + lo, 16)
print(f"next ID {new} after {top}")
sys.exit(0 if new > top else 1)
PY
echo "platform_durability: ok"
