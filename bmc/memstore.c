/* An in-memory struct ik_bmc_store: for unit tests, fuzzing and stateless bmcd runs. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"

struct kv_entry {
    char key[64];
    uint8_t *val;
    size_t len;
};

struct ik_bmc_memstore {
    uint8_t (*sel)[16]; /* sorted by record ID */
    size_t nsel, capsel;
    struct kv_entry *kv;
    size_t nkv, capkv;
};

/* Bytes 0-1 of a SEL record: the record ID, LS byte first. */
static uint16_t rec_id(const uint8_t rec[16])
{
    struct ik_rd r;
    ik_rd_init(&r, rec, 16);
    return ik_rd_le16(&r);
}

static size_t sel_find(struct ik_bmc_memstore *m, uint16_t id)
{
    size_t lo = 0, hi = m->nsel;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (rec_id(m->sel[mid]) < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int mem_sel_put(void *ctx, const uint8_t rec[16])
{
    struct ik_bmc_memstore *m = ctx;
    size_t i = sel_find(m, rec_id(rec));
    if (i < m->nsel && rec_id(m->sel[i]) == rec_id(rec)) {
        memcpy(m->sel[i], rec, 16);
        return 0;
    }
    if (m->nsel == m->capsel) {
        size_t nc = m->capsel ? m->capsel * 2 : 64;
        void *p = realloc(m->sel, nc * 16);
        if (!p)
            return IK_E_NOMEM;
        m->sel = p;
        m->capsel = nc;
    }
    memmove(m->sel[i + 1], m->sel[i], (m->nsel - i) * 16);
    memcpy(m->sel[i], rec, 16);
    m->nsel++;
    return 0;
}

static int mem_sel_delete(void *ctx, uint16_t id)
{
    struct ik_bmc_memstore *m = ctx;
    size_t i = sel_find(m, id);
    if (i == m->nsel || rec_id(m->sel[i]) != id)
        return IK_E_NOTFOUND;
    memmove(m->sel[i], m->sel[i + 1], (m->nsel - i - 1) * 16);
    m->nsel--;
    return 0;
}

static int mem_sel_clear(void *ctx)
{
    struct ik_bmc_memstore *m = ctx;
    m->nsel = 0;
    return 0;
}

static int mem_sel_load(void *ctx, void (*fn)(void *arg, const uint8_t rec[16]), void *arg)
{
    struct ik_bmc_memstore *m = ctx;
    for (size_t i = 0; i < m->nsel; i++)
        fn(arg, m->sel[i]);
    return 0;
}

static struct kv_entry *kv_find(struct ik_bmc_memstore *m, const char *key)
{
    for (size_t i = 0; i < m->nkv; i++)
        if (strcmp(m->kv[i].key, key) == 0)
            return &m->kv[i];
    return NULL;
}

static int mem_kv_put(void *ctx, const char *key, const void *val, size_t len)
{
    struct ik_bmc_memstore *m = ctx;
    if (strlen(key) >= sizeof(m->kv[0].key))
        return IK_E_RANGE;
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy)
        return IK_E_NOMEM;
    if (len)
        memcpy(copy, val, len);
    struct kv_entry *e = kv_find(m, key);
    if (!e) {
        if (m->nkv == m->capkv) {
            size_t nc = m->capkv ? m->capkv * 2 : 16;
            void *p = realloc(m->kv, nc * sizeof(*m->kv));
            if (!p) {
                free(copy);
                return IK_E_NOMEM;
            }
            m->kv = p;
            m->capkv = nc;
        }
        e = &m->kv[m->nkv++];
        strcpy(e->key, key);
        e->val = NULL;
    }
    free(e->val);
    e->val = copy;
    e->len = len;
    return 0;
}

static int mem_kv_del(void *ctx, const char *key)
{
    struct ik_bmc_memstore *m = ctx;
    struct kv_entry *e = kv_find(m, key);
    if (!e)
        return 0;
    free(e->val);
    *e = m->kv[--m->nkv];
    return 0;
}

static int mem_kv_load(void *ctx,
                       void (*fn)(void *arg, const char *key, const void *val, size_t len),
                       void *arg)
{
    struct ik_bmc_memstore *m = ctx;
    for (size_t i = 0; i < m->nkv; i++)
        fn(arg, m->kv[i].key, m->kv[i].val, m->kv[i].len);
    return 0;
}

struct ik_bmc_memstore *ik_bmc_memstore_new(void)
{
    return calloc(1, sizeof(struct ik_bmc_memstore));
}

void ik_bmc_memstore_free(struct ik_bmc_memstore *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nkv; i++)
        free(m->kv[i].val);
    free(m->kv);
    free(m->sel);
    free(m);
}

struct ik_bmc_store ik_bmc_memstore_ops(struct ik_bmc_memstore *m)
{
    struct ik_bmc_store s = {
        .ctx = m,
        .sel_put = mem_sel_put,
        .sel_delete = mem_sel_delete,
        .sel_clear = mem_sel_clear,
        .sel_load = mem_sel_load,
        .kv_put = mem_kv_put,
        .kv_del = mem_kv_del,
        .kv_load = mem_kv_load,
    };
    return s;
}
