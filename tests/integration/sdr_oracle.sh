#!/usr/bin/env bash
# `ipmikit sdr decode` against two oracles, both fed the golden corpus through ipmi_sim:
#
#  1. ipmitool: ipmi_sim serves tests/vectors/sdr_golden.hex (no sensors behind the records,
#     so ipmitool prints exactly what it prints for unreadable sensors: the offline case).
#     `ipmitool sdr dump` must give back the corpus byte for byte, and `ipmikit sdr decode`
#     of that dump must print what `ipmitool sdr elist all` and `sdr elist all -v` print,
#     line for line, except for the record types ipmitool skips (08h, 09h, 13h, 14h, C0h,
#     unknown), whose lines are filtered out first. The stored copies of ipmitool's text in
#     tests/vectors/sdr_golden.ipmitool-*.txt (used by test_sdr_fmt) must still match.
#  2. FreeIPMI: a second ipmi_sim adds a sensor behind every full threshold sensor (with the
#     record's thresholds and its nominal reading as the value); every threshold, range,
#     nominal/normal value, accuracy and reading `ipmi-sensors -v -v` converts must equal the
#     value in `ipmikit --json sdr decode`.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/sim.sh"

IK=$IK_BUILD/ipmikit
VEC=$IK_SRC/tests/vectors
CORPUS=$VEC/sdr_golden.hex
[ -x "$IK" ] || ik_fail "no $IK (build first)"
command -v ipmi_sim >/dev/null || ik_fail "ipmi_sim not installed (scripts/deps.sh)"
dir=$(ik_tmpdir)

sim_header() {
  echo "mc_setbmc 0x20"
  echo "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr"
}
# Every corpus record as a main_sdr_add line (ipmi_sim_cmd(5): numbers in hex).
sdr_adds() {
  grep -v '^#' "$1" | sed -e 's/^/main_sdr_add 0x20 /' -e 's/ \([0-9a-f][0-9a-f]\)/ 0x\1/g'
}

# ---- 1. ipmitool -------------------------------------------------------------------------
{
  sim_header
  sdr_adds "$CORPUS"
  echo "mc_enable 0x20"
} >"$dir/cmds"
ik_sim_start "$(ik_pick_port)" "$dir/cmds"
ik_ipmitool sdr elist all >"$dir/it-elist" 2>/dev/null || ik_fail "ipmitool sdr elist all"
ik_ipmitool sdr elist all -v >"$dir/it-v" 2>/dev/null || ik_fail "ipmitool sdr elist all -v"
ik_ipmitool sdr list all >"$dir/it-list" 2>/dev/null || ik_fail "ipmitool sdr list all"
ik_ipmitool sdr dump "$dir/dump.bin" >/dev/null 2>&1 || ik_fail "ipmitool sdr dump"
kill -TERM "$IK_SIM_PID" 2>/dev/null || true

grep -v '^#' "$CORPUS" | xxd -r -p >"$dir/corpus.bin"
cmp -s "$dir/corpus.bin" "$dir/dump.bin" || ik_fail "ipmitool sdr dump differs from the corpus"

"$IK" sdr decode "$dir/dump.bin" >"$dir/ik-elist" || ik_fail "ipmikit sdr decode (binary)"
"$IK" sdr decode -v "$dir/dump.bin" >"$dir/ik-v" || ik_fail "ipmikit sdr decode -v (binary)"
"$IK" sdr decode --hex "$CORPUS" >"$dir/ik-elist-hex" || ik_fail "ipmikit sdr decode (hex)"
cmp -s "$dir/ik-elist" "$dir/ik-elist-hex" || ik_fail "hex and binary input decode differently"
"$IK" --json sdr decode "$dir/dump.bin" >"$dir/ik.json" || ik_fail "ipmikit --json sdr decode"

# Lines and blocks for record types ipmitool does not print.
grep -v -E ' \| (Entity Assoc:|Dev Entity Assoc:|MC Confirm|BMC Channel Info|OEM [0-9]+:|Unknown type)' \
  "$dir/ik-elist" >"$dir/ik-elist.f" || true
awk 'BEGIN { RS = ""; ORS = "\n\n" } !/^SDR Record Type/' "$dir/ik-v" >"$dir/ik-v.f"
[ "$(grep -c . "$dir/ik-elist")" -eq "$(grep -vc '^#' "$CORPUS")" ] ||
  ik_fail "ipmikit printed a different number of elist lines than there are records"

# Sensor type names come from another module; until it is linked ipmikit prints "Unknown",
# and the comparison then ignores the name (not the code) on "Sensor Type" lines.
norm() { cat; }
if grep -q 'Sensor Type (Threshold)  : Unknown (0x01)' "$dir/ik-v"; then
  echo "NOTE: sensor type names not linked; comparing Sensor Type lines by code only" >&2
  norm() { sed -E 's/^( Sensor Type \((Threshold|Discrete)\)[^:]*: |Sensor Type            : ).* \(0x/\1? (0x/'; }
