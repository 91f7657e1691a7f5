/* FRU multirecord payloads: power supply, DC output/load, management access,
 * compatibility and OEM records (FRU spec section 18), both ways, plus their names. */
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "ipmikit/fru.h"

#define PSU_LEN    24
#define DC_LEN     13
#define COMPAT_MIN 6 /* manufacturer ID, entity ID, base, code start; the mask may be empty */
#define OEM_MIN    3 /* manufacturer ID */

const char *ik_fru_mr_type_name(uint8_t type)
{
    static const char *const names[] = {
        "Power Supply Information",
        "DC Output",
        "DC Load",
        "Management Access",
        "Base Compatibility",
        "Extended Compatibility",
        "ASF Fixed SMBus Device",
        "ASF Legacy-Device Alerts",
        "ASF Remote Control",
        "Extended DC Output",
        "Extended DC Load",
    };
    if (type < sizeof(names) / sizeof(names[0]))
        return names[type];
    if (type >= IK_FRU_MR_OEM_FIRST)
        return "OEM";
    return NULL;
}

const char *ik_fru_mgmt_name(uint8_t subtype)
{
    static const char *const names[] = {
        NULL,
        "System Management URL",
        "System Name",
        "System Ping Address",
        "Component Management URL",
        "Component Name",
        "Component Ping Address",
        "System Unique ID",
    };
    return subtype < sizeof(names) / sizeof(names[0]) ? names[subtype] : NULL;
}

/* PICMG 3.0 / AMC.0 / MicroTCA.0 FRU record IDs (byte 3 of a PICMG OEM record). */
const char *ik_fru_picmg_record_name(uint8_t id)
{
    switch (id) {
    case 0x04:
        return "Backplane Point-to-Point Connectivity";
    case 0x10:
        return "Address Table";
    case 0x11:
        return "Shelf Power Distribution";
    case 0x12:
        return "Shelf Activation and Power Management";
    case 0x13:
        return "Shelf Manager IP Connection";
    case 0x14:
        return "Board Point-to-Point Connectivity";
    case 0x15:
        return "Radial IPMB-0 Link Mapping";
    case 0x16:
        return "Module Current Requirements";
    case 0x17:
        return "Carrier Activation and Current Management";
    case 0x18:
        return "Carrier Point-to-Point Connectivity";
    case 0x19:
        return "AMC Point-to-Point Connectivity";
    case 0x1A:
        return "Carrier Information";
    case 0x20:
        return "MicroTCA FRU Information Table";
    case 0x21:
        return "MicroTCA Carrier Manager IP Link";
    case 0x22:
        return "MicroTCA Carrier Information";
    case 0x23:
        return "MicroTCA Carrier Location";
    case 0x24:
        return "MicroTCA Shelf Manager IP Link";
    case 0x25:
        return "MicroTCA Power Policy";
    case 0x26:
        return "MicroTCA Activation and Power";
    case 0x27:
        return "MicroTCA Power Module Capability";
    case 0x28:
        return "MicroTCA Fan Geography";
    case 0x29:
        return "MicroTCA Clock Mapping";
    case 0x2A:
        return "MicroTCA Message Bridge Policy";
    case 0x2B:
        return "MicroTCA OEM Module Description";
    case 0x2C:
        return "Carrier Clock Point-to-Point Connectivity";
    case 0x2D:
        return "Clock Configuration";
    }
    return NULL;
}

