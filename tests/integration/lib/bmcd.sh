# Start ipmikit's bmcd on loopback as a test BMC (sourced after common.sh).
#
#   ik_bmcd_start [BMCD ARGS...]  bmcd on a free UDP port of 127.0.0.1 with a fresh state
#                                 directory; waits until it listens. Sets IK_BMCD_PORT,
#                                 IK_BMCD_PID, IK_BMCD_DIR (scratch dir), IK_BMCD_STATE
#                                 (the --state-dir) and IK_BMCD_LOG (its stderr, appended
#                                 across restarts). ARGS go to bmcd as they are (e.g.
#                                 --config FILE); --listen and --state-dir are added unless
#                                 ARGS carry a --config with its own addresses
#                                 (IK_BMCD_NO_LISTEN=1).
#   ik_bmcd_stop                  SIGTERM and wait for it to exit (it logs its counters).
#   ik_bmcd_kill9                 SIGKILL: what must survive is what was committed.
#   ik_bmcd_restart [ARGS...]     start again on the same port and state directory.
#   ik_bmcd_counters              SIGUSR1, then print the counters line it logs.
#   ik_bmcd_ipmitool ARGS...      stock ipmitool, lanplus, admin/password, at that port.
#   ik_ms                         milliseconds since the epoch (for timing assertions).
#
# Every bmcd started here is tracked by PID and stopped when the test exits.

IK_BMCD_BIN=${IK_BMCD_BIN:-$IK_BUILD/bmcd}

_ik_bmcd_launch() {
  local listen=()
  [ -n "${IK_BMCD_NO_LISTEN:-}" ] || listen=(--listen "127.0.0.1:$IK_BMCD_PORT")
  "$IK_BMCD_BIN" "${listen[@]}" --state-dir "$IK_BMCD_STATE" "$@" >>"$IK_BMCD_LOG" 2>&1 &
  IK_BMCD_PID=$!
  ik_track_pid "$IK_BMCD_PID"
  local i
  for i in $(seq 1 100); do
    if grep -q "event=started" "$IK_BMCD_LOG" 2>/dev/null &&
      [ "$(grep -c 'event=started' "$IK_BMCD_LOG")" -ge "$_ik_bmcd_starts" ]; then
      return 0
    fi
    kill -0 "$IK_BMCD_PID" 2>/dev/null || ik_fail "bmcd exited at start: $(tail -5 "$IK_BMCD_LOG")"
    sleep 0.05
  done
  ik_fail "bmcd did not start within 5 s: $(tail -5 "$IK_BMCD_LOG")"
}

ik_bmcd_start() {
  [ -x "$IK_BMCD_BIN" ] || ik_fail "no bmcd at $IK_BMCD_BIN"
  IK_BMCD_DIR=$(ik_tmpdir)
  IK_BMCD_STATE=$IK_BMCD_DIR/state
  IK_BMCD_LOG=$IK_BMCD_DIR/bmcd.log
  IK_BMCD_PORT=$(ik_pick_port)
  _ik_bmcd_starts=1
  _ik_bmcd_launch "$@"
}

ik_bmcd_restart() {
  _ik_bmcd_starts=$((_ik_bmcd_starts + 1))
  _ik_bmcd_launch "$@"
}

_ik_bmcd_wait_exit() {
  local i
  for i in $(seq 1 100); do
    kill -0 "$IK_BMCD_PID" 2>/dev/null || { wait "$IK_BMCD_PID" 2>/dev/null; return 0; }
    sleep 0.05
  done
  ik_fail "bmcd $IK_BMCD_PID did not exit"
}

ik_bmcd_stop() {
  kill -TERM "$IK_BMCD_PID" 2>/dev/null || true
  _ik_bmcd_wait_exit
}

ik_bmcd_kill9() {
  kill -KILL "$IK_BMCD_PID" 2>/dev/null || true
  _ik_bmcd_wait_exit
}

ik_bmcd_counters() {
  local before
  before=$(grep -c "event=counters" "$IK_BMCD_LOG")
  kill -USR1 "$IK_BMCD_PID"
  local i
  for i in $(seq 1 40); do
    [ "$(grep -c 'event=counters' "$IK_BMCD_LOG")" -gt "$before" ] && break
    sleep 0.05
  done
  grep "event=counters" "$IK_BMCD_LOG" | tail -1
}

ik_bmcd_ipmitool() {
  ipmitool -I lanplus -H 127.0.0.1 -p "$IK_BMCD_PORT" -U admin -P password "$@"
}

ik_ms() {
  date +%s%3N
}
