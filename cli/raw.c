/*
 * ipmikit raw NETFN CMD [DATA...]: one request with the given bytes, the response data
 * printed as ipmitool prints it (" xx" per byte, 16 per line), or with --json as
 * {"netfn", "cmd", "cc", "data"}. NETFN may be a name (app, chassis, storage, ...).
 * Numbers are C literals (12, 0x0c, 014), as ipmitool reads them.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const struct {
    const char *name;
    uint8_t netfn;
} netfns[] = {
    {"chassis", 0x00},     {"bridge", 0x02}, {"sensorevent", 0x04}, {"se", 0x04},
    {"application", 0x06}, {"app", 0x06},    {"firmware", 0x08},    {"storage", 0x0A},
    {"transport", 0x0C},   {"group", 0x2C},  {"oem", 0x2E},
};

static void usage(FILE *f)
{
    fputs("RAW Commands:  raw <netfn> <cmd> [data]\n"
          "  netfn: a number or chassis, bridge, sensorevent, application (app), firmware,\n"
          "         storage, transport, group, oem\n",
          f);
}

int ik_cmd_raw(struct ik_cli *cli, int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "help") == 0) {
        usage(cli->out);
        return IK_EXIT_OK;
    }
    if (argc < 3) {
        ik_cli_error(cli, "Not enough parameters given.");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    if (argc - 3 > 256) {
        ik_cli_error(cli, "Raw command input limit (256 bytes) exceeded");
        return IK_EXIT_USAGE;
    }
    unsigned long v;
    int netfn = -1;
    for (size_t i = 0; i < sizeof(netfns) / sizeof(netfns[0]); i++)
        if (strcasecmp(argv[1], netfns[i].name) == 0)
            netfn = netfns[i].netfn;
    if (netfn < 0) {
        if (ik_cli_num(argv[1], 0xFF, &v) < 0) {
            ik_cli_error(cli, "Given netfn \"%s\" is invalid.", argv[1]);
            return IK_EXIT_USAGE;
        }
        netfn = (int)v;
    }
    if (netfn > 0x3F || (netfn & 1)) {
        ik_cli_error(cli, "netfn 0x%x is not a request NetFn (even, at most 0x3e)", netfn);
        return IK_EXIT_USAGE;
    }
    if (ik_cli_num(argv[2], 0xFF, &v) < 0) {
        ik_cli_error(cli, "Given command \"%s\" is invalid.", argv[2]);
        return IK_EXIT_USAGE;
    }
    uint8_t cmd = (uint8_t)v;
    uint8_t data[256];
    size_t n = 0;
    for (int i = 3; i < argc; i++) {
        if (ik_cli_num(argv[i], 0xFF, &v) < 0) {
            ik_cli_error(cli, "Given data \"%s\" is invalid.", argv[i]);
            return IK_EXIT_USAGE;
        }
        data[n++] = (uint8_t)v;
    }
    struct ik_tr_rsp r;
    if (ik_cli_req(cli, (uint8_t)netfn, cmd, data, n, &r) < 0)
        return IK_EXIT_FAIL;
    int channel = cli->target_channel >= 0 ? cli->target_channel & 0x0F : 0;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "netfn", json_integer(netfn));
        IK_JSET(o, "cmd", json_integer(cmd));
        IK_JSET(o, "cc", json_integer(r.cc));
        if (r.cc)
            IK_JSET(o, "cc_name", json_string(IK_CC_TEXT(r.cc)));
        IK_JSET(o, "data", ik_json_hex(r.data, r.len));
        ik_json_print(cli, o);
        return r.cc ? IK_EXIT_FAIL : IK_EXIT_OK;
    }
    if (r.cc) {
        ik_cli_error(cli,
                     "Unable to send RAW command (channel=0x%x netfn=0x%x lun=0x%x cmd=0x%x "
                     "rsp=0x%x): %s",
                     channel, netfn, cli->lun, cmd, r.cc, IK_CC_TEXT(r.cc));
        return IK_EXIT_FAIL;
    }
    ik_cli_raw_dump(cli->out, r.data, r.len);
    return IK_EXIT_OK;
}
