/* The BMC side of IPMI 1.5 and RMCP+ sessions (the contract is in session_server.h). */
#include "session_server.h"

#include "cursor.h"
#include "lanmsg.h"
#include "rmcp.h"
#include "session15.h"

const char *ik_srv_drop_name(enum ik_srv_drop d)
{
    static const char *const names[IK_SRV_DROP__COUNT] = {
        [IK_SRV_DROP_NONE] = "none",
        [IK_SRV_DROP_MALFORMED] = "malformed",
        [IK_SRV_DROP_CHECKSUM] = "checksum",
        [IK_SRV_DROP_NOT_REQUEST] = "not_request",
        [IK_SRV_DROP_ASF] = "asf",
        [IK_SRV_DROP_AUTH_TYPE] = "auth_type",
        [IK_SRV_DROP_SESSIONLESS_CMD] = "sessionless_cmd",
        [IK_SRV_DROP_UNKNOWN_SESSION] = "unknown_session",
        [IK_SRV_DROP_SESSION_ID] = "session_id",
        [IK_SRV_DROP_STATE] = "state",
        [IK_SRV_DROP_AUTHCODE] = "authcode",
        [IK_SRV_DROP_CHALLENGE] = "challenge",
        [IK_SRV_DROP_UNAUTHENTICATED] = "unauthenticated",
        [IK_SRV_DROP_TRAILER] = "trailer",
        [IK_SRV_DROP_DECRYPT] = "decrypt",
        [IK_SRV_DROP_SEQ_WINDOW] = "seq_window",
        [IK_SRV_DROP_SEQ_REPLAY] = "seq_replay",
        [IK_SRV_DROP_PEER_ABORT] = "peer_abort",
        [IK_SRV_DROP_CLOSED] = "closed",
        [IK_SRV_DROP_INTERNAL] = "internal",
    };
    return (unsigned)d < IK_SRV_DROP__COUNT ? names[d] : "?";
}

/* ---- routing ------------------------------------------------------------------------ */

void ik_srv_classify(const uint8_t *dgram, size_t len, struct ik_srv_route *out)
{
    struct ik_rmcp rmcp;
    out->kind = IK_SRV_ROUTE_DROP;
    out->sid = 0;
    out->drop = IK_SRV_DROP_MALFORMED;
    if (ik_rmcp_decode(dgram, len, &rmcp) || rmcp.ack)
        return;
    if (rmcp.cls == IK_RMCP_CLASS_ASF) {
        out->kind = IK_SRV_ROUTE_SESSIONLESS;
        out->drop = IK_SRV_DROP_NONE;
        return;
    }
    if (rmcp.cls != IK_RMCP_CLASS_IPMI || rmcp.body_len == 0)
        return;
    if (rmcp.body[0] == IK_AUTH_RMCPP) {
        struct ik_rp p;
        if (ik_rp_decode(dgram, len, &p))
            return;
        out->drop = IK_SRV_DROP_NONE;
        switch (p.payload_type) {
        case IK_PT_OPEN_REQ:
            out->kind = IK_SRV_ROUTE_NEW_SESSION;
            return;
        case IK_PT_RAKP1:
        case IK_PT_RAKP3: {
            /* Both carry the BMC's session ID at payload offset 4 (sections 13.20, 13.22). */
            struct ik_rd r;
            ik_rd_init(&r, p.payload, p.payload_len);
            ik_rd_skip(&r, 4);
            out->sid = ik_rd_le32(&r);
            if (ik_rd_error(&r) || out->sid == 0) {
                out->drop = IK_SRV_DROP_MALFORMED;
                return;
            }
            out->kind = IK_SRV_ROUTE_SESSION;
            return;
        }
        case IK_PT_IPMI:
        case IK_PT_SOL:
            if (p.sid == 0) {
                out->kind = IK_SRV_ROUTE_SESSIONLESS;
                return;
            }
            out->kind = IK_SRV_ROUTE_SESSION;
            out->sid = p.sid;
            return;
        default:
            out->drop = IK_SRV_DROP_NOT_REQUEST;
            return;
        }
    }
    struct ik_s15 s;
    if (ik_s15_decode(dgram, len, &s))
        return;
    out->drop = IK_SRV_DROP_NONE;
    if (s.sid != 0) {
        out->kind = IK_SRV_ROUTE_SESSION;
        out->sid = s.sid;
        return;
    }
    struct ik_ipmimsg m;
    if (ik_ipmimsg_decode(s.msg, s.msg_len, &m) == 0 && m.netfn == IK_NETFN_APP &&
        m.cmd == IK_CMD_GET_SESSION_CHAL)
        out->kind = IK_SRV_ROUTE_NEW_SESSION;
    else
        out->kind = IK_SRV_ROUTE_SESSIONLESS;
}

/* ---- helpers ------------------------------------------------------------------------ */

static void out_reset(struct ik_srv_out *out)
{
    memset(out, 0, sizeof(*out));
}

static void drop(struct ik_srv_out *out, enum ik_srv_drop d)
{
    out->act = IK_SRV_DROP;
    out->drop = d;
}

static uint8_t min_u8(uint8_t a, uint8_t b)
{
    return a < b ? a : b;
}

static bool priv_valid(uint8_t p)
{
    return p >= IK_PRIV_CALLBACK && p <= IK_PRIV_OEM;
}

