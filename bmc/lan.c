/*
 * The LAN channel: datagrams in and out, the session table, the channel policy handed to
 * lib/session_server, failed-login accounting and the drop counters (lan.h).
 */
#include "bmc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "ipmimsg.h"
#include "rakp.h"
#include "rmcp.h"
#include "session15.h"

#define LAN  (&bmc->acc.lan)
#define CHAN (&bmc->acc.chan)
#define POL  (&bmc->acc.sec.pol)

/* ---- the library's view of users ----------------------------------------------------- */

static unsigned user_sessions(const struct ik_bmc *bmc, uint8_t uid)
{
    unsigned n = 0;
    for (size_t i = 0; i < bmc->acc.lan.nslots; i++) {
        const struct ik_lan_slot *sl = &bmc->acc.lan.slots[i];
        if (sl->used && sl != bmc->acc.lan.cur && sl->s.state == IK_SRV_ACTIVE && sl->s.uid == uid)
            n++;
    }
    return n;
}

/* Whether uid may log in now; fills out for the library. */
static int admit(struct ik_bmc *bmc, uint8_t uid, struct ik_srv_user *out)
{
    const struct ik_bmc_user *bu = ik_acc_user(bmc, uid);
    if (!bu)
        return IK_E_NOTFOUND;
    const struct ik_machine_user *u = &bu->u;
    if (!u->defined || !u->enabled || !u->ipmi_messaging || u->priv < IK_PRIV_CALLBACK ||
        u->priv > IK_PRIV_OEM)
        return IK_E_NOTFOUND;
    if (uid == 1 && !POL->anonymous) {
        /* The null user with an empty password is anonymous login. */
        static const uint8_t zero[IK_ACCESS_PASSWORD_LEN];
        if (memcmp(u->password, zero, sizeof(zero)) == 0)
            return IK_E_NOTFOUND;
    }
    if (ik_acc_user_locked(bmc, uid)) {
        char detail[96];
        char ln[IK_ACC_LOGNAME_LEN];
        snprintf(detail, sizeof(detail), "uid=%u user=%s", uid, ik_acc_logname(u->name, ln));
        ik_bmc_drop(bmc, IK_BMC_DROP_LOCKED_OUT, detail);
        return IK_E_NOTFOUND;
    }
    if (u->session_limit && user_sessions(bmc, uid) >= u->session_limit) {
        LAN->stats.sessions_refused++;
        ik_bmc_log(bmc, "event=session_refused reason=user_session_limit uid=%u limit=%u", uid,
                   u->session_limit);
        return IK_E_LIMIT;
    }
    memset(out, 0, sizeof(*out));
    out->uid = uid;
    memcpy(out->password, u->password, sizeof(out->password));
    out->priv_limit = u->callback_only ? IK_PRIV_CALLBACK : u->priv;
    out->enabled = true;
    return 0;
}

static int by_name(void *ctx, const uint8_t *name, size_t len, struct ik_srv_user *out)
{
    struct ik_bmc *bmc = ctx;
    uint8_t uid = ik_acc_user_find(bmc, name, len);
    return uid ? admit(bmc, uid, out) : IK_E_NOTFOUND;
}

/* RMCP+ role-based lookup: the first user whose privilege limit is priv. */
static int by_role(void *ctx, uint8_t priv, struct ik_srv_user *out)
{
    struct ik_bmc *bmc = ctx;
    for (uint8_t uid = 1; uid <= IK_ACCESS_MAX_USERS; uid++) {
        const struct ik_machine_user *u = &ik_acc_user(bmc, uid)->u;
        if (u->defined && u->enabled && u->ipmi_messaging && u->priv == priv)
            return admit(bmc, uid, out);
    }
    return IK_E_NOTFOUND;
}

static int rng_fill(void *ctx, uint8_t *buf, size_t len)
{
    return ik_bmc_random(ctx, buf, len);
}

/* ---- the channel policy ------------------------------------------------------------- */

