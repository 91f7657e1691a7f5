/*
 * NetFn Sensor/Event (04h) command payloads: the request and response data (after the
 * completion code) of the Sensor/Event commands that bmcd answers and the CLI and host
 * agents send (IPMI 2.0 sections 29 and 35). One codec per payload, shared by both ends:
 * bmc/ encodes responses and decodes requests, cli/ and host/ do the reverse.
 *
 * Raw readings and thresholds stay raw bytes here: converting them needs the sensor's SDR
 * (lib/sdr_conv.c).
 */
#ifndef IK_MSG_SE_H
#define IK_MSG_SE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

/* ---- Platform Event Message (cmd 02h, section 29.3) request ---------------------------- */

/* Without the generator ID (IPMB, LAN: the requester is the generator): 5-7 bytes. */
#define IK_EVENT_MSG_MIN 5
#define IK_EVENT_MSG_MAX 7
/* From the system interface, the generator ID comes first: 6-8 bytes. */
#define IK_EVENT_MSG_SYSIF_MIN 6
#define IK_EVENT_MSG_SYSIF_MAX 8

struct ik_event_msg {
    bool has_generator; /* system interface form */
    uint8_t generator;  /* generator ID: [7:1] software ID, [0] 1b (e.g. 41h, Linux kernel) */
    uint8_t evm_rev;    /* 04h IPMI 1.5/2.0, 03h IPMI 1.0; others reported as is */
    uint8_t sensor_type;
    uint8_t sensor_num;
    bool deassertion;   /* event direction */
    uint8_t event_type; /* event/reading type code, 0-127 */
    uint8_t data_len;   /* event data bytes present, 1-3 */
    uint8_t data[3];    /* event data 1-3; bytes past data_len are 0 */
};

/* Without the generator ID: 5-7 bytes. */
int ik_event_msg_decode(const uint8_t *buf, size_t len, struct ik_event_msg *out);
/* With the generator ID (system interface): 6-8 bytes. */
int ik_event_msg_sysif_decode(const uint8_t *buf, size_t len, struct ik_event_msg *out);
/* Writes the generator ID if has_generator. event_type > 127 or data_len outside 1-3 is
 * IK_E_RANGE. */
int ik_event_msg_encode(const struct ik_event_msg *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Get Sensor Reading (cmd 2Dh, section 35.14) response ------------------------------ */

#define IK_SENSOR_READING_MIN 2 /* reading and flags */
#define IK_SENSOR_READING_MAX 4 /* and both state bytes */

struct ik_sensor_reading {
    uint8_t reading; /* raw; meaningless when unavailable */
    bool events_enabled;
    bool scanning_enabled;
    bool unavailable;    /* reading/state unavailable (e.g. the sensor is initialising) */
    uint8_t state_bytes; /* how many of the two optional state bytes came, 0-2 */
    /* Byte 3 in bits 7:0, byte 4 in bits 15:8, as sent. Threshold sensors: IK_SDR_LNC..
     * comparison bits in 5:0; discrete sensors: states 0-14 (bit 15 reserved). */
    uint16_t states;
};

/* 2, 3 or 4 bytes. */
int ik_sensor_reading_decode(const uint8_t *buf, size_t len, struct ik_sensor_reading *out);
/* state_bytes > 2 is IK_E_RANGE; with state_bytes 1, states above FFh too. */
int ik_sensor_reading_encode(const struct ik_sensor_reading *in, uint8_t *buf, size_t cap,
                             size_t *written);

/* ---- Get Sensor Reading Factors (cmd 23h, section 35.5) -------------------------------- */

#define IK_READING_FACTORS_REQ_LEN 2
#define IK_READING_FACTORS_LEN     7

struct ik_reading_factors_req {
    uint8_t sensor_num;
    uint8_t reading; /* the raw reading the factors are wanted for */
};

/* The conversion factors of a full sensor record (table 43-1 bytes 25-30). */
struct ik_reading_factors {
    uint8_t next_reading; /* the next reading with different factors (FFh: linear) */
    int16_t m;            /* 10-bit 2's complement */
    uint8_t tolerance;    /* 6 bits */
    int16_t b;            /* 10-bit 2's complement */
    uint16_t accuracy;    /* 10 bits */
    uint8_t accuracy_exp; /* 2 bits */
    uint8_t direction;    /* byte 6 [1:0]: reserved here, the SDR's sensor direction there */
    int8_t r_exp;         /* K2, 4-bit 2's complement */
    int8_t b_exp;         /* K1, 4-bit 2's complement */
};

/* Exactly 2 bytes. */
int ik_reading_factors_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_reading_factors_req *out);
int ik_reading_factors_req_encode(const struct ik_reading_factors_req *in, uint8_t *buf, size_t cap,
                                  size_t *written);
