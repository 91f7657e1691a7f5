/*
 * The live subcommands against a scripted BMC behind the transport seam (struct ik_tr):
 * ipmitool's text from good responses, and for bad ones (short, oversized, inconsistent,
 * looping) an error message, a failure status and no read past the response (ASan).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "cli.h"
#include "sdrcache.h"
#include "transport.h"

#include "ipmikit/error.h"

/* ---- a scripted BMC ------------------------------------------------------------------- */

/* Fill out (cc first) for a request and return its length, or -1: no answer. */
typedef int (*bmc_fn)(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *d, size_t n,
                      uint8_t *out);

struct fake {
    struct ik_tr base;
    bmc_fn fn;
    void *ctx;
    int calls;
    int count[64][256]; /* requests per NetFn / command */
};

static int fake_request(struct ik_tr *t, uint8_t netfn, uint8_t cmd, const uint8_t *data,
                        size_t len, struct ik_tr_rsp *rsp)
{
    struct fake *f = (struct fake *)t;
    f->calls++;
    f->count[netfn & 0x3F][cmd]++;
    uint8_t out[600];
    int n = f->fn(f->ctx, netfn, cmd, data, len, out);
    if (n < 1) {
        snprintf(t->err, sizeof(t->err), "fake: no answer");
        return IK_E_TIMEOUT;
    }
    if ((size_t)n - 1 > IK_TR_MAX_DATA) {
        snprintf(t->err, sizeof(t->err), "fake: oversized");
        return IK_E_OVERSIZE;
    }
    rsp->cc = out[0];
    rsp->len = (size_t)n - 1;
    memcpy(rsp->data, out + 1, rsp->len);
    return 0;
}

static void fake_close(struct ik_tr *t)
{
    (void)t;
}

static const struct ik_tr_ops fake_ops = {fake_request, fake_close};

struct run {
    struct fake f;
    struct ik_cli cli;
    char *out, *err;
    size_t out_len, err_len;
    FILE *o, *e;
};

static void run_init(struct run *r, bmc_fn fn, void *ctx)
{
    memset(r, 0, sizeof(*r));
    r->f.base.ops = &fake_ops;
    r->f.base.cli = &r->cli;
    r->f.base.name = "fake";
    r->f.fn = fn;
    r->f.ctx = ctx;
    r->o = open_memstream(&r->out, &r->out_len);
    r->e = open_memstream(&r->err, &r->err_len);
    r->cli.progname = "ipmikit";
    r->cli.target_addr = -1;
    r->cli.target_channel = -1;
    r->cli.local_addr = 0x20;
    r->cli.port = 623;
    r->cli.host = "fake";
    r->cli.out = r->o;
    r->cli.err = r->e;
    r->cli.tr = &r->f.base;
    r->cli.no_sdr_cache = 1;
}

static int run_cmd(struct run *r, int (*cmd)(struct ik_cli *, int, char **), const char *line)
{
    char buf[512];
    char *argv[32];
    int argc = 0;
    snprintf(buf, sizeof(buf), "%s", line);
    for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok && argc < 31;
         tok = strtok_r(NULL, " ", &save))
        argv[argc++] = tok;
    argv[argc] = NULL;
    int rc = cmd(&r->cli, argc, argv);
    fflush(r->o);
    fflush(r->e);
    return rc;
}

static void run_free(struct run *r)
{
    fclose(r->o);
    fclose(r->e);
    free(r->out);
    free(r->err);
}

/* ---- mc info ----------------------------------------------------------------------------- */

static const uint8_t devid[] = {0x00, 0x20, 0x81, 0x89, 0x08, 0x02, 0x9f, 0x57,
                                0x01, 0x00, 0x02, 0x0f, 1,    2,    3,    4};

struct len_ctx {
    size_t len; /* bytes of devid to answer with (cc included) */
};

static int devid_bmc(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *d, size_t n,
                     uint8_t *out)
{
    struct len_ctx *c = ctx;
    (void)d;
    (void)n;
    if (netfn != 0x06 || cmd != 0x01) {
        out[0] = 0xC1;
        return 1;
    }
    memcpy(out, devid, c->len);
    return (int)c->len;
}

