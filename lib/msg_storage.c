/* NetFn Storage (0Ah) command payload codecs (see msg_storage.h). */
#include "msg_storage.h"

#include <string.h>

#include "cursor.h"

/*
 * Reservation response (table 31-4; Reserve SDR Repository and Reserve Device SDR
 * Repository are the same), after the completion code:
 *   OFF SIZE FIELD
 *   0   2    reservation ID, LS byte first
 */
int ik_reserve_rsp_decode(const uint8_t *buf, size_t len, struct ik_reserve_rsp *out)
{
    int rc = ik_len_exact(len, IK_RESERVE_RSP_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint16_t resv = ik_rd_le16(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->resv = resv;
    return 0;
}

int ik_reserve_rsp_encode(const struct ik_reserve_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->resv);
    return ik_wr_finish(&w, written);
}

/*
 * Record read request: Get SEL Entry (table 31-5), Get SDR (section 33.12), Get Device SDR
 * (section 35.3):
 *   OFF SIZE FIELD
 *   0   2    reservation ID, LS byte first (0000h: none, reads from offset 0 only)
 *   2   2    record ID, LS byte first (0000h first record, FFFFh last)
 *   4   1    offset into the record
 *   5   1    bytes to read (FFh: the entire record)
 */
int ik_get_record_req_decode(const uint8_t *buf, size_t len, struct ik_get_record_req *out)
{
    int rc = ik_len_exact(len, IK_GET_RECORD_REQ_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_get_record_req v;
    ik_rd_init(&r, buf, len);
    v.resv = ik_rd_le16(&r);
    v.record_id = ik_rd_le16(&r);
    v.offset = ik_rd_u8(&r);
    v.count = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_get_record_req_encode(const struct ik_get_record_req *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->resv);
    ik_wr_le16(&w, in->record_id);
    ik_wr_u8(&w, in->offset);
    ik_wr_u8(&w, in->count);
    return ik_wr_finish(&w, written);
}

/*
 * Record read response (same commands), after the completion code:
 *   OFF SIZE FIELD
 *   0   2    next record ID, LS byte first (FFFFh after the last record)
 *   2   n    the record bytes read (n <= 260: a whole SDR with its header)
 */
int ik_get_record_rsp_decode(const uint8_t *buf, size_t len, struct ik_get_record_rsp *out)
{
    if (len < IK_GET_RECORD_RSP_MIN)
        return IK_E_TRUNCATED;
    if (len - IK_GET_RECORD_RSP_MIN > IK_GET_RECORD_DATA_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_get_record_rsp v;
    ik_rd_init(&r, buf, len);
    v.next_id = ik_rd_le16(&r);
    v.len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_get_record_rsp_encode(const struct ik_get_record_rsp *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    if (in->len > IK_GET_RECORD_DATA_MAX || (in->len && !in->data))
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->next_id);
    ik_wr_bytes(&w, in->data, in->len);
    return ik_wr_finish(&w, written);
}

/*
 * Record ID response: Add SEL Entry (table 31-6), Partial Add SEL Entry (31-7), Delete SEL
 * Entry (31-8), after the completion code:
 *   OFF SIZE FIELD
 *   0   2    record ID (added, or deleted), LS byte first
 */
int ik_sel_id_rsp_decode(const uint8_t *buf, size_t len, struct ik_sel_id_rsp *out)
{
    int rc = ik_len_exact(len, IK_SEL_ID_RSP_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint16_t id = ik_rd_le16(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->record_id = id;
    return 0;
}

int ik_sel_id_rsp_encode(const struct ik_sel_id_rsp *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->record_id);
    return ik_wr_finish(&w, written);
}

/*
 * Delete SEL Entry request (table 31-8):
 *   OFF SIZE FIELD
 *   0   2    reservation ID, LS byte first
 *   2   2    record ID to delete, LS byte first (0000h first, FFFFh last)
 */
int ik_sel_delete_req_decode(const uint8_t *buf, size_t len, struct ik_sel_delete_req *out)
{
    int rc = ik_len_exact(len, IK_SEL_DELETE_REQ_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_sel_delete_req v;
    ik_rd_init(&r, buf, len);
    v.resv = ik_rd_le16(&r);
    v.record_id = ik_rd_le16(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_sel_delete_req_encode(const struct ik_sel_delete_req *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->resv);
    ik_wr_le16(&w, in->record_id);
    return ik_wr_finish(&w, written);
}

/*
 * Clear SEL request (table 31-9):
 *   OFF SIZE FIELD
 *   0   2    reservation ID, LS byte first
 *   2   3    'C' (43h), 'L' (4Ch), 'R' (52h): the confirmation
 *   5   1    AAh initiate erase, 00h get erasure status
 */
int ik_sel_clear_req_decode(const uint8_t *buf, size_t len, struct ik_sel_clear_req *out)
{
    int rc = ik_len_exact(len, IK_SEL_CLEAR_REQ_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_sel_clear_req v;
    ik_rd_init(&r, buf, len);
    v.resv = ik_rd_le16(&r);
    const uint8_t *clr = ik_rd_ptr(&r, 3);
    v.action = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    v.confirmed = memcmp(clr, "CLR", 3) == 0;
    *out = v;
    return 0;
}

int ik_sel_clear_req_encode(const struct ik_sel_clear_req *in, uint8_t *buf, size_t cap,
                            size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->resv);
    if (in->confirmed)
        ik_wr_bytes(&w, "CLR", 3);
    else
        ik_wr_fill(&w, 0, 3);
    ik_wr_u8(&w, in->action);
    return ik_wr_finish(&w, written);
}

/*
 * Clear SEL response (table 31-9), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] erasure progress: 0h in progress, 1h completed
 */
int ik_sel_clear_rsp_decode(const uint8_t *buf, size_t len, struct ik_sel_clear_rsp *out)
{
    int rc = ik_len_exact(len, IK_SEL_CLEAR_RSP_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->progress = b & 0x0F;
    return 0;
}

int ik_sel_clear_rsp_encode(const struct ik_sel_clear_rsp *in, uint8_t *buf, size_t cap,
                            size_t *written)
{
    if (in->progress > 0x0F)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->progress);
    return ik_wr_finish(&w, written);
}

/*
 * SEL time: Get SEL Time response (table 31-10), Set SEL Time request (table 31-11), Get
 * SDR Repository Time response:
 *   OFF SIZE FIELD
 *   0   4    time, LS byte first (section 37: seconds since 1970, or since initialisation)
 */
int ik_storage_time_decode(const uint8_t *buf, size_t len, struct ik_storage_time *out)
{
    int rc = ik_len_exact(len, IK_STORAGE_TIME_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint32_t t = ik_rd_le32(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->time = t;
    return 0;
}

int ik_storage_time_encode(const struct ik_storage_time *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le32(&w, in->time);
    return ik_wr_finish(&w, written);
}

/*
 * Get FRU Inventory Area Info request (table 34-2):
 *   OFF SIZE FIELD
 *   0   1    FRU device ID (FFh reserved)
 */
int ik_fru_device_req_decode(const uint8_t *buf, size_t len, struct ik_fru_device_req *out)
{
    int rc = ik_len_exact(len, IK_FRU_DEVICE_REQ_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t id = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->device_id = id;
    return 0;
}

int ik_fru_device_req_encode(const struct ik_fru_device_req *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->device_id);
    return ik_wr_finish(&w, written);
}

/*
 * Get FRU Inventory Area Info response (table 34-2), after the completion code:
 *   OFF SIZE FIELD
 *   0   2    FRU inventory area size in bytes, LS byte first
 *   2   1    [7:1] reserved, [0] 1 = device accessed by words, 0 = by bytes
 */
int ik_fru_info_rsp_decode(const uint8_t *buf, size_t len, struct ik_fru_info_rsp *out)
{
    int rc = ik_len_exact(len, IK_FRU_INFO_RSP_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_fru_info_rsp v;
    ik_rd_init(&r, buf, len);
    v.size = ik_rd_le16(&r);
    v.by_words = ik_rd_u8(&r) & 0x01;
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_fru_info_rsp_encode(const struct ik_fru_info_rsp *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_le16(&w, in->size);
    ik_wr_u8(&w, in->by_words ? 0x01 : 0x00);
    return ik_wr_finish(&w, written);
}

/*
 * Read FRU Data request (table 34-3):
 *   OFF SIZE FIELD
 *   0   1    FRU device ID
 *   1   2    offset to read, LS byte first (in words for a device accessed by words)
 *   3   1    count to read (1-based; in words for a device accessed by words)
 */
int ik_fru_read_req_decode(const uint8_t *buf, size_t len, struct ik_fru_read_req *out)
{
    int rc = ik_len_exact(len, IK_FRU_READ_REQ_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_fru_read_req v;
    ik_rd_init(&r, buf, len);
    v.device_id = ik_rd_u8(&r);
    v.offset = ik_rd_le16(&r);
    v.count = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_fru_read_req_encode(const struct ik_fru_read_req *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->device_id);
    ik_wr_le16(&w, in->offset);
    ik_wr_u8(&w, in->count);
    return ik_wr_finish(&w, written);
}

/*
 * Read FRU Data response (table 34-3), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    count returned (in words for a device accessed by words)
 *   1   n    the data (n = count bytes, or 2 * count for words; checked by the caller,
 *            who knows the access unit)
 */
int ik_fru_read_rsp_decode(const uint8_t *buf, size_t len, struct ik_fru_read_rsp *out)
{
    if (len < IK_FRU_READ_RSP_MIN)
        return IK_E_TRUNCATED;
    if (len - IK_FRU_READ_RSP_MIN > IK_FRU_READ_DATA_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_fru_read_rsp v;
    ik_rd_init(&r, buf, len);
    v.count = ik_rd_u8(&r);
    v.len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_fru_read_rsp_encode(const struct ik_fru_read_rsp *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    if (in->len > IK_FRU_READ_DATA_MAX || (in->len && !in->data))
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->count);
    ik_wr_bytes(&w, in->data, in->len);
    return ik_wr_finish(&w, written);
}

/*
 * Write FRU Data request (table 34-4):
 *   OFF SIZE FIELD
 *   0   1    FRU device ID
 *   1   2    offset to write, LS byte first (in words for a device accessed by words)
 *   3   n    data to write, 1 byte and up (n <= 252: the rest of a 255-byte request)
 */
int ik_fru_write_req_decode(const uint8_t *buf, size_t len, struct ik_fru_write_req *out)
{
    if (len < IK_FRU_WRITE_REQ_MIN)
        return IK_E_TRUNCATED;
    if (len - 3 > IK_FRU_WRITE_DATA_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_fru_write_req v;
    ik_rd_init(&r, buf, len);
    v.device_id = ik_rd_u8(&r);
    v.offset = ik_rd_le16(&r);
    v.len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_fru_write_req_encode(const struct ik_fru_write_req *in, uint8_t *buf, size_t cap,
                            size_t *written)
{
    if (in->len == 0 || in->len > IK_FRU_WRITE_DATA_MAX || !in->data)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->device_id);
    ik_wr_le16(&w, in->offset);
    ik_wr_bytes(&w, in->data, in->len);
    return ik_wr_finish(&w, written);
}

/*
 * Write FRU Data response (table 34-4), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    count written (in words for a device accessed by words)
 */
int ik_fru_write_rsp_decode(const uint8_t *buf, size_t len, struct ik_fru_write_rsp *out)
{
    int rc = ik_len_exact(len, IK_FRU_WRITE_RSP_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t n = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->count = n;
    return 0;
}

int ik_fru_write_rsp_encode(const struct ik_fru_write_rsp *in, uint8_t *buf, size_t cap,
                            size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->count);
    return ik_wr_finish(&w, written);
}
