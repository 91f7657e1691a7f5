/*
 * The agents' requests and how their answers are read (agent.h): watchdog, panic event,
 * poweroff.
 */
#include "agent.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "msg_app.h"
#include "msg_storage.h"
#include "msg_chassis.h"
#include "msg_se.h"
#include "ipmikit/error.h"
#include "ipmikit/names.h"

#define NETFN_CHASSIS 0x00
#define NETFN_SE      0x04
#define NETFN_APP     0x06
#define NETFN_STORAGE 0x0A

#define USE_SMS_OS 4 /* timer use 4: SMS/OS (table 27-2) */

static int why(struct ik_agent *a, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int why(struct ik_agent *a, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->why, sizeof(a->why), fmt, ap);
    va_end(ap);
    return err;
}

/* One request; IK_E_CC with why set when the completion code is not 00h, IK_E_TRUNCATED when
 * the answer is shorter than min data bytes. */
static int call(struct ik_agent *a, const char *what, uint8_t netfn, uint8_t cmd,
                const uint8_t *data, size_t len, uint8_t *rsp, size_t cap, size_t *rlen, size_t min)
{
    a->why[0] = '\0';
    int rc = a->call(a->ctx, netfn, cmd, data, len, rsp, cap, rlen, a->why, sizeof(a->why));
    if (rc) {
        if (!a->why[0])
            why(a, rc, "%s: %s", what, ik_strerror(rc));
        return rc;
    }
    if (*rlen < 1)
        return why(a, IK_E_PROTOCOL, "%s: empty answer", what);
    if (rsp[0] != 0)
        return why(a, IK_E_CC, "%s: completion code %02Xh (%s)", what, rsp[0],
                   ik_cc_name(rsp[0]) ? ik_cc_name(rsp[0]) : "unknown");
    if (*rlen - 1 < min)
        return why(a, IK_E_TRUNCATED, "%s: %zu data bytes, at least %zu expected", what, *rlen - 1,
                   min);
    return 0;
}

/* Get Device ID (lib/msg_app.c), read as far as the spec defines. */
static int device_id(struct ik_agent *a, struct ik_device_id *d)
{
    uint8_t rsp[64];
    size_t n;
    int rc =
        call(a, "Get Device ID", NETFN_APP, 0x01, NULL, 0, rsp, sizeof(rsp), &n, IK_DEVICE_ID_MIN);
    if (rc)
        return rc;
    rc = ik_device_id_decode_prefix(rsp + 1, n - 1, d);
    return rc ? why(a, rc, "Get Device ID: %s", ik_strerror(rc)) : 0;
}

/* ---- watchdog ------------------------------------------------------------------------------ */

static const char *const action_names[] = {"none", "reset", "power_off", "power_cycle"};
static const char *const pre_names[] = {"none", "smi", "nmi", "msg_int"};

void ik_wdt_default_cfg(struct ik_wdt_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->timeout_s = 10;
    cfg->action = IK_WDT_RESET;
    cfg->preaction = IK_WDT_PRE_NONE;
}

int ik_wdt_action_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, action_names[i]) == 0)
            return i;
    return -1;
}

int ik_wdt_preaction_parse(const char *s)
{
    static const char *const linux_names[] = {"pre_none", "pre_smi", "pre_nmi", "pre_int"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, pre_names[i]) == 0 || strcmp(s, linux_names[i]) == 0)
            return i;
    return -1;
}

const char *ik_wdt_action_name(unsigned action)
{
    return action < 4 ? action_names[action] : "?";
}

const char *ik_wdt_preaction_name(unsigned pre)
{
    return pre < 4 ? pre_names[pre] : "?";
}

int ik_wdt_check(const struct ik_wdt_cfg *cfg, char *why_buf, size_t cap)
{
    if (cfg->timeout_s < 1 || cfg->timeout_s > 6553) {
        snprintf(why_buf, cap, "timeout %u s is outside 1..6553 s", cfg->timeout_s);
        return IK_E_RANGE;
    }
    if (cfg->action > IK_WDT_POWER_CYCLE || cfg->preaction > IK_WDT_PRE_MSG_INT) {
        snprintf(why_buf, cap, "unknown action or pre-timeout interrupt");
        return IK_E_RANGE;
    }
    if (cfg->pretimeout_s > 255 ||
        (cfg->preaction != IK_WDT_PRE_NONE && cfg->pretimeout_s >= cfg->timeout_s)) {
        snprintf(why_buf, cap, "pre-timeout %u s must be shorter than the timeout (%u s)",
                 cfg->pretimeout_s, cfg->timeout_s);
        return IK_E_RANGE;
    }
    return 0;
}

