/* Machine descriptions, platform sections: what each key sets, the errors (file:line:column,
 * field, what is wrong), and the embedded default machine. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "default_machine.h"
#include "desc.h"
#include "ipmikit/error.h"
#include "ipmikit/fru.h"
#include "ipmikit/sdr.h"

static int parse(const char *text, struct ik_machine *m, struct ik_desc *d)
{
    ik_machine_defaults(m);
    int rc = ik_desc_load_text(d, "p.yaml", text, strlen(text));
    if (rc)
        return rc;
    return ik_desc_parse_machine(d, ik_desc_get(d, ik_desc_root(d), "machine"), "machine", m);
}

/* Parse, expect failure with a message containing want; release everything. */
static void expect_error(const char *text, const char *want)
{
    struct ik_machine m;
    struct ik_desc d;
    int rc = parse(text, &m, &d);
    int ok = rc == IK_E_SYNTAX && strstr(d.err, want);
    if (!ok)
        fprintf(stderr, "want '%s'\n got %d '%s'\n", want, rc, d.err);
    ik_desc_free(&d);
    ik_machine_free(&m);
    assert_true(ok);
}

#define TEMP                                                                                       \
    "machine:\n"                                                                                   \
    "  sensors:\n"                                                                                 \
    "    - name: CPU1 Temp\n"                                                                      \
    "      number: 1\n"                                                                            \
    "      type: temperature\n"

static void threshold_sensor_fields_are_set_and_defaults_filled(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = TEMP "      entity: processor\n"
                         "      instance: 2\n"
                         "      unit: degrees C\n"
                         "      range: [-20, 107.5]\n"
                         "      resolution: 0.5\n"
                         "      thresholds: {lnc: 5, unc: 80, ucr: 90}\n"
                         "      settable_thresholds: [unc]\n"
                         "      hysteresis: [2, 1.5]\n"
                         "      when_off: unavailable\n"
                         "      model: {kind: ramp, from: 30, to: 60, period: 100, mode: bounce}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    assert_int_equal(m.platform.nsensors, 1);
    const struct ik_msensor *s = &m.platform.sensors[0];
    assert_string_equal(s->name, "CPU1 Temp");
    assert_int_equal(s->number, 1);
    assert_int_equal(s->sensor_type, 0x01);
    assert_int_equal(s->event_type, 0x01);
    assert_int_equal(s->record, IK_MREC_FULL);
    assert_int_equal(s->entity_id, 0x03);
    assert_int_equal(s->entity_instance, 2);
    assert_int_equal(s->unit, 1);
    assert_int_equal(s->thr_readable, 0x19);
    assert_int_equal(s->thr_settable, 0x08);
    assert_true(s->hyst_pos == 2 && s->hyst_neg == 1.5);
    assert_int_equal(s->hyst_access, 2);
    assert_int_equal(s->assert_mask, 1u << 0 | 1u << 7 | 1u << 9);
    assert_int_equal(s->deassert_mask, s->assert_mask);
    assert_int_equal(s->off, IK_OFF_UNAVAILABLE);
    assert_int_equal(s->model.kind, IK_MV_RAMP);
    assert_int_equal(s->model.ramp_mode, IK_RAMP_BOUNCE);
    assert_true(s->model.value == 30 && s->model.to == 60);
    assert_true(s->auto_rearm && s->events_enabled && s->scanning_enabled && s->settable);
    ik_desc_free(&d);
    ik_machine_free(&m);
}

