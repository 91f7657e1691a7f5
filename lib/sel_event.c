/*
 * Event interpretation for SEL system event records: event/reading type classes (IPMI 2.0
 * table 42-1), generic offsets (table 42-2), sensor-specific offsets and their event data
 * 2/3 extensions (table 42-3), the event data 1 flags (table 29-6), the PICMG 3.0 ATCA
 * sensor types F0h-F2h and the Linux kernel's panic event.
 *
 * The names here are the specification's (shortened where the spec explains at length);
 * the CLI keeps ipmitool's own spellings for its ipmitool-compatible lines.
 */
#include <string.h>

#include "ipmikit/sel.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct names {
    const char *const *v;
    uint8_t n;
};
#define NAMES(a)                                                                                   \
    {                                                                                              \
        (a), (uint8_t)N(a)                                                                         \
    }

static const char *name_at(const struct names *t, unsigned i)
{
    return t && i < t->n ? t->v[i] : NULL;
}

/* ---- table 42-2: generic event/reading types 01h-0Ch --------------------------------- */

static const char *const g_threshold[] = {
    "Lower Non-critical - going low",    "Lower Non-critical - going high",
    "Lower Critical - going low",        "Lower Critical - going high",
    "Lower Non-recoverable - going low", "Lower Non-recoverable - going high",
    "Upper Non-critical - going low",    "Upper Non-critical - going high",
    "Upper Critical - going low",        "Upper Critical - going high",
    "Upper Non-recoverable - going low", "Upper Non-recoverable - going high",
};
static const char *const g_usage[] = {"Transition to Idle", "Transition to Active",
                                      "Transition to Busy"};
static const char *const g_state[] = {"State Deasserted", "State Asserted"};
static const char *const g_predictive[] = {"Predictive Failure deasserted",
                                           "Predictive Failure asserted"};
static const char *const g_limit[] = {"Limit Not Exceeded", "Limit Exceeded"};
static const char *const g_perf[] = {"Performance Met", "Performance Lags"};
static const char *const g_severity[] = {
    "transition to OK",
    "transition to Non-Critical from OK",
    "transition to Critical from less severe",
    "transition to Non-recoverable from less severe",
    "transition to Non-Critical from more severe",
    "transition to Critical from Non-recoverable",
    "transition to Non-recoverable",
    "Monitor",
    "Informational",
};
static const char *const g_presence[] = {"Device Removed / Device Absent",
                                         "Device Inserted / Device Present"};
static const char *const g_enabled[] = {"Device Disabled", "Device Enabled"};
static const char *const g_avail[] = {
    "transition to Running",  "transition to In Test",    "transition to Power Off",
    "transition to On Line",  "transition to Off Line",   "transition to Off Duty",
    "transition to Degraded", "transition to Power Save", "Install Error",
};
static const char *const g_redundancy[] = {
    "Fully Redundant",
    "Redundancy Lost",
    "Redundancy Degraded",
    "Non-redundant: Sufficient Resources from Redundant",
    "Non-redundant: Sufficient Resources from Insufficient Resources",
    "Non-redundant: Insufficient Resources",
    "Redundancy Degraded from Fully Redundant",
    "Redundancy Degraded from Non-redundant",
};
static const char *const g_acpi_dev[] = {"D0 Power State", "D1 Power State", "D2 Power State",
                                         "D3 Power State"};

static const struct names generic_tables[0x0D] = {
    [0x01] = NAMES(g_threshold),  [0x02] = NAMES(g_usage),      [0x03] = NAMES(g_state),
    [0x04] = NAMES(g_predictive), [0x05] = NAMES(g_limit),      [0x06] = NAMES(g_perf),
    [0x07] = NAMES(g_severity),   [0x08] = NAMES(g_presence),   [0x09] = NAMES(g_enabled),
    [0x0A] = NAMES(g_avail),      [0x0B] = NAMES(g_redundancy), [0x0C] = NAMES(g_acpi_dev),
};

/* ---- table 42-3: sensor-specific offsets (event/reading type 6Fh) ------------------- */