static void build_cfg(struct ik_bmc *bmc)
{
    struct ik_srv_config *c = &LAN->cfg;
    const struct ik_bmc_lancfg *lc = &bmc->acc.lancfg;
    ik_cleanse(c, sizeof(*c));
    c->channel = CHAN->number;
    memcpy(c->guid, bmc->cfg.id.system_guid, 16);
    memcpy(c->kg, POL->kg, sizeof(c->kg));
    c->kg_set = POL->kg_set;
    c->chan_priv_limit = CHAN->vol.priv_limit;
    for (uint8_t i = 0; i < lc->n_suites; i++) {
        uint8_t id = lc->suite_ids[i];
        c->suite_priv[id] = lc->p.suite_priv[id];
    }
    /* A 1.5 auth type is usable when enabled for some privilege level (the session's
     * maximum privilege is still capped by the user and channel limits). */
    for (int i = 0; i < 5; i++)
        c->auth15 |= lc->p.auth_enables[i];
    c->auth15 &= POL->auth15;
    c->v20 = POL->v20;
    c->null_users = POL->null_users;
    c->anonymous = POL->anonymous && POL->null_users;
    c->users = (struct ik_srv_users){by_name, by_role, bmc};
    c->rng = (struct ik_rng){rng_fill, bmc};
    LAN->cfg_stale = false;
}

void ik_lan_config_changed(struct ik_bmc *bmc)
{
    LAN->cfg_stale = true;
}

const struct ik_srv_config *ik_lan_srv_config(struct ik_bmc *bmc)
{
    if (LAN->cfg_stale)
        build_cfg(bmc);
    return &LAN->cfg;
}

/* ---- the session table ----------------------------------------------------------------- */

unsigned ik_lan_active_count(const struct ik_bmc *bmc, uint8_t uid)
{
    unsigned n = 0;
    for (size_t i = 0; i < bmc->acc.lan.nslots; i++) {
        const struct ik_lan_slot *sl = &bmc->acc.lan.slots[i];
        if (sl->used && sl->s.state == IK_SRV_ACTIVE && (!uid || sl->s.uid == uid))
            n++;
    }
    return n;
}

unsigned ik_bmc_lan_sessions(const struct ik_bmc *bmc)
{
    return ik_lan_active_count(bmc, 0);
}

static struct ik_lan_slot *find_any(struct ik_bmc *bmc, uint32_t sid)
{
    for (size_t i = 0; i < LAN->nslots; i++)
        if (LAN->slots[i].used && LAN->slots[i].s.id == sid)
            return &LAN->slots[i];
    return NULL;
}

struct ik_lan_slot *ik_lan_find_id(struct ik_bmc *bmc, uint32_t sid)
{
    struct ik_lan_slot *sl = sid ? find_any(bmc, sid) : NULL;
    return sl && sl->s.state == IK_SRV_ACTIVE ? sl : NULL;
}

struct ik_lan_slot *ik_lan_find_handle(struct ik_bmc *bmc, uint8_t handle)
{
    if (handle == 0 || handle > LAN->nslots)
        return NULL;
    struct ik_lan_slot *sl = &LAN->slots[handle - 1];
    return sl->used && sl->s.state == IK_SRV_ACTIVE ? sl : NULL;
}

struct ik_lan_slot *ik_lan_nth_active(struct ik_bmc *bmc, unsigned n)
{
    for (size_t i = 0; i < LAN->nslots && n; i++) {
        struct ik_lan_slot *sl = &LAN->slots[i];
        if (sl->used && sl->s.state == IK_SRV_ACTIVE && --n == 0)
            return sl;
    }
    return NULL;
}

static void fmt_peer(const struct ik_lan_peer *p, char *buf, size_t cap)
{
    snprintf(buf, cap, "%u.%u.%u.%u:%u", p->ip[0], p->ip[1], p->ip[2], p->ip[3], p->port);
}

static void free_slot(struct ik_bmc *bmc, struct ik_lan_slot *sl)
{
    (void)bmc;
    ik_srv_session_close(&sl->s);
    sl->used = false;
    sl->fail_counted = false;
    sl->was_active = false;
}

