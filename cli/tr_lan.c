/*
 * The lan (IPMI 1.5) and lanplus (RMCP+) transports: libipmikit's console session machine
 * (lib/session_client.h) driven over one connected UDP socket with a poll loop and the
 * monotonic clock.
 *
 * Options: -H host, -p port, -U user, -P/-E/-f password, -k/-y K_G, -L privilege,
 * -C suite (lanplus; default: the best one Get Channel Cipher Suites offers, falling back
 * to 17 then 3 after 300 ms when a BMC ignores that query), -A auth type (lan), -N seconds
 * per attempt (default 2 for lan and 1 for lanplus, as ipmitool), -R retries (default 4).
 *
 * The session opens on the first request. When a request goes unanswered after its
 * retries the session is abandoned and the next request opens a new one; when the
 * handshake itself fails, every later request fails with the same reason at once.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "cipher.h"
#include "crypto.h"
#include "ipmimsg.h"
#include "lanmsg.h"
#include "rmcp.h"
#include "session15.h"
#include "session_client.h"
#include "transport.h"

#include "ipmikit/error.h"

enum lan_state {
    LAN_CLOSED = 0, /* no session yet (or the last one was abandoned) */
    LAN_READY,      /* session up */
    LAN_FAILED,     /* the handshake failed: every request fails with err */
};

struct tr_lan {
    struct ik_tr base;
    int fd;
    int v15;
    enum lan_state state;
    struct ik_lanc_config cfg; /* kept (with the password) so a session can be reopened */
    struct ik_lanc lc;
    int sessions;   /* sessions opened */
    char fail[512]; /* LAN_FAILED: why the handshake failed */
};

static ik_time_us now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

long ik_lanc_rx_poll(int fd, uint8_t *buf, size_t cap, ik_time_us deadline)
{
    for (;;) {
        ik_time_us now = now_us();
        int ms = deadline > now ? (int)((deadline - now + 999) / 1000) : 0;
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int n = poll(&pfd, 1, ms);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        ssize_t got = recv(fd, buf, cap, 0);
        /* ICMP port unreachable shows up here on a connected socket: keep waiting, the
         * deadline decides. */
        if (got >= 0)
            return (long)got;
    }
}

int ik_lanc_drive_rx(int fd, struct ik_lanc *lc, struct ik_sm_step *step, ik_lanc_rx_fn rx)
{
    for (;;) {
        switch (step->act) {
        case IK_SM_SEND:
            /* A failed send is like a lost datagram: the machine's timer retries. */
            (void)send(fd, step->tx, step->tx_len, 0);
            /* fall through */
        case IK_SM_WAIT: {
            uint8_t buf[IK_RP_MAX_DGRAM];
            long got = rx(fd, buf, sizeof(buf), step->deadline);
            int rc = got >= 0 ? ik_lanc_rx(lc, now_us(), buf, (size_t)got, step)
                              : ik_lanc_timer(lc, now_us(), step);
            if (rc)
                return rc;
            break;
        }
        case IK_SM_DONE:
            return 0;
        case IK_SM_FAIL:
            return step->err ? step->err : IK_E_PROTOCOL;
        case IK_SM_IDLE:
            return IK_E_STATE;
        }
    }
}

int ik_lanc_drive(int fd, struct ik_lanc *lc, struct ik_sm_step *step)
{
    return ik_lanc_drive_rx(fd, lc, step, ik_lanc_rx_poll);
}

static int drive(struct tr_lan *t, struct ik_sm_step *step)
{
    return ik_lanc_drive(t->fd, &t->lc, step);
}

/* ---- the cipher-suite list, for a message when a forced suite fails ------------------ */

/* Ask for the suites outside a session (1.5 framing, which ipmi_sim answers), 300 ms per
 * page, and write "0, 1, 2, 3" into buf. Returns the count, or -1 without an answer. */
