/* FRU inventory image codec: common header, info areas and the multirecord chain. */
#include "ipmikit/fru.h"

#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "typelen.h"

/* Area lengths and offsets are one byte each, in 8-byte units. */
#define UNIT     8u
#define UNIT_MAX 255u

/* Multirecord header: type, end-of-list/version, length, record checksum, header checksum. */
#define MR_HDR_LEN 5

static const char *const area_names[IK_FRU_AREA_COUNT] = {
    "common header",   "internal use area", "chassis info area",
    "board info area", "product info area", "multirecord area",
};

const char *ik_fru_area_name(enum ik_fru_area area)
{
    return (unsigned)area < IK_FRU_AREA_COUNT ? area_names[area] : "FRU image";
}

/* ipmitool's chassis type list (SMBIOS chassis types 00h-1Dh). */
static const char *const chassis_types[] = {
    "Unspecified",
    "Other",
    "Unknown",
    "Desktop",
    "Low Profile Desktop",
    "Pizza Box",
    "Mini Tower",
    "Tower",
    "Portable",
    "LapTop",
    "Notebook",
    "Hand Held",
    "Docking Station",
    "All in One",
    "Sub Notebook",
    "Space-saving",
    "Lunch Box",
    "Main Server Chassis",
    "Expansion Chassis",
    "SubChassis",
    "Bus Expansion Chassis",
    "Peripheral Chassis",
    "RAID Chassis",
    "Rack Mount Chassis",
    "Sealed-case PC",
    "Multi-system Chassis",
    "CompactPCI",
    "AdvancedTCA",
    "Blade",
    "Blade Enclosure",
};

const char *ik_fru_chassis_type_name(uint8_t type)
{
    return type < sizeof(chassis_types) / sizeof(chassis_types[0]) ? chassis_types[type] : NULL;
}

/* Record a problem; past IK_FRU_PROBLEM_MAX only count it. */
static void problem(struct ik_fru *f, int err, enum ik_fru_area area, int record, size_t offset,
                    const char *reason)
{
    if (f->n_problems >= IK_FRU_PROBLEM_MAX) {
        if (f->problems_dropped < UINT16_MAX)
            f->problems_dropped++;
        return;
    }
    struct ik_fru_problem *p = &f->problems[f->n_problems++];
    p->err = err;
    p->area = (uint8_t)area;
    p->record = (int16_t)record;
    p->offset = (uint16_t)offset;
    p->reason = reason;
}

static uint8_t sum8(const uint8_t *p, size_t n)
{
    uint8_t s = 0;
    for (size_t i = 0; i < n; i++)
        s = (uint8_t)(s + p[i]);
    return s;
}

/* ---- type/length fields ----------------------------------------------------------- */

enum field_result { FIELD_OK, FIELD_END, FIELD_BAD };

/*
 * Type/length field (section 13, table 13-1):
 *   OFFSET SIZE FIELD
 *   0      1    bits 7:6 type code (00b binary, 01b BCD plus, 10b 6-bit ASCII, 11b Latin-1)
 *                bits 5:0 number of data bytes (C1h = end of fields, not a field)
 *   1      N    data
 * The reader r walks one area's field region; base is the image offset of r's buffer.
 */
static enum field_result field_read(struct ik_fru *f, enum ik_fru_area area, struct ik_rd *r,
                                    size_t base, struct ik_fru_field *out, bool fixed)
{
    size_t at = base + r->off;
    if (ik_rd_left(r) == 0) {
        problem(f, IK_E_BADFIELD, area, -1, at,
                fixed ? "area ends before all its fixed fields"
                      : "no end-of-fields marker (C1h) before the end of the area");
        return FIELD_BAD;
    }
    uint8_t tl = ik_rd_u8(r);
    if (tl == IK_FRU_END_MARKER) {
        if (fixed) {
            problem(f, IK_E_BADFIELD, area, -1, at,
                    "end-of-fields marker (C1h) before all the area's fixed fields");
            return FIELD_BAD;
        }
        return FIELD_END;
    }
    uint8_t n = tl & 0x3F;
    const uint8_t *data = ik_rd_ptr(r, n);
    if (!data) {
        problem(f, IK_E_TRUNCATED, area, -1, at, "field length runs past the end of the area");
        return FIELD_BAD;
    }
    if (out) {
        out->type = (uint8_t)(tl >> 6);
        out->len = n;
        out->offset = (uint16_t)at;
        out->data = data;
        (void)ik_tl_decode((enum ik_tl_type)out->type, data, n, out->text, sizeof(out->text));
        /* A Latin-1 field is shown up to its first NUL byte, as ipmitool and every C-string
         * consumer show it; the bytes stay available in data. */
        if (out->type == IK_FRU_TL_LATIN1) {
            const uint8_t *nul = memchr(data, 0, n);
            if (nul)
                out->text[nul - data] = '\0';
        }
    }
    return FIELD_OK;
}

