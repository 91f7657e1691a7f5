#!/usr/bin/env bash
# Build everything (installing missing Debian packages first) and run one virtual BMC:
# bmcd on the embedded default machine (a two-socket rack server: 48 sensors, SEL, FRU,
# chassis, watchdog), on loopback, with its state kept under build/run-state.
#   IK_PORT   UDP port (default 6230)       IK_STATE   state directory
# Ctrl-C stops it (it logs its counters); kill -USR1 <pid> logs them while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh release
port=${IK_PORT:-6230}
state=${IK_STATE:-$PWD/build/run-state}
cat <<MSG

== bmcd: one BMC on 127.0.0.1:$port (state: $state)
Reach it with stock clients, e.g.:
  ipmitool -I lanplus -H 127.0.0.1 -p $port -U admin -P password mc info
  ipmitool -I lanplus -H 127.0.0.1 -p $port -U admin -P password sdr
  ipmitool -I lanplus -H 127.0.0.1 -p $port -U admin -P password chassis power status
  ipmitool -I lan -A MD5 -H 127.0.0.1 -p $port -U admin -P password sel elist
  bmc-info -h 127.0.0.1:$port -u admin -p password -D LAN_2_0
(admin/password is the default machine's user; bmcd refuses addresses beyond loopback
until it is changed: docs/bmcd.md.)

MSG
exec build/release/bmcd --listen "127.0.0.1:$port" --state-dir "$state"
