/* NetFn names (IPMI 2.0 table 5-1) and command names (appendix G, plus PICMG). */
#include <stddef.h>

#include "ipmikit/names.h"

const char *ik_netfn_name(uint8_t netfn)
{
    uint8_t even = netfn & 0x3E; /* a response NetFn is the request's + 1 */
    if (netfn > 0x3F)
        return NULL; /* NetFn is a 6-bit field */
    switch (even) {
    case 0x00:
        return "Chassis";
    case 0x02:
        return "Bridge";
    case 0x04:
        return "Sensor/Event";
    case 0x06:
        return "Application";
    case 0x08:
        return "Firmware";
    case 0x0A:
        return "Storage";
    case 0x0C:
        return "Transport";
    case 0x2C:
        return "Group Extension";
    case 0x2E:
        return "OEM/Group";
    }
    if (even >= 0x30)
        return "Controller-specific OEM/Group";
    return NULL; /* 0Eh-2Bh reserved */
}

struct cmd_name {
    uint8_t netfn; /* request (even) NetFn */
    uint8_t cmd;
    const char *name;
};

/*
 * Appendix G, "Command Number Assignments and Privilege Levels", one row per command,
 * grouped by NetFn. The Firmware NetFn (08h) defines no commands of its own (its content
 * is vendor-specific), so it has no rows. NetFn 2Ch carries PICMG (group 00h) commands
 * from PICMG 3.0, AMC.0 and HPM.1; other groups (DCMI DCh, ...) reuse the same numbers, so
 * a caller that knows the group byte is not PICMG should not use these names.
 */
