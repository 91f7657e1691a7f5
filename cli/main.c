/*
 * ipmikit: command-line entry. Parses the global options exactly where ipmitool does
 * (before the subcommand), then hands the rest of argv to one subcommand file.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipmikit.h"
#include "cli.h"
#include "transport.h"

static const struct {
    const char *name;
    ik_cli_fn fn;
    const char *help;
} subcommands[] = {
    {"raw", ik_cmd_raw, "Send a RAW IPMI request and print response"},
    {"mc", ik_cmd_mc, "Management Controller status and global enables"},
    {"bmc", ik_cmd_mc, "(same as mc)"},
    {"chassis", ik_cmd_chassis, "Get chassis status and set power state"},
    {"power", ik_cmd_power, "Shortcut to chassis power commands"},
    {"sdr", ik_cmd_sdr, "Print Sensor Data Repository entries and readings"},
    {"sensor", ik_cmd_sensor, "Print detailed sensor information"},
    {"sel", ik_cmd_sel, "Print System Event Log (SEL)"},
    {"fru", ik_cmd_fru, "Print built-in FRU and scan SDR for FRU locators"},
    {"user", ik_cmd_user, "Configure Management Controller users"},
    {"channel", ik_cmd_channel, "Configure Management Controller channels"},
    {"lan", ik_cmd_lan, "Configure LAN Channels"},
    {"session", ik_cmd_session, "Print session information"},
    {"exec", ik_cmd_exec, "Run list of commands from file"},
    /* host agents (docs/agents.md) */
    {"watchdog", ik_cmd_watchdog, "Arm the BMC watchdog and pat it until stopped"},
    {"panic-event", ik_cmd_panic_event, "Log a panic event and its text in the SEL"},
    {"poweroff", ik_cmd_poweroff, "Power the system down (or cycle it) via the BMC"},
};

#define N_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static void usage(FILE *f)
{
    fprintf(f, "usage: ipmikit [options...] <command> [args...]\n\n"
               "Options (as ipmitool's):\n"
               "  -I intf        interface: lan, lanplus, open, kcs (bmcd's socket: -H PATH|NAME)\n"
               "  -H host        BMC address\n"
               "  -p port        UDP port (default 623)\n"
               "  -U user        user name\n"
               "  -P password    password (see also -E, -f)\n"
               "  -E             read the password from $IPMI_PASSWORD\n"
               "  -f file        read the password from a file\n"
               "  -k key         K_G key (text)\n"
               "  -y hexkey      K_G key (hex)\n"
               "  -C suite       RMCP+ cipher suite (default: best offered)\n"
               "  -L level       privilege: CALLBACK, USER, OPERATOR, ADMINISTRATOR\n"
               "  -A authtype    IPMI 1.5 auth type: NONE, PASSWORD, MD2, MD5\n"
               "  -N seconds     timeout per attempt\n"
               "  -R count       retries\n"
               "  -t addr        bridge: target IPMB address\n"
               "  -b channel     bridge: target channel\n"
               "  -T addr        bridge: transit address\n"
               "  -B channel     bridge: transit channel\n"
               "  -m addr        local IPMB address\n"
               "  -l lun         destination LUN for raw commands\n"
               "  -d N           use /dev/ipmiN (-I open)\n"
               "  -Z             print times in UTC\n"
               "  -S file        SDR cache file\n"
               "  -c             CSV output where ipmitool has it\n"
               "  -v             verbose (repeat for more)\n"
               "  -V             print version and exit\n"
               "  -h             this help\n"
               "  --json         JSON output (docs/json/)\n"
               "  --no-sdr-cache read the SDR repository even when the cache is current\n\n"
               "Commands:\n");
    for (size_t i = 0; i < N_SUBCOMMANDS; i++)
        fprintf(f, "  %-8s %s\n", subcommands[i].name, subcommands[i].help);
    fputs("\nExit status: 0 success, 1 the command failed (the BMC refused it or answered\n"
          "badly), 2 usage error, 3 no session with the BMC (unreachable, authentication).\n",
          f);
}

