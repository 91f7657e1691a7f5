/* FRU inventory output: ipmitool-compatible text, verbose text, JSON, problem lines. */
#include "frufmt.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "typelen.h"

/* Seconds from 1970-01-01 to 1996-01-01, the FRU manufacturing date epoch. */
#define FRU_EPOCH 820454400

static const char *const encodings[] = {"binary", "bcdplus", "ascii6", "latin1"};

const char *ik_frufmt_compat_text(const struct ik_fru_field *f, char *buf, size_t cap)
{
    if (f->type == IK_FRU_TL_ASCII6 && f->len % 3) {
        /* ipmitool unpacks 6-bit ASCII four characters per started 3-byte group, so a
         * field whose length is not a multiple of 3 shows the zero bits past its end as
         * trailing characters (mostly spaces). Reproduce that from a zero-padded copy. */
        uint8_t padded[IK_FRU_FIELD_MAX + 2] = {0};
        memcpy(padded, f->data, f->len);
        size_t n = (f->len + 2u) / 3 * 3;
        if (ik_tl_decode(IK_TL_ASCII6, padded, n, buf, cap) < 0)
            return f->text;
        return buf;
    }
    if (f->type == IK_FRU_TL_BCDPLUS && strchr(f->text, '?')) {
        /* ipmitool shows the reserved BCD plus digits Dh, Eh, Fh as ':', ',', '_'. */
        size_t n = strlen(f->text);
        if (n + 1 > cap)
            return f->text;
        for (size_t i = 0; i < n; i++) {
            uint8_t nib = (uint8_t)((f->data[i / 2] >> (i % 2 ? 0 : 4)) & 0x0F);
            buf[i] = nib >= 0xD ? ":,_"[nib - 0xD] : f->text[i];
        }
        buf[n] = '\0';
        return buf;
    }
    return f->text;
}

/* A field line as ipmitool prints it: nothing at all for an empty field. */
static void field_line(FILE *out, const char *label, const struct ik_fru_field *f)
{
    char buf[IK_FRU_TEXT_MAX + 8];
    if (f->offset == 0 || f->len == 0)
        return; /* not decoded (area cut short) or empty */
    const char *s = ik_frufmt_compat_text(f, buf, sizeof(buf));
    if (s[0])
        fprintf(out, " %-22s: %s\n", label, s);
}

static void hex_line(FILE *out, const char *label, const uint8_t *p, size_t n)
{
    fprintf(out, " %-22s:", label);
    for (size_t i = 0; i < n; i++)
        fprintf(out, " %02x", p[i]);
    fputc('\n', out);
}

static void area_line(FILE *out, const struct ik_fru *fru, enum ik_fru_area a, const char *label)
{
    const struct ik_fru_loc *l = &fru->loc[a];
    if (!l->present)
        return;
    fprintf(out, " %-22s: offset %u, %u bytes, version %u", label, l->offset, l->length,
            l->version);
    if (l->cksum_ok >= 0 && a != IK_FRU_AREA_MULTIREC)
        fprintf(out, ", checksum 0x%02x (%s)", l->checksum, l->cksum_ok ? "ok" : "BAD");
    else if (a == IK_FRU_AREA_MULTIREC)
        fprintf(out, ", %u records", fru->n_mr);
    fputc('\n', out);
}

