/* SDR record codec: header, every record type's fields, bad lengths, encode, sharing names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ipmikit/sdr.h"
#include "testutil.h"

/* Decode hex into *r, asserting success. */
static void decode_hex(const char *hex, struct ik_sdr_record *r)
{
    size_t n;
    uint8_t *b = ik_test_hex(hex, &n);
    assert_non_null(b);
    assert_int_equal(ik_sdr_decode(b, n, r), 0);
    free(b);
}

static int decode_rc(const char *hex)
{
    size_t n;
    uint8_t *b = ik_test_hex(hex, &n);
    struct ik_sdr_record r;
    int rc = ik_sdr_decode(b, n, &r);
    free(b);
    return rc;
}

/* A full sensor record with every field set to something distinguishable. */
#define FULL_HEX                                                                                   \
    "34 12 51 01 33"     /* ID 1234h, length 51 */                                                 \
    " 41 53 2a 07 85"    /* software owner 20h, channel 5 LUN 3, #2A, entity 7.5 logical */        \
    " ff 7e 01 01"       /* init: all, caps: no ignore, rearm, hyst 3, thr 3, evt 2 */             \
    " 95 7a 95 7a 3f 1b" /* masks: readable 3Fh, settable 1Bh */                                   \
    " a3 04 12"          /* units1: 2's compl, per minute, divide, pct; Volts; RPM */              \
    " 0b ff ff"          /* cube root; M = 3FFh = -1, tolerance 3Fh */                             \
    " 00 be"             /* B = 200h = -512; accuracy LS 6 bits 3Eh */                             \
    " f6 e9"             /* accuracy MS Fh, acc exp 1, direction 2; R exp -2, B exp -7 */          \
    " 05 19 28 0a ff 00" /* flags nominal+normal min; nominal, nmax, nmin, smax, smin */           \
    " 5a 55 50 05 0a 0f" /* unr ucr unc lnr lcr lnc */                                             \
    " 02 03 00 00 5a"    /* hyst +2 -3, reserved, OEM 5Ah */                                       \
    " c8 43 50 55 20 54 65 6d 70" /* "CPU Temp" */

static void sdr_header_decode_reads_id_version_type_length(void **state)
{
    (void)state;
    size_t n;
    uint8_t *b = ik_test_hex("34 12 51 c0 07", &n);
    struct ik_sdr_header h;
    assert_int_equal(ik_sdr_header_decode(b, n, &h), 0);
    assert_int_equal(h.record_id, 0x1234);
    assert_int_equal(h.version, 0x51);
    assert_int_equal(h.type, 0xC0);
    assert_int_equal(h.length, 7);
    free(b);
}

static void sdr_header_decode_wants_exactly_five_bytes(void **state)
{
    (void)state;
    uint8_t b[6] = {1, 0, 0x51, 1, 0, 0};
    struct ik_sdr_header h;
    memset(&h, 0xA5, sizeof(h));
    assert_int_equal(ik_sdr_header_decode(b, 4, &h), IK_E_TRUNCATED);
    assert_int_equal(ik_sdr_header_decode(b, 6, &h), IK_E_OVERSIZE);
    assert_int_equal(ik_sdr_header_decode(NULL, 0, &h), IK_E_TRUNCATED);
    assert_int_equal(h.record_id, 0xA5A5); /* untouched on failure */
}

