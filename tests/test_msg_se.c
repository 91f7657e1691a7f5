/* NetFn Sensor/Event command payloads (lib/msg_se.c): decode, encode, and the lengths
 * refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/sdr.h"
#include "msg_se.h"
#include "codectest.h"

/* ---- Platform Event Message ------------------------------------------------------------- */

/* From the system interface: generator 41h (Linux kernel), EvM 04h, sensor type 20h (OS
 * critical stop), sensor 4Fh, assertion of sensor-specific type 6Fh, data A1 6F 70. */
static const char pem_sysif_hex[] = "41 04 20 4f 6f a1 6f 70";

static void event_msg_sysif_decodes_every_field(void **state)
{
    (void)state;
    struct ik_event_msg e;
    assert_int_equal(DECODE(ik_event_msg_sysif_decode, pem_sysif_hex, &e), 0);
    assert_true(e.has_generator);
    assert_int_equal(e.generator, 0x41);
    assert_int_equal(e.evm_rev, 0x04);
    assert_int_equal(e.sensor_type, 0x20);
    assert_int_equal(e.sensor_num, 0x4F);
    assert_false(e.deassertion);
    assert_int_equal(e.event_type, 0x6F);
    assert_int_equal(e.data_len, 3);
    assert_memory_equal(e.data, "\xa1\x6f\x70", 3);
    ROUND_TRIP(ik_event_msg_sysif_decode, ik_event_msg_encode, struct ik_event_msg, pem_sysif_hex);
}

static void event_msg_without_generator_reads_direction_and_short_data(void **state)
{
    (void)state;
    struct ik_event_msg e;
    /* IPMB form: EvM 03h, temperature (01h) sensor 30h, deassertion of threshold (01h)
     * event, data 1 only */
    assert_int_equal(DECODE(ik_event_msg_decode, "03 01 30 81 52", &e), 0);
    assert_false(e.has_generator);
    assert_int_equal(e.evm_rev, 0x03);
    assert_true(e.deassertion);
    assert_int_equal(e.event_type, 0x01);
    assert_int_equal(e.data_len, 1);
    assert_int_equal(e.data[0], 0x52);
    assert_int_equal(e.data[1], 0);
    ROUND_TRIP(ik_event_msg_decode, ik_event_msg_encode, struct ik_event_msg, "03 01 30 81 52");
    ROUND_TRIP(ik_event_msg_decode, ik_event_msg_encode, struct ik_event_msg, "04 01 30 01 52 aa");
    /* the same 6 bytes read as the system interface form: generator 04h, one data byte */
    assert_int_equal(DECODE(ik_event_msg_sysif_decode, "04 01 30 01 52 aa", &e), 0);
    assert_int_equal(e.generator, 0x04);
    assert_int_equal(e.data_len, 1);
}

static void event_msg_rejects_short_and_long_input_of_each_form(void **state)
{
    (void)state;
    REJECTS_LENGTHS(ik_event_msg_decode, struct ik_event_msg, IK_EVENT_MSG_MIN, IK_EVENT_MSG_MAX);
    REJECTS_LENGTHS(ik_event_msg_sysif_decode, struct ik_event_msg, IK_EVENT_MSG_SYSIF_MIN,
                    IK_EVENT_MSG_SYSIF_MAX);
}

static void event_msg_encode_refuses_bad_type_data_length_and_short_buffers(void **state)
{
    (void)state;
    struct ik_event_msg e = {.event_type = 0x80, .data_len = 1};
    uint8_t out[IK_EVENT_MSG_SYSIF_MAX];
    size_t w = 99;
    assert_int_equal(ik_event_msg_encode(&e, out, sizeof(out), &w), IK_E_RANGE);
    e.event_type = 0x6F;
    e.data_len = 0;
    assert_int_equal(ik_event_msg_encode(&e, out, sizeof(out), &w), IK_E_RANGE);
    e.data_len = 4;
    assert_int_equal(ik_event_msg_encode(&e, out, sizeof(out), &w), IK_E_RANGE);
    e.data_len = 3;
    e.has_generator = true;
    assert_int_equal(ik_event_msg_encode(&e, out, IK_EVENT_MSG_SYSIF_MAX - 1, &w), IK_E_NOSPACE);
    assert_int_equal(w, 99);
}