static const char *const s_physec[] = {
    "General Chassis Intrusion",
    "Drive Bay intrusion",
    "I/O Card area intrusion",
    "Processor area intrusion",
    "LAN Leash Lost (system is unplugged from LAN)",
    "Unauthorized dock",
    "FAN area intrusion",
};
static const char *const s_platsec[] = {
    "Secure Mode (Front Panel Lockout) Violation attempt",
    "Pre-boot Password Violation - user password",
    "Pre-boot Password Violation attempt - setup password",
    "Pre-boot Password Violation - network boot password",
    "Other pre-boot Password Violation",
    "Out-of-band Access Password Violation",
};
static const char *const s_processor[] = {
    "IERR",
    "Thermal Trip",
    "FRB1/BIST failure",
    "FRB2/Hang in POST failure",
    "FRB3/Processor Startup/Initialization failure",
    "Configuration Error",
    "SM BIOS Uncorrectable CPU-complex Error",
    "Processor Presence detected",
    "Processor disabled",
    "Terminator Presence Detected",
    "Processor Automatically Throttled",
    "Machine Check Exception (Uncorrectable)",
    "Correctable Machine Check Error",
};
static const char *const s_psu[] = {
    "Presence detected",
    "Power Supply Failure detected",
    "Predictive Failure",
    "Power Supply input lost (AC/DC)",
    "Power Supply input lost or out-of-range",
    "Power Supply input out-of-range, but present",
    "Configuration error",
    "Power Supply Inactive (in standby state)",
};
static const char *const s_power_unit[] = {
    "Power Off / Power Down",
    "Power Cycle",
    "240VA Power Down",
    "Interlock Power Down",
    "AC lost / Power input lost",
    "Soft Power Control Failure",
    "Power Unit Failure detected",
    "Predictive Failure",
};
static const char *const s_memory[] = {
    "Correctable ECC / other correctable memory error",
    "Uncorrectable ECC / other uncorrectable memory error",
    "Parity",
    "Memory Scrub Failed (stuck bit)",
    "Memory Device Disabled",
    "Correctable ECC / other correctable memory error logging limit reached",
    "Presence detected",
    "Configuration error",
    "Spare",
    "Memory Automatically Throttled",
    "Critical Overtemperature",
};
static const char *const s_drive[] = {
    "Drive Presence",
    "Drive Fault",
    "Predictive Failure",
    "Hot Spare",
    "Consistency Check / Parity Check in progress",
    "In Critical Array",
    "In Failed Array",
    "Rebuild/Remap in progress",
    "Rebuild/Remap Aborted",
};
static const char *const s_fw_progress[] = {
    "System Firmware Error (POST Error)",
    "System Firmware Hang",
    "System Firmware Progress",
};
static const char *const s_log_disabled[] = {
    "Correctable Memory Error Logging Disabled",
    "Event Type Logging Disabled",
    "Log Area Reset/Cleared",
    "All Event Logging Disabled",
    "SEL Full",
    "SEL Almost Full",
    "Correctable Machine Check Error Logging Disabled",
};
static const char *const s_watchdog1[] = {
    "BIOS Watchdog Reset",
    "OS Watchdog Reset",
    "OS Watchdog Shut Down",
    "OS Watchdog Power Down",
    "OS Watchdog Power Cycle",
    "OS Watchdog NMI / Diagnostic Interrupt",
    "OS Watchdog Expired, status only",
    "OS Watchdog pre-timeout Interrupt, non-NMI",
};
static const char *const s_system_event[] = {
    "System Reconfigured",
    "OEM System Boot Event",
    "Undetermined system hardware failure",
    "Entry added to Auxiliary Log",
    "PEF Action",
    "Timestamp Clock Synch",
};
static const char *const s_crit_int[] = {
    "Front Panel NMI / Diagnostic Interrupt",
    "Bus Timeout",
    "I/O channel check NMI",
    "Software NMI",
    "PCI PERR",
    "PCI SERR",
    "EISA Fail Safe Timeout",
    "Bus Correctable Error",
    "Bus Uncorrectable Error",
    "Fatal NMI (port 61h, bit 7)",
    "Bus Fatal Error",
    "Bus Degraded",
};
static const char *const s_button[] = {
    "Power Button pressed", "Sleep Button pressed",       "Reset Button pressed",
    "FRU latch open",       "FRU service request button",
};
static const char *const s_chipset[] = {"Soft Power Control Failure", "Thermal Trip"};
static const char *const s_cable[] = {
    "Cable/Interconnect is connected",
    "Configuration Error - Incorrect cable connected / Incorrect interconnection",
};
static const char *const s_boot_initiated[] = {
    "Initiated by power up",
    "Initiated by hard reset",
    "Initiated by warm reset",
    "User requested PXE boot",
    "Automatic boot to diagnostic",
    "OS / run-time software initiated hard reset",
    "OS / run-time software initiated warm reset",
    "System Restart",
};
static const char *const s_boot_error[] = {
    "No bootable media",
    "Non-bootable diskette left in drive",
    "PXE Server not found",
    "Invalid boot sector",
    "Timeout waiting for user selection of boot source",
};
static const char *const s_os_boot[] = {
    "A: boot completed",
    "C: boot completed",
    "PXE boot completed",
    "Diagnostic boot completed",
    "CD-ROM boot completed",
    "ROM boot completed",
    "boot completed - boot device not specified",
    "Base OS/Hypervisor Installation started",
    "Base OS/Hypervisor Installation completed",
    "Base OS/Hypervisor Installation aborted",
    "Base OS/Hypervisor Installation failed",
};
static const char *const s_os_stop[] = {
    "Critical stop during OS load / initialization",
    "Run-time Critical Stop",
    "OS Graceful Stop",
    "OS Graceful Shutdown",
    "Soft Shutdown initiated by PEF",
    "Agent Not Responding",
};
static const char *const s_slot[] = {
    "Fault Status asserted",
    "Identify Status asserted",
    "Slot / Connector Device installed/attached",
    "Slot / Connector Ready for Device Installation",
    "Slot / Connector Ready for Device Removal",
    "Slot Power is Off",
    "Slot / Connector Device Removal Request",
    "Interlock asserted",
    "Slot is Disabled",
    "Slot holds spare device",
};
static const char *const s_acpi[] = {
    "S0 / G0: working",
    "S1: sleeping with system h/w & processor context maintained",
    "S2: sleeping, processor context lost",
    "S3: sleeping, processor & h/w context lost, memory retained",
    "S4: non-volatile sleep / suspend-to disk",
    "S5 / G2: soft-off",
    "S4 / S5 soft-off, particular S4 / S5 state cannot be determined",
    "G3 / Mechanical Off",
    "Sleeping in an S1, S2, or S3 states",
    "G1 sleeping (S1-S4 state cannot be determined)",
    "S5 entered by override",
    "Legacy ON state",
    "Legacy OFF state",
    NULL, /* 0Dh reserved */
    "Unknown",
};
static const char *const s_watchdog2[] = {
    "Timer expired, status only (no action, no interrupt)",
    "Hard Reset",
    "Power Down",
    "Power Cycle",
    NULL,
    NULL,
    NULL,
    NULL, /* 04h-07h reserved */
    "Timer interrupt",
};
static const char *const s_platform_alert[] = {
    "platform generated page",
    "platform generated LAN alert",
    "Platform Event Trap generated",
    "platform generated SNMP trap, OEM format",
};
static const char *const s_entity_presence[] = {"Entity Present", "Entity Absent",
                                                "Entity Disabled"};
