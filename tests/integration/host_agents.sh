#!/usr/bin/env bash
# The host agents against bmcd, end to end: the watchdog agent killed with SIGKILL (the BMC
# power-cycles and logs the Watchdog 2 event), stopped cleanly (timer stopped, nothing
# happens), with --nowayout (a clean stop leaves it running: the BMC acts), --stop; the
# panic-event agent (the event and its text in the SEL, rebuilt by the SEL decoder); the
# poweroff agent (down, cycle, and the fallback to down on a chassis that cannot cycle).
# Over the emulated KCS socket, and the watchdog and panic event over lanplus too (the
# message handler on a LAN session). Watchdog timeouts are 2 s.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
source "$(dirname "$0")/lib/host.sh"

T=$(ik_tmpdir)
ik_host_machine "$T/m.yaml" </dev/null
ik_host_bmcd "$T/m.yaml"

log_count() { grep -c -- "$1" "$IK_BMCD_LOG"; }
power() { "${IKK[@]}" chassis power status; }
wd_entries() { "${IKK[@]}" sel elist | grep -c "Watchdog2"; }

# ---- watchdog killed: the timer runs out, the BMC power-cycles ----------------------------
"${IKK[@]}" watchdog --timeout 2 --action power_cycle >"$T/wd1.out" 2>&1 &
wd=$!
ik_track_pid "$wd"
ik_until 5 "Started/Running" "${IKK[@]}" mc watchdog get || ik_fail "watchdog never armed: $(cat "$T/wd1.out")"
sleep 3 # patted meanwhile: nothing may happen
ik_expect_eq "$(log_count event=watchdog_expired)" 0 "a patted watchdog does not expire"
kill -KILL "$wd"
wait "$wd" 2>/dev/null
killed=$(ik_ms)
ik_until 6 "event=power_action action=cycle cause=4" cat "$IK_BMCD_LOG" ||
  ik_fail "no power cycle after the agent died"
echo "ok: SIGKILL: the BMC power-cycled $(($(ik_ms) - killed)) ms later"
ik_until 5 "Watchdog2.*Power cycle.*Asserted" "${IKK[@]}" sel elist || ik_fail "no Watchdog 2 event"
ik_until 5 "Chassis Power is on" power || ik_fail "the system did not come back on"
"${IKK[@]}" mc watchdog get | grep -qF "Timer Expiration Flags: (0x10)" || ik_fail "expiration flag"

# ---- clean stop: SIGTERM disables the timer ------------------------------------------------
before=$(wd_entries)
"${IKK[@]}" watchdog --timeout 2 --interval 500 >"$T/wd2.out" 2>&1 &
wd=$!
ik_track_pid "$wd"
ik_until 5 "Started/Running" "${IKK[@]}" mc watchdog get || ik_fail "watchdog never armed"
kill -TERM "$wd"
wait "$wd"
ik_expect_eq "$?" 0 "clean stop exit status"
grep -q "watchdog: stopped after .* pats (timer disabled)" "$T/wd2.out" || ik_fail "stop: $(cat "$T/wd2.out")"
"${IKK[@]}" mc watchdog get >"$T/get.out"
grep -q "Watchdog Timer Is: *Stopped" "$T/get.out" || ik_fail "timer still running: $(cat "$T/get.out")"
grep -q "No action" "$T/get.out" || ik_fail "action not cleared"
sleep 3
ik_expect_eq "$(wd_entries)" "$before" "nothing happens after a clean stop"
ik_expect_eq "$(log_count event=watchdog_expired)" 1 "no second expiry"
echo "ok: SIGTERM: timer stopped, no action"

# ---- nowayout: a clean stop leaves the timer running; --stop stops one -----------------------
"${IKK[@]}" watchdog --timeout 2 --action power_off --nowayout >"$T/wd3.out" 2>&1 &
wd=$!
ik_track_pid "$wd"
ik_until 5 "Started/Running" "${IKK[@]}" mc watchdog get || ik_fail "watchdog never armed"
kill -INT "$wd"
wait "$wd"
grep -q "nowayout: the timer keeps running" "$T/wd3.out" || ik_fail "nowayout: $(cat "$T/wd3.out")"
ik_until 5 "event=power_action action=off cause=4" cat "$IK_BMCD_LOG" ||
  ik_fail "nowayout: the BMC did not act"
