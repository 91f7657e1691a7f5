/*
 * Machine description, platform sections: sensors, fru, sel, power, chassis, watchdog and
 * satellites (docs/machine.md describes every key). Everything a section says is checked
 * here, with the file:line:column of the offending node: a conversion that cannot cover
 * the range, thresholds out of order or outside the range, a name longer than an SDR ID
 * string, duplicate sensor numbers, FRU text that does not fit its field, ...; so the
 * engine is only ever built from a description it can honour.
 */
#include "desc_platform.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "ipmikit/fru.h"
#include "ipmikit/names.h"
#include "ipmikit/sdr.h"
#include "ipmikit/sel.h"
#include "sensors.h"

#define FAIL IK_E_SYNTAX

/* Field paths for messages ("machine.sensors[3].thresholds.unc"); a path too long for
 * the buffer is cut (the position in the file still says where). */
static void jp(char *buf, size_t cap, const char *path, const char *key)
{
    if (snprintf(buf, cap, "%s.%s", path, key) >= (int)cap)
        buf[cap - 1] = '\0';
}

static void ji(char *buf, size_t cap, const char *path, size_t i)
{
    if (snprintf(buf, cap, "%s[%zu]", path, i) >= (int)cap)
        buf[cap - 1] = '\0';
}

/* Names compare on their letters and digits only, ignoring case: "Drive Slot / Bay",
 * "drive-slot-bay" and "DriveSlotBay" are one name. */
static int name_eq(const char *a, const char *b)
{
    for (;;) {
        while (*a && !isalnum((unsigned char)*a))
            a++;
        while (*b && !isalnum((unsigned char)*b))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
        a++;
        b++;
    }
}

/* A code given as a number, or as a name from a table (names.h). */
static int code(struct ik_desc *d, yaml_node_t *n, const char *field, const char *(*name)(uint8_t),
                long lo, long hi, uint8_t *out)
{
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return FAIL;
    char *end;
    long v = strtol(s, &end, 0);
    if (*s && !*end)
        return ik_desc_int(d, n, field, lo, hi, &v) ? FAIL : (*out = (uint8_t)v, 0);
    for (long i = lo; name && i <= hi; i++) {
        const char *t = name((uint8_t)i);
        if (t && name_eq(t, s)) {
            *out = (uint8_t)i;
            return 0;
        }
    }
    return ik_desc_fail(d, n, field, "unknown name '%s' (a number %ld..%ld, or a name%s)", s, lo,
                        hi, name ? " as ipmitool prints it" : "");
}

static int opt_code(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    const char *(*name)(uint8_t), long lo, long hi, uint8_t *out)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    if (!n)
        return 0;
    jp(f, sizeof(f), path, key);
    return code(d, n, f, name, lo, hi, out);
}

/* A number or a list of numbers as a double pair (hysteresis: one value for both). */
static int num_pair(struct ik_desc *d, yaml_node_t *n, const char *field, double *a, double *b)
{
    char f[256];
    if (n->type == YAML_SEQUENCE_NODE) {
        if (ik_desc_seq_len(n) != 2)
            return ik_desc_fail(d, n, field, "expected [first, second]");
        ji(f, sizeof(f), field, 0);
        if (ik_desc_double(d, ik_desc_seq_at(d, n, 0), f, -1e12, 1e12, a))
            return FAIL;
        ji(f, sizeof(f), field, 1);
        return ik_desc_double(d, ik_desc_seq_at(d, n, 1), f, -1e12, 1e12, b) ? FAIL : 0;
    }
    if (ik_desc_double(d, n, field, -1e12, 1e12, a))
        return FAIL;
    *b = *a;
    return 0;
}

/* A list of state offsets 0..14 as a mask; a plain integer is taken as the mask itself. */
static int state_mask(struct ik_desc *d, yaml_node_t *n, const char *field, uint16_t *out)
{
    char f[256];
    long v;
    if (n->type == YAML_SCALAR_NODE) {
        if (ik_desc_int(d, n, field, 0, 0x7FFF, &v))
            return FAIL;
        *out = (uint16_t)v;
        return 0;
    }
    if (!ik_desc_is_seq(d, n, field))
        return FAIL;
    uint16_t m = 0;
    for (size_t i = 0; i < ik_desc_seq_len(n); i++) {
        ji(f, sizeof(f), field, i);
        if (ik_desc_int(d, ik_desc_seq_at(d, n, i), f, 0, 14, &v))
            return FAIL;
        m |= (uint16_t)(1u << v);
    }
    *out = m;
    return 0;
}

/* ---- sensors ------------------------------------------------------------------------- */

static const char *const thr_names[6] = {"lnc", "lcr", "lnr", "unc", "ucr", "unr"};

/* Threshold events: "unc+" (going high), "lnc-" (going low), or the bit number 0..11. */
static int thr_events(struct ik_desc *d, yaml_node_t *n, const char *field, uint16_t *out)
{
    char f[256];
    if (!ik_desc_is_seq(d, n, field))
        return FAIL;
    uint16_t m = 0;
    for (size_t i = 0; i < ik_desc_seq_len(n); i++) {
        yaml_node_t *e = ik_desc_seq_at(d, n, i);
        ji(f, sizeof(f), field, i);
        const char *s = ik_desc_scalar(d, e, f);
        if (!s)
            return FAIL;
        int bit = -1;
        for (int t = 0; t < 6; t++) {
            size_t l = strlen(thr_names[t]);
            if (strncasecmp(s, thr_names[t], l) == 0 && (s[l] == '+' || s[l] == '-') && !s[l + 1])
                bit = 2 * t + (s[l] == '+');
        }
        if (bit < 0) {
            long v;
            char *end;
            v = strtol(s, &end, 0);
            if (*s && !*end && v >= 0 && v <= 11)
                bit = (int)v;
        }
        if (bit < 0)
            return ik_desc_fail(d, e, f,
                                "expected a threshold event such as unc+ (going high) or lnc- "
                                "(going low), or 0..11, got '%s'",
                                s);
        m |= (uint16_t)(1u << bit);
    }
    *out = m;
    return 0;
}

