#!/usr/bin/env bash
# ipmikit sel decode against ipmitool's own text, on the golden corpus
# (tests/vectors/sel_corpus.hex, a few hundred records of every kind).
#
# ipmitool cannot decode a file without a BMC, so the corpus is loaded into ipmi_sim with
# sel_add lines and ipmitool talks to it over lanplus on loopback:
#   1. `ipmitool sel elist` and `sel get <every id>` on the records ipmi_sim stored (it
#      replaces the timestamps of timestamped records with its own clock); `sel writeraw`
#      saves those records and `ipmikit sel decode` of the same bytes must print the same
#      elist text exactly and the same `sel get` fields;
#   2. `ipmitool sel readraw` of the corpus file itself (its real timestamps, pre-init,
#      unspecified) against `ipmikit sel decode` of that file, exactly.
# ipmitool keeps record bytes in its own struct, which stores the 3-byte manufacturer ID of
# OEM timestamped records (C0h-DFh) reversed: its writeraw file is read back with
# --ipmitool-writeraw, and the corpus handed to its readraw is converted for it.
# Deliberate differences in the verbose form (docs/sel.md) are filtered out explicitly.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/sim.sh"

IPMIKIT=$IK_BUILD/ipmikit
[ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
command -v ipmi_sim >/dev/null || ik_fail "ipmi_sim (openipmi) is not installed"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"
T=$(ik_tmpdir)
CORPUS=$IK_SRC/tests/vectors/sel_corpus.hex

# hex corpus -> binary, and the sim's command file
sed 's/#.*//' "$CORPUS" | xxd -r -p >"$T/corpus.bin"
nrec=$(($(stat -c %s "$T/corpus.bin") / 16))
[ "$nrec" -ge 300 ] || ik_fail "corpus has only $nrec records"
{
  echo "mc_setbmc 0x20"
  echo "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr"
  echo "sel_enable 0x20 4000 0x0a"
  sed 's/#.*//' "$CORPUS" | awk 'NF == 16 {
      line = "sel_add 0x20 0x" $3
      for (i = 4; i <= 16; i++) line = line " 0x" $i
      print line }'
  echo "mc_enable 0x20"
} >"$T/sim.cmds"

# swap bytes 7 and 9 of C0h-DFh records (ipmitool's in-memory manufacturer order)
swap_oem_ts() {
  python3 - "$1" "$2" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
for o in range(0, len(b) - 15, 16):
    if 0xC0 <= b[o + 2] <= 0xDF:
        b[o + 7], b[o + 9] = b[o + 9], b[o + 7]
open(sys.argv[2], "wb").write(b)
PY
}

port=$(ik_pick_port)
ik_sim_start "$port" "$T/sim.cmds"

# ipmitool prints its failed SDR probes of ipmi_sim on stdout too; drop those lines
sdr_noise='^(SDRR successfully erased|Err in cmd get sensor sdr info)$'
ik_ipmitool sel elist 2>"$T/ipmitool.err" | grep -Ev "$sdr_noise" >"$T/ipmitool.elist"
ids=$(seq 1 "$nrec" | tr '\n' ' ')
# shellcheck disable=SC2086
ik_ipmitool sel get $ids 2>>"$T/ipmitool.err" | grep -Ev "$sdr_noise" >"$T/ipmitool.get"
ik_ipmitool sel writeraw "$T/sim.ipmitool.bin" >/dev/null 2>>"$T/ipmitool.err"
swap_oem_ts "$T/corpus.bin" "$T/corpus.ipmitool.bin"
ik_ipmitool sel readraw "$T/corpus.ipmitool.bin" 2>>"$T/ipmitool.err" |
  grep -Ev "$sdr_noise" >"$T/ipmitool.readraw"

got=$(wc -l <"$T/ipmitool.elist")
[ "$got" -eq "$nrec" ] || ik_fail "ipmi_sim holds $got records, the corpus has $nrec"

fails=0
check() { # name expected actual
  if ! diff -u "$2" "$3" >"$T/$1.diff"; then
    echo "FAIL: $1 differs from ipmitool ($(grep -c '^[-+][^-+]' "$T/$1.diff") lines):" >&2
    head -40 "$T/$1.diff" >&2
    fails=$((fails + 1))
  else
    echo "ok: $1 ($(wc -l <"$2") lines identical)"
  fi
}

