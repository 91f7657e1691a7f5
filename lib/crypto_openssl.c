/* lib/crypto.h on OpenSSL libcrypto, plus MD2 (RFC 1319) and RC4 written here. */
#include "crypto.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

size_t ik_hash_len(enum ik_hash h)
{
    switch (h) {
    case IK_HASH_MD2:
    case IK_HASH_MD5:
        return 16;
    case IK_HASH_SHA1:
        return 20;
    case IK_HASH_SHA256:
        return 32;
    }
    return 0;
}

/* ---- MD2 (RFC 1319) ------------------------------------------------------------------
 * OpenSSL 3 no longer ships MD2, and IPMI 1.5's auth type 1 needs it. Checked against
 * the RFC's appendix A.5 test suite in tests/test_crypto.c. */

/* RFC 1319 section 3.2: the 256-byte permutation built from the digits of pi. */
static const uint8_t md2_pi[256] = {
    41,  46,  67,  201, 162, 216, 124, 1,   61,  54,  84,  161, 236, 240, 6,   19,  98,  167, 5,
    243, 192, 199, 115, 140, 152, 147, 43,  217, 188, 76,  130, 202, 30,  155, 87,  60,  253, 212,
    224, 22,  103, 66,  111, 24,  138, 23,  229, 18,  190, 78,  196, 214, 218, 158, 222, 73,  160,
    251, 245, 142, 187, 47,  238, 122, 169, 104, 121, 145, 21,  178, 7,   63,  148, 194, 16,  137,
    11,  34,  95,  33,  128, 127, 93,  154, 90,  144, 50,  39,  53,  62,  204, 231, 191, 247, 151,
    3,   255, 25,  48,  179, 72,  165, 181, 209, 215, 94,  146, 42,  172, 86,  170, 198, 79,  184,
    56,  210, 150, 164, 125, 182, 118, 252, 107, 226, 156, 116, 4,   241, 69,  157, 112, 89,  100,
    113, 135, 32,  134, 91,  207, 101, 230, 45,  168, 2,   27,  96,  37,  173, 174, 176, 185, 246,
    28,  70,  97,  105, 52,  64,  126, 15,  85,  71,  163, 35,  221, 81,  175, 58,  195, 92,  249,
    206, 186, 197, 234, 38,  44,  83,  13,  110, 133, 40,  132, 9,   211, 223, 205, 244, 65,  129,
    77,  82,  106, 220, 55,  200, 108, 193, 171, 250, 36,  225, 123, 8,   12,  189, 177, 74,  120,
    136, 149, 139, 227, 99,  232, 109, 233, 203, 213, 254, 59,  0,   29,  57,  242, 239, 183, 14,
    102, 88,  208, 228, 166, 119, 114, 248, 235, 117, 75,  10,  49,  68,  80,  180, 143, 237, 31,
    26,  219, 153, 141, 51,  159, 17,  131, 20,
};

struct md2_state {
    uint8_t x[48];   /* the digest buffer (section 3.4) */
    uint8_t c[16];   /* the running checksum (section 3.2) */
    uint8_t l;       /* last checksum byte */
    uint8_t blk[16]; /* partial input block */
    size_t blk_len;
};

static void md2_block(struct md2_state *st, const uint8_t *m)
{
    /* Checksum update (section 3.2, with the published erratum: C[j] is XORed). */
    for (int j = 0; j < 16; j++) {
        st->c[j] ^= md2_pi[m[j] ^ st->l];
        st->l = st->c[j];
    }
    /* Compression (section 3.4): 18 rounds over the 48-byte buffer. */
    for (int j = 0; j < 16; j++) {
        st->x[16 + j] = m[j];
        st->x[32 + j] = (uint8_t)(st->x[16 + j] ^ st->x[j]);
    }
    uint8_t t = 0;
    for (int r = 0; r < 18; r++) {
        for (int k = 0; k < 48; k++)
            t = st->x[k] ^= md2_pi[t];
        t = (uint8_t)(t + r);
    }
}

static void md2_update(struct md2_state *st, const uint8_t *p, size_t n)
{
    while (n) {
        size_t take = 16 - st->blk_len;
        if (take > n)
            take = n;
        memcpy(st->blk + st->blk_len, p, take);
        st->blk_len += take;
        p += take;
        n -= take;
        if (st->blk_len == 16) {
            md2_block(st, st->blk);
            st->blk_len = 0;
        }
    }
}

