/*
 * NetFn App (06h), channel group: Get Channel Info, Set/Get Channel Access, Get Channel
 * Payload Support (IPMI 2.0 sections 22.22-22.24, 24.8), and Get Channel Authentication
 * Capabilities / Get Channel Cipher Suites when they arrive other than over LAN (on LAN,
 * lib/session_server answers them before any session).
 *
 * A virtual BMC has two channels: its LAN channel (802.3, multi-session; number 1 unless
 * the description says otherwise) and the system interface (0Fh, sessionless KCS). Any
 * other channel number gets CCh (invalid data field), so every channel number has an
 * answer, 0Eh ("this channel") included.
 *
 * Channel access (LAN channel only): access mode 0 (disabled) or 2 (always available),
 * the channel privilege limit and the PEF-alerting bit. Per-message and user-level
 * authentication cannot be disabled (every packet of a session is authenticated), so a
 * request that tries gets CCh; pre-boot-only and shared modes get 83h. Non-volatile
 * settings are stored ("chan/<n>") and become the volatile ones at the next start.
 */
#include "bmc_int.h"

#include <stdio.h>
#include <string.h>

#include "cipher.h"
#include "cursor.h"
#include "ipmikit/error.h"
#include "lanmsg.h"
#include "msg_user.h"

#define NETFN_APP 0x06
#define CHAN      (&bmc->acc.chan)

/* The IPMI Forum's IANA enterprise number, the protocol vendor of standard channels. */
#define IPMI_IANA 7154u

static int chan_init(struct ik_bmc *bmc)
{
    struct ik_machine_access a;
    ik_acc_desc(bmc, &a);
    const struct ik_machine_channel *c = &a.channel;
    CHAN->number = (c->number >= 1 && c->number <= 7) ? c->number : IK_CHAN_LAN;
    CHAN->nv.mode = c->access_mode == 0 ? 0 : 2;
    CHAN->nv.priv_limit = (c->priv_limit >= IK_PRIV_CALLBACK && c->priv_limit <= IK_PRIV_OEM)
                              ? c->priv_limit
                              : IK_PRIV_ADMIN;
    CHAN->nv.alerting_off = c->alerting_off;
    CHAN->max_sessions =
        (c->max_sessions >= 1 && c->max_sessions <= IK_ACCESS_MAX_SESSIONS) ? c->max_sessions : 16;
    CHAN->max_half_open = (c->max_half_open >= 1 && c->max_half_open <= IK_ACCESS_MAX_HALF_OPEN)
                              ? c->max_half_open
                              : 32;
    CHAN->vol = CHAN->nv;
    ik_cleanse(&a, sizeof(a));
    return 0;
}

/*
 * Stored channel access, key "chan/<n>" (4 bytes):
 *   0 format version (1), 1 access mode (0 or 2), 2 privilege limit (1-5),
 *   3 [0] PEF alerting disabled
 */
static int chan_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    unsigned n;
    char extra;
    const uint8_t *b = val;
    if (sscanf(key, "chan/%u%c", &n, &extra) != 1 || n != CHAN->number)
        return IK_E_CORRUPT;
    if (len != 4 || b[0] != 1 || (b[1] != 0 && b[1] != 2) || b[2] < IK_PRIV_CALLBACK ||
        b[2] > IK_PRIV_OEM || (b[3] & 0xFE))
        return IK_E_CORRUPT;
    CHAN->nv.mode = b[1];
    CHAN->nv.priv_limit = b[2];
    CHAN->nv.alerting_off = b[3] & 1;
    CHAN->vol = CHAN->nv;
    return 0;
}

static int chan_store(struct ik_bmc *bmc, const struct ik_bmc_chan_access *nv)
{
    uint8_t b[4] = {1, nv->mode, nv->priv_limit, nv->alerting_off ? 1 : 0};
    char key[16];
    snprintf(key, sizeof(key), "chan/%u", CHAN->number);
    return ik_acc_persist(bmc, key, b, sizeof(b));
}

/*
 * Get Channel Info (section 22.24; payload in lib/msg_user.h), request 0 [3:0] channel.
 * The LAN channel: 802.3 LAN, IPMB-1.0 protocol, multi-session, the active sessions. The
 * system interface: KCS, session-less, and auxiliary info FFh FFh (SMS and event message
 * buffer interrupt types unspecified). Both name the IPMI Forum as protocol vendor.
 */
