/*
 * SDR text in ipmitool 1.8.19's exact shapes (`sdr list`, `sdr elist`, `-v`) and JSON.
 *
 * The text functions follow what ipmitool prints, field by field, including its habits:
 * names padded to 16 columns, "%.3f" thresholds, a hysteresis or sensor range that converts
 * to 0.0 shown as "Unspecified", thresholds listed only when the record asks for them to be
 * initialized, and the reading column cut to 15 characters in `elist`. Where ipmitool reads
 * a field against the specification, this file follows the specification; docs/sdr.md
 * lists each such difference.
 */
#include "sdrfmt.h"

#include <math.h>
#include <string.h>

#include "ipmikit/names.h"
#include "msg_se.h"

const char *ik_sdrfmt_sensor_type(uint8_t type)
{
    const char *s = ik_sensor_type_name(type);
    return s ? s : "Unknown";
}

const char *ik_sdrfmt_entity(uint8_t id, char *buf, size_t cap)
{
    const char *s = ik_entity_name(id);
    if (s)
        return s;
    snprintf(buf, cap, "Unknown (0x%02X)", id);
    return buf;
}

void ik_sdrfmt_units(const struct ik_sdr_units *u, char *buf, size_t cap)
{
    const char *base = ik_unit_name(u->base_unit);
    const char *mod = ik_unit_name(u->modifier_unit);
    const char *pct = u->percentage ? "% " : "";
    if (!base)
        base = "invalid";
    if (!mod)
        mod = "invalid";
    if (u->modifier == 2)
        snprintf(buf, cap, "%s%s*%s", pct, base, mod);
    else if (u->modifier == 1)
        snprintf(buf, cap, "%s%s/%s", pct, base, mod);
    else if (u->base_unit == 0 && u->percentage)
        snprintf(buf, cap, "percent");
    else
        snprintf(buf, cap, "%s%s", pct, base);
}

/* ---- record views ------------------------------------------------------------------------ */

/* The parts of full and compact records the sensor printers need. */
struct sensor_view {
    const struct ik_sdr_sensor *s;
    const struct ik_sdr_full *full; /* NULL for compact */
    const struct ik_sdr_id *id;
    uint8_t hyst_pos, hyst_neg, oem;
};

static int sensor_view(const struct ik_sdr_record *r, struct sensor_view *v)
{
    if (r->hdr.type == IK_SDR_FULL) {
        v->s = &r->u.full.s;
        v->full = &r->u.full;
        v->id = &r->u.full.id;
        v->hyst_pos = r->u.full.hyst_pos;
        v->hyst_neg = r->u.full.hyst_neg;
        v->oem = r->u.full.oem;
        return 1;
    }
    if (r->hdr.type == IK_SDR_COMPACT) {
        v->s = &r->u.compact.s;
        v->full = NULL;
        v->id = &r->u.compact.id;
        v->hyst_pos = r->u.compact.hyst_pos;
        v->hyst_neg = r->u.compact.hyst_neg;
        v->oem = r->u.compact.oem;
        return 1;
    }
    return 0;
}

#define IS_THRESHOLD(s)   ((s)->event_type == 0x01)
#define UNITS_DISCRETE(s) ((s)->units.format == IK_SDR_FMT_NONE)

/* The conversion ipmitool applies to SDR values: the record's factors, with non-linear and
 * reserved linearizations taken as linear. */
static void display_conv(const struct ik_sdr_full *f, struct ik_sdr_conv *c)
{
    ik_sdr_full_conv(f, c);
    if (!ik_sdr_lin_name(c->linearization) || (c->linearization & 0x7F) >= IK_SDR_LIN_NONLINEAR)
        c->linearization = IK_SDR_LIN_LINEAR;
}

static double conv_value(const struct ik_sdr_full *f, uint8_t raw)
{
    struct ik_sdr_conv c;
    display_conv(f, &c);
    return c.format == IK_SDR_FMT_NONE ? 0.0 : ik_sdr_to_real(&c, raw);
}

/* ipmitool prints a value without decimals when it equals its int conversion. */
static int integral(double v)
{
    return isfinite(v) && v >= -2147483648.0 && v <= 2147483647.0 && v == (double)(int)v;
}

/* What ipmitool's ipmi_sdr_read_sensor_value() derives from a reading. */
struct sensor_reading {
    int valid, scanning_disabled;
    uint8_t reading, data2, data3;
    int has_analog;
    double aval;
    char astr[16];
    char units[48];
};

static void read_value(const struct sensor_view *v, const struct ik_sdrfmt_reading *rd,
                       int precision, struct sensor_reading *sr)
{
    memset(sr, 0, sizeof(*sr));
    if (!rd || !rd->have)
        return;
    int unavailable = (rd->flags & 0x20) != 0;
    if (!(rd->flags & 0x40)) {
        sr->scanning_disabled = 1;
        return;
    }
    if (!unavailable) {
        sr->valid = 1;
        sr->reading = rd->raw;
    }
    sr->data2 = rd->state1;
    sr->data3 = rd->state2;
    /* Only full threshold sensors with numeric units have an analog value. */
    if (!v->full || UNITS_DISCRETE(v->s) || !IS_THRESHOLD(v->s))
        return;
    struct ik_sdr_conv c;
    display_conv(v->full, &c);
    if ((v->full->linearization & 0x7F) >= IK_SDR_LIN_NONLINEAR) {
        if (!rd->factors) {
            sr->valid = 0; /* non-linear without reading factors: no reading */
            return;
        }
        c = *rd->factors;
        c.format = v->s->units.format;
        c.linearization = IK_SDR_LIN_LINEAR;
    }
    sr->has_analog = 1;
    if (sr->valid)
        sr->aval = ik_sdr_to_real(&c, sr->reading);
    ik_sdrfmt_units(&v->s->units, sr->units, sizeof(sr->units));
    snprintf(sr->astr, sizeof(sr->astr), "%.*f", integral(sr->aval) ? 0 : precision, sr->aval);
}

/* Threshold status: verbose names, elist abbreviations, or list's two letters. */
enum { ST_LIST, ST_ELIST, ST_VERBOSE };

static const char *thresh_status(const struct sensor_reading *sr, const char *invalid, int style)
{
    static const struct {
        uint8_t bit;
        const char *name[3];
    } st[] = {
        {0x04, {"nr", "lnr", "Lower Non-Recoverable"}},
        {0x20, {"nr", "unr", "Upper Non-Recoverable"}},
        {0x02, {"cr", "lcr", "Lower Critical"}},
        {0x10, {"cr", "ucr", "Upper Critical"}},
        {0x01, {"nc", "lnc", "Lower Non-Critical"}},
        {0x08, {"nc", "unc", "Upper Non-Critical"}},
    };
    if (!sr->valid)
        return invalid;
    for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
        if (sr->data2 & st[i].bit)
            return st[i].name[style];
    return "ok";
}

/* The sensor name as ipmitool shows it: the ID string (decoded here; ipmitool copies the
 * raw bytes, which only reads right for 8-bit ASCII). */
static const char *id_text(const struct ik_sdr_id *id)
{
    return id->text;
}

/* Discrete state names joined by sep, after header (ipmi_sdr_print_discrete_state_mini). */
static void states_mini(FILE *out, const struct ik_sdrfmt_opts *o, const char *header,
                        const char *sep, uint8_t stype, uint8_t etype, uint8_t s1, uint8_t s2)
{
    if (s1 == 0 && (s2 & 0x7F) == 0)
        return;
    if (header)
        fputs(header, out);
    if (!o || !o->state_name)
        return;
    int pre = 0;
    for (unsigned off = 0; off < 15; off++) {
        const char *name = o->state_name(stype, etype, off);
        if (!name)
            continue;
        int set = off > 7 ? (s2 & 0x7F) & (1u << (off - 8)) : s1 & (1u << off);
        if (set) {
            if (pre++)
                fputs(sep, out);
            fputs(name, out);
        }
    }
}

/* One "[state]" line per asserted state under a " Title : sensor type" line. */
static void states_block(FILE *out, const struct ik_sdrfmt_opts *o, const char *desc, uint8_t stype,
                         uint8_t etype, uint8_t s1, uint8_t s2)
{
    if (s1 == 0 && (s2 & 0x7F) == 0)
        return;
    if (!o || !o->state_name)
        return;
    int pre = 0;
    for (unsigned off = 0; off < 15; off++) {
        const char *name = o->state_name(stype, etype, off);
        if (!name)
            continue;
        if (!pre) {
            fprintf(out, " %-21s : %s\n", desc, ik_sdrfmt_sensor_type(stype));
            pre = 1;
        }
        int set = off > 7 ? (s2 & 0x7F) & (1u << (off - 8)) : s1 & (1u << off);
        if (set)
            fprintf(out, "                         [%s]\n", name);
    }
}