static int parse_value_model(struct ik_desc *d, yaml_node_t *n, const char *path, int discrete,
                             struct ik_mvalue *mv)
{
    static const char *const keys[] = {"kind", "value", "from",  "to",     "amplitude", "period",
                                       "mode", "phase", "steps", "repeat", NULL};
    static const char *const kinds[] = {"constant", "noise", "ramp", "sine", "steps"};
    static const char *const modes[] = {"hold", "repeat", "bounce"};
    char f[256];
    int k = IK_MV_CONSTANT, mode = IK_RAMP_HOLD;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    yaml_node_t *kn = ik_desc_get(d, n, "kind");
    jp(f, sizeof(f), path, "kind");
    if (!kn)
        return ik_desc_fail(d, n, f, "missing (constant, noise, ramp, sine or steps)");
    if (ik_desc_enum(d, kn, f, kinds, 5, &k))
        return FAIL;
    if (discrete && k != IK_MV_CONSTANT && k != IK_MV_STEPS)
        return ik_desc_fail(d, kn, f, "a discrete sensor's model is constant or steps");
    mv->kind = (uint8_t)k;
    yaml_node_t *vn = ik_desc_get(d, n, "value");
    if (!vn)
        vn = ik_desc_get(d, n, "from");
    if (vn) {
        jp(f, sizeof(f), path, ik_desc_get(d, n, "value") ? "value" : "from");
        if (discrete) {
            uint16_t sm;
            if (state_mask(d, vn, f, &sm))
                return FAIL;
            mv->value = sm;
        } else if (ik_desc_double(d, vn, f, -1e12, 1e12, &mv->value)) {
            return FAIL;
        }
    }
    if (ik_desc_opt_double(d, n, "to", path, -1e12, 1e12, &mv->to) ||
        ik_desc_opt_double(d, n, "amplitude", path, 0, 1e12, &mv->amplitude) ||
        ik_desc_opt_double(d, n, "period", path, 0.001, 1e9, &mv->period_s) ||
        ik_desc_opt_double(d, n, "phase", path, -360, 360, &mv->phase_deg) ||
        ik_desc_opt_double(d, n, "repeat", path, 0, 1e9, &mv->period_s))
        return FAIL;
    yaml_node_t *mn = ik_desc_get(d, n, "mode");
    if (mn) {
        jp(f, sizeof(f), path, "mode");
        if (ik_desc_enum(d, mn, f, modes, 3, &mode))
            return FAIL;
    }
    mv->ramp_mode = (uint8_t)mode;
    if ((k == IK_MV_RAMP || k == IK_MV_SINE) && !ik_desc_get(d, n, "period")) {
        jp(f, sizeof(f), path, "period");
        return ik_desc_fail(d, n, f, "missing (seconds)");
    }
    if (k == IK_MV_RAMP && !ik_desc_get(d, n, "to")) {
        jp(f, sizeof(f), path, "to");
        return ik_desc_fail(d, n, f, "missing (where the ramp ends)");
    }
    yaml_node_t *sn = ik_desc_get(d, n, "steps");
    if (k == IK_MV_STEPS) {
        jp(f, sizeof(f), path, "steps");
        if (!sn)
            return ik_desc_fail(d, n, f, "missing ([[seconds, value], ...])");
        if (!ik_desc_is_seq(d, sn, f))
            return FAIL;
        size_t cnt = ik_desc_seq_len(sn);
        if (cnt == 0 || cnt > IK_MACHINE_STEPS_MAX)
            return ik_desc_fail(d, sn, f, "expected 1..%d steps", IK_MACHINE_STEPS_MAX);
        mv->steps = calloc(cnt, sizeof(*mv->steps));
        if (!mv->steps)
            return ik_desc_fail(d, sn, f, "out of memory");
        for (size_t i = 0; i < cnt; i++) {
            yaml_node_t *e = ik_desc_seq_at(d, sn, i);
            char g[256], h[256];
            ji(g, sizeof(g), f, i);
            if (!ik_desc_is_seq(d, e, g))
                return FAIL;
            if (ik_desc_seq_len(e) != 2)
                return ik_desc_fail(d, e, g, "expected [seconds, value]");
            ji(h, sizeof(h), g, 0);
            if (ik_desc_double(d, ik_desc_seq_at(d, e, 0), h, 0, 1e9, &mv->steps[i].at_s))
                return FAIL;
            if (i && mv->steps[i].at_s < mv->steps[i - 1].at_s)
                return ik_desc_fail(d, e, g, "steps must be in time order");
            ji(h, sizeof(h), g, 1);
            if (discrete) {
                uint16_t sm;
                if (state_mask(d, ik_desc_seq_at(d, e, 1), h, &sm))
                    return FAIL;
                mv->steps[i].value = sm;
            } else if (ik_desc_double(d, ik_desc_seq_at(d, e, 1), h, -1e12, 1e12,
                                      &mv->steps[i].value)) {
                return FAIL;
            }
            mv->nsteps = (uint16_t)(i + 1);
        }
    } else if (sn) {
        jp(f, sizeof(f), path, "steps");
        return ik_desc_fail(d, sn, f, "only a steps model has steps");
    }
    return 0;
}

/* Check what the engine will need: the conversion, every threshold and hysteresis in
 * range and in order. */
static int check_threshold_sensor(struct ik_desc *d, yaml_node_t *n, const char *path,
                                  struct ik_msensor *s)
{
    char f[256];
    struct ik_sdr_conv c;
    int rc = ik_sensor_conv(s, &c);
    if (rc) {
        yaml_node_t *where = ik_desc_get(d, n, "resolution");
        if (s->conv_given)
            where = ik_desc_get(d, n, "m") ? ik_desc_get(d, n, "m") : n;
        else if (!where)
            where = n;
        jp(f, sizeof(f), path, s->conv_given ? "m" : "resolution");
        if (s->conv_given)
            return ik_desc_fail(d, where, f, "conversion factors out of range (%s)",
                                ik_errname(rc));
        return ik_desc_fail(d, where, f,
                            "cannot cover %g..%g in steps of %g with 256 raw values (%s)", s->min,
                            s->max, s->resolution, ik_errname(rc));
    }
    yaml_node_t *tn = ik_desc_get(d, n, "thresholds");
    double prev = -INFINITY;
    const char *prev_name = NULL;
    static const int order[6] = {IK_SDR_LNR, IK_SDR_LCR, IK_SDR_LNC,
                                 IK_SDR_UNC, IK_SDR_UCR, IK_SDR_UNR};
    for (int i = 0; i < 6; i++) {
        int t = order[i];
        if (!(s->thr_readable & (1 << t)))
            continue;
        yaml_node_t *vn = ik_desc_get(d, tn, thr_names[t]);
        char g[256];
        jp(g, sizeof(g), path, "thresholds");
        jp(f, sizeof(f), g, thr_names[t]);
        uint8_t raw;
        if (ik_sdr_value_to_raw(&c, s->thr[t], &raw))
            return ik_desc_fail(d, vn, f, "%g cannot be expressed by this sensor's conversion",
                                s->thr[t]);
        if (s->min < s->max && (s->thr[t] < s->min || s->thr[t] > s->max))
            return ik_desc_fail(d, vn, f, "%g is outside the sensor's range %g..%g", s->thr[t],
                                s->min, s->max);
        if (s->thr[t] < prev)
            return ik_desc_fail(d, vn, f,
                                "%g is below %s (%g): thresholds must rise from lnr "
                                "to unr",
                                s->thr[t], prev_name, prev);
        prev = s->thr[t];
        prev_name = thr_names[t];
    }
    uint8_t raw;
    if (s->hyst_access && (ik_sdr_hysteresis_to_raw(&c, s->hyst_pos, &raw) ||
                           ik_sdr_hysteresis_to_raw(&c, s->hyst_neg, &raw))) {
        yaml_node_t *hn = ik_desc_get(d, n, "hysteresis");
        jp(f, sizeof(f), path, "hysteresis");
        return ik_desc_fail(d, hn ? hn : n, f, "more than 255 steps of this sensor");
    }
    return 0;
}

