/* NetFn App channel, user and session command payload codecs (see msg_user.h). */
#include "msg_user.h"

#include <string.h>

#include "cursor.h"

/* ---- Set / Get Channel Access ----------------------------------------------------------- */

/*
 * Set Channel Access request (IPMI 2.0 section 22.22, table 22-27):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] channel number
 *   1   1    [7:6] 00b leave, 01b set non-volatile, 10b set volatile, 11b reserved;
 *            [5] PEF alerting disabled, [4] per-message auth disabled,
 *            [3] user-level auth disabled, [2:0] access mode
 *   2   1    [7:6] as offset 1, for the limit; [5:4] reserved; [3:0] privilege limit
 */
int ik_chan_access_set_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_chan_access_set_req *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r), b1 = ik_rd_u8(&r), b2 = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    if ((b0 & 0xF0) || (b1 >> 6) == 3 || (b2 >> 6) == 3 || (b2 & 0x30))
        return IK_E_BADFIELD;
    out->channel = b0 & 0x0F;
    out->access_op = b1 >> 6;
    out->alerting_off = b1 & 0x20;
    out->per_msg_off = b1 & 0x10;
    out->user_auth_off = b1 & 0x08;
    out->mode = b1 & 0x07;
    out->priv_op = b2 >> 6;
    out->priv_limit = b2 & 0x0F;
    return 0;
}

int ik_chan_access_set_req_encode(const struct ik_chan_access_set_req *in, uint8_t *buf, size_t cap,
                                  size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || in->access_op > 2 || in->mode > 7 || in->priv_op > 2 ||
        in->priv_limit > 0x0F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->channel);
    ik_wr_u8(&w,
             (uint8_t)(in->access_op << 6 | (in->alerting_off ? 0x20 : 0) |
                       (in->per_msg_off ? 0x10 : 0) | (in->user_auth_off ? 0x08 : 0) | in->mode));
    ik_wr_u8(&w, (uint8_t)(in->priv_op << 6 | in->priv_limit));
    return ik_wr_finish(&w, written);
}

/*
 * Get Channel Access request (section 22.23, table 22-28):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] channel number
 *   1   1    [7:6] 01b non-volatile, 10b volatile (present) setting; 00b/11b reserved;
 *            [5:0] reserved
 */
int ik_chan_access_get_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_chan_access_get_req *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r), b1 = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    uint8_t which = b1 >> 6;
    if ((b0 & 0xF0) || (b1 & 0x3F) || (which != IK_CHACC_NONVOLATILE && which != IK_CHACC_VOLATILE))
        return IK_E_BADFIELD;
    out->channel = b0;
    out->which = which;
    return 0;
}

int ik_chan_access_get_req_encode(const struct ik_chan_access_get_req *in, uint8_t *buf, size_t cap,
                                  size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || (in->which != IK_CHACC_NONVOLATILE && in->which != IK_CHACC_VOLATILE))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->channel);
    ik_wr_u8(&w, (uint8_t)(in->which << 6));
    return ik_wr_finish(&w, written);
}

/*
 * Get Channel Access response (section 22.23, table 22-28), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    [7:6] reserved, [5] PEF alerting disabled, [4] per-message auth disabled,
 *            [3] user-level auth disabled, [2:0] access mode
 *   1   1    [7:4] reserved, [3:0] channel privilege limit
 */
int ik_chan_access_decode(const uint8_t *buf, size_t len, struct ik_chan_access *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r), b1 = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->alerting_off = b0 & 0x20;
    out->per_msg_off = b0 & 0x10;
    out->user_auth_off = b0 & 0x08;
    out->mode = b0 & 0x07;
    out->priv_limit = b1 & 0x0F;
    return 0;
}

int ik_chan_access_encode(const struct ik_chan_access *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    struct ik_wr w;
    if (in->mode > 7 || in->priv_limit > 0x0F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->alerting_off ? 0x20 : 0) | (in->per_msg_off ? 0x10 : 0) |
                           (in->user_auth_off ? 0x08 : 0) | in->mode));
    ik_wr_u8(&w, in->priv_limit);
    return ik_wr_finish(&w, written);
}

/* ---- Get Channel Info ------------------------------------------------------------------- */

