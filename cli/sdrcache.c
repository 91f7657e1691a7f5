/* The SDR repository: reading it from the BMC, the on-disk cache, lookups (sdrcache.h). */
#include "sdrcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cursor.h"
#include "msg_storage.h"
#include "repo_info.h"
#include "progress.h"
#include "util.h"

#define CMD_GET_DEVICE_GUID 0x08
#define CMD_GET_SYSTEM_GUID 0x37
#define CMD_SDR_INFO        0x20
#define CMD_SDR_RESERVE     0x22
#define CMD_GET_SDR         0x23

#define CHUNK_START  32
#define CHUNK_MIN    4
#define MAX_RESERVES 8

static const char cache_magic[8] = {'I', 'K', 'S', 'D', 'R', 'C', '0', '1'};

/* ---- the record list ------------------------------------------------------------------- */

static int add_record(struct ik_sdr_repo *repo, const uint8_t *p, size_t len)
{
    if (repo->blob_len + len > repo->blob_cap) {
        size_t cap = repo->blob_cap ? repo->blob_cap * 2 : 4096;
        while (cap < repo->blob_len + len)
            cap *= 2;
        uint8_t *b = realloc(repo->blob, cap);
        if (!b)
            return -1;
        repo->blob = b;
        repo->blob_cap = cap;
    }
    if (repo->n == repo->cap) {
        size_t cap = repo->cap ? repo->cap * 2 : 64;
        struct ik_sdr_entry *e = realloc(repo->ents, cap * sizeof(*e));
        if (!e)
            return -1;
        repo->ents = e;
        repo->cap = cap;
    }
    struct ik_sdr_entry *e = &repo->ents[repo->n++];
    memset(e, 0, sizeof(*e));
    e->off = repo->blob_len;
    e->len = (uint16_t)len;
    memcpy(repo->blob + repo->blob_len, p, len);
    repo->blob_len += len;
    e->ok = ik_sdr_decode(p, len, &e->rec) == 0;
    return 0;
}

int ik_sdr_repo_from_bytes(struct ik_sdr_repo *repo, const uint8_t *p, size_t n)
{
    size_t off = 0;
    while (off < n) {
        if (n - off < IK_SDR_HEADER_LEN)
            return -1;
        size_t len = IK_SDR_HEADER_LEN + p[off + 4];
        if (len > n - off)
            return -1;
        if (add_record(repo, p + off, len) < 0)
            return -1;
        off += len;
    }
    return 0;
}

void ik_sdr_repo_free(struct ik_sdr_repo *repo)
{
    free(repo->blob);
    free(repo->ents);
    memset(repo, 0, sizeof(*repo));
}

const struct ik_sdr_record *ik_sdr_repo_find(const struct ik_sdr_repo *repo, uint8_t owner,
                                             uint8_t lun, uint8_t number)
{
    for (size_t i = 0; i < repo->n; i++) {
        const struct ik_sdr_entry *e = &repo->ents[i];
        if (!e->ok)
            continue;
        const struct ik_sdr_record *r = &e->rec;
        uint8_t o, l, num;
        unsigned count = 1;
        switch (r->hdr.type) {
        case IK_SDR_FULL:
            o = r->u.full.s.owner_id;
            l = r->u.full.s.owner_lun;
            num = r->u.full.s.number;
            break;
        case IK_SDR_COMPACT:
            o = r->u.compact.s.owner_id;
            l = r->u.compact.s.owner_lun;
            num = r->u.compact.s.number;
            count = r->u.compact.share.count ? r->u.compact.share.count : 1;
            break;
        case IK_SDR_EVENT_ONLY:
            o = r->u.event_only.owner_id;
            l = r->u.event_only.owner_lun;
            num = r->u.event_only.number;
            count = r->u.event_only.share.count ? r->u.event_only.share.count : 1;
            break;
        default:
            continue;
        }
        if (o == owner && l == lun && number >= num && (unsigned)(number - num) < count)
            return r;
    }
    return NULL;
}

/* ---- cache file ------------------------------------------------------------------------- */

int ik_sdr_cache_dir(char *buf, size_t cap)
{
    const char *x = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (x && x[0] == '/')
        n = snprintf(buf, cap, "%s/ipmikit", x);
    else if (home && home[0])
        n = snprintf(buf, cap, "%s/.cache/ipmikit", home);
    else
        return -1;
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

static void sanitize(char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '.' || *s == '-'))
            *s = '_';
}

