/*
 * The host-side message handler: users, addressing, IPMB bridging with sequence numbers and
 * timeouts, flag polling, events and incoming commands over one interface (see
 * msghandler.h for the model, smi.h for the interface contract).
 *
 * Bookkeeping:
 *   pend[]   every request handed to the interface, whoever asked (a user, or the handler
 *            for Get Message Flags, Get Message, ...); the interface tag is the slot index
 *            plus a generation, so an answer for a recycled slot is recognised as stale.
 *   seqs[64] bridged IPMB requests by IPMB sequence number (6 bits), handed out round robin
 *            so a number is reused as late as possible; each holds the 5 s deadline.
 *   regs[]   command registrations.
 *   events   a ring of events kept while nobody listens.
 */
#include "msghandler.h"

#include <stdlib.h>
#include <string.h>

#include "ipmimsg.h"
#include "msg_app.h"

/* App NetFn commands the handler sends itself (IPMI 2.0 sections 22.3-22.8). */
#define NETFN_APP           0x06
#define CMD_CLEAR_MSG_FLAGS 0x30
#define CMD_GET_MSG_FLAGS   0x31
#define CMD_GET_MSG         0x33
#define CMD_SEND_MSG        0x34
#define CMD_READ_EVENT_BUF  0x35

/* Completion codes (table 5-2) the handler produces itself. */
#define CC_INVALID_CMD 0xC1
#define CC_TIMEOUT     0xC3
#define CC_UNSPECIFIED 0xFF

#define IPMB_SEQS    64 /* the IPMB sequence number is 6 bits */
#define ROUND_BUDGET 64 /* Get Message / Read Event requests per flag round */
#define EVENT_LEN    16

enum pend_kind {
    P_FREE,
    P_USER,     /* a user's request, answered to the user */
    P_SEND_MSG, /* Send Message carrying a user's IPMB request (seq, seq_gen) */
    P_SEND_RSP, /* Send Message carrying our answer to an incoming command */
    P_FLAGS,    /* Get Message Flags */
    P_GET_MSG,  /* Get Message */
    P_READ_EVT, /* Read Event Message Buffer */
    P_CLEAR,    /* Clear Message Flags */
};

struct pending {
    enum pend_kind kind;
    uint32_t gen;
    struct ik_msgh_user *user;
    uint64_t msgid;
    struct ik_msgh_addr addr;
    uint8_t netfn, cmd;
    unsigned seq;
    uint32_t seq_gen;
};

struct seqslot {
    bool used;
    uint32_t gen;
    struct ik_msgh_user *user;
    uint64_t msgid;
    struct ik_msgh_addr addr;
    uint8_t netfn, cmd;
    ik_time_us deadline;
};

struct cmdreg {
    struct ik_msgh_user *user; /* NULL: free */
    uint8_t netfn, cmd;
    uint16_t chans;
};

struct ik_msgh_user {
    struct ik_msgh *h;
    bool live;
    ik_msgh_recv_fn fn;
    void *arg;
    bool gets_events;
    struct ik_msgh_msg *q; /* queue-mode users: ring of cfg.user_queue */
    unsigned qhead, qcount;
};

struct ik_msgh {
    struct ik_msgh_cfg cfg;
    struct ik_smi *smi;
    ik_time_us now; /* of the poll or request being handled */
    struct ik_msgh_user *users;
    struct pending *pend;
    struct seqslot seqs[IPMB_SEQS];
    unsigned next_seq;
    struct cmdreg *regs;
    uint8_t (*events)[EVENT_LEN];
    unsigned ev_head, ev_count;
    /* A flag round: Get Message Flags, then what the flags announce. */
    bool round_active;
    bool round_found;
    uint8_t round_flags;
    unsigned round_budget;
    ik_time_us quiet_until;
    ik_time_us next_flags_poll;
    struct ik_msgh_stats stats;
};

void ik_msgh_default_cfg(struct ik_msgh_cfg *cfg)
{
    cfg->max_users = 16;
    cfg->user_queue = 64;
    cfg->max_pending = 64;
    cfg->max_events = 100;
    cfg->max_cmd_regs = 64;
    cfg->ipmb_timeout_us = 5 * IK_US_PER_S;
    cfg->flags_poll_us = IK_US_PER_S;
    cfg->attn_quiet_us = 100 * IK_US_PER_MS;
    cfg->bmc_addr = 0x20;
    cfg->sms_lun = 2;
}

