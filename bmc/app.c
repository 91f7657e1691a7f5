/*
 * NetFn App (06h), device group: Get Device ID, resets, self test, GUIDs, BMC global
 * enables (IPMI 2.0 sections 20.1-20.8, 22.14). Other App groups live in app_*.c.
 */
#include "bmc_int.h"

#include <string.h>

#include "msg_app.h"

#define NETFN_APP 0x06

/* Get Device ID: the identity from the machine description, through lib/msg_app.c. */
static void get_device_id(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    const struct ik_bmc_identity *id = &bmc->cfg.id;
    struct ik_device_id v = {
        .device_id = id->device_id,
        .device_rev = id->device_rev & 0x0F,
        .provides_sdrs = id->device_rev & 0x80,
        .fw_major = id->fw_major & 0x7F,
        .fw_minor = id->fw_minor,
        .ipmi_version = id->ipmi_version,
        .support = id->dev_support,
        .manufacturer_id = id->manufacturer_id & 0xFFFFF,
        .product_id = id->product_id,
        .has_aux = true,
    };
    memcpy(v.aux_fw, id->aux_fw, sizeof(v.aux_fw));
    size_t n = 0;
    if (ik_device_id_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: the identity is masked to its fields */
        return;
    }
    rsp->len = n;
}

/* Cold/Warm Reset: the engine acknowledges; volatile state resets are the modules' job
 * (their reset hooks: the SEL and SDR reservations are cancelled, ...). */
static void reset(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, const struct ik_bmc_req *req,
                  struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)rsp;
    ik_bmc_log(bmc, "event=%s_reset", req->cmd == 0x02 ? "cold" : "warm");
    ik_bmc_reset_modules(bmc);
}

/* Get Self Test Results (lib/msg_app.c): 55h = no error, detail 00h. */
static void get_self_test(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)bmc;
    (void)ctx;
    (void)req;
    const struct ik_selftest v = {.result = IK_SELFTEST_PASSED, .detail = 0x00};
    size_t n = 0;
    if (ik_selftest_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: two bytes fit */
        return;
    }
    rsp->len = n;
}

static void get_device_guid(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                            const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    memcpy(rsp->data, req->cmd == 0x08 ? bmc->cfg.id.device_guid : bmc->cfg.id.system_guid, 16);
    rsp->len = 16;
}

/*
 * BMC Global Enables (lib/msg_app.c, tables 22-1/22-2): receive message queue interrupt,
 * event message buffer full interrupt, event message buffer, system event logging, OEM 0-2;
 * bit 4 is reserved and must be written 0. The engine checked the length (1 byte).
 */
static void set_global_enables(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_global_enables v;
    if (ik_global_enables_decode(req->data, req->len, &v) != 0 || (v.enables & IK_GE_RESERVED)) {
        rsp->cc = 0xCC; /* invalid data field: reserved bit set */
        return;
    }
    bmc->app.global_enables = v.enables;
}

static void get_global_enables(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    const struct ik_global_enables v = {.enables = bmc->app.global_enables};
    size_t n = 0;
    if (ik_global_enables_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: one byte fits */
        return;
    }
    rsp->len = n;
}

static int app_init(struct ik_bmc *bmc)
{
    /* Event message buffer and system event logging enabled, as after a BMC reset. */
    bmc->app.global_enables = IK_GE_EVENT_BUF | IK_GE_SEL;
    return 0;
}

/* Privileges from IPMI 2.0 appendix G. Set BMC Global Enables is a system-interface
 * command: ADMIN is what the system interface carries. */
static const struct ik_bmc_cmd app_cmds[] = {
    {NETFN_APP, 0x01, IK_PRIV_USER, 0, 0, get_device_id},
    {NETFN_APP, 0x02, IK_PRIV_ADMIN, 0, 0, reset},
    {NETFN_APP, 0x03, IK_PRIV_ADMIN, 0, 0, reset},
    {NETFN_APP, 0x04, IK_PRIV_USER, 0, 0, get_self_test},
    {NETFN_APP, 0x08, IK_PRIV_USER, 0, 0, get_device_guid},
    {NETFN_APP, 0x2E, IK_PRIV_ADMIN, 1, 1, set_global_enables},
    {NETFN_APP, 0x2F, IK_PRIV_USER, 0, 0, get_global_enables},
    {NETFN_APP, 0x37, IK_PRIV_NONE, 0, 0, get_device_guid},
};

const struct ik_bmc_module ik_bmc_mod_app = {
    .name = "app",
    .init = app_init,
    .cmds = app_cmds,
    .ncmds = sizeof(app_cmds) / sizeof(app_cmds[0]),
};
