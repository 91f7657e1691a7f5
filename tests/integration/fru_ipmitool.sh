#!/usr/bin/env bash
# FRU oracle: ipmi_sim serves every image of the golden corpus (built with ik_fru_encode by
# tool_fru_corpus) and the hand-made tests/vectors/fru_oracle_*.hex, one FRU device each;
# `ipmitool fru print N` must equal `ipmikit fru decode IMAGE` line for line, and every
# line of `ipmitool -v fru print N` must appear, in order, in `ipmikit fru decode -v`
# (ipmikit -v adds lines, never drops or changes one). Images with PICMG records are left
# out of the -v check (ipmitool decodes PICMG records its own way; see docs/fru.md).
# Then the malformed images: each must give exit 1 and a message naming area and byte.
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/sim.sh"

IPMIKIT=$IK_BUILD/ipmikit
CORPUS=$IK_BUILD/tool_fru_corpus
[ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
[ -x "$CORPUS" ] || ik_fail "no $CORPUS (build first)"
command -v ipmitool >/dev/null || ik_fail "ipmitool is not installed"

work=$(ik_tmpdir)
"$CORPUS" "$work" || ik_fail "tool_fru_corpus failed"
for hex in "$IK_SRC"/tests/vectors/fru_oracle_*.hex; do
  name=$(basename "$hex" .hex)
  sed 's/#.*//' "$hex" | xxd -r -p >"$work/$name.bin"
done

images=("$work"/*.bin)
[ ${#images[@]} -ge 8 ] || ik_fail "expected at least 8 images, found ${#images[@]}"

port=$(ik_pick_port)
cmds=$work/sim.cmds
{
  echo "mc_setbmc 0x20"
  echo "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr"
  id=0
  for img in "${images[@]}"; do
    printf 'mc_add_fru_data 0x20 %d 0x%x file 0 "%s"\n' "$id" "$(stat -c %s "$img")" "$img"
    id=$((id + 1))
  done
  echo "mc_enable 0x20"
} >"$cmds"
ik_sim_start "$port" "$cmds"

# Every line of file $1 appears in file $2, in the same order.
is_subsequence() {
  awk 'NR == FNR { want[++n] = $0; next } i < n && $0 == want[i + 1] { i++ } END { exit !(i == n) }' "$1" "$2"
}

compared=0
id=0
for img in "${images[@]}"; do
  name=$(basename "$img" .bin)
  ik_ipmitool fru print "$id" >"$work/$name.ipmitool" 2>/dev/null ||
    ik_fail "$name: ipmitool fru print $id failed"
  rc=0
  "$IPMIKIT" fru decode "$img" >"$work/$name.ipmikit" 2>"$work/$name.err" || rc=$?
  case $name in
  fru_oracle_bad_*) [ "$rc" -eq 1 ] || ik_fail "$name: exit $rc, expected 1 (a bad image)" ;;
  *) [ "$rc" -eq 0 ] || ik_fail "$name: exit $rc: $(cat "$work/$name.err")" ;;
  esac
  if ! diff -u "$work/$name.ipmitool" "$work/$name.ipmikit"; then
    ik_fail "$name: ipmikit fru decode differs from ipmitool fru print (above)"
  fi
  if [[ $name != *picmg* ]]; then
    ik_ipmitool -v fru print "$id" >"$work/$name.ipmitool-v" 2>/dev/null ||
      ik_fail "$name: ipmitool -v fru print $id failed"
    "$IPMIKIT" fru decode -v "$img" >"$work/$name.ipmikit-v" 2>/dev/null || [ "$rc" -eq 1 ] ||
      ik_fail "$name: ipmikit fru decode -v failed"
    is_subsequence "$work/$name.ipmitool-v" "$work/$name.ipmikit-v" || {
      diff -u "$work/$name.ipmitool-v" "$work/$name.ipmikit-v" || true
      ik_fail "$name: a line of ipmitool -v fru print is missing from ipmikit fru decode -v"
    }
  fi
  compared=$((compared + 1))
  id=$((id + 1))
done
echo "fru: $compared images identical to ipmitool fru print (and -v lines all present)"

# Malformed images: exit status 1 and a message naming the area/record and the byte.
expect_problem() { # hexfile pattern
  local hex=$1 pat=$2 out rc
  set +e
  out=$("$IPMIKIT" fru decode --hex "$hex" 2>&1 >/dev/null)
  rc=$?
  set -e
  [ "$rc" -eq 1 ] || ik_fail "$(basename "$hex"): exit $rc, expected 1"
  grep -q -- "$pat" <<<"$out" || ik_fail "$(basename "$hex"): no '$pat' in: $out"
}
set -e
V=$IK_SRC/tests/vectors
expect_problem "$V/fru_bad_board_checksum.hex" "board info area at byte 0x27 (39): area checksum mismatch"
expect_problem "$V/fru_area_offset_outside.hex" "product info area at byte 0x7f8 (2040): area offset is past the end"
expect_problem "$V/fru_field_past_area.hex" "board info area at byte 0x13 (19): field length runs past the end of the area"
expect_problem "$V/fru_no_end_marker.hex" "chassis info area at byte 0x1f (31): no end-of-fields marker"
expect_problem "$V/fru_truncated_header.hex" "common header at byte 0: truncated"
expect_problem "$V/fru_mr_past_image.hex" "multirecord area, record 0 at byte 0xa (10): record length runs past the end"
: >"$work/empty.bin"
set +e
out=$("$IPMIKIT" fru decode "$work/empty.bin" 2>&1)
rc=$?
set -e
[ "$rc" -eq 1 ] || ik_fail "empty file: exit $rc, expected 1"
grep -q "empty (0 bytes)" <<<"$out" || ik_fail "empty file: message was: $out"
echo "fru: malformed images each reported with area and byte offset, exit 1"
