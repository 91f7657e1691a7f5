/*
 * NetFn App (06h), user group: Set/Get User Access, Set/Get User Name, Set User Password,
 * Set/Get User Payload Access (IPMI 2.0 sections 22.26-22.30, 24.6-24.7), and the users'
 * lockout after failed logins.
 *
 * Users are IDs 1..16. User 1 is the null user: its name is fixed and empty. Access is
 * kept for the LAN channel only (the system interface is sessionless and has no users);
 * a request for another channel gets CCh. Every change is written to the store before the
 * response says it happened; if the store refuses, nothing changes and the answer is FFh.
 */
#include "bmc_int.h"

#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "cursor.h"
#include "ipmikit/error.h"
#include "msg_user.h"

#define NETFN_APP 0x06

#define USERS (&bmc->acc.users)

static bool uid_valid(uint8_t uid)
{
    return uid >= 1 && uid <= IK_ACCESS_MAX_USERS;
}

static bool priv_valid(uint8_t p)
{
    return (p >= IK_PRIV_CALLBACK && p <= IK_PRIV_OEM) || p == IK_PRIV_NO_ACCESS;
}

uint8_t ik_acc_user_find(const struct ik_bmc *bmc, const uint8_t *name, size_t len)
{
    if (len == 0)
        return 1;
    if (len > IK_ACCESS_NAME_LEN)
        return 0;
    for (uint8_t id = 2; id <= IK_ACCESS_MAX_USERS; id++) {
        const struct ik_machine_user *u = &bmc->acc.users.v[id].u;
        if (u->defined && strlen(u->name) == len && memcmp(u->name, name, len) == 0)
            return id;
    }
    return 0;
}

const struct ik_bmc_user *ik_acc_user(const struct ik_bmc *bmc, uint8_t uid)
{
    return uid_valid(uid) ? &bmc->acc.users.v[uid] : NULL;
}

