/* KCS host and BMC machines through the emulated register pair, on a virtual clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kcs.h"
#include "testutil.h"

/* ---- the rig: host machine, emulated registers, BMC machine, a scripted engine ------ */

enum engine_mode {
    ENGINE_ECHO,   /* answer [NetFn|1, cmd, 00h, data...] at once */
    ENGINE_LEN,    /* answer with exactly rsp_len bytes at once */
    ENGINE_SILENT, /* never answer */
};

struct rig {
    struct ik_kcs_dev dev;
    struct ik_kcs_bmc bmc;
    struct ik_kcs_host host;
    ik_time_us now;
    enum engine_mode mode;
    size_t rsp_len;
    uint8_t last_req[IK_KCS_MAX_MSG];
    size_t last_req_len;
    unsigned engine_calls;
    uint32_t last_token;
};

static void engine(void *arg, const uint8_t *req, size_t len, uint32_t token)
{
    struct rig *r = arg;
    uint8_t rsp[IK_KCS_MAX_MSG];
    size_t n = 0;

    r->engine_calls++;
    r->last_token = token;
    memcpy(r->last_req, req, len);
    r->last_req_len = len;
    switch (r->mode) {
    case ENGINE_ECHO:
        rsp[n++] = (uint8_t)(req[0] | 0x04); /* NetFn + 1, same LUN */
        rsp[n++] = req[1];
        rsp[n++] = 0x00;
        for (size_t i = 2; i < len && n < sizeof(rsp); i++)
            rsp[n++] = req[i];
        break;
    case ENGINE_LEN:
        for (n = 0; n < r->rsp_len; n++)
            rsp[n] = (uint8_t)(n * 7 + 3);
        break;
    case ENGINE_SILENT:
        return;
    }
    assert_int_equal(ik_kcs_bmc_respond(&r->bmc, token, rsp, n), 0);
}

static void rig_init(struct rig *r, ik_time_us poll_us)
{
    struct ik_kcs_bmc_io bio;
    struct ik_kcs_host_io hio;
    struct ik_kcs_host_cfg cfg;

    memset(r, 0, sizeof(*r));
    r->now = 1000 * IK_US_PER_S; /* not zero: time differences must be what matters */
    ik_kcs_dev_init(&r->dev);
    ik_kcs_dev_bmc_io(&r->dev, &bio);
    ik_kcs_bmc_init(&r->bmc, &bio, engine, r);
    ik_kcs_dev_attach(&r->dev, &r->bmc);
    ik_kcs_dev_host_io(&r->dev, &hio);
    ik_kcs_host_default_cfg(&cfg);
    if (poll_us)
        cfg.poll_us = poll_us;
    ik_kcs_host_init(&r->host, &hio, &cfg);
    ik_kcs_dev_set_time(&r->dev, r->now);
}

/* Drive the host machine until it leaves WAIT; returns the final step. */
static struct ik_sm_step rig_run(struct rig *r)
{
    struct ik_sm_step step;
    for (unsigned long i = 0; i < 50000000ul; i++) {
        ik_kcs_dev_set_time(&r->dev, r->now);
        ik_kcs_host_event(&r->host, r->now, &step);
        if (step.act != IK_SM_WAIT)
            return step;
        assert_true(step.deadline >= r->now);
        r->now = step.deadline;
    }
    fail_msg("host machine never left WAIT");
    return step;
}

static struct ik_sm_step rig_transact(struct rig *r, const uint8_t *req, size_t len)
{
    assert_int_equal(ik_kcs_host_start(&r->host, req, len, r->now), 0);
    return rig_run(r);
}

static const uint8_t get_device_id[] = {0x06 << 2, 0x01};

static void expect_get_device_id_answer(struct rig *r)
{
    const uint8_t *rsp;
    size_t n;
    ik_kcs_host_result(&r->host, &rsp, &n);
    assert_int_equal(n, 3);
    assert_int_equal(rsp[0], 0x07 << 2);
    assert_int_equal(rsp[1], 0x01);
    assert_int_equal(rsp[2], 0x00); /* completion code */
}

