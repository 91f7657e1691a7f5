/*
 * The BMC side of IPMI over LAN: one object per session that turns the console's
 * datagrams into reply datagrams or into authenticated requests for the BMC engine.
 *
 * Who does what
 *   libipmikit (this file) parses and authenticates: RMCP, IPMI 1.5 sessions (Get Session
 *   Challenge, Activate Session, per-message AuthCodes), RMCP+ (Open Session, RAKP 1-4,
 *   integrity, AES-CBC-128), sequence-number windows, privilege negotiation (Set Session
 *   Privilege Level), Close Session of the session itself, and the sessionless commands
 *   Get Channel Authentication Capabilities and Get Channel Cipher Suites.
 *   The engine (bmc/, driven by bmcd) owns the session TABLE: it allocates session
 *   objects and unique non-zero session IDs, finds a session by ID, enforces the table size
 *   and the timeouts (every session carries created/last_rx timestamps; half-open ones
 *   can be reaped early), executes every other command at the session's privilege and
 *   counts the drop reasons below.
 *
 * The engine's loop for one datagram:
 *   ik_srv_classify()              -> route
 *     IK_SRV_ROUTE_SESSIONLESS:    ik_srv_sessionless()      (ping, auth caps, suites)
 *     IK_SRV_ROUTE_NEW_SESSION:    allocate s, ik_srv_session_init(s, new_id, now),
 *                                  ik_srv_rx(s, ...)         (Get Session Challenge,
 *                                                             Open Session Request)
 *     IK_SRV_ROUTE_SESSION:        s = lookup(route.sid) (none: count
 *                                  IK_SRV_DROP_UNKNOWN_SESSION), ik_srv_rx(s, ...)
 *     IK_SRV_ROUTE_DROP:           count route.drop
 *   then by out.act: IK_SRV_REPLY send tx[0..out.tx_len); IK_SRV_DELIVER execute out.req
 *   (privilege s->priv) and send what ik_srv_wrap() makes of the response; IK_SRV_DROP
 *   count out.drop. When out.closed is set, free the session after sending the reply
 *   (its keys are already wiped).
 *
 * Nothing here reads a clock, allocates or does I/O: time comes in as `now`, random
 * numbers from cfg->rng, users from cfg->users callbacks.
 */
#ifndef IK_SESSION_SERVER_H
#define IK_SESSION_SERVER_H

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

/* Why a datagram got no reply. Every value has a stable name (ik_srv_drop_name) for
 * counters and key=value logs. */
enum ik_srv_drop {
    IK_SRV_DROP_NONE = 0,
    IK_SRV_DROP_MALFORMED,       /* RMCP, session header or IPMI message does not decode */
    IK_SRV_DROP_CHECKSUM,        /* IPMI message checksum wrong */
    IK_SRV_DROP_NOT_REQUEST,     /* a response NetFn, or a payload type we do not serve */
    IK_SRV_DROP_ASF,             /* an ASF message other than Presence Ping */
    IK_SRV_DROP_AUTH_TYPE,       /* 1.5 auth type disabled or not the session's */
    IK_SRV_DROP_SESSIONLESS_CMD, /* a command that needs a session arrived without one */
    IK_SRV_DROP_UNKNOWN_SESSION, /* (engine) no session has this ID */
    IK_SRV_DROP_SESSION_ID,      /* header session ID is not this session's */
    IK_SRV_DROP_STATE,           /* message not valid in the session's state */
    IK_SRV_DROP_AUTHCODE,        /* 1.5 AuthCode or RMCP+ integrity AuthCode mismatch */
    IK_SRV_DROP_CHALLENGE,       /* Activate Session with the wrong challenge string */
    IK_SRV_DROP_UNAUTHENTICATED, /* RMCP+: integrity/confidentiality negotiated, absent */
    IK_SRV_DROP_TRAILER,         /* RMCP+: integrity pad / pad length / next header wrong */
    IK_SRV_DROP_DECRYPT,         /* RMCP+: ciphertext length or confidentiality pad wrong */
    IK_SRV_DROP_SEQ_WINDOW,      /* session sequence number outside the window (or 0) */
    IK_SRV_DROP_SEQ_REPLAY,      /* session sequence number already accepted */
    IK_SRV_DROP_PEER_ABORT,      /* RAKP 3 carried a non-zero status: console gave up */
    IK_SRV_DROP_CLOSED,          /* the session is closed */
    IK_SRV_DROP_INTERNAL,        /* crypto or encoding failure on our side */
    IK_SRV_DROP__COUNT
};

const char *ik_srv_drop_name(enum ik_srv_drop d);

/* What the engine tells us about a user. */
struct ik_srv_user {
    uint8_t uid;          /* the engine's user ID, echoed for its logs */
    uint8_t password[20]; /* zero padded; IPMI 1.5 uses the first 16 bytes */
    uint8_t priv_limit;   /* this user's privilege limit on the channel (1-5; 0 = none) */
    bool enabled;
};

struct ik_srv_users {
    /* Find a user by name (len 0-16, not NUL-terminated; len 0 is the null user).
     * Returns 0 and fills *out, IK_E_NOTFOUND, or IK_E_LIMIT for a user that may not
     * open another session now (RAKP 2 then says "insufficient resources", 01h). */
    int (*by_name)(void *ctx, const uint8_t *name, size_t len, struct ik_srv_user *out);
    /* RMCP+ role-based lookup (RAKP 1 with a null name and bit 4 clear): the first
     * enabled user whose privilege limit is priv. May be NULL (lookup fails). */
    int (*by_role)(void *ctx, uint8_t priv, struct ik_srv_user *out);
    void *ctx;
};

