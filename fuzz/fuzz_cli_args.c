/*
 * libFuzzer harness for the CLI's argument parsing: every subcommand (but the watchdog
 * agent, which runs until signalled) with arguments from the input, against a BMC whose
 * answers come from the rest of the input. Numbers out of range, missing or extra words,
 * odd spellings, files that do not exist or hold garbage: a usage error or a failure, never
 * a crash, a leak or a read past a word.
 *
 * Input: byte 0 the options (bit 0 --json, bit 1 -v), then words separated by NUL, ended by
 * an empty word (two NULs); the first word names the subcommand (index into `table` when it
 * is one byte, else by name). After the words come the BMC's answers, each [N][CC][N-1 data
 * bytes], as in fuzz_cli_cmds.c; when they run out every request times out.
 *
 * The process works in a private directory under /tmp, and a word with '/' in it ends the
 * run: commands that write files (sel save, fru read, sdr dump) only ever write there.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz_cli_tr.h"
#include "transport.h"

#include "ipmikit/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*cmd_fn)(struct ik_cli *, int, char **);

static const struct {
    const char *name;
    cmd_fn fn;
} table[] = {
    {"raw", ik_cmd_raw},           {"mc", ik_cmd_mc},
    {"chassis", ik_cmd_chassis},   {"power", ik_cmd_power},
    {"sdr", ik_cmd_sdr},           {"sensor", ik_cmd_sensor},
    {"sel", ik_cmd_sel},           {"fru", ik_cmd_fru},
    {"user", ik_cmd_user},         {"channel", ik_cmd_channel},
    {"lan", ik_cmd_lan},           {"session", ik_cmd_session},
    {"exec", ik_cmd_exec},         {"panic-event", ik_cmd_panic_event},
    {"poweroff", ik_cmd_poweroff},
};
#define N_TABLE (sizeof(table) / sizeof(table[0]))

/* What exec runs for each line: the same table (exec refuses to nest by itself). */
static int dispatch(struct ik_cli *cli, int argc, char **argv)
{
    for (size_t i = 0; i < N_TABLE; i++)
        if (strcmp(argv[0], table[i].name) == 0)
            return table[i].fn(cli, argc, argv);
    return IK_EXIT_USAGE;
}

/* ---- the BMC: answers read from the input ------------------------------------------ */

/* struct fuzz_tr and its answers: fuzz_cli_tr.h */

/* ---- one run --------------------------------------------------------------------------- */

static char workdir[64];

static void remove_workdir(void)
{
    /* only files the commands made, all directly inside */
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", workdir);
    if (workdir[0] && system(cmd) != 0)
        workdir[0] = '\0';
}

static int enter_workdir(void)
{
    snprintf(workdir, sizeof(workdir), "/tmp/ik-fuzz-args-XXXXXX");
    if (!mkdtemp(workdir) || chdir(workdir) != 0)
        return -1;
    atexit(remove_workdir);
    /* a file for exec and the readers: a few commands, one per line */
    FILE *f = fopen("cmds", "w");
    if (f) {
        fputs("mc info\nsel list 2\nraw 0x06 0x01\nchassis bootdev pxe\n", f);
        fclose(f);
    }
    return 0;
}

enum { MAX_WORDS = 24, MAX_WORD = 80 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready = -1;
    static FILE *null_out;
    if (ready < 0) {
        ready = enter_workdir() == 0 && (null_out = fopen("/dev/null", "w")) != NULL;
    }
    if (!ready || size < 2)
        return 0;

    /* Words: NUL-terminated, copied so that none can be read past. */
    static char words[MAX_WORDS][MAX_WORD + 1];
    char *argv[MAX_WORDS + 1];
    int argc = 0;
    size_t i = 1;
    while (i < size && argc < MAX_WORDS) {
        size_t start = i;
        while (i < size && data[i] != 0)
            i++;
        size_t n = i - start;
        i++; /* the NUL (or the end) */
        if (n == 0)
            break; /* the empty word ends the list */
        if (n > MAX_WORD || memchr(data + start, '/', n))
            return 0;
        memcpy(words[argc], data + start, n);
        words[argc][n] = '\0';
        argv[argc] = words[argc];
        argc++;
    }
    if (argc == 0)
        return 0;
    argv[argc] = NULL;
    cmd_fn fn = NULL;
    if (strlen(argv[0]) == 1) {
        size_t k = (unsigned char)argv[0][0] % N_TABLE;
        fn = table[k].fn;
        argv[0] = (char *)table[k].name;
    } else {
        for (size_t k = 0; k < N_TABLE && !fn; k++)
            if (strcmp(argv[0], table[k].name) == 0)
                fn = table[k].fn;
    }
    if (!fn)
        return 0;

    struct fuzz_tr tr;
    fuzz_tr_init(&tr, data + (i < size ? i : size), data + size);

    struct ik_cli cli;
    memset(&cli, 0, sizeof(cli));
    cli.progname = "ipmikit";
    cli.host = "fuzz";
    cli.port = 623;
    cli.target_addr = -1;
    cli.target_channel = -1;
    cli.local_addr = 0x20;
    cli.cipher_suite = -1;
    cli.no_sdr_cache = 1;
    cli.utc = 1;
    cli.json = data[0] & 1;
    cli.verbose = (data[0] >> 1) & 1;
    cli.out = null_out;
    cli.err = null_out;
    cli.tr = &tr.base;
    cli.dispatch = dispatch;
    tr.base.cli = &cli;

    fn(&cli, argc, argv);
    return 0;
}
