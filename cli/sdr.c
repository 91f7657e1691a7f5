/*
 * ipmikit sdr: the Sensor Data Repository.
 *
 * Live (the repository is read once, through the cache in sdrcache.c):
 *   sdr [list|elist] [all|full|compact|event|mcloc|fru|generic]   (default full + compact)
 *   sdr type [list|NAME|0xNN]      sdr entity ID[.INSTANCE]      sdr get NAME...
 *   sdr info                       sdr dump FILE
 * in ipmitool 1.8.19's text (-v for the verbose blocks), or --json (docs/json/sdr.md).
 *
 * Offline: `sdr decode FILE` prints Sensor Data Records from a file, in the
 * shape of `ipmitool sdr elist all` (default), `ipmitool sdr elist all -v` (-v), or as one
 * JSON array (--json, docs/json/sdr.md).
 *
 * Input is what `ipmitool sdr dump FILE` writes (records back to back, each with its
 * 5-byte header) or hex text, one record per line with '#' comments. A bad record gets a
 * message on stderr naming its index, record ID and byte offset; decoding goes on with the
 * next record whenever the input says where it starts, and the exit status is 1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "input.h"
#include "progress.h"
#include "sdrcache.h"
#include "sdrfmt.h"
#include "sdrlive.h"
#include "util.h"

#include "cursor.h"
#include "repo_info.h"
#include "ipmikit/error.h"
#include "ipmikit/names.h"
#include "ipmikit/sdr.h"

enum out_mode { OUT_ELIST, OUT_VERBOSE, OUT_JSON };

struct decode_state {
    struct ik_cli *cli;
    enum out_mode mode;
    unsigned index; /* records seen so far */
    int failed;     /* any bad record */
    int json_first; /* no JSON element printed yet */
    int hex;        /* input is hex text: positions are lines */
};

static void usage(FILE *f)
{
    fputs("usage: ipmikit [--json] sdr decode [-v] [--hex|--raw] FILE\n"
          "  FILE    `ipmitool sdr dump` output, or hex text (one record per line, '#' "
          "comments); - = stdin\n"
          "  -v      every field, as `ipmitool sdr elist all -v`\n"
          "  --hex   FILE is hex text\n"
          "  --raw   FILE is binary\n",
          f);
}

static void json_emit(struct decode_state *st, json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    if (!s) {
        ik_cli_error(st->cli, "out of memory");
        st->failed = 1;
        return;
    }
    fputs(st->json_first ? "\n" : ",\n", st->cli->out);
    fputs(s, st->cli->out);
    st->json_first = 0;
    free(s);
}

static json_t *hex_string(const uint8_t *p, size_t n)
{
    char *buf = malloc(2 * n + 1);
    if (!buf)
        return json_null();
    for (size_t i = 0; i < n; i++)
        snprintf(buf + 2 * i, 3, "%02x", p[i]);
    buf[2 * n] = '\0';
    json_t *s = json_string(buf);
    free(buf);
    return s;
}

/* Where a record is: "at offset N" (binary) or "on line N" (hex). */
static void where(const struct decode_state *st, size_t pos, char *buf, size_t cap)
{
    snprintf(buf, cap, st->hex ? "on line %zu" : "at offset %zu", pos);
}