/* ---- names -------------------------------------------------------------------------- */

static void kcs_names_follow_tables_9_2_and_9_4(void **state)
{
    (void)state;
    assert_string_equal(ik_kcs_state_name(IK_KCS_STATE_IDLE), "IDLE");
    assert_string_equal(ik_kcs_state_name(IK_KCS_STATE_ERROR), "ERROR");
    assert_string_equal(ik_kcs_state_name(4), "?");
    assert_string_equal(ik_kcs_status_name(0x00), "no error");
    assert_string_equal(ik_kcs_status_name(0x01), "aborted by command");
    assert_string_equal(ik_kcs_status_name(0x02), "illegal control code");
    assert_string_equal(ik_kcs_status_name(0x06), "length error");
    assert_string_equal(ik_kcs_status_name(0xFF), "unspecified error");
    assert_string_equal(ik_kcs_status_name(0xC0), "OEM error");
    assert_string_equal(ik_kcs_status_name(0xFE), "OEM error");
    assert_string_equal(ik_kcs_status_name(0x03), "reserved");
    assert_string_equal(ik_kcs_status_name(0xBF), "reserved");
}

/* ---- lengths ------------------------------------------------------------------------ */

static void kcs_host_refuses_requests_under_2_and_over_max_bytes(void **state)
{
    (void)state;
    struct rig r;
    uint8_t big[IK_KCS_MAX_MSG + 1] = {0x18, 0x01};
    rig_init(&r, 0);
    assert_int_equal(ik_kcs_host_start(&r.host, big, 0, r.now), IK_E_TRUNCATED);
    assert_int_equal(ik_kcs_host_start(&r.host, big, 1, r.now), IK_E_TRUNCATED);
    assert_int_equal(ik_kcs_host_start(&r.host, big, IK_KCS_MAX_MSG + 1, r.now), IK_E_OVERSIZE);
    assert_int_equal(r.dev.stats.host_cmds + r.dev.stats.host_data, 0);
    assert_int_equal(ik_kcs_host_start(&r.host, big, 2, r.now), 0);
    assert_int_equal(ik_kcs_host_start(&r.host, big, 2, r.now), IK_E_BUSY);
}

static void kcs_round_trips_every_request_length_2_to_max(void **state)
{
    (void)state;
    struct rig r;
    uint8_t req[IK_KCS_MAX_MSG];
    rig_init(&r, 0);
    r.mode = ENGINE_ECHO;
    for (size_t len = 2; len <= IK_KCS_MAX_MSG; len++) {
        req[0] = 0x2E << 2; /* OEM/group NetFn: the engine does not care */
        req[1] = (uint8_t)len;
        for (size_t i = 2; i < len; i++)
            req[i] = (uint8_t)(i ^ len);
        struct ik_sm_step s = rig_transact(&r, req, len);
        assert_int_equal(s.act, IK_SM_DONE);
        /* The BMC saw exactly the request ... */
        assert_int_equal(r.last_req_len, len);
        assert_memory_equal(r.last_req, req, len);
        /* ... and the host got exactly the echo (capped at the buffer). */
        const uint8_t *rsp;
        size_t n;
        ik_kcs_host_result(&r.host, &rsp, &n);
        size_t want = len + 1 > IK_KCS_MAX_MSG ? IK_KCS_MAX_MSG : len + 1;
        assert_int_equal(n, want);
        assert_int_equal(rsp[0], (0x2F << 2));
        assert_int_equal(rsp[2], 0x00);
        assert_memory_equal(rsp + 3, req + 2, n - 3);
    }
    assert_int_equal(r.host.stats.transactions, IK_KCS_MAX_MSG - 1);
    assert_int_equal(r.host.stats.failures, 0);
    assert_int_equal(r.bmc.stats.responses, IK_KCS_MAX_MSG - 1);
}

