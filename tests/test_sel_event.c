/* SEL event interpretation: classes, offsets, event data 2/3, table 42-3 extensions, PICMG,
 * OEM, Linux panic events. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/sel.h"
#include "testutil.h"

static struct ik_sel_event ev(uint8_t stype, uint8_t num, uint8_t etype, uint8_t d1, uint8_t d2,
                              uint8_t d3)
{
    struct ik_sel_event e;
    memset(&e, 0, sizeof(e));
    e.gen_id = 0x20;
    e.gen_addr = 0x10;
    e.evm_rev = 4;
    e.sensor_type = stype;
    e.sensor_num = num;
    e.event_type = etype;
    e.data[0] = d1;
    e.data[1] = d2;
    e.data[2] = d3;
    return e;
}

static const struct ik_sel_field *field(const struct ik_sel_interp *in, const char *key)
{
    for (unsigned i = 0; i < in->nfields; i++)
        if (strcmp(in->fields[i].key, key) == 0)
            return &in->fields[i];
    return NULL;
}

static void threshold_event_carries_reading_and_threshold(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x01, 0x30, 0x01, 0x59, 0x5F, 0x5A);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.cls, IK_SEL_CLASS_THRESHOLD);
    assert_int_equal(in.offset, 9);
    assert_string_equal(in.offset_text, "Upper Critical - going high");
    assert_int_equal(in.data2_use, IK_SEL_DATA_READING);
    assert_int_equal(in.data3_use, IK_SEL_DATA_READING);
    assert_true(in.has_trigger_reading);
    assert_int_equal(in.trigger_reading, 0x5F);
    assert_true(in.has_threshold);
    assert_int_equal(in.threshold, 0x5A);
}

static void threshold_data_flags_oem_and_extension(void **state)
{
    (void)state;
    struct ik_sel_interp in;
    struct ik_sel_event e = ev(0x02, 1, 0x01, 0xB0, 1, 2);
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.data2_use, IK_SEL_DATA_OEM);
    assert_int_equal(in.data3_use, IK_SEL_DATA_EXTENSION);
    assert_false(in.has_trigger_reading);
    assert_false(in.has_threshold);
    e = ev(0x02, 1, 0x01, 0x00, 1, 2);
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.data2_use, IK_SEL_DATA_UNSPECIFIED);
    assert_int_equal(in.data3_use, IK_SEL_DATA_UNSPECIFIED);
}

static void every_generic_offset_has_a_name_and_the_next_is_reserved(void **state)
{
    (void)state;
    static const uint8_t counts[0x0D] = {0, 12, 3, 2, 2, 2, 2, 9, 2, 2, 9, 8, 4};
    for (uint8_t et = 1; et <= 0x0C; et++) {
        for (uint8_t off = 0; off < counts[et]; off++)
            assert_non_null(ik_sel_offset_name(et, 0x01, off));
        assert_null(ik_sel_offset_name(et, 0x01, counts[et]));
    }
    assert_null(ik_sel_offset_name(0x00, 0x01, 0));
    assert_null(ik_sel_offset_name(0x0D, 0x01, 0));
    assert_null(ik_sel_offset_name(0x70, 0x01, 0));
}

static void every_sensor_specific_offset_has_a_name(void **state)
{
    (void)state;
    /* table 42-3 offsets per sensor type (reserved holes listed separately) */
    static const struct {
        uint8_t type, count;
    } t[] = {{0x05, 7}, {0x06, 6}, {0x07, 13}, {0x08, 8},  {0x09, 8},  {0x0C, 11}, {0x0D, 9},
             {0x0F, 3}, {0x10, 7}, {0x11, 8},  {0x12, 6},  {0x13, 12}, {0x14, 5},  {0x19, 2},
             {0x1B, 2}, {0x1D, 8}, {0x1E, 5},  {0x1F, 11}, {0x20, 6},  {0x21, 10}, {0x22, 15},
             {0x23, 9}, {0x24, 4}, {0x25, 3},  {0x27, 2},  {0x28, 6},  {0x29, 3},  {0x2A, 4},
             {0x2B, 8}, {0x2C, 8}, {0xF0, 8},  {0xF1, 4},  {0xF2, 5}};
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        for (uint8_t off = 0; off < t[i].count; off++) {
            int hole =
                (t[i].type == 0x22 && off == 0x0D) || (t[i].type == 0x23 && off >= 4 && off <= 7);
            if (hole)
                assert_null(ik_sel_offset_name(0x6F, t[i].type, off));
            else
                assert_non_null(ik_sel_offset_name(0x6F, t[i].type, off));
        }
        assert_null(ik_sel_offset_name(0x6F, t[i].type, t[i].count));
    }
    /* types with no sensor-specific offsets, reserved and OEM types */
    static const uint8_t none[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x0B, 0x0E, 0x15, 0x16,
                                   0x17, 0x18, 0x1A, 0x1C, 0x26, 0x2D, 0xBF, 0xC0, 0xF3, 0xFF};
    for (size_t i = 0; i < sizeof(none); i++)
        assert_null(ik_sel_offset_name(0x6F, none[i], 0));
    assert_string_equal(ik_sel_offset_name(0x6F, 0x08, 7),
                        "Power Supply Inactive (in standby state)");
}

