/*
 * bench_lan: a one-process LAN load generator on lib's console machine (session_client.h),
 * for bench/lan.sh. Sequential: one datagram in flight, so the server's CPU per request
 * is what it spends on one request.
 *
 *   bench_lan -p PORT [-H 127.0.0.1] [-U admin] [-P password] [-C SUITE] -n N
 *       one session, N Get Device ID requests in it
 *   bench_lan -p PORT ... -s N
 *       N sessions opened and closed one after the other
 *   bench_lan -p PORT -e N
 *       N RMCP/ASF presence pings (no session, no IPMI): what a server spends on a
 *       datagram it barely looks at. Any answer counts, so a bare UDP echo server
 *       (bench_udp_echo) can stand in for the kernel's own floor.
 *
 *   -S 1 (with any of the above): the client spins on a non-blocking socket instead of
 *       sleeping in poll(). On loopback a sleeping client makes the server's every send
 *       pay for waking it up on the other CPU (an inter-processor interrupt, dear under
 *       virtualisation); a server's client across a network costs it no such thing.
 *
 * Output (one line): "requests=N ms=T per_s=R", "sessions=N ..." or "pings=N ...".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "rmcp.h"
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

/* -S: wait for a datagram by spinning on MSG_DONTWAIT instead of sleeping in poll(). */
static long rx_spin(int sock, uint8_t *buf, size_t cap, ik_time_us deadline)
{
    for (;;) {
        ssize_t n = recv(sock, buf, cap, MSG_DONTWAIT);
        if (n >= 0)
            return (long)n;
        if (now_us() >= deadline)
            return -1;
    }
}

/* How the client waits: poll() unless -S. */
static ik_lanc_rx_fn rx = ik_lanc_rx_poll;

/* Drive to the end of one exchange; a failure says why. */
static int drive(struct ik_lanc *c, struct ik_sm_step *step)
{
    if (ik_lanc_drive_rx(fd, c, step, rx) == 0)
        return 0;
    fprintf(stderr, "bench_lan: %s\n", step->reason ? step->reason : "failed");
    return -1;
}

/* N presence pings, one in flight; 1 s per answer at most. */
static int ping(long n)
{
    uint8_t req[16], rsp[512];
    size_t len = 0;
    ik_time_us t0 = now_us();
    for (long i = 0; i < n; i++) {
        if (ik_asf_ping_encode((uint8_t)i, req, sizeof(req), &len) != 0 ||
            send(fd, req, len, 0) != (ssize_t)len ||
            rx(fd, rsp, sizeof(rsp), now_us() + IK_US_PER_S) <= 0) {
            fprintf(stderr, "bench_lan: ping %ld unanswered\n", i);
            return 1;
        }
    }
    ik_time_us t1 = now_us();
    printf("pings=%ld ms=%llu per_s=%.0f\n", n, (unsigned long long)((t1 - t0) / 1000),
           (double)n * 1e6 / (double)(t1 - t0));
    return 0;
}

int main(int argc, char **argv)
{
    struct ik_lanc_config cfg;
    static struct ik_lanc c;
    struct ik_sm_step step;
    const char *host = "127.0.0.1", *user = "admin", *pw = "password";
    int port = 0;
    long requests = 0, sessions = 0, pings = 0;
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
        else if (!strcmp(a, "-e"))
            pings = atol(v);
        else if (!strcmp(a, "-S"))
            rx = atoi(v) != 0 ? rx_spin : ik_lanc_rx_poll;
        else
            port = -1;
    }
    if (port <= 0 || (requests > 0) + (sessions > 0) + (pings > 0) != 1) {
        fprintf(stderr,
                "usage: %s -p PORT [-H HOST] [-U USER] [-P PASS] [-C SUITE] "
                "(-n REQUESTS | -s SESSIONS | -e PINGS) [-S 1]\n",
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
    if (pings)
        return ping(pings);
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
