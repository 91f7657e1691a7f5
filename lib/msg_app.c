/* NetFn App (06h) command payload codecs (see msg_app.h). */
#include "msg_app.h"

#include <string.h>

#include "cursor.h"

/*
 * Get Device ID response (IPMI 2.0 table 20-2), after the completion code:
 *   OFF SIZE FIELD
 *   0   1    device ID
 *   1   1    [7] provides device SDRs, [6:4] reserved, [3:0] device revision
 *   2   1    [7] device unavailable (update/self-init in progress), [6:0] firmware major
 *   3   1    firmware minor revision, BCD
 *   4   1    IPMI version, BCD, LS digit first (02h = 2.0)
 *   5   1    additional device support (IK_DEVID_*)
 *   6   3    manufacturer ID, 20 bits, LS byte first; bits 23:20 reserved
 *   9   2    product ID, LS byte first
 *   11  4    auxiliary firmware revision (optional)
 */
int ik_device_id_decode(const uint8_t *buf, size_t len, struct ik_device_id *out)
{
    struct ik_rd r;
    struct ik_device_id v;
    if (len < IK_DEVICE_ID_MIN)
        return IK_E_TRUNCATED;
    /* 12-14 bytes: an auxiliary revision cut short. */
    if (len != IK_DEVICE_ID_MIN && len != IK_DEVICE_ID_MAX)
        return len > IK_DEVICE_ID_MAX ? IK_E_OVERSIZE : IK_E_TRUNCATED;
    memset(&v, 0, sizeof(v));
    ik_rd_init(&r, buf, len);
    v.device_id = ik_rd_u8(&r);
    uint8_t b = ik_rd_u8(&r);
    v.provides_sdrs = b & 0x80;
    v.device_rev = b & 0x0F;
    b = ik_rd_u8(&r);
    v.unavailable = b & 0x80;
    v.fw_major = b & 0x7F;
    v.fw_minor = ik_rd_u8(&r);
    v.ipmi_version = ik_rd_u8(&r);
    v.support = ik_rd_u8(&r);
    v.manufacturer_id = ik_rd_le24(&r) & 0xFFFFF;
    v.product_id = ik_rd_le16(&r);
    if (ik_rd_left(&r)) {
        v.has_aux = true;
        ik_rd_bytes(&r, v.aux_fw, sizeof(v.aux_fw));
    }
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_device_id_decode_prefix(const uint8_t *buf, size_t len, struct ik_device_id *out)
{
    if (len < IK_DEVICE_ID_MIN)
        return IK_E_TRUNCATED;
    return ik_device_id_decode(buf, len >= IK_DEVICE_ID_MAX ? IK_DEVICE_ID_MAX : IK_DEVICE_ID_MIN,
                               out);
}

int ik_device_id_encode(const struct ik_device_id *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    if (in->device_rev > 0x0F || in->fw_major > 0x7F || in->manufacturer_id > 0xFFFFF)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->device_id);
    ik_wr_u8(&w, (uint8_t)((in->provides_sdrs ? 0x80 : 0) | in->device_rev));
    ik_wr_u8(&w, (uint8_t)((in->unavailable ? 0x80 : 0) | in->fw_major));
    ik_wr_u8(&w, in->fw_minor);
    ik_wr_u8(&w, in->ipmi_version);
    ik_wr_u8(&w, in->support);
    ik_wr_le24(&w, in->manufacturer_id);
    ik_wr_le16(&w, in->product_id);
    if (in->has_aux)
        ik_wr_bytes(&w, in->aux_fw, sizeof(in->aux_fw));
    return ik_wr_finish(&w, written);
}

/*
 * Get Self Test Results response (IPMI 2.0 section 20.4, table 20-4), after the CC:
 *   OFF SIZE FIELD
 *   0   1    result: 55h no error, 56h not implemented, 57h corrupted or inaccessible
 *            data or devices, 58h fatal hardware error, FFh reserved, else device-specific
 *   1   1    detail: for 57h [7] SEL, [6] SDR repository, [5] BMC FRU not accessible,
 *            [4] IPMB lines dead, [3] SDR repository empty, [2] internal use area
 *            corrupted, [1] boot block corrupted, [0] operational firmware corrupted;
 *            for 58h a device-specific failure code; else 00h
 */
int ik_selftest_decode(const uint8_t *buf, size_t len, struct ik_selftest *out)
{
    struct ik_rd r;
    struct ik_selftest v;
    ik_rd_init(&r, buf, len);
    v.result = ik_rd_u8(&r);
    v.detail = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_selftest_encode(const struct ik_selftest *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->result);
    ik_wr_u8(&w, in->detail);
    return ik_wr_finish(&w, written);
}

