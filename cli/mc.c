/*
 * ipmikit mc: the management controller (NetFn App): info (Get Device ID), guid (Get
 * Device GUID), reset warm|cold, selftest (Get Self Test Results), getenables /
 * setenables (BMC Global Enables), watchdog get|reset|off (the watchdog timer commands).
 * Text is ipmitool 1.8.19's; --json gives docs/json/mc.md.
 *
 * Response layouts (IPMI 2.0):
 *   Get Device ID (20.1, table 20-2), after the CC:
 *     0 device ID, 1 [7] provides device SDRs, [3:0] device revision,
 *     2 [7] device unavailable (update in progress), [6:0] firmware major,
 *     3 firmware minor (BCD), 4 IPMI version (BCD, minor in [7:4]), 5 additional device
 *     support bits, 6-8 manufacturer ID (20 bits, LS first), 9-10 product ID (LS first),
 *     11-14 auxiliary firmware revision (optional)
 *   Get Self Test Results (20.4), Get/Set BMC Global Enables (22.1-22.2), Set/Get
 *     Watchdog Timer (27.6-27.7): lib/msg_app.h
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cursor.h"
#include "msg_app.h"
#include "util.h"

#define CMD_GET_DEVICE_ID     0x01
#define CMD_COLD_RESET        0x02
#define CMD_WARM_RESET        0x03
#define CMD_GET_SELF_TEST     0x04
#define CMD_GET_SYSTEM_GUID   0x37
#define CMD_RESET_WATCHDOG    0x22
#define CMD_SET_WATCHDOG      0x24
#define CMD_GET_WATCHDOG      0x25
#define CMD_SET_GLOBAL_ENABLE 0x2E
#define CMD_GET_GLOBAL_ENABLE 0x2F

static void usage(FILE *f)
{
    fputs("MC Commands:\n"
          "  reset <warm|cold>\n"
          "  guid\n"
          "  info\n"
          "  watchdog <get|reset|off>\n"
          "  selftest\n"
          "  getenables\n"
          "  setenables <option=on|off> ...\n"
          "    recv_msg_intr         Receive Message Queue Interrupt\n"
          "    event_msg_intr        Event Message Buffer Full Interrupt\n"
          "    event_msg             Event Message Buffer\n"
          "    system_event_log      System Event Logging\n"
          "    oem0                  OEM 0\n"
          "    oem1                  OEM 1\n"
          "    oem2                  OEM 2\n",
          f);
}

/* ---- info ------------------------------------------------------------------------------ */

static const char *const adtl_support[8] = {
    "Sensor Device",       "SDR Repository Device", "SEL Device", "FRU Inventory Device",
    "IPMB Event Receiver", "IPMB Event Generator",  "Bridge",     "Chassis Device"};

