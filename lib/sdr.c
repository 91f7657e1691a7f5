/*
 * SDR record codec (IPMI 2.0 section 43): the 5-byte header and every record type the
 * specification defines, decoded field by field and encoded back.
 *
 * Offsets below count from the start of the record, as the specification's tables do
 * ("byte 1" is the first byte of the record ID); the cursor reads the body, which starts
 * at byte 6. Multi-byte fields are little-endian. Every type with an ID string ends with
 * a type/length byte (section 43.15: [7:6] encoding, [5] reserved, [4:0] byte count, at
 * most 16 here) and the string; zero bytes after it are tolerated and counted in `pad`.
 */
#include "ipmikit/sdr.h"

#include <string.h>

#include "cursor.h"
#include "typelen.h"

/*
 * Record header, every table's first five bytes.
 *   OFFSET SIZE FIELD
 *   1      2    record ID (LS byte first)
 *   3      1    SDR version (51h for IPMI 1.5/2.0)
 *   4      1    record type
 *   5      1    record length: bytes that follow the header
 */
int ik_sdr_header_decode(const uint8_t *buf, size_t len, struct ik_sdr_header *out)
{
    if (len != IK_SDR_HEADER_LEN)
        return len < IK_SDR_HEADER_LEN ? IK_E_TRUNCATED : IK_E_OVERSIZE;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    struct ik_sdr_header h;
    memset(&h, 0, sizeof(h)); /* padding too: decoded records compare with memcmp */
    h.record_id = ik_rd_le16(&r);
    h.version = ik_rd_u8(&r);
    h.type = ik_rd_u8(&r);
    h.length = ik_rd_u8(&r);
    int err = ik_rd_end(&r);
    if (err)
        return err;
    memcpy(out, &h, sizeof(h)); /* bytes, padding included (records compare with memcmp) */
    return 0;
}

size_t ik_sdr_fixed_len(uint8_t type)
{
    switch (type) {
    case IK_SDR_FULL:
        return 43;
    case IK_SDR_COMPACT:
        return 27;
    case IK_SDR_EVENT_ONLY:
        return 12;
    case IK_SDR_ENTITY_ASSOC:
        return 11;
    case IK_SDR_DEV_ENTITY_ASSOC:
        return 27;
    case IK_SDR_GENERIC_LOCATOR:
    case IK_SDR_FRU_LOCATOR:
    case IK_SDR_MC_LOCATOR:
        return 11;
    case IK_SDR_MC_CONFIRM:
        return 27;
    case IK_SDR_BMC_CHANNEL:
        return 11;
    case IK_SDR_OEM:
        return 3;
    }
    return 0;
}

const char *ik_sdr_type_name(uint8_t type)
{
    switch (type) {
    case IK_SDR_FULL:
        return "Full Sensor Record";
    case IK_SDR_COMPACT:
        return "Compact Sensor Record";
    case IK_SDR_EVENT_ONLY:
        return "Event-Only Record";
    case IK_SDR_ENTITY_ASSOC:
        return "Entity Association Record";
    case IK_SDR_DEV_ENTITY_ASSOC:
        return "Device-relative Entity Association Record";
    case IK_SDR_GENERIC_LOCATOR:
        return "Generic Device Locator Record";
    case IK_SDR_FRU_LOCATOR:
        return "FRU Device Locator Record";
    case IK_SDR_MC_LOCATOR:
        return "Management Controller Device Locator Record";
    case IK_SDR_MC_CONFIRM:
        return "Management Controller Confirmation Record";
    case IK_SDR_BMC_CHANNEL:
        return "BMC Message Channel Info Record";
    case IK_SDR_OEM:
        return "OEM Record";
    }
    return NULL;
}

/* Sign-extend the low `bits` bits of v. */
static int sext(unsigned v, unsigned bits)
{
    unsigned m = 1u << (bits - 1);
    v &= (1u << bits) - 1;
    return (int)(v ^ m) - (int)m;
}

/* ---- pieces shared by several record types ------------------------------------------ */

/* Zero bytes after a fixed-size body (records without an ID string). */
static int rd_pad(struct ik_rd *r, uint8_t *pad)
{
    if (ik_rd_error(r))
        return ik_rd_error(r);
    size_t left = ik_rd_left(r);
    const uint8_t *rest = ik_rd_ptr(r, left);
    for (size_t i = 0; i < left; i++)
        if (rest[i] != 0)
            return IK_E_BADFIELD;
    *pad = (uint8_t)left;
    return ik_rd_error(r);
}

/* ID string type/length byte and string, then the zero padding that may follow. */
static int rd_id(struct ik_rd *r, struct ik_sdr_id *id, uint8_t *pad)
{
    uint8_t tl = ik_rd_u8(r);
    if (ik_rd_error(r))
        return ik_rd_error(r);
    size_t n = tl & 0x1F;
    if (n > IK_SDR_ID_MAX)
        return IK_E_BADFIELD;
    if (n > ik_rd_left(r))
        return IK_E_TRUNCATED;
    id->enc = (uint8_t)(tl >> 6);
    id->len = (uint8_t)n;
    ik_rd_bytes(r, id->raw, n);
    /* 16 bytes decode to at most 32 characters (BCD plus, hex), so text always fits. */
    if (ik_tl_decode((enum ik_tl_type)id->enc, id->raw, n, id->text, sizeof(id->text)) < 0)
        return IK_E_BADFIELD;
    return rd_pad(r, pad);
}

static void wr_id(struct ik_wr *w, const struct ik_sdr_id *id, uint8_t pad, int *bad)
{
    if (id->len > IK_SDR_ID_MAX || id->enc > 3)
        *bad = 1;
    uint8_t n = id->len > IK_SDR_ID_MAX ? 0 : id->len;
    ik_wr_u8(w, (uint8_t)((id->enc & 3) << 6 | n));
    ik_wr_bytes(w, id->raw, n);
    ik_wr_fill(w, 0, pad);
}

/* Entity instance byte of sensor and locator records: [7] logical, [6:0] instance. */
static void rd_instance(struct ik_rd *r, uint8_t *instance, uint8_t *logical)
{
    uint8_t v = ik_rd_u8(r);
    *instance = v & 0x7F;
    *logical = v >> 7;
}

/* Record sharing bytes of compact (24-25) and event-only (13-14) records. */
static void rd_share(struct ik_rd *r, struct ik_sdr_share *s)
{
    uint8_t a = ik_rd_u8(r), b = ik_rd_u8(r);
    s->direction = a >> 6;
    s->modifier_type = (a >> 4) & 3;
    s->count = a & 0x0F;
    s->entity_sharing = b >> 7;
    s->modifier_offset = b & 0x7F;
}

