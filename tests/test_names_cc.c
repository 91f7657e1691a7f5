/* Completion code names: ipmitool's exact texts for table 5-2, NULL for the rest. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ipmikit/names.h"

static void cc_names_are_ipmitools_texts(void **state)
{
    (void)state;
    assert_string_equal(ik_cc_name(0x00), "Command completed normally");
    assert_string_equal(ik_cc_name(0xC0), "Node busy");
    assert_string_equal(ik_cc_name(0xC1), "Invalid command");
    assert_string_equal(ik_cc_name(0xC3), "Timeout");
    assert_string_equal(ik_cc_name(0xCB), "Requested sensor, data, or record not found");
    assert_string_equal(ik_cc_name(0xD1), "Device firmeware in update mode"); /* sic */
    assert_string_equal(ik_cc_name(0xD4), "Insufficient privilege level");
    assert_string_equal(ik_cc_name(0xD6), "Cannot execute command, command disabled");
    assert_string_equal(ik_cc_name(0xFF), "Unspecified error");
}

static void cc_every_generic_code_c0_to_d6_has_a_name(void **state)
{
    (void)state;
    for (unsigned cc = 0xC0; cc <= 0xD6; cc++)
        assert_non_null(ik_cc_name((uint8_t)cc));
}

static void cc_device_and_command_specific_codes_have_no_generic_name(void **state)
{
    (void)state;
    for (unsigned cc = 0x01; cc <= 0xBE; cc++)
        assert_null(ik_cc_name((uint8_t)cc));
    for (unsigned cc = 0xD7; cc <= 0xFE; cc++)
        assert_null(ik_cc_name((uint8_t)cc));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cc_names_are_ipmitools_texts),
        cmocka_unit_test(cc_every_generic_code_c0_to_d6_has_a_name),
        cmocka_unit_test(cc_device_and_command_specific_codes_have_no_generic_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
