/* NetFn Chassis command payloads (lib/msg_chassis.c): decode, encode, and the lengths
 * refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "msg_chassis.h"
#include "codectest.h"

/* ---- Get Chassis Status ----------------------------------------------------------------- */

/* Power on, power control fault, restore policy previous (01b in [6:5]); last event: AC
 * failed and power-on by command; misc: identify supported, timed on, fan fault,
 * intrusion; buttons: power button disable allowed and disabled. */
static const char status_hex[] = "31 11 59 11";

static void chassis_status_decodes_every_field(void **state)
{
    (void)state;
    struct ik_chassis_status s;
    assert_int_equal(DECODE(ik_chassis_status_decode, status_hex, &s), 0);
    assert_true(s.power_on);
    assert_false(s.overload);
    assert_false(s.interlock);
    assert_false(s.power_fault);
    assert_true(s.control_fault);
    assert_int_equal(s.policy, IK_POLICY_PREV);
    assert_true(s.ac_failed);
    assert_false(s.last_overload);
    assert_false(s.last_interlock);
    assert_false(s.last_fault);
    assert_true(s.last_on_by_command);
    assert_true(s.intrusion);
    assert_false(s.panel_lockout);
    assert_false(s.drive_fault);
    assert_true(s.fan_fault);
    assert_true(s.identify_supported);
    assert_int_equal(s.identify_state, IK_IDENTIFY_TIMED);
    assert_true(s.has_buttons);
    assert_int_equal(s.buttons, 0x11);
}

static void chassis_status_round_trips_with_and_without_buttons(void **state)
{
    (void)state;
    ROUND_TRIP(ik_chassis_status_decode, ik_chassis_status_encode, struct ik_chassis_status,
               status_hex);
    ROUND_TRIP(ik_chassis_status_decode, ik_chassis_status_encode, struct ik_chassis_status,
               "7f 1f 6f");
    struct ik_chassis_status s;
    assert_int_equal(DECODE(ik_chassis_status_decode, "00 00 00", &s), 0);
    assert_false(s.has_buttons);
    assert_false(s.identify_supported);
}

static void chassis_status_drops_reserved_bits(void **state)
{
    (void)state;
    struct ik_chassis_status s;
    assert_int_equal(DECODE(ik_chassis_status_decode, "80 e0 80", &s), 0);
    uint8_t out[4];
    size_t w = 0;
    assert_int_equal(ik_chassis_status_encode(&s, out, sizeof(out), &w), 0);
    assert_int_equal(w, 3);
    assert_memory_equal(out, "\0\0\0", 3);
}

static void chassis_status_rejects_short_and_long_input(void **state)
{
    (void)state;
    REJECTS_LENGTHS(ik_chassis_status_decode, struct ik_chassis_status, IK_CHASSIS_STATUS_MIN,
                    IK_CHASSIS_STATUS_MAX);
}

static void chassis_status_encode_refuses_wide_fields_and_short_buffers(void **state)
{
    (void)state;
    struct ik_chassis_status s = {.policy = 4};
    uint8_t out[4];
    size_t w = 99;
    assert_int_equal(ik_chassis_status_encode(&s, out, sizeof(out), &w), IK_E_RANGE);
    s.policy = 0;
    s.identify_state = 4;
    assert_int_equal(ik_chassis_status_encode(&s, out, sizeof(out), &w), IK_E_RANGE);
    s.identify_state = 0;
    s.has_buttons = true;
    assert_int_equal(ik_chassis_status_encode(&s, out, 3, &w), IK_E_NOSPACE);
    assert_int_equal(w, 99);
}

/* ---- Chassis Control -------------------------------------------------------------------- */

