/*
 * NetFn Storage (0Ah), SDR group: the SDR repository (IPMI 2.0 section 33), and the Device
 * SDR commands of NetFn Sensor/Event (04h, section 35.2-35.4).
 *
 * The repository is generated once, when the BMC is created, from the machine description
 * with libipmikit's encoder: one full, compact or event-only record per sensor (in the
 * description's order), one FRU device locator per FRU device, a management controller
 * device locator for this BMC and one per satellite controller. Record IDs run from 0001h
 * in that order. Nobody writes SDR bytes by hand, and the repository never changes while
 * the BMC runs (so no add/delete commands, and "most recent addition" is the start time).
 * The Device SDRs are the sensor records.
 *
 * Get SDR / Get Device SDR take a reservation ID (0000h allowed for reads that start at
 * offset 0), a record ID (0000h first, FFFFh last), an offset and a count (FFh: to the end
 * of the record). Completion codes: C5h reservation cancelled or invalid (a newer Reserve
 * SDR Repository cancels the older one), CBh no such record, CAh bytes past the end of the
 * record or more than a response can carry.
 */
#include "sensors.h"

#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"
#include "msg_storage.h"
#include "repo_info.h"

#define NETFN_SE      0x04
#define NETFN_STORAGE 0x0A
#define BMC_ADDR      0x20
#define UNIT          16 /* allocation unit reported by Get SDR Repository Allocation Info */

static int append(struct ik_bmc_sdr *r, const struct ik_sdr_record *rec, size_t *cap)
{
    uint8_t buf[IK_SDR_MAX_LEN];
    size_t n;
    int rc = ik_sdr_encode(rec, buf, sizeof(buf), &n);
    if (rc)
        return rc;
    if (r->n >= 0xFFFE)
        return IK_E_LIMIT;
    if (r->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        void *p = realloc(r->recs, nc * sizeof(*r->recs));
        if (!p)
            return IK_E_NOMEM;
        r->recs = p;
        *cap = nc;
    }
    void *p = realloc(r->blob, r->blob_len + n);
    if (!p)
        return IK_E_NOMEM;
    r->blob = p;
    memcpy(r->blob + r->blob_len, buf, n);
    r->recs[r->n].id = rec->hdr.record_id;
    r->recs[r->n].off = (uint16_t)r->blob_len;
    r->recs[r->n].len = (uint16_t)n;
    r->recs[r->n].type = rec->hdr.type;
    r->blob_len += n;
    r->n++;
    return 0;
}

static void mc_locator(struct ik_sdr_record *rec, uint16_t id, uint8_t addr, uint8_t chan,
                       uint8_t caps, uint8_t entity, uint8_t inst, const char *name)
{
    memset(rec, 0, sizeof(*rec));
    rec->hdr.record_id = id;
    rec->hdr.version = IK_SDR_VERSION;
    rec->hdr.type = IK_SDR_MC_LOCATOR;
    struct ik_sdr_mc_locator *m = &rec->u.mc;
    m->slave_addr = addr & 0xFE;
    m->channel = chan & 0x0F;
    m->capabilities = caps;
    m->entity_id = entity;
    m->entity_instance = inst & 0x7F;
    ik_sdr_id_set(&m->id, IK_SDR_ID_LATIN1, name);
}

static void sdr_fini(struct ik_bmc *bmc)
{
    free(bmc->sdr.blob);
    free(bmc->sdr.recs);
    memset(&bmc->sdr, 0, sizeof(bmc->sdr));
}

