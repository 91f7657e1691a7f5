/*
 * Machine description, access sections: who may log in and how (bmc/machine_access.h).
 *
 *   users:                      # replaces the default user list (admin / password)
 *     - id: 2                   # 2..16; omitted: the next free ID from 2
 *       name: admin             # up to 16 characters (user 1 is the unnamed null user)
 *       password: secret        # up to 20 characters
 *       privilege: administrator  # callback | user | operator | administrator | oem |
 *                                 # no_access   (limit on the LAN channel)
 *       enabled: true  ipmi_messaging: true  link_auth: true  callback_only: false
 *       session_limit: 0        # 0 = only the channel's limit
 *   channels:
 *     lan: {number: 1, access: always, privilege_limit: administrator, alerting: true,
 *           max_sessions: 16, max_half_open: 32}
 *   security:
 *     ipmi15: [md5]             # IPMI 1.5 auth types allowed: none, md2, md5, password
 *     ipmi20: true
 *     cipher_suite_0: false     # or the highest privilege allowed with suite 0
 *     null_users: false  anonymous_login: false
 *     kg: "text"  | kg_hex: "01 02 ..."     # BMC key K_G, up to 20 bytes
 *     lockout: {attempts: 5, window: 60, duration: 60}   # seconds; duration 0 = until
 *                                                         # the user is re-enabled
 *     session_timeout: 60  half_open_timeout: 4
 *   lan:                        # LAN configuration parameters (virtual, stored)
 *     ip: 192.0.2.10  ip_source: static  mac: "02:00:00:00:00:01"  netmask: 255.255.255.0
 *     gateway: 192.0.2.1  gateway_mac: ...  backup_gateway: ...  backup_gateway_mac: ...
 *     vlan: 0  vlan_priority: 0  community: public
 *     cipher_suites: [1, 2, 3, 17]          # offered at administrator, or per suite:
 *     cipher_suites: {3: administrator, 1: user}
 *     auth_types: {administrator: [md5], user: [md5, md2], ...}  # within security.ipmi15
 */
#include "desc_access.h"

#include <stdio.h>
#include <string.h>

#include "cipher.h"
#include "crypto.h"
#include "ipmikit/error.h"
#include "lanmsg.h"

/* Privilege names, indexed by level (0 and 6..14 unused; 15 = no access). */
static const char *const priv_names[16] = {
    [1] = "callback",      [2] = "user", [3] = "operator",
    [4] = "administrator", [5] = "oem",  [15] = "no_access",
};

static int parse_priv(struct ik_desc *d, yaml_node_t *n, const char *field, bool allow_none,
                      uint8_t *out)
{
    const char *s = ik_desc_scalar(d, n, field);
    int v;
    if (s && strcmp(s, "admin") == 0) {
        *out = IK_PRIV_ADMIN;
        return 0;
    }
    if (ik_desc_enum(d, n, field, priv_names, allow_none ? 16 : 6, &v))
        return IK_E_SYNTAX;
    *out = (uint8_t)v;
    return 0;
}

static int opt_priv(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    bool allow_none, uint8_t *out)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    if (!n)
        return 0;
    snprintf(f, sizeof(f), "%s.%s", path, key);
    return parse_priv(d, n, f, allow_none, out);
}

/* A list of 1.5 auth type names -> IK_AUTHCAP_* bits. */
static int parse_auth_list(struct ik_desc *d, yaml_node_t *n, const char *field, uint8_t *out)
{
    static const char *const names[] = {"none", "md2", "md5", "password"};
    static const uint8_t bits[] = {IK_AUTHCAP_NONE, IK_AUTHCAP_MD2, IK_AUTHCAP_MD5,
                                   IK_AUTHCAP_PASSWORD};
    uint8_t mask = 0;
    if (!ik_desc_is_seq(d, n, field))
        return IK_E_SYNTAX;
    for (size_t i = 0; i < ik_desc_seq_len(n); i++) {
        char f[256];
        int v;
        snprintf(f, sizeof(f), "%s[%zu]", field, i);
        if (ik_desc_enum(d, ik_desc_seq_at(d, n, i), f, names, 4, &v))
            return IK_E_SYNTAX;
        mask |= bits[v];
    }
    *out = mask;
    return 0;
}

