/*
 * NetFn App (06h) channel, user and session command payloads (IPMI 2.0 section 22): the
 * request and response data (after the completion code) that bmcd's bmc/app_channel.c,
 * bmc/app_user.c and bmc/app_session.c answer and the CLI's channel, user, session and
 * lan subcommands send. One codec per payload, shared by both ends.
 *
 * Reserved bits: response decoders ignore them (clients stay lenient with real BMCs).
 * Request decoders refuse them with IK_E_BADFIELD where bmcd has always answered CCh for
 * them, and ignore them where it has always accepted them; each decoder says which.
 * Range checks that depend on the BMC (how many users, which channels) are the BMC's.
 *
 * Get Channel Authentication Capabilities and Get Channel Cipher Suites are in lanmsg.h
 * and cipher.h, shared with the LAN session code.
 */
#ifndef IK_MSG_USER_H
#define IK_MSG_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

/* ---- Set / Get Channel Access (cmds 40h / 41h, sections 22.22-22.23) -------------------- */

/* Which setting a request reads or writes (bits 7:6 of its offsets 1 and 2). */
#define IK_CHACC_LEAVE       0 /* Set only: do not change this group */
#define IK_CHACC_NONVOLATILE 1
#define IK_CHACC_VOLATILE    2 /* the active (present) setting */

/* Access modes (response offset 0 [2:0]). */
#define IK_CHACC_DISABLED 0
#define IK_CHACC_PREBOOT  1
#define IK_CHACC_ALWAYS   2
#define IK_CHACC_SHARED   3

#define IK_CHAN_ACCESS_SET_REQ_LEN 3
#define IK_CHAN_ACCESS_GET_REQ_LEN 2
#define IK_CHAN_ACCESS_RSP_LEN     2

struct ik_chan_access_set_req {
    uint8_t channel;    /* 0-15 (0Eh: this channel) */
    uint8_t access_op;  /* IK_CHACC_LEAVE / _NONVOLATILE / _VOLATILE for the bits below */
    bool alerting_off;  /* PEF alerting disabled */
    bool per_msg_off;   /* per-message authentication disabled */
    bool user_auth_off; /* user-level authentication disabled */
    uint8_t mode;       /* IK_CHACC_DISABLED .. IK_CHACC_SHARED, 0-7 */
    uint8_t priv_op;    /* IK_CHACC_LEAVE / _NONVOLATILE / _VOLATILE for the limit */
    uint8_t priv_limit; /* 0-15 */
};

struct ik_chan_access_get_req {
    uint8_t channel; /* 0-15 */
    uint8_t which;   /* IK_CHACC_NONVOLATILE or IK_CHACC_VOLATILE */
};

struct ik_chan_access {
    bool alerting_off, per_msg_off, user_auth_off;
    uint8_t mode;       /* 0-7 */
    uint8_t priv_limit; /* 0-15 */
};

/* 3 bytes. Reserved bits set, or operation 11b, are IK_E_BADFIELD (bmcd: CCh). */
int ik_chan_access_set_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_chan_access_set_req *out);
int ik_chan_access_set_req_encode(const struct ik_chan_access_set_req *in, uint8_t *buf, size_t cap,
                                  size_t *written);
/* 2 bytes. Reserved bits set, or a selector other than 01b/10b, are IK_E_BADFIELD. */
int ik_chan_access_get_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_chan_access_get_req *out);
int ik_chan_access_get_req_encode(const struct ik_chan_access_get_req *in, uint8_t *buf, size_t cap,
                                  size_t *written);
