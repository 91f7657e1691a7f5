/*
 * Sensor reading conversion (IPMI 2.0 section 36.3): raw byte to value and back,
 * hysteresis, tolerance and accuracy, and deriving M/B/K1/K2 from a wanted range.
 *
 *   y = L[(M*x + B*10^K1) * 10^K2] units
 *
 * x is the raw byte read per the analog data format (unsigned, 1's or 2's complement), M
 * and B are 10-bit signed, K1 (B exponent) and K2 (R exponent) 4-bit signed, and L the
 * linearization function. The arithmetic is done in the order ipmitool does it (integer
 * M*x, then doubles) so printed values agree to the last digit.
 *
 * Inversion does not solve the formula: it tries every raw byte the format allows and
 * keeps the nearest result, which is exact for any sign of M, any linearization and any
 * rounding, at the price of 256 evaluations.
 */
#include "ipmikit/sdr.h"

#include <math.h>

#include "ipmikit/error.h"

void ik_sdr_full_conv(const struct ik_sdr_full *f, struct ik_sdr_conv *out)
{
    out->format = f->s.units.format;
    out->linearization = f->linearization;
    out->m = f->m;
    out->b = f->b;
    out->k1 = f->b_exp;
    out->k2 = f->r_exp;
    out->tolerance = f->tolerance;
    out->accuracy = f->accuracy;
    out->accuracy_exp = f->accuracy_exp;
}

void ik_sdr_full_set_conv(struct ik_sdr_full *f, const struct ik_sdr_conv *c)
{
    f->s.units.format = c->format;
    f->linearization = c->linearization;
    f->m = c->m;
    f->b = c->b;
    f->b_exp = c->k1;
    f->r_exp = c->k2;
    f->tolerance = c->tolerance;
    f->accuracy = c->accuracy;
    f->accuracy_exp = c->accuracy_exp;
}

int ik_sdr_raw_signed(uint8_t format, uint8_t raw)
{
    switch (format) {
    case IK_SDR_FMT_ONES:
        /* 1's complement: a negative number is the bitwise inverse of its magnitude, so
         * 80h is -127 and FFh is -0. */
        return (raw & 0x80) ? -(int)(uint8_t)~raw : raw;
    case IK_SDR_FMT_TWOS:
        return (raw & 0x80) ? (int)raw - 256 : raw;
    }
    return raw;
}

/* Is the linearization one of the twelve functions of table 43-1 byte 24? */
static int lin_known(uint8_t lin)
{
    return (lin & 0x7F) <= IK_SDR_LIN_CBRT;
}

static double linearize(uint8_t lin, double y)
{
    switch (lin & 0x7F) {
    case IK_SDR_LIN_LN:
        return log(y);
    case IK_SDR_LIN_LOG10:
        return log10(y);
    case IK_SDR_LIN_LOG2:
        return log(y) / log(2.0);
    case IK_SDR_LIN_E:
        return exp(y);
    case IK_SDR_LIN_EXP10:
        return pow(10.0, y);
    case IK_SDR_LIN_EXP2:
        return pow(2.0, y);
    case IK_SDR_LIN_INV:
        return pow(y, -1.0);
    case IK_SDR_LIN_SQR:
        return pow(y, 2.0);
    case IK_SDR_LIN_CUBE:
        return pow(y, 3.0);
    case IK_SDR_LIN_SQRT:
        return sqrt(y);
    case IK_SDR_LIN_CBRT:
        return cbrt(y);
    }
    return y;
}

double ik_sdr_to_real(const struct ik_sdr_conv *c, uint8_t raw)
{
    if (c->format == IK_SDR_FMT_NONE || !lin_known(c->linearization))
        return NAN;
    int x = ik_sdr_raw_signed(c->format, raw);
    double y = ((double)(c->m * x) + (c->b * pow(10, c->k1))) * pow(10, c->k2);
    return linearize(c->linearization, y);
}

int ik_sdr_raw_to_value(const struct ik_sdr_conv *c, uint8_t raw, double *out)
{
    if (c->format == IK_SDR_FMT_NONE || !lin_known(c->linearization))
        return IK_E_UNSUPPORTED;
    double v = ik_sdr_to_real(c, raw);
    if (!isfinite(v))
        return IK_E_RANGE;
    *out = v;
    return 0;
}

double ik_sdr_hysteresis_to_real(const struct ik_sdr_conv *c, uint8_t raw)
{
    if (c->format == IK_SDR_FMT_NONE || !lin_known(c->linearization))
        return NAN;
    /* A hysteresis is a count of raw steps, never negative, and has no offset. */
    double y = (double)(c->m * (int)raw) * pow(10, c->k2);
    return linearize(c->linearization, y);
}

double ik_sdr_tolerance(const struct ik_sdr_conv *c)
{
    if (c->format == IK_SDR_FMT_NONE || !lin_known(c->linearization))
        return NAN;
    /* Tolerance is in +/- half raw counts (table 43-1 byte 26). */
    double y = (c->m * ((double)c->tolerance / 2)) * pow(10, c->k2);
    return linearize(c->linearization, y);
}

double ik_sdr_accuracy_pct(const struct ik_sdr_conv *c)
{
    /* Accuracy is in 1/100 percent, scaled up by 10^accuracy_exp (table 43-1 byte 29). */
    return c->accuracy * pow(10, c->accuracy_exp) / 100.0;
}