static int parse_sensor(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_msensor *s)
{
    static const char *const keys[] = {"name",
                                       "number",
                                       "type",
                                       "event_type",
                                       "entity",
                                       "instance",
                                       "record",
                                       "unit",
                                       "modifier_unit",
                                       "modifier",
                                       "rate",
                                       "percentage",
                                       "range",
                                       "resolution",
                                       "m",
                                       "b",
                                       "b_exp",
                                       "r_exp",
                                       "format",
                                       "linearization",
                                       "thresholds",
                                       "settable_thresholds",
                                       "hysteresis",
                                       "hysteresis_access",
                                       "assert",
                                       "deassert",
                                       "states",
                                       "initial",
                                       "nominal",
                                       "normal",
                                       "when_off",
                                       "value",
                                       "model",
                                       "auto_rearm",
                                       "events_enabled",
                                       "scanning",
                                       "settable",
                                       NULL};
    static const char *const records[] = {NULL, "full", "compact", "event-only"};
    static const char *const mods[] = {"none", "divide", "multiply"};
    static const char *const rates[] = {"none", "us", "ms", "s", "minute", "hour", "day"};
    static const char *const formats[] = {"unsigned", "ones-complement", "twos-complement"};
    static const char *const accesses[] = {"none", "readable", "settable", "fixed"};
    char f[256];
    long v;
    int b;
    yaml_node_t *x;

    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    /* name, number, type: required */
    jp(f, sizeof(f), path, "name");
    if (!(x = ik_desc_get(d, n, "name")))
        return ik_desc_fail(d, n, f, "missing (up to %d characters)", IK_MACHINE_NAME_MAX);
    if (ik_desc_str(d, x, f, s->name, sizeof(s->name)))
        return FAIL;
    if (!s->name[0])
        return ik_desc_fail(d, x, f, "empty");
    jp(f, sizeof(f), path, "number");
    if (!(x = ik_desc_get(d, n, "number")))
        return ik_desc_fail(d, n, f, "missing (0..254)");
    if (ik_desc_int(d, x, f, 0, 254, &v))
        return FAIL;
    s->number = (uint8_t)v;
    jp(f, sizeof(f), path, "type");
    if (!(x = ik_desc_get(d, n, "type")))
        return ik_desc_fail(d, n, f, "missing (sensor type: a number or a name)");
    if (code(d, x, f, ik_sensor_type_name, 0, 0xFF, &s->sensor_type))
        return FAIL;

    /* event/reading type: threshold when the sensor has anything analog, else specific */
    int analog = ik_desc_get(d, n, "thresholds") || ik_desc_get(d, n, "range") ||
                 ik_desc_get(d, n, "m") || ik_desc_get(d, n, "unit");
    s->event_type = analog ? 0x01 : 0x6F;
    if ((x = ik_desc_get(d, n, "event_type"))) {
        jp(f, sizeof(f), path, "event_type");
        const char *t = ik_desc_scalar(d, x, f);
        if (t && (strcasecmp(t, "threshold") == 0))
            s->event_type = 0x01;
        else if (t && (strcasecmp(t, "specific") == 0 || strcasecmp(t, "sensor-specific") == 0))
            s->event_type = 0x6F;
        else if (ik_desc_int(d, x, f, 0x01, 0x7F, &v))
            return FAIL;
        else if (!(v <= 0x0C || v == 0x6F || v >= 0x70))
            return ik_desc_fail(d, x, f, "0x%02lX is a reserved event/reading type", v);
        else
            s->event_type = (uint8_t)v;
    }
    int thr = s->event_type == 0x01;
    s->entity_id = 0x07;
    s->entity_instance = 1;
    if (opt_code(d, n, "entity", path, ik_entity_name, 0, 0xFF, &s->entity_id))
        return FAIL;
    v = 1;
    if (ik_desc_opt_int(d, n, "instance", path, 0, 127, &v))
        return FAIL;
    s->entity_instance = (uint8_t)v;
    int rec = thr ? IK_MREC_FULL : IK_MREC_COMPACT;
    if ((x = ik_desc_get(d, n, "record"))) {
        jp(f, sizeof(f), path, "record");
        if (ik_desc_enum(d, x, f, records, 4, &rec))
            return FAIL;
        if (thr && rec != IK_MREC_FULL)
            return ik_desc_fail(d, x, f, "a threshold sensor needs a full record");
    }
    s->record = (uint8_t)rec;

    /* units */
    if (opt_code(d, n, "unit", path, ik_unit_name, 0, 0xFF, &s->unit) ||
        opt_code(d, n, "modifier_unit", path, ik_unit_name, 0, 0xFF, &s->unit_mod))
        return FAIL;
    int e = 0;
    if ((x = ik_desc_get(d, n, "modifier"))) {
        jp(f, sizeof(f), path, "modifier");
        if (ik_desc_enum(d, x, f, mods, 3, &e))
            return FAIL;
        s->mod_use = (uint8_t)e;
    }
    if ((x = ik_desc_get(d, n, "rate"))) {
        jp(f, sizeof(f), path, "rate");
        if (ik_desc_enum(d, x, f, rates, 7, &e))
            return FAIL;
        s->rate = (uint8_t)e;
    }
    b = 0;
    if (ik_desc_opt_bool(d, n, "percentage", path, &b))
        return FAIL;
    s->percentage = (uint8_t)b;

    /* conversion */
    if ((x = ik_desc_get(d, n, "range"))) {
        jp(f, sizeof(f), path, "range");
        if (x->type != YAML_SEQUENCE_NODE)
            return ik_desc_fail(d, x, f, "expected [min, max]");
        if (num_pair(d, x, f, &s->min, &s->max))
            return FAIL;
        if (!(s->min < s->max))
            return ik_desc_fail(d, x, f, "min must be below max");
    }
    if (ik_desc_opt_double(d, n, "resolution", path, 1e-12, 1e12, &s->resolution))
        return FAIL;
    if (ik_desc_get(d, n, "m") || ik_desc_get(d, n, "b") || ik_desc_get(d, n, "b_exp") ||
        ik_desc_get(d, n, "r_exp") || ik_desc_get(d, n, "format") ||
        ik_desc_get(d, n, "linearization")) {
        s->conv_given = 1;
        long m = 1, bb = 0, k1 = 0, k2 = 0;
        if (ik_desc_opt_int(d, n, "m", path, -512, 511, &m) ||
            ik_desc_opt_int(d, n, "b", path, -512, 511, &bb) ||
            ik_desc_opt_int(d, n, "b_exp", path, -8, 7, &k1) ||
            ik_desc_opt_int(d, n, "r_exp", path, -8, 7, &k2))
            return FAIL;
        s->m = (int16_t)m;
        s->b = (int16_t)bb;
        s->k1 = (int8_t)k1;
        s->k2 = (int8_t)k2;
        if ((x = ik_desc_get(d, n, "format"))) {
            jp(f, sizeof(f), path, "format");
            if (ik_desc_enum(d, x, f, formats, 3, &e))
                return FAIL;
            s->format = (uint8_t)e;
        }
        if ((x = ik_desc_get(d, n, "linearization"))) {
            jp(f, sizeof(f), path, "linearization");
            if (code(d, x, f, ik_sdr_lin_name, 0, IK_SDR_LIN_CBRT, &s->lin))
                return FAIL;
        }
    } else if (thr && !(s->min < s->max && s->resolution > 0)) {
        jp(f, sizeof(f), path, "range");
        return ik_desc_fail(d, n, f,
                            "a threshold sensor needs range: [min, max] and resolution, or "
                            "m/b/b_exp/r_exp");
    }

    /* thresholds */
    if ((x = ik_desc_get(d, n, "thresholds"))) {
        jp(f, sizeof(f), path, "thresholds");
        if (!thr)
            return ik_desc_fail(d, x, f, "only a threshold sensor has thresholds");
        static const char *const tk[] = {"lnc", "lcr", "lnr", "unc", "ucr", "unr", NULL};
        if (!ik_desc_is_map(d, x, f) || ik_desc_check_keys(d, x, f, tk))
            return FAIL;
        for (int t = 0; t < 6; t++) {
            yaml_node_t *tn = ik_desc_get(d, x, thr_names[t]);
            if (!tn)
                continue;
            char g[256];
            jp(g, sizeof(g), f, thr_names[t]);
            if (ik_desc_double(d, tn, g, -1e12, 1e12, &s->thr[t]))
                return FAIL;
            s->thr_readable |= (uint8_t)(1u << t);
        }
    }
    s->thr_settable = s->thr_readable;
    if ((x = ik_desc_get(d, n, "settable_thresholds"))) {
        jp(f, sizeof(f), path, "settable_thresholds");
        const char *t = x->type == YAML_SCALAR_NODE ? ik_desc_scalar(d, x, f) : NULL;
        if (t && strcasecmp(t, "none") == 0)
            s->thr_settable = 0;
        else if (!(t && strcasecmp(t, "all") == 0)) {
            if (!ik_desc_is_seq(d, x, f))
                return FAIL;
            s->thr_settable = 0;
            for (size_t i = 0; i < ik_desc_seq_len(x); i++) {
                char g[256];
                int k;
                ji(g, sizeof(g), f, i);
                if (ik_desc_enum(d, ik_desc_seq_at(d, x, i), g, thr_names, 6, &k))
                    return FAIL;
                if (!(s->thr_readable & (1u << k)))
                    return ik_desc_fail(d, ik_desc_seq_at(d, x, i), g,
                                        "%s is settable but has no value in thresholds",
                                        thr_names[k]);
                s->thr_settable |= (uint8_t)(1u << k);
            }
        }
    }

    /* hysteresis */
    s->hyst_access = thr ? 2 : 0;
    if ((x = ik_desc_get(d, n, "hysteresis"))) {
        jp(f, sizeof(f), path, "hysteresis");
        if (!thr)
            return ik_desc_fail(d, x, f, "only a threshold sensor has hysteresis");
        if (num_pair(d, x, f, &s->hyst_pos, &s->hyst_neg))
            return FAIL;
        if (s->hyst_pos < 0 || s->hyst_neg < 0)
            return ik_desc_fail(d, x, f, "hysteresis cannot be negative");
    }
    if ((x = ik_desc_get(d, n, "hysteresis_access"))) {
        jp(f, sizeof(f), path, "hysteresis_access");
        if (ik_desc_enum(d, x, f, accesses, 4, &e))
            return FAIL;
        s->hyst_access = (uint8_t)e;
    }

    /* discrete states */
    if (!thr) {
        s->states_mask = 0;
        for (uint8_t o = 0; o < 15; o++)
            if (ik_sel_offset_name(s->event_type, s->sensor_type, o))
                s->states_mask |= (uint16_t)(1u << o);
        if ((x = ik_desc_get(d, n, "states"))) {
            jp(f, sizeof(f), path, "states");
            if (state_mask(d, x, f, &s->states_mask))
                return FAIL;
        }
        if ((x = ik_desc_get(d, n, "initial"))) {
            jp(f, sizeof(f), path, "initial");
            if (state_mask(d, x, f, &s->initial_states))
                return FAIL;
        }
    } else if ((x = ik_desc_get(d, n, "states")) || (x = ik_desc_get(d, n, "initial"))) {
        return ik_desc_fail(d, x, path, "only a discrete sensor has states");
    }

    /* events */
    if (thr) {
        uint16_t main = 0;
        for (int t = 0; t < 6; t++)
            if (s->thr_readable & (1u << t))
                main |= (uint16_t)(1u << (2 * t + (t >= 3)));
        s->assert_mask = s->deassert_mask = main;
    } else {
        s->assert_mask = s->deassert_mask = s->states_mask;
    }
    static const char *const evk[2] = {"assert", "deassert"};
    uint16_t *evm[2] = {&s->assert_mask, &s->deassert_mask};
    for (int i = 0; i < 2; i++) {
        if (!(x = ik_desc_get(d, n, evk[i])))
            continue;
        jp(f, sizeof(f), path, evk[i]);
        if (thr ? thr_events(d, x, f, evm[i]) : state_mask(d, x, f, evm[i]))
            return FAIL;
    }

    /* nominal, normal range */
    if ((x = ik_desc_get(d, n, "nominal"))) {
        jp(f, sizeof(f), path, "nominal");
        if (ik_desc_double(d, x, f, -1e12, 1e12, &s->nominal))
            return FAIL;
        s->has_nominal = 1;
    }
    if ((x = ik_desc_get(d, n, "normal"))) {
        jp(f, sizeof(f), path, "normal");
        if (x->type != YAML_SEQUENCE_NODE)
            return ik_desc_fail(d, x, f, "expected [min, max]");
        if (num_pair(d, x, f, &s->normal_min, &s->normal_max))
            return FAIL;
        s->has_normal_min = s->has_normal_max = 1;
    }
    if ((s->has_nominal || s->has_normal_min) && s->record != IK_MREC_FULL)
        return ik_desc_fail(d, x ? x : n, path, "nominal and normal need a full record");

    /* behaviour while the chassis is off */
    if ((x = ik_desc_get(d, n, "when_off"))) {
        jp(f, sizeof(f), path, "when_off");
        const char *t = x->type == YAML_SCALAR_NODE ? (const char *)x->data.scalar.value : NULL;
        if (t && strcasecmp(t, "unavailable") == 0)
            s->off = IK_OFF_UNAVAILABLE;
        else if (t && strcasecmp(t, "same") == 0)
            s->off = IK_OFF_SAME;
        else if (thr) {
            if (ik_desc_double(d, x, f, -1e12, 1e12, &s->off_value))
                return FAIL;
            s->off = IK_OFF_VALUE;
        } else {
            if (state_mask(d, x, f, &s->off_states))
                return FAIL;
            s->off = IK_OFF_VALUE;
        }
    }

    /* value model */
    s->model.kind = IK_MV_CONSTANT;
    if (thr) {
        if (s->has_nominal)
            s->model.value = s->nominal;
        else if ((s->thr_readable & 0x08) && (s->thr_readable & 0x01))
            s->model.value = (s->thr[IK_SDR_UNC] + s->thr[IK_SDR_LNC]) / 2;
        else if (s->thr_readable & 0x08)
            s->model.value = s->thr[IK_SDR_UNC] * 0.7;
        else
            s->model.value = s->min < s->max ? (s->min + s->max) / 2 : 0;
    } else {
        s->model.value = s->initial_states;
    }
    if ((x = ik_desc_get(d, n, "value"))) {
        jp(f, sizeof(f), path, "value");
        if (ik_desc_get(d, n, "model"))
            return ik_desc_fail(d, x, f, "give value or model, not both");
        if (thr) {
            if (ik_desc_double(d, x, f, -1e12, 1e12, &s->model.value))
                return FAIL;
        } else {
            uint16_t sm;
            if (state_mask(d, x, f, &sm))
                return FAIL;
            s->model.value = sm;
        }
    }
    if ((x = ik_desc_get(d, n, "model"))) {
        jp(f, sizeof(f), path, "model");
        if (parse_value_model(d, x, f, !thr, &s->model))
            return FAIL;
    }
    if (!thr && !ik_desc_get(d, n, "initial"))
        s->initial_states = (uint16_t)ik_mvalue_at(&s->model, 0, s->number);

    /* switches */
    int ar = 1, ev = 1, sc = 1, st = 1;
    if (ik_desc_opt_bool(d, n, "auto_rearm", path, &ar) ||
        ik_desc_opt_bool(d, n, "events_enabled", path, &ev) ||
        ik_desc_opt_bool(d, n, "scanning", path, &sc) ||
        ik_desc_opt_bool(d, n, "settable", path, &st))
        return FAIL;
    s->auto_rearm = (uint8_t)ar;
    s->events_enabled = (uint8_t)ev;
    s->scanning_enabled = (uint8_t)sc;
    s->settable = (uint8_t)st;

    if (thr)
        return check_threshold_sensor(d, n, path, s);
    return 0;
}