/* Report a bad record: stderr, and an error element in JSON mode. */
static void bad_record(struct decode_state *st, size_t pos, const uint8_t *rec, size_t len,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void bad_record(struct decode_state *st, size_t pos, const uint8_t *rec, size_t len,
                       const char *fmt, ...)
{
    char msg[512], loc[48], head[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    where(st, pos, loc, sizeof(loc));
    struct ik_rd rd;
    ik_rd_init(&rd, rec, len);
    unsigned id = ik_rd_le16(&rd); /* header bytes 0-1 (when there are 2) */
    if (len >= 2)
        snprintf(head, sizeof(head), "record %u (ID 0x%04x) %s", st->index, id, loc);
    else
        snprintf(head, sizeof(head), "record %u %s", st->index, loc);
    ik_cli_error(st->cli, "sdr: %s: %s", head, msg);
    st->failed = 1;
    if (st->mode == OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "index", json_integer(st->index));
        json_object_set_new(o, st->hex ? "line" : "offset", json_integer((json_int_t)pos));
        if (len >= 2)
            json_object_set_new(o, "record_id", json_integer(id));
        if (len >= 4)
            json_object_set_new(o, "record_type", json_integer(rec[3]));
        if (len >= 5)
            json_object_set_new(o, "record_length", json_integer(rec[4]));
        json_object_set_new(o, "raw", hex_string(rec, len));
        json_object_set_new(o, "error", json_string(msg));
        json_emit(st, o);
    }
}

/* Why ik_sdr_decode() refused a record whose length byte matches its size. */
static void explain(const uint8_t *rec, size_t len, int err, size_t base, int hex, char *buf,
                    size_t cap)
{
    uint8_t type = rec[3];
    size_t body = len - IK_SDR_HEADER_LEN, fixed = ik_sdr_fixed_len(type);
    const char *name = ik_sdr_type_name(type);
    /* Byte positions: file offsets for binary input, offsets within the line for hex. */
    size_t at = hex ? 0 : base;
    if (body < fixed) {
        snprintf(buf, cap,
                 "a %s needs %zu bytes after the header, the length byte (byte %zu) says %zu", name,
                 fixed, at + 4, body);
        return;
    }
    int has_id = ik_sdr_record_id_string(&(struct ik_sdr_record){.hdr.type = type}) != NULL;
    if (has_id) {
        size_t tl_at = IK_SDR_HEADER_LEN + fixed - 1;
        unsigned n = rec[tl_at] & 0x1F;
        size_t after = len - tl_at - 1;
        if (n > IK_SDR_ID_MAX) {
            snprintf(buf, cap,
                     "ID string type/length byte %02Xh at byte %zu gives %u bytes (at most 16)",
                     rec[tl_at], at + tl_at, n);
            return;
        }
        if (n > after) {
            snprintf(buf, cap,
                     "ID string type/length byte %02Xh at byte %zu gives %u bytes, only %zu follow",
                     rec[tl_at], at + tl_at, n, after);
            return;
        }
        for (size_t i = tl_at + 1 + n; i < len; i++) {
            if (rec[i]) {
                snprintf(buf, cap, "non-zero byte %02Xh at byte %zu, after the ID string", rec[i],
                         at + i);
                return;
            }
        }
    } else if (fixed) {
        for (size_t i = IK_SDR_HEADER_LEN + fixed; i < len; i++) {
            if (rec[i]) {
                snprintf(buf, cap, "non-zero byte %02Xh at byte %zu, after the %zu-byte %s", rec[i],
                         at + i, fixed, name);
                return;
            }
        }
    }
    snprintf(buf, cap, "%s", ik_strerror(err));
}

static void one_record(struct decode_state *st, const uint8_t *rec, size_t len, size_t pos)
{
    struct ik_sdr_record r;
    int err = ik_sdr_decode(rec, len, &r);
    if (err) {
        char why[256];
        explain(rec, len, err, pos, st->hex, why, sizeof(why));
        bad_record(st, pos, rec, len, "type %02Xh: %s", rec[3], why);
        return;
    }
    struct ik_sdrfmt_opts opts = {0};
    switch (st->mode) {
    case OUT_ELIST:
        ik_sdrfmt_elist(st->cli->out, &r, NULL, &opts);
        break;
    case OUT_VERBOSE:
        ik_sdrfmt_verbose(st->cli->out, &r, NULL, &opts);
        break;
    case OUT_JSON: {
        json_t *o = ik_sdrfmt_json(&r, NULL);
        if (!o) {
            ik_cli_error(st->cli, "out of memory");
            st->failed = 1;
            return;
        }
        json_t *head = json_object();
        json_object_set_new(head, "index", json_integer(st->index));
        json_object_set_new(head, st->hex ? "line" : "offset", json_integer((json_int_t)pos));
        json_object_update(head, o);
        json_object_set_new(head, "raw", hex_string(rec, len));
        json_decref(o);
        json_emit(st, head);
        break;
    }
    }
}

static void decode_binary(struct decode_state *st, const uint8_t *p, size_t n)
{
    size_t off = 0;
    while (off < n) {
        size_t left = n - off;
        if (left < IK_SDR_HEADER_LEN) {
            bad_record(st, off, p + off, left,
                       "truncated header: %zu of 5 bytes before the end of the file; stopping",
                       left);
            return;
        }
        size_t total = IK_SDR_HEADER_LEN + p[off + 4];
        if (total > left) {
            bad_record(st, off, p + off, left,
                       "length byte %u at offset %zu runs past the end of the file (%zu bytes "
                       "remain after the header); stopping",
                       p[off + 4], off + 4, left - IK_SDR_HEADER_LEN);
            return;
        }
        one_record(st, p + off, total, off);
        st->index++;
        off += total;
    }
}

static void decode_hex(struct decode_state *st, struct ik_input *in)
{
    uint8_t buf[IK_SDR_MAX_LEN];
    size_t len;
    int line, rc;
    while ((rc = ik_input_next_hex(in, buf, sizeof(buf), &len, &line)) != 0) {
        if (rc == IK_E_SYNTAX) {
            bad_record(st, (size_t)line, buf, 0, "invalid hex (bad digit or odd digit count)");
        } else if (rc == IK_E_OVERSIZE) {
            bad_record(st, (size_t)line, buf, sizeof(buf),
                       "more than %d bytes, longer than any SDR", IK_SDR_MAX_LEN);
        } else if (len < IK_SDR_HEADER_LEN) {
            bad_record(st, (size_t)line, buf, len, "truncated header: %zu of 5 bytes", len);
        } else if (len != IK_SDR_HEADER_LEN + (size_t)buf[4]) {
            bad_record(st, (size_t)line, buf, len,
                       "length byte %u (byte 4) disagrees with the %zu bytes after the header on "
                       "the line",
                       buf[4], len - IK_SDR_HEADER_LEN);
        } else {
            one_record(st, buf, len, (size_t)line);
        }
        st->index++;
    }
}

static int cmd_decode(struct ik_cli *cli, int argc, char **argv)
{
    enum ik_input_kind kind = IK_INPUT_AUTO;
    int verbose = cli->verbose;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
            verbose++;
        } else if (strcmp(argv[i], "--hex") == 0) {
            kind = IK_INPUT_HEX;
        } else if (strcmp(argv[i], "--raw") == 0) {
            kind = IK_INPUT_BINARY;
        } else if (strcmp(argv[i], "--json") == 0) {
            cli->json = 1;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(cli->out);
            return IK_EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            ik_cli_error(cli, "sdr decode: unknown option '%s'", argv[i]);
            usage(cli->err);
            return IK_EXIT_USAGE;
        } else if (!path) {
            path = argv[i];
        } else {
            ik_cli_error(cli, "sdr decode: more than one FILE");
            return IK_EXIT_USAGE;
        }
    }
    if (!path) {
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    struct ik_input in;
    char err[256];
    if (ik_input_load(path, kind, &in, err, sizeof(err)) < 0) {
        ik_cli_error(cli, "sdr decode: %s", err);
        return IK_EXIT_FAIL;
    }
    struct decode_state st = {
        .cli = cli,
        .mode = cli->json ? OUT_JSON
                : verbose ? OUT_VERBOSE
                          : OUT_ELIST,
        .json_first = 1,
        .hex = in.kind == IK_INPUT_HEX,
    };
    if (st.mode == OUT_JSON)
        fputs("[", cli->out);
    if (st.hex)
        decode_hex(&st, &in);
    else
        decode_binary(&st, in.data, in.len);
    if (st.mode == OUT_JSON)
        fputs(st.json_first ? "]\n" : "\n]\n", cli->out);
    ik_input_free(&in);
    return st.failed ? IK_EXIT_FAIL : IK_EXIT_OK;
}