/*
 * Power Supply Information, record type 00h (table 18-1):
 *   OFFSET SIZE FIELD
 *   0      2    overall capacity in watts (bits 11:0; 15:12 reserved)
 *   2      2    peak VA (FFFFh = not specified)
 *   4      1    inrush current, A (FFh = not specified)
 *   5      1    inrush interval, ms
 *   6      2    low end input voltage range 1, 10 mV
 *   8      2    high end input voltage range 1, 10 mV
 *   10     2    low end input voltage range 2, 10 mV (0 = single range)
 *   12     2    high end input voltage range 2, 10 mV
 *   14     1    low end input frequency, Hz
 *   15     1    high end input frequency, Hz
 *   16     1    A/C dropout tolerance, ms
 *   17     1    flags: bit 4 tachometer pulses/predictive fail polarity, 3 hot swap,
 *               2 autoswitch, 1 power factor correction, 0 predictive fail support
 *   18     2    peak wattage: bits 15:12 hold-up time (s), 11:0 peak capacity (W)
 *   20     1    combined wattage voltages: bits 7:4 voltage 1, 3:0 voltage 2
 *   21     2    total combined wattage (0 = not specified)
 *   23     1    predictive fail tachometer lower threshold, RPS
 */
int ik_fru_psu_decode(const uint8_t *buf, size_t len, struct ik_fru_psu *out)
{
    struct ik_rd r;
    struct ik_fru_psu p;
    ik_rd_init(&r, buf, len);
    p.capacity_w = ik_rd_le16(&r) & 0x0FFF;
    p.peak_va = ik_rd_le16(&r);
    p.inrush_a = ik_rd_u8(&r);
    p.inrush_ms = ik_rd_u8(&r);
    p.vin1_lo = ik_rd_le16(&r);
    p.vin1_hi = ik_rd_le16(&r);
    p.vin2_lo = ik_rd_le16(&r);
    p.vin2_hi = ik_rd_le16(&r);
    p.freq_lo = ik_rd_u8(&r);
    p.freq_hi = ik_rd_u8(&r);
    p.dropout_ms = ik_rd_u8(&r);
    p.flags = ik_rd_u8(&r) & 0x1F;
    uint16_t peak = ik_rd_le16(&r);
    p.peak_w = peak & 0x0FFF;
    p.holdup_s = (uint8_t)(peak >> 12);
    uint8_t cv = ik_rd_u8(&r);
    p.combined_v1 = cv >> 4;
    p.combined_v2 = cv & 0x0F;
    p.combined_w = ik_rd_le16(&r);
    p.tach_rps = ik_rd_u8(&r);
    int rc = ik_rd_end(&r);
    if (rc < 0)
        return rc;
    *out = p;
    return 0;
}

int ik_fru_psu_encode(const struct ik_fru_psu *in, uint8_t *buf, size_t cap, size_t *written)
{
    if (in->capacity_w > 0x0FFF || in->peak_w > 0x0FFF || in->holdup_s > 0x0F ||
        in->combined_v1 > 0x0F || in->combined_v2 > 0x0F || in->flags > 0x1F)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->capacity_w);
    ik_wr_le16(&w, in->peak_va);
    ik_wr_u8(&w, in->inrush_a);
    ik_wr_u8(&w, in->inrush_ms);
    ik_wr_le16(&w, in->vin1_lo);
    ik_wr_le16(&w, in->vin1_hi);
    ik_wr_le16(&w, in->vin2_lo);
    ik_wr_le16(&w, in->vin2_hi);
    ik_wr_u8(&w, in->freq_lo);
    ik_wr_u8(&w, in->freq_hi);
    ik_wr_u8(&w, in->dropout_ms);
    ik_wr_u8(&w, in->flags);
    ik_wr_le16(&w, (uint16_t)(in->holdup_s << 12 | in->peak_w));
    ik_wr_u8(&w, (uint8_t)(in->combined_v1 << 4 | in->combined_v2));
    ik_wr_le16(&w, in->combined_w);
    ik_wr_u8(&w, in->tach_rps);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * DC Output, record type 01h (table 18-2):
 *   OFFSET SIZE FIELD
 *   0      1    bit 7 standby output, bits 6:4 reserved, bits 3:0 output number
 *   1      2    nominal voltage, 10 mV (signed)
 *   3      2    maximum negative voltage deviation, 10 mV
 *   5      2    maximum positive voltage deviation, 10 mV
 *   7      2    ripple and noise, peak to peak, mV
 *   9      2    minimum current draw, mA
 *   11     2    maximum current draw, mA
 */
