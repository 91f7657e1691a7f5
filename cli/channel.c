/*
 * ipmikit channel: info [CH], authcap CH PRIV, getaccess CH [UID], setaccess CH UID
 * [callin=on|off] [ipmi=on|off] [link=on|off] [privilege=N], getciphers ipmi|sol [CH].
 * Text is ipmitool 1.8.19's; --json gives docs/json/channel.md.
 *
 * Payloads (IPMI 2.0 section 22):
 *   Get Channel Info (22.24), Get Channel Access (22.23), Get / Set User Access (22.26-27),
 *     Get User Name response (22.29): lib/msg_user.h
 *   Get Channel Authentication Capabilities (22.13): lib/lanmsg.h
 *   Get Channel Cipher Suites (22.15): request lib/lanmsg.h, records lib/cipher.h
 *     (ik_cipher_record_decode, one at a time: the table shows OEM records too)
 */
#include <stdio.h>
#include <string.h>

#include "cipher.h"
#include "lanmsg.h"
#include "msg_user.h"
#include "util.h"

#define CMD_GET_CHANNEL_ACCESS 0x41
#define CMD_SET_CHANNEL_ACCESS 0x40
#define CMD_GET_CHANNEL_INFO   0x42
#define CMD_SET_USER_ACCESS    0x43
#define CMD_GET_USER_ACCESS    0x44
#define CMD_GET_USER_NAME      0x46

static void usage(FILE *f)
{
    fputs("Channel Commands: authcap   <channel number> <max privilege>\n"
          "                  getaccess <channel number> [user id]\n"
          "                  setaccess <channel number> <user id> [callin=on|off] [ipmi=on|off] "
          "[link=on|off] [privilege=level]\n"
          "                  info      [channel number]\n"
          "                  getciphers <ipmi | sol> [channel]\n"
          "\n"
          "Possible privilege levels are:\n"
          "   1   Callback level\n"
          "   2   User level\n"
          "   3   Operator level\n"
          "   4   Administrator level\n"
          "   5   OEM Proprietary level\n"
          "  15   No access\n",
          f);
}

static const char *medium_name(uint8_t m, char *buf, size_t cap)
{
    static const char *const n[13] = {"reserved",        "IPMB (I2C)",   "ICMB v1.0", "ICMB v0.9",
                                      "802.3 LAN",       "Serial/Modem", "Other LAN", "PCI SMBus",
                                      "SMBus v1.0/v1.1", "SMBus v2.0",   "USB 1.x",   "USB 2.x",
                                      "System Interface"};
    if (m < 13)
        return n[m];
    snprintf(buf, cap, "Unknown (0x%02X)", m);
    return buf;
}

static const char *protocol_name(uint8_t p, char *buf, size_t cap)
{
    static const char *const n[10] = {"reserved", "IPMB-1.0", "ICMB-1.0", "reserved", "IPMI-SMBus",
                                      "KCS",      "SMIC",     "BT-10",    "BT-15",    "TMode"};
    if (p < 10)
        return n[p];
    if (p >= 0x1C && p <= 0x1F) {
        snprintf(buf, cap, "OEM %d", p - 0x1B);
        return buf;
    }
    snprintf(buf, cap, "Unknown (0x%02X)", p);
    return buf;
}

static int parse_channel(struct ik_cli *cli, const char *s, uint8_t *ch)
{
    unsigned long v;
    if (ik_cli_num(s, 0x0F, &v) < 0) {
        ik_cli_error(cli, "Given Channel number '%s' is invalid.", s);
        return -1;
    }
    *ch = (uint8_t)v;
    return 0;
}

static int parse_uid(struct ik_cli *cli, const char *s, uint8_t *uid)
{
    unsigned long v;
    if (ik_cli_num(s, 63, &v) < 0 || v < 1) {
        ik_cli_error(cli, "Invalid User ID '%s'. Allowed range is: <1..63>", s);
        return -1;
    }
    *uid = (uint8_t)v;
    return 0;
}

/* ---- info --------------------------------------------------------------------------------- */

