#!/usr/bin/env bash
# The CLI's option table (cli/main.c), its --help and docs/cli.md agree: every option the
# parser takes is in the help and in the docs, every help option is parsed, and every
# command the help lists is in the docs' command table (and the other way round).
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
IPMIKIT=$IK_BUILD/ipmikit
doc=$IK_SRC/docs/cli.md
main=$IK_SRC/cli/main.c
help=$("$IPMIKIT" -h)

# -- options --------------------------------------------------------------------------------
# the short options getopt_long is given, and the long ones in its table
optstring=$(grep -o 'getopt_long(argc, argv, "[^"]*"' "$main" | sed 's/.*"\(.*\)"/\1/')
[ -n "$optstring" ] || ik_fail "cannot find the getopt optstring in cli/main.c"
parsed_short=$(echo "$optstring" | tr -d '+:' | fold -w1 | sort -u)
parsed_long=$(sed -n '/struct option longopts\[\]/,/};/p' "$main" | grep -o '{"[a-z-]*"' |
  tr -d '{"' | sort -u)
# the options the help lists ("  -I intf ...", "  --json ...")
help_short=$(echo "$help" | sed -n '/^Options/,/^Commands/p' | grep -oE '^  -[A-Za-z]' |
  cut -c4 | sort -u)
help_long=$(echo "$help" | sed -n '/^Options/,/^Commands/p' | grep -oE '^  --[a-z-]+' |
  sed 's/^  --//' | sort -u)
ik_expect_eq "$help_short" "$parsed_short" "short options: --help vs the getopt string"
for o in $help_long; do
  echo "$parsed_long" | grep -qx "$o" || ik_fail "--$o is in --help but not parsed"
done
for o in $parsed_long; do
  [ "$o" = help ] || [ "$o" = version ] || echo "$help_long" | grep -qx "$o" ||
    ik_fail "--$o is parsed but not in --help"
done
# ... and each is in the docs' global options table
opts_doc=$(sed -n '/^## Global options/,/^## /p' "$doc")
for o in $help_short; do
  echo "$opts_doc" | grep -q -- "\`-$o" || ik_fail "-$o is not in docs/cli.md's global options"
done
for o in $help_long; do
  echo "$opts_doc" | grep -q -- "\`--$o" || ik_fail "--$o is not in docs/cli.md's global options"
done

# -- commands -------------------------------------------------------------------------------
help_cmds=$(echo "$help" | sed -n '/^Commands:/,/^$/p' | grep -oE '^  [a-z-]+' | tr -d ' ' |
  sort -u)
cmd_doc=$(sed -n '/^## Commands/,/^### /p' "$doc")
doc_cmds=$(echo "$cmd_doc" | grep -oE '^\| `[a-z-]+`( \(`[a-z-]+`\))?' | grep -oE '`[a-z-]+`' |
  tr -d '`' | sort -u)
[ "$(echo "$help_cmds" | wc -l)" -ge 15 ] || ik_fail "too few commands in --help: $help_cmds"
for c in $help_cmds; do
  echo "$doc_cmds" | grep -qx "$c" || ik_fail "command '$c' is in --help but not in docs/cli.md"
done
for c in $doc_cmds; do
  echo "$help_cmds" | grep -qx "$c" || ik_fail "command '$c' is in docs/cli.md but not in --help"
  # and the program knows it (an unknown command exits 2 with "unknown command")
  out=$("$IPMIKIT" "$c" help 2>&1 || true)
  echo "$out" | grep -q "unknown command" && ik_fail "'$c' is documented but not a command"
done
echo "cli_help_docs: $(echo "$parsed_short" | wc -l) short + $(echo "$parsed_long" | wc -l) long options, $(echo "$help_cmds" | wc -l) commands agree"