/*
 * Bytes 6-23 common to full (table 43-1) and compact (table 43-2) sensor records.
 *   OFFSET SIZE FIELD
 *   6      1    sensor owner ID: [7:1] slave address / software ID, [0] 0 = IPMB, 1 = software
 *   7      1    sensor owner LUN: [7:4] channel, [3:2] reserved, [1:0] LUN
 *   8      1    sensor number
 *   9      1    entity ID
 *   10     1    entity instance: [7] logical container, [6:0] instance
 *   11     1    sensor initialization: [7] settable, [6] init scanning, [5] init events,
 *               [4] init thresholds, [3] init hysteresis, [2] init sensor type,
 *               [1] event generation enabled, [0] sensor scanning enabled (power-up state)
 *   12     1    sensor capabilities: [7] ignore, [6] auto re-arm, [5:4] hysteresis,
 *               [3:2] threshold access, [1:0] event message control
 *   13     1    sensor type
 *   14     1    event/reading type code
 *   15     2    assertion event mask / lower threshold reading mask
 *   17     2    deassertion event mask / upper threshold reading mask
 *   19     2    discrete reading mask / settable (MS byte) and readable (LS byte) thresholds
 *   21     1    sensor units 1: [7:6] analog data format, [5:3] rate unit, [2:1] modifier
 *               unit, [0] percentage
 *   22     1    sensor units 2: base unit
 *   23     1    sensor units 3: modifier unit
 */
static void rd_sensor(struct ik_rd *r, struct ik_sdr_sensor *s)
{
    s->owner_id = ik_rd_u8(r);
    uint8_t b = ik_rd_u8(r);
    s->channel = b >> 4;
    s->owner_lun = b & 3;
    s->number = ik_rd_u8(r);
    s->entity_id = ik_rd_u8(r);
    rd_instance(r, &s->entity_instance, &s->entity_logical);
    b = ik_rd_u8(r);
    s->settable = (b >> 7) & 1;
    s->init_scanning = (b >> 6) & 1;
    s->init_events = (b >> 5) & 1;
    s->init_thresholds = (b >> 4) & 1;
    s->init_hysteresis = (b >> 3) & 1;
    s->init_sensor_type = (b >> 2) & 1;
    s->events_enabled = (b >> 1) & 1;
    s->scanning_enabled = b & 1;
    b = ik_rd_u8(r);
    s->ignore = (b >> 7) & 1;
    s->auto_rearm = (b >> 6) & 1;
    s->hysteresis_access = (b >> 4) & 3;
    s->threshold_access = (b >> 2) & 3;
    s->event_msg_control = b & 3;
    s->sensor_type = ik_rd_u8(r);
    s->event_type = ik_rd_u8(r);
    s->assert_mask = ik_rd_le16(r);
    s->deassert_mask = ik_rd_le16(r);
    s->reading_mask = ik_rd_le16(r);
    b = ik_rd_u8(r);
    s->units.format = b >> 6;
    s->units.rate = (b >> 3) & 7;
    s->units.modifier = (b >> 1) & 3;
    s->units.percentage = b & 1;
    s->units.base_unit = ik_rd_u8(r);
    s->units.modifier_unit = ik_rd_u8(r);
}

/* Does v fit in `bits` bits?  Sets *bad when not. */
static unsigned fit(unsigned v, unsigned bits, int *bad)
{
    if (v >> bits)
        *bad = 1;
    return v & ((1u << bits) - 1);
}

static void wr_sensor(struct ik_wr *w, const struct ik_sdr_sensor *s, int *bad)
{
    ik_wr_u8(w, s->owner_id);
    ik_wr_u8(w, (uint8_t)(fit(s->channel, 4, bad) << 4 | fit(s->owner_lun, 2, bad)));
    ik_wr_u8(w, s->number);
    ik_wr_u8(w, s->entity_id);
    ik_wr_u8(w, (uint8_t)(fit(s->entity_logical, 1, bad) << 7 | fit(s->entity_instance, 7, bad)));
    ik_wr_u8(w, (uint8_t)(fit(s->settable, 1, bad) << 7 | fit(s->init_scanning, 1, bad) << 6 |
                          fit(s->init_events, 1, bad) << 5 | fit(s->init_thresholds, 1, bad) << 4 |
                          fit(s->init_hysteresis, 1, bad) << 3 |
                          fit(s->init_sensor_type, 1, bad) << 2 |
                          fit(s->events_enabled, 1, bad) << 1 | fit(s->scanning_enabled, 1, bad)));
    ik_wr_u8(w,
             (uint8_t)(fit(s->ignore, 1, bad) << 7 | fit(s->auto_rearm, 1, bad) << 6 |
                       fit(s->hysteresis_access, 2, bad) << 4 |
                       fit(s->threshold_access, 2, bad) << 2 | fit(s->event_msg_control, 2, bad)));
    ik_wr_u8(w, s->sensor_type);
    ik_wr_u8(w, s->event_type);
    ik_wr_le16(w, s->assert_mask);
    ik_wr_le16(w, s->deassert_mask);
    ik_wr_le16(w, s->reading_mask);
    ik_wr_u8(w, (uint8_t)(fit(s->units.format, 2, bad) << 6 | fit(s->units.rate, 3, bad) << 3 |
                          fit(s->units.modifier, 2, bad) << 1 | fit(s->units.percentage, 1, bad)));
    ik_wr_u8(w, s->units.base_unit);
    ik_wr_u8(w, s->units.modifier_unit);
}

static void wr_share(struct ik_wr *w, const struct ik_sdr_share *s, int *bad)
{
    ik_wr_u8(w, (uint8_t)(fit(s->direction, 2, bad) << 6 | fit(s->modifier_type, 2, bad) << 4 |
                          fit(s->count, 4, bad)));
    ik_wr_u8(w, (uint8_t)(fit(s->entity_sharing, 1, bad) << 7 | fit(s->modifier_offset, 7, bad)));
}

/* ---- 01h full sensor record ----------------------------------------------------------- */

