/* Get SEL Info / Get SDR Repository Info responses (one layout, two commands). */
#include "repo_info.h"

#include "cursor.h"

/*
 * IPMI 2.0 tables 31-2 and 33-3, after the completion code:
 *   OFF SIZE FIELD
 *   0   1    version (51h)
 *   1   2    entries / record count, LS byte first
 *   3   2    free space in bytes (FFFFh = 65535 or more)
 *   5   4    most recent addition timestamp
 *   9   4    most recent erase timestamp
 *   13  1    operation support
 */
int ik_repo_info_decode(const uint8_t *buf, size_t len, struct ik_repo_info *out)
{
    struct ik_rd r;
    struct ik_repo_info v;
    int rc = ik_len_exact(len, IK_REPO_INFO_LEN);
    if (rc)
        return rc;
    ik_rd_init(&r, buf, len);
    v.version = ik_rd_u8(&r);
    v.count = ik_rd_le16(&r);
    v.free_bytes = ik_rd_le16(&r);
    v.add_ts = ik_rd_le32(&r);
    v.erase_ts = ik_rd_le32(&r);
    v.ops = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_repo_info_encode(const struct ik_repo_info *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->version);
    ik_wr_le16(&w, in->count);
    ik_wr_le16(&w, in->free_bytes);
    ik_wr_le32(&w, in->add_ts);
    ik_wr_le32(&w, in->erase_ts);
    ik_wr_u8(&w, in->ops);
    return ik_wr_finish(&w, written);
}

/*
 * IPMI 2.0 tables 31-3 and 33-4, after the completion code:
 *   OFF SIZE FIELD
 *   0   2    number of possible allocation units, LS byte first
 *   2   2    allocation unit size in bytes
 *   4   2    number of free allocation units
 *   6   2    largest free block, in allocation units
 *   8   1    maximum record size, in allocation units
 */
int ik_repo_alloc_decode(const uint8_t *buf, size_t len, struct ik_repo_alloc *out)
{
    struct ik_rd r;
    struct ik_repo_alloc v;
    int rc = ik_len_exact(len, IK_REPO_ALLOC_LEN);
    if (rc)
        return rc;
    ik_rd_init(&r, buf, len);
    v.units = ik_rd_le16(&r);
    v.unit_size = ik_rd_le16(&r);
    v.free_units = ik_rd_le16(&r);
    v.largest_free = ik_rd_le16(&r);
    v.max_record = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_repo_alloc_encode(const struct ik_repo_alloc *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->units);
    ik_wr_le16(&w, in->unit_size);
    ik_wr_le16(&w, in->free_units);
    ik_wr_le16(&w, in->largest_free);
    ik_wr_u8(&w, in->max_record);
    return ik_wr_finish(&w, written);
}

int ik_repo_info_timestamped(const struct ik_repo_info *info)
{
    int add_none = info->add_ts == 0 || info->add_ts == IK_REPO_TS_NONE;
    int era_none = info->erase_ts == 0 || info->erase_ts == IK_REPO_TS_NONE;
    return !(add_none && era_none);
}
