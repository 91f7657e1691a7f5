/* NetFn Transport command payloads (lib/msg_transport.c): decode, encode, and the lengths
 * and reserved bits refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "msg_transport.h"
#include "testutil.h"

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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
