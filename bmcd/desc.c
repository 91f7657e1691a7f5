/* YAML descriptions: loading, typed field readers with file:line:col errors, and the
 * table of machine sections. */
#include "hex.h"
#include "desc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "desc_access.h"
#include "desc_platform.h"
#include "ipmikit/error.h"

/* Sections of a machine body, each parsed in its own file. */
static int parse_device(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);

static const struct {
    const char *key;
    ik_desc_section_fn fn;
} sections[] = {
    {"name", NULL}, /* handled inline */
    {"device", parse_device},
    /* platform (desc_platform.c): sensors first, sel and watchdog refer to them */
    {"sensors", ik_desc_sensors},
    {"fru", ik_desc_fru},
    {"sel", ik_desc_sel},
    {"power", ik_desc_power},
    {"chassis", ik_desc_chassis},
    {"watchdog", ik_desc_watchdog},
    {"satellites", ik_desc_satellites},
    /* access (desc_access.c): lan is checked against security */
    {"users", ik_desc_users},
    {"channels", ik_desc_channels},
    {"security", ik_desc_security},
    {"lan", ik_desc_lan},
};

#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

static void set_file(struct ik_desc *d, const char *name)
{
    snprintf(d->file, sizeof(d->file), "%s", name);
}

static int load(struct ik_desc *d, yaml_parser_t *p)
{
    if (!yaml_parser_load(p, &d->doc)) {
        snprintf(d->err, sizeof(d->err), "%s:%zu:%zu: YAML syntax error: %s", d->file,
                 p->problem_mark.line + 1, p->problem_mark.column + 1,
                 p->problem ? p->problem : "unknown problem");
        d->failed = 1;
        yaml_parser_delete(p);
        return IK_E_SYNTAX;
    }
    yaml_parser_delete(p);
    d->loaded = 1;
    if (!yaml_document_get_root_node(&d->doc)) {
        snprintf(d->err, sizeof(d->err), "%s: empty description", d->file);
        d->failed = 1;
        return IK_E_SYNTAX;
    }
    return 0;
}

int ik_desc_load_file(struct ik_desc *d, const char *path)
{
    memset(d, 0, sizeof(*d));
    set_file(d, path);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(d->err, sizeof(d->err), "%s: cannot open: %s", path, strerror(errno));
        d->failed = 1;
        return IK_E_IO;
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        fclose(f);
        snprintf(d->err, sizeof(d->err), "%s: out of memory", path);
        d->failed = 1;
        return IK_E_NOMEM;
    }
    yaml_parser_set_input_file(&p, f);
    int rc = load(d, &p);
    fclose(f);
    return rc;
}

int ik_desc_load_text(struct ik_desc *d, const char *name, const char *text, size_t len)
{
    memset(d, 0, sizeof(*d));
    set_file(d, name);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        snprintf(d->err, sizeof(d->err), "%s: out of memory", name);
        d->failed = 1;
        return IK_E_NOMEM;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    return load(d, &p);
}

void ik_desc_free(struct ik_desc *d)
{
    if (d->loaded)
        yaml_document_delete(&d->doc);
    d->loaded = 0;
}

yaml_node_t *ik_desc_root(struct ik_desc *d)
{
    return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

int ik_desc_fail(struct ik_desc *d, const yaml_node_t *node, const char *field, const char *fmt,
                 ...)
{
    if (d->failed)
        return IK_E_SYNTAX;
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (node)
        snprintf(d->err, sizeof(d->err), "%.255s:%zu:%zu: %.200s: %.319s", d->file,
                 node->start_mark.line + 1, node->start_mark.column + 1, field, msg);
    else
        snprintf(d->err, sizeof(d->err), "%.255s: %.200s: %.319s", d->file, field, msg);
    d->failed = 1;
    return IK_E_SYNTAX;
}

static const char *node_kind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return "a scalar";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a map";
    default:
        return "nothing";
    }
}

int ik_desc_is_map(struct ik_desc *d, yaml_node_t *n, const char *field)
{
    if (n && n->type == YAML_MAPPING_NODE)
        return 1;
    if (n)
        ik_desc_fail(d, n, field, "expected a map, got %s", node_kind(n));
    return 0;
}

int ik_desc_is_seq(struct ik_desc *d, yaml_node_t *n, const char *field)
{
    if (n && n->type == YAML_SEQUENCE_NODE)
        return 1;
    if (n)
        ik_desc_fail(d, n, field, "expected a list, got %s", node_kind(n));
    return 0;
}

