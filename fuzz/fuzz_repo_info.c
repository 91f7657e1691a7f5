/* libFuzzer: Get SEL/SDR Repository Info and Allocation Info decode, and re-encode of what
 * decodes (every bit of both layouts is a field, so the bytes come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "repo_info.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ik_repo_info info;
    if (ik_repo_info_decode(data, size, &info) == 0) {
        uint8_t out[IK_REPO_INFO_LEN];
        size_t w;
        if (ik_repo_info_encode(&info, out, sizeof(out), &w) != 0 || w != size ||
            memcmp(out, data, size) != 0)
            __builtin_trap();
        (void)ik_repo_info_timestamped(&info);
    }
    struct ik_repo_alloc a;
    if (ik_repo_alloc_decode(data, size, &a) == 0) {
        uint8_t out[IK_REPO_ALLOC_LEN];
        size_t w;
        if (ik_repo_alloc_encode(&a, out, sizeof(out), &w) != 0 || w != size ||
            memcmp(out, data, size) != 0)
            __builtin_trap();
    }
    return 0;
}
