/* Cipher suites: table 22-20 triples, Get Channel Cipher Suites records and paging. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cipher.h"
#include "rmcpplus.h"
#include "testutil.h"

static void cipher_table_has_the_spec_triples(void **state)
{
    (void)state;
    struct ik_cipher_suite s;
    assert_int_equal(ik_cipher_suite_get(3, &s), 0);
    assert_int_equal(s.auth, IK_RAKP_HMAC_SHA1);
    assert_int_equal(s.integ, IK_INTEG_HMAC_SHA1_96);
    assert_int_equal(s.conf, IK_CONF_AES_CBC_128);
    assert_int_equal(ik_cipher_suite_get(12, &s), 0);
    assert_int_equal(s.integ, IK_INTEG_MD5_128);
    assert_int_equal(ik_cipher_suite_get(17, &s), 0);
    assert_int_equal(s.auth, IK_RAKP_HMAC_SHA256);
    assert_int_equal(s.integ, IK_INTEG_HMAC_SHA256_128);
    assert_int_equal(ik_cipher_suite_get(20, &s), IK_E_NOTFOUND);
    /* Every triple maps back to its own ID. */
    for (uint8_t id = 0; id <= IK_CIPHER_MAX_ID; id++) {
        assert_int_equal(ik_cipher_suite_get(id, &s), 0);
        assert_int_equal(ik_cipher_suite_find(s.auth, s.integ, s.conf), id);
    }
    assert_int_equal(ik_cipher_suite_find(1, 4, 0), IK_E_NOTFOUND);
    assert_true(ik_cipher_suite_supported(17));
    assert_false(ik_cipher_suite_supported(4));
    assert_false(ik_cipher_suite_supported(19));
}

static void cipher_records_encode_as_table_22_19(void **state)
{
    (void)state;
    uint8_t ids[] = {3, 17}, b[16];
    size_t n;
    assert_int_equal(ik_cipher_records_encode(ids, 2, false, b, sizeof(b), &n), 0);
    assert_int_equal(n, 10);
    assert_memory_equal(b, "\xc0\x03\x01\x41\x81\xc0\x11\x03\x44\x81", 10);
    assert_int_equal(ik_cipher_records_encode(ids, 2, true, b, sizeof(b), &n), 0);
    assert_int_equal(n, 5); /* 01 41 81 03 44: AES listed once */
    assert_memory_equal(b, "\x01\x41\x81\x03\x44", 5);
    assert_int_equal(ik_cipher_records_encode(ids, 2, false, b, 9, &n), IK_E_NOSPACE);
}

static void cipher_pages_are_16_bytes_and_the_last_is_short(void **state)
{
    (void)state;
    uint8_t ids[IK_CIPHER_COUNT], rec[IK_CIPHER_COUNT * 5], page[16], all[IK_CIPHER_COUNT * 5];
    size_t n, rl, pl, got = 0;
    for (uint8_t i = 0; i < IK_CIPHER_COUNT; i++)
        ids[i] = i;
    assert_int_equal(ik_cipher_records_encode(ids, IK_CIPHER_COUNT, false, rec, sizeof(rec), &rl),
                     0);
    assert_int_equal(rl, 100);
    for (uint8_t idx = 0;; idx++) {
        assert_int_equal(ik_cipher_page(rec, rl, idx, page, &pl), 0);
        memcpy(all + got, page, pl);
        got += pl;
        if (pl < 16)
            break;
    }
    assert_int_equal(got, rl);
    struct ik_cipher_suite out[32];
    assert_int_equal(ik_cipher_records_decode(all, got, out, 32, &n), 0);
    assert_int_equal(n, IK_CIPHER_COUNT);
    assert_int_equal(out[17].auth, IK_RAKP_HMAC_SHA256);
    assert_int_equal(ik_cipher_page(rec, rl, 0x40, page, &pl), IK_E_RANGE);
    assert_int_equal(ik_cipher_page(rec, rl, 0x3F, page, &pl), 0);
    assert_int_equal(pl, 0);
}