/* ---- live ------------------------------------------------------------------------------- */

static void live_usage(FILE *f)
{
    fputs("usage: sdr <command> [options]\n"
          "   list | elist [option]\n"
          "     all           All SDR Records\n"
          "     full          Full Sensor Record\n"
          "     compact       Compact Sensor Record\n"
          "     event         Event-Only Sensor Record\n"
          "     mcloc         Management Controller Locator Record\n"
          "     fru           FRU Locator Record\n"
          "     generic       Generic Device Locator Record\n"
          "   type [option]\n"
          "     <Sensor_Type> Retrieve the state of specified sensor.\n"
          "                   Sensor_Type can be specified either as\n"
          "                   a string or a hex value.\n"
          "     list          Get a list of available sensor types\n"
          "   get <Sensor_ID>\n"
          "   info\n"
          "   entity <Entity_ID>[.<Instance_ID>]\n"
          "   dump <file>\n"
          "   decode [-v] [--hex|--raw] FILE   (offline)\n",
          f);
}

/* What to print for each record. */
struct live {
    struct ik_cli *cli;
    struct ik_sdr_repo repo;
    int verbose; /* -v: the blocks of `sdr elist -v` */
    int elist;   /* elist (5 columns) or list (3) */
    json_t *arr;
    struct ik_sdrfmt_opts opts;
    int failed;
};

