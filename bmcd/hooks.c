/* External power-action hooks run through libuv with a timeout (bmcd/hooks.h). */
#include "hooks.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

#define KILL_GRACE_MS 1000 /* SIGTERM, then SIGKILL this long after */
#define EXTRA_ENV     6

static const char *const action_names[IK_PWR_ACTIONS] = {"off",   "on",   "cycle",
                                                         "reset", "diag", "soft"};

/* Boot device selector (boot flags byte 2 [5:2]) as IK_BOOT_DEVICE names. */
static const char *boot_device_name(uint8_t sel)
{
    static const char *const names[16] = {"none",         "pxe",          "disk", "safe",
                                          "diag",         "cdrom",        "bios", "remote-floppy",
                                          "remote-cdrom", "remote-media", NULL,   "remote-disk",
                                          NULL,           NULL,           NULL,   "floppy"};
    return sel < 16 && names[sel] ? names[sel] : "none";
}

struct ik_hooks {
    uv_loop_t *loop;
    char name[64];
    const struct ik_machine *m;
    ik_bmc_log_fn log;
    void *log_ctx;
    uv_process_t proc;
    uv_timer_t timer;
    int running;   /* proc is a live child */
    int proc_open; /* proc handle needs closing */
    int killing;   /* SIGTERM sent, SIGKILL due at the timer */
    int closing;
    int open_handles; /* handles not yet closed (free when 0 after close) */
    uint64_t started_ms;
    int action;
    struct ik_bmc_power_event queue[IK_HOOKS_QUEUE];
    int qhead, qlen;
    struct ik_hooks_stats stats;
};

static void logf_(struct ik_hooks *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct ik_hooks *h, const char *fmt, ...)
{
    char line[600];
    int n;
    va_list ap;
    if (!h->log)
        return;
    n = snprintf(line, sizeof(line), "bmc=%s ", h->name);
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    h->log(h->log_ctx, line);
}

static void maybe_free(struct ik_hooks *h)
{
    if (h->closing && h->open_handles == 0)
        free(h);
}

static void on_handle_closed(uv_handle_t *hd)
{
    struct ik_hooks *h = hd->data;
    h->open_handles--;
    maybe_free(h);
}

static void start_next(struct ik_hooks *h);

static void on_proc_closed(uv_handle_t *hd)
{
    struct ik_hooks *h = hd->data;
    h->proc_open = 0;
    h->open_handles--;
    if (h->closing)
        maybe_free(h);
    else
        start_next(h);
}

static void on_exit_cb(uv_process_t *p, int64_t status, int sig)
{
    struct ik_hooks *h = p->data;
    uint64_t ms = uv_now(h->loop) - h->started_ms;
    uv_timer_stop(&h->timer);
    h->running = 0;
    if (status != 0 || sig != 0) {
        h->stats.failed++;
        logf_(h, "event=hook_done action=%s status=%lld signal=%d ms=%llu result=failed",
              action_names[h->action], (long long)status, sig, (unsigned long long)ms);
    } else {
        logf_(h, "event=hook_done action=%s status=0 ms=%llu", action_names[h->action],
              (unsigned long long)ms);
    }
    uv_close((uv_handle_t *)p, on_proc_closed);
}

static void on_timeout(uv_timer_t *t)
{
    struct ik_hooks *h = t->data;
    if (!h->running)
        return;
    if (!h->killing) {
        h->killing = 1;
        h->stats.timed_out++;
        logf_(h, "event=hook_timeout action=%s pid=%d signal=TERM", action_names[h->action],
              h->proc.pid);
        uv_kill(-h->proc.pid, SIGTERM);
        uv_timer_start(&h->timer, on_timeout, KILL_GRACE_MS, 0);
    } else {
        logf_(h, "event=hook_timeout action=%s pid=%d signal=KILL", action_names[h->action],
              h->proc.pid);
        uv_kill(-h->proc.pid, SIGKILL);
    }
}