/* Set Watchdog Timer request through lib/msg_app.c: the fields are masked to their widths,
 * so the encoder cannot refuse them. */
void ik_wdt_set_request(const struct ik_wdt_cfg *cfg, uint8_t out[6])
{
    uint8_t pre = cfg->preaction & 7;
    const struct ik_wdt_set_req v = {
        .no_log = cfg->no_log,
        .use = USE_SMS_OS,
        .pretimeout_irq = pre,
        .action = cfg->action & 7,
        .pretimeout_s = pre ? (uint8_t)cfg->pretimeout_s : 0,
        .clear_flags = 0,                             /* none */
        .countdown = (uint16_t)(cfg->timeout_s * 10), /* 100 ms units */
    };
    size_t n = 0;
    if (ik_wdt_set_req_encode(&v, out, IK_WDT_SET_LEN, &n) != 0)
        memset(out, 0, IK_WDT_SET_LEN); /* cannot happen, see above */
}

int ik_agent_wdt_start(struct ik_agent *a, const struct ik_wdt_cfg *cfg)
{
    uint8_t req[6], rsp[32];
    size_t n;
    int rc = ik_wdt_check(cfg, a->why, sizeof(a->why));
    if (rc)
        return rc;
    ik_wdt_set_request(cfg, req);
    rc = call(a, "Set Watchdog Timer", NETFN_APP, 0x24, req, 6, rsp, sizeof(rsp), &n, 0);
    if (rc == 0)
        rc = call(a, "Reset Watchdog Timer", NETFN_APP, 0x22, NULL, 0, rsp, sizeof(rsp), &n, 0);
    return rc;
}

int ik_agent_wdt_pat(struct ik_agent *a, const struct ik_wdt_cfg *cfg)
{
    uint8_t rsp[32];
    size_t n;
    int rc = call(a, "Reset Watchdog Timer", NETFN_APP, 0x22, NULL, 0, rsp, sizeof(rsp), &n, 0);
    if (rc == IK_E_CC && rsp[0] == 0x80) /* attempt to start an un-initialized watchdog */
        return ik_agent_wdt_start(a, cfg);
    return rc;
}

int ik_agent_wdt_stop(struct ik_agent *a)
{
    struct ik_wdt_cfg off;
    uint8_t req[6], rsp[32];
    size_t n;
    ik_wdt_default_cfg(&off);
    off.action = IK_WDT_NO_ACTION;
    ik_wdt_set_request(&off, req);
    return call(a, "Set Watchdog Timer", NETFN_APP, 0x24, req, 6, rsp, sizeof(rsp), &n, 0);
}

int ik_agent_wdt_get(struct ik_agent *a, struct ik_wdt_state *st)
{
    uint8_t rsp[32];
    size_t n;
    int rc = call(a, "Get Watchdog Timer", NETFN_APP, 0x25, NULL, 0, rsp, sizeof(rsp), &n,
                  IK_WDT_GET_LEN);
    if (rc)
        return rc;
    /* Get Watchdog Timer response (lib/msg_app.c) after the completion code: call() saw 8
     * bytes; read those, ignore the rest. */
    struct ik_wdt_get_rsp g;
    rc = ik_wdt_get_rsp_decode(rsp + 1, IK_WDT_GET_LEN, &g);
    if (rc)
        return why(a, rc, "Get Watchdog Timer: %s", ik_strerror(rc));
    st->no_log = g.no_log;
    st->running = g.running;
    st->use = g.use;
    st->preaction = g.pretimeout_irq;
    st->action = g.action;
    st->pretimeout_s = g.pretimeout_s;
    st->expired = g.expired;
    st->initial_ds = g.initial;
    st->present_ds = g.present;
    return 0;
}

/* ---- panic event ------------------------------------------------------------------------- */

size_t ik_panic_event_request(const char *text, bool session, uint8_t out[8])
{
    size_t len = strlen(text), n = 0;
    struct ik_event_msg ev = {
        .has_generator = !session, /* in a session the requester is the generator */
        .generator = IK_PANIC_GEN_ID,
        .evm_rev = 0x03,     /* IPMI 1.0 format, as the kernel sends it */
        .sensor_type = 0x20, /* OS critical stop */
        .sensor_num = len > 0 ? (uint8_t)text[0] : 0,
        .deassertion = false,
        .event_type = 0x6F, /* sensor-specific */
        .data_len = 3,
        /* run-time critical stop; OEM codes in data 2 and 3 */
        .data = {0xA1, len > 1 ? (uint8_t)text[1] : 0, len > 2 ? (uint8_t)text[2] : 0},
    };
    if (ik_event_msg_encode(&ev, out, IK_EVENT_MSG_SYSIF_MAX, &n) != 0)
        return 0; /* cannot happen: every field is in range and 8 bytes fit */
    return n;
}