static void discrete_previous_state_and_severity(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x07, 1, 0x6F, 0x41, 0x27, 0xFF);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.data2_use, IK_SEL_DATA_PREVIOUS);
    assert_true(in.has_previous);
    assert_int_equal(in.previous_offset, 7);
    assert_string_equal(in.previous_text, "Processor Presence detected");
    assert_int_equal(in.severity_offset, 2);
    assert_string_equal(in.severity_text, "transition to Critical from less severe");
    e.data[1] = 0xFF;
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.previous_offset, 0x0F);
    assert_null(in.previous_text);
    assert_null(in.severity_text);
}

static void watchdog2_interrupt_type_and_timer_use(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x23, 1, 0x6F, 0xC1, 0x13, 0xFF);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_string_equal(in.offset_text, "Hard Reset");
    const struct ik_sel_field *f = field(&in, "interrupt_type");
    assert_non_null(f);
    assert_int_equal(f->value, 1);
    assert_string_equal(f->text, "SMI");
    f = field(&in, "timer_use");
    assert_int_equal(f->value, 3);
    assert_string_equal(f->text, "OS Load");
    /* not flagged as an extension: nothing decoded */
    e.data[0] = 0x01;
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.nfields, 0);
}

static void session_audit_user_channel_and_cause(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x2A, 1, 0x6F, 0xF1, 0x05, 0x22);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_int_equal(field(&in, "user_id")->value, 5);
    assert_int_equal(field(&in, "channel")->value, 2);
    assert_string_equal(field(&in, "deactivation_cause")->text, "Session deactivated by timeout");
    e.data[0] = 0xF0; /* activation: no deactivation cause */
    ik_sel_interpret(&e, &in);
    assert_null(field(&in, "deactivation_cause"));
}

static void firmware_progress_error_and_hang_codes(void **state)
{
    (void)state;
    struct ik_sel_interp in;
    struct ik_sel_event e = ev(0x0F, 1, 0x6F, 0xC0, 0x0B, 0xFF);
    ik_sel_interpret(&e, &in);
    assert_string_equal(field(&in, "error_code")->text, "Firmware (BIOS) ROM corruption detected");
    e = ev(0x0F, 1, 0x6F, 0xC2, 0x13, 0xFF);
    ik_sel_interpret(&e, &in);
    assert_string_equal(field(&in, "progress_code")->label, "Progress");
    e = ev(0x0F, 1, 0x6F, 0xC1, 0x15, 0xFF);
    ik_sel_interpret(&e, &in);
    assert_string_equal(field(&in, "progress_code")->label, "Hang in");
    assert_null(field(&in, "progress_code")->text); /* 15h is reserved */
    e = ev(0x0F, 1, 0x6F, 0xC0, 0x0E, 0xFF);
    ik_sel_interpret(&e, &in);
    assert_null(field(&in, "error_code")->text);
}

static void power_supply_configuration_error_type_is_in_data3(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x08, 1, 0x6F, 0x36, 0xFF, 0x03);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_string_equal(field(&in, "config_error")->text, "Power Supply rating mismatch");
}

static void version_change_type(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x2B, 1, 0x6F, 0xC7, 0x09, 0xFF);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_string_equal(field(&in, "version_change")->text, "system firmware (EFI / BIOS) change");
    e.data[1] = 0x18;
    ik_sel_interpret(&e, &in);
    assert_null(field(&in, "version_change")->text);
}

static void event_logging_disabled_record_type_and_offset(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x10, 1, 0x6F, 0xF1, 0x6F, 0x13);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_int_equal(field(&in, "event_type")->value, 0x6F);
    assert_int_equal(field(&in, "all_events")->value, 0);
    assert_string_equal(field(&in, "direction")->text, "assertion");
    assert_int_equal(field(&in, "event_offset")->value, 3);
    e = ev(0x10, 1, 0x6F, 0x35, 0xFF, 75);
    ik_sel_interpret(&e, &in);
    assert_int_equal(field(&in, "percent_full")->value, 75);
}