/* ipmitool formats "reading units" into a 16-byte buffer: at most 15 characters survive. */
static void reading_cell(char sval[16], const struct sensor_reading *sr)
{
    char tmp[80];
    snprintf(tmp, sizeof(tmp), "%s %s", sr->astr, sr->units);
    snprintf(sval, 16, "%.15s", tmp);
}

/* ---- elist / list ----------------------------------------------------------------------- */

static void entity_col(FILE *out, uint8_t id, uint8_t instance)
{
    fprintf(out, "%2d.%1d", id, instance & 0x7F);
}

static void hexbytes(FILE *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%02x", p[i]);
}

/* The reading column for record types ipmitool does not list. */
static void other_reading(FILE *out, const struct ik_sdr_record *r)
{
    switch (r->hdr.type) {
    case IK_SDR_ENTITY_ASSOC: {
        const struct ik_sdr_entity_assoc *a = &r->u.entity_assoc;
        fputs("Entity Assoc:", out);
        for (int i = 0; i < 4; i++) {
            if (a->entity[i][0] == 0)
                continue;
            fprintf(out, a->range && (i & 1) ? "-%d.%d" : " %d.%d", a->entity[i][0],
                    a->entity[i][1] & 0x7F);
        }
        break;
    }
    case IK_SDR_DEV_ENTITY_ASSOC: {
        const struct ik_sdr_dev_entity_assoc *a = &r->u.dev_entity_assoc;
        fputs("Dev Entity Assoc:", out);
        for (int i = 0; i < 4; i++) {
            if (a->entity[i].id == 0)
                continue;
            fprintf(out, a->range && (i & 1) ? "-%d.%d@%02Xh" : " %d.%d@%02Xh", a->entity[i].id,
                    a->entity[i].instance & 0x7F, a->entity[i].addr);
        }
        break;
    }
    case IK_SDR_MC_CONFIRM:
        fprintf(out, "MC Confirm @ %02Xh ID %02Xh", r->u.mc_confirm.slave_addr,
                r->u.mc_confirm.device_id);
        break;
    case IK_SDR_BMC_CHANNEL:
        fputs("BMC Channel Info", out);
        break;
    case IK_SDR_OEM:
        fprintf(out, "OEM %u:", (unsigned)r->u.oem.manufacturer);
        if (r->u.oem.len)
            fputc(' ', out);
        hexbytes(out, r->u.oem.data, r->u.oem.len);
        break;
    default:
        fprintf(out, "Unknown type %02Xh:", r->hdr.type);
        if (r->u.raw.len)
            fputc(' ', out);
        hexbytes(out, r->u.raw.data, r->u.raw.len);
        break;
    }
}

static void elist_sensor(FILE *out, const struct sensor_view *v, const struct ik_sdrfmt_reading *rd,
                         const struct ik_sdrfmt_opts *o)
{
    struct sensor_reading sr;
    read_value(v, rd, 2, &sr);
    fprintf(out, "%-16s | %02Xh | ", id_text(v->id), v->s->number);
    fprintf(out, "%-3s | ",
            IS_THRESHOLD(v->s) ? thresh_status(&sr, "ns", ST_ELIST) : (sr.valid ? "ok" : "ns"));
    entity_col(out, v->s->entity_id, v->s->entity_instance);
    fputs(" | ", out);
    char sval[16] = "";
    if (sr.valid) {
        if (IS_THRESHOLD(v->s) && sr.has_analog) {
            reading_cell(sval, &sr);
        } else {
            const char *header = NULL;
            if (sr.has_analog) {
                fprintf(out, "%s %s", sr.astr, sr.units);
                header = ", ";
            }
            states_mini(out, o, header, ", ", v->s->sensor_type, v->s->event_type, sr.data2,
                        sr.data3);
        }
    } else if (sr.scanning_disabled) {
        snprintf(sval, sizeof(sval), "Disabled");
    } else {
        snprintf(sval, sizeof(sval), "No Reading");
    }
    fprintf(out, "%s\n", sval);
}

void ik_sdrfmt_elist(FILE *out, const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd,
                     const struct ik_sdrfmt_opts *o)
{
    struct sensor_view v;
    if (sensor_view(r, &v)) {
        elist_sensor(out, &v, rd, o);
        return;
    }
    switch (r->hdr.type) {
    case IK_SDR_EVENT_ONLY: {
        const struct ik_sdr_event_only *e = &r->u.event_only;
        fprintf(out, "%-16s | %02Xh | ns  | ", id_text(&e->id), e->number);
        entity_col(out, e->entity_id, e->entity_instance);
        fputs(" | Event-Only\n", out);
        return;
    }
    case IK_SDR_MC_LOCATOR: {
        const struct ik_sdr_mc_locator *m = &r->u.mc;
        fprintf(out, "%-16s | 00h | ok  | ", id_text(&m->id));
        entity_col(out, m->entity_id, m->entity_instance);
        fprintf(out, " | %s MC @ %02Xh\n", m->static_presence ? "Static" : "Dynamic",
                m->slave_addr);
        return;
    }
    case IK_SDR_GENERIC_LOCATOR: {
        const struct ik_sdr_generic_locator *g = &r->u.generic;
        fprintf(out, "%-16s | 00h | ns  | ", id_text(&g->id));
        entity_col(out, g->entity_id, g->entity_instance);
        /* As ipmitool: access address, the slave address byte, and the OEM byte. */
        fprintf(out, " | Generic Device @%02Xh:%02Xh.%1d\n", g->access_addr,
                g->slave_addr | (g->channel >> 3), g->oem);
        return;
    }
    case IK_SDR_FRU_LOCATOR: {
        const struct ik_sdr_fru_locator *f = &r->u.fru;
        fprintf(out, "%-16s | 00h | ns  | ", id_text(&f->id));
        entity_col(out, f->entity_id, f->entity_instance);
        fprintf(out, " | %s FRU @%02Xh\n", f->logical ? "Logical" : "Physical", f->device_id);
        return;
    }
    case IK_SDR_ENTITY_ASSOC:
        fprintf(out, "%-16s | 00h | ok  | ", "");
        entity_col(out, r->u.entity_assoc.container_id, r->u.entity_assoc.container_instance);
        break;
    case IK_SDR_DEV_ENTITY_ASSOC:
        fprintf(out, "%-16s | 00h | ok  | ", "");
        entity_col(out, r->u.dev_entity_assoc.container_id,
                   r->u.dev_entity_assoc.container_instance);
        break;
    default:
        fprintf(out, "%-16s | 00h | ns  |    -", "");
        break;
    }
    fputs(" | ", out);
    other_reading(out, r);
    fputc('\n', out);
}

static void list_sensor(FILE *out, const struct sensor_view *v, const struct ik_sdrfmt_reading *rd)
{
    struct sensor_reading sr;
    read_value(v, rd, 2, &sr);
    fprintf(out, "%-16s | ", id_text(v->id));
    char sval[16] = "";
    if (sr.valid) {
        if (sr.has_analog)
            reading_cell(sval, &sr);
        else /* the state bits (reading data byte 3), as ipmitool shows them */
            snprintf(sval, sizeof(sval), "0x%02x", sr.data2);
    } else if (sr.scanning_disabled) {
        snprintf(sval, sizeof(sval), v->full ? "disabled" : "Not Readable");
    } else {
        snprintf(sval, sizeof(sval), v->full ? "no reading" : "Not Readable");
    }
    /* ipmitool pads the reading to 17 columns (one past its 16-byte buffer). */
    fprintf(out, "%-17s | ", sval);
    if (IS_THRESHOLD(v->s))
        fputs(thresh_status(&sr, "ns", ST_LIST), out);
    else
        fputs(sr.valid ? "ok" : "ns", out);
    fputc('\n', out);
}

