/*
 * ipmikit session info active|all|id 0xNNNNNNNN|handle 0xNN: Get Session Info (IPMI 2.0
 * section 22.20, table 22-29). Text is ipmitool 1.8.19's (including -c CSV); --json gives
 * one object per session (docs/json/session.md).
 *
 * Response, after the CC:
 *   0 session handle (0 = no active session at that index), 1 [5:0] possible sessions,
 *   2 [5:0] active sessions; then, for an active session:
 *   3 [5:0] user ID, 4 [3:0] privilege, 5 [7:4] session protocol auxiliary data
 *   (1 = IPMI 2.0/RMCP+), [3:0] channel; 802.3 LAN channels add 6-9 console IP (network
 *   order), 10-15 console MAC, 16-17 console port (taken LS byte first, as ipmitool does);
 *   serial/modem channels add 6 activity type, 7 destination selector, 8-11 IP, 12-13 port.
 */
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "util.h"

#define CMD_GET_SESSION_INFO 0x3D

static void usage(FILE *f)
{
    fputs("Session Commands: info <active | all | id 0xnnnnnnnn | handle 0xnn>\n", f);
}

static const char *activity(uint8_t t)
{
    static const char *const n[4] = {"IPMI Messaging session active",
                                     "Callback Messaging session active", "Dial-out Alert active",
                                     "TAP Page Active"};
    return t < 4 ? n[t] : "Unknown";
}

/* One Get Session Info answer (layout above); fields the answer does not have are 0. */
struct sinfo {
    uint8_t handle, slots, active;
    uint8_t uid, priv, aux, channel; /* active session (6 bytes and more) */
    uint8_t activity, dest;          /* serial/modem channel (12 or 14 bytes) */
    uint8_t ip[4], mac[6];           /* mac: 802.3 LAN channel (18 bytes) */
    uint16_t port;
};

static void sinfo_read(const struct ik_tr_rsp *r, struct sinfo *s)
{
    struct ik_rd rd;
    ik_rd_init(&rd, r->data, r->len);
    memset(s, 0, sizeof(*s));
    s->handle = ik_rd_u8(&rd);
    s->slots = ik_rd_u8(&rd) & 0x3F;
    s->active = ik_rd_u8(&rd) & 0x3F;
    s->uid = ik_rd_u8(&rd) & 0x3F;
    s->priv = ik_rd_u8(&rd) & 0x0F;
    uint8_t b5 = ik_rd_u8(&rd);
    s->aux = b5 >> 4;
    s->channel = b5 & 0x0F;
    if (r->len == 18) {
        ik_rd_bytes(&rd, s->ip, 4);
        ik_rd_bytes(&rd, s->mac, 6);
    } else {
        s->activity = ik_rd_u8(&rd);
        s->dest = ik_rd_u8(&rd);
        ik_rd_bytes(&rd, s->ip, 4);
    }
    s->port = ik_rd_le16(&rd);
}

static json_t *session_json(const struct ik_tr_rsp *r)
{
    struct sinfo s;
    sinfo_read(r, &s);
    json_t *o = json_object();
    IK_JSET(o, "session_handle", json_integer(s.handle));
    IK_JSET(o, "slot_count", json_integer(s.slots));
    IK_JSET(o, "active_sessions", json_integer(s.active));
    if (r->len >= 6) {
        char pb[24];
        IK_JSET(o, "user_id", json_integer(s.uid));
        IK_JSET(o, "privilege", json_string(ik_cli_priv_name(s.priv, pb, sizeof(pb))));
        IK_JSET(o, "session_type", json_string(s.aux ? "IPMIv2/RMCP+" : "IPMIv1.5"));
        IK_JSET(o, "channel", json_integer(s.channel));
    }
    if (r->len == 18) {
        char ip[16], mac[18];
        snprintf(ip, sizeof(ip), "%u.%u.%u.%u", s.ip[0], s.ip[1], s.ip[2], s.ip[3]);
        snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", s.mac[0], s.mac[1], s.mac[2],
                 s.mac[3], s.mac[4], s.mac[5]);
        IK_JSET(o, "console_ip", json_string(ip));
        IK_JSET(o, "console_mac", json_string(mac));
        IK_JSET(o, "console_port", json_integer(s.port));
    }
    IK_JSET(o, "raw", ik_json_hex(r->data, r->len));
    return o;
}