/*
 * Set BMC Global Enables request (table 22-1) / Get BMC Global Enables response (table
 * 22-2, after the CC):
 *   OFF SIZE FIELD
 *   0   1    [7] OEM 2, [6] OEM 1, [5] OEM 0, [4] reserved, [3] system event logging,
 *            [2] event message buffer, [1] event message buffer full interrupt,
 *            [0] receive message queue interrupt
 */
int ik_global_enables_decode(const uint8_t *buf, size_t len, struct ik_global_enables *out)
{
    struct ik_rd r;
    struct ik_global_enables v;
    ik_rd_init(&r, buf, len);
    v.enables = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_global_enables_encode(const struct ik_global_enables *in, uint8_t *buf, size_t cap,
                             size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->enables);
    return ik_wr_finish(&w, written);
}

/*
 * Set Watchdog Timer request (IPMI 2.0 section 27.6, table 27-2):
 *   OFF SIZE FIELD
 *   0   1    timer use: [7] don't log, [6] don't stop the timer, [5:3] reserved, [2:0] use
 *   1   1    timer actions: [7] reserved, [6:4] pre-timeout interrupt, [3] reserved,
 *            [2:0] timeout action
 *   2   1    pre-timeout interval, seconds
 *   3   1    timer use expiration flags to clear: [5:1] by timer use; [7:6], [0] reserved
 *   4   2    initial countdown, 100 ms units, LS byte first
 */
#define WDT_USE_RESERVED 0x38
#define WDT_ACT_RESERVED 0x88

int ik_wdt_set_req_decode(const uint8_t *buf, size_t len, struct ik_wdt_set_req *out)
{
    struct ik_rd r;
    struct ik_wdt_set_req v;
    ik_rd_init(&r, buf, len);
    uint8_t use = ik_rd_u8(&r), act = ik_rd_u8(&r);
    v.no_log = use & 0x80;
    v.dont_stop = use & 0x40;
    v.use = use & 0x07;
    v.pretimeout_irq = (act >> 4) & 0x07;
    v.action = act & 0x07;
    v.pretimeout_s = ik_rd_u8(&r);
    v.clear_flags = ik_rd_u8(&r);
    v.countdown = ik_rd_le16(&r);
    if (ik_rd_end(&r))
        return r.err;
    if ((use & WDT_USE_RESERVED) || (act & WDT_ACT_RESERVED))
        return IK_E_BADFIELD;
    *out = v;
    return 0;
}

int ik_wdt_set_req_encode(const struct ik_wdt_set_req *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    struct ik_wr w;
    if (in->use > 7 || in->pretimeout_irq > 7 || in->action > 7)
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->no_log ? 0x80 : 0) | (in->dont_stop ? 0x40 : 0) | in->use));
    ik_wr_u8(&w, (uint8_t)(in->pretimeout_irq << 4 | in->action));
    ik_wr_u8(&w, in->pretimeout_s);
    ik_wr_u8(&w, in->clear_flags);
    ik_wr_le16(&w, in->countdown);
    return ik_wr_finish(&w, written);
}

/*
 * Get Watchdog Timer response (IPMI 2.0 section 27.7, table 27-3), after the CC:
 *   OFF SIZE FIELD
 *   0   1    timer use: [7] don't log, [6] running (1) or stopped, [5:3] reserved, [2:0] use
 *   1   1    timer actions: [7] reserved, [6:4] pre-timeout interrupt, [3] reserved,
 *            [2:0] timeout action
 *   2   1    pre-timeout interval, seconds
 *   3   1    timer use expiration flags: [5:1] by timer use; [7:6], [0] reserved
 *   4   2    initial countdown, 100 ms units, LS byte first
 *   6   2    present countdown, 100 ms units, LS byte first
 */
int ik_wdt_get_rsp_decode(const uint8_t *buf, size_t len, struct ik_wdt_get_rsp *out)
{
    struct ik_rd r;
    struct ik_wdt_get_rsp v;
    ik_rd_init(&r, buf, len);
    uint8_t use = ik_rd_u8(&r), act = ik_rd_u8(&r);
    v.no_log = use & 0x80;
    v.running = use & 0x40;
    v.use = use & 0x07;
    v.use_reserved = use & WDT_USE_RESERVED;
    v.pretimeout_irq = (act >> 4) & 0x07;
    v.action = act & 0x07;
    v.action_reserved = act & WDT_ACT_RESERVED;
    v.pretimeout_s = ik_rd_u8(&r);
    v.expired = ik_rd_u8(&r);
    v.initial = ik_rd_le16(&r);
    v.present = ik_rd_le16(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_wdt_get_rsp_encode(const struct ik_wdt_get_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    struct ik_wr w;
    if (in->use > 7 || in->pretimeout_irq > 7 || in->action > 7 ||
        (in->use_reserved & ~WDT_USE_RESERVED) || (in->action_reserved & ~WDT_ACT_RESERVED))
        return IK_E_RANGE;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)((in->no_log ? 0x80 : 0) | (in->running ? 0x40 : 0) | in->use_reserved |
                           in->use));
    ik_wr_u8(&w, (uint8_t)(in->action_reserved | in->pretimeout_irq << 4 | in->action));
    ik_wr_u8(&w, in->pretimeout_s);
    ik_wr_u8(&w, in->expired);
    ik_wr_le16(&w, in->initial);
    ik_wr_le16(&w, in->present);
    return ik_wr_finish(&w, written);
}

