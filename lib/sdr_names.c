/*
 * Device type codes of generic and FRU device locator records (IPMI 2.0 table 43-12),
 * with ipmitool's spellings. The modifier matters only for type 10h (FRU inventory
 * device behind a management controller).
 */
#include "ipmikit/sdr.h"

static const char *const device_types[0x25] = {
    [0x00] = "Reserved",
    [0x01] = "Reserved",
    [0x02] = "DS1624 temperature sensor",
    [0x03] = "DS1621 temperature sensor",
    [0x04] = "LM75 Temperature Sensor",
    [0x05] = "Heceta ASIC",
    [0x06] = "Reserved",
    [0x07] = "Reserved",
    [0x08] = "EEPROM, 24C01",
    [0x09] = "EEPROM, 24C02",
    [0x0A] = "EEPROM, 24C04",
    [0x0B] = "EEPROM, 24C08",
    [0x0C] = "EEPROM, 24C16",
    [0x0D] = "EEPROM, 24C17",
    [0x0E] = "EEPROM, 24C32",
    [0x0F] = "EEPROM, 24C64",
    [0x10] = NULL, /* by modifier, below */
    [0x11] = "Reserved",
    [0x12] = "Reserved",
    [0x13] = "Reserved",
    [0x14] = "PCF 8570 256 byte RAM",
    [0x15] = "PCF 8573 clock/calendar",
    [0x16] = "PCF 8574A I/O Port",
    [0x17] = "PCF 8583 clock/calendar",
    [0x18] = "PCF 8593 clock/calendar",
    [0x19] = "Clock calendar",
    [0x1A] = "PCF 8591 A/D, D/A Converter",
    [0x1B] = "I/O Port",
    [0x1C] = "A/D Converter",
    [0x1D] = "D/A Converter",
    [0x1E] = "A/D, D/A Converter",
    [0x1F] = "LCD Controller/Driver",
    [0x20] = "Core Logic (Chip set) Device",
    [0x21] = "LMC6874 Intelligent Battery controller",
    [0x22] = "Intelligent Battery controller",
    [0x23] = "Combo Management ASIC",
    [0x24] = "Maxim 1617 Temperature Sensor",
};

const char *ik_sdr_device_type_name(uint8_t type, uint8_t modifier)
{
    if (type == 0x10) {
        switch (modifier) {
        case 0x00:
        case 0x02:
            return "IPMI FRU Inventory";
        case 0x01:
            return "DIMM Memory ID";
        case 0x03:
            return "System Processor Cartridge FRU";
        case 0xFF:
            return "Unspecified";
        }
        return NULL;
    }
    if (type < sizeof(device_types) / sizeof(device_types[0]))
        return device_types[type];
    if (type == 0xBF)
        return "Other/Unspecified";
    return NULL;
}