/* Custom fields up to the C1h marker; returns false if the area's field list is broken. */
static bool custom_read(struct ik_fru *f, enum ik_fru_area area, struct ik_rd *r, size_t base,
                        struct ik_fru_field *custom, uint8_t *n_custom)
{
    bool warned = false;
    for (;;) {
        struct ik_fru_field scratch;
        bool keep = *n_custom < IK_FRU_CUSTOM_MAX;
        size_t at = base + r->off;
        enum field_result res =
            field_read(f, area, r, base, keep ? &custom[*n_custom] : &scratch, false);
        if (res == FIELD_END)
            return true;
        if (res == FIELD_BAD)
            return false;
        if (keep) {
            (*n_custom)++;
        } else if (!warned) {
            problem(f, IK_E_LIMIT, area, -1, at,
                    "more than 16 custom fields; the rest are checked but not kept");
            warned = true;
        }
    }
}

/* ---- info areas ------------------------------------------------------------------- */

/*
 * Chassis, board and product info areas all start the same way (tables 10-1, 11-1, 12-1):
 *   OFFSET SIZE FIELD
 *   0      1    format version: bits 3:0 = 1h
 *   1      1    area length in 8-byte units (covers everything up to the checksum)
 *   ...         area-specific fixed bytes, then type/length fields, C1h, 00h pad
 *   len-1  1    checksum: all area bytes sum to 0
 * Checks the area's place and checksum and opens a reader on its field region (without
 * the checksum byte). Returns false when nothing of the area can be decoded.
 */
static bool area_open(struct ik_fru *f, enum ik_fru_area area, const uint8_t *img, size_t len,
                      size_t off, struct ik_rd *r)
{
    struct ik_fru_loc *loc = &f->loc[area];
    loc->cksum_ok = -1;
    if (off >= len) {
        problem(f, IK_E_RANGE, area, -1, off, "area offset is past the end of the image");
        return false;
    }
    if (len - off < 2) {
        problem(f, IK_E_TRUNCATED, area, -1, off,
                "area header (version, length) is cut off by the end of the image");
        return false;
    }
    loc->version = img[off];
    size_t alen = (size_t)img[off + 1] * UNIT;
    loc->length = (uint16_t)alen;
    if ((loc->version & 0x0F) != 1)
        problem(f, IK_E_UNSUPPORTED, area, -1, off,
                "area format version is not 1h (decoded as version 1)");
    if (alen == 0) {
        problem(f, IK_E_BADFIELD, area, -1, off + 1, "area length is 0");
        return false;
    }
    size_t fields_len;
    if (alen > len - off) {
        problem(f, IK_E_TRUNCATED, area, -1, off + 1,
                "area length runs past the end of the image (decoding what is there)");
        fields_len = len - off;
    } else {
        loc->checksum = img[off + alen - 1];
        loc->cksum_ok = sum8(img + off, alen) == 0;
        if (!loc->cksum_ok)
            problem(f, IK_E_CHECKSUM, area, -1, off + alen - 1, "area checksum mismatch");
        fields_len = alen - 1;
    }
    ik_rd_init(r, img + off, fields_len);
    ik_rd_skip(r, 2);
    return true;
}

