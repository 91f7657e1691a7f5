/*
 * ipmikit chassis (and `power`): NetFn Chassis. status (Get Chassis Status), power
 * status|on|off|cycle|reset|diag|soft (Chassis Control), identify [SECONDS|force]
 * (Chassis Identify), policy list|always-on|previous|always-off (Set Power Restore
 * Policy), restart_cause (Get System Restart Cause), poh (Get POH Counter), selftest,
 * bootdev DEVICE [options=...] and bootparam get N [SET] / set bootflag DEVICE (System Boot
 * Options). Text is ipmitool 1.8.19's; --json gives docs/json/chassis.md.
 *
 * The payloads (IPMI 2.0 section 28) are built and read by lib/msg_chassis.c. Like
 * ipmitool, responses are read as far as the spec defines: trailing bytes are ignored, and
 * where a command needs fewer bytes than the spec gives (power status, restart cause) the
 * missing ones read as 0.
 */
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "msg_app.h"
#include "msg_chassis.h"
#include "util.h"

#define CMD_GET_STATUS    0x01
#define CMD_CONTROL       0x02
#define CMD_IDENTIFY      0x04
#define CMD_SET_POLICY    0x06
#define CMD_RESTART_CAUSE 0x07
#define CMD_SET_BOOT_OPT  0x08
#define CMD_GET_BOOT_OPT  0x09
#define CMD_GET_POH       0x0F
#define APP_GET_SELF_TEST 0x04

static void usage(FILE *f)
{
    fputs("Chassis Commands:\n"
          "  status, power, policy, restart_cause\n"
          "  poh, identify, selftest,\n"
          "  bootdev, bootparam\n",
          f);
}

static int cc_fail(struct ik_cli *cli, const char *what, uint8_t cc)
{
    ik_cli_error(cli, "%s: %s", what, IK_CC_TEXT(cc));
    return IK_EXIT_FAIL;
}

/* A response of a fixed-size payload read leniently: the first `want` bytes, with bytes the
 * BMC left out read as 0 (the caller has checked it sent the ones it needs). */
static const uint8_t *prefix(const struct ik_tr_rsp *r, uint8_t *buf, size_t want)
{
    memset(buf, 0, want);
    memcpy(buf, r->data, r->len < want ? r->len : want);
    return buf;
}

/* ---- status ------------------------------------------------------------------------------ */

static const char *const policies[4] = {"always-off", "previous", "always-on", "unknown"};

static int ch_status(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc =
        ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_GET_STATUS, NULL, 0, &r, 3, "Get Chassis Status");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0)
        return cc_fail(cli, "Error sending Chassis Status command", r.cc);
    /* At least 3 bytes (checked by the call); trailing bytes are ignored. */
    struct ik_chassis_status s;
    size_t n = r.len > IK_CHASSIS_STATUS_MAX ? IK_CHASSIS_STATUS_MAX : r.len;
    if (ik_chassis_status_decode(r.data, n, &s) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the length is one the decoder takes */
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "power_on", json_boolean(s.power_on));
        IK_JSET(o, "power_overload", json_boolean(s.overload));
        IK_JSET(o, "power_interlock", json_boolean(s.interlock));
        IK_JSET(o, "main_power_fault", json_boolean(s.power_fault));
        IK_JSET(o, "power_control_fault", json_boolean(s.control_fault));
        IK_JSET(o, "power_restore_policy", json_string(policies[s.policy]));
        json_t *ev = json_array();
        const struct {
            bool on;
            const char *name;
        } events[5] = {{s.ac_failed, "ac-failed"},
                       {s.last_overload, "overload"},
                       {s.last_interlock, "interlock"},
                       {s.last_fault, "fault"},
                       {s.last_on_by_command, "command"}};
        for (int i = 0; i < 5; i++)
            if (events[i].on)
                json_array_append_new(ev, json_string(events[i].name));
        IK_JSET(o, "last_power_event", ev);
        IK_JSET(o, "chassis_intrusion", json_boolean(s.intrusion));
        IK_JSET(o, "front_panel_lockout", json_boolean(s.panel_lockout));
        IK_JSET(o, "drive_fault", json_boolean(s.drive_fault));
        IK_JSET(o, "cooling_fan_fault", json_boolean(s.fan_fault));
        if (s.has_buttons)
            IK_JSET(o, "front_panel_buttons", json_integer(s.buttons));
        IK_JSET(o, "raw", ik_json_hex(r.data, r.len));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "System Power         : %s\n", s.power_on ? "on" : "off");
    fprintf(f, "Power Overload       : %s\n", s.overload ? "true" : "false");
    fprintf(f, "Power Interlock      : %s\n", s.interlock ? "active" : "inactive");
    fprintf(f, "Main Power Fault     : %s\n", s.power_fault ? "true" : "false");
    fprintf(f, "Power Control Fault  : %s\n", s.control_fault ? "true" : "false");
    fprintf(f, "Power Restore Policy : %s\n", policies[s.policy]);
    fputs("Last Power Event     : ", f);
    if (s.ac_failed)
        fputs("ac-failed ", f);
    if (s.last_overload)
        fputs("overload ", f);
    if (s.last_interlock)
        fputs("interlock ", f);
    if (s.last_fault)
        fputs("fault ", f);
    if (s.last_on_by_command)
        fputs("command", f);
    fputc('\n', f);
    fprintf(f, "Chassis Intrusion    : %s\n", s.intrusion ? "active" : "inactive");
    fprintf(f, "Front-Panel Lockout  : %s\n", s.panel_lockout ? "active" : "inactive");
    fprintf(f, "Drive Fault          : %s\n", s.drive_fault ? "true" : "false");
    fprintf(f, "Cooling/Fan Fault    : %s\n", s.fan_fault ? "true" : "false");
    if (s.has_buttons) {
        uint8_t b = s.buttons;
        if (b == 0) {
            fputs("Front Panel Control  : none\n", f);
        } else {
            fprintf(f, "Sleep Button Disable : %s\n", b & 0x80 ? "allowed" : "not allowed");
            fprintf(f, "Diag Button Disable  : %s\n", b & 0x40 ? "allowed" : "not allowed");
            fprintf(f, "Reset Button Disable : %s\n", b & 0x20 ? "allowed" : "not allowed");
            fprintf(f, "Power Button Disable : %s\n", b & 0x10 ? "allowed" : "not allowed");
            fprintf(f, "Sleep Button Disabled: %s\n", b & 0x08 ? "true" : "false");
            fprintf(f, "Diag Button Disabled : %s\n", b & 0x04 ? "true" : "false");
            fprintf(f, "Reset Button Disabled: %s\n", b & 0x02 ? "true" : "false");
            fprintf(f, "Power Button Disabled: %s\n", b & 0x01 ? "true" : "false");
        }
    }
    return IK_EXIT_OK;
}