static void cipher_records_decode_skips_oem_and_rejects_garbage(void **state)
{
    (void)state;
    struct ik_cipher_suite out[4];
    size_t n;
    /* An OEM record (C1h, ID 80h, IANA 3 bytes, 3 tags) between two standard ones. */
    size_t bl;
    uint8_t *b = ik_test_hex("c0 03 01 41 81 c1 80 57 01 00 01 41 81 c0 11 03 44 81", &bl);
    assert_int_equal(ik_cipher_records_decode(b, bl, out, 4, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(out[1].id, 17);
    free(b);
    b = ik_test_hex("41 81", &bl); /* tags without a start of record */
    assert_int_equal(ik_cipher_records_decode(b, bl, out, 4, &n), IK_E_BADFIELD);
    free(b);
    b = ik_test_hex("c0 03 c0 11 03 44 81", &bl); /* a record with no tags */
    assert_int_equal(ik_cipher_records_decode(b, bl, out, 4, &n), IK_E_BADFIELD);
    free(b);
    b = ik_test_hex("c0", &bl); /* cut inside a record */
    assert_int_equal(ik_cipher_records_decode(b, bl, out, 4, &n), IK_E_TRUNCATED);
    free(b);
    assert_int_equal(ik_cipher_records_decode(NULL, 0, out, 4, &n), 0);
    assert_int_equal(n, 0);
}

static void cipher_record_decode_reads_one_record_oem_ones_included(void **state)
{
    (void)state;
    size_t bl, used = 0;
    struct ik_cipher_record rec;
    uint8_t *b = ik_test_hex("c1 80 57 01 00 01 41 81 c0 11 03 44 81", &bl);
    assert_int_equal(ik_cipher_record_decode(b, bl, &rec, &used), 0);
    assert_int_equal(used, 8);
    assert_true(rec.oem);
    assert_int_equal(rec.id, 0x80);
    assert_int_equal(rec.iana, 0x000157);
    assert_int_equal(rec.n_tags, 3);
    assert_int_equal(rec.auth, 1);
    assert_int_equal(rec.integ, 1);
    assert_int_equal(rec.conf, 1);
    assert_int_equal(ik_cipher_record_decode(b + used, bl - used, &rec, &used), 0);
    assert_int_equal(used, 5);
    assert_false(rec.oem);
    assert_int_equal(rec.id, 0x11);
    assert_int_equal(rec.iana, 0);
    assert_int_equal(rec.auth, 3);
    assert_int_equal(rec.integ, 4);
    assert_int_equal(rec.conf, 1);
    free(b);
    /* no tags at all: legal here, every kind absent */
    b = ik_test_hex("c0 07", &bl);
    assert_int_equal(ik_cipher_record_decode(b, bl, &rec, &used), 0);
    assert_int_equal(rec.n_tags, 0);
    assert_int_equal(rec.auth, IK_CIPHER_ALG_ABSENT);
    assert_int_equal(rec.integ, IK_CIPHER_ALG_ABSENT);
    assert_int_equal(rec.conf, IK_CIPHER_ALG_ABSENT);
    free(b);
    /* zero-length, cut in the IANA, not a start of record */
    rec.id = 77;
    assert_int_equal(ik_cipher_record_decode(NULL, 0, &rec, &used), IK_E_TRUNCATED);
    b = ik_test_hex("c1 80 57 01", &bl);
    assert_int_equal(ik_cipher_record_decode(b, bl, &rec, &used), IK_E_TRUNCATED);
    free(b);
    b = ik_test_hex("81 c0 03", &bl);
    assert_int_equal(ik_cipher_record_decode(b, bl, &rec, &used), IK_E_BADFIELD);
    free(b);
    assert_int_equal(rec.id, 77); /* untouched on failure */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cipher_table_has_the_spec_triples),
        cmocka_unit_test(cipher_records_encode_as_table_22_19),
        cmocka_unit_test(cipher_pages_are_16_bytes_and_the_last_is_short),
        cmocka_unit_test(cipher_records_decode_skips_oem_and_rejects_garbage),
        cmocka_unit_test(cipher_record_decode_reads_one_record_oem_ones_included),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
