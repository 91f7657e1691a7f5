/* The LAN front of the engine (bmc/lan.c) driven by lib's console machine on a virtual
 * clock: logins over every suite and IPMI 1.5, security defaults, privilege capping, the
 * session table's limits and timers, failed logins and lockout, replays, and malformed
 * datagrams counted and dropped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lanfix.h"
#include "ipmikit/error.h"
#include "rakp.h"
#include "rmcp.h"
#include "session15.h"

static struct ik_bmc_lan_stats stats(struct lanfix *f)
{
    struct ik_bmc_lan_stats s;
    ik_bmc_lan_get_stats(f->bmc, &s);
    return s;
}

static uint64_t drops(struct lanfix *f, enum ik_bmc_drop d)
{
    return ik_bmc_drop_count(f->bmc, d);
}

/* Log in as admin with a suite (or 1.5 auth type when v15). */
static int login(struct lanfix *f, struct ik_lanc *c, const char *user, const char *pw, int suite,
                 bool v15, uint8_t auth15)
{
    struct ik_lanc_config cfg;
    lanfix_console(&cfg, user, pw);
    cfg.suite = suite;
    cfg.v15 = v15;
    if (v15)
        cfg.auth15 = auth15;
    return lanfix_login(f, c, &cfg);
}

static void every_supported_suite_logs_in_and_answers_get_device_id(void **state)
{
    (void)state;
    static const int suites[] = {1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17};
    struct lanfix f;
    lanfix_init(&f, NULL);
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        struct ik_lanc c;
        assert_int_equal(login(&f, &c, "admin", "password", suites[i], false, 0), 0);
        assert_int_equal(c.suite, suites[i]);
        assert_int_equal(c.priv, IK_PRIV_ADMIN);
        const struct ik_ipmimsg *r = lanfix_request(&f, &c, 0x06, 0x01, NULL, 0);
        assert_non_null(r);
        assert_int_equal(r->data[0], 0x00);
        assert_int_equal(r->data_len, 16);
        assert_int_equal(r->data[1], f.m.id.device_id);
        assert_int_equal(lanfix_close(&f, &c), 0);
    }
    struct ik_bmc_lan_stats s = stats(&f);
    assert_int_equal(s.sessions_opened, 11);
    assert_int_equal(s.sessions_closed, 11);
    assert_int_equal(ik_bmc_lan_sessions(f.bmc), 0);
    lanfix_fini(&f);
}

static void automatic_suite_choice_picks_17(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, NULL);
    assert_int_equal(login(&f, &c, "admin", "password", IK_LANC_SUITE_AUTO, false, 0), 0);
    assert_int_equal(c.suite, 17);
    lanfix_fini(&f);
}

static void ipmi15_md5_logs_in_by_default(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, NULL);
    assert_int_equal(login(&f, &c, "admin", "password", 0, true, IK_AUTH_MD5), 0);
    const struct ik_ipmimsg *r = lanfix_request(&f, &c, 0x06, 0x01, NULL, 0);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0);
    lanfix_fini(&f);
}

static void ipmi15_password_and_none_are_refused_by_default(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, NULL);
    assert_int_not_equal(login(&f, &c, "admin", "password", 0, true, IK_AUTH_PASSWORD), 0);
    assert_non_null(strstr(c.reason, "not enabled"));
    assert_int_not_equal(login(&f, &c, "admin", "password", 0, true, IK_AUTH_NONE), 0);
    assert_int_equal(ik_bmc_lan_sessions(f.bmc), 0);
    lanfix_fini(&f);
}

static void enable_password_and_md2(struct ik_machine *m)
{
    m->access.security.auth15 = IK_AUTHCAP_MD2 | IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD;
    for (int i = 0; i < 5; i++)
        m->access.lan.auth_enables[i] = m->access.security.auth15;
}

static void ipmi15_password_and_md2_work_when_the_description_enables_them(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, enable_password_and_md2);
    assert_int_equal(login(&f, &c, "admin", "password", 0, true, IK_AUTH_PASSWORD), 0);
    assert_int_equal(login(&f, &c, "admin", "password", 0, true, IK_AUTH_MD2), 0);
    assert_int_equal(ik_bmc_lan_sessions(f.bmc), 2);
    lanfix_fini(&f);
}