static int opt_secs(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                    long min, long max, uint32_t *out)
{
    long v = (long)*out;
    if (ik_desc_opt_int(d, map, key, path, min, max, &v))
        return IK_E_SYNTAX;
    *out = (uint32_t)v;
    return 0;
}

/* A dotted IPv4 address. */
static int opt_ip(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                  uint8_t out[4], bool *set)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    unsigned a, b, c, e;
    char extra;
    if (!n)
        return 0;
    snprintf(f, sizeof(f), "%s.%s", path, key);
    const char *s = ik_desc_scalar(d, n, f);
    if (!s)
        return IK_E_SYNTAX;
    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &e, &extra) != 4 || a > 255 || b > 255 || c > 255 ||
        e > 255)
        return ik_desc_fail(d, n, f, "expected an IPv4 address A.B.C.D, got '%s'", s);
    out[0] = (uint8_t)a;
    out[1] = (uint8_t)b;
    out[2] = (uint8_t)c;
    out[3] = (uint8_t)e;
    if (set)
        *set = true;
    return 0;
}

static int opt_mac(struct ik_desc *d, yaml_node_t *map, const char *key, const char *path,
                   uint8_t out[6], bool *set)
{
    yaml_node_t *n = ik_desc_get(d, map, key);
    char f[256];
    uint8_t tmp[6];
    size_t len;
    if (!n)
        return 0;
    snprintf(f, sizeof(f), "%s.%s", path, key);
    if (ik_desc_hex(d, n, f, tmp, sizeof(tmp), &len))
        return IK_E_SYNTAX;
    if (len != 6)
        return ik_desc_fail(d, n, f, "expected 6 bytes (aa:bb:cc:dd:ee:ff), got %zu", len);
    memcpy(out, tmp, 6);
    if (set)
        *set = true;
    return 0;
}

/* ---- users ---------------------------------------------------------------------------- */

int ik_desc_users(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {
        "id",        "name",          "password",      "privilege", "enabled", "ipmi_messaging",
        "link_auth", "callback_only", "session_limit", NULL};
    struct ik_machine_user *users = m->access.users;
    if (!ik_desc_is_seq(d, n, path))
        return IK_E_SYNTAX;
    /* The list replaces the defaults; user 1 stays the disabled null user unless listed. */
    for (int id = 2; id <= IK_ACCESS_MAX_USERS; id++)
        memset(&users[id], 0, sizeof(users[id]));
    bool listed[IK_ACCESS_MAX_USERS + 1] = {false};
    for (size_t i = 0; i < ik_desc_seq_len(n); i++) {
        yaml_node_t *e = ik_desc_seq_at(d, n, i);
        char p[64], name[64] = "", pw[64] = "";
        long id = 0, limit = 0;
        int enabled = 1, ipmi = 1, link = 1, cb = 0;
        uint8_t priv = IK_PRIV_USER;
        snprintf(p, sizeof(p), "%s[%zu]", path, i);
        if (!ik_desc_is_map(d, e, p) || ik_desc_check_keys(d, e, p, keys) ||
            ik_desc_opt_int(d, e, "id", p, 1, IK_ACCESS_MAX_USERS, &id) ||
            ik_desc_opt_str(d, e, "name", p, name, sizeof(name)) ||
            ik_desc_opt_str(d, e, "password", p, pw, sizeof(pw)) ||
            opt_priv(d, e, "privilege", p, true, &priv) ||
            ik_desc_opt_bool(d, e, "enabled", p, &enabled) ||
            ik_desc_opt_bool(d, e, "ipmi_messaging", p, &ipmi) ||
            ik_desc_opt_bool(d, e, "link_auth", p, &link) ||
            ik_desc_opt_bool(d, e, "callback_only", p, &cb) ||
            ik_desc_opt_int(d, e, "session_limit", p, 0, 15, &limit))
            return IK_E_SYNTAX;
        if (!id) {
            for (id = 2; id <= IK_ACCESS_MAX_USERS && listed[id]; id++)
                ;
            if (id > IK_ACCESS_MAX_USERS)
                return ik_desc_fail(d, e, p, "more than %d users", IK_ACCESS_MAX_USERS - 1);
        }
        if (listed[id])
            return ik_desc_fail(d, e, p, "user ID %ld is listed twice", id);
        if (strlen(name) > IK_ACCESS_NAME_LEN)
            return ik_desc_fail(d, ik_desc_get(d, e, "name"), p, "name longer than 16 characters");
        if (strlen(pw) > IK_ACCESS_PASSWORD_LEN)
            return ik_desc_fail(d, ik_desc_get(d, e, "password"), p,
                                "password longer than 20 characters");
        if (id == 1 && name[0])
            return ik_desc_fail(d, e, p, "user 1 is the null user: it has no name");
        if (id != 1 && !name[0])
            return ik_desc_fail(d, e, p, "needs a name (only user 1 is unnamed)");
        for (int k = 2; k <= IK_ACCESS_MAX_USERS; k++)
            if (listed[k] && strcmp(users[k].name, name) == 0)
                return ik_desc_fail(d, e, p, "two users are called '%s'", name);
        struct ik_machine_user *u = &users[id];
        memset(u, 0, sizeof(*u));
        u->defined = true;
        memcpy(u->name, name, strlen(name) + 1); /* checked: at most 16 */
        ik_machine_user_set_password(u, pw);
        ik_cleanse(pw, sizeof(pw));
        u->priv = priv;
        u->enabled = enabled;
        u->ipmi_messaging = ipmi;
        u->link_auth = link;
        u->callback_only = cb;
        u->session_limit = (uint8_t)limit;
        listed[id] = true;
    }
    return 0;
}

