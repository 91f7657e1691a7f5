/* NetFn App user commands (bmc/app_user.c): names, passwords (16 and 20 bytes; set, test,
 * enable, disable), access, payload access, completion codes, and persistence through the
 * store across a restart. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lanfix.h"
#include "ipmikit/error.h"

static struct ik_bmc_rsp app(struct lanfix *f, uint8_t priv, uint8_t cmd, const uint8_t *d,
                             size_t n)
{
    return lanfix_dispatch(f, IK_CHAN_LAN, priv, 0x06, cmd, d, n);
}

static struct ik_bmc_rsp set_name(struct lanfix *f, uint8_t uid, const char *name)
{
    uint8_t d[17] = {uid};
    memcpy(d + 1, name, strlen(name));
    return app(f, IK_PRIV_ADMIN, 0x45, d, 17);
}

static struct ik_bmc_rsp password_op(struct lanfix *f, uint8_t uid, uint8_t op, const char *pw,
                                     bool twenty)
{
    uint8_t d[22] = {(uint8_t)(uid | (twenty ? 0x80 : 0)), op};
    size_t n = 2;
    if (pw) {
        memcpy(d + 2, pw, strlen(pw));
        n = twenty ? 22 : 18;
    }
    return app(f, IK_PRIV_ADMIN, 0x47, d, n);
}

static void get_user_name_returns_16_zero_padded_bytes(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t uid = 2;
    struct ik_bmc_rsp r = app(&f, IK_PRIV_OPERATOR, 0x46, &uid, 1);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 16);
    assert_memory_equal(r.data, "admin\0\0\0\0\0\0\0\0\0\0\0", 16);
    uid = 1;
    r = app(&f, IK_PRIV_OPERATOR, 0x46, &uid, 1);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 0);
    lanfix_fini(&f);
}

static void user_ids_outside_1_to_16_get_cc(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t ids[] = {0, 17, 63};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(app(&f, IK_PRIV_OPERATOR, 0x46, &ids[i], 1).cc, 0xCC);
        assert_int_equal(set_name(&f, ids[i], "x").cc, 0xCC);
        assert_int_equal(password_op(&f, ids[i], 1, NULL, false).cc, 0xCC);
        uint8_t ga[2] = {1, ids[i]};
        assert_int_equal(app(&f, IK_PRIV_OPERATOR, 0x44, ga, 2).cc, 0xCC);
    }
    lanfix_fini(&f);
}

static void set_user_name_rules(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    assert_int_equal(set_name(&f, 1, "x").cc, 0xCC);     /* user 1's name is fixed */
    assert_int_equal(set_name(&f, 3, "admin").cc, 0xCC); /* taken by user 2 */
    assert_int_equal(set_name(&f, 3, "sixteen-chars-ok").cc, 0);
    uint8_t gap[17] = {4, 'a', 0, 'b'};
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x45, gap, 17).cc, 0xCC);
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x45, gap, 16).cc, 0xC7);
    assert_int_equal(set_name(&f, 2, "root").cc, 0); /* renaming keeps the user */
    uint8_t uid = 2;
    assert_memory_equal(app(&f, IK_PRIV_OPERATOR, 0x46, &uid, 1).data, "root", 5);
    /* Privileges: Get is OPERATOR, Set ADMINISTRATOR. */
    assert_int_equal(app(&f, IK_PRIV_USER, 0x46, &uid, 1).cc, 0xD4);
    uint8_t d[17] = {5, 'z'};
    assert_int_equal(app(&f, IK_PRIV_OPERATOR, 0x45, d, 17).cc, 0xD4);
    lanfix_fini(&f);
}

