/* NetFn App channel commands (bmc/app_channel.c) and Get Session Info / Close Session
 * (bmc/app_session.c) outside a LAN session: every channel number answered, channel
 * access rules and persistence, authentication capabilities and cipher suites over the
 * system interface. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lanfix.h"
#include "cipher.h"
#include "ipmikit/error.h"

static struct ik_bmc_rsp sys(struct lanfix *f, uint8_t priv, uint8_t cmd, const uint8_t *d,
                             size_t n)
{
    return lanfix_dispatch(f, IK_CHAN_SYSTEM, priv, 0x06, cmd, d, n);
}

static void every_channel_number_gets_an_answer(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    for (uint8_t ch = 0; ch < 16; ch++) {
        struct ik_bmc_rsp info = sys(&f, IK_PRIV_USER, 0x42, &ch, 1);
        struct ik_bmc_rsp pay = sys(&f, IK_PRIV_USER, 0x4E, &ch, 1);
        bool lan = ch == 1, si = ch == 0x0E || ch == 0x0F; /* 0Eh: this channel = 0Fh */
        if (lan || si) {
            assert_int_equal(info.cc, 0);
            assert_int_equal(info.len, 9);
            assert_int_equal(info.data[0], lan ? 1 : 0x0F);
            assert_int_equal(info.data[1], lan ? 0x04 : 0x0C);
            assert_int_equal(info.data[2], lan ? 0x01 : 0x05);
            assert_int_equal(info.data[3] & 0xC0, lan ? 0x80 : 0x00);
            assert_int_equal(info.data[4] | info.data[5] << 8 | info.data[6] << 16, 7154);
            assert_int_equal(pay.cc, 0);
            assert_int_equal(pay.len, 8);
            assert_int_equal(pay.data[0], 0x01);
            assert_int_equal(pay.data[1], lan ? 0x3F : 0x00);
        } else {
            assert_int_equal(info.cc, 0xCC);
            assert_int_equal(pay.cc, 0xCC);
        }
    }
    uint8_t bad = 0x21;
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x42, &bad, 1).cc, 0xCC);
    lanfix_fini(&f);
}

static void channel_access_volatile_and_non_volatile(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t get_v[2] = {1, 0x80}, get_nv[2] = {1, 0x40};
    struct ik_bmc_rsp r = sys(&f, IK_PRIV_USER, 0x41, get_v, 2);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2);
    assert_int_equal(r.data[0], 0x02);
    assert_int_equal(r.data[1], IK_PRIV_ADMIN);
    /* Non-volatile: alerting off, limit OPERATOR; volatile untouched. */
    uint8_t set[3] = {1, 0x40 | 0x20 | 0x02, 0x40 | IK_PRIV_OPERATOR};
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, set, 3).cc, 0);
    r = sys(&f, IK_PRIV_USER, 0x41, get_nv, 2);
    assert_int_equal(r.data[0], 0x22);
    assert_int_equal(r.data[1], IK_PRIV_OPERATOR);
    r = sys(&f, IK_PRIV_USER, 0x41, get_v, 2);
    assert_int_equal(r.data[0], 0x02);
    assert_int_equal(r.data[1], IK_PRIV_ADMIN);
    /* A restart makes the stored non-volatile settings the volatile ones. */
    lanfix_restart(&f);
    r = sys(&f, IK_PRIV_USER, 0x41, get_v, 2);
    assert_int_equal(r.data[0], 0x22);
    assert_int_equal(r.data[1], IK_PRIV_OPERATOR);
    lanfix_fini(&f);
}

static void channel_access_refusals(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t s[3] = {1, 0x80 | 0x10 | 0x02, 0}; /* per-message auth off */
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, s, 3).cc, 0xCC);
    s[1] = 0x80 | 0x08 | 0x02; /* user-level auth off */
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, s, 3).cc, 0xCC);
    s[1] = 0x80 | 0x01; /* pre-boot only */
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, s, 3).cc, 0x83);
    s[1] = 0x80 | 0x03; /* shared */
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, s, 3).cc, 0x83);
    s[1] = 0xC2; /* reserved operation */
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, s, 3).cc, 0xCC);
    uint8_t p[3] = {1, 0, 0x80 | 0x07}; /* privilege 7 */
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, p, 3).cc, 0xCC);
    uint8_t si[3] = {0x0F, 0x82, 0x84};
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x40, si, 3).cc, 0x82);
    uint8_t g[2] = {0x0F, 0x80};
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x41, g, 2).cc, 0x82);
    g[0] = 1;
    g[1] = 0xC0;
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x41, g, 2).cc, 0xCC);
    g[0] = 5;
    g[1] = 0x80;
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x41, g, 2).cc, 0xCC);
    assert_int_equal(sys(&f, IK_PRIV_OPERATOR, 0x40, s, 3).cc, 0xD4);
    lanfix_fini(&f);
}

