/* The CLI's FRU formatters: ipmitool's text for a golden image, its 6-bit ASCII and BCD
 * plus quirks, the verbose additions, JSON and problem lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "frufmt.h"
#include "ipmikit/error.h"
#include "testutil.h"

static struct ik_fru fru;

/* What `ipmitool fru print` printed for tests/vectors/fru_oracle_vendor.hex served by
 * ipmi_sim (TZ=UTC), minus the "FRU Device Description" line. */
static const char vendor_ipmitool[] = " Chassis Type          : Main Server Chassis\n"
                                      " Chassis Part Number   : CHASSIS1\n"
                                      " Board Mfg Date        : Sun Feb 10 00:00:00 2013 UTC\n"
                                      " Board Mfg             : Vendor Inc.\n"
                                      " Board Product         : MB-1234X\n"
                                      " Board Serial          : 0123456789AB\n"
                                      " Board Part Number     : 12345-\n"
                                      " Board Extra           : xxxxxxxxxxxxxxxxxxxx\n"
                                      " Product Manufacturer  : Vendor\n"
                                      " Product Name          : Box 2U   \n"
                                      " Product Version       : A01\n"
                                      " Product Serial        : SER\n";

static char *render(const struct ik_fru *f, int verbose)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    assert_non_null(out);
    ik_frufmt_text(out, f, verbose);
    fclose(out);
    return buf;
}

static uint8_t *load(const char *name, size_t *len)
{
    uint8_t *img = ik_test_load_hex(name, len);
    uint8_t *exact = ik_test_dup(img, *len);
    free(img);
    assert_int_equal(ik_fru_decode(exact, *len, &fru), 0);
    return exact;
}

static void frutext_default_output_is_ipmitools(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    size_t len;
    uint8_t *img = load("fru_oracle_vendor.hex", &len);
    char *s = render(&fru, 0);
    assert_string_equal(s, vendor_ipmitool);
    free(s);
    free(img);
}

static void frutext_verbose_keeps_every_default_line_in_order(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = load("fru_oracle_vendor.hex", &len);
    char *v = render(&fru, 1);
    const char *at = v;
    for (const char *line = vendor_ipmitool; *line;) {
        const char *nl = strchr(line, '\n');
        char want[128];
        size_t n = (size_t)(nl - line + 1);
        memcpy(want, line, n);
        want[n] = '\0';
        at = strstr(at, want);
        assert_non_null(at);
        at += n;
        line = nl + 1;
    }
    assert_non_null(strstr(v, " Board Area            : offset "));
    assert_non_null(strstr(v, "checksum 0x"));
    free(v);
    free(img);
}

static void frutext_ascii6_shows_ipmitools_trailing_characters(void **state)
{
    (void)state;
    /* "HELLO" packs into 4 bytes; ipmitool unpacks 2 groups = 8 characters. */
    static const uint8_t hello[] = {0x68, 0xc9, 0xb2, 0x2f};
    struct ik_fru_field f = {.type = IK_FRU_TL_ASCII6, .len = 4, .offset = 9, .data = hello};
    strcpy(f.text, "HELLO");
    char buf[IK_FRU_TEXT_MAX + 8];
    assert_string_equal(ik_frufmt_compat_text(&f, buf, sizeof(buf)), "HELLO   ");
}

static void frutext_bcdplus_reserved_digits_print_as_ipmitool_does(void **state)
{
    (void)state;
    static const uint8_t d[] = {0x1d, 0xef};
    struct ik_fru_field f = {.type = IK_FRU_TL_BCDPLUS, .len = 2, .offset = 9, .data = d};
    strcpy(f.text, "1???");
    char buf[IK_FRU_TEXT_MAX + 8];
    assert_string_equal(ik_frufmt_compat_text(&f, buf, sizeof(buf)), "1:,_");
}

static void frutext_json_carries_offsets_checksums_and_problems(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = load("fru_bad_board_checksum.hex", &len);
    json_t *j = ik_frufmt_json(&fru, img, len);
    assert_non_null(j);
    json_t *board = json_object_get(j, "board");
    assert_int_equal(json_integer_value(json_object_get(board, "offset")), 8);
    assert_true(json_is_false(json_object_get(board, "checksum_ok")));
    json_t *mfg = json_object_get(board, "manufacturer");
    assert_string_equal(json_string_value(json_object_get(mfg, "text")), "ACME");
    assert_string_equal(json_string_value(json_object_get(mfg, "raw")), "41434d45");
    json_t *probs = json_object_get(j, "problems");
    assert_int_equal(json_array_size(probs), 1);
    json_t *p = json_array_get(probs, 0);
    assert_string_equal(json_string_value(json_object_get(p, "area")), "board");
    assert_int_equal(json_integer_value(json_object_get(p, "offset")), 39);
    assert_string_equal(json_string_value(json_object_get(p, "error")), "IK_E_CHECKSUM");
    assert_true(json_is_null(json_object_get(j, "product")));
    json_decref(j);
    free(img);
}

static void frutext_problem_line_names_area_and_byte(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = load("fru_mr_past_image.hex", &len);
    assert_int_equal(fru.n_problems, 1);
    char msg[256];
    ik_frufmt_problem(&fru.problems[0], &fru, msg, sizeof(msg));
    assert_string_equal(msg, "multirecord area, record 0 at byte 0xa (10): record length runs "
                             "past the end of the image");
    free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(frutext_default_output_is_ipmitools),
        cmocka_unit_test(frutext_verbose_keeps_every_default_line_in_order),
        cmocka_unit_test(frutext_ascii6_shows_ipmitools_trailing_characters),
        cmocka_unit_test(frutext_bcdplus_reserved_digits_print_as_ipmitool_does),
        cmocka_unit_test(frutext_json_carries_offsets_checksums_and_problems),
        cmocka_unit_test(frutext_problem_line_names_area_and_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
