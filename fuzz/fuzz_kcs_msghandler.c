/*
 * libFuzzer: the host message handler over the KCS backend and the emulated register pair,
 * with a BMC whose every answer (header, completion code, Get Message Flags, Get Message
 * frames, events, SMS_ATN) comes from the input. The handler must not crash, and every
 * request it accepted must be answered exactly once within 20 virtual seconds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "kcs.h"
#include "msghandler.h"
#include "smi_kcs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NREQ 8

struct fz {
    const uint8_t *p;
    size_t n, off;
    struct ik_kcs_dev dev;
    struct ik_kcs_bmc bmc;
    unsigned answers[NREQ];
    bool accepted[NREQ];
};

static uint8_t take(struct fz *f)
{
    return f->off < f->n ? f->p[f->off++] : 0;
}

static void engine(void *arg, const uint8_t *req, size_t len, uint32_t token)
{
    struct fz *f = arg;
    uint8_t rsp[2 + 64];
    uint8_t ctl = take(f);
    size_t n = take(f) % 64;

    (void)len;
    rsp[0] = (uint8_t)(((req[0] >> 2) | 1) << 2 | (req[0] & 3));
    rsp[1] = req[1];
    if (ctl & 0x80)
        rsp[0] = take(f); /* a wrong header now and then */
    for (size_t i = 0; i < n; i++)
        rsp[2 + i] = take(f);
    /* Bit 4: make the body a well-formed Get Message result (CC, channel, then an IPMB
     * frame addressed to 20h with both checksums right), so the fuzzer reaches what the
     * handler does with valid frames rather than stopping at the checksum. */
    if ((ctl & 0x10) && n >= 8) {
        uint8_t *b = rsp + 2;
        uint8_t hdr[2] = {0x20, b[2]};
        b[3] = ik_cksum(hdr, 2);
        b[n - 1] = ik_cksum(b + 4, n - 5);
    }
    ik_kcs_bmc_set_attn(&f->bmc, (ctl & 0x40) != 0);
    if (ctl & 0x20)
        return; /* no answer: the host times out and recovers */
    (void)ik_kcs_bmc_respond(&f->bmc, token, rsp, 2 + n);
}

static void on_msg(void *arg, const struct ik_msgh_msg *m)
{
    struct fz *f = arg;
    if (m->len > IK_MSGH_MAX_DATA)
        __builtin_trap();
    if (m->type != IK_MSGH_RESPONSE)
        return;
    if (m->msgid >= NREQ || !f->accepted[m->msgid] || m->len < 1)
        __builtin_trap();
    f->answers[m->msgid]++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fz f;
    struct ik_kcs_bmc_io bio;
    struct ik_kcs_host_io hio;
    struct ik_smi_kcs_cfg kcfg;
    struct ik_msgh_user *u1, *u2;
    ik_time_us now = 1000;

    if (size < 1)
        return 0;
    memset(&f, 0, sizeof(f));
    f.p = data;
    f.n = size;
    ik_kcs_dev_init(&f.dev);
    ik_kcs_dev_bmc_io(&f.dev, &bio);
    ik_kcs_bmc_init(&f.bmc, &bio, engine, &f);
    ik_kcs_dev_attach(&f.dev, &f.bmc);
    ik_kcs_dev_host_io(&f.dev, &hio);
    ik_smi_kcs_default_cfg(&kcfg);
    kcfg.kcs.ibf_timeout_us = 2000;
    kcfg.kcs.obf_timeout_us = 2000;
    kcfg.kcs.poll_us = 200;
    kcfg.idle_poll_us = 50 * IK_US_PER_MS;
    struct ik_smi_kcs *k = ik_smi_kcs_new(&hio, &kcfg);
    struct ik_msgh *h = k ? ik_msgh_new(NULL, ik_smi_kcs_smi(k)) : NULL;
    if (!h)
        abort();
    if (ik_msgh_user_create(h, on_msg, &f, &u1) || ik_msgh_user_create(h, NULL, NULL, &u2))
        abort();
    ik_msgh_set_gets_events(u1, true);
    ik_msgh_register_cmd(u2, 0x30, take(&f), IK_MSGH_CHAN_ALL);

    unsigned nreq = take(&f) % (NREQ + 1);
    for (unsigned i = 0; i < nreq; i++) {
        uint8_t kind = take(&f);
        uint8_t d[4] = {take(&f), take(&f), take(&f), take(&f)};
        struct ik_msgh_addr a = (kind & 1)
                                    ? ik_msgh_addr_ipmb(kind >> 4 & 3, take(&f) & 0xFE, kind >> 6)
                                    : ik_msgh_addr_bmc();
        f.accepted[i] = ik_msgh_request(u1, &a, i, (uint8_t)(kind & 0x3E), take(&f), d,
                                        (kind >> 1) & 3, now) == 0;
    }

    ik_time_us end = now + 8 * IK_US_PER_S;
    for (unsigned long it = 0; it < 2000000ul && now < end; it++) {
        struct ik_msgh_msg m;
        ik_kcs_dev_set_time(&f.dev, now);
        ik_time_us next = ik_msgh_poll(h, now);
        while (ik_msgh_recv(u2, &m) == 0) {
            static const uint8_t cc = 0x00;
            if (m.type == IK_MSGH_COMMAND)
                (void)ik_msgh_respond(u2, &m, &cc, 1);
        }
        now = next > now ? next : now + 1;
        if (next == 0 || next > end)
            now = end;
    }
    for (unsigned i = 0; i < NREQ; i++)
        if (f.answers[i] != (f.accepted[i] ? 1u : 0u))
            __builtin_trap();

    char text[256];
    ik_msgh_describe(h, text, sizeof(text));
    ik_msgh_free(h);
    ik_smi_kcs_free(k);
    return 0;
}
