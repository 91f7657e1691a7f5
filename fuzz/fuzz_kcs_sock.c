/*
 * libFuzzer harness for bmcd's KCS socket protocol (bmcd/kcs_sock.c's struct ik_kcs_port):
 * the bytes two hosts write on their connections, as bmcd's socket layer would hand them
 * over, into a fresh BMC (a small machine with an answering, a silent and a delayed
 * satellite) per input. The input is a sequence of records:
 *
 *   ctl (1)   [7] host (0: the first, 1: the second), [6:5] what:
 *             00  the next (ctl & 1Fh) + 1 input bytes arrive on the host's connection
 *             01  (ctl & 1Fh) x 10 ms pass; the engine ticks
 *             10  the host disconnects (and comes back with an empty buffer)
 *             11  the next (ctl & 1Fh) + 1 bytes arrive, then the host waits for no reply
 *
 * Frames are cut as bmcd cuts them; a frame the port holds (another host mid-transaction)
 * stays buffered; a protocol error drops the host. Checked after every operation: the reply
 * is one well-formed frame with a known status, the holder is a connected host or nobody,
 * and the BMC machine's buffers are in bounds. At the end both hosts leave and the pair
 * must be free.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "desc.h"
#include "engine.h"
#include "ipmikit/error.h"
#include "kcs_sock.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ik_machine machine;
static int machine_ready;

static const char yaml[] =
    "machine:\n"
    "  sensors:\n"
    "    - {name: T1, number: 1, type: temperature, unit: degrees C, range: [0, 255],\n"
    "       resolution: 1, thresholds: {unc: 60}, hysteresis: 2,\n"
    "       model: {kind: ramp, from: 40, to: 90, period: 2, mode: bounce}}\n"
    "    - {name: WD, number: 7, type: watchdog2}\n"
    "  satellites: [{name: S, address: 0x72}, {name: Q, address: 0x74, silent: true},\n"
    "               {name: L, address: 0x76, channel: 2}]\n";

#define HOST_BUF 256

struct host {
    uint32_t id;
    uint8_t buf[HOST_BUF];
    size_t len;
};

static void check_reply(const uint8_t *out, size_t outlen)
{
    if (outlen < 2 || outlen != 2u + out[1] || out[1] > IK_KCS_SOCK_MAX_PAYLOAD ||
        out[0] > IK_KCS_SOCK_NO_SATELLITE)
        abort();
}

static void check_port(const struct ik_kcs_port *p, const struct host *h)
{
    uint32_t held = ik_kcs_port_held(p);
    if (held && held != h[0].id && held != h[1].id)
        abort();
    if (p->kcs.req_len > IK_KCS_MAX_MSG || p->kcs.rsp_len > IK_KCS_MAX_MSG ||
        p->kcs.rsp_pos > p->kcs.rsp_len + 1)
        abort();
}

static void drop(struct ik_kcs_port *p, struct host *h, uint32_t *next_id)
{
    ik_kcs_port_drop(p, h->id);
    h->len = 0;
    h->id = ++*next_id;
}

/* Carry out the host's whole frames; stop when held or out of bytes. */
static void run(struct ik_kcs_port *p, struct host *h, struct host *both, uint32_t *next_id,
                ik_time_us now)
{
    size_t off = 0;
    for (;;) {
        int fl = ik_kcs_frame_len(h->buf + off, h->len - off);
        if (fl < 0) {
            drop(p, h, next_id);
            return;
        }
        if (fl == 0)
            break;
        uint8_t out[IK_KCS_SOCK_MAX_FRAME];
        size_t outlen = 0;
        int rc = ik_kcs_port_op(p, h->id, now, h->buf + off, (size_t)fl, out, sizeof(out), &outlen);
        check_port(p, both);
        if (rc == IK_E_BUSY)
            break;
        if (rc != 0)
            abort();
        check_reply(out, outlen);
        off += (size_t)fl;
    }
    memmove(h->buf, h->buf + off, h->len - off);
    h->len -= off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!machine_ready) {
        struct ik_desc d;
        ik_log_setup(IK_LOG_ERROR, 2);
        ik_machine_defaults(&machine);
        if (ik_desc_load_text(&d, "fuzz", yaml, sizeof(yaml) - 1) != 0 ||
            ik_desc_parse_machine(&d, ik_desc_get(&d, ik_desc_root(&d), "machine"), "machine",
                                  &machine) != 0)
            abort(); /* the harness's own description must parse */
        ik_desc_free(&d);
        machine_ready = 1;
    }
    struct ik_bmc_memstore *mem = ik_bmc_memstore_new();
    struct ik_bmc_config cfg = {.name = "fuzz", .id = machine.id, .machine = &machine};
    cfg.store = ik_bmc_memstore_ops(mem);
    cfg.mono_at_start = 1000 * IK_US_PER_S;
    struct ik_bmc *bmc = ik_bmc_new(&cfg);
    if (!bmc || ik_bmc_load(bmc) != 0)
        abort();
    ik_bmc_satellite_set(bmc, 2, 0x76, IK_SAT_ANSWER, 700);
    static struct ik_kcs_port port;
    ik_kcs_port_init(&port, bmc, "fuzz", NULL, NULL);
    ik_time_us now = cfg.mono_at_start;
    uint32_t next_id = 2;
    struct host hosts[2] = {{.id = 1}, {.id = 2}};

    size_t i = 0;
    while (i < size) {
        uint8_t ctl = data[i++];
        struct host *h = &hosts[ctl >> 7];
        unsigned what = (ctl >> 5) & 3, n = (ctl & 0x1F) + 1u;
        if (what == 1) {
            now += (ik_time_us)(ctl & 0x1F) * 10 * IK_US_PER_MS;
            ik_bmc_tick(bmc, now);
        } else if (what == 2) {
            drop(&port, h, &next_id);
        } else {
            if (n > size - i)
                n = (unsigned)(size - i);
            if (h->len + n > sizeof(h->buf)) {
                drop(&port, h, &next_id); /* bmcd never buffers more: not reachable there */
                i += n;
                continue;
            }
            memcpy(h->buf + h->len, data + i, n);
            h->len += n;
            i += n;
        }
        /* Both hosts get their turn: a held one may go on once the other is done. */
        run(&port, h, hosts, &next_id, now);
        run(&port, &hosts[h == hosts], hosts, &next_id, now);
    }
    drop(&port, &hosts[0], &next_id);
    drop(&port, &hosts[1], &next_id);
    if (ik_kcs_port_held(&port))
        abort();
    ik_bmc_free(bmc);
    ik_bmc_memstore_free(mem);
    return 0;
}
