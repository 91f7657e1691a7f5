/*
 * NetFn App (06h), messaging group: how system software reaches the IPMB and hears from the
 * BMC (IPMI 2.0 sections 6.12, 22.3-22.8): Clear Message Flags (30h), Get Message Flags
 * (31h), Enable Message Channel Receive (32h), Get Message (33h), Send Message (34h), Read
 * Event Message Buffer (35h).
 *
 * Send Message puts the IPMB frame it carries on the channel, where a satellite controller
 * (bmc/satellite.c) takes it or nobody does (83h, NAK on write). Answers come back to the
 * BMC as IPMB frames; those addressed to the BMC's SMS LUN (20h, LUN 10b: how system
 * software frames its bridged requests, section 6.12.1) wait in the receive message queue
 * for Get Message. Requests arriving from a LAN session with "track request" are answered
 * the same way (the answer waits in the queue for Get Message rather than being framed
 * back into the session, which this engine cannot send unprompted).
 *
 * Every event the platform logs (sensors, watchdog, Platform Event Message; logged or not)
 * is copied into the event message buffer while BMC Global Enables bit 2 is set. The spec's
 * buffer holds one event; this one holds IK_BRIDGE_EVQ so a burst is not lost, and reports
 * "full" while it holds any.
 *
 * SMS attention (bridge.h) is up while Get Message Flags would report something.
 *
 * These commands are meant for the system interface; they are accepted on the LAN channel
 * too (USER), so a host stack driving the BMC over a session can poll the same way.
 */
#include "bmc_int.h"

#include <stdio.h>
#include <string.h>

#include "ipmikit/error.h"
#include "ipmimsg.h"
#include "msg_app.h"

#define NETFN_APP 0x06

/* Completion code of Get Message / Read Event Message Buffer with nothing to give. */
#define CC_EMPTY 0x80
/* Send Message: the frame was not acknowledged (nobody at that address). */
#define CC_NAK 0x83

static bool evbuf_on(const struct ik_bmc *bmc)
{
    return (bmc->app.global_enables & IK_GE_EVENT_BUF) != 0;
}

static uint8_t message_flags(const struct ik_bmc *bmc)
{
    const struct ik_bmc_bridge *br = &bmc->bridge;
    uint8_t f = 0;
    if (br->rx_n)
        f |= IK_MSGF_RECV_MSG;
    /* Reported as 0 while the buffer is disabled (table 22-4). */
    if (br->ev_n && evbuf_on(bmc))
        f |= IK_MSGF_EVENT_BUF;
    if (br->pretimeout)
        f |= IK_MSGF_PRETIMEOUT;
    return f;
}

bool ik_bmc_sms_attn(const struct ik_bmc *bmc)
{
    return message_flags(bmc) != 0;
}

/* ---- what other modules put in ----------------------------------------------------------- */

void ik_bridge_route(struct ik_bmc *bmc, uint8_t channel, const uint8_t *frame, size_t len)
{
    struct ik_bmc_bridge *br = &bmc->bridge;
    /* Byte 0 is the destination address, byte 1 NetFn/LUN: only the SMS LUN of this BMC
     * is system software's. */
    if (len < IK_IPMIMSG_MIN_LEN || frame[0] != IK_BMC_IPMB_ADDR ||
        (frame[1] & 3) != IK_BMC_SMS_LUN) {
        br->stats.rx_unrouted++;
        return;
    }
    if (len > IK_BRIDGE_MSG_MAX || br->rx_n == IK_BRIDGE_RXQ ||
        (br->rx_disabled & (1u << (channel & 0x0F)))) {
        uint64_t n = ++br->stats.rx_dropped;
        /* The first ten, then at powers of two: visible, not a flood (the counter is exact). */
        if (n <= 10 || (n & (n - 1)) == 0)
            ik_bmc_log(bmc, "event=receive_queue_drop channel=%u queued=%u count=%llu", channel,
                       br->rx_n, (unsigned long long)n);
        return;
    }
    /* Queued as the Get Message response data (lib/msg_app.c, section 22.6): the channel,
     * no inferred privilege (IPMB carries none), the frame without its first byte (the
     * destination, which is us). It fits: len <= IK_BRIDGE_MSG_MAX. */
    struct ik_bridge_msg *m = &br->rxq[(br->rx_head + br->rx_n) % IK_BRIDGE_RXQ];
    const struct ik_get_msg_rsp gm = {
        .channel = channel & 0x0F,
        .privilege = 0,
        .data = frame + 1,
        .data_len = len - 1,
    };
    size_t n = 0;
    if (ik_get_msg_rsp_encode(&gm, m->b, sizeof(m->b), &n) != 0) {
        br->stats.rx_dropped++; /* cannot happen: the length was checked above */
        return;
    }
    m->len = (uint8_t)n;
    br->rx_n++;
    br->stats.rx_queued++;
}

