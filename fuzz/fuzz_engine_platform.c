/*
 * libFuzzer harness for the engine's platform commands: a BMC running a small machine (one
 * sensor of each kind the default machine has: threshold with a ramp, signed and power-tied
 * ones, discrete with a schedule, event-only, the SEL's and the watchdog's; two FRU
 * devices; a 64-entry SEL; a satellite) on an in-memory store gets a sequence of requests
 * taken from the input, each
 *   [time step (1 byte, x 100 ms)] [netfn/2 (1)] [cmd (1)] [privilege (1)] [length (1)] [data]
 * and ticks in between, so the SEL, SDR, FRU, sensor, chassis and watchdog handlers see
 * any bytes in any state (reservations, erases, power transitions, pinned sensors). Every
 * response must fit its buffer; the first store write of each kind may be made to fail.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "engine.h"
#include "ipmikit/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ik_machine machine;
static int machine_ready;

static const char yaml[] =
    "machine:\n"
    "  sensors:\n"
    "    - {name: T1, number: 1, type: temperature, unit: degrees C, range: [0, 255],\n"
    "       resolution: 1, thresholds: {lnc: 5, lcr: 2, unc: 60, ucr: 70, unr: 80},\n"
    "       hysteresis: 2, model: {kind: ramp, from: 40, to: 90, period: 20, mode: bounce}}\n"
    "    - {name: T2, number: 2, type: temperature, unit: degrees C, range: [-128, 127],\n"
    "       resolution: 1, thresholds: {lcr: -10, unc: 40}, when_off: unavailable,\n"
    "       auto_rearm: false, model: {kind: noise, value: 20, amplitude: 30, period: 1}}\n"
    "    - {name: V1, number: 3, type: voltage, unit: volts, range: [0, 15.3],\n"
    "       resolution: 0.06, thresholds: {lcr: 10.8, ucr: 13.2}, when_off: 0,\n"
    "       model: {kind: sine, value: 12, amplitude: 2, period: 10}}\n"
    "    - {name: PSU, number: 4, type: power supply, states: [0, 1, 3], initial: [0],\n"
    "       when_off: [0, 3], model: {kind: steps, value: [0], steps: [[5, [0, 1]],\n"
    "       [9, [0]]], repeat: 12}}\n"
    "    - {name: OS Stop, number: 5, type: os critical stop, record: event-only}\n"
    "    - {name: Log, number: 6, type: event logging disabled}\n"
    "    - {name: WD, number: 7, type: watchdog2}\n"
    "    - {name: Intrusion, number: 8, type: physical security, auto_rearm: false}\n"
    "  fru:\n"
    "    - {id: 0, size: 128, board: {product: B}}\n"
    "    - {id: 2, size: 16, write_protect: true}\n"
    "  sel: {capacity: 64, almost_full: 50, clear_ms: 300,\n"
    "        entries: [{sensor: PSU, offset: 1}]}\n"
    "  power: {on_ms: 300, off_ms: 200, cycle_ms: 400, soft_ms: 500}\n"
    "  chassis: {diag_interrupt: true}\n"
    "  satellites: [{name: S, address: 0x72}]\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!machine_ready) {
        struct ik_desc d;
        ik_machine_defaults(&machine);
        if (ik_desc_load_text(&d, "fuzz", yaml, sizeof(yaml) - 1) != 0 ||
            ik_desc_parse_machine(&d, ik_desc_get(&d, ik_desc_root(&d), "machine"), "machine",
                                  &machine) != 0)
            abort(); /* the harness's own description must parse */
        ik_desc_free(&d);
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
