/* NetFn Transport (0Ch) command payload codecs (see msg_transport.h). */
#include "msg_transport.h"

#include <string.h>

#include "cursor.h"

/*
 * Set LAN Configuration Parameters request (IPMI 2.0 table 23-2):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] channel number
 *   1   1    parameter selector
 *   2   n    configuration parameter data (table 23-4), 1 byte and up
 */
int ik_lan_set_req_decode(const uint8_t *buf, size_t len, struct ik_lan_set_req *out)
{
    if (len < IK_LAN_SET_REQ_MIN)
        return IK_E_TRUNCATED;
    if (len - 2 > IK_LAN_PARAM_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_lan_set_req v;
    ik_rd_init(&r, buf, len);
    uint8_t ch = ik_rd_u8(&r);
    v.channel = ch & 0x0F;
    v.param = ik_rd_u8(&r);
    v.len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.len);
    if (ik_rd_end(&r))
        return r.err;
    if (ch & 0xF0)
        return IK_E_BADFIELD;
    *out = v;
    return 0;
}

int ik_lan_set_req_encode(const struct ik_lan_set_req *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    if (in->channel > 0x0F || in->len == 0 || in->len > IK_LAN_PARAM_MAX || !in->data)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->channel);
    ik_wr_u8(&w, in->param);
    ik_wr_bytes(&w, in->data, in->len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * Get LAN Configuration Parameters request (table 23-3):
 *   OFF SIZE FIELD
 *   0   1    [7] 1 = get parameter revision only, [6:4] reserved, [3:0] channel number
 *   1   1    parameter selector
 *   2   1    set selector (00h if the parameter has none)
 *   3   1    block selector (00h if the parameter has none)
 */
int ik_lan_get_req_decode(const uint8_t *buf, size_t len, struct ik_lan_get_req *out)
{
    if (len != IK_LAN_GET_REQ_LEN)
        return len < IK_LAN_GET_REQ_LEN ? IK_E_TRUNCATED : IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_lan_get_req v;
    ik_rd_init(&r, buf, len);
    uint8_t ch = ik_rd_u8(&r);
    v.revision_only = ch & 0x80;
    v.channel = ch & 0x0F;
    v.param = ik_rd_u8(&r);
    v.set_sel = ik_rd_u8(&r);
    v.block_sel = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    if (ch & 0x70)
        return IK_E_BADFIELD;
    *out = v;
    return 0;
}

int ik_lan_get_req_encode(const struct ik_lan_get_req *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    if (in->channel > 0x0F)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->revision_only ? 0x80 : 0) | in->channel));
    ik_wr_u8(&w, in->param);
    ik_wr_u8(&w, in->set_sel);
    ik_wr_u8(&w, in->block_sel);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/*
 * Get LAN Configuration Parameters response (table 23-3), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    parameter revision: [7:4] present revision, [3:0] oldest revision parameter
 *            is backward compatible with (11h for IPMI 2.0)
 *   1   n    configuration parameter data (table 23-4); absent for "revision only"
 */
