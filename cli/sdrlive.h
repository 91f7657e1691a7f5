/*
 * Live sensor data for the SDR, sensor and SEL commands: reading a sensor (Get Sensor
 * Reading, Event Status, Event Enable, Reading Factors for non-linear sensors), discrete
 * state names for the SDR formatter, and the SEL formatter's sensor lookup over an SDR
 * repository.
 */
#ifndef IK_CLI_SDRLIVE_H
#define IK_CLI_SDRLIVE_H

#include <stdint.h>

#include "cli.h"
#include "sdrcache.h"
#include "sdrfmt.h"
#include "selfmt.h"

#include "ipmikit/sdr.h"

/* The sensor view of a full, compact or event-only record (NULL for other types). */
struct ik_sensor_id {
    uint8_t owner, lun, number, sensor_type, event_type;
    uint8_t entity_id, entity_instance;
    const struct ik_sdr_id *id;
    const struct ik_sdr_sensor *s; /* full and compact only */
    const struct ik_sdr_full *full;
};
int ik_sensor_of(const struct ik_sdr_record *r, struct ik_sensor_id *out);

/*
 * Ask the BMC about the sensor a record describes: Get Sensor Reading always, Get Sensor
 * Event Status and Event Enable when events is set, Get Sensor Reading Factors for a
 * non-linear full sensor (into *factors, which rd then points to). A sensor the BMC does
 * not own directly (another owner or LUN) gets no reading: bridging is not supported.
 * Fills *rd (rd->have = 0 when the reading failed, as ipmitool shows it). Returns -1 only
 * when the transport failed (printed); a refused or short answer is "no reading".
 */
int ik_sensor_read(struct ik_cli *cli, const struct ik_sdr_record *r, int events,
                   struct ik_sdrfmt_reading *rd, struct ik_sdr_conv *factors);

/* Get Sensor Thresholds for a threshold sensor the BMC owns (cli/sensor.c): the data length
 * (7), 0 when unavailable, -1 on a transport failure (printed). */
int ik_sensor_thresholds(struct ik_cli *cli, const struct ik_sdr_record *r, uint8_t thr[8]);

/* The formatter options with discrete state names from ik_sel_offset_name(). */
void ik_sdrfmt_live_opts(struct ik_sdrfmt_opts *o);

/* A SEL formatter lookup over repo: names, conversion and units of the event's sensor. */
struct ik_sel_lookup {
    const struct ik_sdr_repo *repo;
    char unit[48];
};
void ik_selfmt_use_repo(struct ik_selfmt *f, struct ik_sel_lookup *ctx,
                        const struct ik_sdr_repo *repo);

#endif