ik_until 5 "Chassis Power is off" power || ik_fail "nowayout: power still on"
"${IKK[@]}" chassis power on >/dev/null
ik_until 5 "Chassis Power is on" power || ik_fail "power back on"
echo "ok: --nowayout: SIGINT left the timer running; the BMC powered off"

"${IKK[@]}" watchdog --timeout 3 --nowayout >"$T/wd4.out" 2>&1 &
wd=$!
ik_track_pid "$wd"
ik_until 5 "Started/Running" "${IKK[@]}" mc watchdog get || ik_fail "watchdog never armed"
kill -KILL "$wd"
wait "$wd" 2>/dev/null
"${IKK[@]}" watchdog --stop | grep -q "watchdog: stopped" || ik_fail "--stop"
"${IKK[@]}" mc watchdog get | grep -q "Watchdog Timer Is: *Stopped" || ik_fail "--stop: still running"
echo "ok: --stop stopped a timer nobody pats"

# ---- the interface gives up under the agent; SIGHUP is the operator's disable/enable ------
IPMIKIT_KCS_TIMEOUT_MS=50 "${IKK[@]}" watchdog --timeout 6 --action none --interval 300 \
  >"$T/wd6.out" 2>"$T/wd6.err" &
wd=$!
ik_track_pid "$wd"
ik_until 5 "Started/Running" "${IKK[@]}" mc watchdog get || ik_fail "watchdog never armed"
"${KCSCTL[@]}" fault error_state arg=0x06 times=held >/dev/null
ik_until 5 "after 20 recovery attempts; interface disabled" cat "$T/wd6.err" ||
  ik_fail "the agent did not report the interface giving up: $(cat "$T/wd6.err")"
"${KCSCTL[@]}" fault none >/dev/null
sleep 1 # still disabled: no pat gets through without the operator
grep -q "patting again" "$T/wd6.out" && ik_fail "patting resumed without a re-enable"
kill -HUP "$wd"
ik_until 5 "patting again after" cat "$T/wd6.out" || ik_fail "SIGHUP: $(cat "$T/wd6.out")"
grep -q "SIGHUP: interface re-enabled" "$T/wd6.out" || ik_fail "SIGHUP not acknowledged"
kill -TERM "$wd"
wait "$wd"
ik_expect_eq "$?" 0 "stopped cleanly after the re-enable"
ik_expect_eq "$(grep -c "pat failed" "$T/wd6.err")" 1 "the failure is reported once"
echo "ok: the interface gave up under the agent; SIGHUP brought it back"

# ---- the watchdog agent over lanplus (the handler on a LAN session) ----------------------
"${IKL[@]}" watchdog --timeout 2 --interval 500 >"$T/wd5.out" 2>&1 &
wd=$!
ik_track_pid "$wd"
ik_until 5 "Started/Running" "${IKK[@]}" mc watchdog get || ik_fail "lanplus: never armed: $(cat "$T/wd5.out")"
sleep 2.5
kill -TERM "$wd"
wait "$wd"
ik_expect_eq "$?" 0 "lanplus: clean stop"
"${IKK[@]}" mc watchdog get | grep -q "Watchdog Timer Is: *Stopped" || ik_fail "lanplus: still running"
ik_expect_eq "$(log_count event=watchdog_expired)" 2 "lanplus: patted across 2.5 s"
echo "ok: watchdog over lanplus: patted, stopped"

# usage errors
"${IKK[@]}" watchdog --action reboot 2>/dev/null
ik_expect_eq "$?" 2 "unknown action"
"${IKK[@]}" watchdog --timeout 5 --pretimeout 5 --preaction nmi 2>/dev/null
ik_expect_eq "$?" 2 "pre-timeout not shorter than the timeout"

