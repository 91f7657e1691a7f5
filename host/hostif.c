/*
 * A backend and a message handler driven with the real clock (hostif.h). The loop: poll the
 * handler and check the transport; hand over what arrived; then wait until the handler's
 * next wake-up (at most 10 ms, so a KCS socket's SMS_ATN is sampled often) on the backend's
 * descriptor or on time alone.
 */
#include "hostif.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "crypto.h"
#include "ipmikit/error.h"
#include "rmcpplus.h"
#include "smi_lan.h"

#define MAX_WAIT_US (10 * IK_US_PER_MS)

struct ik_hostif {
    const char *kind;
    struct ik_smi *smi;
    struct ik_msgh *mh;
    struct ik_msgh_user *self; /* the program's own requests */
    uint64_t next_msgid;
    int fd; /* input to wait for (LAN socket), -1: none */
    /* KCS */
    struct ik_kcs_remote *remote;
    struct ik_smi_kcs *kcs;
    bool remote_failed; /* the interface was turned off for the socket's failure */
    /* LAN */
    struct ik_smi_lan *lan;
    /* any other backend */
    void (*free_be)(void *ctx);
    void *free_ctx;
    char why[512];
};

ik_time_us ik_hostif_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

void ik_hostif_kcs_defaults(struct ik_hostif_kcs_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    ik_smi_kcs_default_cfg(&cfg->kcs);
    ik_kcs_remote_default_cfg(&cfg->sock);
}

void ik_hostif_lan_defaults(struct ik_hostif_lan_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->port = 623;
    ik_lanc_config_defaults(&cfg->lanc);
}

