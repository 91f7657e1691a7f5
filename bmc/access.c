/* Helpers shared by the access modules (users, channels, LAN parameters, sessions). */
#include "bmc_int.h"

#include "ipmikit/error.h"
#include "machine.h"

void ik_acc_desc(const struct ik_bmc *bmc, struct ik_machine_access *out)
{
    if (bmc->cfg.machine)
        *out = bmc->cfg.machine->access;
    else
        ik_machine_access_defaults(out);
}

int ik_acc_persist(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    if (!bmc->cfg.store.kv_put)
        return 0; /* no store at all: nothing is durable, by the caller's choice */
    int rc = bmc->cfg.store.kv_put(bmc->cfg.store.ctx, key, val, len);
    if (rc)
        ik_bmc_log(bmc, "event=store_failed key=%s err=%s", key, ik_errname(rc));
    return rc;
}

uint8_t ik_acc_channel_resolve(const struct ik_bmc_ctx *ctx, uint8_t raw)
{
    uint8_t ch = raw & 0x0F;
    return ch == IK_CHAN_PRESENT ? ctx->channel : ch;
}