static void mc_info_prints_ipmitools_fields(void **state)
{
    (void)state;
    struct len_ctx c = {sizeof(devid)};
    struct run r;
    run_init(&r, devid_bmc, &c);
    assert_int_equal(run_cmd(&r, ik_cmd_mc, "mc info"), IK_EXIT_OK);
    assert_non_null(strstr(r.out, "Device ID                 : 32\n"));
    assert_non_null(strstr(r.out, "Device Revision           : 1\n"));
    assert_non_null(strstr(r.out, "Firmware Revision         : 9.08\n"));
    assert_non_null(strstr(r.out, "IPMI Version              : 2.0\n"));
    assert_non_null(strstr(r.out, "Manufacturer ID           : 343\n"));
    assert_non_null(strstr(r.out, "Product ID                : 3842 (0x0f02)\n"));
    assert_non_null(strstr(r.out, "Device Available          : no\n"));
    assert_non_null(strstr(r.out, "Provides Device SDRs      : yes\n"));
    assert_non_null(strstr(r.out, "    Chassis Device\n"));
    assert_non_null(strstr(r.out, "Aux Firmware Rev Info     : \n    0x01\n"));
    run_free(&r);
}

static void mc_info_rejects_every_short_response(void **state)
{
    (void)state;
    /* 1 (cc only) .. 11 bytes: under the 11 data bytes Get Device ID must carry */
    for (size_t len = 1; len <= 11; len++) {
        struct len_ctx c = {len};
        struct run r;
        run_init(&r, devid_bmc, &c);
        assert_int_equal(run_cmd(&r, ik_cmd_mc, "mc info"), IK_EXIT_FAIL);
        assert_int_equal(r.out_len, 0);
        assert_non_null(strstr(r.err, "at least 11 needed"));
        run_free(&r);
    }
    /* 12..16: valid (the aux revision is optional) */
    for (size_t len = 12; len <= sizeof(devid); len++) {
        struct len_ctx c = {len};
        struct run r;
        run_init(&r, devid_bmc, &c);
        assert_int_equal(run_cmd(&r, ik_cmd_mc, "mc info"), IK_EXIT_OK);
        run_free(&r);
    }
}

static void mc_info_json_has_spec_fields(void **state)
{
    (void)state;
    struct len_ctx c = {sizeof(devid)};
    struct run r;
    run_init(&r, devid_bmc, &c);
    r.cli.json = 1;
    assert_int_equal(run_cmd(&r, ik_cmd_mc, "mc info"), IK_EXIT_OK);
    json_error_t je;
    json_t *j = json_loads(r.out, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "device_id")), 32);
    assert_int_equal(json_integer_value(json_object_get(j, "manufacturer_id")), 343);
    assert_string_equal(json_string_value(json_object_get(j, "firmware_revision")), "9.08");
    assert_false(json_is_true(json_object_get(j, "device_available")));
    assert_string_equal(json_string_value(json_object_get(j, "aux_firmware_revision")), "01020304");
    json_decref(j);
    run_free(&r);
}

static int silent_bmc(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *d, size_t n,
                      uint8_t *out)
{
    (void)ctx;
    (void)netfn;
    (void)cmd;
    (void)d;
    (void)n;
    (void)out;
    return -1;
}

static void transport_failure_is_reported_once_and_flagged(void **state)
{
    (void)state;
    struct run r;
    run_init(&r, silent_bmc, NULL);
    assert_int_equal(run_cmd(&r, ik_cmd_user, "user list 1"), IK_EXIT_FAIL);
    assert_true(r.cli.transport_failed);
    assert_int_equal(run_cmd(&r, ik_cmd_chassis, "chassis status"), IK_EXIT_FAIL);
    /* the same reason is printed once, not per request */
    const char *first = strstr(r.err, "fake: no answer");
    assert_non_null(first);
    assert_null(strstr(first + 1, "fake: no answer"));
    run_free(&r);
}

/* ---- SEL: loops and lies ---------------------------------------------------------------- */

struct sel_ctx {
    unsigned entries;  /* what Get SEL Info says */
    int loop;          /* next ID always 1 */
    int resp_len;      /* Get SEL Entry data bytes (18 is right) */
    unsigned answered; /* Get SEL Entry requests seen */
};