/* A handshake that stopped after RAKP 2 / the challenge is a failed login when it had
 * already named a user (count once). */
static void handshake_abandoned(struct ik_bmc *bmc, struct ik_lan_slot *sl, const char *how)
{
    if (sl->s.state == IK_SRV_S20_RAKP2 && sl->s.uid && !sl->fail_counted) {
        sl->fail_counted = true;
        ik_acc_login_failed(bmc, sl->s.uid, how);
    }
}

void ik_lan_close(struct ik_bmc *bmc, struct ik_lan_slot *sl, const char *why)
{
    char peer[32];
    fmt_peer(&sl->peer, peer, sizeof(peer));
    ik_bmc_log(bmc, "event=session_close sid=%08x uid=%u peer=%s why=%s", sl->s.id, sl->s.uid, peer,
               why);
    LAN->stats.sessions_closed++;
    if (sl == LAN->cur)
        LAN->close_cur = true;
    else
        free_slot(bmc, sl);
}

static ik_time_us slot_deadline(const struct ik_bmc *bmc, const struct ik_lan_slot *sl)
{
    const struct ik_machine_security *pol = &bmc->acc.sec.pol;
    if (ik_srv_half_open(&sl->s))
        return sl->s.created + (ik_time_us)pol->half_open_timeout_s * IK_US_PER_S;
    if (sl->s.state == IK_SRV_ACTIVE)
        return sl->s.last_rx + (ik_time_us)pol->session_timeout_s * IK_US_PER_S;
    return sl->s.created; /* FREE / CLOSED: nothing to wait for */
}

/* Close what has expired; LAN->next_reap becomes the earliest remaining deadline. */
static void reap(struct ik_bmc *bmc, ik_time_us now)
{
    ik_time_us next = 0;
    for (size_t i = 0; i < LAN->nslots; i++) {
        struct ik_lan_slot *sl = &LAN->slots[i];
        if (!sl->used)
            continue;
        ik_time_us t = slot_deadline(bmc, sl);
        if (now < t) {
            if (!next || t < next)
                next = t;
            continue;
        }
        char peer[32];
        fmt_peer(&sl->peer, peer, sizeof(peer));
        if (ik_srv_half_open(&sl->s)) {
            LAN->stats.half_open_reaped++;
            handshake_abandoned(bmc, sl, "abandoned_after_rakp2");
            ik_bmc_log(bmc, "event=handshake_expired sid=%08x peer=%s", sl->s.id, peer);
        } else if (sl->s.state == IK_SRV_ACTIVE) {
            LAN->stats.sessions_timed_out++;
            ik_bmc_log(bmc, "event=session_timeout sid=%08x uid=%u peer=%s", sl->s.id, sl->s.uid,
                       peer);
        }
        free_slot(bmc, sl);
    }
    LAN->next_reap = next;
}

static void want_reap(struct ik_bmc *bmc, ik_time_us t)
{
    if (t && (!LAN->next_reap || t < LAN->next_reap))
        LAN->next_reap = t;
}

/* Evict the oldest half-open session to make room for a new handshake. */
static void evict_half_open(struct ik_bmc *bmc)
{
    struct ik_lan_slot *old = NULL;
    for (size_t i = 0; i < LAN->nslots; i++) {
        struct ik_lan_slot *sl = &LAN->slots[i];
        if (sl->used && ik_srv_half_open(&sl->s) && (!old || sl->s.created < old->s.created))
            old = sl;
    }
    if (!old)
        return;
    LAN->stats.half_open_evicted++;
    handshake_abandoned(bmc, old, "evicted_after_rakp2");
    free_slot(bmc, old);
}

static uint32_t new_session_id(struct ik_bmc *bmc)
{
    for (int tries = 0; tries < 16; tries++) {
        uint8_t buf[4];
        struct ik_rd r;
        if (ik_bmc_random(bmc, buf, 4))
            return 0;
        ik_rd_init(&r, buf, sizeof(buf));
        uint32_t id = ik_rd_le32(&r);
        if (id && !find_any(bmc, id))
            return id;
    }
    return 0;
}

