/* NetFn Chassis (00h) command payload codecs (see msg_chassis.h). */
#include "msg_chassis.h"

#include <string.h>

#include "cursor.h"

static uint8_t bit(bool v, unsigned n)
{
    return (uint8_t)(v ? 1u << n : 0);
}

/*
 * Get Chassis Status response (IPMI 2.0 table 28-3), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    current power state: [7] reserved, [6:5] power restore policy, [4] power
 *            control fault, [3] power fault, [2] interlock, [1] overload, [0] power is on
 *   1   1    last power event: [7:5] reserved, [4] last power-on by IPMI command, [3] power
 *            down by fault, [2] by interlock, [1] by overload, [0] AC failed
 *   2   1    misc chassis state: [7] reserved, [6] identify state supported, [5:4] identify
 *            (0 off, 1 timed on, 2 on indefinitely), [3] cooling/fan fault, [2] drive
 *            fault, [1] front panel lockout, [0] chassis intrusion
 *   3   1    front panel button capabilities (optional): [7:4] disable allowed (sleep,
 *            diag, reset, power), [3:0] disabled (same order)
 */
int ik_chassis_status_decode(const uint8_t *buf, size_t len, struct ik_chassis_status *out)
{
    struct ik_rd r;
    struct ik_chassis_status v;
    if (len < IK_CHASSIS_STATUS_MIN)
        return IK_E_TRUNCATED;
    if (len > IK_CHASSIS_STATUS_MAX)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    v.power_on = b & 0x01;
    v.overload = b & 0x02;
    v.interlock = b & 0x04;
    v.power_fault = b & 0x08;
    v.control_fault = b & 0x10;
    v.policy = (b >> 5) & 3;
    b = ik_rd_u8(&r);
    v.ac_failed = b & 0x01;
    v.last_overload = b & 0x02;
    v.last_interlock = b & 0x04;
    v.last_fault = b & 0x08;
    v.last_on_by_command = b & 0x10;
    b = ik_rd_u8(&r);
    v.intrusion = b & 0x01;
    v.panel_lockout = b & 0x02;
    v.drive_fault = b & 0x04;
    v.fan_fault = b & 0x08;
    v.identify_state = (b >> 4) & 3;
    v.identify_supported = b & 0x40;
    if (ik_rd_left(&r)) {
        v.has_buttons = true;
        v.buttons = ik_rd_u8(&r);
    }
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_chassis_status_encode(const struct ik_chassis_status *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    if (in->policy > 3 || in->identify_state > 3)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)(bit(in->power_on, 0) | bit(in->overload, 1) | bit(in->interlock, 2) |
                           bit(in->power_fault, 3) | bit(in->control_fault, 4) | in->policy << 5));
    ik_wr_u8(&w, (uint8_t)(bit(in->ac_failed, 0) | bit(in->last_overload, 1) |
                           bit(in->last_interlock, 2) | bit(in->last_fault, 3) |
                           bit(in->last_on_by_command, 4)));
    ik_wr_u8(&w, (uint8_t)(bit(in->intrusion, 0) | bit(in->panel_lockout, 1) |
                           bit(in->drive_fault, 2) | bit(in->fan_fault, 3) |
                           in->identify_state << 4 | bit(in->identify_supported, 6)));
    if (in->has_buttons)
        ik_wr_u8(&w, in->buttons);
    return ik_wr_finish(&w, written);
}

/*
 * Chassis Control request (table 28-4):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] chassis control (0 power down, 1 power up, 2 power
 *            cycle, 3 hard reset, 4 pulse diagnostic interrupt, 5 soft shutdown)
 */
int ik_chassis_control_req_decode(const uint8_t *buf, size_t len,
                                  struct ik_chassis_control_req *out)
{
    struct ik_rd r;
    if (len < IK_CHASSIS_CONTROL_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_CHASSIS_CONTROL_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    if (b & 0xF0)
        return IK_E_BADFIELD;
    out->control = b;
    return 0;
}

int ik_chassis_control_req_encode(const struct ik_chassis_control_req *in, uint8_t *buf, size_t cap,
                                  size_t *written)
{
    struct ik_wr w;
    if (in->control > 0x0F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->control);
    return ik_wr_finish(&w, written);
}

/*
 * Chassis Identify request (table 28-5); both bytes optional:
 *   OFF SIZE FIELD
 *   0   1    identify interval in seconds (0 = off; absent: 15 s)
 *   1   1    [7:1] reserved, [0] force identify on indefinitely
 */
int ik_chassis_identify_req_decode(const uint8_t *buf, size_t len,
                                   struct ik_chassis_identify_req *out)
{
    struct ik_rd r;
    struct ik_chassis_identify_req v;
    if (len > IK_IDENTIFY_REQ_MAX)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    if (ik_rd_left(&r)) {
        v.has_interval = true;
        v.interval_s = ik_rd_u8(&r);
    }
    if (ik_rd_left(&r)) {
        uint8_t b = ik_rd_u8(&r);
        if (b & 0xFE)
            return IK_E_BADFIELD;
        v.has_force = true;
        v.force = b & 0x01;
    }
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_chassis_identify_req_encode(const struct ik_chassis_identify_req *in, uint8_t *buf,
                                   size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->has_force && !in->has_interval)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    if (in->has_interval)
        ik_wr_u8(&w, in->interval_s);
    if (in->has_force)
        ik_wr_u8(&w, bit(in->force, 0));
    return ik_wr_finish(&w, written);
}

/*
 * Set Power Restore Policy (table 28-8).
 * Request:
 *   OFF SIZE FIELD
 *   0   1    [7:3] reserved, [2:0] policy (0 always off, 1 previous, 2 always on, 3 no
 *            change: only report the supported policies)
 * Response:
 *   0   1    supported policies: [7:3] reserved, [2] always on, [1] previous, [0] always off
 */
int ik_policy_req_decode(const uint8_t *buf, size_t len, struct ik_policy_req *out)
{
    struct ik_rd r;
    if (len < IK_POLICY_REQ_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_POLICY_REQ_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    if (b & 0xF8)
        return IK_E_BADFIELD;
    out->policy = b;
    return 0;
}

int ik_policy_req_encode(const struct ik_policy_req *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->policy > 7)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->policy);
    return ik_wr_finish(&w, written);
}

