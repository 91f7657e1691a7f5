/*
 * The /dev/ipmiN backend (host/smi_dev.c) against a fake device: the ioctl call is injected,
 * so the tests see exactly the structures the kernel would get and hand back what the
 * kernel would (responses, events, EAGAIN, EMSGSIZE with and without _TRUNC). There is no
 * /dev/ipmi0 on the build machines; this is the proof the request/receive logic works.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sys/ioctl.h>

#include <linux/ipmi.h>

#include "smi_dev.h"
#include "transport.h"

#include "ipmikit/error.h"

/* ---- the fake device ------------------------------------------------------------------ */

#define QMAX 16

struct fmsg {
    int recv_type;
    long msgid;
    struct ipmi_addr addr;
    uint8_t data[400];
    unsigned short len;
};

struct fake {
    /* what was sent */
    int sent;
    struct ipmi_addr last_addr;
    unsigned last_addr_len;
    long last_msgid;
    uint8_t last_netfn, last_cmd;
    uint8_t last_data[300];
    unsigned short last_len;
    int send_errno; /* SEND_COMMAND fails with this once when non-zero */
    /* what RECEIVE_MSG hands back, in order */
    struct fmsg q[QMAX];
    int qh, qn;
    int recv_calls, trunc_calls;
    int recv_errno; /* RECEIVE_MSG fails with this once when non-zero */
    /* answer every request at once with this (auto mode) */
    int autoanswer;
    uint8_t auto_rsp[300];
    unsigned short auto_len;
};

static void push(struct fake *f, int type, long msgid, const uint8_t *d, unsigned short n)
{
    assert_true(f->qn < QMAX);
    struct fmsg *m = &f->q[(f->qh + f->qn++) % QMAX];
    memset(m, 0, sizeof(*m));
    m->recv_type = type;
    m->msgid = msgid;
    memcpy(m->data, d, n);
    m->len = n;
}

static int fake_ioctl(void *ctx, int fd, unsigned long request, void *arg)
{
    struct fake *f = ctx;
    (void)fd;
    if (request == IPMICTL_SEND_COMMAND) {
        if (f->send_errno) {
            int e = f->send_errno;
            f->send_errno = 0;
            return -e;
        }
        struct ipmi_req *r = arg;
        f->sent++;
        assert_true(r->addr_len <= sizeof(f->last_addr));
        memset(&f->last_addr, 0, sizeof(f->last_addr));
        memcpy(&f->last_addr, r->addr, r->addr_len);
        f->last_addr_len = r->addr_len;
        f->last_msgid = r->msgid;
        f->last_netfn = r->msg.netfn;
        f->last_cmd = r->msg.cmd;
        f->last_len = r->msg.data_len;
        assert_true(r->msg.data_len <= sizeof(f->last_data));
        memcpy(f->last_data, r->msg.data, r->msg.data_len);
        if (f->autoanswer)
            push(f, IPMI_RESPONSE_RECV_TYPE, r->msgid, f->auto_rsp, f->auto_len);
        return 0;
    }
    if (request == IPMICTL_RECEIVE_MSG || request == IPMICTL_RECEIVE_MSG_TRUNC) {
        int trunc = request == IPMICTL_RECEIVE_MSG_TRUNC;
        if (trunc)
            f->trunc_calls++;
        else
            f->recv_calls++;
        if (f->recv_errno) {
            int e = f->recv_errno;
            f->recv_errno = 0;
            return -e;
        }
        if (f->qn == 0)
            return -EAGAIN;
        struct ipmi_recv *r = arg;
        struct fmsg *m = &f->q[f->qh];
        /* the kernel's rules: a message larger than the buffer stays queued (EMSGSIZE)
         * unless _TRUNC, which takes it truncated and still says EMSGSIZE */
        int too_big = m->len > r->msg.data_len;
        if (too_big && !trunc)
            return -EMSGSIZE;
        unsigned short n = too_big ? r->msg.data_len : m->len;
        r->recv_type = m->recv_type;
        r->msgid = m->msgid;
        memcpy(r->addr, &m->addr, sizeof(struct ipmi_system_interface_addr));
        r->addr_len = sizeof(struct ipmi_system_interface_addr);
        memcpy(r->msg.data, m->data, n);
        r->msg.data_len = n;
        f->qh = (f->qh + 1) % QMAX;
        f->qn--;
        return too_big ? -EMSGSIZE : 0;
    }
    return -ENOTTY;
}

/* ---- what the backend hands up ----------------------------------------------------------- */

struct up {
    int responses;
    uint64_t tag;
    int err;
    uint8_t rsp[400];
    size_t len;
    int events;
    uint8_t evt[16];
    size_t evt_len;
};

