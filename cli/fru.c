/* ipmikit fru: to be written by the foundation issue's fru work. */
#include "cli.h"

int ik_cmd_fru(struct ik_cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ik_cli_error(cli, "fru: not built yet");
    return IK_EXIT_FAIL;
}
