/*
 * Writes the FRU golden corpus: images built with ik_fru_encode from the descriptions
 * below, one file per image, into DIR. tests/integration/fru_ipmitool.sh serves each one
 * from ipmi_sim and diffs `ipmitool fru print` against `ipmikit fru decode`.
 *   usage: tool_fru_corpus DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/error.h"
#include "ipmikit/fru.h"

static struct ik_fru fru;
static uint8_t mrbuf[IK_FRU_MR_MAX][256];

static void field(struct ik_fru_field *f, enum ik_fru_tl type, const char *text)
{
    memset(f, 0, sizeof(*f));
    f->type = (uint8_t)type;
    snprintf(f->text, sizeof(f->text), "%s", text);
}

static void latin1(struct ik_fru_field *f, const char *text)
{
    field(f, IK_FRU_TL_LATIN1, text);
}

static void add_mr(uint8_t type, const uint8_t *data, size_t len)
{
    memcpy(mrbuf[fru.n_mr], data, len);
    fru.mr[fru.n_mr] =
        (struct ik_fru_mr){.type = type, .len = (uint8_t)len, .data = mrbuf[fru.n_mr]};
    fru.n_mr++;
}

static void start(void)
{
    memset(&fru, 0, sizeof(fru));
}

static void board_std(void)
{
    fru.loc[IK_FRU_AREA_BOARD].present = true;
    fru.board.lang = 25;
    fru.board.mfg_minutes = 14000000; /* 2022-08-14 */
    latin1(&fru.board.mfg, "Acme Computing");
    latin1(&fru.board.product, "X11 Mainboard");
    latin1(&fru.board.serial, "BSN-000123");
    latin1(&fru.board.part, "PN-7788-01");
    latin1(&fru.board.file_id, "board.fru v3");
}

