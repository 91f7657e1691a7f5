/*
 * Reading conversion (IPMI 2.0 section 36.3): every data format x every linearization
 * against values worked out by hand from y = L[(M*x + B*10^K1) * 10^K2], the inverse,
 * hysteresis, tolerance, accuracy and deriving factors from a range.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/sdr.h"
#include "testutil.h"

static struct ik_sdr_conv conv(uint8_t fmt, uint8_t lin, int m, int b, int k1, int k2)
{
    struct ik_sdr_conv c;
    memset(&c, 0, sizeof(c));
    c.format = fmt;
    c.linearization = lin;
    c.m = (int16_t)m;
    c.b = (int16_t)b;
    c.k1 = (int8_t)k1;
    c.k2 = (int8_t)k2;
    return c;
}

/* raw -> value through the checked API, within a relative 1e-12. */
static void expect(uint8_t fmt, uint8_t lin, int m, int b, int k1, int k2, uint8_t raw, double want)
{
    struct ik_sdr_conv c = conv(fmt, lin, m, b, k1, k2);
    double v = -12345;
    assert_int_equal(ik_sdr_raw_to_value(&c, raw, &v), 0);
    if (fabs(v - want) > 1e-12 * fmax(1, fabs(want)))
        fail_msg("fmt %u lin %02x raw %02x: got %.17g, want %.17g", fmt, lin, raw, v, want);
}

enum { U = IK_SDR_FMT_UNSIGNED, ONES = IK_SDR_FMT_ONES, TWOS = IK_SDR_FMT_TWOS };

static void raw_signed_reads_each_data_format(void **state)
{
    (void)state;
    assert_int_equal(ik_sdr_raw_signed(U, 0x80), 128);
    assert_int_equal(ik_sdr_raw_signed(U, 0xFF), 255);
    assert_int_equal(ik_sdr_raw_signed(ONES, 0x7F), 127);
    assert_int_equal(ik_sdr_raw_signed(ONES, 0x80), -127);
    assert_int_equal(ik_sdr_raw_signed(ONES, 0xFE), -1);
    assert_int_equal(ik_sdr_raw_signed(ONES, 0xFF), 0); /* -0 */
    assert_int_equal(ik_sdr_raw_signed(TWOS, 0x80), -128);
    assert_int_equal(ik_sdr_raw_signed(TWOS, 0xFF), -1);
    assert_int_equal(ik_sdr_raw_signed(IK_SDR_FMT_NONE, 0xFF), 255);
}

static void conv_linear_applies_m_b_k1_k2_in_every_format(void **state)
{
    (void)state;
    /* (2x - 5*10^1) * 10^-1 */
    expect(U, 0, 2, -5, 1, -1, 100, 15.0);
    expect(U, 0, 2, -5, 1, -1, 0xFF, 46.0);
    expect(ONES, 0, 2, -5, 1, -1, 0x80, -30.4); /* x = -127 */
    expect(ONES, 0, 2, -5, 1, -1, 0xFF, -5.0);  /* x = -0 */
    expect(TWOS, 0, 2, -5, 1, -1, 0x80, -30.6); /* x = -128 */
    expect(TWOS, 0, 2, -5, 1, -1, 0xFF, -5.2);  /* x = -1 */
    /* Extremes of the fields: M = -512, B = 511, K1 = -8, K2 = 7. */
    expect(U, 0, -512, 511, -8, 7, 1, (-512 + 511e-8) * 1e7);
    expect(U, 0, 511, -512, 7, -8, 2, (1022 - 512e7) * 1e-8);
}

static void conv_ln_in_every_format(void **state)
{
    (void)state;
    /* ln((3x + 5*10^2) * 10^-2) */
    expect(U, IK_SDR_LIN_LN, 3, 5, 2, -2, 100, 2.0794415416798357);      /* ln 8 */
    expect(ONES, IK_SDR_LIN_LN, 3, 5, 2, -2, 0xFF, 1.6094379124341003);  /* ln 5 */
    expect(TWOS, IK_SDR_LIN_LN, 3, 5, 2, -2, 0x9C, 0.69314718055994529); /* x=-100: ln 2 */
}

