/* The host message handler over the KCS backend, against a fake BMC with satellites. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmimsg.h"
#include "kcs.h"
#include "msghandler.h"
#include "smi_kcs.h"

/* ---- a fake BMC: App messaging commands, a receive queue, an event buffer ------------- */

#define MAXQ 128

struct frame {
    uint8_t b[IK_KCS_MAX_MSG];
    size_t n;
};

enum sat_mode {
    SAT_ANSWER, /* the satellite answers at once */
    SAT_SILENT, /* never */
    SAT_LATE,   /* the answer is held back; the test releases it */
};

struct fake_bmc {
    struct ik_kcs_dev dev;
    struct ik_kcs_bmc kcs;
    struct frame rq[MAXQ]; /* receive message queue: [channel, frame from byte 1] */
    unsigned rq_head, rq_n;
    uint8_t events[MAXQ][16]; /* events not yet in the buffer */
    unsigned ev_head, ev_n;
    bool ev_full;
    uint8_t evbuf[16];
    bool watchdog;
    uint8_t sat_addr; /* the one satellite on channel 0 */
    enum sat_mode sat_mode;
    struct frame held;          /* SAT_LATE's answer */
    struct frame tracked[MAXQ]; /* Send Message (tracked) frames as sent */
    unsigned tracked_n;
    struct frame untracked[MAXQ]; /* Send Message without tracking: our command answers */
    unsigned untracked_n;
    unsigned flag_polls, clears;
    bool attn_stuck; /* SMS_ATN up whatever the queues hold */
};

static void update_attn(struct fake_bmc *b)
{
    ik_kcs_bmc_set_attn(&b->kcs, b->rq_n || b->ev_full || b->watchdog || b->attn_stuck);
}

static void rq_push(struct fake_bmc *b, uint8_t channel, const uint8_t *frame, size_t n)
{
    assert_true(b->rq_n < MAXQ);
    struct frame *f = &b->rq[(b->rq_head + b->rq_n) % MAXQ];
    f->b[0] = channel;
    memcpy(f->b + 1, frame + 1, n - 1); /* the first byte (our address) is not passed on */
    f->n = n;
    b->rq_n++;
    update_attn(b);
}

static void event_push(struct fake_bmc *b, uint8_t tag)
{
    uint8_t e[16];
    for (int i = 0; i < 16; i++)
        e[i] = (uint8_t)(tag + i);
    if (!b->ev_full) {
        memcpy(b->evbuf, e, 16);
        b->ev_full = true;
    } else {
        memcpy(b->events[(b->ev_head + b->ev_n) % MAXQ], e, 16);
        b->ev_n++;
    }
    update_attn(b);
}

/* The satellite's answer to a bridged request: CC 00h plus [AB, cmd]. */
static void satellite(struct fake_bmc *b, uint8_t channel, const struct ik_ipmimsg *rq)
{
    struct ik_ipmimsg rs;
    uint8_t data[3] = {0x00, 0xAB, rq->cmd};
    struct frame f;
    ik_ipmimsg_response_hdr(rq, &rs);
    rs.data = data;
    rs.data_len = sizeof(data);
    assert_int_equal(ik_ipmimsg_encode(&rs, f.b, sizeof(f.b), &f.n), 0);
    if (b->sat_mode == SAT_ANSWER)
        rq_push(b, channel, f.b, f.n);
    else if (b->sat_mode == SAT_LATE)
        b->held = f;
}

static void engine(void *arg, const uint8_t *req, size_t len, uint32_t token)
{
    struct fake_bmc *b = arg;
    uint8_t rsp[IK_KCS_MAX_MSG];
    size_t n = 0;
    uint8_t netfn = req[0] >> 2, cmd = req[1];
    const uint8_t *d = req + 2;
    size_t dl = len - 2;

    rsp[n++] = (uint8_t)((netfn | 1) << 2 | (req[0] & 3));
    rsp[n++] = cmd;
    if (netfn != 0x06) {
        rsp[n++] = 0xC1;
        goto out;
    }
    switch (cmd) {
    case 0x01: /* Get Device ID */
        rsp[n++] = 0x00;
        rsp[n++] = 0x20;
        rsp[n++] = 0x81;
        break;
    case 0x02: /* a broken firmware: answers Cold Reset as command 03h */
        rsp[1] = 0x03;
        rsp[n++] = 0x00;
        break;
    case 0x03: /* ... and Warm Reset without a completion code */
        break;
    case 0x30: /* Clear Message Flags */
        b->clears++;
        if (dl >= 1 && (d[0] & 0x08))
            b->watchdog = false;
        rsp[n++] = 0x00;
        break;
    case 0x31: /* Get Message Flags */
        b->flag_polls++;
        rsp[n++] = 0x00;
        rsp[n++] = (uint8_t)((b->rq_n ? 1 : 0) | (b->ev_full ? 2 : 0) | (b->watchdog ? 8 : 0));
        break;
    case 0x33: /* Get Message */
        if (!b->rq_n) {
            rsp[n++] = 0x80;
            break;
        }
        rsp[n++] = 0x00;
        memcpy(rsp + n, b->rq[b->rq_head].b, b->rq[b->rq_head].n);
        n += b->rq[b->rq_head].n;
        b->rq_head = (b->rq_head + 1) % MAXQ;
        b->rq_n--;
        break;
    case 0x34: { /* Send Message */
        struct ik_ipmimsg m;
        if (dl < 1 || ik_ipmimsg_decode(d + 1, dl - 1, &m) != 0) {
            rsp[n++] = 0xCC;
            break;
        }
        struct frame *log = (d[0] & 0xC0) == 0x40 ? &b->tracked[b->tracked_n++ % MAXQ]
                                                  : &b->untracked[b->untracked_n++ % MAXQ];
        memcpy(log->b, d + 1, dl - 1);
        log->n = dl - 1;
        if ((d[0] & 0xC0) == 0x40) {
            if ((d[0] & 0x0F) != 0 || m.dst_addr != b->sat_addr) {
                rsp[n++] = 0x83; /* NAK on write: nobody at that address */
                break;
            }
            satellite(b, d[0] & 0x0F, &m);
        }
        rsp[n++] = 0x00;
        break;
    }
    case 0x35: /* Read Event Message Buffer */
        if (!b->ev_full) {
            rsp[n++] = 0x80;
            break;
        }
        rsp[n++] = 0x00;
        memcpy(rsp + n, b->evbuf, 16);
        n += 16;
        b->ev_full = b->ev_n > 0;
        if (b->ev_n) {
            memcpy(b->evbuf, b->events[b->ev_head], 16);
            b->ev_head = (b->ev_head + 1) % MAXQ;
            b->ev_n--;
        }
        break;
    default:
        rsp[n++] = 0xC1;
    }
out:
    update_attn(b);
    assert_int_equal(ik_kcs_bmc_respond(&b->kcs, token, rsp, n), 0);
}

