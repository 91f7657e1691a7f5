/* The engine's system-interface messaging: Send Message to the IPMB, the receive message
 * queue and Get Message, the event message buffer fed by the platform's events, message
 * flags and SMS attention, Enable Message Channel Receive, and their completion codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bmcfix.h"
#include "ipmikit/sdr.h"
#include "ipmimsg.h"

#define SE  0x04
#define APP 0x06
#define ST  0x0A
#define S   IK_US_PER_S

#define SAT  0x72
#define SAT2 0x74

static int setup(void **state)
{
    struct bmcfix *f = calloc(1, sizeof(*f));
    bmcfix_init(f);
    struct ik_machine_platform *p = &f->m.platform;
    p->sats = calloc(2, sizeof(*p->sats));
    p->nsats = 2;
    p->sats[0].addr = SAT;
    p->sats[0].device_id = 0x42;
    p->sats[0].fw_major = 2;
    p->sats[0].fw_minor = 0x15;
    p->sats[0].ipmi_version = 0x02;
    p->sats[0].dev_support = 0x01;
    p->sats[0].manufacturer_id = 0x0157;
    p->sats[0].product_id = 0x1234;
    p->sats[1].addr = SAT2;
    p->sats[1].silent = 1;
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

/* Send Message data: [40h | channel] + an IPMB request frame as the host builds it (to
 * `addr`, from the BMC's SMS LUN 20h/2, sequence `seq`). */
static struct ik_bmc_rsp send_msg(struct bmcfix *f, uint8_t chan_byte, uint8_t addr, uint8_t netfn,
                                  uint8_t cmd, uint8_t seq, const uint8_t *data, size_t len)
{
    struct ik_ipmimsg m = {.dst_addr = addr,
                           .netfn = netfn,
                           .src_addr = 0x20,
                           .seq = seq,
                           .src_lun = 2,
                           .cmd = cmd,
                           .data = data,
                           .data_len = len};
    uint8_t buf[300];
    size_t w;
    buf[0] = chan_byte;
    assert_int_equal(ik_ipmimsg_encode(&m, buf + 1, sizeof(buf) - 1, &w), 0);
    return bmcfix_run(f, APP, 0x34, buf, w + 1);
}

static uint8_t flags(struct bmcfix *f)
{
    struct ik_bmc_rsp r = BMC(f, APP, 0x31);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 1);
    return r.data[0];
}

static void fresh_bmc_has_no_flags_and_no_attention(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(flags(f), 0);
    assert_false(ik_bmc_sms_attn(f->bmc));
    assert_int_equal(BMC(f, APP, 0x33).cc, 0x80);
    assert_int_equal(BMC(f, APP, 0x35).cc, 0x80);
}

static void send_message_answer_waits_in_the_receive_queue(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = send_msg(f, 0x40, SAT, APP, 0x01, 5, NULL, 0);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 0);
    assert_int_equal(flags(f), 0x01);
    assert_true(ik_bmc_sms_attn(f->bmc));
    r = BMC(f, APP, 0x33);
    assert_int_equal(r.cc, 0);
    /* channel 0, then the response frame without its first byte (20h, the BMC) */
    assert_int_equal(r.data[0], 0x00);
    uint8_t frame[64];
    frame[0] = 0x20;
    memcpy(frame + 1, r.data + 1, r.len - 1);
    struct ik_ipmimsg m;
    assert_int_equal(ik_ipmimsg_decode(frame, r.len, &m), 0);
    assert_int_equal(m.netfn, APP | 1);
    assert_int_equal(m.dst_lun, 2);
    assert_int_equal(m.src_addr, SAT);
    assert_int_equal(m.seq, 5);
    assert_int_equal(m.cmd, 0x01);
    static const uint8_t want[] = {0x00, 0x42, 0x00, 0x02, 0x15, 0x02,
                                   0x01, 0x57, 0x01, 0x00, 0x34, 0x12};
    assert_int_equal(m.data_len, sizeof(want));
    assert_memory_equal(m.data, want, sizeof(want));
    assert_int_equal(flags(f), 0);
    assert_false(ik_bmc_sms_attn(f->bmc));
    assert_int_equal(BMC(f, APP, 0x33).cc, 0x80);
}

static void send_message_without_tracking_is_routed_the_same(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(send_msg(f, 0x00, SAT, APP, 0x04, 9, NULL, 0).cc, 0);
    struct ik_bmc_rsp r = BMC(f, APP, 0x33);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.data[r.len - 4], 0x00); /* CC */
    assert_int_equal(r.data[r.len - 3], 0x55);
}

