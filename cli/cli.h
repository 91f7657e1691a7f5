/*
 * The ipmikit CLI: shared state between main.c (global options, dispatch) and the
 * subcommand files (one file per subcommand: cli/sel.c, cli/sdr.c, ...).
 *
 * Exit statuses (documented in docs/cli.md):
 *   0  success
 *   1  the command failed, the BMC returned an error, or the input had bad records
 *   2  usage error (unknown option, bad argument)
 */
#ifndef IK_CLI_H
#define IK_CLI_H

#include <stdint.h>
#include <stdio.h>

#define IK_EXIT_OK    0
#define IK_EXIT_FAIL  1
#define IK_EXIT_USAGE 2

/* Global options, parsed the way ipmitool parses them, before the subcommand. */
struct ik_cli {
    const char *progname;
    const char *intf;  /* -I: "lan", "lanplus", "open" (NULL = default) */
    const char *host;  /* -H */
    int port;          /* -p, default 623 */
    const char *user;  /* -U, default "" (null user) */
    char password[21]; /* -P / -E / -f / -a; at most 20 bytes (IPMI 2.0) */
    int password_set;
    uint8_t kg[20]; /* -k / -y: K_G, the BMC key */
    int kg_len;
    int cipher_suite;      /* -C, -1 = choose from Get Channel Cipher Suites */
    int privilege;         /* -L, 0 = default (ADMINISTRATOR for lanplus like ipmitool) */
    const char *authtype;  /* -A: MD5, PASSWORD, NONE, MD2 */
    int timeout_s;         /* -N, per-attempt timeout in seconds */
    int retries;           /* -R */
    int target_addr;       /* -t, -1 = none (bridging) */
    int target_channel;    /* -b */
    int transit_addr;      /* -T */
    int transit_channel;   /* -B */
    int local_addr;        /* -m */
    const char *sdr_cache; /* -S: SDR cache file */
    int verbose;           /* -v, repeatable */
    int csv;               /* -c */
    int json;              /* --json */
    FILE *out;             /* where command output goes (stdout) */
    FILE *err;             /* where diagnostics go (stderr) */
};

typedef int (*ik_cli_fn)(struct ik_cli *cli, int argc, char **argv);

/* Subcommands: argv[0] is the subcommand name. Each returns an IK_EXIT_* status. */
int ik_cmd_sel(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_sdr(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_fru(struct ik_cli *cli, int argc, char **argv);

/* Print "ipmikit: <message>\n" to cli->err (printf format). */
void ik_cli_error(struct ik_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
