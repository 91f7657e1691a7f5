/* IPMB / LAN IPMI message framing: two checksummed halves around a command and data. */
#include "ipmimsg.h"

#include "cursor.h"

/* The table of fields is in ipmimsg.h (IPMI 2.0 table 13-8 and the response form). */
int ik_ipmimsg_decode(const uint8_t *buf, size_t len, struct ik_ipmimsg *out)
{
    struct ik_rd r;
    struct ik_ipmimsg m;

    if (len < IK_IPMIMSG_MIN_LEN)
        return IK_E_TRUNCATED;
    ik_rd_init(&r, buf, len);
    m.dst_addr = ik_rd_u8(&r);
    uint8_t b1 = ik_rd_u8(&r);
    m.netfn = b1 >> 2;
    m.dst_lun = b1 & 3;
    (void)ik_rd_u8(&r); /* checksum 1, verified below over bytes 0..2 */
    m.src_addr = ik_rd_u8(&r);
    uint8_t b4 = ik_rd_u8(&r);
    m.seq = b4 >> 2;
    m.src_lun = b4 & 3;
    m.cmd = ik_rd_u8(&r);
    m.data_len = len - IK_IPMIMSG_MIN_LEN;
    m.data = ik_rd_ptr(&r, m.data_len);
    (void)ik_rd_u8(&r); /* checksum 2 */
    if (ik_rd_end(&r))
        return r.err;
    /* A checksum byte makes its span sum to zero: check the sums including it. */
    if (ik_cksum(buf, 3) != 0 || ik_cksum(buf + 3, len - 3) != 0)
        return IK_E_CHECKSUM;
    if (m.data_len == 0)
        m.data = NULL;
    *out = m;
    return 0;
}

int ik_ipmimsg_encode(const struct ik_ipmimsg *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;

    if (in->netfn > 0x3F || in->seq > 0x3F || in->dst_lun > 3 || in->src_lun > 3)
        return IK_E_RANGE;
    if (in->data_len && !in->data)
        return IK_E_INVAL;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->dst_addr);
    ik_wr_u8(&w, (uint8_t)(in->netfn << 2 | in->dst_lun));
    if (!w.err)
        ik_wr_u8(&w, ik_cksum(buf, 2));
    ik_wr_u8(&w, in->src_addr);
    ik_wr_u8(&w, (uint8_t)(in->seq << 2 | in->src_lun));
    ik_wr_u8(&w, in->cmd);
    ik_wr_bytes(&w, in->data, in->data_len);
    if (!w.err)
        ik_wr_u8(&w, ik_cksum(buf + 3, w.off - 3));
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

void ik_ipmimsg_response_hdr(const struct ik_ipmimsg *req, struct ik_ipmimsg *rsp)
{
    rsp->dst_addr = req->src_addr;
    rsp->dst_lun = req->src_lun;
    rsp->netfn = req->netfn | 1;
    rsp->src_addr = req->dst_addr;
    rsp->src_lun = req->dst_lun;
    rsp->seq = req->seq;
    rsp->cmd = req->cmd;
    rsp->data = NULL;
    rsp->data_len = 0;
}
