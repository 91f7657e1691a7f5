/*
 * NetFn Chassis (00h) command payloads: the request and response data (after the completion
 * code) of the Chassis commands that bmcd answers and the CLI and host agents send (IPMI 2.0
 * section 28). One codec per payload, shared by both ends: bmc/ encodes responses and
 * decodes requests, cli/ and host/ do the reverse.
 *
 * Reserved bits: decoders of responses drop them; decoders of requests refuse them with
 * IK_E_BADFIELD where bmcd answers such a request with CCh (invalid data field).
 */
#ifndef IK_MSG_CHASSIS_H
#define IK_MSG_CHASSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

/* ---- Get Chassis Status (cmd 01h, section 28.2) ---------------------------------------- */

#define IK_CHASSIS_STATUS_MIN 3 /* without the front panel button capabilities */
#define IK_CHASSIS_STATUS_MAX 4 /* with them */

/* Power restore policy (byte 1 [6:5]; Set Power Restore Policy [2:0]). */
#define IK_POLICY_ALWAYS_OFF 0
#define IK_POLICY_PREV       1
#define IK_POLICY_ALWAYS_ON  2
#define IK_POLICY_UNKNOWN    3 /* in Get Chassis Status; "no change" in Set */

/* Chassis identify state (byte 3 [5:4]). */
#define IK_IDENTIFY_OFF   0
#define IK_IDENTIFY_TIMED 1
#define IK_IDENTIFY_ON    2

struct ik_chassis_status {
    /* current power state */
    bool power_on;
    bool overload;
    bool interlock;
    bool power_fault;
    bool control_fault;
    uint8_t policy; /* IK_POLICY_*, 0-3 */
    /* last power event */
    bool ac_failed;
    bool last_overload;
    bool last_interlock;
    bool last_fault;
    bool last_on_by_command; /* the last power-on was by an IPMI command */
    /* misc chassis state */
    bool intrusion;
    bool panel_lockout;
    bool drive_fault;
    bool fan_fault;
    bool identify_supported; /* identify_state is meaningful */
    uint8_t identify_state;  /* IK_IDENTIFY_*, 0-3 */
    /* front panel button capabilities (optional byte) */
    bool has_buttons;
    uint8_t buttons; /* [7:4] disable allowed: sleep, diag, reset, power; [3:0] disabled */
};

/* 3 bytes, or 4 with the front panel button capabilities. */
int ik_chassis_status_decode(const uint8_t *buf, size_t len, struct ik_chassis_status *out);
/* policy or identify_state > 3 is IK_E_RANGE. */
int ik_chassis_status_encode(const struct ik_chassis_status *in, uint8_t *buf, size_t cap,
                             size_t *written);

/* ---- Chassis Control (cmd 02h, section 28.3) request ----------------------------------- */

#define IK_CHASSIS_CONTROL_LEN 1

/* Chassis control values, [3:0]. */
#define IK_CTL_DOWN  0
#define IK_CTL_UP    1
#define IK_CTL_CYCLE 2
#define IK_CTL_RESET 3
#define IK_CTL_DIAG  4 /* pulse diagnostic interrupt */
#define IK_CTL_SOFT  5 /* soft shutdown via ACPI overtemperature emulation */

struct ik_chassis_control_req {
    uint8_t control; /* IK_CTL_*; 6-15 are reserved values, reported as is */
};

/* Exactly 1 byte; reserved bits [7:4] set is IK_E_BADFIELD. */
int ik_chassis_control_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_chassis_control_req *out);
/* control > 15 is IK_E_RANGE. */
int ik_chassis_control_req_encode(const struct ik_chassis_control_req *in, uint8_t *buf, size_t cap,
                                  size_t *written);

/* ---- Chassis Identify (cmd 04h, section 28.5) request ---------------------------------- */

#define IK_IDENTIFY_REQ_MAX 2

struct ik_chassis_identify_req {
    bool has_interval;  /* absent: the BMC's default (15 s) */
    uint8_t interval_s; /* 0 turns identify off */
    bool has_force;     /* the second byte is present (needs has_interval) */
    bool force;         /* identify on indefinitely */
};

/* 0, 1 or 2 bytes; reserved bits [7:1] of byte 2 set is IK_E_BADFIELD. */
int ik_chassis_identify_req_decode(const uint8_t *buf, size_t len,
                                   struct ik_chassis_identify_req *out);
/* has_force without has_interval is IK_E_RANGE (the force byte follows the interval). */
int ik_chassis_identify_req_encode(const struct ik_chassis_identify_req *in, uint8_t *buf,
                                   size_t cap, size_t *written);

/* ---- Set Power Restore Policy (cmd 06h, section 28.8) ---------------------------------- */

#define IK_POLICY_REQ_LEN 1
#define IK_POLICY_RSP_LEN 1

struct ik_policy_req {
    uint8_t policy; /* IK_POLICY_*, IK_POLICY_UNKNOWN = no change; 4-7 reserved, as is */
};

struct ik_policy_rsp {
    bool always_off; /* the policies the BMC supports */
    bool previous;
    bool always_on;
};

