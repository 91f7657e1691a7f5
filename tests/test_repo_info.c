/* Get SEL Info / Get SDR Repository Info responses: one 14-byte layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "repo_info.h"
#include "testutil.h"

/* A SEL with 3 entries, 48 bytes free, added at 12345678h, never erased, overflow and all
 * four optional commands supported. */
static const char sel_info_hex[] = "51 03 00 30 00 78 56 34 12 ff ff ff ff 8f";

static void repo_info_decodes_every_field_little_endian(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(sel_info_hex, &n);
    struct ik_repo_info info;
    assert_int_equal(ik_repo_info_decode(b, n, &info), 0);
    assert_int_equal(info.version, 0x51);
    assert_int_equal(info.count, 3);
    assert_int_equal(info.free_bytes, 48);
    assert_int_equal(info.add_ts, 0x12345678);
    assert_int_equal(info.erase_ts, IK_REPO_TS_NONE);
    assert_int_equal(info.ops, IK_REPO_OP_OVERFLOW | IK_REPO_OP_DELETE | IK_REPO_OP_PARTIAL_ADD |
                                   IK_REPO_OP_RESERVE | IK_REPO_OP_ALLOC_INFO);
    free(b);
}

static void repo_info_encode_round_trips(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(sel_info_hex, &n);
    struct ik_repo_info info;
    uint8_t out[IK_REPO_INFO_LEN];
    assert_int_equal(ik_repo_info_decode(b, n, &info), 0);
    assert_int_equal(ik_repo_info_encode(&info, out, sizeof(out), &w), 0);
    assert_int_equal(w, IK_REPO_INFO_LEN);
    assert_memory_equal(out, b, IK_REPO_INFO_LEN);
    free(b);
}

static void repo_info_rejects_every_other_length(void **state)
{
    (void)state;
    size_t n;
    uint8_t *full = ik_test_hex(sel_info_hex, &n);
    struct ik_repo_info info = {.count = 77};
    for (size_t len = 0; len < IK_REPO_INFO_LEN; len++) {
        uint8_t *p = ik_test_dup(full, len);
        assert_int_equal(ik_repo_info_decode(p, len, &info), IK_E_TRUNCATED);
        free(p);
    }
    uint8_t *big = malloc(IK_REPO_INFO_LEN + 1);
    memcpy(big, full, IK_REPO_INFO_LEN);
    big[IK_REPO_INFO_LEN] = 0;
    assert_int_equal(ik_repo_info_decode(big, IK_REPO_INFO_LEN + 1, &info), IK_E_OVERSIZE);
    assert_int_equal(info.count, 77); /* untouched on failure */
    free(big);
    free(full);
}

static void repo_info_encode_refuses_a_short_buffer(void **state)
{
    (void)state;
    struct ik_repo_info info = {.version = 0x51};
    uint8_t out[IK_REPO_INFO_LEN - 1];
    size_t w = 99;
    assert_int_equal(ik_repo_info_encode(&info, out, sizeof(out), &w), IK_E_NOSPACE);
    assert_int_equal(w, 99);
}

static void repo_info_is_timestamped_only_with_a_real_time(void **state)
{
    (void)state;
    struct ik_repo_info i = {.add_ts = 0, .erase_ts = IK_REPO_TS_NONE};
    assert_false(ik_repo_info_timestamped(&i));
    i.erase_ts = 0;
    assert_false(ik_repo_info_timestamped(&i));
    i.erase_ts = 1700000000;
    assert_true(ik_repo_info_timestamped(&i));
    i.erase_ts = 0;
    i.add_ts = 5;
    assert_true(ik_repo_info_timestamped(&i));
}

/* 512 units of 16 bytes, 500 free, largest free block 500, records of 1 unit */
static const char alloc_hex[] = "00 02 10 00 f4 01 f4 01 01";

static void repo_alloc_decodes_and_round_trips(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(alloc_hex, &n);
    struct ik_repo_alloc a;
    assert_int_equal(ik_repo_alloc_decode(b, n, &a), 0);
    assert_int_equal(a.units, 512);
    assert_int_equal(a.unit_size, 16);
    assert_int_equal(a.free_units, 500);
    assert_int_equal(a.largest_free, 500);
    assert_int_equal(a.max_record, 1);
    uint8_t out[IK_REPO_ALLOC_LEN];
    assert_int_equal(ik_repo_alloc_encode(&a, out, sizeof(out), &w), 0);
    assert_int_equal(w, IK_REPO_ALLOC_LEN);
    assert_memory_equal(out, b, IK_REPO_ALLOC_LEN);
    assert_int_equal(ik_repo_alloc_encode(&a, out, IK_REPO_ALLOC_LEN - 1, &w), IK_E_NOSPACE);
    free(b);
}

static void repo_alloc_rejects_every_other_length(void **state)
{
    (void)state;
    size_t n;
    uint8_t *full = ik_test_hex(alloc_hex, &n);
    struct ik_repo_alloc a = {.units = 77};
    for (size_t len = 0; len < IK_REPO_ALLOC_LEN; len++) {
        uint8_t *p = ik_test_dup(full, len);
        assert_int_equal(ik_repo_alloc_decode(p, len, &a), IK_E_TRUNCATED);
        free(p);
    }
    uint8_t big[IK_REPO_ALLOC_LEN + 1] = {0};
    memcpy(big, full, IK_REPO_ALLOC_LEN);
    assert_int_equal(ik_repo_alloc_decode(big, sizeof(big), &a), IK_E_OVERSIZE);
    assert_int_equal(a.units, 77);
    free(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repo_info_decodes_every_field_little_endian),
        cmocka_unit_test(repo_info_encode_round_trips),
        cmocka_unit_test(repo_info_rejects_every_other_length),
        cmocka_unit_test(repo_info_encode_refuses_a_short_buffer),
        cmocka_unit_test(repo_info_is_timestamped_only_with_a_real_time),
        cmocka_unit_test(repo_alloc_decodes_and_round_trips),
        cmocka_unit_test(repo_alloc_rejects_every_other_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