/*
 * The raw code in [0, 255] (skipping 1's complement -0 when skip_neg0) whose f() is nearest
 * to value; IK_E_RANGE when value lies beyond the smallest or largest result by more than
 * half the gap to the next result at that end.
 */
static int nearest(const struct ik_sdr_conv *c, double value,
                   double (*f)(const struct ik_sdr_conv *, uint8_t), int skip_neg0, uint8_t *out)
{
    if (isnan(value))
        return IK_E_INVAL;
    int best = -1;
    double best_d = 0, vmin = INFINITY, vmax = -INFINITY;
    double v_all[256];
    for (int i = 0; i < 256; i++) {
        v_all[i] = NAN;
        if (skip_neg0 && i == 0xFF)
            continue;
        double v = f(c, (uint8_t)i);
        if (!isfinite(v))
            continue;
        v_all[i] = v;
        double d = fabs(v - value);
        if (best < 0 || d < best_d) {
            best = i;
            best_d = d;
        }
        if (v < vmin)
            vmin = v;
        if (v > vmax)
            vmax = v;
    }
    if (best < 0)
        return IK_E_RANGE;
    if (value < vmin || value > vmax) {
        /* Half the gap from the extreme to the next distinct result. */
        double edge = value < vmin ? vmin : vmax, gap = INFINITY;
        for (int i = 0; i < 256; i++) {
            if (isnan(v_all[i]) || v_all[i] == edge)
                continue;
            double d = fabs(v_all[i] - edge);
            if (d < gap)
                gap = d;
        }
        if (!isfinite(gap) || fabs(value - edge) > gap / 2)
            return IK_E_RANGE;
    }
    *out = (uint8_t)best;
    return 0;
}

int ik_sdr_value_to_raw(const struct ik_sdr_conv *c, double value, uint8_t *raw)
{
    if (c->format == IK_SDR_FMT_NONE || !lin_known(c->linearization))
        return IK_E_UNSUPPORTED;
    return nearest(c, value, ik_sdr_to_real, c->format == IK_SDR_FMT_ONES, raw);
}

int ik_sdr_hysteresis_to_raw(const struct ik_sdr_conv *c, double value, uint8_t *raw)
{
    if (c->format == IK_SDR_FMT_NONE || !lin_known(c->linearization))
        return IK_E_UNSUPPORTED;
    return nearest(c, value, ik_sdr_hysteresis_to_real, 0, raw);
}

int ik_sdr_conv_derive(double min, double max, double resolution, struct ik_sdr_conv *out)
{
    if (!isfinite(min) || !isfinite(max) || !isfinite(resolution) || resolution <= 0 || max < min)
        return IK_E_INVAL;

    /* M * 10^K2 = resolution: the most exact M in 1..511, the smaller M on a tie. */
    int m = 0, k2 = 0;
    double best = INFINITY;
    for (int k = -8; k <= 7; k++) {
        double mm = nearbyint(resolution / pow(10, k));
        if (mm < 1 || mm > 511)
            continue;
        double err = fabs(mm * pow(10, k) - resolution) / resolution;
        if (err <= best * (1 + 1e-12) + 1e-15) {
            best = err;
            m = (int)mm;
            k2 = k;
        }
    }
    if (m == 0)
        return IK_E_RANGE;
    double step = m * pow(10, k2);
    double eps = step * 1e-6;
    if ((max - min) / step > 255 + 1e-6)
        return IK_E_RANGE;

    uint8_t format;
    double offset;
    if (min >= 0) {
        format = IK_SDR_FMT_UNSIGNED;
        offset = min;
    } else if (min >= -128 * step - eps && max <= 127 * step + eps) {
        format = IK_SDR_FMT_TWOS;
        offset = 0;
    } else {
        format = IK_SDR_FMT_UNSIGNED;
        offset = min;
    }

    /* B * 10^(K1 + K2) = offset: the most exact B in -512..511, the smaller |B| on a tie. */
    int b = 0, k1 = 0;
    if (offset != 0) {
        double berr = INFINITY;
        for (int k = -8; k <= 7; k++) {
            double scale = pow(10, k + k2);
            double bb = nearbyint(offset / scale);
            if (bb < -512 || bb > 511)
                continue;
            double err = fabs(bb * scale - offset);
            if (err < berr - 1e-15 || (err <= berr + 1e-15 && fabs(bb) < fabs((double)b))) {
                berr = err;
                b = (int)bb;
                k1 = k;
            }
        }
        if (!(berr <= eps))
            return IK_E_RANGE;
    }
    out->format = format;
    out->linearization = IK_SDR_LIN_LINEAR;
    out->m = (int16_t)m;
    out->b = (int16_t)b;
    out->k1 = (int8_t)k1;
    out->k2 = (int8_t)k2;
    out->tolerance = 0;
    out->accuracy = 0;
    out->accuracy_exp = 0;
    return 0;
}

const char *ik_sdr_lin_name(uint8_t lin)
{
    static const char *const names[] = {
        "linear", "ln",  "log10",  "log2",    "e",       "exp10",
        "exp2",   "1/x", "sqr(x)", "cube(x)", "sqrt(x)", "cube-1(x)",
    };
    lin &= 0x7F;
    if (lin <= IK_SDR_LIN_CBRT)
        return names[lin];
    if (lin == IK_SDR_LIN_NONLINEAR)
        return "non-linear";
    if (lin > IK_SDR_LIN_NONLINEAR)
        return "non-linear OEM";
    return NULL;
}
