/*
 * ipmikit user: summary / list [CHANNEL], set name ID NAME, set password ID [PASSWORD
 * [16|20]], enable / disable ID, priv ID LEVEL [CHANNEL], test ID 16|20 PASSWORD. Text is
 * ipmitool 1.8.19's (list prints every user ID up to the maximum, as 1.8.19 does); --json
 * gives docs/json/user.md.
 *
 * Payloads (IPMI 2.0 sections 22.26-22.30: Set / Get User Access, Set User Name, Get User
 * Name response, Set User Password): lib/msg_user.h.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "msg_user.h"
#include "util.h"

#define CMD_SET_USER_ACCESS 0x43
#define CMD_GET_USER_ACCESS 0x44
#define CMD_SET_USER_NAME   0x45
#define CMD_GET_USER_NAME   0x46
#define CMD_SET_USER_PASSWD 0x47

#define CH_CURRENT 0x0E

static void usage(FILE *f)
{
    fputs("User Commands:\n"
          "               summary      [<channel number>]\n"
          "               list         [<channel number>]\n"
          "               set name     <user id> <username>\n"
          "               set password <user id> [<password> <16|20>]\n"
          "               disable      <user id>\n"
          "               enable       <user id>\n"
          "               priv         <user id> <privilege level> [<channel number>]\n"
          "                     Privilege levels:\n"
          "                      * 0x1 - Callback\n"
          "                      * 0x2 - User\n"
          "                      * 0x3 - Operator\n"
          "                      * 0x4 - Administrator\n"
          "                      * 0x5 - OEM Proprietary\n"
          "                      * 0xF - No Access\n"
          "\n"
          "               test         <user id> <16|20> [<password]>\n\n",
          f);
}

/* 0, 1 (CC, printed), -1 (transport or length, printed). */
static int get_access(struct ik_cli *cli, uint8_t ch, uint8_t uid, struct ik_user_access *a)
{
    struct ik_user_access_get_req q = {(uint8_t)(ch & 0x0F), (uint8_t)(uid & 0x3F)};
    uint8_t req[IK_USER_ACCESS_GET_REQ_LEN];
    size_t n = 0;
    if (ik_user_access_get_req_encode(&q, req, sizeof(req), &n) != 0)
        return -1; /* cannot happen: both fields are masked */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_USER_ACCESS, req, n, &r,
                         IK_USER_ACCESS_RSP_LEN, "Get User Access");
    if (rc > 0)
        ik_cli_error(cli, "Get User Access command failed (channel %d, user %d): %s", ch, uid,
                     IK_CC_TEXT(r.cc));
    if (rc)
        return rc;
    /* At least 4 bytes (checked by the call); like ipmitool, ignore any more. */
    if (ik_user_access_decode(r.data, IK_USER_ACCESS_RSP_LEN, a) != 0)
        return -1; /* cannot happen: the length is the one the decoder takes */
    return 0;
}

/* The name as a C string (17 bytes), stopping at the first NUL. */
static int get_name(struct ik_cli *cli, uint8_t uid, char name[17])
{
    uint8_t req = uid & 0x3F;
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_GET_USER_NAME, &req, 1, &r, IK_USER_NAME_RSP_LEN,
                         "Get User Name");
    if (rc > 0 && r.cc == 0xCC) {
        /* No name for this ID (OpenIPMI says so for the null user): an empty name. */
        name[0] = '\0';
        return 0;
    }
    if (rc > 0)
        ik_cli_error(cli, "Get User Name command failed (user %d): %s", uid, IK_CC_TEXT(r.cc));
    if (rc)
        return rc;
    /* At least 16 bytes (checked by the call); like ipmitool, ignore any more. */
    struct ik_user_name un;
    if (ik_user_name_decode(r.data, IK_USER_NAME_RSP_LEN, &un) != 0)
        return -1; /* cannot happen: the length is the one the decoder takes */
    memcpy(name, un.name, sizeof(un.name));
    return 0;
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

