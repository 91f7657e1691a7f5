/*
 * The global options' interface as a host message handler (host/hostif.h): what `-I kcs`
 * and the agents (watchdog, panic-event, poweroff) run on.
 *
 *   -I kcs      bmcd's emulated KCS socket: -H PATH (a path has a '/'), or -H NAME for
 *               $IPMIKIT_KCS_DIR/NAME.kcs (default /run/bmcd, bmcd's --kcs-dir); without -H,
 *               $IPMIKIT_KCS. -N seconds: the KCS waits (IBF, OBF; default 5 s);
 *               $IPMIKIT_KCS_TIMEOUT_MS sets them in milliseconds (tests).
 *   -I lan, lanplus   a session (host/smi_lan.c), with the options tr_lan.c takes.
 *   -I open     /dev/ipmiN (-d N) through host/smi_dev.c.
 *
 * Each process has its own KCS host machine, so every run starts with the interface
 * enabled: a new run is the operator's disable/enable after the machine gave up (20 failed
 * recovery attempts). The watchdog agent, which runs for long, also re-enables on SIGHUP.
 */
#ifndef IK_CLI_HOSTCONN_H
#define IK_CLI_HOSTCONN_H

#include <stddef.h>

#include "agent.h"
#include "cli.h"
#include "hostif.h"

/* The KCS socket -H names (see above). 0, or IK_E_INVAL with the reason in err. */
int ik_cli_kcs_path(struct ik_cli *cli, char *buf, size_t bufcap, char *err, size_t cap);

/* Open the interface the options ask for. 0, or an IK_E_* with the reason in err
 * (IK_E_INVAL: the options are wrong, a usage error). */
int ik_cli_hostif_open(struct ik_cli *cli, struct ik_hostif **out, char *err, size_t cap);

/* The same for a subcommand: the reason printed, the exit status (IK_EXIT_USAGE or
 * IK_EXIT_TRANSPORT) returned; 0 when open. */
int ik_cli_hostif_open_or_say(struct ik_cli *cli, const char *cmd, struct ik_hostif **out);

/* The address requests go to: the BMC, or with -t an IPMB controller (-b channel). */
struct ik_msgh_addr ik_cli_target(const struct ik_cli *cli);

/* Bind an agent's requests to the interface (and -t). The binding lives in *a. */
struct ik_cli_agent {
    struct ik_agent a;
    struct ik_cli *cli;
    struct ik_hostif *h;
};
void ik_cli_agent_init(struct ik_cli_agent *ca, struct ik_cli *cli, struct ik_hostif *h);

#endif