int ik_fru_dcout_decode(const uint8_t *buf, size_t len, struct ik_fru_dcout *out)
{
    struct ik_rd r;
    struct ik_fru_dcout d;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r);
    d.output = b0 & 0x0F;
    d.standby = (b0 & 0x80) != 0;
    d.nominal_10mv = (int16_t)ik_rd_le16(&r);
    d.max_neg_10mv = (int16_t)ik_rd_le16(&r);
    d.max_pos_10mv = (int16_t)ik_rd_le16(&r);
    d.ripple_mv = ik_rd_le16(&r);
    d.min_ma = ik_rd_le16(&r);
    d.max_ma = ik_rd_le16(&r);
    int rc = ik_rd_end(&r);
    if (rc < 0)
        return rc;
    *out = d;
    return 0;
}

int ik_fru_dcout_encode(const struct ik_fru_dcout *in, uint8_t *buf, size_t cap, size_t *written)
{
    if (in->output > 0x0F)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->standby ? 0x80 : 0) | in->output));
    ik_wr_le16(&w, (uint16_t)in->nominal_10mv);
    ik_wr_le16(&w, (uint16_t)in->max_neg_10mv);
    ik_wr_le16(&w, (uint16_t)in->max_pos_10mv);
    ik_wr_le16(&w, in->ripple_mv);
    ik_wr_le16(&w, in->min_ma);
    ik_wr_le16(&w, in->max_ma);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * DC Load, record type 02h (table 18-3):
 *   OFFSET SIZE FIELD
 *   0      1    bits 7:4 reserved, bits 3:0 output number
 *   1      2    nominal voltage, 10 mV (signed)
 *   3      2    minimum voltage, 10 mV
 *   5      2    maximum voltage, 10 mV
 *   7      2    ripple and noise, peak to peak, mV
 *   9      2    minimum current load, mA
 *   11     2    maximum current load, mA
 */
int ik_fru_dcload_decode(const uint8_t *buf, size_t len, struct ik_fru_dcload *out)
{
    struct ik_rd r;
    struct ik_fru_dcload d;
    ik_rd_init(&r, buf, len);
    d.output = ik_rd_u8(&r) & 0x0F;
    d.nominal_10mv = (int16_t)ik_rd_le16(&r);
    d.min_10mv = (int16_t)ik_rd_le16(&r);
    d.max_10mv = (int16_t)ik_rd_le16(&r);
    d.ripple_mv = ik_rd_le16(&r);
    d.min_ma = ik_rd_le16(&r);
    d.max_ma = ik_rd_le16(&r);
    int rc = ik_rd_end(&r);
    if (rc < 0)
        return rc;
    *out = d;
    return 0;
}

int ik_fru_dcload_encode(const struct ik_fru_dcload *in, uint8_t *buf, size_t cap, size_t *written)
{
    if (in->output > 0x0F)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->output);
    ik_wr_le16(&w, (uint16_t)in->nominal_10mv);
    ik_wr_le16(&w, (uint16_t)in->min_10mv);
    ik_wr_le16(&w, (uint16_t)in->max_10mv);
    ik_wr_le16(&w, in->ripple_mv);
    ik_wr_le16(&w, in->min_ma);
    ik_wr_le16(&w, in->max_ma);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * Management Access, record type 03h (FRU spec 18.4):
 *   OFFSET SIZE FIELD
 *   0      1    sub-record type: 01h system management URL, 02h system name, 03h system
 *               ping address, 04h component management URL, 05h component name,
 *               06h component ping address, 07h system unique ID (a 16-byte GUID)
 *   1      N    the value (ASCII for 01h-06h), 1 byte at least
 */
