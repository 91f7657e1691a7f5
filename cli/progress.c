/* Terminal progress line for long operations (see progress.h). */
#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void ik_progress_start(struct ik_progress *p, struct ik_cli *cli, const char *what,
                       unsigned long total)
{
    memset(p, 0, sizeof(*p));
    const char *env = getenv("IPMIKIT_PROGRESS");
    int on = isatty(fileno(cli->err));
    if (env && strcmp(env, "always") == 0)
        on = 1;
    else if (env && strcmp(env, "never") == 0)
        on = 0;
    if (!on)
        return;
    p->f = cli->err;
    p->what = what;
    p->total = total;
}

void ik_progress_step(struct ik_progress *p, unsigned long done)
{
    if (!p->f)
        return;
    uint64_t now = mono_us();
    if (p->drawn && now - p->last_us < 100000u && done != p->total)
        return;
    p->last_us = now;
    if (p->total)
        fprintf(p->f, "\r%s: %lu/%lu (%lu%%)\033[K", p->what, done, p->total,
                done >= p->total ? 100ul : done * 100ul / p->total);
    else
        fprintf(p->f, "\r%s: %lu\033[K", p->what, done);
    fflush(p->f);
    p->drawn = 1;
}

void ik_progress_end(struct ik_progress *p)
{
    if (p->f && p->drawn) {
        fputs("\r\033[K", p->f);
        fflush(p->f);
    }
    p->drawn = 0;
}
