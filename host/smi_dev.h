/*
 * The Linux IPMI device interface (/dev/ipmi0, the kernel's ipmi_devintf) as an ik_smi
 * backend (host/smi.h), for the CLI's -I open and the host stack.
 *
 * The kernel is a message handler of its own: it frames IPMB requests, assigns sequence
 * numbers, fetches events and answers timeouts itself. So this backend only moves
 * messages through two ioctls:
 *
 *   IPMICTL_SEND_COMMAND    struct ipmi_req: an address (system interface: type 0Ch,
 *                           channel 0Fh, LUN; IPMB: type 01h, channel, slave address,
 *                           LUN), a msgid the kernel echoes in the answer, NetFn, command
 *                           and data. Errors: EINVAL (bad address or command), EMSGSIZE
 *                           (data too long), ENOMEM, EFAULT.
 *   IPMICTL_RECEIVE_MSG     struct ipmi_recv: the next queued message, never blocking
 *                           (EAGAIN when the queue is empty). If the caller's data buffer
 *                           is too small it fails with EMSGSIZE and LEAVES the message
 *                           queued; IPMICTL_RECEIVE_MSG_TRUNC takes it anyway, truncated,
 *                           and also returns EMSGSIZE. recv_type: 1 response (msgid is
 *                           the request's), 2 asynchronous event, 3 incoming command,
 *                           4 the kernel's acknowledgement of a response we sent.
 *
 * Responses are matched to requests by msgid (our own counter, mapped to the handler's
 * tag). Data byte 0 of a response is the completion code. A message the buffer cannot
 * hold is drained with the _TRUNC ioctl and answered IK_E_OVERSIZE (never read past what
 * arrived). Requests the kernel never answers are answered IK_E_TIMEOUT after cfg.timeout.
 *
 * The ioctl call is injected (struct ik_smi_dev_io) so tests drive the backend with a fake
 * device; ik_smi_dev_sys_io is the real ioctl(2). The file descriptor should be
 * non-blocking for poll(2) users; RECEIVE_MSG never blocks either way.
 */
#ifndef IK_HOST_SMI_DEV_H
#define IK_HOST_SMI_DEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smi.h"

struct ik_smi_dev_io {
    /* ioctl(fd, request, arg): 0, or a negative errno value. */
    int (*ioctl)(void *ctx, int fd, unsigned long request, void *arg);
    void *ctx;
};

/* The real ioctl(2). */
extern const struct ik_smi_dev_io ik_smi_dev_sys_io;

struct ik_smi_dev_cfg {
    ik_time_us timeout;   /* answer IK_E_TIMEOUT after this; 0 = 6 s (the kernel's IPMB
                             timeout is 5 s, so its own C3h normally comes first) */
    unsigned max_pending; /* requests in flight; 0 = 32, at most 256 */
    unsigned max_drain;   /* messages received per poll(); 0 = 64 */
};

struct ik_smi_dev_stats {
    unsigned long sent;      /* requests the kernel accepted */
    unsigned long responses; /* responses matched to a request */
    unsigned long events;    /* events handed up */
    unsigned long truncated; /* messages longer than our buffer (drained, reported) */
    unsigned long unmatched; /* responses with an unknown msgid (late, or not ours) */
    unsigned long ignored;   /* commands and other receive types we do not handle */
    unsigned long timeouts;  /* requests answered IK_E_TIMEOUT by us */
    unsigned long io_errors; /* ioctl failures other than EAGAIN / EMSGSIZE */
};

struct ik_smi_dev;

/* A backend over fd (already open). io NULL = ik_smi_dev_sys_io, cfg NULL = defaults.
 * IK_E_NOMEM, or 0 with *out set. The fd stays the caller's. */
int ik_smi_dev_new(int fd, const struct ik_smi_dev_io *io, const struct ik_smi_dev_cfg *cfg,
                   struct ik_smi_dev **out);
void ik_smi_dev_free(struct ik_smi_dev *d);

/* The ik_smi to hand to ik_msgh_new() or to drive directly. */
struct ik_smi *ik_smi_dev_smi(struct ik_smi_dev *d);

const struct ik_smi_dev_stats *ik_smi_dev_stats(const struct ik_smi_dev *d);

/* The kernel's errno for a failed send, as an IK_E_*: EMSGSIZE -> IK_E_OVERSIZE, EINVAL ->
 * IK_E_INVAL, ENOMEM -> IK_E_NOMEM, EBUSY/EAGAIN -> IK_E_BUSY, else IK_E_IO. */
int ik_smi_dev_errno(int neg_errno);

#endif
