/* The engine's sensors: value models on the virtual clock, power-tied readings, threshold
 * and hysteresis evaluation, the events they log, discrete states, and the NetFn 04h
 * sensor commands with their completion codes. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "sensors.h"

#define SE  0x04
#define ST  0x0A
#define CH  0x00
#define APP 0x06
#define S   IK_US_PER_S

#define EV_UNC_HI (1u << 7)
#define EV_UCR_HI (1u << 9)
#define EV_UNR_HI (1u << 11)
#define EV_LNC_LO (1u << 0)
#define EV_LCR_LO (1u << 2)

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    f->m.platform.power.on_ms = 1000;
    f->m.platform.power.off_ms = 0;
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

/* A temperature: 0..255 degrees C in 1-degree steps (M = 1, B = 0), so raw = degrees.
 * LNC 5, LCR 2, LNR 0, UNC 80, UCR 90, UNR 100; hysteresis 2 each way; constant 40. */
static struct ik_msensor *temp_sensor(struct bmcfix *f, uint8_t num)
{
    struct ik_msensor *s = bmcfix_add_sensor(f, "CPU1 Temp", num, 0x01, 0x01);
    s->unit = 1;
    s->min = 0;
    s->max = 255;
    s->resolution = 1;
    s->thr[IK_SDR_LNC] = 5;
    s->thr[IK_SDR_LCR] = 2;
    s->thr[IK_SDR_LNR] = 0;
    s->thr[IK_SDR_UNC] = 80;
    s->thr[IK_SDR_UCR] = 90;
    s->thr[IK_SDR_UNR] = 100;
    s->thr_readable = 0x3F;
    s->thr_settable = 0x3F;
    s->hyst_pos = 2;
    s->hyst_neg = 2;
    s->hyst_access = 2;
    s->assert_mask = EV_UNC_HI | EV_UCR_HI | EV_UNR_HI | EV_LNC_LO | EV_LCR_LO;
    s->deassert_mask = s->assert_mask;
    s->settable = 1;
    s->model.kind = IK_MV_CONSTANT;
    s->model.value = 40;
    return s;
}

static struct ik_bmc_rsp reading(struct bmcfix *f, uint8_t num)
{
    struct ik_bmc_rsp r = BMC(f, SE, 0x2D, num);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 4);
    return r;
}

static uint16_t sel_count(struct bmcfix *f)
{
    return bmcfix_le16(BMC(f, ST, 0x40).data + 1);
}

/* SEL record n (1-based, in ID order): the 16 bytes. */
static const uint8_t *sel_rec(struct bmcfix *f, int n, uint8_t out[16])
{
    uint16_t id = 0;
    struct ik_bmc_rsp r;
    for (int i = 0; i < n; i++) {
        r = BMC(f, ST, 0x43, 0, 0, (uint8_t)id, id >> 8, 0, 0xFF);
        assert_int_equal(r.cc, 0);
        id = bmcfix_le16(r.data);
    }
    memcpy(out, r.data + 2, 16);
    return out;
}

static void constant_reading_converts_and_shows_no_threshold_state(void **state)
{
    struct bmcfix *f = *state;
    temp_sensor(f, 0x10);
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = reading(f, 0x10);
    assert_int_equal(r.data[0], 40);
    assert_int_equal(r.data[1], 0xC0); /* events and scanning enabled, available */
    assert_int_equal(r.data[2], 0x00);
    assert_int_equal(BMC(f, SE, 0x2D, 0x11).cc, 0xCB);
}