static void mfg_date(FILE *out, uint32_t minutes)
{
    if (minutes == 0) {
        fprintf(out, " %-22s: %s\n", "Board Mfg Date", "Unspecified");
        return;
    }
    /* ipmitool shows the date in local time with the zone name (TZ=UTC gives "UTC"). */
    time_t t = (time_t)FRU_EPOCH + (time_t)minutes * 60;
    struct tm tm;
    char buf[64];
    if (!localtime_r(&t, &tm) || !strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y %Z", &tm))
        snprintf(buf, sizeof(buf), "%u minutes after 1996-01-01", minutes);
    fprintf(out, " %-22s: %s\n", "Board Mfg Date", buf);
}

static void customs(FILE *out, const char *label, const struct ik_fru_field *c, uint8_t n)
{
    for (uint8_t i = 0; i < n; i++)
        field_line(out, label, &c[i]);
}

static const char *combined_voltage(uint8_t v)
{
    static const char *const names[] = {"12 V", "-12 V", "5 V", "3.3 V"};
    return v < 4 ? names[v] : "reserved";
}

/* The record blocks ipmitool -v prints (power supply, DC output, DC load), same text. */
static void mr_psu(FILE *out, const struct ik_fru_psu *p)
{
    bool pf = p->flags & IK_FRU_PSU_PREDICTIVE_FAIL;
    bool tach = p->flags & IK_FRU_PSU_TACH_PULSES;
    fprintf(out, " Power Supply Record\n");
    fprintf(out, "  Capacity                   : %d W\n", p->capacity_w);
    fprintf(out, "  Peak VA                    : %d VA\n", p->peak_va);
    fprintf(out, "  Inrush Current             : %d A\n", p->inrush_a);
    fprintf(out, "  Inrush Interval            : %d ms\n", p->inrush_ms);
    fprintf(out, "  Input Voltage Range 1      : %d-%d V\n", p->vin1_lo / 100, p->vin1_hi / 100);
    fprintf(out, "  Input Voltage Range 2      : %d-%d V\n", p->vin2_lo / 100, p->vin2_hi / 100);
    fprintf(out, "  Input Frequency Range      : %d-%d Hz\n", p->freq_lo, p->freq_hi);
    fprintf(out, "  A/C Dropout Tolerance      : %d ms\n", p->dropout_ms);
    fprintf(out, "  Flags                      : %s%s%s%s%s\n", pf ? "'Predictive fail' " : "",
            p->flags & IK_FRU_PSU_PFC ? "'Power factor correction' " : "",
            p->flags & IK_FRU_PSU_AUTOSWITCH ? "'Autoswitch voltage' " : "",
            p->flags & IK_FRU_PSU_HOT_SWAP ? "'Hot swap' " : "",
            !pf           ? ""
            : p->tach_rps ? (tach ? "'Two pulses per rotation'" : "'One pulse per rotation'")
            : tach        ? "'Failure on pin de-assertion'"
                          : "'Failure on pin assertion'");
    fprintf(out, "  Peak capacity              : %d W\n", p->peak_w);
    fprintf(out, "  Peak capacity holdup       : %d s\n", p->holdup_s);
    if (p->combined_w == 0)
        fprintf(out, "  Combined capacity          : not specified\n");
    else
        fprintf(out, "  Combined capacity          : %d W (%s and %s)\n", p->combined_w,
                combined_voltage(p->combined_v1), combined_voltage(p->combined_v2));
    if (pf)
        fprintf(out, "  Fan lower threshold        : %d RPS\n", p->tach_rps);
}

static void mr_dcout(FILE *out, const struct ik_fru_dcout *d)
{
    fprintf(out, " DC Output Record\n");
    fprintf(out, "  Output Number              : %d\n", d->output);
    fprintf(out, "  Standby power              : %s\n", d->standby ? "Yes" : "No");
    fprintf(out, "  Nominal voltage            : %.2f V\n", (double)d->nominal_10mv / 100);
    fprintf(out, "  Max negative deviation     : %.2f V\n", (double)d->max_neg_10mv / 100);
    fprintf(out, "  Max positive deviation     : %.2f V\n", (double)d->max_pos_10mv / 100);
    fprintf(out, "  Ripple and noise pk-pk     : %d mV\n", d->ripple_mv);
    fprintf(out, "  Minimum current draw       : %.3f A\n", (double)d->min_ma / 1000);
    fprintf(out, "  Maximum current draw       : %.3f A\n", (double)d->max_ma / 1000);
}

static void mr_dcload(FILE *out, const struct ik_fru_dcload *d)
{
    fprintf(out, " DC Load Record\n");
    fprintf(out, "  Output Number              : %d\n", d->output);
    fprintf(out, "  Nominal voltage            : %.2f V\n", (double)d->nominal_10mv / 100);
    fprintf(out, "  Min voltage allowed        : %.2f V\n", (double)d->min_10mv / 100);
    fprintf(out, "  Max voltage allowed        : %.2f V\n", (double)d->max_10mv / 100);
    fprintf(out, "  Ripple and noise pk-pk     : %d mV\n", d->ripple_mv);
    fprintf(out, "  Minimum current load       : %.3f A\n", (double)d->min_ma / 1000);
    fprintf(out, "  Maximum current load       : %.3f A\n", (double)d->max_ma / 1000);
}

/* Printable bytes as they are, others as '.'. */
static void text_bytes(FILE *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(p[i] >= 0x20 && p[i] < 0x7F ? p[i] : '.', out);
}

/* Records ipmitool does not decode, in the same two-column style. */
static void mr_other(FILE *out, const struct ik_fru_mr *m)
{
    if (m->type == IK_FRU_MR_MGMT_ACCESS) {
        struct ik_fru_mgmt g;
        if (ik_fru_mgmt_decode(m->data, m->len, &g) == 0) {
            fprintf(out, " Management Access Record\n");
            fprintf(out, "  %-27s: ", ik_fru_mgmt_name(g.subtype));
            if (g.subtype == 7) {
                for (size_t i = 0; i < g.len; i++)
                    fprintf(out, "%02x", g.data[i]);
            } else {
                text_bytes(out, g.data, g.len);
            }
            fputc('\n', out);
            return;
        }
    } else if (m->type == IK_FRU_MR_BASE_COMPAT || m->type == IK_FRU_MR_EXT_COMPAT) {
        struct ik_fru_compat c;
        if (ik_fru_compat_decode(m->data, m->len, &c) == 0) {
            fprintf(out, " %s Record\n", ik_fru_mr_type_name(m->type));
            fprintf(out, "  Manufacturer ID            : %u\n", c.mfg_id);
            fprintf(out, "  Entity ID                  : 0x%02x\n", c.entity_id);
            fprintf(out, "  Compatibility Base         : 0x%02x\n", c.compat_base);
            fprintf(out, "  Compatibility Code Start   : 0x%02x\n", c.code_start);
            fprintf(out, "  Code Range Mask            :");
            for (size_t i = 0; i < c.mask_len; i++)
                fprintf(out, " %02x", c.mask[i]);
            fputc('\n', out);
            return;
        }
    } else if (m->type >= IK_FRU_MR_OEM_FIRST) {
        struct ik_fru_oem o;
        if (ik_fru_oem_decode(m->data, m->len, &o) == 0) {
            if (o.mfg_id == IK_FRU_IANA_PICMG && o.len >= 2) {
                const char *name = ik_fru_picmg_record_name(o.data[0]);
                fprintf(out, "  PICMG Extension Record\n");
                fprintf(out, "  Record ID                  : 0x%02x (%s)\n", o.data[0],
                        name ? name : "unknown");
                fprintf(out, "  Record Format Version      : 0x%02x\n", o.data[1]);
                fprintf(out, "  Data                       :");
                for (size_t i = 2; i < o.len; i++)
                    fprintf(out, " %02x", o.data[i]);
            } else {
                fprintf(out, "  OEM (IANA %u) Record\n", o.mfg_id);
                fprintf(out, "  Data                       :");
                for (size_t i = 0; i < o.len; i++)
                    fprintf(out, " %02x", o.data[i]);
            }
            fputc('\n', out);
            return;
        }
    }
    /* Unknown type or a payload that does not parse: the bytes. */
    fprintf(out, "  Data                       :");
    for (size_t i = 0; i < m->len; i++)
        fprintf(out, " %02x", m->data[i]);
    fputc('\n', out);
}

static void multirecords(FILE *out, const struct ik_fru *fru)
{
    for (uint8_t i = 0; i < fru->n_mr; i++) {
        const struct ik_fru_mr *m = &fru->mr[i];
        const char *name = ik_fru_mr_type_name(m->type);
        fprintf(out,
                " Multi-Record %-9u: type 0x%02x (%s), offset %u, %u bytes, record checksum %s, "
                "header checksum %s%s\n",
                i, m->type, name ? name : "reserved", m->offset, m->len, m->rec_ok ? "ok" : "BAD",
                m->hdr_ok ? "ok" : "BAD", m->end ? ", end of list" : "");
        union {
            struct ik_fru_psu psu;
            struct ik_fru_dcout dcout;
            struct ik_fru_dcload dcload;
        } u;
        if (m->type == IK_FRU_MR_POWER_SUPPLY && ik_fru_psu_decode(m->data, m->len, &u.psu) == 0)
            mr_psu(out, &u.psu);
        else if (m->type == IK_FRU_MR_DC_OUTPUT &&
                 ik_fru_dcout_decode(m->data, m->len, &u.dcout) == 0)
            mr_dcout(out, &u.dcout);
        else if (m->type == IK_FRU_MR_DC_LOAD &&
                 ik_fru_dcload_decode(m->data, m->len, &u.dcload) == 0)
            mr_dcload(out, &u.dcload);
        else
            mr_other(out, m);
    }
}

void ik_frufmt_text(FILE *out, const struct ik_fru *fru, int verbose)
{
    const struct ik_fru_loc *loc = fru->loc;
    if (verbose) {
        fprintf(out, " %-22s: version %u, checksum 0x%02x (%s)\n", "Common Header", fru->version,
                fru->hdr_cksum, fru->hdr_ok ? "ok" : "BAD");
        area_line(out, fru, IK_FRU_AREA_INTERNAL, "Internal Use Area");
        if (loc[IK_FRU_AREA_INTERNAL].present && fru->internal)
            hex_line(out, "Internal Use Data", fru->internal, fru->internal_len);
        area_line(out, fru, IK_FRU_AREA_CHASSIS, "Chassis Area");
        area_line(out, fru, IK_FRU_AREA_BOARD, "Board Area");
        area_line(out, fru, IK_FRU_AREA_PRODUCT, "Product Area");
        area_line(out, fru, IK_FRU_AREA_MULTIREC, "Multi-Record Area");
    }
    /* ipmitool prints an area when its length byte is non-zero, whatever else is wrong. */
    if (loc[IK_FRU_AREA_CHASSIS].present && loc[IK_FRU_AREA_CHASSIS].length) {
        const struct ik_fru_chassis *c = &fru->chassis;
        const char *type = ik_fru_chassis_type_name(c->type);
        fprintf(out, " %-22s: %s\n", "Chassis Type", type ? type : "Unknown");
        field_line(out, "Chassis Part Number", &c->part);
        field_line(out, "Chassis Serial", &c->serial);
        customs(out, "Chassis Extra", c->custom, c->n_custom);
    }
    if (loc[IK_FRU_AREA_BOARD].present && loc[IK_FRU_AREA_BOARD].length) {
        const struct ik_fru_board *b = &fru->board;
        mfg_date(out, b->mfg_minutes);
        if (verbose)
            fprintf(out, " %-22s: %u\n", "Board Language", b->lang);
        field_line(out, "Board Mfg", &b->mfg);
        field_line(out, "Board Product", &b->product);
        field_line(out, "Board Serial", &b->serial);
        field_line(out, "Board Part Number", &b->part);
        if (verbose)
            field_line(out, "Board FRU ID", &b->file_id);
        customs(out, "Board Extra", b->custom, b->n_custom);
    }
    if (loc[IK_FRU_AREA_PRODUCT].present && loc[IK_FRU_AREA_PRODUCT].length) {
        const struct ik_fru_product *p = &fru->product;
        if (verbose)
            fprintf(out, " %-22s: %u\n", "Product Language", p->lang);
        field_line(out, "Product Manufacturer", &p->mfg);
        field_line(out, "Product Name", &p->name);
        field_line(out, "Product Part Number", &p->part);
        field_line(out, "Product Version", &p->version);
        field_line(out, "Product Serial", &p->serial);
        field_line(out, "Product Asset Tag", &p->asset);
        if (verbose)
            field_line(out, "Product FRU ID", &p->file_id);
        customs(out, "Product Extra", p->custom, p->n_custom);
    }
    if (verbose)
        multirecords(out, fru);
}

/* ---- JSON --------------------------------------------------------------------------- */

static json_t *hex_json(const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(2 * n + 1);
    if (!s)
        return json_null();
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 0x0F];
    }
    s[2 * n] = '\0';
    json_t *j = json_string(s);
    free(s);
    return j ? j : json_null();
}

