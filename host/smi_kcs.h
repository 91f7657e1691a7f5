/*
 * The KCS backend of the message handler: lib's KCS host machine over injected register
 * operations (I/O ports, lib's emulated pair, or a socket to bmcd), with a bounded queue.
 */
#ifndef IK_HOST_SMI_KCS_H
#define IK_HOST_SMI_KCS_H

#include "kcs.h"
#include "smi.h"

struct ik_smi_kcs_cfg {
    struct ik_kcs_host_cfg kcs; /* timeouts and the 20-attempt limit */
    unsigned queue_cap;         /* requests waiting for the interface (default 32) */
    ik_time_us idle_poll_us;    /* how often to sample SMS_ATN while idle (default 10 ms) */
};

struct ik_smi_kcs_stats {
    uint64_t sent;          /* requests completed with a response */
    uint64_t bad_responses; /* short, or NetFn/cmd not matching: answered as FFh */
    uint64_t failed;        /* answered with an error instead of bytes */
    uint64_t queue_full;    /* send() refused with IK_E_LIMIT */
};

struct ik_smi_kcs;

void ik_smi_kcs_default_cfg(struct ik_smi_kcs_cfg *cfg);
/* NULL cfg: defaults. NULL on allocation failure. */
struct ik_smi_kcs *ik_smi_kcs_new(const struct ik_kcs_host_io *io,
                                  const struct ik_smi_kcs_cfg *cfg);
void ik_smi_kcs_free(struct ik_smi_kcs *k);
/* The generic handle to give the message handler (lives as long as k). */
struct ik_smi *ik_smi_kcs_smi(struct ik_smi_kcs *k);
/* The machine underneath, for statistics and diagnostics. */
const struct ik_kcs_host *ik_smi_kcs_host(const struct ik_smi_kcs *k);
const struct ik_smi_kcs_stats *ik_smi_kcs_stats(const struct ik_smi_kcs *k);

#endif
