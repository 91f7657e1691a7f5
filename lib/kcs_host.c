/*
 * The system-software end of KCS: one request/response transaction at a time over injected
 * register operations, with the GET_STATUS/ABORT error exit and a bounded retry policy.
 *
 * Shape: every event reads the status register once, then acts on the machine's state (see
 * enum ik_kcs_host_state in kcs.h). Every state except IDLE begins by waiting for IBF to
 * clear, which is why that wait is done once, before the switch. A wait is bounded by the
 * time since the last progress (a register write or a byte read); running out of time, or
 * finding the interface in a state the protocol does not allow, is a failed attempt.
 *
 * Recovery policy: a failed attempt runs the error exit (GET_STATUS/ABORT, read the status
 * code, back to IDLE) and then starts the request again from WRITE_START. Attempts are
 * counted across requests until one completes; when max_attempts error exits in a row have
 * not brought the interface back, the machine marks itself DISABLED, fails the request and
 * touches no register again until the caller disables and re-enables it.
 */
#include "kcs.h"

#include <stdio.h>
#include <string.h>

const char *ik_kcs_state_name(unsigned state)
{
    static const char *const names[] = {"IDLE", "READ", "WRITE", "ERROR"};
    return state < 4 ? names[state] : "?";
}

const char *ik_kcs_status_name(uint8_t code)
{
    switch (code) {
    case IK_KCS_STATUS_NO_ERROR:
        return "no error";
    case IK_KCS_STATUS_ABORTED:
        return "aborted by command";
    case IK_KCS_STATUS_ILLEGAL_CODE:
        return "illegal control code";
    case IK_KCS_STATUS_LENGTH:
        return "length error";
    case IK_KCS_STATUS_UNSPECIFIED:
        return "unspecified error";
    }
    return code >= 0xC0 ? "OEM error" : "reserved";
}

/* What each machine state is doing, for messages ("... during write end"). */
static const char *where_name(enum ik_kcs_host_state s)
{
    switch (s) {
    case IK_KCS_H_IDLE:
        return "idle";
    case IK_KCS_H_START:
        return "start";
    case IK_KCS_H_WRITE_START:
        return "write start";
    case IK_KCS_H_WRITE_BYTE:
        return "write";
    case IK_KCS_H_WRITE_END:
        return "write end";
    case IK_KCS_H_READ:
        return "read";
    case IK_KCS_H_ERR_ABORT:
        return "abort";
    case IK_KCS_H_ERR_STATUS:
        return "status request";
    case IK_KCS_H_ERR_READ:
        return "status read";
    case IK_KCS_H_ERR_IDLE:
        return "recovery end";
    case IK_KCS_H_DISABLED:
        return "disabled";
    }
    return "?";
}

void ik_kcs_host_default_cfg(struct ik_kcs_host_cfg *cfg)
{
    cfg->ibf_timeout_us = 5 * IK_US_PER_S;
    cfg->obf_timeout_us = 5 * IK_US_PER_S;
    cfg->poll_us = 100;
    cfg->max_attempts = 20;
}

void ik_kcs_host_init(struct ik_kcs_host *h, const struct ik_kcs_host_io *io,
                      const struct ik_kcs_host_cfg *cfg)
{
    memset(h, 0, sizeof(*h));
    h->io = *io;
    if (cfg)
        h->cfg = *cfg;
    else
        ik_kcs_host_default_cfg(&h->cfg);
    if (h->cfg.poll_us == 0)
        h->cfg.poll_us = 1;
    h->state = IK_KCS_H_IDLE;
}

int ik_kcs_host_start(struct ik_kcs_host *h, const uint8_t *req, size_t len, ik_time_us now)
{
    if (h->state == IK_KCS_H_DISABLED)
        return IK_E_DISABLED;
    if (h->state != IK_KCS_H_IDLE)
        return IK_E_BUSY;
    /* An IPMI request has at least NetFn/LUN and a command byte. */
    if (len < 2 || !req)
        return IK_E_TRUNCATED;
    if (len > IK_KCS_MAX_MSG)
        return IK_E_OVERSIZE;
    memcpy(h->wbuf, req, len);
    h->wlen = len;
    h->wpos = 0;
    h->rlen = 0;
    h->finish_err = 0;
    h->wait_since = now;
    h->state = IK_KCS_H_START;
    return 0;
}