/* Decode an IPMI request message, mapping failures to drop reasons. */
static enum ik_srv_drop decode_request(const uint8_t *buf, size_t len, struct ik_ipmimsg *m)
{
    int rc = ik_ipmimsg_decode(buf, len, m);
    if (rc == IK_E_CHECKSUM)
        return IK_SRV_DROP_CHECKSUM;
    if (rc)
        return IK_SRV_DROP_MALFORMED;
    if (ik_netfn_is_response(m->netfn))
        return IK_SRV_DROP_NOT_REQUEST;
    return IK_SRV_DROP_NONE;
}

/* The response message to req with data[0..n) (CC first) in msg. */
static int build_response(const struct ik_ipmimsg *req, const uint8_t *data, size_t n, uint8_t *msg,
                          size_t cap, size_t *len)
{
    struct ik_ipmimsg rsp;
    ik_ipmimsg_response_hdr(req, &rsp);
    rsp.data = data;
    rsp.data_len = n;
    return ik_ipmimsg_encode(&rsp, msg, cap, len);
}

/* Get Channel Authentication Capabilities (lanmsg.h) from the channel policy. */
static size_t answer_authcap(const struct ik_srv_config *cfg, const struct ik_ipmimsg *req,
                             uint8_t *data)
{
    struct ik_authcap_req q;
    struct ik_authcap a;
    size_t n = 0;
    memset(&a, 0, sizeof(a));
    if (ik_authcap_req_decode(req->data, req->data_len, &q)) {
        data[0] = 0xC7; /* request data length invalid */
        return 1;
    }
    if ((q.channel != IK_CHANNEL_THIS && q.channel != cfg->channel) || !priv_valid(q.priv)) {
        data[0] = 0xCC; /* invalid data field in request */
        return 1;
    }
    a.channel = cfg->channel;
    a.auth_types =
        cfg->auth15 & (IK_AUTHCAP_NONE | IK_AUTHCAP_MD2 | IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD);
    a.ext = q.ext && cfg->v20;
    a.kg_set = cfg->kg_set;
    a.non_null_users = true;
    a.null_users = cfg->null_users;
    a.anonymous = cfg->anonymous;
    a.v15 = cfg->auth15 != 0;
    a.v20 = cfg->v20;
    if (ik_authcap_encode(&a, data, 16, &n))
        return 0;
    return n;
}

/* Get Channel Cipher Suites (lanmsg.h, cipher.h): the allowed suites, 16 bytes a page. */
static size_t answer_suites(const struct ik_srv_config *cfg, const struct ik_ipmimsg *req,
                            uint8_t *data)
{
    struct ik_suites_req q;
    uint8_t ids[IK_CIPHER_COUNT], records[IK_CIPHER_COUNT * 5];
    size_t n = 0, rlen = 0, plen = 0;
    if (ik_suites_req_decode(req->data, req->data_len, &q)) {
        data[0] = 0xC7;
        return 1;
    }
    if ((q.channel != IK_CHANNEL_THIS && q.channel != cfg->channel) || q.payload_type > IK_PT_SOL ||
        !cfg->v20) {
        data[0] = 0xCC;
        return 1;
    }
    for (uint8_t id = 0; id < IK_CIPHER_COUNT; id++)
        if (cfg->suite_priv[id] && ik_cipher_suite_supported(id))
            ids[n++] = id;
    if (ik_cipher_records_encode(ids, n, !q.by_suite, records, sizeof(records), &rlen))
        return 0;
    data[0] = 0;
    data[1] = cfg->channel;
    if (ik_cipher_page(records, rlen, q.index, data + 2, &plen))
        return 0;
    return 2 + plen;
}

/* Answer a sessionless request in the same framing it came in (1.5 auth none or RMCP+
 * unauthenticated, session ID and sequence 0). */
static int sessionless_reply(bool v20, const struct ik_ipmimsg *req, const uint8_t *data, size_t n,
                             uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    uint8_t msg[64];
    size_t mlen;
    if (build_response(req, data, n, msg, sizeof(msg), &mlen))
        return IK_E_NOSPACE;
    int rc = v20 ? ik_rp_seal(NULL, NULL, IK_PT_IPMI, 0, 0, msg, mlen, tx, cap, &out->tx_len)
                 : ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, mlen, tx, cap, &out->tx_len);
    if (rc)
        return rc;
    out->act = IK_SRV_REPLY;
    out->cc = data[0];
    return 0;
}