static void md2_final(struct md2_state *st, uint8_t out[16])
{
    /* Padding (section 3.1): i bytes of value i, 1 <= i <= 16. */
    uint8_t pad = (uint8_t)(16 - st->blk_len);
    memset(st->blk + st->blk_len, pad, pad);
    md2_block(st, st->blk);
    /* Append the checksum as one more block (section 3.2); C changes as it is
     * processed, so hash a copy. */
    uint8_t c[16];
    memcpy(c, st->c, 16);
    md2_block(st, c);
    memcpy(out, st->x, 16);
    ik_cleanse(c, sizeof(c));
}

/* ---- RC4 ------------------------------------------------------------------------------ */

int ik_rc4_init(struct ik_rc4 *st, const uint8_t *key, size_t key_len)
{
    if (!st || !key || key_len == 0 || key_len > 256)
        return IK_E_INVAL;
    for (int i = 0; i < 256; i++)
        st->s[i] = (uint8_t)i;
    uint8_t j = 0;
    for (int i = 0; i < 256; i++) {
        j = (uint8_t)(j + st->s[i] + key[i % key_len]);
        uint8_t t = st->s[i];
        st->s[i] = st->s[j];
        st->s[j] = t;
    }
    st->i = 0;
    st->j = 0;
    return 0;
}

void ik_rc4_crypt(struct ik_rc4 *st, const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t i = st->i, j = st->j;
    for (size_t n = 0; n < len; n++) {
        i = (uint8_t)(i + 1);
        j = (uint8_t)(j + st->s[i]);
        uint8_t t = st->s[i];
        st->s[i] = st->s[j];
        st->s[j] = t;
        out[n] = in[n] ^ st->s[(uint8_t)(st->s[i] + st->s[j])];
    }
    st->i = i;
    st->j = j;
}

/* ---- digests and HMAC ----------------------------------------------------------------- */

/* OpenSSL 3 looks an algorithm up by name (under a lock) every time EVP_md5() and
 * friends are passed to an Init call. The algorithms are fetched once instead, and kept
 * for the life of the process: immutable, shared by all threads. */
static EVP_MD *md_md5, *md_sha1, *md_sha256;
static EVP_CIPHER *cipher_aes128cbc;
static CRYPTO_ONCE fetch_once = CRYPTO_ONCE_STATIC_INIT;

/*
 * Contexts, one set per thread: a digest context per algorithm and an AES-128-CBC one,
 * made on first use and freed when the thread ends. Allocating, initialising and wiping
 * a context per hash was most of a packet's cost (every RMCP+ packet takes several HMACs
 * and an AES pass). A digest context is re-initialised for each use; the AES context is
 * re-keyed with zeros after each use, so no session key stays behind in it.
 */
struct thread_ctx {
    EVP_MD_CTX *md[3]; /* MD5, SHA-1, SHA-256 */
    EVP_CIPHER_CTX *aes;
};
static CRYPTO_THREAD_LOCAL ctx_key;
static int ctx_key_ok;

static void thread_ctx_free(void *p)
{
    struct thread_ctx *t = p;
    if (!t)
        return;
    for (int i = 0; i < 3; i++)
        EVP_MD_CTX_free(t->md[i]);
    EVP_CIPHER_CTX_free(t->aes);
    OPENSSL_free(t);
}

static void fetch_algorithms(void)
{
    md_md5 = EVP_MD_fetch(NULL, "MD5", NULL);
    md_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL);
    md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    cipher_aes128cbc = EVP_CIPHER_fetch(NULL, "AES-128-CBC", NULL);
    ctx_key_ok = CRYPTO_THREAD_init_local(&ctx_key, thread_ctx_free);
}

/* This thread's contexts, or NULL (then callers fall back to one context per call). */
static struct thread_ctx *thread_ctx(void)
{
    CRYPTO_THREAD_run_once(&fetch_once, fetch_algorithms);
    if (!ctx_key_ok)
        return NULL;
    struct thread_ctx *t = CRYPTO_THREAD_get_local(&ctx_key);
    if (!t) {
        t = OPENSSL_zalloc(sizeof(*t));
        if (t && !CRYPTO_THREAD_set_local(&ctx_key, t)) {
            OPENSSL_free(t);
            t = NULL;
        }
    }
    return t;
}

