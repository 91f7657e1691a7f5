/* Sensor type and event/reading type names (table 42-3, table 42-1, PICMG). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ipmikit/names.h"

static void sensor_type_names_cover_00h_to_2ch(void **state)
{
    (void)state;
    assert_null(ik_sensor_type_name(0x00)); /* reserved */
    for (int t = 0x01; t <= 0x2C; t++)
        assert_non_null(ik_sensor_type_name((uint8_t)t));
    assert_string_equal(ik_sensor_type_name(0x01), "Temperature");
    assert_string_equal(ik_sensor_type_name(0x0F), "System Firmwares");
    assert_string_equal(ik_sensor_type_name(0x23), "Watchdog2");
    assert_string_equal(ik_sensor_type_name(0x28), "Management Subsys Health");
    assert_string_equal(ik_sensor_type_name(0x2C), "FRU State");
}

static void sensor_type_names_reserved_and_oem_are_null_except_picmg(void **state)
{
    (void)state;
    for (int t = 0x2D; t <= 0xFF; t++) {
        const char *n = ik_sensor_type_name((uint8_t)t);
        if (t >= 0xF0 && t <= 0xF2)
            assert_non_null(n);
        else
            assert_null(n);
    }
    assert_string_equal(ik_sensor_type_name(0xF0), "FRU Hot Swap");
    assert_string_equal(ik_sensor_type_name(0xF1), "IPMB Physical Link");
    assert_string_equal(ik_sensor_type_name(0xF2), "Module Hot Swap");
}

static void event_type_names_follow_table_42_1(void **state)
{
    (void)state;
    assert_string_equal(ik_event_type_name(0x00), "Unspecified");
    assert_string_equal(ik_event_type_name(0x01), "Threshold");
    for (int t = 0x02; t <= 0x0C; t++)
        assert_string_equal(ik_event_type_name((uint8_t)t), "Generic Discrete");
    for (int t = 0x0D; t <= 0x6E; t++)
        assert_null(ik_event_type_name((uint8_t)t));
    assert_string_equal(ik_event_type_name(0x6F), "Sensor-specific Discrete");
    for (int t = 0x70; t <= 0x7F; t++)
        assert_string_equal(ik_event_type_name((uint8_t)t), "OEM");
    for (int t = 0x80; t <= 0xFF; t++)
        assert_null(ik_event_type_name((uint8_t)t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sensor_type_names_cover_00h_to_2ch),
        cmocka_unit_test(sensor_type_names_reserved_and_oem_are_null_except_picmg),
        cmocka_unit_test(event_type_names_follow_table_42_1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
