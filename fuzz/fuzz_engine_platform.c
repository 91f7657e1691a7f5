/*
 * libFuzzer harness for the engine's platform commands: a BMC running the embedded default
 * machine on an in-memory store gets a sequence of requests taken from the input, each
 *   [time step (1 byte, x 100 ms)] [netfn/2 (1)] [cmd (1)] [privilege (1)] [length (1)] [data]
 * and ticks in between, so the SEL, SDR, FRU, sensor, chassis and watchdog handlers see
 * any bytes in any state (reservations, erases, power transitions, pinned sensors). Every
 * response must fit its buffer; the first store write of each kind may be made to fail.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "default_machine.h"
#include "engine.h"
#include "ipmikit/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ik_machine machine;
static int machine_ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!machine_ready) {
        char err[512];
        if (ik_default_machine(&machine, err, sizeof(err)) != 0)
            abort();                        /* the embedded machine must always parse */
        machine.platform.sel.capacity = 64; /* reach "full" quickly */
        machine_ready = 1;
    }
    struct ik_bmc_memstore *mem = ik_bmc_memstore_new();
    struct ik_bmc_config cfg = {.name = "fuzz", .id = machine.id, .machine = &machine};
    cfg.store = ik_bmc_memstore_ops(mem);
    cfg.mono_at_start = 1000 * IK_US_PER_S;
    struct ik_bmc *bmc = ik_bmc_new(&cfg);
    if (!bmc || ik_bmc_load(bmc) != 0)
        abort();
    ik_time_us now = cfg.mono_at_start;
    size_t i = 0;
    while (i + 5 <= size) {
        now += (ik_time_us)data[i] * 100 * IK_US_PER_MS;
        uint8_t netfn = (uint8_t)((data[i + 1] % 0x20) << 1);
        uint8_t cmd = data[i + 2];
        uint8_t priv = (uint8_t)(1 + data[i + 3] % 5);
        size_t len = data[i + 4];
        i += 5;
        if (len > size - i)
            len = size - i;
        uint8_t *req_data = malloc(len ? len : 1); /* exact size: over-reads trip ASan */
        if (!req_data)
            break;
        memcpy(req_data, data + i, len);
        i += len;
        struct ik_bmc_ctx ctx = {.channel = (uint8_t)(priv == 5 ? IK_CHAN_SYSTEM : IK_CHAN_LAN),
                                 .priv = priv,
                                 .rq_addr = 0x81};
        struct ik_bmc_req req = {.netfn = netfn, .cmd = cmd, .data = req_data, .len = len};
        struct ik_bmc_rsp rsp;
        ik_bmc_dispatch(bmc, now, &ctx, &req, &rsp);
        if (rsp.len > sizeof(rsp.data))
            abort();
        ik_bmc_tick(bmc, now);
        free(req_data);
    }
    ik_bmc_free(bmc);
    ik_bmc_memstore_free(mem);
    return 0;
}