static void chassis_control_decodes_and_round_trips(void **state)
{
    (void)state;
    struct ik_chassis_control_req q;
    assert_int_equal(DECODE(ik_chassis_control_req_decode, "05", &q), 0); /* soft shutdown */
    assert_int_equal(q.control, IK_CTL_SOFT);
    /* reserved values 6-15 are reported for the BMC to refuse */
    assert_int_equal(DECODE(ik_chassis_control_req_decode, "0f", &q), 0);
    assert_int_equal(q.control, 15);
    ROUND_TRIP(ik_chassis_control_req_decode, ik_chassis_control_req_encode,
               struct ik_chassis_control_req, "02");
}

static void chassis_control_refuses_reserved_bits_and_bad_lengths(void **state)
{
    (void)state;
    struct ik_chassis_control_req q = {.control = 7};
    assert_int_equal(DECODE(ik_chassis_control_req_decode, "10", &q), IK_E_BADFIELD);
    assert_int_equal(q.control, 7);
    REJECTS_LENGTHS(ik_chassis_control_req_decode, struct ik_chassis_control_req, 1, 1);
    q.control = 16;
    uint8_t out[1];
    size_t w = 0;
    assert_int_equal(ik_chassis_control_req_encode(&q, out, sizeof(out), &w), IK_E_RANGE);
    q.control = 0;
    assert_int_equal(ik_chassis_control_req_encode(&q, out, 0, &w), IK_E_NOSPACE);
}

/* ---- Chassis Identify ------------------------------------------------------------------- */

static void identify_reads_zero_one_or_two_bytes(void **state)
{
    (void)state;
    struct ik_chassis_identify_req q;
    assert_int_equal(ik_chassis_identify_req_decode(NULL, 0, &q), 0);
    assert_false(q.has_interval);
    assert_false(q.has_force);
    assert_int_equal(DECODE(ik_chassis_identify_req_decode, "1e", &q), 0); /* 30 s */
    assert_true(q.has_interval);
    assert_int_equal(q.interval_s, 30);
    assert_false(q.has_force);
    assert_int_equal(DECODE(ik_chassis_identify_req_decode, "00 01", &q), 0); /* force on */
    assert_true(q.has_force);
    assert_true(q.force);
    ROUND_TRIP(ik_chassis_identify_req_decode, ik_chassis_identify_req_encode,
               struct ik_chassis_identify_req, "1e");
    ROUND_TRIP(ik_chassis_identify_req_decode, ik_chassis_identify_req_encode,
               struct ik_chassis_identify_req, "00 01");
    uint8_t out[2];
    size_t w = 99;
    struct ik_chassis_identify_req none = {0};
    assert_int_equal(ik_chassis_identify_req_encode(&none, out, sizeof(out), &w), 0);
    assert_int_equal(w, 0);
}

static void identify_refuses_reserved_bits_long_input_and_force_without_interval(void **state)
{
    (void)state;
    struct ik_chassis_identify_req q;
    assert_int_equal(DECODE(ik_chassis_identify_req_decode, "05 02", &q), IK_E_BADFIELD);
    uint8_t big[IK_IDENTIFY_REQ_MAX + 1] = {0};
    assert_int_equal(ik_chassis_identify_req_decode(big, sizeof(big), &q), IK_E_OVERSIZE);
    struct ik_chassis_identify_req f = {.has_force = true, .force = true};
    uint8_t out[2];
    size_t w = 0;
    assert_int_equal(ik_chassis_identify_req_encode(&f, out, sizeof(out), &w), IK_E_RANGE);
    f.has_interval = true;
    assert_int_equal(ik_chassis_identify_req_encode(&f, out, 1, &w), IK_E_NOSPACE);
}

/* ---- Set Power Restore Policy ----------------------------------------------------------- */

