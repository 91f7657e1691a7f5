/*
 * platform_bmcd: a stand-in for bmcd in the platform's integration tests, until bmcd's own
 * LAN front (bmcd/main.c) exists. ONE virtual BMC on 127.0.0.1: lib/session_server.c for
 * RMCP/RMCP+ sessions (users admin/password at ADMINISTRATOR and operator/oppass at
 * OPERATOR), the BMC engine with the platform modules for every request, bmcd's SQLite
 * store for durable state and bmcd/hooks.c for power hooks, on a libuv loop that ticks the
 * engine when it asks. It is what the real bmcd will do for one BMC, minus the fleet,
 * configuration of users and channels, and logging policy; tests/integration/lib/bmcd.sh
 * prefers the real bmcd as soon as it is built.
 *
 *   tool_platform_bmcd -p PORT [-m MACHINE.yaml] [-s STATE_DIR] [-n NAME] [--full]
 *     -m   a description ("machine: ..."); default: the embedded default machine
 *     -s   where bmcd.db lives (default: the current directory)
 *     --full  synchronous=FULL in SQLite
 * Prints "platform_bmcd: listening on 127.0.0.1:PORT" once it serves; engine log lines go
 * to stderr. SIGTERM/SIGINT stop it cleanly; a description error exits 1 with the
 * loader's file:line:column message.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "bmc_int.h"
#include "default_machine.h"
#include "desc.h"
#include "hooks.h"
#include "ipmimsg.h"
#include "session_server.h"
#include "store.h"

#define MAX_SESSIONS 32
#define HALF_OPEN_US (10 * IK_US_PER_S)
#define IDLE_US      (60 * IK_US_PER_S)

struct user {
    const char *name, *password;
    uint8_t uid, priv;
};

static const struct user users[] = {
    {"admin", "password", 2, IK_PRIV_ADMIN},
    {"operator", "oppass", 3, IK_PRIV_OPERATOR},
};

struct slot {
    int used;
    struct ik_srv_session s;
};

static struct {
    uv_loop_t *loop;
    uv_udp_t udp;
    uv_timer_t timer;
    uv_signal_t sigterm, sigint;
    struct ik_srv_config cfg;
    struct slot slots[MAX_SESSIONS];
    struct ik_bmc *bmc;
    struct ik_store *store;
    struct ik_hooks *hooks;
    struct ik_machine m;
} g;

static ik_time_us now_us(void)
{
    return (ik_time_us)(uv_hrtime() / 1000);
}

static void pad_copy(uint8_t *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    memset(dst, 0, cap);
    memcpy(dst, src, n < cap ? n : cap);
}

static void fill_user(const struct user *u, struct ik_srv_user *out)
{
    memset(out, 0, sizeof(*out));
    out->uid = u->uid;
    pad_copy(out->password, sizeof(out->password), u->password);
    out->priv_limit = u->priv;
    out->enabled = true;
}

static int by_name(void *ctx, const uint8_t *name, size_t len, struct ik_srv_user *out)
{
    (void)ctx;
    for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++)
        if (strlen(users[i].name) == len && memcmp(users[i].name, name, len) == 0) {
            fill_user(&users[i], out);
            return 0;
        }
    return IK_E_NOTFOUND;
}

static int by_role(void *ctx, uint8_t priv, struct ik_srv_user *out)
{
    (void)ctx;
    for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++)
        if (users[i].priv == priv) {
            fill_user(&users[i], out);
            return 0;
        }
    return IK_E_NOTFOUND;
}

static struct slot *find_slot(uint32_t sid)
{
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (g.slots[i].used && g.slots[i].s.id == sid)
            return &g.slots[i];
    return NULL;
}

static struct slot *new_slot(ik_time_us now)
{
    for (int i = 0; i < MAX_SESSIONS; i++) {
        if (g.slots[i].used)
            continue;
        uint32_t id = 0;
        while (id == 0 || find_slot(id)) {
            uint8_t r[4];
            g.cfg.rng.fill(g.cfg.rng.ctx, r, 4);
            id = (uint32_t)r[0] | (uint32_t)r[1] << 8 | (uint32_t)r[2] << 16 | (uint32_t)r[3] << 24;
        }
        g.slots[i].used = 1;
        ik_srv_session_init(&g.slots[i].s, id, now);
        return &g.slots[i];
    }
    return NULL;
}

static void reap(ik_time_us now)
{
    for (int i = 0; i < MAX_SESSIONS; i++) {
        struct slot *sl = &g.slots[i];
        ik_time_us limit = ik_srv_half_open(&sl->s) ? HALF_OPEN_US : IDLE_US;
        if (sl->used && now - sl->s.last_rx > limit) {
            ik_srv_session_close(&sl->s);
            sl->used = 0;
        }
    }
}

static void on_timer(uv_timer_t *t);

/* Tick the engine and arm the timer for what it asks next (at least every second, for
 * session reaping). */