/* ---- the environment: fake BMC ↔ KCS pair ↔ KCS backend ↔ handler ------------------- */

struct got {
    struct ik_msgh_msg m[64];
    unsigned n;
};

static void collect(void *arg, const struct ik_msgh_msg *m)
{
    struct got *g = arg;
    assert_true(g->n < 64);
    g->m[g->n++] = *m;
}

struct env {
    struct fake_bmc b;
    struct ik_smi_kcs *k;
    struct ik_msgh *h;
    ik_time_us now;
};

static unsigned kcs_queue_cap; /* 0: the backend's default */

static struct env *env_new(const struct ik_msgh_cfg *cfg)
{
    struct env *e = calloc(1, sizeof(*e));
    struct ik_kcs_bmc_io bio;
    struct ik_kcs_host_io hio;
    struct ik_smi_kcs_cfg kcfg;

    assert_non_null(e);
    e->now = 77 * IK_US_PER_S;
    e->b.sat_addr = 0x72;
    ik_kcs_dev_init(&e->b.dev);
    ik_kcs_dev_bmc_io(&e->b.dev, &bio);
    ik_kcs_bmc_init(&e->b.kcs, &bio, engine, &e->b);
    ik_kcs_dev_attach(&e->b.dev, &e->b.kcs);
    ik_kcs_dev_host_io(&e->b.dev, &hio);
    ik_smi_kcs_default_cfg(&kcfg);
    kcfg.kcs.poll_us = 10 * IK_US_PER_MS;
    if (kcs_queue_cap)
        kcfg.queue_cap = kcs_queue_cap;
    e->k = ik_smi_kcs_new(&hio, &kcfg);
    assert_non_null(e->k);
    e->h = ik_msgh_new(cfg, ik_smi_kcs_smi(e->k));
    assert_non_null(e->h);
    return e;
}

static void env_free(struct env *e)
{
    ik_msgh_free(e->h);
    ik_smi_kcs_free(e->k);
    free(e);
}

/* Run the handler on the virtual clock up to time t (inclusive). */
static void run_until(struct env *e, ik_time_us t)
{
    unsigned same = 0;
    for (;;) {
        ik_kcs_dev_set_time(&e->b.dev, e->now);
        ik_time_us next = ik_msgh_poll(e->h, e->now);
        if (next == 0 || next > t) {
            if (e->now >= t)
                return;
            e->now = t;
            continue;
        }
        if (next <= e->now) {
            assert_true(++same < 100000);
            continue;
        }
        same = 0;
        e->now = next;
    }
}

static void run_for(struct env *e, ik_time_us d)
{
    run_until(e, e->now + d);
}

static struct ik_msgh_user *user(struct env *e, struct got *g)
{
    struct ik_msgh_user *u;
    assert_int_equal(ik_msgh_user_create(e->h, collect, g, &u), 0);
    return u;
}

/* ---- system interface requests ------------------------------------------------------- */

static void msgh_si_request_returns_bmc_answer_with_msgid_and_completion_code(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();

    assert_int_equal(ik_msgh_request(u, &bmc, 42, 0x06, 0x01, NULL, 0, e->now), 0);
    assert_int_equal(ik_msgh_request(u, &bmc, 43, 0x30, 0x99, NULL, 0, e->now), 0);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.m[0].type, IK_MSGH_RESPONSE);
    assert_int_equal(g.m[0].msgid, 42);
    assert_int_equal(g.m[0].netfn, 0x07);
    assert_int_equal(g.m[0].cmd, 0x01);
    assert_int_equal(g.m[0].err, 0);
    assert_int_equal(g.m[0].addr.type, IK_MSGH_ADDR_SI);
    assert_int_equal(g.m[0].addr.channel, IK_MSGH_BMC_CHANNEL);
    assert_int_equal(g.m[0].len, 3);
    assert_int_equal(g.m[0].data[0], 0x00); /* completion code */
    assert_int_equal(g.m[0].data[1], 0x20);
    assert_int_equal(g.m[1].msgid, 43);
    assert_int_equal(g.m[1].data[0], 0xC1); /* the BMC's "invalid command" */
    assert_int_equal(ik_msgh_stats(e->h)->si_requests, 2);
    env_free(e);
}

