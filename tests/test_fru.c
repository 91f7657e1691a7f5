/* FRU inventory codec: image decode/encode, problem reporting, multirecord payloads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/error.h"
#include "ipmikit/fru.h"
#include "testutil.h"

static struct ik_fru fru, fru2; /* ~10 KB each: keep them off the stack */

/* A full description: every area, a custom field, two multirecords. */
static void describe(struct ik_fru *f, uint8_t *psu_buf)
{
    memset(f, 0, sizeof(*f));
    f->loc[IK_FRU_AREA_CHASSIS].present = true;
    f->chassis.type = 0x17;
    ik_fru_field_set(&f->chassis.part, "CH-1");
    ik_fru_field_set(&f->chassis.serial, "CS-2");
    f->loc[IK_FRU_AREA_BOARD].present = true;
    f->board.lang = 25;
    f->board.mfg_minutes = 12345678;
    ik_fru_field_set(&f->board.mfg, "ACME");
    ik_fru_field_set(&f->board.product, "Board");
    ik_fru_field_set(&f->board.serial, "SN1");
    ik_fru_field_set(&f->board.part, "PN1");
    ik_fru_field_set(&f->board.file_id, "");
    ik_fru_field_set(&f->board.custom[0], "extra");
    f->board.n_custom = 1;
    f->loc[IK_FRU_AREA_PRODUCT].present = true;
    ik_fru_field_set(&f->product.name, "Widget");
    ik_fru_field_set(&f->product.asset, "A7");
    struct ik_fru_psu p = {.capacity_w = 500,
                           .peak_va = 600,
                           .flags = 0x1F,
                           .peak_w = 550,
                           .holdup_s = 1,
                           .tach_rps = 9};
    size_t n;
    assert_int_equal(ik_fru_psu_encode(&p, psu_buf, 24, &n), 0);
    f->mr[0] = (struct ik_fru_mr){.type = IK_FRU_MR_POWER_SUPPLY, .len = 24, .data = psu_buf};
    static const uint8_t oem[] = {0x5a, 0x31, 0x00, 0x16, 0x00};
    f->mr[1] = (struct ik_fru_mr){.type = 0xC0, .len = sizeof(oem), .data = oem};
    f->n_mr = 2;
}

/* Encode the description into an exact-size heap buffer (so ASan sees over-reads). */
static uint8_t *encode_sample(size_t *len)
{
    static uint8_t psu[24];
    uint8_t tmp[1024];
    describe(&fru, psu);
    assert_int_equal(ik_fru_encode(&fru, tmp, sizeof(tmp), len), 0);
    return ik_test_dup(tmp, *len);
}

static void fru_encode_then_decode_gives_back_every_field(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = encode_sample(&len);
    assert_int_equal(ik_fru_decode(img, len, &fru2), 0);
    assert_int_equal(fru2.n_problems, 0);
    assert_true(fru2.hdr_ok);
    assert_int_equal(fru2.chassis.type, 0x17);
    assert_string_equal(fru2.chassis.part.text, "CH-1");
    assert_string_equal(fru2.chassis.serial.text, "CS-2");
    assert_int_equal(fru2.board.lang, 25);
    assert_int_equal(fru2.board.mfg_minutes, 12345678);
    assert_string_equal(fru2.board.mfg.text, "ACME");
    assert_string_equal(fru2.board.product.text, "Board");
    assert_string_equal(fru2.board.part.text, "PN1");
    assert_int_equal(fru2.board.n_custom, 1);
    assert_string_equal(fru2.board.custom[0].text, "extra");
    assert_string_equal(fru2.product.name.text, "Widget");
    assert_string_equal(fru2.product.asset.text, "A7");
    assert_string_equal(fru2.product.mfg.text, "");
    assert_int_equal(fru2.n_mr, 2);
    assert_int_equal(fru2.mr[0].type, 0);
    assert_false(fru2.mr[0].end);
    assert_true(fru2.mr[1].end);
    assert_true(fru2.mr[0].rec_ok && fru2.mr[0].hdr_ok && fru2.mr[1].rec_ok);
    for (int a = IK_FRU_AREA_CHASSIS; a <= IK_FRU_AREA_PRODUCT; a++) {
        assert_true(fru2.loc[a].present);
        assert_int_equal(fru2.loc[a].cksum_ok, 1);
        assert_int_equal(fru2.loc[a].length % 8, 0);
        assert_int_equal(fru2.loc[a].offset % 8, 0);
    }
    free(img);
}

