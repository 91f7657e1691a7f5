/*
 * System Event Log records: the 16-byte record codec (IPMI 2.0 section 32, table 32-1) and
 * the interpretation of the event they carry (sections 29.7 and 42, tables 29-6, 42-1,
 * 42-2 and 42-3; PICMG 3.0 section 3.2.4 for the ATCA sensor types F0h-F2h; the Linux IPMI
 * driver's panic events).
 *
 * Record types (byte 2):
 *   02h        system event record: timestamp, generator ID, event message
 *   C0h-DFh    OEM timestamped: timestamp, manufacturer ID, 6 OEM bytes
 *   E0h-FFh    OEM non-timestamped: 13 OEM bytes
 *   all others unknown: only the record ID, the type and the raw bytes are meaningful
 *
 * Decoding never fails on field values: an unknown record type, a reserved event/reading
 * type or an EvM revision other than 03h/04h is reported in the result, never dropped.
 * Only a buffer that is not exactly 16 bytes is an error. Nothing here allocates, prints or
 * reads a clock; timestamps are returned as numbers for the caller to format.
 */
#ifndef IPMIKIT_SEL_H
#define IPMIKIT_SEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IK_SEL_RECORD_LEN 16

/* Special timestamp values (IPMI 2.0 section 37.1). */
#define IK_SEL_TS_UNSPECIFIED 0xFFFFFFFFu
#define IK_SEL_TS_INIT_MAX    0x20000000u /* 0..this: seconds since the BMC initialised */

enum ik_sel_kind {
    IK_SEL_KIND_SYSTEM = 0, /* 02h */
    IK_SEL_KIND_OEM_TS,     /* C0h-DFh */
    IK_SEL_KIND_OEM_NOTS,   /* E0h-FFh */
    IK_SEL_KIND_UNKNOWN,    /* any other type */
};

enum ik_sel_time {
    IK_SEL_TIME_NONE = 0,    /* the record has no timestamp (OEM non-timestamped, unknown) */
    IK_SEL_TIME_UNSPECIFIED, /* FFFFFFFFh */
    IK_SEL_TIME_PRE_INIT,    /* <= 20000000h: seconds relative to BMC initialisation */
    IK_SEL_TIME_UTC,         /* seconds since 1970-01-01 UTC */
};

/* The event message carried by a system event record (table 32-1 bytes 7-15). */
struct ik_sel_event {
    uint16_t gen_id;      /* generator ID as stored, byte 7 low, byte 8 high */
    uint8_t gen_software; /* 1: byte 7 bit 0 set, gen_addr is a software ID */
    uint8_t gen_addr;     /* 7-bit IPMB slave address or software ID (byte 7 bits 7:1) */
    uint8_t gen_channel;  /* byte 8 bits 7:4 (0 = primary IPMB / system interface) */
    uint8_t gen_lun;      /* byte 8 bits 1:0: the LUN of the generating sensor */
    uint8_t evm_rev;      /* 04h for IPMI 1.5/2.0, 03h for 1.0; others are reported as is */
    uint8_t sensor_type;  /* table 42-3 */
    uint8_t sensor_num;
    uint8_t deassertion; /* event direction: 1 = deassertion (byte 13 bit 7) */
    uint8_t event_type;  /* event/reading type code, byte 13 bits 6:0 (table 42-1) */
    uint8_t data[3];     /* event data 1..3 */
};

struct ik_sel_record {
    uint16_t record_id;
    uint8_t record_type;
    uint8_t kind;       /* enum ik_sel_kind */
    uint8_t time_kind;  /* enum ik_sel_time */
    uint32_t timestamp; /* valid for SYSTEM and OEM_TS (and 0 otherwise) */
    /* SYSTEM: the event. UNKNOWN types below C0h are also read with this layout (the way
     * ipmitool shows them), so a caller can display them; the values mean nothing. */
    struct ik_sel_event ev;
    uint32_t manufacturer; /* OEM_TS: IANA enterprise number, bytes 7-9, LS byte first */
    uint8_t oem[13];       /* OEM_TS: 6 bytes (oem[0..5]); OEM_NOTS: 13 bytes */
    uint8_t raw[IK_SEL_RECORD_LEN];
};

/*
 * Decode one 16-byte record. IK_E_TRUNCATED if len < 16, IK_E_OVERSIZE if len > 16;
 * every field value is accepted.
 */
int ik_sel_decode(const uint8_t *buf, size_t len, struct ik_sel_record *out);

/*
 * Encode a record from its fields (raw[] is ignored): SYSTEM uses timestamp and ev
 * (gen_id as given; ik_sel_gen_id() builds one), OEM_TS timestamp, manufacturer and
 * oem[0..5], OEM_NOTS oem[0..12]. The record type must agree with kind (02h, C0h-DFh,
 * E0h-FFh); IK_E_INVAL otherwise, and for kind UNKNOWN. IK_E_RANGE for a manufacturer ID
 * above 24 bits or an event type above 7Fh. IK_E_NOSPACE if cap < 16.
 */
int ik_sel_encode(const struct ik_sel_record *in, uint8_t *buf, size_t cap, size_t *written);

/* Generator ID for a sensor on an IPMB slave (software = 0) or a software ID (software =
 * 1): addr is the 7-bit address/ID, channel 0-15, lun 0-3. */
uint16_t ik_sel_gen_id(int software, uint8_t addr, uint8_t channel, uint8_t lun);

/* Classify a record type / a timestamp (what ik_sel_decode stores in kind / time_kind). */
enum ik_sel_kind ik_sel_kind_of(uint8_t record_type);
enum ik_sel_time ik_sel_time_of(uint32_t timestamp);

/* ---- event interpretation (lib/sel_event.c) ------------------------------------------ */