/* ---- Get Sensor Reading ----------------------------------------------------------------- */

static void sensor_reading_decodes_every_field(void **state)
{
    (void)state;
    struct ik_sensor_reading r;
    /* reading 7Fh, events and scanning enabled, states 0 and 14 (bit 15 reserved, kept) */
    assert_int_equal(DECODE(ik_sensor_reading_decode, "7f df 01 c0", &r), 0);
    assert_int_equal(r.reading, 0x7F);
    assert_true(r.events_enabled);
    assert_true(r.scanning_enabled);
    assert_false(r.unavailable);
    assert_int_equal(r.state_bytes, 2);
    assert_int_equal(r.states, 0xC001);
    /* unavailable, no state bytes */
    assert_int_equal(DECODE(ik_sensor_reading_decode, "00 20", &r), 0);
    assert_true(r.unavailable);
    assert_false(r.events_enabled);
    assert_int_equal(r.state_bytes, 0);
    assert_int_equal(r.states, 0);
    /* threshold comparisons only */
    assert_int_equal(DECODE(ik_sensor_reading_decode, "40 40 12", &r), 0);
    assert_int_equal(r.state_bytes, 1);
    assert_int_equal(r.states, 0x12);
}

static void sensor_reading_round_trips_each_length(void **state)
{
    (void)state;
    ROUND_TRIP(ik_sensor_reading_decode, ik_sensor_reading_encode, struct ik_sensor_reading,
               "7f c0");
    ROUND_TRIP(ik_sensor_reading_decode, ik_sensor_reading_encode, struct ik_sensor_reading,
               "7f c0 3f");
    ROUND_TRIP(ik_sensor_reading_decode, ik_sensor_reading_encode, struct ik_sensor_reading,
               "7f e0 ff 7f");
    REJECTS_LENGTHS(ik_sensor_reading_decode, struct ik_sensor_reading, IK_SENSOR_READING_MIN,
                    IK_SENSOR_READING_MAX);
}

static void sensor_reading_encode_refuses_states_that_do_not_fit(void **state)
{
    (void)state;
    struct ik_sensor_reading r = {.state_bytes = 3};
    uint8_t out[IK_SENSOR_READING_MAX];
    size_t w = 0;
    assert_int_equal(ik_sensor_reading_encode(&r, out, sizeof(out), &w), IK_E_RANGE);
    r.state_bytes = 1;
    r.states = 0x100;
    assert_int_equal(ik_sensor_reading_encode(&r, out, sizeof(out), &w), IK_E_RANGE);
    r.state_bytes = 0;
    r.states = 1;
    assert_int_equal(ik_sensor_reading_encode(&r, out, sizeof(out), &w), IK_E_RANGE);
    r.states = 0;
    assert_int_equal(ik_sensor_reading_encode(&r, out, 1, &w), IK_E_NOSPACE);
}

/* ---- Get Sensor Reading Factors --------------------------------------------------------- */

static void reading_factors_request_round_trips(void **state)
{
    (void)state;
    struct ik_reading_factors_req q;
    assert_int_equal(DECODE(ik_reading_factors_req_decode, "30 8a", &q), 0);
    assert_int_equal(q.sensor_num, 0x30);
    assert_int_equal(q.reading, 0x8A);
    ROUND_TRIP(ik_reading_factors_req_decode, ik_reading_factors_req_encode,
               struct ik_reading_factors_req, "30 8a");
    REJECTS_LENGTHS(ik_reading_factors_req_decode, struct ik_reading_factors_req,
                    IK_READING_FACTORS_REQ_LEN, IK_READING_FACTORS_REQ_LEN);
}

