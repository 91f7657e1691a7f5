#!/usr/bin/env bash
# ipmitool and FreeIPMI show the same readings and states for every sensor of the default
# machine, with the chassis on and again with it off (power-tied sensors unavailable).
#
# Readings move (noise models with 2-17 s periods) and the two clients read one after the
# other, so a sensor passes when both agree in at least one of a few back-to-back rounds;
# a sensor that never agrees fails. Compared per sensor name:
#   threshold sensors: the value (ipmitool's text vs FreeIPMI's two decimals) and the state
#     (ipmitool ok/nc/cr/nr/ns vs FreeIPMI 'OK', '... Non-Critical ...', ..., N/A);
#   discrete sensors: the state bits (ipmitool's hex vs FreeIPMI's --output-event-bitmask).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
command -v ipmi-sensors >/dev/null || ik_fail "freeipmi-tools is not installed"
ik_bmcd_available || ik_fail "no BMC built in $IK_BUILD"
T=$(ik_tmpdir)
mkdir -m 700 "$T/cache"
ik_bmcd_start "$(ik_pick_port)"
echo "BMC under test: bmcd"

compare() { # phase label
  local phase=$1 round
  rm -f "$T"/round.*
  for round in 1 2 3 4 5 6; do
    ik_bmcd_ipmitool sdr list >"$T/round.$round.ipmitool"
    ik_bmcd_freeipmi ipmi-sensors --sdr-cache-directory="$T/cache" --output-event-bitmask \
      --comma-separated-output --no-header-output >"$T/round.$round.freeipmi" 2>/dev/null
  done
  python3 - "$T" "$phase" <<'PY'
import glob, re, sys
d, phase = sys.argv[1], sys.argv[2]

def ipmitool(path):
    out = {}
    for line in open(path):
        f = [x.strip() for x in line.split("|")]
        if len(f) == 3:
            out[f[0]] = (f[1], f[2])
    return out

def freeipmi(path):
    out = {}
    for line in open(path):
        f = line.rstrip("\n").split(",")
        if len(f) >= 6:
            out[f[1]] = (f[3], f[4], ",".join(f[5:]))
    return out

def agree(it, fi):
    reading, status = it
    value, unit, event = fi
    m = re.fullmatch(r"0x([0-9a-f]{2})([0-9a-f]{2})?", reading)
    if m:  # discrete: state bits
        bits = int(m.group(1), 16) | (int(m.group(2), 16) << 8 if m.group(2) else 0)
        ev = re.fullmatch(r"([0-9A-F]{4})h", event)
        if not ev:
            return False
        fbits = int(ev.group(1), 16)
        if not m.group(2):
            fbits &= 0xFF
        return bits == fbits
    if reading == "no reading":
        return value == "N/A" and status == "ns"
    num = re.match(r"(-?[0-9.]+) ", reading + " ")
    if not num or value == "N/A":
        return False
    if abs(float(num.group(1)) - float(value)) > 0.006:
        return False
    # threshold state: FreeIPMI's bitmask of exceeded thresholds (bit 0 LNC .. bit 5 UNR)
    ev = re.fullmatch(r"([0-9A-F]{4})h", event)
    bits = int(ev.group(1), 16) if ev else -1
    want = {"ok": bits == 0,
            "nc": bits & 0x09 and not bits & 0x36,
            "cr": bits & 0x12 and not bits & 0x24,
            "nr": bits & 0x24}.get(status)
    return bool(want)

rounds = sorted(glob.glob(d + "/round.*.ipmitool"))
names, ok = None, set()
for r in rounds:
    it = ipmitool(r)
    fi = freeipmi(r.replace(".ipmitool", ".freeipmi"))
    names = names or set(it)
    for n in it:
        if n in fi and agree(it[n], fi[n]):
            ok.add(n)
bad = sorted(names - ok)
if len(names) < 40:
    print(f"{phase}: only {len(names)} sensors")
    sys.exit(1)
if bad:
    last = rounds[-1]
    it, fi = ipmitool(last), freeipmi(last.replace(".ipmitool", ".freeipmi"))
    for n in bad:
        print(f"{phase}: {n}: ipmitool {it.get(n)} FreeIPMI {fi.get(n)}")
    sys.exit(1)
print(f"{phase}: {len(names)} sensors agree")
PY
}

compare on || ik_fail "readings differ with the chassis on"
ik_bmcd_ipmitool chassis power off >/dev/null
sleep 1
compare off || ik_fail "readings differ with the chassis off"
echo "platform_same_readings: ok"
