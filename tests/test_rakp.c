/* RAKP: Open Session / RAKP 1-4 codecs and the key computations, pinned with the
 * ipmitool <-> ipmi_sim suite 3 handshake in tests/vectors/lan_rakp_ipmitool.hex. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rakp.h"
#include "testutil.h"

static struct ik_test_vec *V;
static size_t NV;

static const struct ik_test_vec *vec(const char *name)
{
    size_t l = strlen(name);
    for (size_t i = 0; i < NV; i++)
        if (strncmp(V[i].label, name, l) == 0 && (V[i].label[l] == 0 || V[i].label[l] == ' '))
            return &V[i];
    fail_msg("vector %s missing", name);
    return NULL;
}

static int setup(void **state)
{
    (void)state;
    V = ik_test_load_vectors("lan_rakp_ipmitool.hex", &NV);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ik_test_free_vectors(V, NV);
    return 0;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void ctx_from_vectors(struct ik_rakp_ctx *c)
{
    memset(c, 0, sizeof(*c));
    c->auth_alg = IK_RAKP_HMAC_SHA1;
    c->sid_m = le32(vec("sid_m")->data);
    c->sid_c = le32(vec("sid_c")->data);
    memcpy(c->rm, vec("rm")->data, 16);
    memcpy(c->rc, vec("rc")->data, 16);
    memcpy(c->guid, vec("guid")->data, 16);
    c->role = 0x14;
    c->name_len = 5;
    memcpy(c->name, "admin", 5);
    memcpy(c->kuid, "password", 8);
}

static void rakp_codes_match_ipmitool_and_ipmi_sim(void **state)
{
    (void)state;
    struct ik_rakp_ctx c;
    uint8_t out[32], sik[32];
    ctx_from_vectors(&c);
    assert_int_equal(ik_rakp2_code(&c, out), 20);
    assert_memory_equal(out, vec("rakp2_code")->data, 20);
    assert_int_equal(ik_rakp3_code(&c, out), 20);
    assert_memory_equal(out, vec("rakp3_code")->data, 20);
    assert_int_equal(ik_rakp_sik(&c, sik), 20);
    assert_memory_equal(sik, vec("sik")->data, 20);
    assert_int_equal(ik_rakp_kn(c.auth_alg, sik, 20, 1, out), 20);
    assert_memory_equal(out, vec("k1")->data, 20);
    assert_int_equal(ik_rakp_kn(c.auth_alg, sik, 20, 2, out), 20);
    assert_memory_equal(out, vec("k2")->data, 20);
    assert_int_equal(ik_rakp4_icv(&c, sik, 20, out), 12);
    assert_memory_equal(out, vec("rakp4_icv")->data, 12);
}

static void rakp_sik_uses_kg_when_set_and_password_otherwise(void **state)
{
    (void)state;
    struct ik_rakp_ctx c;
    uint8_t a[32], b[32];
    ctx_from_vectors(&c);
    assert_int_equal(ik_rakp_sik(&c, a), 20);
    memcpy(c.kg, "password", 8); /* a K_G equal to the password changes nothing */
    c.kg_set = true;
    assert_int_equal(ik_rakp_sik(&c, b), 20);
    assert_memory_equal(a, b, 20);
    c.kg[0] = 'P';
    assert_int_equal(ik_rakp_sik(&c, b), 20);
    assert_memory_not_equal(a, b, 20);
    /* RAKP 2/3 codes never use K_G. */
    assert_int_equal(ik_rakp2_code(&c, b), 20);
    assert_memory_equal(b, vec("rakp2_code")->data, 20);
}

static void rakp_role_byte_enters_the_hashes_whole(void **state)
{
    (void)state;
    struct ik_rakp_ctx c;
    uint8_t a[32];
    ctx_from_vectors(&c);
    c.role = 0x04; /* lookup bit cleared: a different code */
    assert_int_equal(ik_rakp2_code(&c, a), 20);
    assert_memory_not_equal(a, vec("rakp2_code")->data, 20);
}

