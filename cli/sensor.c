/*
 * ipmikit sensor: list, get NAME..., reading NAME..., thresh NAME THRESHOLD VALUE (or
 * lower LNR LCR LNC / upper UNC UCR UNR), with the SDR repository (sdrcache.c) naming the
 * sensors and converting values. Text is ipmitool 1.8.19's; --json gives
 * docs/json/sensor.md.
 *
 * Get Sensor Thresholds and Set Sensor Thresholds (IPMI 2.0 sections 35.9, 35.8) are
 * built and read by lib/msg_se.c. A Get Sensor Thresholds response of fewer than 7 bytes
 * shows the thresholds "na" (ipmitool would read past the response).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg_se.h"
#include "sdrcache.h"
#include "sdrfmt.h"
#include "sdrlive.h"
#include "util.h"

#define CMD_SET_THRESHOLDS 0x26
#define CMD_GET_THRESHOLDS 0x27

static void usage(FILE *f)
{
    fputs("Sensor Commands:  list thresh get reading\n"
          "sensor thresh <id> <threshold> <setting>\n"
          "   threshold : unr ucr unc lnc lcr lnr\n"
          "sensor thresh <id> lower <lnr> <lcr> <lnc>\n"
          "sensor thresh <id> upper <unc> <ucr> <unr>\n"
          "sensor get <id> ... [id]\n"
          "sensor reading <id> ... [id]\n",
          f);
}

/* Get Sensor Thresholds for a threshold sensor: thr gets the response as lib/msg_se.c
 * reads and writes it (mask, LNC LCR LNR UNC UCR UNR). Returns its length, 7 (0 when the
 * BMC refused, answered short, or the sensor is not ours), -1 on a transport failure. */
int ik_sensor_thresholds(struct ik_cli *cli, const struct ik_sdr_record *r, uint8_t thr[8])
{
    struct ik_sensor_id id;
    if (ik_sensor_of(r, &id) < 0 || id.event_type != 0x01 || !id.s)
        return 0;
    uint8_t bmc = (uint8_t)(cli->target_addr >= 0 ? cli->target_addr : 0x20);
    if (id.owner != bmc || id.lun != 0)
        return 0;
    struct ik_tr_rsp rsp;
    if (ik_cli_req(cli, IK_NETFN_SE, CMD_GET_THRESHOLDS, &id.number, 1, &rsp) < 0)
        return -1;
    /* Bytes past the seventh are ignored. */
    struct ik_thresholds t;
    size_t n = 0;
    if (rsp.cc || rsp.len < IK_THRESHOLDS_LEN ||
        ik_thresholds_decode(rsp.data, IK_THRESHOLDS_LEN, &t) != 0 ||
        ik_thresholds_encode(&t, thr, 8, &n) != 0)
        return 0;
    return (int)n;
}

static json_t *sensor_json(const struct ik_sdr_record *r, const struct ik_sdrfmt_reading *rd,
                           const uint8_t *thr, int thr_len)
{
    json_t *o = ik_sdrfmt_json(r, rd);
    if (!o)
        return NULL;
    if (thr_len >= 7 && r->hdr.type == IK_SDR_FULL) {
        static const struct {
            uint8_t bit, idx;
            const char *key;
        } t[6] = {{0x04, 3, "lnr"}, {0x02, 2, "lcr"}, {0x01, 1, "lnc"},
                  {0x08, 4, "unc"}, {0x10, 5, "ucr"}, {0x20, 6, "unr"}};
        struct ik_sdr_conv c;
        ik_sdr_full_conv(&r->u.full, &c);
        json_t *live = json_object();
        for (int i = 0; i < 6; i++) {
            double v;
            if ((thr[0] & t[i].bit) && ik_sdr_raw_to_value(&c, thr[t[i].idx], &v) == 0)
                IK_JSET(live, t[i].key, json_real(v));
            else
                IK_JSET(live, t[i].key, json_null());
        }
        IK_JSET(live, "raw", ik_json_hex(thr, 7));
        IK_JSET(o, "thresholds_live", live);
    }
    return o;
}

