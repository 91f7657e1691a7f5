/*
 * bmcd: a fleet of virtual BMCs in one process. Each BMC is an engine (bmc/engine.h) with
 * its own UDP socket, timer, users, sessions and durable state; one libuv loop drives
 * them all.
 *
 *   datagram -> ik_bmc_lan_rx() -> reply sent at once (uv_udp_try_send, no queue)
 *            -> ik_bmc_tick() -> the BMC's timer re-armed for its next deadline
 *   timer    -> ik_bmc_tick()
 *   SIGINT / SIGTERM -> stop; SIGUSR1 -> log every non-zero counter of every BMC.
 * Signal callbacks only set flags; the loop's check phase acts on them.
 *
 * Usage and options: bmcd --help, docs/bmcd.md.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "crypto.h"
#include "default_machine.h"
#include "engine.h"
#include "fleet.h"
#include "hooks.h"
#include "ipmikit/error.h"
#include "lan.h"
#include "log.h"
#include "machine.h"
#include "rmcpplus.h"
#include "store.h"

#define BMCD_VERSION "0.1.0"
#define RX_BUF       2048 /* larger than any IPMI datagram; longer ones are truncated */

struct node {
    struct bmcd *d;
    struct ik_bmc *bmc;
    struct ik_bmc_memstore *mem; /* without --state-dir */
    struct ik_hooks *hooks;      /* the machine's power-action commands */
    const struct ik_fleet_bmc *fb;
    uv_udp_t udp;
    uv_timer_t timer;
    ik_time_us armed; /* deadline the timer is set for, 0 = stopped */
    uint64_t send_errors, truncated;
    bool udp_open, timer_open;
};

struct bmcd {
    uv_loop_t *loop;
    struct ik_fleet fleet;
    struct ik_store *store;
    struct node *nodes;
    size_t nnodes;
    uv_signal_t sig[3];
    uv_check_t check;
    volatile sig_atomic_t stop, dump;
    uint8_t rx[RX_BUF];
    uint8_t tx[IK_RP_MAX_DGRAM];
};

static ik_time_us now_us(void)
{
    return (ik_time_us)(uv_hrtime() / 1000);
}

/* Random bytes for every BMC (session IDs, challenges, RAKP numbers, AES IVs), drawn
 * from OpenSSL's DRBG 4 KiB at a time: one DRBG call (and its fork check, a getpid()
 * system call) per ~250 packets instead of per packet. Bytes handed out are wiped from
 * the pool; bmcd never forks without exec'ing. */
static uint8_t rand_pool[4096];
static size_t rand_left;

static int engine_random(void *ctx, uint8_t *out, size_t n)
{
    (void)ctx;
    while (n) {
        if (!rand_left) {
            if (ik_random_bytes(rand_pool, sizeof(rand_pool)))
                return IK_E_CRYPTO;
            rand_left = sizeof(rand_pool);
        }
        size_t take = n < rand_left ? n : rand_left;
        uint8_t *src = rand_pool + sizeof(rand_pool) - rand_left;
        memcpy(out, src, take);
        ik_cleanse(src, take);
        rand_left -= take;
        out += take;
        n -= take;
    }
    return 0;
}

/* ---- timers ----------------------------------------------------------------------------- */

static void on_timer(uv_timer_t *t);

static void arm(struct node *n, ik_time_us next, ik_time_us now)
{
    if (next == n->armed)
        return;
    n->armed = next;
    if (!next) {
        uv_timer_stop(&n->timer);
        return;
    }
    uint64_t ms = next > now ? (next - now + 999) / 1000 : 0;
    uv_timer_start(&n->timer, on_timer, ms, 0);
}

static void on_timer(uv_timer_t *t)
{
    struct node *n = t->data;
    ik_time_us now = now_us();
    n->armed = 0;
    arm(n, ik_bmc_tick(n->bmc, now), now);
}

/* ---- datagrams -------------------------------------------------------------------------- */

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    struct node *n = h->data;
    (void)suggested;
    *buf = uv_buf_init((char *)n->d->rx, sizeof(n->d->rx));
}

