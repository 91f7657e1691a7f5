/*
 * SDR text formatter: offline output equals what ipmitool 1.8.19 printed for the golden
 * corpus (tests/vectors/sdr_golden.ipmitool-{elist,v,list}.txt, captured from ipmi_sim by
 * tests/integration/sdr_oracle.sh), plus the reading-dependent paths and JSON.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sdrfmt.h"
#include "testutil.h"

typedef void (*fmt_fn)(FILE *, const struct ik_sdr_record *, const struct ik_sdrfmt_reading *,
                       const struct ik_sdrfmt_opts *);

/* Types ipmitool's sdr list/elist print (everything else it skips). */
static int ipmitool_prints(uint8_t type)
{
    return type == 0x01 || type == 0x02 || type == 0x03 || type == 0x10 || type == 0x11 ||
           type == 0x12;
}

static char *slurp(const char *name)
{
    FILE *f = fopen(ik_test_vector_path(name), "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(f);
    fclose(m);
    return buf;
}

/* Until the sensor type names are linked, compare "Sensor Type" lines by code only. */
static void normalize(char *text)
{
    if (strcmp(ik_sdrfmt_sensor_type(0x01), "Unknown") != 0)
        return;
    for (char *line = text; line && *line;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, " Sensor Type (", 14) != 0 && strncmp(line, "Sensor Type  ", 13) != 0)
            continue;
        char *colon = strstr(line, ": ");
        char *code = strstr(line, " (0x");
        char *eol = strchr(line, '\n');
        if (!colon || !code || (eol && code > eol))
            continue;
        memmove(colon + 3, code, strlen(code) + 1);
        colon[2] = '?';
    }
}

static char *format_corpus(fmt_fn fn)
{
    size_t count;
    struct ik_test_vec *v = ik_test_load_vectors("sdr_golden.hex", &count);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    struct ik_sdrfmt_opts o = {0};
    for (size_t i = 0; i < count; i++) {
        struct ik_sdr_record r;
        assert_int_equal(ik_sdr_decode(v[i].data, v[i].len, &r), 0);
        if (ipmitool_prints(r.hdr.type))
            fn(m, &r, NULL, &o);
    }
    fclose(m);
    ik_test_free_vectors(v, count);
    return buf;
}

static void compare_with_ipmitool(fmt_fn fn, const char *file)
{
    char *want = slurp(file), *got = format_corpus(fn);
    normalize(want);
    normalize(got);
    if (strcmp(want, got) != 0) {
        /* Point at the first differing line. */
        size_t i = 0, line = 1;
        while (want[i] && want[i] == got[i])
            line += want[i++] == '\n';
        fail_msg("%s differs at line %zu:\nipmitool: %.80s\nipmikit:  %.80s", file, line, want + i,
                 got + i);
    }
    free(want);
    free(got);
}

static void elist_matches_ipmitool_for_the_golden_corpus(void **state)
{
    (void)state;
    compare_with_ipmitool(ik_sdrfmt_elist, "sdr_golden.ipmitool-elist.txt");
}

static void verbose_matches_ipmitool_for_the_golden_corpus(void **state)
{
    (void)state;
    compare_with_ipmitool(ik_sdrfmt_verbose, "sdr_golden.ipmitool-v.txt");
}

static void list_matches_ipmitool_for_the_golden_corpus(void **state)
{
    (void)state;
    compare_with_ipmitool(ik_sdrfmt_list, "sdr_golden.ipmitool-list.txt");
}

/* Format one record with a reading into a string. */
static char *fmt_one(fmt_fn fn, const char *hex, const struct ik_sdrfmt_reading *rd)
{
    size_t n;
    uint8_t *b = ik_test_hex(hex, &n);
    struct ik_sdr_record r;
    assert_int_equal(ik_sdr_decode(b, n, &r), 0);
    free(b);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    struct ik_sdrfmt_opts o = {0};
    fn(m, &r, rd, &o);
    fclose(m);
    return buf;
}

/* Full threshold temperature sensor, M=1: thresholds 90/85/80 and 5/10/15, "CPU Temp". */
#define TEMP_HEX                                                                                   \
    "01 00 51 01 33 20 00 10 07 01 7f 68 01 01 95 7a 95 7a 3f 3f 00 01 00 00 01 00 00 00 00 00"    \
    " 07 19 28 0a ff 00 5a 55 50 05 0a 0f 02 02 00 00 00 c8 43 50 55 20 54 65 6d 70"

static void elist_shows_a_reading_with_units_and_threshold_status(void **state)
{
    (void)state;
    struct ik_sdrfmt_reading rd = {.have = 1, .raw = 25, .flags = 0xC0};
    char *s = fmt_one(ik_sdrfmt_elist, TEMP_HEX, &rd);
    assert_string_equal(s, "CPU Temp         | 10h | ok  |  7.1 | 25 degrees C\n");
    free(s);
    rd.state1 = 0x02; /* at or below lower critical */
    s = fmt_one(ik_sdrfmt_elist, TEMP_HEX, &rd);
    assert_string_equal(s, "CPU Temp         | 10h | lcr |  7.1 | 25 degrees C\n");
    free(s);
    rd.state1 = 0x24; /* lower and upper non-recoverable: lower wins, as in ipmitool */
    s = fmt_one(ik_sdrfmt_list, TEMP_HEX, &rd);
    assert_string_equal(s, "CPU Temp         | 25 degrees C      | nr\n");
    free(s);
}

