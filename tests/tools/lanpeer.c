/*
 * lanpeer: a minimal LAN responder around lib/session_server.[ch], for integration tests
 * against stock ipmitool and FreeIPMI. NOT a BMC: it answers the session set-up commands
 * (through the library), Get Device ID and Get System GUID with canned data, and C1h
 * ("invalid command") to anything else. UDP on 127.0.0.1 only.
 *
 *   tool_lanpeer -p PORT [-u NAME -w PASSWORD] [-k KG] [-s SUITES] [-a AUTH15] [-n]
 *     -s  comma list of cipher suites offered (default 1,2,3,6,7,8,11,12,15,16,17)
 *     -a  1.5 auth types: comma list of none,md2,md5,password (default md2,md5,password)
 *     -n  allow null user names
 *     -q  ignore Get Channel Cipher Suites outside a session (as ipmi_sim does)
 *   Users: NAME/PASSWORD (default admin/password) with ADMINISTRATOR, and
 *   "operator"/"oppass" with OPERATOR.
 *
 * Every drop is logged to stderr as "lanpeer: drop reason=NAME sid=HEX"; every session
 * event as "lanpeer: session ...". SIGTERM/SIGINT print the drop counters and exit 0.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "ipmimsg.h"
#include "lanmsg.h"
#include "session_server.h"

#define MAX_SESSIONS 16
#define HALF_OPEN_US (10 * IK_US_PER_S)
#define IDLE_US      (60 * IK_US_PER_S)

struct user {
    const char *name;
    const char *password;
    uint8_t uid, priv;
};

static struct user users[3];
static int n_users;
static volatile sig_atomic_t stop;
static unsigned long drops[IK_SRV_DROP__COUNT];

struct slot {
    bool used;
    struct ik_srv_session s;
    struct sockaddr_in peer;
};
static struct slot slots[MAX_SESSIONS];

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static ik_time_us now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

/* Copy a C string into a zero-padded fixed field (IPMI passwords and keys). */
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
    for (int i = 0; i < n_users; i++)
        if (strlen(users[i].name) == len && memcmp(users[i].name, name, len) == 0) {
            fill_user(&users[i], out);
            return 0;
        }
    return IK_E_NOTFOUND;
}

static int by_role(void *ctx, uint8_t priv, struct ik_srv_user *out)
{
    (void)ctx;
    for (int i = 0; i < n_users; i++)
        if (users[i].priv == priv) {
            fill_user(&users[i], out);
            return 0;
        }
    return IK_E_NOTFOUND;
}

static void log_drop(enum ik_srv_drop d, uint32_t sid)
{
    drops[d]++;
    fprintf(stderr, "lanpeer: drop reason=%s sid=%08x\n", ik_srv_drop_name(d), sid);
}

static struct slot *find_slot(uint32_t sid)
{
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (slots[i].used && slots[i].s.id == sid)
            return &slots[i];
    return NULL;
}

static struct slot *new_slot(const struct ik_srv_config *cfg, ik_time_us now)
{
    for (int i = 0; i < MAX_SESSIONS; i++) {
        if (slots[i].used)
            continue;
        uint32_t id = 0;
        while (id == 0 || find_slot(id)) {
            uint8_t r[4];
            cfg->rng.fill(cfg->rng.ctx, r, 4);
            id = (uint32_t)r[0] | (uint32_t)r[1] << 8 | (uint32_t)r[2] << 16 | (uint32_t)r[3] << 24;
        }
        slots[i].used = true;
        ik_srv_session_init(&slots[i].s, id, now);
        return &slots[i];
    }
    return NULL;
}

static void free_slot(struct slot *sl)
{
    ik_srv_session_close(&sl->s);
    sl->used = false;
}

static void reap(ik_time_us now)
{
    for (int i = 0; i < MAX_SESSIONS; i++) {
        struct slot *sl = &slots[i];
        if (!sl->used)
            continue;
        ik_time_us limit = ik_srv_half_open(&sl->s) ? HALF_OPEN_US : IDLE_US;
        if (now - sl->s.last_rx > limit) {
            fprintf(stderr, "lanpeer: session timeout sid=%08x\n", sl->s.id);
            free_slot(sl);
        }
    }
}