/* An Open Session Request datagram for suite (auth, integ, conf) and console ID sid_m. */
static size_t open_request(uint8_t tag, uint32_t sid_m, uint8_t suite, uint8_t *buf, size_t cap)
{
    struct ik_cipher_suite cs;
    struct ik_open_req q = {.tag = tag, .max_priv = IK_PRIV_ADMIN, .sid_m = sid_m};
    uint8_t payload[32];
    size_t n, w;
    assert_int_equal(ik_cipher_suite_get(suite, &cs), 0);
    q.auth_alg = cs.auth;
    q.integ_alg = cs.integ;
    q.conf_alg = cs.conf;
    assert_int_equal(ik_open_req_encode(&q, payload, sizeof(payload), &n), 0);
    assert_int_equal(ik_rp_seal(NULL, NULL, IK_PT_OPEN_REQ, 0, 0, payload, n, buf, cap, &w), 0);
    return w;
}

static void cipher_suite_0_is_refused_by_default(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_open_rsp r;
    struct ik_rp p;
    uint8_t dg[128];
    lanfix_init(&f, NULL);
    size_t n = open_request(7, 0x1234, 0, dg, sizeof(dg));
    assert_true(lanfix_send(&f, dg, n) > 0);
    assert_int_equal(ik_rp_decode(f.out, f.outlen, &p), 0);
    assert_int_equal(p.payload_type, IK_PT_OPEN_RSP);
    assert_int_equal(ik_open_rsp_decode(p.payload, p.payload_len, &r), 0);
    assert_int_equal(r.status, IK_RAKP_NO_CIPHER_SUITE);
    assert_int_equal(r.tag, 7);
    lanfix_fini(&f);
}

static void unknown_user_gets_rakp2_status_unauthorized_name(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, NULL);
    assert_int_not_equal(login(&f, &c, "nobody", "x", 3, false, 0), 0);
    assert_non_null(strstr(c.reason, "unauthorized name"));
    assert_true(lanfix_logged(&f, "status=0d"));
    lanfix_fini(&f);
}

static void wrong_password_fails_at_rakp2_and_counts_when_abandoned(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, NULL);
    assert_int_not_equal(login(&f, &c, "admin", "wrong", 3, false, 0), 0);
    assert_non_null(strstr(c.reason, "wrong password"));
    /* The console just stops (as ipmitool and FreeIPMI do); the BMC counts the failed
     * login when the half-open session expires. */
    assert_int_equal(stats(&f).login_failures, 0);
    lanfix_advance(&f, 5 * IK_US_PER_S);
    assert_int_equal(stats(&f).half_open_reaped, 1);
    assert_int_equal(stats(&f).login_failures, 1);
    assert_true(lanfix_logged(&f, "event=login_failed uid=2 user=admin how=abandoned"));
    lanfix_fini(&f);
}

/* Run the console until it is about to send RAKP 3; the datagram is in *st. */
static void run_to_rakp3(struct lanfix *f, struct ik_lanc *c, struct ik_sm_step *st)
{
    struct ik_lanc_config cfg;
    lanfix_console(&cfg, "admin", "password");
    cfg.suite = 3;
    assert_int_equal(ik_lanc_start(c, &cfg, f->now, st), 0);
    for (int i = 0; i < 20 && !(c->state == IK_LANC_RAKP3 && st->act == IK_SM_SEND); i++) {
        assert_int_equal(st->act, IK_SM_SEND);
        assert_true(lanfix_send(f, st->tx, st->tx_len) > 0);
        assert_int_equal(ik_lanc_rx(c, f->now, f->out, f->outlen, st), 0);
    }
    assert_int_equal(c->state, IK_LANC_RAKP3);
}

static void bad_rakp3_code_gets_rakp4_status_invalid_icv_and_counts(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_sm_step st;
    struct ik_rp p;
    struct ik_rakp_msg m;
    uint8_t dg[IK_RP_MAX_DGRAM];
    lanfix_init(&f, NULL);
    run_to_rakp3(&f, &c, &st);
    memcpy(dg, st.tx, st.tx_len);
    dg[st.tx_len - 1] ^= 0x01; /* last byte of the key exchange auth code */
    assert_true(lanfix_send(&f, dg, st.tx_len) > 0);
    assert_int_equal(ik_rp_decode(f.out, f.outlen, &p), 0);
    assert_int_equal(p.payload_type, IK_PT_RAKP4);
    assert_int_equal(ik_rakp_msg_decode(4, p.payload, p.payload_len, &m), 0);
    assert_int_equal(m.status, IK_RAKP_BAD_ICV);
    assert_int_equal(stats(&f).login_failures, 1);
    assert_int_equal(ik_bmc_lan_sessions(f.bmc), 0);
    lanfix_fini(&f);
}

