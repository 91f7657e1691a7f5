/*
 * The engine core: module list, dispatch with privilege and length checks, drop counters,
 * logging and the in-memory store.
 */
#include "bmc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/error.h"

/* Every module of the engine, in initialisation order. */
static const struct ik_bmc_module *const modules[] = {
    &ik_bmc_mod_app,
    /* platform: the SEL first (others log into it), the chassis before the sensors */
    &ik_bmc_mod_sel,
    &ik_bmc_mod_sdr,
    &ik_bmc_mod_fru,
    &ik_bmc_mod_chassis,
    &ik_bmc_mod_wdt,
    &ik_bmc_mod_sensors,
    /* access: users and the channel before the LAN parameters and the session table */
    &ik_bmc_mod_user,
    &ik_bmc_mod_channel,
    &ik_bmc_mod_transport,
    &ik_bmc_mod_session,
    &ik_bmc_mod_lan,
};

#define N_MODULES (sizeof(modules) / sizeof(modules[0]))

static const char *const drop_names[] = {
#define IK__DROP_NAME(name, text) #name,
    IK_BMC_DROP_MAP(IK__DROP_NAME)
#undef IK__DROP_NAME
};

static const char *const drop_texts[] = {
#define IK__DROP_TEXT(name, text) text,
    IK_BMC_DROP_MAP(IK__DROP_TEXT)
#undef IK__DROP_TEXT
};

