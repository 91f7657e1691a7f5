/*
 * NetFn Chassis (00h): power control and status, identify, restore policy, restart cause,
 * system boot options, power-on hours (IPMI 2.0 section 28); and the App NetFn's Set/Get
 * ACPI Power State (section 20.6/20.7), which describe the same system.
 *
 * Power is a small state machine on the engine's clock. Every transition takes the time the
 * description gives (power.on_ms, off_ms, cycle_ms, reset_ms, soft_ms):
 *
 *   off --Chassis Control up--> TO_ON --on_ms--> on
 *   on  --down--> TO_OFF --off_ms--> off        on --soft--> TO_OFF --soft_ms--> off
 *   on  --cycle--> CYCLE_OFF --off_ms--> CYCLE_WAIT (off) --cycle_ms--> TO_ON --on_ms--> on
 *   on  --hard reset--> RESET --reset_ms--> on (restarted)
 *
 * A transition starts the power hook at once (struct ik_bmc_power_event: bmcd runs the
 * description's command, e.g. "virsh start vm1"); the reported state follows the delays.
 * A new command replaces a transition in progress. Cycle, reset, diagnostic interrupt and
 * soft shutdown need the system on (D5h otherwise, as the spec recommends for cycle).
 *
 * Starting bmcd is a BMC reboot, not an AC loss: the stored power state carries on and no
 * hook runs. Only the very first start (nothing stored) applies the restore policy: always
 * on, always off, or "previous" meaning the description's power.initial_on.
 *
 * Boot flags (parameter 5) are handed to the hook of the next restart. A restart by a
 * Chassis Control command uses them and clears the valid bit unless they are persistent;
 * a restart by the watchdog, a button or PEF clears the valid bit without using them
 * unless parameter 3 says not to; and the valid bit clears 60 s after it was set if no
 * restart came (parameter 3 bit 3 disables that).
 *
 * Stored: "chassis/state" (policy, power state, power-on minutes) and "chassis/boot"
 * (parameters 1-7).
 */
#include "bmc_int.h"

#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "msg_chassis.h"

#define NETFN_CHASSIS 0x00
#define NETFN_APP     0x06

#define STATE_VERSION 1
#define BOOT_VERSION  1

#define BOOT_VALID_TIMEOUT (60 * IK_US_PER_S)
#define POH_SAVE_EVERY     (3600 * IK_US_PER_S)

/* Parameter 3, BMC boot flag valid bit clearing: "don't clear ..." bits. */
#define VC_POWER_BUTTON 0x01
#define VC_RESET_BUTTON 0x02
#define VC_WATCHDOG     0x04
#define VC_TIMEOUT      0x08
#define VC_PEF          0x10

/* ACPI system power states (table 20-6) the chassis sets by itself. */
#define ACPI_S0      0x00
#define ACPI_S5      0x05
#define ACPI_UNKNOWN 0x2A

static ik_time_us ms(uint32_t v)
{
    return (ik_time_us)v * IK_US_PER_MS;
}

static uint64_t poh_now(struct ik_bmc *bmc)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    uint64_t m = c->poh_minutes;
    if (c->on && bmc->now > c->on_since)
        m += (bmc->now - c->on_since) / (60 * IK_US_PER_S);
    return m;
}

static int save_state(struct ik_bmc *bmc)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    uint8_t buf[16];
    struct ik_wr w;
    ik_wr_init(&w, buf, sizeof(buf));
    ik_wr_u8(&w, STATE_VERSION);
    ik_wr_u8(&w, c->policy);
    ik_wr_u8(&w, c->on);
    ik_wr_le32(&w, (uint32_t)(poh_now(bmc) > 0xFFFFFFFFu ? 0xFFFFFFFFu : poh_now(bmc)));
    c->poh_saved_at = bmc->now;
    return ik_plat_kv_put(bmc, "chassis/state", buf, w.off);
}

