/*
 * FRU inventory output for the CLI: ipmitool's `fru print` text, the verbose view, JSON
 * (schema in docs/json/fru.md) and one-line problem messages. Used by `ipmikit fru decode`
 * on files and by the live `ipmikit fru print` on images read from a BMC.
 */
#ifndef IK_CLI_FRUFMT_H
#define IK_CLI_FRUFMT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ipmikit/fru.h"

/*
 * verbose 0: exactly the lines `ipmitool fru print` prints for the image, without the
 * "FRU Device Description" header line (which names a device, not the image) and with
 * the differences listed in docs/fru.md. verbose >= 1: every line of `ipmitool fru print
 * -v`, in its order, plus lines for what ipmitool leaves out (area layout and checksums,
 * languages, internal use data, every multirecord type decoded field by field).
 */
void ik_frufmt_text(FILE *out, const struct ik_fru *fru, int verbose);

/* One JSON object with every decoded field; img/len is the image fru was decoded from. */
json_t *ik_frufmt_json(const struct ik_fru *fru, const uint8_t *img, size_t len);

/* "board info area at byte 0x48 (72): area checksum mismatch" into buf. */
void ik_frufmt_problem(const struct ik_fru_problem *p, const struct ik_fru *fru, char *buf,
                       size_t cap);

/* The text ipmitool shows for a field (its 6-bit ASCII and BCD plus quirks included). */
const char *ik_frufmt_compat_text(const struct ik_fru_field *f, char *buf, size_t cap);

#endif