static const char *const s_lan[] = {"LAN Heartbeat Lost", "LAN Heartbeat"};
static const char *const s_mgmt_health[] = {
    "sensor access degraded or unavailable",
    "controller access degraded or unavailable",
    "management controller off-line",
    "management controller unavailable",
    "Sensor failure",
    "FRU failure",
};
static const char *const s_battery[] = {"battery low (predictive failure)", "battery failed",
                                        "battery presence detected"};
static const char *const s_session[] = {"Session Activated", "Session Deactivated",
                                        "Invalid Username or Password", "Invalid password disable"};
static const char *const s_version[] = {
    "Hardware change detected with associated Entity",
    "Firmware or software change detected with associated Entity",
    "Hardware incompatibility detected with associated Entity",
    "Firmware or software incompatibility detected with associated Entity",
    "Entity is of an invalid or unsupported hardware version",
    "Entity contains an invalid or unsupported firmware or software version",
    "Hardware Change detected with associated Entity was successful",
    "Software or F/W Change detected with associated Entity was successful",
};
static const char *const s_fru_state[] = {
    "FRU Not Installed",
    "FRU Inactive",
    "FRU Activation Requested",
    "FRU Activation In Progress",
    "FRU Active",
    "FRU Deactivation Requested",
    "FRU Deactivation In Progress",
    "FRU Communication Lost",
};
/* PICMG 3.0 table 3-20 (FRU hot swap states M0-M7). */
static const char *const s_picmg_hotswap[] = {
    "M0 - FRU Not Installed",
    "M1 - FRU Inactive",
    "M2 - FRU Activation Request",
    "M3 - FRU Activation In Progress",
    "M4 - FRU Active",
    "M5 - FRU Deactivation Request",
    "M6 - FRU Deactivation In Progress",
    "M7 - FRU Communication Lost",
};
/* PICMG 3.0 IPMB physical link sensor: state of the two IPMB-0 links. */
static const char *const s_picmg_ipmb[] = {
    "IPMB-A disabled, IPMB-B disabled",
    "IPMB-A enabled, IPMB-B disabled",
    "IPMB-A disabled, IPMB-B enabled",
    "IPMB-A enabled, IPMB-B enabled",
};
/* PICMG AMC.0 module hot swap sensor. */
static const char *const s_picmg_module[] = {
    "Module Handle Closed",  "Module Handle Opened",    "Quiesced",
    "Backend Power Failure", "Backend Power Shut Down",
};