static int save_boot(struct ik_bmc *bmc)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    uint8_t buf[128];
    struct ik_wr w;
    ik_wr_init(&w, buf, sizeof(buf));
    ik_wr_u8(&w, BOOT_VERSION);
    ik_wr_u8(&w, c->boot_invalid);
    ik_wr_u8(&w, c->svc_partition_sel);
    ik_wr_u8(&w, c->svc_partition_scan);
    ik_wr_u8(&w, c->valid_clear);
    ik_wr_bytes(&w, c->boot_ack, 2);
    ik_wr_bytes(&w, c->boot_flags, 5);
    ik_wr_bytes(&w, c->initiator, 9);
    ik_wr_bytes(&w, c->mailbox, sizeof(c->mailbox));
    return ik_plat_kv_put(bmc, "chassis/boot", buf, w.off);
}

/* Whether this restart uses the boot flags (else, the valid bit is cleared unused). */
static int flags_apply(struct ik_bmc_chassis *c, uint8_t cause)
{
    uint8_t keep = 0;
    if (!(c->boot_flags[0] & 0x80))
        return 0;
    switch (cause) {
    case IK_CAUSE_POWER_BUTTON:
        keep = c->valid_clear & VC_POWER_BUTTON;
        break;
    case IK_CAUSE_RESET_BUTTON:
    case IK_CAUSE_SOFT_RESET:
        keep = c->valid_clear & VC_RESET_BUTTON;
        break;
    case IK_CAUSE_WATCHDOG:
        keep = c->valid_clear & VC_WATCHDOG;
        break;
    case IK_CAUSE_PEF_RESET:
    case IK_CAUSE_PEF_CYCLE:
        keep = c->valid_clear & VC_PEF;
        break;
    default:
        return 1;
    }
    return keep != 0;
}

/* The system restarted (came on, or came out of reset) for `cause`. */
static void restarted(struct ik_bmc *bmc, ik_time_us at, uint8_t cause, uint8_t chan)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    c->restart_cause = cause;
    c->restart_chan = chan;
    c->on_since = at;
    c->acpi_sys = ACPI_S0;
    if (c->boot_flags[0] & 0x80) {
        /* Used for this boot (or dropped): either way, once unless persistent. */
        if (!flags_apply(c, cause) || !(c->boot_flags[0] & 0x40)) {
            c->boot_flags[0] &= (uint8_t)~0x80;
            c->boot_valid_at = 0;
            save_boot(bmc);
        }
    }
}

static void went_off(struct ik_bmc *bmc, ik_time_us at)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    if (c->on && at > c->on_since)
        c->poh_minutes += (at - c->on_since) / (60 * IK_US_PER_S);
    c->on = 0;
    c->acpi_sys = ACPI_S5;
    ik_wdt_system_reset(bmc);
}