static int sensor_list(struct ik_cli *cli)
{
    struct ik_sdr_repo repo;
    if (ik_sdr_repo_load(cli, &repo) < 0)
        return IK_EXIT_FAIL;
    json_t *arr = cli->json ? json_array() : NULL;
    int rc = IK_EXIT_OK;
    for (size_t i = 0; i < repo.n; i++) {
        const struct ik_sdr_entry *e = &repo.ents[i];
        if (!e->ok || (e->rec.hdr.type != IK_SDR_FULL && e->rec.hdr.type != IK_SDR_COMPACT))
            continue;
        struct ik_sdrfmt_reading rd;
        struct ik_sdr_conv factors;
        uint8_t thr[8];
        if (ik_sensor_read(cli, &e->rec, arr != NULL, &rd, &factors) < 0) {
            rc = IK_EXIT_FAIL;
            break;
        }
        int tl = ik_sensor_thresholds(cli, &e->rec, thr);
        if (tl < 0) {
            rc = IK_EXIT_FAIL;
            break;
        }
        if (arr)
            json_array_append_new(arr, sensor_json(&e->rec, &rd, thr, tl));
        else
            ik_sdrfmt_sensor_line(cli->out, &e->rec, &rd, thr, (size_t)tl);
    }
    if (arr)
        ik_json_print(cli, arr);
    ik_sdr_repo_free(&repo);
    return rc;
}

static const struct ik_sdr_record *find_by_name(const struct ik_sdr_repo *repo, const char *name)
{
    for (size_t i = 0; i < repo->n; i++) {
        const struct ik_sdr_entry *e = &repo->ents[i];
        const struct ik_sdr_id *id = e->ok ? ik_sdr_record_id_string(&e->rec) : NULL;
        if (id && strcmp(id->text, name) == 0)
            return &e->rec;
    }
    return NULL;
}

static int sensor_get(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        ik_cli_error(cli, "Not enough parameters given.");
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    struct ik_sdr_repo repo;
    if (ik_sdr_repo_load(cli, &repo) < 0)
        return IK_EXIT_FAIL;
    if (!cli->json)
        fputs("Locating sensor record...\n", cli->out);
    struct ik_sdrfmt_opts opts;
    ik_sdrfmt_live_opts(&opts);
    json_t *arr = cli->json ? json_array() : NULL;
    int rc = IK_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const struct ik_sdr_record *r = find_by_name(&repo, argv[i]);
        if (!r) {
            ik_cli_error(cli, "Sensor data record \"%s\" not found!", argv[i]);
            rc = IK_EXIT_FAIL;
            continue;
        }
        struct ik_sdrfmt_reading rd;
        struct ik_sdr_conv factors;
        uint8_t thr[8];
        int threshold = r->hdr.type == IK_SDR_FULL || r->hdr.type == IK_SDR_COMPACT;
        if (threshold && ik_sensor_read(cli, r, 1, &rd, &factors) < 0) {
            rc = IK_EXIT_FAIL;
            break;
        }
        if (!threshold)
            memset(&rd, 0, sizeof(rd));
        int tl = ik_sensor_thresholds(cli, r, thr);
        if (tl < 0) {
            rc = IK_EXIT_FAIL;
            break;
        }
        if (arr)
            json_array_append_new(arr, sensor_json(r, threshold ? &rd : NULL, thr, tl));
        else if (ik_sdrfmt_sensor_get(cli->out, r, threshold ? &rd : NULL, thr, (size_t)tl, &opts) <
                 0)
            rc = IK_EXIT_FAIL;
    }
    if (arr)
        ik_json_print(cli, arr);
    ik_sdr_repo_free(&repo);
    return rc;
}

