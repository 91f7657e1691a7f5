/*
 * How a CLI command talks to a BMC: one request in, one response out, whatever carries it
 * (lan = IPMI 1.5 session, lanplus = RMCP+ session, open = the Linux /dev/ipmi0 device).
 * Commands never see sessions, sockets or ioctls; they call ik_tr_request().
 *
 * A transport opens lazily: ik_tr_open() only checks the options; the first request
 * establishes the session, so offline subcommands and usage errors cost no network.
 */
#ifndef IK_CLI_TRANSPORT_H
#define IK_CLI_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

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
    char err[256]; /* why the last request failed, for a person to act on */
};

/* Create the transport the global options ask for (-I, -H, ...). 0, or IK_EXIT_USAGE-
 * worthy IK_E_INVAL with a message printed. */
int ik_tr_open(struct ik_cli *cli, struct ik_tr **out);

static inline int ik_tr_request(struct ik_tr *t, uint8_t netfn, uint8_t cmd, const uint8_t *data,
                                size_t len, struct ik_tr_rsp *rsp)
{
    return t->ops->request(t, netfn, cmd, data, len, rsp);
}

static inline const char *ik_tr_error(const struct ik_tr *t)
{
    return t->err;
}

static inline void ik_tr_close(struct ik_tr *t)
{
    if (t)
        t->ops->close(t);
}

#endif