int ik_srv_sessionless(const struct ik_srv_config *cfg, const uint8_t *dgram, size_t len,
                       uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_rmcp rmcp;
    struct ik_ipmimsg m;
    bool v20;

    if (!cfg || !out || !tx)
        return IK_E_INVAL;
    out_reset(out);
    if (ik_rmcp_decode(dgram, len, &rmcp) || rmcp.ack) {
        drop(out, IK_SRV_DROP_MALFORMED);
        return 0;
    }
    if (rmcp.cls == IK_RMCP_CLASS_ASF) {
        struct ik_asf a;
        if (ik_asf_decode(rmcp.body, rmcp.body_len, &a)) {
            drop(out, IK_SRV_DROP_MALFORMED);
            return 0;
        }
        if (a.iana != IK_ASF_IANA || a.type != IK_ASF_TYPE_PING || a.data_len) {
            drop(out, IK_SRV_DROP_ASF);
            return 0;
        }
        /* Pong: IPMI supported, ASF 1.0; bit 5 of the interactions says RMCP+ works. */
        struct ik_asf_pong p = {IK_ASF_IANA, 0, 0x81, cfg->v20 ? 0x20 : 0x00};
        int rc = ik_asf_pong_encode(a.tag, &p, tx, cap, &out->tx_len);
        if (rc)
            return rc;
        out->act = IK_SRV_REPLY;
        return 0;
    }
    if (rmcp.cls != IK_RMCP_CLASS_IPMI || rmcp.body_len == 0) {
        drop(out, IK_SRV_DROP_MALFORMED);
        return 0;
    }
    v20 = rmcp.body[0] == IK_AUTH_RMCPP;
    const uint8_t *msg;
    size_t msg_len;
    if (v20) {
        struct ik_rp p;
        if (ik_rp_decode(dgram, len, &p)) {
            drop(out, IK_SRV_DROP_MALFORMED);
            return 0;
        }
        if (!cfg->v20) {
            drop(out, IK_SRV_DROP_AUTH_TYPE);
            return 0;
        }
        if (p.payload_type != IK_PT_IPMI || p.sid != 0 || p.encrypted || p.authenticated) {
            drop(out, IK_SRV_DROP_STATE);
            return 0;
        }
        msg = p.payload;
        msg_len = p.payload_len;
    } else {
        struct ik_s15 s;
        if (ik_s15_decode(dgram, len, &s)) {
            drop(out, IK_SRV_DROP_MALFORMED);
            return 0;
        }
        if (s.auth_type != IK_AUTH_NONE || s.sid != 0) {
            drop(out, IK_SRV_DROP_STATE);
            return 0;
        }
        msg = s.msg;
        msg_len = s.msg_len;
    }
    enum ik_srv_drop d = decode_request(msg, msg_len, &m);
    if (d) {
        drop(out, d);
        return 0;
    }
    uint8_t data[2 + IK_CIPHER_PAGE];
    size_t n = 0;
    if (m.netfn == IK_NETFN_APP && m.cmd == IK_CMD_GET_AUTH_CAPS)
        n = answer_authcap(cfg, &m, data);
    else if (m.netfn == IK_NETFN_APP && m.cmd == IK_CMD_GET_CIPHER_SUITES)
        n = answer_suites(cfg, &m, data);
    if (n == 0) {
        drop(out, IK_SRV_DROP_SESSIONLESS_CMD);
        return 0;
    }
    return sessionless_reply(v20, &m, data, n, tx, cap, out);
}

/* ---- sessions ----------------------------------------------------------------------- */

void ik_srv_session_init(struct ik_srv_session *s, uint32_t id, ik_time_us now)
{
    memset(s, 0, sizeof(*s));
    s->state = IK_SRV_FREE;
    s->id = id;
    s->created = now;
    s->last_rx = now;
}

bool ik_srv_half_open(const struct ik_srv_session *s)
{
    return s->state == IK_SRV_S15_CHALLENGED || s->state == IK_SRV_S20_OPENED ||
           s->state == IK_SRV_S20_RAKP2;
}

void ik_srv_session_close(struct ik_srv_session *s)
{
    uint32_t id = s->id;
    ik_time_us created = s->created, last = s->last_rx;
    ik_cleanse(s, sizeof(*s));
    s->state = IK_SRV_CLOSED;
    s->id = id;
    s->created = created;
    s->last_rx = last;
}

/* The session's receive window; it only moves after the AuthCode was verified. */
static enum ik_srv_drop seq_accept(struct ik_srv_session *s, uint32_t seq, uint32_t behind,
                                   uint32_t ahead)
{
    if (seq == 0 && s->v20)
        return IK_SRV_DROP_SEQ_WINDOW; /* RMCP+: 0 is never used inside a session */
    switch (ik_seqwin_accept(&s->rxwin, seq, behind, ahead, false)) {
    case IK_SEQWIN_OK:
        return IK_SRV_DROP_NONE;
    case IK_SEQWIN_REPEAT:
        return IK_SRV_DROP_SEQ_REPLAY;
    case IK_SEQWIN_OUTSIDE:
        break;
    }
    return IK_SRV_DROP_SEQ_WINDOW;
}

static uint32_t next_out_seq(struct ik_srv_session *s)
{
    uint32_t v = s->out_seq++;
    if (s->out_seq == 0 && s->v20)
        s->out_seq = 1;
    return v;
}

/* Copy a name out of a zero-padded 16-byte field: its length is up to the first 00h. */
static size_t name_len16(const uint8_t name[16])
{
    size_t n = 0;
    while (n < 16 && name[n])
        n++;
    return n;
}

static int lookup_user(const struct ik_srv_config *cfg, const uint8_t *name, size_t len,
                       struct ik_srv_user *u)
{
    memset(u, 0, sizeof(*u));
    if (!cfg->users.by_name)
        return IK_E_NOTFOUND;
    int rc = cfg->users.by_name(cfg->users.ctx, name, len, u);
    if (rc == 0 && !u->enabled)
        rc = IK_E_NOTFOUND;
    return rc;
}

