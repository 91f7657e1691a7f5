/* The engine's FRU devices: area info, reads, writes, write protection, persistence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "ipmikit/fru.h"

#define ST 0x0A

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    /* Device 0: a board area built with the codec, padded to 256 bytes; device 3: 64 bytes
     * of a pattern, write-protected. */
    struct ik_machine_platform *p = &f->m.platform;
    p->frus = calloc(2, sizeof(*p->frus));
    p->nfrus = 2;
    static struct ik_fru fru;
    memset(&fru, 0, sizeof(fru));
    fru.loc[IK_FRU_AREA_BOARD].present = true;
    assert_int_equal(ik_fru_field_set(&fru.board.mfg, "ipmikit"), 0);
    assert_int_equal(ik_fru_field_set(&fru.board.product, "Test Board"), 0);
    p->frus[0].id = 0;
    p->frus[0].size = 256;
    p->frus[0].image = calloc(1, 256);
    size_t n;
    assert_int_equal(ik_fru_encode(&fru, p->frus[0].image, 256, &n), 0);
    p->frus[1].id = 3;
    p->frus[1].size = 64;
    p->frus[1].write_protect = 1;
    p->frus[1].image = malloc(64);
    for (int i = 0; i < 64; i++)
        p->frus[1].image[i] = (uint8_t)i;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct bmcfix *f = *state;
    bmcfix_fini(f);
    free(f);
    return 0;
}

static void area_info_gives_size_and_byte_access(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, ST, 0x10, 0);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 3);
    assert_int_equal(bmcfix_le16(r.data), 256);
    assert_int_equal(r.data[2], 0);
    r = BMC(f, ST, 0x10, 3);
    assert_int_equal(bmcfix_le16(r.data), 64);
    assert_int_equal(BMC(f, ST, 0x10, 1).cc, 0xCB);
}

static void reads_return_the_encoded_image_and_stop_at_the_end(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    uint8_t image[256];
    for (int off = 0; off < 256; off += 32) {
        struct ik_bmc_rsp r = BMC(f, ST, 0x11, 0, (uint8_t)off, 0, 32);
        assert_int_equal(r.cc, 0);
        assert_int_equal(r.data[0], 32);
        memcpy(image + off, r.data + 1, 32);
    }
    struct ik_fru dec;
    assert_int_equal(ik_fru_decode(image, sizeof(image), &dec), 0);
    assert_int_equal(dec.n_problems, 0);
    assert_string_equal(dec.board.product.text, "Test Board");
    struct ik_bmc_rsp r = BMC(f, ST, 0x11, 3, 60, 0, 16);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 4); /* only 4 bytes left */
    assert_int_equal(r.len, 5);
    assert_int_equal(r.data[4], 63);
    assert_int_equal(BMC(f, ST, 0x11, 3, 64, 0, 1).cc, 0xC9);
    assert_int_equal(BMC(f, ST, 0x11, 0, 0, 1, 1).cc, 0xC9); /* offset 256 */
    assert_int_equal(BMC(f, ST, 0x11, 7, 0, 0, 1).cc, 0xCB);
    assert_int_equal(BMC(f, ST, 0x11, 0, 0, 0, 255).cc, 0xCA);
    r = BMC(f, ST, 0x11, 0, 0, 0, 0);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 0);
}

static void writes_change_the_area_and_survive_a_restart(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, ST, 0x12, 0, 0xF0, 0, 'a', 'b', 'c');
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 1);
    assert_int_equal(r.data[0], 3);
    assert_int_equal(bmcfix_restart(f), 0);
    r = BMC(f, ST, 0x11, 0, 0xF0, 0, 3);
    assert_int_equal(r.cc, 0);
    assert_memory_equal(r.data + 1, "abc", 3);
}

static void write_protected_device_answers_80_and_is_unchanged(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, ST, 0x12, 3, 0, 0, 0xFF).cc, 0x80);
    struct ik_bmc_rsp r = BMC(f, ST, 0x11, 3, 0, 0, 1);
    assert_int_equal(r.data[1], 0);
}

static void writes_past_the_end_are_refused_whole(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, ST, 0x12, 0, 0xFE, 0, 1, 2, 3).cc, 0xC9);
    assert_int_equal(BMC(f, ST, 0x12, 0, 0, 1, 1).cc, 0xC9);
    struct ik_bmc_rsp r = BMC(f, ST, 0x11, 0, 0xFE, 0, 2);
    assert_int_equal(r.data[1], 0);
    assert_int_equal(r.data[2], 0);
    assert_int_equal(BMC(f, ST, 0x12, 0, 0, 0).cc, 0xC7); /* no data */
    f->priv = IK_PRIV_USER;
    assert_int_equal(BMC(f, ST, 0x12, 0, 0, 0, 1).cc, 0xD4);
}

static void failed_store_write_leaves_the_area_unchanged(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp before = BMC(f, ST, 0x11, 0, 0x10, 0, 4);
    f->fail_kv_put = 1;
    assert_int_equal(BMC(f, ST, 0x12, 0, 0x10, 0, 9, 9, 9, 9).cc, 0xFF);
    struct ik_bmc_rsp after = BMC(f, ST, 0x11, 0, 0x10, 0, 4);
    assert_memory_equal(before.data, after.data, 5);
}

static void stored_area_of_another_size_is_ignored(void **state)
{
    struct bmcfix *f = *state;
    uint8_t junk[10] = {0};
    f->inner.kv_put(f->inner.ctx, "fru/0", junk, sizeof(junk));
    assert_int_equal(bmcfix_start(f), 0);
    assert_true(bmcfix_logged(f, "event=load_skipped key=fru/0"));
    struct ik_bmc_rsp r = BMC(f, ST, 0x11, 0, 0, 0, 1);
    assert_int_equal(r.data[1], 0x01); /* the described image's header version */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(area_info_gives_size_and_byte_access),
        T(reads_return_the_encoded_image_and_stop_at_the_end),
        T(writes_change_the_area_and_survive_a_restart),
        T(write_protected_device_answers_80_and_is_unchanged),
        T(writes_past_the_end_are_refused_whole),
        T(failed_store_write_leaves_the_area_unchanged),
        T(stored_area_of_another_size_is_ignored),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
