/* The error list: stable numbers, a message and a name for each. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/error.h"

static void every_error_has_a_distinct_message_and_name(void **state)
{
    (void)state;
    static const int codes[] = {
#define X(name, num, msg) (num),
        IK_ERRNO_MAP(X)
#undef X
    };
    size_t n = sizeof(codes) / sizeof(codes[0]);
    for (size_t i = 0; i < n; i++) {
        assert_string_not_equal(ik_strerror(codes[i]), "unknown error");
        assert_string_not_equal(ik_errname(codes[i]), "IK_E_?");
        for (size_t j = i + 1; j < n; j++)
            assert_int_not_equal(codes[i], codes[j]);
    }
}

static void error_numbers_never_change(void **state)
{
    (void)state;
    /* Pinned: logs and exit statuses carry these numbers. */
    assert_int_equal(IK_E_OK, 0);
    assert_int_equal(IK_E_TRUNCATED, -1);
    assert_int_equal(IK_E_CHECKSUM, -5);
    assert_int_equal(IK_E_INTEGRITY, -15);
    assert_string_equal(ik_errname(IK_E_TRUNCATED), "IK_E_TRUNCATED");
}

static void unknown_error_number_gets_generic_text(void **state)
{
    (void)state;
    assert_string_equal(ik_strerror(-9999), "unknown error");
    assert_string_equal(ik_strerror(42), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_error_has_a_distinct_message_and_name),
        cmocka_unit_test(error_numbers_never_change),
        cmocka_unit_test(unknown_error_number_gets_generic_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
