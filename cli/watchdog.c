/*
 * ipmikit watchdog: the watchdog agent (after the Linux ipmi_watchdog driver, docs/agents.md).
 * Arms the BMC watchdog for timer use SMS/OS and pats it (Reset Watchdog Timer) until told
 * to stop; host/agent.c has the IPMI side.
 *
 *   SIGTERM, SIGINT   a clean stop: the timer is disabled (the driver's magic close), unless
 *                     --nowayout, which leaves it running
 *   SIGHUP            the operator's disable/enable of the interface (a KCS machine that
 *                     gave up after 20 recovery attempts is reset)
 *   SIGKILL, a crash  nothing can stop the timer: it runs out and the BMC takes the action
 *
 * A pat that fails (the interface is off, the BMC is busy) is reported once per distinct
 * reason and tried again at the next interval; if pats keep failing, the BMC acts: that is
 * the point of a watchdog.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostconn.h"

#include "ipmikit/error.h"

static volatile sig_atomic_t stop_req, hup_req;

static void on_stop(int sig)
{
    (void)sig;
    stop_req = 1;
}

static void on_hup(int sig)
{
    (void)sig;
    hup_req = 1;
}

static void usage(FILE *f)
{
    fputs("usage: ipmikit [interface options] watchdog [options]   arm the BMC watchdog, pat it\n"
          "       ipmikit [interface options] watchdog --stop      disable it (magic close)\n"
          "options (the Linux ipmi_watchdog module parameters):\n"
          "  --timeout S      seconds to the action (10)\n"
          "  --pretimeout S   pre-timeout interrupt S seconds before the action (0: none)\n"
          "  --action A       reset | power_cycle | power_off | none (reset)\n"
          "  --preaction P    none | smi | nmi | msg_int (none; pre_smi, pre_nmi, pre_int too)\n"
          "  --interval MS    milliseconds between pats (half the timeout)\n"
          "  --nowayout       SIGTERM/SIGINT leave the timer running; only --stop stops it\n"
          "  --no-log         the BMC logs no Watchdog 2 event when the timer expires\n"
          "signals: SIGTERM/SIGINT stop cleanly (timer disabled), SIGHUP re-enables the\n"
          "interface; after SIGKILL the timer runs out and the BMC acts.\n",
          f);
}

static int num(struct ik_cli *cli, const char *opt, const char *v, unsigned long max,
               unsigned long *out)
{
    char *end;
    unsigned long x = strtoul(v ? v : "", &end, 0);
    if (!v || !*v || *end || x > max) {
        ik_cli_error(cli, "watchdog: %s needs a number up to %lu", opt, max);
        return -1;
    }
    *out = x;
    return 0;
}

int ik_cmd_watchdog(struct ik_cli *cli, int argc, char **argv)
{
    struct ik_wdt_cfg cfg;
    unsigned long v, interval_ms = 0;
    int stop_only = 0, nowayout = 0;
    ik_wdt_default_cfg(&cfg);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--timeout") == 0) {
            if (num(cli, a, val, 6553, &v) < 0)
                return IK_EXIT_USAGE;
            cfg.timeout_s = (unsigned)v;
            i++;
        } else if (strcmp(a, "--pretimeout") == 0) {
            if (num(cli, a, val, 255, &v) < 0)
                return IK_EXIT_USAGE;
            cfg.pretimeout_s = (unsigned)v;
            i++;
        } else if (strcmp(a, "--action") == 0 || strcmp(a, "--preaction") == 0) {
            int x = !val          ? -1
                    : a[2] == 'a' ? ik_wdt_action_parse(val)
                                  : ik_wdt_preaction_parse(val);
            if (x < 0) {
                ik_cli_error(cli, "watchdog: %s '%s' is not one of %s", a, val ? val : "",
                             a[2] == 'a' ? "reset, power_cycle, power_off, none"
                                         : "none, smi, nmi, msg_int");
                return IK_EXIT_USAGE;
            }
            if (a[2] == 'a')
                cfg.action = (uint8_t)x;
            else
                cfg.preaction = (uint8_t)x;
            i++;
        } else if (strcmp(a, "--interval") == 0) {
            if (num(cli, a, val, 3600000, &interval_ms) < 0 || interval_ms == 0) {
                ik_cli_error(cli, "watchdog: --interval needs 1..3600000 ms");
                return IK_EXIT_USAGE;
            }
            i++;
        } else if (strcmp(a, "--nowayout") == 0) {
            nowayout = 1;
        } else if (strcmp(a, "--no-log") == 0) {
            cfg.no_log = true;
        } else if (strcmp(a, "--stop") == 0) {
            stop_only = 1;
        } else if (strcmp(a, "help") == 0 || strcmp(a, "--help") == 0) {
            usage(cli->out);
            return IK_EXIT_OK;
        } else {
            ik_cli_error(cli, "watchdog: unknown argument '%s'", a);
            usage(cli->err);
            return IK_EXIT_USAGE;
        }
    }
    char why[256];
    if (ik_wdt_check(&cfg, why, sizeof(why))) {
        ik_cli_error(cli, "watchdog: %s", why);
        return IK_EXIT_USAGE;
    }
    if (!interval_ms)
        interval_ms = cfg.timeout_s * 500ul;

    struct ik_hostif *h;
    int rc = ik_cli_hostif_open_or_say(cli, "watchdog", &h);
    if (rc)
        return rc;
    struct ik_cli_agent ca;
    ik_cli_agent_init(&ca, cli, h);

    if (stop_only) {
        rc = ik_agent_wdt_stop(&ca.a);
        if (rc)
            ik_cli_error(cli, "watchdog: %s", ca.a.why);
        else
            fprintf(cli->out, "watchdog: stopped (no action, timer not running)\n");
        ik_hostif_close(h);
        return rc ? IK_EXIT_FAIL : IK_EXIT_OK;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);

    rc = ik_agent_wdt_start(&ca.a, &cfg);
    if (rc) {
        ik_cli_error(cli, "watchdog: cannot arm the timer: %s", ca.a.why);
        ik_hostif_close(h);
        return IK_EXIT_FAIL;
    }
    fprintf(cli->out,
            "watchdog: armed: timeout %u s, action %s, pre-timeout %u s (%s); patting every "
            "%lu ms%s\n",
            cfg.timeout_s, ik_wdt_action_name(cfg.action), cfg.preaction ? cfg.pretimeout_s : 0,
            ik_wdt_preaction_name(cfg.preaction), interval_ms, nowayout ? "; nowayout" : "");
    fflush(cli->out);

    char last[512] = "";
    unsigned long pats = 0, failed = 0;
    while (!stop_req) {
        ik_hostif_run(h, (ik_time_us)interval_ms * IK_US_PER_MS, &stop_req);
        if (stop_req)
            break;
        if (hup_req) {
            hup_req = 0;
            ik_hostif_reenable(h);
            fprintf(cli->out, "watchdog: SIGHUP: interface re-enabled\n");
            fflush(cli->out);
        }
        rc = ik_agent_wdt_pat(&ca.a, &cfg);
        if (rc == 0) {
            pats++;
            if (last[0]) {
                fprintf(cli->out, "watchdog: patting again after %lu failed pats\n", failed);
                fflush(cli->out);
                last[0] = '\0';
                failed = 0;
            }
            continue;
        }
        failed++;
        if (strcmp(last, ca.a.why) != 0) {
            ik_cli_error(cli, "watchdog: pat failed (the BMC will act if this goes on): %s",
                         ca.a.why);
            snprintf(last, sizeof(last), "%s", ca.a.why);
        }
    }

    int status = IK_EXIT_OK;
    if (nowayout) {
        fprintf(cli->out,
                "watchdog: exiting after %lu pats; nowayout: the timer keeps running and the "
                "BMC acts in %u s unless someone pats it\n",
                pats, cfg.timeout_s);
    } else if ((rc = ik_agent_wdt_stop(&ca.a)) != 0) {
        ik_cli_error(cli, "watchdog: could not disable the timer, it keeps running: %s", ca.a.why);
        status = IK_EXIT_FAIL;
    } else {
        fprintf(cli->out, "watchdog: stopped after %lu pats (timer disabled)\n", pats);
    }
    ik_hostif_close(h);
    return status;
}