static void msgh_request_refuses_bad_addresses_and_netfns(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr a = ik_msgh_addr_bmc();
    uint8_t big[IK_MSGH_MAX_DATA + 1] = {0};

    assert_int_equal(ik_msgh_request(u, &a, 1, 0x07, 0x01, NULL, 0, e->now), IK_E_INVAL);
    assert_int_equal(ik_msgh_request(u, &a, 1, 0x40, 0x01, NULL, 0, e->now), IK_E_INVAL);
    assert_int_equal(ik_msgh_request(u, &a, 1, 0x06, 0x01, big, sizeof(big), e->now),
                     IK_E_OVERSIZE);
    a.channel = 0;
    assert_int_equal(ik_msgh_request(u, &a, 1, 0x06, 0x01, NULL, 0, e->now), IK_E_INVAL);
    a = ik_msgh_addr_ipmb(0x0F, 0x72, 0);
    assert_int_equal(ik_msgh_request(u, &a, 1, 0x06, 0x01, NULL, 0, e->now), IK_E_INVAL);
    a = ik_msgh_addr_ipmb(0, 0x72, 4);
    assert_int_equal(ik_msgh_request(u, &a, 1, 0x06, 0x01, NULL, 0, e->now), IK_E_INVAL);
    a.type = 9;
    a.lun = 0;
    assert_int_equal(ik_msgh_request(u, &a, 1, 0x06, 0x01, NULL, 0, e->now), IK_E_INVAL);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 0);
    env_free(e);
}

static void msgh_malformed_bmc_answers_become_completion_code_ff(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();

    assert_int_equal(ik_msgh_request(u, &bmc, 1, 0x06, 0x02, NULL, 0, e->now), 0);
    assert_int_equal(ik_msgh_request(u, &bmc, 2, 0x06, 0x03, NULL, 0, e->now), 0);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 2);
    for (unsigned i = 0; i < 2; i++) {
        assert_int_equal(g.m[i].len, 1);
        assert_int_equal(g.m[i].data[0], 0xFF);
        assert_int_equal(g.m[i].err, 0);
    }
    assert_int_equal(ik_smi_kcs_stats(e->k)->bad_responses, 2);
    env_free(e);
}

static void msgh_pending_requests_are_bounded_by_handler_and_backend(void **state)
{
    (void)state;
    struct ik_msgh_cfg cfg;
    struct got g = {0};
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();

    ik_msgh_default_cfg(&cfg);
    cfg.max_pending = 2;
    struct env *e = env_new(&cfg);
    struct ik_msgh_user *u = user(e, &g);
    assert_int_equal(ik_msgh_request(u, &bmc, 1, 0x06, 0x01, NULL, 0, e->now), 0);
    assert_int_equal(ik_msgh_request(u, &bmc, 2, 0x06, 0x01, NULL, 0, e->now), 0);
    assert_int_equal(ik_msgh_request(u, &bmc, 3, 0x06, 0x01, NULL, 0, e->now), IK_E_LIMIT);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 2);
    assert_int_equal(ik_msgh_request(u, &bmc, 4, 0x06, 0x01, NULL, 0, e->now), 0);
    env_free(e);

    kcs_queue_cap = 1;
    e = env_new(NULL);
    u = user(e, &g);
    assert_int_equal(ik_msgh_request(u, &bmc, 5, 0x06, 0x01, NULL, 0, e->now), 0);
    assert_int_equal(ik_msgh_request(u, &bmc, 6, 0x06, 0x01, NULL, 0, e->now), IK_E_LIMIT);
    assert_int_equal(ik_smi_kcs_stats(e->k)->queue_full, 1);
    kcs_queue_cap = 0;
    env_free(e);
}

/* ---- IPMB bridging -------------------------------------------------------------------- */