static void send_message_to_nobody_is_a_nak(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(send_msg(f, 0x40, 0x80, APP, 0x01, 1, NULL, 0).cc, 0x83);
    assert_int_equal(flags(f), 0);
    assert_int_equal(f->bmc->bridge.stats.send_naks, 1);
}

static void silent_satellite_takes_the_frame_and_never_answers(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(send_msg(f, 0x40, SAT2, APP, 0x01, 1, NULL, 0).cc, 0);
    bmcfix_advance(f, 10 * S);
    assert_int_equal(flags(f), 0);
    assert_int_equal(f->bmc->bridge.stats.sat_silent, 1);
}

static void send_message_refuses_bad_requests(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* channel 1 is the LAN, 0Fh the system interface: no IPMB behind them */
    assert_int_equal(send_msg(f, 0x41, SAT, APP, 0x01, 1, NULL, 0).cc, 0xCC);
    assert_int_equal(send_msg(f, 0x4F, SAT, APP, 0x01, 1, NULL, 0).cc, 0xCC);
    /* send raw (10b), reserved tracking (11b), reserved bits 5:4 */
    assert_int_equal(send_msg(f, 0x80, SAT, APP, 0x01, 1, NULL, 0).cc, 0xCC);
    assert_int_equal(send_msg(f, 0xC0, SAT, APP, 0x01, 1, NULL, 0).cc, 0xCC);
    assert_int_equal(send_msg(f, 0x50, SAT, APP, 0x01, 1, NULL, 0).cc, 0xCC);
    /* a frame shorter than an IPMB header and checksum; no frame at all */
    assert_int_equal(BMC(f, APP, 0x34, 0x40, SAT, 0x18, 0xC8, 0x20, 0x08, 0x01).cc, 0xCC);
    assert_int_equal(BMC(f, APP, 0x34).cc, 0xC7);
    /* longer than a queued message can be: 1 + 64 */
    uint8_t big[57] = {0};
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 1, big, 57).cc, 0xC8);
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 1, big, 56).cc, 0x00);
    assert_int_equal(flags(f), 0x01);
}

static void receive_queue_holds_sixteen_then_drops_and_counts(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < IK_BRIDGE_RXQ + 3; i++)
        assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, (uint8_t)i, NULL, 0).cc, 0);
    assert_int_equal(f->bmc->bridge.stats.rx_queued, IK_BRIDGE_RXQ);
    assert_int_equal(f->bmc->bridge.stats.rx_dropped, 3);
    /* oldest first: sequence numbers 0..15 */
    for (int i = 0; i < IK_BRIDGE_RXQ; i++) {
        struct ik_bmc_rsp r = BMC(f, APP, 0x33);
        assert_int_equal(r.cc, 0);
        assert_int_equal(r.data[4] >> 2, i); /* rqSeq/rsLUN: frame byte 4 */
    }
    assert_int_equal(BMC(f, APP, 0x33).cc, 0x80);
}

static void clear_message_flags_flushes_what_it_names(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 1, NULL, 0).cc, 0);
    assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x04, 0x20, 0x01, 0x6F, 0xA1).cc, 0);
    assert_int_equal(flags(f), 0x03);
    assert_int_equal(BMC(f, APP, 0x30, 0x02).cc, 0);
    assert_int_equal(flags(f), 0x01);
    assert_int_equal(BMC(f, APP, 0x30, 0x01).cc, 0);
    assert_int_equal(flags(f), 0x00);
    assert_int_equal(BMC(f, APP, 0x33).cc, 0x80);
    assert_int_equal(BMC(f, APP, 0x30).cc, 0xC7);
}

static void channel_receive_disabled_drops_its_messages(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    struct ik_bmc_rsp r = BMC(f, APP, 0x32, 0x00, 0x02);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 2);
    assert_int_equal(r.data[1], 1); /* enabled by default */
    assert_int_equal(BMC(f, APP, 0x32, 0x00, 0x00).data[1], 0);
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 1, NULL, 0).cc, 0);
    assert_int_equal(flags(f), 0);
    assert_int_equal(f->bmc->bridge.stats.rx_dropped, 1);
    assert_int_equal(BMC(f, APP, 0x32, 0x00, 0x01).data[1], 1);
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 2, NULL, 0).cc, 0);
    assert_int_equal(flags(f), 0x01);
    assert_int_equal(BMC(f, APP, 0x32, 0x00, 0x03).cc, 0xCC);
    assert_int_equal(BMC(f, APP, 0x32, 0x10, 0x01).cc, 0xCC);
}