/* Exactly 1 byte; reserved bits [7:3] set is IK_E_BADFIELD. */
int ik_policy_req_decode(const uint8_t *buf, size_t len, struct ik_policy_req *out);
/* policy > 7 is IK_E_RANGE. */
int ik_policy_req_encode(const struct ik_policy_req *in, uint8_t *buf, size_t cap, size_t *written);
/* Exactly 1 byte. */
int ik_policy_rsp_decode(const uint8_t *buf, size_t len, struct ik_policy_rsp *out);
int ik_policy_rsp_encode(const struct ik_policy_rsp *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Get System Restart Cause (cmd 07h, section 28.11) response ------------------------ */

#define IK_RESTART_CAUSE_LEN 2

struct ik_restart_cause_rsp {
    uint8_t cause;   /* table 28-11, 0-15 (0 unknown, 1 chassis control command, ...) */
    uint8_t channel; /* the channel the command or event came in on, 0-15 */
};

/* Exactly 2 bytes. */
int ik_restart_cause_rsp_decode(const uint8_t *buf, size_t len, struct ik_restart_cause_rsp *out);
/* cause or channel > 15 is IK_E_RANGE. */
int ik_restart_cause_rsp_encode(const struct ik_restart_cause_rsp *in, uint8_t *buf, size_t cap,
                                size_t *written);

/* ---- Get POH Counter (cmd 0Fh, section 28.14) response --------------------------------- */

#define IK_POH_LEN 5

struct ik_poh {
    uint8_t minutes_per_count;
    uint32_t count;
};

/* Exactly 5 bytes. */
int ik_poh_decode(const uint8_t *buf, size_t len, struct ik_poh *out);
int ik_poh_encode(const struct ik_poh *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Set/Get System Boot Options (cmds 08h/09h, sections 28.12, 28.13) ----------------- */

#define IK_BOOT_GET_REQ_LEN 3
#define IK_BOOT_GET_RSP_MIN 2 /* version and selector, no data */

/* Parameter selectors (table 28-14). */
#define IK_BOOT_SET_IN_PROGRESS 0
#define IK_BOOT_SVC_PARTITION   1
#define IK_BOOT_SVC_SCAN        2
#define IK_BOOT_VALID_CLEAR     3
#define IK_BOOT_INFO_ACK        4
#define IK_BOOT_FLAGS           5
#define IK_BOOT_INITIATOR_INFO  6
#define IK_BOOT_INITIATOR_MBOX  7

/* Set System Boot Options request. `data` borrows the input buffer. */
struct ik_boot_set_req {
    uint8_t param; /* 0-127 */
    bool invalid;  /* [7]: mark the parameter invalid / locked */
    const uint8_t *data;
    size_t data_len; /* at least 1 */
};

/* Get System Boot Options request. */
struct ik_boot_get_req {
    uint8_t param; /* 0-127 ([7] reserved, dropped) */
    uint8_t set;   /* set selector (the mailbox block for parameter 7) */
    uint8_t block; /* block selector */
};

/* Get System Boot Options response. `data` borrows the input buffer. */
struct ik_boot_get_rsp {
    uint8_t version; /* parameter version, 01h */
    bool invalid;    /* [7]: the parameter is marked invalid / locked */
    uint8_t param;   /* 0-127 */
    const uint8_t *data;
    size_t data_len; /* 0 or more */
};

/* Selector and at least 1 byte of data. */
int ik_boot_set_req_decode(const uint8_t *buf, size_t len, struct ik_boot_set_req *out);
/* param > 127 is IK_E_RANGE, no data IK_E_INVAL. */
int ik_boot_set_req_encode(const struct ik_boot_set_req *in, uint8_t *buf, size_t cap,
                           size_t *written);
/* Exactly 3 bytes. */
int ik_boot_get_req_decode(const uint8_t *buf, size_t len, struct ik_boot_get_req *out);
/* param > 127 is IK_E_RANGE. */
int ik_boot_get_req_encode(const struct ik_boot_get_req *in, uint8_t *buf, size_t cap,
                           size_t *written);
/* At least 2 bytes; everything after them is the parameter data. */
int ik_boot_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_boot_get_rsp *out);
/* param > 127 is IK_E_RANGE. */
int ik_boot_get_rsp_encode(const struct ik_boot_get_rsp *in, uint8_t *buf, size_t cap,
                           size_t *written);

/* ---- Boot flags (boot option parameter 5, table 28-14) --------------------------------- */

#define IK_BOOT_FLAGS_LEN 5

struct ik_boot_flags {
    bool valid;
    bool persistent; /* apply to all future boots, not only the next */
    bool efi;        /* EFI boot, else PC compatible (legacy) */
    bool cmos_clear;
    bool lock_keyboard;
    uint8_t device; /* boot device selector, 0-15 (0 no override, 1 PXE, 2 disk, ...) */
    bool screen_blank;
    bool lock_reset;
    bool lock_power;
    uint8_t verbosity; /* 0 default, 1 quiet, 2 verbose, 3 reserved */
    bool force_progress_traps;
    bool password_bypass;
    bool lock_sleep;
    uint8_t console_redirect; /* 0 per BIOS setting, 1 suppress, 2 enable, 3 reserved */
    bool shared_mode_override;
    uint8_t mux;             /* BIOS mux control override, 0-7 */
    uint8_t device_instance; /* 0-31 */
};

/* Exactly 5 bytes. */
int ik_boot_flags_decode(const uint8_t *buf, size_t len, struct ik_boot_flags *out);
/* A field wider than its bits is IK_E_RANGE. */
int ik_boot_flags_encode(const struct ik_boot_flags *in, uint8_t *buf, size_t cap, size_t *written);

#endif