void ik_kcs_host_result(const struct ik_kcs_host *h, const uint8_t **rsp, size_t *len)
{
    *rsp = h->rbuf;
    *len = h->rlen;
}

void ik_kcs_host_disable(struct ik_kcs_host *h)
{
    h->state = IK_KCS_H_DISABLED;
    h->user_disabled = true;
}

void ik_kcs_host_enable(struct ik_kcs_host *h)
{
    if (h->state != IK_KCS_H_DISABLED)
        return;
    h->state = IK_KCS_H_IDLE;
    h->user_disabled = false;
    h->fails = 0;
    h->have_status = false;
    h->last_fail = IK_KCS_FAIL_NONE;
}

static uint8_t read_status(struct ik_kcs_host *h)
{
    uint8_t st = h->io.read_status(h->io.ctx);
    h->attn = (st & IK_KCS_ST_SMS_ATN) != 0;
    return st;
}

/* A byte left in the output register would be mistaken for the next one: read it away. */
static void clear_obf(struct ik_kcs_host *h, uint8_t st)
{
    if (st & IK_KCS_ST_OBF)
        (void)h->io.read_data(h->io.ctx);
}

/* Progress was made: restart the wait clock and ask to be called again at once. */
static void progress(struct ik_kcs_host *h, ik_time_us now, enum ik_kcs_host_state next,
                     struct ik_sm_step *step)
{
    h->state = next;
    h->wait_since = now;
    step->act = IK_SM_WAIT;
    step->deadline = now;
}

static const char *fail_reason(enum ik_kcs_fail kind)
{
    switch (kind) {
    case IK_KCS_FAIL_STATE:
        return "KCS: BMC in unexpected state";
    case IK_KCS_FAIL_IBF:
        return "KCS: IBF did not clear in time";
    case IK_KCS_FAIL_OBF:
        return "KCS: no data from BMC in time";
    case IK_KCS_FAIL_OVERRUN:
        return "KCS: response longer than the buffer";
    case IK_KCS_FAIL_NONE:
        break;
    }
    return "KCS: failure";
}

/*
 * One attempt failed. Either start the error exit (another attempt), or, once max_attempts
 * error exits in a row have not helped, give up: DISABLED, request failed.
 */
static void fail(struct ik_kcs_host *h, ik_time_us now, enum ik_kcs_fail kind, uint8_t st,
                 struct ik_sm_step *step)
{
    h->stats.failures++;
    h->last_fail = kind;
    h->last_state = IK_KCS_ST_STATE(st);
    h->last_where = h->state;
    if (h->fails >= h->cfg.max_attempts) {
        h->state = IK_KCS_H_DISABLED;
        h->user_disabled = false;
        step->act = IK_SM_FAIL;
        step->err = IK_E_DISABLED;
        step->reason = "KCS: interface disabled after repeated BMC errors";
        return;
    }
    h->fails++;
    h->stats.recoveries++;
    step->reason = fail_reason(kind);
    progress(h, now, IK_KCS_H_ERR_ABORT, step);
}

/* Not ready yet: wait until the bound for this kind of wait, then fail. */
static void wait_or_fail(struct ik_kcs_host *h, ik_time_us now, enum ik_kcs_fail kind, uint8_t st,
                         struct ik_sm_step *step)
{
    ik_time_us limit = kind == IK_KCS_FAIL_IBF ? h->cfg.ibf_timeout_us : h->cfg.obf_timeout_us;
    ik_time_us waited = now > h->wait_since ? now - h->wait_since : 0;
    if (waited >= limit) {
        fail(h, now, kind, st, step);
        return;
    }
    ik_time_us next = now + h->cfg.poll_us;
    ik_time_us end = h->wait_since + limit;
    step->act = IK_SM_WAIT;
    step->deadline = next < end ? next : end;
}

