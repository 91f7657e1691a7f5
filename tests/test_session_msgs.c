/* Data codecs of the LAN session commands (lanmsg.h) and the sequence-number window. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lanmsg.h"
#include "session15.h"
#include "testutil.h"

/* Every strict prefix of buf fails with dec; buf + 1 byte fails with IK_E_OVERSIZE. */
#define EXPECT_EXACT(dec, type, buf, n)                                                            \
    do {                                                                                           \
        type o_;                                                                                   \
        for (size_t i_ = 0; i_ < (n); i_++) {                                                      \
            uint8_t *p_ = ik_test_dup((buf), i_);                                                  \
            assert_int_equal(dec(p_, i_, &o_), IK_E_TRUNCATED);                                    \
            free(p_);                                                                              \
        }                                                                                          \
        uint8_t big_[64] = {0};                                                                    \
        memcpy(big_, (buf), (n));                                                                  \
        uint8_t *p_ = ik_test_dup(big_, (n) + 1);                                                  \
        assert_int_equal(dec(p_, (n) + 1, &o_), IK_E_OVERSIZE);                                    \
        free(p_);                                                                                  \
    } while (0)

static void authcap_request_packs_channel_ext_bit_and_privilege(void **state)
{
    (void)state;
    struct ik_authcap_req q = {IK_CHANNEL_THIS, true, IK_PRIV_ADMIN}, r;
    uint8_t b[4];
    size_t n;
    assert_int_equal(ik_authcap_req_encode(&q, b, sizeof(b), &n), 0);
    assert_int_equal(n, 2);
    assert_memory_equal(b, "\x8e\x04", 2); /* what ipmitool lanplus sends */
    assert_int_equal(ik_authcap_req_decode(b, n, &r), 0);
    assert_true(r.ext);
    assert_int_equal(r.channel, 0x0E);
    EXPECT_EXACT(ik_authcap_req_decode, struct ik_authcap_req, b, n);
    q.priv = 16;
    assert_int_equal(ik_authcap_req_encode(&q, b, sizeof(b), &n), IK_E_RANGE);
}

static void authcap_response_decodes_ipmi_sim_answer(void **state)
{
    (void)state;
    /* ipmi_sim's answer to FreeIPMI (see tests/vectors/lan_s15_freeipmi.hex): channel 1,
     * none/MD2/MD5/password, non-null users and anonymous login, no 2.0 data asked. */
    size_t n;
    uint8_t *b = ik_test_hex("00 01 17 05 00 00 00 00 00", &n);
    struct ik_authcap a;
    assert_int_equal(ik_authcap_decode(b, n, &a), 0);
    assert_int_equal(a.channel, 1);
    assert_int_equal(a.auth_types,
                     IK_AUTHCAP_NONE | IK_AUTHCAP_MD2 | IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD);
    assert_true(a.non_null_users && a.anonymous);
    assert_false(a.null_users || a.ext || a.kg_set || a.per_msg_disabled);
    EXPECT_EXACT(ik_authcap_decode, struct ik_authcap, b, n);
    /* Round trip of an extended answer. */
    struct ik_authcap e = {0}, d;
    uint8_t out[16];
    size_t w;
    e.channel = 1;
    e.auth_types = IK_AUTHCAP_MD5;
    e.ext = e.v20 = e.v15 = e.kg_set = true;
    assert_int_equal(ik_authcap_encode(&e, out, sizeof(out), &w), 0);
    assert_memory_equal(out, "\x00\x01\x84\x20\x03\x00\x00\x00\x00", 9);
    assert_int_equal(ik_authcap_decode(out, w, &d), 0);
    assert_true(d.v20 && d.v15 && d.kg_set && d.ext);
    /* A completion code alone is a valid answer. */
    assert_int_equal(ik_authcap_decode((const uint8_t *)"\xcc", 1, &d), 0);
    assert_int_equal(d.cc, 0xCC);
    free(b);
}