static void rakp3_error_status_is_a_failed_login_and_a_drop(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_sm_step st;
    uint8_t dg[IK_RP_MAX_DGRAM];
    lanfix_init(&f, NULL);
    run_to_rakp3(&f, &c, &st);
    memcpy(dg, st.tx, st.tx_len);
    dg[16 + 1] = IK_RAKP_BAD_ICV; /* RAKP 3 status byte: payload offset 1 */
    assert_int_equal(lanfix_send(&f, dg, st.tx_len), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_PEER_ABORT), 1);
    assert_int_equal(stats(&f).login_failures, 1);
    lanfix_fini(&f);
}

static void lock_after_two(struct ik_machine *m)
{
    m->access.security.lockout_attempts = 2;
    m->access.security.lockout_window_s = 60;
    m->access.security.lockout_s = 30;
}

static void user_is_locked_out_after_the_threshold_then_released(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, lock_after_two);
    for (int i = 0; i < 2; i++) {
        assert_int_not_equal(login(&f, &c, "admin", "nope", 17, false, 0), 0);
        lanfix_advance(&f, 5 * IK_US_PER_S);
    }
    assert_int_equal(stats(&f).login_failures, 2);
    assert_int_equal(stats(&f).lockouts, 1);
    assert_true(lanfix_logged(&f, "event=user_locked uid=2 user=admin seconds=30"));
    /* The right password is refused while locked out, like an unknown name. */
    assert_int_not_equal(login(&f, &c, "admin", "password", 17, false, 0), 0);
    assert_non_null(strstr(c.reason, "unauthorized name"));
    assert_true(drops(&f, IK_BMC_DROP_LOCKED_OUT) >= 1);
    /* IPMI 1.5 too. */
    assert_int_not_equal(login(&f, &c, "admin", "password", 0, true, IK_AUTH_MD5), 0);
    lanfix_advance(&f, 30 * IK_US_PER_S);
    assert_int_equal(login(&f, &c, "admin", "password", 17, false, 0), 0);
    lanfix_fini(&f);
}

static void ipmi15_wrong_password_counts_once_per_handshake(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    lanfix_init(&f, NULL);
    assert_int_not_equal(login(&f, &c, "admin", "wrong", 0, true, IK_AUTH_MD5), 0);
    assert_true(drops(&f, IK_BMC_DROP_BAD_AUTH) >= 1); /* every retransmission dropped */
    assert_int_equal(stats(&f).login_failures, 1);
    lanfix_fini(&f);
}

static void operator_user(struct ik_machine *m)
{
    struct ik_machine_user *u = &m->access.users[3];
    u->defined = true;
    strcpy(u->name, "op");
    ik_machine_user_set_password(u, "oppass");
    u->enabled = true;
    u->ipmi_messaging = true;
    u->priv = IK_PRIV_OPERATOR;
}

static void privilege_is_capped_by_user_channel_and_suite(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    uint8_t lvl = IK_PRIV_ADMIN;
    lanfix_init(&f, operator_user);
    /* The user's limit: asking for ADMINISTRATOR as an operator is refused (RAKP 2 0Ah);
     * OPERATOR works and Set Session Privilege cannot go above it (81h). */
    lanfix_console(&cfg, "op", "oppass");
    cfg.suite = 3;
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    assert_non_null(strstr(c.reason, "unauthorized role"));
    cfg.priv = IK_PRIV_OPERATOR;
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    const struct ik_ipmimsg *r = lanfix_request(&f, &c, 0x06, 0x3B, &lvl, 1);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0x81);
    /* An ADMINISTRATOR command at OPERATOR gets D4h. */
    uint8_t ge = 0x0C;
    r = lanfix_request(&f, &c, 0x06, 0x2E, &ge, 1);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0xD4);

    /* The suite's cap: suite 1 at USER only (parameter 24) caps an admin at USER. */
    struct ik_lanc a;
    assert_int_equal(login(&f, &a, "admin", "password", 17, false, 0), 0);
    uint8_t p24[11] = {1, 24, 0};
    p24[3] = 0x42; /* entry 0 (suite 1): USER; entry 1 (suite 2): ADMIN */
    for (int i = 1; i < 6; i++)
        p24[3 + i] = 0x44;
    r = lanfix_request(&f, &a, 0x0C, 0x01, p24, sizeof(p24));
    assert_non_null(r);
    assert_int_equal(r->data[0], 0);
    cfg = c.cfg;
    lanfix_console(&cfg, "admin", "password");
    cfg.suite = 1;
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0); /* asks for ADMINISTRATOR */
    cfg.priv = IK_PRIV_USER;
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    r = lanfix_request(&f, &c, 0x06, 0x3B, &lvl, 1);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0x81);

    /* The channel's limit: OPERATOR (volatile) caps every new session. */
    uint8_t ca[3] = {1, 0x00, 0x80 | IK_PRIV_OPERATOR};
    r = lanfix_request(&f, &a, 0x06, 0x40, ca, 3);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0);
    assert_int_not_equal(login(&f, &c, "admin", "password", 17, false, 0), 0);
    lanfix_console(&cfg, "admin", "password");
    cfg.priv = IK_PRIV_OPERATOR;
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    assert_int_equal(c.priv, IK_PRIV_OPERATOR);
    lanfix_fini(&f);
}