/* ---- drops --------------------------------------------------------------------------- */

/* The engine's reason for a library drop, refining the library's "malformed" and
 * "not_request" by looking at the datagram again. */
static enum ik_bmc_drop map_drop(enum ik_srv_drop d, const uint8_t *dgram, size_t len)
{
    struct ik_rmcp r;
    switch (d) {
    case IK_SRV_DROP_MALFORMED: {
        int rc = ik_rmcp_decode(dgram, len, &r);
        if (rc == IK_E_TRUNCATED)
            return IK_BMC_DROP_SHORT_DATAGRAM;
        if (rc || r.ack || (r.cls != IK_RMCP_CLASS_IPMI && r.cls != IK_RMCP_CLASS_ASF))
            return IK_BMC_DROP_BAD_RMCP;
        if (r.cls == IK_RMCP_CLASS_IPMI && r.body_len) {
            if (r.body[0] == IK_AUTH_RMCPP) {
                struct ik_rp p;
                rc = ik_rp_decode(dgram, len, &p);
            } else {
                struct ik_s15 s;
                rc = ik_s15_decode(dgram, len, &s);
            }
            if (rc == IK_E_TRUNCATED)
                return IK_BMC_DROP_SHORT_DATAGRAM;
            if (rc == IK_E_UNSUPPORTED || rc == IK_E_BADFIELD)
                return IK_BMC_DROP_BAD_RMCP;
        }
        return IK_BMC_DROP_BAD_LENGTH;
    }
    case IK_SRV_DROP_CHECKSUM:
        return IK_BMC_DROP_BAD_CHECKSUM;
    case IK_SRV_DROP_NOT_REQUEST:
        /* RMCP+ byte 5 is the payload type: anything but an IPMI message here means a
         * payload we do not serve; else the message had a response NetFn. */
        if (len > 5 && dgram[4] == IK_AUTH_RMCPP && (dgram[5] & 0x3F) != IK_PT_IPMI)
            return IK_BMC_DROP_BAD_PAYLOAD_TYPE;
        return IK_BMC_DROP_NOT_RESPONSE;
    case IK_SRV_DROP_ASF:
        return IK_BMC_DROP_ASF;
    case IK_SRV_DROP_AUTH_TYPE:
        return IK_BMC_DROP_AUTH_TYPE;
    case IK_SRV_DROP_SESSIONLESS_CMD:
        return IK_BMC_DROP_NO_SESSION_CMD;
    case IK_SRV_DROP_UNKNOWN_SESSION:
    case IK_SRV_DROP_SESSION_ID:
    case IK_SRV_DROP_CLOSED:
        return IK_BMC_DROP_BAD_SESSION_ID;
    case IK_SRV_DROP_STATE:
        /* Before a session, a payload other than an IPMI message (SOL, OEM) is one we
         * do not serve rather than one out of turn. */
        if (len > 5 && dgram[4] == IK_AUTH_RMCPP && (dgram[5] & 0x3F) != IK_PT_IPMI &&
            ((dgram[5] & 0x3F) < IK_PT_OPEN_REQ || (dgram[5] & 0x3F) > IK_PT_RAKP4))
            return IK_BMC_DROP_BAD_PAYLOAD_TYPE;
        return IK_BMC_DROP_STATE;
    case IK_SRV_DROP_AUTHCODE:
    case IK_SRV_DROP_CHALLENGE:
    case IK_SRV_DROP_UNAUTHENTICATED:
        return IK_BMC_DROP_BAD_AUTH;
    case IK_SRV_DROP_TRAILER:
    case IK_SRV_DROP_DECRYPT:
        return IK_BMC_DROP_BAD_PAD;
    case IK_SRV_DROP_SEQ_WINDOW:
    case IK_SRV_DROP_SEQ_REPLAY:
        return IK_BMC_DROP_SEQUENCE;
    case IK_SRV_DROP_PEER_ABORT:
        return IK_BMC_DROP_PEER_ABORT;
    case IK_SRV_DROP_INTERNAL:
        return IK_BMC_DROP_INTERNAL;
    case IK_SRV_DROP_NONE:
    case IK_SRV_DROP__COUNT:
        break;
    }
    return IK_BMC_DROP_OTHER;
}