static int offered_suites(struct tr_lan *t, char *buf, size_t cap)
{
    uint8_t records[IK_CIPHER_PAGE * 8];
    size_t have = 0;
    for (uint8_t page = 0; page < 8; page++) {
        uint8_t req[3] = {IK_CHANNEL_THIS, 0x00 /* IPMI payload */, (uint8_t)(0x80 | page)};
        uint8_t msg[32], tx[96];
        size_t mlen, tlen;
        uint8_t seq = (uint8_t)(0x20 + page);
        if (ik_lanmsg_request(IK_NETFN_APP, IK_CMD_GET_CIPHER_SUITES, seq, req, sizeof(req), msg,
                              sizeof(msg), &mlen) ||
            ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, mlen, tx, sizeof(tx), &tlen))
            return -1;
        (void)send(t->fd, tx, tlen, 0);
        ik_time_us deadline = now_us() + 300 * IK_US_PER_MS;
        const uint8_t *data = NULL;
        size_t dlen = 0;
        uint8_t rx[IK_RP_MAX_DGRAM];
        struct ik_ipmimsg m;
        while (!data) {
            ik_time_us now = now_us();
            if (now >= deadline)
                return have ? 0 : -1;
            struct pollfd pfd = {.fd = t->fd, .events = POLLIN};
            if (poll(&pfd, 1, (int)((deadline - now + 999) / 1000)) <= 0)
                continue;
            ssize_t got = recv(t->fd, rx, sizeof(rx), 0);
            struct ik_s15 s;
            if (got <= 0 || ik_s15_decode(rx, (size_t)got, &s) || s.sid != 0 ||
                ik_ipmimsg_decode(s.msg, s.msg_len, &m) || m.cmd != IK_CMD_GET_CIPHER_SUITES ||
                m.seq != seq || m.data_len < 2 || m.data[0] != 0)
                continue;
            data = m.data + 2;
            dlen = m.data_len - 2;
        }
        if (dlen > IK_CIPHER_PAGE || have + dlen > sizeof(records))
            return -1;
        memcpy(records + have, data, dlen);
        have += dlen;
        if (dlen < IK_CIPHER_PAGE)
            break;
    }
    struct ik_cipher_suite list[64];
    size_t n = 0;
    if (ik_cipher_records_decode(records, have, list, 64, &n))
        return -1;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, cap - l, "%s%u", i ? ", " : "", list[i].id);
    }
    return (int)n;
}

/* ---- session ------------------------------------------------------------------------ */

static const char *priv_name(uint8_t p)
{
    static const char *const names[] = {"", "CALLBACK", "USER", "OPERATOR", "ADMINISTRATOR", "OEM"};
    return p < 6 ? names[p] : "?";
}

static int establish(struct tr_lan *t)
{
    struct ik_sm_step step;
    int rc = ik_lanc_start(&t->lc, &t->cfg, now_us(), &step);
    if (rc == 0)
        rc = drive(t, &step);
    if (rc == 0) {
        t->state = LAN_READY;
        t->sessions++;
        if (t->base.cli->verbose)
            fprintf(t->base.cli->err, "ipmikit: %s %s: session %08x up (%s%u, privilege %s)\n",
                    t->base.name, t->base.where, (unsigned)t->lc.sid,
                    t->v15 ? "auth type " : "cipher suite ", t->v15 ? t->lc.auth_type : t->lc.suite,
                    priv_name(t->lc.priv));
        return 0;
    }
    const char *reason = step.act == IK_SM_FAIL && step.reason ? step.reason : ik_strerror(rc);
    snprintf(t->base.err, sizeof(t->base.err), "%s %s: %s", t->base.name, t->base.where, reason);
    if (rc == IK_E_TIMEOUT) {
        size_t l = strlen(t->base.err);
        snprintf(t->base.err + l, sizeof(t->base.err) - l, " (timeout %d s, -N; retries %d, -R)",
                 t->base.cli->timeout_s, t->base.cli->retries);
    }
    /* A forced suite that failed at Open Session: say which suites the BMC offers. */
    if (!t->v15 && t->cfg.suite != IK_LANC_SUITE_AUTO && strncmp(reason, "Open Session", 12) == 0) {
        char list[160];
        int n = offered_suites(t, list, sizeof(list));
        size_t l = strlen(t->base.err);
        if (n >= 0) {
            char want[8];
            snprintf(want, sizeof(want), "%d", t->cfg.suite);
            int offered = 0;
            for (const char *p = list; *p;) {
                size_t k = strcspn(p, ",");
                if (k == strlen(want) && strncmp(p, want, k) == 0)
                    offered = 1;
                p += k;
                while (*p == ',' || *p == ' ')
                    p++;
            }
            snprintf(t->base.err + l, sizeof(t->base.err) - l, "; suite %d %s; offered: %s",
                     t->cfg.suite, offered ? "is offered" : "not offered", n ? list : "none");
        }
    }
    snprintf(t->fail, sizeof(t->fail), "%s", t->base.err);
    t->state = LAN_FAILED;
    return rc;
}

