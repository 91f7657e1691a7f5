/*
 * The check every payload-codec harness (fuzz_msg_*.c) makes of each codec, and how the
 * first input byte picks one. Whatever decodes must encode to the same length, and that
 * encoding must decode and encode to itself: reserved bits may be dropped on the way, so
 * the input itself need not come back, but nothing may be lost twice or grow.
 */
#ifndef IK_FUZZ_CODEC_H
#define IK_FUZZ_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One codec under the name `name`: decode, encode, decode, encode; trap on any
 * disagreement. Inputs longer than cap bytes have no buffer to encode into and are
 * skipped. */
#define FUZZ_STABLE(name, type, dec, enc, cap)                                                     \
    static void name(const uint8_t *p, size_t n)                                                   \
    {                                                                                              \
        type v;                                                                                    \
        static uint8_t a[cap], b[cap];                                                             \
        size_t na = 0, nb = 0;                                                                     \
        if (n > sizeof(a) || dec(p, n, &v) != 0)                                                   \
            return;                                                                                \
        if (enc(&v, a, sizeof(a), &na) != 0 || na != n || dec(a, na, &v) != 0 ||                   \
            enc(&v, b, sizeof(b), &nb) != 0 || na != nb || memcmp(a, b, na) != 0)                  \
            __builtin_trap();                                                                      \
    }

/* The body of LLVMFuzzerTestOneInput: data[0] picks one of the array `codecs`, the rest is
 * its input. */
#define FUZZ_PICK(codecs, data, size)                                                              \
    do {                                                                                           \
        if ((size) > 0)                                                                            \
            codecs[(data)[0] % (sizeof(codecs) / sizeof(codecs[0]))]((data) + 1, (size)-1);        \
    } while (0)

#endif