static void get_channel_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    uint8_t ch = ik_acc_channel_resolve(ctx, req->data[0]);
    struct ik_chan_info v = {.channel = ch, .vendor_iana = IPMI_IANA};
    if (req->data[0] & 0xF0) {
        rsp->cc = 0xCC;
        return;
    }
    if (ch == CHAN->number) {
        unsigned active = ik_lan_active_count(bmc, 0);
        v.medium = IK_CHAN_MEDIUM_LAN;
        v.protocol = IK_CHAN_PROTO_IPMB;
        v.session_support = IK_CHAN_MULTI_SESSION;
        v.active_sessions = (uint8_t)(active > 63 ? 63 : active);
    } else if (ch == IK_CHAN_SYSTEM) {
        v.medium = IK_CHAN_MEDIUM_SYSTEM;
        v.protocol = IK_CHAN_PROTO_KCS;
        v.session_support = IK_CHAN_SESSIONLESS;
        v.aux[0] = 0xFF;
        v.aux[1] = 0xFF;
    } else {
        rsp->cc = 0xCC; /* no such channel */
        return;
    }
    size_t n = 0;
    if (ik_chan_info_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: every field is in range */
        return;
    }
    rsp->len = n;
}

/*
 * Get Channel Access (section 22.23; payloads in lib/msg_user.h): the non-volatile or the
 * volatile (present) setting. Malformed requests get CCh, the system interface 82h.
 */
static void get_channel_access(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_chan_access_get_req q;
    if (ik_chan_access_get_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xCC;
        return;
    }
    uint8_t ch = ik_acc_channel_resolve(ctx, q.channel);
    if (ch == IK_CHAN_SYSTEM) {
        rsp->cc = 0x82; /* command not supported for the selected channel */
        return;
    }
    if (ch != CHAN->number) {
        rsp->cc = 0xCC;
        return;
    }
    const struct ik_bmc_chan_access *a = q.which == IK_CHACC_NONVOLATILE ? &CHAN->nv : &CHAN->vol;
    struct ik_chan_access v = {
        .alerting_off = a->alerting_off,
        .mode = a->mode,
        .priv_limit = a->priv_limit,
    };
    size_t n = 0;
    if (ik_chan_access_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: mode and limit are validated when set */
        return;
    }
    rsp->len = n;
}

/*
 * Set Channel Access (section 22.22; payload in lib/msg_user.h): access mode, PEF
 * alerting and privilege limit, each group to the non-volatile or the volatile setting.
 */
static void set_channel_access(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_chan_access_set_req q;
    if (ik_chan_access_set_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xCC; /* reserved bits or operation 11b */
        return;
    }
    uint8_t ch = ik_acc_channel_resolve(ctx, q.channel);
    if (ch == IK_CHAN_SYSTEM) {
        rsp->cc = 0x82;
        return;
    }
    if (ch != CHAN->number) {
        rsp->cc = 0xCC;
        return;
    }
    if (q.access_op != IK_CHACC_LEAVE) {
        if (q.per_msg_off || q.user_auth_off) {
            rsp->cc = 0xCC; /* authentication cannot be switched off */
            return;
        }
        if (q.mode != IK_CHACC_DISABLED && q.mode != IK_CHACC_ALWAYS) {
            rsp->cc = 0x83; /* access mode not supported */
            return;
        }
    }
    if (q.priv_op != IK_CHACC_LEAVE &&
        (q.priv_limit < IK_PRIV_CALLBACK || q.priv_limit > IK_PRIV_OEM)) {
        rsp->cc = 0xCC;
        return;
    }
    struct ik_bmc_chan_access nv = CHAN->nv, vol = CHAN->vol;
    if (q.access_op != IK_CHACC_LEAVE) {
        struct ik_bmc_chan_access *t = q.access_op == IK_CHACC_NONVOLATILE ? &nv : &vol;
        t->mode = q.mode;
        t->alerting_off = q.alerting_off;
    }
    if (q.priv_op != IK_CHACC_LEAVE)
        (q.priv_op == IK_CHACC_NONVOLATILE ? &nv : &vol)->priv_limit = q.priv_limit;
    if ((q.access_op == IK_CHACC_NONVOLATILE || q.priv_op == IK_CHACC_NONVOLATILE) &&
        chan_store(bmc, &nv)) {
        rsp->cc = 0xFF;
        return;
    }
    CHAN->nv = nv;
    CHAN->vol = vol;
    ik_lan_config_changed(bmc);
    ik_bmc_log(bmc, "event=channel_access channel=%u mode=%u priv_limit=%u nv_mode=%u nv_priv=%u",
               ch, vol.mode, vol.priv_limit, nv.mode, nv.priv_limit);
}

