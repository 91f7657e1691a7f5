/* RMCP+ Open Session and RAKP 1-4 codecs and the session key computations (rakp.h). */
#include "rakp.h"

#include "cursor.h"

const char *ik_rakp_status_name(uint8_t status)
{
    /* Table 13-15. */
    static const char *const names[] = {
        "no errors",
        "insufficient resources to create a session",
        "invalid session ID",
        "invalid payload type",
        "invalid authentication algorithm",
        "invalid integrity algorithm",
        "no matching authentication payload",
        "no matching integrity payload",
        "inactive session ID",
        "invalid role",
        "unauthorized role or privilege level requested",
        "insufficient resources to create a session at the requested role",
        "invalid name length",
        "unauthorized name",
        "unauthorized GUID",
        "invalid integrity check value",
        "invalid confidentiality algorithm",
        "no cipher suite match with proposed security algorithms",
        "illegal or unrecognized parameter",
    };
    return status < sizeof(names) / sizeof(names[0]) ? names[status] : NULL;
}

/* One 8-byte algorithm payload of the Open Session messages: type, 2 reserved, length 08h,
 * algorithm [5:0], 3 reserved. */
static uint8_t rd_alg_payload(struct ik_rd *r, uint8_t type)
{
    uint8_t t = ik_rd_u8(r);
    ik_rd_skip(r, 2);
    uint8_t plen = ik_rd_u8(r);
    uint8_t alg = ik_rd_u8(r);
    ik_rd_skip(r, 3);
    if (!ik_rd_error(r) && (t != type || plen != 8 || (alg & 0xC0)))
        ik_rd_fail(r, IK_E_BADFIELD);
    return alg & 0x3F;
}

static void wr_alg_payload(struct ik_wr *w, uint8_t type, uint8_t alg)
{
    ik_wr_u8(w, type);
    ik_wr_le16(w, 0);
    ik_wr_u8(w, 8);
    ik_wr_u8(w, alg & 0x3F);
    ik_wr_fill(w, 0, 3);
}

