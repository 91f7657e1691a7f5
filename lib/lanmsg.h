/*
 * Request/response data of the IPMI commands that set up and run a LAN session
 * (NetFn App 06h/07h), the bytes after the command byte of an ipmimsg.h message. Responses
 * include the completion code as their first byte, as ipmimsg.h hands it over.
 *
 * Get Channel Authentication Capabilities, cmd 38h (IPMI 2.0 section 22.13)
 *   request:  0 channel [3:0] (0Eh = this channel), [7] 1 = get IPMI 2.0 extended data
 *             1 requested maximum privilege [3:0]
 *   response: 0 CC, 1 channel number
 *             2 auth type support: [7] IPMI 2.0 extended capabilities available,
 *               [5] OEM, [4] straight password, [2] MD5, [1] MD2, [0] none
 *             3 [5] K_G status (1 = K_G is not all zeros), [4] per-message auth disabled,
 *               [3] user-level auth disabled, [2] non-null user names enabled,
 *               [1] null user names enabled, [0] anonymous login enabled
 *             4 extended capabilities: [1] IPMI 2.0 connections, [0] IPMI 1.5 connections
 *             5 OEM IANA (3 bytes), 8 OEM auxiliary data
 * Get Session Challenge, cmd 39h (section 22.16)
 *   request:  0 auth type [3:0], 1 user name (16 bytes, zero padded; all zero = null user)
 *   response: 0 CC, 1 temporary session ID (4), 5 challenge string (16)
 * Activate Session, cmd 3Ah (section 22.17)
 *   request:  0 auth type [3:0], 1 maximum privilege [3:0], 2 challenge (16),
 *             18 initial outbound sequence number (4; what the BMC starts sending with)
 *   response: 0 CC, 1 auth type for the rest of the session [3:0], 2 session ID (4),
 *             6 initial inbound sequence number (4; what the console starts sending with),
 *             10 maximum privilege [3:0]
 * Set Session Privilege Level, cmd 3Bh (section 22.18)
 *   request:  0 requested privilege [3:0] (0 = no change, just report)
 *   response: 0 CC, 1 new privilege [3:0]
 * Close Session, cmd 3Ch (section 22.19)
 *   request:  0 session ID (4); 4 session handle (1), only when the ID is 0
 *   response: 0 CC
 * Get Channel Cipher Suites, cmd 54h (section 22.15)
 *   request:  0 channel [3:0], 1 payload type [5:0], 2 [7] 1 = list by cipher suite,
 *             [5:0] list index
 *   response: 0 CC, 1 channel number, 2 up to 16 bytes of record data (cipher.h)
 */
#ifndef IK_LANMSG_H
#define IK_LANMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

#define IK_NETFN_APP             0x06
#define IK_CMD_GET_DEVICE_ID     0x01
#define IK_CMD_GET_AUTH_CAPS     0x38
#define IK_CMD_GET_SESSION_CHAL  0x39
#define IK_CMD_ACTIVATE_SESSION  0x3A
#define IK_CMD_SET_SESSION_PRIV  0x3B
#define IK_CMD_CLOSE_SESSION     0x3C
#define IK_CMD_GET_CIPHER_SUITES 0x54

#define IK_CHANNEL_THIS 0x0E

/* Privilege levels (section 6.8). */
#define IK_PRIV_CALLBACK 1
#define IK_PRIV_USER     2
#define IK_PRIV_OPERATOR 3
#define IK_PRIV_ADMIN    4
#define IK_PRIV_OEM      5

/* Addresses used on LAN: the BMC (responder) and the remote console's software ID. */
#define IK_LAN_BMC_ADDR     0x20
#define IK_LAN_CONSOLE_SWID 0x81

/* Auth type support bits (byte 2 of the Get Channel Auth Caps response). */
#define IK_AUTHCAP_NONE     0x01
#define IK_AUTHCAP_MD2      0x02
#define IK_AUTHCAP_MD5      0x04
#define IK_AUTHCAP_PASSWORD 0x10
#define IK_AUTHCAP_OEM      0x20
#define IK_AUTHCAP_EXT      0x80

struct ik_authcap_req {
    uint8_t channel;
    bool ext; /* ask for the IPMI 2.0 extended data */
    uint8_t priv;
};

