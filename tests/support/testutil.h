/*
 * Test support: golden-vector loading and exact-size buffers.
 *
 * Vectors live in tests/vectors/ as commented hex: one record per line, '#' starts a
 * comment, whitespace between bytes is free, and the last comment line above a record is
 * its label. Every buffer handed to a decoder is a fresh heap allocation of exactly the
 * record's size, so ASan reports a one-byte over-read.
 */
#ifndef IK_TESTUTIL_H
#define IK_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

struct ik_test_vec {
    uint8_t *data; /* exact-size heap buffer (NULL when len == 0) */
    size_t len;
    char label[160]; /* the comment line above the record, or "" */
    int line;        /* line number in the file */
};

/* Path of a file under tests/vectors ($IK_VECTORS, set by CTest). Static buffer. */
const char *ik_test_vector_path(const char *name);

/* Every record of a vector file. Fails the test (cmocka) on a malformed file. */
struct ik_test_vec *ik_test_load_vectors(const char *name, size_t *count);
void ik_test_free_vectors(struct ik_test_vec *v, size_t count);

/* The whole file's hex as one buffer (records concatenated). */
uint8_t *ik_test_load_hex(const char *name, size_t *len);

/* Parse a hex string ("01 02 ab") into an exact-size heap buffer; NULL on bad hex. */
uint8_t *ik_test_hex(const char *hex, size_t *len);

/* An exact-size heap copy of n bytes (so a decoder reading byte n trips ASan). */
uint8_t *ik_test_dup(const void *p, size_t n);

#endif