static void rakp_lengths_follow_the_algorithm(void **state)
{
    (void)state;
    assert_int_equal(ik_rakp_kex_len(IK_RAKP_NONE), 0);
    assert_int_equal(ik_rakp_kex_len(IK_RAKP_HMAC_SHA1), 20);
    assert_int_equal(ik_rakp_kex_len(IK_RAKP_HMAC_MD5), 16);
    assert_int_equal(ik_rakp_kex_len(IK_RAKP_HMAC_SHA256), 32);
    assert_int_equal(ik_rakp_kex_len(4), IK_E_UNSUPPORTED);
    assert_int_equal(ik_rakp_icv_len(IK_RAKP_HMAC_SHA1), 12);
    assert_int_equal(ik_rakp_icv_len(IK_RAKP_HMAC_MD5), 16);
    assert_int_equal(ik_rakp_icv_len(IK_RAKP_HMAC_SHA256), 16);
    struct ik_rakp_ctx c;
    uint8_t sik[32], out[32];
    ctx_from_vectors(&c);
    c.auth_alg = IK_RAKP_HMAC_SHA256;
    assert_int_equal(ik_rakp_sik(&c, sik), 32);
    assert_int_equal(ik_rakp_kn(c.auth_alg, sik, 32, 1, out), 32);
    assert_int_equal(ik_rakp4_icv(&c, sik, 32, out), 16);
    c.auth_alg = IK_RAKP_NONE;
    assert_int_equal(ik_rakp2_code(&c, out), 0);
}

static void open_session_request_round_trips_and_checks_payload_headers(void **state)
{
    (void)state;
    struct ik_open_req q = {7, 4, 0xa0a2a3a4, 1, 1, 1}, r;
    uint8_t b[40];
    size_t n;
    assert_int_equal(ik_open_req_encode(&q, b, sizeof(b), &n), 0);
    assert_int_equal(n, 32);
    assert_memory_equal(b + 8, "\x00\x00\x00\x08\x01\x00\x00\x00", 8);
    assert_memory_equal(b + 16, "\x01\x00\x00\x08\x01\x00\x00\x00", 8);
    assert_int_equal(ik_open_req_decode(b, n, &r), 0);
    assert_int_equal(r.sid_m, 0xa0a2a3a4);
    assert_int_equal(r.conf_alg, 1);
    for (size_t i = 0; i < n; i++) {
        uint8_t *p = ik_test_dup(b, i);
        assert_int_equal(ik_open_req_decode(p, i, &r), IK_E_TRUNCATED);
        free(p);
    }
    uint8_t *p = ik_test_dup(b, 33);
    assert_int_equal(ik_open_req_decode(p, 33, &r), IK_E_OVERSIZE);
    free(p);
    b[16] = 2; /* integrity payload labelled as confidentiality */
    assert_int_equal(ik_open_req_decode(b, n, &r), IK_E_BADFIELD);
    b[16] = 1;
    b[19] = 0; /* payload length other than 08h */
    assert_int_equal(ik_open_req_decode(b, n, &r), IK_E_BADFIELD);
}

static void open_session_response_error_form_is_8_bytes(void **state)
{
    (void)state;
    struct ik_open_rsp e = {.tag = 3, .status = IK_RAKP_NO_CIPHER_SUITE, .sid_m = 9}, d;
    uint8_t b[40];
    size_t n;
    assert_int_equal(ik_open_rsp_encode(&e, b, sizeof(b), &n), 0);
    assert_int_equal(n, 8);
    assert_int_equal(ik_open_rsp_decode(b, n, &d), 0);
    assert_int_equal(d.status, IK_RAKP_NO_CIPHER_SUITE);
    assert_int_equal(d.sid_m, 9);
    struct ik_open_rsp ok = {3, 0, 4, 9, 0x102, 3, 4, 1};
    assert_int_equal(ik_open_rsp_encode(&ok, b, sizeof(b), &n), 0);
    assert_int_equal(n, 36);
    for (size_t i = 0; i < n; i++) {
        uint8_t *p = ik_test_dup(b, i);
        assert_int_not_equal(ik_open_rsp_decode(p, i, &d), 0);
        free(p);
    }
    assert_int_equal(ik_open_rsp_decode(b, n, &d), 0);
    assert_int_equal(d.sid_c, 0x102);
    assert_int_equal(d.integ_alg, 4);
    assert_string_equal(ik_rakp_status_name(0x0D), "unauthorized name");
    assert_null(ik_rakp_status_name(0x13));
}