static void policy_request_and_response_decode_and_round_trip(void **state)
{
    (void)state;
    struct ik_policy_req q;
    assert_int_equal(DECODE(ik_policy_req_decode, "03", &q), 0); /* no change */
    assert_int_equal(q.policy, IK_POLICY_UNKNOWN);
    assert_int_equal(DECODE(ik_policy_req_decode, "07", &q), 0); /* reserved, as is */
    assert_int_equal(q.policy, 7);
    ROUND_TRIP(ik_policy_req_decode, ik_policy_req_encode, struct ik_policy_req, "02");
    struct ik_policy_rsp r;
    assert_int_equal(DECODE(ik_policy_rsp_decode, "05", &r), 0); /* always off and on */
    assert_true(r.always_off);
    assert_false(r.previous);
    assert_true(r.always_on);
    ROUND_TRIP(ik_policy_rsp_decode, ik_policy_rsp_encode, struct ik_policy_rsp, "07");
}

static void policy_refuses_reserved_bits_and_bad_lengths(void **state)
{
    (void)state;
    struct ik_policy_req q;
    assert_int_equal(DECODE(ik_policy_req_decode, "08", &q), IK_E_BADFIELD);
    REJECTS_LENGTHS(ik_policy_req_decode, struct ik_policy_req, 1, 1);
    REJECTS_LENGTHS(ik_policy_rsp_decode, struct ik_policy_rsp, 1, 1);
    q.policy = 8;
    uint8_t out[1];
    size_t w = 0;
    assert_int_equal(ik_policy_req_encode(&q, out, sizeof(out), &w), IK_E_RANGE);
}

/* ---- Get System Restart Cause, Get POH Counter ------------------------------------------ */

static void restart_cause_decodes_round_trips_and_masks_reserved_bits(void **state)
{
    (void)state;
    struct ik_restart_cause_rsp c;
    /* cause 4 (watchdog) with reserved bits set, channel 0Fh (system interface) */
    assert_int_equal(DECODE(ik_restart_cause_rsp_decode, "f4 0f", &c), 0);
    assert_int_equal(c.cause, 4);
    assert_int_equal(c.channel, 15);
    ROUND_TRIP(ik_restart_cause_rsp_decode, ik_restart_cause_rsp_encode,
               struct ik_restart_cause_rsp, "01 0e");
    REJECTS_LENGTHS(ik_restart_cause_rsp_decode, struct ik_restart_cause_rsp, IK_RESTART_CAUSE_LEN,
                    IK_RESTART_CAUSE_LEN);
    c.cause = 16;
    uint8_t out[2];
    size_t w = 0;
    assert_int_equal(ik_restart_cause_rsp_encode(&c, out, sizeof(out), &w), IK_E_RANGE);
}

static void poh_decodes_little_endian_count(void **state)
{
    (void)state;
    struct ik_poh p;
    /* 60 minutes per count, count 12345678h */
    assert_int_equal(DECODE(ik_poh_decode, "3c 78 56 34 12", &p), 0);
    assert_int_equal(p.minutes_per_count, 60);
    assert_int_equal(p.count, 0x12345678);
    ROUND_TRIP(ik_poh_decode, ik_poh_encode, struct ik_poh, "01 ff ff ff ff");
    REJECTS_LENGTHS(ik_poh_decode, struct ik_poh, IK_POH_LEN, IK_POH_LEN);
    uint8_t out[IK_POH_LEN];
    size_t w = 0;
    assert_int_equal(ik_poh_encode(&p, out, IK_POH_LEN - 1, &w), IK_E_NOSPACE);
}

/* ---- System Boot Options ---------------------------------------------------------------- */

static void boot_set_request_borrows_the_parameter_data(void **state)
{
    (void)state;
    size_t n;
    /* parameter 5, marked invalid, five bytes of boot flags */
    uint8_t *b = ik_test_hex("85 80 04 00 00 00", &n);
    struct ik_boot_set_req q;
    assert_int_equal(ik_boot_set_req_decode(b, n, &q), 0);
    assert_int_equal(q.param, IK_BOOT_FLAGS);
    assert_true(q.invalid);
    assert_int_equal(q.data_len, 5);
    assert_ptr_equal(q.data, b + 1);
    free(b);
    ROUND_TRIP(ik_boot_set_req_decode, ik_boot_set_req_encode, struct ik_boot_set_req,
               "07 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10");
}