const char *ik_acc_logname(const char *name, char out[IK_ACC_LOGNAME_LEN])
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (size_t i = 0; name[i] && i < IK_ACCESS_NAME_LEN; i++) {
        unsigned char c = (unsigned char)name[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '_' || c == '-' || c == '@') {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
    return out;
}

/* ---- lockout ------------------------------------------------------------------------- */

bool ik_acc_user_locked(const struct ik_bmc *bmc, uint8_t uid)
{
    const struct ik_bmc_user *u = ik_acc_user(bmc, uid);
    return u && u->locked_until && bmc->now < u->locked_until;
}

void ik_acc_login_failed(struct ik_bmc *bmc, uint8_t uid, const char *how)
{
    struct ik_bmc_user *u = uid_valid(uid) ? &USERS->v[uid] : NULL;
    const struct ik_machine_security *pol = &bmc->acc.sec.pol;
    bmc->acc.lan.stats.login_failures++;
    if (!u)
        return;
    ik_time_us now = bmc->now;
    /* The count restarts when the reset interval passed since the first failure. */
    if (u->fails && pol->lockout_window_s &&
        now - u->first_fail >= (ik_time_us)pol->lockout_window_s * IK_US_PER_S)
        u->fails = 0;
    if (u->fails == 0)
        u->first_fail = now;
    if (u->fails < 255)
        u->fails++;
    char ln[IK_ACC_LOGNAME_LEN];
    ik_bmc_log(bmc, "event=login_failed uid=%u user=%s how=%s count=%u", uid,
               ik_acc_logname(u->u.name, ln), how, u->fails);
    if (pol->lockout_attempts && u->fails >= pol->lockout_attempts) {
        /* An interval of 0 locks until a client re-enables the user (Set User Password). */
        u->locked_until =
            pol->lockout_s ? now + (ik_time_us)pol->lockout_s * IK_US_PER_S : UINT64_MAX;
        u->fails = 0;
        bmc->acc.lan.stats.lockouts++;
        ik_bmc_log(bmc, "event=user_locked uid=%u user=%s seconds=%u", uid, ln, pol->lockout_s);
    }
}

void ik_acc_login_ok(struct ik_bmc *bmc, uint8_t uid)
{
    if (uid_valid(uid))
        USERS->v[uid].fails = 0;
}

uint8_t ik_bmc_default_password_user(const struct ik_bmc *bmc)
{
    uint8_t want[IK_ACCESS_PASSWORD_LEN] = {0};
    memcpy(want, IK_ACCESS_DEFAULT_PASSWORD, strlen(IK_ACCESS_DEFAULT_PASSWORD));
    for (uint8_t id = 1; id <= IK_ACCESS_MAX_USERS; id++) {
        const struct ik_machine_user *u = &bmc->acc.users.v[id].u;
        if (u->defined && u->enabled && ik_ct_equal(u->password, want, sizeof(want)))
            return id;
    }
    return 0;
}

/* ---- persistence --------------------------------------------------------------------- */

/*
 * Stored user, key "user/<id>" (44 bytes):
 *   OFF SIZE FIELD
 *   0   1    format version (1)
 *   1   1    [0] defined [1] enabled [2] IPMI messaging [3] link auth [4] callback only
 *   2   1    LAN channel privilege limit (1-5, 0Fh)
 *   3   1    session limit (0 = channel limit only)
 *   4   1    password size: 16 or 20
 *   5   1    name length (0-16)
 *   6   16   name, zero padded
 *   22  20   password, zero padded
 *   42  1    standard payload enables (types 1-7 in bits 1-7)
 *   43  1    OEM payload enables (20h-27h)
 */
#define USER_BLOB_LEN 44

static void user_encode(const struct ik_bmc_user *bu, uint8_t out[USER_BLOB_LEN])
{
    const struct ik_machine_user *u = &bu->u;
    struct ik_wr w;
    size_t nl = strlen(u->name);
    ik_wr_init(&w, out, USER_BLOB_LEN);
    ik_wr_u8(&w, 1);
    ik_wr_u8(&w, (uint8_t)(u->defined | u->enabled << 1 | u->ipmi_messaging << 2 |
                           u->link_auth << 3 | u->callback_only << 4));
    ik_wr_u8(&w, u->priv);
    ik_wr_u8(&w, u->session_limit);
    ik_wr_u8(&w, u->password_size);
    ik_wr_u8(&w, (uint8_t)nl);
    ik_wr_bytes(&w, u->name, nl);
    ik_wr_fill(&w, 0, IK_ACCESS_NAME_LEN - nl);
    ik_wr_bytes(&w, u->password, IK_ACCESS_PASSWORD_LEN);
    ik_wr_u8(&w, bu->payload_std);
    ik_wr_u8(&w, bu->payload_oem);
}

static int user_decode(const uint8_t *buf, size_t len, struct ik_bmc_user *out)
{
    struct ik_rd r;
    struct ik_bmc_user bu;
    uint8_t name[IK_ACCESS_NAME_LEN];
    memset(&bu, 0, sizeof(bu));
    ik_rd_init(&r, buf, len);
    if (ik_rd_u8(&r) != 1)
        return IK_E_UNSUPPORTED;
    uint8_t flags = ik_rd_u8(&r);
    bu.u.priv = ik_rd_u8(&r);
    bu.u.session_limit = ik_rd_u8(&r);
    bu.u.password_size = ik_rd_u8(&r);
    uint8_t nl = ik_rd_u8(&r);
    ik_rd_bytes(&r, name, sizeof(name));
    ik_rd_bytes(&r, bu.u.password, IK_ACCESS_PASSWORD_LEN);
    bu.payload_std = ik_rd_u8(&r);
    bu.payload_oem = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return IK_E_CORRUPT;
    if (nl > IK_ACCESS_NAME_LEN || memchr(name, 0, nl) || !priv_valid(bu.u.priv) ||
        (bu.u.password_size != 16 && bu.u.password_size != 20) || (flags & 0xE0) ||
        bu.u.session_limit > IK_ACCESS_MAX_SESSIONS)
        return IK_E_CORRUPT;
    memcpy(bu.u.name, name, nl);
    bu.u.name[nl] = '\0';
    bu.u.defined = flags & 1;
    bu.u.enabled = flags & 2;
    bu.u.ipmi_messaging = flags & 4;
    bu.u.link_auth = flags & 8;
    bu.u.callback_only = flags & 16;
    *out = bu;
    return 0;
}

/* Write user uid as it would be after the change in *nu; apply it only once stored.
 * Returns the completion code. */
static uint8_t user_commit(struct ik_bmc *bmc, uint8_t uid, const struct ik_bmc_user *nu)
{
    uint8_t blob[USER_BLOB_LEN];
    char key[16];
    snprintf(key, sizeof(key), "user/%u", uid);
    user_encode(nu, blob);
    int rc = ik_acc_persist(bmc, key, blob, sizeof(blob));
    ik_cleanse(blob, sizeof(blob));
    if (rc)
        return 0xFF; /* unspecified error: the change was not stored, so not made */
    struct ik_bmc_user *u = &USERS->v[uid];
    u->u = nu->u;
    u->payload_std = nu->payload_std;
    u->payload_oem = nu->payload_oem;
    return 0;
}

static int user_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    unsigned uid;
    char extra;
    struct ik_bmc_user bu;
    if (sscanf(key, "user/%u%c", &uid, &extra) != 1 || !uid_valid((uint8_t)uid) || uid > 255)
        return IK_E_CORRUPT;
    int rc = user_decode(val, len, &bu);
    if (rc)
        return rc;
    /* User 1's name is fixed and empty whatever was stored. */
    if (uid == 1)
        bu.u.name[0] = '\0';
    USERS->v[uid].u = bu.u;
    USERS->v[uid].payload_std = bu.payload_std;
    USERS->v[uid].payload_oem = bu.payload_oem;
    ik_cleanse(&bu, sizeof(bu));
    return 0;
}

