/* NetFn Storage command payloads (lib/msg_storage.c): decode, encode, and the lengths
 * refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "msg_storage.h"
#include "codectest.h"

/* ---- reservation response ------------------------------------------------------------------ */

/* Reservation ID 1234h, LS byte first. */
static const char reserve_hex[] = "34 12";

static void reserve_rsp_decodes_the_reservation_id(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(reserve_hex, &n);
    struct ik_reserve_rsp v;
    assert_int_equal(ik_reserve_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.resv, 0x1234);
    free(b);
    ROUND_TRIP(ik_reserve_rsp_decode, ik_reserve_rsp_encode, struct ik_reserve_rsp, reserve_hex);
}

static void reserve_rsp_rejects_other_lengths(void **state)
{
    (void)state;
    FIXED_LEN(ik_reserve_rsp_decode, struct ik_reserve_rsp, reserve_hex, 2);
}

/* ---- record read request --------------------------------------------------------------- */

/* Reservation 0102h, record ID 0A0Bh, offset 05h, read to the end (FFh). */
static const char get_req_hex[] = "02 01 0b 0a 05 ff";

static void get_record_req_decodes_every_field(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(get_req_hex, &n);
    struct ik_get_record_req v;
    assert_int_equal(ik_get_record_req_decode(b, n, &v), 0);
    assert_int_equal(v.resv, 0x0102);
    assert_int_equal(v.record_id, 0x0A0B);
    assert_int_equal(v.offset, 5);
    assert_int_equal(v.count, IK_GET_RECORD_WHOLE);
    free(b);
    ROUND_TRIP(ik_get_record_req_decode, ik_get_record_req_encode, struct ik_get_record_req,
               get_req_hex);
}

static void get_record_req_rejects_other_lengths(void **state)
{
    (void)state;
    FIXED_LEN(ik_get_record_req_decode, struct ik_get_record_req, get_req_hex, 6);
}

/* ---- record read response -------------------------------------------------------------- */

/* Next record ID 0002h, then a whole 16-byte SEL record (ID 0001h, system event). */
static const char get_rsp_hex[] = "02 00 01 00 02 78 56 34 12 20 00 04 01 42 6f 01 ff ff";

static void get_record_rsp_decodes_next_id_and_borrows_the_data(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(get_rsp_hex, &n);
    struct ik_get_record_rsp v;
    assert_int_equal(ik_get_record_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.next_id, 2);
    assert_int_equal(v.len, 16);
    assert_ptr_equal(v.data, b + 2);
    free(b);
    ROUND_TRIP(ik_get_record_rsp_decode, ik_get_record_rsp_encode, struct ik_get_record_rsp,
               get_rsp_hex);
}

static void get_record_rsp_takes_2_bytes_with_no_data_and_the_largest_sdr(void **state)
{
    (void)state;
    uint8_t b[2 + IK_GET_RECORD_DATA_MAX + 1];
    memset(b, 0xEE, sizeof(b));
    b[0] = 0xFF;
    b[1] = 0xFF;
    struct ik_get_record_rsp v;
    assert_int_equal(ik_get_record_rsp_decode(b, 2, &v), 0);
    assert_int_equal(v.next_id, IK_GET_RECORD_LAST);
    assert_int_equal(v.len, 0);
    assert_int_equal(ik_get_record_rsp_decode(b, 2 + IK_GET_RECORD_DATA_MAX, &v), 0);
    assert_int_equal(v.len, IK_GET_RECORD_DATA_MAX);
}

static void get_record_rsp_rejects_short_and_oversized_input(void **state)
{
    (void)state;
    uint8_t b[2 + IK_GET_RECORD_DATA_MAX + 1] = {0x07, 0x00};
    struct ik_get_record_rsp v = {.next_id = 77};
    uint8_t *p = ik_test_dup(b, 0);
    assert_int_equal(ik_get_record_rsp_decode(p, 0, &v), IK_E_TRUNCATED);
    free(p);
    p = ik_test_dup(b, 1);
    assert_int_equal(ik_get_record_rsp_decode(p, 1, &v), IK_E_TRUNCATED);
    free(p);
    assert_int_equal(ik_get_record_rsp_decode(b, sizeof(b), &v), IK_E_OVERSIZE);
    assert_int_equal(v.next_id, 77);
}