static void conv_log10_in_every_format(void **state)
{
    (void)state;
    /* log10(7x + 1*10^3) */
    expect(U, IK_SDR_LIN_LOG10, 7, 1, 3, 0, 0, 3.0);
    expect(ONES, IK_SDR_LIN_LOG10, 7, 1, 3, 0, 0x80, log10(111));         /* 1000 - 889 */
    expect(TWOS, IK_SDR_LIN_LOG10, 7, 1, 3, 0, 0x80, 2.0170333392987803); /* log10 104 */
}

static void conv_log2_in_every_format(void **state)
{
    (void)state;
    /* log2((x + 3*10^2) * 10^-1) */
    expect(U, IK_SDR_LIN_LOG2, 1, 3, 2, -1, 20, 5.0); /* log2 32 */
    /* x = -44: log2 25.6 = 8 - log2 10 */
    expect(ONES, IK_SDR_LIN_LOG2, 1, 3, 2, -1, 0xD3, 4.678071905112638);
    expect(TWOS, IK_SDR_LIN_LOG2, 1, 3, 2, -1, 0xD4, 4.678071905112638);
}

static void conv_e_in_every_format(void **state)
{
    (void)state;
    /* e^(x * 10^-2) */
    expect(U, IK_SDR_LIN_E, 1, 0, 0, -2, 100, 2.718281828459045);
    expect(ONES, IK_SDR_LIN_E, 1, 0, 0, -2, 0x9B, 0.36787944117144233); /* x = -100 */
    expect(TWOS, IK_SDR_LIN_E, 1, 0, 0, -2, 0x9C, 0.36787944117144233); /* x = -100 */
}

static void conv_exp10_in_every_format(void **state)
{
    (void)state;
    /* 10^(x * 10^-2) */
    expect(U, IK_SDR_LIN_EXP10, 1, 0, 0, -2, 200, 100.0);
    expect(ONES, IK_SDR_LIN_EXP10, 1, 0, 0, -2, 0x9B, 0.1);
    expect(TWOS, IK_SDR_LIN_EXP10, 1, 0, 0, -2, 0x9C, 0.1);
}

static void conv_exp2_in_every_format(void **state)
{
    (void)state;
    /* 2^(5x * 10^-1) */
    expect(U, IK_SDR_LIN_EXP2, 5, 0, 0, -1, 4, 4.0);
    expect(ONES, IK_SDR_LIN_EXP2, 5, 0, 0, -1, 0xFD, 0.5); /* x = -2 */
    expect(TWOS, IK_SDR_LIN_EXP2, 5, 0, 0, -1, 0xFE, 0.5); /* x = -2 */
}

static void conv_inverse_in_every_format(void **state)
{
    (void)state;
    /* 1 / ((x + 2*10^2) * 10^-2) */
    expect(U, IK_SDR_LIN_INV, 1, 2, 2, -2, 0, 0.5);
    expect(ONES, IK_SDR_LIN_INV, 1, 2, 2, -2, 0x9B, 1.0);                /* x = -100 */
    expect(TWOS, IK_SDR_LIN_INV, 1, 2, 2, -2, 0x80, 1.3888888888888888); /* 1/0.72 */
}

static void conv_sqr_in_every_format(void **state)
{
    (void)state;
    /* ((-3x + 2) * 10^-1)^2: negative M */
    expect(U, IK_SDR_LIN_SQR, -3, 2, 0, -1, 4, 1.0);
    expect(ONES, IK_SDR_LIN_SQR, -3, 2, 0, -1, 0xFB, 1.96); /* x = -4 */
    expect(TWOS, IK_SDR_LIN_SQR, -3, 2, 0, -1, 0xFC, 1.96); /* x = -4 */
}

static void conv_cube_in_every_format(void **state)
{
    (void)state;
    /* ((x - 1*10^1) * 10^-1)^3 */
    expect(U, IK_SDR_LIN_CUBE, 1, -1, 1, -1, 40, 27.0);
    expect(ONES, IK_SDR_LIN_CUBE, 1, -1, 1, -1, 0xFF, -1.0);
    expect(TWOS, IK_SDR_LIN_CUBE, 1, -1, 1, -1, 0xF6, -8.0); /* x = -10 */
}

