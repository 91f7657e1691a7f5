/* The engine's watchdog: Set/Get/Reset Watchdog Timer, countdown, pre-timeout, actions
 * through the chassis, Watchdog 2 events in the SEL, expiration flags. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"

#define APP 0x06
#define CH  0x00
#define ST  0x0A
#define MS  IK_US_PER_MS

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    bmcfix_add_sensor(f, "Watchdog 2", 0x51, 0x23, 0x6F);
    f->m.platform.power.on_ms = 1000;
    f->m.platform.power.off_ms = 100;
    f->m.platform.power.cycle_ms = 1000;
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

static struct ik_bmc_rsp get_wdt(struct bmcfix *f)
{
    struct ik_bmc_rsp r = BMC(f, APP, 0x25);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 8);
    return r;
}

/* The last SEL record (asserting a record exists). */
static struct ik_bmc_rsp last_sel(struct bmcfix *f)
{
    struct ik_bmc_rsp r = BMC(f, ST, 0x43, 0, 0, 0xFF, 0xFF, 0, 0xFF);
    assert_int_equal(r.cc, 0);
    return r;
}

static int powered(struct bmcfix *f)
{
    return BMC(f, CH, 0x01).data[0] & 1;
}

static void reset_before_set_is_refused_with_80(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0x80);
    struct ik_bmc_rsp r = get_wdt(f);
    assert_int_equal(r.data[0] & 0x40, 0); /* stopped */
}

static void set_stores_the_fields_and_get_reads_them_back(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* SMS/OS, don't log; NMI pre-timeout, power cycle; 5 s pre-timeout; 60 s */
    assert_int_equal(BMC(f, APP, 0x24, 0x84, 0x23, 5, 0, 0x58, 0x02).cc, 0);
    struct ik_bmc_rsp r = get_wdt(f);
    assert_int_equal(r.data[0], 0x84);
    assert_int_equal(r.data[1], 0x23);
    assert_int_equal(r.data[2], 5);
    assert_int_equal(r.data[3], 0);
    assert_int_equal(bmcfix_le16(r.data + 4), 600);
    assert_int_equal(bmcfix_le16(r.data + 6), 600);
}

static void countdown_runs_in_100_ms_units_after_reset(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x00, 0, 0, 100, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, 2500 * MS);
    struct ik_bmc_rsp r = get_wdt(f);
    assert_int_equal(r.data[0], 0x44); /* running */
    assert_int_equal(bmcfix_le16(r.data + 6), 75);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    assert_int_equal(bmcfix_le16(get_wdt(f).data + 6), 100);
}

static void expiry_with_no_action_logs_and_sets_the_use_flag(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x03, 0x00, 0, 0, 10, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, 999 * MS);
    assert_int_equal(get_wdt(f).data[0] & 0x40, 0x40);
    bmcfix_advance(f, 1 * MS);
    struct ik_bmc_rsp r = get_wdt(f);
    assert_int_equal(r.data[0] & 0x40, 0);
    assert_int_equal(r.data[3], 0x08); /* OS load expired */
    assert_int_equal(bmcfix_le16(r.data + 6), 0);
    r = last_sel(f);
    const uint8_t *rec = r.data + 2;
    assert_int_equal(rec[2], 0x02);
    assert_int_equal(bmcfix_le16(rec + 7), 0x0020);
    assert_int_equal(rec[10], 0x23);
    assert_int_equal(rec[11], 0x51);
    assert_int_equal(rec[12], 0x6F);
    assert_int_equal(rec[13], 0xC0); /* timer expired, data 2 = extension */
    assert_int_equal(rec[14], 0x03); /* no interrupt, OS load */
    assert_int_equal(rec[15], 0xFF);
    assert_int_equal(bmcfix_le32(rec + 3), BMCFIX_UNIX0 + 1);
    /* the flag is cleared through Set's byte 4 */
    assert_int_equal(BMC(f, APP, 0x24, 0x03, 0x00, 0, 0x08, 10, 0).cc, 0);
    assert_int_equal(get_wdt(f).data[3], 0);
}

static void one_second_power_cycle_action_logs_and_cycles_the_chassis(void **state)
{
    struct bmcfix *f = *state;
    f->m.platform.power.initial_on = 0;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x01).cc, 0); /* on by IPMI */
    bmcfix_advance(f, 2 * IK_US_PER_S);
    assert_int_equal(BMC(f, CH, 0x01).data[1] & 0x10, 0x10);
    f->nev = 0;
    /* SMS/OS, power cycle, 1 s */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x03, 0, 0, 10, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(f->nev, 1);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_CYCLE);
    assert_int_equal(f->evs[0].cause, 0x04);
    struct ik_bmc_rsp r = last_sel(f);
    assert_int_equal(r.data[2 + 13], 0xC3); /* power cycle */
    assert_int_equal(r.data[2 + 14], 0x04);
    bmcfix_advance(f, 100 * MS);
    assert_int_equal(powered(f), 0);
    bmcfix_advance(f, 2 * IK_US_PER_S);
    assert_int_equal(powered(f), 1);
    assert_int_equal(BMC(f, CH, 0x07).data[0], 0x04);     /* restart cause: watchdog */
    assert_int_equal(BMC(f, CH, 0x01).data[1] & 0x10, 0); /* not an IPMI power-on */
}