static void ramp_logs_assertions_and_deassertions_with_trigger_and_threshold(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    /* 40 -> 100 over 60 s and back (triangle): crosses UNC 80 at 40 s, UCR 90 at 50 s */
    s->model.kind = IK_MV_RAMP;
    s->model.value = 40;
    s->model.to = 100;
    s->model.period_s = 60;
    s->model.ramp_mode = IK_RAMP_BOUNCE;
    s->thr[IK_SDR_UNR] = 120;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, 39 * S);
    assert_int_equal(sel_count(f), 0);
    bmcfix_advance(f, 1 * S);
    assert_int_equal(sel_count(f), 1);
    uint8_t rec[16];
    sel_rec(f, 1, rec);
    assert_int_equal(rec[10], 0x01); /* temperature */
    assert_int_equal(rec[11], 0x10);
    assert_int_equal(rec[12], 0x01); /* assertion, threshold */
    assert_int_equal(rec[13], 0x57); /* 50h | UNC going high */
    assert_int_equal(rec[14], 80);   /* trigger reading */
    assert_int_equal(rec[15], 80);   /* threshold */
    assert_int_equal(reading(f, 0x10).data[2], 0x08);
    bmcfix_advance(f, 10 * S);
    assert_int_equal(sel_count(f), 2);
    sel_rec(f, 2, rec);
    assert_int_equal(rec[13], 0x59);
    assert_int_equal(rec[14], 90);
    assert_int_equal(rec[15], 90);
    assert_int_equal(reading(f, 0x10).data[2], 0x18);
    /* peak 100 at 60 s, back below 90 - 2 at 73 s (87) and 80 - 2 at 83 s (77) */
    bmcfix_advance(f, 22 * S);
    assert_int_equal(sel_count(f), 2);
    bmcfix_advance(f, 1 * S);
    assert_int_equal(sel_count(f), 3);
    sel_rec(f, 3, rec);
    assert_int_equal(rec[12], 0x81); /* deassertion */
    assert_int_equal(rec[13], 0x59);
    assert_int_equal(rec[14], 87);
    bmcfix_advance(f, 10 * S);
    assert_int_equal(sel_count(f), 4);
    sel_rec(f, 4, rec);
    assert_int_equal(rec[12], 0x81);
    assert_int_equal(rec[13], 0x57);
    assert_int_equal(rec[14], 77);
    assert_int_equal(reading(f, 0x10).data[2], 0x00);
}

static void hysteresis_holds_the_state_near_the_threshold(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    s->model.kind = IK_MV_STEPS;
    s->model.value = 70;
    static struct ik_mstep steps[] = {{10, 80}, {20, 79}, {30, 78}, {40, 77}};
    s->model.steps = malloc(sizeof(steps));
    memcpy(s->model.steps, steps, sizeof(steps));
    s->model.nsteps = 4;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, 10 * S);
    assert_int_equal(reading(f, 0x10).data[2], 0x08);
    bmcfix_advance(f, 10 * S); /* 79: within hysteresis */
    assert_int_equal(reading(f, 0x10).data[2], 0x08);
    bmcfix_advance(f, 10 * S); /* 78 = 80 - 2: still (clears below) */
    assert_int_equal(reading(f, 0x10).data[2], 0x08);
    bmcfix_advance(f, 10 * S); /* 77 */
    assert_int_equal(reading(f, 0x10).data[2], 0x00);
    assert_int_equal(sel_count(f), 2);
}

static void lower_thresholds_assert_going_low(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    s->model.kind = IK_MV_STEPS;
    s->model.value = 20;
    static struct ik_mstep steps[] = {{5, 2}, {10, 10}};
    s->model.steps = malloc(sizeof(steps));
    memcpy(s->model.steps, steps, sizeof(steps));
    s->model.nsteps = 2;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, 5 * S);
    assert_int_equal(reading(f, 0x10).data[2], 0x03); /* at or below LNC and LCR */
    uint8_t rec[16];
    assert_int_equal(sel_count(f), 2);
    sel_rec(f, 1, rec);
    assert_int_equal(rec[13], 0x50); /* LNC going low */
    sel_rec(f, 2, rec);
    assert_int_equal(rec[13], 0x52); /* LCR going low */
    assert_int_equal(rec[15], 2);
    bmcfix_advance(f, 5 * S);
    assert_int_equal(reading(f, 0x10).data[2], 0x00);
    assert_int_equal(sel_count(f), 4);
}

