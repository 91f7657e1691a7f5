/*
 * Helpers shared by the live subcommands: completion-code text, response length checks,
 * ipmitool's time formats, argument parsing, JSON output and the IANA enterprise names.
 */
#ifndef IK_CLI_UTIL_H
#define IK_CLI_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "cli.h"
#include "transport.h"

/* NetFns (IPMI 2.0 table 5-1). */
#define IK_NETFN_CHASSIS   0x00
#define IK_NETFN_BRIDGE    0x02
#define IK_NETFN_SE        0x04 /* sensor/event */
#define IK_NETFN_APPL      0x06
#define IK_NETFN_FIRMWARE  0x08
#define IK_NETFN_STORAGE   0x0A
#define IK_NETFN_TRANSPORT 0x0C

/* ipmitool's completion code text: the generic name, or "Unknown (0xNN)". buf >= 16. */
const char *ik_cli_cc(uint8_t cc, char *buf, size_t cap);
#define IK_CC_TEXT(cc) ik_cli_cc((cc), (char[24]){0}, 24)

/*
 * A request whose response must carry at least min data bytes after the completion code.
 * Returns 0 (success, rsp->cc == 0, rsp->len >= min), 1 when the BMC answered with a
 * non-zero completion code (nothing printed: callers word it as ipmitool does), or -1
 * (transport failure or short response, reason printed; cli->failed_short set).
 */
int ik_cli_call(struct ik_cli *cli, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
                struct ik_tr_rsp *rsp, size_t min, const char *what);

/* Print "ipmikit: <what>: response has N data bytes, at least M needed" (the BMC's fault). */
void ik_cli_short(struct ik_cli *cli, const char *what, size_t got, size_t want);

/* ipmitool's timestamp texts (ipmi_time.c): "%x %X %Z" local or UTC (-Z), "S+ HH:MM:SS"
 * for times since BMC initialisation, "Unspecified" for FFFFFFFFh. */
const char *ik_cli_time_numeric(struct ik_cli *cli, uint32_t ts, char *buf, size_t cap);
/* "%c %Z"-style ("Wed Jun 30 21:49:08 1993 UTC"), as ipmitool's ipmi_timestamp_string. */
const char *ik_cli_time_string(struct ik_cli *cli, uint32_t ts, char *buf, size_t cap);
/* ISO 8601 UTC for JSON ("2024-05-17T10:00:00Z"), or NULL for special values. */
const char *ik_cli_time_iso(uint32_t ts, char *buf, size_t cap);

/* strtoul(s, 0) into [0, max] like ipmitool's str2uchar/str2ushort: 0 or -1. */
int ik_cli_num(const char *s, unsigned long max, unsigned long *out);

/* The IANA enterprise name ipmitool prints (from /usr/share/misc/enterprise-numbers.txt,
 * as ipmitool 1.8.19 reads it), or "Unknown". */
const char *ik_cli_iana_name(uint32_t iana);

/* Print a JSON value on cli->out (2-space indent, keys in insertion order) and free it.
 * Returns IK_EXIT_OK, or IK_EXIT_FAIL when v is NULL (out of memory). */
int ik_json_print(struct ik_cli *cli, json_t *v);
/* Lower-case hex string of n bytes ("" for none). */
json_t *ik_json_hex(const uint8_t *p, size_t n);
/* Shorthand for json_object_set_new. */
#define IK_JSET(o, k, v) json_object_set_new((o), (k), (v))

/* Privilege level names as ipmitool prints them: "USER", "ADMINISTRATOR", "NO ACCESS",
 * "Unknown (0xNN)". */
const char *ik_cli_priv_name(uint8_t priv, char *buf, size_t cap);
/* -L style names to numbers (CALLBACK=1 .. OEM=5, NO_ACCESS=15); -1 if unknown. */
int ik_cli_priv_parse(const char *s);

/* Bytes as "0x12 0x34" (raw style) etc.: hex dump lines of 16 "%02x " bytes like ipmitool's
 * raw output. */
void ik_cli_raw_dump(FILE *out, const uint8_t *p, size_t n);

#endif
