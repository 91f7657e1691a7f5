/*
 * bench_lan: a one-process LAN load generator on lib's console machine (session_client.h),
 * for bench/lan.sh. Sequential: one datagram in flight, so the server's CPU per request
 * is what it spends on one request.
 *
 *   bench_lan -p PORT [-H 127.0.0.1] [-U admin] [-P password] [-C SUITE] -n N
 *       one session, N Get Device ID requests in it
 *   bench_lan -p PORT ... -s N
 *       N sessions opened and closed one after the other
 *
 * Output (one line): "requests=N ms=T per_s=R" or "sessions=N ms=T per_s=R".
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "session_client.h"
#include "transport.h"

static int fd;
static struct sockaddr_in bmc;

static ik_time_us now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

/* The CLI's driver loop, on the connected socket; a failure says why. */
static int drive(struct ik_lanc *c, struct ik_sm_step *step)
{
    if (ik_lanc_drive(fd, c, step) == 0)
        return 0;
    fprintf(stderr, "bench_lan: %s\n", step->reason ? step->reason : "failed");
    return -1;
}

int main(int argc, char **argv)
{
    struct ik_lanc_config cfg;
    static struct ik_lanc c;
    struct ik_sm_step step;
    const char *host = "127.0.0.1", *user = "admin", *pw = "password";
    int port = 0;
    long requests = 0, sessions = 0;
    ik_lanc_config_defaults(&cfg);
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *a = argv[i], *v = argv[i + 1];
        if (!strcmp(a, "-p"))
            port = atoi(v);
        else if (!strcmp(a, "-H"))
            host = v;
        else if (!strcmp(a, "-U"))
            user = v;
        else if (!strcmp(a, "-P"))
            pw = v;
        else if (!strcmp(a, "-C"))
            cfg.suite = atoi(v);
        else if (!strcmp(a, "-n"))
            requests = atol(v);
        else if (!strcmp(a, "-s"))
            sessions = atol(v);
        else
            port = -1;
    }
    if (port <= 0 || (requests <= 0) == (sessions <= 0)) {
        fprintf(stderr,
                "usage: %s -p PORT [-H HOST] [-U USER] [-P PASS] [-C SUITE] "
                "(-n REQUESTS | -s SESSIONS)\n",
                argv[0]);
        return 2;
    }
    cfg.user_len = (uint8_t)strnlen(user, 16);
    memcpy(cfg.user, user, cfg.user_len);
    memset(cfg.password, 0, sizeof(cfg.password));
    memcpy(cfg.password, pw, strnlen(pw, 20));
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    bmc.sin_family = AF_INET;
    bmc.sin_port = htons((uint16_t)port);
    if (fd < 0 || inet_pton(AF_INET, host, &bmc.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&bmc, sizeof(bmc)) < 0) {
        fprintf(stderr, "bench_lan: bad host\n");
        return 2;
    }
    ik_time_us t0 = now_us();
    if (requests) {
        if (ik_lanc_start(&c, &cfg, now_us(), &step) || drive(&c, &step))
            return 1;
        t0 = now_us();
        for (long i = 0; i < requests; i++) {
            if (ik_lanc_request(&c, now_us(), 0x06, 0x01, NULL, 0, &step) || drive(&c, &step) ||
                ik_lanc_response(&c)->data[0] != 0) {
                fprintf(stderr, "bench_lan: request %ld failed\n", i);
                return 1;
            }
        }
        ik_time_us t1 = now_us();
        if (ik_lanc_close(&c, now_us(), &step) || drive(&c, &step))
            return 1;
        printf("requests=%ld ms=%llu per_s=%.0f\n", requests,
               (unsigned long long)((t1 - t0) / 1000), (double)requests * 1e6 / (double)(t1 - t0));
        return 0;
    }
    for (long i = 0; i < sessions; i++) {
        if (ik_lanc_start(&c, &cfg, now_us(), &step) || drive(&c, &step) ||
            ik_lanc_close(&c, now_us(), &step) || drive(&c, &step)) {
            fprintf(stderr, "bench_lan: session %ld failed\n", i);
            return 1;
        }
    }
    ik_time_us t1 = now_us();
    printf("sessions=%ld ms=%llu per_s=%.0f\n", sessions, (unsigned long long)((t1 - t0) / 1000),
           (double)sessions * 1e6 / (double)(t1 - t0));
    return 0;
}