/* Finish every phase that is due (a cycle can finish two). */
void ik_chassis_catch_up(struct ik_bmc *bmc)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    int changed = 0;
    while (c->phase != IK_PH_STEADY && bmc->now >= c->at) {
        ik_time_us at = c->at;
        switch (c->phase) {
        case IK_PH_TO_ON:
        case IK_PH_CYCLE_WAIT:
            if (c->phase == IK_PH_CYCLE_WAIT) {
                /* The off interval is over: power comes back, taking on_ms. */
                c->phase = IK_PH_TO_ON;
                c->at = at + ms(ik_plat(bmc)->power.on_ms);
                continue;
            }
            c->on = 1;
            c->phase = IK_PH_STEADY;
            /* byte 2 bit 4: the last power-on was by an IPMI command (or not) */
            if (c->pending_cause == IK_CAUSE_CHASSIS_CMD)
                c->last_event |= 0x10;
            else
                c->last_event &= (uint8_t)~0x10;
            restarted(bmc, at, c->pending_cause, c->pending_chan);
            changed = 1;
            break;
        case IK_PH_TO_OFF:
            went_off(bmc, at);
            c->phase = IK_PH_STEADY;
            changed = 1;
            break;
        case IK_PH_CYCLE_OFF:
            went_off(bmc, at);
            c->phase = IK_PH_CYCLE_WAIT;
            c->at = at + ms(ik_plat(bmc)->power.cycle_ms);
            changed = 1;
            break;
        case IK_PH_RESET:
            c->phase = IK_PH_STEADY;
            restarted(bmc, at, c->pending_cause, c->pending_chan);
            changed = 1;
            break;
        default:
            c->phase = IK_PH_STEADY;
            break;
        }
    }
    if (changed) {
        save_state(bmc);
        ik_sensors_power_changed(bmc);
    }
    if (c->identify_until && bmc->now >= c->identify_until)
        c->identify_until = 0;
    if ((c->boot_flags[0] & 0x80) && c->boot_valid_at && !(c->valid_clear & VC_TIMEOUT) &&
        bmc->now >= c->boot_valid_at + BOOT_VALID_TIMEOUT) {
        c->boot_flags[0] &= (uint8_t)~0x80;
        c->boot_valid_at = 0;
        save_boot(bmc);
    }
    if (c->on && bmc->now >= c->poh_saved_at + POH_SAVE_EVERY)
        save_state(bmc);
}

int ik_chassis_powered(struct ik_bmc *bmc)
{
    return bmc->chassis.on;
}

ik_time_us ik_chassis_on_since(struct ik_bmc *bmc)
{
    return bmc->chassis.on_since;
}

static void run_hook(struct ik_bmc *bmc, int action, uint8_t cause, int boot)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    static const char *const names[] = {"off", "on", "cycle", "reset", "diag", "soft"};
    struct ik_bmc_power_event ev = {.action = (uint8_t)action, .cause = cause};
    struct ik_boot_flags f;
    if (boot && flags_apply(c, cause) &&
        ik_boot_flags_decode(c->boot_flags, sizeof(c->boot_flags), &f) == 0) {
        ev.boot_valid = 1;
        ev.boot_device = f.device;
        ev.boot_efi = f.efi ? 1 : 0;
        ev.boot_persist = f.persistent ? 1 : 0;
    }
    ik_bmc_log(bmc, "event=power_action action=%s cause=%u", names[action], cause);
    if (bmc->cfg.power_hook)
        bmc->cfg.power_hook(bmc->cfg.power_hook_ctx, &ev);
}

int ik_chassis_action(struct ik_bmc *bmc, int action, uint8_t cause, uint8_t chan)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    const struct ik_mpower *p = &ik_plat(bmc)->power;
    ik_chassis_catch_up(bmc);
    switch (action) {
    case IK_PWR_OFF:
        if (!c->on) {
            if (c->phase == IK_PH_STEADY)
                return 0;            /* already off */
            c->phase = IK_PH_STEADY; /* a power-up or a cycle's off interval is abandoned */
        } else if (c->phase == IK_PH_TO_OFF) {
            return 0; /* already going down */
        } else if (c->phase == IK_PH_CYCLE_OFF) {
            c->phase = IK_PH_TO_OFF; /* going down anyway, now for good */
        } else {
            c->phase = IK_PH_TO_OFF;
            c->at = bmc->now + ms(p->off_ms);
        }
        break;
    case IK_PWR_ON:
        if (c->on) {
            if (c->phase != IK_PH_TO_OFF)
                return 0;            /* on, or a cycle/reset that ends on */
            c->phase = IK_PH_STEADY; /* the power-down is called off */
        } else {
            if (c->phase == IK_PH_TO_ON)
                return 0;
            c->phase = IK_PH_TO_ON; /* also ends a cycle's off interval early */
            c->at = bmc->now + ms(p->on_ms);
        }
        break;
    case IK_PWR_CYCLE:
        if (!c->on)
            return IK_E_STATE;
        c->phase = IK_PH_CYCLE_OFF;
        c->at = bmc->now + ms(p->off_ms);
        break;
    case IK_PWR_RESET:
        if (!c->on)
            return IK_E_STATE;
        c->phase = IK_PH_RESET;
        c->at = bmc->now + ms(p->reset_ms);
        ik_wdt_system_reset(bmc);
        break;
    case IK_PWR_DIAG:
        if (!c->on)
            return IK_E_STATE;
        break;
    case IK_PWR_SOFT:
        if (!c->on)
            return IK_E_STATE;
        if (p->soft_honoured) {
            c->phase = IK_PH_TO_OFF;
            c->at = bmc->now + ms(p->soft_ms);
        }
        break;
    default:
        return IK_E_INVAL;
    }
    c->pending_cause = cause;
    c->pending_chan = chan;
    run_hook(bmc, action, cause,
             action == IK_PWR_ON || action == IK_PWR_CYCLE || action == IK_PWR_RESET);
    return 0;
}

