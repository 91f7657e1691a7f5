/*
 * Machine description, platform section: sensors and their value models, FRU devices, the
 * SEL, chassis power behaviour and hook commands, the watchdog and satellite controllers.
 * bmcd/desc_platform.c fills it from YAML (docs/machine.md lists every key); the engine's
 * platform modules (bmc/sensors.c, bmc/storage_*.c, bmc/chassis.c, bmc/app_watchdog.c)
 * read it in their init hooks. Everything here is plain data; the arrays are heap
 * allocations released by ik_machine_platform_free().
 *
 * Units: thresholds, hysteresis, conversion limits and value models of threshold sensors
 * are in the sensor's units (degrees C, Volts, RPM, ...); the engine converts them to raw
 * readings with the sensor's conversion factors, the same way a client converts back. For
 * discrete sensors a "value" is a state mask: bit n = offset n of the event/reading type.
 */
#ifndef IK_BMC_MACHINE_PLATFORM_H
#define IK_BMC_MACHINE_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

/* Hard caps of a description (the parser rejects more). */
#define IK_MACHINE_SENSORS_MAX 254    /* sensor numbers 00h-FEh on LUN 0 (FFh is reserved) */
#define IK_MACHINE_STEPS_MAX   64     /* points of a step schedule */
#define IK_MACHINE_FRUS_MAX    16     /* FRU devices */
#define IK_MACHINE_FRU_SIZE    4096   /* bytes of one FRU device's inventory area */
#define IK_MACHINE_SEL_INIT    256    /* initial SEL entries */
#define IK_MACHINE_SATS_MAX    8      /* satellite controllers */
#define IK_MACHINE_HOOK_MAX    512    /* bytes of a hook command line */
#define IK_MACHINE_NAME_MAX    16     /* sensor / device ID string bytes (SDR ID string limit) */
#define IK_SEL_CAPACITY_MAX    65534u /* record IDs 0001h-FFFEh */

/* Value models (how a reading moves on the virtual clock). */
enum ik_mvalue_kind {
    IK_MV_CONSTANT = 0, /* value */
    IK_MV_NOISE,        /* value +/- amplitude, a new pseudo-random sample every period */
    IK_MV_RAMP,         /* value -> to over period, then per ramp_mode */
    IK_MV_SINE,         /* value + amplitude * sin(2 pi t / period + phase) */
    IK_MV_STEPS,        /* steps[i].value from steps[i].at on; repeats every period if > 0 */
};

/* What a ramp does after its period. */
enum ik_mramp_mode {
    IK_RAMP_HOLD = 0, /* stay at `to` */
    IK_RAMP_REPEAT,   /* jump back to `value` and ramp again (sawtooth) */
    IK_RAMP_BOUNCE,   /* ramp back down to `value`, then up again (triangle) */
};

struct ik_mstep {
    double at_s;  /* seconds since the model's clock started */
    double value; /* units, or a state mask for discrete sensors */
};

struct ik_mvalue {
    uint8_t kind; /* enum ik_mvalue_kind */
    uint8_t ramp_mode;
    double value;     /* constant / centre / ramp start */
    double amplitude; /* noise half-width / sine amplitude */
    double to;        /* ramp end */
    double period_s;  /* noise sample interval, ramp duration, sine period, step repeat */
    double phase_deg; /* sine phase */
    struct ik_mstep *steps;
    uint16_t nsteps;
};

/* How a sensor behaves while the chassis is powered off. */
enum ik_moff {
    IK_OFF_SAME = 0,    /* not tied to power: the model runs regardless (inlet, standby) */
    IK_OFF_UNAVAILABLE, /* "reading unavailable" (Get Sensor Reading byte 2 bit 5) */
    IK_OFF_VALUE,       /* reads off_value (units) or off_states (discrete) */
};

/* SDR record kind generated for a sensor. */
enum ik_mrecord {
    IK_MREC_FULL = 0x01,
    IK_MREC_COMPACT = 0x02,
    IK_MREC_EVENT_ONLY = 0x03,
};

