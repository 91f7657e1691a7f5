/*
 * NetFn Storage (0Ah), SEL group: the System Event Log (IPMI 2.0 section 31), durable
 * through the engine's store.
 *
 * The records live in memory as their 16-byte wire form, sorted by record ID, and every
 * change is written through the store before it is acknowledged: an Add SEL Entry answers
 * only after sel_put() returned 0 (bmcd's SQLite store has committed it), so a record a
 * client was told about survives kill -9. An add is one append in memory plus one store
 * write; nothing ever rewrites the log.
 *
 * Record IDs run 0001h-FFFEh (0000h and FFFFh name the first and last record in requests)
 * and are never reused while they can be told apart: the next ID is the highest one ever
 * handed out plus one, kept in the store ("sel/meta") whenever deleting or clearing could
 * hide it. After FFFEh the counter wraps to 0001h and skips IDs still in use.
 *
 * Reservation (section 31.4): Reserve SEL hands out a new ID and cancels the previous one;
 * adding, deleting, clearing and a BMC reset cancel it too. Delete, Clear and Partial Add
 * need the current reservation; Get SEL Entry needs it only for a read that does not
 * start at offset 0, and checks any non-zero one it is given. Reserve SEL is answered
 * during an erase (asking for the erasure status needs a reservation).
 *
 * When the SEL fills up, the last free slot takes an "Event Logging Disabled: SEL full"
 * event (sensor type 10h offset 04h) and later adds get C4h (out of space) with the
 * overflow flag set in Get SEL Info; "SEL almost full" (offset 05h) is logged at the
 * described fill level, "log area reset/cleared" (offset 02h) after a clear. These use the
 * first described sensor of type 10h; with none, they are not logged.
 *
 * Completion codes: C5h reservation cancelled or invalid, CBh record not present, CAh
 * bytes past the end of a record, C4h SEL full, 81h erase in progress, CCh bad field,
 * FFh the store failed (the change did not happen).
 */
#include "bmc_int.h"

#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "msg_storage.h"
#include "repo_info.h"
#include "ipmikit/error.h"

#define NETFN_STORAGE 0x0A

#define SEL_VERSION   0x51 /* IPMI 1.5/2.0 SEL (Get SEL Info byte 1) */
#define TS_NEVER      0xFFFFFFFFu
#define UTC_UNSPEC    0x07FF
#define META_KEY      "sel/meta"
#define META_VERSION  1
#define LOG_DISABLED  0x10 /* sensor type: event logging disabled */
#define OFF_CLEARED   0x02 /* log area reset/cleared */
#define OFF_FULL      0x04 /* SEL full */
#define OFF_ALMOST    0x05 /* SEL almost full */
#define ALLOC_INITIAL 256

/* Bytes 0-1 of a SEL record: the record ID, LS byte first (table 32-1). */
static uint16_t rec_id(const uint8_t *rec)
{
    struct ik_rd r;
    ik_rd_init(&r, rec, 2);
    return ik_rd_le16(&r);
}

/* Bytes 3-6 of a timestamped record (system event, OEM C0h-DFh): the timestamp. */
static uint32_t rec_ts(const uint8_t *rec)
{
    struct ik_rd r;
    ik_rd_init(&r, rec + 3, 4);
    return ik_rd_le32(&r);
}

static void put_rec_id(uint8_t *rec, uint16_t id)
{
    struct ik_wr w;
    ik_wr_init(&w, rec, 2);
    ik_wr_le16(&w, id);
}

static void put_rec_ts(uint8_t *rec, uint32_t ts)
{
    struct ik_wr w;
    ik_wr_init(&w, rec + 3, 4);
    ik_wr_le32(&w, ts);
}

uint32_t ik_sel_now(struct ik_bmc *bmc)
{
    return (uint32_t)(ik_bmc_unix_time(bmc) + bmc->sel.time_offset);
}

