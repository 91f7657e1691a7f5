/* The host's end of bmcd's KCS socket (host/kcs_remote.c) against bmcd's real socket layer
 * running in a thread, and against broken peers: connection and greeting failures, reply
 * timeouts, a peer that goes away (sticky failure, a floating bus), malformed replies; then
 * the whole host stack (hostif) over it: requests, bridging, faults and their recovery, the
 * 20-attempt give-up and re-enable, and two hosts sharing the register pair. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <uv.h>

#include "bmcfix.h"
#include "hostif.h"
#include "kcs_remote.h"
#include "kcs_sock.h"

#define MS IK_US_PER_MS

static void sock_path(char *buf, size_t cap, const char *tag)
{
    snprintf(buf, cap, "/tmp/ik-test-kcs-%d-%s.sock", (int)getpid(), tag);
    unlink(buf);
}

/* ---- bmcd's socket layer on its own loop in a thread ---------------------------------------- */

struct server {
    struct bmcfix f;
    char path[108];
    uv_loop_t loop;
    uv_async_t stop;
    uv_thread_t thread;
    uv_sem_t ready;
    struct ik_kcs_sock *sock;
};

static void on_stop(uv_async_t *a)
{
    struct server *s = a->data;
    ik_kcs_sock_close(s->sock);
    uv_close((uv_handle_t *)&s->stop, NULL);
}

static void after(void *ctx, ik_time_us now)
{
    struct server *s = ctx;
    s->f.now = now;
    s->f.next = ik_bmc_tick(s->f.bmc, now);
}

static void server_main(void *arg)
{
    struct server *s = arg;
    struct ik_kcs_sock_cfg cfg = {
        .path = s->path, .name = "node9", .bmc = s->f.bmc, .after = after, .after_ctx = s};
    assert_int_equal(ik_kcs_sock_open(&s->loop, &cfg, &s->sock), 0);
    uv_sem_post(&s->ready);
    uv_run(&s->loop, UV_RUN_DEFAULT);
}

static int server_setup(void **state)
{
    struct server *s = calloc(1, sizeof(*s));
    bmcfix_init(&s->f);
    struct ik_machine_platform *p = &s->f.m.platform;
    p->sats = calloc(2, sizeof(*p->sats));
    p->nsats = 2;
    p->sats[0].addr = 0x72;
    p->sats[0].device_id = 0x10;
    p->sats[1].addr = 0x74;
    p->sats[1].silent = 1;
    s->f.now = uv_hrtime() / 1000;
    assert_int_equal(bmcfix_start(&s->f), 0);
    sock_path(s->path, sizeof(s->path), "srv");
    uv_loop_init(&s->loop);
    uv_async_init(&s->loop, &s->stop, on_stop);
    s->stop.data = s;
    uv_sem_init(&s->ready, 0);
    uv_thread_create(&s->thread, server_main, s);
    uv_sem_wait(&s->ready);
    *state = s;
    return 0;
}

static int server_teardown(void **state)
{
    struct server *s = *state;
    uv_async_send(&s->stop);
    uv_thread_join(&s->thread);
    uv_loop_close(&s->loop);
    uv_sem_destroy(&s->ready);
    assert_int_equal(access(s->path, F_OK), -1); /* the socket file is gone */
    bmcfix_fini(&s->f);
    free(s);
    return 0;
}

/* ---- broken peers ------------------------------------------------------------------------------
 */

enum peer_mode {
    PEER_SILENT,      /* reads, never answers */
    PEER_VERSION2,    /* answers HELLO as protocol version 2 */
    PEER_OVERSIZE,    /* answers with a 33-byte payload length */
    PEER_HELLO_CLOSE, /* answers HELLO, then closes at the next operation */
};

struct peer {
    enum peer_mode mode;
    char path[108];
    int lfd;
    uv_thread_t thread;
};

static void peer_main(void *arg)
{
    struct peer *p = arg;
    int fd = accept(p->lfd, NULL, NULL);
    uint8_t buf[64];
    if (fd < 0)
        return;
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        if (n <= 0)
            break;
        if (p->mode == PEER_SILENT)
            continue;
        if (p->mode == PEER_VERSION2) {
            static const uint8_t r[] = {0, 2, 2, 'x'};
            send(fd, r, sizeof(r), MSG_NOSIGNAL);
        } else if (p->mode == PEER_OVERSIZE) {
            static const uint8_t r[] = {0, 33};
            send(fd, r, sizeof(r), MSG_NOSIGNAL);
        } else if (buf[0] == 0x00) {
            static const uint8_t r[] = {0, 2, 1, 'y'};
            send(fd, r, sizeof(r), MSG_NOSIGNAL);
        } else {
            break;
        }
    }
    close(fd);
}