static void hard_reset_and_power_down_actions(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x01, 0, 0, 5, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_RESET);
    assert_int_equal(last_sel(f).data[2 + 13], 0xC1);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x02, 0, 0, 5, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(f->evs[1].action, IK_BMC_POWER_OFF);
    assert_int_equal(last_sel(f).data[2 + 13], 0xC2);
    assert_int_equal(powered(f), 0);
}

static void pre_timeout_fires_first_and_is_logged(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* SMS/OS; NMI pre-timeout 2 s before; no action; 5 s */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x20, 2, 0, 50, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, 2999 * MS);
    assert_int_equal(BMC(f, ST, 0x40).data[1], 0);
    bmcfix_advance(f, 1 * MS);
    struct ik_bmc_rsp r = last_sel(f);
    assert_int_equal(r.data[2 + 13], 0xC8); /* timer interrupt */
    assert_int_equal(r.data[2 + 14], 0x24); /* NMI, SMS/OS */
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_DIAG);
    bmcfix_advance(f, 2 * IK_US_PER_S);
    r = last_sel(f);
    assert_int_equal(r.data[2 + 13], 0xC0);
    assert_int_equal(r.data[2 + 14], 0x24);
    assert_int_equal(BMC(f, ST, 0x40).data[1], 2);
}

static void dont_log_suppresses_the_events_but_not_the_action(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x84, 0x02, 0, 0, 5, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(BMC(f, ST, 0x40).data[1], 0);
    assert_int_equal(f->evs[0].action, IK_BMC_POWER_OFF);
}

static void set_stops_a_running_timer_unless_dont_stop(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0, 0, 0, 100, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(BMC(f, APP, 0x24, 0x44, 0, 0, 0, 50, 0).cc, 0); /* don't stop */
    struct ik_bmc_rsp r = get_wdt(f);
    assert_int_equal(r.data[0] & 0x40, 0x40);
    assert_int_equal(bmcfix_le16(r.data + 6), 50);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0, 0, 0, 30, 0).cc, 0);
    r = get_wdt(f);
    assert_int_equal(r.data[0] & 0x40, 0);
    assert_int_equal(bmcfix_le16(r.data + 6), 30);
    bmcfix_advance(f, 10 * IK_US_PER_S);
    assert_int_equal(get_wdt(f).data[3], 0);                         /* never expired */
    assert_int_equal(BMC(f, APP, 0x24, 0x44, 0, 0, 0, 30, 0).cc, 0); /* stopped stays so */
    assert_int_equal(get_wdt(f).data[0] & 0x40, 0);
}

static void set_rejects_reserved_values_and_a_pretimeout_longer_than_the_countdown(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x00, 0, 0, 0, 10, 0).cc, 0xCC);    /* use 0 */
    assert_int_equal(BMC(f, APP, 0x24, 0x06, 0, 0, 0, 10, 0).cc, 0xCC);    /* use 6 */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x04, 0, 0, 10, 0).cc, 0xCC); /* action 4 */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x40, 0, 0, 10, 0).cc, 0xCC); /* interrupt 4 */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x10, 2, 0, 10, 0).cc, 0xCC); /* 2 s > 1 s */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x00, 2, 0, 10, 0).cc, 0);    /* no interrupt */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0, 0, 0, 10).cc, 0xC7);
    f->priv = IK_PRIV_USER;
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0, 0, 0, 10, 0).cc, 0xD4);
    assert_int_equal(BMC(f, APP, 0x25).cc, 0);
}

static void power_down_stops_the_timer(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x01, 0, 0, 100, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    bmcfix_advance(f, 20 * IK_US_PER_S);
    assert_int_equal(get_wdt(f).data[0] & 0x40, 0);
    assert_int_equal(f->nev, 1); /* only the power-down */
    assert_int_equal(BMC(f, ST, 0x40).data[1], 0);
}

static void without_a_watchdog_sensor_the_action_still_happens(void **state)
{
    struct bmcfix *f = *state;
    f->m.platform.sensors[0].sensor_type = 0x12;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x02, 0, 0, 5, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, IK_US_PER_S);
    assert_int_equal(f->nev, 1);
    assert_int_equal(BMC(f, ST, 0x40).data[1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(reset_before_set_is_refused_with_80),
        T(set_stores_the_fields_and_get_reads_them_back),
        T(countdown_runs_in_100_ms_units_after_reset),
        T(expiry_with_no_action_logs_and_sets_the_use_flag),
        T(one_second_power_cycle_action_logs_and_cycles_the_chassis),
        T(hard_reset_and_power_down_actions),
        T(pre_timeout_fires_first_and_is_logged),
        T(dont_log_suppresses_the_events_but_not_the_action),
        T(set_stops_a_running_timer_unless_dont_stop),
        T(set_rejects_reserved_values_and_a_pretimeout_longer_than_the_countdown),
        T(power_down_stops_the_timer),
        T(without_a_watchdog_sensor_the_action_still_happens),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