/* A Latin-1 text as a JSON (UTF-8) string: bytes 80h-FFh become U+0080-U+00FF. */
static json_t *latin1_json(const char *text)
{
    char buf[2 * IK_FRU_TEXT_MAX + 1];
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && o + 3 < sizeof(buf); p++) {
        if (*p < 0x80) {
            buf[o++] = (char)*p;
        } else {
            buf[o++] = (char)(0xC0 | *p >> 6);
            buf[o++] = (char)(0x80 | (*p & 0x3F));
        }
    }
    buf[o] = '\0';
    return json_string(buf);
}

static json_t *field_json(const struct ik_fru_field *f)
{
    if (f->offset == 0)
        return json_null(); /* never reached: its area ended before it */
    return json_pack("{s:o, s:s, s:i, s:i, s:o}", "text", latin1_json(f->text), "encoding",
                     encodings[f->type & 3], "offset", f->offset, "length", f->len, "raw",
                     hex_json(f->data, f->len));
}

static json_t *customs_json(const struct ik_fru_field *c, uint8_t n)
{
    json_t *a = json_array();
    for (uint8_t i = 0; i < n; i++)
        json_array_append_new(a, field_json(&c[i]));
    return a;
}

/* The area's place, version, checksum and raw bytes (as far as the image has them). */
static json_t *loc_json(const struct ik_fru_loc *l, const uint8_t *img, size_t len)
{
    json_t *o = json_pack("{s:i, s:i, s:i}", "offset", l->offset, "length", l->length, "version",
                          l->version);
    if (l->cksum_ok >= 0) {
        json_object_set_new(o, "checksum", json_integer(l->checksum));
        json_object_set_new(o, "checksum_ok", json_boolean(l->cksum_ok));
    } else {
        json_object_set_new(o, "checksum_ok", json_null());
    }
    size_t start = l->offset < len ? l->offset : len;
    size_t n = l->length < len - start ? l->length : len - start;
    json_object_set_new(o, "raw", hex_json(img + start, n));
    return o;
}