static int mc_info(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_DEVICE_ID, NULL, 0, &r, 11, "Get Device ID");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Get Device ID command failed: %s", IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    struct ik_device_id d;
    if (ik_device_id_decode_prefix(r.data, r.len, &d) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the call checked for 11 bytes */
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "device_id", json_integer(d.device_id));
        IK_JSET(o, "device_revision", json_integer(d.device_rev));
        IK_JSET(o, "provides_device_sdrs", json_boolean(d.provides_sdrs));
        char fw[16];
        snprintf(fw, sizeof(fw), "%u.%02x", d.fw_major, d.fw_minor);
        IK_JSET(o, "firmware_revision", json_string(fw));
        IK_JSET(o, "device_available", json_boolean(!d.unavailable));
        char ver[8];
        snprintf(ver, sizeof(ver), "%x.%x", d.ipmi_version & 0x0F, d.ipmi_version >> 4);
        IK_JSET(o, "ipmi_version", json_string(ver));
        IK_JSET(o, "manufacturer_id", json_integer(d.manufacturer_id));
        IK_JSET(o, "manufacturer_name", json_string(ik_cli_iana_name(d.manufacturer_id)));
        IK_JSET(o, "product_id", json_integer(d.product_id));
        json_t *a = json_array();
        for (int i = 0; i < 8; i++)
            if (d.support & (1u << i))
                json_array_append_new(a, json_string(adtl_support[i]));
        IK_JSET(o, "additional_device_support", a);
        IK_JSET(o, "aux_firmware_revision", d.has_aux ? ik_json_hex(d.aux_fw, 4) : json_null());
        IK_JSET(o, "raw", ik_json_hex(r.data, r.len));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "Device ID                 : %i\n", d.device_id);
    fprintf(f, "Device Revision           : %i\n", d.device_rev);
    fprintf(f, "Firmware Revision         : %u.%02x\n", d.fw_major, d.fw_minor);
    fprintf(f, "IPMI Version              : %x.%x\n", d.ipmi_version & 0x0F, d.ipmi_version >> 4);
    fprintf(f, "Manufacturer ID           : %lu\n", (unsigned long)d.manufacturer_id);
    fprintf(f, "Manufacturer Name         : %s\n", ik_cli_iana_name(d.manufacturer_id));
    fprintf(f, "Product ID                : %u (0x%04x)\n", d.product_id, d.product_id);
    /* ipmitool names a few vendors' products from a table of its own; we do not. */
    fprintf(f, "Product Name              : Unknown (0x%X)\n", d.product_id);
    fprintf(f, "Device Available          : %s\n", d.unavailable ? "no" : "yes");
    fprintf(f, "Provides Device SDRs      : %s\n", d.provides_sdrs ? "yes" : "no");
    fprintf(f, "Additional Device Support :\n");
    for (int i = 0; i < 8; i++)
        if (d.support & (1u << i))
            fprintf(f, "    %s\n", adtl_support[i]);
    if (d.has_aux)
        fprintf(f, "Aux Firmware Rev Info     : \n    0x%02x\n    0x%02x\n    0x%02x\n    0x%02x\n",
                d.aux_fw[0], d.aux_fw[1], d.aux_fw[2], d.aux_fw[3]);
    return IK_EXIT_OK;
}

/* ---- guid ------------------------------------------------------------------------------ */

/*
 * ipmitool's automatic GUID decoding: the 16 bytes are tried, in this order, as RFC 4122
 * (network order), IPMI (every field LS byte first, fields in reverse order: node, clock,
 * time_hi, time_mid, time_low) and SMBIOS (time fields LS first, the rest network order);
 * a layout whose version nibble is 1-5 is a candidate, the last candidate wins unless a
 * time-based one holds a plausible timestamp (1970 .. now), which wins at once. No
 * candidate: a hex dump.
 */
enum { G_IPMI, G_RFC, G_SMBIOS, G_MODES, G_DUMP = G_MODES };

struct guid {
    int mode;
    int ver; /* 0 unknown, 1-5 */
    uint32_t t_low;
    uint16_t t_mid, t_hi, clk;
    uint8_t node[6];
    int64_t seconds;
};

static int64_t guid_seconds(uint32_t lo, uint16_t mid, uint16_t hi)
{
    /* 100 ns ticks since 1582-10-15; 12219292800 s from there to 1970-01-01. */
    uint64_t g = ((uint64_t)(hi & 0x0FFF) << 48) | ((uint64_t)mid << 32) | lo;
    return (int64_t)(g / 10000000u) - 12219292800LL;
}

static int time_plausible(int64_t s)
{
    time_t t = (time_t)s, now = time(NULL);
    struct tm a, b;
    gmtime_r(&t, &a);
    gmtime_r(&now, &b);
    return a.tm_year + 1900 >= 1970 && a.tm_year <= b.tm_year;
}

