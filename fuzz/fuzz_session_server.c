/*
 * libFuzzer: whole datagrams into the BMC-side session machine. The first input byte picks
 * the target: a fresh session (pre-session messages), the sessionless handler, or a copy
 * of a session captured in one of its states (RMCP+ suites 3/17/12 and 1.5 MD5 / straight
 * password, half-open and active) during deterministic handshakes at start-up. The rest
 * of the input is the datagram. Whatever happens, the reply must fit the buffer and a
 * DELIVERed request must be a decoded request.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_session_world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_SNAP 48
static struct ik_srv_config cfg;
static struct ik_srv_session snaps[MAX_SNAP];
static int n_snap;

static void hook(const struct ik_lanc *c, const struct ik_srv_session *s, const uint8_t *dg,
                 size_t len, int from_client)
{
    (void)c;
    if (!from_client)
        return;
    /* Snapshot the server as it is before each client datagram, and seed with it. */
    if (n_snap < MAX_SNAP && s->state != IK_SRV_FREE) {
        uint8_t sel = (uint8_t)(2 + n_snap);
        snaps[n_snap++] = *s;
        fw_write_seed(&sel, 1, dg, len);
    } else {
        uint8_t sel = 0;
        fw_write_seed(&sel, 1, dg, len);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fw_config(&cfg);
    fw_run(&cfg, false, 0, 3, hook);
    fw_run(&cfg, false, 0, 17, hook);
    fw_run(&cfg, false, 0, 12, hook);
    fw_run(&cfg, true, IK_AUTH_MD5, IK_LANC_SUITE_AUTO, hook);
    fw_run(&cfg, true, IK_AUTH_PASSWORD, IK_LANC_SUITE_AUTO, hook);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ik_srv_session s;
    uint8_t tx[IK_RP_MAX_DGRAM];
    struct ik_srv_out out;
    struct ik_srv_route route;
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    const uint8_t *dg = data + 1;
    size_t len = size - 1;
    ik_srv_classify(dg, len, &route);
    if (sel == 0) {
        if (ik_srv_sessionless(&cfg, dg, len, tx, sizeof(tx), &out) == 0 &&
            out.act == IK_SRV_REPLY && out.tx_len > sizeof(tx))
            __builtin_trap();
        return 0;
    }
    if (sel == 1 || n_snap == 0)
        ik_srv_session_init(&s, 0x4242, 1);
    else
        s = snaps[(sel - 2) % n_snap];
    if (ik_srv_rx(&s, &cfg, 2000000, dg, len, tx, sizeof(tx), &out))
        __builtin_trap(); /* only bad calls may fail */
    if (out.act == IK_SRV_REPLY && out.tx_len > sizeof(tx))
        __builtin_trap();
    if (out.act == IK_SRV_DELIVER) {
        if (ik_netfn_is_response(out.req.netfn) || s.state != IK_SRV_ACTIVE)
            __builtin_trap();
        uint8_t msg[8] = {0x81, 0x1c, 0x63, 0x20, 0x04, 0x01, 0x00, 0xdb};
        size_t w;
        (void)ik_srv_wrap(&s, &cfg, msg, sizeof(msg), tx, sizeof(tx), &w);
    }
    return 0;
}