void ik_sdrfmt_list(FILE *out, const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd,
                    const struct ik_sdrfmt_opts *o)
{
    (void)o;
    struct sensor_view v;
    if (sensor_view(r, &v)) {
        list_sensor(out, &v, rd);
        return;
    }
    switch (r->hdr.type) {
    case IK_SDR_EVENT_ONLY:
        fprintf(out, "%-16s | Event-Only        | ns\n", id_text(&r->u.event_only.id));
        return;
    case IK_SDR_MC_LOCATOR: {
        const struct ik_sdr_mc_locator *m = &r->u.mc;
        fprintf(out, "%-16s | %s MC @ %02Xh %s | ok\n", id_text(&m->id),
                m->static_presence ? "Static" : "Dynamic", m->slave_addr,
                m->static_presence ? " " : "");
        return;
    }
    case IK_SDR_GENERIC_LOCATOR: {
        const struct ik_sdr_generic_locator *g = &r->u.generic;
        fprintf(out, "%-16s | Generic @%02X:%02X.%-2d | ok\n", id_text(&g->id), g->access_addr,
                g->slave_addr | (g->channel >> 3), g->oem);
        return;
    }
    case IK_SDR_FRU_LOCATOR: {
        const struct ik_sdr_fru_locator *f = &r->u.fru;
        fprintf(out, "%-16s | %s FRU @%02Xh %02x.%x | ok\n", id_text(&f->id),
                f->logical ? "Log" : "Phy", f->device_id, f->entity_id, f->entity_instance & 0x7F);
        return;
    }
    }
    fprintf(out, "%-16s | ", "");
    other_reading(out, r);
    fputs(" | ns\n", out);
}

/* ---- verbose ------------------------------------------------------------------------------ */

static const char *event_msg_control(uint8_t v)
{
    static const char *const s[] = {"Per-threshold", "Entire Sensor Only", "Global Disable Only",
                                    "No Events From Sensor"};
    return s[v & 3];
}

/* " Readable Thresholds   : lnr lcr ..." for a 6-bit mask in IK_SDR_LNC.. order. */
static void thr_list(FILE *out, uint8_t mask)
{
    static const struct {
        int t;
        const char *name;
    } order[] = {{IK_SDR_LNR, "lnr"}, {IK_SDR_LCR, "lcr"}, {IK_SDR_LNC, "lnc"},
                 {IK_SDR_UNC, "unc"}, {IK_SDR_UCR, "ucr"}, {IK_SDR_UNR, "unr"}};
    for (size_t i = 0; i < 6; i++)
        if (mask & (1u << order[i].t))
            fprintf(out, "%s ", order[i].name);
}

static void hysteresis(FILE *out, const struct sensor_view *v, uint8_t h, const char *name)
{
    if (!v->full || UNITS_DISCRETE(v->s)) {
        if (h == 0x00 || h == 0xFF)
            fprintf(out, " %s   : Unspecified\n", name);
        else
            fprintf(out, " %s   : 0x%02X\n", name, h);
        return;
    }
    struct ik_sdr_conv c;
    display_conv(v->full, &c);
    double val = ik_sdr_hysteresis_to_real(&c, h);
    if (h == 0x00 || h == 0xFF || val == 0.0)
        fprintf(out, " %s   : Unspecified\n", name);
    else
        fprintf(out, " %s   : %.3f\n", name, val);
}

static void min_max(FILE *out, const struct ik_sdr_full *f)
{
    int analog = f->s.units.format != IK_SDR_FMT_NONE;
    uint8_t fmt = f->s.units.format;
    static const uint8_t unspec_min[] = {0x00, 0xFF, 0x80}, unspec_max[] = {0xFF, 0x00, 0x7F};
    double v = analog ? conv_value(f, f->sensor_min) : 0.0;
    if ((analog && f->sensor_min == unspec_min[fmt]) || (analog && v == 0.0))
        fprintf(out, " Minimum sensor range  : Unspecified\n");
    else if (analog)
        fprintf(out, " Minimum sensor range  : %.3f\n", v);
    else
        fprintf(out, " Minimum sensor range  : 0x%02X\n", f->sensor_min);
    v = analog ? conv_value(f, f->sensor_max) : 0.0;
    if ((analog && f->sensor_max == unspec_max[fmt]) || (analog && v == 0.0))
        fprintf(out, " Maximum sensor range  : Unspecified\n");
    else if (analog)
        fprintf(out, " Maximum sensor range  : %.3f\n", v);
    else
        fprintf(out, " Maximum sensor range  : 0x%02X\n", f->sensor_max);
}

static void print_value(FILE *out, const struct ik_sdr_full *f, const char *name, uint8_t raw)
{
    fprintf(out, " %-21s : ", name);
    if (UNITS_DISCRETE(&f->s))
        fprintf(out, "0x%02X\n", raw);
    else
        fprintf(out, "%.3f\n", conv_value(f, raw));
}

/* Threshold-sensor event bits, in ipmitool's spelling and order. */
static void thr_events(FILE *out, const uint8_t *d, size_t n)
{
    static const char *const c1[8] = {"lnc-", "lnc+", "lcr-", "lcr+",
                                      "lnr-", "lnr+", "unc-", "unc+"};
    static const char *const c2[4] = {"ucr-", "ucr+", "unr-", "unr+"};
    for (int i = 0; i < 8; i++)
        if (d[0] & (1u << i))
            fprintf(out, "%s ", c1[i]);
    if (n > 1)
        for (int i = 0; i < 4; i++)
            if (d[1] & (1u << i))
                fprintf(out, "%s ", c2[i]);
}

/* Get Sensor Event Status (status = 1) or Get Sensor Event Enable (status = 0) lines. */
static void event_lines(FILE *out, const struct sensor_view *v, const uint8_t *raw, size_t raw_len,
                        int status, int threshold, const struct ik_sdrfmt_opts *o)
{
    /* Get Sensor Event Status / Enable (lib/msg_se.c); how much ipmitool prints depends on
     * how many mask bytes came, so d/len below are the masks laid out again after the
     * flags: d[1..2] assertion, d[3..4] deassertion, len = 1 + mask bytes. */
    struct ik_event_bits eb;
    if ((status ? ik_event_status_decode(raw, raw_len, &eb)
                : ik_event_enable_decode(raw, raw_len, &eb)) != 0)
        return;
    const uint8_t d[5] = {0, (uint8_t)eb.assertion, (uint8_t)(eb.assertion >> 8),
                          (uint8_t)eb.deassertion, (uint8_t)(eb.deassertion >> 8)};
    size_t len = 1 + (size_t)eb.mask_bytes;
    if (eb.unavailable) {
        fprintf(out, " Event Status          : Unavailable\n");
        return;
    }
    if (!eb.events_enabled)
        fprintf(out, status ? " Event Status          : Event Messages Disabled\n"
                            : " Event Enable          : Event Messages Disabled\n");
    const char *a = status ? "Assertion Events" : "Assertions Enabled";
    const char *da = status ? "Deassertion Events" : "Deassertions Enabled";
    if (!threshold) {
        if (len == 2)
            states_block(out, o, a, v->s->sensor_type, v->s->event_type, d[1], 0);
        else if (len > 2)
            states_block(out, o, a, v->s->sensor_type, v->s->event_type, d[1], d[2]);
        if (len == 4)
            states_block(out, o, da, v->s->sensor_type, v->s->event_type, d[3], 0);
        else if (len > 4)
            states_block(out, o, da, v->s->sensor_type, v->s->event_type, d[3], d[4]);
        return;
    }
    fprintf(out, " %-21s : ", a);
    if (len < 2) {
        fputc('\n', out);
        return;
    }
    thr_events(out, d + 1, len - 1 > 1 ? 2 : 1);
    if (len > 2) {
        fputc('\n', out);
        /* ipmitool wants both deassertion bytes non-zero for the status line, either one
         * for the enable line. */
        int show = (len == 4 && d[3] != 0) ||
                   (len > 4 && (status ? (d[3] != 0 && d[4] != 0) : (d[3] != 0 || d[4] != 0)));
        if (show) {
            fprintf(out, " %-21s : ", da);
            thr_events(out, d + 3, len > 4 ? 2 : 1);
            fputc('\n', out);
        }
    } else {
        fputc('\n', out);
    }
}

