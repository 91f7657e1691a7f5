/*
 * ipmikit lan print [CH] and lan set CH ipaddr|netmask|macaddr|defgw|bakgw|ipsrc|snmp|
 * vlan id|vlan priority|access|cipher_privs|arp ...: the LAN configuration parameters
 * (IPMI 2.0 section 23.2, table 23-4) through Get/Set LAN Configuration Parameters
 * (NetFn Transport 01h/02h). Text is ipmitool 1.8.19's; --json gives docs/json/lan.md.
 *
 * Get LAN Configuration Parameters response, after the CC: 0 parameter revision, 1..
 * parameter data. A parameter the BMC does not have (CC 80h, C9h or CCh) is left out of the
 * listing, as ipmitool does; a parameter shorter than its table size is reported and left
 * out (ipmitool reads past the end of such a response).
 *
 * Writes follow ipmitool: Set In Progress = set in progress, the parameter, commit write,
 * set complete (the in-progress writes are optional in the spec; their failures are
 * ignored), then the parameter is read back once to confirm.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cursor.h"
#include "msg_transport.h"
#include "msg_user.h"
#include "util.h"

#define CMD_SET_LAN_CONFIG 0x01
#define CMD_GET_LAN_CONFIG 0x02

enum {
    P_SET_IN_PROGRESS = 0,
    P_AUTH_SUPPORT = 1,
    P_AUTH_ENABLE = 2,
    P_IP_ADDR = 3,
    P_IP_SRC = 4,
    P_MAC = 5,
    P_NETMASK = 6,
    P_IP_HEADER = 7,
    P_ARP_CONTROL = 10,
    P_ARP_INTERVAL = 11,
    P_DEFGW_IP = 12,
    P_DEFGW_MAC = 13,
    P_BAKGW_IP = 14,
    P_BAKGW_MAC = 15,
    P_SNMP = 16,
    P_VLAN_ID = 20,
    P_VLAN_PRIO = 21,
    P_CIPHER_COUNT = 22,
    P_CIPHERS = 23,
    P_CIPHER_PRIVS = 24,
    P_BAD_PASS = 26,
};

static const struct {
    uint8_t param;
    uint8_t len; /* bytes of data the printer needs */
    const char *desc;
} params[] = {
    {P_SET_IN_PROGRESS, 1, "Set in Progress"},
    {P_AUTH_SUPPORT, 1, "Auth Type Support"},
    {P_AUTH_ENABLE, 5, "Auth Type Enable"},
    {P_IP_ADDR, 4, "IP Address"},
    {P_IP_SRC, 1, "IP Address Source"},
    {P_MAC, 6, "MAC Address"},
    {P_NETMASK, 4, "Subnet Mask"},
    {P_IP_HEADER, 3, "IP Header"},
    {P_ARP_CONTROL, 1, "BMC ARP Control"},
    {P_ARP_INTERVAL, 1, "Gratituous ARP Intrvl"},
    {P_DEFGW_IP, 4, "Default Gateway IP"},
    {P_DEFGW_MAC, 6, "Default Gateway MAC"},
    {P_BAKGW_IP, 4, "Backup Gateway IP"},
    {P_BAKGW_MAC, 6, "Backup Gateway MAC"},
    {P_SNMP, 18, "SNMP Community String"},
    {P_VLAN_ID, 2, "802.1q VLAN ID"},
    {P_VLAN_PRIO, 1, "802.1q VLAN Priority"},
    {P_CIPHER_COUNT, 1, "RMCP+ Cipher Suite Count"},
    {P_CIPHERS, 1, "RMCP+ Cipher Suites"},
    {P_CIPHER_PRIVS, 9, "Cipher Suite Priv Max"},
    {P_BAD_PASS, 6, "Bad Password Threshold"},
};

static const char *pdesc(uint8_t p)
{
    for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++)
        if (params[i].param == p)
            return params[i].desc;
    return "?";
}

static size_t plen(uint8_t p)
{
    for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++)
        if (params[i].param == p)
            return params[i].len;
    return 0;
}

/* One parameter. 1 with data/len set, 0 when the BMC does not have it, -1 on error
 * (printed). Short data (below the printer's need) counts as absent, with a message. */
