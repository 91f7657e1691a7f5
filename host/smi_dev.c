/* The Linux /dev/ipmiN ioctl interface as an ik_smi backend (see smi_dev.h). */
#include "smi_dev.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/ipmi.h>

#include "ipmikit/error.h"

#define DEFAULT_TIMEOUT (6 * IK_US_PER_S)
#define DEFAULT_PENDING 32u
#define MAX_PENDING     256u
#define DEFAULT_DRAIN   64u

struct pending {
    bool used;
    long msgid;
    uint64_t tag;
    ik_time_us deadline; /* 0 until the first poll() sees it */
};

struct ik_smi_dev {
    struct ik_smi smi;
    int fd;
    struct ik_smi_dev_io io;
    struct ik_smi_dev_cfg cfg;
    bool enabled;
    long next_msgid;
    unsigned n_pending;
    struct pending *pend;
    struct ik_smi_dev_stats stats;
    /* IPMI_MAX_MSG_LENGTH is the largest message the kernel queues for us. */
    uint8_t rxbuf[IPMI_MAX_MSG_LENGTH];
};

static int sys_ioctl(void *ctx, int fd, unsigned long request, void *arg)
{
    (void)ctx;
    return ioctl(fd, request, arg) < 0 ? -errno : 0;
}

const struct ik_smi_dev_io ik_smi_dev_sys_io = {sys_ioctl, NULL};

int ik_smi_dev_errno(int neg_errno)
{
    switch (-neg_errno) {
    case EMSGSIZE:
        return IK_E_OVERSIZE;
    case EINVAL:
        return IK_E_INVAL;
    case ENOMEM:
        return IK_E_NOMEM;
    case EBUSY:
    case EAGAIN:
        return IK_E_BUSY;
    default:
        return IK_E_IO;
    }
}

static struct pending *find_msgid(struct ik_smi_dev *d, long msgid)
{
    for (unsigned i = 0; i < d->cfg.max_pending; i++)
        if (d->pend[i].used && d->pend[i].msgid == msgid)
            return &d->pend[i];
    return NULL;
}

static void answer(struct ik_smi_dev *d, struct pending *p, int err, const uint8_t *rsp, size_t len)
{
    uint64_t tag = p->tag;
    p->used = false;
    d->n_pending--;
    if (d->smi.up.response)
        d->smi.up.response(d->smi.up.owner, tag, err, rsp, len);
}

static int dev_send(void *be, uint64_t tag, const struct ik_smi_req *req)
{
    struct ik_smi_dev *d = be;
    if (!d->enabled)
        return IK_E_DISABLED;
    if (req->len > IPMI_MAX_MSG_LENGTH || (req->len && !req->data))
        return req->len > IPMI_MAX_MSG_LENGTH ? IK_E_OVERSIZE : IK_E_INVAL;
    if (req->netfn > 0x3F || (req->netfn & 1) || req->lun > 3)
        return IK_E_RANGE;
    if (d->n_pending >= d->cfg.max_pending)
        return IK_E_LIMIT;
    struct pending *slot = NULL;
    for (unsigned i = 0; i < d->cfg.max_pending && !slot; i++)
        if (!d->pend[i].used)
            slot = &d->pend[i];

    struct ipmi_addr addr;
    memset(&addr, 0, sizeof(addr));
    unsigned int addr_len;
    if (req->ipmb) {
        struct ipmi_ipmb_addr a = {.addr_type = IPMI_IPMB_ADDR_TYPE,
                                   .channel = (short)(req->channel & 0x0F),
                                   .slave_addr = req->slave_addr,
                                   .lun = req->lun};
        memcpy(&addr, &a, sizeof(a));
        addr_len = sizeof(a);
    } else {
        struct ipmi_system_interface_addr a = {.addr_type = IPMI_SYSTEM_INTERFACE_ADDR_TYPE,
                                               .channel = IPMI_BMC_CHANNEL,
                                               .lun = req->lun};
        memcpy(&addr, &a, sizeof(a));
        addr_len = sizeof(a);
    }
    uint8_t data[IPMI_MAX_MSG_LENGTH];
    if (req->len)
        memcpy(data, req->data, req->len);
    long msgid = d->next_msgid++;
    if (d->next_msgid <= 0)
        d->next_msgid = 1;
    struct ipmi_req r;
    memset(&r, 0, sizeof(r));
    r.addr = (unsigned char *)&addr;
    r.addr_len = addr_len;
    r.msgid = msgid;
    r.msg.netfn = req->netfn;
    r.msg.cmd = req->cmd;
    r.msg.data_len = (unsigned short)req->len;
    r.msg.data = data;
    int rc = d->io.ioctl(d->io.ctx, d->fd, IPMICTL_SEND_COMMAND, &r);
    if (rc < 0) {
        d->stats.io_errors++;
        return ik_smi_dev_errno(rc);
    }
    slot->used = true;
    slot->msgid = msgid;
    slot->tag = tag;
    slot->deadline = 0;
    d->n_pending++;
    d->stats.sent++;
    return 0;
}

/* Take one message off the kernel's queue. 1 handled, 0 queue empty, <0 an error that
 * stops this round. */
