/* Live sensor readings, discrete state names and the SEL formatter's SDR lookup. */
#include "sdrlive.h"

#include <string.h>

#include "ipmikit/sel.h"
#include "msg_se.h"
#include "util.h"

#define CMD_GET_READING_FACTORS 0x23
#define CMD_GET_EVENT_ENABLE    0x29
#define CMD_GET_EVENT_STATUS    0x2B
#define CMD_GET_READING         0x2D

int ik_sensor_of(const struct ik_sdr_record *r, struct ik_sensor_id *out)
{
    memset(out, 0, sizeof(*out));
    const struct ik_sdr_sensor *s = NULL;
    switch (r->hdr.type) {
    case IK_SDR_FULL:
        s = &r->u.full.s;
        out->full = &r->u.full;
        out->id = &r->u.full.id;
        break;
    case IK_SDR_COMPACT:
        s = &r->u.compact.s;
        out->id = &r->u.compact.id;
        break;
    case IK_SDR_EVENT_ONLY: {
        const struct ik_sdr_event_only *e = &r->u.event_only;
        out->owner = e->owner_id;
        out->lun = e->owner_lun;
        out->number = e->number;
        out->sensor_type = e->sensor_type;
        out->event_type = e->event_type;
        out->entity_id = e->entity_id;
        out->entity_instance = e->entity_instance;
        out->id = &e->id;
        return 0;
    }
    default:
        return -1;
    }
    out->s = s;
    out->owner = s->owner_id;
    out->lun = s->owner_lun;
    out->number = s->number;
    out->sensor_type = s->sensor_type;
    out->event_type = s->event_type;
    out->entity_id = s->entity_id;
    out->entity_instance = s->entity_instance;
    return 0;
}

/* A sensor we can address: the BMC's own, on LUN 0. */
static int local_sensor(const struct ik_cli *cli, const struct ik_sensor_id *id)
{
    uint8_t bmc = (uint8_t)(cli->target_addr >= 0 ? cli->target_addr : 0x20);
    return id->owner == bmc && id->lun == 0;
}

int ik_sensor_read(struct ik_cli *cli, const struct ik_sdr_record *r, int events,
                   struct ik_sdrfmt_reading *rd, struct ik_sdr_conv *factors)
{
    memset(rd, 0, sizeof(*rd));
    struct ik_sensor_id id;
    if (ik_sensor_of(r, &id) < 0 || r->hdr.type == IK_SDR_EVENT_ONLY || !local_sensor(cli, &id))
        return 0;
    struct ik_tr_rsp rsp;
    if (ik_cli_req(cli, IK_NETFN_SE, CMD_GET_READING, &id.number, 1, &rsp) < 0)
        return -1;
    struct ik_sensor_reading sr;
    /* Get Sensor Reading (lib/msg_se.c): reading, flags, then optional state bytes (an
     * absent one reads as 0); bytes past the fourth are ignored. */
    if (rsp.cc == 0 && rsp.len >= IK_SENSOR_READING_MIN &&
        ik_sensor_reading_decode(rsp.data,
                                 rsp.len < IK_SENSOR_READING_MAX ? rsp.len : IK_SENSOR_READING_MAX,
                                 &sr) == 0) {
        rd->have = 1;
        rd->raw = sr.reading;
        rd->flags = (uint8_t)((sr.events_enabled ? 0x80 : 0) | (sr.scanning_enabled ? 0x40 : 0) |
                              (sr.unavailable ? 0x20 : 0));
        rd->state1 = (uint8_t)(sr.states & 0xFF);
        rd->state2 = (uint8_t)(sr.states >> 8);
    }
    if (rd->have && id.full && (id.full->linearization & 0x7F) >= IK_SDR_LIN_NONLINEAR) {
        /* Reading factors for this reading (lib/msg_se.c); bytes past the seventh of the
         * response are ignored. */
        struct ik_reading_factors_req fq = {.sensor_num = id.number, .reading = rd->raw};
        uint8_t q[IK_READING_FACTORS_REQ_LEN];
        size_t qn = 0;
        if (ik_reading_factors_req_encode(&fq, q, sizeof(q), &qn) != 0)
            return -1; /* cannot happen: 2 bytes */
        if (ik_cli_req(cli, IK_NETFN_SE, CMD_GET_READING_FACTORS, q, qn, &rsp) < 0)
            return -1;
        struct ik_reading_factors rf;
        if (rsp.cc == 0 && rsp.len >= IK_READING_FACTORS_LEN &&
            ik_reading_factors_decode(rsp.data, IK_READING_FACTORS_LEN, &rf) == 0) {
            memset(factors, 0, sizeof(*factors));
            factors->m = rf.m;
            factors->b = rf.b;
            factors->tolerance = rf.tolerance;
            factors->accuracy = rf.accuracy;
            factors->accuracy_exp = rf.accuracy_exp;
            factors->k2 = rf.r_exp;
            factors->k1 = rf.b_exp;
            factors->format = id.full->s.units.format;
            factors->linearization = IK_SDR_LIN_LINEAR;
            rd->factors = factors;
        }
    }
    if (!events)
        return 0;
    if (ik_cli_req(cli, IK_NETFN_SE, CMD_GET_EVENT_STATUS, &id.number, 1, &rsp) < 0)
        return -1;
    if (rsp.cc == 0 && rsp.len >= 1) {
        rd->event_status_len = rsp.len < 5 ? rsp.len : 5;
        memcpy(rd->event_status, rsp.data, rd->event_status_len);
    }
    if (ik_cli_req(cli, IK_NETFN_SE, CMD_GET_EVENT_ENABLE, &id.number, 1, &rsp) < 0)
        return -1;
    if (rsp.cc == 0 && rsp.len >= 1) {
        rd->event_enable_len = rsp.len < 5 ? rsp.len : 5;
        memcpy(rd->event_enable, rsp.data, rd->event_enable_len);
    }
    return 0;
}

