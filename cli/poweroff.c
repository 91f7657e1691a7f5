/*
 * ipmikit poweroff [--cycle]: what the Linux ipmi_poweroff driver does at shutdown (the
 * seed's IPMI.txt, "Poweroff"; docs/agents.md): Chassis Control power down, or with
 * --cycle power cycle, falling back to power down when the BMC refuses the cycle with any
 * completion code (host/agent.c). The BMC must have a chassis device (Get Device ID).
 */
#include <stdio.h>
#include <string.h>

#include "hostconn.h"

#include "ipmikit/error.h"
#include "ipmikit/names.h"

static void usage(FILE *f)
{
    fputs("usage: ipmikit [interface options] poweroff [--cycle]\n"
          "  Chassis Control power down; --cycle: power cycle, or power down when the BMC\n"
          "  refuses the cycle (its completion code is reported)\n",
          f);
}

int ik_cmd_poweroff(struct ik_cli *cli, int argc, char **argv)
{
    bool cycle = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--cycle") == 0) {
            cycle = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "help") == 0) {
            usage(cli->out);
            return IK_EXIT_OK;
        } else {
            ik_cli_error(cli, "poweroff: unknown argument '%s'", argv[i]);
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
    }
    struct ik_hostif *h;
    int rc = ik_cli_hostif_open_or_say(cli, "poweroff", &h);
    if (rc)
        return rc;
    struct ik_cli_agent ca;
    ik_cli_agent_init(&ca, cli, h);
    enum ik_poweroff_done done = IK_POWEROFF_DOWN;
    uint8_t cc = 0;
    rc = ik_agent_poweroff(&ca.a, cycle, &done, &cc);
    if (rc) {
        ik_cli_error(cli, "poweroff: %s", ca.a.why);
    } else if (done == IK_POWEROFF_FELL_BACK) {
        const char *name = ik_cc_name(cc);
        fprintf(cli->out,
                "poweroff: power cycle refused (completion code %02Xh, %s); powered down "
                "instead\n",
                cc, name ? name : "unknown");
        fprintf(cli->out, "Chassis Power Control: Down/Off\n");
    } else {
        fprintf(cli->out, "Chassis Power Control: %s\n",
                done == IK_POWEROFF_CYCLE ? "Cycle" : "Down/Off");
    }
    ik_hostif_close(h);
    return rc ? IK_EXIT_FAIL : IK_EXIT_OK;
}
