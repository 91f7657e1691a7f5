/*
 * The console side of IPMI over LAN: a state machine that opens an IPMI 1.5 or RMCP+
 * session, carries requests, and closes it. The CLI drives it with a socket and a clock;
 * tests drive it with canned datagrams and a virtual clock.
 *
 * RMCP+ (IPMI 2.0):
 *   AUTHCAP   Get Channel Authentication Capabilities (2.0 extended data)
 *   SUITES    Get Channel Cipher Suites, page by page, with a SHORT timeout and no retry:
 *             some BMCs (OpenIPMI's ipmi_sim) never answer it outside a session. Without
 *             an answer the machine falls back to trying suite 17, then 3.
 *   OPEN      Open Session Request/Response (on a refusal, the next fallback suite)
 *   RAKP1     RAKP 1 sent, waiting for RAKP 2 (its code proves the BMC knows the password)
 *   RAKP3     RAKP 3 sent, waiting for RAKP 4 (its ICV proves the session keys match)
 *   SETPRIV   Set Session Privilege Level inside the session
 *   READY     session up: ik_lanc_request() / ik_lanc_close()
 * IPMI 1.5:
 *   AUTHCAP -> CHALLENGE (Get Session Challenge) -> ACTIVATE (Activate Session) -> SETPRIV
 *   -> READY
 * Then REQUEST (one request in flight, matched by rqSeq, NetFn and command) and CLOSING.
 *
 * Every wait has a deadline; a timer event past it retransmits (bounded: cfg.retries, the
 * timeout doubling up to 4x) or fails. Each failure carries a reason a person can act on,
 * e.g. "RAKP 2: key exchange auth code mismatch - wrong password?". The reason text lives
 * in the machine (valid until its next event).
 */
#ifndef IK_SESSION_CLIENT_H
#define IK_SESSION_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cipher.h"
#include "crypto.h"
#include "ipmimsg.h"
#include "lanmsg.h"
#include "rakp.h"
#include "rmcpplus.h"
#include "sm.h"

#define IK_LANC_SUITE_AUTO (-1)
#define IK_LANC_AUTH_AUTO  0xFF

struct ik_lanc_config {
    uint8_t user[16];
    uint8_t user_len;
    uint8_t password[20]; /* zero padded; 1.5 uses the first 16 bytes */
    uint8_t kg[20];
    bool kg_set;
    uint8_t priv;             /* requested privilege (IK_PRIV_*) */
    bool v15;                 /* IPMI 1.5 instead of RMCP+ */
    uint8_t auth15;           /* IK_AUTH_* for 1.5, or IK_LANC_AUTH_AUTO (best offered) */
    int suite;                /* 0-19, or IK_LANC_SUITE_AUTO */
    bool name_only;           /* RAKP 1 role bit 4: name-only lookup (what ipmitool sends) */
    ik_time_us timeout;       /* per try; default 1 s */
    ik_time_us suite_timeout; /* the cipher-suite query; default 300 ms */
    int retries;              /* retransmissions per message; default 3 */
    struct ik_rng rng;
};

/* Fill defaults: ADMINISTRATOR, RMCP+, suite auto, name-only lookup, 1 s / 300 ms, 3
 * retries, the system RNG. */
void ik_lanc_config_defaults(struct ik_lanc_config *cfg);

enum ik_lanc_state {
    IK_LANC_IDLE = 0,
    IK_LANC_AUTHCAP,
    IK_LANC_SUITES,
    IK_LANC_OPEN,
    IK_LANC_RAKP1,
    IK_LANC_RAKP3,
    IK_LANC_CHALLENGE,
    IK_LANC_ACTIVATE,
    IK_LANC_SETPRIV,
    IK_LANC_READY,
    IK_LANC_REQUEST,
    IK_LANC_CLOSING,
    IK_LANC_CLOSED,
    IK_LANC_FAILED,
};

#define IK_LANC_MAX_REQ 256

struct ik_lanc {
    struct ik_lanc_config cfg;
    enum ik_lanc_state state;
    uint8_t tx[IK_RP_MAX_DGRAM];
    size_t tx_len;
    ik_time_us deadline, cur_timeout;
    int tries;
    uint8_t rq_seq; /* 6-bit IPMI rqSeq of the message in flight */
    struct ik_authcap caps;
    /* cipher suites */
    uint8_t suite_data[IK_CIPHER_PAGE * 8];
    size_t suite_data_len;
    uint8_t suite_page;
    uint8_t candidates[4];
    uint8_t n_candidates, cand;
    uint8_t suite;
    bool probing; /* this Open Session is a fallback guess with more to try */
    /* RMCP+ */
    uint8_t tag;
    struct ik_rakp_ctx rk;
    struct ik_rp_keys keys;
    uint8_t sik[IK_HASH_MAX_LEN];
    size_t sik_len;
    /* IPMI 1.5 */
    uint8_t auth_type;
    uint32_t temp_sid;
    uint8_t challenge[16];
    /* both */
    uint32_t sid;     /* the ID we put in our headers (BMC's) */
    uint32_t my_sid;  /* the ID the BMC puts in its headers (ours) */
    uint32_t out_seq; /* next session sequence number we send */
    struct ik_seqwin rxwin;
    uint8_t priv; /* privilege granted */
    bool active;  /* a session exists (Close Session is owed) */
    /* request in flight */
    uint8_t req_netfn, req_cmd;
    uint8_t req_data[IK_LANC_MAX_REQ];
    size_t req_len;
    uint8_t rsp_buf[IK_RP_MAX_PAYLOAD];
    struct ik_ipmimsg rsp;
    char reason[160];
};

/* Begin: send Get Channel Authentication Capabilities. */
int ik_lanc_start(struct ik_lanc *c, const struct ik_lanc_config *cfg, ik_time_us now,
                  struct ik_sm_step *step);
/* A datagram arrived. Datagrams that are not for us leave the step at WAIT. */
int ik_lanc_rx(struct ik_lanc *c, ik_time_us now, const uint8_t *dgram, size_t len,
               struct ik_sm_step *step);
/* The deadline passed (calling it early just returns WAIT). */
int ik_lanc_timer(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step);
/* In READY: send one request; DONE when its response is in (ik_lanc_response). */
int ik_lanc_request(struct ik_lanc *c, ik_time_us now, uint8_t netfn, uint8_t cmd,
                    const uint8_t *data, size_t len, struct ik_sm_step *step);
/* The response of the last request (data[0] is the completion code). */
const struct ik_ipmimsg *ik_lanc_response(const struct ik_lanc *c);
/* Close Session (one try); DONE when answered or timed out. Keys are wiped. */
int ik_lanc_close(struct ik_lanc *c, ik_time_us now, struct ik_sm_step *step);
/* Wipe keys and password without talking to the BMC. */
void ik_lanc_wipe(struct ik_lanc *c);

#endif
