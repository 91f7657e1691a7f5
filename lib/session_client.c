/* The console side of IPMI 1.5 and RMCP+ sessions (states in session_client.h). */
#include "session_client.h"

#include <stdarg.h>
#include <stdio.h>

#include "cipher.h"
#include "cursor.h"
#include "rmcp.h"
#include "session15.h"

void ik_lanc_config_defaults(struct ik_lanc_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->priv = IK_PRIV_ADMIN;
    cfg->auth15 = IK_LANC_AUTH_AUTO;
    cfg->suite = IK_LANC_SUITE_AUTO;
    cfg->name_only = true;
    cfg->timeout = IK_US_PER_S;
    cfg->suite_timeout = 300 * IK_US_PER_MS;
    cfg->retries = 3;
    cfg->rng = ik_rng_system;
}

/* ---- step helpers ------------------------------------------------------------------- */

static int fail(struct ik_lanc *c, struct ik_sm_step *step, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(struct ik_lanc *c, struct ik_sm_step *step, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
    va_end(ap);
    c->state = IK_LANC_FAILED;
    ik_lanc_wipe(c);
    memset(step, 0, sizeof(*step));
    step->act = IK_SM_FAIL;
    step->err = err;
    step->reason = c->reason;
    return 0;
}

static void wait_step(const struct ik_lanc *c, struct ik_sm_step *step)
{
    memset(step, 0, sizeof(*step));
    step->act = IK_SM_WAIT;
    step->deadline = c->deadline;
}

static void send_step(struct ik_lanc *c, ik_time_us now, ik_time_us timeout,
                      struct ik_sm_step *step)
{
    c->deadline = now + timeout;
    memset(step, 0, sizeof(*step));
    step->act = IK_SM_SEND;
    step->tx = c->tx;
    step->tx_len = c->tx_len;
    step->deadline = c->deadline;
}

static void done_step(struct ik_sm_step *step)
{
    memset(step, 0, sizeof(*step));
    step->act = IK_SM_DONE;
}

static uint32_t rand32_nonzero(struct ik_lanc *c)
{
    uint8_t b[4];
    uint32_t v = 0;
    while (v == 0) {
        if (c->cfg.rng.fill(c->cfg.rng.ctx, b, 4))
            return 0;
        v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    }
    return v;
}

static const char *auth_name(uint8_t t)
{
    switch (t) {
    case IK_AUTH_NONE:
        return "NONE";
    case IK_AUTH_MD2:
        return "MD2";
    case IK_AUTH_MD5:
        return "MD5";
    case IK_AUTH_PASSWORD:
        return "PASSWORD";
    }
    return "?";
}

/* ---- building requests -------------------------------------------------------------- */

/* A request outside any session: 1.5 framing, auth type none, session 0. */
static int build_sessionless(struct ik_lanc *c, uint8_t cmd, const uint8_t *data, size_t len)
{
    uint8_t msg[64];
    size_t mlen;
    c->rq_seq = (uint8_t)((c->rq_seq + 1) & 0x3F);
    c->req_netfn = IK_NETFN_APP;
    c->req_cmd = cmd;
    int rc = ik_lanmsg_request(IK_NETFN_APP, cmd, c->rq_seq, data, len, msg, sizeof(msg), &mlen);
    if (rc == 0)
        rc = ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, mlen, c->tx, sizeof(c->tx), &c->tx_len);
    return rc;
}

/* The in-flight request (req_*) sealed for the session with a fresh sequence number. */
static int build_in_session(struct ik_lanc *c)
{
    uint8_t msg[IK_LANC_MAX_REQ + 8];
    size_t mlen;
    int rc = ik_lanmsg_request(c->req_netfn, c->req_cmd, c->rq_seq, c->req_data, c->req_len, msg,
                               sizeof(msg), &mlen);
    if (rc)
        return rc;
    uint32_t seq = c->out_seq++;
    if (c->out_seq == 0)
        c->out_seq = 1;
    if (c->cfg.v15)
        return ik_s15_encode(c->auth_type, seq, c->sid, c->cfg.password, msg, mlen, c->tx,
                             sizeof(c->tx), &c->tx_len);
    return ik_rp_seal(&c->keys, &c->cfg.rng, IK_PT_IPMI, c->sid, seq, msg, mlen, c->tx,
                      sizeof(c->tx), &c->tx_len);
}