/* Fixed bytes after version/length; reports a cut-off area. */
static bool area_fixed(struct ik_fru *f, enum ik_fru_area area, struct ik_rd *r, size_t base,
                       size_t n)
{
    if (ik_rd_left(r) < n) {
        problem(f, IK_E_TRUNCATED, area, -1, base + r->off,
                "area ends inside its fixed header bytes");
        return false;
    }
    return true;
}

/*
 * Chassis info area (table 10-1):
 *   OFFSET SIZE FIELD
 *   0      1    format version (01h)
 *   1      1    length / 8
 *   2      1    chassis type (SMBIOS)
 *   3      N    chassis part number (type/length)
 *   .      N    chassis serial number (type/length)
 *   .      N    custom fields ... C1h, pad, checksum
 */
static void chassis_decode(struct ik_fru *f, const uint8_t *img, size_t len, size_t off)
{
    struct ik_rd r;
    struct ik_fru_chassis *c = &f->chassis;
    if (!area_open(f, IK_FRU_AREA_CHASSIS, img, len, off, &r) ||
        !area_fixed(f, IK_FRU_AREA_CHASSIS, &r, off, 1))
        return;
    c->type = ik_rd_u8(&r);
    struct ik_fru_field *fixed[] = {&c->part, &c->serial};
    for (size_t i = 0; i < 2; i++)
        if (field_read(f, IK_FRU_AREA_CHASSIS, &r, off, fixed[i], true) != FIELD_OK)
            return;
    (void)custom_read(f, IK_FRU_AREA_CHASSIS, &r, off, c->custom, &c->n_custom);
}

/*
 * Board info area (table 11-1):
 *   OFFSET SIZE FIELD
 *   0      1    format version (01h)
 *   1      1    length / 8
 *   2      1    language code
 *   3      3    manufacturing date/time: minutes since 1996-01-01 00:00 UTC, LSB first
 *   6      N    board manufacturer, product name, serial number, part number, FRU file ID
 *   .      N    custom fields ... C1h, pad, checksum
 */
static void board_decode(struct ik_fru *f, const uint8_t *img, size_t len, size_t off)
{
    struct ik_rd r;
    struct ik_fru_board *b = &f->board;
    if (!area_open(f, IK_FRU_AREA_BOARD, img, len, off, &r) ||
        !area_fixed(f, IK_FRU_AREA_BOARD, &r, off, 4))
        return;
    b->lang = ik_rd_u8(&r);
    b->mfg_minutes = ik_rd_le24(&r);
    struct ik_fru_field *fixed[] = {&b->mfg, &b->product, &b->serial, &b->part, &b->file_id};
    for (size_t i = 0; i < 5; i++)
        if (field_read(f, IK_FRU_AREA_BOARD, &r, off, fixed[i], true) != FIELD_OK)
            return;
    (void)custom_read(f, IK_FRU_AREA_BOARD, &r, off, b->custom, &b->n_custom);
}

/*
 * Product info area (table 12-1):
 *   OFFSET SIZE FIELD
 *   0      1    format version (01h)
 *   1      1    length / 8
 *   2      1    language code
 *   3      N    manufacturer, product name, part/model number, version, serial number,
 *               asset tag, FRU file ID
 *   .      N    custom fields ... C1h, pad, checksum
 */
static void product_decode(struct ik_fru *f, const uint8_t *img, size_t len, size_t off)
{
    struct ik_rd r;
    struct ik_fru_product *p = &f->product;
    if (!area_open(f, IK_FRU_AREA_PRODUCT, img, len, off, &r) ||
        !area_fixed(f, IK_FRU_AREA_PRODUCT, &r, off, 1))
        return;
    p->lang = ik_rd_u8(&r);
    struct ik_fru_field *fixed[] = {&p->mfg,    &p->name,  &p->part,   &p->version,
                                    &p->serial, &p->asset, &p->file_id};
    for (size_t i = 0; i < 7; i++)
        if (field_read(f, IK_FRU_AREA_PRODUCT, &r, off, fixed[i], true) != FIELD_OK)
            return;
    (void)custom_read(f, IK_FRU_AREA_PRODUCT, &r, off, p->custom, &p->n_custom);
}

