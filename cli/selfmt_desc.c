/*
 * ipmitool-compatible event descriptions and sensor type names for SEL lines.
 *
 * These reproduce what ipmitool 1.8.19 prints in `sel elist` / `sel get`, including its
 * departures from the specification (docs/sel.md lists them): trailing spaces on the
 * "going low" threshold names, version change offset
 * 01h/07h shown only with a type in data 2, data 2 compared (instead of data 3) for power
 * supply configuration errors, "Unknown" for sensor types above 2Ch. The specification's
 * own names, with every extension, come from ik_sel_interpret() in libipmikit.
 *
 * Matching rule (ipmitool's): the entries of one code are tried in table order; an entry
 * matches when its offset equals event data 1 [3:0] and either it applies to any data 2
 * (ANY) or event data 1 [7:6] is non-zero and its data value equals event data 2.
 */
#include <stddef.h>
#include <stdint.h>

#include "selfmt.h"
#include "ipmikit/names.h"

#define ANY 0xFF

struct desc {
    uint8_t code; /* event/reading type (generic table) or sensor type (specific table) */
    uint8_t offset;
    uint8_t data;
    const char *text;
};

static const struct desc generic_descs[] = {
    {0x01, 0x00, ANY, "Lower Non-critical going low "},
    {0x01, 0x01, ANY, "Lower Non-critical going high"},
    {0x01, 0x02, ANY, "Lower Critical going low "},
    {0x01, 0x03, ANY, "Lower Critical going high"},
    {0x01, 0x04, ANY, "Lower Non-recoverable going low "},
    {0x01, 0x05, ANY, "Lower Non-recoverable going high"},
    {0x01, 0x06, ANY, "Upper Non-critical going low "},
    {0x01, 0x07, ANY, "Upper Non-critical going high"},
    {0x01, 0x08, ANY, "Upper Critical going low "},
    {0x01, 0x09, ANY, "Upper Critical going high"},
    {0x01, 0x0a, ANY, "Upper Non-recoverable going low "},
    {0x01, 0x0b, ANY, "Upper Non-recoverable going high"},
    {0x02, 0x00, ANY, "Transition to Idle"},
    {0x02, 0x01, ANY, "Transition to Active"},
    {0x02, 0x02, ANY, "Transition to Busy"},
    {0x03, 0x00, ANY, "State Deasserted"},
    {0x03, 0x01, ANY, "State Asserted"},
    {0x04, 0x00, ANY, "Predictive Failure Deasserted"},
    {0x04, 0x01, ANY, "Predictive Failure Asserted"},
    {0x05, 0x00, ANY, "Limit Not Exceeded"},
    {0x05, 0x01, ANY, "Limit Exceeded"},
    {0x06, 0x00, ANY, "Performance Met"},
    {0x06, 0x01, ANY, "Performance Lags"},
    {0x07, 0x00, ANY, "Transition to OK"},
    {0x07, 0x01, ANY, "Transition to Non-critical from OK"},
    {0x07, 0x02, ANY, "Transition to Critical from less severe"},
    {0x07, 0x03, ANY, "Transition to Non-recoverable from less severe"},
    {0x07, 0x04, ANY, "Transition to Non-critical from more severe"},
    {0x07, 0x05, ANY, "Transition to Critical from Non-recoverable"},
    {0x07, 0x06, ANY, "Transition to Non-recoverable"},
    {0x07, 0x07, ANY, "Monitor"},
    {0x07, 0x08, ANY, "Informational"},
    {0x08, 0x00, ANY, "Device Absent"},
    {0x08, 0x01, ANY, "Device Present"},
    {0x09, 0x00, ANY, "Device Disabled"},
    {0x09, 0x01, ANY, "Device Enabled"},
    {0x0a, 0x00, ANY, "Transition to Running"},
    {0x0a, 0x01, ANY, "Transition to In Test"},
    {0x0a, 0x02, ANY, "Transition to Power Off"},
    {0x0a, 0x03, ANY, "Transition to On Line"},
    {0x0a, 0x04, ANY, "Transition to Off Line"},
    {0x0a, 0x05, ANY, "Transition to Off Duty"},
    {0x0a, 0x06, ANY, "Transition to Degraded"},
    {0x0a, 0x07, ANY, "Transition to Power Save"},
    {0x0a, 0x08, ANY, "Install Error"},
    {0x0b, 0x00, ANY, "Fully Redundant"},
    {0x0b, 0x01, ANY, "Redundancy Lost"},
    {0x0b, 0x02, ANY, "Redundancy Degraded"},
    {0x0b, 0x03, ANY, "Non-Redundant: Sufficient from Redundant"},
    {0x0b, 0x04, ANY, "Non-Redundant: Sufficient from Insufficient"},
    {0x0b, 0x05, ANY, "Non-Redundant: Insufficient Resources"},
    {0x0b, 0x06, ANY, "Redundancy Degraded from Fully Redundant"},
    {0x0b, 0x07, ANY, "Redundancy Degraded from Non-Redundant"},
    {0x0c, 0x00, ANY, "D0 Power State"},
    {0x0c, 0x01, ANY, "D1 Power State"},
    {0x0c, 0x02, ANY, "D2 Power State"},
    {0x0c, 0x03, ANY, "D3 Power State"},
};

