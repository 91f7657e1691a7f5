#!/usr/bin/env bash
# `ipmikit sel decode` as a user meets it: the sample SEL, the pinned verbose and JSON text,
# bad input (short tail, odd length, bad hex, 15- and 17-byte records) reported with the
# record and byte offset or line while decoding goes on, forced input kinds, exit statuses
# (0 ok, 1 bad input, 2 usage). No BMC needed.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

IPMIKIT=$IK_BUILD/ipmikit
[ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
V=$IK_SRC/tests/vectors
T=$(ik_tmpdir)

run() { # run ARGS... ; sets rc, output in $T/out, $T/err
  set +e
  "$IPMIKIT" "$@" >"$T/out" 2>"$T/err"
  rc=$?
  set -e
}

# the sample SEL: 32 records and the rebuilt panic message they carry, exit 0, nothing on
# stderr
run sel decode "$V/sample_sel.bin"
ik_expect_eq "$rc" 0 "sample decodes"
ik_expect_eq "$(wc -l <"$T/out")" 33 "sample line count"
grep -Eq '^ *[0-9a-f]+-[0-9a-f]+ \| Linux kernel panic message: .{12,}' "$T/out" ||
  ik_fail "sample: no rebuilt panic message line"
ik_expect_eq "$(wc -c <"$T/err")" 0 "sample stderr is empty"
grep -q '^  11 | 06/02/24 | 11:00:00 UTC | Memory | Correctable ECC | Asserted | CPU 2 DIMM 1$' \
  "$T/out" || ik_fail "sample: memory ECC line"

# verbose and JSON text are pinned (reviewed by hand when they change)
run sel decode -v "$V/sel_verbose.hex"
ik_expect_eq "$rc" 0 "verbose vectors decode"
diff -u "$V/sel_verbose.txt" "$T/out" || ik_fail "verbose text differs from sel_verbose.txt"
run --json sel decode "$V/sel_verbose.hex"
diff -u "$V/sel_verbose.json" "$T/out" || ik_fail "JSON differs from sel_verbose.json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" || ik_fail "invalid JSON"

# the kernel panic chunks are reassembled (verbose and JSON), on the last chunk only
run sel decode -v "$V/sample_sel.bin"
grep -q '^ Panic Message         : BUG: unable to handle page fault for address: 0000000000001234$' \
  "$T/out" || ik_fail "panic message not reassembled"
ik_expect_eq "$(grep -c 'Panic Message' "$T/out")" 1 "one reassembled panic message"
run --json sel decode "$V/sample_sel.bin"
python3 - "$T/out" <<'PY' || ik_fail "JSON panic message"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 32
msgs = [r["panic_message"] for r in d if "panic_message" in r]
assert msgs == ["BUG: unable to handle page fault for address: 0000000000001234"], msgs
PY

# truncated binary: 2 whole records and 8 bytes
head -c 40 "$V/sample_sel.bin" >"$T/trunc.bin"
run sel decode "$T/trunc.bin"
ik_expect_eq "$rc" 1 "truncated file exit status"
ik_expect_eq "$(wc -l <"$T/out")" 2 "truncated file: whole records still decoded"
grep -q 'record 3 at byte offset 32: truncated, 8 of 16 bytes' "$T/err" ||
  ik_fail "truncated file message: $(cat "$T/err")"

# odd trailing length: one stray byte after 32 records
{ cat "$V/sample_sel.bin"; printf '\x01'; } >"$T/odd.bin"
run sel decode "$T/odd.bin"
ik_expect_eq "$rc" 1 "odd length exit status"
ik_expect_eq "$(grep -cv "Linux kernel panic message:" "$T/out")" 32 "odd length: every whole record decoded"
grep -q 'record 33 at byte offset 512: truncated, 1 of 16 bytes' "$T/err" ||
  ik_fail "odd length message: $(cat "$T/err")"

# hex input with bad lines between good ones
cat >"$T/bad.hex" <<'HEX'
# good
01 00 02 00 10 5e 5f 20 00 04 01 30 01 52 1c 20
# not hex
01 00 02 zz 10 5e 5f 20 00 04 01 30 01 52 1c 20
# 15 bytes
03 00 02 00 10 5e 5f 20 00 04 01 30 01 52 1c
# 17 bytes
04 00 02 00 10 5e 5f 20 00 04 01 30 01 52 1c 20 ff
# odd digit count
05 00 02 00 10 5e 5f 20 00 04 01 30 01 52 1c 2
# good again
06 00 02 00 10 5e 5f 20 00 04 01 30 01 52 1c 20
HEX
run sel decode --hex "$T/bad.hex" # auto-detection would call it binary (non-hex text)
ik_expect_eq "$rc" 1 "bad hex exit status"
ik_expect_eq "$(cut -c1-4 "$T/out" | tr -d ' ' | tr '\n' ,)" "1,6," "good records around bad ones"
grep -q 'line 4 (record 2): not hex' "$T/err" || ik_fail "bad hex message: $(cat "$T/err")"
grep -q 'line 6 (record 3): 15 bytes; a SEL record is 16' "$T/err" || ik_fail "15-byte message"
grep -q 'line 8 (record 4): 17 bytes; a SEL record is 16' "$T/err" || ik_fail "17-byte message"
grep -q 'line 10 (record 5): not hex' "$T/err" || ik_fail "odd digits message"
grep -q '4 bad records' "$T/err" || ik_fail "bad record summary"

# forced input kinds: --hex on binary fails as hex; --raw reads hex text as bytes
run sel decode --hex "$V/sample_sel.bin"
ik_expect_eq "$rc" 1 "--hex on a binary file"
printf '0102030405060708090a0b0c0d0e0f10' >"$T/digits.txt"
run sel decode "$T/digits.txt"
ik_expect_eq "$rc" 0 "auto: hex digits are hex"
ik_expect_eq "$(wc -l <"$T/out")" 1 "auto hex record"
run sel decode --raw "$T/digits.txt"
ik_expect_eq "$rc" 0 "--raw: 32 bytes of text are 2 records"
ik_expect_eq "$(wc -l <"$T/out")" 2 "--raw record count"

# stdin, empty input, JSON of nothing
run sel decode - <"$V/sample_sel.bin"
ik_expect_eq "$rc" 0 "stdin"
ik_expect_eq "$(grep -cv "Linux kernel panic message:" "$T/out")" 32 "stdin records"
: >"$T/empty.bin"
run --json sel decode "$T/empty.bin"
ik_expect_eq "$rc" 0 "empty file"
ik_expect_eq "$(tr -d '\n' <"$T/out")" "[]" "empty JSON array"

# usage and file errors
run sel decode
ik_expect_eq "$rc" 2 "missing FILE is a usage error"
run sel decode --bogus "$V/sample_sel.bin"
ik_expect_eq "$rc" 2 "unknown option is a usage error"
run sel frobnicate
ik_expect_eq "$rc" 2 "unknown subcommand is a usage error"
run sel decode "$T/does-not-exist"
ik_expect_eq "$rc" 1 "missing file"
grep -q "cannot open" "$T/err" || ik_fail "missing file message"

# a corpus of every kind decodes in every form under the sanitizers without a complaint
for args in "" "-v" "--json"; do
  # shellcheck disable=SC2086
  run $([ "$args" = "--json" ] && echo --json) sel decode $([ "$args" = "-v" ] && echo -v) \
    "$V/sel_corpus.hex"
  ik_expect_eq "$rc" 0 "corpus decode $args"
  ik_expect_eq "$(wc -c <"$T/err")" 0 "corpus decode $args: stderr"
done
echo "sel_decode_cli: ok"
