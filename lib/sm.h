/*
 * The shape every libipmikit state machine shares (RMCP+ and 1.5 session set-up, KCS host
 * and BMC sides, SOL, ...).
 *
 * A machine is a struct plus event functions. Each event function takes the current time
 * and the input that arrived (a datagram, a register value, nothing on a timer tick) and
 * fills a struct ik_sm_step saying what the driver must do next. Machines never read a
 * clock, sleep, or touch a socket or a register except through what the caller injects.
 *
 * Time is a monotonic count of microseconds chosen by the caller (a virtual clock in
 * tests, CLOCK_MONOTONIC in programs); only differences matter.
 */
#ifndef IK_SM_H
#define IK_SM_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t ik_time_us;

#define IK_US_PER_MS 1000ull
#define IK_US_PER_S  1000000ull

enum ik_sm_act {
    IK_SM_IDLE = 0, /* nothing pending */
    IK_SM_SEND,     /* transmit tx[0..tx_len), then wait for input or the deadline */
    IK_SM_WAIT,     /* wait for input or until deadline (call the timer event then) */
    IK_SM_DONE,     /* finished successfully */
    IK_SM_FAIL,     /* finished with err (IK_E_*) and a static reason string */
};

struct ik_sm_step {
    enum ik_sm_act act;
    const uint8_t *tx; /* for IK_SM_SEND: owned by the machine, valid until its next event */
    size_t tx_len;
    ik_time_us deadline; /* absolute; 0 = no deadline */
    int err;             /* for IK_SM_FAIL */
    const char *reason;  /* static text for logs and users, e.g. "RAKP 2: HMAC mismatch" */
};

#endif
