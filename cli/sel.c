/*
 * ipmikit sel: System Event Log commands.
 *
 * Live (IPMI 2.0 section 31): info, list / elist [N | first N | last N], get ID..., add FILE,
 * delete ID..., clear, time get | set "MM/DD/YYYY HH:MM:SS" | now, save FILE, writeraw FILE,
 * readraw FILE, in ipmitool 1.8.19's text or --json. elist names sensors from the SDR
 * repository (sdrcache.c) and converts threshold readings with it.
 *   Get SEL Info (31.2, table 31-2), after the CC: 0 version, 1-2 entries, 3-4 free bytes,
 *     5-8 most recent addition, 9-12 most recent erase, 13 operation support
 *   Get SEL Entry (31.5): 0-1 next record ID, 2-17 the record (exactly 16 bytes)
 *
 * Offline: `sel decode FILE` reads raw SEL
 * records (16 bytes each, as `ipmitool sel writeraw` saves them) or hex text (one record a
 * line, '#' comments) and prints them as `ipmitool sel elist` does, as `sel get` does (-v),
 * or as one JSON array (--json, docs/json/sel.md).
 *
 * Bad records (a short tail, a line that is not hex, a line of 15 or 17 bytes) are reported
 * on stderr with their record number and byte offset or line; decoding goes on with the
 * next record and the exit status is 1.
 */
#define _XOPEN_SOURCE 700 /* strptime */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "input.h"
#include "cursor.h"
#include "msg_storage.h"
#include "repo_info.h"
#include "ipmikit/error.h"
#include "ipmikit/sel.h"
#include "fruprint.h"
#include "progress.h"
#include "sdrcache.h"
#include "sdrlive.h"
#include "selfmt.h"
#include "util.h"

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
    struct ik_selfmt_panic panic;
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
    const char *panic = ik_selfmt_panic_next(&d->panic, r, next);
    switch (d->mode) {
    case MODE_ELIST:
        d->out.len += ik_selfmt_elist(&d->fmt, r, out_reserve(&d->out, IK_SELFMT_LINE_MAX),
                                      IK_SELFMT_LINE_MAX);
        /* After the last piece of a multi-record panic message, the whole text. */
        if (panic)
            d->out.len +=
                ik_selfmt_panic_line(&d->panic, r, out_reserve(&d->out, IK_SELFMT_PANIC_LINE_MAX),
                                     IK_SELFMT_PANIC_LINE_MAX);
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
}

static void end_run(struct decoder *d)
{
    if (d->have_pending)
        emit(d, &d->pending, NULL);
    d->have_pending = 0;
    ik_selfmt_panic_init(&d->panic);
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
    fprintf(f, "usage: ipmikit [--json] sel decode [-v] [--hex | --raw] [--ipmitool-writeraw]\n"
               "                                   [--sdr SDRFILE] FILE\n"
               "  FILE     raw SEL records (16 bytes each, as 'ipmitool sel writeraw' saves\n"
               "           them) or hex text, one record per line, '#' comments; '-' = stdin\n"
               "  -v       every field, as 'ipmitool sel get' prints it, plus the full\n"
               "           interpretation of the event\n"
               "  --hex    the file is hex text      --raw  the file is binary\n"
               "  --ipmitool-writeraw  the file was saved by 'ipmitool sel writeraw', which\n"
               "           stores the manufacturer ID of OEM records C0h-DFh reversed\n"
               "  --sdr SDRFILE  sensor names, thresholds and units from an 'sdr dump' file\n"
               "           (ipmikit's or ipmitool's), as the live 'sel elist' shows them\n"
               "           (-S SDRFILE, the global option, does the same)\n"
               "  --json   (global option) one JSON array, one object per record\n");
}

static int cmd_decode(struct ik_cli *cli, int argc, char **argv)
{
    enum ik_input_kind kind = IK_INPUT_AUTO;
    int writeraw_order = 0;
    int verbose = cli->verbose;
    int json = cli->json;
    const char *path = NULL, *sdr_path = cli->sdr_cache;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            verbose++;
        } else if (strcmp(a, "--sdr") == 0) {
            if (++i == argc) {
                ik_cli_error(cli, "sel decode: --sdr needs a FILE (from 'sdr dump')");
                return IK_EXIT_USAGE;
            }
            sdr_path = argv[i];
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

    /* sensor names, thresholds and units from an `sdr dump` file, as the live commands
     * get them from the BMC's repository */
    struct ik_sdr_repo repo;
    struct ik_sel_lookup lookup;
    memset(&repo, 0, sizeof(repo));
    char msg[256];
    if (sdr_path) {
        struct ik_input sdr_in;
        if (ik_input_load(sdr_path, IK_INPUT_BINARY, &sdr_in, msg, sizeof(msg)) < 0) {
            ik_cli_error(cli, "sel decode: --sdr: %s", msg);
            return IK_EXIT_FAIL;
        }
        int bad = ik_sdr_repo_from_bytes(&repo, sdr_in.data, sdr_in.len);
        ik_input_free(&sdr_in);
        if (bad) {
            ik_cli_error(cli, "sel decode: --sdr: '%s' is not an SDR dump", sdr_path);
            ik_sdr_repo_free(&repo);
            return IK_EXIT_FAIL;
        }
    }

    struct ik_input in;
    if (ik_input_load(path, kind, &in, msg, sizeof(msg)) < 0) {
        ik_cli_error(cli, "sel decode: %s", msg);
        ik_sdr_repo_free(&repo);
        return IK_EXIT_FAIL;
    }

    struct decoder *d = calloc(1, sizeof(*d));
    char *obuf = malloc(OUT_CAP);
    if (!d || !obuf) {
        free(d);
        free(obuf);
        ik_input_free(&in);
        ik_sdr_repo_free(&repo);
        ik_cli_error(cli, "out of memory");
        return IK_EXIT_FAIL;
    }
    d->cli = cli;
    ik_selfmt_init(&d->fmt);
    if (sdr_path)
        ik_selfmt_use_repo(&d->fmt, &lookup, &repo);
    d->out.fp = cli->out;
    d->out.buf = obuf;
    d->writeraw_order = writeraw_order;
    d->mode = json ? MODE_JSON : verbose ? MODE_VERBOSE : MODE_ELIST;
    ik_selfmt_panic_init(&d->panic);

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
    ik_sdr_repo_free(&repo);
    return rc;
}

