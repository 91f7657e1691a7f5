/* The fleet bmcd runs: single machines, description files and fleet files (fleet.h). */
#include "fleet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "ipmikit/error.h"

int ik_fleet_parse_listen(const char *s, uint8_t ip[4], uint16_t *port)
{
    unsigned a, b, c, d, p;
    char extra;
    if (!s || sscanf(s, "%u.%u.%u.%u:%u%c", &a, &b, &c, &d, &p, &extra) != 5 || a > 255 ||
        b > 255 || c > 255 || d > 255 || p == 0 || p > 65535)
        return IK_E_SYNTAX;
    ip[0] = (uint8_t)a;
    ip[1] = (uint8_t)b;
    ip[2] = (uint8_t)c;
    ip[3] = (uint8_t)d;
    *port = (uint16_t)p;
    return 0;
}

bool ik_fleet_is_loopback(const uint8_t ip[4])
{
    return ip[0] == 127;
}

void ik_fleet_free(struct ik_fleet *f)
{
    for (size_t i = 0; i < f->nmachines; i++)
        ik_machine_free(&f->machines[i]);
    free(f->machines);
    free(f->bmcs);
    memset(f, 0, sizeof(*f));
}

static struct ik_machine *add_machine(struct ik_fleet *f)
{
    struct ik_machine *p = realloc(f->machines, (f->nmachines + 1) * sizeof(*p));
    if (!p)
        return NULL;
    f->machines = p;
    ik_machine_defaults(&p[f->nmachines]);
    return &p[f->nmachines++];
}