static int get_chaccess(struct ik_cli *cli, uint8_t ch, int volatile_, struct ik_chan_access *a)
{
    struct ik_chan_access_get_req q = {
        .channel = (uint8_t)(ch & 0x0F),
        .which = volatile_ ? IK_CHACC_VOLATILE : IK_CHACC_NONVOLATILE,
    };
    uint8_t req[IK_CHAN_ACCESS_GET_REQ_LEN];
    size_t n = 0;
    if (ik_chan_access_get_req_encode(&q, req, sizeof(req), &n) != 0)
        return -1; /* cannot happen: the channel is masked and the selector valid */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_CHANNEL_ACCESS, req, n, &r,
                         IK_CHAN_ACCESS_RSP_LEN, "Get Channel Access");
    if (rc > 0)
        ik_cli_error(cli, "Get Channel Access command failed: %s", IK_CC_TEXT(r.cc));
    if (rc)
        return rc;
    /* Like ipmitool, read the two bytes the spec defines and ignore any more. */
    if (ik_chan_access_decode(r.data, IK_CHAN_ACCESS_RSP_LEN, a) != 0)
        return -1; /* cannot happen: the call checked the length */
    return 0;
}

static const char *access_mode(uint8_t m)
{
    static const char *const n[4] = {"disabled", "pre-boot only", "always available", "shared"};
    return m < 4 ? n[m] : "unknown";
}

static void print_chaccess(FILE *f, const char *title, const struct ik_chan_access *a)
{
    fprintf(f, "  %s\n", title);
    fprintf(f, "    Alerting            : %sabled\n", a->alerting_off ? "dis" : "en");
    fprintf(f, "    Per-message Auth    : %sabled\n", a->per_msg_off ? "dis" : "en");
    fprintf(f, "    User Level Auth     : %sabled\n", a->user_auth_off ? "dis" : "en");
    fprintf(f, "    Access Mode         : %s\n", access_mode(a->mode));
}

static json_t *chaccess_json(const struct ik_chan_access *a)
{
    char pb[24];
    json_t *o = json_object();
    IK_JSET(o, "alerting", json_boolean(!a->alerting_off));
    IK_JSET(o, "per_message_auth", json_boolean(!a->per_msg_off));
    IK_JSET(o, "user_level_auth", json_boolean(!a->user_auth_off));
    IK_JSET(o, "access_mode", json_string(access_mode(a->mode)));
    IK_JSET(o, "privilege_limit", json_string(ik_cli_priv_name(a->priv_limit, pb, sizeof(pb))));
    return o;
}

static int ch_info(struct ik_cli *cli, uint8_t ch)
{
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_CHANNEL_INFO, &ch, 1, &r, IK_CHAN_INFO_LEN,
                         "Get Channel Info");
    if (rc) {
        if (rc > 0)
            ik_cli_error(cli, "Get Channel Info command failed: %s", IK_CC_TEXT(r.cc));
        ik_cli_error(cli, "Unable to Get Channel Info");
        return IK_EXIT_FAIL;
    }
    /* At least 9 bytes (checked by the call); like ipmitool, ignore any more. */
    struct ik_chan_info ci;
    if (ik_chan_info_decode(r.data, IK_CHAN_INFO_LEN, &ci) != 0)
        return IK_EXIT_FAIL; /* cannot happen: the length is the one the decoder takes */
    uint8_t num = ci.channel, medium = ci.medium, proto = ci.protocol;
    uint8_t sess = ci.session_support, active = ci.active_sessions;
    uint32_t vendor = ci.vendor_iana;
    const uint8_t *aux = ci.aux;
    static const char *const sessions[4] = {"session-less", "single-session", "multi-session",
                                            "session-based"};
    char mb[24], pb[24];
    int lan = medium == IK_CHAN_MEDIUM_LAN || medium == IK_CHAN_MEDIUM_OTHER_LAN;
    struct ik_chan_access va, nv;
    if (lan && (get_chaccess(cli, num, 1, &va) || get_chaccess(cli, num, 0, &nv))) {
        ik_cli_error(cli, "Unable to Get Channel Access");
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "channel", json_integer(num));
        IK_JSET(o, "medium", json_integer(medium));
        IK_JSET(o, "medium_name", json_string(medium_name(medium, mb, sizeof(mb))));
        IK_JSET(o, "protocol", json_integer(proto));
        IK_JSET(o, "protocol_name", json_string(protocol_name(proto, pb, sizeof(pb))));
        IK_JSET(o, "session_support", json_string(sessions[sess]));
        IK_JSET(o, "active_sessions", json_integer(active));
        IK_JSET(o, "protocol_vendor_id", json_integer(vendor));
        IK_JSET(o, "aux_info", ik_json_hex(aux, 2));
        if (lan) {
            IK_JSET(o, "volatile", chaccess_json(&va));
            IK_JSET(o, "non_volatile", chaccess_json(&nv));
        }
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "Channel 0x%x info:\n", num);
    fprintf(f, "  Channel Medium Type   : %s\n", medium_name(medium, mb, sizeof(mb)));
    fprintf(f, "  Channel Protocol Type : %s\n", protocol_name(proto, pb, sizeof(pb)));
    fprintf(f, "  Session Support       : %s\n", sessions[sess]);
    fprintf(f, "  Active Session Count  : %d\n", active);
    fprintf(f, "  Protocol Vendor ID    : %d\n", (int)vendor);
    if (lan) {
        print_chaccess(f, "Volatile(active) Settings", &va);
        print_chaccess(f, "Non-Volatile Settings", &nv);
    }
    return IK_EXIT_OK;
}