static int get_param(struct ik_cli *cli, uint8_t ch, uint8_t p, uint8_t sel, uint8_t *data,
                     size_t *len)
{
    struct ik_lan_get_req q = {.channel = ch, .param = p, .set_sel = sel, .block_sel = 0};
    uint8_t req[IK_LAN_GET_REQ_LEN];
    size_t qn = 0;
    struct ik_tr_rsp r;
    if (ik_lan_get_req_encode(&q, req, sizeof(req), &qn) != 0 ||
        ik_cli_req(cli, IK_NETFN_TRANSPORT, CMD_GET_LAN_CONFIG, req, qn, &r) < 0)
        return -1;
    if (r.cc == 0x80 || r.cc == 0xC9 || r.cc == 0xCC)
        return 0;
    if (r.cc) {
        ik_cli_error(cli, "Get LAN Parameter '%s' command failed: %s", pdesc(p), IK_CC_TEXT(r.cc));
        return -1;
    }
    /* Parameter revision, then the data (lib/msg_transport.c). */
    struct ik_lan_get_rsp v = {.revision = 0, .data = NULL, .len = 0};
    if (ik_lan_get_rsp_decode(r.data, r.len, &v) != 0 || v.len < plen(p)) {
        ik_cli_error(cli, "Get LAN Parameter '%s': %zu data bytes, %zu expected; left out",
                     pdesc(p), v.len, plen(p));
        return 0;
    }
    *len = v.len;
    memcpy(data, v.data, v.len);
    return 1;
}

static int channel_is_lan(struct ik_cli *cli, uint8_t ch)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, 0x42 /* Get Channel Info */, &ch, 1, &r, 2,
                         "Get Channel Info");
    if (rc < 0)
        return -1;
    if (rc > 0)
        return 0;
    /* Only the medium matters here: as always, an answer of 2-8 bytes is taken (read as
     * if zero-padded to its 9 bytes) and bytes past 9 are ignored (lib/msg_user.h). */
    uint8_t b[IK_CHAN_INFO_LEN] = {0};
    memcpy(b, r.data, r.len < sizeof(b) ? r.len : sizeof(b));
    struct ik_chan_info ci;
    if (ik_chan_info_decode(b, sizeof(b), &ci) != 0)
        return -1; /* cannot happen: the length is the one the decoder takes */
    return ci.medium == IK_CHAN_MEDIUM_LAN || ci.medium == IK_CHAN_MEDIUM_OTHER_LAN;
}

static const char *auth_list(uint8_t b, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s%s%s%s", b & 0x01 ? "NONE " : "", b & 0x02 ? "MD2 " : "",
             b & 0x04 ? "MD5 " : "", b & 0x10 ? "PASSWORD " : "", b & 0x20 ? "OEM " : "");
    return buf;
}

static json_t *auth_json(uint8_t b)
{
    json_t *a = json_array();
    static const struct {
        uint8_t bit;
        const char *n;
    } t[] = {{1, "NONE"}, {2, "MD2"}, {4, "MD5"}, {0x10, "PASSWORD"}, {0x20, "OEM"}};
    for (size_t i = 0; i < 5; i++)
        if (b & t[i].bit)
            json_array_append_new(a, json_string(t[i].n));
    return a;
}

static char priv_char(uint8_t p)
{
    static const char c[6] = {'X', 'c', 'u', 'o', 'a', 'O'};
    return p < 6 ? c[p] : 'X';
}

static const char *ip_str(const uint8_t *d, char *buf, size_t cap)
{
    snprintf(buf, cap, "%d.%d.%d.%d", d[0], d[1], d[2], d[3]);
    return buf;
}

static const char *mac_str(const uint8_t *d, char *buf, size_t cap)
{
    snprintf(buf, cap, "%02x:%02x:%02x:%02x:%02x:%02x", d[0], d[1], d[2], d[3], d[4], d[5]);
    return buf;
}

/* An IPv4 (4-byte prefix) or MAC (6-byte prefix) parameter's text, through its codec. */
static const char *addr_str(int mac, const uint8_t *d, char *buf, size_t cap)
{
    if (mac) {
        struct ik_lan_mac m;
        return ik_lan_mac_decode(d, IK_LAN_MAC_LEN, &m) == 0 ? mac_str(m.addr, buf, cap) : NULL;
    }
    struct ik_lan_ipv4 a;
    return ik_lan_ipv4_decode(d, IK_LAN_IPV4_LEN, &a) == 0 ? ip_str(a.addr, buf, cap) : NULL;
}

