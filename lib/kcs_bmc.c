/*
 * The BMC end of KCS: reacts to each host write (command or data register), assembles the
 * request, hands it to the engine, streams the response back one byte per READ, and
 * answers GET_STATUS/ABORT.
 *
 * Each event consumes exactly one host write (reading the input register clears IBF). The
 * phase (enum ik_kcs_bmc_phase) says what the next write may be; anything else sends the
 * interface to ERROR with the status code that names the mistake:
 *
 *   host write                      phase                      result
 *   WRITE_START                     any but ERROR              new request, state WRITE
 *   WRITE_START                     ERROR                      stays ERROR (abort first)
 *   WRITE_END                       WRITE                      WRITE_END, state WRITE
 *   WRITE_END                       any other                  ERROR 02h illegal code
 *   GET_STATUS/ABORT                any                        ABORT, state WRITE; status
 *                                                              01h if a transfer was cut
 *   other control code              any                        ERROR 02h illegal code
 *   data                            WRITE                      byte stored (over max: 06h)
 *   data (the last byte)            WRITE_END                  request to engine, READ;
 *                                                              under 2 bytes: ERROR 06h
 *   data = READ (68h)               READ                       next byte, or IDLE + dummy
 *   data other than READ            READ                       ERROR 02h illegal code
 *   data                            ABORT                      status code out, READ
 *   data                            ABORT_READ                 dummy out, IDLE
 *   data                            IDLE, ENGINE               ERROR FFh unspecified
 *   anything but GET_STATUS/ABORT   ERROR                      ignored (stays ERROR)
 */
#include "kcs.h"

#include <string.h>

static void set_state(struct ik_kcs_bmc *b, enum ik_kcs_state s)
{
    b->io.update_status(b->io.ctx, IK_KCS_ST_STATE_MASK, (uint8_t)(s << 6));
}

static void enter_error(struct ik_kcs_bmc *b, uint8_t code)
{
    b->phase = IK_KCS_B_ERROR;
    b->status_code = code;
    b->token++; /* an engine answer still on its way is refused */
    b->stats.errors++;
    set_state(b, IK_KCS_STATE_ERROR);
}

void ik_kcs_bmc_init(struct ik_kcs_bmc *b, const struct ik_kcs_bmc_io *io,
                     ik_kcs_bmc_request_fn on_request, void *engine)
{
    memset(b, 0, sizeof(*b));
    b->io = *io;
    b->on_request = on_request;
    b->engine = engine;
    b->phase = IK_KCS_B_IDLE;
    b->io.update_status(b->io.ctx, IK_KCS_ST_STATE_MASK | IK_KCS_ST_SMS_ATN, 0);
}

void ik_kcs_bmc_set_attn(struct ik_kcs_bmc *b, bool on)
{
    b->io.update_status(b->io.ctx, IK_KCS_ST_SMS_ATN, on ? IK_KCS_ST_SMS_ATN : 0);
}

void ik_kcs_bmc_force_error(struct ik_kcs_bmc *b, uint8_t status_code)
{
    enter_error(b, status_code);
}

static void on_command(struct ik_kcs_bmc *b, uint8_t code)
{
    switch (code) {
    case IK_KCS_GET_STATUS_ABORT:
        /* Legal at any time. Cutting a transfer short is itself worth reporting. */
        b->stats.aborts++;
        if (b->status_code == IK_KCS_STATUS_NO_ERROR && b->phase != IK_KCS_B_IDLE &&
            b->phase != IK_KCS_B_ERROR)
            b->status_code = IK_KCS_STATUS_ABORTED;
        b->token++;
        b->phase = IK_KCS_B_ABORT;
        set_state(b, IK_KCS_STATE_WRITE);
        return;

    case IK_KCS_WRITE_START:
        if (b->phase == IK_KCS_B_ERROR)
            return; /* ERROR is left only through GET_STATUS/ABORT */
        b->token++; /* starting over abandons whatever was in progress */
        b->status_code = IK_KCS_STATUS_NO_ERROR;
        b->req_len = 0;
        b->phase = IK_KCS_B_WRITE;
        set_state(b, IK_KCS_STATE_WRITE);
        return;

    case IK_KCS_WRITE_END:
        if (b->phase == IK_KCS_B_ERROR)
            return;
        if (b->phase != IK_KCS_B_WRITE) {
            enter_error(b, IK_KCS_STATUS_ILLEGAL_CODE);
            return;
        }
        b->phase = IK_KCS_B_WRITE_END;
        return;
    }
    if (b->phase != IK_KCS_B_ERROR)
        enter_error(b, IK_KCS_STATUS_ILLEGAL_CODE);
}

