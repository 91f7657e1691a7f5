#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this):
#   1. installs missing Debian packages (scripts/deps.sh);
#   2. builds with -Werror and ASan + UBSan, runs every unit and integration test (CTest);
#   3. builds the libFuzzer harnesses and runs each for IK_FUZZ_SECONDS (default 30).
# Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (asan+ubsan, -Werror)"
scripts/build.sh asan
echo "== build (release, -Werror)"
scripts/build.sh release
echo "== tests"
(cd build/asan && ctest --output-on-failure -j "$jobs")
echo "== fuzz"
scripts/build.sh fuzz
scripts/fuzz.sh
echo "== all tests passed"