int ik_policy_rsp_decode(const uint8_t *buf, size_t len, struct ik_policy_rsp *out)
{
    struct ik_rd r;
    struct ik_policy_rsp v;
    if (len < IK_POLICY_RSP_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_POLICY_RSP_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    v.always_off = b & 0x01;
    v.previous = b & 0x02;
    v.always_on = b & 0x04;
    *out = v;
    return 0;
}

int ik_policy_rsp_encode(const struct ik_policy_rsp *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)(bit(in->always_off, 0) | bit(in->previous, 1) | bit(in->always_on, 2)));
    return ik_wr_finish(&w, written);
}

/*
 * Get System Restart Cause response (table 28-11):
 *   OFF SIZE FIELD
 *   0   1    [7:4] reserved, [3:0] restart cause
 *   1   1    channel number the event or command came in on ([7:4] reserved)
 */
int ik_restart_cause_rsp_decode(const uint8_t *buf, size_t len, struct ik_restart_cause_rsp *out)
{
    struct ik_rd r;
    struct ik_restart_cause_rsp v;
    if (len < IK_RESTART_CAUSE_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_RESTART_CAUSE_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.cause = ik_rd_u8(&r) & 0x0F;
    v.channel = ik_rd_u8(&r) & 0x0F;
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_restart_cause_rsp_encode(const struct ik_restart_cause_rsp *in, uint8_t *buf, size_t cap,
                                size_t *written)
{
    struct ik_wr w;
    if (in->cause > 0x0F || in->channel > 0x0F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->cause);
    ik_wr_u8(&w, in->channel);
    return ik_wr_finish(&w, written);
}

/*
 * Get POH Counter response (IPMI 2.0 section 28.14, table 28-15):
 *   OFF SIZE FIELD
 *   0   1    minutes per count
 *   1   4    counter reading, LS byte first
 */
int ik_poh_decode(const uint8_t *buf, size_t len, struct ik_poh *out)
{
    struct ik_rd r;
    struct ik_poh v;
    if (len < IK_POH_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_POH_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.minutes_per_count = ik_rd_u8(&r);
    v.count = ik_rd_le32(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_poh_encode(const struct ik_poh *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->minutes_per_count);
    ik_wr_le32(&w, in->count);
    return ik_wr_finish(&w, written);
}

/*
 * Set System Boot Options request (section 28.12, table 28-12):
 *   OFF SIZE FIELD
 *   0   1    [7] 1b = mark the parameter invalid / locked, [6:0] parameter selector
 *   1   N    parameter data (table 28-14), N >= 1
 */
int ik_boot_set_req_decode(const uint8_t *buf, size_t len, struct ik_boot_set_req *out)
{
    struct ik_rd r;
    struct ik_boot_set_req v;
    if (len < 2)
        return IK_E_TRUNCATED;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    v.invalid = b & 0x80;
    v.param = b & 0x7F;
    v.data_len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.data_len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_boot_set_req_encode(const struct ik_boot_set_req *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    if (in->param > 0x7F)
        return IK_E_RANGE;
    if (in->data_len == 0 || !in->data)
        return IK_E_INVAL;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)(bit(in->invalid, 7) | in->param));
    ik_wr_bytes(&w, in->data, in->data_len);
    return ik_wr_finish(&w, written);
}

/*
 * Get System Boot Options request (section 28.13, table 28-13):
 *   OFF SIZE FIELD
 *   0   1    [7] reserved, [6:0] parameter selector
 *   1   1    set selector (00h if the parameter has none)
 *   2   1    block selector (00h if the parameter has none)
 */
int ik_boot_get_req_decode(const uint8_t *buf, size_t len, struct ik_boot_get_req *out)
{
    struct ik_rd r;
    struct ik_boot_get_req v;
    if (len < IK_BOOT_GET_REQ_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_BOOT_GET_REQ_LEN)
        return IK_E_OVERSIZE;
    ik_rd_init(&r, buf, len);
    v.param = ik_rd_u8(&r) & 0x7F;
    v.set = ik_rd_u8(&r);
    v.block = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_boot_get_req_encode(const struct ik_boot_get_req *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    if (in->param > 0x7F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->param);
    ik_wr_u8(&w, in->set);
    ik_wr_u8(&w, in->block);
    return ik_wr_finish(&w, written);
}

/*
 * Get System Boot Options response (section 28.13, table 28-13), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    parameter version ([3:0] 1h; [7:4] reserved, kept as is)
 *   1   1    [7] 1b = parameter invalid / locked, [6:0] parameter selector
 *   2   N    parameter data (table 28-14), N >= 0
 */
int ik_boot_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_boot_get_rsp *out)
{
    struct ik_rd r;
    struct ik_boot_get_rsp v;
    if (len < IK_BOOT_GET_RSP_MIN)
        return IK_E_TRUNCATED;
    ik_rd_init(&r, buf, len);
    v.version = ik_rd_u8(&r);
    uint8_t b = ik_rd_u8(&r);
    v.invalid = b & 0x80;
    v.param = b & 0x7F;
    v.data_len = ik_rd_left(&r);
    v.data = ik_rd_ptr(&r, v.data_len);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_boot_get_rsp_encode(const struct ik_boot_get_rsp *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    if (in->param > 0x7F)
        return IK_E_RANGE;
    if (in->data_len && !in->data)
        return IK_E_INVAL;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->version);
    ik_wr_u8(&w, (uint8_t)(bit(in->invalid, 7) | in->param));
    if (in->data_len)
        ik_wr_bytes(&w, in->data, in->data_len);
    return ik_wr_finish(&w, written);
}

/*
 * Boot flags, boot option parameter 5 (table 28-14):
 *   OFF SIZE FIELD
 *   0   1    [7] boot flags valid, [6] persistent (all future boots), [5] EFI boot,
 *            [4:0] reserved
 *   1   1    [7] CMOS clear, [6] lock keyboard, [5:2] boot device selector, [1] screen
 *            blank, [0] lock out reset button
 *   2   1    [7] lock out power button, [6:5] firmware verbosity, [4] force progress event
 *            traps, [3] user password bypass, [2] lock out sleep button, [1:0] console
 *            redirection control
 *   3   1    [7:4] reserved, [3] BIOS shared mode override, [2:0] BIOS mux control
 *   4   1    [7:5] reserved, [4:0] device instance selector
 */
int ik_boot_flags_decode(const uint8_t *buf, size_t len, struct ik_boot_flags *out)
{
    struct ik_rd r;
    struct ik_boot_flags v;
    if (len < IK_BOOT_FLAGS_LEN)
        return IK_E_TRUNCATED;
    if (len > IK_BOOT_FLAGS_LEN)
        return IK_E_OVERSIZE;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    v.valid = b & 0x80;
    v.persistent = b & 0x40;
    v.efi = b & 0x20;
    b = ik_rd_u8(&r);
    v.cmos_clear = b & 0x80;
    v.lock_keyboard = b & 0x40;
    v.device = (b >> 2) & 0x0F;
    v.screen_blank = b & 0x02;
    v.lock_reset = b & 0x01;
    b = ik_rd_u8(&r);
    v.lock_power = b & 0x80;
    v.verbosity = (b >> 5) & 3;
    v.force_progress_traps = b & 0x10;
    v.password_bypass = b & 0x08;
    v.lock_sleep = b & 0x04;
    v.console_redirect = b & 3;
    b = ik_rd_u8(&r);
    v.shared_mode_override = b & 0x08;
    v.mux = b & 7;
    v.device_instance = ik_rd_u8(&r) & 0x1F;
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_boot_flags_encode(const struct ik_boot_flags *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->device > 0x0F || in->verbosity > 3 || in->console_redirect > 3 || in->mux > 7 ||
        in->device_instance > 0x1F)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)(bit(in->valid, 7) | bit(in->persistent, 6) | bit(in->efi, 5)));
    ik_wr_u8(&w, (uint8_t)(bit(in->cmos_clear, 7) | bit(in->lock_keyboard, 6) | in->device << 2 |
                           bit(in->screen_blank, 1) | bit(in->lock_reset, 0)));
    ik_wr_u8(&w, (uint8_t)(bit(in->lock_power, 7) | in->verbosity << 5 |
                           bit(in->force_progress_traps, 4) | bit(in->password_bypass, 3) |
                           bit(in->lock_sleep, 2) | in->console_redirect));
    ik_wr_u8(&w, (uint8_t)(bit(in->shared_mode_override, 3) | in->mux));
    ik_wr_u8(&w, in->device_instance);
    return ik_wr_finish(&w, written);
}
