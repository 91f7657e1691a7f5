/*
 * bmcd's emulated KCS system interface: for each virtual BMC, a Unix stream socket on which
 * a host performs KCS register operations. Behind it sit lib's emulated register pair
 * (lib/kcs_dev.c, with its fault injector) and lib's BMC-side KCS machine, whose requests go
 * to the same ik_bmc_dispatch as the LAN's in the system interface's context: channel 0Fh,
 * ADMIN privilege, no session, requester software ID 41h. SMS_ATN follows
 * ik_bmc_sms_attn() (bmc/bridge.h). host/kcs_remote.c is the other end.
 *
 * Wire format (both directions, every integer little-endian):
 *
 *   request   OFF SIZE FIELD               reply   OFF SIZE FIELD
 *             0   1    operation                   0   1    status (below)
 *             1   1    payload length n            1   1    payload length m
 *             2   n    payload (n <= 32)           2   m    payload
 *
 * Every request gets exactly one reply, in order. A length over 32 is a protocol error:
 * the connection is closed (counted).
 *
 *   op   name         payload -> reply payload
 *   00h  HELLO        -        -> protocol version (01h), the BMC's name
 *   01h  READ_STATUS  00h      -> the status register
 *   02h  READ_DATA    00h      -> the output data register (clears OBF)
 *   03h  WRITE_CMD    code     -> 00h (the command register: sets IBF and C/D#)
 *   04h  WRITE_DATA   byte     -> 00h (the input data register: sets IBF)
 *   10h  FAULT        kind(1) skip(4) times(4) arg(1) stall_ms(4) -> -
 *                     arm lib/kcs_dev's fault `kind` (enum ik_kcs_fault_kind; 0 disarms);
 *                     times FFFFFFFFh = held, stall_ms FFFFFFFFh = for ever
 *   11h  STATS        -        -> 7 x 4 bytes: faults fired, host writes that overwrote
 *                                 an unread byte, BMC entries into ERROR, GET_STATUS/ABORTs
 *                                 seen, requests handed to the engine, responses read by
 *                                 the host, operations held while another host was
 *                                 mid-transaction
 *   12h  SATELLITE    channel(1) addr(1) mode(1: 0 answer, 1 silent) delay_ms(4) -> -
 *   13h  RESET        -        -> - (register pair and BMC machine back to power-on, IDLE;
 *                                 the fault disarmed)
 *
 *   status 00h ok, 01h unknown operation, 02h wrong payload length, 03h bad value,
 *          04h no such satellite
 *
 * Sharing. One register pair serves every connected host, like one KCS port shared by
 * processes that each run a driver: a host that starts a transaction (its write leaves the
 * pair busy: IBF or OBF set, or the BMC machine out of IDLE) holds the pair until the
 * transaction is over (the machine IDLE, both buffers empty); register operations of other
 * hosts meanwhile wait, unanswered, in arrival order. A holder that disconnects releases the
 * pair and resets it. Control operations are never held.
 */
#ifndef IK_BMCD_KCS_SOCK_H
#define IK_BMCD_KCS_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#include "engine.h"
#include "kcs.h"

#define IK_KCS_SOCK_VERSION     0x01
#define IK_KCS_SOCK_MAX_PAYLOAD 32
#define IK_KCS_SOCK_MAX_FRAME   (2 + IK_KCS_SOCK_MAX_PAYLOAD)

enum ik_kcs_sock_op {
    IK_KCS_SOCK_HELLO = 0x00,
    /* 01h-04h: enum ik_kcs_regop (lib/kcs.h) */
    IK_KCS_SOCK_FAULT = 0x10,
    IK_KCS_SOCK_STATS = 0x11,
    IK_KCS_SOCK_SATELLITE = 0x12,
    IK_KCS_SOCK_RESET = 0x13,
};

enum ik_kcs_sock_status {
    IK_KCS_SOCK_OK = 0x00,
    IK_KCS_SOCK_BAD_OP = 0x01,
    IK_KCS_SOCK_BAD_LEN = 0x02,
    IK_KCS_SOCK_BAD_VALUE = 0x03,
    IK_KCS_SOCK_NO_SATELLITE = 0x04,
};

#define IK_KCS_SOCK_STATS_N 7 /* counters in a STATS reply */

/* ---- the protocol without sockets (bmcd's socket layer below; the fuzzer) ------------- */

struct ik_kcs_port_stats {
    uint64_t ops;      /* frames carried out */
    uint64_t deferred; /* register operations held for another host's transaction */
    uint64_t resets;   /* RESET operations and resets after a holder left */
    uint64_t faults;   /* FAULT operations */
};

/* One BMC's register pair and everything bound to it. */
struct ik_kcs_port {
    struct ik_bmc *bmc;
    const char *name;
    struct ik_kcs_dev dev;
    struct ik_kcs_bmc kcs;
    ik_time_us now;  /* of the operation being carried out */
    uint32_t holder; /* host mid-transaction, 0 = none */
    /* Called after every request the engine handled (bmcd re-arms the BMC's timer). */
    void (*after)(void *ctx, ik_time_us now);
    void *after_ctx;
    struct ik_kcs_port_stats stats;
};

void ik_kcs_port_init(struct ik_kcs_port *p, struct ik_bmc *bmc, const char *name,
                      void (*after)(void *ctx, ik_time_us now), void *after_ctx);

/* Length of the frame at the start of buf: > 0 when it is complete, 0 when more bytes are
 * needed, IK_E_PROTOCOL when the length field is over IK_KCS_SOCK_MAX_PAYLOAD. */
int ik_kcs_frame_len(const uint8_t *buf, size_t n);

/*
 * Carry out one whole frame from host `who` (non-zero) at `now`; the reply goes to out (cap
 * >= IK_KCS_SOCK_MAX_FRAME). IK_E_BUSY (nothing done, no reply): another host holds the pair,
 * try again when it is free (ik_kcs_port_held). Otherwise 0.
 */
int ik_kcs_port_op(struct ik_kcs_port *p, uint32_t who, ik_time_us now, const uint8_t *frame,
                   size_t len, uint8_t *out, size_t cap, size_t *outlen);

/* The host that holds the pair mid-transaction, or 0. */
static inline uint32_t ik_kcs_port_held(const struct ik_kcs_port *p)
{
    return p->holder;
}

/* Host `who` is gone: if it held the pair, reset it so the next host starts clean. */
void ik_kcs_port_drop(struct ik_kcs_port *p, uint32_t who);

/* ---- the socket ------------------------------------------------------------------------- */

struct ik_kcs_sock_cfg {
    const char *path; /* where to listen (a stale socket there is replaced) */
    const char *name; /* the BMC's name, for logs and HELLO */
    struct ik_bmc *bmc;
    void (*after)(void *ctx, ik_time_us now);
    void *after_ctx;
    unsigned max_clients; /* hosts connected at once; 0 = 8; more are refused (counted) */
};

struct ik_kcs_sock;

/* Listen. 0, or an IK_E_* with the reason logged. */
int ik_kcs_sock_open(uv_loop_t *loop, const struct ik_kcs_sock_cfg *cfg, struct ik_kcs_sock **out);
/* Close the listener and every connection and remove the socket file; the memory goes once
 * the loop has closed the handles. NULL is fine. */
void ik_kcs_sock_close(struct ik_kcs_sock *s);
/* Non-zero counters as "kcs_name=value" pairs (bmcd's counters line). */
size_t ik_kcs_sock_counters(const struct ik_kcs_sock *s, char *buf, size_t cap);

#endif