/*
 * Table 43-1, full sensor record (bytes 6-23: see rd_sensor).
 *   OFFSET SIZE FIELD
 *   24     1    linearization [6:0] (70h-7Fh non-linear)
 *   25     1    M, LS 8 bits
 *   26     1    [7:6] M, MS 2 bits (10-bit 2's complement); [5:0] tolerance (+/- half counts)
 *   27     1    B, LS 8 bits
 *   28     1    [7:6] B, MS 2 bits (10-bit 2's complement); [5:0] accuracy, LS 6 bits
 *   29     1    [7:4] accuracy, MS 4 bits; [3:2] accuracy exponent; [1:0] sensor direction
 *   30     1    [7:4] R (result) exponent K2, [3:0] B exponent K1 (4-bit 2's complement)
 *   31     1    analog characteristic flags: [2] normal min, [1] normal max, [0] nominal
 *               reading specified
 *   32     1    nominal reading (raw)
 *   33     1    normal maximum
 *   34     1    normal minimum
 *   35     1    sensor maximum reading
 *   36     1    sensor minimum reading
 *   37     1    upper non-recoverable threshold
 *   38     1    upper critical threshold
 *   39     1    upper non-critical threshold
 *   40     1    lower non-recoverable threshold
 *   41     1    lower critical threshold
 *   42     1    lower non-critical threshold
 *   43     1    positive-going threshold hysteresis (raw counts)
 *   44     1    negative-going threshold hysteresis
 *   45     2    reserved
 *   47     1    OEM
 *   48     1    ID string type/length
 *   49     <=16 ID string
 */
static int rd_full(struct ik_rd *r, struct ik_sdr_full *f, uint8_t *pad)
{
    rd_sensor(r, &f->s);
    f->linearization = ik_rd_u8(r) & 0x7F;
    uint8_t m_ls = ik_rd_u8(r), m_tol = ik_rd_u8(r);
    f->m = (int16_t)sext((unsigned)(m_tol >> 6) << 8 | m_ls, 10);
    f->tolerance = m_tol & 0x3F;
    uint8_t b_ls = ik_rd_u8(r), b_acc = ik_rd_u8(r);
    f->b = (int16_t)sext((unsigned)(b_acc >> 6) << 8 | b_ls, 10);
    uint8_t acc = ik_rd_u8(r);
    f->accuracy = (uint16_t)((acc >> 4) << 6 | (b_acc & 0x3F));
    f->accuracy_exp = (acc >> 2) & 3;
    f->direction = acc & 3;
    uint8_t ex = ik_rd_u8(r);
    f->r_exp = (int8_t)sext(ex >> 4, 4);
    f->b_exp = (int8_t)sext(ex & 0x0F, 4);
    uint8_t flags = ik_rd_u8(r);
    f->normal_min_specified = (flags >> 2) & 1;
    f->normal_max_specified = (flags >> 1) & 1;
    f->nominal_specified = flags & 1;
    f->nominal = ik_rd_u8(r);
    f->normal_max = ik_rd_u8(r);
    f->normal_min = ik_rd_u8(r);
    f->sensor_max = ik_rd_u8(r);
    f->sensor_min = ik_rd_u8(r);
    f->thresholds[IK_SDR_UNR] = ik_rd_u8(r);
    f->thresholds[IK_SDR_UCR] = ik_rd_u8(r);
    f->thresholds[IK_SDR_UNC] = ik_rd_u8(r);
    f->thresholds[IK_SDR_LNR] = ik_rd_u8(r);
    f->thresholds[IK_SDR_LCR] = ik_rd_u8(r);
    f->thresholds[IK_SDR_LNC] = ik_rd_u8(r);
    f->hyst_pos = ik_rd_u8(r);
    f->hyst_neg = ik_rd_u8(r);
    ik_rd_skip(r, 2);
    f->oem = ik_rd_u8(r);
    return ik_rd_error(r) ? ik_rd_error(r) : rd_id(r, &f->id, pad);
}

static void wr_full(struct ik_wr *w, const struct ik_sdr_full *f, uint8_t pad, int *bad)
{
    wr_sensor(w, &f->s, bad);
    ik_wr_u8(w, (uint8_t)fit(f->linearization, 7, bad));
    if (f->m < -512 || f->m > 511 || f->b < -512 || f->b > 511)
        *bad = 1;
    unsigned m = (unsigned)f->m & 0x3FF, b = (unsigned)f->b & 0x3FF;
    unsigned acc = fit(f->accuracy, 10, bad);
    ik_wr_u8(w, (uint8_t)m);
    ik_wr_u8(w, (uint8_t)((m >> 8) << 6 | fit(f->tolerance, 6, bad)));
    ik_wr_u8(w, (uint8_t)b);
    ik_wr_u8(w, (uint8_t)((b >> 8) << 6 | (acc & 0x3F)));
    ik_wr_u8(w, (uint8_t)((acc >> 6) << 4 | fit(f->accuracy_exp, 2, bad) << 2 |
                          fit(f->direction, 2, bad)));
    if (f->r_exp < -8 || f->r_exp > 7 || f->b_exp < -8 || f->b_exp > 7)
        *bad = 1;
    ik_wr_u8(w, (uint8_t)(((unsigned)f->r_exp & 0xF) << 4 | ((unsigned)f->b_exp & 0xF)));
    ik_wr_u8(w, (uint8_t)(fit(f->normal_min_specified, 1, bad) << 2 |
                          fit(f->normal_max_specified, 1, bad) << 1 |
                          fit(f->nominal_specified, 1, bad)));
    ik_wr_u8(w, f->nominal);
    ik_wr_u8(w, f->normal_max);
    ik_wr_u8(w, f->normal_min);
    ik_wr_u8(w, f->sensor_max);
    ik_wr_u8(w, f->sensor_min);
    ik_wr_u8(w, f->thresholds[IK_SDR_UNR]);
    ik_wr_u8(w, f->thresholds[IK_SDR_UCR]);
    ik_wr_u8(w, f->thresholds[IK_SDR_UNC]);
    ik_wr_u8(w, f->thresholds[IK_SDR_LNR]);
    ik_wr_u8(w, f->thresholds[IK_SDR_LCR]);
    ik_wr_u8(w, f->thresholds[IK_SDR_LNC]);
    ik_wr_u8(w, f->hyst_pos);
    ik_wr_u8(w, f->hyst_neg);
    ik_wr_fill(w, 0, 2);
    ik_wr_u8(w, f->oem);
    wr_id(w, &f->id, pad, bad);
}

/* ---- 02h compact sensor record -------------------------------------------------------- */

/*
 * Table 43-2, compact sensor record (bytes 6-23: see rd_sensor).
 *   OFFSET SIZE FIELD
 *   24     1    sensor record sharing: [7:6] sensor direction, [5:4] ID string instance
 *               modifier type (0 numeric, 1 alpha), [3:0] share count
 *   25     1    [7] entity instance increments per shared sensor, [6:0] ID string instance
 *               modifier offset
 *   26     1    positive-going threshold hysteresis
 *   27     1    negative-going threshold hysteresis
 *   28     3    reserved
 *   31     1    OEM
 *   32     1    ID string type/length
 *   33     <=16 ID string
 */