/* ---- live ------------------------------------------------------------------------------- */

#define CMD_SEL_INFO    0x40
#define CMD_SEL_RESERVE 0x42
#define CMD_SEL_GET     0x43
#define CMD_SEL_ADD     0x44
#define CMD_SEL_DELETE  0x46
#define CMD_SEL_CLEAR   0x47
#define CMD_SEL_TIME    0x48
#define CMD_SEL_SETTIME 0x49

static void live_usage(FILE *f)
{
    fputs("SEL Commands:  info clear delete list elist get add time save readraw writeraw "
          "decode\n"
          "  list | elist [N | first N | last N]\n"
          "  get <id>...<id>          delete <id>...<id>\n"
          "  add <file>               save <file>\n"
          "  writeraw <file>          readraw <file>\n"
          "  time get | time set \"mm/dd/yy hh:mm:ss\" (or yyyy) | time set now\n"
          "  decode [-v] [--sdr FILE] FILE   (offline)\n",
          f);
}

/* Get SEL Info, decoded; raw (if not NULL) gets the 14 bytes for --json. */
static int sel_info_data(struct ik_cli *cli, struct ik_repo_info *info,
                         uint8_t raw[IK_REPO_INFO_LEN])
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_SEL_INFO, NULL, 0, &r, IK_REPO_INFO_LEN,
                         "Get SEL Info");
    if (rc > 0)
        ik_cli_error(cli, "Get SEL Info command failed: %s", IK_CC_TEXT(r.cc));
    if (rc)
        return -1;
    /* ik_cli_call checked there are at least 14 bytes; extra ones are ignored. */
    if (ik_repo_info_decode(r.data, IK_REPO_INFO_LEN, info) != 0)
        return -1;
    if (raw)
        memcpy(raw, r.data, IK_REPO_INFO_LEN);
    return 0;
}

