/* The engine's chassis: power state machine and its timing, hooks, restore policy,
 * identify, restart cause, boot options, POH counter and ACPI power state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "ipmikit/sdr.h"

#define CH  0x00 /* NetFn Chassis */
#define APP 0x06
#define MS  IK_US_PER_MS

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    struct ik_mpower *p = &f->m.platform.power;
    p->on_ms = 2000;
    p->off_ms = 500;
    p->cycle_ms = 1000;
    p->reset_ms = 100;
    p->soft_ms = 3000;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct bmcfix *f = *state;
    bmcfix_fini(f);
    free(f);
    return 0;
}

static int powered(struct bmcfix *f)
{
    struct ik_bmc_rsp r = BMC(f, CH, 0x01);
    assert_int_equal(r.cc, 0);
    return r.data[0] & 1;
}

static void first_start_applies_the_restore_policy(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, CH, 0x01);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 3);
    assert_int_equal(r.data[0], 0x21); /* previous, on */
    assert_int_equal(r.data[2], 0x40); /* identify supported, nothing else */
    r = BMC(f, CH, 0x07);
    assert_int_equal(r.data[0], 0x07); /* power-up per "restore previous" */
    assert_int_equal(f->nev, 0);       /* starting runs no hook */
    bmcfix_stop(f);
    ik_bmc_memstore_free(f->mem);
    f->mem = ik_bmc_memstore_new();
    f->inner = ik_bmc_memstore_ops(f->mem);
    f->m.platform.power.policy = IK_POLICY_OFF;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x01).data[0], 0x00);
    bmcfix_stop(f);
    ik_bmc_memstore_free(f->mem);
    f->mem = ik_bmc_memstore_new();
    f->inner = ik_bmc_memstore_ops(f->mem);
    f->m.platform.power.policy = IK_POLICY_ON;
    f->m.platform.power.initial_on = 0;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x01).data[0], 0x41);
    assert_int_equal(BMC(f, CH, 0x07).data[0], 0x06);
}

static void power_down_takes_the_described_time_and_runs_the_hook_at_once(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    assert_int_equal(f->nev, 1);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_OFF);
    assert_int_equal(f->evs[0].cause, 1);
    assert_int_equal(powered(f), 1);
    bmcfix_advance(f, 499 * MS);
    assert_int_equal(powered(f), 1);
    bmcfix_advance(f, 1 * MS);
    assert_int_equal(powered(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0); /* already off: nothing to do */
    assert_int_equal(f->nev, 1);
    assert_int_equal(BMC(f, APP, 0x07).data[0], 0x05); /* ACPI S5 */
}

static void power_up_sets_restart_cause_channel_and_last_event(void **state)
{
    struct bmcfix *f = *state;
    f->m.platform.power.initial_on = 0;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(powered(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x01).cc, 0);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_ON);
    bmcfix_advance(f, 1999 * MS);
    assert_int_equal(powered(f), 0);
    bmcfix_advance(f, 1 * MS);
    struct ik_bmc_rsp r = BMC(f, CH, 0x01);
    assert_int_equal(r.data[0] & 1, 1);
    assert_int_equal(r.data[1], 0x10); /* last power-on by IPMI command */
    r = BMC(f, CH, 0x07);
    assert_int_equal(r.data[0], 0x01);
    assert_int_equal(r.data[1], IK_CHAN_LAN);
    assert_int_equal(BMC(f, APP, 0x07).data[0], 0x00); /* ACPI S0 */
}

static void power_cycle_goes_off_waits_and_comes_back(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x02).cc, 0);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_CYCLE);
    bmcfix_advance(f, 500 * MS);
    assert_int_equal(powered(f), 0);
    bmcfix_advance(f, 2999 * MS); /* 1 s off interval + 2 s power-up */
    assert_int_equal(powered(f), 0);
    bmcfix_advance(f, 1 * MS);
    assert_int_equal(powered(f), 1);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x02, 0x02).cc, 0xD5); /* off: nothing to cycle */
    assert_int_equal(BMC(f, CH, 0x02, 0x03).cc, 0xD5);
    assert_int_equal(BMC(f, CH, 0x02, 0x05).cc, 0xD5);
}

static void hard_reset_keeps_power_and_records_the_restart(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x03).cc, 0);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_RESET);
    assert_int_equal(powered(f), 1);
    bmcfix_advance(f, 100 * MS);
    assert_int_equal(powered(f), 1);
    assert_int_equal(BMC(f, CH, 0x07).data[0], 0x01);
}

