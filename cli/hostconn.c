/*
 * The interface the global options name, as a host message handler (hostconn.h), and the
 * agents' request binding.
 */
#include "hostconn.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cipher.h"
#include "ipmikit/error.h"
#include "lanmsg.h"
#include "session15.h"
#include "smi_dev.h"

#define KCS_DIR_DEFAULT "/run/bmcd"

static void fail(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
}

int ik_cli_kcs_path(struct ik_cli *cli, char *buf, size_t bufcap, char *err, size_t cap)
{
    const char *h = cli->host ? cli->host : getenv("IPMIKIT_KCS");
    if (!h || !*h) {
        fail(err, cap,
             "-I kcs needs bmcd's KCS socket: -H PATH, or -H NAME for "
             "$IPMIKIT_KCS_DIR/NAME.kcs (default " KCS_DIR_DEFAULT ")");
        return IK_E_INVAL;
    }
    int n;
    if (strchr(h, '/')) {
        n = snprintf(buf, bufcap, "%s", h);
    } else {
        const char *dir = getenv("IPMIKIT_KCS_DIR");
        n = snprintf(buf, bufcap, "%s/%s.kcs", dir && *dir ? dir : KCS_DIR_DEFAULT, h);
    }
    if (n < 0 || (size_t)n >= bufcap) {
        fail(err, cap, "KCS socket path too long: %s", h);
        return IK_E_INVAL;
    }
    return 0;
}

static int open_kcs(struct ik_cli *cli, struct ik_hostif **out, char *err, size_t cap)
{
    char path[512];
    struct ik_hostif_kcs_cfg cfg;
    int rc = ik_cli_kcs_path(cli, path, sizeof(path), err, cap);
    if (rc)
        return rc;
    ik_hostif_kcs_defaults(&cfg);
    cfg.path = path;
    if (cli->timeout_s > 0)
        cfg.kcs.kcs.ibf_timeout_us = cfg.kcs.kcs.obf_timeout_us =
            (ik_time_us)cli->timeout_s * IK_US_PER_S;
    const char *ms = getenv("IPMIKIT_KCS_TIMEOUT_MS");
    if (ms && atol(ms) > 0)
        cfg.kcs.kcs.ibf_timeout_us = cfg.kcs.kcs.obf_timeout_us =
            (ik_time_us)atol(ms) * IK_US_PER_MS;
    rc = ik_hostif_open_kcs(&cfg, NULL, out, err, cap);
    if (rc)
        return rc;
    if (cli->verbose)
        fprintf(cli->err, "ipmikit: kcs %s: connected to bmcd's BMC %s\n", path,
                ik_kcs_remote_bmc(ik_hostif_kcs_remote(*out)));
    return 0;
}

/* The same session options tr_lan.c takes, for a session under the message handler. */
static int open_lan(struct ik_cli *cli, int v15, struct ik_hostif **out, char *err, size_t cap)
{
    const char *name = v15 ? "lan" : "lanplus";
    struct ik_hostif_lan_cfg cfg;
    if (!cli->host) {
        fail(err, cap, "-I %s needs a BMC address (-H host)", name);
        return IK_E_INVAL;
    }
    ik_hostif_lan_defaults(&cfg);
    cfg.host = cli->host;
    cfg.port = cli->port;
    struct ik_lanc_config *c = &cfg.lanc;
    c->v15 = v15 != 0;
    if (cli->user) {
        c->user_len = (uint8_t)strlen(cli->user);
        memcpy(c->user, cli->user, c->user_len);
    }
    size_t pwlen = strlen(cli->password);
    if (v15 && pwlen > 16) {
        fail(err, cap, "-I lan: the password is longer than 16 bytes (IPMI 1.5)");
        return IK_E_INVAL;
    }
    memcpy(c->password, cli->password, pwlen);
    if (cli->kg_len) {
        memcpy(c->kg, cli->kg, (size_t)cli->kg_len);
        c->kg_set = true;
    }
    c->priv = cli->privilege ? (uint8_t)cli->privilege : IK_PRIV_ADMIN;
    if (cli->authtype) {
        static const struct {
            const char *n;
            uint8_t t;
        } types[] = {{"NONE", IK_AUTH_NONE},
                     {"MD2", IK_AUTH_MD2},
                     {"MD5", IK_AUTH_MD5},
                     {"PASSWORD", IK_AUTH_PASSWORD}};
        size_t i = 0;
        while (i < 4 && strcasecmp(cli->authtype, types[i].n) != 0)
            i++;
        if (!v15 || i == 4) {
            fail(err, cap, "-A %s: an IPMI 1.5 auth type (NONE, PASSWORD, MD2, MD5) for -I lan",
                 cli->authtype);
            return IK_E_INVAL;
        }
        c->auth15 = types[i].t;
    }
    if (cli->cipher_suite >= 0) {
        if (v15 || !ik_cipher_suite_supported((uint8_t)cli->cipher_suite)) {
            fail(err, cap, "-C %d: not a cipher suite -I lanplus supports", cli->cipher_suite);
            return IK_E_INVAL;
        }
        c->suite = cli->cipher_suite;
    }
    c->timeout = (ik_time_us)(cli->timeout_s > 0 ? cli->timeout_s : v15 ? 2 : 1) * IK_US_PER_S;
    c->retries = cli->retries;
    int rc = ik_hostif_open_lan(&cfg, NULL, out, err, cap);
    ik_cleanse(&cfg, sizeof(cfg));
    return rc;
}

