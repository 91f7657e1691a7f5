/* Machine description defaults and release. Section defaults live with their sections. */
#include "machine.h"

#include <string.h>

void ik_machine_defaults(struct ik_machine *m)
{
    memset(m, 0, sizeof(*m));
    strcpy(m->name, "ipmikit");
    /* Identity of the embedded default machine; a description may override any field. */
    m->id.device_id = 0x20;
    m->id.device_rev = 0x81; /* provides device SDRs, revision 1 */
    m->id.fw_major = 1;
    m->id.fw_minor = 0x00;
    m->id.ipmi_version = 0x02;
    m->id.dev_support = 0xBF; /* chassis, bridge, event gen/rx, FRU, SEL, SDR repo, sensor */
    /* IANA 32473: the enterprise number RFC 5612 reserves for documentation and examples,
     * so a virtual BMC never claims to be a real vendor's. Descriptions override it. */
    m->id.manufacturer_id = 32473;
    m->id.product_id = 0x0001;
    ik_machine_platform_defaults(&m->platform);
    ik_machine_access_defaults(&m->access);
}

void ik_machine_free(struct ik_machine *m)
{
    ik_machine_platform_free(&m->platform);
}