static int sel_bmc(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *d, size_t n, uint8_t *out)
{
    struct sel_ctx *c = ctx;
    (void)n;
    memset(out, 0, 40);
    if (netfn == 0x0A && cmd == 0x40) { /* Get SEL Info */
        uint8_t info[15] = {0, 0x51, (uint8_t)c->entries, (uint8_t)(c->entries >> 8), 0, 0x10};
        memcpy(out, info, sizeof(info));
        return 15;
    }
    if (netfn == 0x0A && cmd == 0x43) { /* Get SEL Entry */
        c->answered++;
        uint16_t id = (uint16_t)(d[2] | d[3] << 8);
        if (id == 0)
            id = 1;
        uint16_t next = c->loop ? 1 : (id >= c->entries ? 0xFFFF : (uint16_t)(id + 1));
        out[1] = (uint8_t)next;
        out[2] = (uint8_t)(next >> 8);
        out[3] = (uint8_t)id; /* record ID */
        out[4] = (uint8_t)(id >> 8);
        out[5] = 0x02;
        out[10] = 0x20;
        out[12] = 0x04;
        out[13] = 0x01;
        out[14] = 0x01;
        out[15] = 0x01;
        out[16] = 0x59;
        return 1 + c->resp_len;
    }
    out[0] = 0xC1;
    return 1;
}

static void sel_list_stops_a_looping_record_chain(void **state)
{
    (void)state;
    struct sel_ctx c = {.entries = 3, .loop = 1, .resp_len = 18};
    struct run r;
    run_init(&r, sel_bmc, &c);
    assert_int_equal(run_cmd(&r, ik_cmd_sel, "sel list"), IK_EXIT_FAIL);
    assert_non_null(strstr(r.err, "loops"));
    assert_true(c.answered <= 3);
    run_free(&r);
}

static void sel_list_rejects_short_and_long_entries(void **state)
{
    (void)state;
    static const int lens[] = {0, 1, 2, 17, 19, 40};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        struct sel_ctx c = {.entries = 2, .resp_len = lens[i]};
        struct run r;
        run_init(&r, sel_bmc, &c);
        assert_int_equal(run_cmd(&r, ik_cmd_sel, "sel list"), IK_EXIT_FAIL);
        assert_non_null(strstr(r.err, "18 expected"));
        run_free(&r);
    }
}

static void sel_list_prints_every_entry_of_a_good_chain(void **state)
{
    (void)state;
    struct sel_ctx c = {.entries = 40, .resp_len = 18};
    struct run r;
    run_init(&r, sel_bmc, &c);
    assert_int_equal(run_cmd(&r, ik_cmd_sel, "sel list last 5"), IK_EXIT_OK);
    int lines = 0;
    for (const char *p = r.out; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 5);
    assert_non_null(strstr(r.out, "  28 | "));
    assert_non_null(strstr(r.out, "Temperature #0x01 | Upper Critical going high | Asserted\n"));
    run_free(&r);
}

/* ---- SDR: chunked reads, lies about lengths, the cache ----------------------------------- */

struct sdr_ctx {
    uint8_t info_add[4]; /* most recent addition timestamp */
    int overlong;        /* Get SDR returns one byte more than asked */
    unsigned max_read;   /* the BMC refuses reads above this (CAh) */
    unsigned get_sdr;    /* Get SDR requests */
};

/* Two records: a full threshold sensor and a compact one (tests/vectors style). */
static const uint8_t sdr1[] = {
    0x01, 0x00, 0x51, 0x01, 0x33, 0x20, 0x00, 0x01, 0x03, 0x01, 0x7f, 0x68, 0x01, 0x01,
    0x95, 0x7a, 0x95, 0x7a, 0x3f, 0x3f, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x07, 0x46, 0x50, 0x0a, 0xff, 0x00, 0x64, 0x5a, 0x50, 0x00, 0x05, 0x0a,
    0x01, 0x01, 0x00, 0x00, 0x00, 0xc8, 'C',  'P',  'U',  ' ',  'T',  'e',  'm',  'p'};
static const uint8_t sdr2[] = {0x02, 0x00, 0x51, 0x02, 0x25, 0x20, 0x00, 0x10, 0x03, 0x01, 0x7f,
                               0x40, 0x07, 0x6f, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xc0, 0x00,
                               0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xca, 'C',
                               'P',  'U',  ' ',  'S',  't',  'a',  't',  'u',  's'};