static void guid_parse(const uint8_t *g, struct guid *out)
{
    uint32_t lo[G_MODES];
    uint16_t mid[G_MODES], hi[G_MODES], clk[G_MODES];
    const uint8_t *node[G_MODES];
    struct ik_rd r;
    /* IPMI: node (6), clock, time_hi, time_mid, time_low; each LS byte first */
    ik_rd_init(&r, g, 16);
    node[G_IPMI] = ik_rd_ptr(&r, 6);
    clk[G_IPMI] = ik_rd_le16(&r);
    hi[G_IPMI] = ik_rd_le16(&r);
    mid[G_IPMI] = ik_rd_le16(&r);
    lo[G_IPMI] = ik_rd_le32(&r);
    /* RFC 4122: time_low, time_mid, time_hi, clock, node; network order */
    ik_rd_init(&r, g, 16);
    lo[G_RFC] = ik_rd_be32(&r);
    mid[G_RFC] = ik_rd_be16(&r);
    hi[G_RFC] = ik_rd_be16(&r);
    clk[G_RFC] = ik_rd_be16(&r);
    node[G_RFC] = ik_rd_ptr(&r, 6);
    /* SMBIOS: as RFC 4122 with the three time fields LS byte first */
    ik_rd_init(&r, g, 16);
    lo[G_SMBIOS] = ik_rd_le32(&r);
    mid[G_SMBIOS] = ik_rd_le16(&r);
    hi[G_SMBIOS] = ik_rd_le16(&r);
    clk[G_SMBIOS] = ik_rd_be16(&r);
    node[G_SMBIOS] = ik_rd_ptr(&r, 6);
    int mode = G_DUMP;
    /* ipmitool's precedence order: RFC 4122, then IPMI, then SMBIOS (the last wins) */
    static const int order[G_MODES] = {G_RFC, G_IPMI, G_SMBIOS};
    for (int k = 0; k < G_MODES; k++) {
        int i = order[k];
        int ver = hi[i] >> 12;
        if (ver >= 1 && ver <= 5) {
            mode = i;
            if (ver == 1 && time_plausible(guid_seconds(lo[i], mid[i], hi[i])))
                break;
        }
    }
    memset(out, 0, sizeof(*out));
    out->mode = mode;
    if (mode == G_DUMP)
        return;
    out->t_low = lo[mode];
    out->t_mid = mid[mode];
    out->t_hi = hi[mode];
    out->clk = clk[mode];
    out->ver = out->t_hi >> 12;
    if (out->ver > 5)
        out->ver = 0;
    out->seconds = guid_seconds(lo[mode], mid[mode], hi[mode]);
    for (int i = 0; i < 6; i++)
        out->node[i] = mode == G_IPMI ? node[mode][5 - i] : node[mode][i];
}

static const char *const guid_versions[6] = {"Unknown/unsupported",
                                             "Time-based",
                                             "DCE Security with POSIX UIDs (not for IPMI)",
                                             "Name-based using MD5",
                                             "Random or pseudo-random",
                                             "Name-based using SHA-1"};
static const char *const guid_modes[] = {"IPMI", "RFC4122", "SMBIOS", "Unknown (data dumped)"};

static int mc_guid(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc =
        ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_SYSTEM_GUID, NULL, 0, &r, 16, "Get System GUID");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Get System GUID command failed: %s", IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    if (r.len != 16) {
        ik_cli_error(cli, "Get System GUID: the BMC's response has %zu data bytes, not 16", r.len);
        return IK_EXIT_FAIL;
    }
    struct guid g;
    guid_parse(r.data, &g);
    char text[40];
    if (g.mode != G_DUMP)
        snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%02x%02x%02x%02x%02x%02x",
                 (unsigned)g.t_low, g.t_mid, g.t_hi, g.clk, g.node[0], g.node[1], g.node[2],
                 g.node[3], g.node[4], g.node[5]);
    char tbuf[64];
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "guid", g.mode == G_DUMP ? json_null() : json_string(text));
        IK_JSET(o, "encoding", json_string(guid_modes[g.mode]));
        IK_JSET(o, "version", json_integer(g.ver));
        IK_JSET(o, "version_name",
                g.mode == G_DUMP ? json_null() : json_string(guid_versions[g.ver]));
        if (g.ver == 1)
            IK_JSET(o, "timestamp", json_integer(g.seconds));
        IK_JSET(o, "raw", ik_json_hex(r.data, 16));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fputs("System GUID   : ", f);
    if (g.mode == G_DUMP) {
        for (int i = 0; i < 16; i++)
            fprintf(f, "%02X", r.data[i]);
        fputc('\n', f);
        return IK_EXIT_OK;
    }
    fprintf(f, "%s\n", text);
    fprintf(f, "GUID Encoding : %s%s\n", guid_modes[g.mode],
            g.mode != G_IPMI ? " (WARNING: IPMI Specification violation!)" : "");
    fprintf(f, "GUID Version  : %s", guid_versions[g.ver]);
    if (g.ver == 0)
        fprintf(f, " (%d)\n", g.t_hi >> 12);
    else if (g.ver == 1)
        fprintf(f, "\nTimestamp     : %s\n",
                ik_cli_time_numeric(cli, (uint32_t)g.seconds, tbuf, sizeof(tbuf)));
    else
        fputc('\n', f);
    return IK_EXIT_OK;
}

