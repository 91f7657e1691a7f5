/*
 * Progress for long operations (SEL and SDR reads, exec files): one self-overwriting line
 * on stderr when stderr is a terminal, nothing in pipes, logs or --json runs. Redrawn at
 * most ten times a second, erased when done. IPMIKIT_PROGRESS=always|never overrides the
 * terminal test (tests use it).
 */
#ifndef IK_CLI_PROGRESS_H
#define IK_CLI_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

struct ik_progress {
    FILE *f; /* NULL: disabled */
    const char *what;
    unsigned long total; /* 0: unknown */
    uint64_t last_us;
    int drawn;
};

void ik_progress_start(struct ik_progress *p, struct ik_cli *cli, const char *what,
                       unsigned long total);
void ik_progress_step(struct ik_progress *p, unsigned long done);
void ik_progress_end(struct ik_progress *p);

#endif