void ik_bridge_event(struct ik_bmc *bmc, const uint8_t rec[16])
{
    struct ik_bmc_bridge *br = &bmc->bridge;
    if (!evbuf_on(bmc))
        return;
    if (br->ev_n == IK_BRIDGE_EVQ) {
        br->stats.events_dropped++;
        return;
    }
    memcpy(br->evq[(br->ev_head + br->ev_n) % IK_BRIDGE_EVQ], rec, 16);
    br->ev_n++;
    br->stats.events_buffered++;
}

void ik_bridge_pretimeout(struct ik_bmc *bmc)
{
    bmc->bridge.pretimeout = 1;
}

/* ---- commands ------------------------------------------------------------------------------ */

/* Clear Message Flags (table 22-3, the Get Message Flags bits, lib/msg_app.c; the engine
 * checked the length): [0] flush the receive message queue, [1] empty the event message
 * buffer, [3] clear the watchdog pre-timeout flag; OEM bits 7:5 have nothing to clear
 * here. */
static void clear_flags(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                        const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_bridge *br = &bmc->bridge;
    struct ik_msg_flags v;
    if (ik_msg_flags_decode(req->data, req->len, &v) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the engine let exactly one byte through */
        return;
    }
    uint8_t f = v.flags;
    if (f & IK_MSGF_RECV_MSG)
        br->rx_n = 0;
    if (f & IK_MSGF_EVENT_BUF)
        br->ev_n = 0;
    if (f & IK_MSGF_PRETIMEOUT)
        br->pretimeout = 0;
}

/* Get Message Flags (table 22-4, lib/msg_app.c): one byte, the flags above. */
static void get_flags(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                      const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    ik_plat_catch_up(bmc);
    ik_sat_catch_up(bmc);
    const struct ik_msg_flags v = {.flags = message_flags(bmc)};
    size_t n = 0;
    if (ik_msg_flags_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: one byte fits */
        return;
    }
    rsp->len = n;
}

/*
 * Enable Message Channel Receive (table 22-5). Request: [3:0] channel; [1:0] 00b disable,
 * 01b enable, 10b get the state. Response: the channel, [0] enabled. A disabled channel's
 * messages never reach the receive message queue.
 */
static void enable_channel_rx(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                              const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_bridge *br = &bmc->bridge;
    uint8_t ch = req->data[0] & 0x0F, op = req->data[1] & 3;
    uint16_t bit = (uint16_t)(1u << ch);
    if ((req->data[0] & 0xF0) || (req->data[1] & 0xFC) || op == 3) {
        rsp->cc = 0xCC;
        return;
    }
    if (op == 0)
        br->rx_disabled |= bit;
    else if (op == 1)
        br->rx_disabled &= (uint16_t)~bit;
    rsp->data[0] = ch;
    rsp->data[1] = (br->rx_disabled & bit) ? 0 : 1;
    rsp->len = 2;
}

/* Get Message (table 22-6): the oldest queued message, or 80h when the queue is empty. */
static void get_message(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                        const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_bmc_bridge *br = &bmc->bridge;
    ik_sat_catch_up(bmc);
    if (!br->rx_n) {
        rsp->cc = CC_EMPTY;
        return;
    }
    const struct ik_bridge_msg *m = &br->rxq[br->rx_head];
    memcpy(rsp->data, m->b, m->len);
    rsp->len = m->len;
    br->rx_head = (br->rx_head + 1) % IK_BRIDGE_RXQ;
    br->rx_n--;
}

