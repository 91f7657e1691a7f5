/*
 * ipmikit fru: FRU inventory.
 *
 * Live (IPMI 2.0 section 34): print [ID] (every FRU device when no ID: the BMC's device 0,
 * then each FRU device locator of the SDR repository), read ID FILE, write ID FILE, in
 * ipmitool 1.8.19's text or --json (docs/json/fru.md).
 *   Get FRU Inventory Area Info (34.1): 0-1 size in bytes, 2 [0] 1 = accessed by words
 *   Read FRU Data (34.2): 0 count returned, 1.. the data (count must match the bytes that
 *     follow and not exceed what was asked)
 *   Write FRU Data (34.3): 0 count written
 *
 * Offline: `fru decode FILE` decodes images from files (raw, as `ipmitool fru read` writes
 * them, or commented hex) into ipmitool's `fru print` text, a verbose view, or JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "msg_storage.h"
#include "frufmt.h"
#include "input.h"
#include "ipmikit/error.h"
#include "ipmikit/fru.h"
#include "fruprint.h"
#include "sdrcache.h"
#include "util.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: ipmikit [--json] fru decode [-v] [--hex|--raw] FILE\n"
               "  FILE   a FRU image: raw bytes (ipmitool fru read ID FILE) or hex text\n"
               "         (the whole image, lines concatenated, '#' comments); '-' = stdin\n"
               "  -v     everything: area layout and checksums, FRU file IDs, multirecords\n"
               "  --hex  FILE is hex text      --raw  FILE is raw bytes (default: guess)\n"
               "Exit status: 0 clean image, 1 the image has problems (reported on stderr,\n"
               "decoding goes on where it can) or cannot be read, 2 usage error.\n");
}

/* The image bytes of a loaded input: raw as is, hex lines concatenated. */
static int image_bytes(struct ik_cli *cli, struct ik_input *in, const char *path, uint8_t **img,
                       size_t *len)
{
    if (in->kind == IK_INPUT_BINARY) {
        *img = in->data;
        *len = in->len;
        return 0;
    }
    uint8_t *buf = malloc(IK_FRU_IMAGE_MAX + 1);
    if (!buf) {
        ik_cli_error(cli, "fru: out of memory");
        return -1;
    }
    size_t total = 0;
    for (;;) {
        size_t n = 0;
        int line = 0;
        int rc = ik_input_next_hex(in, buf + total, IK_FRU_IMAGE_MAX + 1 - total, &n, &line);
        if (rc == 0)
            break;
        if (rc == IK_E_SYNTAX) {
            ik_cli_error(cli, "fru: %s line %d: not hex (odd digit count or a stray character)",
                         path, line);
            free(buf);
            return -1;
        }
        if (rc == IK_E_OVERSIZE) {
            ik_cli_error(cli, "fru: %s: image is larger than %u bytes (line %d)", path,
                         IK_FRU_IMAGE_MAX, line);
            free(buf);
            return -1;
        }
        total += n;
    }
    *img = buf;
    *len = total;
    return 0;
}