static int receive_one(struct ik_smi_dev *d)
{
    struct ipmi_addr addr;
    struct ipmi_recv r;
    memset(&r, 0, sizeof(r));
    memset(&addr, 0, sizeof(addr));
    r.addr = (unsigned char *)&addr;
    r.addr_len = sizeof(addr);
    r.msg.data = d->rxbuf;
    r.msg.data_len = sizeof(d->rxbuf);
    int rc = d->io.ioctl(d->io.ctx, d->fd, IPMICTL_RECEIVE_MSG, &r);
    bool truncated = false;
    if (rc == -EMSGSIZE) {
        /* The message stays queued; take it truncated so it cannot block the queue. */
        memset(&r, 0, sizeof(r));
        r.addr = (unsigned char *)&addr;
        r.addr_len = sizeof(addr);
        r.msg.data = d->rxbuf;
        r.msg.data_len = sizeof(d->rxbuf);
        rc = d->io.ioctl(d->io.ctx, d->fd, IPMICTL_RECEIVE_MSG_TRUNC, &r);
        if (rc == -EMSGSIZE)
            rc = 0; /* the _TRUNC variant reports the truncation this way */
        truncated = true;
        d->stats.truncated++;
    }
    if (rc == -EAGAIN || rc == -EWOULDBLOCK)
        return 0;
    if (rc < 0) {
        d->stats.io_errors++;
        return rc;
    }
    /* The kernel reports the length it stored; never trust it beyond our buffer. */
    size_t len = r.msg.data_len;
    if (len > sizeof(d->rxbuf)) {
        len = sizeof(d->rxbuf);
        truncated = true;
    }
    switch (r.recv_type) {
    case IPMI_RESPONSE_RECV_TYPE: {
        struct pending *p = find_msgid(d, r.msgid);
        if (!p) {
            d->stats.unmatched++;
            return 1;
        }
        d->stats.responses++;
        if (truncated)
            answer(d, p, IK_E_OVERSIZE, NULL, 0);
        else if (len == 0)
            answer(d, p, IK_E_PROTOCOL, NULL, 0); /* no completion code */
        else
            answer(d, p, 0, d->rxbuf, len);
        return 1;
    }
    case IPMI_ASYNC_EVENT_RECV_TYPE:
        d->stats.events++;
        if (d->smi.up.event && !truncated)
            d->smi.up.event(d->smi.up.owner, d->rxbuf, len);
        return 1;
    default: /* incoming commands (we register for none), response acknowledgements */
        d->stats.ignored++;
        return 1;
    }
}

static ik_time_us dev_poll(void *be, ik_time_us now)
{
    struct ik_smi_dev *d = be;
    for (unsigned i = 0; i < d->cfg.max_drain; i++)
        if (receive_one(d) <= 0)
            break;
    ik_time_us next = 0;
    for (unsigned i = 0; i < d->cfg.max_pending; i++) {
        struct pending *p = &d->pend[i];
        if (!p->used)
            continue;
        if (p->deadline == 0)
            p->deadline = now + d->cfg.timeout;
        if (now >= p->deadline) {
            d->stats.timeouts++;
            answer(d, p, IK_E_TIMEOUT, NULL, 0);
            continue;
        }
        if (next == 0 || p->deadline < next)
            next = p->deadline;
    }
    return next;
}

static unsigned dev_flags(void *be)
{
    struct ik_smi_dev *d = be;
    return d->enabled ? 0 : IK_SMI_DISABLED;
}

static void dev_set_enabled(void *be, bool on)
{
    struct ik_smi_dev *d = be;
    d->enabled = on;
    if (on)
        return;
    for (unsigned i = 0; i < d->cfg.max_pending; i++)
        if (d->pend[i].used)
            answer(d, &d->pend[i], IK_E_DISABLED, NULL, 0);
}

static int dev_describe(void *be, char *buf, size_t cap)
{
    struct ik_smi_dev *d = be;
    return snprintf(buf, cap,
                    "devipmi fd=%d %s pending=%u sent=%lu responses=%lu events=%lu truncated=%lu "
                    "unmatched=%lu timeouts=%lu io_errors=%lu",
                    d->fd, d->enabled ? "enabled" : "disabled", d->n_pending, d->stats.sent,
                    d->stats.responses, d->stats.events, d->stats.truncated, d->stats.unmatched,
                    d->stats.timeouts, d->stats.io_errors);
}

static const struct ik_smi_ops dev_ops = {
    .name = "devipmi",
    .send = dev_send,
    .poll = dev_poll,
    .flags = dev_flags,
    .set_enabled = dev_set_enabled,
    .describe = dev_describe,
};

int ik_smi_dev_new(int fd, const struct ik_smi_dev_io *io, const struct ik_smi_dev_cfg *cfg,
                   struct ik_smi_dev **out)
{
    if (!out)
        return IK_E_INVAL;
    struct ik_smi_dev *d = calloc(1, sizeof(*d));
    if (!d)
        return IK_E_NOMEM;
    d->fd = fd;
    d->io = io ? *io : ik_smi_dev_sys_io;
    if (cfg)
        d->cfg = *cfg;
    if (d->cfg.timeout == 0)
        d->cfg.timeout = DEFAULT_TIMEOUT;
    if (d->cfg.max_pending == 0)
        d->cfg.max_pending = DEFAULT_PENDING;
    if (d->cfg.max_pending > MAX_PENDING)
        d->cfg.max_pending = MAX_PENDING;
    if (d->cfg.max_drain == 0)
        d->cfg.max_drain = DEFAULT_DRAIN;
    d->pend = calloc(d->cfg.max_pending, sizeof(*d->pend));
    if (!d->pend) {
        free(d);
        return IK_E_NOMEM;
    }
    d->enabled = true;
    d->next_msgid = 1;
    d->smi.ops = &dev_ops;
    d->smi.be = d;
    d->smi.caps = IK_SMI_CAP_IPMB;
    *out = d;
    return 0;
}

void ik_smi_dev_free(struct ik_smi_dev *d)
{
    if (!d)
        return;
    free(d->pend);
    free(d);
}

struct ik_smi *ik_smi_dev_smi(struct ik_smi_dev *d)
{
    return &d->smi;
}

const struct ik_smi_dev_stats *ik_smi_dev_stats(const struct ik_smi_dev *d)
{
    return &d->stats;
}