static void sdr_decode_full_reads_every_field(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex(FULL_HEX, &r);
    const struct ik_sdr_full *f = &r.u.full;
    assert_int_equal(r.hdr.record_id, 0x1234);
    assert_int_equal(r.hdr.type, IK_SDR_FULL);
    assert_int_equal(f->s.owner_id, 0x41);
    assert_int_equal(f->s.channel, 5);
    assert_int_equal(f->s.owner_lun, 3);
    assert_int_equal(f->s.number, 0x2A);
    assert_int_equal(f->s.entity_id, 7);
    assert_int_equal(f->s.entity_instance, 5);
    assert_int_equal(f->s.entity_logical, 1);
    assert_int_equal(f->s.settable, 1);
    assert_int_equal(f->s.init_scanning + f->s.init_events + f->s.init_thresholds +
                         f->s.init_hysteresis + f->s.init_sensor_type + f->s.events_enabled +
                         f->s.scanning_enabled,
                     7);
    assert_int_equal(f->s.ignore, 0);
    assert_int_equal(f->s.auto_rearm, 1);
    assert_int_equal(f->s.hysteresis_access, 3);
    assert_int_equal(f->s.threshold_access, 3);
    assert_int_equal(f->s.event_msg_control, 2);
    assert_int_equal(f->s.sensor_type, 1);
    assert_int_equal(f->s.event_type, 1);
    assert_int_equal(f->s.assert_mask, 0x7A95);
    assert_int_equal(f->s.deassert_mask, 0x7A95);
    assert_int_equal(IK_SDR_THR_READABLE(f->s.reading_mask), 0x3F);
    assert_int_equal(IK_SDR_THR_SETTABLE(f->s.reading_mask), 0x1B);
    assert_int_equal(IK_SDR_THR_COMPARED(f->s.assert_mask, f->s.deassert_mask), 0x3F);
    assert_int_equal(f->s.units.format, IK_SDR_FMT_TWOS);
    assert_int_equal(f->s.units.rate, 4); /* A3h = 10 100 01 1: rate 4 = per minute */
    assert_int_equal(f->s.units.modifier, 1);
    assert_int_equal(f->s.units.percentage, 1);
    assert_int_equal(f->s.units.base_unit, 4);
    assert_int_equal(f->s.units.modifier_unit, 0x12);
    assert_int_equal(f->linearization, IK_SDR_LIN_CBRT);
    assert_int_equal(f->m, -1);
    assert_int_equal(f->tolerance, 0x3F);
    assert_int_equal(f->b, -512);
    assert_int_equal(f->accuracy, 0x3FE); /* MS 4 bits Fh, LS 6 bits 3Eh */
    assert_int_equal(f->accuracy_exp, 1);
    assert_int_equal(f->direction, 2);
    assert_int_equal(f->r_exp, -2);
    assert_int_equal(f->b_exp, -7);
    assert_int_equal(f->nominal_specified, 1);
    assert_int_equal(f->normal_max_specified, 0);
    assert_int_equal(f->normal_min_specified, 1);
    assert_int_equal(f->nominal, 0x19);
    assert_int_equal(f->normal_max, 0x28);
    assert_int_equal(f->normal_min, 0x0A);
    assert_int_equal(f->sensor_max, 0xFF);
    assert_int_equal(f->sensor_min, 0x00);
    assert_int_equal(f->thresholds[IK_SDR_UNR], 0x5A);
    assert_int_equal(f->thresholds[IK_SDR_UCR], 0x55);
    assert_int_equal(f->thresholds[IK_SDR_UNC], 0x50);
    assert_int_equal(f->thresholds[IK_SDR_LNR], 0x05);
    assert_int_equal(f->thresholds[IK_SDR_LCR], 0x0A);
    assert_int_equal(f->thresholds[IK_SDR_LNC], 0x0F);
    assert_int_equal(f->hyst_pos, 2);
    assert_int_equal(f->hyst_neg, 3);
    assert_int_equal(f->oem, 0x5A);
    assert_int_equal(f->id.enc, IK_SDR_ID_LATIN1);
    assert_int_equal(f->id.len, 8);
    assert_string_equal(f->id.text, "CPU Temp");
    assert_int_equal(r.pad, 0);
}

static void sdr_decode_compact_reads_sharing_and_hysteresis(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex("02 00 51 02 1f  20 00 30 04 01 63 40 0d 6f 03 00 00 00 03 00 c0 00 00"
               " 93 98 07 09 00 00 00 11 c4 44 69 73 6b",
               &r);
    const struct ik_sdr_compact *c = &r.u.compact;
    assert_int_equal(c->s.number, 0x30);
    assert_int_equal(c->s.units.format, IK_SDR_FMT_NONE);
    assert_int_equal(c->share.direction, 2);
    assert_int_equal(c->share.modifier_type, 1);
    assert_int_equal(c->share.count, 3);
    assert_int_equal(c->share.entity_sharing, 1);
    assert_int_equal(c->share.modifier_offset, 0x18);
    assert_int_equal(c->hyst_pos, 7);
    assert_int_equal(c->hyst_neg, 9);
    assert_int_equal(c->oem, 0x11);
    assert_string_equal(c->id.text, "Disk");
}