/* Exactly 7 bytes. */
int ik_reading_factors_decode(const uint8_t *buf, size_t len, struct ik_reading_factors *out);
/* A field outside its bits (m, b -512..511; r_exp, b_exp -8..7; ...) is IK_E_RANGE. */
int ik_reading_factors_encode(const struct ik_reading_factors *in, uint8_t *buf, size_t cap,
                              size_t *written);

/* ---- Get/Set Sensor Thresholds (cmds 27h/26h, sections 35.9/35.8) ---------------------- */

#define IK_THRESHOLDS_LEN     7 /* Get response: mask and six thresholds */
#define IK_THRESHOLDS_SET_LEN 8 /* Set request: sensor, mask and six thresholds */

/* Mask bits and thr[] indices follow enum ik_sdr_thr: 0 LNC, 1 LCR, 2 LNR, 3 UNC, 4 UCR,
 * 5 UNR. */
struct ik_thresholds {
    uint8_t mask;   /* readable thresholds, [5:0] */
    uint8_t thr[6]; /* raw; those not in the mask are 00h */
};

struct ik_thresholds_set_req {
    uint8_t sensor_num;
    uint8_t mask;   /* thresholds to set, [5:0] */
    uint8_t thr[6]; /* raw; those not in the mask are ignored */
};

/* Exactly 7 bytes; reserved mask bits [7:6] are dropped. */
int ik_thresholds_decode(const uint8_t *buf, size_t len, struct ik_thresholds *out);
/* mask > 3Fh is IK_E_RANGE. */
int ik_thresholds_encode(const struct ik_thresholds *in, uint8_t *buf, size_t cap, size_t *written);
/* Exactly 8 bytes; reserved mask bits [7:6] set is IK_E_BADFIELD. */
int ik_thresholds_set_req_decode(const uint8_t *buf, size_t len, struct ik_thresholds_set_req *out);
/* mask > 3Fh is IK_E_RANGE. */
int ik_thresholds_set_req_encode(const struct ik_thresholds_set_req *in, uint8_t *buf, size_t cap,
                                 size_t *written);

/* ---- Set/Get Event Receiver (cmds 00h/01h, sections 29.1/29.2) ------------------------- */

#define IK_EVENT_RECEIVER_LEN 2

/* The Set request and the Get response have the same layout. */
struct ik_event_receiver {
    uint8_t addr; /* 8-bit slave address ([0] 0b); FFh: event message generation disabled */
    uint8_t lun;  /* 0-3 */
};

/* Exactly 2 bytes; address bit 0 (unless FFh) and LUN bits [7:2] are reserved, dropped. */
int ik_event_receiver_decode(const uint8_t *buf, size_t len, struct ik_event_receiver *out);
/* An odd address other than FFh, or lun > 3, is IK_E_RANGE. */
int ik_event_receiver_encode(const struct ik_event_receiver *in, uint8_t *buf, size_t cap,
                             size_t *written);

/* ---- Set/Get Sensor Hysteresis (cmds 24h/25h, sections 35.6/35.7) ---------------------- */

#define IK_HYSTERESIS_LEN     2 /* Get response: positive, negative */
#define IK_HYSTERESIS_SET_LEN 4 /* Set request: sensor, reserved mask, positive, negative */

struct ik_hysteresis {
    uint8_t positive; /* raw counts */
    uint8_t negative;
};