static void rakp1_checks_name_length_and_role_bits(void **state)
{
    (void)state;
    struct ik_rakp1 q, r;
    uint8_t b[64];
    size_t n;
    memset(&q, 0, sizeof(q));
    q.tag = 1;
    q.sid_c = 0x102;
    q.role = 0x14;
    q.name_len = 16;
    memset(q.name, 'a', 16);
    assert_int_equal(ik_rakp1_encode(&q, b, sizeof(b), &n), 0);
    assert_int_equal(n, 44);
    assert_int_equal(ik_rakp1_decode(b, n, &r), 0);
    assert_int_equal(r.name_len, 16);
    for (size_t i = 0; i < n; i++) {
        uint8_t *p = ik_test_dup(b, i);
        assert_int_equal(ik_rakp1_decode(p, i, &r), IK_E_TRUNCATED);
        free(p);
    }
    b[27] = 17; /* name length 17: status 0Ch territory */
    assert_int_equal(ik_rakp1_decode(b, n, &r), IK_E_RANGE);
    b[27] = 15; /* one byte too many */
    assert_int_equal(ik_rakp1_decode(b, n, &r), IK_E_OVERSIZE);
    b[27] = 16;
    b[24] = 0x24; /* reserved role bit 5 */
    assert_int_equal(ik_rakp1_decode(b, n, &r), IK_E_BADFIELD);
    q.name_len = 17;
    assert_int_equal(ik_rakp1_encode(&q, b, sizeof(b), &n), IK_E_RANGE);
}

static void rakp2_3_4_round_trip_and_error_forms(void **state)
{
    (void)state;
    for (int which = 2; which <= 4; which++) {
        struct ik_rakp_msg m, d;
        uint8_t b[80];
        size_t n;
        memset(&m, 0, sizeof(m));
        m.tag = 5;
        m.sid = 0x1234;
        memset(m.rc, 0xAB, 16);
        memset(m.guid, 0xCD, 16);
        m.code_len = 20;
        memset(m.code, 0xEF, 20);
        assert_int_equal(ik_rakp_msg_encode(which, &m, b, sizeof(b), &n), 0);
        assert_int_equal(n, (size_t)(8 + (which == 2 ? 32 : 0) + 20));
        assert_int_equal(ik_rakp_msg_decode(which, b, n, &d), 0);
        assert_int_equal(d.code_len, 20);
        assert_memory_equal(d.code, m.code, 20);
        for (size_t i = 0; i < 8; i++) {
            uint8_t *p = ik_test_dup(b, i);
            assert_int_equal(ik_rakp_msg_decode(which, p, i, &d), IK_E_TRUNCATED);
            free(p);
        }
        m.status = IK_RAKP_UNAUTHORIZED_NAME;
        assert_int_equal(ik_rakp_msg_encode(which, &m, b, sizeof(b), &n), 0);
        assert_int_equal(n, 8);
        assert_int_equal(ik_rakp_msg_decode(which, b, n, &d), 0);
        assert_int_equal(d.status, IK_RAKP_UNAUTHORIZED_NAME);
        assert_int_equal(d.code_len, 0);
    }
    struct ik_rakp_msg d;
    uint8_t big[8 + 33] = {0};
    assert_int_equal(ik_rakp_msg_decode(3, big, sizeof(big), &d), IK_E_OVERSIZE);
    assert_int_equal(ik_rakp_msg_decode(5, big, sizeof(big), &d), IK_E_INVAL);
    uint8_t short2[8 + 20] = {0}; /* RAKP 2 without room for Rc and GUID */
    assert_int_equal(ik_rakp_msg_decode(2, short2, sizeof(short2), &d), IK_E_TRUNCATED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rakp_codes_match_ipmitool_and_ipmi_sim),
        cmocka_unit_test(rakp_sik_uses_kg_when_set_and_password_otherwise),
        cmocka_unit_test(rakp_role_byte_enters_the_hashes_whole),
        cmocka_unit_test(rakp_lengths_follow_the_algorithm),
        cmocka_unit_test(open_session_request_round_trips_and_checks_payload_headers),
        cmocka_unit_test(open_session_response_error_form_is_8_bytes),
        cmocka_unit_test(rakp1_checks_name_length_and_role_bits),
        cmocka_unit_test(rakp2_3_4_round_trip_and_error_forms),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
