/*
 * ipmikit sel: System Event Log commands. Offline today: `sel decode FILE` reads raw SEL
 * records (16 bytes each, as `ipmitool sel writeraw` saves them) or hex text (one record a
 * line, '#' comments) and prints them as `ipmitool sel elist` does, as `sel get` does (-v),
 * or as one JSON array (--json, docs/json/sel.md).
 *
 * Bad records (a short tail, a line that is not hex, a line of 15 or 17 bytes) are reported
 * on stderr with their record number and byte offset or line; decoding goes on with the
 * next record and the exit status is 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "input.h"
#include "ipmikit/error.h"
#include "ipmikit/sel.h"
#include "selfmt.h"

#define OUT_CAP (1u << 20)

struct out {
    FILE *fp;
    char *buf;
    size_t len;
    int err;
};

static void out_flush(struct out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->fp) != o->len)
        o->err = 1;
    o->len = 0;
}

/* Make room for n bytes; returns where to write them. */
static char *out_reserve(struct out *o, size_t n)
{
    if (OUT_CAP - o->len < n)
        out_flush(o);
    return o->buf + o->len;
}

enum mode { MODE_ELIST, MODE_VERBOSE, MODE_JSON };

struct decoder {
    struct ik_cli *cli;
    struct ik_selfmt fmt;
    struct out out;
    enum mode mode;
    int writeraw_order;     /* --ipmitool-writeraw: C0h-DFh manufacturer bytes reversed */
    unsigned long nrecords; /* emitted */
    unsigned long nbad;
    /* one-record delay so a Linux panic message can be completed with look-ahead */
    struct ik_sel_record pending;
    int have_pending;
    struct ik_sel_panic_asm panic;
};

static void emit_json(struct decoder *d, const struct ik_sel_record *r, const char *panic)
{
    json_t *o = ik_selfmt_json(&d->fmt, r, panic);
    if (!o) {
        d->out.err = 1;
        return;
    }
    const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER;
    char *p = out_reserve(&d->out, 8192); /* an object is well under 4 KiB */
    if (d->nrecords) {
        memcpy(p, ",\n", 2);
        p += 2;
        d->out.len += 2;
    }
    size_t room = OUT_CAP - d->out.len;
    size_t n = json_dumpb(o, p, room, flags);
    if (n > room) { /* cannot happen with the reserve above; stay correct anyway */
        out_flush(&d->out);
        n = json_dumpb(o, d->out.buf, OUT_CAP, flags);
        if (n > OUT_CAP)
            n = 0, d->out.err = 1;
    }
    d->out.len += n;
    json_decref(o);
}

/* Print r; next is the record after it (NULL at the end or before a bad record). */
static void emit(struct decoder *d, const struct ik_sel_record *r, const struct ik_sel_record *next)
{
    const char *panic = NULL;
    struct ik_sel_panic_chunk c, nc;
    if (d->mode != MODE_ELIST && ik_sel_panic_chunk(r, &c)) {
        int more = next && ik_sel_panic_chunk(next, &nc) && ik_sel_panic_continues(&d->panic, &nc);
        if (!more)
            panic = d->panic.text;
    }
    switch (d->mode) {
    case MODE_ELIST:
        d->out.len += ik_selfmt_elist(&d->fmt, r, out_reserve(&d->out, IK_SELFMT_LINE_MAX),
                                      IK_SELFMT_LINE_MAX);
        break;
    case MODE_VERBOSE:
        d->out.len += ik_selfmt_verbose(
            &d->fmt, r, panic, out_reserve(&d->out, IK_SELFMT_VERBOSE_MAX), IK_SELFMT_VERBOSE_MAX);
        break;
    case MODE_JSON:
        emit_json(d, r, panic);
        break;
    }
    d->nrecords++;
}

static void on_record(struct decoder *d, const struct ik_sel_record *r)
{
    if (d->have_pending)
        emit(d, &d->pending, r);
    d->pending = *r;
    d->have_pending = 1;
    struct ik_sel_panic_chunk c;
    if (d->mode != MODE_ELIST && ik_sel_panic_chunk(r, &c))
        ik_sel_panic_add(&d->panic, &c);
}

static void end_run(struct decoder *d)
{
    if (d->have_pending)
        emit(d, &d->pending, NULL);
    d->have_pending = 0;
    ik_sel_panic_reset(&d->panic);
}

static void bad_record(struct decoder *d)
{
    end_run(d); /* a bad record interrupts any panic message */
    d->nbad++;
}

/* `ipmitool sel writeraw` saves its in-memory record, which holds the manufacturer ID of
 * OEM timestamped records most significant byte first: put bytes 7-9 back in spec order. */
static int decode_one(struct decoder *d, const uint8_t *p, size_t len, struct ik_sel_record *r)
{
    if (d->writeraw_order && len == IK_SEL_RECORD_LEN && p[2] >= 0xC0 && p[2] <= 0xDF) {
        uint8_t tmp[IK_SEL_RECORD_LEN];
        memcpy(tmp, p, sizeof(tmp));
        tmp[7] = p[9];
        tmp[9] = p[7];
        return ik_sel_decode(tmp, sizeof(tmp), r);
    }
    return ik_sel_decode(p, len, r);
}

static void decode_binary(struct decoder *d, const struct ik_input *in)
{
    size_t off = 0;
    unsigned long n = 0;
    while (off + IK_SEL_RECORD_LEN <= in->len) {
        struct ik_sel_record r;
        n++;
        if (decode_one(d, in->data + off, IK_SEL_RECORD_LEN, &r) == 0)
            on_record(d, &r);
        else
            bad_record(d); /* cannot happen for 16 bytes, kept for safety */
        off += IK_SEL_RECORD_LEN;
    }
    if (off < in->len) {
        out_flush(&d->out);
        ik_cli_error(d->cli,
                     "record %lu at byte offset %zu: truncated, %zu of %d bytes (the file "
                     "is not a whole number of SEL records)",
                     n + 1, off, in->len - off, IK_SEL_RECORD_LEN);
        bad_record(d);
    }
}

