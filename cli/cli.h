/*
 * The ipmikit CLI: shared state between main.c (global options, dispatch) and the
 * subcommand files (one file per subcommand: cli/sel.c, cli/sdr.c, ...).
 *
 * Exit statuses (documented in docs/cli.md):
 *   0  success
 *   1  the command failed, the BMC returned an error, or the input had bad records
 *   2  usage error (unknown option, bad argument)
 *   3  no valid answer from the BMC: unreachable, session or authentication failure
 */
#ifndef IK_CLI_H
#define IK_CLI_H

#include <stdint.h>
#include <stdio.h>

#define IK_EXIT_OK        0
#define IK_EXIT_FAIL      1
#define IK_EXIT_USAGE     2
#define IK_EXIT_TRANSPORT 3

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
    int utc;               /* -Z: times in UTC */
    int devnum;            /* -d N: /dev/ipmiN for -I open */
    int lun;               /* -l: target LUN for raw commands */
    int no_sdr_cache;      /* --no-sdr-cache: always read the SDR repository */
    FILE *out;             /* where command output goes (stdout) */
    FILE *err;             /* where diagnostics go (stderr) */
    struct ik_tr *tr;      /* opened on first use (ik_cli_tr), closed by main */
    int (*dispatch)(struct ik_cli *cli, int argc, char **argv); /* main's table (exec) */
    int tr_failed;        /* the transport could not be created: do not retry */
    int transport_failed; /* a request of the current command got no valid answer */
    int usage_failed;     /* the transport options were wrong (exit status 2) */
    char last_err[512];   /* the last transport failure printed (printed once) */
};

struct ik_tr;
struct ik_tr_rsp;

typedef int (*ik_cli_fn)(struct ik_cli *cli, int argc, char **argv);

/* Subcommands: argv[0] is the subcommand name. Each returns an IK_EXIT_* status. */
int ik_cmd_sel(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_sdr(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_fru(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_mc(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_chassis(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_power(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_sensor(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_user(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_channel(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_lan(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_session(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_raw(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_exec(struct ik_cli *cli, int argc, char **argv);
/* The host agents (docs/agents.md): cli/watchdog.c, cli/panic_event.c, cli/poweroff.c. */
int ik_cmd_watchdog(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_panic_event(struct ik_cli *cli, int argc, char **argv);
int ik_cmd_poweroff(struct ik_cli *cli, int argc, char **argv);

/* Run one subcommand (argv[0] is its name): what main does after the global options, and
 * what `exec` does for every line (through cli->dispatch). Returns an IK_EXIT_* status. */
int ik_cli_dispatch(struct ik_cli *cli, int argc, char **argv);

/* The transport the global options ask for, created on first use; NULL (with the reason
 * printed) when the options are wrong. */
struct ik_tr *ik_cli_tr(struct ik_cli *cli);

/*
 * One request to the BMC. 0 with rsp filled (rsp->cc may be non-zero), or -1 when no
 * valid response came; the transport's reason ("lanplus 10.0.0.1 port 623: RAKP 2: ...")
 * has then been printed on cli->err (once, however many requests fail for it).
 */
int ik_cli_req(struct ik_cli *cli, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
               struct ik_tr_rsp *rsp);

/* Close the transport (and its session) if one was opened. */
void ik_cli_close(struct ik_cli *cli);

/* Print "ipmikit: <message>\n" to cli->err (printf format). */
void ik_cli_error(struct ik_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