# 1. elist, exactly
# ipmikit adds one line after a multi-record Linux panic message, with the whole text
# (docs/sel.md); everything else is ipmitool's text. The added lines are checked, then set
# aside for the comparison.
panic_line='^ *[0-9a-f]+-[0-9a-f]+ \| Linux kernel panic message: '
"$IPMIKIT" sel decode --ipmitool-writeraw "$T/sim.ipmitool.bin" >"$T/ipmikit.elist.full"
grep -Eq "$panic_line" "$T/ipmikit.elist.full" || ik_fail "no rebuilt panic message in elist"
grep -Ev "$panic_line" "$T/ipmikit.elist.full" >"$T/ipmikit.elist"
check elist "$T/ipmitool.elist" "$T/ipmikit.elist"

# 2. readraw of the corpus (real timestamps), exactly
"$IPMIKIT" sel decode "$T/corpus.bin" | grep -Ev "$panic_line" >"$T/ipmikit.readraw"
check readraw "$T/ipmitool.readraw" "$T/ipmikit.readraw"

# 3. sel get, field by field. ipmikit -v adds lines ipmitool does not print (filtered by
# label) and prints the Timestamp as date + time where ipmitool 1.8.19 repeats the date:
# the Timestamp lines are compared on their first word(s) only.
ipmitool_labels='^(SEL Record ID|Record Type|Timestamp|Generator ID|EvM Revision|Sensor Type|Sensor Number|Event Type|Event Direction|Event Data|Description|Manufactacturer ID|OEM Defined|Panic string)$'
normalize_get() {
  awk -v keep="$ipmitool_labels" '
    /^$/ { print; next }
    {
      label = $0; sub(/ *:.*/, "", label); sub(/^ /, "", label)
      if (label !~ keep) next
      if (label == "Timestamp") {
        v = $0; sub(/^[^:]*: /, "", v)
        n = split(v, w, " ")
        # ipmitool: "DATE DATE"; ipmikit: "DATE TIME ZONE" ("S+ yy/ddd" is two words)
        d = (w[1] == "S+") ? w[1] " " w[2] : w[1]
        print " Timestamp             : " d
        next
      }
      print
    }' "$1"
}
"$IPMIKIT" sel decode -v --ipmitool-writeraw "$T/sim.ipmitool.bin" >"$T/ipmikit.get.full"
normalize_get "$T/ipmitool.get" >"$T/ipmitool.get.norm"
normalize_get "$T/ipmikit.get.full" >"$T/ipmikit.get.norm"
check get "$T/ipmitool.get.norm" "$T/ipmikit.get.norm"

# 4. the JSON form is one valid document with one object per record
"$IPMIKIT" --json sel decode "$T/corpus.bin" >"$T/ipmikit.json"
n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d))' "$T/ipmikit.json")
ik_expect_eq "$n" "$nrec" "JSON array length"

# 5. a second, independent oracle: ipmiutil decodes the raw corpus offline. Its text is
# its own, so compare the facts both print: record IDs in order, the date and time of
# timestamped records (ipmiutil handles stamps below 80000000h only), the manufacturer of
# OEM timestamped records and the text of Linux panic chunks.
if command -v ipmiutil >/dev/null; then
  ipmiutil sel -b "$T/corpus.bin" >"$T/ipmiutil.txt" 2>/dev/null || true
  python3 - "$T/ipmiutil.txt" "$T/ipmikit.json" <<'PY' || ik_fail "ipmiutil disagrees"
import json, re, sys, time
lines = [l.rstrip("\n") for l in open(sys.argv[1]) if re.match(r"^[0-9a-f]{4} ", l)]
recs = json.load(open(sys.argv[2]))
assert len(lines) == len(recs), (len(lines), len(recs))
checked = 0
for l, r in zip(lines, recs):
    assert int(l[:4], 16) == r["record_id"], (l, r["record_id"])
    ts = r.get("timestamp")
    if r["kind"] in ("system", "oem_timestamped") and 0x20000000 < ts < 0x80000000:
        want = time.strftime("%m/%d/%y %H:%M:%S", time.gmtime(ts))
        assert l[5:22] == want, (l, want)
        checked += 1
    if r["kind"] == "oem_timestamped":
        assert ("%06x" % r["manufacturer_id"]) in l, (l, r["manufacturer_id"])
    if "panic_chunk" in r:
        c = r["panic_chunk"]
        assert l.endswith(" %02x %02x %s" % (c["slave_address"], c["sequence"], c["text"])) or \
            l.rstrip().endswith(c["text"].rstrip()), (l, c)
print("ok: ipmiutil agrees on %d record IDs, %d timestamps" % (len(recs), checked))
PY
fi

[ "$fails" -eq 0 ] || ik_fail "$fails comparison(s) with ipmitool failed (files in $T, IK_KEEP_TMP=1 keeps them)"
echo "sel_ipmitool: $nrec records, ipmitool and ipmikit agree"