static void challenge_and_activate_codecs_are_exact(void **state)
{
    (void)state;
    uint8_t b[32];
    size_t n;
    struct ik_chal_req cq = {IK_AUTH_MD5, "admin"};
    assert_int_equal(ik_chal_req_encode(&cq, b, sizeof(b), &n), 0);
    assert_int_equal(n, 17);
    EXPECT_EXACT(ik_chal_req_decode, struct ik_chal_req, b, n);
    struct ik_chal_rsp cr = {0, 0x11223344, {1, 2, 3}}, cd;
    assert_int_equal(ik_chal_rsp_encode(&cr, b, sizeof(b), &n), 0);
    assert_int_equal(n, 21);
    assert_int_equal(ik_chal_rsp_decode(b, n, &cd), 0);
    assert_int_equal(cd.temp_sid, 0x11223344);
    EXPECT_EXACT(ik_chal_rsp_decode, struct ik_chal_rsp, b, n);
    struct ik_act_req aq = {IK_AUTH_MD5, IK_PRIV_ADMIN, {9}, 0x01020304}, ad;
    assert_int_equal(ik_act_req_encode(&aq, b, sizeof(b), &n), 0);
    assert_int_equal(n, 22);
    assert_int_equal(ik_act_req_decode(b, n, &ad), 0);
    assert_int_equal(ad.out_seq, 0x01020304);
    EXPECT_EXACT(ik_act_req_decode, struct ik_act_req, b, n);
    struct ik_act_rsp ar = {0, IK_AUTH_MD5, 0x82, 0x2BFD0F3C, IK_PRIV_USER}, a2;
    assert_int_equal(ik_act_rsp_encode(&ar, b, sizeof(b), &n), 0);
    assert_int_equal(n, 11);
    EXPECT_EXACT(ik_act_rsp_decode, struct ik_act_rsp, b, n);
    ar.cc = 0x86;
    assert_int_equal(ik_act_rsp_encode(&ar, b, sizeof(b), &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ik_act_rsp_decode(b, n, &a2), 0);
    assert_int_equal(a2.cc, 0x86);
}

static void close_request_has_handle_only_for_session_zero(void **state)
{
    (void)state;
    struct ik_close_req q;
    assert_int_equal(ik_close_req_decode((const uint8_t *)"\x02\x01\x00\x00", 4, &q), 0);
    assert_int_equal(q.sid, 0x102);
    assert_int_equal(ik_close_req_decode((const uint8_t *)"\x02\x01\x00\x00\x05", 5, &q),
                     IK_E_OVERSIZE);
    assert_int_equal(ik_close_req_decode((const uint8_t *)"\x00\x00\x00\x00\x05", 5, &q), 0);
    assert_int_equal(q.handle, 5);
    assert_int_equal(ik_close_req_decode((const uint8_t *)"\x00\x00\x00\x00", 4, &q),
                     IK_E_TRUNCATED);
}

static void suites_request_packs_list_index_and_mode(void **state)
{
    (void)state;
    struct ik_suites_req q = {IK_CHANNEL_THIS, 0, true, 3}, r;
    uint8_t b[4];
    size_t n;
    assert_int_equal(ik_suites_req_encode(&q, b, sizeof(b), &n), 0);
    assert_memory_equal(b, "\x0e\x00\x83", 3);
    assert_int_equal(ik_suites_req_decode(b, n, &r), 0);
    assert_true(r.by_suite);
    assert_int_equal(r.index, 3);
    EXPECT_EXACT(ik_suites_req_decode, struct ik_suites_req, b, n);
    q.index = 0x40;
    assert_int_equal(ik_suites_req_encode(&q, b, sizeof(b), &n), IK_E_RANGE);
}

static void seqwin_accepts_ahead_and_unseen_behind_only(void **state)
{
    (void)state;
    struct ik_seqwin w;
    ik_seqwin_init(&w, 100);
    assert_int_equal(ik_seqwin_accept(&w, 99, 8, 8, false), IK_SEQWIN_REPEAT); /* first-1 */
    assert_int_equal(ik_seqwin_accept(&w, 100, 8, 8, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 100, 8, 8, false), IK_SEQWIN_REPEAT);
    assert_int_equal(ik_seqwin_accept(&w, 100, 8, 8, true), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 109, 8, 8, false), IK_SEQWIN_OUTSIDE);
    assert_int_equal(ik_seqwin_accept(&w, 108, 8, 8, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 101, 8, 8, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 99, 8, 8, false), IK_SEQWIN_OUTSIDE);
    /* Wrap-around at 2^32. */
    ik_seqwin_init(&w, 0xFFFFFFFE);
    assert_int_equal(ik_seqwin_accept(&w, 0xFFFFFFFE, 16, 15, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 3, 16, 15, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 0xFFFFFFFF, 16, 15, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 0xFFFFFFFF, 16, 15, false), IK_SEQWIN_REPEAT);
    /* A jump of more than 31 forgets the old bitmap safely. */
    ik_seqwin_init(&w, 1);
    assert_int_equal(ik_seqwin_accept(&w, 40, 64, 64, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 39, 64, 64, false), IK_SEQWIN_OK);
    assert_int_equal(ik_seqwin_accept(&w, 2, 64, 64, false), IK_SEQWIN_OUTSIDE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(authcap_request_packs_channel_ext_bit_and_privilege),
        cmocka_unit_test(authcap_response_decodes_ipmi_sim_answer),
        cmocka_unit_test(challenge_and_activate_codecs_are_exact),
        cmocka_unit_test(close_request_has_handle_only_for_session_zero),
        cmocka_unit_test(suites_request_packs_list_index_and_mode),
        cmocka_unit_test(seqwin_accepts_ahead_and_unseen_behind_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
