/* RMCP header and ASF Presence Ping/Pong codecs (tables in rmcp.h). */
#include "rmcp.h"

#include "cursor.h"

/* The RMCP header (layout in rmcp.h). */
int ik_rmcp_decode(const uint8_t *buf, size_t len, struct ik_rmcp *out)
{
    struct ik_rd r;
    struct ik_rmcp m;

    ik_rd_init(&r, buf, len);
    uint8_t version = ik_rd_u8(&r);
    uint8_t reserved = ik_rd_u8(&r);
    m.seq = ik_rd_u8(&r);
    uint8_t cls = ik_rd_u8(&r);
    if (ik_rd_error(&r))
        return r.err;
    if (version != IK_RMCP_VERSION)
        return IK_E_UNSUPPORTED;
    if (reserved != 0)
        return IK_E_BADFIELD;
    m.ack = (cls & IK_RMCP_CLASS_ACK) != 0;
    m.cls = cls & 0x1F;
    if (cls & 0x60) /* bits 6:5 are reserved */
        return IK_E_BADFIELD;
    m.body_len = ik_rd_left(&r);
    m.body = m.body_len ? ik_rd_ptr(&r, m.body_len) : NULL;
    *out = m;
    return 0;
}

int ik_rmcp_hdr_encode(uint8_t cls, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (cls & 0xE0)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, IK_RMCP_VERSION);
    ik_wr_u8(&w, 0);
    ik_wr_u8(&w, IK_RMCP_SEQ_NOACK);
    ik_wr_u8(&w, cls);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_rmcp_ack_encode(const struct ik_rmcp *msg, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (msg->ack || msg->seq == IK_RMCP_SEQ_NOACK)
        return IK_E_INVAL; /* ACKs are never ACKed; FFh asks for none */
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, IK_RMCP_VERSION);
    ik_wr_u8(&w, 0);
    ik_wr_u8(&w, msg->seq);
    ik_wr_u8(&w, (uint8_t)(IK_RMCP_CLASS_ACK | msg->cls));
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* The ASF message (layout in rmcp.h). */
int ik_asf_decode(const uint8_t *buf, size_t len, struct ik_asf *out)
{
    struct ik_rd r;
    struct ik_asf m;

    ik_rd_init(&r, buf, len);
    m.iana = ik_rd_be32(&r);
    m.type = ik_rd_u8(&r);
    m.tag = ik_rd_u8(&r);
    (void)ik_rd_u8(&r); /* reserved */
    m.data_len = ik_rd_u8(&r);
    m.data = m.data_len ? ik_rd_ptr(&r, m.data_len) : NULL;
    if (ik_rd_end(&r))
        return r.err;
    *out = m;
    return 0;
}

/* The Presence Pong data (layout in rmcp.h). */
int ik_asf_pong_decode(const uint8_t *buf, size_t len, struct ik_asf_pong *out)
{
    struct ik_rd r;
    struct ik_asf_pong p;

    ik_rd_init(&r, buf, len);
    p.iana = ik_rd_be32(&r);
    p.oem = ik_rd_be32(&r);
    p.entities = ik_rd_u8(&r);
    p.interactions = ik_rd_u8(&r);
    ik_rd_skip(&r, 6);
    if (ik_rd_end(&r))
        return r.err;
    *out = p;
    return 0;
}

static void asf_hdr(struct ik_wr *w, uint8_t type, uint8_t tag, uint8_t data_len)
{
    ik_wr_u8(w, IK_RMCP_VERSION);
    ik_wr_u8(w, 0);
    ik_wr_u8(w, IK_RMCP_SEQ_NOACK);
    ik_wr_u8(w, IK_RMCP_CLASS_ASF);
    ik_wr_be32(w, IK_ASF_IANA);
    ik_wr_u8(w, type);
    ik_wr_u8(w, tag);
    ik_wr_u8(w, 0);
    ik_wr_u8(w, data_len);
}

int ik_asf_ping_encode(uint8_t tag, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    asf_hdr(&w, IK_ASF_TYPE_PING, tag, 0);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

int ik_asf_pong_encode(uint8_t tag, const struct ik_asf_pong *pong, uint8_t *buf, size_t cap,
                       size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    asf_hdr(&w, IK_ASF_TYPE_PONG, tag, IK_ASF_PONG_DATA_LEN);
    ik_wr_be32(&w, pong->iana);
    ik_wr_be32(&w, pong->oem);
    ik_wr_u8(&w, pong->entities);
    ik_wr_u8(&w, pong->interactions);
    ik_wr_fill(&w, 0, 6);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}
