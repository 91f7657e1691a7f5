/*
 * NetFn App (06h), session group: Get Session Info and Close Session of another session
 * (IPMI 2.0 sections 22.19-22.20). Get Session Challenge, Activate Session, Set Session
 * Privilege Level and a session closing itself are answered by lib/session_server before
 * the engine sees them; what arrives here runs against the session table in lan.c.
 */
#include "bmc_int.h"

#include <string.h>

#include "cursor.h"

#define NETFN_APP 0x06

/*
 * Close Session (section 22.19), request: 0 session ID (4, LS first); 4 session handle,
 * only when the ID is 0. Closing another user's session takes ADMINISTRATOR.
 * 87h: no active session with that ID; 88h: no active session with that handle.
 */
static void close_session(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_rd r;
    ik_rd_init(&r, req->data, req->len);
    uint32_t sid = ik_rd_le32(&r);
    struct ik_lan_slot *sl;
    if (sid) {
        if (req->len != 4) {
            rsp->cc = 0xC8;
            return;
        }
        if (!(sl = ik_lan_find_id(bmc, sid))) {
            rsp->cc = 0x87; /* invalid session ID in request */
            return;
        }
    } else {
        if (req->len != 5) {
            rsp->cc = 0xC7;
            return;
        }
        if (!(sl = ik_lan_find_handle(bmc, req->data[4]))) {
            rsp->cc = 0x88; /* invalid session handle in request */
            return;
        }
    }
    bool own = ctx->session_id && sl->s.id == ctx->session_id;
    if (!own && sl->s.uid != ctx->user_id && ctx->priv < IK_PRIV_ADMIN) {
        rsp->cc = 0xD4; /* closing someone else's session takes administrator */
        return;
    }
    ik_lan_close(bmc, sl, own ? "close_session" : "closed_by_other");
}

/*
 * Get Session Info (section 22.20), request:
 *   0  session index: 00h this session, 01h-3Fh the Nth active session,
 *      FEh by handle (byte 1), FFh by session ID (bytes 1-4)
 * Response:
 *   0  session handle (00h: no active session matches)
 *   1  [5:0] number of possible active sessions (the channel's limit)
 *   2  [5:0] number of currently active sessions
 *   -- only when a session matched:
 *   3  [5:0] user ID
 *   4  [3:0] operating privilege level
 *   5  [7:4] protocol: 0h IPMI 1.5, 1h IPMI 2.0 / RMCP+; [3:0] channel number
 *   6  console IP address (4 bytes, MS byte first)
 *   10 console MAC address (6 bytes; not known to a UDP server: zeros)
 *   16 console port (2 bytes, LS byte first)
 */
static void get_session_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    const uint8_t *d = req->data;
    uint8_t idx = d[0];
    struct ik_lan_slot *sl = NULL;
    if (idx == 0xFE) {
        if (req->len != 2) {
            rsp->cc = 0xC7;
            return;
        }
        sl = ik_lan_find_handle(bmc, d[1]);
    } else if (idx == 0xFF) {
        if (req->len != 5) {
            rsp->cc = 0xC7;
            return;
        }
        struct ik_rd r;
        ik_rd_init(&r, d + 1, 4);
        sl = ik_lan_find_id(bmc, ik_rd_le32(&r));
    } else if (idx <= 0x3F) {
        if (req->len != 1) {
            rsp->cc = 0xC8;
            return;
        }
        if (idx == 0 && !ctx->session_id) {
            rsp->cc = 0xCC; /* asked for "this session" outside any session */
            return;
        }
        sl = idx ? ik_lan_nth_active(bmc, idx) : ik_lan_find_id(bmc, ctx->session_id);
    } else {
        rsp->cc = 0xCC;
        return;
    }
    unsigned active = ik_lan_active_count(bmc, 0);
    struct ik_wr w;
    ik_wr_init(&w, rsp->data, sizeof(rsp->data));
    ik_wr_u8(&w, sl ? sl->handle : 0);
    ik_wr_u8(&w, bmc->acc.chan.max_sessions & 0x3F);
    ik_wr_u8(&w, (uint8_t)(active > 63 ? 63 : active));
    if (sl) {
        ik_wr_u8(&w, sl->s.uid & 0x3F);
        ik_wr_u8(&w, sl->s.priv & 0x0F);
        ik_wr_u8(&w, (uint8_t)((sl->s.v20 ? 0x10 : 0x00) | (bmc->acc.chan.number & 0x0F)));
        ik_wr_bytes(&w, sl->peer.ip, 4);
        ik_wr_fill(&w, 0, 6);
        ik_wr_le16(&w, sl->peer.port);
    }
    rsp->len = w.off;
}

/* Privileges from IPMI 2.0 appendix G. */
static const struct ik_bmc_cmd session_cmds[] = {
    {NETFN_APP, 0x3C, IK_PRIV_CALLBACK, 4, 5, close_session},
    {NETFN_APP, 0x3D, IK_PRIV_USER, 1, 5, get_session_info},
};

const struct ik_bmc_module ik_bmc_mod_session = {
    .name = "session",
    .cmds = session_cmds,
    .ncmds = sizeof(session_cmds) / sizeof(session_cmds[0]),
};