static void power_tied_sensor_is_unavailable_while_off_and_restarts_its_model(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    s->off = IK_OFF_UNAVAILABLE;
    s->model.kind = IK_MV_RAMP;
    s->model.value = 30;
    s->model.to = 60;
    s->model.period_s = 30;
    struct ik_msensor *in = temp_sensor(f, 0x11);
    in->off = IK_OFF_VALUE;
    in->off_value = 22;
    in->model.value = 25;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, 10 * S);
    assert_int_equal(reading(f, 0x10).data[0], 40);
    assert_int_equal(BMC(f, CH, 0x02, 0x00).cc, 0);
    bmcfix_advance(f, 1 * S);
    struct ik_bmc_rsp r = reading(f, 0x10);
    assert_int_equal(r.data[1] & 0x20, 0x20);
    assert_int_equal(r.data[0], 0);
    assert_int_equal(reading(f, 0x11).data[0], 22);
    assert_int_equal(BMC(f, CH, 0x02, 0x01).cc, 0);
    bmcfix_advance(f, 1 * S); /* on after 1 s: the ramp starts again at 30 */
    r = reading(f, 0x10);
    assert_int_equal(r.data[1] & 0x20, 0);
    assert_int_equal(r.data[0], 30);
    assert_int_equal(reading(f, 0x11).data[0], 25);
}

static void discrete_schedule_logs_state_changes_per_the_enables(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = bmcfix_add_sensor(f, "PSU1 Status", 0x20, 0x08, 0x6F);
    s->states_mask = 0x004B;
    s->assert_mask = 0x000A;   /* failure, AC lost */
    s->deassert_mask = 0x0002; /* failure */
    s->initial_states = 0x0001;
    s->model.kind = IK_MV_STEPS;
    s->model.value = 0x0001;
    static struct ik_mstep steps[] = {{5, 0x0003}, {10, 0x0009}, {15, 0x0001}};
    s->model.steps = malloc(sizeof(steps));
    memcpy(s->model.steps, steps, sizeof(steps));
    s->model.nsteps = 3;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = reading(f, 0x20);
    assert_int_equal(r.data[2], 0x01);
    assert_int_equal(r.data[3], 0x00);
    bmcfix_advance(f, 5 * S);
    assert_int_equal(reading(f, 0x20).data[2], 0x03);
    uint8_t rec[16];
    assert_int_equal(sel_count(f), 1);
    sel_rec(f, 1, rec);
    assert_int_equal(rec[10], 0x08);
    assert_int_equal(rec[12], 0x6F);
    assert_int_equal(rec[13], 0x01);
    assert_int_equal(rec[14], 0xFF);
    bmcfix_advance(f, 5 * S); /* failure deasserted, AC lost asserted */
    assert_int_equal(sel_count(f), 3);
    sel_rec(f, 2, rec);
    assert_int_equal(rec[12], 0xEF);
    assert_int_equal(rec[13], 0x01);
    sel_rec(f, 3, rec);
    assert_int_equal(rec[12], 0x6F);
    assert_int_equal(rec[13], 0x03);
    bmcfix_advance(f, 5 * S); /* AC lost deasserted: not enabled */
    assert_int_equal(sel_count(f), 3);
}

static void first_scan_after_start_sets_states_silently(void **state)
{
    struct bmcfix *f = *state;
    temp_sensor(f, 0x10)->model.value = 85;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(reading(f, 0x10).data[2], 0x08);
    bmcfix_advance(f, 5 * S);
    assert_int_equal(sel_count(f), 0);
}