int ik_cli_dispatch(struct ik_cli *cli, int argc, char **argv)
{
    for (size_t i = 0; i < N_SUBCOMMANDS; i++) {
        if (strcmp(argv[0], subcommands[i].name) == 0) {
            cli->transport_failed = 0;
            cli->usage_failed = 0;
            int rc = subcommands[i].fn(cli, argc, argv);
            if (rc == IK_EXIT_FAIL && cli->usage_failed)
                rc = IK_EXIT_USAGE;
            else if (rc == IK_EXIT_FAIL && cli->transport_failed)
                rc = IK_EXIT_TRANSPORT;
            return rc;
        }
    }
    ik_cli_error(cli, "unknown command '%s' (see ipmikit -h)", argv[0]);
    return IK_EXIT_USAGE;
}

/* Parse an integer option; accepts decimal and 0x-prefixed hex like ipmitool. */
static int parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 0);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

static int set_password(struct ik_cli *cli, const char *pw)
{
    size_t n = strlen(pw);
    if (n > 20)
        return -1;
    memcpy(cli->password, pw, n);
    cli->password[n] = '\0';
    cli->password_set = 1;
    return 0;
}

static int read_password_file(struct ik_cli *cli, const char *path)
{
    char line[64];
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *ok = fgets(line, sizeof(line), f);
    fclose(f);
    if (!ok)
        return -1;
    line[strcspn(line, "\r\n")] = '\0';
    return set_password(cli, line);
}

static int parse_privilege(const char *s)
{
    static const char *names[] = {"CALLBACK", "USER", "OPERATOR", "ADMINISTRATOR", "OEM"};
    for (int i = 0; i < 5; i++)
        if (strcasecmp(s, names[i]) == 0)
            return i + 1;
    return -1;
}

