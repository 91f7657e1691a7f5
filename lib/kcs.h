/*
 * KCS, the Keyboard Controller Style system interface (IPMI 2.0 section 9): both ends of the
 * register pair as event-driven machines, and an in-memory emulated register pair with fault
 * injection that connects them.
 *
 * The interface is two I/O ports. The host writes the command register (control codes) and
 * the input data register; the BMC writes the output data register and owns the status
 * register. A write by the host sets IBF until the BMC reads it; a write by the BMC sets OBF
 * until the host reads it. Every byte is a handshake.
 *
 * Status register (table 9-1):
 *   BIT  NAME      MEANING
 *   7:6  S1:S0     interface state (table 9-2): 0 IDLE, 1 READ, 2 WRITE, 3 ERROR
 *   5:4  OEM2:1    free for the BMC vendor
 *   3    C/D#      1 = the last host write went to the command register
 *   2    SMS_ATN   the BMC has a message or event for system software
 *   1    IBF       input buffer full: a host write the BMC has not read yet
 *   0    OBF       output buffer full: a BMC byte the host has not read yet
 *
 * Control codes (table 9-3), written by the host:
 *   60h GET_STATUS/ABORT (command register)   61h WRITE_START (command register)
 *   62h WRITE_END (command register)          68h READ (data register, in the read phase)
 *
 * Status codes (table 9-4), what GET_STATUS/ABORT reports:
 *   00h no error  01h aborted by command  02h illegal control code  06h length error
 *   C0h-FEh OEM   FFh unspecified error   (all others reserved)
 *
 * One transaction, as the host sees it (section 9.15):
 *   write phase  WRITE_START; then each byte but the last to the data register, waiting
 *                for IBF to clear and the state to read WRITE after each; then WRITE_END
 *                and the last byte. The BMC switches to READ on the last byte.
 *   read phase   while the state is READ: wait for OBF, read a byte, write READ (68h) to
 *                acknowledge. The BMC answers the READ after the last byte by switching
 *                to IDLE and writing a dummy byte, which the host reads and discards.
 *   error exit   wait for IBF to clear, write GET_STATUS/ABORT, wait, write 00h to the
 *                data register, wait for the READ state and OBF, read the status code,
 *                write READ, wait for the IDLE state and read the dummy byte.
 *
 * The machines never touch hardware themselves: register access is injected (like the
 * Linux driver's si_sm_io) so the same code runs on I/O ports, on lib's emulated pair,
 * or across a socket to bmcd. Time comes in as an argument; nothing sleeps.
 */
#ifndef IK_KCS_H
#define IK_KCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipmikit/error.h"
#include "sm.h"

/* Largest message either side buffers (NetFn/LUN, cmd, data; the response adds the
 * completion code). The same bound the Linux message handler uses for bridged traffic. */
#define IK_KCS_MAX_MSG 272

/* Status register bits (table 9-1). */
#define IK_KCS_ST_OBF        0x01
#define IK_KCS_ST_IBF        0x02
#define IK_KCS_ST_SMS_ATN    0x04
#define IK_KCS_ST_CD         0x08
#define IK_KCS_ST_OEM1       0x10
#define IK_KCS_ST_OEM2       0x20
#define IK_KCS_ST_STATE_MASK 0xC0
#define IK_KCS_ST_STATE(st)  ((uint8_t)((st) >> 6))

/* Interface states (table 9-2): bits 7:6 of the status register. */
enum ik_kcs_state {
    IK_KCS_STATE_IDLE = 0,
    IK_KCS_STATE_READ = 1,
    IK_KCS_STATE_WRITE = 2,
    IK_KCS_STATE_ERROR = 3,
};

/* Control codes (table 9-3). */
#define IK_KCS_GET_STATUS_ABORT 0x60
#define IK_KCS_WRITE_START      0x61
#define IK_KCS_WRITE_END        0x62
#define IK_KCS_READ             0x68

