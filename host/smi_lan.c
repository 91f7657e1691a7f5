/*
 * The LAN backend (smi_lan.h): a FIFO of requests fed one at a time into lib's console
 * session machine.
 *
 *   CLOSED   no session; the first queued request starts the handshake
 *   OPENING  handshake in progress (the machine's step says when to look again)
 *   READY    session up, nothing in flight
 *   BUSY     the queue's head is in the session
 *   CLOSING  Close Session sent (one try)
 *   FAILED   the handshake failed: requests refused until set_enabled(true)
 *   DONE     closed for good
 *
 * Datagrams pushed with ik_smi_lan_rx() advance the machine at once; an answer they
 * complete is kept and handed up at the next poll, so the handler's callbacks only ever run
 * inside its poll.
 */
#include "smi_lan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "ipmikit/error.h"

enum lstate { L_CLOSED, L_OPENING, L_READY, L_BUSY, L_CLOSING, L_FAILED, L_DONE };

struct item {
    uint64_t tag;
    uint8_t netfn, cmd;
    size_t len;
    uint8_t data[IK_LANC_MAX_REQ];
};

struct ik_smi_lan {
    struct ik_smi smi;
    struct ik_lanc_config cfg;
    struct ik_lanc lc;
    struct ik_smi_lan_io io;
    enum lstate st;
    struct ik_sm_step step; /* the machine's last step while OPENING, BUSY or CLOSING */
    struct item *q;         /* ring of cap */
    unsigned head, count, cap;
    bool disabled;     /* the operator's switch */
    bool close_wanted; /* ik_smi_lan_close: close once nothing is in flight */
    /* The head's answer, completed by a datagram, handed up at the next poll. */
    bool done;
    int done_err;
    size_t done_len;
    uint8_t done_rsp[IK_RP_MAX_PAYLOAD];
    char why[200];
    struct ik_smi_lan_stats stats;
};

static const char *name_of(const struct ik_smi_lan *l)
{
    return l->cfg.v15 ? "lan" : "lanplus";
}

static void pop_answer(struct ik_smi_lan *l, int err, const uint8_t *rsp, size_t len)
{
    struct item it = l->q[l->head];
    l->head = (l->head + 1) % l->cap;
    l->count--;
    if (err)
        l->stats.failed++;
    else
        l->stats.requests++;
    l->smi.up.response(l->smi.up.owner, it.tag, err, err ? NULL : rsp, err ? 0 : len);
}

static void fail_all(struct ik_smi_lan *l, int err)
{
    while (l->count)
        pop_answer(l, err, NULL, 0);
}

/* Act on the machine's step after an event (rc: the event function's own return). */
static void apply(struct ik_smi_lan *l, int rc)
{
    struct ik_sm_step *s = &l->step;
    if (rc && s->act != IK_SM_FAIL) {
        s->act = IK_SM_FAIL;
        s->err = rc;
        s->reason = NULL;
    }
    switch (s->act) {
    case IK_SM_SEND:
        l->io.send(l->io.ctx, s->tx, s->tx_len);
        s->act = IK_SM_WAIT; /* sent once; now wait for the answer or the deadline */
        return;
    case IK_SM_WAIT:
    case IK_SM_IDLE:
        return;
    case IK_SM_DONE:
        if (l->st == L_OPENING) {
            l->st = L_READY;
            l->stats.sessions++;
        } else if (l->st == L_BUSY) {
            const struct ik_ipmimsg *m = ik_lanc_response(&l->lc);
            l->done = true;
            l->done_err = 0;
            l->done_len = 0;
            if (m && m->data_len >= 1 && m->data_len <= sizeof(l->done_rsp)) {
                memcpy(l->done_rsp, m->data, m->data_len);
                l->done_len = m->data_len;
            } else {
                l->done_err = IK_E_PROTOCOL; /* no completion code */
            }
            l->st = L_READY;
        } else if (l->st == L_CLOSING) {
            l->st = L_DONE;
        }
        return;
    case IK_SM_FAIL: {
        int err = s->err ? s->err : IK_E_PROTOCOL;
        if (l->st == L_OPENING) {
            snprintf(l->why, sizeof(l->why), "%s: %s", name_of(l),
                     s->reason ? s->reason : ik_strerror(err));
            l->st = L_FAILED;
            ik_lanc_wipe(&l->lc);
            l->done = true; /* the queue fails at the next poll */
            l->done_err = err;
        } else if (l->st == L_BUSY) {
            /* The session is given up; the next request opens a new one. */
            snprintf(l->why, sizeof(l->why), "%s: %s", name_of(l),
                     s->reason ? s->reason : ik_strerror(err));
            l->stats.abandoned++;
            ik_lanc_wipe(&l->lc);
            l->st = L_CLOSED;
            l->done = true;
            l->done_err = err;
        } else if (l->st == L_CLOSING) {
            l->st = L_DONE;
        }
        return;
    }
    }
}

/* Hand up what a datagram completed. */
static void deliver_done(struct ik_smi_lan *l)
{
    if (!l->done)
        return;
    l->done = false;
    if (l->st == L_FAILED) {
        fail_all(l, l->done_err);
        return;
    }
    if (l->count)
        pop_answer(l, l->done_err, l->done_rsp, l->done_len);
}