/* 1.5 Get Session Challenge (lanmsg.h), starting a session in state FREE. */
static int rx_challenge(struct ik_srv_session *s, const struct ik_srv_config *cfg,
                        const struct ik_ipmimsg *m, uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_chal_req q;
    struct ik_chal_rsp r;
    struct ik_srv_user u;
    uint8_t data[21];
    size_t n = 0;

    memset(&r, 0, sizeof(r));
    if (ik_chal_req_decode(m->data, m->data_len, &q)) {
        r.cc = 0xC7;
    } else if (!(cfg->auth15 & (1u << q.auth_type)) || q.auth_type == IK_AUTH_OEM) {
        r.cc = 0xCC; /* auth type not enabled on this channel */
    } else {
        size_t nl = name_len16(q.name);
        if (nl == 0 && !cfg->null_users)
            r.cc = 0x82; /* null user name (user 1) not enabled */
        else if (lookup_user(cfg, q.name, nl, &u) || !priv_valid(u.priv_limit))
            r.cc = 0x81; /* invalid user name */
    }
    if (r.cc == 0) {
        if (cfg->rng.fill(cfg->rng.ctx, s->challenge, sizeof(s->challenge)))
            r.cc = 0xFF;
    }
    if (r.cc == 0) {
        s->auth_type = q.auth_type;
        memcpy(s->password, u.password, sizeof(s->password));
        s->uid = u.uid;
        s->max_priv = u.priv_limit;
        s->peer_id = s->id;
        s->state = IK_SRV_S15_CHALLENGED;
        r.temp_sid = s->id;
        memcpy(r.challenge, s->challenge, 16);
    }
    if (ik_chal_rsp_encode(&r, data, sizeof(data), &n))
        return IK_E_NOSPACE;
    ik_cleanse(&u, sizeof(u));
    int rc = sessionless_reply(false, m, data, n, tx, cap, out);
    ik_cleanse(data, sizeof(data));
    if (r.cc) {
        ik_srv_session_close(s);
        out->closed = true;
    }
    return rc;
}

/* RMCP+ Open Session Request (section 13.17) in state FREE. */
static int rx_open(struct ik_srv_session *s, const struct ik_srv_config *cfg, const struct ik_rp *p,
                   uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_open_req q;
    struct ik_open_rsp r;
    uint8_t payload[36];
    size_t n;

    memset(&r, 0, sizeof(r));
    if (ik_open_req_decode(p->payload, p->payload_len, &q)) {
        /* Keep the tag and console ID if they are there, to address the error. */
        struct ik_rd rd;
        ik_rd_init(&rd, p->payload, p->payload_len);
        r.tag = ik_rd_u8(&rd);
        ik_rd_skip(&rd, 3);
        r.sid_m = ik_rd_le32(&rd);
        r.status = IK_RAKP_ILLEGAL_PARAMETER;
    } else {
        r.tag = q.tag;
        r.sid_m = q.sid_m;
        int id;
        if (!cfg->v20)
            r.status = IK_RAKP_NO_CIPHER_SUITE;
        else if (q.auth_alg > IK_RAKP_HMAC_SHA256)
            r.status = IK_RAKP_BAD_AUTH_ALG;
        else if (q.integ_alg > IK_INTEG_HMAC_SHA256_128)
            r.status = IK_RAKP_BAD_INTEG_ALG;
        else if (q.conf_alg > IK_CONF_XRC4_40)
            r.status = IK_RAKP_BAD_CONF_ALG;
        else if ((id = ik_cipher_suite_find(q.auth_alg, q.integ_alg, q.conf_alg)) < 0 ||
                 !ik_cipher_suite_supported((uint8_t)id) || !cfg->suite_priv[id])
            r.status = IK_RAKP_NO_CIPHER_SUITE;
        else if (q.max_priv > IK_PRIV_OEM)
            r.status = IK_RAKP_BAD_ROLE;
        else if (q.sid_m == 0)
            r.status = IK_RAKP_BAD_SESSION_ID;
        else {
            uint8_t cap_priv = min_u8(cfg->suite_priv[id], cfg->chan_priv_limit);
            s->suite = (uint8_t)id;
            s->max_priv = q.max_priv ? min_u8(q.max_priv, cap_priv) : cap_priv;
            s->peer_id = q.sid_m;
            s->tag = q.tag;
            s->v20 = true;
            s->rk.auth_alg = q.auth_alg;
            s->keys.integ = q.integ_alg;
            s->keys.conf = q.conf_alg;
            s->state = IK_SRV_S20_OPENED;
            r.max_priv = s->max_priv;
            r.sid_c = s->id;
            r.auth_alg = q.auth_alg;
            r.integ_alg = q.integ_alg;
            r.conf_alg = q.conf_alg;
        }
    }
    if (ik_open_rsp_encode(&r, payload, sizeof(payload), &n))
        return IK_E_NOSPACE;
    int rc = ik_rp_seal(NULL, NULL, IK_PT_OPEN_RSP, 0, 0, payload, n, tx, cap, &out->tx_len);
    if (rc)
        return rc;
    out->act = IK_SRV_REPLY;
    out->rakp_status = r.status;
    if (r.status) {
        ik_srv_session_close(s);
        out->closed = true;
    }
    return 0;
}