static int lan_request(struct ik_tr *base, uint8_t netfn, uint8_t cmd, const uint8_t *data,
                       size_t len, struct ik_tr_rsp *rsp)
{
    struct tr_lan *t = (struct tr_lan *)base;
    if (t->state == LAN_FAILED) {
        snprintf(base->err, sizeof(base->err), "%s", t->fail);
        return IK_E_SESSION;
    }
    if (len > IK_LANC_MAX_REQ) {
        snprintf(base->err, sizeof(base->err), "request of %zu data bytes is longer than %d", len,
                 IK_LANC_MAX_REQ);
        return IK_E_RANGE;
    }
    if (t->state == LAN_CLOSED) {
        int rc = establish(t);
        if (rc)
            return rc;
    }
    struct ik_sm_step step;
    int rc = ik_lanc_request(&t->lc, now_us(), netfn, cmd, data, len, &step);
    if (rc == 0)
        rc = drive(t, &step);
    if (rc) {
        const char *reason = step.act == IK_SM_FAIL && step.reason ? step.reason : ik_strerror(rc);
        snprintf(base->err, sizeof(base->err),
                 "%s %s: NetFn %02Xh command %02Xh: %s (timeout %d s, -N; retries %d, -R)",
                 base->name, base->where, netfn, cmd, reason, base->cli->timeout_s,
                 base->cli->retries);
        /* The machine gave the session up: the next request opens a new one. */
        t->state = LAN_CLOSED;
        return rc;
    }
    const struct ik_ipmimsg *m = ik_lanc_response(&t->lc);
    if (!m || m->data_len < 1) { /* the machine only hands over responses with a CC */
        snprintf(base->err, sizeof(base->err), "%s %s: empty response", base->name, base->where);
        return IK_E_PROTOCOL;
    }
    if (m->data_len - 1 > IK_TR_MAX_DATA) {
        snprintf(base->err, sizeof(base->err),
                 "%s %s: NetFn %02Xh command %02Xh: response of %zu bytes is longer than any "
                 "IPMI response (%d)",
                 base->name, base->where, netfn, cmd, m->data_len, IK_TR_MAX_DATA + 1);
        return IK_E_OVERSIZE;
    }
    rsp->cc = m->data[0];
    rsp->len = m->data_len - 1;
    memcpy(rsp->data, m->data + 1, rsp->len);
    return 0;
}

static void lan_close(struct ik_tr *base)
{
    struct tr_lan *t = (struct tr_lan *)base;
    if (t->state == LAN_READY) {
        struct ik_sm_step step;
        /* One try with a short wait: the BMC reaps the session anyway. */
        t->lc.cfg.timeout = 500 * IK_US_PER_MS;
        if (ik_lanc_close(&t->lc, now_us(), &step) == 0)
            (void)drive(t, &step);
    }
    ik_lanc_wipe(&t->lc);
    ik_cleanse(&t->cfg, sizeof(t->cfg));
    if (t->fd >= 0)
        close(t->fd);
    free(t);
}

static const struct ik_tr_ops lan_ops = {lan_request, lan_close};

/* ---- options ------------------------------------------------------------------------ */

static int parse_authtype(const char *s, uint8_t *out)
{
    static const struct {
        const char *name;
        uint8_t type;
    } types[] = {{"NONE", IK_AUTH_NONE},
                 {"MD2", IK_AUTH_MD2},
                 {"MD5", IK_AUTH_MD5},
                 {"PASSWORD", IK_AUTH_PASSWORD}};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (strcasecmp(s, types[i].name) == 0) {
            *out = types[i].type;
            return 0;
        }
    return -1;
}