/* Index of the first record with ID >= id. */
static uint32_t find_pos(const struct ik_bmc_sel *s, uint16_t id)
{
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (rec_id(s->rec[mid]) < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of a record named in a request (0000h first, FFFFh last); -1 if none. */
static long find_req(const struct ik_bmc_sel *s, uint16_t id)
{
    if (s->n == 0)
        return -1;
    if (id == 0x0000)
        return 0;
    if (id == 0xFFFF)
        return (long)s->n - 1;
    uint32_t i = find_pos(s, id);
    return i < s->n && rec_id(s->rec[i]) == id ? (long)i : -1;
}

static int id_in_use(const struct ik_bmc_sel *s, uint16_t id)
{
    uint32_t i = find_pos(s, id);
    return i < s->n && rec_id(s->rec[i]) == id;
}

static uint16_t id_after(uint16_t id)
{
    return id >= 0xFFFE ? 0x0001 : (uint16_t)(id + 1);
}

/* The ID the next add will get (skipping IDs in use after a wrap). */
static uint16_t peek_id(const struct ik_bmc_sel *s)
{
    uint16_t id = s->next_id;
    /* At most n IDs are in use and n <= 65534, so a free one exists. */
    while (id_in_use(s, id))
        id = id_after(id);
    return id;
}

static void cancel_reservation(struct ik_bmc_sel *s)
{
    s->resv = 0;
    s->pa_active = 0;
}

static int write_meta(struct ik_bmc *bmc)
{
    struct ik_bmc_sel *s = &bmc->sel;
    uint8_t buf[16];
    struct ik_wr w;
    ik_wr_init(&w, buf, sizeof(buf));
    ik_wr_u8(&w, META_VERSION);
    ik_wr_le16(&w, s->next_id);
    ik_wr_le32(&w, s->erase_ts);
    ik_wr_le32(&w, s->add_ts);
    ik_wr_u8(&w, s->overflow);
    int rc = ik_plat_kv_put(bmc, META_KEY, buf, w.off);
    if (rc == 0)
        s->stored_next = s->next_id;
    return rc;
}

/* Make room for one more record in memory (the capacity check is the caller's). */
static int grow(struct ik_bmc_sel *s)
{
    if (s->n < s->alloc)
        return 0;
    uint32_t na = s->alloc ? s->alloc * 2 : ALLOC_INITIAL;
    if (na > s->cap)
        na = s->cap;
    void *p = realloc(s->rec, (size_t)na * 16);
    if (!p)
        return IK_E_NOMEM;
    s->rec = p;
    s->alloc = na;
    return 0;
}

/* Insert a record (ID already in bytes 0-1) in ID order. */
static void insert(struct ik_bmc_sel *s, const uint8_t rec[16])
{
    uint32_t i = find_pos(s, rec_id(rec));
    if (i < s->n)
        memmove(s->rec[i + 1], s->rec[i], (size_t)(s->n - i) * 16);
    memcpy(s->rec[i], rec, 16);
    s->n++;
}

/* Timestamped record types: system event (02h) and OEM timestamped (C0h-DFh). */
static int timestamped(uint8_t type)
{
    return type == 0x02 || (type >= 0xC0 && type <= 0xDF);
}

/* Store and keep one record: the ID is assigned here, the timestamp too if `stamp`. */
static int add_record(struct ik_bmc *bmc, uint8_t rec[16], int stamp, uint16_t *id_out,
                      int keep_resv)
{
    struct ik_bmc_sel *s = &bmc->sel;
    if (s->erase_until)
        return IK_E_BUSY;
    if (s->n >= s->cap) {
        s->overflow = 1;
        return IK_E_LIMIT;
    }
    int rc = grow(s);
    if (rc)
        return rc;
    uint16_t id = peek_id(s);
    uint32_t now = ik_sel_now(bmc);
    put_rec_id(rec, id);
    if (stamp)
        put_rec_ts(rec, now);
    if (bmc->cfg.store.sel_put && (rc = bmc->cfg.store.sel_put(bmc->cfg.store.ctx, rec)) != 0) {
        s->store_errors++;
        ik_bmc_log(bmc, "event=sel_store_failed op=put id=%u err=%s", id, ik_errname(rc));
        return IK_E_IO;
    }
    insert(s, rec);
    s->next_id = id_after(id);
    s->add_ts = now;
    if (!keep_resv)
        cancel_reservation(s);
    if (id_out)
        *id_out = id;
    return 0;
}

/* A system event record (table 32-1); add_record fills in the record ID and timestamp. */
static void event_record(uint8_t rec[16], uint16_t gen_id, uint8_t evm_rev, uint8_t sensor_type,
                         uint8_t sensor_num, uint8_t dir_type, const uint8_t data[3])
{
    struct ik_wr w;
    ik_wr_init(&w, rec, 16);
    ik_wr_le16(&w, 0);  /* record ID */
    ik_wr_u8(&w, 0x02); /* record type: system event */
    ik_wr_le32(&w, 0);  /* timestamp */
    ik_wr_le16(&w, gen_id);
    ik_wr_u8(&w, evm_rev);
    ik_wr_u8(&w, sensor_type);
    ik_wr_u8(&w, sensor_num);
    ik_wr_u8(&w, dir_type);
    ik_wr_bytes(&w, data, 3);
}

/* An event-logging-disabled event from the BMC itself (no fill checks: these are the
 * fill events). `keep_resv`: the "log area cleared" event logged when an erase ends leaves
 * a reservation taken during the erase valid, so its owner can ask for the erasure status
 * (FreeIPMI reserves again for every status poll). */
static void log_disabled(struct ik_bmc *bmc, uint8_t offset, int keep_resv)
{
    struct ik_bmc_sel *s = &bmc->sel;
    if (!s->has_log_sensor)
        return;
    const uint8_t data[3] = {offset, 0xFF, 0xFF};
    uint8_t rec[16];
    event_record(rec, IK_BMC_GEN_ID, IK_EVM_REV, LOG_DISABLED, s->log_sensor, 0x6F, data);
    if (add_record(bmc, rec, 1, NULL, keep_resv) == 0)
        ik_sensors_note_state(bmc, s->log_sensor, offset);
}

/* After an add: log "almost full" at the described level and "full" into the last slot. */
static void check_fill(struct ik_bmc *bmc)
{
    struct ik_bmc_sel *s = &bmc->sel;
    uint8_t pct = ik_plat(bmc)->sel.almost_full_pct;
    if (!s->has_log_sensor)
        return;
    if (s->cap >= 2 && s->n == s->cap - 1) {
        log_disabled(bmc, OFF_FULL, 0);
        return;
    }
    if (pct && !s->almost_logged && (uint64_t)s->n * 100 >= (uint64_t)s->cap * pct &&
        s->n < s->cap - 1) {
        s->almost_logged = 1;
        log_disabled(bmc, OFF_ALMOST, 0);
    }
}

int ik_sel_log_event(struct ik_bmc *bmc, uint16_t gen_id, uint8_t evm_rev, uint8_t sensor_type,
                     uint8_t sensor_num, uint8_t dir_type, const uint8_t data[3], uint16_t *id)
{
    uint8_t rec[16];
    event_record(rec, gen_id, evm_rev, sensor_type, sensor_num, dir_type, data);
    int rc = IK_E_DISABLED;
    /* BMC Global Enables bit 3: system event logging. */
    if (bmc->app.global_enables & 0x08) {
        ik_plat_catch_up(bmc);
        rc = add_record(bmc, rec, 1, id, 0);
        if (rc == 0)
            check_fill(bmc);
        else
            ik_bmc_log(bmc, "event=sel_event_dropped sensor=%u err=%s", sensor_num, ik_errname(rc));
    }
    /* System software hears of every event through the event message buffer (its own
     * enable, Global Enables bit 2), logged or not: stamped now if the SEL did not. */
    if (rc != 0)
        put_rec_ts(rec, ik_sel_now(bmc));
    ik_bridge_event(bmc, rec);
    return rc;
}

static void sel_catch_up(struct ik_bmc *bmc)
{
    struct ik_bmc_sel *s = &bmc->sel;
    if (s->erase_until && bmc->now >= s->erase_until) {
        s->erase_until = 0;
        if (s->erase_log_pending) {
            s->erase_log_pending = 0;
            log_disabled(bmc, OFF_CLEARED, 1);
        }
    }
}

static ik_time_us sel_tick(struct ik_bmc *bmc, ik_time_us now)
{
    (void)now;
    sel_catch_up(bmc);
    return bmc->sel.erase_until;
}

static int cc_of(int rc)
{
    switch (rc) {
    case 0:
        return 0x00;
    case IK_E_LIMIT:
        return 0xC4; /* out of space */
    case IK_E_BUSY:
        return 0x81; /* cannot execute command, SEL erase in progress */
    default:
        return 0xFF; /* unspecified: the record was not stored */
    }
}

/* Every handler starts here: time-driven state first, then the erase-in-progress rule. */
static int begin(struct ik_bmc *bmc, struct ik_bmc_rsp *rsp, int refuse_while_erasing)
{
    ik_plat_catch_up(bmc);
    if (refuse_while_erasing && bmc->sel.erase_until) {
        rsp->cc = 0x81;
        return 0;
    }
    return 1;
}

/* Get SEL Info response (IPMI 2.0 table 31-2; the layout is in lib/repo_info.c). This
 * SEL supports every optional command: Delete, Partial Add, Reserve, Allocation Info. */
static void get_sel_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_bmc_sel *s = &bmc->sel;
    if (!begin(bmc, rsp, 0))
        return;
    uint64_t free_bytes = (uint64_t)(s->cap - s->n) * 16;
    struct ik_repo_info info = {
        .version = SEL_VERSION,
        .count = (uint16_t)s->n,
        .free_bytes = free_bytes > 0xFFFF ? 0xFFFF : (uint16_t)free_bytes,
        .add_ts = s->add_ts,
        .erase_ts = s->erase_ts,
        .ops = (uint8_t)((s->overflow ? IK_REPO_OP_OVERFLOW : 0) | IK_REPO_OP_DELETE |
                         IK_REPO_OP_PARTIAL_ADD | IK_REPO_OP_RESERVE | IK_REPO_OP_ALLOC_INFO),
    };
    if (ik_repo_info_encode(&info, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 14 bytes fit */
}

/*
 * Get SEL Allocation Info (table 31-3, lib/repo_info.c): one unit is one 16-byte record.
 */
static void get_sel_alloc(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_bmc_sel *s = &bmc->sel;
    if (!begin(bmc, rsp, 0))
        return;
    struct ik_repo_alloc a = {
        .units = (uint16_t)s->cap,
        .unit_size = 16,
        .free_units = (uint16_t)(s->cap - s->n),
        .largest_free = (uint16_t)(s->cap - s->n),
        .max_record = 1,
    };
    if (ik_repo_alloc_encode(&a, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 9 bytes fit */
}

/* Reserve SEL (table 31-4): a new reservation ID, never 0000h; the old one is void. */
static void reserve_sel(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                        const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_bmc_sel *s = &bmc->sel;
    /* Allowed during an erase: a reservation is what asking for the erasure status takes. */
    if (!begin(bmc, rsp, 0))
        return;
    uint16_t id = (uint16_t)(s->resv_seq + 1);
    if (id == 0)
        id = 1;
    s->resv_seq = id;
    s->resv = id;
    s->pa_active = 0;
    struct ik_reserve_rsp v = {.resv = id};
    if (ik_reserve_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 2 bytes fit */
}

/* Get SEL Entry (table 31-5, lib/msg_storage.c): reservation ID (0000h allowed unless the
 * read starts past offset 0), record ID, offset, count. Response: next record ID (FFFFh
 * after the last), then the bytes. */
static void get_sel_entry(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_sel *s = &bmc->sel;
    struct ik_get_record_req q;
    if (ik_get_record_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits exactly 6 bytes */
        return;
    }
    uint8_t off = q.offset, cnt = q.count;
    if (!begin(bmc, rsp, 1))
        return;
    if ((q.resv != 0 && q.resv != s->resv) || (q.resv == 0 && off != 0)) {
        rsp->cc = 0xC5; /* reservation cancelled or invalid */
        return;
    }
    long i = find_req(s, q.record_id);
    if (i < 0) {
        rsp->cc = 0xCB; /* requested record not present */
        return;
    }
    size_t n = cnt == IK_GET_RECORD_WHOLE ? (off < 16 ? 16u - off : 0) : cnt;
    if (off >= 16 || off + n > 16) {
        rsp->cc = 0xCA; /* cannot return the number of bytes requested */
        return;
    }
    struct ik_get_record_rsp v = {
        .next_id = (uint32_t)i + 1 < s->n ? rec_id(s->rec[i + 1]) : IK_GET_RECORD_LAST,
        .data = s->rec[i] + off,
        .len = n,
    };
    if (ik_get_record_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: at most 18 bytes */
}

/* Add SEL Entry (table 31-6): the 16-byte record; the BMC sets the record ID and, for
 * timestamped types, the timestamp. Response: the record ID. */
static void add_sel_entry(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    uint8_t rec[16];
    uint16_t id;
    if (!begin(bmc, rsp, 1))
        return;
    memcpy(rec, req->data, 16);
    int rc = add_record(bmc, rec, timestamped(rec[2]), &id, 0);
    if (rc) {
        rsp->cc = (uint8_t)cc_of(rc);
        return;
    }
    check_fill(bmc);
    struct ik_sel_id_rsp v = {.record_id = id};
    if (ik_sel_id_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 2 bytes fit */
}

/*
 * Partial Add SEL Entry (table 31-7). Request:
 *   0   2    reservation ID
 *   2   2    record ID (0000h on the first part; then the ID the first part returned)
 *   4   1    offset into the record
 *   5   1    [3:0] 0h = more parts follow, 1h = this part completes the record
 *   6   n    record bytes
 * The record is stored when the last part arrives and it is 16 bytes long.
 */
static void partial_add(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                        const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_sel *s = &bmc->sel;
    struct ik_rd r;
    ik_rd_init(&r, req->data, req->len);
    uint16_t resv = ik_rd_le16(&r);
    uint16_t id = ik_rd_le16(&r);
    uint8_t off = ik_rd_u8(&r);
    uint8_t flags = ik_rd_u8(&r), progress = flags & 0x0F;
    size_t n = ik_rd_left(&r);
    const uint8_t *part = ik_rd_ptr(&r, n);
    if (!begin(bmc, rsp, 1))
        return;
    if (resv == 0 || resv != s->resv) {
        rsp->cc = 0xC5;
        return;
    }
    if (progress > 1 || (flags & 0xF0)) {
        rsp->cc = 0xCC;
        return;
    }
    if (off == 0) {
        s->pa_active = 1;
        s->pa_len = 0;
        s->pa_id = peek_id(s);
    } else if (!s->pa_active || id != s->pa_id || off != s->pa_len) {
        rsp->cc = 0xCC; /* not the continuation of the record being added */
        return;
    }
    if (s->pa_len + n > 16) {
        s->pa_active = 0;
        rsp->cc = 0xCC;
        return;
    }
    memcpy(s->pa_buf + s->pa_len, part, n);
    s->pa_len = (uint8_t)(s->pa_len + n);
    uint16_t out = s->pa_id;
    if (progress == 1) {
        s->pa_active = 0;
        if (s->pa_len != 16) {
            rsp->cc = 0xCC; /* the record is incomplete */
            return;
        }
        int rc = add_record(bmc, s->pa_buf, timestamped(s->pa_buf[2]), &out, 0);
        if (rc) {
            rsp->cc = (uint8_t)cc_of(rc);
            return;
        }
        check_fill(bmc);
    }
    struct ik_sel_id_rsp v = {.record_id = out};
    if (ik_sel_id_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 2 bytes fit */
}

/* Delete SEL Entry (table 31-8, lib/msg_storage.c): reservation ID, record ID (0000h
 * first, FFFFh last). Response: the ID deleted. */
static void delete_sel_entry(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_sel *s = &bmc->sel;
    struct ik_sel_delete_req q;
    if (ik_sel_delete_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits exactly 4 bytes */
        return;
    }
    if (!begin(bmc, rsp, 1))
        return;
    if (q.resv == 0 || q.resv != s->resv) {
        rsp->cc = 0xC5;
        return;
    }
    long i = find_req(s, q.record_id);
    if (i < 0) {
        rsp->cc = 0xCB;
        return;
    }
    uint16_t id = rec_id(s->rec[i]);
    /* Deleting the highest ID could let a restart hand it out again: keep the counter. */
    if ((uint32_t)i == s->n - 1 && s->stored_next != s->next_id && write_meta(bmc) != 0) {
        rsp->cc = 0xFF;
        return;
    }
    int rc = bmc->cfg.store.sel_delete ? bmc->cfg.store.sel_delete(bmc->cfg.store.ctx, id) : 0;
    if (rc != 0 && rc != IK_E_NOTFOUND) {
        s->store_errors++;
        ik_bmc_log(bmc, "event=sel_store_failed op=delete id=%u err=%s", id, ik_errname(rc));
        rsp->cc = 0xFF;
        return;
    }
    memmove(s->rec[i], s->rec[i + 1], (size_t)(s->n - (uint32_t)i - 1) * 16);
    s->n--;
    cancel_reservation(s);
    uint8_t pct = ik_plat(bmc)->sel.almost_full_pct;
    if ((uint64_t)s->n * 100 < (uint64_t)s->cap * pct)
        s->almost_logged = 0;
    struct ik_sel_id_rsp v = {.record_id = id};
    if (ik_sel_id_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 2 bytes fit */
}

/* Clear SEL (table 31-9, lib/msg_storage.c): reservation ID, 'C' 'L' 'R', then AAh
 * (initiate erase) or 00h (get erasure status). Response: erasure in progress / completed. */
static void clear_sel(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                      const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_bmc_sel *s = &bmc->sel;
    struct ik_sel_clear_req q;
    if (ik_sel_clear_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits exactly 6 bytes */
        return;
    }
    if (!begin(bmc, rsp, 0))
        return;
    if (q.resv == 0 || q.resv != s->resv) {
        rsp->cc = 0xC5;
        return;
    }
    if (!q.confirmed || (q.action != IK_SEL_CLEAR_INITIATE && q.action != IK_SEL_CLEAR_STATUS)) {
        rsp->cc = 0xCC;
        return;
    }
    if (q.action == IK_SEL_CLEAR_INITIATE && !s->erase_until) {
        uint32_t now = ik_sel_now(bmc);
        uint32_t old_erase = s->erase_ts;
        s->erase_ts = now;
        /* The counter goes to the store before the records go, so no ID comes back. */
        int rc = write_meta(bmc);
        if (rc == 0 && bmc->cfg.store.sel_clear)
            rc = bmc->cfg.store.sel_clear(bmc->cfg.store.ctx);
        if (rc != 0) {
            s->erase_ts = old_erase;
            s->store_errors++;
            ik_bmc_log(bmc, "event=sel_store_failed op=clear err=%s", ik_errname(rc));
            rsp->cc = 0xFF;
            return;
        }
        s->n = 0;
        s->overflow = 0;
        s->almost_logged = 0;
        cancel_reservation(s);
        ik_bmc_log(bmc, "event=sel_cleared");
        uint32_t ms = ik_plat(bmc)->sel.clear_ms;
        if (ms) {
            s->erase_until = bmc->now + (ik_time_us)ms * IK_US_PER_MS;
            s->erase_log_pending = 1;
        } else {
            log_disabled(bmc, OFF_CLEARED, 1);
        }
    }
    struct ik_sel_clear_rsp v = {
        .progress = s->erase_until ? IK_SEL_ERASE_IN_PROGRESS : IK_SEL_ERASE_COMPLETED,
    };
    if (ik_sel_clear_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 1 byte fits */
}

/* Get SEL Time (table 31-10): 4 bytes, Unix seconds. */
static void get_sel_time(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_storage_time v = {.time = ik_sel_now(bmc)};
    if (ik_storage_time_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 4 bytes fit */
}

static int put_time(struct ik_bmc *bmc)
{
    uint8_t buf[10];
    struct ik_wr w;
    ik_wr_init(&w, buf, sizeof(buf));
    ik_wr_le32(&w, (uint32_t)((uint64_t)bmc->sel.time_offset & 0xFFFFFFFFu));
    ik_wr_le32(&w, (uint32_t)((uint64_t)bmc->sel.time_offset >> 32));
    ik_wr_le16(&w, (uint16_t)bmc->sel.utc_offset);
    return ik_plat_kv_put(bmc, "sel/time", buf, w.off);
}

/* Set SEL Time (table 31-11): 4 bytes. The SEL clock keeps running from there (the
 * offset to the engine's clock is stored, so it survives a restart). */
static void set_sel_time(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_storage_time t;
    if (ik_storage_time_decode(req->data, req->len, &t) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits exactly 4 bytes */
        return;
    }
    int64_t old = bmc->sel.time_offset;
    bmc->sel.time_offset = (int64_t)t.time - ik_bmc_unix_time(bmc);
    if (put_time(bmc) != 0) {
        bmc->sel.time_offset = old;
        rsp->cc = 0xFF;
    }
}

/* Get SEL Time UTC Offset (table 31-12): signed minutes, LS byte first (07FFh unspecified). */
static void get_utc_offset(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_wr w;
    ik_wr_init(&w, rsp->data, sizeof(rsp->data));
    ik_wr_le16(&w, (uint16_t)bmc->sel.utc_offset);
    rsp->len = w.off;
}

/* Set SEL Time UTC Offset: -1440..1440 minutes, or 07FFh. */
static void set_utc_offset(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_rd r;
    ik_rd_init(&r, req->data, req->len);
    int16_t v = (int16_t)ik_rd_le16(&r);
    if (v != UTC_UNSPEC && (v < -1440 || v > 1440)) {
        rsp->cc = 0xC9; /* parameter out of range */
        return;
    }
    int16_t old = bmc->sel.utc_offset;
    bmc->sel.utc_offset = v;
    if (put_time(bmc) != 0) {
        bmc->sel.utc_offset = old;
        rsp->cc = 0xFF;
    }
}

static int sel_init(struct ik_bmc *bmc)
{
    struct ik_bmc_sel *s = &bmc->sel;
    const struct ik_machine_platform *p = ik_plat(bmc);
    memset(s, 0, sizeof(*s));
    s->cap = p->sel.capacity;
    if (s->cap == 0 || s->cap > IK_SEL_CAPACITY_MAX)
        return IK_E_RANGE;
    s->next_id = 1;
    s->add_ts = TS_NEVER;
    s->erase_ts = TS_NEVER;
    s->fresh = 1;
    for (size_t i = 0; i < p->nsensors; i++) {
        if (p->sensors[i].sensor_type == LOG_DISABLED) {
            s->log_sensor = p->sensors[i].number;
            s->has_log_sensor = 1;
            break;
        }
    }
    return grow(s);
}

static int sel_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    struct ik_bmc_sel *s = &bmc->sel;
    struct ik_rd r;
    ik_rd_init(&r, val, len);
    if (strcmp(key, META_KEY) == 0) {
        if (ik_rd_u8(&r) != META_VERSION)
            return IK_E_UNSUPPORTED;
        uint16_t next = ik_rd_le16(&r);
        uint32_t erase_ts = ik_rd_le32(&r);
        uint32_t add_ts = ik_rd_le32(&r);
        uint8_t overflow = ik_rd_u8(&r);
        if (ik_rd_end(&r) || next == 0 || next == 0xFFFF)
            return IK_E_CORRUPT;
        s->next_id = s->stored_next = next;
        s->erase_ts = erase_ts;
        s->add_ts = add_ts;
        s->overflow = overflow ? 1 : 0;
        s->fresh = 0;
        return 0;
    }
    if (strcmp(key, "sel/time") == 0) {
        uint32_t lo = ik_rd_le32(&r), hi = ik_rd_le32(&r);
        uint16_t utc = ik_rd_le16(&r);
        if (ik_rd_end(&r))
            return IK_E_CORRUPT;
        s->time_offset = (int64_t)((uint64_t)hi << 32 | lo);
        s->utc_offset = (int16_t)utc;
        return 0;
    }
    return IK_E_NOTFOUND;
}

struct load_ctx {
    struct ik_bmc *bmc;
    uint32_t dropped;
    uint8_t unordered;
};

static void load_one(void *arg, const uint8_t rec[16])
{
    struct load_ctx *lc = arg;
    struct ik_bmc_sel *s = &lc->bmc->sel;
    uint16_t id = rec_id(rec);
    if (id == 0 || id == 0xFFFF || s->n >= s->cap || grow(s) != 0) {
        lc->dropped++;
        return;
    }
    if (id_in_use(s, id)) {
        lc->dropped++;
        return;
    }
    if (s->n && rec_id(s->rec[s->n - 1]) > id)
        lc->unordered = 1;
    insert(s, rec);
}

static int sel_start(struct ik_bmc *bmc)
{
    struct ik_bmc_sel *s = &bmc->sel;
    struct load_ctx lc = {bmc, 0, 0};
    if (bmc->cfg.store.sel_load) {
        int rc = bmc->cfg.store.sel_load(bmc->cfg.store.ctx, load_one, &lc);
        if (rc)
            return rc;
    }
    if (lc.dropped)
        ik_bmc_log(bmc, "event=sel_load_dropped count=%u capacity=%u", lc.dropped, s->cap);
    if (s->n) {
        /* Adds since the counter was last stored went past it: resume after the highest
         * ID present (after a wrap of the 16-bit space, see the header comment). */
        uint16_t top = rec_id(s->rec[s->n - 1]);
        if (s->fresh || top >= s->next_id)
            s->next_id = id_after(top);
        /* The newest record tells when the last add was (the stored meta may be older). */
        const uint8_t *last = s->rec[s->n - 1];
        uint32_t ts = rec_ts(last);
        if (timestamped(last[2]) && (s->add_ts == TS_NEVER || ts > s->add_ts))
            s->add_ts = ts;
    }
    if (s->fresh) {
        const struct ik_msel *d = &ik_plat(bmc)->sel;
        for (uint16_t i = 0; i < d->ninit; i++) {
            uint8_t rec[16];
            memcpy(rec, d->init[i], 16);
            /* A described timestamp of 0 means "when the BMC first started". */
            int stamp = timestamped(rec[2]) && rec_ts(rec) == 0;
            int rc = add_record(bmc, rec, stamp, NULL, 0);
            if (rc)
                return rc;
        }
        int rc = write_meta(bmc);
        if (rc)
            return rc;
        s->fresh = 0;
    }
    return 0;
}

static void sel_reset(struct ik_bmc *bmc)
{
    cancel_reservation(&bmc->sel);
}

static void sel_fini(struct ik_bmc *bmc)
{
    free(bmc->sel.rec);
    bmc->sel.rec = NULL;
}

/* Privileges from IPMI 2.0 appendix G. */
static const struct ik_bmc_cmd sel_cmds[] = {
    {NETFN_STORAGE, 0x40, IK_PRIV_USER, 0, 0, get_sel_info},
    {NETFN_STORAGE, 0x41, IK_PRIV_USER, 0, 0, get_sel_alloc},
    {NETFN_STORAGE, 0x42, IK_PRIV_USER, 0, 0, reserve_sel},
    {NETFN_STORAGE, 0x43, IK_PRIV_USER, 6, 6, get_sel_entry},
    {NETFN_STORAGE, 0x44, IK_PRIV_OPERATOR, 16, 16, add_sel_entry},
    {NETFN_STORAGE, 0x45, IK_PRIV_OPERATOR, 6, 22, partial_add},
    {NETFN_STORAGE, 0x46, IK_PRIV_OPERATOR, 4, 4, delete_sel_entry},
    {NETFN_STORAGE, 0x47, IK_PRIV_OPERATOR, 6, 6, clear_sel},
    {NETFN_STORAGE, 0x48, IK_PRIV_USER, 0, 0, get_sel_time},
    {NETFN_STORAGE, 0x49, IK_PRIV_OPERATOR, 4, 4, set_sel_time},
    {NETFN_STORAGE, 0x5C, IK_PRIV_USER, 0, 0, get_utc_offset},
    {NETFN_STORAGE, 0x5D, IK_PRIV_OPERATOR, 2, 2, set_utc_offset},
};

const struct ik_bmc_module ik_bmc_mod_sel = {
    .name = "sel",
    .init = sel_init,
    .kv_prefix = "sel/",
    .load_kv = sel_load_kv,
    .start = sel_start,
    .tick = sel_tick,
    .reset = sel_reset,
    .fini = sel_fini,
    .cmds = sel_cmds,
    .ncmds = sizeof(sel_cmds) / sizeof(sel_cmds[0]),
};

/* The platform modules share this catch-up step (platform.c calls it). */
void ik_sel_catch_up(struct ik_bmc *bmc);
void ik_sel_catch_up(struct ik_bmc *bmc)
{
    sel_catch_up(bmc);
}