static void count_drop(struct ik_bmc *bmc, enum ik_bmc_drop why, const char *lib_reason,
                       const struct ik_lan_peer *peer, uint32_t sid)
{
    char detail[128], p[32];
    fmt_peer(peer, p, sizeof(p));
    snprintf(detail, sizeof(detail), "reason=%s peer=%s sid=%08x", lib_reason, p, sid);
    ik_bmc_drop(bmc, why, detail);
}

static void lib_drop(struct ik_bmc *bmc, enum ik_srv_drop d, const uint8_t *dgram, size_t len,
                     const struct ik_lan_peer *peer, uint32_t sid)
{
    count_drop(bmc, map_drop(d, dgram, len), ik_srv_drop_name(d), peer, sid);
}

/* ---- refusing a new session ------------------------------------------------------------ */

/* Answer a set-up request that found the table full: Open Session with status 01h
 * (insufficient resources), Get Session Challenge with C0h (node busy). Returns the
 * reply length, 0 if the request was too broken to answer. */
static size_t refuse(const struct ik_srv_config *cfg, const uint8_t *dgram, size_t len,
                     uint8_t *out, size_t cap)
{
    size_t n = 0;
    struct ik_rmcp r;
    if (ik_rmcp_decode(dgram, len, &r) || !r.body_len)
        return 0;
    /* A protocol that is switched off gets no answer, full table or not. */
    if (r.body[0] == IK_AUTH_RMCPP ? !cfg->v20 : !cfg->auth15)
        return 0;
    if (r.body[0] == IK_AUTH_RMCPP) {
        struct ik_rp p;
        struct ik_open_req q;
        struct ik_open_rsp o;
        uint8_t payload[36];
        size_t pl;
        if (ik_rp_decode(dgram, len, &p) || ik_open_req_decode(p.payload, p.payload_len, &q))
            return 0;
        memset(&o, 0, sizeof(o));
        o.tag = q.tag;
        o.status = IK_RAKP_NO_RESOURCES;
        o.sid_m = q.sid_m;
        if (ik_open_rsp_encode(&o, payload, sizeof(payload), &pl) ||
            ik_rp_seal(NULL, NULL, IK_PT_OPEN_RSP, 0, 0, payload, pl, out, cap, &n))
            return 0;
        return n;
    }
    struct ik_s15 s;
    struct ik_ipmimsg m, rsp;
    uint8_t cc = 0xC0, msg[16];
    size_t ml;
    if (ik_s15_decode(dgram, len, &s) || ik_ipmimsg_decode(s.msg, s.msg_len, &m))
        return 0;
    ik_ipmimsg_response_hdr(&m, &rsp);
    rsp.data = &cc;
    rsp.data_len = 1;
    if (ik_ipmimsg_encode(&rsp, msg, sizeof(msg), &ml) ||
        ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, ml, out, cap, &n))
        return 0;
    return n;
}

static struct ik_lan_slot *new_session(struct ik_bmc *bmc, ik_time_us now,
                                       const struct ik_lan_peer *peer)
{
    unsigned active = 0, half = 0;
    for (size_t i = 0; i < LAN->nslots; i++) {
        const struct ik_lan_slot *sl = &LAN->slots[i];
        if (!sl->used)
            continue;
        if (sl->s.state == IK_SRV_ACTIVE)
            active++;
        else
            half++;
    }
    if (active >= CHAN->max_sessions)
        return NULL;
    if (half >= CHAN->max_half_open)
        evict_half_open(bmc);
    struct ik_lan_slot *sl = NULL;
    for (size_t i = 0; i < LAN->nslots && !sl; i++)
        if (!LAN->slots[i].used)
            sl = &LAN->slots[i];
    uint32_t id = sl ? new_session_id(bmc) : 0;
    if (!id)
        return NULL;
    sl->used = true;
    sl->fail_counted = false;
    sl->was_active = false;
    sl->peer = *peer;
    ik_srv_session_init(&sl->s, id, now);
    /* FREE until the library has answered; it must be half-open or gone by then. */
    want_reap(bmc, now + (ik_time_us)POL->half_open_timeout_s * IK_US_PER_S);
    return sl;
}