/*
 * Internal use area (section 9): a format version byte then data whose meaning belongs to
 * the manufacturer. It has no length of its own: it runs to the next area that starts after
 * it, or to the end of the image.
 */
static void internal_decode(struct ik_fru *f, const uint8_t *img, size_t len, size_t off,
                            const size_t starts[IK_FRU_AREA_COUNT])
{
    struct ik_fru_loc *loc = &f->loc[IK_FRU_AREA_INTERNAL];
    loc->cksum_ok = -1;
    if (off >= len) {
        problem(f, IK_E_RANGE, IK_FRU_AREA_INTERNAL, -1, off,
                "area offset is past the end of the image");
        return;
    }
    size_t end = len;
    for (int a = IK_FRU_AREA_CHASSIS; a < IK_FRU_AREA_COUNT; a++)
        if (starts[a] > off && starts[a] < end)
            end = starts[a];
    loc->version = img[off];
    loc->length = (uint16_t)(end - off);
    f->internal = img + off + 1;
    f->internal_len = (uint16_t)(end - off - 1);
}

/* ---- multirecords ----------------------------------------------------------------- */

/*
 * Multirecord header (section 16.1, table 16-1):
 *   OFFSET SIZE FIELD
 *   0      1    record type ID
 *   1      1    bit 7 end of list, bits 6:4 reserved, bits 3:0 record format version (2h)
 *   2      1    record length (data bytes after this header)
 *   3      1    record checksum: data bytes + this byte sum to 0
 *   4      1    header checksum: the five header bytes sum to 0
 *   5      N    record data
 * Fills *m from the header only (data/len checked by the caller).
 */
static void mr_header(const uint8_t *p, struct ik_fru_mr *m)
{
    memset(m, 0, sizeof(*m));
    m->type = p[0];
    m->end = (p[1] & 0x80) != 0;
    m->version = p[1] & 0x0F;
    m->len = p[2];
    m->rec_cksum = p[3];
    m->hdr_cksum = p[4];
    m->hdr_ok = sum8(p, MR_HDR_LEN) == 0;
}

int ik_fru_mr_decode(const uint8_t *buf, size_t len, struct ik_fru_mr *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    const uint8_t *hdr = ik_rd_ptr(&r, MR_HDR_LEN);
    if (!hdr)
        return IK_E_TRUNCATED;
    struct ik_fru_mr m;
    mr_header(hdr, &m);
    const uint8_t *data = ik_rd_ptr(&r, m.len);
    if (!data)
        return IK_E_TRUNCATED;
    m.data = data;
    m.rec_ok = (uint8_t)(sum8(data, m.len) + m.rec_cksum) == 0;
    *out = m;
    return 0;
}

static void multirec_decode(struct ik_fru *f, const uint8_t *img, size_t len, size_t off)
{
    struct ik_fru_loc *loc = &f->loc[IK_FRU_AREA_MULTIREC];
    const enum ik_fru_area A = IK_FRU_AREA_MULTIREC;
    loc->cksum_ok = -1;
    loc->version = IK_FRU_MR_VERSION;
    if (off >= len) {
        problem(f, IK_E_RANGE, A, -1, off, "area offset is past the end of the image");
        return;
    }
    size_t o = off;
    int all_ok = 1;
    bool warned = false;
    for (int idx = 0;; idx++) {
        if (len - o < MR_HDR_LEN) {
            problem(f, IK_E_TRUNCATED, A, idx, o,
                    "record header is cut off by the end of the image");
            all_ok = 0;
            break;
        }
        struct ik_fru_mr m;
        mr_header(img + o, &m);
        m.offset = (uint16_t)o;
        if (!m.hdr_ok) {
            /* The length cannot be trusted, so neither can anything after it. */
            problem(f, IK_E_CHECKSUM, A, idx, o + 4,
                    "record header checksum mismatch (the chain ends here)");
            all_ok = 0;
            break;
        }
        if (m.version != IK_FRU_MR_VERSION)
            problem(f, IK_E_UNSUPPORTED, A, idx, o + 1, "record format version is not 2h");
        if ((size_t)m.len > len - o - MR_HDR_LEN) {
            problem(f, IK_E_TRUNCATED, A, idx, o + 2,
                    "record length runs past the end of the image");
            all_ok = 0;
            break;
        }
        m.data = img + o + MR_HDR_LEN;
        m.rec_ok = (uint8_t)(sum8(m.data, m.len) + m.rec_cksum) == 0;
        if (!m.rec_ok) {
            problem(f, IK_E_CHECKSUM, A, idx, o + 3, "record data checksum mismatch");
            all_ok = 0;
        }
        if (f->n_mr < IK_FRU_MR_MAX) {
            f->mr[f->n_mr++] = m;
        } else if (!warned) {
            problem(f, IK_E_LIMIT, A, idx, o, "more than 32 records; the rest are not kept");
            warned = true;
        }
        o += MR_HDR_LEN + m.len;
        if (m.end)
            break;
        if (o >= len) {
            problem(f, IK_E_TRUNCATED, A, idx, o,
                    "no record has the end-of-list bit before the end of the image");
            all_ok = 0;
            break;
        }
    }
    loc->length = (uint16_t)(o - off);
    loc->cksum_ok = (int8_t)all_ok;
}