size_t ik_desc_map_len(yaml_node_t *map)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return 0;
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

int ik_desc_map_at(struct ik_desc *d, yaml_node_t *map, size_t i, const char **key,
                   yaml_node_t **val, yaml_node_t **keynode)
{
    if (i >= ik_desc_map_len(map))
        return 0;
    yaml_node_pair_t *pair = map->data.mapping.pairs.start + i;
    yaml_node_t *k = yaml_document_get_node(&d->doc, pair->key);
    yaml_node_t *v = yaml_document_get_node(&d->doc, pair->value);
    *key = (k && k->type == YAML_SCALAR_NODE) ? (const char *)k->data.scalar.value : "";
    *val = v;
    if (keynode)
        *keynode = k;
    return 1;
}

yaml_node_t *ik_desc_get(struct ik_desc *d, yaml_node_t *map, const char *key)
{
    const char *k;
    yaml_node_t *v;
    for (size_t i = 0; ik_desc_map_at(d, map, i, &k, &v, NULL); i++)
        if (strcmp(k, key) == 0)
            return v;
    return NULL;
}

size_t ik_desc_seq_len(yaml_node_t *seq)
{
    if (!seq || seq->type != YAML_SEQUENCE_NODE)
        return 0;
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *ik_desc_seq_at(struct ik_desc *d, yaml_node_t *seq, size_t i)
{
    if (i >= ik_desc_seq_len(seq))
        return NULL;
    return yaml_document_get_node(&d->doc, seq->data.sequence.items.start[i]);
}

int ik_desc_check_keys(struct ik_desc *d, yaml_node_t *map, const char *field,
                       const char *const *allowed)
{
    const char *k;
    yaml_node_t *v, *kn;
    for (size_t i = 0; ik_desc_map_at(d, map, i, &k, &v, &kn); i++) {
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(k, *a) == 0)
                ok = 1;
        if (!ok) {
            char list[256] = "";
            size_t off = 0;
            for (const char *const *a = allowed; *a; a++) {
                /* keep room to say the list goes on rather than cut a key in half */
                if (off + strlen(*a) + 8 >= sizeof(list)) {
                    snprintf(list + off, sizeof(list) - off, ", ...");
                    break;
                }
                int n =
                    snprintf(list + off, sizeof(list) - off, "%s%s", a == allowed ? "" : ", ", *a);
                if (n < 0)
                    break;
                off += (size_t)n;
            }
            return ik_desc_fail(d, kn, field, "unknown key '%s' (expected one of: %s)", k, list);
        }
    }
    return 0;
}

const char *ik_desc_scalar(struct ik_desc *d, yaml_node_t *n, const char *field)
{
    if (!n || n->type != YAML_SCALAR_NODE) {
        if (n)
            ik_desc_fail(d, n, field, "expected a value, got %s", node_kind(n));
        return NULL;
    }
    return (const char *)n->data.scalar.value;
}

int ik_desc_int(struct ik_desc *d, yaml_node_t *n, const char *field, long min, long max, long *out)
{
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return IK_E_SYNTAX;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 0);
    if (*s == '\0' || *end != '\0' || errno == ERANGE)
        return ik_desc_fail(d, n, field, "expected an integer, got '%s'", s);
    if (v < min || v > max)
        return ik_desc_fail(d, n, field, "%ld is out of range %ld..%ld", v, min, max);
    *out = v;
    return 0;
}

int ik_desc_u8(struct ik_desc *d, yaml_node_t *n, const char *field, uint8_t *out)
{
    long v = 0;
    int rc = ik_desc_int(d, n, field, 0, 255, &v);
    if (rc == 0)
        *out = (uint8_t)v;
    return rc;
}

int ik_desc_double(struct ik_desc *d, yaml_node_t *n, const char *field, double min, double max,
                   double *out)
{
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return IK_E_SYNTAX;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(v))
        return ik_desc_fail(d, n, field, "expected a number, got '%s'", s);
    if (v < min || v > max)
        return ik_desc_fail(d, n, field, "%g is out of range %g..%g", v, min, max);
    *out = v;
    return 0;
}

int ik_desc_bool(struct ik_desc *d, yaml_node_t *n, const char *field, int *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return IK_E_SYNTAX;
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return ik_desc_fail(d, n, field, "expected true or false, got '%s'", s);
}