static void verbose_sensor(FILE *out, const struct sensor_view *v,
                           const struct ik_sdrfmt_reading *rd, const struct ik_sdrfmt_opts *o)
{
    const struct ik_sdr_sensor *s = v->s;
    struct sensor_reading sr;
    char eb[32];
    read_value(v, rd, 2, &sr);
    fprintf(out, "Sensor ID              : %s (0x%x)\n", id_text(v->id), s->number);
    fprintf(out, " Entity ID             : %d.%d (%s)\n", s->entity_id, s->entity_instance,
            ik_sdrfmt_entity(s->entity_id, eb, sizeof(eb)));

    if (!IS_THRESHOLD(s)) {
        fprintf(out, " Sensor Type (Discrete): %s (0x%02x)\n",
                ik_sdrfmt_sensor_type(s->sensor_type), s->sensor_type);
        fprintf(out, " Sensor Reading        : ");
        if (sr.valid) {
            if (sr.has_analog)
                fprintf(out, "%s %s\n", sr.astr, sr.units);
            else
                fprintf(out, "%xh\n", sr.reading);
        } else if (sr.scanning_disabled) {
            fprintf(out, "Disabled\n");
        } else {
            fprintf(out, "No Reading\n");
        }
        fprintf(out, " Event Message Control : %s\n", event_msg_control(s->event_msg_control));
        states_block(out, o, "States Asserted", s->sensor_type, s->event_type, sr.data2, sr.data3);
        if (rd) {
            event_lines(out, v, rd->event_status, rd->event_status_len, 1, 0, o);
            event_lines(out, v, rd->event_enable, rd->event_enable_len, 0, 0, o);
        }
        fprintf(out, " OEM                   : %X\n", v->oem);
        fputc('\n', out);
        return;
    }

    fprintf(out, " Sensor Type (Threshold)  : %s (0x%02x)\n", ik_sdrfmt_sensor_type(s->sensor_type),
            s->sensor_type);
    fprintf(out, " Sensor Reading        : ");
    if (sr.valid) {
        if (v->full) {
            if (UNITS_DISCRETE(s)) {
                fprintf(out, "0x%02X (+/- 0x%02X) %s\n", sr.reading, v->full->tolerance, sr.units);
            } else {
                struct ik_sdr_conv c;
                display_conv(v->full, &c);
                double tol = ik_sdr_tolerance(&c);
                fprintf(out, "%.*f (+/- %.*f) %s\n", integral(sr.aval) ? 0 : 3, sr.aval,
                        integral(tol) ? 0 : 3, tol, sr.units);
            }
        } else {
            fprintf(out, "0x%02X %s\n", sr.reading, sr.units);
        }
    } else if (sr.scanning_disabled) {
        fprintf(out, "Disabled\n");
    } else {
        fprintf(out, "No Reading\n");
    }
    fprintf(out, " Status                : %s\n", thresh_status(&sr, "Not Available", ST_VERBOSE));

    if (v->full) {
        const struct ik_sdr_full *f = v->full;
        if (f->nominal_specified)
            print_value(out, f, "Nominal Reading", f->nominal);
        if (f->normal_min_specified)
            print_value(out, f, "Normal Minimum", f->normal_min);
        if (f->normal_max_specified)
            print_value(out, f, "Normal Maximum", f->normal_max);
        static const struct {
            int t;
            const char *name;
        } thr[] = {{IK_SDR_UNR, "Upper non-recoverable"}, {IK_SDR_UCR, "Upper critical"},
                   {IK_SDR_UNC, "Upper non-critical"},    {IK_SDR_LNR, "Lower non-recoverable"},
                   {IK_SDR_LCR, "Lower critical"},        {IK_SDR_LNC, "Lower non-critical"}};
        uint8_t readable = IK_SDR_THR_READABLE(s->reading_mask);
        for (size_t i = 0; i < 6; i++)
            if (s->init_thresholds && (readable & (1u << thr[i].t)))
                print_value(out, f, thr[i].name, f->thresholds[thr[i].t]);
    }
    hysteresis(out, v, v->hyst_pos, "Positive Hysteresis");
    hysteresis(out, v, v->hyst_neg, "Negative Hysteresis");
    if (v->full)
        min_max(out, v->full);
    fprintf(out, " Event Message Control : %s\n", event_msg_control(s->event_msg_control));

    static const char *const access[] = {"No Thresholds", NULL, NULL, "Thresholds Fixed"};
    fprintf(out, " Readable Thresholds   : ");
    if (access[s->threshold_access])
        fprintf(out, "%s", access[s->threshold_access]);
    else
        thr_list(out, IK_SDR_THR_READABLE(s->reading_mask));
    fputc('\n', out);
    fprintf(out, " Settable Thresholds   : ");
    if (access[s->threshold_access])
        fprintf(out, "%s", access[s->threshold_access]);
    else
        thr_list(out, IK_SDR_THR_SETTABLE(s->reading_mask));
    fputc('\n', out);
    uint8_t cmp = IK_SDR_THR_COMPARED(s->assert_mask, s->deassert_mask);
    if (cmp) {
        fprintf(out, " Threshold Read Mask   : ");
        thr_list(out, cmp);
        fputc('\n', out);
    }
    if (rd) {
        event_lines(out, v, rd->event_status, rd->event_status_len, 1, 1, o);
        event_lines(out, v, rd->event_enable, rd->event_enable_len, 0, 1, o);
    }
    fputc('\n', out);
}

static const char *yes_no(int v)
{
    return v ? "Yes" : "No";
}

static void device_type_line(FILE *out, uint8_t type, uint8_t mod)
{
    const char *n = ik_sdr_device_type_name(type, mod);
    if (n)
        fprintf(out, "Device Type.Modifier   : %01Xh.%01Xh (%s)\n", type, mod, n);
    else
        fprintf(out, "Device Type.Modifier   : %01Xh.%01Xh (Unknown (0x%02X))\n", type, mod,
                (unsigned)(type << 8 | mod));
}

static void verbose_other(FILE *out, const struct ik_sdr_record *r)
{
    char eb[32];
    fprintf(out, "SDR Record Type        : %s (0x%02x)\n",
            ik_sdr_type_name(r->hdr.type) ? ik_sdr_type_name(r->hdr.type) : "Unknown", r->hdr.type);
    fprintf(out, "Record ID              : 0x%04x\n", r->hdr.record_id);
    switch (r->hdr.type) {
    case IK_SDR_ENTITY_ASSOC:
    case IK_SDR_DEV_ENTITY_ASSOC: {
        int dev = r->hdr.type == IK_SDR_DEV_ENTITY_ASSOC;
        const struct ik_sdr_entity_assoc *a = &r->u.entity_assoc;
        const struct ik_sdr_dev_entity_assoc *d = &r->u.dev_entity_assoc;
        uint8_t cid = dev ? d->container_id : a->container_id;
        uint8_t cinst = dev ? d->container_instance : a->container_instance;
        uint8_t range = dev ? d->range : a->range;
        fprintf(out, "Container Entity ID    : %d.%d (%s)\n", cid, cinst & 0x7F,
                ik_sdrfmt_entity(cid, eb, sizeof(eb)));
        if (dev)
            fprintf(out, "Container Device       : %02Xh channel %01Xh\n", d->container_addr,
                    d->container_channel);
        fprintf(out, "Contained Entities     : %s\n", range ? "Ranges" : "List");
        fprintf(out, "Linked Records         : %s\n", yes_no(dev ? d->linked : a->linked));
        fprintf(out, "Sensor Presence        : %s\n", yes_no(dev ? d->presence : a->presence));
        for (int i = 0; i < 4; i++) {
            uint8_t id = dev ? d->entity[i].id : a->entity[i][0];
            uint8_t inst = dev ? d->entity[i].instance : a->entity[i][1];
            if (id == 0)
                continue;
            fprintf(out, " %-21s : %d.%d (%s)",
                    range ? (i & 1 ? "Range Last" : "Range First") : "Entity", id, inst & 0x7F,
                    ik_sdrfmt_entity(id, eb, sizeof(eb)));
            if (dev)
                fprintf(out, " @ %02Xh channel %01Xh", d->entity[i].addr, d->entity[i].channel);
            fputc('\n', out);
        }
        break;
    }
    case IK_SDR_MC_CONFIRM: {
        const struct ik_sdr_mc_confirm *m = &r->u.mc_confirm;
        fprintf(out, "Device Slave Address   : %02Xh\n", m->slave_addr);
        fprintf(out, "Channel Number         : %01Xh\n", m->channel);
        fprintf(out, "Device ID              : %02Xh\n", m->device_id);
        fprintf(out, "Device Revision        : %u\n", m->device_revision);
        fprintf(out, "Firmware Revision      : %u.%02x\n", m->fw_major, m->fw_minor);
        fprintf(out, "IPMI Version           : %x.%x\n", m->ipmi_version & 0x0F,
                m->ipmi_version >> 4);
        fprintf(out, "Manufacturer ID        : %u\n", (unsigned)m->manufacturer);
        fprintf(out, "Product ID             : %u (0x%04x)\n", m->product, m->product);
        fprintf(out, "Device GUID            : ");
        hexbytes(out, m->guid, sizeof(m->guid));
        fputc('\n', out);
        break;
    }
    case IK_SDR_BMC_CHANNEL: {
        const struct ik_sdr_bmc_channel *c = &r->u.bmc_channel;
        for (int i = 0; i < 8; i++)
            fprintf(out, " Channel %d             : protocol %01Xh, receive LUN %u%s\n", i,
                    c->ch[i].protocol, c->ch[i].lun, c->ch[i].transmit ? ", transmit" : "");
        fprintf(out, "Messaging Interrupt    : %02Xh\n", c->msg_interrupt);
        fprintf(out, "Event Msg Interrupt    : %02Xh\n", c->event_interrupt);
        break;
    }
    case IK_SDR_OEM:
        fprintf(out, "Manufacturer ID        : %u\n", (unsigned)r->u.oem.manufacturer);
        fprintf(out, "OEM Data               : ");
        hexbytes(out, r->u.oem.data, r->u.oem.len);
        fputc('\n', out);
        break;
    default:
        fprintf(out, "Record Data            : ");
        hexbytes(out, r->u.raw.data, r->u.raw.len);
        fputc('\n', out);
        break;
    }
    fputc('\n', out);
}