static void set_password_test_enable_disable(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    assert_int_equal(set_name(&f, 3, "bob").cc, 0);
    assert_int_equal(password_op(&f, 3, 2, "secret", false).cc, 0);
    assert_int_equal(password_op(&f, 3, 3, "secret", false).cc, 0);
    assert_int_equal(password_op(&f, 3, 3, "secreT", false).cc, 0x80);
    assert_int_equal(password_op(&f, 3, 3, "secret", true).cc, 0x81); /* stored as 16 */
    /* A 20-byte password: the 16-byte form of its first 16 bytes is the wrong size. */
    assert_int_equal(password_op(&f, 3, 2, "twenty-byte-password", true).cc, 0);
    assert_int_equal(password_op(&f, 3, 3, "twenty-byte-password", true).cc, 0);
    assert_int_equal(password_op(&f, 3, 3, "twenty-byte-pass", false).cc, 0x81);
    /* Lengths: set/test need exactly 16 or 20 bytes per the size bit. */
    uint8_t d[22] = {3, 2};
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x47, d, 2).cc, 0xC7);
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x47, d, 17).cc, 0xC7);
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x47, d, 23).cc, 0xC8);
    d[1] = 0x06; /* reserved bits */
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x47, d, 2).cc, 0xCC);
    /* Enable / disable show in Get User Access byte 1 [7:6]. */
    uint8_t ga[2] = {1, 3};
    assert_int_equal(password_op(&f, 3, 1, NULL, false).cc, 0);
    struct ik_bmc_rsp r = app(&f, IK_PRIV_OPERATOR, 0x44, ga, 2);
    assert_int_equal(r.data[1] & 0xC0, 0x40);
    assert_int_equal(r.data[1] & 0x3F, 2); /* admin and bob */
    assert_int_equal(password_op(&f, 3, 0, NULL, false).cc, 0);
    r = app(&f, IK_PRIV_OPERATOR, 0x44, ga, 2);
    assert_int_equal(r.data[1] & 0xC0, 0x80);
    assert_int_equal(r.data[1] & 0x3F, 1);
    lanfix_fini(&f);
}

static void new_user_logs_in_once_named_passworded_given_access_and_enabled(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    lanfix_init(&f, NULL);
    assert_int_equal(set_name(&f, 3, "bob").cc, 0);
    assert_int_equal(password_op(&f, 3, 2, "secret", false).cc, 0);
    lanfix_console(&cfg, "bob", "secret");
    cfg.priv = IK_PRIV_OPERATOR;
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0); /* no access yet */
    uint8_t sa[3] = {0x01, 3, IK_PRIV_OPERATOR};
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x43, sa, 3).cc, 0);
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0); /* not enabled */
    assert_int_equal(password_op(&f, 3, 1, NULL, false).cc, 0);
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    /* Switching IPMI messaging off (bit 7 says: change bits 6:4) locks bob out again. */
    uint8_t off[3] = {0x81, 3, IK_PRIV_OPERATOR};
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x43, off, 3).cc, 0);
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    lanfix_fini(&f);
}

static void get_user_access_reports_limits_and_counts(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t ga[2] = {0x0E, 2}; /* "this channel" = LAN */
    struct ik_bmc_rsp r = app(&f, IK_PRIV_OPERATOR, 0x44, ga, 2);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 4);
    assert_int_equal(r.data[0], 16);
    assert_int_equal(r.data[1], 0x41);
    assert_int_equal(r.data[2], 1);
    assert_int_equal(r.data[3], 0x30 | IK_PRIV_ADMIN); /* link auth, IPMI msg, admin */
    ga[0] = 0x0F;                                      /* the system interface has no users */
    assert_int_equal(app(&f, IK_PRIV_OPERATOR, 0x44, ga, 2).cc, 0xCC);
    /* Set User Access: bad privilege, reserved bits, the optional session limit. */
    uint8_t sa[4] = {0x01, 2, 0x07, 0};
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x43, sa, 3).cc, 0xCC);
    sa[2] = 0x14;
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x43, sa, 3).cc, 0xCC);
    sa[2] = IK_PRIV_ADMIN;
    sa[3] = 0x02;
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x43, sa, 4).cc, 0);
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x43, sa, 2).cc, 0xC7);
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x43, sa, 5).cc, 0xC8);
    lanfix_fini(&f);
}

