/*
 * Writes a reproducible raw SEL file for benchmarks: N records (default 1,000,000) from a
 * fixed-seed generator, a realistic mix of threshold events, sensor-specific and generic
 * discrete events with and without event data 2/3, PICMG hot swap, Linux panic chunks, OEM
 * records and the odd unknown type, with timestamps moving forward (and a few pre-init).
 *
 *   bench_sel_gen OUT.bin [N] [SEED]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/sel.h"

static uint64_t rng_state;

static uint32_t rnd(void)
{
    /* xorshift64*: fast, fixed sequence for a given seed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

static uint32_t pick(uint32_t n)
{
    return rnd() % n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s OUT.bin [N] [SEED]\n", argv[0]);
        return 2;
    }
    unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000000ul;
    rng_state = argc > 3 ? strtoull(argv[3], NULL, 0) : 0x5E1C0DE5EEDull;
    if (rng_state == 0)
        rng_state = 1;
    FILE *f = fopen(argv[1], "wb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    uint32_t ts = 1672531200; /* 2023-01-01 00:00:00 UTC */
    static const char panic[] = "Kernel panic - not syncing: Attempted to kill init!";
    for (unsigned long i = 0; i < n; i++) {
        struct ik_sel_record r;
        memset(&r, 0, sizeof(r));
        r.record_id = (uint16_t)(i + 1);
        ts += pick(600);
        uint8_t out[IK_SEL_RECORD_LEN];
        size_t w;
        uint32_t k = pick(100);
        if (k < 90) {
            r.record_type = 0x02;
            r.kind = IK_SEL_KIND_SYSTEM;
            r.timestamp = pick(200) == 0 ? pick(3600) : ts;
            r.ev.gen_id = pick(4) ? 0x0020 : ik_sel_gen_id(1, (uint8_t)pick(0x7F), 0, 0);
            r.ev.evm_rev = 0x04;
            r.ev.sensor_num = (uint8_t)pick(256);
            r.ev.deassertion = pick(3) == 0;
            if (k < 40) { /* threshold */
                static const uint8_t types[] = {0x01, 0x02, 0x03, 0x04};
                r.ev.sensor_type = types[pick(4)];
                r.ev.event_type = 0x01;
                r.ev.data[0] = (uint8_t)(0x50 | pick(12));
                r.ev.data[1] = (uint8_t)pick(256);
                r.ev.data[2] = (uint8_t)pick(256);
            } else if (k < 75) { /* sensor-specific */
                r.ev.sensor_type = (uint8_t)(1 + pick(0x2C));
                r.ev.event_type = 0x6F;
                static const uint8_t flags[] = {0x00, 0xA0, 0xC0, 0xF0, 0x40, 0x30};
                r.ev.data[0] = (uint8_t)(flags[pick(6)] | pick(12));
                r.ev.data[1] = (uint8_t)pick(256);
                r.ev.data[2] = (uint8_t)pick(256);
            } else if (k < 85) { /* generic discrete */
                r.ev.sensor_type = (uint8_t)(1 + pick(0x2C));
                r.ev.event_type = (uint8_t)(2 + pick(11));
                r.ev.data[0] = (uint8_t)pick(9);
                r.ev.data[1] = 0xFF;
                r.ev.data[2] = 0xFF;
            } else if (k < 87) { /* PICMG hot swap */
                r.ev.sensor_type = 0xF0;
                r.ev.event_type = 0x6F;
                r.ev.data[0] = (uint8_t)(0xA0 | pick(8));
                r.ev.data[1] = (uint8_t)(pick(10) << 4 | pick(8));
                r.ev.data[2] = (uint8_t)pick(4);
            } else { /* OEM event types and OEM sensor types */
                r.ev.sensor_type = (uint8_t)(0xC0 + pick(0x40));
                r.ev.event_type = (uint8_t)(0x70 + pick(16));
                r.ev.data[0] = (uint8_t)pick(256);
                r.ev.data[1] = (uint8_t)pick(256);
                r.ev.data[2] = (uint8_t)pick(256);
            }
        } else if (k < 94) {
            r.record_type = (uint8_t)(0xC0 + pick(0x20));
            r.kind = IK_SEL_KIND_OEM_TS;
            r.timestamp = ts;
            r.manufacturer = pick(3) ? 343 : 674;
            for (int j = 0; j < 6; j++)
                r.oem[j] = (uint8_t)pick(256);
        } else if (k < 97) { /* a Linux panic chunk */
            r.record_type = 0xF0;
            r.kind = IK_SEL_KIND_OEM_NOTS;
            uint32_t seq = pick(5);
            r.oem[0] = 0x20;
            r.oem[1] = (uint8_t)seq;
            for (int j = 0; j < 11 && seq * 11 + (uint32_t)j < sizeof(panic) - 1; j++)
                r.oem[2 + j] = (uint8_t)panic[seq * 11 + (uint32_t)j];
        } else if (k < 99) {
            r.record_type = (uint8_t)(0xE0 + pick(0x10));
            r.kind = IK_SEL_KIND_OEM_NOTS;
            for (int j = 0; j < 13; j++)
                r.oem[j] = (uint8_t)pick(256);
        } else { /* unknown record type: raw bytes */
            out[0] = (uint8_t)r.record_id;
            out[1] = (uint8_t)(r.record_id >> 8);
            out[2] = (uint8_t)(0x03 + pick(0x80));
            for (int j = 3; j < 16; j++)
                out[j] = (uint8_t)pick(256);
            fwrite(out, 1, sizeof(out), f);
            continue;
        }
        if (ik_sel_encode(&r, out, sizeof(out), &w) != 0) {
            fprintf(stderr, "encode failed at record %lu\n", i);
            return 1;
        }
        fwrite(out, 1, w, f);
    }
    if (fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