static void discrete_sensor_states_steps_and_events(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  sensors:\n"
                    "    - name: PSU1 Status\n"
                    "      number: 0x30\n"
                    "      type: Power Supply\n"
                    "      states: [0, 1, 3]\n"
                    "      initial: [0]\n"
                    "      assert: [1, 3]\n"
                    "      deassert: [1]\n"
                    "      when_off: [0, 3]\n"
                    "      model: {kind: steps, value: [0], steps: [[10, [0, 1]], [20, 0x1]]}\n"
                    "    - {name: OS Stop, number: 0x31, type: 0x20, record: event-only}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    const struct ik_msensor *s = &m.platform.sensors[0];
    assert_int_equal(s->event_type, 0x6F);
    assert_int_equal(s->record, IK_MREC_COMPACT);
    assert_int_equal(s->states_mask, 0x000B);
    assert_int_equal(s->initial_states, 0x0001);
    assert_int_equal(s->assert_mask, 0x000A);
    assert_int_equal(s->deassert_mask, 0x0002);
    assert_int_equal(s->off, IK_OFF_VALUE);
    assert_int_equal(s->off_states, 0x0009);
    assert_int_equal(s->model.nsteps, 2);
    assert_true(s->model.steps[0].value == 3 && s->model.steps[1].at_s == 20);
    s = &m.platform.sensors[1];
    assert_int_equal(s->record, IK_MREC_EVENT_ONLY);
    assert_int_equal(s->sensor_type, 0x20);
    ik_desc_free(&d);
    ik_machine_free(&m);
}

static void given_factors_are_used_as_they_are(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = TEMP "      m: 5\n"
                         "      b: -200\n"
                         "      r_exp: -1\n"
                         "      format: unsigned\n"
                         "      thresholds: {unc: 70}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    const struct ik_msensor *s = &m.platform.sensors[0];
    assert_int_equal(s->conv_given, 1);
    assert_int_equal(s->m, 5);
    assert_int_equal(s->b, -200);
    assert_int_equal(s->k2, -1);
    ik_desc_free(&d);
    ik_machine_free(&m);
}

static void sensor_errors_name_the_place_and_the_problem(void **state)
{
    (void)state;
    expect_error(TEMP "      colour: red\n",
                 "p.yaml:6:7: machine.sensors[0]: unknown key 'colour'");
    expect_error(
        "machine:\n  sensors:\n    - {name: A Very Long Sensor Name, number: 1, type: 1}\n",
        "p.yaml:3:14: machine.sensors[0].name: longer than 16 characters");
    expect_error("machine:\n  sensors:\n    - {number: 1, type: 1}\n",
                 "p.yaml:3:7: machine.sensors[0].name: missing");
    expect_error("machine:\n  sensors:\n    - {name: A, number: 255, type: 1}\n",
                 "machine.sensors[0].number: 255 is out of range 0..254");
    expect_error("machine:\n  sensors:\n    - {name: A, number: 1, type: 1}\n"
                 "    - {name: B, number: 1, type: 2}\n",
                 "p.yaml:4:25: machine.sensors[1].number: number 0x01 is already sensors[0] (A)");
    expect_error("machine:\n  sensors:\n    - {name: A, number: 1, type: 1}\n"
                 "    - {name: A, number: 2, type: 2}\n",
                 "machine.sensors[1].name: name 'A' is already sensors[0]");
    expect_error("machine:\n  sensors:\n    - {name: A, number: 1, type: bogus}\n",
                 "machine.sensors[0].type: unknown name 'bogus'");
    expect_error(TEMP "      thresholds: {unc: 70}\n",
                 "a threshold sensor needs range: [min, max] and resolution");
    expect_error(TEMP "      range: [0, 100]\n      resolution: 0.01\n",
                 "machine.sensors[0].resolution: cannot cover 0..100 in steps of 0.01");
    expect_error(TEMP "      range: [0, 127]\n      resolution: 1\n"
                      "      thresholds: {unc: 90, ucr: 80}\n",
                 "machine.sensors[0].thresholds.ucr: 80 is below unc (90)");
    expect_error(TEMP "      range: [0, 127]\n      resolution: 1\n"
                      "      thresholds: {unc: 130}\n",
                 "machine.sensors[0].thresholds.unc: 130 is outside the sensor's range 0..127");
    expect_error(TEMP "      range: [0, 127]\n      resolution: 1\n"
                      "      thresholds: {unc: 90}\n      assert: [unc*]\n",
                 "machine.sensors[0].assert[0]: expected a threshold event such as unc+");
    expect_error(TEMP "      range: [0, 127]\n      resolution: 1\n"
                      "      model: {kind: steps, steps: [[10, 1], [5, 2]]}\n",
                 "machine.sensors[0].model.steps[1]: steps must be in time order");
    expect_error(TEMP "      range: [0, 127]\n      resolution: 1\n      record: compact\n",
                 "a threshold sensor needs a full record");
    expect_error("machine:\n  sensors:\n    - {name: A, number: 1, type: 5, hysteresis: 2}\n",
                 "only a threshold sensor has hysteresis");
    expect_error("machine:\n  sensors:\n    - {name: A, number: 1, type: 5, states: [15]}\n",
                 "machine.sensors[0].states[0]: 15 is out of range 0..14");
    expect_error(TEMP "      range: [0, 127]\n      resolution: 1\n"
                      "      model: {kind: sine, value: 3}\n",
                 "machine.sensors[0].model.period: missing");
    expect_error("machine:\n  sensors:\n    - {name: A, number: 1, type: 5,\n"
                 "       model: {kind: noise, value: 1}}\n",
                 "a discrete sensor's model is constant or steps");
}