static void sdr_decode_event_only_reads_fru_lun_and_sharing(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex("03 00 51 03 10  20 1b 90 07 81 12 6f 42 05 00 33 c4 45 76 74 21", &r);
    const struct ik_sdr_event_only *e = &r.u.event_only;
    assert_int_equal(e->owner_id, 0x20);
    assert_int_equal(e->channel, 1);
    assert_int_equal(e->fru_lun, 2);
    assert_int_equal(e->owner_lun, 3);
    assert_int_equal(e->number, 0x90);
    assert_int_equal(e->entity_instance, 1);
    assert_int_equal(e->entity_logical, 1);
    assert_int_equal(e->sensor_type, 0x12);
    assert_int_equal(e->event_type, 0x6F);
    assert_int_equal(e->share.direction, 1);
    assert_int_equal(e->share.count, 2);
    assert_int_equal(e->share.modifier_offset, 5);
    assert_int_equal(e->oem, 0x33);
    assert_string_equal(e->id.text, "Evt!");
}

static void sdr_decode_entity_associations_read_flags_and_pairs(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex("04 00 51 08 0b  17 02 c0 1d 01 1d 04 0a 01 0a 02", &r);
    const struct ik_sdr_entity_assoc *a = &r.u.entity_assoc;
    assert_int_equal(a->container_id, 0x17);
    assert_int_equal(a->container_instance, 2);
    assert_int_equal(a->range, 1);
    assert_int_equal(a->linked, 1);
    assert_int_equal(a->presence, 0);
    assert_int_equal(a->entity[1][0], 0x1D);
    assert_int_equal(a->entity[1][1], 4);
    assert_int_equal(a->entity[3][1], 2);

    decode_hex("05 00 51 09 1b  17 01 20 50 20 82 10 03 01 84 00 03 02"
               " 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
               &r);
    const struct ik_sdr_dev_entity_assoc *d = &r.u.dev_entity_assoc;
    assert_int_equal(d->container_addr, 0x20);
    assert_int_equal(d->container_channel, 5);
    assert_int_equal(d->presence, 1);
    assert_int_equal(d->entity[0].addr, 0x82);
    assert_int_equal(d->entity[0].channel, 1);
    assert_int_equal(d->entity[1].id, 3);
    assert_int_equal(d->entity[1].instance, 2);
}

static void sdr_decode_locators_read_address_channel_lun_bus(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    /* Generic: channel 9 = byte 7 bit 0 (MS) + byte 8 bits 7:5 (001b). */
    decode_hex("06 00 51 10 0e  20 a1 33 03 00 02 00 07 01 03 c3 45 45 50", &r);
    const struct ik_sdr_generic_locator *g = &r.u.generic;
    assert_int_equal(g->access_addr, 0x20);
    assert_int_equal(g->slave_addr, 0xA0);
    assert_int_equal(g->channel, 9);
    assert_int_equal(g->access_lun, 2);
    assert_int_equal(g->bus, 3);
    assert_int_equal(g->addr_span, 3);
    assert_int_equal(g->device_type, 2);
    assert_int_equal(g->oem, 3);
    assert_string_equal(g->id.text, "EEP");

    decode_hex("07 00 51 11 0d  20 a2 8a 30 00 10 01 20 02 07 c2 46 52", &r);
    const struct ik_sdr_fru_locator *f = &r.u.fru;
    assert_int_equal(f->device_id, 0xA2);
    assert_int_equal(f->logical, 1);
    assert_int_equal(f->access_lun, 1);
    assert_int_equal(f->bus, 2);
    assert_int_equal(f->channel, 3);
    assert_int_equal(f->device_modifier, 1);
    assert_int_equal(f->entity_id, 0x20);
    assert_int_equal(f->oem, 7);

    decode_hex("08 00 51 12 0e  82 07 e9 21 00 00 00 0b 83 00 c3 53 61 74", &r);
    const struct ik_sdr_mc_locator *m = &r.u.mc;
    assert_int_equal(m->slave_addr, 0x82);
    assert_int_equal(m->channel, 7);
    assert_int_equal(m->acpi_system_notify, 1);
    assert_int_equal(m->acpi_device_notify, 1);
    assert_int_equal(m->static_presence, 1);
    assert_int_equal(m->logs_init_errors, 1);
    assert_int_equal(m->log_init_errors, 0);
    assert_int_equal(m->event_msg_gen, 1);
    assert_int_equal(m->capabilities, 0x21);
    assert_int_equal(m->entity_instance, 3);
    assert_int_equal(m->entity_logical, 1);
}

