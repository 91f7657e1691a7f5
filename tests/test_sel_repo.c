/* The engine's SEL: commands, reservation, completion codes, durability through the store,
 * record ID rules, fill events and the SEL clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"

#define ST 0x0A /* NetFn Storage */

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct bmcfix *f = *state;
    bmcfix_fini(f);
    free(f);
    return 0;
}

/* A system event record as a client would add it (ID and timestamp left for the BMC). */
#define EVENT_REC(num)                                                                             \
    0x44, 0, 0, 0x02, 0, 0, 0, 0, 0x41, 0x00, 0x04, 0x01, (num), 0x01, 0x57, 0x40, 0x50

static uint16_t add_event(struct bmcfix *f, uint8_t num)
{
    struct ik_bmc_rsp r = BMC(f, ST, EVENT_REC(num));
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2);
    return bmcfix_le16(r.data);
}

static uint16_t reserve(struct bmcfix *f)
{
    struct ik_bmc_rsp r = BMC(f, ST, 0x42);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2);
    uint16_t id = bmcfix_le16(r.data);
    assert_int_not_equal(id, 0);
    return id;
}

static struct ik_bmc_rsp get_entry(struct bmcfix *f, uint16_t resv, uint16_t id, uint8_t off,
                                   uint8_t n)
{
    return BMC(f, ST, 0x43, (uint8_t)resv, (uint8_t)(resv >> 8), (uint8_t)id, (uint8_t)(id >> 8),
               off, n);
}

static uint16_t sel_count(struct bmcfix *f)
{
    struct ik_bmc_rsp r = BMC(f, ST, 0x40);
    assert_int_equal(r.cc, 0);
    return bmcfix_le16(r.data + 1);
}

/* A sensor of type 10h (event logging disabled) lets the SEL log its own events. */
static void with_log_sensor(struct bmcfix *f)
{
    bmcfix_add_sensor(f, "Event Log", 0x70, 0x10, 0x6F);
}

static void sel_info_of_an_empty_log(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, ST, 0x40);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 14);
    assert_int_equal(r.data[0], 0x51);
    assert_int_equal(bmcfix_le16(r.data + 1), 0);
    assert_int_equal(bmcfix_le16(r.data + 3), 0xFFFF); /* 4096 x 16 bytes: 65535 or more */
    assert_int_equal(bmcfix_le32(r.data + 5), 0xFFFFFFFFu);
    assert_int_equal(bmcfix_le32(r.data + 9), 0xFFFFFFFFu);
    assert_int_equal(r.data[13], 0x0F);
}

static void add_assigns_increasing_ids_and_stamps_system_events(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    bmcfix_advance(f, 5 * IK_US_PER_S);
    assert_int_equal(add_event(f, 1), 1);
    assert_int_equal(add_event(f, 2), 2);
    struct ik_bmc_rsp r = get_entry(f, 0, 1, 0, 0xFF);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 18);
    assert_int_equal(bmcfix_le16(r.data), 2);     /* next record */
    assert_int_equal(bmcfix_le16(r.data + 2), 1); /* its own ID */
    assert_int_equal(r.data[4], 0x02);
    assert_int_equal(bmcfix_le32(r.data + 5), BMCFIX_UNIX0 + 5);
    assert_int_equal(r.data[2 + 11], 1); /* sensor number as given */
    r = BMC(f, ST, 0x40);
    assert_int_equal(bmcfix_le32(r.data + 5), BMCFIX_UNIX0 + 5); /* last addition */
}

static void oem_non_timestamped_record_is_kept_verbatim(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, ST, 0x44, 0xAA, 0xBB, 0xF0, 0x20, 0x00, 'p', 'a', 'n', 'i', 'c',
                              ' ', 's', 't', 'r', 'n', 'g');
    assert_int_equal(r.cc, 0);
    r = get_entry(f, 0, 0xFFFF, 0, 0xFF);
    assert_int_equal(r.cc, 0);
    static const uint8_t want[14] = {0xF0, 0x20, 0x00, 'p', 'a', 'n', 'i',
                                     'c',  ' ',  's',  't', 'r', 'n', 'g'};
    assert_memory_equal(r.data + 4, want, 14);
}