enum ik_sel_class {
    IK_SEL_CLASS_UNSPECIFIED = 0, /* event/reading type 00h */
    IK_SEL_CLASS_THRESHOLD,       /* 01h */
    IK_SEL_CLASS_GENERIC,         /* 02h-0Ch */
    IK_SEL_CLASS_SENSOR_SPECIFIC, /* 6Fh */
    IK_SEL_CLASS_OEM,             /* 70h-7Fh */
    IK_SEL_CLASS_RESERVED,        /* everything else */
};

/* What event data 2 / 3 hold, from event data 1 bits 7:6 and 5:4 (table 29-6). */
enum ik_sel_data_use {
    IK_SEL_DATA_UNSPECIFIED = 0, /* 00b: not used (FFh or not present) */
    IK_SEL_DATA_READING,         /* 01b threshold: data 2 trigger reading / data 3 threshold */
    IK_SEL_DATA_PREVIOUS,        /* 01b discrete/OEM: data 2 previous state and severity;
                                    for data 3 this value is reserved */
    IK_SEL_DATA_OEM,             /* 10b: OEM code */
    IK_SEL_DATA_EXTENSION,       /* 11b: sensor-specific event extension code */
};

/* One decoded extension field: a stable key (used as the JSON member name), a label for
 * people, the numeric value and, where the spec names it, the value's text. */
struct ik_sel_field {
    const char *key;   /* "interrupt_type", "timer_use", "user_id", ... */
    const char *label; /* "Interrupt type", ... */
    uint32_t value;
    const char *text;        /* NULL when the value has no name (a number, or reserved) */
    const char *const *bits; /* non-NULL: value is a bit mask and bits[i] names bit i
                                (NULL-terminated array of 8) */
};

#define IK_SEL_MAX_FIELDS 8

struct ik_sel_interp {
    uint8_t cls;             /* enum ik_sel_class */
    uint8_t offset;          /* event data 1 bits 3:0 */
    const char *offset_text; /* the spec's name of the state/offset, NULL if reserved */
    uint8_t data2_use;       /* enum ik_sel_data_use */
    uint8_t data3_use;
    /* DATA_READING: raw (unconverted) readings; converting needs the sensor's SDR. */
    uint8_t has_trigger_reading, trigger_reading;
    uint8_t has_threshold, threshold;
    /* DATA_PREVIOUS on data 2 (discrete): previous state offset and severity offset
     * (0Fh = unspecified) */
    uint8_t has_previous;
    uint8_t previous_offset, severity_offset;
    const char *previous_text; /* previous offset's name in the same table, or NULL */
    const char *severity_text; /* generic severity table (07h) name, or NULL */
    /* Sensor-specific extensions, PICMG fields, OEM bytes: see fields. */
    unsigned nfields;
    struct ik_sel_field fields[IK_SEL_MAX_FIELDS];
    /* The Linux "OS critical stop" panic event: up to 3 characters of the panic string
     * (sensor number, data 2, data 3), NUL-terminated. */
    uint8_t is_panic;
    char panic_text[4];
};

/*
 * Interpret the event of a system event record: the class, the offset's name from table
 * 42-2 (generic/threshold) or 42-3 (sensor-specific, PICMG F0h-F2h), what data 2/3 hold,
 * and every extension the tables define for that sensor type and offset. Never fails;
 * unknown values come back as numbers with a NULL text.
 */
void ik_sel_interpret(const struct ik_sel_event *ev, struct ik_sel_interp *out);

/* The name of an offset in a generic table (event type 01h-0Ch) or in the sensor-specific
 * table of a sensor type (event type 6Fh): NULL for reserved or unknown. */
const char *ik_sel_offset_name(uint8_t event_type, uint8_t sensor_type, uint8_t offset);

/* ---- Linux panic records (the "Panic Timeouts" section of the kernel's IPMI.txt) -------- */

/*
 * An OEM non-timestamped record of type F0h written by the Linux IPMI driver: byte 3 the
 * slave address of the card that panicked, byte 4 a sequence number from 0, bytes 5-15 11
 * bytes of the panic string (NUL-padded in the last chunk).
 */
struct ik_sel_panic_chunk {
    uint8_t slave_addr;
    uint8_t seq;
    uint8_t len; /* characters before the first NUL, 0..11 */
    char text[12];
};

/* 1 and *out filled if the record is an F0h panic chunk, else 0. */
int ik_sel_panic_chunk(const struct ik_sel_record *r, struct ik_sel_panic_chunk *out);

/* Reassembly of consecutive chunks into the panic string (the caller owns the state). */
#define IK_SEL_PANIC_MAX 1024

struct ik_sel_panic_asm {
    char text[IK_SEL_PANIC_MAX + 1];
    size_t len;
    unsigned nchunks;
    uint8_t slave_addr;
    uint8_t next_seq;
    uint8_t active;
    uint8_t ended;     /* the last chunk was short (NUL-padded): the string is complete */
    uint8_t truncated; /* more than IK_SEL_PANIC_MAX characters arrived */
};

void ik_sel_panic_reset(struct ik_sel_panic_asm *a);

/*
 * Add a chunk: a chunk with sequence 0, or from another slave, or out of sequence starts a
 * new message (the old one is dropped; check ik_sel_panic_continues first to emit it).
 */
void ik_sel_panic_add(struct ik_sel_panic_asm *a, const struct ik_sel_panic_chunk *c);

/* 1 if chunk c continues the message being assembled (same slave, next sequence number,
 * and the message has not ended with a short chunk), else 0. */
int ik_sel_panic_continues(const struct ik_sel_panic_asm *a, const struct ik_sel_panic_chunk *c);

#ifdef __cplusplus
}
#endif
#endif