static int lan_print(struct ik_cli *cli, uint8_t ch)
{
    if (ch < 1 || ch > 0x0B) {
        ik_cli_error(cli, "Invalid Channel %d", ch);
        return IK_EXIT_USAGE;
    }
    int lan = channel_is_lan(cli, ch);
    if (lan < 0)
        return IK_EXIT_FAIL;
    if (!lan) {
        ik_cli_error(cli, "Channel %d is not a LAN channel", ch);
        return IK_EXIT_FAIL;
    }
    FILE *f = cli->out;
    json_t *o = cli->json ? json_object() : NULL;
    uint8_t d[IK_TR_MAX_DATA];
    size_t n;
    char b1[64], b2[64];
    int rc;
#define GET(p)                                                                                     \
    do {                                                                                           \
        rc = get_param(cli, ch, (p), 0, d, &n);                                                    \
        if (rc < 0)                                                                                \
            goto fail;                                                                             \
    } while (0)

    /* Parameter data through lib/msg_transport.c; get_param saw at least plen() bytes and,
     * like ipmitool, the fixed-size parameters are read from that prefix. */
    struct ik_lan_set_in_progress sip;
    GET(P_SET_IN_PROGRESS);
    if (rc && ik_lan_set_in_progress_decode(d, IK_LAN_SET_IN_PROGRESS_LEN, &sip) == 0) {
        static const char *const st[4] = {"Set Complete", "Set In Progress", "Commit Write",
                                          "Reserved"};
        if (o)
            IK_JSET(o, "set_in_progress", json_string(st[sip.state]));
        else
            fprintf(f, "%-24s: %s\n", pdesc(P_SET_IN_PROGRESS), st[sip.state]);
    }
    struct ik_lan_auth_types at;
    GET(P_AUTH_SUPPORT);
    if (rc && ik_lan_auth_types_decode(d, IK_LAN_AUTH_TYPES_LEN, &at) == 0) {
        if (o)
            IK_JSET(o, "auth_type_support", auth_json(at.types));
        else
            fprintf(f, "%-24s: %s\n", pdesc(P_AUTH_SUPPORT), auth_list(at.types, b1, sizeof(b1)));
    }
    struct ik_lan_auth_enables ae;
    GET(P_AUTH_ENABLE);
    if (rc && ik_lan_auth_enables_decode(d, IK_LAN_AUTH_ENABLES_LEN, &ae) == 0) {
        static const char *const lv[5] = {"Callback", "User", "Operator", "Admin", "OEM"};
        static const char *const key[5] = {"callback", "user", "operator", "admin", "oem"};
        json_t *e = o ? json_object() : NULL;
        for (int i = 0; i < 5; i++) {
            if (e)
                IK_JSET(e, key[i], auth_json(ae.level[i]));
            else
                fprintf(f, "%-24s: %-8s : %s\n", i == 0 ? pdesc(P_AUTH_ENABLE) : "", lv[i],
                        auth_list(ae.level[i], b1, sizeof(b1)));
        }
        if (o)
            IK_JSET(o, "auth_type_enable", e);
    }
    struct ik_lan_ip_source ips;
    GET(P_IP_SRC);
    if (rc && ik_lan_ip_source_decode(d, IK_LAN_IP_SOURCE_LEN, &ips) == 0) {
        static const char *const src[4] = {"Unspecified", "Static Address", "DHCP Address",
                                           "BIOS Assigned Address"};
        const char *s = ips.source < 4 ? src[ips.source] : "Other";
        if (o)
            IK_JSET(o, "ip_address_source", json_string(s));
        else
            fprintf(f, "%-24s: %s\n", pdesc(P_IP_SRC), s);
    }
    static const struct {
        uint8_t p;
        int mac;
        const char *key;
    } addrs1[] = {
        {P_IP_ADDR, 0, "ip_address"}, {P_NETMASK, 0, "subnet_mask"}, {P_MAC, 1, "mac_address"}};
    for (size_t i = 0; i < 3; i++) {
        GET(addrs1[i].p);
        if (!rc)
            continue;
        const char *s = addr_str(addrs1[i].mac, d, b1, sizeof(b1));
        if (!s)
            continue;
        if (o)
            IK_JSET(o, addrs1[i].key, json_string(s));
        else
            fprintf(f, "%-24s: %s\n", pdesc(addrs1[i].p), s);
    }
    GET(P_SNMP);
    if (rc) {
        char s[19];
        memcpy(s, d, 18);
        s[18] = '\0';
        if (o)
            IK_JSET(o, "snmp_community", json_string(s));
        else
            fprintf(f, "%-24s: %s\n", pdesc(P_SNMP), s);
    }
    GET(P_IP_HEADER);
    if (rc) {
        if (o) {
            json_t *h = json_object();
            IK_JSET(h, "ttl", json_integer(d[0]));
            IK_JSET(h, "flags", json_integer(d[1] & 0xE0));
            IK_JSET(h, "precedence", json_integer(d[2] & 0xE0));
            IK_JSET(h, "tos", json_integer(d[2] & 0x1E));
            IK_JSET(o, "ip_header", h);
        } else {
            fprintf(f, "%-24s: TTL=0x%02x Flags=0x%02x Precedence=0x%02x TOS=0x%02x\n",
                    pdesc(P_IP_HEADER), d[0], d[1] & 0xE0, d[2] & 0xE0, d[2] & 0x1E);
        }
    }
    GET(P_ARP_CONTROL);
    if (rc) {
        if (o) {
            IK_JSET(o, "arp_responses", json_boolean(d[0] & 2));
            IK_JSET(o, "gratuitous_arp", json_boolean(d[0] & 1));
        } else {
            fprintf(f, "%-24s: ARP Responses %sabled, Gratuitous ARP %sabled\n",
                    pdesc(P_ARP_CONTROL), d[0] & 2 ? "En" : "Dis", d[0] & 1 ? "En" : "Dis");
        }
    }
    GET(P_ARP_INTERVAL);
    if (rc) {
        /* ipmitool divides in integers before converting: (n + 1) / 2 whole seconds */
        float secs = (float)((d[0] + 1) / 2);
        if (o)
            IK_JSET(o, "gratuitous_arp_interval_s", json_real((d[0] + 1) / 2.0));
        else
            fprintf(f, "%-24s: %.1f seconds\n", pdesc(P_ARP_INTERVAL), secs);
    }
    static const struct {
        uint8_t p;
        int mac;
        const char *key;
    } addrs2[] = {{P_DEFGW_IP, 0, "default_gateway_ip"},
                  {P_DEFGW_MAC, 1, "default_gateway_mac"},
                  {P_BAKGW_IP, 0, "backup_gateway_ip"},
                  {P_BAKGW_MAC, 1, "backup_gateway_mac"}};
    for (size_t i = 0; i < 4; i++) {
        GET(addrs2[i].p);
        if (!rc)
            continue;
        const char *s = addr_str(addrs2[i].mac, d, b1, sizeof(b1));
        if (!s)
            continue;
        if (o)
            IK_JSET(o, addrs2[i].key, json_string(s));
        else
            fprintf(f, "%-24s: %s\n", pdesc(addrs2[i].p), s);
    }
    /* VLAN ID and priority: a failure here does not end the listing (as ipmitool). */
    if (get_param(cli, ch, P_VLAN_ID, 0, d, &n) > 0) {
        /* [15] enabled, [11:0] VLAN ID, LS byte first */
        struct ik_rd rd;
        ik_rd_init(&rd, d, n);
        uint16_t v = ik_rd_le16(&rd);
        int id = v & 0x0FFF, on = (v & 0x8000) != 0;
        if (o)
            IK_JSET(o, "vlan_id", on ? json_integer(id) : json_null());
        else if (on)
            fprintf(f, "%-24s: %d\n", pdesc(P_VLAN_ID), id);
        else
            fprintf(f, "%-24s: Disabled\n", pdesc(P_VLAN_ID));
    }
    if (get_param(cli, ch, P_VLAN_PRIO, 0, d, &n) > 0) {
        if (o)
            IK_JSET(o, "vlan_priority", json_integer(d[0] & 7));
        else
            fprintf(f, "%-24s: %d\n", pdesc(P_VLAN_PRIO), d[0] & 7);
    }
    GET(P_CIPHER_COUNT);
    if (rc) {
        unsigned count = d[0];
        struct ik_lan_cipher_suites cs;
        GET(P_CIPHERS);
        json_t *a = o ? json_array() : NULL;
        if (!o)
            fprintf(f, "%-24s: ", pdesc(P_CIPHERS));
        if (rc && ik_lan_cipher_suites_decode(d, n, &cs) == 0) {
            for (unsigned i = 0; i < 16 && i < count && i < cs.n; i++) {
                if (a)
                    json_array_append_new(a, json_integer(cs.ids[i]));
                else
                    fprintf(f, "%s%d", i ? "," : "", cs.ids[i]);
            }
            if (!o)
                fputc('\n', f);
        } else if (!o) {
            fputs("None\n", f);
        }
        if (o)
            IK_JSET(o, "cipher_suites", a);
    }
    struct ik_lan_cipher_privs cp;
    GET(P_CIPHER_PRIVS);
    if (rc && ik_lan_cipher_privs_decode(d, n, &cp) == 0) {
        char s[16];
        for (int i = 0; i < 15; i++)
            s[i] = priv_char(cp.priv[i]);
        s[15] = '\0';
        if (o) {
            IK_JSET(o, "cipher_suite_priv_max", json_string(s));
        } else {
            fprintf(f, "%-24s: %s\n", pdesc(P_CIPHER_PRIVS), s);
            static const char *const legend[6] = {"    X=Cipher Suite Unused",
                                                  "    c=CALLBACK",
                                                  "    u=USER",
                                                  "    o=OPERATOR",
                                                  "    a=ADMIN",
                                                  "    O=OEM"};
            for (int i = 0; i < 6; i++)
                fprintf(f, "%-24s: %s\n", "", legend[i]);
        }
    } else if (!o) {
        fprintf(f, "%-24s: Not Available\n", pdesc(P_CIPHER_PRIVS));
    }
    GET(P_BAD_PASS);
    if (rc && n == 6) {
        /* flags, threshold, attempt count reset and lockout intervals (2 each, tens of s) */
        struct ik_rd rd;
        ik_rd_init(&rd, d, n);
        uint8_t flags = ik_rd_u8(&rd), threshold = ik_rd_u8(&rd);
        int reset = ik_rd_le16(&rd) * 10, lockout = ik_rd_le16(&rd) * 10;
        if (o) {
            json_t *b = json_object();
            IK_JSET(b, "threshold", json_integer(threshold));
            IK_JSET(b, "invalid_password_disable", json_boolean(flags & 1));
            IK_JSET(b, "attempt_count_reset_s", json_integer(reset));
            IK_JSET(b, "user_lockout_s", json_integer(lockout));
            IK_JSET(o, "bad_password_threshold", b);
        } else {
            fprintf(f, "%-24s: %d\n", pdesc(P_BAD_PASS), threshold);
            fprintf(f, "%-24s: %s\n", "Invalid password disable", flags & 1 ? "yes" : "no");
            fprintf(f, "%-24s: %d\n", "Attempt Count Reset Int.", reset);
            fprintf(f, "%-24s: %d\n", "User Lockout Interval", lockout);
        }
    } else if (!o) {
        fprintf(f, "%-24s: Not Available\n", pdesc(P_BAD_PASS));
    }
#undef GET
    (void)b2;
    if (o) {
        IK_JSET(o, "channel", json_integer(ch));
        return ik_json_print(cli, o);
    }
    return IK_EXIT_OK;
fail:
    json_decref(o);
    return IK_EXIT_FAIL;
}

