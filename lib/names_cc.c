/* Completion code names (IPMI 2.0 table 5-2), spelled as ipmitool prints them. */
#include <stddef.h>

#include "ipmikit/names.h"

/*
 * The generic completion codes. 01h-7Eh are device-specific (OEM) and 80h-BEh are
 * command-specific: their meaning depends on the command, so they are left to the caller
 * (NULL here). The texts are ipmitool 1.8.19's, typo included ("firmeware"), because
 * scripts match on them.
 */
const char *ik_cc_name(uint8_t cc)
{
    switch (cc) {
    case 0x00:
        return "Command completed normally";
    case 0xC0:
        return "Node busy";
    case 0xC1:
        return "Invalid command";
    case 0xC2:
        return "Invalid command on LUN";
    case 0xC3:
        return "Timeout";
    case 0xC4:
        return "Out of space";
    case 0xC5:
        return "Reservation cancelled or invalid";
    case 0xC6:
        return "Request data truncated";
    case 0xC7:
        return "Request data length invalid";
    case 0xC8:
        return "Request data field length limit exceeded";
    case 0xC9:
        return "Parameter out of range";
    case 0xCA:
        return "Cannot return number of requested data bytes";
    case 0xCB:
        return "Requested sensor, data, or record not found";
    case 0xCC:
        return "Invalid data field in request";
    case 0xCD:
        return "Command illegal for specified sensor or record type";
    case 0xCE:
        return "Command response could not be provided";
    case 0xCF:
        return "Cannot execute duplicated request";
    case 0xD0:
        return "SDR Repository in update mode";
    case 0xD1:
        return "Device firmeware in update mode";
    case 0xD2:
        return "BMC initialization in progress";
    case 0xD3:
        return "Destination unavailable";
    case 0xD4:
        return "Insufficient privilege level";
    case 0xD5:
        return "Command not supported in present state";
    case 0xD6:
        return "Cannot execute command, command disabled";
    case 0xFF:
        return "Unspecified error";
    }
    return NULL;
}
