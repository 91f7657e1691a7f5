/* RMCP+ session wrapper: ipmitool/ipmi_sim packets open with the derived keys, sealing
 * reproduces ipmitool's bytes, and every tampering or truncation is rejected. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmimsg.h"
#include "rmcpplus.h"
#include "testutil.h"

static struct ik_test_vec *V;
static size_t NV;

static const struct ik_test_vec *vec(const char *name)
{
    size_t l = strlen(name);
    for (size_t i = 0; i < NV; i++)
        if (strncmp(V[i].label, name, l) == 0 && (V[i].label[l] == 0 || V[i].label[l] == ' '))
            return &V[i];
    fail_msg("vector %s missing", name);
    return NULL;
}

static int setup(void **state)
{
    (void)state;
    V = ik_test_load_vectors("lan_rakp_ipmitool.hex", &NV);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ik_test_free_vectors(V, NV);
    return 0;
}

static void suite3_keys(struct ik_rp_keys *k)
{
    memset(k, 0, sizeof(*k));
    k->integ = IK_INTEG_HMAC_SHA1_96;
    k->conf = IK_CONF_AES_CBC_128;
    memcpy(k->k1, vec("k1")->data, 20);
    k->k1_len = 20;
    memcpy(k->aes, vec("k2")->data, 16);
    memcpy(k->pw, "password", 8);
}

/* An RNG that hands out fixed bytes (the IV ipmitool used). */
struct fixed_rng {
    const uint8_t *p;
    size_t n;
};
static int fixed_fill(void *ctx, uint8_t *buf, size_t len)
{
    struct fixed_rng *f = ctx;
    if (len > f->n)
        return IK_E_CRYPTO;
    memcpy(buf, f->p, len);
    return 0;
}
static int counter_fill(void *ctx, uint8_t *buf, size_t len)
{
    uint8_t *c = ctx;
    for (size_t i = 0; i < len; i++)
        buf[i] = (*c)++;
    return 0;
}

static void rmcpplus_opens_ipmitool_request_with_derived_keys(void **state)
{
    (void)state;
    struct ik_rp_keys k;
    struct ik_rp p;
    uint8_t plain[64];
    size_t n;
    enum ik_rp_reject why;
    suite3_keys(&k);
    const struct ik_test_vec *d = vec("req_dgram");
    assert_int_equal(ik_rp_decode(d->data, d->len, &p), 0);
    assert_true(p.encrypted && p.authenticated);
    assert_int_equal(p.sid, 0x102);
    assert_int_equal(p.seq, 3);
    assert_int_equal(ik_rp_open(&k, d->data, d->len, &p, plain, sizeof(plain), &n, &why), 0);
    struct ik_ipmimsg m;
    assert_int_equal(ik_ipmimsg_decode(plain, n, &m), 0);
    assert_int_equal(m.cmd, 0x3B); /* Set Session Privilege Level */
    assert_int_equal(m.data_len, 1);
    assert_int_equal(m.data[0], 4); /* ADMINISTRATOR */
}

static void rmcpplus_opens_ipmi_sim_response(void **state)
{
    (void)state;
    struct ik_rp_keys k;
    struct ik_rp p;
    uint8_t plain[64];
    size_t n;
    suite3_keys(&k);
    const struct ik_test_vec *d = vec("rsp_dgram");
    assert_int_equal(ik_rp_decode(d->data, d->len, &p), 0);
    assert_int_equal(p.sid, 0xa0a2a3a4);
    assert_int_equal(ik_rp_open(&k, d->data, d->len, &p, plain, sizeof(plain), &n, NULL), 0);
    struct ik_ipmimsg m;
    assert_int_equal(ik_ipmimsg_decode(plain, n, &m), 0);
    assert_int_equal(m.cmd, 0x3B);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 0x04);
}

static void rmcpplus_seal_reproduces_ipmitool_bytes(void **state)
{
    (void)state;
    struct ik_rp_keys k;
    struct ik_rp p;
    uint8_t plain[64], out[128];
    size_t n, w;
    suite3_keys(&k);
    const struct ik_test_vec *d = vec("req_dgram");
    assert_int_equal(ik_rp_decode(d->data, d->len, &p), 0);
    assert_int_equal(ik_rp_open(&k, d->data, d->len, &p, plain, sizeof(plain), &n, NULL), 0);
    struct fixed_rng iv = {p.payload, 16};
    struct ik_rng rng = {fixed_fill, &iv};
    assert_int_equal(ik_rp_seal(&k, &rng, IK_PT_IPMI, 0x102, 3, plain, n, out, sizeof(out), &w), 0);
    assert_int_equal(w, d->len);
    assert_memory_equal(out, d->data, w);
}

