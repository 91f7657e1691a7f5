/* Client and server session machines talking to each other in one process, on a virtual
 * clock: every suite and 1.5 auth type, fallbacks, failures with their reasons, replay and
 * window rules, truncated datagrams. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lanmsg.h"
#include "session15.h"
#include "session_client.h"
#include "session_server.h"
#include "testutil.h"

/* ---- a tiny "engine" around the server machine -------------------------------------- */

#define SLOTS 4

struct world {
    struct ik_srv_config cfg;
    struct ik_srv_session sess[SLOTS];
    bool used[SLOTS];
    uint32_t next_id;
    ik_time_us now;
    bool ignore_suites;  /* drop Get Channel Cipher Suites, as ipmi_sim does */
    bool ignore_open_17; /* never answer an Open Session for suite 17 */
    bool reuse_15_seq;   /* emulate ipmi_sim reusing the Activate response's number */
    bool check_prefixes; /* feed every strict prefix first and expect drops */
    enum ik_srv_drop last_drop;
    unsigned drops[IK_SRV_DROP__COUNT];
    uint8_t last_req[IK_RP_MAX_DGRAM]; /* last datagram the client sent */
    size_t last_req_len;
    uint8_t reply[IK_RP_MAX_DGRAM];
    size_t reply_len;
};

static uint8_t rng_ctr;
static int counter_fill(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(rng_ctr++ * 37 + 11);
    return 0;
}

static int by_name(void *ctx, const uint8_t *name, size_t len, struct ik_srv_user *out)
{
    (void)ctx;
    memset(out, 0, sizeof(*out));
    if (len == 5 && memcmp(name, "admin", 5) == 0) {
        out->uid = 2;
        memcpy(out->password, "password", 8);
        out->priv_limit = IK_PRIV_ADMIN;
        out->enabled = true;
        return 0;
    }
    if (len == 8 && memcmp(name, "operator", 8) == 0) {
        out->uid = 3;
        memcpy(out->password, "oppass", 6);
        out->priv_limit = IK_PRIV_OPERATOR;
        out->enabled = true;
        return 0;
    }
    if (len == 8 && memcmp(name, "disabled", 8) == 0) {
        out->uid = 4;
        out->priv_limit = IK_PRIV_ADMIN;
        out->enabled = false;
        return 0;
    }
    return IK_E_NOTFOUND;
}

static int by_role(void *ctx, uint8_t priv, struct ik_srv_user *out)
{
    return priv == IK_PRIV_ADMIN ? by_name(ctx, (const uint8_t *)"admin", 5, out) : IK_E_NOTFOUND;
}

static void world_init(struct world *w)
{
    memset(w, 0, sizeof(*w));
    w->cfg.channel = 1;
    for (int i = 0; i < 16; i++)
        w->cfg.guid[i] = (uint8_t)(0xA0 + i);
    w->cfg.chan_priv_limit = IK_PRIV_ADMIN;
    for (int id = 1; id < IK_CIPHER_COUNT; id++)
        w->cfg.suite_priv[id] = ik_cipher_suite_supported((uint8_t)id) ? IK_PRIV_ADMIN : 0;
    w->cfg.auth15 = IK_AUTHCAP_NONE | IK_AUTHCAP_MD2 | IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD;
    w->cfg.v20 = true;
    w->cfg.users = (struct ik_srv_users){by_name, by_role, NULL};
    w->cfg.rng = (struct ik_rng){counter_fill, NULL};
    w->next_id = 0x1000;
    w->now = 1000000;
}

static struct ik_srv_session *find(struct world *w, uint32_t id)
{
    for (int i = 0; i < SLOTS; i++)
        if (w->used[i] && w->sess[i].id == id)
            return &w->sess[i];
    return NULL;
}