static const struct names specific_tables[0x2D] = {
    [0x05] = NAMES(s_physec),
    [0x06] = NAMES(s_platsec),
    [0x07] = NAMES(s_processor),
    [0x08] = NAMES(s_psu),
    [0x09] = NAMES(s_power_unit),
    [0x0C] = NAMES(s_memory),
    [0x0D] = NAMES(s_drive),
    [0x0F] = NAMES(s_fw_progress),
    [0x10] = NAMES(s_log_disabled),
    [0x11] = NAMES(s_watchdog1),
    [0x12] = NAMES(s_system_event),
    [0x13] = NAMES(s_crit_int),
    [0x14] = NAMES(s_button),
    [0x19] = NAMES(s_chipset),
    [0x1B] = NAMES(s_cable),
    [0x1D] = NAMES(s_boot_initiated),
    [0x1E] = NAMES(s_boot_error),
    [0x1F] = NAMES(s_os_boot),
    [0x20] = NAMES(s_os_stop),
    [0x21] = NAMES(s_slot),
    [0x22] = NAMES(s_acpi),
    [0x23] = NAMES(s_watchdog2),
    [0x24] = NAMES(s_platform_alert),
    [0x25] = NAMES(s_entity_presence),
    [0x27] = NAMES(s_lan),
    [0x28] = NAMES(s_mgmt_health),
    [0x29] = NAMES(s_battery),
    [0x2A] = NAMES(s_session),
    [0x2B] = NAMES(s_version),
    [0x2C] = NAMES(s_fru_state),
};
static const struct names picmg_tables[3] = {
    NAMES(s_picmg_hotswap),
    NAMES(s_picmg_ipmb),
    NAMES(s_picmg_module),
};

static const struct names *table_for(uint8_t event_type, uint8_t sensor_type)
{
    if (event_type >= 0x01 && event_type <= 0x0C)
        return &generic_tables[event_type];
    if (event_type != 0x6F)
        return NULL;
    if (sensor_type < N(specific_tables))
        return specific_tables[sensor_type].v ? &specific_tables[sensor_type] : NULL;
    if (sensor_type >= 0xF0 && sensor_type <= 0xF2)
        return &picmg_tables[sensor_type - 0xF0];
    return NULL;
}

const char *ik_sel_offset_name(uint8_t event_type, uint8_t sensor_type, uint8_t offset)
{
    return name_at(table_for(event_type, sensor_type), offset);
}

/* ---- value tables for the event data 2/3 extensions ---------------------------------- */

/* 0Fh offset 00h, event data 2: POST error codes. */
static const char *const v_fw_error[] = {
    "Unspecified",
    "No system memory is physically installed in the system",
    "No usable system memory, all installed memory has experienced an unrecoverable failure",
    "Unrecoverable hard-disk/ATAPI/IDE device failure",
    "Unrecoverable system-board failure",
    "Unrecoverable diskette subsystem failure",
    "Unrecoverable hard-disk controller failure",
    "Unrecoverable PS/2 or USB keyboard failure",
    "Removable boot media not found",
    "Unrecoverable video controller failure",
    "No video device detected",
    "Firmware (BIOS) ROM corruption detected",
    "CPU voltage mismatch (processors sharing a supply need different voltages)",
    "CPU speed matching failure",
};
/* 0Fh offsets 01h/02h, event data 2: progress codes (hang = where it stopped). */
static const char *const v_fw_progress[] = {
    "Unspecified",
    "Memory initialization",
    "Hard-disk initialization",
    "Secondary processor(s) initialization",
    "User authentication",
    "User-initiated system setup",
    "USB resource configuration",
    "PCI resource configuration",
    "Option ROM initialization",
    "Video initialization",
    "Cache initialization",
    "SM Bus initialization",
    "Keyboard controller initialization",
    "Embedded controller/management controller initialization",
    "Docking station attachment",
    "Enabling docking station",
    "Docking station ejection",
    "Disabling docking station",
    "Calling operating system wake-up vector",
    "Starting operating system boot process, e.g. calling Int 19h",
    "Baseboard or motherboard initialization",
    NULL, /* 15h reserved */
    "Floppy initialization",
    "Keyboard test",
    "Pointing device test",
    "Primary processor initialization",
};
/* 08h offset 06h, event data 3 [3:0]. */
static const char *const v_psu_config[] = {
    "Vendor mismatch",         "Revision mismatch",
    "Processor missing",       "Power Supply rating mismatch",
    "Voltage rating mismatch",
};
/* 12h offset 03h, event data 2 [7:4] / [3:0]. */
static const char *const v_aux_action[] = {
    "entry added",
    "entry added because event did not map to standard IPMI event",
    "entry added along with one or more corresponding SEL entries",
    "log cleared",
    "log disabled",
    "log enabled",
};
static const char *const v_aux_type[] = {"MCA Log", "OEM 1", "OEM 2"};
/* 12h offset 04h, event data 2 bits. */
static const char *const v_pef_bits[8] = {
    "Alert", "power off", "reset", "power cycle", "OEM action", "Diagnostic Interrupt (NMI)",
    NULL,    NULL,
};
/* 12h offset 05h, event data 2 [7] and [3:0]. */
static const char *const v_sync_pair[] = {"first of pair", "second of pair"};
static const char *const v_sync_clock[] = {"SEL Timestamp Clock updated",
                                           "SDR Timestamp Clock updated"};
