/*
 * SEL record text (ipmitool's `sel elist` and `sel get` shapes plus the full interpretation)
 * and JSON. The text path is hot (`sel decode` of a million records): it appends into the
 * caller's buffer with small helpers, caches the last local-time conversion, and calls no
 * printf-family function per field.
 */
#include "selfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipmikit/names.h"

/* ---- bounded appender ----------------------------------------------------------------- */

struct sb {
    char *p;
    char *end; /* the last byte of the buffer, kept for the NUL */
    char *start;
    int room; /* 0 when the buffer has no byte at all */
};

static void sb_init(struct sb *s, char *buf, size_t cap)
{
    s->start = s->p = buf;
    s->end = cap ? buf + cap - 1 : buf;
    s->room = cap != 0;
}

static size_t sb_done(struct sb *s)
{
    if (s->room)
        *s->p = '\0';
    return (size_t)(s->p - s->start);
}

static inline void sb_ch(struct sb *s, char c)
{
    if (s->p < s->end)
        *s->p++ = c;
}

static inline void sb_mem(struct sb *s, const char *m, size_t n)
{
    size_t room = (size_t)(s->end - s->p);
    if (n > room)
        n = room;
    memcpy(s->p, m, n);
    s->p += n;
}

static inline void sb_str(struct sb *s, const char *str)
{
    sb_mem(s, str, strlen(str));
}

#define SB_LIT(s, lit) sb_mem((s), (lit), sizeof(lit) - 1)

static const char hexd[] = "0123456789abcdef";

static inline void sb_hex2(struct sb *s, uint8_t v)
{
    if (s->end - s->p >= 2) {
        s->p[0] = hexd[v >> 4];
        s->p[1] = hexd[v & 15];
        s->p += 2;
    }
}

static void sb_hex4(struct sb *s, uint16_t v)
{
    sb_hex2(s, (uint8_t)(v >> 8));
    sb_hex2(s, (uint8_t)v);
}

/* Unsigned decimal, zero-padded to at least width digits. */
static void sb_dec(struct sb *s, uint32_t v, int width)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width && n < (int)sizeof(tmp))
        tmp[n++] = '0';
    while (n > 0)
        sb_ch(s, tmp[--n]);
}

/* printf("%4x"): lowercase hex right-aligned in 4 columns. */
static void sb_hex_w4(struct sb *s, uint16_t v)
{
    char tmp[4];
    int n = 0;
    do {
        tmp[n++] = hexd[v & 15];
        v >>= 4;
    } while (v);
    for (int i = n; i < 4; i++)
        sb_ch(s, ' ');
    while (n > 0)
        sb_ch(s, tmp[--n]);
}

/* Printable bytes as they are; control characters and bytes >= 7Fh as '.', so a record
 * can never break the one-line-per-record shape. */
static void sb_safe(struct sb *s, const char *str, size_t n)
{
    for (size_t i = 0; i < n && str[i]; i++) {
        unsigned char c = (unsigned char)str[i];
        sb_ch(s, c >= 0x20 && c < 0x7F ? (char)c : '.');
    }
}

/* ---- time ------------------------------------------------------------------------------ */

void ik_selfmt_init(struct ik_selfmt *f)
{
    memset(f, 0, sizeof(*f));
}

struct hms {
    int year, mon, mday, hour, min, sec;
    const char *zone;
};

/* Civil date from days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void hms_from_secs(int64_t t, struct hms *out)
{
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t rem = t - days * 86400;
    civil_from_days(days, &out->year, &out->mon, &out->mday);
    out->hour = (int)(rem / 3600);
    out->min = (int)(rem / 60 % 60);
    out->sec = (int)(rem % 60);
}

/*
 * Broken-down time as ipmitool computes it: local time (or UTC with f->utc), except that a
 * stamp at or below 20000000h counts seconds since BMC start and is never shifted.
 *
 * Local time is the hot part of `sel decode`, so localtime_r runs at most a few times per
 * UTC day: when the zone's offset and name are the same at both ends of the day, every
 * second of the day has them and the date is plain arithmetic. On a day with a zone change
 * the 15-minute slot of the stamp is converted instead (zone changes fall on 15-minute
 * UTC boundaries), and within a slot only minutes and seconds move.
 */