/* Deliver one datagram to the server side; returns true and fills w->reply if it answers. */
static bool server_rx(struct world *w, const uint8_t *dg, size_t len)
{
    struct ik_srv_route route;
    struct ik_srv_out out;
    struct ik_srv_session *s = NULL;
    enum ik_srv_state before = IK_SRV_FREE;
    int slot = -1;
    ik_srv_classify(dg, len, &route);
    w->last_drop = IK_SRV_DROP_NONE;
    switch (route.kind) {
    case IK_SRV_ROUTE_DROP:
        w->last_drop = route.drop;
        w->drops[route.drop]++;
        return false;
    case IK_SRV_ROUTE_SESSIONLESS:
        if (w->ignore_suites && len > 19 && dg[4] == 0 && dg[19] == IK_CMD_GET_CIPHER_SUITES)
            return false;
        assert_int_equal(ik_srv_sessionless(&w->cfg, dg, len, w->reply, sizeof(w->reply), &out), 0);
        break;
    case IK_SRV_ROUTE_NEW_SESSION:
        if (w->ignore_open_17 && len > 20 && dg[5] == IK_PT_OPEN_REQ && dg[28] == 3)
            return false; /* auth algorithm byte of the Open Session Request: SHA-256 */
        for (slot = 0; slot < SLOTS && w->used[slot]; slot++)
            ;
        assert_true(slot < SLOTS);
        s = &w->sess[slot];
        ik_srv_session_init(s, w->next_id++, w->now);
        w->used[slot] = true;
        assert_int_equal(ik_srv_rx(s, &w->cfg, w->now, dg, len, w->reply, sizeof(w->reply), &out),
                         0);
        break;
    case IK_SRV_ROUTE_SESSION:
        s = find(w, route.sid);
        before = s ? s->state : IK_SRV_FREE;
        if (!s) {
            w->last_drop = IK_SRV_DROP_UNKNOWN_SESSION;
            w->drops[w->last_drop]++;
            return false;
        }
        assert_int_equal(ik_srv_rx(s, &w->cfg, w->now, dg, len, w->reply, sizeof(w->reply), &out),
                         0);
        break;
    }
    bool answered = false;
    if (out.act == IK_SRV_DROP) {
        w->last_drop = out.drop;
        w->drops[out.drop]++;
    } else if (out.act == IK_SRV_DELIVER) {
        /* Canned Get Device ID; C1h for anything else. */
        uint8_t data[4] = {0xC1}, msg[32];
        size_t dl = 1, ml;
        if (out.req.netfn == IK_NETFN_APP && out.req.cmd == IK_CMD_GET_DEVICE_ID) {
            data[0] = 0;
            data[1] = 0x20;
            data[2] = 0x81;
            dl = 3;
        }
        struct ik_ipmimsg rsp;
        ik_ipmimsg_response_hdr(&out.req, &rsp);
        rsp.data = data;
        rsp.data_len = dl;
        assert_int_equal(ik_ipmimsg_encode(&rsp, msg, sizeof(msg), &ml), 0);
        assert_int_equal(
            ik_srv_wrap(s, &w->cfg, msg, ml, w->reply, sizeof(w->reply), &w->reply_len), 0);
        answered = true;
    } else {
        w->reply_len = out.tx_len;
        answered = true;
    }
    if (s && w->reuse_15_seq && before == IK_SRV_S15_CHALLENGED && s->state == IK_SRV_ACTIVE)
        s->out_seq--; /* the next reply reuses the Activate Session reply's number */
    if (s && out.closed) {
        for (int i = 0; i < SLOTS; i++)
            if (&w->sess[i] == s)
                w->used[i] = false;
    }
    return answered;
}

/* Feed every strict prefix of dg and check each is dropped without a reply and without
 * changing any session's state. */
static void expect_prefixes_dropped(struct world *w, const uint8_t *dg, size_t len)
{
    enum ik_srv_state before[SLOTS];
    bool used[SLOTS];
    for (int i = 0; i < SLOTS; i++) {
        before[i] = w->sess[i].state;
        used[i] = w->used[i];
    }
    for (size_t n = 0; n < len; n++) {
        uint8_t *p = ik_test_dup(dg, n);
        bool answered = server_rx(w, p, n);
        free(p);
        /* A truncated Open Session / Get Session Challenge may allocate and close a slot;
         * nothing may ever be answered positively or change an existing session. */
        if (answered) {
            struct ik_srv_route r;
            ik_srv_classify(dg, n, &r);
            assert_int_equal(r.kind, IK_SRV_ROUTE_NEW_SESSION);
        }
        for (int i = 0; i < SLOTS; i++) {
            if (used[i])
                assert_int_equal(w->sess[i].state, before[i]);
            else if (w->used[i] && w->sess[i].state != before[i])
                fail_msg("prefix %zu of %zu opened a session", n, len);
        }
    }
}

