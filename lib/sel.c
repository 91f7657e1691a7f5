/* SEL record codec (16-byte records, IPMI 2.0 table 32-1) and Linux panic-record reassembly. */
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "ipmikit/sel.h"

enum ik_sel_kind ik_sel_kind_of(uint8_t record_type)
{
    if (record_type == 0x02)
        return IK_SEL_KIND_SYSTEM;
    if (record_type >= 0xC0 && record_type <= 0xDF)
        return IK_SEL_KIND_OEM_TS;
    if (record_type >= 0xE0)
        return IK_SEL_KIND_OEM_NOTS;
    return IK_SEL_KIND_UNKNOWN;
}

enum ik_sel_time ik_sel_time_of(uint32_t timestamp)
{
    if (timestamp == IK_SEL_TS_UNSPECIFIED)
        return IK_SEL_TIME_UNSPECIFIED;
    /* Section 37.1: 00000000h-20000000h count seconds since the BMC initialised. */
    if (timestamp <= IK_SEL_TS_INIT_MAX)
        return IK_SEL_TIME_PRE_INIT;
    return IK_SEL_TIME_UTC;
}

uint16_t ik_sel_gen_id(int software, uint8_t addr, uint8_t channel, uint8_t lun)
{
    /* Byte 1 (record byte 7): [7:1] slave address or software ID, [0] 1b = software ID.
     * Byte 2 (record byte 8): [7:4] channel, [3:2] reserved, [1:0] LUN. */
    uint8_t lo = (uint8_t)((addr & 0x7F) << 1 | (software ? 1 : 0));
    uint8_t hi = (uint8_t)((channel & 0x0F) << 4 | (lun & 0x03));
    return (uint16_t)(lo | hi << 8);
}

/* Fill ev from the system-event layout of bytes 7-15 (r positioned at byte 7). */
static void read_event(struct ik_rd *r, struct ik_sel_event *ev)
{
    uint8_t lo = ik_rd_u8(r);
    uint8_t hi = ik_rd_u8(r);
    ev->gen_id = (uint16_t)(lo | hi << 8);
    ev->gen_software = lo & 0x01;
    ev->gen_addr = lo >> 1;
    ev->gen_channel = hi >> 4;
    ev->gen_lun = hi & 0x03;
    ev->evm_rev = ik_rd_u8(r);
    ev->sensor_type = ik_rd_u8(r);
    ev->sensor_num = ik_rd_u8(r);
    uint8_t dir_type = ik_rd_u8(r);
    ev->deassertion = dir_type >> 7;
    ev->event_type = dir_type & 0x7F;
    ik_rd_bytes(r, ev->data, 3);
}

/*
 * SEL record, IPMI 2.0 table 32-1 (system event), 32-2 (OEM timestamped), 32-3 (OEM
 * non-timestamped). Multi-byte fields are little-endian.
 *
 *   OFFSET SIZE FIELD
 *   0      2    record ID
 *   2      1    record type: 02h system event, C0h-DFh OEM timestamped, E0h-FFh OEM
 *               non-timestamped, others unknown
 *   -- type 02h --
 *   3      4    timestamp (section 37.1: FFFFFFFFh unspecified, <= 20000000h pre-init)
 *   7      2    generator ID: byte 7 [7:1] IPMB slave address or software ID, [0] 1b = ID
 *               is a software ID; byte 8 [7:4] channel, [3:2] reserved, [1:0] LUN
 *   9      1    EvM revision (04h IPMI 1.5/2.0, 03h IPMI 1.0)
 *   10     1    sensor type (table 42-3)
 *   11     1    sensor number
 *   12     1    [7] event direction (1b = deassertion), [6:0] event/reading type
 *   13     3    event data 1-3 (table 29-6)
 *   -- types C0h-DFh --
 *   3      4    timestamp
 *   7      3    manufacturer ID (IANA), LS byte first
 *   10     6    OEM defined
 *   -- types E0h-FFh --
 *   3      13   OEM defined
 */
int ik_sel_decode(const uint8_t *buf, size_t len, struct ik_sel_record *out)
{
    if (len < IK_SEL_RECORD_LEN)
        return IK_E_TRUNCATED;
    if (len != IK_SEL_RECORD_LEN)
        return IK_E_OVERSIZE;

    struct ik_sel_record rec;
    struct ik_rd r;
    memset(&rec, 0, sizeof(rec));
    ik_rd_init(&r, buf, len);
    rec.record_id = ik_rd_le16(&r);
    rec.record_type = ik_rd_u8(&r);
    rec.kind = (uint8_t)ik_sel_kind_of(rec.record_type);

    switch (rec.kind) {
    case IK_SEL_KIND_SYSTEM:
        rec.timestamp = ik_rd_le32(&r);
        rec.time_kind = (uint8_t)ik_sel_time_of(rec.timestamp);
        read_event(&r, &rec.ev);
        break;
    case IK_SEL_KIND_OEM_TS:
        rec.timestamp = ik_rd_le32(&r);
        rec.time_kind = (uint8_t)ik_sel_time_of(rec.timestamp);
        rec.manufacturer = ik_rd_le24(&r);
        ik_rd_bytes(&r, rec.oem, 6);
        break;
    case IK_SEL_KIND_OEM_NOTS:
        rec.time_kind = IK_SEL_TIME_NONE;
        ik_rd_bytes(&r, rec.oem, 13);
        break;
    default:
        /* Unknown type: nothing in bytes 3-15 is defined. Types below C0h are also read
         * with the system-event layout so that tools can show them as ipmitool does. */
        rec.time_kind = IK_SEL_TIME_NONE;
        if (rec.record_type < 0xC0) {
            rec.timestamp = ik_rd_le32(&r);
            read_event(&r, &rec.ev);
        } else {
            ik_rd_skip(&r, 13); /* unreachable today: C0h-FFh are all OEM types */
        }
        break;
    }
    int err = ik_rd_end(&r);
    if (err)
        return err;
    memcpy(rec.raw, buf, IK_SEL_RECORD_LEN);
    *out = rec;
    return 0;
}

