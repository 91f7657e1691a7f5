/* SEL text and JSON (cli/selfmt): ipmitool's exact elist text for the golden corpus, the SDR
 * hook, buffer bounds, JSON members. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/sel.h"
#include "selfmt.h"
#include "testutil.h"

static char *read_text(const char *name)
{
    FILE *f = fopen(ik_test_vector_path(name), "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static struct ik_sel_record rec(const char *hex)
{
    size_t n;
    uint8_t *b = ik_test_hex(hex, &n);
    assert_non_null(b);
    struct ik_sel_record r;
    assert_int_equal(ik_sel_decode(b, n, &r), 0);
    free(b);
    return r;
}

/* tests/vectors/sel_corpus.elist is ipmitool 1.8.19's `sel readraw` output for the corpus
 * (TZ=UTC), saved by tests/integration/sel_ipmitool.sh. */
static void elist_matches_ipmitool_for_the_whole_corpus(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("sel_corpus.hex", &n);
    char *want = read_text("sel_corpus.elist");
    struct ik_selfmt f;
    ik_selfmt_init(&f);
    f.utc = 1;
    char *line = want;
    for (size_t i = 0; i < n; i++) {
        struct ik_sel_record r;
        assert_int_equal(ik_sel_decode(v[i].data, v[i].len, &r), 0);
        char buf[IK_SELFMT_LINE_MAX];
        size_t len = ik_selfmt_elist(&f, &r, buf, sizeof(buf));
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        size_t wl = (size_t)(nl - line) + 1;
        if (len != wl || memcmp(buf, line, wl) != 0) {
            fprintf(stderr, "record %zu (%s)\n  want: %.*s  got:  %s", i + 1, v[i].label, (int)wl,
                    line, buf);
            fail();
        }
        line = nl + 1;
    }
    assert_int_equal(*line, '\0');
    free(want);
    ik_test_free_vectors(v, n);
}

static double fake_convert(const void *sdr, uint8_t raw)
{
    (void)sdr;
    return raw * 0.5;
}

static int fake_lookup(void *ctx, const struct ik_sel_event *ev, struct ik_selfmt_sensor *out)
{
    int *calls = ctx;
    (*calls)++;
    if (ev->sensor_num != 0x30)
        return 0;
    out->name = "CPU Temp";
    out->convert = fake_convert;
    out->sdr = NULL;
    out->unit = "degrees C";
    return 1;
}

static void elist_uses_sdr_names_and_readings_from_the_hook(void **state)
{
    (void)state;
    struct ik_selfmt f;
    ik_selfmt_init(&f);
    f.utc = 1;
    int calls = 0;
    f.lookup = fake_lookup;
    f.lookup_ctx = &calls;
    char buf[IK_SELFMT_LINE_MAX];
    /* upper critical going high, reading 0xBF (95.5), threshold 0xB4 (90) */
    struct ik_sel_record r = rec("01 00 02 00 10 5e 5f 20 00 04 01 30 01 59 bf b4");
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_string_equal(buf, "   1 | 09/13/20 | 12:26:40 UTC | Temperature CPU Temp | Upper "
                             "Critical going high | Asserted | Reading 95.50 > Threshold 90 "
                             "degrees C\n");
    /* lower, no threshold in data 3 */
    r = rec("02 00 02 00 10 5e 5f 20 00 04 01 30 81 42 10 ff");
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_string_equal(buf, "   2 | 09/13/20 | 12:26:40 UTC | Temperature CPU Temp | Lower "
                             "Critical going low  | Deasserted | Reading 8\n");
    /* unknown to the SDR: ipmitool's no-SDR form */
    r = rec("03 00 02 00 10 5e 5f 20 00 04 01 31 01 59 bf b4");
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_string_equal(buf, "   3 | 09/13/20 | 12:26:40 UTC | Temperature #0x31 | Upper "
                             "Critical going high | Asserted\n");
    assert_int_equal(calls, 3);
}

