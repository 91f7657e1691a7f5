/*
 * tool_sdrfmt: run the SDR formatter on records plus live sensor data given as hex, so the
 * live paths (readings, threshold status, event status/enable lines) can be compared with
 * what ipmitool printed for the same bytes (tests/integration/sdr_live.sh).
 *
 *   tool_sdrfmt elist|list|v < lines
 *
 * Each input line is "RECORD|READING|EVENT_STATUS|EVENT_ENABLE": hex bytes of one SDR and of
 * the Get Sensor Reading, Get Sensor Event Status and Get Sensor Event Enable response data
 * (completion code excluded); any field after the record may be empty (= no response).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sdrfmt.h"

static size_t parse_hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    unsigned v;
    int used;
    while (n < cap && sscanf(s, " %2x%n", &v, &used) == 1) {
        out[n++] = (uint8_t)v;
        s += used;
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tool_sdrfmt elist|list|v < lines\n");
        return 2;
    }
    char line[4096];
    int status = 0;
    while (fgets(line, sizeof(line), stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *field[4] = {line, "", "", ""};
        for (int i = 1; i < 4; i++) {
            char *bar = field[i - 1] ? strchr(field[i - 1], '|') : NULL;
            if (!bar)
                break;
            *bar = '\0';
            field[i] = bar + 1;
        }
        uint8_t rec[IK_SDR_MAX_LEN], rd_bytes[8];
        size_t n = parse_hex(field[0], rec, sizeof(rec));
        if (n == 0)
            continue;
        struct ik_sdr_record r;
        if (ik_sdr_decode(rec, n, &r) != 0) {
            fprintf(stderr, "tool_sdrfmt: bad record: %s\n", field[0]);
            status = 1;
            continue;
        }
        struct ik_sdrfmt_reading rd;
        memset(&rd, 0, sizeof(rd));
        size_t rn = parse_hex(field[1], rd_bytes, sizeof(rd_bytes));
        if (rn >= 2) {
            rd.have = 1;
            rd.raw = rd_bytes[0];
            rd.flags = rd_bytes[1];
            rd.state1 = rn > 2 ? rd_bytes[2] : 0;
            rd.state2 = rn > 3 ? rd_bytes[3] : 0;
        }
        rd.event_status_len = parse_hex(field[2], rd.event_status, sizeof(rd.event_status));
        rd.event_enable_len = parse_hex(field[3], rd.event_enable, sizeof(rd.event_enable));
        struct ik_sdrfmt_opts o = {0};
        if (strcmp(argv[1], "elist") == 0)
            ik_sdrfmt_elist(stdout, &r, &rd, &o);
        else if (strcmp(argv[1], "list") == 0)
            ik_sdrfmt_list(stdout, &r, &rd, &o);
        else
            ik_sdrfmt_verbose(stdout, &r, &rd, &o);
    }
    return status;
}
