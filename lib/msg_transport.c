/* NetFn Transport (0Ch) command payload codecs (see msg_transport.h). */
#include "msg_transport.h"

#include "cursor.h"

/*
 * Set LAN Configuration Parameters request (IPMI 2.0 table 23-2):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] channel number
 *   1   1    parameter selector
 *   2   n    configuration parameter data (table 23-4), 1 byte and up
 */
int ik_lan_set_req_decode(const uint8_t *buf, size_t len, struct ik_lan_set_req *out)
{
    if (len < IK_LAN_SET_REQ_MIN)
        return IK_E_TRUNCATED;
    if (len - 2 > IK_LAN_PARAM_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_lan_set_req v;
    ik_rd_init(&r, buf, len);
    uint8_t ch = ik_rd_u8(&r);
    v.channel = ch & 0x0F;
    v.param = ik_rd_u8(&r);
    v.len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.len);
    if (ik_rd_end(&r))
        return r.err;
    if (ch & 0xF0)
        return IK_E_BADFIELD;
    *out = v;
    return 0;
}

int ik_lan_set_req_encode(const struct ik_lan_set_req *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    if (in->channel > 0x0F || in->len == 0 || in->len > IK_LAN_PARAM_MAX || !in->data)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->channel);
    ik_wr_u8(&w, in->param);
    ik_wr_bytes(&w, in->data, in->len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * Get LAN Configuration Parameters request (table 23-3):
 *   OFF SIZE FIELD
 *   0   1    [7] 1 = get parameter revision only, [6:4] reserved, [3:0] channel number
 *   1   1    parameter selector
 *   2   1    set selector (00h if the parameter has none)
 *   3   1    block selector (00h if the parameter has none)
 */
int ik_lan_get_req_decode(const uint8_t *buf, size_t len, struct ik_lan_get_req *out)
{
    if (len != IK_LAN_GET_REQ_LEN)
        return len < IK_LAN_GET_REQ_LEN ? IK_E_TRUNCATED : IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_lan_get_req v;
    ik_rd_init(&r, buf, len);
    uint8_t ch = ik_rd_u8(&r);
    v.revision_only = ch & 0x80;
    v.channel = ch & 0x0F;
    v.param = ik_rd_u8(&r);
    v.set_sel = ik_rd_u8(&r);
    v.block_sel = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    if (ch & 0x70)
        return IK_E_BADFIELD;
    *out = v;
    return 0;
}

int ik_lan_get_req_encode(const struct ik_lan_get_req *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    if (in->channel > 0x0F)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->revision_only ? 0x80 : 0) | in->channel));
    ik_wr_u8(&w, in->param);
    ik_wr_u8(&w, in->set_sel);
    ik_wr_u8(&w, in->block_sel);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * Get LAN Configuration Parameters response (table 23-3), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    parameter revision: [7:4] present revision, [3:0] oldest revision parameter
 *            is backward compatible with (11h for IPMI 2.0)
 *   1   n    configuration parameter data (table 23-4); absent for "revision only"
 */
int ik_lan_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_lan_get_rsp *out)
{
    if (len < IK_LAN_GET_RSP_MIN)
        return IK_E_TRUNCATED;
    if (len - 1 > IK_LAN_PARAM_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_lan_get_rsp v;
    ik_rd_init(&r, buf, len);
    v.revision = ik_rd_u8(&r);
    v.len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_lan_get_rsp_encode(const struct ik_lan_get_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    if (in->len > IK_LAN_PARAM_MAX || (in->len && !in->data))
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->revision);
    ik_wr_bytes(&w, in->data, in->len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}
