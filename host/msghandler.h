/*
 * The host-side IPMI message handler: many users over one system management interface
 * (host/smi.h), after the Linux driver's ipmi_msghandler.
 *
 * Users. A user is created with a callback, or without one and then reads its messages
 * from a bounded receive queue (ik_msgh_recv). Everything a user gets is a struct ik_msgh_msg:
 * a RESPONSE to one of its requests, an EVENT, or an incoming COMMAND it registered for.
 *
 * Requests. A request carries an address, a caller-chosen msgid, NetFn, cmd and data; its
 * response comes back to the same user with the same msgid and the completion code in
 * data[0]. Addresses:
 *   system interface  IK_MSGH_ADDR_SI, channel 0Fh, LUN: the BMC itself.
 *   IPMB              IK_MSGH_ADDR_IPMB, channel, slave address, LUN: a satellite controller
 *                     behind the BMC. Bridged with Send Message (App 34h, "track request")
 *                     carrying an IPMB frame with our own sequence number; the answer comes
 *                     back through Get Message (App 33h). No answer within 5 s: the handler
 *                     answers itself with completion code C3h (timeout, err IK_E_TIMEOUT);
 *                     an answer arriving after that is dropped and counted.
 * When the interface cannot answer at all (e.g. KCS gave up), the response has completion
 * code FFh and err says why (IK_E_DISABLED); ik_msgh_describe gives the interface's own
 * words ("KCS: BMC in ERROR state (status 06h length error) after 20 recovery attempts;
 * interface disabled").
 *
 * Flags, messages, events. When the interface signals attention (KCS SMS_ATN), or on a timer
 * for interfaces that cannot, the handler asks Get Message Flags (App 31h) and then drains
 * what they announce: Get Message (33h) until the queue is empty, Read Event Message Buffer
 * (35h), and clears a watchdog pre-timeout with Clear Message Flags (30h).
 *
 * Events (16 bytes, SEL record format). Users ask for them with ik_msgh_set_gets_events.
 * While nobody has asked, events are kept (up to max_events; more are dropped and counted)
 * and handed to the first user who asks; from then on every such user gets every event.
 *
 * Incoming commands. A user registers (NetFn, cmd, channel mask); one user per (NetFn, cmd,
 * channel): a registration overlapping an existing one is refused with IK_E_EXISTS. A
 * command nobody registered for is answered by the handler with C1h (invalid command).
 * The registered user answers with ik_msgh_respond.
 *
 * Time comes in through ik_msgh_request and ik_msgh_poll; ik_msgh_poll drives the
 * interface, the timeouts and the flag polling, and says when it wants to run again.
 * Memory: the tables are allocated once in ik_msgh_new, a queue-mode user's queue once in
 * ik_msgh_user_create, all with the caps of struct ik_msgh_cfg; hitting a cap is an error
 * return or a counted drop, never a silent loss.
 * Callbacks run inside ik_msgh_poll; they may send requests, not destroy their own user.
 */
#ifndef IK_HOST_MSGHANDLER_H
#define IK_HOST_MSGHANDLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sm.h"
#include "smi.h"

#define IK_MSGH_BMC_CHANNEL 0x0F   /* the system interface's channel number */
#define IK_MSGH_CHAN_ALL    0xFFFF /* channel mask: every channel */
#define IK_MSGH_MAX_DATA    270    /* data bytes of a message (response: CC + data) */

enum ik_msgh_addr_type {
    IK_MSGH_ADDR_SI = 1,   /* the BMC on the system interface */
    IK_MSGH_ADDR_IPMB = 2, /* a controller on an IPMB channel behind the BMC */
};

struct ik_msgh_addr {
    uint8_t type;       /* enum ik_msgh_addr_type */
    uint8_t channel;    /* SI: 0Fh; IPMB: 0-15 */
    uint8_t slave_addr; /* IPMB: 8-bit slave address (bit 0 clear) */
    uint8_t lun;        /* LUN at that controller */
};

static inline struct ik_msgh_addr ik_msgh_addr_bmc(void)
{
    struct ik_msgh_addr a = {IK_MSGH_ADDR_SI, IK_MSGH_BMC_CHANNEL, 0, 0};
    return a;
}

static inline struct ik_msgh_addr ik_msgh_addr_ipmb(uint8_t channel, uint8_t slave_addr,
                                                    uint8_t lun)
{
    struct ik_msgh_addr a = {IK_MSGH_ADDR_IPMB, channel, slave_addr, lun};
    return a;
}

enum ik_msgh_msg_type {
    IK_MSGH_RESPONSE = 1,
    IK_MSGH_EVENT = 2,
    IK_MSGH_COMMAND = 3,
};

struct ik_msgh_msg {
    enum ik_msgh_msg_type type;
    struct ik_msgh_addr addr; /* RESPONSE: who answered; COMMAND: who asked; EVENT: the BMC */
    uint64_t msgid;           /* RESPONSE: the request's msgid */
    uint8_t netfn;            /* RESPONSE: odd (request NetFn + 1); COMMAND: even */
    uint8_t cmd;
    uint8_t our_lun; /* COMMAND: the LUN it was sent to (the answer comes from there) */
    uint8_t seq;     /* COMMAND: the requester's IPMB sequence number */
    int err;         /* RESPONSE: 0, or why the handler made the answer up */
    size_t len;
    uint8_t data[IK_MSGH_MAX_DATA]; /* RESPONSE: data[0] is the completion code */
};

