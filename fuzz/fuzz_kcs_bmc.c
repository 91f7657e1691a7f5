/*
 * libFuzzer: the BMC side of KCS fed arbitrary host register operations through the
 * emulated pair. Input: (op, value) pairs; op 1-4 are host register operations (enum
 * ik_kcs_regop), 5 lets the engine answer a pending request with `value` bytes, 6 sets
 * SMS_ATN from bit 0, anything else just lets the BMC run. After every operation the
 * machine's buffers must be within bounds and its phase must agree with the state bits.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kcs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct eng {
    struct ik_kcs_bmc *bmc;
    uint32_t token;
    int pending;
};

static void on_request(void *arg, const uint8_t *req, size_t len, uint32_t token)
{
    struct eng *e = arg;
    if (len < 2 || len > IK_KCS_MAX_MSG)
        __builtin_trap();
    (void)req;
    e->token = token;
    e->pending = 1;
}

/* The state bits each phase must show (ERROR may also be shown while aborting). */
static unsigned phase_state(enum ik_kcs_bmc_phase p)
{
    switch (p) {
    case IK_KCS_B_IDLE:
        return IK_KCS_STATE_IDLE;
    case IK_KCS_B_WRITE:
    case IK_KCS_B_WRITE_END:
    case IK_KCS_B_ABORT:
        return IK_KCS_STATE_WRITE;
    case IK_KCS_B_ENGINE:
    case IK_KCS_B_READ:
    case IK_KCS_B_ABORT_READ:
        return IK_KCS_STATE_READ;
    case IK_KCS_B_ERROR:
        return IK_KCS_STATE_ERROR;
    }
    __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ik_kcs_dev dev;
    static struct ik_kcs_bmc bmc;
    static uint8_t rsp[IK_KCS_MAX_MSG + 1];
    struct ik_kcs_bmc_io io;
    struct eng e = {&bmc, 0, 0};

    ik_kcs_dev_init(&dev);
    ik_kcs_dev_bmc_io(&dev, &io);
    ik_kcs_bmc_init(&bmc, &io, on_request, &e);
    ik_kcs_dev_attach(&dev, &bmc);

    for (size_t i = 0; i + 1 < size; i += 2) {
        uint8_t op = data[i] & 7, v = data[i + 1], reply;
        switch (op) {
        case IK_KCS_OP_READ_STATUS:
        case IK_KCS_OP_READ_DATA:
        case IK_KCS_OP_WRITE_CMD:
        case IK_KCS_OP_WRITE_DATA:
            if (ik_kcs_dev_host_op(&dev, op, v, &reply) != 0)
                __builtin_trap();
            break;
        case 5:
            if (e.pending) {
                size_t n = v + (size_t)(data[i] >> 3) * 256 / 32;
                for (size_t k = 0; k < sizeof(rsp); k++)
                    rsp[k] = (uint8_t)(k ^ v);
                int rc = ik_kcs_bmc_respond(&bmc, e.token, rsp, n);
                if (rc != 0 && rc != IK_E_STATE && rc != IK_E_OVERSIZE)
                    __builtin_trap();
                if (rc == 0 && n > IK_KCS_MAX_MSG)
                    __builtin_trap();
                if (rc != IK_E_OVERSIZE)
                    e.pending = 0;
            }
            break;
        case 6:
            ik_kcs_bmc_set_attn(&bmc, v & 1);
            break;
        default:
            ik_kcs_dev_run(&dev);
            break;
        }
        if (bmc.req_len > IK_KCS_MAX_MSG || bmc.rsp_len > IK_KCS_MAX_MSG ||
            bmc.rsp_pos > bmc.rsp_len)
            __builtin_trap();
        if (IK_KCS_ST_STATE(dev.str) != phase_state(bmc.phase))
            __builtin_trap();
    }
    return 0;
}