/* ---- delivery to users --------------------------------------------------------------- */

static void deliver(struct ik_msgh *h, struct ik_msgh_user *u, const struct ik_msgh_msg *m)
{
    if (!u || !u->live) {
        if (m->type == IK_MSGH_RESPONSE)
            h->stats.orphan_responses++;
        return;
    }
    if (u->fn) {
        u->fn(u->arg, m);
        return;
    }
    if (u->qcount == h->cfg.user_queue) {
        h->stats.queue_overflows++;
        return;
    }
    u->q[(u->qhead + u->qcount) % h->cfg.user_queue] = *m;
    u->qcount++;
}

static void deliver_response(struct ik_msgh *h, struct ik_msgh_user *u, uint64_t msgid,
                             const struct ik_msgh_addr *from, uint8_t netfn, uint8_t cmd, int err,
                             const uint8_t *data, size_t len)
{
    struct ik_msgh_msg m;
    memset(&m, 0, offsetof(struct ik_msgh_msg, data));
    m.type = IK_MSGH_RESPONSE;
    m.addr = *from;
    m.msgid = msgid;
    m.netfn = netfn;
    m.cmd = cmd;
    m.err = err;
    m.len = len < sizeof(m.data) ? len : sizeof(m.data);
    memcpy(m.data, data, m.len);
    deliver(h, u, &m);
}

/* An answer the handler makes up: just a completion code. */
static void deliver_cc(struct ik_msgh *h, struct ik_msgh_user *u, uint64_t msgid,
                       const struct ik_msgh_addr *from, uint8_t req_netfn, uint8_t cmd, int err,
                       uint8_t cc)
{
    deliver_response(h, u, msgid, from, (uint8_t)(req_netfn | 1), cmd, err, &cc, 1);
}

static void deliver_event(struct ik_msgh *h, struct ik_msgh_user *u, const uint8_t *evt)
{
    struct ik_msgh_msg m;
    memset(&m, 0, offsetof(struct ik_msgh_msg, data));
    m.type = IK_MSGH_EVENT;
    m.addr = ik_msgh_addr_bmc();
    m.netfn = NETFN_APP | 1;
    m.cmd = CMD_READ_EVENT_BUF;
    m.len = EVENT_LEN;
    memcpy(m.data, evt, EVENT_LEN);
    deliver(h, u, &m);
}

/* ---- requests to the interface -------------------------------------------------------- */

static uint64_t tag_of(const struct ik_msgh *h, const struct pending *p)
{
    return (uint64_t)p->gen << 32 | (uint64_t)(p - h->pend);
}

/* Hand one request to the interface, remembering what it is for. */
static int smi_send(struct ik_msgh *h, const struct pending *what, const struct ik_smi_req *req)
{
    struct pending *p = NULL;
    for (unsigned i = 0; i < h->cfg.max_pending; i++) {
        if (h->pend[i].kind == P_FREE) {
            p = &h->pend[i];
            break;
        }
    }
    if (!p)
        return IK_E_LIMIT;
    uint32_t gen = p->gen + 1;
    *p = *what;
    p->gen = gen;
    int rc = h->smi->ops->send(h->smi->be, tag_of(h, p), req);
    if (rc)
        p->kind = P_FREE;
    return rc;
}

/* One of the handler's own App requests. */
static int send_app(struct ik_msgh *h, enum pend_kind kind, uint8_t cmd, const uint8_t *data,
                    size_t len)
{
    struct pending what = {.kind = kind, .netfn = NETFN_APP, .cmd = cmd};
    struct ik_smi_req req = {.netfn = NETFN_APP, .cmd = cmd, .data = data, .len = len};
    return smi_send(h, &what, &req);
}

/*
 * A Send Message request (lib/msg_app.c, section 22.7) carrying the IPMB frame m
 * (lib/ipmimsg.c) on channel: the frame is built in place after the channel byte. A
 * message too big for buf is IK_E_OVERSIZE.
 */
