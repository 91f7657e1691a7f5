/*
 * FRU inventory codec: the IPMI Platform Management FRU Information Storage Definition v1.0
 * (rev 1.3) image, both ways.
 *
 * An image is a common header (8 bytes) followed by up to five areas, each found by an
 * offset in 8-byte units in the header:
 *
 *   internal use   version byte + free-form data (no length, no checksum: it runs to the next
 *                  area or the end of the image)
 *   chassis info   version, length/8, chassis type, part number, serial, custom fields, C1h,
 *                  pad, checksum
 *   board info     version, length/8, language, manufacturing date (minutes since
 *                  1996-01-01 00:00 UTC, 3 bytes LE), manufacturer, product name, serial,
 *                  part number, FRU file ID, custom fields, C1h, pad, checksum
 *   product info   version, length/8, language, manufacturer, name, part/model, version,
 *                  serial, asset tag, FRU file ID, custom fields, C1h, pad, checksum
 *   multirecord    a chain of records: 5-byte header (type, end-of-list bit + format version
 *                  2h, length, record checksum, header checksum) and up to 255 data bytes
 *
 * Decoding is forgiving the way a field tool must be: a damaged area is reported (a
 * struct ik_fru_problem naming the area or record and the byte offset) and the other areas
 * are still decoded. Only an image with no usable common header fails outright.
 *
 * Every decoded field keeps its type/length byte, its raw bytes (borrowed: a pointer into
 * the caller's image, valid while that buffer is) and its text (a copy, decoded with the
 * shared type/length codec). The encoder takes the same structures, so a decoded image can
 * be re-encoded; it computes every length, pad and checksum itself.
 */
#ifndef IPMIKIT_FRU_H
#define IPMIKIT_FRU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IK_FRU_HEADER_LEN  8
#define IK_FRU_FIELD_MAX   63    /* bytes in one type/length field (bits 5:0) */
#define IK_FRU_TEXT_MAX    128   /* 63 bytes as hex or BCD plus = 126 characters + NUL */
#define IK_FRU_CUSTOM_MAX  16    /* custom fields kept per area (more are reported, not kept) */
#define IK_FRU_MR_MAX      32    /* multirecords kept */
#define IK_FRU_PROBLEM_MAX 16    /* problems kept (more are counted) */
#define IK_FRU_IMAGE_MAX   65535 /* Get FRU Inventory Area Info reports a 16-bit size */
#define IK_FRU_END_MARKER  0xC1  /* type/length byte that ends an area's field list */
#define IK_FRU_MR_VERSION  0x02  /* multirecord header format version */

/* Type codes of a type/length byte (bits 7:6), section 13. */
enum ik_fru_tl {
    IK_FRU_TL_BINARY = 0, /* binary or unspecified; text is lowercase hex */
    IK_FRU_TL_BCDPLUS = 1,
    IK_FRU_TL_ASCII6 = 2,
    IK_FRU_TL_LATIN1 = 3, /* 8-bit ASCII + Latin-1 (or Unicode for a non-English language) */
};

/* Where a problem was found. */
enum ik_fru_area {
    IK_FRU_AREA_HEADER = 0,
    IK_FRU_AREA_INTERNAL,
    IK_FRU_AREA_CHASSIS,
    IK_FRU_AREA_BOARD,
    IK_FRU_AREA_PRODUCT,
    IK_FRU_AREA_MULTIREC,
    IK_FRU_AREA_COUNT,
};

struct ik_fru_field {
    uint8_t type;               /* enum ik_fru_tl */
    uint8_t len;                /* data bytes after the type/length byte (0-63) */
    uint16_t offset;            /* decode: offset of the type/length byte in the image */
    const uint8_t *data;        /* decode: borrows the image (len bytes); encode: ignored */
    char text[IK_FRU_TEXT_MAX]; /* decoded text (Latin-1: up to the first NUL byte, as every
                                   peer shows it); what the encoder encodes */
};

/* Offset, size and checksum of one area, as found (decode) or laid out (encode). */
struct ik_fru_loc {
    bool present;     /* the header names the area */
    uint16_t offset;  /* bytes from the start of the image */
    uint16_t length;  /* bytes (area length byte x 8; internal use: up to the next area) */
    uint8_t version;  /* the area's format version byte */
    uint8_t checksum; /* the stored checksum byte (chassis/board/product) */
    int8_t cksum_ok;  /* 1 good, 0 bad, -1 not checked (area cut short, or no checksum) */
};

struct ik_fru_chassis {
    uint8_t type; /* chassis type (SMBIOS 3.x table, 01h-1Dh in ipmitool's list) */
    struct ik_fru_field part, serial;
    struct ik_fru_field custom[IK_FRU_CUSTOM_MAX];
    uint8_t n_custom;
};

struct ik_fru_board {
    uint8_t lang;         /* language code (0 and 25 = English) */
    uint32_t mfg_minutes; /* minutes since 1996-01-01 00:00 UTC; 0 = unspecified */
    struct ik_fru_field mfg, product, serial, part, file_id;
    struct ik_fru_field custom[IK_FRU_CUSTOM_MAX];
    uint8_t n_custom;
};