/* ---- power ------------------------------------------------------------------------------- */

static const char *const control_names[6] = {"Down/Off", "Up/On", "Cycle", "Reset", "Diag", "Soft"};

static int power_status(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc =
        ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_GET_STATUS, NULL, 0, &r, 1, "Get Chassis Status");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0)
        return cc_fail(cli, "Get Chassis Power Status failed", r.cc);
    /* Only the power bit is needed: a response cut after byte 1 is read as far as it goes. */
    uint8_t buf[IK_CHASSIS_STATUS_MIN];
    struct ik_chassis_status s;
    if (ik_chassis_status_decode(prefix(&r, buf, sizeof(buf)), sizeof(buf), &s) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 3 bytes */
    int on = s.power_on;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "power", json_string(on ? "on" : "off"));
        return ik_json_print(cli, o);
    }
    fprintf(cli->out, "Chassis Power is %s\n", on ? "on" : "off");
    return IK_EXIT_OK;
}

static int power_main(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0) {
        fputs("chassis power Commands: status, on, off, cycle, reset, diag, soft\n",
              argc < 2 ? cli->err : cli->out);
        return argc < 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    const char *a = argv[1];
    uint8_t ctl;
    if (strcmp(a, "status") == 0)
        return power_status(cli);
    if (strcmp(a, "on") == 0 || strcmp(a, "up") == 0)
        ctl = 1;
    else if (strcmp(a, "off") == 0 || strcmp(a, "down") == 0)
        ctl = 0;
    else if (strcmp(a, "cycle") == 0)
        ctl = 2;
    else if (strcmp(a, "reset") == 0)
        ctl = 3;
    else if (strcmp(a, "diag") == 0)
        ctl = 4;
    else if (strcmp(a, "soft") == 0 || strcmp(a, "acpi") == 0)
        ctl = 5;
    else {
        ik_cli_error(cli, "Invalid chassis power command: %s", a);
        return IK_EXIT_USAGE;
    }
    struct ik_chassis_control_req q = {.control = ctl};
    uint8_t req[IK_CHASSIS_CONTROL_LEN];
    size_t qn = 0;
    if (ik_chassis_control_req_encode(&q, req, sizeof(req), &qn) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 0-5 */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_CONTROL, req, qn, &r, 0, "Chassis Control");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Set Chassis Power Control to %s failed: %s", control_names[ctl],
                     IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "control", json_string(control_names[ctl]));
        IK_JSET(o, "control_code", json_integer(ctl));
        return ik_json_print(cli, o);
    }
    fprintf(cli->out, "Chassis Power Control: %s\n", control_names[ctl]);
    return IK_EXIT_OK;
}

int ik_cmd_power(struct ik_cli *cli, int argc, char **argv)
{
    return power_main(cli, argc, argv);
}

/* ---- identify, policy, restart cause, poh, selftest ------------------------------------ */