static int sensor_reading(struct ik_cli *cli, int argc, char **argv)
{
    if (argc < 2) {
        fputs("sensor reading <id> ... [id]\n   id        : name of desired sensor\n", cli->err);
        return IK_EXIT_USAGE;
    }
    struct ik_sdr_repo repo;
    if (ik_sdr_repo_load(cli, &repo) < 0)
        return IK_EXIT_FAIL;
    json_t *obj = cli->json ? json_object() : NULL;
    int rc = IK_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const struct ik_sdr_record *r = find_by_name(&repo, argv[i]);
        if (!r) {
            ik_cli_error(cli, "Sensor \"%s\" not found!", argv[i]);
            rc = IK_EXIT_FAIL;
            continue;
        }
        if (r->hdr.type != IK_SDR_FULL && r->hdr.type != IK_SDR_COMPACT)
            continue;
        struct ik_sdrfmt_reading rd;
        struct ik_sdr_conv factors;
        if (ik_sensor_read(cli, r, 0, &rd, &factors) < 0) {
            rc = IK_EXIT_FAIL;
            break;
        }
        char buf[32];
        const char *v = ik_sdrfmt_sensor_value(r, &rd, buf, sizeof(buf));
        if (!v) {
            if (rd.have && r->hdr.type == IK_SDR_FULL && r->u.full.s.event_type != 0x01)
                ik_cli_error(cli, "Sensor \"%s\" is a discrete sensor!", argv[i]);
            if (obj)
                IK_JSET(obj, argv[i], json_null());
            continue;
        }
        if (obj)
            IK_JSET(obj, argv[i], json_real(strtod(v, NULL)));
        else if (cli->csv)
            fprintf(cli->out, "%s,%s\n", argv[i], v);
        else
            fprintf(cli->out, "%-16s | %s\n", argv[i], v);
    }
    if (obj)
        ik_json_print(cli, obj);
    ik_sdr_repo_free(&repo);
    return rc;
}

/* ---- thresh --------------------------------------------------------------------------------- */

static const struct {
    const char *name, *desc;
    uint8_t bit, idx; /* Set Sensor Thresholds mask bit, data byte (1 = lnc .. 6 = unr) */
} thr_names[6] = {
    {"unr", "Upper Non-Recoverable", 0x20, 6}, {"ucr", "Upper Critical", 0x10, 5},
    {"unc", "Upper Non-Critical", 0x08, 4},    {"lnc", "Lower Non-Critical", 0x01, 1},
    {"lcr", "Lower Critical", 0x02, 2},        {"lnr", "Lower Non-Recoverable", 0x04, 3},
};

