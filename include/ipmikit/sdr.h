/*
 * Sensor Data Records (IPMI 2.0 section 43): decode, encode, ID-string sharing and reading
 * conversion (section 36.3).
 *
 * Every SDR starts with the same 5-byte header (record ID, SDR version 51h, record type,
 * length of what follows) and is at most 5 + 255 bytes. ik_sdr_decode() turns one whole
 * record into a struct ik_sdr_record; ik_sdr_encode() builds the bytes back (computing the
 * length byte), so decode(encode(x)) == x for every record type, including types this
 * module does not know, which are kept as raw bytes.
 *
 * Decoded records copy what they need (nothing borrows the input buffer). Reserved bits
 * are not kept: the encoder writes them as zero. Zero bytes padding a record after its ID
 * string (some BMCs pad every record to a fixed size) are counted in `pad` and re-emitted.
 *
 * Reading conversion works on a struct ik_sdr_conv, the "view" of a full sensor record's
 * analog fields (data format, linearization, M, B, K1, K2, tolerance, accuracy): build
 * one with ik_sdr_full_conv() or from Get Sensor Reading Factors, or derive one from a
 * desired range and resolution with ik_sdr_conv_derive().
 */
#ifndef IPMIKIT_SDR_H
#define IPMIKIT_SDR_H

#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IK_SDR_HEADER_LEN 5
#define IK_SDR_VERSION    0x51 /* IPMI 1.5 / 2.0 SDRs */
#define IK_SDR_BODY_MAX   255  /* the length byte's range */
#define IK_SDR_MAX_LEN    (IK_SDR_HEADER_LEN + IK_SDR_BODY_MAX)
#define IK_SDR_ID_MAX     16 /* ID string bytes (table 43-1 byte 48, "up to 16 bytes") */
#define IK_SDR_ID_TEXT    33 /* decoded text: 16 bytes of BCD plus or hex are 32 chars + NUL */
#define IK_SDR_NAME_MAX   (IK_SDR_ID_TEXT + 4) /* an ID string plus " 127" or " EX" */

/* Record types (section 43, tables 43-1 to 43-11). */
enum ik_sdr_type {
    IK_SDR_FULL = 0x01,             /* full sensor record */
    IK_SDR_COMPACT = 0x02,          /* compact sensor record */
    IK_SDR_EVENT_ONLY = 0x03,       /* event-only record */
    IK_SDR_ENTITY_ASSOC = 0x08,     /* entity association record */
    IK_SDR_DEV_ENTITY_ASSOC = 0x09, /* device-relative entity association record */
    IK_SDR_GENERIC_LOCATOR = 0x10,  /* generic device locator record */
    IK_SDR_FRU_LOCATOR = 0x11,      /* FRU device locator record */
    IK_SDR_MC_LOCATOR = 0x12,       /* management controller device locator record */
    IK_SDR_MC_CONFIRM = 0x13,       /* management controller confirmation record */
    IK_SDR_BMC_CHANNEL = 0x14,      /* BMC message channel info record */
    IK_SDR_OEM = 0xC0,              /* OEM record */
};

/* ID string encodings: type/length byte bits 7:6 (section 43.15). */
enum ik_sdr_id_enc {
    IK_SDR_ID_UNICODE = 0, /* no peer decodes it; shown as hex */
    IK_SDR_ID_BCDPLUS = 1,
    IK_SDR_ID_ASCII6 = 2, /* 6-bit packed ASCII */
    IK_SDR_ID_LATIN1 = 3, /* 8-bit ASCII + Latin-1: what ipmitool shows correctly */
};

/* Analog (numeric) data format: sensor units 1 bits 7:6 (table 43-1 byte 21). */
enum ik_sdr_format {
    IK_SDR_FMT_UNSIGNED = 0,
    IK_SDR_FMT_ONES = 1, /* 1's complement (signed) */
    IK_SDR_FMT_TWOS = 2, /* 2's complement (signed) */
    IK_SDR_FMT_NONE = 3, /* does not return an analog (numeric) reading */
};

/* Linearization (table 43-1 byte 24 [6:0]); 70h-7Fh are non-linear (reading factors
 * come from Get Sensor Reading Factors), 0Ch-6Fh are reserved. */