static void replayed_in_session_datagram_is_dropped(void **state)
{
    (void)state;
    static const int suites[] = {3, 17, 1};
    for (size_t k = 0; k < 3; k++) {
        struct lanfix f;
        struct ik_lanc c;
        struct ik_sm_step st;
        uint8_t dg[IK_RP_MAX_DGRAM];
        lanfix_init(&f, NULL);
        assert_int_equal(login(&f, &c, "admin", "password", suites[k], false, 0), 0);
        assert_int_equal(ik_lanc_request(&c, f.now, 0x06, 0x01, NULL, 0, &st), 0);
        size_t n = st.tx_len;
        memcpy(dg, st.tx, n);
        assert_true(lanfix_send(&f, dg, n) > 0);
        assert_int_equal(lanfix_send(&f, dg, n), 0);
        assert_int_equal(drops(&f, IK_BMC_DROP_SEQUENCE), 1);
        assert_true(lanfix_logged(&f, "reason=seq_replay"));
        lanfix_fini(&f);
    }
}

static void ipmi15_replay_is_dropped(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_sm_step st;
    uint8_t dg[IK_RP_MAX_DGRAM];
    lanfix_init(&f, NULL);
    assert_int_equal(login(&f, &c, "admin", "password", 0, true, IK_AUTH_MD5), 0);
    assert_int_equal(ik_lanc_request(&c, f.now, 0x06, 0x01, NULL, 0, &st), 0);
    memcpy(dg, st.tx, st.tx_len);
    assert_true(lanfix_send(&f, dg, st.tx_len) > 0);
    assert_int_equal(lanfix_send(&f, dg, st.tx_len), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_SEQUENCE), 1);
    lanfix_fini(&f);
}

/* An Open Session flood fills the half-open table; new handshakes evict the oldest, so
 * an administrator still logs in. */
static void open_session_flood_does_not_lock_out_an_administrator(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    uint8_t dg[128];
    lanfix_init(&f, NULL);
    for (uint32_t i = 0; i < 1000; i++) {
        size_t n = open_request((uint8_t)i, 0x10000 + i, 17, dg, sizeof(dg));
        assert_true(lanfix_send(&f, dg, n) > 0);
        f.now += 100; /* 10,000 a second */
    }
    struct ik_bmc_lan_stats s = stats(&f);
    assert_int_equal(s.half_open_evicted, 1000 - f.m.access.channel.max_half_open);
    assert_int_equal(login(&f, &c, "admin", "password", 17, false, 0), 0);
    assert_non_null(lanfix_request(&f, &c, 0x06, 0x01, NULL, 0));
    /* The flood's sessions expire; nobody's failed login is counted for them. */
    lanfix_advance(&f, 5 * IK_US_PER_S);
    assert_int_equal(stats(&f).login_failures, 0);
    assert_true(stats(&f).half_open_reaped >= 1);
    lanfix_fini(&f);
}

