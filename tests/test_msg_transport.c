/* NetFn Transport command payloads (lib/msg_transport.c): decode, encode, and the lengths
 * and reserved bits refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "msg_transport.h"
#include "codectest.h"

/* ---- Set LAN Configuration Parameters request ------------------------------------------ */

/* Channel 1, parameter 3 (IP address), 192.168.0.120. */
static const char set_hex[] = "01 03 c0 a8 00 78";

static void lan_set_req_decodes_channel_param_and_data(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(set_hex, &n);
    struct ik_lan_set_req v;
    assert_int_equal(ik_lan_set_req_decode(b, n, &v), 0);
    assert_int_equal(v.channel, 1);
    assert_int_equal(v.param, 3);
    assert_int_equal(v.len, 4);
    assert_ptr_equal(v.data, b + 2);
    uint8_t out[8];
    assert_int_equal(ik_lan_set_req_encode(&v, out, sizeof(out), &w), 0);
    assert_int_equal(w, n);
    assert_memory_equal(out, b, n);
    size_t w2 = 99;
    assert_int_equal(ik_lan_set_req_encode(&v, out, n - 1, &w2), IK_E_NOSPACE);
    assert_int_equal(w2, 99);
    free(b);
}

static void lan_set_req_rejects_short_long_and_reserved_channel_bits(void **state)
{
    (void)state;
    uint8_t b[2 + IK_LAN_PARAM_MAX + 1] = {0x01, 0x00, 0x00};
    struct ik_lan_set_req v = {.param = 77};
    for (size_t len = 0; len < IK_LAN_SET_REQ_MIN; len++) {
        uint8_t *p = ik_test_dup(b, len);
        assert_int_equal(ik_lan_set_req_decode(p, len, &v), IK_E_TRUNCATED);
        free(p);
    }
    assert_int_equal(ik_lan_set_req_decode(b, sizeof(b), &v), IK_E_OVERSIZE);
    b[0] = 0x11; /* bit 4 reserved */
    assert_int_equal(ik_lan_set_req_decode(b, 3, &v), IK_E_BADFIELD);
    assert_int_equal(v.param, 77);
    b[0] = 0x0E; /* channel Eh: the present channel */
    assert_int_equal(ik_lan_set_req_decode(b, sizeof(b) - 1, &v), 0);
    assert_int_equal(v.channel, 0x0E);
    assert_int_equal(v.len, IK_LAN_PARAM_MAX);
}

