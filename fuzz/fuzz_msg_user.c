/* libFuzzer: NetFn App channel, user and session payload decoders (lib/msg_user.c). The
 * first byte picks the codec. Whatever decodes must encode, and that encoding must decode
 * and encode to itself (reserved bits and bytes after a name's NUL are dropped on the way,
 * so the input itself need not come back). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_codec.h"
#include "msg_user.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_codec.h\'s check, named after the codec. */
#define STABLE(name, type, decode, encode) FUZZ_STABLE(name, type, decode, encode, 32)

STABLE(chan_access_set_req, struct ik_chan_access_set_req, ik_chan_access_set_req_decode,
       ik_chan_access_set_req_encode)
STABLE(chan_access_get_req, struct ik_chan_access_get_req, ik_chan_access_get_req_decode,
       ik_chan_access_get_req_encode)
STABLE(chan_access, struct ik_chan_access, ik_chan_access_decode, ik_chan_access_encode)
STABLE(chan_info, struct ik_chan_info, ik_chan_info_decode, ik_chan_info_encode)
STABLE(user_access_set_req, struct ik_user_access_set_req, ik_user_access_set_req_decode,
       ik_user_access_set_req_encode)
STABLE(user_access_get_req, struct ik_user_access_get_req, ik_user_access_get_req_decode,
       ik_user_access_get_req_encode)
STABLE(user_access, struct ik_user_access, ik_user_access_decode, ik_user_access_encode)
STABLE(user_name_set_req, struct ik_user_name_set_req, ik_user_name_set_req_decode,
       ik_user_name_set_req_encode)
STABLE(user_name, struct ik_user_name, ik_user_name_decode, ik_user_name_encode)
STABLE(session_info_req, struct ik_session_info_req, ik_session_info_req_decode,
       ik_session_info_req_encode)
STABLE(session_info, struct ik_session_info, ik_session_info_decode, ik_session_info_encode)

/* Set User Password also exercises the length check on whatever decoded. */
static void user_password_req(const uint8_t *p, size_t n)
{
    struct ik_user_password_req v;
    uint8_t a[IK_USER_PW_REQ_MAX], b[IK_USER_PW_REQ_MAX];
    size_t na = 0, nb = 0;
    if (ik_user_password_req_decode(p, n, &v) != 0)
        return;
    bool ok = ik_user_password_req_len_ok(&v);
    if (ik_user_password_req_encode(&v, a, sizeof(a), &na) != 0 || na != n ||
        ik_user_password_req_decode(a, na, &v) != 0 || ok != ik_user_password_req_len_ok(&v) ||
        ik_user_password_req_encode(&v, b, sizeof(b), &nb) != 0 || na != nb ||
        memcmp(a, b, na) != 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void (*const codecs[])(const uint8_t *, size_t) = {
        chan_access_set_req, chan_access_get_req, chan_access,      chan_info,
        user_access_set_req, user_access_get_req, user_access,      user_name_set_req,
        user_name,           user_password_req,   session_info_req, session_info,
    };
    FUZZ_PICK(codecs, data, size);
    return 0;
}