static void local_time_follows_tz_like_ipmitool(void **state)
{
    (void)state;
    struct ik_selfmt f;
    ik_selfmt_init(&f);
    char buf[IK_SELFMT_LINE_MAX];
    setenv("TZ", "EST5EDT", 1);
    tzset();
    /* 2020-09-13 12:26:40 UTC = 08:26:40 EDT; then a winter stamp, then back (cache) */
    struct ik_sel_record r = rec("01 00 02 00 10 5e 5f 20 00 04 01 30 01 00 ff ff");
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_non_null(strstr(buf, "09/13/20 | 08:26:40 EDT"));
    r = rec("02 00 02 c0 f7 f6 5f 20 00 04 01 30 01 00 ff ff"); /* 2021-01-07 12:00:00 UTC */
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_non_null(strstr(buf, "01/07/21 | 07:00:00 EST"));
    r = rec("03 00 02 3b 10 5e 5f 20 00 04 01 30 01 00 ff ff"); /* +59 s, same slot */
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_non_null(strstr(buf, "09/13/20 | 08:27:39 EDT"));
    r = rec("04 00 02 3c 10 5e 5f 20 00 04 01 30 01 00 ff ff");
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_non_null(strstr(buf, "09/13/20 | 08:27:40 EDT"));
    setenv("TZ", "UTC", 1);
    tzset();
}

/* The cached local-time conversion agrees with strftime(localtime_r()) second for second,
 * across DST changes, half-hour and 45-minute zones (formatted by hand: the C locale's %x). */
static void local_time_cache_matches_localtime_everywhere(void **state)
{
    (void)state;
    static const char *const zones[] = {"EST5EDT",        "Europe/Paris",    "Australia/Lord_Howe",
                                        "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns"};
    for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
        setenv("TZ", zones[z], 1);
        tzset();
        struct ik_selfmt f;
        ik_selfmt_init(&f);
        uint32_t ts = 1577836800; /* 2020-01-01 */
        for (int i = 0; i < 20000; i++) {
            ts += (uint32_t)(i % 7 == 0 ? 3 : 3607 + (i % 13) * 97);
            uint8_t b[16] = {1,
                             0,
                             2,
                             (uint8_t)ts,
                             (uint8_t)(ts >> 8),
                             (uint8_t)(ts >> 16),
                             (uint8_t)(ts >> 24),
                             0x20,
                             0,
                             4,
                             1,
                             0x30,
                             1,
                             0,
                             0xff,
                             0xff};
            struct ik_sel_record r;
            assert_int_equal(ik_sel_decode(b, 16, &r), 0);
            char line[IK_SELFMT_LINE_MAX], want[64];
            ik_selfmt_elist(&f, &r, line, sizeof(line));
            time_t t = (time_t)ts;
            struct tm tm;
            localtime_r(&t, &tm);
            snprintf(want, sizeof(want), "%02d/%02d/%02d | %02d:%02d:%02d %s", tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_year % 100, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_zone);
            if (strncmp(line + 7, want, strlen(want)) != 0) {
                fprintf(stderr, "TZ=%s ts=%u want '%s' got '%s'", zones[z], ts, want, line);
                fail();
            }
        }
    }
    setenv("TZ", "UTC", 1);
    tzset();
}

static void output_never_exceeds_the_buffer(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("sel_corpus.hex", &n);
    struct ik_selfmt f;
    ik_selfmt_init(&f);
    f.utc = 1;
    static const size_t caps[] = {1, 2, 7, 30, 64};
    for (size_t i = 0; i < n; i += 7) {
        struct ik_sel_record r;
        assert_int_equal(ik_sel_decode(v[i].data, v[i].len, &r), 0);
        for (size_t c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
            char *b = malloc(caps[c]); /* exact size: ASan reports a write past it */
            size_t len = ik_selfmt_elist(&f, &r, b, caps[c]);
            assert_true(len < caps[c]);
            assert_int_equal(b[len], '\0');
            len = ik_selfmt_verbose(&f, &r, NULL, b, caps[c]);
            assert_true(len < caps[c]);
            assert_int_equal(b[len], '\0');
            free(b);
        }
        char none[1] = {'x'};
        assert_int_equal(ik_selfmt_elist(&f, &r, none, 0), 0);
        assert_int_equal(none[0], 'x');
    }
    ik_test_free_vectors(v, n);
}