static int live_open(struct ik_cli *cli, struct live *lv)
{
    memset(lv, 0, sizeof(*lv));
    lv->cli = cli;
    lv->verbose = cli->verbose;
    ik_sdrfmt_live_opts(&lv->opts);
    if (ik_sdr_repo_load(cli, &lv->repo) < 0)
        return -1;
    if (cli->json)
        lv->arr = json_array();
    return 0;
}

static int live_close(struct live *lv)
{
    if (lv->arr)
        ik_json_print(lv->cli, lv->arr);
    ik_sdr_repo_free(&lv->repo);
    return lv->failed ? IK_EXIT_FAIL : IK_EXIT_OK;
}

static void live_print(struct live *lv, const struct ik_sdr_entry *e)
{
    if (!e->ok) {
        ik_cli_error(lv->cli,
                     "sdr: record at offset %zu of the repository does not decode; "
                     "skipped",
                     e->off);
        return;
    }
    const struct ik_sdr_record *r = &e->rec;
    struct ik_sdrfmt_reading rd;
    struct ik_sdr_conv factors;
    int sensor = r->hdr.type == IK_SDR_FULL || r->hdr.type == IK_SDR_COMPACT;
    if (sensor && ik_sensor_read(lv->cli, r, lv->verbose || lv->arr, &rd, &factors) < 0) {
        lv->failed = 1;
        memset(&rd, 0, sizeof(rd));
    } else if (!sensor) {
        memset(&rd, 0, sizeof(rd));
    }
    FILE *out = lv->cli->out;
    if (lv->arr) {
        json_t *o = ik_sdrfmt_json(r, sensor ? &rd : NULL);
        if (o) {
            json_object_set_new(o, "raw", hex_string(lv->repo.blob + e->off, e->len));
            json_array_append_new(lv->arr, o);
        }
    } else if (lv->verbose) {
        ik_sdrfmt_verbose(out, r, sensor ? &rd : NULL, &lv->opts);
    } else if (lv->elist) {
        ik_sdrfmt_elist(out, r, sensor ? &rd : NULL, &lv->opts);
    } else {
        ik_sdrfmt_list(out, r, sensor ? &rd : NULL, &lv->opts);
    }
}

