/*
 * ipmikit chassis (and `power`): NetFn Chassis. status (Get Chassis Status), power
 * status|on|off|cycle|reset|diag|soft (Chassis Control), identify [SECONDS|force]
 * (Chassis Identify), policy list|always-on|previous|always-off (Set Power Restore
 * Policy), restart_cause (Get System Restart Cause), poh (Get POH Counter), selftest,
 * bootdev DEVICE [options=...] and bootparam get N [SET] / set bootflag DEVICE (System Boot
 * Options). Text is ipmitool 1.8.19's; --json gives docs/json/chassis.md.
 *
 * Response layouts (IPMI 2.0 section 28):
 *   Get Chassis Status (28.2): 0 current power state ([0] on, [1] overload, [2] interlock,
 *     [3] main power fault, [4] power control fault, [6:5] restore policy), 1 last power
 *     event ([0] AC failed, [1] overload, [2] interlock, [3] fault, [4] command),
 *     2 misc state ([0] intrusion, [1] front panel lockout, [2] drive fault, [3] fan
 *     fault), 3 front panel button capabilities (optional)
 *   Get System Restart Cause (28.11): 0 [3:0] cause, 1 channel
 *   Get POH Counter (28.14): 0 minutes per count, 1-4 counter (LS first)
 *   Set Power Restore Policy (28.8): 0 supported policies bit mask
 *   Get System Boot Options (28.13): 0 parameter version, 1 [7] invalid/locked, [6:0]
 *     parameter, 2.. parameter data (table 28-14)
 */
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "msg_app.h"
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
    const uint8_t *d = r.data;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "power_on", json_boolean(d[0] & 0x01));
        IK_JSET(o, "power_overload", json_boolean(d[0] & 0x02));
        IK_JSET(o, "power_interlock", json_boolean(d[0] & 0x04));
        IK_JSET(o, "main_power_fault", json_boolean(d[0] & 0x08));
        IK_JSET(o, "power_control_fault", json_boolean(d[0] & 0x10));
        IK_JSET(o, "power_restore_policy", json_string(policies[(d[0] >> 5) & 3]));
        json_t *ev = json_array();
        static const char *const events[5] = {"ac-failed", "overload", "interlock", "fault",
                                              "command"};
        for (int i = 0; i < 5; i++)
            if (d[1] & (1u << i))
                json_array_append_new(ev, json_string(events[i]));
        IK_JSET(o, "last_power_event", ev);
        IK_JSET(o, "chassis_intrusion", json_boolean(d[2] & 0x01));
        IK_JSET(o, "front_panel_lockout", json_boolean(d[2] & 0x02));
        IK_JSET(o, "drive_fault", json_boolean(d[2] & 0x04));
        IK_JSET(o, "cooling_fan_fault", json_boolean(d[2] & 0x08));
        if (r.len > 3)
            IK_JSET(o, "front_panel_buttons", json_integer(d[3]));
        IK_JSET(o, "raw", ik_json_hex(d, r.len));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "System Power         : %s\n", d[0] & 0x01 ? "on" : "off");
    fprintf(f, "Power Overload       : %s\n", d[0] & 0x02 ? "true" : "false");
    fprintf(f, "Power Interlock      : %s\n", d[0] & 0x04 ? "active" : "inactive");
    fprintf(f, "Main Power Fault     : %s\n", d[0] & 0x08 ? "true" : "false");
    fprintf(f, "Power Control Fault  : %s\n", d[0] & 0x10 ? "true" : "false");
    fprintf(f, "Power Restore Policy : %s\n", policies[(d[0] >> 5) & 3]);
    fputs("Last Power Event     : ", f);
    if (d[1] & 0x01)
        fputs("ac-failed ", f);
    if (d[1] & 0x02)
        fputs("overload ", f);
    if (d[1] & 0x04)
        fputs("interlock ", f);
    if (d[1] & 0x08)
        fputs("fault ", f);
    if (d[1] & 0x10)
        fputs("command", f);
    fputc('\n', f);
    fprintf(f, "Chassis Intrusion    : %s\n", d[2] & 0x01 ? "active" : "inactive");
    fprintf(f, "Front-Panel Lockout  : %s\n", d[2] & 0x02 ? "active" : "inactive");
    fprintf(f, "Drive Fault          : %s\n", d[2] & 0x04 ? "true" : "false");
    fprintf(f, "Cooling/Fan Fault    : %s\n", d[2] & 0x08 ? "true" : "false");
    if (r.len > 3) {
        uint8_t b = d[3];
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
    int on = r.data[0] & 1;
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
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_CONTROL, &ctl, 1, &r, 0, "Chassis Control");
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
    uint8_t d[2] = {0, 0};
    size_t n = 0;
    int force = 0;
    if (arg) {
        if (strncmp(arg, "force", 5) == 0) {
            force = 1;
            d[1] = 1;
            n = 2;
        } else {
            unsigned long v;
            if (ik_cli_num(arg, 255, &v) < 0) {
                ik_cli_error(cli, "Given interval is invalid or too big (0-255).");
                return IK_EXIT_USAGE;
            }
            d[0] = (uint8_t)v;
            n = 1;
        }
    }
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
                        : json_integer(d[0]));
        IK_JSET(o, "indefinite", json_boolean(force));
        return ik_json_print(cli, o);
    }
    fputs("Chassis identify interval: ", cli->out);
    if (!arg)
        fputs("default (15 seconds)\n", cli->out);
    else if (force)
        fputs("indefinite\n", cli->out);
    else if (d[0] == 0)
        fputs("off\n", cli->out);
    else
        fprintf(cli->out, "%i seconds\n", d[0]);
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
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_SET_POLICY, &p, 1, &r, p == 3 ? 1 : 0,
                         "Set Power Restore Policy");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0)
        return cc_fail(cli, "Power Restore Policy command failed", r.cc);
    if (cli->json) {
        json_t *o = json_object();
        if (p == 3) {
            json_t *a = json_array();
            if (r.data[0] & 1)
                json_array_append_new(a, json_string("always-off"));
            if (r.data[0] & 4)
                json_array_append_new(a, json_string("always-on"));
            if (r.data[0] & 2)
                json_array_append_new(a, json_string("previous"));
            IK_JSET(o, "supported", a);
        } else {
            IK_JSET(o, "policy", json_string(policies[p]));
        }
        return ik_json_print(cli, o);
    }
    if (p == 3) {
        fputs("Supported chassis power policy:  ", cli->out);
        if (r.data[0] & 1)
            fputs("always-off ", cli->out);
        if (r.data[0] & 4)
            fputs("always-on ", cli->out);
        if (r.data[0] & 2)
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
    unsigned c = r.data[0] & 0x0F;
    const char *text = c < 10 ? causes[c] : "invalid";
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "cause", json_integer(c));
        IK_JSET(o, "cause_name", json_string(text));
        if (r.len > 1)
            IK_JSET(o, "channel", json_integer(r.data[1] & 0x0F));
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
    /* Get POH Counter (section 28.14): minutes per count, counter (4) */
    struct ik_rd rd;
    ik_rd_init(&rd, r.data, r.len);
    uint8_t per = ik_rd_u8(&rd);
    uint32_t count = ik_rd_le32(&rd);
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
    req[0] = param & 0x7F;
    memcpy(req + 1, data, len);
    struct ik_tr_rsp r;
    if (ik_cli_req(cli, IK_NETFN_CHASSIS, CMD_SET_BOOT_OPT, req, len + 1, &r) < 0)
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
    uint8_t bits; /* boot flags data 2 [5:2] */
} bootdevs[] = {
    {"none", 0x00},       {"pxe", 0x04},    {"force_pxe", 0x04},    {"disk", 0x08},
    {"force_disk", 0x08}, {"safe", 0x0C},   {"force_safe", 0x0C},   {"diag", 0x10},
    {"force_diag", 0x10}, {"cdrom", 0x14},  {"force_cdrom", 0x14},  {"bios", 0x18},
    {"force_bios", 0x18}, {"floppy", 0x3C}, {"force_floppy", 0x3C},
};