static void rearm(void)
{
    ik_time_us now = now_us();
    ik_time_us next = ik_bmc_tick(g.bmc, now);
    uint64_t ms = 1000;
    if (next && next > now && (next - now) / 1000 < ms)
        ms = (next - now + 999) / 1000;
    else if (next && next <= now)
        ms = 1;
    uv_timer_start(&g.timer, on_timer, ms, 0);
}

static void on_timer(uv_timer_t *t)
{
    (void)t;
    reap(now_us());
    rearm();
}

static void send_to(const struct sockaddr *to, const uint8_t *buf, size_t len)
{
    uv_buf_t b = uv_buf_init((char *)buf, (unsigned)len);
    uv_udp_try_send(&g.udp, &b, 1, to);
}

static void deliver(struct slot *sl, const struct ik_srv_out *out, const struct sockaddr *from)
{
    struct ik_bmc_ctx ctx = {
        .channel = g.cfg.channel,
        .priv = sl->s.priv,
        .user_id = sl->s.uid,
        .session_id = sl->s.id,
        .rq_addr = out->req.src_addr,
        .rq_lun = out->req.src_lun,
    };
    struct ik_bmc_req req = {.netfn = out->req.netfn,
                             .lun = out->req.dst_lun,
                             .cmd = out->req.cmd,
                             .data = out->req.data,
                             .len = out->req.data_len};
    struct ik_bmc_rsp rsp;
    ik_bmc_dispatch(g.bmc, now_us(), &ctx, &req, &rsp);
    uint8_t data[1 + IK_BMC_MAX_RSP], msg[IK_BMC_MAX_RSP + 16], tx[IK_RP_MAX_DGRAM];
    data[0] = rsp.cc;
    memcpy(data + 1, rsp.data, rsp.len);
    struct ik_ipmimsg r;
    ik_ipmimsg_response_hdr(&out->req, &r);
    r.data = data;
    r.data_len = 1 + rsp.len;
    size_t ml = 0, tl = 0;
    if (ik_ipmimsg_encode(&r, msg, sizeof(msg), &ml) == 0 &&
        ik_srv_wrap(&sl->s, &g.cfg, msg, ml, tx, sizeof(tx), &tl) == 0)
        send_to(from, tx, tl);
    rearm();
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    static char rx[2048];
    (void)h;
    (void)suggested;
    *buf = uv_buf_init(rx, sizeof(rx));
}

