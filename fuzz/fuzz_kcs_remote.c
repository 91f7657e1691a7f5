/*
 * libFuzzer harness for the host's end of bmcd's KCS socket (host/kcs_remote.c): whatever a
 * peer writes back. The input is the peer's whole byte stream (then EOF) on a socket pair;
 * the host greets it and, if the greeting passes, runs a KCS transaction through lib's host
 * machine on those register values, then the control operations. Every reply must be read
 * within its length, a failure must stick, and nothing may hang (EOF ends every wait).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipmikit/error.h"
#include "kcs.h"
#include "kcs_remote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int sv[2];
    if (size > 64 * 1024 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 0;
    /* The peer's stream, then EOF: fits the socket buffer at this size. */
    size_t off = 0;
    while (off < size) {
        ssize_t k = send(sv[1], data + off, size - off, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    shutdown(sv[1], SHUT_WR);
    struct ik_kcs_remote_cfg cfg = {.reply_timeout_us = 50 * IK_US_PER_MS};
    struct ik_kcs_remote *r;
    char err[256];
    if (ik_kcs_remote_open_fd(sv[0], "fuzz", &cfg, &r, err, sizeof(err)) != 0) {
        if (strlen(err) >= sizeof(err))
            abort();
        close(sv[1]);
        return 0;
    }
    if (strlen(ik_kcs_remote_bmc(r)) > 31)
        abort();
    struct ik_kcs_host_io io;
    ik_kcs_remote_io(r, &io);
    struct ik_kcs_host h;
    struct ik_kcs_host_cfg hc;
    ik_kcs_host_default_cfg(&hc);
    hc.ibf_timeout_us = hc.obf_timeout_us = 1000;
    ik_kcs_host_init(&h, &io, &hc);
    static const uint8_t req[] = {0x18, 0x01};
    ik_time_us now = 0;
    struct ik_sm_step st = {0};
    if (ik_kcs_host_start(&h, req, sizeof(req), now) == 0) {
        for (int i = 0; i < 20000; i++) {
            ik_kcs_host_event(&h, now, &st);
            if (st.act == IK_SM_DONE || st.act == IK_SM_FAIL || st.act == IK_SM_IDLE)
                break;
            now = st.deadline > now ? st.deadline : now + 1;
        }
    }
    int first = ik_kcs_remote_error(r);
    struct ik_kcs_remote_stats s;
    struct ik_kcs_fault f = {.kind = IK_KCS_FAULT_DUP_BYTE, .times = 1};
    (void)ik_kcs_remote_stats(r, &s);
    (void)ik_kcs_remote_fault(r, &f);
    (void)ik_kcs_remote_satellite(r, 0, 0x72, 1, 10);
    (void)ik_kcs_remote_reset(r);
    if (first && ik_kcs_remote_error(r) != first)
        abort(); /* the first failure stays */
    ik_kcs_remote_close(r);
    close(sv[1]);
    return 0;
}