/* Send the next request byte, or WRITE_END when only the last one is left. */
static void write_next(struct ik_kcs_host *h, ik_time_us now, struct ik_sm_step *step)
{
    if (h->wlen - h->wpos == 1) {
        h->io.write_cmd(h->io.ctx, IK_KCS_WRITE_END);
        progress(h, now, IK_KCS_H_WRITE_END, step);
    } else {
        h->io.write_data(h->io.ctx, h->wbuf[h->wpos++]);
        progress(h, now, IK_KCS_H_WRITE_BYTE, step);
    }
}

void ik_kcs_host_event(struct ik_kcs_host *h, ik_time_us now, struct ik_sm_step *step)
{
    memset(step, 0, sizeof(*step));

    if (h->state == IK_KCS_H_DISABLED) {
        step->act = IK_SM_FAIL;
        step->err = IK_E_DISABLED;
        step->reason = h->user_disabled ? "KCS: interface disabled"
                                        : "KCS: interface disabled after repeated BMC errors";
        return;
    }

    uint8_t st = read_status(h);
    unsigned state = IK_KCS_ST_STATE(st);

    if (h->state == IK_KCS_H_IDLE) {
        if (st & IK_KCS_ST_OBF) {
            h->stats.stray_obf++;
            (void)h->io.read_data(h->io.ctx);
        }
        step->act = IK_SM_IDLE;
        return;
    }

    /* Every other state starts by waiting for the BMC to take the last byte we wrote. */
    if (st & IK_KCS_ST_IBF) {
        wait_or_fail(h, now, IK_KCS_FAIL_IBF, st, step);
        return;
    }

    switch (h->state) {
    case IK_KCS_H_START:
        /* The BMC must be idle before a new request; anything else needs the error exit. */
        if (state != IK_KCS_STATE_IDLE)
            break;
        clear_obf(h, st);
        h->io.write_cmd(h->io.ctx, IK_KCS_WRITE_START);
        progress(h, now, IK_KCS_H_WRITE_START, step);
        return;

    case IK_KCS_H_WRITE_START:
    case IK_KCS_H_WRITE_BYTE:
        /* WRITE_START or a byte was taken: the BMC must still be in WRITE. */
        if (state != IK_KCS_STATE_WRITE)
            break;
        clear_obf(h, st);
        write_next(h, now, step);
        return;

    case IK_KCS_H_WRITE_END:
        /* WRITE_END taken: the last byte goes out and the BMC turns to READ. */
        if (state != IK_KCS_STATE_WRITE)
            break;
        clear_obf(h, st);
        h->io.write_data(h->io.ctx, h->wbuf[h->wpos++]);
        progress(h, now, IK_KCS_H_READ, step);
        return;

    case IK_KCS_H_READ:
        /* READ with OBF: one more response byte, acknowledged with READ. IDLE: the end. */
        if (state == IK_KCS_STATE_READ) {
            if (!(st & IK_KCS_ST_OBF)) {
                wait_or_fail(h, now, IK_KCS_FAIL_OBF, st, step);
                return;
            }
            if (h->rlen == sizeof(h->rbuf)) {
                /* Abort the stream; the error exit then ends this request. */
                h->finish_err = IK_E_OVERSIZE;
                fail(h, now, IK_KCS_FAIL_OVERRUN, st, step);
                return;
            }
            h->rbuf[h->rlen++] = h->io.read_data(h->io.ctx);
            h->io.write_data(h->io.ctx, IK_KCS_READ);
            progress(h, now, IK_KCS_H_READ, step);
            return;
        }
        if (state != IK_KCS_STATE_IDLE)
            break;
        /* The dummy byte that closes the read phase. Some BMCs never send it; a late one
         * is swept up by the IDLE state's stray-OBF read. */
        clear_obf(h, st);
        h->fails = 0;
        h->have_status = false;
        h->stats.transactions++;
        h->state = IK_KCS_H_IDLE;
        step->act = IK_SM_DONE;
        return;

    case IK_KCS_H_ERR_ABORT:
        /* Error exit, step 1: GET_STATUS/ABORT to the command register. */
        clear_obf(h, st);
        h->io.write_cmd(h->io.ctx, IK_KCS_GET_STATUS_ABORT);
        progress(h, now, IK_KCS_H_ERR_STATUS, step);
        return;

    case IK_KCS_H_ERR_STATUS:
        /* Step 2: 00h to the data register asks the BMC for its status code. */
        clear_obf(h, st);
        h->io.write_data(h->io.ctx, 0x00);
        progress(h, now, IK_KCS_H_ERR_READ, step);
        return;

    case IK_KCS_H_ERR_READ:
        /* Step 3: the BMC must be in READ with the status code in the output register. */
        if (state != IK_KCS_STATE_READ)
            break;
        if (!(st & IK_KCS_ST_OBF)) {
            wait_or_fail(h, now, IK_KCS_FAIL_OBF, st, step);
            return;
        }
        h->bmc_status = h->io.read_data(h->io.ctx);
        h->have_status = true;
        h->io.write_data(h->io.ctx, IK_KCS_READ);
        progress(h, now, IK_KCS_H_ERR_IDLE, step);
        return;

    case IK_KCS_H_ERR_IDLE:
        /* Step 4: back in IDLE (dummy byte read if present): retry or end the request. */
        if (state != IK_KCS_STATE_IDLE)
            break;
        clear_obf(h, st);
        if (h->finish_err) {
            step->act = IK_SM_FAIL;
            step->err = h->finish_err;
            step->reason = fail_reason(IK_KCS_FAIL_OVERRUN);
            h->finish_err = 0;
            h->state = IK_KCS_H_IDLE;
            return;
        }
        h->wpos = 0;
        h->rlen = 0;
        progress(h, now, IK_KCS_H_START, step);
        return;

    case IK_KCS_H_IDLE:
    case IK_KCS_H_DISABLED:
        break; /* handled above */
    }

    /* Every break above is a state the protocol does not allow here. */
    fail(h, now, IK_KCS_FAIL_STATE, st, step);
}

