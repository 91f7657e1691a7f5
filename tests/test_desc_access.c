/* The access sections of a machine description (bmcd/desc_access.c): users, channels,
 * security and lan, their defaults, and errors that name file, line, column and field. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "desc.h"
#include "ipmikit/error.h"
#include "lanmsg.h"

static int parse(const char *text, struct ik_machine *m, struct ik_desc *d)
{
    ik_machine_defaults(m);
    int rc = ik_desc_load_text(d, "t.yaml", text, strlen(text));
    if (rc)
        return rc;
    yaml_node_t *root = ik_desc_root(d);
    return ik_desc_parse_machine(d, ik_desc_get(d, root, "machine"), "machine", m);
}

static void defaults_are_admin_password_md5_and_no_suite_0(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    assert_int_equal(parse("machine: {name: x}\n", &m, &d), 0);
    const struct ik_machine_access *a = &m.access;
    assert_true(a->users[2].defined);
    assert_string_equal(a->users[2].name, "admin");
    assert_memory_equal(a->users[2].password, "password\0\0\0\0", 12);
    assert_int_equal(a->users[2].priv, IK_PRIV_ADMIN);
    assert_true(a->users[1].defined);
    assert_false(a->users[1].enabled);
    assert_int_equal(a->security.auth15, IK_AUTHCAP_MD5);
    assert_false(a->security.cipher_suite_0);
    assert_false(a->security.null_users);
    assert_false(a->security.anonymous);
    assert_int_equal(a->lan.suite_priv[0], 0);
    assert_int_equal(a->lan.suite_priv[3], IK_PRIV_ADMIN);
    assert_int_equal(a->lan.suite_priv[4], 0); /* xRC4 */
    assert_int_equal(a->channel.max_sessions, 16);
    assert_int_equal(a->security.session_timeout_s, 60);
    ik_desc_free(&d);
}

static void users_section_replaces_the_defaults(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  users:\n"
                    "    - {name: root, password: calvin, privilege: administrator}\n"
                    "    - {id: 5, name: viewer, password: v, privilege: user,\n"
                    "       enabled: false, session_limit: 2}\n"
                    "    - {name: twenty, password: 12345678901234567890, privilege: oem}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    const struct ik_machine_user *u = m.access.users;
    assert_string_equal(u[2].name, "root");
    assert_int_equal(u[2].password_size, 16);
    assert_string_equal(u[5].name, "viewer");
    assert_false(u[5].enabled);
    assert_int_equal(u[5].session_limit, 2);
    assert_int_equal(u[5].priv, IK_PRIV_USER);
    assert_string_equal(u[3].name, "twenty");
    assert_int_equal(u[3].password_size, 20);
    assert_int_equal(u[3].priv, IK_PRIV_OEM);
    assert_false(u[4].defined);
    ik_desc_free(&d);
}

