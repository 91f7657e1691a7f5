/*
 * The BMC's Sensor Data Record repository as the live commands see it: read once per
 * command (or per exec session), kept on disk between runs, and never used stale.
 *
 * Reading (IPMI 2.0 section 33): Get SDR Repository Info, Reserve SDR Repository, then Get
 * SDR for each record: the 5-byte header, then the body in chunks (32 bytes, halved when
 * the BMC says it cannot return that many: CCh, C7h, C8h, CAh, FFh; a cancelled
 * reservation, C5h, is renewed). Every response is length-checked; a record whose header
 * disagrees with what was asked, a chain that loops or runs past 4 x the reported count
 * ends the read with an error.
 *
 * Cache: $XDG_CACHE_HOME/ipmikit (or ~/.cache/ipmikit), one file per BMC, named after the
 * BMC's GUID (Get Device GUID, else Get System GUID) and its address (host:port, or the
 * device and IPMB target). The file keeps the Get SDR Repository Info response it was read
 * under; it is used only when the BMC's record count and its most recent addition and
 * erase timestamps are the same now, so a changed repository is read again and an
 * unchanged one is never read twice. A BMC that timestamps neither (both 0 or FFFFFFFFh)
 * cannot prove its repository unchanged: it is read every time. --no-sdr-cache reads and
 * rewrites the file; -S FILE uses an `sdr dump` file instead of the BMC.
 */
#ifndef IK_CLI_SDRCACHE_H
#define IK_CLI_SDRCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "ipmikit/sdr.h"

struct ik_sdr_entry {
    size_t off;   /* offset of the record in blob */
    uint16_t len; /* header + body */
    int ok;       /* decoded into rec */
    struct ik_sdr_record rec;
};

struct ik_sdr_repo {
    uint8_t *blob; /* the records back to back, as `ipmitool sdr dump` writes them */
    size_t blob_len, blob_cap;
    struct ik_sdr_entry *ents;
    size_t n, cap;
    uint8_t info[14]; /* Get SDR Repository Info data (after the CC) */
    int have_info;
    int from_cache;              /* the records came from the cache file */
    unsigned long get_sdr_count; /* Get SDR requests sent for this load */
    char cache_path[512];        /* "" when the repository is not cached */
};

/* Fill repo from -S FILE, the cache, or the BMC (in that order). 0 or -1 (printed). */
int ik_sdr_repo_load(struct ik_cli *cli, struct ik_sdr_repo *repo);

/* Decode records from an `sdr dump` image (offline `sel decode --sdr`, -S). 0 or -1. */
int ik_sdr_repo_from_bytes(struct ik_sdr_repo *repo, const uint8_t *p, size_t n);

void ik_sdr_repo_free(struct ik_sdr_repo *repo);

/* The full, compact or event-only record for sensor `number` owned by `owner` (slave
 * address, or software ID with bit 0 set as in an event's generator ID) on `lun`; shared
 * records match every sensor they stand for. NULL if none. */
const struct ik_sdr_record *ik_sdr_repo_find(const struct ik_sdr_repo *repo, uint8_t owner,
                                             uint8_t lun, uint8_t number);

/* The cache directory ($XDG_CACHE_HOME/ipmikit or $HOME/.cache/ipmikit) into buf. */
int ik_sdr_cache_dir(char *buf, size_t cap);

#endif