struct ik_authcap {
    uint8_t cc;
    uint8_t channel;
    uint8_t auth_types; /* IK_AUTHCAP_* without EXT */
    bool ext;           /* byte 2 bit 7 */
    bool kg_set, per_msg_disabled, user_level_disabled;
    bool non_null_users, null_users, anonymous;
    bool v15, v20; /* byte 4 (only meaningful when ext) */
    uint32_t oem_iana;
    uint8_t oem_aux;
};

int ik_authcap_req_decode(const uint8_t *buf, size_t len, struct ik_authcap_req *out);
int ik_authcap_req_encode(const struct ik_authcap_req *in, uint8_t *buf, size_t cap,
                          size_t *written);
/* A response with a non-zero CC decodes with only .cc set. */
int ik_authcap_decode(const uint8_t *buf, size_t len, struct ik_authcap *out);
int ik_authcap_encode(const struct ik_authcap *in, uint8_t *buf, size_t cap, size_t *written);

struct ik_chal_req {
    uint8_t auth_type;
    uint8_t name[16]; /* zero padded */
};
struct ik_chal_rsp {
    uint8_t cc;
    uint32_t temp_sid;
    uint8_t challenge[16];
};
int ik_chal_req_decode(const uint8_t *buf, size_t len, struct ik_chal_req *out);
int ik_chal_req_encode(const struct ik_chal_req *in, uint8_t *buf, size_t cap, size_t *written);
int ik_chal_rsp_decode(const uint8_t *buf, size_t len, struct ik_chal_rsp *out);
int ik_chal_rsp_encode(const struct ik_chal_rsp *in, uint8_t *buf, size_t cap, size_t *written);

struct ik_act_req {
    uint8_t auth_type;
    uint8_t max_priv;
    uint8_t challenge[16];
    uint32_t out_seq; /* initial outbound sequence number */
};
struct ik_act_rsp {
    uint8_t cc;
    uint8_t auth_type;
    uint32_t sid;
    uint32_t in_seq; /* initial inbound sequence number */
    uint8_t max_priv;
};
int ik_act_req_decode(const uint8_t *buf, size_t len, struct ik_act_req *out);
int ik_act_req_encode(const struct ik_act_req *in, uint8_t *buf, size_t cap, size_t *written);
int ik_act_rsp_decode(const uint8_t *buf, size_t len, struct ik_act_rsp *out);
int ik_act_rsp_encode(const struct ik_act_rsp *in, uint8_t *buf, size_t cap, size_t *written);

struct ik_close_req {
    uint32_t sid;
    uint8_t handle; /* only when sid == 0 */
};
int ik_close_req_decode(const uint8_t *buf, size_t len, struct ik_close_req *out);

struct ik_suites_req {
    uint8_t channel;
    uint8_t payload_type;
    bool by_suite;
    uint8_t index;
};
int ik_suites_req_decode(const uint8_t *buf, size_t len, struct ik_suites_req *out);
int ik_suites_req_encode(const struct ik_suites_req *in, uint8_t *buf, size_t cap, size_t *written);

/* A session sequence-number window, shared by both ends (IPMI 2.0 sections 6.12.13 and
 * 13.x): a number is accepted if it is at most `ahead` past the highest accepted one, or
 * at most `behind` below it and not accepted before. seen bit i = (hi - i) was accepted. */
struct ik_seqwin {
    uint32_t hi;
    uint32_t seen;
};

/* Start a window whose first acceptable number is first (first - 1 counts as seen). */
void ik_seqwin_init(struct ik_seqwin *w, uint32_t first);

enum ik_seqwin_verdict {
    IK_SEQWIN_OK = 0,
    IK_SEQWIN_OUTSIDE, /* too far behind or ahead */
    IK_SEQWIN_REPEAT,  /* accepted before */
};

/* Check seq and, when it is acceptable, record it. With allow_repeat a repeated number is
 * accepted (IK_SEQWIN_OK) - for clients of BMCs that reuse numbers (OpenIPMI's 1.5). */
enum ik_seqwin_verdict ik_seqwin_accept(struct ik_seqwin *w, uint32_t seq, uint32_t behind,
                                        uint32_t ahead, bool allow_repeat);

/* Build a request or response IPMI message (ipmimsg.h framing) in buf. */
int ik_lanmsg_request(uint8_t netfn, uint8_t cmd, uint8_t seq, const uint8_t *data, size_t len,
                      uint8_t *buf, size_t cap, size_t *written);

#endif
