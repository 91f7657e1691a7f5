/* RMCP+ session header codec, integrity trailer and AES-CBC-128 confidentiality. */
#include "rmcpplus.h"

#include "cursor.h"
#include "rmcp.h"
#include "session15.h"

/* IPMI 2.0 section 13.6 RMCP+ session header (layout in rmcpplus.h). */
int ik_rp_decode(const uint8_t *buf, size_t len, struct ik_rp *out)
{
    struct ik_rmcp rmcp;
    struct ik_rd r;
    struct ik_rp p;
    int rc = ik_rmcp_decode(buf, len, &rmcp);
    if (rc)
        return rc;
    if (rmcp.ack || rmcp.cls != IK_RMCP_CLASS_IPMI)
        return IK_E_UNSUPPORTED;
    ik_rd_init(&r, rmcp.body, rmcp.body_len);
    uint8_t format = ik_rd_u8(&r);
    if (!ik_rd_error(&r) && format != IK_AUTH_RMCPP)
        return IK_E_UNSUPPORTED;
    uint8_t pt = ik_rd_u8(&r);
    p.payload_type = pt & 0x3F;
    p.encrypted = (pt & IK_PT_ENCRYPTED) != 0;
    p.authenticated = (pt & IK_PT_AUTHED) != 0;
    p.oem_iana = 0;
    p.oem_payload_id = 0;
    if (p.payload_type == IK_PT_OEM) {
        p.oem_iana = ik_rd_le32(&r);
        p.oem_payload_id = ik_rd_le16(&r);
    }
    p.sid = ik_rd_le32(&r);
    p.seq = ik_rd_le32(&r);
    p.payload_len = ik_rd_le16(&r);
    p.payload = ik_rd_ptr(&r, p.payload_len);
    if (ik_rd_error(&r))
        return r.err;
    p.trailer_len = ik_rd_left(&r);
    p.trailer = p.trailer_len ? ik_rd_ptr(&r, p.trailer_len) : NULL;
    if (!p.authenticated && p.trailer_len)
        return IK_E_OVERSIZE;
    if (p.payload_len == 0)
        p.payload = NULL;
    *out = p;
    return 0;
}

int ik_rp_integrity_len(uint8_t integ)
{
    switch (integ) {
    case IK_INTEG_NONE:
        return 0;
    case IK_INTEG_HMAC_SHA1_96:
        return 12;
    case IK_INTEG_HMAC_MD5_128:
    case IK_INTEG_MD5_128:
    case IK_INTEG_HMAC_SHA256_128:
        return 16;
    }
    return IK_E_UNSUPPORTED;
}

int ik_rp_authcode(const struct ik_rp_keys *k, const uint8_t *data, size_t len,
                   uint8_t out[IK_RP_MAX_AUTHCODE])
{
    uint8_t full[IK_HASH_MAX_LEN];
    struct ik_iov iov = {data, len};
    int rc, n = ik_rp_integrity_len(k->integ);
    if (n <= 0)
        return n < 0 ? n : IK_E_INVAL;
    switch (k->integ) {
    case IK_INTEG_HMAC_SHA1_96:
        rc = ik_hmac(IK_HASH_SHA1, k->k1, k->k1_len, &iov, 1, full);
        break;
    case IK_INTEG_HMAC_MD5_128:
        rc = ik_hmac(IK_HASH_MD5, k->k1, k->k1_len, &iov, 1, full);
        break;
    case IK_INTEG_HMAC_SHA256_128:
        rc = ik_hmac(IK_HASH_SHA256, k->k1, k->k1_len, &iov, 1, full);
        break;
    default: { /* MD5-128 (section 13.28.3): MD5 of password | data | password */
        const struct ik_iov parts[3] = {
            {k->pw, IK_RP_PASSWORD_LEN}, {data, len}, {k->pw, IK_RP_PASSWORD_LEN}};
        rc = ik_hash(IK_HASH_MD5, parts, 3, full);
        break;
    }
    }
    if (rc == 0)
        memcpy(out, full, (size_t)n);
    ik_cleanse(full, sizeof(full));
    return rc;
}