static void conv_sqrt_in_every_format(void **state)
{
    (void)state;
    /* sqrt((4x + 6*10^2) * 10^-2) */
    expect(U, IK_SDR_LIN_SQRT, 4, 6, 2, -2, 0, 2.449489742783178);
    expect(U, IK_SDR_LIN_SQRT, 4, 6, 2, -2, 100, 3.1622776601683795);
    expect(ONES, IK_SDR_LIN_SQRT, 4, 6, 2, -2, 0x80, sqrt(0.92));        /* x = -127 */
    expect(TWOS, IK_SDR_LIN_SQRT, 4, 6, 2, -2, 0x80, 0.938083151964686); /* x = -128 */
}

static void conv_cube_root_in_every_format(void **state)
{
    (void)state;
    /* cbrt(-9x): 0Bh is the inverse of cube (the spec's "cube-1") */
    expect(U, IK_SDR_LIN_CBRT, -9, 0, 0, 0, 3, -3.0);
    expect(ONES, IK_SDR_LIN_CBRT, -9, 0, 0, 0, 0xFC, 3.0); /* x = -3 */
    expect(TWOS, IK_SDR_LIN_CBRT, -9, 0, 0, 0, 0xFD, 3.0); /* x = -3 */
}

static void conv_refuses_no_analog_nonlinear_and_reserved(void **state)
{
    (void)state;
    double v = 42;
    struct ik_sdr_conv c = conv(IK_SDR_FMT_NONE, 0, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_raw_to_value(&c, 1, &v), IK_E_UNSUPPORTED);
    assert_true(isnan(ik_sdr_to_real(&c, 1)));
    c = conv(U, IK_SDR_LIN_NONLINEAR, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_raw_to_value(&c, 1, &v), IK_E_UNSUPPORTED);
    c = conv(U, 0x7F, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_raw_to_value(&c, 1, &v), IK_E_UNSUPPORTED);
    c = conv(U, 0x0C, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_raw_to_value(&c, 1, &v), IK_E_UNSUPPORTED);
    assert_int_equal(v, 42); /* untouched */
    assert_string_equal(ik_sdr_lin_name(0x70), "non-linear");
    assert_string_equal(ik_sdr_lin_name(0x7F), "non-linear OEM");
    assert_string_equal(ik_sdr_lin_name(0x0B), "cube-1(x)");
    assert_null(ik_sdr_lin_name(0x0C));
}

static void conv_reports_nan_and_infinity_as_range_errors(void **state)
{
    (void)state;
    double v = 42;
    struct ik_sdr_conv c = conv(TWOS, IK_SDR_LIN_LN, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_raw_to_value(&c, 0xFF, &v), IK_E_RANGE); /* ln(-1) */
    assert_int_equal(ik_sdr_raw_to_value(&c, 0x00, &v), IK_E_RANGE); /* ln(0) = -inf */
    c = conv(U, IK_SDR_LIN_INV, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_raw_to_value(&c, 0, &v), IK_E_RANGE); /* 1/0 */
    assert_true(isinf(ik_sdr_to_real(&c, 0)));
    c = conv(U, IK_SDR_LIN_EXP10, 511, 0, 0, 7);
    assert_int_equal(ik_sdr_raw_to_value(&c, 255, &v), IK_E_RANGE); /* overflow */
    assert_int_equal(v, 42);
}

/* raw -> value -> raw gives the raw back for every code of an injective conversion. */
static void all_codes_round_trip(const struct ik_sdr_conv *c)
{
    for (int raw = 0; raw < 256; raw++) {
        if (c->format == ONES && raw == 0xFF)
            continue; /* -0: same value as 00h, which is what comes back */
        double v;
        if (ik_sdr_raw_to_value(c, (uint8_t)raw, &v) != 0)
            continue;
        uint8_t back = 0;
        assert_int_equal(ik_sdr_value_to_raw(c, v, &back), 0);
        if (back != raw)
            fail_msg("fmt %u lin %02x M %d: raw %02x -> %.17g -> %02x", c->format, c->linearization,
                     c->m, raw, v, back);
    }
}