/*
 * Get Chassis Capabilities response (table 28-2): capability flags, then the addresses of
 * the FRU info, SDR, SEL and system management devices (all this BMC, 20h).
 */
static void get_capabilities(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    rsp->data[0] = ik_plat(bmc)->chassis.caps & 0x0F;
    rsp->data[1] = 0x20;
    rsp->data[2] = 0x20;
    rsp->data[3] = 0x20;
    rsp->data[4] = 0x20;
    rsp->len = 5;
}

/* Get Chassis Status (lib/msg_chassis.c): power, the last power event as recorded, the
 * identify state, faults from the sensors, and the front panel buttons only if the
 * description has them. */
static void get_status(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                       const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_bmc_chassis *c = &bmc->chassis;
    const struct ik_mchassis *mc = &ik_plat(bmc)->chassis;
    ik_plat_catch_up(bmc);
    struct ik_chassis_status v = {
        .power_on = c->on,
        .policy = c->policy & 3,
        .ac_failed = c->last_event & 0x01,
        .last_overload = c->last_event & 0x02,
        .last_interlock = c->last_event & 0x04,
        .last_fault = c->last_event & 0x08,
        .last_on_by_command = c->last_event & 0x10,
        .identify_supported = true,
        .identify_state = c->identify_forced  ? IK_IDENTIFY_ON
                          : c->identify_until ? IK_IDENTIFY_TIMED
                                              : IK_IDENTIFY_OFF,
        .fan_fault = ik_sensors_critical(bmc, 0x04), /* sensor type 04h: fan */
        /* drive slot (0Dh) offset 1: drive fault; physical security (05h) offset 0:
         * general chassis intrusion */
        .drive_fault = ik_sensors_state_asserted(bmc, 0x0D, 0x01),
        .intrusion = ik_sensors_state_asserted(bmc, 0x05, 0x00),
        .has_buttons = mc->has_buttons,
        .buttons = mc->buttons,
    };
    size_t n = 0;
    if (ik_chassis_status_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: every field is masked to its width */
        return;
    }
    rsp->len = n;
}

static const uint8_t control_action[] = {IK_PWR_OFF,   IK_PWR_ON,   IK_PWR_CYCLE,
                                         IK_PWR_RESET, IK_PWR_DIAG, IK_PWR_SOFT};

/* Chassis Control (lib/msg_chassis.c): 0 down, 1 up, 2 cycle, 3 hard reset, 4 pulse
 * diagnostic interrupt, 5 soft shutdown (ACPI overtemperature emulation). Reserved bits or
 * values are CCh. */