/* The last request byte is in: the request goes to the engine and the state to READ. */
static void request_complete(struct ik_kcs_bmc *b)
{
    /* Nothing can answer a request without NetFn/LUN and a command. */
    if (b->req_len < 2) {
        enter_error(b, IK_KCS_STATUS_LENGTH);
        return;
    }
    b->phase = IK_KCS_B_ENGINE;
    b->token++;
    b->stats.requests++;
    set_state(b, IK_KCS_STATE_READ);
    if (b->on_request)
        b->on_request(b->engine, b->req, b->req_len, b->token);
}

static void on_data(struct ik_kcs_bmc *b, uint8_t byte)
{
    switch (b->phase) {
    case IK_KCS_B_WRITE:
    case IK_KCS_B_WRITE_END:
        /* A request byte; after WRITE_END it is the last one. */
        if (b->req_len == sizeof(b->req)) {
            enter_error(b, IK_KCS_STATUS_LENGTH);
            return;
        }
        b->req[b->req_len++] = byte;
        if (b->phase == IK_KCS_B_WRITE_END)
            request_complete(b);
        return;

    case IK_KCS_B_READ:
        /* The host acknowledges a response byte with READ; the one after the last byte
         * gets the IDLE state and a dummy byte. */
        if (byte != IK_KCS_READ) {
            enter_error(b, IK_KCS_STATUS_ILLEGAL_CODE);
            return;
        }
        if (b->rsp_pos < b->rsp_len) {
            b->io.write_data(b->io.ctx, b->rsp[b->rsp_pos++]);
            return;
        }
        b->phase = IK_KCS_B_IDLE;
        b->stats.responses++;
        set_state(b, IK_KCS_STATE_IDLE);
        b->io.write_data(b->io.ctx, 0x00);
        return;

    case IK_KCS_B_ABORT:
        /* The host's 00h: report the status code in READ state. */
        b->phase = IK_KCS_B_ABORT_READ;
        set_state(b, IK_KCS_STATE_READ);
        b->io.write_data(b->io.ctx, b->status_code);
        return;

    case IK_KCS_B_ABORT_READ:
        /* The host read the status code: back to IDLE with a dummy byte; the code is
         * reported once. */
        b->phase = IK_KCS_B_IDLE;
        b->status_code = IK_KCS_STATUS_NO_ERROR;
        set_state(b, IK_KCS_STATE_IDLE);
        b->io.write_data(b->io.ctx, 0x00);
        return;

    case IK_KCS_B_ERROR:
        return; /* ignored until GET_STATUS/ABORT */

    case IK_KCS_B_IDLE:
    case IK_KCS_B_ENGINE:
        break;
    }
    /* A data byte nobody asked for. */
    enter_error(b, IK_KCS_STATUS_UNSPECIFIED);
}

int ik_kcs_bmc_event(struct ik_kcs_bmc *b)
{
    uint8_t st = b->io.read_status(b->io.ctx);
    if (!(st & IK_KCS_ST_IBF))
        return 0;
    uint8_t byte = b->io.read_data(b->io.ctx); /* clears IBF */
    if (st & IK_KCS_ST_CD)
        on_command(b, byte);
    else
        on_data(b, byte);
    return 1;
}

int ik_kcs_bmc_respond(struct ik_kcs_bmc *b, uint32_t token, const uint8_t *rsp, size_t len)
{
    if (token != b->token || b->phase != IK_KCS_B_ENGINE) {
        b->stats.stale_responses++;
        return IK_E_STATE;
    }
    if (len > sizeof(b->rsp))
        return IK_E_OVERSIZE;
    if (len && !rsp)
        return IK_E_INVAL;
    if (len)
        memcpy(b->rsp, rsp, len);
    b->rsp_len = len;
    b->rsp_pos = 0;
    /* The first byte goes out now (still in ENGINE, so observers can tell it is the
     * first); each READ from the host fetches the next. */
    if (len == 0) {
        b->io.write_data(b->io.ctx, 0x00); /* nothing to send: the dummy byte ends it */
        b->phase = IK_KCS_B_IDLE;
        b->stats.responses++;
        set_state(b, IK_KCS_STATE_IDLE);
        return 0;
    }
    b->io.write_data(b->io.ctx, b->rsp[0]);
    b->rsp_pos = 1;
    b->phase = IK_KCS_B_READ;
    return 0;
}
