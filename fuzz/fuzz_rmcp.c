/* libFuzzer: every LAN framing decoder on one datagram (RMCP, ASF, 1.5 session, RMCP+
 * header, cipher-suite records, session-command data), with encode round trips. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cipher.h"
#include "lanmsg.h"
#include "rmcp.h"
#include "rmcpplus.h"
#include "session15.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ik_rmcp r;
    if (ik_rmcp_decode(data, size, &r) == 0 && r.body) {
        struct ik_asf a;
        struct ik_asf_pong p;
        if (ik_asf_decode(r.body, r.body_len, &a) == 0 && a.data)
            (void)ik_asf_pong_decode(a.data, a.data_len, &p);
    }
    struct ik_s15 s;
    if (ik_s15_decode(data, size, &s) == 0) {
        uint8_t out[IK_S15_MAX_DGRAM];
        size_t w;
        static const uint8_t pw[16] = "password";
        (void)ik_s15_verify(&s, pw);
        /* Re-encoding what decoded (without the pad byte) must fit and decode again. */
        if (s.auth_type != IK_AUTH_MD2 && s.auth_type != IK_AUTH_MD5 &&
            ik_s15_encode(s.auth_type, s.seq, s.sid, s.auth_code, s.msg, s.msg_len, out,
                          sizeof(out), &w) == 0 &&
            w != size - (s.legacy_pad ? 1 : 0))
            __builtin_trap();
    }
    struct ik_rp p;
    if (ik_rp_decode(data, size, &p) == 0) {
        static const struct ik_rp_keys keys[] = {
            {IK_INTEG_HMAC_SHA1_96, IK_CONF_AES_CBC_128, {1}, 20, {2}, {3}},
            {IK_INTEG_MD5_128, IK_CONF_NONE, {1}, 16, {2}, {3}},
            {IK_INTEG_NONE, IK_CONF_NONE, {0}, 0, {0}, {0}},
        };
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
            uint8_t plain[IK_RP_MAX_PAYLOAD];
            size_t n;
            enum ik_rp_reject why;
            if (ik_rp_open(&keys[i], data, size, &p, plain, sizeof(plain), &n, &why) == 0 &&
                n > p.payload_len)
                __builtin_trap();
        }
    }
    struct ik_cipher_suite cs[64];
    size_t n;
    (void)ik_cipher_records_decode(data, size, cs, 64, &n);
    struct ik_authcap ac;
    struct ik_chal_rsp ch;
    struct ik_act_rsp ar;
    struct ik_act_req aq;
    struct ik_close_req cq;
    struct ik_suites_req sq;
    (void)ik_authcap_decode(data, size, &ac);
    (void)ik_chal_rsp_decode(data, size, &ch);
    (void)ik_act_rsp_decode(data, size, &ar);
    (void)ik_act_req_decode(data, size, &aq);
    (void)ik_close_req_decode(data, size, &cq);
    (void)ik_suites_req_decode(data, size, &sq);
    return 0;
}