static void chassis_control(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                            const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_chassis_control_req q;
    if (ik_chassis_control_req_decode(req->data, req->len, &q) != 0 || q.control > IK_CTL_SOFT) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t op = q.control;
    if (op == IK_CTL_DIAG && !(ik_plat(bmc)->chassis.caps & 0x04)) {
        rsp->cc = 0xCC; /* no diagnostic interrupt on this chassis */
        return;
    }
    if (op == IK_CTL_CYCLE && !ik_plat(bmc)->power.cycle_supported) {
        rsp->cc = 0xCC; /* this chassis can be switched off and on, not cycled */
        return;
    }
    ik_plat_catch_up(bmc);
    if (ik_chassis_action(bmc, control_action[op], IK_CAUSE_CHASSIS_CMD, ctx->channel) != 0)
        rsp->cc = 0xD5; /* not supported in present state (system is off) */
}

/* Chassis Identify (lib/msg_chassis.c): optional interval in seconds (0 = off; default
 * from the description, 15 s), optional force on indefinitely; reserved bits are CCh. */
static void chassis_identify(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)rsp;
    struct ik_bmc_chassis *c = &bmc->chassis;
    struct ik_chassis_identify_req q;
    if (ik_chassis_identify_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t secs = q.has_interval ? q.interval_s : ik_plat(bmc)->chassis.identify_s;
    int force = q.force;
    c->identify_forced = (uint8_t)force;
    c->identify_until = !force && secs ? bmc->now + (ik_time_us)secs * IK_US_PER_S : 0;
}

/* Set Power Restore Policy (lib/msg_chassis.c): 0 always off, 1 previous, 2 always on,
 * 3 no change. Response: the supported policies, all three. */