static void reading_factors_decode_signed_fields(void **state)
{
    (void)state;
    struct ik_reading_factors f;
    /* next FFh; M = 3FFh (-1), tolerance 3Fh; B = 200h (-512), accuracy 3FFh;
     * accuracy exp 3, direction 2; R exp Eh (-2), B exp 9 (-7) */
    assert_int_equal(DECODE(ik_reading_factors_decode, "ff ff ff 00 bf fe e9", &f), 0);
    assert_int_equal(f.next_reading, 0xFF);
    assert_int_equal(f.m, -1);
    assert_int_equal(f.tolerance, 0x3F);
    assert_int_equal(f.b, -512);
    assert_int_equal(f.accuracy, 0x3FF);
    assert_int_equal(f.accuracy_exp, 3);
    assert_int_equal(f.direction, 2);
    assert_int_equal(f.r_exp, -2);
    assert_int_equal(f.b_exp, -7);
    ROUND_TRIP(ik_reading_factors_decode, ik_reading_factors_encode, struct ik_reading_factors,
               "ff ff ff 00 bf fe e9");
    /* positive: M 1FFh, B 1, exponents 7 and 0 */
    assert_int_equal(DECODE(ik_reading_factors_decode, "10 ff 40 01 00 00 70", &f), 0);
    assert_int_equal(f.m, 511);
    assert_int_equal(f.b, 1);
    assert_int_equal(f.r_exp, 7);
    assert_int_equal(f.b_exp, 0);
    REJECTS_LENGTHS(ik_reading_factors_decode, struct ik_reading_factors, IK_READING_FACTORS_LEN,
                    IK_READING_FACTORS_LEN);
}

/* The response lays the factors out as bytes 25-30 of the full sensor record: encoding a
 * record's factors gives that record's bytes. */
static void reading_factors_match_the_full_records_bytes(void **state)
{
    (void)state;
    size_t count, full = 0;
    struct ik_test_vec *v = ik_test_load_vectors("sdr_golden.hex", &count);
    for (size_t i = 0; i < count; i++) {
        struct ik_sdr_record r;
        if (ik_sdr_decode(v[i].data, v[i].len, &r) != 0 || r.hdr.type != IK_SDR_FULL)
            continue;
        const struct ik_sdr_full *s = &r.u.full;
        struct ik_reading_factors f = {.next_reading = 0xFF,
                                       .m = s->m,
                                       .tolerance = s->tolerance,
                                       .b = s->b,
                                       .accuracy = s->accuracy,
                                       .accuracy_exp = s->accuracy_exp,
                                       .direction = s->direction,
                                       .r_exp = s->r_exp,
                                       .b_exp = s->b_exp};
        uint8_t out[IK_READING_FACTORS_LEN];
        size_t w = 0;
        assert_int_equal(ik_reading_factors_encode(&f, out, sizeof(out), &w), 0);
        assert_memory_equal(out + 1, v[i].data + 24, 6);
        full++;
    }
    assert_true(full > 0);
    ik_test_free_vectors(v, count);
}

static void reading_factors_encode_refuses_wide_fields(void **state)
{
    (void)state;
    static const struct ik_reading_factors bad[] = {
        {.m = 512},        {.m = -513},        {.b = 512},          {.b = -513},
        {.tolerance = 64}, {.accuracy = 1024}, {.accuracy_exp = 4}, {.direction = 4},
        {.r_exp = 8},      {.r_exp = -9},      {.b_exp = 8},        {.b_exp = -9},
    };
    uint8_t out[IK_READING_FACTORS_LEN];
    size_t w = 0;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(ik_reading_factors_encode(&bad[i], out, sizeof(out), &w), IK_E_RANGE);
    struct ik_reading_factors ok = {0};
    assert_int_equal(ik_reading_factors_encode(&ok, out, sizeof(out) - 1, &w), IK_E_NOSPACE);
}

/* ---- Get/Set Sensor Thresholds ---------------------------------------------------------- */

