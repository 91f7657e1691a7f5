/* Machine description, platform section: defaults, release and look-ups. */
#include "machine_platform.h"

#include <stdlib.h>
#include <string.h>

void ik_machine_platform_defaults(struct ik_machine_platform *p)
{
    memset(p, 0, sizeof(*p));
    p->sel.capacity = 4096;
    p->sel.almost_full_pct = 75;
    p->power.initial_on = 1;
    p->power.policy = IK_POLICY_PREVIOUS;
    p->power.on_ms = 1000;
    p->power.off_ms = 500;
    p->power.cycle_ms = 1000;
    p->power.reset_ms = 200;
    p->power.soft_ms = 3000;
    p->power.soft_honoured = 1;
    p->power.hook_timeout_ms = 30000;
    p->chassis.caps = 0x01; /* chassis intrusion sensor */
    p->chassis.identify_s = 15;
    p->chassis.poh_minutes = 60;
    p->watchdog.log_pretimeout = 1;
}

void ik_machine_platform_free(struct ik_machine_platform *p)
{
    for (size_t i = 0; i < p->nsensors; i++)
        free(p->sensors[i].model.steps);
    free(p->sensors);
    for (size_t i = 0; i < p->nfrus; i++)
        free(p->frus[i].image);
    free(p->frus);
    free(p->sel.init);
    free(p->sats);
    p->sensors = NULL;
    p->nsensors = 0;
    p->frus = NULL;
    p->nfrus = 0;
    p->sel.init = NULL;
    p->sel.ninit = 0;
    p->sats = NULL;
    p->nsats = 0;
}

const struct ik_msensor *ik_machine_sensor_by_name(const struct ik_machine_platform *p,
                                                   const char *name)
{
    for (size_t i = 0; i < p->nsensors; i++)
        if (strcmp(p->sensors[i].name, name) == 0)
            return &p->sensors[i];
    return NULL;
}

const struct ik_msensor *ik_machine_sensor_by_number(const struct ik_machine_platform *p,
                                                     uint8_t number)
{
    for (size_t i = 0; i < p->nsensors; i++)
        if (p->sensors[i].number == number)
            return &p->sensors[i];
    return NULL;
}

const struct ik_msat *ik_machine_satellite(const struct ik_machine_platform *p, uint8_t channel,
                                           uint8_t addr)
{
    for (size_t i = 0; i < p->nsats; i++)
        if (p->sats[i].channel == channel && p->sats[i].addr == (addr & 0xFE))
            return &p->sats[i];
    return NULL;
}