static void fru_encoder_pads_areas_and_makes_checksums_zero_sum(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = encode_sample(&len);
    uint8_t s = 0;
    for (int i = 0; i < 8; i++)
        s = (uint8_t)(s + img[i]);
    assert_int_equal(s, 0);
    assert_int_equal(img[0], 0x01);
    assert_int_equal(img[2], 1); /* chassis right after the header */
    size_t board = (size_t)img[3] * 8, blen = (size_t)img[board + 1] * 8;
    s = 0;
    for (size_t i = 0; i < blen; i++)
        s = (uint8_t)(s + img[board + i]);
    assert_int_equal(s, 0);
    free(img);
}

static void fru_decode_matches_golden_vector(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = ik_test_load_hex("fru_oracle_vendor.hex", &len);
    uint8_t *exact = ik_test_dup(img, len);
    assert_int_equal(ik_fru_decode(exact, len, &fru), 0);
    assert_int_equal(fru.n_problems, 0);
    assert_int_equal(fru.chassis.type, 0x11);
    assert_int_equal(fru.chassis.part.type, IK_FRU_TL_ASCII6);
    assert_string_equal(fru.chassis.part.text, "CHASSIS1");
    assert_string_equal(fru.board.mfg.text, "Vendor Inc."); /* NUL padding is not text */
    assert_int_equal(fru.board.mfg.len, 14);
    assert_string_equal(fru.board.product.text, "MB-1234X");
    assert_int_equal(fru.board.part.type, IK_FRU_TL_BCDPLUS);
    assert_string_equal(fru.board.part.text, "12345-");
    assert_int_equal(fru.board.mfg_minutes, 9000000);
    assert_string_equal(fru.product.serial.text, "SER");
    assert_int_equal(fru.product.lang, 25);
    free(img);
    free(exact);
}

static void fru_decode_rejects_zero_length_and_short_header(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x01\x00\x00\x01\x00\x00\x00", 7);
    memset(&fru, 0xAB, sizeof(fru));
    assert_int_equal(ik_fru_decode(NULL, 0, &fru), IK_E_TRUNCATED);
    for (size_t n = 0; n < 8; n++)
        assert_int_equal(ik_fru_decode(b, n, &fru), IK_E_TRUNCATED);
    assert_int_equal(fru.version, 0xAB); /* *out untouched on failure */
    free(b);
}

static void fru_decode_rejects_header_version_other_than_1(void **state)
{
    (void)state;
    uint8_t *b = ik_test_dup("\x02\x00\x00\x00\x00\x00\x00\xfe", 8);
    assert_int_equal(ik_fru_decode(b, 8, &fru), IK_E_UNSUPPORTED);
    free(b);
}

static void fru_decode_rejects_image_above_64k(void **state)
{
    (void)state;
    uint8_t *b = calloc(IK_FRU_IMAGE_MAX + 1, 1);
    b[0] = 1;
    b[7] = 0xFF;
    assert_int_equal(ik_fru_decode(b, IK_FRU_IMAGE_MAX + 1, &fru), IK_E_OVERSIZE);
    assert_int_equal(ik_fru_decode(b, IK_FRU_IMAGE_MAX, &fru), 0);
    free(b);
}

static void fru_decode_of_every_prefix_never_overreads(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = encode_sample(&len);
    for (size_t n = 0; n <= len; n++) {
        uint8_t *p = ik_test_dup(img, n);
        int rc = ik_fru_decode(p, n, &fru2);
        if (n < 8) {
            assert_int_equal(rc, IK_E_TRUNCATED);
        } else {
            assert_int_equal(rc, 0);
            /* Any cut loses bytes that some area or record needs. */
            if (n < len)
                assert_true(fru2.n_problems > 0);
            else
                assert_int_equal(fru2.n_problems, 0);
        }
        free(p);
    }
    free(img);
}