static int rd_compact(struct ik_rd *r, struct ik_sdr_compact *c, uint8_t *pad)
{
    rd_sensor(r, &c->s);
    rd_share(r, &c->share);
    c->hyst_pos = ik_rd_u8(r);
    c->hyst_neg = ik_rd_u8(r);
    ik_rd_skip(r, 3);
    c->oem = ik_rd_u8(r);
    return ik_rd_error(r) ? ik_rd_error(r) : rd_id(r, &c->id, pad);
}

static void wr_compact(struct ik_wr *w, const struct ik_sdr_compact *c, uint8_t pad, int *bad)
{
    wr_sensor(w, &c->s, bad);
    wr_share(w, &c->share, bad);
    ik_wr_u8(w, c->hyst_pos);
    ik_wr_u8(w, c->hyst_neg);
    ik_wr_fill(w, 0, 3);
    ik_wr_u8(w, c->oem);
    wr_id(w, &c->id, pad, bad);
}

/* ---- 03h event-only record ------------------------------------------------------------ */

/*
 * Table 43-3, event-only record.
 *   OFFSET SIZE FIELD
 *   6      1    sensor owner ID
 *   7      1    [7:4] channel, [3:2] FRU inventory device owner LUN, [1:0] sensor owner LUN
 *   8      1    sensor number
 *   9      1    entity ID
 *   10     1    entity instance: [7] logical, [6:0] instance
 *   11     1    sensor type
 *   12     1    event/reading type code
 *   13     2    sensor record sharing (as compact bytes 24-25)
 *   15     1    reserved
 *   16     1    OEM
 *   17     1    ID string type/length
 *   18     <=16 ID string
 */
static int rd_event_only(struct ik_rd *r, struct ik_sdr_event_only *e, uint8_t *pad)
{
    e->owner_id = ik_rd_u8(r);
    uint8_t b = ik_rd_u8(r);
    e->channel = b >> 4;
    e->fru_lun = (b >> 2) & 3;
    e->owner_lun = b & 3;
    e->number = ik_rd_u8(r);
    e->entity_id = ik_rd_u8(r);
    rd_instance(r, &e->entity_instance, &e->entity_logical);
    e->sensor_type = ik_rd_u8(r);
    e->event_type = ik_rd_u8(r);
    rd_share(r, &e->share);
    ik_rd_skip(r, 1);
    e->oem = ik_rd_u8(r);
    return ik_rd_error(r) ? ik_rd_error(r) : rd_id(r, &e->id, pad);
}

static void wr_event_only(struct ik_wr *w, const struct ik_sdr_event_only *e, uint8_t pad, int *bad)
{
    ik_wr_u8(w, e->owner_id);
    ik_wr_u8(w, (uint8_t)(fit(e->channel, 4, bad) << 4 | fit(e->fru_lun, 2, bad) << 2 |
                          fit(e->owner_lun, 2, bad)));
    ik_wr_u8(w, e->number);
    ik_wr_u8(w, e->entity_id);
    ik_wr_u8(w, (uint8_t)(fit(e->entity_logical, 1, bad) << 7 | fit(e->entity_instance, 7, bad)));
    ik_wr_u8(w, e->sensor_type);
    ik_wr_u8(w, e->event_type);
    wr_share(w, &e->share, bad);
    ik_wr_u8(w, 0);
    ik_wr_u8(w, e->oem);
    wr_id(w, &e->id, pad, bad);
}

/* ---- 08h entity association record ---------------------------------------------------- */

/*
 * Table 43-4, entity association record.
 *   OFFSET SIZE FIELD
 *   6      1    container entity ID
 *   7      1    container entity instance
 *   8      1    flags: [7] 1 = contained entities are ranges, [6] linked records exist,
 *               [5] sensor presence (entity present if any of its sensors is), [4:0] reserved
 *   9      2    contained entity 1 (ID, instance) / range 1 (entity, first instance)
 *   11     2    contained entity 2 / range 1 (entity, last instance)
 *   13     2    contained entity 3 / range 2 first
 *   15     2    contained entity 4 / range 2 last
 */
static void rd_assoc_flags(struct ik_rd *r, uint8_t *range, uint8_t *linked, uint8_t *presence)
{
    uint8_t b = ik_rd_u8(r);
    *range = (b >> 7) & 1;
    *linked = (b >> 6) & 1;
    *presence = (b >> 5) & 1;
}

static void wr_assoc_flags(struct ik_wr *w, uint8_t range, uint8_t linked, uint8_t presence,
                           int *bad)
{
    ik_wr_u8(w, (uint8_t)(fit(range, 1, bad) << 7 | fit(linked, 1, bad) << 6 |
                          fit(presence, 1, bad) << 5));
}

static int rd_entity_assoc(struct ik_rd *r, struct ik_sdr_entity_assoc *a, uint8_t *pad)
{
    a->container_id = ik_rd_u8(r);
    a->container_instance = ik_rd_u8(r);
    rd_assoc_flags(r, &a->range, &a->linked, &a->presence);
    for (int i = 0; i < 4; i++) {
        a->entity[i][0] = ik_rd_u8(r);
        a->entity[i][1] = ik_rd_u8(r);
    }
    return rd_pad(r, pad);
}

static void wr_entity_assoc(struct ik_wr *w, const struct ik_sdr_entity_assoc *a, uint8_t pad,
                            int *bad)
{
    ik_wr_u8(w, a->container_id);
    ik_wr_u8(w, a->container_instance);
    wr_assoc_flags(w, a->range, a->linked, a->presence, bad);
    for (int i = 0; i < 4; i++) {
        ik_wr_u8(w, a->entity[i][0]);
        ik_wr_u8(w, a->entity[i][1]);
    }
    ik_wr_fill(w, 0, pad);
}

/* ---- 09h device-relative entity association record ------------------------------------ */

/*
 * Table 43-5, device-relative entity association record.
 *   OFFSET SIZE FIELD
 *   6      1    container entity ID
 *   7      1    container entity instance
 *   8      1    container entity device address [7:1], [0] reserved
 *   9      1    container entity device channel [7:4], [3:0] reserved
 *   10     1    flags (as table 43-4 byte 8)
 *   11     1    contained entity 1 device address [7:1]
 *   12     1    contained entity 1 device channel [7:4]
 *   13     1    contained entity 1 ID / range 1 entity
 *   14     1    contained entity 1 instance / range 1 first instance
 *   15     4    contained entity 2 / range 1 last (address, channel, ID, instance)
 *   19     4    contained entity 3 / range 2 first
 *   23     4    contained entity 4 / range 2 last
 *   27     6    reserved
 */
