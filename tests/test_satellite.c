/* The IPMB satellite controllers: identity, the few commands they answer, their FRU,
 * checksums, LUNs, and the run-time modes (answer, silent, answer late). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "desc.h"
#include "ipmikit/fru.h"
#include "ipmimsg.h"

#define SE  0x04
#define APP 0x06
#define ST  0x0A
#define S   IK_US_PER_S
#define MS  IK_US_PER_MS

#define SAT  0x72
#define SAT2 0x74
#define SAT3 0x76 /* on channel 2 */

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    struct ik_machine_platform *p = &f->m.platform;
    p->sats = calloc(3, sizeof(*p->sats));
    p->nsats = 3;
    p->sats[0].addr = SAT;
    p->sats[0].device_id = 0x42;
    p->sats[0].device_rev = 0x03;
    p->sats[0].fw_major = 1;
    p->sats[0].ipmi_version = 0x51;
    p->sats[0].dev_support = 0x09;
    p->sats[0].manufacturer_id = 0xABCDE;
    p->sats[0].product_id = 0xBEEF;
    /* a FRU device of 100 bytes: byte i = i */
    p->sats[0].fru = calloc(1, sizeof(struct ik_mfru));
    p->sats[0].fru->size = 100;
    p->sats[0].fru->image = malloc(100);
    for (int i = 0; i < 100; i++)
        p->sats[0].fru->image[i] = (uint8_t)i;
    p->sats[1].addr = SAT2;
    p->sats[1].silent = 1;
    p->sats[2].addr = SAT3;
    p->sats[2].channel = 2;
    f->channel = IK_CHAN_SYSTEM;
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

/* Bridge a request to (channel, addr, lun); 0 and the answer's decoded frame in *m (data
 * borrowed from *keep), or the Send Message completion code / -1 when nothing came. */
static int ask(struct bmcfix *f, uint8_t channel, uint8_t addr, uint8_t lun, uint8_t netfn,
               uint8_t cmd, const uint8_t *data, size_t len, struct ik_ipmimsg *m,
               struct ik_bmc_rsp *keep)
{
    struct ik_ipmimsg rq = {.dst_addr = addr,
                            .netfn = netfn,
                            .dst_lun = lun,
                            .src_addr = 0x20,
                            .seq = 17,
                            .src_lun = 2,
                            .cmd = cmd,
                            .data = data,
                            .data_len = len};
    uint8_t buf[80];
    size_t w;
    buf[0] = (uint8_t)(0x40 | channel);
    assert_int_equal(ik_ipmimsg_encode(&rq, buf + 1, sizeof(buf) - 1, &w), 0);
    struct ik_bmc_rsp r = bmcfix_run(f, APP, 0x34, buf, w + 1);
    if (r.cc)
        return r.cc;
    *keep = BMC(f, APP, 0x33);
    if (keep->cc)
        return -1;
    assert_int_equal(keep->data[0], channel);
    keep->data[0] = 0x20; /* put our address back in front of the frame */
    assert_int_equal(ik_ipmimsg_decode(keep->data, keep->len, m), 0);
    assert_int_equal(m->src_addr, addr);
    assert_int_equal(m->seq, 17);
    assert_int_equal(m->cmd, cmd);
    assert_int_equal(m->netfn, netfn | 1);
    return 0;
}

static void satellite_answers_get_device_id_with_its_identity(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    assert_int_equal(ask(f, 0, SAT, 0, APP, 0x01, NULL, 0, &m, &k), 0);
    static const uint8_t want[] = {0x00, 0x42, 0x03, 0x01, 0x00, 0x51,
                                   0x09, 0xDE, 0xBC, 0x0A, 0xEF, 0xBE};
    assert_int_equal(m.data_len, sizeof(want));
    assert_memory_equal(m.data, want, sizeof(want));
    assert_int_equal(f->bmc->bridge.stats.sat_requests, 1);
}

static void satellite_answers_self_test_and_sdr_info(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    assert_int_equal(ask(f, 0, SAT, 0, APP, 0x04, NULL, 0, &m, &k), 0);
    assert_int_equal(m.data_len, 3);
    assert_int_equal(m.data[1], 0x55);
    assert_int_equal(ask(f, 0, SAT, 0, SE, 0x20, NULL, 0, &m, &k), 0);
    assert_int_equal(m.data_len, 3);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 0x00); /* no sensors */
    assert_int_equal(ask(f, 0, SAT, 0, SE, 0x20, (const uint8_t[]){1, 2}, 2, &m, &k), 0);
    assert_int_equal(m.data[0], 0xC7);
}

static void satellite_refuses_unknown_commands_and_luns(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x40, NULL, 0, &m, &k), 0); /* Get SEL Info */
    assert_int_equal(m.data_len, 1);
    assert_int_equal(m.data[0], 0xC1);
    assert_int_equal(ask(f, 0, SAT, 1, APP, 0x01, NULL, 0, &m, &k), 0);
    assert_int_equal(m.data[0], 0xC2);
    assert_int_equal(m.dst_lun, 2); /* answered to the SMS LUN, from LUN 1 */
    assert_int_equal(m.src_lun, 1);
}

