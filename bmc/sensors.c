/*
 * The sensor model: value models on the virtual clock, threshold and hysteresis
 * evaluation, discrete states, event generation, and each sensor's SDR built from its
 * description (bmc/sensors.h explains the rules; bmc/sensor_event.c has the commands).
 */
#include "sensors.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"

#define SAVE_VERSION 1
#define BMC_ADDR     0x20 /* this BMC's IPMB slave address: sensor owner, event receiver */

/* ---- conversion and models ----------------------------------------------------------- */

int ik_sensor_conv(const struct ik_msensor *d, struct ik_sdr_conv *out)
{
    struct ik_sdr_conv c;
    memset(&c, 0, sizeof(c));
    if (d->conv_given) {
        if (d->format > IK_SDR_FMT_TWOS || d->lin > IK_SDR_LIN_CBRT || d->m < -512 || d->m > 511 ||
            d->b < -512 || d->b > 511 || d->k1 < -8 || d->k1 > 7 || d->k2 < -8 || d->k2 > 7)
            return IK_E_RANGE;
        c.format = d->format;
        c.linearization = d->lin;
        c.m = d->m;
        c.b = d->b;
        c.k1 = d->k1;
        c.k2 = d->k2;
    } else {
        int rc = ik_sdr_conv_derive(d->min, d->max, d->resolution, &c);
        if (rc)
            return rc;
    }
    *out = c;
    return 0;
}

/* The raw bytes at the two ends of a format's range. */
static void raw_ends(uint8_t format, uint8_t *lo, uint8_t *hi)
{
    if (format == IK_SDR_FMT_UNSIGNED) {
        *lo = 0x00;
        *hi = 0xFF;
    } else if (format == IK_SDR_FMT_ONES) {
        *lo = 0x80; /* -127 */
        *hi = 0x7F;
    } else {
        *lo = 0x80; /* -128 */
        *hi = 0x7F;
    }
}

uint8_t ik_sensor_to_raw(const struct ik_sdr_conv *c, double v)
{
    uint8_t raw;
    if (ik_sdr_value_to_raw(c, v, &raw) == 0)
        return raw;
    /* Outside what the format can say: the nearer end (a real sensor saturates). */
    uint8_t lo, hi;
    raw_ends(c->format, &lo, &hi);
    double vlo = ik_sdr_to_real(c, lo), vhi = ik_sdr_to_real(c, hi);
    if (!isfinite(vlo))
        return hi;
    if (!isfinite(vhi))
        return lo;
    return fabs(v - vlo) <= fabs(v - vhi) ? lo : hi;
}

/* A reproducible pseudo-random number in [-1, 1] for (seed, k): splitmix64. */
static double noise(uint32_t seed, uint64_t k)
{
    uint64_t z = ((uint64_t)seed << 32 ^ k) + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) / (double)(1ull << 53) * 2.0 - 1.0;
}

double ik_mvalue_at(const struct ik_mvalue *m, double t, uint32_t seed)
{
    double p = m->period_s > 0 ? m->period_s : 1.0;
    if (t < 0)
        t = 0;
    switch (m->kind) {
    case IK_MV_NOISE:
        return m->value + m->amplitude * noise(seed, (uint64_t)(t / p));
    case IK_MV_RAMP: {
        double x = t / p;
        if (m->ramp_mode == IK_RAMP_HOLD)
            x = x >= 1 ? 1 : x;
        else if (m->ramp_mode == IK_RAMP_REPEAT)
            x = x - floor(x);
        else {
            double ph = fmod(x, 2.0);
            x = ph <= 1 ? ph : 2 - ph;
        }
        return m->value + (m->to - m->value) * x;
    }
    case IK_MV_SINE:
        return m->value + m->amplitude * sin(2 * M_PI * t / p + m->phase_deg * M_PI / 180);
    case IK_MV_STEPS: {
        double v = m->value;
        if (m->period_s > 0)
            t = fmod(t, m->period_s);
        for (uint16_t i = 0; i < m->nsteps; i++)
            if (m->steps[i].at_s <= t)
                v = m->steps[i].value;
        return v;
    }
    default:
        return m->value;
    }
}

