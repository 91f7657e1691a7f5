/*
 * bmcd's durable state in SQLite: one database (STATE_DIR/bmcd.db) for the whole fleet,
 * WAL mode, one row per SEL record and per named blob, keyed by the BMC's name.
 *
 * Durability: every write is its own transaction and returns only after SQLite has
 * committed it to the WAL; with synchronous=NORMAL a committed transaction survives the
 * process being killed (kill -9) — the WAL is in the kernel's page cache — but not a
 * power cut. `durability: full` (synchronous=FULL, an fsync per commit) covers power loss
 * at the cost of one fsync per acknowledged write.
 *
 * Each virtual BMC gets a struct ik_bmc_store (engine.h) bound to its name.
 */
#ifndef IK_BMCD_STORE_H
#define IK_BMCD_STORE_H

#include "engine.h"

struct ik_store;

enum ik_store_sync { IK_STORE_SYNC_NORMAL, IK_STORE_SYNC_FULL };

/* Open or create STATE_DIR/bmcd.db. NULL with err filled on failure. */
struct ik_store *ik_store_open(const char *state_dir, enum ik_store_sync sync, char *err,
                               size_t errcap);
void ik_store_close(struct ik_store *st);

/* The engine-facing store of one BMC. `name` is copied; at most 63 bytes. */
int ik_store_bind(struct ik_store *st, const char *bmc_name, struct ik_bmc_store *out);

/* Counters for diagnostics. */
uint64_t ik_store_commits(const struct ik_store *st);

#endif
