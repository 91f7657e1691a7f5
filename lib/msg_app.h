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
/* Values out of their field's range (device_rev > 15, fw_major > 127, manufacturer ID
 * wider than 20 bits) are IK_E_RANGE. */
int ik_device_id_encode(const struct ik_device_id *in, uint8_t *buf, size_t cap, size_t *written);

#endif