/* ---- SDR of a described sensor -------------------------------------------------------- */

static void fill_common(const struct ik_msensor *d, struct ik_sdr_sensor *s, int has_thr)
{
    s->owner_id = BMC_ADDR;
    s->owner_lun = 0;
    s->channel = 0;
    s->number = d->number;
    s->entity_id = d->entity_id;
    s->entity_instance = d->entity_instance & 0x7F;
    s->settable = d->settable ? 1 : 0;
    s->init_scanning = 1;
    s->init_events = 1;
    s->init_thresholds = has_thr ? 1 : 0;
    s->init_hysteresis = d->hyst_access != 0 ? 1 : 0;
    s->init_sensor_type = 1;
    s->events_enabled = d->events_enabled ? 1 : 0;
    s->scanning_enabled = d->scanning_enabled ? 1 : 0;
    s->auto_rearm = d->auto_rearm ? 1 : 0;
    s->hysteresis_access = d->hyst_access & 3;
    s->threshold_access = !has_thr ? 0 : d->thr_settable ? 2 : 1;
    s->event_msg_control = 0; /* per threshold / discrete state */
    s->sensor_type = d->sensor_type;
    s->event_type = d->event_type;
    if (d->event_type == 0x01) {
        /* Low 12 bits: events; [14:12] comparisons returned (lower in the assertion mask,
         * upper in the deassertion mask); reading mask: settable [13:8], readable [5:0]. */
        s->assert_mask = (uint16_t)((d->assert_mask & 0x0FFF) | (d->thr_readable & 7) << 12);
        s->deassert_mask =
            (uint16_t)((d->deassert_mask & 0x0FFF) | ((d->thr_readable >> 3) & 7) << 12);
        s->reading_mask =
            (uint16_t)((d->thr_settable & d->thr_readable & 0x3F) << 8 | (d->thr_readable & 0x3F));
    } else {
        s->assert_mask = d->assert_mask & 0x7FFF;
        s->deassert_mask = d->deassert_mask & 0x7FFF;
        s->reading_mask = d->states_mask & 0x7FFF;
    }
    s->units.rate = d->rate;
    s->units.modifier = d->mod_use;
    s->units.percentage = d->percentage ? 1 : 0;
    s->units.base_unit = d->unit;
    s->units.modifier_unit = d->unit_mod;
}

int ik_sensor_sdr(const struct ik_msensor *d, uint16_t record_id, struct ik_sdr_record *out)
{
    struct ik_sdr_record r;
    memset(&r, 0, sizeof(r));
    r.hdr.record_id = record_id;
    r.hdr.version = IK_SDR_VERSION;
    r.hdr.type = d->record;
    struct ik_sdr_id *id;
    int rc;
    switch (d->record) {
    case IK_MREC_FULL: {
        struct ik_sdr_full *f = &r.u.full;
        struct ik_sdr_conv c;
        int analog = d->event_type == 0x01 || d->conv_given || d->resolution > 0;
        fill_common(d, &f->s, d->event_type == 0x01 && d->thr_readable);
        if (analog) {
            if ((rc = ik_sensor_conv(d, &c)) != 0)
                return rc;
            ik_sdr_full_set_conv(f, &c);
            uint8_t lo, hi;
            raw_ends(c.format, &lo, &hi);
            f->sensor_min = d->min < d->max ? ik_sensor_to_raw(&c, d->min) : lo;
            f->sensor_max = d->min < d->max ? ik_sensor_to_raw(&c, d->max) : hi;
            if (d->has_nominal) {
                f->nominal_specified = 1;
                f->nominal = ik_sensor_to_raw(&c, d->nominal);
            }
            if (d->has_normal_max) {
                f->normal_max_specified = 1;
                f->normal_max = ik_sensor_to_raw(&c, d->normal_max);
            }
            if (d->has_normal_min) {
                f->normal_min_specified = 1;
                f->normal_min = ik_sensor_to_raw(&c, d->normal_min);
            }
            if (d->event_type == 0x01) {
                for (int t = 0; t < 6; t++)
                    if (d->thr_readable & (1 << t))
                        f->thresholds[t] = ik_sensor_to_raw(&c, d->thr[t]);
            }
            if (d->hyst_access) {
                if (ik_sdr_hysteresis_to_raw(&c, d->hyst_pos, &f->hyst_pos) ||
                    ik_sdr_hysteresis_to_raw(&c, d->hyst_neg, &f->hyst_neg))
                    return IK_E_RANGE;
            }
        } else {
            f->s.units.format = IK_SDR_FMT_NONE;
            f->m = 1;
        }
        id = &f->id;
        break;
    }
    case IK_MREC_COMPACT:
        fill_common(d, &r.u.compact.s, 0);
        r.u.compact.s.units.format = IK_SDR_FMT_NONE;
        r.u.compact.share.count = 1;
        id = &r.u.compact.id;
        break;
    case IK_MREC_EVENT_ONLY: {
        struct ik_sdr_event_only *e = &r.u.event_only;
        e->owner_id = BMC_ADDR;
        e->number = d->number;
        e->entity_id = d->entity_id;
        e->entity_instance = d->entity_instance & 0x7F;
        e->sensor_type = d->sensor_type;
        e->event_type = d->event_type;
        e->share.count = 1;
        id = &e->id;
        break;
    }
    default:
        return IK_E_INVAL;
    }
    if ((rc = ik_sdr_id_set(id, IK_SDR_ID_LATIN1, d->name)) != 0)
        return rc;
    *out = r;
    return 0;
}