static void sdr_decode_mc_confirmation_bmc_channel_and_oem(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex("09 00 51 13 1b  20 23 19 82 31 51 57 01 00 34 12"
               " 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f",
               &r);
    const struct ik_sdr_mc_confirm *c = &r.u.mc_confirm;
    assert_int_equal(c->device_id, 0x23);
    assert_int_equal(c->device_revision, 1);
    assert_int_equal(c->channel, 9);
    assert_int_equal(c->fw_major, 2);
    assert_int_equal(c->fw_minor, 0x31);
    assert_int_equal(c->ipmi_version, 0x51);
    assert_int_equal(c->manufacturer, 0x157);
    assert_int_equal(c->product, 0x1234);
    assert_int_equal(c->guid[15], 0x1F);

    decode_hex("0a 00 51 14 0b  81 12 f5 00 00 00 00 05 0b ff 00", &r);
    const struct ik_sdr_bmc_channel *b = &r.u.bmc_channel;
    assert_int_equal(b->ch[0].transmit, 1);
    assert_int_equal(b->ch[0].protocol, 1);
    assert_int_equal(b->ch[1].lun, 1);
    assert_int_equal(b->ch[2].transmit, 1);
    assert_int_equal(b->ch[2].lun, 7);
    assert_int_equal(b->ch[2].protocol, 5);
    assert_int_equal(b->msg_interrupt, 0x0B);
    assert_int_equal(b->event_interrupt, 0xFF);

    decode_hex("0b 00 51 c0 07  57 01 00 02 01 00 02", &r);
    assert_int_equal(r.u.oem.manufacturer, 0x157);
    assert_int_equal(r.u.oem.len, 4);
    assert_int_equal(r.u.oem.data[3], 2);
}

static void sdr_decode_keeps_unknown_types_raw(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex("0c 00 51 20 04 de ad be ef", &r);
    assert_int_equal(r.hdr.type, 0x20);
    assert_int_equal(r.u.raw.len, 4);
    assert_memory_equal(r.u.raw.data, "\xde\xad\xbe\xef", 4);
    decode_hex("0d 00 51 77 00", &r);
    assert_int_equal(r.u.raw.len, 0);
}

static void sdr_decode_reads_id_string_encodings(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    /* 6-bit packed "CPU1", BCD plus "12-3.4", Unicode (shown as hex). */
    decode_hex("01 00 51 12 0e  20 00 00 00 00 00 00 06 01 00 83 23 5c 47", &r);
    assert_string_equal(r.u.mc.id.text, "CPU1");
    decode_hex("01 00 51 12 0e  20 00 00 00 00 00 00 06 01 00 43 12 b3 c4", &r);
    assert_string_equal(r.u.mc.id.text, "12-3.4");
    decode_hex("01 00 51 12 0d  20 00 00 00 00 00 00 06 01 00 02 00 41", &r);
    assert_string_equal(r.u.mc.id.text, "0041");
    assert_int_equal(r.u.mc.id.enc, IK_SDR_ID_UNICODE);
    decode_hex("01 00 51 12 0b  20 00 00 00 00 00 00 06 01 00 c0", &r);
    assert_string_equal(r.u.mc.id.text, "");
}

static void sdr_decode_counts_zero_padding_and_rejects_other_trailing_bytes(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex("01 00 51 12 0f  20 00 00 00 00 00 00 06 01 00 c1 41 00 00 00", &r);
    assert_int_equal(r.pad, 3);
    assert_string_equal(r.u.mc.id.text, "A");
    assert_int_equal(decode_rc("01 00 51 12 0f  20 00 00 00 00 00 00 06 01 00 c1 41 00 07 00"),
                     IK_E_BADFIELD);
    /* Records without an ID string too. */
    assert_int_equal(decode_rc("04 00 51 08 0c  17 02 c0 1d 01 1d 04 0a 01 0a 02 01"),
                     IK_E_BADFIELD);
    decode_hex("04 00 51 08 0c  17 02 c0 1d 01 1d 04 0a 01 0a 02 00", &r);
    assert_int_equal(r.pad, 1);
}

static void sdr_decode_rejects_bad_id_string_lengths(void **state)
{
    (void)state;
    /* 17 bytes claimed (D1h): more than the 16 the spec allows. */
    assert_int_equal(decode_rc("01 00 51 12 1c  20 00 00 00 00 00 00 06 01 00 d1"
                               " 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41"),
                     IK_E_BADFIELD);
    /* 3 bytes claimed, 2 present. */
    assert_int_equal(decode_rc("01 00 51 12 0d  20 00 00 00 00 00 00 06 01 00 c3 41 41"),
                     IK_E_TRUNCATED);
    /* 16 bytes is the maximum and fine. */
    assert_int_equal(decode_rc("01 00 51 12 1b  20 00 00 00 00 00 00 06 01 00 d0"
                               " 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41"),
                     0);
}