int ik_desc_sensors(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    struct ik_machine_platform *p = &m->platform;
    char f[256];
    if (!ik_desc_is_seq(d, n, path))
        return FAIL;
    size_t cnt = ik_desc_seq_len(n);
    if (cnt > IK_MACHINE_SENSORS_MAX)
        return ik_desc_fail(d, n, path, "%zu sensors; at most %d", cnt, IK_MACHINE_SENSORS_MAX);
    for (size_t i = 0; i < p->nsensors; i++)
        free(p->sensors[i].model.steps);
    free(p->sensors);
    p->sensors = NULL;
    p->nsensors = 0;
    if (!cnt)
        return 0;
    p->sensors = calloc(cnt, sizeof(*p->sensors));
    if (!p->sensors)
        return ik_desc_fail(d, n, path, "out of memory");
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *sn = ik_desc_seq_at(d, n, i);
        ji(f, sizeof(f), path, i);
        p->nsensors = i + 1;
        if (parse_sensor(d, sn, f, &p->sensors[i]))
            return FAIL;
        for (size_t j = 0; j < i; j++) {
            char g[256];
            jp(g, sizeof(g), f, "number");
            if (p->sensors[j].number == p->sensors[i].number)
                return ik_desc_fail(d, ik_desc_get(d, sn, "number"), g,
                                    "number 0x%02X is already sensors[%zu] (%s)",
                                    p->sensors[i].number, j, p->sensors[j].name);
            jp(g, sizeof(g), f, "name");
            if (strcmp(p->sensors[j].name, p->sensors[i].name) == 0)
                return ik_desc_fail(d, ik_desc_get(d, sn, "name"), g,
                                    "name '%s' is already sensors[%zu]", p->sensors[i].name, j);
        }
    }
    return 0;
}

