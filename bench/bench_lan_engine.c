/*
 * bench_lan_engine: the LAN front's own cost, without sockets: a BMC engine and lib's
 * console machine in one process, timing only the BMC's ik_bmc_lan_rx() calls.
 *
 *   bench_lan_engine [N]    N Get Device ID requests per suite (default 200000) and N/20
 *                           session establishments
 * Output: nanoseconds of BMC time per request for suites 3, 17 and 1.5 MD5, and per
 * session (open + close, suite 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "machine.h"
#include "lan.h"
#include "session_client.h"
#include "session15.h"

static uint64_t rng = 88172645463325252ull;

static int det_random(void *ctx, uint8_t *out, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        out[i] = (uint8_t)rng;
    }
    return 0;
}

static uint64_t ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static struct ik_bmc *bmc;
static uint64_t bmc_ns;
static ik_time_us now = 1000 * IK_US_PER_S;

static int run(struct ik_lanc *c, struct ik_sm_step *st)
{
    static const struct ik_lan_peer peer = {{127, 0, 0, 1}, 40000};
    uint8_t out[IK_RP_MAX_DGRAM];
    for (int guard = 0; guard < 40; guard++) {
        if (st->act == IK_SM_DONE)
            return 0;
        if (st->act != IK_SM_SEND)
            return -1;
        size_t n = 0;
        uint64_t t0 = ns();
        ik_bmc_lan_rx(bmc, now, &peer, st->tx, st->tx_len, out, sizeof(out), &n);
        bmc_ns += ns() - t0;
        if (!n || ik_lanc_rx(c, now, out, n, st))
            return -1;
    }
    return -1;
}

static void cfg_for(struct ik_lanc_config *cfg, int suite)
{
    ik_lanc_config_defaults(cfg);
    memcpy(cfg->user, "admin", 5);
    cfg->user_len = 5;
    memcpy(cfg->password, "password", 8);
    cfg->rng = (struct ik_rng){det_random, NULL};
    if (suite < 0) {
        cfg->v15 = true;
        cfg->auth15 = IK_AUTH_MD5;
    } else {
        cfg->suite = suite;
    }
}

static double per_request(int suite, long n)
{
    static struct ik_lanc c;
    struct ik_lanc_config cfg;
    struct ik_sm_step st;
    cfg_for(&cfg, suite);
    if (ik_lanc_start(&c, &cfg, now, &st) || run(&c, &st))
        return -1;
    bmc_ns = 0;
    for (long i = 0; i < n; i++)
        if (ik_lanc_request(&c, now, 0x06, 0x01, NULL, 0, &st) || run(&c, &st))
            return -1;
    double r = (double)bmc_ns / (double)n;
    if (ik_lanc_close(&c, now, &st) || run(&c, &st))
        return -1;
    return r;
}

static double per_session(long n)
{
    static struct ik_lanc c;
    struct ik_lanc_config cfg;
    struct ik_sm_step st;
    cfg_for(&cfg, 3);
    bmc_ns = 0;
    for (long i = 0; i < n; i++)
        if (ik_lanc_start(&c, &cfg, now, &st) || run(&c, &st) || ik_lanc_close(&c, now, &st) ||
            run(&c, &st))
            return -1;
    return (double)bmc_ns / (double)n;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 200000;
    static struct ik_machine m;
    ik_machine_defaults(&m);
    struct ik_bmc_memstore *mem = ik_bmc_memstore_new();
    struct ik_bmc_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.name = "bench";
    cfg.id = m.id;
    cfg.machine = &m;
    cfg.store = ik_bmc_memstore_ops(mem);
    cfg.random = det_random;
    cfg.mono_at_start = now;
    bmc = ik_bmc_new(&cfg);
    if (!bmc || ik_bmc_load(bmc)) {
        fprintf(stderr, "bench_lan_engine: engine failed\n");
        return 1;
    }
    printf("BMC time per Get Device ID, suite 3:   %.0f ns\n", per_request(3, n));
    printf("BMC time per Get Device ID, suite 17:  %.0f ns\n", per_request(17, n));
    printf("BMC time per Get Device ID, 1.5 MD5:   %.0f ns\n", per_request(-1, n));
    printf("BMC time per session (open+close, 3):  %.0f ns\n", per_session(n / 20 ? n / 20 : 1));
    ik_bmc_free(bmc);
    ik_bmc_memstore_free(mem);
    return 0;
}