/* The BMC's GUID (16 bytes), from Get Device GUID or Get System GUID. 0, or -1. */
static int bmc_guid(struct ik_cli *cli, uint8_t guid[16])
{
    static const uint8_t cmds[2] = {CMD_GET_DEVICE_GUID, CMD_GET_SYSTEM_GUID};
    for (int i = 0; i < 2; i++) {
        struct ik_tr_rsp r;
        if (ik_cli_req(cli, IK_NETFN_APPL, cmds[i], NULL, 0, &r) < 0)
            return -1;
        if (r.cc == 0 && r.len == 16) {
            memcpy(guid, r.data, 16);
            return 0;
        }
    }
    return -1;
}

static int cache_path(struct ik_cli *cli, const uint8_t guid[16], char *buf, size_t cap)
{
    char dir[400], addr[160];
    if (ik_sdr_cache_dir(dir, sizeof(dir)) < 0)
        return -1;
    if (cli->host)
        snprintf(addr, sizeof(addr), "%s-%d", cli->host, cli->port);
    else
        snprintf(addr, sizeof(addr), "ipmi%d", cli->devnum);
    if (cli->target_addr >= 0) {
        size_t l = strlen(addr);
        snprintf(addr + l, sizeof(addr) - l, "-t%02x-b%d", cli->target_addr,
                 cli->target_channel >= 0 ? cli->target_channel : 0);
    }
    sanitize(addr);
    char g[33];
    for (int i = 0; i < 16; i++)
        snprintf(g + 2 * i, 3, "%02x", guid[i]);
    int n = snprintf(buf, cap, "%s/sdr-%s-%s.cache", dir, g, addr);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

static int mkdir_p(const char *path)
{
    char tmp[512];
    snprintf(tmp, sizeof(tmp), "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(tmp, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

/* Repository info fields that identify its contents: record count, most recent addition
 * and erase timestamps (table 33-3 bytes 2-3, 6-9, 10-13). */
static int info_same(const uint8_t *a, const uint8_t *b)
{
    return memcmp(a + 1, b + 1, 2) == 0 && memcmp(a + 5, b + 5, 8) == 0;
}

/* Can the repository's timestamps tell a change? (Without them nothing is cached.) */
static int info_timestamped(const uint8_t *raw)
{
    struct ik_repo_info info;
    return ik_repo_info_decode(raw, IK_REPO_INFO_LEN, &info) == 0 &&
           ik_repo_info_timestamped(&info);
}

/* Load the cache file if it was written under the same repository info. 1 loaded, 0 not. */
static int cache_load(struct ik_sdr_repo *repo, const char *path, const uint8_t *info)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    uint8_t head[8 + 14 + 4]; /* magic, repository info, record bytes (4, LS first) */
    int ok = 0;
    struct ik_rd r;
    ik_rd_init(&r, head, fread(head, 1, sizeof(head), f));
    const uint8_t *magic = ik_rd_ptr(&r, 8), *head_info = ik_rd_ptr(&r, 14);
    size_t n = ik_rd_le32(&r);
    if (!ik_rd_error(&r) && memcmp(magic, cache_magic, 8) == 0 && info_same(head_info, info)) {
        uint8_t *buf = n <= 16u * 1024 * 1024 ? malloc(n ? n : 1) : NULL;
        uint8_t extra;
        if (buf && fread(buf, 1, n, f) == n && fread(&extra, 1, 1, f) == 0) {
            struct ik_sdr_repo tmp = {0};
            if (ik_sdr_repo_from_bytes(&tmp, buf, n) == 0) {
                tmp.have_info = repo->have_info;
                memcpy(tmp.info, repo->info, sizeof(tmp.info));
                tmp.from_cache = 1;
                snprintf(tmp.cache_path, sizeof(tmp.cache_path), "%s", path);
                *repo = tmp;
                ok = 1;
            } else {
                ik_sdr_repo_free(&tmp);
            }
        }
        free(buf);
    }
    fclose(f);
    return ok;
}

static void cache_store(struct ik_cli *cli, const struct ik_sdr_repo *repo, const char *path)
{
    char dir[512];
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return;
    *slash = '\0';
    if (mkdir_p(dir) < 0)
        return;
    char tmp[560];
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(tmp);
        return;
    }
    uint8_t head[8 + 14 + 4];
    size_t n = repo->blob_len;
    struct ik_wr w;
    ik_wr_init(&w, head, sizeof(head));
    ik_wr_bytes(&w, cache_magic, 8);
    ik_wr_bytes(&w, repo->info, 14);
    ik_wr_le32(&w, (uint32_t)n);
    int ok = fwrite(head, 1, sizeof(head), f) == sizeof(head) && fwrite(repo->blob, 1, n, f) == n;
    if (fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        if (cli->verbose)
            ik_cli_error(cli, "cannot write the SDR cache %s", path);
    }
}

/* ---- reading from the BMC ---------------------------------------------------------------- */

struct reader {
    struct ik_cli *cli;
    struct ik_sdr_repo *repo;
    uint16_t res; /* reservation ID */
    int reserves;
    size_t chunk;
};

static int reserve(struct reader *rd)
{
    struct ik_tr_rsp r;
    if (rd->reserves++ >= MAX_RESERVES) {
        ik_cli_error(rd->cli,
                     "Get SDR: the reservation was cancelled %d times; is something "
                     "else writing the repository?",
                     MAX_RESERVES);
        return -1;
    }
    if (ik_cli_req(rd->cli, IK_NETFN_STORAGE, CMD_SDR_RESERVE, NULL, 0, &r) < 0)
        return -1;
    struct ik_reserve_rsp v;
    /* Like ipmitool, the first 2 bytes are the reservation; extra ones are ignored. */
    if (r.cc == 0 && r.len >= IK_RESERVE_RSP_LEN &&
        ik_reserve_rsp_decode(r.data, IK_RESERVE_RSP_LEN, &v) == 0) {
        rd->res = v.resv;
    } else {
        rd->res = 0; /* no reservations: 0000h is accepted for reads */
    }
    return 0;
}

/* Read len bytes at offset of record id into out. *next gets the next record ID.
 * 0, the BMC's completion code (> 0, not printed), or -1 (printed). */
static int get_sdr(struct reader *rd, uint16_t id, uint8_t offset, uint8_t len, uint8_t *out,
                   uint16_t *next)
{
    for (;;) {
        /* Get SDR (section 33.12, lib/msg_storage.c) */
        struct ik_get_record_req q = {
            .resv = rd->res, .record_id = id, .offset = offset, .count = len};
        uint8_t req[IK_GET_RECORD_REQ_LEN];
        size_t qn = 0;
        if (ik_get_record_req_encode(&q, req, sizeof(req), &qn) != 0)
            return -1; /* cannot happen: 6 bytes fit */
        struct ik_tr_rsp r;
        rd->repo->get_sdr_count++;
        if (ik_cli_req(rd->cli, IK_NETFN_STORAGE, CMD_GET_SDR, req, qn, &r) < 0)
            return -1;
        if (r.cc == 0xC5) { /* reservation cancelled: renew and ask again */
            if (reserve(rd) < 0)
                return -1;
            continue;
        }
        if (r.cc)
            return r.cc; /* the caller may shrink the chunk */
        struct ik_get_record_rsp v;
        if (ik_get_record_rsp_decode(r.data, r.len, &v) != 0 || v.len != len) {
            ik_cli_error(rd->cli,
                         "Get SDR %04Xh offset %u: the BMC returned %zu data bytes for %u asked",
                         id, offset, r.len > 2 ? r.len - 2 : 0, len);
            return -1;
        }
        *next = v.next_id;
        memcpy(out, v.data, len);
        return 0;
    }
}

static int fetch(struct ik_cli *cli, struct ik_sdr_repo *repo)
{
    struct reader rd = {.cli = cli, .repo = repo, .chunk = CHUNK_START};
    if (reserve(&rd) < 0)
        return -1;
    struct ik_repo_info info;
    if (ik_repo_info_decode(repo->info, IK_REPO_INFO_LEN, &info) != 0)
        return -1;
    unsigned count = info.count;
    size_t limit = (size_t)count * 4 + 16;
    uint8_t *seen = calloc(65536 / 8, 1);
    if (!seen)
        return -1;
    struct ik_progress pg;
    ik_progress_start(&pg, cli, "Reading SDR", count);
    uint16_t id = 0;
    int rc = 0;
    while (id != 0xFFFF) {
        if (repo->n >= limit) {
            ik_cli_error(cli,
                         "Get SDR: the record chain does not end after %zu records (the "
                         "repository reports %u)",
                         repo->n, count);
            rc = -1;
            break;
        }
        uint8_t rec[IK_SDR_MAX_LEN];
        uint16_t next, next2;
        int r = get_sdr(&rd, id, 0, IK_SDR_HEADER_LEN, rec, &next);
        if (r == 0xCB && id == 0 && repo->n == 0)
            break; /* empty repository */
        if (r != 0) {
            if (r > 0)
                ik_cli_error(cli, "Get SDR %04x command failed: %s", id, IK_CC_TEXT((uint8_t)r));
            rc = -1;
            break;
        }
        /* SDR header (table 43-1 bytes 1-5): record ID, version, type, body length */
        struct ik_sdr_header hdr;
        if (ik_sdr_header_decode(rec, IK_SDR_HEADER_LEN, &hdr) != 0) {
            rc = -1; /* cannot happen: the length is the one the decoder takes */
            break;
        }
        uint16_t actual = hdr.record_id;
        size_t body = hdr.length, off = 0;
        if (id != 0 && actual != id) {
            ik_cli_error(cli, "Get SDR %04Xh: the BMC returned record %04Xh", id, actual);
            rc = -1;
            break;
        }
        if (seen[actual / 8] & (1u << (actual % 8))) {
            ik_cli_error(cli, "Get SDR: record %04Xh comes twice: the record chain loops", actual);
            rc = -1;
            break;
        }
        seen[actual / 8] |= (uint8_t)(1u << (actual % 8));
        while (off < body) {
            size_t want = body - off < rd.chunk ? body - off : rd.chunk;
            r = get_sdr(&rd, actual, (uint8_t)(IK_SDR_HEADER_LEN + off), (uint8_t)want,
                        rec + IK_SDR_HEADER_LEN + off, &next2);
            if (rd.chunk > CHUNK_MIN &&
                (r == 0xCA || r == 0xC7 || r == 0xC8 || r == 0xCC || r == 0xFF)) {
                rd.chunk /= 2; /* the BMC cannot return that many bytes at once */
                continue;
            }
            if (r != 0) {
                if (r > 0)
                    ik_cli_error(cli, "Get SDR %04x command failed: %s", actual,
                                 IK_CC_TEXT((uint8_t)r));
                rc = -1;
                break;
            }
            off += want;
        }
        if (rc)
            break;
        if (add_record(repo, rec, IK_SDR_HEADER_LEN + body) < 0) {
            ik_cli_error(cli, "out of memory");
            rc = -1;
            break;
        }
        ik_progress_step(&pg, repo->n);
        id = next;
    }
    ik_progress_end(&pg);
    free(seen);
    return rc;
}

/* ---- load ------------------------------------------------------------------------------- */

static int load_file(struct ik_cli *cli, struct ik_sdr_repo *repo, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ik_cli_error(cli, "cannot open SDR file '%s': %s", path, strerror(errno));
        return -1;
    }
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *b = cap <= 64u * 1024 * 1024 ? realloc(buf, cap) : NULL;
            if (!b) {
                free(buf);
                fclose(f);
                ik_cli_error(cli, "SDR file '%s' is too large", path);
                return -1;
            }
            buf = b;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    int rc = ik_sdr_repo_from_bytes(repo, buf, len);
    free(buf);
    if (rc < 0) {
        ik_cli_error(cli, "SDR file '%s': not a sequence of SDRs (as `sdr dump` writes)", path);
        return -1;
    }
    return 0;
}