static void channel_session_limit_refuses_with_insufficient_resources(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    unsigned limit = f.m.access.channel.max_sessions;
    struct ik_lanc *c = calloc(limit + 1, sizeof(*c));
    assert_non_null(c);
    uint32_t ids[64];
    for (unsigned i = 0; i < limit; i++) {
        f.peer.port = (uint16_t)(41000 + i);
        assert_int_equal(login(&f, &c[i], "admin", "password", 3, false, 0), 0);
        ids[i] = c[i].sid;
        for (unsigned k = 0; k < i; k++)
            assert_int_not_equal(ids[k], ids[i]); /* unique */
        assert_int_not_equal(ids[i], 0);
    }
    f.peer.port = 42000;
    assert_int_not_equal(login(&f, &c[limit], "admin", "password", 3, false, 0), 0);
    assert_non_null(strstr(c[limit].reason, "insufficient resources"));
    assert_int_equal(stats(&f).sessions_refused, 1);
    /* Get Session Info: handle, 16 possible, 16 active, user 2, ADMINISTRATOR, RMCP+ on
     * channel 1, the console's address. */
    f.peer.port = 41003;
    uint8_t idx = 0;
    const struct ik_ipmimsg *r = lanfix_request(&f, &c[3], 0x06, 0x3D, &idx, 1);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0);
    assert_int_equal(r->data_len, 19);
    assert_int_equal(r->data[2], limit);
    assert_int_equal(r->data[3], limit);
    assert_int_equal(r->data[4], 2);
    assert_int_equal(r->data[5], IK_PRIV_ADMIN);
    assert_int_equal(r->data[6], 0x11);
    assert_int_equal(r->data[7], 127);
    assert_int_equal(r->data[17] | r->data[18] << 8, 41003);
    /* Close another session by handle (administrator), then log in again. */
    uint8_t handle = r->data[1];
    uint8_t cl[5] = {0, 0, 0, 0, (uint8_t)(handle == 1 ? 2 : 1)};
    r = lanfix_request(&f, &c[3], 0x06, 0x3C, cl, 5);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0);
    cl[4] = 0x7F;
    r = lanfix_request(&f, &c[3], 0x06, 0x3C, cl, 5);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0x88);
    uint8_t bad_id[4] = {1, 2, 3, 4};
    r = lanfix_request(&f, &c[3], 0x06, 0x3C, bad_id, 4);
    assert_non_null(r);
    assert_int_equal(r->data[0], 0x87);
    f.peer.port = 42000;
    assert_int_equal(login(&f, &c[limit], "admin", "password", 3, false, 0), 0);
    free(c);
    lanfix_fini(&f);
}

static void one_session_per_user(struct ik_machine *m)
{
    m->access.users[2].session_limit = 1;
}

static void user_session_limit_is_enforced(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc a, b;
    lanfix_init(&f, one_session_per_user);
    assert_int_equal(login(&f, &a, "admin", "password", 17, false, 0), 0);
    f.peer.port = 40001;
    assert_int_not_equal(login(&f, &b, "admin", "password", 17, false, 0), 0);
    assert_non_null(strstr(b.reason, "insufficient resources"));
    f.peer.port = 40000;
    assert_int_equal(lanfix_close(&f, &a), 0);
    f.peer.port = 40001;
    assert_int_equal(login(&f, &b, "admin", "password", 17, false, 0), 0);
    lanfix_fini(&f);
}

static void idle_session_times_out_and_half_open_is_reaped(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_sm_step st;
    uint8_t dg[128];
    lanfix_init(&f, NULL);
    assert_int_equal(login(&f, &c, "admin", "password", 3, false, 0), 0);
    lanfix_advance(&f, 59 * IK_US_PER_S);
    assert_non_null(lanfix_request(&f, &c, 0x06, 0x01, NULL, 0)); /* activity resets it */
    lanfix_advance(&f, 59 * IK_US_PER_S);
    assert_int_equal(ik_bmc_lan_sessions(f.bmc), 1);
    lanfix_advance(&f, 2 * IK_US_PER_S);
    assert_int_equal(ik_bmc_lan_sessions(f.bmc), 0);
    assert_int_equal(stats(&f).sessions_timed_out, 1);
    assert_int_equal(ik_lanc_request(&c, f.now, 0x06, 0x01, NULL, 0, &st), 0);
    assert_int_equal(lanfix_send(&f, st.tx, st.tx_len), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_SESSION_ID), 1);

    size_t n = open_request(1, 0x77, 3, dg, sizeof(dg));
    assert_true(lanfix_send(&f, dg, n) > 0);
    ik_time_us next = ik_bmc_tick(f.bmc, f.now);
    assert_true(next > f.now && next <= f.now + 4 * IK_US_PER_S);
    lanfix_advance(&f, 4 * IK_US_PER_S);
    assert_int_equal(stats(&f).half_open_reaped, 1);
    lanfix_fini(&f);
}

