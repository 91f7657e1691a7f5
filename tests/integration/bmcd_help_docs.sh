#!/usr/bin/env bash
# bmcd's option table (bmcd/main.c), its --help and docs/bmcd.md agree: every long option
# the parser takes is in --help and in the docs, and --help lists nothing it does not take.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
main=$IK_SRC/bmcd/main.c
doc=$IK_SRC/docs/bmcd.md
help=$("$IK_BUILD/bmcd" --help 2>&1)
parsed=$(sed -n '/struct option longopts\[\]/,/};/p' "$main" | grep -o '{"[a-z-]*"' | tr -d '{"' |
  sort -u)
[ "$(echo "$parsed" | wc -l)" -ge 8 ] || ik_fail "cannot read bmcd's option table: $parsed"
shown=$(echo "$help" | grep -oE -- '--[a-z][a-z-]*' | sed 's/^--//' | sort -u)
ik_expect_eq "$shown" "$parsed" "bmcd: --help vs the getopt table"
for o in $parsed; do
  grep -q -- "--$o" "$doc" || ik_fail "--$o is not documented in docs/bmcd.md"
done
# an option it does not take is refused with a usage error, not ignored
set +e
"$IK_BUILD/bmcd" --no-such-option >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] || ik_fail "bmcd accepted an unknown option"
echo "bmcd_help_docs: $(echo "$parsed" | wc -l) options agree"