/* ipmitool's record selectors for list/elist. */
static int type_selected(const char *sel, uint8_t type)
{
    if (!sel)
        return type == IK_SDR_FULL || type == IK_SDR_COMPACT;
    if (strcmp(sel, "all") == 0)
        return type == IK_SDR_FULL || type == IK_SDR_COMPACT || type == IK_SDR_EVENT_ONLY ||
               type == IK_SDR_GENERIC_LOCATOR || type == IK_SDR_FRU_LOCATOR ||
               type == IK_SDR_MC_LOCATOR;
    if (strcmp(sel, "full") == 0)
        return type == IK_SDR_FULL;
    if (strcmp(sel, "compact") == 0)
        return type == IK_SDR_COMPACT;
    if (strcmp(sel, "event") == 0)
        return type == IK_SDR_EVENT_ONLY;
    if (strcmp(sel, "mcloc") == 0)
        return type == IK_SDR_MC_LOCATOR;
    if (strcmp(sel, "fru") == 0)
        return type == IK_SDR_FRU_LOCATOR;
    if (strcmp(sel, "generic") == 0)
        return type == IK_SDR_GENERIC_LOCATOR;
    return -1;
}

static int cmd_list(struct ik_cli *cli, int argc, char **argv, int elist)
{
    const char *sel = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            cli->verbose++;
        } else if (!sel) {
            sel = argv[i];
        } else {
            live_usage(cli->err);
            return IK_EXIT_USAGE;
        }
    }
    if (sel && type_selected(sel, 0) < 0) {
        ik_cli_error(cli, "Invalid SDR %s option '%s'", elist ? "elist" : "list", sel);
        live_usage(cli->err);
        return IK_EXIT_USAGE;
    }
    struct live lv;
    if (live_open(cli, &lv) < 0)
        return IK_EXIT_FAIL;
    lv.elist = elist;
    struct ik_progress pg;
    ik_progress_start(&pg, cli, "Reading sensors", lv.repo.n);
    for (size_t i = 0; i < lv.repo.n; i++) {
        const struct ik_sdr_entry *e = &lv.repo.ents[i];
        if (type_selected(sel, lv.repo.blob[e->off + 3]) != 1)
            continue;
        if (pg.f) {
            ik_progress_end(&pg);
            fflush(cli->out);
        }
        live_print(&lv, e);
        ik_progress_step(&pg, i + 1);
    }
    ik_progress_end(&pg);
    return live_close(&lv);
}

static void print_types(FILE *f)
{
    fputs("Sensor Types:\n", f);
    for (unsigned t = 1; t <= 0x2C; t += 2) {
        char a[40], b[40];
        snprintf(a, sizeof(a), "%s", ik_sdrfmt_sensor_type((uint8_t)t));
        if (t + 1 <= 0x2C) {
            snprintf(b, sizeof(b), "%s", ik_sdrfmt_sensor_type((uint8_t)(t + 1)));
            fprintf(f, "\t%-25s (0x%02x)   %-25s (0x%02x)\n", a, t, b, t + 1);
        } else {
            fprintf(f, "\t%-25s (0x%02x)\n", a, t);
        }
    }
}

static int cmd_type(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "list") == 0) {
        if (cli->json) {
            json_t *a = json_array();
            for (unsigned t = 1; t <= 0x2C; t++) {
                json_t *o = json_object();
                IK_JSET(o, "sensor_type", json_integer(t));
                IK_JSET(o, "name", json_string(ik_sdrfmt_sensor_type((uint8_t)t)));
                json_array_append_new(a, o);
            }
            return ik_json_print(cli, a);
        }
        print_types(cli->out);
        return IK_EXIT_OK;
    }
    int type = -1;
    unsigned long v;
    if (strncmp(argv[1], "0x", 2) == 0 || strncmp(argv[1], "0X", 2) == 0) {
        if (ik_cli_num(argv[1], 0xFF, &v) == 0)
            type = (int)v;
    } else {
        for (unsigned t = 1; t < 0x100 && type < 0; t++) {
            const char *n = ik_sensor_type_name((uint8_t)t);
            if (n && strcasecmp(n, argv[1]) == 0)
                type = (int)t;
        }
    }
    if (type < 0) {
        ik_cli_error(cli, "Sensor Type \"%s\" not found.", argv[1]);
        print_types(cli->err);
        return IK_EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "-v") == 0)
            cli->verbose++;
    struct live lv;
    if (live_open(cli, &lv) < 0)
        return IK_EXIT_FAIL;
    lv.elist = 1;
    for (size_t i = 0; i < lv.repo.n; i++) {
        const struct ik_sdr_entry *e = &lv.repo.ents[i];
        struct ik_sensor_id id;
        if (e->ok && ik_sensor_of(&e->rec, &id) == 0 && id.sensor_type == type)
            live_print(&lv, e);
    }
    return live_close(&lv);
}

