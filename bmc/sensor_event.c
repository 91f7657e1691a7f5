/*
 * NetFn Sensor/Event (04h): the event receiver, Platform Event Message, and the sensor
 * commands (IPMI 2.0 sections 29 and 35) over the live sensors of bmc/sensors.c. The
 * Device SDR commands of this NetFn are served by bmc/storage_sdr.c with the repository.
 *
 * Completion codes: CBh no sensor with that number, CCh a field the sensor cannot take
 * (thresholds of a discrete sensor, a threshold that is not settable, thresholds out of
 * order, hysteresis that is not settable, a reserved operation), C9h a threshold outside
 * the sensor's described reading range, C4h/81h the SEL is full / being erased (Platform
 * Event Message), FFh the store failed.
 */
#include "sensors.h"

#include <math.h>
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "msg_se.h"

#define NETFN_SE 0x04

/* The sensor named by byte 0 of the request, brought up to date; NULL after setting CBh. */
static struct ik_sensor *sensor_of(struct ik_bmc *bmc, const struct ik_bmc_req *req,
                                   struct ik_bmc_rsp *rsp)
{
    ik_plat_catch_up(bmc);
    struct ik_sensor *s = ik_sensor_get(bmc, req->data[0]);
    if (!s)
        rsp->cc = 0xCB; /* requested sensor not present */
    return s;
}

/* Set Event Receiver (lib/msg_se.c): slave address (FFh = disable event generation), LUN;
 * reserved bits are dropped. */
static void set_event_receiver(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_event_receiver q;
    if (ik_event_receiver_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table wants exactly 2 bytes */
        return;
    }
    bmc->sensors.receiver_addr = q.addr;
    bmc->sensors.receiver_lun = q.lun;
}

static void get_event_receiver(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_event_receiver v = {.addr = bmc->sensors.receiver_addr,
                                  .lun = bmc->sensors.receiver_lun};
    size_t n = 0;
    if (ik_event_receiver_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: stored as Set Event Receiver decoded it */
        return;
    }
    rsp->len = n;
}

/*
 * Platform Event Message (lib/msg_se.c). From the system interface the request starts with
 * the generator ID (a software ID such as 41h, the Linux kernel's); from elsewhere the
 * generator is the requester (its address, LUN and channel). Then the EvM revision (03h or
 * 04h, else CCh), sensor type, sensor number, event dir | type, event data 1, [2], [3] (FFh
 * when absent). The event goes to this BMC's SEL; BMC Global Enables bit 3 off drops it.
 */
static void platform_event(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_event_msg e;
    uint16_t gen;
    int rc = ctx->channel == IK_CHAN_SYSTEM ? ik_event_msg_sysif_decode(req->data, req->len, &e)
                                            : ik_event_msg_decode(req->data, req->len, &e);
    if (rc) {
        /* short: C7h request data length invalid; long: C8h request data field length
         * limit exceeded */
        rsp->cc = rc == IK_E_OVERSIZE ? 0xC8 : 0xC7;
        return;
    }
    if (e.has_generator)
        gen = e.generator;
    else
        gen = (uint16_t)(ctx->rq_addr | (uint16_t)((ctx->channel & 0x0F) << 12) |
                         (uint16_t)((ctx->rq_lun & 3) << 8));
    if (e.evm_rev != 0x03 && e.evm_rev != 0x04) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t data[3] = {e.data[0], e.data_len > 1 ? e.data[1] : 0xFF,
                       e.data_len > 2 ? e.data[2] : 0xFF};
    uint8_t dir_type = (uint8_t)((e.deassertion ? 0x80 : 0) | e.event_type);
    switch (
        ik_sel_log_event(bmc, gen, e.evm_rev, e.sensor_type, e.sensor_num, dir_type, data, NULL)) {
    case 0:
    case IK_E_DISABLED:
        break;
    case IK_E_LIMIT:
        rsp->cc = 0xC4;
        break;
    case IK_E_BUSY:
        rsp->cc = 0x81;
        break;
    default:
        rsp->cc = 0xFF;
        break;
    }
}

