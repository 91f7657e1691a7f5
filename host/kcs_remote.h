/*
 * The host's end of bmcd's emulated KCS interface (bmcd/kcs_sock.h has the wire format): a
 * struct ik_kcs_host_io whose four register operations are round trips on a Unix stream
 * socket, for lib's KCS host machine (through host/smi_kcs.c, or directly), plus the
 * socket's control operations (fault injection, satellite modes, statistics, reset).
 *
 * Every operation waits for its reply up to reply_timeout_us; a register write does not wait
 * (its reply is collected before the next read: the stream keeps them in order, and the
 * host machine reads the status after every write anyway). Register access cannot fail
 * on real hardware, so a transport failure (timeout, bmcd gone, a malformed reply) is kept:
 * from then on reads return FFh (a floating bus) and writes go nowhere, and the owner asks
 * ik_kcs_remote_error() after driving the machine and gives up with ik_kcs_remote_why()
 * rather than letting the machine time out 20 times.
 *
 * Blocking and single-threaded: the caller's loop is blocked for one read's round trip at a
 * time (tens of microseconds on loopback; longer while another host holds the register pair
 * mid-transaction, see kcs_sock.h "Sharing").
 */
#ifndef IK_HOST_KCS_REMOTE_H
#define IK_HOST_KCS_REMOTE_H

#include <stddef.h>
#include <stdint.h>

#include "kcs.h"
#include "sm.h"

struct ik_kcs_remote_cfg {
    ik_time_us reply_timeout_us; /* one round trip (default 10 s) */
};

/* Counters the socket reports (STATS), in the order of the wire format. */
struct ik_kcs_remote_stats {
    uint32_t faults_fired; /* injected faults that took effect */
    uint32_t overwrites;   /* host writes that landed on an unread byte */
    uint32_t bmc_errors;   /* the BMC machine's entries into ERROR */
    uint32_t bmc_aborts;   /* GET_STATUS/ABORT control codes it saw */
    uint32_t requests;     /* whole requests handed to the engine */
    uint32_t responses;    /* responses the host read to the end */
    uint32_t deferred;     /* operations held while another host was mid-transaction */
};

struct ik_kcs_remote;

void ik_kcs_remote_default_cfg(struct ik_kcs_remote_cfg *cfg);

/* Connect to the socket at path and greet it (HELLO: protocol version 1). 0 and *out, or
 * IK_E_IO / IK_E_TIMEOUT / IK_E_PROTOCOL / IK_E_RANGE (path too long) / IK_E_NOMEM with a
 * sentence for a person in err. cfg NULL: defaults. */
int ik_kcs_remote_open(const char *path, const struct ik_kcs_remote_cfg *cfg,
                       struct ik_kcs_remote **out, char *err, size_t errcap);
/* The same over a stream already connected (tests, fuzzing); takes fd in every case. name
 * stands for the path in messages. */
int ik_kcs_remote_open_fd(int fd, const char *name, const struct ik_kcs_remote_cfg *cfg,
                          struct ik_kcs_remote **out, char *err, size_t errcap);
void ik_kcs_remote_close(struct ik_kcs_remote *r);

/* The register operations; valid as long as r. */
void ik_kcs_remote_io(struct ik_kcs_remote *r, struct ik_kcs_host_io *io);

/* 0, or the first transport failure (sticky); ik_kcs_remote_why() words it, e.g.
 * "KCS socket /run/bmcd/node1.kcs: no reply within 10000 ms". */
int ik_kcs_remote_error(const struct ik_kcs_remote *r);
const char *ik_kcs_remote_why(const struct ik_kcs_remote *r);
/* The BMC's name, as HELLO gave it. */
const char *ik_kcs_remote_bmc(const struct ik_kcs_remote *r);

/* Control operations: 0, IK_E_NOTFOUND (no such satellite), IK_E_INVAL (bmcd refused the
 * values), or the transport's failure. */
int ik_kcs_remote_fault(struct ik_kcs_remote *r, const struct ik_kcs_fault *f);
int ik_kcs_remote_satellite(struct ik_kcs_remote *r, uint8_t channel, uint8_t addr, int silent,
                            uint32_t delay_ms);
int ik_kcs_remote_reset(struct ik_kcs_remote *r);
int ik_kcs_remote_stats(struct ik_kcs_remote *r, struct ik_kcs_remote_stats *out);

/* Fault names for command lines: "none", "error_state", "ibf_stuck", "drop_byte",
 * "dup_byte", "wrong_state", "no_response"; -1 for anything else. */
int ik_kcs_fault_parse(const char *name);
const char *ik_kcs_fault_name(int kind);

#endif
