/*
 * The embedded default machine: what bmcd runs with no configuration. A two-socket rack
 * server described in YAML (bmcd/default_machine.c) and parsed by the same loader as any
 * description, so it is also the reference example of the format (docs/machine.md).
 */
#ifndef IK_BMCD_DEFAULT_MACHINE_H
#define IK_BMCD_DEFAULT_MACHINE_H

#include <stddef.h>

#include "machine.h"

/* The YAML text ("machine: ..."), NUL-terminated. */
extern const char ik_default_machine_yaml[];

/* Parse the default machine into m (ik_machine_defaults() first, then the text). 0, or
 * IK_E_SYNTAX with the loader's message in err (a bug: tests parse it). The caller frees m
 * with ik_machine_free(). */
int ik_default_machine(struct ik_machine *m, char *err, size_t errcap);

#endif