/* Run the client until DONE/FAIL, shuttling datagrams through the server. */
static struct ik_sm_step run(struct world *w, struct ik_lanc *c, struct ik_sm_step step)
{
    for (int guard = 0; guard < 200; guard++) {
        switch (step.act) {
        case IK_SM_SEND:
            memcpy(w->last_req, step.tx, step.tx_len);
            w->last_req_len = step.tx_len;
            if (w->check_prefixes)
                expect_prefixes_dropped(w, step.tx, step.tx_len);
            if (server_rx(w, step.tx, step.tx_len)) {
                w->now += 100; /* 100 us of "network" */
                assert_int_equal(ik_lanc_rx(c, w->now, w->reply, w->reply_len, &step), 0);
            } else {
                w->now = step.deadline;
                assert_int_equal(ik_lanc_timer(c, w->now, &step), 0);
            }
            break;
        case IK_SM_WAIT:
            w->now = step.deadline;
            assert_int_equal(ik_lanc_timer(c, w->now, &step), 0);
            break;
        default:
            return step;
        }
    }
    fail_msg("client did not finish");
    return step;
}

static void cfg_client(struct ik_lanc_config *cc, const char *user, const char *pw)
{
    ik_lanc_config_defaults(cc);
    cc->user_len = (uint8_t)strlen(user);
    memcpy(cc->user, user, cc->user_len);
    memset(cc->password, 0, sizeof(cc->password));
    memcpy(cc->password, pw, strlen(pw));
    cc->rng = (struct ik_rng){counter_fill, NULL};
}

static struct ik_sm_step open_session(struct world *w, struct ik_lanc *c,
                                      const struct ik_lanc_config *cc)
{
    struct ik_sm_step step;
    assert_int_equal(ik_lanc_start(c, cc, w->now, &step), 0);
    return run(w, c, step);
}

static void get_device_id(struct world *w, struct ik_lanc *c)
{
    struct ik_sm_step step;
    assert_int_equal(ik_lanc_request(c, w->now, IK_NETFN_APP, IK_CMD_GET_DEVICE_ID, NULL, 0, &step),
                     0);
    step = run(w, c, step);
    assert_int_equal(step.act, IK_SM_DONE);
    const struct ik_ipmimsg *r = ik_lanc_response(c);
    assert_non_null(r);
    assert_int_equal(r->data_len, 3);
    assert_int_equal(r->data[0], 0);
    assert_int_equal(r->data[1], 0x20);
}

static struct ik_srv_session *the_session(struct world *w)
{
    for (int i = 0; i < SLOTS; i++)
        if (w->used[i] && w->sess[i].state == IK_SRV_ACTIVE)
            return &w->sess[i];
    fail_msg("no active session");
    return NULL;
}

/* ---- tests --------------------------------------------------------------------------- */

static void session_rmcpplus_every_supported_suite_runs_get_device_id(void **state)
{
    (void)state;
    static const int suites[] = {1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17};
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        static struct world w;
        static struct ik_lanc c;
        struct ik_lanc_config cc;
        world_init(&w);
        cfg_client(&cc, "admin", "password");
        cc.suite = suites[i];
        struct ik_sm_step st = open_session(&w, &c, &cc);
        if (st.act != IK_SM_DONE)
            fail_msg("suite %d: %s", suites[i], st.reason);
        assert_int_equal(c.priv, IK_PRIV_ADMIN);
        struct ik_srv_session *s = the_session(&w);
        assert_int_equal(s->priv, IK_PRIV_ADMIN);
        assert_int_equal(s->suite, suites[i]);
        assert_false(ik_srv_half_open(s));
        get_device_id(&w, &c);
        get_device_id(&w, &c);
        assert_int_equal(ik_lanc_close(&c, w.now, &st), 0);
        st = run(&w, &c, st);
        assert_int_equal(st.act, IK_SM_DONE);
        assert_int_equal(c.state, IK_LANC_CLOSED);
        for (int k = 0; k < SLOTS; k++)
            assert_false(w.used[k]); /* Close Session freed the server side */
        assert_int_equal(w.drops[IK_SRV_DROP_AUTHCODE] + w.drops[IK_SRV_DROP_SEQ_REPLAY], 0);
    }
}