int ik_desc_str(struct ik_desc *d, yaml_node_t *n, const char *field, char *out, size_t cap)
{
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return IK_E_SYNTAX;
    size_t len = n->data.scalar.length;
    if (memchr(s, '\0', len))
        return ik_desc_fail(d, n, field, "contains a NUL byte");
    if (len + 1 > cap)
        return ik_desc_fail(d, n, field, "longer than %zu characters", cap - 1);
    memcpy(out, s, len + 1);
    return 0;
}

int ik_desc_enum(struct ik_desc *d, yaml_node_t *n, const char *field, const char *const *names,
                 size_t nnames, int *out)
{
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return IK_E_SYNTAX;
    for (size_t i = 0; i < nnames; i++) {
        if (names[i] && strcasecmp(s, names[i]) == 0) {
            *out = (int)i;
            return 0;
        }
    }
    char list[256] = "";
    size_t off = 0;
    for (size_t i = 0; i < nnames && off < sizeof(list); i++) {
        if (!names[i])
            continue;
        int w = snprintf(list + off, sizeof(list) - off, "%s%s", off ? ", " : "", names[i]);
        if (w < 0)
            break;
        off += (size_t)w;
    }
    return ik_desc_fail(d, n, field, "unknown value '%s' (expected one of: %s)", s, list);
}

int ik_desc_hex(struct ik_desc *d, yaml_node_t *n, const char *field, uint8_t *out, size_t cap,
                size_t *len)
{
    const char *s = ik_desc_scalar(d, n, field);
    if (!s)
        return IK_E_SYNTAX;
    size_t count = 0;
    int hi = -1;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == ':' || *p == '-' || *p == ',')
            continue;
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            p++;
            continue;
        }
        int v = ik_hex_digit((unsigned char)*p);
        if (v < 0)
            return ik_desc_fail(d, n, field, "'%c' is not a hex digit", *p);
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (count >= cap)
            return ik_desc_fail(d, n, field, "more than %zu bytes", cap);
        out[count++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    if (hi >= 0)
        return ik_desc_fail(d, n, field, "odd number of hex digits");
    *len = count;
    return 0;
}

static void join_path(char *buf, size_t cap, const char *path, const char *key)
{
    snprintf(buf, cap, "%s%s%s", path && *path ? path : "", path && *path ? "." : "", key);
}

int ik_desc_opt_int(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    long min, long max, long *out)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    if (!n)
        return 0;
    join_path(f, sizeof(f), path, key);
    return ik_desc_int(d, n, f, min, max, out);
}

int ik_desc_opt_u8(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                   uint8_t *out)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    if (!n)
        return 0;
    join_path(f, sizeof(f), path, key);
    return ik_desc_u8(d, n, f, out);
}

int ik_desc_opt_bool(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                     int *out)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    if (!n)
        return 0;
    join_path(f, sizeof(f), path, key);
    return ik_desc_bool(d, n, f, out);
}

int ik_desc_opt_str(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    char *out, size_t cap)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    if (!n)
        return 0;
    join_path(f, sizeof(f), path, key);
    return ik_desc_str(d, n, f, out, cap);
}

int ik_desc_opt_double(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                       double min, double max, double *out)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    if (!n)
        return 0;
    join_path(f, sizeof(f), path, key);
    return ik_desc_double(d, n, f, min, max, out);
}

/*
 * device:
 *   device_id: 0x20          manufacturer_id: 0x0000A2    product_id: 0x0001
 *   device_revision: 1       firmware: "1.23"             ipmi_version: "2.0"
 *   provides_sdrs: true      additional_support: 0xBF     aux_firmware: "00 00 00 00"
 *   device_guid: "..."       system_guid: "..."           (32 hex digits)
 */
