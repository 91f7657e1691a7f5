/*
 * The small crypto interface libipmikit's LAN layer uses: digests (MD2, MD5, SHA-1,
 * SHA-256), HMAC over them, AES-128-CBC without padding, RC4, random bytes, a
 * constant-time compare and a wipe.
 *
 * Everything takes its input as a short list of pieces (struct ik_iov) because every
 * IPMI authentication code is a hash over a concatenation (password | session ID |
 * message | sequence | password, Rm | Rc | role | name, ...), and gathering pieces avoids
 * assembling them in a scratch buffer that would then need wiping.
 *
 * The implementation (crypto_openssl.c) uses OpenSSL libcrypto for MD5/SHA/AES/random and
 * carries its own MD2 (RFC 1319; OpenSSL 3 dropped it) and RC4 (so no legacy provider is
 * needed). Nothing here keeps state between calls.
 */
#ifndef IK_CRYPTO_H
#define IK_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

enum ik_hash {
    IK_HASH_MD2 = 1, /* 16-byte digest; IPMI 1.5 "MD2" auth type only, never HMAC'd */
    IK_HASH_MD5,     /* 16 bytes */
    IK_HASH_SHA1,    /* 20 bytes */
    IK_HASH_SHA256,  /* 32 bytes */
};

#define IK_HASH_MAX_LEN 32

struct ik_iov {
    const void *p;
    size_t n;
};

/* Digest length of h in bytes, 0 for an unknown h. */
size_t ik_hash_len(enum ik_hash h);

/* out = H(iov[0] | iov[1] | ...). out holds ik_hash_len(h) bytes. */
int ik_hash(enum ik_hash h, const struct ik_iov *iov, size_t n_iov, uint8_t *out);

/* out = HMAC-H(key, iov[0] | ...) per RFC 2104 (MD5, SHA-1, SHA-256; not MD2). */
int ik_hmac(enum ik_hash h, const void *key, size_t key_len, const struct ik_iov *iov, size_t n_iov,
            uint8_t *out);

/* AES-128-CBC over whole 16-byte blocks, no padding (IPMI adds its own); len % 16 == 0,
 * in and out may be the same buffer. */
#define IK_AES_BLOCK 16
int ik_aes128_cbc_encrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in,
                          size_t len, uint8_t *out);
int ik_aes128_cbc_decrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in,
                          size_t len, uint8_t *out);

/* RC4 (the "arcfour" of xRC4-128/xRC4-40): a keystream state the caller owns. */
struct ik_rc4 {
    uint8_t s[256];
    uint8_t i, j;
};
int ik_rc4_init(struct ik_rc4 *st, const uint8_t *key, size_t key_len);
void ik_rc4_crypt(struct ik_rc4 *st, const uint8_t *in, uint8_t *out, size_t len);

/* Cryptographically strong random bytes. */
int ik_random_bytes(uint8_t *buf, size_t len);

/* Random-byte source injected into the session machines, so tests can replay a
 * handshake byte for byte. fill returns 0 or IK_E_CRYPTO. */
struct ik_rng {
    int (*fill)(void *ctx, uint8_t *buf, size_t len);
    void *ctx;
};
/* The default source: ik_random_bytes. */
extern const struct ik_rng ik_rng_system;

/* 1 if the n bytes are equal, 0 otherwise; time depends on n only. */
int ik_ct_equal(const void *a, const void *b, size_t n);

/* Overwrite n bytes with zeros in a way the compiler cannot drop. */
void ik_cleanse(void *p, size_t n);

#endif
