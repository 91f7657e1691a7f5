/*
 * The KCS backend: a FIFO of requests fed one at a time through the KCS host machine.
 *
 * Each request becomes the KCS message [NetFn << 2 | LUN, cmd, data...]; the answer must
 * be [(NetFn + 1) << 2 | LUN, cmd, completion code, data...]. An answer that is shorter or
 * names another command is reported upward as completion code FFh (and counted), so the
 * caller always gets exactly one answer per request. When the machine gives up (20 failed
 * attempts, see lib/kcs_host.c), the request in flight and everything queued behind it are
 * answered with IK_E_DISABLED, and send() refuses new ones until the interface is
 * re-enabled.
 */
#include "smi_kcs.h"

#include <stdlib.h>
#include <string.h>

struct item {
    uint64_t tag;
    uint8_t netfn, cmd;
    size_t len;
    uint8_t msg[IK_KCS_MAX_MSG];
};

struct ik_smi_kcs {
    struct ik_smi smi;
    struct ik_kcs_host host;
    struct ik_smi_kcs_cfg cfg;
    struct item *q; /* ring of cfg.queue_cap */
    unsigned head, count;
    bool busy; /* q[head] is in the machine */
    struct ik_smi_kcs_stats stats;
};

void ik_smi_kcs_default_cfg(struct ik_smi_kcs_cfg *cfg)
{
    ik_kcs_host_default_cfg(&cfg->kcs);
    cfg->queue_cap = 32;
    cfg->idle_poll_us = 10 * IK_US_PER_MS;
}

static int kcs_send(void *be, uint64_t tag, const struct ik_smi_req *req)
{
    struct ik_smi_kcs *k = be;
    if (ik_kcs_host_disabled(&k->host))
        return IK_E_DISABLED;
    if (req->ipmb)
        return IK_E_UNSUPPORTED; /* the handler bridges IPMB itself for this backend */
    if (req->netfn > 0x3F || req->lun > 3)
        return IK_E_RANGE;
    if (req->len > IK_KCS_MAX_MSG - 2)
        return IK_E_OVERSIZE;
    if (req->len && !req->data)
        return IK_E_INVAL;
    if (k->count == k->cfg.queue_cap) {
        k->stats.queue_full++;
        return IK_E_LIMIT;
    }
    struct item *it = &k->q[(k->head + k->count) % k->cfg.queue_cap];
    it->tag = tag;
    it->netfn = req->netfn;
    it->cmd = req->cmd;
    it->msg[0] = (uint8_t)(req->netfn << 2 | req->lun);
    it->msg[1] = req->cmd;
    if (req->len)
        memcpy(it->msg + 2, req->data, req->len);
    it->len = req->len + 2;
    k->count++;
    return 0;
}

/* Take the head off the queue before calling up, so the handler may send from its callback. */
static struct item *pop(struct ik_smi_kcs *k, struct item *copy)
{
    *copy = k->q[k->head];
    k->head = (k->head + 1) % k->cfg.queue_cap;
    k->count--;
    k->busy = false;
    return copy;
}

static void answer(struct ik_smi_kcs *k, const struct item *it)
{
    const uint8_t *rsp;
    size_t n;
    static const uint8_t unspecified = 0xFF;

    ik_kcs_host_result(&k->host, &rsp, &n);
    if (n < 3 || rsp[0] >> 2 != (it->netfn | 1) || rsp[1] != it->cmd) {
        k->stats.bad_responses++;
        k->smi.up.response(k->smi.up.owner, it->tag, 0, &unspecified, 1);
        return;
    }
    k->stats.sent++;
    k->smi.up.response(k->smi.up.owner, it->tag, 0, rsp + 2, n - 2);
}

static void fail_one(struct ik_smi_kcs *k, int err)
{
    struct item it;
    pop(k, &it);
    k->stats.failed++;
    k->smi.up.response(k->smi.up.owner, it.tag, err, NULL, 0);
}