static void kcs_round_trips_every_response_length_0_to_max(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, 0);
    r.mode = ENGINE_LEN;
    for (size_t len = 0; len <= IK_KCS_MAX_MSG; len++) {
        r.rsp_len = len;
        struct ik_sm_step s = rig_transact(&r, get_device_id, sizeof(get_device_id));
        assert_int_equal(s.act, IK_SM_DONE);
        const uint8_t *rsp;
        size_t n;
        ik_kcs_host_result(&r.host, &rsp, &n);
        assert_int_equal(n, len);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(rsp[i], (uint8_t)(i * 7 + 3));
    }
    assert_int_equal(r.host.stats.failures, 0);
    assert_int_equal(r.host.stats.stray_obf, 0);
}

static void kcs_bmc_refuses_request_longer_than_max_with_length_error(void **state)
{
    (void)state;
    struct rig r;
    uint8_t v;
    rig_init(&r, 0);
    ik_kcs_dev_host_op(&r.dev, IK_KCS_OP_WRITE_CMD, IK_KCS_WRITE_START, NULL);
    ik_kcs_dev_run(&r.dev);
    for (size_t i = 0; i < IK_KCS_MAX_MSG; i++) {
        ik_kcs_dev_host_op(&r.dev, IK_KCS_OP_WRITE_DATA, (uint8_t)i, NULL);
        ik_kcs_dev_host_op(&r.dev, IK_KCS_OP_READ_STATUS, 0, &v);
        assert_int_equal(IK_KCS_ST_STATE(v), IK_KCS_STATE_WRITE);
    }
    /* Byte max+1 does not fit. */
    ik_kcs_dev_host_op(&r.dev, IK_KCS_OP_WRITE_DATA, 0xAA, NULL);
    ik_kcs_dev_host_op(&r.dev, IK_KCS_OP_READ_STATUS, 0, &v);
    assert_int_equal(IK_KCS_ST_STATE(v), IK_KCS_STATE_ERROR);
    assert_int_equal(r.bmc.status_code, IK_KCS_STATUS_LENGTH);
    assert_int_equal(r.engine_calls, 0);
}

/* ---- BMC side: the sequences in tests/vectors/kcs_bmc_sequences.hex ------------------ */

/* Run the error exit by hand and return the status code the BMC reports. */
static uint8_t get_status_by_hand(struct ik_kcs_dev *d)
{
    uint8_t st, code, dummy;
    ik_kcs_dev_host_op(d, IK_KCS_OP_WRITE_CMD, IK_KCS_GET_STATUS_ABORT, NULL);
    ik_kcs_dev_host_op(d, IK_KCS_OP_READ_STATUS, 0, &st);
    assert_int_equal(st & IK_KCS_ST_IBF, 0);
    assert_int_equal(IK_KCS_ST_STATE(st), IK_KCS_STATE_WRITE);
    if (st & IK_KCS_ST_OBF)
        ik_kcs_dev_host_op(d, IK_KCS_OP_READ_DATA, 0, &dummy);
    ik_kcs_dev_host_op(d, IK_KCS_OP_WRITE_DATA, 0x00, NULL);
    ik_kcs_dev_host_op(d, IK_KCS_OP_READ_STATUS, 0, &st);
    assert_int_equal(IK_KCS_ST_STATE(st), IK_KCS_STATE_READ);
    assert_true(st & IK_KCS_ST_OBF);
    ik_kcs_dev_host_op(d, IK_KCS_OP_READ_DATA, 0, &code);
    ik_kcs_dev_host_op(d, IK_KCS_OP_WRITE_DATA, IK_KCS_READ, NULL);
    ik_kcs_dev_host_op(d, IK_KCS_OP_READ_STATUS, 0, &st);
    assert_int_equal(IK_KCS_ST_STATE(st), IK_KCS_STATE_IDLE);
    assert_true(st & IK_KCS_ST_OBF); /* the dummy byte */
    ik_kcs_dev_host_op(d, IK_KCS_OP_READ_DATA, 0, &dummy);
    return code;
}

