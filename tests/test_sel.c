/* SEL record codec: field layout, record kinds, timestamps, bounds, encoder, panic chunks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/error.h"
#include "ipmikit/sel.h"
#include "testutil.h"

static struct ik_sel_record decode_hex_ok(const char *hex)
{
    size_t n;
    uint8_t *b = ik_test_hex(hex, &n);
    assert_non_null(b);
    struct ik_sel_record r;
    assert_int_equal(ik_sel_decode(b, n, &r), 0);
    free(b);
    return r;
}

static void sel_decode_reads_every_system_event_field(void **state)
{
    (void)state;
    /* id 0x1234, type 02, ts 0x5F5E1000, gen 0x20/ch0/lun0, rev 04, temp #0x30,
     * deassertion threshold, data 52 1c 20 */
    struct ik_sel_record r = decode_hex_ok("34 12 02 00 10 5e 5f 20 00 04 01 30 81 52 1c 20");
    assert_int_equal(r.record_id, 0x1234);
    assert_int_equal(r.record_type, 0x02);
    assert_int_equal(r.kind, IK_SEL_KIND_SYSTEM);
    assert_int_equal(r.timestamp, 0x5F5E1000);
    assert_int_equal(r.time_kind, IK_SEL_TIME_UTC);
    assert_int_equal(r.ev.gen_id, 0x0020);
    assert_int_equal(r.ev.gen_software, 0);
    assert_int_equal(r.ev.gen_addr, 0x10); /* 7-bit form of slave address 20h */
    assert_int_equal(r.ev.gen_channel, 0);
    assert_int_equal(r.ev.gen_lun, 0);
    assert_int_equal(r.ev.evm_rev, 0x04);
    assert_int_equal(r.ev.sensor_type, 0x01);
    assert_int_equal(r.ev.sensor_num, 0x30);
    assert_int_equal(r.ev.deassertion, 1);
    assert_int_equal(r.ev.event_type, 0x01);
    assert_int_equal(r.ev.data[0], 0x52);
    assert_int_equal(r.ev.data[1], 0x1c);
    assert_int_equal(r.ev.data[2], 0x20);
    assert_int_equal(r.raw[15], 0x20);
}

static void sel_decode_splits_generator_id_bits(void **state)
{
    (void)state;
    /* byte 7 = 0x41: software ID 0x20 (bit 0 set); byte 8 = 0x73: channel 7, LUN 3 */
    struct ik_sel_record r = decode_hex_ok("01 00 02 00 00 00 00 41 73 04 12 01 6f 01 ff ff");
    assert_int_equal(r.ev.gen_id, 0x7341);
    assert_int_equal(r.ev.gen_software, 1);
    assert_int_equal(r.ev.gen_addr, 0x20);
    assert_int_equal(r.ev.gen_channel, 7);
    assert_int_equal(r.ev.gen_lun, 3);
    assert_int_equal(ik_sel_gen_id(1, 0x20, 7, 3), 0x7341);
    assert_int_equal(ik_sel_gen_id(0, 0x10, 0, 0), 0x0020);
}

static void sel_decode_reports_evm_revision_as_stored(void **state)
{
    (void)state;
    struct ik_sel_record r = decode_hex_ok("01 00 02 00 00 00 00 20 00 05 01 30 01 00 ff ff");
    assert_int_equal(r.ev.evm_rev, 0x05);
    r = decode_hex_ok("01 00 02 00 00 00 00 20 00 03 01 30 01 00 ff ff");
    assert_int_equal(r.ev.evm_rev, 0x03);
}

static void sel_decode_oem_timestamped_manufacturer_is_ls_byte_first(void **state)
{
    (void)state;
    struct ik_sel_record r = decode_hex_ok("05 00 c1 00 10 5e 5f 57 01 00 41 42 43 44 45 46");
    assert_int_equal(r.kind, IK_SEL_KIND_OEM_TS);
    assert_int_equal(r.timestamp, 0x5F5E1000);
    assert_int_equal(r.manufacturer, 0x000157);
    assert_memory_equal(r.oem, "ABCDEF", 6);
}

static void sel_decode_oem_non_timestamped_keeps_13_bytes(void **state)
{
    (void)state;
    struct ik_sel_record r = decode_hex_ok("06 00 e7 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d");
    assert_int_equal(r.kind, IK_SEL_KIND_OEM_NOTS);
    assert_int_equal(r.time_kind, IK_SEL_TIME_NONE);
    for (int i = 0; i < 13; i++)
        assert_int_equal(r.oem[i], i + 1);
}

