/*
 * IPMI messages as they travel on IPMB and inside LAN sessions (IPMI 2.0 sections 13.8
 * and 7.x: "IPMB message format" / "LAN message format"). One codec for both, and for the
 * message that Send Message carries to a satellite and Get Message hands back.
 *
 * Request (table 13-8):                      Response:
 *   OFF SIZE FIELD                             OFF SIZE FIELD
 *   0   1    rsSA  (responder slave address)   0   1    rqSA  (requester address)
 *   1   1    NetFn[7:2] | rsLUN[1:0]           1   1    NetFn[7:2] (odd) | rqLUN[1:0]
 *   2   1    checksum 1 over bytes 0-1         2   1    checksum 1 over bytes 0-1
 *   3   1    rqSA  (requester address)         3   1    rsSA
 *   4   1    rqSeq[7:2] | rqLUN[1:0]           4   1    rqSeq[7:2] | rsLUN[1:0]
 *   5   1    cmd                               5   1    cmd
 *   6   n    data                              6   1+n  completion code, data
 *   6+n 1    checksum 2 over bytes 3..6+n-1    ..  1    checksum 2 over bytes 3..end-1
 *
 * The codec names the fields by position, not by role: dst (bytes 0-1) is whoever the
 * message goes to, src (bytes 3-4) whoever sent it. For a request dst = responder; for a
 * response dst = requester. A response has an odd NetFn.
 */
#ifndef IK_IPMIMSG_H
#define IK_IPMIMSG_H

#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

#define IK_IPMIMSG_HDR_LEN 6 /* bytes 0..5 */
#define IK_IPMIMSG_MIN_LEN 7 /* header + checksum 2, no data */

struct ik_ipmimsg {
    uint8_t dst_addr; /* byte 0: slave address (or software ID) the message goes to */
    uint8_t netfn;    /* 6 bits; odd = response */
    uint8_t dst_lun;  /* 2 bits */
    uint8_t src_addr; /* byte 3 */
    uint8_t seq;      /* 6 bits */
    uint8_t src_lun;  /* 2 bits */
    uint8_t cmd;
    const uint8_t *data; /* borrows the decoded buffer; for a response data[0] is the CC */
    size_t data_len;
};

/* Decode one whole message (exactly len bytes). IK_E_TRUNCATED under 7 bytes,
 * IK_E_CHECKSUM if either checksum is wrong. */
int ik_ipmimsg_decode(const uint8_t *buf, size_t len, struct ik_ipmimsg *out);

/* Encode, computing both checksums. IK_E_RANGE if netfn > 63, seq > 63 or a LUN > 3. */
int ik_ipmimsg_encode(const struct ik_ipmimsg *in, uint8_t *buf, size_t cap, size_t *written);

/* The response header for a request: addresses and LUNs swapped, NetFn | 1, same seq and
 * cmd. Data is left for the caller. */
void ik_ipmimsg_response_hdr(const struct ik_ipmimsg *req, struct ik_ipmimsg *rsp);

static inline int ik_netfn_is_response(uint8_t netfn)
{
    return netfn & 1;
}

#endif
