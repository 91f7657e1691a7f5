/* LAN configuration parameters (bmc/transport.c): every parameter ipmitool's `lan print`
 * reads, the ones `lan set` writes, read-only and unsupported ones, the security
 * parameters taking effect, and persistence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lanfix.h"
#include "ipmikit/error.h"

static struct ik_bmc_rsp get(struct lanfix *f, uint8_t param)
{
    uint8_t d[4] = {1, param, 0, 0};
    return lanfix_dispatch(f, IK_CHAN_LAN, IK_PRIV_OPERATOR, 0x0C, 0x02, d, 4);
}

static uint8_t set(struct lanfix *f, uint8_t param, const uint8_t *data, size_t n)
{
    uint8_t d[32] = {1, param};
    memcpy(d + 2, data, n);
    return lanfix_dispatch(f, IK_CHAN_LAN, IK_PRIV_ADMIN, 0x0C, 0x01, d, n + 2).cc;
}

static void parameters_ipmitool_prints_are_all_answered(void **state)
{
    (void)state;
    static const struct {
        uint8_t param, len;
    } want[] = {{0, 1},  {1, 1},  {2, 5},  {3, 4},  {4, 1},   {5, 6},  {6, 4},  {7, 3},
                {8, 2},  {10, 1}, {11, 1}, {12, 4}, {13, 6},  {14, 4}, {15, 6}, {16, 18},
                {17, 1}, {20, 2}, {21, 1}, {22, 1}, {23, 12}, {24, 9}, {26, 6}};
    struct lanfix f;
    lanfix_init(&f, NULL);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        struct ik_bmc_rsp r = get(&f, want[i].param);
        assert_int_equal(r.cc, 0);
        assert_int_equal(r.data[0], 0x11); /* parameter revision */
        assert_int_equal(r.len, 1u + want[i].len);
    }
    struct ik_bmc_rsp r = get(&f, 3);
    assert_memory_equal(r.data + 1, "\x7f\x00\x00\x01", 4); /* the listen address */
    r = get(&f, 8);
    assert_int_equal(r.data[1] | r.data[2] << 8, 623);
    r = get(&f, 5);
    assert_int_equal(r.data[1], 0x02); /* locally administered */
    r = get(&f, 23);
    assert_memory_equal(r.data + 1, "\x00\x01\x02\x03\x06\x07\x08\x0b\x0c\x0f\x10\x11", 12);
    r = get(&f, 26);
    assert_int_equal(r.data[2], 5);                  /* threshold */
    assert_int_equal(r.data[3] | r.data[4] << 8, 6); /* 60 s reset interval */
    assert_int_equal(r.data[5] | r.data[6] << 8, 6); /* 60 s lockout */
    assert_int_equal(get(&f, 9).cc, 0x80);
    assert_int_equal(get(&f, 19).cc, 0x80);
    assert_int_equal(get(&f, 200).cc, 0x80);
    /* Revision only. */
    uint8_t rev[4] = {0x81, 3, 0, 0};
    r = lanfix_dispatch(&f, IK_CHAN_LAN, IK_PRIV_OPERATOR, 0x0C, 0x02, rev, 4);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 1);
    /* Another channel; a user below OPERATOR. */
    uint8_t other[4] = {0x0F, 3, 0, 0};
    assert_int_equal(lanfix_dispatch(&f, IK_CHAN_LAN, IK_PRIV_OPERATOR, 0x0C, 0x02, other, 4).cc,
                     0xCC);
    assert_int_equal(lanfix_dispatch(&f, IK_CHAN_LAN, IK_PRIV_USER, 0x0C, 0x02, rev, 4).cc, 0xD4);
    lanfix_fini(&f);
}

static void network_parameters_are_stored_and_survive_a_restart(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    static const uint8_t ip[4] = {10, 1, 2, 3}, mask[4] = {255, 255, 0, 0}, gw[4] = {10, 1, 0, 1},
                         vlan[2] = {100, 0x80};
    assert_int_equal(set(&f, 3, ip, 4), 0);
    assert_int_equal(set(&f, 6, mask, 4), 0);
    assert_int_equal(set(&f, 12, gw, 4), 0);
    assert_int_equal(set(&f, 20, vlan, 2), 0);
    uint8_t src = 2;
    assert_int_equal(set(&f, 4, &src, 1), 0);
    lanfix_restart(&f);
    assert_memory_equal(get(&f, 3).data + 1, ip, 4);
    assert_memory_equal(get(&f, 6).data + 1, mask, 4);
    assert_memory_equal(get(&f, 12).data + 1, gw, 4);
    assert_memory_equal(get(&f, 20).data + 1, vlan, 2);
    assert_int_equal(get(&f, 4).data[1], 2);
    lanfix_fini(&f);
}