/* System firmware progress codes (sensor type 0Fh, data 2), shared by hang and progress. */
#define FW_PROGRESS(off, last)                                                                     \
    {0x0f, off, 0x00, "Unspecified"}, {0x0f, off, 0x01, "Memory initialization"},                  \
        {0x0f, off, 0x02, "Hard-disk initialization"},                                             \
        {0x0f, off, 0x03, "Secondary CPU Initialization"},                                         \
        {0x0f, off, 0x04, "User authentication"},                                                  \
        {0x0f, off, 0x05, "User-initiated system setup"},                                          \
        {0x0f, off, 0x06, "USB resource configuration"},                                           \
        {0x0f, off, 0x07, "PCI resource configuration"},                                           \
        {0x0f, off, 0x08, "Option ROM initialization"}, {0x0f, off, 0x09, "Video initialization"}, \
        {0x0f, off, 0x0a, "Cache initialization"}, {0x0f, off, 0x0b, "SMBus initialization"},      \
        {0x0f, off, 0x0c, "Keyboard controller initialization"},                                   \
        {0x0f, off, 0x0d, "Management controller initialization"},                                 \
        {0x0f, off, 0x0e, "Docking station attachment"},                                           \
        {0x0f, off, 0x0f, "Enabling docking station"},                                             \
        {0x0f, off, 0x10, "Docking station ejection"},                                             \
        {0x0f, off, 0x11, "Disabling docking station"},                                            \
        {0x0f, off, 0x12, "Calling operating system wake-up vector"},                              \
        {0x0f, off, 0x13, "System boot initiated"},                                                \
        {0x0f, off, 0x14, "Motherboard initialization"}, {0x0f, off, 0x15, "reserved"},            \
        {0x0f, off, 0x16, "Floppy initialization"}, {0x0f, off, 0x17, "Keyboard test"},            \
        {0x0f, off, 0x18, "Pointing device test"},                                                 \
        {0x0f, off, 0x19, "Primary CPU initialization"},                                           \
    {                                                                                              \
        0x0f, off, ANY, last                                                                       \
    }