static void msgh_bridged_request_to_satellite_is_answered(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr sat = ik_msgh_addr_ipmb(0, 0x72, 1);
    const uint8_t data[] = {0x11, 0x22};

    assert_int_equal(ik_msgh_request(u, &sat, 7, 0x0A, 0x10, data, 2, e->now), 0);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.m[0].type, IK_MSGH_RESPONSE);
    assert_int_equal(g.m[0].msgid, 7);
    assert_int_equal(g.m[0].err, 0);
    assert_int_equal(g.m[0].addr.type, IK_MSGH_ADDR_IPMB);
    assert_int_equal(g.m[0].addr.channel, 0);
    assert_int_equal(g.m[0].addr.slave_addr, 0x72);
    assert_int_equal(g.m[0].addr.lun, 1);
    assert_int_equal(g.m[0].netfn, 0x0B);
    assert_int_equal(g.m[0].cmd, 0x10);
    assert_int_equal(g.m[0].len, 3);
    assert_int_equal(g.m[0].data[0], 0x00);
    assert_int_equal(g.m[0].data[1], 0xAB);

    /* What went on the bus: to 72h LUN 1, from 20h on the SMS LUN, our data. */
    struct ik_ipmimsg m;
    assert_int_equal(e->b.tracked_n, 1);
    assert_int_equal(ik_ipmimsg_decode(e->b.tracked[0].b, e->b.tracked[0].n, &m), 0);
    assert_int_equal(m.dst_addr, 0x72);
    assert_int_equal(m.dst_lun, 1);
    assert_int_equal(m.src_addr, 0x20);
    assert_int_equal(m.src_lun, 2);
    assert_int_equal(m.netfn, 0x0A);
    assert_int_equal(m.data_len, 2);
    assert_memory_equal(m.data, data, 2);
    /* The BMC signalled attention and the handler fetched: flags, message, then empty. */
    assert_true(ik_msgh_stats(e->h)->flag_polls >= 1);
    assert_int_equal(e->b.rq_n, 0);
    env_free(e);
}

static void msgh_silent_satellite_yields_c3_after_5_virtual_seconds(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr sat = ik_msgh_addr_ipmb(0, 0x72, 0);
    e->b.sat_mode = SAT_SILENT;

    ik_time_us t0 = e->now;
    assert_int_equal(ik_msgh_request(u, &sat, 9, 0x06, 0x01, NULL, 0, e->now), 0);
    run_until(e, t0 + 5 * IK_US_PER_S - 1);
    assert_int_equal(g.n, 0);
    run_until(e, t0 + 5 * IK_US_PER_S);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.m[0].msgid, 9);
    assert_int_equal(g.m[0].data[0], 0xC3);
    assert_int_equal(g.m[0].len, 1);
    assert_int_equal(g.m[0].err, IK_E_TIMEOUT);
    assert_int_equal(g.m[0].netfn, 0x07);
    assert_int_equal(g.m[0].addr.slave_addr, 0x72);
    assert_int_equal(ik_msgh_stats(e->h)->ipmb_timeouts, 1);
    env_free(e);
}

static void msgh_late_satellite_answer_is_dropped_and_counted(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr sat = ik_msgh_addr_ipmb(0, 0x72, 0);
    e->b.sat_mode = SAT_LATE;

    assert_int_equal(ik_msgh_request(u, &sat, 9, 0x06, 0x01, NULL, 0, e->now), 0);
    run_for(e, 6 * IK_US_PER_S);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.m[0].data[0], 0xC3);
    /* The answer turns up at 6 s. */
    rq_push(&e->b, 0, e->b.held.b, e->b.held.n);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 1);
    assert_int_equal(ik_msgh_stats(e->h)->late_responses, 1);
    assert_int_equal(e->b.rq_n, 0); /* it was fetched, then dropped */
    env_free(e);
}

static void msgh_send_message_refusal_passes_the_bmc_completion_code(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr nobody = ik_msgh_addr_ipmb(0, 0x90, 0);

    assert_int_equal(ik_msgh_request(u, &nobody, 5, 0x06, 0x01, NULL, 0, e->now), 0);
    run_for(e, 100 * IK_US_PER_MS);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.m[0].data[0], 0x83);
    assert_int_equal(g.m[0].err, 0);
    assert_int_equal(ik_msgh_stats(e->h)->send_failures, 1);
    run_for(e, 6 * IK_US_PER_S); /* the sequence number was released: no C3h later */
    assert_int_equal(g.n, 1);
    env_free(e);
}

static void msgh_sequence_numbers_are_distinct_and_run_out_at_64(void **state)
{
    (void)state;
    struct ik_msgh_cfg cfg;
    ik_msgh_default_cfg(&cfg);
    cfg.max_pending = 128;
    struct env *e = env_new(&cfg);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr sat = ik_msgh_addr_ipmb(0, 0x72, 0);
    e->b.sat_mode = SAT_SILENT;

    for (unsigned i = 0; i < 64; i++) {
        assert_int_equal(ik_msgh_request(u, &sat, i, 0x06, 0x01, NULL, 0, e->now), 0);
        run_for(e, IK_US_PER_MS); /* let the queue drain into the BMC */
    }
    assert_int_equal(ik_msgh_request(u, &sat, 64, 0x06, 0x01, NULL, 0, e->now), IK_E_BUSY);
    uint64_t seen = 0;
    for (unsigned i = 0; i < e->b.tracked_n; i++) {
        struct ik_ipmimsg m;
        assert_int_equal(ik_ipmimsg_decode(e->b.tracked[i].b, e->b.tracked[i].n, &m), 0);
        assert_false(seen & (1ull << m.seq));
        seen |= 1ull << m.seq;
    }
    assert_int_equal(e->b.tracked_n, 64);
    assert_true(seen == ~0ull);
    env_free(e);
}

/* ---- events ---------------------------------------------------------------------------- */