static void kcs_bmc_follows_every_sequence_in_the_vector_file(void **state)
{
    (void)state;
    size_t n;
    struct ik_test_vec *v = ik_test_load_vectors("kcs_bmc_sequences.hex", &n);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        struct rig r;
        uint8_t st = 0, reply;
        rig_init(&r, 0);
        r.mode = ENGINE_ECHO;
        assert_true(v[i].len >= 2 && v[i].len % 2 == 0);
        for (size_t k = 2; k < v[i].len; k += 2) {
            assert_int_equal(ik_kcs_dev_host_op(&r.dev, v[i].data[k], v[i].data[k + 1], &reply), 0);
            ik_kcs_dev_run(&r.dev);
        }
        ik_kcs_dev_host_op(&r.dev, IK_KCS_OP_READ_STATUS, 0, &st);
        if (IK_KCS_ST_STATE(st) != v[i].data[0] || (st & IK_KCS_ST_IBF))
            fail_msg("line %d (%s): status %02x, want state %u", v[i].line, v[i].label, st,
                     v[i].data[0]);
        uint8_t code = get_status_by_hand(&r.dev);
        if (code != v[i].data[1])
            fail_msg("line %d (%s): status code %02x, want %02x", v[i].line, v[i].label, code,
                     v[i].data[1]);
    }
    ik_test_free_vectors(v, n);
}

static void kcs_bmc_refuses_a_stale_engine_answer_after_abort(void **state)
{
    (void)state;
    struct rig r;
    uint8_t rsp[3] = {0x1C, 0x01, 0x00};
    rig_init(&r, 0);
    r.mode = ENGINE_SILENT;
    assert_int_equal(ik_kcs_host_start(&r.host, get_device_id, 2, r.now), 0);
    /* Run until the request reached the engine. */
    for (int i = 0; i < 100 && r.engine_calls == 0; i++) {
        struct ik_sm_step s;
        ik_kcs_host_event(&r.host, r.now, &s);
    }
    assert_int_equal(r.engine_calls, 1);
    uint32_t token = r.last_token;
    assert_int_equal(r.bmc.phase, IK_KCS_B_ENGINE);
    assert_int_equal(get_status_by_hand(&r.dev), IK_KCS_STATUS_ABORTED);
    assert_int_equal(ik_kcs_bmc_respond(&r.bmc, token, rsp, 3), IK_E_STATE);
    assert_int_equal(r.bmc.stats.stale_responses, 1);
    assert_int_equal(r.dev.str & IK_KCS_ST_OBF, 0);
}

static void kcs_bmc_refuses_an_answer_longer_than_max(void **state)
{
    (void)state;
    struct rig r;
    static uint8_t big[IK_KCS_MAX_MSG + 1];
    rig_init(&r, 0);
    r.mode = ENGINE_SILENT;
    assert_int_equal(ik_kcs_host_start(&r.host, get_device_id, 2, r.now), 0);
    for (int i = 0; i < 100 && r.engine_calls == 0; i++) {
        struct ik_sm_step s;
        ik_kcs_host_event(&r.host, r.now, &s);
    }
    assert_int_equal(ik_kcs_bmc_respond(&r.bmc, r.last_token, big, sizeof(big)), IK_E_OVERSIZE);
    assert_int_equal(ik_kcs_bmc_respond(&r.bmc, r.last_token, big, IK_KCS_MAX_MSG), 0);
}