/* ---- set ------------------------------------------------------------------------------------ */

static int raw_set(struct ik_cli *cli, uint8_t ch, uint8_t p, const uint8_t *data, size_t len,
                   int quiet)
{
    struct ik_lan_set_req q = {.channel = ch, .param = p, .data = data, .len = len};
    uint8_t req[2 + 32];
    size_t qn = 0;
    struct ik_tr_rsp r;
    if (ik_lan_set_req_encode(&q, req, sizeof(req), &qn) != 0 ||
        ik_cli_req(cli, IK_NETFN_TRANSPORT, CMD_SET_LAN_CONFIG, req, qn, &r) < 0)
        return -1;
    if (r.cc && !quiet)
        ik_cli_error(cli, "Set LAN Parameter '%s' failed: %s", pdesc(p),
                     r.cc == 0x80   ? "parameter not supported"
                     : r.cc == 0x81 ? "attempt to set 'set in progress' while not 'set complete'"
                     : r.cc == 0x82 ? "attempt to write a read-only parameter"
                                    : IK_CC_TEXT(r.cc));
    return r.cc;
}

static int set_param(struct ik_cli *cli, uint8_t ch, uint8_t p, const uint8_t *data, size_t len)
{
    uint8_t v = 1; /* set in progress */
    if (raw_set(cli, ch, P_SET_IN_PROGRESS, &v, 1, 1) < 0)
        return -1;
    int rc = raw_set(cli, ch, p, data, len, 0);
    v = 2; /* commit write */
    if (rc == 0)
        raw_set(cli, ch, P_SET_IN_PROGRESS, &v, 1, 1);
    v = 0; /* set complete */
    raw_set(cli, ch, P_SET_IN_PROGRESS, &v, 1, 1);
    if (rc)
        return -1;
    /* Read it back once. */
    uint8_t back[IK_TR_MAX_DATA];
    size_t n;
    if (get_param(cli, ch, p, 0, back, &n) > 0 && (n < len || memcmp(back, data, len) != 0))
        ik_cli_error(cli, "LAN Parameter Data does not match!  Write may have failed.");
    return 0;
}

