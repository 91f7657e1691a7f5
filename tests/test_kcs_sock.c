/* bmcd's KCS socket protocol without sockets (struct ik_kcs_port): framing, every operation
 * and status code, requests through the register pair to the engine in the system
 * interface's context, SMS_ATN, and the sharing rule between hosts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "kcs_sock.h"

struct env {
    struct bmcfix f;
    struct ik_kcs_port port;
    int afters;
};

static void after(void *ctx, ik_time_us now)
{
    struct env *e = ctx;
    (void)now;
    e->afters++;
}

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof(*e));
    bmcfix_init(&e->f);
    struct ik_machine_platform *p = &e->f.m.platform;
    p->sats = calloc(1, sizeof(*p->sats));
    p->nsats = 1;
    p->sats[0].addr = 0x72;
    assert_int_equal(bmcfix_start(&e->f), 0);
    ik_kcs_port_init(&e->port, e->f.bmc, "node7", after, e);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    bmcfix_fini(&e->f);
    free(e);
    return 0;
}

/* One frame from host `who`; the reply's status, payload in pl (NULL: don't care). Returns
 * -1 when the operation was held (IK_E_BUSY). */
static int op(struct env *e, uint32_t who, uint8_t code, const uint8_t *pl, size_t n, uint8_t *rpl,
              size_t *rn)
{
    uint8_t f[64], out[IK_KCS_SOCK_MAX_FRAME];
    size_t outlen = 0;
    f[0] = code;
    f[1] = (uint8_t)n;
    if (n)
        memcpy(f + 2, pl, n);
    int rc = ik_kcs_port_op(&e->port, who, e->f.now, f, n + 2, out, sizeof(out), &outlen);
    if (rc == IK_E_BUSY)
        return -1;
    assert_int_equal(rc, 0);
    assert_int_equal(outlen, 2 + out[1]);
    if (rpl)
        memcpy(rpl, out + 2, out[1]);
    if (rn)
        *rn = out[1];
    return out[0];
}

static uint8_t reg(struct env *e, uint32_t who, uint8_t code, uint8_t v)
{
    uint8_t r;
    size_t n;
    assert_int_equal(op(e, who, code, &v, 1, &r, &n), IK_KCS_SOCK_OK);
    assert_int_equal(n, 1);
    return r;
}

#define STATUS(e, who) reg((e), (who), IK_KCS_OP_READ_STATUS, 0)
#define STATE(st)      IK_KCS_ST_STATE(st)

/* A whole KCS transaction by hand, as lib's host machine does it; the response bytes. */
static size_t transact(struct env *e, uint32_t who, const uint8_t *req, size_t len, uint8_t *rsp)
{
    assert_int_equal(STATE(STATUS(e, who)), IK_KCS_STATE_IDLE);
    reg(e, who, IK_KCS_OP_WRITE_CMD, IK_KCS_WRITE_START);
    for (size_t i = 0; i + 1 < len; i++) {
        assert_int_equal(STATE(STATUS(e, who)), IK_KCS_STATE_WRITE);
        reg(e, who, IK_KCS_OP_WRITE_DATA, req[i]);
    }
    assert_int_equal(STATE(STATUS(e, who)), IK_KCS_STATE_WRITE);
    reg(e, who, IK_KCS_OP_WRITE_CMD, IK_KCS_WRITE_END);
    assert_int_equal(STATE(STATUS(e, who)), IK_KCS_STATE_WRITE);
    reg(e, who, IK_KCS_OP_WRITE_DATA, req[len - 1]);
    size_t n = 0;
    for (;;) {
        uint8_t st = STATUS(e, who);
        if (STATE(st) == IK_KCS_STATE_IDLE) {
            if (st & IK_KCS_ST_OBF)
                reg(e, who, IK_KCS_OP_READ_DATA, 0); /* the dummy byte */
            return n;
        }
        assert_int_equal(STATE(st), IK_KCS_STATE_READ);
        assert_true(st & IK_KCS_ST_OBF);
        rsp[n++] = reg(e, who, IK_KCS_OP_READ_DATA, 0);
        reg(e, who, IK_KCS_OP_WRITE_DATA, IK_KCS_READ);
    }
}

