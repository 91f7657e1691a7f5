/* NetFn App command payloads (lib/msg_app.c): decode, encode, and the lengths refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "msg_app.h"
#include "testutil.h"

/* ---- Get Device ID ---------------------------------------------------------------------- */

/* Device 20h rev 1 with device SDRs, firmware 2.15 available, IPMI 2.0, every support bit
 * but bridge, manufacturer 32473 (7ED9h), product 1234h, auxiliary revision 01 02 03 04. */
static const char devid_hex[] = "20 81 02 15 02 bf d9 7e 00 34 12 01 02 03 04";

static void device_id_decodes_every_field(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(devid_hex, &n);
    struct ik_device_id d;
    assert_int_equal(ik_device_id_decode(b, n, &d), 0);
    assert_int_equal(d.device_id, 0x20);
    assert_int_equal(d.device_rev, 1);
    assert_true(d.provides_sdrs);
    assert_int_equal(d.fw_major, 2);
    assert_false(d.unavailable);
    assert_int_equal(d.fw_minor, 0x15);
    assert_int_equal(d.ipmi_version, 0x02);
    assert_int_equal(d.support, 0xBF);
    assert_int_equal(d.manufacturer_id, 32473);
    assert_int_equal(d.product_id, 0x1234);
    assert_true(d.has_aux);
    assert_memory_equal(d.aux_fw, "\x01\x02\x03\x04", 4);
    free(b);
}

static void device_id_without_aux_revision_is_11_bytes(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(devid_hex, &n);
    struct ik_device_id d;
    assert_int_equal(ik_device_id_decode(b, IK_DEVICE_ID_MIN, &d), 0);
    assert_false(d.has_aux);
    uint8_t out[IK_DEVICE_ID_MAX];
    size_t w = 0;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), 0);
    assert_int_equal(w, IK_DEVICE_ID_MIN);
    assert_memory_equal(out, b, IK_DEVICE_ID_MIN);
    free(b);
}

static void device_id_encode_round_trips_with_aux(void **state)
{
    (void)state;
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(devid_hex, &n);
    struct ik_device_id d;
    uint8_t out[IK_DEVICE_ID_MAX];
    assert_int_equal(ik_device_id_decode(b, n, &d), 0);
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), 0);
    assert_int_equal(w, n);
    assert_memory_equal(out, b, n);
    free(b);
}

static void device_id_reads_busy_bit_and_masks_reserved_manufacturer_bits(void **state)
{
    (void)state;
    /* firmware byte 83h: unavailable, major 3; manufacturer byte 3 F0h: reserved bits set */
    size_t n;
    uint8_t *b = ik_test_hex("01 0f 83 00 51 00 57 01 f0 00 00", &n);
    struct ik_device_id d;
    assert_int_equal(ik_device_id_decode(b, n, &d), 0);
    assert_true(d.unavailable);
    assert_int_equal(d.fw_major, 3);
    assert_false(d.provides_sdrs);
    assert_int_equal(d.device_rev, 15);
    assert_int_equal(d.ipmi_version, 0x51);
    assert_int_equal(d.manufacturer_id, 0x157);
    free(b);
}

static void device_id_rejects_short_partial_aux_and_long_input(void **state)
{
    (void)state;
    size_t n;
    uint8_t *full = ik_test_hex(devid_hex, &n);
    struct ik_device_id d = {.device_id = 77};
    for (size_t len = 0; len < IK_DEVICE_ID_MIN; len++) {
        uint8_t *p = ik_test_dup(full, len);
        assert_int_equal(ik_device_id_decode(p, len, &d), IK_E_TRUNCATED);
        free(p);
    }
    for (size_t len = IK_DEVICE_ID_MIN + 1; len < IK_DEVICE_ID_MAX; len++)
        assert_int_equal(ik_device_id_decode(full, len, &d), IK_E_TRUNCATED);
    uint8_t big[IK_DEVICE_ID_MAX + 1] = {0};
    memcpy(big, full, IK_DEVICE_ID_MAX);
    assert_int_equal(ik_device_id_decode(big, sizeof(big), &d), IK_E_OVERSIZE);
    assert_int_equal(d.device_id, 77); /* untouched on failure */
    free(full);
}