/* ---- the whole image -------------------------------------------------------------- */

/*
 * Common header (section 8, table 8-1):
 *   OFFSET SIZE FIELD
 *   0      1    format version: bits 7:4 reserved, bits 3:0 = 1h
 *   1      1    internal use area offset, 8-byte units (0 = absent)
 *   2      1    chassis info area offset
 *   3      1    board info area offset
 *   4      1    product info area offset
 *   5      1    multirecord area offset
 *   6      1    pad (00h)
 *   7      1    checksum: the eight bytes sum to 0
 */
int ik_fru_decode(const uint8_t *buf, size_t len, struct ik_fru *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    const uint8_t *hdr = ik_rd_ptr(&r, IK_FRU_HEADER_LEN);
    if (!hdr)
        return IK_E_TRUNCATED;
    if (len > IK_FRU_IMAGE_MAX)
        return IK_E_OVERSIZE;
    if ((hdr[0] & 0x0F) != 1)
        return IK_E_UNSUPPORTED;

    memset(out, 0, sizeof(*out));
    out->version = hdr[0];
    out->hdr_cksum = hdr[7];
    out->hdr_ok = sum8(hdr, IK_FRU_HEADER_LEN) == 0;
    if (!out->hdr_ok)
        problem(out, IK_E_CHECKSUM, IK_FRU_AREA_HEADER, -1, 7,
                "common header checksum mismatch (offsets used anyway)");
    if (hdr[0] != 0x01)
        problem(out, IK_E_UNSUPPORTED, IK_FRU_AREA_HEADER, -1, 0,
                "reserved bits set in the header format version");
    out->loc[IK_FRU_AREA_HEADER] = (struct ik_fru_loc){
        .present = true,
        .offset = 0,
        .length = IK_FRU_HEADER_LEN,
        .version = hdr[0],
        .checksum = hdr[7],
        .cksum_ok = out->hdr_ok,
    };

    size_t starts[IK_FRU_AREA_COUNT] = {0};
    for (int a = IK_FRU_AREA_INTERNAL; a < IK_FRU_AREA_COUNT; a++) {
        starts[a] = (size_t)hdr[a] * UNIT; /* header byte a holds area a's offset */
        out->loc[a].present = hdr[a] != 0;
        out->loc[a].offset = (uint16_t)starts[a];
    }
    if (out->loc[IK_FRU_AREA_INTERNAL].present)
        internal_decode(out, buf, len, starts[IK_FRU_AREA_INTERNAL], starts);
    if (out->loc[IK_FRU_AREA_CHASSIS].present)
        chassis_decode(out, buf, len, starts[IK_FRU_AREA_CHASSIS]);
    if (out->loc[IK_FRU_AREA_BOARD].present)
        board_decode(out, buf, len, starts[IK_FRU_AREA_BOARD]);
    if (out->loc[IK_FRU_AREA_PRODUCT].present)
        product_decode(out, buf, len, starts[IK_FRU_AREA_PRODUCT]);
    if (out->loc[IK_FRU_AREA_MULTIREC].present)
        multirec_decode(out, buf, len, starts[IK_FRU_AREA_MULTIREC]);
    return 0;
}