static void fru_areas_are_encoded_and_sized(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  fru:\n"
                    "    - id: 0\n"
                    "      name: System FRU\n"
                    "      size: 256\n"
                    "      write_protect: true\n"
                    "      chassis: {type: 0x17, serial: C1, custom: [x1, x2]}\n"
                    "      board: {mfg_date: \"1996-01-02 00:10\", manufacturer: ACME,\n"
                    "              product: B1}\n"
                    "      product: {name: Srv, version: \"2\"}\n"
                    "      multirecords: [{type: 0xC0, data: \"5a 31 00 01 02\"}]\n"
                    "    - {id: 3, board: {product: Tiny}}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    assert_int_equal(m.platform.nfrus, 2);
    const struct ik_mfru *f = &m.platform.frus[0];
    assert_int_equal(f->size, 256);
    assert_int_equal(f->write_protect, 1);
    assert_string_equal(f->name, "System FRU");
    struct ik_fru dec;
    assert_int_equal(ik_fru_decode(f->image, f->size, &dec), 0);
    assert_int_equal(dec.n_problems, 0);
    assert_int_equal(dec.board.mfg_minutes, 1450);
    assert_string_equal(dec.board.mfg.text, "ACME");
    assert_string_equal(dec.product.name.text, "Srv");
    assert_string_equal(dec.chassis.custom[1].text, "x2");
    assert_int_equal(dec.n_mr, 1);
    assert_int_equal(dec.mr[0].type, 0xC0);
    assert_int_equal(m.platform.frus[1].size % 8, 0);
    assert_int_equal(m.platform.frus[1].id, 3);
    ik_desc_free(&d);
    ik_machine_free(&m);
}

static void fru_errors(void **state)
{
    (void)state;
    expect_error("machine:\n  fru:\n    - {board: {product: "
                 "0123456789012345678901234567890123456789012345678901234567890123}}\n",
                 "machine.fru[0].board.product: longer than 63 bytes");
    expect_error("machine:\n  fru:\n    - {size: 8, board: {product: abcdefgh}}\n",
                 "machine.fru[0].size: the image needs");
    expect_error("machine:\n  fru:\n    - {id: 1}\n    - {id: 1}\n",
                 "machine.fru[1].id: FRU device 1 is already fru[0]");
    expect_error("machine:\n  fru:\n    - {board: {mfg_date: \"1995-12-31\"}}\n",
                 "machine.fru[0].board.mfg_date: '1995-12-31' is not a date from 1996 on");
}