int main(int argc, char **argv)
{
    struct ik_cli cli = {
        .progname = "ipmikit",
        .port = 623,
        .cipher_suite = -1,
        .timeout_s = 0, /* interface default: 2 s lan, 1 s lanplus (ipmitool's) */
        .retries = 4,
        .target_addr = -1,
        .target_channel = -1,
        .transit_addr = -1,
        .transit_channel = -1,
        .local_addr = 0x20,
        .out = stdout,
        .err = stderr,
        .dispatch = ik_cli_dispatch,
    };
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"no-sdr-cache", no_argument, NULL, 'X'},
        {NULL, 0, NULL, 0},
    };
    int c;
    /* '+': stop at the first non-option, so subcommand arguments are left alone. */
    while ((c = getopt_long(argc, argv, "+I:H:p:U:P:Ef:k:y:C:L:A:N:R:t:b:T:B:m:S:cvVhd:l:Z",
                            longopts, NULL)) != -1) {
        switch (c) {
        case 'I':
            cli.intf = optarg;
            break;
        case 'H':
            cli.host = optarg;
            break;
        case 'p':
            if (parse_int(optarg, 1, 65535, &cli.port) < 0) {
                ik_cli_error(&cli, "invalid port '%s'", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 'U':
            if (strlen(optarg) > 16) {
                ik_cli_error(&cli, "user name is longer than 16 bytes");
                return IK_EXIT_USAGE;
            }
            cli.user = optarg;
            break;
        case 'P':
            if (set_password(&cli, optarg) < 0) {
                ik_cli_error(&cli, "password is longer than 20 bytes");
                return IK_EXIT_USAGE;
            }
            /* Hide the password from ps where the platform allows it. */
            memset(optarg, '*', strlen(optarg));
            break;
        case 'E': {
            const char *pw = getenv("IPMI_PASSWORD");
            if (!pw || set_password(&cli, pw) < 0) {
                ik_cli_error(&cli, "-E: IPMI_PASSWORD is unset or longer than 20 bytes");
                return IK_EXIT_USAGE;
            }
            break;
        }
        case 'f':
            if (read_password_file(&cli, optarg) < 0) {
                ik_cli_error(&cli, "cannot read a password (at most 20 bytes) from '%s'", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 'k': {
            size_t n = strlen(optarg);
            if (n > 20) {
                ik_cli_error(&cli, "K_G is longer than 20 bytes");
                return IK_EXIT_USAGE;
            }
            memcpy(cli.kg, optarg, n);
            cli.kg_len = (int)n;
            break;
        }
        case 'y': {
            const char *s = optarg;
            if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
                s += 2;
            size_t n = strlen(s);
            if (n % 2 || n / 2 > 20) {
                ik_cli_error(&cli, "-y: K_G must be up to 40 hex digits");
                return IK_EXIT_USAGE;
            }
            for (size_t i = 0; i < n / 2; i++) {
                unsigned v;
                if (sscanf(s + 2 * i, "%2x", &v) != 1) {
                    ik_cli_error(&cli, "-y: bad hex digit in K_G");
                    return IK_EXIT_USAGE;
                }
                cli.kg[i] = (uint8_t)v;
            }
            cli.kg_len = (int)(n / 2);
            break;
        }
        case 'C':
            if (parse_int(optarg, 0, 255, &cli.cipher_suite) < 0) {
                ik_cli_error(&cli, "invalid cipher suite '%s'", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 'L':
            cli.privilege = parse_privilege(optarg);
            if (cli.privilege < 0) {
                ik_cli_error(&cli, "invalid privilege level '%s'", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 'A':
            cli.authtype = optarg;
            break;
        case 'N':
            if (parse_int(optarg, 1, 3600, &cli.timeout_s) < 0) {
                ik_cli_error(&cli, "invalid timeout '%s'", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 'R':
            if (parse_int(optarg, 0, 100, &cli.retries) < 0) {
                ik_cli_error(&cli, "invalid retry count '%s'", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 't':
        case 'b':
        case 'T':
        case 'B':
        case 'm': {
            int *dst = c == 't'   ? &cli.target_addr
                       : c == 'b' ? &cli.target_channel
                       : c == 'T' ? &cli.transit_addr
                       : c == 'B' ? &cli.transit_channel
                                  : &cli.local_addr;
            if (parse_int(optarg, 0, 255, dst) < 0) {
                ik_cli_error(&cli, "invalid value '%s' for -%c", optarg, c);
                return IK_EXIT_USAGE;
            }
            break;
        }
        case 'S':
            cli.sdr_cache = optarg;
            break;
        case 'c':
            cli.csv = 1;
            break;
        case 'v':
            cli.verbose++;
            break;
        case 'J':
            cli.json = 1;
            break;
        case 'X':
            cli.no_sdr_cache = 1;
            break;
        case 'Z':
            cli.utc = 1;
            break;
        case 'd':
            if (parse_int(optarg, 0, 255, &cli.devnum) < 0) {
                ik_cli_error(&cli, "invalid device number '%s'", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 'l':
            if (parse_int(optarg, 0, 3, &cli.lun) < 0) {
                ik_cli_error(&cli, "invalid LUN '%s' (0-3)", optarg);
                return IK_EXIT_USAGE;
            }
            break;
        case 'V':
            printf("ipmikit version %s\n", IK_VERSION_STRING);
            return IK_EXIT_OK;
        case 'h':
            usage(stdout);
            return IK_EXIT_OK;
        default:
            usage(stderr);
            return IK_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return IK_EXIT_USAGE;
    }
    int rc = ik_cli_dispatch(&cli, argc - optind, argv + optind);
    ik_cli_close(&cli);
    memset(cli.password, 0, sizeof(cli.password));
    memset(cli.kg, 0, sizeof(cli.kg));
    if (fflush(cli.out) != 0) {
        ik_cli_error(&cli, "write error on standard output");
        rc = IK_EXIT_FAIL;
    }
    return rc;
}
