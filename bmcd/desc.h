/*
 * Machine and fleet descriptions in YAML (libyaml's document API), with errors that name
 * the file, line and column, the field and what is wrong:
 *
 *   machine.yaml:12:14: sensors[3].thresholds.unc: expected a number, got 'high'
 *
 * A description file is either one machine or a fleet:
 *
 *   machine: { ...sections... }            # one BMC
 *   fleet:                                  # many BMCs
 *     - name: node1
 *       listen: 127.0.0.1:6230
 *       machine: { ...sections... }         # or: include: other.yaml
 *
 * The sections of a machine (device, users, channels, lan, security, sensors, fru, sel,
 * power, watchdog, satellites, ...) are parsed by functions registered in desc.c's
 * section table, each in its own file (desc_access.c, desc_platform.c, ...). Unknown keys
 * are errors, so a typo never silently means "default".
 */
#ifndef IK_BMCD_DESC_H
#define IK_BMCD_DESC_H

#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "machine.h"

struct ik_desc {
    yaml_document_t doc;
    int loaded;
    char file[256];
    char err[1024]; /* the first error, formatted as above */
    int failed;
};

/* Load a YAML file / an in-memory text (name is used in messages). 0 or IK_E_SYNTAX with
 * d->err set. */
int ik_desc_load_file(struct ik_desc *d, const char *path);
int ik_desc_load_text(struct ik_desc *d, const char *name, const char *text, size_t len);
void ik_desc_free(struct ik_desc *d);

yaml_node_t *ik_desc_root(struct ik_desc *d);

/* Record an error at node (first one wins); returns IK_E_SYNTAX for convenience. */
int ik_desc_fail(struct ik_desc *d, const yaml_node_t *node, const char *field, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* Structure helpers. Each returns NULL / 0 on absence and records an error on a wrong
 * node type. */
int ik_desc_is_map(struct ik_desc *d, yaml_node_t *n, const char *field);
int ik_desc_is_seq(struct ik_desc *d, yaml_node_t *n, const char *field);
yaml_node_t *ik_desc_get(struct ik_desc *d, yaml_node_t *map, const char *key);
size_t ik_desc_seq_len(yaml_node_t *seq);
yaml_node_t *ik_desc_seq_at(struct ik_desc *d, yaml_node_t *seq, size_t i);
/* Map iteration: the i-th key's scalar text and value node; 0 past the end. */
int ik_desc_map_at(struct ik_desc *d, yaml_node_t *map, size_t i, const char **key,
                   yaml_node_t **val, yaml_node_t **keynode);
size_t ik_desc_map_len(yaml_node_t *map);

/* Fail on any key of map not in allowed (NULL-terminated), listing the allowed keys. */
int ik_desc_check_keys(struct ik_desc *d, yaml_node_t *map, const char *field,
                       const char *const *allowed);

/* Scalar readers. `field` is the path shown in errors ("sensors[3].number"). Each
 * returns 0 and writes *out, or IK_E_SYNTAX with the error recorded; *out is untouched on
 * error. Integers accept decimal and 0x hex. */
const char *ik_desc_scalar(struct ik_desc *d, yaml_node_t *n, const char *field);
int ik_desc_int(struct ik_desc *d, yaml_node_t *n, const char *field, long min, long max,
                long *out);
int ik_desc_u8(struct ik_desc *d, yaml_node_t *n, const char *field, uint8_t *out);
int ik_desc_double(struct ik_desc *d, yaml_node_t *n, const char *field, double min, double max,
                   double *out);
int ik_desc_bool(struct ik_desc *d, yaml_node_t *n, const char *field, int *out);
int ik_desc_str(struct ik_desc *d, yaml_node_t *n, const char *field, char *out, size_t cap);
/* One of names[] (case-insensitive) -> its index. */
int ik_desc_enum(struct ik_desc *d, yaml_node_t *n, const char *field, const char *const *names,
                 size_t nnames, int *out);
/* Hex bytes "01 02 ab" or "0102ab" into out[cap]; *len gets the count. */
int ik_desc_hex(struct ik_desc *d, yaml_node_t *n, const char *field, uint8_t *out, size_t cap,
                size_t *len);

/* Optional-key shorthands: absent key leaves *out unchanged and returns 0. */
int ik_desc_opt_int(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    long min, long max, long *out);
int ik_desc_opt_u8(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                   uint8_t *out);
int ik_desc_opt_bool(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                     int *out);
int ik_desc_opt_str(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    char *out, size_t cap);
int ik_desc_opt_double(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                       double min, double max, double *out);

/* A machine section parser: fills its part of m from the node under its key. */
typedef int (*ik_desc_section_fn)(struct ik_desc *d, yaml_node_t *node, const char *path,
                                  struct ik_machine *m);

/* Parse a machine body (a map of sections) into m, which the caller has set to defaults.
 * 0 or IK_E_SYNTAX with d->err. */
int ik_desc_parse_machine(struct ik_desc *d, yaml_node_t *node, const char *path,
                          struct ik_machine *m);

#endif