static json_t *mr_json(const struct ik_fru_mr *m)
{
    const char *name = ik_fru_mr_type_name(m->type);
    json_t *o = json_pack(
        "{s:i, s:i, s:o, s:i, s:b, s:i, s:b, s:i, s:b, s:i, s:o}", "offset", m->offset, "type",
        m->type, "type_name", name ? json_string(name) : json_null(), "format_version", m->version,
        "end_of_list", m->end, "record_checksum", m->rec_cksum, "record_checksum_ok", m->rec_ok,
        "header_checksum", m->hdr_cksum, "header_checksum_ok", m->hdr_ok, "length", m->len, "raw",
        hex_json(m->data, m->len));
    json_t *d = NULL;
    struct ik_fru_psu p;
    struct ik_fru_dcout dco;
    struct ik_fru_dcload dcl;
    struct ik_fru_mgmt g;
    struct ik_fru_compat c;
    struct ik_fru_oem e;
    if (m->type == IK_FRU_MR_POWER_SUPPLY && ik_fru_psu_decode(m->data, m->len, &p) == 0) {
        d = json_pack(
            "{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:b, s:b, s:b, "
            "s:b, s:b, s:i, s:i, s:i, s:i, s:i, s:i}",
            "capacity_w", p.capacity_w, "peak_va", p.peak_va, "inrush_current_a", p.inrush_a,
            "inrush_interval_ms", p.inrush_ms, "input1_low_10mv", p.vin1_lo, "input1_high_10mv",
            p.vin1_hi, "input2_low_10mv", p.vin2_lo, "input2_high_10mv", p.vin2_hi, "freq_low_hz",
            p.freq_lo, "freq_high_hz", p.freq_hi, "dropout_ms", p.dropout_ms, "predictive_fail",
            (p.flags & IK_FRU_PSU_PREDICTIVE_FAIL) != 0, "power_factor_correction",
            (p.flags & IK_FRU_PSU_PFC) != 0, "autoswitch", (p.flags & IK_FRU_PSU_AUTOSWITCH) != 0,
            "hot_swap", (p.flags & IK_FRU_PSU_HOT_SWAP) != 0, "tach_two_pulses",
            (p.flags & IK_FRU_PSU_TACH_PULSES) != 0, "peak_w", p.peak_w, "holdup_s", p.holdup_s,
            "combined_voltage1", p.combined_v1, "combined_voltage2", p.combined_v2, "combined_w",
            p.combined_w, "tach_low_rps", p.tach_rps);
    } else if (m->type == IK_FRU_MR_DC_OUTPUT && ik_fru_dcout_decode(m->data, m->len, &dco) == 0) {
        d = json_pack("{s:i, s:b, s:i, s:i, s:i, s:i, s:i, s:i}", "output", dco.output, "standby",
                      dco.standby, "nominal_10mv", dco.nominal_10mv, "max_neg_10mv",
                      dco.max_neg_10mv, "max_pos_10mv", dco.max_pos_10mv, "ripple_mv",
                      dco.ripple_mv, "min_ma", dco.min_ma, "max_ma", dco.max_ma);
    } else if (m->type == IK_FRU_MR_DC_LOAD && ik_fru_dcload_decode(m->data, m->len, &dcl) == 0) {
        d = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "output", dcl.output, "nominal_10mv",
                      dcl.nominal_10mv, "min_10mv", dcl.min_10mv, "max_10mv", dcl.max_10mv,
                      "ripple_mv", dcl.ripple_mv, "min_ma", dcl.min_ma, "max_ma", dcl.max_ma);
    } else if (m->type == IK_FRU_MR_MGMT_ACCESS && ik_fru_mgmt_decode(m->data, m->len, &g) == 0) {
        d = json_pack("{s:i, s:s, s:o}", "subtype", g.subtype, "subtype_name",
                      ik_fru_mgmt_name(g.subtype), "data", hex_json(g.data, g.len));
    } else if ((m->type == IK_FRU_MR_BASE_COMPAT || m->type == IK_FRU_MR_EXT_COMPAT) &&
               ik_fru_compat_decode(m->data, m->len, &c) == 0) {
        d = json_pack("{s:i, s:i, s:i, s:i, s:o}", "manufacturer_id", c.mfg_id, "entity_id",
                      c.entity_id, "compatibility_base", c.compat_base, "code_start", c.code_start,
                      "code_mask", hex_json(c.mask, c.mask_len));
    } else if (m->type >= IK_FRU_MR_OEM_FIRST && ik_fru_oem_decode(m->data, m->len, &e) == 0) {
        d = json_pack("{s:i, s:o}", "manufacturer_id", e.mfg_id, "data", hex_json(e.data, e.len));
        if (e.mfg_id == IK_FRU_IANA_PICMG && e.len >= 2) {
            const char *pn = ik_fru_picmg_record_name(e.data[0]);
            json_object_set_new(d, "picmg_record_id", json_integer(e.data[0]));
            json_object_set_new(d, "picmg_record_name", pn ? json_string(pn) : json_null());
            json_object_set_new(d, "picmg_format_version", json_integer(e.data[1]));
        }
    }
    json_object_set_new(o, "decoded", d ? d : json_null());
    return o;
}