/* ---- requests inside a session ---------------------------------------------------------- */

static void deliver(struct ik_bmc *bmc, struct ik_lan_slot *sl, const struct ik_ipmimsg *m,
                    uint8_t *out, size_t cap, size_t *outlen, const struct ik_lan_peer *peer)
{
    struct ik_bmc_ctx ctx = {
        .channel = CHAN->number,
        .priv = sl->s.priv,
        .user_id = sl->s.uid,
        .session_id = sl->s.id,
        .rq_addr = m->src_addr,
        .rq_lun = m->src_lun,
    };
    struct ik_bmc_req req = {
        .netfn = m->netfn, .lun = m->dst_lun, .cmd = m->cmd, .data = m->data, .len = m->data_len};
    struct ik_bmc_rsp rsp;
    uint8_t data[1 + IK_BMC_MAX_RSP], msg[IK_IPMIMSG_MIN_LEN + 1 + IK_BMC_MAX_RSP];
    struct ik_ipmimsg r;
    size_t ml;

    LAN->stats.requests++;
    ik_bmc_dispatch(bmc, bmc->now, &ctx, &req, &rsp);
    data[0] = rsp.cc;
    if (rsp.len > IK_BMC_MAX_RSP)
        rsp.len = IK_BMC_MAX_RSP;
    memcpy(data + 1, rsp.data, rsp.len);
    ik_ipmimsg_response_hdr(m, &r);
    r.data = data;
    r.data_len = 1 + rsp.len;
    if (ik_ipmimsg_encode(&r, msg, sizeof(msg), &ml) ||
        ik_srv_wrap(&sl->s, &LAN->cfg, msg, ml, out, cap, outlen)) {
        *outlen = 0;
        count_drop(bmc, IK_BMC_DROP_INTERNAL, "response_encode", peer, sl->s.id);
    }
}

static bool same_peer(const struct ik_lan_peer *a, const struct ik_lan_peer *b)
{
    return memcmp(a->ip, b->ip, 4) == 0 && a->port == b->port;
}

/* After the library handled a datagram for sl: login accounting, opening/closing. */
static void after_session(struct ik_bmc *bmc, struct ik_lan_slot *sl, enum ik_srv_state before,
                          uint8_t uid, const struct ik_srv_out *o)
{
    char peer[32];
    /* uid: the session's user before this datagram (a closing session's is wiped). */
    if (o->act == IK_SRV_DROP && !sl->fail_counted && uid &&
        ((before == IK_SRV_S15_CHALLENGED && o->drop == IK_SRV_DROP_AUTHCODE) ||
         (before == IK_SRV_S20_RAKP2 && o->drop == IK_SRV_DROP_PEER_ABORT))) {
        sl->fail_counted = true;
        ik_acc_login_failed(bmc, uid,
                            before == IK_SRV_S15_CHALLENGED ? "activate_authcode" : "rakp3_abort");
    }
    if (o->act == IK_SRV_REPLY && before == IK_SRV_S20_RAKP2 && o->rakp_status == IK_RAKP_BAD_ICV &&
        !sl->fail_counted) {
        sl->fail_counted = true;
        ik_acc_login_failed(bmc, uid, "rakp3_code");
    }
    if (o->act == IK_SRV_REPLY && o->rakp_status) {
        fmt_peer(&sl->peer, peer, sizeof(peer));
        ik_bmc_log(bmc, "event=handshake_refused sid=%08x status=%02x (%s) peer=%s", sl->s.id,
                   o->rakp_status, ik_rakp_status_name(o->rakp_status), peer);
    }
    if (sl->s.state == IK_SRV_ACTIVE && !sl->was_active) {
        sl->was_active = true;
        LAN->stats.sessions_opened++;
        ik_acc_login_ok(bmc, sl->s.uid);
        fmt_peer(&sl->peer, peer, sizeof(peer));
        if (sl->s.v20)
            ik_bmc_log(bmc, "event=session_open sid=%08x uid=%u max_priv=%u suite=%u peer=%s",
                       sl->s.id, sl->s.uid, sl->s.max_priv, sl->s.suite, peer);
        else
            ik_bmc_log(bmc, "event=session_open sid=%08x uid=%u max_priv=%u auth15=%u peer=%s",
                       sl->s.id, sl->s.uid, sl->s.max_priv, sl->s.auth_type, peer);
        want_reap(bmc, slot_deadline(bmc, sl));
    }
}