/* ---- channels ------------------------------------------------------------------------- */

int ik_desc_channels(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {"lan", NULL};
    static const char *const lan_keys[] = {
        "number", "access", "privilege_limit", "alerting", "max_sessions", "max_half_open", NULL};
    static const char *const modes[] = {"disabled", NULL, "always"};
    struct ik_machine_channel *c = &m->access.channel;
    char p[256];
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys))
        return IK_E_SYNTAX;
    yaml_node_t *l = ik_desc_get(d, n, "lan");
    if (!l)
        return 0;
    snprintf(p, sizeof(p), "%s.lan", path);
    long num = c->number, ms = c->max_sessions, mh = c->max_half_open;
    int alerting = !c->alerting_off;
    if (!ik_desc_is_map(d, l, p) || ik_desc_check_keys(d, l, p, lan_keys) ||
        ik_desc_opt_int(d, l, "number", p, 1, 7, &num) ||
        opt_priv(d, l, "privilege_limit", p, false, &c->priv_limit) ||
        ik_desc_opt_bool(d, l, "alerting", p, &alerting) ||
        ik_desc_opt_int(d, l, "max_sessions", p, 1, IK_ACCESS_MAX_SESSIONS, &ms) ||
        ik_desc_opt_int(d, l, "max_half_open", p, 1, IK_ACCESS_MAX_HALF_OPEN, &mh))
        return IK_E_SYNTAX;
    yaml_node_t *an = ik_desc_get(d, l, "access");
    if (an) {
        char f[280];
        int mode;
        snprintf(f, sizeof(f), "%s.access", p);
        if (ik_desc_enum(d, an, f, modes, 3, &mode))
            return IK_E_SYNTAX;
        c->access_mode = (uint8_t)mode;
    }
    c->number = (uint8_t)num;
    c->alerting_off = !alerting;
    c->max_sessions = (uint8_t)ms;
    c->max_half_open = (uint8_t)mh;
    return 0;
}

/* ---- security ------------------------------------------------------------------------- */