static void sel_section_and_initial_entries(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  sensors:\n"
                    "    - {name: PSU1 Status, number: 0x30, type: power supply}\n"
                    "  sel:\n"
                    "    capacity: 100\n"
                    "    almost_full: 90\n"
                    "    clear_ms: 500\n"
                    "    entries:\n"
                    "      - {sensor: PSU1 Status, offset: 1}\n"
                    "      - {sensor: 0x30, offset: 1, deassert: true, data: \"01 ff 02\",\n"
                    "         timestamp: 1000}\n"
                    "      - {raw: \"00 00 e0 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d\"}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    const struct ik_msel *s = &m.platform.sel;
    assert_int_equal(s->capacity, 100);
    assert_int_equal(s->almost_full_pct, 90);
    assert_int_equal(s->clear_ms, 500);
    assert_int_equal(s->ninit, 3);
    static const uint8_t e0[16] = {0, 0,    0x02, 0,    0,    0, 0,    0x20,
                                   0, 0x04, 0x08, 0x30, 0x6F, 1, 0xFF, 0xFF};
    assert_memory_equal(s->init[0], e0, 16);
    assert_int_equal(s->init[1][12], 0xEF);
    assert_int_equal(s->init[1][3], 0xE8);
    assert_int_equal(s->init[1][4], 0x03);
    assert_int_equal(s->init[1][15], 0x02);
    assert_int_equal(s->init[2][2], 0xE0);
    ik_desc_free(&d);
    ik_machine_free(&m);
    expect_error("machine:\n  sel:\n    capacity: 65535\n",
                 "machine.sel.capacity: 65535 is out of range 1..65534");
    expect_error("machine:\n  sel:\n    entries: [{raw: \"00 01\"}]\n",
                 "machine.sel.entries[0].raw: expected 16 bytes, got 2");
    expect_error("machine:\n  sel:\n    entries: [{sensor: Nope}]\n",
                 "machine.sel.entries[0].sensor: no sensor named 'Nope' in sensors");
}

static void power_chassis_watchdog_and_satellites(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  power:\n"
                    "    initial: off\n"
                    "    restore_policy: always-on\n"
                    "    on_ms: 3000\n"
                    "    soft_shutdown: false\n"
                    "    hooks: {on: \"virsh start vm1\", off: \"virsh destroy vm1\",\n"
                    "            cycle: {command: \"virsh reset vm1\", timeout_ms: 900}}\n"
                    "    hook_timeout_ms: 5000\n"
                    "  chassis: {diag_interrupt: true, intrusion_sensor: false,\n"
                    "            identify_seconds: 30, poh_minutes: 1, buttons: 0x0F}\n"
                    "  watchdog: {log_pretimeout: false}\n"
                    "  satellites:\n"
                    "    - {name: PSU MC, address: 0x72, firmware: \"2.10\", silent: true}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    const struct ik_machine_platform *p = &m.platform;
    assert_int_equal(p->power.initial_on, 0);
    assert_int_equal(p->power.policy, IK_POLICY_ON);
    assert_int_equal(p->power.on_ms, 3000);
    assert_int_equal(p->power.off_ms, 500); /* default kept */
    assert_int_equal(p->power.soft_honoured, 0);
    assert_string_equal(p->power.hooks[IK_PWR_ON], "virsh start vm1");
    assert_string_equal(p->power.hooks[IK_PWR_CYCLE], "virsh reset vm1");
    assert_int_equal(p->power.hook_timeouts_ms[IK_PWR_CYCLE], 900);
    assert_string_equal(p->power.hooks[IK_PWR_RESET], "");
    assert_int_equal(p->power.hook_timeout_ms, 5000);
    assert_int_equal(p->chassis.caps, 0x04);
    assert_int_equal(p->chassis.identify_s, 30);
    assert_int_equal(p->chassis.has_buttons, 1);
    assert_int_equal(p->watchdog.log_pretimeout, 0);
    assert_int_equal(p->nsats, 1);
    assert_int_equal(p->sats[0].addr, 0x72);
    assert_int_equal(p->sats[0].fw_minor, 0x10);
    assert_int_equal(p->sats[0].silent, 1);
    ik_desc_free(&d);
    ik_machine_free(&m);
    expect_error("machine:\n  power:\n    hooks: {explode: x}\n",
                 "machine.power.hooks: unknown key 'explode'");
    expect_error("machine:\n  power:\n    restore_policy: sometimes\n",
                 "machine.power.restore_policy: unknown value 'sometimes'");
    expect_error("machine:\n  satellites: [{address: 0x73}]\n",
                 "machine.satellites[0].address: 0x73 is not a free IPMB slave address");
    expect_error("machine:\n  satellites: [{address: 0x72}, {address: 0x72}]\n",
                 "address 0x72 is already satellites[0]");
}