/* ---- authcap ------------------------------------------------------------------------------ */

static int ch_authcap(struct ik_cli *cli, uint8_t ch, uint8_t priv)
{
    /* Ask for the IPMI 2.0 data; a BMC that refuses that gets the 1.5 question. */
    struct ik_authcap_req q = {.channel = ch, .ext = true, .priv = priv};
    uint8_t req[2];
    size_t n = 0;
    if (ik_authcap_req_encode(&q, req, sizeof(req), &n) != 0)
        return IK_EXIT_FAIL; /* cannot happen: channel and privilege were parsed in range */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, IK_CMD_GET_AUTH_CAPS, req, n, &r, 0, "authcap");
    if (rc < 0)
        return IK_EXIT_FAIL;
    if (rc != 0) {
        q.ext = false;
        if (ik_authcap_req_encode(&q, req, sizeof(req), &n) != 0)
            return IK_EXIT_FAIL;
        rc = ik_cli_call(cli, IK_NETFN_APPL, IK_CMD_GET_AUTH_CAPS, req, n, &r, 0, "authcap");
        if (rc < 0)
            return IK_EXIT_FAIL;
        if (rc > 0) {
            ik_cli_error(cli, "Get Channel Authentication Capabilities failed: %s",
                         IK_CC_TEXT(r.cc));
            return IK_EXIT_FAIL;
        }
    }
    /* ik_authcap_decode wants the completion code in front. */
    uint8_t buf[1 + IK_TR_MAX_DATA];
    buf[0] = 0;
    memcpy(buf + 1, r.data, r.len);
    struct ik_authcap c;
    if (ik_authcap_decode(buf, 1 + r.len, &c)) {
        ik_cli_error(cli,
                     "Get Channel Authentication Capabilities: malformed response (%zu data "
                     "bytes, 8 expected)",
                     r.len);
        return IK_EXIT_FAIL;
    }
    char types[64] = "";
    static const struct {
        uint8_t bit;
        const char *name;
    } at[] = {{IK_AUTHCAP_NONE, "NONE"},
              {IK_AUTHCAP_MD2, "MD2"},
              {IK_AUTHCAP_MD5, "MD5"},
              {IK_AUTHCAP_PASSWORD, "PASSWORD"},
              {IK_AUTHCAP_OEM, "OEM"}};
    for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
        if (c.auth_types & at[i].bit) {
            strcat(types, at[i].name);
            strcat(types, " ");
        }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "channel", json_integer(c.channel));
        json_t *a = json_array();
        for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
            if (c.auth_types & at[i].bit)
                json_array_append_new(a, json_string(at[i].name));
        IK_JSET(o, "ipmi15_auth_types", a);
        IK_JSET(o, "v20_data", json_boolean(c.ext));
        if (c.ext)
            IK_JSET(o, "kg_nonzero", json_boolean(c.kg_set));
        IK_JSET(o, "per_message_auth", json_boolean(!c.per_msg_disabled));
        IK_JSET(o, "user_level_auth", json_boolean(!c.user_level_disabled));
        IK_JSET(o, "non_null_user_names", json_boolean(c.non_null_users));
        IK_JSET(o, "null_user_names", json_boolean(c.null_users));
        IK_JSET(o, "anonymous_login", json_boolean(c.anonymous));
        if (c.ext) {
            IK_JSET(o, "ipmi15", json_boolean(c.v15));
            IK_JSET(o, "ipmi20", json_boolean(c.v20));
        }
        IK_JSET(o, "oem_iana", json_integer(c.oem_iana));
        IK_JSET(o, "oem_aux", json_integer(c.oem_aux));
        return ik_json_print(cli, o);
    }
    FILE *f = cli->out;
    fprintf(f, "Channel number             : %d\n", c.channel);
    fprintf(f, "IPMI v1.5  auth types      : %s\n", types);
    if (c.ext)
        fprintf(f, "KG status                  : %s\n",
                c.kg_set ? "non-zero" : "default (all zeroes)");
    fprintf(f, "Per message authentication : %sabled\n", c.per_msg_disabled ? "dis" : "en");
    fprintf(f, "User level authentication  : %sabled\n", c.user_level_disabled ? "dis" : "en");
    fprintf(f, "Non-null user names exist  : %s\n", c.non_null_users ? "yes" : "no");
    fprintf(f, "Null user names exist      : %s\n", c.null_users ? "yes" : "no");
    fprintf(f, "Anonymous login enabled    : %s\n", c.anonymous ? "yes" : "no");
    if (c.ext) {
        fprintf(f, "Channel supports IPMI v1.5 : %s\n", c.v15 ? "yes" : "no");
        fprintf(f, "Channel supports IPMI v2.0 : %s\n", c.v20 ? "yes" : "no");
    }
    if (c.auth_types & IK_AUTHCAP_OEM) {
        fprintf(f, "IANA Number for OEM        : %d\n", (int)c.oem_iana);
        fprintf(f, "OEM Auxiliary Data         : 0x%x\n", c.oem_aux);
    }
    return IK_EXIT_OK;
}

