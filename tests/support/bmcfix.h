/*
 * Test fixture for the BMC engine's platform modules: a machine description, an engine on
 * a virtual clock with an in-memory store, restarts that keep the store, a store that can
 * be told to fail, and helpers to send requests. Header-only (static functions), so the
 * support library needs no engine headers.
 *
 *   struct bmcfix f;
 *   bmcfix_init(&f);                 // machine defaults; edit f.m before starting
 *   bmcfix_start(&f);
 *   struct ik_bmc_rsp r = BMC(&f, 0x0A, 0x40);            // Get SEL Info, no data
 *   r = BMC(&f, 0x0A, 0x43, 0, 0, 0, 0, 0, 0xFF);          // Get SEL Entry 0000h
 *   bmcfix_advance(&f, 2 * IK_US_PER_S);                   // ticks the engine
 *   bmcfix_restart(&f);              // new engine, same store (a bmcd restart)
 *   bmcfix_fini(&f);
 */
#ifndef IK_BMCFIX_H
#define IK_BMCFIX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_int.h"
#include "ipmikit/error.h"

#define BMCFIX_UNIX0 1700000000 /* 2023-11-14 22:13:20 UTC */
#define BMCFIX_MONO0 (1000 * IK_US_PER_S)
#define BMCFIX_LOGS  256
#define BMCFIX_EVS   64

struct bmcfix {
    struct ik_machine m;
    struct ik_bmc_memstore *mem;
    struct ik_bmc_store inner; /* the memstore's ops */
    struct ik_bmc *bmc;
    ik_time_us now;
    ik_time_us next;                                /* what the last tick asked for */
    int fail_sel_put, fail_kv_put, fail_sel_delete; /* count down: fail the n-th call from now
                                                       (1 = next), 0 = never */
    int sel_puts, kv_puts;
    char logs[BMCFIX_LOGS][256];
    int nlog;
    struct ik_bmc_power_event evs[BMCFIX_EVS];
    int nev;
    uint8_t channel, priv;
};

static inline int bmcfix_fail_now(int *counter)
{
    if (*counter <= 0)
        return 0;
    return --*counter == 0;
}

static inline int bmcfix_sel_put(void *ctx, const uint8_t rec[16])
{
    struct bmcfix *f = ctx;
    if (bmcfix_fail_now(&f->fail_sel_put))
        return IK_E_IO;
    f->sel_puts++;
    return f->inner.sel_put(f->inner.ctx, rec);
}

static inline int bmcfix_sel_delete(void *ctx, uint16_t id)
{
    struct bmcfix *f = ctx;
    if (bmcfix_fail_now(&f->fail_sel_delete))
        return IK_E_IO;
    return f->inner.sel_delete(f->inner.ctx, id);
}

static inline int bmcfix_sel_clear(void *ctx)
{
    struct bmcfix *f = ctx;
    return f->inner.sel_clear(f->inner.ctx);
}

static inline int bmcfix_sel_load(void *ctx, void (*fn)(void *arg, const uint8_t rec[16]),
                                  void *arg)
{
    struct bmcfix *f = ctx;
    return f->inner.sel_load(f->inner.ctx, fn, arg);
}

static inline int bmcfix_kv_put(void *ctx, const char *key, const void *val, size_t len)
{
    struct bmcfix *f = ctx;
    if (bmcfix_fail_now(&f->fail_kv_put))
        return IK_E_IO;
    f->kv_puts++;
    return f->inner.kv_put(f->inner.ctx, key, val, len);
}

static inline int bmcfix_kv_del(void *ctx, const char *key)
{
    struct bmcfix *f = ctx;
    return f->inner.kv_del(f->inner.ctx, key);
}

static inline int
bmcfix_kv_load(void *ctx, void (*fn)(void *arg, const char *key, const void *val, size_t len),
               void *arg)
{
    struct bmcfix *f = ctx;
    return f->inner.kv_load(f->inner.ctx, fn, arg);
}

static inline void bmcfix_log(void *ctx, const char *line)
{
    struct bmcfix *f = ctx;
    if (f->nlog < BMCFIX_LOGS)
        snprintf(f->logs[f->nlog++], sizeof(f->logs[0]), "%s", line);
}

static inline void bmcfix_power(void *ctx, const struct ik_bmc_power_event *ev)
{
    struct bmcfix *f = ctx;
    if (f->nev < BMCFIX_EVS)
        f->evs[f->nev++] = *ev;
}

static inline void bmcfix_init(struct bmcfix *f)
{
    memset(f, 0, sizeof(*f));
    ik_machine_defaults(&f->m);
    f->mem = ik_bmc_memstore_new();
    f->inner = ik_bmc_memstore_ops(f->mem);
    f->now = BMCFIX_MONO0;
    f->channel = IK_CHAN_LAN;
    f->priv = IK_PRIV_ADMIN;
}

