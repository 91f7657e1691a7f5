/*
 * The sensor model inside the engine: each described sensor's live state, how it moves
 * on the virtual clock and how its event states are evaluated. Shared by bmc/sensors.c
 * (model and evaluation), bmc/sensor_event.c (the NetFn 04h commands) and
 * bmc/storage_sdr.c (records generated from the same description).
 *
 * Readings. Every scan (once a second, and at once when the chassis power changes) each
 * sensor whose scanning is enabled takes its model's value at that time: threshold
 * sensors convert it to a raw reading with their conversion factors (the SDR's M, B, K1,
 * K2, so a client converting back gets the value to within a step); discrete sensors
 * take it as a state mask. A sensor tied to power reads "unavailable" (or a fixed
 * value) while the chassis is off, and its model's clock starts again at power-on.
 * Set Sensor Reading and Event Status pins a sensor: it keeps the injected reading and
 * states and stops following its model until a Set Sensor Reading that changes nothing
 * (every operation 00b) releases it (an ipmikit extension).
 *
 * Threshold states, with hysteresis (IPMI 2.0 sections 36.3-36.5): an upper threshold is
 * "exceeded" when the reading is at or above it and stays so until the reading falls
 * below threshold - positive-going hysteresis; a lower one when the reading is at or
 * below it, until it rises above threshold + negative-going hysteresis. Comparisons use
 * the converted values, so signed formats and negative M behave. Exceeding asserts the
 * threshold's main event (lower: going low, upper: going high) and deasserts the opposite
 * one; returning does the reverse. Get Sensor Reading's comparison bits are the exceeded
 * states. Each transition of an enabled event is logged to the SEL with
 *   event data 1 = 50h | offset (trigger reading in data 2, threshold in data 3)
 *   event data 2 = raw reading, event data 3 = raw threshold.
 * Discrete sensors log each state that changes (assertion or deassertion, per the enables)
 * with event data 1 = offset and data 2/3 unspecified (FFh), unless the injection gave
 * event data. A sensor without auto re-arm keeps an asserted event until Re-arm Sensor
 * Events.
 *
 * The first scan after the BMC starts sets every state without logging: the events of a
 * condition that was present before a restart are already in the SEL.
 */
#ifndef IK_BMC_SENSORS_H
#define IK_BMC_SENSORS_H

#include <stdint.h>

#include "bmc_int.h"
#include "ipmikit/sdr.h"

#define IK_SENSOR_SCAN_US (1000 * IK_US_PER_MS)

struct ik_sensor {
    const struct ik_msensor *d; /* the description (borrowed from the machine) */
    struct ik_sdr_conv conv;    /* threshold sensors: raw <-> units */
    uint8_t threshold;          /* event/reading type 01h */
    uint8_t raw;                /* current reading */
    uint8_t unavailable;
    uint8_t thr[6];             /* raw thresholds, LNC LCR LNR UNC UCR UNR */
    uint8_t hyst_pos, hyst_neg; /* raw hysteresis */
    uint8_t exceeded;           /* threshold i exceeded (bits as thr[]) */
    uint16_t states;            /* discrete: states; threshold: asserted event bits */
    uint16_t deasserted;        /* deassertion event status (since the last re-arm) */
    uint16_t assert_en, deassert_en;
    uint8_t events_enabled, scanning_enabled;
    uint8_t pinned;
    int32_t model_last; /* discrete: last mask the model gave (-1 = none yet) */
};

/* The conversion of a described threshold sensor (given factors or derived from
 * min/max/resolution). 0, or IK_E_RANGE / IK_E_INVAL when the factors cannot be made. */
int ik_sensor_conv(const struct ik_msensor *d, struct ik_sdr_conv *out);

/* A described value in units to a raw reading, clamped to the format's range. */
uint8_t ik_sensor_to_raw(const struct ik_sdr_conv *c, double v);

/* The model's value at t seconds since its clock started. */
double ik_mvalue_at(const struct ik_mvalue *m, double t, uint32_t seed);

/* The SDR of a described sensor (full, compact or event-only), thresholds and hysteresis
 * from the description. 0 or IK_E_*. */
int ik_sensor_sdr(const struct ik_msensor *d, uint16_t record_id, struct ik_sdr_record *out);

/* The live sensor with this number, or NULL. */
struct ik_sensor *ik_sensor_get(struct ik_bmc *bmc, uint8_t number);

/* Re-evaluate a threshold sensor's states against its reading (after a new reading or new
 * thresholds), logging the transitions when `events`. */
void ik_sensor_eval_thresholds(struct ik_bmc *bmc, struct ik_sensor *s, int events);

/* Move a discrete sensor to `states`, logging each changed state when `events`. ed, when
 * not NULL, is the event data to log (ed_op 1: as given; 2: offset from the state). */
void ik_sensor_set_states(struct ik_bmc *bmc, struct ik_sensor *s, uint16_t states, int events,
                          const uint8_t *ed, int ed_op);

/* Log one event of a sensor (the generator is this BMC, LUN 0), if its event messages
 * and the event receiver allow. */
void ik_sensor_event(struct ik_bmc *bmc, struct ik_sensor *s, int deassert, uint8_t ed1,
                     uint8_t ed2, uint8_t ed3);

/* Store a sensor's thresholds and hysteresis ("sensor/<number>"). */
int ik_sensor_save(struct ik_bmc *bmc, const struct ik_sensor *s);

/* Re-arm: forget the selected event states (all when both masks are FFFFh) and evaluate
 * again, so a condition still present is logged again. */
void ik_sensor_rearm(struct ik_bmc *bmc, struct ik_sensor *s, uint16_t assert_sel,
                     uint16_t deassert_sel);

/* Module hooks (the module itself, with its commands, is in sensor_event.c). */
int ik_sensors_init(struct ik_bmc *bmc);
int ik_sensors_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len);
int ik_sensors_start(struct ik_bmc *bmc);
ik_time_us ik_sensors_tick(struct ik_bmc *bmc, ik_time_us now);
void ik_sensors_fini(struct ik_bmc *bmc);

#endif