/* The cached digest context for md (NULL: none could be made). */
static EVP_MD_CTX *cached_md_ctx(const EVP_MD *md)
{
    struct thread_ctx *t = thread_ctx();
    int i = md == md_md5 ? 0 : md == md_sha1 ? 1 : md == md_sha256 ? 2 : -1;
    if (!t || i < 0 || !md)
        return NULL;
    if (!t->md[i])
        t->md[i] = EVP_MD_CTX_new();
    return t->md[i];
}

static const EVP_MD *evp_md(enum ik_hash h)
{
    CRYPTO_THREAD_run_once(&fetch_once, fetch_algorithms);
    switch (h) {
    case IK_HASH_MD5:
        return md_md5 ? md_md5 : EVP_md5();
    case IK_HASH_SHA1:
        return md_sha1 ? md_sha1 : EVP_sha1();
    case IK_HASH_SHA256:
        return md_sha256 ? md_sha256 : EVP_sha256();
    case IK_HASH_MD2:
        break;
    }
    return NULL;
}

static const EVP_CIPHER *evp_aes128cbc(void)
{
    CRYPTO_THREAD_run_once(&fetch_once, fetch_algorithms);
    return cipher_aes128cbc ? cipher_aes128cbc : EVP_aes_128_cbc();
}

/* One digest over a prefix block (may be NULL) and the iov pieces. */
static int evp_digest(const EVP_MD *md, const uint8_t *pre, size_t pre_len,
                      const struct ik_iov *iov, size_t n_iov, uint8_t *out)
{
    EVP_MD_CTX *cached = cached_md_ctx(md);
    EVP_MD_CTX *ctx = cached ? cached : EVP_MD_CTX_new();
    int ok = ctx && EVP_DigestInit_ex(ctx, md, NULL) == 1;
    if (ok && pre)
        ok = EVP_DigestUpdate(ctx, pre, pre_len) == 1;
    for (size_t i = 0; ok && i < n_iov; i++)
        if (iov[i].n)
            ok = EVP_DigestUpdate(ctx, iov[i].p, iov[i].n) == 1;
    unsigned int olen = 0;
    if (ok)
        ok = EVP_DigestFinal_ex(ctx, out, &olen) == 1;
    if (!cached)
        EVP_MD_CTX_free(ctx);
    return ok ? 0 : IK_E_CRYPTO;
}

int ik_hash(enum ik_hash h, const struct ik_iov *iov, size_t n_iov, uint8_t *out)
{
    if (!out || (n_iov && !iov))
        return IK_E_INVAL;
    for (size_t i = 0; i < n_iov; i++)
        if (iov[i].n && !iov[i].p)
            return IK_E_INVAL;
    if (h == IK_HASH_MD2) {
        struct md2_state st;
        memset(&st, 0, sizeof(st));
        for (size_t i = 0; i < n_iov; i++)
            md2_update(&st, iov[i].p, iov[i].n);
        md2_final(&st, out);
        ik_cleanse(&st, sizeof(st));
        return 0;
    }
    const EVP_MD *md = evp_md(h);
    if (!md)
        return IK_E_UNSUPPORTED;
    return evp_digest(md, NULL, 0, iov, n_iov, out);
}

/* RFC 2104 over the EVP digests: H((K ^ opad) | H((K ^ ipad) | text)). Written out rather
 * than through EVP_MAC so that no algorithm fetch happens per packet. */