static void diagnostic_interrupt_needs_the_capability(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x04).cc, 0xCC);
    bmcfix_stop(f);
    f->m.platform.chassis.caps |= 0x04;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x04).cc, 0);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_DIAG);
    assert_int_equal(powered(f), 1);
    assert_int_equal(BMC(f, CH, 0x00).data[0], 0x05);
}

static void soft_shutdown_takes_the_os_time_unless_the_os_ignores_it(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x05).cc, 0);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_SOFT);
    bmcfix_advance(f, 2999 * MS);
    assert_int_equal(powered(f), 1);
    bmcfix_advance(f, 1 * MS);
    assert_int_equal(powered(f), 0);
    bmcfix_stop(f);
    f->m.platform.power.soft_honoured = 0;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x01).cc, 0);
    bmcfix_advance(f, 3 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x02, 0x05).cc, 0);
    assert_int_equal(f->evs[f->nev - 1].action, IK_BMC_POWER_SOFT);
    bmcfix_advance(f, 10 * IK_US_PER_S);
    assert_int_equal(powered(f), 1); /* the OS ignored it */
}

static void unknown_control_is_an_invalid_field(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x06).cc, 0xCC);
    assert_int_equal(BMC(f, CH, 0x02).cc, 0xC7);
    f->priv = IK_PRIV_USER;
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0xD4);
}

static void a_new_command_replaces_a_transition_in_progress(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    bmcfix_advance(f, 200 * MS);
    assert_int_equal(BMC(f, CH, 0x02, 0x01).cc, 0); /* called off */
    bmcfix_advance(f, 5 * IK_US_PER_S);
    assert_int_equal(powered(f), 1);
    assert_int_equal(BMC(f, CH, 0x02, 0x02).cc, 0);
    bmcfix_advance(f, 600 * MS); /* in the cycle's off interval */
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    bmcfix_advance(f, 5 * IK_US_PER_S);
    assert_int_equal(powered(f), 0); /* stayed off */
}

static void power_state_survives_a_restart_without_running_hooks(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    int nev = f->nev;
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(powered(f), 0);
    assert_int_equal(f->nev, nev);
}

static void identify_is_timed_forced_or_off(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x04).cc, 0);
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x50); /* temporary on */
    bmcfix_advance(f, 14 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x50);
    bmcfix_advance(f, 1 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x40);
    assert_int_equal(BMC(f, CH, 0x04, 0, 1).cc, 0);
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x60); /* indefinite */
    bmcfix_advance(f, 1000 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x60);
    assert_int_equal(BMC(f, CH, 0x04, 0).cc, 0);
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x40);
    assert_int_equal(BMC(f, CH, 0x04, 5, 2).cc, 0xCC);
}

static void restore_policy_is_checked_reported_and_stored(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, CH, 0x06, 0x02);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 0x07);
    assert_int_equal(BMC(f, CH, 0x01).data[0] & 0x60, 0x40);
    assert_int_equal(BMC(f, CH, 0x06, 0x03).cc, 0); /* no change */
    assert_int_equal(BMC(f, CH, 0x06, 0x04).cc, 0xCC);
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(BMC(f, CH, 0x01).data[0] & 0x60, 0x40);
}

static void boot_flags_go_to_the_hook_and_clear_after_the_boot(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* PXE (0001b in [5:2]), next boot only, EFI */
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0xA0, 0x04, 0, 0, 0).cc, 0);
    struct ik_bmc_rsp r = BMC(f, CH, 0x09, 0x05, 0, 0);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 7);
    assert_int_equal(r.data[0], 0x01);
    assert_int_equal(r.data[1], 0x05);
    assert_int_equal(r.data[2], 0xA0);
    assert_int_equal(r.data[3], 0x04);
    assert_int_equal(BMC(f, CH, 0x02, 0x02).cc, 0);
    assert_int_equal(f->evs[0].boot_valid, 1);
    assert_int_equal(f->evs[0].boot_device, 1);
    assert_int_equal(f->evs[0].boot_efi, 1);
    assert_int_equal(f->evs[0].boot_persist, 0);
    bmcfix_advance(f, 4 * IK_US_PER_S);
    r = BMC(f, CH, 0x09, 0x05, 0, 0);
    assert_int_equal(r.data[2], 0x20); /* used: the valid bit is gone */
    /* persistent flags stay */
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0xC0, 0x08, 0, 0, 0).cc, 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x03).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    r = BMC(f, CH, 0x09, 0x05, 0, 0);
    assert_int_equal(r.data[2], 0xC0);
    assert_int_equal(f->evs[1].boot_device, 2);
    assert_int_equal(f->evs[1].boot_persist, 1);
}

