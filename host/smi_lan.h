/*
 * The LAN backend of the message handler (host/smi.h): lib's console session machine
 * (lib/session_client.h, IPMI 1.5 or RMCP+) carrying the handler's requests to a BMC over
 * UDP, so everything built on the handler (the watchdog, panic-event and poweroff agents)
 * also works over lan / lanplus.
 *
 * The backend owns no socket: datagrams go out through the injected send(), and the owner
 * pushes what arrives with ik_smi_lan_rx() (bmcd's engine in tests, a UDP socket in
 * programs). The session opens at the first request. One request at a time travels in the
 * session; the rest wait in a bounded FIFO. No attention signal: the handler polls Get
 * Message Flags on its timer (no IK_SMI_CAP_ATTN), which also keeps the session alive.
 *
 * Failures: a request that gets no answer after the machine's retries is answered with the
 * machine's error (IK_E_TIMEOUT) and the session is abandoned (the next request opens a new
 * one); a handshake that fails answers everything queued with its error and leaves the
 * interface disabled (IK_SMI_DISABLED, describe() gives the machine's reason, e.g.
 * "lanplus: RAKP 2: key exchange auth code mismatch - wrong password?") until
 * set_enabled(true).
 */
#ifndef IK_HOST_SMI_LAN_H
#define IK_HOST_SMI_LAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session_client.h"
#include "smi.h"

struct ik_smi_lan_io {
    /* Transmit one datagram; failures are like losses (the machine retransmits). */
    void (*send)(void *ctx, const uint8_t *dgram, size_t len);
    void *ctx;
};

struct ik_smi_lan_stats {
    uint64_t sessions;  /* handshakes completed */
    uint64_t requests;  /* answered by the BMC */
    uint64_t failed;    /* answered with an error instead */
    uint64_t abandoned; /* sessions given up after a request timed out */
};

struct ik_smi_lan;

/* cfg is copied (password included; wiped when the backend is freed). queue_cap 0 = 32.
 * NULL on allocation failure. */
struct ik_smi_lan *ik_smi_lan_new(const struct ik_lanc_config *cfg, const struct ik_smi_lan_io *io,
                                  unsigned queue_cap);
/* Wipes keys and password. Close the session first (ik_smi_lan_close) to be polite. */
void ik_smi_lan_free(struct ik_smi_lan *l);
struct ik_smi *ik_smi_lan_smi(struct ik_smi_lan *l);

/* A datagram arrived from the BMC. */
void ik_smi_lan_rx(struct ik_smi_lan *l, ik_time_us now, const uint8_t *dgram, size_t len);

/* Close Session (one try) once nothing is in flight; drive with the smi's poll until
 * ik_smi_lan_closed(). Pending requests are answered IK_E_DISABLED. */
void ik_smi_lan_close(struct ik_smi_lan *l, ik_time_us now);
bool ik_smi_lan_closed(const struct ik_smi_lan *l);

const struct ik_smi_lan_stats *ik_smi_lan_stats(const struct ik_smi_lan *l);

#endif
