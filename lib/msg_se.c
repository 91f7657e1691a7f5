/* NetFn Sensor/Event (04h) command payload codecs (see msg_se.h). */
#include "msg_se.h"

#include <string.h>

#include "cursor.h"

/*
 * Platform Event Message request (IPMI 2.0 section 29.3; the event message fields of
 * section 29.7):
 *   OFF SIZE FIELD
 *   --   1    generator ID, system interface only (software ID, [0] 1b)
 *   0    1    EvM revision (04h; 03h for IPMI 1.0 event messages)
 *   1    1    sensor type (table 42-3)
 *   2    1    sensor number
 *   3    1    [7] event direction (1b = deassertion), [6:0] event/reading type
 *   4    1    event data 1
 *   5    1    event data 2 (optional)
 *   6    1    event data 3 (optional)
 */
static int event_msg_decode(const uint8_t *buf, size_t len, bool gen, struct ik_event_msg *out)
{
    struct ik_rd r;
    struct ik_event_msg v;
    size_t min = gen ? IK_EVENT_MSG_SYSIF_MIN : IK_EVENT_MSG_MIN;
    size_t max = gen ? IK_EVENT_MSG_SYSIF_MAX : IK_EVENT_MSG_MAX;
    if (len < min)
        return IK_E_TRUNCATED;
    if (len > max)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    if (gen) {
        v.has_generator = true;
        v.generator = ik_rd_u8(&r);
    }
    v.evm_rev = ik_rd_u8(&r);
    v.sensor_type = ik_rd_u8(&r);
    v.sensor_num = ik_rd_u8(&r);
    uint8_t b = ik_rd_u8(&r);
    v.deassertion = b & 0x80;
    v.event_type = b & 0x7F;
    v.data_len = (uint8_t)ik_rd_left(&r); /* 1-3, by the length checks */
    ik_rd_bytes(&r, v.data, v.data_len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_event_msg_decode(const uint8_t *buf, size_t len, struct ik_event_msg *out)
{
    return event_msg_decode(buf, len, false, out);
}

int ik_event_msg_sysif_decode(const uint8_t *buf, size_t len, struct ik_event_msg *out)
{
    return event_msg_decode(buf, len, true, out);
}

int ik_event_msg_encode(const struct ik_event_msg *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->event_type > 0x7F || in->data_len < 1 || in->data_len > 3)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    if (in->has_generator)
        ik_wr_u8(&w, in->generator);
    ik_wr_u8(&w, in->evm_rev);
    ik_wr_u8(&w, in->sensor_type);
    ik_wr_u8(&w, in->sensor_num);
    ik_wr_u8(&w, (uint8_t)((in->deassertion ? 0x80 : 0) | in->event_type));
    ik_wr_bytes(&w, in->data, in->data_len);
    return ik_wr_finish(&w, written);
}

/*
 * Get Sensor Reading response (IPMI 2.0 section 35.14), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    sensor reading (raw; ignore when unavailable)
 *   1   1    [7] event messages enabled, [6] sensor scanning enabled, [5] reading/state
 *            unavailable, [4:0] reserved
 *   2   1    threshold sensors: [5] >= UNR, [4] >= UCR, [3] >= UNC, [2] <= LNR, [1] <= LCR,
 *            [0] <= LNC; discrete sensors: states 7-0 (optional)
 *   3   1    discrete sensors: [7] reserved, [6:0] states 14-8 (optional)
 */
int ik_sensor_reading_decode(const uint8_t *buf, size_t len, struct ik_sensor_reading *out)
{
    struct ik_rd r;
    struct ik_sensor_reading v;
    if (len < IK_SENSOR_READING_MIN)
        return IK_E_TRUNCATED;
    if (len > IK_SENSOR_READING_MAX)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    v.reading = ik_rd_u8(&r);
    uint8_t b = ik_rd_u8(&r);
    v.events_enabled = b & 0x80;
    v.scanning_enabled = b & 0x40;
    v.unavailable = b & 0x20;
    v.state_bytes = (uint8_t)ik_rd_left(&r);
    if (v.state_bytes >= 1)
        v.states = ik_rd_u8(&r);
    if (v.state_bytes == 2)
        v.states |= (uint16_t)(ik_rd_u8(&r) << 8);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_sensor_reading_encode(const struct ik_sensor_reading *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    if (in->state_bytes > 2 || (in->state_bytes < 2 && in->states >> (8 * in->state_bytes)))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->reading);
    ik_wr_u8(&w, (uint8_t)((in->events_enabled ? 0x80 : 0) | (in->scanning_enabled ? 0x40 : 0) |
                           (in->unavailable ? 0x20 : 0)));
    if (in->state_bytes >= 1)
        ik_wr_u8(&w, (uint8_t)(in->states & 0xFF));
    if (in->state_bytes == 2)
        ik_wr_u8(&w, (uint8_t)(in->states >> 8));
    return ik_wr_finish(&w, written);
}

/*
 * Get Sensor Reading Factors request (IPMI 2.0 section 35.5):
 *   OFF SIZE FIELD
 *   0   1    sensor number
 *   1   1    the reading byte the factors are for
 */
int ik_reading_factors_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_reading_factors_req *out)
{
    struct ik_rd r;
    struct ik_reading_factors_req v;
    if (len < IK_READING_FACTORS_REQ_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_READING_FACTORS_REQ_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.sensor_num = ik_rd_u8(&r);
    v.reading = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_reading_factors_req_encode(const struct ik_reading_factors_req *in, uint8_t *buf, size_t cap,
                                  size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->sensor_num);
    ik_wr_u8(&w, in->reading);
    return ik_wr_finish(&w, written);
}

/* Sign-extend the low `bits` bits of v. */
static int sext(unsigned v, unsigned bits)
{
    unsigned sign = 1u << (bits - 1);
    return (int)(v & (sign - 1)) - (int)(v & sign);
}

/*
 * Get Sensor Reading Factors response (IPMI 2.0 section 35.5), after the completion code;
 * bytes 1-6 are laid out as bytes 25-30 of the full sensor record (table 43-1):
 *   OFF SIZE FIELD
 *   0   1    next reading: the lowest reading above this one with different factors
 *   1   1    M, LS 8 bits (10-bit 2's complement)
 *   2   1    [7:6] M, MS 2 bits; [5:0] tolerance
 *   3   1    B, LS 8 bits (10-bit 2's complement)
 *   4   1    [7:6] B, MS 2 bits; [5:0] accuracy, LS 6 bits
 *   5   1    [7:4] accuracy, MS 4 bits; [3:2] accuracy exponent; [1:0] reserved (the
 *            record's sensor direction)
 *   6   1    [7:4] R (result) exponent, [3:0] B exponent, both 4-bit 2's complement
 */
int ik_reading_factors_decode(const uint8_t *buf, size_t len, struct ik_reading_factors *out)
{
    struct ik_rd r;
    struct ik_reading_factors v;
    if (len < IK_READING_FACTORS_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_READING_FACTORS_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.next_reading = ik_rd_u8(&r);
    uint8_t m_ls = ik_rd_u8(&r), m_tol = ik_rd_u8(&r), b_ls = ik_rd_u8(&r);
    uint8_t b_acc = ik_rd_u8(&r), acc = ik_rd_u8(&r), exps = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    v.m = (int16_t)sext(m_ls | (unsigned)(m_tol >> 6) << 8, 10);
    v.tolerance = m_tol & 0x3F;
    v.b = (int16_t)sext(b_ls | (unsigned)(b_acc >> 6) << 8, 10);
    v.accuracy = (uint16_t)((b_acc & 0x3F) | (acc >> 4) << 6);
    v.accuracy_exp = (acc >> 2) & 3;
    v.direction = acc & 3;
    v.r_exp = (int8_t)sext(exps >> 4, 4);
    v.b_exp = (int8_t)sext(exps & 0x0F, 4);
    *out = v;
    return 0;
}

int ik_reading_factors_encode(const struct ik_reading_factors *in, uint8_t *buf, size_t cap,
                              size_t *written)
{
    struct ik_wr w;
    if (in->m < -512 || in->m > 511 || in->b < -512 || in->b > 511 || in->tolerance > 0x3F ||
        in->accuracy > 0x3FF || in->accuracy_exp > 3 || in->direction > 3 || in->r_exp < -8 ||
        in->r_exp > 7 || in->b_exp < -8 || in->b_exp > 7)
        return IK_E_RANGE;
    unsigned m = (unsigned)in->m & 0x3FF, b = (unsigned)in->b & 0x3FF;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->next_reading);
    ik_wr_u8(&w, (uint8_t)(m & 0xFF));
    ik_wr_u8(&w, (uint8_t)((m >> 8) << 6 | in->tolerance));
    ik_wr_u8(&w, (uint8_t)(b & 0xFF));
    ik_wr_u8(&w, (uint8_t)((b >> 8) << 6 | (in->accuracy & 0x3F)));
    ik_wr_u8(&w, (uint8_t)((in->accuracy >> 6) << 4 | in->accuracy_exp << 2 | in->direction));
    ik_wr_u8(&w, (uint8_t)(((unsigned)in->r_exp & 0x0F) << 4 | ((unsigned)in->b_exp & 0x0F)));
    return ik_wr_finish(&w, written);
}

/*
 * Get Sensor Thresholds response (IPMI 2.0 section 35.9), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    readable thresholds: [7:6] reserved, [5] UNR, [4] UCR, [3] UNC, [2] LNR,
 *            [1] LCR, [0] LNC
 *   1   1    lower non-critical (raw; ignore when not readable)
 *   2   1    lower critical
 *   3   1    lower non-recoverable
 *   4   1    upper non-critical
 *   5   1    upper critical
 *   6   1    upper non-recoverable
 */
int ik_thresholds_decode(const uint8_t *buf, size_t len, struct ik_thresholds *out)
{
    struct ik_rd r;
    struct ik_thresholds v;
    if (len < IK_THRESHOLDS_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_THRESHOLDS_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.mask = ik_rd_u8(&r) & 0x3F;
    ik_rd_bytes(&r, v.thr, sizeof(v.thr));
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_thresholds_encode(const struct ik_thresholds *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->mask > 0x3F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->mask);
    ik_wr_bytes(&w, in->thr, sizeof(in->thr));
    return ik_wr_finish(&w, written);
}

/*
 * Set Sensor Thresholds request (IPMI 2.0 section 35.8):
 *   OFF SIZE FIELD
 *   0   1    sensor number
 *   1   1    thresholds to set: [7:6] reserved, [5] UNR, [4] UCR, [3] UNC, [2] LNR,
 *            [1] LCR, [0] LNC
 *   2   6    LNC, LCR, LNR, UNC, UCR, UNR (raw; ignored unless in the mask)
 */
int ik_thresholds_set_req_decode(const uint8_t *buf, size_t len, struct ik_thresholds_set_req *out)
{
    struct ik_rd r;
    struct ik_thresholds_set_req v;
    if (len < IK_THRESHOLDS_SET_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_THRESHOLDS_SET_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.sensor_num = ik_rd_u8(&r);
    v.mask = ik_rd_u8(&r);
    ik_rd_bytes(&r, v.thr, sizeof(v.thr));
    if (ik_rd_end(&r))
        return r.err;
    if (v.mask & 0xC0)
        return IK_E_BADFIELD;
    *out = v;
    return 0;
}

int ik_thresholds_set_req_encode(const struct ik_thresholds_set_req *in, uint8_t *buf, size_t cap,
                                 size_t *written)
{
    struct ik_wr w;
    if (in->mask > 0x3F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->sensor_num);
    ik_wr_u8(&w, in->mask);
    ik_wr_bytes(&w, in->thr, sizeof(in->thr));
    return ik_wr_finish(&w, written);
}

/*
 * Set Event Receiver request (IPMI 2.0 section 29.1) and Get Event Receiver response
 * (section 29.2), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    event receiver slave address, [7:1] ([0] 0b); FFh disables event message
 *            generation
 *   1   1    [7:2] reserved, [1:0] event receiver LUN
 */
int ik_event_receiver_decode(const uint8_t *buf, size_t len, struct ik_event_receiver *out)
{
    struct ik_rd r;
    struct ik_event_receiver v;
    if (len < IK_EVENT_RECEIVER_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_EVENT_RECEIVER_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    uint8_t a = ik_rd_u8(&r);
    v.addr = a == 0xFF ? 0xFF : (uint8_t)(a & 0xFE);
    v.lun = ik_rd_u8(&r) & 3;
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_event_receiver_encode(const struct ik_event_receiver *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    if ((in->addr & 1 && in->addr != 0xFF) || in->lun > 3)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->addr);
    ik_wr_u8(&w, in->lun);
    return ik_wr_finish(&w, written);
}

/*
 * Get Sensor Hysteresis response (section 35.7), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    positive-going threshold hysteresis (raw counts)
 *   1   1    negative-going threshold hysteresis
 */
int ik_hysteresis_decode(const uint8_t *buf, size_t len, struct ik_hysteresis *out)
{
    struct ik_rd r;
    struct ik_hysteresis v;
    if (len < IK_HYSTERESIS_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_HYSTERESIS_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.positive = ik_rd_u8(&r);
    v.negative = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_hysteresis_encode(const struct ik_hysteresis *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->positive);
    ik_wr_u8(&w, in->negative);
    return ik_wr_finish(&w, written);
}

/*
 * Set Sensor Hysteresis request (section 35.6):
 *   OFF SIZE FIELD
 *   0   1    sensor number
 *   1   1    reserved for a hysteresis mask (FFh)
 *   2   1    positive-going threshold hysteresis
 *   3   1    negative-going threshold hysteresis
 */
int ik_hysteresis_set_req_decode(const uint8_t *buf, size_t len, struct ik_hysteresis_set_req *out)
{
    struct ik_rd r;
    struct ik_hysteresis_set_req v;
    if (len < IK_HYSTERESIS_SET_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_HYSTERESIS_SET_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.sensor_num = ik_rd_u8(&r);
    ik_rd_skip(&r, 1); /* reserved mask */
    v.hyst.positive = ik_rd_u8(&r);
    v.hyst.negative = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_hysteresis_set_req_encode(const struct ik_hysteresis_set_req *in, uint8_t *buf, size_t cap,
                                 size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->sensor_num);
    ik_wr_u8(&w, 0xFF); /* reserved mask */
    ik_wr_u8(&w, in->hyst.positive);
    ik_wr_u8(&w, in->hyst.negative);
    return ik_wr_finish(&w, written);
}

/* Up to 4 optional mask bytes: assertion LS, MS, deassertion LS, MS. */
static void read_masks(struct ik_rd *r, uint8_t *count, uint16_t *as, uint16_t *ds)
{
    uint8_t b[4] = {0};
    *count = (uint8_t)ik_rd_left(r);
    ik_rd_bytes(r, b, *count);
    *as = (uint16_t)(b[0] | b[1] << 8);
    *ds = (uint16_t)(b[2] | b[3] << 8);
}

/* The masks fit in `count` bytes. */
static bool masks_fit(uint8_t count, uint16_t as, uint16_t ds)
{
    uint32_t all = (uint32_t)as | (uint32_t)ds << 16;
    return count <= 4 && (count == 4 || all >> (8 * count) == 0);
}

static void write_masks(struct ik_wr *w, uint8_t count, uint16_t as, uint16_t ds)
{
    const uint8_t b[4] = {(uint8_t)as, (uint8_t)(as >> 8), (uint8_t)ds, (uint8_t)(ds >> 8)};
    ik_wr_bytes(w, b, count);
}

/*
 * Get Sensor Event Enable response (section 35.11) and Get Sensor Event Status response
 * (section 35.13), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    [7] event messages enabled, [6] sensor scanning enabled, [5] Status only:
 *            reading/state unavailable; the rest reserved
 *   1   1    assertion events 7-0 (optional)
 *   2   1    assertion events 14-8 ([7] reserved) (optional)
 *   3   1    deassertion events 7-0 (optional)
 *   4   1    deassertion events 14-8 ([7] reserved) (optional)
 * Enable: the events enabled; Status: the events asserted now, and the deassertions seen
 * since the last re-arm.
 */
static int event_bits_decode(const uint8_t *buf, size_t len, bool status, struct ik_event_bits *out)
{
    struct ik_rd r;
    struct ik_event_bits v;
    if (len < IK_EVENT_BITS_MIN)
        return IK_E_TRUNCATED;
    if (len > IK_EVENT_BITS_MAX)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    v.events_enabled = b & 0x80;
    v.scanning_enabled = b & 0x40;
    v.unavailable = status && (b & 0x20);
    read_masks(&r, &v.mask_bytes, &v.assertion, &v.deassertion);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_event_enable_decode(const uint8_t *buf, size_t len, struct ik_event_bits *out)
{
    return event_bits_decode(buf, len, false, out);
}

int ik_event_status_decode(const uint8_t *buf, size_t len, struct ik_event_bits *out)
{
    return event_bits_decode(buf, len, true, out);
}

int ik_event_bits_encode(const struct ik_event_bits *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (!masks_fit(in->mask_bytes, in->assertion, in->deassertion))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->events_enabled ? 0x80 : 0) | (in->scanning_enabled ? 0x40 : 0) |
                           (in->unavailable ? 0x20 : 0)));
    write_masks(&w, in->mask_bytes, in->assertion, in->deassertion);
    return ik_wr_finish(&w, written);
}

/*
 * Set Sensor Event Enable request (section 35.10):
 *   OFF SIZE FIELD
 *   0   1    sensor number
 *   1   1    [7] enable event messages, [6] enable scanning, [5:4] 00b keep the individual
 *            enables, 01b enable the selected events, 10b disable them, 11b reserved;
 *            [3:0] reserved
 *   2   1    assertion events 7-0 to enable/disable (optional)
 *   3   1    assertion events 14-8 (optional)
 *   4   1    deassertion events 7-0 (optional)
 *   5   1    deassertion events 14-8 (optional)
 */
int ik_event_enable_set_req_decode(const uint8_t *buf, size_t len,
                                   struct ik_event_enable_set_req *out)
{
    struct ik_rd r;
    struct ik_event_enable_set_req v;
    if (len < IK_EVENT_ENABLE_SET_MIN)
        return IK_E_TRUNCATED;
    if (len > IK_EVENT_ENABLE_SET_MAX)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    v.sensor_num = ik_rd_u8(&r);
    uint8_t b = ik_rd_u8(&r);
    v.events_enabled = b & 0x80;
    v.scanning_enabled = b & 0x40;
    v.op = (b >> 4) & 3;
    read_masks(&r, &v.mask_bytes, &v.assertion, &v.deassertion);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_event_enable_set_req_encode(const struct ik_event_enable_set_req *in, uint8_t *buf,
                                   size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->op > 3 || !masks_fit(in->mask_bytes, in->assertion, in->deassertion))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->sensor_num);
    ik_wr_u8(&w, (uint8_t)((in->events_enabled ? 0x80 : 0) | (in->scanning_enabled ? 0x40 : 0) |
                           in->op << 4));
    write_masks(&w, in->mask_bytes, in->assertion, in->deassertion);
    return ik_wr_finish(&w, written);
}