static void first_last_and_next_ids_walk_the_log(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < 3; i++)
        add_event(f, (uint8_t)i);
    struct ik_bmc_rsp r = get_entry(f, 0, 0x0000, 0, 0xFF);
    assert_int_equal(bmcfix_le16(r.data + 2), 1);
    r = get_entry(f, 0, 0xFFFF, 0, 0xFF);
    assert_int_equal(bmcfix_le16(r.data + 2), 3);
    assert_int_equal(bmcfix_le16(r.data), 0xFFFF);
    uint16_t id = 0, seen = 0;
    do {
        r = get_entry(f, 0, id, 0, 0xFF);
        assert_int_equal(r.cc, 0);
        id = bmcfix_le16(r.data);
        seen++;
    } while (id != 0xFFFF);
    assert_int_equal(seen, 3);
}

static void missing_record_and_empty_log_give_cb(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(get_entry(f, 0, 0, 0, 0xFF).cc, 0xCB);
    assert_int_equal(get_entry(f, 0, 0xFFFF, 0, 0xFF).cc, 0xCB);
    add_event(f, 1);
    assert_int_equal(get_entry(f, 0, 7, 0, 0xFF).cc, 0xCB);
}

static void partial_reads_need_a_reservation_and_stay_inside_the_record(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    add_event(f, 9);
    assert_int_equal(get_entry(f, 0, 1, 4, 5).cc, 0xC5); /* offset > 0 without reservation */
    uint16_t resv = reserve(f);
    struct ik_bmc_rsp r = get_entry(f, resv, 1, 11, 5);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2 + 5);
    assert_int_equal(r.data[2], 9);      /* byte 11 = sensor number */
    r = get_entry(f, resv, 1, 10, 0xFF); /* FFh: to the end */
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2 + 6);
    assert_int_equal(get_entry(f, resv, 1, 12, 5).cc, 0xCA); /* 12 + 5 > 16 */
    assert_int_equal(get_entry(f, resv, 1, 16, 1).cc, 0xCA); /* past the end */
    assert_int_equal(get_entry(f, resv, 1, 16, 0xFF).cc, 0xCA);
    r = get_entry(f, 0, 1, 0, 3); /* from offset 0 no reservation is needed */
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 5);
    assert_int_equal(get_entry(f, (uint16_t)(resv + 1), 1, 0, 0xFF).cc, 0xC5);
}

static void reservation_is_cancelled_by_add_delete_clear_reset_and_a_new_reserve(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    add_event(f, 1);
    add_event(f, 2);
    uint16_t resv = reserve(f);
    add_event(f, 3);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 1, 0).cc, 0xC5);

    resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 1, 0).cc, 0);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 2, 0).cc, 0xC5);

    uint16_t old = reserve(f);
    resv = reserve(f);
    assert_int_not_equal(old, resv);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)old, old >> 8, 2, 0).cc, 0xC5);

    assert_int_equal(BMC(f, 0x06, 0x03).cc, 0); /* warm reset */
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 2, 0).cc, 0xC5);

    resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0xAA).cc, 0);
    add_event(f, 4);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 0, 0).cc, 0xC5);
}

static void delete_takes_first_last_or_an_id_and_answers_with_the_id(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < 4; i++)
        add_event(f, (uint8_t)i);
    uint16_t resv = reserve(f);
    struct ik_bmc_rsp r = BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 0, 0);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le16(r.data), 1);
    resv = reserve(f);
    r = BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 0xFF, 0xFF);
    assert_int_equal(bmcfix_le16(r.data), 4);
    resv = reserve(f);
    r = BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 3, 0);
    assert_int_equal(bmcfix_le16(r.data), 3);
    resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 3, 0).cc, 0xCB);
    assert_int_equal(BMC(f, ST, 0x46, 0, 0, 2, 0).cc, 0xC5); /* no reservation */
    assert_int_equal(sel_count(f), 1);
    r = get_entry(f, 0, 0, 0, 0xFF);
    assert_int_equal(bmcfix_le16(r.data + 2), 2);
    assert_int_equal(bmcfix_le16(r.data), 0xFFFF);
}

static void record_ids_are_not_reused_after_deleting_the_last_and_restarting(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    add_event(f, 1);
    add_event(f, 2);
    add_event(f, 3);
    uint16_t resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 3, 0).cc, 0);
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(add_event(f, 4), 4);
    resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0xAA).cc, 0);
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(sel_count(f), 0);
    assert_int_equal(add_event(f, 5), 5);
}

struct collect {
    uint16_t ids[64];
    int n;
};