/* Channel policy, set by the engine and only read here. */
struct ik_srv_config {
    uint8_t channel;                     /* this LAN channel's number (e.g. 1) */
    uint8_t guid[16];                    /* system GUID as sent in RAKP 2 / checked in RAKP 4 */
    uint8_t kg[20];                      /* BMC key K_G */
    bool kg_set;                         /* false: K_G = the user's password */
    uint8_t chan_priv_limit;             /* channel privilege limit (1-5) */
    uint8_t suite_priv[IK_CIPHER_COUNT]; /* per suite: 0 = refused, else max priv */
    uint8_t auth15;  /* IK_AUTHCAP_NONE/MD2/MD5/PASSWORD bits for IPMI 1.5; 0 = off */
    bool v20;        /* RMCP+ enabled */
    bool null_users; /* null user names enabled */
    bool anonymous;  /* anonymous login (null user name and password) enabled */
    struct ik_srv_users users;
    struct ik_rng rng;
};

enum ik_srv_route_kind {
    IK_SRV_ROUTE_DROP = 0,
    IK_SRV_ROUTE_SESSIONLESS, /* ASF ping, or a set-up command outside a session */
    IK_SRV_ROUTE_NEW_SESSION, /* Get Session Challenge / Open Session Request */
    IK_SRV_ROUTE_SESSION,     /* belongs to session .sid (ours, the BMC-side ID) */
};

struct ik_srv_route {
    enum ik_srv_route_kind kind;
    uint32_t sid;
    enum ik_srv_drop drop;
};

/* Look at a datagram just far enough to route it. */
void ik_srv_classify(const uint8_t *dgram, size_t len, struct ik_srv_route *out);

enum ik_srv_state {
    IK_SRV_FREE = 0,
    IK_SRV_S15_CHALLENGED, /* 1.5: challenge sent, waiting for Activate Session */
    IK_SRV_S20_OPENED,     /* RMCP+: Open Session answered, waiting for RAKP 1 */
    IK_SRV_S20_RAKP2,      /* RMCP+: RAKP 2 sent, waiting for RAKP 3 */
    IK_SRV_ACTIVE,
    IK_SRV_CLOSED,
};

enum ik_srv_act {
    IK_SRV_DROP = 0, /* nothing to send; see .drop */
    IK_SRV_REPLY,    /* send tx[0..tx_len) */
    IK_SRV_DELIVER,  /* an authenticated request for the engine: .req */
};

struct ik_srv_out {
    enum ik_srv_act act;
    enum ik_srv_drop drop;
    size_t tx_len;
    struct ik_ipmimsg req; /* DELIVER: borrows the session's receive buffer */
    uint8_t rakp_status;   /* REPLY to Open Session / RAKP: the status sent */
    uint8_t cc;            /* REPLY to a session command: the completion code sent */
    bool closed;           /* the session is over: send the reply, then free it */
};

#define IK_SRV_RXBUF 512

struct ik_srv_session {
    enum ik_srv_state state;
    bool v20;
    uint32_t id;      /* ours (BMC side); the console puts it in its headers */
    uint32_t peer_id; /* RMCP+: the console's ID, put in our headers; 1.5: = id */
    uint8_t uid;
    uint8_t max_priv; /* negotiated maximum for this session */
    uint8_t priv;     /* current privilege (Set Session Privilege Level) */
    ik_time_us created, last_rx;
    uint32_t out_seq;       /* next sequence number we send */
    struct ik_seqwin rxwin; /* the console's sequence numbers */
    /* IPMI 1.5 */
    uint8_t auth_type;
    uint8_t challenge[16];
    uint8_t password[20];
    /* RMCP+ */
    uint8_t suite;
    uint8_t tag;
    struct ik_rakp_ctx rk;
    struct ik_rp_keys keys;
    uint8_t rxbuf[IK_SRV_RXBUF];
};

void ik_srv_session_init(struct ik_srv_session *s, uint32_t id, ik_time_us now);

/* Answer a datagram that needs no session (ik_srv_classify said SESSIONLESS). */
int ik_srv_sessionless(const struct ik_srv_config *cfg, const uint8_t *dgram, size_t len,
                       uint8_t *tx, size_t cap, struct ik_srv_out *out);

/* Feed one datagram to a session. Returns 0 (see *out) or a negative IK_E_* only for a
 * bad call (NULL arguments, tx too small for any reply). */
int ik_srv_rx(struct ik_srv_session *s, const struct ik_srv_config *cfg, ik_time_us now,
              const uint8_t *dgram, size_t len, uint8_t *tx, size_t cap, struct ik_srv_out *out);

/* Wrap the engine's response message (ipmimsg.h bytes) for an active session. */
int ik_srv_wrap(struct ik_srv_session *s, const struct ik_srv_config *cfg, const uint8_t *msg,
                size_t len, uint8_t *tx, size_t cap, size_t *written);

/* A session that has not finished its handshake (the engine may reap it early). */
bool ik_srv_half_open(const struct ik_srv_session *s);

/* Wipe keys and passwords and mark the session closed. */
void ik_srv_session_close(struct ik_srv_session *s);

#endif