static void decode_hex(struct decoder *d, struct ik_input *in)
{
    uint8_t buf[64];
    size_t len;
    int line, rc;
    unsigned long n = 0;
    while ((rc = ik_input_next_hex(in, buf, sizeof(buf), &len, &line)) != 0) {
        n++;
        if (rc == IK_E_SYNTAX) {
            ik_cli_error(d->cli,
                         "line %d (record %lu): not hex (a non-hex character or an "
                         "odd number of digits)",
                         line, n);
            bad_record(d);
            continue;
        }
        if (rc == IK_E_OVERSIZE) {
            ik_cli_error(d->cli, "line %d (record %lu): more than %zu bytes; a SEL record is %d",
                         line, n, sizeof(buf), IK_SEL_RECORD_LEN);
            bad_record(d);
            continue;
        }
        struct ik_sel_record r;
        int err = decode_one(d, buf, len, &r);
        if (err) {
            ik_cli_error(d->cli, "line %d (record %lu): %zu bytes; a SEL record is %d (%s)", line,
                         n, len, IK_SEL_RECORD_LEN, ik_strerror(err));
            bad_record(d);
            continue;
        }
        on_record(d, &r);
    }
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: ipmikit [--json] sel decode [-v] [--hex | --raw] [--ipmitool-writeraw] FILE\n"
            "  FILE     raw SEL records (16 bytes each, as 'ipmitool sel writeraw' saves\n"
            "           them) or hex text, one record per line, '#' comments; '-' = stdin\n"
            "  -v       every field, as 'ipmitool sel get' prints it, plus the full\n"
            "           interpretation of the event\n"
            "  --hex    the file is hex text      --raw  the file is binary\n"
            "  --ipmitool-writeraw  the file was saved by 'ipmitool sel writeraw', which\n"
            "           stores the manufacturer ID of OEM records C0h-DFh reversed\n"
            "  --json   (global option) one JSON array, one object per record\n");
}

static int cmd_decode(struct ik_cli *cli, int argc, char **argv)
{
    enum ik_input_kind kind = IK_INPUT_AUTO;
    int writeraw_order = 0;
    int verbose = cli->verbose;
    int json = cli->json;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            verbose++;
        } else if (strcmp(a, "--hex") == 0) {
            kind = IK_INPUT_HEX;
        } else if (strcmp(a, "--raw") == 0 || strcmp(a, "--binary") == 0) {
            kind = IK_INPUT_BINARY;
        } else if (strcmp(a, "--ipmitool-writeraw") == 0) {
            writeraw_order = 1;
        } else if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(cli->out);
            return IK_EXIT_OK;
        } else if (a[0] == '-' && a[1] != '\0') {
            ik_cli_error(cli, "sel decode: unknown option '%s'", a);
            usage(cli->err);
            return IK_EXIT_USAGE;
        } else if (!path) {
            path = a;
        } else {
            ik_cli_error(cli, "sel decode: more than one FILE given");
            return IK_EXIT_USAGE;
        }
    }
    if (!path) {
        ik_cli_error(cli, "sel decode: FILE is missing");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }

    struct ik_input in;
    char msg[256];
    if (ik_input_load(path, kind, &in, msg, sizeof(msg)) < 0) {
        ik_cli_error(cli, "sel decode: %s", msg);
        return IK_EXIT_FAIL;
    }

    struct decoder *d = calloc(1, sizeof(*d));
    char *obuf = malloc(OUT_CAP);
    if (!d || !obuf) {
        free(d);
        free(obuf);
        ik_input_free(&in);
        ik_cli_error(cli, "out of memory");
        return IK_EXIT_FAIL;
    }
    d->cli = cli;
    ik_selfmt_init(&d->fmt);
    d->out.fp = cli->out;
    d->out.buf = obuf;
    d->writeraw_order = writeraw_order;
    d->mode = json ? MODE_JSON : verbose ? MODE_VERBOSE : MODE_ELIST;
    ik_sel_panic_reset(&d->panic);

    if (d->mode == MODE_JSON) {
        memcpy(out_reserve(&d->out, 2), "[\n", 2);
        d->out.len += 2;
    }
    if (in.kind == IK_INPUT_HEX)
        decode_hex(d, &in);
    else
        decode_binary(d, &in);
    end_run(d);
    if (d->mode == MODE_JSON) {
        const char *tail = d->nrecords ? "\n]\n" : "]\n";
        size_t n = strlen(tail);
        memcpy(out_reserve(&d->out, n), tail, n);
        d->out.len += n;
    }
    out_flush(&d->out);

    int rc = IK_EXIT_OK;
    if (d->out.err) {
        ik_cli_error(cli, "sel decode: write error on standard output");
        rc = IK_EXIT_FAIL;
    } else if (d->nbad) {
        ik_cli_error(cli, "sel decode: %lu bad record%s in '%s' (%lu decoded)", d->nbad,
                     d->nbad == 1 ? "" : "s", path, d->nrecords);
        rc = IK_EXIT_FAIL;
    }
    free(obuf);
    free(d);
    ik_input_free(&in);
    return rc;
}

int ik_cmd_sel(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? cli->err : cli->out);
        return argc < 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    if (strcmp(argv[1], "decode") == 0)
        return cmd_decode(cli, argc - 1, argv + 1);
    ik_cli_error(cli, "sel: unknown subcommand '%s' (offline: decode)", argv[1]);
    return IK_EXIT_USAGE;
}
