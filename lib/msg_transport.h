/*
 * NetFn Transport (0Ch) command payloads: the request and response data (after the
 * completion code) of Set / Get LAN Configuration Parameters (IPMI 2.0 sections 23.1,
 * 23.2), which bmcd answers and the CLI sends. The parameter data (table 23-4) travels as
 * borrowed bytes; the common parameters have codecs of their own at the end.
 */
#ifndef IK_MSG_TRANSPORT_H
#define IK_MSG_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

/* The longest parameter data carried: what one IPMI message can hold. */
#define IK_LAN_PARAM_MAX 255

/* ---- Set LAN Configuration Parameters (section 23.1, table 23-2) -------------------------- */

#define IK_LAN_SET_REQ_MIN 3 /* channel, parameter, at least one data byte */

struct ik_lan_set_req {
    uint8_t channel;     /* 0-15 (Eh: the channel the request came in on) */
    uint8_t param;       /* parameter selector (table 23-4) */
    const uint8_t *data; /* the parameter data; borrows the decoder's input */
    size_t len;          /* 1..IK_LAN_PARAM_MAX */
};

/* Reserved bits [7:4] of the channel byte set are IK_E_BADFIELD. */
int ik_lan_set_req_decode(const uint8_t *buf, size_t len, struct ik_lan_set_req *out);
/* channel > 15, len 0 or > IK_LAN_PARAM_MAX (or data NULL) are IK_E_RANGE. */
int ik_lan_set_req_encode(const struct ik_lan_set_req *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* ---- Get LAN Configuration Parameters (section 23.2, table 23-3) -------------------------- */

#define IK_LAN_GET_REQ_LEN 4
#define IK_LAN_GET_RSP_MIN 1
#define IK_LAN_PARAM_REV   0x11 /* parameter revision of IPMI 2.0: present 1, oldest 1 */

struct ik_lan_get_req {
    uint8_t channel;    /* 0-15 */
    bool revision_only; /* get the parameter revision only, no data */
    uint8_t param;      /* parameter selector */
    uint8_t set_sel;    /* set selector (00h when the parameter has none) */
    uint8_t block_sel;  /* block selector (00h when the parameter has none) */
};

/* Reserved bits [6:4] of the channel byte set are IK_E_BADFIELD. */
int ik_lan_get_req_decode(const uint8_t *buf, size_t len, struct ik_lan_get_req *out);
/* channel > 15 is IK_E_RANGE. */
int ik_lan_get_req_encode(const struct ik_lan_get_req *in, uint8_t *buf, size_t cap,
                          size_t *written);

struct ik_lan_get_rsp {
    uint8_t revision;    /* parameter revision: [7:4] present, [3:0] oldest compatible */
    const uint8_t *data; /* the parameter data (none for revision only); borrows the input */
    size_t len;          /* 0..IK_LAN_PARAM_MAX */
};

/* 1 byte and up; more than 1 + IK_LAN_PARAM_MAX is IK_E_OVERSIZE. */
int ik_lan_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_lan_get_rsp *out);
/* len > IK_LAN_PARAM_MAX (or data NULL with len > 0) is IK_E_RANGE. */
int ik_lan_get_rsp_encode(const struct ik_lan_get_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written);

/* ---- parameter data (table 23-4) ------------------------------------------------------------
 * The data after the revision byte of Get, and after the parameter selector of Set, for the
 * parameters both ends read. Decoders drop reserved bits (a client stays lenient); a BMC
 * that must refuse reserved bits compares the re-encoding with what it received. */

#define IK_LAN_P_SET_IN_PROGRESS 0
#define IK_LAN_P_AUTH_SUPPORT    1
#define IK_LAN_P_AUTH_ENABLES    2
#define IK_LAN_P_IP_ADDR         3
#define IK_LAN_P_IP_SOURCE       4
#define IK_LAN_P_MAC             5
#define IK_LAN_P_NETMASK         6
#define IK_LAN_P_GATEWAY_IP      12
#define IK_LAN_P_GATEWAY_MAC     13
#define IK_LAN_P_BACKUP_IP       14
#define IK_LAN_P_BACKUP_MAC      15
#define IK_LAN_P_CIPHER_SUITES   23
#define IK_LAN_P_CIPHER_PRIVS    24

/* Set in progress (parameter 0), 1 byte. */
#define IK_LAN_SET_IN_PROGRESS_LEN 1
#define IK_LAN_SET_COMPLETE        0
#define IK_LAN_SET_IN_PROGRESS     1
#define IK_LAN_SET_COMMIT_WRITE    2 /* 3 is reserved */

struct ik_lan_set_in_progress {
    uint8_t state; /* 0-3: IK_LAN_SET_COMPLETE / _IN_PROGRESS / _COMMIT_WRITE */
};

int ik_lan_set_in_progress_decode(const uint8_t *buf, size_t len,
                                  struct ik_lan_set_in_progress *out);
/* state > 3 is IK_E_RANGE. */
int ik_lan_set_in_progress_encode(const struct ik_lan_set_in_progress *in, uint8_t *buf, size_t cap,
                                  size_t *written);