/* ---- getaccess / setaccess ------------------------------------------------------------------ */

static int get_uaccess(struct ik_cli *cli, uint8_t ch, uint8_t uid, struct ik_user_access *a)
{
    struct ik_user_access_get_req q = {(uint8_t)(ch & 0x0F), (uint8_t)(uid & 0x3F)};
    uint8_t req[IK_USER_ACCESS_GET_REQ_LEN];
    size_t n = 0;
    if (ik_user_access_get_req_encode(&q, req, sizeof(req), &n) != 0)
        return -1; /* cannot happen: both fields are masked */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_USER_ACCESS, req, n, &r,
                         IK_USER_ACCESS_RSP_LEN, "Get User Access");
    /* At least 4 bytes once the call succeeded; like ipmitool, ignore any more. */
    if (rc == 0 && ik_user_access_decode(r.data, IK_USER_ACCESS_RSP_LEN, a) != 0)
        rc = -1; /* cannot happen: the length is the one the decoder takes */
    if (rc) {
        if (rc > 0)
            ik_cli_error(cli, "%s", IK_CC_TEXT(r.cc));
        ik_cli_error(cli, "Unable to Get User Access (channel %d id %d)", ch, uid);
        return -1;
    }
    return 0;
}

static int get_uname(struct ik_cli *cli, uint8_t uid, char name[17])
{
    uint8_t req = uid;
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_USER_NAME, &req, 1, &r, IK_USER_NAME_RSP_LEN,
                         "Get User Name");
    if (rc > 0 && r.cc == 0xCC) {
        name[0] = '\0'; /* no name for this ID */
        return 0;
    }
    /* At least 16 bytes once the call succeeded; like ipmitool, ignore any more. */
    struct ik_user_name un;
    if (rc == 0 && ik_user_name_decode(r.data, IK_USER_NAME_RSP_LEN, &un) != 0)
        rc = -1; /* cannot happen: the length is the one the decoder takes */
    if (rc) {
        if (rc > 0)
            ik_cli_error(cli, "%s", IK_CC_TEXT(r.cc));
        ik_cli_error(cli, "Unable to Get User Name (id %d)", uid);
        return -1;
    }
    memcpy(name, un.name, sizeof(un.name));
    return 0;
}