static void sdr_decode_rejects_length_byte_disagreeing_with_buffer(void **state)
{
    (void)state;
    /* Length says 4, 3 bytes follow / 5 bytes follow. */
    assert_int_equal(decode_rc("0c 00 51 20 04 de ad be"), IK_E_TRUNCATED);
    assert_int_equal(decode_rc("0c 00 51 20 04 de ad be ef 00"), IK_E_OVERSIZE);
    assert_int_equal(ik_sdr_decode(NULL, 0, &(struct ik_sdr_record){0}), IK_E_TRUNCATED);
}

static void sdr_decode_rejects_body_shorter_than_fixed_part(void **state)
{
    (void)state;
    /* A full sensor record whose length byte (and size) is 42, one short of its fixed part;
     * every type, cut to one byte under its fixed part. */
    static const uint8_t types[] = {0x01, 0x02, 0x03, 0x08, 0x09, 0x10,
                                    0x11, 0x12, 0x13, 0x14, 0xC0};
    for (size_t i = 0; i < sizeof(types); i++) {
        size_t body = ik_sdr_fixed_len(types[i]) - 1;
        uint8_t *b = calloc(1, 5 + body);
        b[2] = 0x51;
        b[3] = types[i];
        b[4] = (uint8_t)body;
        uint8_t *exact = ik_test_dup(b, 5 + body);
        struct ik_sdr_record r;
        assert_int_equal(ik_sdr_decode(exact, 5 + body, &r), IK_E_TRUNCATED);
        free(exact);
        free(b);
    }
}

static void sdr_decode_every_golden_prefix_fails_cleanly(void **state)
{
    (void)state;
    size_t count;
    struct ik_test_vec *v = ik_test_load_vectors("sdr_golden.hex", &count);
    assert_true(count > 50);
    for (size_t i = 0; i < count; i++) {
        for (size_t n = 0; n < v[i].len; n++) {
            uint8_t *p = ik_test_dup(v[i].data, n);
            struct ik_sdr_record r;
            memset(&r, 0x5A, sizeof(r));
            assert_int_not_equal(ik_sdr_decode(p, n, &r), 0);
            assert_int_equal(r.hdr.version, 0x5A); /* *out untouched */
            free(p);
        }
    }
    ik_test_free_vectors(v, count);
}

/* decode -> encode gives the same bytes; decode(encode(x)) == x. */
static void round_trip(const uint8_t *data, size_t len)
{
    struct ik_sdr_record r, r2;
    uint8_t out[IK_SDR_MAX_LEN];
    size_t w = 0;
    assert_int_equal(ik_sdr_decode(data, len, &r), 0);
    assert_int_equal(ik_sdr_encode(&r, out, sizeof(out), &w), 0);
    assert_int_equal(w, len);
    assert_memory_equal(out, data, len);
    assert_int_equal(ik_sdr_decode(out, w, &r2), 0);
    assert_memory_equal(&r, &r2, sizeof(r));
}

static void sdr_golden_and_diff_vectors_round_trip_byte_exact(void **state)
{
    (void)state;
    const char *files[] = {"sdr_golden.hex", "sdr_diff.hex", "sdr_vectors.hex"};
    for (size_t f = 0; f < 3; f++) {
        size_t count;
        struct ik_test_vec *v = ik_test_load_vectors(files[f], &count);
        assert_true(count > 0);
        for (size_t i = 0; i < count; i++)
            round_trip(v[i].data, v[i].len);
        ik_test_free_vectors(v, count);
    }
}

static void sdr_decode_accepts_maximum_lengths(void **state)
{
    (void)state;
    uint8_t b[IK_SDR_MAX_LEN];
    memset(b, 0xAB, sizeof(b));
    b[0] = 1;
    b[1] = 0;
    b[2] = 0x51;
    b[3] = 0xC0; /* OEM: 3 bytes of manufacturer and 252 of data */
    b[4] = 0xFF;
    uint8_t *p = ik_test_dup(b, sizeof(b));
    struct ik_sdr_record r;
    assert_int_equal(ik_sdr_decode(p, sizeof(b), &r), 0);
    assert_int_equal(r.u.oem.len, 252);
    round_trip(p, sizeof(b));
    p[3] = 0x7F; /* unknown type, 255 raw bytes */
    assert_int_equal(ik_sdr_decode(p, sizeof(b), &r), 0);
    assert_int_equal(r.u.raw.len, 255);
    round_trip(p, sizeof(b));
    free(p);
}