static int send_msg_request(uint8_t tracking, uint8_t channel, const struct ik_ipmimsg *m,
                            uint8_t *buf, size_t cap, size_t *written)
{
    uint8_t frame[IK_IPMIMSG_MIN_LEN + IK_MSGH_MAX_DATA];
    size_t flen;
    int rc = ik_ipmimsg_encode(m, frame, sizeof(frame), &flen);
    if (rc == 0) {
        const struct ik_send_msg_req req = {
            .tracking = tracking, .channel = channel, .data = frame, .data_len = flen};
        rc = ik_send_msg_req_encode(&req, buf, cap, written);
    }
    return rc == IK_E_NOSPACE ? IK_E_OVERSIZE : rc;
}

/*
 * Send an IPMB answer to a command through Send Message (untracked). `rq` is the command as
 * it arrived (dst = us, src = the requester); ipmimsg's response header swaps the roles.
 */
static int send_ipmb_answer(struct ik_msgh *h, uint8_t channel, const struct ik_ipmimsg *rq,
                            const uint8_t *data, size_t len)
{
    struct ik_ipmimsg rs;
    uint8_t buf[1 + IK_IPMIMSG_MIN_LEN + IK_MSGH_MAX_DATA];
    size_t w;

    ik_ipmimsg_response_hdr(rq, &rs);
    rs.data = data;
    rs.data_len = len;
    int rc = send_msg_request(IK_SEND_MSG_NO_TRACK, channel & 0x0F, &rs, buf, sizeof(buf), &w);
    if (rc)
        return rc;
    return send_app(h, P_SEND_RSP, CMD_SEND_MSG, buf, w);
}

/* ---- flag rounds ---------------------------------------------------------------------- */

static void end_round(struct ik_msgh *h)
{
    h->round_active = false;
    /* If the BMC raised attention and had nothing, do not ask again at once. */
    h->quiet_until = h->round_found ? h->now : h->now + h->cfg.attn_quiet_us;
}

/* Fetch the next thing the flags announced, or end the round. */
static void round_next(struct ik_msgh *h)
{
    int rc;

    if (h->round_budget == 0) {
        end_round(h);
        return;
    }
    h->round_budget--;
    if (h->round_flags & IK_MSGF_RECV_MSG) {
        rc = send_app(h, P_GET_MSG, CMD_GET_MSG, NULL, 0);
    } else if (h->round_flags & IK_MSGF_EVENT_BUF) {
        rc = send_app(h, P_READ_EVT, CMD_READ_EVENT_BUF, NULL, 0);
    } else if (h->round_flags & IK_MSGF_PRETIMEOUT) {
        h->round_flags &= (uint8_t)~IK_MSGF_PRETIMEOUT;
        /* Clear Message Flags takes the Get Message Flags bits (tables 22-3, 22-4). */
        const struct ik_msg_flags clear = {.flags = IK_MSGF_PRETIMEOUT};
        uint8_t b[IK_MSG_FLAGS_LEN];
        size_t n = 0;
        rc = ik_msg_flags_encode(&clear, b, sizeof(b), &n);
        if (rc == 0)
            rc = send_app(h, P_CLEAR, CMD_CLEAR_MSG_FLAGS, b, n);
    } else {
        end_round(h);
        return;
    }
    if (rc)
        end_round(h);
}

static void maybe_start_round(struct ik_msgh *h, ik_time_us now)
{
    const struct ik_smi *smi = h->smi;
    if (h->round_active || (smi->caps & IK_SMI_CAP_IPMB))
        return;
    unsigned f = smi->ops->flags(smi->be);
    if (f & IK_SMI_DISABLED)
        return;
    bool due = (f & IK_SMI_ATTN) && now >= h->quiet_until;
    if (!(smi->caps & IK_SMI_CAP_ATTN) && h->cfg.flags_poll_us && now >= h->next_flags_poll)
        due = true;
    if (!due)
        return;
    h->next_flags_poll = now + h->cfg.flags_poll_us;
    h->round_active = true;
    h->round_found = false;
    h->round_flags = 0;
    h->round_budget = ROUND_BUDGET;
    h->stats.flag_polls++;
    if (send_app(h, P_FLAGS, CMD_GET_MSG_FLAGS, NULL, 0))
        end_round(h);
}

