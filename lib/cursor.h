/*
 * The bounded byte cursor: the only code in ipmikit that touches raw wire or record bytes.
 *
 * A reader (struct ik_rd) walks a caller-owned buffer; a writer (struct ik_wr) fills one.
 * Both carry a sticky error: the first read past the end (or write past the capacity) sets
 * it, every later access returns zero / writes nothing, and the decoder or encoder checks
 * it once at the end. Nothing here allocates and nothing is ever read or written outside
 * [buf, buf + len).
 *
 * Multi-byte IPMI fields are little-endian unless a spec table says otherwise (RMCP/ASF
 * headers and a few IANA numbers are big-endian); the accessor names say which.
 *
 * With IK_DEBUG_LINES (sanitizer and fuzz builds) the cursor also records the source line
 * of the check that rejected the input, the way SQLite's SQLITE_CORRUPT_BKPT does, so a
 * failing test or a fuzz crash points straight at the rule that fired.
 */
#ifndef IK_CURSOR_H
#define IK_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ipmikit/error.h"

struct ik_rd {
    const uint8_t *buf;
    size_t len;
    size_t off;
    int err;      /* 0 or the first IK_E_* hit */
    int err_line; /* source line of the first failure (debug builds), else 0 */
};

struct ik_wr {
    uint8_t *buf;
    size_t cap;
    size_t off;
    int err;
    int err_line;
};

#ifdef IK_DEBUG_LINES
#define IK__LINE __LINE__
#else
#define IK__LINE 0
#endif

/* Record a failure on a reader or writer; only the first one sticks. */
#define ik_rd_fail(r, e) ik_rd_fail_at((r), (e), IK__LINE)
#define ik_wr_fail(w, e) ik_wr_fail_at((w), (e), IK__LINE)

static inline void ik_rd_fail_at(struct ik_rd *r, int err, int line)
{
    if (r->err == 0) {
        r->err = err;
        r->err_line = line;
    }
}

static inline void ik_wr_fail_at(struct ik_wr *w, int err, int line)
{
    if (w->err == 0) {
        w->err = err;
        w->err_line = line;
    }
}

static inline void ik_rd_init(struct ik_rd *r, const uint8_t *buf, size_t len)
{
    r->buf = buf;
    r->len = buf ? len : 0;
    r->off = 0;
    r->err = 0;
    r->err_line = 0;
}

static inline size_t ik_rd_left(const struct ik_rd *r)
{
    return r->err ? 0 : r->len - r->off;
}

/* Borrow n bytes in place (NULL and sticky IK_E_TRUNCATED if fewer remain). */
static inline const uint8_t *ik_rd_ptr(struct ik_rd *r, size_t n)
{
    if (r->err || n > r->len - r->off) {
        ik_rd_fail_at(r, IK_E_TRUNCATED, IK__LINE);
        return NULL;
    }
    const uint8_t *p = r->buf + r->off;
    r->off += n;
    return p;
}

static inline uint8_t ik_rd_u8(struct ik_rd *r)
{
    const uint8_t *p = ik_rd_ptr(r, 1);
    return p ? p[0] : 0;
}

static inline uint16_t ik_rd_le16(struct ik_rd *r)
{
    const uint8_t *p = ik_rd_ptr(r, 2);
    return p ? (uint16_t)(p[0] | (p[1] << 8)) : 0;
}

static inline uint32_t ik_rd_le24(struct ik_rd *r)
{
    const uint8_t *p = ik_rd_ptr(r, 3);
    return p ? (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) : 0;
}