static int finish_open(struct ik_hostif *h, const struct ik_msgh_cfg *mcfg, char *err,
                       size_t errcap)
{
    h->mh = ik_msgh_new(mcfg, h->smi);
    if (!h->mh || ik_msgh_user_create(h->mh, NULL, NULL, &h->self) != 0) {
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    return 0;
}

int ik_hostif_open_kcs(const struct ik_hostif_kcs_cfg *cfg, const struct ik_msgh_cfg *mcfg,
                       struct ik_hostif **out, char *err, size_t errcap)
{
    struct ik_hostif *h = calloc(1, sizeof(*h));
    if (!h) {
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    h->kind = "kcs";
    h->fd = -1;
    int rc = ik_kcs_remote_open(cfg->path, &cfg->sock, &h->remote, err, errcap);
    if (rc) {
        ik_hostif_close(h);
        return rc;
    }
    struct ik_kcs_host_io io;
    ik_kcs_remote_io(h->remote, &io);
    h->kcs = ik_smi_kcs_new(&io, &cfg->kcs);
    if (!h->kcs) {
        ik_hostif_close(h);
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    h->smi = ik_smi_kcs_smi(h->kcs);
    rc = finish_open(h, mcfg, err, errcap);
    if (rc) {
        ik_hostif_close(h);
        return rc;
    }
    *out = h;
    return 0;
}

static void lan_send(void *ctx, const uint8_t *dgram, size_t len)
{
    struct ik_hostif *h = ctx;
    /* A failed send is a lost datagram: the session machine retransmits. */
    (void)send(h->fd, dgram, len, MSG_NOSIGNAL);
}

int ik_hostif_open_lan(const struct ik_hostif_lan_cfg *cfg, const struct ik_msgh_cfg *mcfg,
                       struct ik_hostif **out, char *err, size_t errcap)
{
    struct ik_hostif *h = calloc(1, sizeof(*h));
    if (!h) {
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    h->kind = cfg->lanc.v15 ? "lan" : "lanplus";
    h->fd = -1;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM};
    struct addrinfo *res = NULL;
    char port[8];
    snprintf(port, sizeof(port), "%d", cfg->port);
    int gai = getaddrinfo(cfg->host, port, &hints, &res);
    if (gai != 0) {
        snprintf(err, errcap, "cannot resolve '%s': %s", cfg->host, gai_strerror(gai));
        ik_hostif_close(h);
        return IK_E_INVAL;
    }
    for (struct addrinfo *ai = res; ai && h->fd < 0; ai = ai->ai_next) {
        h->fd =
            socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (h->fd >= 0 && connect(h->fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            close(h->fd);
            h->fd = -1;
        }
    }
    freeaddrinfo(res);
    if (h->fd < 0) {
        snprintf(err, errcap, "cannot open a UDP socket to %s port %d: %s", cfg->host, cfg->port,
                 strerror(errno));
        ik_hostif_close(h);
        return IK_E_IO;
    }
    struct ik_smi_lan_io io = {.send = lan_send, .ctx = h};
    h->lan = ik_smi_lan_new(&cfg->lanc, &io, 0);
    if (!h->lan) {
        snprintf(err, errcap, "out of memory");
        ik_hostif_close(h);
        return IK_E_NOMEM;
    }
    h->smi = ik_smi_lan_smi(h->lan);
    int rc = finish_open(h, mcfg, err, errcap);
    if (rc) {
        ik_hostif_close(h);
        return rc;
    }
    *out = h;
    return 0;
}

int ik_hostif_open_smi(struct ik_smi *smi, int fd, void (*free_be)(void *ctx), void *free_ctx,
                       const struct ik_msgh_cfg *mcfg, struct ik_hostif **out, char *err,
                       size_t errcap)
{
    struct ik_hostif *h = calloc(1, sizeof(*h));
    if (!h) {
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    h->kind = smi->ops->name;
    h->fd = -1;
    h->smi = smi;
    int rc = finish_open(h, mcfg, err, errcap);
    h->fd = fd; /* set after: a failed open must not close the caller's descriptor */
    h->free_be = free_be;
    h->free_ctx = free_ctx;
    if (rc) {
        h->fd = -1;
        h->free_be = NULL;
        ik_hostif_close(h);
        return rc;
    }
    *out = h;
    return 0;
}

/* Read what the LAN socket holds into the session machine. */
static void lan_drain(struct ik_hostif *h)
{
    uint8_t buf[IK_RP_MAX_DGRAM];
    for (int i = 0; i < 64; i++) {
        ssize_t n = recv(h->fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (n < 0)
            return; /* EAGAIN, or an ICMP error: the session's deadlines decide */
        ik_smi_lan_rx(h->lan, ik_hostif_now(), buf, (size_t)n);
    }
}

/* Poll the handler and look after the transport; the handler's next wake-up. */
static ik_time_us pump(struct ik_hostif *h)
{
    ik_time_us next = ik_msgh_poll(h->mh, ik_hostif_now());
    if (h->remote && ik_kcs_remote_error(h->remote) && !h->remote_failed) {
        /* Registers that cannot be reached: stop the machine and fail what waits. */
        h->remote_failed = true;
        ik_msgh_set_enabled(h->mh, false);
        next = ik_msgh_poll(h->mh, ik_hostif_now());
    }
    return next;
}

/* Wait for the next thing to do: the handler's wake-up `next`, at most MAX_WAIT_US, never
 * past `until` (0: no bound), on the backend's descriptor or on time alone. */
static void wait_for(struct ik_hostif *h, ik_time_us next, ik_time_us until)
{
    ik_time_us now = ik_hostif_now();
    ik_time_us wait = MAX_WAIT_US;
    if (next && next <= now)
        wait = 0;
    else if (next && next - now < wait)
        wait = next - now;
    if (until && until <= now)
        wait = 0;
    else if (until && until - now < wait)
        wait = until - now;
    if (h->fd >= 0) {
        struct pollfd pfd = {.fd = h->fd, .events = POLLIN};
        int ms = (int)((wait + 999) / 1000);
        if (poll(&pfd, 1, ms) > 0 && h->lan)
            lan_drain(h);
        return;
    }
    if (wait) {
        struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)(wait * 1000)};
        nanosleep(&ts, NULL);
    }
}

int ik_hostif_call(struct ik_hostif *h, const struct ik_msgh_addr *addr, uint8_t netfn, uint8_t cmd,
                   const uint8_t *data, size_t len, struct ik_msgh_msg *rsp)
{
    uint64_t id = ++h->next_msgid;
    int rc = ik_msgh_request(h->self, addr, id, netfn, cmd, data, len, ik_hostif_now());
    if (rc)
        return rc;
    for (;;) {
        ik_time_us next = pump(h);
        struct ik_msgh_msg m;
        while (ik_msgh_recv(h->self, &m) == 0) {
            if (m.type == IK_MSGH_RESPONSE && m.msgid == id) {
                *rsp = m;
                return 0;
            }
        }
        wait_for(h, next, 0);
    }
}

void ik_hostif_run(struct ik_hostif *h, ik_time_us us, volatile sig_atomic_t *stop)
{
    ik_time_us end = ik_hostif_now() + us;
    while ((!stop || !*stop) && ik_hostif_now() < end)
        wait_for(h, pump(h), end);
}

const char *ik_hostif_why(struct ik_hostif *h)
{
    if (h->remote && ik_kcs_remote_error(h->remote))
        snprintf(h->why, sizeof(h->why), "%s", ik_kcs_remote_why(h->remote));
    else
        ik_msgh_describe(h->mh, h->why, sizeof(h->why));
    return h->why;
}

void ik_hostif_reenable(struct ik_hostif *h)
{
    if (h->remote_failed)
        return;
    ik_msgh_set_enabled(h->mh, false);
    ik_msgh_set_enabled(h->mh, true);
}

void ik_hostif_close(struct ik_hostif *h)
{
    if (!h)
        return;
    if (h->lan && h->mh) {
        /* Close Session: one try, bounded by the session's timeout. */
        ik_smi_lan_close(h->lan, ik_hostif_now());
        ik_time_us end = ik_hostif_now() + 3 * IK_US_PER_S;
        while (!ik_smi_lan_closed(h->lan) && ik_hostif_now() < end)
            wait_for(h, pump(h), end);
    }
    ik_msgh_free(h->mh);
    ik_smi_kcs_free(h->kcs);
    ik_kcs_remote_close(h->remote);
    ik_smi_lan_free(h->lan);
    if (h->free_be)
        h->free_be(h->free_ctx);
    if (h->fd >= 0)
        close(h->fd);
    free(h);
}

struct ik_msgh *ik_hostif_msgh(struct ik_hostif *h)
{
    return h->mh;
}

const char *ik_hostif_kind(const struct ik_hostif *h)
{
    return h->kind;
}

struct ik_kcs_remote *ik_hostif_kcs_remote(struct ik_hostif *h)
{
    return h->remote;
}

const struct ik_kcs_host *ik_hostif_kcs_host(struct ik_hostif *h)
{
    return h->kcs ? ik_smi_kcs_host(h->kcs) : NULL;
}