static int rd_dev_entity_assoc(struct ik_rd *r, struct ik_sdr_dev_entity_assoc *a, uint8_t *pad)
{
    a->container_id = ik_rd_u8(r);
    a->container_instance = ik_rd_u8(r);
    a->container_addr = ik_rd_u8(r) & 0xFE;
    a->container_channel = ik_rd_u8(r) >> 4;
    rd_assoc_flags(r, &a->range, &a->linked, &a->presence);
    for (int i = 0; i < 4; i++) {
        a->entity[i].addr = ik_rd_u8(r) & 0xFE;
        a->entity[i].channel = ik_rd_u8(r) >> 4;
        a->entity[i].id = ik_rd_u8(r);
        a->entity[i].instance = ik_rd_u8(r);
    }
    ik_rd_skip(r, 6);
    return rd_pad(r, pad);
}

static void wr_dev_entity_assoc(struct ik_wr *w, const struct ik_sdr_dev_entity_assoc *a,
                                uint8_t pad, int *bad)
{
    ik_wr_u8(w, a->container_id);
    ik_wr_u8(w, a->container_instance);
    if (a->container_addr & 1)
        *bad = 1;
    ik_wr_u8(w, a->container_addr & 0xFE);
    ik_wr_u8(w, (uint8_t)(fit(a->container_channel, 4, bad) << 4));
    wr_assoc_flags(w, a->range, a->linked, a->presence, bad);
    for (int i = 0; i < 4; i++) {
        if (a->entity[i].addr & 1)
            *bad = 1;
        ik_wr_u8(w, a->entity[i].addr & 0xFE);
        ik_wr_u8(w, (uint8_t)(fit(a->entity[i].channel, 4, bad) << 4));
        ik_wr_u8(w, a->entity[i].id);
        ik_wr_u8(w, a->entity[i].instance);
    }
    ik_wr_fill(w, 0, 6);
    ik_wr_fill(w, 0, pad);
}

/* ---- 10h generic device locator record ------------------------------------------------ */

/*
 * Table 43-6, generic device locator record.
 *   OFFSET SIZE FIELD
 *   6      1    device access address [7:1] (controller used to reach the device), [0] rsvd
 *   7      1    device slave address [7:1], [0] channel number MS bit
 *   8      1    [7:5] channel number LS bits, [4:3] access LUN, [2:0] private bus ID
 *   9      1    [7:3] reserved, [2:0] address span (addresses occupied - 1)
 *   10     1    reserved
 *   11     1    device type (table 43-12)
 *   12     1    device type modifier
 *   13     1    entity ID
 *   14     1    entity instance: [7] logical, [6:0] instance
 *   15     1    OEM
 *   16     1    device ID string type/length
 *   17     <=16 device ID string
 */
static int rd_generic(struct ik_rd *r, struct ik_sdr_generic_locator *g, uint8_t *pad)
{
    g->access_addr = ik_rd_u8(r) & 0xFE;
    uint8_t b = ik_rd_u8(r);
    g->slave_addr = b & 0xFE;
    g->channel = (uint8_t)((b & 1) << 3);
    b = ik_rd_u8(r);
    g->channel |= b >> 5;
    g->access_lun = (b >> 3) & 3;
    g->bus = b & 7;
    g->addr_span = ik_rd_u8(r) & 7;
    ik_rd_skip(r, 1);
    g->device_type = ik_rd_u8(r);
    g->device_modifier = ik_rd_u8(r);
    g->entity_id = ik_rd_u8(r);
    rd_instance(r, &g->entity_instance, &g->entity_logical);
    g->oem = ik_rd_u8(r);
    return ik_rd_error(r) ? ik_rd_error(r) : rd_id(r, &g->id, pad);
}

static void wr_generic(struct ik_wr *w, const struct ik_sdr_generic_locator *g, uint8_t pad,
                       int *bad)
{
    if ((g->access_addr & 1) || (g->slave_addr & 1))
        *bad = 1;
    unsigned ch = fit(g->channel, 4, bad);
    ik_wr_u8(w, g->access_addr & 0xFE);
    ik_wr_u8(w, (uint8_t)((g->slave_addr & 0xFE) | (ch >> 3)));
    ik_wr_u8(w, (uint8_t)((ch & 7) << 5 | fit(g->access_lun, 2, bad) << 3 | fit(g->bus, 3, bad)));
    ik_wr_u8(w, (uint8_t)fit(g->addr_span, 3, bad));
    ik_wr_u8(w, 0);
    ik_wr_u8(w, g->device_type);
    ik_wr_u8(w, g->device_modifier);
    ik_wr_u8(w, g->entity_id);
    ik_wr_u8(w, (uint8_t)(fit(g->entity_logical, 1, bad) << 7 | fit(g->entity_instance, 7, bad)));
    ik_wr_u8(w, g->oem);
    wr_id(w, &g->id, pad, bad);
}

/* ---- 11h FRU device locator record ---------------------------------------------------- */

/*
 * Table 43-7, FRU device locator record.
 *   OFFSET SIZE FIELD
 *   6      1    device access address [7:1], [0] reserved
 *   7      1    FRU device ID (logical FRU device) or [7:1] slave address (non-intelligent)
 *   8      1    [7] logical/physical FRU device, [6:5] reserved, [4:3] access LUN,
 *               [2:0] private bus ID
 *   9      1    [7:4] channel number, [3:0] reserved
 *   10     1    reserved
 *   11     1    device type (table 43-12)
 *   12     1    device type modifier
 *   13     1    FRU entity ID
 *   14     1    FRU entity instance
 *   15     1    OEM
 *   16     1    device ID string type/length
 *   17     <=16 device ID string
 */
static int rd_fru(struct ik_rd *r, struct ik_sdr_fru_locator *f, uint8_t *pad)
{
    f->access_addr = ik_rd_u8(r) & 0xFE;
    f->device_id = ik_rd_u8(r);
    uint8_t b = ik_rd_u8(r);
    f->logical = b >> 7;
    f->access_lun = (b >> 3) & 3;
    f->bus = b & 7;
    f->channel = ik_rd_u8(r) >> 4;
    ik_rd_skip(r, 1);
    f->device_type = ik_rd_u8(r);
    f->device_modifier = ik_rd_u8(r);
    f->entity_id = ik_rd_u8(r);
    f->entity_instance = ik_rd_u8(r);
    f->oem = ik_rd_u8(r);
    return ik_rd_error(r) ? ik_rd_error(r) : rd_id(r, &f->id, pad);
}