/* Create and load an engine at f->now on the fixture's store; 0 or the error. */
static inline int bmcfix_start(struct bmcfix *f)
{
    struct ik_bmc_config cfg = {
        .name = "fix",
        .id = f->m.id,
        .machine = &f->m,
        .store =
            {
                .ctx = f,
                .sel_put = bmcfix_sel_put,
                .sel_delete = bmcfix_sel_delete,
                .sel_clear = bmcfix_sel_clear,
                .sel_load = bmcfix_sel_load,
                .kv_put = bmcfix_kv_put,
                .kv_del = bmcfix_kv_del,
                .kv_load = bmcfix_kv_load,
            },
        .log = bmcfix_log,
        .log_ctx = f,
        .unix_at_start = BMCFIX_UNIX0 + (int64_t)((f->now - BMCFIX_MONO0) / IK_US_PER_S),
        .mono_at_start = f->now,
        .power_hook = bmcfix_power,
        .power_hook_ctx = f,
    };
    f->bmc = ik_bmc_new(&cfg);
    if (!f->bmc)
        return IK_E_NOMEM;
    int rc = ik_bmc_load(f->bmc);
    if (rc == 0)
        f->next = ik_bmc_tick(f->bmc, f->now);
    return rc;
}

static inline void bmcfix_stop(struct bmcfix *f)
{
    ik_bmc_free(f->bmc);
    f->bmc = NULL;
}

/* A bmcd restart: the engine goes, the store stays. */
static inline int bmcfix_restart(struct bmcfix *f)
{
    bmcfix_stop(f);
    return bmcfix_start(f);
}

static inline void bmcfix_fini(struct bmcfix *f)
{
    bmcfix_stop(f);
    ik_bmc_memstore_free(f->mem);
    ik_machine_free(&f->m);
}

/* Move the clock forward, ticking the engine at every time it asked for on the way. */
static inline void bmcfix_advance(struct bmcfix *f, ik_time_us us)
{
    ik_time_us end = f->now + us;
    for (int guard = 0; guard < 1000000; guard++) {
        if (f->next && f->next > f->now && f->next <= end)
            f->now = f->next;
        else
            f->now = end;
        f->next = ik_bmc_tick(f->bmc, f->now);
        if (f->now == end)
            break;
    }
}

static inline struct ik_bmc_rsp bmcfix_run(struct bmcfix *f, uint8_t netfn, uint8_t cmd,
                                           const uint8_t *data, size_t len)
{
    struct ik_bmc_ctx ctx = {.channel = f->channel, .priv = f->priv, .rq_addr = 0x81};
    struct ik_bmc_req req = {.netfn = netfn, .cmd = cmd, .data = data, .len = len};
    struct ik_bmc_rsp rsp;
    memset(&rsp, 0xEE, sizeof(rsp));
    ik_bmc_dispatch(f->bmc, f->now, &ctx, &req, &rsp);
    f->next = ik_bmc_tick(f->bmc, f->now);
    return rsp;
}

/* BMC(f, netfn, cmd, data bytes...): the bytes become the request data. */
#define BMC(f, netfn, ...)                                                                         \
    bmcfix_run_v((f), (netfn), (const uint8_t[]){__VA_ARGS__},                                     \
                 sizeof((const uint8_t[]){__VA_ARGS__}))
static inline struct ik_bmc_rsp bmcfix_run_v(struct bmcfix *f, uint8_t netfn, const uint8_t *v,
                                             size_t n)
{
    return bmcfix_run(f, netfn, v[0], v + 1, n - 1);
}

static inline uint16_t bmcfix_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t bmcfix_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Append a sensor to the description (before bmcfix_start); zeroed but for the fields
 * given, with everything readable, events and scanning enabled. */
static inline struct ik_msensor *bmcfix_add_sensor(struct bmcfix *f, const char *name,
                                                   uint8_t number, uint8_t sensor_type,
                                                   uint8_t event_type)
{
    struct ik_machine_platform *p = &f->m.platform;
    void *np = realloc(p->sensors, (p->nsensors + 1) * sizeof(*p->sensors));
    if (!np)
        abort();
    p->sensors = np;
    struct ik_msensor *s = &p->sensors[p->nsensors++];
    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "%s", name);
    s->number = number;
    s->sensor_type = sensor_type;
    s->event_type = event_type;
    s->record = event_type == 0x01 ? IK_MREC_FULL : IK_MREC_COMPACT;
    s->entity_id = 0x07;
    s->entity_instance = 1;
    s->events_enabled = 1;
    s->scanning_enabled = 1;
    s->auto_rearm = 1;
    return s;
}

/* Whether any log line contains s. */
static inline int bmcfix_logged(const struct bmcfix *f, const char *s)
{
    for (int i = 0; i < f->nlog; i++)
        if (strstr(f->logs[i], s))
            return 1;
    return 0;
}

#endif
