/*
 * libFuzzer: the SDR text and JSON formatter on any record that decodes, with and without a
 * reading built from the bytes after the record (valid, unavailable, scanning disabled,
 * event status/enable bytes of any length, reading factors for non-linear sensors).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sdrfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *state_name(uint8_t stype, uint8_t etype, unsigned offset)
{
    return (stype ^ etype ^ offset) & 1 ? "State" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < IK_SDR_HEADER_LEN)
        return 0;
    size_t len = IK_SDR_HEADER_LEN + (size_t)data[4];
    if (len > size)
        return 0;
    struct ik_sdr_record r;
    if (ik_sdr_decode(data, len, &r) != 0)
        return 0;
    const uint8_t *t = data + len;
    size_t tn = size - len;
    struct ik_sdrfmt_reading rd;
    memset(&rd, 0, sizeof(rd));
    struct ik_sdr_conv factors = {0, 0, 3, -7, 1, -2, 0, 0, 0};
    if (tn >= 4) {
        rd.have = 1;
        rd.raw = t[0];
        rd.flags = t[1];
        rd.state1 = t[2];
        rd.state2 = t[3];
        rd.event_status_len = tn > 4 ? t[4] % 6 : 0;
        rd.event_enable_len = tn > 5 ? t[5] % 6 : 0;
        for (size_t i = 0; i < 5 && 6 + i < tn; i++)
            rd.event_status[i] = rd.event_enable[i] = t[6 + i];
        rd.factors = (t[1] & 1) ? &factors : NULL;
    }
    struct ik_sdrfmt_opts o = {.state_name = (tn & 1) ? state_name : NULL};
    FILE *out = fopen("/dev/null", "w");
    if (!out)
        return 0;
    for (int pass = 0; pass < 2; pass++) {
        const struct ik_sdrfmt_reading *p = pass ? &rd : NULL;
        ik_sdrfmt_elist(out, &r, p, &o);
        ik_sdrfmt_list(out, &r, p, &o);
        ik_sdrfmt_verbose(out, &r, p, &o);
        json_t *j = ik_sdrfmt_json(&r, p);
        if (j) {
            char *s = json_dumps(j, JSON_COMPACT);
            if (!s)
                abort(); /* every value must be serializable (no NaN reals) */
            free(s);
            json_decref(j);
        }
    }
    fclose(out);
    return 0;
}
