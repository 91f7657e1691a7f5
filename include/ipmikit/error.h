/*
 * ipmikit error codes: one list, generated into an enum and into ik_strerror().
 *
 * Every function in libipmikit that can fail returns 0 or one of these negative codes.
 * The list is append-only and every entry has an explicit number, so a number printed in a
 * log today still means the same thing next year. IPMI completion codes are data, not
 * errors; they live in names.h (ik_cc_name), never here.
 */
#ifndef IPMIKIT_ERROR_H
#define IPMIKIT_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/* X(NAME, number, message) */
#define IK_ERRNO_MAP(X)                                                                            \
    X(OK, 0, "success")                                                                            \
    X(TRUNCATED, -1, "input ends before the record/field does")                                    \
    X(OVERSIZE, -2, "input is longer than the format allows")                                      \
    X(INVAL, -3, "invalid argument")                                                               \
    X(RANGE, -4, "value out of range")                                                             \
    X(CHECKSUM, -5, "checksum mismatch")                                                           \
    X(NOSPACE, -6, "output buffer too small")                                                      \
    X(UNSUPPORTED, -7, "unsupported format, version or algorithm")                                 \
    X(BADFIELD, -8, "malformed field")                                                             \
    X(NOMEM, -9, "out of memory")                                                                  \
    X(NOTFOUND, -10, "not found")                                                                  \
    X(EXISTS, -11, "already exists")                                                               \
    X(STATE, -12, "not allowed in the current state")                                              \
    X(TIMEOUT, -13, "timed out")                                                                   \
    X(AUTH, -14, "authentication failed")                                                          \
    X(INTEGRITY, -15, "integrity check (MAC) failed")                                              \
    X(CRYPTO, -16, "cryptographic operation failed")                                               \
    X(SEQUENCE, -17, "sequence number outside the window or repeated")                             \
    X(SESSION, -18, "unknown or inactive session")                                                 \
    X(PRIVILEGE, -19, "insufficient privilege")                                                    \
    X(LIMIT, -20, "configured limit reached")                                                      \
    X(BUSY, -21, "busy, try again")                                                                \
    X(IO, -22, "I/O error")                                                                        \
    X(CC, -23, "the BMC answered with a non-zero completion code")                                 \
    X(PROTOCOL, -24, "peer violated the protocol")                                                 \
    X(HWERROR, -25, "interface in error state")                                                    \
    X(DISABLED, -26, "interface or feature disabled")                                              \
    X(CANCELLED, -27, "cancelled")                                                                 \
    X(SYNTAX, -28, "syntax error")                                                                 \
    X(CORRUPT, -29, "stored data is corrupt")

enum ik_err {
#define IK__ERR_ENUM(name, num, msg) IK_E_##name = (num),
    IK_ERRNO_MAP(IK__ERR_ENUM)
#undef IK__ERR_ENUM
};

/* Static message for an ik_err value; "unknown error" for numbers not in the list. */
const char *ik_strerror(int err);
/* The symbolic name ("IK_E_TRUNCATED"), or "IK_E_?" for numbers not in the list. */
const char *ik_errname(int err);

#ifdef __cplusplus
}
#endif
#endif
