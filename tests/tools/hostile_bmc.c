/*
 * hostile_bmc: a LAN BMC that lies. Sessions are real (lib's server machine, as in
 * lanpeer.c: RMCP+ and IPMI 1.5, user admin/password); every authenticated request is
 * answered from a recorded table of good responses (what ipmi_sim answered to the same
 * request), then damaged on purpose, to prove the CLI length-checks everything it uses and
 * never crashes (the integration test runs the CLI under ASan + UBSan against it).
 *
 *   tool_hostile_bmc -p PORT -t TABLE [-m MODE] [-s SEED]
 *     TABLE  lines "NETFN CMD REQUEST-HEX | RESPONSE-HEX" (response starts with the CC;
 *            '-' for an empty request), from the CLI's IPMIKIT_TRACE=1 output
 *     MODE   good       answer as recorded
 *            truncate   cut the response short (at least the CC stays)
 *            empty      the CC alone
 *            oversize   append 1-80 random bytes
 *            garbage    random bytes of the recorded length, CC 00h
 *            flip       one random byte of the data changed (counts, lengths, IDs lie)
 *            cc         a random error completion code
 *            mixed      one of the above per response (default)
 *     SEED   PRNG seed (default 1): the same seed lies the same way
 *
 * Requests not in the table get CC C1h. Responses are capped at 255 data bytes + CC.
 */
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
#define MAX_ENTRIES  4096
#define MAX_BYTES    300

struct entry {
    uint8_t netfn, cmd;
    uint8_t req[64];
    size_t req_len;
    uint8_t rsp[MAX_BYTES];
    size_t rsp_len;
};

static struct entry *table;
static size_t n_entries;
static volatile sig_atomic_t stop;
static uint64_t rng_state = 1;