static void on_response(void *owner, uint64_t tag, int err, const uint8_t *rsp, size_t len)
{
    struct up *u = owner;
    u->responses++;
    u->tag = tag;
    u->err = err;
    u->len = len;
    if (len)
        memcpy(u->rsp, rsp, len < sizeof(u->rsp) ? len : sizeof(u->rsp));
}

static void on_event(void *owner, const uint8_t *evt, size_t len)
{
    struct up *u = owner;
    u->events++;
    u->evt_len = len;
    memcpy(u->evt, evt, len < 16 ? len : 16);
}

struct rig {
    struct fake f;
    struct up u;
    struct ik_smi_dev *d;
    struct ik_smi *smi;
};

static void rig_init(struct rig *r, const struct ik_smi_dev_cfg *cfg)
{
    memset(r, 0, sizeof(*r));
    struct ik_smi_dev_io io = {fake_ioctl, &r->f};
    assert_int_equal(ik_smi_dev_new(3, &io, cfg, &r->d), 0);
    r->smi = ik_smi_dev_smi(r->d);
    r->smi->up.owner = &r->u;
    r->smi->up.response = on_response;
    r->smi->up.event = on_event;
}

static void rig_free(struct rig *r)
{
    ik_smi_dev_free(r->d);
}

static const uint8_t devid_rsp[] = {0x00, 0x20, 0x01, 0x09, 0x08, 0x02,
                                    0x9f, 0x91, 0x12, 0x00, 0x02, 0x0f};

/* ---- tests ---------------------------------------------------------------------------------- */

static void smi_dev_sends_system_interface_address_and_matches_by_msgid(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, NULL);
    const uint8_t data[] = {0xAA};
    struct ik_smi_req req = {.netfn = 0x06, .lun = 2, .cmd = 0x01, .data = data, .len = 1};
    assert_int_equal(r.smi->ops->send(r.smi->be, 77, &req), 0);
    assert_int_equal(r.f.sent, 1);
    struct ipmi_system_interface_addr si;
    memcpy(&si, &r.f.last_addr, sizeof(si));
    assert_int_equal(si.addr_type, IPMI_SYSTEM_INTERFACE_ADDR_TYPE);
    assert_int_equal(si.channel, IPMI_BMC_CHANNEL);
    assert_int_equal(si.lun, 2);
    assert_int_equal(r.f.last_addr_len, sizeof(si));
    assert_int_equal(r.f.last_netfn, 0x06);
    assert_int_equal(r.f.last_cmd, 0x01);
    assert_int_equal(r.f.last_len, 1);
    assert_int_equal(r.f.last_data[0], 0xAA);
    /* a response for another msgid first: not ours, counted */
    push(&r.f, IPMI_RESPONSE_RECV_TYPE, r.f.last_msgid + 100, devid_rsp, sizeof(devid_rsp));
    push(&r.f, IPMI_RESPONSE_RECV_TYPE, r.f.last_msgid, devid_rsp, sizeof(devid_rsp));
    r.smi->ops->poll(r.smi->be, 1000);
    assert_int_equal(r.u.responses, 1);
    assert_int_equal(r.u.tag, 77);
    assert_int_equal(r.u.err, 0);
    assert_int_equal(r.u.len, sizeof(devid_rsp));
    assert_memory_equal(r.u.rsp, devid_rsp, sizeof(devid_rsp));
    assert_int_equal(ik_smi_dev_stats(r.d)->unmatched, 1);
    assert_int_equal(ik_smi_dev_stats(r.d)->responses, 1);
    rig_free(&r);
}

static void smi_dev_sends_ipmb_address_for_bridged_requests(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, NULL);
    assert_true(r.smi->caps & IK_SMI_CAP_IPMB);
    struct ik_smi_req req = {
        .netfn = 0x04, .lun = 1, .cmd = 0x2D, .ipmb = true, .channel = 7, .slave_addr = 0xB2};
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &req), 0);
    struct ipmi_ipmb_addr a;
    memcpy(&a, &r.f.last_addr, sizeof(a));
    assert_int_equal(a.addr_type, IPMI_IPMB_ADDR_TYPE);
    assert_int_equal(a.channel, 7);
    assert_int_equal(a.slave_addr, 0xB2);
    assert_int_equal(a.lun, 1);
    assert_int_equal(r.f.last_addr_len, sizeof(a));
    rig_free(&r);
}

