/*
 * The BMC engine: one struct ik_bmc per virtual BMC, handed requests and the time, giving
 * back responses. It owns no socket, reads no clock and writes no file: transports (LAN,
 * KCS, the QEMU VM protocol) feed it requests; durable state goes through the injected
 * store (struct ik_bmc_store), which bmcd backs with SQLite and tests with memory.
 *
 * Commands are rows in per-NetFn tables (bmc/app.c, bmc/chassis.c, bmc/sensor_event.c,
 * bmc/storage.c, bmc/transport.c, ...): a row names the command, the minimum privilege
 * and the request-length rule, and the engine checks both before the handler runs, so a
 * handler only ever sees a request of a length it declared. Adding a command is adding a
 * handler and a row.
 *
 * Completion codes the engine itself returns (IPMI 2.0 table 5-2):
 *   C1h  no row for (NetFn, cmd)           C7h  request shorter than min_len
 *   C8h  request longer than max_len       D4h  session privilege below the row's minimum
 *   C0h  node busy (a handler may say so)  D5h/D6h/CCh/... handlers decide
 */
#ifndef IK_BMC_ENGINE_H
#define IK_BMC_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "sm.h"

/* Privilege levels (IPMI 2.0 table 22-29 / session privilege). lib/lanmsg.h has the same
 * values as macros; they are dropped here so the two headers go in either order. */
#undef IK_PRIV_CALLBACK
#undef IK_PRIV_USER
#undef IK_PRIV_OPERATOR
#undef IK_PRIV_ADMIN
#undef IK_PRIV_OEM
enum ik_priv {
    IK_PRIV_NONE = 0, /* sessionless request on a channel that needs a session */
    IK_PRIV_CALLBACK = 1,
    IK_PRIV_USER = 2,
    IK_PRIV_OPERATOR = 3,
    IK_PRIV_ADMIN = 4,
    IK_PRIV_OEM = 5,
    IK_PRIV_NO_ACCESS = 0x0F,
};

/* Channel numbers with fixed meaning (IPMI 2.0 table 6-1). */
#define IK_CHAN_IPMB    0x00
#define IK_CHAN_LAN     0x01 /* the LAN channel ipmikit's BMCs expose */
#define IK_CHAN_PRESENT 0x0E
#define IK_CHAN_SYSTEM  0x0F

/* Largest request/response data (after the completion code) the engine handles. LAN
 * payloads can carry more than IPMB's 32 bytes; 255 covers every command's maximum. */
#define IK_BMC_MAX_REQ 255
#define IK_BMC_MAX_RSP 255

/* Who is asking: filled by the transport. */
struct ik_bmc_ctx {
    uint8_t channel;     /* channel the request arrived on */
    uint8_t priv;        /* current privilege (ADMIN for the system interface) */
    uint8_t user_id;     /* 0 when there is no session */
    uint32_t session_id; /* BMC-side session ID, 0 when there is none */
    uint8_t rq_addr;     /* requester address (software ID 81h for LAN consoles) */
    uint8_t rq_lun;
};

struct ik_bmc_req {
    uint8_t netfn; /* request NetFn (even) */
    uint8_t lun;
    uint8_t cmd;
    const uint8_t *data;
    size_t len;
};

struct ik_bmc_rsp {
    uint8_t cc;
    size_t len; /* bytes of data after the completion code */
    uint8_t data[IK_BMC_MAX_RSP];
};

struct ik_bmc;

typedef void (*ik_bmc_handler)(struct ik_bmc *bmc, const struct ik_bmc_ctx *ctx,
                               const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp);

/* One command: a row of a NetFn table. */
struct ik_bmc_cmd {
    uint8_t netfn;
    uint8_t cmd;
    uint8_t min_priv; /* enum ik_priv */
    uint8_t min_len;
    uint8_t max_len; /* requests longer than this get C8h */
    ik_bmc_handler fn;
};

/* A NetFn file exports one of these; engine.c lists them. */
struct ik_bmc_cmd_table {
    const struct ik_bmc_cmd *rows;
    size_t n;
};

/*
 * Durable storage, injected. Every call returns 0 once the change is committed (an
 * acknowledged write survives kill -9), or a negative IK_E_*. The engine keeps its own
 * copy of everything in memory and writes through; loading happens once at start
 * (ik_bmc_load), so reads never touch the store.
 */
