/* ipmikit sensor: placeholder until the live SDR path lands. */
#include "util.h"

int ik_cmd_sensor(struct ik_cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ik_cli_error(cli, "sensor: not implemented yet");
    return IK_EXIT_USAGE;
}