static void satellite_serves_its_fru_device(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x10, (const uint8_t[]){0}, 1, &m, &k), 0);
    assert_int_equal(m.data_len, 4);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 100);
    assert_int_equal(m.data[2], 0);
    assert_int_equal(m.data[3], 0x00); /* byte access */
    /* 16 bytes from offset 90: 10 left */
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x11, (const uint8_t[]){0, 90, 0, 16}, 4, &m, &k), 0);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 10);
    assert_int_equal(m.data_len, 12);
    for (int i = 0; i < 10; i++)
        assert_int_equal(m.data[2 + i], 90 + i);
    /* the most that fits one answer, one more, past the end, another device, bad lengths */
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x11, (const uint8_t[]){0, 0, 0, 55}, 4, &m, &k), 0);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 55);
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x11, (const uint8_t[]){0, 0, 0, 56}, 4, &m, &k), 0);
    assert_int_equal(m.data[0], 0xCA);
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x11, (const uint8_t[]){0, 100, 0, 1}, 4, &m, &k), 0);
    assert_int_equal(m.data[0], 0xC9);
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x11, (const uint8_t[]){1, 0, 0, 1}, 4, &m, &k), 0);
    assert_int_equal(m.data[0], 0xCB);
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x11, (const uint8_t[]){0, 0, 0}, 3, &m, &k), 0);
    assert_int_equal(m.data[0], 0xC7);
    assert_int_equal(ask(f, 0, SAT, 0, ST, 0x10, NULL, 0, &m, &k), 0);
    assert_int_equal(m.data[0], 0xC7);
    /* a satellite without FRU */
    assert_int_equal(ask(f, 2, SAT3, 0, ST, 0x10, (const uint8_t[]){0}, 1, &m, &k), 0);
    assert_int_equal(m.data[0], 0xCB);
}

static void satellites_live_on_their_own_channel(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    assert_int_equal(ask(f, 2, SAT3, 0, APP, 0x01, NULL, 0, &m, &k), 0);
    assert_int_equal(ask(f, 0, SAT3, 0, APP, 0x01, NULL, 0, &m, &k), 0x83);
    assert_int_equal(ask(f, 2, SAT, 0, APP, 0x01, NULL, 0, &m, &k), 0x83);
    assert_int_equal(ask(f, 3, SAT, 0, APP, 0x01, NULL, 0, &m, &k), 0xCC); /* no IPMB 3 */
}

static void satellite_ignores_a_frame_with_a_bad_checksum(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* checksum 2 off by one: acknowledged on the bus, never answered */
    uint8_t fr[] = {0x40, SAT, 0x18, 0x76, 0x20, 0x06, 0x01, 0xDA};
    assert_int_equal(bmcfix_run(f, APP, 0x34, fr, sizeof(fr)).cc, 0);
    fr[3] ^= 1; /* checksum 1 too */
    assert_int_equal(bmcfix_run(f, APP, 0x34, fr, sizeof(fr)).cc, 0);
    /* a response NetFn is not a request */
    uint8_t rs[] = {0x40, SAT, 0x1C, 0x72, 0x20, 0x06, 0x01, 0xD9};
    assert_int_equal(bmcfix_run(f, APP, 0x34, rs, sizeof(rs)).cc, 0);
    assert_int_equal(f->bmc->bridge.stats.sat_bad_frames, 3);
    assert_int_equal(BMC(f, APP, 0x33).cc, 0x80);
    fr[3] ^= 1;
    fr[7] = 0xD9;
    assert_int_equal(bmcfix_run(f, APP, 0x34, fr, sizeof(fr)).cc, 0);
    assert_int_equal(BMC(f, APP, 0x33).cc, 0x00);
}

static void silent_is_a_description_key_and_a_runtime_switch(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    assert_int_equal(ask(f, 0, SAT2, 0, APP, 0x01, NULL, 0, &m, &k), -1);
    assert_int_equal(ik_bmc_satellite_set(f->bmc, 0, SAT2, IK_SAT_ANSWER, 0), 0);
    assert_int_equal(ask(f, 0, SAT2, 0, APP, 0x01, NULL, 0, &m, &k), 0);
    assert_int_equal(ik_bmc_satellite_set(f->bmc, 0, SAT, IK_SAT_SILENT, 0), 0);
    assert_int_equal(ask(f, 0, SAT, 0, APP, 0x01, NULL, 0, &m, &k), -1);
    assert_int_equal(ik_bmc_satellite_set(f->bmc, 0, 0x80, IK_SAT_SILENT, 0), IK_E_NOTFOUND);
    assert_int_equal(ik_bmc_satellite_set(f->bmc, 1, SAT, IK_SAT_SILENT, 0), IK_E_NOTFOUND);
    assert_int_equal(ik_bmc_satellite_set(f->bmc, 0, SAT, (enum ik_sat_mode)7, 0), IK_E_INVAL);
    assert_true(bmcfix_logged(f, "event=satellite_mode channel=0 addr=0x72 mode=silent"));
}