/* ---- encoder ---------------------------------------------------------------------- */

int ik_fru_field_set(struct ik_fru_field *f, const char *text)
{
    size_t n = strlen(text);
    if (n > IK_FRU_FIELD_MAX)
        return IK_E_RANGE;
    memset(f, 0, sizeof(*f));
    memcpy(f->text, text, n + 1);
    f->type = IK_FRU_TL_LATIN1;
    return 0;
}

static int field_encode(struct ik_wr *w, const struct ik_fru_field *f)
{
    size_t tlen = strnlen(f->text, sizeof(f->text));
    if (tlen == sizeof(f->text))
        return IK_E_INVAL; /* not NUL-terminated */
    if (tlen == 0) {
        ik_wr_u8(w, 0xC0); /* the empty field: Latin-1, no bytes */
        return 0;
    }
    uint8_t data[IK_FRU_FIELD_MAX + 1];
    size_t n = 0;
    enum ik_tl_type type = (enum ik_tl_type)(f->type & 3);
    int rc = ik_tl_encode(type, f->text, data, IK_FRU_FIELD_MAX, &n);
    if (rc == IK_E_NOSPACE)
        return IK_E_RANGE; /* more than 63 bytes: no type/length byte can say so */
    if (rc < 0)
        return rc;
    /* Latin-1 with one byte would be C1h, the end-of-fields marker: add a NUL, which every
     * reader (ipmitool, FreeIPMI, this decoder) treats as the end of the text. */
    if (type == IK_TL_LATIN1 && n == 1)
        data[n++] = 0;
    ik_wr_u8(w, (uint8_t)(type << 6 | n));
    ik_wr_bytes(w, data, n);
    return 0;
}

static int fields_encode(struct ik_wr *w, const struct ik_fru_field *const *fixed, size_t n_fixed,
                         const struct ik_fru_field *custom, uint8_t n_custom)
{
    if (n_custom > IK_FRU_CUSTOM_MAX)
        return IK_E_INVAL;
    for (size_t i = 0; i < n_fixed; i++) {
        int rc = field_encode(w, fixed[i]);
        if (rc < 0)
            return rc;
    }
    for (size_t i = 0; i < n_custom; i++) {
        int rc = field_encode(w, &custom[i]);
        if (rc < 0)
            return rc;
    }
    ik_wr_u8(w, IK_FRU_END_MARKER);
    return 0;
}

/* Close an info area begun at start: pad to a multiple of 8 with the checksum last, then
 * fill in the length byte and the checksum. */
static int area_close(struct ik_wr *w, size_t start)
{
    while ((w->off - start + 1) % UNIT != 0 && !w->err)
        ik_wr_u8(w, 0);
    ik_wr_u8(w, 0);
    if (w->err)
        return w->err;
    size_t n = w->off - start;
    if (n / UNIT > UNIT_MAX)
        return IK_E_RANGE;
    w->buf[start + 1] = (uint8_t)(n / UNIT);
    w->buf[w->off - 1] = ik_cksum(w->buf + start, n - 1);
    return 0;
}

/* Start the next area: it must begin at an offset the header can name. */
static int area_begin(struct ik_wr *w, uint8_t *hdr_slot)
{
    if (w->off / UNIT > UNIT_MAX)
        return IK_E_RANGE;
    *hdr_slot = (uint8_t)(w->off / UNIT);
    return 0;
}