static struct peer *peer_start(enum peer_mode mode)
{
    struct peer *p = calloc(1, sizeof(*p));
    p->mode = mode;
    sock_path(p->path, sizeof(p->path), "peer");
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p->path);
    p->lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(p->lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(listen(p->lfd, 4), 0);
    uv_thread_create(&p->thread, peer_main, p);
    return p;
}

static void peer_stop(struct peer *p)
{
    shutdown(p->lfd, SHUT_RDWR);
    uv_thread_join(&p->thread);
    close(p->lfd);
    unlink(p->path);
    free(p);
}

static void open_without_bmcd_says_what_to_check(void **state)
{
    (void)state;
    struct ik_kcs_remote *r;
    char err[256];
    assert_int_equal(ik_kcs_remote_open("/nonexistent/node1.kcs", NULL, &r, err, sizeof(err)),
                     IK_E_IO);
    assert_non_null(strstr(err, "cannot connect to the KCS socket /nonexistent/node1.kcs"));
    assert_non_null(strstr(err, "--kcs-dir"));
    char longp[200];
    memset(longp, 'a', sizeof(longp) - 1);
    longp[sizeof(longp) - 1] = '\0';
    assert_int_equal(ik_kcs_remote_open(longp, NULL, &r, err, sizeof(err)), IK_E_RANGE);
}

static void silent_peer_times_out_naming_the_socket(void **state)
{
    (void)state;
    struct peer *p = peer_start(PEER_SILENT);
    struct ik_kcs_remote_cfg cfg = {.reply_timeout_us = 100 * MS};
    struct ik_kcs_remote *r;
    char err[256];
    ik_time_us t0 = ik_hostif_now();
    assert_int_equal(ik_kcs_remote_open(p->path, &cfg, &r, err, sizeof(err)), IK_E_TIMEOUT);
    ik_time_us took = ik_hostif_now() - t0;
    assert_true(took >= 100 * MS && took < 2000 * MS);
    assert_non_null(strstr(err, p->path));
    assert_non_null(strstr(err, "no reply within 100 ms"));
    peer_stop(p);
}

static void wrong_version_or_oversized_reply_is_refused(void **state)
{
    (void)state;
    struct ik_kcs_remote *r;
    char err[256];
    struct peer *p = peer_start(PEER_VERSION2);
    assert_int_equal(ik_kcs_remote_open(p->path, NULL, &r, err, sizeof(err)), IK_E_PROTOCOL);
    assert_non_null(strstr(err, "not a bmcd KCS socket of protocol version 1"));
    peer_stop(p);
    p = peer_start(PEER_OVERSIZE);
    assert_int_equal(ik_kcs_remote_open(p->path, NULL, &r, err, sizeof(err)), IK_E_PROTOCOL);
    assert_non_null(strstr(err, "reply of 33 bytes"));
    peer_stop(p);
}

static void peer_gone_is_sticky_and_reads_float(void **state)
{
    (void)state;
    struct peer *p = peer_start(PEER_HELLO_CLOSE);
    struct ik_kcs_remote *r;
    char err[256];
    assert_int_equal(ik_kcs_remote_open(p->path, NULL, &r, err, sizeof(err)), 0);
    assert_string_equal(ik_kcs_remote_bmc(r), "y");
    struct ik_kcs_host_io io;
    ik_kcs_remote_io(r, &io);
    assert_int_equal(ik_kcs_remote_error(r), 0);
    assert_string_equal(ik_kcs_remote_why(r), "");
    assert_int_equal(io.read_status(io.ctx), 0xFF);
    assert_int_equal(ik_kcs_remote_error(r), IK_E_IO);
    assert_non_null(strstr(ik_kcs_remote_why(r), "bmcd closed the connection"));
    io.write_cmd(io.ctx, 0x61);
    assert_int_equal(io.read_data(io.ctx), 0xFF);
    assert_int_equal(ik_kcs_remote_error(r), IK_E_IO); /* the first failure stays */
    struct ik_kcs_remote_stats st;
    assert_int_equal(ik_kcs_remote_stats(r, &st), IK_E_IO);
    ik_kcs_remote_close(r);
    peer_stop(p);
}

