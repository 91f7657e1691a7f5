/*
 * NetFn Transport (0Ch): Set/Get LAN Configuration Parameters (IPMI 2.0 sections 23.1-23.2,
 * parameters in table 23-4) for the BMC's LAN channel.
 *
 * The network parameters are virtual: a virtual BMC's real address is bmcd's socket, so
 * IP address, source, MAC, netmask, gateways, VLAN and the like are stored and reported
 * (so `ipmitool lan print` / `lan set` work) but change no routing. The security ones are
 * live: Authentication Type Enables decide which IPMI 1.5 auth types a session may use,
 * the RMCP+ Messaging Cipher Suite Privilege Levels decide which suites are offered and
 * up to which privilege, and the Bad Password Threshold is the users' lockout policy.
 *
 * Parameters, data after the revision byte (OFF SIZE FIELD; numbers MS byte first for
 * addresses, LS first otherwise):
 *   0  1   set in progress: [1:0] 00b complete, 01b in progress, 10b commit write
 *   1  1   auth type support (RO): [4] password [2] MD5 [1] MD2 [0] none
 *   2  5   auth type enables for callback, user, operator, administrator, OEM
 *   3  4   IP address             4  1   IP address source [3:0] 0-4
 *   5  6   MAC address            6  4   subnet mask
 *   7  3   IPv4 header: TTL, [7:5] flags, [7:5] precedence [4:1] TOS
 *   8  2   primary RMCP port (RO): the port bmcd listens on
 *   10 1   BMC-generated ARP control [1] ARP responses [0] gratuitous ARPs
 *   11 1   gratuitous ARP interval (500 ms units)
 *   12 4   default gateway        13 6   default gateway MAC
 *   14 4   backup gateway         15 6   backup gateway MAC
 *   16 18  community string       17 1   number of destinations (RO): 0
 *   20 2   802.1q VLAN ID: [7:0] ID LS bits; [7] enabled, [3:0] ID MS bits
 *   21 1   802.1q VLAN priority [2:0]
 *   22 1   cipher suite entry count (RO) [4:0]
 *   23 1+n cipher suite entries (RO): reserved byte, then the suite IDs
 *   24 9   cipher suite privilege levels: reserved byte, then a nibble per entry of 23
 *          (entry 0 in byte 1 bits 3:0): 1-5 the highest privilege, 0h / Fh unusable
 *   26 6   bad password threshold: [0] event on lockout, threshold count (0 = never),
 *          attempt count reset interval and user lockout interval (2 bytes each, tens
 *          of seconds; a lockout interval of 0 locks until the user is re-enabled)
 * Anything else: 80h (parameter not supported); setting a read-only one: 82h.
 *
 * Set In Progress is a courtesy lock between clients: setting "in progress" while it is
 * already set gets 81h; parameters take effect when written either way, and "commit
 * write" returns it to "complete". Every accepted write except parameter 0 is stored
 * ("lan/<channel>/<parameter>") before it is acknowledged.
 */
#include "bmc_int.h"

#include <stdio.h>
#include <string.h>

#include "cipher.h"
#include "cursor.h"
#include "ipmikit/error.h"
#include "lanmsg.h"
#include "msg_transport.h"

#define NETFN_TRANSPORT 0x0C

#define LC  (&bmc->acc.lancfg)
#define POL (&bmc->acc.sec.pol)

/* The auth type bits a 1.5 session can use at all (none, MD2, MD5, password). */
#define AUTH15_BITS (IK_AUTHCAP_NONE | IK_AUTHCAP_MD2 | IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD)

/* Fill the cipher suite entry list (parameter 23): every suite the library runs and the
 * policy allows, in ID order. */
static void build_suite_list(struct ik_bmc *bmc)
{
    LC->n_suites = 0;
    for (uint8_t id = 0; id < IK_ACCESS_SUITES && LC->n_suites < sizeof(LC->suite_ids); id++) {
        if (!ik_cipher_suite_supported(id) || (id == 0 && !POL->cipher_suite_0))
            continue;
        LC->suite_ids[LC->n_suites++] = id;
    }
}