static void thresholds_are_read_and_set_with_every_check(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    s->thr_settable = 0x38; /* upper ones only */
    s->max = 127;
    bmcfix_add_sensor(f, "Intrusion", 0x30, 0x05, 0x6F);
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, SE, 0x27, 0x10);
    assert_int_equal(r.cc, 0);
    static const uint8_t want[7] = {0x3F, 5, 2, 0, 80, 90, 100};
    assert_int_equal(r.len, 7);
    assert_memory_equal(r.data, want, 7);
    assert_int_equal(BMC(f, SE, 0x26, 0x10, 0x01, 7, 0, 0, 0, 0, 0).cc, 0xCC);   /* LNC */
    assert_int_equal(BMC(f, SE, 0x26, 0x10, 0x08, 0, 0, 0, 95, 0, 0).cc, 0xCC);  /* > UCR */
    assert_int_equal(BMC(f, SE, 0x26, 0x10, 0x20, 0, 0, 0, 0, 0, 200).cc, 0xC9); /* > max */
    assert_int_equal(BMC(f, SE, 0x26, 0x10, 0x40, 0, 0, 0, 0, 0, 0).cc, 0xCC);
    assert_int_equal(BMC(f, SE, 0x26, 0x30, 0x08, 0, 0, 0, 30, 0, 0).cc, 0xCC); /* discrete */
    assert_int_equal(BMC(f, SE, 0x27, 0x30).cc, 0xCC);
    assert_int_equal(BMC(f, SE, 0x26, 0x44, 0x08, 0, 0, 0, 30, 0, 0).cc, 0xCB);
    /* UNC to 35 puts the reading (40) above it: asserted and logged at once */
    assert_int_equal(BMC(f, SE, 0x26, 0x10, 0x08, 0, 0, 0, 35, 0, 0).cc, 0);
    assert_int_equal(reading(f, 0x10).data[2], 0x08);
    assert_int_equal(sel_count(f), 1);
    assert_int_equal(bmcfix_restart(f), 0);
    r = BMC(f, SE, 0x27, 0x10);
    assert_int_equal(r.data[4], 35);
    f->priv = IK_PRIV_USER;
    assert_int_equal(BMC(f, SE, 0x26, 0x10, 0x08, 0, 0, 0, 36, 0, 0).cc, 0xD4);
}

static void hysteresis_is_readable_and_settable_per_the_access(void **state)
{
    struct bmcfix *f = *state;
    temp_sensor(f, 0x10);
    temp_sensor(f, 0x11)->hyst_access = 1;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, SE, 0x25, 0x10, 0xFF);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 2);
    assert_int_equal(r.data[1], 2);
    assert_int_equal(BMC(f, SE, 0x24, 0x10, 0xFF, 4, 3).cc, 0);
    r = BMC(f, SE, 0x25, 0x10, 0xFF);
    assert_int_equal(r.data[0], 4);
    assert_int_equal(r.data[1], 3);
    assert_int_equal(BMC(f, SE, 0x24, 0x11, 0xFF, 4, 3).cc, 0xCC);
    assert_int_equal(BMC(f, SE, 0x25, 0x11, 0xFF).cc, 0);
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(BMC(f, SE, 0x25, 0x10, 0xFF).data[0], 4);
}

static void event_enables_control_what_is_logged(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    s->model.kind = IK_MV_STEPS;
    s->model.value = 40;
    static struct ik_mstep steps[] = {{5, 85}, {10, 40}, {15, 85}, {20, 40}, {25, 85}};
    s->model.steps = malloc(sizeof(steps));
    memcpy(s->model.steps, steps, sizeof(steps));
    s->model.nsteps = 5;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, SE, 0x29, 0x10);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 5);
    assert_int_equal(r.data[0], 0xC0);
    assert_int_equal(bmcfix_le16(r.data + 1), s->assert_mask);
    /* disable the UNC assertion only */
    assert_int_equal(BMC(f, SE, 0x28, 0x10, 0xE0, 0x80, 0x00).cc, 0);
    assert_int_equal(bmcfix_le16(BMC(f, SE, 0x29, 0x10).data + 1), s->assert_mask & ~EV_UNC_HI);
    bmcfix_advance(f, 5 * S);
    assert_int_equal(sel_count(f), 0);
    bmcfix_advance(f, 5 * S); /* the deassertion is still enabled */
    assert_int_equal(sel_count(f), 1);
    /* all event messages off */
    assert_int_equal(BMC(f, SE, 0x28, 0x10, 0x40).cc, 0);
    assert_int_equal(reading(f, 0x10).data[1], 0x40);
    bmcfix_advance(f, 10 * S);
    assert_int_equal(sel_count(f), 1);
    /* scanning off: the reading freezes */
    assert_int_equal(BMC(f, SE, 0x28, 0x10, 0x80).cc, 0);
    uint8_t frozen = reading(f, 0x10).data[0];
    bmcfix_advance(f, 5 * S);
    struct ik_bmc_rsp rr = reading(f, 0x10);
    assert_int_equal(rr.data[0], frozen);
    assert_int_equal(rr.data[1], 0x80);
    assert_int_equal(BMC(f, SE, 0x28, 0x10, 0xF0).cc, 0xCC);
}