static const struct ik_fru_problem *find_problem(const struct ik_fru *f, int err, int area)
{
    for (int i = 0; i < f->n_problems; i++)
        if (f->problems[i].err == err && f->problems[i].area == area)
            return &f->problems[i];
    return NULL;
}

static void decode_vector(const char *name)
{
    size_t len;
    uint8_t *img = ik_test_load_hex(name, &len);
    uint8_t *exact = ik_test_dup(img, len);
    assert_int_equal(ik_fru_decode(exact, len, &fru), 0);
    free(img);
    free(exact); /* the tests below only look at offsets and texts (copies) */
}

static void fru_bad_board_checksum_is_reported_and_chassis_still_decoded(void **state)
{
    (void)state;
    decode_vector("fru_bad_board_checksum.hex");
    const struct ik_fru_problem *p = find_problem(&fru, IK_E_CHECKSUM, IK_FRU_AREA_BOARD);
    assert_non_null(p);
    assert_int_equal(p->offset, 39);
    assert_int_equal(fru.loc[IK_FRU_AREA_BOARD].cksum_ok, 0);
    assert_string_equal(fru.board.mfg.text, "ACME"); /* fields still decoded */
    assert_string_equal(fru.chassis.part.text, "CP1");
    assert_int_equal(fru.loc[IK_FRU_AREA_CHASSIS].cksum_ok, 1);
    assert_int_equal(fru.n_problems, 1);
}

static void fru_area_offset_outside_image_is_reported(void **state)
{
    (void)state;
    decode_vector("fru_area_offset_outside.hex");
    const struct ik_fru_problem *p = find_problem(&fru, IK_E_RANGE, IK_FRU_AREA_PRODUCT);
    assert_non_null(p);
    assert_int_equal(p->offset, 2040);
    assert_string_equal(fru.board.serial.text, "SN1");
}

static void fru_field_running_past_its_area_is_reported(void **state)
{
    (void)state;
    decode_vector("fru_field_past_area.hex");
    const struct ik_fru_problem *p = find_problem(&fru, IK_E_TRUNCATED, IK_FRU_AREA_BOARD);
    assert_non_null(p);
    assert_int_equal(p->offset, 19);
    assert_string_equal(fru.board.mfg.text, "ACME");
    assert_int_equal(fru.board.product.offset, 0); /* never decoded */
}

static void fru_missing_end_marker_is_reported(void **state)
{
    (void)state;
    decode_vector("fru_no_end_marker.hex");
    const struct ik_fru_problem *p = find_problem(&fru, IK_E_BADFIELD, IK_FRU_AREA_CHASSIS);
    assert_non_null(p);
    assert_int_equal(p->offset, 31);
    assert_int_equal(fru.chassis.n_custom, 1);
    assert_string_equal(fru.chassis.custom[0].text, "extra-12345");
}

static void fru_multirecord_past_image_is_reported(void **state)
{
    (void)state;
    decode_vector("fru_mr_past_image.hex");
    const struct ik_fru_problem *p = find_problem(&fru, IK_E_TRUNCATED, IK_FRU_AREA_MULTIREC);
    assert_non_null(p);
    assert_int_equal(p->record, 0);
    assert_int_equal(p->offset, 10);
    assert_int_equal(fru.n_mr, 0);
}

static void fru_bad_header_checksum_is_a_problem_not_a_failure(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = encode_sample(&len);
    img[7] ^= 1;
    assert_int_equal(ik_fru_decode(img, len, &fru), 0);
    assert_false(fru.hdr_ok);
    assert_non_null(find_problem(&fru, IK_E_CHECKSUM, IK_FRU_AREA_HEADER));
    assert_string_equal(fru.board.mfg.text, "ACME");
    free(img);
}

static void fru_multirecord_header_checksum_stops_the_chain(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = encode_sample(&len);
    size_t mr = (size_t)img[5] * 8;
    img[mr + 4] ^= 0x10;
    assert_int_equal(ik_fru_decode(img, len, &fru), 0);
    const struct ik_fru_problem *p = find_problem(&fru, IK_E_CHECKSUM, IK_FRU_AREA_MULTIREC);
    assert_non_null(p);
    assert_int_equal(p->record, 0);
    assert_int_equal(p->offset, mr + 4);
    assert_int_equal(fru.n_mr, 0);
    free(img);
}