static void hostif_fails_pending_requests_with_the_sockets_reason(void **state)
{
    (void)state;
    struct peer *p = peer_start(PEER_HELLO_CLOSE);
    struct ik_hostif_kcs_cfg cfg;
    ik_hostif_kcs_defaults(&cfg);
    cfg.path = p->path;
    struct ik_hostif *h;
    char err[256];
    assert_int_equal(ik_hostif_open_kcs(&cfg, NULL, &h, err, sizeof(err)), 0);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    struct ik_msgh_msg m;
    ik_time_us t0 = ik_hostif_now();
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &m), 0);
    assert_true(ik_hostif_now() - t0 < 1000 * MS); /* no KCS timeouts waited out */
    assert_int_equal(m.err, IK_E_DISABLED);
    assert_int_equal(m.data[0], 0xFF);
    assert_non_null(strstr(ik_hostif_why(h), "bmcd closed the connection"));
    /* the interface stays off, and re-enabling cannot bring a lost socket back */
    ik_hostif_reenable(h);
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &m), IK_E_DISABLED);
    ik_hostif_close(h);
    peer_stop(p);
}

/* ---- against bmcd's socket --------------------------------------------------------------------
 */

static struct ik_hostif *open_host(struct server *s, ik_time_us kcs_timeout)
{
    struct ik_hostif_kcs_cfg cfg;
    ik_hostif_kcs_defaults(&cfg);
    cfg.path = s->path;
    if (kcs_timeout)
        cfg.kcs.kcs.ibf_timeout_us = cfg.kcs.kcs.obf_timeout_us = kcs_timeout;
    struct ik_msgh_cfg mc;
    ik_msgh_default_cfg(&mc);
    mc.ipmb_timeout_us = 300 * MS;
    struct ik_hostif *h;
    char err[256];
    assert_int_equal(ik_hostif_open_kcs(&cfg, &mc, &h, err, sizeof(err)), 0);
    return h;
}

static void get_device_id_through_bmcds_socket(void **state)
{
    struct server *s = *state;
    struct ik_hostif *h = open_host(s, 0);
    assert_string_equal(ik_kcs_remote_bmc(ik_hostif_kcs_remote(h)), "node9");
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    struct ik_msgh_msg m;
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &m), 0);
    assert_int_equal(m.err, 0);
    assert_int_equal(m.netfn, 0x07);
    assert_int_equal(m.len, 16);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], s->f.m.id.device_id);
    /* an ADMIN command: the system interface needs no session */
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x2E, (const uint8_t[]){0x0C}, 1, &m), 0);
    assert_int_equal(m.data[0], 0x00);
    struct ik_kcs_remote_stats st;
    assert_int_equal(ik_kcs_remote_stats(ik_hostif_kcs_remote(h), &st), 0);
    assert_int_equal(st.requests, 2);
    assert_int_equal(st.responses, 2);
    ik_hostif_close(h);
}

static void a_live_socket_is_not_taken_over(void **state)
{
    struct server *s = *state;
    uv_loop_t loop;
    struct ik_kcs_sock *k = NULL;
    uv_loop_init(&loop);
    struct ik_kcs_sock_cfg cfg = {.path = s->path, .name = "other", .bmc = s->f.bmc};
    assert_int_equal(ik_kcs_sock_open(&loop, &cfg, &k), IK_E_EXISTS);
    /* the first server still answers */
    struct ik_kcs_remote *r;
    char err[256];
    assert_int_equal(ik_kcs_remote_open(s->path, NULL, &r, err, sizeof(err)), 0);
    assert_string_equal(ik_kcs_remote_bmc(r), "node9");
    ik_kcs_remote_close(r);
    /* a plain file at the path is not replaced either */
    char path[108];
    sock_path(path, sizeof(path), "file");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    cfg.path = path;
    assert_int_equal(ik_kcs_sock_open(&loop, &cfg, &k), IK_E_EXISTS);
    assert_int_equal(access(path, F_OK), 0);
    unlink(path);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&loop), 0);
}