static int send_rakp(struct ik_srv_session *s, int which, const struct ik_rakp_msg *m, uint8_t *tx,
                     size_t cap, struct ik_srv_out *out)
{
    uint8_t payload[8 + 32 + IK_HASH_MAX_LEN];
    size_t n;
    int rc = ik_rakp_msg_encode(which, m, payload, sizeof(payload), &n);
    if (rc)
        return rc;
    rc = ik_rp_seal(NULL, NULL, (uint8_t)(which == 2 ? IK_PT_RAKP2 : IK_PT_RAKP4), 0, 0, payload, n,
                    tx, cap, &out->tx_len);
    ik_cleanse(payload, sizeof(payload));
    if (rc)
        return rc;
    out->act = IK_SRV_REPLY;
    out->rakp_status = m->status;
    if (m->status) {
        ik_srv_session_close(s);
        out->closed = true;
    }
    return 0;
}

/* RAKP message 1 (section 13.20) in state OPENED (or again in RAKP2, if RAKP 2 was lost). */
static int rx_rakp1(struct ik_srv_session *s, const struct ik_srv_config *cfg,
                    const struct ik_rp *p, uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_rakp1 q;
    struct ik_rakp_msg r;
    struct ik_srv_user u;
    memset(&r, 0, sizeof(r));
    memset(&u, 0, sizeof(u));
    r.sid = s->peer_id;
    int rc = ik_rakp1_decode(p->payload, p->payload_len, &q);
    if (rc) {
        r.tag = p->payload_len ? p->payload[0] : 0;
        r.status = rc == IK_E_RANGE ? IK_RAKP_BAD_NAME_LENGTH : IK_RAKP_ILLEGAL_PARAMETER;
        return send_rakp(s, 2, &r, tx, cap, out);
    }
    r.tag = q.tag;
    uint8_t want = q.role & 0x0F;
    bool name_only = (q.role & IK_RAKP_ROLE_NAME_ONLY) != 0;
    if (!priv_valid(want)) {
        r.status = IK_RAKP_BAD_ROLE;
    } else if (q.name_len == 0 && !cfg->null_users) {
        r.status = IK_RAKP_UNAUTHORIZED_NAME;
    } else if (q.name_len == 0 && !name_only) {
        /* Role-based lookup: a null name and bit 4 clear (section 13.20). */
        if (!cfg->users.by_role || cfg->users.by_role(cfg->users.ctx, want, &u) || !u.enabled)
            r.status = IK_RAKP_UNAUTHORIZED_NAME;
    } else if ((rc = lookup_user(cfg, q.name, q.name_len, &u)) != 0) {
        /* IK_E_LIMIT: a user the engine cannot admit now (its session limit). */
        r.status = rc == IK_E_LIMIT ? IK_RAKP_NO_RESOURCES : IK_RAKP_UNAUTHORIZED_NAME;
    }
    if (r.status == 0) {
        uint8_t limit = min_u8(min_u8(u.priv_limit, cfg->chan_priv_limit), s->max_priv);
        if (!priv_valid(u.priv_limit))
            r.status = IK_RAKP_UNAUTHORIZED_NAME;
        else if (want > limit || (!name_only && want > u.priv_limit))
            r.status = IK_RAKP_UNAUTHORIZED_ROLE;
    }
    if (r.status == 0 && cfg->rng.fill(cfg->rng.ctx, s->rk.rc, IK_RAKP_RAND_LEN))
        r.status = IK_RAKP_NO_RESOURCES;
    if (r.status == 0) {
        struct ik_rakp_ctx *k = &s->rk;
        k->sid_m = s->peer_id;
        k->sid_c = s->id;
        memcpy(k->rm, q.rm, IK_RAKP_RAND_LEN);
        memcpy(k->guid, cfg->guid, IK_RAKP_GUID_LEN);
        k->role = q.role;
        k->name_len = q.name_len;
        memcpy(k->name, q.name, q.name_len);
        memcpy(k->kuid, u.password, sizeof(k->kuid));
        memcpy(k->kg, cfg->kg, sizeof(k->kg));
        k->kg_set = cfg->kg_set;
        memcpy(s->keys.pw, u.password, sizeof(s->keys.pw));
        s->uid = u.uid;
        s->max_priv = want;
        memcpy(r.rc, k->rc, IK_RAKP_RAND_LEN);
        memcpy(r.guid, k->guid, IK_RAKP_GUID_LEN);
        rc = ik_rakp2_code(k, r.code);
        if (rc < 0)
            r.status = IK_RAKP_NO_RESOURCES;
        else
            r.code_len = (uint8_t)rc;
        s->state = IK_SRV_S20_RAKP2;
    }
    ik_cleanse(&u, sizeof(u));
    return send_rakp(s, 2, &r, tx, cap, out);
}

/* RAKP message 3 (section 13.22) in state RAKP2: check the console's code, derive the
 * session keys, answer RAKP 4 and go active. */
