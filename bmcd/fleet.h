/*
 * What bmcd runs: a fleet of virtual BMCs, each with a name (its key in the state store
 * and its "bmc=" in logs), a UDP listen address and a machine description. BMCs declared
 * together share one parsed machine (read-only to the engine).
 *
 * Sources:
 *   - the embedded default machine, `--listen ADDR:PORT [--count N] [--name NAME]`;
 *   - a description file with one machine (`machine: {...}`, optionally `listen:` and
 *     `count:` beside it; --listen / --count win);
 *   - a fleet file:
 *
 *       fleet:
 *         - name: node              # with count: node1 .. node100
 *           listen: 127.0.0.1:7000  # ports 7000 .. 7099
 *           count: 100
 *           include: rack.yaml      # a file with `machine:` (relative to this file)
 *         - name: special
 *           listen: 127.0.0.1:6999
 *           machine: { device: {...}, users: [...] }
 *
 * Names must be unique, and so must addresses. Errors name the file, line and column.
 */
#ifndef IK_BMCD_FLEET_H
#define IK_BMCD_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine.h"

#define IK_FLEET_MAX 4096 /* BMCs per bmcd process */

struct ik_fleet_bmc {
    char name[64];
    uint8_t ip[4]; /* IPv4 listen address */
    uint16_t port;
    size_t machine; /* index into ik_fleet.machines */
};

struct ik_fleet {
    struct ik_machine *machines;
    size_t nmachines;
    struct ik_fleet_bmc *bmcs;
    size_t nbmcs;
};

/* "A.B.C.D:PORT" -> address and port (port 1-65535). 0 or IK_E_SYNTAX. */
int ik_fleet_parse_listen(const char *s, uint8_t ip[4], uint16_t *port);

/* 127.0.0.0/8. */
bool ik_fleet_is_loopback(const uint8_t ip[4]);

/* count BMCs on machine m (taken over: the fleet frees it), named name (name1..nameN when
 * count > 1), listening on listen's address at consecutive ports. */
int ik_fleet_single(struct ik_fleet *f, struct ik_machine *m, const char *name, const char *listen,
                    size_t count, char *err, size_t errcap);

/* Load a description or fleet file. listen / count (NULL / 0: absent) override a
 * single-machine file's own; with a fleet file they are an error. name (may be NULL)
 * names a single machine's BMC (default: the machine's name). */
int ik_fleet_load(struct ik_fleet *f, const char *path, const char *listen, size_t count,
                  const char *name, char *err, size_t errcap);

void ik_fleet_free(struct ik_fleet *f);

#endif