int ik_desc_security(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {
        "ipmi15", "ipmi20", "cipher_suite_0", "null_users",      "anonymous_login",
        "kg",     "kg_hex", "lockout",        "session_timeout", "half_open_timeout",
        NULL};
    static const char *const lock_keys[] = {"attempts", "window", "duration", NULL};
    struct ik_machine_security *s = &m->access.security;
    char f[256];
    int v20 = s->v20, nu = s->null_users, an = s->anonymous;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys) ||
        ik_desc_opt_bool(d, n, "ipmi20", path, &v20) ||
        ik_desc_opt_bool(d, n, "null_users", path, &nu) ||
        ik_desc_opt_bool(d, n, "anonymous_login", path, &an) ||
        opt_secs(d, n, "session_timeout", path, 1, 3600, &s->session_timeout_s) ||
        opt_secs(d, n, "half_open_timeout", path, 1, 60, &s->half_open_timeout_s))
        return IK_E_SYNTAX;
    s->v20 = v20;
    s->null_users = nu;
    s->anonymous = an;
    yaml_node_t *a15 = ik_desc_get(d, n, "ipmi15");
    if (a15) {
        snprintf(f, sizeof(f), "%s.ipmi15", path);
        if (parse_auth_list(d, a15, f, &s->auth15))
            return IK_E_SYNTAX;
        for (int i = 0; i < 5; i++)
            m->access.lan.auth_enables[i] = s->auth15;
    }
    yaml_node_t *s0 = ik_desc_get(d, n, "cipher_suite_0");
    if (s0) {
        snprintf(f, sizeof(f), "%s.cipher_suite_0", path);
        const char *txt = ik_desc_scalar(d, s0, f);
        uint8_t priv = 0;
        if (!txt)
            return IK_E_SYNTAX;
        if (strcmp(txt, "true") == 0)
            priv = IK_PRIV_ADMIN;
        else if (strcmp(txt, "false") && strcmp(txt, "no") && strcmp(txt, "off") &&
                 parse_priv(d, s0, f, false, &priv))
            return IK_E_SYNTAX;
        s->cipher_suite_0 = priv != 0;
        m->access.lan.suite_priv[0] = priv;
    }
    yaml_node_t *kg = ik_desc_get(d, n, "kg"), *kgh = ik_desc_get(d, n, "kg_hex");
    if (kg && kgh)
        return ik_desc_fail(d, kgh, path, "give kg or kg_hex, not both");
    if (kg) {
        char t[64] = "";
        snprintf(f, sizeof(f), "%s.kg", path);
        if (ik_desc_str(d, kg, f, t, sizeof(t)))
            return IK_E_SYNTAX;
        if (strlen(t) > 20)
            return ik_desc_fail(d, kg, f, "longer than 20 characters");
        memset(s->kg, 0, sizeof(s->kg));
        memcpy(s->kg, t, strlen(t));
        s->kg_set = t[0] != '\0';
        ik_cleanse(t, sizeof(t));
    }
    if (kgh) {
        size_t len;
        snprintf(f, sizeof(f), "%s.kg_hex", path);
        memset(s->kg, 0, sizeof(s->kg));
        if (ik_desc_hex(d, kgh, f, s->kg, sizeof(s->kg), &len))
            return IK_E_SYNTAX;
        s->kg_set = false;
        for (size_t i = 0; i < len; i++)
            s->kg_set |= s->kg[i] != 0;
    }
    yaml_node_t *lk = ik_desc_get(d, n, "lockout");
    if (lk) {
        long att = s->lockout_attempts;
        snprintf(f, sizeof(f), "%s.lockout", path);
        if (!ik_desc_is_map(d, lk, f) || ik_desc_check_keys(d, lk, f, lock_keys) ||
            ik_desc_opt_int(d, lk, "attempts", f, 0, 255, &att) ||
            opt_secs(d, lk, "window", f, 0, 655350, &s->lockout_window_s) ||
            opt_secs(d, lk, "duration", f, 0, 655350, &s->lockout_s))
            return IK_E_SYNTAX;
        s->lockout_attempts = (uint8_t)att;
    }
    if (s->anonymous && !s->null_users)
        return ik_desc_fail(d, n, path, "anonymous_login needs null_users: true");
    return 0;
}

/* ---- lan ------------------------------------------------------------------------------ */

static int parse_suites(struct ik_desc *d, yaml_node_t *n, const char *field,
                        struct ik_machine_access *a)
{
    uint8_t caps[IK_ACCESS_SUITES] = {0};
    size_t count = n->type == YAML_MAPPING_NODE ? ik_desc_map_len(n) : ik_desc_seq_len(n);
    if (n->type != YAML_MAPPING_NODE && !ik_desc_is_seq(d, n, field))
        return IK_E_SYNTAX;
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *idn, *pn = NULL;
        const char *key;
        char f[280];
        long id;
        uint8_t priv = IK_PRIV_ADMIN;
        if (n->type == YAML_MAPPING_NODE) {
            ik_desc_map_at(d, n, i, &key, &pn, &idn);
        } else {
            idn = ik_desc_seq_at(d, n, i);
        }
        snprintf(f, sizeof(f), "%s[%zu]", field, i);
        if (ik_desc_int(d, idn, f, 0, IK_ACCESS_SUITES - 1, &id))
            return IK_E_SYNTAX;
        if (!ik_cipher_suite_supported((uint8_t)id))
            return ik_desc_fail(d, idn, f, "cipher suite %ld is not supported (xRC4)", id);
        if (id == 0 && !a->security.cipher_suite_0)
            return ik_desc_fail(d, idn, f,
                                "cipher suite 0 needs security.cipher_suite_0 (no "
                                "authentication at all)");
        if (pn && parse_priv(d, pn, f, false, &priv))
            return IK_E_SYNTAX;
        caps[id] = priv;
    }
    memcpy(a->lan.suite_priv, caps, sizeof(caps));
    return 0;
}

