/*
 * The IPMI 1.5 LAN session wrapper (IPMI 2.0 section 13.6, "IPMI v1.5 LAN Session Header")
 * and its per-message authentication codes (the AuthCode algorithms of section 22.17).
 *
 * A 1.5 datagram is RMCP header (class 07h) + this session header + one IPMI message:
 *   OFF SIZE FIELD
 *   0   4    RMCP header (rmcp.h)
 *   4   1    authentication type: [3:0] 0 none, 1 MD2, 2 MD5, 4 straight password, 5 OEM
 *   5   4    session sequence number (LS byte first)
 *   9   4    session ID (LS byte first); 0 outside a session
 *   13  16   AuthCode, only when the authentication type is not "none"
 *   13/29 1  IPMI message length
 *   ..  n    IPMI message (ipmimsg.h)
 *   ..  1    optional legacy pad byte (00h): some clients (ipmitool) add one so that the
 *            frame length avoids sizes certain early NICs mishandled; it is accepted and
 *            never sent.
 *
 * AuthCode, the password being the 16-byte, zero-padded 1.5 password:
 *   none               absent
 *   straight password  the password itself
 *   MD2 / MD5          H(password | session ID | IPMI message | session seq | password),
 *                      both numbers as the 4 little-endian bytes they have on the wire.
 * Activate Session is authenticated with the temporary session ID from Get Session
 * Challenge and sequence number 0.
 */
#ifndef IK_SESSION15_H
#define IK_SESSION15_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

#define IK_AUTH_NONE     0x00
#define IK_AUTH_MD2      0x01
#define IK_AUTH_MD5      0x02
#define IK_AUTH_PASSWORD 0x04 /* "straight password / key" */
#define IK_AUTH_OEM      0x05
#define IK_AUTH_RMCPP    0x06 /* not 1.5: marks an RMCP+ (2.0) session header */

#define IK_S15_AUTHCODE_LEN 16
#define IK_S15_PASSWORD_LEN 16
#define IK_S15_MAX_DGRAM    (4 + 1 + 4 + 4 + 16 + 1 + 255 + 1)

struct ik_s15 {
    uint8_t auth_type;
    uint32_t seq;
    uint32_t sid;
    uint8_t auth_code[IK_S15_AUTHCODE_LEN]; /* zero when auth_type is none */
    const uint8_t *msg;                     /* the IPMI message, borrowing the datagram */
    size_t msg_len;
    bool legacy_pad; /* a trailing pad byte was present */
};

/* Decode a whole 1.5 datagram (RMCP header included). IK_E_UNSUPPORTED for an RMCP class
 * other than IPMI, for auth type 06h (RMCP+) or an unknown/OEM type; IK_E_BADFIELD for a
 * pad byte that is not 00h. The message itself is not decoded (ik_ipmimsg_decode). */
int ik_s15_decode(const uint8_t *buf, size_t len, struct ik_s15 *out);

/* The 16-byte AuthCode for one message (table above). pw is the 16-byte zero-padded
 * password (may be NULL for auth type none). IK_E_UNSUPPORTED for other types. */
int ik_s15_authcode(uint8_t auth_type, const uint8_t *pw, uint32_t sid, uint32_t seq,
                    const uint8_t *msg, size_t msg_len, uint8_t out[IK_S15_AUTHCODE_LEN]);

/* Encode a whole datagram around msg, computing the AuthCode from pw. */
int ik_s15_encode(uint8_t auth_type, uint32_t seq, uint32_t sid, const uint8_t *pw,
                  const uint8_t *msg, size_t msg_len, uint8_t *buf, size_t cap, size_t *written);

/* 1 if the datagram's AuthCode is right for pw (constant-time compare), 0 if not. */
int ik_s15_verify(const struct ik_s15 *pkt, const uint8_t *pw);

#endif