static void session_commands_need_a_session(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_s15 s;
    uint8_t msg[16], dg[64];
    size_t ml, n;
    lanfix_init(&f, NULL);
    /* Get Device ID with session ID 0 (1.5 framing, auth none). */
    assert_int_equal(ik_lanmsg_request(0x06, 0x01, 1, NULL, 0, msg, sizeof(msg), &ml), 0);
    assert_int_equal(ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, ml, dg, sizeof(dg), &n), 0);
    assert_int_equal(lanfix_send(&f, dg, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_NO_SESSION_CMD), 1);
    /* Get Channel Authentication Capabilities works without one. */
    uint8_t ac[2] = {0x8E, 0x04};
    assert_int_equal(ik_lanmsg_request(0x06, 0x38, 2, ac, 2, msg, sizeof(msg), &ml), 0);
    assert_int_equal(ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, ml, dg, sizeof(dg), &n), 0);
    assert_true(lanfix_send(&f, dg, n) > 0);
    assert_int_equal(ik_s15_decode(f.out, f.outlen, &s), 0);
    (void)s;
    lanfix_fini(&f);
}

/* A whole valid exchange, datagram by datagram: every strict prefix of each is dropped
 * (and counted), then the datagram itself goes through and the exchange continues. */
static void every_prefix_of_a_valid_exchange_is_dropped_and_counted(void **state)
{
    (void)state;
    static const int suites[] = {3, 17, -1};
    for (size_t k = 0; k < 3; k++) {
        struct lanfix f;
        struct ik_lanc c;
        struct ik_lanc_config cfg;
        struct ik_sm_step st;
        uint8_t dg[IK_RP_MAX_DGRAM];
        uint64_t before = 0, after = 0, prefixes = 0;
        lanfix_init(&f, NULL);
        lanfix_console(&cfg, "admin", "password");
        if (suites[k] < 0) {
            cfg.v15 = true;
            cfg.auth15 = IK_AUTH_MD5;
        } else {
            cfg.suite = suites[k];
        }
        for (int d = 0; d < IK_BMC_DROP_COUNT; d++)
            before += drops(&f, (enum ik_bmc_drop)d);
        assert_int_equal(ik_lanc_start(&c, &cfg, f.now, &st), 0);
        bool requested = false;
        for (int guard = 0; guard < 40; guard++) {
            if (st.act == IK_SM_DONE) {
                if (requested)
                    break;
                requested = true;
                assert_int_equal(ik_lanc_request(&c, f.now, 0x06, 0x01, NULL, 0, &st), 0);
                continue;
            }
            assert_int_equal(st.act, IK_SM_SEND);
            size_t n = st.tx_len;
            memcpy(dg, st.tx, n);
            for (size_t cut = 0; cut < n; cut++) {
                uint8_t *copy = malloc(cut ? cut : 1); /* exact size: ASan sees over-reads */
                memcpy(copy, dg, cut);
                assert_int_equal(lanfix_send(&f, copy, cut), 0);
                free(copy);
                prefixes++;
            }
            assert_true(lanfix_send(&f, dg, n) > 0);
            assert_int_equal(ik_lanc_rx(&c, f.now, f.out, f.outlen, &st), 0);
        }
        assert_true(requested);
        assert_int_equal(ik_lanc_response(&c)->data[0], 0);
        for (int d = 0; d < IK_BMC_DROP_COUNT; d++)
            after += drops(&f, (enum ik_bmc_drop)d);
        assert_int_equal(after - before, prefixes);
        assert_true(drops(&f, IK_BMC_DROP_SHORT_DATAGRAM) > 0);
        lanfix_fini(&f);
    }
}