static int sdr_bmc(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *d, size_t n, uint8_t *out)
{
    struct sdr_ctx *c = ctx;
    (void)n;
    if (netfn == 0x06 && cmd == 0x08) { /* Get Device GUID */
        out[0] = 0;
        for (int i = 0; i < 16; i++)
            out[1 + i] = (uint8_t)(0xA0 + i);
        return 17;
    }
    if (netfn == 0x0A && cmd == 0x20) { /* Get SDR Repository Info */
        uint8_t info[15] = {0, 0x51, 2, 0, 0xfe, 0xff};
        memcpy(info + 6, c->info_add, 4);
        info[14] = 0x02;
        memcpy(out, info, 15);
        return 15;
    }
    if (netfn == 0x0A && cmd == 0x22) { /* Reserve SDR Repository */
        out[0] = 0;
        out[1] = 0x34;
        out[2] = 0x12;
        return 3;
    }
    if (netfn == 0x0A && cmd == 0x23) { /* Get SDR */
        c->get_sdr++;
        uint16_t id = (uint16_t)(d[2] | d[3] << 8);
        const uint8_t *rec = id <= 1 ? sdr1 : sdr2;
        size_t rlen = id <= 1 ? sizeof(sdr1) : sizeof(sdr2);
        uint16_t next = id <= 1 ? 2 : 0xFFFF;
        uint8_t off = d[4], want = d[5];
        if (c->max_read && want > c->max_read) {
            out[0] = 0xCA;
            return 1;
        }
        if ((size_t)off + want > rlen) {
            out[0] = 0xC9;
            return 1;
        }
        out[0] = 0;
        out[1] = (uint8_t)next;
        out[2] = (uint8_t)(next >> 8);
        memcpy(out + 3, rec + off, want);
        return 3 + want + (c->overlong ? 1 : 0);
    }
    if (netfn == 0x04 && cmd == 0x2D) { /* Get Sensor Reading */
        out[0] = 0;
        out[1] = 0x2D;
        out[2] = 0xC0;
        out[3] = 0x80;
        out[4] = 0x00;
        return 5;
    }
    out[0] = 0xC1;
    return 1;
}

static void sdr_reads_in_chunks_the_bmc_can_return(void **state)
{
    (void)state;
    struct sdr_ctx c = {.max_read = 10};
    struct run r;
    run_init(&r, sdr_bmc, &c);
    assert_int_equal(run_cmd(&r, ik_cmd_sdr, "sdr elist"), IK_EXIT_OK);
    assert_non_null(strstr(r.out, "CPU Temp         | 01h | ok  |  3.1 | 45 degrees C\n"));
    assert_non_null(strstr(r.out, "CPU Status       | 10h | ok  |  3.1 | Presence detected\n"));
    run_free(&r);
}

static void sdr_rejects_an_overlong_get_sdr_answer(void **state)
{
    (void)state;
    struct sdr_ctx c = {.overlong = 1};
    struct run r;
    run_init(&r, sdr_bmc, &c);
    assert_int_equal(run_cmd(&r, ik_cmd_sdr, "sdr elist"), IK_EXIT_FAIL);
    assert_non_null(strstr(r.err, "data bytes for 5 asked"));
    assert_int_equal(r.out_len, 0);
    run_free(&r);
}

static void sdr_cache_is_used_while_the_repository_is_unchanged(void **state)
{
    (void)state;
    char dir[] = "/tmp/ik-test-cache-XXXXXX";
    assert_non_null(mkdtemp(dir));
    setenv("XDG_CACHE_HOME", dir, 1);
    struct sdr_ctx c = {.info_add = {0x10, 0x20, 0x30, 0x40}};
    struct run r;
    run_init(&r, sdr_bmc, &c);
    r.cli.no_sdr_cache = 0;
    struct ik_sdr_repo repo;
    assert_int_equal(ik_sdr_repo_load(&r.cli, &repo), 0);
    assert_int_equal(repo.n, 2);
    assert_false(repo.from_cache);
    unsigned first = c.get_sdr;
    assert_true(first > 0);
    ik_sdr_repo_free(&repo);
    /* unchanged: no Get SDR at all */
    assert_int_equal(ik_sdr_repo_load(&r.cli, &repo), 0);
    assert_true(repo.from_cache);
    assert_int_equal(repo.n, 2);
    assert_int_equal(c.get_sdr, first);
    ik_sdr_repo_free(&repo);
    /* a newer addition timestamp: read again */
    c.info_add[0]++;
    assert_int_equal(ik_sdr_repo_load(&r.cli, &repo), 0);
    assert_false(repo.from_cache);
    assert_int_equal(c.get_sdr, 2 * first);
    char path[600];
    snprintf(path, sizeof(path), "%s", repo.cache_path);
    ik_sdr_repo_free(&repo);
    /* a BMC without timestamps cannot prove the repository unchanged: always read */
    memset(c.info_add, 0, 4);
    assert_int_equal(ik_sdr_repo_load(&r.cli, &repo), 0);
    assert_false(repo.from_cache);
    assert_int_equal(c.get_sdr, 3 * first);
    ik_sdr_repo_free(&repo);
    assert_int_equal(ik_sdr_repo_load(&r.cli, &repo), 0);
    assert_int_equal(c.get_sdr, 4 * first);
    ik_sdr_repo_free(&repo);
    run_free(&r);
    unlink(path);
    char sub[600];
    snprintf(sub, sizeof(sub), "%s/ipmikit", dir);
    rmdir(sub);
    rmdir(dir);
    unsetenv("XDG_CACHE_HOME");
}