static int sel_info(struct ik_cli *cli)
{
    uint8_t d[IK_REPO_INFO_LEN];
    struct ik_repo_info info;
    if (sel_info_data(cli, &info, d) < 0)
        return IK_EXIT_FAIL;
    uint8_t version = info.version;
    unsigned entries = info.count, free_bytes = info.free_bytes;
    uint32_t add = info.add_ts, era = info.erase_ts;
    uint8_t ops = info.ops;
    if (cli->json) {
        json_t *o = json_object();
        char ver[8], tb[32];
        snprintf(ver, sizeof(ver), "%d.%d", version & 0x0F, version >> 4);
        IK_JSET(o, "version", json_string(ver));
        IK_JSET(o, "entries", json_integer(entries));
        IK_JSET(o, "free_bytes", json_integer(free_bytes));
        IK_JSET(o, "last_add_time", json_integer(add));
        const char *iso = ik_cli_time_iso(add, tb, sizeof(tb));
        IK_JSET(o, "last_add_time_utc", iso ? json_string(iso) : json_null());
        IK_JSET(o, "last_del_time", json_integer(era));
        iso = ik_cli_time_iso(era, tb, sizeof(tb));
        IK_JSET(o, "last_del_time_utc", iso ? json_string(iso) : json_null());
        IK_JSET(o, "overflow", json_boolean(ops & 0x80));
        json_t *a = json_array();
        if (ops & 0x08)
            json_array_append_new(a, json_string("delete"));
        if (ops & 0x04)
            json_array_append_new(a, json_string("partial_add"));
        if (ops & 0x02)
            json_array_append_new(a, json_string("reserve"));
        if (ops & 0x01)
            json_array_append_new(a, json_string("get_alloc_info"));
        IK_JSET(o, "supported_commands", a);
        IK_JSET(o, "raw", ik_json_hex(d, 14));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fputs("SEL Information\n", f);
    fprintf(f, "Version          : %d.%d (%s)\n", version & 0x0F, (version >> 4) & 0x0F,
            version == 0x51 || version == 0x02 ? "v1.5, v2 compliant" : "Unknown");
    fprintf(f, "Entries          : %d\n", entries);
    fprintf(f, "Free Space       : %d bytes %s\n", free_bytes,
            free_bytes == 65535 ? "or more" : "");
    /* ipmitool's arithmetic: a 16-bit entry count (e * 16 wraps), 32-bit free space */
    uint16_t e = (uint16_t)entries;
    uint32_t fr = (uint32_t)free_bytes;
    int pct = 0;
    if (e) {
        e = (uint16_t)(e * 16);
        fr += e;
        /* 0/0 after the wrap: what ipmitool's conversion of NaN gives on x86 (the
         * conversion itself is undefined in C, so spell it out) */
        pct = fr ? (int)(100 * ((double)e / (double)fr)) : INT_MIN;
    }
    if (fr >= 65535)
        fputs("Percent Used     : unknown\n", f);
    else
        fprintf(f, "Percent Used     : %d%%\n", pct);
    char tb[64];
    if (add == 0 || add == 0xFFFFFFFFu)
        fputs("Last Add Time    : Not Available\n", f);
    else
        fprintf(f, "Last Add Time    : %s\n", ik_cli_time_numeric(cli, add, tb, sizeof(tb)));
    if (era == 0 || era == 0xFFFFFFFFu)
        fputs("Last Del Time    : Not Available\n", f);
    else
        fprintf(f, "Last Del Time    : %s\n", ik_cli_time_numeric(cli, era, tb, sizeof(tb)));
    fprintf(f, "Overflow         : %s\n", ops & 0x80 ? "true" : "false");
    fputs("Supported Cmds   : ", f);
    if (ops & 0x0F) {
        if (ops & 0x08)
            fputs("'Delete' ", f);
        if (ops & 0x04)
            fputs("'Partial Add' ", f);
        if (ops & 0x02)
            fputs("'Reserve' ", f);
        if (ops & 0x01)
            fputs("'Get Alloc Info' ", f);
    } else {
        fputs("None", f);
    }
    fputc('\n', f);
    /* Get SEL Allocation Info when supported (31.3) */
    if (ops & 0x01) {
        struct ik_tr_rsp r;
        int rc =
            ik_cli_call(cli, IK_NETFN_STORAGE, 0x41, NULL, 0, &r, 9, "Get SEL Allocation Info");
        if (rc > 0)
            ik_cli_error(cli, "Get SEL Allocation Info command failed: %s", IK_CC_TEXT(r.cc));
        if (rc)
            return IK_EXIT_FAIL;
        /* table 31-3 (lib/repo_info.c); at least 9 bytes (checked by the call), the spec's
         * 9 are read */
        struct ik_repo_alloc a;
        if (ik_repo_alloc_decode(r.data, IK_REPO_ALLOC_LEN, &a) != 0)
            return IK_EXIT_FAIL; /* cannot happen: the length is the decoder's */
        fprintf(f, "# of Alloc Units : %d\n", a.units);
        fprintf(f, "Alloc Unit Size  : %d\n", a.unit_size);
        fprintf(f, "# Free Units     : %d\n", a.free_units);
        fprintf(f, "Largest Free Blk : %d\n", a.largest_free);
        fprintf(f, "Max Record Size  : %d\n", a.max_record);
    }
    return IK_EXIT_OK;
}

/* One record. 0 with rec and *next set, the completion code (> 0, not printed), or -1. */
static int get_entry(struct ik_cli *cli, uint16_t id, uint8_t rec[16], uint16_t *next)
{
    /* Get SEL Entry (lib/msg_storage.c): reservation 0000h, offset 0, the whole record */
    struct ik_get_record_req q = {
        .resv = 0, .record_id = id, .offset = 0, .count = IK_GET_RECORD_WHOLE};
    uint8_t req[IK_GET_RECORD_REQ_LEN];
    size_t qn = 0;
    if (ik_get_record_req_encode(&q, req, sizeof(req), &qn) != 0)
        return -1; /* cannot happen: 6 bytes fit */
    struct ik_tr_rsp r;
    if (ik_cli_req(cli, IK_NETFN_STORAGE, CMD_SEL_GET, req, qn, &r) < 0)
        return -1;
    if (r.cc)
        return r.cc;
    struct ik_get_record_rsp v;
    if (ik_get_record_rsp_decode(r.data, r.len, &v) != 0 || v.len != IK_SEL_RECORD_LEN) {
        ik_cli_error(cli, "Get SEL Entry %x: the BMC returned %zu data bytes, 18 expected", id,
                     r.len);
        return -1;
    }
    *next = v.next_id;
    memcpy(rec, v.data, IK_SEL_RECORD_LEN);
    return 0;
}

/* All records in BMC order, into a growing array. 0 or -1 (printed). */
static int read_all(struct ik_cli *cli, uint8_t **out, size_t *n)
{
    struct ik_repo_info info;
    if (sel_info_data(cli, &info, NULL) < 0)
        return -1;
    unsigned entries = info.count;
    size_t cap = entries ? entries : 16, count = 0;
    uint8_t *recs = malloc(cap * IK_SEL_RECORD_LEN);
    uint8_t *seen = calloc(65536 / 8, 1);
    if (!recs || !seen) {
        free(recs);
        free(seen);
        ik_cli_error(cli, "out of memory");
        return -1;
    }
    struct ik_progress pg;
    ik_progress_start(&pg, cli, "Reading SEL", entries);
    int rc = 0;
    uint16_t id = 0;
    while (entries && id != 0xFFFF) {
        if (count >= (size_t)entries * 4 + 16) {
            ik_cli_error(cli,
                         "Get SEL Entry: the record chain does not end after %zu records "
                         "(the SEL reports %u)",
                         count, entries);
            rc = -1;
            break;
        }
        if (count == cap) {
            cap *= 2;
            uint8_t *g = realloc(recs, cap * IK_SEL_RECORD_LEN);
            if (!g) {
                ik_cli_error(cli, "out of memory");
                rc = -1;
                break;
            }
            recs = g;
        }
        uint16_t next;
        int r = get_entry(cli, id, recs + count * IK_SEL_RECORD_LEN, &next);
        if (r == 0xCB && count == 0)
            break; /* empty */
        if (r != 0) {
            if (r > 0)
                ik_cli_error(cli, "Get SEL Entry %x command failed: %s", id, IK_CC_TEXT(r));
            rc = -1;
            break;
        }
        struct ik_rd rr;
        ik_rd_init(&rr, recs + count * IK_SEL_RECORD_LEN, IK_SEL_RECORD_LEN);
        uint16_t rid = ik_rd_le16(&rr);
        if (seen[rid / 8] & (1u << (rid % 8))) {
            ik_cli_error(cli, "Get SEL Entry: record %04x comes twice: the record chain loops",
                         rid);
            rc = -1;
            break;
        }
        seen[rid / 8] |= (uint8_t)(1u << (rid % 8));
        count++;
        ik_progress_step(&pg, count);
        id = next;
    }
    ik_progress_end(&pg);
    free(seen);
    if (rc) {
        free(recs);
        return -1;
    }
    *out = recs;
    *n = count;
    return 0;
}

/* "list [N | first N | last N]": the range of records to print. */
static int parse_range(struct ik_cli *cli, int argc, char **argv, int *first, unsigned long *n)
{
    *first = 1;
    *n = 0; /* all */
    int i = 1;
    if (i < argc && (strcmp(argv[i], "first") == 0 || strcmp(argv[i], "last") == 0)) {
        *first = argv[i][0] == 'f';
        i++;
        if (i >= argc) {
            ik_cli_error(cli, "Unknown sel list option");
            return -1;
        }
    }
    if (i < argc) {
        if (ik_cli_num(argv[i], 0xFFFF, n) < 0 || *n == 0) {
            ik_cli_error(cli, "Numeric argument required; got '%s'", argv[i]);
            return -1;
        }
        i++;
    }
    if (i < argc) {
        ik_cli_error(cli, "Unknown sel list option");
        return -1;
    }
    return 0;
}

/* The list lines; `elist` (extended) adds the whole text after a multi-record Linux panic
 * message (docs/cli.md), `list` stays ipmitool's exact text. */
static int write_records(struct ik_cli *cli, struct ik_selfmt *fmt, const uint8_t *recs, size_t n,
                         int extended)
{
    char line[IK_SELFMT_PANIC_LINE_MAX];
    struct ik_selfmt_panic panic;
    ik_selfmt_panic_init(&panic);
    struct ik_sel_record r, next;
    int have_next = n > 0 && ik_sel_decode(recs, IK_SEL_RECORD_LEN, &next) == 0;
    for (size_t i = 0; i < n; i++) {
        int have = have_next;
        r = next;
        have_next = i + 1 < n && ik_sel_decode(recs + (i + 1) * IK_SEL_RECORD_LEN,
                                               IK_SEL_RECORD_LEN, &next) == 0;
        if (!have)
            continue;
        size_t len = ik_selfmt_elist(fmt, &r, line, sizeof(line));
        if (fwrite(line, 1, len, cli->out) != len)
            return -1;
        if (extended && ik_selfmt_panic_next(&panic, &r, have_next ? &next : NULL)) {
            len = ik_selfmt_panic_line(&panic, &r, line, sizeof(line));
            if (fwrite(line, 1, len, cli->out) != len)
                return -1;
        }
    }
    return 0;
}

static int sel_list(struct ik_cli *cli, int argc, char **argv, int extended)
{
    int first;
    unsigned long count;
    if (parse_range(cli, argc, argv, &first, &count) < 0)
        return IK_EXIT_USAGE;
    struct ik_sdr_repo repo;
    int have_repo = 0;
    struct ik_selfmt fmt;
    struct ik_sel_lookup lk;
    ik_selfmt_init(&fmt);
    fmt.utc = cli->utc;
    if (extended) {
        /* Names and readings need the SDR repository; without it, ipmitool's plain form. */
        have_repo = ik_sdr_repo_load(cli, &repo) == 0;
        if (have_repo)
            ik_selfmt_use_repo(&fmt, &lk, &repo);
        else if (cli->transport_failed)
            return IK_EXIT_FAIL;
    }
    uint8_t *recs = NULL;
    size_t n = 0;
    int rc = IK_EXIT_OK;
    if (read_all(cli, &recs, &n) < 0) {
        rc = IK_EXIT_FAIL;
        goto out;
    }
    size_t from = 0, to = n;
    if (count && count < n) {
        if (first)
            to = count;
        else
            from = n - count;
    }
    if (cli->json) {
        json_t *arr = json_array();
        for (size_t i = from; i < to; i++) {
            struct ik_sel_record r;
            if (ik_sel_decode(recs + i * IK_SEL_RECORD_LEN, IK_SEL_RECORD_LEN, &r) == 0)
                json_array_append_new(arr, ik_selfmt_json(&fmt, &r, NULL));
        }
        ik_json_print(cli, arr);
    } else if (n == 0) {
        fputs("SEL has no entries\n", cli->err); /* stderr, as ipmitool */
    } else if (write_records(cli, &fmt, recs + from * IK_SEL_RECORD_LEN, to - from, extended) < 0) {
        rc = IK_EXIT_FAIL;
    }
out:
    free(recs);
    if (have_repo)
        ik_sdr_repo_free(&repo);
    return rc;
}

/* ---- get: ipmitool's `sel get` text ------------------------------------------------------- */

/* ipmitool prints the date where it means date and time (both calls share one static
 * buffer), so "Timestamp" shows the date twice; kept for scripts that parse it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-y2k" /* ipmitool's 2-digit year, kept */
static void get_timestamp(struct ik_cli *cli, uint32_t ts, FILE *f)
{
    char d[64];
    time_t t = (time_t)ts;
    struct tm tm;
    if (ts == 0xFFFFFFFFu) {
        snprintf(d, sizeof(d), "Unspecified");
    } else {
        if (cli->utc || ts < 0x20000000u)
            gmtime_r(&t, &tm);
        else
            localtime_r(&t, &tm);
        if (strftime(d, sizeof(d), ts < 0x20000000u ? "S+ %y/%j" : "%x", &tm) == 0)
            d[0] = '\0';
    }
    fprintf(f, " Timestamp             : %s %s\n", d, d);
}
#pragma GCC diagnostic pop

static const char *event_type_text(uint8_t t)
{
    if (t == 0)
        return "Unspecified";
    if (t == 1)
        return "Threshold";
    if (t >= 0x02 && t <= 0x0B)
        return "Generic Discrete";
    if (t == 0x6F)
        return "Sensor-specific Discrete";
    if (t >= 0x70 && t <= 0x7F)
        return "OEM";
    return "Reserved";
}

static void hex_ascii(FILE *f, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", p[i]);
    fputs(" [", f);
    for (size_t i = 0; i < n; i++)
        fputc(p[i] < 0x40 || p[i] > 0x7E ? '.' : p[i], f);
    fputs("]\n\n", f);
}

/* The record; the sensor block and the FRU devices of the sensor's entity follow when the
 * repository knows the sensor (ipmi_sel_show_entry). Returns 1 when a sensor block was
 * printed, 0 when not, -1 on a transport failure. */
static int get_text(struct ik_cli *cli, const struct ik_sel_record *r,
                    const struct ik_sdr_repo *repo)
{
    FILE *f = cli->out;
    const uint8_t *raw = r->raw;
    fprintf(f, "SEL Record ID          : %04x\n", r->record_id);
    if (r->record_type == 0xF0) {
        fprintf(f, " Record Type           : Linux kernel panic (OEM record %02x)\n",
                r->record_type);
        char text[12];
        memcpy(text, raw + 5, 11);
        text[11] = '\0';
        fprintf(f, " Panic string          : %s\n\n", text);
        return 0;
    }
    const struct ik_sdr_record *sdr = NULL;
    const struct ik_sel_event *ev = &r->ev;
    if (repo && r->record_type < 0xC0) {
        uint8_t owner = (uint8_t)(ev->gen_addr << 1 | (ev->gen_software ? 1 : 0));
        sdr = ik_sdr_repo_find(repo, owner, ev->gen_lun, ev->sensor_num);
        struct ik_sensor_id sid;
        if (sdr && (ik_sensor_of(sdr, &sid) < 0 || sid.sensor_type != ev->sensor_type))
            sdr = NULL;
    }
    fprintf(f, " Record Type           : %02x", r->record_type);
    if (!sdr && r->record_type >= 0xC0)
        fputs(r->record_type < 0xE0 ? "  (OEM timestamped)" : "  (OEM non-timestamped)", f);
    fputc('\n', f);
    if (r->record_type < 0xE0)
        get_timestamp(cli, r->timestamp, f);
    if (r->record_type >= 0xC0) {
        if (r->record_type <= 0xDF) {
            fprintf(f, " Manufactacturer ID    : %02x%02x%02x\n", raw[9], raw[8], raw[7]);
            fputs(" OEM Defined           : ", f);
            hex_ascii(f, raw + 10, 6);
        } else {
            fputs(" OEM Defined           : ", f);
            hex_ascii(f, raw + 3, 13);
        }
        return 0;
    }
    fprintf(f, " Generator ID          : %04x\n", ev->gen_id);
    fprintf(f, " EvM Revision          : %02x\n", ev->evm_rev);
    fprintf(f, " Sensor Type           : %s\n", ik_selfmt_sensor_type(ev->sensor_type));
    fprintf(f, " Sensor Number         : %02x\n", ev->sensor_num);
    fprintf(f, " Event Type            : %s\n", event_type_text(ev->event_type));
    fprintf(f, " Event Direction       : %s\n",
            ev->deassertion ? "Deassertion Event" : "Assertion Event");
    const char *desc = ik_selfmt_description(ev);
    if (!sdr) {
        fprintf(f, " Event Data            : %02x%02x%02x\n", ev->data[0], ev->data[1],
                ev->data[2]);
        fprintf(f, " Description           : %s\n\n", desc ? desc : "");
        return 0;
    }
    fprintf(f, " Event Data (RAW)      : %02x%02x%02x\n", ev->data[0], ev->data[1], ev->data[2]);
    if (ev->event_type == 0x01 && sdr->hdr.type == IK_SDR_FULL) {
        const struct ik_sdr_full *full = &sdr->u.full;
        struct ik_sdr_conv c;
        ik_sdr_full_conv(full, &c);
        if ((c.linearization & 0x7F) >= IK_SDR_LIN_NONLINEAR || !ik_sdr_lin_name(c.linearization))
            c.linearization = IK_SDR_LIN_LINEAR;
        char units[48];
        ik_sdrfmt_units(&full->s.units, units, sizeof(units));
        static const char *const lbl[2] = {" Trigger Reading       : ",
                                           " Trigger Threshold     : "};
        for (int k = 0; k < 2; k++) {
            int use = (ev->data[0] >> (k ? 4 : 6)) & 3;
            if (use == 1)
                fprintf(f, "%s%.3f%s\n", lbl[k], ik_sdr_to_real(&c, ev->data[1 + k]), units);
            else if (use == 2)
                fprintf(f, " OEM Data              : %02x\n", ev->data[1 + k]);
            else if (use == 3)
                fprintf(f, " Sensor Extension Code : %02x\n", ev->data[1 + k]);
        }
    } else if (ev->event_type >= 0x02 && ev->event_type <= 0x0C) {
        /* generic discrete: nothing more */
    } else if (ev->event_type == 0x6F) {
        if (ev->sensor_type == 0x0C && ev->sensor_num == 0 && (ev->data[0] & 0x30) == 0x20)
            fprintf(f, " Event Data            : CPU %d DIMM %d\n", ev->data[2] & 0x0F,
                    ev->data[2] >> 4);
        else if (!(ev->sensor_type == 0x2B && ev->data[0] == 0xC1))
            fputs(" Event Interpretation  : Missing\n", f);
    } else if (ev->event_type < 0x70 || ev->event_type > 0x7F) {
        fprintf(f, " Event Data            : %02x%02x%02x\n", ev->data[0], ev->data[1],
                ev->data[2]);
    }
    fprintf(f, " Description           : %s\n\n", desc ? desc : "");

    /* the sensor, then the FRU devices of its entity */
    struct ik_sdrfmt_opts opts;
    ik_sdrfmt_live_opts(&opts);
    struct ik_sensor_id sid;
    ik_sensor_of(sdr, &sid);
    if (sdr->hdr.type == IK_SDR_EVENT_ONLY) {
        ik_sdrfmt_verbose(f, sdr, NULL, &opts);
        return 1;
    }
    struct ik_sdrfmt_reading rd;
    struct ik_sdr_conv factors;
    uint8_t thr[8];
    if (ik_sensor_read(cli, sdr, 1, &rd, &factors) < 0)
        return -1;
    int tl = ik_sensor_thresholds(cli, sdr, thr);
    if (tl < 0)
        return -1;
    ik_sdrfmt_sensor_get(f, sdr, &rd, thr, (size_t)tl, &opts);
    for (size_t i = 0; i < repo->n; i++) {
        const struct ik_sdr_entry *e = &repo->ents[i];
        if (!e->ok || e->rec.hdr.type != IK_SDR_FRU_LOCATOR)
            continue;
        const struct ik_sdr_fru_locator *l = &e->rec.u.fru;
        /* ipmitool never prints the BMC's own device 0 here */
        if (l->entity_id != sid.entity_id || l->entity_instance != sid.entity_instance ||
            !l->logical || l->device_id == 0)
            continue;
        ik_fru_print_device(cli, l->device_id, l->id.text);
        fputc('\n', f);
    }
    return 1;
}

static int sel_get(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "usage: sel get <id>...<id>");
        return IK_EXIT_USAGE;
    }
    struct ik_sdr_repo repo;
    struct ik_selfmt fmt;
    struct ik_sel_lookup lk;
    ik_selfmt_init(&fmt);
    fmt.utc = cli->utc;
    int have_repo = ik_sdr_repo_load(cli, &repo) == 0;
    if (have_repo)
        ik_selfmt_use_repo(&fmt, &lk, &repo);
    json_t *arr = cli->json ? json_array() : NULL;
    int rc = IK_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        unsigned long id;
        if (ik_cli_num(argv[i], 0xFFFF, &id) < 0) {
            ik_cli_error(cli, "Given SEL ID '%s' is invalid.", argv[i]);
            rc = IK_EXIT_USAGE;
            continue;
        }
        uint8_t rec[16];
        uint16_t next;
        int r = get_entry(cli, (uint16_t)id, rec, &next);
        if (r < 0) {
            rc = IK_EXIT_FAIL;
            break;
        }
        if (r > 0) {
            if (r == 0xCB)
                ik_cli_error(cli, "SEL Entry 0x%lx not found.", id);
            else
                ik_cli_error(cli, "Get SEL Entry %lx command failed: %s", id, IK_CC_TEXT(r));
            rc = IK_EXIT_FAIL;
            continue;
        }
        struct ik_sel_record sr;
        ik_sel_decode(rec, 16, &sr);
        if (arr) {
            json_array_append_new(arr, ik_selfmt_json(&fmt, &sr, NULL));
        } else if (cli->verbose) {
            /* -v: the full interpretation (sel decode -v's form) */
            if (ik_selfmt_verbose_fp(&fmt, &sr, NULL, cli->out) < 0)
                rc = IK_EXIT_FAIL;
        } else {
            int shown = get_text(cli, &sr, have_repo ? &repo : NULL);
            if (shown < 0) {
                rc = IK_EXIT_FAIL;
                break;
            }
            if (shown && i < argc - 1)
                fputs("----------------------\n\n", cli->out);
        }
    }
    if (arr)
        ik_json_print(cli, arr);
    if (have_repo)
        ik_sdr_repo_free(&repo);
    return rc;
}