/* ---- fru ------------------------------------------------------------------------------ */

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
static long days_from_civil(long y, long m, long dd)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Manufacturing date: minutes since 1996-01-01 00:00 UTC, or "YYYY-MM-DD[ HH:MM]". */
static int mfg_date(struct ik_desc *d, yaml_node_t *n, const char *field, uint32_t *out)
{
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return FAIL;
    long y, mo, dd, h = 0, mi = 0;
    char extra;
    int k = sscanf(s, "%ld-%ld-%ld %ld:%ld%c", &y, &mo, &dd, &h, &mi, &extra);
    if (k == 3 || k == 5) {
        if (y < 1996 || mo < 1 || mo > 12 || dd < 1 || dd > 31 || h < 0 || h > 23 || mi < 0 ||
            mi > 59)
            return ik_desc_fail(d, n, field, "'%s' is not a date from 1996 on", s);
        long mins = (days_from_civil(y, mo, dd) - days_from_civil(1996, 1, 1)) * 1440 + h * 60 + mi;
        if (mins > 0xFFFFFF)
            return ik_desc_fail(d, n, field, "'%s' is past what 3 bytes of minutes can hold", s);
        *out = (uint32_t)mins;
        return 0;
    }
    long v;
    if (ik_desc_int(d, n, field, 0, 0xFFFFFF, &v))
        return FAIL;
    *out = (uint32_t)v;
    return 0;
}

static int fru_text(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    struct ik_fru_field *fld)
{
    yaml_node_t *x = ik_desc_get(d, map, key);
    char f[256], buf[IK_FRU_TEXT_MAX];
    if (!x)
        return 0;
    jp(f, sizeof(f), path, key);
    if (ik_desc_str(d, x, f, buf, sizeof(buf)))
        return FAIL;
    if (ik_fru_field_set(fld, buf))
        return ik_desc_fail(d, x, f, "longer than %d bytes", IK_FRU_FIELD_MAX);
    return 0;
}

static int fru_custom(struct ik_desc *d, yaml_node_t *map, const char *path,
                      struct ik_fru_field *custom, uint8_t *n_custom)
{
    yaml_node_t *x = ik_desc_get(d, map, "custom");
    char f[256], g[256], buf[IK_FRU_TEXT_MAX];
    if (!x)
        return 0;
    jp(f, sizeof(f), path, "custom");
    if (!ik_desc_is_seq(d, x, f))
        return FAIL;
    if (ik_desc_seq_len(x) > IK_FRU_CUSTOM_MAX)
        return ik_desc_fail(d, x, f, "at most %d custom fields", IK_FRU_CUSTOM_MAX);
    for (size_t i = 0; i < ik_desc_seq_len(x); i++) {
        yaml_node_t *e = ik_desc_seq_at(d, x, i);
        ji(g, sizeof(g), f, i);
        if (ik_desc_str(d, e, g, buf, sizeof(buf)))
            return FAIL;
        if (ik_fru_field_set(&custom[i], buf))
            return ik_desc_fail(d, e, g, "longer than %d bytes", IK_FRU_FIELD_MAX);
        *n_custom = (uint8_t)(i + 1);
    }
    return 0;
}

struct mr_bufs {
    uint8_t data[IK_FRU_MR_MAX][255];
};