static void msgh_events_wait_for_the_first_listener_then_go_to_every_listener(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got ga = {0}, gb = {0};

    for (uint8_t i = 0; i < 3; i++)
        event_push(&e->b, (uint8_t)(0x10 * (i + 1)));
    run_for(e, IK_US_PER_S);
    assert_int_equal(ik_msgh_stats(e->h)->events_received, 3);
    assert_false(e->b.ev_full);

    struct ik_msgh_user *a = user(e, &ga), *b = user(e, &gb);
    run_for(e, IK_US_PER_S);
    assert_int_equal(ga.n + gb.n, 0); /* users who did not ask get nothing */

    assert_int_equal(ik_msgh_set_gets_events(a, true), 0);
    assert_int_equal(ga.n, 3);
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(ga.m[i].type, IK_MSGH_EVENT);
        assert_int_equal(ga.m[i].len, 16);
        assert_int_equal(ga.m[i].data[0], 0x10 * (i + 1)); /* in arrival order */
        assert_int_equal(ga.m[i].data[15], 0x10 * (i + 1) + 15);
    }
    assert_int_equal(ik_msgh_set_gets_events(b, true), 0);
    assert_int_equal(gb.n, 0); /* the kept events went to the first listener only */

    event_push(&e->b, 0x80);
    run_for(e, IK_US_PER_S);
    assert_int_equal(ga.n, 4);
    assert_int_equal(gb.n, 1);
    assert_int_equal(ga.m[3].data[0], 0x80);
    assert_int_equal(gb.m[0].data[0], 0x80);

    /* Nobody listening again: events are kept again. */
    ik_msgh_set_gets_events(a, false);
    ik_msgh_set_gets_events(b, false);
    event_push(&e->b, 0x90);
    run_for(e, IK_US_PER_S);
    assert_int_equal(ga.n + gb.n, 5);
    ik_msgh_set_gets_events(b, true);
    assert_int_equal(gb.n, 2);
    assert_int_equal(gb.m[1].data[0], 0x90);
    env_free(e);
}

static void msgh_kept_events_are_bounded_and_the_overflow_counted(void **state)
{
    (void)state;
    struct ik_msgh_cfg cfg;
    ik_msgh_default_cfg(&cfg);
    cfg.max_events = 2;
    struct env *e = env_new(&cfg);
    struct got g = {0};

    for (uint8_t i = 0; i < 5; i++)
        event_push(&e->b, (uint8_t)(i << 4));
    run_for(e, IK_US_PER_S);
    assert_int_equal(ik_msgh_stats(e->h)->events_received, 5);
    assert_int_equal(ik_msgh_stats(e->h)->events_dropped, 3);
    struct ik_msgh_user *u = user(e, &g);
    ik_msgh_set_gets_events(u, true);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.m[0].data[0], 0x00);
    assert_int_equal(g.m[1].data[0], 0x10);
    env_free(e);
}

static void msgh_watchdog_pretimeout_flag_is_cleared(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    e->b.watchdog = true;
    update_attn(&e->b);
    run_for(e, IK_US_PER_S);
    assert_false(e->b.watchdog);
    assert_int_equal(e->b.clears, 1);
    env_free(e);
}

static void msgh_attention_without_anything_waits_before_asking_again(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    /* A BMC that raises SMS_ATN with nothing to fetch. */
    e->b.attn_stuck = true;
    update_attn(&e->b);
    run_for(e, IK_US_PER_S);
    /* One Get Message Flags per 100 ms quiet period, not a busy loop. */
    assert_true(e->b.flag_polls >= 9 && e->b.flag_polls <= 11);
    env_free(e);
}

/* ---- incoming commands ------------------------------------------------------------------ */

static void msgh_command_registration_refuses_overlaps(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got ga = {0}, gb = {0};
    struct ik_msgh_user *a = user(e, &ga), *b = user(e, &gb);

    assert_int_equal(ik_msgh_register_cmd(a, 0x30, 0x01, 0x0001), 0);
    assert_int_equal(ik_msgh_register_cmd(b, 0x30, 0x01, 0x0003), IK_E_EXISTS);
    assert_int_equal(ik_msgh_register_cmd(a, 0x30, 0x01, 0x0001), IK_E_EXISTS);
    assert_int_equal(ik_msgh_register_cmd(b, 0x30, 0x01, 0x0002), 0);
    assert_int_equal(ik_msgh_register_cmd(b, 0x30, 0x02, IK_MSGH_CHAN_ALL), 0);
    assert_int_equal(ik_msgh_register_cmd(a, 0x30, 0x02, 0x8000), IK_E_EXISTS);
    assert_int_equal(ik_msgh_register_cmd(a, 0x31, 0x01, 0x0001), IK_E_INVAL);
    assert_int_equal(ik_msgh_register_cmd(a, 0x30, 0x03, 0), IK_E_INVAL);
    assert_int_equal(ik_msgh_unregister_cmd(b, 0x30, 0x01, 0x0004), IK_E_NOTFOUND);
    assert_int_equal(ik_msgh_unregister_cmd(a, 0x30, 0x01, 0x0002), IK_E_NOTFOUND);
    assert_int_equal(ik_msgh_unregister_cmd(b, 0x30, 0x01, 0x0002), 0);
    assert_int_equal(ik_msgh_register_cmd(a, 0x30, 0x01, 0x0002), 0);
    /* Destroying a user frees its registrations. */
    ik_msgh_user_destroy(b);
    assert_int_equal(ik_msgh_register_cmd(a, 0x30, 0x02, 0x8000), 0);
    env_free(e);
}