static int reserve_sel(struct ik_cli *cli, uint16_t *res)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_SEL_RESERVE, NULL, 0, &r, 2, "Reserve SEL");
    if (rc < 0)
        return -1;
    if (rc > 0) { /* no reservations: 0000h */
        *res = 0;
        return 0;
    }
    /* At least 2 bytes (checked by the call); extra ones are ignored. */
    struct ik_reserve_rsp v;
    if (ik_reserve_rsp_decode(r.data, IK_RESERVE_RSP_LEN, &v) != 0)
        return -1; /* cannot happen: the length is the one the decoder takes */
    *res = v.resv;
    return 0;
}

static int sel_delete(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "usage: sel delete <id>...<id>");
        return IK_EXIT_USAGE;
    }
    uint16_t ids[256];
    int n = 0;
    for (int i = 1; i < argc && n < 256; i++) {
        unsigned long v;
        if (ik_cli_num(argv[i], 0xFFFF, &v) < 0) {
            ik_cli_error(cli, "Given SEL ID '%s' is invalid.", argv[i]);
            return IK_EXIT_USAGE;
        }
        ids[n++] = (uint16_t)v;
    }
    uint16_t res;
    if (reserve_sel(cli, &res) < 0)
        return IK_EXIT_FAIL;
    int rc = IK_EXIT_OK;
    json_t *arr = cli->json ? json_array() : NULL;
    for (int i = 0; i < n; i++) {
        struct ik_sel_delete_req q = {.resv = res, .record_id = ids[i]};
        uint8_t req[IK_SEL_DELETE_REQ_LEN];
        size_t qn = 0;
        struct ik_tr_rsp r;
        if (ik_sel_delete_req_encode(&q, req, sizeof(req), &qn) != 0 ||
            ik_cli_req(cli, IK_NETFN_STORAGE, CMD_SEL_DELETE, req, qn, &r) < 0) {
            rc = IK_EXIT_FAIL;
            break;
        }
        if (r.cc) {
            ik_cli_error(cli, "Unable to delete entry %d: %s", ids[i], IK_CC_TEXT(r.cc));
            rc = IK_EXIT_FAIL;
        } else if (arr) {
            json_array_append_new(arr, json_integer(ids[i]));
        } else {
            fprintf(cli->out, "Deleted entry %d\n", ids[i]);
        }
    }
    if (arr) {
        json_t *o = json_object();
        IK_JSET(o, "deleted", arr);
        ik_json_print(cli, o);
    }
    return rc;
}