static void fru_multirecord_data_checksum_is_reported_and_record_kept(void **state)
{
    (void)state;
    size_t len;
    uint8_t *img = encode_sample(&len);
    size_t mr = (size_t)img[5] * 8;
    img[mr + 5] ^= 0x01; /* first data byte of record 0 */
    assert_int_equal(ik_fru_decode(img, len, &fru), 0);
    assert_int_equal(fru.n_mr, 2);
    assert_false(fru.mr[0].rec_ok);
    assert_true(fru.mr[1].rec_ok);
    assert_non_null(find_problem(&fru, IK_E_CHECKSUM, IK_FRU_AREA_MULTIREC));
    free(img);
}

static void fru_more_than_16_custom_fields_are_counted_not_kept(void **state)
{
    (void)state;
    static uint8_t img[2048];
    size_t len;
    memset(&fru, 0, sizeof(fru));
    fru.loc[IK_FRU_AREA_BOARD].present = true;
    for (int i = 0; i < IK_FRU_CUSTOM_MAX; i++)
        ik_fru_field_set(&fru.board.custom[i], "ab");
    fru.board.n_custom = IK_FRU_CUSTOM_MAX;
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), 0);
    /* n_custom above the maximum is refused by the encoder */
    fru.board.n_custom = IK_FRU_CUSTOM_MAX + 1;
    size_t dummy;
    uint8_t other[2048];
    assert_int_equal(ik_fru_encode(&fru, other, sizeof(other), &dummy), IK_E_INVAL);
    /* Splice one more field in by hand: C0h (empty) before the end marker, then fix up. */
    size_t b = 8, blen = (size_t)img[b + 1] * 8;
    size_t c1 = b + blen - 1;
    while (img[c1] != 0xC1)
        c1--;
    img[c1] = 0xC0;
    img[c1 + 1] = 0xC1; /* the pad had room: 16 x 3 + 6 + 5 + 1 = 60, 64-byte area */
    img[b + blen - 1] = 0;
    uint8_t s = 0;
    for (size_t i = 0; i < blen; i++)
        s = (uint8_t)(s + img[b + i]);
    img[b + blen - 1] = (uint8_t)(0x100 - s);
    uint8_t *exact = ik_test_dup(img, len);
    assert_int_equal(ik_fru_decode(exact, len, &fru2), 0);
    assert_int_equal(fru2.board.n_custom, IK_FRU_CUSTOM_MAX);
    assert_non_null(find_problem(&fru2, IK_E_LIMIT, IK_FRU_AREA_BOARD));
    assert_int_equal(fru2.n_problems, 1);
    free(exact);
}

static void fru_decodes_every_type_length_encoding(void **state)
{
    (void)state;
    /* chassis: type 1, BCD plus 12 3B ("123-"), 6-bit "IPMI" (29 DC A6), binary 01 AB */
    static const uint8_t area[] = {0x01, 0x02, 0x01, 0x42, 0x12, 0x3B, 0x83, 0x29,
                                   0xDC, 0xA6, 0x02, 0x01, 0xAB, 0xC1, 0x00, 0x00};
    uint8_t img[24] = {0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0xFE};
    memcpy(img + 8, area, sizeof(area));
    uint8_t s = 0;
    for (int i = 8; i < 23; i++)
        s = (uint8_t)(s + img[i]);
    img[23] = (uint8_t)(0x100 - s);
    uint8_t *exact = ik_test_dup(img, sizeof(img));
    assert_int_equal(ik_fru_decode(exact, sizeof(img), &fru), 0);
    assert_int_equal(fru.n_problems, 0);
    assert_string_equal(fru.chassis.part.text, "123-");
    assert_string_equal(fru.chassis.serial.text, "IPMI");
    assert_int_equal(fru.chassis.n_custom, 1);
    assert_string_equal(fru.chassis.custom[0].text, "01ab");
    assert_int_equal(fru.chassis.custom[0].type, IK_FRU_TL_BINARY);
    free(exact);
}