static void device_id_encode_refuses_out_of_range_fields_and_short_buffers(void **state)
{
    (void)state;
    struct ik_device_id d = {.device_rev = 16};
    uint8_t out[IK_DEVICE_ID_MAX];
    size_t w = 99;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), IK_E_RANGE);
    d.device_rev = 0;
    d.fw_major = 0x80;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), IK_E_RANGE);
    d.fw_major = 0;
    d.manufacturer_id = 0x100000;
    assert_int_equal(ik_device_id_encode(&d, out, sizeof(out), &w), IK_E_RANGE);
    d.manufacturer_id = 0;
    assert_int_equal(ik_device_id_encode(&d, out, IK_DEVICE_ID_MIN - 1, &w), IK_E_NOSPACE);
    assert_int_equal(w, 99);
}

/* ---- helpers ---------------------------------------------------------------------------- */

/* Every length from 0 to max+1 other than `ok` is refused: shorter ones as truncated, longer
 * ones as oversized; each cut is an exact-size heap copy so ASan sees an over-read. */
typedef int (*fixed_decode_fn)(const uint8_t *, size_t, void *);

static void refuses_every_other_length(const char *hex, size_t ok, fixed_decode_fn dec, void *out,
                                       size_t out_size)
{
    size_t n;
    uint8_t *full = ik_test_hex(hex, &n);
    assert_int_equal(n, ok);
    uint8_t *before = malloc(out_size);
    memcpy(before, out, out_size);
    uint8_t big[64] = {0};
    memcpy(big, full, n);
    for (size_t len = 0; len <= ok + 1; len++) {
        if (len == ok)
            continue;
        uint8_t *p = ik_test_dup(len <= ok ? full : big, len);
        assert_int_equal(dec(p, len, out), len < ok ? IK_E_TRUNCATED : IK_E_OVERSIZE);
        free(p);
    }
    assert_memory_equal(out, before, out_size); /* untouched on failure */
    free(before);
    free(full);
}

/* Decode hex, encode it back, compare. */
typedef int (*encode_fn)(const void *, uint8_t *, size_t, size_t *);

static void round_trips(const char *hex, fixed_decode_fn dec, encode_fn enc, void *v)
{
    size_t n, w = 0;
    uint8_t *b = ik_test_hex(hex, &n);
    uint8_t out[64];
    assert_int_equal(dec(b, n, v), 0);
    assert_int_equal(enc(v, out, sizeof(out), &w), 0);
    assert_int_equal(w, n);
    assert_memory_equal(out, b, n);
    /* one byte short of room: an error, not half a message */
    size_t w2 = 99;
    assert_int_equal(enc(v, out, n - 1, &w2), IK_E_NOSPACE);
    assert_int_equal(w2, 99);
    free(b);
}

/* Type-correct adapters for the helpers above: X_dec / X_enc for codec ik_X. */
#define ADAPT(x)                                                                                   \
    static int x##_dec(const uint8_t *b, size_t n, void *o)                                        \
    {                                                                                              \
        return ik_##x##_decode(b, n, (struct ik_##x *)o);                                          \
    }                                                                                              \
    static int x##_enc(const void *v, uint8_t *b, size_t cap, size_t *w)                           \
    {                                                                                              \
        return ik_##x##_encode((const struct ik_##x *)v, b, cap, w);                               \
    }
ADAPT(selftest)
ADAPT(global_enables)
ADAPT(wdt_set_req)
ADAPT(wdt_get_rsp)
ADAPT(msg_flags)
ADAPT(send_msg_req)
ADAPT(get_msg_rsp)

/* ---- Get Self Test Results -------------------------------------------------------------- */

/* 57h corrupted: SEL not accessible (bit 7) and boot block corrupted (bit 1). */
static const char selftest_hex[] = "57 82";

