/*
 * Type/length-encoded strings, shared by FRU fields (Platform Management FRU Information
 * Storage Definition v1.0, section 13) and SDR ID strings (IPMI 2.0 section 43.15).
 *
 * Both use bits 7:6 of the type/length byte for the encoding:
 *   00b  FRU: binary or unspecified      SDR: Unicode (no peer decodes it; shown as hex)
 *   01b  BCD plus: 0-9, space, '-', '.' (two characters per byte, high nibble first)
 *   10b  6-bit packed ASCII: characters 20h-5Fh, four characters in three bytes
 *   11b  8-bit ASCII + Latin-1 (FRU: or Unicode when the area's language is not English)
 * and the low bits for the byte count (FRU: 5:0, up to 63; SDR ID: 4:0, up to 31). The
 * callers split the byte; this module converts the bytes that follow it.
 */
#ifndef IK_TYPELEN_H
#define IK_TYPELEN_H

#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"

enum ik_tl_type {
    IK_TL_BINARY = 0, /* FRU binary/unspecified; SDR Unicode */
    IK_TL_BCDPLUS = 1,
    IK_TL_ASCII6 = 2,
    IK_TL_LATIN1 = 3,
};

/*
 * Decode n bytes of the given encoding into NUL-terminated text in out[cap].
 * IK_TL_BINARY becomes lowercase hex ("01ab"); IK_TL_LATIN1 bytes are copied as they are
 * except control characters, which become '.'; BCD plus reserved digits (Dh-Fh) become '?'.
 * Returns the text length, or IK_E_NOSPACE if out cannot hold it (out is then "").
 */
int ik_tl_decode(enum ik_tl_type type, const uint8_t *in, size_t n, char *out, size_t cap);

/* Number of text characters n bytes of the encoding decode to (before NUL). */
size_t ik_tl_decoded_len(enum ik_tl_type type, size_t n);

/*
 * Encode text in the given encoding into out[cap]; *written gets the byte count (not
 * including a type/length byte, which the caller builds). IK_E_RANGE if the text holds a
 * character the encoding cannot carry (lowercase in 6-bit ASCII, a letter in BCD plus),
 * IK_E_NOSPACE if it does not fit. For IK_TL_BINARY the text is hex digits.
 */
int ik_tl_encode(enum ik_tl_type type, const char *text, uint8_t *out, size_t cap, size_t *written);

/* The encoding to write text in so that every peer reads it back exactly: 6-bit ASCII
 * for upper-case text of a multiple of 4 characters, else 8-bit Latin-1 (see typelen.c
 * for why BCD plus is never chosen). */
enum ik_tl_type ik_tl_best(const char *text);

#endif
