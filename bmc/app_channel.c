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
 * Get Channel Info (section 22.24), request 0 [3:0] channel. Response:
 *   0  [3:0] actual channel number
 *   1  [6:0] medium type (04h 802.3 LAN, 0Ch system interface)
 *   2  [4:0] protocol type (01h IPMB-1.0 for LAN, 05h KCS)
 *   3  [7:6] session support (10b multi-session, 00b session-less), [5:0] active sessions
 *   4  protocol vendor ID (3 bytes, LS first): the IPMI Forum's 7154
 *   7  auxiliary info (2 bytes): for the system interface the SMS and event message
 *      buffer interrupt types, FFh = none / unspecified; else reserved (00h)
 */
static void get_channel_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    uint8_t ch = ik_acc_channel_resolve(ctx, req->data[0]);
    struct ik_wr w;
    if (req->data[0] & 0xF0) {
        rsp->cc = 0xCC;
        return;
    }
    ik_wr_init(&w, rsp->data, sizeof(rsp->data));
    if (ch == CHAN->number) {
        unsigned active = ik_lan_active_count(bmc, 0);
        ik_wr_u8(&w, ch);
        ik_wr_u8(&w, 0x04);
        ik_wr_u8(&w, 0x01);
        ik_wr_u8(&w, (uint8_t)(0x80 | (active > 63 ? 63 : active)));
        ik_wr_le24(&w, IPMI_IANA);
        ik_wr_le16(&w, 0);
    } else if (ch == IK_CHAN_SYSTEM) {
        ik_wr_u8(&w, ch);
        ik_wr_u8(&w, 0x0C);
        ik_wr_u8(&w, 0x05);
        ik_wr_u8(&w, 0x00);
        ik_wr_le24(&w, IPMI_IANA);
        ik_wr_u8(&w, 0xFF);
        ik_wr_u8(&w, 0xFF);
    } else {
        rsp->cc = 0xCC; /* no such channel */
        return;
    }
    rsp->len = w.off;
}

/*
 * Get Channel Access (section 22.23), request:
 *   0 [3:0] channel, 1 [7:6] 01b non-volatile, 10b volatile (present) setting.
 * Response: 0 [5] PEF alerting disabled, [4] per-message auth disabled, [3] user-level
 * auth disabled, [2:0] access mode; 1 [3:0] channel privilege limit.
 */
static void get_channel_access(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    uint8_t ch = ik_acc_channel_resolve(ctx, req->data[0]), which = req->data[1] >> 6;
    if ((req->data[0] & 0xF0) || (req->data[1] & 0x3F) || (which != 1 && which != 2)) {
        rsp->cc = 0xCC;
        return;
    }
    if (ch == IK_CHAN_SYSTEM) {
        rsp->cc = 0x82; /* command not supported for the selected channel */
        return;
    }
    if (ch != CHAN->number) {
        rsp->cc = 0xCC;
        return;
    }
    const struct ik_bmc_chan_access *a = which == 1 ? &CHAN->nv : &CHAN->vol;
    rsp->data[0] = (uint8_t)(a->alerting_off << 5 | a->mode);
    rsp->data[1] = a->priv_limit;
    rsp->len = 2;
}

/*
 * Set Channel Access (section 22.22), request:
 *   0  [3:0] channel
 *   1  [7:6] 00b leave, 01b set non-volatile, 10b set volatile; [5] PEF alerting
 *      disable, [4] per-message auth disable, [3] user-level auth disable, [2:0] mode
 *   2  [7:6] 00b leave, 01b set non-volatile, 10b set volatile; [3:0] privilege limit
 */
static void set_channel_access(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    const uint8_t *d = req->data;
    uint8_t ch = ik_acc_channel_resolve(ctx, d[0]);
    uint8_t acc_op = d[1] >> 6, priv_op = d[2] >> 6, mode = d[1] & 7, priv = d[2] & 0x0F;
    if ((d[0] & 0xF0) || acc_op == 3 || priv_op == 3 || (d[2] & 0x30)) {
        rsp->cc = 0xCC;
        return;
    }
    if (ch == IK_CHAN_SYSTEM) {
        rsp->cc = 0x82;
        return;
    }
    if (ch != CHAN->number) {
        rsp->cc = 0xCC;
        return;
    }
    if (acc_op) {
        if (d[1] & 0x18) {
            rsp->cc = 0xCC; /* authentication cannot be switched off */
            return;
        }
        if (mode != 0 && mode != 2) {
            rsp->cc = 0x83; /* access mode not supported */
            return;
        }
    }
    if (priv_op && (priv < IK_PRIV_CALLBACK || priv > IK_PRIV_OEM)) {
        rsp->cc = 0xCC;
        return;
    }
    struct ik_bmc_chan_access nv = CHAN->nv, vol = CHAN->vol;
    if (acc_op) {
        struct ik_bmc_chan_access *t = acc_op == 1 ? &nv : &vol;
        t->mode = mode;
        t->alerting_off = d[1] & 0x20;
    }
    if (priv_op)
        (priv_op == 1 ? &nv : &vol)->priv_limit = priv;
    if ((acc_op == 1 || priv_op == 1) && chan_store(bmc, &nv)) {
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
