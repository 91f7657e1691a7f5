/*
 * lanclient: drives lib/session_client.[ch] over UDP for integration tests: open a session
 * (RMCP+ or IPMI 1.5), send Get Device ID, print the response, close.
 *
 *   tool_lanclient -p PORT -U USER -P PASSWORD [-I lan|lanplus] [-C SUITE]
 *                  [-A NONE|MD2|MD5|PASSWORD] [-L 1-5] [-k KG] [-t MS] [-R]
 *     -R  after Get Device ID, resend the very same datagram and report whether the BMC
 *         answered the replay ("replay: dropped" is the right answer)
 *
 * Output: "devid: <hex of the response data>", "elapsed_ms: N", or "lanclient: error:
 * REASON" and exit status 1.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "session_client.h"
#include "transport.h"
#include "session15.h"

/* Copy a C string into a zero-padded fixed field (IPMI passwords and keys). */
static void pad_copy(uint8_t *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    memset(dst, 0, cap);
    memcpy(dst, src, n < cap ? n : cap);
}

static ik_time_us now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ik_time_us)ts.tv_sec * IK_US_PER_S + (ik_time_us)ts.tv_nsec / 1000;
}

static int fd;
static struct sockaddr_in bmc;
static uint8_t last_tx[IK_RP_MAX_DGRAM];
static size_t last_tx_len;

/* The CLI's driver loop (cli/tr_lan.c), on the connected socket. */
static int drive(struct ik_lanc *c, struct ik_sm_step *step)
{
    if (ik_lanc_drive(fd, c, step) == 0)
        return 0;
    fprintf(stderr, "lanclient: error: %s\n", step->reason ? step->reason : "failed");
    return -1;
}

int main(int argc, char **argv)
{
    struct ik_lanc_config cfg;
    static struct ik_lanc c;
    struct ik_sm_step step;
    int port = 0, replay = 0;
    const char *host = "127.0.0.1";
    ik_lanc_config_defaults(&cfg);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : "";
        if (!strcmp(a, "-p"))
            port = atoi(argv[++i]);
        else if (!strcmp(a, "-H"))
            host = argv[++i];
        else if (!strcmp(a, "-U")) {
            cfg.user_len = (uint8_t)strnlen(v, 16);
            memcpy(cfg.user, v, cfg.user_len);
            i++;
        } else if (!strcmp(a, "-P")) {
            pad_copy(cfg.password, sizeof(cfg.password), v);
            i++;
        } else if (!strcmp(a, "-k")) {
            pad_copy(cfg.kg, sizeof(cfg.kg), v);
            cfg.kg_set = true;
            i++;
        } else if (!strcmp(a, "-I")) {
            cfg.v15 = !strcmp(v, "lan");
            i++;
        } else if (!strcmp(a, "-C")) {
            cfg.suite = atoi(v);
            i++;
        } else if (!strcmp(a, "-A")) {
            cfg.auth15 = !strcasecmp(v, "none")  ? IK_AUTH_NONE
                         : !strcasecmp(v, "md2") ? IK_AUTH_MD2
                         : !strcasecmp(v, "md5") ? IK_AUTH_MD5
                                                 : IK_AUTH_PASSWORD;
            i++;
        } else if (!strcmp(a, "-L")) {
            cfg.priv = (uint8_t)atoi(v);
            i++;
        } else if (!strcmp(a, "-t")) {
            cfg.timeout = (ik_time_us)atoi(v) * IK_US_PER_MS;
            i++;
        } else if (!strcmp(a, "-R")) {
            replay = 1;
        } else {
            fprintf(stderr,
                    "usage: %s -p PORT -U USER -P PASS [-I lan|lanplus] [-C N] "
                    "[-A TYPE] [-L PRIV] [-k KG] [-t MS] [-R]\n",
                    argv[0]);
            return 2;
        }
    }
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    bmc.sin_family = AF_INET;
    bmc.sin_port = htons((uint16_t)port);
    if (fd < 0 || inet_pton(AF_INET, host, &bmc.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&bmc, sizeof(bmc)) < 0) {
        fprintf(stderr, "lanclient: bad host\n");
        return 2;
    }
    ik_time_us t0 = now_us();
    if (ik_lanc_start(&c, &cfg, t0, &step) || drive(&c, &step))
        return 1;
    printf("session: %s suite=%d auth=%u priv=%u\n", cfg.v15 ? "lan" : "lanplus",
           cfg.v15 ? -1 : c.suite, c.auth_type, c.priv);
    if (ik_lanc_request(&c, now_us(), 0x06, 0x01, NULL, 0, &step))
        return 1;
    /* keep the request datagram for the replay check below */
    if (step.act == IK_SM_SEND && step.tx_len <= sizeof(last_tx)) {
        memcpy(last_tx, step.tx, step.tx_len);
        last_tx_len = step.tx_len;
    }
    if (drive(&c, &step))
        return 1;
    const struct ik_ipmimsg *r = ik_lanc_response(&c);
    printf("devid:");
    for (size_t i = 0; i < r->data_len; i++)
        printf(" %02x", r->data[i]);
    printf("\nelapsed_ms: %llu\n", (unsigned long long)((now_us() - t0) / 1000));
    if (replay) {
        send(fd, last_tx, last_tx_len, 0);
        struct pollfd pfd = {fd, POLLIN, 0};
        printf("replay: %s\n", poll(&pfd, 1, 500) > 0 ? "ANSWERED" : "dropped");
    }
    if (ik_lanc_close(&c, now_us(), &step) || drive(&c, &step))
        return 1;
    printf("closed\n");
    return 0;
}