/*
 * Get Sensor Reading (lib/msg_se.c): the reading (00h when unavailable), the enables, and
 * both state bytes: threshold comparisons (byte 4 00h) or discrete states 0-14.
 * Reserved bits are returned as 0 (as ipmi_sim does; FreeIPMI reads byte 3 bits 7:6 of a
 * threshold sensor as states when they are set).
 */
static void get_sensor_reading(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_sensor_reading v = {
        .reading = s->unavailable ? 0 : s->raw,
        .events_enabled = s->events_enabled,
        .scanning_enabled = s->scanning_enabled,
        .unavailable = s->unavailable,
        .state_bytes = 2,
        .states = s->unavailable ? 0
                  : s->threshold ? (uint16_t)(s->exceeded & 0x3F)
                                 : (uint16_t)(s->states & 0x7FFF),
    };
    size_t n = 0;
    if (ik_sensor_reading_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: two state bytes */
        return;
    }
    rsp->len = n;
}

/* Get Sensor Reading Factors (lib/msg_se.c): the next reading, then M, tolerance, B,
 * accuracy, direction, R and B exponents from the full record. The factors of a linear
 * sensor are the same for every reading: "next reading" is FFh. */
static void get_reading_factors(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                                const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_reading_factors_req q;
    if (ik_reading_factors_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table wants exactly 2 bytes */
        return;
    }
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_sdr_record r;
    if (!s->threshold || s->d->record != IK_MREC_FULL || ik_sensor_sdr(s->d, 0, &r) != 0) {
        rsp->cc = 0xCC;
        return;
    }
    const struct ik_sdr_full *f = &r.u.full;
    struct ik_reading_factors v = {
        .next_reading = 0xFF,
        .m = f->m,
        .tolerance = f->tolerance,
        .b = f->b,
        .accuracy = f->accuracy,
        .accuracy_exp = f->accuracy_exp,
        .direction = f->direction,
        .r_exp = f->r_exp,
        .b_exp = f->b_exp,
    };
    size_t n = 0;
    if (ik_reading_factors_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xCC; /* factors the record could not hold either */
        return;
    }
    rsp->len = n;
}

/* Set Sensor Hysteresis (lib/msg_se.c): sensor, reserved mask (FFh), positive, negative. */
static void set_hysteresis(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_hysteresis_set_req q;
    if (ik_hysteresis_set_req_decode(req->data, req->len, &q) != 0 || !s->threshold ||
        s->d->hyst_access != 2) {
        rsp->cc = 0xCC; /* (the decode cannot fail: the command table wants 4 bytes) */
        return;
    }
    uint8_t op = s->hyst_pos, on = s->hyst_neg;
    s->hyst_pos = q.hyst.positive;
    s->hyst_neg = q.hyst.negative;
    if (ik_sensor_save(bmc, s) != 0) {
        s->hyst_pos = op;
        s->hyst_neg = on;
        rsp->cc = 0xFF;
        return;
    }
    if (!s->unavailable)
        ik_sensor_eval_thresholds(bmc, s, 1);
}

static void get_hysteresis(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    if (!s->threshold || s->d->hyst_access == 0 || s->d->hyst_access == 3) {
        rsp->cc = 0xCC;
        return;
    }
    struct ik_hysteresis v = {.positive = s->hyst_pos, .negative = s->hyst_neg};
    size_t n = 0;
    if (ik_hysteresis_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: 2 bytes */
        return;
    }
    rsp->len = n;
}

/*
 * Set Sensor Thresholds (lib/msg_se.c): sensor, mask of the thresholds to set, then LNC LCR
 * LNR UNC UCR UNR (raw; only the masked ones are used). Each masked threshold
 * must be settable and inside the sensor's reading range, and with the others it must
 * keep LNR <= LCR <= LNC <= UNC <= UCR <= UNR.
 */