/* Entity of any record that has one (sensors and locators). */
static int record_entity(const struct ik_sdr_record *r, uint8_t *id, uint8_t *inst)
{
    struct ik_sensor_id s;
    if (ik_sensor_of(r, &s) == 0) {
        *id = s.entity_id;
        *inst = s.entity_instance;
        return 0;
    }
    switch (r->hdr.type) {
    case IK_SDR_GENERIC_LOCATOR:
        *id = r->u.generic.entity_id;
        *inst = r->u.generic.entity_instance;
        return 0;
    case IK_SDR_FRU_LOCATOR:
        *id = r->u.fru.entity_id;
        *inst = r->u.fru.entity_instance;
        return 0;
    case IK_SDR_MC_LOCATOR:
        *id = r->u.mc.entity_id;
        *inst = r->u.mc.entity_instance;
        return 0;
    }
    return -1;
}

/* The entity IDs ipmitool lists (its entity_id_vals table): 0-42h, then the PICMG ones. */
static const uint8_t listed_entities[] = {0xA0, 0xC0, 0xC1, 0xF0, 0xF1, 0xF2, 0xF3};

static int entity_listed(unsigned id)
{
    if (id <= 0x42)
        return 1;
    for (size_t i = 0; i < sizeof(listed_entities); i++)
        if (listed_entities[i] == id)
            return 1;
    return 0;
}

/* `sdr entity list`: ipmitool's print_valstr_2col. */
static int print_entities(struct ik_cli *cli)
{
    unsigned ids[0x43 + sizeof(listed_entities)];
    size_t n = 0;
    for (unsigned id = 0; id < 256; id++)
        if (entity_listed(id) && ik_entity_name((uint8_t)id))
            ids[n++] = id;
    if (cli->json) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            IK_JSET(o, "entity_id", json_integer(ids[i]));
            IK_JSET(o, "name", json_string(ik_entity_name((uint8_t)ids[i])));
            json_array_append_new(a, o);
        }
        return ik_json_print(cli, a);
    }
    FILE *f = cli->out;
    fputs("\nEntity IDs:\n\n", f);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 == n) {
            fprintf(f, "  %4u  %-32s\n", ids[i], ik_entity_name((uint8_t)ids[i]));
        } else {
            fprintf(f, "  %4u  %-32s    %4u  %-32s\n", ids[i], ik_entity_name((uint8_t)ids[i]),
                    ids[i + 1], ik_entity_name((uint8_t)ids[i + 1]));
            i++;
        }
    }
    fputc('\n', f);
    return IK_EXIT_OK;
}

