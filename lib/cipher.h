/*
 * RMCP+ cipher suites (IPMI 2.0 section 22.15.2, table 22-20 "Cipher Suite IDs") and the
 * record data of Get Channel Cipher Suites (table 22-19 / section 22.15.1).
 *
 * Suite  auth         integrity        confidentiality
 *   0    none         none             none
 *   1    HMAC-SHA1    none             none
 *   2    HMAC-SHA1    HMAC-SHA1-96     none
 *   3    HMAC-SHA1    HMAC-SHA1-96     AES-CBC-128
 *   4    HMAC-SHA1    HMAC-SHA1-96     xRC4-128
 *   5    HMAC-SHA1    HMAC-SHA1-96     xRC4-40
 *   6    HMAC-MD5     none             none
 *   7    HMAC-MD5     HMAC-MD5-128     none
 *   8    HMAC-MD5     HMAC-MD5-128     AES-CBC-128
 *   9    HMAC-MD5     HMAC-MD5-128     xRC4-128
 *   10   HMAC-MD5     HMAC-MD5-128     xRC4-40
 *   11   HMAC-MD5     MD5-128          none
 *   12   HMAC-MD5     MD5-128          AES-CBC-128
 *   13   HMAC-MD5     MD5-128          xRC4-128
 *   14   HMAC-MD5     MD5-128          xRC4-40
 *   15   HMAC-SHA256  none             none
 *   16   HMAC-SHA256  HMAC-SHA256-128  none
 *   17   HMAC-SHA256  HMAC-SHA256-128  AES-CBC-128
 *   18   HMAC-SHA256  HMAC-SHA256-128  xRC4-128
 *   19   HMAC-SHA256  HMAC-SHA256-128  xRC4-40
 *
 * Cipher suite record (table 22-19), one per suite, concatenated:
 *   OFF SIZE FIELD
 *   0   1    start of record: C0h standard suite, C1h OEM suite
 *   1   1    cipher suite ID
 *   2   3    OEM IANA (C1h records only), LS byte first
 *   ..  1+   algorithm tags: 00xxxxxxb authentication, 01xxxxxxb integrity,
 *            10xxxxxxb confidentiality (one of each for a defined suite)
 *
 * Get Channel Cipher Suites returns that data 16 bytes at a time: the request's list
 * index n (0-3Fh) asks for bytes [16n, 16n+16); a reply with fewer than 16 bytes is the
 * last page.
 */
#ifndef IK_CIPHER_H
#define IK_CIPHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

#define IK_CIPHER_MAX_ID    19
#define IK_CIPHER_COUNT     20 /* suites 0-19 */
#define IK_CIPHER_PAGE      16
#define IK_CIPHER_MAX_INDEX 0x3F
#define IK_CIPHER_REC_STD   0xC0
#define IK_CIPHER_REC_OEM   0xC1
#define IK_CIPHER_TAG_AUTH  0x00
#define IK_CIPHER_TAG_INTEG 0x40
#define IK_CIPHER_TAG_CONF  0x80

struct ik_cipher_suite {
    uint8_t id;
    uint8_t auth;  /* IK_RAKP_HMAC_* / IK_RAKP_NONE */
    uint8_t integ; /* IK_INTEG_* */
    uint8_t conf;  /* IK_CONF_* */
};

/* The table-22-20 triple of a standard suite; IK_E_NOTFOUND above 19. */
int ik_cipher_suite_get(uint8_t id, struct ik_cipher_suite *out);

/* The suite ID with exactly this triple, or IK_E_NOTFOUND. */
int ik_cipher_suite_find(uint8_t auth, uint8_t integ, uint8_t conf);

/* True if libipmikit can run this suite (everything but the xRC4 ones). */
bool ik_cipher_suite_supported(uint8_t id);

/* Encode the record data for a list of standard suite IDs (by cipher suite) or, with
 * by_alg, the list of distinct algorithm tags those suites use. */
int ik_cipher_records_encode(const uint8_t *ids, size_t n, bool by_alg, uint8_t *buf, size_t cap,
                             size_t *written);

/* One page (list index) of record data: out gets up to 16 bytes. */
int ik_cipher_page(const uint8_t *records, size_t len, uint8_t index, uint8_t *out,
                   size_t *out_len);

/* One record as it stands on the wire, OEM ones included. */
struct ik_cipher_record {
    bool oem;       /* C1h record */
    uint8_t id;     /* cipher suite ID */
    uint32_t iana;  /* OEM records: the 3-byte IANA field; 0 for standard ones */
    uint8_t n_tags; /* algorithm tags in the record (0 is legal on the wire, odd) */
    uint8_t auth;   /* the last tag of each kind, its 6-bit number; */
    uint8_t integ;  /* IK_CIPHER_ALG_ABSENT when the record has no tag of that kind */
    uint8_t conf;
};
#define IK_CIPHER_ALG_ABSENT 0xFF

/* Decode the record at the front of buf; *used says how many bytes it took. IK_E_BADFIELD
 * if buf does not start with C0h/C1h, IK_E_TRUNCATED if it ends inside the record's
 * fixed part. Tags run to the next byte with both top bits set (a start of record). */
int ik_cipher_record_decode(const uint8_t *buf, size_t len, struct ik_cipher_record *out,
                            size_t *used);

/* Decode concatenated record data into suites (OEM records are skipped, their IDs are not
 * returned). IK_E_BADFIELD for a byte that is neither a start of record nor a tag in
 * sequence; *n is the count written (at most cap). */
int ik_cipher_records_decode(const uint8_t *buf, size_t len, struct ik_cipher_suite *out,
                             size_t cap, size_t *n);

#endif
