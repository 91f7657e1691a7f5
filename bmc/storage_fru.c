/*
 * NetFn Storage (0Ah), FRU group: FRU inventory devices (IPMI 2.0 section 34).
 *
 * Each described FRU device is an inventory area of a fixed size, built from the
 * description with ik_fru_encode() and padded. Reads and writes are byte-addressed. A
 * write changes the area in memory and the whole area is written to the store ("fru/<id>")
 * before the write is acknowledged; a stored area replaces the described one at start,
 * as long as its size still matches.
 *
 * Completion codes: CBh no such FRU device, C9h offset or length past the end of the
 * area, CAh a read longer than a response can carry, 80h device write-protected, FFh the
 * store failed (the write did not happen).
 */
#include "bmc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/error.h"
#include "msg_storage.h"

#define NETFN_STORAGE 0x0A

static struct ik_bmc_fru_dev *find_dev(struct ik_bmc *bmc, uint8_t id)
{
    for (size_t i = 0; i < bmc->fru.n; i++)
        if (bmc->fru.dev[i].id == id)
            return &bmc->fru.dev[i];
    return NULL;
}

/* Get FRU Inventory Area Info (table 34-2, lib/msg_storage.c): FRU device ID -> area size
 * and access by bytes. */
static void get_area_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_fru_device_req q;
    if (ik_fru_device_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits exactly 1 byte */
        return;
    }
    struct ik_bmc_fru_dev *d = find_dev(bmc, q.device_id);
    if (!d) {
        rsp->cc = 0xCB;
        return;
    }
    struct ik_fru_info_rsp v = {.size = d->size, .by_words = false};
    if (ik_fru_info_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 3 bytes fit */
}

/* Read FRU Data (table 34-3, lib/msg_storage.c): FRU device ID, offset, count -> count
 * returned, data. A read running past the end returns what is there. */
static void read_fru(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, const struct ik_bmc_req *req,
                     struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_fru_read_req q;
    if (ik_fru_read_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits exactly 4 bytes */
        return;
    }
    struct ik_bmc_fru_dev *d = find_dev(bmc, q.device_id);
    uint16_t off = q.offset;
    size_t cnt = q.count;
    if (!d) {
        rsp->cc = 0xCB;
        return;
    }
    if (off >= d->size) {
        rsp->cc = 0xC9; /* parameter out of range */
        return;
    }
    if (cnt > sizeof(rsp->data) - 1) {
        rsp->cc = 0xCA; /* cannot return that many bytes */
        return;
    }
    if (cnt > (size_t)(d->size - off))
        cnt = (size_t)(d->size - off);
    struct ik_fru_read_rsp v = {.count = (uint8_t)cnt, .data = d->data + off, .len = cnt};
    if (ik_fru_read_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: cnt was checked against the buffer */
}

static void kv_name(char *buf, size_t cap, uint8_t id)
{
    snprintf(buf, cap, "fru/%u", id);
}

/* Write FRU Data (table 34-4, lib/msg_storage.c): FRU device ID, offset, data -> count
 * written. */
static void write_fru(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                      const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    struct ik_fru_write_req q;
    if (ik_fru_write_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits 4-255 bytes */
        return;
    }
    struct ik_bmc_fru_dev *d = find_dev(bmc, q.device_id);
    uint16_t off = q.offset;
    size_t n = q.len;
    const uint8_t *bytes = q.data;
    if (!d) {
        rsp->cc = 0xCB;
        return;
    }
    if (d->write_protect) {
        rsp->cc = 0x80; /* write-protected offset */
        return;
    }
    if (off >= d->size || n > (size_t)(d->size - off)) {
        rsp->cc = 0xC9;
        return;
    }
    uint8_t save[IK_BMC_MAX_REQ];
    memcpy(save, d->data + off, n);
    memcpy(d->data + off, bytes, n);
    char key[16];
    kv_name(key, sizeof(key), d->id);
    if (ik_plat_kv_put(bmc, key, d->data, d->size) != 0) {
        memcpy(d->data + off, save, n); /* not stored: not written */
        rsp->cc = 0xFF;
        return;
    }
    struct ik_fru_write_rsp v = {.count = (uint8_t)n};
    if (ik_fru_write_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 1 byte fits */
}

static int fru_init(struct ik_bmc *bmc)
{
    const struct ik_machine_platform *p = ik_plat(bmc);
    struct ik_bmc_fru *f = &bmc->fru;
    memset(f, 0, sizeof(*f));
    if (!p->nfrus)
        return 0;
    f->dev = calloc(p->nfrus, sizeof(*f->dev));
    if (!f->dev)
        return IK_E_NOMEM;
    for (size_t i = 0; i < p->nfrus; i++) {
        const struct ik_mfru *m = &p->frus[i];
        struct ik_bmc_fru_dev *d = &f->dev[f->n];
        d->data = malloc(m->size ? m->size : 1);
        if (!d->data)
            return IK_E_NOMEM;
        memcpy(d->data, m->image, m->size);
        d->id = m->id;
        d->size = m->size;
        d->write_protect = m->write_protect;
        f->n++;
    }
    return 0;
}

static int fru_load_kv(struct ik_bmc *bmc, const char *key, const void *val, size_t len)
{
    char *end;
    unsigned long id = strtoul(key + 4, &end, 10);
    if (*end || end == key + 4 || id > 0xFF)
        return IK_E_CORRUPT;
    struct ik_bmc_fru_dev *d = find_dev(bmc, (uint8_t)id);
    if (!d)
        return IK_E_NOTFOUND; /* the device is no longer described */
    if (len != d->size)
        return IK_E_RANGE; /* the description changed the size: it wins */
    memcpy(d->data, val, len);
    return 0;
}

static void fru_fini(struct ik_bmc *bmc)
{
    for (size_t i = 0; i < bmc->fru.n; i++)
        free(bmc->fru.dev[i].data);
    free(bmc->fru.dev);
    memset(&bmc->fru, 0, sizeof(bmc->fru));
}

static const struct ik_bmc_cmd fru_cmds[] = {
    {NETFN_STORAGE, 0x10, IK_PRIV_USER, 1, 1, get_area_info},
    {NETFN_STORAGE, 0x11, IK_PRIV_USER, 4, 4, read_fru},
    {NETFN_STORAGE, 0x12, IK_PRIV_OPERATOR, 4, IK_BMC_MAX_REQ, write_fru},
};

const struct ik_bmc_module ik_bmc_mod_fru = {
    .name = "fru",
    .init = fru_init,
    .kv_prefix = "fru/",
    .load_kv = fru_load_kv,
    .fini = fru_fini,
    .cmds = fru_cmds,
    .ncmds = sizeof(fru_cmds) / sizeof(fru_cmds[0]),
};