static void collect_one(void *arg, const uint8_t rec[16])
{
    struct collect *c = arg;
    if (c->n < 64)
        c->ids[c->n++] = bmcfix_le16(rec);
}

static void every_acknowledged_add_is_in_the_store_and_survives_a_restart(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < 10; i++)
        add_event(f, (uint8_t)i);
    struct collect c = {0};
    f->inner.sel_load(f->inner.ctx, collect_one, &c);
    assert_int_equal(c.n, 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(c.ids[i], i + 1);
    bmcfix_advance(f, 7 * IK_US_PER_S);
    add_event(f, 9); /* the last add, at +7 s */
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(sel_count(f), 11);
    assert_int_equal(bmcfix_le32(BMC(f, ST, 0x40).data + 5), BMCFIX_UNIX0 + 7);
    struct ik_bmc_rsp r = get_entry(f, 0, 10, 0, 0xFF);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[2 + 11], 9);
    assert_int_equal(add_event(f, 10), 12);
}

static void failed_store_write_is_not_acknowledged_and_not_kept(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    add_event(f, 1);
    f->fail_sel_put = 1;
    struct ik_bmc_rsp r = BMC(f, ST, EVENT_REC(2));
    assert_int_equal(r.cc, 0xFF);
    assert_int_equal(sel_count(f), 1);
    assert_true(bmcfix_logged(f, "event=sel_store_failed op=put"));
    assert_int_equal(add_event(f, 3), 2);
    f->fail_sel_delete = 1;
    uint16_t resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x46, (uint8_t)resv, resv >> 8, 1, 0).cc, 0xFF);
    assert_int_equal(sel_count(f), 2);
}

static void full_log_ends_with_a_sel_full_event_then_c4_and_overflow(void **state)
{
    struct bmcfix *f = *state;
    with_log_sensor(f);
    f->m.platform.sel.capacity = 5;
    f->m.platform.sel.almost_full_pct = 0;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < 4; i++)
        add_event(f, (uint8_t)i);
    assert_int_equal(sel_count(f), 5);
    struct ik_bmc_rsp r = get_entry(f, 0, 0xFFFF, 0, 0xFF);
    assert_int_equal(r.data[2 + 10], 0x10); /* sensor type: event logging disabled */
    assert_int_equal(r.data[2 + 11], 0x70);
    assert_int_equal(r.data[2 + 12], 0x6F);
    assert_int_equal(r.data[2 + 13], 0x04); /* SEL full */
    r = BMC(f, ST, EVENT_REC(9));
    assert_int_equal(r.cc, 0xC4);
    r = BMC(f, ST, 0x40);
    assert_int_equal(r.data[13], 0x8F); /* overflow flag */
    assert_int_equal(bmcfix_le16(r.data + 3), 0);
    r = BMC(f, ST, 0x41);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le16(r.data), 5);
    assert_int_equal(bmcfix_le16(r.data + 2), 16);
    assert_int_equal(bmcfix_le16(r.data + 4), 0);
    uint16_t resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0xAA).cc, 0);
    r = BMC(f, ST, 0x40);
    assert_int_equal(r.data[13], 0x0F);
    assert_int_equal(bmcfix_le16(r.data + 1), 1); /* the "log area cleared" event */
    r = get_entry(f, 0, 0, 0, 0xFF);
    assert_int_equal(r.data[2 + 13], 0x02);
}

static void without_a_log_sensor_the_log_fills_to_capacity(void **state)
{
    struct bmcfix *f = *state;
    f->m.platform.sel.capacity = 3;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < 3; i++)
        add_event(f, (uint8_t)i);
    assert_int_equal(BMC(f, ST, EVENT_REC(9)).cc, 0xC4);
    assert_int_equal(sel_count(f), 3);
}

static void almost_full_is_logged_once_at_the_described_level(void **state)
{
    struct bmcfix *f = *state;
    with_log_sensor(f);
    f->m.platform.sel.capacity = 10;
    f->m.platform.sel.almost_full_pct = 50;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < 5; i++)
        add_event(f, (uint8_t)i);
    assert_int_equal(sel_count(f), 6);
    struct ik_bmc_rsp r = get_entry(f, 0, 0xFFFF, 0, 0xFF);
    assert_int_equal(r.data[2 + 13], 0x05);
    add_event(f, 6);
    assert_int_equal(sel_count(f), 7);
}

