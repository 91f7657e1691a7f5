# Shared helpers for integration tests (sourced, not run). Loopback only; every server a
# test starts is recorded by PID and stopped on exit.
#
#   IK_BUILD  build tree (set by CTest); IK_SRC source tree
#   ik_tmpdir              a fresh directory under $IK_BUILD/it-tmp, removed on exit
#   ik_pick_port           a free UDP port on 127.0.0.1 (random in 20000-59999)
#   ik_wait_udp PORT [S]   wait until something listens on UDP PORT (default 5 s)
#   ik_track_pid PID       stop PID (TERM, then KILL) when the test exits
#   ik_fail MSG            print MSG and exit 1
#   ik_expect_eq A B WHAT  fail unless A == B
set -u
IK_SRC=${IK_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
IK_BUILD=${IK_BUILD:-$IK_SRC/build/asan}
export TZ=UTC
_ik_pids=()
_ik_dirs=()

ik_cleanup() {
  local p
  for p in "${_ik_pids[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  for p in "${_ik_pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$p" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$p" 2>/dev/null || true
  done
  local d
  for d in "${_ik_dirs[@]}"; do
    [ -n "${IK_KEEP_TMP:-}" ] || rm -rf "$d"
  done
}
trap ik_cleanup EXIT

ik_fail() {
  echo "FAIL: $*" >&2
  exit 1
}

ik_expect_eq() {
  if [ "$1" != "$2" ]; then
    echo "FAIL: $3" >&2
    echo "  expected: $2" >&2
    echo "  actual:   $1" >&2
    exit 1
  fi
}

ik_tmpdir() {
  mkdir -p "$IK_BUILD/it-tmp"
  local d
  d=$(mktemp -d "$IK_BUILD/it-tmp/XXXXXX")
  _ik_dirs+=("$d")
  echo "$d"
}

ik_track_pid() {
  _ik_pids+=("$1")
}

ik_udp_busy() {
  ss -Hulnp 2>/dev/null | awk '{print $4}' | grep -q ":$1\$"
}

ik_pick_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    ik_udp_busy "$p" || { echo "$p"; return 0; }
  done
  ik_fail "no free UDP port found"
}

ik_wait_udp() {
  local port=$1 secs=${2:-5} i
  for i in $(seq 1 $((secs * 20))); do
    ik_udp_busy "$port" && return 0
    sleep 0.05
  done
  ik_fail "nothing listening on UDP $port after ${secs}s"
}
