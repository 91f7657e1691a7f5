/*
 * NetFn App (06h) command payloads: the request and response data (after the completion
 * code) of the App commands that bmcd answers and the CLI and host agents send. One codec
 * per payload, shared by both ends: bmc/ encodes responses and decodes requests, cli/ and
 * host/ do the reverse.
 */
#ifndef IK_MSG_APP_H
#define IK_MSG_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

/* ---- Get Device ID (cmd 01h, IPMI 2.0 section 20.1) ------------------------------------ */

#define IK_DEVICE_ID_MIN 11 /* without the auxiliary firmware revision */
#define IK_DEVICE_ID_MAX 15 /* with it */

/* Additional device support (table 20-2, byte 6). */
#define IK_DEVID_SENSOR    0x01
#define IK_DEVID_SDR_REPO  0x02
#define IK_DEVID_SEL       0x04
#define IK_DEVID_FRU       0x08
#define IK_DEVID_EVENT_RX  0x10 /* IPMB event receiver */
#define IK_DEVID_EVENT_GEN 0x20 /* IPMB event generator */
#define IK_DEVID_BRIDGE    0x40
#define IK_DEVID_CHASSIS   0x80

struct ik_device_id {
    uint8_t device_id;
    uint8_t device_rev;       /* 0-15 */
    bool provides_sdrs;       /* the device has device SDRs */
    uint8_t fw_major;         /* 0-127 */
    bool unavailable;         /* firmware/SDR update or self-initialisation in progress */
    uint8_t fw_minor;         /* BCD */
    uint8_t ipmi_version;     /* BCD, minor in bits 7:4: 02h = 2.0, 51h = 1.5 */
    uint8_t support;          /* IK_DEVID_* */
    uint32_t manufacturer_id; /* IANA enterprise number, 20 bits */
    uint16_t product_id;
    bool has_aux; /* the optional 4-byte auxiliary revision is present */
    uint8_t aux_fw[4];
};

/* 11 bytes, or 15 with the auxiliary firmware revision. */
int ik_device_id_decode(const uint8_t *buf, size_t len, struct ik_device_id *out);
/* A client's reading of an answer (as ipmitool's): at least 11 bytes; the auxiliary
 * revision when all 4 of its bytes came; anything further ignored. */
int ik_device_id_decode_prefix(const uint8_t *buf, size_t len, struct ik_device_id *out);
/* Values out of their field's range (device_rev > 15, fw_major > 127, manufacturer ID
 * wider than 20 bits) are IK_E_RANGE. */
