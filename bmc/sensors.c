/* Sensor model (placeholder until the SDR codec lands: no sensors yet). */
#include "bmc_int.h"

#include <string.h>

void ik_sensors_catch_up(struct ik_bmc *bmc)
{
    (void)bmc;
}

void ik_sensors_power_changed(struct ik_bmc *bmc)
{
    (void)bmc;
}

int ik_sensors_state_asserted(struct ik_bmc *bmc, uint8_t sensor_type, uint8_t offset)
{
    (void)bmc;
    (void)sensor_type;
    (void)offset;
    return 0;
}

int ik_sensors_critical(struct ik_bmc *bmc, uint8_t sensor_type)
{
    (void)bmc;
    (void)sensor_type;
    return 0;
}

void ik_sensors_note_state(struct ik_bmc *bmc, uint8_t number, uint8_t offset)
{
    (void)bmc;
    (void)number;
    (void)offset;
}

int ik_sensors_find_type(struct ik_bmc *bmc, uint8_t sensor_type)
{
    (void)bmc;
    (void)sensor_type;
    return -1;
}

const struct ik_bmc_module ik_bmc_mod_sensors = {
    .name = "sensors",
};
