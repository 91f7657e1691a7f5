/*
 * bmcd's log: one line per event, key=value pairs, on stderr (or a file), e.g.
 *
 *   ts=2024-05-01T12:00:00.123Z level=info bmc=node1 event=session_open sid=1a2b3c4d ...
 *
 * Values never contain spaces (the engine's lines follow the same rule), so a line splits
 * on spaces and then on the first '='. Each line is written with one write(2), so lines of
 * concurrent writers never interleave.
 */
#ifndef IK_BMCD_LOG_H
#define IK_BMCD_LOG_H

#include <stdarg.h>

enum ik_log_level { IK_LOG_DEBUG = 0, IK_LOG_INFO, IK_LOG_WARN, IK_LOG_ERROR };

/* Minimum level written (default info) and the file descriptor (default 2). */
void ik_log_setup(enum ik_log_level min, int fd);

/* "debug" / "info" / "warn" / "error" -> level; -1 for anything else. */
int ik_log_level_parse(const char *s);

/* One line at a level: "ts=... level=... " followed by the formatted text. */
void ik_log(enum ik_log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ik_logv(enum ik_log_level lvl, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* The engine's log callback (engine.h ik_bmc_log_fn): ctx is unused, level info. */
void ik_log_engine(void *ctx, const char *line);

#endif