/* Version change types (sensor type 2Bh, data 2) after offset 01h / 07h. */
#define VERSION_CHANGE(off, what)                                                                  \
    {0x2b, off, 0x00, what}, {0x2b, off, 0x01, what ", Mngmt Ctrl Dev Id"},                        \
        {0x2b, off, 0x02, what ", Mngmt Ctrl Firm Rev"},                                           \
        {0x2b, off, 0x03, what ", Mngmt Ctrl Dev Rev"},                                            \
        {0x2b, off, 0x04, what ", Mngmt Ctrl Manuf Id"},                                           \
        {0x2b, off, 0x05, what ", Mngmt Ctrl IPMI Vers"},                                          \
        {0x2b, off, 0x06, what ", Mngmt Ctrl Aux Firm Id"},                                        \
        {0x2b, off, 0x07, what ", Mngmt Ctrl Firm Boot Block"},                                    \
        {0x2b, off, 0x08, what ", Mngmt Ctrl Other"}, {0x2b, off, 0x09, what ", BIOS/EFI change"}, \
        {0x2b, off, 0x0A, what ", SMBIOS change"}, {0x2b, off, 0x0B, what ", O/S change"},         \
        {0x2b, off, 0x0C, what ", O/S loader change"},                                             \
        {0x2b, off, 0x0D, what ", Service Diag change"},                                           \
        {0x2b, off, 0x0E, what ", Mngmt SW agent change"},                                         \
        {0x2b, off, 0x0F, what ", Mngmt SW App change"},                                           \
        {0x2b, off, 0x10, what ", Mngmt SW Middle"},                                               \
        {0x2b, off, 0x11, what ", Prog HW Change (FPGA)"},                                         \
        {0x2b, off, 0x12, what ", board/FRU module change"},                                       \
        {0x2b, off, 0x13, what ", board/FRU component change"},                                    \
        {0x2b, off, 0x14, what ", board/FRU replace equ ver"},                                     \
        {0x2b, off, 0x15, what ", board/FRU replace new ver"},                                     \
        {0x2b, off, 0x16, what ", board/FRU replace old ver"},                                     \
    {                                                                                              \
        0x2b, off, 0x17, what ", board/FRU HW conf change"                                         \
    }