static void panic_record_text_is_made_safe(void **state)
{
    (void)state;
    struct ik_selfmt f;
    ik_selfmt_init(&f);
    char buf[IK_SELFMT_LINE_MAX];
    struct ik_sel_record r = rec("09 00 f0 20 00 41 0a 42 1b 43 ff 44 00 45 46 47");
    ik_selfmt_elist(&f, &r, buf, sizeof(buf));
    assert_string_equal(buf, "   9 | Linux kernel panic: A.B.C.D\n");
}

static void json_object_carries_every_decoded_field(void **state)
{
    (void)state;
    struct ik_selfmt f;
    ik_selfmt_init(&f);
    struct ik_sel_record r = rec("10 00 02 00 10 5e 5f 41 73 04 23 07 6f c1 13 ff");
    json_t *o = ik_selfmt_json(&f, &r, NULL);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "record_id")), 16);
    assert_string_equal(json_string_value(json_object_get(o, "kind")), "system");
    assert_string_equal(json_string_value(json_object_get(o, "raw")),
                        "10000200105e5f41730423076fc113ff");
    assert_string_equal(json_string_value(json_object_get(o, "utc")), "2020-09-13T12:26:40Z");
    json_t *g = json_object_get(o, "generator");
    assert_string_equal(json_string_value(json_object_get(g, "kind")), "software");
    assert_int_equal(json_integer_value(json_object_get(g, "software_id")), 0x20);
    assert_int_equal(json_integer_value(json_object_get(g, "channel")), 7);
    assert_int_equal(json_integer_value(json_object_get(g, "lun")), 3);
    assert_string_equal(json_string_value(json_object_get(o, "direction")), "assertion");
    assert_string_equal(json_string_value(json_object_get(o, "event")), "Hard Reset");
    assert_string_equal(json_string_value(json_object_get(o, "description")), "Hard reset");
    json_t *x = json_object_get(o, "extension");
    assert_non_null(x);
    json_t *it = json_object_get(x, "interrupt_type");
    assert_int_equal(json_integer_value(json_object_get(it, "value")), 1);
    assert_string_equal(json_string_value(json_object_get(it, "text")), "SMI");
    json_decref(o);

    r = rec("11 00 f0 20 01 6f 6f 70 73 00 00 00 00 00 00 00");
    o = ik_selfmt_json(&f, &r, "Oops: oops");
    json_t *p = json_object_get(o, "panic_chunk");
    assert_int_equal(json_integer_value(json_object_get(p, "sequence")), 1);
    assert_string_equal(json_string_value(json_object_get(p, "text")), "oops");
    assert_string_equal(json_string_value(json_object_get(o, "panic_message")), "Oops: oops");
    json_decref(o);

    r = rec("12 00 10 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d");
    o = ik_selfmt_json(&f, &r, NULL);
    assert_string_equal(json_string_value(json_object_get(o, "kind")), "unknown");
    assert_string_equal(json_string_value(json_object_get(o, "raw")),
                        "1200100102030405060708090a0b0c0d");
    assert_null(json_object_get(o, "sensor_type"));
    json_decref(o);
}

/* An F0h panic text record: ID, slave 20h, sequence seq, 11 bytes of text (NUL-padded). */
static struct ik_sel_record panic_rec(uint16_t id, uint8_t seq, const char *text)
{
    uint8_t raw[16] = {(uint8_t)id, (uint8_t)(id >> 8), 0xF0, 0x20, seq};
    size_t n = strlen(text);
    memcpy(raw + 5, text, n < 11 ? n : 11);
    struct ik_sel_record r;
    assert_int_equal(ik_sel_decode(raw, 16, &r), 0);
    return r;
}

