/* The crypto interface: known answers from RFC 1319 (MD2), RFC 1321 (MD5), RFC 2202 and
 * 4231 (HMAC), NIST SP 800-38A (AES-CBC), RFC 6229 (RC4). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto.h"
#include "testutil.h"

static void expect_hex(const uint8_t *got, const char *hex)
{
    size_t n;
    uint8_t *want = ik_test_hex(hex, &n);
    assert_non_null(want);
    assert_memory_equal(got, want, n);
    free(want);
}

static void digest_str(enum ik_hash h, const char *s, uint8_t *out)
{
    struct ik_iov v = {s, strlen(s)};
    assert_int_equal(ik_hash(h, &v, 1, out), 0);
}

static void md2_matches_rfc1319_test_suite(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } t[] = {
        {"", "8350e5a3e24c153df2275c9f80692773"},
        {"a", "32ec01ec4a6dac72c0ab96fb34c0b5d1"},
        {"abc", "da853b0d3f88d99b30283a69e6ded6bb"},
        {"message digest", "ab4f496bfb2a530b219ff33031fe06b0"},
        {"abcdefghijklmnopqrstuvwxyz", "4e8ddff3650292ab5a4108c3aa47940b"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
         "da33def2a42df13975352846c30338cd"},
        {"1234567890123456789012345678901234567890123456789012345678901234567890123456789"
         "0",
         "d5976f79d83d3a0dc9806c3c66f3efd8"},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint8_t d[16];
        digest_str(IK_HASH_MD2, t[i].in, d);
        expect_hex(d, t[i].out);
    }
}

static void md2_over_pieces_equals_md2_over_the_whole(void **state)
{
    (void)state;
    /* Split "message digest" at every point: the block buffering must not matter. */
    const char *s = "message digest";
    for (size_t cut = 0; cut <= strlen(s); cut++) {
        struct ik_iov v[2] = {{s, cut}, {s + cut, strlen(s) - cut}};
        uint8_t d[16];
        assert_int_equal(ik_hash(IK_HASH_MD2, v, 2, d), 0);
        expect_hex(d, "ab4f496bfb2a530b219ff33031fe06b0");
    }
}