int ik_lan_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_lan_get_rsp *out)
{
    if (len < IK_LAN_GET_RSP_MIN)
        return IK_E_TRUNCATED;
    if (len - 1 > IK_LAN_PARAM_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_lan_get_rsp v;
    ik_rd_init(&r, buf, len);
    v.revision = ik_rd_u8(&r);
    v.len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_lan_get_rsp_encode(const struct ik_lan_get_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    if (in->len > IK_LAN_PARAM_MAX || (in->len && !in->data))
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->revision);
    ik_wr_bytes(&w, in->data, in->len);
    if (w.err)
        return w.err;
    *written = w.off;
    return 0;
}

/* ---- parameter data (table 23-4) ------------------------------------------------------------ */

/*
 * Set in progress (parameter 0):
 *   OFF SIZE FIELD
 *   0   1    [7:2] reserved, [1:0] 00b set complete, 01b set in progress, 10b commit
 *            write, 11b reserved
 */
int ik_lan_set_in_progress_decode(const uint8_t *buf, size_t len,
                                  struct ik_lan_set_in_progress *out)
{
    int rc = ik_len_exact(len, IK_LAN_SET_IN_PROGRESS_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->state = b & 0x03;
    return 0;
}

int ik_lan_set_in_progress_encode(const struct ik_lan_set_in_progress *in, uint8_t *buf, size_t cap,
                                  size_t *written)
{
    if (in->state > 3)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->state);
    return ik_wr_finish(&w, written);
}

/*
 * Authentication type support (parameter 1):
 *   OFF SIZE FIELD
 *   0   1    [7:6] reserved, [5] OEM, [4] straight password, [3] reserved, [2] MD5,
 *            [1] MD2, [0] none
 */
int ik_lan_auth_types_decode(const uint8_t *buf, size_t len, struct ik_lan_auth_types *out)
{
    int rc = ik_len_exact(len, IK_LAN_AUTH_TYPES_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->types = b & IK_LAN_AUTH_ALL;
    return 0;
}

int ik_lan_auth_types_encode(const struct ik_lan_auth_types *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    if (in->types & ~IK_LAN_AUTH_ALL)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->types);
    return ik_wr_finish(&w, written);
}

/*
 * Authentication type enables (parameter 2):
 *   OFF SIZE FIELD
 *   0   1    callback level: the parameter 1 bits
 *   1   1    user level
 *   2   1    operator level
 *   3   1    administrator level
 *   4   1    OEM level
 */
int ik_lan_auth_enables_decode(const uint8_t *buf, size_t len, struct ik_lan_auth_enables *out)
{
    int rc = ik_len_exact(len, IK_LAN_AUTH_ENABLES_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_lan_auth_enables v;
    ik_rd_init(&r, buf, len);
    for (int i = 0; i < 5; i++)
        v.level[i] = ik_rd_u8(&r) & IK_LAN_AUTH_ALL;
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_lan_auth_enables_encode(const struct ik_lan_auth_enables *in, uint8_t *buf, size_t cap,
                               size_t *written)
{
    for (int i = 0; i < 5; i++)
        if (in->level[i] & ~IK_LAN_AUTH_ALL)
            return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_bytes(&w, in->level, 5);
    return ik_wr_finish(&w, written);
}

/*
 * IPv4 address (parameters 3 IP address, 6 subnet mask, 12 default gateway, 14 backup
 * gateway):
 *   OFF SIZE FIELD
 *   0   4    the address, MS byte first
 */
int ik_lan_ipv4_decode(const uint8_t *buf, size_t len, struct ik_lan_ipv4 *out)
{
    int rc = ik_len_exact(len, IK_LAN_IPV4_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_lan_ipv4 v;
    ik_rd_init(&r, buf, len);
    ik_rd_bytes(&r, v.addr, 4);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_lan_ipv4_encode(const struct ik_lan_ipv4 *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_bytes(&w, in->addr, 4);
    return ik_wr_finish(&w, written);
}

/*
 * IP address source (parameter 4):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] 0h unspecified, 1h static, 2h DHCP, 3h BIOS or system
 *            software, 4h other
 */
int ik_lan_ip_source_decode(const uint8_t *buf, size_t len, struct ik_lan_ip_source *out)
{
    int rc = ik_len_exact(len, IK_LAN_IP_SOURCE_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->source = b & 0x0F;
    return 0;
}

int ik_lan_ip_source_encode(const struct ik_lan_ip_source *in, uint8_t *buf, size_t cap,
                            size_t *written)
{
    if (in->source > 0x0F)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->source);
    return ik_wr_finish(&w, written);
}

/*
 * MAC address (parameters 5 MAC address, 13 default gateway MAC, 15 backup gateway MAC):
 *   OFF SIZE FIELD
 *   0   6    the address, MS byte first
 */
int ik_lan_mac_decode(const uint8_t *buf, size_t len, struct ik_lan_mac *out)
{
    int rc = ik_len_exact(len, IK_LAN_MAC_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_lan_mac v;
    ik_rd_init(&r, buf, len);
    ik_rd_bytes(&r, v.addr, 6);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_lan_mac_encode(const struct ik_lan_mac *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_bytes(&w, in->addr, 6);
    return ik_wr_finish(&w, written);
}

/*
 * RMCP+ messaging cipher suite entries (parameter 23):
 *   OFF SIZE FIELD
 *   0   1    reserved
 *   1   n    cipher suite ID entries, one byte each (n <= 16)
 */
int ik_lan_cipher_suites_decode(const uint8_t *buf, size_t len, struct ik_lan_cipher_suites *out)
{
    if (len < IK_LAN_CIPHER_SUITES_MIN)
        return IK_E_TRUNCATED;
    if (len > IK_LAN_CIPHER_SUITES_MAX)
        return IK_E_OVERSIZE;
    struct ik_rd r;
    struct ik_lan_cipher_suites v;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    ik_rd_skip(&r, 1); /* reserved */
    v.n = (uint8_t)ik_rd_left(&r);
    ik_rd_bytes(&r, v.ids, v.n);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_lan_cipher_suites_encode(const struct ik_lan_cipher_suites *in, uint8_t *buf, size_t cap,
                                size_t *written)
{
    if (in->n > 16)
        return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, 0);
    ik_wr_bytes(&w, in->ids, in->n);
    return ik_wr_finish(&w, written);
}

/*
 * RMCP+ messaging cipher suite privilege levels (parameter 24):
 *   OFF SIZE FIELD
 *   0   1    reserved
 *   1   8    [7:4] entry 2k+1, [3:0] entry 2k, for k = 0..7: the maximum privilege of the
 *            suite in entry i of parameter 23 (0h unused, 1h callback .. 5h OEM)
 */
int ik_lan_cipher_privs_decode(const uint8_t *buf, size_t len, struct ik_lan_cipher_privs *out)
{
    int rc = ik_len_exact(len, IK_LAN_CIPHER_PRIVS_LEN);
    if (rc)
        return rc;
    struct ik_rd r;
    struct ik_lan_cipher_privs v;
    ik_rd_init(&r, buf, len);
    ik_rd_skip(&r, 1); /* reserved */
    for (int i = 0; i < 16; i += 2) {
        uint8_t b = ik_rd_u8(&r);
        v.priv[i] = b & 0x0F;
        v.priv[i + 1] = b >> 4;
    }
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_lan_cipher_privs_encode(const struct ik_lan_cipher_privs *in, uint8_t *buf, size_t cap,
                               size_t *written)
{
    for (int i = 0; i < 16; i++)
        if (in->priv[i] > 0x0F)
            return IK_E_RANGE;
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, 0);
    for (int i = 0; i < 16; i += 2)
        ik_wr_u8(&w, (uint8_t)(in->priv[i] | in->priv[i + 1] << 4));
    return ik_wr_finish(&w, written);
}
