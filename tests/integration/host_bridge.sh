#!/usr/bin/env bash
# The host message handler over bmcd's KCS interface, on the real clock: IPMB requests
# bridged with Send Message / Get Message to the machine's satellites (one answers, with
# its FRU; one is silent: C3h after 5 s; one told at run time to answer after 6 s: C3h,
# and its late answer is dropped and counted); a sensor event on bmcd reaching a host user
# through the event message buffer, kept by the handler until the user asks for events.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/bmcd.sh"
source "$(dirname "$0")/lib/host.sh"

T=$(ik_tmpdir)
ik_host_machine "$T/m.yaml" </dev/null
ik_host_bmcd "$T/m.yaml"
started=$(ik_ms)

# ---- events: the temperature crosses its upper non-critical threshold 3 s after start.
# The handler fetches the event while nobody listens, keeps it, and hands it to the first
# user who asks; it is the record the SEL holds.
"${KCSCTL[@]}" wait 4500 -- handler -- events 1 5 -- handler >"$T/ev.out" 2>&1 ||
  ik_fail "no event reached the host: $(cat "$T/ev.out")"
cat "$T/ev.out"
grep -q "^si_requests=.* events_received=1 " <(sed -n 1p "$T/ev.out") ||
  ik_fail "the handler had not fetched the event before a user asked"
ev=$(grep "^event" "$T/ev.out" | head -1)
# SEL record form: ID (2), type 02h, time (4), generator 20h 00h, EvM 04h, type 01h
# (temperature), sensor 01h, 01h (threshold, assertion), data 1 57h (UNC going high)
ik_expect_eq "$(echo "$ev" | cut -d' ' -f4)" "02" "event record type"
ik_expect_eq "$(echo "$ev" | cut -d' ' -f9-15)" "20 00 04 01 01 01 57" "event: generator, EvM, sensor, type, offset"
sel=$("${IKK[@]}" raw 0x0a 0x43 0 0 0 0 0 0xff | tr -s ' \n' ' ' | cut -d' ' -f4-19)
ik_expect_eq "$sel" "$(echo "$ev" | cut -d' ' -f2-17)" "the event is the SEL's first record"
echo "ok: sensor event reached the host user through the event message buffer"

# ---- bridged requests ------------------------------------------------------------------
out=$("${IKK[@]}" -t 0x72 raw 0x06 0x01) || ik_fail "bridged Get Device ID to 72h"
ik_expect_eq "$(echo $out)" "10 00 02 10 02 09 57 01 00 07 00" "satellite 72h's Get Device ID"
"${IKK[@]}" -t 0x72 fru print 0 >"$T/fru.out" 2>&1 || ik_fail "fru print 0 on 72h: $(cat "$T/fru.out")"
grep -q "Board Mfg *: Acme" "$T/fru.out" || ik_fail "72h's FRU: $(cat "$T/fru.out")"
grep -q "Board Serial *: S123" "$T/fru.out" || ik_fail "72h's FRU serial"
out=$("${IKK[@]}" -t 0x80 raw 0x06 0x01 2>&1) && ik_fail "nobody at 80h answered"
echo "$out" | grep -q "rsp=0x83" || ik_fail "nobody at 80h: not a NAK: $out"
echo "ok: 72h answers (identity, FRU); 80h is a NAK (83h)"

# The silent satellite: C3h from the handler after its 5 s, on the real clock.
start=$(ik_ms)
"${IKK[@]}" -t 0x74 raw 0x06 0x01 >"$T/silent.out" 2>&1 && ik_fail "silent satellite answered"
took=$(($(ik_ms) - start))
grep -q "rsp=0xc3" "$T/silent.out" || ik_fail "silent satellite: no C3h: $(cat "$T/silent.out")"
[ "$took" -ge 4900 ] && [ "$took" -lt 8000 ] || ik_fail "C3h after $took ms"
echo "ok: silent 74h -> C3h (timeout) after $took ms"

# Late: 72h told to answer after 6 s. C3h at 5 s; the answer arrives at 6 s and is dropped
# (late_responses); the next request to 72h is answered normally.
"${KCSCTL[@]}" satellite 0 0x72 answer 6000 -- bridge 0 0x72 6 1 -- wait 2000 -- handler \
  -- satellite 0 0x72 answer 0 -- bridge 0 0x72 6 4 -- handler >"$T/late.out" 2>&1
cat "$T/late.out"
ik_expect_eq "$(sed -n 1p "$T/late.out" | cut -d' ' -f1-2)" "cc=c3 err=IK_E_TIMEOUT" "late: C3h first"
ms=$(sed -n 1p "$T/late.out" | sed 's/.*ms=//')
[ "$ms" -ge 4900 ] && [ "$ms" -lt 6000 ] || ik_fail "late: C3h after $ms ms"
grep -q "ipmb_timeouts=1 late_responses=1 " "$T/late.out" || ik_fail "late answer not dropped"
grep -q "^cc=00 data=55 00" "$T/late.out" || ik_fail "the next request was not answered"
ik_expect_eq "$(tail -1 "$T/late.out" | grep -o 'late_responses=[0-9]*')" "late_responses=1" \
  "the next answer matched its own request"
echo "ok: late answer dropped and counted"

echo "PASS: bridging (answer, NAK, silent C3h in $took ms, late answer dropped), event fan-out"