static void inject_command(struct fake_bmc *b, uint8_t channel, uint8_t from, uint8_t seq,
                           uint8_t netfn, uint8_t cmd)
{
    uint8_t data[] = {0x5A};
    struct ik_ipmimsg m = {.dst_addr = 0x20,
                           .netfn = netfn,
                           .dst_lun = 2,
                           .src_addr = from,
                           .seq = seq,
                           .src_lun = 1,
                           .cmd = cmd,
                           .data = data,
                           .data_len = 1};
    struct frame f;
    assert_int_equal(ik_ipmimsg_encode(&m, f.b, sizeof(f.b), &f.n), 0);
    rq_push(b, channel, f.b, f.n);
}

static void msgh_incoming_command_reaches_its_user_and_the_rest_get_c1(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_ipmimsg m;

    assert_int_equal(ik_msgh_register_cmd(u, 0x30, 0x44, 0x0002), 0);
    inject_command(&e->b, 1, 0x82, 17, 0x30, 0x44); /* registered */
    inject_command(&e->b, 0, 0x84, 18, 0x30, 0x44); /* wrong channel */
    inject_command(&e->b, 1, 0x86, 19, 0x30, 0x45); /* wrong command */
    run_for(e, IK_US_PER_S);

    assert_int_equal(g.n, 1);
    assert_int_equal(g.m[0].type, IK_MSGH_COMMAND);
    assert_int_equal(g.m[0].addr.channel, 1);
    assert_int_equal(g.m[0].addr.slave_addr, 0x82);
    assert_int_equal(g.m[0].addr.lun, 1);
    assert_int_equal(g.m[0].seq, 17);
    assert_int_equal(g.m[0].our_lun, 2);
    assert_int_equal(g.m[0].len, 1);
    assert_int_equal(g.m[0].data[0], 0x5A);

    /* The two nobody wanted were answered C1h, back to their senders. */
    assert_int_equal(e->b.untracked_n, 2);
    assert_int_equal(ik_ipmimsg_decode(e->b.untracked[0].b, e->b.untracked[0].n, &m), 0);
    assert_int_equal(m.dst_addr, 0x84);
    assert_int_equal(m.seq, 18);
    assert_int_equal(m.netfn, 0x31);
    assert_int_equal(m.data_len, 1);
    assert_int_equal(m.data[0], 0xC1);
    assert_int_equal(ik_ipmimsg_decode(e->b.untracked[1].b, e->b.untracked[1].n, &m), 0);
    assert_int_equal(m.dst_addr, 0x86);
    assert_int_equal(m.cmd, 0x45);
    assert_int_equal(ik_msgh_stats(e->h)->commands_refused, 2);

    /* The user answers its command. */
    const uint8_t answer[] = {0x00, 0x99};
    assert_int_equal(ik_msgh_respond(u, &g.m[0], answer, sizeof(answer)), 0);
    run_for(e, IK_US_PER_S);
    assert_int_equal(e->b.untracked_n, 3);
    assert_int_equal(ik_ipmimsg_decode(e->b.untracked[2].b, e->b.untracked[2].n, &m), 0);
    assert_int_equal(m.dst_addr, 0x82);
    assert_int_equal(m.dst_lun, 1);
    assert_int_equal(m.src_addr, 0x20);
    assert_int_equal(m.src_lun, 2);
    assert_int_equal(m.netfn, 0x31);
    assert_int_equal(m.seq, 17);
    assert_int_equal(m.cmd, 0x44);
    assert_int_equal(m.data_len, 2);
    assert_memory_equal(m.data, answer, 2);
    env_free(e);
}

static void msgh_get_message_garbage_is_counted_not_delivered(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    uint8_t frame[8] = {0x20, 0x1C, 0x00, 0x72, 0x00, 0x01, 0x00, 0x00}; /* bad checksums */
    ik_msgh_set_gets_events(u, true);
    rq_push(&e->b, 0, frame, sizeof(frame));
    rq_push(&e->b, 0, frame, 2);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 0);
    assert_int_equal(ik_msgh_stats(e->h)->invalid_messages, 2);
    env_free(e);
}

/* ---- the interface gives up ------------------------------------------------------------ */

static void msgh_dead_kcs_fails_pending_and_new_requests_with_the_reason(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    struct ik_kcs_fault f = {IK_KCS_FAULT_ERROR_STATE, 0, IK_KCS_FAULT_HELD, IK_KCS_STATUS_LENGTH,
                             0};
    char text[200];

    ik_kcs_dev_inject(&e->b.dev, &f);
    for (unsigned i = 0; i < 3; i++)
        assert_int_equal(ik_msgh_request(u, &bmc, 100 + i, 0x06, 0x01, NULL, 0, e->now), 0);
    run_for(e, 10 * IK_US_PER_S);
    assert_int_equal(g.n, 3);
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(g.m[i].msgid, 100 + i);
        assert_int_equal(g.m[i].err, IK_E_DISABLED);
        assert_int_equal(g.m[i].data[0], 0xFF);
    }
    assert_int_equal(ik_msgh_request(u, &bmc, 200, 0x06, 0x01, NULL, 0, e->now), IK_E_DISABLED);
    ik_msgh_describe(e->h, text, sizeof(text));
    assert_string_equal(text, "KCS: BMC in ERROR state (status 06h length error) after 20 "
                              "recovery attempts; interface disabled");
    const struct ik_kcs_host *kh = ik_smi_kcs_host(e->k);
    assert_int_equal(kh->stats.recoveries, 20);

    /* The BMC is mended; the operator disables and enables the interface. */
    ik_kcs_dev_inject(&e->b.dev, NULL);
    ik_msgh_set_enabled(e->h, false);
    ik_msgh_set_enabled(e->h, true);
    assert_int_equal(ik_msgh_request(u, &bmc, 201, 0x06, 0x01, NULL, 0, e->now), 0);
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n, 4);
    assert_int_equal(g.m[3].msgid, 201);
    assert_int_equal(g.m[3].err, 0);
    assert_int_equal(g.m[3].data[0], 0x00);
    env_free(e);
}