/*
 * Get Channel Info response (section 22.24, table 22-29), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] actual channel number
 *   1   1    [7] reserved, [6:0] channel medium type (table 6-3)
 *   2   1    [7:5] reserved, [4:0] channel protocol type (table 6-2)
 *   3   1    [7:6] session support (00b session-less, 01b single, 10b multi, 11b
 *            session-based), [5:0] number of active sessions
 *   4   3    protocol vendor ID (IANA enterprise number), LS byte first
 *   7   2    auxiliary channel info (system interface: SMS / event message buffer
 *            interrupt types; else reserved)
 */
int ik_chan_info_decode(const uint8_t *buf, size_t len, struct ik_chan_info *out)
{
    struct ik_rd r;
    struct ik_chan_info v;
    ik_rd_init(&r, buf, len);
    v.channel = ik_rd_u8(&r) & 0x0F;
    v.medium = ik_rd_u8(&r) & 0x7F;
    v.protocol = ik_rd_u8(&r) & 0x1F;
    uint8_t b3 = ik_rd_u8(&r);
    v.session_support = b3 >> 6;
    v.active_sessions = b3 & 0x3F;
    v.vendor_iana = ik_rd_le24(&r);
    ik_rd_bytes(&r, v.aux, sizeof(v.aux));
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_chan_info_encode(const struct ik_chan_info *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || in->medium > 0x7F || in->protocol > 0x1F || in->session_support > 3 ||
        in->active_sessions > 0x3F || in->vendor_iana > 0xFFFFFF)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->channel);
    ik_wr_u8(&w, in->medium);
    ik_wr_u8(&w, in->protocol);
    ik_wr_u8(&w, (uint8_t)(in->session_support << 6 | in->active_sessions));
    ik_wr_le24(&w, in->vendor_iana);
    ik_wr_bytes(&w, in->aux, sizeof(in->aux));
    return ik_wr_finish(&w, written);
}

/* ---- Set / Get User Access -------------------------------------------------------------- */

/*
 * Set User Access request (section 22.26, its command table):
 *   OFF SIZE FIELD
 *   0   1    [7] change bits 6:4, [6] restricted to callback, [5] link auth enabled,
 *            [4] IPMI messaging enabled, [3:0] channel number
 *   1   1    [7:6] reserved, [5:0] user ID
 *   2   1    [7:4] reserved, [3:0] user privilege limit (0Fh: no access)
 *   3   1    optional: [7:4] reserved, [3:0] simultaneous session limit
 */
int ik_user_access_set_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_user_access_set_req *out)
{
    struct ik_rd r;
    struct ik_user_access_set_req v;
    if (len < IK_USER_ACCESS_SET_REQ_MIN)
        return IK_E_TRUNCATED;
    if (len > IK_USER_ACCESS_SET_REQ_MAX)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r), b1 = ik_rd_u8(&r), b2 = ik_rd_u8(&r);
    v.has_session_limit = ik_rd_left(&r) != 0;
    uint8_t b3 = v.has_session_limit ? ik_rd_u8(&r) : 0;
    if (ik_rd_end(&r))
        return r.err;
    if ((b1 & 0xC0) || (b2 & 0xF0) || (b3 & 0xF0))
        return IK_E_BADFIELD;
    v.change_bits = b0 & 0x80;
    v.callback_only = b0 & 0x40;
    v.link_auth = b0 & 0x20;
    v.ipmi_messaging = b0 & 0x10;
    v.channel = b0 & 0x0F;
    v.user_id = b1;
    v.priv_limit = b2;
    v.session_limit = b3;
    *out = v;
    return 0;
}

int ik_user_access_set_req_encode(const struct ik_user_access_set_req *in, uint8_t *buf, size_t cap,
                                  size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || in->user_id > 0x3F || in->priv_limit > 0x0F ||
        (in->has_session_limit && in->session_limit > 0x0F))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w,
             (uint8_t)((in->change_bits ? 0x80 : 0) | (in->callback_only ? 0x40 : 0) |
                       (in->link_auth ? 0x20 : 0) | (in->ipmi_messaging ? 0x10 : 0) | in->channel));
    ik_wr_u8(&w, in->user_id);
    ik_wr_u8(&w, in->priv_limit);
    if (in->has_session_limit)
        ik_wr_u8(&w, in->session_limit);
    return ik_wr_finish(&w, written);
}

/*
 * Get User Access request (section 22.27, its command table):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] channel number
 *   1   1    [7:6] reserved, [5:0] user ID
 */
