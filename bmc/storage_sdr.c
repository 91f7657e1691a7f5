/* SDR repository (placeholder until the SDR codec lands). */
#include "bmc_int.h"

const struct ik_bmc_module ik_bmc_mod_sdr = {
    .name = "sdr",
};
