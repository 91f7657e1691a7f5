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

static json_t *session_json(const struct ik_tr_rsp *r)
{
    const uint8_t *d = r->data;
    json_t *o = json_object();
    IK_JSET(o, "session_handle", json_integer(d[0]));
    IK_JSET(o, "slot_count", json_integer(d[1] & 0x3F));
    IK_JSET(o, "active_sessions", json_integer(d[2] & 0x3F));
    if (r->len >= 6) {
        char pb[24];
        IK_JSET(o, "user_id", json_integer(d[3] & 0x3F));
        IK_JSET(o, "privilege", json_string(ik_cli_priv_name(d[4] & 0x0F, pb, sizeof(pb))));
        IK_JSET(o, "session_type", json_string(d[5] >> 4 ? "IPMIv2/RMCP+" : "IPMIv1.5"));
        IK_JSET(o, "channel", json_integer(d[5] & 0x0F));
    }
    if (r->len == 18) {
        char ip[16], mac[18];
        snprintf(ip, sizeof(ip), "%u.%u.%u.%u", d[6], d[7], d[8], d[9]);
        snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", d[10], d[11], d[12], d[13],
                 d[14], d[15]);
        IK_JSET(o, "console_ip", json_string(ip));
        IK_JSET(o, "console_mac", json_string(mac));
        IK_JSET(o, "console_port", json_integer(d[16] | d[17] << 8));
    }
    IK_JSET(o, "raw", ik_json_hex(d, r->len));
    return o;
}

static void session_text(struct ik_cli *cli, const struct ik_tr_rsp *r)
{
    FILE *f = cli->out;
    const uint8_t *d = r->data;
    size_t n = r->len;
    char pb[24], ip[16], mac[18];
    if (n >= 10)
        snprintf(ip, sizeof(ip), "%u.%u.%u.%u", n == 18 ? d[6] : d[8], n == 18 ? d[7] : d[9],
                 n == 18 ? d[8] : d[10], n == 18 ? d[9] : d[11]);
    if (n == 18)
        snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", d[10], d[11], d[12], d[13],
                 d[14], d[15]);
    if (cli->csv) {
        fprintf(f, "%d,%d,%d", d[0], d[1] & 0x3F, d[2] & 0x3F);
        if (n >= 6) {
            fprintf(f, ",%d,%s,%s,0x%02x", d[3] & 0x3F,
                    ik_cli_priv_name(d[4] & 0x0F, pb, sizeof(pb)),
                    d[5] >> 4 ? "IPMIv2/RMCP+" : "IPMIv1.5", d[5] & 0x0F);
            if (n == 18)
                fprintf(f, ",%s,%s,%d", ip, mac, d[16] | d[17] << 8);
            else if (n == 12 || n == 14) {
                fprintf(f, ",%s,%d,%s", activity(d[6]), d[7], ip);
                if (n == 14)
                    fprintf(f, ",%d", d[12] | d[13] << 8);
            }
        }
        fputc('\n', f);
        return;
    }
    fprintf(f, "session handle                : %d\n", d[0]);
    fprintf(f, "slot count                    : %d\n", d[1] & 0x3F);
    fprintf(f, "active sessions               : %d\n", d[2] & 0x3F);
    if (n >= 6) {
        fprintf(f, "user id                       : %d\n", d[3] & 0x3F);
        fprintf(f, "privilege level               : %s\n",
                ik_cli_priv_name(d[4] & 0x0F, pb, sizeof(pb)));
        fprintf(f, "session type                  : %s\n", d[5] >> 4 ? "IPMIv2/RMCP+" : "IPMIv1.5");
        fprintf(f, "channel number                : 0x%02x\n", d[5] & 0x0F);
        if (n == 18) {
            fprintf(f, "console ip                    : %s\n", ip);
            fprintf(f, "console mac                   : %s\n", mac);
            fprintf(f, "console port                  : %d\n", d[16] | d[17] << 8);
        } else if (n == 12 || n == 14) {
            fprintf(f, "Session/Channel Activity Type : %s\n", activity(d[6]));
            fprintf(f, "Destination selector          : %d\n", d[7]);
            fprintf(f, "console ip                    : %s\n", ip);
            if (n == 14)
                fprintf(f, "console port                  : %d\n", d[12] | d[13] << 8);
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
        req[0] = id ? 0xFF : 0xFE;
        if (id) {
            req[1] = (uint8_t)v;
            req[2] = (uint8_t)(v >> 8);
            req[3] = (uint8_t)(v >> 16);
            req[4] = (uint8_t)(v >> 24);
            n = 5;
        } else {
            req[1] = (uint8_t)v;
            n = 2;
        }
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
