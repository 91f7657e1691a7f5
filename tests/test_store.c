/* bmcd's SQLite store: writes are committed, survive reopening, and are per BMC. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store.h"
#include "ipmikit/error.h"

static char dir[256];

static int mkdir_tmp(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/ik-store-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int rm_tmp(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

struct collect {
    int n;
    uint16_t ids[16];
    char keys[8][32];
    int nkeys;
};

static void on_rec(void *arg, const uint8_t rec[16])
{
    struct collect *c = arg;
    if (c->n < 16)
        c->ids[c->n] = (uint16_t)(rec[0] | rec[1] << 8);
    c->n++;
}

static void on_kv(void *arg, const char *key, const void *val, size_t len)
{
    (void)val;
    (void)len;
    struct collect *c = arg;
    if (c->nkeys < 8)
        snprintf(c->keys[c->nkeys], 32, "%s", key);
    c->nkeys++;
}

static void sel_records_survive_reopen_in_id_order(void **state)
{
    (void)state;
    char err[256];
    struct ik_store *st = ik_store_open(dir, IK_STORE_SYNC_NORMAL, err, sizeof(err));
    assert_non_null(st);
    struct ik_bmc_store s;
    assert_int_equal(ik_store_bind(st, "node1", &s), 0);
    uint8_t rec[16] = {0};
    for (int id = 5; id >= 1; id--) {
        rec[0] = (uint8_t)id;
        assert_int_equal(s.sel_put(s.ctx, rec), 0);
    }
    assert_int_equal(s.sel_delete(s.ctx, 3), 0);
    assert_int_equal(s.sel_delete(s.ctx, 3), IK_E_NOTFOUND);
    /* 5 puts and 2 deletes, the second of which matched nothing but still committed. */
    assert_int_equal(ik_store_commits(st), 7);
    ik_store_close(st);

    st = ik_store_open(dir, IK_STORE_SYNC_NORMAL, err, sizeof(err));
    assert_non_null(st);
    assert_int_equal(ik_store_bind(st, "node1", &s), 0);
    struct collect c = {0};
    assert_int_equal(s.sel_load(s.ctx, on_rec, &c), 0);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.ids[0], 1);
    assert_int_equal(c.ids[1], 2);
    assert_int_equal(c.ids[2], 4);
    assert_int_equal(c.ids[3], 5);
    ik_store_close(st);
}

static void bmcs_sharing_a_database_do_not_see_each_other(void **state)
{
    (void)state;
    char err[256];
    struct ik_store *st = ik_store_open(dir, IK_STORE_SYNC_FULL, err, sizeof(err));
    assert_non_null(st);
    struct ik_bmc_store a, b;
    assert_int_equal(ik_store_bind(st, "a", &a), 0);
    assert_int_equal(ik_store_bind(st, "b", &b), 0);
    assert_int_equal(a.kv_put(a.ctx, "user/2", "x", 1), 0);
    assert_int_equal(b.kv_put(b.ctx, "boot/5", "yz", 2), 0);
    assert_int_equal(b.kv_put(b.ctx, "boot/5", "", 0), 0);
    struct collect c = {0};
    assert_int_equal(a.kv_load(a.ctx, on_kv, &c), 0);
    assert_int_equal(c.nkeys, 1);
    assert_string_equal(c.keys[0], "user/2");
    assert_int_equal(a.kv_del(a.ctx, "user/2"), 0);
    c.nkeys = 0;
    assert_int_equal(a.kv_load(a.ctx, on_kv, &c), 0);
    assert_int_equal(c.nkeys, 0);
    assert_int_equal(b.sel_clear(b.ctx), 0);
    ik_store_close(st);
}

static void unwritable_state_dir_fails_with_message(void **state)
{
    (void)state;
    char err[256] = "";
    assert_null(ik_store_open("/nonexistent/dir", IK_STORE_SYNC_NORMAL, err, sizeof(err)));
    assert_non_null(strstr(err, "/nonexistent/dir/bmcd.db"));
}

static void too_long_bmc_name_is_refused(void **state)
{
    (void)state;
    char err[256], name[100];
    memset(name, 'n', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    struct ik_store *st = ik_store_open(dir, IK_STORE_SYNC_NORMAL, err, sizeof(err));
    assert_non_null(st);
    struct ik_bmc_store s;
    assert_int_equal(ik_store_bind(st, name, &s), IK_E_RANGE);
    ik_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sel_records_survive_reopen_in_id_order, mkdir_tmp, rm_tmp),
        cmocka_unit_test_setup_teardown(bmcs_sharing_a_database_do_not_see_each_other, mkdir_tmp,
                                        rm_tmp),
        cmocka_unit_test(unwritable_state_dir_fails_with_message),
        cmocka_unit_test_setup_teardown(too_long_bmc_name_is_refused, mkdir_tmp, rm_tmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