int ik_bmc_lan_rx(struct ik_bmc *bmc, ik_time_us now, const struct ik_lan_peer *peer,
                  const uint8_t *dgram, size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
    if (!bmc || !peer || !out || !outlen || (len && !dgram) || cap < IK_BMC_LAN_MIN_CAP)
        return IK_E_INVAL;
    *outlen = 0;
    bmc->now = now;
    LAN->stats.rx++;
    if (LAN->cfg_stale)
        build_cfg(bmc);
    if (LAN->next_reap && now >= LAN->next_reap)
        reap(bmc, now);

    struct ik_srv_route route;
    struct ik_srv_out o;
    struct ik_lan_slot *sl = NULL;
    enum ik_srv_state before = IK_SRV_FREE;
    int rc = 0;

    ik_srv_classify(dgram, len, &route);
    bool asf = len >= 4 && dgram[3] == IK_RMCP_CLASS_ASF;
    if (CHAN->vol.mode == 0 && !asf && route.kind != IK_SRV_ROUTE_DROP) {
        count_drop(bmc, IK_BMC_DROP_POLICY, "channel_disabled", peer, route.sid);
        return 0;
    }
    switch (route.kind) {
    case IK_SRV_ROUTE_DROP:
        lib_drop(bmc, route.drop, dgram, len, peer, 0);
        return 0;
    case IK_SRV_ROUTE_SESSIONLESS:
        rc = ik_srv_sessionless(&LAN->cfg, dgram, len, out, cap, &o);
        break;
    case IK_SRV_ROUTE_NEW_SESSION:
        sl = new_session(bmc, now, peer);
        if (!sl) {
            LAN->stats.sessions_refused++;
            ik_bmc_log(bmc, "event=session_refused reason=table_full active=%u",
                       ik_lan_active_count(bmc, 0));
            *outlen = refuse(&LAN->cfg, dgram, len, out, cap);
            if (*outlen)
                LAN->stats.tx++;
            return 0;
        }
        break;
    case IK_SRV_ROUTE_SESSION:
        sl = find_any(bmc, route.sid);
        if (!sl || !same_peer(&sl->peer, peer)) {
            count_drop(bmc, IK_BMC_DROP_BAD_SESSION_ID, sl ? "peer_mismatch" : "unknown_session",
                       peer, route.sid);
            return 0;
        }
        break;
    }
    uint8_t uid_before = 0;
    if (sl) {
        LAN->cur = sl;
        before = sl->s.state;
        uid_before = sl->s.uid;
        rc = ik_srv_rx(&sl->s, &LAN->cfg, now, dgram, len, out, cap, &o);
    }
    if (rc) {
        count_drop(bmc, IK_BMC_DROP_INTERNAL, ik_errname(rc), peer, sl ? sl->s.id : 0);
        if (sl && route.kind == IK_SRV_ROUTE_NEW_SESSION)
            free_slot(bmc, sl);
        LAN->cur = NULL;
        return 0;
    }
    switch (o.act) {
    case IK_SRV_DROP:
        lib_drop(bmc, o.drop, dgram, len, peer, sl ? sl->s.id : route.sid);
        break;
    case IK_SRV_REPLY:
        *outlen = o.tx_len;
        if (!sl && asf)
            LAN->stats.pings++;
        break;
    case IK_SRV_DELIVER:
        deliver(bmc, sl, &o.req, out, cap, outlen, peer);
        break;
    }
    if (sl) {
        after_session(bmc, sl, before, uid_before, &o);
        if (o.closed || LAN->close_cur || sl->s.state == IK_SRV_FREE ||
            sl->s.state == IK_SRV_CLOSED) {
            if (o.closed && before == IK_SRV_ACTIVE && !LAN->close_cur) {
                LAN->stats.sessions_closed++;
                char p[32];
                fmt_peer(&sl->peer, p, sizeof(p));
                ik_bmc_log(bmc, "event=session_close sid=%08x uid=%u peer=%s why=close_session",
                           sl->s.id, uid_before, p);
            }
            free_slot(bmc, sl);
        }
    }
    LAN->cur = NULL;
    LAN->close_cur = false;
    if (*outlen)
        LAN->stats.tx++;
    return 0;
}