static int ch_identify(struct ik_cli *cli, const char *arg)
{
    struct ik_chassis_identify_req q = {0};
    int force = 0;
    if (arg) {
        if (strncmp(arg, "force", 5) == 0) {
            force = 1;
            q.has_interval = q.has_force = q.force = true; /* interval 0, then force */
        } else {
            unsigned long v;
            if (ik_cli_num(arg, 255, &v) < 0) {
                ik_cli_error(cli, "Given interval is invalid or too big (0-255).");
                return IK_EXIT_USAGE;
            }
            q.has_interval = true;
            q.interval_s = (uint8_t)v;
        }
    }
    uint8_t d[IK_IDENTIFY_REQ_MAX];
    size_t n = 0;
    if (ik_chassis_identify_req_encode(&q, d, sizeof(d), &n) != 0)
        return IK_EXIT_FAIL; /* cannot happen: force comes with an interval */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_IDENTIFY, d, n, &r, 0, "Chassis Identify");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Set Chassis Identify failed: %s", IK_CC_TEXT(r.cc));
        if (force)
            ik_cli_error(cli, "Chassis may not support Force Identify On");
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "interval_s",
                !arg    ? json_integer(15)
                : force ? json_null()
                        : json_integer(q.interval_s));
        IK_JSET(o, "indefinite", json_boolean(force));
        return ik_json_print(cli, o);
    }
    fputs("Chassis identify interval: ", cli->out);
    if (!arg)
        fputs("default (15 seconds)\n", cli->out);
    else if (force)
        fputs("indefinite\n", cli->out);
    else if (q.interval_s == 0)
        fputs("off\n", cli->out);
    else
        fprintf(cli->out, "%i seconds\n", q.interval_s);
    return IK_EXIT_OK;
}

static int ch_policy(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "help") == 0) {
        fputs("chassis policy <state>\n"
              "   list        : return supported policies\n"
              "   always-on   : turn on when power is restored\n"
              "   previous    : return to previous state when power is restored\n"
              "   always-off  : stay off after power is restored\n",
              argc < 1 ? cli->err : cli->out);
        return argc < 1 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    uint8_t p;
    if (strcmp(argv[0], "list") == 0)
        p = 3; /* no change: just report what is supported */
    else if (strcmp(argv[0], "always-on") == 0)
        p = 2;
    else if (strcmp(argv[0], "previous") == 0)
        p = 1;
    else if (strcmp(argv[0], "always-off") == 0)
        p = 0;
    else {
        ik_cli_error(cli, "Invalid chassis policy: %s", argv[0]);
        return IK_EXIT_USAGE;
    }
    struct ik_policy_req q = {.policy = p};
    uint8_t req[IK_POLICY_REQ_LEN];
    size_t qn = 0;
    if (ik_policy_req_encode(&q, req, sizeof(req), &qn) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 0-3 */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_SET_POLICY, req, qn, &r, p == 3 ? 1 : 0,
                         "Set Power Restore Policy");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0)
        return cc_fail(cli, "Power Restore Policy command failed", r.cc);
    /* The supported policies, read only for "list" (at least 1 byte, checked by the call). */
    struct ik_policy_rsp sup = {0};
    if (p == 3 && ik_policy_rsp_decode(r.data, IK_POLICY_RSP_LEN, &sup) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 1 byte */
    if (cli->json) {
        json_t *o = json_object();
        if (p == 3) {
            json_t *a = json_array();
            if (sup.always_off)
                json_array_append_new(a, json_string("always-off"));
            if (sup.always_on)
                json_array_append_new(a, json_string("always-on"));
            if (sup.previous)
                json_array_append_new(a, json_string("previous"));
            IK_JSET(o, "supported", a);
        } else {
            IK_JSET(o, "policy", json_string(policies[p]));
        }
        return ik_json_print(cli, o);
    }
    if (p == 3) {
        fputs("Supported chassis power policy:  ", cli->out);
        if (sup.always_off)
            fputs("always-off ", cli->out);
        if (sup.always_on)
            fputs("always-on ", cli->out);
        if (sup.previous)
            fputs("previous", cli->out);
        fputc('\n', cli->out);
    } else {
        fprintf(cli->out, "Set chassis power restore policy to %s\n", policies[p]);
    }
    return IK_EXIT_OK;
}

