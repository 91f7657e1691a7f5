/*
 * How a CLI command talks to a BMC: one request in, one response out, whatever carries it
 * (lan = IPMI 1.5 session, lanplus = RMCP+ session, open = the Linux /dev/ipmi0 device).
 * Commands never see sessions, sockets or ioctls; they call ik_tr_request().
 *
 * A transport opens lazily: ik_tr_open() only checks the options; the first request
 * establishes the session, so offline subcommands and usage errors cost no network.
 * Once the session cannot be established every later request fails at once with the same
 * reason (no second handshake, no second timeout).
 */
#ifndef IK_CLI_TRANSPORT_H
#define IK_CLI_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "sm.h"

#define IK_TR_MAX_DATA 255

struct ik_tr_rsp {
    uint8_t cc;                   /* completion code */
    size_t len;                   /* bytes of data after the completion code */
    uint8_t data[IK_TR_MAX_DATA]; /* may be shorter than the command's documented size:
                                     callers length-check before use */
};

struct ik_tr;

struct ik_tr_ops {
    /* 0 with rsp filled (rsp->cc may be non-zero), or a negative IK_E_* when no valid
     * response arrived; the reason is then in ik_tr_error(). */
    int (*request)(struct ik_tr *t, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
                   struct ik_tr_rsp *rsp);
    void (*close)(struct ik_tr *t); /* closes the session and frees t */
};

struct ik_tr {
    const struct ik_tr_ops *ops;
    struct ik_cli *cli;
    const char *name;       /* "lan", "lanplus", "open" */
    char where[96];         /* "127.0.0.1 port 623", "/dev/ipmi0": prefixes messages */
    char err[512];          /* why the last request failed, for a person to act on */
    unsigned long requests; /* requests answered or failed, retransmissions not counted */
};

/* Create the transport the global options ask for (-I, -H, ...). 0, or IK_E_INVAL with
 * a message printed (a usage error). */
int ik_tr_open(struct ik_cli *cli, struct ik_tr **out);

/* One request. With -vv (or IPMIKIT_TRACE=1) every request and response is traced on
 * stderr as
 * "ipmikit: >> netfn 0a cmd 23 data ..." / "ipmikit: << cc 00 data ...". */
int ik_tr_request(struct ik_tr *t, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
                  struct ik_tr_rsp *rsp);

static inline const char *ik_tr_error(const struct ik_tr *t)
{
    return t->err;
}

static inline void ik_tr_close(struct ik_tr *t)
{
    if (t)
        t->ops->close(t);
}

/* Constructors behind ik_tr_open (cli/tr_lan.c, cli/tr_open.c). */
int ik_tr_lan_new(struct ik_cli *cli, int v15, struct ik_tr **out);

struct ik_lanc;
struct ik_sm_step;
/* Run lib's console session machine over a connected UDP socket until it is DONE (0) or
 * FAILs (its IK_E_* code; step->reason says why), sending what it asks and feeding it
 * datagrams and timer events on the real clock. The one driver loop for lan/lanplus: the
 * CLI's transport, bench/bench_lan (through ik_lanc_drive_rx) and tests/tools/lanclient
 * use it. */
int ik_lanc_drive(int fd, struct ik_lanc *lc, struct ik_sm_step *step);
/* How the loop waits for a datagram: its length, or -1 when `deadline` (CLOCK_MONOTONIC,
 * µs) passed first. ik_lanc_rx_poll sleeps in poll(); bench_lan can spin instead. */
typedef long (*ik_lanc_rx_fn)(int fd, uint8_t *buf, size_t cap, ik_time_us deadline);
long ik_lanc_rx_poll(int fd, uint8_t *buf, size_t cap, ik_time_us deadline);
/* ik_lanc_drive with the given way of waiting. */
int ik_lanc_drive_rx(int fd, struct ik_lanc *lc, struct ik_sm_step *step, ik_lanc_rx_fn rx);
int ik_tr_dev_new(struct ik_cli *cli, struct ik_tr **out);
/* bmcd's emulated KCS socket through the host message handler (cli/tr_kcs.c). */
int ik_tr_kcs_new(struct ik_cli *cli, struct ik_tr **out);
/* The open transport over a descriptor already open and an injected ioctl (tests drive a
 * fake device). Takes ownership of fd (closed by ik_tr_close; -1 for none). */
struct ik_smi_dev_io;
int ik_tr_dev_new_fd(struct ik_cli *cli, int fd, const char *path, const struct ik_smi_dev_io *io,
                     struct ik_tr **out);

#endif