static void manual_rearm_latches_until_rearmed(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    s->auto_rearm = 0;
    s->model.kind = IK_MV_STEPS;
    s->model.value = 40;
    static struct ik_mstep steps[] = {{5, 85}, {10, 40}};
    s->model.steps = malloc(sizeof(steps));
    memcpy(s->model.steps, steps, sizeof(steps));
    s->model.nsteps = 2;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, 10 * S);
    assert_int_equal(sel_count(f), 1); /* no deassertion */
    struct ik_bmc_rsp r = BMC(f, SE, 0x2B, 0x10);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le16(r.data + 1) & EV_UNC_HI, EV_UNC_HI); /* still asserted */
    assert_int_equal(BMC(f, SE, 0x2A, 0x10, 0x00).cc, 0);
    r = BMC(f, SE, 0x2B, 0x10);
    assert_int_equal(bmcfix_le16(r.data + 1), 0);
    assert_int_equal(sel_count(f), 1);
}

static void rearm_logs_a_present_condition_again(void **state)
{
    struct bmcfix *f = *state;
    temp_sensor(f, 0x10)->model.value = 85;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(sel_count(f), 0);
    assert_int_equal(BMC(f, SE, 0x2A, 0x10, 0x80, 0x80, 0x00).cc, 0);
    assert_int_equal(sel_count(f), 1);
    uint8_t rec[16];
    assert_int_equal(sel_rec(f, 1, rec)[13], 0x57);
}

static void platform_event_message_logs_host_events(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* Linux panic event through the system interface: generator 41h, EvM 03h */
    f->channel = IK_CHAN_SYSTEM;
    assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x03, 0x20, 'O', 0x6F, 0xA1, 'o', 'p').cc, 0);
    uint8_t rec[16];
    sel_rec(f, 1, rec);
    assert_int_equal(bmcfix_le16(rec + 7), 0x0041);
    assert_int_equal(rec[9], 0x03);
    assert_int_equal(rec[10], 0x20);
    assert_int_equal(rec[11], 'O');
    assert_int_equal(rec[13], 0xA1);
    assert_int_equal(rec[15], 'p');
    assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x04, 0x20, 0x01, 0x6F).cc, 0xC7);
    /* over LAN: the requester is the generator; missing data 2/3 are FFh */
    f->channel = IK_CHAN_LAN;
    assert_int_equal(BMC(f, SE, 0x02, 0x04, 0x0F, 0x01, 0x6F, 0x02).cc, 0);
    sel_rec(f, 2, rec);
    assert_int_equal(bmcfix_le16(rec + 7), 0x1081);
    assert_int_equal(rec[13], 0x02);
    assert_int_equal(rec[14], 0xFF);
    assert_int_equal(rec[15], 0xFF);
    assert_int_equal(BMC(f, SE, 0x02, 0x05, 0x0F, 0x01, 0x6F, 0x02).cc, 0xCC);
    assert_int_equal(BMC(f, SE, 0x02, 0x04, 0x0F, 0x01, 0x6F, 0x02, 1, 2, 3).cc, 0xC8);
}

