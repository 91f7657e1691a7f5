/*
 * NetFn App (06h), watchdog group: the BMC watchdog timer (IPMI 2.0 section 27): Reset
 * Watchdog Timer (22h), Set Watchdog Timer (24h), Get Watchdog Timer (25h).
 *
 * The countdown runs on the engine's clock in 100 ms units. When it reaches the
 * pre-timeout interval the pre-timeout interrupt "fires" (an NMI/diagnostic interrupt
 * goes to the power hook as a diagnostic pulse) and, unless "don't log" is set, a
 * Watchdog 2 event with offset 08h (timer interrupt) is logged; when it reaches zero the
 * timer stops, the expiration flag of the timer use is set, the action happens through
 * the chassis (hard reset, power down, power cycle; restart cause "watchdog") and a
 * Watchdog 2 event is logged with offset 00h-03h (table 42-3, sensor type 23h):
 *
 *   event data 1  C0h | offset   (data 2 holds a sensor-specific extension, data 3 unused)
 *   event data 2  [7:4] interrupt type (0 none, 1 SMI, 2 NMI, 3 messaging interrupt),
 *                 [3:0] timer use at expiration (1 BIOS FRB2 ... 5 OEM)
 *   event data 3  FFh
 *
 * The events use the first described sensor of type 23h (they are not logged without one,
 * but the action still happens). The timer stops when the system powers down or resets:
 * the software that was feeding it is gone.
 */
#include "bmc_int.h"

#include <string.h>

#include "ipmikit/error.h"
#include "msg_app.h"

#define NETFN_APP      0x06
#define WATCHDOG2      0x23
#define TICK_US        (100 * IK_US_PER_MS)
#define OFF_PRETIMEOUT 0x08

static ik_time_us pretimeout_at(const struct ik_bmc_wdt *w)
{
    ik_time_us pre = (ik_time_us)w->pretimeout_s * IK_US_PER_S;
    return w->deadline > pre ? w->deadline - pre : 0;
}

static int has_pretimeout(const struct ik_bmc_wdt *w)
{
    return ((w->actions >> 4) & 7) != 0 && w->pretimeout_s != 0;
}

static void log_wdt(struct ik_bmc *bmc, uint8_t offset)
{
    struct ik_bmc_wdt *w = &bmc->wdt;
    if (!w->has_sensor || (w->use & 0x80))
        return;
    uint8_t data[3] = {(uint8_t)(0xC0 | offset),
                       (uint8_t)(((w->actions >> 4) & 7) << 4 | (w->use & 7)), 0xFF};
    ik_sel_log_event(bmc, IK_BMC_GEN_ID, IK_EVM_REV, WATCHDOG2, w->sensor, 0x6F, data, NULL);
    ik_sensors_note_state(bmc, w->sensor, offset);
}

void ik_wdt_catch_up(struct ik_bmc *bmc)
{
    struct ik_bmc_wdt *w = &bmc->wdt;
    if (!w->running)
        return;
    if (has_pretimeout(w) && !w->pretimeout_done && bmc->now >= pretimeout_at(w)) {
        w->pretimeout_done = 1;
        ik_bmc_log(bmc, "event=watchdog_pretimeout use=%u", w->use & 7);
        ik_bridge_pretimeout(bmc); /* Get Message Flags bit 3 for system software */
        if (ik_plat(bmc)->watchdog.log_pretimeout)
            log_wdt(bmc, OFF_PRETIMEOUT);
        if (((w->actions >> 4) & 7) == 2 && ik_chassis_powered(bmc))
            ik_chassis_action(bmc, IK_PWR_DIAG, IK_CAUSE_WATCHDOG, 0);
    }
    if (bmc->now < w->deadline)
        return;
    uint8_t action = w->actions & 7;
    w->running = 0;
    w->stopped_count = 0;
    w->expired |= (uint8_t)(1u << (w->use & 7));
    ik_bmc_log(bmc, "event=watchdog_expired use=%u action=%u", w->use & 7, action);
    log_wdt(bmc, action);
    static const int chassis[] = {-1, IK_PWR_RESET, IK_PWR_OFF, IK_PWR_CYCLE};
    if (action >= 1 && action <= 3) {
        /* The chassis refuses a reset or cycle of a system that is off: nothing to do. */
        ik_chassis_action(bmc, chassis[action], IK_CAUSE_WATCHDOG, 0);
    }
}

void ik_wdt_system_reset(struct ik_bmc *bmc)
{
    struct ik_bmc_wdt *w = &bmc->wdt;
    if (!w->running)
        return;
    w->running = 0;
    w->stopped_count = w->initial;
}

