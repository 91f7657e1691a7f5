/* YAML descriptions: typed readers and errors with file:line:column and the field. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "desc.h"
#include "ipmikit/error.h"

static int parse(const char *text, struct ik_machine *m, struct ik_desc *d)
{
    ik_machine_defaults(m);
    int rc = ik_desc_load_text(d, "t.yaml", text, strlen(text));
    if (rc)
        return rc;
    yaml_node_t *root = ik_desc_root(d);
    return ik_desc_parse_machine(d, ik_desc_get(d, root, "machine"), "machine", m);
}

static void device_section_sets_identity_fields(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  name: node7\n"
                    "  device:\n"
                    "    device_id: 0x21\n"
                    "    device_revision: 3\n"
                    "    provides_sdrs: false\n"
                    "    firmware: \"2.05\"\n"
                    "    manufacturer_id: 343\n"
                    "    product_id: 0x1234\n"
                    "    system_guid: 00112233-44556677-8899aabb-ccddeeff\n";
    assert_int_equal(parse(y, &m, &d), 0);
    assert_string_equal(m.name, "node7");
    assert_int_equal(m.id.device_id, 0x21);
    assert_int_equal(m.id.device_rev, 0x03);
    assert_int_equal(m.id.fw_major, 2);
    assert_int_equal(m.id.fw_minor, 0x05);
    assert_int_equal(m.id.manufacturer_id, 343);
    assert_int_equal(m.id.product_id, 0x1234);
    assert_int_equal(m.id.system_guid[0], 0x00);
    assert_int_equal(m.id.system_guid[15], 0xFF);
    ik_desc_free(&d);
}

static void out_of_range_value_names_file_line_column_and_field(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  device:\n"
                    "    device_id: 300\n";
    assert_int_equal(parse(y, &m, &d), IK_E_SYNTAX);
    assert_string_equal(d.err, "t.yaml:3:16: machine.device.device_id: 300 is out of range 0..255");
    ik_desc_free(&d);
}

static void unknown_key_is_an_error_listing_the_allowed_keys(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  device:\n"
                    "    device_idd: 1\n";
    assert_int_equal(parse(y, &m, &d), IK_E_SYNTAX);
    assert_non_null(strstr(d.err, "t.yaml:3:5: machine.device: unknown key 'device_idd'"));
    assert_non_null(strstr(d.err, "device_id"));
    ik_desc_free(&d);
}

static void wrong_node_type_and_bad_hex_are_reported(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    assert_int_equal(parse("machine:\n  device: [1, 2]\n", &m, &d), IK_E_SYNTAX);
    assert_string_equal(d.err, "t.yaml:2:11: machine.device: expected a map, got a list");
    ik_desc_free(&d);
    assert_int_equal(parse("machine:\n  device:\n    system_guid: 00zz\n", &m, &d), IK_E_SYNTAX);
    assert_string_equal(d.err, "t.yaml:3:18: machine.device.system_guid: 'z' is not a hex digit");
    ik_desc_free(&d);
    assert_int_equal(parse("machine:\n  device:\n    system_guid: 0011\n", &m, &d), IK_E_SYNTAX);
    assert_string_equal(d.err, "t.yaml:3:18: machine.device.system_guid: expected 16 bytes, got 2");
    ik_desc_free(&d);
}

static void yaml_syntax_error_has_position(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    assert_int_equal(parse("machine:\n  device: {a: 1\n", &m, &d), IK_E_SYNTAX);
    assert_non_null(strstr(d.err, "t.yaml:3:1: YAML syntax error"));
    ik_desc_free(&d);
}

static void firmware_must_be_major_dot_minor(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    assert_int_equal(parse("machine:\n  device:\n    firmware: \"1.234\"\n", &m, &d), IK_E_SYNTAX);
    assert_non_null(strstr(d.err, "machine.device.firmware: expected \"major.minor\""));
    ik_desc_free(&d);
}

static void empty_document_is_an_error(void **state)
{
    (void)state;
    struct ik_desc d;
    assert_int_equal(ik_desc_load_text(&d, "e.yaml", "", 0), IK_E_SYNTAX);
    assert_string_equal(d.err, "e.yaml: empty description");
    ik_desc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(device_section_sets_identity_fields),
        cmocka_unit_test(out_of_range_value_names_file_line_column_and_field),
        cmocka_unit_test(unknown_key_is_an_error_listing_the_allowed_keys),
        cmocka_unit_test(wrong_node_type_and_bad_hex_are_reported),
        cmocka_unit_test(yaml_syntax_error_has_position),
        cmocka_unit_test(firmware_must_be_major_dot_minor),
        cmocka_unit_test(empty_document_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