/* 2 bytes; reserved bits ignored. */
int ik_chan_access_decode(const uint8_t *buf, size_t len, struct ik_chan_access *out);
int ik_chan_access_encode(const struct ik_chan_access *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* ---- Get Channel Info (cmd 42h, section 22.24) ------------------------------------------ */

#define IK_CHAN_INFO_LEN 9

/* Channel medium types (table 6-3) and protocol types (table 6-2) that ipmikit uses. */
#define IK_CHAN_MEDIUM_LAN       0x04 /* 802.3 LAN */
#define IK_CHAN_MEDIUM_OTHER_LAN 0x06
#define IK_CHAN_MEDIUM_SYSTEM    0x0C /* system interface (KCS, SMIC, BT, SSIF) */
#define IK_CHAN_PROTO_IPMB       0x01
#define IK_CHAN_PROTO_KCS        0x05

/* Session support (offset 3 [7:6]). */
#define IK_CHAN_SESSIONLESS    0
#define IK_CHAN_SINGLE_SESSION 1
#define IK_CHAN_MULTI_SESSION  2
#define IK_CHAN_SESSION_BASED  3

struct ik_chan_info {
    uint8_t channel;         /* 0-15 */
    uint8_t medium;          /* 0-127 */
    uint8_t protocol;        /* 0-31 */
    uint8_t session_support; /* IK_CHAN_SESSIONLESS .. IK_CHAN_SESSION_BASED */
    uint8_t active_sessions; /* 0-63 */
    uint32_t vendor_iana;    /* protocol vendor ID, 24 bits (7154: the IPMI Forum) */
    uint8_t aux[2];          /* auxiliary channel info, as sent */
};

/* 9 bytes; reserved bits ignored. */
int ik_chan_info_decode(const uint8_t *buf, size_t len, struct ik_chan_info *out);
int ik_chan_info_encode(const struct ik_chan_info *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Set / Get User Access (cmds 43h / 44h, sections 22.26-22.27) ----------------------- */

#define IK_USER_ACCESS_SET_REQ_MIN 3
#define IK_USER_ACCESS_SET_REQ_MAX 4 /* with the session limit */
#define IK_USER_ACCESS_GET_REQ_LEN 2
#define IK_USER_ACCESS_RSP_LEN     4

/* User ID enable status (Get User Access response offset 1 [7:6]). */
#define IK_USER_STATUS_UNKNOWN  0
#define IK_USER_STATUS_ENABLED  1
#define IK_USER_STATUS_DISABLED 2

struct ik_user_access_set_req {
    bool change_bits;    /* offset 0 bit 7: apply the three flags below */
    bool callback_only;  /* user restricted to callback */
    bool link_auth;      /* link authentication enabled */
    bool ipmi_messaging; /* IPMI messaging enabled */
    uint8_t channel;     /* 0-15 */
    uint8_t user_id;     /* 0-63 */
    uint8_t priv_limit;  /* 0-15 (0Fh: no access) */
    bool has_session_limit;
    uint8_t session_limit; /* 0-15, 0 = only the channel's limit */
};

struct ik_user_access_get_req {
    uint8_t channel; /* 0-15 */
    uint8_t user_id; /* 0-63 */
};

struct ik_user_access {
    uint8_t max_ids;       /* 0-63: user IDs the channel supports */
    uint8_t enable_status; /* IK_USER_STATUS_*, 0-3 */
    uint8_t enabled_ids;   /* 0-63: user IDs enabled */
    uint8_t fixed_ids;     /* 0-63: user IDs (from 1) with fixed names */
    bool callback_only, link_auth, ipmi_messaging;
    uint8_t priv_limit; /* 0-15 */
};

/* 3 or 4 bytes. Reserved bits set are IK_E_BADFIELD (bmcd: CCh). */
int ik_user_access_set_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_user_access_set_req *out);
int ik_user_access_set_req_encode(const struct ik_user_access_set_req *in, uint8_t *buf, size_t cap,
                                  size_t *written);
/* 2 bytes; reserved bits ignored (bmcd has always accepted them). */
int ik_user_access_get_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_user_access_get_req *out);
int ik_user_access_get_req_encode(const struct ik_user_access_get_req *in, uint8_t *buf, size_t cap,
                                  size_t *written);