static void user_errors_are_reported_with_their_place(void **state)
{
    (void)state;
    static const struct {
        const char *yaml, *want;
    } cases[] = {
        {"machine:\n  users:\n    - {name: a, privilege: boss}\n",
         "t.yaml:3:28: machine.users[0].privilege: unknown value 'boss' (expected one of: "
         "callback, user, operator, administrator, oem, no_access)"},
        {"machine:\n  users:\n    - {name: a}\n    - {name: a}\n",
         "t.yaml:4:7: machine.users[1]: two users are called 'a'"},
        {"machine:\n  users:\n    - {id: 1, name: x}\n",
         "machine.users[0]: user 1 is the null user"},
        {"machine:\n  users:\n    - {password: x}\n", "needs a name"},
        {"machine:\n  users:\n    - {name: a, password: 123456789012345678901}\n",
         "password longer than 20 characters"},
        {"machine:\n  users:\n    - {name: seventeen-letters}\n", "longer than 16"},
        {"machine:\n  users:\n    - {name: a, colour: red}\n", "unknown key 'colour'"},
        {"machine:\n  users:\n    - {id: 17, name: a}\n", "out of range 1..16"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ik_machine m;
        struct ik_desc d;
        assert_int_equal(parse(cases[i].yaml, &m, &d), IK_E_SYNTAX);
        if (!strstr(d.err, cases[i].want))
            fail_msg("case %zu: '%s' lacks '%s'", i, d.err, cases[i].want);
        ik_desc_free(&d);
    }
}

static void security_and_lan_sections(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    const char *y = "machine:\n"
                    "  channels:\n"
                    "    lan: {number: 2, access: always, privilege_limit: operator,\n"
                    "          max_sessions: 4, max_half_open: 8, alerting: false}\n"
                    "  security:\n"
                    "    ipmi15: [md5, password]\n"
                    "    cipher_suite_0: user\n"
                    "    null_users: true\n"
                    "    anonymous_login: true\n"
                    "    kg: secretkey\n"
                    "    lockout: {attempts: 3, window: 300, duration: 0}\n"
                    "    session_timeout: 30\n"
                    "  lan:\n"
                    "    ip: 192.0.2.10\n"
                    "    ip_source: dhcp\n"
                    "    mac: 02:00:00:aa:bb:cc\n"
                    "    gateway: 192.0.2.1\n"
                    "    vlan: 42\n"
                    "    cipher_suites: {0: callback, 3: administrator, 17: operator}\n"
                    "    auth_types: {administrator: [password], user: [md5]}\n";
    assert_int_equal(parse(y, &m, &d), 0);
    const struct ik_machine_access *a = &m.access;
    assert_int_equal(a->channel.number, 2);
    assert_int_equal(a->channel.priv_limit, IK_PRIV_OPERATOR);
    assert_int_equal(a->channel.max_sessions, 4);
    assert_int_equal(a->channel.max_half_open, 8);
    assert_true(a->channel.alerting_off);
    assert_int_equal(a->security.auth15, IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD);
    assert_true(a->security.cipher_suite_0);
    assert_true(a->security.null_users && a->security.anonymous && a->security.kg_set);
    assert_memory_equal(a->security.kg, "secretkey\0", 10);
    assert_int_equal(a->security.lockout_attempts, 3);
    assert_int_equal(a->security.lockout_s, 0);
    assert_int_equal(a->security.session_timeout_s, 30);
    assert_true(a->lan.ip_set && a->lan.mac_set);
    assert_memory_equal(a->lan.ip, "\xc0\x00\x02\x0a", 4);
    assert_int_equal(a->lan.ip_source, 2);
    assert_int_equal(a->lan.mac[5], 0xcc);
    assert_int_equal(a->lan.vlan_id, 42);
    assert_int_equal(a->lan.suite_priv[0], IK_PRIV_CALLBACK);
    assert_int_equal(a->lan.suite_priv[17], IK_PRIV_OPERATOR);
    assert_int_equal(a->lan.suite_priv[1], 0); /* not listed: not offered */
    assert_int_equal(a->lan.auth_enables[3], IK_AUTHCAP_PASSWORD);
    assert_int_equal(a->lan.auth_enables[1], IK_AUTHCAP_MD5);
    assert_int_equal(a->lan.auth_enables[0], IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD);
    ik_desc_free(&d);
}

static void lan_and_security_errors(void **state)
{
    (void)state;
    static const struct {
        const char *yaml, *want;
    } cases[] = {
        {"machine:\n  lan: {cipher_suites: [0, 3]}\n", "needs security.cipher_suite_0"},
        {"machine:\n  lan: {cipher_suites: [4]}\n", "cipher suite 4 is not supported"},
        {"machine:\n  lan: {cipher_suites: [20]}\n", "out of range 0..19"},
        {"machine:\n  lan: {auth_types: {user: [password]}}\n",
         "enables an auth type that security.ipmi15 does not allow"},
        {"machine:\n  lan: {ip: 1.2.3}\n", "expected an IPv4 address"},
        {"machine:\n  lan: {mac: 01:02}\n", "expected 6 bytes"},
        {"machine:\n  lan: {vlan: 4095}\n", "out of range 0..4094"},
        {"machine:\n  security: {ipmi15: [sha1]}\n", "machine.security.ipmi15[0]"},
        {"machine:\n  security: {anonymous_login: true}\n", "anonymous_login needs null_users"},
        {"machine:\n  security: {kg: abcdefghijklmnopqrstu}\n", "longer than 20"},
        {"machine:\n  security: {kg: a, kg_hex: '01'}\n", "give kg or kg_hex"},
        {"machine:\n  channels: {lan: {access: preboot}}\n",
         "unknown value 'preboot' (expected one of: disabled, always)"},
        {"machine:\n  channels: {lan: {max_sessions: 64}}\n", "out of range 1..63"},
        {"machine:\n  channels: {ipmb: {}}\n", "unknown key 'ipmb'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ik_machine m;
        struct ik_desc d;
        assert_int_equal(parse(cases[i].yaml, &m, &d), IK_E_SYNTAX);
        if (!strstr(d.err, cases[i].want))
            fail_msg("case %zu: '%s' lacks '%s'", i, d.err, cases[i].want);
        ik_desc_free(&d);
    }
}

static void ipmi15_list_sets_every_level_unless_auth_types_says_otherwise(void **state)
{
    (void)state;
    struct ik_machine m;
    struct ik_desc d;
    assert_int_equal(parse("machine:\n  security: {ipmi15: []}\n", &m, &d), 0);
    assert_int_equal(m.access.security.auth15, 0);
    for (int i = 0; i < 5; i++)
        assert_int_equal(m.access.lan.auth_enables[i], 0);
    ik_desc_free(&d);
    assert_int_equal(parse("machine:\n  security: {cipher_suite_0: true}\n", &m, &d), 0);
    assert_int_equal(m.access.lan.suite_priv[0], IK_PRIV_ADMIN);
    ik_desc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_admin_password_md5_and_no_suite_0),
        cmocka_unit_test(users_section_replaces_the_defaults),
        cmocka_unit_test(user_errors_are_reported_with_their_place),
        cmocka_unit_test(security_and_lan_sections),
        cmocka_unit_test(lan_and_security_errors),
        cmocka_unit_test(ipmi15_list_sets_every_level_unless_auth_types_says_otherwise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