int ik_user_access_get_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_user_access_get_req *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r), b1 = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->channel = b0 & 0x0F;
    out->user_id = b1 & 0x3F;
    return 0;
}

int ik_user_access_get_req_encode(const struct ik_user_access_get_req *in, uint8_t *buf, size_t cap,
                                  size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || in->user_id > 0x3F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->channel);
    ik_wr_u8(&w, in->user_id);
    return ik_wr_finish(&w, written);
}

/*
 * Get User Access response (section 22.27, its command table), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    [7:6] reserved, [5:0] maximum number of user IDs
 *   1   1    [7:6] user ID enable status (00b unspecified, 01b enabled, 10b disabled),
 *            [5:0] count of enabled user IDs
 *   2   1    [7:6] reserved, [5:0] count of user IDs with fixed names
 *   3   1    [7] reserved, [6] restricted to callback, [5] link auth enabled,
 *            [4] IPMI messaging enabled, [3:0] user privilege limit
 */
int ik_user_access_decode(const uint8_t *buf, size_t len, struct ik_user_access *out)
{
    struct ik_rd r;
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r), b1 = ik_rd_u8(&r), b2 = ik_rd_u8(&r), b3 = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    out->max_ids = b0 & 0x3F;
    out->enable_status = b1 >> 6;
    out->enabled_ids = b1 & 0x3F;
    out->fixed_ids = b2 & 0x3F;
    out->callback_only = b3 & 0x40;
    out->link_auth = b3 & 0x20;
    out->ipmi_messaging = b3 & 0x10;
    out->priv_limit = b3 & 0x0F;
    return 0;
}

int ik_user_access_encode(const struct ik_user_access *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    struct ik_wr w;
    if (in->max_ids > 0x3F || in->enable_status > 3 || in->enabled_ids > 0x3F ||
        in->fixed_ids > 0x3F || in->priv_limit > 0x0F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->max_ids);
    ik_wr_u8(&w, (uint8_t)(in->enable_status << 6 | in->enabled_ids));
    ik_wr_u8(&w, in->fixed_ids);
    ik_wr_u8(&w, (uint8_t)((in->callback_only ? 0x40 : 0) | (in->link_auth ? 0x20 : 0) |
                           (in->ipmi_messaging ? 0x10 : 0) | in->priv_limit));
    return ik_wr_finish(&w, written);
}

/* ---- Set / Get User Name ---------------------------------------------------------------- */

/*
 * Set User Name request (section 22.28, its command table):
 *   OFF SIZE FIELD
 *   0   1    [7:6] reserved, [5:0] user ID
 *   1   16   user name, ASCII, zero padded
 */
int ik_user_name_set_req_decode(const uint8_t *buf, size_t len, struct ik_user_name_set_req *out)
{
    struct ik_rd r;
    uint8_t name[IK_USER_NAME_LEN];
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r);
    ik_rd_bytes(&r, name, sizeof(name));
    if (ik_rd_end(&r))
        return r.err;
    size_t n = strnlen((const char *)name, sizeof(name));
    for (size_t i = n; i < sizeof(name); i++)
        if (name[i])
            return IK_E_BADFIELD; /* a NUL inside the name */
    if (b0 & 0xC0)
        return IK_E_BADFIELD;
    out->user_id = b0;
    memcpy(out->name, name, n);
    out->name[n] = '\0';
    return 0;
}

int ik_user_name_set_req_encode(const struct ik_user_name_set_req *in, uint8_t *buf, size_t cap,
                                size_t *written)
{
    struct ik_wr w;
    size_t n = strnlen(in->name, sizeof(in->name));
    if (in->user_id > 0x3F || n > IK_USER_NAME_LEN)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->user_id);
    ik_wr_bytes(&w, in->name, n);
    ik_wr_fill(&w, 0, IK_USER_NAME_LEN - n);
    return ik_wr_finish(&w, written);
}

/*
 * Get User Name response (section 22.29, its command table), after the completion code:
 *   OFF SIZE FIELD
 *   0   16   user name, ASCII, zero padded (up to the first NUL)
 */
int ik_user_name_decode(const uint8_t *buf, size_t len, struct ik_user_name *out)
{
    struct ik_rd r;
    uint8_t name[IK_USER_NAME_LEN];
    ik_rd_init(&r, buf, len);
    ik_rd_bytes(&r, name, sizeof(name));
    if (ik_rd_end(&r))
        return r.err;
    size_t n = strnlen((const char *)name, sizeof(name));
    memcpy(out->name, name, n);
    out->name[n] = '\0';
    return 0;
}

