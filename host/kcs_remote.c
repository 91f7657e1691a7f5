/*
 * KCS register operations carried to bmcd over its Unix stream socket (kcs_remote.h; the
 * wire format is bmcd/kcs_sock.h's, restated below for the few codes used here).
 */
#include "kcs_remote.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cursor.h"
#include "ipmikit/error.h"

/* bmcd/kcs_sock.h: operations (01h-04h are enum ik_kcs_regop), reply status codes. */
#define OP_HELLO     0x00
#define OP_FAULT     0x10
#define OP_STATS     0x11
#define OP_SATELLITE 0x12
#define OP_RESET     0x13
#define ST_OK        0x00
#define ST_NO_SAT    0x04
#define WIRE_VERSION 0x01
#define MAX_PAYLOAD  32
#define FLOATING_BUS 0xFF
#define MAX_UNACKED  8 /* register writes sent before their replies are read */

struct ik_kcs_remote {
    int fd;
    ik_time_us timeout;
    unsigned unacked; /* register writes whose replies are still to be read */
    int err;
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    char bmc[MAX_PAYLOAD];
    char why[256];
};

void ik_kcs_remote_default_cfg(struct ik_kcs_remote_cfg *cfg)
{
    cfg->reply_timeout_us = 10 * IK_US_PER_S;
}

static ik_time_us mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

static int fail(struct ik_kcs_remote *r, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct ik_kcs_remote *r, int err, const char *fmt, ...)
{
    if (r->err)
        return r->err;
    int n = snprintf(r->why, sizeof(r->why), "KCS socket %s: ", r->path);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof(r->why))
        vsnprintf(r->why + n, sizeof(r->why) - (size_t)n, fmt, ap);
    va_end(ap);
    r->err = err;
    return err;
}

/* Read exactly n bytes before the deadline. */
static int read_full(struct ik_kcs_remote *r, uint8_t *buf, size_t n, ik_time_us deadline)
{
    size_t got = 0;
    while (got < n) {
        ik_time_us now = mono_us();
        if (now >= deadline)
            return fail(r, IK_E_TIMEOUT, "no reply within %llu ms",
                        (unsigned long long)(r->timeout / IK_US_PER_MS));
        struct pollfd pfd = {.fd = r->fd, .events = POLLIN};
        int ms = (int)((deadline - now + 999) / 1000);
        int pr = poll(&pfd, 1, ms);
        if (pr < 0 && errno != EINTR)
            return fail(r, IK_E_IO, "poll: %s", strerror(errno));
        if (pr <= 0)
            continue;
        ssize_t k = recv(r->fd, buf + got, n - got, 0);
        if (k == 0)
            return fail(r, IK_E_IO, "bmcd closed the connection");
        if (k < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return fail(r, IK_E_IO, "recv: %s", strerror(errno));
        }
        got += (size_t)k;
    }
    return 0;
}

