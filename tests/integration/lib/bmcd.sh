# Start ipmikit's BMC for the platform integration tests (sourced after common.sh).
#
#   ik_bmcd_available              true when a BMC to test exists (see below)
#   ik_bmcd_start PORT [MACHINE] [STATE]
#                                  start one BMC on 127.0.0.1:PORT with the description
#                                  MACHINE (a "machine:" YAML file; default: the embedded
#                                  default machine) and state directory STATE (default: a
#                                  fresh one); waits for the port; sets IK_BMCD_PID,
#                                  IK_BMCD_PORT, IK_BMCD_STATE, IK_BMCD_LOG, IK_BMCD_KIND
#   ik_bmcd_start_fails MACHINE    run it on a bad description: succeed when it exits
#                                  non-zero; its stderr is in IK_BMCD_LOG
#   ik_bmcd_stop / ik_bmcd_kill9   TERM (and wait) / KILL the running BMC
#   ik_bmcd_ipmitool ARGS...       stock ipmitool, lanplus suite 3, admin/password
#   ik_bmcd_freeipmi TOOL ARGS...  a FreeIPMI tool, LAN_2_0, admin/password
#   ik_until SECONDS PATTERN CMD... run CMD every 0.2 s until its output matches the grep
#                                  pattern (true), or SECONDS pass (false): state that
#                                  takes time (power transitions) without fixed sleeps
#
# Which BMC: bmcd itself once bmcd/main.c is in the tree ($IK_BUILD/bmcd), else
# tests/tools/platform_bmcd (tool_platform_bmcd: the same engine, store and hooks behind
# the library's session server, one BMC). IK_BMCD_KIND says which ran.
#
# The bmcd invocation below assumes `bmcd --config FLEET.yaml --state-dir DIR`, a fleet
# entry {name, listen, include} and a user admin/password with ADMINISTRATOR: if the LAN
# front chose otherwise, this function is the one place to adapt.
IK_BMCD_USER=${IK_BMCD_USER:-admin}
IK_BMCD_PASS=${IK_BMCD_PASS:-password}

_ik_bmcd_bin() {
  if [ -x "$IK_BUILD/bmcd" ]; then
    echo bmcd
  elif [ -x "$IK_BUILD/tool_platform_bmcd" ]; then
    echo platform_bmcd
  fi
}

ik_bmcd_available() {
  [ -n "$(_ik_bmcd_bin)" ]
}

_ik_bmcd_launch() { # port machine state
  local port=$1 machine=$2 state=$3
  IK_BMCD_KIND=$(_ik_bmcd_bin)
  IK_BMCD_LOG=$state/bmcd.log
  case "$IK_BMCD_KIND" in
  bmcd)
    {
      echo "fleet:"
      echo "  - name: node1"
      echo "    listen: 127.0.0.1:$port"
      [ -n "$machine" ] && echo "    include: $machine"
    } >"$state/fleet.yaml"
    "$IK_BUILD/bmcd" --config "$state/fleet.yaml" --state-dir "$state" >>"$IK_BMCD_LOG" 2>&1 &
    ;;
  platform_bmcd)
    local margs=()
    [ -n "$machine" ] && margs=(-m "$machine")
    "$IK_BUILD/tool_platform_bmcd" -p "$port" -s "$state" -n node1 "${margs[@]}" \
      >>"$IK_BMCD_LOG" 2>&1 &
    ;;
  *)
    ik_fail "neither bmcd nor tool_platform_bmcd is built in $IK_BUILD"
    ;;
  esac
  IK_BMCD_PID=$!
}

ik_bmcd_start() {
  local port=$1 machine=${2:-} state=${3:-}
  [ -n "$state" ] || state=$(ik_tmpdir)
  mkdir -p "$state"
  IK_BMCD_PORT=$port
  IK_BMCD_STATE=$state
  _ik_bmcd_launch "$port" "$machine" "$state"
  ik_track_pid "$IK_BMCD_PID"
  ik_wait_udp "$port" 10 || ik_fail "$IK_BMCD_KIND did not bind (see $IK_BMCD_LOG)"
}

ik_bmcd_start_fails() {
  local machine=$1 state
  state=$(ik_tmpdir)
  _ik_bmcd_launch "$(ik_pick_port)" "$machine" "$state"
  local pid=$IK_BMCD_PID
  ik_track_pid "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    return 1 # still running: it accepted the description
  fi
  wait "$pid" && return 1
  return 0
}

ik_bmcd_stop() {
  kill -TERM "$IK_BMCD_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$IK_BMCD_PID" 2>/dev/null || return 0
    sleep 0.05
  done
  kill -KILL "$IK_BMCD_PID" 2>/dev/null || true
}

ik_bmcd_kill9() {
  kill -KILL "$IK_BMCD_PID" 2>/dev/null || true
  wait "$IK_BMCD_PID" 2>/dev/null || true
}

ik_bmcd_ipmitool() {
  ipmitool -I lanplus -H 127.0.0.1 -p "$IK_BMCD_PORT" -U "$IK_BMCD_USER" -P "$IK_BMCD_PASS" \
    -C 3 "$@"
}

ik_bmcd_freeipmi() {
  local tool=$1
  shift
  "$tool" -h "127.0.0.1:$IK_BMCD_PORT" -u "$IK_BMCD_USER" -p "$IK_BMCD_PASS" -D LAN_2_0 "$@"
}

ik_until() {
  local secs=$1 pattern=$2 end
  shift 2
  end=$(($(date +%s%N) + secs * 1000000000))
  while :; do
    "$@" 2>&1 | grep -q -- "$pattern" && return 0
    [ "$(date +%s%N)" -ge "$end" ] && return 1
    sleep 0.2
  done
}
