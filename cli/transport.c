/*
 * Transport selection (-I) and the request path every command uses: lazy creation, -vv
 * tracing, and printing a transport failure once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transport.h"

#include "ipmikit/error.h"

int ik_tr_open(struct ik_cli *cli, struct ik_tr **out)
{
    /* ipmitool's default: the local device, or IPMI 1.5 LAN when a host is given. */
    const char *intf = cli->intf ? cli->intf : cli->host ? "lan" : "open";
    if (strcmp(intf, "lanplus") == 0)
        return ik_tr_lan_new(cli, 0, out);
    if (strcmp(intf, "lan") == 0)
        return ik_tr_lan_new(cli, 1, out);
    if (strcmp(intf, "open") == 0)
        return ik_tr_dev_new(cli, out);
    if (strcmp(intf, "kcs") == 0) /* bmcd's emulated KCS socket (cli/tr_kcs.c) */
        return ik_tr_kcs_new(cli, out);
    ik_cli_error(cli, "unknown interface '%s' (lan, lanplus, open, kcs)", intf);
    return IK_E_INVAL;
}

static void trace(struct ik_cli *cli, const char *head, const uint8_t *p, size_t n)
{
    fputs(head, cli->err);
    for (size_t i = 0; i < n; i++)
        fprintf(cli->err, " %02x", p[i]);
    fputc('\n', cli->err);
}

int ik_tr_request(struct ik_tr *t, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
                  struct ik_tr_rsp *rsp)
{
    struct ik_cli *cli = t->cli;
    static int env_trace = -1;
    if (env_trace < 0) {
        const char *e = getenv("IPMIKIT_TRACE");
        env_trace = e && *e && strcmp(e, "0") != 0;
    }
    int tracing = cli->verbose >= 2 || env_trace;
    if (tracing) {
        char head[64];
        snprintf(head, sizeof(head), "ipmikit: >> netfn %02x cmd %02x data", netfn, cmd);
        trace(cli, head, data, len);
    }
    t->err[0] = '\0';
    int rc = t->ops->request(t, netfn, cmd, data, len, rsp);
    t->requests++;
    if (tracing) {
        if (rc == 0) {
            char head[64];
            snprintf(head, sizeof(head), "ipmikit: << cc %02x data", rsp->cc);
            trace(cli, head, rsp->data, rsp->len);
        } else {
            fprintf(cli->err, "ipmikit: << error %s\n", ik_errname(rc));
        }
    }
    return rc;
}

struct ik_tr *ik_cli_tr(struct ik_cli *cli)
{
    if (!cli->tr && !cli->tr_failed) {
        int rc = ik_tr_open(cli, &cli->tr);
        if (rc != 0) {
            cli->tr = NULL;
            cli->tr_failed = rc;
        }
    }
    return cli->tr;
}

int ik_cli_req(struct ik_cli *cli, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
               struct ik_tr_rsp *rsp)
{
    struct ik_tr *t = ik_cli_tr(cli);
    if (!t) {
        if (cli->tr_failed == IK_E_INVAL)
            cli->usage_failed = 1; /* the options are wrong: a usage error */
        else
            cli->transport_failed = 1;
        return -1;
    }
    memset(rsp, 0, sizeof(*rsp));
    if (ik_tr_request(t, netfn, cmd, data, len, rsp) == 0)
        return 0;
    cli->transport_failed = 1;
    const char *why = t->err[0] ? t->err : "request failed";
    if (strcmp(why, cli->last_err) != 0) {
        ik_cli_error(cli, "%s", why);
        snprintf(cli->last_err, sizeof(cli->last_err), "%s", why);
    }
    return -1;
}

void ik_cli_close(struct ik_cli *cli)
{
    ik_tr_close(cli->tr);
    cli->tr = NULL;
}
