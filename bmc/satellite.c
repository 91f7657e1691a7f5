/*
 * The IPMB satellite management controllers a machine describes (machine_platform.h,
 * `satellites:`): what answers a frame the BMC puts on an IPMB channel with Send Message.
 *
 * A satellite acknowledges every frame addressed to it (the bus-level ACK; nobody at the
 * address is a NAK, 83h to Send Message), checks both checksums like a real controller and
 * ignores a frame that fails them. It answers with its own identity:
 *
 *   App 01h      Get Device ID: the described ID, revision, firmware, IPMI version,
 *                additional support, manufacturer and product
 *   App 04h      Get Self Test Results: 55h 00h (no error)
 *   S/E 20h      Get Device SDR Info: no sensors (the satellites carry none)
 *   Storage 10h  Get FRU Inventory Area Info, FRU device 0, if the description gives it a
 *   Storage 11h  Read FRU Data                  `fru` (CBh for other devices)
 *   anything else C1h; a request to LUN 1-3 C2h
 *
 * The answer is an IPMB response frame back to the requester (ipmimsg's response header),
 * routed by bmc/app_bridge.c: to the receive message queue when the requester is the BMC's
 * SMS LUN. Run-time modes (bridge.h): ANSWER, with an optional delay (the answer is held
 * and handed over by the tick when due), or SILENT (acknowledged, never answered).
 */
#include "bmc_int.h"

#include <string.h>

#include "cursor.h"
#include "msg_app.h"
#include "ipmikit/error.h"
#include "ipmimsg.h"

#define NETFN_SE      0x04
#define NETFN_APP     0x06
#define NETFN_STORAGE 0x0A

/* Completion code and data of an answer must fit a queued message with the frame around. */
#define SAT_RSP_MAX (IK_BRIDGE_MSG_MAX - IK_IPMIMSG_MIN_LEN)

static const struct ik_machine_platform *plat(struct ik_bmc *bmc)
{
    return ik_plat(bmc);
}

static long find(struct ik_bmc *bmc, uint8_t channel, uint8_t addr)
{
    const struct ik_machine_platform *p = plat(bmc);
    for (size_t i = 0; i < p->nsats; i++)
        if (p->sats[i].channel == channel && p->sats[i].addr == addr)
            return (long)i;
    return -1;
}

int ik_sat_channel_used(struct ik_bmc *bmc, uint8_t channel)
{
    const struct ik_machine_platform *p = plat(bmc);
    for (size_t i = 0; i < p->nsats; i++)
        if (p->sats[i].channel == channel)
            return 1;
    return 0;
}

int ik_bmc_satellite_set(struct ik_bmc *bmc, uint8_t channel, uint8_t addr, enum ik_sat_mode mode,
                         uint32_t delay_ms)
{
    long i = find(bmc, channel, addr);
    if (i < 0 || (mode != IK_SAT_ANSWER && mode != IK_SAT_SILENT))
        return i < 0 ? IK_E_NOTFOUND : IK_E_INVAL;
    bmc->sats.mode[i] = (uint8_t)mode;
    bmc->sats.delay_ms[i] = delay_ms;
    ik_bmc_log(bmc, "event=satellite_mode channel=%u addr=0x%02x mode=%s delay_ms=%u", channel,
               addr, mode == IK_SAT_SILENT ? "silent" : "answer", delay_ms);
    return 0;
}

/* Get Device ID of a satellite (lib/msg_app.c): no device SDRs, no auxiliary revision. */
static void device_id(const struct ik_msat *s, struct ik_wr *w)
{
    struct ik_device_id v = {
        .device_id = s->device_id,
        .device_rev = s->device_rev & 0x0F,
        .fw_major = s->fw_major & 0x7F,
        .fw_minor = s->fw_minor,
        .ipmi_version = s->ipmi_version,
        .support = s->dev_support,
        .manufacturer_id = s->manufacturer_id & 0xFFFFF,
        .product_id = s->product_id,
    };
    uint8_t b[IK_DEVICE_ID_MAX];
    size_t n = 0;
    int rc = ik_device_id_encode(&v, b, sizeof(b), &n);
    if (rc)
        ik_wr_fail(w, rc);
    else
        ik_wr_bytes(w, b, n);
}

