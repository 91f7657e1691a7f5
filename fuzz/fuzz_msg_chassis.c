/* libFuzzer: NetFn Chassis payload decoders (lib/msg_chassis.c). The first byte picks the
 * codec. Whatever decodes must encode to the same length, and that encoding must decode and
 * encode to itself (reserved bits are dropped on the way, so the input itself need not come
 * back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_codec.h"
#include "msg_chassis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_codec.h\'s check, named after the codec. */
#define STABLE(name, type, dec, enc) FUZZ_STABLE(name, type, dec, enc, 300)

STABLE(status, struct ik_chassis_status, ik_chassis_status_decode, ik_chassis_status_encode)
STABLE(control, struct ik_chassis_control_req, ik_chassis_control_req_decode,
       ik_chassis_control_req_encode)
STABLE(identify, struct ik_chassis_identify_req, ik_chassis_identify_req_decode,
       ik_chassis_identify_req_encode)
STABLE(policy_req, struct ik_policy_req, ik_policy_req_decode, ik_policy_req_encode)
STABLE(policy_rsp, struct ik_policy_rsp, ik_policy_rsp_decode, ik_policy_rsp_encode)
STABLE(restart_cause, struct ik_restart_cause_rsp, ik_restart_cause_rsp_decode,
       ik_restart_cause_rsp_encode)
STABLE(poh, struct ik_poh, ik_poh_decode, ik_poh_encode)
STABLE(boot_set_req, struct ik_boot_set_req, ik_boot_set_req_decode, ik_boot_set_req_encode)
STABLE(boot_get_req, struct ik_boot_get_req, ik_boot_get_req_decode, ik_boot_get_req_encode)
STABLE(boot_get_rsp, struct ik_boot_get_rsp, ik_boot_get_rsp_decode, ik_boot_get_rsp_encode)
STABLE(boot_flags, struct ik_boot_flags, ik_boot_flags_decode, ik_boot_flags_encode)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const codecs[])(const uint8_t *, size_t) = {
        status, control,      identify,     policy_req,   policy_rsp, restart_cause,
        poh,    boot_set_req, boot_get_req, boot_get_rsp, boot_flags,
    };
    FUZZ_PICK(codecs, data, size);
    return 0;
}
