/* The engine's SDR repository: generated records (decoded back with the codec), partial
 * reads, reservations and completion codes, and the Device SDR commands. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "ipmikit/sdr.h"
#include "testutil.h"

#define SE 0x04
#define ST 0x0A

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    struct ik_msensor *t = bmcfix_add_sensor(f, "Inlet Temp", 0x01, 0x01, 0x01);
    t->unit = 1;
    t->min = -20;
    t->max = 107.5;
    t->resolution = 0.5;
    t->thr[IK_SDR_UNC] = 40;
    t->thr[IK_SDR_UCR] = 45;
    t->thr_readable = 0x18;
    t->thr_settable = 0x18;
    t->hyst_pos = 1;
    t->hyst_neg = 1;
    t->hyst_access = 2;
    t->assert_mask = 1u << 7 | 1u << 9;
    t->deassert_mask = t->assert_mask;
    t->has_nominal = 1;
    t->nominal = 22;
    t->model.value = 23;
    struct ik_msensor *d = bmcfix_add_sensor(f, "PSU1 Status", 0x02, 0x08, 0x6F);
    d->states_mask = 0x004F;
    d->assert_mask = 0x000E;
    d->initial_states = 0x0001;
    struct ik_msensor *e = bmcfix_add_sensor(f, "OS Stop", 0x03, 0x20, 0x6F);
    e->record = IK_MREC_EVENT_ONLY;
    struct ik_machine_platform *p = &f->m.platform;
    p->frus = calloc(1, sizeof(*p->frus));
    p->nfrus = 1;
    p->frus[0].id = 0;
    p->frus[0].size = 8;
    p->frus[0].image = calloc(1, 8);
    strcpy(p->frus[0].name, "System FRU");
    p->frus[0].entity_id = 0x17;
    p->frus[0].entity_instance = 1;
    p->sats = calloc(1, sizeof(*p->sats));
    p->nsats = 1;
    strcpy(p->sats[0].name, "PSU MC");
    p->sats[0].addr = 0x72;
    p->sats[0].dev_support = 0x01;
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

static struct ik_bmc_rsp get_sdr(struct bmcfix *f, uint8_t cmd_netfn, uint16_t resv, uint16_t id,
                                 uint8_t off, uint8_t n)
{
    uint8_t cmd = cmd_netfn == SE ? 0x21 : 0x23;
    return BMC(f, cmd_netfn, cmd, (uint8_t)resv, resv >> 8, (uint8_t)id, id >> 8, off, n);
}

/* Read the whole repository the way ipmitool does (header, then the body in pieces) and
 * decode every record. */
static int read_all(struct bmcfix *f, uint8_t netfn, struct ik_sdr_record *out, int max)
{
    uint8_t resv_cmd = netfn == SE ? 0x22 : 0x22;
    struct ik_bmc_rsp r = BMC(f, netfn, resv_cmd);
    assert_int_equal(r.cc, 0);
    uint16_t resv = bmcfix_le16(r.data);
    uint16_t id = 0;
    int n = 0;
    while (id != 0xFFFF && n < max) {
        uint8_t rec[IK_SDR_MAX_LEN];
        r = get_sdr(f, netfn, resv, id, 0, 5);
        assert_int_equal(r.cc, 0);
        uint16_t next = bmcfix_le16(r.data);
        memcpy(rec, r.data + 2, 5);
        size_t len = 5 + rec[4];
        for (size_t off = 5; off < len; off += 16) {
            size_t k = len - off < 16 ? len - off : 16;
            r = get_sdr(f, netfn, resv, id, (uint8_t)off, (uint8_t)k);
            assert_int_equal(r.cc, 0);
            assert_int_equal(r.len, 2 + k);
            memcpy(rec + off, r.data + 2, k);
        }
        uint8_t *exact = ik_test_dup(rec, len);
        assert_int_equal(ik_sdr_decode(exact, len, &out[n]), 0);
        free(exact);
        n++;
        id = next;
    }
    return n;
}