static int lancfg_init(struct ik_bmc *bmc)
{
    struct ik_machine_access a;
    ik_acc_desc(bmc, &a);
    bmc->acc.sec.pol = a.security;
    POL->auth15 &= AUTH15_BITS;
    memset(LC, 0, sizeof(*LC));
    LC->p = a.lan;
    for (int i = 0; i < 5; i++)
        LC->p.auth_enables[i] &= POL->auth15;
    if (!POL->cipher_suite_0)
        LC->p.suite_priv[0] = 0;
    for (int id = 0; id < IK_ACCESS_SUITES; id++)
        if (LC->p.suite_priv[id] > IK_PRIV_OEM)
            LC->p.suite_priv[id] = 0;
    if (!LC->p.mac_set) {
        /* A locally administered unicast MAC derived from the BMC's name (FNV-1a), stable
         * across restarts and distinct across a fleet. */
        uint32_t h = 2166136261u;
        for (const char *p = bmc->name; *p; p++)
            h = (h ^ (uint8_t)*p) * 16777619u;
        uint8_t mac[6] = {0x02, 0x49, 0x4B, (uint8_t)(h >> 16), (uint8_t)(h >> 8), (uint8_t)h};
        memcpy(LC->p.mac, mac, 6);
    }
    LC->ip_header[0] = 0x40; /* TTL 64 */
    LC->ip_header[1] = 0x40; /* don't fragment */
    LC->ip_header[2] = 0x10; /* precedence 0, TOS "minimize delay" */
    LC->arp_control = 0x02;  /* answers ARP, no gratuitous ARPs */
    LC->grat_arp = 0x03;     /* 2 s */
    build_suite_list(bmc);
    ik_cleanse(&a, sizeof(a));
    return 0;
}

/* ---- one parameter at a time --------------------------------------------------------- */

/* Entry i of the cipher suite privilege levels (parameter 24): the privilege of the i-th
 * suite of parameter 23, or what was last written for an entry past the list. */
static uint8_t suite_priv_entry(struct ik_bmc *bmc, uint8_t i)
{
    return i < LC->n_suites ? LC->p.suite_priv[LC->suite_ids[i]] : LC->spare_privs[i];
}

/* Append a parameter codec's output (lib/msg_transport.c) to w; its error sticks. *n is
 * read here, after the encoder (an argument next to it) has set it. */
static int put(struct ik_wr *w, int rc, const uint8_t *enc, const size_t *n)
{
    if (rc)
        ik_wr_fail(w, rc);
    else
        ik_wr_bytes(w, enc, *n);
    return 0;
}

static int put_ipv4(struct ik_wr *w, const uint8_t addr[4])
{
    struct ik_lan_ipv4 v;
    uint8_t enc[IK_LAN_IPV4_LEN];
    size_t n = 0;
    memcpy(v.addr, addr, 4);
    return put(w, ik_lan_ipv4_encode(&v, enc, sizeof(enc), &n), enc, &n);
}

static int put_mac(struct ik_wr *w, const uint8_t addr[6])
{
    struct ik_lan_mac v;
    uint8_t enc[IK_LAN_MAC_LEN];
    size_t n = 0;
    memcpy(v.addr, addr, 6);
    return put(w, ik_lan_mac_encode(&v, enc, sizeof(enc), &n), enc, &n);
}