static void sdr_encode_computes_length_and_reports_small_buffers(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    decode_hex(FULL_HEX, &r);
    r.hdr.length = 0; /* ignored: the encoder computes it */
    uint8_t out[IK_SDR_MAX_LEN];
    size_t w;
    assert_int_equal(ik_sdr_encode(&r, out, sizeof(out), &w), 0);
    assert_int_equal(w, 56);
    assert_int_equal(out[4], 51);
    for (size_t cap = 0; cap < w; cap++) {
        size_t w2 = 77;
        assert_int_equal(ik_sdr_encode(&r, out, cap, &w2), IK_E_NOSPACE);
        assert_int_equal(w2, 77);
    }
    /* A longer ID string makes a longer record. */
    assert_int_equal(ik_sdr_id_set(&r.u.full.id, IK_SDR_ID_LATIN1, "ABCDEFGHIJKLMNOP"), 0);
    assert_int_equal(ik_sdr_encode(&r, out, sizeof(out), &w), 0);
    assert_int_equal(out[4], 43 + 16);
}

static void sdr_encode_rejects_fields_that_do_not_fit(void **state)
{
    (void)state;
    struct ik_sdr_record base, r;
    decode_hex(FULL_HEX, &base);
    uint8_t out[IK_SDR_MAX_LEN];
    size_t w;
#define EXPECT_RANGE(field, value)                                                                 \
    do {                                                                                           \
        r = base;                                                                                  \
        r.u.full.field = value;                                                                    \
        assert_int_equal(ik_sdr_encode(&r, out, sizeof(out), &w), IK_E_RANGE);                     \
    } while (0)
    EXPECT_RANGE(s.owner_lun, 4);
    EXPECT_RANGE(s.channel, 16);
    EXPECT_RANGE(s.entity_instance, 128);
    EXPECT_RANGE(s.threshold_access, 4);
    EXPECT_RANGE(s.units.format, 4);
    EXPECT_RANGE(s.units.rate, 8);
    EXPECT_RANGE(linearization, 0x80);
    EXPECT_RANGE(m, 512);
    EXPECT_RANGE(m, -513);
    EXPECT_RANGE(b, 512);
    EXPECT_RANGE(tolerance, 64);
    EXPECT_RANGE(accuracy, 1024);
    EXPECT_RANGE(accuracy_exp, 4);
    EXPECT_RANGE(r_exp, 8);
    EXPECT_RANGE(b_exp, -9);
    EXPECT_RANGE(id.len, 17);
#undef EXPECT_RANGE
    /* Padding that would push the body past 255 bytes. */
    r = base;
    r.pad = 250;
    assert_int_equal(ik_sdr_encode(&r, out, sizeof(out), &w), IK_E_RANGE);
    /* Odd addresses where bit 0 is reserved. */
    decode_hex("07 00 51 11 0d  20 a2 8a 30 00 10 01 20 02 07 c2 46 52", &r);
    r.u.fru.access_addr = 0x21;
    assert_int_equal(ik_sdr_encode(&r, out, sizeof(out), &w), IK_E_RANGE);
}

static void sdr_encode_builds_a_record_from_scratch(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    memset(&r, 0, sizeof(r));
    r.hdr.record_id = 7;
    r.hdr.version = IK_SDR_VERSION;
    r.hdr.type = IK_SDR_EVENT_ONLY;
    r.u.event_only.owner_id = 0x20;
    r.u.event_only.number = 0x30;
    r.u.event_only.entity_id = 7;
    r.u.event_only.entity_instance = 1;
    r.u.event_only.sensor_type = 0x12;
    r.u.event_only.event_type = 0x6F;
    assert_int_equal(ik_sdr_id_set(&r.u.event_only.id, IK_SDR_ID_LATIN1, "Event Log"), 0);
    uint8_t out[IK_SDR_MAX_LEN];
    size_t w;
    assert_int_equal(ik_sdr_encode(&r, out, sizeof(out), &w), 0);
    size_t n;
    uint8_t *want = ik_test_hex("07 00 51 03 15 20 00 30 07 01 12 6f 00 00 00 00"
                                " c9 45 76 65 6e 74 20 4c 6f 67",
                                &n);
    assert_int_equal(w, n);
    assert_memory_equal(out, want, n);
    free(want);
}