static int decode_file(struct ik_cli *cli, const char *path, enum ik_input_kind kind)
{
    struct ik_input in;
    char err[256];
    if (ik_input_load(path, kind, &in, err, sizeof(err)) < 0) {
        ik_cli_error(cli, "fru: %s", err);
        return IK_EXIT_FAIL;
    }
    uint8_t *img = NULL;
    size_t len = 0;
    if (image_bytes(cli, &in, path, &img, &len) < 0) {
        ik_input_free(&in);
        return IK_EXIT_FAIL;
    }
    struct ik_fru *fru = malloc(sizeof(*fru));
    int status = IK_EXIT_FAIL;
    if (!fru) {
        ik_cli_error(cli, "fru: out of memory");
        goto out;
    }
    int rc = ik_fru_decode(img, len, fru);
    if (rc == IK_E_TRUNCATED && len == 0) {
        ik_cli_error(cli, "fru: %s: common header at byte 0: the image is empty (0 bytes)", path);
        goto out;
    }
    if (rc == IK_E_TRUNCATED) {
        ik_cli_error(cli,
                     "fru: %s: common header at byte 0: truncated, the image has %zu bytes "
                     "and the header needs %d",
                     path, len, IK_FRU_HEADER_LEN);
        goto out;
    }
    if (rc == IK_E_UNSUPPORTED) {
        ik_cli_error(cli,
                     "fru: %s: common header at byte 0: format version 0x%02x is not 1 (not a "
                     "FRU image?)",
                     path, img[0]);
        goto out;
    }
    if (rc < 0) {
        ik_cli_error(cli, "fru: %s: %s", path, ik_strerror(rc));
        goto out;
    }
    if (cli->json) {
        json_t *j = ik_frufmt_json(fru, img, len);
        json_dumpf(j, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', cli->out);
        json_decref(j);
    } else {
        ik_frufmt_text(cli->out, fru, cli->verbose);
    }
    for (uint8_t i = 0; i < fru->n_problems; i++) {
        char msg[256];
        ik_frufmt_problem(&fru->problems[i], fru, msg, sizeof(msg));
        ik_cli_error(cli, "fru: %s: %s", path, msg);
    }
    if (fru->problems_dropped)
        ik_cli_error(cli, "fru: %s: %u more problems not shown", path, fru->problems_dropped);
    status = fru->n_problems ? IK_EXIT_FAIL : IK_EXIT_OK;
out:
    free(fru);
    if (img != in.data)
        free(img);
    ik_input_free(&in);
    return status;
}

/* ---- live --------------------------------------------------------------------------------- */

#define CMD_FRU_INFO  0x10
#define CMD_FRU_READ  0x11
#define CMD_FRU_WRITE 0x12

static void live_usage(FILE *f)
{
    fputs("FRU Commands:  print read write decode\n"
          "  print [fru id]            every FRU device when no id is given\n"
          "  read <fru id> <file>      write <fru id> <file>\n"
          "  decode [-v] [--hex|--raw] FILE   (offline)\n",
          f);
}

/* The device's inventory area size. 0, the completion code (> 0), or -1 (printed). */
static int fru_info(struct ik_cli *cli, uint8_t id, size_t *size, int *words)
{
    struct ik_fru_device_req q = {.device_id = id};
    uint8_t req[IK_FRU_DEVICE_REQ_LEN];
    size_t qn = 0;
    if (ik_fru_device_req_encode(&q, req, sizeof(req), &qn) != 0)
        return -1; /* cannot happen: 1 byte fits */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_FRU_INFO, req, qn, &r, IK_FRU_INFO_RSP_LEN,
                         "Get FRU Inventory Area Info");
    if (rc > 0)
        return r.cc;
    if (rc < 0)
        return -1;
    /* At least 3 bytes (checked by the call); extra ones are ignored. */
    struct ik_fru_info_rsp v;
    if (ik_fru_info_rsp_decode(r.data, IK_FRU_INFO_RSP_LEN, &v) != 0)
        return -1; /* cannot happen: the length is the one the decoder takes */
    *size = v.size;
    *words = v.by_words;
    return 0;
}