static int ch_restart_cause(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_RESTART_CAUSE, NULL, 0, &r, 1,
                         "Get System Restart Cause");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0)
        return cc_fail(cli, "Get Chassis Restart Cause failed", r.cc);
    static const char *const causes[10] = {"unknown",
                                           "chassis power control command",
                                           "reset via pushbutton",
                                           "power-up via pushbutton",
                                           "watchdog expired",
                                           "OEM",
                                           "power-up due to always-restore power policy",
                                           "power-up due to restore-previous power policy",
                                           "reset via PEF",
                                           "power-cycle via PEF"};
    /* At least the cause byte (checked by the call); a missing channel byte reads as 0 and
     * is not reported. */
    uint8_t buf[IK_RESTART_CAUSE_LEN];
    struct ik_restart_cause_rsp rcause;
    if (ik_restart_cause_rsp_decode(prefix(&r, buf, sizeof(buf)), sizeof(buf), &rcause) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 2 bytes */
    unsigned c = rcause.cause;
    const char *text = c < 10 ? causes[c] : "invalid";
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "cause", json_integer(c));
        IK_JSET(o, "cause_name", json_string(text));
        if (r.len > 1)
            IK_JSET(o, "channel", json_integer(rcause.channel));
        return ik_json_print(cli, o);
    }
    fprintf(cli->out, "System restart cause: %s\n", text);
    return IK_EXIT_OK;
}

static int ch_poh(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_GET_POH, NULL, 0, &r, 5, "Get POH Counter");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0)
        return cc_fail(cli, "Get Chassis Power-On-Hours failed", r.cc);
    /* At least 5 bytes (checked by the call); trailing bytes are ignored. */
    struct ik_poh poh;
    if (ik_poh_decode(r.data, IK_POH_LEN, &poh) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 5 bytes */
    uint8_t per = poh.minutes_per_count;
    uint32_t count = poh.count;
    /* ipmitool computes in float; do the same so large counters round the same way. */
    float minutes = (float)count * per;
    uint32_t days = (uint32_t)(minutes / 1440);
    minutes -= (float)days * 1440;
    /* float rounding can leave minutes slightly negative for huge counters: clamp (a
     * negative float converted to unsigned is undefined) */
    uint32_t hours = minutes > 0 ? (uint32_t)(minutes / 60) : 0;
    minutes -= (float)(hours * 60);
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "minutes_per_count", json_integer(per));
        IK_JSET(o, "counter", json_integer(count));
        IK_JSET(o, "minutes", json_integer((json_int_t)count * per));
        return ik_json_print(cli, o);
    }
    if (per < 60)
        fprintf(cli->out, "POH Counter  : %i days, %i hours, %li minutes\n", (int)days, (int)hours,
                (long)minutes);
    else
        fprintf(cli->out, "POH Counter  : %i days, %i hours\n", (int)days, (int)hours);
    return IK_EXIT_OK;
}

static int ch_selftest(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc =
        ik_cli_call(cli, IK_NETFN_APPL, APP_GET_SELF_TEST, NULL, 0, &r, 2, "Get Self Test Results");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0)
        return cc_fail(cli, "Error sending Get Self Test command", r.cc);
    /* At least 2 bytes (checked by the call); read those (lib/msg_app.c), ignore the rest. */
    struct ik_selftest st;
    if (ik_selftest_decode(r.data, IK_SELFTEST_LEN, &st) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the length is the one the decoder takes */
    static const char *const broken[8] = {"firmware corrupted",
                                          "boot block corrupted",
                                          "FRU Internal Use Area corrupted",
                                          "SDR Repository empty",
                                          "IPMB not responding",
                                          "cannot access BMC FRU",
                                          "cannot access SDR Repository",
                                          "cannot access SEL Device"};
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "code", json_integer(st.result));
        IK_JSET(o, "detail", json_integer(st.detail));
        json_t *a = json_array();
        if (st.result == IK_SELFTEST_CORRUPTED)
            for (int i = 0; i < 8; i++)
                if (st.detail & (1u << i))
                    json_array_append_new(a, json_string(broken[i]));
        IK_JSET(o, "failures", a);
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fputs("Self Test Results    : ", f);
    switch (st.result) {
    case IK_SELFTEST_PASSED:
        fputs("passed\n", f);
        break;
    case IK_SELFTEST_NOT_IMPL:
        fputs("not implemented\n", f);
        break;
    case IK_SELFTEST_CORRUPTED:
        fputs("device error\n", f);
        for (int i = 0; i < 8; i++)
            if (st.detail & (1u << i))
                fprintf(f, "                       [%s]\n", broken[i]);
        break;
    case IK_SELFTEST_FATAL:
        fprintf(f, "Fatal hardware error: %02xh\n", st.detail);
        break;
    default:
        fprintf(f, "Device-specific failure %02xh:%02xh\n", st.result, st.detail);
        break;
    }
    return IK_EXIT_OK;
}

/* ---- boot options ------------------------------------------------------------------------ */

