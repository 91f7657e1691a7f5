/* Sensor type and event/reading type names (IPMI 2.0 tables 42-1 and 42-3, PICMG 3.0). */
#include <stddef.h>

#include "ipmikit/names.h"

/* Table 42-3, 01h-2Ch, spelled the way ipmitool prints them (so scripts keep parsing). */
static const char *const sensor_types[0x2D] = {
    NULL, /* 00h reserved */
    "Temperature",
    "Voltage",
    "Current",
    "Fan",
    "Physical Security",
    "Platform Security",
    "Processor",
    "Power Supply",
    "Power Unit",
    "Cooling Device",
    "Other",
    "Memory",
    "Drive Slot / Bay",
    "POST Memory Resize",
    "System Firmwares",
    "Event Logging Disabled",
    "Watchdog1",
    "System Event",
    "Critical Interrupt",
    "Button",
    "Module / Board",
    "Microcontroller",
    "Add-in Card",
    "Chassis",
    "Chip Set",
    "Other FRU",
    "Cable / Interconnect",
    "Terminator",
    "System Boot Initiated",
    "Boot Error",
    "OS Boot",
    "OS Critical Stop",
    "Slot / Connector",
    "System ACPI Power State",
    "Watchdog2",
    "Platform Alert",
    "Entity Presence",
    "Monitor ASIC",
    "LAN",
    "Management Subsys Health",
    "Battery",
    "Session Audit",
    "Version Change",
    "FRU State",
};

const char *ik_sensor_type_name(uint8_t sensor_type)
{
    if (sensor_type < sizeof(sensor_types) / sizeof(sensor_types[0]))
        return sensor_types[sensor_type];
    /* PICMG 3.0 section 3.2.4 (ATCA) sensor types in the OEM range. */
    switch (sensor_type) {
    case 0xF0:
        return "FRU Hot Swap";
    case 0xF1:
        return "IPMB Physical Link";
    case 0xF2:
        return "Module Hot Swap";
    default:
        return NULL; /* 2Dh-BFh reserved, C0h-FFh OEM */
    }
}

const char *ik_event_type_name(uint8_t event_type)
{
    /* Table 42-1, ranges named as ipmitool names them. */
    if (event_type == 0x00)
        return "Unspecified";
    if (event_type == 0x01)
        return "Threshold";
    if (event_type >= 0x02 && event_type <= 0x0C)
        return "Generic Discrete";
    if (event_type == 0x6F)
        return "Sensor-specific Discrete";
    if (event_type >= 0x70 && event_type <= 0x7F)
        return "OEM";
    return NULL; /* 0Dh-6Eh reserved */
}
