#!/usr/bin/env bash
# Live threshold events: a temperature ramping 50 -> 80 -> 50 degrees C over 12 s
# (triangle) crosses upper non-critical (60) and upper critical (70) and falls back; the
# SEL must hold, in order, the UNC and UCR assertions and then the UCR and UNC
# deassertions (hysteresis 2), each with event data 1 = 50h | offset, the trigger reading
# in data 2 and the threshold in data 3 -- read back raw (`sel writeraw`) and as text.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
ik_bmcd_available || ik_fail "no BMC built in $IK_BUILD"
T=$(ik_tmpdir)
cat >"$T/ramp.yaml" <<'EOF'
machine:
  name: ramp
  sensors:
    - name: Ramp Temp
      number: 0x10
      type: temperature
      unit: degrees C
      range: [0, 255]
      resolution: 1
      thresholds: {unc: 60, ucr: 70}
      hysteresis: 2
      model: {kind: ramp, from: 50, to: 80, period: 6, mode: bounce}
EOF
ik_bmcd_start "$(ik_pick_port)" "$T/ramp.yaml"
echo "BMC under test: bmcd"
sleep 12.5
ik_bmcd_ipmitool sel writeraw "$T/sel.raw" >/dev/null
ik_bmcd_ipmitool sel elist >"$T/sel.elist"
cat "$T/sel.elist"
python3 - "$T/sel.raw" <<'PY' || ik_fail "the SEL does not hold the expected events"
import sys
b = open(sys.argv[1], "rb").read()
recs = [b[i:i + 16] for i in range(0, len(b) - 15, 16)]
ev = [(r[12] >> 7, r[13], r[14], r[15]) for r in recs if r[2] == 0x02 and r[11] == 0x10]
# (deassertion, data 1, trigger, threshold), the first four
want = [(0, 0x57, 60, 62, 60), (0, 0x59, 70, 72, 70), (1, 0x59, 63, 67, 70), (1, 0x57, 53, 57, 60)]
if len(ev) < 4:
    print("events:", ev)
    sys.exit(1)
for got, (d, d1, lo, hi, thr) in zip(ev, want):
    if got[0] != d or got[1] != d1 or not lo <= got[2] <= hi or got[3] != thr:
        print("got", got, "want", (d, hex(d1), f"{lo}..{hi}", thr))
        sys.exit(1)
print("events:", ev[:4])
PY
grep -q 'Ramp Temp | Upper Non-critical going high | Asserted | Reading 6[0-2] > Threshold 60 degrees C' \
  "$T/sel.elist" || ik_fail "elist text of the UNC assertion"
grep -q 'Ramp Temp | Upper Critical going high | Deasserted' "$T/sel.elist" ||
  ik_fail "elist text of the UCR deassertion"
echo "platform_events: ok"