enum ik_sdr_lin {
    IK_SDR_LIN_LINEAR = 0x00,
    IK_SDR_LIN_LN = 0x01,
    IK_SDR_LIN_LOG10 = 0x02,
    IK_SDR_LIN_LOG2 = 0x03,
    IK_SDR_LIN_E = 0x04,
    IK_SDR_LIN_EXP10 = 0x05,
    IK_SDR_LIN_EXP2 = 0x06,
    IK_SDR_LIN_INV = 0x07, /* 1/x */
    IK_SDR_LIN_SQR = 0x08,
    IK_SDR_LIN_CUBE = 0x09,
    IK_SDR_LIN_SQRT = 0x0A,
    IK_SDR_LIN_CBRT = 0x0B, /* cube root (x^-3 in the spec's notation "cube-1") */
    IK_SDR_LIN_NONLINEAR = 0x70,
    IK_SDR_LIN_OEM_LAST = 0x7F,
};

/* Threshold index, in the bit order of the readable/settable/reading masks. */
enum ik_sdr_thr {
    IK_SDR_LNC = 0,
    IK_SDR_LCR = 1,
    IK_SDR_LNR = 2,
    IK_SDR_UNC = 3,
    IK_SDR_UCR = 4,
    IK_SDR_UNR = 5,
};

/* Threshold-sensor views of the three 16-bit masks (table 43-1 bytes 15-20). */
#define IK_SDR_THR_READABLE(reading_mask) ((uint8_t)((reading_mask)&0x3F))
#define IK_SDR_THR_SETTABLE(reading_mask) ((uint8_t)(((reading_mask) >> 8) & 0x3F))
/* Threshold comparisons returned by Get Sensor Reading, as IK_SDR_LNC.. bits. */
#define IK_SDR_THR_COMPARED(assert_mask, deassert_mask)                                            \
    ((uint8_t)((((assert_mask) >> 12) & 7) | ((((deassert_mask) >> 12) & 7) << 3)))
/* Threshold event bit for threshold t going low (hi = 0) or high (hi = 1): bit 2t + hi of the
 * assertion/deassertion mask's low 12 bits (lnc-low is bit 0, unr-high is bit 11). */
#define IK_SDR_THR_EVENT_BIT(t, hi) (1u << (2 * (t) + (hi)))

/* An ID string: the encoding and raw bytes (authoritative for encode) and the text. */
struct ik_sdr_id {
    uint8_t enc; /* enum ik_sdr_id_enc */
    uint8_t len; /* raw byte count, 0..16 */
    uint8_t raw[IK_SDR_ID_MAX];
    char text[IK_SDR_ID_TEXT]; /* decoded, NUL-terminated */
};

/* Record header (section 43, every table's bytes 1-5). */
struct ik_sdr_header {
    uint16_t record_id;
    uint8_t version; /* 51h */
    uint8_t type;    /* enum ik_sdr_type or anything else */
    uint8_t length;  /* bytes after the header */
};

/* Sensor units (table 43-1 bytes 21-23). */
struct ik_sdr_units {
    uint8_t format;     /* enum ik_sdr_format */
    uint8_t rate;       /* 0 none, 1 per us, 2 per ms, 3 per s, 4 per min, 5 per hour, 6 per day */
    uint8_t modifier;   /* 0 none, 1 base/modifier, 2 base*modifier */
    uint8_t percentage; /* 1 = value is a percentage */
    uint8_t base_unit;  /* table 43-15 */
    uint8_t modifier_unit;
};