struct ik_msgh_cfg {
    unsigned max_users;         /* default 16 */
    unsigned user_queue;        /* messages a queue-mode user may hold (default 64) */
    unsigned max_pending;       /* interface requests in flight (default 64) */
    unsigned max_events;        /* events kept while nobody listens (default 100) */
    unsigned max_cmd_regs;      /* command registrations (default 64) */
    ik_time_us ipmb_timeout_us; /* bridged request answered with C3h after (default 5 s) */
    ik_time_us flags_poll_us;   /* timed flag polls without IK_SMI_CAP_ATTN (default 1 s;
                                   0 = never) */
    ik_time_us attn_quiet_us;   /* after a flag poll that found nothing, attention is
                                   ignored this long (default 100 ms) */
    uint8_t bmc_addr;           /* our address on IPMB as requester (default 20h) */
    uint8_t sms_lun;            /* LUN bridged answers come back to (default 2, SMS) */
};

struct ik_msgh_stats {
    uint64_t si_requests;
    uint64_t ipmb_requests;
    uint64_t ipmb_timeouts;    /* answered by the handler with C3h */
    uint64_t late_responses;   /* IPMB answers matching no request: dropped */
    uint64_t send_failures;    /* Send Message refused by the BMC (its CC passed on) */
    uint64_t invalid_messages; /* Get Message data that would not decode */
    uint64_t flag_polls;       /* Get Message Flags sent */
    uint64_t events_received;
    uint64_t events_dropped; /* nobody listening and the keep-queue full */
    uint64_t commands_received;
    uint64_t commands_refused; /* nobody registered: answered C1h */
    uint64_t queue_overflows;  /* a queue-mode user's queue was full: message dropped */
    uint64_t orphan_responses; /* answers for users destroyed meanwhile */
    uint64_t stale_tags;       /* interface answers for nothing we sent */
};

struct ik_msgh;
struct ik_msgh_user;

typedef void (*ik_msgh_recv_fn)(void *arg, const struct ik_msgh_msg *m);

void ik_msgh_default_cfg(struct ik_msgh_cfg *cfg);

/* Take over an interface (its up-calls point at the handler from now on). NULL cfg:
 * defaults. NULL on allocation failure. The interface must outlive the handler. */
struct ik_msgh *ik_msgh_new(const struct ik_msgh_cfg *cfg, struct ik_smi *smi);
void ik_msgh_free(struct ik_msgh *h);

/* fn NULL: messages wait in the user's queue for ik_msgh_recv. IK_E_LIMIT when full. */
int ik_msgh_user_create(struct ik_msgh *h, ik_msgh_recv_fn fn, void *arg,
                        struct ik_msgh_user **out);
/* Drops the user's registrations; answers to its pending requests are discarded. The
 * handle is invalid afterwards. */
void ik_msgh_user_destroy(struct ik_msgh_user *u);

/*
 * Send a request. netfn is the request NetFn (even, < 40h). Errors (nothing will be
 * delivered): IK_E_INVAL (bad address, odd NetFn), IK_E_OVERSIZE, IK_E_BUSY (all 64 IPMB
 * sequence numbers in use), IK_E_LIMIT (max_pending), or the interface's refusal
 * (IK_E_DISABLED, ...).
 */
int ik_msgh_request(struct ik_msgh_user *u, const struct ik_msgh_addr *addr, uint64_t msgid,
                    uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len, ik_time_us now);

/* Next queued message (queue-mode users): 0, or IK_E_NOTFOUND when the queue is empty. */
int ik_msgh_recv(struct ik_msgh_user *u, struct ik_msgh_msg *out);

/* Start or stop receiving events; starting may deliver the events kept so far. */
int ik_msgh_set_gets_events(struct ik_msgh_user *u, bool on);

/* Incoming commands: chans is a mask of channels 0-15. IK_E_EXISTS on overlap with any
 * registration, IK_E_INVAL for an odd NetFn or an empty mask, IK_E_LIMIT when full.
 * Unregistering removes the given channels; IK_E_NOTFOUND if the user had none of them. */
int ik_msgh_register_cmd(struct ik_msgh_user *u, uint8_t netfn, uint8_t cmd, uint16_t chans);
int ik_msgh_unregister_cmd(struct ik_msgh_user *u, uint8_t netfn, uint8_t cmd, uint16_t chans);

/* Answer an incoming command (data[0] is the completion code). */
int ik_msgh_respond(struct ik_msgh_user *u, const struct ik_msgh_msg *command, const uint8_t *data,
                    size_t len);

/* Drive the interface, the timeouts and the flag polling. Returns when to call again
 * (0: nothing scheduled). */
ik_time_us ik_msgh_poll(struct ik_msgh *h, ik_time_us now);

/* The operator's switch on the interface (off fails pending requests; on resets it). */
void ik_msgh_set_enabled(struct ik_msgh *h, bool on);
/* The interface's condition in one line (snprintf's return convention). */
int ik_msgh_describe(const struct ik_msgh *h, char *buf, size_t cap);
const struct ik_msgh_stats *ik_msgh_stats(const struct ik_msgh *h);

#endif
