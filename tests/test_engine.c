/* The BMC engine core: dispatch rules, completion codes, drop counters, memstore. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "ipmikit/error.h"

struct fixture {
    struct ik_bmc_memstore *mem;
    struct ik_bmc *bmc;
    char lastlog[512];
    int nlog;
};

static void capture_log(void *ctx, const char *line)
{
    struct fixture *f = ctx;
    snprintf(f->lastlog, sizeof(f->lastlog), "%s", line);
    f->nlog++;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    f->mem = ik_bmc_memstore_new();
    struct ik_bmc_config cfg = {
        .name = "t1",
        .id = {.device_id = 0x20,
               .device_rev = 0x81,
               .fw_major = 1,
               .fw_minor = 0x23,
               .ipmi_version = 0x02,
               .dev_support = 0xBF,
               .manufacturer_id = 0x0ABCDE,
               .product_id = 0x1234},
        .store = ik_bmc_memstore_ops(f->mem),
        .log = capture_log,
        .log_ctx = f,
    };
    memcpy(cfg.id.system_guid, "0123456789abcdef", 16);
    f->bmc = ik_bmc_new(&cfg);
    assert_non_null(f->bmc);
    assert_int_equal(ik_bmc_load(f->bmc), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    ik_bmc_free(f->bmc);
    ik_bmc_memstore_free(f->mem);
    free(f);
    return 0;
}

static struct ik_bmc_rsp run(struct fixture *f, uint8_t priv, uint8_t netfn, uint8_t cmd,
                             const uint8_t *data, size_t len)
{
    struct ik_bmc_ctx ctx = {.channel = IK_CHAN_LAN, .priv = priv, .rq_addr = 0x81};
    struct ik_bmc_req req = {.netfn = netfn, .cmd = cmd, .data = data, .len = len};
    struct ik_bmc_rsp rsp;
    memset(&rsp, 0xEE, sizeof(rsp));
    ik_bmc_dispatch(f->bmc, 1000, &ctx, &req, &rsp);
    return rsp;
}

static void get_device_id_returns_identity_fields(void **state)
{
    struct fixture *f = *state;
    struct ik_bmc_rsp r = run(f, IK_PRIV_USER, 0x06, 0x01, NULL, 0);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 15);
    static const uint8_t want[15] = {0x20, 0x81, 0x01, 0x23, 0x02, 0xBF, 0xDE, 0xBC,
                                     0x0A, 0x34, 0x12, 0,    0,    0,    0};
    assert_memory_equal(r.data, want, 15);
}

static void unknown_command_gets_c1(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x06, 0xEE, NULL, 0).cc, 0xC1);
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x3E, 0x01, NULL, 0).cc, 0xC1);
}

static void response_netfn_as_request_gets_c1(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x07, 0x01, NULL, 0).cc, 0xC1);
}

static void too_long_request_gets_c8_and_too_short_c7(void **state)
{
    struct fixture *f = *state;
    uint8_t d[2] = {0x0C, 0};
    assert_int_equal(run(f, IK_PRIV_USER, 0x06, 0x01, d, 1).cc, 0xC8);
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x06, 0x2E, d, 0).cc, 0xC7);
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x06, 0x2E, d, 2).cc, 0xC8);
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x06, 0x2E, d, 1).cc, 0x00);
}

static void privilege_below_row_minimum_gets_d4(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(f, IK_PRIV_CALLBACK, 0x06, 0x01, NULL, 0).cc, 0xD4);
    assert_int_equal(run(f, IK_PRIV_OPERATOR, 0x06, 0x03, NULL, 0).cc, 0xD4);
    assert_int_equal(run(f, IK_PRIV_NONE, 0x06, 0x37, NULL, 0).cc, 0x00);
}

static void global_enables_reserved_bit_is_rejected(void **state)
{
    struct fixture *f = *state;
    uint8_t v = 0x1C;
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x06, 0x2E, &v, 1).cc, 0xCC);
    v = 0x08;
    assert_int_equal(run(f, IK_PRIV_ADMIN, 0x06, 0x2E, &v, 1).cc, 0x00);
    struct ik_bmc_rsp r = run(f, IK_PRIV_USER, 0x06, 0x2F, NULL, 0);
    assert_int_equal(r.len, 1);
    assert_int_equal(r.data[0], 0x08);
}

static void drops_are_counted_and_logged_with_reason(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 100; i++)
        ik_bmc_drop(f->bmc, IK_BMC_DROP_BAD_CHECKSUM, "peer=127.0.0.1:1");
    assert_int_equal(ik_bmc_drop_count(f->bmc, IK_BMC_DROP_BAD_CHECKSUM), 100);
    assert_int_equal(ik_bmc_drop_count(f->bmc, IK_BMC_DROP_SEQUENCE), 0);
    /* 1..10, 16, 32, 64: 13 lines, not 100. */
    assert_int_equal(f->nlog, 13);
    assert_string_equal(f->lastlog, "bmc=t1 drop=bad_checksum count=64 peer=127.0.0.1:1");
}