/* The whole inventory area into a malloc'd buffer. 0, a completion code (> 0), or -1. */
static int fru_read_all(struct ik_cli *cli, uint8_t id, uint8_t **out, size_t *len)
{
    size_t size = 0;
    int words = 0;
    int rc = fru_info(cli, id, &size, &words);
    if (rc)
        return rc;
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf) {
        ik_cli_error(cli, "out of memory");
        return -1;
    }
    size_t off = 0, chunk = 32;
    while (off < size) {
        size_t want = size - off < chunk ? size - off : chunk;
        size_t unit = words ? 2 : 1;
        /* Read FRU Data (table 34-3): offset and count in words when words */
        struct ik_fru_read_req q = {
            .device_id = id, .offset = (uint16_t)(off / unit), .count = (uint8_t)(want / unit)};
        uint8_t req[IK_FRU_READ_REQ_LEN];
        size_t qn = 0;
        struct ik_tr_rsp r;
        if (ik_fru_read_req_encode(&q, req, sizeof(req), &qn) != 0 ||
            ik_cli_req(cli, IK_NETFN_STORAGE, CMD_FRU_READ, req, qn, &r) < 0) {
            free(buf);
            return -1;
        }
        if (r.cc && chunk > 8 && (r.cc == 0xC7 || r.cc == 0xC8 || r.cc == 0xCA || r.cc == 0xFF)) {
            chunk /= 2; /* the device cannot return that many bytes at once */
            continue;
        }
        if (r.cc) {
            free(buf);
            return r.cc;
        }
        struct ik_fru_read_rsp v = {.count = 0, .data = NULL, .len = 0};
        int bad = ik_fru_read_rsp_decode(r.data, r.len, &v) != 0;
        size_t got = (size_t)v.count * unit;
        if (bad || got == 0 || got > want || v.len != got) {
            ik_cli_error(cli,
                         "Read FRU Data (device %u, offset %zu): count byte %u with %zu data "
                         "bytes for %zu asked",
                         id, off, v.count, v.len, want);
            free(buf);
            return -1;
        }
        memcpy(buf + off, v.data, got);
        off += got;
    }
    *out = buf;
    *len = size;
    return 0;
}

/* Print one device's inventory (ipmitool's text, or a JSON object appended to arr). */
static int print_device(struct ik_cli *cli, uint8_t id, const char *title, json_t *arr)
{
    if (title && !arr)
        fprintf(cli->out, "FRU Device Description : %s (ID %d)\n", title, id);
    uint8_t *img = NULL;
    size_t len = 0;
    int rc = fru_read_all(cli, id, &img, &len);
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc > 0) {
        if (arr) {
            json_t *o = json_object();
            IK_JSET(o, "fru_id", json_integer(id));
            if (title)
                IK_JSET(o, "description", json_string(title));
            IK_JSET(o, "error", json_string(IK_CC_TEXT((uint8_t)rc)));
            json_array_append_new(arr, o);
        } else {
            fprintf(cli->out, " Device not present (%s)\n", IK_CC_TEXT((uint8_t)rc));
        }
        return IK_EXIT_FAIL;
    }
    struct ik_fru *fru = malloc(sizeof(*fru));
    int status = IK_EXIT_OK;
    if (!fru) {
        free(img);
        ik_cli_error(cli, "out of memory");
        return IK_EXIT_FAIL;
    }
    int drc = ik_fru_decode(img, len, fru);
    if (drc < 0) {
        if (arr) {
            json_t *o = json_object();
            IK_JSET(o, "fru_id", json_integer(id));
            IK_JSET(o, "error", json_string(ik_strerror(drc)));
            IK_JSET(o, "raw", ik_json_hex(img, len));
            json_array_append_new(arr, o);
        } else {
            ik_cli_error(cli, "FRU device %d: %s (not a FRU image?)", id, ik_strerror(drc));
        }
        status = IK_EXIT_FAIL;
    } else {
        if (arr) {
            json_t *o = ik_frufmt_json(fru, img, len);
            json_t *head = json_object();
            IK_JSET(head, "fru_id", json_integer(id));
            if (title)
                IK_JSET(head, "description", json_string(title));
            json_object_update(head, o);
            json_decref(o);
            json_array_append_new(arr, head);
        } else {
            ik_frufmt_text(cli->out, fru, cli->verbose);
        }
        for (uint8_t i = 0; i < fru->n_problems; i++) {
            char msg[256];
            ik_frufmt_problem(&fru->problems[i], fru, msg, sizeof(msg));
            ik_cli_error(cli, "fru %d: %s", id, msg);
        }
    }
    free(fru);
    free(img);
    return status;
}

int ik_fru_print_device(struct ik_cli *cli, uint8_t id, const char *title)
{
    return print_device(cli, id, title, NULL);
}