static void set_policy(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                       const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_policy_req q;
    if (ik_policy_req_decode(req->data, req->len, &q) != 0 || q.policy > IK_POLICY_UNKNOWN) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t v = q.policy;
    if (v != 3 && v != bmc->chassis.policy) {
        uint8_t old = bmc->chassis.policy;
        bmc->chassis.policy = v;
        if (save_state(bmc) != 0) {
            bmc->chassis.policy = old;
            rsp->cc = 0xFF;
            return;
        }
    }
    static const struct ik_policy_rsp all = {
        .always_off = true, .previous = true, .always_on = true};
    size_t n = 0;
    if (ik_policy_rsp_encode(&all, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: one byte */
        return;
    }
    rsp->len = n;
}

/* Get System Restart Cause (lib/msg_chassis.c): the cause, then the channel it came from. */
static void get_restart_cause(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                              const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    ik_plat_catch_up(bmc);
    struct ik_restart_cause_rsp v = {.cause = bmc->chassis.restart_cause & 0x0F,
                                     .channel = bmc->chassis.restart_chan & 0x0F};
    size_t n = 0;
    if (ik_restart_cause_rsp_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: both fields are masked to 4 bits */
        return;
    }
    rsp->len = n;
}

/* Get POH Counter (lib/msg_chassis.c): minutes per count, then the count. */
static void get_poh(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, const struct ik_bmc_req *req,
                    struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    uint8_t per = ik_plat(bmc)->chassis.poh_minutes;
    ik_plat_catch_up(bmc);
    uint64_t count = poh_now(bmc) / (per ? per : 1);
    if (count > 0xFFFFFFFFu)
        count = 0xFFFFFFFFu;
    struct ik_poh v = {.minutes_per_count = per, .count = (uint32_t)count};
    size_t n = 0;
    if (ik_poh_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: 5 bytes */
        return;
    }
    rsp->len = n;
}

/* Data length of each boot option parameter in a Set request (0-7). */
static const uint8_t boot_len[8] = {1, 1, 1, 1, 2, 5, 9, 17};

/*
 * Set System Boot Options (lib/msg_chassis.c): a parameter selector, the "mark invalid /
 * locked" bit, then the parameter's data (table 28-14):
 *   0 set in progress  [1:0] 0 complete, 1 in progress, 2 commit write
 *   1 service partition selector        2 service partition scan
 *   3 boot flag valid bit clearing      4 boot info acknowledge: write mask, data
 *   5 boot flags (5 bytes)              6 boot initiator info (9 bytes)
 *   7 boot initiator mailbox: block selector, up to 16 bytes
 * 80h unsupported parameter, 81h set already in progress, C7h wrong length.
 */
static void set_boot_options(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_chassis *c = &bmc->chassis;
    struct ik_boot_set_req q;
    if (ik_boot_set_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table wants 2 bytes or more */
        return;
    }
    uint8_t sel = q.param;
    bool invalid = q.invalid;
    const uint8_t *d = q.data;
    size_t n = q.data_len;
    if (sel > 7) {
        rsp->cc = 0x80; /* parameter not supported */
        return;
    }
    if (sel == 7 ? (n < 1 || n > boot_len[7]) : n != boot_len[sel]) {
        rsp->cc = 0xC7;
        return;
    }
    ik_plat_catch_up(bmc);
    switch (sel) {
    case 0:
        if ((d[0] & 3) == 3 || (d[0] & 0xFC)) {
            rsp->cc = 0xCC;
            return;
        }
        if ((d[0] & 3) == 1 && c->boot_in_progress) {
            rsp->cc = 0x81; /* set in progress already */
            return;
        }
        c->boot_in_progress = (d[0] & 3) == 1;
        return; /* volatile */
    case 1:
        c->svc_partition_sel = d[0];
        break;
    case 2:
        c->svc_partition_scan = d[0] & 0x03;
        break;
    case 3:
        c->valid_clear = d[0] & 0x1F;
        break;
    case 4:
        c->boot_ack[1] = (uint8_t)((c->boot_ack[1] & ~d[0]) | (d[1] & d[0]));
        break;
    case 5:
        memcpy(c->boot_flags, d, 5);
        c->boot_valid_at = (d[0] & 0x80) ? bmc->now : 0;
        break;
    case 6:
        memcpy(c->initiator, d, 9);
        break;
    case 7:
        if (d[0] >= IK_BOOT_MAILBOX_BLOCKS) {
            rsp->cc = 0xC9;
            return;
        }
        memset(c->mailbox[d[0]], 0, 16);
        memcpy(c->mailbox[d[0]], d + 1, n - 1);
        break;
    }
    if (invalid)
        c->boot_invalid |= (uint8_t)(1u << sel);
    else
        c->boot_invalid &= (uint8_t) ~(1u << sel);
    if (save_boot(bmc) != 0)
        rsp->cc = 0xFF;
}

/*
 * Get System Boot Options (lib/msg_chassis.c). Request: parameter selector, set selector,
 * block selector. Response: parameter version (01h), the parameter invalid/locked bit and
 * selector, then the parameter's data (parameter 4 reads back as 00h then the data).
 */
static void get_boot_options(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_chassis *c = &bmc->chassis;
    struct ik_boot_get_req q;
    if (ik_boot_get_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table wants exactly 3 bytes */
        return;
    }
    uint8_t sel = q.param, set = q.set;
    if (sel > 7) {
        rsp->cc = 0x80;
        return;
    }
    ik_plat_catch_up(bmc);
    /* The parameter's data first; the response frame goes around it. */
    uint8_t data[32];
    struct ik_wr w;
    ik_wr_init(&w, data, sizeof(data));
    switch (sel) {
    case 0:
        ik_wr_u8(&w, c->boot_in_progress ? 1 : 0);
        break;
    case 1:
        ik_wr_u8(&w, c->svc_partition_sel);
        break;
    case 2:
        ik_wr_u8(&w, c->svc_partition_scan);
        break;
    case 3:
        ik_wr_u8(&w, c->valid_clear);
        break;
    case 4:
        ik_wr_u8(&w, 0x00);
        ik_wr_u8(&w, c->boot_ack[1]);
        break;
    case 5:
        ik_wr_bytes(&w, c->boot_flags, 5);
        break;
    case 6:
        ik_wr_bytes(&w, c->initiator, 9);
        break;
    case 7:
        if (set >= IK_BOOT_MAILBOX_BLOCKS) {
            rsp->cc = 0xC9;
            return;
        }
        ik_wr_u8(&w, set);
        ik_wr_bytes(&w, c->mailbox[set], 16);
        break;
    }
    struct ik_boot_get_rsp v = {.version = 0x01,
                                .invalid = (c->boot_invalid >> sel) & 1,
                                .param = sel,
                                .data = data,
                                .data_len = w.off};
    size_t n = 0;
    if (w.err || ik_boot_get_rsp_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: parameter 7, the longest, is 17 bytes */
        return;
    }
    rsp->len = n;
}

/*
 * Set ACPI Power State (App 06h, table 20-5): system state byte ([7] set, [6:0] 00h-0Ah,
 * 20h legacy on, 21h legacy off, 2Ah unknown; 7Fh no change), device state byte ([7] set,
 * [6:0] 00h-03h D0-D3, 2Ah unknown). What the OS says; it does not move power.
 */
static void set_acpi(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, const struct ik_bmc_req *req,
                     struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    uint8_t sys = req->data[0], dev = req->data[1];
    uint8_t s = sys & 0x7F, d = dev & 0x7F;
    int s_ok = s <= 0x0A || s == 0x20 || s == 0x21 || s == 0x2A || s == 0x7F;
    int d_ok = d <= 0x03 || d == 0x2A || d == 0x7F;
    if (((sys & 0x80) && !s_ok) || ((dev & 0x80) && !d_ok)) {
        rsp->cc = 0xCC;
        return;
    }
    if ((sys & 0x80) && s != 0x7F)
        bmc->chassis.acpi_sys = s;
    if ((dev & 0x80) && d != 0x7F)
        bmc->chassis.acpi_dev = d;
}

static void get_acpi(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, const struct ik_bmc_req *req,
                     struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    ik_plat_catch_up(bmc);
    rsp->data[0] = bmc->chassis.acpi_sys;
    rsp->data[1] = bmc->chassis.acpi_dev;
    rsp->len = 2;
}

static int chassis_init(struct ik_bmc *bmc)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    const struct ik_mpower *p = &ik_plat(bmc)->power;
    memset(c, 0, sizeof(*c));
    c->policy = p->policy;
    c->acpi_sys = ACPI_UNKNOWN;
    c->acpi_dev = ACPI_UNKNOWN;
    /* Decided in start: 0 off, 1 on, 2 nothing stored yet. */
    c->on = 2;
    return 0;
}

