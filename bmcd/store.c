/* bmcd's SQLite store: SEL records and named blobs per BMC, WAL, one commit per write. */
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "ipmikit/error.h"

/* One binding per BMC: its name and the shared database. */
struct bound {
    struct ik_store *st;
    char name[64];
};

struct ik_store {
    sqlite3 *db;
    sqlite3_stmt *sel_put, *sel_del, *sel_clear, *sel_load;
    sqlite3_stmt *kv_put, *kv_del, *kv_load;
    struct bound **bound; /* every binding handed out, freed on close */
    size_t nbound, capbound;
    uint64_t commits;
};

static const char schema[] = "CREATE TABLE IF NOT EXISTS sel("
                             "  bmc TEXT NOT NULL, id INTEGER NOT NULL, rec BLOB NOT NULL,"
                             "  PRIMARY KEY (bmc, id)) WITHOUT ROWID;"
                             "CREATE TABLE IF NOT EXISTS kv("
                             "  bmc TEXT NOT NULL, key TEXT NOT NULL, val BLOB NOT NULL,"
                             "  PRIMARY KEY (bmc, key)) WITHOUT ROWID;";

static int prep(struct ik_store *st, const char *sql, sqlite3_stmt **out)
{
    return sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) == SQLITE_OK
               ? 0
               : IK_E_IO;
}

struct ik_store *ik_store_open(const char *state_dir, enum ik_store_sync sync, char *err,
                               size_t errcap)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/bmcd.db", state_dir);
    struct ik_store *st = calloc(1, sizeof(*st));
    if (!st) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        snprintf(err, errcap, "%s: %s", path, sqlite3_errmsg(st->db));
        ik_store_close(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, 2000);
    const char *pragmas = sync == IK_STORE_SYNC_FULL
                              ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                              : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
    char *msg = NULL;
    if (sqlite3_exec(st->db, pragmas, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(st->db, schema, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errcap, "%s: %s", path, msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        ik_store_close(st);
        return NULL;
    }
    if (prep(st, "INSERT OR REPLACE INTO sel(bmc,id,rec) VALUES(?1,?2,?3)", &st->sel_put) ||
        prep(st, "DELETE FROM sel WHERE bmc=?1 AND id=?2", &st->sel_del) ||
        prep(st, "DELETE FROM sel WHERE bmc=?1", &st->sel_clear) ||
        prep(st, "SELECT rec FROM sel WHERE bmc=?1 ORDER BY id", &st->sel_load) ||
        prep(st, "INSERT OR REPLACE INTO kv(bmc,key,val) VALUES(?1,?2,?3)", &st->kv_put) ||
        prep(st, "DELETE FROM kv WHERE bmc=?1 AND key=?2", &st->kv_del) ||
        prep(st, "SELECT key, val FROM kv WHERE bmc=?1 ORDER BY key", &st->kv_load)) {
        snprintf(err, errcap, "%s: %s", path, sqlite3_errmsg(st->db));
        ik_store_close(st);
        return NULL;
    }
    return st;
}

void ik_store_close(struct ik_store *st)
{
    if (!st)
        return;
    sqlite3_stmt *stmts[] = {st->sel_put, st->sel_del, st->sel_clear, st->sel_load,
                             st->kv_put,  st->kv_del,  st->kv_load};
    for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
        sqlite3_finalize(stmts[i]);
    sqlite3_close(st->db);
    for (size_t i = 0; i < st->nbound; i++)
        free(st->bound[i]);
    free(st->bound);
    free(st);
}

uint64_t ik_store_commits(const struct ik_store *st)
{
    return st->commits;
}

/* Run a write statement to completion; it commits (autocommit) before returning. */
static int step_write(struct ik_store *st, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE)
        return IK_E_IO;
    st->commits++;
    return 0;
}