static void selftest_decodes_result_and_detail(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(selftest_hex, &n);
    struct ik_selftest v;
    assert_int_equal(ik_selftest_decode(b, n, &v), 0);
    assert_int_equal(v.result, IK_SELFTEST_CORRUPTED);
    assert_int_equal(v.detail, 0x82);
    free(b);
}

static void selftest_round_trips(void **state)
{
    (void)state;
    struct ik_selftest v;
    round_trips(selftest_hex, selftest_dec, selftest_enc, &v);
    round_trips("55 00", selftest_dec, selftest_enc, &v);
    assert_int_equal(v.result, IK_SELFTEST_PASSED);
}

static void selftest_rejects_all_but_2_bytes(void **state)
{
    (void)state;
    struct ik_selftest v = {.result = 0x77, .detail = 0x77};
    refuses_every_other_length(selftest_hex, IK_SELFTEST_LEN, selftest_dec, &v, sizeof(v));
}

/* ---- BMC Global Enables ----------------------------------------------------------------- */

/* OEM 2, system event logging, event message buffer and receive message interrupt. */
static const char enables_hex[] = "8d";

static void global_enables_decodes_every_bit(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(enables_hex, &n);
    struct ik_global_enables v;
    assert_int_equal(ik_global_enables_decode(b, n, &v), 0);
    assert_int_equal(v.enables, IK_GE_OEM2 | IK_GE_SEL | IK_GE_EVENT_BUF | IK_GE_RECV_MSG_INTR);
    assert_false(v.enables & (IK_GE_EVENT_BUF_INTR | IK_GE_RESERVED | IK_GE_OEM0 | IK_GE_OEM1));
    free(b);
}

static void global_enables_keeps_the_reserved_bit_for_the_bmc_to_refuse(void **state)
{
    (void)state;
    struct ik_global_enables v;
    round_trips("10", global_enables_dec, global_enables_enc, &v);
    assert_int_equal(v.enables, IK_GE_RESERVED);
    round_trips(enables_hex, global_enables_dec, global_enables_enc, &v);
}

static void global_enables_rejects_all_but_1_byte(void **state)
{
    (void)state;
    struct ik_global_enables v = {.enables = 0x42};
    refuses_every_other_length(enables_hex, IK_GLOBAL_ENABLES_LEN, global_enables_dec, &v,
                               sizeof(v));
}

/* ---- Set Watchdog Timer ----------------------------------------------------------------- */

/* Don't log, don't stop, use SMS/OS (4); NMI pre-timeout (2), power cycle (3); pre-timeout
 * 10 s; clear the OS load and SMS/OS flags (bits 3, 4); countdown 600 (60 s, 0258h). */
static const char wdt_set_hex[] = "c4 23 0a 18 58 02";

static void wdt_set_req_decodes_every_field(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(wdt_set_hex, &n);
    struct ik_wdt_set_req v;
    assert_int_equal(ik_wdt_set_req_decode(b, n, &v), 0);
    assert_true(v.no_log);
    assert_true(v.dont_stop);
    assert_int_equal(v.use, 4);
    assert_int_equal(v.pretimeout_irq, 2);
    assert_int_equal(v.action, 3);
    assert_int_equal(v.pretimeout_s, 10);
    assert_int_equal(v.clear_flags, 0x18);
    assert_int_equal(v.countdown, 600);
    free(b);
}

static void wdt_set_req_round_trips(void **state)
{
    (void)state;
    struct ik_wdt_set_req v;
    round_trips(wdt_set_hex, wdt_set_req_dec, wdt_set_req_enc, &v);
    /* ipmitool's "mc watchdog off": SMS/OS, nothing, clear SMS/OS, 3000 */
    round_trips("04 00 00 10 b8 0b", wdt_set_req_dec, wdt_set_req_enc, &v);
    assert_false(v.no_log);
    assert_false(v.dont_stop);
    assert_int_equal(v.countdown, 3000);
}