static void repository_info_counts_every_generated_record(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, ST, 0x20);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 14);
    assert_int_equal(r.data[0], 0x51);
    assert_int_equal(bmcfix_le16(r.data + 1), 6); /* 3 sensors, FRU, BMC, satellite */
    assert_int_equal(bmcfix_le32(r.data + 5), BMCFIX_UNIX0);
    assert_int_equal(r.data[13], 0x03);
    r = BMC(f, ST, 0x21);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 9);
    assert_int_equal(bmcfix_le16(r.data + 2), 16);
}

static void every_record_decodes_and_says_what_the_description_says(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_sdr_record rec[8];
    int n = read_all(f, ST, rec, 8);
    assert_int_equal(n, 6);
    for (int i = 0; i < n; i++)
        assert_int_equal(rec[i].hdr.record_id, i + 1);
    const struct ik_sdr_full *t = &rec[0].u.full;
    assert_int_equal(rec[0].hdr.type, IK_SDR_FULL);
    assert_string_equal(t->id.text, "Inlet Temp");
    assert_int_equal(t->s.owner_id, 0x20);
    assert_int_equal(t->s.number, 0x01);
    assert_int_equal(t->s.sensor_type, 0x01);
    assert_int_equal(t->s.units.base_unit, 1);
    assert_int_equal(t->s.threshold_access, 2);
    assert_int_equal(t->s.hysteresis_access, 2);
    assert_int_equal(IK_SDR_THR_READABLE(t->s.reading_mask), 0x18);
    assert_int_equal(IK_SDR_THR_SETTABLE(t->s.reading_mask), 0x18);
    assert_int_equal(t->s.assert_mask & 0x0FFF, 1u << 7 | 1u << 9);
    struct ik_sdr_conv c;
    ik_sdr_full_conv(t, &c);
    double v;
    assert_int_equal(ik_sdr_raw_to_value(&c, t->thresholds[IK_SDR_UNC], &v), 0);
    assert_true(fabs(v - 40) < 1e-9);
    assert_int_equal(ik_sdr_raw_to_value(&c, t->thresholds[IK_SDR_UCR], &v), 0);
    assert_true(fabs(v - 45) < 1e-9);
    assert_int_equal(ik_sdr_raw_to_value(&c, t->nominal, &v), 0);
    assert_true(fabs(v - 22) < 1e-9);
    assert_true(fabs(ik_sdr_hysteresis_to_real(&c, t->hyst_pos) - 1) < 1e-9);
    assert_int_equal(ik_sdr_raw_to_value(&c, t->sensor_min, &v), 0);
    assert_true(fabs(v + 20) < 1e-9);

    assert_int_equal(rec[1].hdr.type, IK_SDR_COMPACT);
    assert_string_equal(rec[1].u.compact.id.text, "PSU1 Status");
    assert_int_equal(rec[1].u.compact.s.reading_mask, 0x004F);
    assert_int_equal(rec[1].u.compact.s.units.format, IK_SDR_FMT_NONE);
    assert_int_equal(rec[2].hdr.type, IK_SDR_EVENT_ONLY);
    assert_int_equal(rec[2].u.event_only.sensor_type, 0x20);
    assert_int_equal(rec[3].hdr.type, IK_SDR_FRU_LOCATOR);
    assert_int_equal(rec[3].u.fru.device_id, 0);
    assert_int_equal(rec[3].u.fru.logical, 1);
    assert_int_equal(rec[3].u.fru.entity_id, 0x17);
    assert_string_equal(rec[3].u.fru.id.text, "System FRU");
    assert_int_equal(rec[4].hdr.type, IK_SDR_MC_LOCATOR);
    assert_int_equal(rec[4].u.mc.slave_addr, 0x20);
    assert_int_equal(rec[4].u.mc.capabilities, f->m.id.dev_support);
    assert_int_equal(rec[5].u.mc.slave_addr, 0x72);
    assert_string_equal(rec[5].u.mc.id.text, "PSU MC");
}