static int lan_send(void *be, uint64_t tag, const struct ik_smi_req *req)
{
    struct ik_smi_lan *l = be;
    if (l->disabled || l->st == L_FAILED || l->st == L_DONE || l->close_wanted)
        return IK_E_DISABLED;
    if (req->ipmb || req->lun != 0)
        return IK_E_UNSUPPORTED; /* the handler bridges; the session machine talks to LUN 0 */
    if (req->netfn > 0x3F)
        return IK_E_RANGE;
    if (req->len > IK_LANC_MAX_REQ)
        return IK_E_OVERSIZE;
    if (req->len && !req->data)
        return IK_E_INVAL;
    if (l->count == l->cap)
        return IK_E_LIMIT;
    struct item *it = &l->q[(l->head + l->count) % l->cap];
    it->tag = tag;
    it->netfn = req->netfn;
    it->cmd = req->cmd;
    it->len = req->len;
    if (req->len)
        memcpy(it->data, req->data, req->len);
    l->count++;
    return 0;
}

static ik_time_us lan_poll(void *be, ik_time_us now)
{
    struct ik_smi_lan *l = be;
    deliver_done(l);
    for (int guard = 0; guard < 64; guard++) {
        int rc;
        switch (l->st) {
        case L_CLOSED:
            if (l->close_wanted) {
                fail_all(l, IK_E_DISABLED);
                l->st = L_DONE;
                return 0;
            }
            if (!l->count)
                return 0;
            l->st = L_OPENING;
            rc = ik_lanc_start(&l->lc, &l->cfg, now, &l->step);
            apply(l, rc);
            deliver_done(l);
            continue;
        case L_READY:
            if (l->close_wanted) {
                fail_all(l, IK_E_DISABLED);
                l->st = L_CLOSING;
                rc = ik_lanc_close(&l->lc, now, &l->step);
                apply(l, rc);
                continue;
            }
            if (!l->count)
                return 0;
            l->st = L_BUSY;
            {
                const struct item *it = &l->q[l->head];
                rc = ik_lanc_request(&l->lc, now, it->netfn, it->cmd, it->len ? it->data : NULL,
                                     it->len, &l->step);
            }
            apply(l, rc);
            deliver_done(l);
            continue;
        case L_OPENING:
        case L_BUSY:
        case L_CLOSING:
            if (l->step.act == IK_SM_WAIT && l->step.deadline && now >= l->step.deadline) {
                rc = ik_lanc_timer(&l->lc, now, &l->step);
                apply(l, rc);
                deliver_done(l);
                continue;
            }
            return l->step.act == IK_SM_WAIT ? l->step.deadline : now;
        case L_FAILED:
            if (l->close_wanted)
                l->st = L_DONE;
            return 0;
        case L_DONE:
            return 0;
        }
    }
    return now;
}

void ik_smi_lan_rx(struct ik_smi_lan *l, ik_time_us now, const uint8_t *dgram, size_t len)
{
    if (l->st != L_OPENING && l->st != L_BUSY && l->st != L_CLOSING)
        return; /* nothing expected: a late or stray datagram */
    int rc = ik_lanc_rx(&l->lc, now, dgram, len, &l->step);
    apply(l, rc);
}

static unsigned lan_flags(void *be)
{
    struct ik_smi_lan *l = be;
    return l->disabled || l->st == L_FAILED || l->st == L_DONE ? IK_SMI_DISABLED : 0;
}

static void lan_set_enabled(void *be, bool on)
{
    struct ik_smi_lan *l = be;
    if (on) {
        l->disabled = false;
        if (l->st == L_FAILED)
            l->st = L_CLOSED;
        return;
    }
    l->disabled = true;
    if (l->st == L_OPENING || l->st == L_BUSY) {
        ik_lanc_wipe(&l->lc);
        l->st = L_CLOSED;
    }
    l->done = false;
    fail_all(l, IK_E_DISABLED);
}

static int lan_describe(void *be, char *buf, size_t cap)
{
    struct ik_smi_lan *l = be;
    switch (l->st) {
    case L_FAILED:
        return snprintf(buf, cap, "%s", l->why);
    case L_READY:
    case L_BUSY:
        return snprintf(buf, cap, "%s: session %08x up", name_of(l), (unsigned)l->lc.sid);
    case L_DONE:
        return snprintf(buf, cap, "%s: closed", name_of(l));
    default:
        if (l->why[0])
            return snprintf(buf, cap, "%s (no session now)", l->why);
        return snprintf(buf, cap, "%s: no session yet", name_of(l));
    }
}

static const struct ik_smi_ops lan_ops = {
    .name = "lan",
    .send = lan_send,
    .poll = lan_poll,
    .flags = lan_flags,
    .set_enabled = lan_set_enabled,
    .describe = lan_describe,
};

struct ik_smi_lan *ik_smi_lan_new(const struct ik_lanc_config *cfg, const struct ik_smi_lan_io *io,
                                  unsigned queue_cap)
{
    struct ik_smi_lan *l = calloc(1, sizeof(*l));
    if (!l)
        return NULL;
    l->cap = queue_cap ? queue_cap : 32;
    l->q = calloc(l->cap, sizeof(*l->q));
    if (!l->q) {
        free(l);
        return NULL;
    }
    l->cfg = *cfg;
    l->io = *io;
    l->smi.ops = &lan_ops;
    l->smi.be = l;
    l->smi.caps = 0;
    return l;
}

void ik_smi_lan_free(struct ik_smi_lan *l)
{
    if (!l)
        return;
    ik_lanc_wipe(&l->lc);
    ik_cleanse(&l->cfg, sizeof(l->cfg));
    free(l->q);
    free(l);
}

struct ik_smi *ik_smi_lan_smi(struct ik_smi_lan *l)
{
    return &l->smi;
}

void ik_smi_lan_close(struct ik_smi_lan *l, ik_time_us now)
{
    (void)now;
    l->close_wanted = true;
}

bool ik_smi_lan_closed(const struct ik_smi_lan *l)
{
    return l->st == L_DONE;
}

const struct ik_smi_lan_stats *ik_smi_lan_stats(const struct ik_smi_lan *l)
{
    return &l->stats;
}