static uint16_t present_count(struct ik_bmc *bmc)
{
    struct ik_bmc_wdt *w = &bmc->wdt;
    if (!w->running)
        return w->stopped_count;
    ik_time_us left = w->deadline > bmc->now ? w->deadline - bmc->now : 0;
    return (uint16_t)((left + TICK_US - 1) / TICK_US);
}

static void start(struct ik_bmc *bmc)
{
    struct ik_bmc_wdt *w = &bmc->wdt;
    w->running = 1;
    w->pretimeout_done = 0;
    w->deadline = bmc->now + (ik_time_us)w->initial * TICK_US;
}

/* Reset Watchdog Timer (table 27-1): restart the countdown from the initial value; 80h if
 * the timer was never set. */
static void reset_watchdog(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    ik_plat_catch_up(bmc);
    if (!bmc->wdt.set) {
        rsp->cc = 0x80; /* attempt to start an un-initialized watchdog */
        return;
    }
    start(bmc);
}

/*
 * Set Watchdog Timer (table 27-2, lib/msg_app.c; the engine checked the length, 6 bytes).
 * Reserved bits, timer use 0 or above 5 (OEM), and a reserved pre-timeout interrupt or
 * action are CCh. A running timer keeps running with the new countdown when "don't stop"
 * is set, and stops otherwise.
 */
static void set_watchdog(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_wdt *w = &bmc->wdt;
    struct ik_wdt_set_req v;
    if (ik_wdt_set_req_decode(req->data, req->len, &v) != 0 || v.use == 0 || v.use > 5 ||
        v.pretimeout_irq > 3 || v.action > 3) {
        rsp->cc = 0xCC;
        return;
    }
    if (v.pretimeout_irq && (uint32_t)v.pretimeout_s * 10 > v.countdown) {
        rsp->cc = 0xCC; /* pre-timeout interval longer than the countdown */
        return;
    }
    ik_plat_catch_up(bmc);
    int keep_running = v.dont_stop && w->running;
    w->use = (uint8_t)((v.no_log ? 0x80 : 0) | v.use);
    w->actions = (uint8_t)(v.pretimeout_irq << 4 | v.action);
    w->pretimeout_s = v.pretimeout_s;
    w->expired &= (uint8_t) ~(v.clear_flags & 0x3E); /* [5:1]: timer uses 1-5 */
    w->initial = v.countdown;
    w->set = 1;
    if (keep_running) {
        start(bmc);
    } else {
        w->running = 0;
        w->stopped_count = v.countdown;
    }
}

/* Get Watchdog Timer (table 27-3, lib/msg_app.c). */
static void get_watchdog(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_bmc_wdt *w = &bmc->wdt;
    ik_plat_catch_up(bmc);
    const struct ik_wdt_get_rsp v = {
        .no_log = w->use & 0x80,
        .running = w->running,
        .use = w->use & 7,
        .pretimeout_irq = (w->actions >> 4) & 7,
        .action = w->actions & 7,
        .pretimeout_s = w->pretimeout_s,
        .expired = w->expired,
        .initial = w->initial,
        .present = present_count(bmc),
    };
    size_t n = 0;
    if (ik_wdt_get_rsp_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: the fields are masked to their widths */
        return;
    }
    rsp->len = n;
}

static int wdt_init(struct ik_bmc *bmc)
{
    struct ik_bmc_wdt *w = &bmc->wdt;
    const struct ik_machine_platform *p = ik_plat(bmc);
    memset(w, 0, sizeof(*w));
    for (size_t i = 0; i < p->nsensors; i++) {
        if (p->sensors[i].sensor_type == WATCHDOG2) {
            w->sensor = p->sensors[i].number;
            w->has_sensor = 1;
            break;
        }
    }
    return 0;
}

static ik_time_us wdt_tick(struct ik_bmc *bmc, ik_time_us now)
{
    struct ik_bmc_wdt *w = &bmc->wdt;
    (void)now;
    ik_wdt_catch_up(bmc);
    if (!w->running)
        return 0;
    if (has_pretimeout(w) && !w->pretimeout_done && pretimeout_at(w) < w->deadline)
        return pretimeout_at(w);
    return w->deadline;
}

static const struct ik_bmc_cmd wdt_cmds[] = {
    {NETFN_APP, 0x22, IK_PRIV_OPERATOR, 0, 0, reset_watchdog},
    {NETFN_APP, 0x24, IK_PRIV_OPERATOR, 6, 6, set_watchdog},
    {NETFN_APP, 0x25, IK_PRIV_USER, 0, 0, get_watchdog},
};

const struct ik_bmc_module ik_bmc_mod_wdt = {
    .name = "watchdog",
    .init = wdt_init,
    .tick = wdt_tick,
    .cmds = wdt_cmds,
    .ncmds = sizeof(wdt_cmds) / sizeof(wdt_cmds[0]),
};