/* 19h offset 00h, event data 2 (requested state) and 3 (state at the request). */
static const char *const v_acpi_states[] = {
    "S0 / G0 working",
    "S1 sleeping with system h/w & processor context maintained",
    "S2 sleeping, processor context lost",
    "S3 sleeping, processor & h/w context lost, memory retained",
    "S4 non-volatile sleep / suspend-to disk",
    "S5 / G2 soft-off",
    "S4 / S5 soft-off, particular S4 / S5 state cannot be determined",
    "G3 / Mechanical Off",
    "Sleeping in an S1, S2, or S3 states",
    "G1 sleeping",
    "S5 entered by override",
    "Legacy ON state",
    "Legacy OFF state",
    "unknown",
};
/* 1Dh offset 07h, event data 2 [3:0]. */
static const char *const v_restart_cause[] = {
    "unknown",
    "Chassis Control command",
    "reset via pushbutton",
    "power-up via power pushbutton",
    "Watchdog expiration",
    "OEM",
    "automatic power-up on AC being applied due to 'always restore' policy",
    "automatic power-up on AC being applied due to 'restore previous power state' policy",
    "reset via PEF",
    "power-cycle via PEF",
    "soft reset",
    "power-up via RTC (system real time clock) wakeup",
};
/* 21h, event data 2 [6:0]. */
static const char *const v_slot_type[] = {
    "PCI",
    "Drive Array",
    "External Peripheral Connector",
    "Docking",
    "other standard internal expansion slot",
    "slot associated with entity specified by Entity ID for sensor",
    "AdvancedTCA",
    "DIMM/memory device",
    "FAN",
    "PCI Express",
    "SCSI (parallel)",
    "SATA / SAS",
    "USB",
};
/* 23h, event data 2 [7:4] and [3:0]; Fh is "unspecified" in both. */
static const char *const v_wd_interrupt[16] = {
    "none", "SMI", "NMI", "Messaging Interrupt", [0x0F] = "unspecified",
};
static const char *const v_wd_timer_use[16] = {
    NULL, "BIOS FRB2", "BIOS/POST", "OS Load", "SMS/OS", "OEM", [0x0F] = "unspecified",
};
/* 2Ah offset 01h, event data 3 [5:4]. */
static const char *const v_deactivation[] = {
    "Session deactivation cause unspecified",
    "Session deactivated by Close Session command",
    "Session deactivated by timeout",
    "Session deactivated by configuration change",
};
/* 2Bh, event data 2. */
static const char *const v_version_type[] = {
    "unspecified",
    "management controller device ID (change in one or more fields from 'Get Device ID')",
    "management controller firmware revision",
    "management controller device revision",
    "management controller manufacturer ID",
    "management controller IPMI version",
    "management controller auxiliary firmware ID",
    "management controller firmware boot block",
    "other management controller firmware",
    "system firmware (EFI / BIOS) change",
    "SMBIOS change",
    "operating system change",
    "operating system loader change",
    "service or diagnostic partition change",
    "management software agent change",
    "management software application change",
    "management software middleware change",
    "programmable hardware change (e.g. FPGA)",
    "board/FRU module change (change of a module plugged into associated entity)",
    "board/FRU component change (addition or removal of a replaceable component)",
    "board/FRU replaced with equivalent version",
    "board/FRU replaced with newer version",
    "board/FRU replaced with older version",
    "board/FRU hardware configuration change (e.g. strap, jumper, cable change, etc.)",
};
/* 2Ch, event data 2 [7:4]: cause of state change (IPMI 2.0). */
static const char *const v_fru_cause[16] = {
    "Normal State Change",
    "Change Commanded by software external to FRU",
    "State Change due to operator changing a Handle latch",
    "State Change due to operator pressing the hotswap push button",
    "State Change due to FRU programmatic action",
    "Communication Lost",
    "Communication Lost due to local failure",
    "State Change due to unexpected extraction",
    "State Change due to operator intervention/update",
    "Unable to compute IPMB address",
    "Unexpected Deactivation",
    [0x0F] = "State Change, Cause Unknown",
};
/* PICMG 3.0 table 3-23: cause of state change for the FRU hot swap sensor (F0h). */
static const char *const v_picmg_cause[16] = {
    "Normal State Change",
    "Change Commanded by Shelf Manager with Set FRU Activation",
    "State Change due to operator changing a Handle Switch",
    "State Change due to FRU programmatic action",
    "Communication Lost or Regained",
    "Communication Lost or Regained - locally detected",
    "Surprise State Change due to extraction",
    "State Change due to provided information",
    "Invalid Hardware Address Detected",
    "Unexpected Deactivation",
    [0x0F] = "State Change, Cause Unknown",
};
/* PICMG 3.0 table 3-50: IPMB-0 link control and local status. */
static const char *const v_ipmb_control[] = {"override state, bus isolated", "local control state"};
static const char *const v_ipmb_status[] = {
    "No failure",
    "Unable to drive clock HI",
    "Unable to drive data HI",
    "Unable to drive clock LO",
    "Unable to drive data LO",
    "Clock low timeout",
    "Under test",
    "Undiagnosed communications failure",
};
static const char *const v_logical_id_kind[] = {"entity instance number",
                                                "vendor-specific processor number"};