/* What full and compact sensor records share (table 43-1/43-2 bytes 6-23). */
struct ik_sdr_sensor {
    uint8_t owner_id;  /* byte 6: [7:1] IPMB address or system software ID, [0] 1 = software */
    uint8_t owner_lun; /* byte 7 [1:0] */
    uint8_t channel;   /* byte 7 [7:4] */
    uint8_t number;
    uint8_t entity_id;
    uint8_t entity_instance; /* [6:0] */
    uint8_t entity_logical;  /* [7]: 1 = logical container entity */
    /* byte 11, sensor initialization */
    uint8_t settable;         /* [7] sensor is settable (IPMI 2.0) */
    uint8_t init_scanning;    /* [6] */
    uint8_t init_events;      /* [5] */
    uint8_t init_thresholds;  /* [4] */
    uint8_t init_hysteresis;  /* [3] */
    uint8_t init_sensor_type; /* [2] */
    uint8_t events_enabled;   /* [1] event generation enabled at power-up */
    uint8_t scanning_enabled; /* [0] sensor scanning enabled at power-up */
    /* byte 12, sensor capabilities */
    uint8_t ignore;            /* [7] ignore sensor if entity is absent or disabled */
    uint8_t auto_rearm;        /* [6] */
    uint8_t hysteresis_access; /* [5:4] 0 none, 1 readable, 2 readable+settable, 3 fixed */
    uint8_t threshold_access;  /* [3:2] 0 none, 1 readable, 2 readable+settable, 3 fixed */
    uint8_t event_msg_control; /* [1:0] 0 per threshold/state, 1 entire sensor, 2 global, 3 none */
    uint8_t sensor_type;       /* table 42-3 */
    uint8_t event_type;        /* event/reading type code, table 42-1 */
    uint16_t assert_mask;      /* bytes 15-16: assertion events / lower threshold reading mask */
    uint16_t deassert_mask;    /* bytes 17-18: deassertion events / upper threshold reading mask */
    uint16_t reading_mask;     /* bytes 19-20: discrete reading / settable+readable thresholds */
    struct ik_sdr_units units;
};

/* Sensor record sharing (compact bytes 24-25, event-only bytes 13-14). */
struct ik_sdr_share {
    uint8_t direction;       /* [7:6] of the first byte: 0 unspecified, 1 input, 2 output */
    uint8_t modifier_type;   /* [5:4]: 0 numeric, 1 alpha */
    uint8_t count;           /* [3:0]: number of sensors sharing the record (0 means 1) */
    uint8_t entity_sharing;  /* second byte [7]: 1 = entity instance increments per sensor */
    uint8_t modifier_offset; /* [6:0] */
};

/* Table 43-1: full sensor record. */
struct ik_sdr_full {
    struct ik_sdr_sensor s;
    uint8_t linearization; /* enum ik_sdr_lin */
    int16_t m;             /* 10-bit 2's complement */
    uint8_t tolerance;     /* 6 bits, in +/- half raw counts */
    int16_t b;             /* 10-bit 2's complement */
    uint16_t accuracy;     /* 10 bits, in 1/100 percent units */
    uint8_t accuracy_exp;  /* 2 bits */
    uint8_t direction;     /* 0 unspecified, 1 input, 2 output */
    int8_t r_exp;          /* K2, 4-bit 2's complement */
    int8_t b_exp;          /* K1, 4-bit 2's complement */
    uint8_t nominal_specified, normal_max_specified, normal_min_specified; /* byte 31 */
    uint8_t nominal, normal_max, normal_min;                               /* raw readings */
    uint8_t sensor_max, sensor_min;
    uint8_t thresholds[6]; /* raw, indexed by enum ik_sdr_thr */
    uint8_t hyst_pos, hyst_neg;
    uint8_t oem;
    struct ik_sdr_id id;
};

/* Table 43-2: compact sensor record. */
struct ik_sdr_compact {
    struct ik_sdr_sensor s;
    struct ik_sdr_share share;
    uint8_t hyst_pos, hyst_neg;
    uint8_t oem;
    struct ik_sdr_id id;
};

/* Table 43-3: event-only record. */
struct ik_sdr_event_only {
    uint8_t owner_id, owner_lun, fru_lun, channel, number;
    uint8_t entity_id, entity_instance, entity_logical;
    uint8_t sensor_type, event_type;
    struct ik_sdr_share share;
    uint8_t oem;
    struct ik_sdr_id id;
};

/* Table 43-4: entity association record. */
struct ik_sdr_entity_assoc {
    uint8_t container_id, container_instance; /* instance: the whole byte */
    uint8_t range;        /* flags [7]: 1 = pairs are ranges (entity, first..last instance) */
    uint8_t linked;       /* [6]: linked entity association records exist */
    uint8_t presence;     /* [5]: sensor presence: entity present if any sensor is */
    uint8_t entity[4][2]; /* (entity ID, instance) x 4; as ranges: [0]..[1], [2]..[3] */
};