static void wr_fru(struct ik_wr *w, const struct ik_sdr_fru_locator *f, uint8_t pad, int *bad)
{
    if (f->access_addr & 1)
        *bad = 1;
    ik_wr_u8(w, f->access_addr & 0xFE);
    ik_wr_u8(w, f->device_id);
    ik_wr_u8(w, (uint8_t)(fit(f->logical, 1, bad) << 7 | fit(f->access_lun, 2, bad) << 3 |
                          fit(f->bus, 3, bad)));
    ik_wr_u8(w, (uint8_t)(fit(f->channel, 4, bad) << 4));
    ik_wr_u8(w, 0);
    ik_wr_u8(w, f->device_type);
    ik_wr_u8(w, f->device_modifier);
    ik_wr_u8(w, f->entity_id);
    ik_wr_u8(w, f->entity_instance);
    ik_wr_u8(w, f->oem);
    wr_id(w, &f->id, pad, bad);
}

/* ---- 12h management controller device locator record --------------------------------- */

/*
 * Table 43-8, management controller device locator record.
 *   OFFSET SIZE FIELD
 *   6      1    device slave address [7:1], [0] reserved
 *   7      1    [7:4] reserved, [3:0] channel number
 *   8      1    power state notification / global initialization: [7] ACPI system power
 *               state notification required, [6] ACPI device power state notification
 *               required, [5] static controller presence (IPMI 1.0; write 0 for a BMC),
 *               [4] reserved, [3] controller logs initialization agent errors, [2] log
 *               initialization agent errors accessing this controller, [1:0] event
 *               message generation (0 enable, 1 disable, 2 do not initialize)
 *   9      1    device capabilities: [7] chassis, [6] bridge, [5] IPMB event generator,
 *               [4] IPMB event receiver, [3] FRU inventory, [2] SEL, [1] SDR repository,
 *               [0] sensor device
 *   10     3    reserved
 *   13     1    entity ID
 *   14     1    entity instance: [7] logical, [6:0] instance
 *   15     1    OEM
 *   16     1    device ID string type/length
 *   17     <=16 device ID string
 */
static int rd_mc(struct ik_rd *r, struct ik_sdr_mc_locator *m, uint8_t *pad)
{
    m->slave_addr = ik_rd_u8(r) & 0xFE;
    m->channel = ik_rd_u8(r) & 0x0F;
    uint8_t b = ik_rd_u8(r);
    m->acpi_system_notify = (b >> 7) & 1;
    m->acpi_device_notify = (b >> 6) & 1;
    m->static_presence = (b >> 5) & 1;
    m->logs_init_errors = (b >> 3) & 1;
    m->log_init_errors = (b >> 2) & 1;
    m->event_msg_gen = b & 3;
    m->capabilities = ik_rd_u8(r);
    ik_rd_skip(r, 3);
    m->entity_id = ik_rd_u8(r);
    rd_instance(r, &m->entity_instance, &m->entity_logical);
    m->oem = ik_rd_u8(r);
    return ik_rd_error(r) ? ik_rd_error(r) : rd_id(r, &m->id, pad);
}

static void wr_mc(struct ik_wr *w, const struct ik_sdr_mc_locator *m, uint8_t pad, int *bad)
{
    if (m->slave_addr & 1)
        *bad = 1;
    ik_wr_u8(w, m->slave_addr & 0xFE);
    ik_wr_u8(w, (uint8_t)fit(m->channel, 4, bad));
    ik_wr_u8(w, (uint8_t)(fit(m->acpi_system_notify, 1, bad) << 7 |
                          fit(m->acpi_device_notify, 1, bad) << 6 |
                          fit(m->static_presence, 1, bad) << 5 |
                          fit(m->logs_init_errors, 1, bad) << 3 |
                          fit(m->log_init_errors, 1, bad) << 2 | fit(m->event_msg_gen, 2, bad)));
    ik_wr_u8(w, m->capabilities);
    ik_wr_fill(w, 0, 3);
    ik_wr_u8(w, m->entity_id);
    ik_wr_u8(w, (uint8_t)(fit(m->entity_logical, 1, bad) << 7 | fit(m->entity_instance, 7, bad)));
    ik_wr_u8(w, m->oem);
    wr_id(w, &m->id, pad, bad);
}

/* ---- 13h management controller confirmation record ------------------------------------ */

/*
 * Table 43-9, management controller confirmation record.
 *   OFFSET SIZE FIELD
 *   6      1    device slave address [7:1], [0] reserved
 *   7      1    device ID
 *   8      1    [7:4] device revision, [3:0] channel number
 *   9      1    firmware revision 1: [7] reserved, [6:0] major revision
 *   10     1    firmware revision 2: minor revision (BCD)
 *   11     1    IPMI version (BCD: 51h = 1.5, 02h = 2.0)
 *   12     3    manufacturer ID (LS byte first, 20 bits used)
 *   15     2    product ID (LS byte first)
 *   17     16   device GUID
 */
static int rd_mc_confirm(struct ik_rd *r, struct ik_sdr_mc_confirm *m, uint8_t *pad)
{
    m->slave_addr = ik_rd_u8(r) & 0xFE;
    m->device_id = ik_rd_u8(r);
    uint8_t b = ik_rd_u8(r);
    m->device_revision = b >> 4;
    m->channel = b & 0x0F;
    m->fw_major = ik_rd_u8(r) & 0x7F;
    m->fw_minor = ik_rd_u8(r);
    m->ipmi_version = ik_rd_u8(r);
    m->manufacturer = ik_rd_le24(r);
    m->product = ik_rd_le16(r);
    ik_rd_bytes(r, m->guid, sizeof(m->guid));
    return rd_pad(r, pad);
}

static void wr_mc_confirm(struct ik_wr *w, const struct ik_sdr_mc_confirm *m, uint8_t pad, int *bad)
{
    if (m->slave_addr & 1)
        *bad = 1;
    ik_wr_u8(w, m->slave_addr & 0xFE);
    ik_wr_u8(w, m->device_id);
    ik_wr_u8(w, (uint8_t)(fit(m->device_revision, 4, bad) << 4 | fit(m->channel, 4, bad)));
    ik_wr_u8(w, (uint8_t)fit(m->fw_major, 7, bad));
    ik_wr_u8(w, m->fw_minor);
    ik_wr_u8(w, m->ipmi_version);
    ik_wr_le24(w, fit(m->manufacturer, 24, bad));
    ik_wr_le16(w, m->product);
    ik_wr_bytes(w, m->guid, sizeof(m->guid));
    ik_wr_fill(w, 0, pad);
}

