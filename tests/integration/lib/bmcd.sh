# Start ipmikit's bmcd on loopback as a test BMC (sourced after common.sh). Every bmcd
# started here is tracked by PID and stopped when the test exits.
#
# One BMC on a port of the caller's choosing, with a machine description:
#   ik_bmcd_available              true when a BMC to test exists (see below)
#   ik_bmcd_start PORT [MACHINE] [STATE]
#                                  one BMC on 127.0.0.1:PORT with the description MACHINE
#                                  (a "machine:" YAML file; default: the embedded default
#                                  machine) and state directory STATE (default: a fresh
#                                  one); waits for the port; sets IK_BMCD_PID, IK_BMCD_PORT,
#                                  IK_BMCD_STATE, IK_BMCD_LOG, IK_BMCD_KIND
#   ik_bmcd_start_fails MACHINE    run it on a bad description: succeed when it exits
#                                  non-zero; its stderr is in IK_BMCD_LOG
# bmcd with any arguments, on a free port:
#   ik_bmcd_run [BMCD ARGS...]     bmcd --listen 127.0.0.1:<free port> --state-dir <fresh>
#                                  ARGS (with IK_BMCD_NO_LISTEN=1 no --listen: a fleet file
#                                  gives the addresses); waits for "event=started". Sets the
#                                  variables above and IK_BMCD_DIR (a scratch directory)
#   ik_bmcd_rerun [BMCD ARGS...]   the same again on the same port and state directory
# Either way:
#   ik_bmcd_stop / ik_bmcd_kill9   TERM (and wait; KILL after 5 s) / KILL the running BMC
#   ik_bmcd_counters               SIGUSR1, then print the last counters line it logged
#   ik_bmcd_ipmitool ARGS...       stock ipmitool, lanplus suite 3, admin/password
#   ik_bmcd_freeipmi TOOL ARGS...  a FreeIPMI tool, LAN_2_0, admin/password
#   ik_until SECONDS PATTERN CMD... run CMD every 0.2 s until its output matches the grep
#                                  pattern (true), or SECONDS pass (false)
#   ik_ms                          milliseconds since the epoch (timing assertions)
#
IK_BMCD_USER=${IK_BMCD_USER:-admin}
IK_BMCD_PASS=${IK_BMCD_PASS:-password}

ik_bmcd_available() {
  [ -x "$IK_BUILD/bmcd" ]
}

_ik_bmcd_launch() { # port machine state
  local port=$1 machine=$2 state=$3
  IK_BMCD_LOG=$state/bmcd.log
  ik_bmcd_available || ik_fail "bmcd is not built in $IK_BUILD"
  if [ -z "$machine" ]; then
    # The embedded default machine, under the same name.
    "$IK_BUILD/bmcd" --listen "127.0.0.1:$port" --name node1 --state-dir "$state" \
      >>"$IK_BMCD_LOG" 2>&1 &
  else
    printf 'fleet:\n  - name: node1\n    listen: 127.0.0.1:%s\n    include: %s\n' \
      "$port" "$(realpath "$machine")" >"$state/fleet.yaml"
    "$IK_BUILD/bmcd" --config "$state/fleet.yaml" --state-dir "$state" >>"$IK_BMCD_LOG" 2>&1 &
  fi
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
  ik_wait_udp "$port" 10 || ik_fail "bmcd did not bind (see $IK_BMCD_LOG)"
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

_ik_bmcd_exec() { # bmcd args...: start and wait for its "event=started" line
  [ -x "$IK_BUILD/bmcd" ] || ik_fail "no bmcd in $IK_BUILD"
  local listen=() starts
  [ -n "${IK_BMCD_NO_LISTEN:-}" ] || listen=(--listen "127.0.0.1:$IK_BMCD_PORT")
  starts=$(grep -c "event=started" "$IK_BMCD_LOG" 2>/dev/null)
  "$IK_BUILD/bmcd" "${listen[@]}" --state-dir "$IK_BMCD_STATE" "$@" >>"$IK_BMCD_LOG" 2>&1 &
  IK_BMCD_PID=$!
  IK_BMCD_KIND=bmcd
  ik_track_pid "$IK_BMCD_PID"
  for _ in $(seq 1 100); do
    [ "$(grep -c 'event=started' "$IK_BMCD_LOG" 2>/dev/null)" -gt "${starts:-0}" ] && return 0
    kill -0 "$IK_BMCD_PID" 2>/dev/null || ik_fail "bmcd exited at start: $(tail -5 "$IK_BMCD_LOG")"
    sleep 0.05
  done
  ik_fail "bmcd did not start within 5 s: $(tail -5 "$IK_BMCD_LOG")"
}

ik_bmcd_run() {
  IK_BMCD_DIR=$(ik_tmpdir)
  IK_BMCD_STATE=$IK_BMCD_DIR/state
  IK_BMCD_LOG=$IK_BMCD_DIR/bmcd.log
  IK_BMCD_PORT=$(ik_pick_port)
  : >"$IK_BMCD_LOG"
  _ik_bmcd_exec "$@"
}

ik_bmcd_rerun() {
  _ik_bmcd_exec "$@"
}

ik_bmcd_stop() {
  kill -TERM "$IK_BMCD_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$IK_BMCD_PID" 2>/dev/null || {
      wait "$IK_BMCD_PID" 2>/dev/null
      return 0
    }
    sleep 0.05
  done
  kill -KILL "$IK_BMCD_PID" 2>/dev/null || true
  wait "$IK_BMCD_PID" 2>/dev/null || true
}

ik_bmcd_kill9() {
  kill -KILL "$IK_BMCD_PID" 2>/dev/null || true
  wait "$IK_BMCD_PID" 2>/dev/null || true
}

ik_bmcd_counters() {
  local before
  before=$(grep -c "event=counters" "$IK_BMCD_LOG")
  kill -USR1 "$IK_BMCD_PID"
  for _ in $(seq 1 40); do
    [ "$(grep -c 'event=counters' "$IK_BMCD_LOG")" -gt "$before" ] && break
    sleep 0.05
  done
  grep "event=counters" "$IK_BMCD_LOG" | tail -1
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

ik_ms() {
  date +%s%3N
}
