/*
 * The host agents' IPMI logic, after the Linux driver's ipmi_watchdog, panic event and
 * ipmi_poweroff (the seed's IPMI.txt): what they send and how they read the answers, over a
 * request function so the same code runs on any interface (the CLI binds it to
 * ik_hostif_call, tests to the engine on a virtual clock). cli/watchdog.c,
 * cli/panic_event.c and cli/poweroff.c add the command lines, signals and timing.
 *
 * Watchdog (IPMI 2.0 section 27): Set Watchdog Timer for timer use SMS/OS with the chosen
 * timeout, pre-timeout, action and pre-timeout interrupt, then Reset Watchdog Timer to start
 * it; every pat is a Reset Watchdog Timer (80h "not initialized", e.g. after a BMC reset,
 * arms it again). Stop = Set Watchdog Timer with no action and "don't stop" clear: the
 * timer stops (the magic close).
 *
 * Panic event: a Platform Event Message (S/E 02h) from generator 21h (over the system
 * interface; a session's requester is the generator otherwise), EvM 03h, sensor type
 * 20h (OS critical stop), sensor number = the text's first byte, 6Fh (assertion,
 * sensor-specific), data 1 A1h (run-time critical stop, OEM bytes 2-3), data 2/3 = the next
 * two bytes (0 past the end); then the text in OEM non-timestamped records (type F0h: byte 3
 * the slave address, byte 4 a sequence number from 0, bytes 5-15 eleven bytes of text,
 * NUL-padded in the last) by Add SEL Entry, when the BMC has an SEL (Get Device ID).
 *
 * Poweroff: Chassis Control power down (00h); with cycle, power cycle (02h) and, when the
 * BMC refuses it with any completion code, power down (what ipmi_poweroff does for BMCs that
 * cannot cycle). The BMC must report a chassis device (Get Device ID additional device
 * support bit 7).
 */
#ifndef IK_HOST_AGENT_H
#define IK_HOST_AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One request to the BMC: 0 with the response in rsp[0..*rlen) (rsp[0] the completion code,
 * *rlen >= 1), or a negative IK_E_* when no answer came (the binding words why in why). */
typedef int (*ik_agent_call_fn)(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *data,
                                size_t len, uint8_t *rsp, size_t cap, size_t *rlen, char *why,
                                size_t whycap);

struct ik_agent {
    ik_agent_call_fn call;
    void *ctx;
    /* Requests travel a session (LAN), not the system interface: the BMC takes the
     * requester as the generator of a Platform Event Message, which then has no generator
     * ID byte. */
    bool session;
    char why[512]; /* why the last operation failed, for a person */
};

/* ---- watchdog ------------------------------------------------------------------------------ */

enum ik_wdt_action {
    IK_WDT_NO_ACTION = 0,
    IK_WDT_RESET = 1,
    IK_WDT_POWER_OFF = 2,
    IK_WDT_POWER_CYCLE = 3,
};

enum ik_wdt_preaction {
    IK_WDT_PRE_NONE = 0,
    IK_WDT_PRE_SMI = 1,
    IK_WDT_PRE_NMI = 2,
    IK_WDT_PRE_MSG_INT = 3,
};

struct ik_wdt_cfg {
    unsigned timeout_s;    /* countdown, 1..6553 s (100 ms units on the wire) */
    unsigned pretimeout_s; /* pre-timeout interrupt this long before the action, < timeout */
    uint8_t action;        /* enum ik_wdt_action */
    uint8_t preaction;     /* enum ik_wdt_preaction */
    bool no_log;           /* Set Watchdog Timer byte 1 bit 7: the BMC logs no expiry event */
};

/* ipmi_watchdog's defaults: 10 s, no pre-timeout, reset. */
void ik_wdt_default_cfg(struct ik_wdt_cfg *cfg);
/* "none" "reset" "power_cycle" "power_off" / "none" "smi" "nmi" "msg_int" (also the Linux
 * module's "pre_smi", "pre_nmi", "pre_int"); -1 when unknown. */
