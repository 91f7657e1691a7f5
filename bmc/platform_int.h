/*
 * Inside the engine's platform modules: the state each keeps in struct ik_bmc and the few
 * calls they make into each other. Included by bmc_int.h; only engine files see it.
 *
 *   sel       bmc/storage_sel.c      SEL records, reservation, time, durable through the store
 *   sdr       bmc/storage_sdr.c      SDR repository generated from the description
 *   fru       bmc/storage_fru.c      FRU inventory areas
 *   sensors   bmc/sensors.c          readings, thresholds, event states (+ sensor_event.c)
 *   chassis   bmc/chassis.c          power state machine, boot options, identify, POH
 *   wdt       bmc/app_watchdog.c     BMC watchdog timer
 *
 * Cross-module flow: sensors, the watchdog and Platform Event Message log events through
 * ik_sel_log_event(); the watchdog acts through ik_chassis_action(); a power change calls
 * ik_sensors_power_changed() so readings follow the chassis at once.
 */
#ifndef IK_BMC_PLATFORM_INT_H
#define IK_BMC_PLATFORM_INT_H

#include <stddef.h>
#include <stdint.h>

#include "machine.h"
#include "sm.h"

struct ik_bmc;

/* Generator ID of events the BMC logs itself: slave address 20h, LUN 0, channel 0. */
#define IK_BMC_GEN_ID 0x0020
/* Event message revision of IPMI 1.5 / 2.0 events. */
#define IK_EVM_REV 0x04

/* ---- SEL ------------------------------------------------------------------------------ */

struct ik_bmc_sel {
    uint8_t (*rec)[16];        /* records in ascending record ID order */
    uint32_t n;                /* records held */
    uint32_t alloc;            /* allocated slots (grows to cap) */
    uint32_t cap;              /* capacity (from the description) */
    uint16_t next_id;          /* next record ID to try (0001h-FFFEh) */
    uint16_t stored_next;      /* next_id as last written to the store */
    uint16_t resv;             /* current reservation ID (0 = none) */
    uint16_t resv_seq;         /* last reservation ID handed out */
    uint32_t add_ts, erase_ts; /* FFFFFFFFh = never */
    uint8_t overflow;          /* an event was dropped for lack of space */
    uint8_t almost_logged;     /* "almost full" was logged since the last clear */
    int64_t time_offset;       /* SEL time = engine wall clock + this (Set SEL Time) */
    int16_t utc_offset;        /* minutes, or 07FFh = unspecified */
    ik_time_us erase_until;    /* erase in progress until this time (0 = none) */
    uint8_t erase_log_pending; /* log "log area cleared" when the erase ends */
    uint8_t fresh;             /* no SEL state in the store: load the initial entries */
    /* Partial Add SEL Entry in progress. */
    uint8_t pa_active, pa_len;
    uint16_t pa_id;
    uint8_t pa_buf[16];
    uint8_t log_sensor; /* sensor number of the event-logging-disabled sensor */
    uint8_t has_log_sensor;
    uint64_t store_errors;
};

/* Log a system event record from the BMC or a sensor (gen_id as ik_sel_gen_id() builds
 * it). 0 and *id, or IK_E_LIMIT (full: overflow flag set), IK_E_BUSY (erase in progress),
 * IK_E_DISABLED (event logging disabled by BMC Global Enables), IK_E_IO (store failed). */
int ik_sel_log_event(struct ik_bmc *bmc, uint16_t gen_id, uint8_t evm_rev, uint8_t sensor_type,
                     uint8_t sensor_num, uint8_t dir_type, const uint8_t data[3], uint16_t *id);
/* The SEL clock: Unix seconds (engine wall clock plus the Set SEL Time offset). */
uint32_t ik_sel_now(struct ik_bmc *bmc);

/* ---- SDR repository ------------------------------------------------------------------ */

struct ik_bmc_sdr_rec {
    uint16_t id;
    uint16_t off; /* into blob */
    uint16_t len;
    uint8_t type;
};

struct ik_bmc_sdr {
    uint8_t *blob; /* every record's bytes, back to back */
    size_t blob_len;
    struct ik_bmc_sdr_rec *recs;
    size_t n;
    uint16_t resv, dev_resv;
    uint32_t add_ts;
};

/* ---- FRU ------------------------------------------------------------------------------ */

struct ik_bmc_fru_dev {
    uint8_t id;
    uint8_t write_protect;
    uint16_t size;
    uint8_t *data;
};

struct ik_bmc_fru {
    struct ik_bmc_fru_dev *dev;
    size_t n;
};

/* ---- sensors -------------------------------------------------------------------------- */

struct ik_sensor;
struct ik_bmc_sensors {
    struct ik_sensor *s;
    size_t n;
    int16_t by_number[256]; /* index into s, -1 = no such sensor */
    ik_time_us next_scan;
    uint8_t receiver_addr; /* event receiver (Set Event Receiver): FFh = disabled */
    uint8_t receiver_lun;
    ik_time_us started; /* model clock origin for sensors not tied to power */
};

/* Bring readings and event states up to `now` (runs the scan if it is due). */
void ik_sensors_catch_up(struct ik_bmc *bmc);
/* The chassis changed power: rescan at once. */
void ik_sensors_power_changed(struct ik_bmc *bmc);
/* 1 if a sensor of the type has discrete state `offset` asserted. */
int ik_sensors_state_asserted(struct ik_bmc *bmc, uint8_t sensor_type, uint8_t offset);
/* 1 if a threshold sensor of the type has a critical or worse threshold asserted. */
int ik_sensors_critical(struct ik_bmc *bmc, uint8_t sensor_type);
/* Record an event state on a discrete sensor (the watchdog, the SEL's log sensor) without
 * generating an event: the caller logs the event it describes. */
