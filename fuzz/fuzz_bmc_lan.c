/*
 * libFuzzer: whole datagrams into a virtual BMC's LAN front (bmc/lan.h), engine and
 * command handlers included. Each input gets a fresh BMC (in-memory store, virtual clock,
 * deterministic randomness) and, by its first byte, a session opened by lib's console
 * machine: none, RMCP+ suite 3, 17 or 1 (no integrity), or IPMI 1.5 MD5. The rest is a
 * list of chunks, each [kind][len][len bytes]:
 *   kind % 4 == 0  a raw datagram
 *   kind % 4 == 1  an IPMI request (netfn, cmd, data...) sealed into the open session, so
 *                  the command handlers see authenticated, privileged input
 *   kind % 4 == 2  the clock moves len x 250 ms (timeouts, lockouts, reaping)
 *   kind % 4 == 3  the console's last datagram again (replay), then with byte
 *                  data[0] % its length flipped by data[1]
 * Invariants: ik_bmc_lan_rx never fails on input, every reply fits the buffer, and the BMC
 * still answers an ASF ping at the end.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "lan.h"
#include "rmcp.h"
#include "session_client.h"
#include "session15.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t rng_state;

static int det_random(void *ctx, uint8_t *out, size_t n)
{
    (void)ctx;
    for (size_t i = 0; i < n; i++) {
        rng_state = rng_state * 1103515245u + 12345u;
        out[i] = (uint8_t)(rng_state >> 16);
    }
    return 0;
}

static int console_random(void *ctx, uint8_t *out, size_t n)
{
    return det_random(ctx, out, n);
}

struct world {
    struct ik_bmc *bmc;
    ik_time_us now;
    struct ik_lan_peer peer;
    uint8_t out[IK_RP_MAX_DGRAM];
    size_t outlen;
    uint8_t last[IK_RP_MAX_DGRAM];
    size_t last_len;
};

static size_t send_dgram(struct world *w, const uint8_t *dg, size_t len)
{
    w->outlen = 0;
    if (ik_bmc_lan_rx(w->bmc, w->now, &w->peer, dg, len, w->out, sizeof(w->out), &w->outlen) ||
        w->outlen > sizeof(w->out))
        __builtin_trap();
    return w->outlen;
}

/* Run a console step to its end, every datagram through the BMC. */
static void run(struct world *w, struct ik_lanc *c, struct ik_sm_step *st)
{
    for (int guard = 0; guard < 40; guard++) {
        if (st->act == IK_SM_DONE || st->act == IK_SM_FAIL)
            return;
        if (st->act == IK_SM_SEND) {
            memcpy(w->last, st->tx, st->tx_len);
            w->last_len = st->tx_len;
            if (send_dgram(w, st->tx, st->tx_len)) {
                if (ik_lanc_rx(c, w->now, w->out, w->outlen, st))
                    return;
                continue;
            }
        }
        if (st->deadline > w->now)
            w->now = st->deadline;
        ik_bmc_tick(w->bmc, w->now);
        if (ik_lanc_timer(c, w->now, st))
            return;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ik_machine m;
    static int init;
    static struct ik_lanc c;
    if (!init) {
        ik_machine_defaults(&m);
        init = 1;
    }
    if (size < 1)
        return 0;
    rng_state = 1;
    struct ik_bmc_memstore *mem = ik_bmc_memstore_new();
    struct ik_bmc_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.name = "fuzz";
    cfg.id = m.id;
    cfg.machine = &m;
    cfg.store = ik_bmc_memstore_ops(mem);
    cfg.random = det_random;
    struct world w;
    memset(&w, 0, sizeof(w));
    w.now = 1000 * IK_US_PER_S;
    w.peer = (struct ik_lan_peer){{127, 0, 0, 1}, 623};
    cfg.mono_at_start = w.now;
    w.bmc = ik_bmc_new(&cfg);
    if (!w.bmc || ik_bmc_load(w.bmc))
        __builtin_trap();

    /* The session the input starts with. */
    struct ik_lanc_config cc;
    struct ik_sm_step st;
    bool have = false;
    ik_lanc_config_defaults(&cc);
    memcpy(cc.user, "admin", 5);
    cc.user_len = 5;
    memcpy(cc.password, "password", 8);
    cc.rng = (struct ik_rng){console_random, NULL};
    switch (data[0] % 5) {
    case 1:
        cc.suite = 3;
        break;
    case 2:
        cc.suite = 17;
        break;
    case 3:
        cc.v15 = true;
        cc.auth15 = IK_AUTH_MD5;
        break;
    case 4:
        cc.suite = 1;
        break;
    }
    if (data[0] % 5 && ik_lanc_start(&c, &cc, w.now, &st) == 0) {
        run(&w, &c, &st);
        have = st.act == IK_SM_DONE;
    }

    size_t off = 1;
    while (off + 2 <= size) {
        uint8_t kind = data[off], len = data[off + 1];
        off += 2;
        if (len > size - off)
            len = (uint8_t)(size - off);
        const uint8_t *p = data + off;
        off += len;
        switch (kind % 4) {
        case 0:
            send_dgram(&w, p, len);
            break;
        case 1:
            if (have && len >= 2 && c.state == IK_LANC_READY &&
                ik_lanc_request(&c, w.now, (uint8_t)(p[0] & 0x3E), p[1], p + 2, len - 2u, &st) == 0)
                run(&w, &c, &st);
            break;
        case 2:
            w.now += (ik_time_us)len * 250 * IK_US_PER_MS;
            ik_bmc_tick(w.bmc, w.now);
            break;
        case 3:
            if (w.last_len) {
                uint8_t dg[IK_RP_MAX_DGRAM];
                memcpy(dg, w.last, w.last_len);
                send_dgram(&w, dg, w.last_len);
                if (len >= 2) {
                    dg[p[0] % w.last_len] ^= p[1];
                    send_dgram(&w, dg, w.last_len);
                }
            }
            break;
        }
    }

    uint8_t ping[16];
    size_t n;
    if (ik_asf_ping_encode(1, ping, sizeof(ping), &n) || !send_dgram(&w, ping, n))
        __builtin_trap();
    ik_lanc_wipe(&c);
    ik_bmc_free(w.bmc);
    ik_bmc_memstore_free(mem);
    return 0;
}
