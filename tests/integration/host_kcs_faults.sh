#!/usr/bin/env bash
# The KCS fault matrix against bmcd's socket: each fault lib/kcs_dev can inject, armed at
# run time through the socket, either recovers (once: the request is answered) or, held,
# leaves the interface non-working after 20 recovery attempts with a sentence naming the
# BMC's state and the count; re-enabling (a new run, or SIGHUP/disable-enable inside one)
# restores service once the fault is gone. KCS waits are cut to 50 ms
# (IPMIKIT_KCS_TIMEOUT_MS) so a held IBF or missing byte takes about a second, not 105 s.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
source "$(dirname "$0")/lib/host.sh"

T=$(ik_tmpdir)
ik_host_machine "$T/m.yaml" </dev/null
ik_host_bmcd "$T/m.yaml"
export IPMIKIT_KCS_TIMEOUT_MS=50

# fault NAME ARGS...: arm it through the socket
fault() {
  "${KCSCTL[@]}" fault "$@" >/dev/null || ik_fail "cannot arm fault $*"
}

stat() { # stat NAME: one counter from the socket
  "${KCSCTL[@]}" stats | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# ---- each fault once: recovered, the request answered ---------------------------------
for f in "error_state arg=0x06" "ibf_stuck stall_ms=80" "drop_byte skip=1" "dup_byte skip=1" \
  "wrong_state arg=0" "no_response"; do
  before=$(stat faults_fired)
  # shellcheck disable=SC2086
  fault $f times=1
  out=$("${IKK[@]}" raw 0x06 0x01 2>"$T/once.err") ||
    ik_fail "fault '$f' once: not recovered: $(cat "$T/once.err")"
  ik_expect_eq "$(echo "$out" | cut -c1-6)" " 20 81" "fault '$f' once: Get Device ID answered"
  ik_expect_eq "$(($(stat faults_fired) - before))" 1 "fault '$f' fired once"
  echo "ok: $f once: recovered"
done

# ---- each fault held: 20 recovery attempts, then a clear error -------------------------
declare -A want=(
  [error_state]="KCS: BMC in ERROR state (status 06h length error) after 20 recovery attempts; interface disabled"
  [ibf_stuck]="KCS: IBF still set after 50 ms during abort, BMC in IDLE state (status not read) after 20 recovery attempts; interface disabled"
  [drop_byte]="KCS: BMC in WRITE state during status read (status not read) after 20 recovery attempts; interface disabled"
  [dup_byte]="KCS: BMC in IDLE state during status read (status not read) after 20 recovery attempts; interface disabled"
  [wrong_state]="KCS: BMC in IDLE state during write end (status 01h aborted by command) after 20 recovery attempts; interface disabled"
  [no_response]="KCS: no data from BMC after 50 ms during read, BMC in READ state (status 01h aborted by command) after 20 recovery attempts; interface disabled"
)
declare -A args=([error_state]="arg=0x06" [ibf_stuck]="stall_ms=forever" [drop_byte]="skip=1"
  [dup_byte]="skip=1" [wrong_state]="arg=0" [no_response]="")
for k in error_state ibf_stuck drop_byte dup_byte wrong_state no_response; do
  before=$(stat bmc_aborts)
  # shellcheck disable=SC2086
  fault "$k" ${args[$k]} times=held
  start=$(ik_ms)
  "${IKK[@]}" raw 0x06 0x01 >/dev/null 2>"$T/held.err"
  rc=$?
  took=$(($(ik_ms) - start))
  ik_expect_eq "$rc" 3 "fault $k held: exit status (no valid answer)"
  grep -qF "${want[$k]}" "$T/held.err" || ik_fail "fault $k held: message: $(cat "$T/held.err")"
  ik_expect_eq "$(grep -c . "$T/held.err")" 1 "fault $k held: one line"
  [ "$took" -lt 10000 ] || ik_fail "fault $k held took $took ms"
  # 20 error exits: each writes GET_STATUS/ABORT, unless IBF never clears for it
  aborts=$(($(stat bmc_aborts) - before))
  if [ "$k" = ibf_stuck ]; then
    ik_expect_eq "$aborts" 0 "fault $k held: no abort ever reaches the BMC"
  else
    ik_expect_eq "$aborts" 20 "fault $k held: 20 recovery attempts"
  fi
  # the fault gone, a new run has the interface back
  fault none
  out=$("${IKK[@]}" raw 0x06 0x01) || ik_fail "fault $k: no service after it was disarmed"
  ik_expect_eq "$(echo "$out" | cut -c1-6)" " 20 81" "fault $k: service restored"
  echo "ok: $k held: disabled after 20 attempts in $took ms: $(sed 's/.*: KCS:/KCS:/' "$T/held.err" | cut -c1-70)...; restored"
done

# ---- inside one process: disabled stays disabled without touching the registers, until
# the operator's disable/enable --------------------------------------------------------
fault error_state arg=0xC5 times=held
"$IK_BUILD/tool_kcsctl" --kcs-timeout-ms 50 "$IK_KCS" raw 6 1 -- stats -- raw 6 1 -- stats -- fault none \
  -- reenable -- raw 6 1 -- describe >"$T/proc.out" 2>&1
cat "$T/proc.out"
ik_expect_eq "$(sed -n 1p "$T/proc.out" | cut -d' ' -f1-2)" "cc=ff err=IK_E_DISABLED" "first request fails"
grep -q "why=KCS: BMC in ERROR state (status C5h OEM error) after 20 recovery attempts" "$T/proc.out" ||
  ik_fail "the OEM status code is named"
ik_expect_eq "$(sed -n 4p "$T/proc.out" | cut -d' ' -f1)" "err=IK_E_DISABLED" "second request refused at once"
ik_expect_eq "$(sed -n 3p "$T/proc.out")" "$(sed -n 5p "$T/proc.out")" \
  "the refused request touched no register (socket counters unchanged)"
ik_expect_eq "$(sed -n 6p "$T/proc.out" | cut -c1-15)" "cc=00 data=20 8" "after re-enable the request is answered"
ik_expect_eq "$(sed -n 7p "$T/proc.out")" "KCS: interface working" "the interface describes itself as working"

# ---- the socket under bad bytes still serves: a frame with a bad length is a protocol
# error that drops only that connection -------------------------------------------------
python3 - "$IK_KCS" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall(bytes([0x01, 0x21]) + b"x" * 40)
s.settimeout(5)
assert s.recv(16) == b"", "bmcd kept a connection that sent a 33-byte payload length"
PY
[ $? -eq 0 ] || ik_fail "protocol error handling"
"${IKK[@]}" raw 0x06 0x01 >/dev/null || ik_fail "bmcd stopped serving after a protocol error"
counters=$(ik_bmcd_counters)
echo "$counters" | grep -q "kcs_protocol_errors=1" || ik_fail "protocol error not counted: $counters"

echo "PASS: every fault recovers once; held, each disables after 20 attempts with its sentence; re-enable restores"