/*
 * Send Message (table 22-7, lib/msg_app.c): the channel byte, then for IPMB the whole frame
 * (table 22-10), handed on as it is: the satellite decodes it (a frame with a bad checksum
 * is acknowledged on the bus and then ignored, as on a real IPMB). Tracking other than
 * none / track request, encryption or authentication (session channels only), a frame
 * shorter than an IPMB message, and channels with no IPMB behind them (the LAN channel,
 * the system interface, numbers the machine puts no satellite on, other than the primary
 * IPMB 0) answer CCh. The engine checked the length (1 to IK_BRIDGE_MSG_MAX bytes).
 */
static void send_message(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_bridge *br = &bmc->bridge;
    struct ik_send_msg_req v;
    if (ik_send_msg_req_decode(req->data, req->len, &v) != 0 || v.tracking > IK_SEND_MSG_TRACK ||
        v.encrypt || v.authenticate || (v.channel != 0 && !ik_sat_channel_used(bmc, v.channel)) ||
        v.data_len < IK_IPMIMSG_MIN_LEN) {
        rsp->cc = 0xCC; /* invalid data field */
        return;
    }
    ik_plat_catch_up(bmc);
    br->stats.send_msgs++;
    if (ik_sat_deliver(bmc, v.channel, v.data, v.data_len) != 0) {
        br->stats.send_naks++;
        rsp->cc = CC_NAK;
    }
}

/* Read Event Message Buffer (table 22-8): the oldest event (16 bytes, SEL record form), or
 * 80h when there is none or the buffer is disabled. */
static void read_event_buffer(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                              const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_bmc_bridge *br = &bmc->bridge;
    ik_plat_catch_up(bmc);
    if (!br->ev_n || !evbuf_on(bmc)) {
        rsp->cc = CC_EMPTY;
        return;
    }
    memcpy(rsp->data, br->evq[br->ev_head], 16);
    rsp->len = 16;
    br->ev_head = (br->ev_head + 1) % IK_BRIDGE_EVQ;
    br->ev_n--;
}

size_t ik_bmc_bridge_counters(const struct ik_bmc *bmc, char *buf, size_t cap)
{
    const struct ik_bmc_bridge_stats *st = &bmc->bridge.stats;
    size_t off = 0;
    if (!cap)
        return 0;
    buf[0] = '\0';
#define IK__FMT(name, text)                                                                        \
    if (st->name && off < cap) {                                                                   \
        int w = snprintf(buf + off, cap - off, "%s%s=%llu", off ? " " : "", #name,                 \
                         (unsigned long long)st->name);                                            \
        off += w > 0 ? (size_t)w : 0;                                                              \
    }
    IK_BRIDGE_STATS_MAP(IK__FMT)
#undef IK__FMT
    if (off >= cap)
        off = cap - 1;
    return off;
}

static int bridge_init(struct ik_bmc *bmc)
{
    memset(&bmc->bridge, 0, sizeof(bmc->bridge));
    return 0;
}

/* Cold/Warm Reset: the queues and the flag are volatile. Channel receive enables too. */
static void bridge_reset(struct ik_bmc *bmc)
{
    struct ik_bmc_bridge_stats keep = bmc->bridge.stats;
    memset(&bmc->bridge, 0, sizeof(bmc->bridge));
    bmc->bridge.stats = keep;
}

/* Privileges: appendix G lists these for the system interface; USER lets a session use
 * them too (Enable Message Channel Receive changes routing: ADMIN). */
static const struct ik_bmc_cmd bridge_cmds[] = {
    {NETFN_APP, 0x30, IK_PRIV_USER, 1, 1, clear_flags},
    {NETFN_APP, 0x31, IK_PRIV_USER, 0, 0, get_flags},
    {NETFN_APP, 0x32, IK_PRIV_ADMIN, 2, 2, enable_channel_rx},
    {NETFN_APP, 0x33, IK_PRIV_USER, 0, 0, get_message},
    {NETFN_APP, 0x34, IK_PRIV_USER, 1, IK_BRIDGE_MSG_MAX, send_message},
    {NETFN_APP, 0x35, IK_PRIV_USER, 0, 0, read_event_buffer},
};

const struct ik_bmc_module ik_bmc_mod_bridge = {
    .name = "bridge",
    .init = bridge_init,
    .reset = bridge_reset,
    .cmds = bridge_cmds,
    .ncmds = sizeof(bridge_cmds) / sizeof(bridge_cmds[0]),
};
