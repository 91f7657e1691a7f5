/*
 * Input files for the offline decoders (sel/sdr/fru decode): raw binary as ipmitool
 * writes it (sel writeraw, sdr dump, fru read) or hex text, one record per line with '#'
 * comments. The whole file is read into memory (capped at IK_INPUT_MAX bytes).
 */
#ifndef IK_CLI_INPUT_H
#define IK_CLI_INPUT_H

#include <stddef.h>
#include <stdint.h>

#define IK_INPUT_MAX (256u * 1024 * 1024)

enum ik_input_kind { IK_INPUT_AUTO, IK_INPUT_BINARY, IK_INPUT_HEX };

struct ik_input {
    uint8_t *data; /* the file's bytes (binary) or its text (hex), NUL-terminated */
    size_t len;
    enum ik_input_kind kind; /* resolved: BINARY or HEX */
    /* hex iteration state */
    size_t pos;
    int line;
};

/*
 * Read path ("-" = stdin). kind AUTO decides: text made only of hex digits, whitespace,
 * ',', ':', "0x" and '#' comments is HEX, anything else BINARY. On failure returns a
 * negative IK_E_* and writes a message into err[errcap].
 */
int ik_input_load(const char *path, enum ik_input_kind kind, struct ik_input *in, char *err,
                  size_t errcap);
void ik_input_free(struct ik_input *in);

/*
 * Next hex record (one non-empty line, comments stripped) into out[cap]. Returns 1 with
 * *len and *line set, 0 at the end, or IK_E_SYNTAX for a line with bad hex (the line is
 * skipped and *line names it) or IK_E_OVERSIZE for more than cap bytes.
 */
int ik_input_next_hex(struct ik_input *in, uint8_t *out, size_t cap, size_t *len, int *line);

#endif