int ik_user_name_encode(const struct ik_user_name *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    size_t n = strnlen(in->name, sizeof(in->name));
    if (n > IK_USER_NAME_LEN)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_bytes(&w, in->name, n);
    ik_wr_fill(&w, 0, IK_USER_NAME_LEN - n);
    return ik_wr_finish(&w, written);
}

/* ---- Set User Password ------------------------------------------------------------------ */

/*
 * Set User Password request (section 22.30, its command table):
 *   OFF SIZE FIELD
 *   0   1    [7] password size: 1 = 20 bytes, 0 = 16 bytes; [6] reserved; [5:0] user ID
 *   1   1    [7:2] reserved, [1:0] operation (00b disable user, 01b enable user,
 *            10b set password, 11b test password)
 *   2   16/20 password, zero padded (set and test; optional for enable / disable)
 */
int ik_user_password_req_decode(const uint8_t *buf, size_t len, struct ik_user_password_req *out)
{
    struct ik_rd r;
    struct ik_user_password_req v;
    if (len < IK_USER_PW_REQ_MIN)
        return IK_E_TRUNCATED;
    if (len > IK_USER_PW_REQ_MAX)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    uint8_t b0 = ik_rd_u8(&r), b1 = ik_rd_u8(&r);
    v.password_len = (uint8_t)ik_rd_left(&r);
    ik_rd_bytes(&r, v.password, v.password_len);
    if (ik_rd_end(&r))
        return r.err;
    if ((b0 & 0x40) || (b1 & 0xFC))
        return IK_E_BADFIELD;
    v.twenty = b0 & 0x80;
    v.user_id = b0 & 0x3F;
    v.op = b1;
    *out = v;
    return 0;
}

int ik_user_password_req_encode(const struct ik_user_password_req *in, uint8_t *buf, size_t cap,
                                size_t *written)
{
    struct ik_wr w;
    if (in->user_id > 0x3F || in->op > 3 || in->password_len > IK_USER_PW_MAX)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->twenty ? 0x80 : 0) | in->user_id));
    ik_wr_u8(&w, in->op);
    ik_wr_bytes(&w, in->password, in->password_len);
    return ik_wr_finish(&w, written);
}

bool ik_user_password_req_len_ok(const struct ik_user_password_req *q)
{
    size_t size = q->twenty ? 20 : 16;
    if (q->op == IK_USER_PW_SET || q->op == IK_USER_PW_TEST)
        return q->password_len == size;
    return q->password_len == 0 || q->password_len == size;
}

/* ---- Get Session Info ------------------------------------------------------------------- */

/*
 * Get Session Info request (section 22.20, its command table):
 *   OFF SIZE FIELD
 *   0   1    session index: 00h this session, 01h-3Fh the Nth active session,
 *            FEh by handle, FFh by session ID; 40h-FDh reserved
 *   1   1    session handle (index FEh only)
 *   1   4    session ID, LS byte first (index FFh only)
 */
