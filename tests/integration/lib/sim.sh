# Start OpenIPMI's ipmi_sim on loopback as a test BMC (sourced after common.sh).
#
#   ik_sim_start PORT CMDFILE   writes lan.conf (users admin/password at admin, an unnamed
#                               user 1, every 1.5 auth type, a GUID so RMCP+ works), runs
#                               ipmi_sim with CMDFILE (ipmi_sim_cmd(5): every number hex),
#                               waits for the port, sets IK_SIM_PID and IK_SIM_DIR.
#   ik_ipmitool ARGS...         stock ipmitool, lanplus suite 3, against that port
#                               (-C 3 because ipmi_sim ignores the pre-session cipher-
#                               suite query when it comes in RMCP+ framing, as ipmitool
#                               sends it, and ipmitool would stall 10 s; it does answer
#                               the 1.5-framed query ipmikit sends, but lacks suite 17).
#
# A CMDFILE normally starts with:
#   mc_setbmc 0x20
#   mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
#   sel_enable 0x20 1000 0x0a
# and ends with:
#   mc_enable 0x20
# A malformed line makes ipmi_sim stop reading the file silently (and never bind), so
# ik_sim_start fails loudly when the port does not come up.
ik_sim_start() {
  local port=$1 cmds=$2
  IK_SIM_DIR=$(ik_tmpdir)
  IK_SIM_PORT=$port
  mkdir -p "$IK_SIM_DIR/state"
  cat >"$IK_SIM_DIR/lan.conf" <<CONF
name "iksim"
set_working_mc 0x20
  startlan 1
    addr 127.0.0.1 $port
    priv_limit admin
    allowed_auths_callback none md2 md5 straight
    allowed_auths_user none md2 md5 straight
    allowed_auths_operator none md2 md5 straight
    allowed_auths_admin none md2 md5 straight
    guid a123456789abcdefa123456789abcdef
  endlan
  user 1 true  ""        ""         user  10 none md2 md5 straight
  user 2 true  "admin"   "password" admin 10 none md2 md5 straight
CONF
  ipmi_sim -c "$IK_SIM_DIR/lan.conf" -f "$cmds" -s "$IK_SIM_DIR/state" -n \
    >"$IK_SIM_DIR/sim.log" 2>&1 &
  IK_SIM_PID=$!
  ik_track_pid "$IK_SIM_PID"
  ik_wait_udp "$port" 10 || ik_fail "ipmi_sim did not bind (see $IK_SIM_DIR/sim.log)"
}

ik_ipmitool() {
  ipmitool -I lanplus -H 127.0.0.1 -p "$IK_SIM_PORT" -U admin -P password -C 3 "$@"
}