static void smi_dev_takes_an_oversized_message_truncated_and_reports_it(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, NULL);
    struct ik_smi_req req = {.netfn = 0x06, .cmd = 0x01};
    assert_int_equal(r.smi->ops->send(r.smi->be, 5, &req), 0);
    uint8_t big[350];
    memset(big, 0x5A, sizeof(big));
    push(&r.f, IPMI_RESPONSE_RECV_TYPE, r.f.last_msgid, big, sizeof(big));
    r.smi->ops->poll(r.smi->be, 1000);
    /* RECEIVE_MSG said EMSGSIZE, _TRUNC took it: the queue is not stuck */
    assert_int_equal(r.f.trunc_calls, 1);
    assert_int_equal(r.f.qn, 0);
    assert_int_equal(r.u.responses, 1);
    assert_int_equal(r.u.err, IK_E_OVERSIZE);
    assert_int_equal(r.u.len, 0);
    assert_int_equal(ik_smi_dev_stats(r.d)->truncated, 1);
    rig_free(&r);
}

static void smi_dev_hands_events_up_and_ignores_commands(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, NULL);
    uint8_t evt[16];
    for (int i = 0; i < 16; i++)
        evt[i] = (uint8_t)i;
    push(&r.f, IPMI_ASYNC_EVENT_RECV_TYPE, 0, evt, 16);
    push(&r.f, IPMI_CMD_RECV_TYPE, 9, evt, 4);
    r.smi->ops->poll(r.smi->be, 1);
    assert_int_equal(r.u.events, 1);
    assert_int_equal(r.u.evt_len, 16);
    assert_memory_equal(r.u.evt, evt, 16);
    assert_int_equal(r.u.responses, 0);
    assert_int_equal(ik_smi_dev_stats(r.d)->ignored, 1);
    rig_free(&r);
}

static void smi_dev_answers_unanswered_requests_with_a_timeout(void **state)
{
    (void)state;
    struct ik_smi_dev_cfg cfg = {.timeout = 2 * IK_US_PER_S};
    struct rig r;
    rig_init(&r, &cfg);
    struct ik_smi_req req = {.netfn = 0x06, .cmd = 0x01};
    assert_int_equal(r.smi->ops->send(r.smi->be, 9, &req), 0);
    ik_time_us next = r.smi->ops->poll(r.smi->be, 1 * IK_US_PER_S);
    assert_int_equal(next, 3 * IK_US_PER_S);
    assert_int_equal(r.u.responses, 0);
    r.smi->ops->poll(r.smi->be, 3 * IK_US_PER_S);
    assert_int_equal(r.u.responses, 1);
    assert_int_equal(r.u.err, IK_E_TIMEOUT);
    /* the late answer is dropped as unmatched, never delivered twice */
    push(&r.f, IPMI_RESPONSE_RECV_TYPE, r.f.last_msgid, devid_rsp, sizeof(devid_rsp));
    r.smi->ops->poll(r.smi->be, 4 * IK_US_PER_S);
    assert_int_equal(r.u.responses, 1);
    assert_int_equal(ik_smi_dev_stats(r.d)->unmatched, 1);
    rig_free(&r);
}

static void smi_dev_maps_send_errors_and_forgets_the_request(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, NULL);
    struct ik_smi_req req = {.netfn = 0x06, .cmd = 0x01};
    r.f.send_errno = EMSGSIZE;
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &req), IK_E_OVERSIZE);
    r.f.send_errno = EINVAL;
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &req), IK_E_INVAL);
    r.f.send_errno = ENOMEM;
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &req), IK_E_NOMEM);
    r.f.send_errno = EIO;
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &req), IK_E_IO);
    /* nothing pending: a poll far later answers nothing */
    r.smi->ops->poll(r.smi->be, 100 * IK_US_PER_S);
    assert_int_equal(r.u.responses, 0);
    /* bad requests never reach the kernel */
    struct ik_smi_req odd = {.netfn = 0x07, .cmd = 0x01};
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &odd), IK_E_RANGE);
    struct ik_smi_req big = {.netfn = 0x06, .cmd = 0x01, .data = devid_rsp, .len = 1000};
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &big), IK_E_OVERSIZE);
    assert_int_equal(r.f.sent, 0);
    rig_free(&r);
}

static void smi_dev_rejects_a_response_without_completion_code(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, NULL);
    struct ik_smi_req req = {.netfn = 0x06, .cmd = 0x01};
    assert_int_equal(r.smi->ops->send(r.smi->be, 4, &req), 0);
    push(&r.f, IPMI_RESPONSE_RECV_TYPE, r.f.last_msgid, devid_rsp, 0);
    r.smi->ops->poll(r.smi->be, 1);
    assert_int_equal(r.u.responses, 1);
    assert_int_equal(r.u.err, IK_E_PROTOCOL);
    rig_free(&r);
}

