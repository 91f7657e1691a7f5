/* RMCP+ cipher suite table and Get Channel Cipher Suites record data (cipher.h). */
#include "cipher.h"

#include "cursor.h"
#include "rmcpplus.h"

/* IPMI 2.0 table 22-20. */
static const struct ik_cipher_suite suites[IK_CIPHER_MAX_ID + 1] = {
    {0, IK_RAKP_NONE, IK_INTEG_NONE, IK_CONF_NONE},
    {1, IK_RAKP_HMAC_SHA1, IK_INTEG_NONE, IK_CONF_NONE},
    {2, IK_RAKP_HMAC_SHA1, IK_INTEG_HMAC_SHA1_96, IK_CONF_NONE},
    {3, IK_RAKP_HMAC_SHA1, IK_INTEG_HMAC_SHA1_96, IK_CONF_AES_CBC_128},
    {4, IK_RAKP_HMAC_SHA1, IK_INTEG_HMAC_SHA1_96, IK_CONF_XRC4_128},
    {5, IK_RAKP_HMAC_SHA1, IK_INTEG_HMAC_SHA1_96, IK_CONF_XRC4_40},
    {6, IK_RAKP_HMAC_MD5, IK_INTEG_NONE, IK_CONF_NONE},
    {7, IK_RAKP_HMAC_MD5, IK_INTEG_HMAC_MD5_128, IK_CONF_NONE},
    {8, IK_RAKP_HMAC_MD5, IK_INTEG_HMAC_MD5_128, IK_CONF_AES_CBC_128},
    {9, IK_RAKP_HMAC_MD5, IK_INTEG_HMAC_MD5_128, IK_CONF_XRC4_128},
    {10, IK_RAKP_HMAC_MD5, IK_INTEG_HMAC_MD5_128, IK_CONF_XRC4_40},
    {11, IK_RAKP_HMAC_MD5, IK_INTEG_MD5_128, IK_CONF_NONE},
    {12, IK_RAKP_HMAC_MD5, IK_INTEG_MD5_128, IK_CONF_AES_CBC_128},
    {13, IK_RAKP_HMAC_MD5, IK_INTEG_MD5_128, IK_CONF_XRC4_128},
    {14, IK_RAKP_HMAC_MD5, IK_INTEG_MD5_128, IK_CONF_XRC4_40},
    {15, IK_RAKP_HMAC_SHA256, IK_INTEG_NONE, IK_CONF_NONE},
    {16, IK_RAKP_HMAC_SHA256, IK_INTEG_HMAC_SHA256_128, IK_CONF_NONE},
    {17, IK_RAKP_HMAC_SHA256, IK_INTEG_HMAC_SHA256_128, IK_CONF_AES_CBC_128},
    {18, IK_RAKP_HMAC_SHA256, IK_INTEG_HMAC_SHA256_128, IK_CONF_XRC4_128},
    {19, IK_RAKP_HMAC_SHA256, IK_INTEG_HMAC_SHA256_128, IK_CONF_XRC4_40},
};

int ik_cipher_suite_get(uint8_t id, struct ik_cipher_suite *out)
{
    if (id > IK_CIPHER_MAX_ID)
        return IK_E_NOTFOUND;
    *out = suites[id];
    return 0;
}

int ik_cipher_suite_find(uint8_t auth, uint8_t integ, uint8_t conf)
{
    for (int i = 0; i <= IK_CIPHER_MAX_ID; i++)
        if (suites[i].auth == auth && suites[i].integ == integ && suites[i].conf == conf)
            return i;
    return IK_E_NOTFOUND;
}

bool ik_cipher_suite_supported(uint8_t id)
{
    return id <= IK_CIPHER_MAX_ID && suites[id].conf != IK_CONF_XRC4_128 &&
           suites[id].conf != IK_CONF_XRC4_40;
}