/* ---- live sensors ------------------------------------------------------------------------ */

struct ik_sensor *ik_sensor_get(struct ik_bmc *bmc, uint8_t number)
{
    int16_t i = bmc->sensors.by_number[number];
    return i < 0 ? NULL : &bmc->sensors.s[i];
}

void ik_sensor_event(struct ik_bmc *bmc, struct ik_sensor *s, int deassert, uint8_t ed1,
                     uint8_t ed2, uint8_t ed3)
{
    struct ik_bmc_sensors *ss = &bmc->sensors;
    if (!s->events_enabled)
        return;
    if (ss->receiver_addr != BMC_ADDR) {
        if (ss->receiver_addr != 0xFF)
            ik_bmc_log(bmc, "event=sensor_event_undelivered sensor=%u receiver=0x%02x",
                       s->d->number, ss->receiver_addr);
        return;
    }
    uint8_t data[3] = {ed1, ed2, ed3};
    ik_sel_log_event(bmc, IK_BMC_GEN_ID, IK_EVM_REV, s->d->sensor_type, s->d->number,
                     (uint8_t)((deassert ? 0x80 : 0) | (s->d->event_type & 0x7F)), data, NULL);
}

/* One threshold event bit changing to `on` (offset = 2t + high). */
static void thr_bit(struct ik_bmc *bmc, struct ik_sensor *s, int t, int high, int on, int events)
{
    uint16_t bit = (uint16_t)(1u << (2 * t + high));
    int was = (s->states & bit) != 0;
    if (was == on)
        return;
    if (!on && !s->d->auto_rearm)
        return; /* latched until Re-arm Sensor Events */
    if (on) {
        s->states |= bit;
        s->deasserted &= (uint16_t)~bit;
    } else {
        s->states &= (uint16_t)~bit;
        s->deasserted |= bit;
    }
    if (!events)
        return;
    if (on ? (s->assert_en & bit) : (s->deassert_en & bit))
        ik_sensor_event(bmc, s, !on, (uint8_t)(0x50 | (2 * t + high)), s->raw, s->thr[t]);
}

