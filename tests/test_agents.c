/* The host agents' IPMI logic (host/agent.c) against the BMC engine through the system
 * interface on a virtual clock: the watchdog armed, patted, left to expire and stopped; the
 * panic event and its text records, reassembled as the SEL decoder does; poweroff with and
 * without power cycle, and the fallback when the chassis cannot cycle. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "agent.h"
#include "bmcfix.h"
#include "desc.h"
#include "ipmikit/sel.h"

#define S  IK_US_PER_S
#define MS IK_US_PER_MS

static int fix_call(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
                    uint8_t *rsp, size_t cap, size_t *rlen, char *why, size_t whycap)
{
    struct bmcfix *f = ctx;
    (void)why;
    (void)whycap;
    struct ik_bmc_rsp r = bmcfix_run(f, netfn, cmd, data, len);
    assert_true(cap >= 1);
    rsp[0] = r.cc;
    size_t n = r.len < cap - 1 ? r.len : cap - 1;
    memcpy(rsp + 1, r.data, n);
    *rlen = 1 + n;
    return 0;
}

struct env {
    struct bmcfix f;
    struct ik_agent a;
};

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof(*e));
    bmcfix_init(&e->f);
    e->f.channel = IK_CHAN_SYSTEM;
    e->f.m.platform.power.off_ms = 100;
    e->f.m.platform.power.on_ms = 100;
    e->f.m.platform.power.cycle_ms = 1000;
    bmcfix_add_sensor(&e->f, "Watchdog", 0x60, 0x23, 0x6F);
    e->a.call = fix_call;
    e->a.ctx = &e->f;
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    bmcfix_fini(&e->f);
    free(e);
    return 0;
}

static uint16_t sel_count(struct bmcfix *f)
{
    struct ik_bmc_rsp r = BMC(f, 0x0A, 0x40);
    assert_int_equal(r.cc, 0);
    return bmcfix_le16(r.data + 1);
}

/* The n-th SEL record (1-based, in ID order). */
static void sel_rec(struct bmcfix *f, int n, uint8_t rec[16])
{
    uint16_t id = 0;
    for (int i = 1; i <= n; i++) {
        struct ik_bmc_rsp r = BMC(f, 0x0A, 0x43, 0, 0, (uint8_t)id, (uint8_t)(id >> 8), 0, 0xFF);
        assert_int_equal(r.cc, 0);
        memcpy(rec, r.data + 2, 16);
        id = bmcfix_le16(r.data);
    }
}

static void watchdog_request_carries_the_module_options(void **state)
{
    (void)state;
    struct ik_wdt_cfg c;
    uint8_t b[6];
    ik_wdt_default_cfg(&c);
    ik_wdt_set_request(&c, b);
    static const uint8_t def[6] = {0x04, 0x01, 0x00, 0x00, 100, 0};
    assert_memory_equal(b, def, 6);
    c.timeout_s = 300;
    c.pretimeout_s = 10;
    c.action = IK_WDT_POWER_CYCLE;
    c.preaction = IK_WDT_PRE_MSG_INT;
    c.no_log = true;
    ik_wdt_set_request(&c, b);
    static const uint8_t all[6] = {0x84, 0x33, 10, 0x00, 0xB8, 0x0B};
    assert_memory_equal(b, all, 6);
    /* a pre-timeout without an interrupt is not sent */
    c.preaction = IK_WDT_PRE_NONE;
    ik_wdt_set_request(&c, b);
    assert_int_equal(b[1], 0x03);
    assert_int_equal(b[2], 0);
    assert_int_equal(ik_wdt_action_parse("power_cycle"), IK_WDT_POWER_CYCLE);
    assert_int_equal(ik_wdt_action_parse("power_off"), IK_WDT_POWER_OFF);
    assert_int_equal(ik_wdt_action_parse("reboot"), -1);
    assert_int_equal(ik_wdt_preaction_parse("pre_nmi"), IK_WDT_PRE_NMI);
    assert_int_equal(ik_wdt_preaction_parse("msg_int"), IK_WDT_PRE_MSG_INT);
    assert_int_equal(ik_wdt_preaction_parse("pre_int"), IK_WDT_PRE_MSG_INT);
    assert_string_equal(ik_wdt_action_name(IK_WDT_RESET), "reset");
    assert_string_equal(ik_wdt_preaction_name(IK_WDT_PRE_SMI), "smi");
}