/* Section 13.17 (layout in rakp.h). */
int ik_open_req_decode(const uint8_t *buf, size_t len, struct ik_open_req *out)
{
    struct ik_rd r;
    struct ik_open_req m;
    ik_rd_init(&r, buf, len);
    m.tag = ik_rd_u8(&r);
    m.max_priv = ik_rd_u8(&r) & 0x0F;
    ik_rd_skip(&r, 2);
    m.sid_m = ik_rd_le32(&r);
    m.auth_alg = rd_alg_payload(&r, 0);
    m.integ_alg = rd_alg_payload(&r, 1);
    m.conf_alg = rd_alg_payload(&r, 2);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_open_req_encode(const struct ik_open_req *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->max_priv > 0x0F || in->auth_alg > 0x3F || in->integ_alg > 0x3F || in->conf_alg > 0x3F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->tag);
    ik_wr_u8(&w, in->max_priv);
    ik_wr_le16(&w, 0);
    ik_wr_le32(&w, in->sid_m);
    wr_alg_payload(&w, 0, in->auth_alg);
    wr_alg_payload(&w, 1, in->integ_alg);
    wr_alg_payload(&w, 2, in->conf_alg);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* Section 13.18 (layout in rakp.h). */
int ik_open_rsp_decode(const uint8_t *buf, size_t len, struct ik_open_rsp *out)
{
    struct ik_rd r;
    struct ik_open_rsp m;
    memset(&m, 0, sizeof(m));
    ik_rd_init(&r, buf, len);
    m.tag = ik_rd_u8(&r);
    m.status = ik_rd_u8(&r);
    m.max_priv = ik_rd_u8(&r) & 0x0F;
    ik_rd_skip(&r, 1);
    m.sid_m = ik_rd_le32(&r);
    if (ik_rd_error(&r))
        return r.err;
    if (m.status != IK_RAKP_OK && ik_rd_left(&r) == 0) {
        m.max_priv = 0;
        *out = m;
        return 0;
    }
    m.sid_c = ik_rd_le32(&r);
    m.auth_alg = rd_alg_payload(&r, 0);
    m.integ_alg = rd_alg_payload(&r, 1);
    m.conf_alg = rd_alg_payload(&r, 2);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_open_rsp_encode(const struct ik_open_rsp *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->max_priv > 0x0F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->tag);
    ik_wr_u8(&w, in->status);
    ik_wr_u8(&w, in->status ? 0 : in->max_priv);
    ik_wr_u8(&w, 0);
    ik_wr_le32(&w, in->sid_m);
    if (in->status == IK_RAKP_OK) {
        ik_wr_le32(&w, in->sid_c);
        wr_alg_payload(&w, 0, in->auth_alg);
        wr_alg_payload(&w, 1, in->integ_alg);
        wr_alg_payload(&w, 2, in->conf_alg);
    }
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* Section 13.20 (layout in rakp.h). */
int ik_rakp1_decode(const uint8_t *buf, size_t len, struct ik_rakp1 *out)
{
    struct ik_rd r;
    struct ik_rakp1 m;
    memset(&m, 0, sizeof(m));
    ik_rd_init(&r, buf, len);
    m.tag = ik_rd_u8(&r);
    ik_rd_skip(&r, 3);
    m.sid_c = ik_rd_le32(&r);
    ik_rd_bytes(&r, m.rm, IK_RAKP_RAND_LEN);
    m.role = ik_rd_u8(&r);
    ik_rd_skip(&r, 2);
    m.name_len = ik_rd_u8(&r);
    if (ik_rd_error(&r))
        return r.err;
    if (m.name_len > IK_RAKP_MAX_NAME)
        return IK_E_RANGE; /* status 0Ch, "invalid name length" */
    if (m.role & 0xE0)
        return IK_E_BADFIELD;
    ik_rd_bytes(&r, m.name, m.name_len);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_rakp1_encode(const struct ik_rakp1 *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->name_len > IK_RAKP_MAX_NAME || (in->role & 0xE0))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->tag);
    ik_wr_fill(&w, 0, 3);
    ik_wr_le32(&w, in->sid_c);
    ik_wr_bytes(&w, in->rm, IK_RAKP_RAND_LEN);
    ik_wr_u8(&w, in->role);
    ik_wr_le16(&w, 0);
    ik_wr_u8(&w, in->name_len);
    ik_wr_bytes(&w, in->name, in->name_len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* Sections 13.21-13.23 (layout in rakp.h). */
int ik_rakp_msg_decode(int which, const uint8_t *buf, size_t len, struct ik_rakp_msg *out)
{
    struct ik_rd r;
    struct ik_rakp_msg m;
    if (which < 2 || which > 4)
        return IK_E_INVAL;
    memset(&m, 0, sizeof(m));
    ik_rd_init(&r, buf, len);
    m.tag = ik_rd_u8(&r);
    m.status = ik_rd_u8(&r);
    ik_rd_skip(&r, 2);
    m.sid = ik_rd_le32(&r);
    if (ik_rd_error(&r))
        return r.err;
    if (m.status != IK_RAKP_OK && ik_rd_left(&r) == 0) {
        *out = m;
        return 0;
    }
    if (which == 2) {
        ik_rd_bytes(&r, m.rc, IK_RAKP_RAND_LEN);
        ik_rd_bytes(&r, m.guid, IK_RAKP_GUID_LEN);
    }
    size_t n = ik_rd_left(&r);
    if (n > IK_HASH_MAX_LEN)
        return IK_E_OVERSIZE;
    m.code_len = (uint8_t)n;
    ik_rd_bytes(&r, m.code, n);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_rakp_msg_encode(int which, const struct ik_rakp_msg *in, uint8_t *buf, size_t cap,
                       size_t *written)
{
    struct ik_wr w;
    if (which < 2 || which > 4)
        return IK_E_INVAL;
    if (in->code_len > IK_HASH_MAX_LEN)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->tag);
    ik_wr_u8(&w, in->status);
    ik_wr_le16(&w, 0);
    ik_wr_le32(&w, in->sid);
    if (in->status == IK_RAKP_OK || which == 3) {
        if (which == 2) {
            ik_wr_bytes(&w, in->rc, IK_RAKP_RAND_LEN);
            ik_wr_bytes(&w, in->guid, IK_RAKP_GUID_LEN);
        }
        if (in->status == IK_RAKP_OK)
            ik_wr_bytes(&w, in->code, in->code_len);
    }
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

enum ik_hash ik_rakp_hash(uint8_t auth_alg)
{
    switch (auth_alg) {
    case IK_RAKP_HMAC_SHA1:
        return IK_HASH_SHA1;
    case IK_RAKP_HMAC_MD5:
        return IK_HASH_MD5;
    case IK_RAKP_HMAC_SHA256:
        return IK_HASH_SHA256;
    }
    return (enum ik_hash)0;
}

int ik_rakp_kex_len(uint8_t auth_alg)
{
    if (auth_alg == 0)
        return 0;
    enum ik_hash h = ik_rakp_hash(auth_alg);
    return h ? (int)ik_hash_len(h) : IK_E_UNSUPPORTED;
}

int ik_rakp_icv_len(uint8_t auth_alg)
{
    switch (auth_alg) {
    case 0:
        return 0;
    case IK_RAKP_HMAC_SHA1:
        return 12; /* HMAC-SHA1-96 */
    case IK_RAKP_HMAC_MD5:
        return 16; /* HMAC-MD5-128 */
    case IK_RAKP_HMAC_SHA256:
        return 16; /* HMAC-SHA256-128 */
    }
    return IK_E_UNSUPPORTED;
}

static void le32(uint8_t out[4], uint32_t v)
{
    struct ik_wr w;
    ik_wr_init(&w, out, 4);
    ik_wr_le32(&w, v);
}

static int rakp_hmac(uint8_t auth_alg, const void *key, size_t key_len, const struct ik_iov *iov,
                     size_t n, uint8_t *out)
{
    if (auth_alg == 0)
        return 0;
    enum ik_hash h = ik_rakp_hash(auth_alg);
    if (!h)
        return IK_E_UNSUPPORTED;
    int rc = ik_hmac(h, key, key_len, iov, n, out);
    return rc ? rc : (int)ik_hash_len(h);
}

int ik_rakp2_code(const struct ik_rakp_ctx *c, uint8_t *out)
{
    uint8_t sm[4], sc[4], ul = c->name_len;
    if (c->name_len > IK_RAKP_MAX_NAME)
        return IK_E_RANGE;
    le32(sm, c->sid_m);
    le32(sc, c->sid_c);
    const struct ik_iov iov[] = {{sm, 4},       {sc, 4},       {c->rm, 16}, {c->rc, 16},
                                 {c->guid, 16}, {&c->role, 1}, {&ul, 1},    {c->name, ul}};
    return rakp_hmac(c->auth_alg, c->kuid, sizeof(c->kuid), iov, 8, out);
}

int ik_rakp3_code(const struct ik_rakp_ctx *c, uint8_t *out)
{
    uint8_t sm[4], ul = c->name_len;
    if (c->name_len > IK_RAKP_MAX_NAME)
        return IK_E_RANGE;
    le32(sm, c->sid_m);
    const struct ik_iov iov[] = {{c->rc, 16}, {sm, 4}, {&c->role, 1}, {&ul, 1}, {c->name, ul}};
    return rakp_hmac(c->auth_alg, c->kuid, sizeof(c->kuid), iov, 5, out);
}

int ik_rakp_sik(const struct ik_rakp_ctx *c, uint8_t *sik)
{
    uint8_t ul = c->name_len;
    if (c->name_len > IK_RAKP_MAX_NAME)
        return IK_E_RANGE;
    const struct ik_iov iov[] = {{c->rm, 16}, {c->rc, 16}, {&c->role, 1}, {&ul, 1}, {c->name, ul}};
    const uint8_t *key = c->kg_set ? c->kg : c->kuid;
    return rakp_hmac(c->auth_alg, key, 20, iov, 5, sik);
}

int ik_rakp4_icv(const struct ik_rakp_ctx *c, const uint8_t *sik, size_t sik_len, uint8_t *out)
{
    uint8_t sc[4], full[IK_HASH_MAX_LEN];
    le32(sc, c->sid_c);
    const struct ik_iov iov[] = {{c->rm, 16}, {sc, 4}, {c->guid, 16}};
    int rc = rakp_hmac(c->auth_alg, sik, sik_len, iov, 3, full);
    if (rc <= 0)
        return rc;
    int n = ik_rakp_icv_len(c->auth_alg);
    memcpy(out, full, (size_t)n);
    ik_cleanse(full, sizeof(full));
    return n;
}

int ik_rakp_kn(uint8_t auth_alg, const uint8_t *sik, size_t sik_len, uint8_t n, uint8_t *out)
{
    uint8_t constant[20]; /* section 13.32: 20 bytes of n, whatever the hash */
    memset(constant, n, sizeof(constant));
    const struct ik_iov iov = {constant, sizeof(constant)};
    return rakp_hmac(auth_alg, sik, sik_len, &iov, 1, out);
}
