/*
 * libFuzzer: SDR record decode, and for every record that decodes, encode and decode again:
 * the bytes must come back (reserved bits aside) and the second decode must equal the first.
 * The input is also walked as an `ipmitool sdr dump` stream, record after record.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/sdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *p, size_t n)
{
    struct ik_sdr_record r, r2;
    if (ik_sdr_decode(p, n, &r) != 0)
        return;
    uint8_t out[IK_SDR_MAX_LEN];
    size_t w;
    if (ik_sdr_encode(&r, out, sizeof(out), &w) != 0 || w != n)
        abort();
    if (ik_sdr_decode(out, w, &r2) != 0 || memcmp(&r, &r2, sizeof(r)) != 0)
        abort();
    /* Re-encoding canonical bytes is the identity. */
    uint8_t out2[IK_SDR_MAX_LEN];
    size_t w2;
    if (ik_sdr_encode(&r2, out2, sizeof(out2), &w2) != 0 || w2 != w || memcmp(out, out2, w))
        abort();
    char name[IK_SDR_NAME_MAX];
    unsigned count = ik_sdr_sensor_count(&r);
    for (unsigned i = 0; i <= count; i++) {
        uint8_t num, inst;
        int len = ik_sdr_shared_name(&r, i, name, sizeof(name));
        if (len >= 0 && (size_t)len != strlen(name))
            abort();
        (void)ik_sdr_shared_sensor(&r, i, &num, &inst);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(data, size);
    size_t off = 0;
    while (size - off >= IK_SDR_HEADER_LEN) {
        struct ik_sdr_header h;
        if (ik_sdr_header_decode(data + off, IK_SDR_HEADER_LEN, &h) != 0)
            abort();
        size_t total = IK_SDR_HEADER_LEN + (size_t)h.length;
        if (total > size - off)
            break;
        one(data + off, total);
        off += total;
    }
    return 0;
}