static int sel_clear(struct ik_cli *cli)
{
    uint16_t res;
    if (reserve_sel(cli, &res) < 0)
        return IK_EXIT_FAIL;
    struct ik_sel_clear_req q = {.resv = res, .confirmed = true, .action = IK_SEL_CLEAR_INITIATE};
    uint8_t req[IK_SEL_CLEAR_REQ_LEN];
    size_t qn = 0;
    if (ik_sel_clear_req_encode(&q, req, sizeof(req), &qn) != 0)
        return IK_EXIT_FAIL; /* cannot happen: 6 bytes fit */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_SEL_CLEAR, req, qn, &r, 0, "Clear SEL");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        ik_cli_error(cli, "Unable to clear SEL: %s", IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "cleared", json_true());
        return ik_json_print(cli, o);
    }
    fputs("Clearing SEL.  Please allow a few seconds to erase.\n", cli->out);
    return IK_EXIT_OK;
}

static int sel_time(struct ik_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "get") == 0) {
        struct ik_tr_rsp r;
        int rc = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_SEL_TIME, NULL, 0, &r, 4, "Get SEL Time");
        if (rc > 0)
            ik_cli_error(cli, "Get SEL Time command failed: %s", IK_CC_TEXT(r.cc));
        if (rc)
            return IK_EXIT_FAIL;
        /* At least 4 bytes (checked by the call); extra ones are ignored. */
        struct ik_storage_time st;
        if (ik_storage_time_decode(r.data, IK_STORAGE_TIME_LEN, &st) != 0)
            return IK_EXIT_FAIL; /* cannot happen: the length is the one the decoder takes */
        uint32_t t = st.time;
        char tb[64];
        if (cli->json) {
            json_t *o = json_object();
            IK_JSET(o, "time", json_integer(t));
            const char *iso = ik_cli_time_iso(t, tb, sizeof(tb));
            IK_JSET(o, "time_utc", iso ? json_string(iso) : json_null());
            return ik_json_print(cli, o);
        }
        fprintf(cli->out, "%s\n", ik_cli_time_numeric(cli, t, tb, sizeof(tb)));
        return IK_EXIT_OK;
    }
    if (argc >= 3 && strcmp(argv[1], "set") == 0) {
        time_t t;
        if (strcmp(argv[2], "now") == 0) {
            t = time(NULL);
        } else {
            struct tm tm;
            memset(&tm, 0, sizeof(tm));
            /* ipmitool's "%x %X" in the C locale (mm/dd/yy hh:mm:ss), or a 4-digit year */
            const char *end = strptime(argv[2], "%m/%d/%y %H:%M:%S", &tm);
            if (!end || *end) {
                memset(&tm, 0, sizeof(tm));
                end = strptime(argv[2], "%m/%d/%Y %H:%M:%S", &tm);
            }
            if (!end || *end) {
                ik_cli_error(cli, "Specified time could not be parsed");
                return IK_EXIT_USAGE;
            }
            tm.tm_isdst = -1;
            t = cli->utc ? timegm(&tm) : mktime(&tm);
        }
        if (t < 0 || (uint64_t)t > 0xFFFFFFFEull) {
            ik_cli_error(cli, "time out of range");
            return IK_EXIT_USAGE;
        }
        uint32_t v = (uint32_t)t;
        struct ik_storage_time st = {.time = v};
        uint8_t req[IK_STORAGE_TIME_LEN];
        size_t qn = 0;
        if (ik_storage_time_encode(&st, req, sizeof(req), &qn) != 0)
            return IK_EXIT_FAIL; /* cannot happen: 4 bytes fit */
        struct ik_tr_rsp r;
        int rc =
            ik_cli_call(cli, IK_NETFN_STORAGE, CMD_SEL_SETTIME, req, qn, &r, 0, "Set SEL Time");
        if (rc > 0)
            ik_cli_error(cli, "Set SEL Time command failed: %s", IK_CC_TEXT(r.cc));
        if (rc)
            return IK_EXIT_FAIL;
        if (cli->json) {
            json_t *o = json_object();
            IK_JSET(o, "time", json_integer(v));
            return ik_json_print(cli, o);
        }
        /* as ipmitool: read the clock back */
        char *get[2] = {argv[0], "get"};
        return sel_time(cli, 2, get);
    }
    ik_cli_error(cli, "sel time commands: get set");
    return IK_EXIT_USAGE;
}