/* ---- reset, selftest, enables ----------------------------------------------------------- */

static int mc_reset(struct ik_cli *cli, int cold)
{
    struct ik_tr_rsp r;
    if (cold) {
        /* A cold reset may take the BMC down before it answers (IPMI 2.0 section 20.2):
         * no answer is success, as with ipmitool. */
        struct ik_tr *t = ik_cli_tr(cli);
        if (!t)
            return IK_EXIT_FAIL;
        if (ik_tr_request(t, IK_NETFN_APPL, CMD_COLD_RESET, NULL, 0, &r) == 0 && r.cc) {
            ik_cli_error(cli, "MC reset command failed: %s", IK_CC_TEXT(r.cc));
            return IK_EXIT_FAIL;
        }
    } else {
        int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_WARM_RESET, NULL, 0, &r, 0, "Warm Reset");
        if (rc < 0)
            return IK_EXIT_FAIL;
        if (rc > 0) {
            ik_cli_error(cli, "MC reset command failed: %s", IK_CC_TEXT(r.cc));
            return IK_EXIT_FAIL;
        }
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "reset", json_string(cold ? "cold" : "warm"));
        return ik_json_print(cli, o);
    }
    fprintf(cli->out, "Sent %s reset command to MC\n", cold ? "cold" : "warm");
    return IK_EXIT_OK;
}

static int mc_selftest(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc =
        ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_SELF_TEST, NULL, 0, &r, 2, "Get Self Test Results");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Bad response: (%s)", IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    /* At least 2 bytes (checked by the call); read those (lib/msg_app.c), ignore the rest. */
    struct ik_selftest st;
    if (ik_selftest_decode(r.data, IK_SELFTEST_LEN, &st) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the length is the one the decoder takes */
    uint8_t code = st.result, test = st.detail;
    static const char *const corrupted[8] = {"controller operational firmware corrupted",
                                             "Controller update boot block corrupted",
                                             "Internal Use Area corrupted",
                                             "SDR repository empty",
                                             "IPMB signal lines do not respond",
                                             "FRU device not accessible",
                                             " -> SDR repository not accessible",
                                             " -> SEL device not accessible"};
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "code", json_integer(code));
        IK_JSET(o, "detail", json_integer(test));
        const char *res = code == 0x55   ? "passed"
                          : code == 0x56 ? "not implemented"
                          : code == 0x57 ? "device corrupted"
                          : code == 0x58 ? "fatal error"
                          : code == 0xFF ? "reserved"
                                         : "device specific";
        IK_JSET(o, "result", json_string(res));
        json_t *a = json_array();
        if (code == 0x57)
            for (int i = 7; i >= 0; i--)
                if (test & (1u << i)) {
                    const char *t = corrupted[i];
                    json_array_append_new(a, json_string(t[0] == ' ' ? t + 4 : t));
                }
        IK_JSET(o, "failures", a);
        ik_json_print(cli, o);
        return code == 0x55 || (code != 0x56 && code != 0x57 && code != 0x58 && code != 0xFF)
                   ? IK_EXIT_OK
                   : IK_EXIT_FAIL;
    }
    FILE *f = cli->out;
    switch (code) {
    case 0x55:
        fputs("Selftest: passed\n", f);
        return IK_EXIT_OK;
    case 0x56:
        fputs("Selftest: not implemented\n", f);
        return IK_EXIT_FAIL;
    case 0x57:
        fputs("Selftest: device corrupted\n", f);
        /* ipmitool's order: SEL, SDR, FRU, IPMB, SDR empty, internal use, boot block,
         * firmware (bits 7 down to 0). */
        for (int i = 7; i >= 0; i--)
            if (test & (1u << i))
                fprintf(f, "%s\n", corrupted[i]);
        return IK_EXIT_FAIL;
    case 0x58:
        fprintf(f, "Selftest     : fatal error\nFailure code : %02x\n", test);
        return IK_EXIT_FAIL;
    case 0xFF:
        fputs("Selftest: N/A", f);
        return IK_EXIT_FAIL;
    default:
        fprintf(f, "Selftest     : device specific (%02Xh)\nFailure code : %02Xh\n", code, test);
        return IK_EXIT_OK;
    }
}