static void rmcpplus_rejects_any_flipped_bit(void **state)
{
    (void)state;
    struct ik_rp_keys k;
    suite3_keys(&k);
    const struct ik_test_vec *d = vec("req_dgram");
    for (size_t i = 0; i < d->len; i++) {
        if (i == 2)
            continue; /* the RMCP sequence number is outside the AuthCode (table 13-9) */
        uint8_t *t = ik_test_dup(d->data, d->len);
        t[i] ^= 0x01;
        struct ik_rp p;
        uint8_t plain[64];
        size_t n;
        enum ik_rp_reject why = IK_RP_OK;
        int rc = ik_rp_decode(t, d->len, &p);
        if (rc == 0)
            rc = ik_rp_open(&k, t, d->len, &p, plain, sizeof(plain), &n, &why);
        assert_int_not_equal(rc, 0);
        free(t);
    }
}

static void rmcpplus_rejects_every_prefix(void **state)
{
    (void)state;
    struct ik_rp_keys k;
    suite3_keys(&k);
    const struct ik_test_vec *d = vec("req_dgram");
    for (size_t i = 0; i < d->len; i++) {
        uint8_t *t = ik_test_dup(d->data, i);
        struct ik_rp p;
        uint8_t plain[64];
        size_t n;
        int rc = ik_rp_decode(t, i, &p);
        if (rc == 0)
            rc = ik_rp_open(&k, t, i, &p, plain, sizeof(plain), &n, NULL);
        assert_int_not_equal(rc, 0);
        free(t);
    }
}

static void rmcpplus_round_trips_every_integrity_and_confidentiality(void **state)
{
    (void)state;
    static const uint8_t integs[] = {IK_INTEG_NONE, IK_INTEG_HMAC_SHA1_96, IK_INTEG_HMAC_MD5_128,
                                     IK_INTEG_MD5_128, IK_INTEG_HMAC_SHA256_128};
    uint8_t ctr = 0;
    struct ik_rng rng = {counter_fill, &ctr};
    for (size_t ii = 0; ii < sizeof(integs); ii++)
        for (uint8_t conf = 0; conf <= IK_CONF_AES_CBC_128; conf++)
            for (size_t len = 0; len <= 40; len++) {
                struct ik_rp_keys k;
                uint8_t msg[40], out[200], plain[64];
                size_t w, n;
                memset(&k, 0, sizeof(k));
                k.integ = integs[ii];
                k.conf = conf;
                memset(k.k1, 0x11, 32);
                k.k1_len = 20;
                memset(k.aes, 0x22, 16);
                memcpy(k.pw, "password", 8);
                for (size_t i = 0; i < len; i++)
                    msg[i] = (uint8_t)(i * 7);
                assert_int_equal(
                    ik_rp_seal(&k, &rng, IK_PT_IPMI, 5, 6, msg, len, out, sizeof(out), &w), 0);
                int alen = ik_rp_integrity_len(k.integ);
                if (alen)
                    assert_int_equal((w - 4 - (size_t)alen) % 4, 0);
                struct ik_rp p;
                assert_int_equal(ik_rp_decode(out, w, &p), 0);
                assert_int_equal(ik_rp_open(&k, out, w, &p, plain, sizeof(plain), &n, NULL), 0);
                assert_int_equal(n, len);
                assert_memory_equal(plain, msg, len);
                /* A different key never opens it (when there is a key at all). */
                if (k.integ != IK_INTEG_NONE) {
                    k.k1[0] ^= 1;
                    k.pw[0] ^= 1;
                    enum ik_rp_reject why;
                    assert_int_equal(ik_rp_open(&k, out, w, &p, plain, sizeof(plain), &n, &why),
                                     IK_E_INTEGRITY);
                    assert_int_equal(why, IK_RP_BAD_AUTHCODE);
                }
            }
}

