/*
 * The kcs transport: ipmikit's commands through the host message handler over bmcd's
 * emulated KCS socket (cli/hostconn.h says how -H names it). The socket is connected at the
 * first request. -t ADDR [-b CHANNEL] bridges to an IPMB controller with Send Message / Get
 * Message; no answer within 5 s comes back as completion code C3h, as from the kernel.
 *
 * When the KCS machine gives up (20 failed recovery attempts, docs/kcs.md) this request
 * and every later one in the run fail with the machine's sentence, e.g. "KCS: BMC in ERROR
 * state (status 06h length error) after 20 recovery attempts; interface disabled", without
 * touching the registers again; the next run starts with the interface enabled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostconn.h"
#include "transport.h"

#include "ipmikit/error.h"

struct tr_kcs {
    struct ik_tr base;
    struct ik_hostif *h;
    int open_failed; /* the socket could not be reached: every request fails at once */
    char fail[512];
};

static int kcs_request(struct ik_tr *base, uint8_t netfn, uint8_t cmd, const uint8_t *data,
                       size_t len, struct ik_tr_rsp *rsp)
{
    struct tr_kcs *t = (struct tr_kcs *)base;
    if (t->open_failed) {
        snprintf(base->err, sizeof(base->err), "%s", t->fail);
        return t->open_failed;
    }
    if (!t->h) {
        int rc = ik_cli_hostif_open(base->cli, &t->h, t->fail, sizeof(t->fail));
        if (rc) {
            /* Every later request fails at once with the same reason (printed once). */
            t->open_failed = rc;
            snprintf(base->err, sizeof(base->err), "%s", t->fail);
            return rc;
        }
    }
    struct ik_msgh_addr a = ik_cli_target(base->cli);
    struct ik_msgh_msg m;
    int rc = ik_hostif_call(t->h, &a, netfn, cmd, data, len, &m);
    if (rc == 0 && m.err && m.err != IK_E_TIMEOUT)
        rc = m.err; /* the handler answered for an interface that is off */
    if (rc) {
        snprintf(base->err, sizeof(base->err), "kcs %s: NetFn %02Xh command %02Xh: %s", base->where,
                 netfn, cmd, ik_hostif_why(t->h));
        return rc;
    }
    if (m.len < 1 || m.len - 1 > IK_TR_MAX_DATA) {
        snprintf(base->err, sizeof(base->err),
                 "kcs %s: NetFn %02Xh command %02Xh: answer of %zu bytes", base->where, netfn, cmd,
                 m.len);
        return IK_E_PROTOCOL;
    }
    rsp->cc = m.data[0];
    rsp->len = m.len - 1;
    memcpy(rsp->data, m.data + 1, rsp->len);
    return 0;
}

static void kcs_close(struct ik_tr *base)
{
    struct tr_kcs *t = (struct tr_kcs *)base;
    ik_hostif_close(t->h);
    free(t);
}

static const struct ik_tr_ops kcs_ops = {kcs_request, kcs_close};

int ik_tr_kcs_new(struct ik_cli *cli, struct ik_tr **out)
{
    char path[512], err[512];
    int rc = ik_cli_kcs_path(cli, path, sizeof(path), err, sizeof(err));
    if (rc) {
        ik_cli_error(cli, "%s", err);
        return rc;
    }
    struct tr_kcs *t = calloc(1, sizeof(*t));
    if (!t) {
        ik_cli_error(cli, "out of memory");
        return IK_E_NOMEM;
    }
    t->base.ops = &kcs_ops;
    t->base.cli = cli;
    t->base.name = "kcs";
    /* The path, cut to what the message prefix holds. */
    snprintf(t->base.where, sizeof(t->base.where), "%.95s", path);
    *out = &t->base;
    return 0;
}
