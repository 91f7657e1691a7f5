/*
 * libFuzzer harness for the SDR repository read from bytes (an `sdr dump` file for
 * `sel decode --sdr` and -S, the body of an SDR cache file) and the SEL formatter's sensor
 * lookup over it: names, threshold conversion and units for every SEL record, in the
 * elist, verbose and JSON forms, and the SDR formatter's live options (state names).
 *
 * Input: [L: 2 bytes, little-endian][L bytes: the SDR dump][16-byte SEL records...].
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sdrcache.h"
#include "sdrfmt.h"
#include "sdrlive.h"
#include "selfmt.h"

#include "ipmikit/sel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t l = data[0] | (size_t)data[1] << 8;
    if (l > size - 2)
        l = size - 2;
    const uint8_t *sdr = data + 2, *sel = data + 2 + l;
    size_t nsel = (size - 2 - l) / 16;

    struct ik_sdr_repo repo;
    memset(&repo, 0, sizeof(repo));
    ik_sdr_repo_from_bytes(&repo, sdr, l); /* partial on failure: still usable */

    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");

    /* every record through the SDR formatter with live state names, no reading */
    struct ik_sdrfmt_opts opts;
    ik_sdrfmt_live_opts(&opts);
    for (size_t i = 0; i < repo.n && null_out; i++)
        if (repo.ents[i].ok)
            ik_sdrfmt_verbose(null_out, &repo.ents[i].rec, NULL, &opts);

    struct ik_selfmt fmt;
    struct ik_sel_lookup lookup;
    ik_selfmt_init(&fmt);
    ik_selfmt_use_repo(&fmt, &lookup, &repo);
    fmt.utc = 1;
    static char buf[16384];
    for (size_t i = 0; i < nsel && i < 64; i++) {
        struct ik_sel_record r;
        if (ik_sel_decode(sel + 16 * i, 16, &r) != 0)
            continue;
        ik_selfmt_elist(&fmt, &r, buf, sizeof(buf));
        ik_selfmt_verbose(&fmt, &r, NULL, buf, sizeof(buf));
        json_t *j = ik_selfmt_json(&fmt, &r, NULL);
        json_decref(j);
    }
    ik_sdr_repo_free(&repo);
    return 0;
}