static int st_sel_put(void *ctx, const uint8_t rec[16])
{
    struct bound *b = ctx;
    sqlite3_stmt *s = b->st->sel_put;
    struct ik_rd r;
    ik_rd_init(&r, rec, 16);
    sqlite3_bind_text(s, 1, b->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, ik_rd_le16(&r)); /* bytes 0-1: the record ID */
    sqlite3_bind_blob(s, 3, rec, 16, SQLITE_STATIC);
    return step_write(b->st, s);
}

static int st_sel_delete(void *ctx, uint16_t id)
{
    struct bound *b = ctx;
    sqlite3_stmt *s = b->st->sel_del;
    sqlite3_bind_text(s, 1, b->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, id);
    int rc = step_write(b->st, s);
    if (rc == 0 && sqlite3_changes(b->st->db) == 0)
        return IK_E_NOTFOUND;
    return rc;
}

static int st_sel_clear(void *ctx)
{
    struct bound *b = ctx;
    sqlite3_stmt *s = b->st->sel_clear;
    sqlite3_bind_text(s, 1, b->name, -1, SQLITE_STATIC);
    return step_write(b->st, s);
}

static int st_sel_load(void *ctx, void (*fn)(void *arg, const uint8_t rec[16]), void *arg)
{
    struct bound *b = ctx;
    sqlite3_stmt *s = b->st->sel_load;
    int rc;
    sqlite3_bind_text(s, 1, b->name, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        /* A row that is not 16 bytes is corruption: skip it rather than over-read. */
        if (sqlite3_column_bytes(s, 0) == 16)
            fn(arg, sqlite3_column_blob(s, 0));
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? 0 : IK_E_IO;
}

static int st_kv_put(void *ctx, const char *key, const void *val, size_t len)
{
    struct bound *b = ctx;
    sqlite3_stmt *s = b->st->kv_put;
    sqlite3_bind_text(s, 1, b->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, len ? val : "", (int)len, SQLITE_STATIC);
    return step_write(b->st, s);
}

static int st_kv_del(void *ctx, const char *key)
{
    struct bound *b = ctx;
    sqlite3_stmt *s = b->st->kv_del;
    sqlite3_bind_text(s, 1, b->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    return step_write(b->st, s);
}

static int st_kv_load(void *ctx,
                      void (*fn)(void *arg, const char *key, const void *val, size_t len),
                      void *arg)
{
    struct bound *b = ctx;
    sqlite3_stmt *s = b->st->kv_load;
    int rc;
    sqlite3_bind_text(s, 1, b->name, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(s, 0);
        const void *val = sqlite3_column_blob(s, 1);
        int len = sqlite3_column_bytes(s, 1);
        if (key)
            fn(arg, key, val, (size_t)len);
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? 0 : IK_E_IO;
}

int ik_store_bind(struct ik_store *st, const char *bmc_name, struct ik_bmc_store *out)
{
    if (strlen(bmc_name) >= sizeof(((struct bound *)0)->name))
        return IK_E_RANGE;
    /* Each binding is its own allocation: the engine keeps its address. */
    struct bound *b = calloc(1, sizeof(*b));
    if (!b)
        return IK_E_NOMEM;
    b->st = st;
    strcpy(b->name, bmc_name);
    *out = (struct ik_bmc_store){
        .ctx = b,
        .sel_put = st_sel_put,
        .sel_delete = st_sel_delete,
        .sel_clear = st_sel_clear,
        .sel_load = st_sel_load,
        .kv_put = st_kv_put,
        .kv_del = st_kv_del,
        .kv_load = st_kv_load,
    };
    if (st->nbound == st->capbound) {
        size_t nc = st->capbound ? st->capbound * 2 : 8;
        struct bound **p = realloc(st->bound, nc * sizeof(*p));
        if (!p) {
            free(b);
            return IK_E_NOMEM;
        }
        st->bound = p;
        st->capbound = nc;
    }
    st->bound[st->nbound++] = b;
    return 0;
}