/* The last failure in words, e.g. "BMC in ERROR state". */
static int describe_failure(const struct ik_kcs_host *h, char *buf, size_t cap)
{
    const char *where = where_name(h->last_where);
    const char *state = ik_kcs_state_name(h->last_state);
    /* The limit that ran out, as configured: the measured wait overshoots it by however
     * late the caller's timer fired, which would make the sentence differ run to run. */
    unsigned long long ibf_ms = (unsigned long long)(h->cfg.ibf_timeout_us / IK_US_PER_MS);
    unsigned long long obf_ms = (unsigned long long)(h->cfg.obf_timeout_us / IK_US_PER_MS);

    switch (h->last_fail) {
    case IK_KCS_FAIL_STATE:
        if (h->last_state == IK_KCS_STATE_ERROR)
            return snprintf(buf, cap, "BMC in ERROR state");
        return snprintf(buf, cap, "BMC in %s state during %s", state, where);
    case IK_KCS_FAIL_IBF:
        return snprintf(buf, cap, "IBF still set after %llu ms during %s, BMC in %s state", ibf_ms,
                        where, state);
    case IK_KCS_FAIL_OBF:
        return snprintf(buf, cap, "no data from BMC after %llu ms during %s, BMC in %s state",
                        obf_ms, where, state);
    case IK_KCS_FAIL_OVERRUN:
        return snprintf(buf, cap, "response longer than %d bytes", IK_KCS_MAX_MSG);
    case IK_KCS_FAIL_NONE:
        break;
    }
    return snprintf(buf, cap, "no failure");
}

int ik_kcs_host_describe(const struct ik_kcs_host *h, char *buf, size_t cap)
{
    char what[128], status[48];

    if (h->state == IK_KCS_H_DISABLED && h->user_disabled)
        return snprintf(buf, cap, "KCS: interface disabled");
    if (h->state != IK_KCS_H_DISABLED && h->fails == 0)
        return snprintf(buf, cap, "KCS: interface working");

    describe_failure(h, what, sizeof(what));
    if (h->have_status)
        snprintf(status, sizeof(status), "status %02Xh %s", h->bmc_status,
                 ik_kcs_status_name(h->bmc_status));
    else
        snprintf(status, sizeof(status), "status not read");

    if (h->state != IK_KCS_H_DISABLED)
        return snprintf(buf, cap, "KCS: %s (%s); recovery attempt %u of %u", what, status, h->fails,
                        h->cfg.max_attempts);
    return snprintf(buf, cap, "KCS: %s (%s) after %u recovery attempts; interface disabled", what,
                    status, h->fails);
}