static void system_event_pef_actions_are_bits(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x12, 1, 0x6F, 0xC4, 0x05, 0xFF);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    const struct ik_sel_field *f = field(&in, "pef_actions");
    assert_non_null(f);
    assert_non_null(f->bits);
    assert_int_equal(f->value, 0x05);
    assert_string_equal(f->bits[0], "Alert");
    assert_string_equal(f->bits[2], "reset");
}

static void restart_cause_slot_and_mgmt_health(void **state)
{
    (void)state;
    struct ik_sel_interp in;
    struct ik_sel_event e = ev(0x1D, 1, 0x6F, 0xF7, 0x04, 0x01);
    ik_sel_interpret(&e, &in);
    assert_string_equal(field(&in, "restart_cause")->text, "Watchdog expiration");
    assert_int_equal(field(&in, "channel")->value, 1);
    e = ev(0x21, 1, 0x6F, 0xF2, 0x06, 0x03);
    ik_sel_interpret(&e, &in);
    assert_string_equal(field(&in, "slot_type")->text, "AdvancedTCA");
    assert_int_equal(field(&in, "slot_number")->value, 3);
    e = ev(0x28, 1, 0x6F, 0xF5, 0x80, 0x02);
    ik_sel_interpret(&e, &in);
    assert_int_equal(field(&in, "logical_fru")->value, 1);
    assert_int_equal(field(&in, "fru_device_id")->value, 2);
    e = ev(0x28, 1, 0x6F, 0xF5, 0x09, 0xA0);
    ik_sel_interpret(&e, &in);
    assert_int_equal(field(&in, "private_bus")->value, 1);
    assert_int_equal(field(&in, "lun")->value, 1);
    assert_int_equal(field(&in, "i2c_address")->value, 0xA0);
}

static void fru_state_cause_and_previous(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x2C, 1, 0x6F, 0xC4, 0xA3, 0xFF);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_string_equal(in.offset_text, "FRU Active");
    assert_string_equal(field(&in, "cause")->text, "Unexpected Deactivation");
    assert_string_equal(field(&in, "previous_state")->text, "FRU Activation In Progress");
}

static void picmg_hot_swap_states_cause_and_fru(void **state)
{
    (void)state;
    /* M4 from M3, cause 2 (handle switch), FRU 1 */
    struct ik_sel_event e = ev(0xF0, 0x82, 0x6F, 0xA4, 0x23, 0x01);
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_string_equal(in.offset_text, "M4 - FRU Active");
    assert_string_equal(field(&in, "previous_state")->text, "M3 - FRU Activation In Progress");
    assert_string_equal(field(&in, "cause")->text,
                        "State Change due to operator changing a Handle Switch");
    assert_int_equal(field(&in, "fru_device_id")->value, 1);
    static const char *const causes[16] = {
        "Normal State Change",
        "Change Commanded by Shelf Manager with Set FRU Activation",
        "State Change due to operator changing a Handle Switch",
        "State Change due to FRU programmatic action",
        "Communication Lost or Regained",
        "Communication Lost or Regained - locally detected",
        "Surprise State Change due to extraction",
        "State Change due to provided information",
        "Invalid Hardware Address Detected",
        "Unexpected Deactivation",
        [0x0F] = "State Change, Cause Unknown",
    };
    for (int c = 0; c < 16; c++) {
        e.data[1] = (uint8_t)(c << 4);
        ik_sel_interpret(&e, &in);
        if (causes[c])
            assert_string_equal(field(&in, "cause")->text, causes[c]);
        else
            assert_null(field(&in, "cause")->text);
    }
    e = ev(0xF1, 1, 0x6F, 0x03, 0, 0);
    ik_sel_interpret(&e, &in);
    assert_string_equal(in.offset_text, "IPMB-A enabled, IPMB-B enabled");
    assert_int_equal(in.nfields, 0);
    /* IPMB-0 channel 3; IPMB-B local control, clock low timeout; IPMB-A override, no fault */
    e = ev(0xF1, 1, 0x6F, 0xA1, 0x30, 0xD0);
    ik_sel_interpret(&e, &in);
    assert_int_equal(field(&in, "channel")->value, 3);
    assert_string_equal(field(&in, "ipmb_b_control")->text, "local control state");
    assert_string_equal(field(&in, "ipmb_b_status")->text, "Clock low timeout");
    assert_string_equal(field(&in, "ipmb_a_control")->text, "override state, bus isolated");
    assert_string_equal(field(&in, "ipmb_a_status")->text, "No failure");
    e = ev(0xF2, 1, 0x6F, 0x01, 0, 0);
    ik_sel_interpret(&e, &in);
    assert_string_equal(in.offset_text, "Module Handle Opened");
}

