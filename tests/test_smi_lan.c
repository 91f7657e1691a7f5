/* The message handler's LAN backend (host/smi_lan.c) against the BMC engine's LAN front on a
 * virtual clock: sessions opened on demand, requests, bridging and events through timed flag
 * polls, a wrong password, lost answers, and Close Session. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lanfix.h"
#include "msghandler.h"
#include "smi_lan.h"

#define S  IK_US_PER_S
#define MS IK_US_PER_MS

#define OUTBOX 8

struct env {
    struct lanfix f;
    struct ik_smi_lan *lan;
    struct ik_msgh *h;
    struct ik_msgh_user *u;
    uint8_t out[OUTBOX][IK_RP_MAX_DGRAM];
    size_t outlen[OUTBOX];
    unsigned nout;
    bool lose; /* datagrams to the BMC are lost */
};

static void to_bmc(void *ctx, const uint8_t *dgram, size_t len)
{
    struct env *e = ctx;
    assert_true(e->nout < OUTBOX);
    memcpy(e->out[e->nout], dgram, len);
    e->outlen[e->nout++] = len;
}

static void with_satellite(struct ik_machine *m)
{
    m->platform.sats = calloc(1, sizeof(*m->platform.sats));
    m->platform.nsats = 1;
    m->platform.sats[0].addr = 0x72;
    m->platform.sats[0].device_id = 0x33;
}

static void open_env(struct env *e, const char *password)
{
    lanfix_init(&e->f, with_satellite);
    struct ik_lanc_config cfg;
    lanfix_console(&cfg, "admin", password);
    cfg.timeout = 500 * MS;
    cfg.retries = 2;
    struct ik_smi_lan_io io = {.send = to_bmc, .ctx = e};
    e->lan = ik_smi_lan_new(&cfg, &io, 4);
    assert_non_null(e->lan);
    e->h = ik_msgh_new(NULL, ik_smi_lan_smi(e->lan));
    assert_non_null(e->h);
    assert_int_equal(ik_msgh_user_create(e->h, NULL, NULL, &e->u), 0);
}

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof(*e));
    open_env(e, "password");
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    ik_msgh_free(e->h);
    ik_smi_lan_free(e->lan);
    lanfix_fini(&e->f);
    free(e);
    return 0;
}

/* Run the handler until `until`: datagrams go through the BMC at once (or are lost), the
 * clock jumps to each wake-up. */
static void pump(struct env *e, ik_time_us until)
{
    for (int guard = 0; guard < 100000; guard++) {
        ik_time_us next = ik_msgh_poll(e->h, e->f.now);
        if (e->nout) {
            unsigned n = e->nout;
            e->nout = 0;
            for (unsigned i = 0; i < n; i++) {
                if (e->lose || !lanfix_send(&e->f, e->out[i], e->outlen[i]))
                    continue;
                ik_smi_lan_rx(e->lan, e->f.now, e->f.out, e->f.outlen);
            }
            continue;
        }
        if (e->f.now >= until)
            return;
        ik_time_us to = next && next > e->f.now && next < until ? next : until;
        if (next && next <= e->f.now)
            to = e->f.now + 1;
        lanfix_advance(&e->f, to - e->f.now);
    }
    fail_msg("pump did not settle");
}

/* One request; the response (within 30 s of virtual time). */
static struct ik_msgh_msg call(struct env *e, const struct ik_msgh_addr *a, uint8_t netfn,
                               uint8_t cmd, const uint8_t *data, size_t len)
{
    static uint64_t id;
    struct ik_msgh_msg m;
    assert_int_equal(ik_msgh_request(e->u, a, ++id, netfn, cmd, data, len, e->f.now), 0);
    for (int i = 0; i < 300; i++) {
        pump(e, e->f.now + 100 * MS);
        while (ik_msgh_recv(e->u, &m) == 0)
            if (m.type == IK_MSGH_RESPONSE && m.msgid == id)
                return m;
    }
    fail_msg("no response");
    return m;
}

static void requests_open_a_session_and_get_answers(void **state)
{
    struct env *e = *state;
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    char d[128];
    ik_msgh_describe(e->h, d, sizeof(d));
    assert_string_equal(d, "lanplus: no session yet");
    struct ik_msgh_msg m = call(e, &bmc, 0x06, 0x01, NULL, 0);
    assert_int_equal(m.err, 0);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.len, 16);
    m = call(e, &bmc, 0x06, 0x01, NULL, 0);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(ik_smi_lan_stats(e->lan)->sessions, 1);
    /* the two, and the handler's timed Get Message Flags */
    assert_int_equal(ik_smi_lan_stats(e->lan)->requests, 2 + ik_msgh_stats(e->h)->flag_polls);
    assert_int_equal(ik_bmc_lan_sessions(e->f.bmc), 1);
    ik_msgh_describe(e->h, d, sizeof(d));
    assert_non_null(strstr(d, "lanplus: session "));
    /* an ADMIN command in the ADMINISTRATOR session */
    m = call(e, &bmc, 0x06, 0x2E, (const uint8_t[]){0x0C}, 1);
    assert_int_equal(m.data[0], 0x00);
}