static void elist_shows_unavailable_and_disabled_readings(void **state)
{
    (void)state;
    struct ik_sdrfmt_reading rd = {.have = 1, .raw = 25, .flags = 0xE0}; /* unavailable */
    char *s = fmt_one(ik_sdrfmt_elist, TEMP_HEX, &rd);
    assert_string_equal(s, "CPU Temp         | 10h | ns  |  7.1 | No Reading\n");
    free(s);
    rd.flags = 0x80; /* scanning disabled */
    s = fmt_one(ik_sdrfmt_elist, TEMP_HEX, &rd);
    assert_string_equal(s, "CPU Temp         | 10h | ns  |  7.1 | Disabled\n");
    free(s);
    s = fmt_one(ik_sdrfmt_list, TEMP_HEX, &rd);
    assert_string_equal(s, "CPU Temp         | disabled          | ns\n");
    free(s);
}

static void verbose_reading_shows_tolerance_and_event_lines(void **state)
{
    (void)state;
    struct ik_sdrfmt_reading rd = {
        .have = 1,
        .raw = 30,
        .flags = 0xC0,
        .state1 = 0x08,
        .event_status_len = 3,
        .event_status = {0xC0, 0x80, 0x00},
        .event_enable_len = 5,
        .event_enable = {0xC0, 0x95, 0x0A, 0x00, 0x02},
    };
    char *s = fmt_one(ik_sdrfmt_verbose, TEMP_HEX, &rd);
    assert_non_null(strstr(s, " Sensor Reading        : 30 (+/- 0) degrees C\n"));
    assert_non_null(strstr(s, " Status                : Upper Non-Critical\n"));
    assert_non_null(strstr(s, " Assertion Events      : unc+ \n"));
    assert_non_null(strstr(s, " Assertions Enabled    : lnc- lcr- lnr- unc+ ucr+ unr+ \n"));
    assert_non_null(strstr(s, " Deassertions Enabled  : ucr+ \n"));
    free(s);
}

static void json_carries_converted_values_and_raw_fields(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex(TEMP_HEX, &n);
    struct ik_sdr_record r;
    assert_int_equal(ik_sdr_decode(b, n, &r), 0);
    free(b);
    json_t *o = ik_sdrfmt_json(&r, NULL);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "sensor_number")), 0x10);
    json_t *thr = json_object_get(json_object_get(o, "thresholds"), "upper_critical");
    assert_int_equal(json_integer_value(json_object_get(thr, "raw")), 85);
    assert_true(json_real_value(json_object_get(thr, "value")) == 85.0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "id_string"), "text")),
                        "CPU Temp");
    assert_true(json_is_null(json_object_get(o, "reading")));
    json_decref(o);
}

/* The records of tests/vectors/sdr_diff.hex print as docs/sdr.md says, not as ipmitool. */
static void verbose_differs_from_ipmitool_where_documented(void **state)
{
    (void)state;
    size_t count;
    struct ik_test_vec *v = ik_test_load_vectors("sdr_diff.hex", &count);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    struct ik_sdrfmt_opts o = {0};
    for (size_t i = 0; i < count; i++) {
        struct ik_sdr_record r;
        assert_int_equal(ik_sdr_decode(v[i].data, v[i].len, &r), 0);
        ik_sdrfmt_verbose(m, &r, NULL, &o);
        ik_sdrfmt_elist(m, &r, NULL, &o);
    }
    fclose(m);
    ik_test_free_vectors(v, count);
    static const char *const want[] = {
        "Sensor ID              : CPU1 (0x10)\n",   /* 6-bit packed ID decoded */
        "Sensor ID              : 12-3.4 (0x11)\n", /* BCD plus ID decoded */
        " Positive Hysteresis   : 133.000\n",       /* 85h is 133 counts, not -123 */
        "Device Type.Modifier   : 2h.0h (DS1624 temperature sensor)\n",
        "Address Span           : 03h\n",                           /* bits 2:0 */
        "Channel Number         : 9h\n",                            /* 4 bits, MS bit from byte 7 */
        "Padded           | 00h | ok  |  6.1 | Dynamic MC @ 20h\n", /* zero padding accepted */
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (!strstr(buf, want[i]))
            fail_msg("missing: %s", want[i]);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(elist_matches_ipmitool_for_the_golden_corpus),
        cmocka_unit_test(verbose_matches_ipmitool_for_the_golden_corpus),
        cmocka_unit_test(list_matches_ipmitool_for_the_golden_corpus),
        cmocka_unit_test(elist_shows_a_reading_with_units_and_threshold_status),
        cmocka_unit_test(elist_shows_unavailable_and_disabled_readings),
        cmocka_unit_test(verbose_reading_shows_tolerance_and_event_lines),
        cmocka_unit_test(json_carries_converted_values_and_raw_fields),
        cmocka_unit_test(verbose_differs_from_ipmitool_where_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