static void fru_one_character_latin1_field_is_not_the_end_marker(void **state)
{
    (void)state;
    uint8_t img[64];
    size_t len;
    memset(&fru, 0, sizeof(fru));
    fru.loc[IK_FRU_AREA_CHASSIS].present = true;
    ik_fru_field_set(&fru.chassis.part, "X");
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), 0);
    assert_memory_equal(img + 11, "\xC2X\x00", 3);
    assert_int_equal(ik_fru_decode(img, len, &fru2), 0);
    assert_int_equal(fru2.n_problems, 0);
    assert_string_equal(fru2.chassis.part.text, "X");
}

static void fru_encoder_refuses_texts_its_encodings_cannot_carry(void **state)
{
    (void)state;
    uint8_t img[512];
    size_t len;
    memset(&fru, 0, sizeof(fru));
    fru.loc[IK_FRU_AREA_CHASSIS].present = true;
    char long_text[65];
    memset(long_text, 'a', 64);
    long_text[64] = '\0';
    assert_int_equal(ik_fru_field_set(&fru.chassis.part, long_text), IK_E_RANGE);
    long_text[63] = '\0';
    assert_int_equal(ik_fru_field_set(&fru.chassis.part, long_text), 0); /* 63: the max */
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), 0);
    fru.chassis.part.type = IK_FRU_TL_ASCII6;
    strcpy(fru.chassis.part.text, "lower");
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), IK_E_RANGE);
    fru.chassis.part.type = IK_FRU_TL_BCDPLUS;
    strcpy(fru.chassis.part.text, "12A");
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), IK_E_RANGE);
    fru.chassis.part.type = IK_FRU_TL_BINARY;
    strcpy(fru.chassis.part.text, "abc"); /* odd hex */
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), IK_E_RANGE);
}

static void fru_encoder_fails_cleanly_at_every_short_capacity(void **state)
{
    (void)state;
    static uint8_t psu[24];
    uint8_t tmp[1024];
    size_t need;
    describe(&fru, psu);
    assert_int_equal(ik_fru_encode(&fru, tmp, sizeof(tmp), &need), 0);
    for (size_t cap = 0; cap < need; cap++) {
        uint8_t *b = malloc(cap ? cap : 1);
        size_t w = 12345;
        assert_int_equal(ik_fru_encode(&fru, b, cap, &w), IK_E_NOSPACE);
        assert_int_equal(w, 12345); /* nothing reported written */
        free(b);
    }
    uint8_t *b = malloc(need);
    size_t w;
    assert_int_equal(ik_fru_encode(&fru, b, need, &w), 0);
    assert_int_equal(w, need);
    free(b);
}

static void fru_encoder_refuses_an_area_the_header_cannot_point_to(void **state)
{
    (void)state;
    static uint8_t img[8192];
    static const uint8_t data[] = {1, 2, 3};
    size_t len;
    char t[64];
    memset(t, 'z', 63);
    t[63] = '\0';
    memset(&fru, 0, sizeof(fru));
    /* Board and product areas of 63-byte fields: 1352 + 1480 bytes, both reachable. */
    fru.loc[IK_FRU_AREA_BOARD].present = true;
    fru.loc[IK_FRU_AREA_PRODUCT].present = true;
    struct ik_fru_field *fs[] = {&fru.board.mfg,      &fru.board.product, &fru.board.serial,
                                 &fru.board.part,     &fru.board.file_id, &fru.product.mfg,
                                 &fru.product.name,   &fru.product.part,  &fru.product.version,
                                 &fru.product.serial, &fru.product.asset, &fru.product.file_id};
    for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++)
        ik_fru_field_set(fs[i], t);
    for (int i = 0; i < IK_FRU_CUSTOM_MAX; i++) {
        ik_fru_field_set(&fru.board.custom[i], t);
        ik_fru_field_set(&fru.product.custom[i], t);
    }
    fru.board.n_custom = fru.product.n_custom = IK_FRU_CUSTOM_MAX;
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), 0);
    assert_int_equal(len, 8 + 1352 + 1480);
    assert_int_equal(ik_fru_decode(img, len, &fru2), 0);
    assert_int_equal(fru2.n_problems, 0);
    assert_int_equal(fru2.loc[IK_FRU_AREA_PRODUCT].length, 1480);
    /* A multirecord area would start at 2840 > 255 x 8: no header byte can say so. */
    fru.mr[0] = (struct ik_fru_mr){.type = 0xC0, .len = sizeof(data), .data = data};
    fru.n_mr = 1;
    assert_int_equal(ik_fru_encode(&fru, img, sizeof(img), &len), IK_E_RANGE);
}