/* The "engine": canned answers for the few commands a test needs. */
static size_t engine(const struct ik_srv_config *cfg, const struct ik_ipmimsg *req, uint8_t *data)
{
    /* Get Device ID (IPMI 2.0 table 20-2): ID 20h, rev 1, fw 9.08, IPMI 2.0, ... */
    static const uint8_t devid[] = {0x00, 0x20, 0x01, 0x09, 0x08, 0x02, 0x9f, 0x91,
                                    0x12, 0x00, 0x02, 0x0f, 0x00, 0x00, 0x00, 0x00};
    if (req->netfn == IK_NETFN_APP && req->cmd == IK_CMD_GET_DEVICE_ID) {
        memcpy(data, devid, sizeof(devid));
        return sizeof(devid);
    }
    if (req->netfn == IK_NETFN_APP && (req->cmd == 0x37 || req->cmd == 0x08)) {
        data[0] = 0; /* Get System GUID / Get Device GUID */
        memcpy(data + 1, cfg->guid, 16);
        return 17;
    }
    data[0] = 0xC1; /* invalid command */
    return 1;
}

static uint8_t parse_auth15(const char *s)
{
    uint8_t m = 0;
    char buf[128];
    snprintf(buf, sizeof(buf), "%s", s);
    for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
        if (!strcmp(t, "none"))
            m |= IK_AUTHCAP_NONE;
        else if (!strcmp(t, "md2"))
            m |= IK_AUTHCAP_MD2;
        else if (!strcmp(t, "md5"))
            m |= IK_AUTHCAP_MD5;
        else if (!strcmp(t, "password"))
            m |= IK_AUTHCAP_PASSWORD;
    }
    return m;
}

