/*
 * Name tables from the IPMI 2.0 specification (and PICMG 3.0 where noted): completion
 * codes, NetFn and command names, entity IDs, sensor types, event/reading types and sensor
 * units. The strings are the ones ipmitool prints, so output built from them matches what
 * scripts already parse.
 *
 * Every lookup returns a static string, or NULL when the code is not in the table (the
 * caller decides how to show an unknown code, usually as hex). Nothing here allocates.
 */
#ifndef IPMIKIT_NAMES_H
#define IPMIKIT_NAMES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Completion codes (IPMI 2.0 table 5-2 plus command-specific codes 80h-BEh left to callers).
 * ik_cc_name(0xC1) -> "Invalid command". */
const char *ik_cc_name(uint8_t cc);

/* Network functions (table 5-1); the request NetFn (even) and its response (odd) share a
 * name. ik_netfn_name(0x06) -> "Application". */
const char *ik_netfn_name(uint8_t netfn);

/* Command names (appendix G); netfn may be the request or the response value. */
const char *ik_cmd_name(uint8_t netfn, uint8_t cmd);

/* Entity IDs (table 43-13), including the PICMG range A0h-BFh and 90h-AFh chassis-specific
 * codes; ipmitool's spelling. */
const char *ik_entity_name(uint8_t entity_id);

/* Sensor types (table 42-3), 00h-2Ch; C0h-FFh are OEM (NULL here, callers say "OEM"). PICMG
 * F0h-F2h (FRU hot swap, IPMB physical link, module hot swap) are included. */
const char *ik_sensor_type_name(uint8_t sensor_type);

/* Event/reading type codes (table 42-1): 01h threshold, 02h-0Ch generic, 6Fh sensor-specific,
 * 70h-7Fh OEM. */
const char *ik_event_type_name(uint8_t event_type);

/* Sensor unit type codes (table 43-15), as ipmitool prints them ("degrees C", "Volts"). */
const char *ik_unit_name(uint8_t unit);

#ifdef __cplusplus
}
#endif
#endif
