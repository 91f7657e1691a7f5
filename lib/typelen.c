/* Type/length-encoded strings: BCD plus, 6-bit packed ASCII, 8-bit Latin-1, binary. */
#include "hex.h"
#include "typelen.h"

#include "ipmikit/error.h"

/* BCD plus digits: 0h-9h digits, Ah space, Bh dash, Ch period, Dh-Fh reserved. */
static const char bcdplus_chars[16] = "0123456789 -.???";

static int bcdplus_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c == ' ')
        return 0xA;
    if (c == '-')
        return 0xB;
    if (c == '.')
        return 0xC;
    return -1;
}

size_t ik_tl_decoded_len(enum ik_tl_type type, size_t n)
{
    switch (type) {
    case IK_TL_BINARY:
    case IK_TL_BCDPLUS:
        return 2 * n;
    case IK_TL_ASCII6:
        return n * 8 / 6; /* every 3 bytes carry 4 six-bit characters */
    case IK_TL_LATIN1:
        return n;
    }
    return 0;
}

/*
 * 6-bit packed ASCII (FRU spec 13.2): character value v = ASCII - 20h, packed LSB first,
 * so in each 3-byte group:
 *   char0 = b0[5:0]
 *   char1 = b1[3:0] << 2 | b0[7:6]
 *   char2 = b2[1:0] << 4 | b1[7:4]
 *   char3 = b2[7:2]
 * Treating the bytes as one little-endian bit stream, character i is bits 6i..6i+5.
 */
static char ascii6_at(const uint8_t *in, size_t i)
{
    size_t bit = 6 * i;
    unsigned v = in[bit / 8] >> (bit % 8);
    if (bit % 8 > 2)
        v |= (unsigned)in[bit / 8 + 1] << (8 - bit % 8);
    return (char)((v & 0x3F) + 0x20);
}

int ik_tl_decode(enum ik_tl_type type, const uint8_t *in, size_t n, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    size_t len = ik_tl_decoded_len(type, n);
    if (cap == 0)
        return IK_E_NOSPACE;
    if (len + 1 > cap) {
        out[0] = '\0';
        return IK_E_NOSPACE;
    }
    for (size_t i = 0; i < len; i++) {
        switch (type) {
        case IK_TL_BINARY:
            out[i] = hex[(in[i / 2] >> (i % 2 ? 0 : 4)) & 0xF];
            break;
        case IK_TL_BCDPLUS:
            out[i] = bcdplus_chars[(in[i / 2] >> (i % 2 ? 0 : 4)) & 0xF];
            break;
        case IK_TL_ASCII6:
            out[i] = ascii6_at(in, i);
            break;
        case IK_TL_LATIN1:
            out[i] = (in[i] < 0x20 || in[i] == 0x7F) ? '.' : (char)in[i];
            break;
        }
    }
    out[len] = '\0';
    return (int)len;
}

int ik_tl_encode(enum ik_tl_type type, const char *text, uint8_t *out, size_t cap, size_t *written)
{
    size_t len = 0;
    while (text[len])
        len++;
    size_t need;
    switch (type) {
    case IK_TL_BINARY:
    case IK_TL_BCDPLUS:
        need = (len + 1) / 2;
        break;
    case IK_TL_ASCII6:
        need = (len * 6 + 7) / 8;
        break;
    case IK_TL_LATIN1:
    default:
        need = len;
        break;
    }
    /* Validate every character before writing anything. */
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int ok = 1;
        if (type == IK_TL_BINARY)
            ok = ik_hex_digit(c) >= 0;
        else if (type == IK_TL_BCDPLUS)
            ok = bcdplus_value(c) >= 0;
        else if (type == IK_TL_ASCII6)
            ok = c >= 0x20 && c <= 0x5F;
        if (!ok)
            return IK_E_RANGE;
    }
    if (type == IK_TL_BINARY && len % 2)
        return IK_E_RANGE;
    if (need > cap)
        return IK_E_NOSPACE;
    for (size_t i = 0; i < need; i++)
        out[i] = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        switch (type) {
        case IK_TL_BINARY:
            out[i / 2] |= (uint8_t)(ik_hex_digit((char)c) << (i % 2 ? 0 : 4));
            break;
        case IK_TL_BCDPLUS:
            out[i / 2] |= (uint8_t)(bcdplus_value((char)c) << (i % 2 ? 0 : 4));
            break;
        case IK_TL_ASCII6: {
            unsigned v = (unsigned)(c - 0x20) & 0x3F;
            size_t bit = 6 * i;
            out[bit / 8] |= (uint8_t)(v << (bit % 8));
            if (bit % 8 > 2)
                out[bit / 8 + 1] |= (uint8_t)(v >> (8 - bit % 8));
            break;
        }
        case IK_TL_LATIN1:
            out[i] = c;
            break;
        }
    }
    /* An odd-length BCD plus string is padded with a space in the low nibble. */
    if (type == IK_TL_BCDPLUS && len % 2)
        out[len / 2] |= 0xA;
    *written = need;
    return 0;
}

enum ik_tl_type ik_tl_best(const char *text)
{
    int six = 1;
    size_t len = 0;
    for (const char *p = text; *p; p++, len++) {
        if (*p < 0x20 || *p > 0x5F)
            six = 0;
    }
    /*
     * What peers can read decides, not density alone:
     *  - BCD plus is never chosen: FreeIPMI 1.6 reads it one digit per byte and rejects
     *    packed bytes, so a packed field would be unreadable there.
     *  - 6-bit ASCII only in whole 3-byte groups (a multiple of 4 characters): ipmitool
     *    decodes 6-bit strings group by group and shows trailing garbage otherwise.
     */
    if (six && len >= 4 && len % 4 == 0)
        return IK_TL_ASCII6;
    return IK_TL_LATIN1;
}