static void rmcpplus_requires_the_negotiated_protections(void **state)
{
    (void)state;
    struct ik_rp_keys clear, full;
    uint8_t ctr = 0, out[128], plain[64], msg[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    struct ik_rng rng = {counter_fill, &ctr};
    size_t w, n;
    struct ik_rp p;
    enum ik_rp_reject why;
    memset(&clear, 0, sizeof(clear));
    memset(&full, 0, sizeof(full));
    full.integ = IK_INTEG_HMAC_SHA1_96;
    full.conf = IK_CONF_AES_CBC_128;
    full.k1_len = 20;
    assert_int_equal(ik_rp_seal(&clear, &rng, IK_PT_IPMI, 5, 6, msg, 8, out, sizeof(out), &w), 0);
    assert_int_equal(ik_rp_decode(out, w, &p), 0);
    assert_int_equal(ik_rp_open(&full, out, w, &p, plain, sizeof(plain), &n, &why), IK_E_AUTH);
    assert_int_equal(why, IK_RP_NOT_AUTHENTICATED);
    full.integ = IK_INTEG_NONE;
    assert_int_equal(ik_rp_open(&full, out, w, &p, plain, sizeof(plain), &n, &why), IK_E_AUTH);
    assert_int_equal(why, IK_RP_NOT_ENCRYPTED);
    /* An unauthenticated packet may not carry a trailer. */
    out[w] = 0;
    assert_int_equal(ik_rp_decode(out, w + 1, &p), IK_E_OVERSIZE);
    /* xRC4 is not sent: no peer to prove it against. */
    full.conf = IK_CONF_XRC4_128;
    assert_int_equal(ik_rp_seal(&full, &rng, IK_PT_IPMI, 5, 6, msg, 8, out, sizeof(out), &w),
                     IK_E_UNSUPPORTED);
}

static void rmcpplus_rejects_bad_confidentiality_pad(void **state)
{
    (void)state;
    struct ik_rp_keys k;
    memset(&k, 0, sizeof(k));
    k.conf = IK_CONF_AES_CBC_128;
    memset(k.aes, 0x33, 16);
    /* Hand-build a payload whose decrypted pad bytes are wrong: data 01 02 03 then pad
     * 'AA' x 12 and pad length 12. */
    uint8_t iv[16] = {0}, blk[16] = {1, 2, 3}, ct[16];
    memset(blk + 3, 0xAA, 12);
    blk[15] = 12;
    assert_int_equal(ik_aes128_cbc_encrypt(k.aes, iv, blk, 16, ct), 0);
    uint8_t dg[4 + 12 + 32] = {6, 0, 0xff, 7, 6, 0x80, 5, 0, 0, 0, 6, 0, 0, 0, 32, 0};
    memcpy(dg + 16, iv, 16);
    memcpy(dg + 32, ct, 16);
    struct ik_rp p;
    uint8_t plain[32];
    size_t n;
    enum ik_rp_reject why;
    assert_int_equal(ik_rp_decode(dg, sizeof(dg), &p), 0);
    assert_int_equal(ik_rp_open(&k, dg, sizeof(dg), &p, plain, sizeof(plain), &n, &why),
                     IK_E_BADFIELD);
    assert_int_equal(why, IK_RP_BAD_CIPHERTEXT);
    /* With the right pad it opens to 3 bytes. */
    for (int i = 0; i < 12; i++)
        blk[3 + i] = (uint8_t)(i + 1);
    assert_int_equal(ik_aes128_cbc_encrypt(k.aes, iv, blk, 16, dg + 32), 0);
    assert_int_equal(ik_rp_open(&k, dg, sizeof(dg), &p, plain, sizeof(plain), &n, &why), 0);
    assert_int_equal(n, 3);
}

static void rmcpplus_decodes_oem_explicit_header(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("06 00 ff 07 06 02 57 01 00 00 34 12 01 00 00 00 02 00 00 00 "
                             "01 00 aa",
                             &n);
    struct ik_rp p;
    assert_int_equal(ik_rp_decode(b, n, &p), 0);
    assert_int_equal(p.payload_type, IK_PT_OEM);
    assert_int_equal(p.oem_iana, 0x157);
    assert_int_equal(p.oem_payload_id, 0x1234);
    assert_int_equal(p.sid, 1);
    assert_int_equal(p.seq, 2);
    assert_int_equal(p.payload_len, 1);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rmcpplus_opens_ipmitool_request_with_derived_keys),
        cmocka_unit_test(rmcpplus_opens_ipmi_sim_response),
        cmocka_unit_test(rmcpplus_seal_reproduces_ipmitool_bytes),
        cmocka_unit_test(rmcpplus_rejects_any_flipped_bit),
        cmocka_unit_test(rmcpplus_rejects_every_prefix),
        cmocka_unit_test(rmcpplus_round_trips_every_integrity_and_confidentiality),
        cmocka_unit_test(rmcpplus_requires_the_negotiated_protections),
        cmocka_unit_test(rmcpplus_rejects_bad_confidentiality_pad),
        cmocka_unit_test(rmcpplus_decodes_oem_explicit_header),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