static void boot_valid_bit_clears_after_60_s_unless_told_not_to(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0x80, 0x04, 0, 0, 0).cc, 0);
    bmcfix_advance(f, 59 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x09, 0x05, 0, 0).data[2], 0x80);
    bmcfix_advance(f, 1 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x09, 0x05, 0, 0).data[2], 0x00);
    assert_int_equal(BMC(f, CH, 0x08, 0x03, 0x08).cc, 0);
    assert_int_equal(BMC(f, CH, 0x09, 0x03, 0, 0).data[2], 0x08);
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0x80, 0x04, 0, 0, 0).cc, 0);
    bmcfix_advance(f, 600 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x09, 0x05, 0, 0).data[2], 0x80);
}

static void boot_options_check_selector_length_and_set_in_progress(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x08, 0x08, 0).cc, 0x80);
    assert_int_equal(BMC(f, CH, 0x09, 0x60, 0, 0).cc, 0x80);
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0x80, 0x04).cc, 0xC7);
    assert_int_equal(BMC(f, CH, 0x08, 0x00, 0x01).cc, 0);
    assert_int_equal(BMC(f, CH, 0x08, 0x00, 0x01).cc, 0x81);
    assert_int_equal(BMC(f, CH, 0x09, 0x00, 0, 0).data[2], 0x01);
    assert_int_equal(BMC(f, CH, 0x08, 0x00, 0x00).cc, 0);
    assert_int_equal(BMC(f, CH, 0x08, 0x00, 0x03).cc, 0xCC);
    /* mailbox block 2, then read it back */
    assert_int_equal(BMC(f, CH, 0x08, 0x07, 2, 0xDE, 0xAD).cc, 0);
    struct ik_bmc_rsp r = BMC(f, CH, 0x09, 0x07, 2, 0);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2 + 17);
    assert_int_equal(r.data[2], 2);
    assert_int_equal(r.data[3], 0xDE);
    assert_int_equal(r.data[5], 0x00);
    assert_int_equal(BMC(f, CH, 0x09, 0x07, 9, 0).cc, 0xC9);
    /* invalid/locked flag */
    assert_int_equal(BMC(f, CH, 0x08, 0x81, 0x07).cc, 0);
    r = BMC(f, CH, 0x09, 0x01, 0, 0);
    assert_int_equal(r.data[1], 0x81);
    assert_int_equal(r.data[2], 0x07);
    /* boot info acknowledge: only the bits in the write mask change */
    assert_int_equal(BMC(f, CH, 0x08, 0x04, 0x01, 0xFF).cc, 0);
    r = BMC(f, CH, 0x09, 0x04, 0, 0);
    assert_int_equal(r.data[3], 0x01);
}

static void boot_options_survive_a_restart(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0xC0, 0x14, 0, 0, 0).cc, 0);
    assert_int_equal(BMC(f, CH, 0x08, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, 9).cc, 0);
    assert_int_equal(bmcfix_restart(f), 0);
    struct ik_bmc_rsp r = BMC(f, CH, 0x09, 0x05, 0, 0);
    assert_int_equal(r.data[2], 0xC0);
    assert_int_equal(r.data[3], 0x14);
    r = BMC(f, CH, 0x09, 0x06, 0, 0);
    assert_int_equal(r.data[10], 9);
}

static void poh_counts_powered_hours(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, (2 * 3600 + 59) * IK_US_PER_S);
    struct ik_bmc_rsp r = BMC(f, CH, 0x0F);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 5);
    assert_int_equal(r.data[0], 60);
    assert_int_equal(bmcfix_le32(r.data + 1), 2);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    bmcfix_advance(f, 10 * 3600 * IK_US_PER_S);
    assert_int_equal(bmcfix_le32(BMC(f, CH, 0x0F).data + 1), 2);
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(bmcfix_le32(BMC(f, CH, 0x0F).data + 1), 2);
}

static void acpi_power_state_is_validated_and_reported(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x06, 0x83, 0x80).cc, 0);
    struct ik_bmc_rsp r = BMC(f, APP, 0x07);
    assert_int_equal(r.data[0], 0x03);
    assert_int_equal(r.data[1], 0x00);
    assert_int_equal(BMC(f, APP, 0x06, 0x8B, 0x7F).cc, 0xCC);
    assert_int_equal(BMC(f, APP, 0x06, 0x7F, 0x84).cc, 0xCC);
    assert_int_equal(BMC(f, APP, 0x06, 0x7F, 0x7F).cc, 0);
    assert_int_equal(BMC(f, APP, 0x07).data[0], 0x03);
}