static int sdr_init(struct ik_bmc *bmc)
{
    const struct ik_machine_platform *p = ik_plat(bmc);
    struct ik_bmc_sdr *r = &bmc->sdr;
    struct ik_sdr_record rec;
    size_t cap = 0;
    uint16_t id = 1;
    int rc = 0;
    memset(r, 0, sizeof(*r));
    for (size_t i = 0; i < p->nsensors && rc == 0; i++) {
        rc = ik_sensor_sdr(&p->sensors[i], id++, &rec);
        if (rc == 0)
            rc = append(r, &rec, &cap);
        if (rc)
            ik_bmc_log(bmc, "event=sdr_failed sensor=%u err=%s", p->sensors[i].number,
                       ik_errname(rc));
    }
    for (size_t i = 0; i < p->nfrus && rc == 0; i++) {
        const struct ik_mfru *f = &p->frus[i];
        memset(&rec, 0, sizeof(rec));
        rec.hdr.record_id = id++;
        rec.hdr.version = IK_SDR_VERSION;
        rec.hdr.type = IK_SDR_FRU_LOCATOR;
        struct ik_sdr_fru_locator *l = &rec.u.fru;
        l->access_addr = BMC_ADDR;
        l->device_id = f->id;
        l->logical = 1;
        l->device_type = 0x10; /* IPMI FRU inventory */
        l->entity_id = f->entity_id;
        l->entity_instance = f->entity_instance;
        rc = ik_sdr_id_set(&l->id, IK_SDR_ID_LATIN1, f->name);
        if (rc == 0)
            rc = append(r, &rec, &cap);
    }
    if (rc == 0) {
        mc_locator(&rec, id++, BMC_ADDR, 0, bmc->cfg.id.dev_support, 0x07, 1, "BMC");
        rc = append(r, &rec, &cap);
    }
    for (size_t i = 0; i < p->nsats && rc == 0; i++) {
        const struct ik_msat *s = &p->sats[i];
        mc_locator(&rec, id++, s->addr, s->channel, s->dev_support, s->entity_id,
                   s->entity_instance, s->name);
        rc = append(r, &rec, &cap);
    }
    if (rc)
        sdr_fini(bmc);
    return rc;
}

static int sdr_start(struct ik_bmc *bmc)
{
    bmc->sdr.add_ts = ik_sel_now(bmc);
    return 0;
}

static void sdr_reset(struct ik_bmc *bmc)
{
    bmc->sdr.resv = 0;
    bmc->sdr.dev_resv = 0;
}

static int is_sensor_record(uint8_t type)
{
    return type == IK_SDR_FULL || type == IK_SDR_COMPACT || type == IK_SDR_EVENT_ONLY;
}

/* Index of the record a request names in the whole repository or among the device SDRs;
 * -1 if none. */
static long find(const struct ik_bmc_sdr *r, uint16_t id, int device)
{
    long first = -1, last = -1;
    for (size_t i = 0; i < r->n; i++) {
        if (device && !is_sensor_record(r->recs[i].type))
            continue;
        if (first < 0)
            first = (long)i;
        last = (long)i;
        if (id != 0 && id != 0xFFFF && r->recs[i].id == id)
            return (long)i;
    }
    return id == 0 ? first : id == 0xFFFF ? last : -1;
}

static uint16_t next_id(const struct ik_bmc_sdr *r, long i, int device)
{
    for (size_t j = (size_t)i + 1; j < r->n; j++)
        if (!device || is_sensor_record(r->recs[j].type))
            return r->recs[j].id;
    return 0xFFFF;
}

