/*
 * Test fixture for the LAN front: one engine (bmc/engine.h) on an in-memory store, a
 * virtual clock and a deterministic random source, driven by whole datagrams through
 * ik_bmc_lan_rx(), and lib's console machine (session_client.h) to log in with. Header
 * only: every function is static, include it from one test file.
 *
 *   struct lanfix f;
 *   lanfix_init(&f, tweak);              tweak(m) may change the machine description
 *   lanfix_login(&f, &c, &cfg)           0, or the console's failure (c.reason)
 *   lanfix_request(&f, &c, netfn, cmd, data, len)   -> the response (data[0] = CC)
 *   lanfix_send(&f, dgram, len)          raw datagram; the reply is f.out[0..f.outlen)
 *   lanfix_restart(&f)                   a new engine on the same store (a restart)
 *   lanfix_fini(&f)
 */
#ifndef IK_TEST_LANFIX_H
#define IK_TEST_LANFIX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "lan.h"
#include "session_client.h"

struct lanfix {
    struct ik_machine m;
    struct ik_bmc_memstore *mem;
    struct ik_bmc *bmc;
    ik_time_us now;
    uint64_t rng;
    struct ik_lan_peer peer;
    uint8_t out[IK_RP_MAX_DGRAM];
    size_t outlen;
    unsigned nlog;
    char lastlog[512];
    char logs[64][256]; /* the last 64 lines, ring */
};

static inline int lanfix_random(void *ctx, uint8_t *out, size_t n)
{
    struct lanfix *f = ctx;
    for (size_t i = 0; i < n; i++) {
        /* xorshift64: deterministic, and distinct enough for session IDs. */
        f->rng ^= f->rng << 13;
        f->rng ^= f->rng >> 7;
        f->rng ^= f->rng << 17;
        out[i] = (uint8_t)(f->rng >> 24);
    }
    return 0;
}

static inline int lanfix_console_random(void *ctx, uint8_t *out, size_t n)
{
    static uint8_t ctr;
    (void)ctx;
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)(ctr++ * 29 + 7);
    return 0;
}

static inline void lanfix_log(void *ctx, const char *line)
{
    struct lanfix *f = ctx;
    snprintf(f->lastlog, sizeof(f->lastlog), "%s", line);
    snprintf(f->logs[f->nlog % 64], sizeof(f->logs[0]), "%s", line);
    f->nlog++;
}

/* Whether a log line among the last 64 contains needle. */
static inline int lanfix_logged(const struct lanfix *f, const char *needle)
{
    unsigned n = f->nlog < 64 ? f->nlog : 64;
    for (unsigned i = 0; i < n; i++)
        if (strstr(f->logs[i], needle))
            return 1;
    return 0;
}

static inline void lanfix_start_bmc(struct lanfix *f)
{
    struct ik_bmc_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.name = "t";
    cfg.id = f->m.id;
    cfg.machine = &f->m;
    cfg.store = ik_bmc_memstore_ops(f->mem);
    cfg.log = lanfix_log;
    cfg.log_ctx = f;
    cfg.unix_at_start = 1700000000;
    cfg.mono_at_start = f->now;
    cfg.random = lanfix_random;
    cfg.random_ctx = f;
    f->bmc = ik_bmc_new(&cfg);
    if (!f->bmc) {
        fprintf(stderr, "lanfix: ik_bmc_new failed\n");
        abort();
    }
    static const uint8_t lo[4] = {127, 0, 0, 1};
    ik_bmc_lan_set_address(f->bmc, lo, 623);
    if (ik_bmc_load(f->bmc) != 0) {
        fprintf(stderr, "lanfix: ik_bmc_load failed\n");
        abort();
    }
}