static const struct desc specific_descs[] = {
    {0x05, 0x00, ANY, "General Chassis intrusion"},
    {0x05, 0x01, ANY, "Drive Bay intrusion"},
    {0x05, 0x02, ANY, "I/O Card area intrusion"},
    {0x05, 0x03, ANY, "Processor area intrusion"},
    {0x05, 0x04, ANY, "System unplugged from LAN"},
    {0x05, 0x05, ANY, "Unauthorized dock"},
    {0x05, 0x06, ANY, "FAN area intrusion"},
    {0x06, 0x00, ANY, "Front Panel Lockout violation attempted"},
    {0x06, 0x01, ANY, "Pre-boot password violation - user password"},
    {0x06, 0x02, ANY, "Pre-boot password violation - setup password"},
    {0x06, 0x03, ANY, "Pre-boot password violation - network boot password"},
    {0x06, 0x04, ANY, "Other pre-boot password violation"},
    {0x06, 0x05, ANY, "Out-of-band access password violation"},
    {0x07, 0x00, ANY, "IERR"},
    {0x07, 0x01, ANY, "Thermal Trip"},
    {0x07, 0x02, ANY, "FRB1/BIST failure"},
    {0x07, 0x03, ANY, "FRB2/Hang in POST failure"},
    {0x07, 0x04, ANY, "FRB3/Processor startup/init failure"},
    {0x07, 0x05, ANY, "Configuration Error"},
    {0x07, 0x06, ANY, "SM BIOS Uncorrectable CPU-complex Error"},
    {0x07, 0x07, ANY, "Presence detected"},
    {0x07, 0x08, ANY, "Disabled"},
    {0x07, 0x09, ANY, "Terminator presence detected"},
    {0x07, 0x0a, ANY, "Throttled"},
    {0x07, 0x0b, ANY, "Uncorrectable machine check exception"},
    {0x07, 0x0c, ANY, "Correctable machine check error"},
    {0x08, 0x00, ANY, "Presence detected"},
    {0x08, 0x01, ANY, "Failure detected"},
    {0x08, 0x02, ANY, "Predictive failure"},
    {0x08, 0x03, ANY, "Power Supply AC lost"},
    {0x08, 0x04, ANY, "AC lost or out-of-range"},
    {0x08, 0x05, ANY, "AC out-of-range, but present"},
    {0x08, 0x06, 0x00, "Config Error: Vendor Mismatch"},
    {0x08, 0x06, 0x01, "Config Error: Revision Mismatch"},
    {0x08, 0x06, 0x02, "Config Error: Processor Missing"},
    {0x08, 0x06, 0x03, "Config Error: Power Supply Rating Mismatch"},
    {0x08, 0x06, 0x04, "Config Error: Voltage Rating Mismatch"},
    {0x08, 0x06, ANY, "Config Error"},
    {0x08, 0x07, ANY, "Power Supply Inactive"},
    {0x09, 0x00, ANY, "Power off/down"},
    {0x09, 0x01, ANY, "Power cycle"},
    {0x09, 0x02, ANY, "240VA power down"},
    {0x09, 0x03, ANY, "Interlock power down"},
    {0x09, 0x04, ANY, "AC lost"},
    {0x09, 0x05, ANY, "Soft-power control failure"},
    {0x09, 0x06, ANY, "Failure detected"},
    {0x09, 0x07, ANY, "Predictive failure"},
    {0x0c, 0x00, ANY, "Correctable ECC"},
    {0x0c, 0x01, ANY, "Uncorrectable ECC"},
    {0x0c, 0x02, ANY, "Parity"},
    {0x0c, 0x03, ANY, "Memory Scrub Failed"},
    {0x0c, 0x04, ANY, "Memory Device Disabled"},
    {0x0c, 0x05, ANY, "Correctable ECC logging limit reached"},
    {0x0c, 0x06, ANY, "Presence Detected"},
    {0x0c, 0x07, ANY, "Configuration Error"},
    {0x0c, 0x08, ANY, "Spare"},
    {0x0c, 0x09, ANY, "Throttled"},
    {0x0c, 0x0a, ANY, "Critical Overtemperature"},
    {0x0d, 0x00, ANY, "Drive Present"},
    {0x0d, 0x01, ANY, "Drive Fault"},
    {0x0d, 0x02, ANY, "Predictive Failure"},
    {0x0d, 0x03, ANY, "Hot Spare"},
    {0x0d, 0x04, ANY, "Parity Check In Progress"},
    {0x0d, 0x05, ANY, "In Critical Array"},
    {0x0d, 0x06, ANY, "In Failed Array"},
    {0x0d, 0x07, ANY, "Rebuild In Progress"},
    {0x0d, 0x08, ANY, "Rebuild Aborted"},
    {0x0f, 0x00, 0x00, "Unspecified"},
    {0x0f, 0x00, 0x01, "No system memory installed"},
    {0x0f, 0x00, 0x02, "No usable system memory"},
    {0x0f, 0x00, 0x03, "Unrecoverable IDE device failure"},
    {0x0f, 0x00, 0x04, "Unrecoverable system-board failure"},
    {0x0f, 0x00, 0x05, "Unrecoverable diskette failure"},
    {0x0f, 0x00, 0x06, "Unrecoverable hard-disk controller failure"},
    {0x0f, 0x00, 0x07, "Unrecoverable PS/2 or USB keyboard failure"},
    {0x0f, 0x00, 0x08, "Removable boot media not found"},
    {0x0f, 0x00, 0x09, "Unrecoverable video controller failure"},
    {0x0f, 0x00, 0x0a, "No video device selected"},
    {0x0f, 0x00, 0x0b, "BIOS corruption detected"},
    {0x0f, 0x00, 0x0c, "CPU voltage mismatch"},
    {0x0f, 0x00, 0x0d, "CPU speed mismatch failure"},
    {0x0f, 0x00, ANY, "Unknown Error"},
    FW_PROGRESS(0x01, "Unknown Hang"),
    FW_PROGRESS(0x02, "Unknown Progress"),
    {0x10, 0x00, ANY, "Correctable memory error logging disabled"},
    {0x10, 0x01, ANY, "Event logging disabled"},
    {0x10, 0x02, ANY, "Log area reset/cleared"},
    {0x10, 0x03, ANY, "All event logging disabled"},
    {0x10, 0x04, ANY, "Log full"},
    {0x10, 0x05, ANY, "Log almost full"},
    {0x11, 0x00, ANY, "BIOS Reset"},
    {0x11, 0x01, ANY, "OS Reset"},
    {0x11, 0x02, ANY, "OS Shut Down"},
    {0x11, 0x03, ANY, "OS Power Down"},
    {0x11, 0x04, ANY, "OS Power Cycle"},
    {0x11, 0x05, ANY, "OS NMI/Diag Interrupt"},
    {0x11, 0x06, ANY, "OS Expired"},
    {0x11, 0x07, ANY, "OS pre-timeout Interrupt"},
    {0x12, 0x00, ANY, "System Reconfigured"},
    {0x12, 0x01, ANY, "OEM System boot event"},
    {0x12, 0x02, ANY, "Undetermined system hardware failure"},
    {0x12, 0x03, ANY, "Entry added to auxiliary log"},
    {0x12, 0x04, ANY, "PEF Action"},
    {0x12, 0x05, ANY, "Timestamp Clock Sync"},
    {0x13, 0x00, ANY, "NMI/Diag Interrupt"},
    {0x13, 0x01, ANY, "Bus Timeout"},
    {0x13, 0x02, ANY, "I/O Channel check NMI"},
    {0x13, 0x03, ANY, "Software NMI"},
    {0x13, 0x04, ANY, "PCI PERR"},
    {0x13, 0x05, ANY, "PCI SERR"},
    {0x13, 0x06, ANY, "EISA failsafe timeout"},
    {0x13, 0x07, ANY, "Bus Correctable error"},
    {0x13, 0x08, ANY, "Bus Uncorrectable error"},
    {0x13, 0x09, ANY, "Fatal NMI"},
    {0x13, 0x0a, ANY, "Bus Fatal Error"},
    {0x13, 0x0b, ANY, "Bus Degraded"},
    {0x14, 0x00, ANY, "Power Button pressed"},
    {0x14, 0x01, ANY, "Sleep Button pressed"},
    {0x14, 0x02, ANY, "Reset Button pressed"},
    {0x14, 0x03, ANY, "FRU Latch"},
    {0x14, 0x04, ANY, "FRU Service"},
    {0x19, 0x00, ANY, "Soft Power Control Failure"},
    {0x19, 0x01, ANY, "Thermal Trip"},
    {0x1b, 0x00, ANY, "Connected"},
    {0x1b, 0x01, ANY, "Config Error"},
    {0x1d, 0x00, ANY, "Initiated by power up"},
    {0x1d, 0x01, ANY, "Initiated by hard reset"},
    {0x1d, 0x02, ANY, "Initiated by warm reset"},
    {0x1d, 0x03, ANY, "User requested PXE boot"},
    {0x1d, 0x04, ANY, "Automatic boot to diagnostic"},
    {0x1d, 0x05, ANY, "OS initiated hard reset"},
    {0x1d, 0x06, ANY, "OS initiated warm reset"},
    {0x1d, 0x07, ANY, "System Restart"},
    {0x1e, 0x00, ANY, "No bootable media"},
    {0x1e, 0x01, ANY, "Non-bootable disk in drive"},
    {0x1e, 0x02, ANY, "PXE server not found"},
    {0x1e, 0x03, ANY, "Invalid boot sector"},
    {0x1e, 0x04, ANY, "Timeout waiting for selection"},
    {0x1f, 0x00, ANY, "A: boot completed"},
    {0x1f, 0x01, ANY, "C: boot completed"},
    {0x1f, 0x02, ANY, "PXE boot completed"},
    {0x1f, 0x03, ANY, "Diagnostic boot completed"},
    {0x1f, 0x04, ANY, "CD-ROM boot completed"},
    {0x1f, 0x05, ANY, "ROM boot completed"},
    {0x1f, 0x06, ANY, "boot completed - device not specified"},
    {0x1f, 0x07, ANY, "Installation started"},
    {0x1f, 0x08, ANY, "Installation completed"},
    {0x1f, 0x09, ANY, "Installation aborted"},
    {0x1f, 0x0a, ANY, "Installation failed"},
    {0x20, 0x00, ANY, "Error during system startup"},
    {0x20, 0x01, ANY, "Run-time critical stop"},
    {0x20, 0x02, ANY, "OS graceful stop"},
    {0x20, 0x03, ANY, "OS graceful shutdown"},
    {0x20, 0x04, ANY, "PEF initiated soft shutdown"},
    {0x20, 0x05, ANY, "Agent not responding"},
    {0x21, 0x00, ANY, "Fault Status"},
    {0x21, 0x01, ANY, "Identify Status"},
    {0x21, 0x02, ANY, "Device Installed"},
    {0x21, 0x03, ANY, "Ready for Device Installation"},
    {0x21, 0x04, ANY, "Ready for Device Removal"},
    {0x21, 0x05, ANY, "Slot Power is Off"},
    {0x21, 0x06, ANY, "Device Removal Request"},
    {0x21, 0x07, ANY, "Interlock"},
    {0x21, 0x08, ANY, "Slot is Disabled"},
    {0x21, 0x09, ANY, "Spare Device"},
    {0x22, 0x00, ANY, "S0/G0: working"},
    {0x22, 0x01, ANY, "S1: sleeping with system hw & processor context maintained"},
    {0x22, 0x02, ANY, "S2: sleeping, processor context lost"},
    {0x22, 0x03, ANY, "S3: sleeping, processor & hw context lost, memory retained"},
    {0x22, 0x04, ANY, "S4: non-volatile sleep/suspend-to-disk"},
    {0x22, 0x05, ANY, "S5/G2: soft-off"},
    {0x22, 0x06, ANY, "S4/S5: soft-off"},
    {0x22, 0x07, ANY, "G3: mechanical off"},
    {0x22, 0x08, ANY, "Sleeping in S1/S2/S3 state"},
    {0x22, 0x09, ANY, "G1: sleeping"},
    {0x22, 0x0a, ANY, "S5: entered by override"},
    {0x22, 0x0b, ANY, "Legacy ON state"},
    {0x22, 0x0c, ANY, "Legacy OFF state"},
    {0x22, 0x0e, ANY, "Unknown"},
    {0x23, 0x00, ANY, "Timer expired"},
    {0x23, 0x01, ANY, "Hard reset"},
    {0x23, 0x02, ANY, "Power down"},
    {0x23, 0x03, ANY, "Power cycle"},
    {0x23, 0x04, ANY, "reserved"},
    {0x23, 0x05, ANY, "reserved"},
    {0x23, 0x06, ANY, "reserved"},
    {0x23, 0x07, ANY, "reserved"},
    {0x23, 0x08, ANY, "Timer interrupt"},
    {0x24, 0x00, ANY, "Platform generated page"},
    {0x24, 0x01, ANY, "Platform generated LAN alert"},
    {0x24, 0x02, ANY, "Platform Event Trap generated"},
    {0x24, 0x03, ANY, "Platform generated SNMP trap, OEM format"},
    {0x25, 0x00, ANY, "Present"},
    {0x25, 0x01, ANY, "Absent"},
    {0x25, 0x02, ANY, "Disabled"},
    {0x27, 0x00, ANY, "Heartbeat Lost"},
    {0x27, 0x01, ANY, "Heartbeat"},
    {0x28, 0x00, ANY, "Sensor access degraded or unavailable"},
    {0x28, 0x01, ANY, "Controller access degraded or unavailable"},
    {0x28, 0x02, ANY, "Management controller off-line"},
    {0x28, 0x03, ANY, "Management controller unavailable"},
    {0x28, 0x04, ANY, "Sensor failure"},
    {0x28, 0x05, ANY, "FRU failure"},
    {0x29, 0x00, ANY, "Low"},
    {0x29, 0x01, ANY, "Failed"},
    {0x29, 0x02, ANY, "Presence Detected"},
    {0x2b, 0x00, ANY, "Hardware change detected"},
    VERSION_CHANGE(0x01, "Firmware or software change detected"),
    {0x2b, 0x02, ANY, "Hardware incompatibility detected"},
    {0x2b, 0x03, ANY, "Firmware or software incompatibility detected"},
    {0x2b, 0x04, ANY, "Invalid or unsupported hardware version"},
    {0x2b, 0x05, ANY, "Invalid or unsupported firmware or software version"},
    {0x2b, 0x06, ANY, "Hardware change success"},
    VERSION_CHANGE(0x07, "Firmware or software change success"),
    {0x2c, 0x00, ANY, "Not Installed"},
    {0x2c, 0x01, ANY, "Inactive"},
    {0x2c, 0x02, ANY, "Activation Requested"},
    {0x2c, 0x03, ANY, "Activation in Progress"},
    {0x2c, 0x04, ANY, "Active"},
    {0x2c, 0x05, ANY, "Deactivation Requested"},
    {0x2c, 0x06, ANY, "Deactivation in Progress"},
    {0x2c, 0x07, ANY, "Communication lost"},
    {0xf0, 0x00, ANY, "Transition to M0"},
    {0xf0, 0x01, ANY, "Transition to M1"},
    {0xf0, 0x02, ANY, "Transition to M2"},
    {0xf0, 0x03, ANY, "Transition to M3"},
    {0xf0, 0x04, ANY, "Transition to M4"},
    {0xf0, 0x05, ANY, "Transition to M5"},
    {0xf0, 0x06, ANY, "Transition to M6"},
    {0xf0, 0x07, ANY, "Transition to M7"},
    {0xf1, 0x00, ANY, "IPMB-A disabled, IPMB-B disabled"},
    {0xf1, 0x01, ANY, "IPMB-A enabled, IPMB-B disabled"},
    {0xf1, 0x02, ANY, "IPMB-A disabled, IPMB-B enabled"},
    {0xf1, 0x03, ANY, "IPMB-A enabled, IPMB-B enabled"},
    {0xf2, 0x00, ANY, "Module Handle Closed"},
    {0xf2, 0x01, ANY, "Module Handle Opened"},
    {0xf2, 0x02, ANY, "Quiesced"},
};

