/*
 * libipmikit: IPMI codecs and state machines, with no I/O, no clock and no printing.
 *
 * This umbrella header is the installed public API: errors, name tables and the record
 * codecs (SEL, SDR, FRU). Session, framing and system-interface machinery is internal to
 * the project (the headers in lib/) until its API settles.
 *
 * Conventions for every function in the library:
 *   - decoders: int X_decode(const uint8_t *buf, size_t len, struct X *out) return 0 or a
 *     negative IK_E_* and write *out only on success;
 *   - encoders: int X_encode(const struct X *in, uint8_t *buf, size_t cap, size_t *written)
 *     return an error instead of a partial message;
 *   - the caller allocates; decoded strings may borrow the input buffer where a header says.
 */
#ifndef IPMIKIT_H
#define IPMIKIT_H

#define IK_VERSION_MAJOR  0
#define IK_VERSION_MINOR  1
#define IK_VERSION_PATCH  0
#define IK_VERSION_STRING "0.1.0"

#include "ipmikit/error.h"
#include "ipmikit/names.h"
#include "ipmikit/sel.h"
#include "ipmikit/sdr.h"
#include "ipmikit/fru.h"

#endif
