/*
 * The machine description: everything a virtual BMC is built from, as plain data. bmcd
 * fills it from YAML (bmcd/desc*.c) or from the embedded default machine; the engine's
 * modules read it in their init hooks. Nothing here owns a resource.
 *
 * Sections, each defined in its own header so they can grow independently:
 *   identity   Get Device ID fields and GUIDs (engine.h: struct ik_bmc_identity)
 *   access     users, channels, LAN parameters, security policy (machine_access.h)
 *   platform   sensors, FRU, SEL, chassis/power, watchdog, satellites (machine_platform.h)
 */
#ifndef IK_BMC_MACHINE_H
#define IK_BMC_MACHINE_H

#include "engine.h"
#include "machine_access.h"
#include "machine_platform.h"

struct ik_machine {
    char name[64];
    struct ik_bmc_identity id;
    struct ik_machine_access access;
    struct ik_machine_platform platform;
};

/* Defaults for every field (what a description that omits a section gets). */
void ik_machine_defaults(struct ik_machine *m);

/* Release what the section parsers allocated (sensor arrays, FRU images, ...). */
void ik_machine_free(struct ik_machine *m);

#endif