static void kcs_sms_atn_reaches_the_idle_host(void **state)
{
    (void)state;
    struct rig r;
    struct ik_sm_step s;
    rig_init(&r, 0);
    ik_kcs_host_event(&r.host, r.now, &s);
    assert_int_equal(s.act, IK_SM_IDLE);
    assert_false(r.host.attn);
    ik_kcs_bmc_set_attn(&r.bmc, true);
    ik_kcs_host_event(&r.host, r.now, &s);
    assert_true(r.host.attn);
    ik_kcs_bmc_set_attn(&r.bmc, false);
    ik_kcs_host_event(&r.host, r.now, &s);
    assert_false(r.host.attn);
}

static void kcs_host_works_with_a_slow_bmc(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, 0);
    r.dev.latency_us = 350; /* several host polls per byte */
    ik_time_us t0 = r.now;
    struct ik_sm_step s = rig_transact(&r, get_device_id, 2);
    assert_int_equal(s.act, IK_SM_DONE);
    expect_get_device_id_answer(&r);
    /* 5 handshakes out (start, byte, end, byte) + 4 READs: each waits for the BMC. */
    assert_true(r.now - t0 >= 8 * 350);
    assert_int_equal(r.host.stats.failures, 0);
}

/* ---- faults: each recovers once; held, it disables the interface ---------------------- */

struct fault_case {
    const char *name;
    struct ik_kcs_fault f;
    uint64_t aborts_when_held; /* GET_STATUS/ABORT writes the BMC sees when held */
    const char *held_text;
};

static const struct fault_case fault_cases[] = {
    {"BMC stuck in ERROR (length error)",
     {IK_KCS_FAULT_ERROR_STATE, 0, 0, IK_KCS_STATUS_LENGTH, 0},
     20,
     "KCS: BMC in ERROR state (status 06h length error) after 20 recovery attempts; "
     "interface disabled"},
    {"IBF never clears",
     {IK_KCS_FAULT_IBF_STUCK, 0, 0, 0, IK_KCS_FOREVER},
     0,
     "KCS: IBF still set after 5000 ms during abort, BMC in IDLE state (status not read) "
     "after 20 recovery attempts; interface disabled"},
    {"last request byte dropped",
     {IK_KCS_FAULT_DROP_BYTE, 1, 0, 0, 0},
     20,
     "KCS: BMC in WRITE state during status read (status not read) after 20 recovery "
     "attempts; interface disabled"},
    {"last request byte duplicated",
     {IK_KCS_FAULT_DUP_BYTE, 1, 0, 0, 0},
     20,
     "KCS: BMC in IDLE state during status read (status not read) after 20 recovery "
     "attempts; interface disabled"},
    {"IDLE shown after WRITE_END",
     {IK_KCS_FAULT_WRONG_STATE, 0, 0, IK_KCS_STATE_IDLE, 0},
     20,
     "KCS: BMC in IDLE state during write end (status 01h aborted by command) after 20 "
     "recovery attempts; interface disabled"},
    {"no response",
     {IK_KCS_FAULT_NO_RESPONSE, 0, 0, 0, 0},
     20,
     "KCS: no data from BMC after 5000 ms during read, BMC in READ state (status 01h aborted "
     "by command) after 20 recovery attempts; interface disabled"},
};

static void kcs_every_fault_once_is_recovered_and_the_request_answered(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fault_cases) / sizeof(fault_cases[0]); i++) {
        struct rig r;
        struct ik_kcs_fault f = fault_cases[i].f;
        rig_init(&r, 10 * IK_US_PER_MS);
        r.mode = ENGINE_ECHO;
        f.times = 1;
        if (f.kind == IK_KCS_FAULT_IBF_STUCK)
            f.stall_us = 6 * IK_US_PER_S; /* longer than the 5 s IBF bound */
        ik_kcs_dev_inject(&r.dev, &f);
        struct ik_sm_step s = rig_transact(&r, get_device_id, 2);
        if (s.act != IK_SM_DONE)
            fail_msg("%s: act %d err %d", fault_cases[i].name, s.act, s.err);
        expect_get_device_id_answer(&r);
        if (r.dev.stats.fault_fired != 1 || r.host.stats.recoveries < 1)
            fail_msg("%s: fired %llu recoveries %llu", fault_cases[i].name,
                     (unsigned long long)r.dev.stats.fault_fired,
                     (unsigned long long)r.host.stats.recoveries);
        assert_int_equal(r.host.fails, 0);
        /* And the next request goes through untouched. */
        uint64_t before = r.host.stats.failures;
        s = rig_transact(&r, get_device_id, 2);
        assert_int_equal(s.act, IK_SM_DONE);
        assert_int_equal(r.host.stats.failures, before);
    }
}

