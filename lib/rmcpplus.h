/*
 * The IPMI 2.0 RMCP+ session wrapper (IPMI 2.0 section 13.6, "IPMI v2.0 RMCP+
 * Session Header", session trailer, sections 13.28-13.29 integrity and
 * confidentiality algorithms).
 *
 *   OFF  SIZE FIELD
 *   0    4    RMCP header (rmcp.h), class 07h
 *   4    1    authentication type / format: 06h = RMCP+
 *   5    1    payload type: [7] encrypted, [6] authenticated, [5:0] type (table 13-16):
 *               00h IPMI message, 01h SOL, 02h OEM explicit, 10h Open Session Request,
 *               11h Open Session Response, 12h-15h RAKP messages 1-4
 *   6    4    OEM IANA (3 bytes + 1 reserved)  } only for payload type 02h
 *   10   2    OEM payload ID                    }
 *   6/12 4    session ID (the receiver's ID; 0 before a session exists), LS byte first
 *   ..   4    session sequence number, LS byte first
 *   ..   2    payload length, LS byte first
 *   ..   n    payload; when encrypted with AES-CBC-128 (section 13.29):
 *               16-byte IV | AES-CBC(data | pad 01h 02h .. | pad length)   (a multiple of 16)
 *   session trailer, only when authenticated:
 *   ..   0-3  integrity pad, FFh bytes, so that bytes [4 .. next header] are a multiple of 4
 *   ..   1    pad length
 *   ..   1    next header: 07h
 *   ..   N    AuthCode over bytes [4 .. next header], N by the integrity algorithm:
 *               HMAC-SHA1-96 12 (key K1), HMAC-MD5-128 16 (K1),
 *               MD5-128 16 = MD5(password20 | data | password20), HMAC-SHA256-128 16 (K1)
 */
#ifndef IK_RMCPPLUS_H
#define IK_RMCPPLUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "ipmikit/error.h"

/* Payload types (IPMI 2.0 table 13-16). */
#define IK_PT_IPMI      0x00
#define IK_PT_SOL       0x01
#define IK_PT_OEM       0x02
#define IK_PT_OPEN_REQ  0x10
#define IK_PT_OPEN_RSP  0x11
#define IK_PT_RAKP1     0x12
#define IK_PT_RAKP2     0x13
#define IK_PT_RAKP3     0x14
#define IK_PT_RAKP4     0x15
#define IK_PT_ENCRYPTED 0x80
#define IK_PT_AUTHED    0x40

/* Authentication algorithms (table 13-17). */
#define IK_RAKP_NONE        0x00
#define IK_RAKP_HMAC_SHA1   0x01
#define IK_RAKP_HMAC_MD5    0x02
#define IK_RAKP_HMAC_SHA256 0x03
/* Integrity algorithms (table 13-18). */
#define IK_INTEG_NONE            0x00
#define IK_INTEG_HMAC_SHA1_96    0x01
#define IK_INTEG_HMAC_MD5_128    0x02
#define IK_INTEG_MD5_128         0x03
#define IK_INTEG_HMAC_SHA256_128 0x04
/* Confidentiality algorithms (table 13-19). */
#define IK_CONF_NONE        0x00
#define IK_CONF_AES_CBC_128 0x01
#define IK_CONF_XRC4_128    0x02
#define IK_CONF_XRC4_40     0x03

#define IK_RP_NEXT_HEADER  0x07
#define IK_RP_MAX_AUTHCODE 16
#define IK_RP_PASSWORD_LEN 20   /* IPMI 2.0 passwords: 20 bytes, zero padded */
#define IK_RP_MAX_PAYLOAD  1024 /* our cap on one payload; IPMI messages are far shorter */
#define IK_RP_MAX_DGRAM    (16 + IK_RP_MAX_PAYLOAD + 32 + 8 + IK_RP_MAX_AUTHCODE)

struct ik_rp {
    uint8_t payload_type; /* [5:0] */
    bool encrypted;
    bool authenticated;
    uint32_t oem_iana;       /* payload type 02h only */
    uint16_t oem_payload_id; /* payload type 02h only */
    uint32_t sid;
    uint32_t seq;
    const uint8_t *payload; /* borrows the datagram (still encrypted if .encrypted) */
    size_t payload_len;
    const uint8_t *trailer; /* bytes after the payload (empty unless authenticated) */
    size_t trailer_len;
};

/* Decode a whole RMCP+ datagram's header and split payload / trailer. The trailer is not
 * checked here: its layout depends on the session's integrity algorithm (ik_rp_open).
 * IK_E_UNSUPPORTED for a class other than IPMI or an auth type other than 06h;
 * IK_E_BADFIELD for an unauthenticated packet with trailing bytes. */
int ik_rp_decode(const uint8_t *buf, size_t len, struct ik_rp *out);

/* AuthCode length of an integrity algorithm (0 for none), or IK_E_UNSUPPORTED. */
int ik_rp_integrity_len(uint8_t integ);

/* What a session needs to seal and open its packets. */
struct ik_rp_keys {
    uint8_t integ;               /* IK_INTEG_* */
    uint8_t conf;                /* IK_CONF_* */
    uint8_t k1[IK_HASH_MAX_LEN]; /* integrity key for the HMAC algorithms */
    size_t k1_len;
    uint8_t aes[16];                /* first 16 bytes of K2, for AES-CBC-128 */
    uint8_t pw[IK_RP_PASSWORD_LEN]; /* the user's password, for MD5-128 integrity */
};

/* The AuthCode over data[0..len) (auth type byte through next header). */
int ik_rp_authcode(const struct ik_rp_keys *k, const uint8_t *data, size_t len,
                   uint8_t out[IK_RP_MAX_AUTHCODE]);

/* Build a datagram: RMCP header, session header, the payload encrypted if k->conf says so
 * (IV from rng) and the trailer + AuthCode if k->integ says so. k may be NULL for the
 * unauthenticated pre-session payloads. OEM payloads (02h) are not sent. */
int ik_rp_seal(const struct ik_rp_keys *k, const struct ik_rng *rng, uint8_t payload_type,
               uint32_t sid, uint32_t seq, const uint8_t *payload, size_t payload_len, uint8_t *buf,
               size_t cap, size_t *written);

/* Reasons ik_rp_open() rejects an in-session packet. */
enum ik_rp_reject {
    IK_RP_OK = 0,
    IK_RP_NOT_AUTHENTICATED, /* session has integrity but the packet has no AuthCode */
    IK_RP_NOT_ENCRYPTED,     /* session has confidentiality but the packet is clear */
    IK_RP_BAD_TRAILER,       /* pad / pad length / next header wrong */
    IK_RP_BAD_AUTHCODE,      /* AuthCode mismatch */
    IK_RP_BAD_CIPHERTEXT,    /* IV missing, length not a block multiple, pad bytes wrong */
};

/* Check and decrypt a decoded in-session packet (pkt from ik_rp_decode over dgram). On
 * success the clear payload is in plain[0..*plain_len). Returns 0, or IK_E_INTEGRITY /
 * IK_E_AUTH / IK_E_BADFIELD / IK_E_NOSPACE with *why saying which check failed. The
 * AuthCode is compared in constant time and checked before anything is decrypted. */
int ik_rp_open(const struct ik_rp_keys *k, const uint8_t *dgram, size_t dgram_len,
               const struct ik_rp *pkt, uint8_t *plain, size_t cap, size_t *plain_len,
               enum ik_rp_reject *why);

#endif
