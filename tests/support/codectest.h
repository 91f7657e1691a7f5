/*
 * Checks every payload-codec test uses (tests/test_msg_*.c): decode a commented-hex
 * vector, round-trip it through the encoder, and refuse the lengths the format does not
 * allow. Every buffer handed to a decoder is an exact-size heap copy, so ASan reports a
 * one-byte over-read; every refusal leaves *out as it was.
 */
#ifndef IK_CODECTEST_H
#define IK_CODECTEST_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* The last vector codectest_hex() parsed, kept until the next call or codectest_free(). */
static uint8_t *codectest_cur;
static size_t codectest_cur_n;

static inline const uint8_t *codectest_hex(const char *h)
{
    free(codectest_cur);
    codectest_cur = ik_test_hex(h, &codectest_cur_n);
    return codectest_cur;
}

/* A cmocka group teardown that frees the last vector. */
static inline int codectest_free(void **state)
{
    (void)state;
    free(codectest_cur);
    codectest_cur = NULL;
    return 0;
}

/* Decode a hex vector; the decoder's return value. */
#define DECODE(fn, h, out) (codectest_hex(h), fn(codectest_cur, codectest_cur_n, out))

/* Decode a hex vector and expect `want`. */
#define DECODE_EXPECT(fn, h, out, want) assert_int_equal(DECODE(fn, h, out), (want))

/* Decode a hex vector, encode the result: the same bytes; one byte less room is
 * IK_E_NOSPACE with *written untouched. */
#define ROUND_TRIP(dec, enc, type, h)                                                              \
    do {                                                                                           \
        type v_;                                                                                   \
        uint8_t out_[600];                                                                         \
        size_t w_ = 0, w2_ = 99;                                                                   \
        assert_int_equal(DECODE(dec, h, &v_), 0);                                                  \
        assert_int_equal(enc(&v_, out_, sizeof(out_), &w_), 0);                                    \
        assert_int_equal(w_, codectest_cur_n);                                                     \
        assert_memory_equal(out_, codectest_cur, codectest_cur_n);                                 \
        if (codectest_cur_n > 0) {                                                                 \
            assert_int_equal(enc(&v_, out_, codectest_cur_n - 1, &w2_), IK_E_NOSPACE);             \
            assert_int_equal(w2_, 99);                                                             \
        }                                                                                          \
    } while (0)

/* Every length in [0, lo) of zero bytes is IK_E_TRUNCATED; *out keeps its sentinel. */
#define REJECTS_SHORT(dec, type, lo)                                                               \
    do {                                                                                           \
        type v_, keep_;                                                                            \
        memset(&v_, 0xA5, sizeof(v_));                                                             \
        memcpy(&keep_, &v_, sizeof(v_));                                                           \
        for (size_t len_ = 0; len_ < (lo); len_++) {                                               \
            uint8_t *p_ = len_ ? calloc(1, len_) : NULL;                                           \
            assert_int_equal(dec(p_, len_, &v_), IK_E_TRUNCATED);                                  \
            free(p_);                                                                              \
        }                                                                                          \
        assert_memory_equal(&v_, &keep_, sizeof(v_));                                              \
    } while (0)

/* hi + 1 zero bytes are IK_E_OVERSIZE; *out keeps its sentinel. */
#define REJECTS_LONG(dec, type, hi)                                                                \
    do {                                                                                           \
        type v_, keep_;                                                                            \
        memset(&v_, 0xA5, sizeof(v_));                                                             \
        memcpy(&keep_, &v_, sizeof(v_));                                                           \
        uint8_t *p_ = calloc(1, (hi) + 1);                                                         \
        assert_int_equal(dec(p_, (hi) + 1, &v_), IK_E_OVERSIZE);                                   \
        free(p_);                                                                                  \
        assert_memory_equal(&v_, &keep_, sizeof(v_));                                              \
    } while (0)

#define REJECTS_LENGTHS(dec, type, lo, hi)                                                         \
    do {                                                                                           \
        REJECTS_SHORT(dec, type, lo);                                                              \
        REJECTS_LONG(dec, type, hi);                                                               \
    } while (0)

/* Every proper prefix of a hex vector is `short_err`, the vector with one more (zero) byte
 * is `long_err`; *out keeps its sentinel. */
#define REJECTS_PREFIXES(dec, type, h, short_err, long_err)                                        \
    do {                                                                                           \
        size_t n_;                                                                                 \
        uint8_t *full_ = ik_test_hex((h), &n_);                                                    \
        type v_, keep_;                                                                            \
        memset(&v_, 0x5A, sizeof(v_));                                                             \
        memcpy(&keep_, &v_, sizeof(v_));                                                           \
        for (size_t l_ = 0; l_ < n_; l_++) {                                                       \
            uint8_t *p_ = ik_test_dup(full_, l_);                                                  \
            assert_int_equal(dec(p_, l_, &v_), (short_err));                                       \
            free(p_);                                                                              \
        }                                                                                          \
        uint8_t *big_ = calloc(1, n_ + 1);                                                         \
        memcpy(big_, full_, n_);                                                                   \
        assert_int_equal(dec(big_, n_ + 1, &v_), (long_err));                                      \
        free(big_);                                                                                \
        assert_memory_equal(&v_, &keep_, sizeof(v_));                                              \
        free(full_);                                                                               \
    } while (0)

/* A fixed-length payload: the vector is n bytes, shorter is truncated, longer oversize. */
#define FIXED_LEN(dec, type, h, n)                                                                 \
    do {                                                                                           \
        size_t nn_;                                                                                \
        free(ik_test_hex((h), &nn_));                                                              \
        assert_int_equal(nn_, (n));                                                                \
        REJECTS_PREFIXES(dec, type, h, IK_E_TRUNCATED, IK_E_OVERSIZE);                             \
    } while (0)

#endif
