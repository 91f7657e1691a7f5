/*
 * Inside the engine: state of the access modules and what they ask of each other.
 *
 *   app_user.c     users: names, passwords, per-channel access, payload access, lockout
 *   app_channel.c  channels: Get Channel Info, channel access, payload support
 *   transport.c    LAN configuration parameters (NetFn 0Ch)
 *   app_session.c  Get Session Info, Close Session of another session
 *   lan.c          datagrams in and out: the session table (lan.h is its public face)
 *
 * Stored blobs (struct ik_bmc_store kv), each versioned by its first byte:
 *   "user/<id>"        one user (app_user.c)
 *   "chan/<n>"         the channel's non-volatile access settings (app_channel.c)
 *   "lan/<n>/<param>"  one LAN configuration parameter, its Set data (transport.c)
 * A stored value replaces the description's at start; a blob that does not decode is
 * logged and skipped, so the description's value stays in force.
 */
#ifndef IK_BMC_ACCESS_INT_H
#define IK_BMC_ACCESS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "machine_access.h"
#include "lan.h"
#include "session_server.h"

/* ---- users (app_user.c) ---------------------------------------------------------------- */

struct ik_bmc_user {
    struct ik_machine_user u;
    uint8_t payload_std; /* Set User Payload Access: standard payloads 1-7, bit n = type n */
    uint8_t payload_oem; /* OEM payload types 20h-27h */
    /* Lockout, volatile: failed logins since first_fail; refused until locked_until. */
    uint8_t fails;
    ik_time_us first_fail, locked_until;
};

struct ik_bmc_users {
    struct ik_bmc_user v[IK_ACCESS_MAX_USERS + 1]; /* index = user ID; [0] unused */
};

/* The user with this name (len 0 = the null user, ID 1); 0 if none. */
uint8_t ik_acc_user_find(const struct ik_bmc *bmc, const uint8_t *name, size_t len);
const struct ik_bmc_user *ik_acc_user(const struct ik_bmc *bmc, uint8_t uid);
/* A login of uid failed (wrong password): count it, lock the user at the threshold. */
void ik_acc_login_failed(struct ik_bmc *bmc, uint8_t uid, const char *how);
/* A login of uid succeeded: forget earlier failures. */
void ik_acc_login_ok(struct ik_bmc *bmc, uint8_t uid);
/* A user name made safe for a key=value log line: bytes other than letters, digits and
 * "._-@" become %XX (a name may hold spaces, '=' or control characters). */
#define IK_ACC_LOGNAME_LEN (3 * IK_ACCESS_NAME_LEN + 1)
const char *ik_acc_logname(const char *name, char out[IK_ACC_LOGNAME_LEN]);
/* The user is locked out at bmc's current time. */
bool ik_acc_user_locked(const struct ik_bmc *bmc, uint8_t uid);

/* ---- channels (app_channel.c) ------------------------------------------------------------ */

struct ik_bmc_chan_access {
    uint8_t mode; /* 0 disabled, 2 always available */
    uint8_t priv_limit;
    bool alerting_off;
};

struct ik_bmc_channel {
    uint8_t number; /* the LAN channel */
    struct ik_bmc_chan_access nv, vol;
    uint8_t max_sessions, max_half_open;
};

/* A request's channel byte [3:0] with 0Eh meaning "the channel this came in on". */
uint8_t ik_acc_channel_resolve(const struct ik_bmc_ctx *ctx, uint8_t raw);

/* ---- LAN configuration parameters (transport.c) ------------------------------------------ */

struct ik_bmc_lancfg {
    struct ik_machine_lan p; /* current values */
    uint8_t set_in_progress; /* parameter 0: 0 complete, 1 in progress */
    uint8_t ip_header[3];    /* parameter 7 */
    uint8_t arp_control;     /* parameter 10 */
    uint8_t grat_arp;        /* parameter 11 */
    uint8_t suite_ids[16];   /* parameter 23: the suites offered, in entry order */
    uint8_t n_suites;        /* parameter 22 */
    uint8_t spare_privs[16]; /* parameter 24 nibbles of entries past n_suites, as written */
    uint8_t bad_pw_flags;    /* parameter 26 byte 1 */
};

/* ---- security policy (read-only) and the lockout settings (parameter 26) ---------------- */

struct ik_bmc_security {
    struct ik_machine_security pol;
};

/* ---- sessions (lan.c, app_session.c) ----------------------------------------------------- */

struct ik_lan_slot {
    bool used;
    bool fail_counted; /* this handshake's failed login is already counted */
    bool was_active;
    uint8_t handle; /* slot index + 1: Get Session Info / Close Session handle */
    struct ik_lan_peer peer;
    struct ik_srv_session s;
};

struct ik_bmc_lan {
    struct ik_lan_slot *slots; /* max_sessions + max_half_open, allocated at init */
    size_t nslots;
    struct ik_srv_config cfg; /* rebuilt from users, channel and LAN parameters when stale */
    bool cfg_stale;
    struct ik_lan_slot *cur; /* slot of the datagram being handled (NULL: none) */
    bool close_cur;          /* a handler closed the current session: free after replying */
    ik_time_us next_reap;
    uint8_t listen_ip[4];
    uint16_t listen_port;
    struct ik_bmc_lan_stats stats;
};

/* The configuration changed (user, channel, LAN parameter): rebuild before the next
 * datagram. */
void ik_lan_config_changed(struct ik_bmc *bmc);
/* The library's channel policy, rebuilt first if stale. */
const struct ik_srv_config *ik_lan_srv_config(struct ik_bmc *bmc);
/* Active sessions (state ACTIVE), all or of one user (uid 0 = all). */
unsigned ik_lan_active_count(const struct ik_bmc *bmc, uint8_t uid);
/* Lookups among active sessions; NULL when none. n counts from 1. */
struct ik_lan_slot *ik_lan_find_id(struct ik_bmc *bmc, uint32_t sid);
struct ik_lan_slot *ik_lan_find_handle(struct ik_bmc *bmc, uint8_t handle);
struct ik_lan_slot *ik_lan_nth_active(struct ik_bmc *bmc, unsigned n);
/* Close a session now (keys wiped). If it is the session of the request being handled,
 * it is closed after the response is sent. */
void ik_lan_close(struct ik_bmc *bmc, struct ik_lan_slot *sl, const char *why);

/* ---- the whole access state, one member of struct ik_bmc ---------------------------------- */

struct ik_bmc_access {
    struct ik_bmc_users users;
    struct ik_bmc_channel chan;
    struct ik_bmc_lancfg lancfg;
    struct ik_bmc_security sec;
    struct ik_bmc_lan lan;
};

/* The access section of the description (the defaults when the BMC has no machine). */
void ik_acc_desc(const struct ik_bmc *bmc, struct ik_machine_access *out);

/* Store helper: put a blob, logging (not failing) when the store refuses. Returns the
 * store's result. */
int ik_acc_persist(struct ik_bmc *bmc, const char *key, const void *val, size_t len);

#endif
