/*
 * Entity ID names (IPMI 2.0 table 43-13, DCMI 41h-42h, PICMG 3.0 A0h/C0h/C1h/F0h-F3h),
 * spelled as ipmitool prints them, including its "Reserved" entries for 36h and 38h-3Fh,
 * so `sdr elist -v` text matches ipmitool's. Codes ipmitool does not name (43h-9Fh,
 * A1h-BFh, C2h-EFh, F4h-FFh: chassis-, board-set- and OEM-specific ranges) give NULL; ipmitool
 * shows those as "Unknown (0xNN)".
 */
#include "ipmikit/names.h"

#include <stddef.h>

static const char *const entity_names[0x43] = {
    [0x00] = "Unspecified",
    [0x01] = "Other",
    [0x02] = "Unknown",
    [0x03] = "Processor",
    [0x04] = "Disk or Disk Bay",
    [0x05] = "Peripheral Bay",
    [0x06] = "System Management Module",
    [0x07] = "System Board",
    [0x08] = "Memory Module",
    [0x09] = "Processor Module",
    [0x0A] = "Power Supply",
    [0x0B] = "Add-in Card",
    [0x0C] = "Front Panel Board",
    [0x0D] = "Back Panel Board",
    [0x0E] = "Power System Board",
    [0x0F] = "Drive Backplane",
    [0x10] = "System Internal Expansion Board",
    [0x11] = "Other System Board",
    [0x12] = "Processor Board",
    [0x13] = "Power Unit",
    [0x14] = "Power Module",
    [0x15] = "Power Management",
    [0x16] = "Chassis Back Panel Board",
    [0x17] = "System Chassis",
    [0x18] = "Sub-Chassis",
    [0x19] = "Other Chassis Board",
    [0x1A] = "Disk Drive Bay",
    [0x1B] = "Peripheral Bay",
    [0x1C] = "Device Bay",
    [0x1D] = "Fan Device",
    [0x1E] = "Cooling Unit",
    [0x1F] = "Cable/Interconnect",
    [0x20] = "Memory Device",
    [0x21] = "System Management Software",
    [0x22] = "BIOS",
    [0x23] = "Operating System",
    [0x24] = "System Bus",
    [0x25] = "Group",
    [0x26] = "Remote Management Device",
    [0x27] = "External Environment",
    [0x28] = "Battery",
    [0x29] = "Processing Blade",
    [0x2A] = "Connectivity Switch",
    [0x2B] = "Processor/Memory Module",
    [0x2C] = "I/O Module",
    [0x2D] = "Processor/IO Module",
    [0x2E] = "Management Controller Firmware",
    [0x2F] = "IPMI Channel",
    [0x30] = "PCI Bus",
    [0x31] = "PCI Express Bus",
    [0x32] = "SCSI Bus (parallel)",
    [0x33] = "SATA/SAS Bus",
    [0x34] = "Processor/Front-Side Bus",
    [0x35] = "Real Time Clock(RTC)",
    [0x36] = "Reserved",
    [0x37] = "Air Inlet",
    [0x38] = "Reserved",
    [0x39] = "Reserved",
    [0x3A] = "Reserved",
    [0x3B] = "Reserved",
    [0x3C] = "Reserved",
    [0x3D] = "Reserved",
    [0x3E] = "Reserved",
    [0x3F] = "Reserved",
    [0x40] = "Air Inlet",                   /* DCMI */
    [0x41] = "Processor",                   /* DCMI */
    [0x42] = "Baseboard/Main System Board", /* DCMI */
};

const char *ik_entity_name(uint8_t entity_id)
{
    if (entity_id < sizeof(entity_names) / sizeof(entity_names[0]))
        return entity_names[entity_id];
    switch (entity_id) {
    case 0xA0:
        return "PICMG Front Board";
    case 0xC0:
        return "PICMG Rear Transition Module";
    case 0xC1:
        return "PICMG AdvancedMC Module";
    case 0xF0:
        return "PICMG Shelf Management Controller";
    case 0xF1:
        return "PICMG Filtration Unit";
    case 0xF2:
        return "PICMG Shelf FRU Information";
    case 0xF3:
        return "PICMG Alarm Panel";
    }
    return NULL;
}
