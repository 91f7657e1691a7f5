/* Machine description, platform section: sensors, FRU, SEL, chassis/power, watchdog,
 * satellites. (Filled in by the platform work.) */
#ifndef IK_BMC_MACHINE_PLATFORM_H
#define IK_BMC_MACHINE_PLATFORM_H

struct ik_machine_platform {
    int reserved;
};

#endif