static const char *const enable_status[4] = {"unknown", "enabled", "disabled", "reserved"};

static int ch_getaccess(struct ik_cli *cli, uint8_t ch, uint8_t uid)
{
    uint8_t cur = uid ? uid : 1, max = 0;
    int first = 1;
    json_t *arr = cli->json ? json_array() : NULL;
    int status = IK_EXIT_OK;
    do {
        struct ik_user_access a;
        char name[17];
        if (get_uaccess(cli, ch, cur, &a) || get_uname(cli, cur, name)) {
            status = IK_EXIT_FAIL;
            break;
        }
        char pb[24];
        const char *priv = ik_cli_priv_name(a.priv_limit, pb, sizeof(pb));
        if (first) {
            max = a.max_ids;
            if (!arr) {
                fprintf(cli->out, "Maximum User IDs     : %d\n", a.max_ids);
                fprintf(cli->out, "Enabled User IDs     : %d\n", a.enabled_ids);
            }
            first = 0;
        }
        if (arr) {
            json_t *o = json_object();
            IK_JSET(o, "user_id", json_integer(cur));
            IK_JSET(o, "name", json_string(name));
            IK_JSET(o, "fixed_name", json_boolean(cur <= a.fixed_ids));
            IK_JSET(o, "callin", json_boolean(!a.callback_only));
            IK_JSET(o, "link_auth", json_boolean(a.link_auth));
            IK_JSET(o, "ipmi_messaging", json_boolean(a.ipmi_messaging));
            IK_JSET(o, "privilege_limit", json_string(priv));
            IK_JSET(o, "enable_status", json_string(enable_status[a.enable_status]));
            json_array_append_new(arr, o);
        } else {
            FILE *f = cli->out;
            fprintf(f, "\nUser ID              : %d\n", cur);
            fprintf(f, "User Name            : %s\n", name);
            fprintf(f, "Fixed Name           : %s\n", cur <= a.fixed_ids ? "Yes" : "No");
            fprintf(f, "Access Available     : %s\n",
                    a.callback_only ? "callback" : "call-in / callback");
            fprintf(f, "Link Authentication  : %sabled\n", a.link_auth ? "en" : "dis");
            fprintf(f, "IPMI Messaging       : %sabled\n", a.ipmi_messaging ? "en" : "dis");
            fprintf(f, "Privilege Level      : %s\n", priv);
            /* Get User Access offset 1 [7:6] (IPMI 2.0 errata: user enabled status) */
            fprintf(f, "Enable Status        : %s\n", enable_status[a.enable_status]);
        }
        cur++;
    } while (!uid && cur <= max && cur <= 63);
    if (arr)
        ik_json_print(cli, arr);
    return status;
}