static void wdt_set_req_refuses_reserved_bits(void **state)
{
    (void)state;
    struct ik_wdt_set_req v = {.use = 7};
    static const char *const bad[] = {
        "0c 00 00 00 0a 00", /* timer use bit 3 */
        "24 00 00 00 0a 00", /* timer use bit 5 */
        "04 08 00 00 0a 00", /* actions bit 3 */
        "04 80 00 00 0a 00", /* actions bit 7 */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        size_t n;
        uint8_t *b = ik_test_hex(bad[i], &n);
        assert_int_equal(ik_wdt_set_req_decode(b, n, &v), IK_E_BADFIELD);
        free(b);
    }
    assert_int_equal(v.use, 7);
}

static void wdt_set_req_keeps_reserved_values_for_the_bmc_to_judge(void **state)
{
    (void)state;
    /* timer use 0 and 7, pre-timeout interrupt 7, action 7: out of the defined values,
     * not reserved bits; the BMC answers CCh, the codec carries them */
    size_t n;
    uint8_t *b = ik_test_hex("07 77 00 ff 00 00", &n);
    struct ik_wdt_set_req v;
    assert_int_equal(ik_wdt_set_req_decode(b, n, &v), 0);
    assert_int_equal(v.use, 7);
    assert_int_equal(v.pretimeout_irq, 7);
    assert_int_equal(v.action, 7);
    assert_int_equal(v.clear_flags, 0xFF);
    free(b);
}

static void wdt_set_req_rejects_all_but_6_bytes(void **state)
{
    (void)state;
    struct ik_wdt_set_req v = {.use = 5};
    refuses_every_other_length(wdt_set_hex, IK_WDT_SET_LEN, wdt_set_req_dec, &v, sizeof(v));
}