int ik_rp_seal(const struct ik_rp_keys *k, const struct ik_rng *rng, uint8_t payload_type,
               uint32_t sid, uint32_t seq, const uint8_t *payload, size_t payload_len, uint8_t *buf,
               size_t cap, size_t *written)
{
    struct ik_wr w;
    uint8_t integ = k ? k->integ : IK_INTEG_NONE;
    uint8_t conf = k ? k->conf : IK_CONF_NONE;
    int alen = ik_rp_integrity_len(integ);

    if (alen < 0)
        return alen;
    if (payload_type > 0x3F || payload_type == IK_PT_OEM)
        return IK_E_RANGE;
    if (payload_len > IK_RP_MAX_PAYLOAD || (payload_len && !payload))
        return IK_E_INVAL;
    if (conf != IK_CONF_NONE && conf != IK_CONF_AES_CBC_128)
        return IK_E_UNSUPPORTED; /* xRC4 has no peer to prove it against; not sent */

    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, IK_RMCP_VERSION);
    ik_wr_u8(&w, 0);
    ik_wr_u8(&w, IK_RMCP_SEQ_NOACK);
    ik_wr_u8(&w, IK_RMCP_CLASS_IPMI);
    ik_wr_u8(&w, IK_AUTH_RMCPP);
    ik_wr_u8(&w,
             (uint8_t)(payload_type | (conf ? IK_PT_ENCRYPTED : 0) | (alen ? IK_PT_AUTHED : 0)));
    ik_wr_le32(&w, sid);
    ik_wr_le32(&w, seq);
    if (conf == IK_CONF_NONE) {
        ik_wr_le16(&w, (uint16_t)payload_len);
        ik_wr_bytes(&w, payload, payload_len);
    } else {
        /* Section 13.29: IV, then data | 01h 02h .. | pad length, a multiple of 16. */
        size_t pad = (IK_AES_BLOCK - (payload_len + 1) % IK_AES_BLOCK) % IK_AES_BLOCK;
        size_t clen = payload_len + pad + 1;
        ik_wr_le16(&w, (uint16_t)(IK_AES_BLOCK + clen));
        uint8_t *iv = ik_wr_ptr(&w, IK_AES_BLOCK);
        uint8_t *ct = ik_wr_ptr(&w, clen);
        if (w.err)
            return w.err;
        if (!rng || rng->fill(rng->ctx, iv, IK_AES_BLOCK))
            return IK_E_CRYPTO;
        memcpy(ct, payload, payload_len);
        for (size_t i = 0; i < pad; i++)
            ct[payload_len + i] = (uint8_t)(i + 1);
        ct[payload_len + pad] = (uint8_t)pad;
        int rc = ik_aes128_cbc_encrypt(k->aes, iv, ct, clen, ct);
        if (rc)
            return rc;
    }
    if (alen) {
        /* Session trailer: pad so that auth type .. next header is a multiple of 4. */
        size_t covered = w.off - IK_RMCP_HDR_LEN + 2;
        size_t pad = (4 - covered % 4) % 4;
        ik_wr_fill(&w, 0xFF, pad);
        ik_wr_u8(&w, (uint8_t)pad);
        ik_wr_u8(&w, IK_RP_NEXT_HEADER);
        uint8_t *code = ik_wr_ptr(&w, (size_t)alen);
        if (w.err)
            return w.err;
        uint8_t mac[IK_RP_MAX_AUTHCODE];
        int rc =
            ik_rp_authcode(k, buf + IK_RMCP_HDR_LEN, (size_t)(code - buf) - IK_RMCP_HDR_LEN, mac);
        if (rc)
            return rc;
        memcpy(code, mac, (size_t)alen);
    }
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_rp_open(const struct ik_rp_keys *k, const uint8_t *dgram, size_t dgram_len,
               const struct ik_rp *pkt, uint8_t *plain, size_t cap, size_t *plain_len,
               enum ik_rp_reject *why)
{
    int alen = ik_rp_integrity_len(k->integ);
    enum ik_rp_reject dummy;
    if (!why)
        why = &dummy;
    *why = IK_RP_OK;
    if (alen < 0)
        return alen;

