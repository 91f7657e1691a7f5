/* libFuzzer: NetFn Transport payload decoders (lib/msg_transport.c). The first byte picks
 * the codec. Whatever decodes must encode, and that encoding must decode and encode to
 * itself (reserved bits are dropped on the way, so the input itself need not come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_codec.h"
#include "msg_transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_codec.h's check, named after the codec. */
#define STABLE(name, type, max) FUZZ_STABLE(name, type, name##_decode, name##_encode, max)

STABLE(ik_lan_set_req, struct ik_lan_set_req, 2 + IK_LAN_PARAM_MAX)
STABLE(ik_lan_get_req, struct ik_lan_get_req, IK_LAN_GET_REQ_LEN)
STABLE(ik_lan_get_rsp, struct ik_lan_get_rsp, 1 + IK_LAN_PARAM_MAX)
STABLE(ik_lan_set_in_progress, struct ik_lan_set_in_progress, IK_LAN_SET_IN_PROGRESS_LEN)
STABLE(ik_lan_auth_types, struct ik_lan_auth_types, IK_LAN_AUTH_TYPES_LEN)
STABLE(ik_lan_auth_enables, struct ik_lan_auth_enables, IK_LAN_AUTH_ENABLES_LEN)
STABLE(ik_lan_ipv4, struct ik_lan_ipv4, IK_LAN_IPV4_LEN)
STABLE(ik_lan_ip_source, struct ik_lan_ip_source, IK_LAN_IP_SOURCE_LEN)
STABLE(ik_lan_mac, struct ik_lan_mac, IK_LAN_MAC_LEN)
STABLE(ik_lan_cipher_suites, struct ik_lan_cipher_suites, IK_LAN_CIPHER_SUITES_MAX)
STABLE(ik_lan_cipher_privs, struct ik_lan_cipher_privs, IK_LAN_CIPHER_PRIVS_LEN)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const codecs[])(const uint8_t *, size_t) = {
        ik_lan_set_req,    ik_lan_get_req,       ik_lan_get_rsp,      ik_lan_set_in_progress,
        ik_lan_auth_types, ik_lan_auth_enables,  ik_lan_ipv4,         ik_lan_ip_source,
        ik_lan_mac,        ik_lan_cipher_suites, ik_lan_cipher_privs,
    };
    FUZZ_PICK(codecs, data, size);
    return 0;
}