static int fru_print(struct ik_cli *cli, int argc, char **argv)
{
    json_t *arr = cli->json ? json_array() : NULL;
    int rc = IK_EXIT_OK;
    if (argc >= 2) {
        unsigned long id;
        if (ik_cli_num(argv[1], 0xFE, &id) < 0) {
            ik_cli_error(cli, "FRU Device ID '%s' is invalid.", argv[1]);
            json_decref(arr);
            return IK_EXIT_USAGE;
        }
        rc = print_device(cli, (uint8_t)id, NULL, arr);
    } else {
        /* The BMC's own device 0, then the FRU device locators of the repository (the
         * BMC's device 0 is not listed twice). */
        rc = print_device(cli, 0, "Builtin FRU Device", arr);
        if (!arr)
            fputc('\n', cli->out);
        struct ik_sdr_repo repo;
        if (ik_sdr_repo_load(cli, &repo) == 0) {
            uint8_t bmc = (uint8_t)(cli->target_addr >= 0 ? cli->target_addr : 0x20);
            for (size_t i = 0; i < repo.n; i++) {
                const struct ik_sdr_entry *e = &repo.ents[i];
                if (!e->ok || e->rec.hdr.type != IK_SDR_FRU_LOCATOR)
                    continue;
                const struct ik_sdr_fru_locator *l = &e->rec.u.fru;
                /* logical FRU devices behind the BMC itself can be read; others would
                 * need bridging (not supported) */
                if (!l->logical || l->access_addr != bmc || l->access_lun || l->channel)
                    continue;
                if (l->device_id == 0)
                    continue;
                int r = print_device(cli, l->device_id, l->id.text, arr);
                if (r != IK_EXIT_OK)
                    rc = r;
                if (!arr)
                    fputc('\n', cli->out);
            }
            ik_sdr_repo_free(&repo);
        }
    }
    if (arr)
        ik_json_print(cli, arr);
    return rc;
}

static int fru_read_cmd(struct ik_cli *cli, int argc, char **argv)
{
    unsigned long id;
    if (argc != 3 || ik_cli_num(argv[1], 0xFE, &id) < 0) {
        ik_cli_error(cli, "usage: fru read <fru id> <fru file>");
        return IK_EXIT_USAGE;
    }
    uint8_t *img;
    size_t len;
    int rc = fru_read_all(cli, (uint8_t)id, &img, &len);
    if (rc > 0)
        ik_cli_error(cli, "FRU device %lu: %s", id, IK_CC_TEXT((uint8_t)rc));
    if (rc)
        return IK_EXIT_FAIL;
    FILE *f = fopen(argv[2], "wb");
    int ok = f && fwrite(img, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    free(img);
    if (!ok) {
        ik_cli_error(cli, "cannot write '%s'", argv[2]);
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "fru_id", json_integer((json_int_t)id));
        IK_JSET(o, "file", json_string(argv[2]));
        IK_JSET(o, "bytes", json_integer((json_int_t)len));
        return ik_json_print(cli, o);
    }
    fprintf(cli->out, "Fru Size         : %zu bytes\nDone\n", len);
    return IK_EXIT_OK;
}

