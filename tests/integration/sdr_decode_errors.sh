#!/usr/bin/env bash
# `ipmikit sdr decode` on bad input: each bad record gets one stderr message naming its index,
# record ID and byte offset (or line); decoding goes on where the input says the next record
# starts; the exit status is 1; nothing crashes. Also: usage errors, empty input, stdin,
# and JSON that stays valid around error elements.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

IK=$IK_BUILD/ipmikit
[ -x "$IK" ] || ik_fail "no $IK (build first)"
dir=$(ik_tmpdir)

# Records used below (hex): a full sensor record and an event-only record.
FULL="01 00 51 01 33 20 00 10 07 01 7f 68 01 01 95 7a 95 7a 3f 3f 00 01 00 00 01 00 00 00 00 00"
FULL="$FULL 07 19 28 0a ff 00 5a 55 50 05 0a 0f 02 02 00 00 00 c8 43 50 55 20 54 65 6d 70"
EVT="03 00 51 03 15 20 00 30 07 01 12 6f 00 00 00 00 c9 45 76 65 6e 74 20 4c 6f 67"
bin() { echo "$*" | xxd -r -p; }

# run NAME EXPECTED-STATUS ARGS...: stdout to $dir/NAME.out, stderr to $dir/NAME.err
run() {
  local name=$1 want=$2 rc=0
  shift 2
  "$IK" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || rc=$?
  ik_expect_eq "$rc" "$want" "$name: exit status"
  [ "$rc" -lt 128 ] || ik_fail "$name: crashed"
}
expect_err() { # NAME REGEX
  grep -qE "$2" "$dir/$1.err" || { cat "$dir/$1.err" >&2; ik_fail "$1: no message matching /$2/"; }
}
lines() { grep -c . "$1" || true; }

# 1. Length byte running past the end of a binary file: the first record still prints, the
#    message names record 1, its ID and the offset of the length byte, and decoding stops.
{ bin "$FULL"; bin "02 00 51 03 40 20 00 30 07 01"; } >"$dir/past.bin"
run past 1 sdr decode "$dir/past.bin"
ik_expect_eq "$(lines "$dir/past.out")" 1 "past: records printed"
expect_err past '^ipmikit: sdr: record 1 \(ID 0x0002\) at offset 56: length byte 64 at offset 60 runs past the end of the file \(5 bytes remain after the header\); stopping$'

# 2. Truncated header at the end.
{ bin "$FULL"; bin "02 00 51"; } >"$dir/trunc.bin"
run trunc 1 sdr decode "$dir/trunc.bin"
ik_expect_eq "$(lines "$dir/trunc.out")" 1 "trunc: records printed"
expect_err trunc 'record 1 \(ID 0x0002\) at offset 56: truncated header: 3 of 5 bytes'

# 3. A length that disagrees with the type's fixed part: reported, and the next record (whose
#    start the length byte gives) still decodes.
{ bin "05 00 51 01 04 20 00 10 07"; bin "$EVT"; } >"$dir/fixed.bin"
run fixed 1 sdr decode "$dir/fixed.bin"
ik_expect_eq "$(cat "$dir/fixed.out")" "Event Log        | 30h | ns  |  7.1 | Event-Only" "fixed: next record"
expect_err fixed 'record 0 \(ID 0x0005\) at offset 0: type 01h: a Full Sensor Record needs 43 bytes after the header, the length byte \(byte 4\) says 4'

# 4. ID string problems: longer than 16, longer than what remains, junk after it.
{
  bin "10 00 51 12 0c 20 00 00 00 00 00 00 06 01 00 d1 41"
  bin "11 00 51 12 0c 20 00 00 00 00 00 00 06 01 00 c3 41"
  bin "12 00 51 12 0d 20 00 00 00 00 00 00 06 01 00 c1 41 07"
  bin "$EVT"
} >"$dir/id.bin"
run id 1 sdr decode "$dir/id.bin"
ik_expect_eq "$(lines "$dir/id.out")" 1 "id: only the good record prints"
expect_err id 'record 0 \(ID 0x0010\) at offset 0: type 12h: ID string type/length byte D1h at byte 15 gives 17 bytes \(at most 16\)'
expect_err id 'record 1 \(ID 0x0011\) at offset 17: type 12h: ID string type/length byte C3h at byte 32 gives 3 bytes, only 1 follow'
expect_err id 'record 2 \(ID 0x0012\) at offset 34: type 12h: non-zero byte 07h at byte 51, after the ID string'
ik_expect_eq "$(grep -c . "$dir/id.err")" 3 "id: one message per bad record"

