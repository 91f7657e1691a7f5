/*
 * bmcd's emulated KCS interface (kcs_sock.h has the wire format and the sharing rule): the
 * protocol core (struct ik_kcs_port, no sockets) and its libuv socket layer.
 *
 *   bytes from a host -> frames -> ik_kcs_port_op -> register operation on lib/kcs_dev
 *        -> (a whole request) lib/kcs_bmc -> ik_bmc_dispatch -> response into the pair
 *   a register operation of a host while another holds the pair: the host's reading
 *   stops and it waits in line; released when the pair is free again.
 */
#include "kcs_sock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "bridge.h"
#include "cursor.h"
#include "ipmikit/error.h"
#include "log.h"

/* The system interface's requester: software ID 20h, system management software (IPMI 2.0
 * table 5-4), as an 8-bit address. Platform Event Message from the system interface carries
 * its own generator ID and does not use it. */
#define SMS_SWID 0x41

/* ---- the port ----------------------------------------------------------------------------- */

/* A whole request came out of the BMC machine: dispatch it and put the answer back. */
static void on_request(void *arg, const uint8_t *req, size_t len, uint32_t token)
{
    struct ik_kcs_port *p = arg;
    struct ik_bmc_ctx ctx = {.channel = IK_CHAN_SYSTEM, .priv = IK_PRIV_ADMIN, .rq_addr = SMS_SWID};
    struct ik_bmc_req r = {
        .netfn = req[0] >> 2, .lun = req[0] & 3, .cmd = req[1], .data = req + 2, .len = len - 2};
    struct ik_bmc_rsp rsp;
    uint8_t out[3 + IK_BMC_MAX_RSP];

    if (r.len > IK_BMC_MAX_REQ) {
        /* KCS carries up to 270 data bytes, the engine takes 255. */
        rsp.cc = 0xC8; /* request data field length limit exceeded */
        rsp.len = 0;
    } else {
        ik_bmc_dispatch(p->bmc, p->now, &ctx, &r, &rsp);
    }
    out[0] = (uint8_t)((r.netfn | 1) << 2 | r.lun);
    out[1] = r.cmd;
    out[2] = rsp.cc;
    memcpy(out + 3, rsp.data, rsp.len);
    /* Cannot fail: the token is the one just handed over and 3 + 255 < 272. */
    (void)ik_kcs_bmc_respond(&p->kcs, token, out, 3 + rsp.len);
    ik_kcs_bmc_set_attn(&p->kcs, ik_bmc_sms_attn(p->bmc));
    if (p->after)
        p->after(p->after_ctx, p->now);
}

/* Both sides back to power-on; the counters carry on. */
static void port_reset(struct ik_kcs_port *p)
{
    struct ik_kcs_bmc_io bio;
    struct ik_kcs_dev_stats ds = p->dev.stats;
    struct ik_kcs_bmc_stats bs = p->kcs.stats;
    ik_kcs_dev_init(&p->dev);
    ik_kcs_dev_bmc_io(&p->dev, &bio);
    ik_kcs_bmc_init(&p->kcs, &bio, on_request, p);
    ik_kcs_dev_attach(&p->dev, &p->kcs);
    ik_kcs_dev_set_time(&p->dev, p->now);
    p->dev.stats = ds;
    p->kcs.stats = bs;
    p->holder = 0;
}

void ik_kcs_port_init(struct ik_kcs_port *p, struct ik_bmc *bmc, const char *name,
                      void (*after)(void *ctx, ik_time_us now), void *after_ctx)
{
    memset(p, 0, sizeof(*p));
    p->bmc = bmc;
    p->name = name;
    p->after = after;
    p->after_ctx = after_ctx;
    port_reset(p);
}

int ik_kcs_frame_len(const uint8_t *buf, size_t n)
{
    if (n < 2)
        return 0;
    if (buf[1] > IK_KCS_SOCK_MAX_PAYLOAD)
        return IK_E_PROTOCOL;
    return n >= (size_t)buf[1] + 2 ? buf[1] + 2 : 0;
}

/* The pair is in the middle of a transaction. */
static bool busy(const struct ik_kcs_port *p)
{
    return p->kcs.phase != IK_KCS_B_IDLE || (p->dev.str & (IK_KCS_ST_IBF | IK_KCS_ST_OBF));
}

static uint32_t u32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/*
 * FAULT payload:
 *   OFF SIZE FIELD
 *   0   1    kind (enum ik_kcs_fault_kind, 0 = none)
 *   1   4    skip: trigger events let pass first
 *   5   4    times: firings (FFFFFFFFh: held for ever)
 *   9   1    arg: ERROR_STATE's status code, WRONG_STATE's state bits
 *   10  4    stall_ms: IBF_STUCK's deafness (FFFFFFFFh: for ever)
 */
