/*
 * ipmikit session info active|all|id 0xNNNNNNNN|handle 0xNN: Get Session Info (IPMI 2.0
 * section 22.20). Text is ipmitool 1.8.19's (including -c CSV); --json gives
 * one object per session (docs/json/session.md).
 *
 * Request and response: lib/msg_user.h. An active session's answer is 6 bytes, plus the
 * channel's tail: 802.3 LAN 18 bytes (IP, MAC, port), serial/modem 12 or 14 (activity,
 * destination, IP, optional port). Like ipmitool, an answer of another length of at least
 * 6 bytes is read up to its session fields.
 */
#include <stdio.h>
#include <string.h>

#include "msg_user.h"
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

/* Decode the forms the spec defines; other lengths of 6 or more as their first 6 bytes.
 * Fields the answer does not have are 0. check_len() has refused the rest. */
static void sinfo_read(const struct ik_tr_rsp *r, struct ik_session_info *s)
{
    size_t n = r->len;
    if (n != IK_SESSINFO_NONE_LEN && n != IK_SESSINFO_SERIAL_LEN &&
        n != IK_SESSINFO_SERIAL_PORT_LEN && n != IK_SESSINFO_LAN_LEN)
        n = IK_SESSINFO_BASE_LEN;
    if (ik_session_info_decode(r->data, n, s) != 0)
        memset(s, 0, sizeof(*s)); /* cannot happen: n is a length the decoder takes */
}

static json_t *session_json(const struct ik_tr_rsp *r)
{
    struct ik_session_info s;
    sinfo_read(r, &s);
    json_t *o = json_object();
    IK_JSET(o, "session_handle", json_integer(s.handle));
    IK_JSET(o, "slot_count", json_integer(s.slots));
    IK_JSET(o, "active_sessions", json_integer(s.active));
    if (s.has_session) {
        char pb[24];
        IK_JSET(o, "user_id", json_integer(s.user_id));
        IK_JSET(o, "privilege", json_string(ik_cli_priv_name(s.priv, pb, sizeof(pb))));
        IK_JSET(o, "session_type", json_string(s.protocol ? "IPMIv2/RMCP+" : "IPMIv1.5"));
        IK_JSET(o, "channel", json_integer(s.channel));
    }
    if (s.media == IK_SESSINFO_LAN) {
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
    struct ik_session_info s;
    sinfo_read(r, &s);
    char pb[24], ip[16], mac[18];
    snprintf(ip, sizeof(ip), "%u.%u.%u.%u", s.ip[0], s.ip[1], s.ip[2], s.ip[3]);
    snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", s.mac[0], s.mac[1], s.mac[2],
             s.mac[3], s.mac[4], s.mac[5]);
    if (cli->csv) {
        fprintf(f, "%d,%d,%d", s.handle, s.slots, s.active);
        if (s.has_session) {
            fprintf(f, ",%d,%s,%s,0x%02x", s.user_id, ik_cli_priv_name(s.priv, pb, sizeof(pb)),
                    s.protocol ? "IPMIv2/RMCP+" : "IPMIv1.5", s.channel);
            if (s.media == IK_SESSINFO_LAN)
                fprintf(f, ",%s,%s,%d", ip, mac, s.port);
            else if (s.media == IK_SESSINFO_SERIAL) {
                fprintf(f, ",%s,%d,%s", activity(s.activity), s.dest, ip);
                if (s.has_port)
                    fprintf(f, ",%d", s.port);
            }
        }
        fputc('\n', f);
        return;
    }
    fprintf(f, "session handle                : %d\n", s.handle);
    fprintf(f, "slot count                    : %d\n", s.slots);
    fprintf(f, "active sessions               : %d\n", s.active);
    if (s.has_session) {
        fprintf(f, "user id                       : %d\n", s.user_id);
        fprintf(f, "privilege level               : %s\n",
                ik_cli_priv_name(s.priv, pb, sizeof(pb)));
        fprintf(f, "session type                  : %s\n",
                s.protocol ? "IPMIv2/RMCP+" : "IPMIv1.5");
        fprintf(f, "channel number                : 0x%02x\n", s.channel);
        if (s.media == IK_SESSINFO_LAN) {
            fprintf(f, "console ip                    : %s\n", ip);
            fprintf(f, "console mac                   : %s\n", mac);
            fprintf(f, "console port                  : %d\n", s.port);
        } else if (s.media == IK_SESSINFO_SERIAL) {
            fprintf(f, "Session/Channel Activity Type : %s\n", activity(s.activity));
            fprintf(f, "Destination selector          : %d\n", s.dest);
            fprintf(f, "console ip                    : %s\n", ip);
            if (s.has_port)
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
    struct ik_session_info_req q = {.index = IK_SESSINFO_THIS};
    int all = 0;
    unsigned long v = 0;
    const char *kind = argv[2];
    if (strcmp(kind, "active") == 0) {
        q.index = IK_SESSINFO_THIS;
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
        if (id) {
            q.index = IK_SESSINFO_BY_ID;
            q.session_id = (uint32_t)v;
        } else {
            q.index = IK_SESSINFO_BY_HANDLE;
            q.handle = (uint8_t)v;
        }
    } else {
        ik_cli_error(cli, "Invalid SESSION info parameter: %s", kind);
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    struct ik_tr_rsp r;
    json_t *arr = cli->json ? json_array() : NULL;
    int status = IK_EXIT_OK;
    uint8_t req[IK_SESSINFO_REQ_MAX];
    size_t n = 0;
    if (!all) {
        if (ik_session_info_req_encode(&q, req, sizeof(req), &n) != 0 ||
            ik_cli_req(cli, IK_NETFN_APPL, CMD_GET_SESSION_INFO, req, n, &r) < 0)
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
            q.index = (uint8_t)i;
            if (ik_session_info_req_encode(&q, req, sizeof(req), &n) != 0 ||
                ik_cli_req(cli, IK_NETFN_APPL, CMD_GET_SESSION_INFO, req, n, &r) < 0) {
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
            struct ik_session_info si;
            sinfo_read(&r, &si);
            slots = si.slots;
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