int ik_sel_encode(const struct ik_sel_record *in, uint8_t *buf, size_t cap, size_t *written)
{
    if (!in || (!buf && cap))
        return IK_E_INVAL;
    enum ik_sel_kind kind = ik_sel_kind_of(in->record_type);
    if (kind == IK_SEL_KIND_UNKNOWN || kind != in->kind)
        return IK_E_INVAL;
    if (kind == IK_SEL_KIND_SYSTEM && in->ev.event_type > 0x7F)
        return IK_E_RANGE;
    if (kind == IK_SEL_KIND_OEM_TS && in->manufacturer > 0xFFFFFF)
        return IK_E_RANGE;
    if (cap < IK_SEL_RECORD_LEN)
        return IK_E_NOSPACE;

    uint8_t tmp[IK_SEL_RECORD_LEN];
    struct ik_wr w;
    ik_wr_init(&w, tmp, sizeof(tmp));
    ik_wr_le16(&w, in->record_id);
    ik_wr_u8(&w, in->record_type);
    switch (kind) {
    case IK_SEL_KIND_SYSTEM:
        ik_wr_le32(&w, in->timestamp);
        ik_wr_le16(&w, in->ev.gen_id);
        ik_wr_u8(&w, in->ev.evm_rev);
        ik_wr_u8(&w, in->ev.sensor_type);
        ik_wr_u8(&w, in->ev.sensor_num);
        ik_wr_u8(&w, (uint8_t)((in->ev.deassertion ? 0x80 : 0) | in->ev.event_type));
        ik_wr_bytes(&w, in->ev.data, 3);
        break;
    case IK_SEL_KIND_OEM_TS:
        ik_wr_le32(&w, in->timestamp);
        ik_wr_le24(&w, in->manufacturer);
        ik_wr_bytes(&w, in->oem, 6);
        break;
    default:
        ik_wr_bytes(&w, in->oem, 13);
        break;
    }
    if (ik_wr_error(&w) || w.off != IK_SEL_RECORD_LEN)
        return IK_E_NOSPACE; /* cannot happen: every layout is exactly 16 bytes */
    memcpy(buf, tmp, IK_SEL_RECORD_LEN);
    if (written)
        *written = IK_SEL_RECORD_LEN;
    return 0;
}

/* ---- Linux panic records --------------------------------------------------------------- */

int ik_sel_panic_chunk(const struct ik_sel_record *r, struct ik_sel_panic_chunk *out)
{
    /* The driver writes record type F0h (OEM non-timestamped): byte 3 its slave address,
     * byte 4 the chunk's sequence number, bytes 5-15 the string (strncpy'd, so NUL-padded
     * only when fewer than 11 characters remain). */
    if (r->record_type != 0xF0)
        return 0;
    struct ik_sel_panic_chunk c;
    memset(&c, 0, sizeof(c));
    c.slave_addr = r->oem[0];
    c.seq = r->oem[1];
    while (c.len < 11 && r->oem[2 + c.len] != 0) {
        c.text[c.len] = (char)r->oem[2 + c.len];
        c.len++;
    }
    *out = c;
    return 1;
}

void ik_sel_panic_reset(struct ik_sel_panic_asm *a)
{
    a->len = 0;
    a->text[0] = '\0';
    a->nchunks = 0;
    a->slave_addr = 0;
    a->next_seq = 0;
    a->active = 0;
    a->ended = 0;
    a->truncated = 0;
}

int ik_sel_panic_continues(const struct ik_sel_panic_asm *a, const struct ik_sel_panic_chunk *c)
{
    return a->active && !a->ended && c->seq != 0 && c->seq == a->next_seq &&
           c->slave_addr == a->slave_addr;
}

void ik_sel_panic_add(struct ik_sel_panic_asm *a, const struct ik_sel_panic_chunk *c)
{
    if (!ik_sel_panic_continues(a, c)) {
        ik_sel_panic_reset(a);
        a->active = 1;
        a->slave_addr = c->slave_addr;
    }
    for (size_t i = 0; i < c->len; i++) {
        if (a->len < IK_SEL_PANIC_MAX)
            a->text[a->len++] = c->text[i];
        else
            a->truncated = 1;
    }
    a->text[a->len] = '\0';
    a->nchunks++;
    a->next_seq = (uint8_t)(c->seq + 1);
    if (c->len < 11 || a->next_seq == 0)
        a->ended = 1; /* NUL-padded chunk: the string ended; or the 8-bit sequence wrapped */
}