/* ---- multirecord payloads ------------------------------------------------------- */

static void fru_psu_record_round_trips_and_wants_exactly_24_bytes(void **state)
{
    (void)state;
    struct ik_fru_psu p = {.capacity_w = 0xABC,
                           .peak_va = 0xFFFF,
                           .inrush_a = 0xFF,
                           .inrush_ms = 5,
                           .vin1_lo = 9000,
                           .vin1_hi = 14000,
                           .freq_lo = 47,
                           .freq_hi = 63,
                           .dropout_ms = 20,
                           .flags = 0x15,
                           .peak_w = 0x123,
                           .holdup_s = 0xF,
                           .combined_v1 = 2,
                           .combined_v2 = 3,
                           .combined_w = 400,
                           .tach_rps = 7},
                      q;
    uint8_t b[24];
    size_t n;
    assert_int_equal(ik_fru_psu_encode(&p, b, sizeof(b), &n), 0);
    assert_int_equal(n, 24);
    assert_int_equal(b[18] | b[19] << 8, 0xF123);
    assert_int_equal(b[20], 0x23);
    uint8_t *e = ik_test_dup(b, 24);
    assert_int_equal(ik_fru_psu_decode(e, 24, &q), 0);
    /* field by field: struct padding is not part of the value */
    assert_int_equal(q.capacity_w, p.capacity_w);
    assert_int_equal(q.peak_va, p.peak_va);
    assert_int_equal(q.inrush_a, p.inrush_a);
    assert_int_equal(q.inrush_ms, p.inrush_ms);
    assert_int_equal(q.vin1_lo, p.vin1_lo);
    assert_int_equal(q.vin1_hi, p.vin1_hi);
    assert_int_equal(q.vin2_lo, p.vin2_lo);
    assert_int_equal(q.vin2_hi, p.vin2_hi);
    assert_int_equal(q.freq_lo, p.freq_lo);
    assert_int_equal(q.freq_hi, p.freq_hi);
    assert_int_equal(q.dropout_ms, p.dropout_ms);
    assert_int_equal(q.flags, p.flags);
    assert_int_equal(q.peak_w, p.peak_w);
    assert_int_equal(q.holdup_s, p.holdup_s);
    assert_int_equal(q.combined_v1, p.combined_v1);
    assert_int_equal(q.combined_v2, p.combined_v2);
    assert_int_equal(q.combined_w, p.combined_w);
    assert_int_equal(q.tach_rps, p.tach_rps);
    assert_int_equal(ik_fru_psu_decode(e, 23, &q), IK_E_TRUNCATED);
    free(e);
    uint8_t big[25] = {0};
    assert_int_equal(ik_fru_psu_decode(big, 25, &q), IK_E_OVERSIZE);
    assert_int_equal(ik_fru_psu_decode(NULL, 0, &q), IK_E_TRUNCATED);
    p.capacity_w = 0x1000;
    assert_int_equal(ik_fru_psu_encode(&p, b, sizeof(b), &n), IK_E_RANGE);
    p.capacity_w = 1;
    assert_int_equal(ik_fru_psu_encode(&p, b, 23, &n), IK_E_NOSPACE);
}