static int parse_ip(struct ik_cli *cli, const char *s, uint8_t out[4])
{
    unsigned a, b, c, d;
    char tail;
    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 || c > 255 ||
        d > 255) {
        ik_cli_error(cli, "Invalid IP address: %s", s);
        return -1;
    }
    out[0] = (uint8_t)a;
    out[1] = (uint8_t)b;
    out[2] = (uint8_t)c;
    out[3] = (uint8_t)d;
    return 0;
}

static int parse_mac(struct ik_cli *cli, const char *s, uint8_t out[6])
{
    unsigned m[6];
    char tail;
    if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &tail) != 6) {
        ik_cli_error(cli, "Invalid MAC address: %s", s);
        return -1;
    }
    for (int i = 0; i < 6; i++) {
        if (m[i] > 255) {
            ik_cli_error(cli, "Invalid MAC address: %s", s);
            return -1;
        }
        out[i] = (uint8_t)m[i];
    }
    return 0;
}

static void set_usage(FILE *f)
{
    fputs("usage: lan set <channel> <command> <parameter>\n\n"
          "LAN set command/parameter options:\n"
          "  ipaddr <x.x.x.x>               Set channel IP address\n"
          "  netmask <x.x.x.x>              Set channel IP netmask\n"
          "  macaddr <x:x:x:x:x:x>          Set channel MAC address\n"
          "  defgw ipaddr <x.x.x.x>         Set default gateway IP address\n"
          "  defgw macaddr <x:x:x:x:x:x>    Set default gateway MAC address\n"
          "  bakgw ipaddr <x.x.x.x>         Set backup gateway IP address\n"
          "  bakgw macaddr <x:x:x:x:x:x>    Set backup gateway MAC address\n"
          "  snmp <community string>        Set SNMP public community string\n"
          "  ipsrc <source>                 Set IP Address source: none, static, dhcp, bios\n"
          "  arp respond <on|off>           Enable or disable BMC ARP responding\n"
          "  arp generate <on|off>          Enable or disable BMC gratuitous ARP generation\n"
          "  access <on|off>                Enable or disable access to this channel\n"
          "  vlan id <off|<id>>             Disable or enable VLAN and set ID (1-4094)\n"
          "  vlan priority <priority>       Set vlan priority (0-7)\n"
          "  cipher_privs <privlist>        Set RMCP+ cipher suite privilege levels\n"
          "    privlist: 15 characters X (unused), c, u, o, a, O, one per suite 0-14\n",
          f);
}

