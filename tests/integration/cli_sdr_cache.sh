#!/usr/bin/env bash
# The SDR cache: an unchanged repository is never read twice, a changed one is never used
# stale. Counts the Get SDR requests (NetFn 0Ah cmd 23h) in ipmikit's request trace (IPMIKIT_TRACE=1) while
# ipmi_sim's repository changes under it (a record added through ipmi_sim's console moves
# the record count and the most-recent-addition timestamp, as a BMC's Add SDR does).
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"

IPMIKIT=$IK_BUILD/ipmikit
[ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
command -v ipmi_sim >/dev/null || ik_fail "ipmi_sim (openipmi) is not installed"
T=$(ik_tmpdir)
export XDG_CACHE_HOME=$T/cache

# ipmi_sim with a console port (ik_sim_start has none)
port=$(ik_pick_port)
cport=$(ik_pick_port)
mkdir -p "$T/state"
cat >"$T/lan.conf" <<CONF
name "ikcache"
set_working_mc 0x20
  startlan 1
    addr 127.0.0.1 $port
    priv_limit admin
    allowed_auths_admin none md2 md5 straight
    guid a123456789abcdefa123456789abcdef
  endlan
  user 2 true  "admin"   "password" admin 10 none md2 md5 straight
console 127.0.0.1 $cport
CONF
ipmi_sim -c "$T/lan.conf" -f "$IK_SRC/tests/ipmi_sim/bmc.emu" -s "$T/state" -n >"$T/sim.log" 2>&1 &
ik_track_pid $!
ik_wait_udp "$port" 10

IK=("$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$port" -U admin -P password)

# get_sdr_count ARGS...: run ipmikit ARGS traced, print how many Get SDR requests it sent
get_sdr_count() {
  IPMIKIT_TRACE=1 "${IK[@]}" "$@" >"$T/out" 2>"$T/trace" ||
    ik_fail "ipmikit $* failed: $(tail -3 "$T/trace")"
  grep -c '>> netfn 0a cmd 23' "$T/trace"
}

console() { # a command on ipmi_sim's console
  python3 - "$cport" "$1" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
time.sleep(0.2)
s.recv(4096)
s.sendall(sys.argv[2].encode() + b"\n")
time.sleep(0.3)
print(s.recv(4096).decode(errors="replace"))
s.close()
PY
}

first=$(get_sdr_count sdr elist)
[ "$first" -gt 0 ] || ik_fail "the first run read no SDR ($first Get SDR requests)"
cp "$T/out" "$T/first.out"
echo "ok: first run: $first Get SDR requests"

second=$(get_sdr_count sdr elist)
ik_expect_eq "$second" 0 "Get SDR requests on an unchanged repository"
diff -u "$T/first.out" "$T/out" >/dev/null || ik_fail "the cached run prints something else"
third=$(get_sdr_count sel elist)
ik_expect_eq "$third" 0 "Get SDR requests for sel elist with the cache"
echo "ok: unchanged repository: no Get SDR request (sdr elist, sel elist)"

ls "$XDG_CACHE_HOME"/ipmikit/sdr-*.cache >/dev/null 2>&1 || ik_fail "no cache file"
perm=$(stat -c %a "$XDG_CACHE_HOME"/ipmikit)
ik_expect_eq "$perm" 700 "cache directory mode"

# add a record: the repository's count and addition timestamp change
rec=$(python3 - "$IK_SRC" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("g", sys.argv[1] + "/tests/vectors/gen_sdr_golden.py")
g = importlib.util.module_from_spec(spec)
spec.loader.exec_module(g)
r = g.record(0x40, 0x02, g.compact(0x30, "New Sensor", stype=0x05, etype=0x6F, entity=(23, 2),
                                    caps=0x40, amask=0xFF, dmask=0xFF, rmask=0xFF, fmt=3, base=0))
print(" ".join("0x%02x" % b for b in r))
PY
)
console "main_sdr_add 0x20 $rec" >"$T/console.out"
fourth=$(get_sdr_count sdr elist)
[ "$fourth" -gt 0 ] || ik_fail "a changed repository was not read again"
grep -q '^New Sensor ' "$T/out" || ik_fail "the new record is not listed: $(tail -2 "$T/out")"
echo "ok: changed repository: read again ($fourth Get SDR requests), new record listed"

fifth=$(get_sdr_count sdr elist)
ik_expect_eq "$fifth" 0 "Get SDR requests after the re-read was cached"

forced=$(get_sdr_count --no-sdr-cache sdr elist)
[ "$forced" -gt 0 ] || ik_fail "--no-sdr-cache did not read the repository"
echo "ok: --no-sdr-cache reads the repository"

# -S: a dump file instead of the BMC's repository
"${IK[@]}" sdr dump "$T/dump.bin" >/dev/null || ik_fail "sdr dump"
sfile=$(get_sdr_count -S "$T/dump.bin" sdr elist)
ik_expect_eq "$sfile" 0 "Get SDR requests with -S"
grep -q '^New Sensor ' "$T/out" || ik_fail "-S listing lacks the dumped record"
echo "ok: -S FILE uses the dump file"

# a corrupt cache file is not trusted
for f in "$XDG_CACHE_HOME"/ipmikit/sdr-*.cache; do
  head -c 40 "$f" >"$f.cut" && mv "$f.cut" "$f"
done
again=$(get_sdr_count sdr elist)
[ "$again" -gt 0 ] || ik_fail "a truncated cache file was used"
echo "ok: a truncated cache file is read again from the BMC"