int ik_tr_lan_new(struct ik_cli *cli, int v15, struct ik_tr **out)
{
    const char *name = v15 ? "lan" : "lanplus";
    if (!cli->host) {
        ik_cli_error(cli, "-I %s needs a BMC address (-H host)", name);
        return IK_E_INVAL;
    }
    /* Bridging through the BMC (Send Message encapsulation) is not implemented over LAN:
     * refuse rather than send the request to the BMC itself. -t 0x20 is the BMC. */
    if ((cli->target_addr >= 0 && cli->target_addr != 0x20) || cli->target_channel > 0 ||
        cli->transit_addr >= 0) {
        ik_cli_error(cli, "-t/-b/-T/-B bridging is supported with -I open only, not over -I %s",
                     name);
        return IK_E_INVAL;
    }
    struct ik_lanc_config cfg;
    ik_lanc_config_defaults(&cfg);
    cfg.v15 = v15 != 0;
    if (cli->user) {
        size_t n = strlen(cli->user);
        if (n > 16) {
            ik_cli_error(cli, "user name is longer than 16 bytes");
            return IK_E_INVAL;
        }
        memcpy(cfg.user, cli->user, n);
        cfg.user_len = (uint8_t)n;
    }
    size_t pwlen = strlen(cli->password);
    if (v15 && pwlen > 16) {
        ik_cli_error(cli, "-I lan: the password is longer than 16 bytes (IPMI 1.5)");
        return IK_E_INVAL;
    }
    memcpy(cfg.password, cli->password, pwlen);
    if (cli->kg_len) {
        memcpy(cfg.kg, cli->kg, (size_t)cli->kg_len);
        cfg.kg_set = true;
    }
    cfg.priv = cli->privilege ? (uint8_t)cli->privilege : IK_PRIV_ADMIN;
    if (cli->authtype) {
        if (!v15) {
            ik_cli_error(cli, "-A applies to -I lan (IPMI 1.5) only");
            return IK_E_INVAL;
        }
        if (parse_authtype(cli->authtype, &cfg.auth15) < 0) {
            ik_cli_error(cli, "invalid auth type '%s' (NONE, PASSWORD, MD2, MD5)", cli->authtype);
            return IK_E_INVAL;
        }
    }
    if (cli->cipher_suite >= 0) {
        if (v15) {
            ik_cli_error(cli, "-C applies to -I lanplus only");
            return IK_E_INVAL;
        }
        if (!ik_cipher_suite_supported((uint8_t)cli->cipher_suite)) {
            ik_cli_error(cli,
                         "cipher suite %d is not supported (supported: 0-3, 6-8, 11, 12, 15-17)",
                         cli->cipher_suite);
            return IK_E_INVAL;
        }
        cfg.suite = cli->cipher_suite;
    }
    if (cli->timeout_s <= 0)
        cli->timeout_s = v15 ? 2 : 1;
    cfg.timeout = (ik_time_us)cli->timeout_s * IK_US_PER_S;
    cfg.retries = cli->retries;

    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM};
    struct addrinfo *res = NULL;
    char port[8];
    snprintf(port, sizeof(port), "%d", cli->port);
    int gai = getaddrinfo(cli->host, port, &hints, &res);
    if (gai != 0) {
        ik_cli_error(cli, "cannot resolve '%s': %s", cli->host, gai_strerror(gai));
        ik_cleanse(&cfg, sizeof(cfg));
        return IK_E_INVAL;
    }
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        ik_cli_error(cli, "cannot open a UDP socket to %s port %d: %s", cli->host, cli->port,
                     strerror(errno));
        ik_cleanse(&cfg, sizeof(cfg));
        return IK_E_INVAL;
    }
    struct tr_lan *t = calloc(1, sizeof(*t));
    if (!t) {
        close(fd);
        ik_cleanse(&cfg, sizeof(cfg));
        ik_cli_error(cli, "out of memory");
        return IK_E_NOMEM;
    }
    t->base.ops = &lan_ops;
    t->base.cli = cli;
    t->base.name = name;
    snprintf(t->base.where, sizeof(t->base.where), "%s port %d", cli->host, cli->port);
    t->fd = fd;
    t->v15 = v15;
    t->cfg = cfg;
    ik_cleanse(&cfg, sizeof(cfg));
    *out = &t->base;
    return 0;
}