/* Status codes (table 9-4). */
#define IK_KCS_STATUS_NO_ERROR     0x00
#define IK_KCS_STATUS_ABORTED      0x01
#define IK_KCS_STATUS_ILLEGAL_CODE 0x02
#define IK_KCS_STATUS_LENGTH       0x06
#define IK_KCS_STATUS_UNSPECIFIED  0xFF

/* "IDLE", "READ", "WRITE", "ERROR" for state bits 0..3 (anything else: "?"). */
const char *ik_kcs_state_name(unsigned state);
/* "length error" for 06h; "OEM error" for C0h-FEh; "reserved" for unassigned codes. */
const char *ik_kcs_status_name(uint8_t code);

/* ------------------------------------------------------------------------------------ */
/* Host side (system software)                                                          */
/* ------------------------------------------------------------------------------------ */

/* The host's four register operations, injected. */
struct ik_kcs_host_io {
    uint8_t (*read_status)(void *ctx);
    uint8_t (*read_data)(void *ctx); /* clears OBF */
    void (*write_cmd)(void *ctx, uint8_t code);
    void (*write_data)(void *ctx, uint8_t byte);
    void *ctx;
};

struct ik_kcs_host_cfg {
    ik_time_us ibf_timeout_us; /* longest wait for IBF to clear (default 5 s) */
    ik_time_us obf_timeout_us; /* longest wait for a byte from the BMC (default 5 s) */
    ik_time_us poll_us;        /* how soon to look again while waiting (default 100 us) */
    unsigned max_attempts;     /* successive failed attempts before giving up (default 20) */
};

/* Where the host machine is. Every state but IDLE and DISABLED first waits for IBF=0. */
enum ik_kcs_host_state {
    IK_KCS_H_IDLE,        /* no transaction; each event clears a stray OBF, samples SMS_ATN */
    IK_KCS_H_START,       /* request loaded: wait for IDLE, then write WRITE_START */
    IK_KCS_H_WRITE_START, /* WRITE_START written: expect WRITE, send the first byte */
    IK_KCS_H_WRITE_BYTE,  /* a request byte written: expect WRITE, send the next one */
    IK_KCS_H_WRITE_END,   /* WRITE_END written: expect WRITE, send the last byte */
    IK_KCS_H_READ,        /* read phase: READ + OBF gives a byte, IDLE ends the response */
    IK_KCS_H_ERR_ABORT,   /* error exit: write GET_STATUS/ABORT once IBF clears */
    IK_KCS_H_ERR_STATUS,  /* GET_STATUS/ABORT written: write 00h to ask for the status */
    IK_KCS_H_ERR_READ,    /* 00h written: expect READ + OBF, read the status code */
    IK_KCS_H_ERR_IDLE,    /* status acknowledged: expect IDLE, then retry the request */
    IK_KCS_H_DISABLED,    /* given up (or disabled by the caller): registers untouched */
};

/* What went wrong last (for ik_kcs_host_describe). */
enum ik_kcs_fail {
    IK_KCS_FAIL_NONE,
    IK_KCS_FAIL_STATE,   /* the BMC's state bits were not what the protocol requires */
    IK_KCS_FAIL_IBF,     /* IBF stayed set past ibf_timeout_us */
    IK_KCS_FAIL_OBF,     /* no byte from the BMC within obf_timeout_us */
    IK_KCS_FAIL_OVERRUN, /* the BMC sent more than IK_KCS_MAX_MSG bytes */
};

struct ik_kcs_host_stats {
    uint64_t transactions; /* completed with a response */
    uint64_t failures;     /* failed attempts (each starts an error exit or gives up) */
    uint64_t recoveries;   /* error exits started */
    uint64_t stray_obf;    /* bytes found in the output register while idle */
};