static void platform_event_into_a_full_sel_gets_c4(void **state)
{
    struct bmcfix *f = *state;
    f->m.platform.sel.capacity = 1;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, SE, 0x02, 0x04, 0x0F, 0x01, 0x6F, 0x02).cc, 0);
    assert_int_equal(BMC(f, SE, 0x02, 0x04, 0x0F, 0x01, 0x6F, 0x02).cc, 0xC4);
}

static void injected_reading_pins_the_sensor_and_logs_crossings(void **state)
{
    struct bmcfix *f = *state;
    temp_sensor(f, 0x10);
    struct ik_msensor *d = bmcfix_add_sensor(f, "Mem ECC", 0x40, 0x0C, 0x6F);
    d->states_mask = 0x003F;
    d->assert_mask = 0x0003;
    d->settable = 1;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, SE, 0x30, 0x10, 0x01, 95).cc, 0);
    struct ik_bmc_rsp r = reading(f, 0x10);
    assert_int_equal(r.data[0], 95);
    assert_int_equal(r.data[2], 0x18);
    assert_int_equal(sel_count(f), 2);
    bmcfix_advance(f, 5 * S);
    assert_int_equal(reading(f, 0x10).data[0], 95); /* pinned */
    /* discrete: set the correctable ECC bit with event data (DIMM 3 in data 3) */
    assert_int_equal(BMC(f, SE, 0x30, 0x40, 0xA0, 0, 0x01, 0x00, 0, 0, 0xA0, 0xFF, 0x03).cc, 0);
    uint8_t rec[16];
    sel_rec(f, 3, rec);
    assert_int_equal(rec[10], 0x0C);
    assert_int_equal(rec[13], 0xA0);
    assert_int_equal(rec[15], 0x03);
    assert_int_equal(reading(f, 0x40).data[2], 0x01);
    /* clear it: no deassertion enabled */
    assert_int_equal(BMC(f, SE, 0x30, 0x40, 0x30, 0, 0x01, 0x00).cc, 0);
    assert_int_equal(reading(f, 0x40).data[2], 0x00);
    assert_int_equal(sel_count(f), 3);
    /* release: the model (40) comes back */
    assert_int_equal(BMC(f, SE, 0x30, 0x10, 0x00).cc, 0);
    assert_int_equal(reading(f, 0x10).data[0], 40);
    assert_int_equal(BMC(f, SE, 0x30, 0x10, 0x02, 1).cc, 0xCC);
    assert_int_equal(BMC(f, SE, 0x30, 0x10, 0x01).cc, 0xC7);
    assert_int_equal(BMC(f, SE, 0x30, 0x10, 0xC0, 0, 0, 0, 0, 0, 0, 0, 0).cc, 0xCC);
}

static void event_receiver_ff_stops_sensor_events(void **state)
{
    struct bmcfix *f = *state;
    temp_sensor(f, 0x10);
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, SE, 0x01);
    assert_int_equal(r.data[0], 0x20);
    assert_int_equal(BMC(f, SE, 0x00, 0xFF, 0).cc, 0);
    assert_int_equal(BMC(f, SE, 0x01).data[0], 0xFF);
    assert_int_equal(BMC(f, SE, 0x30, 0x10, 0x01, 95).cc, 0);
    assert_int_equal(sel_count(f), 0);
    assert_int_equal(BMC(f, SE, 0x00, 0x20, 0).cc, 0);
    assert_int_equal(BMC(f, SE, 0x30, 0x10, 0x01, 40).cc, 0);
    assert_int_equal(sel_count(f), 2); /* the two deassertions */
}

static void reading_factors_match_the_full_record(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *s = temp_sensor(f, 0x10);
    s->min = -10;
    s->max = 117.5;
    s->resolution = 0.5;
    bmcfix_add_sensor(f, "Intrusion", 0x30, 0x05, 0x6F);
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, SE, 0x23, 0x10, 0x00);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 7);
    struct ik_sdr_conv c;
    assert_int_equal(ik_sensor_conv(&f->m.platform.sensors[0], &c), 0); /* s moved */
    assert_int_equal(r.data[1], (uint8_t)c.m);
    assert_int_equal(r.data[3], (uint8_t)c.b);
    assert_int_equal(BMC(f, SE, 0x23, 0x30, 0x00).cc, 0xCC);
    struct ik_bmc_rsp rd = reading(f, 0x10);
    double v;
    assert_int_equal(ik_sdr_raw_to_value(&c, rd.data[0], &v), 0);
    assert_true(fabs(v - 40) < 0.26);
}

