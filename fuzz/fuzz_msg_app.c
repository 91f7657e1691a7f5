/* libFuzzer: NetFn App payload decoders (lib/msg_app.c). The first byte picks the codec
 * (0 Get Device ID, 1 Self Test, 2 Global Enables, 3 Set Watchdog, 4 Get Watchdog, 5 Message
 * Flags, 6 Send Message, 7 Get Message).
 * Whatever decodes must encode, and that encoding must decode and encode to itself
 * (reserved bits are dropped on the way, so the input itself need not come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_codec.h"
#include "msg_app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_codec.h's check; Send and Get Message below also want their input back whole. */
#define STABLE(x, cap) FUZZ_STABLE(x, struct ik_##x, ik_##x##_decode, ik_##x##_encode, cap)

/* Send Message and Get Message carry any length: room for whatever libFuzzer sends. */
#define ANY_LEN 65536

STABLE(device_id, IK_DEVICE_ID_MAX)
STABLE(selftest, IK_SELFTEST_LEN)
STABLE(global_enables, IK_GLOBAL_ENABLES_LEN)
STABLE(wdt_set_req, IK_WDT_SET_LEN)
STABLE(wdt_get_rsp, IK_WDT_GET_LEN)
STABLE(msg_flags, IK_MSG_FLAGS_LEN)

static void send_msg_req(const uint8_t *p, size_t n)
{
    struct ik_send_msg_req v;
    static uint8_t a[ANY_LEN], b[ANY_LEN];
    size_t na = 0, nb = 0;
    if (n > ANY_LEN || ik_send_msg_req_decode(p, n, &v) != 0)
        return;
    if (v.data_len != n - 1 || (v.data_len && v.data != p + 1) ||
        ik_send_msg_req_encode(&v, a, sizeof(a), &na) != 0 || na != n || memcmp(a, p, n) != 0 ||
        ik_send_msg_req_decode(a, na, &v) != 0 ||
        ik_send_msg_req_encode(&v, b, sizeof(b), &nb) != 0 || na != nb || memcmp(a, b, na) != 0)
        __builtin_trap();
}

static void get_msg_rsp(const uint8_t *p, size_t n)
{
    struct ik_get_msg_rsp v;
    static uint8_t a[ANY_LEN], b[ANY_LEN];
    size_t na = 0, nb = 0;
    if (n > ANY_LEN || ik_get_msg_rsp_decode(p, n, &v) != 0)
        return;
    if (v.data_len != n - 1 || (v.data_len && v.data != p + 1) ||
        ik_get_msg_rsp_encode(&v, a, sizeof(a), &na) != 0 || na != n || memcmp(a, p, n) != 0 ||
        ik_get_msg_rsp_decode(a, na, &v) != 0 ||
        ik_get_msg_rsp_encode(&v, b, sizeof(b), &nb) != 0 || na != nb || memcmp(a, b, na) != 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const codecs[])(const uint8_t *,
                                  size_t) = {device_id,   selftest,  global_enables, wdt_set_req,
                                             wdt_get_rsp, msg_flags, send_msg_req,   get_msg_rsp};
    FUZZ_PICK(codecs, data, size);
    return 0;
}
