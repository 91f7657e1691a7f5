/* What the platform modules share: the description in force, catching up with time, and
 * writing state blobs through the store. */
#include "bmc_int.h"

#include "ipmikit/error.h"

void ik_sel_catch_up(struct ik_bmc *bmc);

const struct ik_machine_platform *ik_plat(struct ik_bmc *bmc)
{
    static struct ik_machine_platform defaults;
    static int ready;
    if (bmc->cfg.machine)
        return &bmc->cfg.machine->platform;
    if (!ready) {
        ik_machine_platform_defaults(&defaults);
        ready = 1;
    }
    return &defaults;
}

void ik_plat_catch_up(struct ik_bmc *bmc)
{
    /* The watchdog may power the chassis off, which moves the sensors; the SEL's erase
     * must end before anything logs into it. */
    ik_sel_catch_up(bmc);
    ik_wdt_catch_up(bmc);
    ik_chassis_catch_up(bmc);
    ik_sensors_catch_up(bmc);
}

int ik_plat_kv_put(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    if (!bmc->cfg.store.kv_put)
        return 0;
    int rc = bmc->cfg.store.kv_put(bmc->cfg.store.ctx, key, val, len);
    if (rc)
        ik_bmc_log(bmc, "event=store_failed op=kv_put key=%s err=%s", key, ik_errname(rc));
    return rc;
}