/*
 * Get Message Flags response (IPMI 2.0 section 22.4, table 22-4), after the CC; the Clear
 * Message Flags request (table 22-3) names the flags to clear with the same bits:
 *   OFF SIZE FIELD
 *   0   1    [7] OEM 2, [6] OEM 1, [5] OEM 0, [4] reserved, [3] watchdog pre-timeout
 *            interrupt occurred, [2] reserved, [1] event message buffer full,
 *            [0] receive message available
 */
int ik_msg_flags_decode(const uint8_t *buf, size_t len, struct ik_msg_flags *out)
{
    struct ik_rd r;
    struct ik_msg_flags v;
    ik_rd_init(&r, buf, len);
    v.flags = ik_rd_u8(&r);
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_msg_flags_encode(const struct ik_msg_flags *in, uint8_t *buf, size_t cap, size_t *written)
{
    struct ik_wr w;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, in->flags);
    return ik_wr_finish(&w, written);
}

/*
 * Send Message request (IPMI 2.0 section 22.7, table 22-7):
 *   OFF SIZE FIELD
 *   0   1    [7:6] tracking: 00b none, 01b track request, 10b send raw, 11b reserved;
 *            [5] send with encryption, [4] send with authentication; [3:0] channel
 *   1   n    message data in the target channel's format (IPMB: the whole frame,
 *            table 22-10, coded by lib/ipmimsg.c)
 */
int ik_send_msg_req_decode(const uint8_t *buf, size_t len, struct ik_send_msg_req *out)
{
    struct ik_rd r;
    struct ik_send_msg_req v;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    v.tracking = b >> 6;
    v.encrypt = b & 0x20;
    v.authenticate = b & 0x10;
    v.channel = b & 0x0F;
    v.data_len = ik_rd_left(&r);
    v.data = v.data_len ? ik_rd_ptr(&r, v.data_len) : NULL;
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_send_msg_req_encode(const struct ik_send_msg_req *in, uint8_t *buf, size_t cap,
                           size_t *written)
{
    struct ik_wr w;
    if (in->tracking > 3 || in->channel > 0x0F)
        return IK_E_RANGE;
    if (in->data_len && !in->data)
        return IK_E_INVAL;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)(in->tracking << 6 | (in->encrypt ? 0x20 : 0) |
                           (in->authenticate ? 0x10 : 0) | in->channel));
    ik_wr_bytes(&w, in->data, in->data_len);
    return ik_wr_finish(&w, written);
}

/*
 * Get Message response (IPMI 2.0 section 22.6, table 22-6), after the CC:
 *   OFF SIZE FIELD
 *   0   1    [7:4] inferred privilege level (0 where the channel carries none),
 *            [3:0] channel number
 *   1   n    message data (IPMB: the frame as received without its first byte, the
 *            responder address)
 */
int ik_get_msg_rsp_decode(const uint8_t *buf, size_t len, struct ik_get_msg_rsp *out)
{
    struct ik_rd r;
    struct ik_get_msg_rsp v;
    ik_rd_init(&r, buf, len);
    uint8_t b = ik_rd_u8(&r);
    v.privilege = b >> 4;
    v.channel = b & 0x0F;
    v.data_len = ik_rd_left(&r);
    v.data = v.data_len ? ik_rd_ptr(&r, v.data_len) : NULL;
    if (ik_rd_end(&r))
        return r.err;
    *out = v;
    return 0;
}

int ik_get_msg_rsp_encode(const struct ik_get_msg_rsp *in, uint8_t *buf, size_t cap,
                          size_t *written)
{
    struct ik_wr w;
    if (in->channel > 0x0F || in->privilege > 0x0F)
        return IK_E_RANGE;
    if (in->data_len && !in->data)
        return IK_E_INVAL;
    ik_wr_init(&w, buf, cap);
    ik_wr_u8(&w, (uint8_t)(in->privilege << 4 | in->channel));
    ik_wr_bytes(&w, in->data, in->data_len);
    return ik_wr_finish(&w, written);
}
