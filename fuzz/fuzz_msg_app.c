/* libFuzzer: NetFn App payload decoders (lib/msg_app.c). The first byte picks the codec.
 * Whatever decodes must encode, and that encoding must decode and encode to itself
 * (reserved bits are dropped on the way, so the input itself need not come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "msg_app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void device_id(const uint8_t *p, size_t n)
{
    struct ik_device_id d;
    uint8_t a[IK_DEVICE_ID_MAX], b[IK_DEVICE_ID_MAX];
    size_t na = 0, nb = 0;
    if (ik_device_id_decode(p, n, &d) != 0)
        return;
    if (ik_device_id_encode(&d, a, sizeof(a), &na) != 0 || na != n ||
        ik_device_id_decode(a, na, &d) != 0 || ik_device_id_encode(&d, b, sizeof(b), &nb) != 0 ||
        na != nb || memcmp(a, b, na) != 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const codecs[])(const uint8_t *, size_t) = {device_id};
    if (size == 0)
        return 0;
    codecs[data[0] % (sizeof(codecs) / sizeof(codecs[0]))](data + 1, size - 1);
    return 0;
}
