/* Printing one FRU device of the BMC (cli/fru.c), shared with `sel get`. */
#ifndef IK_CLI_FRUPRINT_H
#define IK_CLI_FRUPRINT_H

#include <stdint.h>

#include "cli.h"

/* "FRU Device Description : TITLE (ID n)" (when title is not NULL) and the device's
 * inventory in ipmitool's `fru print` text. IK_EXIT_OK or IK_EXIT_FAIL. */
int ik_fru_print_device(struct ik_cli *cli, uint8_t id, const char *title);

#endif