static const struct {
    const char *name;
    int byte;
    uint8_t mask, value;
} bootopts[] = {
    {"valid", 0, 0x80, 0x80},
    {"persistent", 0, 0x40, 0x40},
    {"efiboot", 0, 0x20, 0x20},
    {"clear-cmos", 1, 0x80, 0x80},
    {"lockkbd", 1, 0x40, 0x40},
    {"screenblank", 1, 0x02, 0x02},
    {"lockoutreset", 1, 0x01, 0x01},
    {"lockout_power", 2, 0x80, 0x80},
    {"verbose=default", 2, 0x60, 0x00},
    {"verbose=no", 2, 0x60, 0x20},
    {"verbose=yes", 2, 0x60, 0x40},
    {"force_pet", 2, 0x10, 0x10},
    {"upw_bypass", 2, 0x08, 0x08},
    {"lockout_sleep", 2, 0x04, 0x04},
    {"cons_redirect=default", 2, 0x03, 0x00},
    {"cons_redirect=skip", 2, 0x03, 0x01},
    {"cons_redirect=enable", 2, 0x03, 0x02},
};

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
    uint8_t flags[5] = {0};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "clear-cmos=yes") == 0) {
            flags[1] |= 0x80;
        } else if (strcmp(argv[i], "clear-cmos=no") == 0) {
            flags[1] &= (uint8_t)~0x80;
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
                uint8_t *b = &flags[bootopts[k].byte];
                *b = (uint8_t)(*b & ~bootopts[k].mask);
                if (!invert)
                    *b |= bootopts[k].value;
            }
        } else {
            ik_cli_error(cli, "Invalid argument: %s", argv[i]);
            return IK_EXIT_USAGE;
        }
    }
    flags[1] |= bootdevs[dev].bits;
    flags[0] |= 0x80; /* boot flags valid */
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