static void on_recv(uv_udp_t *u, ssize_t n, const uv_buf_t *buf, const struct sockaddr *from,
                    unsigned flags)
{
    (void)u;
    (void)flags;
    if (n <= 0 || !from)
        return;
    const uint8_t *rx = (const uint8_t *)buf->base;
    uint8_t tx[IK_RP_MAX_DGRAM];
    ik_time_us now = now_us();
    struct ik_srv_route route;
    struct ik_srv_out out;
    struct slot *sl = NULL;
    ik_srv_classify(rx, (size_t)n, &route);
    switch (route.kind) {
    case IK_SRV_ROUTE_DROP:
        return;
    case IK_SRV_ROUTE_SESSIONLESS:
        if (ik_srv_sessionless(&g.cfg, rx, (size_t)n, tx, sizeof(tx), &out))
            return;
        break;
    case IK_SRV_ROUTE_NEW_SESSION:
        if (!(sl = new_slot(now)) ||
            ik_srv_rx(&sl->s, &g.cfg, now, rx, (size_t)n, tx, sizeof(tx), &out))
            return;
        break;
    case IK_SRV_ROUTE_SESSION:
        if (!(sl = find_slot(route.sid)) ||
            ik_srv_rx(&sl->s, &g.cfg, now, rx, (size_t)n, tx, sizeof(tx), &out))
            return;
        break;
    }
    if (out.act == IK_SRV_DELIVER && sl)
        deliver(sl, &out, from);
    else if (out.act == IK_SRV_REPLY)
        send_to(from, tx, out.tx_len);
    if (sl && out.closed) {
        ik_srv_session_close(&sl->s);
        sl->used = 0;
    }
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

static void on_signal(uv_signal_t *s, int sig)
{
    (void)sig;
    (void)s;
    uv_stop(g.loop);
}

static int load_machine(const char *path)
{
    if (!path) {
        char err[1024];
        if (ik_default_machine(&g.m, err, sizeof(err))) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        return 0;
    }
    struct ik_desc d;
    ik_machine_defaults(&g.m);
    int rc = ik_desc_load_file(&d, path);
    if (rc == 0) {
        yaml_node_t *root = ik_desc_root(&d);
        yaml_node_t *mn = ik_desc_get(&d, root, "machine");
        if (!mn)
            rc = ik_desc_fail(&d, root, "machine", "missing (the description's top key)");
        else
            rc = ik_desc_parse_machine(&d, mn, "machine", &g.m);
    }
    if (rc)
        fprintf(stderr, "%s\n", d.err);
    ik_desc_free(&d);
    return rc ? 1 : 0;
}

static int rng_fill(void *ctx, uint8_t *out, size_t n)
{
    return ik_rng_system.fill(ctx, out, n);
}

int main(int argc, char **argv)
{
    int port = 0, full = 0;
    const char *machine = NULL, *state = ".", *name = "node1";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-p") && v)
            port = atoi(argv[++i]);
        else if (!strcmp(a, "-m") && v)
            machine = argv[++i];
        else if (!strcmp(a, "-s") && v)
            state = argv[++i];
        else if (!strcmp(a, "-n") && v)
            name = argv[++i];
        else if (!strcmp(a, "--full"))
            full = 1;
        else {
            fprintf(stderr, "usage: %s -p PORT [-m MACHINE.yaml] [-s STATE_DIR] [-n NAME]\n",
                    argv[0]);
            return 2;
        }
    }
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "platform_bmcd: -p PORT is required\n");
        return 2;
    }
    setvbuf(stderr, NULL, _IOLBF, 0);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (load_machine(machine))
        return 1;
    char err[512];
    g.store =
        ik_store_open(state, full ? IK_STORE_SYNC_FULL : IK_STORE_SYNC_NORMAL, err, sizeof(err));
    if (!g.store) {
        fprintf(stderr, "platform_bmcd: %s\n", err);
        return 1;
    }
    g.loop = uv_default_loop();
    g.hooks = ik_hooks_new(g.loop, name, &g.m, log_line, NULL);
    struct ik_bmc_config cfg = {
        .name = name,
        .id = g.m.id,
        .machine = &g.m,
        .log = log_line,
        .unix_at_start = (int64_t)time(NULL),
        .mono_at_start = now_us(),
        .random = rng_fill,
        .random_ctx = ik_rng_system.ctx,
        .power_hook = ik_hooks_power,
        .power_hook_ctx = g.hooks,
    };
    if (ik_store_bind(g.store, name, &cfg.store) || !(g.bmc = ik_bmc_new(&cfg)) ||
        ik_bmc_load(g.bmc)) {
        fprintf(stderr, "platform_bmcd: the engine did not start\n");
        return 1;
    }

    g.cfg.channel = IK_CHAN_LAN;
    memcpy(g.cfg.guid, g.m.id.system_guid, 16);
    g.cfg.chan_priv_limit = IK_PRIV_ADMIN;
    for (int s = 0; s < IK_CIPHER_COUNT; s++)
        g.cfg.suite_priv[s] = IK_PRIV_ADMIN;
    g.cfg.auth15 = IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD;
    g.cfg.v20 = true;
    g.cfg.users = (struct ik_srv_users){by_name, by_role, NULL};
    g.cfg.rng = ik_rng_system;

    struct sockaddr_in sa;
    uv_ip4_addr("127.0.0.1", port, &sa);
    uv_udp_init(g.loop, &g.udp);
    if (uv_udp_bind(&g.udp, (const struct sockaddr *)&sa, 0) != 0) {
        fprintf(stderr, "platform_bmcd: cannot bind 127.0.0.1:%d\n", port);
        return 1;
    }
    uv_udp_recv_start(&g.udp, on_alloc, on_recv);
    uv_timer_init(g.loop, &g.timer);
    uv_signal_init(g.loop, &g.sigterm);
    uv_signal_init(g.loop, &g.sigint);
    uv_signal_start(&g.sigterm, on_signal, SIGTERM);
    uv_signal_start(&g.sigint, on_signal, SIGINT);
    rearm();
    printf("platform_bmcd: listening on 127.0.0.1:%d\n", port);
    uv_run(g.loop, UV_RUN_DEFAULT);

    ik_hooks_close(g.hooks);
    uv_close((uv_handle_t *)&g.udp, NULL);
    uv_close((uv_handle_t *)&g.timer, NULL);
    uv_close((uv_handle_t *)&g.sigterm, NULL);
    uv_close((uv_handle_t *)&g.sigint, NULL);
    uv_run(g.loop, UV_RUN_DEFAULT);
    ik_bmc_free(g.bmc);
    ik_store_close(g.store);
    ik_machine_free(&g.m);
    return 0;
}