static json_t *access_json(uint8_t uid, const char *name, const struct ik_user_access *a)
{
    char pb[24];
    json_t *o = json_object();
    IK_JSET(o, "user_id", json_integer(uid));
    IK_JSET(o, "name", json_string(name));
    IK_JSET(o, "callin", json_boolean(!a->callback_only));
    IK_JSET(o, "link_auth", json_boolean(a->link_auth));
    IK_JSET(o, "ipmi_messaging", json_boolean(a->ipmi_messaging));
    IK_JSET(o, "privilege_limit", json_integer(a->priv_limit));
    IK_JSET(o, "privilege_name", json_string(ik_cli_priv_name(a->priv_limit, pb, sizeof(pb))));
    return o;
}

static int user_list(struct ik_cli *cli, uint8_t ch)
{
    json_t *arr = cli->json ? json_array() : NULL;
    int header = 0, status = IK_EXIT_OK;
    uint8_t max = 1;
    for (uint8_t uid = 1; uid <= max && uid <= 63; uid++) {
        struct ik_user_access a;
        char name[17];
        if (get_access(cli, ch, uid, &a) || get_name(cli, uid, name)) {
            status = IK_EXIT_FAIL;
            break;
        }
        max = a.max_ids;
        char pb[24];
        const char *priv = ik_cli_priv_name(a.priv_limit, pb, sizeof(pb));
        if (arr) {
            json_array_append_new(arr, access_json(uid, name, &a));
        } else if (cli->csv) {
            fprintf(cli->out, "%d,%s,%s,%s,%s,%s\n", uid, name, a.callback_only ? "false" : "true",
                    a.link_auth ? "true" : "false", a.ipmi_messaging ? "true" : "false", priv);
        } else {
            if (!header) {
                fputs("ID  Name\t     Callin  Link Auth\tIPMI Msg   Channel Priv Limit\n",
                      cli->out);
                header = 1;
            }
            fprintf(cli->out, "%-4d%-17s%-8s%-11s%-11s%-s\n", uid, name,
                    a.callback_only ? "false" : "true ", a.link_auth ? "true " : "false",
                    a.ipmi_messaging ? "true " : "false", priv);
        }
    }
    if (arr)
        ik_json_print(cli, arr);
    return status;
}

static int user_summary(struct ik_cli *cli, uint8_t ch)
{
    struct ik_user_access a;
    if (get_access(cli, ch, 1, &a))
        return IK_EXIT_FAIL;
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "max_user_ids", json_integer(a.max_ids));
        IK_JSET(o, "enabled_user_count", json_integer(a.enabled_ids));
        IK_JSET(o, "fixed_name_count", json_integer(a.fixed_ids));
        return ik_json_print(cli, o);
    }
    if (cli->csv) {
        fprintf(cli->out, "%u,%u,%u\n", a.max_ids, a.enabled_ids, a.fixed_ids);
    } else {
        fprintf(cli->out, "Maximum IDs\t    : %u\n", a.max_ids);
        fprintf(cli->out, "Enabled User Count  : %u\n", a.enabled_ids);
        fprintf(cli->out, "Fixed Name Count    : %u\n", a.fixed_ids);
    }
    return IK_EXIT_OK;
}

static int json_done(struct ik_cli *cli, const char *action, uint8_t uid)
{
    if (!cli->json)
        return IK_EXIT_OK;
    json_t *o = json_object();
    IK_JSET(o, "action", json_string(action));
    IK_JSET(o, "user_id", json_integer(uid));
    IK_JSET(o, "ok", json_true());
    return ik_json_print(cli, o);
}

static int set_name(struct ik_cli *cli, uint8_t uid, const char *name)
{
    size_t n = strlen(name);
    if (n > 16) {
        ik_cli_error(cli, "Username is too long (> 16 bytes)");
        return IK_EXIT_USAGE;
    }
    struct ik_user_name_set_req q = {.user_id = uid};
    memcpy(q.name, name, n + 1);
    uint8_t req[IK_USER_NAME_SET_REQ_LEN];
    size_t qn = 0;
    if (ik_user_name_set_req_encode(&q, req, sizeof(req), &qn) != 0)
        return IK_EXIT_FAIL; /* cannot happen: user ID parsed, name length checked */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_SET_USER_NAME, req, qn, &r, 0, "Set User Name");
    if (rc > 0)
        ik_cli_error(cli, "Set User Name command failed (user %d, name %s): %s", uid, name,
                     IK_CC_TEXT(r.cc));
    if (rc)
        return IK_EXIT_FAIL;
    return json_done(cli, "set_name", uid);
}