struct ik_kcs_host {
    struct ik_kcs_host_io io;
    struct ik_kcs_host_cfg cfg;
    enum ik_kcs_host_state state;
    uint8_t wbuf[IK_KCS_MAX_MSG];
    size_t wlen, wpos;
    uint8_t rbuf[IK_KCS_MAX_MSG];
    size_t rlen;
    ik_time_us wait_since; /* last progress: the start of the current IBF/OBF wait */
    int finish_err;        /* set when the error exit must end the request, not retry */
    unsigned fails;        /* successive failed attempts; 0 after any completed request */
    bool attn;             /* SMS_ATN at the last status read */
    bool user_disabled;    /* DISABLED by ik_kcs_host_disable, not by errors */
    /* The last failure, for the message the caller shows. */
    enum ik_kcs_fail last_fail;
    uint8_t last_state;                /* state bits seen at that failure */
    enum ik_kcs_host_state last_where; /* machine state it happened in */
    bool have_status;                  /* a status code was read since the last success */
    uint8_t bmc_status;                /* ... and this is the latest one */
    struct ik_kcs_host_stats stats;
};

/* Default configuration (5 s timeouts, 100 us polls, 20 attempts). */
void ik_kcs_host_default_cfg(struct ik_kcs_host_cfg *cfg);

/* Set up an idle machine; cfg NULL means the defaults. */
void ik_kcs_host_init(struct ik_kcs_host *h, const struct ik_kcs_host_io *io,
                      const struct ik_kcs_host_cfg *cfg);

/*
 * Load a request (NetFn/LUN byte, cmd, data) and start at `now`. Drive it with
 * ik_kcs_host_event. IK_E_TRUNCATED under 2 bytes, IK_E_OVERSIZE over IK_KCS_MAX_MSG,
 * IK_E_BUSY if a transaction is in flight, IK_E_DISABLED once the machine gave up.
 */
int ik_kcs_host_start(struct ik_kcs_host *h, const uint8_t *req, size_t len, ik_time_us now);

/*
 * Advance: read the status register and do what the state requires. The step says:
 *   IK_SM_IDLE  nothing in flight (h->attn tells whether SMS_ATN is up)
 *   IK_SM_WAIT  call again at step->deadline (== now after progress: call right away)
 *   IK_SM_DONE  the response is ready (ik_kcs_host_result); the machine is idle again
 *   IK_SM_FAIL  the request failed: IK_E_OVERSIZE (response too long; the interface is
 *               fine) or IK_E_DISABLED (the machine gave up; see ik_kcs_host_describe)
 */
void ik_kcs_host_event(struct ik_kcs_host *h, ik_time_us now, struct ik_sm_step *step);

/* The last response (borrowed from the machine, valid until the next start). */
void ik_kcs_host_result(const struct ik_kcs_host *h, const uint8_t **rsp, size_t *len);

/* Stop touching the registers (a request in flight is dropped); enable resets the
 * failure count and returns to IDLE. Together they are the operator's reset. */
void ik_kcs_host_disable(struct ik_kcs_host *h);
void ik_kcs_host_enable(struct ik_kcs_host *h);

static inline bool ik_kcs_host_disabled(const struct ik_kcs_host *h)
{
    return h->state == IK_KCS_H_DISABLED;
}

/*
 * The machine's condition in one line, e.g.
 *   "KCS: BMC in ERROR state (status 06h length error) after 20 recovery attempts;
 *    interface disabled"
 * Returns what snprintf would (the untruncated length).
 */
int ik_kcs_host_describe(const struct ik_kcs_host *h, char *buf, size_t cap);

/* ------------------------------------------------------------------------------------ */
/* BMC side                                                                             */
/* ------------------------------------------------------------------------------------ */

/* The BMC's view of the same registers, injected. */
struct ik_kcs_bmc_io {
    uint8_t (*read_status)(void *ctx);
    uint8_t (*read_data)(void *ctx);             /* input data register; clears IBF */
    void (*write_data)(void *ctx, uint8_t byte); /* output data register; sets OBF */
    void (*update_status)(void *ctx, uint8_t mask, uint8_t bits); /* state, SMS_ATN, OEM */
    void *ctx;
};

/*
 * A complete request arrived: hand it to the engine. The engine answers with
 * ik_kcs_bmc_respond(b, token, ...), from inside this call or any time later; an answer
 * whose token is stale (the host aborted meanwhile) is refused. req is borrowed for the
 * duration of the call.
 */
typedef void (*ik_kcs_bmc_request_fn)(void *arg, const uint8_t *req, size_t len, uint32_t token);

