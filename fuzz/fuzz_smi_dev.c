/*
 * libFuzzer harness for the /dev/ipmi0 backend (host/smi_dev.c) against a device whose
 * every answer comes from the input: sends, polls and the kernel's received messages
 * (type, msgid, lengths - including a data length larger than the buffer, which a kernel
 * should never report but the backend must not trust), errors (EAGAIN, EMSGSIZE with and
 * without _TRUNC, EIO). Every accepted request must be answered exactly once.
 *
 * Input: a stream of operations, one byte each plus arguments:
 *   0  send     [netfn][cmd][len][ipmb?]   (len % 40 bytes of zeros as data)
 *   1  poll     [advance in 100 ms units]
 *   2  queue    [type][msgid: 80h+ = the last sent's][len][len bytes: CC, data]
 *              (type bit 7 adds 45 to len: messages larger than the backend's buffer)
 *   3  fail     [what: 0 next send, 1 next receive][errno pick]
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/ipmi.h>

#include "smi_dev.h"

#include "ipmikit/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define QMAX 8

struct msg {
    int type;
    long msgid;
    uint8_t data[300];
    size_t len;
};

struct fake {
    struct msg q[QMAX];
    unsigned qh, qn;
    long last_msgid;
    int send_errno, recv_errno;
    /* answers owed: tags accepted minus tags answered */
    unsigned long accepted, answered;
    uint8_t answered_tag[256];
};

static int fake_ioctl(void *ctx, int fd, unsigned long request, void *arg)
{
    struct fake *f = ctx;
    (void)fd;
    if (request == IPMICTL_SEND_COMMAND) {
        if (f->send_errno) {
            int e = f->send_errno;
            f->send_errno = 0;
            return -e;
        }
        struct ipmi_req *r = arg;
        if (r->msg.data_len > 0 && !r->msg.data)
            abort();
        f->last_msgid = r->msgid;
        return 0;
    }
    if (request == IPMICTL_RECEIVE_MSG || request == IPMICTL_RECEIVE_MSG_TRUNC) {
        if (f->recv_errno) {
            int e = f->recv_errno;
            f->recv_errno = 0;
            return -e;
        }
        if (f->qn == 0)
            return -EAGAIN;
        struct ipmi_recv *r = arg;
        struct msg *m = &f->q[f->qh];
        int too_big = m->len > r->msg.data_len;
        if (too_big && request == IPMICTL_RECEIVE_MSG)
            return -EMSGSIZE;
        size_t n = too_big ? r->msg.data_len : m->len;
        r->recv_type = m->type;
        r->msgid = m->msgid;
        if (r->addr_len >= sizeof(struct ipmi_system_interface_addr)) {
            struct ipmi_system_interface_addr a = {IPMI_SYSTEM_INTERFACE_ADDR_TYPE,
                                                   IPMI_BMC_CHANNEL, 0};
            memcpy(r->addr, &a, sizeof(a));
            r->addr_len = sizeof(a);
        }
        memcpy(r->msg.data, m->data, n);
        /* a lying length: up to the message's, past the buffer */
        r->msg.data_len = (unsigned short)m->len;
        f->qh = (f->qh + 1) % QMAX;
        f->qn--;
        return too_big ? -EMSGSIZE : 0;
    }
    return -ENOTTY;
}

static void on_response(void *owner, uint64_t tag, int err, const uint8_t *rsp, size_t len)
{
    struct fake *f = owner;
    if (tag >= 256 || f->answered_tag[tag])
        abort(); /* answered twice */
    f->answered_tag[tag] = 1;
    f->answered++;
    if (err == 0 && (len < 1 || !rsp))
        abort(); /* a success carries at least the completion code */
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < len; i++)
        sink ^= rsp[i];
    (void)sink;
}

static void on_event(void *owner, const uint8_t *evt, size_t len)
{
    (void)owner;
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < len; i++)
        sink ^= evt[i];
    (void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fake f;
    memset(&f, 0, sizeof(f));
    struct ik_smi_dev_io io = {fake_ioctl, &f};
    struct ik_smi_dev_cfg cfg = {.timeout = 1000000, .max_pending = 4, .max_drain = 4};
    struct ik_smi_dev *d;
    if (ik_smi_dev_new(3, &io, &cfg, &d))
        return 0;
    struct ik_smi *smi = ik_smi_dev_smi(d);
    smi->up.owner = &f;
    smi->up.response = on_response;
    smi->up.event = on_event;

    static const int errnos[] = {EIO, EMSGSIZE, EINVAL, ENOMEM, EBUSY, EAGAIN, EFAULT};
    ik_time_us now = 1;
    uint64_t tag = 0;
    const uint8_t *p = data, *end = data + size;
#define NEED(n)                                                                                    \
    if ((size_t)(end - p) < (n))                                                                   \
    goto done
    while (p < end) {
        uint8_t op = *p++ % 4;
        switch (op) {
        case 0: {
            NEED(4);
            static const uint8_t zeros[64];
            struct ik_smi_req req = {.netfn = (uint8_t)(p[0] & 0x3E),
                                     .cmd = p[1],
                                     .data = zeros,
                                     .len = p[2] % 40,
                                     .ipmb = p[3] & 1,
                                     .channel = (uint8_t)(p[3] >> 4),
                                     .slave_addr = (uint8_t)(p[3] & 0xFE)};
            p += 4;
            if (tag < 255 && smi->ops->send(smi->be, tag, &req) == 0)
                f.accepted++;
            tag++;
            break;
        }
        case 1:
            NEED(1);
            now += (ik_time_us)p[0] * 100000;
            p++;
            smi->ops->poll(smi->be, now);
            break;
        case 2: {
            NEED(3);
            if (f.qn == QMAX) {
                p += 3;
                break;
            }
            struct msg *m = &f.q[(f.qh + f.qn) % QMAX];
            m->type = p[0] % 5;
            m->msgid = p[1] >= 0x80 ? f.last_msgid : p[1];
            /* type bit 7: 45 bytes more, past the backend's 272-byte buffer */
            size_t n = (size_t)p[2] + (p[0] & 0x80 ? 45 : 0);
            p += 3;
            if ((size_t)(end - p) < n)
                n = (size_t)(end - p);
            memcpy(m->data, p, n);
            m->len = n;
            p += n;
            f.qn++;
            break;
        }
        case 3:
            NEED(2);
            if (p[0] & 1)
                f.recv_errno = errnos[p[1] % 7];
            else
                f.send_errno = errnos[p[1] % 7];
            p += 2;
            break;
        }
    }
done:
    /* drain: everything accepted is answered by the timeout at the latest */
    f.recv_errno = 0;
    f.qn = 0;
    smi->ops->poll(smi->be, now);
    smi->ops->poll(smi->be, now + 2000000);
    if (f.answered != f.accepted)
        abort();
    ik_smi_dev_free(d);
    return 0;
}