static int rx_rakp3(struct ik_srv_session *s, const struct ik_rp *p, uint8_t *tx, size_t cap,
                    struct ik_srv_out *out)
{
    struct ik_rakp_msg q, r;
    uint8_t want[IK_HASH_MAX_LEN], sik[IK_HASH_MAX_LEN], k2[IK_HASH_MAX_LEN];
    memset(&r, 0, sizeof(r));
    r.sid = s->peer_id;
    if (ik_rakp_msg_decode(3, p->payload, p->payload_len, &q)) {
        r.tag = p->payload_len ? p->payload[0] : 0;
        r.status = IK_RAKP_ILLEGAL_PARAMETER;
        return send_rakp(s, 4, &r, tx, cap, out);
    }
    r.tag = q.tag;
    if (q.status != IK_RAKP_OK) {
        /* The console rejected our RAKP 2 (e.g. wrong password on its side). */
        ik_srv_session_close(s);
        drop(out, IK_SRV_DROP_PEER_ABORT);
        out->closed = true;
        return 0;
    }
    int n = ik_rakp3_code(&s->rk, want);
    if (n < 0 || q.code_len != n || !ik_ct_equal(want, q.code, (size_t)n)) {
        r.status = IK_RAKP_BAD_ICV;
        return send_rakp(s, 4, &r, tx, cap, out);
    }
    int sik_len = ik_rakp_sik(&s->rk, sik);
    int ok = sik_len >= 0;
    if (ok && sik_len > 0) {
        int k1 = ik_rakp_kn(s->rk.auth_alg, sik, (size_t)sik_len, 1, s->keys.k1);
        int k2n = ik_rakp_kn(s->rk.auth_alg, sik, (size_t)sik_len, 2, k2);
        ok = k1 > 0 && k2n >= 16;
        if (ok) {
            s->keys.k1_len = (size_t)k1;
            memcpy(s->keys.aes, k2, 16);
            n = ik_rakp4_icv(&s->rk, sik, (size_t)sik_len, r.code);
            ok = n >= 0;
            r.code_len = (uint8_t)(ok ? n : 0);
        }
    }
    ik_cleanse(sik, sizeof(sik));
    ik_cleanse(k2, sizeof(k2));
    ik_cleanse(want, sizeof(want));
    if (!ok) {
        r.status = IK_RAKP_NO_RESOURCES;
        return send_rakp(s, 4, &r, tx, cap, out);
    }
    s->state = IK_SRV_ACTIVE;
    s->priv = min_u8(IK_PRIV_USER, s->max_priv);
    ik_seqwin_init(&s->rxwin, 1);
    s->out_seq = 1;
    return send_rakp(s, 4, &r, tx, cap, out);
}

/* Wrap a response message for this session's framing. */
int ik_srv_wrap(struct ik_srv_session *s, const struct ik_srv_config *cfg, const uint8_t *msg,
                size_t len, uint8_t *tx, size_t cap, size_t *written)
{
    if (!s || !cfg || !msg || !tx || !written)
        return IK_E_INVAL;
    if (s->state != IK_SRV_ACTIVE)
        return IK_E_STATE;
    if (s->v20)
        return ik_rp_seal(&s->keys, &cfg->rng, IK_PT_IPMI, s->peer_id, next_out_seq(s), msg, len,
                          tx, cap, written);
    return ik_s15_encode(s->auth_type, next_out_seq(s), s->id, s->password, msg, len, tx, cap,
                         written);
}

/* Session commands the library answers itself inside a session. Returns the response
 * data length (0 = not ours, deliver to the engine). */
static size_t session_command(struct ik_srv_session *s, const struct ik_srv_config *cfg,
                              const struct ik_ipmimsg *m, uint8_t *data, bool *closes)
{
    if (m->netfn != IK_NETFN_APP)
        return 0;
    switch (m->cmd) {
    case IK_CMD_GET_AUTH_CAPS:
        return answer_authcap(cfg, m, data);
    case IK_CMD_GET_CIPHER_SUITES:
        return answer_suites(cfg, m, data);
    case IK_CMD_SET_SESSION_PRIV: {
        /* Set Session Privilege Level: 0 reports the current level; above the session maximum is
         * 81h. */
        if (m->data_len != 1) {
            data[0] = 0xC7;
            return 1;
        }
        uint8_t want = m->data[0] & 0x0F;
        if (want == 0)
            want = s->priv;
        if (!priv_valid(want) || want == IK_PRIV_CALLBACK) {
            data[0] = 0xCC;
            return 1;
        }
        if (want > s->max_priv) {
            data[0] = 0x81; /* exceeds channel and/or user privilege limit */
            return 1;
        }
        s->priv = want;
        data[0] = 0;
        data[1] = want;
        return 2;
    }
    case IK_CMD_CLOSE_SESSION: {
        struct ik_close_req q;
        if (ik_close_req_decode(m->data, m->data_len, &q)) {
            data[0] = 0xC7;
            return 1;
        }
        if (q.sid != s->id)
            return 0; /* another session: the engine owns the table */
        data[0] = 0;
        *closes = true;
        return 1;
    }
    }
    return 0;
}