/* Set User Password with an operation (0 disable, 1 enable, 2 set, 3 test). Returns the CC
 * (printed unless quiet), or -1. */
static int set_password(struct ik_cli *cli, uint8_t uid, uint8_t op, const char *pw, int twenty,
                        int quiet)
{
    /* The password field is always sent, zero padded (empty for enable / disable). */
    struct ik_user_password_req q = {
        .user_id = uid,
        .twenty = twenty,
        .op = op,
        .password_len = twenty ? 20 : 16,
    };
    if (pw)
        memcpy(q.password, pw, strnlen(pw, q.password_len));
    uint8_t req[IK_USER_PW_REQ_MAX];
    size_t n = 0;
    int rc = ik_user_password_req_encode(&q, req, sizeof(req), &n);
    memset(&q, 0, sizeof(q));
    struct ik_tr_rsp r;
    if (rc == 0)
        rc = ik_cli_req(cli, IK_NETFN_APPL, CMD_SET_USER_PASSWD, req, n, &r);
    memset(req, 0, sizeof(req));
    if (rc < 0)
        return -1; /* the encoder cannot fail: user ID parsed, operation 0-3 */
    if (r.cc && !quiet)
        ik_cli_error(cli, "Set User Password command failed (user %d): %s", uid, IK_CC_TEXT(r.cc));
    return r.cc;
}

static int user_password(struct ik_cli *cli, int argc, char **argv)
{
    /* argv: set password ID [PASSWORD [16|20]] */
    uint8_t uid;
    if (parse_uid(cli, argv[2], &uid) < 0)
        return IK_EXIT_USAGE;
    const char *pw;
    char *p1 = NULL;
    unsigned long size = 16;
    if (argc == 3) {
        char *a = getpass("Password for user: ");
        if (!a)
            return IK_EXIT_FAIL;
        p1 = strdup(a);
        char *b = getpass("Password for user: ");
        if (!p1 || !b || strcmp(p1, b)) {
            ik_cli_error(cli, "Passwords do not match.");
            free(p1);
            return IK_EXIT_FAIL;
        }
        pw = p1;
    } else {
        pw = argv[3];
        if (argc > 4 && (ik_cli_num(argv[4], 20, &size) < 0 || (size != 16 && size != 20))) {
            ik_cli_error(cli, "Invalid password length '%s'", argv[4]);
            return IK_EXIT_USAGE;
        }
    }
    if (strlen(pw) > 20) {
        ik_cli_error(cli, "Password is too long (> 20 bytes)");
        free(p1);
        return IK_EXIT_USAGE;
    }
    int rc = set_password(cli, uid, 2, pw, size > 16 || strlen(pw) > 16, 0);
    free(p1);
    if (rc)
        return IK_EXIT_FAIL;
    if (cli->json)
        return json_done(cli, "set_password", uid);
    fprintf(cli->out, "Set User Password command successful (user %d)\n", uid);
    return IK_EXIT_OK;
}