static uint8_t op_fault(struct ik_kcs_port *p, const uint8_t *pl, size_t n)
{
    struct ik_rd r;
    struct ik_kcs_fault f;
    if (n != 14)
        return IK_KCS_SOCK_BAD_LEN;
    ik_rd_init(&r, pl, n);
    uint8_t kind = ik_rd_u8(&r);
    f.skip = ik_rd_le32(&r);
    f.times = ik_rd_le32(&r);
    f.arg = ik_rd_u8(&r);
    uint32_t ms = ik_rd_le32(&r);
    if (kind > IK_KCS_FAULT_NO_RESPONSE)
        return IK_KCS_SOCK_BAD_VALUE;
    f.kind = (enum ik_kcs_fault_kind)kind;
    f.stall_us = ms == UINT32_MAX ? IK_KCS_FOREVER : (ik_time_us)ms * IK_US_PER_MS;
    ik_kcs_dev_inject(&p->dev, &f);
    p->stats.faults++;
    ik_log(IK_LOG_INFO, "bmc=%s event=kcs_fault kind=%u skip=%u times=%u arg=0x%02x stall_ms=%u",
           p->name, kind, f.skip, f.times, f.arg, ms);
    return IK_KCS_SOCK_OK;
}

/* SATELLITE payload: channel, 8-bit address, mode (0 answer, 1 silent), delay_ms (4). */
static uint8_t op_satellite(struct ik_kcs_port *p, const uint8_t *pl, size_t n)
{
    if (n != 7)
        return IK_KCS_SOCK_BAD_LEN;
    struct ik_rd r;
    ik_rd_init(&r, pl, n);
    uint8_t channel = ik_rd_u8(&r), addr = ik_rd_u8(&r), mode = ik_rd_u8(&r);
    uint32_t delay = ik_rd_le32(&r);
    if (mode > 1)
        return IK_KCS_SOCK_BAD_VALUE;
    int rc = ik_bmc_satellite_set(p->bmc, channel, addr, (enum ik_sat_mode)mode, delay);
    return rc == 0 ? IK_KCS_SOCK_OK : IK_KCS_SOCK_NO_SATELLITE;
}

int ik_kcs_port_op(struct ik_kcs_port *p, uint32_t who, ik_time_us now, const uint8_t *frame,
                   size_t len, uint8_t *out, size_t cap, size_t *outlen)
{
    uint8_t op = frame[0];
    const uint8_t *pl = frame + 2;
    size_t n = len - 2;
    uint8_t status = IK_KCS_SOCK_OK;
    struct ik_wr w;

    if (cap < IK_KCS_SOCK_MAX_FRAME || len < 2 || frame[1] != len - 2)
        return IK_E_INVAL;
    ik_wr_init(&w, out + 2, IK_KCS_SOCK_MAX_PAYLOAD);
    p->now = now;

    switch (op) {
    case IK_KCS_OP_READ_STATUS:
    case IK_KCS_OP_READ_DATA:
    case IK_KCS_OP_WRITE_CMD:
    case IK_KCS_OP_WRITE_DATA: {
        if (n != 1) {
            status = IK_KCS_SOCK_BAD_LEN;
            break;
        }
        if (p->holder && p->holder != who) {
            p->stats.deferred++;
            return IK_E_BUSY;
        }
        uint8_t v = 0;
        ik_kcs_dev_set_time(&p->dev, now);
        if (op == IK_KCS_OP_READ_STATUS)
            ik_kcs_bmc_set_attn(&p->kcs, ik_bmc_sms_attn(p->bmc));
        (void)ik_kcs_dev_host_op(&p->dev, op, pl[0], &v);
        p->holder = busy(p) ? who : 0;
        ik_wr_u8(&w, v);
        break;
    }
    case IK_KCS_SOCK_HELLO: {
        if (n != 0) {
            status = IK_KCS_SOCK_BAD_LEN;
            break;
        }
        size_t nl = p->name ? strlen(p->name) : 0;
        if (nl > IK_KCS_SOCK_MAX_PAYLOAD - 1)
            nl = IK_KCS_SOCK_MAX_PAYLOAD - 1;
        ik_wr_u8(&w, IK_KCS_SOCK_VERSION);
        ik_wr_bytes(&w, p->name, nl);
        break;
    }
    case IK_KCS_SOCK_FAULT:
        status = op_fault(p, pl, n);
        break;
    case IK_KCS_SOCK_STATS: {
        if (n != 0) {
            status = IK_KCS_SOCK_BAD_LEN;
            break;
        }
        ik_wr_le32(&w, u32(p->dev.stats.fault_fired));
        ik_wr_le32(&w, u32(p->dev.stats.overwrites));
        ik_wr_le32(&w, u32(p->kcs.stats.errors));
        ik_wr_le32(&w, u32(p->kcs.stats.aborts));
        ik_wr_le32(&w, u32(p->kcs.stats.requests));
        ik_wr_le32(&w, u32(p->kcs.stats.responses));
        ik_wr_le32(&w, u32(p->stats.deferred));
        break;
    }
    case IK_KCS_SOCK_SATELLITE:
        status = op_satellite(p, pl, n);
        break;
    case IK_KCS_SOCK_RESET:
        if (n != 0) {
            status = IK_KCS_SOCK_BAD_LEN;
            break;
        }
        port_reset(p);
        p->stats.resets++;
        break;
    default:
        status = IK_KCS_SOCK_BAD_OP;
        break;
    }
    if (status != IK_KCS_SOCK_OK)
        w.off = 0;
    out[0] = status;
    out[1] = (uint8_t)w.off;
    *outlen = 2 + w.off;
    p->stats.ops++;
    return 0;
}