static const struct {
    const char *name, *desc;
    uint8_t mask;
} enables[] = {
    {"recv_msg_intr", "Receive Message Queue Interrupt", 0x01},
    {"event_msg_intr", "Event Message Buffer Full Interrupt", 0x02},
    {"event_msg", "Event Message Buffer", 0x04},
    {"system_event_log", "System Event Logging", 0x08},
    {"oem0", "OEM 0", 0x20},
    {"oem1", "OEM 1", 0x40},
    {"oem2", "OEM 2", 0x80},
};
#define N_ENABLES (sizeof(enables) / sizeof(enables[0]))

static int get_enables(struct ik_cli *cli, uint8_t *out)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_GLOBAL_ENABLE, NULL, 0, &r, 1,
                         "Get BMC Global Enables");
    if (rc > 0)
        ik_cli_error(cli, "Get Global Enables command failed: %s", IK_CC_TEXT(r.cc));
    if (rc)
        return -1;
    /* At least 1 byte (checked by the call); read that (lib/msg_app.c), ignore the rest. */
    struct ik_global_enables ge;
    if (ik_global_enables_decode(r.data, IK_GLOBAL_ENABLES_LEN, &ge) != 0)
        return -1; /* cannot happen: the length is the one the decoder takes */
    *out = ge.enables;
    return 0;
}

static int print_enables(struct ik_cli *cli, uint8_t en)
{
    if (cli->json) {
        json_t *o = json_object();
        for (size_t i = 0; i < N_ENABLES; i++)
            IK_JSET(o, enables[i].name, json_boolean(en & enables[i].mask));
        IK_JSET(o, "raw", ik_json_hex(&en, 1));
        return ik_json_print(cli, o);
    }
    for (size_t i = 0; i < N_ENABLES; i++)
        fprintf(cli->out, "%-40s : %sabled\n", enables[i].desc,
                en & enables[i].mask ? "en" : "dis");
    return IK_EXIT_OK;
}

static int mc_getenables(struct ik_cli *cli)
{
    uint8_t en;
    if (get_enables(cli, &en))
        return IK_EXIT_FAIL;
    return print_enables(cli, en);
}

static int mc_setenables(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 1) {
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    uint8_t old, en;
    if (get_enables(cli, &old))
        return IK_EXIT_FAIL;
    en = old;
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        size_t i_found = N_ENABLES;
        for (size_t k = 0; k < N_ENABLES; k++)
            if (eq && (size_t)(eq - argv[i]) == strlen(enables[k].name) &&
                strncmp(argv[i], enables[k].name, (size_t)(eq - argv[i])) == 0)
                i_found = k;
        if (i_found == N_ENABLES || (strcmp(eq + 1, "on") && strcmp(eq + 1, "off"))) {
            ik_cli_error(cli, "Unrecognized option: %s", argv[i]);
            return IK_EXIT_USAGE;
        }
        int on = strcmp(eq + 1, "on") == 0;
        if (!cli->json)
            fprintf(cli->out, "%s %s\n", on ? "Enabling" : "Disabling", enables[i_found].desc);
        en = on ? (uint8_t)(en | enables[i_found].mask) : (uint8_t)(en & ~enables[i_found].mask);
    }
    if (en == old) {
        if (!cli->json)
            fputs("\nNothing to change...\n", cli->out);
        return print_enables(cli, en);
    }
    const struct ik_global_enables ge = {.enables = en};
    uint8_t req[IK_GLOBAL_ENABLES_LEN];
    size_t n = 0;
    if (ik_global_enables_encode(&ge, req, sizeof(req), &n) != 0)
        return IK_EXIT_FAIL; /* cannot happen: one byte fits */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_SET_GLOBAL_ENABLE, req, n, &r, 0,
                         "Set BMC Global Enables");
    if (rc > 0)
        ik_cli_error(cli, "Set Global Enables command failed: %s", IK_CC_TEXT(r.cc));
    if (rc)
        return IK_EXIT_FAIL;
    if (!cli->json)
        fputs("\nVerifying...\n", cli->out);
    return mc_getenables(cli);
}