struct ik_fru_product {
    uint8_t lang;
    struct ik_fru_field mfg, name, part, version, serial, asset, file_id;
    struct ik_fru_field custom[IK_FRU_CUSTOM_MAX];
    uint8_t n_custom;
};

/* Multirecord types (section 18). */
enum {
    IK_FRU_MR_POWER_SUPPLY = 0x00,
    IK_FRU_MR_DC_OUTPUT = 0x01,
    IK_FRU_MR_DC_LOAD = 0x02,
    IK_FRU_MR_MGMT_ACCESS = 0x03,
    IK_FRU_MR_BASE_COMPAT = 0x04,
    IK_FRU_MR_EXT_COMPAT = 0x05,
    IK_FRU_MR_OEM_FIRST = 0xC0, /* C0h-FFh: manufacturer ID + OEM data */
};

/* One multirecord as found in the image (or to be encoded). */
struct ik_fru_mr {
    uint8_t type;
    uint8_t version;   /* header byte 1 bits 3:0 (02h); the encoder always writes 02h */
    bool end;          /* header byte 1 bit 7: last record; the encoder sets it itself */
    uint8_t len;       /* data bytes */
    uint16_t offset;   /* decode: offset of the record header in the image */
    uint8_t rec_cksum; /* decode: stored checksums */
    uint8_t hdr_cksum;
    bool rec_ok, hdr_ok; /* decode: checksum verdicts */
    const uint8_t *data; /* borrows the image (decode) or the caller's bytes (encode) */
};

/* One thing wrong with an image: where, what, and which error class. */
struct ik_fru_problem {
    int err;            /* IK_E_* */
    uint8_t area;       /* enum ik_fru_area */
    int16_t record;     /* multirecord index, or -1 */
    uint16_t offset;    /* byte offset in the image where the problem is */
    const char *reason; /* static text, e.g. "area checksum mismatch" */
};

struct ik_fru {
    uint8_t version;   /* common header format version (01h) */
    uint8_t hdr_cksum; /* stored header checksum */
    bool hdr_ok;
    struct ik_fru_loc loc[IK_FRU_AREA_COUNT]; /* indexed by enum ik_fru_area */

    const uint8_t *internal; /* internal use data after its version byte (borrowed) */
    uint16_t internal_len;
    struct ik_fru_chassis chassis;
    struct ik_fru_board board;
    struct ik_fru_product product;
    struct ik_fru_mr mr[IK_FRU_MR_MAX];
    uint8_t n_mr;

    struct ik_fru_problem problems[IK_FRU_PROBLEM_MAX];
    uint8_t n_problems;
    uint16_t problems_dropped; /* problems beyond IK_FRU_PROBLEM_MAX */
};

/*
 * Decode a whole FRU image. Returns 0 when the common header is usable (the image is
 * then decoded as far as it goes; out->n_problems says whether anything was wrong),
 * IK_E_TRUNCATED for fewer than 8 bytes, IK_E_OVERSIZE above IK_FRU_IMAGE_MAX, or
 * IK_E_UNSUPPORTED for a header format version other than 01h. A bad header checksum is
 * a problem, not a failure (ipmitool prints such images too).
 */
int ik_fru_decode(const uint8_t *buf, size_t len, struct ik_fru *out);

/*
 * Encode an image: header, then the areas whose loc[].present is set (internal use,
 * chassis, board, product, in that order), then the multirecords out of mr[0..n_mr).
 * Field text is encoded in each field's type (an empty text is the empty field C0h);
 * IK_E_RANGE if a text does not fit its encoding or an area would pass 2040 bytes,
 * IK_E_NOSPACE if buf is too small. *written is the image size (a multiple of 8 unless a
 * multirecord area ends it). version, checksums, offsets and lengths in *in are ignored.
 */
int ik_fru_encode(const struct ik_fru *in, uint8_t *buf, size_t cap, size_t *written);

/* Decode one multirecord (header + data) at the start of buf. IK_E_TRUNCATED if the
 * header or the data is cut short. Checksum verdicts are in *out, not errors. */
int ik_fru_mr_decode(const uint8_t *buf, size_t len, struct ik_fru_mr *out);

/* Fill a field for encoding: copy text (at most 63 bytes) and choose 8-bit Latin-1, the
 * encoding every peer prints as it is. IK_E_RANGE if the text is longer. */
int ik_fru_field_set(struct ik_fru_field *f, const char *text);

/* "chassis info area", "multirecord area", ... */
const char *ik_fru_area_name(enum ik_fru_area area);
/* Chassis type name as ipmitool prints it ("Rack Mount Chassis"); NULL past 1Dh. */
const char *ik_fru_chassis_type_name(uint8_t type);
/* "Power Supply Information", "DC Output", ... "OEM" for C0h-FFh; NULL for 06h-BFh. */
const char *ik_fru_mr_type_name(uint8_t type);

/* ---- multirecord payloads (the data after the 5-byte header) ---------------------- */

