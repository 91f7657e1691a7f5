/*
 * Repository information: the response of Get SEL Info (IPMI 2.0 table 31-2) and of Get
 * SDR Repository Info (table 33-3), which share one 14-byte layout. bmcd encodes it, the
 * CLI decodes it; one codec for both.
 */
#ifndef IK_REPO_INFO_H
#define IK_REPO_INFO_H

#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

#define IK_REPO_INFO_LEN 14

/* Operation support byte: [7] overflow, [6:5] SDR update modes, [3] Delete, [2] Partial
 * Add, [1] Reserve, [0] Get Allocation Info. */
#define IK_REPO_OP_OVERFLOW    0x80
#define IK_REPO_OP_DELETE      0x08
#define IK_REPO_OP_PARTIAL_ADD 0x04
#define IK_REPO_OP_RESERVE     0x02
#define IK_REPO_OP_ALLOC_INFO  0x01

/* Timestamps use the SEL time format; FFFFFFFFh (and 0 on many BMCs) means none. */
#define IK_REPO_TS_NONE 0xFFFFFFFFu

struct ik_repo_info {
    uint8_t version;     /* 51h: IPMI 1.5 / 2.0 */
    uint16_t count;      /* SEL entries / SDR records */
    uint16_t free_bytes; /* FFFFh: 65535 or more */
    uint32_t add_ts;     /* most recent addition */
    uint32_t erase_ts;   /* most recent erase (SEL: clear or delete) */
    uint8_t ops;         /* IK_REPO_OP_* */
};

/* Exactly IK_REPO_INFO_LEN bytes. */
int ik_repo_info_decode(const uint8_t *buf, size_t len, struct ik_repo_info *out);
int ik_repo_info_encode(const struct ik_repo_info *in, uint8_t *buf, size_t cap, size_t *written);

/* Get SEL Allocation Info (table 31-3) / Get SDR Repository Allocation Info (33-4): the
 * same 9 bytes. Sizes are in allocation units except unit_size (bytes); 0 = unspecified. */
#define IK_REPO_ALLOC_LEN 9

struct ik_repo_alloc {
    uint16_t units;     /* possible allocation units */
    uint16_t unit_size; /* bytes per unit */
    uint16_t free_units;
    uint16_t largest_free; /* largest free block, in units */
    uint8_t max_record;    /* maximum record size, in units */
};

/* Exactly IK_REPO_ALLOC_LEN bytes. */
int ik_repo_alloc_decode(const uint8_t *buf, size_t len, struct ik_repo_alloc *out);
int ik_repo_alloc_encode(const struct ik_repo_alloc *in, uint8_t *buf, size_t cap, size_t *written);

/* 1 if either timestamp is a real time (not 0 and not FFFFFFFFh): a client can then tell
 * a changed repository from an unchanged one. */
int ik_repo_info_timestamped(const struct ik_repo_info *info);

#endif
