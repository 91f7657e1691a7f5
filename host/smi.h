/*
 * The system management interface (SMI) seen from the message handler: a small vtable a
 * backend fills, after the Linux driver's ipmi_smi layer. A backend moves requests to the
 * BMC and answers back, and says when the BMC wants attention; everything else (users,
 * IPMB bridging, sequence numbers, timeouts, events, incoming commands) is the handler's.
 *
 * Backends:
 *   KCS          host/smi_kcs.c: lib's KCS host machine over injected register operations.
 *                Reports SMS_ATN (IK_SMI_CAP_ATTN). One request at a time, queued.
 *   LAN          (later) a libipmikit RMCP/RMCP+ session; several requests in flight, no
 *                attention signal, so the handler polls Get Message Flags on a timer.
 *   /dev/ipmi0   (later) the Linux driver's ioctl interface. The kernel bridges IPMB and
 *                fetches events itself and steals Get Message results, so this backend
 *                sets IK_SMI_CAP_IPMB: it takes IPMB-addressed requests directly and hands
 *                events up through up.event.
 *
 * Contract:
 *   - send() only queues or transmits; it never calls back into the handler. It returns 0,
 *     or a negative IK_E_* and then the request does not exist (IK_E_DISABLED when the
 *     interface has given up, IK_E_LIMIT when its queue is full, IK_E_OVERSIZE...).
 *   - Every accepted request is answered exactly once through up.response, from inside
 *     poll(): with the BMC's bytes (rsp[0] the completion code, len >= 1) or with err != 0
 *     and no bytes when none can come (interface disabled, transport lost).
 *   - poll() does the I/O that is due at `now` and returns when it wants to be called again
 *     (0: nothing scheduled). It must not block.
 */
#ifndef IK_HOST_SMI_H
#define IK_HOST_SMI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sm.h"

/* One request for the BMC behind the interface. */
struct ik_smi_req {
    uint8_t netfn; /* request NetFn (even), 6 bits */
    uint8_t lun;   /* LUN at the responder (the BMC's is usually 0) */
    uint8_t cmd;
    const uint8_t *data; /* borrowed for the duration of send() */
    size_t len;
    /* Only for IK_SMI_CAP_IPMB backends: a request for a satellite controller. */
    bool ipmb;
    uint8_t channel;
    uint8_t slave_addr;
};

/* How the backend reports back; the handler fills it when it takes the interface. */
struct ik_smi_up {
    void *owner;
    /* The answer to the request sent with `tag`. */
    void (*response)(void *owner, uint64_t tag, int err, const uint8_t *rsp, size_t len);
    /* IK_SMI_CAP_IPMB backends only: a 16-byte event message the backend fetched. */
    void (*event)(void *owner, const uint8_t *evt, size_t len);
};

/* flags() bits. */
#define IK_SMI_ATTN     0x01 /* the BMC has a message or event waiting (KCS: SMS_ATN) */
#define IK_SMI_DISABLED 0x02 /* requests are refused; describe() says why */

/* Capabilities (struct ik_smi.caps). */
#define IK_SMI_CAP_ATTN 0x01 /* flags() reports IK_SMI_ATTN: no timed flag polling needed */
#define IK_SMI_CAP_IPMB 0x02 /* the backend bridges IPMB itself (see above) */

struct ik_smi_ops {
    const char *name; /* "kcs", "lan", "devipmi" */
    int (*send)(void *be, uint64_t tag, const struct ik_smi_req *req);
    ik_time_us (*poll)(void *be, ik_time_us now);
    unsigned (*flags)(void *be);
    /* Off: pending requests are answered with IK_E_DISABLED and new ones refused. On: the
     * operator's reset after the backend gave up. */
    void (*set_enabled)(void *be, bool on);
    /* The interface's condition in one line; snprintf's return convention. */
    int (*describe)(void *be, char *buf, size_t cap);
};

struct ik_smi {
    const struct ik_smi_ops *ops;
    void *be;
    unsigned caps;
    struct ik_smi_up up;
};

#endif