static int ch_setaccess(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 3) {
        ik_cli_error(cli, "Not enough parameters given.");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    uint8_t ch, uid;
    if (parse_channel(cli, argv[1], &ch) < 0 || parse_uid(cli, argv[2], &uid) < 0)
        return IK_EXIT_USAGE;
    struct ik_user_access a;
    if (get_uaccess(cli, ch, uid, &a))
        return IK_EXIT_FAIL;
    for (int i = 3; i < argc; i++) {
        const char *s = argv[i];
        if (strncmp(s, "callin=", 7) == 0)
            a.callback_only = strncmp(s + 7, "off", 3) == 0;
        else if (strncmp(s, "link=", 5) == 0)
            a.link_auth = strncmp(s + 5, "off", 3) != 0;
        else if (strncmp(s, "ipmi=", 5) == 0)
            a.ipmi_messaging = strncmp(s + 5, "off", 3) != 0;
        else if (strncmp(s, "privilege=", 10) == 0) {
            unsigned long v;
            if (ik_cli_num(s + 10, 0x0F, &v) < 0) {
                ik_cli_error(cli, "Numeric value expected, but '%s' given.", s + 10);
                return IK_EXIT_USAGE;
            }
            a.priv_limit = (uint8_t)v;
        } else {
            ik_cli_error(cli, "Invalid option: %s", s);
            return IK_EXIT_USAGE;
        }
    }
    /* Set User Access with every field, and session limit 0 (the channel's only). */
    struct ik_user_access_set_req q = {
        .change_bits = true,
        .callback_only = a.callback_only,
        .link_auth = a.link_auth,
        .ipmi_messaging = a.ipmi_messaging,
        .channel = (uint8_t)(ch & 0x0F),
        .user_id = uid,
        .priv_limit = a.priv_limit,
        .has_session_limit = true,
        .session_limit = 0,
    };
    uint8_t req[IK_USER_ACCESS_SET_REQ_MAX];
    size_t n = 0;
    if (ik_user_access_set_req_encode(&q, req, sizeof(req), &n) != 0)
        return IK_EXIT_FAIL; /* cannot happen: every field was parsed or decoded in range */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_SET_USER_ACCESS, req, n, &r, 0, "Set User Access");
    if (rc) {
        if (rc > 0)
            ik_cli_error(cli, "%s", IK_CC_TEXT(r.cc));
        ik_cli_error(cli, "Unable to Set User Access (channel %d id %d)", ch, uid);
        return IK_EXIT_FAIL;
    }
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "channel", json_integer(ch));
        IK_JSET(o, "user_id", json_integer(uid));
        IK_JSET(o, "ok", json_true());
        return ik_json_print(cli, o);
    }
    fprintf(cli->out, "Set User Access (channel %d id %d) successful.\n", ch, uid);
    return IK_EXIT_OK;
}

/* ---- getciphers ---------------------------------------------------------------------------- */

static const char *alg_name(int kind, uint8_t v, char *buf, size_t cap)
{
    static const char *const auth[4] = {"none", "hmac_sha1", "hmac_md5", "hmac_sha256"};
    static const char *const integ[5] = {"none", "hmac_sha1_96", "hmac_md5_128", "md5_128",
                                         "sha256_128"}; /* sic: ipmitool's name */
    static const char *const conf[4] = {"none", "aes_cbc_128", "xrc4_128", "xrc4_40"};
    if (kind == 0 && v < 4)
        return auth[v];
    if (kind == 1 && v < 5)
        return integ[v];
    if (kind == 2 && v < 4)
        return conf[v];
    snprintf(buf, cap, "Unknown (0x%02X)", v);
    return buf;
}