void ik_sensor_eval_thresholds(struct ik_bmc *bmc, struct ik_sensor *s, int events)
{
    double v = ik_sdr_to_real(&s->conv, s->raw);
    double hp = ik_sdr_hysteresis_to_real(&s->conv, s->hyst_pos);
    double hn = ik_sdr_hysteresis_to_real(&s->conv, s->hyst_neg);
    if (!isfinite(v))
        return;
    for (int t = 0; t < 6; t++) {
        uint8_t bit = (uint8_t)(1u << t);
        if (!(s->d->thr_readable & bit))
            continue;
        double th = ik_sdr_to_real(&s->conv, s->thr[t]);
        int upper = t >= 3;
        int was = (s->exceeded & bit) != 0, ex = was;
        if (upper) {
            if (v >= th)
                ex = 1;
            else if (v < th - hp)
                ex = 0;
        } else {
            if (v <= th)
                ex = 1;
            else if (v > th + hn)
                ex = 0;
        }
        if (ex)
            s->exceeded |= bit;
        else
            s->exceeded &= (uint8_t)~bit;
        /* The main event (lower: going low, upper: going high) follows the exceeded
         * state; the opposite one asserts on the way back and deasserts on the way out. */
        thr_bit(bmc, s, t, upper, ex, events);
        if (ex != was)
            thr_bit(bmc, s, t, !upper, !ex, events);
    }
}

void ik_sensor_set_states(struct ik_bmc *bmc, struct ik_sensor *s, uint16_t states, int events,
                          const uint8_t *ed, int ed_op)
{
    states &= 0x7FFF;
    uint16_t changed = (uint16_t)(s->states ^ states);
    for (int i = 0; i < 15; i++) {
        uint16_t bit = (uint16_t)(1u << i);
        if (!(changed & bit))
            continue;
        int on = (states & bit) != 0;
        if (!on && !s->d->auto_rearm && (s->assert_en & bit))
            continue; /* an asserted event stays until re-armed */
        if (on) {
            s->states |= bit;
            s->deasserted &= (uint16_t)~bit;
        } else {
            s->states &= (uint16_t)~bit;
            s->deasserted |= bit;
        }
        if (!events || !(on ? (s->assert_en & bit) : (s->deassert_en & bit)))
            continue;
        uint8_t d1 = (uint8_t)i, d2 = 0xFF, d3 = 0xFF;
        if (ed && ed_op == 1) {
            d1 = ed[0];
            d2 = ed[1];
            d3 = ed[2];
        } else if (ed && ed_op == 2) {
            d1 = (uint8_t)((ed[0] & 0xF0) | i);
            d2 = ed[1];
            d3 = ed[2];
        }
        ik_sensor_event(bmc, s, !on, d1, d2, d3);
    }
}

void ik_sensor_rearm(struct ik_bmc *bmc, struct ik_sensor *s, uint16_t assert_sel,
                     uint16_t deassert_sel)
{
    s->deasserted &= (uint16_t)~deassert_sel;
    if (s->threshold) {
        /* forget the selected events; their thresholds are evaluated from scratch */
        s->states &= (uint16_t)~assert_sel;
        for (int t = 0; t < 6; t++)
            if (assert_sel & (3u << (2 * t)))
                s->exceeded &= (uint8_t) ~(1u << t);
        if (!s->unavailable)
            ik_sensor_eval_thresholds(bmc, s, 1);
    } else {
        uint16_t keep = s->states;
        s->states &= (uint16_t)~assert_sel;
        if (!s->unavailable)
            ik_sensor_set_states(bmc, s, keep, 1, NULL, 0);
    }
}

int ik_sensor_save(struct ik_bmc *bmc, const struct ik_sensor *s)
{
    uint8_t buf[16];
    char key[16];
    struct ik_wr w;
    ik_wr_init(&w, buf, sizeof(buf));
    ik_wr_u8(&w, SAVE_VERSION);
    ik_wr_bytes(&w, s->thr, 6);
    ik_wr_u8(&w, s->hyst_pos);
    ik_wr_u8(&w, s->hyst_neg);
    snprintf(key, sizeof(key), "sensor/%u", s->d->number);
    return ik_plat_kv_put(bmc, key, buf, w.off);
}

