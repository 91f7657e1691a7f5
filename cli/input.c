/* Input files for offline decoding: binary or commented hex text (see input.h). */
#include "hex.h"
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipmikit/error.h"

static int is_sep(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ':';
}

/* Is the buffer commented hex text? */
static int looks_like_hex(const uint8_t *p, size_t n)
{
    size_t digits = 0;
    int in_comment = 0;
    for (size_t i = 0; i < n; i++) {
        int c = p[i];
        if (c == '\n') {
            in_comment = 0;
            continue;
        }
        if (in_comment)
            continue;
        if (c == '#') {
            in_comment = 1;
            continue;
        }
        if (c == 0 || c >= 0x80)
            return 0;
        if (is_sep(c))
            continue;
        if (c == '0' && i + 1 < n && (p[i + 1] == 'x' || p[i + 1] == 'X')) {
            i++;
            continue;
        }
        if (ik_hex_digit(c) < 0)
            return 0;
        digits++;
    }
    return digits > 0;
}

int ik_input_load(const char *path, enum ik_input_kind kind, struct ik_input *in, char *err,
                  size_t errcap)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errcap, "cannot open '%s': %s", path, strerror(errno));
        return IK_E_IO;
    }
    size_t cap = 65536, len = 0;
    uint8_t *buf = malloc(cap + 1);
    if (!buf) {
        if (f != stdin)
            fclose(f);
        snprintf(err, errcap, "out of memory");
        return IK_E_NOMEM;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= IK_INPUT_MAX) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                snprintf(err, errcap, "'%s' is larger than %u bytes", path, IK_INPUT_MAX);
                return IK_E_OVERSIZE;
            }
            cap *= 2;
            uint8_t *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                snprintf(err, errcap, "out of memory");
                return IK_E_NOMEM;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int rd_err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (rd_err) {
        free(buf);
        snprintf(err, errcap, "read error on '%s'", path);
        return IK_E_IO;
    }
    buf[len] = '\0';
    in->data = buf;
    in->len = len;
    in->kind = kind != IK_INPUT_AUTO      ? kind
               : looks_like_hex(buf, len) ? IK_INPUT_HEX
                                          : IK_INPUT_BINARY;
    in->pos = 0;
    in->line = 0;
    return 0;
}

void ik_input_free(struct ik_input *in)
{
    free(in->data);
    in->data = NULL;
    in->len = 0;
}

int ik_input_next_hex(struct ik_input *in, uint8_t *out, size_t cap, size_t *len, int *line)
{
    while (in->pos < in->len) {
        const uint8_t *s = in->data + in->pos;
        const uint8_t *nl = memchr(s, '\n', in->len - in->pos);
        size_t linelen = nl ? (size_t)(nl - s) : in->len - in->pos;
        in->pos += linelen + (nl ? 1 : 0);
        in->line++;
        size_t n = 0;
        int hi = -1, bad = 0, over = 0;
        for (size_t i = 0; i < linelen && s[i] != '#'; i++) {
            int c = s[i];
            if (is_sep(c))
                continue;
            if (c == '0' && i + 1 < linelen && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
                i++;
                continue;
            }
            int v = ik_hex_digit(c);
            if (v < 0) {
                bad = 1;
                break;
            }
            if (hi < 0) {
                hi = v;
            } else {
                if (n < cap)
                    out[n] = (uint8_t)(hi << 4 | v);
                else
                    over = 1;
                n++;
                hi = -1;
            }
        }
        *line = in->line;
        if (bad || hi >= 0)
            return IK_E_SYNTAX; /* a non-hex character, or an odd number of digits */
        if (over)
            return IK_E_OVERSIZE;
        if (n == 0)
            continue; /* blank or comment-only line */
        *len = n;
        return 1;
    }
    return 0;
}