static const char *const v_bool[] = {"no", "yes"};
static const char *const v_assert[] = {"deassertion", "assertion"};

/* ---- building the result ------------------------------------------------------------ */

static void add_field(struct ik_sel_interp *o, const char *key, const char *label, uint32_t value,
                      const char *const *names, size_t nnames)
{
    if (o->nfields >= IK_SEL_MAX_FIELDS)
        return;
    struct ik_sel_field *f = &o->fields[o->nfields++];
    f->key = key;
    f->label = label;
    f->value = value;
    f->text = names && value < nnames ? names[value] : NULL;
    f->bits = NULL;
}

#define ADD(o, key, label, value, arr) add_field((o), (key), (label), (value), (arr), N(arr))
#define ADDN(o, key, label, value)     add_field((o), (key), (label), (value), NULL, 0)

static enum ik_sel_data_use data_use(uint8_t bits, int threshold)
{
    switch (bits & 3) {
    case 0:
        return IK_SEL_DATA_UNSPECIFIED;
    case 1:
        /* Threshold: trigger reading / threshold value. Discrete and OEM: data 2 holds
         * the previous state and severity; 01b is reserved for data 3 (reported as such). */
        return threshold ? IK_SEL_DATA_READING : IK_SEL_DATA_PREVIOUS;
    case 2:
        return IK_SEL_DATA_OEM;
    default:
        return IK_SEL_DATA_EXTENSION;
    }
}

