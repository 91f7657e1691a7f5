/*
 * Shared by fuzz_session_server.c and fuzz_session_client.c: a deterministic in-process
 * BMC (lib/session_server) and console (lib/session_client) that the harnesses use to
 * reach every state once at start-up, so each fuzz input can be fed to a copy of a machine
 * in the state it picks. With IK_FUZZ_WRITE_SEEDS=DIR set, the datagrams of those
 * handshakes are written there as seed files.
 */
#ifndef IK_FUZZ_SESSION_WORLD_H
#define IK_FUZZ_SESSION_WORLD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanmsg.h"
#include "session15.h"
#include "session_client.h"
#include "session_server.h"

static uint8_t fw_ctr;
static int fw_fill(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(fw_ctr++ * 31 + 7);
    return 0;
}

static int fw_by_name(void *ctx, const uint8_t *name, size_t len, struct ik_srv_user *out)
{
    (void)ctx;
    memset(out, 0, sizeof(*out));
    if (len != 5 || memcmp(name, "admin", 5))
        return IK_E_NOTFOUND;
    memcpy(out->password, "password", 8);
    out->priv_limit = IK_PRIV_ADMIN;
    out->enabled = true;
    return 0;
}

static void fw_config(struct ik_srv_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->channel = 1;
    cfg->chan_priv_limit = IK_PRIV_ADMIN;
    for (int i = 1; i < IK_CIPHER_COUNT; i++)
        cfg->suite_priv[i] = ik_cipher_suite_supported((uint8_t)i) ? IK_PRIV_ADMIN : 0;
    cfg->auth15 = IK_AUTHCAP_NONE | IK_AUTHCAP_MD2 | IK_AUTHCAP_MD5 | IK_AUTHCAP_PASSWORD;
    cfg->v20 = true;
    cfg->null_users = true;
    cfg->users = (struct ik_srv_users){fw_by_name, NULL, NULL};
    cfg->rng = (struct ik_rng){fw_fill, NULL};
}

/* Hook called on every datagram the console sends / the BMC answers, with the machines'
 * states at that moment. */
typedef void (*fw_hook)(const struct ik_lanc *c, const struct ik_srv_session *s, const uint8_t *dg,
                        size_t len, int from_client);

static int fw_seed_no;
static void fw_write_seed(const uint8_t *prefix, size_t plen, const uint8_t *dg, size_t len)
{
    const char *dir = getenv("IK_FUZZ_WRITE_SEEDS");
    if (!dir)
        return;
    char path[512];
    snprintf(path, sizeof(path), "%s/seed_%03d", dir, fw_seed_no++);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(prefix, 1, plen, f);
    fwrite(dg, 1, len, f);
    fclose(f);
}

/* Run one handshake plus a Get Device ID and a Close Session. */
static void fw_run(const struct ik_srv_config *cfg, bool v15, uint8_t auth15, int suite,
                   fw_hook hook)
{
    static struct ik_lanc c;
    static struct ik_srv_session s;
    struct ik_lanc_config cc;
    struct ik_sm_step st;
    uint8_t reply[IK_RP_MAX_DGRAM];
    ik_time_us now = 1000000;
    bool have_session = false;
    ik_lanc_config_defaults(&cc);
    memcpy(cc.user, "admin", 5);
    cc.user_len = 5;
    memcpy(cc.password, "password", 8);
    cc.v15 = v15;
    cc.auth15 = auth15;
    cc.suite = suite;
    cc.rng = (struct ik_rng){fw_fill, NULL};
    memset(&s, 0, sizeof(s));
    if (ik_lanc_start(&c, &cc, now, &st))
        abort();
    int phase = 0; /* 0 handshake, 1 request, 2 close */
    for (int guard = 0; guard < 64; guard++) {
        if (st.act == IK_SM_DONE) {
            if (phase == 0) {
                phase = 1;
                if (ik_lanc_request(&c, now, IK_NETFN_APP, IK_CMD_GET_DEVICE_ID, NULL, 0, &st))
                    abort();
            } else if (phase == 1) {
                phase = 2;
                if (ik_lanc_close(&c, now, &st))
                    abort();
            } else {
                return;
            }
            continue;
        }
        if (st.act != IK_SM_SEND)
            abort(); /* the world never loses packets */
        hook(&c, &s, st.tx, st.tx_len, 1);
        struct ik_srv_route route;
        struct ik_srv_out out;
        ik_srv_classify(st.tx, st.tx_len, &route);
        if (route.kind == IK_SRV_ROUTE_SESSIONLESS) {
            if (ik_srv_sessionless(cfg, st.tx, st.tx_len, reply, sizeof(reply), &out))
                abort();
        } else {
            if (route.kind == IK_SRV_ROUTE_NEW_SESSION && !have_session) {
                ik_srv_session_init(&s, 0x4242, now);
                have_session = true;
            }
            if (ik_srv_rx(&s, cfg, now, st.tx, st.tx_len, reply, sizeof(reply), &out))
                abort();
        }
        size_t rlen = out.tx_len;
        if (out.act == IK_SRV_DELIVER) {
            uint8_t data[3] = {0, 0x20, 0x81}, msg[32];
            size_t ml;
            struct ik_ipmimsg rsp;
            ik_ipmimsg_response_hdr(&out.req, &rsp);
            rsp.data = data;
            rsp.data_len = 3;
            if (ik_ipmimsg_encode(&rsp, msg, sizeof(msg), &ml) ||
                ik_srv_wrap(&s, cfg, msg, ml, reply, sizeof(reply), &rlen))
                abort();
        } else if (out.act == IK_SRV_DROP) {
            abort();
        }
        hook(&c, &s, reply, rlen, 0);
        now += 100;
        if (ik_lanc_rx(&c, now, reply, rlen, &st))
            abort();
    }
    abort();
}

#endif
