/*
 * Durable SEL adds through the engine and bmcd's SQLite store: Add SEL Entry dispatched
 * N times into one BMC, each acknowledged only after its commit, the way bmcd serves
 * `ipmitool sel add`. Reports adds per second overall and for each tenth of the run, so a
 * cost that grows with the log shows up as falling rates.
 *
 *   bench_sel_store [-n N] [-d DIR] [--full]
 *     -n N     adds (default 20000; at most 65534, the SEL capacity used)
 *     -d DIR   state directory (default: a fresh one under /tmp, removed afterwards)
 *     --full   synchronous=FULL (an fsync per commit) instead of NORMAL
 *
 * Output: one line per tenth, then a summary line
 *   adds=N seconds=S adds_per_s=R first_tenth_per_s=A last_tenth_per_s=B sync=normal
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bmc_int.h"
#include "store.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
    fprintf(stderr, "usage: bench_sel_store [-n N] [-d DIR] [--full]\n");
    return 2;
}

int main(int argc, char **argv)
{
    long n = 20000;
    const char *dir = NULL;
    enum ik_store_sync sync = IK_STORE_SYNC_NORMAL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            n = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--full") == 0)
            sync = IK_STORE_SYNC_FULL;
        else
            return usage();
    }
    if (n < 10 || n > IK_SEL_CAPACITY_MAX)
        return usage();
    char tmp[] = "/tmp/bench_sel_store.XXXXXX";
    if (!dir) {
        dir = mkdtemp(tmp);
        if (!dir) {
            perror("mkdtemp");
            return 1;
        }
    }
    char err[512];
    struct ik_store *st = ik_store_open(dir, sync, err, sizeof(err));
    if (!st) {
        fprintf(stderr, "store: %s\n", err);
        return 1;
    }
    struct ik_machine m;
    ik_machine_defaults(&m);
    m.platform.sel.capacity = IK_SEL_CAPACITY_MAX;
    m.platform.sel.almost_full_pct = 0;
    struct ik_bmc_config cfg = {
        .name = "bench", .id = m.id, .machine = &m, .unix_at_start = 1700000000};
    if (ik_store_bind(st, "bench", &cfg.store)) {
        fprintf(stderr, "bind failed\n");
        return 1;
    }
    struct ik_bmc *bmc = ik_bmc_new(&cfg);
    if (!bmc || ik_bmc_load(bmc)) {
        fprintf(stderr, "engine failed\n");
        return 1;
    }
    uint8_t rec[16] = {0, 0, 0x02, 0, 0, 0, 0, 0x41, 0, 0x04, 0x01, 0x30, 0x01, 0x57, 80, 80};
    struct ik_bmc_ctx ctx = {.channel = IK_CHAN_LAN, .priv = IK_PRIV_ADMIN, .rq_addr = 0x81};
    struct ik_bmc_req req = {.netfn = 0x0A, .cmd = 0x44, .data = rec, .len = 16};
    struct ik_bmc_rsp rsp;
    long tenth = n / 10;
    double t0 = now_s(), t_last = t0, first = 0, last = 0;
    for (long i = 0; i < n; i++) {
        rec[11] = (uint8_t)i;
        ik_bmc_dispatch(bmc, (ik_time_us)i, &ctx, &req, &rsp);
        if (rsp.cc != 0) {
            fprintf(stderr, "add %ld: completion code %02Xh\n", i, rsp.cc);
            return 1;
        }
        if ((i + 1) % tenth == 0) {
            double t = now_s();
            double rate = (double)tenth / (t - t_last);
            printf("entries=%ld..%ld adds_per_s=%.0f\n", i + 1 - tenth, i + 1, rate);
            if (!first)
                first = rate;
            last = rate;
            t_last = t;
        }
    }
    double secs = now_s() - t0;
    printf("adds=%ld seconds=%.3f adds_per_s=%.0f first_tenth_per_s=%.0f last_tenth_per_s=%.0f "
           "commits=%llu sync=%s\n",
           n, secs, (double)n / secs, first, last, (unsigned long long)ik_store_commits(st),
           sync == IK_STORE_SYNC_FULL ? "full" : "normal");
    ik_bmc_free(bmc);
    ik_store_close(st);
    ik_machine_free(&m);
    if (dir == tmp) {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmp);
    }
    return 0;
}