/* Current value of a parameter into w; -1 if not supported. */
static int param_get(struct ik_bmc *bmc, uint8_t param, struct ik_wr *w)
{
    const struct ik_machine_lan *p = &LC->p;
    uint8_t enc[IK_LAN_CIPHER_SUITES_MAX];
    size_t n = 0;
    switch (param) {
    case IK_LAN_P_SET_IN_PROGRESS: {
        struct ik_lan_set_in_progress v = {.state = LC->set_in_progress};
        return put(w, ik_lan_set_in_progress_encode(&v, enc, sizeof(enc), &n), enc, &n);
    }
    case IK_LAN_P_AUTH_SUPPORT: {
        struct ik_lan_auth_types v = {.types = POL->auth15};
        return put(w, ik_lan_auth_types_encode(&v, enc, sizeof(enc), &n), enc, &n);
    }
    case IK_LAN_P_AUTH_ENABLES: {
        struct ik_lan_auth_enables v;
        memcpy(v.level, p->auth_enables, 5);
        return put(w, ik_lan_auth_enables_encode(&v, enc, sizeof(enc), &n), enc, &n);
    }
    case IK_LAN_P_IP_ADDR:
        return put_ipv4(w, p->ip);
    case IK_LAN_P_IP_SOURCE: {
        struct ik_lan_ip_source v = {.source = p->ip_source};
        return put(w, ik_lan_ip_source_encode(&v, enc, sizeof(enc), &n), enc, &n);
    }
    case IK_LAN_P_MAC:
        return put_mac(w, p->mac);
    case IK_LAN_P_NETMASK:
        return put_ipv4(w, p->netmask);
    case 7:
        ik_wr_bytes(w, LC->ip_header, 3);
        return 0;
    case 8:
        ik_wr_le16(w, bmc->acc.lan.listen_port);
        return 0;
    case 10:
        ik_wr_u8(w, LC->arp_control);
        return 0;
    case 11:
        ik_wr_u8(w, LC->grat_arp);
        return 0;
    case IK_LAN_P_GATEWAY_IP:
        return put_ipv4(w, p->gateway);
    case IK_LAN_P_GATEWAY_MAC:
        return put_mac(w, p->gateway_mac);
    case IK_LAN_P_BACKUP_IP:
        return put_ipv4(w, p->backup_gateway);
    case IK_LAN_P_BACKUP_MAC:
        return put_mac(w, p->backup_gateway_mac);
    case 16: {
        size_t n = strnlen(p->community, 18);
        ik_wr_bytes(w, p->community, n);
        ik_wr_fill(w, 0, 18 - n);
        return 0;
    }
    case 17:
        ik_wr_u8(w, 0);
        return 0;
    case 20:
        ik_wr_le16(w, (uint16_t)((p->vlan_id ? 0x8000 : 0) | (p->vlan_id & 0x0FFF)));
        return 0;
    case 21:
        ik_wr_u8(w, p->vlan_priority & 7);
        return 0;
    case 22:
        ik_wr_u8(w, LC->n_suites);
        return 0;
    case IK_LAN_P_CIPHER_SUITES: {
        struct ik_lan_cipher_suites v = {.n = LC->n_suites};
        memcpy(v.ids, LC->suite_ids, sizeof(v.ids));
        return put(w, ik_lan_cipher_suites_encode(&v, enc, sizeof(enc), &n), enc, &n);
    }
    case IK_LAN_P_CIPHER_PRIVS: {
        struct ik_lan_cipher_privs v;
        for (uint8_t i = 0; i < 16; i++)
            v.priv[i] = suite_priv_entry(bmc, i);
        return put(w, ik_lan_cipher_privs_encode(&v, enc, sizeof(enc), &n), enc, &n);
    }
    case 26:
        ik_wr_u8(w, LC->bad_pw_flags);
        ik_wr_u8(w, POL->lockout_attempts);
        ik_wr_le16(w, (uint16_t)((POL->lockout_window_s + 9) / 10));
        ik_wr_le16(w, (uint16_t)((POL->lockout_s + 9) / 10));
        return 0;
    }
    return -1;
}

/* Expected Set data length of a writable parameter; 0 = read-only, -1 = unsupported. */
static int param_set_len(uint8_t param)
{
    switch (param) {
    case 0:
    case 4:
    case 10:
    case 11:
    case 21:
        return 1;
    case 2:
        return 5;
    case 3:
    case 6:
    case 12:
    case 14:
        return 4;
    case 5:
    case 13:
    case 15:
        return 6;
    case 7:
        return 3;
    case 16:
        return 18;
    case 20:
        return 2;
    case 24:
        return 9;
    case 26:
        return 6;
    case 1:
    case 8:
    case 17:
    case 22:
    case 23:
        return 0;
    }
    return -1;
}

/* Decode a parameter's Set data with its lib/msg_transport.c codec, strictly: the data
 * must encode back to the bytes received, so reserved bits set are CCh. */
#define STRICT(codec, v)                                                                           \
    do {                                                                                           \
        uint8_t enc_[IK_LAN_CIPHER_SUITES_MAX];                                                    \
        size_t n_ = 0;                                                                             \
        if (codec##_decode(d, len, (v)) != 0 ||                                                    \
            codec##_encode((v), enc_, sizeof(enc_), &n_) != 0 || n_ != len ||                      \
            memcmp(enc_, d, len) != 0)                                                             \
            return 0xCC; /* reserved bits set */                                                   \
    } while (0)

/* Apply a parameter's Set data (length already checked). Returns a completion code.
 * Nothing is changed unless the answer is 0. */