#define NDESC(a) (sizeof(a) / sizeof((a)[0]))

/* Per code: index of its first entry and the entry count (tables are grouped by code). */
struct span {
    uint16_t first, count;
};
static struct span generic_index[256], specific_index[256];
static int index_built;

static void build_index(struct span *idx, const struct desc *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct span *s = &idx[t[i].code];
        if (s->count == 0)
            s->first = (uint16_t)i;
        s->count++;
    }
}

static const char *lookup(const struct desc *t, const struct span *s, uint8_t d1, uint8_t d2)
{
    uint8_t offset = d1 & 0x0F;
    for (unsigned i = 0; i < s->count; i++) {
        const struct desc *d = &t[s->first + i];
        if (d->offset == offset && (d->data == ANY || ((d1 & 0xC0) && d->data == d2)))
            return d->text;
    }
    return NULL;
}

const char *ik_selfmt_description(const struct ik_sel_event *ev)
{
    if (!index_built) {
        build_index(generic_index, generic_descs, NDESC(generic_descs));
        build_index(specific_index, specific_descs, NDESC(specific_descs));
        index_built = 1;
    }
    uint8_t et = ev->event_type;
    /* ipmitool hands 70h-7Eh to OEM decoders (none apply without a known manufacturer);
     * 7Fh falls through to the generic table, where nothing matches. */
    if (et >= 0x70 && et < 0x7F)
        return NULL;
    if (et == 0x6F)
        return lookup(specific_descs, &specific_index[ev->sensor_type], ev->data[0], ev->data[1]);
    return lookup(generic_descs, &generic_index[et], ev->data[0], ev->data[1]);
}

const char *ik_selfmt_sensor_type(uint8_t sensor_type)
{
    /* ipmitool's SEL text: 00h is "reserved"; C0h-FFh (PICMG F0h-F2h included) are named
     * only for a known OEM or when the BMC answers PICMG/VITA discovery, so offline and
     * against a plain BMC they are "Unknown". The spec names come from lib. */
    if (sensor_type == 0x00)
        return "reserved";
    const char *name = sensor_type < 0xC0 ? ik_sensor_type_name(sensor_type) : NULL;
    return name ? name : "Unknown";
}
