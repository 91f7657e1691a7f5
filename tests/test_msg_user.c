/* NetFn App channel, user and session payloads (lib/msg_user.c): decode, encode, reserved
 * bits, and the lengths refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "msg_user.h"
#include "codectest.h"

/* ---- Set / Get Channel Access ----------------------------------------------------------- */

/* Channel 1; access: set non-volatile (40h), alerting off (20h), mode always available (2);
 * limit: set volatile (80h), ADMINISTRATOR (4). */
static const char chacc_set_hex[] = "01 62 84";

static void chan_access_set_req_decodes_every_field(void **state)
{
    (void)state;
    struct ik_chan_access_set_req q;
    DECODE_EXPECT(ik_chan_access_set_req_decode, chacc_set_hex, &q, 0);
    assert_int_equal(q.channel, 1);
    assert_int_equal(q.access_op, IK_CHACC_NONVOLATILE);
    assert_true(q.alerting_off);
    assert_false(q.per_msg_off);
    assert_false(q.user_auth_off);
    assert_int_equal(q.mode, IK_CHACC_ALWAYS);
    assert_int_equal(q.priv_op, IK_CHACC_VOLATILE);
    assert_int_equal(q.priv_limit, 4);
    /* both authentication-disable bits and mode 7 */
    DECODE_EXPECT(ik_chan_access_set_req_decode, "0e 1f 00", &q, 0);
    assert_int_equal(q.channel, 0x0E);
    assert_int_equal(q.access_op, IK_CHACC_LEAVE);
    assert_true(q.per_msg_off);
    assert_true(q.user_auth_off);
    assert_int_equal(q.mode, 7);
    assert_int_equal(q.priv_op, IK_CHACC_LEAVE);
    ROUND_TRIP(ik_chan_access_set_req_decode, ik_chan_access_set_req_encode,
               struct ik_chan_access_set_req, chacc_set_hex);
    ROUND_TRIP(ik_chan_access_set_req_decode, ik_chan_access_set_req_encode,
               struct ik_chan_access_set_req, "0e 9f 45");
}

static void chan_access_set_req_refuses_reserved_bits_and_operation_3(void **state)
{
    (void)state;
    struct ik_chan_access_set_req q = {.channel = 9};
    DECODE_EXPECT(ik_chan_access_set_req_decode, "11 62 84", &q, IK_E_BADFIELD); /* channel [7:4] */
    DECODE_EXPECT(ik_chan_access_set_req_decode, "01 e2 84", &q, IK_E_BADFIELD); /* access op 11b */
    DECODE_EXPECT(ik_chan_access_set_req_decode, "01 62 c4", &q, IK_E_BADFIELD); /* limit op 11b */
    DECODE_EXPECT(ik_chan_access_set_req_decode, "01 62 94", &q, IK_E_BADFIELD); /* limit [5:4] */
    assert_int_equal(q.channel, 9); /* untouched on failure */
    REJECTS_PREFIXES(ik_chan_access_set_req_decode, struct ik_chan_access_set_req, chacc_set_hex,
                     IK_E_TRUNCATED, IK_E_OVERSIZE);
}