/* ---- 14h BMC message channel info record ---------------------------------------------- */

/*
 * Table 43-10, BMC message channel info record.
 *   OFFSET SIZE FIELD
 *   6      8    channel 0..7 info, one byte each: [7] transmit supported, [6:4] message
 *               receive LUN, [3:0] channel protocol
 *   14     1    messaging interrupt type (0-0Fh IRQ, 10h-13h PCI A-D, 14h SMI, 15h SCI,
 *               20h-5Fh system interrupt 0-63, 60h assigned by ACPI/PnP, FFh none)
 *   15     1    event message buffer interrupt type (same coding)
 *   16     1    reserved
 */
static int rd_bmc_channel(struct ik_rd *r, struct ik_sdr_bmc_channel *c, uint8_t *pad)
{
    for (int i = 0; i < 8; i++) {
        uint8_t b = ik_rd_u8(r);
        c->ch[i].transmit = b >> 7;
        c->ch[i].lun = (b >> 4) & 7;
        c->ch[i].protocol = b & 0x0F;
    }
    c->msg_interrupt = ik_rd_u8(r);
    c->event_interrupt = ik_rd_u8(r);
    ik_rd_skip(r, 1);
    return rd_pad(r, pad);
}

static void wr_bmc_channel(struct ik_wr *w, const struct ik_sdr_bmc_channel *c, uint8_t pad,
                           int *bad)
{
    for (int i = 0; i < 8; i++)
        ik_wr_u8(w, (uint8_t)(fit(c->ch[i].transmit, 1, bad) << 7 | fit(c->ch[i].lun, 3, bad) << 4 |
                              fit(c->ch[i].protocol, 4, bad)));
    ik_wr_u8(w, c->msg_interrupt);
    ik_wr_u8(w, c->event_interrupt);
    ik_wr_u8(w, 0);
    ik_wr_fill(w, 0, pad);
}

/* ---- C0h OEM record -------------------------------------------------------------------- */

/*
 * Table 43-11, OEM record.
 *   OFFSET SIZE FIELD
 *   6      3    manufacturer ID (LS byte first)
 *   9      N    OEM data (the rest of the record)
 */
static int rd_oem(struct ik_rd *r, struct ik_sdr_oem *o)
{
    o->manufacturer = ik_rd_le24(r);
    size_t n = ik_rd_left(r);
    o->len = (uint8_t)n;
    ik_rd_bytes(r, o->data, n);
    return ik_rd_error(r);
}

/* ---- whole records --------------------------------------------------------------------- */

int ik_sdr_decode(const uint8_t *buf, size_t len, struct ik_sdr_record *out)
{
    if (len < IK_SDR_HEADER_LEN)
        return IK_E_TRUNCATED;
    struct ik_sdr_record rec;
    memset(&rec, 0, sizeof(rec));
    int err = ik_sdr_header_decode(buf, IK_SDR_HEADER_LEN, &rec.hdr);
    if (err)
        return err;
    size_t blen = len - IK_SDR_HEADER_LEN;
    if (blen != rec.hdr.length)
        return blen < rec.hdr.length ? IK_E_TRUNCATED : IK_E_OVERSIZE;
    if (blen < ik_sdr_fixed_len(rec.hdr.type))
        return IK_E_TRUNCATED;

    struct ik_rd r;
    ik_rd_init(&r, buf + IK_SDR_HEADER_LEN, blen);
    switch (rec.hdr.type) {
    case IK_SDR_FULL:
        err = rd_full(&r, &rec.u.full, &rec.pad);
        break;
    case IK_SDR_COMPACT:
        err = rd_compact(&r, &rec.u.compact, &rec.pad);
        break;
    case IK_SDR_EVENT_ONLY:
        err = rd_event_only(&r, &rec.u.event_only, &rec.pad);
        break;
    case IK_SDR_ENTITY_ASSOC:
        err = rd_entity_assoc(&r, &rec.u.entity_assoc, &rec.pad);
        break;
    case IK_SDR_DEV_ENTITY_ASSOC:
        err = rd_dev_entity_assoc(&r, &rec.u.dev_entity_assoc, &rec.pad);
        break;
    case IK_SDR_GENERIC_LOCATOR:
        err = rd_generic(&r, &rec.u.generic, &rec.pad);
        break;
    case IK_SDR_FRU_LOCATOR:
        err = rd_fru(&r, &rec.u.fru, &rec.pad);
        break;
    case IK_SDR_MC_LOCATOR:
        err = rd_mc(&r, &rec.u.mc, &rec.pad);
        break;
    case IK_SDR_MC_CONFIRM:
        err = rd_mc_confirm(&r, &rec.u.mc_confirm, &rec.pad);
        break;
    case IK_SDR_BMC_CHANNEL:
        err = rd_bmc_channel(&r, &rec.u.bmc_channel, &rec.pad);
        break;
    case IK_SDR_OEM:
        err = rd_oem(&r, &rec.u.oem);
        break;
    default:
        rec.u.raw.len = (uint8_t)blen;
        ik_rd_bytes(&r, rec.u.raw.data, blen);
        err = ik_rd_error(&r);
        break;
    }
    if (!err)
        err = ik_rd_end(&r);
    if (err)
        return err;
    memcpy(out, &rec, sizeof(rec)); /* padding included: zero, so records compare with memcmp */
    return 0;
}

