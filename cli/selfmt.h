/*
 * Text and JSON for SEL records, shared by `ipmikit sel decode` and the live `sel list /
 * elist / get` commands: ipmitool's exact line shapes (so scripts that parse ipmitool keep
 * working), a verbose form that adds the full interpretation, and one JSON object per
 * record (docs/json/sel.md).
 *
 * Formatting never allocates except in ik_selfmt_json. Every function writes into the
 * caller's buffer, never past cap, always NUL-terminated.
 *
 * Sensor names and readings come from an optional lookup hook (the SDR repository in the
 * live commands, `--sdr FILE` offline): without it, sensors print the way ipmitool prints
 * them when it has no SDR, "Temperature #0x30".
 */
#ifndef IK_CLI_SELFMT_H
#define IK_CLI_SELFMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "ipmikit/sel.h"

/* Buffer sizes that always hold one record's output. */
#define IK_SELFMT_LINE_MAX       512
#define IK_SELFMT_VERBOSE_MAX    4096
#define IK_SELFMT_PANIC_LINE_MAX (IK_SEL_PANIC_MAX + 64)

/* What an SDR knows about the sensor that generated an event. */
struct ik_selfmt_sensor {
    const char *name; /* the SDR's ID string (at most 16 characters are used) */
    /* Full sensor records only (else convert = NULL): raw reading -> value in unit. */
    double (*convert)(const void *sdr, uint8_t raw);
    const void *sdr;
    const char *unit; /* ipmitool's unit string, e.g. "degrees C" */
};

/* Return 1 and fill *out when the sensor (generator ev->gen_id, number ev->sensor_num,
 * type ev->sensor_type) is known, else 0. */
typedef int (*ik_selfmt_lookup_fn)(void *ctx, const struct ik_sel_event *ev,
                                   struct ik_selfmt_sensor *out);

struct ik_selfmt {
    ik_selfmt_lookup_fn lookup; /* NULL: no SDR */
    void *lookup_ctx;
    int utc; /* 1: times in UTC (ipmitool -Z); 0: local time like ipmitool */
    /* local-time cache: the UTC offset of the current UTC day when it is the same at both
     * ends of the day (no zone change that day), else the last 15-minute slot */
    int64_t day;
    int day_valid, day_uniform;
    long day_off;
    char day_zone[16];
    int64_t slot;
    int slot_valid;
    int slot_min, slot_sec, slot_hour, slot_mday, slot_mon, slot_year;
    char slot_zone[16];
};

void ik_selfmt_init(struct ik_selfmt *f);

/* ipmitool's description of the event ("Lower Critical going low ", "Correctable ECC"),
 * with its quirks, or NULL where ipmitool prints nothing. */
const char *ik_selfmt_description(const struct ik_sel_event *ev);

/* ipmitool's sensor type name: "Temperature", "reserved" for 00h, "Unknown" above 2Ch. */
const char *ik_selfmt_sensor_type(uint8_t sensor_type);

/* One `ipmitool sel elist` line, with its trailing newline. Returns the length. */
size_t ik_selfmt_elist(struct ik_selfmt *f, const struct ik_sel_record *r, char *buf, size_t cap);

/*
 * Linux panic messages (seed 002: OEM F0h records, 11 characters each) across a run of
 * records. Feed every record in order with the record after it (NULL at the end): the
 * return value is the whole message when r is its last chunk, else NULL.
 */
struct ik_selfmt_panic {
    struct ik_sel_panic_asm a;
    uint16_t first_id; /* record ID of chunk 0 */
};

void ik_selfmt_panic_init(struct ik_selfmt_panic *p);
const char *ik_selfmt_panic_next(struct ik_selfmt_panic *p, const struct ik_sel_record *r,
                                 const struct ik_sel_record *next);

/*
 * The one line ipmikit's elist adds after a panic message that spans two or more records
 * (ipmitool prints only the 11-character pieces):
 *   "   3-9 | Linux kernel panic message: <the whole text>\n"
 * r is the message's last chunk. Returns 0 (writes nothing) for a one-record message.
 */
size_t ik_selfmt_panic_line(const struct ik_selfmt_panic *p, const struct ik_sel_record *r,
                            char *buf, size_t cap);

/*
 * The `ipmitool sel get` block for the record, then the fuller interpretation (lines
 * ipmitool does not print), then a blank line. panic_message, when not NULL, is the
 * reassembled Linux panic string ending at this record. Returns the length.
 */
size_t ik_selfmt_verbose(struct ik_selfmt *f, const struct ik_sel_record *r,
                         const char *panic_message, char *buf, size_t cap);

/* The record as a JSON object (docs/json/sel.md); NULL only when out of memory. */
json_t *ik_selfmt_json(struct ik_selfmt *f, const struct ik_sel_record *r,
                       const char *panic_message);

/* Convenience wrappers writing to a FILE; return 0 or -1 on a write error. */
int ik_selfmt_elist_fp(struct ik_selfmt *f, const struct ik_sel_record *r, FILE *fp);
int ik_selfmt_verbose_fp(struct ik_selfmt *f, const struct ik_sel_record *r,
                         const char *panic_message, FILE *fp);

#endif