static void on_recv(uv_udp_t *u, ssize_t nread, const uv_buf_t *buf, const struct sockaddr *addr,
                    unsigned flags)
{
    struct node *n = u->data;
    (void)buf;
    if (nread <= 0 || !addr) {
        if (nread < 0)
            ik_log(IK_LOG_WARN, "bmc=%s event=recv_error err=%s", n->fb->name,
                   uv_strerror((int)nread));
        return; /* 0 with no address: the socket is drained */
    }
    if (addr->sa_family != AF_INET)
        return;
    if (flags & UV_UDP_PARTIAL) {
        n->truncated++;
        ik_bmc_drop(n->bmc, IK_BMC_DROP_BAD_LENGTH, "reason=datagram_too_long");
        return;
    }
    const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;
    struct ik_lan_peer peer;
    memcpy(peer.ip, &sin->sin_addr.s_addr, 4);
    peer.port = ntohs(sin->sin_port);
    ik_time_us now = now_us();
    size_t outlen = 0;
    int rc = ik_bmc_lan_rx(n->bmc, now, &peer, n->d->rx, (size_t)nread, n->d->tx, sizeof(n->d->tx),
                           &outlen);
    if (rc) {
        ik_log(IK_LOG_ERROR, "bmc=%s event=lan_rx_failed err=%s", n->fb->name, ik_errname(rc));
        return;
    }
    if (outlen) {
        uv_buf_t b = uv_buf_init((char *)n->d->tx, (unsigned)outlen);
        rc = uv_udp_try_send(&n->udp, &b, 1, addr);
        if (rc < 0 && n->send_errors++ < 10)
            ik_log(IK_LOG_WARN, "bmc=%s event=send_failed err=%s", n->fb->name, uv_strerror(rc));
    }
    arm(n, ik_bmc_tick(n->bmc, now), now);
}

/* ---- signals ---------------------------------------------------------------------------- */

static void on_signal(uv_signal_t *s, int signum)
{
    struct bmcd *d = s->data;
    if (signum == SIGUSR1)
        d->dump = 1;
    else
        d->stop = 1;
}

static void log_counters(struct bmcd *d)
{
    for (size_t i = 0; i < d->nnodes; i++) {
        struct node *n = &d->nodes[i];
        char buf[900];
        ik_bmc_counters_format(n->bmc, buf, sizeof(buf));
        ik_log(IK_LOG_INFO, "bmc=%s event=counters sessions=%u%s%s send_errors=%llu", n->fb->name,
               ik_bmc_lan_sessions(n->bmc), buf[0] ? " " : "", buf,
               (unsigned long long)n->send_errors);
    }
}

static void close_all(struct bmcd *d)
{
    for (size_t i = 0; i < d->nnodes; i++) {
        struct node *n = &d->nodes[i];
        if (n->udp_open)
            uv_close((uv_handle_t *)&n->udp, NULL);
        if (n->timer_open)
            uv_close((uv_handle_t *)&n->timer, NULL);
        n->udp_open = n->timer_open = false;
    }
    for (size_t i = 0; i < d->nnodes; i++) {
        if (d->nodes[i].hooks)
            ik_hooks_close(d->nodes[i].hooks); /* freed once the loop closed its handles */
        d->nodes[i].hooks = NULL;
    }
    for (int i = 0; i < 3; i++)
        uv_close((uv_handle_t *)&d->sig[i], NULL);
    uv_close((uv_handle_t *)&d->check, NULL);
}

static void on_check(uv_check_t *c)
{
    struct bmcd *d = c->data;
    if (d->dump) {
        d->dump = 0;
        log_counters(d);
    }
    if (d->stop) {
        d->stop = 0;
        ik_log(IK_LOG_INFO, "event=stopping");
        log_counters(d);
        close_all(d);
    }
}

