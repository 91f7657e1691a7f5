/* libFuzzer: NetFn Transport payload decoders (lib/msg_transport.c). The first byte picks
 * the codec. Whatever decodes must encode, and that encoding must decode and encode to
 * itself (reserved bits are dropped on the way, so the input itself need not come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "msg_transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define STABLE(name, type, max)                                                                    \
    static void name(const uint8_t *p, size_t n)                                                   \
    {                                                                                              \
        type v;                                                                                    \
        uint8_t a[max], b[max];                                                                    \
        size_t na = 0, nb = 0;                                                                     \
        if (name##_decode(p, n, &v) != 0)                                                          \
            return;                                                                                \
        if (name##_encode(&v, a, sizeof(a), &na) != 0 || na != n ||                                \
            name##_decode(a, na, &v) != 0 || name##_encode(&v, b, sizeof(b), &nb) != 0 ||          \
            na != nb || memcmp(a, b, na) != 0)                                                     \
            __builtin_trap();                                                                      \
    }

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
    if (size == 0)
        return 0;
    codecs[data[0] % (sizeof(codecs) / sizeof(codecs[0]))](data + 1, size - 1);
    return 0;
}