/* ---- what Get Message and Read Event Message Buffer bring ------------------------------ */

static void on_event(struct ik_msgh *h, const uint8_t *evt)
{
    bool any = false;
    h->stats.events_received++;
    for (unsigned i = 0; i < h->cfg.max_users; i++) {
        struct ik_msgh_user *u = &h->users[i];
        if (u->live && u->gets_events) {
            deliver_event(h, u, evt);
            any = true;
        }
    }
    if (any)
        return;
    if (h->ev_count == h->cfg.max_events) {
        h->stats.events_dropped++;
        return;
    }
    memcpy(h->events[(h->ev_head + h->ev_count) % h->cfg.max_events], evt, EVENT_LEN);
    h->ev_count++;
}

static void on_ipmb_response(struct ik_msgh *h, uint8_t channel, const struct ik_ipmimsg *m)
{
    struct seqslot *s = &h->seqs[m->seq % IPMB_SEQS];
    if (m->data_len == 0) {
        h->stats.invalid_messages++; /* a response without a completion code */
        return;
    }
    if (!s->used || s->addr.channel != channel || s->addr.slave_addr != m->src_addr ||
        (s->netfn | 1) != m->netfn || s->cmd != m->cmd) {
        h->stats.late_responses++;
        return;
    }
    s->used = false;
    struct ik_msgh_addr from = ik_msgh_addr_ipmb(channel, m->src_addr, m->src_lun);
    deliver_response(h, s->user, s->msgid, &from, m->netfn, m->cmd, 0, m->data, m->data_len);
}

static const struct cmdreg *find_reg(const struct ik_msgh *h, uint8_t netfn, uint8_t cmd,
                                     uint16_t chans)
{
    for (unsigned i = 0; i < h->cfg.max_cmd_regs; i++) {
        const struct cmdreg *r = &h->regs[i];
        if (r->user && r->netfn == netfn && r->cmd == cmd && (r->chans & chans))
            return r;
    }
    return NULL;
}

static void on_ipmb_command(struct ik_msgh *h, uint8_t channel, const struct ik_ipmimsg *m)
{
    static const uint8_t invalid = CC_INVALID_CMD;
    const struct cmdreg *r = find_reg(h, m->netfn, m->cmd, (uint16_t)(1u << channel));

    h->stats.commands_received++;
    if (!r) {
        h->stats.commands_refused++;
        (void)send_ipmb_answer(h, channel, m, &invalid, 1);
        return;
    }
    struct ik_msgh_msg c;
    memset(&c, 0, offsetof(struct ik_msgh_msg, data));
    c.type = IK_MSGH_COMMAND;
    c.addr = ik_msgh_addr_ipmb(channel, m->src_addr, m->src_lun);
    c.netfn = m->netfn;
    c.cmd = m->cmd;
    c.our_lun = m->dst_lun;
    c.seq = m->seq;
    c.len = m->data_len < sizeof(c.data) ? m->data_len : sizeof(c.data);
    if (c.len)
        memcpy(c.data, m->data, c.len);
    deliver(h, r->user, &c);
}

/*
 * Get Message response data after the completion code (lib/msg_app.c, section 22.6): the
 * channel byte, then the IPMB frame as received without its first byte (the responder
 * address, which is ours). The frame is decoded (lib/ipmimsg.c) with our address put back
 * in front, which checksum 1 covers.
 */
static void on_get_message(struct ik_msgh *h, const uint8_t *d, size_t n)
{
    uint8_t frame[IK_IPMIMSG_MIN_LEN + IK_MSGH_MAX_DATA];
    struct ik_get_msg_rsp gm;
    struct ik_ipmimsg m;

    if (ik_get_msg_rsp_decode(d, n, &gm) != 0 || gm.data_len + 1 > sizeof(frame)) {
        h->stats.invalid_messages++;
        return;
    }
    frame[0] = h->cfg.bmc_addr;
    if (gm.data_len)
        memcpy(frame + 1, gm.data, gm.data_len);
    if (ik_ipmimsg_decode(frame, gm.data_len + 1, &m) != 0) {
        h->stats.invalid_messages++;
        return;
    }
    if (ik_netfn_is_response(m.netfn))
        on_ipmb_response(h, gm.channel, &m);
    else
        on_ipmb_command(h, gm.channel, &m);
}