int ik_session_info_req_decode(const uint8_t *buf, size_t len, struct ik_session_info_req *out)
{
    struct ik_rd r;
    struct ik_session_info_req v = {0, 0, 0};
    ik_rd_init(&r, buf, len);
    v.index = ik_rd_u8(&r);
    if (ik_rd_error(&r))
        return r.err;
    if (v.index > IK_SESSINFO_NTH_MAX && v.index < IK_SESSINFO_BY_HANDLE)
        return IK_E_BADFIELD;
    if (v.index == IK_SESSINFO_BY_HANDLE)
        v.handle = ik_rd_u8(&r);
    else if (v.index == IK_SESSINFO_BY_ID)
        v.session_id = ik_rd_le32(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_session_info_req_encode(const struct ik_session_info_req *in, uint8_t *buf, size_t cap,
                               size_t *written)
{
    struct ik_wr w;
    if (in->index > IK_SESSINFO_NTH_MAX && in->index < IK_SESSINFO_BY_HANDLE)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->index);
    if (in->index == IK_SESSINFO_BY_HANDLE)
        ik_wr_u8(&w, in->handle);
    else if (in->index == IK_SESSINFO_BY_ID)
        ik_wr_le32(&w, in->session_id);
    return ik_wr_finish(&w, written);
}

/*
 * Get Session Info response (section 22.20, its command table), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    session handle (00h: no active session matched; the answer ends at 3)
 *   1   1    [7:6] reserved, [5:0] number of possible active sessions
 *   2   1    [7:6] reserved, [5:0] number of currently active sessions
 *   3   1    [7:6] reserved, [5:0] user ID
 *   4   1    [7:4] reserved, [3:0] operating privilege level
 *   5   1    [7:4] session protocol auxiliary data (0h IPMI 1.5, 1h IPMI 2.0/RMCP+),
 *            [3:0] channel number
 *   -- 802.3 LAN channel (18 bytes):
 *   6   4    console IP address, MS byte first
 *   10  6    console MAC address
 *   16  2    console port, LS byte first (as ipmitool and bmcd have always read it)
 *   -- serial/modem channel (12 or 14 bytes):
 *   6   1    session/channel activity type
 *   7   1    destination selector
 *   8   4    console IP address (PPP), MS byte first
 *   12  2    console port (PPP, optional), LS byte first
 * Other channel types stop at 6 bytes.
 */
int ik_session_info_decode(const uint8_t *buf, size_t len, struct ik_session_info *out)
{
    struct ik_rd r;
    struct ik_session_info v;
    if (len > IK_SESSINFO_MAX)
        return IK_E_OVERSIZE;
    if (len != IK_SESSINFO_NONE_LEN && len != IK_SESSINFO_BASE_LEN &&
        len != IK_SESSINFO_SERIAL_LEN && len != IK_SESSINFO_SERIAL_PORT_LEN &&
        len != IK_SESSINFO_LAN_LEN)
        return IK_E_TRUNCATED; /* an answer cut short of one of its forms */
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    v.handle = ik_rd_u8(&r);
    v.slots = ik_rd_u8(&r) & 0x3F;
    v.active = ik_rd_u8(&r) & 0x3F;
    if (ik_rd_left(&r)) {
        v.has_session = true;
        v.user_id = ik_rd_u8(&r) & 0x3F;
        v.priv = ik_rd_u8(&r) & 0x0F;
        uint8_t b5 = ik_rd_u8(&r);
        v.protocol = b5 >> 4;
        v.channel = b5 & 0x0F;
    }
    if (len == IK_SESSINFO_LAN_LEN) {
        v.media = IK_SESSINFO_LAN;
        ik_rd_bytes(&r, v.ip, sizeof(v.ip));
        ik_rd_bytes(&r, v.mac, sizeof(v.mac));
        v.has_port = true;
        v.port = ik_rd_le16(&r);
    } else if (len >= IK_SESSINFO_SERIAL_LEN) {
        v.media = IK_SESSINFO_SERIAL;
        v.activity = ik_rd_u8(&r);
        v.dest = ik_rd_u8(&r);
        ik_rd_bytes(&r, v.ip, sizeof(v.ip));
        if (ik_rd_left(&r)) {
            v.has_port = true;
            v.port = ik_rd_le16(&r);
        }
    }
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_session_info_encode(const struct ik_session_info *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    if (in->slots > 0x3F || in->active > 0x3F)
        return IK_E_RANGE;
    if (in->has_session &&
        (in->user_id > 0x3F || in->priv > 0x0F || in->protocol > 0x0F || in->channel > 0x0F ||
         in->media > IK_SESSINFO_SERIAL || (in->media == IK_SESSINFO_LAN && !in->has_port)))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->handle);
    ik_wr_u8(&w, in->slots);
    ik_wr_u8(&w, in->active);
    if (in->has_session) {
        ik_wr_u8(&w, in->user_id);
        ik_wr_u8(&w, in->priv);
        ik_wr_u8(&w, (uint8_t)(in->protocol << 4 | in->channel));
        if (in->media == IK_SESSINFO_LAN) {
            ik_wr_bytes(&w, in->ip, sizeof(in->ip));
            ik_wr_bytes(&w, in->mac, sizeof(in->mac));
            ik_wr_le16(&w, in->port);
        } else if (in->media == IK_SESSINFO_SERIAL) {
            ik_wr_u8(&w, in->activity);
            ik_wr_u8(&w, in->dest);
            ik_wr_bytes(&w, in->ip, sizeof(in->ip));
            if (in->has_port)
                ik_wr_le16(&w, in->port);
        }
    }
    return ik_wr_finish(&w, written);
}
