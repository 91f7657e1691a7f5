/*
 * libFuzzer harness for every response parser of the live CLI: one subcommand of the
 * command list runs against a BMC whose answers come from the input, in order, behind the
 * transport seam (struct ik_tr). Whatever the BMC says - short, long, inconsistent counts,
 * looping record IDs, error codes, no answer - the command must not read past a response,
 * leak or loop forever.
 *
 * Input: byte 0 picks the command (index into `commands`), byte 1 the options (bit 0
 * --json, bit 1 -v), then responses, each [N][CC][N-1 data bytes]; N = 0 is "no answer"
 * (a timeout). When the input runs out every further request times out.
 *
 * Seeds (fuzz/corpus/cli_cmds/) are ipmi_sim's real answers to each command, made by
 * fuzz/cli_cmds_seeds.sh from the CLI's IPMIKIT_TRACE output.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz_cli_tr.h"
#include "transport.h"

#include "ipmikit/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Arguments separated by ','; @ is replaced by a scratch file name. Keep the order: the
 * seeds name commands by their index. */
static const char *const commands[] = {
    "mc,info",
    "mc,guid",
    "mc,selftest",
    "mc,getenables",
    "mc,watchdog,get",
    "chassis,status",
    "chassis,power,status",
    "chassis,restart_cause",
    "chassis,poh",
    "chassis,selftest",
    "chassis,policy,list",
    "chassis,bootparam,get,4",
    "chassis,bootparam,get,5",
    "channel,info",
    "channel,info,1",
    "channel,authcap,1,4",
    "channel,getaccess,1",
    "channel,getciphers,ipmi,1",
    "user,summary,1",
    "user,list,1",
    "lan,print,1",
    "session,info,active",
    "session,info,all",
    "sdr,info",
    "sdr,elist,all",
    "sdr,list,all",
    "sdr,elist,all,-v",
    "sdr,type,Temperature",
    "sdr,entity,7",
    "sdr,get,CPU Temp,CPU Status",
    "sensor,list",
    "sensor,get,CPU Temp,12V,CPU Status,Watchdog 2",
    "sensor,reading,CPU Temp,5V",
    "sel,info",
    "sel,list",
    "sel,elist",
    "sel,elist,last,3",
    "sel,get,1,2,3,5,7,0xb,0xd,0xe",
    "sel,time,get",
    "fru,print",
    "fru,print,1",
    "raw,6,1",
    "sdr,dump,@",
    "sel,save,@",
    "sel,writeraw,@",
    "fru,read,0,@",
    "sensor,thresh,CPU Temp,upper,80,85,90",
    "sel,delete,3",
    "sel,clear",
    "user,set,name,3,bob",
    "user,priv,3,4,1",
    "channel,setaccess,1,2,callin=on,ipmi=on,link=on,privilege=4",
    "lan,set,1,ipaddr,10.0.0.2",
    "chassis,bootdev,pxe",
    "chassis,identify,10",
    "mc,watchdog,reset",
    "sel,time,set,01/02/2020 03:04:05",
    "fru,write,0,@",
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

typedef int (*cmd_fn)(struct ik_cli *, int, char **);

static cmd_fn command_fn(const char *name)
{
    static const struct {
        const char *name;
        cmd_fn fn;
    } table[] = {{"mc", ik_cmd_mc},           {"chassis", ik_cmd_chassis}, {"sdr", ik_cmd_sdr},
                 {"sensor", ik_cmd_sensor},   {"sel", ik_cmd_sel},         {"fru", ik_cmd_fru},
                 {"user", ik_cmd_user},       {"channel", ik_cmd_channel}, {"lan", ik_cmd_lan},
                 {"session", ik_cmd_session}, {"raw", ik_cmd_raw}};
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(table[i].name, name) == 0)
            return table[i].fn;
    return NULL;
}

/* ---- the BMC: answers read from the input ------------------------------------------ */

/* struct fuzz_tr and its answers: fuzz_cli_tr.h */

/* ---- one run --------------------------------------------------------------------------- */

static char scratch[64], fru_image[64];

static void remove_files(void)
{
    unlink(scratch);
    unlink(fru_image);
}

static void setup_files(void)
{
    snprintf(scratch, sizeof(scratch), "/tmp/ik-fuzz-cli-%d.out", (int)getpid());
    snprintf(fru_image, sizeof(fru_image), "/tmp/ik-fuzz-cli-%d.fru", (int)getpid());
    atexit(remove_files);
    /* a small valid FRU (common header + board area) for fru write */
    static const uint8_t fru[] = {0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xFE,
                                  0x01, 0x02, 0x19, 0x00, 0x00, 0x00, 0xC0, 0xC0,
                                  0xC0, 0xC0, 0xC0, 0xC1, 0x00, 0x00, 0x00, 0xA8};
    FILE *f = fopen(fru_image, "wb");
    if (f) {
        fwrite(fru, 1, sizeof(fru), f);
        fclose(f);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    if (!scratch[0])
        setup_files();
    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    if (!null_out)
        return 0;

    const char *line = commands[data[0] % N_COMMANDS];
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", line);
    char *argv[24];
    int argc = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok && argc < 23;
         tok = strtok_r(NULL, ",", &save))
        argv[argc++] =
            strcmp(tok, "@") == 0
                ? (strcmp(argv[0], "fru") == 0 && strcmp(argv[1], "write") == 0 ? fru_image
                                                                                : scratch)
                : tok;
    argv[argc] = NULL;

    struct fuzz_tr tr;
    fuzz_tr_init(&tr, data + 2, data + size);

    struct ik_cli cli;
    memset(&cli, 0, sizeof(cli));
    cli.progname = "ipmikit";
    cli.host = "fuzz";
    cli.port = 623;
    cli.target_addr = -1;
    cli.target_channel = -1;
    cli.local_addr = 0x20;
    cli.cipher_suite = -1;
    cli.no_sdr_cache = 1;
    cli.utc = 1;
    cli.json = data[1] & 1;
    cli.verbose = (data[1] >> 1) & 1;
    cli.out = null_out;
    cli.err = null_out;
    cli.tr = &tr.base;
    tr.base.cli = &cli;

    cmd_fn fn = command_fn(argv[0]);
    if (fn)
        fn(&cli, argc, argv);
    return 0;
}