int ik_device_id_encode(const struct ik_device_id *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Get Self Test Results (cmd 04h, section 20.4, table 20-4) -------------------------- */

#define IK_SELFTEST_LEN 2

/* Result codes (byte 2 of the response). */
#define IK_SELFTEST_PASSED      0x55 /* no error */
#define IK_SELFTEST_NOT_IMPL    0x56 /* self test not implemented */
#define IK_SELFTEST_CORRUPTED   0x57 /* corrupted or inaccessible data or devices: see detail */
#define IK_SELFTEST_FATAL       0x58 /* fatal hardware error: detail is a device-specific code */
#define IK_SELFTEST_UNAVAILABLE 0xFF /* reserved */

struct ik_selftest {
    uint8_t result; /* IK_SELFTEST_*, or a device-specific code */
    uint8_t detail; /* for 57h the failure bits [7] SEL ... [0] firmware; for 58h a code */
};

/* Exactly 2 bytes. */
int ik_selftest_decode(const uint8_t *buf, size_t len, struct ik_selftest *out);
int ik_selftest_encode(const struct ik_selftest *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Set / Get BMC Global Enables (cmds 2Eh / 2Fh, sections 22.1-22.2) ------------------- */

#define IK_GLOBAL_ENABLES_LEN 1

/* The enables byte (tables 22-1 and 22-2): the Set request and the Get response alike. */
#define IK_GE_RECV_MSG_INTR  0x01 /* receive message queue interrupt */
#define IK_GE_EVENT_BUF_INTR 0x02 /* event message buffer full interrupt */
#define IK_GE_EVENT_BUF      0x04 /* event message buffer */
#define IK_GE_SEL            0x08 /* system event logging */
#define IK_GE_RESERVED       0x10 /* reserved: written 0 */
#define IK_GE_OEM0           0x20
#define IK_GE_OEM1           0x40
#define IK_GE_OEM2           0x80

struct ik_global_enables {
    uint8_t enables; /* IK_GE_*; the reserved bit is kept as received, the BMC refuses it */
};

/* Exactly 1 byte: the Set BMC Global Enables request and the Get response. */
int ik_global_enables_decode(const uint8_t *buf, size_t len, struct ik_global_enables *out);
int ik_global_enables_encode(const struct ik_global_enables *in, uint8_t *buf, size_t cap,
                             size_t *written);

/* ---- Set / Get Watchdog Timer (cmds 24h / 25h, sections 27.6-27.7) ----------------------- */

#define IK_WDT_SET_LEN 6
#define IK_WDT_GET_LEN 8

/* Set Watchdog Timer request (table 27-2). Timer use 1 BIOS FRB2, 2 BIOS/POST, 3 OS load,
 * 4 SMS/OS, 5 OEM; pre-timeout interrupt 0 none, 1 SMI, 2 NMI/diagnostic, 3 messaging;
 * action 0 none, 1 hard reset, 2 power down, 3 power cycle. The codec carries any 3-bit
 * value; which ones a BMC accepts is its business. */
struct ik_wdt_set_req {
    bool no_log;            /* [7] don't log the expiration */
    bool dont_stop;         /* [6] a running timer keeps running with the new countdown */
    uint8_t use;            /* 0-7 */
    uint8_t pretimeout_irq; /* 0-7 */
    uint8_t action;         /* 0-7 */
    uint8_t pretimeout_s;   /* pre-timeout interval, seconds */
    uint8_t clear_flags;    /* expiration flags to clear, [5:1] by timer use, as received */
    uint16_t countdown;     /* initial countdown, 100 ms units */
};

/* Exactly 6 bytes; reserved bits set in bytes 1-2 (timer use [5:3], actions [7] and [3])
 * are IK_E_BADFIELD. */
int ik_wdt_set_req_decode(const uint8_t *buf, size_t len, struct ik_wdt_set_req *out);
/* use, pretimeout_irq or action above 7 are IK_E_RANGE. */
int ik_wdt_set_req_encode(const struct ik_wdt_set_req *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* Get Watchdog Timer response (table 27-3). Reserved bits are kept as received (in their
 * bit positions) so a client shows the bytes the BMC sent; a BMC encodes them 0. */
struct ik_wdt_get_rsp {
    bool no_log;             /* byte 1 [7] */
    bool running;            /* byte 1 [6] */
    uint8_t use;             /* byte 1 [2:0] */
    uint8_t use_reserved;    /* byte 1 [5:3] in place (mask 38h) */
    uint8_t pretimeout_irq;  /* byte 2 [6:4] */
    uint8_t action;          /* byte 2 [2:0] */
    uint8_t action_reserved; /* byte 2 [7] and [3] in place (mask 88h) */
    uint8_t pretimeout_s;    /* seconds */
    uint8_t expired;         /* timer use expiration flags, [5:1] by timer use, as received */
    uint16_t initial;        /* initial countdown, 100 ms units */
    uint16_t present;        /* present countdown, 100 ms units */
};

/* Exactly 8 bytes. */
int ik_wdt_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_wdt_get_rsp *out);
/* use, pretimeout_irq or action above 7, or reserved values outside their masks, are
 * IK_E_RANGE. */
int ik_wdt_get_rsp_encode(const struct ik_wdt_get_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* ---- Get / Clear Message Flags (cmds 31h / 30h, sections 22.4 / 22.3) ------------------- */

#define IK_MSG_FLAGS_LEN 1

/* Flag bits (table 22-4); the same bits select what Clear Message Flags clears. */
#define IK_MSGF_RECV_MSG   0x01 /* receive message available */
#define IK_MSGF_EVENT_BUF  0x02 /* event message buffer full */
#define IK_MSGF_PRETIMEOUT 0x08 /* watchdog pre-timeout interrupt occurred */
#define IK_MSGF_OEM0       0x20
#define IK_MSGF_OEM1       0x40
#define IK_MSGF_OEM2       0x80

struct ik_msg_flags {
    uint8_t flags; /* IK_MSGF_*; reserved bits kept as received */
};

/* Exactly 1 byte: the Get Message Flags response and the Clear Message Flags request. */
int ik_msg_flags_decode(const uint8_t *buf, size_t len, struct ik_msg_flags *out);
int ik_msg_flags_encode(const struct ik_msg_flags *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Send Message (cmd 34h, section 22.7) ------------------------------------------------ */

/* Tracking (table 22-7, byte 1 [7:6]). */
#define IK_SEND_MSG_NO_TRACK 0
#define IK_SEND_MSG_TRACK    1 /* track request: the answer comes back through Get Message */
#define IK_SEND_MSG_RAW      2 /* send raw (test mode) */

/* Send Message request. The message data is the target channel's format; for IPMB it is a
 * whole frame (rsSA ... checksum 2), which lib/ipmimsg.h codes: this codec only frames it. */
struct ik_send_msg_req {
    uint8_t tracking;    /* 0-3, IK_SEND_MSG_* (3 reserved) */
    bool encrypt;        /* [5] send with encryption (session channels) */
    bool authenticate;   /* [4] send with authentication (session channels) */
    uint8_t channel;     /* 0-15 */
    const uint8_t *data; /* message data; borrows the decoded buffer */
    size_t data_len;
};

/* At least 1 byte; the message data may be empty (whether that is a valid message is the
 * target medium's question). No upper bound here: the transport's message size is one. */
int ik_send_msg_req_decode(const uint8_t *buf, size_t len, struct ik_send_msg_req *out);
/* tracking > 3 or channel > 15 are IK_E_RANGE; data NULL with data_len > 0 is IK_E_INVAL. */
int ik_send_msg_req_encode(const struct ik_send_msg_req *in, uint8_t *buf, size_t cap,
                           size_t *written);

/* ---- Get Message (cmd 33h, section 22.6) ------------------------------------------------- */

/* Get Message response. For an IPMB channel the message data is the frame as received
 * without its first byte (the responder address, which is the BMC's or system software's):
 * NetFn/LUN, checksum 1, requester, seq/LUN, cmd, data, checksum 2 (lib/ipmimsg.h). */
struct ik_get_msg_rsp {
    uint8_t channel;     /* [3:0] */
    uint8_t privilege;   /* [7:4] inferred privilege; 0 where the channel carries none */
    const uint8_t *data; /* message data; borrows the decoded buffer */
    size_t data_len;
};

/* At least 1 byte (the channel byte). */
int ik_get_msg_rsp_decode(const uint8_t *buf, size_t len, struct ik_get_msg_rsp *out);
/* channel or privilege above 15 are IK_E_RANGE; data NULL with data_len > 0 is IK_E_INVAL. */
int ik_get_msg_rsp_encode(const struct ik_get_msg_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written);

#endif