static void msgh_disabling_fails_queued_requests(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    assert_int_equal(ik_msgh_request(u, &bmc, 1, 0x06, 0x01, NULL, 0, e->now), 0);
    assert_int_equal(ik_msgh_request(u, &bmc, 2, 0x06, 0x01, NULL, 0, e->now), 0);
    ik_msgh_set_enabled(e->h, false);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.m[1].err, IK_E_DISABLED);
    char text[100];
    ik_msgh_describe(e->h, text, sizeof(text));
    assert_string_equal(text, "KCS: interface disabled");
    env_free(e);
}

/* ---- users ------------------------------------------------------------------------------ */

static void msgh_queue_mode_user_reads_in_order_and_overflow_is_counted(void **state)
{
    (void)state;
    struct ik_msgh_cfg cfg;
    ik_msgh_default_cfg(&cfg);
    cfg.user_queue = 2;
    struct env *e = env_new(&cfg);
    struct ik_msgh_user *u;
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    struct ik_msgh_msg m;

    assert_int_equal(ik_msgh_user_create(e->h, NULL, NULL, &u), 0);
    assert_int_equal(ik_msgh_recv(u, &m), IK_E_NOTFOUND);
    for (unsigned i = 0; i < 3; i++)
        assert_int_equal(ik_msgh_request(u, &bmc, i, 0x06, 0x01, NULL, 0, e->now), 0);
    run_for(e, IK_US_PER_S);
    assert_int_equal(ik_msgh_recv(u, &m), 0);
    assert_int_equal(m.msgid, 0);
    assert_int_equal(ik_msgh_recv(u, &m), 0);
    assert_int_equal(m.msgid, 1);
    assert_int_equal(ik_msgh_recv(u, &m), IK_E_NOTFOUND);
    assert_int_equal(ik_msgh_stats(e->h)->queue_overflows, 1);
    env_free(e);
}

static void msgh_answers_for_a_destroyed_user_are_orphaned(void **state)
{
    (void)state;
    struct env *e = env_new(NULL);
    struct got g = {0}, g2 = {0};
    struct ik_msgh_user *u = user(e, &g);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    assert_int_equal(ik_msgh_request(u, &bmc, 1, 0x06, 0x01, NULL, 0, e->now), 0);
    ik_msgh_user_destroy(u);
    struct ik_msgh_user *v = user(e, &g2); /* may reuse the slot */
    run_for(e, IK_US_PER_S);
    assert_int_equal(g.n + g2.n, 0);
    assert_int_equal(ik_msgh_stats(e->h)->orphan_responses, 1);
    (void)v;
    env_free(e);
}

static void msgh_user_table_is_bounded(void **state)
{
    (void)state;
    struct ik_msgh_cfg cfg;
    ik_msgh_default_cfg(&cfg);
    cfg.max_users = 2;
    struct env *e = env_new(&cfg);
    struct got g = {0};
    struct ik_msgh_user *u[3];
    assert_int_equal(ik_msgh_user_create(e->h, collect, &g, &u[0]), 0);
    assert_int_equal(ik_msgh_user_create(e->h, collect, &g, &u[1]), 0);
    assert_int_equal(ik_msgh_user_create(e->h, collect, &g, &u[2]), IK_E_LIMIT);
    ik_msgh_user_destroy(u[0]);
    assert_int_equal(ik_msgh_user_create(e->h, collect, &g, &u[2]), 0);
    env_free(e);
}

/* ---- other backends: the interface shape ------------------------------------------------ */

/* A backend that answers everything on the next poll, like a LAN session would. */
struct loop_be {
    struct ik_smi smi;
    unsigned caps;
    uint64_t tags[16];
    struct ik_smi_req reqs[16];
    unsigned n;
    unsigned flag_polls;
    bool send_event;
};

static int loop_send(void *be, uint64_t tag, const struct ik_smi_req *req)
{
    struct loop_be *l = be;
    if (l->n == 16)
        return IK_E_LIMIT;
    l->tags[l->n] = tag;
    l->reqs[l->n] = *req;
    l->reqs[l->n].data = NULL;
    l->n++;
    return 0;
}

static ik_time_us loop_poll(void *be, ik_time_us now)
{
    struct loop_be *l = be;
    unsigned n = l->n;
    l->n = 0;
    for (unsigned i = 0; i < n; i++) {
        const struct ik_smi_req *r = &l->reqs[i];
        uint8_t rsp[3] = {0x00, 0x00, 0x00};
        if (r->netfn == 0x06 && r->cmd == 0x31)
            l->flag_polls++;
        rsp[1] = r->ipmb ? r->slave_addr : 0x20;
        l->smi.up.response(l->smi.up.owner, l->tags[i], 0, rsp, r->cmd == 0x31 ? 2 : 3);
    }
    if (l->send_event) {
        uint8_t evt[16] = {0xEE};
        l->send_event = false;
        l->smi.up.event(l->smi.up.owner, evt, 16);
    }
    (void)now;
    return 0;
}