static void set_thresholds(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    const struct ik_msensor *d = s->d;
    struct ik_thresholds_set_req q;
    /* reserved mask bits [7:6] fail the decode: CCh like any mask the sensor cannot take */
    if (ik_thresholds_set_req_decode(req->data, req->len, &q) != 0 || !s->threshold ||
        (q.mask & ~(d->thr_settable & d->thr_readable))) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t mask = q.mask;
    uint8_t thr[6];
    double v[6];
    memcpy(thr, s->thr, 6);
    for (int t = 0; t < 6; t++)
        if (mask & (1 << t))
            thr[t] = q.thr[t];
    for (int t = 0; t < 6; t++)
        v[t] = ik_sdr_to_real(&s->conv, thr[t]);
    if (d->min < d->max) {
        double lo = ik_sdr_to_real(&s->conv, ik_sensor_to_raw(&s->conv, d->min));
        double hi = ik_sdr_to_real(&s->conv, ik_sensor_to_raw(&s->conv, d->max));
        for (int t = 0; t < 6; t++) {
            if ((mask & (1 << t)) && (!(v[t] >= fmin(lo, hi)) || !(v[t] <= fmax(lo, hi)))) {
                rsp->cc = 0xC9; /* parameter out of range */
                return;
            }
        }
    }
    /* Order, low to high: LNR LCR LNC UNC UCR UNR. */
    static const int order[6] = {IK_SDR_LNR, IK_SDR_LCR, IK_SDR_LNC,
                                 IK_SDR_UNC, IK_SDR_UCR, IK_SDR_UNR};
    int prev = -1;
    for (int i = 0; i < 6; i++) {
        int t = order[i];
        if (!(d->thr_readable & (1 << t)))
            continue;
        if (prev >= 0 && !(v[prev] <= v[t])) {
            rsp->cc = 0xCC;
            return;
        }
        prev = t;
    }
    uint8_t old[6];
    memcpy(old, s->thr, 6);
    memcpy(s->thr, thr, 6);
    if (ik_sensor_save(bmc, s) != 0) {
        memcpy(s->thr, old, 6);
        rsp->cc = 0xFF;
        return;
    }
    if (!s->unavailable)
        ik_sensor_eval_thresholds(bmc, s, 1);
}

/* Get Sensor Thresholds (lib/msg_se.c): readable mask, then LNC LCR LNR UNC UCR UNR (raw;
 * 00h for thresholds that are not readable). */
static void get_thresholds(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    if (!s->threshold) {
        rsp->cc = 0xCC;
        return;
    }
    struct ik_thresholds v = {.mask = s->d->thr_readable & 0x3F};
    for (int t = 0; t < 6; t++)
        v.thr[t] = (v.mask & (1 << t)) ? s->thr[t] : 0;
    size_t n = 0;
    if (ik_thresholds_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: the mask is 6 bits */
        return;
    }
    rsp->len = n;
}

/* An optional event mask (2 bytes, LS first): the request may end before it or after its
 * first byte, and what is missing reads as 0. */
static uint16_t opt_mask(struct ik_rd *r)
{
    if (ik_rd_left(r) >= 2)
        return ik_rd_le16(r);
    return ik_rd_left(r) ? ik_rd_u8(r) : 0;
}

/*
 * Set Sensor Event Enable (lib/msg_se.c): sensor; enable event messages, enable scanning,
 * keep the individual enables / enable the selected / disable the selected (11b is CCh);
 * then optional assertion and deassertion masks, cut anywhere (what is missing reads as
 * 0). Only supported events can be enabled.
 */