static int user_init(struct ik_bmc *bmc)
{
    struct ik_machine_access a;
    ik_acc_desc(bmc, &a);
    memset(USERS, 0, sizeof(*USERS));
    for (uint8_t id = 1; id <= IK_ACCESS_MAX_USERS; id++) {
        USERS->v[id].u = a.users[id];
        if (USERS->v[id].u.password_size != 20)
            USERS->v[id].u.password_size = 16;
        if (!priv_valid(USERS->v[id].u.priv))
            USERS->v[id].u.priv = IK_PRIV_NO_ACCESS;
    }
    USERS->v[1].u.defined = true;
    USERS->v[1].u.name[0] = '\0';
    ik_cleanse(&a, sizeof(a));
    return 0;
}

static void user_fini(struct ik_bmc *bmc)
{
    ik_cleanse(USERS, sizeof(*USERS));
}

/* An empty slot that a client starts to fill in becomes a user that may use IPMI
 * messaging (what `ipmitool user set name / set password / priv / enable` expects), with
 * no access until a privilege is given. */
static void define_user(struct ik_bmc_user *nu)
{
    if (nu->u.defined)
        return;
    nu->u.defined = true;
    nu->u.ipmi_messaging = true;
    nu->u.link_auth = true;
    nu->u.priv = IK_PRIV_NO_ACCESS;
}

/* ---- commands ------------------------------------------------------------------------ */

/* The LAN channel named by a request byte, or 0 (then rsp->cc is set). */
static uint8_t lan_channel(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, uint8_t raw,
                           struct ik_bmc_rsp *rsp)
{
    uint8_t ch = ik_acc_channel_resolve(ctx, raw);
    if (ch != bmc->acc.chan.number) {
        rsp->cc = 0xCC; /* invalid data field: no users on that channel */
        return 0;
    }
    return ch;
}

/*
 * Set User Access (section 22.26; payload in lib/msg_user.h): the privilege limit, the
 * flags when the request says to change them, and the session limit when present.
 */
static void set_user_access(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                            const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_user_access_set_req q;
    if (ik_user_access_set_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xCC; /* reserved bits set (the engine bounds the length) */
        return;
    }
    if (!lan_channel(bmc, ctx, q.channel, rsp))
        return;
    if (!uid_valid(q.user_id) || !priv_valid(q.priv_limit)) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t uid = q.user_id, priv = q.priv_limit;
    struct ik_bmc_user nu = USERS->v[uid];
    define_user(&nu);
    if (q.change_bits) {
        nu.u.callback_only = q.callback_only;
        nu.u.link_auth = q.link_auth;
        nu.u.ipmi_messaging = q.ipmi_messaging;
    }
    nu.u.priv = priv;
    if (q.has_session_limit)
        nu.u.session_limit = q.session_limit;
    rsp->cc = user_commit(bmc, uid, &nu);
    ik_cleanse(&nu, sizeof(nu));
    if (rsp->cc == 0)
        ik_bmc_log(bmc, "event=user_access uid=%u priv=%u ipmi=%u callback_only=%u", uid, priv,
                   USERS->v[uid].u.ipmi_messaging, USERS->v[uid].u.callback_only);
}

