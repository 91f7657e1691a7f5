/* NetFn and command names: table 5-1 and appendix G. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/names.h"

static void netfn_request_and_response_share_a_name(void **state)
{
    (void)state;
    static const struct {
        uint8_t netfn;
        const char *name;
    } want[] = {
        {0x00, "Chassis"},     {0x02, "Bridge"},          {0x04, "Sensor/Event"},
        {0x06, "Application"}, {0x08, "Firmware"},        {0x0A, "Storage"},
        {0x0C, "Transport"},   {0x2C, "Group Extension"}, {0x2E, "OEM/Group"},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_string_equal(ik_netfn_name(want[i].netfn), want[i].name);
        assert_string_equal(ik_netfn_name(want[i].netfn + 1), want[i].name);
    }
    assert_string_equal(ik_netfn_name(0x30), "Controller-specific OEM/Group");
    assert_string_equal(ik_netfn_name(0x3F), "Controller-specific OEM/Group");
}

static void netfn_reserved_and_out_of_range_have_no_name(void **state)
{
    (void)state;
    for (unsigned n = 0x0E; n <= 0x2B; n++)
        assert_null(ik_netfn_name((uint8_t)n));
    assert_null(ik_netfn_name(0x40));
    assert_null(ik_netfn_name(0xFF));
}

static void cmd_names_cover_each_netfn(void **state)
{
    (void)state;
    assert_string_equal(ik_cmd_name(0x06, 0x01), "Get Device ID");
    assert_string_equal(ik_cmd_name(0x07, 0x01), "Get Device ID"); /* response NetFn */
    assert_string_equal(ik_cmd_name(0x06, 0x38), "Get Channel Authentication Capabilities");
    assert_string_equal(ik_cmd_name(0x06, 0x54), "Get Channel Cipher Suites");
    assert_string_equal(ik_cmd_name(0x00, 0x02), "Chassis Control");
    assert_string_equal(ik_cmd_name(0x00, 0x0F), "Get POH Counter");
    assert_string_equal(ik_cmd_name(0x04, 0x2D), "Get Sensor Reading");
    assert_string_equal(ik_cmd_name(0x0A, 0x11), "Read FRU Data");
    assert_string_equal(ik_cmd_name(0x0A, 0x43), "Get SEL Entry");
    assert_string_equal(ik_cmd_name(0x0A, 0x5D), "Set SEL Time UTC Offset");
    assert_string_equal(ik_cmd_name(0x0C, 0x21), "Set SOL Configuration Parameters");
    assert_string_equal(ik_cmd_name(0x02, 0xFF), "Error Report");
    assert_string_equal(ik_cmd_name(0x2C, 0x00), "Get PICMG Properties");
    assert_string_equal(ik_cmd_name(0x2D, 0x0C), "Set FRU Activation");
    assert_string_equal(ik_cmd_name(0x2C, 0x2E), "Get Target Upgrade Capabilities");
}

static void cmd_unknown_commands_have_no_name(void **state)
{
    (void)state;
    assert_null(ik_cmd_name(0x06, 0x00));
    assert_null(ik_cmd_name(0x06, 0xFF));
    assert_null(ik_cmd_name(0x08, 0x01)); /* Firmware NetFn: vendor-specific */
    assert_null(ik_cmd_name(0x2E, 0x01)); /* OEM */
    assert_null(ik_cmd_name(0x40, 0x01)); /* not a 6-bit NetFn */
}

/* Every command the table knows is found, and the table lookups agree with a scan: each
 * (netfn, cmd) pair resolves to at most one name, and names are not blank. */
static void cmd_table_lookup_finds_every_entry(void **state)
{
    (void)state;
    unsigned found = 0;
    for (unsigned netfn = 0; netfn < 0x40; netfn += 2) {
        for (unsigned cmd = 0; cmd < 0x100; cmd++) {
            const char *n = ik_cmd_name((uint8_t)netfn, (uint8_t)cmd);
            if (!n)
                continue;
            assert_true(strlen(n) > 3);
            assert_ptr_equal(n, ik_cmd_name((uint8_t)(netfn + 1), (uint8_t)cmd));
            assert_non_null(ik_netfn_name((uint8_t)netfn));
            found++;
        }
    }
    /* 13 chassis + 26 bridge + 27 S/E + 62 app + 30 storage + 24 transport + 47 PICMG */
    assert_int_equal(found, 13 + 26 + 27 + 62 + 30 + 24 + 47);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(netfn_request_and_response_share_a_name),
        cmocka_unit_test(netfn_reserved_and_out_of_range_have_no_name),
        cmocka_unit_test(cmd_names_cover_each_netfn),
        cmocka_unit_test(cmd_unknown_commands_have_no_name),
        cmocka_unit_test(cmd_table_lookup_finds_every_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