static void answers_for_other_requesters_are_not_queued(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* requester 20h LUN 0 (the BMC itself), then someone else's address (a console 81h) */
    uint8_t fr1[] = {0x40, SAT, 0x18, 0x76, 0x20, 0x04, 0x01, 0xDB};
    uint8_t fr2[] = {0x40, SAT, 0x18, 0x76, 0x81, 0x06, 0x01, 0x78};
    assert_int_equal(bmcfix_run(f, APP, 0x34, fr1, sizeof(fr1)).cc, 0);
    assert_int_equal(bmcfix_run(f, APP, 0x34, fr2, sizeof(fr2)).cc, 0);
    assert_int_equal(f->bmc->bridge.stats.sat_requests, 2);
    assert_int_equal(f->bmc->bridge.stats.rx_unrouted, 2);
    assert_int_equal(flags(f), 0);
}

/* A temperature sensor that crosses its upper non-critical threshold at 5 s. */
static void hot_sensor(struct bmcfix *f)
{
    struct ik_msensor *s = bmcfix_add_sensor(f, "Temp", 0x10, 0x01, 0x01);
    s->min = 0;
    s->max = 255;
    s->resolution = 1;
    s->thr[IK_SDR_UNC] = 80;
    s->thr_readable = 1u << IK_SDR_UNC;
    s->assert_mask = 1u << 7; /* UNC going high */
    s->model.kind = IK_MV_STEPS;
    s->model.value = 40;
    s->model.steps = malloc(sizeof(*s->model.steps));
    s->model.steps[0].at_s = 5;
    s->model.steps[0].value = 85;
    s->model.nsteps = 1;
}

static void sensor_event_reaches_the_event_message_buffer(void **state)
{
    struct bmcfix *f = *state;
    hot_sensor(f);
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(flags(f), 0);
    bmcfix_advance(f, 6 * S);
    assert_true(ik_bmc_sms_attn(f->bmc));
    assert_int_equal(flags(f), 0x02);
    struct ik_bmc_rsp r = BMC(f, APP, 0x35);
    assert_int_equal(r.cc, 0);
    assert_int_equal(r.len, 16);
    /* the same record the SEL holds, record ID and timestamp included */
    struct ik_bmc_rsp s = BMC(f, ST, 0x43, 0, 0, 0, 0, 0, 0xFF);
    assert_int_equal(s.cc, 0);
    assert_memory_equal(r.data, s.data + 2, 16);
    assert_int_equal(r.data[2], 0x02);
    assert_int_equal(r.data[11], 0x10);
    assert_int_equal(r.data[13], 0x57); /* 50h | offset 7 */
    assert_int_equal(flags(f), 0);
    assert_int_equal(BMC(f, APP, 0x35).cc, 0x80);
}

static void event_buffer_follows_global_enables_bit_2(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* SEL logging on, event message buffer off */
    assert_int_equal(BMC(f, APP, 0x2E, 0x08).cc, 0);
    assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x04, 0x20, 0x01, 0x6F, 0xA1).cc, 0);
    assert_int_equal(flags(f), 0);
    assert_int_equal(BMC(f, APP, 0x35).cc, 0x80);
    /* buffer on, SEL logging off: the event still reaches system software, stamped */
    assert_int_equal(BMC(f, APP, 0x2E, 0x04).cc, 0);
    assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x04, 0x20, 0x02, 0x6F, 0xA1).cc, 0);
    assert_int_equal(flags(f), 0x02);
    struct ik_bmc_rsp r = BMC(f, APP, 0x35);
    assert_int_equal(r.cc, 0);
    assert_int_equal(bmcfix_le16(r.data), 0); /* not in the SEL: no record ID */
    assert_true(bmcfix_le32(r.data + 3) >= BMCFIX_UNIX0);
    assert_int_equal(r.data[11], 0x02);
    /* an event held while the buffer is turned off is not reported, then is again */
    assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x04, 0x20, 0x03, 0x6F, 0xA1).cc, 0);
    assert_int_equal(BMC(f, APP, 0x2E, 0x00).cc, 0);
    assert_int_equal(flags(f), 0);
    assert_false(ik_bmc_sms_attn(f->bmc));
    assert_int_equal(BMC(f, APP, 0x35).cc, 0x80);
    assert_int_equal(BMC(f, APP, 0x2E, 0x04).cc, 0);
    assert_int_equal(BMC(f, APP, 0x35).data[11], 0x03);
}