int ik_cipher_records_encode(const uint8_t *ids, size_t n, bool by_alg, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    if (n && !ids)
        return IK_E_INVAL;
    if (!by_alg) {
        for (size_t i = 0; i < n; i++) {
            if (ids[i] > IK_CIPHER_MAX_ID)
                return IK_E_RANGE;
            const struct ik_cipher_suite *s = &suites[ids[i]];
            ik_wr_u8(&w, IK_CIPHER_REC_STD);
            ik_wr_u8(&w, s->id);
            ik_wr_u8(&w, (uint8_t)(IK_CIPHER_TAG_AUTH | s->auth));
            ik_wr_u8(&w, (uint8_t)(IK_CIPHER_TAG_INTEG | s->integ));
            ik_wr_u8(&w, (uint8_t)(IK_CIPHER_TAG_CONF | s->conf));
        }
    } else {
        /* Section 22.15.1: "list supported algorithms": each distinct tag once. */
        uint8_t seen[256] = {0};
        for (size_t i = 0; i < n; i++) {
            if (ids[i] > IK_CIPHER_MAX_ID)
                return IK_E_RANGE;
            const struct ik_cipher_suite *s = &suites[ids[i]];
            const uint8_t tags[3] = {(uint8_t)(IK_CIPHER_TAG_AUTH | s->auth),
                                     (uint8_t)(IK_CIPHER_TAG_INTEG | s->integ),
                                     (uint8_t)(IK_CIPHER_TAG_CONF | s->conf)};
            for (int t = 0; t < 3; t++)
                if (!seen[tags[t]]) {
                    seen[tags[t]] = 1;
                    ik_wr_u8(&w, tags[t]);
                }
        }
    }
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_cipher_page(const uint8_t *records, size_t len, uint8_t index, uint8_t *out, size_t *out_len)
{
    if (index > IK_CIPHER_MAX_INDEX)
        return IK_E_RANGE;
    size_t start = (size_t)index * IK_CIPHER_PAGE;
    size_t n = 0;
    if (start < len) {
        n = len - start;
        if (n > IK_CIPHER_PAGE)
            n = IK_CIPHER_PAGE;
        memcpy(out, records + start, n);
    }
    *out_len = n;
    return 0;
}

/* Table 22-19 (layout in cipher.h): one record. */
int ik_cipher_record_decode(const uint8_t *buf, size_t len, struct ik_cipher_record *out,
                            size_t *used)
{
    struct ik_rd r;
    struct ik_cipher_record v = {
        .auth = IK_CIPHER_ALG_ABSENT, .integ = IK_CIPHER_ALG_ABSENT, .conf = IK_CIPHER_ALG_ABSENT};
    if (len == 0)
        return IK_E_TRUNCATED;
    ik_rd_init(&r, buf, len);
    uint8_t start = ik_rd_u8(&r);
    if (start != IK_CIPHER_REC_STD && start != IK_CIPHER_REC_OEM)
        return IK_E_BADFIELD;
    v.oem = start == IK_CIPHER_REC_OEM;
    v.id = ik_rd_u8(&r);
    if (v.oem)
        v.iana = ik_rd_le24(&r);
    if (ik_rd_error(&r))
        return r.err;
    /* Tags follow until the next start of record (C0h/C1h have both top bits set). */
    while (ik_rd_left(&r) && (r.buf[r.off] & 0xC0) != 0xC0) {
        uint8_t t = ik_rd_u8(&r);
        switch (t & 0xC0) {
        case IK_CIPHER_TAG_AUTH:
            v.auth = t & 0x3F;
            break;
        case IK_CIPHER_TAG_INTEG:
            v.integ = t & 0x3F;
            break;
        default:
            v.conf = t & 0x3F;
            break;
        }
        if (v.n_tags < 0xFF)
            v.n_tags++;
    }
    *out = v;
    *used = r.off;
    return 0;
}

/* Every record in turn: standard ones with at least one tag become suites. */
int ik_cipher_records_decode(const uint8_t *buf, size_t len, struct ik_cipher_suite *out,
                             size_t cap, size_t *n)
{
    size_t count = 0, off = 0;
    while (off < len) {
        struct ik_cipher_record rec;
        size_t used = 0;
        int rc = ik_cipher_record_decode(buf + off, len - off, &rec, &used);
        if (rc)
            return rc;
        if (rec.n_tags == 0)
            return IK_E_BADFIELD;
        off += used;
        if (!rec.oem && count < cap)
            out[count++] = (struct ik_cipher_suite){rec.id, rec.auth, rec.integ, rec.conf};
    }
    *n = count;
    return 0;
}