static void sdr_shared_name_numeric_counts_from_offset(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    /* Compact "Temp", share count 3, numeric, offset 5, sensor 81h, entity 7.1. */
    decode_hex("02 00 51 02 1f  20 00 81 07 01 63 40 07 6f 01 00 00 00 01 00 00 00 00"
               " 03 05 00 00 00 00 00 00 c4 54 65 6d 70",
               &r);
    char name[IK_SDR_NAME_MAX];
    const char *want[] = {"Temp 5", "Temp 6", "Temp 7"};
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(ik_sdr_shared_name(&r, i, name, sizeof(name)), (int)strlen(want[i]));
        assert_string_equal(name, want[i]);
        uint8_t num, inst;
        assert_int_equal(ik_sdr_shared_sensor(&r, i, &num, &inst), 0);
        assert_int_equal(num, 0x81 + i);
        assert_int_equal(inst, 1); /* no entity instance sharing */
    }
    assert_int_equal(ik_sdr_sensor_count(&r), 3);
    assert_int_equal(ik_sdr_shared_name(&r, 3, name, sizeof(name)), IK_E_RANGE);
    assert_int_equal(ik_sdr_shared_name(&r, 0, name, 6), IK_E_NOSPACE);
    assert_int_equal(ik_sdr_shared_name(&r, 0, name, 7), 6);
    /* Offset 127 with 15 sensors reaches 141: three digits. */
    r.u.compact.share.count = 15;
    r.u.compact.share.modifier_offset = 127;
    assert_int_equal(ik_sdr_shared_name(&r, 14, name, sizeof(name)), 8);
    assert_string_equal(name, "Temp 141");
}

static void sdr_shared_name_alpha_goes_a_to_z_then_aa(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    /* Event-only "Temp", share count 4, alpha, offset 24, entity instance sharing. */
    decode_hex("03 00 51 03 10  20 00 40 07 01 12 6f 14 98 00 00 c4 54 65 6d 70", &r);
    char name[IK_SDR_NAME_MAX];
    const char *want[] = {"Temp Y", "Temp Z", "Temp AA", "Temp AB"};
    for (unsigned i = 0; i < 4; i++) {
        assert_true(ik_sdr_shared_name(&r, i, name, sizeof(name)) > 0);
        assert_string_equal(name, want[i]);
        uint8_t num, inst;
        assert_int_equal(ik_sdr_shared_sensor(&r, i, &num, &inst), 0);
        assert_int_equal(num, 0x40 + i);
        assert_int_equal(inst, 1 + i); /* entity instance increments */
    }
    r.u.event_only.share.modifier_offset = 0;
    assert_true(ik_sdr_shared_name(&r, 0, name, sizeof(name)) > 0);
    assert_string_equal(name, "Temp A");
    r.u.event_only.share.modifier_offset = 52;
    assert_true(ik_sdr_shared_name(&r, 0, name, sizeof(name)) > 0);
    assert_string_equal(name, "Temp BA");
}

static void sdr_shared_name_without_sharing_is_the_id_string(void **state)
{
    (void)state;
    struct ik_sdr_record r;
    char name[IK_SDR_NAME_MAX];
    decode_hex(FULL_HEX, &r);
    assert_int_equal(ik_sdr_sensor_count(&r), 1);
    assert_int_equal(ik_sdr_shared_name(&r, 0, name, sizeof(name)), 8);
    assert_string_equal(name, "CPU Temp");
    assert_int_equal(ik_sdr_shared_name(&r, 1, name, sizeof(name)), IK_E_RANGE);
    /* Share count 0 and 1 both mean one sensor, named without a modifier. */
    decode_hex("03 00 51 03 10  20 00 40 07 01 12 6f 00 05 00 00 c4 54 65 6d 70", &r);
    assert_int_equal(ik_sdr_sensor_count(&r), 1);
    assert_int_equal(ik_sdr_shared_name(&r, 0, name, sizeof(name)), 4);
    decode_hex("07 00 51 11 0d  20 a2 8a 30 00 10 01 20 02 07 c2 46 52", &r);
    assert_int_equal(ik_sdr_sensor_count(&r), 0);
    assert_int_equal(ik_sdr_shared_name(&r, 0, name, sizeof(name)), IK_E_INVAL);
}