/* Set System Boot Options: parameter + data. Returns the completion code, or -1. */
static int set_bootparam(struct ik_cli *cli, uint8_t param, const uint8_t *data, size_t len,
                         int quiet)
{
    uint8_t req[32];
    struct ik_boot_set_req q = {.param = param & 0x7F, .data = data, .data_len = len};
    size_t qn = 0;
    if (ik_boot_set_req_encode(&q, req, sizeof(req), &qn) != 0)
        return -1; /* cannot happen: our parameters are 1-5 bytes */
    struct ik_tr_rsp r;
    if (ik_cli_req(cli, IK_NETFN_CHASSIS, CMD_SET_BOOT_OPT, req, qn, &r) < 0)
        return -1;
    if (r.cc && !quiet)
        ik_cli_error(cli, "Set Chassis Boot Parameter %d failed: %s", param,
                     r.cc == 0x80   ? "Unsupported parameter"
                     : r.cc == 0x81 ? "Attempt to set 'in progress' while not in 'complete' state"
                     : r.cc == 0x82 ? "Parameter is read-only"
                                    : IK_CC_TEXT(r.cc));
    return r.cc;
}

static const struct {
    const char *name;
    uint8_t device; /* boot flags boot device selector */
} bootdevs[] = {
    {"none", 0x0},       {"pxe", 0x1},    {"force_pxe", 0x1},    {"disk", 0x2},
    {"force_disk", 0x2}, {"safe", 0x3},   {"force_safe", 0x3},   {"diag", 0x4},
    {"force_diag", 0x4}, {"cdrom", 0x5},  {"force_cdrom", 0x5},  {"bios", 0x6},
    {"force_bios", 0x6}, {"floppy", 0xF}, {"force_floppy", 0xF},
};

/* The boot flag fields options= can set. */
enum bootopt_field {
    BO_VALID,
    BO_PERSISTENT,
    BO_EFI,
    BO_CMOS_CLEAR,
    BO_LOCK_KEYBOARD,
    BO_SCREEN_BLANK,
    BO_LOCK_RESET,
    BO_LOCK_POWER,
    BO_VERBOSITY,
    BO_PROGRESS_TRAPS,
    BO_PASSWORD_BYPASS,
    BO_LOCK_SLEEP,
    BO_CONSOLE,
};

static const struct {
    const char *name;
    enum bootopt_field field;
    uint8_t value; /* "no-NAME" sets the field to 0 instead */
} bootopts[] = {
    {"valid", BO_VALID, 1},
    {"persistent", BO_PERSISTENT, 1},
    {"efiboot", BO_EFI, 1},
    {"clear-cmos", BO_CMOS_CLEAR, 1},
    {"lockkbd", BO_LOCK_KEYBOARD, 1},
    {"screenblank", BO_SCREEN_BLANK, 1},
    {"lockoutreset", BO_LOCK_RESET, 1},
    {"lockout_power", BO_LOCK_POWER, 1},
    {"verbose=default", BO_VERBOSITY, 0},
    {"verbose=no", BO_VERBOSITY, 1},
    {"verbose=yes", BO_VERBOSITY, 2},
    {"force_pet", BO_PROGRESS_TRAPS, 1},
    {"upw_bypass", BO_PASSWORD_BYPASS, 1},
    {"lockout_sleep", BO_LOCK_SLEEP, 1},
    {"cons_redirect=default", BO_CONSOLE, 0},
    {"cons_redirect=skip", BO_CONSOLE, 1},
    {"cons_redirect=enable", BO_CONSOLE, 2},
};

static void bootopt_set(struct ik_boot_flags *f, enum bootopt_field field, uint8_t v)
{
    switch (field) {
    case BO_VALID:
        f->valid = v;
        break;
    case BO_PERSISTENT:
        f->persistent = v;
        break;
    case BO_EFI:
        f->efi = v;
        break;
    case BO_CMOS_CLEAR:
        f->cmos_clear = v;
        break;
    case BO_LOCK_KEYBOARD:
        f->lock_keyboard = v;
        break;
    case BO_SCREEN_BLANK:
        f->screen_blank = v;
        break;
    case BO_LOCK_RESET:
        f->lock_reset = v;
        break;
    case BO_LOCK_POWER:
        f->lock_power = v;
        break;
    case BO_VERBOSITY:
        f->verbosity = v;
        break;
    case BO_PROGRESS_TRAPS:
        f->force_progress_traps = v;
        break;
    case BO_PASSWORD_BYPASS:
        f->password_bypass = v;
        break;
    case BO_LOCK_SLEEP:
        f->lock_sleep = v;
        break;
    case BO_CONSOLE:
        f->console_redirect = v;
        break;
    }
}

