/*
 * An emulated KCS register pair in memory: the host side's four operations on one face, the
 * BMC side's on the other, and a fault injector in between. Deterministic: nothing happens
 * except in response to a register operation or ik_kcs_dev_run, and time is whatever the
 * caller last set with ik_kcs_dev_set_time.
 *
 * A host write sets IBF and waits in the input register. The attached BMC machine sees it
 * once latency_us has passed, at the next host status read (or ik_kcs_dev_run), which is
 * how a polling host meets a BMC that answers "a little later". A second host write before
 * the BMC read the first overwrites it, as on hardware, and is counted.
 *
 * Split across processes, the device and the BMC machine live in bmcd and every host
 * operation is one (op, value) → reply exchange through ik_kcs_dev_host_op.
 */
#include "kcs.h"

#include <string.h>

/* Status bits the BMC may set directly; IBF, OBF and C/D# follow the data registers. */
#define BMC_OWNED_BITS (IK_KCS_ST_STATE_MASK | IK_KCS_ST_SMS_ATN | IK_KCS_ST_OEM1 | IK_KCS_ST_OEM2)

void ik_kcs_dev_init(struct ik_kcs_dev *d)
{
    memset(d, 0, sizeof(*d));
    d->state_override = -1;
}

void ik_kcs_dev_attach(struct ik_kcs_dev *d, struct ik_kcs_bmc *bmc)
{
    d->bmc = bmc;
}

void ik_kcs_dev_inject(struct ik_kcs_dev *d, const struct ik_kcs_fault *f)
{
    memset(&d->fault, 0, sizeof(d->fault));
    if (f)
        d->fault = *f;
    d->fault_seen = 0;
    d->fault_left = d->fault.times;
    d->stall_until = 0;
    d->state_override = -1;
}

void ik_kcs_dev_set_time(struct ik_kcs_dev *d, ik_time_us now)
{
    d->now = now;
}

/* A trigger event for `kind` happened: does the armed fault take effect this time? */
static bool fires(struct ik_kcs_dev *d, enum ik_kcs_fault_kind kind)
{
    if (d->fault.kind != kind || kind == IK_KCS_FAULT_NONE)
        return false;
    if (d->fault_seen < d->fault.skip) {
        d->fault_seen++;
        return false;
    }
    if (d->fault_left == 0)
        return false;
    if (d->fault_left != IK_KCS_FAULT_HELD)
        d->fault_left--;
    d->stats.fault_fired++;
    return true;
}

/* ---- the BMC's face ---------------------------------------------------------------- */

static uint8_t bmc_read_status(void *ctx)
{
    struct ik_kcs_dev *d = ctx;
    return d->str;
}

static uint8_t bmc_read_data(void *ctx)
{
    struct ik_kcs_dev *d = ctx;
    d->str &= (uint8_t)~IK_KCS_ST_IBF;
    return d->idr;
}

static void bmc_write_data(void *ctx, uint8_t byte)
{
    struct ik_kcs_dev *d = ctx;
    /* The first byte of a response is written while the machine is still in ENGINE. */
    if (d->bmc && d->bmc->phase == IK_KCS_B_ENGINE && fires(d, IK_KCS_FAULT_NO_RESPONSE))
        return;
    d->odr = byte;
    d->str |= IK_KCS_ST_OBF;
}

static void bmc_update_status(void *ctx, uint8_t mask, uint8_t bits)
{
    struct ik_kcs_dev *d = ctx;
    mask &= BMC_OWNED_BITS;
    d->str = (uint8_t)((d->str & ~mask) | (bits & mask));
}

void ik_kcs_dev_bmc_io(struct ik_kcs_dev *d, struct ik_kcs_bmc_io *io)
{
    io->read_status = bmc_read_status;
    io->read_data = bmc_read_data;
    io->write_data = bmc_write_data;
    io->update_status = bmc_update_status;
    io->ctx = d;
}

/* ---- delivery of host writes to the BMC --------------------------------------------- */

void ik_kcs_dev_run(struct ik_kcs_dev *d)
{
    if (!(d->str & IK_KCS_ST_IBF) || !d->bmc)
        return;
    if (d->now < d->stall_until)
        return;
    if (d->now < d->written_at || d->now - d->written_at < d->latency_us)
        return;
    ik_kcs_bmc_event(d->bmc);
}