void ik_kcs_port_drop(struct ik_kcs_port *p, uint32_t who)
{
    if (!who || p->holder != who)
        return;
    ik_log(IK_LOG_INFO, "bmc=%s event=kcs_reset why=holder_left phase=%d", p->name,
           (int)p->kcs.phase);
    /* Keep the armed fault: the next host is meant to meet it too. */
    struct ik_kcs_fault f = p->dev.fault;
    uint32_t seen = p->dev.fault_seen, left = p->dev.fault_left;
    port_reset(p);
    p->dev.fault = f;
    p->dev.fault_seen = seen;
    p->dev.fault_left = left;
    p->stats.resets++;
}

/* ---- the socket ------------------------------------------------------------------------------ */

#define CLIENT_BUF 256 /* unparsed bytes of one host: several whole frames */

struct client {
    struct ik_kcs_sock *s;
    uv_pipe_t pipe;
    uint32_t id;
    uint8_t in[CLIENT_BUF];
    size_t in_len;
    bool waiting; /* held: reading stopped, in the wait line */
    bool closing;
    struct client *next, *prev;   /* every connected host */
    struct client *wnext, *wprev; /* the wait line */
};

struct ik_kcs_sock {
    uv_pipe_t listener;
    struct ik_kcs_port port;
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    char name[64];
    unsigned max_clients, nclients;
    uint32_t next_id;
    struct client *clients;
    struct client *whead, *wtail;
    bool closing, waking;
    unsigned open_handles; /* the listener and every client pipe not yet closed */
    struct {
        uint64_t connections, refused, protocol_errors, write_errors;
    } stats;
};

static void sock_maybe_free(struct ik_kcs_sock *s)
{
    if (s->closing && s->open_handles == 0)
        free(s);
}

static void wait_remove(struct ik_kcs_sock *s, struct client *c)
{
    if (!c->waiting)
        return;
    if (c->wprev)
        c->wprev->wnext = c->wnext;
    else
        s->whead = c->wnext;
    if (c->wnext)
        c->wnext->wprev = c->wprev;
    else
        s->wtail = c->wprev;
    c->wnext = c->wprev = NULL;
    c->waiting = false;
}

static void wait_append(struct ik_kcs_sock *s, struct client *c)
{
    c->waiting = true;
    c->wnext = NULL;
    c->wprev = s->wtail;
    if (s->wtail)
        s->wtail->wnext = c;
    else
        s->whead = c;
    s->wtail = c;
}

static void on_client_closed(uv_handle_t *h)
{
    struct client *c = h->data;
    struct ik_kcs_sock *s = c->s;
    free(c);
    s->open_handles--;
    sock_maybe_free(s);
}

static void wake(struct ik_kcs_sock *s);
static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf);
static void on_read(uv_stream_t *st, ssize_t nread, const uv_buf_t *buf);

static void client_close(struct client *c, const char *why)
{
    struct ik_kcs_sock *s = c->s;
    if (c->closing)
        return;
    c->closing = true;
    wait_remove(s, c);
    if (c->prev)
        c->prev->next = c->next;
    else
        s->clients = c->next;
    if (c->next)
        c->next->prev = c->prev;
    s->nclients--;
    ik_log(IK_LOG_DEBUG, "bmc=%s event=kcs_close host=%u why=%s", s->name, c->id, why);
    ik_kcs_port_drop(&s->port, c->id);
    uv_close((uv_handle_t *)&c->pipe, on_client_closed);
    if (!s->closing)
        wake(s);
}

