/* NetFn App command payloads (lib/msg_app.c): decode, encode, and the lengths refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "msg_app.h"
#include "testutil.h"

/* ---- Get Device ID ---------------------------------------------------------------------- */

/* Device 20h rev 1 with device SDRs, firmware 2.15 available, IPMI 2.0, every support bit
 * but bridge, manufacturer 32473 (7ED9h), product 1234h, auxiliary revision 01 02 03 04. */
static const char devid_hex[] = "20 81 02 15 02 bf d9 7e 00 34 12 01 02 03 04";

static void device_id_decodes_every_field(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(devid_hex, &n);
    struct ik_device_id d;
    assert_int_equal(ik_device_id_decode(b, n, &d), 0);
    assert_int_equal(d.device_id, 0x20);
    assert_int_equal(d.device_rev, 1);
    assert_true(d.provides_sdrs);
    assert_int_equal(d.fw_major, 2);
    assert_false(d.unavailable);
    assert_int_equal(d.fw_minor, 0x15);
    assert_int_equal(d.ipmi_version, 0x02);
    assert_int_equal(d.support, 0xBF);
    assert_int_equal(d.manufacturer_id, 32473);
    assert_int_equal(d.product_id, 0x1234);
    assert_true(d.has_aux);
    assert_memory_equal(d.aux_fw, "\x01\x02\x03\x04", 4);
    free(b);
}

static void device_id_without_aux_revision_is_11_bytes(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(devid_hex, &n);
    struct ik_device_id d;
    assert_int_equal(ik_device_id_decode(b, IK_DEVICE_ID_MIN, &d), 0);
    assert_false(d.has_aux);
    uint8_t out[IK_DEVICE_ID_MAX];
    size_t w = 0;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), 0);
    assert_int_equal(w, IK_DEVICE_ID_MIN);
    assert_memory_equal(out, b, IK_DEVICE_ID_MIN);
    free(b);
}

static void device_id_encode_round_trips_with_aux(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(devid_hex, &n);
    struct ik_device_id d;
    uint8_t out[IK_DEVICE_ID_MAX];
    assert_int_equal(ik_device_id_decode(b, n, &d), 0);
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), 0);
    assert_int_equal(w, n);
    assert_memory_equal(out, b, n);
    free(b);
}

static void device_id_reads_busy_bit_and_masks_reserved_manufacturer_bits(void **state)
{
    (void)state;
    /* firmware byte 83h: unavailable, major 3; manufacturer byte 3 F0h: reserved bits set */
    size_t n;
    uint8_t *b = ik_test_hex("01 0f 83 00 51 00 57 01 f0 00 00", &n);
    struct ik_device_id d;
    assert_int_equal(ik_device_id_decode(b, n, &d), 0);
    assert_true(d.unavailable);
    assert_int_equal(d.fw_major, 3);
    assert_false(d.provides_sdrs);
    assert_int_equal(d.device_rev, 15);
    assert_int_equal(d.ipmi_version, 0x51);
    assert_int_equal(d.manufacturer_id, 0x157);
    free(b);
}

static void device_id_rejects_short_partial_aux_and_long_input(void **state)
{
    (void)state;
    size_t n;
    uint8_t *full = ik_test_hex(devid_hex, &n);
    struct ik_device_id d = {.device_id = 77};
    for (size_t len = 0; len < IK_DEVICE_ID_MIN; len++) {
        uint8_t *p = ik_test_dup(full, len);
        assert_int_equal(ik_device_id_decode(p, len, &d), IK_E_TRUNCATED);
        free(p);
    }
    for (size_t len = IK_DEVICE_ID_MIN + 1; len < IK_DEVICE_ID_MAX; len++)
        assert_int_equal(ik_device_id_decode(full, len, &d), IK_E_TRUNCATED);
    uint8_t big[IK_DEVICE_ID_MAX + 1] = {0};
    memcpy(big, full, IK_DEVICE_ID_MAX);
    assert_int_equal(ik_device_id_decode(big, sizeof(big), &d), IK_E_OVERSIZE);
    assert_int_equal(d.device_id, 77); /* untouched on failure */
    free(full);
}

static void device_id_encode_refuses_out_of_range_fields_and_short_buffers(void **state)
{
    (void)state;
    struct ik_device_id d = {.device_rev = 16};
    uint8_t out[IK_DEVICE_ID_MAX];
    size_t w = 99;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), IK_E_RANGE);
    d.device_rev = 0;
    d.fw_major = 0x80;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), IK_E_RANGE);
    d.fw_major = 0;
    d.manufacturer_id = 0x100000;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), IK_E_RANGE);
    d.manufacturer_id = 0;
    assert_int_equal(ik_device_id_encode(&d, out, IK_DEVICE_ID_MIN - 1, &w), IK_E_NOSPACE);
    assert_int_equal(w, 99);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(device_id_decodes_every_field),
        cmocka_unit_test(device_id_without_aux_revision_is_11_bytes),
        cmocka_unit_test(device_id_encode_round_trips_with_aux),
        cmocka_unit_test(device_id_reads_busy_bit_and_masks_reserved_manufacturer_bits),
        cmocka_unit_test(device_id_rejects_short_partial_aux_and_long_input),
        cmocka_unit_test(device_id_encode_refuses_out_of_range_fields_and_short_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