/* ---- the host's face ---------------------------------------------------------------- */

static uint8_t host_read_status(struct ik_kcs_dev *d)
{
    ik_kcs_dev_run(d);
    d->stats.host_reads++;
    uint8_t st = d->str;
    if (d->state_override >= 0)
        st = (uint8_t)((st & ~IK_KCS_ST_STATE_MASK) | (d->state_override << 6));
    return st;
}

static uint8_t host_read_data(struct ik_kcs_dev *d)
{
    d->stats.host_reads++;
    d->str &= (uint8_t)~IK_KCS_ST_OBF;
    return d->odr;
}

static void host_write(struct ik_kcs_dev *d, bool cmd, uint8_t v)
{
    d->state_override = -1;
    if (cmd) {
        d->stats.host_cmds++;
        if (v == IK_KCS_GET_STATUS_ABORT)
            d->stats.host_aborts++;
    } else {
        d->stats.host_data++;
        if (fires(d, IK_KCS_FAULT_DROP_BYTE))
            return;
    }
    if (d->str & IK_KCS_ST_IBF)
        d->stats.overwrites++;
    d->idr = v;
    d->str = (uint8_t)((d->str & ~IK_KCS_ST_CD) | IK_KCS_ST_IBF | (cmd ? IK_KCS_ST_CD : 0));
    d->written_at = d->now;

    if (fires(d, IK_KCS_FAULT_IBF_STUCK)) {
        ik_time_us stall = d->fault.stall_us;
        d->stall_until = stall > IK_KCS_FOREVER - d->now ? IK_KCS_FOREVER : d->now + stall;
    }

    if (!d->bmc)
        return;
    if (cmd && v == IK_KCS_WRITE_START && fires(d, IK_KCS_FAULT_ERROR_STATE)) {
        /* The BMC takes the byte and refuses it. */
        d->str &= (uint8_t)~IK_KCS_ST_IBF;
        ik_kcs_bmc_force_error(d->bmc, d->fault.arg);
        return;
    }
    if (!cmd && fires(d, IK_KCS_FAULT_DUP_BYTE)) {
        /* The BMC sees the byte now, and again at the regular delivery. */
        ik_kcs_bmc_event(d->bmc);
        d->idr = v;
        d->str = (uint8_t)((d->str & ~IK_KCS_ST_CD) | IK_KCS_ST_IBF);
        return;
    }
    if (cmd && v == IK_KCS_WRITE_END && fires(d, IK_KCS_FAULT_WRONG_STATE)) {
        /* The BMC handles WRITE_END, but the host is shown a false state until it writes
         * again. */
        ik_kcs_bmc_event(d->bmc);
        d->state_override = d->fault.arg & 3;
    }
}

static uint8_t io_read_status(void *ctx)
{
    return host_read_status(ctx);
}

static uint8_t io_read_data(void *ctx)
{
    return host_read_data(ctx);
}

static void io_write_cmd(void *ctx, uint8_t code)
{
    host_write(ctx, true, code);
}

static void io_write_data(void *ctx, uint8_t byte)
{
    host_write(ctx, false, byte);
}

void ik_kcs_dev_host_io(struct ik_kcs_dev *d, struct ik_kcs_host_io *io)
{
    io->read_status = io_read_status;
    io->read_data = io_read_data;
    io->write_cmd = io_write_cmd;
    io->write_data = io_write_data;
    io->ctx = d;
}

int ik_kcs_dev_host_op(struct ik_kcs_dev *d, uint8_t op, uint8_t value, uint8_t *reply)
{
    uint8_t r = 0;
    switch (op) {
    case IK_KCS_OP_READ_STATUS:
        r = host_read_status(d);
        break;
    case IK_KCS_OP_READ_DATA:
        r = host_read_data(d);
        break;
    case IK_KCS_OP_WRITE_CMD:
        host_write(d, true, value);
        break;
    case IK_KCS_OP_WRITE_DATA:
        host_write(d, false, value);
        break;
    default:
        return IK_E_INVAL;
    }
    if (reply)
        *reply = r;
    return 0;
}