static void thresholds_decode_in_mask_bit_order(void **state)
{
    (void)state;
    struct ik_thresholds t;
    /* readable: LNC LCR UNC UCR (1Bh) with reserved bit 7 set; LNC 10h .. UNR 60h */
    assert_int_equal(DECODE(ik_thresholds_decode, "9b 10 20 30 40 50 60", &t), 0);
    assert_int_equal(t.mask, 0x1B);
    assert_memory_equal(t.thr, "\x10\x20\x30\x40\x50\x60", 6);
    ROUND_TRIP(ik_thresholds_decode, ik_thresholds_encode, struct ik_thresholds,
               "3f 01 02 03 04 05 06");
    REJECTS_LENGTHS(ik_thresholds_decode, struct ik_thresholds, IK_THRESHOLDS_LEN,
                    IK_THRESHOLDS_LEN);
    t.mask = 0x40;
    uint8_t out[IK_THRESHOLDS_LEN];
    size_t w = 0;
    assert_int_equal(ik_thresholds_encode(&t, out, sizeof(out), &w), IK_E_RANGE);
    t.mask = 0;
    assert_int_equal(ik_thresholds_encode(&t, out, sizeof(out) - 1, &w), IK_E_NOSPACE);
}

static void thresholds_set_request_decodes_and_refuses_reserved_mask_bits(void **state)
{
    (void)state;
    struct ik_thresholds_set_req q;
    /* sensor 30h, set UCR only (10h) to 5Ah */
    assert_int_equal(DECODE(ik_thresholds_set_req_decode, "30 10 00 00 00 00 5a 00", &q), 0);
    assert_int_equal(q.sensor_num, 0x30);
    assert_int_equal(q.mask, 0x10);
    assert_int_equal(q.thr[4], 0x5A);
    ROUND_TRIP(ik_thresholds_set_req_decode, ik_thresholds_set_req_encode,
               struct ik_thresholds_set_req, "30 10 00 00 00 00 5a 00");
    q.sensor_num = 0x77;
    assert_int_equal(DECODE(ik_thresholds_set_req_decode, "30 50 00 00 00 00 5a 00", &q),
                     IK_E_BADFIELD);
    assert_int_equal(q.sensor_num, 0x77);
    REJECTS_LENGTHS(ik_thresholds_set_req_decode, struct ik_thresholds_set_req,
                    IK_THRESHOLDS_SET_LEN, IK_THRESHOLDS_SET_LEN);
    q.mask = 0x40;
    uint8_t out[IK_THRESHOLDS_SET_LEN];
    size_t w = 0;
    assert_int_equal(ik_thresholds_set_req_encode(&q, out, sizeof(out), &w), IK_E_RANGE);
}

/* ---- Event Receiver, Hysteresis ---------------------------------------------------------- */