static void get_record_rsp_encode_refuses_too_much_data(void **state)
{
    (void)state;
    static const uint8_t data[IK_GET_RECORD_DATA_MAX + 1];
    uint8_t out[2 + sizeof(data)];
    size_t w = 99;
    struct ik_get_record_rsp v = {.next_id = 1, .data = data, .len = sizeof(data)};
    assert_int_equal(ik_get_record_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.data = NULL;
    v.len = 1;
    assert_int_equal(ik_get_record_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* ---- record ID response ---------------------------------------------------------------- */

/* Record ID 00FEh. */
static const char sel_id_hex[] = "fe 00";

static void sel_id_rsp_decodes_the_record_id(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(sel_id_hex, &n);
    struct ik_sel_id_rsp v;
    assert_int_equal(ik_sel_id_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.record_id, 0x00FE);
    free(b);
    ROUND_TRIP(ik_sel_id_rsp_decode, ik_sel_id_rsp_encode, struct ik_sel_id_rsp, sel_id_hex);
    FIXED_LEN(ik_sel_id_rsp_decode, struct ik_sel_id_rsp, sel_id_hex, 2);
}

/* ---- Delete SEL Entry request ---------------------------------------------------------- */

/* Reservation 0003h, record ID FFFFh (the last record). */
static const char delete_hex[] = "03 00 ff ff";

static void sel_delete_req_decodes_reservation_and_record(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(delete_hex, &n);
    struct ik_sel_delete_req v;
    assert_int_equal(ik_sel_delete_req_decode(b, n, &v), 0);
    assert_int_equal(v.resv, 3);
    assert_int_equal(v.record_id, IK_GET_RECORD_LAST);
    free(b);
    ROUND_TRIP(ik_sel_delete_req_decode, ik_sel_delete_req_encode, struct ik_sel_delete_req,
               delete_hex);
    FIXED_LEN(ik_sel_delete_req_decode, struct ik_sel_delete_req, delete_hex, 4);
}

/* ---- Clear SEL ----------------------------------------------------------------------------- */

/* Reservation 0201h, 'C' 'L' 'R', AAh: initiate erase. */
static const char clear_hex[] = "01 02 43 4c 52 aa";

static void sel_clear_req_decodes_confirmation_and_action(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(clear_hex, &n);
    struct ik_sel_clear_req v;
    assert_int_equal(ik_sel_clear_req_decode(b, n, &v), 0);
    assert_int_equal(v.resv, 0x0201);
    assert_true(v.confirmed);
    assert_int_equal(v.action, IK_SEL_CLEAR_INITIATE);
    free(b);
    ROUND_TRIP(ik_sel_clear_req_decode, ik_sel_clear_req_encode, struct ik_sel_clear_req,
               clear_hex);
    FIXED_LEN(ik_sel_clear_req_decode, struct ik_sel_clear_req, clear_hex, 6);
}

static void sel_clear_req_without_clr_is_unconfirmed_and_keeps_odd_actions(void **state)
{
    (void)state;
    /* 'c' 'l' 'r' in lower case is not the confirmation; action 55h is neither AAh nor 00h
     * and is passed on for the BMC to refuse. */
    size_t n, w = 0;
    uint8_t *b = ik_test_hex("01 00 63 6c 72 55", &n);
    struct ik_sel_clear_req v;
    assert_int_equal(ik_sel_clear_req_decode(b, n, &v), 0);
    assert_false(v.confirmed);
    assert_int_equal(v.action, 0x55);
    uint8_t out[IK_SEL_CLEAR_REQ_LEN];
    assert_int_equal(ik_sel_clear_req_encode(&v, out, sizeof(out), &w), 0);
    assert_memory_equal(out, "\x01\x00\x00\x00\x00\x55", 6);
    free(b);
}

/* Erasure completed (1h), reserved bits 7:4 set. */
static const char clear_rsp_hex[] = "f1";

static void sel_clear_rsp_decodes_progress_and_drops_reserved_bits(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(clear_rsp_hex, &n);
    struct ik_sel_clear_rsp v;
    assert_int_equal(ik_sel_clear_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.progress, IK_SEL_ERASE_COMPLETED);
    uint8_t out[1];
    assert_int_equal(ik_sel_clear_rsp_encode(&v, out, sizeof(out), &w), 0);
    assert_int_equal(out[0], 0x01);
    free(b);
    ROUND_TRIP(ik_sel_clear_rsp_decode, ik_sel_clear_rsp_encode, struct ik_sel_clear_rsp, "00");
    FIXED_LEN(ik_sel_clear_rsp_decode, struct ik_sel_clear_rsp, clear_rsp_hex, 1);
    v.progress = 16;
    assert_int_equal(ik_sel_clear_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
}

/* ---- SEL time ---------------------------------------------------------------------------- */

/* 2023-11-14 22:13:20 UTC = 6553F100h, LS byte first. */
static const char time_hex[] = "00 f1 53 65";

static void storage_time_decodes_le32_seconds(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(time_hex, &n);
    struct ik_storage_time v;
    assert_int_equal(ik_storage_time_decode(b, n, &v), 0);
    assert_int_equal(v.time, 0x6553F100u);
    free(b);
    ROUND_TRIP(ik_storage_time_decode, ik_storage_time_encode, struct ik_storage_time, time_hex);
    FIXED_LEN(ik_storage_time_decode, struct ik_storage_time, time_hex, 4);
}

/* ---- FRU ------------------------------------------------------------------------------------ */

static void fru_device_req_decodes_the_device_id(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("07", &n); /* FRU device 7 */
    struct ik_fru_device_req v;
    assert_int_equal(ik_fru_device_req_decode(b, n, &v), 0);
    assert_int_equal(v.device_id, 7);
    free(b);
    ROUND_TRIP(ik_fru_device_req_decode, ik_fru_device_req_encode, struct ik_fru_device_req, "07");
    FIXED_LEN(ik_fru_device_req_decode, struct ik_fru_device_req, "07", 1);
}

/* Area of 0400h bytes, accessed by words (bit 0), reserved bits 7:1 set. */
static const char fru_info_hex[] = "00 04 ff";

static void fru_info_rsp_decodes_size_and_access_unit(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(fru_info_hex, &n);
    struct ik_fru_info_rsp v;
    assert_int_equal(ik_fru_info_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.size, 0x0400);
    assert_true(v.by_words);
    uint8_t out[3];
    assert_int_equal(ik_fru_info_rsp_encode(&v, out, sizeof(out), &w), 0);
    assert_memory_equal(out, "\x00\x04\x01", 3); /* reserved bits dropped */
    free(b);
    ROUND_TRIP(ik_fru_info_rsp_decode, ik_fru_info_rsp_encode, struct ik_fru_info_rsp,
               "00 01 00"); /* 256 bytes, by bytes */
    FIXED_LEN(ik_fru_info_rsp_decode, struct ik_fru_info_rsp, fru_info_hex, 3);
}

/* Device 2, offset 0120h, 16 bytes. */
static const char fru_read_req_hex[] = "02 20 01 10";

static void fru_read_req_decodes_every_field(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(fru_read_req_hex, &n);
    struct ik_fru_read_req v;
    assert_int_equal(ik_fru_read_req_decode(b, n, &v), 0);
    assert_int_equal(v.device_id, 2);
    assert_int_equal(v.offset, 0x0120);
    assert_int_equal(v.count, 16);
    free(b);
    ROUND_TRIP(ik_fru_read_req_decode, ik_fru_read_req_encode, struct ik_fru_read_req,
               fru_read_req_hex);
    FIXED_LEN(ik_fru_read_req_decode, struct ik_fru_read_req, fru_read_req_hex, 4);
}

/* Count 4, then the 4 bytes (common header start). */
static const char fru_read_rsp_hex[] = "04 01 00 01 02";

static void fru_read_rsp_decodes_count_and_borrows_the_data(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(fru_read_rsp_hex, &n);
    struct ik_fru_read_rsp v;
    assert_int_equal(ik_fru_read_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.count, 4);
    assert_int_equal(v.len, 4);
    assert_ptr_equal(v.data, b + 1);
    free(b);
    ROUND_TRIP(ik_fru_read_rsp_decode, ik_fru_read_rsp_encode, struct ik_fru_read_rsp,
               fru_read_rsp_hex);
}

static void fru_read_rsp_leaves_count_checks_to_the_caller_and_bounds_the_data(void **state)
{
    (void)state;
    uint8_t b[1 + IK_FRU_READ_DATA_MAX + 1] = {0x02};
    struct ik_fru_read_rsp v = {.count = 77};
    /* count 2 with 4 bytes: 2 words; the decoder cannot know the unit */
    assert_int_equal(ik_fru_read_rsp_decode(b, 5, &v), 0);
    assert_int_equal(v.count, 2);
    assert_int_equal(v.len, 4);
    assert_int_equal(ik_fru_read_rsp_decode(b, 1, &v), 0);
    assert_int_equal(v.len, 0);
    assert_int_equal(ik_fru_read_rsp_decode(b, 1 + IK_FRU_READ_DATA_MAX, &v), 0);
    v.count = 77;
    uint8_t *p = ik_test_dup(b, 0);
    assert_int_equal(ik_fru_read_rsp_decode(p, 0, &v), IK_E_TRUNCATED);
    free(p);
    assert_int_equal(ik_fru_read_rsp_decode(b, sizeof(b), &v), IK_E_OVERSIZE);
    assert_int_equal(v.count, 77);
    uint8_t out[sizeof(b) + 1];
    size_t w = 99;
    struct ik_fru_read_rsp big = {.count = 0, .data = b, .len = IK_FRU_READ_DATA_MAX + 1};
    assert_int_equal(ik_fru_read_rsp_encode(&big, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* Device 0, offset 0008h, 3 data bytes. */
static const char fru_write_req_hex[] = "00 08 00 c1 00 3e";

static void fru_write_req_decodes_device_offset_and_data(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(fru_write_req_hex, &n);
    struct ik_fru_write_req v;
    assert_int_equal(ik_fru_write_req_decode(b, n, &v), 0);
    assert_int_equal(v.device_id, 0);
    assert_int_equal(v.offset, 8);
    assert_int_equal(v.len, 3);
    assert_ptr_equal(v.data, b + 3);
    free(b);
    ROUND_TRIP(ik_fru_write_req_decode, ik_fru_write_req_encode, struct ik_fru_write_req,
               fru_write_req_hex);
}

static void fru_write_req_needs_one_data_byte_and_at_most_252(void **state)
{
    (void)state;
    uint8_t b[3 + IK_FRU_WRITE_DATA_MAX + 1] = {0};
    struct ik_fru_write_req v = {.device_id = 77};
    for (size_t len = 0; len < IK_FRU_WRITE_REQ_MIN; len++) {
        uint8_t *p = ik_test_dup(b, len);
        assert_int_equal(ik_fru_write_req_decode(p, len, &v), IK_E_TRUNCATED);
        free(p);
    }
    assert_int_equal(ik_fru_write_req_decode(b, sizeof(b), &v), IK_E_OVERSIZE);
    assert_int_equal(v.device_id, 77);
    assert_int_equal(ik_fru_write_req_decode(b, sizeof(b) - 1, &v), 0);
    assert_int_equal(v.len, IK_FRU_WRITE_DATA_MAX);
    uint8_t out[sizeof(b)];
    size_t w = 99;
    v.len = 0;
    assert_int_equal(ik_fru_write_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.len = IK_FRU_WRITE_DATA_MAX + 1;
    assert_int_equal(ik_fru_write_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

static void fru_write_rsp_decodes_the_count(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("10", &n); /* 16 written */
    struct ik_fru_write_rsp v;
    assert_int_equal(ik_fru_write_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.count, 16);
    free(b);
    ROUND_TRIP(ik_fru_write_rsp_decode, ik_fru_write_rsp_encode, struct ik_fru_write_rsp, "10");
    FIXED_LEN(ik_fru_write_rsp_decode, struct ik_fru_write_rsp, "10", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reserve_rsp_decodes_the_reservation_id),
        cmocka_unit_test(reserve_rsp_rejects_other_lengths),
        cmocka_unit_test(get_record_req_decodes_every_field),
        cmocka_unit_test(get_record_req_rejects_other_lengths),
        cmocka_unit_test(get_record_rsp_decodes_next_id_and_borrows_the_data),
        cmocka_unit_test(get_record_rsp_takes_2_bytes_with_no_data_and_the_largest_sdr),
        cmocka_unit_test(get_record_rsp_rejects_short_and_oversized_input),
        cmocka_unit_test(get_record_rsp_encode_refuses_too_much_data),
        cmocka_unit_test(sel_id_rsp_decodes_the_record_id),
        cmocka_unit_test(sel_delete_req_decodes_reservation_and_record),
        cmocka_unit_test(sel_clear_req_decodes_confirmation_and_action),
        cmocka_unit_test(sel_clear_req_without_clr_is_unconfirmed_and_keeps_odd_actions),
        cmocka_unit_test(sel_clear_rsp_decodes_progress_and_drops_reserved_bits),
        cmocka_unit_test(storage_time_decodes_le32_seconds),
        cmocka_unit_test(fru_device_req_decodes_the_device_id),
        cmocka_unit_test(fru_info_rsp_decodes_size_and_access_unit),
        cmocka_unit_test(fru_read_req_decodes_every_field),
        cmocka_unit_test(fru_read_rsp_decodes_count_and_borrows_the_data),
        cmocka_unit_test(fru_read_rsp_leaves_count_checks_to_the_caller_and_bounds_the_data),
        cmocka_unit_test(fru_write_req_decodes_device_offset_and_data),
        cmocka_unit_test(fru_write_req_needs_one_data_byte_and_at_most_252),
        cmocka_unit_test(fru_write_rsp_decodes_the_count),
    };
    return cmocka_run_group_tests(tests, NULL, codectest_free);
}