static int user_test(struct ik_cli *cli, int argc, char **argv)
{
    uint8_t uid;
    unsigned long size;
    if (argc != 4 && argc != 5) {
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    if (parse_uid(cli, argv[2], &uid) < 0)
        return IK_EXIT_USAGE;
    if (ik_cli_num(argv[3], 20, &size) < 0 || (size != 16 && size != 20)) {
        ik_cli_error(cli, "Given password length '%s' is invalid.", argv[3]);
        ik_cli_error(cli, "Expected value is either 16 or 20.");
        return IK_EXIT_USAGE;
    }
    const char *pw = argc == 5 ? argv[4] : getpass("Password for user: ");
    if (!pw)
        return IK_EXIT_FAIL;
    int rc = set_password(cli, uid, 3, pw, size == 20, 1);
    if (rc < 0)
        return IK_EXIT_FAIL;
    const char *res = rc == 0      ? "Success"
                      : rc == 0x80 ? "Failure: password incorrect"
                      : rc == 0x81 ? "Failure: wrong password size"
                                   : "Unknown error";
    if (cli->json) {
        json_t *o = json_object();
        IK_JSET(o, "user_id", json_integer(uid));
        IK_JSET(o, "password_ok", json_boolean(rc == 0));
        IK_JSET(o, "result", json_string(res));
        ik_json_print(cli, o);
    } else {
        fprintf(cli->out, "%s\n", res);
    }
    return rc == 0 ? IK_EXIT_OK : IK_EXIT_FAIL;
}

static int user_priv(struct ik_cli *cli, int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    uint8_t uid, ch = CH_CURRENT;
    unsigned long priv;
    if (argc == 5 && parse_channel(cli, argv[4], &ch) < 0)
        return IK_EXIT_USAGE;
    int named = ik_cli_priv_parse(argv[3]);
    if (named > 0)
        priv = (unsigned long)named;
    else if (ik_cli_num(argv[3], 0x0F, &priv) < 0 || ((priv < 1 || priv > 5) && priv != 0x0F)) {
        ik_cli_error(cli, "Invalid privilege limit '%s'", argv[3]);
        return IK_EXIT_USAGE;
    }
    if (parse_uid(cli, argv[2], &uid) < 0)
        return IK_EXIT_USAGE;
    /* Set User Access changing the privilege limit only (flags left alone), session limit
     * 0 (the channel's only). */
    struct ik_user_access_set_req q = {
        .channel = (uint8_t)(ch & 0x0F),
        .user_id = uid,
        .priv_limit = (uint8_t)priv,
        .has_session_limit = true,
    };
    uint8_t req[IK_USER_ACCESS_SET_REQ_MAX];
    size_t n = 0;
    if (ik_user_access_set_req_encode(&q, req, sizeof(req), &n) != 0)
        return IK_EXIT_FAIL; /* cannot happen: every field was parsed in range */
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_APPL, CMD_SET_USER_ACCESS, req, n, &r, 0, "Set User Access");
    if (rc) {
        if (rc > 0)
            ik_cli_error(cli, "%s", IK_CC_TEXT(r.cc));
        ik_cli_error(cli, "Set Privilege Level command failed (user %d)", uid);
        return IK_EXIT_FAIL;
    }
    if (cli->json)
        return json_done(cli, "priv", uid);
    fprintf(cli->out, "Set Privilege Level command successful (user %d)\n", uid);
    return IK_EXIT_OK;
}

int ik_cmd_user(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "Not enough parameters given.");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "help") == 0) {
        usage(cli->out);
        return IK_EXIT_OK;
    }
    if (strcmp(sub, "summary") == 0 || strcmp(sub, "list") == 0) {
        uint8_t ch = CH_CURRENT;
        if (argc > 3) {
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
        if (argc == 3 && parse_channel(cli, argv[2], &ch) < 0)
            return IK_EXIT_USAGE;
        return sub[0] == 's' ? user_summary(cli, ch) : user_list(cli, ch);
    }
    if (strcmp(sub, "set") == 0) {
        if (argc >= 4 && strcmp(argv[2], "password") == 0)
            return user_password(cli, argc - 1, argv + 1);
        if (argc == 5 && strcmp(argv[2], "name") == 0) {
            uint8_t uid;
            if (parse_uid(cli, argv[3], &uid) < 0)
                return IK_EXIT_USAGE;
            return set_name(cli, uid, argv[4]);
        }
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    if (strcmp(sub, "test") == 0)
        return user_test(cli, argc, argv);
    if (strcmp(sub, "priv") == 0)
        return user_priv(cli, argc, argv);
    if (strcmp(sub, "enable") == 0 || strcmp(sub, "disable") == 0) {
        uint8_t uid;
        if (argc != 3) {
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
        if (parse_uid(cli, argv[2], &uid) < 0)
            return IK_EXIT_USAGE;
        if (set_password(cli, uid, sub[0] == 'e' ? 1 : 0, NULL, 0, 0))
            return IK_EXIT_FAIL;
        return json_done(cli, sub, uid);
    }
    ik_cli_error(cli, "Invalid user command: '%s'", sub);
    usage(cli->err);
    return IK_EXIT_USAGE;
}
