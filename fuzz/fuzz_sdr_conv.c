/*
 * libFuzzer: reading conversion with any format, linearization, M, B, K1, K2, raw value and
 * target value (NaN and infinities included). raw -> value -> raw must land on a code with
 * the same value; derived factors must reach the requested range.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/sdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 10 + 3 * sizeof(double))
        return 0;
    struct ik_sdr_conv c;
    c.format = data[0] & 3;
    c.linearization = data[1] & 0x7F;
    c.m = (int16_t)(((data[2] | data[3] << 8) & 0x3FF) - ((data[3] & 2) ? 1024 : 0));
    c.b = (int16_t)(((data[4] | data[5] << 8) & 0x3FF) - ((data[5] & 2) ? 1024 : 0));
    c.k1 = (int8_t)((data[6] & 0x0F) - ((data[6] & 8) ? 16 : 0));
    c.k2 = (int8_t)((data[6] >> 4) - ((data[6] & 0x80) ? 16 : 0));
    c.tolerance = data[7] & 0x3F;
    c.accuracy = (uint16_t)((data[7] >> 6) << 8 | data[8]);
    c.accuracy_exp = data[9] & 3;
    uint8_t raw = data[9];
    double d[3];
    memcpy(d, data + 10, sizeof(d));

    (void)ik_sdr_to_real(&c, raw);
    (void)ik_sdr_hysteresis_to_real(&c, raw);
    (void)ik_sdr_tolerance(&c);
    (void)ik_sdr_accuracy_pct(&c);
    double v;
    uint8_t back;
    if (ik_sdr_raw_to_value(&c, raw, &v) == 0) {
        if (ik_sdr_value_to_raw(&c, v, &back) != 0 || ik_sdr_to_real(&c, back) != v)
            abort();
    }
    (void)ik_sdr_value_to_raw(&c, d[0], &back);
    (void)ik_sdr_hysteresis_to_raw(&c, d[0], &back);

    struct ik_sdr_conv dc;
    if (ik_sdr_conv_derive(d[0], d[1], d[2], &dc) == 0) {
        uint8_t lo, hi;
        if (ik_sdr_value_to_raw(&dc, d[0], &lo) != 0 || ik_sdr_value_to_raw(&dc, d[1], &hi) != 0)
            abort();
    }
    return 0;
}