void ik_sdrfmt_verbose(FILE *out, const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd,
                       const struct ik_sdrfmt_opts *o)
{
    char eb[32];
    struct sensor_view v;
    if (sensor_view(r, &v)) {
        verbose_sensor(out, &v, rd, o);
        return;
    }
    switch (r->hdr.type) {
    case IK_SDR_EVENT_ONLY: {
        const struct ik_sdr_event_only *e = &r->u.event_only;
        fprintf(out, "Sensor ID              : %s (0x%x)\n", id_text(&e->id), e->number);
        fprintf(out, "Entity ID              : %d.%d (%s)\n", e->entity_id, e->entity_instance,
                ik_sdrfmt_entity(e->entity_id, eb, sizeof(eb)));
        fprintf(out, "Sensor Type            : %s (0x%02x)\n",
                ik_sdrfmt_sensor_type(e->sensor_type), e->sensor_type);
        fputc('\n', out);
        return;
    }
    case IK_SDR_MC_LOCATOR: {
        const struct ik_sdr_mc_locator *m = &r->u.mc;
        static const char *const gen[] = {"Enable", "Disable", "Do Not Init Controller",
                                          "Reserved"};
        fprintf(out, "Device ID              : %s\n", id_text(&m->id));
        fprintf(out, "Entity ID              : %d.%d (%s)\n", m->entity_id, m->entity_instance,
                ik_sdrfmt_entity(m->entity_id, eb, sizeof(eb)));
        fprintf(out, "Device Slave Address   : %02Xh\n", m->slave_addr);
        fprintf(out, "Channel Number         : %01Xh\n", m->channel);
        fprintf(out, "ACPI System P/S Notif  : %sRequired\n", m->acpi_system_notify ? "" : "Not ");
        fprintf(out, "ACPI Device P/S Notif  : %sRequired\n", m->acpi_device_notify ? "" : "Not ");
        fprintf(out, "Controller Presence    : %s\n", m->static_presence ? "Static" : "Dynamic");
        fprintf(out, "Logs Init Agent Errors : %s\n", yes_no(m->logs_init_errors));
        fprintf(out, "Event Message Gen      : %s\n", gen[m->event_msg_gen & 3]);
        fprintf(out, "Device Capabilities\n");
        static const char *const cap[8] = {
            " Sensor Device         : ", " SDR Repository        : ", " SEL Device            : ",
            " FRU Inventory Device  : ", " IPMB Event Receiver   : ", " IPMB Event Generator  : ",
            " Bridge                : ", " Chassis Device        : "};
        for (int i = 7; i >= 0; i--)
            fprintf(out, "%s%s\n", cap[i], yes_no(m->capabilities & (1u << i)));
        fputc('\n', out);
        return;
    }
    case IK_SDR_GENERIC_LOCATOR: {
        const struct ik_sdr_generic_locator *g = &r->u.generic;
        fprintf(out, "Device ID              : %s\n", id_text(&g->id));
        fprintf(out, "Entity ID              : %d.%d (%s)\n", g->entity_id, g->entity_instance,
                ik_sdrfmt_entity(g->entity_id, eb, sizeof(eb)));
        fprintf(out, "Device Access Address  : %02Xh\n", g->access_addr);
        fprintf(out, "Device Slave Address   : %02Xh\n", g->slave_addr);
        fprintf(out, "Address Span           : %02Xh\n", g->addr_span);
        fprintf(out, "Channel Number         : %01Xh\n", g->channel);
        fprintf(out, "LUN.Bus                : %01Xh.%01Xh\n", g->access_lun, g->bus);
        device_type_line(out, g->device_type, g->device_modifier);
        fprintf(out, "OEM                    : %02Xh\n", g->oem);
        fputc('\n', out);
        return;
    }
    case IK_SDR_FRU_LOCATOR: {
        const struct ik_sdr_fru_locator *f = &r->u.fru;
        fprintf(out, "Device ID              : %s\n", id_text(&f->id));
        fprintf(out, "Entity ID              : %d.%d (%s)\n", f->entity_id,
                f->entity_instance & 0x7F, ik_sdrfmt_entity(f->entity_id, eb, sizeof(eb)));
        fprintf(out, "Device Access Address  : %02Xh\n", f->access_addr);
        fprintf(out, "%s: %02Xh\n",
                f->logical ? "Logical FRU Device     " : "Slave Address          ", f->device_id);
        fprintf(out, "Channel Number         : %01Xh\n", f->channel);
        fprintf(out, "LUN.Bus                : %01Xh.%01Xh\n", f->access_lun, f->bus);
        device_type_line(out, f->device_type, f->device_modifier);
        fprintf(out, "OEM                    : %02Xh\n", f->oem);
        fputc('\n', out);
        return;
    }
    }
    verbose_other(out, r);
}

/* ---- `sensor` command shapes ------------------------------------------------------------ */

/* Threshold bits of Get Sensor Thresholds data byte 1, and the data byte holding each. */
static const struct {
    uint8_t bit, idx;
    const char *label;
} sensor_thr[6] = {
    {0x04, 3, " Lower Non-Recoverable : "}, {0x02, 2, " Lower Critical        : "},
    {0x01, 1, " Lower Non-Critical    : "}, {0x08, 4, " Upper Non-Critical    : "},
    {0x10, 5, " Upper Critical        : "}, {0x20, 6, " Upper Non-Recoverable : "},
};

void ik_sdrfmt_sensor_line(FILE *out, const struct ik_sdr_record *r,
                           const struct ik_sdrfmt_reading *rd, const uint8_t *thr, size_t thr_len)
{
    struct sensor_view v;
    if (!sensor_view(r, &v))
        return;
    struct sensor_reading sr;
    read_value(&v, rd, 3, &sr);
    fprintf(out, "%-16s ", id_text(v.id));
    if (!IS_THRESHOLD(v.s)) {
        if (sr.valid && sr.has_analog)
            fprintf(out, "| %-10s | %-10s | %-6s", sr.astr, sr.units, "ok");
        else if (sr.valid)
            fprintf(out, "| 0x%-8x | %-10s | 0x%02x%02x", sr.data2, "discrete", sr.data2, sr.data3);
        else
            fprintf(out, "| %-10s | %-10s | %-6s", "na", "discrete", "na");
        fprintf(out, "| %-10s| %-10s| %-10s| %-10s| %-10s| %-10s\n", "na", "na", "na", "na", "na",
                "na");
        return;
    }
    const char *status = thresh_status(&sr, "ns", ST_LIST);
    if (sr.valid && sr.has_analog)
        fprintf(out, "| %-10.3f | %-10s | %-6s", sr.aval, sr.units, status);
    else if (sr.valid)
        fprintf(out, "| 0x%-8x | %-10s | %-6s", sr.reading, sr.units, status);
    else
        fprintf(out, "| %-10s | %-10s | %-6s", "na", sr.units, "na");
    /* thresholds need a full record and the 7 bytes of Get Sensor Thresholds */
    if (v.full && thr && thr_len >= 7) {
        for (int i = 0; i < 6; i++) {
            fputs("| ", out);
            if (!(thr[0] & sensor_thr[i].bit))
                fprintf(out, "%-10s", "na");
            else if (!UNITS_DISCRETE(v.s))
                fprintf(out, "%-10.3f", conv_value(v.full, thr[sensor_thr[i].idx]));
            else
                fputs("0x-8x", out); /* ipmitool's format string, printed as is */
        }
    } else {
        fprintf(out, "| %-10s| %-10s| %-10s| %-10s| %-10s| %-10s", "na", "na", "na", "na", "na",
                "na");
    }
    fputc('\n', out);
}

