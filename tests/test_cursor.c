/* The bounded byte cursor: bounds, endianness, sticky errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "cursor.h"
#include "testutil.h"

static void reader_reads_little_and_big_endian_fields(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("01 34 12 56 34 12 78 56 34 12 12 34 12 34 56 78", &n);
    struct ik_rd r;
    ik_rd_init(&r, b, n);
    assert_int_equal(ik_rd_u8(&r), 0x01);
    assert_int_equal(ik_rd_le16(&r), 0x1234);
    assert_int_equal(ik_rd_le24(&r), 0x123456);
    assert_int_equal(ik_rd_le32(&r), 0x12345678);
    assert_int_equal(ik_rd_be16(&r), 0x1234);
    assert_int_equal(ik_rd_be32(&r), 0x12345678);
    assert_int_equal(ik_rd_end(&r), 0);
    free(b);
}

static void reader_past_end_is_sticky_and_returns_zero(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\xAA\xBB\xCC", 3);
    struct ik_rd r;
    ik_rd_init(&r, b, 3);
    assert_int_equal(ik_rd_le16(&r), 0xBBAA);
    assert_int_equal(ik_rd_le16(&r), 0); /* only 1 byte left: fails, reads nothing */
    assert_int_equal(ik_rd_error(&r), IK_E_TRUNCATED);
    assert_int_equal(ik_rd_u8(&r), 0); /* the CC byte is still there but the error sticks */
    assert_int_equal(ik_rd_left(&r), 0);
    assert_int_equal(ik_rd_end(&r), IK_E_TRUNCATED);
    free(b);
}

static void reader_on_zero_length_input_fails_first_read(void **state)
{
    (void)state;
    struct ik_rd r;
    ik_rd_init(&r, NULL, 0);
    assert_int_equal(ik_rd_end(&r), 0);
    assert_null(ik_rd_ptr(&r, 1));
    assert_int_equal(ik_rd_error(&r), IK_E_TRUNCATED);
}

static void reader_end_reports_trailing_bytes_as_oversize(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x01\x02", 2);
    struct ik_rd r;
    ik_rd_init(&r, b, 2);
    (void)ik_rd_u8(&r);
    assert_int_equal(ik_rd_end(&r), IK_E_OVERSIZE);
    free(b);
}

static void reader_bytes_zero_fills_on_truncation(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x01\x02", 2);
    uint8_t out[4] = {9, 9, 9, 9};
    struct ik_rd r;
    ik_rd_init(&r, b, 2);
    ik_rd_bytes(&r, out, 4);
    assert_int_equal(ik_rd_error(&r), IK_E_TRUNCATED);
    assert_int_equal(out[0] | out[1] | out[2] | out[3], 0);
    free(b);
}

static void reader_rejects_huge_length_without_overflow(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x01\x02", 2);
    struct ik_rd r;
    ik_rd_init(&r, b, 2);
    (void)ik_rd_u8(&r);
    assert_null(ik_rd_ptr(&r, SIZE_MAX));
    assert_int_equal(ik_rd_error(&r), IK_E_TRUNCATED);
    free(b);
}

static void writer_refuses_to_exceed_capacity(void **state)
{
    (void)state;
    uint8_t *b = malloc(3);
    struct ik_wr w;
    ik_wr_init(&w, b, 3);
    ik_wr_le16(&w, 0xBEEF);
    assert_int_equal(ik_wr_error(&w), 0);
    ik_wr_le16(&w, 0x1234); /* needs 2, has 1 */
    assert_int_equal(ik_wr_error(&w), IK_E_NOSPACE);
    assert_int_equal(w.off, 2);
    ik_wr_u8(&w, 1); /* sticky: nothing more is written */
    assert_int_equal(w.off, 2);
    assert_int_equal(b[0], 0xEF);
    assert_int_equal(b[1], 0xBE);
    free(b);
}

static void writer_writes_big_endian_fields(void **state)
{
    (void)state;
    uint8_t b[6];
    struct ik_wr w;
    ik_wr_init(&w, b, sizeof(b));
    ik_wr_be16(&w, 0x1234);
    ik_wr_be32(&w, 0x000011BE);
    assert_int_equal(ik_wr_error(&w), 0);
    assert_memory_equal(b, "\x12\x34\x00\x00\x11\xBE", 6);
}

static void checksum_makes_the_sum_zero(void **state)
{
    (void)state;
    const uint8_t hdr[] = {0x20, 0x18};
    uint8_t c = ik_cksum(hdr, 2);
    assert_int_equal(c, 0xC8);
    assert_int_equal((uint8_t)(hdr[0] + hdr[1] + c), 0);
    assert_int_equal(ik_cksum(NULL, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_reads_little_and_big_endian_fields),
        cmocka_unit_test(reader_past_end_is_sticky_and_returns_zero),
        cmocka_unit_test(reader_on_zero_length_input_fails_first_read),
        cmocka_unit_test(reader_end_reports_trailing_bytes_as_oversize),
        cmocka_unit_test(reader_bytes_zero_fills_on_truncation),
        cmocka_unit_test(reader_rejects_huge_length_without_overflow),
        cmocka_unit_test(writer_refuses_to_exceed_capacity),
        cmocka_unit_test(writer_writes_big_endian_fields),
        cmocka_unit_test(checksum_makes_the_sum_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