/* An authenticated, in-window request: answer it here or hand it to the engine. */
static int dispatch(struct ik_srv_session *s, const struct ik_srv_config *cfg, ik_time_us now,
                    const uint8_t *msg, size_t len, uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_ipmimsg m;
    enum ik_srv_drop d = decode_request(msg, len, &m);
    if (d) {
        drop(out, d);
        return 0;
    }
    s->last_rx = now;
    uint8_t data[2 + IK_CIPHER_PAGE], rsp[64];
    size_t n, rlen;
    bool closes = false;
    n = session_command(s, cfg, &m, data, &closes);
    if (n == 0) {
        out->act = IK_SRV_DELIVER;
        out->req = m;
        return 0;
    }
    int rc = build_response(&m, data, n, rsp, sizeof(rsp), &rlen);
    if (rc == 0)
        rc = ik_srv_wrap(s, cfg, rsp, rlen, tx, cap, &out->tx_len);
    if (rc) {
        drop(out, IK_SRV_DROP_INTERNAL);
        return 0;
    }
    out->act = IK_SRV_REPLY;
    out->cc = data[0];
    if (closes) {
        ik_srv_session_close(s);
        out->closed = true;
    }
    return 0;
}

static int rx_v20(struct ik_srv_session *s, const struct ik_srv_config *cfg, ik_time_us now,
                  const uint8_t *dgram, size_t len, uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_rp p;
    if (ik_rp_decode(dgram, len, &p)) {
        drop(out, IK_SRV_DROP_MALFORMED);
        return 0;
    }
    switch (p.payload_type) {
    case IK_PT_OPEN_REQ:
        if (s->state != IK_SRV_FREE || p.sid != 0) {
            drop(out, IK_SRV_DROP_STATE);
            return 0;
        }
        s->last_rx = now;
        return rx_open(s, cfg, &p, tx, cap, out);
    case IK_PT_RAKP1:
        if (!s->v20 || (s->state != IK_SRV_S20_OPENED && s->state != IK_SRV_S20_RAKP2) ||
            p.sid != 0) {
            drop(out, IK_SRV_DROP_STATE);
            return 0;
        }
        s->last_rx = now;
        return rx_rakp1(s, cfg, &p, tx, cap, out);
    case IK_PT_RAKP3:
        if (!s->v20 || s->state != IK_SRV_S20_RAKP2 || p.sid != 0) {
            drop(out, IK_SRV_DROP_STATE);
            return 0;
        }
        s->last_rx = now;
        return rx_rakp3(s, &p, tx, cap, out);
    case IK_PT_IPMI:
        break;
    default:
        drop(out, IK_SRV_DROP_NOT_REQUEST);
        return 0;
    }
    if (!s->v20 || s->state != IK_SRV_ACTIVE) {
        drop(out, IK_SRV_DROP_STATE);
        return 0;
    }
    if (p.sid != s->id) {
        drop(out, IK_SRV_DROP_SESSION_ID);
        return 0;
    }
    enum ik_rp_reject why;
    size_t plen;
    if (ik_rp_open(&s->keys, dgram, len, &p, s->rxbuf, sizeof(s->rxbuf), &plen, &why)) {
        static const enum ik_srv_drop map[] = {
            [IK_RP_OK] = IK_SRV_DROP_MALFORMED,
            [IK_RP_NOT_AUTHENTICATED] = IK_SRV_DROP_UNAUTHENTICATED,
            [IK_RP_NOT_ENCRYPTED] = IK_SRV_DROP_UNAUTHENTICATED,
            [IK_RP_BAD_TRAILER] = IK_SRV_DROP_TRAILER,
            [IK_RP_BAD_AUTHCODE] = IK_SRV_DROP_AUTHCODE,
            [IK_RP_BAD_CIPHERTEXT] = IK_SRV_DROP_DECRYPT,
        };
        drop(out, map[why]);
        return 0;
    }
    /* RMCP+ window: 16 behind (unseen), 15 ahead. */
    enum ik_srv_drop d = seq_accept(s, p.seq, 16, 15);
    if (d) {
        drop(out, d);
        return 0;
    }
    return dispatch(s, cfg, now, s->rxbuf, plen, tx, cap, out);
}

/* 1.5 Activate Session (lanmsg.h) in state CHALLENGED. */
static int rx_activate(struct ik_srv_session *s, const struct ik_srv_config *cfg,
                       const struct ik_ipmimsg *m, uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_act_req q;
    struct ik_act_rsp r;
    uint8_t data[16], rsp[48];
    size_t n, rlen;

    memset(&r, 0, sizeof(r));
    if (m->netfn != IK_NETFN_APP || m->cmd != IK_CMD_ACTIVATE_SESSION) {
        drop(out, IK_SRV_DROP_STATE);
        return 0;
    }
    if (ik_act_req_decode(m->data, m->data_len, &q)) {
        r.cc = 0xC7;
    } else if (!ik_ct_equal(q.challenge, s->challenge, 16)) {
        drop(out, IK_SRV_DROP_CHALLENGE);
        return 0;
    } else if (q.auth_type != s->auth_type) {
        r.cc = 0xCC;
    } else if (!priv_valid(q.max_priv)) {
        r.cc = 0xCC;
    } else if (q.max_priv > min_u8(s->max_priv, cfg->chan_priv_limit)) {
        r.cc = 0x86; /* exceeds user and/or channel privilege limit */
    } else {
        uint32_t in_seq = 0;
        uint8_t rnd[4];
        if (cfg->rng.fill(cfg->rng.ctx, rnd, 4)) {
            r.cc = 0xFF;
        } else {
            in_seq = (uint32_t)rnd[0] | (uint32_t)rnd[1] << 8 | (uint32_t)rnd[2] << 16 |
                     (uint32_t)(rnd[3] & 0x7F) << 24;
            if (in_seq == 0)
                in_seq = 1;
            s->max_priv = q.max_priv;
            s->priv = min_u8(IK_PRIV_USER, q.max_priv);
            s->out_seq = q.out_seq;
            ik_seqwin_init(&s->rxwin, in_seq);
            r.auth_type = s->auth_type;
            r.sid = s->id;
            r.in_seq = in_seq;
            r.max_priv = q.max_priv;
        }
    }
    if (ik_act_rsp_encode(&r, data, sizeof(data), &n) ||
        build_response(m, data, n, rsp, sizeof(rsp), &rlen))
        return IK_E_NOSPACE;
    /* The reply is authenticated like the request (temporary ID = session ID here). Its
     * sequence number is the console's initial outbound number; the first in-session
     * response carries the next one. */
    int rc = ik_s15_encode(s->auth_type, r.cc ? 0 : next_out_seq(s), s->id, s->password, rsp, rlen,
                           tx, cap, &out->tx_len);
    if (rc)
        return rc;
    out->act = IK_SRV_REPLY;
    out->cc = r.cc;
    if (r.cc) {
        ik_srv_session_close(s);
        out->closed = true;
    } else {
        s->state = IK_SRV_ACTIVE;
    }
    return 0;
}