static int done(struct ik_cli *cli, uint8_t ch, const char *what)
{
    if (!cli->json)
        return IK_EXIT_OK;
    json_t *o = json_object();
    IK_JSET(o, "channel", json_integer(ch));
    IK_JSET(o, "set", json_string(what));
    IK_JSET(o, "ok", json_true());
    return ik_json_print(cli, o);
}

static int channel_access(struct ik_cli *cli, uint8_t ch, int on)
{
    /* Non-volatile then volatile: access mode always available (2) or disabled (0),
     * privilege limit ADMINISTRATOR, the other bits kept. */
    for (int vol = 0; vol < 2; vol++) {
        uint8_t which = vol ? IK_CHACC_VOLATILE : IK_CHACC_NONVOLATILE;
        struct ik_chan_access_get_req gq = {.channel = ch, .which = which};
        uint8_t q[IK_CHAN_ACCESS_SET_REQ_LEN];
        size_t n = 0;
        if (ik_chan_access_get_req_encode(&gq, q, sizeof(q), &n) != 0)
            return IK_EXIT_FAIL; /* cannot happen: the channel was parsed up to 0Fh */
        struct ik_tr_rsp r;
        struct ik_chan_access a;
        int rc = ik_cli_call(cli, IK_NETFN_APPL, 0x41, q, n, &r, IK_CHAN_ACCESS_RSP_LEN,
                             "Get Channel Access");
        /* At least 2 bytes once the call succeeded; like ipmitool, ignore any more. */
        if (rc == 0 && ik_chan_access_decode(r.data, IK_CHAN_ACCESS_RSP_LEN, &a) != 0)
            rc = -1; /* cannot happen: the length is the one the decoder takes */
        if (rc) {
            if (rc > 0)
                ik_cli_error(cli, "Unable to Get Channel Access(%svolatile) for channel %d: %s",
                             vol ? "" : "non-", ch, IK_CC_TEXT(r.cc));
            return IK_EXIT_FAIL;
        }
        struct ik_chan_access_set_req sq = {
            .channel = ch,
            .access_op = which,
            .alerting_off = a.alerting_off,
            .per_msg_off = a.per_msg_off,
            .user_auth_off = a.user_auth_off,
            .mode = on ? IK_CHACC_ALWAYS : IK_CHACC_DISABLED,
            .priv_op = which,
            .priv_limit = 4, /* ADMINISTRATOR */
        };
        if (ik_chan_access_set_req_encode(&sq, q, sizeof(q), &n) != 0)
            return IK_EXIT_FAIL; /* cannot happen: every field is in range */
        rc = ik_cli_call(cli, IK_NETFN_APPL, 0x40, q, n, &r, 0, "Set Channel Access");
        if (rc) {
            if (rc > 0)
                ik_cli_error(cli, "Unable to Set Channel Access(%svolatile) for channel %d: %s",
                             vol ? "" : "non-", ch, IK_CC_TEXT(r.cc));
            return IK_EXIT_FAIL;
        }
    }
    if (!cli->json)
        fprintf(cli->out, "Set Channel Access for channel %d was successful.\n", ch);
    return done(cli, ch, "access");
}

