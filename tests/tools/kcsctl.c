/*
 * tool_kcsctl: drive bmcd's emulated KCS socket from a test: its control operations (fault
 * injection, satellite modes, statistics, reset) and requests through the host stack
 * (kcs_remote -> smi_kcs -> message handler), several steps in one process so a test can
 * watch the host-side state (a disabled interface, a late answer) carry over.
 *
 *   tool_kcsctl [--kcs-timeout-ms N] [--attempts N] SOCKET STEP [-- STEP]...
 *
 *   hello                        the BMC's name
 *   stats                        the socket's counters
 *   reset                        register pair back to power-on
 *   fault KIND [skip=N] [times=N|held] [arg=X] [stall_ms=N|forever]
 *   satellite CHANNEL ADDR answer|silent [DELAY_MS]
 *   raw NETFN CMD [DATA...]      a request to the BMC: "cc=XX data=.. ms=N" or "err=..."
 *   bridge CHANNEL ADDR NETFN CMD [DATA...]   the same, bridged over IPMB
 *   wait MS                      keep the handler running (late answers, events)
 *   events COUNT SECONDS         take events; print each; fail unless COUNT arrive in time
 *   handler                      the handler's counters
 *   reenable                     the operator's disable/enable
 *   describe                     the interface's own sentence
 *
 * Exit status: 0, 1 when a step failed (a request with an error or a non-zero completion
 * code counts only with "expect" semantics: it is printed, not judged), 2 for usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostif.h"
#include "ipmikit/error.h"

static unsigned long num(const char *s)
{
    return strtoul(s, NULL, 0);
}

static void print_rsp(const struct ik_msgh_msg *m, ik_time_us t0)
{
    printf("cc=%02x", m->len ? m->data[0] : 0xFF);
    if (m->len > 1) {
        printf(" data=");
        for (size_t i = 1; i < m->len; i++)
            printf("%s%02x", i > 1 ? " " : "", m->data[i]);
    }
    if (m->err)
        printf(" err=%s", ik_errname(m->err));
    printf(" ms=%llu\n", (unsigned long long)((ik_hostif_now() - t0) / IK_US_PER_MS));
}

struct evsink {
    int n;
};

static void on_event(void *arg, const struct ik_msgh_msg *m)
{
    struct evsink *e = arg;
    if (m->type != IK_MSGH_EVENT)
        return;
    printf("event");
    for (size_t i = 0; i < m->len; i++)
        printf(" %02x", m->data[i]);
    printf("\n");
    fflush(stdout);
    e->n++;
}

static int step(struct ik_hostif *h, int argc, char **argv)
{
    struct ik_kcs_remote *r = ik_hostif_kcs_remote(h);
    const char *c = argv[0];
    int rc;
    if (strcmp(c, "hello") == 0) {
        printf("bmc=%s\n", ik_kcs_remote_bmc(r));
        return 0;
    }
    if (strcmp(c, "stats") == 0) {
        struct ik_kcs_remote_stats s;
        if ((rc = ik_kcs_remote_stats(r, &s)) != 0) {
            printf("err=%s why=%s\n", ik_errname(rc), ik_kcs_remote_why(r));
            return 1;
        }
        printf("faults_fired=%u overwrites=%u bmc_errors=%u bmc_aborts=%u requests=%u "
               "responses=%u deferred=%u\n",
               s.faults_fired, s.overwrites, s.bmc_errors, s.bmc_aborts, s.requests, s.responses,
               s.deferred);
        return 0;
    }
    if (strcmp(c, "reset") == 0)
        return ik_kcs_remote_reset(r) ? 1 : 0;
    if (strcmp(c, "fault") == 0 && argc >= 2) {
        struct ik_kcs_fault f = {.times = 1};
        int kind = ik_kcs_fault_parse(argv[1]);
        if (kind < 0)
            return 2;
        f.kind = (enum ik_kcs_fault_kind)kind;
        for (int i = 2; i < argc; i++) {
            char *eq = strchr(argv[i], '=');
            if (!eq)
                return 2;
            *eq++ = '\0';
            if (strcmp(argv[i], "skip") == 0)
                f.skip = (uint32_t)num(eq);
            else if (strcmp(argv[i], "times") == 0)
                f.times = strcmp(eq, "held") == 0 ? IK_KCS_FAULT_HELD : (uint32_t)num(eq);
            else if (strcmp(argv[i], "arg") == 0)
                f.arg = (uint8_t)num(eq);
            else if (strcmp(argv[i], "stall_ms") == 0)
                f.stall_us = strcmp(eq, "forever") == 0 ? IK_KCS_FOREVER : num(eq) * IK_US_PER_MS;
            else
                return 2;
        }
        return ik_kcs_remote_fault(r, &f) ? 1 : 0;
    }
    if (strcmp(c, "satellite") == 0 && argc >= 4) {
        rc = ik_kcs_remote_satellite(r, (uint8_t)num(argv[1]), (uint8_t)num(argv[2]),
                                     strcmp(argv[3], "silent") == 0,
                                     argc > 4 ? (uint32_t)num(argv[4]) : 0);
        if (rc)
            printf("err=%s\n", ik_errname(rc));
        return rc ? 1 : 0;
    }
    if ((strcmp(c, "raw") == 0 && argc >= 3) || (strcmp(c, "bridge") == 0 && argc >= 5)) {
        int bridged = c[0] == 'b';
        struct ik_msgh_addr a =
            bridged ? ik_msgh_addr_ipmb((uint8_t)num(argv[1]), (uint8_t)num(argv[2]), 0)
                    : ik_msgh_addr_bmc();
        int first = bridged ? 3 : 1;
        uint8_t data[IK_MSGH_MAX_DATA];
        size_t n = 0;
        for (int i = first + 2; i < argc && n < sizeof(data); i++)
            data[n++] = (uint8_t)num(argv[i]);
        struct ik_msgh_msg m;
        ik_time_us t0 = ik_hostif_now();
        rc = ik_hostif_call(h, &a, (uint8_t)num(argv[first]), (uint8_t)num(argv[first + 1]), data,
                            n, &m);
        if (rc) {
            printf("err=%s why=%s\n", ik_errname(rc), ik_hostif_why(h));
            return 1;
        }
        print_rsp(&m, t0);
        if (m.err && m.err != IK_E_TIMEOUT)
            printf("why=%s\n", ik_hostif_why(h));
        return 0;
    }
    if (strcmp(c, "wait") == 0 && argc >= 2) {
        ik_hostif_run(h, num(argv[1]) * IK_US_PER_MS, NULL);
        return 0;
    }
    if (strcmp(c, "events") == 0 && argc >= 3) {
        struct evsink e = {0};
        struct ik_msgh_user *u;
        if (ik_msgh_user_create(ik_hostif_msgh(h), on_event, &e, &u))
            return 1;
        ik_msgh_set_gets_events(u, true);
        ik_time_us end = ik_hostif_now() + num(argv[2]) * IK_US_PER_S;
        while (e.n < (int)num(argv[1]) && ik_hostif_now() < end)
            ik_hostif_run(h, 50 * IK_US_PER_MS, NULL);
        ik_msgh_user_destroy(u);
        return e.n >= (int)num(argv[1]) ? 0 : 1;
    }
    if (strcmp(c, "handler") == 0) {
        const struct ik_msgh_stats *s = ik_msgh_stats(ik_hostif_msgh(h));
        printf("si_requests=%llu ipmb_requests=%llu ipmb_timeouts=%llu late_responses=%llu "
               "flag_polls=%llu events_received=%llu send_failures=%llu\n",
               (unsigned long long)s->si_requests, (unsigned long long)s->ipmb_requests,
               (unsigned long long)s->ipmb_timeouts, (unsigned long long)s->late_responses,
               (unsigned long long)s->flag_polls, (unsigned long long)s->events_received,
               (unsigned long long)s->send_failures);
        return 0;
    }
    if (strcmp(c, "reenable") == 0) {
        ik_hostif_reenable(h);
        return 0;
    }
    if (strcmp(c, "describe") == 0) {
        printf("%s\n", ik_hostif_why(h));
        return 0;
    }
    return 2;
}

int main(int argc, char **argv)
{
    struct ik_hostif_kcs_cfg cfg;
    ik_hostif_kcs_defaults(&cfg);
    int i = 1;
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]; i += 2) {
        if (strcmp(argv[i], "--kcs-timeout-ms") == 0)
            cfg.kcs.kcs.ibf_timeout_us = cfg.kcs.kcs.obf_timeout_us = num(argv[i + 1]) * 1000;
        else if (strcmp(argv[i], "--attempts") == 0)
            cfg.kcs.kcs.max_attempts = (unsigned)num(argv[i + 1]);
        else if (strcmp(argv[i], "--reply-timeout-ms") == 0)
            cfg.sock.reply_timeout_us = num(argv[i + 1]) * 1000;
        else
            break;
    }
    if (i + 1 >= argc) {
        fprintf(stderr, "usage: tool_kcsctl [options] SOCKET STEP [-- STEP]...\n");
        return 2;
    }
    cfg.path = argv[i++];
    struct ik_hostif *h;
    char err[512];
    if (ik_hostif_open_kcs(&cfg, NULL, &h, err, sizeof(err))) {
        fprintf(stderr, "tool_kcsctl: %s\n", err);
        return 1;
    }
    int status = 0;
    while (i < argc) {
        int j = i;
        while (j < argc && strcmp(argv[j], "--") != 0)
            j++;
        int rc = step(h, j - i, argv + i);
        fflush(stdout);
        if (rc == 2) {
            fprintf(stderr, "tool_kcsctl: bad step '%s'\n", argv[i]);
            ik_hostif_close(h);
            return 2;
        }
        if (rc)
            status = 1;
        i = j + 1;
    }
    ik_hostif_close(h);
    return status;
}
