/*
 * ipmikit panic-event TEXT...: what the Linux IPMI driver logs when the kernel panics (the
 * seed's IPMI.txt, "Panic Timeouts"; docs/agents.md): the standard panic event by Platform
 * Event Message, then the text in OEM F0h records by Add SEL Entry (host/agent.c).
 * `ipmikit sel elist` shows the text put back together.
 *
 *   --no-oem     the event only (the driver's "panic event" without "panic string")
 *   --addr A     the slave address written into the text records (default: -m, 20h)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostconn.h"

#include "ipmikit/error.h"

static void usage(FILE *f)
{
    fputs("usage: ipmikit [interface options] panic-event [--no-oem] [--addr A] TEXT...\n"
          "  logs the Linux panic event (generator 21h, OS critical stop, A1h with the first\n"
          "  three characters) and the text in OEM F0h records, 11 characters each\n",
          f);
}

int ik_cmd_panic_event(struct ik_cli *cli, int argc, char **argv)
{
    bool oem = true;
    unsigned long addr = (unsigned long)cli->local_addr;
    char text[IK_PANIC_MAX_CHUNKS * IK_PANIC_CHUNK + 1];
    size_t tlen = 0;
    int words = 0;
    text[0] = '\0';
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-oem") == 0) {
            oem = false;
        } else if (strcmp(argv[i], "--addr") == 0 && i + 1 < argc) {
            char *end;
            addr = strtoul(argv[++i], &end, 0);
            if (*end || addr > 0xFE || (addr & 1)) {
                ik_cli_error(cli, "panic-event: --addr needs an even slave address up to 0xfe");
                return IK_EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "help") == 0) {
            usage(cli->out);
            return IK_EXIT_OK;
        } else {
            /* The words of the text, joined by single spaces. */
            size_t n = strlen(argv[i]);
            if (tlen + (words ? 1 : 0) + n >= sizeof(text)) {
                ik_cli_error(cli, "panic-event: text longer than %zu characters (%d records)",
                             sizeof(text) - 1, IK_PANIC_MAX_CHUNKS);
                return IK_EXIT_USAGE;
            }
            if (words++)
                text[tlen++] = ' ';
            memcpy(text + tlen, argv[i], n + 1);
            tlen += n;
        }
    }
    if (!words) {
        usage(cli->err);
        return IK_EXIT_USAGE;
    }
    struct ik_hostif *h;
    int rc = ik_cli_hostif_open_or_say(cli, "panic-event", &h);
    if (rc)
        return rc;
    struct ik_cli_agent ca;
    ik_cli_agent_init(&ca, cli, h);
    struct ik_panic_result res;
    rc = ik_agent_panic(&ca.a, text, (uint8_t)addr, oem, &res);
    if (rc) {
        ik_cli_error(cli, "panic-event: %s", ca.a.why);
    } else {
        fprintf(cli->out, "panic-event: event logged (OS critical stop, \"%.3s\")", text);
        if (res.records)
            fprintf(cli->out, "; text in %zu OEM records %04Xh-%04Xh", res.records, res.first_id,
                    res.last_id);
        else if (res.no_sel)
            fprintf(cli->out, "; the BMC has no SEL device: text not stored");
        fputc('\n', cli->out);
    }
    ik_hostif_close(h);
    return rc ? IK_EXIT_FAIL : IK_EXIT_OK;
}