static void malformed_datagrams_are_counted_by_reason(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_sm_step st;
    uint8_t dg[IK_RP_MAX_DGRAM], msg[16];
    size_t n, ml;
    lanfix_init(&f, NULL);

    /* Not RMCP at all; RMCP version 5; an RMCP ACK; an OEM class. */
    static const uint8_t junk[] = {0x45, 0x00, 0x00, 0x1c, 0x00};
    static const uint8_t v5[] = {0x05, 0x00, 0xFF, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t ack[] = {0x06, 0x00, 0x01, 0x87};
    static const uint8_t oem[] = {0x06, 0x00, 0xFF, 0x08, 1, 2, 3, 4};
    lanfix_send(&f, junk, sizeof(junk));
    lanfix_send(&f, v5, sizeof(v5));
    lanfix_send(&f, ack, sizeof(ack));
    lanfix_send(&f, oem, sizeof(oem));
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_RMCP), 4);

    /* A bad IPMI checksum (1.5 framing). */
    uint8_t ac[2] = {0x8E, 0x04};
    assert_int_equal(ik_lanmsg_request(0x06, 0x38, 2, ac, 2, msg, sizeof(msg), &ml), 0);
    msg[ml - 1] ^= 0xFF;
    assert_int_equal(ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, ml, dg, sizeof(dg), &n), 0);
    assert_int_equal(lanfix_send(&f, dg, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_CHECKSUM), 1);

    /* A length byte that disagrees with the datagram (1.5: message length + 1). */
    msg[ml - 1] ^= 0xFF;
    assert_int_equal(ik_s15_encode(IK_AUTH_NONE, 0, 0, NULL, msg, ml, dg, sizeof(dg), &n), 0);
    dg[13] = (uint8_t)(dg[13] + 3);
    assert_int_equal(lanfix_send(&f, dg, n), 0);
    assert_true(drops(&f, IK_BMC_DROP_SHORT_DATAGRAM) + drops(&f, IK_BMC_DROP_BAD_LENGTH) >= 1);

    /* An ASF message that is not a ping; a ping gets a pong. */
    uint8_t ping[12];
    assert_int_equal(ik_asf_ping_encode(9, ping, sizeof(ping), &n), 0);
    assert_true(lanfix_send(&f, ping, n) > 0);
    assert_int_equal(stats(&f).pings, 1);
    ping[8] = 0x41;
    assert_int_equal(lanfix_send(&f, ping, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_ASF), 1);

    /* Unknown payload types, before and inside a session (SOL is not served here). */
    assert_int_equal(login(&f, &c, "admin", "password", 2, false, 0), 0);
    assert_int_equal(ik_lanc_request(&c, f.now, 0x06, 0x01, NULL, 0, &st), 0);
    memcpy(dg, st.tx, st.tx_len);
    n = st.tx_len;
    dg[5] = (uint8_t)((dg[5] & 0xC0) | 0x20); /* OEM payload type 20h */
    assert_int_equal(lanfix_send(&f, dg, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_PAYLOAD_TYPE), 1);

    /* A session ID nobody has. */
    memcpy(dg, st.tx, n);
    dg[6] ^= 0x5A;
    assert_int_equal(lanfix_send(&f, dg, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_SESSION_ID), 1);

    /* A wrong AuthCode. */
    memcpy(dg, st.tx, n);
    dg[n - 1] ^= 0x01;
    assert_int_equal(lanfix_send(&f, dg, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_AUTH), 1);

    /* A bad integrity pad / next header under a valid AuthCode (suite 2: 12 bytes). */
    memcpy(dg, st.tx, n);
    dg[n - 12 - 1] = 0x08;
    uint8_t code[IK_RP_MAX_AUTHCODE];
    assert_int_equal(ik_rp_authcode(&c.keys, dg + 4, n - 12 - 4, code), 0);
    memcpy(dg + n - 12, code, 12);
    assert_int_equal(lanfix_send(&f, dg, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_PAD), 1);

    /* From another address. */
    f.peer.port++;
    assert_int_equal(lanfix_send(&f, st.tx, n), 0);
    assert_int_equal(drops(&f, IK_BMC_DROP_BAD_SESSION_ID), 2);
    f.peer.port--;

    /* After all that the session still works. */
    assert_true(lanfix_send(&f, st.tx, n) > 0);
    assert_int_equal(ik_lanc_rx(&c, f.now, f.out, f.outlen, &st), 0);
    assert_int_equal(st.act, IK_SM_DONE);
    lanfix_fini(&f);
}

static void counters_format_lists_non_zero_counters(void **state)
{
    (void)state;
    struct lanfix f;
    char buf[512];
    static const uint8_t ack[] = {0x06, 0x00, 0x01, 0x87};
    lanfix_init(&f, NULL);
    lanfix_send(&f, ack, sizeof(ack));
    ik_bmc_counters_format(f.bmc, buf, sizeof(buf));
    assert_string_equal(buf, "rx=1 drop_bad_rmcp=1");
    assert_true(ik_bmc_counters_format(f.bmc, buf, 5) <= 4);
    assert_int_equal(strlen(buf), 4);
    lanfix_fini(&f);
}

static void disabled_channel_drops_everything_but_pings(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    uint8_t ping[12];
    size_t n;
    lanfix_init(&f, NULL);
    uint8_t off[3] = {1, 0x80 | 0x00, 0x00};
    struct ik_bmc_rsp r = lanfix_dispatch(&f, IK_CHAN_SYSTEM, IK_PRIV_ADMIN, 0x06, 0x40, off, 3);
    assert_int_equal(r.cc, 0);
    assert_int_not_equal(login(&f, &c, "admin", "password", 17, false, 0), 0);
    assert_true(drops(&f, IK_BMC_DROP_POLICY) >= 1);
    assert_int_equal(ik_asf_ping_encode(1, ping, sizeof(ping), &n), 0);
    assert_true(lanfix_send(&f, ping, n) > 0);
    lanfix_fini(&f);
}