/* Add count BMCs named name (name1..nameN when count > 1) at ip, ports port.. */
static int add_bmcs(struct ik_fleet *f, const char *name, const uint8_t ip[4], uint16_t port,
                    size_t count, size_t machine, char *err, size_t errcap)
{
    if (count == 0 || count > IK_FLEET_MAX - f->nbmcs) {
        snprintf(err, errcap, "%s: count must be 1..%zu in total", name, (size_t)IK_FLEET_MAX);
        return IK_E_RANGE;
    }
    if ((size_t)port + count - 1 > 65535) {
        snprintf(err, errcap, "%s: ports %u..%zu run past 65535", name, port,
                 (size_t)port + count - 1);
        return IK_E_RANGE;
    }
    struct ik_fleet_bmc *p = realloc(f->bmcs, (f->nbmcs + count) * sizeof(*p));
    if (!p) {
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    f->bmcs = p;
    for (size_t i = 0; i < count; i++) {
        struct ik_fleet_bmc *b = &f->bmcs[f->nbmcs];
        memset(b, 0, sizeof(*b));
        int w = count > 1 ? snprintf(b->name, sizeof(b->name), "%s%zu", name, i + 1)
                          : snprintf(b->name, sizeof(b->name), "%s", name);
        if (w < 0 || (size_t)w >= sizeof(b->name) || !b->name[0]) {
            snprintf(err, errcap, "BMC name '%s' is empty or longer than 63 characters", name);
            return IK_E_RANGE;
        }
        for (const char *c = b->name; *c; c++) {
            if (*c <= ' ' || *c == '=' || *c > '~') {
                snprintf(err, errcap, "BMC name '%s': no spaces, '=' or control characters",
                         b->name);
                return IK_E_SYNTAX;
            }
        }
        memcpy(b->ip, ip, 4);
        b->port = (uint16_t)(port + i);
        b->machine = machine;
        for (size_t k = 0; k < f->nbmcs; k++) {
            if (strcmp(f->bmcs[k].name, b->name) == 0) {
                snprintf(err, errcap, "two BMCs are called '%s'", b->name);
                return IK_E_EXISTS;
            }
            if (memcmp(f->bmcs[k].ip, b->ip, 4) == 0 && f->bmcs[k].port == b->port) {
                snprintf(err, errcap, "'%s' and '%s' both listen on %u.%u.%u.%u:%u",
                         f->bmcs[k].name, b->name, ip[0], ip[1], ip[2], ip[3], b->port);
                return IK_E_EXISTS;
            }
        }
        f->nbmcs++;
    }
    return 0;
}

int ik_fleet_single(struct ik_fleet *f, struct ik_machine *m, const char *name, const char *listen,
                    size_t count, char *err, size_t errcap)
{
    uint8_t ip[4];
    uint16_t port;
    if (ik_fleet_parse_listen(listen, ip, &port)) {
        snprintf(err, errcap, "listen address '%s': expected A.B.C.D:PORT", listen);
        ik_machine_free(m);
        return IK_E_SYNTAX;
    }
    struct ik_machine *slot = add_machine(f);
    if (!slot) {
        ik_machine_free(m);
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    *slot = *m; /* taken over: the fleet frees what the parsers allocated */
    return add_bmcs(f, name && *name ? name : slot->name, ip, port, count ? count : 1,
                    f->nmachines - 1, err, errcap);
}

/* Parse the machine body at node into a new fleet machine; returns its index or -1. */
static long parse_machine(struct ik_fleet *f, struct ik_desc *d, yaml_node_t *node,
                          const char *path)
{
    struct ik_machine *m = add_machine(f);
    if (!m)
        return -1;
    if (ik_desc_parse_machine(d, node, path, m))
        return -1;
    return (long)(f->nmachines - 1);
}

/* The machine of an `include:` file, relative to the including file's directory. */
static long include_machine(struct ik_fleet *f, struct ik_desc *parent, yaml_node_t *n,
                            const char *field, char *err, size_t errcap)
{
    char rel[256], path[512];
    if (ik_desc_str(parent, n, field, rel, sizeof(rel))) {
        snprintf(err, errcap, "%s", parent->err);
        return -1;
    }
    const char *slash = strrchr(parent->file, '/');
    if (rel[0] == '/' || !slash)
        snprintf(path, sizeof(path), "%s", rel);
    else
        snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - parent->file), parent->file, rel);
    struct ik_desc d;
    long idx = -1;
    if (ik_desc_load_file(&d, path) == 0) {
        yaml_node_t *root = ik_desc_root(&d);
        static const char *const keys[] = {"machine", NULL};
        if (ik_desc_is_map(&d, root, "") && !ik_desc_check_keys(&d, root, "", keys)) {
            yaml_node_t *mn = ik_desc_get(&d, root, "machine");
            if (!mn)
                ik_desc_fail(&d, root, "machine", "missing (an included file holds one machine)");
            else
                idx = parse_machine(f, &d, mn, "machine");
        }
    }
    if (idx < 0)
        snprintf(err, errcap, "%s", d.err[0] ? d.err : "out of memory");
    ik_desc_free(&d);
    return idx;
}

static int load_fleet(struct ik_fleet *f, struct ik_desc *d, yaml_node_t *list, char *err,
                      size_t errcap)
{
    static const char *const keys[] = {"name", "listen", "count", "machine", "include", NULL};
    if (!ik_desc_is_seq(d, list, "fleet"))
        goto syntax;
    if (ik_desc_seq_len(list) == 0) {
        ik_desc_fail(d, list, "fleet", "no BMCs");
        goto syntax;
    }
    for (size_t i = 0; i < ik_desc_seq_len(list); i++) {
        yaml_node_t *e = ik_desc_seq_at(d, list, i);
        char path[64], name[64] = "", listen[64] = "";
        long count = 1, idx;
        snprintf(path, sizeof(path), "fleet[%zu]", i);
        if (!ik_desc_is_map(d, e, path) || ik_desc_check_keys(d, e, path, keys) ||
            ik_desc_opt_str(d, e, "name", path, name, sizeof(name)) ||
            ik_desc_opt_str(d, e, "listen", path, listen, sizeof(listen)) ||
            ik_desc_opt_int(d, e, "count", path, 1, IK_FLEET_MAX, &count))
            goto syntax;
        yaml_node_t *mn = ik_desc_get(d, e, "machine"), *inc = ik_desc_get(d, e, "include");
        uint8_t ip[4];
        uint16_t port;
        if (!name[0] || !listen[0] || (!mn == !inc)) {
            ik_desc_fail(d, e, path, "needs name, listen and one of machine / include");
            goto syntax;
        }
        if (ik_fleet_parse_listen(listen, ip, &port)) {
            ik_desc_fail(d, ik_desc_get(d, e, "listen"), path, "listen '%s': expected A.B.C.D:PORT",
                         listen);
            goto syntax;
        }
        if (mn) {
            char mp[80];
            snprintf(mp, sizeof(mp), "%s.machine", path);
            if ((idx = parse_machine(f, d, mn, mp)) < 0)
                goto syntax;
        } else {
            char ip_[80];
            snprintf(ip_, sizeof(ip_), "%s.include", path);
            if ((idx = include_machine(f, d, inc, ip_, err, errcap)) < 0)
                return IK_E_SYNTAX;
        }
        int rc = add_bmcs(f, name, ip, port, (size_t)count, (size_t)idx, err, errcap);
        if (rc)
            return rc;
    }
    return 0;
syntax:
    snprintf(err, errcap, "%s", d->err[0] ? d->err : "out of memory");
    return IK_E_SYNTAX;
}

