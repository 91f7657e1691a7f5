/*
 * Machine description, access section: who may log in and how. bmcd fills it from the
 * YAML sections users, channels, lan and security (bmcd/desc_access.c); the engine's
 * access modules (app_user.c, app_channel.c, transport.c, lan.c) start from it, and what
 * a client later changes over IPMI (users, channel access, LAN parameters) is kept in the
 * store and wins over the description on the next start.
 *
 * Security policy vs. settings: `security` is the operator's ceiling and never changes at
 * run time. A client may enable, over IPMI, only what the policy allows: IPMI 1.5
 * authentication types outside security.auth15 are not "supported" (LAN parameter 1) and
 * cannot be enabled; cipher suite 0 is not even listed (parameter 23) unless
 * security.cipher_suite_0 is set.
 *
 * Defaults (ik_machine_access_defaults): user 2 "admin" / "password" at ADMINISTRATOR on
 * the LAN channel (bmcd refuses a non-loopback address while an enabled user still has
 * that password), LAN channel 1 always available with an ADMINISTRATOR limit and 16
 * sessions, every cipher suite libipmikit runs but 0 at ADMINISTRATOR, IPMI 1.5 with MD5
 * only, no null user names, no anonymous login, a lockout of 60 s after 5 failed logins
 * within 60 s, a 60 s inactivity timeout and half-open sessions reaped after 4 s.
 */
#ifndef IK_BMC_MACHINE_ACCESS_H
#define IK_BMC_MACHINE_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#define IK_ACCESS_MAX_USERS     16 /* user IDs 1..16; 1 is the null user (no name) */
#define IK_ACCESS_NAME_LEN      16
#define IK_ACCESS_PASSWORD_LEN  20
#define IK_ACCESS_SUITES        20 /* cipher suite IDs 0..19 (lib/cipher.h) */
#define IK_ACCESS_MAX_SESSIONS  63 /* Get Session Info counts fit 6 bits */
#define IK_ACCESS_MAX_HALF_OPEN 64

/* The password every default description ships with; bmcd refuses to listen beyond
 * loopback while an enabled user has it. */
#define IK_ACCESS_DEFAULT_PASSWORD "password"

struct ik_machine_user {
    bool defined;                             /* false: an empty slot */
    char name[IK_ACCESS_NAME_LEN + 1];        /* NUL-terminated; "" for user 1 */
    uint8_t password[IK_ACCESS_PASSWORD_LEN]; /* zero padded */
    uint8_t password_size;                    /* 16 or 20: how it was set */
    bool enabled;
    uint8_t priv;          /* LAN channel privilege limit: 1-5, or 0Fh no access */
    bool ipmi_messaging;   /* may open sessions (Set User Access bit 4) */
    bool link_auth;        /* link authentication enable (bit 5); stored only */
    bool callback_only;    /* restricted to callback (bit 6) */
    uint8_t session_limit; /* simultaneous sessions of this user; 0 = channel limit only */
};

struct ik_machine_channel {
    uint8_t number;        /* the LAN channel's number: 1..7 (default 1) */
    uint8_t access_mode;   /* 0 disabled, 2 always available */
    uint8_t priv_limit;    /* channel privilege limit 1-5 */
    bool alerting_off;     /* PEF alerting disabled (stored and reported) */
    uint8_t max_sessions;  /* active sessions on the channel, 1..63 */
    uint8_t max_half_open; /* sessions mid-handshake, 1..64 (the oldest is evicted) */
};

/* Initial values of the LAN configuration parameters (NetFn 0Ch, transport.c). */
struct ik_machine_lan {
    bool ip_set, mac_set; /* false: bmcd's listen address / a MAC derived from the name */
    uint8_t ip[4];
    uint8_t ip_source; /* 0 unspecified, 1 static, 2 DHCP, 3 BIOS, 4 other */
    uint8_t mac[6];
    uint8_t netmask[4];
    uint8_t gateway[4], gateway_mac[6];
    uint8_t backup_gateway[4], backup_gateway_mac[6];
    uint16_t vlan_id; /* 0 = no VLAN, else 1..4094 (enabled) */
    uint8_t vlan_priority;
    char community[19]; /* SNMP community string, up to 18 characters */
    /* Per cipher suite: 0 = not offered, else the highest privilege allowed with it. */
    uint8_t suite_priv[IK_ACCESS_SUITES];
    /* Authentication Type Enables (parameter 2) for callback, user, operator,
     * administrator and OEM: IK_AUTHCAP_* bits, masked by security.auth15. */
    uint8_t auth_enables[5];
};

struct ik_machine_security {
    uint8_t auth15; /* IPMI 1.5 auth types allowed at all (IK_AUTHCAP_*); 0 = no 1.5 */
    bool v20;       /* RMCP+ */
    bool cipher_suite_0;
    bool null_users; /* null user names (user 1, or role-based RMCP+ lookup) */
    bool anonymous;  /* null user name with an empty password */
    uint8_t kg[20];  /* BMC key K_G, zero padded */
    bool kg_set;
    /* Lockout (also LAN parameter 26, Bad Password Threshold): after lockout_attempts
     * failed logins within lockout_window_s, the user is refused for lockout_s. */
    uint8_t lockout_attempts; /* 0 = never lock */
    uint32_t lockout_window_s;
    uint32_t lockout_s;
    uint32_t session_timeout_s;   /* inactivity timeout of an active session */
    uint32_t half_open_timeout_s; /* a handshake must finish within this */
};

struct ik_machine_access {
    struct ik_machine_user users[IK_ACCESS_MAX_USERS + 1]; /* index = user ID; [0] unused */
    struct ik_machine_channel channel;
    struct ik_machine_lan lan;
    struct ik_machine_security security;
};

/* The defaults described above. */
void ik_machine_access_defaults(struct ik_machine_access *a);

/* Set a user's password from a C string (up to 20 bytes): zero padded, size 16 or 20. */
void ik_machine_user_set_password(struct ik_machine_user *u, const char *pw);

#endif