/* Table 42-3 extension codes, present only where event data 1 flags them as 11b. */
static void sensor_specific_ext(const struct ik_sel_event *ev, struct ik_sel_interp *o)
{
    const uint8_t d2 = ev->data[1], d3 = ev->data[2], off = o->offset;
    const int x2 = o->data2_use == IK_SEL_DATA_EXTENSION;
    const int x3 = o->data3_use == IK_SEL_DATA_EXTENSION;

    switch (ev->sensor_type) {
    case 0x05: /* Physical Security, LAN leash lost: which network controller */
        if (off == 0x04 && x2)
            ADDN(o, "network_controller", "Network controller", d2);
        break;
    case 0x08: /* Power Supply, configuration error: error type in data 3 [3:0] */
        if (off == 0x06 && x3)
            ADD(o, "config_error", "Config error type", d3 & 0x0F, v_psu_config);
        break;
    case 0x0C: /* Memory: data 3 identifies the module/device (e.g. DIMM) */
        if (x3)
            ADDN(o, "memory_module", "Memory module/device", d3);
        break;
    case 0x0F: /* System Firmware Progress: error / hang / progress code in data 2 */
        if (x2 && off == 0x00)
            ADD(o, "error_code", "POST error", d2, v_fw_error);
        else if (x2 && (off == 0x01 || off == 0x02))
            ADD(o, "progress_code", off == 1 ? "Hang in" : "Progress", d2, v_fw_progress);
        break;
    case 0x10: /* Event Logging Disabled */
        if (off == 0x00 && x2) {
            ADDN(o, "memory_module", "Memory module/device", d2);
        } else if (off == 0x01) {
            if (x2)
                ADDN(o, "event_type", "Event/reading type", d2);
            if (x3) {
                ADD(o, "all_events", "All events of type", (d3 >> 5) & 1, v_bool);
                ADD(o, "direction", "Direction", (d3 >> 4) & 1, v_assert);
                ADDN(o, "event_offset", "Event offset", d3 & 0x0F);
            }
        } else if (off == 0x05 && x3) {
            ADDN(o, "percent_full", "SEL percent full", d3);
        } else if (off == 0x06) {
            if (x2)
                ADDN(o, "processor", "Processor", d2);
            if (x3)
                ADD(o, "processor_id_kind", "Processor number is", d3 >> 7, v_logical_id_kind);
        }
        break;
    case 0x12: /* System Event */
        if (off == 0x03 && x2) {
            ADD(o, "log_action", "Log entry action", d2 >> 4, v_aux_action);
            ADD(o, "log_type", "Log type", d2 & 0x0F, v_aux_type);
        } else if (off == 0x04 && x2) {
            ADDN(o, "pef_actions", "PEF actions", d2 & 0x3F);
            o->fields[o->nfields - 1].bits = v_pef_bits;
        } else if (off == 0x05 && x2) {
            ADD(o, "pair", "Event is", d2 >> 7, v_sync_pair);
            ADD(o, "clock", "Clock", d2 & 0x0F, v_sync_clock);
        }
        break;
    case 0x19: /* Chip Set, soft power control failure: requested and current state */
        if (off == 0x00) {
            if (x2)
                ADD(o, "requested_state", "Requested power state", d2, v_acpi_states);
            if (x3)
                ADD(o, "state_at_request", "Power state at request", d3, v_acpi_states);
        }
        break;
    case 0x1D: /* System Boot/Restart Initiated, system restart: cause and channel */
        if (off == 0x07) {
            if (x2)
                ADD(o, "restart_cause", "Restart cause", d2 & 0x0F, v_restart_cause);
            if (x3)
                ADDN(o, "channel", "Channel", d3);
        }
        break;
    case 0x21: /* Slot/Connector: type and number */
        if (x2)
            ADD(o, "slot_type", "Slot/connector type", d2 & 0x7F, v_slot_type);
        if (x3)
            ADDN(o, "slot_number", "Slot/connector number", d3);
        break;
    case 0x23: /* Watchdog 2: interrupt type and timer use at expiration */
        if (x2) {
            ADD(o, "interrupt_type", "Interrupt type", d2 >> 4, v_wd_interrupt);
            ADD(o, "timer_use", "Timer use", d2 & 0x0F, v_wd_timer_use);
        }
        break;
    case 0x28: /* Management Subsystem Health */
        if ((off == 0x00 || off == 0x04) && x2) {
            ADDN(o, "sensor_number", off == 0 ? "Sensor number" : "Failed sensor number", d2);
        } else if (off == 0x05) {
            int logical = d2 >> 7;
            if (x2) {
                ADD(o, "logical_fru", "Logical FRU device", (uint32_t)logical, v_bool);
                ADDN(o, "lun", "LUN", (d2 >> 3) & 0x03);
                ADDN(o, "private_bus", "Private bus", d2 & 0x07);
            }
            if (x3 && x2 && logical)
                ADDN(o, "fru_device_id", "FRU device ID", d3);
            else if (x3)
                ADDN(o, "i2c_address", "I2C slave address", (uint32_t)(d3 & 0xFE));
        }
        break;
    case 0x2A: /* Session Audit: user, channel, deactivation cause */
        if (x2)
            ADDN(o, "user_id", "User ID", d2 & 0x3F);
        if (x3) {
            if (off == 0x01)
                ADD(o, "deactivation_cause", "Deactivation cause", (d3 >> 4) & 0x03,
                    v_deactivation);
            ADDN(o, "channel", "Channel", d3 & 0x0F);
        }
        break;
    case 0x2B: /* Version Change: what changed */
        if (x2)
            ADD(o, "version_change", "Version change type", d2, v_version_type);
        break;
    case 0x2C: /* FRU State: cause of the change and the state before it */
        if (x2) {
            ADD(o, "cause", "Cause of state change", d2 >> 4, v_fru_cause);
            ADD(o, "previous_state", "Previous state", d2 & 0x0F, s_fru_state);
        }
        break;
    case 0xF0: /* PICMG FRU hot swap: data 1 [7:4] = Ah flags data 2/3 as OEM-defined by
                * PICMG 3.0: data 2 [7:4] cause, [3:0] previous state; data 3 FRU ID. */
        if (o->data2_use != IK_SEL_DATA_UNSPECIFIED) {
            ADD(o, "previous_state", "Previous state", d2 & 0x0F, s_picmg_hotswap);
            ADD(o, "cause", "Cause of state change", d2 >> 4, v_picmg_cause);
        }
        if (o->data3_use != IK_SEL_DATA_UNSPECIFIED)
            ADDN(o, "fru_device_id", "FRU device ID", d3);
        break;
    case 0xF1: /* PICMG IPMB physical link (PICMG 3.0 table 3-50), data flagged as OEM (10b):
                * data 2 [7:4] the IPMB-0 channel; data 3 per link (B in [7:4], A in [3:0]):
                * [7]/[3] 1b local control, 0b override (bus isolated), [6:4]/[2:0] status */
        if (o->data2_use != IK_SEL_DATA_UNSPECIFIED)
            ADDN(o, "channel", "IPMB-0 channel", d2 >> 4);
        if (o->data3_use != IK_SEL_DATA_UNSPECIFIED) {
            ADD(o, "ipmb_a_control", "IPMB-A control", (d3 >> 3) & 1, v_ipmb_control);
            ADD(o, "ipmb_a_status", "IPMB-A local status", d3 & 0x07, v_ipmb_status);
            ADD(o, "ipmb_b_control", "IPMB-B control", d3 >> 7, v_ipmb_control);
            ADD(o, "ipmb_b_status", "IPMB-B local status", (d3 >> 4) & 0x07, v_ipmb_status);
        }
        break;
    default:
        break;
    }
}