struct ik_msensor {
    char name[IK_MACHINE_NAME_MAX + 1];
    uint8_t number; /* sensor number on LUN 0, 00h-FEh */
    uint8_t record; /* enum ik_mrecord */
    uint8_t entity_id, entity_instance;
    uint8_t sensor_type; /* table 42-3 */
    uint8_t event_type;  /* table 42-1: 01h threshold, 02h-0Ch generic, 6Fh specific */

    /* Units (table 43-1 bytes 21-23). */
    uint8_t unit;     /* base unit, table 43-15 */
    uint8_t unit_mod; /* modifier unit */
    uint8_t mod_use;  /* 0 none, 1 base/modifier, 2 base*modifier */
    uint8_t rate;     /* 0 none, 1 per us ... 6 per day */
    uint8_t percentage;

    /* Conversion: given as factors (conv_given) or derived from min/max/resolution. */
    uint8_t conv_given;
    uint8_t format; /* analog data format: 0 unsigned, 1 1's complement, 2 2's complement */
    uint8_t lin;    /* linearization, 00h-0Bh */
    int16_t m, b;   /* -512..511 */
    int8_t k1, k2;  /* B and R exponents, -8..7 */
    double min, max, resolution;

    /* Thresholds (threshold sensors): values in units, indexed LNC LCR LNR UNC UCR UNR
     * (the bit order of the SDR's readable/settable masks). */
    double thr[6];
    uint8_t thr_readable;      /* bit i: threshold i exists */
    uint8_t thr_settable;      /* bit i: Set Sensor Thresholds may change it */
    double hyst_pos, hyst_neg; /* units */
    uint8_t hyst_access;       /* 0 none, 1 readable, 2 readable+settable, 3 fixed */

    /* Events: the assertion/deassertion events the sensor supports (all enabled at start).
     * Threshold sensors: bit 2t+hi (IK_SDR_THR_EVENT_BIT); discrete: bit = state offset. */
    uint16_t assert_mask, deassert_mask;
    uint8_t auto_rearm;
    uint8_t events_enabled;   /* event messages enabled at start */
    uint8_t scanning_enabled; /* scanning enabled at start */
    uint8_t settable;         /* Set Sensor Reading and Event Status accepted */

    /* Discrete sensors: the states the sensor can report and the initial ones. */
    uint16_t states_mask;
    uint16_t initial_states;

    /* Nominal and normal range (full records), units; flags say which are given. */
    double nominal, normal_min, normal_max;
    uint8_t has_nominal, has_normal_min, has_normal_max;

    uint8_t off;         /* enum ik_moff */
    double off_value;    /* IK_OFF_VALUE, threshold sensors */
    uint16_t off_states; /* IK_OFF_VALUE, discrete sensors */
    struct ik_mvalue model;
};

/* One FRU device: its inventory area, already encoded (ik_fru_encode) and padded. */
struct ik_mfru {
    uint8_t id; /* FRU device ID (logical, on this controller) */
    char name[IK_MACHINE_NAME_MAX + 1];
    uint8_t entity_id, entity_instance;
    uint8_t write_protect; /* Write FRU Data answers 80h (write-protected offset) */
    uint16_t size;         /* inventory area size in bytes */
    uint8_t *image;        /* size bytes */
};

struct ik_msel {
    uint32_t capacity;       /* entries, 1..IK_SEL_CAPACITY_MAX */
    uint8_t almost_full_pct; /* log "SEL almost full" at this fill level; 0 = never */
    uint32_t clear_ms;       /* duration of an erase (Clear SEL reports "in progress") */
    uint8_t (*init)[16];     /* initial entries (record IDs assigned on load) */
    uint16_t ninit;
};