static void value_to_raw_inverts_every_format_and_monotonic_linearization(void **state)
{
    (void)state;
    static const struct {
        uint8_t lin;
        int m, b, k1, k2;
    } f[] = {
        {0, 2, -5, 1, -1},
        {0, -7, 3, 2, -2},
        {IK_SDR_LIN_LN, 3, 5, 2, -2},
        {IK_SDR_LIN_LOG10, 7, 1, 3, 0},
        {IK_SDR_LIN_LOG2, 1, 3, 2, -1},
        {IK_SDR_LIN_E, 1, 0, 0, -2},
        {IK_SDR_LIN_EXP10, 1, 0, 0, -2},
        {IK_SDR_LIN_EXP2, 5, 0, 0, -1},
        {IK_SDR_LIN_INV, 1, 2, 2, -2},
        {IK_SDR_LIN_CUBE, 1, -1, 1, -1},
        {IK_SDR_LIN_SQRT, 4, 6, 2, -2},
        {IK_SDR_LIN_CBRT, -9, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
        for (uint8_t fmt = 0; fmt < 3; fmt++) {
            struct ik_sdr_conv c = conv(fmt, f[i].lin, f[i].m, f[i].b, f[i].k1, f[i].k2);
            all_codes_round_trip(&c);
        }
}

static void value_to_raw_picks_the_nearest_code(void **state)
{
    (void)state;
    struct ik_sdr_conv c = conv(U, 0, 5, 0, 0, -1); /* 0.5 per count */
    uint8_t raw;
    assert_int_equal(ik_sdr_value_to_raw(&c, 10.2, &raw), 0);
    assert_int_equal(raw, 20);
    assert_int_equal(ik_sdr_value_to_raw(&c, 10.3, &raw), 0);
    assert_int_equal(raw, 21);
    assert_int_equal(ik_sdr_value_to_raw(&c, 10.25, &raw), 0); /* tie: the smaller byte */
    assert_int_equal(raw, 20);
    /* Negative M: the scale runs downwards. */
    c = conv(U, 0, -1, 0, 0, 0);
    assert_int_equal(ik_sdr_value_to_raw(&c, -10, &raw), 0);
    assert_int_equal(raw, 10);
    /* 1's complement never yields FFh (-0). */
    c = conv(ONES, 0, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_value_to_raw(&c, 0, &raw), 0);
    assert_int_equal(raw, 0);
    assert_int_equal(ik_sdr_value_to_raw(&c, -127, &raw), 0);
    assert_int_equal(raw, 0x80);
    /* 2's complement reaches -128. */
    c = conv(TWOS, 0, 1, 0, 0, 0);
    assert_int_equal(ik_sdr_value_to_raw(&c, -128, &raw), 0);
    assert_int_equal(raw, 0x80);
}

static void value_to_raw_rejects_values_beyond_the_range(void **state)
{
    (void)state;
    struct ik_sdr_conv c = conv(U, 0, 5, 0, 0, -1); /* 0 .. 127.5 */
    uint8_t raw = 0x77;
    assert_int_equal(ik_sdr_value_to_raw(&c, 127.7, &raw), 0); /* within half a step */
    assert_int_equal(raw, 255);
    assert_int_equal(ik_sdr_value_to_raw(&c, -0.2, &raw), 0);
    assert_int_equal(raw, 0);
    raw = 0x77;
    assert_int_equal(ik_sdr_value_to_raw(&c, 127.8, &raw), IK_E_RANGE);
    assert_int_equal(ik_sdr_value_to_raw(&c, -0.3, &raw), IK_E_RANGE);
    assert_int_equal(ik_sdr_value_to_raw(&c, NAN, &raw), IK_E_INVAL);
    assert_int_equal(ik_sdr_value_to_raw(&c, INFINITY, &raw), IK_E_RANGE);
    assert_int_equal(raw, 0x77);
    c.format = IK_SDR_FMT_NONE;
    assert_int_equal(ik_sdr_value_to_raw(&c, 1, &raw), IK_E_UNSUPPORTED);
    /* Every result NaN (ln of negatives only): nothing to choose from. */
    c = conv(U, IK_SDR_LIN_LN, -1, -1, 0, 0);
    assert_int_equal(ik_sdr_value_to_raw(&c, 1, &raw), IK_E_RANGE);
}

static void hysteresis_is_a_count_without_offset(void **state)
{
    (void)state;
    struct ik_sdr_conv c = conv(TWOS, 0, 2, -50, 3, -1);
    assert_true(fabs(ik_sdr_hysteresis_to_real(&c, 5) - 1.0) < 1e-12);
    /* A count is unsigned even in a signed format: 85h is 133 counts. */
    assert_true(fabs(ik_sdr_hysteresis_to_real(&c, 0x85) - 26.6) < 1e-12);
    uint8_t raw;
    assert_int_equal(ik_sdr_hysteresis_to_raw(&c, 1.0, &raw), 0);
    assert_int_equal(raw, 5);
    assert_int_equal(ik_sdr_hysteresis_to_raw(&c, 51.2, &raw), IK_E_RANGE);
    c.format = IK_SDR_FMT_NONE;
    assert_true(isnan(ik_sdr_hysteresis_to_real(&c, 5)));
}

static void tolerance_is_half_counts_and_accuracy_is_hundredths_of_percent(void **state)
{
    (void)state;
    struct ik_sdr_conv c = conv(U, 0, 2, 7, 0, -1);
    c.tolerance = 3;
    assert_true(fabs(ik_sdr_tolerance(&c) - 0.3) < 1e-12); /* 2 * 3/2 * 10^-1 */
    c.accuracy = 25;
    c.accuracy_exp = 1;
    assert_true(fabs(ik_sdr_accuracy_pct(&c) - 2.5) < 1e-12); /* 25 * 10 / 100 */
    c.accuracy = 1023;
    c.accuracy_exp = 3;
    assert_true(fabs(ik_sdr_accuracy_pct(&c) - 10230.0) < 1e-9);
}

static void full_conv_view_round_trips_through_a_record(void **state)
{
    (void)state;
    struct ik_sdr_full f;
    memset(&f, 0, sizeof(f));
    struct ik_sdr_conv c = conv(TWOS, IK_SDR_LIN_SQRT, -300, 200, -3, 4), back;
    c.tolerance = 9;
    c.accuracy = 700;
    c.accuracy_exp = 2;
    ik_sdr_full_set_conv(&f, &c);
    assert_int_equal(f.s.units.format, TWOS);
    assert_int_equal(f.b_exp, -3);
    assert_int_equal(f.r_exp, 4);
    ik_sdr_full_conv(&f, &back);
    /* Field by field: struct padding is not part of the value. */
    assert_int_equal(back.format, c.format);
    assert_int_equal(back.linearization, c.linearization);
    assert_int_equal(back.m, c.m);
    assert_int_equal(back.b, c.b);
    assert_int_equal(back.k1, c.k1);
    assert_int_equal(back.k2, c.k2);
    assert_int_equal(back.tolerance, c.tolerance);
    assert_int_equal(back.accuracy, c.accuracy);
    assert_int_equal(back.accuracy_exp, c.accuracy_exp);
}

static void derive_finds_exact_factors_for_a_decimal_resolution(void **state)
{
    (void)state;
    struct ik_sdr_conv c;
    assert_int_equal(ik_sdr_conv_derive(0, 127.5, 0.5, &c), 0);
    assert_int_equal(c.format, U);
    assert_int_equal(c.m, 5);
    assert_int_equal(c.k2, -1);
    assert_int_equal(c.b, 0);
    assert_int_equal(c.linearization, 0);
    double v;
    assert_int_equal(ik_sdr_raw_to_value(&c, 255, &v), 0);
    assert_true(fabs(v - 127.5) < 1e-9);

    /* Negative minimum that fits around zero: 2's complement, no offset. */
    assert_int_equal(ik_sdr_conv_derive(-10, 10, 0.1, &c), 0);
    assert_int_equal(c.format, TWOS);
    assert_int_equal(c.m, 1);
    assert_int_equal(c.k2, -1);
    assert_int_equal(c.b, 0);
    uint8_t raw;
    assert_int_equal(ik_sdr_value_to_raw(&c, -10, &raw), 0);
    assert_int_equal(raw, (uint8_t)-100);

    /* Negative minimum that does not fit around zero: unsigned with B = min. */
    assert_int_equal(ik_sdr_conv_derive(-40, 87.5, 0.5, &c), 0);
    assert_int_equal(c.format, U);
    assert_int_equal(ik_sdr_raw_to_value(&c, 0, &v), 0);
    assert_true(fabs(v + 40) < 1e-9);
    assert_int_equal(ik_sdr_raw_to_value(&c, 255, &v), 0);
    assert_true(fabs(v - 87.5) < 1e-9);
    assert_true(abs(c.b) <= 511 && c.k1 >= -8 && c.k1 <= 7);

    /* Offset with a positive minimum: 12 V rail, 20 mV steps from 10 V. */
    assert_int_equal(ik_sdr_conv_derive(10, 15, 0.02, &c), 0);
    assert_int_equal(c.m, 2);
    assert_int_equal(c.k2, -2);
    assert_int_equal(ik_sdr_value_to_raw(&c, 12.0, &raw), 0);
    assert_int_equal(raw, 100);
}

static void derive_approximates_a_resolution_m_cannot_express_exactly(void **state)
{
    (void)state;
    struct ik_sdr_conv c;
    assert_int_equal(ik_sdr_conv_derive(0, 80, 1.0 / 3, &c), 0);
    assert_int_equal(c.m, 333);
    assert_int_equal(c.k2, -3);
}

static void derive_rejects_impossible_requests(void **state)
{
    (void)state;
    struct ik_sdr_conv c;
    memset(&c, 0x5A, sizeof(c));
    assert_int_equal(ik_sdr_conv_derive(0, 10, 0, &c), IK_E_INVAL);
    assert_int_equal(ik_sdr_conv_derive(0, 10, -1, &c), IK_E_INVAL);
    assert_int_equal(ik_sdr_conv_derive(10, 0, 1, &c), IK_E_INVAL);
    assert_int_equal(ik_sdr_conv_derive(NAN, 10, 1, &c), IK_E_INVAL);
    assert_int_equal(ik_sdr_conv_derive(0, INFINITY, 1, &c), IK_E_INVAL);
    assert_int_equal(ik_sdr_conv_derive(10, 20, 0.01, &c), IK_E_RANGE); /* 1000 steps */
    assert_int_equal(ik_sdr_conv_derive(0, 1, 1e-12, &c), IK_E_RANGE);  /* M*10^-8 too big */
    /* A minimum B*10^(K1+K2) cannot express. */
    assert_int_equal(ik_sdr_conv_derive(0.123456789, 1, 0.01, &c), IK_E_RANGE);
    assert_int_equal(c.m, 0x5A5A); /* untouched */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(raw_signed_reads_each_data_format),
        cmocka_unit_test(conv_linear_applies_m_b_k1_k2_in_every_format),
        cmocka_unit_test(conv_ln_in_every_format),
        cmocka_unit_test(conv_log10_in_every_format),
        cmocka_unit_test(conv_log2_in_every_format),
        cmocka_unit_test(conv_e_in_every_format),
        cmocka_unit_test(conv_exp10_in_every_format),
        cmocka_unit_test(conv_exp2_in_every_format),
        cmocka_unit_test(conv_inverse_in_every_format),
        cmocka_unit_test(conv_sqr_in_every_format),
        cmocka_unit_test(conv_cube_in_every_format),
        cmocka_unit_test(conv_sqrt_in_every_format),
        cmocka_unit_test(conv_cube_root_in_every_format),
        cmocka_unit_test(conv_refuses_no_analog_nonlinear_and_reserved),
        cmocka_unit_test(conv_reports_nan_and_infinity_as_range_errors),
        cmocka_unit_test(value_to_raw_inverts_every_format_and_monotonic_linearization),
        cmocka_unit_test(value_to_raw_picks_the_nearest_code),
        cmocka_unit_test(value_to_raw_rejects_values_beyond_the_range),
        cmocka_unit_test(hysteresis_is_a_count_without_offset),
        cmocka_unit_test(tolerance_is_half_counts_and_accuracy_is_hundredths_of_percent),
        cmocka_unit_test(full_conv_view_round_trips_through_a_record),
        cmocka_unit_test(derive_finds_exact_factors_for_a_decimal_resolution),
        cmocka_unit_test(derive_approximates_a_resolution_m_cannot_express_exactly),
        cmocka_unit_test(derive_rejects_impossible_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
