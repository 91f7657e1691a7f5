/*
 * libFuzzer harness for the `ipmikit sel decode` path: the input file loader (binary or
 * hex text), bad-record reporting and the three output forms. The first byte picks the
 * form and the input kind; the rest is the file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* main.c is not part of the harness: its one helper the subcommands use. */
void ik_cli_error(struct ik_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(cli->err, fmt, ap);
    va_end(ap);
}

static char path[64];

static void remove_input(void)
{
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!path[0]) {
        snprintf(path, sizeof(path), "/tmp/ik-fuzz-sel-%d.bin", (int)getpid());
        atexit(remove_input);
    }
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return 0;
    fwrite(data + 1, 1, size - 1, fp);
    fclose(fp);

    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    if (!null_out)
        return 0;
    struct ik_cli cli;
    memset(&cli, 0, sizeof(cli));
    cli.progname = "ipmikit";
    cli.out = null_out;
    cli.err = null_out;
    cli.json = (data[0] & 3) == 2;
    char *argv[5];
    int argc = 0;
    argv[argc++] = (char *)"sel";
    argv[argc++] = (char *)"decode";
    if ((data[0] & 3) == 1)
        argv[argc++] = (char *)"-v";
    if ((data[0] >> 2 & 3) == 1)
        argv[argc++] = (char *)"--hex";
    else if ((data[0] >> 2 & 3) == 2)
        argv[argc++] = (char *)"--raw";
    argv[argc++] = path;
    int rc = ik_cmd_sel(&cli, argc, argv);
    if (rc != IK_EXIT_OK && rc != IK_EXIT_FAIL)
        abort(); /* a file can be bad, never a usage error */
    return 0;
}