/* The chassis state this sensor sees, and its model clock. */
static void read_model(struct ik_bmc *bmc, struct ik_sensor *s, int events)
{
    const struct ik_msensor *d = s->d;
    int on = ik_chassis_powered(bmc);
    if (!s->scanning_enabled || s->pinned)
        return;
    if (d->off == IK_OFF_UNAVAILABLE && !on) {
        s->unavailable = 1;
        return;
    }
    int was_unavailable = s->unavailable;
    s->unavailable = 0;
    ik_time_us origin = d->off != IK_OFF_SAME ? ik_chassis_on_since(bmc) : bmc->sensors.started;
    double t = bmc->now > origin ? (double)(bmc->now - origin) / IK_US_PER_S : 0;
    int use_off = d->off == IK_OFF_VALUE && !on;
    if (s->threshold) {
        double v = use_off ? d->off_value : ik_mvalue_at(&d->model, t, d->number);
        s->raw = ik_sensor_to_raw(&s->conv, v);
        ik_sensor_eval_thresholds(bmc, s, events);
    } else {
        double v = use_off ? d->off_states : ik_mvalue_at(&d->model, t, d->number);
        uint16_t m = (uint16_t)((v > 0 && v < 65536 ? (uint32_t)v : 0) & 0x7FFF);
        /* Edge-triggered: states the engine set (watchdog, SEL) stay until the model
         * moves, and a sensor coming back from "unavailable" takes the model's state. */
        if ((int32_t)m != s->model_last || was_unavailable) {
            s->model_last = m;
            ik_sensor_set_states(bmc, s, m, events, NULL, 0);
        }
    }
}

static void scan_all(struct ik_bmc *bmc, int events)
{
    for (size_t i = 0; i < bmc->sensors.n; i++)
        if (bmc->sensors.s[i].d->record != IK_MREC_EVENT_ONLY)
            read_model(bmc, &bmc->sensors.s[i], events);
}

void ik_sensors_catch_up(struct ik_bmc *bmc)
{
    struct ik_bmc_sensors *ss = &bmc->sensors;
    if (!ss->n || bmc->now < ss->next_scan)
        return;
    /* One scan at the present time, however long since the last: a model is a function of
     * time, so skipped scans would only have logged the crossings in between sooner. */
    ss->next_scan += IK_SENSOR_SCAN_US * ((bmc->now - ss->next_scan) / IK_SENSOR_SCAN_US + 1);
    scan_all(bmc, 1);
}

void ik_sensors_power_changed(struct ik_bmc *bmc)
{
    if (bmc->sensors.n)
        scan_all(bmc, 1);
}

int ik_sensors_state_asserted(struct ik_bmc *bmc, uint8_t sensor_type, uint8_t offset)
{
    for (size_t i = 0; i < bmc->sensors.n; i++) {
        struct ik_sensor *s = &bmc->sensors.s[i];
        if (s->d->sensor_type == sensor_type && !s->threshold && !s->unavailable &&
            (s->states & (1u << offset)))
            return 1;
    }
    return 0;
}

int ik_sensors_critical(struct ik_bmc *bmc, uint8_t sensor_type)
{
    for (size_t i = 0; i < bmc->sensors.n; i++) {
        struct ik_sensor *s = &bmc->sensors.s[i];
        /* LCR, LNR, UCR, UNR */
        if (s->d->sensor_type == sensor_type && s->threshold && !s->unavailable &&
            (s->exceeded & 0x36))
            return 1;
    }
    return 0;
}

void ik_sensors_note_state(struct ik_bmc *bmc, uint8_t number, uint8_t offset)
{
    struct ik_sensor *s = ik_sensor_get(bmc, number);
    if (s && !s->threshold && offset < 15)
        s->states = (uint16_t)(1u << offset);
}

int ik_sensors_find_type(struct ik_bmc *bmc, uint8_t sensor_type)
{
    for (size_t i = 0; i < bmc->sensors.n; i++)
        if (bmc->sensors.s[i].d->sensor_type == sensor_type)
            return bmc->sensors.s[i].d->number;
    return -1;
}

/* ---- module ------------------------------------------------------------------------------ */