static ik_time_us now_us(void)
{
    return (ik_time_us)(uv_hrtime() / 1000);
}

/* Carry out the host's buffered frames until it runs dry or must wait for the pair; a host
 * that must wait stops reading and joins the line (keeping its place when it already
 * waited), one that got through leaves the line and reads again. */
static void process(struct client *c)
{
    struct ik_kcs_sock *s = c->s;
    size_t off = 0;
    bool held_up = false;
    while (!c->closing) {
        int fl = ik_kcs_frame_len(c->in + off, c->in_len - off);
        if (fl < 0) {
            s->stats.protocol_errors++;
            ik_log(IK_LOG_WARN, "bmc=%s event=kcs_protocol_error host=%u op=0x%02x len=%u", s->name,
                   c->id, c->in[off], c->in[off + 1]);
            client_close(c, "protocol_error");
            return;
        }
        if (fl == 0)
            break;
        uint8_t out[IK_KCS_SOCK_MAX_FRAME];
        size_t outlen = 0;
        int rc = ik_kcs_port_op(&s->port, c->id, now_us(), c->in + off, (size_t)fl, out,
                                sizeof(out), &outlen);
        if (rc == IK_E_BUSY) {
            held_up = true;
            break;
        }
        off += (size_t)fl;
        uv_buf_t b = uv_buf_init((char *)out, (unsigned)outlen);
        if (uv_try_write((uv_stream_t *)&c->pipe, &b, 1) != (int)outlen) {
            /* Replies are a few bytes and a host reads each before its next request; one
             * that does not read them is dropped rather than queued for. */
            s->stats.write_errors++;
            client_close(c, "write_failed");
            return;
        }
    }
    if (c->closing)
        return;
    memmove(c->in, c->in + off, c->in_len - off);
    c->in_len -= off;
    if (held_up && !c->waiting) {
        uv_read_stop((uv_stream_t *)&c->pipe);
        wait_append(s, c);
    } else if (!held_up && c->waiting) {
        wait_remove(s, c);
        uv_read_start((uv_stream_t *)&c->pipe, on_alloc, on_read);
    }
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    struct client *c = h->data;
    (void)suggested;
    *buf = uv_buf_init((char *)c->in + c->in_len, (unsigned)(sizeof(c->in) - c->in_len));
}

static void on_read(uv_stream_t *st, ssize_t nread, const uv_buf_t *buf)
{
    struct client *c = st->data;
    (void)buf;
    if (nread < 0) {
        client_close(c, nread == UV_EOF ? "eof" : uv_err_name((int)nread));
        return;
    }
    c->in_len += (size_t)nread;
    process(c);
    if (!c->closing)
        wake(c->s);
}

/* The pair may be free: let waiting hosts go on, oldest first, while it stays free for
 * them. Not re-entered (a host closing inside it leaves the loop to carry on). */
static void wake(struct ik_kcs_sock *s)
{
    if (s->waking)
        return;
    s->waking = true;
    while (s->whead && !s->closing) {
        struct client *c = s->whead;
        uint32_t held = ik_kcs_port_held(&s->port);
        if (held && held != c->id)
            break;
        process(c);
        if (!c->closing && c->waiting)
            break; /* held up again, still first in line */
    }
    s->waking = false;
}

static void on_connection(uv_stream_t *server, int status)
{
    struct ik_kcs_sock *s = server->data;
    if (status < 0 || s->closing)
        return;
    struct client *c = calloc(1, sizeof(*c));
    if (!c)
        return;
    c->s = s;
    uv_pipe_init(server->loop, &c->pipe, 0);
    c->pipe.data = c;
    s->open_handles++;
    if (uv_accept(server, (uv_stream_t *)&c->pipe) != 0) {
        uv_close((uv_handle_t *)&c->pipe, on_client_closed);
        return;
    }
    if (s->nclients >= s->max_clients) {
        s->stats.refused++;
        ik_log(IK_LOG_WARN, "bmc=%s event=kcs_refused reason=too_many_hosts max=%u", s->name,
               s->max_clients);
        uv_close((uv_handle_t *)&c->pipe, on_client_closed);
        return;
    }
    if (++s->next_id == 0)
        s->next_id = 1;
    c->id = s->next_id;
    c->next = s->clients;
    if (s->clients)
        s->clients->prev = c;
    s->clients = c;
    s->nclients++;
    s->stats.connections++;
    ik_log(IK_LOG_DEBUG, "bmc=%s event=kcs_open host=%u", s->name, c->id);
    uv_read_start((uv_stream_t *)&c->pipe, on_alloc, on_read);
}