static void bridging_and_events_work_through_timed_flag_polls(void **state)
{
    struct env *e = *state;
    struct ik_msgh_addr sat = ik_msgh_addr_ipmb(0, 0x72, 0);
    struct ik_msgh_msg m = call(e, &sat, 0x06, 0x01, NULL, 0);
    assert_int_equal(m.err, 0);
    assert_int_equal(m.addr.slave_addr, 0x72);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 0x33);
    assert_true(ik_msgh_stats(e->h)->flag_polls >= 1);
    /* an event logged by the BMC reaches a user through the event message buffer */
    struct ik_msgh_user *ev;
    assert_int_equal(ik_msgh_user_create(e->h, NULL, NULL, &ev), 0);
    assert_int_equal(ik_msgh_set_gets_events(ev, true), 0);
    struct ik_bmc_rsp r = lanfix_dispatch(&e->f, 0x0F, 4, 0x04, 0x02,
                                          (const uint8_t[]){0x41, 0x04, 0x20, 0x07, 0x6F, 0xA1}, 6);
    assert_int_equal(r.cc, 0);
    pump(e, e->f.now + 2 * S);
    assert_int_equal(ik_msgh_recv(ev, &m), 0);
    assert_int_equal(m.type, IK_MSGH_EVENT);
    assert_int_equal(m.data[10], 0x20);
    assert_int_equal(m.data[11], 0x07);
}

static void wrong_password_disables_with_the_reason(void **state)
{
    (void)state;
    struct env *e = calloc(1, sizeof(*e));
    open_env(e, "wrong");
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    struct ik_msgh_msg m = call(e, &bmc, 0x06, 0x01, NULL, 0);
    assert_int_not_equal(m.err, 0);
    assert_int_equal(m.data[0], 0xFF);
    char d[200];
    ik_msgh_describe(e->h, d, sizeof(d));
    assert_non_null(strstr(d, "lanplus: RAKP 2"));
    /* refused until re-enabled; then it tries again (and fails again) */
    uint8_t x = 0;
    assert_int_equal(ik_msgh_request(e->u, &bmc, 99, 0x06, 0x01, &x, 0, e->f.now), IK_E_DISABLED);
    ik_msgh_set_enabled(e->h, true);
    m = call(e, &bmc, 0x06, 0x01, NULL, 0);
    assert_int_not_equal(m.err, 0);
    assert_int_equal(ik_smi_lan_stats(e->lan)->sessions, 0);
    teardown((void **)&e);
}

static void lost_answers_time_out_and_a_new_session_follows(void **state)
{
    struct env *e = *state;
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    assert_int_equal(call(e, &bmc, 0x06, 0x01, NULL, 0).data[0], 0x00);
    e->lose = true;
    ik_time_us t0 = e->f.now;
    struct ik_msgh_msg m = call(e, &bmc, 0x06, 0x01, NULL, 0);
    assert_int_equal(m.err, IK_E_TIMEOUT);
    assert_true(e->f.now - t0 >= 1 * S); /* 500 ms, retried twice with back-off */
    assert_int_equal(ik_smi_lan_stats(e->lan)->abandoned, 1);
    e->lose = false;
    m = call(e, &bmc, 0x06, 0x01, NULL, 0);
    assert_int_equal(m.err, 0);
    assert_int_equal(ik_smi_lan_stats(e->lan)->sessions, 2);
}

static void close_ends_the_session_at_the_bmc(void **state)
{
    struct env *e = *state;
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    assert_int_equal(call(e, &bmc, 0x06, 0x01, NULL, 0).data[0], 0x00);
    assert_int_equal(ik_bmc_lan_sessions(e->f.bmc), 1);
    ik_smi_lan_close(e->lan, e->f.now);
    pump(e, e->f.now + 2 * S);
    assert_true(ik_smi_lan_closed(e->lan));
    /* closed: the handler asks for no more wake-ups */
    assert_int_equal(ik_msgh_poll(e->h, e->f.now), 0);
    assert_int_equal(ik_bmc_lan_sessions(e->f.bmc), 0);
    uint8_t x = 0;
    assert_int_equal(ik_msgh_request(e->u, &bmc, 5, 0x06, 0x01, &x, 0, e->f.now), IK_E_DISABLED);
}

static void send_refuses_what_a_session_cannot_carry(void **state)
{
    struct env *e = *state;
    struct ik_smi *smi = ik_smi_lan_smi(e->lan);
    uint8_t big[300] = {0};
    struct ik_smi_req r = {.netfn = 0x06, .cmd = 0x01};
    r.lun = 1;
    assert_int_equal(smi->ops->send(smi->be, 1, &r), IK_E_UNSUPPORTED);
    r.lun = 0;
    r.ipmb = true;
    assert_int_equal(smi->ops->send(smi->be, 1, &r), IK_E_UNSUPPORTED);
    r.ipmb = false;
    r.data = big;
    r.len = sizeof(big);
    assert_int_equal(smi->ops->send(smi->be, 1, &r), IK_E_OVERSIZE);
    r.len = 0;
    for (int i = 0; i < 4; i++)
        assert_int_equal(smi->ops->send(smi->be, (uint64_t)i, &r), 0);
    assert_int_equal(smi->ops->send(smi->be, 9, &r), IK_E_LIMIT);
    /* the operator's switch fails them all */
    ik_msgh_set_enabled(e->h, false);
    assert_int_equal(ik_smi_lan_stats(e->lan)->failed, 4);
    assert_int_equal(ik_msgh_stats(e->h)->stale_tags, 4);
    assert_int_equal(smi->ops->flags(smi->be), IK_SMI_DISABLED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(requests_open_a_session_and_get_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(bridging_and_events_work_through_timed_flag_polls, setup,
                                        teardown),
        cmocka_unit_test(wrong_password_disables_with_the_reason),
        cmocka_unit_test_setup_teardown(lost_answers_time_out_and_a_new_session_follows, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(close_ends_the_session_at_the_bmc, setup, teardown),
        cmocka_unit_test_setup_teardown(send_refuses_what_a_session_cannot_carry, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