/* ---- answers from the interface -------------------------------------------------------- */

static void on_send_msg_done(struct ik_msgh *h, const struct pending *p, int err, uint8_t cc)
{
    struct seqslot *s = &h->seqs[p->seq];
    if (!s->used || s->gen != p->seq_gen)
        return; /* timed out meanwhile */
    if (!err && cc == 0)
        return; /* on the bus: the answer comes through Get Message */
    if (!err)
        h->stats.send_failures++;
    s->used = false;
    deliver_cc(h, s->user, s->msgid, &s->addr, s->netfn, s->cmd, err, err ? CC_UNSPECIFIED : cc);
}

static void on_smi_response(void *owner, uint64_t tag, int err, const uint8_t *rsp, size_t len)
{
    struct ik_msgh *h = owner;
    uint64_t idx = tag & 0xFFFFFFFFu;

    if (idx >= h->cfg.max_pending || h->pend[idx].kind == P_FREE ||
        h->pend[idx].gen != (uint32_t)(tag >> 32)) {
        h->stats.stale_tags++;
        return;
    }
    struct pending p = h->pend[idx];
    h->pend[idx].kind = P_FREE;
    if (!err && (!rsp || len == 0))
        err = IK_E_PROTOCOL; /* the interface broke its contract: treat as no answer */
    uint8_t cc = err ? CC_UNSPECIFIED : rsp[0];

    switch (p.kind) {
    case P_USER:
        if (err)
            deliver_cc(h, p.user, p.msgid, &p.addr, p.netfn, p.cmd, err, CC_UNSPECIFIED);
        else
            deliver_response(h, p.user, p.msgid, &p.addr, (uint8_t)(p.netfn | 1), p.cmd, 0, rsp,
                             len);
        return;
    case P_SEND_MSG:
        on_send_msg_done(h, &p, err, cc);
        return;
    case P_SEND_RSP:
        if (err || cc)
            h->stats.send_failures++;
        return;
    case P_FLAGS: {
        /* Read as far as the spec defines: one byte of flags (lib/msg_app.c); more is
         * ignored. */
        struct ik_msg_flags mf;
        if (err || cc || len < 1 + IK_MSG_FLAGS_LEN ||
            ik_msg_flags_decode(rsp + 1, IK_MSG_FLAGS_LEN, &mf) != 0) {
            end_round(h);
            return;
        }
        h->round_flags = mf.flags;
        round_next(h);
        return;
    }
    case P_GET_MSG:
        if (err) {
            end_round(h);
            return;
        }
        if (cc == 0) {
            h->round_found = true;
            on_get_message(h, rsp + 1, len - 1);
        } else {
            h->round_flags &= (uint8_t)~IK_MSGF_RECV_MSG; /* 80h: the queue is empty */
        }
        round_next(h);
        return;
    case P_READ_EVT:
        if (err) {
            end_round(h);
            return;
        }
        if (cc == 0 && len == 1 + EVENT_LEN) {
            h->round_found = true;
            on_event(h, rsp + 1);
        } else {
            if (cc == 0)
                h->stats.invalid_messages++;
            h->round_flags &= (uint8_t)~IK_MSGF_EVENT_BUF;
        }
        round_next(h);
        return;
    case P_CLEAR:
        round_next(h);
        return;
    case P_FREE:
        return;
    }
}

static void on_smi_event(void *owner, const uint8_t *evt, size_t len)
{
    struct ik_msgh *h = owner;
    if (len != EVENT_LEN) {
        h->stats.invalid_messages++;
        return;
    }
    on_event(h, evt);
}

/* ---- the handler ------------------------------------------------------------------------ */