/* ---- FRU: counts that lie ------------------------------------------------------------------- */

struct fru_ctx {
    int count_delta; /* Read FRU Data says count + delta */
};

static int fru_bmc(void *ctx, uint8_t netfn, uint8_t cmd, const uint8_t *d, size_t n, uint8_t *out)
{
    struct fru_ctx *c = ctx;
    (void)n;
    if (netfn == 0x0A && cmd == 0x10) {
        out[0] = 0;
        out[1] = 64;
        out[2] = 0;
        out[3] = 0;
        return 4;
    }
    if (netfn == 0x0A && cmd == 0x11) {
        uint8_t want = d[3];
        out[0] = 0;
        out[1] = (uint8_t)(want + c->count_delta);
        memset(out + 2, 0, want);
        return 2 + want;
    }
    out[0] = 0xC1;
    return 1;
}

static void fru_read_rejects_a_count_byte_that_disagrees(void **state)
{
    (void)state;
    for (int delta = -1; delta <= 1; delta += 2) {
        struct fru_ctx c = {delta};
        struct run r;
        run_init(&r, fru_bmc, &c);
        assert_int_equal(run_cmd(&r, ik_cmd_fru, "fru print 0"), IK_EXIT_FAIL);
        assert_non_null(strstr(r.err, "count byte"));
        run_free(&r);
    }
}

/* ---- exec ------------------------------------------------------------------------------------ */

static char exec_seen[8][128];
static int exec_n;

static int exec_dispatch(struct ik_cli *cli, int argc, char **argv)
{
    (void)cli;
    char *p = exec_seen[exec_n++ % 8];
    p[0] = '\0';
    for (int i = 0; i < argc; i++) {
        strcat(p, "[");
        strcat(p, argv[i]);
        strcat(p, "]");
    }
    return strcmp(argv[0], "fail") == 0 ? IK_EXIT_FAIL : IK_EXIT_OK;
}

static void exec_splits_words_quotes_and_comments(void **state)
{
    (void)state;
    char path[] = "/tmp/ik-test-exec-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "sensor get \"CPU Temp\" '12V'  # comment\n"
                       "\n"
                       "   # only a comment\n"
                       "fail now\n"
                       "sdr elist all\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    struct run r;
    run_init(&r, silent_bmc, NULL);
    r.cli.dispatch = exec_dispatch;
    exec_n = 0;
    char line[200];
    snprintf(line, sizeof(line), "exec %s", path);
    /* the failed line makes the status non-zero; every line still runs */
    assert_int_equal(run_cmd(&r, ik_cmd_exec, line), IK_EXIT_FAIL);
    assert_int_equal(exec_n, 3);
    assert_string_equal(exec_seen[0], "[sensor][get][CPU Temp][12V]");
    assert_string_equal(exec_seen[1], "[fail][now]");
    assert_string_equal(exec_seen[2], "[sdr][elist][all]");
    assert_non_null(strstr(r.err, "line 4"));
    run_free(&r);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mc_info_prints_ipmitools_fields),
        cmocka_unit_test(mc_info_rejects_every_short_response),
        cmocka_unit_test(mc_info_json_has_spec_fields),
        cmocka_unit_test(transport_failure_is_reported_once_and_flagged),
        cmocka_unit_test(sel_list_stops_a_looping_record_chain),
        cmocka_unit_test(sel_list_rejects_short_and_long_entries),
        cmocka_unit_test(sel_list_prints_every_entry_of_a_good_chain),
        cmocka_unit_test(sdr_reads_in_chunks_the_bmc_can_return),
        cmocka_unit_test(sdr_rejects_an_overlong_get_sdr_answer),
        cmocka_unit_test(sdr_cache_is_used_while_the_repository_is_unchanged),
        cmocka_unit_test(fru_read_rejects_a_count_byte_that_disagrees),
        cmocka_unit_test(exec_splits_words_quotes_and_comments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
