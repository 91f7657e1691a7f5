/* IPMB / LAN message framing: checksums, field packing, response headers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmimsg.h"
#include "testutil.h"

static void ipmimsg_decodes_get_device_id_request(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("ipmimsg.hex", &n);
    assert_true(n >= 2);
    struct ik_ipmimsg m;
    assert_int_equal(ik_ipmimsg_decode(v[0].data, v[0].len, &m), 0);
    assert_int_equal(m.dst_addr, 0x20);
    assert_int_equal(m.netfn, 0x06);
    assert_int_equal(m.dst_lun, 0);
    assert_int_equal(m.src_addr, 0x81);
    assert_int_equal(m.seq, 1);
    assert_int_equal(m.cmd, 0x01);
    assert_int_equal(m.data_len, 0);
    assert_null(m.data);
    ik_test_free_vectors(v, n);
}

static void ipmimsg_response_keeps_completion_code_in_data0(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("ipmimsg.hex", &n);
    struct ik_ipmimsg m;
    assert_int_equal(ik_ipmimsg_decode(v[1].data, v[1].len, &m), 0);
    assert_true(ik_netfn_is_response(m.netfn));
    assert_int_equal(m.data_len, 16);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 0x20); /* device ID */
    ik_test_free_vectors(v, n);
}

static void ipmimsg_encode_round_trips_every_vector(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("ipmimsg.hex", &n);
    for (size_t i = 0; i < n; i++) {
        struct ik_ipmimsg m;
        uint8_t out[64];
        size_t w = 0;
        assert_int_equal(ik_ipmimsg_decode(v[i].data, v[i].len, &m), 0);
        assert_int_equal(ik_ipmimsg_encode(&m, out, sizeof(out), &w), 0);
        assert_int_equal(w, v[i].len);
        assert_memory_equal(out, v[i].data, w);
    }
    ik_test_free_vectors(v, n);
}

static void ipmimsg_rejects_every_truncation(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("ipmimsg.hex", &n);
    for (size_t cut = 0; cut < v[1].len; cut++) {
        uint8_t *p = ik_test_dup(v[1].data, cut);
        struct ik_ipmimsg m;
        int rc = ik_ipmimsg_decode(p, cut, &m);
        /* A prefix is either too short or fails checksum 2; never accepted. */
        assert_true(rc == IK_E_TRUNCATED || rc == IK_E_CHECKSUM);
        free(p);
    }
    ik_test_free_vectors(v, n);
}

static void ipmimsg_rejects_bad_checksum_1_and_2(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("20 18 c8 81 04 01 7a", &n);
    struct ik_ipmimsg m;
    b[2] ^= 1;
    assert_int_equal(ik_ipmimsg_decode(b, n, &m), IK_E_CHECKSUM);
    b[2] ^= 1;
    b[6] ^= 0x80;
    assert_int_equal(ik_ipmimsg_decode(b, n, &m), IK_E_CHECKSUM);
    free(b);
}

static void ipmimsg_encode_refuses_out_of_range_fields_and_small_buffers(void **state)
{
    (void)state;
    uint8_t data[3] = {1, 2, 3}, out[16];
    size_t w = 99;
    struct ik_ipmimsg m = {.dst_addr = 0x20, .netfn = 0x40, .cmd = 1};
    assert_int_equal(ik_ipmimsg_encode(&m, out, sizeof(out), &w), IK_E_RANGE);
    m.netfn = 0x06;
    m.seq = 64;
    assert_int_equal(ik_ipmimsg_encode(&m, out, sizeof(out), &w), IK_E_RANGE);
    m.seq = 5;
    m.src_lun = 4;
    assert_int_equal(ik_ipmimsg_encode(&m, out, sizeof(out), &w), IK_E_RANGE);
    m.src_lun = 0;
    m.data = data;
    m.data_len = 3;
    assert_int_equal(ik_ipmimsg_encode(&m, out, 9, &w), IK_E_NOSPACE);
    assert_int_equal(w, 99); /* untouched on failure */
    assert_int_equal(ik_ipmimsg_encode(&m, out, 10, &w), 0);
    assert_int_equal(w, 10);
}

static void ipmimsg_response_hdr_swaps_roles(void **state)
{
    (void)state;
    struct ik_ipmimsg rq = {.dst_addr = 0x20,
                            .netfn = 0x0A,
                            .dst_lun = 0,
                            .src_addr = 0x81,
                            .seq = 9,
                            .src_lun = 2,
                            .cmd = 0x43};
    struct ik_ipmimsg rs;
    ik_ipmimsg_response_hdr(&rq, &rs);
    assert_int_equal(rs.dst_addr, 0x81);
    assert_int_equal(rs.dst_lun, 2);
    assert_int_equal(rs.src_addr, 0x20);
    assert_int_equal(rs.netfn, 0x0B);
    assert_int_equal(rs.seq, 9);
    assert_int_equal(rs.cmd, 0x43);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipmimsg_decodes_get_device_id_request),
        cmocka_unit_test(ipmimsg_response_keeps_completion_code_in_data0),
        cmocka_unit_test(ipmimsg_encode_round_trips_every_vector),
        cmocka_unit_test(ipmimsg_rejects_every_truncation),
        cmocka_unit_test(ipmimsg_rejects_bad_checksum_1_and_2),
        cmocka_unit_test(ipmimsg_encode_refuses_out_of_range_fields_and_small_buffers),
        cmocka_unit_test(ipmimsg_response_hdr_swaps_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
