/* Data codecs of the LAN session commands (tables in lanmsg.h) and message helpers. */
#include "lanmsg.h"

#include "cursor.h"
#include "ipmimsg.h"

/* Get Channel Authentication Capabilities request (lanmsg.h). */
int ik_authcap_req_decode(const uint8_t *buf, size_t len, struct ik_authcap_req *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r);
    uint8_t b1 = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->channel = b0 & 0x0F;
    out->ext = (b0 & 0x80) != 0;
    out->priv = b1 & 0x0F;
    return 0;
}

int ik_authcap_req_encode(const struct ik_authcap_req *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || in->priv > 0x0F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)(in->channel | (in->ext ? 0x80 : 0)));
    ik_wr_u8(&w, in->priv);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* Get Channel Authentication Capabilities response (lanmsg.h). */
int ik_authcap_decode(const uint8_t *buf, size_t len, struct ik_authcap *out)
{
    struct ik_rd r;
    struct ik_authcap a;
    memset(&a, 0, sizeof(a));
    ik_rd_init(&r, buf, len);
    a.cc = ik_rd_u8(&r);
    if (ik_rd_error(&r))
        return r.err;
    if (a.cc) {
        *out = a;
        return 0;
    }
    a.channel = ik_rd_u8(&r);
    uint8_t b2 = ik_rd_u8(&r);
    uint8_t b3 = ik_rd_u8(&r);
    uint8_t b4 = ik_rd_u8(&r);
    a.oem_iana = ik_rd_le24(&r);
    a.oem_aux = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    a.auth_types = b2 & 0x37;
    a.ext = (b2 & IK_AUTHCAP_EXT) != 0;
    a.kg_set = (b3 & 0x20) != 0;
    a.per_msg_disabled = (b3 & 0x10) != 0;
    a.user_level_disabled = (b3 & 0x08) != 0;
    a.non_null_users = (b3 & 0x04) != 0;
    a.null_users = (b3 & 0x02) != 0;
    a.anonymous = (b3 & 0x01) != 0;
    a.v20 = (b4 & 0x02) != 0;
    a.v15 = (b4 & 0x01) != 0;
    *out = a;
    return 0;
}

