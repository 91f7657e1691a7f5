/*
 * libFuzzer: the host side of KCS fed arbitrary status and data register values. Byte 0
 * picks the request length; every later register read takes the next input byte (0 once
 * the input is used up). Each request must end (DONE or FAIL) within a bounded number of
 * events, and the response must stay within the buffer.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kcs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct feed {
    const uint8_t *p;
    size_t n, off;
    unsigned long writes;
};

static uint8_t next_byte(void *ctx)
{
    struct feed *f = ctx;
    return f->off < f->n ? f->p[f->off++] : 0;
}

static void count_write(void *ctx, uint8_t v)
{
    struct feed *f = ctx;
    (void)v;
    f->writes++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ik_kcs_host h;
    static uint8_t req[IK_KCS_MAX_MSG];
    struct feed f = {data, size, 0, 0};
    struct ik_kcs_host_io io = {next_byte, next_byte, count_write, count_write, &f};
    /* Short bounds so that 21 timed-out attempts stay cheap. */
    struct ik_kcs_host_cfg cfg = {1000, 1000, 100, 20};
    struct ik_sm_step s;
    ik_time_us now = 5;

    if (size < 1)
        return 0;
    size_t len = 2 + data[0] % (IK_KCS_MAX_MSG - 1);
    f.off = 1;
    for (size_t i = 0; i < len; i++)
        req[i] = (uint8_t)i;
    ik_kcs_host_init(&h, &io, &cfg);

    for (int round = 0; round < 4; round++) {
        int rc = ik_kcs_host_start(&h, req, len, now);
        if (rc == IK_E_DISABLED)
            break;
        if (rc != 0)
            __builtin_trap();
        /* While input lasts every event reads at least one byte of it; once it is used
         * up every read says IDLE with nothing pending, and the machine fails each of its
         * 21 attempts within a few events. */
        unsigned long bound = size + 1024;
        unsigned long i;
        for (i = 0; i < bound; i++) {
            ik_kcs_host_event(&h, now, &s);
            if (s.act != IK_SM_WAIT)
                break;
            if (s.deadline < now)
                __builtin_trap();
            now = s.deadline;
        }
        if (i == bound)
            __builtin_trap(); /* hang */
        if (h.rlen > IK_KCS_MAX_MSG || h.fails > cfg.max_attempts)
            __builtin_trap();
        if (s.act == IK_SM_FAIL && s.err != IK_E_DISABLED && s.err != IK_E_OVERSIZE)
            __builtin_trap();
        char text[256];
        ik_kcs_host_describe(&h, text, sizeof(text));
    }
    return 0;
}