int ik_sdr_repo_load(struct ik_cli *cli, struct ik_sdr_repo *repo)
{
    memset(repo, 0, sizeof(*repo));
    if (cli->sdr_cache)
        return load_file(cli, repo, cli->sdr_cache);
    struct ik_tr_rsp r;
    int rc = ik_cli_call(cli, IK_NETFN_STORAGE, CMD_SDR_INFO, NULL, 0, &r, 14,
                         "Get SDR Repository Info");
    if (rc > 0)
        ik_cli_error(cli, "Get SDR Repository Info command failed: %s", IK_CC_TEXT(r.cc));
    if (rc)
        return -1;
    memcpy(repo->info, r.data, 14);
    repo->have_info = 1;
    char path[512] = "";
    uint8_t guid[16];
    int cacheable = info_timestamped(repo->info) && bmc_guid(cli, guid) == 0 &&
                    cache_path(cli, guid, path, sizeof(path)) == 0;
    if (cacheable && !cli->no_sdr_cache && cache_load(repo, path, repo->info)) {
        if (cli->verbose)
            ik_cli_error(cli, "SDR repository from the cache %s", path);
        return 0;
    }
    if (fetch(cli, repo) < 0) {
        ik_sdr_repo_free(repo);
        return -1;
    }
    if (cacheable) {
        snprintf(repo->cache_path, sizeof(repo->cache_path), "%s", path);
        cache_store(cli, repo, path);
    }
    if (cli->verbose)
        ik_cli_error(cli, "SDR repository read: %zu records, %lu Get SDR requests%s", repo->n,
                     repo->get_sdr_count, cacheable ? "" : " (not cached: no timestamps)");
    return 0;
}