static int set_bootdev(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 1) {
        ik_cli_error(cli, "usage: chassis bootdev <none|pxe|disk|safe|diag|cdrom|bios|floppy> "
                          "[clear-cmos=yes|no] [options=help,...]");
        return IK_EXIT_USAGE;
    }
    int dev = -1;
    for (size_t i = 0; i < sizeof(bootdevs) / sizeof(bootdevs[0]); i++)
        if (strcmp(argv[0], bootdevs[i].name) == 0)
            dev = (int)i;
    if (dev < 0) {
        ik_cli_error(cli, "Invalid argument: %s", argv[0]);
        return IK_EXIT_USAGE;
    }
    struct ik_boot_flags bf = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "clear-cmos=yes") == 0) {
            bf.cmos_clear = true;
        } else if (strcmp(argv[i], "clear-cmos=no") == 0) {
            bf.cmos_clear = false;
        } else if (strncmp(argv[i], "options=", 8) == 0) {
            char buf[256];
            snprintf(buf, sizeof(buf), "%s", argv[i] + 8);
            for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
                 tok = strtok_r(NULL, ",", &save)) {
                int invert = strncmp(tok, "no-", 3) == 0;
                const char *name = invert ? tok + 3 : tok;
                size_t k, n = sizeof(bootopts) / sizeof(bootopts[0]);
                for (k = 0; k < n && strcmp(name, bootopts[k].name); k++)
                    ;
                if (k == n) {
                    ik_cli_error(cli, "Invalid option: %s", tok);
                    fputs(" Legal options are: valid persistent efiboot clear-cmos lockkbd "
                          "screenblank lockoutreset lockout_power verbose=default|no|yes "
                          "force_pet upw_bypass lockout_sleep "
                          "cons_redirect=default|skip|enable (each may be prefixed no-)\n",
                          cli->err);
                    return IK_EXIT_USAGE;
                }
                bootopt_set(&bf, bootopts[k].field, invert ? 0 : bootopts[k].value);
            }
        } else {
            ik_cli_error(cli, "Invalid argument: %s", argv[i]);
            return IK_EXIT_USAGE;
        }
    }
    bf.device = bootdevs[dev].device;
    bf.valid = true;
    uint8_t flags[IK_BOOT_FLAGS_LEN];
    size_t fn = 0;
    if (ik_boot_flags_encode(&bf, flags, sizeof(flags), &fn) != 0)
        return IK_EXIT_FAIL; /* cannot happen: every field comes from the tables above */
    /* ipmitool's sequence: set in progress, clear the BIOS/POST acknowledge, write the
     * flags, commit, set complete. Failures of the bookkeeping steps are not fatal. */
    uint8_t b = 1;
    if (set_bootparam(cli, 0, &b, 1, 1) < 0)
        return IK_EXIT_FAIL;
    uint8_t ack[2] = {0x01, 0x01};
    if (set_bootparam(cli, 4, ack, 2, 0) < 0)
        return IK_EXIT_FAIL;
    int rc = set_bootparam(cli, 5, flags, 5, 0);
    if (rc == 0) {
        b = 2;
        set_bootparam(cli, 0, &b, 1, 1);
    }
    b = 0;
    set_bootparam(cli, 0, &b, 1, 1);
    if (rc != 0)
        return IK_EXIT_FAIL;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "boot_device", json_string(argv[0]));
        IK_JSET(o, "boot_flags", ik_json_hex(flags, 5));
        return ik_json_print(cli, o);
    }
    fprintf(cli->out, "Set Boot Device to %s\n", argv[0]);
    return IK_EXIT_OK;
}

static const char *bootdev_text(uint8_t device)
{
    switch (device) {
    case 0x0:
        return "No override";
    case 0x1:
        return "Force PXE";
    case 0x2:
        return "Force Boot from default Hard-Drive";
    case 0x3:
        return "Force Boot from default Hard-Drive, request Safe-Mode";
    case 0x4:
        return "Force Boot from Diagnostic Partition";
    case 0x5:
        return "Force Boot from CD/DVD";
    case 0x6:
        return "Force Boot into BIOS Setup";
    case 0x7:
        return "Force Boot from remotely connected Floppy/primary removable media";
    case 0x8:
        return "Force Boot from remotely connected CD/DVD";
    case 0x9:
        return "Force Boot from primary remote media";
    case 0xB:
        return "Force Boot from remotely connected Hard-Drive";
    case 0xF:
        return "Force Boot from Floppy/primary removable media";
    }
    return "Flag error";
}

/* The parameter data each parameter needs before it can be printed. */
static size_t bootparam_need(uint8_t p)
{
    switch (p) {
    case 0:
    case 1:
    case 2:
    case 3:
        return 1;
    case 4:
        return 2;
    case 5:
        return 5;
    case 6:
        return 9;
    default:
        return 0;
    }
}

