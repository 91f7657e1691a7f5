/* IPMI 1.5 LAN session header codec and AuthCode algorithms (tables in session15.h). */
#include "session15.h"

#include "crypto.h"
#include "cursor.h"
#include "rmcp.h"

static bool auth_type_known(uint8_t t)
{
    return t == IK_AUTH_NONE || t == IK_AUTH_MD2 || t == IK_AUTH_MD5 || t == IK_AUTH_PASSWORD;
}

/* IPMI 2.0 section 13.6 (the layout is in session15.h). */
int ik_s15_decode(const uint8_t *buf, size_t len, struct ik_s15 *out)
{
    struct ik_rmcp rmcp;
    struct ik_rd r;
    struct ik_s15 s;
    int rc = ik_rmcp_decode(buf, len, &rmcp);
    if (rc)
        return rc;
    if (rmcp.ack || rmcp.cls != IK_RMCP_CLASS_IPMI)
        return IK_E_UNSUPPORTED;
    ik_rd_init(&r, rmcp.body, rmcp.body_len);
    s.auth_type = ik_rd_u8(&r);
    if (!ik_rd_error(&r) && !auth_type_known(s.auth_type))
        return IK_E_UNSUPPORTED;
    s.seq = ik_rd_le32(&r);
    s.sid = ik_rd_le32(&r);
    if (s.auth_type != IK_AUTH_NONE)
        ik_rd_bytes(&r, s.auth_code, IK_S15_AUTHCODE_LEN);
    else
        memset(s.auth_code, 0, sizeof(s.auth_code));
    s.msg_len = ik_rd_u8(&r);
    s.msg = ik_rd_ptr(&r, s.msg_len);
    if (ik_rd_error(&r))
        return r.err;
    s.legacy_pad = false;
    if (ik_rd_left(&r) == 1) {
        if (ik_rd_u8(&r) != 0)
            return IK_E_BADFIELD;
        s.legacy_pad = true;
    }
    if (ik_rd_end(&r))
        return r.err;
    if (s.msg_len == 0)
        s.msg = NULL;
    *out = s;
    return 0;
}

int ik_s15_authcode(uint8_t auth_type, const uint8_t *pw, uint32_t sid, uint32_t seq,
                    const uint8_t *msg, size_t msg_len, uint8_t out[IK_S15_AUTHCODE_LEN])
{
    static const uint8_t zero_pw[IK_S15_PASSWORD_LEN];
    uint8_t sid_le[4], seq_le[4];
    struct ik_wr w;

    if (!pw)
        pw = zero_pw;
    switch (auth_type) {
    case IK_AUTH_NONE:
        memset(out, 0, IK_S15_AUTHCODE_LEN);
        return 0;
    case IK_AUTH_PASSWORD:
        memcpy(out, pw, IK_S15_AUTHCODE_LEN);
        return 0;
    case IK_AUTH_MD2:
    case IK_AUTH_MD5:
        break;
    default:
        return IK_E_UNSUPPORTED;
    }
    ik_wr_init(&w, sid_le, 4);
    ik_wr_le32(&w, sid);
    ik_wr_init(&w, seq_le, 4);
    ik_wr_le32(&w, seq);
    const struct ik_iov parts[5] = {
        {pw, IK_S15_PASSWORD_LEN}, {sid_le, 4}, {msg, msg_len}, {seq_le, 4},
        {pw, IK_S15_PASSWORD_LEN},
    };
    return ik_hash(auth_type == IK_AUTH_MD5 ? IK_HASH_MD5 : IK_HASH_MD2, parts, 5, out);
}

int ik_s15_encode(uint8_t auth_type, uint32_t seq, uint32_t sid, const uint8_t *pw,
                  const uint8_t *msg, size_t msg_len, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    uint8_t code[IK_S15_AUTHCODE_LEN];

    if (!auth_type_known(auth_type))
        return IK_E_UNSUPPORTED;
    if (msg_len > 255)
        return IK_E_RANGE;
    if (msg_len && !msg)
        return IK_E_INVAL;
    int rc = ik_s15_authcode(auth_type, pw, sid, seq, msg, msg_len, code);
    if (rc)
        return rc;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, IK_RMCP_VERSION);
    ik_wr_u8(&w, 0);
    ik_wr_u8(&w, IK_RMCP_SEQ_NOACK);
    ik_wr_u8(&w, IK_RMCP_CLASS_IPMI);
    ik_wr_u8(&w, auth_type);
    ik_wr_le32(&w, seq);
    ik_wr_le32(&w, sid);
    if (auth_type != IK_AUTH_NONE)
        ik_wr_bytes(&w, code, IK_S15_AUTHCODE_LEN);
    ik_wr_u8(&w, (uint8_t)msg_len);
    ik_wr_bytes(&w, msg, msg_len);
    ik_cleanse(code, sizeof(code));
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_s15_verify(const struct ik_s15 *pkt, const uint8_t *pw)
{
    uint8_t code[IK_S15_AUTHCODE_LEN];
    if (pkt->auth_type == IK_AUTH_NONE)
        return 1;
    if (ik_s15_authcode(pkt->auth_type, pw, pkt->sid, pkt->seq, pkt->msg, pkt->msg_len, code))
        return 0;
    int ok = ik_ct_equal(code, pkt->auth_code, IK_S15_AUTHCODE_LEN);
    ik_cleanse(code, sizeof(code));
    return ok;
}