static const char *const area_keys[IK_FRU_AREA_COUNT] = {
    "header", "internal_use", "chassis", "board", "product", "multirecord",
};

json_t *ik_frufmt_json(const struct ik_fru *fru, const uint8_t *img, size_t len)
{
    const struct ik_fru_loc *loc = fru->loc;
    json_t *root = json_object();
    json_object_set_new(root, "size", json_integer((json_int_t)len));
    json_t *hdr = loc_json(&loc[IK_FRU_AREA_HEADER], img, len);
    json_t *offs = json_object();
    for (int a = IK_FRU_AREA_INTERNAL; a < IK_FRU_AREA_COUNT; a++)
        json_object_set_new(offs, area_keys[a],
                            loc[a].present ? json_integer(loc[a].offset) : json_null());
    json_object_set_new(hdr, "area_offsets", offs);
    json_object_set_new(root, "header", hdr);

    if (loc[IK_FRU_AREA_INTERNAL].present) {
        json_t *o = loc_json(&loc[IK_FRU_AREA_INTERNAL], img, len);
        json_object_set_new(
            o, "data", fru->internal ? hex_json(fru->internal, fru->internal_len) : json_null());
        json_object_set_new(root, "internal_use", o);
    } else {
        json_object_set_new(root, "internal_use", json_null());
    }
    if (loc[IK_FRU_AREA_CHASSIS].present) {
        const struct ik_fru_chassis *c = &fru->chassis;
        const char *tn = ik_fru_chassis_type_name(c->type);
        json_t *o = loc_json(&loc[IK_FRU_AREA_CHASSIS], img, len);
        json_object_set_new(o, "type", json_integer(c->type));
        json_object_set_new(o, "type_name", json_string(tn ? tn : "Unknown"));
        json_object_set_new(o, "part_number", field_json(&c->part));
        json_object_set_new(o, "serial_number", field_json(&c->serial));
        json_object_set_new(o, "custom", customs_json(c->custom, c->n_custom));
        json_object_set_new(root, "chassis", o);
    } else {
        json_object_set_new(root, "chassis", json_null());
    }
    if (loc[IK_FRU_AREA_BOARD].present) {
        const struct ik_fru_board *b = &fru->board;
        json_t *o = loc_json(&loc[IK_FRU_AREA_BOARD], img, len);
        json_object_set_new(o, "language", json_integer(b->lang));
        json_object_set_new(o, "mfg_minutes", json_integer(b->mfg_minutes));
        if (b->mfg_minutes) {
            time_t t = (time_t)FRU_EPOCH + (time_t)b->mfg_minutes * 60;
            struct tm tm;
            char buf[32];
            gmtime_r(&t, &tm);
            strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
            json_object_set_new(o, "mfg_time", json_string(buf));
        } else {
            json_object_set_new(o, "mfg_time", json_null());
        }
        json_object_set_new(o, "manufacturer", field_json(&b->mfg));
        json_object_set_new(o, "product_name", field_json(&b->product));
        json_object_set_new(o, "serial_number", field_json(&b->serial));
        json_object_set_new(o, "part_number", field_json(&b->part));
        json_object_set_new(o, "fru_file_id", field_json(&b->file_id));
        json_object_set_new(o, "custom", customs_json(b->custom, b->n_custom));
        json_object_set_new(root, "board", o);
    } else {
        json_object_set_new(root, "board", json_null());
    }
    if (loc[IK_FRU_AREA_PRODUCT].present) {
        const struct ik_fru_product *p = &fru->product;
        json_t *o = loc_json(&loc[IK_FRU_AREA_PRODUCT], img, len);
        json_object_set_new(o, "language", json_integer(p->lang));
        json_object_set_new(o, "manufacturer", field_json(&p->mfg));
        json_object_set_new(o, "name", field_json(&p->name));
        json_object_set_new(o, "part_number", field_json(&p->part));
        json_object_set_new(o, "version", field_json(&p->version));
        json_object_set_new(o, "serial_number", field_json(&p->serial));
        json_object_set_new(o, "asset_tag", field_json(&p->asset));
        json_object_set_new(o, "fru_file_id", field_json(&p->file_id));
        json_object_set_new(o, "custom", customs_json(p->custom, p->n_custom));
        json_object_set_new(root, "product", o);
    } else {
        json_object_set_new(root, "product", json_null());
    }
    if (loc[IK_FRU_AREA_MULTIREC].present) {
        json_t *o = loc_json(&loc[IK_FRU_AREA_MULTIREC], img, len);
        json_t *recs = json_array();
        for (uint8_t i = 0; i < fru->n_mr; i++)
            json_array_append_new(recs, mr_json(&fru->mr[i]));
        json_object_set_new(o, "records", recs);
        json_object_set_new(root, "multirecord", o);
    } else {
        json_object_set_new(root, "multirecord", json_null());
    }
    json_t *probs = json_array();
    for (uint8_t i = 0; i < fru->n_problems; i++) {
        const struct ik_fru_problem *p = &fru->problems[i];
        char msg[256];
        ik_frufmt_problem(p, fru, msg, sizeof(msg));
        json_array_append_new(
            probs,
            json_pack("{s:s, s:o, s:i, s:s, s:s, s:s}", "area", area_keys[p->area], "record",
                      p->record >= 0 ? json_integer(p->record) : json_null(), "offset", p->offset,
                      "error", ik_errname(p->err), "reason", p->reason, "message", msg));
    }
    json_object_set_new(root, "problems", probs);
    json_object_set_new(root, "problems_dropped", json_integer(fru->problems_dropped));
    return root;
}

void ik_frufmt_problem(const struct ik_fru_problem *p, const struct ik_fru *fru, char *buf,
                       size_t cap)
{
    const char *area = ik_fru_area_name((enum ik_fru_area)p->area);
    if (p->record >= 0) {
        /* Name the record's type when it was kept (records past IK_FRU_MR_MAX are not). */
        int type = p->record < fru->n_mr ? fru->mr[p->record].type : -1;
        if (type >= 0)
            snprintf(buf, cap, "%s, record %d (type 0x%02x) at byte 0x%x (%u): %s", area, p->record,
                     type, p->offset, p->offset, p->reason);
        else
            snprintf(buf, cap, "%s, record %d at byte 0x%x (%u): %s", area, p->record, p->offset,
                     p->offset, p->reason);
    } else {
        snprintf(buf, cap, "%s at byte 0x%x (%u): %s", area, p->offset, p->offset, p->reason);
    }
}