static int fru_write_cmd(struct ik_cli *cli, int argc, char **argv)
{
    unsigned long id;
    if (argc != 3 || ik_cli_num(argv[1], 0xFE, &id) < 0) {
        ik_cli_error(cli, "usage: fru write <fru id> <fru file>");
        return IK_EXIT_USAGE;
    }
    struct ik_input in;
    char err[256];
    if (ik_input_load(argv[2], IK_INPUT_BINARY, &in, err, sizeof(err)) < 0) {
        ik_cli_error(cli, "fru write: %s", err);
        return IK_EXIT_FAIL;
    }
    size_t size = 0;
    int words = 0;
    int rc = fru_info(cli, (uint8_t)id, &size, &words);
    if (rc) {
        if (rc > 0)
            ik_cli_error(cli, "FRU device %lu: %s", id, IK_CC_TEXT((uint8_t)rc));
        ik_input_free(&in);
        return IK_EXIT_FAIL;
    }
    size_t len = in.len < size ? in.len : size;
    if (!cli->json)
        fprintf(cli->out, "Fru Size         : %zu bytes\nSize to Write    : %zu bytes\n", size,
                len);
    if (in.len > size)
        ik_cli_error(cli,
                     "fru write: the file has %zu bytes, the device %zu: the rest is not "
                     "written",
                     in.len, size);
    size_t off = 0, unit = words ? 2 : 1;
    int status = IK_EXIT_OK;
    while (off < len) {
        size_t n = len - off < 16 ? len - off : 16;
        if (words && n % 2 && off + n < len)
            n--;
        /* Write FRU Data (table 34-4): offset in words when words */
        struct ik_fru_write_req q = {.device_id = (uint8_t)id,
                                     .offset = (uint16_t)(off / unit),
                                     .data = in.data + off,
                                     .len = n};
        uint8_t req[3 + 16];
        size_t qn = 0;
        if (ik_fru_write_req_encode(&q, req, sizeof(req), &qn) != 0) {
            status = IK_EXIT_FAIL; /* cannot happen: 1-16 bytes fit */
            break;
        }
        struct ik_tr_rsp r;
        int c = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_FRU_WRITE, req, qn, &r, IK_FRU_WRITE_RSP_LEN,
                            "Write FRU Data");
        if (c > 0)
            ik_cli_error(cli, "Write FRU Data (offset %zu) failed: %s", off, IK_CC_TEXT(r.cc));
        if (c) {
            status = IK_EXIT_FAIL;
            break;
        }
        /* At least 1 byte (checked by the call); extra ones are ignored. */
        struct ik_fru_write_rsp wv;
        if (ik_fru_write_rsp_decode(r.data, IK_FRU_WRITE_RSP_LEN, &wv) != 0) {
            status = IK_EXIT_FAIL; /* cannot happen: the length is the one the decoder takes */
            break;
        }
        size_t wrote = (size_t)wv.count * unit;
        if (wrote == 0 || wrote > n) {
            ik_cli_error(cli,
                         "Write FRU Data (offset %zu): the BMC says it wrote %zu of %zu "
                         "bytes",
                         off, wrote, n);
            status = IK_EXIT_FAIL;
            break;
        }
        off += wrote;
    }
    ik_input_free(&in);
    if (status == IK_EXIT_OK && cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "fru_id", json_integer((json_int_t)id));
        IK_JSET(o, "bytes_written", json_integer((json_int_t)off));
        ik_json_print(cli, o);
    }
    return status;
}

static int cmd_decode_file(struct ik_cli *cli, int argc, char **argv)
{
    enum ik_input_kind kind = IK_INPUT_AUTO;
    const char *path = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-v") == 0)
            cli->verbose++;
        else if (strcmp(a, "--hex") == 0)
            kind = IK_INPUT_HEX;
        else if (strcmp(a, "--raw") == 0)
            kind = IK_INPUT_BINARY;
        else if (strcmp(a, "--json") == 0)
            cli->json = 1;
        else if (a[0] == '-' && a[1] != '\0') {
            ik_cli_error(cli, "fru decode: unknown option '%s'", a);
            usage(cli->err);
            return IK_EXIT_USAGE;
        } else if (!path)
            path = a;
        else {
            ik_cli_error(cli, "fru decode: one FILE only ('%s' is extra)", a);
            return IK_EXIT_USAGE;
        }
    }
    if (!path) {
        ik_cli_error(cli, "fru decode: FILE is missing");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    return decode_file(cli, path, kind);
}

int ik_cmd_fru(struct ik_cli *cli, int argc, char **argv)
{
    const char *sub = argc < 2 ? "print" : argv[1];
    if (strcmp(sub, "help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
        live_usage(cli->out);
        usage(cli->out);
        return IK_EXIT_OK;
    }
    if (strcmp(sub, "decode") == 0)
        return cmd_decode_file(cli, argc, argv);
    if (strcmp(sub, "print") == 0 || strcmp(sub, "list") == 0)
        return fru_print(cli, argc < 2 ? 1 : argc - 1, argc < 2 ? argv : argv + 1);
    if (strcmp(sub, "read") == 0)
        return fru_read_cmd(cli, argc - 1, argv + 1);
    if (strcmp(sub, "write") == 0)
        return fru_write_cmd(cli, argc - 1, argv + 1);
    ik_cli_error(cli, "Invalid FRU command: %s", sub);
    live_usage(cli->err);
    return IK_EXIT_USAGE;
}