static void watchdog_check_refuses_what_the_bmc_cannot_count(void **state)
{
    (void)state;
    struct ik_wdt_cfg c;
    char why[128];
    ik_wdt_default_cfg(&c);
    assert_int_equal(ik_wdt_check(&c, why, sizeof(why)), 0);
    c.timeout_s = 0;
    assert_int_equal(ik_wdt_check(&c, why, sizeof(why)), IK_E_RANGE);
    c.timeout_s = 6554;
    assert_int_equal(ik_wdt_check(&c, why, sizeof(why)), IK_E_RANGE);
    assert_non_null(strstr(why, "6554"));
    c.timeout_s = 6553;
    assert_int_equal(ik_wdt_check(&c, why, sizeof(why)), 0);
    c.timeout_s = 10;
    c.preaction = IK_WDT_PRE_NMI;
    c.pretimeout_s = 10;
    assert_int_equal(ik_wdt_check(&c, why, sizeof(why)), IK_E_RANGE);
    assert_non_null(strstr(why, "shorter than the timeout"));
    c.pretimeout_s = 9;
    assert_int_equal(ik_wdt_check(&c, why, sizeof(why)), 0);
}

static void patted_watchdog_never_acts_and_an_unpatted_one_does(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    struct ik_wdt_cfg c;
    ik_wdt_default_cfg(&c);
    c.timeout_s = 2;
    c.action = IK_WDT_POWER_CYCLE;
    assert_int_equal(ik_agent_wdt_start(&e->a, &c), 0);
    struct ik_wdt_state st;
    assert_int_equal(ik_agent_wdt_get(&e->a, &st), 0);
    assert_true(st.running);
    assert_int_equal(st.use, 4);
    assert_int_equal(st.action, IK_WDT_POWER_CYCLE);
    assert_int_equal(st.initial_ds, 20);
    for (int i = 0; i < 10; i++) {
        bmcfix_advance(&e->f, 1 * S);
        assert_int_equal(ik_agent_wdt_pat(&e->a, &c), 0);
    }
    assert_int_equal(e->f.nev, 0);
    assert_int_equal(sel_count(&e->f), 0);
    /* the agent dies: nobody pats */
    bmcfix_advance(&e->f, 2100 * MS);
    assert_int_equal(e->f.nev, 1);
    assert_int_equal(e->f.evs[0].action, IK_BMC_POWER_CYCLE);
    assert_int_equal(e->f.evs[0].cause, 0x04); /* watchdog */
    uint8_t rec[16];
    assert_int_equal(sel_count(&e->f), 1);
    sel_rec(&e->f, 1, rec);
    assert_int_equal(rec[10], 0x23);     /* Watchdog 2 */
    assert_int_equal(rec[13], 0xC3);     /* offset 03h: power cycle */
    assert_int_equal(rec[14] & 0x0F, 4); /* timer use SMS/OS */
    assert_int_equal(ik_agent_wdt_get(&e->a, &st), 0);
    assert_false(st.running);
    assert_int_equal(st.expired, 0x10); /* SMS/OS expiration flag */
}

static void magic_close_stops_the_timer(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    struct ik_wdt_cfg c;
    ik_wdt_default_cfg(&c);
    c.timeout_s = 1;
    assert_int_equal(ik_agent_wdt_start(&e->a, &c), 0);
    bmcfix_advance(&e->f, 500 * MS);
    assert_int_equal(ik_agent_wdt_stop(&e->a), 0);
    struct ik_wdt_state st;
    assert_int_equal(ik_agent_wdt_get(&e->a, &st), 0);
    assert_false(st.running);
    assert_int_equal(st.action, IK_WDT_NO_ACTION);
    bmcfix_advance(&e->f, 10 * S);
    assert_int_equal(e->f.nev, 0);
    assert_int_equal(sel_count(&e->f), 0);
}

static void pat_arms_again_a_timer_that_lost_its_setting(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    struct ik_wdt_cfg c;
    ik_wdt_default_cfg(&c);
    c.timeout_s = 3;
    /* never set (a BMC that restarted): Reset answers 80h, the agent sets it and starts */
    assert_int_equal(ik_agent_wdt_pat(&e->a, &c), 0);
    struct ik_wdt_state st;
    assert_int_equal(ik_agent_wdt_get(&e->a, &st), 0);
    assert_true(st.running);
    assert_int_equal(st.initial_ds, 30);
}

static void refused_watchdog_says_which_command_and_code(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    e->f.priv = IK_PRIV_USER; /* Set Watchdog Timer needs OPERATOR */
    struct ik_wdt_cfg c;
    ik_wdt_default_cfg(&c);
    assert_int_equal(ik_agent_wdt_start(&e->a, &c), IK_E_CC);
    assert_non_null(strstr(e->a.why, "Set Watchdog Timer: completion code D4h"));
}

