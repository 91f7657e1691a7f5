/* Machine description, access section: users, channels, LAN parameters, security policy.
 * (Filled in by the LAN-front work.) */
#ifndef IK_BMC_MACHINE_ACCESS_H
#define IK_BMC_MACHINE_ACCESS_H

struct ik_machine_access {
    int reserved;
};

#endif