static int has_type(const struct ik_machine_platform *p, uint8_t type)
{
    for (size_t i = 0; i < p->nsensors; i++)
        if (p->sensors[i].sensor_type == type)
            return 1;
    return 0;
}

static void default_machine_is_a_realistic_two_socket_server(void **state)
{
    (void)state;
    struct ik_machine m;
    char err[1024] = "";
    int rc = ik_default_machine(&m, err, sizeof(err));
    if (rc)
        fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
    const struct ik_machine_platform *p = &m.platform;
    assert_true(p->nsensors >= 40);
    static const uint8_t types[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x07, 0x08, 0x0C, 0x0D,
                                    0x0F, 0x10, 0x12, 0x14, 0x20, 0x22, 0x23, 0x2B};
    for (size_t t = 0; t < sizeof(types); t++)
        assert_true(has_type(p, types[t]));
    int records[4] = {0};
    for (size_t i = 0; i < p->nsensors; i++) {
        assert_true(strlen(p->sensors[i].name) < 16);
        records[p->sensors[i].record]++;
    }
    assert_true(records[IK_MREC_FULL] > 0 && records[IK_MREC_COMPACT] > 0 &&
                records[IK_MREC_EVENT_ONLY] > 0);
    assert_true(p->nfrus >= 1);
    struct ik_fru dec;
    assert_int_equal(ik_fru_decode(p->frus[0].image, p->frus[0].size, &dec), 0);
    assert_int_equal(dec.n_problems, 0);
    assert_true(dec.loc[IK_FRU_AREA_BOARD].present && dec.loc[IK_FRU_AREA_PRODUCT].present);
    assert_int_equal(p->nsats, 2);
    assert_true(p->sats[1].silent);
    ik_machine_free(&m);
}

static void default_machine_runs_every_sensor_and_record(void **state)
{
    (void)state;
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    ik_machine_free(&f->m);
    char err[1024];
    assert_int_equal(ik_default_machine(&f->m, err, sizeof(err)), 0);
    f->m.id.dev_support = 0xBF;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, 30 * IK_US_PER_S);
    const struct ik_machine_platform *p = &f->m.platform;
    for (size_t i = 0; i < p->nsensors; i++) {
        struct ik_bmc_rsp r = BMC(f, 0x04, 0x2D, p->sensors[i].number);
        assert_int_equal(r.cc, 0);
        if (p->sensors[i].event_type == 0x01)
            assert_int_equal(r.data[2] & 0x3F, 0); /* healthy: nothing exceeded */
    }
    /* every SDR decodes */
    uint16_t id = 0;
    int n = 0;
    while (id != 0xFFFF) {
        struct ik_bmc_rsp r = BMC(f, 0x0A, 0x23, 0, 0, (uint8_t)id, id >> 8, 0, 0xFF);
        assert_int_equal(r.cc, 0);
        struct ik_sdr_record rec;
        assert_int_equal(ik_sdr_decode(r.data + 2, r.len - 2, &rec), 0);
        id = bmcfix_le16(r.data);
        n++;
    }
    assert_int_equal(n, (int)(p->nsensors + p->nfrus + 1 + p->nsats));
    /* a healthy machine logs nothing by itself */
    assert_int_equal(bmcfix_le16(BMC(f, 0x0A, 0x40).data + 1), 0);
    bmcfix_fini(f);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threshold_sensor_fields_are_set_and_defaults_filled),
        cmocka_unit_test(discrete_sensor_states_steps_and_events),
        cmocka_unit_test(given_factors_are_used_as_they_are),
        cmocka_unit_test(sensor_errors_name_the_place_and_the_problem),
        cmocka_unit_test(fru_areas_are_encoded_and_sized),
        cmocka_unit_test(fru_errors),
        cmocka_unit_test(sel_section_and_initial_entries),
        cmocka_unit_test(power_chassis_watchdog_and_satellites),
        cmocka_unit_test(default_machine_is_a_realistic_two_socket_server),
        cmocka_unit_test(default_machine_runs_every_sensor_and_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