/* ---- start-up --------------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f, "usage: bmcd [options]\n"
               "  --listen ADDR:PORT   UDP address of the BMC (default 127.0.0.1:6230); with\n"
               "                       --count N, N BMCs on consecutive ports\n"
               "  --count N            run N identical BMCs (names NAME1..NAMEN)\n"
               "  --name NAME          the BMC's name (default: the machine's name)\n"
               "  --config FILE        YAML machine or fleet description (default: the\n"
               "                       embedded default machine)\n"
               "  --state-dir DIR      keep users, LAN parameters, SEL, ... in DIR/bmcd.db\n"
               "                       (without it nothing survives a restart)\n"
               "  --durability MODE    normal (default: survives kill -9) or full (fsync per\n"
               "                       write: survives power loss)\n"
               "  --log-level LEVEL    debug, info (default), warn, error\n"
               "  --check              load the configuration, print the BMCs and exit\n"
               "  --version, --help\n"
               "Signals: SIGTERM/SIGINT stop; SIGUSR1 logs every non-zero counter.\n");
}

struct opts {
    const char *listen, *config, *state_dir, *name;
    size_t count;
    enum ik_store_sync sync;
    int check;
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
    enum { O_LISTEN = 1, O_COUNT, O_NAME, O_CONFIG, O_STATE, O_DUR, O_LEVEL, O_CHECK, O_VER };
    static const struct option longopts[] = {
        {"listen", required_argument, NULL, O_LISTEN},
        {"count", required_argument, NULL, O_COUNT},
        {"name", required_argument, NULL, O_NAME},
        {"config", required_argument, NULL, O_CONFIG},
        {"state-dir", required_argument, NULL, O_STATE},
        {"durability", required_argument, NULL, O_DUR},
        {"log-level", required_argument, NULL, O_LEVEL},
        {"check", no_argument, NULL, O_CHECK},
        {"version", no_argument, NULL, O_VER},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, lvl;
    char *end;
    memset(o, 0, sizeof(*o));
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_LISTEN:
            o->listen = optarg;
            break;
        case O_COUNT:
            errno = 0;
            o->count = strtoul(optarg, &end, 10);
            if (errno || *end || o->count == 0 || o->count > IK_FLEET_MAX) {
                fprintf(stderr, "bmcd: --count: expected 1..%d\n", IK_FLEET_MAX);
                return 2;
            }
            break;
        case O_NAME:
            o->name = optarg;
            break;
        case O_CONFIG:
            o->config = optarg;
            break;
        case O_STATE:
            o->state_dir = optarg;
            break;
        case O_DUR:
            if (strcmp(optarg, "normal") == 0)
                o->sync = IK_STORE_SYNC_NORMAL;
            else if (strcmp(optarg, "full") == 0)
                o->sync = IK_STORE_SYNC_FULL;
            else {
                fprintf(stderr, "bmcd: --durability: expected normal or full\n");
                return 2;
            }
            break;
        case O_LEVEL:
            if ((lvl = ik_log_level_parse(optarg)) < 0) {
                fprintf(stderr, "bmcd: --log-level: expected debug, info, warn or error\n");
                return 2;
            }
            ik_log_setup((enum ik_log_level)lvl, 2);
            break;
        case O_CHECK:
            o->check = 1;
            break;
        case O_VER:
            printf("bmcd %s\n", BMCD_VERSION);
            exit(0);
        case 'h':
            usage(stdout);
            exit(0);
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "bmcd: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    return 0;
}

static int build_fleet(const struct opts *o, struct ik_fleet *f, char *err, size_t errcap)
{
    if (o->config)
        return ik_fleet_load(f, o->config, o->listen, o->count, o->name, err, errcap);
    struct ik_machine m;
    int rc = ik_default_machine(&m, err, errcap);
    if (rc) {
        ik_machine_free(&m);
        return rc;
    }
    return ik_fleet_single(f, &m, o->name, o->listen ? o->listen : "127.0.0.1:6230", o->count, err,
                           errcap);
}

static int start_node(struct bmcd *d, struct node *n, const struct ik_fleet_bmc *fb)
{
    const struct ik_machine *m = &d->fleet.machines[fb->machine];
    struct ik_bmc_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    n->d = d;
    n->fb = fb;
    cfg.name = fb->name;
    cfg.id = m->id;
    cfg.machine = m;
    cfg.log = ik_log_engine;
    cfg.unix_at_start = (int64_t)time(NULL);
    cfg.mono_at_start = now_us();
    cfg.random = engine_random;
    if (!(n->hooks = ik_hooks_new(d->loop, fb->name, m, ik_log_engine, NULL)))
        return IK_E_NOMEM;
    cfg.power_hook = ik_hooks_power;
    cfg.power_hook_ctx = n->hooks;
    if (d->store) {
        int rc = ik_store_bind(d->store, fb->name, &cfg.store);
        if (rc) {
            ik_log(IK_LOG_ERROR, "bmc=%s event=store_bind_failed err=%s", fb->name, ik_errname(rc));
            return rc;
        }
    } else {
        if (!(n->mem = ik_bmc_memstore_new()))
            return IK_E_NOMEM;
        cfg.store = ik_bmc_memstore_ops(n->mem);
    }
    if (!(n->bmc = ik_bmc_new(&cfg))) {
        ik_log(IK_LOG_ERROR, "bmc=%s event=engine_failed", fb->name);
        return IK_E_NOMEM;
    }
    ik_bmc_lan_set_address(n->bmc, fb->ip, fb->port);
    int rc = ik_bmc_load(n->bmc);
    if (rc) {
        ik_log(IK_LOG_ERROR, "bmc=%s event=load_failed err=%s", fb->name, ik_errname(rc));
        return rc;
    }
    return 0;
}

/* A BMC reachable beyond loopback must not keep the well-known default password. */
static int check_default_password(struct bmcd *d)
{
    int bad = 0;
    for (size_t i = 0; i < d->nnodes; i++) {
        struct node *n = &d->nodes[i];
        uint8_t uid = ik_bmc_default_password_user(n->bmc);
        if (!uid || ik_fleet_is_loopback(n->fb->ip))
            continue;
        ik_log(IK_LOG_ERROR,
               "bmc=%s event=refused reason=default_password uid=%u addr=%u.%u.%u.%u:%u "
               "hint=set_users_in_the_description_or_change_the_password_over_loopback_first",
               n->fb->name, uid, n->fb->ip[0], n->fb->ip[1], n->fb->ip[2], n->fb->ip[3],
               n->fb->port);
        bad = 1;
    }
    return bad;
}