static void oem_and_reserved_codes_are_reported_not_dropped(void **state)
{
    (void)state;
    struct ik_sel_interp in;
    struct ik_sel_event e = ev(0xC0, 1, 0x70, 0xA5, 0x5A, 0x77);
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.cls, IK_SEL_CLASS_OEM);
    assert_int_equal(in.offset, 5);
    assert_null(in.offset_text);
    assert_int_equal(in.data2_use, IK_SEL_DATA_OEM);
    e = ev(0x01, 1, 0x0D, 0x00, 0, 0);
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.cls, IK_SEL_CLASS_RESERVED);
    e = ev(0x01, 1, 0x00, 0x00, 0, 0);
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.cls, IK_SEL_CLASS_UNSPECIFIED);
    e = ev(0xD0, 1, 0x6F, 0xC1, 0, 0);
    ik_sel_interpret(&e, &in);
    assert_int_equal(in.cls, IK_SEL_CLASS_SENSOR_SPECIFIC);
    assert_null(in.offset_text);
    assert_int_equal(in.nfields, 0);
}

static void linux_panic_event_yields_first_characters(void **state)
{
    (void)state;
    struct ik_sel_event e = ev(0x20, 'K', 0x6F, 0xA1, 'e', 'r');
    e.gen_id = 0x21;
    e.evm_rev = 3;
    struct ik_sel_interp in;
    ik_sel_interpret(&e, &in);
    assert_true(in.is_panic);
    assert_string_equal(in.panic_text, "Ker");
    assert_string_equal(in.offset_text, "Run-time Critical Stop");
    e.sensor_num = 0; /* empty panic string */
    ik_sel_interpret(&e, &in);
    assert_true(in.is_panic);
    assert_string_equal(in.panic_text, "");
    e.gen_id = 0x20; /* not the kernel */
    ik_sel_interpret(&e, &in);
    assert_false(in.is_panic);
}

static void interpretation_is_total_over_all_inputs(void **state)
{
    (void)state;
    /* every sensor type, every event type, every data 1: never more fields than the cap,
     * every field named, offsets within 4 bits */
    for (int st = 0; st < 256; st++) {
        for (int et = 0; et < 128; et += (et == 0x6F ? 1 : 7)) {
            for (int d1 = 0; d1 < 256; d1++) {
                struct ik_sel_event e = ev((uint8_t)st, 1, (uint8_t)et, (uint8_t)d1, 0x80, 0x81);
                struct ik_sel_interp in;
                ik_sel_interpret(&e, &in);
                assert_true(in.nfields <= IK_SEL_MAX_FIELDS);
                assert_true(in.offset < 16);
                for (unsigned i = 0; i < in.nfields; i++) {
                    assert_non_null(in.fields[i].key);
                    assert_non_null(in.fields[i].label);
                }
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threshold_event_carries_reading_and_threshold),
        cmocka_unit_test(threshold_data_flags_oem_and_extension),
        cmocka_unit_test(every_generic_offset_has_a_name_and_the_next_is_reserved),
        cmocka_unit_test(every_sensor_specific_offset_has_a_name),
        cmocka_unit_test(discrete_previous_state_and_severity),
        cmocka_unit_test(watchdog2_interrupt_type_and_timer_use),
        cmocka_unit_test(session_audit_user_channel_and_cause),
        cmocka_unit_test(firmware_progress_error_and_hang_codes),
        cmocka_unit_test(power_supply_configuration_error_type_is_in_data3),
        cmocka_unit_test(version_change_type),
        cmocka_unit_test(event_logging_disabled_record_type_and_offset),
        cmocka_unit_test(system_event_pef_actions_are_bits),
        cmocka_unit_test(restart_cause_slot_and_mgmt_health),
        cmocka_unit_test(fru_state_cause_and_previous),
        cmocka_unit_test(picmg_hot_swap_states_cause_and_fru),
        cmocka_unit_test(oem_and_reserved_codes_are_reported_not_dropped),
        cmocka_unit_test(linux_panic_event_yields_first_characters),
        cmocka_unit_test(interpretation_is_total_over_all_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
