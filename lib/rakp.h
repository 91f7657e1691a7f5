/*
 * RMCP+ session establishment: Open Session Request/Response and RAKP messages 1-4 (IPMI
 * 2.0 sections 13.17-13.23), and the key computations of sections
 * 13.31-13.32 (SIK, K1, K2, the key exchange authentication codes and RAKP 4's integrity
 * check value).
 *
 * Open Session Request (section 13.17), 32 bytes:
 *   OFF SIZE FIELD
 *   0   1    message tag (echoed)
 *   1   1    requested maximum privilege [3:0] (0 = highest the proposed algorithms allow)
 *   2   2    reserved
 *   4   4    remote console session ID (SIDm), LS byte first
 *   8   8    authentication payload:  00h, 00h 00h, 08h, [5:0] algorithm, 00h 00h 00h
 *   16  8    integrity payload:       01h, ... same shape
 *   24  8    confidentiality payload: 02h, ... same shape
 *
 * Open Session Response (section 13.18): 36 bytes, or 8 when the status is not 00h:
 *   0 tag, 1 status, 2 maximum privilege [3:0], 3 reserved, 4 SIDm (4),
 *   8 managed system session ID SIDc (4), 12/20/28 the three 8-byte algorithm payloads
 *
 * RAKP 1 (section 13.20), 28 + n bytes:
 *   0 tag, 1 reserved (3), 4 SIDc (4), 8 Rm (16), 24 role: [4] 1 = name-only lookup,
 *   0 = username/privilege lookup, [3:0] requested maximum privilege; 25 reserved (2),
 *   27 user name length n (0-16), 28 user name (n)
 *
 * RAKP 2 (section 13.21): 0 tag, 1 status, 2 reserved (2), 4 SIDm, 8 Rc (16), 24 GUIDc (16),
 *   40 key exchange auth code (0/20/16/32 bytes for none/SHA1/MD5/SHA256); 8 bytes when
 *   the status is not 00h.
 * RAKP 3 (section 13.22): 0 tag, 1 status, 2 reserved (2), 4 SIDc, 8 key exchange auth code
 * RAKP 4 (section 13.23): 0 tag, 1 status, 2 reserved (2), 4 SIDm, 8 integrity check value
 *   (0/12/16/16 bytes for none/SHA1/MD5/SHA256)
 *
 * Keys (sections 13.31, 13.32), every number little-endian as on the wire:
 *   RAKP 2 code = HMAC_Kuid(SIDm | SIDc | Rm | Rc | GUIDc | role | ulen | uname)
 *   RAKP 3 code = HMAC_Kuid(Rc | SIDm | role | ulen | uname)
 *   SIK         = HMAC_KG(Rm | Rc | role | ulen | uname)   (KG = Kuid when no BMC key)
 *   RAKP 4 ICV  = HMAC_SIK(Rm | SIDc | GUIDc), truncated
 *   K1 = HMAC_SIK(20 x 01h), K2 = HMAC_SIK(20 x 02h); the AES key is K2[0..15]
 * where Kuid is the user's 20-byte zero-padded password and HMAC uses the authentication
 * algorithm's hash. The whole role byte (lookup bit included) enters every hash.
 */
#ifndef IK_RAKP_H
#define IK_RAKP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "rmcpplus.h"
#include "ipmikit/error.h"

/* RMCP+ and RAKP message status codes (table 13-15). */
#define IK_RAKP_OK                0x00
#define IK_RAKP_NO_RESOURCES      0x01
#define IK_RAKP_BAD_SESSION_ID    0x02
#define IK_RAKP_BAD_PAYLOAD_TYPE  0x03
#define IK_RAKP_BAD_AUTH_ALG      0x04
#define IK_RAKP_BAD_INTEG_ALG     0x05
#define IK_RAKP_NO_MATCHING_AUTH  0x06
#define IK_RAKP_NO_MATCHING_INTEG 0x07
#define IK_RAKP_INACTIVE_SESSION  0x08
#define IK_RAKP_BAD_ROLE          0x09
#define IK_RAKP_UNAUTHORIZED_ROLE 0x0A
#define IK_RAKP_NO_RESOURCES_ROLE 0x0B
#define IK_RAKP_BAD_NAME_LENGTH   0x0C
#define IK_RAKP_UNAUTHORIZED_NAME 0x0D
#define IK_RAKP_UNAUTHORIZED_GUID 0x0E
#define IK_RAKP_BAD_ICV           0x0F
#define IK_RAKP_BAD_CONF_ALG      0x10
#define IK_RAKP_NO_CIPHER_SUITE   0x11
#define IK_RAKP_ILLEGAL_PARAMETER 0x12

/* Static text for a status code ("unauthorized name"), NULL if unknown. */
const char *ik_rakp_status_name(uint8_t status);