/* Table 43-5: device-relative entity association record. */
struct ik_sdr_dev_entity_assoc {
    uint8_t container_id, container_instance;
    uint8_t container_addr;    /* [7:1] slave address (stored with bit 0 = 0) */
    uint8_t container_channel; /* [7:4] */
    uint8_t range, linked, presence;
    struct {
        uint8_t addr, channel, id, instance;
    } entity[4];
};

/* Table 43-6: generic device locator record. */
struct ik_sdr_generic_locator {
    uint8_t access_addr; /* byte 6 [7:1], stored with bit 0 = 0 */
    uint8_t slave_addr;  /* byte 7 [7:1], stored with bit 0 = 0 */
    uint8_t channel;     /* 4 bits: byte 7 [0] is the MS bit, byte 8 [7:5] the LS bits */
    uint8_t access_lun;  /* byte 8 [4:3] */
    uint8_t bus;         /* byte 8 [2:0] private bus ID */
    uint8_t addr_span;   /* byte 9 [2:0] */
    uint8_t device_type, device_modifier;
    uint8_t entity_id, entity_instance, entity_logical;
    uint8_t oem;
    struct ik_sdr_id id;
};

/* Table 43-7: FRU device locator record. */
struct ik_sdr_fru_locator {
    uint8_t access_addr; /* byte 6 [7:1], stored with bit 0 = 0 */
    uint8_t device_id;   /* byte 7: FRU device ID (logical) or slave address (physical) */
    uint8_t logical;     /* byte 8 [7] */
    uint8_t access_lun;  /* [4:3] */
    uint8_t bus;         /* [2:0] */
    uint8_t channel;     /* byte 9 [7:4] */
    uint8_t device_type, device_modifier;
    uint8_t entity_id, entity_instance; /* instance: the whole byte */
    uint8_t oem;
    struct ik_sdr_id id;
};

/* Table 43-8: management controller device locator record. */
struct ik_sdr_mc_locator {
    uint8_t slave_addr; /* byte 6 [7:1], stored with bit 0 = 0 */
    uint8_t channel;    /* byte 7 [3:0] */
    /* byte 8: power state notification / global initialization */
    uint8_t acpi_system_notify; /* [7] */
    uint8_t acpi_device_notify; /* [6] */
    uint8_t static_presence;    /* [5] (IPMI 1.0 "controller presence static") */
    uint8_t logs_init_errors;   /* [3] controller logs initialization agent errors */
    uint8_t log_init_errors;    /* [2] log initialization agent errors accessing it */
    uint8_t event_msg_gen;      /* [1:0] 0 enable, 1 disable, 2 do not initialize */
    uint8_t capabilities;       /* byte 9: [7] chassis .. [0] sensor device */
    uint8_t entity_id, entity_instance, entity_logical;
    uint8_t oem;
    struct ik_sdr_id id;
};

/* Table 43-9: management controller confirmation record. */
struct ik_sdr_mc_confirm {
    uint8_t slave_addr; /* [7:1], stored with bit 0 = 0 */
    uint8_t device_id;
    uint8_t device_revision; /* byte 8 [7:4] */
    uint8_t channel;         /* byte 8 [3:0] */
    uint8_t fw_major;        /* [6:0] */
    uint8_t fw_minor;        /* BCD */
    uint8_t ipmi_version;    /* BCD, 51h = 1.5 */
    uint32_t manufacturer;   /* 20-bit IANA number in 3 bytes */
    uint16_t product;
    uint8_t guid[16];
};

/* Table 43-10: BMC message channel info record. */
struct ik_sdr_bmc_channel {
    struct {
        uint8_t transmit; /* [7] transmit supported */
        uint8_t lun;      /* [6:4] message receive LUN */
        uint8_t protocol; /* [3:0] */
    } ch[8];
    uint8_t msg_interrupt;   /* byte 14: messaging interrupt type */
    uint8_t event_interrupt; /* byte 15: event message buffer interrupt type */
};

/* Table 43-11: OEM record. */
struct ik_sdr_oem {
    uint32_t manufacturer; /* 3 bytes, LS first */
    uint8_t len;
    uint8_t data[IK_SDR_BODY_MAX - 3];
};