/* Chassis power actions; also the index of power.hooks. */
enum ik_mpower_action {
    IK_PWR_OFF = 0,
    IK_PWR_ON,
    IK_PWR_CYCLE,
    IK_PWR_RESET,
    IK_PWR_DIAG, /* pulse diagnostic interrupt (NMI) */
    IK_PWR_SOFT, /* ACPI soft shutdown */
    IK_PWR_ACTIONS,
};

/* Power restore policy (Get Chassis Status byte 1 bits 6:5). */
enum ik_mpolicy {
    IK_POLICY_OFF = 0,
    IK_POLICY_PREVIOUS = 1,
    IK_POLICY_ON = 2,
};

struct ik_mpower {
    uint8_t initial_on;    /* power state on first start (no stored state) */
    uint8_t policy;        /* enum ik_mpolicy */
    uint32_t on_ms;        /* power-up takes this long */
    uint32_t off_ms;       /* power-down */
    uint32_t cycle_ms;     /* off interval of a power cycle (the spec asks for >= 1 s) */
    uint32_t reset_ms;     /* hard reset: time the system is held in reset */
    uint32_t soft_ms;      /* ACPI soft shutdown: time the OS takes to power off */
    uint8_t soft_honoured; /* the "OS" reacts to soft shutdown (else nothing happens) */
    /* External commands run on each action (bmcd/hooks.c), "" = none, each with its own
     * timeout (0: hook_timeout_ms). */
    char hooks[IK_PWR_ACTIONS][IK_MACHINE_HOOK_MAX];
    uint32_t hook_timeouts_ms[IK_PWR_ACTIONS];
    uint32_t hook_timeout_ms;
};

struct ik_mchassis {
    uint8_t caps;        /* Get Chassis Capabilities flags: [3] power interlock, [2] diag
                            interrupt, [1] front panel lockout, [0] intrusion sensor */
    uint8_t identify_s;  /* default identify interval (Chassis Identify with no data) */
    uint8_t poh_minutes; /* minutes per POH count */
    uint8_t buttons;     /* Get Chassis Status byte 4 (front panel button capabilities) */
    uint8_t has_buttons;
};

struct ik_mwatchdog {
    uint8_t log_pretimeout; /* log the pre-timeout interrupt (offset 08h) too */
};

/* A satellite management controller on the IPMB (a later issue bridges to it). */
struct ik_msat {
    char name[IK_MACHINE_NAME_MAX + 1];
    uint8_t addr;    /* 8-bit IPMB slave address (bit 0 = 0) */
    uint8_t channel; /* 0 = primary IPMB */
    uint8_t silent;  /* never answers (a controller that stopped responding) */
    uint8_t entity_id, entity_instance;
    uint8_t device_id, device_rev, fw_major, fw_minor, ipmi_version, dev_support;
    uint32_t manufacturer_id;
    uint16_t product_id;
};

struct ik_machine_platform {
    struct ik_msensor *sensors;
    size_t nsensors;
    struct ik_mfru *frus;
    size_t nfrus;
    struct ik_msel sel;
    struct ik_mpower power;
    struct ik_mchassis chassis;
    struct ik_mwatchdog watchdog;
    struct ik_msat *sats;
    size_t nsats;
};

/* Defaults of the platform section (no sensors, no FRU, a 4,096-entry SEL, ...). */
void ik_machine_platform_defaults(struct ik_machine_platform *p);
/* Release the arrays (safe on a defaulted or partly filled section). */
void ik_machine_platform_free(struct ik_machine_platform *p);

/* Find a satellite controller by channel and 8-bit slave address; NULL if none. */
const struct ik_msat *ik_machine_satellite(const struct ik_machine_platform *p, uint8_t channel,
                                           uint8_t addr);

/* Find a sensor by name (exact) or number; NULL if none. */
const struct ik_msensor *ik_machine_sensor_by_name(const struct ik_machine_platform *p,
                                                   const char *name);
const struct ik_msensor *ik_machine_sensor_by_number(const struct ik_machine_platform *p,
                                                     uint8_t number);

#endif