# 5. Hex input (--hex: with a non-hex line the file would otherwise be taken as binary): a bad
#    hex line, a short line and a length mismatch are skipped by line; the good records print.
cat >"$dir/bad.hex" <<EOF
# a comment line
$EVT
03 00 51 zz
$FULL

02 00
$EVT 00
$EVT
EOF
run hex 1 sdr decode --hex "$dir/bad.hex"
ik_expect_eq "$(lines "$dir/hex.out")" 3 "hex: good records printed"
expect_err hex 'record 1 on line 3: invalid hex'
expect_err hex 'record 3 \(ID 0x0002\) on line 6: truncated header: 2 of 5 bytes'
expect_err hex 'record 4 \(ID 0x0003\) on line 7: length byte 21 \(byte 4\) disagrees with the 22 bytes after the header on the line'

# 6. JSON stays one valid array with error elements in place.
run json 1 --json sdr decode --hex "$dir/bad.hex"
python3 - "$dir/json.out" <<'PY' || ik_fail "json: not the expected array"
import json, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 6, len(a)
assert [e.get("error") is not None for e in a] == [False, True, False, True, True, False]
assert a[0]["record_type_name"] == "Event-Only Record" and a[0]["line"] == 2
assert a[1]["line"] == 3 and "invalid hex" in a[1]["error"]
assert a[4]["record_id"] == 3 and a[4]["raw"].startswith("03005103")
PY

# 7. Empty input, stdin, a missing file, usage errors.
: >"$dir/empty.bin"
run empty 0 sdr decode "$dir/empty.bin"
ik_expect_eq "$(cat "$dir/empty.out")" "" "empty: no output"
run emptyjson 0 --json sdr decode "$dir/empty.bin"
ik_expect_eq "$(cat "$dir/emptyjson.out")" "[]" "empty: JSON"
bin "$EVT" | "$IK" sdr decode - >"$dir/stdin.out" || ik_fail "stdin: exit status"
ik_expect_eq "$(cat "$dir/stdin.out")" "Event Log        | 30h | ns  |  7.1 | Event-Only" "stdin"
run missing 1 sdr decode "$dir/does-not-exist"
expect_err missing "cannot open"
run noarg 2 sdr decode
run badopt 2 sdr decode --frobnicate "$dir/empty.bin"
run twofiles 2 sdr decode "$dir/empty.bin" "$dir/empty.bin"
run badsub 2 sdr frobnicate

# 8. --hex / --raw force the input kind: hex text read as binary is garbage, not a crash.
run auto 1 sdr decode "$dir/bad.hex"
run forceraw 1 sdr decode --raw "$dir/bad.hex"
run forcehex 0 sdr decode --hex - <<<"$EVT"

# 9. Random bytes never crash the decoder (exit 0 or 1).
for i in 1 2 3 4 5 6 7 8; do
  head -c $((i * 97)) /dev/urandom >"$dir/rand$i.bin"
  rc=0
  "$IK" sdr decode -v "$dir/rand$i.bin" >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || ik_fail "random input $i: exit status $rc"
  rc=0
  "$IK" --json sdr decode "$dir/rand$i.bin" >"$dir/rand$i.json" 2>/dev/null || rc=$?
  [ "$rc" -le 1 ] || ik_fail "random input $i (JSON): exit status $rc"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$dir/rand$i.json" ||
    ik_fail "random input $i: invalid JSON"
done
echo "sdr decode: bad input handled"