/* add FILE: lines of 7 numbers (EvM rev, sensor type, number, direction|type, data 1-3) as
 * `sel save` writes them, '#' comments; each becomes a system event record from software
 * ID 20h (generator 0041h), as ipmitool adds them. */
static int sel_add(struct ik_cli *cli, int argc, char **argv)
{
    if (argc != 2) {
        ik_cli_error(cli, "usage: sel add <filename>");
        return IK_EXIT_USAGE;
    }
    FILE *fp = fopen(argv[1], "r");
    if (!fp) {
        ik_cli_error(cli, "cannot open '%s'", argv[1]);
        return IK_EXIT_FAIL;
    }
    char line[1024];
    int rc = IK_EXIT_OK, lineno = 0;
    struct ik_selfmt fmt;
    ik_selfmt_init(&fmt);
    fmt.utc = cli->utc;
    json_t *added = cli->json ? json_array() : NULL;
    while (fgets(line, sizeof(line), fp)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        uint8_t b[7];
        int n = 0, bad = 0;
        for (char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save); tok;
             tok = strtok_r(NULL, " \t\r\n", &save)) {
            unsigned long v;
            if (n == 7 || ik_cli_num(tok, 0xFF, &v) < 0) {
                bad = 1;
                break;
            }
            b[n++] = (uint8_t)v;
        }
        if (n == 0 && !bad)
            continue;
        if (bad || n != 7) {
            ik_cli_error(cli, "Invalid Event: %s line %d (7 numbers expected)", argv[1], lineno);
            rc = IK_EXIT_FAIL;
            continue;
        }
        struct ik_sel_record r;
        memset(&r, 0, sizeof(r));
        r.record_type = 0x02;
        r.kind = IK_SEL_KIND_SYSTEM;
        r.ev.gen_id = 0x0041;
        r.ev.evm_rev = b[0];
        r.ev.sensor_type = b[1];
        r.ev.sensor_num = b[2];
        r.ev.deassertion = b[3] >> 7;
        r.ev.event_type = b[3] & 0x7F;
        memcpy(r.ev.data, b + 4, 3);
        uint8_t raw[16];
        size_t w;
        if (ik_sel_encode(&r, raw, sizeof(raw), &w) != 0) {
            rc = IK_EXIT_FAIL;
            continue;
        }
        struct ik_sel_record shown;
        ik_sel_decode(raw, 16, &shown);
        if (!cli->json)
            ik_selfmt_elist_fp(&fmt, &shown, cli->out);
        struct ik_tr_rsp rsp;
        int c = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_SEL_ADD, raw, 16, &rsp, 2, "Add SEL Entry");
        if (c > 0)
            ik_cli_error(cli, "Add SEL Entry failed: %s", IK_CC_TEXT(rsp.cc));
        if (c) {
            rc = IK_EXIT_FAIL;
            break;
        }
        if (added) { /* the record ID the BMC gave the entry (the call saw 2 bytes) */
            struct ik_sel_id_rsp v;
            if (ik_sel_id_rsp_decode(rsp.data, IK_SEL_ID_RSP_LEN, &v) == 0)
                json_array_append_new(added, json_integer(v.record_id));
        }
    }
    fclose(fp);
    if (added) {
        json_t *o = json_object();
        IK_JSET(o, "file", json_string(argv[1]));
        IK_JSET(o, "added", added);
        ik_json_print(cli, o);
    }
    return rc;
}