static void to_hms(struct ik_selfmt *f, uint32_t ts, struct hms *out)
{
    time_t t = (time_t)ts;
    struct tm tm;
    if (f->utc || ts <= IK_SEL_TS_INIT_MAX) {
        hms_from_secs((int64_t)ts, out);
        out->zone = ts <= IK_SEL_TS_INIT_MAX ? "GMT" : "UTC";
        return;
    }
    int64_t day = (int64_t)ts / 86400;
    if (!f->day_valid || day != f->day) {
        struct tm a, b;
        time_t t0 = (time_t)(day * 86400), t1 = (time_t)(day * 86400 + 86399);
        localtime_r(&t0, &a);
        localtime_r(&t1, &b);
        f->day = day;
        f->day_valid = 1;
        f->day_uniform = a.tm_gmtoff == b.tm_gmtoff && a.tm_isdst == b.tm_isdst && a.tm_zone &&
                         b.tm_zone && strcmp(a.tm_zone, b.tm_zone) == 0;
        f->day_off = a.tm_gmtoff;
        snprintf(f->day_zone, sizeof(f->day_zone), "%s", a.tm_zone ? a.tm_zone : "");
    }
    if (f->day_uniform) {
        hms_from_secs((int64_t)ts + f->day_off, out);
        out->zone = f->day_zone;
        return;
    }
    int64_t slot = (int64_t)ts / 900;
    if (f->slot_valid && slot == f->slot) {
        int into = (int)((int64_t)ts - slot * 900); /* 0..899 */
        int total = f->slot_min * 60 + f->slot_sec + into;
        if (total < 3600) {
            out->year = f->slot_year;
            out->mon = f->slot_mon;
            out->mday = f->slot_mday;
            out->hour = f->slot_hour;
            out->min = total / 60;
            out->sec = total % 60;
            out->zone = f->slot_zone;
            return;
        }
    }
    time_t base = (time_t)(slot * 900);
    struct tm btm;
    localtime_r(&base, &btm);
    f->slot = slot;
    f->slot_valid = 1;
    f->slot_year = btm.tm_year + 1900;
    f->slot_mon = btm.tm_mon + 1;
    f->slot_mday = btm.tm_mday;
    f->slot_hour = btm.tm_hour;
    f->slot_min = btm.tm_min;
    f->slot_sec = btm.tm_sec;
    snprintf(f->slot_zone, sizeof(f->slot_zone), "%s", btm.tm_zone ? btm.tm_zone : "");
    localtime_r(&t, &tm);
    out->year = tm.tm_year + 1900;
    out->mon = tm.tm_mon + 1;
    out->mday = tm.tm_mday;
    out->hour = tm.tm_hour;
    out->min = tm.tm_min;
    out->sec = tm.tm_sec;
    out->zone = f->slot_zone;
}

/* strftime("%x") in the C locale: mm/dd/yy. */
static void sb_date(struct sb *s, const struct hms *h)
{
    sb_dec(s, (uint32_t)h->mon, 2);
    sb_ch(s, '/');
    sb_dec(s, (uint32_t)h->mday, 2);
    sb_ch(s, '/');
    sb_dec(s, (uint32_t)(h->year % 100), 2);
}

/* strftime("%X %Z") in the C locale. */
static void sb_time(struct sb *s, const struct hms *h)
{
    sb_dec(s, (uint32_t)h->hour, 2);
    sb_ch(s, ':');
    sb_dec(s, (uint32_t)h->min, 2);
    sb_ch(s, ':');
    sb_dec(s, (uint32_t)h->sec, 2);
    sb_ch(s, ' ');
    sb_str(s, h->zone);
}

/* ipmitool's verbose date for a pre-init stamp: "S+ %y/%j" of the stamp read as UTC. */
static void sb_preinit_date(struct sb *s, uint32_t ts)
{
    uint32_t days = ts / 86400;
    /* years since 1970 and day of year, as gmtime would give */
    uint32_t y = 1970;
    for (;;) {
        uint32_t ylen = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
        if (days < ylen)
            break;
        days -= ylen;
        y++;
    }
    SB_LIT(s, "S+ ");
    sb_dec(s, y % 100, 2);
    sb_ch(s, '/');
    sb_dec(s, days + 1, 3);
}

/* ---- elist ----------------------------------------------------------------------------- */

static void sb_sensor(struct ik_selfmt *f, struct sb *s, const struct ik_sel_event *ev,
                      struct ik_selfmt_sensor *sensor, int *have_sensor)
{
    *have_sensor = f->lookup && f->lookup(f->lookup_ctx, ev, sensor) == 1;
    sb_str(s, ik_selfmt_sensor_type(ev->sensor_type));
    if (*have_sensor && sensor->name) {
        sb_ch(s, ' ');
        sb_safe(s, sensor->name, 16);
    } else if (ev->sensor_num != 0) {
        SB_LIT(s, " #0x");
        sb_hex2(s, ev->sensor_num);
    }
}