static void bridged_requests_answer_or_time_out(void **state)
{
    struct server *s = *state;
    struct ik_hostif *h = open_host(s, 0);
    struct ik_msgh_addr sat = ik_msgh_addr_ipmb(0, 0x72, 0);
    struct ik_msgh_msg m;
    assert_int_equal(ik_hostif_call(h, &sat, 0x06, 0x01, NULL, 0, &m), 0);
    assert_int_equal(m.err, 0);
    assert_int_equal(m.addr.slave_addr, 0x72);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 0x10);
    struct ik_msgh_addr quiet = ik_msgh_addr_ipmb(0, 0x74, 0);
    ik_time_us t0 = ik_hostif_now();
    assert_int_equal(ik_hostif_call(h, &quiet, 0x06, 0x01, NULL, 0, &m), 0);
    assert_true(ik_hostif_now() - t0 >= 300 * MS);
    assert_int_equal(m.err, IK_E_TIMEOUT);
    assert_int_equal(m.data[0], 0xC3);
    /* nobody there: the BMC's NAK (83h) is the answer */
    struct ik_msgh_addr none = ik_msgh_addr_ipmb(0, 0x80, 0);
    assert_int_equal(ik_hostif_call(h, &none, 0x06, 0x01, NULL, 0, &m), 0);
    assert_int_equal(m.data[0], 0x83);
    /* silence switched off at run time through the socket */
    assert_int_equal(ik_kcs_remote_satellite(ik_hostif_kcs_remote(h), 0, 0x74, 0, 0), 0);
    assert_int_equal(ik_hostif_call(h, &quiet, 0x06, 0x01, NULL, 0, &m), 0);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(ik_kcs_remote_satellite(ik_hostif_kcs_remote(h), 0, 0x76, 0, 0),
                     IK_E_NOTFOUND);
    ik_hostif_close(h);
}

static void injected_fault_once_is_recovered(void **state)
{
    struct server *s = *state;
    struct ik_hostif *h = open_host(s, 100 * MS);
    struct ik_kcs_remote *r = ik_hostif_kcs_remote(h);
    struct ik_kcs_fault f = {.kind = IK_KCS_FAULT_ERROR_STATE, .times = 1, .arg = 0x06};
    assert_int_equal(ik_kcs_remote_fault(r, &f), 0);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    struct ik_msgh_msg m;
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &m), 0);
    assert_int_equal(m.err, 0);
    assert_int_equal(m.data[0], 0x00);
    struct ik_kcs_remote_stats st;
    assert_int_equal(ik_kcs_remote_stats(r, &st), 0);
    assert_int_equal(st.faults_fired, 1);
    assert_int_equal(st.bmc_errors, 1);
    assert_int_equal(ik_hostif_kcs_host(h)->stats.recoveries, 1);
    ik_hostif_close(h);
}

static void held_fault_disables_until_reenabled(void **state)
{
    struct server *s = *state;
    struct ik_hostif *h = open_host(s, 20 * MS);
    struct ik_kcs_remote *r = ik_hostif_kcs_remote(h);
    struct ik_kcs_fault f = {.kind = IK_KCS_FAULT_NO_RESPONSE, .times = IK_KCS_FAULT_HELD};
    assert_int_equal(ik_kcs_remote_fault(r, &f), 0);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    struct ik_msgh_msg m;
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &m), 0);
    assert_int_equal(m.err, IK_E_DISABLED);
    assert_int_equal(m.data[0], 0xFF);
    assert_string_equal(ik_hostif_why(h),
                        "KCS: no data from BMC after 20 ms during read, BMC in READ state (status "
                        "01h aborted by command) after 20 recovery attempts; interface disabled");
    /* disabled: refused at once, the registers untouched */
    struct ik_kcs_remote_stats a, b;
    assert_int_equal(ik_kcs_remote_stats(r, &a), 0);
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &m), IK_E_DISABLED);
    ik_hostif_run(h, 30 * MS, NULL);
    assert_int_equal(ik_kcs_remote_stats(r, &b), 0);
    assert_int_equal(a.bmc_aborts, b.bmc_aborts);
    assert_int_equal(a.requests, b.requests);
    assert_int_equal(a.faults_fired, 21);
    /* the fault gone and the interface re-enabled, service is back */
    f.kind = IK_KCS_FAULT_NONE;
    assert_int_equal(ik_kcs_remote_fault(r, &f), 0);
    ik_hostif_reenable(h);
    assert_int_equal(ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &m), 0);
    assert_int_equal(m.err, 0);
    assert_int_equal(m.data[0], 0x00);
    ik_hostif_close(h);
}