enum mode { M_GOOD, M_TRUNCATE, M_EMPTY, M_OVERSIZE, M_GARBAGE, M_FLIP, M_CC, M_MIXED };
static const char *const mode_names[] = {"good",    "truncate", "empty", "oversize",
                                         "garbage", "flip",     "cc",    "mixed"};

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static uint32_t rnd(void)
{
    /* xorshift64*: deterministic per seed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

static ik_time_us now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

static size_t parse_hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (*s && n < cap) {
        while (*s == ' ' || *s == '\t')
            s++;
        unsigned v;
        int used;
        if (sscanf(s, "%2x%n", &v, &used) != 1)
            break;
        out[n++] = (uint8_t)v;
        s += used;
    }
    return n;
}

static int load_table(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    table = calloc(MAX_ENTRIES, sizeof(*table));
    if (!table) {
        fclose(f);
        return -1;
    }
    char line[2048];
    while (fgets(line, sizeof(line), f) && n_entries < MAX_ENTRIES) {
        char *bar = strchr(line, '|');
        unsigned netfn, cmd;
        int used;
        if (!bar || sscanf(line, "%x %x%n", &netfn, &cmd, &used) != 2)
            continue;
        *bar = '\0';
        struct entry *e = &table[n_entries];
        e->netfn = (uint8_t)netfn;
        e->cmd = (uint8_t)cmd;
        const char *req = line + used;
        while (*req == ' ')
            req++;
        e->req_len = *req == '-' ? 0 : parse_hex(req, e->req, sizeof(e->req));
        e->rsp_len = parse_hex(bar + 1, e->rsp, sizeof(e->rsp));
        if (e->rsp_len >= 1)
            n_entries++;
    }
    fclose(f);
    return 0;
}

static const struct entry *lookup(const struct ik_ipmimsg *req)
{
    const struct entry *by_cmd = NULL;
    for (size_t i = 0; i < n_entries; i++) {
        const struct entry *e = &table[i];
        if (e->netfn != req->netfn || e->cmd != req->cmd)
            continue;
        if (e->req_len == req->data_len &&
            (e->req_len == 0 || memcmp(e->req, req->data, e->req_len) == 0))
            return e;
        if (!by_cmd)
            by_cmd = e;
    }
    return by_cmd;
}

/* The answer to req (CC first) into out; returns its length. */
static size_t engine(enum mode mode, const struct ik_ipmimsg *req, uint8_t *out)
{
    const struct entry *e = lookup(req);
    if (!e) {
        out[0] = 0xC1;
        return 1;
    }
    size_t n = e->rsp_len;
    memcpy(out, e->rsp, n);
    if (mode == M_MIXED)
        mode = (enum mode)(rnd() % M_MIXED);
    switch (mode) {
    case M_GOOD:
    case M_MIXED:
        break;
    case M_TRUNCATE:
        if (n > 1)
            n = 1 + rnd() % (n - 1);
        break;
    case M_EMPTY:
        n = 1;
        break;
    case M_OVERSIZE: {
        size_t extra = 1 + rnd() % 80;
        if (n + extra > 256)
            extra = 256 - n;
        for (size_t i = 0; i < extra; i++)
            out[n + i] = (uint8_t)rnd();
        n += extra;
        break;
    }
    case M_GARBAGE:
        for (size_t i = 1; i < n; i++)
            out[i] = (uint8_t)rnd();
        out[0] = 0;
        break;
    case M_FLIP:
        if (n > 1) {
            size_t at = 1 + rnd() % (n - 1);
            uint32_t r = rnd();
            /* boundary values are the interesting lies: 0, FFh, off by one */
            out[at] = r % 4 == 0   ? 0x00
                      : r % 4 == 1 ? 0xFF
                      : r % 4 == 2 ? (uint8_t)(out[at] + 1)
                                   : (uint8_t)(r >> 8);
        }
        break;
    case M_CC:
        out[0] = (uint8_t)(0xC0 + rnd() % 0x40);
        n = 1 + (rnd() % 2 ? n - 1 : 0);
        break;
    }
    return n;
}

/* ---- sessions (lib's server machine) ------------------------------------------------------ */

struct slot {
    bool used;
    struct ik_srv_session s;
};
static struct slot slots[MAX_SESSIONS];

static int by_name(void *ctx, const uint8_t *name, size_t len, struct ik_srv_user *out)
{
    (void)ctx;
    if (len != 5 || memcmp(name, "admin", 5) != 0)
        return IK_E_NOTFOUND;
    memset(out, 0, sizeof(*out));
    out->uid = 2;
    memcpy(out->password, "password", 8);
    out->priv_limit = IK_PRIV_ADMIN;
    out->enabled = true;
    return 0;
}

static struct slot *find_slot(uint32_t sid)
{
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (slots[i].used && slots[i].s.id == sid)
            return &slots[i];
    return NULL;
}

static struct slot *new_slot(ik_time_us now)
{
    /* oldest-first reuse: a client that never closes cannot lock the table */
    struct slot *pick = NULL;
    for (int i = 0; i < MAX_SESSIONS && !pick; i++)
        if (!slots[i].used)
            pick = &slots[i];
    if (!pick) {
        pick = &slots[0];
        for (int i = 1; i < MAX_SESSIONS; i++)
            if (slots[i].s.last_rx < pick->s.last_rx)
                pick = &slots[i];
        ik_srv_session_close(&pick->s);
    }
    uint32_t id;
    do
        id = rnd() | 1;
    while (find_slot(id));
    pick->used = true;
    ik_srv_session_init(&pick->s, id, now);
    return pick;
}

int main(int argc, char **argv)
{
    int port = 0;
    const char *tpath = NULL;
    enum mode mode = M_MIXED;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-p") && v) {
            port = atoi(argv[++i]);
        } else if (!strcmp(a, "-t") && v) {
            tpath = argv[++i];
        } else if (!strcmp(a, "-s") && v) {
            rng_state = strtoull(argv[++i], NULL, 0) * 0x9E3779B97F4A7C15ull + 1;
        } else if (!strcmp(a, "-m") && v) {
            i++;
            int found = 0;
            for (int m = 0; m <= M_MIXED; m++)
                if (!strcmp(v, mode_names[m])) {
                    mode = (enum mode)m;
                    found = 1;
                }
            if (!found) {
                fprintf(stderr, "hostile_bmc: unknown mode %s\n", v);
                return 2;
            }
        } else {
            fprintf(stderr, "usage: %s -p PORT -t TABLE [-m MODE] [-s SEED]\n", argv[0]);
            return 2;
        }
    }
    if (port <= 0 || !tpath || load_table(tpath) < 0) {
        fprintf(stderr, "hostile_bmc: need -p PORT and a readable -t TABLE\n");
        return 2;
    }
    struct ik_srv_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.channel = 1;
    for (int id = 0; id < IK_CIPHER_COUNT; id++)
        if (ik_cipher_suite_supported((uint8_t)id))
            cfg.suite_priv[id] = IK_PRIV_ADMIN;
    static const uint8_t guid[16] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                                     0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00};
    memcpy(cfg.guid, guid, 16);
    cfg.chan_priv_limit = IK_PRIV_ADMIN;
    cfg.v20 = true;
    cfg.auth15 = IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD;
    cfg.users = (struct ik_srv_users){by_name, NULL, NULL};
    cfg.rng = ik_rng_system;

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        perror("hostile_bmc: bind");
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    fprintf(stderr, "hostile_bmc: %zu recorded answers, mode %s, port %d\n", n_entries,
            mode_names[mode], port);
    unsigned long lies = 0;
    while (!stop) {
        struct pollfd pfd = {fd, POLLIN, 0};
        if (poll(&pfd, 1, 200) <= 0)
            continue;
        uint8_t rx[2048], tx[IK_RP_MAX_DGRAM];
        struct sockaddr_in from;
        socklen_t fl = sizeof(from);
        ssize_t n = recvfrom(fd, rx, sizeof(rx), 0, (struct sockaddr *)&from, &fl);
        if (n < 0)
            continue;
        ik_time_us now = now_us();
        struct ik_srv_route route;
        struct ik_srv_out out;
        struct slot *sl = NULL;
        ik_srv_classify(rx, (size_t)n, &route);
        if (route.kind == IK_SRV_ROUTE_DROP)
            continue;
        if (route.kind == IK_SRV_ROUTE_SESSIONLESS) {
            if (ik_srv_sessionless(&cfg, rx, (size_t)n, tx, sizeof(tx), &out))
                continue;
        } else {
            sl = route.kind == IK_SRV_ROUTE_NEW_SESSION ? new_slot(now) : find_slot(route.sid);
            if (!sl || ik_srv_rx(&sl->s, &cfg, now, rx, (size_t)n, tx, sizeof(tx), &out))
                continue;
        }
        if (out.act == IK_SRV_DELIVER && sl) {
            uint8_t data[MAX_BYTES + 80], msg[MAX_BYTES + 100];
            size_t dl = engine(mode, &out.req, data), ml = 0, tl = 0;
            lies++;
            struct ik_ipmimsg rsp;
            ik_ipmimsg_response_hdr(&out.req, &rsp);
            rsp.data = data;
            rsp.data_len = dl;
            if (ik_ipmimsg_encode(&rsp, msg, sizeof(msg), &ml) == 0 &&
                ik_srv_wrap(&sl->s, &cfg, msg, ml, tx, sizeof(tx), &tl) == 0)
                sendto(fd, tx, tl, 0, (struct sockaddr *)&from, fl);
        } else if (out.act == IK_SRV_REPLY) {
            sendto(fd, tx, out.tx_len, 0, (struct sockaddr *)&from, fl);
        }
        if (sl && out.closed) {
            ik_srv_session_close(&sl->s);
            sl->used = false;
        }
    }
    fprintf(stderr, "hostile_bmc: %lu answers given\n", lies);
    free(table);
    return 0;
}