static void delayed_answer_arrives_when_due(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(ik_bmc_satellite_set(f->bmc, 0, SAT, IK_SAT_ANSWER, 6000), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    assert_int_equal(ask(f, 0, SAT, 0, APP, 0x01, NULL, 0, &m, &k), -1);
    assert_int_equal(f->next, f->now + 6 * S); /* the engine asks to be ticked then */
    bmcfix_advance(f, 5999 * MS);
    assert_false(ik_bmc_sms_attn(f->bmc));
    bmcfix_advance(f, 1 * MS);
    assert_true(ik_bmc_sms_attn(f->bmc));
    k = BMC(f, APP, 0x33);
    assert_int_equal(k.cc, 0);
    assert_int_equal(k.data[5], 0x01); /* the Get Device ID answer */
    assert_int_equal(f->bmc->bridge.stats.sat_held, 1);
}

static void held_answers_are_bounded_and_lost_on_reset(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(ik_bmc_satellite_set(f->bmc, 0, SAT, IK_SAT_ANSWER, 1000), 0);
    struct ik_ipmimsg m;
    struct ik_bmc_rsp k;
    for (int i = 0; i < IK_SAT_HELD_MAX + 2; i++)
        assert_int_equal(ask(f, 0, SAT, 0, APP, 0x04, NULL, 0, &m, &k), -1);
    assert_int_equal(f->bmc->bridge.stats.sat_held, IK_SAT_HELD_MAX);
    assert_int_equal(f->bmc->bridge.stats.sat_held_dropped, 2);
    assert_int_equal(BMC(f, APP, 0x02).cc, 0); /* cold reset */
    bmcfix_advance(f, 2 * S);
    assert_int_equal(BMC(f, APP, 0x33).cc, 0x80);
    /* held answers leave in order */
    for (int i = 0; i < 3; i++)
        assert_int_equal(ask(f, 0, SAT, 0, APP, i == 1 ? 0x01 : 0x04, NULL, 0, &m, &k), -1);
    bmcfix_advance(f, 1 * S);
    assert_int_equal(BMC(f, APP, 0x33).data[5], 0x04);
    assert_int_equal(BMC(f, APP, 0x33).data[5], 0x01);
    assert_int_equal(BMC(f, APP, 0x33).data[5], 0x04);
}

/* The description: `silent` and a `fru` built like an entry of `fru:`. */
static void description_gives_a_satellite_its_fru(void **state)
{
    (void)state;
    static const char y[] = "machine:\n"
                            "  satellites:\n"
                            "    - {address: 0x72, name: PSU ctl, product_id: 7,\n"
                            "       fru: {board: {manufacturer: Acme, product: PSU}}}\n"
                            "    - {address: 0x74, silent: true}\n";
    struct ik_machine m;
    struct ik_desc d;
    ik_machine_defaults(&m);
    assert_int_equal(ik_desc_load_text(&d, "s.yaml", y, strlen(y)), 0);
    assert_int_equal(
        ik_desc_parse_machine(&d, ik_desc_get(&d, ik_desc_root(&d), "machine"), "machine", &m), 0);
    ik_desc_free(&d);
    assert_int_equal(m.platform.nsats, 2);
    const struct ik_msat *s = &m.platform.sats[0];
    assert_non_null(s->fru);
    assert_null(m.platform.sats[1].fru);
    assert_int_equal(m.platform.sats[1].silent, 1);
    struct ik_fru fru;
    assert_int_equal(ik_fru_decode(s->fru->image, s->fru->size, &fru), 0);
    assert_string_equal(fru.board.mfg.text, "Acme");
    assert_string_equal(fru.board.product.text, "PSU");
    ik_machine_free(&m);

    static const char bad[] = "machine:\n"
                              "  satellites:\n"
                              "    - {address: 0x72, fru: {board: {colour: red}}}\n";
    ik_machine_defaults(&m);
    assert_int_equal(ik_desc_load_text(&d, "s.yaml", bad, strlen(bad)), 0);
    assert_int_equal(
        ik_desc_parse_machine(&d, ik_desc_get(&d, ik_desc_root(&d), "machine"), "machine", &m),
        IK_E_SYNTAX);
    assert_non_null(strstr(d.err, "machine.satellites[0].fru.board"));
    ik_desc_free(&d);
    ik_machine_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(satellite_answers_get_device_id_with_its_identity, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(satellite_answers_self_test_and_sdr_info, setup, teardown),
        cmocka_unit_test_setup_teardown(satellite_refuses_unknown_commands_and_luns, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(satellite_serves_its_fru_device, setup, teardown),
        cmocka_unit_test_setup_teardown(satellites_live_on_their_own_channel, setup, teardown),
        cmocka_unit_test_setup_teardown(satellite_ignores_a_frame_with_a_bad_checksum, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(silent_is_a_description_key_and_a_runtime_switch, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(delayed_answer_arrives_when_due, setup, teardown),
        cmocka_unit_test_setup_teardown(held_answers_are_bounded_and_lost_on_reset, setup,
                                        teardown),
        cmocka_unit_test(description_gives_a_satellite_its_fru),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