static void kcs_every_fault_held_disables_after_20_attempts_with_a_clear_message(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fault_cases) / sizeof(fault_cases[0]); i++) {
        struct rig r;
        struct ik_kcs_fault f = fault_cases[i].f;
        char text[256];
        rig_init(&r, 10 * IK_US_PER_MS);
        r.mode = ENGINE_ECHO;
        f.times = IK_KCS_FAULT_HELD;
        ik_kcs_dev_inject(&r.dev, &f);
        struct ik_sm_step s = rig_transact(&r, get_device_id, 2);
        assert_int_equal(s.act, IK_SM_FAIL);
        assert_int_equal(s.err, IK_E_DISABLED);
        assert_true(ik_kcs_host_disabled(&r.host));
        assert_int_equal(r.host.stats.recoveries, 20);
        assert_int_equal(r.host.stats.failures, 21);
        if (r.dev.stats.host_aborts != fault_cases[i].aborts_when_held)
            fail_msg("%s: %llu aborts", fault_cases[i].name,
                     (unsigned long long)r.dev.stats.host_aborts);
        ik_kcs_host_describe(&r.host, text, sizeof(text));
        if (strcmp(text, fault_cases[i].held_text) != 0)
            fail_msg("%s:\n got  \"%s\"\n want \"%s\"", fault_cases[i].name, text,
                     fault_cases[i].held_text);

        /* Disabled: new requests fail at once and the registers are left alone. */
        struct ik_kcs_dev_stats before = r.dev.stats;
        assert_int_equal(ik_kcs_host_start(&r.host, get_device_id, 2, r.now), IK_E_DISABLED);
        for (int k = 0; k < 50; k++) {
            ik_kcs_host_event(&r.host, r.now, &s);
            assert_int_equal(s.act, IK_SM_FAIL);
            r.now += IK_US_PER_S;
        }
        assert_memory_equal(&before, &r.dev.stats, sizeof(before));

        /* The fault goes away, but only disable + enable brings the interface back. */
        ik_kcs_dev_inject(&r.dev, NULL);
        assert_int_equal(ik_kcs_host_start(&r.host, get_device_id, 2, r.now), IK_E_DISABLED);
        ik_kcs_host_disable(&r.host);
        ik_kcs_host_describe(&r.host, text, sizeof(text));
        assert_string_equal(text, "KCS: interface disabled");
        ik_kcs_host_enable(&r.host);
        s = rig_transact(&r, get_device_id, 2);
        if (s.act != IK_SM_DONE)
            fail_msg("%s: after enable: act %d", fault_cases[i].name, s.act);
        expect_get_device_id_answer(&r);
        ik_kcs_host_describe(&r.host, text, sizeof(text));
        assert_string_equal(text, "KCS: interface working");
    }
}

static void kcs_describe_tells_a_recovery_in_progress(void **state)
{
    (void)state;
    struct rig r;
    struct ik_kcs_fault f = {IK_KCS_FAULT_ERROR_STATE, 0, IK_KCS_FAULT_HELD, 0xC5, 0};
    struct ik_sm_step s;
    char text[200];
    rig_init(&r, 0);
    ik_kcs_dev_inject(&r.dev, &f);
    assert_int_equal(ik_kcs_host_start(&r.host, get_device_id, 2, r.now), 0);
    /* Up to the second failure: one error exit has read the BMC's status code. */
    for (int i = 0; i < 1000 && r.host.stats.failures < 2; i++)
        ik_kcs_host_event(&r.host, r.now, &s);
    assert_int_equal(r.host.fails, 2);
    ik_kcs_host_describe(&r.host, text, sizeof(text));
    assert_string_equal(text, "KCS: BMC in ERROR state (status C5h OEM error); recovery attempt "
                              "2 of 20");
}