static void frame_length_needs_two_bytes_and_caps_the_payload(void **state)
{
    (void)state;
    uint8_t b[40] = {0x01, 0x01, 0x00};
    assert_int_equal(ik_kcs_frame_len(b, 0), 0);
    assert_int_equal(ik_kcs_frame_len(b, 1), 0);
    assert_int_equal(ik_kcs_frame_len(b, 2), 0);
    assert_int_equal(ik_kcs_frame_len(b, 3), 3);
    assert_int_equal(ik_kcs_frame_len(b, 40), 3);
    b[1] = 32;
    assert_int_equal(ik_kcs_frame_len(b, 33), 0);
    assert_int_equal(ik_kcs_frame_len(b, 34), 34);
    b[1] = 33;
    assert_int_equal(ik_kcs_frame_len(b, 2), IK_E_PROTOCOL);
    b[1] = 0;
    assert_int_equal(ik_kcs_frame_len(b, 2), 2);
}

static void hello_gives_the_version_and_the_bmc_name(void **state)
{
    struct env *e = *state;
    uint8_t r[32];
    size_t n;
    assert_int_equal(op(e, 1, IK_KCS_SOCK_HELLO, NULL, 0, r, &n), IK_KCS_SOCK_OK);
    assert_int_equal(n, 6);
    assert_int_equal(r[0], IK_KCS_SOCK_VERSION);
    assert_memory_equal(r + 1, "node7", 5);
    assert_int_equal(op(e, 1, IK_KCS_SOCK_HELLO, r, 1, NULL, NULL), IK_KCS_SOCK_BAD_LEN);
}

static void bad_operations_get_their_status_codes(void **state)
{
    struct env *e = *state;
    static const uint8_t two[2] = {0, 0};
    size_t n;
    assert_int_equal(op(e, 1, 0x05, two, 1, NULL, &n), IK_KCS_SOCK_BAD_OP);
    assert_int_equal(n, 0);
    assert_int_equal(op(e, 1, 0xFF, NULL, 0, NULL, NULL), IK_KCS_SOCK_BAD_OP);
    for (uint8_t code = 1; code <= 4; code++) {
        assert_int_equal(op(e, 1, code, NULL, 0, NULL, NULL), IK_KCS_SOCK_BAD_LEN);
        assert_int_equal(op(e, 1, code, two, 2, NULL, NULL), IK_KCS_SOCK_BAD_LEN);
    }
    assert_int_equal(op(e, 1, IK_KCS_SOCK_FAULT, two, 2, NULL, NULL), IK_KCS_SOCK_BAD_LEN);
    uint8_t fault[14] = {7};
    assert_int_equal(op(e, 1, IK_KCS_SOCK_FAULT, fault, 14, NULL, NULL), IK_KCS_SOCK_BAD_VALUE);
    assert_int_equal(op(e, 1, IK_KCS_SOCK_STATS, two, 1, NULL, NULL), IK_KCS_SOCK_BAD_LEN);
    assert_int_equal(op(e, 1, IK_KCS_SOCK_RESET, two, 1, NULL, NULL), IK_KCS_SOCK_BAD_LEN);
    uint8_t sat[7] = {0, 0x72, 2};
    assert_int_equal(op(e, 1, IK_KCS_SOCK_SATELLITE, sat, 7, NULL, NULL), IK_KCS_SOCK_BAD_VALUE);
    assert_int_equal(op(e, 1, IK_KCS_SOCK_SATELLITE, sat, 6, NULL, NULL), IK_KCS_SOCK_BAD_LEN);
    sat[1] = 0x80;
    sat[2] = 1;
    assert_int_equal(op(e, 1, IK_KCS_SOCK_SATELLITE, sat, 7, NULL, NULL), IK_KCS_SOCK_NO_SATELLITE);
    sat[1] = 0x72;
    assert_int_equal(op(e, 1, IK_KCS_SOCK_SATELLITE, sat, 7, NULL, NULL), IK_KCS_SOCK_OK);
    assert_int_equal(e->f.bmc->sats.mode[0], IK_SAT_SILENT);
    /* a frame whose length field disagrees with its size is the caller's bug */
    uint8_t f[4] = {1, 2, 0, 0}, out[IK_KCS_SOCK_MAX_FRAME];
    size_t ol;
    assert_int_equal(ik_kcs_port_op(&e->port, 1, 0, f, 3, out, sizeof(out), &ol), IK_E_INVAL);
}

