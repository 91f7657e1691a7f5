/* Type/length strings: BCD plus, 6-bit packed ASCII, Latin-1, binary. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "typelen.h"
#include "ipmikit/error.h"
#include "testutil.h"

static void ascii6_decodes_spec_example_ipmi(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x29\xDC\xA6", 3);
    char out[8];
    assert_int_equal(ik_tl_decode(IK_TL_ASCII6, b, 3, out, sizeof(out)), 4);
    assert_string_equal(out, "IPMI");
    free(b);
}

static void ascii6_encode_round_trips(void **state)
{
    (void)state;
    static const char *texts[] = {"IPMI", "CPU1 TEMP", "FAN_5", "AB", "0123456789:;<=>?@[\\]^_"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        uint8_t enc[32];
        size_t w;
        char out[64];
        assert_int_equal(ik_tl_encode(IK_TL_ASCII6, texts[i], enc, sizeof(enc), &w), 0);
        assert_int_equal(w, (strlen(texts[i]) * 6 + 7) / 8);
        int n = ik_tl_decode(IK_TL_ASCII6, enc, w, out, sizeof(out));
        assert_true(n >= (int)strlen(texts[i]));
        assert_memory_equal(out, texts[i], strlen(texts[i]));
    }
}

static void ascii6_refuses_lowercase(void **state)
{
    (void)state;
    uint8_t enc[8];
    size_t w = 7;
    assert_int_equal(ik_tl_encode(IK_TL_ASCII6, "Temp", enc, sizeof(enc), &w), IK_E_RANGE);
    assert_int_equal(w, 7);
}

static void bcdplus_decodes_two_digits_per_byte_high_nibble_first(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x12\xAB\xC9", 3);
    char out[8];
    assert_int_equal(ik_tl_decode(IK_TL_BCDPLUS, b, 3, out, sizeof(out)), 6);
    assert_string_equal(out, "12 -.9");
    free(b);
}

static void bcdplus_reserved_digits_show_as_question_marks(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\xDF", 1);
    char out[4];
    assert_int_equal(ik_tl_decode(IK_TL_BCDPLUS, b, 1, out, sizeof(out)), 2);
    assert_string_equal(out, "??");
    free(b);
}

static void bcdplus_refuses_letters(void **state)
{
    (void)state;
    uint8_t enc[8];
    size_t w;
    assert_int_equal(ik_tl_encode(IK_TL_BCDPLUS, "12a", enc, sizeof(enc), &w), IK_E_RANGE);
    assert_int_equal(ik_tl_encode(IK_TL_BCDPLUS, "12-3", enc, sizeof(enc), &w), 0);
    assert_int_equal(w, 2);
    assert_memory_equal(enc, "\x12\xB3", 2);
}

static void latin1_control_bytes_become_dots(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("A\x01"
                             "B\x7f",
                             4);
    char out[8];
    assert_int_equal(ik_tl_decode(IK_TL_LATIN1, b, 4, out, sizeof(out)), 4);
    assert_string_equal(out, "A.B.");
    free(b);
}

static void binary_decodes_as_lowercase_hex(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x01\xAB", 2);
    char out[8];
    assert_int_equal(ik_tl_decode(IK_TL_BINARY, b, 2, out, sizeof(out)), 4);
    assert_string_equal(out, "01ab");
    free(b);
}

static void decode_reports_nospace_and_leaves_empty_string(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("ABCD", 4);
    char out[4] = "xyz";
    assert_int_equal(ik_tl_decode(IK_TL_LATIN1, b, 4, out, sizeof(out)), IK_E_NOSPACE);
    assert_string_equal(out, "");
    assert_int_equal(ik_tl_decode(IK_TL_LATIN1, b, 4, out, 0), IK_E_NOSPACE);
    free(b);
}

static void zero_length_field_decodes_to_empty_string(void **state)
{
    (void)state;
    char out[2] = "x";
    for (int t = 0; t < 4; t++) {
        assert_int_equal(ik_tl_decode((enum ik_tl_type)t, NULL, 0, out, sizeof(out)), 0);
        assert_string_equal(out, "");
    }
}

static void best_encoding_is_one_every_peer_reads_back(void **state)
{
    (void)state;
    assert_int_equal(ik_tl_best("1234"), IK_TL_ASCII6); /* never BCD plus: FreeIPMI rejects */
    assert_int_equal(ik_tl_best("ABCD"), IK_TL_ASCII6);
    assert_int_equal(ik_tl_best("CPU1TEMP"), IK_TL_ASCII6);
    assert_int_equal(ik_tl_best("ABCDE"), IK_TL_LATIN1); /* partial 3-byte group */
    assert_int_equal(ik_tl_best("Fan 1"), IK_TL_LATIN1); /* lowercase */
    assert_int_equal(ik_tl_best(""), IK_TL_LATIN1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ascii6_decodes_spec_example_ipmi),
        cmocka_unit_test(ascii6_encode_round_trips),
        cmocka_unit_test(ascii6_refuses_lowercase),
        cmocka_unit_test(bcdplus_decodes_two_digits_per_byte_high_nibble_first),
        cmocka_unit_test(bcdplus_reserved_digits_show_as_question_marks),
        cmocka_unit_test(bcdplus_refuses_letters),
        cmocka_unit_test(latin1_control_bytes_become_dots),
        cmocka_unit_test(binary_decodes_as_lowercase_hex),
        cmocka_unit_test(decode_reports_nospace_and_leaves_empty_string),
        cmocka_unit_test(zero_length_field_decodes_to_empty_string),
        cmocka_unit_test(best_encoding_is_one_every_peer_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