/* A record of a type this module does not decode: its body as it came. */
struct ik_sdr_raw {
    uint8_t len;
    uint8_t data[IK_SDR_BODY_MAX];
};

struct ik_sdr_record {
    struct ik_sdr_header hdr; /* hdr.length is recomputed by the encoder */
    uint8_t pad;              /* bytes after the ID string (decoded: their count) */
    union {
        struct ik_sdr_full full;
        struct ik_sdr_compact compact;
        struct ik_sdr_event_only event_only;
        struct ik_sdr_entity_assoc entity_assoc;
        struct ik_sdr_dev_entity_assoc dev_entity_assoc;
        struct ik_sdr_generic_locator generic;
        struct ik_sdr_fru_locator fru;
        struct ik_sdr_mc_locator mc;
        struct ik_sdr_mc_confirm mc_confirm;
        struct ik_sdr_bmc_channel bmc_channel;
        struct ik_sdr_oem oem;
        struct ik_sdr_raw raw; /* any other type */
    } u;
};

/* ---- codec -------------------------------------------------------------------------- */

/* The 5-byte header; len must be exactly IK_SDR_HEADER_LEN. */
int ik_sdr_header_decode(const uint8_t *buf, size_t len, struct ik_sdr_header *out);

/*
 * One whole record: len must be exactly 5 + the length byte (IK_E_TRUNCATED if shorter,
 * IK_E_OVERSIZE if longer). A body shorter than its type's fixed part is IK_E_TRUNCATED;
 * an ID string over 16 bytes is IK_E_BADFIELD; bytes after the ID string must be zero
 * (IK_E_BADFIELD otherwise). Unknown types decode into u.raw. Any SDR version byte is
 * accepted and kept.
 */
int ik_sdr_decode(const uint8_t *buf, size_t len, struct ik_sdr_record *out);

/* Build the record (header included) into buf; *written gets 5 + body length. The version
 * byte is written as given (IK_SDR_VERSION), the length byte comes from the contents;
 * IK_E_RANGE for a field that does not fit its bits or an ID
 * string over 16 bytes, IK_E_NOSPACE if cap is too small. */
int ik_sdr_encode(const struct ik_sdr_record *in, uint8_t *buf, size_t cap, size_t *written);

/* Bytes a type's body has before its ID string (or in all, for types without one):
 * 43 full, 27 compact, 12 event-only, 11 entity assoc, 27 device-relative, 11 generic/FRU/MC
 * locator, 27 MC confirmation, 11 BMC channel, 3 OEM; 0 for unknown types. */
size_t ik_sdr_fixed_len(uint8_t type);

/* "Full Sensor Record", ..., or NULL for an unknown type. */
const char *ik_sdr_type_name(uint8_t type);

/* The ID string of a record that has one (full, compact, event-only, the three locators),
 * else NULL. */
const struct ik_sdr_id *ik_sdr_record_id_string(const struct ik_sdr_record *r);

/* Set an ID string from text in the given encoding (IK_E_RANGE if the encoding cannot carry
 * the text, IK_E_NOSPACE if it needs more than 16 bytes). */
int ik_sdr_id_set(struct ik_sdr_id *id, enum ik_sdr_id_enc enc, const char *text);

/*
 * Sensor sharing (compact and event-only records): the name, sensor number and entity
 * instance of the n-th sensor (0-based) a record stands for. The name is the ID string plus
 * " " and the instance modifier: numeric "Temp 5" (offset + n), or alpha "Temp A".."Temp Z",
 * "Temp AA".. (offset + n, 0 = A, 26 = AA). A record without sharing (count 0 or 1) has one
 * sensor whose name is the plain ID string. Returns the name length, IK_E_RANGE for
 * n >= count, IK_E_INVAL for other record types, IK_E_NOSPACE if cap is too small.
 */
int ik_sdr_shared_name(const struct ik_sdr_record *r, unsigned n, char *buf, size_t cap);
int ik_sdr_shared_sensor(const struct ik_sdr_record *r, unsigned n, uint8_t *number,
                         uint8_t *entity_instance);
/* How many sensors a record stands for: 1 for full records, share count (0 -> 1) for
 * compact and event-only records, 0 for records that are not sensors. */