static int lan_set(struct ik_cli *cli, int argc, char **argv)
{
    /* argv: CH COMMAND ARGS... */
    if (argc < 2 || strcmp(argv[0], "help") == 0 || strcmp(argv[1], "help") == 0) {
        set_usage(argc < 2 ? cli->err : cli->out);
        return argc < 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    unsigned long v;
    if (ik_cli_num(argv[0], 0x0F, &v) < 0) {
        ik_cli_error(cli, "Invalid channel: %s", argv[0]);
        return IK_EXIT_USAGE;
    }
    uint8_t ch = (uint8_t)v;
    const char *cmd = argv[1];
    uint8_t d[32];
    memset(d, 0, sizeof(d));
    char b[64];
    /* Check the arguments before touching the BMC. The common parameters' data comes from
     * their lib/msg_transport.c encoders (which cannot fail for these values). */
    uint8_t p;
    size_t n = 0;
    struct ik_lan_ipv4 ip;
    struct ik_lan_mac mac;
    if ((strcmp(cmd, "ipaddr") == 0 || strcmp(cmd, "netmask") == 0) && argc == 3) {
        if (parse_ip(cli, argv[2], ip.addr) < 0)
            return IK_EXIT_USAGE;
        p = cmd[0] == 'i' ? P_IP_ADDR : P_NETMASK;
        if (ik_lan_ipv4_encode(&ip, d, sizeof(d), &n) != 0)
            return IK_EXIT_FAIL;
        ip_str(ip.addr, b, sizeof(b));
    } else if (strcmp(cmd, "macaddr") == 0 && argc == 3) {
        if (parse_mac(cli, argv[2], mac.addr) < 0)
            return IK_EXIT_USAGE;
        p = P_MAC;
        if (ik_lan_mac_encode(&mac, d, sizeof(d), &n) != 0)
            return IK_EXIT_FAIL;
        mac_str(mac.addr, b, sizeof(b));
    } else if ((strcmp(cmd, "defgw") == 0 || strcmp(cmd, "bakgw") == 0) && argc == 4) {
        int def = cmd[0] == 'd';
        if (strcmp(argv[2], "ipaddr") == 0) {
            if (parse_ip(cli, argv[3], ip.addr) < 0)
                return IK_EXIT_USAGE;
            p = def ? P_DEFGW_IP : P_BAKGW_IP;
            if (ik_lan_ipv4_encode(&ip, d, sizeof(d), &n) != 0)
                return IK_EXIT_FAIL;
            ip_str(ip.addr, b, sizeof(b));
        } else if (strcmp(argv[2], "macaddr") == 0) {
            if (parse_mac(cli, argv[3], mac.addr) < 0)
                return IK_EXIT_USAGE;
            p = def ? P_DEFGW_MAC : P_BAKGW_MAC;
            if (ik_lan_mac_encode(&mac, d, sizeof(d), &n) != 0)
                return IK_EXIT_FAIL;
            mac_str(mac.addr, b, sizeof(b));
        } else {
            set_usage(cli->err);
            return IK_EXIT_USAGE;
        }
    } else if (strcmp(cmd, "snmp") == 0 && argc == 3) {
        size_t l = strlen(argv[2]);
        memcpy(d, argv[2], l < 18 ? l : 18);
        p = P_SNMP;
        n = 18;
        snprintf(b, sizeof(b), "%.18s", argv[2]);
    } else if (strcmp(cmd, "ipsrc") == 0 && argc == 3) {
        static const char *const src[4] = {"none", "static", "dhcp", "bios"};
        int k = -1;
        for (int i = 0; i < 4; i++)
            if (strcmp(argv[2], src[i]) == 0)
                k = i;
        if (k < 0) {
            ik_cli_error(cli, "ipsrc must be none, static, dhcp or bios");
            return IK_EXIT_USAGE;
        }
        struct ik_lan_ip_source src_v = {.source = (uint8_t)k};
        if (ik_lan_ip_source_encode(&src_v, d, sizeof(d), &n) != 0)
            return IK_EXIT_FAIL;
        p = P_IP_SRC;
        b[0] = '\0';
    } else if (strcmp(cmd, "vlan") == 0 && argc == 4 && strcmp(argv[2], "id") == 0) {
        uint16_t vlan = 0; /* [15] enabled, [11:0] VLAN ID */
        if (strcmp(argv[3], "off") != 0) {
            if (ik_cli_num(argv[3], 4094, &v) < 0 || v < 1) {
                ik_cli_error(cli, "VLAN ID must be between 1 and 4094.");
                return IK_EXIT_USAGE;
            }
            vlan = (uint16_t)(0x8000 | v);
        }
        struct ik_wr w;
        ik_wr_init(&w, d, 2);
        ik_wr_le16(&w, vlan);
        p = P_VLAN_ID;
        n = 2;
        b[0] = '\0';
    } else if (strcmp(cmd, "vlan") == 0 && argc == 4 && strcmp(argv[2], "priority") == 0) {
        if (ik_cli_num(argv[3], 7, &v) < 0) {
            ik_cli_error(cli, "VLAN priority must be between 0 and 7.");
            return IK_EXIT_USAGE;
        }
        d[0] = (uint8_t)v;
        p = P_VLAN_PRIO;
        n = 1;
        b[0] = '\0';
    } else if (strcmp(cmd, "cipher_privs") == 0 && argc == 3) {
        const char *s = argv[2];
        if (strlen(s) != 15) {
            ik_cli_error(cli, "Invalid privilege specification length: %zu", strlen(s));
            return IK_EXIT_USAGE;
        }
        struct ik_lan_cipher_privs cp = {{0}}; /* entry 15: 0h, unused */
        for (int i = 0; i < 15; i++) {
            const char *pos = strchr("Xcuoa O", s[i]);
            uint8_t lv = pos && s[i] != ' ' ? (uint8_t)(pos - "Xcuoa O") : 0xFF;
            if (lv == 6)
                lv = 5; /* 'O' is OEM */
            if (lv > 5) {
                ik_cli_error(cli, "Invalid privilege specification char: %c", s[i]);
                return IK_EXIT_USAGE;
            }
            cp.priv[i] = lv;
        }
        if (ik_lan_cipher_privs_encode(&cp, d, sizeof(d), &n) != 0)
            return IK_EXIT_FAIL;
        p = P_CIPHER_PRIVS;
        b[0] = '\0';
    } else if (strcmp(cmd, "access") == 0 && argc == 3 &&
               (strcmp(argv[2], "on") == 0 || strcmp(argv[2], "off") == 0)) {
        int lan = channel_is_lan(cli, ch);
        if (lan <= 0) {
            if (lan == 0)
                ik_cli_error(cli, "Channel %d is not a LAN channel!", ch);
            return IK_EXIT_FAIL;
        }
        return channel_access(cli, ch, strcmp(argv[2], "on") == 0);
    } else if (strcmp(cmd, "arp") == 0 && argc == 4 &&
               (strcmp(argv[2], "respond") == 0 || strcmp(argv[2], "generate") == 0) &&
               (strcmp(argv[3], "on") == 0 || strcmp(argv[3], "off") == 0)) {
        int lan = channel_is_lan(cli, ch);
        if (lan <= 0) {
            if (lan == 0)
                ik_cli_error(cli, "Channel %d is not a LAN channel!", ch);
            return IK_EXIT_FAIL;
        }
        uint8_t cur[IK_TR_MAX_DATA];
        size_t cn;
        if (get_param(cli, ch, P_ARP_CONTROL, 0, cur, &cn) <= 0) {
            ik_cli_error(cli, "BMC ARP Control is not available on channel %d", ch);
            return IK_EXIT_FAIL;
        }
        int on = strcmp(argv[3], "on") == 0, respond = argv[2][0] == 'r';
        uint8_t bit = respond ? 2 : 1;
        d[0] = on ? (uint8_t)(cur[0] | bit) : (uint8_t)(cur[0] & ~bit);
        if (!cli->json)
            fprintf(cli->out, "%sabling BMC-generated %s\n", on ? "En" : "Dis",
                    respond ? "ARP responses" : "Gratuitous ARPs");
        if (set_param(cli, ch, P_ARP_CONTROL, d, 1) < 0)
            return IK_EXIT_FAIL;
        return done(cli, ch, "arp");
    } else {
        set_usage(cli->err);
        return IK_EXIT_USAGE;
    }
    int lan = channel_is_lan(cli, ch);
    if (lan <= 0) {
        if (lan == 0) {
            ik_cli_error(cli, "Channel %d is not a LAN channel!", ch);
            set_usage(cli->err);
        }
        return IK_EXIT_FAIL;
    }
    if (b[0] && !cli->json)
        fprintf(cli->out, "Setting LAN %s to %s\n", pdesc(p), b);
    if (set_param(cli, ch, p, d, n) < 0)
        return IK_EXIT_FAIL;
    return done(cli, ch, cmd);
}

static void usage(FILE *f)
{
    fputs("LAN Commands:\n"
          "\t\t   print [<channel number>]\n"
          "\t\t   set <channel number> <command> <parameter>\n",
          f);
}

int ik_cmd_lan(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0) {
        usage(argc < 2 ? cli->err : cli->out);
        return argc < 2 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    if (strcmp(argv[1], "print") == 0) {
        unsigned long v;
        uint8_t ch = 0;
        if (argc > 2) {
            if (ik_cli_num(argv[2], 0xFF, &v) < 0) {
                ik_cli_error(cli, "Invalid channel: %s", argv[2]);
                return IK_EXIT_USAGE;
            }
            ch = (uint8_t)v;
        } else {
            /* The first LAN channel, as ipmitool finds it. */
            for (uint8_t c = 1; c < 0x0F && !ch; c++) {
                int lan = channel_is_lan(cli, c);
                if (lan < 0)
                    return IK_EXIT_FAIL;
                if (lan)
                    ch = c;
            }
            if (!ch) {
                ik_cli_error(cli, "No LAN channel found");
                return IK_EXIT_FAIL;
            }
        }
        return lan_print(cli, ch);
    }
    if (strcmp(argv[1], "set") == 0)
        return lan_set(cli, argc - 2, argv + 2);
    ik_cli_error(cli, "Invalid LAN command: %s", argv[1]);
    usage(cli->err);
    return IK_EXIT_USAGE;
}