static int parse_fru(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_mfru *out,
                     struct ik_fru *fru, struct mr_bufs *mr)
{
    static const char *const keys[] = {"id",    "name",          "entity",       "instance",
                                       "size",  "write_protect", "internal",     "chassis",
                                       "board", "product",       "multirecords", NULL};
    static const char *const ck[] = {"type", "part", "serial", "custom", NULL};
    static const char *const bk[] = {"language", "mfg_date", "manufacturer", "product", "serial",
                                     "part",     "file_id",  "custom",       NULL};
    static const char *const pk[] = {"language", "manufacturer", "name",    "part",   "version",
                                     "serial",   "asset",        "file_id", "custom", NULL};
    char f[256];
    long v;
    int b;
    yaml_node_t *x;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    memset(fru, 0, sizeof(*fru));
    v = 0;
    if (ik_desc_opt_int(d, n, "id", path, 0, 254, &v))
        return FAIL;
    out->id = (uint8_t)v;
    if (ik_desc_opt_str(d, n, "name", path, out->name, sizeof(out->name)))
        return FAIL;
    out->entity_id = 0x07;
    if (opt_code(d, n, "entity", path, ik_entity_name, 0, 0xFF, &out->entity_id))
        return FAIL;
    v = 1;
    if (ik_desc_opt_int(d, n, "instance", path, 0, 255, &v))
        return FAIL;
    out->entity_instance = (uint8_t)v;
    b = 0;
    if (ik_desc_opt_bool(d, n, "write_protect", path, &b))
        return FAIL;
    out->write_protect = (uint8_t)b;
    uint8_t internal[256];
    size_t ilen = 0;
    if ((x = ik_desc_get(d, n, "internal"))) {
        jp(f, sizeof(f), path, "internal");
        if (ik_desc_hex(d, x, f, internal, sizeof(internal), &ilen))
            return FAIL;
        fru->loc[IK_FRU_AREA_INTERNAL].present = true;
        fru->internal = internal;
        fru->internal_len = (uint16_t)ilen;
    }
    if ((x = ik_desc_get(d, n, "chassis"))) {
        jp(f, sizeof(f), path, "chassis");
        if (!ik_desc_is_map(d, x, f) || ik_desc_check_keys(d, x, f, ck))
            return FAIL;
        fru->loc[IK_FRU_AREA_CHASSIS].present = true;
        fru->chassis.type = 0x17; /* rack mount chassis */
        if (ik_desc_opt_u8(d, x, "type", f, &fru->chassis.type) ||
            fru_text(d, x, "part", f, &fru->chassis.part) ||
            fru_text(d, x, "serial", f, &fru->chassis.serial) ||
            fru_custom(d, x, f, fru->chassis.custom, &fru->chassis.n_custom))
            return FAIL;
    }
    if ((x = ik_desc_get(d, n, "board"))) {
        jp(f, sizeof(f), path, "board");
        if (!ik_desc_is_map(d, x, f) || ik_desc_check_keys(d, x, f, bk))
            return FAIL;
        fru->loc[IK_FRU_AREA_BOARD].present = true;
        fru->board.lang = 25; /* English */
        yaml_node_t *dn = ik_desc_get(d, x, "mfg_date");
        char g[256];
        jp(g, sizeof(g), f, "mfg_date");
        if (ik_desc_opt_u8(d, x, "language", f, &fru->board.lang) ||
            (dn && mfg_date(d, dn, g, &fru->board.mfg_minutes)) ||
            fru_text(d, x, "manufacturer", f, &fru->board.mfg) ||
            fru_text(d, x, "product", f, &fru->board.product) ||
            fru_text(d, x, "serial", f, &fru->board.serial) ||
            fru_text(d, x, "part", f, &fru->board.part) ||
            fru_text(d, x, "file_id", f, &fru->board.file_id) ||
            fru_custom(d, x, f, fru->board.custom, &fru->board.n_custom))
            return FAIL;
    }
    if ((x = ik_desc_get(d, n, "product"))) {
        jp(f, sizeof(f), path, "product");
        if (!ik_desc_is_map(d, x, f) || ik_desc_check_keys(d, x, f, pk))
            return FAIL;
        fru->loc[IK_FRU_AREA_PRODUCT].present = true;
        fru->product.lang = 25;
        if (ik_desc_opt_u8(d, x, "language", f, &fru->product.lang) ||
            fru_text(d, x, "manufacturer", f, &fru->product.mfg) ||
            fru_text(d, x, "name", f, &fru->product.name) ||
            fru_text(d, x, "part", f, &fru->product.part) ||
            fru_text(d, x, "version", f, &fru->product.version) ||
            fru_text(d, x, "serial", f, &fru->product.serial) ||
            fru_text(d, x, "asset", f, &fru->product.asset) ||
            fru_text(d, x, "file_id", f, &fru->product.file_id) ||
            fru_custom(d, x, f, fru->product.custom, &fru->product.n_custom))
            return FAIL;
    }
    if ((x = ik_desc_get(d, n, "multirecords"))) {
        static const char *const mk[] = {"type", "data", NULL};
        jp(f, sizeof(f), path, "multirecords");
        if (!ik_desc_is_seq(d, x, f))
            return FAIL;
        if (ik_desc_seq_len(x) > IK_FRU_MR_MAX)
            return ik_desc_fail(d, x, f, "at most %d multirecords", IK_FRU_MR_MAX);
        for (size_t i = 0; i < ik_desc_seq_len(x); i++) {
            yaml_node_t *e = ik_desc_seq_at(d, x, i);
            char g[256], h[256];
            size_t len = 0;
            ji(g, sizeof(g), f, i);
            if (!ik_desc_is_map(d, e, g) || ik_desc_check_keys(d, e, g, mk))
                return FAIL;
            jp(h, sizeof(h), g, "type");
            if (!ik_desc_get(d, e, "type"))
                return ik_desc_fail(d, e, h, "missing");
            if (ik_desc_u8(d, ik_desc_get(d, e, "type"), h, &fru->mr[i].type))
                return FAIL;
            jp(h, sizeof(h), g, "data");
            if (ik_desc_get(d, e, "data") &&
                ik_desc_hex(d, ik_desc_get(d, e, "data"), h, mr->data[i], 255, &len))
                return FAIL;
            fru->mr[i].data = mr->data[i];
            fru->mr[i].len = (uint8_t)len;
            fru->n_mr = (uint8_t)(i + 1);
        }
    }
    uint8_t img[IK_MACHINE_FRU_SIZE];
    size_t w = 0;
    int rc = ik_fru_encode(fru, img, sizeof(img), &w);
    if (rc)
        return ik_desc_fail(d, n, path, "the FRU image cannot be built (%s)", ik_strerror(rc));
    v = (long)((w + 7) / 8 * 8);
    if (v < 8)
        v = 8;
    if ((x = ik_desc_get(d, n, "size"))) {
        jp(f, sizeof(f), path, "size");
        if (ik_desc_int(d, x, f, 8, IK_MACHINE_FRU_SIZE, &v))
            return FAIL;
        if ((size_t)v < w)
            return ik_desc_fail(d, x, f, "the image needs %zu bytes", w);
    }
    out->size = (uint16_t)v;
    out->image = calloc(1, (size_t)v);
    if (!out->image)
        return ik_desc_fail(d, n, path, "out of memory");
    memcpy(out->image, img, w);
    return 0;
}

int ik_desc_fru(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    struct ik_machine_platform *p = &m->platform;
    char f[256];
    if (!ik_desc_is_seq(d, n, path))
        return FAIL;
    size_t cnt = ik_desc_seq_len(n);
    if (cnt > IK_MACHINE_FRUS_MAX)
        return ik_desc_fail(d, n, path, "%zu FRU devices; at most %d", cnt, IK_MACHINE_FRUS_MAX);
    if (!cnt)
        return 0;
    p->frus = calloc(cnt, sizeof(*p->frus));
    struct ik_fru *fru = malloc(sizeof(*fru));
    struct mr_bufs *mr = malloc(sizeof(*mr));
    int rc = 0;
    if (!p->frus || !fru || !mr)
        rc = ik_desc_fail(d, n, path, "out of memory");
    for (size_t i = 0; i < cnt && rc == 0; i++) {
        ji(f, sizeof(f), path, i);
        p->nfrus = i + 1;
        rc = parse_fru(d, ik_desc_seq_at(d, n, i), f, &p->frus[i], fru, mr);
        for (size_t j = 0; j < i && rc == 0; j++) {
            if (p->frus[j].id == p->frus[i].id) {
                char g[256];
                jp(g, sizeof(g), f, "id");
                yaml_node_t *in = ik_desc_get(d, ik_desc_seq_at(d, n, i), "id");
                rc = ik_desc_fail(d, in ? in : ik_desc_seq_at(d, n, i), g,
                                  "FRU device %u is already fru[%zu]", p->frus[i].id, j);
            }
        }
    }
    free(fru);
    free(mr);
    return rc ? FAIL : 0;
}

/* ---- sel ------------------------------------------------------------------------------ */