static void session_ipmi15_every_auth_type_runs_get_device_id(void **state)
{
    (void)state;
    static const uint8_t types[] = {IK_AUTH_NONE, IK_AUTH_MD2, IK_AUTH_MD5, IK_AUTH_PASSWORD};
    for (size_t i = 0; i < sizeof(types); i++) {
        static struct world w;
        static struct ik_lanc c;
        struct ik_lanc_config cc;
        world_init(&w);
        cfg_client(&cc, "admin", "password");
        cc.v15 = true;
        cc.auth15 = types[i];
        struct ik_sm_step st = open_session(&w, &c, &cc);
        if (st.act != IK_SM_DONE)
            fail_msg("auth %u: %s", types[i], st.reason);
        assert_int_equal(the_session(&w)->auth_type, types[i]);
        get_device_id(&w, &c);
        get_device_id(&w, &c);
    }
}

static void session_auto_prefers_17_then_3(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    cfg_client(&cc, "admin", "password");
    assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
    assert_int_equal(c.suite, 17);
    world_init(&w);
    w.cfg.suite_priv[17] = 0;
    w.cfg.suite_priv[16] = 0;
    assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
    assert_int_equal(c.suite, 3);
}

static void session_forced_suite_not_offered_fails_with_bmc_status(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    w.cfg.suite_priv[17] = 0;
    cfg_client(&cc, "admin", "password");
    cc.suite = 17;
    struct ik_sm_step st = open_session(&w, &c, &cc);
    assert_int_equal(st.act, IK_SM_FAIL);
    assert_string_equal(st.reason, "Open Session: BMC reported no cipher suite match with "
                                   "proposed security algorithms (suite 17)");
}

static void session_unanswered_suite_query_costs_under_a_second(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    w.ignore_suites = true;  /* like ipmi_sim */
    w.ignore_open_17 = true; /* and silent about a suite it lacks */
    cfg_client(&cc, "admin", "password");
    ik_time_us t0 = w.now;
    struct ik_sm_step st = open_session(&w, &c, &cc);
    assert_int_equal(st.act, IK_SM_DONE);
    assert_int_equal(c.suite, 3);
    assert_true(w.now - t0 < IK_US_PER_S);
    get_device_id(&w, &c);
}

static void session_wrong_password_fails_at_rakp2_with_a_hint(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    cfg_client(&cc, "admin", "wrong");
    cc.suite = 3;
    struct ik_sm_step st = open_session(&w, &c, &cc);
    assert_int_equal(st.act, IK_SM_FAIL);
    assert_int_equal(st.err, IK_E_AUTH);
    assert_string_equal(st.reason, "RAKP 2: key exchange auth code mismatch - wrong password?");
    /* The client wiped what it knew. */
    static const uint8_t zero[20];
    assert_memory_equal(c.cfg.password, zero, 20);
    assert_memory_equal(c.keys.k1, zero, 20);
}

static void session_unknown_disabled_or_overreaching_user_gets_rakp_status(void **state)
{
    (void)state;
    static const struct {
        const char *user, *pw, *reason;
    } t[] = {
        {"nobody", "x", "RAKP 2: BMC reported unauthorized name"},
        {"disabled", "x", "RAKP 2: BMC reported unauthorized name"},
        {"operator", "oppass",
         "RAKP 2: BMC reported unauthorized role or privilege level "
         "requested"},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        static struct world w;
        static struct ik_lanc c;
        struct ik_lanc_config cc;
        world_init(&w);
        cfg_client(&cc, t[i].user, t[i].pw);
        cc.suite = 3;
        struct ik_sm_step st = open_session(&w, &c, &cc);
        assert_int_equal(st.act, IK_SM_FAIL);
        assert_string_equal(st.reason, t[i].reason);
        for (int k = 0; k < SLOTS; k++)
            assert_false(w.used[k]); /* the refused session was freed */
    }
    /* The operator at its own level is fine. */
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    cfg_client(&cc, "operator", "oppass");
    cc.priv = IK_PRIV_OPERATOR;
    assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
    assert_int_equal(the_session(&w)->max_priv, IK_PRIV_OPERATOR);
}