/* ipmitool names discrete states with its SEL description table (the same strings as
 * `sel elist`: "Presence detected", "Drive Present", "S0/G0: working"), so the state text
 * comes from the SEL formatter rather than the spec names of ik_sel_offset_name(). */
static const char *state_name(uint8_t sensor_type, uint8_t event_type, unsigned offset)
{
    if (offset > 14)
        return NULL;
    struct ik_sel_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.sensor_type = sensor_type;
    ev.event_type = event_type;
    ev.data[0] = (uint8_t)offset;
    ev.data[1] = ev.data[2] = 0xFF;
    return ik_selfmt_description(&ev);
}

void ik_sdrfmt_live_opts(struct ik_sdrfmt_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->state_name = state_name;
}

/* The full record's value for a raw byte, as ipmitool converts SEL readings: the record's
 * factors, non-linear taken as linear. */
static double convert(const void *sdr, uint8_t raw)
{
    const struct ik_sdr_full *f = sdr;
    struct ik_sdr_conv c;
    ik_sdr_full_conv(f, &c);
    if (!ik_sdr_lin_name(c.linearization) || (c.linearization & 0x7F) >= IK_SDR_LIN_NONLINEAR)
        c.linearization = IK_SDR_LIN_LINEAR;
    return ik_sdr_to_real(&c, raw);
}

static int lookup(void *ctx, const struct ik_sel_event *ev, struct ik_selfmt_sensor *out)
{
    struct ik_sel_lookup *l = ctx;
    if (!l->repo)
        return 0;
    /* The generator ID as an SDR stores the owner: slave address or software ID in
     * [7:1] with bit 0 = 1 for software IDs (table 43-1 byte 6). */
    uint8_t owner = (uint8_t)(ev->gen_addr << 1 | (ev->gen_software ? 1 : 0));
    const struct ik_sdr_record *r = ik_sdr_repo_find(l->repo, owner, ev->gen_lun, ev->sensor_num);
    if (!r)
        return 0;
    struct ik_sensor_id id;
    if (ik_sensor_of(r, &id) < 0 || id.sensor_type != ev->sensor_type)
        return 0;
    memset(out, 0, sizeof(*out));
    out->name = id.id->text;
    if (id.full) {
        out->convert = convert;
        out->sdr = id.full;
        ik_sdrfmt_units(&id.full->s.units, l->unit, sizeof(l->unit));
        out->unit = l->unit;
    }
    return 1;
}

void ik_selfmt_use_repo(struct ik_selfmt *f, struct ik_sel_lookup *ctx,
                        const struct ik_sdr_repo *repo)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->repo = repo;
    f->lookup = lookup;
    f->lookup_ctx = ctx;
}
