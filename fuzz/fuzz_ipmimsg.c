/* libFuzzer: IPMI/IPMB message decode, and re-encode of whatever decodes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ipmimsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ik_ipmimsg m;
    if (ik_ipmimsg_decode(data, size, &m) == 0) {
        uint8_t out[512];
        size_t w;
        /* Whatever decodes must encode back to the same bytes. */
        if (size <= sizeof(out) && ik_ipmimsg_encode(&m, out, sizeof(out), &w) == 0 &&
            (w != size || memcmp(out, data, size) != 0))
            __builtin_trap();
    }
    return 0;
}