#define IK_RAKP_ROLE_NAME_ONLY 0x10 /* role byte bit 4 */
#define IK_RAKP_MAX_NAME       16
#define IK_RAKP_RAND_LEN       16
#define IK_RAKP_GUID_LEN       16

struct ik_open_req {
    uint8_t tag;
    uint8_t max_priv; /* [3:0] */
    uint32_t sid_m;   /* remote console session ID */
    uint8_t auth_alg, integ_alg, conf_alg;
};

struct ik_open_rsp {
    uint8_t tag;
    uint8_t status;
    uint8_t max_priv;
    uint32_t sid_m;
    uint32_t sid_c; /* 0 and the algorithms 0 when status != 0 */
    uint8_t auth_alg, integ_alg, conf_alg;
};

struct ik_rakp1 {
    uint8_t tag;
    uint32_t sid_c;
    uint8_t rm[IK_RAKP_RAND_LEN];
    uint8_t role; /* whole byte: [4] name-only lookup, [3:0] privilege */
    uint8_t name_len;
    uint8_t name[IK_RAKP_MAX_NAME];
};

/* RAKP 2, 3 and 4 share one shape: tag, status, a session ID, and a trailing code
 * (RAKP 2 also carries Rc and GUIDc before it). */
struct ik_rakp_msg {
    uint8_t tag;
    uint8_t status;
    uint32_t sid;                   /* RAKP 2/4: SIDm; RAKP 3: SIDc */
    uint8_t rc[IK_RAKP_RAND_LEN];   /* RAKP 2 only */
    uint8_t guid[IK_RAKP_GUID_LEN]; /* RAKP 2 only */
    uint8_t code[IK_HASH_MAX_LEN];  /* key exchange auth code or ICV */
    uint8_t code_len;
};

int ik_open_req_decode(const uint8_t *buf, size_t len, struct ik_open_req *out);
int ik_open_req_encode(const struct ik_open_req *in, uint8_t *buf, size_t cap, size_t *written);
int ik_open_rsp_decode(const uint8_t *buf, size_t len, struct ik_open_rsp *out);
int ik_open_rsp_encode(const struct ik_open_rsp *in, uint8_t *buf, size_t cap, size_t *written);
int ik_rakp1_decode(const uint8_t *buf, size_t len, struct ik_rakp1 *out);
int ik_rakp1_encode(const struct ik_rakp1 *in, uint8_t *buf, size_t cap, size_t *written);
/* which: 2, 3 or 4. The code length is whatever follows the fixed part (at most 32);
 * callers check it against the algorithm. An error status may come without the rest. */
int ik_rakp_msg_decode(int which, const uint8_t *buf, size_t len, struct ik_rakp_msg *out);
int ik_rakp_msg_encode(int which, const struct ik_rakp_msg *in, uint8_t *buf, size_t cap,
                       size_t *written);

/* Hash behind an authentication algorithm, 0 for RAKP-none / unknown. */
enum ik_hash ik_rakp_hash(uint8_t auth_alg);
/* Key exchange auth code length (0, 20, 16, 32) or IK_E_UNSUPPORTED. */
int ik_rakp_kex_len(uint8_t auth_alg);
/* RAKP 4 integrity check value length (0, 12, 16, 16) or IK_E_UNSUPPORTED. */
int ik_rakp_icv_len(uint8_t auth_alg);

/* The inputs every computation draws from. kuid is the 20-byte zero-padded password; kg
 * the 20-byte BMC key or NULL (then Kuid is used). */
struct ik_rakp_ctx {
    uint8_t auth_alg;
    uint32_t sid_m, sid_c;
    uint8_t rm[IK_RAKP_RAND_LEN], rc[IK_RAKP_RAND_LEN], guid[IK_RAKP_GUID_LEN];
    uint8_t role;
    uint8_t name_len;
    uint8_t name[IK_RAKP_MAX_NAME];
    uint8_t kuid[20];
    uint8_t kg[20];
    bool kg_set;
};

/* Each writes ik_rakp_kex_len / hash-length bytes to out and returns that length (0 for
 * RAKP-none) or a negative error. */
int ik_rakp2_code(const struct ik_rakp_ctx *c, uint8_t *out);
int ik_rakp3_code(const struct ik_rakp_ctx *c, uint8_t *out);
int ik_rakp_sik(const struct ik_rakp_ctx *c, uint8_t *sik);
/* ICV over Rm | SIDc | GUIDc with the SIK; returns the truncated length. */
int ik_rakp4_icv(const struct ik_rakp_ctx *c, const uint8_t *sik, size_t sik_len, uint8_t *out);
/* K_n = HMAC_SIK(20 bytes of n), n = 1 or 2. Returns the key length. */
int ik_rakp_kn(uint8_t auth_alg, const uint8_t *sik, size_t sik_len, uint8_t n, uint8_t *out);

#endif
