/*
 * libFuzzer: responses into the console-side session machine. At start-up deterministic
 * handshakes (RMCP+ suites 3/17/12, automatic choice, 1.5 MD5 / straight password)
 * capture the console in every state it waits in; the first input byte picks one, the
 * rest is a datagram "from the BMC". The machine must answer with a sane step: never
 * a send larger than its buffer, never DONE out of a waiting state on garbage it did not
 * authenticate (checked loosely: FAIL and WAIT are always fine).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_session_world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_SNAP 48
static struct ik_srv_config cfg;
static struct ik_lanc snaps[MAX_SNAP];
static int n_snap;

static void hook(const struct ik_lanc *c, const struct ik_srv_session *s, const uint8_t *dg,
                 size_t len, int from_client)
{
    (void)s;
    if (from_client || n_snap >= MAX_SNAP)
        return;
    /* The console as it waits for this reply, and the reply as a seed. */
    uint8_t sel = (uint8_t)n_snap;
    snaps[n_snap++] = *c;
    fw_write_seed(&sel, 1, dg, len);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fw_config(&cfg);
    fw_run(&cfg, false, 0, 3, hook);
    fw_run(&cfg, false, 0, 17, hook);
    fw_run(&cfg, false, 0, 12, hook);
    fw_run(&cfg, false, 0, IK_LANC_SUITE_AUTO, hook);
    fw_run(&cfg, true, IK_AUTH_MD5, IK_LANC_SUITE_AUTO, hook);
    fw_run(&cfg, true, IK_AUTH_PASSWORD, IK_LANC_SUITE_AUTO, hook);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ik_lanc c;
    struct ik_sm_step st;
    if (size < 1 || n_snap == 0)
        return 0;
    c = snaps[data[0] % n_snap];
    if (ik_lanc_rx(&c, 2000000, data + 1, size - 1, &st))
        __builtin_trap();
    if (st.act == IK_SM_SEND && (st.tx_len > sizeof(c.tx) || st.tx != c.tx))
        __builtin_trap();
    if (st.act == IK_SM_FAIL && (!st.reason || !st.reason[0]))
        __builtin_trap();
    /* A timer event afterwards must also behave. */
    if (st.act == IK_SM_SEND || st.act == IK_SM_WAIT)
        (void)ik_lanc_timer(&c, st.deadline, &st);
    return 0;
}