/* 4 bytes; reserved bits ignored. */
int ik_user_access_decode(const uint8_t *buf, size_t len, struct ik_user_access *out);
int ik_user_access_encode(const struct ik_user_access *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* ---- Set / Get User Name (cmds 45h / 46h, sections 22.28-22.29) ------------------------- */

#define IK_USER_NAME_LEN         16 /* on the wire, zero padded */
#define IK_USER_NAME_RSP_LEN     IK_USER_NAME_LEN
#define IK_USER_NAME_SET_REQ_LEN (1 + IK_USER_NAME_LEN)

struct ik_user_name_set_req {
    uint8_t user_id;                 /* 0-63 */
    char name[IK_USER_NAME_LEN + 1]; /* a copy, NUL-terminated; "" clears the name */
};

struct ik_user_name {
    char name[IK_USER_NAME_LEN + 1]; /* a copy, NUL-terminated */
};

/* 17 bytes. Reserved bits (offset 0 [7:6]) set, or a name with a non-zero byte after its
 * first NUL, are IK_E_BADFIELD (bmcd: CCh). */
int ik_user_name_set_req_decode(const uint8_t *buf, size_t len, struct ik_user_name_set_req *out);
/* A name longer than 16 bytes or a user ID over 63 is IK_E_RANGE. */
int ik_user_name_set_req_encode(const struct ik_user_name_set_req *in, uint8_t *buf, size_t cap,
                                size_t *written);
/* 16 bytes. The name ends at the first NUL; whatever follows it is ignored (some BMCs
 * leave junk there). */
int ik_user_name_decode(const uint8_t *buf, size_t len, struct ik_user_name *out);
int ik_user_name_encode(const struct ik_user_name *in, uint8_t *buf, size_t cap, size_t *written);

/* ---- Set User Password (cmd 47h, section 22.30) ----------------------------------------- */

/* Operations (offset 1 [1:0]). */
#define IK_USER_PW_DISABLE 0
#define IK_USER_PW_ENABLE  1
#define IK_USER_PW_SET     2
#define IK_USER_PW_TEST    3

#define IK_USER_PW_REQ_MIN 2
#define IK_USER_PW_MAX     20
#define IK_USER_PW_REQ_MAX (2 + IK_USER_PW_MAX)

struct ik_user_password_req {
    uint8_t user_id;                  /* 0-63 */
    bool twenty;                      /* offset 0 bit 7: the password is a 20-byte one, else 16 */
    uint8_t op;                       /* IK_USER_PW_* */
    uint8_t password_len;             /* bytes after offset 1: 0-20 */
    uint8_t password[IK_USER_PW_MAX]; /* zero beyond password_len */
};

/* Whether the password length fits the size bit and the operation: 16 or 20 bytes as
 * `twenty` says, and none allowed only to enable or disable (section 22.30). bmcd answers
 * C7h (request data length invalid) when it does not. */
bool ik_user_password_req_len_ok(const struct ik_user_password_req *q);

/* 2-22 bytes; the decoder takes any password length up to 20 and leaves the check above
 * to the caller, which orders its completion codes. Reserved bits (offset 0 bit 6, offset 1
 * [7:2]) set are IK_E_BADFIELD (bmcd: CCh). */
int ik_user_password_req_decode(const uint8_t *buf, size_t len, struct ik_user_password_req *out);
/* User ID over 63, operation over 3 or password_len over 20 is IK_E_RANGE. */
int ik_user_password_req_encode(const struct ik_user_password_req *in, uint8_t *buf, size_t cap,
                                size_t *written);

/* ---- Get Session Info (cmd 3Dh, section 22.20) ------------------------------------------ */

#define IK_SESSINFO_THIS      0x00 /* the session the request came in */
#define IK_SESSINFO_NTH_MAX   0x3F /* 01h-3Fh: the Nth active session */
#define IK_SESSINFO_BY_HANDLE 0xFE
#define IK_SESSINFO_BY_ID     0xFF

#define IK_SESSINFO_REQ_MAX 5

struct ik_session_info_req {
    uint8_t index;       /* 00h-3Fh, IK_SESSINFO_BY_HANDLE or IK_SESSINFO_BY_ID */
    uint8_t handle;      /* BY_HANDLE only */
    uint32_t session_id; /* BY_ID only */
};

/* 1 byte, 2 with a handle, 5 with a session ID. An index of 40h-FDh is IK_E_BADFIELD
 * (bmcd: CCh), whatever the length. */
int ik_session_info_req_decode(const uint8_t *buf, size_t len, struct ik_session_info_req *out);
int ik_session_info_req_encode(const struct ik_session_info_req *in, uint8_t *buf, size_t cap,
                               size_t *written);

/* The channel-type-specific tail of an active session's answer. */
#define IK_SESSINFO_BASE   0 /* none (6 bytes) */
#define IK_SESSINFO_LAN    1 /* 802.3 LAN: IP, MAC, port (18 bytes) */
#define IK_SESSINFO_SERIAL 2 /* serial/modem: activity, destination, IP[, port] (12/14) */

#define IK_SESSINFO_NONE_LEN        3
#define IK_SESSINFO_BASE_LEN        6
#define IK_SESSINFO_SERIAL_LEN      12
#define IK_SESSINFO_SERIAL_PORT_LEN 14
#define IK_SESSINFO_LAN_LEN         18
#define IK_SESSINFO_MAX             IK_SESSINFO_LAN_LEN

struct ik_session_info {
    uint8_t handle;   /* 0: no active session matched */
    uint8_t slots;    /* 0-63: possible active sessions */
    uint8_t active;   /* 0-63: currently active sessions */
    bool has_session; /* the fields below are present */
    uint8_t user_id;  /* 0-63 */
    uint8_t priv;     /* 0-15: operating privilege */
    uint8_t protocol; /* 0-15: 0 IPMI 1.5, 1 IPMI 2.0 / RMCP+ */
    uint8_t channel;  /* 0-15 */
    uint8_t media;    /* IK_SESSINFO_BASE / _LAN / _SERIAL */
    uint8_t ip[4];    /* LAN and serial: console IP address, network order */
    uint8_t mac[6];   /* LAN: console MAC address */
    uint8_t activity; /* serial: session/channel activity type */
    uint8_t dest;     /* serial: destination selector */
    bool has_port;    /* always for LAN; serial with 14 bytes */
    uint16_t port;    /* console port, LS byte first */
};

/* 3 (no session), 6, 12, 14 or 18 bytes; reserved bits ignored. */
int ik_session_info_decode(const uint8_t *buf, size_t len, struct ik_session_info *out);
/* Fields out of their range are IK_E_RANGE, as is a LAN tail without a port. */
int ik_session_info_encode(const struct ik_session_info *in, uint8_t *buf, size_t cap,
                           size_t *written);

#endif