struct ik_bmc_store {
    void *ctx;
    /* SEL: records are the 16-byte wire form (record ID in bytes 0-1). */
    int (*sel_put)(void *ctx, const uint8_t rec[16]);
    int (*sel_delete)(void *ctx, uint16_t id);
    int (*sel_clear)(void *ctx);
    /* Calls fn for every stored record in ascending ID order. */
    int (*sel_load)(void *ctx, void (*fn)(void *arg, const uint8_t rec[16]), void *arg);
    /* Small named blobs: users, channel access, LAN and boot parameters, thresholds, FRU
     * writes, SEL time offset, ... Keys are short ASCII ("user/2", "boot/5"). */
    int (*kv_put)(void *ctx, const char *key, const void *val, size_t len);
    int (*kv_del)(void *ctx, const char *key);
    int (*kv_load)(void *ctx, void (*fn)(void *arg, const char *key, const void *val, size_t len),
                   void *arg);
};

/* Reasons a request or datagram is dropped without an answer; each has a counter. */
#define IK_BMC_DROP_MAP(X)                                                                         \
    X(SHORT_DATAGRAM, "datagram shorter than its headers")                                         \
    X(BAD_RMCP, "not an RMCP IPMI/ASF message")                                                    \
    X(BAD_CHECKSUM, "IPMI message checksum mismatch")                                              \
    X(BAD_LENGTH, "length field disagrees with the datagram")                                      \
    X(BAD_PAYLOAD_TYPE, "unknown or unsupported payload type")                                     \
    X(BAD_SESSION_ID, "unknown or inactive session ID")                                            \
    X(BAD_AUTH, "authentication code / integrity check failed")                                    \
    X(BAD_PAD, "bad integrity or confidentiality pad")                                             \
    X(SEQUENCE, "sequence number outside the window or repeated")                                  \
    X(SESSION_LIMIT, "session table full")                                                         \
    X(LOCKED_OUT, "user locked out after failed logins")                                           \
    X(POLICY, "refused by security policy (suite, auth type, null user)")                          \
    X(NOT_RESPONSE, "response NetFn received by the BMC")                                          \
    X(ASF, "ASF message other than Presence Ping")                                                 \
    X(AUTH_TYPE, "IPMI 1.5 disabled or not the session's authentication type")                     \
    X(NO_SESSION_CMD, "command that needs a session sent without one")                             \
    X(STATE, "message not valid in the session's state")                                           \
    X(PEER_ABORT, "console aborted the handshake (RAKP 3 error status)")                           \
    X(INTERNAL, "internal failure (crypto, encoding)")                                             \
    X(OTHER, "other malformed input")

enum ik_bmc_drop {
#define IK__DROP_ENUM(name, text) IK_BMC_DROP_##name,
    IK_BMC_DROP_MAP(IK__DROP_ENUM)
#undef IK__DROP_ENUM
        IK_BMC_DROP_COUNT
};

const char *ik_bmc_drop_name(enum ik_bmc_drop d); /* "short_datagram" */
const char *ik_bmc_drop_text(enum ik_bmc_drop d);

/* Where the engine's key=value log lines go (bmcd: stderr / syslog). */
typedef void (*ik_bmc_log_fn)(void *ctx, const char *line);

/* Device identity (Get Device ID, GUIDs); filled from the machine description. */
struct ik_bmc_identity {
    uint8_t device_id;
    uint8_t device_rev;       /* bits 3:0; bit 7 = provides device SDRs */
    uint8_t fw_major;         /* bits 6:0; bit 7 = device available (0 = normal) */
    uint8_t fw_minor;         /* BCD */
    uint8_t ipmi_version;     /* 51h = 1.5, 02h = 2.0 */
    uint8_t dev_support;      /* additional device support bits */
    uint32_t manufacturer_id; /* 20 bits, IANA */
    uint16_t product_id;
    uint8_t aux_fw[4];
    uint8_t device_guid[16];
    uint8_t system_guid[16];
};

struct ik_machine; /* bmc/machine.h: the parsed machine description */

/*
 * A chassis power action the engine has started (Chassis Control, the watchdog, the power
 * restore policy). bmcd hands it to bmcd/hooks.c, which runs the description's command for
 * the action; tests record it. The engine never waits for the hook: the power state
 * follows the description's delays whatever the hook does.
 */
