/*
 * Inside the engine: state of the system-interface messaging (bmc/app_bridge.c) and of the
 * IPMB satellite controllers (bmc/satellite.c), and the calls other modules make into them.
 * Included by bmc_int.h; bridge.h is the public face.
 *
 *   app_bridge.c  Send Message puts an IPMB frame on a channel; answers addressed to the
 *                 BMC's SMS LUN land in the receive message queue (Get Message); events the
 *                 platform logs are copied into the event message buffer (Read Event Message
 *                 Buffer); Get/Clear Message Flags report and flush both.
 *   satellite.c   the controllers the machine describes on each IPMB channel: they take a
 *                 frame, answer it (now or after a delay) or stay silent.
 *
 * Both queues are fixed arrays inside struct ik_bmc, so their caps hold by construction;
 * a message or event that finds its queue full is dropped and counted.
 */
#ifndef IK_BMC_BRIDGE_INT_H
#define IK_BMC_BRIDGE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "bridge.h"
#include "machine_platform.h"
#include "sm.h"

struct ik_bmc;

/* The BMC's own slave address on IPMB, and the LUN whose traffic goes to system software
 * (IPMI 2.0 section 6.12.1, "BMC LUN 10b routing"). */
#define IK_BMC_IPMB_ADDR 0x20
#define IK_BMC_SMS_LUN   0x02

#define IK_BRIDGE_RXQ     16 /* receive message queue: messages */
#define IK_BRIDGE_MSG_MAX 64 /* bytes of a queued message: channel byte + IPMB frame */
#define IK_BRIDGE_EVQ     16 /* event message buffer: events */
#define IK_SAT_HELD_MAX   8  /* delayed satellite answers in flight, all satellites */

/* Counters of the messaging: name, meaning. */
#define IK_BRIDGE_STATS_MAP(X)                                                                     \
    X(send_msgs, "Send Message frames put on an IPMB channel")                                     \
    X(send_naks, "Send Message answered 83h: nobody at that address")                              \
    X(rx_queued, "messages put in the receive message queue")                                      \
    X(rx_dropped, "messages dropped: receive queue full or channel receive disabled")              \
    X(rx_unrouted, "IPMB answers for someone other than the BMC's SMS LUN (dropped)")              \
    X(events_buffered, "events copied into the event message buffer")                              \
    X(events_dropped, "events dropped: event message buffer full")                                 \
    X(sat_requests, "requests satellites answered")                                                \
    X(sat_silent, "requests silent satellites swallowed")                                          \
    X(sat_held, "satellite answers held back by a delay")                                          \
    X(sat_held_dropped, "delayed answers dropped: too many in flight")                             \
    X(sat_bad_frames, "frames a satellite ignored: bad checksum or a response")

struct ik_bmc_bridge_stats {
#define IK__BRIDGE_STAT_FIELD(name, text) uint64_t name;
    IK_BRIDGE_STATS_MAP(IK__BRIDGE_STAT_FIELD)
#undef IK__BRIDGE_STAT_FIELD
};

struct ik_bridge_msg {
    uint8_t len;
    uint8_t b[IK_BRIDGE_MSG_MAX];
};

struct ik_bmc_bridge {
    struct ik_bridge_msg rxq[IK_BRIDGE_RXQ]; /* ring: Get Message data after the CC */
    unsigned rx_head, rx_n;
    uint8_t evq[IK_BRIDGE_EVQ][16]; /* ring: events in SEL record form */
    unsigned ev_head, ev_n;
    uint8_t pretimeout;   /* watchdog pre-timeout interrupt occurred (flags bit 3) */
    uint16_t rx_disabled; /* Enable Message Channel Receive: bit n = channel n refused */
    struct ik_bmc_bridge_stats stats;
};

/* A satellite answer travelling to the BMC with a delay. */
struct ik_sat_held {
    ik_time_us due;
    uint8_t channel;
    uint8_t len;
    uint8_t frame[IK_BRIDGE_MSG_MAX];
};

struct ik_bmc_sats {
    uint8_t mode[IK_MACHINE_SATS_MAX]; /* enum ik_sat_mode, per described satellite */
    uint32_t delay_ms[IK_MACHINE_SATS_MAX];
    struct ik_sat_held held[IK_SAT_HELD_MAX];
    unsigned nheld;
};

/* ---- app_bridge.c ---------------------------------------------------------------------- */

/* An IPMB frame (whole, byte 0 = its destination) arrived at the BMC on `channel`: put it
 * in the receive message queue if it is for the SMS LUN. Counted either way. */
void ik_bridge_route(struct ik_bmc *bmc, uint8_t channel, const uint8_t *frame, size_t len);
/* The platform logged an event (SEL record form; record ID and timestamp as logged, or 0):
 * copy it into the event message buffer when BMC Global Enables bit 2 says so. */
void ik_bridge_event(struct ik_bmc *bmc, const uint8_t rec[16]);
/* The watchdog's pre-timeout interrupt fired: raise the message flag (bit 3). */
void ik_bridge_pretimeout(struct ik_bmc *bmc);

/* ---- satellite.c ----------------------------------------------------------------------- */

/* Put a frame (byte 0 = destination slave address) on IPMB `channel`. 0 when a satellite
 * took it (it may still stay silent), IK_E_NOTFOUND when nobody has that address. */
int ik_sat_deliver(struct ik_bmc *bmc, uint8_t channel, const uint8_t *frame, size_t len);
/* 1 if the machine describes a satellite on this channel. */
int ik_sat_channel_used(struct ik_bmc *bmc, uint8_t channel);
/* Hand over the delayed answers that are due at bmc->now. */
void ik_sat_catch_up(struct ik_bmc *bmc);

#endif