struct ik_msgh *ik_msgh_new(const struct ik_msgh_cfg *cfg, struct ik_smi *smi)
{
    struct ik_msgh *h = calloc(1, sizeof(*h));
    if (!h)
        return NULL;
    if (cfg)
        h->cfg = *cfg;
    else
        ik_msgh_default_cfg(&h->cfg);
    struct ik_msgh_cfg *c = &h->cfg;
    if (!c->max_users)
        c->max_users = 1;
    if (!c->user_queue)
        c->user_queue = 1;
    if (!c->max_pending)
        c->max_pending = 1;
    if (!c->max_events)
        c->max_events = 1;
    if (!c->max_cmd_regs)
        c->max_cmd_regs = 1;
    c->sms_lun &= 3;
    h->smi = smi;
    h->users = calloc(c->max_users, sizeof(*h->users));
    h->pend = calloc(c->max_pending, sizeof(*h->pend));
    h->regs = calloc(c->max_cmd_regs, sizeof(*h->regs));
    h->events = calloc(c->max_events, sizeof(*h->events));
    if (!h->users || !h->pend || !h->regs || !h->events) {
        ik_msgh_free(h);
        return NULL;
    }
    for (unsigned i = 0; i < c->max_users; i++)
        h->users[i].h = h;
    smi->up.owner = h;
    smi->up.response = on_smi_response;
    smi->up.event = on_smi_event;
    return h;
}

void ik_msgh_free(struct ik_msgh *h)
{
    if (!h)
        return;
    if (h->users)
        for (unsigned i = 0; i < h->cfg.max_users; i++)
            free(h->users[i].q);
    free(h->users);
    free(h->pend);
    free(h->regs);
    free(h->events);
    free(h);
}

int ik_msgh_user_create(struct ik_msgh *h, ik_msgh_recv_fn fn, void *arg, struct ik_msgh_user **out)
{
    for (unsigned i = 0; i < h->cfg.max_users; i++) {
        struct ik_msgh_user *u = &h->users[i];
        if (u->live)
            continue;
        memset(u, 0, sizeof(*u));
        u->h = h;
        u->fn = fn;
        u->arg = arg;
        if (!fn) {
            u->q = calloc(h->cfg.user_queue, sizeof(*u->q));
            if (!u->q)
                return IK_E_NOMEM;
        }
        u->live = true;
        *out = u;
        return 0;
    }
    return IK_E_LIMIT;
}

void ik_msgh_user_destroy(struct ik_msgh_user *u)
{
    struct ik_msgh *h = u->h;
    if (!u->live)
        return;
    u->live = false;
    u->gets_events = false;
    free(u->q);
    u->q = NULL;
    u->qcount = 0;
    for (unsigned i = 0; i < h->cfg.max_cmd_regs; i++)
        if (h->regs[i].user == u)
            h->regs[i].user = NULL;
    /* Answers still on their way find nobody (counted as orphans). */
    for (unsigned i = 0; i < h->cfg.max_pending; i++)
        if (h->pend[i].user == u)
            h->pend[i].user = NULL;
    for (unsigned i = 0; i < IPMB_SEQS; i++)
        if (h->seqs[i].user == u)
            h->seqs[i].user = NULL;
}

static int request_ipmb(struct ik_msgh_user *u, const struct ik_msgh_addr *addr, uint64_t msgid,
                        uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len, ik_time_us now)
{
    struct ik_msgh *h = u->h;
    uint8_t buf[1 + IK_IPMIMSG_MIN_LEN + IK_MSGH_MAX_DATA];
    size_t w;
    unsigned seq = IPMB_SEQS;

    for (unsigned k = 0; k < IPMB_SEQS; k++) {
        unsigned s = (h->next_seq + k) % IPMB_SEQS;
        if (!h->seqs[s].used) {
            seq = s;
            break;
        }
    }
    if (seq == IPMB_SEQS)
        return IK_E_BUSY;

    /* The IPMB frame: to the satellite, from us (answers come back to the SMS LUN). */
    struct ik_ipmimsg m = {
        .dst_addr = addr->slave_addr,
        .netfn = netfn,
        .dst_lun = addr->lun,
        .src_addr = h->cfg.bmc_addr,
        .seq = (uint8_t)seq,
        .src_lun = h->cfg.sms_lun,
        .cmd = cmd,
        .data = len ? data : NULL,
        .data_len = len,
    };
    int rc = send_msg_request(IK_SEND_MSG_TRACK, addr->channel, &m, buf, sizeof(buf), &w);
    if (rc)
        return rc;

    struct seqslot *s = &h->seqs[seq];
    struct pending what = {
        .kind = P_SEND_MSG,
        .user = u,
        .msgid = msgid,
        .addr = *addr,
        .netfn = NETFN_APP,
        .cmd = CMD_SEND_MSG,
        .seq = seq,
        .seq_gen = s->gen + 1,
    };
    struct ik_smi_req req = {.netfn = NETFN_APP, .cmd = CMD_SEND_MSG, .data = buf, .len = w};
    rc = smi_send(h, &what, &req);
    if (rc)
        return rc;
    s->used = true;
    s->gen++;
    s->user = u;
    s->msgid = msgid;
    s->addr = *addr;
    s->netfn = netfn;
    s->cmd = cmd;
    s->deadline = now + h->cfg.ipmb_timeout_us;
    h->next_seq = (seq + 1) % IPMB_SEQS;
    h->stats.ipmb_requests++;
    return 0;
}

