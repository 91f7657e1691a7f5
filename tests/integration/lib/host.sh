# bmcd with its emulated KCS interface, for the host-side tests (sourced after common.sh
# and bmcd.sh). Every bmcd started here is tracked by PID and stopped when the test exits.
#
#   ik_host_machine FILE          write the host tests' machine: a temperature that crosses
#                                 its upper non-critical threshold 3 s after start, the
#                                 Watchdog 2 and OS critical stop sensors, quick power
#                                 transitions, a satellite at 72h (with a FRU) and a silent
#                                 one at 74h. Extra YAML lines on stdin go under machine:.
#   ik_host_bmcd MACHINE [ARGS]   bmcd on a free port with --kcs-dir, the machine, node name
#                                 node1; sets IK_KCS (the socket), exports IPMIKIT_KCS_DIR,
#                                 and the arrays IKK (ipmikit -I kcs), IKL (ipmikit -I
#                                 lanplus) and KCSCTL (tests/tools/kcsctl)
IPMIKIT=$IK_BUILD/ipmikit

ik_host_machine() {
  local f=$1 extra
  extra=$(cat)
  cat >"$f" <<EOF
machine:
  sensors:
    - {name: Temp, number: 1, type: temperature, unit: degrees C, range: [0, 255],
       resolution: 1, thresholds: {unc: 80, ucr: 90},
       model: {kind: steps, value: 40, steps: [[3, 85]]}}
    - {name: Watchdog, number: 2, type: watchdog2}
    - {name: OS Stop, number: 3, type: os critical stop, record: event-only}
  power: {on_ms: 200, off_ms: 200, cycle_ms: 500}
  satellites:
    - {name: PSU MC, address: 0x72, device_id: 0x10, firmware: "2.10",
       additional_support: 0x09, manufacturer_id: 343, product_id: 7,
       fru: {board: {manufacturer: Acme, product: PSU controller, serial: S123}}}
    - {name: Dead MC, address: 0x74, silent: true}
$extra
EOF
}

ik_host_bmcd() {
  local machine=$1 kdir
  shift
  [ -x "$IPMIKIT" ] || ik_fail "no $IPMIKIT (build first)"
  [ -x "$IK_BUILD/tool_kcsctl" ] || ik_fail "no tool_kcsctl in $IK_BUILD"
  kdir=$(ik_tmpdir)
  ik_bmcd_run --config "$machine" --name node1 --kcs-dir "$kdir/kcs" "$@"
  IK_KCS=$kdir/kcs/node1.kcs
  export IPMIKIT_KCS_DIR=$kdir/kcs
  export XDG_CACHE_HOME=$kdir/cache
  [ -S "$IK_KCS" ] || ik_fail "bmcd made no KCS socket at $IK_KCS: $(tail -3 "$IK_BMCD_LOG")"
  IKK=("$IPMIKIT" -I kcs -H "$IK_KCS")
  IKL=("$IPMIKIT" -I lanplus -H 127.0.0.1 -p "$IK_BMCD_PORT" -U admin -P password)
  KCSCTL=("$IK_BUILD/tool_kcsctl" "$IK_KCS")
}