static void request_reaches_the_engine_as_the_system_interface(void **state)
{
    struct env *e = *state;
    uint8_t rsp[300];
    /* Get Device ID */
    size_t n = transact(e, 1, (const uint8_t[]){0x06 << 2, 0x01}, 2, rsp);
    assert_int_equal(n, 3 + 15);
    assert_int_equal(rsp[0], 0x07 << 2);
    assert_int_equal(rsp[1], 0x01);
    assert_int_equal(rsp[2], 0x00);
    assert_int_equal(e->afters, 1);
    /* Get Channel Info for "this channel" (0Eh) answers for the system interface (0Fh) */
    n = transact(e, 1, (const uint8_t[]){0x06 << 2, 0x42, 0x0E}, 3, rsp);
    assert_int_equal(rsp[2], 0x00);
    assert_int_equal(rsp[3], 0x0F);
    /* an ADMIN command with no session: Set BMC Global Enables */
    n = transact(e, 1, (const uint8_t[]){0x06 << 2, 0x2E, 0x0C}, 3, rsp);
    assert_int_equal(n, 3);
    assert_int_equal(rsp[2], 0x00);
    /* LUN is kept; an unknown command is C1h from the engine */
    n = transact(e, 1, (const uint8_t[]){0x06 << 2 | 2, 0xEE}, 2, rsp);
    assert_int_equal(rsp[0], 0x07 << 2 | 2);
    assert_int_equal(rsp[2], 0xC1);
    /* more than the engine's 255 data bytes: C8h without dispatch */
    uint8_t big[2 + 260] = {0x0A << 2, 0x44};
    n = transact(e, 1, big, sizeof(big), rsp);
    assert_int_equal(n, 3);
    assert_int_equal(rsp[2], 0xC8);
}

static void sms_atn_follows_the_message_flags(void **state)
{
    struct env *e = *state;
    uint8_t rsp[300];
    assert_false(STATUS(e, 1) & IK_KCS_ST_SMS_ATN);
    /* Send Message to the satellite at 72h: its answer waits in the receive queue */
    static const uint8_t send[] = {0x06 << 2, 0x34, 0x40, 0x72, 0x18, 0x76, 0x20, 0x0A, 0x01, 0xD5};
    size_t n = transact(e, 1, send, sizeof(send), rsp);
    assert_int_equal(n, 3);
    assert_int_equal(rsp[2], 0x00);
    assert_true(STATUS(e, 1) & IK_KCS_ST_SMS_ATN);
    n = transact(e, 1, (const uint8_t[]){0x06 << 2, 0x33}, 2, rsp);
    assert_int_equal(rsp[2], 0x00);
    assert_false(STATUS(e, 1) & IK_KCS_ST_SMS_ATN);
}

static void a_host_mid_transaction_holds_the_pair(void **state)
{
    struct env *e = *state;
    uint8_t rsp[300];
    /* host 1 starts; host 2 may not even read the status until host 1 is done */
    assert_int_equal(STATE(STATUS(e, 1)), IK_KCS_STATE_IDLE);
    assert_int_equal(STATE(STATUS(e, 2)), IK_KCS_STATE_IDLE); /* nothing started: fine */
    reg(e, 1, IK_KCS_OP_WRITE_CMD, IK_KCS_WRITE_START);
    assert_int_equal(ik_kcs_port_held(&e->port), 1);
    uint8_t z = 0;
    assert_int_equal(op(e, 2, IK_KCS_OP_READ_STATUS, &z, 1, NULL, NULL), -1);
    assert_int_equal(op(e, 2, IK_KCS_OP_WRITE_CMD, (const uint8_t[]){0x61}, 1, NULL, NULL), -1);
    /* control operations are never held */
    assert_int_equal(op(e, 2, IK_KCS_SOCK_HELLO, NULL, 0, NULL, NULL), IK_KCS_SOCK_OK);
    /* host 1 finishes the transaction it started (WRITE_START already written) */
    assert_int_equal(STATE(STATUS(e, 1)), IK_KCS_STATE_WRITE);
    reg(e, 1, IK_KCS_OP_WRITE_DATA, 0x06 << 2);
    assert_int_equal(STATE(STATUS(e, 1)), IK_KCS_STATE_WRITE);
    reg(e, 1, IK_KCS_OP_WRITE_CMD, IK_KCS_WRITE_END);
    assert_int_equal(STATE(STATUS(e, 1)), IK_KCS_STATE_WRITE);
    reg(e, 1, IK_KCS_OP_WRITE_DATA, 0x01);
    for (int i = 0; i < 100 && ik_kcs_port_held(&e->port); i++) {
        uint8_t st = STATUS(e, 1);
        if (st & IK_KCS_ST_OBF)
            reg(e, 1, IK_KCS_OP_READ_DATA, 0);
        if (STATE(st) == IK_KCS_STATE_READ)
            reg(e, 1, IK_KCS_OP_WRITE_DATA, IK_KCS_READ);
    }
    assert_int_equal(ik_kcs_port_held(&e->port), 0);
    assert_int_equal(e->port.stats.deferred, 2);
    /* now host 2 gets through */
    size_t n = transact(e, 2, (const uint8_t[]){0x06 << 2, 0x01}, 2, rsp);
    assert_int_equal(n, 18);
}

