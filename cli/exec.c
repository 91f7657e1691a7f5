/*
 * ipmikit exec FILE: run many commands in ONE session. Each line is a command line without
 * "ipmikit" and without global options ("sel elist", "sdr type Temperature"); '#' starts a
 * comment, blank lines are skipped, words split on blanks, "double" or 'single' quotes group
 * words. Every line runs even when an earlier one failed; the exit status is the last
 * non-zero one (as ipmitool), and a failed line is named on stderr.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "util.h"

#define EXEC_LINE_MAX 2048
#define EXEC_ARGS_MAX 64

/* Split line (modified in place) into argv; returns argc, or -1 for an unclosed quote or
 * too many words. */
static int split(char *line, char **argv, int max)
{
    int argc = 0;
    char *p = line;
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            return argc;
        if (argc == max)
            return -1;
        char *out = p;
        argv[argc++] = out;
        char quote = 0;
        while (*p && (quote || !isspace((unsigned char)*p))) {
            if (!quote && (*p == '"' || *p == '\'')) {
                quote = *p++;
                continue;
            }
            if (quote && *p == quote) {
                quote = 0;
                p++;
                continue;
            }
            *out++ = *p++;
        }
        if (quote)
            return -1;
        if (*p)
            p++;
        *out = '\0';
    }
}

int ik_cmd_exec(struct ik_cli *cli, int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "help") == 0) {
        fputs("usage: exec <filename>\n", argc != 2 ? cli->err : cli->out);
        return argc != 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    if (!cli->dispatch) {
        ik_cli_error(cli, "exec: no command table");
        return IK_EXIT_FAIL;
    }
    FILE *fp = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
    if (!fp) {
        ik_cli_error(cli, "exec: cannot open '%s'", argv[1]);
        return IK_EXIT_FAIL;
    }
    /* Count lines first so the progress line can show a total. */
    unsigned long total = 0;
    char buf[EXEC_LINE_MAX];
    if (fp != stdin) {
        while (fgets(buf, sizeof(buf), fp))
            total++;
        rewind(fp);
    }
    struct ik_progress pg;
    ik_progress_start(&pg, cli, "exec", total);
    int rc = IK_EXIT_OK;
    unsigned long lineno = 0;
    while (fgets(buf, sizeof(buf), fp)) {
        lineno++;
        ik_progress_step(&pg, lineno);
        size_t len = strlen(buf);
        if (len == sizeof(buf) - 1 && buf[len - 1] != '\n') {
            ik_cli_error(cli, "exec: %s line %lu is longer than %d bytes", argv[1], lineno,
                         EXEC_LINE_MAX - 2);
            rc = IK_EXIT_USAGE;
            int c;
            while ((c = fgetc(fp)) != EOF && c != '\n')
                ;
            continue;
        }
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *args[EXEC_ARGS_MAX];
        int n = split(buf, args, EXEC_ARGS_MAX);
        if (n == 0)
            continue;
        if (n < 0) {
            ik_cli_error(cli, "exec: %s line %lu: unclosed quote or more than %d words", argv[1],
                         lineno, EXEC_ARGS_MAX);
            rc = IK_EXIT_USAGE;
            continue;
        }
        if (strcmp(args[0], "exec") == 0) {
            ik_cli_error(cli, "exec: %s line %lu: exec cannot be nested", argv[1], lineno);
            rc = IK_EXIT_USAGE;
            continue;
        }
        /* The progress line must not mix with the command's own output. */
        ik_progress_end(&pg);
        int r = cli->dispatch(cli, n, args);
        fflush(cli->out);
        if (r != IK_EXIT_OK) {
            ik_cli_error(cli, "exec: %s line %lu (%s): exit status %d", argv[1], lineno, args[0],
                         r);
            rc = r;
        }
    }
    ik_progress_end(&pg);
    if (fp != stdin)
        fclose(fp);
    return rc;
}
