/*
 * External power-action hooks: the commands a machine description gives for power on,
 * off, cycle, reset, diagnostic interrupt and soft shutdown (power.hooks), run with
 * /bin/sh -c when the engine starts that action, so a virtual BMC can drive a VM the way
 * VirtualBMC drives libvirt ("virsh start vm1", "virsh destroy vm1", ...).
 *
 * One struct ik_hooks per BMC. Its commands run one at a time in the order the actions
 * happened (a queue of at most IK_HOOKS_QUEUE; more is an error, logged and counted), each
 * with the description's timeout (power.hooks.<action>.timeout_ms, else
 * power.hook_timeout_ms): past it the command's process
 * group (each command runs in a session of its own) gets SIGTERM, and SIGKILL a second
 * later. The engine never waits for a hook: its power state follows
 * the description's delays. A hook's stdout and stderr go to bmcd's stderr (the log);
 * its environment is bmcd's plus:
 *
 *   IK_BMC              the BMC's name
 *   IK_POWER_ACTION     off | on | cycle | reset | diag | soft
 *   IK_RESTART_CAUSE    the restart cause code (1 chassis command, 4 watchdog, ...)
 *   IK_BOOT_DEVICE      none | pxe | disk | safe | diag | cdrom | bios | remote-floppy |
 *                       remote-cdrom | remote-media | remote-disk | floppy  (boot flags, when
 *                       valid for this boot; else "none")
 *   IK_BOOT_EFI         1 when the boot flags ask for an EFI boot, else 0
 *   IK_BOOT_PERSISTENT  1 when the boot flags are persistent, else 0
 *
 * Log lines: event=hook_start, event=hook_done (exit status, milliseconds),
 * event=hook_timeout, event=hook_failed (could not start), event=hook_dropped (queue full).
 *
 * bmcd's main wires it up:
 *   h = ik_hooks_new(loop, name, machine, log, log_ctx);
 *   cfg.power_hook = ik_hooks_power; cfg.power_hook_ctx = h;
 *   ... on shutdown: ik_hooks_close(h), then let the loop run to close the handles.
 */
#ifndef IK_BMCD_HOOKS_H
#define IK_BMCD_HOOKS_H

#include <stdint.h>
#include <uv.h>

#include "engine.h"
#include "machine.h"

#define IK_HOOKS_QUEUE 8

struct ik_hooks;

/* Hooks of machine m (borrowed: must outlive the hooks) for the BMC called name. NULL on
 * allocation failure. log may be NULL. */
struct ik_hooks *ik_hooks_new(uv_loop_t *loop, const char *name, const struct ik_machine *m,
                              ik_bmc_log_fn log, void *log_ctx);

/* The engine's power hook (struct ik_bmc_config.power_hook), ctx = the struct ik_hooks. */
void ik_hooks_power(void *ctx, const struct ik_bmc_power_event *ev);

/* Kill a running command (SIGKILL), drop the queue and free once libuv has closed the
 * handles: the loop must run again for that. */
void ik_hooks_close(struct ik_hooks *h);

/* Counters: commands started, commands that exited non-zero / timed out / failed to start /
 * were dropped. */
struct ik_hooks_stats {
    uint64_t started, failed, timed_out, dropped;
};
void ik_hooks_stats(const struct ik_hooks *h, struct ik_hooks_stats *out);

#endif