static uint8_t param_apply(struct ik_bmc *bmc, uint8_t param, const uint8_t *d, size_t len)
{
    struct ik_machine_lan *p = &LC->p;
    struct ik_lan_ipv4 ip;
    struct ik_lan_mac mac;
    struct ik_rd r;
    ik_rd_init(&r, d, len);
    switch (param) {
    case IK_LAN_P_AUTH_ENABLES: {
        struct ik_lan_auth_enables en;
        STRICT(ik_lan_auth_enables, &en);
        for (int i = 0; i < 5; i++)
            if (en.level[i] & (uint8_t)~POL->auth15)
                return 0xCC; /* an auth type the policy does not allow */
        memcpy(p->auth_enables, en.level, 5);
        return 0;
    }
    case IK_LAN_P_IP_ADDR:
        STRICT(ik_lan_ipv4, &ip);
        memcpy(p->ip, ip.addr, 4);
        p->ip_set = true;
        return 0;
    case IK_LAN_P_IP_SOURCE: {
        struct ik_lan_ip_source src;
        STRICT(ik_lan_ip_source, &src);
        if (src.source > IK_LAN_IP_OTHER)
            return 0xCC;
        p->ip_source = src.source;
        return 0;
    }
    case IK_LAN_P_MAC:
        STRICT(ik_lan_mac, &mac);
        memcpy(p->mac, mac.addr, 6);
        p->mac_set = true;
        return 0;
    case IK_LAN_P_NETMASK:
        STRICT(ik_lan_ipv4, &ip);
        memcpy(p->netmask, ip.addr, 4);
        return 0;
    case 7:
        ik_rd_bytes(&r, LC->ip_header, 3);
        return 0;
    case 10: {
        uint8_t arp = ik_rd_u8(&r);
        if (arp & 0xFC)
            return 0xCC;
        LC->arp_control = arp;
        return 0;
    }
    case 11:
        LC->grat_arp = ik_rd_u8(&r);
        return 0;
    case IK_LAN_P_GATEWAY_IP:
        STRICT(ik_lan_ipv4, &ip);
        memcpy(p->gateway, ip.addr, 4);
        return 0;
    case IK_LAN_P_GATEWAY_MAC:
        STRICT(ik_lan_mac, &mac);
        memcpy(p->gateway_mac, mac.addr, 6);
        return 0;
    case IK_LAN_P_BACKUP_IP:
        STRICT(ik_lan_ipv4, &ip);
        memcpy(p->backup_gateway, ip.addr, 4);
        return 0;
    case IK_LAN_P_BACKUP_MAC:
        STRICT(ik_lan_mac, &mac);
        memcpy(p->backup_gateway_mac, mac.addr, 6);
        return 0;
    case 16: {
        uint8_t c[18];
        ik_rd_bytes(&r, c, sizeof(c));
        memset(p->community, 0, sizeof(p->community));
        memcpy(p->community, c, strnlen((const char *)c, sizeof(c)));
        return 0;
    }
    case 20: {
        uint16_t v = ik_rd_le16(&r), id = v & 0x0FFF;
        bool on = v & 0x8000;
        if ((v & 0x7000) || (on && (id == 0 || id == 0xFFF)))
            return 0xCC;
        p->vlan_id = on ? id : 0;
        return 0;
    }
    case 21: {
        uint8_t prio = ik_rd_u8(&r);
        if (prio & 0xF8)
            return 0xCC;
        p->vlan_priority = prio;
        return 0;
    }
    case IK_LAN_P_CIPHER_PRIVS: {
        /* Entries past the list are kept as written (clients write all 16, e.g.
         * ipmitool's 15-character cipher_privs string, and read them back). A non-zero
         * reserved byte is CCh. */
        struct ik_lan_cipher_privs cp;
        STRICT(ik_lan_cipher_privs, &cp);
        uint8_t caps[IK_ACCESS_SUITES], spare[16] = {0};
        memcpy(caps, p->suite_priv, sizeof(caps));
        for (uint8_t i = 0; i < 16; i++) {
            uint8_t v = cp.priv[i];
            if (v > IK_PRIV_OEM && v != 0x0F)
                return 0xCC;
            if (i < LC->n_suites)
                caps[LC->suite_ids[i]] = v == 0x0F ? 0 : v;
            else
                spare[i] = v;
        }
        memcpy(p->suite_priv, caps, sizeof(caps));
        memcpy(LC->spare_privs, spare, sizeof(spare));
        return 0;
    }
    case 26: {
        uint8_t flags = ik_rd_u8(&r), attempts = ik_rd_u8(&r);
        uint16_t reset = ik_rd_le16(&r), lock = ik_rd_le16(&r);
        if (flags & 0xFE)
            return 0xCC;
        LC->bad_pw_flags = flags;
        POL->lockout_attempts = attempts;
        POL->lockout_window_s = (uint32_t)reset * 10;
        POL->lockout_s = (uint32_t)lock * 10;
        return 0;
    }
    }
    return 0x80;
}

static int lancfg_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    unsigned ch, param;
    char extra;
    if (sscanf(key, "lan/%u/%u%c", &ch, &param, &extra) != 2 || ch != bmc->acc.chan.number ||
        param == 0 || param > 255)
        return IK_E_CORRUPT;
    int want = param_set_len((uint8_t)param);
    if (want <= 0 || (size_t)want != len || param_apply(bmc, (uint8_t)param, val, len) != 0)
        return IK_E_CORRUPT;
    return 0;
}