static void boot_set_request_needs_a_selector_and_data(void **state)
{
    (void)state;
    REJECTS_SHORT(ik_boot_set_req_decode, struct ik_boot_set_req, 2);
    struct ik_boot_set_req q = {.param = 0x80, .data = (const uint8_t *)"\1", .data_len = 1};
    uint8_t out[4];
    size_t w = 0;
    assert_int_equal(ik_boot_set_req_encode(&q, out, sizeof(out), &w), IK_E_RANGE);
    q.param = 0;
    q.data_len = 0;
    assert_int_equal(ik_boot_set_req_encode(&q, out, sizeof(out), &w), IK_E_INVAL);
    q.data_len = 4;
    q.data = (const uint8_t *)"abcd";
    assert_int_equal(ik_boot_set_req_encode(&q, out, sizeof(out), &w), IK_E_NOSPACE);
}

static void boot_get_request_decodes_selectors_and_drops_bit_7(void **state)
{
    (void)state;
    struct ik_boot_get_req q;
    assert_int_equal(DECODE(ik_boot_get_req_decode, "87 02 00", &q), 0);
    assert_int_equal(q.param, IK_BOOT_INITIATOR_MBOX);
    assert_int_equal(q.set, 2);
    assert_int_equal(q.block, 0);
    ROUND_TRIP(ik_boot_get_req_decode, ik_boot_get_req_encode, struct ik_boot_get_req, "05 00 00");
    REJECTS_LENGTHS(ik_boot_get_req_decode, struct ik_boot_get_req, IK_BOOT_GET_REQ_LEN,
                    IK_BOOT_GET_REQ_LEN);
    q.param = 0x80;
    uint8_t out[3];
    size_t w = 0;
    assert_int_equal(ik_boot_get_req_encode(&q, out, sizeof(out), &w), IK_E_RANGE);
}

static void boot_get_response_decodes_frame_and_borrows_data(void **state)
{
    (void)state;
    size_t n;
    /* version 1, parameter 5 locked, boot flags valid + persistent, PXE */
    uint8_t *b = ik_test_hex("01 85 c0 04 00 00 00", &n);
    struct ik_boot_get_rsp r;
    assert_int_equal(ik_boot_get_rsp_decode(b, n, &r), 0);
    assert_int_equal(r.version, 1);
    assert_true(r.invalid);
    assert_int_equal(r.param, 5);
    assert_int_equal(r.data_len, 5);
    assert_ptr_equal(r.data, b + 2);
    free(b);
    struct ik_boot_get_rsp empty;
    assert_int_equal(DECODE(ik_boot_get_rsp_decode, "01 00", &empty), 0);
    assert_int_equal(empty.data_len, 0);
    ROUND_TRIP(ik_boot_get_rsp_decode, ik_boot_get_rsp_encode, struct ik_boot_get_rsp,
               "01 85 c0 04 00 00 00");
    ROUND_TRIP(ik_boot_get_rsp_decode, ik_boot_get_rsp_encode, struct ik_boot_get_rsp, "01 00");
    REJECTS_SHORT(ik_boot_get_rsp_decode, struct ik_boot_get_rsp, IK_BOOT_GET_RSP_MIN);
}

/* EFI, valid, persistent; CMOS clear, lock keyboard, device 0Fh (floppy), screen blank,
 * lock reset; lock power, verbosity 2, progress traps, password bypass, lock sleep,
 * console 1; shared mode override, mux 2; instance 1Fh. */
static const char flags_hex[] = "e0 ff fd 0a 1f";