struct ik_hysteresis_set_req {
    uint8_t sensor_num;
    struct ik_hysteresis hyst;
};

/* Exactly 2 bytes. */
int ik_hysteresis_decode(const uint8_t *buf, size_t len, struct ik_hysteresis *out);
int ik_hysteresis_encode(const struct ik_hysteresis *in, uint8_t *buf, size_t cap, size_t *written);
/* Exactly 4 bytes; the reserved mask byte is ignored (and written as FFh). */
int ik_hysteresis_set_req_decode(const uint8_t *buf, size_t len, struct ik_hysteresis_set_req *out);
int ik_hysteresis_set_req_encode(const struct ik_hysteresis_set_req *in, uint8_t *buf, size_t cap,
                                 size_t *written);

/* ---- Sensor event enables and status (cmds 28h/29h/2Bh, sections 35.10, 35.11, 35.13) -- */

/* Set Sensor Event Enable request: 2-6 bytes. */
#define IK_EVENT_ENABLE_SET_MIN 2
#define IK_EVENT_ENABLE_SET_MAX 6
/* Get Sensor Event Enable and Get Sensor Event Status responses: 1-5 bytes. */
#define IK_EVENT_BITS_MIN 1
#define IK_EVENT_BITS_MAX 5

/* Set Sensor Event Enable: what to do with the selected event bits ([5:4]). */
#define IK_EVENT_ENABLE_KEEP    0 /* leave the individual enables alone */
#define IK_EVENT_ENABLE_SELECT  1 /* enable the selected events */
#define IK_EVENT_ENABLE_DISABLE 2 /* disable the selected events */

/*
 * The flags and the assertion / deassertion event masks (bits 0-14 as the sensor's offsets,
 * bit 15 reserved) of the Get Sensor Event Enable and Get Sensor Event Status responses.
 * The masks are optional, and a responder may cut them after any byte: mask_bytes says how
 * many came (0-4: assertion LS, MS, deassertion LS, MS); absent bits are 0.
 */
struct ik_event_bits {
    bool events_enabled;   /* event messages enabled from this sensor */
    bool scanning_enabled; /* sensor scanning enabled */
    bool unavailable;      /* Get Sensor Event Status only: reading/state unavailable */
    uint8_t mask_bytes;
    uint16_t assertion;   /* enabled (Enable) or asserted (Status) events */
    uint16_t deassertion; /* enabled (Enable) or deasserted since re-arm (Status) */
};

struct ik_event_enable_set_req {
    uint8_t sensor_num;
    bool events_enabled;
    bool scanning_enabled;
    uint8_t op;         /* IK_EVENT_ENABLE_*, 3 reserved (reported as is) */
    uint8_t mask_bytes; /* 0-4, as in struct ik_event_bits */
    uint16_t assertion;
    uint16_t deassertion;
};

/* Get Sensor Event Enable response: 1-5 bytes; reserved flag bits [5:0] are dropped. */
int ik_event_enable_decode(const uint8_t *buf, size_t len, struct ik_event_bits *out);
/* Get Sensor Event Status response: 1-5 bytes; reserved flag bits [4:0] are dropped. */
int ik_event_status_decode(const uint8_t *buf, size_t len, struct ik_event_bits *out);
/* Either response (unavailable is written only for Event Status: false for Enable). Masks
 * wider than mask_bytes carry, or mask_bytes > 4, are IK_E_RANGE. */
int ik_event_bits_encode(const struct ik_event_bits *in, uint8_t *buf, size_t cap, size_t *written);
/* 2-6 bytes; reserved bits [3:0] of byte 2 are dropped. */
int ik_event_enable_set_req_decode(const uint8_t *buf, size_t len,
                                   struct ik_event_enable_set_req *out);
/* op > 3, mask_bytes > 4, or masks wider than mask_bytes carry are IK_E_RANGE. */
int ik_event_enable_set_req_encode(const struct ik_event_enable_set_req *in, uint8_t *buf,
                                   size_t cap, size_t *written);

#endif
