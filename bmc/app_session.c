/*
 * NetFn App (06h), session group: Get Session Info and Close Session of another session
 * (IPMI 2.0 sections 22.19-22.20). Get Session Challenge, Activate Session, Set Session
 * Privilege Level and a session closing itself are answered by lib/session_server before
 * the engine sees them; what arrives here runs against the session table in lan.c.
 */
#include "bmc_int.h"

#include <string.h>

#include "lanmsg.h"
#include "msg_user.h"

#define NETFN_APP 0x06

/*
 * Close Session (section 22.19; request in lib/lanmsg.h): a session ID, or ID 0 and a
 * session handle. Closing another user's session takes ADMINISTRATOR.
 * 87h: no active session with that ID; 88h: no active session with that handle.
 */
static void close_session(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                          const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_close_req q;
    int rc = ik_close_req_decode(req->data, req->len, &q);
    if (rc != 0) {
        /* The engine passes 4 or 5 bytes: a handle after a non-zero ID is C8h (too
         * long), a zero ID without its handle C7h. */
        rsp->cc = rc == IK_E_OVERSIZE ? 0xC8 : 0xC7;
        return;
    }
    struct ik_lan_slot *sl;
    if (q.sid) {
        if (!(sl = ik_lan_find_id(bmc, q.sid))) {
            rsp->cc = 0x87; /* invalid session ID in request */
            return;
        }
    } else if (!(sl = ik_lan_find_handle(bmc, q.handle))) {
        rsp->cc = 0x88; /* invalid session handle in request */
        return;
    }
    bool own = ctx->session_id && sl->s.id == ctx->session_id;
    if (!own && sl->s.uid != ctx->user_id && ctx->priv < IK_PRIV_ADMIN) {
        rsp->cc = 0xD4; /* closing someone else's session takes administrator */
        return;
    }
    ik_lan_close(bmc, sl, own ? "close_session" : "closed_by_other");
}

/*
 * Get Session Info (section 22.20; payloads in lib/msg_user.h): by index (00h this
 * session, 01h-3Fh the Nth active one), by handle (FEh) or by session ID (FFh). A session
 * that matched is described as on the 802.3 LAN channel; its console MAC is not known to
 * a UDP server and is sent as zeros. No match: the handle is 0 and the answer 3 bytes.
 */
static void get_session_info(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                             const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp)
{
    struct ik_session_info_req q;
    int rc = ik_session_info_req_decode(req->data, req->len, &q);
    if (rc == IK_E_BADFIELD) {
        rsp->cc = 0xCC; /* reserved index */
        return;
    }
    if (rc != 0) {
        /* A length wrong for the index (the engine passes at least the index byte): too
         * many bytes after an index by number is C8h, any other mismatch C7h. */
        rsp->cc = req->data[0] <= IK_SESSINFO_NTH_MAX ? 0xC8 : 0xC7;
        return;
    }
    struct ik_lan_slot *sl = NULL;
    if (q.index == IK_SESSINFO_BY_HANDLE) {
        sl = ik_lan_find_handle(bmc, q.handle);
    } else if (q.index == IK_SESSINFO_BY_ID) {
        sl = ik_lan_find_id(bmc, q.session_id);
    } else {
        if (q.index == IK_SESSINFO_THIS && !ctx->session_id) {
            rsp->cc = 0xCC; /* asked for "this session" outside any session */
            return;
        }
        sl = q.index ? ik_lan_nth_active(bmc, q.index) : ik_lan_find_id(bmc, ctx->session_id);
    }
    unsigned active = ik_lan_active_count(bmc, 0);
    struct ik_session_info v = {
        .handle = sl ? sl->handle : 0,
        .slots = bmc->acc.chan.max_sessions & 0x3F,
        .active = (uint8_t)(active > 63 ? 63 : active),
    };
    if (sl) {
        v.has_session = true;
        v.user_id = sl->s.uid & 0x3F;
        v.priv = sl->s.priv & 0x0F;
        v.protocol = sl->s.v20 ? 1 : 0;
        v.channel = bmc->acc.chan.number & 0x0F;
        v.media = IK_SESSINFO_LAN;
        memcpy(v.ip, sl->peer.ip, sizeof(v.ip));
        v.has_port = true;
        v.port = sl->peer.port;
    }
    size_t n = 0;
    if (ik_session_info_encode(&v, rsp->data, sizeof(rsp->data), &n) != 0) {
        rsp->cc = 0xFF; /* cannot happen: every field is masked to its width */
        return;
    }
    rsp->len = n;
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