fi
check() { # what ipmitool printed, what ipmikit printed, label
  if ! diff -u <(norm <"$1") <(norm <"$2") >"$dir/diff"; then
    head -60 "$dir/diff" >&2
    ik_fail "$3: ipmikit differs from ipmitool"
  fi
}
check "$dir/it-elist" "$dir/ik-elist.f" "sdr elist all"
check "$dir/it-v" "$dir/ik-v.f" "sdr elist all -v"
for k in elist v list; do
  cmp -s "$dir/it-$k" "$VEC/sdr_golden.ipmitool-$k.txt" ||
    ik_fail "tests/vectors/sdr_golden.ipmitool-$k.txt is stale (ipmitool now prints $dir/it-$k)"
done
echo "ipmitool: $(grep -c . "$dir/it-elist") elist lines and $(grep -c . "$dir/it-v") -v lines match"

# ---- 2. FreeIPMI -------------------------------------------------------------------------
python3 - "$CORPUS" "$dir/fi-corpus.hex" "$dir/fi-sensors" <<'PY'
import sys
src, corpus, sensors = sys.argv[1:]
with open(corpus, "w") as c, open(sensors, "w") as s:
    for line in open(src):
        data = line.split("#")[0].split()
        if not data:
            continue
        b = [int(x, 16) for x in data]
        # Full threshold sensors with a numeric format and a known linearization.
        # (ipmi-sensors gives up on the whole run when event messages are not per-threshold.)
        # FreeIPMI 1.6.10 computes linearization 0Bh (cube root) as x^-3, so it is left out.
        if (b[3] != 0x01 or b[13] != 0x01 or b[20] >> 6 == 3 or b[23] >= 0x0B or b[7] == 0xFF
                or b[11] & 3):
            continue
        c.write(line)
        n = b[7]
        s.write("sensor_add 0x20 0 0x%02x 0x%02x 0x01\n" % (n, b[12]))
        s.write("sensor_set_threshold 0x20 0 0x%02x settable 111111 %s\n"
                % (n, " ".join("0x%02x" % x for x in b[36:42])))
        s.write("sensor_set_value 0x20 0 0x%02x 0x%02x 0\n" % (n, b[31]))
PY
{
  sim_header
  sdr_adds "$dir/fi-corpus.hex"
  cat "$dir/fi-sensors"
  echo "mc_enable 0x20"
} >"$dir/cmds2"
ik_sim_start "$(ik_pick_port)" "$dir/cmds2"
mkdir -m 700 "$dir/fi-cache"
ipmi-sensors -h "127.0.0.1:$IK_SIM_PORT" -u admin -p password -D LAN_2_0 -I 3 -W opensesspriv \
  --sdr-cache-directory="$dir/fi-cache" --quiet-cache --output-sensor-thresholds -v -v \
  >"$dir/fi-vv" 2>"$dir/fi-err" || { cat "$dir/fi-err" >&2; ik_fail "ipmi-sensors failed"; }
"$IK" --json sdr decode "$dir/fi-corpus.hex" >"$dir/fi.json" || ik_fail "ipmikit --json (FreeIPMI set)"
python3 - "$dir/fi-vv" "$dir/fi.json" <<'PY' || ik_fail "FreeIPMI converts differently"
import json, sys
fi_text, ours = sys.argv[1:]
fields = {
    "Lower Critical Threshold": ("thresholds", "lower_critical"),
    "Upper Critical Threshold": ("thresholds", "upper_critical"),
    "Lower Non-Critical Threshold": ("thresholds", "lower_non_critical"),
    "Upper Non-Critical Threshold": ("thresholds", "upper_non_critical"),
    "Lower Non-Recoverable Threshold": ("thresholds", "lower_non_recoverable"),
    "Upper Non-Recoverable Threshold": ("thresholds", "upper_non_recoverable"),
    "Sensor Min. Reading": ("sensor_minimum_reading",),
    "Sensor Max. Reading": ("sensor_maximum_reading",),
    "Normal Min.": ("normal_minimum",),
    "Normal Max.": ("normal_maximum",),
    "Nominal Reading": ("nominal_reading",),
    "Sensor Reading": ("nominal_reading",),  # the simulated reading is the nominal raw value
}
# ipmi_sim numbers the records it is given 1, 2, ...: match them by sensor number.
fi, num = {}, None
for line in open(fi_text):
    key, _, val = line.rstrip("\n").partition(": ")
    if key == "Sensor Number":
        num = int(val)
        fi[num] = {}
    elif num is not None and (key in fields or key == "Accuracy") and val != "N/A":
        fi[num][key] = float(val.split()[0].rstrip("%"))
recs = {r["sensor_number"]: r for r in json.load(open(ours))}
checked = bad = 0
for num, vals in fi.items():
    r = recs[num]
    for key, v in vals.items():
        if key == "Accuracy":
            want = r["accuracy_percent"]
        else:
            node = r
            for p in fields[key]:
                node = node[p]
            want = node["value"]
        checked += 1
        if want is None or abs(want - v) > 1e-6 + 1e-6 * abs(v):
            bad += 1
            print("sensor %02Xh %s: FreeIPMI %r, ipmikit %r" % (num, key, v, want), file=sys.stderr)
if checked < 10 * len(fi) or bad:
    sys.exit(1)
print("FreeIPMI: %d values in %d records match" % (checked, len(fi)))
PY