/* ---- module ------------------------------------------------------------------------- */

void ik_bmc_lan_set_address(struct ik_bmc *bmc, const uint8_t ip[4], uint16_t port)
{
    memcpy(LAN->listen_ip, ip, 4);
    LAN->listen_port = port;
    if (!bmc->acc.lancfg.p.ip_set)
        memcpy(bmc->acc.lancfg.p.ip, ip, 4);
}

void ik_bmc_lan_get_stats(const struct ik_bmc *bmc, struct ik_bmc_lan_stats *out)
{
    *out = bmc->acc.lan.stats;
}

size_t ik_bmc_counters_format(const struct ik_bmc *bmc, char *buf, size_t cap)
{
    size_t off = 0;
    const struct ik_bmc_lan_stats *st = &bmc->acc.lan.stats;
    if (!cap)
        return 0;
    buf[0] = '\0';
#define IK__FMT(name, text)                                                                        \
    if (st->name && off < cap) {                                                                   \
        int w = snprintf(buf + off, cap - off, "%s%s=%llu", off ? " " : "", #name,                 \
                         (unsigned long long)st->name);                                            \
        off += w > 0 ? (size_t)w : 0;                                                              \
    }
    IK_LAN_STATS_MAP(IK__FMT)
#undef IK__FMT
    for (int d = 0; d < IK_BMC_DROP_COUNT && off < cap; d++) {
        uint64_t n = ik_bmc_drop_count(bmc, (enum ik_bmc_drop)d);
        if (!n)
            continue;
        int w = snprintf(buf + off, cap - off, "%sdrop_%s=%llu", off ? " " : "",
                         ik_bmc_drop_name((enum ik_bmc_drop)d), (unsigned long long)n);
        off += w > 0 ? (size_t)w : 0;
    }
    if (off >= cap)
        off = cap - 1;
    return off;
}

static int lan_init(struct ik_bmc *bmc)
{
    /* Room for every active session the channel allows plus every handshake in flight:
     * fixed at start, never grown. */
    LAN->nslots = (size_t)CHAN->max_sessions + CHAN->max_half_open;
    LAN->slots = calloc(LAN->nslots, sizeof(*LAN->slots));
    if (!LAN->slots)
        return IK_E_NOMEM;
    for (size_t i = 0; i < LAN->nslots; i++)
        LAN->slots[i].handle = (uint8_t)(i + 1);
    LAN->cfg_stale = true;
    return 0;
}

static ik_time_us lan_tick(struct ik_bmc *bmc, ik_time_us now)
{
    if (LAN->next_reap && now >= LAN->next_reap)
        reap(bmc, now);
    return LAN->next_reap;
}

static void lan_fini(struct ik_bmc *bmc)
{
    if (LAN->slots) {
        for (size_t i = 0; i < LAN->nslots; i++)
            ik_srv_session_close(&LAN->slots[i].s);
        ik_cleanse(LAN->slots, LAN->nslots * sizeof(*LAN->slots));
    }
    free(LAN->slots);
    LAN->slots = NULL;
    ik_cleanse(&LAN->cfg, sizeof(LAN->cfg));
}

const struct ik_bmc_module ik_bmc_mod_lan = {
    .name = "lan",
    .init = lan_init,
    .tick = lan_tick,
    .fini = lan_fini,
};