static void set_event_enable(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_event_enable_set_req q;
    if (ik_event_enable_set_req_decode(req->data, req->len, &q) != 0 || q.op == 3) {
        rsp->cc = 0xCC; /* (the decode cannot fail: the command table wants 2-6 bytes) */
        return;
    }
    uint8_t op = q.op;
    uint16_t am = q.assertion, dm = q.deassertion;
    uint16_t sup_a = s->d->assert_mask & (s->threshold ? 0x0FFF : 0x7FFF);
    uint16_t sup_d = s->d->deassert_mask & (s->threshold ? 0x0FFF : 0x7FFF);
    s->events_enabled = q.events_enabled;
    s->scanning_enabled = q.scanning_enabled;
    if (op == IK_EVENT_ENABLE_SELECT) {
        s->assert_en |= am & sup_a;
        s->deassert_en |= dm & sup_d;
    } else if (op == IK_EVENT_ENABLE_DISABLE) {
        s->assert_en &= (uint16_t)~am;
        s->deassert_en &= (uint16_t)~dm;
    }
}

/* Get Sensor Event Enable (lib/msg_se.c): event messages and scanning enabled; assertion
 * and deassertion enables, both masks in full. */
static void get_event_enable(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_event_bits v = {.events_enabled = s->events_enabled,
                              .scanning_enabled = s->scanning_enabled,
                              .mask_bytes = 4,
                              .assertion = s->assert_en,
                              .deassertion = s->deassert_en};
    size_t n = 0;
    if (ik_event_bits_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: both masks in full */
        return;
    }
    rsp->len = n;
}

/* Re-arm Sensor Events (section 35.12): sensor; [7] 0 = all events, 1 = the selected ones;
 * optional assertion and deassertion masks. */
static void rearm_events(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_rd r;
    ik_rd_init(&r, req->data, req->len);
    ik_rd_skip(&r, 1); /* sensor number */
    uint8_t b = ik_rd_u8(&r);
    uint16_t am = opt_mask(&r), dm = opt_mask(&r);
    if (b & 0x80)
        ik_sensor_rearm(bmc, s, am, dm);
    else
        ik_sensor_rearm(bmc, s, 0x7FFF, 0x7FFF);
}

/* Get Sensor Event Status (lib/msg_se.c): event messages, scanning, unavailable; the
 * asserted events; the deassertion events since the last re-arm. */
static void get_event_status(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_event_bits v = {
        .events_enabled = s->events_enabled,
        .scanning_enabled = s->scanning_enabled,
        .unavailable = s->unavailable,
        .mask_bytes = 4,
        .assertion = (uint16_t)(s->states & (s->threshold ? 0x0FFF : 0x7FFF)),
        .deassertion = (uint16_t)(s->deasserted & (s->threshold ? 0x0FFF : 0x7FFF)),
    };
    size_t n = 0;
    if (ik_event_bits_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: both masks in full */
        return;
    }
    rsp->len = n;
}

/* Get Sensor Type (section 35.16): sensor type, event/reading type. */
static void get_sensor_type(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                            const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    rsp->data[0] = s->d->sensor_type;
    rsp->data[1] = s->d->event_type & 0x7F;
    rsp->len = 2;
}

static uint16_t apply_op(uint16_t cur, uint16_t bits, uint8_t op)
{
    switch (op) {
    case 1:
        return bits; /* write */
    case 2:
        return (uint16_t)(cur | bits); /* set the given bits */
    case 3:
        return (uint16_t)(cur & ~bits); /* clear the given bits */
    default:
        return cur;
    }
}

/*
 * Set Sensor Reading and Event Status (section 35.17). Request:
 *   0    sensor
 *   1    [7:6] event data: 00b the BMC makes its own, 01b use the given bytes, 10b use them
 *        but take the offset from the state; [5:4] assertion bits, [3:2] deassertion bits:
 *        00b keep, 01b write, 10b set the given bits, 11b clear them; [1:0] 01b write the
 *        reading byte
 *   2    reading           3-4  assertion bits     5-6  deassertion bits
 *   7-9  event data 1-3
 * The sensor is pinned (no longer follows its model); a request whose operations are all
 * 00b releases it.
 */
