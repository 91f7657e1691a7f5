/*
 * RMCP, the UDP wrapper of IPMI over LAN (IPMI 2.0 section 13.1.3, DMTF ASF 2.0 section
 * 3.2.2), and the ASF Presence Ping / Pong that tools use to discover a BMC.
 *
 * RMCP header (IPMI 2.0 section 13.1.3, ASF 2.0 section 3.2.2.1):
 *   OFF SIZE FIELD
 *   0   1    version: 06h (RMCP 1.0)
 *   1   1    reserved: 00h
 *   2   1    sequence number: FFh = "do not send an RMCP ACK" (what IPMI always uses)
 *   3   1    class of message: [7] 1 = this is an ACK, [4:0] 06h ASF, 07h IPMI, 08h OEM
 *   4   n    the message of that class (empty for an ACK)
 *
 * ASF message (ASF 2.0 section 3.2.4, as IPMI 2.0 section 13.2 uses it):
 *   OFF SIZE FIELD
 *   0   4    IANA enterprise number, big-endian: 4542 (000011BEh) for ASF
 *   4   1    message type: 80h Presence Ping, 40h Presence Pong
 *   5   1    message tag (the pong echoes the ping's)
 *   6   1    reserved: 00h
 *   7   1    data length
 *   8   n    data (none for a ping, 16 bytes for a pong)
 *
 * Presence Pong data (ASF 2.0 section 3.2.4.3):
 *   OFF SIZE FIELD
 *   0   4    IANA enterprise number, big-endian (4542 when no OEM extensions)
 *   4   4    OEM-defined
 *   8   1    supported entities: [7] IPMI supported, [3:0] 0001b = ASF 1.0
 *   9   1    supported interactions: [5] security extensions (RMCP+), [0] DASH
 *   10  6    reserved (00h)
 */
#ifndef IK_RMCP_H
#define IK_RMCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

#define IK_RMCP_HDR_LEN      4
#define IK_RMCP_VERSION      0x06
#define IK_RMCP_SEQ_NOACK    0xFF
#define IK_RMCP_CLASS_ASF    0x06
#define IK_RMCP_CLASS_IPMI   0x07
#define IK_RMCP_CLASS_OEM    0x08
#define IK_RMCP_CLASS_ACK    0x80 /* bit 7 of the class byte */
#define IK_ASF_IANA          4542u
#define IK_ASF_TYPE_PING     0x80
#define IK_ASF_TYPE_PONG     0x40
#define IK_ASF_HDR_LEN       8
#define IK_ASF_PONG_DATA_LEN 16

struct ik_rmcp {
    uint8_t seq;
    uint8_t cls;         /* [4:0] of the class byte */
    bool ack;            /* class bit 7 */
    const uint8_t *body; /* borrows the decoded buffer; NULL when empty */
    size_t body_len;
};

/* Decode the RMCP header of a datagram. IK_E_TRUNCATED under 4 bytes, IK_E_UNSUPPORTED for
 * a version other than 06h, IK_E_BADFIELD for a non-zero reserved byte. */
int ik_rmcp_decode(const uint8_t *buf, size_t len, struct ik_rmcp *out);

/* Write the 4-byte header for class cls (seq FFh, no ACK). */
int ik_rmcp_hdr_encode(uint8_t cls, uint8_t *buf, size_t cap, size_t *written);

/* The RMCP ACK a receiver owes for a message whose seq is not FFh (header only). */
int ik_rmcp_ack_encode(const struct ik_rmcp *msg, uint8_t *buf, size_t cap, size_t *written);

struct ik_asf {
    uint32_t iana;
    uint8_t type;
    uint8_t tag;
    const uint8_t *data; /* borrows the decoded buffer; NULL when data_len == 0 */
    uint8_t data_len;
};

/* Decode an ASF message (the RMCP body). IK_E_OVERSIZE / IK_E_TRUNCATED when the data
 * length byte disagrees with the bytes present. */
int ik_asf_decode(const uint8_t *buf, size_t len, struct ik_asf *out);

struct ik_asf_pong {
    uint32_t iana;        /* usually IK_ASF_IANA */
    uint32_t oem;         /* OEM-defined */
    uint8_t entities;     /* 81h: IPMI supported, ASF 1.0 */
    uint8_t interactions; /* 00h, or 20h (bit 5) when RMCP+ is supported */
};

/* Decode the 16 data bytes of a pong (exactly 16). */
int ik_asf_pong_decode(const uint8_t *buf, size_t len, struct ik_asf_pong *out);

/* Whole datagrams (RMCP header + ASF message). */
int ik_asf_ping_encode(uint8_t tag, uint8_t *buf, size_t cap, size_t *written);
int ik_asf_pong_encode(uint8_t tag, const struct ik_asf_pong *pong, uint8_t *buf, size_t cap,
                       size_t *written);

#endif