int main(int argc, char **argv)
{
    struct ik_srv_config cfg;
    int port = 0, ignore_suites = 0;
    const char *suites = "1,2,3,6,7,8,11,12,15,16,17";
    memset(&cfg, 0, sizeof(cfg));
    users[0] = (struct user){"admin", "password", 2, IK_PRIV_ADMIN};
    users[1] = (struct user){"operator", "oppass", 3, IK_PRIV_OPERATOR};
    n_users = 2;
    cfg.auth15 = IK_AUTHCAP_MD2 | IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-p") && v)
            port = atoi(argv[++i]);
        else if (!strcmp(a, "-u") && v)
            users[0].name = argv[++i];
        else if (!strcmp(a, "-w") && v)
            users[0].password = argv[++i];
        else if (!strcmp(a, "-k") && v) {
            pad_copy(cfg.kg, sizeof(cfg.kg), argv[++i]);
            cfg.kg_set = true;
        } else if (!strcmp(a, "-s") && v)
            suites = argv[++i];
        else if (!strcmp(a, "-a") && v)
            cfg.auth15 = parse_auth15(argv[++i]);
        else if (!strcmp(a, "-q"))
            ignore_suites = 1;
        else if (!strcmp(a, "-n")) {
            cfg.null_users = true;
            users[n_users++] = (struct user){"", "", 1, IK_PRIV_USER};
        } else {
            fprintf(stderr,
                    "usage: %s -p PORT [-u NAME] [-w PASSWORD] [-k KG] [-s SUITES] "
                    "[-a AUTH15] [-n]\n",
                    argv[0]);
            return 2;
        }
    }
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "lanpeer: -p PORT is required\n");
        return 2;
    }
    {
        char buf[128];
        snprintf(buf, sizeof(buf), "%s", suites);
        for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
            int id = atoi(t);
            if (id >= 0 && id < IK_CIPHER_COUNT)
                cfg.suite_priv[id] = IK_PRIV_ADMIN;
        }
    }
    cfg.channel = 1;
    static const uint8_t guid[16] = {0xa1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
                                     0xa1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    memcpy(cfg.guid, guid, 16);
    cfg.chan_priv_limit = IK_PRIV_ADMIN;
    cfg.v20 = true;
    cfg.users = (struct ik_srv_users){by_name, by_role, NULL};
    cfg.rng = ik_rng_system;

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        perror("lanpeer: bind");
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    setvbuf(stderr, NULL, _IOLBF, 0);
    fprintf(stderr, "lanpeer: listening on 127.0.0.1:%d\n", port);

    while (!stop) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int pr = poll(&pfd, 1, 200);
        ik_time_us now = now_us();
        reap(now);
        if (pr <= 0)
            continue;
        uint8_t rx[2048], tx[IK_RP_MAX_DGRAM];
        struct sockaddr_in from;
        socklen_t fl = sizeof(from);
        ssize_t n = recvfrom(fd, rx, sizeof(rx), 0, (struct sockaddr *)&from, &fl);
        if (n < 0)
            continue;
        struct ik_srv_route route;
        struct ik_srv_out out;
        struct slot *sl = NULL;
        ik_srv_classify(rx, (size_t)n, &route);
        switch (route.kind) {
        case IK_SRV_ROUTE_DROP:
            log_drop(route.drop, 0);
            continue;
        case IK_SRV_ROUTE_SESSIONLESS:
            if (ignore_suites && (size_t)n > 20 && rx[4] == 0 && rx[19] == 0x54) {
                fprintf(stderr, "lanpeer: ignoring Get Channel Cipher Suites\n");
                continue;
            }
            if (ik_srv_sessionless(&cfg, rx, (size_t)n, tx, sizeof(tx), &out))
                continue;
            break;
        case IK_SRV_ROUTE_NEW_SESSION:
            sl = new_slot(&cfg, now);
            if (!sl) {
                fprintf(stderr, "lanpeer: session table full\n");
                continue;
            }
            sl->peer = from;
            if (ik_srv_rx(&sl->s, &cfg, now, rx, (size_t)n, tx, sizeof(tx), &out))
                continue;
            break;
        case IK_SRV_ROUTE_SESSION:
            sl = find_slot(route.sid);
            if (!sl) {
                log_drop(IK_SRV_DROP_UNKNOWN_SESSION, route.sid);
                continue;
            }
            if (ik_srv_rx(&sl->s, &cfg, now, rx, (size_t)n, tx, sizeof(tx), &out))
                continue;
            break;
        }
        if (out.act == IK_SRV_DROP) {
            log_drop(out.drop, sl ? sl->s.id : 0);
        } else if (out.act == IK_SRV_DELIVER) {
            uint8_t data[64], msg[96];
            size_t dl = engine(&cfg, &out.req, data), ml = 0, tl = 0;
            struct ik_ipmimsg rsp;
            ik_ipmimsg_response_hdr(&out.req, &rsp);
            rsp.data = data;
            rsp.data_len = dl;
            if (ik_ipmimsg_encode(&rsp, msg, sizeof(msg), &ml) == 0 &&
                ik_srv_wrap(&sl->s, &cfg, msg, ml, tx, sizeof(tx), &tl) == 0)
                sendto(fd, tx, tl, 0, (struct sockaddr *)&from, fl);
        } else {
            if (out.rakp_status)
                fprintf(stderr, "lanpeer: session sid=%08x rakp_status=%02x (%s)\n",
                        sl ? sl->s.id : 0, out.rakp_status, ik_rakp_status_name(out.rakp_status));
            if (sl && sl->s.state == IK_SRV_ACTIVE && route.kind == IK_SRV_ROUTE_SESSION)
                fprintf(stderr, "lanpeer: session sid=%08x reply cc=%02x priv=%u\n", sl->s.id,
                        out.cc, sl->s.priv);
            sendto(fd, tx, out.tx_len, 0, (struct sockaddr *)&from, fl);
        }
        if (sl && out.closed) {
            fprintf(stderr, "lanpeer: session closed sid=%08x\n", sl->s.id);
            free_slot(sl);
        }
    }
    fprintf(stderr, "lanpeer: counters");
    for (int i = 1; i < IK_SRV_DROP__COUNT; i++)
        fprintf(stderr, " %s=%lu", ik_srv_drop_name((enum ik_srv_drop)i), drops[i]);
    fprintf(stderr, "\n");
    return 0;
}