static void noise_stays_within_its_amplitude_and_repeats(void **state)
{
    struct ik_mvalue m = {.kind = IK_MV_NOISE, .value = 50, .amplitude = 3, .period_s = 1};
    (void)state;
    double a = ik_mvalue_at(&m, 12.3, 7), b = ik_mvalue_at(&m, 12.9, 7);
    assert_true(a == b);
    int moved = 0;
    for (int t = 0; t < 200; t++) {
        double v = ik_mvalue_at(&m, t, 7);
        assert_true(v >= 47 && v <= 53);
        if (fabs(v - 50) > 1)
            moved = 1;
    }
    assert_true(moved);
    struct ik_mvalue sine = {.kind = IK_MV_SINE, .value = 10, .amplitude = 2, .period_s = 8};
    assert_true(fabs(ik_mvalue_at(&sine, 2, 0) - 12) < 1e-9);
    struct ik_mvalue saw = {
        .kind = IK_MV_RAMP, .value = 0, .to = 10, .period_s = 10, .ramp_mode = IK_RAMP_REPEAT};
    assert_true(fabs(ik_mvalue_at(&saw, 13, 0) - 3) < 1e-9);
    saw.ramp_mode = IK_RAMP_HOLD;
    assert_true(fabs(ik_mvalue_at(&saw, 13, 0) - 10) < 1e-9);
}

static void watchdog_event_sets_the_watchdog_sensor_state(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msensor *w = bmcfix_add_sensor(f, "Watchdog 2", 0x51, 0x23, 0x6F);
    w->states_mask = 0x010F;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x00, 0, 0, 10, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, 2 * S);
    struct ik_bmc_rsp r = reading(f, 0x51);
    assert_int_equal(r.data[2], 0x01); /* timer expired */
    bmcfix_advance(f, 10 * S);
    assert_int_equal(reading(f, 0x51).data[2], 0x01); /* the model does not undo it */
}

static void type_and_event_status_report_the_sensor(void **state)
{
    struct bmcfix *f = *state;
    temp_sensor(f, 0x10)->model.value = 92;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, SE, 0x2F, 0x10);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 0x01);
    assert_int_equal(r.data[1], 0x01);
    r = BMC(f, SE, 0x2B, 0x10);
    assert_int_equal(r.len, 5);
    assert_int_equal(r.data[0], 0xC0);
    assert_int_equal(bmcfix_le16(r.data + 1), EV_UNC_HI | EV_UCR_HI);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(constant_reading_converts_and_shows_no_threshold_state),
        T(ramp_logs_assertions_and_deassertions_with_trigger_and_threshold),
        T(hysteresis_holds_the_state_near_the_threshold),
        T(lower_thresholds_assert_going_low),
        T(power_tied_sensor_is_unavailable_while_off_and_restarts_its_model),
        T(discrete_schedule_logs_state_changes_per_the_enables),
        T(first_scan_after_start_sets_states_silently),
        T(thresholds_are_read_and_set_with_every_check),
        T(hysteresis_is_readable_and_settable_per_the_access),
        T(event_enables_control_what_is_logged),
        T(manual_rearm_latches_until_rearmed),
        T(rearm_logs_a_present_condition_again),
        T(platform_event_message_logs_host_events),
        T(platform_event_into_a_full_sel_gets_c4),
        T(injected_reading_pins_the_sensor_and_logs_crossings),
        T(event_receiver_ff_stops_sensor_events),
        T(reading_factors_match_the_full_record),
        T(noise_stays_within_its_amplitude_and_repeats),
        T(watchdog_event_sets_the_watchdog_sensor_state),
        T(type_and_event_status_report_the_sensor),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
