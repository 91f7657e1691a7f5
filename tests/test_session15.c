/* IPMI 1.5 session wrapper: header layout, AuthCodes against FreeIPMI/ipmi_sim packets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmimsg.h"
#include "lanmsg.h"
#include "session15.h"
#include "testutil.h"

static const uint8_t pw16[16] = "password";

static const struct ik_test_vec *vec(const struct ik_test_vec *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].label, name) == 0)
            return &v[i];
    fail_msg("vector %s missing", name);
    return NULL;
}

static void s15_verifies_freeipmi_activate_session_md5_authcode(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("lan_s15_freeipmi.hex", &n);
    const struct ik_test_vec *q = vec(v, n, "activate_req");
    struct ik_s15 s;
    assert_int_equal(ik_s15_decode(q->data, q->len, &s), 0);
    assert_int_equal(s.auth_type, IK_AUTH_MD5);
    assert_int_equal(s.seq, 0);
    assert_int_equal(s.sid, 5);
    assert_int_equal(s.msg_len, 29);
    assert_true(ik_s15_verify(&s, pw16));
    uint8_t wrong[16] = "passwore";
    assert_false(ik_s15_verify(&s, wrong));
    /* The message inside is a well-formed Activate Session request. */
    struct ik_ipmimsg m;
    struct ik_act_req a;
    assert_int_equal(ik_ipmimsg_decode(s.msg, s.msg_len, &m), 0);
    assert_int_equal(m.cmd, IK_CMD_ACTIVATE_SESSION);
    assert_int_equal(ik_act_req_decode(m.data, m.data_len, &a), 0);
    assert_int_equal(a.out_seq, 0x092B40D3);
    ik_test_free_vectors(v, n);
}

static void s15_verifies_ipmi_sim_activate_response_and_reencodes_it(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("lan_s15_freeipmi.hex", &n);
    const struct ik_test_vec *r = vec(v, n, "activate_rsp");
    struct ik_s15 s;
    assert_int_equal(ik_s15_decode(r->data, r->len, &s), 0);
    assert_int_equal(s.seq, 0x092B40D3);
    assert_true(ik_s15_verify(&s, pw16));
    uint8_t out[128];
    size_t w;
    assert_int_equal(
        ik_s15_encode(s.auth_type, s.seq, s.sid, pw16, s.msg, s.msg_len, out, sizeof(out), &w), 0);
    assert_int_equal(w, r->len);
    assert_memory_equal(out, r->data, w);
    struct ik_ipmimsg m;
    struct ik_act_rsp a;
    assert_int_equal(ik_ipmimsg_decode(s.msg, s.msg_len, &m), 0);
    assert_int_equal(ik_act_rsp_decode(m.data, m.data_len, &a), 0);
    assert_int_equal(a.sid, 0x82);
    assert_int_equal(a.in_seq, 0x2BFD0F3C);
    ik_test_free_vectors(v, n);
}

static void s15_rejects_every_prefix_of_a_datagram(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("lan_s15_freeipmi.hex", &n);
    struct ik_s15 s;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < v[k].len; i++) {
            uint8_t *p = ik_test_dup(v[k].data, i);
            assert_int_not_equal(ik_s15_decode(p, i, &s), 0);
            free(p);
        }
    ik_test_free_vectors(v, n);
}

static void s15_accepts_one_zero_legacy_pad_byte_only(void **state)
{
    (void)state;
    uint8_t msg[7] = {0x20, 0x18, 0xc8, 0x81, 0x04, 0x38, 0x43}, out[64];
    size_t w;
    struct ik_s15 s;
    assert_int_equal(ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, 7, out, sizeof(out), &w), 0);
    assert_int_equal(w, 4 + 10 + 7);
    out[w] = 0;
    uint8_t *p = ik_test_dup(out, w + 1);
    assert_int_equal(ik_s15_decode(p, w + 1, &s), 0);
    assert_true(s.legacy_pad);
    p[w] = 1;
    assert_int_equal(ik_s15_decode(p, w + 1, &s), IK_E_BADFIELD);
    free(p);
    out[w + 1] = 0;
    p = ik_test_dup(out, w + 2);
    assert_int_equal(ik_s15_decode(p, w + 2, &s), IK_E_OVERSIZE);
    free(p);
}

static void s15_straight_password_authcode_is_the_password(void **state)
{
    (void)state;
    uint8_t code[16], msg[3] = {1, 2, 3};
    assert_int_equal(ik_s15_authcode(IK_AUTH_PASSWORD, pw16, 1, 2, msg, 3, code), 0);
    assert_memory_equal(code, pw16, 16);
    assert_int_equal(ik_s15_authcode(IK_AUTH_OEM, pw16, 1, 2, msg, 3, code), IK_E_UNSUPPORTED);
}

static void s15_md2_and_md5_authcodes_cover_session_id_and_sequence(void **state)
{
    (void)state;
    uint8_t msg[7] = {0x20, 0x18, 0xc8, 0x81, 0x04, 0x01, 0x7a}, a[16], b[16];
    for (uint8_t t = IK_AUTH_MD2; t <= IK_AUTH_MD5; t++) {
        assert_int_equal(ik_s15_authcode(t, pw16, 0x11223344, 9, msg, 7, a), 0);
        assert_int_equal(ik_s15_authcode(t, pw16, 0x11223345, 9, msg, 7, b), 0);
        assert_memory_not_equal(a, b, 16);
        assert_int_equal(ik_s15_authcode(t, pw16, 0x11223344, 10, msg, 7, b), 0);
        assert_memory_not_equal(a, b, 16);
    }
}

static void s15_rejects_rmcpplus_oem_and_unknown_auth_types(void **state)
{
    (void)state;
    struct ik_s15 s;
    for (uint8_t t = 3; t < 16; t++) {
        if (t == IK_AUTH_PASSWORD)
            continue;
        uint8_t b[15] = {6, 0, 0xff, 7, t, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        uint8_t *p = ik_test_dup(b, 14);
        assert_int_equal(ik_s15_decode(p, 14, &s), IK_E_UNSUPPORTED);
        free(p);
    }
    uint8_t asf[14] = {6, 0, 0xff, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(ik_s15_decode(asf, 14, &s), IK_E_UNSUPPORTED);
}

static void s15_encode_refuses_oversized_message(void **state)
{
    (void)state;
    static uint8_t big[256], out[400];
    size_t w;
    assert_int_equal(ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, big, 256, out, sizeof(out), &w),
                     IK_E_RANGE);
    assert_int_equal(ik_s15_encode(IK_AUTH_MD5, 0, 0, pw16, big, 255, out, 40, &w), IK_E_NOSPACE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(s15_verifies_freeipmi_activate_session_md5_authcode),
        cmocka_unit_test(s15_verifies_ipmi_sim_activate_response_and_reencodes_it),
        cmocka_unit_test(s15_rejects_every_prefix_of_a_datagram),
        cmocka_unit_test(s15_accepts_one_zero_legacy_pad_byte_only),
        cmocka_unit_test(s15_straight_password_authcode_is_the_password),
        cmocka_unit_test(s15_md2_and_md5_authcodes_cover_session_id_and_sequence),
        cmocka_unit_test(s15_rejects_rmcpplus_oem_and_unknown_auth_types),
        cmocka_unit_test(s15_encode_refuses_oversized_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