/* save (text lines for `sel add`), writeraw (16-byte records): the list is printed too. */
static int sel_save(struct ik_cli *cli, int argc, char **argv, int raw)
{
    if (argc != 2) {
        ik_cli_error(cli, raw ? "usage: sel writeraw <filename>" : "usage: sel save <filename>");
        return IK_EXIT_USAGE;
    }
    uint8_t *recs = NULL;
    size_t n = 0;
    if (read_all(cli, &recs, &n) < 0)
        return IK_EXIT_FAIL;
    FILE *fp = fopen(argv[1], raw ? "wb" : "w");
    if (!fp) {
        ik_cli_error(cli, "cannot open '%s' for writing", argv[1]);
        free(recs);
        return IK_EXIT_FAIL;
    }
    struct ik_selfmt fmt;
    ik_selfmt_init(&fmt);
    fmt.utc = cli->utc;
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        const uint8_t *p = recs + i * IK_SEL_RECORD_LEN;
        struct ik_sel_record r;
        ik_sel_decode(p, IK_SEL_RECORD_LEN, &r);
        /* ipmitool's byte order (the manufacturer ID of C0h-DFh records reversed), so
         * files interchange with it: `ipmitool sel readraw` reads what we write. */
        uint8_t q[16];
        memcpy(q, p, 16);
        if (p[2] >= 0xC0 && p[2] <= 0xDF) {
            q[7] = p[9];
            q[9] = p[7];
        }
        if (raw) {
            ok = fwrite(q, 1, 16, fp) == 16;
        } else {
            /* ipmitool writes every record as an event: bytes 9-15 of its record (for OEM
             * records these are OEM bytes read as one, with no description). */
            struct ik_sel_event ev;
            memset(&ev, 0, sizeof(ev));
            ev.evm_rev = q[9];
            ev.sensor_type = q[10];
            ev.sensor_num = q[11];
            ev.deassertion = q[12] >> 7;
            ev.event_type = q[12] & 0x7F;
            memcpy(ev.data, q + 13, 3);
            const char *desc = p[2] >= 0xC0 ? NULL : ik_selfmt_description(&ev);
            ok = fprintf(fp, "0x%02x 0x%02x 0x%02x 0x%02x 0x%02x 0x%02x 0x%02x # %s #0x%02x %s\n",
                         q[9], q[10], q[11], q[12], q[13], q[14], q[15],
                         ik_selfmt_sensor_type(ev.sensor_type), ev.sensor_num,
                         desc ? desc : "Unknown") > 0;
        }
        if (!cli->json)
            ik_selfmt_elist_fp(&fmt, &r, cli->out);
    }
    if (fclose(fp) != 0)
        ok = 0;
    free(recs);
    if (!ok) {
        ik_cli_error(cli, "write error on '%s'", argv[1]);
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "file", json_string(argv[1]));
        IK_JSET(o, "records", json_integer((json_int_t)n));
        return ik_json_print(cli, o);
    }
    return IK_EXIT_OK;
}