static void boot_flags_decode_every_field(void **state)
{
    (void)state;
    struct ik_boot_flags f;
    assert_int_equal(DECODE(ik_boot_flags_decode, flags_hex, &f), 0);
    assert_true(f.valid);
    assert_true(f.persistent);
    assert_true(f.efi);
    assert_true(f.cmos_clear);
    assert_true(f.lock_keyboard);
    assert_int_equal(f.device, 0x0F);
    assert_true(f.screen_blank);
    assert_true(f.lock_reset);
    assert_true(f.lock_power);
    assert_int_equal(f.verbosity, 3);
    assert_true(f.force_progress_traps);
    assert_true(f.password_bypass);
    assert_true(f.lock_sleep);
    assert_int_equal(f.console_redirect, 1);
    assert_true(f.shared_mode_override);
    assert_int_equal(f.mux, 2);
    assert_int_equal(f.device_instance, 0x1F);
    ROUND_TRIP(ik_boot_flags_decode, ik_boot_flags_encode, struct ik_boot_flags, flags_hex);
    /* PXE only: device 1 in [5:2] of byte 2 */
    assert_int_equal(DECODE(ik_boot_flags_decode, "80 04 00 00 00", &f), 0);
    assert_int_equal(f.device, 1);
    assert_false(f.efi);
}

static void boot_flags_drop_reserved_bits_and_refuse_wide_fields(void **state)
{
    (void)state;
    struct ik_boot_flags f;
    assert_int_equal(DECODE(ik_boot_flags_decode, "1f 00 00 f0 e0", &f), 0);
    uint8_t out[IK_BOOT_FLAGS_LEN];
    size_t w = 0;
    assert_int_equal(ik_boot_flags_encode(&f, out, sizeof(out), &w), 0);
    assert_memory_equal(out, "\0\0\0\0\0", 5);
    REJECTS_LENGTHS(ik_boot_flags_decode, struct ik_boot_flags, IK_BOOT_FLAGS_LEN,
                    IK_BOOT_FLAGS_LEN);
    struct ik_boot_flags bad = {.device = 16};
    assert_int_equal(ik_boot_flags_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
    bad.device = 0;
    bad.mux = 8;
    assert_int_equal(ik_boot_flags_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
    bad.mux = 0;
    bad.device_instance = 0x20;
    assert_int_equal(ik_boot_flags_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
    bad.device_instance = 0;
    assert_int_equal(ik_boot_flags_encode(&bad, out, 4, &w), IK_E_NOSPACE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chassis_status_decodes_every_field),
        cmocka_unit_test(chassis_status_round_trips_with_and_without_buttons),
        cmocka_unit_test(chassis_status_drops_reserved_bits),
        cmocka_unit_test(chassis_status_rejects_short_and_long_input),
        cmocka_unit_test(chassis_status_encode_refuses_wide_fields_and_short_buffers),
        cmocka_unit_test(chassis_control_decodes_and_round_trips),
        cmocka_unit_test(chassis_control_refuses_reserved_bits_and_bad_lengths),
        cmocka_unit_test(identify_reads_zero_one_or_two_bytes),
        cmocka_unit_test(identify_refuses_reserved_bits_long_input_and_force_without_interval),
        cmocka_unit_test(policy_request_and_response_decode_and_round_trip),
        cmocka_unit_test(policy_refuses_reserved_bits_and_bad_lengths),
        cmocka_unit_test(restart_cause_decodes_round_trips_and_masks_reserved_bits),
        cmocka_unit_test(poh_decodes_little_endian_count),
        cmocka_unit_test(boot_set_request_borrows_the_parameter_data),
        cmocka_unit_test(boot_set_request_needs_a_selector_and_data),
        cmocka_unit_test(boot_get_request_decodes_selectors_and_drops_bit_7),
        cmocka_unit_test(boot_get_response_decodes_frame_and_borrows_data),
        cmocka_unit_test(boot_flags_decode_every_field),
        cmocka_unit_test(boot_flags_drop_reserved_bits_and_refuse_wide_fields),
    };
    return cmocka_run_group_tests(tests, NULL, codectest_free);
}
