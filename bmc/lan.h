/*
 * The LAN channel of a virtual BMC: whole UDP datagrams in, reply datagrams out. The
 * transport (bmcd's UDP socket, a test, a fuzzer) owns the socket and the clock; this
 * owns the BMC's session table and everything RMCP / ASF / IPMI 1.5 / RMCP+ needs around
 * lib/session_server (which authenticates):
 *
 *   - ASF Presence Ping, Get Channel Authentication Capabilities and Get Channel Cipher
 *     Suites before any session (so clients never stall on the suite query);
 *   - the session table: unique, non-zero, random session IDs; at most max_sessions
 *     active sessions on the channel (and a user's session limit); at most max_half_open
 *     handshakes, the oldest evicted when a new one needs room (a flood of Open Session
 *     Requests cannot lock an administrator out); handshakes reaped after the half-open
 *     timeout, active sessions after the inactivity timeout;
 *   - users from app_user.c (disabled, locked-out, no-IPMI-messaging users cannot log in;
 *     failed logins are counted and lock the user out at the threshold);
 *   - authenticated requests dispatched through the engine at the session's privilege and
 *     the responses sealed for the session;
 *   - every datagram that gets no answer counted under an engine drop reason (engine.h)
 *     and logged (rate-limited) with the library's finer reason, peer and session.
 *
 * Failed logins: a 1.5 Activate Session with a wrong AuthCode, an RMCP+ RAKP 3 with a
 * wrong code or an error status, and an RMCP+ handshake abandoned after RAKP 2 (stock
 * ipmitool and FreeIPMI simply stop when the BMC's RAKP 2 code shows the password is
 * wrong; the BMC learns of it only when the half-open session expires or is evicted).
 * Each handshake counts at most once.
 */
#ifndef IK_BMC_LAN_H
#define IK_BMC_LAN_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "rmcpplus.h"

/* The console's address (IPv4), for Get Session Info and logs. */
struct ik_lan_peer {
    uint8_t ip[4]; /* network order: ip[0] is the first octet */
    uint16_t port;
};

/* LAN counters of one BMC (besides the engine's drop counters). */
#define IK_LAN_STATS_MAP(X)                                                                        \
    X(rx, "datagrams received")                                                                    \
    X(tx, "datagrams sent")                                                                        \
    X(pings, "ASF presence pings answered")                                                        \
    X(requests, "in-session requests dispatched to the engine")                                    \
    X(sessions_opened, "sessions that finished their handshake")                                   \
    X(sessions_closed, "sessions closed by Close Session")                                         \
    X(sessions_timed_out, "active sessions closed by the inactivity timeout")                      \
    X(half_open_reaped, "handshakes that did not finish in time")                                  \
    X(half_open_evicted, "handshakes evicted to make room for a new one")                          \
    X(sessions_refused, "session set-ups refused: channel or user session limit")                  \
    X(login_failures, "failed logins (wrong password)")                                            \
    X(lockouts, "users locked out after failed logins")

struct ik_bmc_lan_stats {
#define IK__LAN_STAT_FIELD(name, text) uint64_t name;
    IK_LAN_STATS_MAP(IK__LAN_STAT_FIELD)
#undef IK__LAN_STAT_FIELD
};

/*
 * Handle one datagram from peer at monotonic time now. On return *outlen is the length of
 * the reply in out (0 = nothing to send). Returns 0, or IK_E_INVAL for a bad call (NULL
 * pointers, cap below IK_BMC_LAN_MIN_CAP). Never fails on bad input: that is dropped and
 * counted.
 */
#define IK_BMC_LAN_MIN_CAP IK_RP_MAX_DGRAM
int ik_bmc_lan_rx(struct ik_bmc *bmc, ik_time_us now, const struct ik_lan_peer *peer,
                  const uint8_t *dgram, size_t len, uint8_t *out, size_t cap, size_t *outlen);

/* The address the BMC listens on: the default of LAN parameter 3 (IP address) when the
 * description gives none. Call before ik_bmc_load(). */
void ik_bmc_lan_set_address(struct ik_bmc *bmc, const uint8_t ip[4], uint16_t port);

void ik_bmc_lan_get_stats(const struct ik_bmc *bmc, struct ik_bmc_lan_stats *out);

/* Active sessions right now. */
unsigned ik_bmc_lan_sessions(const struct ik_bmc *bmc);

/* The first enabled user whose password is still IK_ACCESS_DEFAULT_PASSWORD ("password"),
 * or 0. bmcd refuses to listen beyond loopback while there is one. */
uint8_t ik_bmc_default_password_user(const struct ik_bmc *bmc);

/* Every non-zero counter of the BMC (LAN counters and drop reasons) as "name=value"
 * pairs separated by spaces, e.g. "rx=12 tx=11 drop_bad_auth=1". Returns the length
 * written (truncated to fit cap, always NUL-terminated when cap > 0). */
size_t ik_bmc_counters_format(const struct ik_bmc *bmc, char *buf, size_t cap);

#endif