int ik_fru_mgmt_decode(const uint8_t *buf, size_t len, struct ik_fru_mgmt *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t sub = ik_rd_u8(&r);
    size_t n = ik_rd_left(&r);
    const uint8_t *data = ik_rd_ptr(&r, n);
    if (ik_rd_error(&r) || n == 0)
        return IK_E_TRUNCATED;
    if (!ik_fru_mgmt_name(sub))
        return IK_E_BADFIELD;
    if (sub == 7 && n != 16)
        return IK_E_BADFIELD; /* a GUID is exactly 16 bytes */
    out->subtype = sub;
    out->data = data;
    out->len = (uint8_t)n;
    return 0;
}

int ik_fru_mgmt_encode(const struct ik_fru_mgmt *in, uint8_t *buf, size_t cap, size_t *written)
{
    if (!ik_fru_mgmt_name(in->subtype) || in->len == 0 || !in->data || in->len > 254 ||
        (in->subtype == 7 && in->len != 16))
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->subtype);
    ik_wr_bytes(&w, in->data, in->len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * Base Compatibility (04h) and Extended Compatibility (05h) records (FRU spec 18.5, 18.6):
 *   OFFSET SIZE FIELD
 *   0      3    manufacturer ID (IANA enterprise number, LSB first)
 *   3      1    entity ID
 *   4      1    compatibility base
 *   5      1    compatibility code start
 *   6      N    code range mask (bit n set: code start + n is compatible)
 */
int ik_fru_compat_decode(const uint8_t *buf, size_t len, struct ik_fru_compat *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    struct ik_fru_compat c;
    c.mfg_id = ik_rd_le24(&r);
    c.entity_id = ik_rd_u8(&r);
    c.compat_base = ik_rd_u8(&r);
    c.code_start = ik_rd_u8(&r);
    size_t n = ik_rd_left(&r);
    c.mask = ik_rd_ptr(&r, n);
    c.mask_len = (uint8_t)n;
    if (ik_rd_error(&r) || n > 255 - COMPAT_MIN)
        return ik_rd_error(&r) ? IK_E_TRUNCATED : IK_E_OVERSIZE;
    *out = c;
    return 0;
}

int ik_fru_compat_encode(const struct ik_fru_compat *in, uint8_t *buf, size_t cap, size_t *written)
{
    if (in->mfg_id > 0xFFFFFF || in->mask_len > 255 - COMPAT_MIN || (in->mask_len && !in->mask))
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le24(&w, in->mfg_id);
    ik_wr_u8(&w, in->entity_id);
    ik_wr_u8(&w, in->compat_base);
    ik_wr_u8(&w, in->code_start);
    ik_wr_bytes(&w, in->mask, in->mask_len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * OEM record, types C0h-FFh (section 18.7):
 *   OFFSET SIZE FIELD
 *   0      3    manufacturer ID (IANA, LSB first); 12634 = PICMG, whose records go on
 *               with a PICMG record ID (byte 3) and a record format version (byte 4)
 *   3      N    OEM data
 */
int ik_fru_oem_decode(const uint8_t *buf, size_t len, struct ik_fru_oem *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint32_t mfg = ik_rd_le24(&r);
    size_t n = ik_rd_left(&r);
    const uint8_t *data = ik_rd_ptr(&r, n);
    if (ik_rd_error(&r))
        return IK_E_TRUNCATED;
    if (n > 255 - OEM_MIN)
        return IK_E_OVERSIZE;
    out->mfg_id = mfg;
    out->data = data;
    out->len = (uint8_t)n;
    return 0;
}

int ik_fru_oem_encode(const struct ik_fru_oem *in, uint8_t *buf, size_t cap, size_t *written)
{
    if (in->mfg_id > 0xFFFFFF || in->len > 255 - OEM_MIN || (in->len && !in->data))
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le24(&w, in->mfg_id);
    ik_wr_bytes(&w, in->data, in->len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}