static int cmd_entity(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcasecmp(argv[1], "list") == 0 || strcasecmp(argv[1], "help") == 0)
        return print_entities(cli);
    unsigned id, inst = 0;
    int want_inst = 0;
    char tail;
    if (sscanf(argv[1], "%u.%u%c", &id, &inst, &tail) == 2) {
        want_inst = 1;
    } else if (sscanf(argv[1], "%u%c", &id, &tail) != 1) {
        /* an entity name, as ipmitool: every instance */
        int found = 0;
        for (unsigned e = 0; e < 256 && !found; e++) {
            const char *name = entity_listed(e) ? ik_entity_name((uint8_t)e) : NULL;
            if (name && strcasecmp(name, argv[1]) == 0) {
                id = e;
                found = 1;
            }
        }
        if (!found) {
            ik_cli_error(cli, "Invalid entity: %s", argv[1]);
            return IK_EXIT_USAGE;
        }
    }
    if (id > 255 || inst > 127) {
        ik_cli_error(cli, "Invalid entity: %s", argv[1]);
        return IK_EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "-v") == 0)
            cli->verbose++;
    struct live lv;
    if (live_open(cli, &lv) < 0)
        return IK_EXIT_FAIL;
    lv.elist = 1;
    for (size_t i = 0; i < lv.repo.n; i++) {
        const struct ik_sdr_entry *e = &lv.repo.ents[i];
        uint8_t eid, einst;
        if (e->ok && record_entity(&e->rec, &eid, &einst) == 0 && eid == id &&
            (!want_inst || (einst & 0x7F) == inst))
            live_print(&lv, e);
    }
    return live_close(&lv);
}

static int cmd_get(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "No Sensor ID supplied");
        return IK_EXIT_USAGE;
    }
    struct live lv;
    if (live_open(cli, &lv) < 0)
        return IK_EXIT_FAIL;
    lv.verbose = 1;
    int rc = IK_EXIT_OK;
    for (int a = 1; a < argc; a++) {
        int found = 0;
        for (size_t i = 0; i < lv.repo.n && !found; i++) {
            const struct ik_sdr_entry *e = &lv.repo.ents[i];
            const struct ik_sdr_id *sid = e->ok ? ik_sdr_record_id_string(&e->rec) : NULL;
            if (sid && strcmp(sid->text, argv[a]) == 0) {
                live_print(&lv, e);
                found = 1;
            }
        }
        if (!found) {
            ik_cli_error(cli, "Unable to find sensor id '%s'", argv[a]);
            rc = IK_EXIT_FAIL;
        }
    }
    int rc2 = live_close(&lv);
    return rc ? rc : rc2;
}

static int cmd_info(struct ik_cli *cli)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_STORAGE, 0x20, NULL, 0, &r, 14, "Get SDR Repository Info");
    if (rc > 0)
        ik_cli_error(cli, "Get SDR Repository Info command failed: %s", IK_CC_TEXT(r.cc));
    if (rc)
        return IK_EXIT_FAIL;
    struct ik_repo_info info;
    if (ik_repo_info_decode(r.data, IK_REPO_INFO_LEN, &info) != 0) /* >= 14: checked above */
        return IK_EXIT_FAIL;
    uint8_t version = info.version;
    unsigned count = info.count, space = info.free_bytes;
    uint32_t add = info.add_ts, era = info.erase_ts;
    uint8_t op = info.ops;
    static const char *const modal[4] = {"unspecified", "non-modal", "modal",
                                         "modal and non-modal"};
    if (cli->json) {
        json_t *o = json_object();
        char ver[8];
        snprintf(ver, sizeof(ver), "%x.%x", version & 0x0F, version >> 4);
        IK_JSET(o, "sdr_version", json_string(ver));
        IK_JSET(o, "record_count", json_integer(count));
        IK_JSET(o, "free_space", json_integer(space));
        IK_JSET(o, "most_recent_addition", json_integer(add));
        IK_JSET(o, "most_recent_erase", json_integer(era));
        IK_JSET(o, "overflow", json_boolean(op & 0x80));
        IK_JSET(o, "update_support", json_string(modal[(op >> 5) & 3]));
        IK_JSET(o, "delete_sdr", json_boolean(op & 0x08));
        IK_JSET(o, "partial_add_sdr", json_boolean(op & 0x04));
        IK_JSET(o, "reserve_sdr_repository", json_boolean(op & 0x02));
        IK_JSET(o, "get_allocation_info", json_boolean(op & 0x01));
        IK_JSET(o, "raw", hex_string(r.data, 14));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    char tb[64];
    fprintf(f, "SDR Version                         : 0x%x\n", version);
    fprintf(f, "Record Count                        : %d\n", count);
    fputs("Free Space                          : ", f);
    if (space == 0)
        fputs("none (full)\n", f);
    else if (space == 0xFFFF)
        fputs("unspecified\n", f);
    else if (space == 0xFFFE)
        fputs("> 64Kb - 2 bytes\n", f);
    else
        fprintf(f, "%d bytes\n", space);
    /* as ipmitool: a timestamp only where the matching operation is supported (addition
     * with Partial Add, erase with Delete), else NA */
    fprintf(f, "Most recent Addition                : %s\n",
            op & 0x04 ? ik_cli_time_numeric(cli, add, tb, sizeof(tb)) : "NA");
    fprintf(f, "Most recent Erase                   : %s\n",
            op & 0x08 ? ik_cli_time_numeric(cli, era, tb, sizeof(tb)) : "NA");
    fprintf(f, "SDR overflow                        : %s\n", op & 0x80 ? "yes" : "no");
    fprintf(f, "SDR Repository Update Support       : %s\n", modal[(op >> 5) & 3]);
    fprintf(f, "Delete SDR supported                : %s\n", op & 0x08 ? "yes" : "no");
    fprintf(f, "Partial Add SDR supported           : %s\n", op & 0x04 ? "yes" : "no");
    fprintf(f, "Reserve SDR repository supported    : %s\n", op & 0x02 ? "yes" : "no");
    fprintf(f, "SDR Repository Alloc info supported : %s\n", op & 0x01 ? "yes" : "no");
    return IK_EXIT_OK;
}