static void event_receiver_decodes_disable_and_drops_reserved_bits(void **state)
{
    (void)state;
    struct ik_event_receiver e;
    /* address 21h: bit 0 reserved, read as 20h; LUN byte FEh: LUN 2 */
    assert_int_equal(DECODE(ik_event_receiver_decode, "21 fe", &e), 0);
    assert_int_equal(e.addr, 0x20);
    assert_int_equal(e.lun, 2);
    assert_int_equal(DECODE(ik_event_receiver_decode, "ff 00", &e), 0); /* disabled */
    assert_int_equal(e.addr, 0xFF);
    ROUND_TRIP(ik_event_receiver_decode, ik_event_receiver_encode, struct ik_event_receiver,
               "ff 00");
    ROUND_TRIP(ik_event_receiver_decode, ik_event_receiver_encode, struct ik_event_receiver,
               "20 03");
    REJECTS_LENGTHS(ik_event_receiver_decode, struct ik_event_receiver, IK_EVENT_RECEIVER_LEN,
                    IK_EVENT_RECEIVER_LEN);
    uint8_t out[2];
    size_t w = 0;
    struct ik_event_receiver bad = {.addr = 0x21};
    assert_int_equal(ik_event_receiver_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
    bad.addr = 0x20;
    bad.lun = 4;
    assert_int_equal(ik_event_receiver_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
}

static void hysteresis_decodes_and_set_request_writes_reserved_mask(void **state)
{
    (void)state;
    struct ik_hysteresis h;
    assert_int_equal(DECODE(ik_hysteresis_decode, "02 03", &h), 0);
    assert_int_equal(h.positive, 2);
    assert_int_equal(h.negative, 3);
    ROUND_TRIP(ik_hysteresis_decode, ik_hysteresis_encode, struct ik_hysteresis, "02 03");
    REJECTS_LENGTHS(ik_hysteresis_decode, struct ik_hysteresis, IK_HYSTERESIS_LEN,
                    IK_HYSTERESIS_LEN);
    struct ik_hysteresis_set_req q;
    /* sensor 30h, mask 00h (reserved, ignored), positive 4, negative 5 */
    assert_int_equal(DECODE(ik_hysteresis_set_req_decode, "30 00 04 05", &q), 0);
    assert_int_equal(q.sensor_num, 0x30);
    assert_int_equal(q.hyst.positive, 4);
    assert_int_equal(q.hyst.negative, 5);
    uint8_t out[IK_HYSTERESIS_SET_LEN];
    size_t w = 0;
    assert_int_equal(ik_hysteresis_set_req_encode(&q, out, sizeof(out), &w), 0);
    assert_int_equal(w, 4);
    assert_memory_equal(out, "\x30\xff\x04\x05", 4);
    REJECTS_LENGTHS(ik_hysteresis_set_req_decode, struct ik_hysteresis_set_req,
                    IK_HYSTERESIS_SET_LEN, IK_HYSTERESIS_SET_LEN);
}

/* ---- Sensor event enables and status ---------------------------------------------------- */

static void event_status_decodes_flags_and_both_masks(void **state)
{
    (void)state;
    struct ik_event_bits b;
    /* events and scanning on, unavailable; asserted 0201h, deasserted 4080h */
    assert_int_equal(DECODE(ik_event_status_decode, "e0 01 02 80 40", &b), 0);
    assert_true(b.events_enabled);
    assert_true(b.scanning_enabled);
    assert_true(b.unavailable);
    assert_int_equal(b.mask_bytes, 4);
    assert_int_equal(b.assertion, 0x0201);
    assert_int_equal(b.deassertion, 0x4080);
    ROUND_TRIP(ik_event_status_decode, ik_event_bits_encode, struct ik_event_bits,
               "e0 01 02 80 40");
    /* the same byte in an Event Enable response: bit 5 is reserved there */
    assert_int_equal(DECODE(ik_event_enable_decode, "e0 01 02 80 40", &b), 0);
    assert_false(b.unavailable);
}

static void event_bits_masks_may_stop_after_any_byte(void **state)
{
    (void)state;
    struct ik_event_bits b;
    assert_int_equal(DECODE(ik_event_enable_decode, "80", &b), 0);
    assert_int_equal(b.mask_bytes, 0);
    assert_int_equal(b.assertion, 0);
    assert_int_equal(DECODE(ik_event_enable_decode, "40 ff 7f 11", &b), 0);
    assert_int_equal(b.mask_bytes, 3);
    assert_int_equal(b.assertion, 0x7FFF);
    assert_int_equal(b.deassertion, 0x11);
    ROUND_TRIP(ik_event_enable_decode, ik_event_bits_encode, struct ik_event_bits, "40 ff 7f 11");
    ROUND_TRIP(ik_event_enable_decode, ik_event_bits_encode, struct ik_event_bits, "c0 01");
    REJECTS_LENGTHS(ik_event_enable_decode, struct ik_event_bits, IK_EVENT_BITS_MIN,
                    IK_EVENT_BITS_MAX);
    REJECTS_LENGTHS(ik_event_status_decode, struct ik_event_bits, IK_EVENT_BITS_MIN,
                    IK_EVENT_BITS_MAX);
    uint8_t out[IK_EVENT_BITS_MAX];
    size_t w = 0;
    struct ik_event_bits bad = {.mask_bytes = 1, .assertion = 0x100};
    assert_int_equal(ik_event_bits_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
    bad.mask_bytes = 5;
    assert_int_equal(ik_event_bits_encode(&bad, out, sizeof(out), &w), IK_E_RANGE);
    bad.mask_bytes = 4;
    assert_int_equal(ik_event_bits_encode(&bad, out, 4, &w), IK_E_NOSPACE);
}

static void event_enable_set_request_decodes_operation_and_partial_masks(void **state)
{
    (void)state;
    struct ik_event_enable_set_req q;
    /* sensor 30h, events + scanning, enable selected (01b), reserved [3:0] set; assertion
     * 0005h, deassertion LS byte 02h only */
    assert_int_equal(DECODE(ik_event_enable_set_req_decode, "30 df 05 00 02", &q), 0);
    assert_int_equal(q.sensor_num, 0x30);
    assert_true(q.events_enabled);
    assert_true(q.scanning_enabled);
    assert_int_equal(q.op, IK_EVENT_ENABLE_SELECT);
    assert_int_equal(q.mask_bytes, 3);
    assert_int_equal(q.assertion, 5);
    assert_int_equal(q.deassertion, 2);
    ROUND_TRIP(ik_event_enable_set_req_decode, ik_event_enable_set_req_encode,
               struct ik_event_enable_set_req, "30 20 05 00 02 00");
    ROUND_TRIP(ik_event_enable_set_req_decode, ik_event_enable_set_req_encode,
               struct ik_event_enable_set_req, "30 b0");
    REJECTS_LENGTHS(ik_event_enable_set_req_decode, struct ik_event_enable_set_req,
                    IK_EVENT_ENABLE_SET_MIN, IK_EVENT_ENABLE_SET_MAX);
    q.op = 4;
    uint8_t out[IK_EVENT_ENABLE_SET_MAX];
    size_t w = 0;
    assert_int_equal(ik_event_enable_set_req_encode(&q, out, sizeof(out), &w), IK_E_RANGE);
    q.op = 0;
    q.mask_bytes = 2;
    assert_int_equal(ik_event_enable_set_req_encode(&q, out, sizeof(out), &w), IK_E_RANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(event_msg_sysif_decodes_every_field),
        cmocka_unit_test(event_msg_without_generator_reads_direction_and_short_data),
        cmocka_unit_test(event_msg_rejects_short_and_long_input_of_each_form),
        cmocka_unit_test(event_msg_encode_refuses_bad_type_data_length_and_short_buffers),
        cmocka_unit_test(sensor_reading_decodes_every_field),
        cmocka_unit_test(sensor_reading_round_trips_each_length),
        cmocka_unit_test(sensor_reading_encode_refuses_states_that_do_not_fit),
        cmocka_unit_test(reading_factors_request_round_trips),
        cmocka_unit_test(reading_factors_decode_signed_fields),
        cmocka_unit_test(reading_factors_match_the_full_records_bytes),
        cmocka_unit_test(reading_factors_encode_refuses_wide_fields),
        cmocka_unit_test(thresholds_decode_in_mask_bit_order),
        cmocka_unit_test(thresholds_set_request_decodes_and_refuses_reserved_mask_bits),
        cmocka_unit_test(event_receiver_decodes_disable_and_drops_reserved_bits),
        cmocka_unit_test(hysteresis_decodes_and_set_request_writes_reserved_mask),
        cmocka_unit_test(event_status_decodes_flags_and_both_masks),
        cmocka_unit_test(event_bits_masks_may_stop_after_any_byte),
        cmocka_unit_test(event_enable_set_request_decodes_operation_and_partial_masks),
    };
    return cmocka_run_group_tests(tests, NULL, codectest_free);
}
