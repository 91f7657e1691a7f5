/* libFuzzer: NetFn Storage payload decoders (lib/msg_storage.c). The first byte picks the
 * codec. Whatever decodes must encode, and that encoding must decode and encode to itself
 * (reserved bits are dropped on the way, so the input itself need not come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_codec.h"
#include "msg_storage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_codec.h\'s check, named after the codec. */
#define STABLE(name, type, max) FUZZ_STABLE(name, type, name##_decode, name##_encode, max)

STABLE(ik_reserve_rsp, struct ik_reserve_rsp, IK_RESERVE_RSP_LEN)
STABLE(ik_get_record_req, struct ik_get_record_req, IK_GET_RECORD_REQ_LEN)
STABLE(ik_get_record_rsp, struct ik_get_record_rsp, 2 + IK_GET_RECORD_DATA_MAX)
STABLE(ik_sel_id_rsp, struct ik_sel_id_rsp, IK_SEL_ID_RSP_LEN)
STABLE(ik_sel_delete_req, struct ik_sel_delete_req, IK_SEL_DELETE_REQ_LEN)
STABLE(ik_sel_clear_req, struct ik_sel_clear_req, IK_SEL_CLEAR_REQ_LEN)
STABLE(ik_sel_clear_rsp, struct ik_sel_clear_rsp, IK_SEL_CLEAR_RSP_LEN)
STABLE(ik_storage_time, struct ik_storage_time, IK_STORAGE_TIME_LEN)
STABLE(ik_fru_device_req, struct ik_fru_device_req, IK_FRU_DEVICE_REQ_LEN)
STABLE(ik_fru_info_rsp, struct ik_fru_info_rsp, IK_FRU_INFO_RSP_LEN)
STABLE(ik_fru_read_req, struct ik_fru_read_req, IK_FRU_READ_REQ_LEN)
STABLE(ik_fru_read_rsp, struct ik_fru_read_rsp, 1 + IK_FRU_READ_DATA_MAX)
STABLE(ik_fru_write_req, struct ik_fru_write_req, 3 + IK_FRU_WRITE_DATA_MAX)
STABLE(ik_fru_write_rsp, struct ik_fru_write_rsp, IK_FRU_WRITE_RSP_LEN)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const codecs[])(const uint8_t *, size_t) = {
        ik_reserve_rsp,    ik_get_record_req, ik_get_record_rsp, ik_sel_id_rsp,
        ik_sel_delete_req, ik_sel_clear_req,  ik_sel_clear_rsp,  ik_storage_time,
        ik_fru_device_req, ik_fru_info_rsp,   ik_fru_read_req,   ik_fru_read_rsp,
        ik_fru_write_req,  ik_fru_write_rsp,
    };
    FUZZ_PICK(codecs, data, size);
    return 0;
}