enum ik_bmc_power_action {
    IK_BMC_POWER_OFF = 0,
    IK_BMC_POWER_ON = 1,
    IK_BMC_POWER_CYCLE = 2,
    IK_BMC_POWER_RESET = 3,
    IK_BMC_POWER_DIAG = 4, /* pulse diagnostic interrupt */
    IK_BMC_POWER_SOFT = 5, /* ACPI soft shutdown */
};

struct ik_bmc_power_event {
    uint8_t action;       /* enum ik_bmc_power_action */
    uint8_t cause;        /* restart cause code (Get System Restart Cause [3:0]) */
    uint8_t boot_valid;   /* boot flags valid for this boot */
    uint8_t boot_device;  /* boot device selector, boot flags byte 2 [5:2] */
    uint8_t boot_efi;     /* boot flags byte 1 [5] */
    uint8_t boot_persist; /* boot flags byte 1 [6] */
};

typedef void (*ik_bmc_power_fn)(void *ctx, const struct ik_bmc_power_event *ev);

struct ik_bmc_config {
    const char *name; /* for logs: "bmc=<name>" */
    struct ik_bmc_identity id;
    const struct ik_machine *machine; /* borrowed; must outlive the BMC; may be NULL */
    struct ik_bmc_store store;
    ik_bmc_log_fn log;
    void *log_ctx;
    /* Wall-clock anchor: the Unix time (seconds, UTC) at monotonic time mono_at_start.
     * The engine derives its wall clock from `now` and this pair, so it never reads a
     * clock; Set SEL Time moves it by an offset the SEL module keeps. */
    int64_t unix_at_start;
    ik_time_us mono_at_start;
    /* Randomness for session IDs, challenges and RAKP (lib/crypto.h's source in bmcd, a
     * fixed sequence in tests). Returns 0 on success. */
    int (*random)(void *ctx, uint8_t *out, size_t n);
    void *random_ctx;
    /* Power actions, for external hooks (bmcd/hooks.h); may be NULL. */
    ik_bmc_power_fn power_hook;
    void *power_hook_ctx;
};

/* Create a BMC (calloc'd; NULL on allocation failure). The config is copied. */
struct ik_bmc *ik_bmc_new(const struct ik_bmc_config *cfg);
void ik_bmc_free(struct ik_bmc *bmc);

/* Load durable state from the store; call once before the first request. */
int ik_bmc_load(struct ik_bmc *bmc);

/*
 * Run one request through privilege and length checks and its handler. Always fills
 * rsp (cc and data); never fails. `now` is the caller's monotonic time.
 */
void ik_bmc_dispatch(struct ik_bmc *bmc, ik_time_us now, const struct ik_bmc_ctx *ctx,
                     const struct ik_bmc_req *req, struct ik_bmc_rsp *rsp);

/* Advance time-driven behaviour (sensors, watchdog, power transitions, session reaping).
 * Returns the next time it wants to be called (0 = nothing scheduled). A request can
 * start something timed (a power transition, the watchdog), so a transport calls this
 * after every dispatch too and re-arms its timer with the result; calling it early is
 * cheap (modules with nothing due return at once). */
ik_time_us ik_bmc_tick(struct ik_bmc *bmc, ik_time_us now);

/* Count a drop and log it once as "drop=<name> bmc=<name> <detail>". */
void ik_bmc_drop(struct ik_bmc *bmc, enum ik_bmc_drop why, const char *detail);
uint64_t ik_bmc_drop_count(const struct ik_bmc *bmc, enum ik_bmc_drop why);

/* Log one key=value line, prefixed with "bmc=<name> ". printf format. */
void ik_bmc_log(struct ik_bmc *bmc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const struct ik_bmc_identity *ik_bmc_identity(const struct ik_bmc *bmc);
const struct ik_bmc_store *ik_bmc_get_store(const struct ik_bmc *bmc);
ik_time_us ik_bmc_now(const struct ik_bmc *bmc); /* time of the request being handled */
/* Unix time (seconds) at `now`, from the config's anchor. */
int64_t ik_bmc_unix_time(const struct ik_bmc *bmc);

/* An in-memory store (for tests, fuzzing and bmcd --no-state). Not durable. */
struct ik_bmc_memstore;
struct ik_bmc_memstore *ik_bmc_memstore_new(void);
void ik_bmc_memstore_free(struct ik_bmc_memstore *m);
struct ik_bmc_store ik_bmc_memstore_ops(struct ik_bmc_memstore *m);

#endif