static void clear_checks_clr_and_reservation_and_reports_progress(void **state)
{
    struct bmcfix *f = *state;
    with_log_sensor(f);
    f->m.platform.sel.clear_ms = 1500;
    assert_int_equal(bmcfix_start(f), 0);
    add_event(f, 1);
    uint16_t resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'X', 0xAA).cc, 0xCC);
    assert_int_equal(BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0x55).cc, 0xCC);
    assert_int_equal(BMC(f, ST, 0x47, 0, 0, 'C', 'L', 'R', 0xAA).cc, 0xC5);
    struct ik_bmc_rsp r = BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0xAA);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 0x00); /* in progress */
    assert_int_equal(get_entry(f, 0, 0, 0, 0xFF).cc, 0x81);
    assert_int_equal(BMC(f, ST, EVENT_REC(2)).cc, 0x81);
    resv = reserve(f); /* allowed during the erase */
    r = BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0x00);
    assert_int_equal(r.data[0], 0x00);
    bmcfix_advance(f, 2 * IK_US_PER_S);
    r = BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0x00);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[0], 0x01);
    assert_int_equal(sel_count(f), 1);
    r = BMC(f, ST, 0x40);
    assert_int_equal(bmcfix_le32(r.data + 9), BMCFIX_UNIX0); /* erase timestamp */
}

static void partial_add_assembles_a_record_under_a_reservation(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    uint16_t resv = reserve(f);
    struct ik_bmc_rsp r = BMC(f, ST, 0x45, (uint8_t)resv, resv >> 8, 0, 0, 0, 0, 0, 0, 0x02, 0, 0,
                              0, 0, 0x20, 0x00, 0x04);
    assert_int_equal(r.cc, 0);
    uint16_t id = bmcfix_le16(r.data);
    assert_int_equal(id, 1);
    assert_int_equal(sel_count(f), 0);
    assert_int_equal(BMC(f, ST, 0x45, (uint8_t)resv, resv >> 8, 1, 0, 9, 0, 0x05).cc, 0xCC);
    r = BMC(f, ST, 0x45, (uint8_t)resv, resv >> 8, 1, 0, 10, 1, 0x05, 0x51, 0x6F, 0x00, 0xFF, 0xFF);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le16(r.data), 1);
    r = get_entry(f, 0, 1, 0, 0xFF);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[2 + 10], 0x05);
    assert_int_equal(r.data[2 + 11], 0x51);
    assert_int_equal(bmcfix_le32(r.data + 2 + 3), BMCFIX_UNIX0);
    /* the add cancelled the reservation */
    assert_int_equal(BMC(f, ST, 0x45, (uint8_t)resv, resv >> 8, 0, 0, 0, 1, 1, 2).cc, 0xC5);
    resv = reserve(f);
    r = BMC(f, ST, 0x45, (uint8_t)resv, resv >> 8, 0, 0, 0, 1, 1, 2, 3);
    assert_int_equal(r.cc, 0xCC); /* last part, but only 3 bytes */
    assert_int_equal(sel_count(f), 1);
}

static void sel_time_set_moves_the_clock_and_survives_a_restart(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, ST, 0x48);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le32(r.data), BMCFIX_UNIX0);
    const uint32_t t = 1234567890;
    assert_int_equal(BMC(f, ST, 0x49, t & 0xFF, (t >> 8) & 0xFF, (t >> 16) & 0xFF, t >> 24).cc, 0);
    bmcfix_advance(f, 3 * IK_US_PER_S);
    r = BMC(f, ST, 0x48);
    assert_int_equal(bmcfix_le32(r.data), t + 3);
    add_event(f, 1);
    r = get_entry(f, 0, 1, 0, 0xFF);
    assert_int_equal(bmcfix_le32(r.data + 5), t + 3);
    assert_int_equal(bmcfix_restart(f), 0);
    r = BMC(f, ST, 0x48);
    assert_int_equal(bmcfix_le32(r.data), t + 3);
}