static void session_ipmi15_wrong_password_is_dropped_and_times_out(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    cfg_client(&cc, "admin", "wrong");
    cc.v15 = true;
    cc.auth15 = IK_AUTH_MD5;
    struct ik_sm_step st = open_session(&w, &c, &cc);
    assert_int_equal(st.act, IK_SM_FAIL);
    assert_int_equal(st.err, IK_E_TIMEOUT);
    assert_string_equal(st.reason,
                        "Activate Session: no answer - wrong password or auth type MD5?");
    assert_int_equal(w.drops[IK_SRV_DROP_AUTHCODE], 4); /* first try + 3 retries */
}

static void server_drops_replayed_packet_in_both_protocols(void **state)
{
    (void)state;
    for (int v15 = 0; v15 <= 1; v15++) {
        static struct world w;
        static struct ik_lanc c;
        struct ik_lanc_config cc;
        world_init(&w);
        cfg_client(&cc, "admin", "password");
        cc.v15 = v15;
        cc.suite = 3;
        assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
        get_device_id(&w, &c);
        uint8_t copy[IK_RP_MAX_DGRAM];
        size_t n = w.last_req_len;
        memcpy(copy, w.last_req, n);
        assert_false(server_rx(&w, copy, n));
        assert_int_equal(w.last_drop, IK_SRV_DROP_SEQ_REPLAY);
        get_device_id(&w, &c); /* the session is unharmed */
    }
}

static void server_drops_tampered_packet_as_authcode(void **state)
{
    (void)state;
    for (int v15 = 0; v15 <= 1; v15++) {
        static struct world w;
        static struct ik_lanc c;
        struct ik_lanc_config cc;
        world_init(&w);
        cfg_client(&cc, "admin", "password");
        cc.v15 = v15;
        cc.auth15 = IK_AUTH_MD5;
        cc.suite = 17;
        assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
        get_device_id(&w, &c);
        /* A fresh request, one bit flipped in its last byte (AuthCode or message). */
        struct ik_sm_step st;
        assert_int_equal(ik_lanc_request(&c, w.now, IK_NETFN_APP, 1, NULL, 0, &st), 0);
        uint8_t *t = ik_test_dup(st.tx, st.tx_len);
        t[st.tx_len - 1] ^= 0x80;
        assert_false(server_rx(&w, t, st.tx_len));
        assert_int_equal(w.last_drop, IK_SRV_DROP_AUTHCODE);
        free(t);
    }
}

static void server_rmcpplus_window_is_16_behind_15_ahead(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    cfg_client(&cc, "admin", "password");
    cc.suite = 3;
    assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
    for (int i = 0; i < 5; i++)
        get_device_id(&w, &c); /* move the window away from 0 */
    struct ik_srv_session *s = the_session(&w);
    uint32_t hi = c.out_seq - 1; /* highest number the server accepted */
    uint8_t msg[8], dg[IK_RP_MAX_DGRAM];
    size_t ml, dl;
    assert_int_equal(ik_lanmsg_request(IK_NETFN_APP, 1, 1, NULL, 0, msg, sizeof(msg), &ml), 0);
    /* Numbers relative to hi, the highest accepted so far. */
    struct {
        uint32_t delta;
        enum ik_srv_drop want;
    } t[] = {
        {16, IK_SRV_DROP_SEQ_WINDOW}, /* 16 ahead: too far */
        {15, IK_SRV_DROP_NONE},       /* 15 ahead: fine, hi moves to hi+15 */
        {15, IK_SRV_DROP_SEQ_REPLAY}, {30, IK_SRV_DROP_NONE}, /* hi+30 */
        {29, IK_SRV_DROP_NONE},                               /* 1 behind, unseen */
        {13, IK_SRV_DROP_SEQ_WINDOW},                         /* 17 behind */
        {14, IK_SRV_DROP_NONE},                               /* 16 behind, unseen */
        {14, IK_SRV_DROP_SEQ_REPLAY},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint32_t seq = hi + t[i].delta;
        assert_int_equal(
            ik_rp_seal(&c.keys, &cc.rng, IK_PT_IPMI, c.sid, seq, msg, ml, dg, sizeof(dg), &dl), 0);
        bool answered = server_rx(&w, dg, dl);
        if (t[i].want == IK_SRV_DROP_NONE)
            assert_true(answered);
        else
            assert_int_equal(w.last_drop, t[i].want);
    }
    /* Session ID 0 is never a session; another ID is not this one. */
    assert_int_equal(
        ik_rp_seal(&c.keys, &cc.rng, IK_PT_IPMI, s->id + 1, hi + 16, msg, ml, dg, sizeof(dg), &dl),
        0);
    assert_false(server_rx(&w, dg, dl));
    assert_int_equal(w.last_drop, IK_SRV_DROP_UNKNOWN_SESSION);
}