static void sel_decode_classifies_every_record_type(void **state)
{
    (void)state;
    uint8_t b[16] = {0};
    for (int t = 0; t < 256; t++) {
        b[2] = (uint8_t)t;
        struct ik_sel_record r;
        assert_int_equal(ik_sel_decode(b, 16, &r), 0);
        enum ik_sel_kind want = t == 0x02                 ? IK_SEL_KIND_SYSTEM
                                : (t >= 0xC0 && t < 0xE0) ? IK_SEL_KIND_OEM_TS
                                : t >= 0xE0               ? IK_SEL_KIND_OEM_NOTS
                                                          : IK_SEL_KIND_UNKNOWN;
        assert_int_equal(r.kind, want);
        assert_int_equal(r.record_type, t);
        assert_memory_equal(r.raw, b, 16);
    }
}

static void sel_decode_unknown_type_keeps_raw_bytes(void **state)
{
    (void)state;
    struct ik_sel_record r = decode_hex_ok("07 00 10 10 32 54 76 20 00 04 01 30 01 52 1c 20");
    assert_int_equal(r.kind, IK_SEL_KIND_UNKNOWN);
    assert_int_equal(r.time_kind, IK_SEL_TIME_NONE);
    assert_int_equal(r.raw[2], 0x10);
    assert_int_equal(r.raw[3], 0x10);
    /* read with the system layout for display, as ipmitool does */
    assert_int_equal(r.ev.sensor_type, 0x01);
}

static void sel_timestamp_special_values(void **state)
{
    (void)state;
    assert_int_equal(ik_sel_time_of(0xFFFFFFFFu), IK_SEL_TIME_UNSPECIFIED);
    assert_int_equal(ik_sel_time_of(0), IK_SEL_TIME_PRE_INIT);
    assert_int_equal(ik_sel_time_of(0x1FFFFFFFu), IK_SEL_TIME_PRE_INIT);
    assert_int_equal(ik_sel_time_of(0x20000000u), IK_SEL_TIME_PRE_INIT);
    assert_int_equal(ik_sel_time_of(0x20000001u), IK_SEL_TIME_UTC);
    assert_int_equal(ik_sel_time_of(0xFFFFFFFEu), IK_SEL_TIME_UTC);
    struct ik_sel_record r = decode_hex_ok("01 00 02 ff ff ff ff 20 00 04 01 30 01 00 ff ff");
    assert_int_equal(r.time_kind, IK_SEL_TIME_UNSPECIFIED);
    r = decode_hex_ok("01 00 c0 00 00 00 20 00 00 00 00 00 00 00 00 00");
    assert_int_equal(r.time_kind, IK_SEL_TIME_PRE_INIT);
}

static void sel_decode_rejects_zero_length(void **state)
{
    (void)state;
    struct ik_sel_record r;
    memset(&r, 0xA5, sizeof(r));
    assert_int_equal(ik_sel_decode(NULL, 0, &r), IK_E_TRUNCATED);
    assert_int_equal(r.record_id, 0xA5A5); /* untouched on failure */
}

static void sel_decode_rejects_every_prefix(void **state)
{
    (void)state;
    static const uint8_t full[16] = {1, 0, 2, 0,    0x10, 0x5e, 0x5f, 0x20,
                                     0, 4, 1, 0x30, 1,    0x52, 0x1c, 0x20};
    for (size_t n = 1; n < 16; n++) {
        uint8_t *b = ik_test_dup(full, n); /* exact size: ASan sees any over-read */
        struct ik_sel_record r;
        memset(&r, 0xA5, sizeof(r));
        assert_int_equal(ik_sel_decode(b, n, &r), IK_E_TRUNCATED);
        assert_int_equal(r.record_type, 0xA5);
        free(b);
    }
}

static void sel_decode_rejects_15_and_17_byte_records(void **state)
{
    (void)state;
    uint8_t b17[17] = {1, 0, 2};
    uint8_t *b = ik_test_dup(b17, 15);
    struct ik_sel_record r;
    assert_int_equal(ik_sel_decode(b, 15, &r), IK_E_TRUNCATED);
    free(b);
    b = ik_test_dup(b17, 17);
    assert_int_equal(ik_sel_decode(b, 17, &r), IK_E_OVERSIZE);
    free(b);
}

