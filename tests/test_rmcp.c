/* RMCP header and ASF Presence Ping/Pong: field layout, bounds, bad fields. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rmcp.h"
#include "testutil.h"

static void rmcp_decodes_ipmi_class_header_and_borrows_body(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("06 00 ff 07 00 aa", &n);
    struct ik_rmcp r;
    assert_int_equal(ik_rmcp_decode(b, n, &r), 0);
    assert_int_equal(r.seq, 0xFF);
    assert_int_equal(r.cls, IK_RMCP_CLASS_IPMI);
    assert_false(r.ack);
    assert_int_equal(r.body_len, 2);
    assert_ptr_equal(r.body, b + 4);
    free(b);
}

static void rmcp_rejects_every_prefix_of_the_header(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x06\x00\xff\x07", 4);
    struct ik_rmcp r;
    for (size_t i = 0; i < 4; i++) {
        uint8_t *p = ik_test_dup(b, i);
        assert_int_equal(ik_rmcp_decode(p, i, &r), IK_E_TRUNCATED);
        free(p);
    }
    assert_int_equal(ik_rmcp_decode(b, 4, &r), 0);
    assert_null(r.body);
    free(b);
}

static void rmcp_rejects_bad_version_reserved_and_class_bits(void **state)
{
    (void)state;
    struct ik_rmcp r;
    memset(&r, 0x5A, sizeof(r));
    uint8_t *b = ik_test_dup("\x05\x00\xff\x07", 4);
    assert_int_equal(ik_rmcp_decode(b, 4, &r), IK_E_UNSUPPORTED);
    assert_int_equal(r.seq, 0x5A); /* *out untouched on failure */
    b[0] = 6;
    b[1] = 1;
    assert_int_equal(ik_rmcp_decode(b, 4, &r), IK_E_BADFIELD);
    b[1] = 0;
    b[3] = 0x27; /* reserved bit 5 */
    assert_int_equal(ik_rmcp_decode(b, 4, &r), IK_E_BADFIELD);
    free(b);
}

static void rmcp_ack_echoes_sequence_and_sets_bit7(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x06\x00\x05\x06\x00", 5), out[8];
    struct ik_rmcp r;
    size_t n;
    assert_int_equal(ik_rmcp_decode(b, 5, &r), 0);
    assert_int_equal(ik_rmcp_ack_encode(&r, out, sizeof(out), &n), 0);
    assert_int_equal(n, 4);
    assert_memory_equal(out, "\x06\x00\x05\x86", 4);
    r.seq = 0xFF; /* FFh asks for no ACK */
    assert_int_equal(ik_rmcp_ack_encode(&r, out, sizeof(out), &n), IK_E_INVAL);
    free(b);
}

static void asf_ping_encodes_as_ipmitool_sends_it(void **state)
{
    (void)state;
    uint8_t out[16];
    size_t n;
    assert_int_equal(ik_asf_ping_encode(0x11, out, sizeof(out), &n), 0);
    /* RMCP ASF class, IANA 4542 big-endian, type 80h, tag, reserved, length 0 */
    assert_int_equal(n, 12);
    assert_memory_equal(out, "\x06\x00\xff\x06\x00\x00\x11\xbe\x80\x11\x00\x00", 12);
    assert_int_equal(ik_asf_ping_encode(0, out, 11, &n), IK_E_NOSPACE);
}

static void asf_pong_round_trips_and_checks_length(void **state)
{
    (void)state;
    uint8_t out[32];
    size_t n;
    struct ik_asf_pong p = {IK_ASF_IANA, 0x01020304, 0x81, 0x20}, q;
    assert_int_equal(ik_asf_pong_encode(7, &p, out, sizeof(out), &n), 0);
    assert_int_equal(n, 28);
    struct ik_rmcp r;
    struct ik_asf a;
    assert_int_equal(ik_rmcp_decode(out, n, &r), 0);
    assert_int_equal(r.cls, IK_RMCP_CLASS_ASF);
    assert_int_equal(ik_asf_decode(r.body, r.body_len, &a), 0);
    assert_int_equal(a.iana, 4542);
    assert_int_equal(a.type, IK_ASF_TYPE_PONG);
    assert_int_equal(a.tag, 7);
    assert_int_equal(a.data_len, 16);
    assert_int_equal(ik_asf_pong_decode(a.data, a.data_len, &q), 0);
    assert_int_equal(q.oem, 0x01020304);
    assert_int_equal(q.entities, 0x81);
    assert_int_equal(q.interactions, 0x20);
    /* Data length byte disagreeing with the bytes present, both ways. */
    for (size_t i = 0; i < r.body_len; i++)
        assert_int_equal(ik_asf_decode(r.body, i, &a), IK_E_TRUNCATED);
    uint8_t big[40];
    memcpy(big, r.body, r.body_len);
    big[r.body_len] = 0;
    assert_int_equal(ik_asf_decode(big, r.body_len + 1, &a), IK_E_OVERSIZE);
    assert_int_equal(ik_asf_pong_decode(a.data, 15, &q), IK_E_TRUNCATED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rmcp_decodes_ipmi_class_header_and_borrows_body),
        cmocka_unit_test(rmcp_rejects_every_prefix_of_the_header),
        cmocka_unit_test(rmcp_rejects_bad_version_reserved_and_class_bits),
        cmocka_unit_test(rmcp_ack_echoes_sequence_and_sets_bit7),
        cmocka_unit_test(asf_ping_encodes_as_ipmitool_sends_it),
        cmocka_unit_test(asf_pong_round_trips_and_checks_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