static void on_listener_closed(uv_handle_t *h)
{
    struct ik_kcs_sock *s = h->data;
    s->open_handles--;
    sock_maybe_free(s);
}

/* Someone accepts connections on the socket at path. */
static bool socket_alive(const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    bool alive = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    close(fd);
    return alive;
}

int ik_kcs_sock_open(uv_loop_t *loop, const struct ik_kcs_sock_cfg *cfg, struct ik_kcs_sock **out)
{
    struct ik_kcs_sock *s;
    struct stat st;
    if (strlen(cfg->path) >= sizeof(s->path)) {
        ik_log(IK_LOG_ERROR, "bmc=%s event=kcs_failed path=%s err=path_longer_than_%zu_bytes",
               cfg->name, cfg->path, sizeof(s->path) - 1);
        return IK_E_RANGE;
    }
    /* A socket left by a bmcd that died is replaced; one that still answers (another bmcd
     * serves it) and anything else at the path are not. */
    if (lstat(cfg->path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode) || socket_alive(cfg->path)) {
            ik_log(IK_LOG_ERROR, "bmc=%s event=kcs_failed path=%s err=%s", cfg->name, cfg->path,
                   S_ISSOCK(st.st_mode) ? "in_use_by_another_process" : "exists_not_a_socket");
            return IK_E_EXISTS;
        }
        unlink(cfg->path);
    }
    s = calloc(1, sizeof(*s));
    if (!s)
        return IK_E_NOMEM;
    snprintf(s->path, sizeof(s->path), "%s", cfg->path);
    snprintf(s->name, sizeof(s->name), "%s", cfg->name ? cfg->name : "bmc");
    s->max_clients = cfg->max_clients ? cfg->max_clients : 8;
    ik_kcs_port_init(&s->port, cfg->bmc, s->name, cfg->after, cfg->after_ctx);
    uv_pipe_init(loop, &s->listener, 0);
    s->listener.data = s;
    s->open_handles = 1;
    int rc = uv_pipe_bind(&s->listener, s->path);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *)&s->listener, 16, on_connection);
    if (rc) {
        ik_log(IK_LOG_ERROR, "bmc=%s event=kcs_failed path=%s err=%s", s->name, s->path,
               uv_strerror(rc));
        s->closing = true;
        uv_close((uv_handle_t *)&s->listener, on_listener_closed);
        return IK_E_IO;
    }
    chmod(s->path, 0600);
    ik_log(IK_LOG_INFO, "bmc=%s event=kcs_listening path=%s", s->name, s->path);
    *out = s;
    return 0;
}

void ik_kcs_sock_close(struct ik_kcs_sock *s)
{
    if (!s || s->closing)
        return;
    s->closing = true;
    while (s->clients)
        client_close(s->clients, "shutdown");
    unlink(s->path);
    uv_close((uv_handle_t *)&s->listener, on_listener_closed);
}

size_t ik_kcs_sock_counters(const struct ik_kcs_sock *s, char *buf, size_t cap)
{
    const struct ik_kcs_port *p = &s->port;
    const struct {
        const char *name;
        uint64_t v;
    } c[] = {
        {"kcs_connections", s->stats.connections},
        {"kcs_refused", s->stats.refused},
        {"kcs_protocol_errors", s->stats.protocol_errors},
        {"kcs_write_errors", s->stats.write_errors},
        {"kcs_ops", p->stats.ops},
        {"kcs_deferred", p->stats.deferred},
        {"kcs_resets", p->stats.resets},
        {"kcs_faults_armed", p->stats.faults},
        {"kcs_faults_fired", p->dev.stats.fault_fired},
        {"kcs_overwrites", p->dev.stats.overwrites},
        {"kcs_requests", p->kcs.stats.requests},
        {"kcs_responses", p->kcs.stats.responses},
        {"kcs_aborts", p->kcs.stats.aborts},
        {"kcs_errors", p->kcs.stats.errors},
    };
    size_t off = 0;
    if (!cap)
        return 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]) && off < cap; i++) {
        if (!c[i].v)
            continue;
        int w = snprintf(buf + off, cap - off, "%s%s=%llu", off ? " " : "", c[i].name,
                         (unsigned long long)c[i].v);
        off += w > 0 ? (size_t)w : 0;
    }
    if (off >= cap)
        off = cap - 1;
    return off;
}