/* ---- watchdog --------------------------------------------------------------------------- */

static const char *const wdt_use[8] = {"Reserved", "BIOS FRB2", "BIOS/POST", "OS Load",
                                       "SMS/OS",   "OEM",       "Reserved",  "Reserved"};
static const char *const wdt_int[8] = {"None",     "SMI",      "NMI/Diagnostic", "Messaging",
                                       "Reserved", "Reserved", "Reserved",       "Reserved"};
static const char *const wdt_action[8] = {"No action", "Hard Reset", "Power Down", "Power Cycle",
                                          "Reserved",  "Reserved",   "Reserved",   "Reserved"};

static int wd_get(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    /* 8 bytes are due; 6 are enough for everything but the present countdown (OpenIPMI's
     * ipmi_sim sends 6, and ipmitool then prints whatever lies past them). */
    int rc =
        ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_WATCHDOG, NULL, 0, &r, 6, "Get Watchdog Timer");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Get Watchdog Timer command failed: %s", IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    /* Read as far as the spec defines (lib/msg_app.c, table 27-3), ignore the rest. A
     * 6- or 7-byte answer lacks the present countdown: it reads as 0 and is not shown. */
    uint8_t raw[IK_WDT_GET_LEN] = {0};
    memcpy(raw, r.data, r.len >= IK_WDT_GET_LEN ? IK_WDT_GET_LEN : 6); /* the call saw 6 */
    struct ik_wdt_get_rsp g;
    if (ik_wdt_get_rsp_decode(raw, sizeof(raw), &g) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the length is the one the decoder takes */
    /* The timer use and actions bytes as received, shown in hex as ipmitool does. */
    uint8_t use =
        (uint8_t)((g.no_log ? 0x80 : 0) | (g.running ? 0x40 : 0) | g.use_reserved | g.use);
    uint8_t act = (uint8_t)(g.action_reserved | g.pretimeout_irq << 4 | g.action);
    uint8_t pre_s = g.pretimeout_s, expired = g.expired;
    unsigned init = g.initial, pres = g.present;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "timer_use", json_integer(use & 7));
        IK_JSET(o, "timer_use_name", json_string(wdt_use[use & 7]));
        IK_JSET(o, "running", json_boolean(use & 0x40));
        IK_JSET(o, "logging", json_boolean(!(use & 0x80)));
        IK_JSET(o, "action", json_integer(act & 7));
        IK_JSET(o, "action_name", json_string(wdt_action[act & 7]));
        IK_JSET(o, "pretimeout_interrupt", json_string(wdt_int[(act >> 4) & 7]));
        IK_JSET(o, "pretimeout_s", json_integer(pre_s));
        json_t *fl = json_array();
        for (int i = 0; i < 8; i++)
            if (expired & (1u << i))
                json_array_append_new(fl, json_string(wdt_use[i]));
        IK_JSET(o, "expiration_flags", fl);
        IK_JSET(o, "initial_countdown_s", json_real(init / 10.0));
        IK_JSET(o, "present_countdown_s", r.len >= 8 ? json_real(pres / 10.0) : json_null());
        IK_JSET(o, "raw", ik_json_hex(r.data, r.len));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "Watchdog Timer Use:     %s (0x%02x)\n", wdt_use[use & 7], use);
    fprintf(f, "Watchdog Timer Is:      %s\n", use & 0x40 ? "Started/Running" : "Stopped");
    fprintf(f, "Watchdog Timer Logging: %s\n", use & 0x80 ? "Off" : "On");
    fprintf(f, "Watchdog Timer Action:  %s (0x%02x)\n", wdt_action[act & 7], act);
    fprintf(f, "Pre-timeout interrupt:  %s\n", wdt_int[(act >> 4) & 7]);
    fprintf(f, "Pre-timeout interval:   %d seconds\n", pre_s);
    fprintf(f, "Timer Expiration Flags: %s(0x%02x)\n", expired ? "" : "None ", expired);
    for (int i = 0; i < 8; i++)
        if (expired & (1u << i))
            fprintf(f, "                        * %s\n", wdt_use[i]);
    fprintf(f, "Initial Countdown:      %0.1f sec\n", init / 10.0);
    if (r.len < 8) {
        ik_cli_short(cli, "Get Watchdog Timer (present countdown)", r.len, 8);
        return IK_EXIT_FAIL;
    }
    fprintf(f, "Present Countdown:      %0.1f sec\n", pres / 10.0);
    return IK_EXIT_OK;
}