int ik_sdrfmt_sensor_get(FILE *out, const struct ik_sdr_record *r,
                         const struct ik_sdrfmt_reading *rd, const uint8_t *thr, size_t thr_len,
                         const struct ik_sdrfmt_opts *o)
{
    struct sensor_view v;
    if (!sensor_view(r, &v)) {
        ik_sdrfmt_verbose(out, r, rd, o);
        return 0;
    }
    const struct ik_sdr_sensor *s = v.s;
    struct sensor_reading sr;
    read_value(&v, rd, 3, &sr);
    fprintf(out, "Sensor ID              : %s (0x%x)\n", id_text(v.id), s->number);
    fprintf(out, " Entity ID             : %d.%d\n", s->entity_id, s->entity_instance);
    if (!IS_THRESHOLD(s)) {
        fprintf(out, " Sensor Type (Discrete): %s\n", ik_sdrfmt_sensor_type(s->sensor_type));
        if (!sr.valid) {
            fputs(" Unable to read sensor: Device Not Present\n\n", out);
            return -1;
        }
        if (sr.has_analog)
            fprintf(out, " Sensor Reading        : %s %s\n", sr.astr, sr.units);
        states_block(out, o, "States Asserted", s->sensor_type, s->event_type, sr.data2, sr.data3);
        fputc('\n', out);
        return 0;
    }
    fprintf(out, " Sensor Type (Threshold)  : %s\n", ik_sdrfmt_sensor_type(s->sensor_type));
    fputs(" Sensor Reading        : ", out);
    if (sr.valid) {
        if (v.full) {
            if (sr.has_analog) {
                struct ik_sdr_conv c;
                display_conv(v.full, &c);
                double tol = ik_sdr_tolerance(&c);
                fprintf(out, "%.*f (+/- %.*f) %s\n", integral(sr.aval) ? 0 : 3, sr.aval,
                        integral(tol) ? 0 : 3, tol, sr.units);
            } else {
                fprintf(out, "0x%x (+/- 0x%x) %s\n", sr.reading, v.full->tolerance, sr.units);
            }
        } else {
            fprintf(out, "0x%x %s\n", sr.reading, sr.units);
        }
        fprintf(out, " Status                : %s\n", thresh_status(&sr, "ns", ST_VERBOSE));
        if (thr && thr_len >= 7) {
            if (v.full) {
                for (int i = 0; i < 6; i++) {
                    fputs(sensor_thr[i].label, out);
                    if (!(thr[0] & sensor_thr[i].bit))
                        fputs("na\n", out);
                    else if (!UNITS_DISCRETE(s))
                        fprintf(out, "%.3f\n", conv_value(v.full, thr[sensor_thr[i].idx]));
                    else
                        fprintf(out, "0x%x\n", thr[sensor_thr[i].idx]);
                }
            }
            hysteresis(out, &v, v.hyst_pos, "Positive Hysteresis");
            hysteresis(out, &v, v.hyst_neg, "Negative Hysteresis");
        } else {
            fputs(" Sensor Threshold Settings not available\n", out);
        }
    } else {
        fputs(" Unable to read sensor: Device Not Present\n\n", out);
    }
    if (rd) {
        event_lines(out, &v, rd->event_status, rd->event_status_len, 1, 1, o);
        event_lines(out, &v, rd->event_enable, rd->event_enable_len, 0, 1, o);
    }
    fputc('\n', out);
    return sr.valid ? 0 : -1;
}