/*
 * Get User Access (section 22.27; payloads in lib/msg_user.h): 16 user IDs, the enabled
 * count, one fixed name (user 1), and this user's flags and LAN privilege limit.
 */
static void get_user_access(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                            const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_user_access_get_req q;
    if (ik_user_access_get_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the engine passes exactly 2 bytes */
        return;
    }
    if (!lan_channel(bmc, ctx, q.channel, rsp))
        return;
    if (!uid_valid(q.user_id)) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t enabled = 0;
    for (uint8_t id = 1; id <= IK_ACCESS_MAX_USERS; id++)
        enabled += USERS->v[id].u.defined && USERS->v[id].u.enabled;
    const struct ik_machine_user *u = &USERS->v[q.user_id].u;
    struct ik_user_access v = {
        .max_ids = IK_ACCESS_MAX_USERS,
        .enable_status = u->enabled ? IK_USER_STATUS_ENABLED : IK_USER_STATUS_DISABLED,
        .enabled_ids = enabled,
        .fixed_ids = 1,
        .callback_only = u->callback_only,
        .link_auth = u->link_auth,
        .ipmi_messaging = u->ipmi_messaging,
        .priv_limit = u->defined ? u->priv : IK_PRIV_NO_ACCESS,
    };
    size_t n = 0;
    if (ik_user_access_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: stored privileges are validated on load */
        return;
    }
    rsp->len = n;
}

/* Set User Name (section 22.28; payload in lib/msg_user.h). */
static void set_user_name(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_user_name_set_req q;
    /* User 1's name is fixed; reserved bits and a NUL inside the name are refused by the
     * decoder. */
    if (ik_user_name_set_req_decode(req->data, req->len, &q) != 0 || !uid_valid(q.user_id) ||
        q.user_id == 1) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t uid = q.user_id;
    size_t nl = strlen(q.name);
    uint8_t other = nl ? ik_acc_user_find(bmc, (const uint8_t *)q.name, nl) : 0;
    if (other && other != uid) {
        rsp->cc = 0xCC; /* two users with one name could not both log in */
        return;
    }
    struct ik_bmc_user nu = USERS->v[uid];
    define_user(&nu);
    memcpy(nu.u.name, q.name, nl + 1);
    rsp->cc = user_commit(bmc, uid, &nu);
    ik_cleanse(&nu, sizeof(nu));
    if (rsp->cc == 0) {
        char ln[IK_ACC_LOGNAME_LEN];
        ik_bmc_log(bmc, "event=user_name uid=%u user=%s", uid,
                   ik_acc_logname(USERS->v[uid].u.name, ln));
    }
}

/* Get User Name (section 22.29; response in lib/msg_user.h): 0 [5:0] user ID. */
static void get_user_name(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    uint8_t uid = req->data[0] & 0x3F;
    if (!uid_valid(uid) || (req->data[0] & 0xC0)) {
        rsp->cc = 0xCC;
        return;
    }
    struct ik_user_name v;
    memcpy(v.name, USERS->v[uid].u.name, sizeof(v.name));
    size_t n = 0;
    if (ik_user_name_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: names are at most 16 bytes */
        return;
    }
    rsp->len = n;
}

/*
 * Set User Password (section 22.30; payload in lib/msg_user.h): disable, enable, set or
 * test. Test answers 80h (wrong password) or 81h (stored with the other size).
 */