size_t ik_panic_record_count(const char *text)
{
    size_t n = (strlen(text) + IK_PANIC_CHUNK - 1) / IK_PANIC_CHUNK;
    return n > IK_PANIC_MAX_CHUNKS ? IK_PANIC_MAX_CHUNKS : n;
}

void ik_panic_record(const char *text, uint8_t slave_addr, size_t n, uint8_t rec[16])
{
    size_t len = strlen(text), off = n * IK_PANIC_CHUNK;
    memset(rec, 0, 16);
    rec[2] = 0xF0; /* OEM record, no timestamp */
    rec[3] = slave_addr;
    rec[4] = (uint8_t)n;
    /* Eleven bytes of text, NUL-padded when fewer remain (the kernel's strncpy). */
    for (size_t i = 0; i < IK_PANIC_CHUNK && off + i < len; i++)
        rec[5 + i] = (uint8_t)text[off + i];
}

int ik_agent_panic(struct ik_agent *a, const char *text, uint8_t slave_addr, bool oem,
                   struct ik_panic_result *res)
{
    uint8_t req[16], rsp[64];
    size_t n;
    memset(res, 0, sizeof(*res));
    size_t len = ik_panic_event_request(text, a->session, req);
    int rc = call(a, "Platform Event Message", NETFN_SE, 0x02, req, len, rsp, sizeof(rsp), &n, 0);
    if (rc || !oem || !*text)
        return rc;
    struct ik_device_id dev;
    rc = device_id(a, &dev);
    if (rc)
        return rc;
    if (!(dev.support & IK_DEVID_SEL)) {
        res->no_sel = true;
        return 0;
    }
    size_t total = ik_panic_record_count(text);
    for (size_t i = 0; i < total; i++) {
        char what[64];
        snprintf(what, sizeof(what), "Add SEL Entry (panic text record %zu)", i);
        ik_panic_record(text, slave_addr, i, req);
        rc = call(a, what, NETFN_STORAGE, 0x44, req, 16, rsp, sizeof(rsp), &n, 2);
        if (rc)
            return rc;
        struct ik_sel_id_rsp added; /* call() saw the 2-byte record ID; extra bytes ignored */
        rc = ik_sel_id_rsp_decode(rsp + 1, IK_SEL_ID_RSP_LEN, &added);
        if (rc)
            return why(a, rc, "Add SEL Entry: %s", ik_strerror(rc));
        if (i == 0)
            res->first_id = added.record_id;
        res->last_id = added.record_id;
        res->records++;
    }
    return 0;
}

/* ---- poweroff --------------------------------------------------------------------------- */

int ik_agent_poweroff(struct ik_agent *a, bool cycle, enum ik_poweroff_done *done,
                      uint8_t *cycle_cc)
{
    uint8_t rsp[64];
    size_t n;
    struct ik_device_id dev;
    int rc = device_id(a, &dev);
    if (rc)
        return rc;
    if (!(dev.support & IK_DEVID_CHASSIS))
        return why(a, IK_E_UNSUPPORTED,
                   "the BMC has no chassis device (Get Device ID additional support %02Xh, "
                   "bit 7 clear): it cannot power the system off",
                   dev.support);
    uint8_t req[IK_CHASSIS_CONTROL_LEN];
    size_t qn = 0;
    if (cycle) {
        struct ik_chassis_control_req pc = {.control = IK_CTL_CYCLE};
        rc = ik_chassis_control_req_encode(&pc, req, sizeof(req), &qn);
        if (rc)
            return why(a, rc, "Chassis Control: %s", ik_strerror(rc)); /* cannot happen */
        rc = call(a, "Chassis Control (power cycle)", NETFN_CHASSIS, 0x02, req, qn, rsp,
                  sizeof(rsp), &n, 0);
        if (rc == 0) {
            *done = IK_POWEROFF_CYCLE;
            return 0;
        }
        if (rc != IK_E_CC)
            return rc;
        /* The BMC cannot cycle: power down instead, as ipmi_poweroff does. */
        *cycle_cc = rsp[0];
    }
    struct ik_chassis_control_req down = {.control = IK_CTL_DOWN};
    rc = ik_chassis_control_req_encode(&down, req, sizeof(req), &qn);
    if (rc)
        return why(a, rc, "Chassis Control: %s", ik_strerror(rc)); /* cannot happen */
    rc = call(a, "Chassis Control (power down)", NETFN_CHASSIS, 0x02, req, qn, rsp, sizeof(rsp), &n,
              0);
    if (rc)
        return rc;
    *done = cycle ? IK_POWEROFF_FELL_BACK : IK_POWEROFF_DOWN;
    return 0;
}