const char *ik_bmc_drop_name(enum ik_bmc_drop d)
{
    /* Lowercase of the X-macro name, computed once into static storage. */
    static char lower[IK_BMC_DROP_COUNT][32];
    if ((unsigned)d >= IK_BMC_DROP_COUNT)
        return "unknown";
    if (!lower[d][0]) {
        size_t i;
        for (i = 0; drop_names[d][i] && i + 1 < sizeof(lower[d]); i++) {
            char c = drop_names[d][i];
            lower[d][i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        lower[d][i] = '\0';
    }
    return lower[d];
}

const char *ik_bmc_drop_text(enum ik_bmc_drop d)
{
    return (unsigned)d < IK_BMC_DROP_COUNT ? drop_texts[d] : "unknown";
}

struct ik_bmc *ik_bmc_new(const struct ik_bmc_config *cfg)
{
    struct ik_bmc *bmc = calloc(1, sizeof(*bmc));
    if (!bmc)
        return NULL;
    bmc->cfg = *cfg;
    snprintf(bmc->name, sizeof(bmc->name), "%s", cfg->name ? cfg->name : "bmc");
    bmc->cfg.name = bmc->name;
    for (size_t m = 0; m < N_MODULES; m++) {
        for (size_t i = 0; i < modules[m]->ncmds; i++) {
            const struct ik_bmc_cmd *row = &modules[m]->cmds[i];
            /* Two rows for one command is a bug in the tables, not bad input. */
            if (bmc->rows[(row->netfn >> 1) & 31][row->cmd]) {
                free(bmc);
                return NULL;
            }
            bmc->rows[(row->netfn >> 1) & 31][row->cmd] = row;
        }
    }
    for (size_t m = 0; m < N_MODULES; m++) {
        if (modules[m]->init && modules[m]->init(bmc) != 0) {
            ik_bmc_log(bmc, "event=init_failed module=%s", modules[m]->name);
            for (size_t k = 0; k < m; k++)
                if (modules[k]->fini)
                    modules[k]->fini(bmc);
            free(bmc);
            return NULL;
        }
    }
    return bmc;
}

void ik_bmc_free(struct ik_bmc *bmc)
{
    if (!bmc)
        return;
    for (size_t m = N_MODULES; m-- > 0;)
        if (modules[m]->fini)
            modules[m]->fini(bmc);
    free(bmc);
}

struct load_arg {
    struct ik_bmc *bmc;
    int err;
};

static void load_one_kv(void *arg, const char *key, const void *val, size_t len)
{
    struct load_arg *la = arg;
    for (size_t m = 0; m < N_MODULES; m++) {
        const char *p = modules[m]->kv_prefix;
        if (p && modules[m]->load_kv && strncmp(key, p, strlen(p)) == 0) {
            int rc = modules[m]->load_kv(la->bmc, key, val, len);
            if (rc != 0) {
                /* A corrupt blob is logged and skipped; the default stays in force. */
                ik_bmc_log(la->bmc, "event=load_skipped key=%s err=%s", key, ik_errname(rc));
                if (!la->err)
                    la->err = rc;
            }
            return;
        }
    }
    ik_bmc_log(la->bmc, "event=load_unknown_key key=%s", key);
}

int ik_bmc_load(struct ik_bmc *bmc)
{
    struct load_arg la = {bmc, 0};
    bmc->now = bmc->cfg.mono_at_start; /* what start hooks stamp their work with */
    if (bmc->cfg.store.kv_load) {
        int rc = bmc->cfg.store.kv_load(bmc->cfg.store.ctx, load_one_kv, &la);
        if (rc != 0)
            return rc;
    }
    for (size_t m = 0; m < N_MODULES; m++) {
        if (modules[m]->start) {
            int rc = modules[m]->start(bmc);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

void ik_bmc_dispatch(struct ik_bmc *bmc, ik_time_us now, const struct ik_bmc_ctx *ctx,
                     const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    rsp->cc = 0;
    rsp->len = 0;
    bmc->now = now;
    if (req->netfn & 1) {
        /* A response NetFn arriving as a request: nobody to answer. */
        rsp->cc = 0xC1; /* invalid command */
        return;
    }
    const struct ik_bmc_cmd *row = bmc->rows[(req->netfn >> 1) & 31][req->cmd];
    if (!row || row->netfn != req->netfn) {
        rsp->cc = 0xC1; /* invalid command */
        return;
    }
    if (ctx->priv < row->min_priv || ctx->priv == IK_PRIV_NO_ACCESS) {
        rsp->cc = 0xD4; /* insufficient privilege level */
        return;
    }
    if (req->len < row->min_len) {
        rsp->cc = 0xC7; /* request data length invalid */
        return;
    }
    if (req->len > row->max_len) {
        rsp->cc = 0xC8; /* request data field length limit exceeded */
        return;
    }
    row->fn(bmc, ctx, req, rsp);
}

ik_time_us ik_bmc_tick(struct ik_bmc *bmc, ik_time_us now)
{
    ik_time_us next = 0;
    bmc->now = now;
    for (size_t m = 0; m < N_MODULES; m++) {
        if (!modules[m]->tick)
            continue;
        ik_time_us t = modules[m]->tick(bmc, now);
        if (t && (!next || t < next))
            next = t;
    }
    return next;
}

void ik_bmc_vlog(struct ik_bmc *bmc, const char *fmt, va_list ap)
{
    char line[512];
    if (!bmc->cfg.log)
        return;
    int n = snprintf(line, sizeof(line), "bmc=%s ", bmc->name);
    if (n < 0 || (size_t)n >= sizeof(line))
        return;
    vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    bmc->cfg.log(bmc->cfg.log_ctx, line);
}

void ik_bmc_log(struct ik_bmc *bmc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ik_bmc_vlog(bmc, fmt, ap);
    va_end(ap);
}

void ik_bmc_drop(struct ik_bmc *bmc, enum ik_bmc_drop why, const char *detail)
{
    if ((unsigned)why >= IK_BMC_DROP_COUNT)
        why = IK_BMC_DROP_OTHER;
    uint64_t n = ++bmc->drops[why];
    /* Log the first ten of each reason, then at every power of two, so a flood of bad
     * datagrams is visible in the log without filling it. The counter is exact. */
    if (n <= 10 || (n & (n - 1)) == 0)
        ik_bmc_log(bmc, "drop=%s count=%llu%s%s", ik_bmc_drop_name(why), (unsigned long long)n,
                   detail ? " " : "", detail ? detail : "");
}

uint64_t ik_bmc_drop_count(const struct ik_bmc *bmc, enum ik_bmc_drop why)
{
    return (unsigned)why < IK_BMC_DROP_COUNT ? bmc->drops[why] : 0;
}

const struct ik_bmc_identity *ik_bmc_identity(const struct ik_bmc *bmc)
{
    return &bmc->cfg.id;
}

const struct ik_bmc_store *ik_bmc_get_store(const struct ik_bmc *bmc)
{
    return &bmc->cfg.store;
}

ik_time_us ik_bmc_now(const struct ik_bmc *bmc)
{
    return bmc->now;
}

int64_t ik_bmc_unix_time(const struct ik_bmc *bmc)
{
    int64_t delta = (int64_t)(bmc->now - bmc->cfg.mono_at_start) / (int64_t)IK_US_PER_S;
    if (bmc->now < bmc->cfg.mono_at_start)
        delta = -(int64_t)((bmc->cfg.mono_at_start - bmc->now) / IK_US_PER_S);
    return bmc->cfg.unix_at_start + delta;
}

void ik_bmc_reset_modules(struct ik_bmc *bmc)
{
    for (size_t m = 0; m < N_MODULES; m++)
        if (modules[m]->reset)
            modules[m]->reset(bmc);
}

int ik_bmc_random(struct ik_bmc *bmc, uint8_t *out, size_t n)
{
    if (!bmc->cfg.random || bmc->cfg.random(bmc->cfg.random_ctx, out, n) != 0)
        return IK_E_CRYPTO;
    return 0;
}