static void kcs_ibf_stuck_costs_21_waits_of_5_seconds(void **state)
{
    (void)state;
    struct rig r;
    struct ik_kcs_fault f = {IK_KCS_FAULT_IBF_STUCK, 0, IK_KCS_FAULT_HELD, 0, IK_KCS_FOREVER};
    rig_init(&r, 10 * IK_US_PER_MS);
    ik_kcs_dev_inject(&r.dev, &f);
    ik_time_us t0 = r.now;
    struct ik_sm_step s = rig_transact(&r, get_device_id, 2);
    assert_int_equal(s.act, IK_SM_FAIL);
    assert_int_equal(r.now - t0, 21 * 5 * IK_US_PER_S);
    assert_int_equal(r.dev.stats.host_cmds, 1); /* WRITE_START only: IBF never cleared */
}

static void kcs_exactly_20_recoveries_are_allowed_per_failure_run(void **state)
{
    (void)state;
    for (uint32_t times = 19; times <= 21; times++) {
        struct rig r;
        struct ik_kcs_fault f = {IK_KCS_FAULT_ERROR_STATE, 0, times, IK_KCS_STATUS_LENGTH, 0};
        rig_init(&r, 0);
        ik_kcs_dev_inject(&r.dev, &f);
        struct ik_sm_step s = rig_transact(&r, get_device_id, 2);
        if (times <= 20) {
            assert_int_equal(s.act, IK_SM_DONE);
            assert_int_equal(r.host.stats.recoveries, times);
            assert_int_equal(r.host.fails, 0); /* success resets the count */
        } else {
            assert_int_equal(s.act, IK_SM_FAIL);
            assert_int_equal(s.err, IK_E_DISABLED);
        }
    }
}

static void kcs_dropped_middle_byte_reaches_the_engine_one_short(void **state)
{
    (void)state;
    /* KCS has no checksum: a lost data byte in mid-request is invisible at this layer and
     * the engine answers what it got (the BMC's completion code tells the caller). */
    struct rig r;
    const uint8_t req[] = {0x0A << 2, 0x43, 0x01, 0x02, 0x03};
    struct ik_kcs_fault f = {IK_KCS_FAULT_DROP_BYTE, 2, 1, 0, 0};
    rig_init(&r, 0);
    ik_kcs_dev_inject(&r.dev, &f);
    struct ik_sm_step s = rig_transact(&r, req, sizeof(req));
    assert_int_equal(s.act, IK_SM_DONE);
    assert_int_equal(r.last_req_len, sizeof(req) - 1);
    assert_int_equal(r.last_req[2], 0x02);
    assert_int_equal(r.host.stats.failures, 0);
}

/* ---- a BMC that never stops talking --------------------------------------------------- */

/* A scripted register file: answers every READ with another byte, handles the error exit. */
struct chatty {
    uint8_t st, odr;
    int phase;     /* 0 idle/write, 1 streaming, 2 abort, 3 status out */
    int after_end; /* WRITE_END seen: the next data byte is the last */
    unsigned writes;
};

static uint8_t chatty_status(void *ctx)
{
    struct chatty *c = ctx;
    return c->st;
}

static uint8_t chatty_data(void *ctx)
{
    struct chatty *c = ctx;
    c->st &= (uint8_t)~IK_KCS_ST_OBF;
    return c->odr;
}

static void chatty_out(struct chatty *c, unsigned state, uint8_t byte)
{
    c->st = (uint8_t)((state << 6) | IK_KCS_ST_OBF);
    c->odr = byte;
}