static void capabilities_name_this_bmc_for_every_device(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, CH, 0x00);
    assert_int_equal(r.cc, 0);
    static const uint8_t want[5] = {0x01, 0x20, 0x20, 0x20, 0x20};
    assert_int_equal(r.len, 5);
    assert_memory_equal(r.data, want, 5);
}

static void status_reports_intrusion_drive_and_cooling_faults_from_the_sensors(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = bmcfix_add_sensor(f, "Intrusion", 0x40, 0x05, 0x6F);
    s->settable = 1;
    s = bmcfix_add_sensor(f, "Drive 0", 0x50, 0x0D, 0x6F);
    s->settable = 1;
    s = bmcfix_add_sensor(f, "FAN1", 0x20, 0x04, 0x01);
    s->min = 0;
    s->max = 25500;
    s->resolution = 100;
    s->thr[IK_SDR_LCR] = 700;
    s->thr[IK_SDR_LNC] = 1000;
    s->thr_readable = 0x03;
    s->model.value = 5000;
    s->settable = 1;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x40);
    assert_int_equal(BMC(f, 0x04, 0x30, 0x40, 0x20, 0, 0x01, 0x00).cc, 0); /* intrusion */
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x41);
    assert_int_equal(BMC(f, 0x04, 0x30, 0x50, 0x20, 0, 0x02, 0x00).cc, 0); /* drive fault */
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x45);
    assert_int_equal(BMC(f, 0x04, 0x30, 0x20, 0x01, 9).cc, 0); /* fan at 900 RPM: nc only */
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x45);
    assert_int_equal(BMC(f, 0x04, 0x30, 0x20, 0x01, 6).cc, 0); /* 600 RPM: critical */
    assert_int_equal(BMC(f, CH, 0x01).data[2], 0x4D);
}

static void a_watchdog_restart_drops_the_boot_flags_unless_told_to_keep_them(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0x80, 0x04, 0, 0, 0).cc, 0);
    assert_int_equal(ik_chassis_action(f->bmc, IK_PWR_RESET, IK_CAUSE_WATCHDOG, 0), 0);
    assert_int_equal(f->evs[0].boot_valid, 0); /* not used for this boot */
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x09, 0x05, 0, 0).data[2], 0x00);
    assert_int_equal(BMC(f, CH, 0x08, 0x03, 0x04).cc, 0); /* keep on watchdog restarts */
    assert_int_equal(BMC(f, CH, 0x08, 0x05, 0xC0, 0x04, 0, 0, 0).cc, 0);
    assert_int_equal(ik_chassis_action(f->bmc, IK_PWR_RESET, IK_CAUSE_WATCHDOG, 0), 0);
    assert_int_equal(f->evs[1].boot_valid, 1);
    assert_int_equal(f->evs[1].boot_device, 1);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x09, 0x05, 0, 0).data[2], 0xC0); /* persistent: kept */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(first_start_applies_the_restore_policy),
        T(power_down_takes_the_described_time_and_runs_the_hook_at_once),
        T(power_up_sets_restart_cause_channel_and_last_event),
        T(power_cycle_goes_off_waits_and_comes_back),
        T(hard_reset_keeps_power_and_records_the_restart),
        T(diagnostic_interrupt_needs_the_capability),
        T(soft_shutdown_takes_the_os_time_unless_the_os_ignores_it),
        T(unknown_control_is_an_invalid_field),
        T(a_new_command_replaces_a_transition_in_progress),
        T(power_state_survives_a_restart_without_running_hooks),
        T(identify_is_timed_forced_or_off),
        T(restore_policy_is_checked_reported_and_stored),
        T(boot_flags_go_to_the_hook_and_clear_after_the_boot),
        T(boot_valid_bit_clears_after_60_s_unless_told_not_to),
        T(boot_options_check_selector_length_and_set_in_progress),
        T(boot_options_survive_a_restart),
        T(poh_counts_powered_hours),
        T(acpi_power_state_is_validated_and_reported),
        T(capabilities_name_this_bmc_for_every_device),
        T(status_reports_intrusion_drive_and_cooling_faults_from_the_sensors),
        T(a_watchdog_restart_drops_the_boot_flags_unless_told_to_keep_them),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
