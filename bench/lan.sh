#!/usr/bin/env bash
# LAN server cost: bmcd against OpenIPMI's ipmi_sim, side by side on loopback, in one run.
#   bench/lan.sh [REQUESTS] [SESSIONS]     defaults 50000 and 1000
# Builds the release tree if needed, starts bmcd (embedded default machine) and ipmi_sim
# (bench/ipmi_sim_lan.conf.in), and drives each from one client process (bench_lan, lib's
# console machine, one datagram in flight):
#   - server CPU per Get Device ID inside one RMCP+ session, suite 3 (both) and 17 (bmcd
#     only: ipmi_sim has no suite 17), from /proc/PID/stat utime+stime deltas (and
#     /proc/PID/schedstat, nanoseconds, as a cross-check) over REQUESTS requests;
#   - session establishments per second (open + close, suite 3), SESSIONS of them;
#   - the floor: CPU per RMCP/ASF presence ping (no session, no IPMI) for both servers and
#     for bench_udp_echo, a bare blocking UDP echo server: what the kernel alone costs per
#     datagram in and out on this machine;
#   - the ratios, of the whole cost and of the cost above the echo floor.
# The machine is shared: numbers move by +-20 % from run to run.
set -euo pipefail
cd "$(dirname "$0")/.."
req=${1:-50000}
ses=${2:-1000}
[ -x build/release/bmcd ] && [ -x build/release/bench_lan ] || scripts/build.sh release >/dev/null
command -v ipmi_sim >/dev/null || { echo "ipmi_sim not installed (openipmi)"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    ss -Hulnp 2>/dev/null | awk '{print $4}' | grep -q ":$p\$" || { echo "$p"; return; }
  done
}
wait_port() {
  for _ in $(seq 1 100); do
    ss -Hulnp 2>/dev/null | awk '{print $4}' | grep -q ":$1\$" && return 0
    sleep 0.05
  done
  echo "nothing listening on $1" >&2
  exit 1
}
ticks=$(getconf CLK_TCK)
# usage PID -> "utime_us stime_us sched_us": /proc/PID/stat utime and stime (clock ticks,
# 10 ms here) and /proc/PID/schedstat on-CPU time (nanoseconds)
usage() {
  awk -v t="$ticks" '{ printf "%.0f %.0f ", $14 * 1000000 / t, $15 * 1000000 / t }' "/proc/$1/stat"
  awk '{ printf "%.0f\n", $1 / 1000 }' "/proc/$1/schedstat"
}
# measure PID N bench_lan-args... -> "user_us sys_us total_us sched_us per_s" per operation
measure() {
  local pid=$1 n=$2
  shift 2
  local a b out
  a=$(usage "$pid")
  out=$(build/release/bench_lan "$@")
  b=$(usage "$pid")
  echo "$a $b $n ${out##*per_s=}" | tr '\n' ' ' | awk '{
    n = $7
    printf "%.2f %.2f %.2f %.2f %s\n", ($4 - $1) / n, ($5 - $2) / n, ($4 + $5 - $1 - $2) / n,
      ($6 - $3) / n, $8 }'
}
row() { # label, measure output
  echo "$2" | awk -v l="$1" '{ printf "  %-22s %8.2f %8.2f %8.2f %10.2f %10s\n", l, $1, $2, $3, $4, $5 }'
}

bport=$(free_port)
build/release/bmcd --listen "127.0.0.1:$bport" --log-level warn 2>"$work/bmcd.log" &
bpid=$!
pids+=("$bpid")
sport=$(free_port)
sed "s/@PORT@/$sport/" bench/ipmi_sim_lan.conf.in >"$work/lan.conf"
mkdir -p "$work/state"
ipmi_sim -c "$work/lan.conf" -f bench/ipmi_sim_lan.cmds -s "$work/state" -n >"$work/sim.log" 2>&1 &
spid=$!
pids+=("$spid")
eport=$(free_port)
build/release/bench_udp_echo "$eport" &
epid=$!
pids+=("$epid")
wait_port "$bport"
wait_port "$sport"
wait_port "$eport"

# One pass over the request, floor and ratio rows with the client waiting in poll() (S=0)
# or spinning (S=1; see bench_lan.c: on loopback a sleeping client makes the server pay
# for waking it, a cost that a client across a network does not put on a server).
pass() {
  local S=$1 b3 b17 s3 ep bp sp pings
  b3=$(measure "$bpid" "$req" -p "$bport" -C 3 -n "$req" -S "$S")
  b17=$(measure "$bpid" "$req" -p "$bport" -C 17 -n "$req" -S "$S")
  s3=$(measure "$spid" "$req" -p "$sport" -C 3 -n "$req" -S "$S")
  pings=$(( req < 20000 ? req : 20000 ))
  ep=$(measure "$epid" "$pings" -p "$eport" -e "$pings" -S "$S")
  bp=$(measure "$bpid" "$pings" -p "$bport" -e "$pings" -S "$S")
  sp=$(measure "$spid" "$pings" -p "$sport" -e "$pings" -S "$S")
  printf '  %-22s %8s %8s %8s %10s %10s\n' "" user sys user+sys sched "ops/s"
  row "bmcd, suite 3" "$b3"
  row "bmcd, suite 17" "$b17"
  row "ipmi_sim, suite 3" "$s3"
  printf '  %-22s %s\n' "ipmi_sim, suite 17" "n/a: ipmi_sim has no suite 17"
  echo "  the floor, per datagram answered ($pings RMCP/ASF presence pings: no session, no IPMI):"
  row "bare UDP echo (kernel)" "$ep"
  row "bmcd, ping" "$bp"
  row "ipmi_sim, ping" "$sp"
  echo "$b3 $s3 $ep" | awk '{
    printf "  ratio bmcd / ipmi_sim, CPU per request (suite 3): %.2f (sched), %.2f (user+sys), %.2f (user)\n",
      $4 / $9, ($8 > 0 ? $3 / $8 : 0), ($6 > 0 ? $1 / $6 : 0)
    fb = $14; a = $4 - fb; b = $9 - fb
    printf "  the same above the echo floor (%.2f us, sched): ", fb
    if (b > 0) printf "%.2f (%.2f vs %.2f us)\n", a / b, a, b; else printf "n/a (ipmi_sim at the floor)\n"
  }'
}

echo "$req Get Device ID requests per run in one session; one client process (bench_lan),"
echo "one datagram in flight, loopback. Server CPU per operation in microseconds: user and"
echo "sys from /proc/PID/stat (10 ms ticks), sched from /proc/PID/schedstat (ns)."
echo "Client sleeping in poll() between datagrams:"
pass 0
echo "Client spinning (the server no longer pays for waking it):"
pass 1
bs=$(measure "$bpid" "$ses" -p "$bport" -C 3 -s "$ses")
ss_=$(measure "$spid" "$ses" -p "$sport" -C 3 -s "$ses")
echo "Session establishment, $ses of them (Get Channel Auth Caps, Open Session, RAKP 1-4,"
echo "Set Session Privilege Level, Close Session; suite 3; client sleeping), per session:"
printf '  %-22s %8s %8s %8s %10s %10s\n' "" user sys user+sys sched "ops/s"
row "bmcd" "$bs"
row "ipmi_sim" "$ss_"
echo "$bs $ss_" | awk '{ printf "  ratio bmcd / ipmi_sim: sessions per second %.2f, CPU per session %.2f (sched)\n", $5 / $10, $4 / $9 }'