    if (alen) {
        if (!pkt->authenticated) {
            *why = IK_RP_NOT_AUTHENTICATED;
            return IK_E_AUTH;
        }
        /* Trailer: pad (0-3 FFh) | pad length | 07h | AuthCode. */
        size_t tl = pkt->trailer_len;
        if (tl < (size_t)alen + 2 || tl > (size_t)alen + 5) {
            *why = IK_RP_BAD_TRAILER;
            return IK_E_BADFIELD;
        }
        const uint8_t *t = pkt->trailer;
        size_t pad = tl - (size_t)alen - 2;
        if (t[pad] != pad || t[pad + 1] != IK_RP_NEXT_HEADER) {
            *why = IK_RP_BAD_TRAILER;
            return IK_E_BADFIELD;
        }
        for (size_t i = 0; i < pad; i++)
            if (t[i] != 0xFF) {
                *why = IK_RP_BAD_TRAILER;
                return IK_E_BADFIELD;
            }
        size_t covered = dgram_len - IK_RMCP_HDR_LEN - (size_t)alen;
        if (covered % 4) {
            *why = IK_RP_BAD_TRAILER;
            return IK_E_BADFIELD;
        }
        uint8_t mac[IK_RP_MAX_AUTHCODE];
        int rc = ik_rp_authcode(k, dgram + IK_RMCP_HDR_LEN, covered, mac);
        if (rc)
            return rc;
        if (!ik_ct_equal(mac, t + pad + 2, (size_t)alen)) {
            *why = IK_RP_BAD_AUTHCODE;
            return IK_E_INTEGRITY;
        }
    } else if (pkt->authenticated) {
        /* No integrity negotiated: an "authenticated" packet cannot be checked. */
        *why = IK_RP_BAD_TRAILER;
        return IK_E_BADFIELD;
    }

    if (k->conf == IK_CONF_NONE) {
        if (pkt->encrypted) {
            *why = IK_RP_BAD_CIPHERTEXT;
            return IK_E_BADFIELD;
        }
        if (pkt->payload_len > cap)
            return IK_E_NOSPACE;
        if (pkt->payload_len)
            memcpy(plain, pkt->payload, pkt->payload_len);
        *plain_len = pkt->payload_len;
        return 0;
    }
    if (!pkt->encrypted) {
        *why = IK_RP_NOT_ENCRYPTED;
        return IK_E_AUTH;
    }
    if (k->conf != IK_CONF_AES_CBC_128)
        return IK_E_UNSUPPORTED;
    size_t n = pkt->payload_len;
    if (n < 2 * IK_AES_BLOCK || n % IK_AES_BLOCK) {
        *why = IK_RP_BAD_CIPHERTEXT;
        return IK_E_BADFIELD;
    }
    size_t clen = n - IK_AES_BLOCK;
    if (clen > cap)
        return IK_E_NOSPACE;
    int rc = ik_aes128_cbc_decrypt(k->aes, pkt->payload, pkt->payload + IK_AES_BLOCK, clen, plain);
    if (rc)
        return rc;
    uint8_t pad = plain[clen - 1];
    if (pad >= IK_AES_BLOCK || (size_t)pad + 1 > clen) {
        *why = IK_RP_BAD_CIPHERTEXT;
        return IK_E_BADFIELD;
    }
    size_t dlen = clen - 1 - pad;
    for (size_t i = 0; i < pad; i++)
        if (plain[dlen + i] != (uint8_t)(i + 1)) {
            *why = IK_RP_BAD_CIPHERTEXT;
            return IK_E_BADFIELD;
        }
    *plain_len = dlen;
    return 0;
}