int ik_hmac(enum ik_hash h, const void *key, size_t key_len, const struct ik_iov *iov, size_t n_iov,
            uint8_t *out)
{
    enum { BLOCK = 64 }; /* MD5, SHA-1 and SHA-256 all have 64-byte blocks */
    const EVP_MD *md = evp_md(h);
    if (!md)
        return IK_E_UNSUPPORTED;
    if (!out || (key_len && !key) || (n_iov && !iov))
        return IK_E_INVAL;
    for (size_t i = 0; i < n_iov; i++)
        if (iov[i].n && !iov[i].p)
            return IK_E_INVAL;

    uint8_t k[BLOCK], pad[BLOCK], inner[IK_HASH_MAX_LEN];
    size_t dlen = ik_hash_len(h);
    int rc = 0;
    memset(k, 0, sizeof(k));
    if (key_len > BLOCK) {
        struct ik_iov kv = {key, key_len};
        rc = evp_digest(md, NULL, 0, &kv, 1, k);
    } else if (key_len) {
        memcpy(k, key, key_len);
    }
    if (rc == 0) {
        for (int i = 0; i < BLOCK; i++)
            pad[i] = k[i] ^ 0x36;
        rc = evp_digest(md, pad, BLOCK, iov, n_iov, inner);
    }
    if (rc == 0) {
        for (int i = 0; i < BLOCK; i++)
            pad[i] = k[i] ^ 0x5c;
        struct ik_iov iv = {inner, dlen};
        rc = evp_digest(md, pad, BLOCK, &iv, 1, out);
    }
    ik_cleanse(k, sizeof(k));
    ik_cleanse(pad, sizeof(pad));
    ik_cleanse(inner, sizeof(inner));
    return rc;
}

/* ---- AES-128-CBC ------------------------------------------------------------------------ */

static int aes_cbc(int enc, const uint8_t key[16], const uint8_t iv[16], const uint8_t *in,
                   size_t len, uint8_t *out)
{
    if (!key || !iv || (len && (!in || !out)) || len % IK_AES_BLOCK || len > 0x7fffffff)
        return IK_E_INVAL;
    if (len == 0)
        return 0;
    static const uint8_t zero[16];
    struct thread_ctx *t = thread_ctx();
    EVP_CIPHER_CTX *ctx = NULL;
    int ok;
    if (t && !t->aes && (t->aes = EVP_CIPHER_CTX_new()) != NULL &&
        (EVP_CipherInit_ex(t->aes, evp_aes128cbc(), NULL, zero, zero, 1) != 1 ||
         EVP_CIPHER_CTX_set_padding(t->aes, 0) != 1)) {
        EVP_CIPHER_CTX_free(t->aes);
        t->aes = NULL;
    }
    if (t && t->aes) {
        /* The cipher stays; only key, IV and direction change. */
        ctx = t->aes;
        ok = EVP_CipherInit_ex(ctx, NULL, NULL, key, iv, enc) == 1;
    } else {
        ctx = EVP_CIPHER_CTX_new();
        ok = ctx && EVP_CipherInit_ex(ctx, evp_aes128cbc(), NULL, key, iv, enc) == 1 &&
             EVP_CIPHER_CTX_set_padding(ctx, 0) == 1;
    }
    int n1 = 0, n2 = 0;
    if (ok)
        ok = EVP_CipherUpdate(ctx, out, &n1, in, (int)len) == 1;
    if (ok)
        ok = EVP_CipherFinal_ex(ctx, out + n1, &n2) == 1 && (size_t)(n1 + n2) == len;
    if (ctx == (t ? t->aes : NULL))
        EVP_CipherInit_ex(ctx, NULL, NULL, zero, zero, 1); /* no key left behind */
    else
        EVP_CIPHER_CTX_free(ctx);
    return ok ? 0 : IK_E_CRYPTO;
}

int ik_aes128_cbc_encrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in,
                          size_t len, uint8_t *out)
{
    return aes_cbc(1, key, iv, in, len, out);
}

int ik_aes128_cbc_decrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in,
                          size_t len, uint8_t *out)
{
    return aes_cbc(0, key, iv, in, len, out);
}

/* ---- randomness, comparison, wiping ----------------------------------------------------- */

int ik_random_bytes(uint8_t *buf, size_t len)
{
    if (len == 0)
        return 0;
    if (!buf || len > 0x7fffffff)
        return IK_E_INVAL;
    return RAND_bytes(buf, (int)len) == 1 ? 0 : IK_E_CRYPTO;
}

static int rng_system_fill(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    return ik_random_bytes(buf, len);
}

const struct ik_rng ik_rng_system = {rng_system_fill, NULL};

int ik_ct_equal(const void *a, const void *b, size_t n)
{
    return CRYPTO_memcmp(a, b, n) == 0;
}

void ik_cleanse(void *p, size_t n)
{
    if (p && n)
        OPENSSL_cleanse(p, n);
}
