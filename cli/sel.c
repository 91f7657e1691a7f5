/* ipmikit sel: to be written by the foundation issue's sel work. */
#include "cli.h"

int ik_cmd_sel(struct ik_cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ik_cli_error(cli, "sel: not built yet");
    return IK_EXIT_FAIL;
}