unsigned ik_sdr_sensor_count(const struct ik_sdr_record *r);

/* Device type codes (table 43-12) with their modifier: "IPMI FRU Inventory",
 * "DIMM Memory ID", "EEPROM, 24C02", ...; NULL when not in the table. */
const char *ik_sdr_device_type_name(uint8_t type, uint8_t modifier);

/* ---- reading conversion (section 36.3) ------------------------------------------------ */

/* y = L[(M*x + B*10^K1) * 10^K2] units, for one sensor. */
struct ik_sdr_conv {
    uint8_t format;        /* enum ik_sdr_format */
    uint8_t linearization; /* enum ik_sdr_lin */
    int16_t m, b;          /* -512..511 */
    int8_t k1, k2;         /* B and R exponents, -8..7 */
    uint8_t tolerance;     /* 0..63 */
    uint16_t accuracy;     /* 0..1023 */
    uint8_t accuracy_exp;  /* 0..3 */
};

void ik_sdr_full_conv(const struct ik_sdr_full *f, struct ik_sdr_conv *out);
/* Store a conversion back into a full record (format into units, factors into the rest). */
void ik_sdr_full_set_conv(struct ik_sdr_full *f, const struct ik_sdr_conv *c);

/* The raw byte as a signed or unsigned number per the data format (1's complement FFh is
 * -0 = 0). Format 3 is read as unsigned. */
int ik_sdr_raw_signed(uint8_t format, uint8_t raw);

/*
 * Raw reading to value, unchecked: the formula for any factors, NaN for format 3, the
 * non-linear 70h-7Fh and reserved linearizations; the result may be NaN or infinite
 * (log of a negative number, 1/0).
 */
double ik_sdr_to_real(const struct ik_sdr_conv *c, uint8_t raw);

/* Checked: 0 and *out, or IK_E_UNSUPPORTED (no analog reading, non-linear or reserved
 * linearization) or IK_E_RANGE (the result is NaN or infinite). */
int ik_sdr_raw_to_value(const struct ik_sdr_conv *c, uint8_t raw, double *out);

/*
 * Value to raw byte: the raw value (valid for the format) whose conversion is nearest to
 * value, whatever the sign of M or the linearization's direction; on a tie the smaller
 * raw byte. IK_E_RANGE if value lies outside the representable range by more than half the
 * step at that end, IK_E_INVAL for NaN, IK_E_UNSUPPORTED as above.
 */
int ik_sdr_value_to_raw(const struct ik_sdr_conv *c, double value, uint8_t *raw);

/* Hysteresis (and other raw deltas): the unsigned count through the formula without the
 * B offset, L[M*raw*10^K2] (the linearization applied as ipmitool does). */
double ik_sdr_hysteresis_to_real(const struct ik_sdr_conv *c, uint8_t raw);
/* Nearest hysteresis count for a delta in units (IK_E_RANGE beyond 255 counts). */
int ik_sdr_hysteresis_to_raw(const struct ik_sdr_conv *c, double value, uint8_t *raw);

/* Tolerance: +/- L[M * tolerance / 2 * 10^K2] units. */
double ik_sdr_tolerance(const struct ik_sdr_conv *c);
/* Accuracy in percent: accuracy * 10^accuracy_exp / 100. */
double ik_sdr_accuracy_pct(const struct ik_sdr_conv *c);

/*
 * Choose format, M, B, K1, K2 (linear) so that raw readings cover [min, max] in steps of
 * resolution: unsigned with B = min when min >= 0, else 2's complement with B = 0 when
 * [min, max] fits around zero, else unsigned with a negative B. The resolution is made
 * exact when M (up to 511) times a power of ten can express it, else as close as M allows;
 * min must then be expressible as B*10^(K1+K2). IK_E_INVAL for non-finite input,
 * resolution <= 0 or max < min; IK_E_RANGE if 256 steps cannot cover the range or the
 * factors do not fit their fields.
 */
int ik_sdr_conv_derive(double min, double max, double resolution, struct ik_sdr_conv *out);

/* "linear", "ln", ..., "non-linear", "OEM non-linear" or NULL for reserved codes. */
const char *ik_sdr_lin_name(uint8_t linearization);

#ifdef __cplusplus
}
#endif
#endif