static void get_record(struct ik_bmc *bmc, const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp,
                       int device)
{
    struct ik_bmc_sdr *r = &bmc->sdr;
    struct ik_get_record_req q;
    if (ik_get_record_req_decode(req->data, req->len, &q) != 0) {
        rsp->cc = 0xC7; /* cannot happen: the command table admits exactly 6 bytes */
        return;
    }
    uint8_t off = q.offset, cnt = q.count;
    uint16_t cur = device ? r->dev_resv : r->resv;
    if ((q.resv != 0 && q.resv != cur) || (q.resv == 0 && off != 0)) {
        rsp->cc = 0xC5;
        return;
    }
    long i = find(r, q.record_id, device);
    if (i < 0) {
        rsp->cc = 0xCB;
        return;
    }
    size_t len = r->recs[i].len;
    size_t n = cnt == IK_GET_RECORD_WHOLE ? (off < len ? len - off : 0) : cnt;
    if (off >= len || off + n > len || 2 + n > sizeof(rsp->data)) {
        rsp->cc = 0xCA;
        return;
    }
    struct ik_get_record_rsp v = {
        .next_id = next_id(r, i, device),
        .data = r->blob + r->recs[i].off + off,
        .len = n,
    };
    if (ik_get_record_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: n was checked against the buffer */
}

static uint16_t new_reservation(uint16_t *cur)
{
    uint16_t id = (uint16_t)(*cur + 1);
    if (id == 0)
        id = 1;
    *cur = id;
    return id;
}

/*
 * Get SDR Repository Info (section 33.9) response: SDR version (51h), record count (2),
 * free space (2, none: the repository is generated), most recent addition (4) and erase
 * (4) timestamps, operation support ([1] Reserve, [0] Get Allocation Info; no updates).
 */
static void get_repo_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_repo_info info = {
        .version = IK_SDR_VERSION,
        .count = (uint16_t)bmc->sdr.n,
        .free_bytes = 0,
        .add_ts = bmc->sdr.add_ts,
        .erase_ts = 0,
        .ops = IK_REPO_OP_RESERVE | IK_REPO_OP_ALLOC_INFO,
    };
    if (ik_repo_info_encode(&info, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 14 bytes fit */
}

/* Get SDR Repository Allocation Info (section 33.10, lib/repo_info.c): the records in
 * 16-byte units, none free (the repository is generated, not added to). */
static void get_repo_alloc(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    size_t units = 0, largest = 0;
    for (size_t i = 0; i < bmc->sdr.n; i++) {
        size_t u = (bmc->sdr.recs[i].len + UNIT - 1) / UNIT;
        units += u;
        if (u > largest)
            largest = u;
    }
    struct ik_repo_alloc a = {
        .units = (uint16_t)units,
        .unit_size = UNIT,
        .max_record = (uint8_t)largest,
    };
    if (ik_repo_alloc_encode(&a, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 9 bytes fit */
}

static void reserve_repo(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                         const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_reserve_rsp v = {.resv = new_reservation(&bmc->sdr.resv)};
    if (ik_reserve_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 2 bytes fit */
}

static void get_sdr(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx, const struct ik_bmc_req *req,
                    struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    get_record(bmc, req, rsp, 0);
}

/* Get SDR Repository Time (section 33.11): the SEL clock. */
static void get_repo_time(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_storage_time v = {.time = ik_sel_now(bmc)};
    if (ik_storage_time_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 4 bytes fit */
}

/* Get Device SDR Info (section 35.2): optional [0] 1 = count SDRs, 0 = count sensors;
 * response: the count, then [7] static population (0), [0] LUN 0 has sensors. */
static void get_device_sdr_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                                const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    size_t records = 0;
    for (size_t i = 0; i < bmc->sdr.n; i++)
        if (is_sensor_record(bmc->sdr.recs[i].type))
            records++;
    int want_sdrs = req->len >= 1 && (req->data[0] & 1);
    size_t count = want_sdrs ? records : bmc->sensors.n;
    rsp->data[0] = (uint8_t)(count > 0xFF ? 0xFF : count);
    rsp->data[1] = bmc->sensors.n ? 0x01 : 0x00;
    rsp->len = 2;
}

static void get_device_sdr(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                           const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    get_record(bmc, req, rsp, 1);
}

static void reserve_device_sdr(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    (void)ctx;
    (void)req;
    struct ik_reserve_rsp v = {.resv = new_reservation(&bmc->sdr.dev_resv)};
    if (ik_reserve_rsp_encode(&v, rsp->data, sizeof(rsp->data), &rsp->len))
        rsp->cc = 0xFF; /* cannot happen: 2 bytes fit */
}

static const struct ik_bmc_cmd sdr_cmds[] = {
    {NETFN_STORAGE, 0x20, IK_PRIV_USER, 0, 0, get_repo_info},
    {NETFN_STORAGE, 0x21, IK_PRIV_USER, 0, 0, get_repo_alloc},
    {NETFN_STORAGE, 0x22, IK_PRIV_USER, 0, 0, reserve_repo},
    {NETFN_STORAGE, 0x23, IK_PRIV_USER, 6, 6, get_sdr},
    {NETFN_STORAGE, 0x28, IK_PRIV_USER, 0, 0, get_repo_time},
    {NETFN_SE, 0x20, IK_PRIV_USER, 0, 1, get_device_sdr_info},
    {NETFN_SE, 0x21, IK_PRIV_USER, 6, 6, get_device_sdr},
    {NETFN_SE, 0x22, IK_PRIV_USER, 0, 0, reserve_device_sdr},
};

const struct ik_bmc_module ik_bmc_mod_sdr = {
    .name = "sdr",
    .init = sdr_init,
    .start = sdr_start,
    .reset = sdr_reset,
    .fini = sdr_fini,
    .cmds = sdr_cmds,
    .ncmds = sizeof(sdr_cmds) / sizeof(sdr_cmds[0]),
};
