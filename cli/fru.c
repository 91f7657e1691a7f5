/* ipmikit fru: decode FRU inventory images from files (raw, as `ipmitool fru read` writes
 * them, or commented hex) into ipmitool's `fru print` text, a verbose view, or JSON. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "frufmt.h"
#include "input.h"
#include "ipmikit/error.h"
#include "ipmikit/fru.h"

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

int ik_cmd_fru(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "--help") == 0) {
        usage(argc < 2 ? cli->err : cli->out);
        return argc < 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    if (strcmp(argv[1], "decode") != 0) {
        ik_cli_error(cli, "fru: unknown subcommand '%s' (offline: decode)", argv[1]);
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
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
