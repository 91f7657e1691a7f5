/*
 * NetFn Transport (0Ch) command payloads: the request and response data (after the
 * completion code) of Set / Get LAN Configuration Parameters (IPMI 2.0 sections 23.1,
 * 23.2), which bmcd answers and the CLI sends. The parameter data itself (table 23-4)
 * travels as borrowed bytes; its layout is the parameter's.
 */
#ifndef IK_MSG_TRANSPORT_H
#define IK_MSG_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

/* The longest parameter data carried: what one IPMI message can hold. */
#define IK_LAN_PARAM_MAX 255

/* ---- Set LAN Configuration Parameters (section 23.1, table 23-2) -------------------------- */

#define IK_LAN_SET_REQ_MIN 3 /* channel, parameter, at least one data byte */

struct ik_lan_set_req {
    uint8_t channel;     /* 0-15 (Eh: the channel the request came in on) */
    uint8_t param;       /* parameter selector (table 23-4) */
    const uint8_t *data; /* the parameter data; borrows the decoder's input */
    size_t len;          /* 1..IK_LAN_PARAM_MAX */
};

/* Reserved bits [7:4] of the channel byte set are IK_E_BADFIELD. */
int ik_lan_set_req_decode(const uint8_t *buf, size_t len, struct ik_lan_set_req *out);
/* channel > 15, len 0 or > IK_LAN_PARAM_MAX (or data NULL) are IK_E_RANGE. */
int ik_lan_set_req_encode(const struct ik_lan_set_req *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* ---- Get LAN Configuration Parameters (section 23.2, table 23-3) -------------------------- */

#define IK_LAN_GET_REQ_LEN 4
#define IK_LAN_GET_RSP_MIN 1
#define IK_LAN_PARAM_REV   0x11 /* parameter revision of IPMI 2.0: present 1, oldest 1 */

struct ik_lan_get_req {
    uint8_t channel;    /* 0-15 */
    bool revision_only; /* get the parameter revision only, no data */
    uint8_t param;      /* parameter selector */
    uint8_t set_sel;    /* set selector (00h when the parameter has none) */
    uint8_t block_sel;  /* block selector (00h when the parameter has none) */
};

/* Reserved bits [6:4] of the channel byte set are IK_E_BADFIELD. */
int ik_lan_get_req_decode(const uint8_t *buf, size_t len, struct ik_lan_get_req *out);
/* channel > 15 is IK_E_RANGE. */
int ik_lan_get_req_encode(const struct ik_lan_get_req *in, uint8_t *buf, size_t cap,
                          size_t *written);

struct ik_lan_get_rsp {
    uint8_t revision;    /* parameter revision: [7:4] present, [3:0] oldest compatible */
    const uint8_t *data; /* the parameter data (none for revision only); borrows the input */
    size_t len;          /* 0..IK_LAN_PARAM_MAX */
};

/* 1 byte and up; more than 1 + IK_LAN_PARAM_MAX is IK_E_OVERSIZE. */
int ik_lan_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_lan_get_rsp *out);
/* len > IK_LAN_PARAM_MAX (or data NULL with len > 0) is IK_E_RANGE. */
int ik_lan_get_rsp_encode(const struct ik_lan_get_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written);

#endif