int ik_authcap_encode(const struct ik_authcap *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->cc);
    if (in->cc == 0) {
        ik_wr_u8(&w, in->channel);
        ik_wr_u8(&w, (uint8_t)((in->auth_types & 0x37) | (in->ext ? IK_AUTHCAP_EXT : 0)));
        ik_wr_u8(&w,
                 (uint8_t)((in->kg_set ? 0x20 : 0) | (in->per_msg_disabled ? 0x10 : 0) |
                           (in->user_level_disabled ? 0x08 : 0) | (in->non_null_users ? 0x04 : 0) |
                           (in->null_users ? 0x02 : 0) | (in->anonymous ? 0x01 : 0)));
        ik_wr_u8(&w, (uint8_t)(in->ext ? ((in->v20 ? 2 : 0) | (in->v15 ? 1 : 0)) : 0));
        ik_wr_le24(&w, in->oem_iana);
        ik_wr_u8(&w, in->oem_aux);
    }
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* Get Session Challenge (lanmsg.h). */
int ik_chal_req_decode(const uint8_t *buf, size_t len, struct ik_chal_req *out)
{
    struct ik_rd r;
    struct ik_chal_req m;
    ik_rd_init(&r, buf, len);
    m.auth_type = ik_rd_u8(&r) & 0x0F;
    ik_rd_bytes(&r, m.name, 16);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_chal_req_encode(const struct ik_chal_req *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->auth_type & 0x0F);
    ik_wr_bytes(&w, in->name, 16);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_chal_rsp_decode(const uint8_t *buf, size_t len, struct ik_chal_rsp *out)
{
    struct ik_rd r;
    struct ik_chal_rsp m;
    memset(&m, 0, sizeof(m));
    ik_rd_init(&r, buf, len);
    m.cc = ik_rd_u8(&r);
    if (!ik_rd_error(&r) && m.cc) {
        *out = m;
        return 0;
    }
    m.temp_sid = ik_rd_le32(&r);
    ik_rd_bytes(&r, m.challenge, 16);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_chal_rsp_encode(const struct ik_chal_rsp *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->cc);
    if (in->cc == 0) {
        ik_wr_le32(&w, in->temp_sid);
        ik_wr_bytes(&w, in->challenge, 16);
    }
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* Activate Session (lanmsg.h). */
int ik_act_req_decode(const uint8_t *buf, size_t len, struct ik_act_req *out)
{
    struct ik_rd r;
    struct ik_act_req m;
    ik_rd_init(&r, buf, len);
    m.auth_type = ik_rd_u8(&r) & 0x0F;
    m.max_priv = ik_rd_u8(&r) & 0x0F;
    ik_rd_bytes(&r, m.challenge, 16);
    m.out_seq = ik_rd_le32(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_act_req_encode(const struct ik_act_req *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->auth_type & 0x0F);
    ik_wr_u8(&w, in->max_priv & 0x0F);
    ik_wr_bytes(&w, in->challenge, 16);
    ik_wr_le32(&w, in->out_seq);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_act_rsp_decode(const uint8_t *buf, size_t len, struct ik_act_rsp *out)
{
    struct ik_rd r;
    struct ik_act_rsp m;
    memset(&m, 0, sizeof(m));
    ik_rd_init(&r, buf, len);
    m.cc = ik_rd_u8(&r);
    if (!ik_rd_error(&r) && m.cc) {
        *out = m;
        return 0;
    }
    m.auth_type = ik_rd_u8(&r) & 0x0F;
    m.sid = ik_rd_le32(&r);
    m.in_seq = ik_rd_le32(&r);
    m.max_priv = ik_rd_u8(&r) & 0x0F;
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

int ik_act_rsp_encode(const struct ik_act_rsp *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->cc);
    if (in->cc == 0) {
        ik_wr_u8(&w, in->auth_type & 0x0F);
        ik_wr_le32(&w, in->sid);
        ik_wr_le32(&w, in->in_seq);
        ik_wr_u8(&w, in->max_priv & 0x0F);
    }
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* Close Session (lanmsg.h): the handle byte is present only with session ID 0. */
int ik_close_req_decode(const uint8_t *buf, size_t len, struct ik_close_req *out)
{
    struct ik_rd r;
    struct ik_close_req m = {0, 0};
    ik_rd_init(&r, buf, len);
    m.sid = ik_rd_le32(&r);
    if (!ik_rd_error(&r) && m.sid == 0)
        m.handle = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

/* Get Channel Cipher Suites request (lanmsg.h). */
int ik_suites_req_decode(const uint8_t *buf, size_t len, struct ik_suites_req *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r);
    uint8_t b1 = ik_rd_u8(&r);
    uint8_t b2 = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->channel = b0 & 0x0F;
    out->payload_type = b1 & 0x3F;
    out->by_suite = (b2 & 0x80) != 0;
    out->index = b2 & 0x3F;
    return 0;
}

int ik_suites_req_encode(const struct ik_suites_req *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || in->payload_type > 0x3F || in->index > 0x3F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->channel);
    ik_wr_u8(&w, in->payload_type);
    ik_wr_u8(&w, (uint8_t)(in->index | (in->by_suite ? 0x80 : 0)));
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_lanmsg_request(uint8_t netfn, uint8_t cmd, uint8_t seq, const uint8_t *data, size_t len,
                      uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_ipmimsg m = {
        .dst_addr = IK_LAN_BMC_ADDR,
        .netfn = netfn,
        .dst_lun = 0,
        .src_addr = IK_LAN_CONSOLE_SWID,
        .seq = (uint8_t)(seq & 0x3F),
        .src_lun = 0,
        .cmd = cmd,
        .data = data,
        .data_len = len,
    };
    return ik_ipmimsg_encode(&m, buf, cap, written);
}

void ik_seqwin_init(struct ik_seqwin *w, uint32_t first)
{
    w->hi = first - 1;
    w->seen = 1;
}

enum ik_seqwin_verdict ik_seqwin_accept(struct ik_seqwin *w, uint32_t seq, uint32_t behind,
                                        uint32_t ahead, bool allow_repeat)
{
    uint32_t fwd = seq - w->hi; /* modulo 2^32 */
    if (fwd != 0 && fwd <= ahead) {
        w->seen = fwd >= 32 ? 1u : (w->seen << fwd) | 1u;
        w->hi = seq;
        return IK_SEQWIN_OK;
    }
    uint32_t back = w->hi - seq;
    if (back > behind || back >= 32)
        return IK_SEQWIN_OUTSIDE;
    if (w->seen & (1u << back))
        return allow_repeat ? IK_SEQWIN_OK : IK_SEQWIN_REPEAT;
    w->seen |= 1u << back;
    return IK_SEQWIN_OK;
}
