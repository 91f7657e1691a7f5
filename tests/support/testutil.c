/* Test support: hex vector files and exact-size heap buffers (see testutil.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <cmocka.h>

#include "hex.h"
#include "testutil.h"

const char *ik_test_vector_path(const char *name)
{
    static char path[1024];
    const char *dir = getenv("IK_VECTORS");
    snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/vectors", name);
    return path;
}

/* Parse the hex in s (up to a '#') into out; returns byte count or -1 on bad hex. */
static long parse_hex_line(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *s && *s != '#'; s++) {
        if (isspace((unsigned char)*s) || *s == ',' || *s == ':')
            continue;
        if ((s[0] == '0') && (s[1] == 'x' || s[1] == 'X')) {
            s++;
            continue;
        }
        int v = ik_hex_digit((unsigned char)*s);
        if (v < 0)
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= cap)
                return -1;
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? (long)n : -1;
}

uint8_t *ik_test_dup(const void *p, size_t n)
{
    if (n == 0)
        return NULL;
    uint8_t *b = malloc(n);
    assert_non_null(b);
    memcpy(b, p, n);
    return b;
}

uint8_t *ik_test_hex(const char *hex, size_t *len)
{
    size_t cap = strlen(hex) / 2 + 1;
    uint8_t *tmp = malloc(cap);
    assert_non_null(tmp);
    long n = parse_hex_line(hex, tmp, cap);
    if (n < 0) {
        free(tmp);
        return NULL;
    }
    uint8_t *out = ik_test_dup(tmp, (size_t)n);
    free(tmp);
    *len = (size_t)n;
    return out;
}

struct ik_test_vec *ik_test_load_vectors(const char *name, size_t *count)
{
    const char *path = ik_test_vector_path(name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open vector file %s", path);
    size_t n = 0, cap = 16;
    struct ik_test_vec *v = calloc(cap, sizeof(*v));
    assert_non_null(v);
    char line[8192], label[160] = "";
    static uint8_t buf[4096];
    int lineno = 0;
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        const char *s = line;
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0')
            continue;
        if (*s == '#') {
            s++;
            while (*s == ' ')
                s++;
            snprintf(label, sizeof(label), "%s", s);
            label[strcspn(label, "\r\n")] = '\0';
            continue;
        }
        long len = parse_hex_line(s, buf, sizeof(buf));
        if (len < 0)
            fail_msg("%s:%d: bad hex", path, lineno);
        if (n == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof(*v));
            assert_non_null(v);
        }
        v[n].data = ik_test_dup(buf, (size_t)len);
        v[n].len = (size_t)len;
        v[n].line = lineno;
        snprintf(v[n].label, sizeof(v[n].label), "%s", label);
        n++;
    }
    fclose(f);
    *count = n;
    return v;
}

void ik_test_free_vectors(struct ik_test_vec *v, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(v[i].data);
    free(v);
}

uint8_t *ik_test_load_hex(const char *name, size_t *len)
{
    size_t count;
    struct ik_test_vec *v = ik_test_load_vectors(name, &count);
    size_t total = 0;
    for (size_t i = 0; i < count; i++)
        total += v[i].len;
    uint8_t *out = total ? malloc(total) : NULL;
    size_t off = 0;
    for (size_t i = 0; i < count; i++) {
        if (v[i].len)
            memcpy(out + off, v[i].data, v[i].len);
        off += v[i].len;
    }
    ik_test_free_vectors(v, count);
    *len = total;
    return out;
}
