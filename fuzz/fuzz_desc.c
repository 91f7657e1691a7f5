/*
 * libFuzzer harness for machine descriptions: the input is YAML text for
 * ik_desc_load_text() and ik_desc_parse_machine() (every section, the platform ones with
 * their conversions, FRU encoding and SEL entries). A description that parses is then
 * built into an engine on an in-memory store and started, so whatever the parser accepts
 * the engine must accept too (or refuse cleanly) without reading out of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "engine.h"
#include "ipmikit/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ik_desc d;
    struct ik_machine m;
    if (size > 64 * 1024)
        return 0;
    ik_machine_defaults(&m);
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    int rc = ik_desc_load_text(&d, "fuzz.yaml", text, size);
    if (rc == 0) {
        yaml_node_t *mn = ik_desc_get(&d, ik_desc_root(&d), "machine");
        rc = mn ? ik_desc_parse_machine(&d, mn, "machine", &m) : IK_E_SYNTAX;
    }
    if (rc == 0) {
        struct ik_bmc_memstore *mem = ik_bmc_memstore_new();
        struct ik_bmc_config cfg = {.name = "fuzz", .id = m.id, .machine = &m};
        cfg.store = ik_bmc_memstore_ops(mem);
        struct ik_bmc *bmc = ik_bmc_new(&cfg);
        if (bmc && ik_bmc_load(bmc) == 0) {
            /* one tick and one Get SDR walk step: the generated state is usable */
            ik_bmc_tick(bmc, 2 * IK_US_PER_S);
            static const uint8_t get_sdr[] = {0, 0, 0, 0, 0, 0xFF};
            struct ik_bmc_ctx ctx = {.channel = IK_CHAN_LAN, .priv = IK_PRIV_ADMIN};
            struct ik_bmc_req req = {.netfn = 0x0A, .cmd = 0x23, .data = get_sdr, .len = 6};
            struct ik_bmc_rsp rsp;
            ik_bmc_dispatch(bmc, 2 * IK_US_PER_S, &ctx, &req, &rsp);
        }
        ik_bmc_free(bmc);
        ik_bmc_memstore_free(mem);
    }
    ik_desc_free(&d);
    ik_machine_free(&m);
    free(text);
    return 0;
}
