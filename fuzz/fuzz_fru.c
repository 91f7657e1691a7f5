/* libFuzzer: FRU image decode; whatever decodes cleanly is re-encoded and decoded again, and
 * every field, date, chassis type and multirecord must come back the same. */
#include <stdlib.h>
#include <string.h>

#include "ipmikit/fru.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ik_fru a, b;
static uint8_t img[IK_FRU_IMAGE_MAX];

static void same_field(const struct ik_fru_field *x, const struct ik_fru_field *y)
{
    if (strcmp(x->text, y->text) != 0)
        abort();
}

static void same_fields(const struct ik_fru_field *x, const struct ik_fru_field *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        same_field(&x[i], &y[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (ik_fru_decode(data, size, &a) != 0 || a.n_problems != 0)
        return 0;
    size_t len;
    a.loc[IK_FRU_AREA_INTERNAL].present = false; /* its padding is not preserved */
    if (ik_fru_encode(&a, img, sizeof(img), &len) != 0)
        return 0; /* e.g. reserved BCD plus digits, areas that overlapped in the input */
    if (ik_fru_decode(img, len, &b) != 0 || b.n_problems != 0)
        abort();
    for (int ar = IK_FRU_AREA_CHASSIS; ar <= IK_FRU_AREA_PRODUCT; ar++)
        if (a.loc[ar].present != b.loc[ar].present)
            abort();
    if (a.chassis.type != b.chassis.type || a.chassis.n_custom != b.chassis.n_custom ||
        a.board.mfg_minutes != b.board.mfg_minutes || a.board.lang != b.board.lang ||
        a.board.n_custom != b.board.n_custom || a.product.lang != b.product.lang ||
        a.product.n_custom != b.product.n_custom || a.n_mr != b.n_mr)
        abort();
    same_fields(&a.chassis.part, &b.chassis.part, 1);
    same_fields(&a.chassis.serial, &b.chassis.serial, 1);
    same_fields(a.chassis.custom, b.chassis.custom, a.chassis.n_custom);
    const struct ik_fru_field *fa[] = {&a.board.mfg,      &a.board.product, &a.board.serial,
                                       &a.board.part,     &a.board.file_id, &a.product.mfg,
                                       &a.product.name,   &a.product.part,  &a.product.version,
                                       &a.product.serial, &a.product.asset, &a.product.file_id};
    const struct ik_fru_field *fb[] = {&b.board.mfg,      &b.board.product, &b.board.serial,
                                       &b.board.part,     &b.board.file_id, &b.product.mfg,
                                       &b.product.name,   &b.product.part,  &b.product.version,
                                       &b.product.serial, &b.product.asset, &b.product.file_id};
    for (size_t i = 0; i < sizeof(fa) / sizeof(fa[0]); i++)
        same_field(fa[i], fb[i]);
    same_fields(a.board.custom, b.board.custom, a.board.n_custom);
    same_fields(a.product.custom, b.product.custom, a.product.n_custom);
    for (uint8_t i = 0; i < a.n_mr; i++)
        if (a.mr[i].type != b.mr[i].type || a.mr[i].len != b.mr[i].len ||
            (a.mr[i].len && memcmp(a.mr[i].data, b.mr[i].data, a.mr[i].len) != 0))
            abort();
    return 0;
}