static int chassis_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    struct ik_rd r;
    ik_rd_init(&r, val, len);
    if (strcmp(key, "chassis/state") == 0) {
        uint8_t ver = ik_rd_u8(&r), policy = ik_rd_u8(&r), on = ik_rd_u8(&r);
        uint32_t poh = ik_rd_le32(&r);
        if (ik_rd_end(&r) || ver != STATE_VERSION || policy > 2 || on > 1)
            return IK_E_CORRUPT;
        c->policy = policy;
        c->on = on;
        c->poh_minutes = poh;
        return 0;
    }
    if (strcmp(key, "chassis/boot") == 0) {
        struct ik_bmc_chassis t = *c;
        if (ik_rd_u8(&r) != BOOT_VERSION)
            return IK_E_CORRUPT;
        t.boot_invalid = ik_rd_u8(&r);
        t.svc_partition_sel = ik_rd_u8(&r);
        t.svc_partition_scan = ik_rd_u8(&r);
        t.valid_clear = ik_rd_u8(&r);
        ik_rd_bytes(&r, t.boot_ack, 2);
        ik_rd_bytes(&r, t.boot_flags, 5);
        ik_rd_bytes(&r, t.initiator, 9);
        ik_rd_bytes(&r, (uint8_t *)t.mailbox, sizeof(t.mailbox));
        if (ik_rd_end(&r))
            return IK_E_CORRUPT;
        *c = t;
        return 0;
    }
    return IK_E_NOTFOUND;
}