static int cmd_dump(struct ik_cli *cli, int argc, char **argv)
{
    if (argc != 2) {
        ik_cli_error(cli, "usage: sdr dump <filename>");
        return IK_EXIT_USAGE;
    }
    struct ik_sdr_repo repo;
    if (ik_sdr_repo_load(cli, &repo) < 0)
        return IK_EXIT_FAIL;
    if (!cli->json)
        fprintf(cli->out, "Dumping Sensor Data Repository to '%s'\n", argv[1]);
    FILE *f = fopen(argv[1], "wb");
    int ok = f && fwrite(repo.blob, 1, repo.blob_len, f) == repo.blob_len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok) {
        ik_cli_error(cli, "cannot write '%s'", argv[1]);
        ik_sdr_repo_free(&repo);
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "file", json_string(argv[1]));
        IK_JSET(o, "records", json_integer((json_int_t)repo.n));
        IK_JSET(o, "bytes", json_integer((json_int_t)repo.blob_len));
        ik_json_print(cli, o);
    }
    ik_sdr_repo_free(&repo);
    return IK_EXIT_OK;
}

int ik_cmd_sdr(struct ik_cli *cli, int argc, char **argv)
{
    const char *sub = argc < 2 ? "list" : argv[1];
    if (strcmp(sub, "help") == 0 || strcmp(sub, "-h") == 0) {
        live_usage(cli->out);
        return IK_EXIT_OK;
    }
    if (strcmp(sub, "decode") == 0)
        return cmd_decode(cli, argc - 1, argv + 1);
    if (strcmp(sub, "list") == 0 || strcmp(sub, "elist") == 0)
        return cmd_list(cli, argc < 2 ? 1 : argc - 1, argc < 2 ? argv : argv + 1, sub[0] == 'e');
    if (strcmp(sub, "type") == 0)
        return cmd_type(cli, argc - 1, argv + 1);
    if (strcmp(sub, "entity") == 0)
        return cmd_entity(cli, argc - 1, argv + 1);
    if (strcmp(sub, "get") == 0)
        return cmd_get(cli, argc - 1, argv + 1);
    if (strcmp(sub, "info") == 0)
        return cmd_info(cli);
    if (strcmp(sub, "dump") == 0)
        return cmd_dump(cli, argc - 1, argv + 1);
    ik_cli_error(cli, "Invalid SDR command: %s", sub);
    live_usage(cli->err);
    return IK_EXIT_USAGE;
}