static void lan_set_req_encode_refuses_out_of_range_fields(void **state)
{
    (void)state;
    uint8_t d[IK_LAN_PARAM_MAX + 1] = {0}, out[sizeof(d) + 2];
    size_t w = 99;
    struct ik_lan_set_req v = {.channel = 16, .param = 0, .data = d, .len = 1};
    assert_int_equal(ik_lan_set_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.channel = 1;
    v.len = 0;
    assert_int_equal(ik_lan_set_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.len = sizeof(d);
    assert_int_equal(ik_lan_set_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.len = 1;
    v.data = NULL;
    assert_int_equal(ik_lan_set_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* ---- Get LAN Configuration Parameters request ------------------------------------------ */

/* Revision only (bit 7), channel 2; parameter 24 (18h); set selector 3; block selector 4. */
static const char get_hex[] = "82 18 03 04";

static void lan_get_req_decodes_every_field(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(get_hex, &n);
    struct ik_lan_get_req v;
    assert_int_equal(ik_lan_get_req_decode(b, n, &v), 0);
    assert_true(v.revision_only);
    assert_int_equal(v.channel, 2);
    assert_int_equal(v.param, 0x18);
    assert_int_equal(v.set_sel, 3);
    assert_int_equal(v.block_sel, 4);
    uint8_t out[IK_LAN_GET_REQ_LEN];
    assert_int_equal(ik_lan_get_req_encode(&v, out, sizeof(out), &w), 0);
    assert_int_equal(w, n);
    assert_memory_equal(out, b, n);
    size_t w2 = 99;
    assert_int_equal(ik_lan_get_req_encode(&v, out, n - 1, &w2), IK_E_NOSPACE);
    assert_int_equal(w2, 99);
    free(b);
}

static void lan_get_req_rejects_other_lengths_and_reserved_bits(void **state)
{
    (void)state;
    size_t n;
    uint8_t *full = ik_test_hex(get_hex, &n);
    struct ik_lan_get_req v = {.param = 77};
    for (size_t len = 0; len < IK_LAN_GET_REQ_LEN; len++) {
        uint8_t *p = ik_test_dup(full, len);
        assert_int_equal(ik_lan_get_req_decode(p, len, &v), IK_E_TRUNCATED);
        free(p);
    }
    uint8_t big[IK_LAN_GET_REQ_LEN + 1] = {0x01};
    assert_int_equal(ik_lan_get_req_decode(big, sizeof(big), &v), IK_E_OVERSIZE);
    big[0] = 0x41; /* bit 6 reserved */
    assert_int_equal(ik_lan_get_req_decode(big, IK_LAN_GET_REQ_LEN, &v), IK_E_BADFIELD);
    assert_int_equal(v.param, 77);
    struct ik_lan_get_req bad = {.channel = 0x10};
    uint8_t out[IK_LAN_GET_REQ_LEN];
    size_t w = 99;
    assert_int_equal(ik_lan_get_req_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
    free(full);
}

/* ---- Get LAN Configuration Parameters response ----------------------------------------- */

/* Revision 11h, parameter 5 (MAC address) 02:49:4b:01:02:03. */
static const char get_rsp_hex[] = "11 02 49 4b 01 02 03";

static void lan_get_rsp_decodes_revision_and_borrows_the_data(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(get_rsp_hex, &n);
    struct ik_lan_get_rsp v;
    assert_int_equal(ik_lan_get_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.revision, IK_LAN_PARAM_REV);
    assert_int_equal(v.len, 6);
    assert_ptr_equal(v.data, b + 1);
    uint8_t out[16];
    assert_int_equal(ik_lan_get_rsp_encode(&v, out, sizeof(out), &w), 0);
    assert_int_equal(w, n);
    assert_memory_equal(out, b, n);
    size_t w2 = 99;
    assert_int_equal(ik_lan_get_rsp_encode(&v, out, n - 1, &w2), IK_E_NOSPACE);
    assert_int_equal(w2, 99);
    free(b);
}

static void lan_get_rsp_revision_only_is_one_byte_and_long_input_is_refused(void **state)
{
    (void)state;
    uint8_t b[1 + IK_LAN_PARAM_MAX + 1] = {0x11};
    struct ik_lan_get_rsp v = {.revision = 77};
    uint8_t *p = ik_test_dup(b, 0);
    assert_int_equal(ik_lan_get_rsp_decode(p, 0, &v), IK_E_TRUNCATED);
    free(p);
    assert_int_equal(ik_lan_get_rsp_decode(b, sizeof(b), &v), IK_E_OVERSIZE);
    assert_int_equal(v.revision, 77);
    p = ik_test_dup(b, 1);
    assert_int_equal(ik_lan_get_rsp_decode(p, 1, &v), 0);
    assert_int_equal(v.revision, 0x11);
    assert_int_equal(v.len, 0);
    free(p);
    assert_int_equal(ik_lan_get_rsp_decode(b, sizeof(b) - 1, &v), 0);
    assert_int_equal(v.len, IK_LAN_PARAM_MAX);
    uint8_t out[sizeof(b) + 1];
    size_t w = 99;
    v.len = IK_LAN_PARAM_MAX + 1;
    assert_int_equal(ik_lan_get_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* ---- parameter data ------------------------------------------------------------------------ */

static void set_in_progress_decodes_the_state_and_drops_reserved_bits(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex("fe", &n); /* reserved bits 7:2 set, state 10b: commit write */
    struct ik_lan_set_in_progress v;
    assert_int_equal(ik_lan_set_in_progress_decode(b, n, &v), 0);
    assert_int_equal(v.state, IK_LAN_SET_COMMIT_WRITE);
    uint8_t out[1];
    assert_int_equal(ik_lan_set_in_progress_encode(&v, out, sizeof(out), &w), 0);
    assert_int_equal(out[0], 0x02);
    free(b);
    ROUND_TRIP(ik_lan_set_in_progress_decode, ik_lan_set_in_progress_encode,
               struct ik_lan_set_in_progress, "01");
    FIXED_LEN(ik_lan_set_in_progress_decode, struct ik_lan_set_in_progress, "01", 1);
    v.state = 4;
    assert_int_equal(ik_lan_set_in_progress_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
}

static void auth_types_and_enables_decode_per_level_bits(void **state)
{
    (void)state;
    /* Support: none, MD5, password, plus reserved bits 7 and 3 (dropped). */
    size_t n;
    uint8_t *b = ik_test_hex("9d", &n);
    struct ik_lan_auth_types t;
    assert_int_equal(ik_lan_auth_types_decode(b, n, &t), 0);
    assert_int_equal(t.types, IK_LAN_AUTH_NONE | IK_LAN_AUTH_MD5 | IK_LAN_AUTH_PASSWORD);
    free(b);
    ROUND_TRIP(ik_lan_auth_types_decode, ik_lan_auth_types_encode, struct ik_lan_auth_types, "37");
    FIXED_LEN(ik_lan_auth_types_decode, struct ik_lan_auth_types, "37", 1);
    /* Enables: callback none, user MD2, operator MD5, admin MD5|password, OEM OEM. */
    static const char en_hex[] = "01 02 04 14 20";
    b = ik_test_hex(en_hex, &n);
    struct ik_lan_auth_enables e;
    assert_int_equal(ik_lan_auth_enables_decode(b, n, &e), 0);
    assert_int_equal(e.level[IK_LAN_AUTH_CALLBACK], IK_LAN_AUTH_NONE);
    assert_int_equal(e.level[IK_LAN_AUTH_USER], IK_LAN_AUTH_MD2);
    assert_int_equal(e.level[IK_LAN_AUTH_OPERATOR], IK_LAN_AUTH_MD5);
    assert_int_equal(e.level[IK_LAN_AUTH_ADMIN], IK_LAN_AUTH_MD5 | IK_LAN_AUTH_PASSWORD);
    assert_int_equal(e.level[IK_LAN_AUTH_OEM_LEVEL], IK_LAN_AUTH_OEM);
    free(b);
    ROUND_TRIP(ik_lan_auth_enables_decode, ik_lan_auth_enables_encode, struct ik_lan_auth_enables,
               en_hex);
    FIXED_LEN(ik_lan_auth_enables_decode, struct ik_lan_auth_enables, en_hex, 5);
    uint8_t out[5];
    size_t w = 99;
    t.types = 0x08; /* reserved */
    assert_int_equal(ik_lan_auth_types_encode(&t, out, sizeof(out), &w), IK_E_RANGE);
    e.level[4] = 0x40;
    assert_int_equal(ik_lan_auth_enables_encode(&e, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

static void ipv4_and_mac_are_ms_byte_first(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("0a 00 00 fe", &n); /* 10.0.0.254 */
    struct ik_lan_ipv4 ip;
    assert_int_equal(ik_lan_ipv4_decode(b, n, &ip), 0);
    assert_memory_equal(ip.addr, "\x0a\x00\x00\xfe", 4);
    free(b);
    ROUND_TRIP(ik_lan_ipv4_decode, ik_lan_ipv4_encode, struct ik_lan_ipv4, "0a 00 00 fe");
    FIXED_LEN(ik_lan_ipv4_decode, struct ik_lan_ipv4, "0a 00 00 fe", 4);
    b = ik_test_hex("02 49 4b aa bb cc", &n); /* 02:49:4b:aa:bb:cc */
    struct ik_lan_mac mac;
    assert_int_equal(ik_lan_mac_decode(b, n, &mac), 0);
    assert_memory_equal(mac.addr, "\x02\x49\x4b\xaa\xbb\xcc", 6);
    free(b);
    ROUND_TRIP(ik_lan_mac_decode, ik_lan_mac_encode, struct ik_lan_mac, "02 49 4b aa bb cc");
    FIXED_LEN(ik_lan_mac_decode, struct ik_lan_mac, "02 49 4b aa bb cc", 6);
}

static void ip_source_decodes_the_low_nibble(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex("f2", &n); /* reserved 7:4 set, DHCP */
    struct ik_lan_ip_source v;
    assert_int_equal(ik_lan_ip_source_decode(b, n, &v), 0);
    assert_int_equal(v.source, IK_LAN_IP_DHCP);
    free(b);
    ROUND_TRIP(ik_lan_ip_source_decode, ik_lan_ip_source_encode, struct ik_lan_ip_source, "01");
    FIXED_LEN(ik_lan_ip_source_decode, struct ik_lan_ip_source, "01", 1);
    uint8_t out[1];
    v.source = 16;
    assert_int_equal(ik_lan_ip_source_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
}

static void cipher_suites_list_follows_a_reserved_byte(void **state)
{
    (void)state;
    static const char hex[] = "00 00 01 02 03 11"; /* suites 0, 1, 2, 3, 17 */
    size_t n;
    uint8_t *b = ik_test_hex(hex, &n);
    struct ik_lan_cipher_suites v;
    assert_int_equal(ik_lan_cipher_suites_decode(b, n, &v), 0);
    assert_int_equal(v.n, 5);
    assert_memory_equal(v.ids, "\x00\x01\x02\x03\x11", 5);
    free(b);
    ROUND_TRIP(ik_lan_cipher_suites_decode, ik_lan_cipher_suites_encode,
               struct ik_lan_cipher_suites, hex);
    uint8_t buf[IK_LAN_CIPHER_SUITES_MAX + 1] = {0};
    uint8_t *p = ik_test_dup(buf, 0);
    v.n = 77;
    assert_int_equal(ik_lan_cipher_suites_decode(p, 0, &v), IK_E_TRUNCATED);
    free(p);
    assert_int_equal(ik_lan_cipher_suites_decode(buf, sizeof(buf), &v), IK_E_OVERSIZE);
    assert_int_equal(v.n, 77);
    assert_int_equal(ik_lan_cipher_suites_decode(buf, 1, &v), 0);
    assert_int_equal(v.n, 0);
    assert_int_equal(ik_lan_cipher_suites_decode(buf, IK_LAN_CIPHER_SUITES_MAX, &v), 0);
    assert_int_equal(v.n, 16);
    uint8_t out[32];
    size_t w = 99;
    v.n = 17;
    assert_int_equal(ik_lan_cipher_suites_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

static void cipher_privs_pack_two_entries_per_byte_low_nibble_first(void **state)
{
    (void)state;
    /* Entry 0 admin (4h), entry 1 user (2h), entry 2 OEM (5h), entry 3 callback (1h),
     * entries 4-15 unused except 15 = Fh. */
    static const char hex[] = "00 24 15 00 00 00 00 00 f0";
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(hex, &n);
    struct ik_lan_cipher_privs v;
    assert_int_equal(ik_lan_cipher_privs_decode(b, n, &v), 0);
    assert_int_equal(v.priv[0], 4);
    assert_int_equal(v.priv[1], 2);
    assert_int_equal(v.priv[2], 5);
    assert_int_equal(v.priv[3], 1);
    assert_int_equal(v.priv[14], 0);
    assert_int_equal(v.priv[15], 0x0F);
    free(b);
    ROUND_TRIP(ik_lan_cipher_privs_decode, ik_lan_cipher_privs_encode, struct ik_lan_cipher_privs,
               hex);
    FIXED_LEN(ik_lan_cipher_privs_decode, struct ik_lan_cipher_privs, hex, 9);
    /* A non-zero reserved byte is dropped: the re-encoding tells a strict reader. */
    b = ik_test_hex("01 24 15 00 00 00 00 00 f0", &n);
    uint8_t out[IK_LAN_CIPHER_PRIVS_LEN];
    assert_int_equal(ik_lan_cipher_privs_decode(b, n, &v), 0);
    assert_int_equal(ik_lan_cipher_privs_encode(&v, out, sizeof(out), &w), 0);
    assert_int_equal(out[0], 0);
    free(b);
    v.priv[7] = 16;
    w = 99;
    assert_int_equal(ik_lan_cipher_privs_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lan_set_req_decodes_channel_param_and_data),
        cmocka_unit_test(lan_set_req_rejects_short_long_and_reserved_channel_bits),
        cmocka_unit_test(lan_set_req_encode_refuses_out_of_range_fields),
        cmocka_unit_test(lan_get_req_decodes_every_field),
        cmocka_unit_test(lan_get_req_rejects_other_lengths_and_reserved_bits),
        cmocka_unit_test(lan_get_rsp_decodes_revision_and_borrows_the_data),
        cmocka_unit_test(lan_get_rsp_revision_only_is_one_byte_and_long_input_is_refused),
        cmocka_unit_test(set_in_progress_decodes_the_state_and_drops_reserved_bits),
        cmocka_unit_test(auth_types_and_enables_decode_per_level_bits),
        cmocka_unit_test(ipv4_and_mac_are_ms_byte_first),
        cmocka_unit_test(ip_source_decodes_the_low_nibble),
        cmocka_unit_test(cipher_suites_list_follows_a_reserved_byte),
        cmocka_unit_test(cipher_privs_pack_two_entries_per_byte_low_nibble_first),
    };
    return cmocka_run_group_tests(tests, NULL, codectest_free);
}