static int open_sockets(struct bmcd *d)
{
    for (size_t i = 0; i < d->nnodes; i++) {
        struct node *n = &d->nodes[i];
        struct sockaddr_in sa;
        char ip[16];
        snprintf(ip, sizeof(ip), "%u.%u.%u.%u", n->fb->ip[0], n->fb->ip[1], n->fb->ip[2],
                 n->fb->ip[3]);
        uv_ip4_addr(ip, n->fb->port, &sa);
        uv_udp_init(d->loop, &n->udp);
        n->udp.data = n;
        n->udp_open = true;
        uv_timer_init(d->loop, &n->timer);
        n->timer.data = n;
        n->timer_open = true;
        int rc = uv_udp_bind(&n->udp, (const struct sockaddr *)&sa, 0);
        if (rc == 0)
            rc = uv_udp_recv_start(&n->udp, on_alloc, on_recv);
        if (rc) {
            ik_log(IK_LOG_ERROR, "bmc=%s event=bind_failed addr=%s:%u err=%s", n->fb->name, ip,
                   n->fb->port, uv_strerror(rc));
            return rc;
        }
        ik_log(IK_LOG_INFO, "bmc=%s event=listening addr=%s:%u", n->fb->name, ip, n->fb->port);
        ik_time_us now = now_us();
        arm(n, ik_bmc_tick(n->bmc, now), now);
    }
    return 0;
}

static void teardown(struct bmcd *d)
{
    for (size_t i = 0; i < d->nnodes; i++) {
        ik_bmc_free(d->nodes[i].bmc);
        ik_bmc_memstore_free(d->nodes[i].mem);
    }
    free(d->nodes);
    ik_store_close(d->store);
    ik_fleet_free(&d->fleet);
}

int main(int argc, char **argv)
{
    static struct bmcd d;
    struct opts o;
    char err[1200];
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    if (build_fleet(&o, &d.fleet, err, sizeof(err))) {
        fprintf(stderr, "bmcd: %s\n", err);
        ik_fleet_free(&d.fleet);
        return 1;
    }
    if (o.check) {
        for (size_t i = 0; i < d.fleet.nbmcs; i++) {
            const struct ik_fleet_bmc *b = &d.fleet.bmcs[i];
            printf("%s %u.%u.%u.%u:%u %s\n", b->name, b->ip[0], b->ip[1], b->ip[2], b->ip[3],
                   b->port, d.fleet.machines[b->machine].name);
        }
        ik_fleet_free(&d.fleet);
        return 0;
    }
    d.loop = uv_default_loop();
    /* Passwords live in the state database: keep it private to bmcd's user. */
    umask(077);
    if (o.state_dir) {
        if (mkdir(o.state_dir, 0700) && errno != EEXIST) {
            fprintf(stderr, "bmcd: --state-dir %s: %s\n", o.state_dir, strerror(errno));
            ik_fleet_free(&d.fleet);
            return 1;
        }
        d.store = ik_store_open(o.state_dir, o.sync, err, sizeof(err));
        if (!d.store) {
            fprintf(stderr, "bmcd: state: %s\n", err);
            ik_fleet_free(&d.fleet);
            return 1;
        }
    } else {
        ik_log(IK_LOG_WARN, "event=no_state_dir note=changes_are_lost_on_exit");
    }
    d.nnodes = d.fleet.nbmcs;
    d.nodes = calloc(d.nnodes, sizeof(*d.nodes));
    rc = d.nodes ? 0 : IK_E_NOMEM;
    for (size_t i = 0; rc == 0 && i < d.nnodes; i++)
        rc = start_node(&d, &d.nodes[i], &d.fleet.bmcs[i]);
    if (rc == 0 && check_default_password(&d))
        rc = IK_E_AUTH;
    static const int signums[3] = {SIGINT, SIGTERM, SIGUSR1};
    for (int i = 0; i < 3; i++) {
        uv_signal_init(d.loop, &d.sig[i]);
        d.sig[i].data = &d;
        uv_signal_start(&d.sig[i], on_signal, signums[i]);
    }
    uv_check_init(d.loop, &d.check);
    d.check.data = &d;
    uv_check_start(&d.check, on_check);
    if (rc == 0)
        rc = open_sockets(&d);
    if (rc == 0) {
        ik_log(IK_LOG_INFO, "event=started bmcs=%zu state=%s version=%s", d.nnodes,
               o.state_dir ? o.state_dir : "none", BMCD_VERSION);
        uv_run(d.loop, UV_RUN_DEFAULT);
    } else {
        close_all(&d);
        uv_run(d.loop, UV_RUN_DEFAULT); /* let the handles close */
    }
    uv_loop_close(d.loop);
    teardown(&d);
    ik_cleanse(rand_pool, sizeof(rand_pool));
    return rc ? 1 : 0;
}
