/*
 * Inside the engine: struct ik_bmc and the module interface that the per-NetFn and
 * per-subsystem files implement. Only the engine's own files include this.
 *
 * A module is one subsystem (users and channels, sessions, sensors, SEL, SDR repository,
 * FRU, chassis, watchdog, ...): its state is a member of struct ik_bmc, and it exports a
 * struct ik_bmc_module with optional hooks and its command rows. engine.c lists every
 * module once; adding a subsystem is adding a file, a member and a row.
 */
#ifndef IK_BMC_INT_H
#define IK_BMC_INT_H

#include <stdarg.h>

#include "engine.h"
#include "platform_int.h"
#include "access_int.h"

struct ik_bmc_module {
    const char *name;
    /* Build initial state from the config/machine; 0 or IK_E_*. */
    int (*init)(struct ik_bmc *bmc);
    /* A stored key=value blob this module owns (prefix match on `prefix`). */
    const char *kv_prefix;
    int (*load_kv)(struct ik_bmc *bmc, const char *key, const void *val, size_t len);
    /* After everything is loaded. */
    int (*start)(struct ik_bmc *bmc);
    /* Time-driven work; return the next wanted time or 0. */
    ik_time_us (*tick)(struct ik_bmc *bmc, ik_time_us now);
    /* Cold/Warm Reset of the BMC: drop volatile state (reservations, ...). */
    void (*reset)(struct ik_bmc *bmc);
    void (*fini)(struct ik_bmc *bmc);
    const struct ik_bmc_cmd *cmds;
    size_t ncmds;
};

/* Every module, defined in its own file. */
extern const struct ik_bmc_module ik_bmc_mod_app;
extern const struct ik_bmc_module ik_bmc_mod_sel, ik_bmc_mod_sdr, ik_bmc_mod_fru,
    ik_bmc_mod_sensors, ik_bmc_mod_chassis, ik_bmc_mod_wdt;
extern const struct ik_bmc_module ik_bmc_mod_user, ik_bmc_mod_channel, ik_bmc_mod_transport,
    ik_bmc_mod_session, ik_bmc_mod_lan;

struct ik_bmc {
    char name[64];
    struct ik_bmc_config cfg;
    ik_time_us now; /* time of the request or tick in progress */
    uint64_t drops[IK_BMC_DROP_COUNT];
    /* Dispatch index: rows by (netfn >> 1, cmd), built at creation. */
    const struct ik_bmc_cmd *rows[32][256];
    /* Subsystem state: one member per module. */
    struct {
        uint8_t global_enables; /* Set/Get BMC Global Enables */
    } app;
    /* Platform modules (platform_int.h). */
    struct ik_bmc_sel sel;
    struct ik_bmc_sdr sdr;
    struct ik_bmc_fru fru;
    struct ik_bmc_sensors sensors;
    struct ik_bmc_chassis chassis;
    struct ik_bmc_wdt wdt;
    /* Users, channels, LAN parameters, sessions (access_int.h). */
    struct ik_bmc_access acc;
};

/* Logging helpers for modules. */
void ik_bmc_vlog(struct ik_bmc *bmc, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Run every module's reset hook (App Cold/Warm Reset). */
void ik_bmc_reset_modules(struct ik_bmc *bmc);

/* Random bytes from the injected source; IK_E_CRYPTO if it fails. */
int ik_bmc_random(struct ik_bmc *bmc, uint8_t *out, size_t n);

#endif