/* printf("%.*f", v == (int)v ? 0 : 2, v) */
static void sb_reading(struct sb *s, double v)
{
    char tmp[64];
    /* (int)v is undefined out of int's range; there ipmitool's x86 result never equals v */
    int whole = isfinite(v) && v >= -2147483648.0 && v <= 2147483647.0 && v == (double)(int)v;
    int n = snprintf(tmp, sizeof(tmp), "%.*f", whole ? 0 : 2, v);
    if (n > 0)
        sb_mem(s, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

void ik_selfmt_panic_init(struct ik_selfmt_panic *p)
{
    ik_sel_panic_reset(&p->a);
    p->first_id = 0;
}

const char *ik_selfmt_panic_next(struct ik_selfmt_panic *p, const struct ik_sel_record *r,
                                 const struct ik_sel_record *next)
{
    struct ik_sel_panic_chunk c, nc;
    if (!ik_sel_panic_chunk(r, &c))
        return NULL;
    if (!ik_sel_panic_continues(&p->a, &c))
        p->first_id = r->record_id; /* ik_sel_panic_add starts a new message */
    ik_sel_panic_add(&p->a, &c);
    if (next && ik_sel_panic_chunk(next, &nc) && ik_sel_panic_continues(&p->a, &nc))
        return NULL;
    return p->a.text;
}

size_t ik_selfmt_panic_line(const struct ik_selfmt_panic *p, const struct ik_sel_record *r,
                            char *buf, size_t cap)
{
    struct sb s;
    if (p->a.nchunks < 2)
        return 0;
    sb_init(&s, buf, cap);
    sb_hex_w4(&s, p->first_id);
    sb_ch(&s, '-');
    char id[8];
    int n = snprintf(id, sizeof(id), "%x", r->record_id);
    sb_mem(&s, id, (size_t)n);
    SB_LIT(&s, " | Linux kernel panic message: ");
    sb_safe(&s, p->a.text, p->a.len);
    sb_ch(&s, '\n');
    return sb_done(&s);
}

size_t ik_selfmt_elist(struct ik_selfmt *f, const struct ik_sel_record *r, char *buf, size_t cap)
{
    struct sb s;
    sb_init(&s, buf, cap);
    sb_hex_w4(&s, r->record_id);
    SB_LIT(&s, " | ");

    if (r->record_type == 0xF0) {
        /* ipmitool: every F0h record is a Linux panic chunk, "%.11s" of bytes 5-15 */
        SB_LIT(&s, "Linux kernel panic: ");
        sb_safe(&s, (const char *)r->raw + 5, 11);
        sb_ch(&s, '\n');
        return sb_done(&s);
    }

    if (r->record_type < 0xE0) {
        uint32_t ts = r->timestamp;
        if (ts < IK_SEL_TS_INIT_MAX) {
            SB_LIT(&s, " Pre-Init  |");
            sb_dec(&s, ts, 10);
            SB_LIT(&s, "| ");
        } else if (ts == IK_SEL_TS_UNSPECIFIED) {
            SB_LIT(&s, "Unspecified | Unspecified | ");
        } else {
            struct hms h;
            to_hms(f, ts, &h);
            sb_date(&s, &h);
            SB_LIT(&s, " | ");
            sb_time(&s, &h);
            SB_LIT(&s, " | ");
        }
    }

    if (r->record_type >= 0xC0) {
        SB_LIT(&s, "OEM record ");
        sb_hex2(&s, r->record_type);
        SB_LIT(&s, " | ");
        if (r->record_type <= 0xDF) {
            /* manufacturer ID most significant byte first, as ipmitool prints it */
            sb_hex2(&s, (uint8_t)(r->manufacturer >> 16));
            sb_hex2(&s, (uint8_t)(r->manufacturer >> 8));
            sb_hex2(&s, (uint8_t)r->manufacturer);
            SB_LIT(&s, " | ");
            for (int i = 0; i < 6; i++)
                sb_hex2(&s, r->oem[i]);
        } else {
            for (int i = 0; i < 13; i++)
                sb_hex2(&s, r->oem[i]);
        }
        sb_ch(&s, '\n');
        return sb_done(&s);
    }

    const struct ik_sel_event *ev = &r->ev;
    struct ik_selfmt_sensor sensor;
    int have_sensor;
    sb_sensor(f, &s, ev, &sensor, &have_sensor);
    SB_LIT(&s, " | ");
    const char *desc = ik_selfmt_description(ev);
    if (desc)
        sb_str(&s, desc);
    SB_LIT(&s, " | ");
    if (ev->deassertion)
        SB_LIT(&s, "Deasserted");
    else
        SB_LIT(&s, "Asserted");

    if (have_sensor && sensor.convert && ev->event_type == 0x01) {
        /* ipmitool with an SDR: the trigger reading (0 when data 2 has none) and, when
         * data 3 holds it, the threshold with '>' for odd ("going high") offsets. */
        double reading = 0.0;
        if (((ev->data[0] >> 6) & 3) == 1)
            reading = sensor.convert(sensor.sdr, ev->data[1]);
        SB_LIT(&s, " | Reading ");
        sb_reading(&s, reading);
        if (((ev->data[0] >> 4) & 3) == 1) {
            double thr = sensor.convert(sensor.sdr, ev->data[2]);
            /* odd offsets go high (table 42-2); a deassertion reverses the comparison */
            int high = ((ev->data[0] & 0x0F) % 2) != ev->deassertion;
            sb_str(&s, high ? " > Threshold " : " < Threshold ");
            sb_reading(&s, thr);
            sb_ch(&s, ' ');
            sb_str(&s, sensor.unit ? sensor.unit : "");
        }
    } else if (ev->event_type == 0x6F && ev->sensor_type == 0x0C && ev->sensor_num == 0 &&
               (ev->data[0] & 0x30) == 0x20) {
        /* ipmitool's memory ECC breakdown of OEM data 3: CPU in [3:0], DIMM in [7:4] */
        SB_LIT(&s, " | CPU ");
        sb_dec(&s, ev->data[2] & 0x0F, 1);
        SB_LIT(&s, " DIMM ");
        sb_dec(&s, ev->data[2] >> 4, 1);
    }
    sb_ch(&s, '\n');
    return sb_done(&s);
}

/* ---- verbose ----------------------------------------------------------------------------- */

/* " Label                 : " (ipmitool's 22-column label field) */
static void sb_label(struct sb *s, const char *label)
{
    size_t n = strlen(label);
    sb_ch(s, ' ');
    sb_mem(s, label, n);
    for (size_t i = n; i < 22; i++)
        sb_ch(s, ' ');
    SB_LIT(s, ": ");
}

static void sb_u(struct sb *s, uint32_t v)
{
    sb_dec(s, v, 1);
}

/* "0x%02x" */
static void sb_0x(struct sb *s, uint32_t v)
{
    SB_LIT(s, "0x");
    if (v > 0xFF)
        sb_hex4(s, (uint16_t)v);
    else
        sb_hex2(s, (uint8_t)v);
}

static const char *event_type_ipmitool(uint8_t et)
{
    if (et == 0)
        return "Unspecified";
    if (et == 1)
        return "Threshold";
    if (et >= 0x02 && et <= 0x0B) /* ipmitool stops at 0Bh; 0Ch (ACPI) is "Reserved" */
        return "Generic Discrete";
    if (et == 0x6F)
        return "Sensor-specific Discrete";
    if (et >= 0x70 && et <= 0x7F)
        return "OEM";
    return "Reserved";
}

/* hex2ascii from ipmitool: bytes outside 40h-7Eh shown as '.' */
static void sb_oem_ascii(struct sb *s, const uint8_t *p, size_t n)
{
    SB_LIT(s, " [");
    for (size_t i = 0; i < n; i++)
        sb_ch(s, p[i] >= 0x40 && p[i] <= 0x7E ? (char)p[i] : '.');
    SB_LIT(s, "]\n");
}

static void sb_timestamp_line(struct ik_selfmt *f, struct sb *s, uint32_t ts)
{
    sb_label(s, "Timestamp");
    if (ts == IK_SEL_TS_UNSPECIFIED) {
        SB_LIT(s, "Unspecified Unspecified");
    } else {
        struct hms h;
        to_hms(f, ts, &h);
        if (ts < IK_SEL_TS_INIT_MAX)
            sb_preinit_date(s, ts);
        else
            sb_date(s, &h);
        sb_ch(s, ' ');
        sb_time(s, &h);
    }
    sb_ch(s, '\n');
}

static const char *data_use_text(uint8_t use, int data3)
{
    switch (use) {
    case IK_SEL_DATA_UNSPECIFIED:
        return "unspecified";
    case IK_SEL_DATA_READING:
        return data3 ? "trigger threshold" : "trigger reading";
    case IK_SEL_DATA_PREVIOUS:
        return data3 ? "reserved" : "previous state and severity";
    case IK_SEL_DATA_OEM:
        return "OEM code";
    default:
        return "sensor-specific extension code";
    }
}

static void sb_field_value(struct sb *s, const struct ik_sel_field *fl)
{
    if (fl->bits) {
        int any = 0;
        for (int i = 0; i < 8; i++) {
            if ((fl->value >> i) & 1) {
                if (any)
                    SB_LIT(s, ", ");
                if (fl->bits[i])
                    sb_str(s, fl->bits[i]);
                else {
                    SB_LIT(s, "bit ");
                    sb_u(s, (uint32_t)i);
                }
                any = 1;
            }
        }
        if (!any)
            SB_LIT(s, "none");
        return;
    }
    sb_u(s, fl->value);
    SB_LIT(s, " (");
    sb_0x(s, fl->value);
    sb_ch(s, ')');
    if (fl->text) {
        SB_LIT(s, " ");
        sb_str(s, fl->text);
    }
}

static void verbose_event_extra(struct sb *s, const struct ik_sel_record *r)
{
    const struct ik_sel_event *ev = &r->ev;
    struct ik_sel_interp in;
    ik_sel_interpret(ev, &in);

    sb_label(s, "Generator");
    if (ev->gen_software)
        SB_LIT(s, "software ID ");
    else
        SB_LIT(s, "IPMB slave address ");
    sb_0x(s, ev->gen_software ? ev->gen_addr : (uint32_t)ev->gen_addr << 1);
    SB_LIT(s, ", channel ");
    sb_u(s, ev->gen_channel);
    SB_LIT(s, ", LUN ");
    sb_u(s, ev->gen_lun);
    sb_ch(s, '\n');
    if (ev->evm_rev != 0x03 && ev->evm_rev != 0x04) {
        sb_label(s, "EvM Revision Note");
        SB_LIT(s, "not 03h (IPMI 1.0) or 04h (IPMI 1.5/2.0)\n");
    }
    sb_label(s, "Sensor Type Code");
    sb_hex2(s, ev->sensor_type);
    const char *stn = ik_sensor_type_name(ev->sensor_type);
    SB_LIT(s, " (");
    sb_str(s, stn ? stn : ev->sensor_type >= 0xC0 ? "OEM" : "reserved");
    SB_LIT(s, ")\n");
    sb_label(s, "Event Type Code");
    sb_hex2(s, ev->event_type);
    const char *etn = ik_event_type_name(ev->event_type);
    SB_LIT(s, " (");
    sb_str(s, etn ? etn : "reserved");
    SB_LIT(s, ")\n");
    sb_label(s, "Event Offset");
    sb_hex2(s, in.offset);
    if (in.offset_text) {
        SB_LIT(s, " ");
        sb_str(s, in.offset_text);
    } else if (in.cls == IK_SEL_CLASS_OEM) {
        SB_LIT(s, " (OEM)");
    }
    sb_ch(s, '\n');

    sb_label(s, "Event Data 2");
    sb_hex2(s, ev->data[1]);
    SB_LIT(s, " (");
    sb_str(s, data_use_text(in.data2_use, 0));
    SB_LIT(s, ")\n");
    sb_label(s, "Event Data 3");
    sb_hex2(s, ev->data[2]);
    SB_LIT(s, " (");
    sb_str(s, data_use_text(in.data3_use, 1));
    SB_LIT(s, ")\n");
    if (in.has_previous) {
        sb_label(s, "Previous State");
        if (in.previous_offset == 0x0F) {
            SB_LIT(s, "unspecified\n");
        } else {
            sb_hex2(s, in.previous_offset);
            if (in.previous_text) {
                SB_LIT(s, " ");
                sb_str(s, in.previous_text);
            }
            sb_ch(s, '\n');
        }
        sb_label(s, "Severity");
        if (in.severity_offset == 0x0F) {
            SB_LIT(s, "unspecified\n");
        } else {
            sb_hex2(s, in.severity_offset);
            if (in.severity_text) {
                SB_LIT(s, " ");
                sb_str(s, in.severity_text);
            }
            sb_ch(s, '\n');
        }
    }
    for (unsigned i = 0; i < in.nfields; i++) {
        sb_label(s, in.fields[i].label);
        sb_field_value(s, &in.fields[i]);
        sb_ch(s, '\n');
    }
    if (in.is_panic) {
        sb_label(s, "Panic String Start");
        sb_safe(s, in.panic_text, 3);
        sb_ch(s, '\n');
    }
}

size_t ik_selfmt_verbose(struct ik_selfmt *f, const struct ik_sel_record *r,
                         const char *panic_message, char *buf, size_t cap)
{
    struct sb s;
    sb_init(&s, buf, cap);
    SB_LIT(&s, "SEL Record ID          : ");
    sb_hex4(&s, r->record_id);
    sb_ch(&s, '\n');

    if (r->record_type == 0xF0) {
        SB_LIT(&s, " Record Type           : Linux kernel panic (OEM record f0)\n");
        sb_label(&s, "Panic string");
        sb_safe(&s, (const char *)r->raw + 5, 11);
        sb_ch(&s, '\n');
        sb_label(&s, "Panic Source");
        SB_LIT(&s, "slave address ");
        sb_0x(&s, r->oem[0]);
        SB_LIT(&s, ", chunk ");
        sb_u(&s, r->oem[1]);
        sb_ch(&s, '\n');
        if (panic_message) {
            sb_label(&s, "Panic Message");
            sb_safe(&s, panic_message, IK_SEL_PANIC_MAX);
            sb_ch(&s, '\n');
        }
        sb_ch(&s, '\n');
        return sb_done(&s);
    }

    sb_label(&s, "Record Type");
    sb_hex2(&s, r->record_type);
    if (r->record_type >= 0xC0)
        sb_str(&s, r->record_type < 0xE0 ? "  (OEM timestamped)" : "  (OEM non-timestamped)");
    sb_ch(&s, '\n');
    if (r->record_type < 0xE0)
        sb_timestamp_line(f, &s, r->timestamp);

    if (r->record_type >= 0xC0) {
        if (r->record_type <= 0xDF) {
            SB_LIT(&s, " Manufactacturer ID    : ");
            sb_hex2(&s, (uint8_t)(r->manufacturer >> 16));
            sb_hex2(&s, (uint8_t)(r->manufacturer >> 8));
            sb_hex2(&s, (uint8_t)r->manufacturer);
            sb_ch(&s, '\n');
            sb_label(&s, "OEM Defined");
            for (int i = 0; i < 6; i++)
                sb_hex2(&s, r->oem[i]);
            sb_oem_ascii(&s, r->oem, 6);
            sb_label(&s, "Manufacturer");
            sb_u(&s, r->manufacturer);
            SB_LIT(&s, " (IANA enterprise number)\n");
        } else {
            sb_label(&s, "OEM Defined");
            for (int i = 0; i < 13; i++)
                sb_hex2(&s, r->oem[i]);
            sb_oem_ascii(&s, r->oem, 13);
        }
        sb_ch(&s, '\n');
        return sb_done(&s);
    }

    const struct ik_sel_event *ev = &r->ev;
    sb_label(&s, "Generator ID");
    sb_hex4(&s, ev->gen_id);
    sb_ch(&s, '\n');
    sb_label(&s, "EvM Revision");
    sb_hex2(&s, ev->evm_rev);
    sb_ch(&s, '\n');
    sb_label(&s, "Sensor Type");
    sb_str(&s, ik_selfmt_sensor_type(ev->sensor_type));
    sb_ch(&s, '\n');
    sb_label(&s, "Sensor Number");
    sb_hex2(&s, ev->sensor_num);
    sb_ch(&s, '\n');
    sb_label(&s, "Event Type");
    sb_str(&s, event_type_ipmitool(ev->event_type));
    sb_ch(&s, '\n');
    sb_label(&s, "Event Direction");
    sb_str(&s, ev->deassertion ? "Deassertion Event" : "Assertion Event");
    sb_ch(&s, '\n');
    sb_label(&s, "Event Data");
    for (int i = 0; i < 3; i++)
        sb_hex2(&s, ev->data[i]);
    sb_ch(&s, '\n');
    sb_label(&s, "Description");
    const char *desc = ik_selfmt_description(ev);
    if (desc)
        sb_str(&s, desc);
    sb_ch(&s, '\n');
    if (r->kind == IK_SEL_KIND_UNKNOWN) {
        sb_label(&s, "Record Kind");
        SB_LIT(&s, "unknown record type: bytes 3-15 have no defined meaning\n");
    } else {
        verbose_event_extra(&s, r);
    }
    sb_ch(&s, '\n');
    return sb_done(&s);
}

int ik_selfmt_elist_fp(struct ik_selfmt *f, const struct ik_sel_record *r, FILE *fp)
{
    char line[IK_SELFMT_LINE_MAX];
    size_t n = ik_selfmt_elist(f, r, line, sizeof(line));
    return fwrite(line, 1, n, fp) == n ? 0 : -1;
}

int ik_selfmt_verbose_fp(struct ik_selfmt *f, const struct ik_sel_record *r,
                         const char *panic_message, FILE *fp)
{
    char block[IK_SELFMT_VERBOSE_MAX];
    size_t n = ik_selfmt_verbose(f, r, panic_message, block, sizeof(block));
    return fwrite(block, 1, n, fp) == n ? 0 : -1;
}

/* ---- JSON -------------------------------------------------------------------------------- */

static const char *kind_name(uint8_t kind)
{
    switch (kind) {
    case IK_SEL_KIND_SYSTEM:
        return "system";
    case IK_SEL_KIND_OEM_TS:
        return "oem_timestamped";
    case IK_SEL_KIND_OEM_NOTS:
        return "oem_non_timestamped";
    default:
        return "unknown";
    }
}

static const char *class_name(uint8_t cls)
{
    static const char *const n[] = {"unspecified",     "threshold", "generic",
                                    "sensor_specific", "oem",       "reserved"};
    return cls < 6 ? n[cls] : "reserved";
}

static const char *use_name(uint8_t use)
{
    static const char *const n[] = {"unspecified", "reading", "previous_state", "oem", "extension"};
    return use < 5 ? n[use] : "unspecified";
}

static json_t *hex_string(const uint8_t *p, size_t n)
{
    char tmp[2 * IK_SEL_RECORD_LEN + 1];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 2 < sizeof(tmp); i++) {
        tmp[k++] = hexd[p[i] >> 4];
        tmp[k++] = hexd[p[i] & 15];
    }
    tmp[k] = '\0';
    return json_string_nocheck(tmp);
}

/* JSON strings must be valid UTF-8: keep printable ASCII, replace the rest with '.' */
static json_t *safe_string(const char *str, size_t max)
{
    char tmp[IK_SEL_PANIC_MAX + 1];
    size_t n = 0;
    for (; n < max && n < sizeof(tmp) - 1 && str[n]; n++) {
        unsigned char c = (unsigned char)str[n];
        tmp[n] = c >= 0x20 && c < 0x7F ? (char)c : '.';
    }
    tmp[n] = '\0';
    return json_string_nocheck(tmp);
}

/* Every key and string below is ASCII (names from our tables, hex, text passed through
 * safe_string), so the _nocheck jansson calls skip a UTF-8 scan they cannot fail. */
static void set_time(struct ik_selfmt *f, json_t *o, uint32_t ts, uint8_t time_kind)
{
    (void)f;
    json_object_set_new_nocheck(o, "timestamp", json_integer(ts));
    switch (time_kind) {
    case IK_SEL_TIME_UNSPECIFIED:
        json_object_set_new_nocheck(o, "time", json_string_nocheck("unspecified"));
        break;
    case IK_SEL_TIME_PRE_INIT:
        json_object_set_new_nocheck(o, "time", json_string_nocheck("pre_init"));
        break;
    default: {
        char iso[40];
        struct sb b;
        time_t t = (time_t)ts;
        struct tm tm;
        gmtime_r(&t, &tm);
        sb_init(&b, iso, sizeof(iso));
        sb_dec(&b, (uint32_t)(tm.tm_year + 1900), 4);
        sb_ch(&b, '-');
        sb_dec(&b, (uint32_t)(tm.tm_mon + 1), 2);
        sb_ch(&b, '-');
        sb_dec(&b, (uint32_t)tm.tm_mday, 2);
        sb_ch(&b, 'T');
        sb_dec(&b, (uint32_t)tm.tm_hour, 2);
        sb_ch(&b, ':');
        sb_dec(&b, (uint32_t)tm.tm_min, 2);
        sb_ch(&b, ':');
        sb_dec(&b, (uint32_t)tm.tm_sec, 2);
        sb_ch(&b, 'Z');
        sb_done(&b);
        json_object_set_new_nocheck(o, "time", json_string_nocheck("utc"));
        json_object_set_new_nocheck(o, "utc", json_string_nocheck(iso));
        break;
    }
    }
}

static void event_json(struct ik_selfmt *f, const struct ik_sel_event *ev, json_t *o)
{
    struct ik_sel_interp in;
    ik_sel_interpret(ev, &in);

    json_t *g = json_object();
    json_object_set_new_nocheck(g, "id", json_integer(ev->gen_id));
    json_object_set_new_nocheck(g, "kind",
                                json_string_nocheck(ev->gen_software ? "software" : "ipmb"));
    if (ev->gen_software)
        json_object_set_new_nocheck(g, "software_id", json_integer(ev->gen_addr));
    else
        json_object_set_new_nocheck(g, "slave_address", json_integer(ev->gen_addr << 1));
    json_object_set_new_nocheck(g, "channel", json_integer(ev->gen_channel));
    json_object_set_new_nocheck(g, "lun", json_integer(ev->gen_lun));
    json_object_set_new_nocheck(o, "generator", g);

    json_object_set_new_nocheck(o, "evm_rev", json_integer(ev->evm_rev));
    json_object_set_new_nocheck(o, "evm_rev_known",
                                json_boolean(ev->evm_rev == 3 || ev->evm_rev == 4));
    json_object_set_new_nocheck(o, "sensor_type", json_integer(ev->sensor_type));
    const char *stn = ik_sensor_type_name(ev->sensor_type);
    json_object_set_new_nocheck(o, "sensor_type_name",
                                stn ? json_string_nocheck(stn) : json_null());
    json_object_set_new_nocheck(o, "sensor_number", json_integer(ev->sensor_num));
    struct ik_selfmt_sensor sensor;
    memset(&sensor, 0, sizeof(sensor));
    const int have = f->lookup && f->lookup(f->lookup_ctx, ev, &sensor) == 1;
    if (have && sensor.name)
        json_object_set_new_nocheck(o, "sensor_name", safe_string(sensor.name, 16));
    json_object_set_new_nocheck(o, "direction",
                                json_string_nocheck(ev->deassertion ? "deassertion" : "assertion"));
    json_object_set_new_nocheck(o, "event_type", json_integer(ev->event_type));
    const char *etn = ik_event_type_name(ev->event_type);
    json_object_set_new_nocheck(o, "event_type_name", etn ? json_string_nocheck(etn) : json_null());
    json_object_set_new_nocheck(o, "event_class", json_string_nocheck(class_name(in.cls)));
    json_t *data = json_array();
    for (int i = 0; i < 3; i++)
        json_array_append_new(data, json_integer(ev->data[i]));
    json_object_set_new_nocheck(o, "event_data", data);
    json_object_set_new_nocheck(o, "offset", json_integer(in.offset));
    json_object_set_new_nocheck(o, "event",
                                in.offset_text ? json_string_nocheck(in.offset_text) : json_null());
    const char *desc = ik_selfmt_description(ev);
    json_object_set_new_nocheck(o, "description", json_string_nocheck(desc ? desc : ""));
    json_object_set_new_nocheck(o, "data2_use", json_string_nocheck(use_name(in.data2_use)));
    json_object_set_new_nocheck(o, "data3_use", json_string_nocheck(use_name(in.data3_use)));
    if (in.has_trigger_reading) {
        json_object_set_new_nocheck(o, "trigger_reading_raw", json_integer(in.trigger_reading));
        if (have && sensor.convert)
            json_object_set_new_nocheck(o, "trigger_reading",
                                        json_real(sensor.convert(sensor.sdr, in.trigger_reading)));
    }
    if (in.has_threshold) {
        json_object_set_new_nocheck(o, "threshold_raw", json_integer(in.threshold));
        if (have && sensor.convert)
            json_object_set_new_nocheck(o, "threshold",
                                        json_real(sensor.convert(sensor.sdr, in.threshold)));
    }
    if (in.has_previous) {
        json_t *p = json_object();
        if (in.previous_offset != 0x0F) {
            json_object_set_new_nocheck(p, "offset", json_integer(in.previous_offset));
            json_object_set_new_nocheck(
                p, "event", in.previous_text ? json_string_nocheck(in.previous_text) : json_null());
        }
        json_object_set_new_nocheck(o, "previous_state", p);
        json_t *sv = json_object();
        if (in.severity_offset != 0x0F) {
            json_object_set_new_nocheck(sv, "offset", json_integer(in.severity_offset));
            json_object_set_new_nocheck(
                sv, "text", in.severity_text ? json_string_nocheck(in.severity_text) : json_null());
        }
        json_object_set_new_nocheck(o, "severity", sv);
    }
    if (in.data2_use == IK_SEL_DATA_OEM)
        json_object_set_new_nocheck(o, "data2_oem", json_integer(ev->data[1]));
    if (in.data3_use == IK_SEL_DATA_OEM)
        json_object_set_new_nocheck(o, "data3_oem", json_integer(ev->data[2]));
    if (in.nfields) {
        json_t *x = json_object();
        for (unsigned i = 0; i < in.nfields; i++) {
            const struct ik_sel_field *fl = &in.fields[i];
            json_t *v = json_object();
            json_object_set_new_nocheck(v, "value", json_integer(fl->value));
            if (fl->bits) {
                json_t *names = json_array();
                for (int b = 0; b < 8; b++)
                    if ((fl->value >> b) & 1)
                        json_array_append_new(names, fl->bits[b] ? json_string_nocheck(fl->bits[b])
                                                                 : json_integer(b));
                json_object_set_new_nocheck(v, "set", names);
            } else {
                json_object_set_new_nocheck(v, "text",
                                            fl->text ? json_string_nocheck(fl->text) : json_null());
            }
            json_object_set_new_nocheck(x, fl->key, v);
        }
        json_object_set_new_nocheck(o, "extension", x);
    }
    if (in.is_panic)
        json_object_set_new_nocheck(o, "panic_start", safe_string(in.panic_text, 3));
}

json_t *ik_selfmt_json(struct ik_selfmt *f, const struct ik_sel_record *r,
                       const char *panic_message)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new_nocheck(o, "record_id", json_integer(r->record_id));
    json_object_set_new_nocheck(o, "record_type", json_integer(r->record_type));
    json_object_set_new_nocheck(o, "kind", json_string_nocheck(kind_name(r->kind)));
    json_object_set_new_nocheck(o, "raw", hex_string(r->raw, IK_SEL_RECORD_LEN));
    switch (r->kind) {
    case IK_SEL_KIND_SYSTEM: {
        set_time(f, o, r->timestamp, r->time_kind);
        event_json(f, &r->ev, o);
        break;
    }
    case IK_SEL_KIND_OEM_TS:
        set_time(f, o, r->timestamp, r->time_kind);
        json_object_set_new_nocheck(o, "manufacturer_id", json_integer(r->manufacturer));
        json_object_set_new_nocheck(o, "oem_data", hex_string(r->oem, 6));
        break;
    case IK_SEL_KIND_OEM_NOTS: {
        json_object_set_new_nocheck(o, "oem_data", hex_string(r->oem, 13));
        struct ik_sel_panic_chunk c;
        if (ik_sel_panic_chunk(r, &c)) {
            json_t *p = json_object();
            json_object_set_new_nocheck(p, "slave_address", json_integer(c.slave_addr));
            json_object_set_new_nocheck(p, "sequence", json_integer(c.seq));
            json_object_set_new_nocheck(p, "text", safe_string(c.text, c.len));
            json_object_set_new_nocheck(o, "panic_chunk", p);
            if (panic_message)
                json_object_set_new_nocheck(o, "panic_message",
                                            safe_string(panic_message, IK_SEL_PANIC_MAX));
        }
        break;
    }
    default:
        break; /* unknown type: the raw bytes are all there is */
    }
    return o;
}