/*
 * Get Channel Payload Support (section 24.8), request 0 [3:0] channel. Response (8 bytes):
 *   0  standard payload types 0-7: [0] IPMI, [1] SOL, [2] OEM explicit
 *   1  session set-up payload types 10h-17h: [0] Open Session Request ... [5] RAKP 4
 *   2-3 reserved, 4-5 OEM payload types 20h-2Fh, 6-7 reserved
 * The LAN channel carries IPMI messages and RMCP+ set-up (no SOL); the system interface
 * IPMI messages only.
 */
static void get_channel_payloads(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                                 const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    uint8_t ch = ik_acc_channel_resolve(ctx, req->data[0]);
    if ((req->data[0] & 0xF0) || (ch != CHAN->number && ch != IK_CHAN_SYSTEM)) {
        rsp->cc = 0xCC;
        return;
    }
    memset(rsp->data, 0, 8);
    rsp->data[0] = 0x01;
    rsp->data[1] = ch == CHAN->number ? 0x3F : 0x00;
    rsp->len = 8;
}

/* Get Channel Authentication Capabilities (lib/lanmsg.h) for the LAN channel, asked over
 * another channel (the system interface). */
static void get_auth_caps(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_authcap_req q;
    struct ik_authcap a;
    uint8_t buf[16];
    size_t n;
    if (ik_authcap_req_decode(req->data, req->len, &q) ||
        ik_acc_channel_resolve(ctx, q.channel) != CHAN->number || q.priv < IK_PRIV_CALLBACK ||
        q.priv > IK_PRIV_OEM) {
        rsp->cc = 0xCC;
        return;
    }
    const struct ik_srv_config *cfg = ik_lan_srv_config(bmc);
    memset(&a, 0, sizeof(a));
    a.channel = CHAN->number;
    a.auth_types = cfg->auth15;
    a.ext = q.ext && cfg->v20;
    a.kg_set = cfg->kg_set;
    a.non_null_users = true;
    a.null_users = cfg->null_users;
    a.anonymous = cfg->anonymous;
    a.v15 = cfg->auth15 != 0;
    a.v20 = cfg->v20;
    if (ik_authcap_encode(&a, buf, sizeof(buf), &n) || n < 1) {
        rsp->cc = 0xFF;
        return;
    }
    memcpy(rsp->data, buf + 1, n - 1); /* buf[0] is the completion code */
    rsp->len = n - 1;
}

/* Get Channel Cipher Suites (lib/lanmsg.h, lib/cipher.h) for the LAN channel. */
static void get_cipher_suites(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                              const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_suites_req q;
    uint8_t ids[IK_CIPHER_COUNT], records[IK_CIPHER_COUNT * 5];
    size_t n = 0, rlen = 0, plen = 0;
    const struct ik_srv_config *cfg = ik_lan_srv_config(bmc);
    if (ik_suites_req_decode(req->data, req->len, &q) ||
        ik_acc_channel_resolve(ctx, q.channel) != CHAN->number || q.payload_type > 1 || !cfg->v20) {
        rsp->cc = 0xCC;
        return;
    }
    for (uint8_t id = 0; id < IK_CIPHER_COUNT; id++)
        if (cfg->suite_priv[id])
            ids[n++] = id;
    if (ik_cipher_records_encode(ids, n, !q.by_suite, records, sizeof(records), &rlen) ||
        ik_cipher_page(records, rlen, q.index, rsp->data + 1, &plen)) {
        rsp->cc = 0xCC;
        return;
    }
    rsp->data[0] = CHAN->number;
    rsp->len = 1 + plen;
}

/* Privileges from IPMI 2.0 appendix G. */
static const struct ik_bmc_cmd chan_cmds[] = {
    {NETFN_APP, 0x38, IK_PRIV_NONE, 2, 2, get_auth_caps},
    {NETFN_APP, 0x40, IK_PRIV_ADMIN, 3, 3, set_channel_access},
    {NETFN_APP, 0x41, IK_PRIV_USER, 2, 2, get_channel_access},
    {NETFN_APP, 0x42, IK_PRIV_USER, 1, 1, get_channel_info},
    {NETFN_APP, 0x4E, IK_PRIV_USER, 1, 1, get_channel_payloads},
    {NETFN_APP, 0x54, IK_PRIV_NONE, 3, 3, get_cipher_suites},
};

const struct ik_bmc_module ik_bmc_mod_channel = {
    .name = "channel",
    .init = chan_init,
    .kv_prefix = "chan/",
    .load_kv = chan_load_kv,
    .cmds = chan_cmds,
    .ncmds = sizeof(chan_cmds) / sizeof(chan_cmds[0]),
};