/* The value text `ipmitool sensor reading` prints, or NULL when the sensor has none. */
const char *ik_sdrfmt_sensor_value(const struct ik_sdr_record *r,
                                   const struct ik_sdrfmt_reading *rd, char *buf, size_t cap)
{
    struct sensor_view v;
    if (!sensor_view(r, &v) || !v.full)
        return NULL;
    struct sensor_reading sr;
    read_value(&v, rd, 3, &sr);
    if (!sr.valid || !sr.has_analog)
        return NULL;
    snprintf(buf, cap, "%s", sr.astr);
    return buf;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static json_t *jreal(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *jhex(const uint8_t *p, size_t n)
{
    char buf[2 * IK_SDR_MAX_LEN + 1];
    size_t i;
    for (i = 0; i < n && 2 * i + 2 < sizeof(buf); i++)
        snprintf(buf + 2 * i, 3, "%02x", p[i]);
    buf[2 * i] = '\0';
    return json_string(buf);
}

static void jset(json_t *o, const char *key, json_t *v)
{
    json_object_set_new(o, key, v ? v : json_null());
}

static json_t *jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *json_id(const struct ik_sdr_id *id)
{
    static const char *const enc[] = {"unicode", "bcd-plus", "6-bit-ascii", "8-bit-ascii"};
    json_t *o = json_object();
    jset(o, "encoding", json_string(enc[id->enc & 3]));
    jset(o, "length", json_integer(id->len));
    jset(o, "text", json_string(id->text));
    jset(o, "raw", jhex(id->raw, id->len));
    return o;
}

static void json_entity(json_t *o, uint8_t id, uint8_t instance, int logical)
{
    jset(o, "entity_id", json_integer(id));
    jset(o, "entity_id_name", jstr_or_null(ik_entity_name(id)));
    jset(o, "entity_instance", json_integer(instance));
    if (logical >= 0)
        jset(o, "entity_instance_logical", json_boolean(logical));
}

static json_t *json_thr_names(uint8_t mask)
{
    static const char *const n[6] = {"lnc", "lcr", "lnr", "unc", "ucr", "unr"};
    json_t *a = json_array();
    for (int i = 0; i < 6; i++)
        if (mask & (1u << i))
            json_array_append_new(a, json_string(n[i]));
    return a;
}

/* Threshold event bits (low 12 bits of a mask): "lnc-low", "lnc-high", ... */
static json_t *json_thr_events(uint16_t mask)
{
    static const char *const n[6] = {"lnc", "lcr", "lnr", "unc", "ucr", "unr"};
    json_t *a = json_array();
    char buf[16];
    for (int i = 0; i < 12; i++) {
        if (!(mask & (1u << i)))
            continue;
        snprintf(buf, sizeof(buf), "%s-%s", n[i / 2], i & 1 ? "high" : "low");
        json_array_append_new(a, json_string(buf));
    }
    return a;
}

static json_t *json_offsets(uint16_t mask)
{
    json_t *a = json_array();
    for (int i = 0; i < 15; i++)
        if (mask & (1u << i))
            json_array_append_new(a, json_integer(i));
    return a;
}

static void json_sensor_common(json_t *o, const struct ik_sdr_sensor *s)
{
    static const char *const access[] = {"none", "readable", "readable-settable", "fixed"};
    static const char *const evmsg[] = {"per-threshold-or-state", "entire-sensor", "global-disable",
                                        "none"};
    static const char *const fmt[] = {"unsigned", "1s-complement", "2s-complement", "none"};
    static const char *const rate[] = {"none",       "per-us",   "per-ms",  "per-s",
                                       "per-minute", "per-hour", "per-day", "reserved"};
    static const char *const modrel[] = {"none", "divide", "multiply", "reserved"};
    char units[48];

    jset(o, "sensor_owner_id", json_integer(s->owner_id));
    jset(o, "sensor_owner_is_software", json_boolean(s->owner_id & 1));
    jset(o, "sensor_owner_lun", json_integer(s->owner_lun));
    jset(o, "channel_number", json_integer(s->channel));
    jset(o, "sensor_number", json_integer(s->number));
    json_entity(o, s->entity_id, s->entity_instance, s->entity_logical);

    json_t *init = json_object();
    jset(init, "settable_sensor", json_boolean(s->settable));
    jset(init, "init_scanning", json_boolean(s->init_scanning));
    jset(init, "init_events", json_boolean(s->init_events));
    jset(init, "init_thresholds", json_boolean(s->init_thresholds));
    jset(init, "init_hysteresis", json_boolean(s->init_hysteresis));
    jset(init, "init_sensor_type", json_boolean(s->init_sensor_type));
    jset(init, "event_generation_enabled", json_boolean(s->events_enabled));
    jset(init, "sensor_scanning_enabled", json_boolean(s->scanning_enabled));
    jset(o, "sensor_initialization", init);

    json_t *cap = json_object();
    jset(cap, "ignore_sensor", json_boolean(s->ignore));
    jset(cap, "auto_rearm", json_boolean(s->auto_rearm));
    jset(cap, "hysteresis_support", json_string(access[s->hysteresis_access & 3]));
    jset(cap, "threshold_access_support", json_string(access[s->threshold_access & 3]));
    jset(cap, "event_message_control", json_string(evmsg[s->event_msg_control & 3]));
    jset(o, "sensor_capabilities", cap);

    jset(o, "sensor_type", json_integer(s->sensor_type));
    jset(o, "sensor_type_name", json_string(ik_sdrfmt_sensor_type(s->sensor_type)));
    jset(o, "event_reading_type", json_integer(s->event_type));
    jset(o, "assertion_event_mask", json_integer(s->assert_mask));
    jset(o, "deassertion_event_mask", json_integer(s->deassert_mask));
    jset(o, "reading_mask", json_integer(s->reading_mask));
    if (IS_THRESHOLD(s)) {
        jset(o, "assertion_events", json_thr_events(s->assert_mask));
        jset(o, "deassertion_events", json_thr_events(s->deassert_mask));
        jset(o, "thresholds_returned",
             json_thr_names(IK_SDR_THR_COMPARED(s->assert_mask, s->deassert_mask)));
        jset(o, "thresholds_readable", json_thr_names(IK_SDR_THR_READABLE(s->reading_mask)));
        jset(o, "thresholds_settable", json_thr_names(IK_SDR_THR_SETTABLE(s->reading_mask)));
    } else {
        jset(o, "assertion_event_offsets", json_offsets(s->assert_mask));
        jset(o, "deassertion_event_offsets", json_offsets(s->deassert_mask));
        jset(o, "reading_offsets", json_offsets(s->reading_mask));
    }

    json_t *u = json_object();
    jset(u, "analog_data_format", json_string(fmt[s->units.format & 3]));
    jset(u, "rate_unit", json_string(rate[s->units.rate & 7]));
    jset(u, "modifier_unit_relation", json_string(modrel[s->units.modifier & 3]));
    jset(u, "percentage", json_boolean(s->units.percentage));
    jset(u, "base_unit", json_integer(s->units.base_unit));
    jset(u, "base_unit_name", jstr_or_null(ik_unit_name(s->units.base_unit)));
    jset(u, "modifier_unit", json_integer(s->units.modifier_unit));
    jset(u, "modifier_unit_name", jstr_or_null(ik_unit_name(s->units.modifier_unit)));
    ik_sdrfmt_units(&s->units, units, sizeof(units));
    jset(u, "text", json_string(units));
    jset(o, "sensor_units", u);
}

static json_t *json_share(const struct ik_sdr_record *r, const struct ik_sdr_share *sh)
{
    static const char *const dir[] = {"unspecified", "input", "output", "reserved"};
    json_t *o = json_object();
    jset(o, "share_count", json_integer(sh->count));
    jset(o, "id_string_instance_modifier_type",
         json_string(sh->modifier_type == 1   ? "alpha"
                     : sh->modifier_type == 0 ? "numeric"
                                              : "reserved"));
    jset(o, "id_string_instance_modifier_offset", json_integer(sh->modifier_offset));
    jset(o, "entity_instance_sharing", json_boolean(sh->entity_sharing));
    jset(o, "sensor_direction", json_string(dir[sh->direction & 3]));
    json_t *list = json_array();
    unsigned n = ik_sdr_sensor_count(r);
    for (unsigned i = 0; i < n; i++) {
        char name[IK_SDR_NAME_MAX];
        uint8_t num, inst;
        if (ik_sdr_shared_name(r, i, name, sizeof(name)) < 0 ||
            ik_sdr_shared_sensor(r, i, &num, &inst) < 0)
            continue;
        json_t *e = json_object();
        jset(e, "name", json_string(name));
        jset(e, "sensor_number", json_integer(num));
        jset(e, "entity_instance", json_integer(inst));
        json_array_append_new(list, e);
    }
    jset(o, "sensors", list);
    return o;
}

/* {"raw": n, "value": converted or null} */
static json_t *json_val(const struct ik_sdr_conv *c, uint8_t raw)
{
    json_t *o = json_object();
    double v;
    jset(o, "raw", json_integer(raw));
    jset(o, "value", ik_sdr_raw_to_value(c, raw, &v) == 0 ? json_real(v) : json_null());
    return o;
}

static json_t *json_hyst(const struct ik_sdr_conv *c, uint8_t raw)
{
    json_t *o = json_object();
    jset(o, "raw", json_integer(raw));
    jset(o, "value", c ? jreal(ik_sdr_hysteresis_to_real(c, raw)) : json_null());
    return o;
}

static void json_full(json_t *o, const struct ik_sdr_full *f)
{
    static const char *const dir[] = {"unspecified", "input", "output", "reserved"};
    struct ik_sdr_conv c;
    ik_sdr_full_conv(f, &c);
    json_sensor_common(o, &f->s);
    jset(o, "linearization", json_integer(f->linearization));
    jset(o, "linearization_name", jstr_or_null(ik_sdr_lin_name(f->linearization)));
    jset(o, "m", json_integer(f->m));
    jset(o, "tolerance", json_integer(f->tolerance));
    jset(o, "b", json_integer(f->b));
    jset(o, "accuracy", json_integer(f->accuracy));
    jset(o, "accuracy_exp", json_integer(f->accuracy_exp));
    jset(o, "sensor_direction", json_string(dir[f->direction & 3]));
    jset(o, "r_exp", json_integer(f->r_exp));
    jset(o, "b_exp", json_integer(f->b_exp));
    jset(o, "tolerance_value", jreal(ik_sdr_tolerance(&c)));
    jset(o, "accuracy_percent", json_real(ik_sdr_accuracy_pct(&c)));

    json_t *fl = json_object();
    jset(fl, "nominal_reading_specified", json_boolean(f->nominal_specified));
    jset(fl, "normal_max_specified", json_boolean(f->normal_max_specified));
    jset(fl, "normal_min_specified", json_boolean(f->normal_min_specified));
    jset(o, "analog_characteristic_flags", fl);
    jset(o, "nominal_reading", json_val(&c, f->nominal));
    jset(o, "normal_maximum", json_val(&c, f->normal_max));
    jset(o, "normal_minimum", json_val(&c, f->normal_min));
    jset(o, "sensor_maximum_reading", json_val(&c, f->sensor_max));
    jset(o, "sensor_minimum_reading", json_val(&c, f->sensor_min));
    json_t *t = json_object();
    jset(t, "upper_non_recoverable", json_val(&c, f->thresholds[IK_SDR_UNR]));
    jset(t, "upper_critical", json_val(&c, f->thresholds[IK_SDR_UCR]));
    jset(t, "upper_non_critical", json_val(&c, f->thresholds[IK_SDR_UNC]));
    jset(t, "lower_non_recoverable", json_val(&c, f->thresholds[IK_SDR_LNR]));
    jset(t, "lower_critical", json_val(&c, f->thresholds[IK_SDR_LCR]));
    jset(t, "lower_non_critical", json_val(&c, f->thresholds[IK_SDR_LNC]));
    jset(o, "thresholds", t);
    jset(o, "positive_going_threshold_hysteresis", json_hyst(&c, f->hyst_pos));
    jset(o, "negative_going_threshold_hysteresis", json_hyst(&c, f->hyst_neg));
    jset(o, "oem", json_integer(f->oem));
    jset(o, "id_string", json_id(&f->id));
}

static json_t *json_reading(const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd)
{
    if (!rd || !rd->have)
        return json_null();
    json_t *o = json_object();
    jset(o, "raw", json_integer(rd->raw));
    jset(o, "event_messages_enabled", json_boolean(rd->flags & 0x80));
    jset(o, "scanning_enabled", json_boolean(rd->flags & 0x40));
    jset(o, "unavailable", json_boolean(rd->flags & 0x20));
    jset(o, "state", json_integer(rd->state1 | (rd->state2 & 0x7F) << 8));
    double v;
    json_t *val = NULL;
    if (r->hdr.type == IK_SDR_FULL && !(rd->flags & 0x20) && (rd->flags & 0x40)) {
        struct ik_sdr_conv c;
        ik_sdr_full_conv(&r->u.full, &c);
        if ((c.linearization & 0x7F) >= IK_SDR_LIN_NONLINEAR && rd->factors) {
            c = *rd->factors;
            c.format = r->u.full.s.units.format;
            c.linearization = IK_SDR_LIN_LINEAR;
        }
        if (ik_sdr_raw_to_value(&c, rd->raw, &v) == 0)
            val = json_real(v);
    }
    jset(o, "value", val); /* NULL becomes JSON null */
    return o;
}

json_t *ik_sdrfmt_json(const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    jset(o, "record_id", json_integer(r->hdr.record_id));
    jset(o, "sdr_version", json_integer(r->hdr.version));
    jset(o, "record_type", json_integer(r->hdr.type));
    jset(o, "record_type_name", jstr_or_null(ik_sdr_type_name(r->hdr.type)));
    jset(o, "record_length", json_integer(r->hdr.length));
    switch (r->hdr.type) {
    case IK_SDR_FULL:
        json_full(o, &r->u.full);
        jset(o, "reading", json_reading(r, rd));
        break;
    case IK_SDR_COMPACT: {
        const struct ik_sdr_compact *c = &r->u.compact;
        json_sensor_common(o, &c->s);
        jset(o, "sensor_record_sharing", json_share(r, &c->share));
        jset(o, "positive_going_threshold_hysteresis", json_hyst(NULL, c->hyst_pos));
        jset(o, "negative_going_threshold_hysteresis", json_hyst(NULL, c->hyst_neg));
        jset(o, "oem", json_integer(c->oem));
        jset(o, "id_string", json_id(&c->id));
        jset(o, "reading", json_reading(r, rd));
        break;
    }
    case IK_SDR_EVENT_ONLY: {
        const struct ik_sdr_event_only *e = &r->u.event_only;
        jset(o, "sensor_owner_id", json_integer(e->owner_id));
        jset(o, "sensor_owner_is_software", json_boolean(e->owner_id & 1));
        jset(o, "sensor_owner_lun", json_integer(e->owner_lun));
        jset(o, "fru_inventory_device_owner_lun", json_integer(e->fru_lun));
        jset(o, "channel_number", json_integer(e->channel));
        jset(o, "sensor_number", json_integer(e->number));
        json_entity(o, e->entity_id, e->entity_instance, e->entity_logical);
        jset(o, "sensor_type", json_integer(e->sensor_type));
        jset(o, "sensor_type_name", json_string(ik_sdrfmt_sensor_type(e->sensor_type)));
        jset(o, "event_reading_type", json_integer(e->event_type));
        jset(o, "sensor_record_sharing", json_share(r, &e->share));
        jset(o, "oem", json_integer(e->oem));
        jset(o, "id_string", json_id(&e->id));
        break;
    }
    case IK_SDR_ENTITY_ASSOC:
    case IK_SDR_DEV_ENTITY_ASSOC: {
        int dev = r->hdr.type == IK_SDR_DEV_ENTITY_ASSOC;
        const struct ik_sdr_entity_assoc *a = &r->u.entity_assoc;
        const struct ik_sdr_dev_entity_assoc *d = &r->u.dev_entity_assoc;
        uint8_t cid = dev ? d->container_id : a->container_id;
        jset(o, "container_entity_id", json_integer(cid));
        jset(o, "container_entity_id_name", jstr_or_null(ik_entity_name(cid)));
        jset(o, "container_entity_instance",
             json_integer(dev ? d->container_instance : a->container_instance));
        if (dev) {
            jset(o, "container_entity_device_address", json_integer(d->container_addr));
            jset(o, "container_entity_device_channel", json_integer(d->container_channel));
        }
        jset(o, "contained_entities_are_ranges", json_boolean(dev ? d->range : a->range));
        jset(o, "linked_records_exist", json_boolean(dev ? d->linked : a->linked));
        jset(o, "sensor_presence", json_boolean(dev ? d->presence : a->presence));
        json_t *list = json_array();
        for (int i = 0; i < 4; i++) {
            json_t *e = json_object();
            uint8_t id = dev ? d->entity[i].id : a->entity[i][0];
            jset(e, "entity_id", json_integer(id));
            jset(e, "entity_id_name", jstr_or_null(ik_entity_name(id)));
            jset(e, "entity_instance", json_integer(dev ? d->entity[i].instance : a->entity[i][1]));
            if (dev) {
                jset(e, "device_address", json_integer(d->entity[i].addr));
                jset(e, "device_channel", json_integer(d->entity[i].channel));
            }
            json_array_append_new(list, e);
        }
        jset(o, "contained_entities", list);
        break;
    }
    case IK_SDR_GENERIC_LOCATOR: {
        const struct ik_sdr_generic_locator *g = &r->u.generic;
        jset(o, "device_access_address", json_integer(g->access_addr));
        jset(o, "device_slave_address", json_integer(g->slave_addr));
        jset(o, "channel_number", json_integer(g->channel));
        jset(o, "access_lun", json_integer(g->access_lun));
        jset(o, "private_bus_id", json_integer(g->bus));
        jset(o, "address_span", json_integer(g->addr_span));
        jset(o, "device_type", json_integer(g->device_type));
        jset(o, "device_type_modifier", json_integer(g->device_modifier));
        jset(o, "device_type_name",
             jstr_or_null(ik_sdr_device_type_name(g->device_type, g->device_modifier)));
        json_entity(o, g->entity_id, g->entity_instance, g->entity_logical);
        jset(o, "oem", json_integer(g->oem));
        jset(o, "device_id_string", json_id(&g->id));
        break;
    }
    case IK_SDR_FRU_LOCATOR: {
        const struct ik_sdr_fru_locator *f = &r->u.fru;
        jset(o, "device_access_address", json_integer(f->access_addr));
        jset(o, f->logical ? "fru_device_id" : "device_slave_address", json_integer(f->device_id));
        jset(o, "logical_fru_device", json_boolean(f->logical));
        jset(o, "access_lun", json_integer(f->access_lun));
        jset(o, "private_bus_id", json_integer(f->bus));
        jset(o, "channel_number", json_integer(f->channel));
        jset(o, "device_type", json_integer(f->device_type));
        jset(o, "device_type_modifier", json_integer(f->device_modifier));
        jset(o, "device_type_name",
             jstr_or_null(ik_sdr_device_type_name(f->device_type, f->device_modifier)));
        json_entity(o, f->entity_id, f->entity_instance, -1);
        jset(o, "oem", json_integer(f->oem));
        jset(o, "device_id_string", json_id(&f->id));
        break;
    }
    case IK_SDR_MC_LOCATOR: {
        static const char *const gen[] = {"enable", "disable", "do-not-initialize", "reserved"};
        static const char *const capn[8] = {
            "sensor_device",       "sdr_repository_device", "sel_device", "fru_inventory_device",
            "ipmb_event_receiver", "ipmb_event_generator",  "bridge",     "chassis_device"};
        const struct ik_sdr_mc_locator *m = &r->u.mc;
        jset(o, "device_slave_address", json_integer(m->slave_addr));
        jset(o, "channel_number", json_integer(m->channel));
        jset(o, "acpi_system_power_state_notification", json_boolean(m->acpi_system_notify));
        jset(o, "acpi_device_power_state_notification", json_boolean(m->acpi_device_notify));
        jset(o, "controller_presence_static", json_boolean(m->static_presence));
        jset(o, "controller_logs_init_agent_errors", json_boolean(m->logs_init_errors));
        jset(o, "log_init_agent_errors", json_boolean(m->log_init_errors));
        jset(o, "event_message_generation", json_string(gen[m->event_msg_gen & 3]));
        json_t *cap = json_object();
        for (int i = 0; i < 8; i++)
            jset(cap, capn[i], json_boolean(m->capabilities & (1u << i)));
        jset(o, "device_capabilities", cap);
        json_entity(o, m->entity_id, m->entity_instance, m->entity_logical);
        jset(o, "oem", json_integer(m->oem));
        jset(o, "device_id_string", json_id(&m->id));
        break;
    }
    case IK_SDR_MC_CONFIRM: {
        const struct ik_sdr_mc_confirm *m = &r->u.mc_confirm;
        jset(o, "device_slave_address", json_integer(m->slave_addr));
        jset(o, "device_id", json_integer(m->device_id));
        jset(o, "device_revision", json_integer(m->device_revision));
        jset(o, "channel_number", json_integer(m->channel));
        jset(o, "firmware_major_revision", json_integer(m->fw_major));
        jset(o, "firmware_minor_revision", json_integer(m->fw_minor));
        jset(o, "ipmi_version", json_integer(m->ipmi_version));
        jset(o, "manufacturer_id", json_integer(m->manufacturer));
        jset(o, "product_id", json_integer(m->product));
        jset(o, "device_guid", jhex(m->guid, sizeof(m->guid)));
        break;
    }
    case IK_SDR_BMC_CHANNEL: {
        const struct ik_sdr_bmc_channel *c = &r->u.bmc_channel;
        json_t *list = json_array();
        for (int i = 0; i < 8; i++) {
            json_t *e = json_object();
            jset(e, "transmit_supported", json_boolean(c->ch[i].transmit));
            jset(e, "message_receive_lun", json_integer(c->ch[i].lun));
            jset(e, "channel_protocol", json_integer(c->ch[i].protocol));
            json_array_append_new(list, e);
        }
        jset(o, "channels", list);
        jset(o, "messaging_interrupt_type", json_integer(c->msg_interrupt));
        jset(o, "event_message_buffer_interrupt_type", json_integer(c->event_interrupt));
        break;
    }
    case IK_SDR_OEM:
        jset(o, "manufacturer_id", json_integer(r->u.oem.manufacturer));
        jset(o, "oem_data", jhex(r->u.oem.data, r->u.oem.len));
        break;
    default:
        jset(o, "record_data", jhex(r->u.raw.data, r->u.raw.len));
        break;
    }
    if (r->pad)
        jset(o, "pad_bytes", json_integer(r->pad));
    return o;
}