static int lancfg_start(struct ik_bmc *bmc)
{
    ik_lan_config_changed(bmc);
    return 0;
}

/* The request's channel if it is the LAN channel, else 0. */
static uint8_t lan_channel(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, uint8_t raw)
{
    uint8_t ch = ik_acc_channel_resolve(ctx, raw);
    return ch == bmc->acc.chan.number ? ch : 0;
}

/* Get LAN Configuration Parameters (section 23.2, lib/msg_transport.c): channel (with the
 * revision-only bit), parameter, set and block selectors. Response: parameter revision
 * (11h), then the parameter's data. Reserved bits in the channel byte: CCh. */
static void get_lan_config(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_lan_get_req q;
    if (ik_lan_get_req_decode(req->data, req->len, &q) != 0 || !lan_channel(bmc, ctx, q.channel)) {
        rsp->cc = 0xCC; /* reserved bits set (the command table admits exactly 4 bytes) */
        return;
    }
    uint8_t data[IK_LAN_PARAM_MAX];
    struct ik_wr w;
    ik_wr_init(&w, data, sizeof(data));
    if (!q.revision_only && param_get(bmc, q.param, &w) < 0) {
        rsp->cc = 0x80; /* parameter not supported */
        return;
    }
    struct ik_lan_get_rsp v = {.revision = IK_LAN_PARAM_REV, .data = data, .len = w.off};
    if (w.err || ik_lan_get_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: the longest parameter is 19 bytes */
}

/* Set LAN Configuration Parameters (section 23.1, lib/msg_transport.c): channel,
 * parameter, data. Reserved bits in the channel byte: CCh. */
static void set_lan_config(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_lan_set_req q;
    if (ik_lan_set_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xCC; /* reserved bits set (the command table admits 3-20 bytes) */
        return;
    }
    uint8_t ch = lan_channel(bmc, ctx, q.channel), param = q.param;
    size_t len = q.len;
    if (!ch) {
        rsp->cc = 0xCC;
        return;
    }
    int want = param_set_len(param);
    if (want < 0) {
        rsp->cc = 0x80;
        return;
    }
    if (want == 0) {
        rsp->cc = 0x82; /* attempt to write a read-only parameter */
        return;
    }
    if ((size_t)want != len) {
        rsp->cc = 0xC7;
        return;
    }
    if (param == IK_LAN_P_SET_IN_PROGRESS) {
        struct ik_lan_set_in_progress sip;
        uint8_t enc[IK_LAN_SET_IN_PROGRESS_LEN];
        size_t n = 0;
        /* Reserved bits (the re-encoding differs) or the reserved state 3: CCh. */
        if (ik_lan_set_in_progress_decode(q.data, q.len, &sip) != 0 ||
            ik_lan_set_in_progress_encode(&sip, enc, sizeof(enc), &n) != 0 ||
            memcmp(enc, q.data, n) != 0 || sip.state == 3) {
            rsp->cc = 0xCC;
            return;
        }
        if (sip.state == IK_LAN_SET_IN_PROGRESS && LC->set_in_progress == 1) {
            rsp->cc = 0x81; /* set already in progress */
            return;
        }
        LC->set_in_progress = sip.state == IK_LAN_SET_IN_PROGRESS ? 1 : 0;
        return;
    }
    /* Validate and apply to a copy, store, then keep it. */
    struct ik_bmc_lancfg save = *LC;
    struct ik_machine_security save_pol = *POL;
    rsp->cc = param_apply(bmc, param, q.data, len);
    if (rsp->cc)
        return;
    char key[24];
    snprintf(key, sizeof(key), "lan/%u/%u", ch, param);
    if (ik_acc_persist(bmc, key, q.data, len)) {
        *LC = save;
        *POL = save_pol;
        rsp->cc = 0xFF;
        return;
    }
    ik_lan_config_changed(bmc);
    ik_bmc_log(bmc, "event=lan_param channel=%u param=%u", ch, param);
}

/* Privileges from IPMI 2.0 appendix G. */
static const struct ik_bmc_cmd transport_cmds[] = {
    {NETFN_TRANSPORT, 0x01, IK_PRIV_ADMIN, 3, 20, set_lan_config},
    {NETFN_TRANSPORT, 0x02, IK_PRIV_OPERATOR, 4, 4, get_lan_config},
};

const struct ik_bmc_module ik_bmc_mod_transport = {
    .name = "transport",
    .init = lancfg_init,
    .kv_prefix = "lan/",
    .load_kv = lancfg_load_kv,
    .start = lancfg_start,
    .cmds = transport_cmds,
    .ncmds = sizeof(transport_cmds) / sizeof(transport_cmds[0]),
};