struct other {
    struct server *s;
    ik_time_us took;
    struct ik_msgh_msg m;
    int rc;
};

static void other_host(void *arg)
{
    struct other *o = arg;
    struct ik_hostif *h = open_host(o->s, 0);
    struct ik_msgh_addr bmc = ik_msgh_addr_bmc();
    ik_time_us t0 = ik_hostif_now();
    o->rc = ik_hostif_call(h, &bmc, 0x06, 0x01, NULL, 0, &o->m);
    o->took = ik_hostif_now() - t0;
    ik_hostif_close(h);
}

static void second_host_waits_for_the_first_hosts_transaction(void **state)
{
    struct server *s = *state;
    struct ik_kcs_remote *r;
    char err[256];
    assert_int_equal(ik_kcs_remote_open(s->path, NULL, &r, err, sizeof(err)), 0);
    struct ik_kcs_host_io io;
    ik_kcs_remote_io(r, &io);
    /* this host starts a transaction and then dawdles for 300 ms mid-way */
    assert_int_equal(IK_KCS_ST_STATE(io.read_status(io.ctx)), IK_KCS_STATE_IDLE);
    io.write_cmd(io.ctx, IK_KCS_WRITE_START);
    struct other o = {.s = s};
    uv_thread_t t;
    uv_thread_create(&t, other_host, &o);
    usleep(300 * 1000);
    /* finish: Get Device ID, read the answer out */
    assert_int_equal(IK_KCS_ST_STATE(io.read_status(io.ctx)), IK_KCS_STATE_WRITE);
    io.write_data(io.ctx, 0x06 << 2);
    assert_int_equal(IK_KCS_ST_STATE(io.read_status(io.ctx)), IK_KCS_STATE_WRITE);
    io.write_cmd(io.ctx, IK_KCS_WRITE_END);
    assert_int_equal(IK_KCS_ST_STATE(io.read_status(io.ctx)), IK_KCS_STATE_WRITE);
    io.write_data(io.ctx, 0x01);
    int bytes = 0;
    for (;;) {
        uint8_t st = io.read_status(io.ctx);
        if (IK_KCS_ST_STATE(st) == IK_KCS_STATE_IDLE) {
            if (st & IK_KCS_ST_OBF)
                io.read_data(io.ctx);
            break;
        }
        if (st & IK_KCS_ST_OBF) {
            io.read_data(io.ctx);
            bytes++;
            io.write_data(io.ctx, IK_KCS_READ);
        }
    }
    assert_int_equal(bytes, 18);
    uv_thread_join(&t);
    assert_int_equal(o.rc, 0);
    assert_int_equal(o.m.err, 0);
    assert_int_equal(o.m.data[0], 0x00);
    assert_true(o.took >= 250 * MS); /* it waited its turn */
    struct ik_kcs_remote_stats st;
    assert_int_equal(ik_kcs_remote_stats(r, &st), 0);
    assert_true(st.deferred >= 1);
    assert_int_equal(st.bmc_errors, 0);
    ik_kcs_remote_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(open_without_bmcd_says_what_to_check),
        cmocka_unit_test(silent_peer_times_out_naming_the_socket),
        cmocka_unit_test(wrong_version_or_oversized_reply_is_refused),
        cmocka_unit_test(peer_gone_is_sticky_and_reads_float),
        cmocka_unit_test(hostif_fails_pending_requests_with_the_sockets_reason),
        cmocka_unit_test_setup_teardown(get_device_id_through_bmcds_socket, server_setup,
                                        server_teardown),
        cmocka_unit_test_setup_teardown(a_live_socket_is_not_taken_over, server_setup,
                                        server_teardown),
        cmocka_unit_test_setup_teardown(bridged_requests_answer_or_time_out, server_setup,
                                        server_teardown),
        cmocka_unit_test_setup_teardown(injected_fault_once_is_recovered, server_setup,
                                        server_teardown),
        cmocka_unit_test_setup_teardown(held_fault_disables_until_reenabled, server_setup,
                                        server_teardown),
        cmocka_unit_test_setup_teardown(second_host_waits_for_the_first_hosts_transaction,
                                        server_setup, server_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
