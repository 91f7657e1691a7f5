/*
 * Machine description, access sections (bmcd/desc_access.c): users, channels, security
 * and lan, registered in desc.c's section table in that order (lan is checked against
 * the security policy). docs/bmcd.md lists every key.
 */
#ifndef IK_BMCD_DESC_ACCESS_H
#define IK_BMCD_DESC_ACCESS_H

#include "desc.h"

int ik_desc_users(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_channels(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_security(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);
int ik_desc_lan(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m);

#endif
