/*
 * The BMC of the CLI harnesses (fuzz_cli_cmds.c, fuzz_cli_args.c): a transport whose
 * answers come from the fuzz input, in order, each [N][CC][N-1 data bytes]; N = 0 is "no
 * answer" (a timeout), and when the input runs out every further request times out.
 */
#ifndef IK_FUZZ_CLI_TR_H
#define IK_FUZZ_CLI_TR_H

#include <stdio.h>
#include <string.h>

#include "transport.h"

#include "ipmikit/error.h"

struct fuzz_tr {
    struct ik_tr base;
    const uint8_t *p, *end;
};

static int fuzz_request(struct ik_tr *t, uint8_t netfn, uint8_t cmd, const uint8_t *data,
                        size_t len, struct ik_tr_rsp *rsp)
{
    (void)netfn, (void)cmd, (void)data, (void)len;
    struct fuzz_tr *f = (struct fuzz_tr *)t;
    if (f->p >= f->end || f->p[0] == 0 || (size_t)(f->end - f->p) < 2) {
        if (f->p < f->end)
            f->p++;
        snprintf(t->err, sizeof(t->err), "no answer");
        return IK_E_TIMEOUT;
    }
    size_t n = f->p[0];
    f->p++;
    if ((size_t)(f->end - f->p) < n)
        n = (size_t)(f->end - f->p);
    rsp->cc = f->p[0];
    rsp->len = n - 1;
    /* the transport hands over at most IK_TR_MAX_DATA bytes; the rest of rsp->data is
     * left as whatever came before, as with a real transport */
    memcpy(rsp->data, f->p + 1, rsp->len);
    f->p += n;
    return 0;
}

static void fuzz_close(struct ik_tr *t)
{
    (void)t;
}

static const struct ik_tr_ops fuzz_ops = {fuzz_request, fuzz_close};

/* A transport reading answers from [p, end). */
static void fuzz_tr_init(struct fuzz_tr *tr, const uint8_t *p, const uint8_t *end)
{
    memset(tr, 0, sizeof(*tr));
    tr->base.ops = &fuzz_ops;
    tr->base.name = "fuzz";
    tr->p = p;
    tr->end = end;
}

#endif
