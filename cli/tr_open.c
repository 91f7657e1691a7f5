/*
 * The open transport: the Linux IPMI device (/dev/ipmiN, -d N) through host/smi_dev's
 * ioctl backend. -t ADDR [-b CHANNEL] sends to an IPMB satellite instead of the BMC; the
 * kernel does the bridging. The device path can be given with IPMIKIT_DEVICE (tests).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "smi_dev.h"
#include "transport.h"

#include "ipmikit/error.h"

struct tr_dev {
    struct ik_tr base;
    int fd;
    struct ik_smi_dev *dev;
    struct ik_smi *smi;
    uint64_t tag;
    /* the answer to the request in flight */
    bool answered;
    int err;
    size_t len;
    uint8_t rsp[300];
};

static ik_time_us now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

static void on_response(void *owner, uint64_t tag, int err, const uint8_t *rsp, size_t len)
{
    struct tr_dev *t = owner;
    if (tag != t->tag)
        return;
    t->answered = true;
    t->err = err;
    t->len = len < sizeof(t->rsp) ? len : sizeof(t->rsp);
    if (t->len)
        memcpy(t->rsp, rsp, t->len);
}

static int dev_request(struct ik_tr *base, uint8_t netfn, uint8_t cmd, const uint8_t *data,
                       size_t len, struct ik_tr_rsp *rsp)
{
    struct tr_dev *t = (struct tr_dev *)base;
    struct ik_cli *cli = base->cli;
    struct ik_smi_req req = {
        .netfn = netfn, .lun = (uint8_t)(cli->lun & 3), .cmd = cmd, .data = data, .len = len};
    if (cli->target_addr >= 0 && cli->target_addr != cli->local_addr) {
        req.ipmb = true;
        req.channel = (uint8_t)(cli->target_channel >= 0 ? cli->target_channel : 0);
        req.slave_addr = (uint8_t)cli->target_addr;
    }
    t->tag++;
    t->answered = false;
    int rc = t->smi->ops->send(t->smi->be, t->tag, &req);
    if (rc) {
        snprintf(base->err, sizeof(base->err),
                 "%s: NetFn %02Xh command %02Xh: the driver refused "
                 "the request (%s)",
                 base->where, netfn, cmd, ik_strerror(rc));
        return rc;
    }
    for (;;) {
        ik_time_us next = t->smi->ops->poll(t->smi->be, now_us());
        if (t->answered)
            break;
        ik_time_us now = now_us();
        int ms = next > now ? (int)((next - now + 999) / 1000) : 1;
        if (ms > 1000)
            ms = 1000;
        struct pollfd pfd = {.fd = t->fd, .events = POLLIN};
        if (poll(&pfd, 1, ms) < 0 && errno != EINTR) {
            snprintf(base->err, sizeof(base->err), "%s: poll: %s", base->where, strerror(errno));
            return IK_E_IO;
        }
    }
    if (t->err) {
        snprintf(base->err, sizeof(base->err), "%s: NetFn %02Xh command %02Xh: %s", base->where,
                 netfn, cmd,
                 t->err == IK_E_TIMEOUT    ? "no answer from the driver"
                 : t->err == IK_E_OVERSIZE ? "response longer than the device buffer"
                                           : ik_strerror(t->err));
        return t->err;
    }
    if (t->len < 1 || t->len - 1 > IK_TR_MAX_DATA) {
        snprintf(base->err, sizeof(base->err),
                 "%s: NetFn %02Xh command %02Xh: response of %zu "
                 "bytes",
                 base->where, netfn, cmd, t->len);
        return IK_E_PROTOCOL;
    }
    rsp->cc = t->rsp[0];
    rsp->len = t->len - 1;
    memcpy(rsp->data, t->rsp + 1, rsp->len);
    return 0;
}

static void dev_close(struct ik_tr *base)
{
    struct tr_dev *t = (struct tr_dev *)base;
    ik_smi_dev_free(t->dev);
    if (t->fd >= 0)
        close(t->fd);
    free(t);
}

static const struct ik_tr_ops dev_tr_ops = {dev_request, dev_close};

int ik_tr_dev_new_fd(struct ik_cli *cli, int fd, const char *path, const struct ik_smi_dev_io *io,
                     struct ik_tr **out)
{
    struct tr_dev *t = calloc(1, sizeof(*t));
    if (!t)
        return IK_E_NOMEM;
    struct ik_smi_dev_cfg cfg = {0};
    if (cli->timeout_s > 0)
        cfg.timeout = (ik_time_us)cli->timeout_s * IK_US_PER_S;
    int rc = ik_smi_dev_new(fd, io, &cfg, &t->dev);
    if (rc) {
        free(t);
        return rc;
    }
    t->fd = fd;
    t->smi = ik_smi_dev_smi(t->dev);
    t->smi->up.owner = t;
    t->smi->up.response = on_response;
    t->base.ops = &dev_tr_ops;
    t->base.cli = cli;
    t->base.name = "open";
    snprintf(t->base.where, sizeof(t->base.where), "%s", path);
    *out = &t->base;
    return 0;
}

int ik_tr_dev_new(struct ik_cli *cli, struct ik_tr **out)
{
    char paths[3][64];
    const char *env = getenv("IPMIKIT_DEVICE");
    int n = 0;
    if (env && *env) {
        snprintf(paths[n++], sizeof(paths[0]), "%s", env);
    } else {
        /* Where distributions put the device, in ipmitool's order. */
        snprintf(paths[n++], sizeof(paths[0]), "/dev/ipmi%d", cli->devnum);
        snprintf(paths[n++], sizeof(paths[0]), "/dev/ipmi/%d", cli->devnum);
        snprintf(paths[n++], sizeof(paths[0]), "/dev/ipmidev/%d", cli->devnum);
    }
    int fd = -1, first_errno = 0;
    const char *path = paths[0];
    for (int i = 0; i < n && fd < 0; i++) {
        fd = open(paths[i], O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            path = paths[i];
        else if (!first_errno || errno != ENOENT)
            first_errno = errno;
    }
    if (fd < 0) {
        ik_cli_error(cli,
                     "cannot open %s: %s (is the ipmi_devintf module loaded? use -H for a "
                     "remote BMC)",
                     paths[0], strerror(first_errno));
        return IK_E_IO;
    }
    int rc = ik_tr_dev_new_fd(cli, fd, path, NULL, out);
    if (rc) {
        close(fd);
        ik_cli_error(cli, "out of memory");
    }
    return rc;
}