static void sdr_id_set_encodes_and_checks_the_text(void **state)
{
    (void)state;
    struct ik_sdr_id id;
    assert_int_equal(ik_sdr_id_set(&id, IK_SDR_ID_ASCII6, "CPU1"), 0);
    assert_int_equal(id.len, 3);
    assert_memory_equal(id.raw, "\x23\x5c\x47", 3);
    assert_string_equal(id.text, "CPU1");
    assert_int_equal(ik_sdr_id_set(&id, IK_SDR_ID_ASCII6, "cpu1"), IK_E_RANGE);
    assert_int_equal(ik_sdr_id_set(&id, IK_SDR_ID_LATIN1, "0123456789abcdefg"), IK_E_NOSPACE);
    assert_int_equal(ik_sdr_id_set(&id, IK_SDR_ID_BCDPLUS, "12-3.4"), 0);
    assert_int_equal(id.len, 3);
    assert_int_equal(ik_sdr_id_set(&id, (enum ik_sdr_id_enc)4, "x"), IK_E_INVAL);
}

static void sdr_type_tables_name_every_spec_type(void **state)
{
    (void)state;
    assert_int_equal(ik_sdr_fixed_len(IK_SDR_FULL), 43);
    assert_int_equal(ik_sdr_fixed_len(IK_SDR_COMPACT), 27);
    assert_int_equal(ik_sdr_fixed_len(IK_SDR_EVENT_ONLY), 12);
    assert_int_equal(ik_sdr_fixed_len(IK_SDR_MC_CONFIRM), 27);
    assert_int_equal(ik_sdr_fixed_len(0x20), 0);
    assert_string_equal(ik_sdr_type_name(IK_SDR_MC_LOCATOR),
                        "Management Controller Device Locator Record");
    assert_null(ik_sdr_type_name(0x15));
    assert_string_equal(ik_sdr_device_type_name(0x10, 0x01), "DIMM Memory ID");
    assert_string_equal(ik_sdr_device_type_name(0x10, 0x00), "IPMI FRU Inventory");
    assert_string_equal(ik_sdr_device_type_name(0x09, 0x00), "EEPROM, 24C02");
    assert_string_equal(ik_sdr_device_type_name(0xBF, 0x00), "Other/Unspecified");
    assert_null(ik_sdr_device_type_name(0x10, 0x04));
    assert_null(ik_sdr_device_type_name(0x25, 0x00));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sdr_header_decode_reads_id_version_type_length),
        cmocka_unit_test(sdr_header_decode_wants_exactly_five_bytes),
        cmocka_unit_test(sdr_decode_full_reads_every_field),
        cmocka_unit_test(sdr_decode_compact_reads_sharing_and_hysteresis),
        cmocka_unit_test(sdr_decode_event_only_reads_fru_lun_and_sharing),
        cmocka_unit_test(sdr_decode_entity_associations_read_flags_and_pairs),
        cmocka_unit_test(sdr_decode_locators_read_address_channel_lun_bus),
        cmocka_unit_test(sdr_decode_mc_confirmation_bmc_channel_and_oem),
        cmocka_unit_test(sdr_decode_keeps_unknown_types_raw),
        cmocka_unit_test(sdr_decode_reads_id_string_encodings),
        cmocka_unit_test(sdr_decode_counts_zero_padding_and_rejects_other_trailing_bytes),
        cmocka_unit_test(sdr_decode_rejects_bad_id_string_lengths),
        cmocka_unit_test(sdr_decode_rejects_length_byte_disagreeing_with_buffer),
        cmocka_unit_test(sdr_decode_rejects_body_shorter_than_fixed_part),
        cmocka_unit_test(sdr_decode_every_golden_prefix_fails_cleanly),
        cmocka_unit_test(sdr_golden_and_diff_vectors_round_trip_byte_exact),
        cmocka_unit_test(sdr_decode_accepts_maximum_lengths),
        cmocka_unit_test(sdr_encode_computes_length_and_reports_small_buffers),
        cmocka_unit_test(sdr_encode_rejects_fields_that_do_not_fit),
        cmocka_unit_test(sdr_encode_builds_a_record_from_scratch),
        cmocka_unit_test(sdr_shared_name_numeric_counts_from_offset),
        cmocka_unit_test(sdr_shared_name_alpha_goes_a_to_z_then_aa),
        cmocka_unit_test(sdr_shared_name_without_sharing_is_the_id_string),
        cmocka_unit_test(sdr_id_set_encodes_and_checks_the_text),
        cmocka_unit_test(sdr_type_tables_name_every_spec_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