int ik_msgh_request(struct ik_msgh_user *u, const struct ik_msgh_addr *addr, uint64_t msgid,
                    uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len, ik_time_us now)
{
    struct ik_msgh *h = u->h;
    if (!u->live || !addr || (netfn & 1) || netfn > 0x3F || addr->lun > 3)
        return IK_E_INVAL;
    if (len && !data)
        return IK_E_INVAL;
    if (len > IK_MSGH_MAX_DATA)
        return IK_E_OVERSIZE;
    h->now = now;

    bool bridged_below = (h->smi->caps & IK_SMI_CAP_IPMB) != 0;
    if (addr->type == IK_MSGH_ADDR_IPMB && !bridged_below) {
        if (addr->channel > 0x0B) /* 0Ch-0Fh are reserved or not IPMB */
            return IK_E_INVAL;
        return request_ipmb(u, addr, msgid, netfn, cmd, data, len, now);
    }
    if (addr->type == IK_MSGH_ADDR_SI && addr->channel != IK_MSGH_BMC_CHANNEL)
        return IK_E_INVAL;
    if (addr->type != IK_MSGH_ADDR_SI && addr->type != IK_MSGH_ADDR_IPMB)
        return IK_E_INVAL;

    struct pending what = {
        .kind = P_USER, .user = u, .msgid = msgid, .addr = *addr, .netfn = netfn, .cmd = cmd};
    struct ik_smi_req req = {.netfn = netfn,
                             .lun = addr->lun,
                             .cmd = cmd,
                             .data = data,
                             .len = len,
                             .ipmb = addr->type == IK_MSGH_ADDR_IPMB,
                             .channel = addr->channel,
                             .slave_addr = addr->slave_addr};
    int rc = smi_send(h, &what, &req);
    if (rc == 0) {
        if (addr->type == IK_MSGH_ADDR_IPMB)
            h->stats.ipmb_requests++;
        else
            h->stats.si_requests++;
    }
    return rc;
}

int ik_msgh_recv(struct ik_msgh_user *u, struct ik_msgh_msg *out)
{
    if (!u->live || !u->q)
        return IK_E_INVAL;
    if (u->qcount == 0)
        return IK_E_NOTFOUND;
    *out = u->q[u->qhead];
    u->qhead = (u->qhead + 1) % u->h->cfg.user_queue;
    u->qcount--;
    return 0;
}

int ik_msgh_set_gets_events(struct ik_msgh_user *u, bool on)
{
    struct ik_msgh *h = u->h;
    if (!u->live)
        return IK_E_INVAL;
    u->gets_events = on;
    /* Events kept while nobody listened go to whoever listens first. */
    while (on && h->ev_count && u->live) {
        uint8_t evt[EVENT_LEN];
        memcpy(evt, h->events[h->ev_head], EVENT_LEN);
        h->ev_head = (h->ev_head + 1) % h->cfg.max_events;
        h->ev_count--;
        deliver_event(h, u, evt);
    }
    return 0;
}