static int start_in_session(struct ik_lanc *c, ik_time_us now, enum ik_lanc_state st, uint8_t netfn,
                            uint8_t cmd, const uint8_t *data, size_t len, struct ik_sm_step *step)
{
    if (len > sizeof(c->req_data))
        return IK_E_RANGE;
    c->rq_seq = (uint8_t)((c->rq_seq + 1) & 0x3F);
    c->req_netfn = netfn;
    c->req_cmd = cmd;
    if (len)
        memcpy(c->req_data, data, len);
    c->req_len = len;
    int rc = build_in_session(c);
    if (rc)
        return fail(c, step, rc, "cannot build request (NetFn %02Xh cmd %02Xh)", netfn, cmd);
    c->state = st;
    c->tries = 0;
    c->cur_timeout = c->cfg.timeout;
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

static int send_authcap(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step)
{
    struct ik_authcap_req q = {IK_CHANNEL_THIS, !c->cfg.v15, c->cfg.priv};
    uint8_t d[2];
    size_t n;
    int rc = ik_authcap_req_encode(&q, d, sizeof(d), &n);
    if (rc == 0)
        rc = build_sessionless(c, IK_CMD_GET_AUTH_CAPS, d, n);
    if (rc)
        return fail(c, step, rc, "cannot build Get Channel Authentication Capabilities");
    c->state = IK_LANC_AUTHCAP;
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

static int send_suites(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step)
{
    struct ik_suites_req q = {IK_CHANNEL_THIS, IK_PT_IPMI, true, c->suite_page};
    uint8_t d[3];
    size_t n;
    int rc = ik_suites_req_encode(&q, d, sizeof(d), &n);
    if (rc == 0)
        rc = build_sessionless(c, IK_CMD_GET_CIPHER_SUITES, d, n);
    if (rc)
        return fail(c, step, rc, "cannot build Get Channel Cipher Suites");
    c->state = IK_LANC_SUITES;
    c->tries = 0;
    send_step(c, now, c->cfg.suite_timeout, step);
    return 0;
}

static int send_open(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step)
{
    struct ik_cipher_suite s;
    struct ik_open_req q;
    uint8_t payload[32];
    size_t n;
    c->suite = c->candidates[c->cand];
    ik_cipher_suite_get(c->suite, &s);
    c->my_sid = rand32_nonzero(c);
    c->tag++;
    q.tag = c->tag;
    q.max_priv = c->cfg.priv;
    q.sid_m = c->my_sid;
    q.auth_alg = s.auth;
    q.integ_alg = s.integ;
    q.conf_alg = s.conf;
    c->rk.auth_alg = s.auth;
    c->keys.integ = s.integ;
    c->keys.conf = s.conf;
    int rc = ik_open_req_encode(&q, payload, sizeof(payload), &n);
    if (rc == 0)
        rc = ik_rp_seal(NULL, NULL, IK_PT_OPEN_REQ, 0, 0, payload, n, c->tx, sizeof(c->tx),
                        &c->tx_len);
    if (rc || c->my_sid == 0)
        return fail(c, step, rc ? rc : IK_E_CRYPTO, "cannot build Open Session Request");
    c->state = IK_LANC_OPEN;
    c->tries = 0;
    /* A fallback guess that is not the last one gets the short timeout and no retry: a
     * BMC may silently ignore suites it lacks (ipmi_sim does with 17). */
    c->probing = c->cand + 1 < c->n_candidates;
    c->cur_timeout = c->probing ? c->cfg.suite_timeout : c->cfg.timeout;
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

static int send_challenge(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step)
{
    struct ik_chal_req q;
    uint8_t d[17];
    size_t n;
    memset(&q, 0, sizeof(q));
    q.auth_type = c->auth_type;
    memcpy(q.name, c->cfg.user, c->cfg.user_len);
    int rc = ik_chal_req_encode(&q, d, sizeof(d), &n);
    if (rc == 0)
        rc = build_sessionless(c, IK_CMD_GET_SESSION_CHAL, d, n);
    if (rc)
        return fail(c, step, rc, "cannot build Get Session Challenge");
    c->state = IK_LANC_CHALLENGE;
    c->tries = 0;
    c->cur_timeout = c->cfg.timeout;
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

/* ---- start / timer ------------------------------------------------------------------ */

int ik_lanc_start(struct ik_lanc *c, const struct ik_lanc_config *cfg, ik_time_us now,
                  struct ik_sm_step *step)
{
    if (!c || !cfg || !step || !cfg->rng.fill)
        return IK_E_INVAL;
    if (cfg->user_len > 16 || cfg->priv < IK_PRIV_CALLBACK || cfg->priv > IK_PRIV_OEM ||
        (cfg->suite != IK_LANC_SUITE_AUTO && (cfg->suite < 0 || cfg->suite > IK_CIPHER_MAX_ID)))
        return IK_E_RANGE;
    memset(c, 0, sizeof(*c));
    c->cfg = *cfg;
    if (c->cfg.timeout == 0)
        c->cfg.timeout = IK_US_PER_S;
    if (c->cfg.suite_timeout == 0)
        c->cfg.suite_timeout = 300 * IK_US_PER_MS;
    if (c->cfg.retries < 0)
        c->cfg.retries = 0;
    c->cur_timeout = c->cfg.timeout;
    c->rq_seq = 0;
    return send_authcap(c, now, step);
}

/* The state's own timeout policy: retransmit, fall back, or give up. */
int ik_lanc_timer(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step)
{
    if (!c || !step)
        return IK_E_INVAL;
    if (c->state == IK_LANC_READY || c->state == IK_LANC_CLOSED) {
        done_step(step);
        return 0;
    }
    if (c->state == IK_LANC_FAILED || c->state == IK_LANC_IDLE)
        return fail(c, step, IK_E_STATE, "%s", c->reason[0] ? c->reason : "no session");
    if (now < c->deadline) {
        wait_step(c, step);
        return 0;
    }
    switch (c->state) {
    case IK_LANC_SUITES:
        /* No answer to the cipher-suite query: do not retry, try 17 then 3. */
        c->candidates[0] = 17;
        c->candidates[1] = 3;
        c->n_candidates = 2;
        c->cand = 0;
        return send_open(c, now, step);
    case IK_LANC_OPEN:
        if (c->probing) {
            c->cand++;
            return send_open(c, now, step);
        }
        break;
    case IK_LANC_CLOSING:
        ik_lanc_wipe(c);
        c->state = IK_LANC_CLOSED;
        done_step(step);
        return 0;
    default:
        break;
    }
    if (c->tries >= c->cfg.retries) {
        static const char *const what[] = {
            [IK_LANC_AUTHCAP] = "Get Channel Authentication Capabilities",
            [IK_LANC_RAKP1] = "RAKP 1",
            [IK_LANC_RAKP3] = "RAKP 3",
            [IK_LANC_CHALLENGE] = "Get Session Challenge",
            [IK_LANC_ACTIVATE] = "Activate Session",
            [IK_LANC_SETPRIV] = "Set Session Privilege Level",
            [IK_LANC_REQUEST] = "request",
        };
        if (c->state == IK_LANC_OPEN && c->cand + 1 < c->n_candidates) {
            c->cand++;
            return send_open(c, now, step);
        }
        if (c->state == IK_LANC_OPEN)
            return fail(c, step, IK_E_TIMEOUT,
                        "Open Session (suite %u): no answer after %d tries - the BMC may "
                        "not support this cipher suite",
                        c->suite, c->tries + 1);
        if (c->state == IK_LANC_ACTIVATE)
            return fail(c, step, IK_E_TIMEOUT,
                        "Activate Session: no answer - wrong password or auth type %s?",
                        auth_name(c->auth_type));
        return fail(c, step, IK_E_TIMEOUT, "%s: no answer after %d tries",
                    what[c->state] ? what[c->state] : "message", c->tries + 1);
    }
    c->tries++;
    if (c->cur_timeout < 4 * c->cfg.timeout)
        c->cur_timeout *= 2;
    /* In-session messages need a fresh sequence number; the rest resend as they were. */
    if (c->state == IK_LANC_SETPRIV || c->state == IK_LANC_REQUEST) {
        int rc = build_in_session(c);
        if (rc)
            return fail(c, step, rc, "cannot rebuild request");
    }
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

/* ---- receiving ---------------------------------------------------------------------- */

/* The IPMI response to the message in flight, from a sessionless reply (1.5 auth none or
 * RMCP+ unauthenticated, session 0). Returns false if dgram is not it. */
static bool sessionless_response(struct ik_lanc *c, const uint8_t *dgram, size_t len,
                                 struct ik_ipmimsg *m)
{
    const uint8_t *msg;
    size_t mlen;
    struct ik_rmcp rmcp;
    if (ik_rmcp_decode(dgram, len, &rmcp) || rmcp.cls != IK_RMCP_CLASS_IPMI || !rmcp.body_len)
        return false;
    if (rmcp.body[0] == IK_AUTH_RMCPP) {
        struct ik_rp p;
        if (ik_rp_decode(dgram, len, &p) || p.payload_type != IK_PT_IPMI || p.sid != 0 ||
            p.encrypted || p.authenticated)
            return false;
        msg = p.payload;
        mlen = p.payload_len;
    } else {
        struct ik_s15 s;
        if (ik_s15_decode(dgram, len, &s) || s.auth_type != IK_AUTH_NONE || s.sid != 0)
            return false;
        msg = s.msg;
        mlen = s.msg_len;
    }
    if (ik_ipmimsg_decode(msg, mlen, m) || m->netfn != (c->req_netfn | 1) || m->cmd != c->req_cmd ||
        m->seq != c->rq_seq || m->data_len == 0)
        return false;
    return true;
}

/* The IPMI response to the in-flight request, from an in-session datagram. Checks the
 * session ID, the AuthCode / integrity, decrypts, and applies the receive window. */
static bool session_response(struct ik_lanc *c, const uint8_t *dgram, size_t len,
                             struct ik_ipmimsg *m)
{
    size_t plen;
    if (c->cfg.v15) {
        struct ik_s15 s;
        if (ik_s15_decode(dgram, len, &s))
            return false;
        bool activating = c->state == IK_LANC_ACTIVATE;
        if (s.sid != c->my_sid && !(activating && s.sid == c->temp_sid))
            return false;
        if (s.auth_type != c->auth_type &&
            !(s.auth_type == IK_AUTH_NONE && c->caps.per_msg_disabled))
            return false;
        if (!ik_s15_verify(&s, c->cfg.password))
            return false;
        if (s.msg_len == 0 || s.msg_len > sizeof(c->rsp_buf))
            return false;
        /* OpenIPMI reuses 1.5 sequence numbers: repeats are tolerated, rqSeq decides. */
        if (!activating && ik_seqwin_accept(&c->rxwin, s.seq, 8, 8, true) != IK_SEQWIN_OK)
            return false;
        memcpy(c->rsp_buf, s.msg, s.msg_len);
        plen = s.msg_len;
    } else {
        struct ik_rp p;
        if (ik_rp_decode(dgram, len, &p) || p.payload_type != IK_PT_IPMI || p.sid != c->my_sid)
            return false;
        if (ik_rp_open(&c->keys, dgram, len, &p, c->rsp_buf, sizeof(c->rsp_buf), &plen, NULL))
            return false;
        if (p.seq == 0 || ik_seqwin_accept(&c->rxwin, p.seq, 16, 15, false) != IK_SEQWIN_OK)
            return false;
    }
    if (ik_ipmimsg_decode(c->rsp_buf, plen, m) || m->netfn != (c->req_netfn | 1) ||
        m->cmd != c->req_cmd || m->seq != c->rq_seq || m->data_len == 0)
        return false;
    return true;
}

static void cc_text(char *buf, size_t n, uint8_t cc)
{
    snprintf(buf, n, "CC %02Xh", cc);
}

static int on_authcap(struct ik_lanc *c, ik_time_us now, const struct ik_ipmimsg *m,
                      struct ik_sm_step *step)
{
    char cc[16];
    if (ik_authcap_decode(m->data, m->data_len, &c->caps))
        return fail(c, step, IK_E_PROTOCOL,
                    "Get Channel Authentication Capabilities: malformed response");
    if (c->caps.cc) {
        cc_text(cc, sizeof(cc), c->caps.cc);
        return fail(c, step, IK_E_CC, "Get Channel Authentication Capabilities: BMC returned %s",
                    cc);
    }
    if (!c->cfg.v15) {
        if (!c->caps.ext || !c->caps.v20)
            return fail(c, step, IK_E_UNSUPPORTED,
                        "BMC does not offer IPMI 2.0 / RMCP+ sessions (try IPMI 1.5, -I lan)");
        if (c->cfg.suite == IK_LANC_SUITE_AUTO) {
            c->suite_page = 0;
            c->suite_data_len = 0;
            return send_suites(c, now, step);
        }
        if (!ik_cipher_suite_supported((uint8_t)c->cfg.suite))
            return fail(c, step, IK_E_UNSUPPORTED, "cipher suite %d is not supported here",
                        c->cfg.suite);
        c->candidates[0] = (uint8_t)c->cfg.suite;
        c->n_candidates = 1;
        c->cand = 0;
        return send_open(c, now, step);
    }
    /* IPMI 1.5: the requested auth type, or the strongest the BMC offers. */
    static const uint8_t pref[] = {IK_AUTH_MD5, IK_AUTH_MD2, IK_AUTH_PASSWORD, IK_AUTH_NONE};
    uint8_t offered = c->caps.auth_types;
    if (c->cfg.auth15 != IK_LANC_AUTH_AUTO) {
        if (!(offered & (1u << c->cfg.auth15))) {
            char list[48] = "";
            for (size_t i = 0; i < sizeof(pref); i++)
                if (offered & (1u << pref[i])) {
                    size_t l = strlen(list);
                    snprintf(list + l, sizeof(list) - l, "%s%s", l ? ", " : "", auth_name(pref[i]));
                }
            return fail(c, step, IK_E_UNSUPPORTED,
                        "auth type %s not enabled on the BMC; offered: %s",
                        auth_name(c->cfg.auth15), list[0] ? list : "none");
        }
        c->auth_type = c->cfg.auth15;
    } else {
        size_t i = 0;
        while (i < sizeof(pref) && !(offered & (1u << pref[i])))
            i++;
        if (i == sizeof(pref))
            return fail(c, step, IK_E_UNSUPPORTED, "BMC offers no IPMI 1.5 auth type");
        c->auth_type = pref[i];
    }
    return send_challenge(c, now, step);
}

static int on_suites(struct ik_lanc *c, ik_time_us now, const struct ik_ipmimsg *m,
                     struct ik_sm_step *step)
{
    /* data: CC, channel, up to 16 bytes of records (lanmsg.h). */
    if (m->data[0] != 0 || m->data_len < 2 || m->data_len > 2 + IK_CIPHER_PAGE) {
        /* A BMC that refuses the query: same fallback as one that ignores it. */
        c->candidates[0] = 17;
        c->candidates[1] = 3;
        c->n_candidates = 2;
        c->cand = 0;
        return send_open(c, now, step);
    }
    size_t n = m->data_len - 2;
    if (c->suite_data_len + n > sizeof(c->suite_data))
        return fail(c, step, IK_E_PROTOCOL, "Get Channel Cipher Suites: too many records");
    memcpy(c->suite_data + c->suite_data_len, m->data + 2, n);
    c->suite_data_len += n;
    if (n == IK_CIPHER_PAGE && c->suite_page < IK_CIPHER_MAX_INDEX &&
        c->suite_data_len < sizeof(c->suite_data)) {
        c->suite_page++;
        return send_suites(c, now, step);
    }
    struct ik_cipher_suite list[32];
    size_t count = 0;
    if (ik_cipher_records_decode(c->suite_data, c->suite_data_len, list, 32, &count))
        return fail(c, step, IK_E_PROTOCOL, "Get Channel Cipher Suites: malformed records");
    /* Preference: 17, then 3, then any other the library runs, strongest first. */
    static const uint8_t pref[] = {17, 3, 16, 8, 12, 2, 7, 11, 15, 1, 6};
    for (size_t i = 0; i < sizeof(pref); i++)
        for (size_t j = 0; j < count; j++)
            if (list[j].id == pref[i]) {
                c->candidates[0] = pref[i];
                c->n_candidates = 1;
                c->cand = 0;
                return send_open(c, now, step);
            }
    char ids[96] = "";
    for (size_t j = 0; j < count; j++) {
        size_t l = strlen(ids);
        snprintf(ids + l, sizeof(ids) - l, "%s%u", l ? ", " : "", list[j].id);
    }
    return fail(c, step, IK_E_UNSUPPORTED, "no usable cipher suite offered; offered: %s",
                ids[0] ? ids : "none");
}

static const char *status_text(uint8_t st)
{
    const char *s = ik_rakp_status_name(st);
    return s ? s : "an unknown status";
}

static int on_open(struct ik_lanc *c, ik_time_us now, const struct ik_rp *p,
                   struct ik_sm_step *step)
{
    struct ik_open_rsp r;
    if (ik_open_rsp_decode(p->payload, p->payload_len, &r) || r.tag != c->tag ||
        r.sid_m != c->my_sid) {
        wait_step(c, step); /* not ours (a stale answer to an earlier suite) */
        return 0;
    }
    if (r.status) {
        if (c->cand + 1 < c->n_candidates) {
            c->cand++;
            return send_open(c, now, step);
        }
        return fail(c, step, IK_E_AUTH, "Open Session: BMC reported %s (suite %u)",
                    status_text(r.status), c->suite);
    }
    if (r.auth_alg != c->rk.auth_alg || r.integ_alg != c->keys.integ ||
        r.conf_alg != c->keys.conf || r.sid_c == 0)
        return fail(c, step, IK_E_PROTOCOL,
                    "Open Session: BMC answered with other algorithms than suite %u", c->suite);
    c->sid = r.sid_c;
    c->priv = r.max_priv;
    /* RAKP 1. */
    struct ik_rakp1 q;
    uint8_t payload[28 + 16];
    size_t n;
    memset(&q, 0, sizeof(q));
    c->tag++;
    q.tag = c->tag;
    q.sid_c = c->sid;
    if (c->cfg.rng.fill(c->cfg.rng.ctx, q.rm, IK_RAKP_RAND_LEN))
        return fail(c, step, IK_E_CRYPTO, "no random numbers for RAKP 1");
    q.role = (uint8_t)(c->cfg.priv | (c->cfg.name_only ? IK_RAKP_ROLE_NAME_ONLY : 0));
    q.name_len = c->cfg.user_len;
    memcpy(q.name, c->cfg.user, c->cfg.user_len);
    struct ik_rakp_ctx *k = &c->rk;
    k->sid_m = c->my_sid;
    k->sid_c = c->sid;
    memcpy(k->rm, q.rm, 16);
    k->role = q.role;
    k->name_len = q.name_len;
    memcpy(k->name, q.name, q.name_len);
    memcpy(k->kuid, c->cfg.password, 20);
    memcpy(k->kg, c->cfg.kg, 20);
    k->kg_set = c->cfg.kg_set;
    memcpy(c->keys.pw, c->cfg.password, 20);
    int rc = ik_rakp1_encode(&q, payload, sizeof(payload), &n);
    if (rc == 0)
        rc =
            ik_rp_seal(NULL, NULL, IK_PT_RAKP1, 0, 0, payload, n, c->tx, sizeof(c->tx), &c->tx_len);
    if (rc)
        return fail(c, step, rc, "cannot build RAKP 1");
    c->state = IK_LANC_RAKP1;
    c->tries = 0;
    c->cur_timeout = c->cfg.timeout;
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

static int on_rakp2(struct ik_lanc *c, ik_time_us now, const struct ik_rp *p,
                    struct ik_sm_step *step)
{
    struct ik_rakp_msg r, q;
    uint8_t want[IK_HASH_MAX_LEN];
    if (ik_rakp_msg_decode(2, p->payload, p->payload_len, &r) || r.tag != c->tag ||
        r.sid != c->my_sid) {
        wait_step(c, step);
        return 0;
    }
    if (r.status)
        return fail(c, step, IK_E_AUTH, "RAKP 2: BMC reported %s", status_text(r.status));
    memcpy(c->rk.rc, r.rc, 16);
    memcpy(c->rk.guid, r.guid, 16);
    int n = ik_rakp2_code(&c->rk, want);
    if (n < 0)
        return fail(c, step, n, "RAKP 2: cannot compute the key exchange auth code");
    if (r.code_len != n || !ik_ct_equal(want, r.code, (size_t)n))
        return fail(c, step, IK_E_AUTH,
                    "RAKP 2: key exchange auth code mismatch - wrong password?");
    int sl = ik_rakp_sik(&c->rk, c->sik);
    if (sl < 0)
        return fail(c, step, sl, "RAKP 2: cannot compute the session integrity key");
    c->sik_len = (size_t)sl;
    if (sl > 0) {
        uint8_t k2[IK_HASH_MAX_LEN];
        int k1 = ik_rakp_kn(c->rk.auth_alg, c->sik, c->sik_len, 1, c->keys.k1);
        int k2n = ik_rakp_kn(c->rk.auth_alg, c->sik, c->sik_len, 2, k2);
        if (k1 <= 0 || k2n < 16)
            return fail(c, step, IK_E_CRYPTO, "RAKP 2: cannot derive K1/K2");
        c->keys.k1_len = (size_t)k1;
        memcpy(c->keys.aes, k2, 16);
        ik_cleanse(k2, sizeof(k2));
    }
    memset(&q, 0, sizeof(q));
    c->tag++;
    q.tag = c->tag;
    q.sid = c->sid;
    n = ik_rakp3_code(&c->rk, q.code);
    if (n < 0)
        return fail(c, step, n, "RAKP 3: cannot compute the key exchange auth code");
    q.code_len = (uint8_t)n;
    uint8_t payload[8 + IK_HASH_MAX_LEN];
    size_t plen;
    int rc = ik_rakp_msg_encode(3, &q, payload, sizeof(payload), &plen);
    if (rc == 0)
        rc = ik_rp_seal(NULL, NULL, IK_PT_RAKP3, 0, 0, payload, plen, c->tx, sizeof(c->tx),
                        &c->tx_len);
    ik_cleanse(&q, sizeof(q));
    if (rc)
        return fail(c, step, rc, "cannot build RAKP 3");
    c->state = IK_LANC_RAKP3;
    c->tries = 0;
    c->cur_timeout = c->cfg.timeout;
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

static int on_rakp4(struct ik_lanc *c, ik_time_us now, const struct ik_rp *p,
                    struct ik_sm_step *step)
{
    struct ik_rakp_msg r;
    uint8_t want[IK_HASH_MAX_LEN];
    if (ik_rakp_msg_decode(4, p->payload, p->payload_len, &r) || r.tag != c->tag ||
        r.sid != c->my_sid) {
        wait_step(c, step);
        return 0;
    }
    if (r.status == IK_RAKP_BAD_ICV)
        return fail(c, step, IK_E_AUTH,
                    "RAKP 4: BMC reported invalid integrity check value - wrong password?");
    if (r.status)
        return fail(c, step, IK_E_AUTH, "RAKP 4: BMC reported %s", status_text(r.status));
    int n = ik_rakp4_icv(&c->rk, c->sik, c->sik_len, want);
    if (n < 0 || r.code_len != n || !ik_ct_equal(want, r.code, (size_t)n))
        return fail(c, step, IK_E_AUTH,
                    "RAKP 4: integrity check value mismatch - wrong K_G (BMC key)?");
    c->active = true;
    c->out_seq = 1;
    ik_seqwin_init(&c->rxwin, 1);
    uint8_t pl = c->cfg.priv;
    return start_in_session(c, now, IK_LANC_SETPRIV, IK_NETFN_APP, IK_CMD_SET_SESSION_PRIV, &pl, 1,
                            step);
}

static int on_challenge(struct ik_lanc *c, ik_time_us now, const struct ik_ipmimsg *m,
                        struct ik_sm_step *step)
{
    struct ik_chal_rsp r;
    if (ik_chal_rsp_decode(m->data, m->data_len, &r))
        return fail(c, step, IK_E_PROTOCOL, "Get Session Challenge: malformed response");
    if (r.cc == 0x81)
        return fail(c, step, IK_E_AUTH, "Get Session Challenge: BMC reported invalid user name");
    if (r.cc == 0x82)
        return fail(c, step, IK_E_AUTH,
                    "Get Session Challenge: BMC reported null user names not enabled");
    if (r.cc)
        return fail(c, step, IK_E_CC, "Get Session Challenge: BMC returned CC %02Xh", r.cc);
    c->temp_sid = r.temp_sid;
    memcpy(c->challenge, r.challenge, 16);
    /* Activate Session, authenticated with the temporary ID and sequence number 0. */
    struct ik_act_req q;
    uint8_t d[22], msg[40];
    size_t n, mlen;
    q.auth_type = c->auth_type;
    q.max_priv = c->cfg.priv;
    memcpy(q.challenge, r.challenge, 16);
    q.out_seq = rand32_nonzero(c) & 0x7FFFFFFF;
    if (q.out_seq == 0)
        q.out_seq = 1;
    ik_seqwin_init(&c->rxwin, q.out_seq);
    c->my_sid = r.temp_sid;
    c->rq_seq = (uint8_t)((c->rq_seq + 1) & 0x3F);
    c->req_netfn = IK_NETFN_APP;
    c->req_cmd = IK_CMD_ACTIVATE_SESSION;
    int rc = ik_act_req_encode(&q, d, sizeof(d), &n);
    if (rc == 0)
        rc = ik_lanmsg_request(IK_NETFN_APP, IK_CMD_ACTIVATE_SESSION, c->rq_seq, d, n, msg,
                               sizeof(msg), &mlen);
    if (rc == 0)
        rc = ik_s15_encode(c->auth_type, 0, r.temp_sid, c->cfg.password, msg, mlen, c->tx,
                           sizeof(c->tx), &c->tx_len);
    if (rc)
        return fail(c, step, rc, "cannot build Activate Session");
    c->state = IK_LANC_ACTIVATE;
    c->tries = 0;
    c->cur_timeout = c->cfg.timeout;
    send_step(c, now, c->cur_timeout, step);
    return 0;
}

static int on_activate(struct ik_lanc *c, ik_time_us now, const struct ik_ipmimsg *m,
                       struct ik_sm_step *step)
{
    struct ik_act_rsp r;
    if (ik_act_rsp_decode(m->data, m->data_len, &r))
        return fail(c, step, IK_E_PROTOCOL, "Activate Session: malformed response");
    if (r.cc == 0x86)
        return fail(c, step, IK_E_PRIVILEGE,
                    "Activate Session: requested privilege exceeds the user or channel limit");
    if (r.cc)
        return fail(c, step, IK_E_CC, "Activate Session: BMC returned CC %02Xh", r.cc);
    if (r.sid == 0 || r.auth_type != c->auth_type)
        return fail(c, step, IK_E_PROTOCOL, "Activate Session: bad session ID or auth type");
    c->sid = r.sid;
    c->my_sid = r.sid; /* 1.5 has one session ID for both directions */
    c->out_seq = r.in_seq ? r.in_seq : 1;
    c->active = true;
    uint8_t pl = c->cfg.priv;
    return start_in_session(c, now, IK_LANC_SETPRIV, IK_NETFN_APP, IK_CMD_SET_SESSION_PRIV, &pl, 1,
                            step);
}

int ik_lanc_rx(struct ik_lanc *c, ik_time_us now, const uint8_t *dgram, size_t len,
               struct ik_sm_step *step)
{
    struct ik_ipmimsg m;
    struct ik_rp p;
    if (!c || !step || (len && !dgram))
        return IK_E_INVAL;
    switch (c->state) {
    case IK_LANC_AUTHCAP:
        if (sessionless_response(c, dgram, len, &m))
            return on_authcap(c, now, &m, step);
        break;
    case IK_LANC_SUITES:
        if (sessionless_response(c, dgram, len, &m))
            return on_suites(c, now, &m, step);
        break;
    case IK_LANC_CHALLENGE:
        if (sessionless_response(c, dgram, len, &m))
            return on_challenge(c, now, &m, step);
        break;
    case IK_LANC_OPEN:
    case IK_LANC_RAKP1:
    case IK_LANC_RAKP3: {
        static const uint8_t want[] = {[IK_LANC_OPEN] = IK_PT_OPEN_RSP,
                                       [IK_LANC_RAKP1] = IK_PT_RAKP2,
                                       [IK_LANC_RAKP3] = IK_PT_RAKP4};
        if (ik_rp_decode(dgram, len, &p) || p.payload_type != want[c->state] || p.sid != 0 ||
            p.encrypted || p.authenticated)
            break;
        if (c->state == IK_LANC_OPEN)
            return on_open(c, now, &p, step);
        if (c->state == IK_LANC_RAKP1)
            return on_rakp2(c, now, &p, step);
        return on_rakp4(c, now, &p, step);
    }
    case IK_LANC_ACTIVATE:
        if (session_response(c, dgram, len, &m))
            return on_activate(c, now, &m, step);
        break;
    case IK_LANC_SETPRIV:
        if (session_response(c, dgram, len, &m)) {
            if (m.data[0] == 0x80 || m.data[0] == 0x81)
                return fail(c, step, IK_E_PRIVILEGE,
                            "Set Session Privilege Level: privilege %u exceeds the user or "
                            "channel limit",
                            c->cfg.priv);
            if (m.data[0])
                return fail(c, step, IK_E_CC, "Set Session Privilege Level: BMC returned CC %02Xh",
                            m.data[0]);
            c->priv = m.data_len > 1 ? (m.data[1] & 0x0F) : c->cfg.priv;
            c->state = IK_LANC_READY;
            done_step(step);
            return 0;
        }
        break;
    case IK_LANC_REQUEST:
        if (session_response(c, dgram, len, &m)) {
            c->rsp = m;
            c->state = IK_LANC_READY;
            done_step(step);
            return 0;
        }
        break;
    case IK_LANC_CLOSING:
        if (session_response(c, dgram, len, &m)) {
            ik_lanc_wipe(c);
            c->state = IK_LANC_CLOSED;
            done_step(step);
            return 0;
        }
        break;
    case IK_LANC_READY:
    case IK_LANC_CLOSED:
        done_step(step);
        return 0;
    case IK_LANC_IDLE:
    case IK_LANC_FAILED:
        return fail(c, step, IK_E_STATE, "%s", c->reason[0] ? c->reason : "no session");
    }
    wait_step(c, step);
    return 0;
}

int ik_lanc_request(struct ik_lanc *c, ik_time_us now, uint8_t netfn, uint8_t cmd,
                    const uint8_t *data, size_t len, struct ik_sm_step *step)
{
    if (!c || !step || (len && !data))
        return IK_E_INVAL;
    if (c->state != IK_LANC_READY)
        return IK_E_STATE;
    if (netfn > 0x3F || (netfn & 1))
        return IK_E_RANGE;
    return start_in_session(c, now, IK_LANC_REQUEST, netfn, cmd, data, len, step);
}

const struct ik_ipmimsg *ik_lanc_response(const struct ik_lanc *c)
{
    return c->rsp.data ? &c->rsp : NULL;
}

int ik_lanc_close(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step)
{
    if (!c || !step)
        return IK_E_INVAL;
    if (c->state != IK_LANC_READY || !c->active) {
        ik_lanc_wipe(c);
        c->state = IK_LANC_CLOSED;
        done_step(step);
        return 0;
    }
    uint8_t d[4];
    struct ik_wr w;
    ik_wr_init(&w, d, 4);
    ik_wr_le32(&w, c->sid);
    /* One try: ik_lanc_timer ends CLOSING at the first deadline. */
    return start_in_session(c, now, IK_LANC_CLOSING, IK_NETFN_APP, IK_CMD_CLOSE_SESSION, d, 4,
                            step);
}

void ik_lanc_wipe(struct ik_lanc *c)
{
    ik_cleanse(c->cfg.password, sizeof(c->cfg.password));
    ik_cleanse(c->cfg.kg, sizeof(c->cfg.kg));
    ik_cleanse(&c->rk, sizeof(c->rk));
    ik_cleanse(&c->keys, sizeof(c->keys));
    ik_cleanse(c->sik, sizeof(c->sik));
    c->active = false;
}
