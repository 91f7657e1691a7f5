/* libFuzzer: one multirecord (header + data) and every payload decoder on its data; a
 * payload that decodes is re-encoded and must give back the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "ipmikit/fru.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(const uint8_t *x, size_t xn, const uint8_t *y, size_t yn)
{
    if (xn != yn || (xn && memcmp(x, y, xn) != 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ik_fru_mr m;
    if (ik_fru_mr_decode(data, size, &m) != 0)
        return 0;
    uint8_t out[300];
    size_t n;
    const uint8_t *p = m.data;
    size_t len = m.len;
    struct ik_fru_psu psu;
    struct ik_fru_dcout dco;
    struct ik_fru_dcload dcl;
    struct ik_fru_mgmt g;
    struct ik_fru_compat c;
    struct ik_fru_oem o;
    /* Try every decoder whatever the type byte says: they must all be safe on any bytes. */
    if (ik_fru_psu_decode(p, len, &psu) == 0 &&
        ik_fru_psu_encode(&psu, out, sizeof(out), &n) == 0) {
        if (n != 24)
            abort();
    }
    if (ik_fru_dcout_decode(p, len, &dco) == 0) {
        if (ik_fru_dcout_encode(&dco, out, sizeof(out), &n) != 0 || n != 13 ||
            memcmp(out + 1, p + 1, 12) != 0)
            abort();
    }
    if (ik_fru_dcload_decode(p, len, &dcl) == 0) {
        if (ik_fru_dcload_encode(&dcl, out, sizeof(out), &n) != 0 || n != 13 ||
            memcmp(out + 1, p + 1, 12) != 0)
            abort();
    }
    if (ik_fru_mgmt_decode(p, len, &g) == 0) {
        if (ik_fru_mgmt_encode(&g, out, sizeof(out), &n) != 0)
            abort();
        same(out, n, p, len);
    }
    if (ik_fru_compat_decode(p, len, &c) == 0) {
        if (ik_fru_compat_encode(&c, out, sizeof(out), &n) != 0)
            abort();
        same(out, n, p, len);
    }
    if (ik_fru_oem_decode(p, len, &o) == 0) {
        if (ik_fru_oem_encode(&o, out, sizeof(out), &n) != 0)
            abort();
        same(out, n, p, len);
        if (o.len)
            (void)ik_fru_picmg_record_name(o.data[0]);
    }
    (void)ik_fru_mr_type_name(m.type);
    return 0;
}