static inline void lanfix_init(struct lanfix *f, void (*tweak)(struct ik_machine *m))
{
    memset(f, 0, sizeof(*f));
    ik_machine_defaults(&f->m);
    static const uint8_t guid[16] = {0xa1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
                                     0xa1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    memcpy(f->m.id.system_guid, guid, 16);
    if (tweak)
        tweak(&f->m);
    f->mem = ik_bmc_memstore_new();
    f->now = 1000 * IK_US_PER_S;
    f->rng = 0x9E3779B97F4A7C15ull;
    f->peer = (struct ik_lan_peer){{127, 0, 0, 1}, 40000};
    lanfix_start_bmc(f);
}

static inline void lanfix_restart(struct lanfix *f)
{
    ik_bmc_free(f->bmc);
    lanfix_start_bmc(f);
}

static inline void lanfix_fini(struct lanfix *f)
{
    ik_bmc_free(f->bmc);
    ik_bmc_memstore_free(f->mem);
    ik_machine_free(&f->m);
}

/* One datagram into the BMC; returns the reply length (also in f->outlen). */
static inline size_t lanfix_send(struct lanfix *f, const uint8_t *dgram, size_t len)
{
    f->outlen = 0;
    if (ik_bmc_lan_rx(f->bmc, f->now, &f->peer, dgram, len, f->out, sizeof(f->out), &f->outlen) !=
        0) {
        fprintf(stderr, "lanfix: ik_bmc_lan_rx refused the call\n");
        abort();
    }
    return f->outlen;
}

/* Move the clock and run the engine's timers. */
static inline void lanfix_advance(struct lanfix *f, ik_time_us us)
{
    f->now += us;
    ik_bmc_tick(f->bmc, f->now);
}

/* Drive a console step until DONE / FAIL; every datagram goes through the BMC. */
static inline int lanfix_run(struct lanfix *f, struct ik_lanc *c, struct ik_sm_step *st)
{
    for (int guard = 0; guard < 200; guard++) {
        if (st->act == IK_SM_DONE)
            return 0;
        if (st->act == IK_SM_FAIL)
            return st->err ? st->err : -1;
        if (st->act == IK_SM_SEND) {
            if (lanfix_send(f, st->tx, st->tx_len)) {
                if (ik_lanc_rx(c, f->now, f->out, f->outlen, st))
                    return -1;
                continue;
            }
        }
        /* No answer: time passes to the console's deadline. */
        if (st->deadline > f->now)
            lanfix_advance(f, st->deadline - f->now);
        if (ik_lanc_timer(c, f->now, st))
            return -1;
    }
    return -1;
}

static inline void lanfix_console(struct ik_lanc_config *cfg, const char *user, const char *pw)
{
    ik_lanc_config_defaults(cfg);
    cfg->user_len = (uint8_t)strlen(user);
    memcpy(cfg->user, user, cfg->user_len);
    memset(cfg->password, 0, sizeof(cfg->password));
    memcpy(cfg->password, pw, strlen(pw));
    cfg->rng = (struct ik_rng){lanfix_console_random, NULL};
}

static inline int lanfix_login(struct lanfix *f, struct ik_lanc *c,
                               const struct ik_lanc_config *cfg)
{
    struct ik_sm_step st;
    if (ik_lanc_start(c, cfg, f->now, &st))
        return -1;
    return lanfix_run(f, c, &st);
}

/* One request in the session; returns the response message (data[0] = CC) or NULL. */
static inline const struct ik_ipmimsg *lanfix_request(struct lanfix *f, struct ik_lanc *c,
                                                      uint8_t netfn, uint8_t cmd,
                                                      const uint8_t *data, size_t len)
{
    struct ik_sm_step st;
    if (ik_lanc_request(c, f->now, netfn, cmd, data, len, &st) || lanfix_run(f, c, &st))
        return NULL;
    return ik_lanc_response(c);
}

static inline int lanfix_close(struct lanfix *f, struct ik_lanc *c)
{
    struct ik_sm_step st;
    if (ik_lanc_close(c, f->now, &st))
        return -1;
    return lanfix_run(f, c, &st);
}

/* A direct engine request at a privilege (no session), e.g. from the system interface. */
static inline struct ik_bmc_rsp lanfix_dispatch(struct lanfix *f, uint8_t channel, uint8_t priv,
                                                uint8_t netfn, uint8_t cmd, const uint8_t *data,
                                                size_t len)
{
    struct ik_bmc_ctx ctx = {.channel = channel, .priv = priv, .rq_addr = 0x81};
    struct ik_bmc_req req = {.netfn = netfn, .cmd = cmd, .data = data, .len = len};
    struct ik_bmc_rsp rsp;
    memset(&rsp, 0xEE, sizeof(rsp));
    ik_bmc_dispatch(f->bmc, f->now, &ctx, &req, &rsp);
    return rsp;
}

#endif