static void fail_all(struct ik_smi_kcs *k, int err)
{
    while (k->count)
        fail_one(k, err);
}

static ik_time_us kcs_poll(void *be, ik_time_us now)
{
    struct ik_smi_kcs *k = be;
    struct ik_sm_step step;
    struct item it;

    /* Enough events for the longest transaction twice over; then yield to the caller. */
    for (unsigned i = 0; i < 8 * IK_KCS_MAX_MSG; i++) {
        if (ik_kcs_host_disabled(&k->host)) {
            fail_all(k, IK_E_DISABLED);
            return 0;
        }
        if (!k->busy && k->count) {
            struct item *h = &k->q[k->head];
            int rc = ik_kcs_host_start(&k->host, h->msg, h->len, now);
            if (rc) {
                fail_one(k, rc);
                continue;
            }
            k->busy = true;
        }
        ik_kcs_host_event(&k->host, now, &step);
        switch (step.act) {
        case IK_SM_IDLE:
        case IK_SM_SEND:
            return now + k->cfg.idle_poll_us;
        case IK_SM_WAIT:
            if (step.deadline > now)
                return step.deadline;
            continue;
        case IK_SM_DONE:
            answer(k, pop(k, &it));
            continue;
        case IK_SM_FAIL:
            if (k->busy)
                fail_one(k, step.err);
            continue; /* a disabled machine fails the rest at the top of the loop */
        }
    }
    return now;
}

static unsigned kcs_flags(void *be)
{
    struct ik_smi_kcs *k = be;
    if (ik_kcs_host_disabled(&k->host))
        return IK_SMI_DISABLED;
    return k->host.attn ? IK_SMI_ATTN : 0;
}

static void kcs_set_enabled(void *be, bool on)
{
    struct ik_smi_kcs *k = be;
    if (on) {
        ik_kcs_host_enable(&k->host);
        return;
    }
    ik_kcs_host_disable(&k->host);
    fail_all(k, IK_E_DISABLED);
}

static int kcs_describe(void *be, char *buf, size_t cap)
{
    struct ik_smi_kcs *k = be;
    return ik_kcs_host_describe(&k->host, buf, cap);
}

static const struct ik_smi_ops kcs_ops = {
    .name = "kcs",
    .send = kcs_send,
    .poll = kcs_poll,
    .flags = kcs_flags,
    .set_enabled = kcs_set_enabled,
    .describe = kcs_describe,
};

struct ik_smi_kcs *ik_smi_kcs_new(const struct ik_kcs_host_io *io, const struct ik_smi_kcs_cfg *cfg)
{
    struct ik_smi_kcs *k = calloc(1, sizeof(*k));
    if (!k)
        return NULL;
    if (cfg)
        k->cfg = *cfg;
    else
        ik_smi_kcs_default_cfg(&k->cfg);
    if (k->cfg.queue_cap == 0)
        k->cfg.queue_cap = 1;
    k->q = calloc(k->cfg.queue_cap, sizeof(*k->q));
    if (!k->q) {
        free(k);
        return NULL;
    }
    ik_kcs_host_init(&k->host, io, &k->cfg.kcs);
    k->smi.ops = &kcs_ops;
    k->smi.be = k;
    k->smi.caps = IK_SMI_CAP_ATTN;
    return k;
}

void ik_smi_kcs_free(struct ik_smi_kcs *k)
{
    if (!k)
        return;
    free(k->q);
    free(k);
}

struct ik_smi *ik_smi_kcs_smi(struct ik_smi_kcs *k)
{
    return &k->smi;
}

const struct ik_kcs_host *ik_smi_kcs_host(const struct ik_smi_kcs *k)
{
    return &k->host;
}

const struct ik_smi_kcs_stats *ik_smi_kcs_stats(const struct ik_smi_kcs *k)
{
    return &k->stats;
}
