/*
 * libFuzzer harness for SEL records: the decoder on the raw input (any length), then every
 * 16-byte slice through decode, interpretation, the encoder round trip, panic reassembly
 * and every text and JSON form of cli/selfmt (formatted into exact-size buffers).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/error.h"
#include "ipmikit/sel.h"
#include "selfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double conv(const void *sdr, uint8_t raw)
{
    (void)sdr;
    return raw * 0.37 - 12.0;
}

static int lookup(void *ctx, const struct ik_sel_event *ev, struct ik_selfmt_sensor *out)
{
    (void)ctx;
    if (ev->sensor_num & 1)
        return 0;
    out->name = "Fuzz Sensor Name Long";
    out->convert = (ev->sensor_num & 2) ? conv : NULL;
    out->sdr = NULL;
    out->unit = "degrees C";
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ik_sel_record r;
    /* any length: only exactly 16 bytes may succeed */
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    int rc = ik_sel_decode(copy, size, &r);
    if ((rc == 0) != (size == IK_SEL_RECORD_LEN))
        abort();
    free(copy);

    struct ik_selfmt f;
    ik_selfmt_init(&f);
    f.utc = size & 1;
    if (size & 2) {
        f.lookup = lookup;
    }
    struct ik_sel_panic_asm pa;
    ik_sel_panic_reset(&pa);
    /* at most 64 records an input: enough for panic runs, keeps executions fast */
    for (size_t off = 0; off + IK_SEL_RECORD_LEN <= size && off < 64 * IK_SEL_RECORD_LEN;
         off += IK_SEL_RECORD_LEN) {
        uint8_t rec[IK_SEL_RECORD_LEN];
        memcpy(rec, data + off, sizeof(rec));
        if (ik_sel_decode(rec, sizeof(rec), &r) != 0)
            abort();
        if (r.kind != IK_SEL_KIND_UNKNOWN) {
            uint8_t out[IK_SEL_RECORD_LEN];
            size_t w = 0;
            if (ik_sel_encode(&r, out, sizeof(out), &w) != 0 || w != 16 ||
                memcmp(out, rec, 16) != 0)
                abort(); /* every decodable record must round-trip */
        }
        struct ik_sel_interp in;
        ik_sel_interpret(&r.ev, &in);
        if (in.nfields > IK_SEL_MAX_FIELDS)
            abort();
        struct ik_sel_panic_chunk c;
        if (ik_sel_panic_chunk(&r, &c)) {
            ik_sel_panic_add(&pa, &c);
            if (pa.len > IK_SEL_PANIC_MAX || strlen(pa.text) != pa.len)
                abort();
        }
        size_t cap = 1 + (size_t)(rec[0] % 3 == 0 ? rec[1] : IK_SELFMT_VERBOSE_MAX);
        char *buf = malloc(cap);
        if (!buf)
            return 0;
        size_t n = ik_selfmt_elist(&f, &r, buf, cap);
        if (n >= cap || buf[n] != '\0')
            abort();
        n = ik_selfmt_verbose(&f, &r, pa.active ? pa.text : NULL, buf, cap);
        if (n >= cap || buf[n] != '\0')
            abort();
        free(buf);
        json_t *o = ik_selfmt_json(&f, &r, pa.active ? pa.text : NULL);
        if (o) {
            char *s = json_dumps(o, JSON_COMPACT);
            free(s);
            json_decref(o);
        }
    }
    return 0;
}