static int parse_sel_entry(struct ik_desc *d, yaml_node_t *n, const char *path,
                           const struct ik_machine *m, uint8_t rec[16])
{
    static const char *const keys[] = {"raw",  "sensor",    "offset", "deassert",
                                       "data", "timestamp", NULL};
    char f[256];
    yaml_node_t *x;
    long v;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    memset(rec, 0, 16);
    if ((x = ik_desc_get(d, n, "raw"))) {
        size_t len;
        jp(f, sizeof(f), path, "raw");
        if (ik_desc_get(d, n, "sensor"))
            return ik_desc_fail(d, x, f, "give raw or sensor, not both");
        if (ik_desc_hex(d, x, f, rec, 16, &len))
            return FAIL;
        if (len != 16)
            return ik_desc_fail(d, x, f, "expected 16 bytes, got %zu", len);
        return 0;
    }
    jp(f, sizeof(f), path, "sensor");
    if (!(x = ik_desc_get(d, n, "sensor")))
        return ik_desc_fail(d, n, f, "missing (raw bytes or a sensor's event)");
    const char *sname = ik_desc_scalar(d, x, f);
    if (!sname)
        return FAIL;
    const struct ik_msensor *s = ik_machine_sensor_by_name(&m->platform, sname);
    char *end;
    v = strtol(sname, &end, 0);
    if (!s && *sname && !*end && v >= 0 && v <= 254)
        s = ik_machine_sensor_by_number(&m->platform, (uint8_t)v);
    if (!s)
        return ik_desc_fail(d, x, f, "no sensor named '%s' in sensors", sname);
    v = 0;
    if (ik_desc_opt_int(d, n, "offset", path, 0, 14, &v))
        return FAIL;
    int deassert = 0;
    if (ik_desc_opt_bool(d, n, "deassert", path, &deassert))
        return FAIL;
    uint8_t data[3] = {(uint8_t)v, 0xFF, 0xFF};
    if ((x = ik_desc_get(d, n, "data"))) {
        size_t len;
        jp(f, sizeof(f), path, "data");
        if (ik_desc_hex(d, x, f, data, 3, &len))
            return FAIL;
        if (len != 3)
            return ik_desc_fail(d, x, f, "expected 3 bytes of event data, got %zu", len);
    }
    long ts = 0;
    if (ik_desc_opt_int(d, n, "timestamp", path, 0, 0xFFFFFFFFL, &ts))
        return FAIL;
    /* A system event record (IPMI 2.0 table 32-1); the engine assigns the record ID. */
    struct ik_wr w;
    ik_wr_init(&w, rec, 16);
    ik_wr_le16(&w, 0);  /* record ID */
    ik_wr_u8(&w, 0x02); /* record type: system event */
    ik_wr_le32(&w, (uint32_t)ts);
    ik_wr_le16(&w, 0x0020); /* generator ID: this BMC (slave address 20h, LUN 0) */
    ik_wr_u8(&w, 0x04);     /* EvM revision: IPMI 1.5/2.0 */
    ik_wr_u8(&w, s->sensor_type);
    ik_wr_u8(&w, s->number);
    ik_wr_u8(&w, (uint8_t)((deassert ? 0x80 : 0) | s->event_type));
    ik_wr_bytes(&w, data, 3);
    return 0;
}

int ik_desc_sel(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {"capacity", "almost_full", "clear_ms", "entries", NULL};
    struct ik_msel *s = &m->platform.sel;
    char f[256];
    long v;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    v = s->capacity;
    if (ik_desc_opt_int(d, n, "capacity", path, 1, IK_SEL_CAPACITY_MAX, &v))
        return FAIL;
    s->capacity = (uint32_t)v;
    v = s->almost_full_pct;
    if (ik_desc_opt_int(d, n, "almost_full", path, 0, 100, &v))
        return FAIL;
    s->almost_full_pct = (uint8_t)v;
    v = s->clear_ms;
    if (ik_desc_opt_int(d, n, "clear_ms", path, 0, 600000, &v))
        return FAIL;
    s->clear_ms = (uint32_t)v;
    yaml_node_t *x = ik_desc_get(d, n, "entries");
    if (!x)
        return 0;
    jp(f, sizeof(f), path, "entries");
    if (!ik_desc_is_seq(d, x, f))
        return FAIL;
    size_t cnt = ik_desc_seq_len(x);
    if (cnt > IK_MACHINE_SEL_INIT || cnt > s->capacity)
        return ik_desc_fail(d, x, f, "%zu entries; at most %u", cnt,
                            s->capacity < IK_MACHINE_SEL_INIT ? s->capacity : IK_MACHINE_SEL_INIT);
    free(s->init);
    s->init = calloc(cnt ? cnt : 1, 16);
    s->ninit = 0;
    if (!s->init)
        return ik_desc_fail(d, x, f, "out of memory");
    for (size_t i = 0; i < cnt; i++) {
        char g[256];
        ji(g, sizeof(g), f, i);
        if (parse_sel_entry(d, ik_desc_seq_at(d, x, i), g, m, s->init[i]))
            return FAIL;
        s->ninit = (uint16_t)(i + 1);
    }
    return 0;
}

/* ---- power, chassis, watchdog ------------------------------------------------------------ */

static int opt_ms(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                  uint32_t *out)
{
    long v = (long)*out;
    if (ik_desc_opt_int(d, map, key, path, 0, 3600000, &v))
        return FAIL;
    *out = (uint32_t)v;
    return 0;
}

int ik_desc_power(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {"initial",  "restore_policy",  "on_ms",   "off_ms",
                                       "cycle_ms", "reset_ms",        "soft_ms", "soft_shutdown",
                                       "hooks",    "hook_timeout_ms", "cycle",   NULL};
    static const char *const policies[] = {"always-off", "previous", "always-on"};
    static const char *const actions[IK_PWR_ACTIONS] = {"off",   "on",   "cycle",
                                                        "reset", "diag", "soft"};
    struct ik_mpower *p = &m->platform.power;
    char f[256];
    yaml_node_t *x;
    int b, e;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    if ((x = ik_desc_get(d, n, "initial"))) {
        static const char *const st[] = {"off", "on"};
        jp(f, sizeof(f), path, "initial");
        if (ik_desc_enum(d, x, f, st, 2, &e))
            return FAIL;
        p->initial_on = (uint8_t)e;
    }
    if ((x = ik_desc_get(d, n, "restore_policy"))) {
        jp(f, sizeof(f), path, "restore_policy");
        if (ik_desc_enum(d, x, f, policies, 3, &e))
            return FAIL;
        p->policy = (uint8_t)e;
    }
    if (opt_ms(d, n, "on_ms", path, &p->on_ms) || opt_ms(d, n, "off_ms", path, &p->off_ms) ||
        opt_ms(d, n, "cycle_ms", path, &p->cycle_ms) ||
        opt_ms(d, n, "reset_ms", path, &p->reset_ms) ||
        opt_ms(d, n, "soft_ms", path, &p->soft_ms) ||
        opt_ms(d, n, "hook_timeout_ms", path, &p->hook_timeout_ms))
        return FAIL;
    b = p->soft_honoured;
    if (ik_desc_opt_bool(d, n, "soft_shutdown", path, &b))
        return FAIL;
    p->soft_honoured = (uint8_t)b;
    b = p->cycle_supported;
    if (ik_desc_opt_bool(d, n, "cycle", path, &b))
        return FAIL;
    p->cycle_supported = (uint8_t)b;
    if ((x = ik_desc_get(d, n, "hooks"))) {
        const char *ak[IK_PWR_ACTIONS + 1];
        for (int i = 0; i < IK_PWR_ACTIONS; i++)
            ak[i] = actions[i];
        ak[IK_PWR_ACTIONS] = NULL;
        jp(f, sizeof(f), path, "hooks");
        if (!ik_desc_is_map(d, x, f) || ik_desc_check_keys(d, x, f, ak))
            return FAIL;
        for (int i = 0; i < IK_PWR_ACTIONS; i++) {
            /* "command", or {command: "...", timeout_ms: N} */
            yaml_node_t *h = ik_desc_get(d, x, actions[i]);
            char g[256];
            if (!h)
                continue;
            jp(g, sizeof(g), f, actions[i]);
            if (h->type == YAML_MAPPING_NODE) {
                static const char *const hk[] = {"command", "timeout_ms", NULL};
                if (ik_desc_check_keys(d, h, g, hk) ||
                    ik_desc_opt_str(d, h, "command", g, p->hooks[i], sizeof(p->hooks[i])) ||
                    opt_ms(d, h, "timeout_ms", g, &p->hook_timeouts_ms[i]))
                    return FAIL;
            } else if (ik_desc_str(d, h, g, p->hooks[i], sizeof(p->hooks[i]))) {
                return FAIL;
            }
        }
    }
    return 0;
}