static void null_user_enabled(struct ik_machine *m)
{
    m->access.security.null_users = true;
    m->access.users[1].enabled = true;
    m->access.users[1].ipmi_messaging = true;
    m->access.users[1].priv = IK_PRIV_USER;
}

static void null_user_needs_a_password_unless_anonymous_login_is_enabled(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    lanfix_init(&f, null_user_enabled);
    lanfix_console(&cfg, "", "");
    cfg.priv = IK_PRIV_USER;
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0); /* anonymous: off by default */
    uint8_t pw[18] = {1, 0x02, 'p', 'w'};
    struct ik_bmc_rsp r = lanfix_dispatch(&f, IK_CHAN_SYSTEM, IK_PRIV_ADMIN, 0x06, 0x47, pw, 18);
    assert_int_equal(r.cc, 0);
    lanfix_console(&cfg, "", "pw");
    cfg.priv = IK_PRIV_USER;
    assert_int_equal(lanfix_login(&f, &c, &cfg), 0);
    assert_int_equal(c.priv, IK_PRIV_USER);
    lanfix_fini(&f);
}

static void null_users_are_refused_by_default(void **state)
{
    (void)state;
    struct lanfix f;
    struct ik_lanc c;
    struct ik_lanc_config cfg;
    lanfix_init(&f, NULL);
    lanfix_console(&cfg, "", "");
    cfg.priv = IK_PRIV_USER;
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    cfg.v15 = true;
    cfg.auth15 = IK_AUTH_MD5;
    assert_int_not_equal(lanfix_login(&f, &c, &cfg), 0);
    lanfix_fini(&f);
}

static void default_password_user_is_reported(void **state)
{
    (void)state;
    struct lanfix f;
    lanfix_init(&f, NULL);
    assert_int_equal(ik_bmc_default_password_user(f.bmc), 2);
    uint8_t pw[18] = {2, 0x02, 'n', 'e', 'w'};
    struct ik_bmc_rsp r = lanfix_dispatch(&f, IK_CHAN_SYSTEM, IK_PRIV_ADMIN, 0x06, 0x47, pw, 18);
    assert_int_equal(r.cc, 0);
    assert_int_equal(ik_bmc_default_password_user(f.bmc), 0);
    lanfix_fini(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_supported_suite_logs_in_and_answers_get_device_id),
        cmocka_unit_test(automatic_suite_choice_picks_17),
        cmocka_unit_test(ipmi15_md5_logs_in_by_default),
        cmocka_unit_test(ipmi15_password_and_none_are_refused_by_default),
        cmocka_unit_test(ipmi15_password_and_md2_work_when_the_description_enables_them),
        cmocka_unit_test(cipher_suite_0_is_refused_by_default),
        cmocka_unit_test(unknown_user_gets_rakp2_status_unauthorized_name),
        cmocka_unit_test(wrong_password_fails_at_rakp2_and_counts_when_abandoned),
        cmocka_unit_test(bad_rakp3_code_gets_rakp4_status_invalid_icv_and_counts),
        cmocka_unit_test(rakp3_error_status_is_a_failed_login_and_a_drop),
        cmocka_unit_test(user_is_locked_out_after_the_threshold_then_released),
        cmocka_unit_test(ipmi15_wrong_password_counts_once_per_handshake),
        cmocka_unit_test(privilege_is_capped_by_user_channel_and_suite),
        cmocka_unit_test(replayed_in_session_datagram_is_dropped),
        cmocka_unit_test(ipmi15_replay_is_dropped),
        cmocka_unit_test(open_session_flood_does_not_lock_out_an_administrator),
        cmocka_unit_test(channel_session_limit_refuses_with_insufficient_resources),
        cmocka_unit_test(user_session_limit_is_enforced),
        cmocka_unit_test(idle_session_times_out_and_half_open_is_reaped),
        cmocka_unit_test(session_commands_need_a_session),
        cmocka_unit_test(every_prefix_of_a_valid_exchange_is_dropped_and_counted),
        cmocka_unit_test(malformed_datagrams_are_counted_by_reason),
        cmocka_unit_test(counters_format_lists_non_zero_counters),
        cmocka_unit_test(disabled_channel_drops_everything_but_pings),
        cmocka_unit_test(default_password_user_is_reported),
        cmocka_unit_test(null_user_needs_a_password_unless_anonymous_login_is_enabled),
        cmocka_unit_test(null_users_are_refused_by_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