static int wd_reset(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc =
        ik_cli_call(cli, IK_NETFN_APPL, CMD_RESET_WATCHDOG, NULL, 0, &r, 0, "Reset Watchdog Timer");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        /* 80h: the timer was never set (IPMI 2.0 section 27.5). */
        ik_cli_error(cli, "Reset Watchdog Timer command failed: %s",
                     r.cc == 0x80 ? "Attempt to reset uninitialized watchdog" : IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "watchdog", json_string("reset"));
        return ik_json_print(cli, o);
    }
    fputs("IPMI Watchdog Timer Reset -  countdown restarted!\n", cli->out);
    return IK_EXIT_OK;
}

static int wd_off(struct ik_cli *cli)
{
    /* ipmitool's shut-off: use SMS/OS, no action, no pre-timeout, clear the SMS/OS
     * expiration flag, countdown 3000 x 100 ms (5 minutes), timer stopped. */
    const struct ik_wdt_set_req off = {
        .use = 4,            /* SMS/OS */
        .pretimeout_irq = 0, /* none */
        .action = 0,         /* no action */
        .pretimeout_s = 0,
        .clear_flags = 1u << 4, /* the SMS/OS expiration flag */
        .countdown = 3000,      /* 100 ms units */
    };
    uint8_t req[IK_WDT_SET_LEN];
    size_t n = 0;
    if (ik_wdt_set_req_encode(&off, req, sizeof(req), &n) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the fields are in range */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_SET_WATCHDOG, req, n, &r, 0, "Set Watchdog Timer");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Watchdog Timer Shutoff command failed! %s", IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "watchdog", json_string("off"));
        return ik_json_print(cli, o);
    }
    fputs("Watchdog Timer Shutoff successful -- timer stopped\n", cli->out);
    return IK_EXIT_OK;
}

static int mc_watchdog(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "Not enough parameters given.");
        fputs("usage: watchdog <get|reset|off>\n", cli->err);
        return IK_EXIT_USAGE;
    }
    if (strcmp(argv[1], "get") == 0)
        return wd_get(cli);
    if (strcmp(argv[1], "reset") == 0)
        return wd_reset(cli);
    if (strcmp(argv[1], "off") == 0)
        return wd_off(cli);
    ik_cli_error(cli, "Invalid mc/bmc %s command: %s", argv[0], argv[1]);
    return IK_EXIT_USAGE;
}

int ik_cmd_mc(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "Not enough parameters given.");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "help") == 0) {
        usage(cli->out);
        return IK_EXIT_OK;
    }
    if (strcmp(sub, "info") == 0)
        return mc_info(cli);
    if (strcmp(sub, "guid") == 0)
        return mc_guid(cli);
    if (strcmp(sub, "selftest") == 0)
        return mc_selftest(cli);
    if (strcmp(sub, "getenables") == 0)
        return mc_getenables(cli);
    if (strcmp(sub, "setenables") == 0)
        return mc_setenables(cli, argc - 2, argv + 2);
    if (strcmp(sub, "watchdog") == 0)
        return mc_watchdog(cli, argc - 1, argv + 1);
    if (strcmp(sub, "reset") == 0) {
        if (argc < 3 || (strcmp(argv[2], "warm") && strcmp(argv[2], "cold"))) {
            ik_cli_error(cli, "usage: mc reset <warm|cold>");
            return IK_EXIT_USAGE;
        }
        return mc_reset(cli, strcmp(argv[2], "cold") == 0);
    }
    ik_cli_error(cli, "Invalid mc/bmc command: %s", sub);
    usage(cli->err);
    return IK_EXIT_USAGE;
}