static int get_bootparam(struct ik_cli *cli, int argc, char **argv)
{
    unsigned long v, sel = 0;
    if (argc < 1 || ik_cli_num(argv[0], 0x7F, &v) < 0) {
        ik_cli_error(cli, "Invalid parameter '%s' given instead of bootparam.",
                     argc < 1 ? "" : argv[0]);
        return IK_EXIT_USAGE;
    }
    if (argc > 1 && ik_cli_num(argv[1], 0xFF, &sel) < 0) {
        ik_cli_error(cli, "Invalid argument '%s' given to bootparam %lu", argv[1], v);
        return IK_EXIT_USAGE;
    }
    struct ik_boot_get_req q = {.param = (uint8_t)v, .set = (uint8_t)sel, .block = 0};
    uint8_t req[IK_BOOT_GET_REQ_LEN];
    size_t qn = 0;
    if (ik_boot_get_req_encode(&q, req, sizeof(req), &qn) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the parameter was checked to 7Fh */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_GET_BOOT_OPT, req, qn, &r, 2,
                         "Get System Boot Options");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Get Chassis Boot Parameter %lu failed: %s", v,
                     r.cc == 0x80 ? "Unsupported parameter" : IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    /* At least 2 bytes (checked by the call): the frame, then the parameter's data. */
    struct ik_boot_get_rsp g;
    if (ik_boot_get_rsp_decode(r.data, r.len, &g) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 2 bytes or more */
    uint8_t p = g.param;
    const uint8_t *pd = g.data;
    size_t plen = g.data_len;
    /* Boot flags: the 5 bytes of parameter 5; anything after them is ignored. */
    struct ik_boot_flags bf = {0};
    bool have_flags = p == IK_BOOT_FLAGS && plen >= IK_BOOT_FLAGS_LEN &&
                      ik_boot_flags_decode(pd, IK_BOOT_FLAGS_LEN, &bf) == 0;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "version", json_integer(g.version));
        IK_JSET(o, "parameter", json_integer(p));
        IK_JSET(o, "valid", json_boolean(!g.invalid));
        IK_JSET(o, "data", ik_json_hex(pd, plen));
        if (have_flags) {
            IK_JSET(o, "boot_flag_valid", json_boolean(bf.valid));
            IK_JSET(o, "persistent", json_boolean(bf.persistent));
            IK_JSET(o, "efi", json_boolean(bf.efi));
            IK_JSET(o, "boot_device", json_string(bootdev_text(bf.device)));
        }
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "Boot parameter version: %d\n", g.version);
    fprintf(f, "Boot parameter %d is %s\n", p, g.invalid ? "invalid/locked" : "valid/unlocked");
    fputs("Boot parameter data: ", f);
    for (size_t i = 0; i < plen; i++)
        fprintf(f, "%02x", pd[i]);
    fputc('\n', f);
    if (plen < bootparam_need(p)) {
        /* ipmitool goes on and prints whatever lies past the response; we stop. */
        ik_cli_short(cli, "Get System Boot Options", r.len, 2 + bootparam_need(p));
        return IK_EXIT_FAIL;
    }
    switch (p) {
    case 0: {
        static const char *const st[4] = {"set complete", "set in progress", "commit write",
                                          "error, reserved bit"};
        fprintf(f, " Set In Progress : %s\n", st[pd[0] & 3]);
        break;
    }
    case 1:
        fputs(" Service Partition Selector : ", f);
        if (pd[0] == 0)
            fputs("unspecified\n", f);
        else
            fprintf(f, "%d\n", pd[0]);
        break;
    case 2:
        fputs(" Service Partition Scan :\n", f);
        if (pd[0] & 3) {
            if (pd[0] & 1)
                fputs("     - Request BIOS to scan\n", f);
            if (pd[0] & 2)
                fputs("     - Service Partition Discovered\n", f);
        } else {
            fputs("     No flag set\n", f);
        }
        break;
    case 3:
        fputs(" BMC boot flag valid bit clearing :\n", f);
        if (pd[0] & 0x1F) {
            if (pd[0] & 0x10)
                fputs("     - Don't clear valid bit on reset/power cycle cause by PEF\n", f);
            if (pd[0] & 0x08)
                fputs("     - Don't automatically clear boot flag valid bit on timeout\n", f);
            if (pd[0] & 0x04)
                fputs("     - Don't clear valid bit on reset/power cycle cause by watchdog\n", f);
            if (pd[0] & 0x02)
                fputs("     - Don't clear valid bit on push button reset // soft reset\n", f);
            if (pd[0] & 0x01)
                fputs("     - Don't clear valid bit on power up via power push button or wake "
                      "event\n",
                      f);
        } else {
            fputs("     No flag set\n", f);
        }
        break;
    case 4:
        fputs(" Boot Info Acknowledge :\n", f);
        if (pd[1] & 0x1F) {
            if (pd[1] & 0x10)
                fputs("    - OEM has handled boot info\n", f);
            if (pd[1] & 0x08)
                fputs("    - SMS has handled boot info\n", f);
            if (pd[1] & 0x04)
                fputs("    - OS // service partition has handled boot info\n", f);
            if (pd[1] & 0x02)
                fputs("    - OS Loader has handled boot info\n", f);
            if (pd[1] & 0x01)
                fputs("    - BIOS/POST has handled boot info\n", f);
        } else {
            fputs("     No flag set\n", f);
        }
        break;
    case 5: {
        fputs(" Boot Flags :\n", f);
        fputs(bf.valid ? "   - Boot Flag Valid\n" : "   - Boot Flag Invalid\n", f);
        fputs(bf.persistent ? "   - Options apply to all future boots\n"
                            : "   - Options apply to only next boot\n",
              f);
        fputs(bf.efi ? "   - BIOS EFI boot \n" : "   - BIOS PC Compatible (legacy) boot \n", f);
        if (bf.cmos_clear)
            fputs("   - CMOS Clear\n", f);
        if (bf.lock_keyboard)
            fputs("   - Lock Keyboard\n", f);
        fprintf(f, "   - Boot Device Selector : %s\n", bootdev_text(bf.device));
        if (bf.screen_blank)
            fputs("   - Screen blank\n", f);
        if (bf.lock_reset)
            fputs("   - Lock out Reset buttons\n", f);
        if (bf.lock_power)
            fputs("   - Lock out (power off/sleep request) via Power Button\n", f);
        static const char *const verb[4] = {"System Default", "Request Quiet Display",
                                            "Request Verbose Display", "Flag error"};
        fprintf(f, "   - BIOS verbosity : %s\n", verb[bf.verbosity]);
        if (bf.force_progress_traps)
            fputs("   - Force progress event traps\n", f);
        if (bf.password_bypass)
            fputs("   - User password bypass\n", f);
        if (bf.lock_sleep)
            fputs("   - Lock Out Sleep Button\n", f);
        static const char *const redir[4] = {
            "Console redirection occurs per BIOS configuration setting (default)",
            "Suppress (skip) console redirection if enabled",
            "Request console redirection be enabled", "Flag error"};
        fprintf(f, "   - Console Redirection control : %s\n", redir[bf.console_redirect]);
        if (bf.shared_mode_override)
            fputs("   - BIOS Shared Mode Override\n", f);
        static const char *const mux[8] = {
            "BIOS uses recommended setting of the mux at the end of POST",
            "Requests BIOS to force mux to BMC at conclusion of POST/start of OS boot",
            "Requests BIOS to force mux to system at conclusion of POST/start of OS boot",
            "Flag error",
            "Flag error",
            "Flag error",
            "Flag error",
            "Flag error"};
        fprintf(f, "   - BIOS Mux Control Override : %s\n", mux[bf.mux]);
        break;
    }
    case 6: {
        /* Boot initiator info: channel, session ID (4), timestamp (4) */
        char tb[64];
        struct ik_rd rd;
        ik_rd_init(&rd, pd, plen);
        uint8_t chan = ik_rd_u8(&rd) & 0x0F;
        uint32_t sid = ik_rd_le32(&rd);
        uint32_t ts = ik_rd_le32(&rd);
        fputs(" Boot Initiator Info :\n", f);
        fprintf(f, "    Channel Number : %d\n", chan);
        fprintf(f, "    Session Id     : %08lXh\n", (unsigned long)sid);
        fprintf(f, "    Timestamp      : %s\n", ik_cli_time_numeric(cli, ts, tb, sizeof(tb)));
        break;
    }
    default:
        fprintf(f, " Unsupported parameter %u\n", p);
        break;
    }
    return IK_EXIT_OK;
}