static void fru_dc_records_round_trip_with_signed_voltages(void **state)
{
    (void)state;
    struct ik_fru_dcout o = {.output = 0xF,
                             .standby = true,
                             .nominal_10mv = -1200,
                             .max_neg_10mv = 5,
                             .max_pos_10mv = 6,
                             .ripple_mv = 7,
                             .min_ma = 8,
                             .max_ma = 65535},
                        o2;
    struct ik_fru_dcload l = {.output = 3,
                              .nominal_10mv = 330,
                              .min_10mv = -1,
                              .max_10mv = 340,
                              .ripple_mv = 1,
                              .min_ma = 2,
                              .max_ma = 3},
                         l2;
    uint8_t b[13];
    size_t n;
    assert_int_equal(ik_fru_dcout_encode(&o, b, sizeof(b), &n), 0);
    assert_int_equal(n, 13);
    assert_int_equal(b[0], 0x8F);
    uint8_t *e = ik_test_dup(b, 13);
    assert_int_equal(ik_fru_dcout_decode(e, 13, &o2), 0);
    assert_int_equal(o2.output, o.output);
    assert_true(o2.standby);
    assert_int_equal(o2.nominal_10mv, -1200);
    assert_int_equal(o2.max_neg_10mv, o.max_neg_10mv);
    assert_int_equal(o2.max_pos_10mv, o.max_pos_10mv);
    assert_int_equal(o2.ripple_mv, o.ripple_mv);
    assert_int_equal(o2.min_ma, o.min_ma);
    assert_int_equal(o2.max_ma, 65535);
    for (size_t k = 0; k < 13; k++)
        assert_int_equal(ik_fru_dcout_decode(e, k, &o2), IK_E_TRUNCATED);
    free(e);
    assert_int_equal(ik_fru_dcload_encode(&l, b, sizeof(b), &n), 0);
    e = ik_test_dup(b, 13);
    assert_int_equal(ik_fru_dcload_decode(e, 13, &l2), 0);
    assert_int_equal(l2.output, 3);
    assert_int_equal(l2.nominal_10mv, 330);
    assert_int_equal(l2.min_10mv, -1);
    assert_int_equal(l2.max_10mv, 340);
    assert_int_equal(l2.ripple_mv, 1);
    assert_int_equal(l2.min_ma, 2);
    assert_int_equal(l2.max_ma, 3);
    free(e);
    o.output = 16;
    assert_int_equal(ik_fru_dcout_encode(&o, b, sizeof(b), &n), IK_E_RANGE);
}

static void fru_mgmt_compat_and_oem_records_decode(void **state)
{
    (void)state;
    struct ik_fru_mgmt g;
    uint8_t *b = ik_test_dup("\x02hostA", 6);
    assert_int_equal(ik_fru_mgmt_decode(b, 6, &g), 0);
    assert_int_equal(g.subtype, 2);
    assert_int_equal(g.len, 5);
    assert_memory_equal(g.data, "hostA", 5);
    assert_int_equal(ik_fru_mgmt_decode(b, 1, &g), IK_E_TRUNCATED); /* no value */
    b[0] = 8;
    assert_int_equal(ik_fru_mgmt_decode(b, 6, &g), IK_E_BADFIELD);
    b[0] = 7; /* a GUID must be 16 bytes */
    assert_int_equal(ik_fru_mgmt_decode(b, 6, &g), IK_E_BADFIELD);
    free(b);

    struct ik_fru_compat c;
    b = ik_test_dup("\x57\x01\x00\x07\x10\x20\x0f", 7);
    assert_int_equal(ik_fru_compat_decode(b, 7, &c), 0);
    assert_int_equal(c.mfg_id, 343);
    assert_int_equal(c.entity_id, 7);
    assert_int_equal(c.mask_len, 1);
    assert_int_equal(ik_fru_compat_decode(b, 6, &c), 0); /* empty mask */
    assert_int_equal(ik_fru_compat_decode(b, 5, &c), IK_E_TRUNCATED);
    free(b);

    struct ik_fru_oem o;
    b = ik_test_dup("\x5a\x31\x00\x16\x00", 5);
    assert_int_equal(ik_fru_oem_decode(b, 5, &o), 0);
    assert_int_equal(o.mfg_id, IK_FRU_IANA_PICMG);
    assert_int_equal(o.len, 2);
    assert_string_equal(ik_fru_picmg_record_name(o.data[0]), "Module Current Requirements");
    assert_int_equal(ik_fru_oem_decode(b, 2, &o), IK_E_TRUNCATED);
    free(b);
}