static int parse_double(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int set_one(struct ik_cli *cli, const struct ik_sdr_record *r, int which, double value)
{
    const struct ik_sdr_full *f = &r->u.full;
    uint8_t raw;
    if (f->s.units.format == IK_SDR_FMT_NONE) {
        raw = value > 255 ? 255 : value < 0 ? 0 : (uint8_t)value;
    } else {
        struct ik_sdr_conv c;
        ik_sdr_full_conv(f, &c);
        if ((c.linearization & 0x7F) >= IK_SDR_LIN_NONLINEAR)
            c.linearization = IK_SDR_LIN_LINEAR;
        if (ik_sdr_value_to_raw(&c, value, &raw) != 0) {
            ik_cli_error(cli, "%.3f is outside the range sensor \"%s\" can express", value,
                         f->id.text);
            return -1;
        }
    }
    if (!cli->json)
        fprintf(cli->out, "Setting sensor \"%s\" %s threshold to %.3f\n", f->id.text,
                thr_names[which].desc, value);
    struct ik_thresholds_set_req q = {.sensor_num = f->s.number, .mask = thr_names[which].bit};
    q.thr[thr_names[which].idx - 1] = raw;
    uint8_t req[IK_THRESHOLDS_SET_LEN];
    size_t qn = 0;
    if (ik_thresholds_set_req_encode(&q, req, sizeof(req), &qn) != 0)
        return -1; /* cannot happen: one mask bit */
    struct ik_tr_rsp rsp;
    int rc = ik_cli_call(cli, IK_NETFN_SE, CMD_SET_THRESHOLDS, req, qn, &rsp, 0,
                         "Set Sensor Thresholds");
    if (rc > 0)
        ik_cli_error(cli, "Error setting threshold: %s", IK_CC_TEXT(rsp.cc));
    return rc ? -1 : 0;
}

static int sensor_thresh(struct ik_cli *cli, int argc, char **argv)
{
    /* argv: thresh NAME WHICH VALUE | thresh NAME lower|upper A B C */
    if (argc < 4 || strcmp(argv[1], "help") == 0) {
        usage(argc < 4 ? cli->err : cli->out);
        return argc < 4 ? IK_EXIT_USAGE : IK_EXIT_OK;
    }
    const char *name = argv[1], *which = argv[2];
    int idx[3], n;
    double val[3];
    if (strcmp(which, "upper") == 0 || strcmp(which, "lower") == 0) {
        if (argc < 6) {
            ik_cli_error(cli, "usage: sensor thresh <id> %s %s", which,
                         which[0] == 'u' ? "<unc> <ucr> <unr>" : "<lnr> <lcr> <lnc>");
            return IK_EXIT_USAGE;
        }
        static const int up[3] = {2, 1, 0}, low[3] = {5, 4, 3};
        for (int i = 0; i < 3; i++) {
            idx[i] = which[0] == 'u' ? up[i] : low[i];
            if (parse_double(argv[3 + i], &val[i]) < 0) {
                ik_cli_error(cli, "Given %s '%s' is invalid.", thr_names[idx[i]].name, argv[3 + i]);
                return IK_EXIT_USAGE;
            }
        }
        n = 3;
    } else {
        idx[0] = -1;
        for (int i = 0; i < 6; i++)
            if (strcmp(which, thr_names[i].name) == 0)
                idx[0] = i;
        if (idx[0] < 0) {
            ik_cli_error(cli, "Valid threshold '%s' for sensor '%s' not specified!", which, name);
            return IK_EXIT_USAGE;
        }
        if (parse_double(argv[3], &val[0]) < 0) {
            ik_cli_error(cli, "Given %s threshold value '%s' is invalid.", which, argv[3]);
            return IK_EXIT_USAGE;
        }
        n = 1;
    }
    if (!cli->json)
        fprintf(cli->out, "Locating sensor record '%s'...\n", name);
    struct ik_sdr_repo repo;
    if (ik_sdr_repo_load(cli, &repo) < 0)
        return IK_EXIT_FAIL;
    const struct ik_sdr_record *r = find_by_name(&repo, name);
    int rc = IK_EXIT_OK;
    if (!r) {
        ik_cli_error(cli, "Sensor data record not found!");
        rc = IK_EXIT_FAIL;
    } else if (r->hdr.type != IK_SDR_FULL) {
        ik_cli_error(cli, "Invalid sensor type %02x", r->hdr.type);
        rc = IK_EXIT_FAIL;
    } else if (r->u.full.s.event_type != 0x01) {
        ik_cli_error(cli, "Invalid sensor event type %02x", r->u.full.s.event_type);
        rc = IK_EXIT_FAIL;
    } else {
        json_t *o = cli->json ? json_object() : NULL;
        for (int i = 0; i < n && rc == IK_EXIT_OK; i++) {
            if (set_one(cli, r, idx[i], val[i]) < 0)
                rc = IK_EXIT_FAIL;
            else if (o)
                IK_JSET(o, thr_names[idx[i]].name, json_real(val[i]));
        }
        if (o) {
            if (rc == IK_EXIT_OK)
                ik_json_print(cli, o);
            else
                json_decref(o);
        }
    }
    ik_sdr_repo_free(&repo);
    return rc;
}

int ik_cmd_sensor(struct ik_cli *cli, int argc, char **argv)
{
    const char *sub = argc < 2 ? "list" : argv[1];
    if (strcmp(sub, "help") == 0) {
        usage(cli->out);
        return IK_EXIT_OK;
    }
    if (strcmp(sub, "list") == 0)
        return sensor_list(cli);
    if (strcmp(sub, "get") == 0)
        return sensor_get(cli, argc - 1, argv + 1);
    if (strcmp(sub, "reading") == 0)
        return sensor_reading(cli, argc - 1, argv + 1);
    if (strcmp(sub, "thresh") == 0)
        return sensor_thresh(cli, argc - 1, argv + 1);
    ik_cli_error(cli, "Invalid sensor command: %s", sub);
    usage(cli->err);
    return IK_EXIT_USAGE;
}