int ik_fru_encode(const struct ik_fru *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    uint8_t hdr[IK_FRU_HEADER_LEN] = {0x01};
    int rc;
    ik_wr_init(&w, buf, cap);
    ik_wr_fill(&w, 0, IK_FRU_HEADER_LEN);

    if (in->loc[IK_FRU_AREA_INTERNAL].present) {
        if (in->internal_len && !in->internal)
            return IK_E_INVAL;
        if ((rc = area_begin(&w, &hdr[IK_FRU_AREA_INTERNAL])) < 0)
            return rc;
        ik_wr_u8(&w, 0x01);
        ik_wr_bytes(&w, in->internal, in->internal_len);
        while (w.off % UNIT && !w.err)
            ik_wr_u8(&w, 0);
    }
    if (in->loc[IK_FRU_AREA_CHASSIS].present) {
        const struct ik_fru_chassis *c = &in->chassis;
        size_t start = w.off;
        if ((rc = area_begin(&w, &hdr[IK_FRU_AREA_CHASSIS])) < 0)
            return rc;
        ik_wr_u8(&w, 0x01);
        ik_wr_u8(&w, 0); /* length, filled in by area_close */
        ik_wr_u8(&w, c->type);
        const struct ik_fru_field *const fixed[] = {&c->part, &c->serial};
        if ((rc = fields_encode(&w, fixed, 2, c->custom, c->n_custom)) < 0 ||
            (rc = area_close(&w, start)) < 0)
            return rc;
    }
    if (in->loc[IK_FRU_AREA_BOARD].present) {
        const struct ik_fru_board *b = &in->board;
        size_t start = w.off;
        if (b->mfg_minutes > 0xFFFFFF)
            return IK_E_RANGE;
        if ((rc = area_begin(&w, &hdr[IK_FRU_AREA_BOARD])) < 0)
            return rc;
        ik_wr_u8(&w, 0x01);
        ik_wr_u8(&w, 0);
        ik_wr_u8(&w, b->lang);
        ik_wr_le24(&w, b->mfg_minutes);
        const struct ik_fru_field *const fixed[] = {&b->mfg, &b->product, &b->serial, &b->part,
                                                    &b->file_id};
        if ((rc = fields_encode(&w, fixed, 5, b->custom, b->n_custom)) < 0 ||
            (rc = area_close(&w, start)) < 0)
            return rc;
    }
    if (in->loc[IK_FRU_AREA_PRODUCT].present) {
        const struct ik_fru_product *p = &in->product;
        size_t start = w.off;
        if ((rc = area_begin(&w, &hdr[IK_FRU_AREA_PRODUCT])) < 0)
            return rc;
        ik_wr_u8(&w, 0x01);
        ik_wr_u8(&w, 0);
        ik_wr_u8(&w, p->lang);
        const struct ik_fru_field *const fixed[] = {&p->mfg,    &p->name,  &p->part,   &p->version,
                                                    &p->serial, &p->asset, &p->file_id};
        if ((rc = fields_encode(&w, fixed, 7, p->custom, p->n_custom)) < 0 ||
            (rc = area_close(&w, start)) < 0)
            return rc;
    }
    if (in->n_mr > IK_FRU_MR_MAX)
        return IK_E_INVAL;
    if (in->n_mr) {
        if ((rc = area_begin(&w, &hdr[IK_FRU_AREA_MULTIREC])) < 0)
            return rc;
        for (size_t i = 0; i < in->n_mr; i++) {
            const struct ik_fru_mr *m = &in->mr[i];
            if (m->len && !m->data)
                return IK_E_INVAL;
            uint8_t h[MR_HDR_LEN] = {
                m->type, (uint8_t)((i + 1 == in->n_mr ? 0x80 : 0x00) | IK_FRU_MR_VERSION),
                m->len,  ik_cksum(m->data, m->len),
                0,
            };
            h[4] = ik_cksum(h, MR_HDR_LEN - 1);
            ik_wr_bytes(&w, h, MR_HDR_LEN);
            ik_wr_bytes(&w, m->data, m->len);
        }
    }
    if (w.err)
        return w.err;
    if (w.off > IK_FRU_IMAGE_MAX)
        return IK_E_RANGE;
    hdr[7] = ik_cksum(hdr, IK_FRU_HEADER_LEN - 1);
    memcpy(buf, hdr, IK_FRU_HEADER_LEN);
    *written = w.off;
    return 0;
}
