/* ipmikit sdr: to be written by the foundation issue's sdr work. */
#include "cli.h"

int ik_cmd_sdr(struct ik_cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ik_cli_error(cli, "sdr: not built yet");
    return IK_EXIT_FAIL;
}