# ---- panic event ----------------------------------------------------------------------------
"${IKK[@]}" sel clear >/dev/null
ik_until 5 "SEL has no entries" "${IKK[@]}" sel elist || ik_fail "sel clear"
text="Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b"
"${IKK[@]}" panic-event "$text" >"$T/panic.out" 2>&1 || ik_fail "panic-event: $(cat "$T/panic.out")"
cat "$T/panic.out"
"${IKK[@]}" sel elist >"$T/sel.out"
cat "$T/sel.out"
grep -q "OS Critical Stop .* | Run-time critical stop | Asserted" "$T/sel.out" || ik_fail "no panic event"
rebuilt=$(sed -n 's/.*| Linux kernel panic: //p' "$T/sel.out" | tr -d '\n')
ik_expect_eq "$rebuilt" "$text" "the text records, in order, are the text"
ik_expect_eq "$(grep -c 'Linux kernel panic: ' "$T/sel.out")" 7 "11 characters a record"
# ... and elist shows the whole text rebuilt, on one line after the last piece
grep -qF "| Linux kernel panic message: $text" "$T/sel.out" || ik_fail "elist: no rebuilt panic text"
"${IKK[@]}" sel writeraw "$T/sel.bin" >/dev/null || ik_fail "sel writeraw"
"$IPMIKIT" sel decode -v "$T/sel.bin" | grep -qF "Panic Message         : $text" ||
  ik_fail "the SEL decoder does not rebuild the text"
"$IPMIKIT" sel decode -v "$T/sel.bin" | grep -q "Panic String Start    : Ker" ||
  ik_fail "the event does not carry the first three characters"
# generator 21h, EvM 03h, OS critical stop 20h, sensor 'K', 6Fh, A1h, 'e', 'r'
raw=$("$IPMIKIT" --json sel decode "$T/sel.bin" | grep -o '"raw":"[0-9a-f]*"' | sed -n 1p)
echo "$raw" | grep -q '"raw":"....02........210003204b6fa16572"' || ik_fail "panic event bytes: $raw"
# over lanplus too: the console is the generator (81h on channel 1)
"${IKL[@]}" panic-event "Oops on LAN" | grep -q "event logged.*1 OEM records" ||
  ik_fail "panic-event over lanplus"
"${IKK[@]}" sel elist | grep -c "OS Critical Stop" | grep -q 2 || ik_fail "lanplus panic event not in the SEL"
"${IKK[@]}" sel elist | grep -q "Linux kernel panic: Oops on LAN" || ik_fail "lanplus panic text"
echo "ok: panic-event: event and $(grep -c 'Linux kernel panic: ' "$T/sel.out") text records, rebuilt"

# ---- poweroff -------------------------------------------------------------------------------
"${IKK[@]}" poweroff | grep -q "Chassis Power Control: Down/Off" || ik_fail "poweroff"
ik_until 5 "Chassis Power is off" power || ik_fail "poweroff: still on"
"${IKK[@]}" chassis power on >/dev/null
ik_until 5 "Chassis Power is on" power || ik_fail "power on"
cycles=$(log_count "event=power_action action=cycle")
"${IKK[@]}" poweroff --cycle | grep -q "Chassis Power Control: Cycle" || ik_fail "poweroff --cycle"
ik_expect_eq "$(log_count "event=power_action action=cycle")" $((cycles + 1)) "a power cycle"
ik_until 5 "Chassis Power is on" power || ik_fail "poweroff --cycle: not back on"
echo "ok: poweroff: down; --cycle: cycled"

# A chassis that cannot cycle: Chassis Control power cycle answers CCh; power down instead.
ik_bmcd_stop
ik_host_machine "$T/nocycle.yaml" <<'Y'
  chassis: {}
Y
sed -i 's/power: {on_ms: 200, off_ms: 200, cycle_ms: 500}/power: {on_ms: 200, off_ms: 200, cycle: false}/' "$T/nocycle.yaml"
ik_host_bmcd "$T/nocycle.yaml"
"${IKK[@]}" poweroff --cycle >"$T/fb.out" 2>&1 || ik_fail "fallback: $(cat "$T/fb.out")"
cat "$T/fb.out"
grep -q "power cycle refused (completion code CCh, Invalid data field in request); powered down instead" "$T/fb.out" ||
  ik_fail "fallback message"
ik_until 5 "Chassis Power is off" power || ik_fail "fallback: still on"
ik_expect_eq "$(log_count "event=power_action action=cycle")" 0 "no cycle on this chassis"
echo "ok: poweroff --cycle fell back to power down (CCh)"

echo "PASS: watchdog (SIGKILL acts, SIGTERM stops, nowayout, --stop, lanplus), panic-event, poweroff"