static void smi_dev_bounds_pending_requests_and_disabling_fails_them(void **state)
{
    (void)state;
    struct ik_smi_dev_cfg cfg = {.max_pending = 2};
    struct rig r;
    rig_init(&r, &cfg);
    struct ik_smi_req req = {.netfn = 0x06, .cmd = 0x01};
    assert_int_equal(r.smi->ops->send(r.smi->be, 1, &req), 0);
    assert_int_equal(r.smi->ops->send(r.smi->be, 2, &req), 0);
    assert_int_equal(r.smi->ops->send(r.smi->be, 3, &req), IK_E_LIMIT);
    r.smi->ops->set_enabled(r.smi->be, false);
    assert_int_equal(r.u.responses, 2);
    assert_int_equal(r.u.err, IK_E_DISABLED);
    assert_true(r.smi->ops->flags(r.smi->be) & IK_SMI_DISABLED);
    assert_int_equal(r.smi->ops->send(r.smi->be, 4, &req), IK_E_DISABLED);
    r.smi->ops->set_enabled(r.smi->be, true);
    assert_int_equal(r.smi->ops->send(r.smi->be, 5, &req), 0);
    char buf[256];
    assert_true(r.smi->ops->describe(r.smi->be, buf, sizeof(buf)) > 0);
    assert_non_null(strstr(buf, "pending=1"));
    rig_free(&r);
}

static void smi_dev_stops_a_round_on_a_device_error(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, NULL);
    r.f.recv_errno = EIO;
    const uint8_t evt[16] = {1, 2, 3};
    push(&r.f, IPMI_ASYNC_EVENT_RECV_TYPE, 0, evt, 16);
    r.smi->ops->poll(r.smi->be, 1);
    assert_int_equal(r.u.events, 0);
    assert_int_equal(ik_smi_dev_stats(r.d)->io_errors, 1);
    r.smi->ops->poll(r.smi->be, 2);
    assert_int_equal(r.u.events, 1);
    rig_free(&r);
}

/* The CLI's open transport over the same fake: a request comes back as cc + data. */
static void cli_open_transport_carries_a_request_through_the_device(void **state)
{
    (void)state;
    struct fake f;
    memset(&f, 0, sizeof(f));
    f.autoanswer = 1;
    memcpy(f.auto_rsp, devid_rsp, sizeof(devid_rsp));
    f.auto_len = sizeof(devid_rsp);
    struct ik_cli cli = {
        .target_addr = -1, .target_channel = -1, .local_addr = 0x20, .out = stdout, .err = stderr};
    struct ik_smi_dev_io io = {fake_ioctl, &f};
    struct ik_tr *t;
    assert_int_equal(ik_tr_dev_new_fd(&cli, -1, "fake", &io, &t), 0);
    struct ik_tr_rsp rsp;
    assert_int_equal(ik_tr_request(t, 0x06, 0x01, NULL, 0, &rsp), 0);
    assert_int_equal(rsp.cc, 0);
    assert_int_equal(rsp.len, sizeof(devid_rsp) - 1);
    assert_memory_equal(rsp.data, devid_rsp + 1, rsp.len);
    /* -t: the same request goes to an IPMB address */
    cli.target_addr = 0x72;
    cli.target_channel = 6;
    assert_int_equal(ik_tr_request(t, 0x06, 0x01, NULL, 0, &rsp), 0);
    struct ipmi_ipmb_addr a;
    memcpy(&a, &f.last_addr, sizeof(a));
    assert_int_equal(a.addr_type, IPMI_IPMB_ADDR_TYPE);
    assert_int_equal(a.slave_addr, 0x72);
    assert_int_equal(a.channel, 6);
    /* a response without a completion code is an error with a message */
    f.auto_len = 0;
    assert_int_not_equal(ik_tr_request(t, 0x06, 0x01, NULL, 0, &rsp), 0);
    assert_true(strlen(ik_tr_error(t)) > 0);
    ik_tr_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(smi_dev_sends_system_interface_address_and_matches_by_msgid),
        cmocka_unit_test(smi_dev_sends_ipmb_address_for_bridged_requests),
        cmocka_unit_test(smi_dev_takes_an_oversized_message_truncated_and_reports_it),
        cmocka_unit_test(smi_dev_hands_events_up_and_ignores_commands),
        cmocka_unit_test(smi_dev_answers_unanswered_requests_with_a_timeout),
        cmocka_unit_test(smi_dev_maps_send_errors_and_forgets_the_request),
        cmocka_unit_test(smi_dev_rejects_a_response_without_completion_code),
        cmocka_unit_test(smi_dev_bounds_pending_requests_and_disabling_fails_them),
        cmocka_unit_test(smi_dev_stops_a_round_on_a_device_error),
        cmocka_unit_test(cli_open_transport_carries_a_request_through_the_device),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