void ik_sensors_note_state(struct ik_bmc *bmc, uint8_t number, uint8_t offset);
/* Number of the first described sensor of a type; -1 if none. */
int ik_sensors_find_type(struct ik_bmc *bmc, uint8_t sensor_type);

/* ---- chassis -------------------------------------------------------------------------- */

/* Restart causes (Get System Restart Cause, table 28-11). */
enum ik_restart_cause {
    IK_CAUSE_UNKNOWN = 0x0,
    IK_CAUSE_CHASSIS_CMD = 0x1,
    IK_CAUSE_RESET_BUTTON = 0x2,
    IK_CAUSE_POWER_BUTTON = 0x3,
    IK_CAUSE_WATCHDOG = 0x4,
    IK_CAUSE_OEM = 0x5,
    IK_CAUSE_ALWAYS_ON = 0x6,
    IK_CAUSE_PREVIOUS = 0x7,
    IK_CAUSE_PEF_RESET = 0x8,
    IK_CAUSE_PEF_CYCLE = 0x9,
    IK_CAUSE_SOFT_RESET = 0xA,
    IK_CAUSE_RTC = 0xB,
};

/* Where the power state machine is. */
enum ik_chassis_phase {
    IK_PH_STEADY = 0, /* nothing pending */
    IK_PH_TO_ON,      /* powering up: on at `at` */
    IK_PH_TO_OFF,     /* powering down (or soft shutdown): off at `at` */
    IK_PH_CYCLE_OFF,  /* power cycle: off at `at`, then TO_ON after the off interval */
    IK_PH_CYCLE_WAIT, /* power cycle: off, back on at `at` */
    IK_PH_RESET,      /* held in reset until `at` */
};

#define IK_BOOT_MAILBOX_BLOCKS 5

struct ik_bmc_chassis {
    uint8_t on;    /* power as reported (Get Chassis Status byte 1 bit 0) */
    uint8_t phase; /* enum ik_chassis_phase */
    ik_time_us at; /* when the phase ends */
    uint8_t pending_cause;
    uint8_t pending_chan;
    uint8_t policy;
    uint8_t last_event;    /* Get Chassis Status byte 2 */
    uint8_t restart_cause; /* enum ik_restart_cause */
    uint8_t restart_chan;
    ik_time_us on_since;  /* model clock origin of power-tied sensors */
    uint64_t poh_minutes; /* powered minutes before on_since */
    ik_time_us poh_saved_at;
    ik_time_us identify_until; /* 0 = off */
    uint8_t identify_forced;
    uint8_t acpi_sys, acpi_dev;
    /* System boot options (parameters 0-7). */
    uint8_t boot_in_progress;
    uint8_t boot_invalid; /* bit n: parameter n marked invalid/locked */
    uint8_t svc_partition_sel, svc_partition_scan;
    uint8_t valid_clear;
    uint8_t boot_ack[2];
    uint8_t boot_flags[5];
    uint8_t initiator[9];
    uint8_t mailbox[IK_BOOT_MAILBOX_BLOCKS][16];
    ik_time_us boot_valid_at; /* when the valid bit was set (60 s auto-clear) */
};

/* Start a power action (enum ik_mpower_action) for `cause`; runs the power hook. Returns
 * 0, or IK_E_STATE when the action makes no sense in the present state (the caller
 * answers D5h). `chan` is the channel of the request (restart cause). */
int ik_chassis_action(struct ik_bmc *bmc, int action, uint8_t cause, uint8_t chan);
/* 1 while the system is powered (as Get Chassis Status reports). */
int ik_chassis_powered(struct ik_bmc *bmc);
/* When the system last came on (model clock of power-tied sensors). */
ik_time_us ik_chassis_on_since(struct ik_bmc *bmc);
void ik_chassis_catch_up(struct ik_bmc *bmc);

/* ---- watchdog ------------------------------------------------------------------------- */

struct ik_bmc_wdt {
    uint8_t use;     /* byte 1 of Set Watchdog Timer: [7] don't log, [2:0] timer use */
    uint8_t actions; /* byte 2: [6:4] pre-timeout interrupt, [2:0] timeout action */
    uint8_t pretimeout_s;
    uint8_t expired;  /* timer use expiration flags, [5:1] */
    uint16_t initial; /* countdown in 100 ms */
    uint8_t set;      /* Set Watchdog Timer has been issued */
    uint8_t running;
    uint8_t pretimeout_done;
    ik_time_us deadline;    /* expiry time while running */
    uint16_t stopped_count; /* present countdown while stopped */
    uint8_t sensor;         /* Watchdog 2 sensor number */
    uint8_t has_sensor;
};

/* The system went down or was reset: the watchdog stops (its timer belongs to the
 * software that is no longer running). */
void ik_wdt_system_reset(struct ik_bmc *bmc);
void ik_wdt_catch_up(struct ik_bmc *bmc);

/* ---- shared --------------------------------------------------------------------------- */

/* The platform section in force: the machine's, or the built-in defaults. */
const struct ik_machine_platform *ik_plat(struct ik_bmc *bmc);
/* Run every platform module's time-driven work that is due at bmc->now, in dependency
 * order (watchdog, chassis, SEL erase, sensors). Handlers call it before answering so a
 * reply never shows a state older than the request. */
void ik_plat_catch_up(struct ik_bmc *bmc);
/* Write a kv blob through the store; 0 or IK_E_*. Logged on failure. */
int ik_plat_kv_put(struct ik_bmc *bmc, const char *key, const void *val, size_t len);

#endif
