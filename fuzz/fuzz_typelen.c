/* libFuzzer: type/length string decode in every encoding, and encode of the result. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "typelen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enum ik_tl_type t = (enum ik_tl_type)(data[0] & 3);
    char out[1024];
    int n = ik_tl_decode(t, data + 1, size - 1, out, (size_t)(data[0] >> 2) * 4 + 1);
    if (n >= 0) {
        uint8_t enc[512];
        size_t w;
        (void)ik_tl_encode(ik_tl_best(out), out, enc, sizeof(enc), &w);
    }
    return 0;
}