int ik_fleet_load(struct ik_fleet *f, const char *path, const char *listen, size_t count,
                  const char *name, char *err, size_t errcap)
{
    static const char *const keys[] = {"machine", "fleet", "listen", "count", NULL};
    struct ik_desc d;
    int rc = ik_desc_load_file(&d, path);
    if (rc) {
        snprintf(err, errcap, "%s", d.err);
        ik_desc_free(&d);
        return rc;
    }
    yaml_node_t *root = ik_desc_root(&d);
    if (!ik_desc_is_map(&d, root, "") || ik_desc_check_keys(&d, root, "", keys)) {
        snprintf(err, errcap, "%s", d.err);
        ik_desc_free(&d);
        return IK_E_SYNTAX;
    }
    yaml_node_t *fl = ik_desc_get(&d, root, "fleet"), *mn = ik_desc_get(&d, root, "machine");
    if (!fl == !mn) {
        ik_desc_fail(&d, root, path, "needs exactly one of 'machine' and 'fleet'");
        snprintf(err, errcap, "%s", d.err);
        ik_desc_free(&d);
        return IK_E_SYNTAX;
    }
    if (fl) {
        if (listen || count || ik_desc_get(&d, root, "listen") || ik_desc_get(&d, root, "count")) {
            snprintf(err, errcap,
                     "%s: a fleet file gives every BMC its own listen address and count "
                     "(no --listen, --count or top-level listen/count)",
                     path);
            rc = IK_E_SYNTAX;
        } else {
            rc = load_fleet(f, &d, fl, err, errcap);
        }
        ik_desc_free(&d);
        return rc;
    }
    char own_listen[64] = "127.0.0.1:6230";
    long own_count = 1;
    if (ik_desc_opt_str(&d, root, "listen", "", own_listen, sizeof(own_listen)) ||
        ik_desc_opt_int(&d, root, "count", "", 1, IK_FLEET_MAX, &own_count) ||
        parse_machine(f, &d, mn, "machine") < 0) {
        snprintf(err, errcap, "%s", d.err[0] ? d.err : "out of memory");
        ik_desc_free(&d);
        return IK_E_SYNTAX;
    }
    ik_desc_free(&d);
    uint8_t ip[4];
    uint16_t port;
    const char *l = listen ? listen : own_listen;
    if (ik_fleet_parse_listen(l, ip, &port)) {
        snprintf(err, errcap, "listen address '%s': expected A.B.C.D:PORT", l);
        return IK_E_SYNTAX;
    }
    struct ik_machine *m = &f->machines[f->nmachines - 1];
    return add_bmcs(f, name && *name ? name : m->name, ip, port, count ? count : (size_t)own_count,
                    f->nmachines - 1, err, errcap);
}