static void fru_mr_decode_checks_both_checksums_and_lengths(void **state)
{
    (void)state;
    /* type 01h, end + version 2, length 2, data checksum, header checksum, data 10 20 */
    uint8_t rec[7] = {0x01, 0x82, 0x02, (uint8_t)(0x100 - 0x30), 0x00, 0x10, 0x20};
    rec[4] = (uint8_t)(0x100 - ((rec[0] + rec[1] + rec[2] + rec[3]) & 0xFF));
    uint8_t *b = ik_test_dup(rec, 7);
    struct ik_fru_mr m;
    assert_int_equal(ik_fru_mr_decode(b, 7, &m), 0);
    assert_true(m.end && m.rec_ok && m.hdr_ok);
    assert_int_equal(m.version, 2);
    assert_int_equal(m.len, 2);
    for (size_t k = 0; k < 7; k++)
        assert_int_equal(ik_fru_mr_decode(b, k, &m), IK_E_TRUNCATED);
    b[6] = 0x21;
    assert_int_equal(ik_fru_mr_decode(b, 7, &m), 0);
    assert_false(m.rec_ok);
    free(b);
}

static void fru_names_cover_areas_chassis_types_and_record_types(void **state)
{
    (void)state;
    assert_string_equal(ik_fru_area_name(IK_FRU_AREA_BOARD), "board info area");
    assert_string_equal(ik_fru_chassis_type_name(0x17), "Rack Mount Chassis");
    assert_string_equal(ik_fru_chassis_type_name(0x1D), "Blade Enclosure");
    assert_null(ik_fru_chassis_type_name(0x1E));
    assert_string_equal(ik_fru_mr_type_name(0x00), "Power Supply Information");
    assert_string_equal(ik_fru_mr_type_name(0x05), "Extended Compatibility");
    assert_string_equal(ik_fru_mr_type_name(0xFF), "OEM");
    assert_null(ik_fru_mr_type_name(0x20));
    assert_string_equal(ik_fru_mgmt_name(7), "System Unique ID");
    assert_null(ik_fru_mgmt_name(0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fru_encode_then_decode_gives_back_every_field),
        cmocka_unit_test(fru_encoder_pads_areas_and_makes_checksums_zero_sum),
        cmocka_unit_test(fru_decode_matches_golden_vector),
        cmocka_unit_test(fru_decode_rejects_zero_length_and_short_header),
        cmocka_unit_test(fru_decode_rejects_header_version_other_than_1),
        cmocka_unit_test(fru_decode_rejects_image_above_64k),
        cmocka_unit_test(fru_decode_of_every_prefix_never_overreads),
        cmocka_unit_test(fru_bad_board_checksum_is_reported_and_chassis_still_decoded),
        cmocka_unit_test(fru_area_offset_outside_image_is_reported),
        cmocka_unit_test(fru_field_running_past_its_area_is_reported),
        cmocka_unit_test(fru_missing_end_marker_is_reported),
        cmocka_unit_test(fru_multirecord_past_image_is_reported),
        cmocka_unit_test(fru_bad_header_checksum_is_a_problem_not_a_failure),
        cmocka_unit_test(fru_multirecord_header_checksum_stops_the_chain),
        cmocka_unit_test(fru_multirecord_data_checksum_is_reported_and_record_kept),
        cmocka_unit_test(fru_more_than_16_custom_fields_are_counted_not_kept),
        cmocka_unit_test(fru_decodes_every_type_length_encoding),
        cmocka_unit_test(fru_one_character_latin1_field_is_not_the_end_marker),
        cmocka_unit_test(fru_encoder_refuses_texts_its_encodings_cannot_carry),
        cmocka_unit_test(fru_encoder_fails_cleanly_at_every_short_capacity),
        cmocka_unit_test(fru_encoder_refuses_an_area_the_header_cannot_point_to),
        cmocka_unit_test(fru_psu_record_round_trips_and_wants_exactly_24_bytes),
        cmocka_unit_test(fru_dc_records_round_trip_with_signed_voltages),
        cmocka_unit_test(fru_mgmt_compat_and_oem_records_decode),
        cmocka_unit_test(fru_mr_decode_checks_both_checksums_and_lengths),
        cmocka_unit_test(fru_names_cover_areas_chassis_types_and_record_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