static int chassis_start(struct ik_bmc *bmc)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    const struct ik_mpower *p = &ik_plat(bmc)->power;
    c->on_since = bmc->now;
    if (c->on == 2) {
        /* First start: AC applied, the restore policy decides. */
        switch (c->policy) {
        case IK_POLICY_ON:
            c->on = 1;
            c->restart_cause = IK_CAUSE_ALWAYS_ON;
            break;
        case IK_POLICY_PREVIOUS:
            c->on = p->initial_on ? 1 : 0;
            c->restart_cause = c->on ? IK_CAUSE_PREVIOUS : IK_CAUSE_UNKNOWN;
            break;
        default:
            c->on = 0;
            break;
        }
        int rc = save_state(bmc);
        if (rc)
            return rc;
    }
    c->acpi_sys = c->on ? ACPI_S0 : ACPI_S5;
    c->poh_saved_at = bmc->now;
    /* Boot flags found valid after a BMC restart start their 60 s again. */
    if (c->boot_flags[0] & 0x80)
        c->boot_valid_at = bmc->now;
    return 0;
}

static ik_time_us chassis_tick(struct ik_bmc *bmc, ik_time_us now)
{
    struct ik_bmc_chassis *c = &bmc->chassis;
    ik_time_us next = 0;
    (void)now;
    ik_chassis_catch_up(bmc);
#define SOONER(t)                                                                                  \
    do {                                                                                           \
        ik_time_us t_ = (t);                                                                       \
        if (t_ && (!next || t_ < next))                                                            \
            next = t_;                                                                             \
    } while (0)
    if (c->phase != IK_PH_STEADY)
        SOONER(c->at);
    SOONER(c->identify_until);
    if ((c->boot_flags[0] & 0x80) && c->boot_valid_at && !(c->valid_clear & VC_TIMEOUT))
        SOONER(c->boot_valid_at + BOOT_VALID_TIMEOUT);
    if (c->on)
        SOONER(c->poh_saved_at + POH_SAVE_EVERY);
#undef SOONER
    return next;
}

/* Privileges from IPMI 2.0 appendix G. */
static const struct ik_bmc_cmd chassis_cmds[] = {
    {NETFN_CHASSIS, 0x00, IK_PRIV_USER, 0, 0, get_capabilities},
    {NETFN_CHASSIS, 0x01, IK_PRIV_USER, 0, 0, get_status},
    {NETFN_CHASSIS, 0x02, IK_PRIV_OPERATOR, 1, 1, chassis_control},
    {NETFN_CHASSIS, 0x04, IK_PRIV_OPERATOR, 0, 2, chassis_identify},
    {NETFN_CHASSIS, 0x06, IK_PRIV_OPERATOR, 1, 1, set_policy},
    {NETFN_CHASSIS, 0x07, IK_PRIV_USER, 0, 0, get_restart_cause},
    {NETFN_CHASSIS, 0x08, IK_PRIV_OPERATOR, 2, 18, set_boot_options},
    {NETFN_CHASSIS, 0x09, IK_PRIV_OPERATOR, 3, 3, get_boot_options},
    {NETFN_CHASSIS, 0x0F, IK_PRIV_USER, 0, 0, get_poh},
    {NETFN_APP, 0x06, IK_PRIV_ADMIN, 2, 2, set_acpi},
    {NETFN_APP, 0x07, IK_PRIV_USER, 0, 0, get_acpi},
};

const struct ik_bmc_module ik_bmc_mod_chassis = {
    .name = "chassis",
    .init = chassis_init,
    .kv_prefix = "chassis/",
    .load_kv = chassis_load_kv,
    .start = chassis_start,
    .tick = chassis_tick,
    .cmds = chassis_cmds,
    .ncmds = sizeof(chassis_cmds) / sizeof(chassis_cmds[0]),
};
