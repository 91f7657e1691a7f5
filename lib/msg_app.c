/* NetFn App (06h) command payload codecs (see msg_app.h). */
#include "msg_app.h"

#include <string.h>

#include "cursor.h"

/*
 * Get Device ID response (IPMI 2.0 table 20-2), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    device ID
 *   1   1    [7] provides device SDRs, [6:4] reserved, [3:0] device revision
 *   2   1    [7] device unavailable (update/self-init in progress), [6:0] firmware major
 *   3   1    firmware minor revision, BCD
 *   4   1    IPMI version, BCD, LS digit first (02h = 2.0)
 *   5   1    additional device support (IK_DEVID_*)
 *   6   3    manufacturer ID, 20 bits, LS byte first; bits 23:20 reserved
 *   9   2    product ID, LS byte first
 *   11  4    auxiliary firmware revision (optional)
 */
int ik_device_id_decode(const uint8_t *buf, size_t len, struct ik_device_id *out)
{
    struct ik_rd r;
    struct ik_device_id v;
    if (len < IK_DEVICE_ID_MIN)
        return IK_E_TRUNCATED;
    /* 12-14 bytes: an auxiliary revision cut short. */
    if (len != IK_DEVICE_ID_MIN && len != IK_DEVICE_ID_MAX)
        return len > IK_DEVICE_ID_MAX ? IK_E_OVERSIZE : IK_E_TRUNCATED;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    v.device_id = ik_rd_u8(&r);
    uint8_t b = ik_rd_u8(&r);
    v.provides_sdrs = b & 0x80;
    v.device_rev = b & 0x0F;
    b = ik_rd_u8(&r);
    v.unavailable = b & 0x80;
    v.fw_major = b & 0x7F;
    v.fw_minor = ik_rd_u8(&r);
    v.ipmi_version = ik_rd_u8(&r);
    v.support = ik_rd_u8(&r);
    v.manufacturer_id = ik_rd_le24(&r) & 0xFFFFF;
    v.product_id = ik_rd_le16(&r);
    if (ik_rd_left(&r)) {
        v.has_aux = true;
        ik_rd_bytes(&r, v.aux_fw, sizeof(v.aux_fw));
    }
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_device_id_encode(const struct ik_device_id *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->device_rev > 0x0F || in->fw_major > 0x7F || in->manufacturer_id > 0xFFFFF)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->device_id);
    ik_wr_u8(&w, (uint8_t)((in->provides_sdrs ? 0x80 : 0) | in->device_rev));
    ik_wr_u8(&w, (uint8_t)((in->unavailable ? 0x80 : 0) | in->fw_major));
    ik_wr_u8(&w, in->fw_minor);
    ik_wr_u8(&w, in->ipmi_version);
    ik_wr_u8(&w, in->support);
    ik_wr_le24(&w, in->manufacturer_id);
    ik_wr_le16(&w, in->product_id);
    if (in->has_aux)
        ik_wr_bytes(&w, in->aux_fw, sizeof(in->aux_fw));
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}