static void sel_encode_round_trips_the_golden_corpus(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("sel_corpus.hex", &n);
    assert_true(n >= 300);
    size_t encoded = 0;
    for (size_t i = 0; i < n; i++) {
        struct ik_sel_record r;
        assert_int_equal(ik_sel_decode(v[i].data, v[i].len, &r), 0);
        uint8_t out[16];
        size_t w = 0;
        int rc = ik_sel_encode(&r, out, sizeof(out), &w);
        if (r.kind == IK_SEL_KIND_UNKNOWN) {
            assert_int_equal(rc, IK_E_INVAL);
            continue;
        }
        assert_int_equal(rc, 0);
        assert_int_equal(w, 16);
        assert_memory_equal(out, v[i].data, 16);
        encoded++;
    }
    assert_true(encoded >= 300);
    ik_test_free_vectors(v, n);
}

static void sel_encode_builds_a_system_event_from_fields(void **state)
{
    (void)state;
    struct ik_sel_record r;
    memset(&r, 0, sizeof(r));
    r.record_id = 0x0102;
    r.record_type = 0x02;
    r.kind = IK_SEL_KIND_SYSTEM;
    r.timestamp = 0x11223344;
    r.ev.gen_id = ik_sel_gen_id(0, 0x10, 0, 0);
    r.ev.evm_rev = 0x04;
    r.ev.sensor_type = 0x23;
    r.ev.sensor_num = 0x07;
    r.ev.deassertion = 1;
    r.ev.event_type = 0x6F;
    r.ev.data[0] = 0xC1;
    r.ev.data[1] = 0x13;
    r.ev.data[2] = 0xFF;
    uint8_t out[16];
    size_t w;
    assert_int_equal(ik_sel_encode(&r, out, sizeof(out), &w), 0);
    size_t n;
    uint8_t *want = ik_test_hex("02 01 02 44 33 22 11 20 00 04 23 07 ef c1 13 ff", &n);
    assert_memory_equal(out, want, 16);
    free(want);
}

static void sel_encode_rejects_bad_fields_without_writing(void **state)
{
    (void)state;
    struct ik_sel_record r;
    memset(&r, 0, sizeof(r));
    uint8_t out[16];
    memset(out, 0xEE, sizeof(out));
    size_t w = 99;
    r.record_type = 0x02;
    r.kind = IK_SEL_KIND_OEM_TS; /* kind disagrees with the type */
    assert_int_equal(ik_sel_encode(&r, out, 16, &w), IK_E_INVAL);
    r.record_type = 0x10;
    r.kind = IK_SEL_KIND_UNKNOWN;
    assert_int_equal(ik_sel_encode(&r, out, 16, &w), IK_E_INVAL);
    r.record_type = 0xC0;
    r.kind = IK_SEL_KIND_OEM_TS;
    r.manufacturer = 0x1000000;
    assert_int_equal(ik_sel_encode(&r, out, 16, &w), IK_E_RANGE);
    r.record_type = 0x02;
    r.kind = IK_SEL_KIND_SYSTEM;
    r.ev.event_type = 0x80;
    assert_int_equal(ik_sel_encode(&r, out, 16, &w), IK_E_RANGE);
    r.ev.event_type = 0x01;
    assert_int_equal(ik_sel_encode(&r, out, 15, &w), IK_E_NOSPACE);
    assert_int_equal(ik_sel_encode(&r, NULL, 0, &w), IK_E_NOSPACE);
    for (int i = 0; i < 16; i++)
        assert_int_equal(out[i], 0xEE);
    assert_int_equal(w, 99);
}

static struct ik_sel_record panic_record(uint8_t slave, uint8_t seq, const char *text)
{
    uint8_t b[16] = {0, 0, 0xF0, slave, seq};
    size_t len = strlen(text);
    memcpy(b + 5, text, len < 11 ? len : 11); /* NUL-padded like the kernel's strncpy */
    struct ik_sel_record r;
    assert_int_equal(ik_sel_decode(b, 16, &r), 0);
    return r;
}