int ik_sdr_encode(const struct ik_sdr_record *in, uint8_t *buf, size_t cap, size_t *written)
{
    uint8_t tmp[IK_SDR_MAX_LEN + IK_SDR_BODY_MAX];
    struct ik_wr w;
    ik_wr_init(&w, tmp, sizeof(tmp));
    int bad = 0;
    ik_wr_le16(&w, in->hdr.record_id);
    ik_wr_u8(&w, in->hdr.version);
    ik_wr_u8(&w, in->hdr.type);
    ik_wr_u8(&w, 0); /* length, patched below */
    switch (in->hdr.type) {
    case IK_SDR_FULL:
        wr_full(&w, &in->u.full, in->pad, &bad);
        break;
    case IK_SDR_COMPACT:
        wr_compact(&w, &in->u.compact, in->pad, &bad);
        break;
    case IK_SDR_EVENT_ONLY:
        wr_event_only(&w, &in->u.event_only, in->pad, &bad);
        break;
    case IK_SDR_ENTITY_ASSOC:
        wr_entity_assoc(&w, &in->u.entity_assoc, in->pad, &bad);
        break;
    case IK_SDR_DEV_ENTITY_ASSOC:
        wr_dev_entity_assoc(&w, &in->u.dev_entity_assoc, in->pad, &bad);
        break;
    case IK_SDR_GENERIC_LOCATOR:
        wr_generic(&w, &in->u.generic, in->pad, &bad);
        break;
    case IK_SDR_FRU_LOCATOR:
        wr_fru(&w, &in->u.fru, in->pad, &bad);
        break;
    case IK_SDR_MC_LOCATOR:
        wr_mc(&w, &in->u.mc, in->pad, &bad);
        break;
    case IK_SDR_MC_CONFIRM:
        wr_mc_confirm(&w, &in->u.mc_confirm, in->pad, &bad);
        break;
    case IK_SDR_BMC_CHANNEL:
        wr_bmc_channel(&w, &in->u.bmc_channel, in->pad, &bad);
        break;
    case IK_SDR_OEM:
        ik_wr_le24(&w, fit(in->u.oem.manufacturer, 24, &bad));
        if (in->u.oem.len > sizeof(in->u.oem.data))
            bad = 1;
        else
            ik_wr_bytes(&w, in->u.oem.data, in->u.oem.len);
        break;
    default:
        ik_wr_bytes(&w, in->u.raw.data, in->u.raw.len);
        break;
    }
    if (ik_wr_error(&w))
        return IK_E_RANGE; /* only an oversized pad or OEM/raw length can overflow tmp */
    size_t body = w.off - IK_SDR_HEADER_LEN;
    if (bad || body > IK_SDR_BODY_MAX)
        return IK_E_RANGE;
    tmp[4] = (uint8_t)body;
    if (w.off > cap)
        return IK_E_NOSPACE;
    memcpy(buf, tmp, w.off);
    *written = w.off;
    return 0;
}

const struct ik_sdr_id *ik_sdr_record_id_string(const struct ik_sdr_record *r)
{
    switch (r->hdr.type) {
    case IK_SDR_FULL:
        return &r->u.full.id;
    case IK_SDR_COMPACT:
        return &r->u.compact.id;
    case IK_SDR_EVENT_ONLY:
        return &r->u.event_only.id;
    case IK_SDR_GENERIC_LOCATOR:
        return &r->u.generic.id;
    case IK_SDR_FRU_LOCATOR:
        return &r->u.fru.id;
    case IK_SDR_MC_LOCATOR:
        return &r->u.mc.id;
    }
    return NULL;
}

int ik_sdr_id_set(struct ik_sdr_id *id, enum ik_sdr_id_enc enc, const char *text)
{
    if ((unsigned)enc > 3 || !text)
        return IK_E_INVAL;
    struct ik_sdr_id tmp;
    memset(&tmp, 0, sizeof(tmp));
    size_t n;
    int err = ik_tl_encode((enum ik_tl_type)enc, text, tmp.raw, sizeof(tmp.raw), &n);
    if (err)
        return err;
    tmp.enc = (uint8_t)enc;
    tmp.len = (uint8_t)n;
    if (ik_tl_decode((enum ik_tl_type)enc, tmp.raw, n, tmp.text, sizeof(tmp.text)) < 0)
        return IK_E_NOSPACE;
    *id = tmp;
    return 0;
}

/* ---- sensor sharing ---------------------------------------------------------------------- */

static const struct ik_sdr_share *record_share(const struct ik_sdr_record *r)
{
    if (r->hdr.type == IK_SDR_COMPACT)
        return &r->u.compact.share;
    if (r->hdr.type == IK_SDR_EVENT_ONLY)
        return &r->u.event_only.share;
    return NULL;
}

unsigned ik_sdr_sensor_count(const struct ik_sdr_record *r)
{
    if (r->hdr.type == IK_SDR_FULL)
        return 1;
    const struct ik_sdr_share *s = record_share(r);
    if (!s)
        return 0;
    return s->count ? s->count : 1;
}

int ik_sdr_shared_sensor(const struct ik_sdr_record *r, unsigned n, uint8_t *number,
                         uint8_t *entity_instance)
{
    unsigned count = ik_sdr_sensor_count(r);
    if (count == 0)
        return IK_E_INVAL;
    if (n >= count)
        return IK_E_RANGE;
    const struct ik_sdr_share *s = record_share(r);
    uint8_t num, inst;
    if (r->hdr.type == IK_SDR_FULL) {
        num = r->u.full.s.number;
        inst = r->u.full.s.entity_instance;
    } else if (r->hdr.type == IK_SDR_COMPACT) {
        num = r->u.compact.s.number;
        inst = r->u.compact.s.entity_instance;
    } else {
        num = r->u.event_only.number;
        inst = r->u.event_only.entity_instance;
    }
    /* Shared sensors take consecutive sensor numbers (section 43.2); the entity instance
     * follows along only when the record says so. Both wrap within their field. */
    *number = (uint8_t)(num + n);
    *entity_instance = (uint8_t)((s && s->entity_sharing ? inst + n : inst) & 0x7F);
    return 0;
}

int ik_sdr_shared_name(const struct ik_sdr_record *r, unsigned n, char *buf, size_t cap)
{
    unsigned count = ik_sdr_sensor_count(r);
    if (count == 0)
        return IK_E_INVAL;
    if (n >= count)
        return IK_E_RANGE;
    const struct ik_sdr_id *id = ik_sdr_record_id_string(r);
    const struct ik_sdr_share *s = record_share(r);
    char mod[8] = "";
    if (s && s->count > 1) {
        unsigned v = s->modifier_offset + n;
        if (s->modifier_type == 1) {
            /* Alpha: 0 = "A" .. 25 = "Z", then "AA".."AZ", "BA".. (the spec's example:
             * offset 26 gives Temp AA, Temp AB, Temp AC). v is at most 127 + 14. */
            if (v < 26) {
                mod[0] = ' ';
                mod[1] = (char)('A' + v);
                mod[2] = '\0';
            } else {
                mod[0] = ' ';
                mod[1] = (char)('A' + v / 26 - 1);
                mod[2] = (char)('A' + v % 26);
                mod[3] = '\0';
            }
        } else {
            /* Numeric (type 0; the reserved types 2 and 3 are shown the same way). */
            mod[0] = ' ';
            unsigned i = 1;
            if (v >= 100)
                mod[i++] = (char)('0' + v / 100);
            if (v >= 10)
                mod[i++] = (char)('0' + v / 10 % 10);
            mod[i++] = (char)('0' + v % 10);
            mod[i] = '\0';
        }
    }
    size_t a = strlen(id->text), b = strlen(mod);
    if (a + b + 1 > cap)
        return IK_E_NOSPACE;
    memcpy(buf, id->text, a);
    memcpy(buf + a, mod, b + 1);
    return (int)(a + b);
}
