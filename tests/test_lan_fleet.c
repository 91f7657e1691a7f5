/* bmcd's fleet (bmcd/fleet.c): single machines, description files, fleet files with
 * counts and includes, and the errors for clashing names and addresses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fleet.h"
#include "ipmikit/error.h"

static char dir[256];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/ik_fleet_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *text)
{
    static char path[2][300];
    static int k;
    char *p = path[k++ % 2];
    snprintf(p, 300, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static void listen_addresses_parse_and_loopback_is_recognised(void **state)
{
    (void)state;
    uint8_t ip[4];
    uint16_t port;
    assert_int_equal(ik_fleet_parse_listen("127.0.0.1:6230", ip, &port), 0);
    assert_int_equal(port, 6230);
    assert_true(ik_fleet_is_loopback(ip));
    assert_int_equal(ik_fleet_parse_listen("10.0.0.1:623", ip, &port), 0);
    assert_false(ik_fleet_is_loopback(ip));
    const char *bad[] = {"127.0.0.1",
                         "127.0.0.1:0",
                         "127.0.0.1:65536",
                         "256.0.0.1:1",
                         "127.0.0.1:1x",
                         "localhost:623",
                         ""};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(ik_fleet_parse_listen(bad[i], ip, &port), IK_E_SYNTAX);
}

static void single_machine_with_a_count_gets_numbered_names_and_ports(void **state)
{
    (void)state;
    struct ik_fleet f = {0};
    struct ik_machine m;
    char err[256];
    ik_machine_defaults(&m);
    assert_int_equal(ik_fleet_single(&f, &m, "node", "127.0.0.1:7000", 3, err, sizeof(err)), 0);
    assert_int_equal(f.nbmcs, 3);
    assert_int_equal(f.nmachines, 1);
    assert_string_equal(f.bmcs[0].name, "node1");
    assert_string_equal(f.bmcs[2].name, "node3");
    assert_int_equal(f.bmcs[2].port, 7002);
    assert_int_equal(f.bmcs[2].machine, 0);
    ik_fleet_free(&f);
    ik_machine_defaults(&m);
    assert_int_equal(ik_fleet_single(&f, &m, NULL, "127.0.0.1:65535", 2, err, sizeof(err)),
                     IK_E_RANGE);
    assert_non_null(strstr(err, "past 65535"));
    ik_fleet_free(&f);
}

static void fleet_file_with_count_include_and_inline_machine(void **state)
{
    (void)state;
    struct ik_fleet f = {0};
    char err[512];
    write_file("rack.yaml", "machine:\n  name: rackbox\n  device: {device_id: 0x33}\n");
    const char *p = write_file("fleet.yaml", "fleet:\n"
                                             "  - name: n\n"
                                             "    listen: 127.0.0.1:7100\n"
                                             "    count: 4\n"
                                             "    include: rack.yaml\n"
                                             "  - name: solo\n"
                                             "    listen: 127.0.0.2:7100\n"
                                             "    machine: {device: {device_id: 0x44}}\n");
    int rc = ik_fleet_load(&f, p, NULL, 0, NULL, err, sizeof(err));
    if (rc)
        fail_msg("%s", err);
    assert_int_equal(f.nbmcs, 5);
    assert_int_equal(f.nmachines, 2);
    assert_string_equal(f.bmcs[3].name, "n4");
    assert_int_equal(f.bmcs[3].port, 7103);
    assert_int_equal(f.machines[f.bmcs[0].machine].id.device_id, 0x33);
    assert_string_equal(f.machines[f.bmcs[0].machine].name, "rackbox");
    assert_string_equal(f.bmcs[4].name, "solo");
    assert_int_equal(f.machines[f.bmcs[4].machine].id.device_id, 0x44);
    assert_int_equal(f.bmcs[4].ip[3], 2);
    ik_fleet_free(&f);
}

static void single_machine_file_takes_listen_from_the_command_line(void **state)
{
    (void)state;
    struct ik_fleet f = {0};
    char err[512];
    const char *p = write_file("one.yaml", "listen: 127.0.0.1:7200\n"
                                           "machine: {name: box}\n");
    assert_int_equal(ik_fleet_load(&f, p, NULL, 0, NULL, err, sizeof(err)), 0);
    assert_int_equal(f.bmcs[0].port, 7200);
    assert_string_equal(f.bmcs[0].name, "box");
    ik_fleet_free(&f);
    assert_int_equal(ik_fleet_load(&f, p, "127.0.0.1:7300", 2, "x", err, sizeof(err)), 0);
    assert_int_equal(f.nbmcs, 2);
    assert_string_equal(f.bmcs[1].name, "x2");
    assert_int_equal(f.bmcs[1].port, 7301);
    ik_fleet_free(&f);
}

static void fleet_errors(void **state)
{
    (void)state;
    static const struct {
        const char *yaml, *want;
    } cases[] = {
        {"fleet:\n  - {name: a, listen: 127.0.0.1:1, machine: {}}\n"
         "  - {name: a, listen: 127.0.0.1:2, machine: {}}\n",
         "two BMCs are called 'a'"},
        {"fleet:\n  - {name: a, listen: 127.0.0.1:1, count: 2, machine: {}}\n"
         "  - {name: b, listen: 127.0.0.1:2, machine: {}}\n",
         "'a2' and 'b' both listen on 127.0.0.1:2"},
        {"fleet:\n  - {name: a, listen: nowhere, machine: {}}\n", "expected A.B.C.D:PORT"},
        {"fleet:\n  - {name: a, listen: 127.0.0.1:1}\n", "needs name, listen and one of"},
        {"fleet:\n  - {name: a, listen: 127.0.0.1:1, include: missing.yaml}\n", "cannot open"},
        {"fleet: []\n", "no BMCs"},
        {"machine: {}\nfleet: []\n", "needs exactly one of 'machine' and 'fleet'"},
        {"machine: {device: {device_id: 999}}\n", "out of range 0..255"},
        {"fleet:\n  - {name: 'a b', listen: 127.0.0.1:1, machine: {}}\n", "no spaces"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ik_fleet f = {0};
        char err[512] = "";
        const char *p = write_file("bad.yaml", cases[i].yaml);
        assert_int_not_equal(ik_fleet_load(&f, p, NULL, 0, NULL, err, sizeof(err)), 0);
        if (!strstr(err, cases[i].want))
            fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].want);
        ik_fleet_free(&f);
    }
    struct ik_fleet f = {0};
    char err[512];
    const char *p =
        write_file("fl.yaml", "fleet:\n  - {name: a, listen: 127.0.0.1:1, machine: {}}\n");
    assert_int_not_equal(ik_fleet_load(&f, p, "127.0.0.1:5", 0, NULL, err, sizeof(err)), 0);
    assert_non_null(strstr(err, "a fleet file gives every BMC its own listen address"));
    ik_fleet_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(listen_addresses_parse_and_loopback_is_recognised),
        cmocka_unit_test(single_machine_with_a_count_gets_numbered_names_and_ports),
        cmocka_unit_test(fleet_file_with_count_include_and_inline_machine),
        cmocka_unit_test(single_machine_file_takes_listen_from_the_command_line),
        cmocka_unit_test(fleet_errors),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
