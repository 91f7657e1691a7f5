/* Entity ID names: the same text as ipmitool 1.8.19 for all 256 codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/names.h"
#include "testutil.h"

static void entity_name_matches_ipmitool_for_every_code(void **state)
{
    (void)state;
    /* tests/vectors/names_entity.ipmitool.txt: what ipmitool printed for each code, probed
     * through ipmi_sim; codes it does not know read "Unknown (0xNN)". */
    FILE *f = fopen(ik_test_vector_path("names_entity.ipmitool.txt"), "r");
    assert_non_null(f);
    char line[256];
    int seen = 0;
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        unsigned code = (unsigned)strtoul(line, NULL, 16);
        const char *want = tab + 1;
        const char *got = ik_entity_name((uint8_t)code);
        char unknown[32];
        snprintf(unknown, sizeof(unknown), "Unknown (0x%02X)", code);
        if (strcmp(want, unknown) == 0 && code != 0x02)
            assert_null(got);
        else if (!got || strcmp(got, want) != 0)
            fail_msg("entity %02Xh: ipmitool says \"%s\", ipmikit \"%s\"", code, want,
                     got ? got : "(null)");
        seen++;
    }
    fclose(f);
    assert_int_equal(seen, 256);
}

static void entity_name_spells_spec_and_picmg_codes(void **state)
{
    (void)state;
    assert_string_equal(ik_entity_name(0x07), "System Board");
    assert_string_equal(ik_entity_name(0x02), "Unknown"); /* a real entity: "unknown" */
    assert_string_equal(ik_entity_name(0x42), "Baseboard/Main System Board");
    assert_string_equal(ik_entity_name(0xA0), "PICMG Front Board");
    assert_string_equal(ik_entity_name(0xF3), "PICMG Alarm Panel");
    assert_null(ik_entity_name(0x43));
    assert_null(ik_entity_name(0xFF));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entity_name_matches_ipmitool_for_every_code),
        cmocka_unit_test(entity_name_spells_spec_and_picmg_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