static int ch_getciphers(struct ik_cli *cli, const char *type, uint8_t ch)
{
    uint8_t records[64 * 16];
    size_t have = 0;
    struct ik_suites_req q = {
        .channel = ch,
        .payload_type = strcmp(type, "ipmi") == 0 ? 0 : 1,
        .by_suite = true,
    };
    for (uint8_t idx = 0; idx < 0x40; idx++) {
        uint8_t req[3];
        size_t qn = 0;
        q.index = idx;
        if (ik_suites_req_encode(&q, req, sizeof(req), &qn) != 0)
            return IK_EXIT_FAIL; /* cannot happen: channel parsed, index below 40h */
        struct ik_tr_rsp r;
        int rc = ik_cli_call(cli, IK_NETFN_APPL, IK_CMD_GET_CIPHER_SUITES, req, qn, &r, 1,
                             "Get Channel Cipher Suites");
        if (rc < 0)
            return IK_EXIT_FAIL;
        if (rc > 0) {
            ik_cli_error(cli, "Get Channel Cipher Suites failed: %s", IK_CC_TEXT(r.cc));
            return IK_EXIT_FAIL;
        }
        size_t n = r.len - 1;
        if (n > IK_CIPHER_PAGE) {
            ik_cli_error(cli,
                         "Get Channel Cipher Suites: %zu record bytes in one answer (at most "
                         "16)",
                         n);
            return IK_EXIT_FAIL;
        }
        memcpy(records + have, r.data + 1, n);
        have += n;
        if (n < IK_CIPHER_PAGE)
            break;
    }
    /* Every record, OEM ones (C1h, with the IANA the table shows) included. */
    json_t *arr = cli->json ? json_array() : NULL;
    if (!arr && !cli->csv)
        fputs("ID   IANA    Auth Alg        Integrity Alg   Confidentiality Alg\n", cli->out);
    for (size_t off = 0, used = 0; off < have; off += used) {
        struct ik_cipher_record rec;
        int drc = ik_cipher_record_decode(records + off, have - off, &rec, &used);
        if (drc) {
            ik_cli_error(cli, drc == IK_E_BADFIELD ? "Bad start of record byte in cipher suite data"
                                                   : "Incomplete data record in cipher suite data");
            json_decref(arr);
            return IK_EXIT_FAIL;
        }
        uint8_t id = rec.id;
        uint32_t iana = rec.iana;
        /* a kind with no tag in the record shows as "none" */
        uint8_t alg[3] = {rec.auth, rec.integ, rec.conf};
        for (int k = 0; k < 3; k++)
            if (alg[k] == IK_CIPHER_ALG_ABSENT)
                alg[k] = 0;
        char b0[24], b1[24], b2[24], ib[12];
        const char *a0 = alg_name(0, alg[0], b0, sizeof(b0));
        const char *a1 = alg_name(1, alg[1], b1, sizeof(b1));
        const char *a2 = alg_name(2, alg[2], b2, sizeof(b2));
        if (iana)
            snprintf(ib, sizeof(ib), "%06x", (unsigned)iana);
        else
            snprintf(ib, sizeof(ib), "N/A");
        if (arr) {
            json_t *o = json_object();
            IK_JSET(o, "id", json_integer(id));
            IK_JSET(o, "iana", iana ? json_integer(iana) : json_null());
            IK_JSET(o, "auth", json_string(a0));
            IK_JSET(o, "integrity", json_string(a1));
            IK_JSET(o, "confidentiality", json_string(a2));
            json_array_append_new(arr, o);
        } else if (cli->csv) {
            fprintf(cli->out, "%d,%s,%s,%s,%s\n", id, ib, a0, a1, a2);
        } else {
            fprintf(cli->out, "%-4d %-7s %-15s %-15s %-15s\n", id, ib, a0, a1, a2);
        }
    }
    if (arr)
        ik_json_print(cli, arr);
    return IK_EXIT_OK;
}

int ik_cmd_channel(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "Not enough parameters given.");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    const char *sub = argv[1];
    uint8_t ch = 0x0E, uid = 0;
    if (strcmp(sub, "help") == 0) {
        usage(cli->out);
        return IK_EXIT_OK;
    }
    if (strcmp(sub, "info") == 0) {
        if (argc > 3 || (argc == 3 && parse_channel(cli, argv[2], &ch) < 0))
            return IK_EXIT_USAGE;
        return ch_info(cli, ch);
    }
    if (strcmp(sub, "authcap") == 0) {
        if (argc != 4) {
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
        unsigned long p;
        if (parse_channel(cli, argv[2], &ch) < 0)
            return IK_EXIT_USAGE;
        if (ik_cli_num(argv[3], 5, &p) < 0 || p < 1) {
            ik_cli_error(cli, "Invalid privilege limit '%s'", argv[3]);
            return IK_EXIT_USAGE;
        }
        return ch_authcap(cli, ch, (uint8_t)p);
    }
    if (strcmp(sub, "getaccess") == 0) {
        if (argc < 3 || argc > 4) {
            ik_cli_error(cli, "Not enough parameters given.");
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
        if (parse_channel(cli, argv[2], &ch) < 0 ||
            (argc == 4 && parse_uid(cli, argv[3], &uid) < 0))
            return IK_EXIT_USAGE;
        return ch_getaccess(cli, ch, uid);
    }
    if (strcmp(sub, "setaccess") == 0)
        return ch_setaccess(cli, argc - 1, argv + 1);
    if (strcmp(sub, "getciphers") == 0) {
        if (argc < 3 || argc > 4 || (strcmp(argv[2], "ipmi") && strcmp(argv[2], "sol"))) {
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
        if (argc == 4 && parse_channel(cli, argv[3], &ch) < 0)
            return IK_EXIT_USAGE;
        return ch_getciphers(cli, argv[2], ch);
    }
    ik_cli_error(cli, "Invalid CHANNEL command: %s", sub);
    usage(cli->err);
    return IK_EXIT_USAGE;
}