static void server_rejects_every_prefix_of_every_handshake_datagram(void **state)
{
    (void)state;
    for (int v15 = 0; v15 <= 1; v15++) {
        static struct world w;
        static struct ik_lanc c;
        struct ik_lanc_config cc;
        world_init(&w);
        w.check_prefixes = true;
        cfg_client(&cc, "admin", "password");
        cc.v15 = v15;
        cc.auth15 = IK_AUTH_MD5;
        cc.suite = 17;
        struct ik_sm_step st = open_session(&w, &c, &cc);
        assert_int_equal(st.act, IK_SM_DONE);
        get_device_id(&w, &c);
        assert_int_equal(ik_lanc_close(&c, w.now, &st), 0);
        assert_int_equal(run(&w, &c, st).act, IK_SM_DONE);
    }
}

static void server_session_privilege_rules(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    w.cfg.suite_priv[3] = IK_PRIV_OPERATOR; /* suite 3 capped at OPERATOR */
    cfg_client(&cc, "admin", "password");
    cc.suite = 3;
    struct ik_sm_step st = open_session(&w, &c, &cc);
    /* RAKP 1 asks for ADMIN but the suite allows OPERATOR: refused at RAKP 2. */
    assert_int_equal(st.act, IK_SM_FAIL);
    assert_string_equal(st.reason,
                        "RAKP 2: BMC reported unauthorized role or privilege level requested");
    cc.priv = IK_PRIV_OPERATOR;
    assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
    struct ik_srv_session *s = the_session(&w);
    assert_int_equal(s->max_priv, IK_PRIV_OPERATOR);
    /* Set Session Privilege Level: above the maximum is 81h, 0 reports, lower works. */
    uint8_t want = IK_PRIV_ADMIN;
    assert_int_equal(
        ik_lanc_request(&c, w.now, IK_NETFN_APP, IK_CMD_SET_SESSION_PRIV, &want, 1, &st), 0);
    assert_int_equal(run(&w, &c, st).act, IK_SM_DONE);
    assert_int_equal(ik_lanc_response(&c)->data[0], 0x81);
    want = IK_PRIV_USER;
    assert_int_equal(
        ik_lanc_request(&c, w.now, IK_NETFN_APP, IK_CMD_SET_SESSION_PRIV, &want, 1, &st), 0);
    assert_int_equal(run(&w, &c, st).act, IK_SM_DONE);
    assert_int_equal(ik_lanc_response(&c)->data[1], IK_PRIV_USER);
    assert_int_equal(s->priv, IK_PRIV_USER);
}

static void client_tolerates_ipmi15_sequence_reuse(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    world_init(&w);
    w.reuse_15_seq = true;
    cfg_client(&cc, "admin", "password");
    cc.v15 = true;
    ik_time_us t0 = w.now;
    assert_int_equal(open_session(&w, &c, &cc).act, IK_SM_DONE);
    assert_true(w.now - t0 < 100 * IK_US_PER_MS); /* no retransmission needed */
    get_device_id(&w, &c);
}

static void client_gives_up_after_bounded_retries(void **state)
{
    (void)state;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    struct ik_sm_step st;
    cfg_client(&cc, "admin", "password");
    ik_time_us now = 5000000, t0 = now;
    int sends = 0;
    assert_int_equal(ik_lanc_start(&c, &cc, now, &st), 0);
    while (st.act == IK_SM_SEND || st.act == IK_SM_WAIT) {
        if (st.act == IK_SM_SEND)
            sends++;
        /* An early timer call just keeps waiting. */
        struct ik_sm_step early;
        assert_int_equal(ik_lanc_timer(&c, st.deadline - 1, &early), 0);
        assert_int_equal(early.act, IK_SM_WAIT);
        now = st.deadline;
        assert_int_equal(ik_lanc_timer(&c, now, &st), 0);
    }
    assert_int_equal(st.act, IK_SM_FAIL);
    assert_int_equal(st.err, IK_E_TIMEOUT);
    assert_int_equal(sends, 4);
    assert_string_equal(st.reason,
                        "Get Channel Authentication Capabilities: no answer after 4 tries");
    /* 1 + 2 + 4 + 4 seconds: the backoff is capped at 4x. */
    assert_int_equal(now - t0, 11 * IK_US_PER_S);
}