static void a_holder_that_leaves_resets_the_pair(void **state)
{
    struct env *e = *state;
    uint8_t rsp[300];
    struct ik_kcs_fault f = {.kind = IK_KCS_FAULT_ERROR_STATE, .times = 5, .arg = 0x06};
    ik_kcs_dev_inject(&e->port.dev, &f);
    reg(e, 1, IK_KCS_OP_WRITE_CMD, IK_KCS_WRITE_START); /* the BMC enters ERROR */
    assert_int_equal(STATE(STATUS(e, 1)), IK_KCS_STATE_ERROR);
    assert_int_equal(ik_kcs_port_held(&e->port), 1);
    ik_kcs_port_drop(&e->port, 2); /* not the holder: nothing happens */
    assert_int_equal(ik_kcs_port_held(&e->port), 1);
    ik_kcs_port_drop(&e->port, 1);
    assert_int_equal(ik_kcs_port_held(&e->port), 0);
    assert_int_equal(STATE(STATUS(e, 2)), IK_KCS_STATE_IDLE);
    /* the armed fault survives the reset: 4 firings left; the counters too */
    assert_int_equal(e->port.dev.fault_left, 4);
    assert_int_equal(e->port.kcs.stats.errors, 1);
    f.kind = IK_KCS_FAULT_NONE;
    ik_kcs_dev_inject(&e->port.dev, &f);
    assert_int_equal(transact(e, 2, (const uint8_t[]){0x06 << 2, 0x01}, 2, rsp), 18);
}

static void fault_stats_and_reset_operations(void **state)
{
    struct env *e = *state;
    uint8_t r[32];
    size_t n;
    /* NO_RESPONSE once, skip 0, times 1 */
    uint8_t fault[14] = {IK_KCS_FAULT_NO_RESPONSE, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(op(e, 1, IK_KCS_SOCK_FAULT, fault, 14, NULL, &n), IK_KCS_SOCK_OK);
    assert_int_equal(n, 0);
    assert_int_equal(e->port.dev.fault.kind, IK_KCS_FAULT_NO_RESPONSE);
    assert_int_equal(e->port.dev.fault.times, 1);
    /* IBF_STUCK for ever, held */
    uint8_t held[14] = {
        IK_KCS_FAULT_IBF_STUCK, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x33, 0xFF, 0xFF, 0xFF, 0xFF};
    assert_int_equal(op(e, 1, IK_KCS_SOCK_FAULT, held, 14, NULL, NULL), IK_KCS_SOCK_OK);
    assert_int_equal(e->port.dev.fault.skip, 2);
    assert_int_equal(e->port.dev.fault.times, IK_KCS_FAULT_HELD);
    assert_int_equal(e->port.dev.fault.arg, 0x33);
    assert_true(e->port.dev.fault.stall_us == IK_KCS_FOREVER);
    uint8_t ms[14] = {IK_KCS_FAULT_IBF_STUCK, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xE8, 0x03, 0, 0};
    assert_int_equal(op(e, 1, IK_KCS_SOCK_FAULT, ms, 14, NULL, NULL), IK_KCS_SOCK_OK);
    assert_true(e->port.dev.fault.stall_us == 1000 * IK_US_PER_MS);
    assert_int_equal(op(e, 1, IK_KCS_SOCK_STATS, NULL, 0, r, &n), IK_KCS_SOCK_OK);
    assert_int_equal(n, 4 * IK_KCS_SOCK_STATS_N);
    uint64_t ops = e->port.dev.stats.host_cmds + e->port.dev.stats.host_reads;
    assert_int_equal(op(e, 1, IK_KCS_SOCK_RESET, NULL, 0, NULL, &n), IK_KCS_SOCK_OK);
    assert_int_equal(e->port.dev.fault.kind, IK_KCS_FAULT_NONE);
    /* the counters carry on through a reset */
    assert_int_equal(e->port.dev.stats.host_cmds + e->port.dev.stats.host_reads, ops);
    assert_int_equal(e->port.stats.resets, 1);
    assert_int_equal(e->port.stats.faults, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(frame_length_needs_two_bytes_and_caps_the_payload),
        cmocka_unit_test_setup_teardown(hello_gives_the_version_and_the_bmc_name, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_operations_get_their_status_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(request_reaches_the_engine_as_the_system_interface, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(sms_atn_follows_the_message_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(a_host_mid_transaction_holds_the_pair, setup, teardown),
        cmocka_unit_test_setup_teardown(a_holder_that_leaves_resets_the_pair, setup, teardown),
        cmocka_unit_test_setup_teardown(fault_stats_and_reset_operations, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