static void session_text(struct ik_cli *cli, const struct ik_tr_rsp *r)
{
    FILE *f = cli->out;
    size_t n = r->len;
    struct sinfo s;
    sinfo_read(r, &s);
    char pb[24], ip[16], mac[18];
    snprintf(ip, sizeof(ip), "%u.%u.%u.%u", s.ip[0], s.ip[1], s.ip[2], s.ip[3]);
    snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", s.mac[0], s.mac[1], s.mac[2],
             s.mac[3], s.mac[4], s.mac[5]);
    if (cli->csv) {
        fprintf(f, "%d,%d,%d", s.handle, s.slots, s.active);
        if (n >= 6) {
            fprintf(f, ",%d,%s,%s,0x%02x", s.uid, ik_cli_priv_name(s.priv, pb, sizeof(pb)),
                    s.aux ? "IPMIv2/RMCP+" : "IPMIv1.5", s.channel);
            if (n == 18)
                fprintf(f, ",%s,%s,%d", ip, mac, s.port);
            else if (n == 12 || n == 14) {
                fprintf(f, ",%s,%d,%s", activity(s.activity), s.dest, ip);
                if (n == 14)
                    fprintf(f, ",%d", s.port);
            }
        }
        fputc('\n', f);
        return;
    }
    fprintf(f, "session handle                : %d\n", s.handle);
    fprintf(f, "slot count                    : %d\n", s.slots);
    fprintf(f, "active sessions               : %d\n", s.active);
    if (n >= 6) {
        fprintf(f, "user id                       : %d\n", s.uid);
        fprintf(f, "privilege level               : %s\n",
                ik_cli_priv_name(s.priv, pb, sizeof(pb)));
        fprintf(f, "session type                  : %s\n", s.aux ? "IPMIv2/RMCP+" : "IPMIv1.5");
        fprintf(f, "channel number                : 0x%02x\n", s.channel);
        if (n == 18) {
            fprintf(f, "console ip                    : %s\n", ip);
            fprintf(f, "console mac                   : %s\n", mac);
            fprintf(f, "console port                  : %d\n", s.port);
        } else if (n == 12 || n == 14) {
            fprintf(f, "Session/Channel Activity Type : %s\n", activity(s.activity));
            fprintf(f, "Destination selector          : %d\n", s.dest);
            fprintf(f, "console ip                    : %s\n", ip);
            if (n == 14)
                fprintf(f, "console port                  : %d\n", s.port);
        }
    }
    fputc('\n', f);
}

/* A response we can print: 3 bytes (no session) or at least 6. */
static int check_len(struct ik_cli *cli, const struct ik_tr_rsp *r)
{
    if (r->len < 3 || (r->len > 3 && r->len < 6)) {
        ik_cli_error(cli,
                     "Get Session Info: the BMC's response has %zu data bytes (3, or 6 and "
                     "more expected)",
                     r->len);
        return -1;
    }
    return 0;
}

int ik_cmd_session(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 3 || strcmp(argv[1], "info") != 0 || strcmp(argv[2], "help") == 0) {
        usage(argc < 2 ? cli->err : cli->out);
        return argc >= 3 && strcmp(argv[2], "help") == 0 ? IK_EXIT_OK : IK_EXIT_USAGE;
    }
    uint8_t req[5];
    size_t n = 0;
    int all = 0;
    unsigned long v = 0;
    const char *kind = argv[2];
    if (strcmp(kind, "active") == 0) {
        req[0] = 0;
        n = 1;
    } else if (strcmp(kind, "all") == 0) {
        all = 1;
    } else if (strcmp(kind, "id") == 0 || strcmp(kind, "handle") == 0) {
        int id = kind[0] == 'i';
        if (argc < 4 || ik_cli_num(argv[3], id ? 0xFFFFFFFFul : 0xFFul, &v) < 0) {
            ik_cli_error(cli,
                         argc < 4 ? "Missing %s argument"
                                  : "HEX number expected, but '%s' "
                                    "given.",
                         argc < 4 ? kind : argv[3]);
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
        struct ik_wr w;
        ik_wr_init(&w, req, sizeof(req));
        if (id) {
            ik_wr_u8(&w, 0xFF); /* by session ID */
            ik_wr_le32(&w, (uint32_t)v);
        } else {
            ik_wr_u8(&w, 0xFE); /* by session handle */
            ik_wr_u8(&w, (uint8_t)v);
        }
        n = w.off;
    } else {
        ik_cli_error(cli, "Invalid SESSION info parameter: %s", kind);
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    struct ik_tr_rsp r;
    json_t *arr = cli->json ? json_array() : NULL;
    int status = IK_EXIT_OK;
    if (!all) {
        if (ik_cli_req(cli, IK_NETFN_APPL, CMD_GET_SESSION_INFO, req, n, &r) < 0)
            status = IK_EXIT_FAIL;
        else if (r.cc) {
            ik_cli_error(cli, "Get Session Info command failed: %s", IK_CC_TEXT(r.cc));
            status = IK_EXIT_FAIL;
        } else if (check_len(cli, &r) < 0) {
            status = IK_EXIT_FAIL;
        } else if (arr) {
            json_array_append_new(arr, session_json(&r));
        } else {
            session_text(cli, &r);
        }
    } else {
        /* Every index from 1 to the slot count the first answer reports. */
        unsigned slots = 1;
        for (unsigned i = 1; i <= slots && i <= 64; i++) {
            req[0] = (uint8_t)i;
            if (ik_cli_req(cli, IK_NETFN_APPL, CMD_GET_SESSION_INFO, req, 1, &r) < 0) {
                status = IK_EXIT_FAIL;
                break;
            }
            /* CCh / CBh: no session at this index (some BMCs say so instead of handle 0) */
            if (r.cc && r.cc != 0xCC && r.cc != 0xCB) {
                ik_cli_error(cli, "Get Session Info command failed: %s", IK_CC_TEXT(r.cc));
                status = IK_EXIT_FAIL;
                break;
            }
            if (r.len < 3) {
                status = IK_EXIT_FAIL;
                break;
            }
            if (check_len(cli, &r) < 0) {
                status = IK_EXIT_FAIL;
                break;
            }
            slots = r.data[1] & 0x3F;
            if (arr)
                json_array_append_new(arr, session_json(&r));
            else
                session_text(cli, &r);
        }
    }
    if (arr)
        ik_json_print(cli, arr);
    return status;
}