/* Run the command for ev; 0 if it started (or there is none to run). */
static void run(struct ik_hooks *h, const struct ik_bmc_power_event *ev)
{
    const struct ik_mpower *p = &h->m->platform.power;
    if (ev->action >= IK_PWR_ACTIONS || !p->hooks[ev->action][0])
        return;
    /* Environment: bmcd's, minus our own names, plus the event. */
    size_t n = 0;
    while (environ && environ[n])
        n++;
    char **env = calloc(n + EXTRA_ENV + 1, sizeof(*env));
    char vars[EXTRA_ENV][96];
    if (!env) {
        h->stats.failed++;
        logf_(h, "event=hook_failed action=%s reason=out_of_memory", action_names[ev->action]);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "IK_", 3) != 0)
            env[k++] = environ[i];
    snprintf(vars[0], sizeof(vars[0]), "IK_BMC=%s", h->name);
    snprintf(vars[1], sizeof(vars[1]), "IK_POWER_ACTION=%s", action_names[ev->action]);
    snprintf(vars[2], sizeof(vars[2]), "IK_RESTART_CAUSE=%u", ev->cause);
    snprintf(vars[3], sizeof(vars[3]), "IK_BOOT_DEVICE=%s",
             ev->boot_valid ? boot_device_name(ev->boot_device) : "none");
    snprintf(vars[4], sizeof(vars[4]), "IK_BOOT_EFI=%d", ev->boot_valid && ev->boot_efi);
    snprintf(vars[5], sizeof(vars[5]), "IK_BOOT_PERSISTENT=%d", ev->boot_valid && ev->boot_persist);
    for (int i = 0; i < EXTRA_ENV; i++)
        env[k++] = vars[i];
    env[k] = NULL;

    char *args[] = {"/bin/sh", "-c", (char *)p->hooks[ev->action], NULL};
    uv_stdio_container_t stdio[3] = {
        {.flags = UV_IGNORE},
        {.flags = UV_INHERIT_FD, .data.fd = 2},
        {.flags = UV_INHERIT_FD, .data.fd = 2},
    };
    uv_process_options_t opt = {
        .exit_cb = on_exit_cb,
        .file = "/bin/sh",
        .args = args,
        .env = env,
        .stdio_count = 3,
        .stdio = stdio,
        /* its own session and process group, so a timeout kills what it started too */
        .flags = UV_PROCESS_DETACHED,
    };
    h->proc.data = h;
    int rc = uv_spawn(h->loop, &h->proc, &opt);
    free(env);
    h->action = ev->action;
    h->proc_open = 1;
    h->open_handles++;
    if (rc != 0) {
        /* libuv wants the handle closed even when spawning failed */
        h->stats.failed++;
        logf_(h, "event=hook_failed action=%s reason=%s", action_names[ev->action],
              uv_strerror(rc));
        uv_close((uv_handle_t *)&h->proc, on_proc_closed);
        return;
    }
    h->running = 1;
    h->killing = 0;
    h->stats.started++;
    h->started_ms = uv_now(h->loop);
    logf_(h, "event=hook_start action=%s pid=%d", action_names[ev->action], h->proc.pid);
    uint32_t ms =
        p->hook_timeouts_ms[ev->action] ? p->hook_timeouts_ms[ev->action] : p->hook_timeout_ms;
    uv_timer_start(&h->timer, on_timeout, ms ? ms : 1, 0);
}

static void start_next(struct ik_hooks *h)
{
    while (!h->proc_open && h->qlen > 0 && !h->closing) {
        struct ik_bmc_power_event ev = h->queue[h->qhead];
        h->qhead = (h->qhead + 1) % IK_HOOKS_QUEUE;
        h->qlen--;
        run(h, &ev);
    }
}

void ik_hooks_power(void *ctx, const struct ik_bmc_power_event *ev)
{
    struct ik_hooks *h = ctx;
    if (!h || h->closing || ev->action >= IK_PWR_ACTIONS ||
        !h->m->platform.power.hooks[ev->action][0])
        return;
    if (h->qlen == IK_HOOKS_QUEUE) {
        h->stats.dropped++;
        logf_(h, "event=hook_dropped action=%s reason=queue_full", action_names[ev->action]);
        return;
    }
    h->queue[(h->qhead + h->qlen) % IK_HOOKS_QUEUE] = *ev;
    h->qlen++;
    start_next(h);
}

struct ik_hooks *ik_hooks_new(uv_loop_t *loop, const char *name, const struct ik_machine *m,
                              ik_bmc_log_fn log, void *log_ctx)
{
    struct ik_hooks *h = calloc(1, sizeof(*h));
    if (!h)
        return NULL;
    h->loop = loop;
    snprintf(h->name, sizeof(h->name), "%s", name ? name : "bmc");
    h->m = m;
    h->log = log;
    h->log_ctx = log_ctx;
    uv_timer_init(loop, &h->timer);
    h->timer.data = h;
    h->open_handles = 1;
    return h;
}

void ik_hooks_close(struct ik_hooks *h)
{
    if (!h || h->closing)
        return;
    h->closing = 1;
    h->qlen = 0;
    if (h->running) {
        logf_(h, "event=hook_killed action=%s pid=%d reason=shutdown", action_names[h->action],
              h->proc.pid);
        uv_kill(-h->proc.pid, SIGKILL);
        /* on_exit_cb closes the process handle */
    }
    uv_timer_stop(&h->timer);
    uv_close((uv_handle_t *)&h->timer, on_handle_closed);
}

void ik_hooks_stats(const struct ik_hooks *h, struct ik_hooks_stats *out)
{
    *out = h->stats;
}
