/* libFuzzer: NetFn Storage payload decoders (lib/msg_storage.c). The first byte picks the
 * codec. Whatever decodes must encode, and that encoding must decode and encode to itself
 * (reserved bits are dropped on the way, so the input itself need not come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "msg_storage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One harness body per codec: decode, encode (same length), decode, encode (same bytes). */
#define STABLE(name, type, max)                                                                    \
    static void name(const uint8_t *p, size_t n)                                                   \
    {                                                                                              \
        type v;                                                                                    \
        uint8_t a[max], b[max];                                                                    \
        size_t na = 0, nb = 0;                                                                     \
        if (name##_decode(p, n, &v) != 0)                                                          \
            return;                                                                                \
        if (name##_encode(&v, a, sizeof(a), &na) != 0 || na != n ||                                \
            name##_decode(a, na, &v) != 0 || name##_encode(&v, b, sizeof(b), &nb) != 0 ||          \
            na != nb || memcmp(a, b, na) != 0)                                                     \
            __builtin_trap();                                                                      \
    }

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
    if (size == 0)
        return 0;
    codecs[data[0] % (sizeof(codecs) / sizeof(codecs[0]))](data + 1, size - 1);
    return 0;
}