static void set_user_password(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                              const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_user_password_req q;
    if (ik_user_password_req_decode(req->data, req->len, &q) != 0 || !uid_valid(q.user_id)) {
        rsp->cc = 0xCC; /* reserved bits set (the engine bounds the length) */
        ik_cleanse(&q, sizeof(q));
        return;
    }
    if (!ik_user_password_req_len_ok(&q)) {
        rsp->cc = 0xC7; /* password data length does not match the size bit */
        ik_cleanse(&q, sizeof(q));
        return;
    }
    uint8_t uid = q.user_id, op = q.op;
    size_t size = q.twenty ? 20 : 16;
    struct ik_bmc_user *u = &USERS->v[uid];
    if (op == IK_USER_PW_TEST) {
        uint8_t pw[IK_ACCESS_PASSWORD_LEN] = {0};
        memcpy(pw, q.password, size);
        int same = ik_ct_equal(pw, u->u.password, IK_ACCESS_PASSWORD_LEN);
        ik_cleanse(pw, sizeof(pw));
        ik_cleanse(&q, sizeof(q));
        if (u->u.password_size != size)
            rsp->cc = 0x81; /* wrong password size */
        else if (!same)
            rsp->cc = 0x80; /* password test failed */
        return;
    }
    struct ik_bmc_user nu = *u;
    define_user(&nu);
    if (op == IK_USER_PW_SET) {
        memset(nu.u.password, 0, sizeof(nu.u.password));
        memcpy(nu.u.password, q.password, size);
        nu.u.password_size = (uint8_t)size;
    } else {
        nu.u.enabled = op == IK_USER_PW_ENABLE;
    }
    ik_cleanse(&q, sizeof(q));
    rsp->cc = user_commit(bmc, uid, &nu);
    ik_cleanse(&nu, sizeof(nu));
    if (rsp->cc)
        return;
    /* Enabling a user, or giving it a new password, ends a lockout. */
    if (op >= IK_USER_PW_ENABLE) {
        u->locked_until = 0;
        u->fails = 0;
    }
    static const char *const what[] = {"disabled", "enabled", "password_set"};
    char ln[IK_ACC_LOGNAME_LEN];
    ik_bmc_log(bmc, "event=user_%s uid=%u user=%s", what[op], uid, ik_acc_logname(u->u.name, ln));
}

/*
 * Set User Payload Access (section 24.6), request:
 *   0  [3:0] channel
 *   1  [7:6] operation (00b enable, 01b disable the payloads below), [5:0] user ID
 *   2  standard payloads 1-7 in bits 1-7 (bit 0 reserved), 3 reserved
 *   4  OEM payloads 20h-27h, 5 reserved
 */
static void set_user_payload(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    const uint8_t *d = req->data;
    uint8_t uid = d[1] & 0x3F, op = d[1] >> 6;
    if (!lan_channel(bmc, ctx, d[0], rsp))
        return;
    if (!uid_valid(uid) || op > 1 || (d[2] & 1) || d[3] || d[5]) {
        rsp->cc = 0xCC;
        return;
    }
    struct ik_bmc_user nu = USERS->v[uid];
    if (op == 0) {
        nu.payload_std |= d[2];
        nu.payload_oem |= d[4];
    } else {
        nu.payload_std &= (uint8_t)~d[2];
        nu.payload_oem &= (uint8_t)~d[4];
    }
    rsp->cc = user_commit(bmc, uid, &nu);
    ik_cleanse(&nu, sizeof(nu));
}

/* Get User Payload Access (section 24.7): 0 channel, 1 [5:0] user ID -> 4 bytes: standard
 * payloads 1-7, reserved, OEM payloads 20h-27h, reserved. */
static void get_user_payload(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    uint8_t uid = req->data[1] & 0x3F;
    if (!lan_channel(bmc, ctx, req->data[0], rsp))
        return;
    if (!uid_valid(uid)) {
        rsp->cc = 0xCC;
        return;
    }
    rsp->data[0] = USERS->v[uid].payload_std;
    rsp->data[1] = 0;
    rsp->data[2] = USERS->v[uid].payload_oem;
    rsp->data[3] = 0;
    rsp->len = 4;
}

/* Privileges from IPMI 2.0 appendix G. */
static const struct ik_bmc_cmd user_cmds[] = {
    {NETFN_APP, 0x43, IK_PRIV_ADMIN, 3, 4, set_user_access},
    {NETFN_APP, 0x44, IK_PRIV_OPERATOR, 2, 2, get_user_access},
    {NETFN_APP, 0x45, IK_PRIV_ADMIN, 17, 17, set_user_name},
    {NETFN_APP, 0x46, IK_PRIV_OPERATOR, 1, 1, get_user_name},
    {NETFN_APP, 0x47, IK_PRIV_ADMIN, 2, 22, set_user_password},
    {NETFN_APP, 0x4C, IK_PRIV_ADMIN, 6, 6, set_user_payload},
    {NETFN_APP, 0x4D, IK_PRIV_OPERATOR, 2, 2, get_user_payload},
};

const struct ik_bmc_module ik_bmc_mod_user = {
    .name = "user",
    .init = user_init,
    .kv_prefix = "user/",
    .load_kv = user_load_kv,
    .fini = user_fini,
    .cmds = user_cmds,
    .ncmds = sizeof(user_cmds) / sizeof(user_cmds[0]),
};
