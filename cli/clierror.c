/* ik_cli_error: the one way subcommands report a problem (its own object file, so a
 * harness that links the subcommands without main.c may supply its own). */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

void ik_cli_error(struct ik_cli *cli, const char *fmt, ...)
{
    va_list ap;
    fputs("ipmikit: ", cli->err);
    va_start(ap, fmt);
    vfprintf(cli->err, fmt, ap);
    va_end(ap);
    fputc('\n', cli->err);
}