/* Authentication type support (parameter 1), 1 byte: one bit per type. */
#define IK_LAN_AUTH_TYPES_LEN 1
#define IK_LAN_AUTH_NONE      0x01
#define IK_LAN_AUTH_MD2       0x02
#define IK_LAN_AUTH_MD5       0x04
#define IK_LAN_AUTH_PASSWORD  0x10 /* straight password / key */
#define IK_LAN_AUTH_OEM       0x20
#define IK_LAN_AUTH_ALL       0x37

struct ik_lan_auth_types {
    uint8_t types; /* IK_LAN_AUTH_* */
};

int ik_lan_auth_types_decode(const uint8_t *buf, size_t len, struct ik_lan_auth_types *out);
/* bits outside IK_LAN_AUTH_ALL are IK_E_RANGE. */
int ik_lan_auth_types_encode(const struct ik_lan_auth_types *in, uint8_t *buf, size_t cap,
                             size_t *written);

/* Authentication type enables (parameter 2), 5 bytes: the types allowed per maximum
 * privilege level, in this order. */
#define IK_LAN_AUTH_ENABLES_LEN 5
enum {
    IK_LAN_AUTH_CALLBACK,
    IK_LAN_AUTH_USER,
    IK_LAN_AUTH_OPERATOR,
    IK_LAN_AUTH_ADMIN,
    IK_LAN_AUTH_OEM_LEVEL
};

struct ik_lan_auth_enables {
    uint8_t level[5]; /* IK_LAN_AUTH_* bits, indexed IK_LAN_AUTH_CALLBACK.._OEM_LEVEL */
};

int ik_lan_auth_enables_decode(const uint8_t *buf, size_t len, struct ik_lan_auth_enables *out);
/* bits outside IK_LAN_AUTH_ALL are IK_E_RANGE. */
int ik_lan_auth_enables_encode(const struct ik_lan_auth_enables *in, uint8_t *buf, size_t cap,
                               size_t *written);

/* An IPv4 address (parameters 3, 6, 12, 14): 4 bytes, MS byte first. */
#define IK_LAN_IPV4_LEN 4

struct ik_lan_ipv4 {
    uint8_t addr[4]; /* network order: addr[0] is the first dotted number */
};

int ik_lan_ipv4_decode(const uint8_t *buf, size_t len, struct ik_lan_ipv4 *out);
int ik_lan_ipv4_encode(const struct ik_lan_ipv4 *in, uint8_t *buf, size_t cap, size_t *written);

/* IP address source (parameter 4), 1 byte. */
#define IK_LAN_IP_SOURCE_LEN  1
#define IK_LAN_IP_UNSPECIFIED 0
#define IK_LAN_IP_STATIC      1
#define IK_LAN_IP_DHCP        2
#define IK_LAN_IP_BIOS        3 /* BIOS or system software */
#define IK_LAN_IP_OTHER       4

struct ik_lan_ip_source {
    uint8_t source; /* 0-15: IK_LAN_IP_* (5-15 reserved) */
};

int ik_lan_ip_source_decode(const uint8_t *buf, size_t len, struct ik_lan_ip_source *out);
/* source > 15 is IK_E_RANGE. */
int ik_lan_ip_source_encode(const struct ik_lan_ip_source *in, uint8_t *buf, size_t cap,
                            size_t *written);

/* A MAC address (parameters 5, 13, 15): 6 bytes, MS byte first. */
#define IK_LAN_MAC_LEN 6

struct ik_lan_mac {
    uint8_t addr[6]; /* addr[0] is the first byte written */
};

int ik_lan_mac_decode(const uint8_t *buf, size_t len, struct ik_lan_mac *out);
int ik_lan_mac_encode(const struct ik_lan_mac *in, uint8_t *buf, size_t cap, size_t *written);

/* RMCP+ cipher suite entries (parameter 23): a reserved byte, then up to 16 suite IDs. */
#define IK_LAN_CIPHER_SUITES_MIN 1
#define IK_LAN_CIPHER_SUITES_MAX 17

struct ik_lan_cipher_suites {
    uint8_t n;       /* 0-16 */
    uint8_t ids[16]; /* the suite ID bytes, as listed */
};

int ik_lan_cipher_suites_decode(const uint8_t *buf, size_t len, struct ik_lan_cipher_suites *out);
/* n > 16 is IK_E_RANGE. */
int ik_lan_cipher_suites_encode(const struct ik_lan_cipher_suites *in, uint8_t *buf, size_t cap,
                                size_t *written);

/* RMCP+ messaging cipher suite privilege levels (parameter 24): a reserved byte, then a
 * nibble per entry of parameter 23 (entry 0 in bits 3:0 of the second byte). */
#define IK_LAN_CIPHER_PRIVS_LEN 9

struct ik_lan_cipher_privs {
    uint8_t priv[16]; /* 0-15: 0h unused, 1h-5h callback..OEM, others reserved */
};

int ik_lan_cipher_privs_decode(const uint8_t *buf, size_t len, struct ik_lan_cipher_privs *out);
/* an entry > 15 is IK_E_RANGE. */
int ik_lan_cipher_privs_encode(const struct ik_lan_cipher_privs *in, uint8_t *buf, size_t cap,
                               size_t *written);

#endif