static int parse_device(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {"device_id",       "device_revision", "provides_sdrs",
                                       "firmware",        "ipmi_version",    "additional_support",
                                       "manufacturer_id", "product_id",      "aux_firmware",
                                       "device_guid",     "system_guid",     NULL};
    struct ik_bmc_identity *id = &m->id;
    char f[256], buf[32];
    long v;
    int b;

    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return IK_E_SYNTAX;
    if (ik_desc_opt_u8(d, n, "device_id", path, &id->device_id))
        return IK_E_SYNTAX;
    v = id->device_rev & 0x0F;
    if (ik_desc_opt_int(d, n, "device_revision", path, 0, 15, &v))
        return IK_E_SYNTAX;
    b = (id->device_rev & 0x80) != 0;
    if (ik_desc_opt_bool(d, n, "provides_sdrs", path, &b))
        return IK_E_SYNTAX;
    id->device_rev = (uint8_t)((b ? 0x80 : 0) | v);
    buf[0] = '\0';
    if (ik_desc_opt_str(d, n, "firmware", path, buf, sizeof(buf)))
        return IK_E_SYNTAX;
    if (buf[0]) {
        unsigned maj, min;
        char extra;
        join_path(f, sizeof(f), path, "firmware");
        /* "major.minor": major 0..127, minor two decimal digits stored as BCD. */
        if (sscanf(buf, "%u.%2u%c", &maj, &min, &extra) != 2 || maj > 127 || min > 99)
            return ik_desc_fail(d, ik_desc_get(d, n, "firmware"), f,
                                "expected \"major.minor\" (0..127 . 00..99), got '%s'", buf);
        id->fw_major = (uint8_t)maj;
        id->fw_minor = (uint8_t)((min / 10) << 4 | (min % 10));
    }
    buf[0] = '\0';
    if (ik_desc_opt_str(d, n, "ipmi_version", path, buf, sizeof(buf)))
        return IK_E_SYNTAX;
    if (buf[0]) {
        join_path(f, sizeof(f), path, "ipmi_version");
        if (strcmp(buf, "2.0") == 0)
            id->ipmi_version = 0x02;
        else if (strcmp(buf, "1.5") == 0)
            id->ipmi_version = 0x51;
        else
            return ik_desc_fail(d, ik_desc_get(d, n, "ipmi_version"), f,
                                "expected \"1.5\" or \"2.0\", got '%s'", buf);
    }
    if (ik_desc_opt_u8(d, n, "additional_support", path, &id->dev_support))
        return IK_E_SYNTAX;
    v = (long)id->manufacturer_id;
    if (ik_desc_opt_int(d, n, "manufacturer_id", path, 0, 0xFFFFF, &v))
        return IK_E_SYNTAX;
    id->manufacturer_id = (uint32_t)v;
    v = id->product_id;
    if (ik_desc_opt_int(d, n, "product_id", path, 0, 0xFFFF, &v))
        return IK_E_SYNTAX;
    id->product_id = (uint16_t)v;
    static const struct {
        const char *key;
        size_t size;
    } blobs[] = {{"aux_firmware", 4}, {"device_guid", 16}, {"system_guid", 16}};
    uint8_t *dst[] = {id->aux_fw, id->device_guid, id->system_guid};
    for (size_t i = 0; i < 3; i++) {
        yaml_node_t *bn = ik_desc_get(d, n, blobs[i].key);
        uint8_t tmp[16];
        size_t len;
        if (!bn)
            continue;
        join_path(f, sizeof(f), path, blobs[i].key);
        if (ik_desc_hex(d, bn, f, tmp, sizeof(tmp), &len))
            return IK_E_SYNTAX;
        if (len != blobs[i].size)
            return ik_desc_fail(d, bn, f, "expected %zu bytes, got %zu", blobs[i].size, len);
        memcpy(dst[i], tmp, len);
    }
    return 0;
}

int ik_desc_parse_machine(struct ik_desc *d, yaml_node_t *node, const char *path,
                          struct ik_machine *m)
{
    const char *allowed[N_SECTIONS + 1];
    for (size_t i = 0; i < N_SECTIONS; i++)
        allowed[i] = sections[i].key;
    allowed[N_SECTIONS] = NULL;
    if (!ik_desc_is_map(d, node, path) || ik_desc_check_keys(d, node, path, allowed))
        return IK_E_SYNTAX;
    if (ik_desc_opt_str(d, node, "name", path, m->name, sizeof(m->name)))
        return IK_E_SYNTAX;
    for (size_t i = 0; i < N_SECTIONS; i++) {
        yaml_node_t *sn;
        char f[256];
        if (!sections[i].fn || !(sn = ik_desc_get(d, node, sections[i].key)))
            continue;
        join_path(f, sizeof(f), path, sections[i].key);
        if (sections[i].fn(d, sn, f, m))
            return IK_E_SYNTAX;
    }
    return 0;
}