static void utc_offset_is_range_checked_and_stored(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, ST, 0x5C);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le16(r.data), 0);
    assert_int_equal(BMC(f, ST, 0x5D, 0xA1, 0x05).cc, 0xC9); /* 1441 */
    assert_int_equal(BMC(f, ST, 0x5D, 0x5F, 0xFA).cc, 0xC9); /* -1441 */
    assert_int_equal(BMC(f, ST, 0x5D, 0x4C, 0xFF).cc, 0);    /* -180 */
    assert_int_equal(bmcfix_restart(f), 0);
    r = BMC(f, ST, 0x5C);
    assert_int_equal((int16_t)bmcfix_le16(r.data), -180);
    assert_int_equal(BMC(f, ST, 0x5D, 0xFF, 0x07).cc, 0); /* unspecified */
}

static void initial_entries_are_loaded_only_on_the_first_start(void **state)
{
    struct bmcfix *f = *state;
    struct ik_msel *s = &f->m.platform.sel;
    s->init = calloc(2, 16);
    s->ninit = 2;
    s->init[0][2] = 0x02;
    s->init[0][11] = 0x33;
    s->init[1][2] = 0x02;
    s->init[1][3] = 0x10; /* a described timestamp is kept */
    s->init[1][11] = 0x34;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(sel_count(f), 2);
    struct ik_bmc_rsp r = get_entry(f, 0, 1, 0, 0xFF);
    assert_int_equal(bmcfix_le32(r.data + 5), BMCFIX_UNIX0);
    r = get_entry(f, 0, 2, 0, 0xFF);
    assert_int_equal(bmcfix_le32(r.data + 5), 0x10);
    uint16_t resv = reserve(f);
    assert_int_equal(BMC(f, ST, 0x47, (uint8_t)resv, resv >> 8, 'C', 'L', 'R', 0xAA).cc, 0);
    assert_int_equal(bmcfix_restart(f), 0);
    assert_int_equal(sel_count(f), 0);
}

static void bmc_events_respect_the_global_logging_enable(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    uint8_t data[3] = {0x01, 0xFF, 0xFF};
    assert_int_equal(ik_sel_log_event(f->bmc, IK_BMC_GEN_ID, 4, 0x12, 1, 0x6F, data, NULL), 0);
    assert_int_equal(BMC(f, 0x06, 0x2E, 0x04).cc, 0); /* logging disabled */
    assert_int_equal(ik_sel_log_event(f->bmc, IK_BMC_GEN_ID, 4, 0x12, 1, 0x6F, data, NULL),
                     IK_E_DISABLED);
    assert_int_equal(add_event(f, 2), 2); /* Add SEL Entry is not an event */
}

static void request_lengths_are_checked(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(BMC(f, ST, 0x44, 1, 2, 3).cc, 0xC7);
    assert_int_equal(BMC(f, ST, 0x43, 0, 0, 0, 0, 0).cc, 0xC7);
    assert_int_equal(BMC(f, ST, 0x43, 0, 0, 0, 0, 0, 0xFF, 0).cc, 0xC8);
    assert_int_equal(BMC(f, ST, 0x40, 0).cc, 0xC8);
    f->priv = IK_PRIV_USER;
    assert_int_equal(BMC(f, ST, EVENT_REC(1)).cc, 0xD4);
    assert_int_equal(BMC(f, ST, 0x40).cc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(sel_info_of_an_empty_log),
        T(add_assigns_increasing_ids_and_stamps_system_events),
        T(oem_non_timestamped_record_is_kept_verbatim),
        T(first_last_and_next_ids_walk_the_log),
        T(missing_record_and_empty_log_give_cb),
        T(partial_reads_need_a_reservation_and_stay_inside_the_record),
        T(reservation_is_cancelled_by_add_delete_clear_reset_and_a_new_reserve),
        T(delete_takes_first_last_or_an_id_and_answers_with_the_id),
        T(record_ids_are_not_reused_after_deleting_the_last_and_restarting),
        T(every_acknowledged_add_is_in_the_store_and_survives_a_restart),
        T(failed_store_write_is_not_acknowledged_and_not_kept),
        T(full_log_ends_with_a_sel_full_event_then_c4_and_overflow),
        T(without_a_log_sensor_the_log_fills_to_capacity),
        T(almost_full_is_logged_once_at_the_described_level),
        T(clear_checks_clr_and_reservation_and_reports_progress),
        T(partial_add_assembles_a_record_under_a_reservation),
        T(sel_time_set_moves_the_clock_and_survives_a_restart),
        T(utc_offset_is_range_checked_and_stored),
        T(initial_entries_are_loaded_only_on_the_first_start),
        T(bmc_events_respect_the_global_logging_enable),
        T(request_lengths_are_checked),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