static void event_buffer_full_drops_and_counts(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    for (int i = 0; i < IK_BRIDGE_EVQ + 2; i++)
        assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x04, 0x20, (uint8_t)i, 0x6F, 0xA1).cc, 0);
    assert_int_equal(f->bmc->bridge.stats.events_buffered, IK_BRIDGE_EVQ);
    assert_int_equal(f->bmc->bridge.stats.events_dropped, 2);
    for (int i = 0; i < IK_BRIDGE_EVQ; i++)
        assert_int_equal(BMC(f, APP, 0x35).data[11], i);
    assert_int_equal(BMC(f, APP, 0x35).cc, 0x80);
}

static void watchdog_pretimeout_raises_flag_3_until_cleared(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    /* SMS/OS, no action, pre-timeout messaging interrupt 1 s before a 3 s countdown */
    assert_int_equal(BMC(f, APP, 0x24, 0x04, 0x30, 0x01, 0x00, 30, 0).cc, 0);
    assert_int_equal(BMC(f, APP, 0x22).cc, 0);
    bmcfix_advance(f, 1500 * IK_US_PER_MS);
    assert_int_equal(flags(f), 0);
    bmcfix_advance(f, 1000 * IK_US_PER_MS);
    assert_int_equal(flags(f), 0x08);
    assert_true(ik_bmc_sms_attn(f->bmc));
    assert_int_equal(BMC(f, APP, 0x30, 0x08).cc, 0);
    assert_int_equal(flags(f), 0);
}

static void cold_reset_empties_the_queues(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 1, NULL, 0).cc, 0);
    assert_int_equal(BMC(f, SE, 0x02, 0x41, 0x04, 0x20, 0x01, 0x6F, 0xA1).cc, 0);
    assert_int_equal(flags(f), 0x03);
    assert_int_equal(BMC(f, APP, 0x02).cc, 0);
    assert_int_equal(flags(f), 0);
    assert_int_equal(f->bmc->bridge.stats.rx_queued, 1); /* counters survive */
}

static void messaging_commands_work_in_a_lan_session_too(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    f->channel = IK_CHAN_LAN;
    f->priv = IK_PRIV_USER;
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 1, NULL, 0).cc, 0);
    assert_int_equal(flags(f), 0x01);
    assert_int_equal(BMC(f, APP, 0x33).cc, 0);
    assert_int_equal(BMC(f, APP, 0x32, 0x00, 0x02).cc, 0xD4); /* routing: ADMIN */
}

static void counters_name_what_happened(void **state)
{
    struct bmcfix *f = *state;
    assert_int_equal(bmcfix_start(f), 0);
    char buf[256];
    assert_int_equal(ik_bmc_bridge_counters(f->bmc, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "");
    assert_int_equal(send_msg(f, 0x40, SAT, APP, 0x01, 1, NULL, 0).cc, 0);
    assert_int_equal(send_msg(f, 0x40, 0x80, APP, 0x01, 1, NULL, 0).cc, 0x83);
    ik_bmc_bridge_counters(f->bmc, buf, sizeof(buf));
    assert_string_equal(buf, "send_msgs=2 send_naks=1 rx_queued=1 sat_requests=1");
    /* truncation stays inside the buffer */
    assert_true(ik_bmc_bridge_counters(f->bmc, buf, 8) < 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(fresh_bmc_has_no_flags_and_no_attention, setup, teardown),
        cmocka_unit_test_setup_teardown(send_message_answer_waits_in_the_receive_queue, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(send_message_without_tracking_is_routed_the_same, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(send_message_to_nobody_is_a_nak, setup, teardown),
        cmocka_unit_test_setup_teardown(silent_satellite_takes_the_frame_and_never_answers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(send_message_refuses_bad_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(receive_queue_holds_sixteen_then_drops_and_counts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(clear_message_flags_flushes_what_it_names, setup, teardown),
        cmocka_unit_test_setup_teardown(channel_receive_disabled_drops_its_messages, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(answers_for_other_requesters_are_not_queued, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(sensor_event_reaches_the_event_message_buffer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(event_buffer_follows_global_enables_bit_2, setup, teardown),
        cmocka_unit_test_setup_teardown(event_buffer_full_drops_and_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(watchdog_pretimeout_raises_flag_3_until_cleared, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(cold_reset_empties_the_queues, setup, teardown),
        cmocka_unit_test_setup_teardown(messaging_commands_work_in_a_lan_session_too, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(counters_name_what_happened, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