static void panic_event_and_text_records_land_in_the_sel(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    const char *text = "Kernel panic - not syncing: Fatal exception";
    struct ik_panic_result res;
    assert_int_equal(ik_agent_panic(&e->a, text, 0x20, true, &res), 0);
    size_t chunks = (strlen(text) + 10) / 11;
    assert_int_equal(res.records, chunks);
    assert_false(res.no_sel);
    assert_int_equal(sel_count(&e->f), 1 + chunks);
    uint8_t rec[16];
    sel_rec(&e->f, 1, rec);
    assert_int_equal(rec[2], 0x02);
    assert_int_equal(bmcfix_le16(rec + 7), 0x0021); /* generator */
    assert_int_equal(rec[9], 0x03);                 /* EvM rev */
    assert_int_equal(rec[10], 0x20);                /* OS critical stop */
    assert_int_equal(rec[11], 'K');
    assert_int_equal(rec[12], 0x6F);
    assert_int_equal(rec[13], 0xA1);
    assert_int_equal(rec[14], 'e');
    assert_int_equal(rec[15], 'r');
    struct ik_sel_record r;
    struct ik_sel_interp in;
    assert_int_equal(ik_sel_decode(rec, 16, &r), 0);
    ik_sel_interpret(&r.ev, &in);
    assert_true(in.is_panic);
    assert_string_equal(in.panic_text, "Ker");
    /* the text records reassemble into the text */
    struct ik_sel_panic_asm as;
    ik_sel_panic_reset(&as);
    for (size_t i = 0; i < chunks; i++) {
        sel_rec(&e->f, (int)(2 + i), rec);
        assert_int_equal(rec[2], 0xF0);
        assert_int_equal(rec[3], 0x20);
        assert_int_equal(rec[4], i);
        struct ik_sel_panic_chunk c;
        assert_int_equal(ik_sel_decode(rec, 16, &r), 0);
        assert_int_equal(ik_sel_panic_chunk(&r, &c), 1);
        ik_sel_panic_add(&as, &c);
    }
    assert_string_equal(as.text, text);
    assert_true(as.ended);
    assert_int_equal(res.last_id - res.first_id, chunks - 1);
}