static void wdt_set_req_encode_refuses_fields_wider_than_3_bits(void **state)
{
    (void)state;
    uint8_t out[IK_WDT_SET_LEN];
    size_t w = 99;
    struct ik_wdt_set_req v = {.use = 8};
    assert_int_equal(ik_wdt_set_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.use = 4;
    v.pretimeout_irq = 8;
    assert_int_equal(ik_wdt_set_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.pretimeout_irq = 0;
    v.action = 8;
    assert_int_equal(ik_wdt_set_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* ---- Get Watchdog Timer ----------------------------------------------------------------- */

/* Logging on, running, use SMS/OS (44h); messaging pre-timeout (3), hard reset (1) (31h);
 * pre-timeout 5 s; expired: BIOS FRB2 and OEM (bits 1, 5: 22h); initial 100 (10 s),
 * present 57 (5.7 s). */
static const char wdt_get_hex[] = "44 31 05 22 64 00 39 00";

static void wdt_get_rsp_decodes_every_field(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(wdt_get_hex, &n);
    struct ik_wdt_get_rsp v;
    assert_int_equal(ik_wdt_get_rsp_decode(b, n, &v), 0);
    assert_false(v.no_log);
    assert_true(v.running);
    assert_int_equal(v.use, 4);
    assert_int_equal(v.use_reserved, 0);
    assert_int_equal(v.pretimeout_irq, 3);
    assert_int_equal(v.action, 1);
    assert_int_equal(v.action_reserved, 0);
    assert_int_equal(v.pretimeout_s, 5);
    assert_int_equal(v.expired, 0x22);
    assert_int_equal(v.initial, 100);
    assert_int_equal(v.present, 57);
    free(b);
}

static void wdt_get_rsp_keeps_reserved_bits_as_received(void **state)
{
    (void)state;
    /* don't log + reserved [5:3] (b8h | use 1); reserved [7], [3] around action 2 */
    struct ik_wdt_get_rsp v;
    round_trips("b9 8a 00 00 10 27 ff ff", wdt_get_rsp_dec, wdt_get_rsp_enc, &v);
    assert_true(v.no_log);
    assert_false(v.running);
    assert_int_equal(v.use, 1);
    assert_int_equal(v.use_reserved, 0x38);
    assert_int_equal(v.action, 2);
    assert_int_equal(v.action_reserved, 0x88);
    assert_int_equal(v.initial, 10000);
    assert_int_equal(v.present, 0xFFFF);
    round_trips(wdt_get_hex, wdt_get_rsp_dec, wdt_get_rsp_enc, &v);
}

static void wdt_get_rsp_rejects_all_but_8_bytes(void **state)
{
    (void)state;
    struct ik_wdt_get_rsp v = {.initial = 1234};
    refuses_every_other_length(wdt_get_hex, IK_WDT_GET_LEN, wdt_get_rsp_dec, &v, sizeof(v));
}

static void wdt_get_rsp_encode_refuses_out_of_range_fields(void **state)
{
    (void)state;
    uint8_t out[IK_WDT_GET_LEN];
    size_t w = 99;
    struct ik_wdt_get_rsp v = {.use = 8};
    assert_int_equal(ik_wdt_get_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.use = 0;
    v.action = 8;
    assert_int_equal(ik_wdt_get_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.action = 0;
    v.pretimeout_irq = 8;
    assert_int_equal(ik_wdt_get_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.pretimeout_irq = 0;
    v.use_reserved = 0x40; /* the running bit is not a reserved one */
    assert_int_equal(ik_wdt_get_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.use_reserved = 0;
    v.action_reserved = 0x70; /* the pre-timeout interrupt is not a reserved field */
    assert_int_equal(ik_wdt_get_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* ---- Get / Clear Message Flags ---------------------------------------------------------- */

/* Receive message available, watchdog pre-timeout, OEM 0. */
static const char msg_flags_hex[] = "29";

static void msg_flags_decodes_every_bit(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(msg_flags_hex, &n);
    struct ik_msg_flags v;
    assert_int_equal(ik_msg_flags_decode(b, n, &v), 0);
    assert_int_equal(v.flags, IK_MSGF_RECV_MSG | IK_MSGF_PRETIMEOUT | IK_MSGF_OEM0);
    assert_false(v.flags & (IK_MSGF_EVENT_BUF | IK_MSGF_OEM1 | IK_MSGF_OEM2));
    free(b);
}

static void msg_flags_round_trips(void **state)
{
    (void)state;
    struct ik_msg_flags v;
    round_trips(msg_flags_hex, msg_flags_dec, msg_flags_enc, &v);
    round_trips("ff", msg_flags_dec, msg_flags_enc, &v);
}

static void msg_flags_rejects_all_but_1_byte(void **state)
{
    (void)state;
    struct ik_msg_flags v = {.flags = 0x5A};
    refuses_every_other_length(msg_flags_hex, IK_MSG_FLAGS_LEN, msg_flags_dec, &v, sizeof(v));
}

/* ---- Send Message ----------------------------------------------------------------------- */

/* Track request on channel 6, then an IPMB Get Device ID to 72h from 20h LUN 2, seq 5:
 * 72 18 76 | 20 16 01 | c9 */
static const char send_msg_hex[] = "46 72 18 76 20 16 01 c9";

static void send_msg_req_decodes_channel_byte_and_borrows_the_frame(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(send_msg_hex, &n);
    struct ik_send_msg_req v;
    assert_int_equal(ik_send_msg_req_decode(b, n, &v), 0);
    assert_int_equal(v.tracking, IK_SEND_MSG_TRACK);
    assert_false(v.encrypt);
    assert_false(v.authenticate);
    assert_int_equal(v.channel, 6);
    assert_ptr_equal(v.data, b + 1);
    assert_int_equal(v.data_len, 7);
    free(b);
}

static void send_msg_req_reads_every_bit_of_the_channel_byte(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("bf", &n); /* 10b send raw, encryption, authentication, ch 15 */
    struct ik_send_msg_req v;
    assert_int_equal(ik_send_msg_req_decode(b, n, &v), 0);
    assert_int_equal(v.tracking, IK_SEND_MSG_RAW);
    assert_true(v.encrypt);
    assert_true(v.authenticate);
    assert_int_equal(v.channel, 15);
    assert_null(v.data);
    assert_int_equal(v.data_len, 0);
    free(b);
}

static void send_msg_req_round_trips(void **state)
{
    (void)state;
    struct ik_send_msg_req v;
    round_trips(send_msg_hex, send_msg_req_dec, send_msg_req_enc, &v);
    round_trips("c0", send_msg_req_dec, send_msg_req_enc, &v);
    assert_int_equal(v.tracking, 3);
}

static void send_msg_req_rejects_empty_input(void **state)
{
    (void)state;
    struct ik_send_msg_req v = {.channel = 9};
    uint8_t *p = ik_test_dup((const uint8_t *)"", 0);
    assert_int_equal(ik_send_msg_req_decode(p, 0, &v), IK_E_TRUNCATED);
    assert_int_equal(ik_send_msg_req_decode(NULL, 0, &v), IK_E_TRUNCATED);
    assert_int_equal(v.channel, 9);
    free(p);
}

static void send_msg_req_encode_refuses_out_of_range_fields(void **state)
{
    (void)state;
    uint8_t out[16];
    size_t w = 99;
    struct ik_send_msg_req v = {.tracking = 4};
    assert_int_equal(ik_send_msg_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.tracking = 0;
    v.channel = 16;
    assert_int_equal(ik_send_msg_req_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.channel = 0;
    v.data_len = 3; /* and no data */
    assert_int_equal(ik_send_msg_req_encode(&v, out, sizeof(out), &w), IK_E_INVAL);
    assert_int_equal(w, 99);
}

/* ---- Get Message ------------------------------------------------------------------------ */

/* Privilege 4 (administrator) on channel 1, then a Get Device ID response frame to 20h
 * without that first byte: 1c (NetFn 07h, LUN 0) c4 | 72 14 (seq 5, LUN 0) 01 00 | 79 */
static const char get_msg_hex[] = "41 1c c4 72 14 01 00 79";

static void get_msg_rsp_decodes_channel_byte_and_borrows_the_frame(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(get_msg_hex, &n);
    struct ik_get_msg_rsp v;
    assert_int_equal(ik_get_msg_rsp_decode(b, n, &v), 0);
    assert_int_equal(v.privilege, 4);
    assert_int_equal(v.channel, 1);
    assert_ptr_equal(v.data, b + 1);
    assert_int_equal(v.data_len, 7);
    free(b);
}

static void get_msg_rsp_round_trips(void **state)
{
    (void)state;
    struct ik_get_msg_rsp v;
    round_trips(get_msg_hex, get_msg_rsp_dec, get_msg_rsp_enc, &v);
    round_trips("0f", get_msg_rsp_dec, get_msg_rsp_enc, &v);
    assert_int_equal(v.channel, 15);
    assert_int_equal(v.data_len, 0);
}

static void get_msg_rsp_rejects_empty_input(void **state)
{
    (void)state;
    struct ik_get_msg_rsp v = {.channel = 9};
    uint8_t *p = ik_test_dup((const uint8_t *)"", 0);
    assert_int_equal(ik_get_msg_rsp_decode(p, 0, &v), IK_E_TRUNCATED);
    assert_int_equal(v.channel, 9);
    free(p);
}

static void get_msg_rsp_encode_refuses_out_of_range_fields(void **state)
{
    (void)state;
    uint8_t out[16];
    size_t w = 99;
    struct ik_get_msg_rsp v = {.channel = 16};
    assert_int_equal(ik_get_msg_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.channel = 0;
    v.privilege = 16;
    assert_int_equal(ik_get_msg_rsp_encode(&v, out, sizeof(out), &w), IK_E_RANGE);
    v.privilege = 0;
    v.data_len = 1; /* and no data */
    assert_int_equal(ik_get_msg_rsp_encode(&v, out, sizeof(out), &w), IK_E_INVAL);
    assert_int_equal(w, 99);
}

static void device_id_prefix_reads_what_the_spec_defines_and_ignores_the_rest(void **state)
{
    (void)state;
    uint8_t b[20];
    size_t n;
    uint8_t *v = ik_test_hex(devid_hex, &n);
    memset(b, 0xEE, sizeof(b));
    memcpy(b, v, n);
    struct ik_device_id d = {.device_id = 77};
    assert_int_equal(ik_device_id_decode_prefix(b, IK_DEVICE_ID_MIN - 1, &d), IK_E_TRUNCATED);
    assert_int_equal(d.device_id, 77);
    /* a partial auxiliary revision is not read */
    assert_int_equal(ik_device_id_decode_prefix(b, 13, &d), 0);
    assert_false(d.has_aux);
    assert_int_equal(d.product_id, 0x1234);
    /* trailing bytes after the auxiliary revision are ignored */
    assert_int_equal(ik_device_id_decode_prefix(b, sizeof(b), &d), 0);
    assert_true(d.has_aux);
    assert_memory_equal(d.aux_fw, "\x01\x02\x03\x04", 4);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(device_id_decodes_every_field),
        cmocka_unit_test(device_id_prefix_reads_what_the_spec_defines_and_ignores_the_rest),
        cmocka_unit_test(device_id_without_aux_revision_is_11_bytes),
        cmocka_unit_test(device_id_encode_round_trips_with_aux),
        cmocka_unit_test(device_id_reads_busy_bit_and_masks_reserved_manufacturer_bits),
        cmocka_unit_test(device_id_rejects_short_partial_aux_and_long_input),
        cmocka_unit_test(device_id_encode_refuses_out_of_range_fields_and_short_buffers),
        cmocka_unit_test(selftest_decodes_result_and_detail),
        cmocka_unit_test(selftest_round_trips),
        cmocka_unit_test(selftest_rejects_all_but_2_bytes),
        cmocka_unit_test(global_enables_decodes_every_bit),
        cmocka_unit_test(global_enables_keeps_the_reserved_bit_for_the_bmc_to_refuse),
        cmocka_unit_test(global_enables_rejects_all_but_1_byte),
        cmocka_unit_test(wdt_set_req_decodes_every_field),
        cmocka_unit_test(wdt_set_req_round_trips),
        cmocka_unit_test(wdt_set_req_refuses_reserved_bits),
        cmocka_unit_test(wdt_set_req_keeps_reserved_values_for_the_bmc_to_judge),
        cmocka_unit_test(wdt_set_req_rejects_all_but_6_bytes),
        cmocka_unit_test(wdt_set_req_encode_refuses_fields_wider_than_3_bits),
        cmocka_unit_test(wdt_get_rsp_decodes_every_field),
        cmocka_unit_test(wdt_get_rsp_keeps_reserved_bits_as_received),
        cmocka_unit_test(wdt_get_rsp_rejects_all_but_8_bytes),
        cmocka_unit_test(wdt_get_rsp_encode_refuses_out_of_range_fields),
        cmocka_unit_test(msg_flags_decodes_every_bit),
        cmocka_unit_test(msg_flags_round_trips),
        cmocka_unit_test(msg_flags_rejects_all_but_1_byte),
        cmocka_unit_test(send_msg_req_decodes_channel_byte_and_borrows_the_frame),
        cmocka_unit_test(send_msg_req_reads_every_bit_of_the_channel_byte),
        cmocka_unit_test(send_msg_req_round_trips),
        cmocka_unit_test(send_msg_req_rejects_empty_input),
        cmocka_unit_test(send_msg_req_encode_refuses_out_of_range_fields),
        cmocka_unit_test(get_msg_rsp_decodes_channel_byte_and_borrows_the_frame),
        cmocka_unit_test(get_msg_rsp_round_trips),
        cmocka_unit_test(get_msg_rsp_rejects_empty_input),
        cmocka_unit_test(get_msg_rsp_encode_refuses_out_of_range_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