static void free_dev(void *ctx)
{
    ik_smi_dev_free(ctx);
}

static int open_dev(struct ik_cli *cli, struct ik_hostif **out, char *err, size_t cap)
{
    char path[64];
    const char *env = getenv("IPMIKIT_DEVICE");
    if (env && *env)
        snprintf(path, sizeof(path), "%s", env);
    else
        snprintf(path, sizeof(path), "/dev/ipmi%d", cli->devnum);
    int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        fail(err, cap, "cannot open %s: %s (is the ipmi_devintf module loaded?)", path,
             strerror(errno));
        return IK_E_IO;
    }
    struct ik_smi_dev *d;
    int rc = ik_smi_dev_new(fd, NULL, NULL, &d);
    if (rc == 0) {
        rc = ik_hostif_open_smi(ik_smi_dev_smi(d), fd, free_dev, d, NULL, out, err, cap);
        if (rc)
            ik_smi_dev_free(d);
    } else {
        snprintf(err, cap, "out of memory");
    }
    if (rc)
        close(fd);
    return rc;
}

int ik_cli_hostif_open(struct ik_cli *cli, struct ik_hostif **out, char *err, size_t cap)
{
    const char *intf = cli->intf ? cli->intf : cli->host ? "lan" : "open";
    if (strcmp(intf, "kcs") == 0)
        return open_kcs(cli, out, err, cap);
    if (strcmp(intf, "lanplus") == 0)
        return open_lan(cli, 0, out, err, cap);
    if (strcmp(intf, "lan") == 0)
        return open_lan(cli, 1, out, err, cap);
    if (strcmp(intf, "open") == 0)
        return open_dev(cli, out, err, cap);
    fail(err, cap, "unknown interface '%s' (lan, lanplus, open, kcs)", intf);
    return IK_E_INVAL;
}

int ik_cli_hostif_open_or_say(struct ik_cli *cli, const char *cmd, struct ik_hostif **out)
{
    char err[512];
    int rc = ik_cli_hostif_open(cli, out, err, sizeof(err));
    if (rc == 0)
        return 0;
    ik_cli_error(cli, "%s: %s", cmd, err);
    return rc == IK_E_INVAL ? IK_EXIT_USAGE : IK_EXIT_TRANSPORT;
}

struct ik_msgh_addr ik_cli_target(const struct ik_cli *cli)
{
    struct ik_msgh_addr a = ik_msgh_addr_bmc();
    if (cli->target_addr >= 0 && cli->target_addr != cli->local_addr)
        a = ik_msgh_addr_ipmb((uint8_t)(cli->target_channel >= 0 ? cli->target_channel : 0),
                              (uint8_t)cli->target_addr, 0);
    a.lun = (uint8_t)(cli->lun & 3);
    return a;
}

static int agent_call(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
                      uint8_t *rsp, size_t cap, size_t *rlen, char *why, size_t whycap)
{
    struct ik_cli_agent *ca = ctx;
    struct ik_msgh_addr a = ik_cli_target(ca->cli);
    struct ik_msgh_msg m;
    int rc = ik_hostif_call(ca->h, &a, netfn, cmd, data, len, &m);
    if (rc == 0 && m.err && m.err != IK_E_TIMEOUT)
        rc = m.err; /* no answer: the interface is off (its sentence below) */
    if (rc) {
        snprintf(why, whycap, "%s: NetFn %02Xh command %02Xh: %s", ik_hostif_kind(ca->h), netfn,
                 cmd, ik_hostif_why(ca->h));
        return rc;
    }
    size_t n = m.len < cap ? m.len : cap;
    memcpy(rsp, m.data, n);
    *rlen = n;
    return 0;
}

void ik_cli_agent_init(struct ik_cli_agent *ca, struct ik_cli *cli, struct ik_hostif *h)
{
    memset(ca, 0, sizeof(*ca));
    ca->cli = cli;
    ca->h = h;
    ca->a.call = agent_call;
    ca->a.ctx = ca;
    /* lan / lanplus carry requests in a session, kcs and open on the system interface */
    ca->a.session = strncmp(ik_hostif_kind(h), "lan", 3) == 0;
}