static int write_image(const char *dir, const char *name)
{
    static uint8_t img[4096];
    size_t n = 0;
    int rc = ik_fru_encode(&fru, img, sizeof(img), &n);
    if (rc < 0) {
        fprintf(stderr, "fru_corpus: %s: %s\n", name, ik_strerror(rc));
        return -1;
    }
    char path[512];
    snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(img, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "fru_corpus: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tool_fru_corpus DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    int bad = 0;

    /* Every area, Latin-1 fields, custom fields, power supply + DC records. */
    start();
    fru.loc[IK_FRU_AREA_INTERNAL].present = true;
    static const uint8_t iu[] = {0xde, 0xad, 0xbe, 0xef, 0x01, 0x02};
    fru.internal = iu;
    fru.internal_len = sizeof(iu);
    fru.loc[IK_FRU_AREA_CHASSIS].present = true;
    fru.chassis.type = 0x17;
    latin1(&fru.chassis.part, "CHS-4U-R");
    latin1(&fru.chassis.serial, "CSN0042");
    latin1(&fru.chassis.custom[0], "Rack 7 Slot 3");
    fru.chassis.n_custom = 1;
    board_std();
    latin1(&fru.board.custom[0], "Rev B");
    latin1(&fru.board.custom[1], "");
    latin1(&fru.board.custom[2], "ECO 1234");
    fru.board.n_custom = 3;
    fru.loc[IK_FRU_AREA_PRODUCT].present = true;
    fru.product.lang = 25;
    latin1(&fru.product.mfg, "Acme Computing");
    latin1(&fru.product.name, "Acme Server 9000");
    latin1(&fru.product.part, "AS9000-B");
    latin1(&fru.product.version, "1.2");
    latin1(&fru.product.serial, "PSN-9000-77");
    latin1(&fru.product.asset, "ASSET-0001");
    latin1(&fru.product.file_id, "prod.fru");
    latin1(&fru.product.custom[0], "made in testland");
    fru.product.n_custom = 1;
    {
        struct ik_fru_psu p = {.capacity_w = 750,
                               .peak_va = 900,
                               .inrush_a = 40,
                               .inrush_ms = 12,
                               .vin1_lo = 9000,
                               .vin1_hi = 14000,
                               .vin2_lo = 18000,
                               .vin2_hi = 26400,
                               .freq_lo = 47,
                               .freq_hi = 63,
                               .dropout_ms = 20,
                               .flags = 0x0F,
                               .peak_w = 820,
                               .holdup_s = 2,
                               .combined_v1 = 0,
                               .combined_v2 = 3,
                               .combined_w = 500,
                               .tach_rps = 30};
        uint8_t b[32];
        size_t n;
        if (ik_fru_psu_encode(&p, b, sizeof(b), &n) == 0)
            add_mr(IK_FRU_MR_POWER_SUPPLY, b, n);
        struct ik_fru_dcout o = {.output = 1,
                                 .standby = true,
                                 .nominal_10mv = 1200,
                                 .max_neg_10mv = 60,
                                 .max_pos_10mv = 60,
                                 .ripple_mv = 120,
                                 .min_ma = 100,
                                 .max_ma = 62000};
        if (ik_fru_dcout_encode(&o, b, sizeof(b), &n) == 0)
            add_mr(IK_FRU_MR_DC_OUTPUT, b, n);
        struct ik_fru_dcload l = {.output = 2,
                                  .nominal_10mv = -1200,
                                  .min_10mv = -1260,
                                  .max_10mv = -1140,
                                  .ripple_mv = 50,
                                  .min_ma = 0,
                                  .max_ma = 1500};
        if (ik_fru_dcload_encode(&l, b, sizeof(b), &n) == 0)
            add_mr(IK_FRU_MR_DC_LOAD, b, n);
    }
    bad |= write_image(dir, "full");

    /* Board only, manufacturing date unspecified. */
    start();
    board_std();
    fru.board.mfg_minutes = 0;
    bad |= write_image(dir, "board_nodate");

    /* Every type/length encoding; 6-bit fields of 3 and 6 bytes print exactly in ipmitool,
     * 4 and 5 bytes show ipmitool's trailing-character quirk. */
    start();
    fru.loc[IK_FRU_AREA_CHASSIS].present = true;
    fru.chassis.type = 0x1E; /* past ipmitool's table: "Unknown" */
    field(&fru.chassis.part, IK_FRU_TL_BCDPLUS, "0123-456.78 9");
    field(&fru.chassis.serial, IK_FRU_TL_ASCII6, "SERIAL12");
    field(&fru.chassis.custom[0], IK_FRU_TL_BINARY, "00ff10ab");
    field(&fru.chassis.custom[1], IK_FRU_TL_ASCII6, "ABCD");
    field(&fru.chassis.custom[2], IK_FRU_TL_ASCII6, "HELLO");
    field(&fru.chassis.custom[3], IK_FRU_TL_ASCII6, "HELLO!");
    field(&fru.chassis.custom[4], IK_FRU_TL_BCDPLUS, "42");
    fru.chassis.n_custom = 5;
    board_std();
    latin1(&fru.board.mfg, "Caf\xe9 Syst\xe8mes"); /* Latin-1 bytes above 7Fh */
    latin1(&fru.board.product, "X");               /* one character: C2h 'X' 00h */
    field(&fru.board.serial, IK_FRU_TL_BCDPLUS, "20240101");
    field(&fru.board.part, IK_FRU_TL_ASCII6, "PART-NO.7/A");
    bad |= write_image(dir, "encodings");

    /* Sixteen custom fields and a product area with empty fixed fields. */
    start();
    board_std();
    for (int i = 0; i < IK_FRU_CUSTOM_MAX; i++) {
        char t[16];
        snprintf(t, sizeof(t), "custom-%02d", i);
        latin1(&fru.board.custom[i], t);
    }
    fru.board.n_custom = IK_FRU_CUSTOM_MAX;
    fru.loc[IK_FRU_AREA_PRODUCT].present = true;
    latin1(&fru.product.name, "Only A Name");
    bad |= write_image(dir, "many_custom");

    /* Longest fields: 63 Latin-1 bytes, 63 bytes of hex, 63 BCD plus bytes. */
    start();
    fru.loc[IK_FRU_AREA_CHASSIS].present = true;
    fru.chassis.type = 0x01;
    {
        char l[64], h[127], d[127];
        for (int i = 0; i < 63; i++)
            l[i] = (char)('A' + i % 26);
        l[63] = '\0';
        for (int i = 0; i < 126; i++)
            h[i] = "0123456789abcdef"[i % 16];
        h[126] = '\0';
        for (int i = 0; i < 126; i++)
            d[i] = "0123456789 -."[i % 13];
        d[126] = '\0';
        latin1(&fru.chassis.part, l);
        field(&fru.chassis.serial, IK_FRU_TL_BINARY, h);
        field(&fru.chassis.custom[0], IK_FRU_TL_BCDPLUS, d);
        fru.chassis.n_custom = 1;
    }
    bad |= write_image(dir, "long_fields");

    /* Multirecords ipmitool -v does not decode (it prints nothing for them). */
    start();
    board_std();
    {
        uint8_t b[64];
        size_t n;
        static const uint8_t url[] = "http://bmc.example/";
        struct ik_fru_mgmt g = {.subtype = 1, .data = url, .len = sizeof(url) - 1};
        if (ik_fru_mgmt_encode(&g, b, sizeof(b), &n) == 0)
            add_mr(IK_FRU_MR_MGMT_ACCESS, b, n);
        static const uint8_t mask[] = {0x0f, 0x00, 0x80};
        struct ik_fru_compat c = {.mfg_id = 343,
                                  .entity_id = 0x07,
                                  .compat_base = 0x10,
                                  .code_start = 0x20,
                                  .mask = mask,
                                  .mask_len = sizeof(mask)};
        if (ik_fru_compat_encode(&c, b, sizeof(b), &n) == 0)
            add_mr(IK_FRU_MR_BASE_COMPAT, b, n);
        c.compat_base = 0x11;
        if (ik_fru_compat_encode(&c, b, sizeof(b), &n) == 0)
            add_mr(IK_FRU_MR_EXT_COMPAT, b, n);
        static const uint8_t oemdata[] = {0x01, 0x02, 0x03, 0x04};
        struct ik_fru_oem o = {.mfg_id = 343, .data = oemdata, .len = sizeof(oemdata)};
        if (ik_fru_oem_encode(&o, b, sizeof(b), &n) == 0)
            add_mr(0xD0, b, n);
    }
    bad |= write_image(dir, "mr_other");

    /* A PICMG record (type C0h): ipmitool -v decodes these its own way (see docs/fru.md). */
    start();
    board_std();
    {
        uint8_t b[64];
        size_t n;
        static const uint8_t picmg[] = {0x16, 0x00, 0x0a}; /* Module Current Requirements */
        struct ik_fru_oem o = {.mfg_id = IK_FRU_IANA_PICMG, .data = picmg, .len = 3};
        if (ik_fru_oem_encode(&o, b, sizeof(b), &n) == 0)
            add_mr(0xC0, b, n);
    }
    bad |= write_image(dir, "mr_picmg");

    return bad ? 1 : 0;
}