/* Get Self Test Results of a satellite (lib/msg_app.c): no error. */
static void self_test(struct ik_wr *w)
{
    const struct ik_selftest v = {.result = IK_SELFTEST_PASSED, .detail = 0x00};
    uint8_t b[IK_SELFTEST_LEN];
    size_t n = 0;
    int rc = ik_selftest_encode(&v, b, sizeof(b), &n);
    if (rc)
        ik_wr_fail(w, rc);
    else
        ik_wr_bytes(w, b, n);
}

/* Answer one request: the completion code first, then data, into w. */
static void serve(const struct ik_msat *s, const struct ik_ipmimsg *rq, struct ik_wr *w)
{
    const uint8_t *d = rq->data;
    size_t n = rq->data_len;
    if (rq->dst_lun != 0) {
        ik_wr_u8(w, 0xC2); /* command invalid for the given LUN */
        return;
    }
    switch (rq->netfn << 8 | rq->cmd) {
    case NETFN_APP << 8 | 0x01:
        ik_wr_u8(w, 0x00);
        device_id(s, w);
        return;
    case NETFN_APP << 8 | 0x04:
        ik_wr_u8(w, 0x00);
        self_test(w);
        return;
    case NETFN_SE << 8 | 0x20:
        /* Get Device SDR Info (table 35-2): count (sensors, or SDRs with byte 1 bit 0),
         * flags ([7] static population, [3:0] LUNs with sensors). */
        if (n > 1) {
            ik_wr_u8(w, 0xC7);
            return;
        }
        ik_wr_u8(w, 0x00);
        ik_wr_u8(w, 0x00);
        ik_wr_u8(w, 0x00);
        return;
    case NETFN_STORAGE << 8 | 0x10:
        /* Get FRU Inventory Area Info (table 34-2): size (2, LS first), [0] byte access. */
        if (n != 1) {
            ik_wr_u8(w, 0xC7);
            return;
        }
        if (!s->fru || d[0] != 0) {
            ik_wr_u8(w, 0xCB); /* requested sensor, data or record not present */
            return;
        }
        ik_wr_u8(w, 0x00);
        ik_wr_le16(w, s->fru->size);
        ik_wr_u8(w, 0x00);
        return;
    case NETFN_STORAGE << 8 | 0x11: {
        /* Read FRU Data (table 34-3): device, offset (2, LS first), count -> count returned
         * (1), data. */
        if (n != 4) {
            ik_wr_u8(w, 0xC7);
            return;
        }
        struct ik_rd r;
        ik_rd_init(&r, d, n);
        uint8_t dev = ik_rd_u8(&r);
        uint16_t off = ik_rd_le16(&r);
        uint8_t cnt = ik_rd_u8(&r);
        if (!s->fru || dev != 0) {
            ik_wr_u8(w, 0xCB);
            return;
        }
        if (off >= s->fru->size) {
            ik_wr_u8(w, 0xC9); /* parameter out of range */
            return;
        }
        if ((size_t)cnt + 2 > SAT_RSP_MAX) {
            ik_wr_u8(w, 0xCA); /* cannot return that many bytes */
            return;
        }
        if (cnt > s->fru->size - off)
            cnt = (uint8_t)(s->fru->size - off);
        ik_wr_u8(w, 0x00);
        ik_wr_u8(w, cnt);
        ik_wr_bytes(w, s->fru->image + off, cnt);
        return;
    }
    default:
        ik_wr_u8(w, 0xC1); /* invalid command */
        return;
    }
}