/* Where the BMC machine is. */
enum ik_kcs_bmc_phase {
    IK_KCS_B_IDLE,       /* no transfer: only WRITE_START (or GET_STATUS/ABORT) expected */
    IK_KCS_B_WRITE,      /* WRITE_START seen: collecting request bytes (state WRITE) */
    IK_KCS_B_WRITE_END,  /* WRITE_END seen: the next data byte is the last (state WRITE) */
    IK_KCS_B_ENGINE,     /* request with the engine, response not yet known (state READ) */
    IK_KCS_B_READ,       /* streaming the response, one byte per READ (state READ) */
    IK_KCS_B_ABORT,      /* GET_STATUS/ABORT seen: the 00h data byte comes next (WRITE) */
    IK_KCS_B_ABORT_READ, /* status code in the output register: READ ends it (state READ) */
    IK_KCS_B_ERROR,      /* protocol error: only GET_STATUS/ABORT leaves (state ERROR) */
};

struct ik_kcs_bmc_stats {
    uint64_t requests;        /* handed to the engine */
    uint64_t responses;       /* fully read by the host */
    uint64_t aborts;          /* GET_STATUS/ABORT control codes */
    uint64_t errors;          /* entries into ERROR */
    uint64_t stale_responses; /* engine answers refused (token stale or wrong phase) */
};

struct ik_kcs_bmc {
    struct ik_kcs_bmc_io io;
    ik_kcs_bmc_request_fn on_request;
    void *engine;
    enum ik_kcs_bmc_phase phase;
    uint8_t status_code; /* what the next GET_STATUS/ABORT reports (table 9-4) */
    uint32_t token;      /* identifies the request with the engine; bumped on abort */
    uint8_t req[IK_KCS_MAX_MSG];
    size_t req_len;
    uint8_t rsp[IK_KCS_MAX_MSG];
    size_t rsp_len, rsp_pos;
    struct ik_kcs_bmc_stats stats;
};

/* Set up an idle BMC side and put the status register in IDLE with SMS_ATN clear. */
void ik_kcs_bmc_init(struct ik_kcs_bmc *b, const struct ik_kcs_bmc_io *io,
                     ik_kcs_bmc_request_fn on_request, void *engine);

/* React to a host write if IBF is set (one byte per call). Returns 1 if a byte was
 * consumed, 0 if IBF was clear. The BMC side has no timers: the spec puts every timeout
 * on the system software side. */
int ik_kcs_bmc_event(struct ik_kcs_bmc *b);

/* The engine's answer to request `token`: NetFn/LUN, cmd, completion code, data.
 * IK_E_STATE if the token is stale, IK_E_OVERSIZE over IK_KCS_MAX_MSG bytes. */
int ik_kcs_bmc_respond(struct ik_kcs_bmc *b, uint32_t token, const uint8_t *rsp, size_t len);

/* Raise or drop SMS_ATN (message or event waiting for system software). */
void ik_kcs_bmc_set_attn(struct ik_kcs_bmc *b, bool on);

/* BMC firmware found a problem of its own: enter ERROR with this status code. */
void ik_kcs_bmc_force_error(struct ik_kcs_bmc *b, uint8_t status_code);

/* ------------------------------------------------------------------------------------ */
/* Emulated register pair with fault injection                                          */
/* ------------------------------------------------------------------------------------ */

/*
 * Faults the emulated device can inject. A fault watches for its trigger event, lets
 * `skip` of them pass, then fires `times` times (IK_KCS_FAULT_HELD: for ever).
 *   kind            trigger                    effect
 *   ERROR_STATE     host writes WRITE_START    BMC enters ERROR with status code `arg`
 *   IBF_STUCK       any host write             BMC ignores input for `stall_us` (IBF stays
 *                                              set; IK_KCS_FOREVER: never clears)
 *   DROP_BYTE       host writes a data byte    byte lost: IBF never set, BMC never sees it
 *   DUP_BYTE        host writes a data byte    BMC receives the byte twice
 *   WRONG_STATE     host writes WRITE_END      state bits read `arg` instead of the truth
 *                                              until the host's next write
 *   NO_RESPONSE     BMC writes the first       the byte is lost: OBF never rises
 *                   response byte
 */
