/* bmcd's key=value log lines (log.h). */
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static enum ik_log_level min_level = IK_LOG_INFO;
static int log_fd = 2;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void ik_log_setup(enum ik_log_level min, int fd)
{
    min_level = min;
    log_fd = fd;
}

int ik_log_level_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (strcasecmp(s, level_names[i]) == 0)
            return i;
    return -1;
}

void ik_logv(enum ik_log_level lvl, const char *fmt, va_list ap)
{
    char line[1024];
    struct timespec ts;
    struct tm tm;
    if (lvl < min_level)
        return;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    int n = snprintf(line, sizeof(line), "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s ",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     ts.tv_nsec / 1000000, level_names[lvl]);
    if (n < 0 || (size_t)n >= sizeof(line))
        return;
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    if (m < 0)
        return;
    size_t len = (size_t)n + (size_t)m;
    if (len > sizeof(line) - 2)
        len = sizeof(line) - 2; /* truncated: still one whole line */
    line[len++] = '\n';
    /* One write per line; a short write to a terminal or pipe is not retried. */
    ssize_t w = write(log_fd, line, len);
    (void)w;
}

void ik_log(enum ik_log_level lvl, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ik_logv(lvl, fmt, ap);
    va_end(ap);
}

void ik_log_engine(void *ctx, const char *line)
{
    (void)ctx;
    ik_log(IK_LOG_INFO, "%s", line);
}