int ik_desc_chassis(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {
        "intrusion_sensor", "front_panel_lockout", "diag_interrupt", "power_interlock",
        "identify_seconds", "poh_minutes",         "buttons",        NULL};
    static const char *const caps[4] = {"intrusion_sensor", "front_panel_lockout", "diag_interrupt",
                                        "power_interlock"};
    struct ik_mchassis *c = &m->platform.chassis;
    long v;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    for (int i = 0; i < 4; i++) {
        int b = (c->caps >> i) & 1;
        if (ik_desc_opt_bool(d, n, caps[i], path, &b))
            return FAIL;
        c->caps = (uint8_t)((c->caps & ~(1u << i)) | (unsigned)b << i);
    }
    v = c->identify_s;
    if (ik_desc_opt_int(d, n, "identify_seconds", path, 0, 255, &v))
        return FAIL;
    c->identify_s = (uint8_t)v;
    v = c->poh_minutes;
    if (ik_desc_opt_int(d, n, "poh_minutes", path, 1, 255, &v))
        return FAIL;
    c->poh_minutes = (uint8_t)v;
    if (ik_desc_get(d, n, "buttons")) {
        if (ik_desc_opt_u8(d, n, "buttons", path, &c->buttons))
            return FAIL;
        c->has_buttons = 1;
    }
    return 0;
}

int ik_desc_watchdog(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {"log_pretimeout", NULL};
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    int b = m->platform.watchdog.log_pretimeout;
    if (ik_desc_opt_bool(d, n, "log_pretimeout", path, &b))
        return FAIL;
    m->platform.watchdog.log_pretimeout = (uint8_t)b;
    return 0;
}

/* ---- satellites ----------------------------------------------------------------------- */

static int parse_sat(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_msat *s)
{
    static const char *const keys[] = {"name",
                                       "address",
                                       "channel",
                                       "silent",
                                       "entity",
                                       "instance",
                                       "device_id",
                                       "device_revision",
                                       "firmware",
                                       "ipmi_version",
                                       "additional_support",
                                       "manufacturer_id",
                                       "product_id",
                                       "fru",
                                       NULL};
    char f[256], buf[32];
    long v;
    int b;
    yaml_node_t *x;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return FAIL;
    if (ik_desc_opt_str(d, n, "name", path, s->name, sizeof(s->name)))
        return FAIL;
    jp(f, sizeof(f), path, "address");
    if (!(x = ik_desc_get(d, n, "address")))
        return ik_desc_fail(d, n, f, "missing (8-bit IPMB slave address)");
    if (ik_desc_int(d, x, f, 0x02, 0xFE, &v))
        return FAIL;
    if ((v & 1) || v == 0x20)
        return ik_desc_fail(d, x, f, "0x%02lX is not a free IPMB slave address (even, not 20h)", v);
    s->addr = (uint8_t)v;
    v = 0;
    if (ik_desc_opt_int(d, n, "channel", path, 0, 15, &v))
        return FAIL;
    s->channel = (uint8_t)v;
    b = 0;
    if (ik_desc_opt_bool(d, n, "silent", path, &b))
        return FAIL;
    s->silent = (uint8_t)b;
    s->entity_id = 0x07;
    if (opt_code(d, n, "entity", path, ik_entity_name, 0, 0xFF, &s->entity_id))
        return FAIL;
    v = 1;
    if (ik_desc_opt_int(d, n, "instance", path, 0, 127, &v))
        return FAIL;
    s->entity_instance = (uint8_t)v;
    s->dev_support = 0x01; /* sensor device */
    s->ipmi_version = 0x02;
    s->fw_major = 1;
    if (ik_desc_opt_u8(d, n, "device_id", path, &s->device_id) ||
        ik_desc_opt_u8(d, n, "additional_support", path, &s->dev_support))
        return FAIL;
    v = 0;
    if (ik_desc_opt_int(d, n, "device_revision", path, 0, 15, &v))
        return FAIL;
    s->device_rev = (uint8_t)v;
    buf[0] = '\0';
    if (ik_desc_opt_str(d, n, "firmware", path, buf, sizeof(buf)))
        return FAIL;
    if (buf[0]) {
        unsigned maj, min;
        char extra;
        jp(f, sizeof(f), path, "firmware");
        if (sscanf(buf, "%u.%2u%c", &maj, &min, &extra) != 2 || maj > 127 || min > 99)
            return ik_desc_fail(d, ik_desc_get(d, n, "firmware"), f,
                                "expected \"major.minor\" (0..127 . 00..99), got '%s'", buf);
        s->fw_major = (uint8_t)maj;
        s->fw_minor = (uint8_t)((min / 10) << 4 | (min % 10));
    }
    buf[0] = '\0';
    if (ik_desc_opt_str(d, n, "ipmi_version", path, buf, sizeof(buf)))
        return FAIL;
    if (buf[0]) {
        jp(f, sizeof(f), path, "ipmi_version");
        if (strcmp(buf, "2.0") == 0)
            s->ipmi_version = 0x02;
        else if (strcmp(buf, "1.5") == 0)
            s->ipmi_version = 0x51;
        else
            return ik_desc_fail(d, ik_desc_get(d, n, "ipmi_version"), f,
                                "expected \"1.5\" or \"2.0\", got '%s'", buf);
    }
    v = 0;
    if (ik_desc_opt_int(d, n, "manufacturer_id", path, 0, 0xFFFFF, &v))
        return FAIL;
    s->manufacturer_id = (uint32_t)v;
    v = 0;
    if (ik_desc_opt_int(d, n, "product_id", path, 0, 0xFFFF, &v))
        return FAIL;
    s->product_id = (uint16_t)v;
    if ((x = ik_desc_get(d, n, "fru"))) {
        /* The satellite's FRU device 0, described like an entry of `fru:`. */
        jp(f, sizeof(f), path, "fru");
        struct ik_fru *fru = malloc(sizeof(*fru));
        struct mr_bufs *mr = malloc(sizeof(*mr));
        s->fru = calloc(1, sizeof(*s->fru));
        int rc = !fru || !mr || !s->fru ? ik_desc_fail(d, x, f, "out of memory")
                                        : parse_fru(d, x, f, s->fru, fru, mr);
        free(fru);
        free(mr);
        if (rc)
            return FAIL;
    }
    return 0;
}

int ik_desc_satellites(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    struct ik_machine_platform *p = &m->platform;
    char f[256];
    if (!ik_desc_is_seq(d, n, path))
        return FAIL;
    size_t cnt = ik_desc_seq_len(n);
    if (cnt > IK_MACHINE_SATS_MAX)
        return ik_desc_fail(d, n, path, "%zu satellites; at most %d", cnt, IK_MACHINE_SATS_MAX);
    if (!cnt)
        return 0;
    p->sats = calloc(cnt, sizeof(*p->sats));
    if (!p->sats)
        return ik_desc_fail(d, n, path, "out of memory");
    for (size_t i = 0; i < cnt; i++) {
        ji(f, sizeof(f), path, i);
        p->nsats = i + 1;
        if (parse_sat(d, ik_desc_seq_at(d, n, i), f, &p->sats[i]))
            return FAIL;
        for (size_t j = 0; j < i; j++)
            if (p->sats[j].addr == p->sats[i].addr && p->sats[j].channel == p->sats[i].channel) {
                char g[256];
                jp(g, sizeof(g), f, "address");
                return ik_desc_fail(d, ik_desc_get(d, ik_desc_seq_at(d, n, i), "address"), g,
                                    "address 0x%02X is already satellites[%zu]", p->sats[i].addr,
                                    j);
            }
    }
    return 0;
}
