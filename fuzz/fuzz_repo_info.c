/* libFuzzer: Get SEL Info / Get SDR Repository Info decode, and re-encode of what decodes. */
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
    return 0;
}