int ik_desc_lan(struct ik_desc *d, yaml_node_t *n, const char *path, struct ik_machine *m)
{
    static const char *const keys[] = {"ip",
                                       "ip_source",
                                       "mac",
                                       "netmask",
                                       "gateway",
                                       "gateway_mac",
                                       "backup_gateway",
                                       "backup_gateway_mac",
                                       "vlan",
                                       "vlan_priority",
                                       "community",
                                       "cipher_suites",
                                       "auth_types",
                                       NULL};
    static const char *const sources[] = {"unspecified", "static", "dhcp", "bios", "other"};
    static const char *const levels[] = {"callback",      "user", "operator",
                                         "administrator", "oem",  NULL};
    struct ik_machine_lan *l = &m->access.lan;
    char f[256];
    long vlan = l->vlan_id, prio = l->vlan_priority;
    if (!ik_desc_is_map(d, n, path) || ik_desc_check_keys(d, n, path, keys) ||
        opt_ip(d, n, "ip", path, l->ip, &l->ip_set) ||
        opt_mac(d, n, "mac", path, l->mac, &l->mac_set) ||
        opt_ip(d, n, "netmask", path, l->netmask, NULL) ||
        opt_ip(d, n, "gateway", path, l->gateway, NULL) ||
        opt_mac(d, n, "gateway_mac", path, l->gateway_mac, NULL) ||
        opt_ip(d, n, "backup_gateway", path, l->backup_gateway, NULL) ||
        opt_mac(d, n, "backup_gateway_mac", path, l->backup_gateway_mac, NULL) ||
        ik_desc_opt_int(d, n, "vlan", path, 0, 4094, &vlan) ||
        ik_desc_opt_int(d, n, "vlan_priority", path, 0, 7, &prio) ||
        ik_desc_opt_str(d, n, "community", path, l->community, sizeof(l->community)))
        return IK_E_SYNTAX;
    l->vlan_id = (uint16_t)vlan;
    l->vlan_priority = (uint8_t)prio;
    yaml_node_t *src = ik_desc_get(d, n, "ip_source");
    if (src) {
        int v;
        snprintf(f, sizeof(f), "%s.ip_source", path);
        if (ik_desc_enum(d, src, f, sources, 5, &v))
            return IK_E_SYNTAX;
        l->ip_source = (uint8_t)v;
    }
    yaml_node_t *cs = ik_desc_get(d, n, "cipher_suites");
    if (cs) {
        snprintf(f, sizeof(f), "%s.cipher_suites", path);
        if (parse_suites(d, cs, f, &m->access))
            return IK_E_SYNTAX;
    }
    yaml_node_t *at = ik_desc_get(d, n, "auth_types");
    if (at) {
        snprintf(f, sizeof(f), "%s.auth_types", path);
        if (!ik_desc_is_map(d, at, f) || ik_desc_check_keys(d, at, f, levels))
            return IK_E_SYNTAX;
        for (int i = 0; i < 5; i++) {
            yaml_node_t *ln = ik_desc_get(d, at, levels[i]);
            char lf[300];
            uint8_t mask;
            if (!ln)
                continue;
            snprintf(lf, sizeof(lf), "%s.%s", f, levels[i]);
            if (parse_auth_list(d, ln, lf, &mask))
                return IK_E_SYNTAX;
            if (mask & ~m->access.security.auth15)
                return ik_desc_fail(d, ln, lf,
                                    "enables an auth type that security.ipmi15 does not allow");
            l->auth_enables[i] = mask;
        }
    }
    return 0;
}