static void panic_records_are_cut_in_elevens(void **state)
{
    (void)state;
    uint8_t rec[16], ev[8];
    assert_int_equal(ik_panic_record_count(""), 0);
    assert_int_equal(ik_panic_record_count("a"), 1);
    assert_int_equal(ik_panic_record_count("abcdefghijk"), 1);
    assert_int_equal(ik_panic_record_count("abcdefghijkl"), 2);
    char big[IK_PANIC_CHUNK * 300 + 1];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(ik_panic_record_count(big), IK_PANIC_MAX_CHUNKS);
    ik_panic_record("abcdefghijklm", 0x42, 1, rec);
    static const uint8_t want[16] = {0, 0, 0xF0, 0x42, 1, 'l', 'm', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(rec, want, 16);
    assert_int_equal(ik_panic_event_request("", false, ev), 8);
    static const uint8_t empty[8] = {0x21, 0x03, 0x20, 0, 0x6F, 0xA1, 0, 0};
    assert_memory_equal(ev, empty, 8);
    assert_int_equal(ik_panic_event_request("Oo", false, ev), 8);
    assert_int_equal(ev[3], 'O');
    assert_int_equal(ev[6], 'o');
    assert_int_equal(ev[7], 0);
    /* in a session the generator is the requester: no generator byte */
    assert_int_equal(ik_panic_event_request("Oops", true, ev), 7);
    static const uint8_t lan[7] = {0x03, 0x20, 'O', 0x6F, 0xA1, 'o', 'p'};
    assert_memory_equal(ev, lan, 7);
}

static void panic_over_a_session_names_the_console_as_generator(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    e->f.channel = IK_CHAN_LAN;
    e->a.session = true;
    struct ik_panic_result res;
    assert_int_equal(ik_agent_panic(&e->a, "Oops!", 0x20, true, &res), 0);
    assert_int_equal(res.records, 1);
    uint8_t rec[16];
    sel_rec(&e->f, 1, rec);
    assert_int_equal(bmcfix_le16(rec + 7), 0x1081); /* console 81h on channel 1 */
    assert_int_equal(rec[11], 'O');
    assert_int_equal(rec[14], 'o');
    sel_rec(&e->f, 2, rec);
    assert_int_equal(rec[2], 0xF0);
    assert_memory_equal(rec + 5, "Oops!", 5);
}

static void panic_without_oem_or_sel_sends_only_the_event(void **state)
{
    struct env *e = *state;
    e->f.m.id.dev_support = 0xBF & ~0x04; /* no SEL device */
    assert_int_equal(bmcfix_start(&e->f), 0);
    struct ik_panic_result res;
    assert_int_equal(ik_agent_panic(&e->a, "oops", 0x20, true, &res), 0);
    assert_true(res.no_sel);
    assert_int_equal(res.records, 0);
    assert_int_equal(ik_agent_panic(&e->a, "oops", 0x20, false, &res), 0);
    assert_false(res.no_sel);
    assert_int_equal(res.records, 0);
}

static void poweroff_powers_down(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    enum ik_poweroff_done done = 0;
    uint8_t cc = 0;
    assert_int_equal(ik_agent_poweroff(&e->a, false, &done, &cc), 0);
    assert_int_equal(done, IK_POWEROFF_DOWN);
    assert_int_equal(e->f.nev, 1);
    assert_int_equal(e->f.evs[0].action, IK_BMC_POWER_OFF);
    bmcfix_advance(&e->f, 200 * MS);
    assert_int_equal(BMC(&e->f, 0x00, 0x01).data[0] & 1, 0);
}

static void poweroff_cycle_cycles(void **state)
{
    struct env *e = *state;
    assert_int_equal(bmcfix_start(&e->f), 0);
    enum ik_poweroff_done done = 0;
    uint8_t cc = 0;
    assert_int_equal(ik_agent_poweroff(&e->a, true, &done, &cc), 0);
    assert_int_equal(done, IK_POWEROFF_CYCLE);
    assert_int_equal(e->f.evs[0].action, IK_BMC_POWER_CYCLE);
    bmcfix_advance(&e->f, 5 * S);
    assert_int_equal(BMC(&e->f, 0x00, 0x01).data[0] & 1, 1);
}

static void poweroff_cycle_falls_back_when_the_chassis_cannot_cycle(void **state)
{
    (void)state;
    /* a described chassis that cannot cycle */
    static const char y[] = "machine:\n  power: {cycle: false, off_ms: 100}\n";
    struct env *e = calloc(1, sizeof(*e));
    bmcfix_init(&e->f);
    struct ik_desc d;
    assert_int_equal(ik_desc_load_text(&d, "p.yaml", y, strlen(y)), 0);
    assert_int_equal(
        ik_desc_parse_machine(&d, ik_desc_get(&d, ik_desc_root(&d), "machine"), "machine", &e->f.m),
        0);
    ik_desc_free(&d);
    assert_int_equal(e->f.m.platform.power.cycle_supported, 0);
    e->f.channel = IK_CHAN_SYSTEM;
    e->a.call = fix_call;
    e->a.ctx = &e->f;
    assert_int_equal(bmcfix_start(&e->f), 0);
    assert_int_equal(BMC(&e->f, 0x00, 0x02, 0x02).cc, 0xCC);
    enum ik_poweroff_done done = 0;
    uint8_t cc = 0;
    assert_int_equal(ik_agent_poweroff(&e->a, true, &done, &cc), 0);
    assert_int_equal(done, IK_POWEROFF_FELL_BACK);
    assert_int_equal(cc, 0xCC);
    assert_int_equal(e->f.nev, 1);
    assert_int_equal(e->f.evs[0].action, IK_BMC_POWER_OFF);
    bmcfix_advance(&e->f, 200 * MS);
    assert_int_equal(BMC(&e->f, 0x00, 0x01).data[0] & 1, 0);
    /* a system already off cannot cycle either (D5h): power down, which is a no-op */
    assert_int_equal(ik_agent_poweroff(&e->a, true, &done, &cc), 0);
    assert_int_equal(done, IK_POWEROFF_FELL_BACK);
    teardown((void **)&e);
}

static void poweroff_needs_a_chassis_device(void **state)
{
    struct env *e = *state;
    e->f.m.id.dev_support = 0x3F;
    assert_int_equal(bmcfix_start(&e->f), 0);
    enum ik_poweroff_done done = 0;
    uint8_t cc = 0;
    assert_int_equal(ik_agent_poweroff(&e->a, false, &done, &cc), IK_E_UNSUPPORTED);
    assert_non_null(strstr(e->a.why, "no chassis device"));
    assert_int_equal(e->f.nev, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(watchdog_request_carries_the_module_options),
        cmocka_unit_test(watchdog_check_refuses_what_the_bmc_cannot_count),
        cmocka_unit_test_setup_teardown(patted_watchdog_never_acts_and_an_unpatted_one_does, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(magic_close_stops_the_timer, setup, teardown),
        cmocka_unit_test_setup_teardown(pat_arms_again_a_timer_that_lost_its_setting, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(refused_watchdog_says_which_command_and_code, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(panic_event_and_text_records_land_in_the_sel, setup,
                                        teardown),
        cmocka_unit_test(panic_records_are_cut_in_elevens),
        cmocka_unit_test_setup_teardown(panic_over_a_session_names_the_console_as_generator, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(panic_without_oem_or_sel_sends_only_the_event, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(poweroff_powers_down, setup, teardown),
        cmocka_unit_test_setup_teardown(poweroff_cycle_cycles, setup, teardown),
        cmocka_unit_test(poweroff_cycle_falls_back_when_the_chassis_cannot_cycle),
        cmocka_unit_test_setup_teardown(poweroff_needs_a_chassis_device, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
