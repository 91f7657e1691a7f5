#!/usr/bin/env bash
# Build everything (installing missing Debian packages first) and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh release
echo
echo "== ipmikit sel decode tests/vectors/sample_sel.bin"
build/release/ipmikit sel decode tests/vectors/sample_sel.bin