static void set_refusals(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t b[18] = {0};
    assert_int_equal(set(&f, 1, b, 1), 0x82);  /* read-only */
    assert_int_equal(set(&f, 22, b, 1), 0x82); /* read-only */
    assert_int_equal(set(&f, 9, b, 2), 0x80);  /* not supported */
    assert_int_equal(set(&f, 3, b, 3), 0xC7);  /* wrong length */
    b[0] = 5;
    assert_int_equal(set(&f, 4, b, 1), 0xCC); /* IP source 5 */
    uint8_t vlan[2] = {0, 0x80};              /* enabled with ID 0 */
    assert_int_equal(set(&f, 20, vlan, 2), 0xCC);
    /* Auth type enables may only use what the policy allows (MD5 by default). */
    uint8_t en[5] = {0x04, 0x04, 0x04, 0x14, 0x04};
    assert_int_equal(set(&f, 2, en, 5), 0xCC);
    en[3] = 0x04;
    assert_int_equal(set(&f, 2, en, 5), 0);
    /* Set in progress: a second "in progress" gets 81h; commit write completes it. */
    uint8_t v = 1;
    assert_int_equal(set(&f, 0, &v, 1), 0);
    assert_int_equal(set(&f, 0, &v, 1), 0x81);
    v = 2;
    assert_int_equal(set(&f, 0, &v, 1), 0);
    assert_int_equal(get(&f, 0).data[1], 0);
    v = 3;
    assert_int_equal(set(&f, 0, &v, 1), 0xCC);
    uint8_t d[3] = {1, 3, 0};
    assert_int_equal(lanfix_dispatch(&f, IK_CHAN_LAN, IK_PRIV_OPERATOR, 0x0C, 0x01, d, 3).cc, 0xD4);
    lanfix_fini(&f);
}

static void cipher_privileges_take_effect_and_keep_spare_entries(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    lanfix_init(&f, NULL);
    /* ipmitool "XaaaXXaaaXXaaXX": entry 0 (suite 1) unused, entries 11-12 past the list. */
    uint8_t p[9] = {0, 0x40, 0x44, 0x00, 0x44, 0x04, 0x40, 0x04, 0x00};
    assert_int_equal(set(&f, 24, p, 9), 0);
    assert_memory_equal(get(&f, 24).data + 1, p, 9);
    lanfix_console(&cfg, "admin", "password");
    cfg.suite = 1;
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    assert_non_null(strstr(c.reason, "no cipher suite match"));
    cfg.suite = 2;
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    p[2] = 0x47; /* privilege 7 */
    assert_int_equal(set(&f, 24, p, 9), 0xCC);
    lanfix_fini(&f);
}

static void bad_password_threshold_sets_the_lockout(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    lanfix_init(&f, NULL);
    uint8_t bp[6] = {0, 1, 0, 0, 12, 0}; /* 1 attempt, never reset, 120 s */
    assert_int_equal(set(&f, 26, bp, 6), 0);
    lanfix_console(&cfg, "admin", "wrong");
    cfg.v15 = true;
    cfg.auth15 = 2; /* MD5 */
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    lanfix_console(&cfg, "admin", "password");
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    lanfix_advance(&f, 121 * IK_US_PER_S);
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    bp[0] = 0x02;
    assert_int_equal(set(&f, 26, bp, 6), 0xCC);
    lanfix_fini(&f);
}

static void cipher_suite_0(struct ik_machine *m)
{
    m->access.security.cipher_suite_0 = true;
    m->access.lan.suite_priv[0] = IK_PRIV_USER;
}

static void suite_0_is_listed_only_when_the_policy_allows_it(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    assert_int_equal(get(&f, 22).data[1], 11);
    assert_int_equal(get(&f, 23).data[2], 1);
    lanfix_fini(&f);
    lanfix_init(&f, cipher_suite_0);
    assert_int_equal(get(&f, 22).data[1], 12);
    assert_int_equal(get(&f, 23).data[2], 0);
    assert_int_equal(get(&f, 24).data[2] & 0x0F, IK_PRIV_USER);
    lanfix_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parameters_ipmitool_prints_are_all_answered),
        cmocka_unit_test(network_parameters_are_stored_and_survive_a_restart),
        cmocka_unit_test(set_refusals),
        cmocka_unit_test(cipher_privileges_take_effect_and_keep_spare_entries),
        cmocka_unit_test(bad_password_threshold_sets_the_lockout),
        cmocka_unit_test(suite_0_is_listed_only_when_the_policy_allows_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
