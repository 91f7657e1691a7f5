/*
 * ipmikit sdr: `sdr decode FILE` prints Sensor Data Records from a file offline, in the
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

#include "cli.h"
#include "input.h"
#include "sdrfmt.h"

#include "ipmikit/error.h"
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
    if (len >= 2)
        snprintf(head, sizeof(head), "record %u (ID 0x%04x) %s", st->index,
                 (unsigned)(rec[0] | rec[1] << 8), loc);
    else
        snprintf(head, sizeof(head), "record %u %s", st->index, loc);
    ik_cli_error(st->cli, "sdr: %s: %s", head, msg);
    st->failed = 1;
    if (st->mode == OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "index", json_integer(st->index));
        json_object_set_new(o, st->hex ? "line" : "offset", json_integer((json_int_t)pos));
        if (len >= 2)
            json_object_set_new(o, "record_id", json_integer(rec[0] | rec[1] << 8));
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

int ik_cmd_sdr(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? cli->err : cli->out);
        return argc < 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    if (strcmp(argv[1], "decode") == 0)
        return cmd_decode(cli, argc - 1, argv + 1);
    ik_cli_error(cli, "sdr: unknown subcommand '%s' (offline: decode)", argv[1]);
    usage(cli->err);
    return IK_EXIT_USAGE;
}