static const char *bootdev_text(uint8_t b)
{
    switch (b & 0x3C) {
    case 0x00:
        return "No override";
    case 0x04:
        return "Force PXE";
    case 0x08:
        return "Force Boot from default Hard-Drive";
    case 0x0C:
        return "Force Boot from default Hard-Drive, request Safe-Mode";
    case 0x10:
        return "Force Boot from Diagnostic Partition";
    case 0x14:
        return "Force Boot from CD/DVD";
    case 0x18:
        return "Force Boot into BIOS Setup";
    case 0x1C:
        return "Force Boot from remotely connected Floppy/primary removable media";
    case 0x20:
        return "Force Boot from remotely connected CD/DVD";
    case 0x24:
        return "Force Boot from primary remote media";
    case 0x2C:
        return "Force Boot from remotely connected Hard-Drive";
    case 0x3C:
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
    uint8_t req[3] = {(uint8_t)v, (uint8_t)sel, 0};
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_CHASSIS, CMD_GET_BOOT_OPT, req, 3, &r, 2,
                         "Get System Boot Options");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Get Chassis Boot Parameter %lu failed: %s", v,
                     r.cc == 0x80 ? "Unsupported parameter" : IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    const uint8_t *d = r.data;
    uint8_t p = d[1] & 0x7F;
    const uint8_t *pd = d + 2;
    size_t plen = r.len - 2;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "version", json_integer(d[0]));
        IK_JSET(o, "parameter", json_integer(p));
        IK_JSET(o, "valid", json_boolean(!(d[1] & 0x80)));
        IK_JSET(o, "data", ik_json_hex(pd, plen));
        if (p == 5 && plen >= 5) {
            IK_JSET(o, "boot_flag_valid", json_boolean(pd[0] & 0x80));
            IK_JSET(o, "persistent", json_boolean(pd[0] & 0x40));
            IK_JSET(o, "efi", json_boolean(pd[0] & 0x20));
            IK_JSET(o, "boot_device", json_string(bootdev_text(pd[1])));
        }
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "Boot parameter version: %d\n", d[0]);
    fprintf(f, "Boot parameter %d is %s\n", p, d[1] & 0x80 ? "invalid/locked" : "valid/unlocked");
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
        fputs(pd[0] & 0x80 ? "   - Boot Flag Valid\n" : "   - Boot Flag Invalid\n", f);
        fputs(pd[0] & 0x40 ? "   - Options apply to all future boots\n"
                           : "   - Options apply to only next boot\n",
              f);
        fputs(pd[0] & 0x20 ? "   - BIOS EFI boot \n" : "   - BIOS PC Compatible (legacy) boot \n",
              f);
        if (pd[1] & 0x80)
            fputs("   - CMOS Clear\n", f);
        if (pd[1] & 0x40)
            fputs("   - Lock Keyboard\n", f);
        fprintf(f, "   - Boot Device Selector : %s\n", bootdev_text(pd[1]));
        if (pd[1] & 0x02)
            fputs("   - Screen blank\n", f);
        if (pd[1] & 0x01)
            fputs("   - Lock out Reset buttons\n", f);
        if (pd[2] & 0x80)
            fputs("   - Lock out (power off/sleep request) via Power Button\n", f);
        static const char *const verb[4] = {"System Default", "Request Quiet Display",
                                            "Request Verbose Display", "Flag error"};
        fprintf(f, "   - BIOS verbosity : %s\n", verb[(pd[2] >> 5) & 3]);
        if (pd[2] & 0x10)
            fputs("   - Force progress event traps\n", f);
        if (pd[2] & 0x08)
            fputs("   - User password bypass\n", f);
        if (pd[2] & 0x04)
            fputs("   - Lock Out Sleep Button\n", f);
        static const char *const redir[4] = {
            "Console redirection occurs per BIOS configuration setting (default)",
            "Suppress (skip) console redirection if enabled",
            "Request console redirection be enabled", "Flag error"};
        fprintf(f, "   - Console Redirection control : %s\n", redir[pd[2] & 3]);
        if (pd[3] & 0x08)
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
        fprintf(f, "   - BIOS Mux Control Override : %s\n", mux[pd[3] & 7]);
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