static void set_reading(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                        const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_sensor *s = sensor_of(bmc, req, rsp);
    if (!s)
        return;
    struct ik_rd r;
    ik_rd_init(&r, req->data, req->len);
    ik_rd_skip(&r, 1); /* sensor number */
    uint8_t op = ik_rd_u8(&r);
    uint8_t rd_op = op & 3, ds_op = (op >> 2) & 3, as_op = (op >> 4) & 3, ed_op = op >> 6;
    if (!s->d->settable || rd_op > 1 || ed_op == 3) {
        rsp->cc = 0xCC;
        return;
    }
    size_t need = ed_op ? 10 : ds_op ? 7 : as_op ? 5 : rd_op ? 3 : 2;
    if (req->len < need) {
        rsp->cc = 0xC7;
        return;
    }
    if (op == 0) {
        s->pinned = 0;
        s->model_last = -1;
        ik_sensors_power_changed(bmc); /* a scan now takes the model again */
        return;
    }
    /* Fields past `need` are absent: they read as 0 and no operation uses them. */
    uint8_t reading = ik_rd_u8(&r);
    uint16_t as_bits = ik_rd_le16(&r) & 0x7FFF, ds_bits = ik_rd_le16(&r) & 0x7FFF;
    const uint8_t *ed = ed_op ? ik_rd_ptr(&r, 3) : NULL;
    s->pinned = 1;
    if (rd_op) {
        s->raw = reading;
        s->unavailable = 0;
        if (s->threshold)
            ik_sensor_eval_thresholds(bmc, s, 1);
    }
    if (as_op) {
        if (s->threshold)
            s->states = apply_op(s->states, as_bits & 0x0FFF, as_op);
        else
            ik_sensor_set_states(bmc, s, apply_op(s->states, as_bits, as_op), 1, ed, ed_op);
    }
    if (ds_op)
        s->deasserted = apply_op(s->deasserted, ds_bits, ds_op);
}

/* Privileges from IPMI 2.0 appendix G. */
static const struct ik_bmc_cmd se_cmds[] = {
    {NETFN_SE, 0x00, IK_PRIV_ADMIN, 2, 2, set_event_receiver},
    {NETFN_SE, 0x01, IK_PRIV_USER, 0, 0, get_event_receiver},
    {NETFN_SE, 0x02, IK_PRIV_OPERATOR, 5, 8, platform_event},
    {NETFN_SE, 0x23, IK_PRIV_USER, 2, 2, get_reading_factors},
    {NETFN_SE, 0x24, IK_PRIV_OPERATOR, 4, 4, set_hysteresis},
    {NETFN_SE, 0x25, IK_PRIV_USER, 2, 2, get_hysteresis},
    {NETFN_SE, 0x26, IK_PRIV_OPERATOR, 8, 8, set_thresholds},
    {NETFN_SE, 0x27, IK_PRIV_USER, 1, 1, get_thresholds},
    {NETFN_SE, 0x28, IK_PRIV_OPERATOR, 2, 6, set_event_enable},
    {NETFN_SE, 0x29, IK_PRIV_USER, 1, 1, get_event_enable},
    {NETFN_SE, 0x2A, IK_PRIV_OPERATOR, 2, 6, rearm_events},
    {NETFN_SE, 0x2B, IK_PRIV_USER, 1, 1, get_event_status},
    {NETFN_SE, 0x2D, IK_PRIV_USER, 1, 1, get_sensor_reading},
    {NETFN_SE, 0x2F, IK_PRIV_USER, 1, 1, get_sensor_type},
    {NETFN_SE, 0x30, IK_PRIV_OPERATOR, 2, 10, set_reading},
};

const struct ik_bmc_module ik_bmc_mod_sensors = {
    .name = "sensors",
    .init = ik_sensors_init,
    .kv_prefix = "sensor/",
    .load_kv = ik_sensors_load_kv,
    .start = ik_sensors_start,
    .tick = ik_sensors_tick,
    .fini = ik_sensors_fini,
    .cmds = se_cmds,
    .ncmds = sizeof(se_cmds) / sizeof(se_cmds[0]),
};