static const struct cmd_name cmds[] = {
    /* Chassis, NetFn 00h */
    {0x00, 0x00, "Get Chassis Capabilities"},
    {0x00, 0x01, "Get Chassis Status"},
    {0x00, 0x02, "Chassis Control"},
    {0x00, 0x03, "Chassis Reset"},
    {0x00, 0x04, "Chassis Identify"},
    {0x00, 0x05, "Set Chassis Capabilities"},
    {0x00, 0x06, "Set Power Restore Policy"},
    {0x00, 0x07, "Get System Restart Cause"},
    {0x00, 0x08, "Set System Boot Options"},
    {0x00, 0x09, "Get System Boot Options"},
    {0x00, 0x0A, "Set Front Panel Button Enables"},
    {0x00, 0x0B, "Set Power Cycle Interval"},
    {0x00, 0x0F, "Get POH Counter"},

    /* Bridge, NetFn 02h (ICMB) */
    {0x02, 0x00, "Get Bridge State"},
    {0x02, 0x01, "Set Bridge State"},
    {0x02, 0x02, "Get ICMB Address"},
    {0x02, 0x03, "Set ICMB Address"},
    {0x02, 0x04, "Set Bridge Proxy Address"},
    {0x02, 0x05, "Get Bridge Statistics"},
    {0x02, 0x06, "Get ICMB Capabilities"},
    {0x02, 0x08, "Clear Bridge Statistics"},
    {0x02, 0x09, "Get Bridge Proxy Address"},
    {0x02, 0x0A, "Get ICMB Connector Info"},
    {0x02, 0x0B, "Get ICMB Connection ID"},
    {0x02, 0x0C, "Send ICMB Connection ID"},
    {0x02, 0x10, "Prepare For Discovery"},
    {0x02, 0x11, "Get Addresses"},
    {0x02, 0x12, "Set Discovered"},
    {0x02, 0x13, "Get Chassis Device ID"},
    {0x02, 0x14, "Set Chassis Device ID"},
    {0x02, 0x20, "Bridge Request"},
    {0x02, 0x21, "Bridge Message"},
    {0x02, 0x30, "Get Event Count"},
    {0x02, 0x31, "Set Event Destination"},
    {0x02, 0x32, "Set Event Reception State"},
    {0x02, 0x33, "Send ICMB Event Message"},
    {0x02, 0x34, "Get Event Destination"},
    {0x02, 0x35, "Get Event Reception State"},
    {0x02, 0xFF, "Error Report"},

    /* Sensor/Event, NetFn 04h */
    {0x04, 0x00, "Set Event Receiver"},
    {0x04, 0x01, "Get Event Receiver"},
    {0x04, 0x02, "Platform Event"},
    {0x04, 0x10, "Get PEF Capabilities"},
    {0x04, 0x11, "Arm PEF Postpone Timer"},
    {0x04, 0x12, "Set PEF Configuration Parameters"},
    {0x04, 0x13, "Get PEF Configuration Parameters"},
    {0x04, 0x14, "Set Last Processed Event ID"},
    {0x04, 0x15, "Get Last Processed Event ID"},
    {0x04, 0x16, "Alert Immediate"},
    {0x04, 0x17, "PET Acknowledge"},
    {0x04, 0x20, "Get Device SDR Info"},
    {0x04, 0x21, "Get Device SDR"},
    {0x04, 0x22, "Reserve Device SDR Repository"},
    {0x04, 0x23, "Get Sensor Reading Factors"},
    {0x04, 0x24, "Set Sensor Hysteresis"},
    {0x04, 0x25, "Get Sensor Hysteresis"},
    {0x04, 0x26, "Set Sensor Threshold"},
    {0x04, 0x27, "Get Sensor Threshold"},
    {0x04, 0x28, "Set Sensor Event Enable"},
    {0x04, 0x29, "Get Sensor Event Enable"},
    {0x04, 0x2A, "Re-arm Sensor Events"},
    {0x04, 0x2B, "Get Sensor Event Status"},
    {0x04, 0x2D, "Get Sensor Reading"},
    {0x04, 0x2E, "Set Sensor Type"},
    {0x04, 0x2F, "Get Sensor Type"},
    {0x04, 0x30, "Set Sensor Reading And Event Status"},

    /* Application, NetFn 06h */
    {0x06, 0x01, "Get Device ID"},
    {0x06, 0x02, "Cold Reset"},
    {0x06, 0x03, "Warm Reset"},
    {0x06, 0x04, "Get Self Test Results"},
    {0x06, 0x05, "Manufacturing Test On"},
    {0x06, 0x06, "Set ACPI Power State"},
    {0x06, 0x07, "Get ACPI Power State"},
    {0x06, 0x08, "Get Device GUID"},
    {0x06, 0x09, "Get NetFn Support"},
    {0x06, 0x0A, "Get Command Support"},
    {0x06, 0x0B, "Get Command Sub-function Support"},
    {0x06, 0x0C, "Get Configurable Commands"},
    {0x06, 0x0D, "Get Configurable Command Sub-functions"},
    {0x06, 0x22, "Reset Watchdog Timer"},
    {0x06, 0x24, "Set Watchdog Timer"},
    {0x06, 0x25, "Get Watchdog Timer"},
    {0x06, 0x2E, "Set BMC Global Enables"},
    {0x06, 0x2F, "Get BMC Global Enables"},
    {0x06, 0x30, "Clear Message Flags"},
    {0x06, 0x31, "Get Message Flags"},
    {0x06, 0x32, "Enable Message Channel Receive"},
    {0x06, 0x33, "Get Message"},
    {0x06, 0x34, "Send Message"},
    {0x06, 0x35, "Read Event Message Buffer"},
    {0x06, 0x36, "Get BT Interface Capabilities"},
    {0x06, 0x37, "Get System GUID"},
    {0x06, 0x38, "Get Channel Authentication Capabilities"},
    {0x06, 0x39, "Get Session Challenge"},
    {0x06, 0x3A, "Activate Session"},
    {0x06, 0x3B, "Set Session Privilege Level"},
    {0x06, 0x3C, "Close Session"},
    {0x06, 0x3D, "Get Session Info"},
    {0x06, 0x3F, "Get AuthCode"},
    {0x06, 0x40, "Set Channel Access"},
    {0x06, 0x41, "Get Channel Access"},
    {0x06, 0x42, "Get Channel Info"},
    {0x06, 0x43, "Set User Access"},
    {0x06, 0x44, "Get User Access"},
    {0x06, 0x45, "Set User Name"},
    {0x06, 0x46, "Get User Name"},
    {0x06, 0x47, "Set User Password"},
    {0x06, 0x48, "Activate Payload"},
    {0x06, 0x49, "Deactivate Payload"},
    {0x06, 0x4A, "Get Payload Activation Status"},
    {0x06, 0x4B, "Get Payload Instance Info"},
    {0x06, 0x4C, "Set User Payload Access"},
    {0x06, 0x4D, "Get User Payload Access"},
    {0x06, 0x4E, "Get Channel Payload Support"},
    {0x06, 0x4F, "Get Channel Payload Version"},
    {0x06, 0x50, "Get Channel OEM Payload Info"},
    {0x06, 0x52, "Master Write-Read"},
    {0x06, 0x54, "Get Channel Cipher Suites"},
    {0x06, 0x55, "Suspend/Resume Payload Encryption"},
    {0x06, 0x56, "Set Channel Security Keys"},
    {0x06, 0x57, "Get System Interface Capabilities"},
    {0x06, 0x58, "Set System Info Parameters"},
    {0x06, 0x59, "Get System Info Parameters"},
    {0x06, 0x60, "Set Command Enables"},
    {0x06, 0x61, "Get Command Enables"},
    {0x06, 0x62, "Set Command Sub-function Enables"},
    {0x06, 0x63, "Get Command Sub-function Enables"},
    {0x06, 0x64, "Get OEM NetFn IANA Support"},

    /* Storage, NetFn 0Ah */
    {0x0A, 0x10, "Get FRU Inventory Area Info"},
    {0x0A, 0x11, "Read FRU Data"},
    {0x0A, 0x12, "Write FRU Data"},
    {0x0A, 0x20, "Get SDR Repository Info"},
    {0x0A, 0x21, "Get SDR Repository Allocation Info"},
    {0x0A, 0x22, "Reserve SDR Repository"},
    {0x0A, 0x23, "Get SDR"},
    {0x0A, 0x24, "Add SDR"},
    {0x0A, 0x25, "Partial Add SDR"},
    {0x0A, 0x26, "Delete SDR"},
    {0x0A, 0x27, "Clear SDR Repository"},
    {0x0A, 0x28, "Get SDR Repository Time"},
    {0x0A, 0x29, "Set SDR Repository Time"},
    {0x0A, 0x2A, "Enter SDR Repository Update Mode"},
    {0x0A, 0x2B, "Exit SDR Repository Update Mode"},
    {0x0A, 0x2C, "Run Initialization Agent"},
    {0x0A, 0x40, "Get SEL Info"},
    {0x0A, 0x41, "Get SEL Allocation Info"},
    {0x0A, 0x42, "Reserve SEL"},
    {0x0A, 0x43, "Get SEL Entry"},
    {0x0A, 0x44, "Add SEL Entry"},
    {0x0A, 0x45, "Partial Add SEL Entry"},
    {0x0A, 0x46, "Delete SEL Entry"},
    {0x0A, 0x47, "Clear SEL"},
    {0x0A, 0x48, "Get SEL Time"},
    {0x0A, 0x49, "Set SEL Time"},
    {0x0A, 0x5A, "Get Auxiliary Log Status"},
    {0x0A, 0x5B, "Set Auxiliary Log Status"},
    {0x0A, 0x5C, "Get SEL Time UTC Offset"},
    {0x0A, 0x5D, "Set SEL Time UTC Offset"},

    /* Transport, NetFn 0Ch */
    {0x0C, 0x01, "Set LAN Configuration Parameters"},
    {0x0C, 0x02, "Get LAN Configuration Parameters"},
    {0x0C, 0x03, "Suspend BMC ARPs"},
    {0x0C, 0x04, "Get IP/UDP/RMCP Statistics"},
    {0x0C, 0x10, "Set Serial/Modem Configuration"},
    {0x0C, 0x11, "Get Serial/Modem Configuration"},
    {0x0C, 0x12, "Set Serial/Modem Mux"},
    {0x0C, 0x13, "Get TAP Response Codes"},
    {0x0C, 0x14, "Set PPP UDP Proxy Transmit Data"},
    {0x0C, 0x15, "Get PPP UDP Proxy Transmit Data"},
    {0x0C, 0x16, "Send PPP UDP Proxy Packet"},
    {0x0C, 0x17, "Get PPP UDP Proxy Receive Data"},
    {0x0C, 0x18, "Serial/Modem Connection Active"},
    {0x0C, 0x19, "Callback"},
    {0x0C, 0x1A, "Set User Callback Options"},
    {0x0C, 0x1B, "Get User Callback Options"},
    {0x0C, 0x1C, "Set Serial Routing Mux"},
    {0x0C, 0x20, "SOL Activating"},
    {0x0C, 0x21, "Set SOL Configuration Parameters"},
    {0x0C, 0x22, "Get SOL Configuration Parameters"},
    {0x0C, 0x30, "Forwarded Command"},
    {0x0C, 0x31, "Set Forwarded Commands"},
    {0x0C, 0x32, "Get Forwarded Commands"},
    {0x0C, 0x33, "Enable Forwarded Commands"},

    /* Group Extension, NetFn 2Ch, PICMG group (PICMG 3.0, AMC.0, HPM.1) */
    {0x2C, 0x00, "Get PICMG Properties"},
    {0x2C, 0x01, "Get Address Info"},
    {0x2C, 0x02, "Get Shelf Address Info"},
    {0x2C, 0x03, "Set Shelf Address Info"},
    {0x2C, 0x04, "FRU Control"},
    {0x2C, 0x05, "Get FRU LED Properties"},
    {0x2C, 0x06, "Get LED Color Capabilities"},
    {0x2C, 0x07, "Set FRU LED State"},
    {0x2C, 0x08, "Get FRU LED State"},
    {0x2C, 0x09, "Set IPMB State"},
    {0x2C, 0x0A, "Set FRU Activation Policy"},
    {0x2C, 0x0B, "Get FRU Activation Policy"},
    {0x2C, 0x0C, "Set FRU Activation"},
    {0x2C, 0x0D, "Get Device Locator Record ID"},
    {0x2C, 0x0E, "Set Port State"},
    {0x2C, 0x0F, "Get Port State"},
    {0x2C, 0x10, "Compute Power Properties"},
    {0x2C, 0x11, "Set Power Level"},
    {0x2C, 0x12, "Get Power Level"},
    {0x2C, 0x13, "Renegotiate Power"},
    {0x2C, 0x14, "Get Fan Speed Properties"},
    {0x2C, 0x15, "Set Fan Level"},
    {0x2C, 0x16, "Get Fan Level"},
    {0x2C, 0x17, "Bused Resource"},
    {0x2C, 0x18, "Get IPMB Link Info"},
    {0x2C, 0x19, "Set AMC Port State"},
    {0x2C, 0x1A, "Get AMC Port State"},
    {0x2C, 0x1B, "Get Shelf Manager IPMB Address"},
    {0x2C, 0x1C, "Set Fan Policy"},
    {0x2C, 0x1D, "Get Fan Policy"},
    {0x2C, 0x1E, "FRU Control Capabilities"},
    {0x2C, 0x1F, "FRU Inventory Device Lock Control"},
    {0x2C, 0x20, "FRU Inventory Device Write"},
    {0x2C, 0x21, "Get Shelf Manager IP Addresses"},
    {0x2C, 0x2C, "Set Clock State"},
    {0x2C, 0x2D, "Get Clock State"},
    {0x2C, 0x2E, "Get Target Upgrade Capabilities"},
    {0x2C, 0x2F, "Get Component Properties"},
    {0x2C, 0x30, "Abort Firmware Upgrade"},
    {0x2C, 0x31, "Initiate Upgrade Action"},
    {0x2C, 0x32, "Upload Firmware Block"},
    {0x2C, 0x33, "Finish Firmware Upload"},
    {0x2C, 0x34, "Get Upgrade Status"},
    {0x2C, 0x35, "Activate Firmware"},
    {0x2C, 0x36, "Query Self-test Results"},
    {0x2C, 0x37, "Query Rollback Status"},
    {0x2C, 0x38, "Initiate Manual Rollback"},
};

const char *ik_cmd_name(uint8_t netfn, uint8_t cmd)
{
    if (netfn > 0x3F)
        return NULL;
    uint8_t even = netfn & 0x3E;
    /* The table is sorted by NetFn then command: a binary search finds the row. */
    size_t lo = 0, hi = sizeof(cmds) / sizeof(cmds[0]);
    unsigned key = (unsigned)even << 8 | cmd;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned k = (unsigned)cmds[mid].netfn << 8 | cmds[mid].cmd;
        if (k == key)
            return cmds[mid].name;
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
