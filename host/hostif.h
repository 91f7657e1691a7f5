/*
 * A host interface for a program: one backend under one message handler (host/msghandler.h),
 * driven with the real clock. What the CLI's `-I kcs` transport and the agents (watchdog,
 * panic-event, poweroff) stand on.
 *
 *   backend                       opened by              attention
 *   bmcd's emulated KCS socket    ik_hostif_open_kcs     SMS_ATN (smi_kcs + kcs_remote)
 *   an RMCP+ / IPMI 1.5 session   ik_hostif_open_lan     flag polls every second (smi_lan)
 *   any other struct ik_smi       ik_hostif_open_smi     (e.g. host/smi_dev.c, /dev/ipmi0)
 *
 * The program's own requests go through ik_hostif_call(), which blocks until the answer
 * (every wait below it is bounded: KCS's 5 s waits and 20 recoveries, the session's retries,
 * the handler's 5 s IPMB timeout) while the handler keeps serving its other users (events,
 * incoming commands). Nothing here is thread-safe.
 *
 * Failures. A KCS socket that stops answering (bmcd gone, no reply in time) turns the
 * interface off: whatever is pending is answered IK_E_DISABLED at once and ik_hostif_why()
 * names the socket's problem. A KCS machine that gave up after 20 recovery attempts does the
 * same with its own sentence ("KCS: BMC in ERROR state (status 06h length error) after 20
 * recovery attempts; interface disabled"); ik_hostif_reenable() is the operator's
 * disable/enable that brings it back.
 */
#ifndef IK_HOST_HOSTIF_H
#define IK_HOST_HOSTIF_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kcs_remote.h"
#include "msghandler.h"
#include "session_client.h"
#include "smi_kcs.h"

struct ik_hostif;

struct ik_hostif_kcs_cfg {
    const char *path;              /* bmcd's socket, e.g. /run/bmcd/node1.kcs */
    struct ik_smi_kcs_cfg kcs;     /* KCS timeouts, the 20 attempts, the queue */
    struct ik_kcs_remote_cfg sock; /* reply timeout of one register operation */
};

struct ik_hostif_lan_cfg {
    const char *host; /* name or address */
    int port;         /* UDP port (623) */
    struct ik_lanc_config lanc;
};

/* Defaults: KCS 5 s waits / 20 attempts / 10 s socket replies; LAN port 623 and lib's
 * session defaults (RMCP+, best suite, ADMINISTRATOR). */
void ik_hostif_kcs_defaults(struct ik_hostif_kcs_cfg *cfg);
void ik_hostif_lan_defaults(struct ik_hostif_lan_cfg *cfg);

/* Open; mcfg NULL: the handler's defaults. 0 and *out, or an IK_E_* with a sentence for a
 * person in err. The LAN session itself opens at the first request. */
int ik_hostif_open_kcs(const struct ik_hostif_kcs_cfg *cfg, const struct ik_msgh_cfg *mcfg,
                       struct ik_hostif **out, char *err, size_t errcap);
int ik_hostif_open_lan(const struct ik_hostif_lan_cfg *cfg, const struct ik_msgh_cfg *mcfg,
                       struct ik_hostif **out, char *err, size_t errcap);
/* Any backend: fd is a descriptor to wait on for its input (-1: none, poll on time only);
 * free_be(be) releases the backend when the interface closes (may be NULL). */
int ik_hostif_open_smi(struct ik_smi *smi, int fd, void (*free_be)(void *ctx), void *free_ctx,
                       const struct ik_msgh_cfg *mcfg, struct ik_hostif **out, char *err,
                       size_t errcap);
/* Closes a LAN session politely (one Close Session try), then frees everything. */
void ik_hostif_close(struct ik_hostif *h);

struct ik_msgh *ik_hostif_msgh(struct ik_hostif *h);
/* "kcs", "lan", "lanplus", or the backend's ops name. */
const char *ik_hostif_kind(const struct ik_hostif *h);

/*
 * One request; waits for its answer. 0 with *rsp filled (rsp->data[0] is the completion
 * code; rsp->err non-zero when the handler made the answer up: IK_E_TIMEOUT with C3h for an
 * IPMB request nobody answered, IK_E_DISABLED with FFh when the interface is off), or a
 * negative IK_E_* when the request could not be sent at all (then see ik_hostif_why).
 */
int ik_hostif_call(struct ik_hostif *h, const struct ik_msgh_addr *addr, uint8_t netfn, uint8_t cmd,
                   const uint8_t *data, size_t len, struct ik_msgh_msg *rsp);

/* Drive the handler for `us` (events and commands reach their users meanwhile), returning
 * early when *stop becomes non-zero (a signal handler's flag; may be NULL). */
void ik_hostif_run(struct ik_hostif *h, ik_time_us us, volatile sig_atomic_t *stop);

/* Why requests fail: the transport's failure if there was one, else the interface's own
 * description. */
const char *ik_hostif_why(struct ik_hostif *h);
/* The operator's disable/enable: resets a KCS machine that gave up. A KCS socket that
 * failed stays failed (reconnect by opening a new interface). */
void ik_hostif_reenable(struct ik_hostif *h);

/* The KCS socket under the interface (NULL for other backends): statistics, faults. */
struct ik_kcs_remote *ik_hostif_kcs_remote(struct ik_hostif *h);
/* The KCS machine under the interface (NULL for other backends). */
const struct ik_kcs_host *ik_hostif_kcs_host(struct ik_hostif *h);

/* The monotonic clock the interface runs on, in microseconds. */
ik_time_us ik_hostif_now(void);

#endif