static void memstore_keeps_sel_sorted_and_kv_replaced(void **state)
{
    (void)state;
    struct ik_bmc_memstore *m = ik_bmc_memstore_new();
    struct ik_bmc_store s = ik_bmc_memstore_ops(m);
    uint8_t rec[16] = {0};
    rec[0] = 5;
    assert_int_equal(s.sel_put(s.ctx, rec), 0);
    rec[0] = 2;
    assert_int_equal(s.sel_put(s.ctx, rec), 0);
    assert_int_equal(s.sel_delete(s.ctx, 9), IK_E_NOTFOUND);
    assert_int_equal(s.kv_put(s.ctx, "user/2", "ab", 2), 0);
    assert_int_equal(s.kv_put(s.ctx, "user/2", "xyz", 3), 0);
    ik_bmc_memstore_free(m);
}

static void wall_clock_follows_monotonic_time_from_the_anchor(void **state)
{
    (void)state;
    struct ik_bmc_memstore *m = ik_bmc_memstore_new();
    struct ik_bmc_config cfg = {.name = "clk",
                                .store = ik_bmc_memstore_ops(m),
                                .unix_at_start = 1700000000,
                                .mono_at_start = 5 * IK_US_PER_S};
    struct ik_bmc *bmc = ik_bmc_new(&cfg);
    assert_non_null(bmc);
    struct ik_bmc_ctx ctx = {.priv = IK_PRIV_USER};
    struct ik_bmc_req req = {.netfn = 0x06, .cmd = 0x01};
    struct ik_bmc_rsp rsp;
    ik_bmc_dispatch(bmc, 65 * IK_US_PER_S + 999999, &ctx, &req, &rsp);
    assert_int_equal(ik_bmc_unix_time(bmc), 1700000060);
    ik_bmc_dispatch(bmc, 2 * IK_US_PER_S, &ctx, &req, &rsp);
    assert_int_equal(ik_bmc_unix_time(bmc), 1699999997);
    ik_bmc_free(bmc);
    ik_bmc_memstore_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(get_device_id_returns_identity_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_command_gets_c1, setup, teardown),
        cmocka_unit_test_setup_teardown(response_netfn_as_request_gets_c1, setup, teardown),
        cmocka_unit_test_setup_teardown(too_long_request_gets_c8_and_too_short_c7, setup, teardown),
        cmocka_unit_test_setup_teardown(privilege_below_row_minimum_gets_d4, setup, teardown),
        cmocka_unit_test_setup_teardown(global_enables_reserved_bit_is_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(drops_are_counted_and_logged_with_reason, setup, teardown),
        cmocka_unit_test(memstore_keeps_sel_sorted_and_kv_replaced),
        cmocka_unit_test(wall_clock_follows_monotonic_time_from_the_anchor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