/* Power Supply Information, type 00h: exactly 24 bytes. */
struct ik_fru_psu {
    uint16_t capacity_w; /* bits 11:0 */
    uint16_t peak_va;    /* FFFFh = not specified */
    uint8_t inrush_a;    /* FFh = not specified */
    uint8_t inrush_ms;
    uint16_t vin1_lo, vin1_hi; /* input voltage range 1, 10 mV units */
    uint16_t vin2_lo, vin2_hi; /* range 2 (0 = single range) */
    uint8_t freq_lo, freq_hi;  /* Hz */
    uint8_t dropout_ms;        /* A/C dropout tolerance */
    uint8_t flags;             /* IK_FRU_PSU_* */
    uint16_t peak_w;           /* bits 11:0 of the peak wattage word */
    uint8_t holdup_s;          /* bits 15:12 */
    uint8_t combined_v1;       /* bits 7:4: 0 12 V, 1 -12 V, 2 5 V, 3 3.3 V */
    uint8_t combined_v2;       /* bits 3:0 */
    uint16_t combined_w;       /* 0 = not specified */
    uint8_t tach_rps;          /* predictive fail tachometer lower threshold */
};
#define IK_FRU_PSU_PREDICTIVE_FAIL 0x01
#define IK_FRU_PSU_PFC             0x02
#define IK_FRU_PSU_AUTOSWITCH      0x04
#define IK_FRU_PSU_HOT_SWAP        0x08
#define IK_FRU_PSU_TACH_PULSES     0x10 /* 2 pulses per rotation / assert on high */

/* DC Output, type 01h: exactly 13 bytes. */
struct ik_fru_dcout {
    uint8_t output; /* bits 3:0 */
    bool standby;   /* bit 7 */
    int16_t nominal_10mv;
    int16_t max_neg_10mv, max_pos_10mv;
    uint16_t ripple_mv;
    uint16_t min_ma, max_ma;
};

/* DC Load, type 02h: exactly 13 bytes. */
struct ik_fru_dcload {
    uint8_t output; /* bits 3:0 */
    int16_t nominal_10mv, min_10mv, max_10mv;
    uint16_t ripple_mv;
    uint16_t min_ma, max_ma;
};

/* Management Access, type 03h: sub-record type 01h-07h then data (borrowed). */
struct ik_fru_mgmt {
    uint8_t subtype; /* 1 system URL, 2 system name, 3 system ping address, 4 component URL,
                        5 component name, 6 component ping address, 7 system unique ID */
    const uint8_t *data;
    uint8_t len;
};

/* Base (04h) and Extended (05h) Compatibility: IANA, entity, base, code start, mask. */
struct ik_fru_compat {
    uint32_t mfg_id; /* 3 bytes LE */
    uint8_t entity_id;
    uint8_t compat_base;
    uint8_t code_start;
    const uint8_t *mask; /* code range mask (borrowed) */
    uint8_t mask_len;
};

/* OEM, types C0h-FFh: manufacturer ID then OEM data (borrowed). PICMG records have
 * mfg_id 12634 (00315Ah), then a PICMG record ID and a record format version. */
struct ik_fru_oem {
    uint32_t mfg_id;
    const uint8_t *data;
    uint8_t len;
};
#define IK_FRU_IANA_PICMG 12634u

int ik_fru_psu_decode(const uint8_t *buf, size_t len, struct ik_fru_psu *out);
int ik_fru_psu_encode(const struct ik_fru_psu *in, uint8_t *buf, size_t cap, size_t *written);
int ik_fru_dcout_decode(const uint8_t *buf, size_t len, struct ik_fru_dcout *out);
int ik_fru_dcout_encode(const struct ik_fru_dcout *in, uint8_t *buf, size_t cap, size_t *written);
int ik_fru_dcload_decode(const uint8_t *buf, size_t len, struct ik_fru_dcload *out);
int ik_fru_dcload_encode(const struct ik_fru_dcload *in, uint8_t *buf, size_t cap, size_t *written);
int ik_fru_mgmt_decode(const uint8_t *buf, size_t len, struct ik_fru_mgmt *out);
int ik_fru_mgmt_encode(const struct ik_fru_mgmt *in, uint8_t *buf, size_t cap, size_t *written);
int ik_fru_compat_decode(const uint8_t *buf, size_t len, struct ik_fru_compat *out);
int ik_fru_compat_encode(const struct ik_fru_compat *in, uint8_t *buf, size_t cap, size_t *written);
int ik_fru_oem_decode(const uint8_t *buf, size_t len, struct ik_fru_oem *out);
int ik_fru_oem_encode(const struct ik_fru_oem *in, uint8_t *buf, size_t cap, size_t *written);

/* Management access sub-record name ("System URL", ...), NULL outside 01h-07h. */
const char *ik_fru_mgmt_name(uint8_t subtype);
/* PICMG multirecord ID name ("Backplane Point-to-Point Connectivity", ...), or NULL. */
const char *ik_fru_picmg_record_name(uint8_t record_id);

#ifdef __cplusplus
}
#endif
#endif