static int send_frame(struct ik_kcs_remote *r, uint8_t op, const uint8_t *pl, size_t n)
{
    uint8_t f[2 + MAX_PAYLOAD];
    if (n > MAX_PAYLOAD)
        return IK_E_OVERSIZE;
    f[0] = op;
    f[1] = (uint8_t)n;
    if (n)
        memcpy(f + 2, pl, n);
    size_t sent = 0;
    while (sent < n + 2) {
        ssize_t k = send(r->fd, f + sent, n + 2 - sent, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return fail(r, IK_E_IO, "send: %s", k < 0 ? strerror(errno) : "nothing written");
        sent += (size_t)k;
    }
    return 0;
}

/* The next reply [status, m, payload]: payload to rpl (up to rcap bytes; more is a
 * protocol failure: the stream is out of step from there on). */
static int read_reply(struct ik_kcs_remote *r, uint8_t op, uint8_t *rpl, size_t rcap, size_t *rlen,
                      uint8_t *status)
{
    uint8_t hdr[2];
    ik_time_us deadline = mono_us() + r->timeout;
    int rc = read_full(r, hdr, 2, deadline);
    if (rc)
        return rc;
    if (hdr[1] > rcap)
        return fail(r, IK_E_PROTOCOL, "reply of %u bytes to operation %02Xh", hdr[1], op);
    rc = read_full(r, rpl, hdr[1], deadline);
    if (rc)
        return rc;
    *status = hdr[0];
    *rlen = hdr[1];
    return 0;
}

/* Read the replies of the register writes sent ahead (each: status 00h, one byte). */
static int drain(struct ik_kcs_remote *r)
{
    while (r->unacked) {
        uint8_t v = 0, st = 0;
        size_t m = 0;
        int rc = read_reply(r, IK_KCS_OP_WRITE_DATA, &v, 1, &m, &st);
        if (rc)
            return rc;
        r->unacked--;
        if (st != ST_OK || m != 1)
            return fail(r, IK_E_PROTOCOL, "a register write answered status %02Xh, %zu bytes", st,
                        m);
    }
    return 0;
}

/*
 * One round trip: request [op, n, payload], reply [status, m, payload], after the replies
 * still owed for writes. Returns 0 with *status set, or the transport failure.
 */
static int round_trip(struct ik_kcs_remote *r, uint8_t op, const uint8_t *pl, size_t n,
                      uint8_t *rpl, size_t rcap, size_t *rlen, uint8_t *status)
{
    if (r->err)
        return r->err;
    int rc = send_frame(r, op, pl, n);
    if (rc == 0)
        rc = drain(r);
    if (rc == 0)
        rc = read_reply(r, op, rpl, rcap, rlen, status);
    return rc;
}

/* A register read: its reply byte, or FFh once the transport has failed. */
static uint8_t regop(struct ik_kcs_remote *r, uint8_t op, uint8_t value)
{
    uint8_t v = 0, st = 0;
    size_t m = 0;
    if (round_trip(r, op, &value, 1, &v, 1, &m, &st))
        return FLOATING_BUS;
    if (st != ST_OK || m != 1) {
        fail(r, IK_E_PROTOCOL, "register operation %02Xh answered status %02Xh, %zu bytes", op, st,
             m);
        return FLOATING_BUS;
    }
    return v;
}

/* A register write: sent without waiting for its reply, which the next read collects (the
 * stream keeps them in order), so a write costs no round trip. A few may be in flight. */
static void regwrite(struct ik_kcs_remote *r, uint8_t op, uint8_t value)
{
    if (r->err || send_frame(r, op, &value, 1))
        return;
    if (++r->unacked >= MAX_UNACKED)
        (void)drain(r);
}

static uint8_t io_read_status(void *ctx)
{
    return regop(ctx, IK_KCS_OP_READ_STATUS, 0);
}

static uint8_t io_read_data(void *ctx)
{
    return regop(ctx, IK_KCS_OP_READ_DATA, 0);
}

static void io_write_cmd(void *ctx, uint8_t code)
{
    regwrite(ctx, IK_KCS_OP_WRITE_CMD, code);
}

static void io_write_data(void *ctx, uint8_t byte)
{
    regwrite(ctx, IK_KCS_OP_WRITE_DATA, byte);
}

void ik_kcs_remote_io(struct ik_kcs_remote *r, struct ik_kcs_host_io *io)
{
    io->read_status = io_read_status;
    io->read_data = io_read_data;
    io->write_cmd = io_write_cmd;
    io->write_data = io_write_data;
    io->ctx = r;
}

int ik_kcs_remote_open_fd(int fd, const char *name, const struct ik_kcs_remote_cfg *cfg,
                          struct ik_kcs_remote **out, char *err, size_t errcap)
{
    struct ik_kcs_remote *r = calloc(1, sizeof(*r));
    if (!r) {
        close(fd);
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    struct ik_kcs_remote_cfg def;
    ik_kcs_remote_default_cfg(&def);
    r->fd = fd;
    r->timeout = cfg && cfg->reply_timeout_us ? cfg->reply_timeout_us : def.reply_timeout_us;
    snprintf(r->path, sizeof(r->path), "%s", name);
    uint8_t rpl[MAX_PAYLOAD], st = 0;
    size_t m = 0;
    int rc = round_trip(r, OP_HELLO, NULL, 0, rpl, sizeof(rpl), &m, &st);
    if (rc == 0 && (st != ST_OK || m < 1 || rpl[0] != WIRE_VERSION))
        rc = fail(r, IK_E_PROTOCOL, "not a bmcd KCS socket of protocol version %u", WIRE_VERSION);
    if (rc) {
        snprintf(err, errcap, "%s", r->why);
        ik_kcs_remote_close(r);
        return rc;
    }
    memcpy(r->bmc, rpl + 1, m - 1);
    r->bmc[m - 1] = '\0';
    *out = r;
    return 0;
}

int ik_kcs_remote_open(const char *path, const struct ik_kcs_remote_cfg *cfg,
                       struct ik_kcs_remote **out, char *err, size_t errcap)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(sa.sun_path)) {
        snprintf(err, errcap, "KCS socket path is longer than %zu bytes: %s",
                 sizeof(sa.sun_path) - 1, path);
        return IK_E_RANGE;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        snprintf(err, errcap,
                 "cannot connect to the KCS socket %s: %s (is bmcd running with "
                 "--kcs-dir?)",
                 path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return IK_E_IO;
    }
    return ik_kcs_remote_open_fd(fd, path, cfg, out, err, errcap);
}

void ik_kcs_remote_close(struct ik_kcs_remote *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    free(r);
}

int ik_kcs_remote_error(const struct ik_kcs_remote *r)
{
    return r->err;
}

const char *ik_kcs_remote_why(const struct ik_kcs_remote *r)
{
    return r->err ? r->why : "";
}

const char *ik_kcs_remote_bmc(const struct ik_kcs_remote *r)
{
    return r->bmc;
}

/* A control operation with no reply payload expected beyond rcap. */
static int control(struct ik_kcs_remote *r, uint8_t op, const uint8_t *pl, size_t n, uint8_t *rpl,
                   size_t rcap, size_t *rlen)
{
    uint8_t st = 0, dummy[MAX_PAYLOAD];
    size_t m;
    int rc = round_trip(r, op, pl, n, rpl ? rpl : dummy, rpl ? rcap : sizeof(dummy), &m, &st);
    if (rc)
        return rc;
    if (rlen)
        *rlen = m;
    if (st == ST_NO_SAT)
        return IK_E_NOTFOUND;
    return st == ST_OK ? 0 : IK_E_INVAL;
}

/* FAULT payload (bmcd/kcs_sock.c): kind, skip (4), times (4), arg, stall_ms (4). */
int ik_kcs_remote_fault(struct ik_kcs_remote *r, const struct ik_kcs_fault *f)
{
    uint8_t pl[14];
    struct ik_wr w;
    uint64_t ms = f->stall_us == IK_KCS_FOREVER ? UINT32_MAX : f->stall_us / IK_US_PER_MS;
    ik_wr_init(&w, pl, sizeof(pl));
    ik_wr_u8(&w, (uint8_t)f->kind);
    ik_wr_le32(&w, f->skip);
    ik_wr_le32(&w, f->times);
    ik_wr_u8(&w, f->arg);
    ik_wr_le32(&w, ms > UINT32_MAX ? UINT32_MAX : (uint32_t)ms);
    return control(r, OP_FAULT, pl, w.off, NULL, 0, NULL);
}

/* SATELLITE payload: channel, 8-bit address, mode (0 answer, 1 silent), delay_ms (4). */
int ik_kcs_remote_satellite(struct ik_kcs_remote *r, uint8_t channel, uint8_t addr, int silent,
                            uint32_t delay_ms)
{
    uint8_t pl[7];
    struct ik_wr w;
    ik_wr_init(&w, pl, sizeof(pl));
    ik_wr_u8(&w, channel);
    ik_wr_u8(&w, addr);
    ik_wr_u8(&w, silent ? 1 : 0);
    ik_wr_le32(&w, delay_ms);
    return control(r, OP_SATELLITE, pl, w.off, NULL, 0, NULL);
}

int ik_kcs_remote_reset(struct ik_kcs_remote *r)
{
    return control(r, OP_RESET, NULL, 0, NULL, 0, NULL);
}

int ik_kcs_remote_stats(struct ik_kcs_remote *r, struct ik_kcs_remote_stats *out)
{
    uint8_t rpl[MAX_PAYLOAD];
    size_t m = 0;
    int rc = control(r, OP_STATS, NULL, 0, rpl, sizeof(rpl), &m);
    if (rc)
        return rc;
    if (m < 28)
        return fail(r, IK_E_PROTOCOL, "statistics of %zu bytes", m);
    struct ik_rd rd;
    ik_rd_init(&rd, rpl, m);
    out->faults_fired = ik_rd_le32(&rd);
    out->overwrites = ik_rd_le32(&rd);
    out->bmc_errors = ik_rd_le32(&rd);
    out->bmc_aborts = ik_rd_le32(&rd);
    out->requests = ik_rd_le32(&rd);
    out->responses = ik_rd_le32(&rd);
    out->deferred = ik_rd_le32(&rd);
    return 0;
}

static const char *const fault_names[] = {"none",     "error_state", "ibf_stuck",  "drop_byte",
                                          "dup_byte", "wrong_state", "no_response"};

int ik_kcs_fault_parse(const char *name)
{
    for (int i = 0; i < (int)(sizeof(fault_names) / sizeof(fault_names[0])); i++)
        if (strcmp(name, fault_names[i]) == 0)
            return i;
    return -1;
}

const char *ik_kcs_fault_name(int kind)
{
    if (kind < 0 || kind >= (int)(sizeof(fault_names) / sizeof(fault_names[0])))
        return "?";
    return fault_names[kind];
}