enum ik_kcs_fault_kind {
    IK_KCS_FAULT_NONE,
    IK_KCS_FAULT_ERROR_STATE,
    IK_KCS_FAULT_IBF_STUCK,
    IK_KCS_FAULT_DROP_BYTE,
    IK_KCS_FAULT_DUP_BYTE,
    IK_KCS_FAULT_WRONG_STATE,
    IK_KCS_FAULT_NO_RESPONSE,
};

#define IK_KCS_FAULT_HELD UINT32_MAX
#define IK_KCS_FOREVER    UINT64_MAX

struct ik_kcs_fault {
    enum ik_kcs_fault_kind kind;
    uint32_t skip;
    uint32_t times;
    uint8_t arg;
    ik_time_us stall_us;
};

/* Register operations a host can perform, as small messages (op, value) → reply byte:
 * the form they take when the host side runs in another process than bmcd. */
enum ik_kcs_regop {
    IK_KCS_OP_READ_STATUS = 1,
    IK_KCS_OP_READ_DATA = 2,
    IK_KCS_OP_WRITE_CMD = 3,
    IK_KCS_OP_WRITE_DATA = 4,
};

struct ik_kcs_dev_stats {
    uint64_t host_cmds;   /* writes to the command register */
    uint64_t host_aborts; /* ... of which GET_STATUS/ABORT */
    uint64_t host_data;   /* writes to the data register */
    uint64_t host_reads;  /* reads of either register */
    uint64_t overwrites;  /* host writes that landed while IBF was still set */
    uint64_t fault_fired; /* times the injected fault took effect */
};

struct ik_kcs_dev {
    uint8_t str, idr, odr;  /* status, input data (host→BMC), output data (BMC→host) */
    struct ik_kcs_bmc *bmc; /* reacts to host writes; NULL = nobody home */
    ik_time_us now;         /* the test's virtual clock, set by ik_kcs_dev_set_time */
    ik_time_us latency_us;  /* how long the BMC takes to notice a host write */
    ik_time_us written_at;  /* when the pending host write landed */
    ik_time_us stall_until; /* IBF_STUCK: BMC deaf until then */
    int state_override;     /* WRONG_STATE: state bits shown to the host, or -1 */
    struct ik_kcs_fault fault;
    uint32_t fault_seen;
    uint32_t fault_left;
    struct ik_kcs_dev_stats stats;
};

/* An empty register pair (status 00h) with no BMC attached and no fault. */
void ik_kcs_dev_init(struct ik_kcs_dev *d);
/* The BMC-side register operations for ik_kcs_bmc_init, and the host-side ones. */
void ik_kcs_dev_bmc_io(struct ik_kcs_dev *d, struct ik_kcs_bmc_io *io);
void ik_kcs_dev_host_io(struct ik_kcs_dev *d, struct ik_kcs_host_io *io);
/* Who reacts to host writes (the machine must use ik_kcs_dev_bmc_io's operations). */
void ik_kcs_dev_attach(struct ik_kcs_dev *d, struct ik_kcs_bmc *bmc);
/* Arm one fault (replacing any other); kind NONE disarms. */
void ik_kcs_dev_inject(struct ik_kcs_dev *d, const struct ik_kcs_fault *f);
/* Advance the device's clock; a pending host write older than latency_us is handed to
 * the BMC at the next host read or ik_kcs_dev_run. */
void ik_kcs_dev_set_time(struct ik_kcs_dev *d, ik_time_us now);
/* Let the BMC react to a pending host write now, if it is due. */
void ik_kcs_dev_run(struct ik_kcs_dev *d);
/* One host register operation (enum ik_kcs_regop); reads put the value in *reply (may be
 * NULL for writes). IK_E_INVAL for an unknown op. */
int ik_kcs_dev_host_op(struct ik_kcs_dev *d, uint8_t op, uint8_t value, uint8_t *reply);

#endif