static void md5_sha1_sha256_match_published_digests(void **state)
{
    (void)state;
    uint8_t d[32];
    digest_str(IK_HASH_MD5, "", d); /* RFC 1321 A.5 */
    expect_hex(d, "d41d8cd98f00b204e9800998ecf8427e");
    digest_str(IK_HASH_MD5, "abc", d);
    expect_hex(d, "900150983cd24fb0d6963f7d28e17f72");
    digest_str(IK_HASH_SHA1, "abc", d); /* FIPS 180 */
    expect_hex(d, "a9993e364706816aba3e25717850c26c9cd0d89d");
    digest_str(IK_HASH_SHA256, "abc", d);
    expect_hex(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(ik_hash_len(IK_HASH_MD2), 16);
    assert_int_equal(ik_hash_len(IK_HASH_SHA256), 32);
    assert_int_equal(ik_hash_len((enum ik_hash)99), 0);
}

static void hmac_matches_rfc2202_and_rfc4231(void **state)
{
    (void)state;
    uint8_t key[80], d[32];
    struct ik_iov hi = {"Hi There", 8};
    struct ik_iov jefe = {"what do ya want for nothing?", 28};

    memset(key, 0x0b, 16); /* RFC 2202 test case 1 (MD5) */
    assert_int_equal(ik_hmac(IK_HASH_MD5, key, 16, &hi, 1, d), 0);
    expect_hex(d, "9294727a3638bb1c13f48ef8158bfc9d");
    assert_int_equal(ik_hmac(IK_HASH_MD5, "Jefe", 4, &jefe, 1, d), 0);
    expect_hex(d, "750c783e6ab0b503eaa86e310a5db738");

    memset(key, 0x0b, 20); /* RFC 2202 test case 1 (SHA-1) */
    assert_int_equal(ik_hmac(IK_HASH_SHA1, key, 20, &hi, 1, d), 0);
    expect_hex(d, "b617318655057264e28bc0b6fb378c8ef146be00");
    assert_int_equal(ik_hmac(IK_HASH_SHA1, "Jefe", 4, &jefe, 1, d), 0);
    expect_hex(d, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    memset(key, 0xaa, 80); /* test case 6: a key longer than the block is hashed first */
    struct ik_iov big = {"Test Using Larger Than Block-Size Key - Hash Key First", 54};
    assert_int_equal(ik_hmac(IK_HASH_SHA1, key, 80, &big, 1, d), 0);
    expect_hex(d, "aa4ae5e15272d00e95705637ce8a3b55ed402112");

    memset(key, 0x0b, 20); /* RFC 4231 test cases 1 and 2 */
    assert_int_equal(ik_hmac(IK_HASH_SHA256, key, 20, &hi, 1, d), 0);
    expect_hex(d, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assert_int_equal(ik_hmac(IK_HASH_SHA256, "Jefe", 4, &jefe, 1, d), 0);
    expect_hex(d, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void hmac_key_zero_padding_to_20_bytes_changes_nothing(void **state)
{
    (void)state;
    /* IPMI keys are 20-byte zero-padded passwords; HMAC pads keys with zeros anyway, which
     * is why ipmitool's strlen() keys and 20-byte keys interoperate. */
    uint8_t k20[20] = "password", a[20], b[20];
    struct ik_iov v = {"x", 1};
    assert_int_equal(ik_hmac(IK_HASH_SHA1, "password", 8, &v, 1, a), 0);
    assert_int_equal(ik_hmac(IK_HASH_SHA1, k20, 20, &v, 1, b), 0);
    assert_memory_equal(a, b, 20);
}

static void hmac_refuses_md2_and_null_pieces(void **state)
{
    (void)state;
    uint8_t d[32];
    struct ik_iov v = {"x", 1}, bad = {NULL, 3};
    assert_int_equal(ik_hmac(IK_HASH_MD2, "k", 1, &v, 1, d), IK_E_UNSUPPORTED);
    assert_int_equal(ik_hmac(IK_HASH_SHA1, "k", 1, &bad, 1, d), IK_E_INVAL);
    assert_int_equal(ik_hash(IK_HASH_MD5, &bad, 1, d), IK_E_INVAL);
}

static void aes128_cbc_matches_sp800_38a_f21(void **state)
{
    (void)state;
    size_t n;
    uint8_t *key = ik_test_hex("2b7e151628aed2a6abf7158809cf4f3c", &n);
    uint8_t *iv = ik_test_hex("000102030405060708090a0b0c0d0e0f", &n);
    uint8_t *pt = ik_test_hex("6bc1bee22e409f96e93d7e117393172a"
                              "ae2d8a571e03ac9c9eb76fac45af8e51",
                              &n);
    uint8_t ct[32], back[32];
    assert_int_equal(ik_aes128_cbc_encrypt(key, iv, pt, 32, ct), 0);
    expect_hex(ct, "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2");
    assert_int_equal(ik_aes128_cbc_decrypt(key, iv, ct, 32, back), 0);
    assert_memory_equal(back, pt, 32);
    /* In place, as rmcpplus.c uses it. */
    memcpy(back, pt, 32);
    assert_int_equal(ik_aes128_cbc_encrypt(key, iv, back, 32, back), 0);
    assert_memory_equal(back, ct, 32);
    assert_int_equal(ik_aes128_cbc_encrypt(key, iv, pt, 17, ct), IK_E_INVAL);
    free(key);
    free(iv);
    free(pt);
}

static void rc4_matches_rfc6229_keystreams(void **state)
{
    (void)state;
    struct ik_rc4 st;
    uint8_t zero[16] = {0}, ks[16];
    static const uint8_t k40[5] = {1, 2, 3, 4, 5};
    assert_int_equal(ik_rc4_init(&st, k40, 5), 0);
    ik_rc4_crypt(&st, zero, ks, 16);
    expect_hex(ks, "b2396305f03dc027ccc3524a0a1118a8");
    uint8_t k128[16];
    for (int i = 0; i < 16; i++)
        k128[i] = (uint8_t)(i + 1);
    assert_int_equal(ik_rc4_init(&st, k128, 16), 0);
    ik_rc4_crypt(&st, zero, ks, 16);
    expect_hex(ks, "9ac7cc9a609d1ef7b2932899cde41b97");
    assert_int_equal(ik_rc4_init(&st, k128, 0), IK_E_INVAL);
}

static void ct_equal_and_cleanse_behave(void **state)
{
    (void)state;
    uint8_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8];
    memcpy(b, a, 8);
    assert_true(ik_ct_equal(a, b, 8));
    b[7] ^= 1;
    assert_false(ik_ct_equal(a, b, 8));
    ik_cleanse(a, 8);
    for (int i = 0; i < 8; i++)
        assert_int_equal(a[i], 0);
    uint8_t r1[16] = {0}, r2[16] = {0};
    assert_int_equal(ik_random_bytes(r1, 16), 0);
    assert_int_equal(ik_rng_system.fill(NULL, r2, 16), 0);
    assert_false(ik_ct_equal(r1, r2, 16)); /* 2^-128 chance of a false failure */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(md2_matches_rfc1319_test_suite),
        cmocka_unit_test(md2_over_pieces_equals_md2_over_the_whole),
        cmocka_unit_test(md5_sha1_sha256_match_published_digests),
        cmocka_unit_test(hmac_matches_rfc2202_and_rfc4231),
        cmocka_unit_test(hmac_key_zero_padding_to_20_bytes_changes_nothing),
        cmocka_unit_test(hmac_refuses_md2_and_null_pieces),
        cmocka_unit_test(aes128_cbc_matches_sp800_38a_f21),
        cmocka_unit_test(rc4_matches_rfc6229_keystreams),
        cmocka_unit_test(ct_equal_and_cleanse_behave),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