static void chatty_cmd(void *ctx, uint8_t code)
{
    struct chatty *c = ctx;
    c->writes++;
    if (code == IK_KCS_GET_STATUS_ABORT) {
        c->phase = 2;
        c->st = IK_KCS_STATE_WRITE << 6;
    } else {
        c->after_end = code == IK_KCS_WRITE_END;
        c->st = IK_KCS_STATE_WRITE << 6;
    }
}

static void chatty_wdata(void *ctx, uint8_t byte)
{
    struct chatty *c = ctx;
    c->writes++;
    switch (c->phase) {
    case 0: /* request bytes; after the last one, start streaming */
        if (!c->after_end)
            return;
        c->phase = 1;
        chatty_out(c, IK_KCS_STATE_READ, 0x5A);
        return;
    case 1:
        chatty_out(c, IK_KCS_STATE_READ, (uint8_t)(byte + 1));
        return;
    case 2:
        c->phase = 3;
        chatty_out(c, IK_KCS_STATE_READ, IK_KCS_STATUS_ABORTED);
        return;
    default:
        c->phase = 0;
        chatty_out(c, IK_KCS_STATE_IDLE, 0);
        return;
    }
}

static void kcs_host_aborts_a_response_longer_than_max_and_stays_usable(void **state)
{
    (void)state;
    struct chatty c = {0};
    struct ik_kcs_host h;
    struct ik_kcs_host_io io = {chatty_status, chatty_data, chatty_cmd, chatty_wdata, &c};
    struct ik_sm_step s;
    ik_time_us now = 1;
    ik_kcs_host_init(&h, &io, NULL);
    const uint8_t req[] = {0x18, 0x01};
    assert_int_equal(ik_kcs_host_start(&h, req, sizeof(req), now), 0);
    for (int i = 0; i < 10000; i++) {
        ik_kcs_host_event(&h, now, &s);
        if (s.act != IK_SM_WAIT)
            break;
        now = s.deadline;
    }
    assert_int_equal(s.act, IK_SM_FAIL);
    assert_int_equal(s.err, IK_E_OVERSIZE);
    assert_false(ik_kcs_host_disabled(&h));
    assert_int_equal(h.stats.recoveries, 1);
    assert_int_equal(h.bmc_status, IK_KCS_STATUS_ABORTED);
    assert_int_equal(h.rlen, IK_KCS_MAX_MSG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kcs_names_follow_tables_9_2_and_9_4),
        cmocka_unit_test(kcs_host_refuses_requests_under_2_and_over_max_bytes),
        cmocka_unit_test(kcs_round_trips_every_request_length_2_to_max),
        cmocka_unit_test(kcs_round_trips_every_response_length_0_to_max),
        cmocka_unit_test(kcs_bmc_refuses_request_longer_than_max_with_length_error),
        cmocka_unit_test(kcs_bmc_follows_every_sequence_in_the_vector_file),
        cmocka_unit_test(kcs_bmc_refuses_a_stale_engine_answer_after_abort),
        cmocka_unit_test(kcs_bmc_refuses_an_answer_longer_than_max),
        cmocka_unit_test(kcs_sms_atn_reaches_the_idle_host),
        cmocka_unit_test(kcs_host_works_with_a_slow_bmc),
        cmocka_unit_test(kcs_every_fault_once_is_recovered_and_the_request_answered),
        cmocka_unit_test(kcs_every_fault_held_disables_after_20_attempts_with_a_clear_message),
        cmocka_unit_test(kcs_describe_tells_a_recovery_in_progress),
        cmocka_unit_test(kcs_ibf_stuck_costs_21_waits_of_5_seconds),
        cmocka_unit_test(kcs_exactly_20_recoveries_are_allowed_per_failure_run),
        cmocka_unit_test(kcs_dropped_middle_byte_reaches_the_engine_one_short),
        cmocka_unit_test(kcs_host_aborts_a_response_longer_than_max_and_stays_usable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
