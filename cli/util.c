/* Helpers shared by the live subcommands (see util.h). */
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ipmikit/names.h"

const char *ik_cli_cc(uint8_t cc, char *buf, size_t cap)
{
    const char *n = ik_cc_name(cc);
    if (n)
        return n;
    snprintf(buf, cap, "Unknown (0x%02X)", cc);
    return buf;
}

void ik_cli_short(struct ik_cli *cli, const char *what, size_t got, size_t want)
{
    ik_cli_error(cli, "%s: the BMC's response has %zu data byte%s, at least %zu needed", what, got,
                 got == 1 ? "" : "s", want);
}

int ik_cli_call(struct ik_cli *cli, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len,
                struct ik_tr_rsp *rsp, size_t min, const char *what)
{
    if (ik_cli_req(cli, netfn, cmd, data, len, rsp) < 0)
        return -1;
    if (rsp->cc)
        return 1;
    if (rsp->len < min) {
        ik_cli_short(cli, what, rsp->len, min);
        return -1;
    }
    return 0;
}

/* ---- time ------------------------------------------------------------------------------ */

#define TS_UNSPECIFIED 0xFFFFFFFFu
#define TS_INIT_DONE   0x20000000u /* at or below: seconds since the BMC initialised */

/* The formats come from a fixed set below; -Wformat-nonliteral cannot see that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void fmt_time(struct ik_cli *cli, uint32_t ts, const char *fmt, char *buf, size_t cap)
{
    time_t t = (time_t)ts;
    struct tm tm;
    if (cli->utc || ts <= TS_INIT_DONE)
        gmtime_r(&t, &tm);
    else
        localtime_r(&t, &tm);
    if (strftime(buf, cap, fmt, &tm) == 0 && cap)
        buf[0] = '\0';
}
#pragma GCC diagnostic pop

const char *ik_cli_time_numeric(struct ik_cli *cli, uint32_t ts, char *buf, size_t cap)
{
    if (ts == TS_UNSPECIFIED)
        return "Unspecified";
    if (ts < TS_INIT_DONE)
        fmt_time(cli, ts, ts < 86400 ? "S+ %H:%M:%S" : "S+ %y/%j %H:%M:%S", buf, cap);
    else
        fmt_time(cli, ts, "%x %X %Z", buf, cap);
    return buf;
}

const char *ik_cli_time_string(struct ik_cli *cli, uint32_t ts, char *buf, size_t cap)
{
    if (ts == TS_UNSPECIFIED)
        return "Unspecified";
    if (ts < TS_INIT_DONE)
        fmt_time(cli, ts, ts < 86400 ? "S+ %H:%M:%S" : "S+ %y years %j days %H:%M:%S", buf, cap);
    else
        fmt_time(cli, ts, "%c %Z", buf, cap);
    return buf;
}

const char *ik_cli_time_iso(uint32_t ts, char *buf, size_t cap)
{
    if (ts == TS_UNSPECIFIED || ts < TS_INIT_DONE)
        return NULL;
    time_t t = (time_t)ts;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/* ---- arguments ------------------------------------------------------------------------- */

int ik_cli_num(const char *s, unsigned long max, unsigned long *out)
{
    if (!s || !*s || *s == '-')
        return -1;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 0);
    if (errno || *end != '\0' || v > max)
        return -1;
    *out = v;
    return 0;
}

/* ---- IANA ------------------------------------------------------------------------------ */

#define IANA_FILE "/usr/share/misc/enterprise-numbers.txt"

const char *ik_cli_iana_name(uint32_t iana)
{
    static char name[128];
    static uint32_t cached = 0xFFFFFFFFu;
    if (cached == iana)
        return name;
    const char *path = getenv("IPMIKIT_IANA_FILE");
    FILE *f = fopen(path ? path : IANA_FILE, "r");
    snprintf(name, sizeof(name), "Unknown");
    cached = iana;
    if (!f)
        return name;
    char line[512];
    int want_name = 0;
    while (fgets(line, sizeof(line), f)) {
        if (want_name) {
            char *p = line;
            while (*p == ' ' || *p == '\t')
                p++;
            p[strcspn(p, "\r\n")] = '\0';
            size_t n = strlen(p);
            if (n >= sizeof(name))
                n = sizeof(name) - 1;
            memcpy(name, p, n);
            name[n] = '\0';
            break;
        }
        /* A number line starts in column 0 with digits only. */
        if (line[0] < '0' || line[0] > '9')
            continue;
        char *end;
        unsigned long v = strtoul(line, &end, 10);
        if ((*end == '\n' || *end == '\r' || *end == '\0') && v == iana)
            want_name = 1;
    }
    fclose(f);
    return name;
}

/* ---- JSON ------------------------------------------------------------------------------ */

int ik_json_print(struct ik_cli *cli, json_t *v)
{
    if (!v) {
        ik_cli_error(cli, "out of memory");
        return IK_EXIT_FAIL;
    }
    json_dumpf(v, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', cli->out);
    json_decref(v);
    return IK_EXIT_OK;
}

json_t *ik_json_hex(const uint8_t *p, size_t n)
{
    static const char hexd[] = "0123456789abcdef";
    char stack[128];
    char *buf = 2 * n + 1 <= sizeof(stack) ? stack : malloc(2 * n + 1);
    if (!buf)
        return json_null();
    for (size_t i = 0; i < n; i++) {
        buf[2 * i] = hexd[p[i] >> 4];
        buf[2 * i + 1] = hexd[p[i] & 15];
    }
    buf[2 * n] = '\0';
    json_t *s = json_string(buf);
    if (buf != stack)
        free(buf);
    return s;
}

/* ---- privileges ------------------------------------------------------------------------ */

const char *ik_cli_priv_name(uint8_t priv, char *buf, size_t cap)
{
    switch (priv) {
    case 1:
        return "CALLBACK";
    case 2:
        return "USER";
    case 3:
        return "OPERATOR";
    case 4:
        return "ADMINISTRATOR";
    case 5:
        return "OEM";
    case 0x0F:
        return "NO ACCESS";
    }
    snprintf(buf, cap, "Unknown (0x%02X)", priv);
    return buf;
}

int ik_cli_priv_parse(const char *s)
{
    static const struct {
        const char *name;
        int v;
    } t[] = {{"CALLBACK", 1}, {"USER", 2}, {"OPERATOR", 3},   {"ADMINISTRATOR", 4},
             {"ADMIN", 4},    {"OEM", 5},  {"NO_ACCESS", 15}, {"NO ACCESS", 15}};
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (strcasecmp(s, t[i].name) == 0)
            return t[i].v;
    return -1;
}

void ik_cli_raw_dump(FILE *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i && i % 16 == 0)
            fputc('\n', out);
        fprintf(out, " %02x", p[i]);
    }
    fputc('\n', out);
}