void ik_sensors_fini(struct ik_bmc *bmc)
{
    free(bmc->sensors.s);
    bmc->sensors.s = NULL;
    bmc->sensors.n = 0;
}

int ik_sensors_init(struct ik_bmc *bmc)
{
    struct ik_bmc_sensors *ss = &bmc->sensors;
    const struct ik_machine_platform *p = ik_plat(bmc);
    memset(ss, 0, sizeof(*ss));
    for (int i = 0; i < 256; i++)
        ss->by_number[i] = -1;
    ss->receiver_addr = BMC_ADDR;
    if (!p->nsensors)
        return 0;
    if (p->nsensors > IK_MACHINE_SENSORS_MAX)
        return IK_E_LIMIT;
    ss->s = calloc(p->nsensors, sizeof(*ss->s));
    if (!ss->s)
        return IK_E_NOMEM;
    for (size_t i = 0; i < p->nsensors; i++) {
        const struct ik_msensor *d = &p->sensors[i];
        struct ik_sensor *s = &ss->s[i];
        if (d->number == 0xFF || ss->by_number[d->number] >= 0) {
            ik_bmc_log(bmc, "event=sensor_rejected sensor=%u reason=number", d->number);
            ik_sensors_fini(bmc);
            return IK_E_EXISTS;
        }
        s->d = d;
        s->threshold = d->event_type == 0x01;
        s->assert_en = d->assert_mask & 0x7FFF;
        s->deassert_en = d->deassert_mask & 0x7FFF;
        s->events_enabled = d->events_enabled;
        s->scanning_enabled = d->scanning_enabled;
        s->model_last = -1;
        if (s->threshold) {
            int rc = ik_sensor_conv(d, &s->conv);
            if (rc == 0 &&
                (d->hyst_access && (ik_sdr_hysteresis_to_raw(&s->conv, d->hyst_pos, &s->hyst_pos) ||
                                    ik_sdr_hysteresis_to_raw(&s->conv, d->hyst_neg, &s->hyst_neg))))
                rc = IK_E_RANGE;
            if (rc) {
                ik_bmc_log(bmc, "event=sensor_rejected sensor=%u reason=conversion", d->number);
                ik_sensors_fini(bmc);
                return rc;
            }
            for (int t = 0; t < 6; t++)
                if (d->thr_readable & (1 << t))
                    s->thr[t] = ik_sensor_to_raw(&s->conv, d->thr[t]);
        } else {
            s->states = d->initial_states & 0x7FFF;
        }
        ss->by_number[d->number] = (int16_t)i;
        ss->n++;
    }
    return 0;
}

int ik_sensors_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    char *end;
    unsigned long num = strtoul(key + 7, &end, 10);
    if (*end || end == key + 7 || num > 0xFE)
        return IK_E_CORRUPT;
    struct ik_sensor *s = ik_sensor_get(bmc, (uint8_t)num);
    if (!s || !s->threshold)
        return IK_E_NOTFOUND; /* no longer described */
    struct ik_rd r;
    uint8_t thr[6];
    ik_rd_init(&r, val, len);
    uint8_t ver = ik_rd_u8(&r);
    ik_rd_bytes(&r, thr, 6);
    uint8_t hp = ik_rd_u8(&r), hn = ik_rd_u8(&r);
    if (ik_rd_end(&r) || ver != SAVE_VERSION)
        return IK_E_CORRUPT;
    memcpy(s->thr, thr, 6);
    s->hyst_pos = hp;
    s->hyst_neg = hn;
    return 0;
}

int ik_sensors_start(struct ik_bmc *bmc)
{
    struct ik_bmc_sensors *ss = &bmc->sensors;
    ss->started = bmc->now;
    ss->next_scan = bmc->now + IK_SENSOR_SCAN_US;
    scan_all(bmc, 0); /* silent: see sensors.h */
    return 0;
}

ik_time_us ik_sensors_tick(struct ik_bmc *bmc, ik_time_us now)
{
    (void)now;
    ik_sensors_catch_up(bmc);
    return bmc->sensors.n ? bmc->sensors.next_scan : 0;
}