int ik_wdt_action_parse(const char *s);
int ik_wdt_preaction_parse(const char *s);
const char *ik_wdt_action_name(unsigned action);
const char *ik_wdt_preaction_name(unsigned pre);
/* 0, or IK_E_RANGE with the reason in why. */
int ik_wdt_check(const struct ik_wdt_cfg *cfg, char *why, size_t cap);
/*
 * Set Watchdog Timer request (table 27-2) for cfg:
 *   OFF SIZE FIELD
 *   0   1    [7] don't log, [6] don't stop (0: a running timer stops), [2:0] use 4 (SMS/OS)
 *   1   1    [6:4] pre-timeout interrupt, [2:0] timeout action
 *   2   1    pre-timeout interval, seconds (0 without a pre-timeout interrupt)
 *   3   1    expiration flags to clear: none (an earlier expiry stays visible)
 *   4   2    initial countdown, 100 ms, LS byte first
 */
void ik_wdt_set_request(const struct ik_wdt_cfg *cfg, uint8_t out[6]);

/* Get Watchdog Timer, decoded (table 27-3). */
struct ik_wdt_state {
    bool running, no_log;
    uint8_t use, action, preaction, pretimeout_s, expired;
    uint16_t initial_ds, present_ds; /* 100 ms units */
};

/* Set and start (0), IK_E_CC when the BMC refused (completion code in why), or the
 * transport's error. */
int ik_agent_wdt_start(struct ik_agent *a, const struct ik_wdt_cfg *cfg);
/* Reset Watchdog Timer; 80h (the timer lost its setting) arms it again from cfg. */
int ik_agent_wdt_pat(struct ik_agent *a, const struct ik_wdt_cfg *cfg);
/* The magic close: no action, timer stopped. */
int ik_agent_wdt_stop(struct ik_agent *a);
int ik_agent_wdt_get(struct ik_agent *a, struct ik_wdt_state *st);

/* ---- panic event ------------------------------------------------------------------------- */

#define IK_PANIC_GEN_ID     0x21 /* the kernel's generator ID in the seed's panic event */
#define IK_PANIC_CHUNK      11   /* text bytes per OEM record */
#define IK_PANIC_MAX_CHUNKS 256  /* the sequence number is one byte */

/* The Platform Event Message data: the system-interface form (8 bytes, generator ID 21h
 * first), or for a session the 7 bytes after it (the BMC records the console as the
 * generator, so decoders do not recognise the Linux signature). Returns the length. */
size_t ik_panic_event_request(const char *text, bool session, uint8_t out[8]);
/* OEM records the text needs (0 for an empty text; at most IK_PANIC_MAX_CHUNKS). */
size_t ik_panic_record_count(const char *text);
/* Record n (Add SEL Entry data, 16 bytes; the BMC assigns the record ID). */
void ik_panic_record(const char *text, uint8_t slave_addr, size_t n, uint8_t rec[16]);

struct ik_panic_result {
    size_t records; /* OEM records added */
    uint16_t first_id, last_id;
    bool no_sel; /* the BMC has no SEL device: the text was not stored */
};

/* The event, then (oem) the text records. 0, IK_E_CC (why names the command and code), or
 * the transport's error. */
int ik_agent_panic(struct ik_agent *a, const char *text, uint8_t slave_addr, bool oem,
                   struct ik_panic_result *res);

/* ---- poweroff --------------------------------------------------------------------------- */

enum ik_poweroff_done {
    IK_POWEROFF_DOWN = 1,      /* power down accepted */
    IK_POWEROFF_CYCLE = 2,     /* power cycle accepted */
    IK_POWEROFF_FELL_BACK = 3, /* power cycle refused (cycle_cc), power down accepted */
};

/* 0 with *done (and *cycle_cc for a fallback), IK_E_UNSUPPORTED (no chassis device),
 * IK_E_CC (power down refused too; why says so), or the transport's error. */
int ik_agent_poweroff(struct ik_agent *a, bool cycle, enum ik_poweroff_done *done,
                      uint8_t *cycle_cc);

#endif