static void sensor_reading_agrees_with_the_record_conversion(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_sdr_record rec[8];
    read_all(f, ST, rec, 8);
    struct ik_sdr_conv c;
    ik_sdr_full_conv(&rec[0].u.full, &c);
    struct ik_bmc_rsp r = BMC(f, SE, 0x2D, 0x01);
    double v;
    assert_int_equal(ik_sdr_raw_to_value(&c, r.data[0], &v), 0);
    assert_true(fabs(v - 23) < 1e-9);
}

static void partial_reads_need_the_current_reservation(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(get_sdr(f, ST, 0, 1, 5, 4).cc, 0xC5);
    struct ik_bmc_rsp r = BMC(f, ST, 0x22);
    uint16_t old = bmcfix_le16(r.data);
    r = BMC(f, ST, 0x22);
    uint16_t resv = bmcfix_le16(r.data);
    assert_int_not_equal(old, resv);
    assert_int_equal(get_sdr(f, ST, old, 1, 5, 4).cc, 0xC5);
    assert_int_equal(get_sdr(f, ST, resv, 1, 5, 4).cc, 0);
    assert_int_equal(BMC(f, 0x06, 0x02).cc, 0); /* cold reset */
    assert_int_equal(get_sdr(f, ST, resv, 1, 5, 4).cc, 0xC5);
    /* whole reads from offset 0 need none */
    r = get_sdr(f, ST, 0, 0, 0, 0xFF);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2 + 5 + r.data[2 + 4]);
    assert_int_equal(bmcfix_le16(r.data), 2);
}

static void reads_past_the_end_and_missing_records_are_refused(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    uint16_t resv = bmcfix_le16(BMC(f, ST, 0x22).data);
    struct ik_bmc_rsp r = get_sdr(f, ST, resv, 2, 0, 0xFF);
    size_t len = r.len - 2;
    assert_int_equal(get_sdr(f, ST, resv, 2, (uint8_t)(len - 2), 3).cc, 0xCA);
    assert_int_equal(get_sdr(f, ST, resv, 2, (uint8_t)len, 1).cc, 0xCA);
    assert_int_equal(get_sdr(f, ST, resv, 2, (uint8_t)len, 0xFF).cc, 0xCA);
    r = get_sdr(f, ST, resv, 2, (uint8_t)(len - 2), 0xFF);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 4);
    assert_int_equal(get_sdr(f, ST, resv, 7, 0, 0xFF).cc, 0xCB);
    r = get_sdr(f, ST, 0, 0xFFFF, 0, 5);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le16(r.data), 0xFFFF);
    assert_int_equal(bmcfix_le16(r.data + 2), 6);
    assert_int_equal(BMC(f, ST, 0x23, 0, 0, 1, 0, 0).cc, 0xC7);
}

static void device_sdrs_are_the_sensor_records(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, SE, 0x20);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2);
    assert_int_equal(r.data[0], 3);
    assert_int_equal(r.data[1], 0x01);
    r = BMC(f, SE, 0x20, 0x01);
    assert_int_equal(r.data[0], 3);
    struct ik_sdr_record rec[8];
    assert_int_equal(read_all(f, SE, rec, 8), 3);
    assert_int_equal(rec[2].hdr.type, IK_SDR_EVENT_ONLY);
    /* the two reservations are separate */
    uint16_t dev = bmcfix_le16(BMC(f, SE, 0x22).data);
    BMC(f, ST, 0x22);
    assert_int_equal(get_sdr(f, SE, dev, 1, 5, 4).cc, 0);
}

static void a_sensor_whose_conversion_cannot_be_made_fails_creation(void **state)
{
    struct bmcfix *f = *state;
    f->m.platform.sensors[0].resolution = 0.01; /* 12750 steps: too many */
    assert_int_not_equal(bmcfix_start(f), 0);
    assert_null(f->bmc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(repository_info_counts_every_generated_record),
        T(every_record_decodes_and_says_what_the_description_says),
        T(sensor_reading_agrees_with_the_record_conversion),
        T(partial_reads_need_the_current_reservation),
        T(reads_past_the_end_and_missing_records_are_refused),
        T(device_sdrs_are_the_sensor_records),
        T(a_sensor_whose_conversion_cannot_be_made_fails_creation),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
