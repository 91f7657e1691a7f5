/*
 * The engine as system software sees it through a system interface (KCS in bmcd): SMS
 * attention, and the run-time behaviour of the IPMB satellite controllers a machine
 * describes. bmc/app_bridge.c (Send Message, Get Message, message flags, the event message
 * buffer) and bmc/satellite.c (the controllers) implement it.
 *
 * A transport that has an attention bit (KCS SMS_ATN, status bit 2) mirrors
 * ik_bmc_sms_attn() into it whenever the host looks: after every request and before every
 * status read. The engine never calls the transport.
 */
#ifndef IK_BMC_BRIDGE_H
#define IK_BMC_BRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/* Something waits for system software: a message in the receive message queue, an event in
 * the event message buffer (while BMC Global Enables has it on), or a watchdog pre-timeout
 * interrupt not yet cleared. Exactly what Get Message Flags would report as non-zero. */
bool ik_bmc_sms_attn(const struct ik_bmc *bmc);

/* How a satellite controller treats requests bridged to it. */
enum ik_sat_mode {
    IK_SAT_ANSWER = 0, /* answers (after delay_ms, if any) */
    IK_SAT_SILENT = 1, /* acknowledges the bytes on the bus, never answers */
};

/*
 * Change a described satellite at run time (bmcd's KCS socket has a control operation for
 * it). delay_ms holds each answer back that long before it reaches the receive message
 * queue, so an answer can be made to arrive after the host's 5 s timeout. 0, or
 * IK_E_NOTFOUND when no satellite is described at (channel, 8-bit addr).
 */
int ik_bmc_satellite_set(struct ik_bmc *bmc, uint8_t channel, uint8_t addr, enum ik_sat_mode mode,
                         uint32_t delay_ms);

/* Counters of the system-interface messaging, as "name=value" pairs separated by spaces,
 * non-zero ones only (the format of bmcd's counters line). Returns the length written. */
size_t ik_bmc_bridge_counters(const struct ik_bmc *bmc, char *buf, size_t cap);

#endif