int ik_cmd_sel(struct ik_cli *cli, int argc, char **argv)
{
    const char *sub = argc < 2 ? "info" : argv[1];
    if (strcmp(sub, "help") == 0 || strcmp(sub, "-h") == 0) {
        live_usage(cli->out);
        usage(cli->out);
        return IK_EXIT_OK;
    }
    if (strcmp(sub, "decode") == 0)
        return cmd_decode(cli, argc - 1, argv + 1);
    if (strcmp(sub, "info") == 0)
        return sel_info(cli);
    if (strcmp(sub, "list") == 0 || strcmp(sub, "elist") == 0)
        return sel_list(cli, argc - 1, argv + 1, sub[0] == 'e');
    if (strcmp(sub, "get") == 0)
        return sel_get(cli, argc - 1, argv + 1);
    if (strcmp(sub, "delete") == 0)
        return sel_delete(cli, argc - 1, argv + 1);
    if (strcmp(sub, "clear") == 0)
        return sel_clear(cli);
    if (strcmp(sub, "time") == 0)
        return sel_time(cli, argc - 1, argv + 1);
    if (strcmp(sub, "add") == 0)
        return sel_add(cli, argc - 1, argv + 1);
    if (strcmp(sub, "save") == 0)
        return sel_save(cli, argc - 1, argv + 1, 0);
    if (strcmp(sub, "writeraw") == 0)
        return sel_save(cli, argc - 1, argv + 1, 1);
    if (strcmp(sub, "readraw") == 0) {
        if (argc != 3) {
            ik_cli_error(cli, "usage: sel readraw <filename>");
            return IK_EXIT_USAGE;
        }
        /* ipmitool's readraw: its writeraw byte order, list form */
        char *args[4] = {"decode", "--raw", "--ipmitool-writeraw", argv[2]};
        return cmd_decode(cli, 4, args);
    }
    ik_cli_error(cli, "Invalid SEL command: %s", sub);
    live_usage(cli->err);
    return IK_EXIT_USAGE;
}
