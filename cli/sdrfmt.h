/*
 * SDR text and JSON in ipmitool's shapes, shared by `ipmikit sdr decode` (offline) and the
 * live `sdr list/elist` commands.
 *
 * Each function takes one decoded record and, optionally, what the BMC said about the
 * sensor right now (struct ik_sdrfmt_reading). With no reading the text is exactly what
 * ipmitool 1.8.19 prints for a sensor whose Get Sensor Reading fails: "No Reading", status
 * "ns" / "Not Available", and no event status or enable lines. Output goes to a FILE (use
 * fmemopen/open_memstream for a buffer).
 */
#ifndef IK_CLI_SDRFMT_H
#define IK_CLI_SDRFMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "ipmikit/sdr.h"

/* What a live BMC reported for one sensor (IPMI 2.0 section 35). */
struct ik_sdrfmt_reading {
    int have;                /* Get Sensor Reading answered with cc 00h and at least 2 data bytes */
    uint8_t raw;             /* data byte 1: the reading */
    uint8_t flags;           /* data byte 2: [7] event messages enabled, [6] scanning enabled,
                                [5] reading/state unavailable */
    uint8_t state1;          /* data byte 3 (0 if absent): threshold comparisons / states 0-7 */
    uint8_t state2;          /* data byte 4 (0 if absent): states 8-14 */
    size_t event_status_len; /* Get Sensor Event Status data bytes (0 = not available) */
    uint8_t event_status[5];
    size_t event_enable_len; /* Get Sensor Event Enable data bytes (0 = not available) */
    uint8_t event_enable[5];
    /* Get Sensor Reading Factors for a non-linear sensor (linearization 70h-7Fh), taken as
     * linear factors for this reading; NULL when not read. Without it such a sensor shows
     * "No Reading", as with ipmitool. */
    const struct ik_sdr_conv *factors;
};

struct ik_sdrfmt_opts {
    /* Name of discrete state `offset` (0-14) for a sensor type and event/reading type
     * (generic table for 01h-0Ch, sensor-specific for 6Fh), or NULL. Used only for live
     * discrete readings and event masks; NULL pointer = states are not named. */
    const char *(*state_name)(uint8_t sensor_type, uint8_t event_type, unsigned offset);
};

/* One line as `ipmitool sdr elist all` prints it (name | number | status | entity | reading).
 * Record types ipmitool skips (08h, 09h, 13h, 14h, C0h, unknown) get a line of the same
 * shape: see docs/sdr.md. */
void ik_sdrfmt_elist(FILE *out, const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd,
                     const struct ik_sdrfmt_opts *o);

/* One line as `ipmitool sdr list all` prints it (name | reading | status). */
void ik_sdrfmt_list(FILE *out, const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd,
                    const struct ik_sdrfmt_opts *o);

/* The block `ipmitool sdr elist all -v` prints for the record, ending with a blank line.
 * Types ipmitool prints nothing for get a block that starts "SDR Record Type        :". */
void ik_sdrfmt_verbose(FILE *out, const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd,
                       const struct ik_sdrfmt_opts *o);

/* One line of `ipmitool sensor list` for a full or compact sensor; thr/thr_len is the Get
 * Sensor Thresholds data (NULL or shorter than 7 bytes: thresholds "na"). */
void ik_sdrfmt_sensor_line(FILE *out, const struct ik_sdr_record *r,
                           const struct ik_sdrfmt_reading *rd, const uint8_t *thr, size_t thr_len);

/* The block `ipmitool sensor get` prints (other record types: the `sdr -v` block). Returns
 * -1 when the sensor gave no reading (ipmitool's exit status 1), else 0. */
int ik_sdrfmt_sensor_get(FILE *out, const struct ik_sdr_record *r,
                         const struct ik_sdrfmt_reading *rd, const uint8_t *thr, size_t thr_len,
                         const struct ik_sdrfmt_opts *o);

/* `ipmitool sensor reading` value text for a full analog sensor with a reading, else NULL. */
const char *ik_sdrfmt_sensor_value(const struct ik_sdr_record *r,
                                   const struct ik_sdrfmt_reading *rd, char *buf, size_t cap);

/* Every decoded field under spec names, with converted values (docs/json/sdr.md). Returns a
 * new object, or NULL when out of memory. */
json_t *ik_sdrfmt_json(const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd);

/* The units text ipmitool shows after a reading: "degrees C", "% Volts", "percent",
 * "RPM*Volts", "Watts/hour" (the rate unit is not shown, as in ipmitool). */
void ik_sdrfmt_units(const struct ik_sdr_units *u, char *buf, size_t cap);

/* "Name (0xNN)" style lookups with ipmitool's fallbacks: entity "Unknown (0xNN)", sensor
 * type "Unknown". */
const char *ik_sdrfmt_entity(uint8_t id, char *buf, size_t cap);
const char *ik_sdrfmt_sensor_type(uint8_t type);

#endif
