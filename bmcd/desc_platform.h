/*
 * Machine description, platform sections (bmcd/desc_platform.c): sensors, fru, sel, power,
 * chassis, watchdog, satellites. Registered in desc.c's section table after "device", in
 * this order (sel entries and the watchdog name sensors described before them). Every key
 * is in docs/machine.md.
 */
#ifndef IK_BMCD_DESC_PLATFORM_H
#define IK_BMCD_DESC_PLATFORM_H

#include "desc.h"

int ik_desc_sensors(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_fru(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_sel(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_power(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_chassis(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_watchdog(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_satellites(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);

#endif