static unsigned loop_flags(void *be)
{
    (void)be;
    return 0;
}

static void loop_set_enabled(void *be, bool on)
{
    (void)be;
    (void)on;
}

static int loop_describe(void *be, char *buf, size_t cap)
{
    (void)be;
    return snprintf(buf, cap, "loop");
}

static const struct ik_smi_ops loop_ops = {"loop",     loop_send,        loop_poll,
                                           loop_flags, loop_set_enabled, loop_describe};

static void msgh_polls_flags_on_a_timer_when_the_interface_has_no_attention(void **state)
{
    (void)state;
    struct loop_be l = {0};
    l.smi.ops = &loop_ops;
    l.smi.be = &l;
    l.smi.caps = 0; /* like LAN: no SMS_ATN */
    struct ik_msgh *h = ik_msgh_new(NULL, &l.smi);
    ik_time_us now = IK_US_PER_S;
    for (unsigned i = 0; i < 100; i++) {
        ik_time_us next = ik_msgh_poll(h, now);
        assert_true(next > 0);
        now = next > now ? next : now;
        if (now >= 11 * IK_US_PER_S)
            break;
    }
    /* One Get Message Flags per second. */
    assert_true(l.flag_polls >= 10 && l.flag_polls <= 11);
    ik_msgh_free(h);
}

static void msgh_bridging_backend_gets_ipmb_requests_and_brings_events(void **state)
{
    (void)state;
    struct loop_be l = {0};
    struct got g = {0};
    struct ik_msgh_user *u;
    l.smi.ops = &loop_ops;
    l.smi.be = &l;
    l.smi.caps = IK_SMI_CAP_ATTN | IK_SMI_CAP_IPMB; /* like /dev/ipmi0 */
    struct ik_msgh *h = ik_msgh_new(NULL, &l.smi);
    assert_int_equal(ik_msgh_user_create(h, collect, &g, &u), 0);
    ik_msgh_set_gets_events(u, true);
    struct ik_msgh_addr sat = ik_msgh_addr_ipmb(0, 0x72, 0);
    assert_int_equal(ik_msgh_request(u, &sat, 3, 0x06, 0x01, NULL, 0, 1), 0);
    assert_true(l.reqs[0].ipmb);
    assert_int_equal(l.reqs[0].slave_addr, 0x72);
    assert_int_equal(l.reqs[0].cmd, 0x01); /* not wrapped in Send Message */
    l.send_event = true;
    ik_msgh_poll(h, 2);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.m[0].msgid, 3);
    assert_int_equal(g.m[0].addr.slave_addr, 0x72);
    assert_int_equal(g.m[1].type, IK_MSGH_EVENT);
    assert_int_equal(g.m[1].data[0], 0xEE);
    assert_int_equal(l.flag_polls, 0); /* the kernel fetches flags itself */
    ik_msgh_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(msgh_si_request_returns_bmc_answer_with_msgid_and_completion_code),
        cmocka_unit_test(msgh_request_refuses_bad_addresses_and_netfns),
        cmocka_unit_test(msgh_malformed_bmc_answers_become_completion_code_ff),
        cmocka_unit_test(msgh_pending_requests_are_bounded_by_handler_and_backend),
        cmocka_unit_test(msgh_bridged_request_to_satellite_is_answered),
        cmocka_unit_test(msgh_silent_satellite_yields_c3_after_5_virtual_seconds),
        cmocka_unit_test(msgh_late_satellite_answer_is_dropped_and_counted),
        cmocka_unit_test(msgh_send_message_refusal_passes_the_bmc_completion_code),
        cmocka_unit_test(msgh_sequence_numbers_are_distinct_and_run_out_at_64),
        cmocka_unit_test(msgh_events_wait_for_the_first_listener_then_go_to_every_listener),
        cmocka_unit_test(msgh_kept_events_are_bounded_and_the_overflow_counted),
        cmocka_unit_test(msgh_watchdog_pretimeout_flag_is_cleared),
        cmocka_unit_test(msgh_attention_without_anything_waits_before_asking_again),
        cmocka_unit_test(msgh_command_registration_refuses_overlaps),
        cmocka_unit_test(msgh_incoming_command_reaches_its_user_and_the_rest_get_c1),
        cmocka_unit_test(msgh_get_message_garbage_is_counted_not_delivered),
        cmocka_unit_test(msgh_dead_kcs_fails_pending_and_new_requests_with_the_reason),
        cmocka_unit_test(msgh_disabling_fails_queued_requests),
        cmocka_unit_test(msgh_queue_mode_user_reads_in_order_and_overflow_is_counted),
        cmocka_unit_test(msgh_answers_for_a_destroyed_user_are_orphaned),
        cmocka_unit_test(msgh_user_table_is_bounded),
        cmocka_unit_test(msgh_polls_flags_on_a_timer_when_the_interface_has_no_attention),
        cmocka_unit_test(msgh_bridging_backend_gets_ipmb_requests_and_brings_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