static inline uint32_t ik_rd_le32(struct ik_rd *r)
{
    const uint8_t *p = ik_rd_ptr(r, 4);
    return p ? (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
                   ((uint32_t)p[3] << 24)
             : 0;
}

static inline uint16_t ik_rd_be16(struct ik_rd *r)
{
    const uint8_t *p = ik_rd_ptr(r, 2);
    return p ? (uint16_t)((p[0] << 8) | p[1]) : 0;
}

static inline uint32_t ik_rd_be32(struct ik_rd *r)
{
    const uint8_t *p = ik_rd_ptr(r, 4);
    return p ? ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
                   (uint32_t)p[3]
             : 0;
}

/* Copy n bytes out; on truncation dst is zero-filled so callers never see stale data. */
static inline void ik_rd_bytes(struct ik_rd *r, uint8_t *dst, size_t n)
{
    const uint8_t *p = ik_rd_ptr(r, n);
    if (p)
        memcpy(dst, p, n);
    else if (n)
        memset(dst, 0, n);
}

static inline void ik_rd_skip(struct ik_rd *r, size_t n)
{
    (void)ik_rd_ptr(r, n);
}

/* 0 if every access so far was in bounds, else the sticky error. */
static inline int ik_rd_error(const struct ik_rd *r)
{
    return r->err;
}

/* 0 if the reader consumed exactly everything; IK_E_OVERSIZE if bytes remain. */
static inline int ik_rd_end(struct ik_rd *r)
{
    if (r->err)
        return r->err;
    if (r->off != r->len)
        ik_rd_fail_at(r, IK_E_OVERSIZE, IK__LINE);
    return r->err;
}

static inline void ik_wr_init(struct ik_wr *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf ? cap : 0;
    w->off = 0;
    w->err = 0;
    w->err_line = 0;
}

/* Reserve n bytes for the caller to fill (NULL and sticky IK_E_NOSPACE if they don't fit). */
static inline uint8_t *ik_wr_ptr(struct ik_wr *w, size_t n)
{
    if (w->err || n > w->cap - w->off) {
        ik_wr_fail_at(w, IK_E_NOSPACE, IK__LINE);
        return NULL;
    }
    uint8_t *p = w->buf + w->off;
    w->off += n;
    return p;
}

static inline void ik_wr_u8(struct ik_wr *w, uint8_t v)
{
    uint8_t *p = ik_wr_ptr(w, 1);
    if (p)
        p[0] = v;
}

static inline void ik_wr_le16(struct ik_wr *w, uint16_t v)
{
    uint8_t *p = ik_wr_ptr(w, 2);
    if (p) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
    }
}

static inline void ik_wr_le24(struct ik_wr *w, uint32_t v)
{
    uint8_t *p = ik_wr_ptr(w, 3);
    if (p) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
        p[2] = (uint8_t)(v >> 16);
    }
}

static inline void ik_wr_le32(struct ik_wr *w, uint32_t v)
{
    uint8_t *p = ik_wr_ptr(w, 4);
    if (p) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
        p[2] = (uint8_t)(v >> 16);
        p[3] = (uint8_t)(v >> 24);
    }
}

static inline void ik_wr_be16(struct ik_wr *w, uint16_t v)
{
    uint8_t *p = ik_wr_ptr(w, 2);
    if (p) {
        p[0] = (uint8_t)(v >> 8);
        p[1] = (uint8_t)v;
    }
}

static inline void ik_wr_be32(struct ik_wr *w, uint32_t v)
{
    uint8_t *p = ik_wr_ptr(w, 4);
    if (p) {
        p[0] = (uint8_t)(v >> 24);
        p[1] = (uint8_t)(v >> 16);
        p[2] = (uint8_t)(v >> 8);
        p[3] = (uint8_t)v;
    }
}

static inline void ik_wr_bytes(struct ik_wr *w, const void *src, size_t n)
{
    uint8_t *p = ik_wr_ptr(w, n);
    if (p && n)
        memcpy(p, src, n);
}

static inline void ik_wr_fill(struct ik_wr *w, uint8_t v, size_t n)
{
    uint8_t *p = ik_wr_ptr(w, n);
    if (p && n)
        memset(p, v, n);
}

static inline int ik_wr_error(const struct ik_wr *w)
{
    return w->err;
}

/* How an encoder ends: the writer's sticky error, or 0 with the length written. */
static inline int ik_wr_finish(const struct ik_wr *w, size_t *written)
{
    if (w->err)
        return w->err;
    *written = w->off;
    return 0;
}

/* A fixed-length payload: "exactly n bytes", short and long told apart. */
static inline int ik_len_exact(size_t len, size_t n)
{
    if (len != n)
        return len < n ? IK_E_TRUNCATED : IK_E_OVERSIZE;
    return 0;
}

/* IPMI 2's-complement checksum: the byte that makes sum(bytes) + it == 0 (mod 256). */
static inline uint8_t ik_cksum(const uint8_t *p, size_t n)
{
    uint8_t s = 0;
    for (size_t i = 0; i < n; i++)
        s = (uint8_t)(s + p[i]);
    return (uint8_t)(0x100 - s);
}

#endif