int ik_msgh_register_cmd(struct ik_msgh_user *u, uint8_t netfn, uint8_t cmd, uint16_t chans)
{
    struct ik_msgh *h = u->h;
    if (!u->live || (netfn & 1) || netfn > 0x3F || chans == 0)
        return IK_E_INVAL;
    if (find_reg(h, netfn, cmd, chans))
        return IK_E_EXISTS;
    for (unsigned i = 0; i < h->cfg.max_cmd_regs; i++) {
        struct cmdreg *r = &h->regs[i];
        if (!r->user) {
            r->user = u;
            r->netfn = netfn;
            r->cmd = cmd;
            r->chans = chans;
            return 0;
        }
    }
    return IK_E_LIMIT;
}

int ik_msgh_unregister_cmd(struct ik_msgh_user *u, uint8_t netfn, uint8_t cmd, uint16_t chans)
{
    struct ik_msgh *h = u->h;
    bool found = false;
    for (unsigned i = 0; i < h->cfg.max_cmd_regs; i++) {
        struct cmdreg *r = &h->regs[i];
        if (r->user != u || r->netfn != netfn || r->cmd != cmd || !(r->chans & chans))
            continue;
        found = true;
        r->chans &= (uint16_t)~chans;
        if (!r->chans)
            r->user = NULL;
    }
    return found ? 0 : IK_E_NOTFOUND;
}

int ik_msgh_respond(struct ik_msgh_user *u, const struct ik_msgh_msg *command, const uint8_t *data,
                    size_t len)
{
    struct ik_msgh *h = u->h;
    if (!u->live || command->type != IK_MSGH_COMMAND || command->addr.type != IK_MSGH_ADDR_IPMB ||
        len == 0 || !data)
        return IK_E_INVAL;
    /* Rebuild the command's header as it arrived: to us, from the requester. */
    struct ik_ipmimsg rq = {
        .dst_addr = h->cfg.bmc_addr,
        .netfn = command->netfn,
        .dst_lun = command->our_lun & 3,
        .src_addr = command->addr.slave_addr,
        .seq = command->seq & 0x3F,
        .src_lun = command->addr.lun & 3,
        .cmd = command->cmd,
    };
    return send_ipmb_answer(h, command->addr.channel, &rq, data, len);
}

static ik_time_us earliest(ik_time_us a, ik_time_us b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return a < b ? a : b;
}

ik_time_us ik_msgh_poll(struct ik_msgh *h, ik_time_us now)
{
    h->now = now;
    ik_time_us next = h->smi->ops->poll(h->smi->be, now);

    /* Bridged requests past their deadline get the timeout answer. */
    for (unsigned i = 0; i < IPMB_SEQS; i++) {
        struct seqslot *s = &h->seqs[i];
        if (!s->used)
            continue;
        if (now >= s->deadline) {
            s->used = false;
            h->stats.ipmb_timeouts++;
            deliver_cc(h, s->user, s->msgid, &s->addr, s->netfn, s->cmd, IK_E_TIMEOUT, CC_TIMEOUT);
            continue;
        }
        next = earliest(next, s->deadline);
    }

    bool was_active = h->round_active;
    maybe_start_round(h, now);
    if (h->round_active && !was_active)
        return now; /* the interface has a new request: run it */

    const struct ik_smi *smi = h->smi;
    /* A disabled interface is not polled (maybe_start_round): no wake-up for it either, or a
     * driver would spin on a deadline in the past. */
    if (!(smi->caps & (IK_SMI_CAP_ATTN | IK_SMI_CAP_IPMB)) && h->cfg.flags_poll_us &&
        !h->round_active && !(smi->ops->flags(smi->be) & IK_SMI_DISABLED))
        next = earliest(next, h->next_flags_poll);
    if ((smi->ops->flags(smi->be) & IK_SMI_ATTN) && h->quiet_until > now && !h->round_active)
        next = earliest(next, h->quiet_until);
    return next;
}

void ik_msgh_set_enabled(struct ik_msgh *h, bool on)
{
    h->smi->ops->set_enabled(h->smi->be, on);
}

int ik_msgh_describe(const struct ik_msgh *h, char *buf, size_t cap)
{
    return h->smi->ops->describe(h->smi->be, buf, cap);
}

const struct ik_msgh_stats *ik_msgh_stats(const struct ik_msgh *h)
{
    return &h->stats;
}