static void user_payload_access_is_kept_per_user(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t set[6] = {1, 0x02, 0x02, 0, 0x01, 0}; /* enable SOL and OEM 20h for user 2 */
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x4C, set, 6).cc, 0);
    uint8_t get[2] = {1, 2};
    struct ik_bmc_rsp r = app(&f, IK_PRIV_OPERATOR, 0x4D, get, 2);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 4);
    assert_int_equal(r.data[0], 0x02);
    assert_int_equal(r.data[2], 0x01);
    set[1] = 0x42; /* disable */
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x4C, set, 6).cc, 0);
    r = app(&f, IK_PRIV_OPERATOR, 0x4D, get, 2);
    assert_int_equal(r.data[0], 0);
    set[2] = 0x03; /* bit 0 is reserved */
    assert_int_equal(app(&f, IK_PRIV_ADMIN, 0x4C, set, 6).cc, 0xCC);
    /* Every channel number gets an answer: data on the LAN channel, CCh elsewhere. */
    for (uint8_t ch = 0; ch < 16; ch++) {
        get[0] = ch;
        r = app(&f, IK_PRIV_OPERATOR, 0x4D, get, 2);
        assert_int_equal(r.cc, (ch == 1 || ch == 0x0E) ? 0 : 0xCC);
    }
    lanfix_fini(&f);
}

static void changes_survive_a_restart_and_corrupt_blobs_are_skipped(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    lanfix_init(&f, NULL);
    assert_int_equal(password_op(&f, 2, 2, "n3w-pass", false).cc, 0);
    assert_int_equal(set_name(&f, 5, "carol").cc, 0);
    struct ik_bmc_store st = ik_bmc_memstore_ops(f.mem);
    assert_int_equal(st.kv_put(st.ctx, "user/6", "\x01\x02", 2), 0); /* too short */
    assert_int_equal(st.kv_put(st.ctx, "user/99", "", 0), 0);        /* no such user */
    lanfix_restart(&f);
    assert_true(lanfix_logged(&f, "event=load_skipped key=user/6"));
    lanfix_console(&cfg, "admin", "password");
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    lanfix_console(&cfg, "admin", "n3w-pass");
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    uint8_t uid = 5;
    assert_memory_equal(app(&f, IK_PRIV_OPERATOR, 0x46, &uid, 1).data, "carol", 6);
    lanfix_fini(&f);
}

static void user_names_are_escaped_in_log_lines(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    assert_int_equal(set_name(&f, 3, "a b=c\nevent=x").cc, 0);
    assert_true(lanfix_logged(&f, "event=user_name uid=3 user=a%20b%3Dc%0Aevent%3Dx"));
    assert_false(lanfix_logged(&f, "\n"));
    lanfix_fini(&f);
}

static int failing_put(void *ctx, const char *key, const void *val, size_t len)
{
    (void)ctx;
    (void)key;
    (void)val;
    (void)len;
    return IK_E_IO;
}

static void a_change_the_store_refuses_is_not_made(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    /* Rebuild the BMC on a store whose writes fail. */
    ik_bmc_free(f.bmc);
    struct ik_bmc_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.name = "t";
    cfg.machine = &f.m;
    cfg.store = ik_bmc_memstore_ops(f.mem);
    cfg.store.kv_put = failing_put;
    cfg.log = lanfix_log;
    cfg.log_ctx = &f;
    cfg.random = lanfix_random;
    cfg.random_ctx = &f;
    f.bmc = ik_bmc_new(&cfg);
    assert_non_null(f.bmc);
    assert_int_equal(ik_bmc_load(f.bmc), 0);
    assert_int_equal(set_name(&f, 3, "dave").cc, 0xFF);
    uint8_t uid = 3;
    assert_int_equal(app(&f, IK_PRIV_OPERATOR, 0x46, &uid, 1).data[0], 0);
    assert_int_equal(password_op(&f, 2, 2, "other", false).cc, 0xFF);
    assert_int_equal(password_op(&f, 2, 3, "password", false).cc, 0);
    assert_true(lanfix_logged(&f, "event=store_failed"));
    lanfix_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(get_user_name_returns_16_zero_padded_bytes),
        cmocka_unit_test(user_ids_outside_1_to_16_get_cc),
        cmocka_unit_test(set_user_name_rules),
        cmocka_unit_test(set_password_test_enable_disable),
        cmocka_unit_test(new_user_logs_in_once_named_passworded_given_access_and_enabled),
        cmocka_unit_test(get_user_access_reports_limits_and_counts),
        cmocka_unit_test(user_payload_access_is_kept_per_user),
        cmocka_unit_test(changes_survive_a_restart_and_corrupt_blobs_are_skipped),
        cmocka_unit_test(a_change_the_store_refuses_is_not_made),
        cmocka_unit_test(user_names_are_escaped_in_log_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