static void client_ignores_foreign_and_garbage_datagrams(void **state)
{
    (void)state;
    static struct world w;
    static struct ik_lanc c;
    struct ik_lanc_config cc;
    struct ik_sm_step st;
    world_init(&w);
    cfg_client(&cc, "admin", "password");
    assert_int_equal(ik_lanc_start(&c, &cc, w.now, &st), 0);
    static const uint8_t junk[][8] = {{0}, {6, 0, 0xff, 7, 6, 0x11, 0, 0}, {6, 0, 0xff, 6}};
    for (size_t i = 0; i < 3; i++)
        for (size_t n = 0; n <= 8; n++) {
            struct ik_sm_step s2;
            assert_int_equal(ik_lanc_rx(&c, w.now, junk[i], n, &s2), 0);
            assert_int_equal(s2.act, IK_SM_WAIT);
        }
    assert_int_equal(run(&w, &c, st).act, IK_SM_DONE);
}

static void server_half_open_session_reports_itself(void **state)
{
    (void)state;
    static struct world w;
    world_init(&w);
    struct ik_open_req q = {
        1, 4, 0x55, IK_RAKP_HMAC_SHA1, IK_INTEG_HMAC_SHA1_96, IK_CONF_AES_CBC_128};
    uint8_t pl[32], dg[128];
    size_t n, dl;
    assert_int_equal(ik_open_req_encode(&q, pl, sizeof(pl), &n), 0);
    assert_int_equal(ik_rp_seal(NULL, NULL, IK_PT_OPEN_REQ, 0, 0, pl, n, dg, sizeof(dg), &dl), 0);
    assert_true(server_rx(&w, dg, dl));
    assert_true(w.used[0]);
    assert_true(ik_srv_half_open(&w.sess[0]));
    assert_int_equal(w.sess[0].created, w.now);
    ik_srv_session_close(&w.sess[0]);
    assert_int_equal(w.sess[0].state, IK_SRV_CLOSED);
    assert_int_equal(w.sess[0].id, 0x1000);
    struct ik_srv_out out;
    assert_int_equal(ik_srv_rx(&w.sess[0], &w.cfg, w.now, dg, dl, w.reply, sizeof(w.reply), &out),
                     0);
    assert_int_equal(out.drop, IK_SRV_DROP_CLOSED);
    assert_string_equal(ik_srv_drop_name(IK_SRV_DROP_SEQ_REPLAY), "seq_replay");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(session_rmcpplus_every_supported_suite_runs_get_device_id),
        cmocka_unit_test(session_ipmi15_every_auth_type_runs_get_device_id),
        cmocka_unit_test(session_auto_prefers_17_then_3),
        cmocka_unit_test(session_forced_suite_not_offered_fails_with_bmc_status),
        cmocka_unit_test(session_unanswered_suite_query_costs_under_a_second),
        cmocka_unit_test(session_wrong_password_fails_at_rakp2_with_a_hint),
        cmocka_unit_test(session_unknown_disabled_or_overreaching_user_gets_rakp_status),
        cmocka_unit_test(session_ipmi15_wrong_password_is_dropped_and_times_out),
        cmocka_unit_test(server_drops_replayed_packet_in_both_protocols),
        cmocka_unit_test(server_drops_tampered_packet_as_authcode),
        cmocka_unit_test(server_rmcpplus_window_is_16_behind_15_ahead),
        cmocka_unit_test(server_rejects_every_prefix_of_every_handshake_datagram),
        cmocka_unit_test(server_session_privilege_rules),
        cmocka_unit_test(client_tolerates_ipmi15_sequence_reuse),
        cmocka_unit_test(client_gives_up_after_bounded_retries),
        cmocka_unit_test(client_ignores_foreign_and_garbage_datagrams),
        cmocka_unit_test(server_half_open_session_reports_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