void ik_sel_interpret(const struct ik_sel_event *ev, struct ik_sel_interp *out)
{
    struct ik_sel_interp o;
    memset(&o, 0, sizeof(o));
    const uint8_t et = ev->event_type, d1 = ev->data[0];

    if (et == 0x00)
        o.cls = IK_SEL_CLASS_UNSPECIFIED;
    else if (et == 0x01)
        o.cls = IK_SEL_CLASS_THRESHOLD;
    else if (et <= 0x0C)
        o.cls = IK_SEL_CLASS_GENERIC;
    else if (et == 0x6F)
        o.cls = IK_SEL_CLASS_SENSOR_SPECIFIC;
    else if (et >= 0x70 && et <= 0x7F)
        o.cls = IK_SEL_CLASS_OEM;
    else
        o.cls = IK_SEL_CLASS_RESERVED;

    /* Table 29-6: event data 1 [7:6] data 2 use, [5:4] data 3 use, [3:0] offset. */
    const int threshold = o.cls == IK_SEL_CLASS_THRESHOLD;
    o.offset = d1 & 0x0F;
    o.data2_use = (uint8_t)data_use(d1 >> 6, threshold);
    o.data3_use = (uint8_t)data_use(d1 >> 4, threshold);
    o.offset_text = ik_sel_offset_name(et, ev->sensor_type, o.offset);

    if (o.data2_use == IK_SEL_DATA_READING) {
        o.has_trigger_reading = 1;
        o.trigger_reading = ev->data[1];
    }
    if (o.data3_use == IK_SEL_DATA_READING) {
        o.has_threshold = 1;
        o.threshold = ev->data[2];
    }
    if (o.data2_use == IK_SEL_DATA_PREVIOUS) {
        /* Data 2 [7:4] severity (generic table 07h offset), [3:0] previous state offset;
         * Fh in either means unspecified. */
        o.has_previous = 1;
        o.previous_offset = ev->data[1] & 0x0F;
        o.severity_offset = ev->data[1] >> 4;
        if (o.previous_offset != 0x0F)
            o.previous_text = ik_sel_offset_name(et, ev->sensor_type, o.previous_offset);
        if (o.severity_offset != 0x0F)
            o.severity_text = name_at(&generic_tables[0x07], o.severity_offset);
    }
    if (o.cls == IK_SEL_CLASS_SENSOR_SPECIFIC)
        sensor_specific_ext(ev, &o);

    /* Linux "Generate a panic event" (kernel IPMI.txt, Panic Timeouts): generator 21h
     * (kernel software ID 10h), OS Critical Stop, assertion, sensor-specific, data 1 A1h
     * (run-time critical stop, OEM data in bytes 2 and 3); the sensor number and data 2/3
     * carry the first three characters of the panic string (0 if it has none). */
    if (ev->gen_id == 0x0021 && ev->sensor_type == 0x20 && et == 0x6F && !ev->deassertion &&
        d1 == 0xA1) {
        o.is_panic = 1;
        const uint8_t c[3] = {ev->sensor_num, ev->data[1], ev->data[2]};
        size_t n = 0;
        while (n < 3 && c[n] != 0) {
            o.panic_text[n] = (char)c[n];
            n++;
        }
        o.panic_text[n] = '\0';
    }
    *out = o;
}