static void chan_access_set_req_encode_refuses_out_of_range_fields(void **state)
{
    (void)state;
    uint8_t b[3];
    size_t w = 99;
    struct ik_chan_access_set_req q = {.channel = 16};
    assert_int_equal(ik_chan_access_set_req_encode(&q, b, sizeof(b), &w), IK_E_RANGE);
    q.channel = 1;
    q.access_op = 3;
    assert_int_equal(ik_chan_access_set_req_encode(&q, b, sizeof(b), &w), IK_E_RANGE);
    q.access_op = 0;
    q.mode = 8;
    assert_int_equal(ik_chan_access_set_req_encode(&q, b, sizeof(b), &w), IK_E_RANGE);
    q.mode = 0;
    q.priv_op = 3;
    assert_int_equal(ik_chan_access_set_req_encode(&q, b, sizeof(b), &w), IK_E_RANGE);
    q.priv_op = 0;
    q.priv_limit = 16;
    assert_int_equal(ik_chan_access_set_req_encode(&q, b, sizeof(b), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* Channel 1, the volatile setting (80h). */
static const char chacc_get_hex[] = "01 80";

static void chan_access_get_req_decodes_and_refuses_reserved_selectors(void **state)
{
    (void)state;
    struct ik_chan_access_get_req q;
    DECODE_EXPECT(ik_chan_access_get_req_decode, chacc_get_hex, &q, 0);
    assert_int_equal(q.channel, 1);
    assert_int_equal(q.which, IK_CHACC_VOLATILE);
    DECODE_EXPECT(ik_chan_access_get_req_decode, "0e 40", &q, 0);
    assert_int_equal(q.channel, 0x0E);
    assert_int_equal(q.which, IK_CHACC_NONVOLATILE);
    DECODE_EXPECT(ik_chan_access_get_req_decode, "01 00", &q, IK_E_BADFIELD); /* selector 00b */
    DECODE_EXPECT(ik_chan_access_get_req_decode, "01 c0", &q, IK_E_BADFIELD); /* selector 11b */
    DECODE_EXPECT(ik_chan_access_get_req_decode, "01 81", &q, IK_E_BADFIELD); /* [5:0] reserved */
    DECODE_EXPECT(ik_chan_access_get_req_decode, "21 80", &q, IK_E_BADFIELD); /* channel [7:4] */
    ROUND_TRIP(ik_chan_access_get_req_decode, ik_chan_access_get_req_encode,
               struct ik_chan_access_get_req, chacc_get_hex);
    REJECTS_PREFIXES(ik_chan_access_get_req_decode, struct ik_chan_access_get_req, chacc_get_hex,
                     IK_E_TRUNCATED, IK_E_OVERSIZE);
    uint8_t b[2];
    size_t w;
    struct ik_chan_access_get_req bad = {.channel = 1, .which = IK_CHACC_LEAVE};
    assert_int_equal(ik_chan_access_get_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.which = IK_CHACC_VOLATILE;
    bad.channel = 16;
    assert_int_equal(ik_chan_access_get_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
}

/* Alerting disabled, per-message and user-level auth enabled, always available; limit
 * ADMINISTRATOR. */
static const char chacc_rsp_hex[] = "22 04";

static void chan_access_decodes_every_field_and_ignores_reserved_bits(void **state)
{
    (void)state;
    struct ik_chan_access a;
    DECODE_EXPECT(ik_chan_access_decode, chacc_rsp_hex, &a, 0);
    assert_true(a.alerting_off);
    assert_false(a.per_msg_off);
    assert_false(a.user_auth_off);
    assert_int_equal(a.mode, IK_CHACC_ALWAYS);
    assert_int_equal(a.priv_limit, 4);
    /* reserved [7:6] and [7:4] set; both authentication bits */
    DECODE_EXPECT(ik_chan_access_decode, "d9 f3", &a, 0);
    assert_false(a.alerting_off);
    assert_true(a.per_msg_off);
    assert_true(a.user_auth_off);
    assert_int_equal(a.mode, IK_CHACC_PREBOOT);
    assert_int_equal(a.priv_limit, 3);
    ROUND_TRIP(ik_chan_access_decode, ik_chan_access_encode, struct ik_chan_access, chacc_rsp_hex);
    REJECTS_PREFIXES(ik_chan_access_decode, struct ik_chan_access, chacc_rsp_hex, IK_E_TRUNCATED,
                     IK_E_OVERSIZE);
    uint8_t b[2];
    size_t w;
    struct ik_chan_access bad = {.mode = 8};
    assert_int_equal(ik_chan_access_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.mode = 0;
    bad.priv_limit = 16;
    assert_int_equal(ik_chan_access_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
}

/* ---- Get Channel Info ------------------------------------------------------------------- */

/* Channel 1, 802.3 LAN, IPMB-1.0, multi-session with 3 active, IPMI Forum (7154 =
 * 001BF2h), auxiliary info 00 00. */
static const char chinfo_lan_hex[] = "01 04 01 83 f2 1b 00 00 00";
/* Channel 0Fh, system interface, KCS, session-less, IANA 7154, interrupts FF FF. */
static const char chinfo_sys_hex[] = "0f 0c 05 00 f2 1b 00 ff ff";

static void chan_info_decodes_every_field(void **state)
{
    (void)state;
    struct ik_chan_info c;
    DECODE_EXPECT(ik_chan_info_decode, chinfo_lan_hex, &c, 0);
    assert_int_equal(c.channel, 1);
    assert_int_equal(c.medium, IK_CHAN_MEDIUM_LAN);
    assert_int_equal(c.protocol, IK_CHAN_PROTO_IPMB);
    assert_int_equal(c.session_support, IK_CHAN_MULTI_SESSION);
    assert_int_equal(c.active_sessions, 3);
    assert_int_equal(c.vendor_iana, 7154);
    assert_memory_equal(c.aux, "\0\0", 2);
    DECODE_EXPECT(ik_chan_info_decode, chinfo_sys_hex, &c, 0);
    assert_int_equal(c.channel, 0x0F);
    assert_int_equal(c.medium, IK_CHAN_MEDIUM_SYSTEM);
    assert_int_equal(c.protocol, IK_CHAN_PROTO_KCS);
    assert_int_equal(c.session_support, IK_CHAN_SESSIONLESS);
    assert_int_equal(c.active_sessions, 0);
    assert_memory_equal(c.aux, "\xff\xff", 2);
    ROUND_TRIP(ik_chan_info_decode, ik_chan_info_encode, struct ik_chan_info, chinfo_lan_hex);
    ROUND_TRIP(ik_chan_info_decode, ik_chan_info_encode, struct ik_chan_info, chinfo_sys_hex);
}

static void chan_info_masks_reserved_bits_and_refuses_other_lengths(void **state)
{
    (void)state;
    struct ik_chan_info c;
    /* reserved bits of offsets 0, 1 and 2 set; session-based with 63 active */
    DECODE_EXPECT(ik_chan_info_decode, "f2 86 e1 ff 57 01 00 12 34", &c, 0);
    assert_int_equal(c.channel, 2);
    assert_int_equal(c.medium, 6);
    assert_int_equal(c.protocol, 1);
    assert_int_equal(c.session_support, IK_CHAN_SESSION_BASED);
    assert_int_equal(c.active_sessions, 63);
    assert_int_equal(c.vendor_iana, 0x157);
    REJECTS_PREFIXES(ik_chan_info_decode, struct ik_chan_info, chinfo_lan_hex, IK_E_TRUNCATED,
                     IK_E_OVERSIZE);
}

static void chan_info_encode_refuses_out_of_range_fields(void **state)
{
    (void)state;
    uint8_t b[IK_CHAN_INFO_LEN];
    size_t w = 99;
    struct ik_chan_info c = {.channel = 16};
    assert_int_equal(ik_chan_info_encode(&c, b, sizeof(b), &w), IK_E_RANGE);
    c.channel = 0;
    c.medium = 0x80;
    assert_int_equal(ik_chan_info_encode(&c, b, sizeof(b), &w), IK_E_RANGE);
    c.medium = 0;
    c.protocol = 0x20;
    assert_int_equal(ik_chan_info_encode(&c, b, sizeof(b), &w), IK_E_RANGE);
    c.protocol = 0;
    c.session_support = 4;
    assert_int_equal(ik_chan_info_encode(&c, b, sizeof(b), &w), IK_E_RANGE);
    c.session_support = 0;
    c.active_sessions = 64;
    assert_int_equal(ik_chan_info_encode(&c, b, sizeof(b), &w), IK_E_RANGE);
    c.active_sessions = 0;
    c.vendor_iana = 0x1000000;
    assert_int_equal(ik_chan_info_encode(&c, b, sizeof(b), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

/* ---- Set / Get User Access -------------------------------------------------------------- */

/* Change bits (80h), link auth (20h), IPMI messaging (10h), channel 1; user 5; OPERATOR;
 * session limit 2. */
static const char uacc_set_hex[] = "b1 05 03 02";

static void user_access_set_req_decodes_every_field(void **state)
{
    (void)state;
    struct ik_user_access_set_req q;
    DECODE_EXPECT(ik_user_access_set_req_decode, uacc_set_hex, &q, 0);
    assert_true(q.change_bits);
    assert_false(q.callback_only);
    assert_true(q.link_auth);
    assert_true(q.ipmi_messaging);
    assert_int_equal(q.channel, 1);
    assert_int_equal(q.user_id, 5);
    assert_int_equal(q.priv_limit, 3);
    assert_true(q.has_session_limit);
    assert_int_equal(q.session_limit, 2);
    /* 3 bytes: no session limit; callback only, no change; no access */
    DECODE_EXPECT(ik_user_access_set_req_decode, "4e 3f 0f", &q, 0);
    assert_false(q.change_bits);
    assert_true(q.callback_only);
    assert_int_equal(q.channel, 0x0E);
    assert_int_equal(q.user_id, 63);
    assert_int_equal(q.priv_limit, 0x0F);
    assert_false(q.has_session_limit);
    ROUND_TRIP(ik_user_access_set_req_decode, ik_user_access_set_req_encode,
               struct ik_user_access_set_req, uacc_set_hex);
    ROUND_TRIP(ik_user_access_set_req_decode, ik_user_access_set_req_encode,
               struct ik_user_access_set_req, "4e 3f 0f");
}

static void user_access_set_req_refuses_reserved_bits_and_lengths(void **state)
{
    (void)state;
    struct ik_user_access_set_req q = {.user_id = 7};
    DECODE_EXPECT(ik_user_access_set_req_decode, "b1 45 03 02", &q, IK_E_BADFIELD); /* uid [7:6] */
    DECODE_EXPECT(ik_user_access_set_req_decode, "b1 05 13 02", &q, IK_E_BADFIELD); /* priv [7:4] */
    DECODE_EXPECT(ik_user_access_set_req_decode, "b1 05 03 12", &q,
                  IK_E_BADFIELD); /* limit [7:4] */
    assert_int_equal(q.user_id, 7);
    DECODE_EXPECT(ik_user_access_set_req_decode, "", &q, IK_E_TRUNCATED);
    DECODE_EXPECT(ik_user_access_set_req_decode, "b1", &q, IK_E_TRUNCATED);
    DECODE_EXPECT(ik_user_access_set_req_decode, "b1 05", &q, IK_E_TRUNCATED);
    DECODE_EXPECT(ik_user_access_set_req_decode, "b1 05 03 02 00", &q, IK_E_OVERSIZE);
    uint8_t b[4];
    size_t w;
    struct ik_user_access_set_req bad = {.channel = 16};
    assert_int_equal(ik_user_access_set_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.channel = 1;
    bad.user_id = 64;
    assert_int_equal(ik_user_access_set_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.user_id = 1;
    bad.priv_limit = 16;
    assert_int_equal(ik_user_access_set_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.priv_limit = 1;
    bad.has_session_limit = true;
    bad.session_limit = 16;
    assert_int_equal(ik_user_access_set_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.session_limit = 0;
    assert_int_equal(ik_user_access_set_req_encode(&bad, b, 3, &w), IK_E_NOSPACE);
}

static void user_access_get_req_ignores_reserved_bits(void **state)
{
    (void)state;
    struct ik_user_access_get_req q;
    /* channel 1, user 2 */
    DECODE_EXPECT(ik_user_access_get_req_decode, "01 02", &q, 0);
    assert_int_equal(q.channel, 1);
    assert_int_equal(q.user_id, 2);
    /* reserved bits set: bmcd has always read them as channel 1, user 2 */
    DECODE_EXPECT(ik_user_access_get_req_decode, "f1 c2", &q, 0);
    assert_int_equal(q.channel, 1);
    assert_int_equal(q.user_id, 2);
    ROUND_TRIP(ik_user_access_get_req_decode, ik_user_access_get_req_encode,
               struct ik_user_access_get_req, "0e 3f");
    REJECTS_PREFIXES(ik_user_access_get_req_decode, struct ik_user_access_get_req, "01 02",
                     IK_E_TRUNCATED, IK_E_OVERSIZE);
    uint8_t b[2];
    size_t w;
    struct ik_user_access_get_req bad = {16, 1};
    assert_int_equal(ik_user_access_get_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.channel = 1;
    bad.user_id = 64;
    assert_int_equal(ik_user_access_get_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
}

/* 16 user IDs; this one enabled (40h) with 3 enabled in all; 1 fixed name; link auth and
 * IPMI messaging, ADMINISTRATOR. */
static const char uacc_rsp_hex[] = "10 43 01 34";

static void user_access_decodes_every_field(void **state)
{
    (void)state;
    struct ik_user_access a;
    DECODE_EXPECT(ik_user_access_decode, uacc_rsp_hex, &a, 0);
    assert_int_equal(a.max_ids, 16);
    assert_int_equal(a.enable_status, IK_USER_STATUS_ENABLED);
    assert_int_equal(a.enabled_ids, 3);
    assert_int_equal(a.fixed_ids, 1);
    assert_false(a.callback_only);
    assert_true(a.link_auth);
    assert_true(a.ipmi_messaging);
    assert_int_equal(a.priv_limit, 4);
    /* reserved bits set everywhere; disabled, callback only, no access */
    DECODE_EXPECT(ik_user_access_decode, "ff 80 c0 cf", &a, 0);
    assert_int_equal(a.max_ids, 63);
    assert_int_equal(a.enable_status, IK_USER_STATUS_DISABLED);
    assert_int_equal(a.enabled_ids, 0);
    assert_int_equal(a.fixed_ids, 0);
    assert_true(a.callback_only);
    assert_false(a.link_auth);
    assert_int_equal(a.priv_limit, 0x0F);
    ROUND_TRIP(ik_user_access_decode, ik_user_access_encode, struct ik_user_access, uacc_rsp_hex);
    REJECTS_PREFIXES(ik_user_access_decode, struct ik_user_access, uacc_rsp_hex, IK_E_TRUNCATED,
                     IK_E_OVERSIZE);
    uint8_t b[4];
    size_t w;
    struct ik_user_access bad = {.max_ids = 64};
    assert_int_equal(ik_user_access_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.max_ids = 0;
    bad.enable_status = 4;
    assert_int_equal(ik_user_access_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.enable_status = 0;
    bad.enabled_ids = 64;
    assert_int_equal(ik_user_access_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.enabled_ids = 0;
    bad.fixed_ids = 64;
    assert_int_equal(ik_user_access_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.fixed_ids = 0;
    bad.priv_limit = 16;
    assert_int_equal(ik_user_access_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
}

/* ---- Set / Get User Name ---------------------------------------------------------------- */

/* User 3, "admin" zero padded to 16. */
static const char uname_set_hex[] = "03 61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00";

static void user_name_set_req_decodes_and_refuses_inner_nul(void **state)
{
    (void)state;
    struct ik_user_name_set_req q;
    DECODE_EXPECT(ik_user_name_set_req_decode, uname_set_hex, &q, 0);
    assert_int_equal(q.user_id, 3);
    assert_string_equal(q.name, "admin");
    /* all 16 bytes used */
    DECODE_EXPECT(ik_user_name_set_req_decode, "3f 73 69 78 74 65 65 6e 2d 63 68 61 72 73 2d 6f 6b",
                  &q, 0);
    assert_int_equal(q.user_id, 63);
    assert_string_equal(q.name, "sixteen-chars-ok");
    /* empty name */
    DECODE_EXPECT(ik_user_name_set_req_decode, "02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                  &q, 0);
    assert_string_equal(q.name, "");
    q.user_id = 44;
    /* "ad" NUL "min": a NUL inside the name */
    DECODE_EXPECT(ik_user_name_set_req_decode, "03 61 64 00 6d 69 6e 00 00 00 00 00 00 00 00 00 00",
                  &q, IK_E_BADFIELD);
    /* reserved bits of the user ID byte */
    DECODE_EXPECT(ik_user_name_set_req_decode, "43 61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00",
                  &q, IK_E_BADFIELD);
    assert_int_equal(q.user_id, 44);
    ROUND_TRIP(ik_user_name_set_req_decode, ik_user_name_set_req_encode,
               struct ik_user_name_set_req, uname_set_hex);
    REJECTS_PREFIXES(ik_user_name_set_req_decode, struct ik_user_name_set_req, uname_set_hex,
                     IK_E_TRUNCATED, IK_E_OVERSIZE);
}

static void user_name_set_req_encode_refuses_long_names_and_user_ids(void **state)
{
    (void)state;
    uint8_t b[IK_USER_NAME_SET_REQ_LEN];
    size_t w = 99;
    struct ik_user_name_set_req q = {.user_id = 64};
    assert_int_equal(ik_user_name_set_req_encode(&q, b, sizeof(b), &w), IK_E_RANGE);
    q.user_id = 2;
    memset(q.name, 'x', sizeof(q.name)); /* no NUL: 17 characters */
    assert_int_equal(ik_user_name_set_req_encode(&q, b, sizeof(b), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

static void user_name_ends_at_first_nul_and_ignores_the_rest(void **state)
{
    (void)state;
    struct ik_user_name u;
    /* "root", NUL, then junk some BMCs leave behind */
    DECODE_EXPECT(ik_user_name_decode, "72 6f 6f 74 00 41 42 43 00 00 00 00 00 00 00 01", &u, 0);
    assert_string_equal(u.name, "root");
    /* 16 characters, no NUL */
    DECODE_EXPECT(ik_user_name_decode, "73 69 78 74 65 65 6e 2d 63 68 61 72 73 2d 6f 6b", &u, 0);
    assert_string_equal(u.name, "sixteen-chars-ok");
    ROUND_TRIP(ik_user_name_decode, ik_user_name_encode, struct ik_user_name,
               "61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00");
    REJECTS_PREFIXES(ik_user_name_decode, struct ik_user_name,
                     "61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00", IK_E_TRUNCATED,
                     IK_E_OVERSIZE);
    struct ik_user_name bad;
    memset(bad.name, 'x', sizeof(bad.name));
    uint8_t b[16];
    size_t w;
    assert_int_equal(ik_user_name_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
}

/* ---- Set User Password ------------------------------------------------------------------ */

/* 20-byte password (80h) for user 2; set (2); "password" zero padded to 20. */
static const char pw_set20_hex[] =
    "82 02 70 61 73 73 77 6f 72 64 00 00 00 00 00 00 00 00 00 00 00 00";
/* 16-byte test (3) for user 5: "x" zero padded to 16. */
static const char pw_test16_hex[] = "05 03 78 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

static void user_password_req_decodes_16_and_20_byte_forms(void **state)
{
    (void)state;
    struct ik_user_password_req q;
    DECODE_EXPECT(ik_user_password_req_decode, pw_set20_hex, &q, 0);
    assert_int_equal(q.user_id, 2);
    assert_true(q.twenty);
    assert_int_equal(q.op, IK_USER_PW_SET);
    assert_int_equal(q.password_len, 20);
    assert_memory_equal(q.password, "password\0\0\0\0\0\0\0\0\0\0\0\0", 20);
    assert_true(ik_user_password_req_len_ok(&q));
    DECODE_EXPECT(ik_user_password_req_decode, pw_test16_hex, &q, 0);
    assert_int_equal(q.user_id, 5);
    assert_false(q.twenty);
    assert_int_equal(q.op, IK_USER_PW_TEST);
    assert_int_equal(q.password_len, 16);
    assert_int_equal(q.password[0], 'x');
    assert_true(ik_user_password_req_len_ok(&q));
    /* enable user 7 without a password */
    DECODE_EXPECT(ik_user_password_req_decode, "07 01", &q, 0);
    assert_int_equal(q.op, IK_USER_PW_ENABLE);
    assert_int_equal(q.password_len, 0);
    assert_true(ik_user_password_req_len_ok(&q));
    ROUND_TRIP(ik_user_password_req_decode, ik_user_password_req_encode,
               struct ik_user_password_req, pw_set20_hex);
    ROUND_TRIP(ik_user_password_req_decode, ik_user_password_req_encode,
               struct ik_user_password_req, pw_test16_hex);
    ROUND_TRIP(ik_user_password_req_decode, ik_user_password_req_encode,
               struct ik_user_password_req, "07 01");
}

static void user_password_req_length_check_follows_size_bit_and_operation(void **state)
{
    (void)state;
    struct ik_user_password_req q;
    /* set with no password */
    DECODE_EXPECT(ik_user_password_req_decode, "02 02", &q, 0);
    assert_false(ik_user_password_req_len_ok(&q));
    /* 20-byte bit with 16 bytes */
    DECODE_EXPECT(ik_user_password_req_decode,
                  "82 02 70 61 73 73 77 6f 72 64 00 00 00 00 00 00 00 00", &q, 0);
    assert_false(ik_user_password_req_len_ok(&q));
    /* disable with a 16-byte password: allowed */
    DECODE_EXPECT(ik_user_password_req_decode,
                  "02 00 70 61 73 73 77 6f 72 64 00 00 00 00 00 00 00 00", &q, 0);
    assert_true(ik_user_password_req_len_ok(&q));
    /* enable with 3 bytes */
    DECODE_EXPECT(ik_user_password_req_decode, "02 01 01 02 03", &q, 0);
    assert_false(ik_user_password_req_len_ok(&q));
}

static void user_password_req_refuses_reserved_bits_and_lengths(void **state)
{
    (void)state;
    struct ik_user_password_req q = {.user_id = 9};
    DECODE_EXPECT(ik_user_password_req_decode, "42 01", &q, IK_E_BADFIELD); /* byte 0 bit 6 */
    DECODE_EXPECT(ik_user_password_req_decode, "02 05", &q, IK_E_BADFIELD); /* byte 1 [7:2] */
    assert_int_equal(q.user_id, 9);
    DECODE_EXPECT(ik_user_password_req_decode, "", &q, IK_E_TRUNCATED);
    DECODE_EXPECT(ik_user_password_req_decode, "02", &q, IK_E_TRUNCATED);
    size_t n;
    uint8_t *b = ik_test_hex(pw_set20_hex, &n);
    uint8_t big[IK_USER_PW_REQ_MAX + 1] = {0};
    memcpy(big, b, n);
    assert_int_equal(ik_user_password_req_decode(big, sizeof(big), &q), IK_E_OVERSIZE);
    free(b);
    uint8_t o[IK_USER_PW_REQ_MAX];
    size_t w;
    struct ik_user_password_req bad = {.user_id = 64};
    assert_int_equal(ik_user_password_req_encode(&bad, o, sizeof(o), &w), IK_E_RANGE);
    bad.user_id = 1;
    bad.op = 4;
    assert_int_equal(ik_user_password_req_encode(&bad, o, sizeof(o), &w), IK_E_RANGE);
    bad.op = 0;
    bad.password_len = 21;
    assert_int_equal(ik_user_password_req_encode(&bad, o, sizeof(o), &w), IK_E_RANGE);
}

/* ---- Get Session Info ------------------------------------------------------------------- */

static void session_info_req_decodes_each_index_form(void **state)
{
    (void)state;
    struct ik_session_info_req q;
    DECODE_EXPECT(ik_session_info_req_decode, "00", &q, 0);
    assert_int_equal(q.index, IK_SESSINFO_THIS);
    DECODE_EXPECT(ik_session_info_req_decode, "3f", &q, 0);
    assert_int_equal(q.index, 0x3F);
    /* by handle 02h */
    DECODE_EXPECT(ik_session_info_req_decode, "fe 02", &q, 0);
    assert_int_equal(q.index, IK_SESSINFO_BY_HANDLE);
    assert_int_equal(q.handle, 2);
    /* by session ID 12345678h, LS byte first */
    DECODE_EXPECT(ik_session_info_req_decode, "ff 78 56 34 12", &q, 0);
    assert_int_equal(q.index, IK_SESSINFO_BY_ID);
    assert_int_equal(q.session_id, 0x12345678);
    ROUND_TRIP(ik_session_info_req_decode, ik_session_info_req_encode, struct ik_session_info_req,
               "05");
    ROUND_TRIP(ik_session_info_req_decode, ik_session_info_req_encode, struct ik_session_info_req,
               "fe 02");
    ROUND_TRIP(ik_session_info_req_decode, ik_session_info_req_encode, struct ik_session_info_req,
               "ff 78 56 34 12");
}

static void session_info_req_refuses_reserved_index_before_length(void **state)
{
    (void)state;
    struct ik_session_info_req q = {.index = 7};
    DECODE_EXPECT(ik_session_info_req_decode, "40", &q, IK_E_BADFIELD);
    DECODE_EXPECT(ik_session_info_req_decode, "fd 01 02", &q, IK_E_BADFIELD);
    DECODE_EXPECT(ik_session_info_req_decode, "", &q, IK_E_TRUNCATED);
    DECODE_EXPECT(ik_session_info_req_decode, "01 00", &q, IK_E_OVERSIZE);
    DECODE_EXPECT(ik_session_info_req_decode, "fe", &q, IK_E_TRUNCATED);
    DECODE_EXPECT(ik_session_info_req_decode, "fe 01 00", &q, IK_E_OVERSIZE);
    DECODE_EXPECT(ik_session_info_req_decode, "ff 01 02 03", &q, IK_E_TRUNCATED);
    DECODE_EXPECT(ik_session_info_req_decode, "ff 01 02 03 04 05", &q, IK_E_OVERSIZE);
    assert_int_equal(q.index, 7);
    uint8_t b[5];
    size_t w;
    struct ik_session_info_req bad = {.index = 0x40};
    assert_int_equal(ik_session_info_req_encode(&bad, b, sizeof(b), &w), IK_E_RANGE);
    bad.index = IK_SESSINFO_BY_ID;
    assert_int_equal(ik_session_info_req_encode(&bad, b, 4, &w), IK_E_NOSPACE);
}

/* Handle 3 of 16 possible sessions, 2 active; user 2, ADMINISTRATOR, RMCP+ (10h) on channel
 * 1; console 192.168.0.10, MAC 00:11:22:33:44:55, port 623 (026Fh, LS byte first). */
static const char sinfo_lan_hex[] = "03 10 02 02 04 11 c0 a8 00 0a 00 11 22 33 44 55 6f 02";
/* Serial: handle 1; user 3, USER, IPMI 1.5, channel 2; activity 1, destination 4, IP
 * 10.0.0.1, port 8000 (1F40h). */
static const char sinfo_serial_hex[] = "01 04 01 03 02 02 01 04 0a 00 00 01 40 1f";

static void session_info_decodes_the_lan_form(void **state)
{
    (void)state;
    struct ik_session_info s;
    DECODE_EXPECT(ik_session_info_decode, sinfo_lan_hex, &s, 0);
    assert_int_equal(s.handle, 3);
    assert_int_equal(s.slots, 16);
    assert_int_equal(s.active, 2);
    assert_true(s.has_session);
    assert_int_equal(s.user_id, 2);
    assert_int_equal(s.priv, 4);
    assert_int_equal(s.protocol, 1);
    assert_int_equal(s.channel, 1);
    assert_int_equal(s.media, IK_SESSINFO_LAN);
    assert_memory_equal(s.ip, "\xc0\xa8\x00\x0a", 4);
    assert_memory_equal(s.mac, "\x00\x11\x22\x33\x44\x55", 6);
    assert_true(s.has_port);
    assert_int_equal(s.port, 623);
    ROUND_TRIP(ik_session_info_decode, ik_session_info_encode, struct ik_session_info,
               sinfo_lan_hex);
}

static void session_info_decodes_serial_base_and_no_session_forms(void **state)
{
    (void)state;
    struct ik_session_info s;
    DECODE_EXPECT(ik_session_info_decode, sinfo_serial_hex, &s, 0);
    assert_int_equal(s.media, IK_SESSINFO_SERIAL);
    assert_int_equal(s.user_id, 3);
    assert_int_equal(s.priv, 2);
    assert_int_equal(s.protocol, 0);
    assert_int_equal(s.channel, 2);
    assert_int_equal(s.activity, 1);
    assert_int_equal(s.dest, 4);
    assert_memory_equal(s.ip, "\x0a\x00\x00\x01", 4);
    assert_true(s.has_port);
    assert_int_equal(s.port, 8000);
    /* the same without its port: 12 bytes */
    DECODE_EXPECT(ik_session_info_decode, "01 04 01 03 02 02 01 04 0a 00 00 01", &s, 0);
    assert_int_equal(s.media, IK_SESSINFO_SERIAL);
    assert_false(s.has_port);
    /* 6 bytes (no channel tail), reserved bits set */
    DECODE_EXPECT(ik_session_info_decode, "05 ff ff ff f4 1f", &s, 0);
    assert_int_equal(s.slots, 63);
    assert_int_equal(s.active, 63);
    assert_int_equal(s.user_id, 63);
    assert_int_equal(s.priv, 4);
    assert_int_equal(s.protocol, 1);
    assert_int_equal(s.channel, 0x0F);
    assert_int_equal(s.media, IK_SESSINFO_BASE);
    /* no active session matched: 3 bytes */
    DECODE_EXPECT(ik_session_info_decode, "00 10 00", &s, 0);
    assert_int_equal(s.handle, 0);
    assert_false(s.has_session);
    ROUND_TRIP(ik_session_info_decode, ik_session_info_encode, struct ik_session_info,
               sinfo_serial_hex);
    ROUND_TRIP(ik_session_info_decode, ik_session_info_encode, struct ik_session_info,
               "01 04 01 03 02 02 01 04 0a 00 00 01");
    ROUND_TRIP(ik_session_info_decode, ik_session_info_encode, struct ik_session_info,
               "05 3f 3f 3f 04 1f");
    ROUND_TRIP(ik_session_info_decode, ik_session_info_encode, struct ik_session_info, "00 10 00");
}

static void session_info_refuses_lengths_between_its_forms(void **state)
{
    (void)state;
    size_t n;
    uint8_t *full = ik_test_hex(sinfo_lan_hex, &n);
    struct ik_session_info s = {.handle = 77};
    for (size_t len = 0; len <= n; len++) {
        uint8_t *p = ik_test_dup(full, len);
        int want =
            (len == 3 || len == 6 || len == 12 || len == 14 || len == 18) ? 0 : IK_E_TRUNCATED;
        struct ik_session_info t;
        assert_int_equal(ik_session_info_decode(p, len, &t), want);
        free(p);
    }
    uint8_t big[IK_SESSINFO_MAX + 1] = {0};
    memcpy(big, full, n);
    assert_int_equal(ik_session_info_decode(big, sizeof(big), &s), IK_E_OVERSIZE);
    assert_int_equal(s.handle, 77);
    free(full);
}

static void session_info_encode_refuses_out_of_range_fields(void **state)
{
    (void)state;
    uint8_t b[IK_SESSINFO_MAX];
    size_t w = 99;
    struct ik_session_info s = {.slots = 64};
    assert_int_equal(ik_session_info_encode(&s, b, sizeof(b), &w), IK_E_RANGE);
    s.slots = 0;
    s.has_session = true;
    s.user_id = 64;
    assert_int_equal(ik_session_info_encode(&s, b, sizeof(b), &w), IK_E_RANGE);
    s.user_id = 0;
    s.protocol = 16;
    assert_int_equal(ik_session_info_encode(&s, b, sizeof(b), &w), IK_E_RANGE);
    s.protocol = 0;
    s.media = IK_SESSINFO_LAN; /* without its port */
    assert_int_equal(ik_session_info_encode(&s, b, sizeof(b), &w), IK_E_RANGE);
    s.media = 3;
    assert_int_equal(ik_session_info_encode(&s, b, sizeof(b), &w), IK_E_RANGE);
    assert_int_equal(w, 99);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chan_access_set_req_decodes_every_field),
        cmocka_unit_test(chan_access_set_req_refuses_reserved_bits_and_operation_3),
        cmocka_unit_test(chan_access_set_req_encode_refuses_out_of_range_fields),
        cmocka_unit_test(chan_access_get_req_decodes_and_refuses_reserved_selectors),
        cmocka_unit_test(chan_access_decodes_every_field_and_ignores_reserved_bits),
        cmocka_unit_test(chan_info_decodes_every_field),
        cmocka_unit_test(chan_info_masks_reserved_bits_and_refuses_other_lengths),
        cmocka_unit_test(chan_info_encode_refuses_out_of_range_fields),
        cmocka_unit_test(user_access_set_req_decodes_every_field),
        cmocka_unit_test(user_access_set_req_refuses_reserved_bits_and_lengths),
        cmocka_unit_test(user_access_get_req_ignores_reserved_bits),
        cmocka_unit_test(user_access_decodes_every_field),
        cmocka_unit_test(user_name_set_req_decodes_and_refuses_inner_nul),
        cmocka_unit_test(user_name_set_req_encode_refuses_long_names_and_user_ids),
        cmocka_unit_test(user_name_ends_at_first_nul_and_ignores_the_rest),
        cmocka_unit_test(user_password_req_decodes_16_and_20_byte_forms),
        cmocka_unit_test(user_password_req_length_check_follows_size_bit_and_operation),
        cmocka_unit_test(user_password_req_refuses_reserved_bits_and_lengths),
        cmocka_unit_test(session_info_req_decodes_each_index_form),
        cmocka_unit_test(session_info_req_refuses_reserved_index_before_length),
        cmocka_unit_test(session_info_decodes_the_lan_form),
        cmocka_unit_test(session_info_decodes_serial_base_and_no_session_forms),
        cmocka_unit_test(session_info_refuses_lengths_between_its_forms),
        cmocka_unit_test(session_info_encode_refuses_out_of_range_fields),
    };
    return cmocka_run_group_tests(tests, NULL, codectest_free);
}