static void elist_adds_the_whole_panic_text_after_a_multi_record_message(void **state)
{
    (void)state;
    struct ik_sel_record r[4] = {panic_rec(3, 0, "Kernel pani"), panic_rec(4, 1, "c - not syn"),
                                 panic_rec(0x1a, 2, "cing")};
    /* a system event after the message ends the run */
    uint8_t ev[16] = {0x1b, 0, 0x02, 0, 0, 0, 0x60, 0x20, 0, 0x04, 0x01, 0x30, 0x01, 0x59, 0, 0};
    assert_int_equal(ik_sel_decode(ev, 16, &r[3]), 0);
    struct ik_selfmt_panic p;
    ik_selfmt_panic_init(&p);
    char line[IK_SELFMT_PANIC_LINE_MAX];
    assert_null(ik_selfmt_panic_next(&p, &r[0], &r[1]));
    assert_null(ik_selfmt_panic_next(&p, &r[1], &r[2]));
    const char *text = ik_selfmt_panic_next(&p, &r[2], &r[3]);
    assert_non_null(text);
    assert_string_equal(text, "Kernel panic - not syncing");
    size_t n = ik_selfmt_panic_line(&p, &r[2], line, sizeof(line));
    assert_int_equal(n, strlen(line));
    assert_string_equal(line, "   3-1a | Linux kernel panic message: Kernel panic - not syncing\n");
    assert_null(ik_selfmt_panic_next(&p, &r[3], NULL)); /* not a chunk */
}

static void one_record_panic_message_gets_no_extra_line(void **state)
{
    (void)state;
    struct ik_sel_record r = panic_rec(7, 0, "Oops on LAN");
    struct ik_selfmt_panic p;
    ik_selfmt_panic_init(&p);
    char line[IK_SELFMT_PANIC_LINE_MAX] = "x";
    assert_string_equal(ik_selfmt_panic_next(&p, &r, NULL), "Oops on LAN");
    assert_int_equal(ik_selfmt_panic_line(&p, &r, line, sizeof(line)), 0);
}

static void a_sequence_that_restarts_is_two_messages(void **state)
{
    (void)state;
    struct ik_sel_record a0 = panic_rec(1, 0, "first piece"), a1 = panic_rec(2, 1, "end"),
                         b0 = panic_rec(3, 0, "second mess"), b1 = panic_rec(4, 1, "age");
    struct ik_selfmt_panic p;
    ik_selfmt_panic_init(&p);
    assert_null(ik_selfmt_panic_next(&p, &a0, &a1));
    assert_string_equal(ik_selfmt_panic_next(&p, &a1, &b0), "first pieceend");
    assert_null(ik_selfmt_panic_next(&p, &b0, &b1));
    assert_string_equal(ik_selfmt_panic_next(&p, &b1, NULL), "second message");
    char line[IK_SELFMT_PANIC_LINE_MAX];
    ik_selfmt_panic_line(&p, &b1, line, sizeof(line));
    assert_string_equal(line, "   3-4 | Linux kernel panic message: second message\n");
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(elist_matches_ipmitool_for_the_whole_corpus),
        cmocka_unit_test(elist_uses_sdr_names_and_readings_from_the_hook),
        cmocka_unit_test(local_time_follows_tz_like_ipmitool),
        cmocka_unit_test(local_time_cache_matches_localtime_everywhere),
        cmocka_unit_test(output_never_exceeds_the_buffer),
        cmocka_unit_test(panic_record_text_is_made_safe),
        cmocka_unit_test(json_object_carries_every_decoded_field),
        cmocka_unit_test(elist_adds_the_whole_panic_text_after_a_multi_record_message),
        cmocka_unit_test(one_record_panic_message_gets_no_extra_line),
        cmocka_unit_test(a_sequence_that_restarts_is_two_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