/* Hold an answer until `due`; the oldest held answer is never displaced (counted drop). */
static void hold(struct ik_bmc *bmc, uint8_t channel, const uint8_t *frame, size_t len,
                 ik_time_us due)
{
    struct ik_bmc_sats *st = &bmc->sats;
    if (st->nheld == IK_SAT_HELD_MAX || len > IK_BRIDGE_MSG_MAX) {
        bmc->bridge.stats.sat_held_dropped++;
        return;
    }
    struct ik_sat_held *h = &st->held[st->nheld++];
    h->due = due;
    h->channel = channel;
    h->len = (uint8_t)len;
    memcpy(h->frame, frame, len);
    bmc->bridge.stats.sat_held++;
}

int ik_sat_deliver(struct ik_bmc *bmc, uint8_t channel, const uint8_t *frame, size_t len)
{
    struct ik_bridge_msg out;
    struct ik_ipmimsg rq, rs;
    uint8_t data[SAT_RSP_MAX];
    size_t w_len;
    if (len < 1)
        return IK_E_NOTFOUND;
    long i = find(bmc, channel, frame[0]);
    if (i < 0)
        return IK_E_NOTFOUND;
    const struct ik_msat *s = &plat(bmc)->sats[i];
    /* Acknowledged on the bus; what follows is the controller's business. */
    if (ik_ipmimsg_decode(frame, len, &rq) != 0 || ik_netfn_is_response(rq.netfn)) {
        bmc->bridge.stats.sat_bad_frames++;
        return 0;
    }
    if (bmc->sats.mode[i] == IK_SAT_SILENT) {
        bmc->bridge.stats.sat_silent++;
        return 0;
    }
    struct ik_wr w;
    ik_wr_init(&w, data, sizeof(data));
    serve(s, &rq, &w);
    if (w.err) {
        /* An answer that cannot fit: say so rather than send half of it. */
        data[0] = 0xCA;
        w.off = 1;
    }
    ik_ipmimsg_response_hdr(&rq, &rs);
    rs.data = data;
    rs.data_len = w.off;
    if (ik_ipmimsg_encode(&rs, out.b, sizeof(out.b), &w_len) != 0) {
        bmc->bridge.stats.sat_bad_frames++;
        return 0;
    }
    bmc->bridge.stats.sat_requests++;
    if (bmc->sats.delay_ms[i]) {
        hold(bmc, channel, out.b, w_len,
             bmc->now + (ik_time_us)bmc->sats.delay_ms[i] * IK_US_PER_MS);
        return 0;
    }
    ik_bridge_route(bmc, channel, out.b, w_len);
    return 0;
}

void ik_sat_catch_up(struct ik_bmc *bmc)
{
    struct ik_bmc_sats *st = &bmc->sats;
    unsigned k = 0;
    /* Due answers leave in the order they were held; the rest keep theirs. */
    for (unsigned j = 0; j < st->nheld; j++) {
        struct ik_sat_held *h = &st->held[j];
        if (h->due <= bmc->now) {
            ik_bridge_route(bmc, h->channel, h->frame, h->len);
            continue;
        }
        if (k != j)
            st->held[k] = *h;
        k++;
    }
    st->nheld = k;
}

static int sat_init(struct ik_bmc *bmc)
{
    const struct ik_machine_platform *p = plat(bmc);
    memset(&bmc->sats, 0, sizeof(bmc->sats));
    for (size_t i = 0; i < p->nsats && i < IK_MACHINE_SATS_MAX; i++)
        bmc->sats.mode[i] = p->sats[i].silent ? IK_SAT_SILENT : IK_SAT_ANSWER;
    return 0;
}

static ik_time_us sat_tick(struct ik_bmc *bmc, ik_time_us now)
{
    (void)now;
    ik_sat_catch_up(bmc);
    ik_time_us next = 0;
    for (unsigned j = 0; j < bmc->sats.nheld; j++)
        if (!next || bmc->sats.held[j].due < next)
            next = bmc->sats.held[j].due;
    return next;
}

/* Cold/Warm Reset of the BMC: answers on their way are lost with the BMC's buffers. */
static void sat_reset(struct ik_bmc *bmc)
{
    bmc->sats.nheld = 0;
}

const struct ik_bmc_module ik_bmc_mod_sat = {
    .name = "satellites",
    .init = sat_init,
    .tick = sat_tick,
    .reset = sat_reset,
};
