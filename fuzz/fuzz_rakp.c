/* libFuzzer: Open Session and RAKP 1-4 decoders; whatever decodes re-encodes to the same
 * bytes (the error forms and reserved bytes aside). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rakp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t out[128];
    size_t w;
    struct ik_open_req oq;
    if (ik_open_req_decode(data, size, &oq) == 0 &&
        (ik_open_req_encode(&oq, out, sizeof(out), &w) != 0 || w != size))
        __builtin_trap();
    struct ik_open_rsp orr;
    if (ik_open_rsp_decode(data, size, &orr) == 0 &&
        (ik_open_rsp_encode(&orr, out, sizeof(out), &w) != 0 || w > size))
        __builtin_trap();
    struct ik_rakp1 r1;
    if (ik_rakp1_decode(data, size, &r1) == 0 &&
        (ik_rakp1_encode(&r1, out, sizeof(out), &w) != 0 || w != size))
        __builtin_trap();
    for (int which = 2; which <= 4; which++) {
        struct ik_rakp_msg m;
        if (ik_rakp_msg_decode(which, data, size, &m) == 0 &&
            (ik_rakp_msg_encode(which, &m, out, sizeof(out), &w) != 0 || w > size))
            __builtin_trap();
    }
    return 0;
}