static int rx_v15(struct ik_srv_session *s, const struct ik_srv_config *cfg, ik_time_us now,
                  const uint8_t *dgram, size_t len, uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_s15 pkt;
    struct ik_ipmimsg m;
    if (ik_s15_decode(dgram, len, &pkt)) {
        drop(out, IK_SRV_DROP_MALFORMED);
        return 0;
    }
    if (s->state == IK_SRV_FREE) {
        enum ik_srv_drop d = decode_request(pkt.msg, pkt.msg_len, &m);
        if (d) {
            drop(out, d);
            return 0;
        }
        if (pkt.sid != 0 || pkt.auth_type != IK_AUTH_NONE || m.netfn != IK_NETFN_APP ||
            m.cmd != IK_CMD_GET_SESSION_CHAL) {
            drop(out, IK_SRV_DROP_STATE);
            return 0;
        }
        s->last_rx = now;
        return rx_challenge(s, cfg, &m, tx, cap, out);
    }
    if (s->v20 || (s->state != IK_SRV_S15_CHALLENGED && s->state != IK_SRV_ACTIVE)) {
        drop(out, IK_SRV_DROP_STATE);
        return 0;
    }
    if (pkt.sid != s->id) {
        drop(out, IK_SRV_DROP_SESSION_ID);
        return 0;
    }
    if (pkt.auth_type != s->auth_type) {
        drop(out, IK_SRV_DROP_AUTH_TYPE);
        return 0;
    }
    if (!ik_s15_verify(&pkt, s->password)) {
        drop(out, IK_SRV_DROP_AUTHCODE);
        return 0;
    }
    if (s->state == IK_SRV_S15_CHALLENGED) {
        enum ik_srv_drop d = decode_request(pkt.msg, pkt.msg_len, &m);
        if (d) {
            drop(out, d);
            return 0;
        }
        if (pkt.seq != 0) {
            drop(out, IK_SRV_DROP_SEQ_WINDOW);
            return 0;
        }
        s->last_rx = now;
        return rx_activate(s, cfg, &m, tx, cap, out);
    }
    /* 1.5 window: within 8 either side of the highest accepted, no repeats. */
    enum ik_srv_drop d = seq_accept(s, pkt.seq, 8, 8);
    if (d) {
        drop(out, d);
        return 0;
    }
    if (pkt.msg_len == 0 || pkt.msg_len > sizeof(s->rxbuf)) {
        drop(out, IK_SRV_DROP_MALFORMED);
        return 0;
    }
    memcpy(s->rxbuf, pkt.msg, pkt.msg_len);
    return dispatch(s, cfg, now, s->rxbuf, pkt.msg_len, tx, cap, out);
}

int ik_srv_rx(struct ik_srv_session *s, const struct ik_srv_config *cfg, ik_time_us now,
              const uint8_t *dgram, size_t len, uint8_t *tx, size_t cap, struct ik_srv_out *out)
{
    struct ik_rmcp rmcp;
    if (!s || !cfg || !out || !tx || (len && !dgram))
        return IK_E_INVAL;
    out_reset(out);
    if (s->state == IK_SRV_CLOSED) {
        drop(out, IK_SRV_DROP_CLOSED);
        return 0;
    }
    if (ik_rmcp_decode(dgram, len, &rmcp) || rmcp.ack || rmcp.cls != IK_RMCP_CLASS_IPMI ||
        rmcp.body_len == 0) {
        drop(out, IK_SRV_DROP_MALFORMED);
        return 0;
    }
    if (rmcp.body[0] == IK_AUTH_RMCPP)
        return rx_v20(s, cfg, now, dgram, len, tx, cap, out);
    /* 1.5 at all? (The session's own auth type is checked in rx_v15.) */
    if (cfg->auth15 == 0) {
        drop(out, IK_SRV_DROP_AUTH_TYPE);
        return 0;
    }
    return rx_v15(s, cfg, now, dgram, len, tx, cap, out);
}
