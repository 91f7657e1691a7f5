/* libFuzzer: the CLI's FRU formatters (ipmitool text, verbose text, JSON, problem lines) on
 * whatever the image decoder accepts. */
#include <stdio.h>
#include <stdlib.h>

#include "frufmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ik_fru fru;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    if (ik_fru_decode(data, size, &fru) != 0)
        return 0;
    ik_frufmt_text(sink, &fru, 0);
    ik_frufmt_text(sink, &fru, 1);
    json_t *j = ik_frufmt_json(&fru, data, size);
    if (!j)
        abort();
    char *s = json_dumps(j, 0);
    if (!s)
        abort(); /* every string we put in must be valid UTF-8 */
    free(s);
    json_decref(j);
    for (uint8_t i = 0; i < fru.n_problems; i++) {
        char msg[256];
        ik_frufmt_problem(&fru.problems[i], &fru, msg, sizeof(msg));
    }
    return 0;
}