static void auth_caps_and_cipher_suites_over_the_system_interface(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t ac[2] = {0x81, IK_PRIV_ADMIN};
    struct ik_bmc_rsp r = sys(&f, IK_PRIV_ADMIN, 0x38, ac, 2);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 8);
    assert_int_equal(r.data[0], 1);
    assert_int_equal(r.data[1], 0x80 | 0x04); /* extended, MD5 only */
    assert_int_equal(r.data[3], 0x03);        /* 1.5 and 2.0 */
    ac[0] = 0x8E; /* this channel = the system interface: no LAN caps there */
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x38, ac, 2).cc, 0xCC);
    /* The suite records, page by page, name suites 1..17 but not 0. */
    uint8_t rec[64];
    size_t len = 0;
    for (uint8_t page = 0; page < 4; page++) {
        uint8_t q[3] = {1, 0, (uint8_t)(0x80 | page)};
        r = sys(&f, IK_PRIV_USER, 0x54, q, 3);
        assert_int_equal(r.cc, 0);
        assert_int_equal(r.data[0], 1);
        memcpy(rec + len, r.data + 1, r.len - 1);
        len += r.len - 1;
        if (r.len - 1 < 16)
            break;
    }
    struct ik_cipher_suite cs[20];
    size_t n;
    assert_int_equal(ik_cipher_records_decode(rec, len, cs, 20, &n), 0);
    assert_int_equal(n, 11);
    assert_int_equal(cs[0].id, 1);
    assert_int_equal(cs[10].id, 17);
    lanfix_fini(&f);
}

static void get_session_info_outside_a_session(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    uint8_t idx = 0;
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x3D, &idx, 1).cc, 0xCC);
    idx = 1;
    struct ik_bmc_rsp r = sys(&f, IK_PRIV_USER, 0x3D, &idx, 1);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 3);
    assert_int_equal(r.data[0], 0); /* no session at that index */
    assert_int_equal(r.data[1], 16);
    assert_int_equal(r.data[2], 0);
    uint8_t by_handle[2] = {0xFE, 1};
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x3D, by_handle, 2).len, 3);
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x3D, by_handle, 1).cc, 0xC7);
    uint8_t by_id[5] = {0xFF, 1, 2, 3, 4};
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x3D, by_id, 5).len, 3);
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x3D, by_id, 4).cc, 0xC7);
    idx = 0x40;
    assert_int_equal(sys(&f, IK_PRIV_USER, 0x3D, &idx, 1).cc, 0xCC);
    lanfix_fini(&f);
}

static void system_interface_closes_a_lan_session_by_id(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    lanfix_init(&f, NULL);
    lanfix_console(&cfg, "admin", "password");
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    uint8_t idx = 1;
    struct ik_bmc_rsp r = sys(&f, IK_PRIV_USER, 0x3D, &idx, 1);
    assert_int_equal(r.len, 18);
    uint8_t by_id[5] = {0xFF, (uint8_t)c.sid, (uint8_t)(c.sid >> 8), (uint8_t)(c.sid >> 16),
                        (uint8_t)(c.sid >> 24)};
    r = sys(&f, IK_PRIV_USER, 0x3D, by_id, 5);
    assert_int_equal(r.len, 18);
    assert_int_equal(r.data[3], 2);
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x3C, by_id + 1, 4).cc, 0);
    assert_int_equal(ik_bmc_lan_sessions(f.bmc), 0);
    assert_int_equal(sys(&f, IK_PRIV_ADMIN, 0x3C, by_id + 1, 4).cc, 0x87);
    lanfix_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_channel_number_gets_an_answer),
        cmocka_unit_test(channel_access_volatile_and_non_volatile),
        cmocka_unit_test(channel_access_refusals),
        cmocka_unit_test(auth_caps_and_cipher_suites_over_the_system_interface),
        cmocka_unit_test(get_session_info_outside_a_session),
        cmocka_unit_test(system_interface_closes_a_lan_session_by_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
