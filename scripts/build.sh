#!/usr/bin/env bash
# Configure and build one flavour of the tree into build/<flavour>.
#   release  optimised, -Werror (what run.sh uses and benchmarks measure)
#   asan     ASan + UBSan, -Werror, tests enabled (what test.sh runs)
#   fuzz     clang, libFuzzer harnesses, ASan + UBSan
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=$(nproc 2>/dev/null || echo 2)
case "$flavour" in
  release) args=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan)    args=(-DCMAKE_BUILD_TYPE=Debug -DIK_SANITIZE=ON) ;;
  fuzz)    args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DIK_FUZZ=ON -DCMAKE_C_COMPILER=clang) ;;
  *) echo "usage: $0 release|asan|fuzz" >&2; exit 2 ;;
esac
cmake -S . -B "build/$flavour" -DIK_WERROR=ON "${args[@]}" >/dev/null
cmake --build "build/$flavour" -j "$jobs"
