/* Sensor unit names (table 43-15) as ipmitool spells them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/names.h"

static void unit_name_uses_ipmitool_spelling(void **state)
{
    (void)state;
    assert_string_equal(ik_unit_name(0), "unspecified");
    assert_string_equal(ik_unit_name(1), "degrees C");
    assert_string_equal(ik_unit_name(4), "Volts");
    assert_string_equal(ik_unit_name(5), "Amps");
    assert_string_equal(ik_unit_name(6), "Watts");
    assert_string_equal(ik_unit_name(18), "RPM");
    assert_string_equal(ik_unit_name(58), "PPM");
    assert_string_equal(ik_unit_name(59), "reserved");
    assert_string_equal(ik_unit_name(65), "color temp deg K");
    assert_string_equal(ik_unit_name(91), "fatal error");
    assert_string_equal(ik_unit_name(92), "grams");
}

static void unit_name_covers_0_to_92_and_nothing_after(void **state)
{
    (void)state;
    for (unsigned u = 0; u <= 92; u++)
        assert_non_null(ik_unit_name((uint8_t)u));
    for (unsigned u = 93; u <= 255; u++)
        assert_null(ik_unit_name((uint8_t)u));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unit_name_uses_ipmitool_spelling),
        cmocka_unit_test(unit_name_covers_0_to_92_and_nothing_after),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