static int ch_bootparam(struct ik_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[0], "get") == 0)
        return get_bootparam(cli, argc - 1, argv + 1);
    if (argc >= 3 && strcmp(argv[0], "set") == 0 && strcmp(argv[1], "bootflag") == 0)
        return set_bootdev(cli, argc - 2, argv + 2);
    ik_cli_error(cli, "usage: chassis bootparam get <param #> [set selector]\n"
                      "       chassis bootparam set bootflag <device> [options=...]");
    return IK_EXIT_USAGE;
}

int ik_cmd_chassis(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0) {
        usage(argc < 2 ? cli->err : cli->out);
        return argc < 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "status") == 0)
        return ch_status(cli);
    if (strcmp(sub, "power") == 0)
        return power_main(cli, argc - 1, argv + 1);
    if (strcmp(sub, "identify") == 0)
        return ch_identify(cli, argc > 2 ? argv[2] : NULL);
    if (strcmp(sub, "policy") == 0)
        return ch_policy(cli, argc - 2, argv + 2);
    if (strcmp(sub, "restart_cause") == 0)
        return ch_restart_cause(cli);
    if (strcmp(sub, "poh") == 0)
        return ch_poh(cli);
    if (strcmp(sub, "selftest") == 0)
        return ch_selftest(cli);
    if (strcmp(sub, "bootdev") == 0)
        return set_bootdev(cli, argc - 2, argv + 2);
    if (strcmp(sub, "bootparam") == 0)
        return ch_bootparam(cli, argc - 2, argv + 2);
    ik_cli_error(cli, "Invalid chassis command: %s", sub);
    usage(cli->err);
    return IK_EXIT_USAGE;
}