static void sel_panic_chunks_reassemble_in_sequence(void **state)
{
    (void)state;
    const char *parts[] = {"Kernel pani", "c - not syn", "cing: Fatal", " excep"};
    struct ik_sel_panic_asm a;
    ik_sel_panic_reset(&a);
    for (int i = 0; i < 4; i++) {
        struct ik_sel_record r = panic_record(0x20, (uint8_t)i, parts[i]);
        struct ik_sel_panic_chunk c;
        assert_int_equal(ik_sel_panic_chunk(&r, &c), 1);
        assert_int_equal(c.seq, i);
        assert_int_equal(c.slave_addr, 0x20);
        if (i > 0)
            assert_int_equal(ik_sel_panic_continues(&a, &c), 1);
        ik_sel_panic_add(&a, &c);
    }
    assert_string_equal(a.text, "Kernel panic - not syncing: Fatal excep");
    assert_int_equal(a.nchunks, 4);
    assert_int_equal(a.ended, 1); /* the last chunk was short */
    struct ik_sel_record r = panic_record(0x20, 4, "more");
    struct ik_sel_panic_chunk c;
    ik_sel_panic_chunk(&r, &c);
    assert_int_equal(ik_sel_panic_continues(&a, &c), 0);
}

static void sel_panic_exact_multiple_of_11_needs_lookahead(void **state)
{
    (void)state;
    struct ik_sel_panic_asm a;
    ik_sel_panic_reset(&a);
    struct ik_sel_panic_chunk c;
    struct ik_sel_record r = panic_record(0x22, 0, "Oops: exact");
    ik_sel_panic_chunk(&r, &c);
    ik_sel_panic_add(&a, &c);
    r = panic_record(0x22, 1, "ly 22 chars");
    ik_sel_panic_chunk(&r, &c);
    assert_int_equal(ik_sel_panic_continues(&a, &c), 1);
    ik_sel_panic_add(&a, &c);
    assert_int_equal(a.ended, 0); /* full chunk: only the next record can tell */
    assert_string_equal(a.text, "Oops: exactly 22 chars");
    /* a chunk from another card, or sequence 0, starts a new message */
    r = panic_record(0x24, 2, "other");
    ik_sel_panic_chunk(&r, &c);
    assert_int_equal(ik_sel_panic_continues(&a, &c), 0);
    ik_sel_panic_add(&a, &c);
    assert_string_equal(a.text, "other");
    assert_int_equal(a.nchunks, 1);
}

static void sel_panic_message_is_capped(void **state)
{
    (void)state;
    struct ik_sel_panic_asm a;
    ik_sel_panic_reset(&a);
    for (int i = 0; i < 200; i++) {
        struct ik_sel_record r = panic_record(0x20, (uint8_t)i, "0123456789A");
        struct ik_sel_panic_chunk c;
        ik_sel_panic_chunk(&r, &c);
        if (i && !ik_sel_panic_continues(&a, &c))
            break;
        ik_sel_panic_add(&a, &c);
    }
    assert_int_equal(a.len, IK_SEL_PANIC_MAX);
    assert_int_equal(a.truncated, 1);
    assert_int_equal(strlen(a.text), IK_SEL_PANIC_MAX);
}

static void sel_panic_chunk_ignores_other_oem_types(void **state)
{
    (void)state;
    struct ik_sel_record r = decode_hex_ok("01 00 f1 20 00 41 42 43 44 45 46 47 48 49 4a 4b");
    struct ik_sel_panic_chunk c;
    assert_int_equal(ik_sel_panic_chunk(&r, &c), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sel_decode_reads_every_system_event_field),
        cmocka_unit_test(sel_decode_splits_generator_id_bits),
        cmocka_unit_test(sel_decode_reports_evm_revision_as_stored),
        cmocka_unit_test(sel_decode_oem_timestamped_manufacturer_is_ls_byte_first),
        cmocka_unit_test(sel_decode_oem_non_timestamped_keeps_13_bytes),
        cmocka_unit_test(sel_decode_classifies_every_record_type),
        cmocka_unit_test(sel_decode_unknown_type_keeps_raw_bytes),
        cmocka_unit_test(sel_timestamp_special_values),
        cmocka_unit_test(sel_decode_rejects_zero_length),
        cmocka_unit_test(sel_decode_rejects_every_prefix),
        cmocka_unit_test(sel_decode_rejects_15_and_17_byte_records),
        cmocka_unit_test(sel_encode_round_trips_the_golden_corpus),
        cmocka_unit_test(sel_encode_builds_a_system_event_from_fields),
        cmocka_unit_test(sel_encode_rejects_bad_fields_without_writing),
        cmocka_unit_test(sel_panic_chunks_reassemble_in_sequence),
        cmocka_unit_test(sel_panic_exact_multiple_of_11_needs_lookahead),
        cmocka_unit_test(sel_panic_message_is_capped),
        cmocka_unit_test(sel_panic_chunk_ignores_other_oem_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
