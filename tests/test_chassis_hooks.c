/* bmcd's power-action hooks: commands run per action with the event in their environment,
 * in order, with a timeout that kills them; wired to the engine's power hook. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "hooks.h"

struct logs {
    char lines[32][600];
    int n;
};

static void capture(void *ctx, const char *line)
{
    struct logs *l = ctx;
    if (l->n < 32)
        snprintf(l->lines[l->n++], sizeof(l->lines[0]), "%s", line);
}

static int logged(const struct logs *l, const char *s)
{
    for (int i = 0; i < l->n; i++)
        if (strstr(l->lines[i], s))
            return 1;
    return 0;
}

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    return buf;
}

static void tmpname(char *out, size_t cap, const char *tag)
{
    snprintf(out, cap, "%s/hooks-%ld-%s.txt", getenv("IK_BUILD") ? getenv("IK_BUILD") : "/tmp",
             (long)getpid(), tag);
    unlink(out);
}

static void hook_gets_the_action_and_boot_flags_in_its_environment(void **state)
{
    (void)state;
    uv_loop_t loop;
    struct logs logs = {0};
    struct ik_machine m;
    char out[256];
    tmpname(out, sizeof(out), "env");
    uv_loop_init(&loop);
    ik_machine_defaults(&m);
    snprintf(m.platform.power.hooks[IK_PWR_CYCLE], IK_MACHINE_HOOK_MAX,
             "echo \"$IK_BMC $IK_POWER_ACTION $IK_RESTART_CAUSE $IK_BOOT_DEVICE $IK_BOOT_EFI "
             "$IK_BOOT_PERSISTENT\" >> %s",
             out);
    snprintf(m.platform.power.hooks[IK_PWR_OFF], IK_MACHINE_HOOK_MAX, "echo off >> %s", out);
    struct ik_hooks *h = ik_hooks_new(&loop, "node7", &m, capture, &logs);
    assert_non_null(h);
    struct ik_bmc_power_event ev = {
        .action = IK_BMC_POWER_CYCLE, .cause = 1, .boot_valid = 1, .boot_device = 1, .boot_efi = 1};
    ik_hooks_power(h, &ev);
    struct ik_bmc_power_event off = {.action = IK_BMC_POWER_OFF, .cause = 4};
    ik_hooks_power(h, &off);
    struct ik_bmc_power_event on = {.action = IK_BMC_POWER_ON}; /* no command: nothing */
    ik_hooks_power(h, &on);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_string_equal(slurp(out), "node7 cycle 1 pxe 1 0\noff\n");
    struct ik_hooks_stats st;
    ik_hooks_stats(h, &st);
    assert_int_equal(st.started, 2);
    assert_int_equal(st.failed, 0);
    assert_true(logged(&logs, "bmc=node7 event=hook_done action=cycle status=0"));
    ik_hooks_close(h);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&loop), 0);
    ik_machine_free(&m);
    unlink(out);
}

static void a_hook_past_its_timeout_is_killed(void **state)
{
    (void)state;
    uv_loop_t loop;
    struct logs logs = {0};
    struct ik_machine m;
    uv_loop_init(&loop);
    ik_machine_defaults(&m);
    /* ignores SIGTERM: needs the SIGKILL a second later */
    snprintf(m.platform.power.hooks[IK_PWR_ON], IK_MACHINE_HOOK_MAX,
             "trap '' TERM; sleep 30; sleep 30");
    snprintf(m.platform.power.hooks[IK_PWR_RESET], IK_MACHINE_HOOK_MAX, "exit 3");
    m.platform.power.hook_timeout_ms = 200;
    struct ik_hooks *h = ik_hooks_new(&loop, "n", &m, capture, &logs);
    struct ik_bmc_power_event ev = {.action = IK_BMC_POWER_ON};
    uint64_t t0 = uv_hrtime();
    ik_hooks_power(h, &ev);
    ev.action = IK_BMC_POWER_RESET;
    ik_hooks_power(h, &ev);
    uv_run(&loop, UV_RUN_DEFAULT);
    double secs = (double)(uv_hrtime() - t0) / 1e9;
    assert_true(secs < 5);
    assert_true(logged(&logs, "event=hook_timeout action=on"));
    assert_true(logged(&logs, "signal=KILL"));
    assert_true(logged(&logs, "event=hook_done action=reset status=3"));
    struct ik_hooks_stats st;
    ik_hooks_stats(h, &st);
    assert_int_equal(st.timed_out, 1);
    assert_int_equal(st.failed, 2);
    ik_hooks_close(h);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&loop), 0);
    ik_machine_free(&m);
}

static void the_queue_has_a_hard_cap_and_close_kills_the_running_hook(void **state)
{
    (void)state;
    uv_loop_t loop;
    struct logs logs = {0};
    struct ik_machine m;
    uv_loop_init(&loop);
    ik_machine_defaults(&m);
    snprintf(m.platform.power.hooks[IK_PWR_ON], IK_MACHINE_HOOK_MAX, "sleep 30");
    struct ik_hooks *h = ik_hooks_new(&loop, "n", &m, capture, &logs);
    struct ik_bmc_power_event ev = {.action = IK_BMC_POWER_ON};
    for (int i = 0; i < IK_HOOKS_QUEUE + 3; i++)
        ik_hooks_power(h, &ev);
    struct ik_hooks_stats st;
    ik_hooks_stats(h, &st);
    assert_int_equal(st.started, 1);
    assert_int_equal(st.dropped, 2); /* one running + 8 queued */
    assert_true(logged(&logs, "event=hook_dropped"));
    uint64_t t0 = uv_hrtime();
    ik_hooks_close(h);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_true((double)(uv_hrtime() - t0) / 1e9 < 5);
    assert_int_equal(uv_loop_close(&loop), 0);
    ik_machine_free(&m);
}

static void chassis_control_reaches_the_hook_through_the_engine(void **state)
{
    (void)state;
    uv_loop_t loop;
    struct logs logs = {0};
    char out[256];
    tmpname(out, sizeof(out), "engine");
    uv_loop_init(&loop);
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    snprintf(f->m.platform.power.hooks[IK_PWR_OFF], IK_MACHINE_HOOK_MAX,
             "echo $IK_POWER_ACTION > %s", out);
    struct ik_hooks *h = ik_hooks_new(&loop, "fix", &f->m, capture, &logs);
    assert_int_equal(bmcfix_start(f), 0);
    /* what bmcd's main does: the engine's power hook is the hooks module */
    f->bmc->cfg.power_hook = ik_hooks_power;
    f->bmc->cfg.power_hook_ctx = h;
    assert_int_equal(BMC(f, 0x00, 0x02, 0x00).cc, 0);
    uv_run(&loop, UV_RUN_DEFAULT);
    assert_string_equal(slurp(out), "off\n");
    ik_hooks_close(h);
    uv_run(&loop, UV_RUN_DEFAULT);
    uv_loop_close(&loop);
    bmcfix_fini(f);
    free(f);
    unlink(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hook_gets_the_action_and_boot_flags_in_its_environment),
        cmocka_unit_test(a_hook_past_its_timeout_is_killed),
        cmocka_unit_test(the_queue_has_a_hard_cap_and_close_kills_the_running_hook),
        cmocka_unit_test(chassis_control_reaches_the_hook_through_the_engine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
