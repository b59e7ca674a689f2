/*
 * diag.h - the tool's own diagnostics on stderr (not findings): a user's
 * mistake or an unreadable input, in the compiler form
 * "file:line:col: error: text", or "oacheck: error: text" without a place.
 */
#ifndef OAC_DIAG_H
#define OAC_DIAG_H

#include "loc.h"

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

void diag(enum diag_level level, const struct loc *where, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
#define diag_error(where, ...)   diag(DIAG_ERROR, (where), __VA_ARGS__)
#define diag_warning(where, ...) diag(DIAG_WARNING, (where), __VA_ARGS__)
#define diag_note(where, ...)    diag(DIAG_NOTE, (where), __VA_ARGS__)

/* This thread's diagnostics go into sb (NULL: to stderr again), so that
 * two loaders running at once print in the order of one after the other. */
struct sbuf;
void diag_capture(struct sbuf *sb);
/* Print what sb captured, and free it. */
void diag_flush(struct sbuf *sb);

/* Number of errors this thread reported so far (tests reset it). */
unsigned diag_error_count(void);
void diag_reset(void);
/* Silence stderr output (unit tests); counting goes on. */
void diag_set_quiet(int quiet);

/* With OACHECK_TIMING set, print the time since the previous call (the
 * first call, with NULL, starts the clock): make bench reads it. */
void diag_timing(const char *stage);
/* With OACHECK_TIMING set, print ms as the time of stage (one of two
 * running at once); the clock of diag_timing goes on. */
void diag_timing_of(const char *stage, double ms);

/* With OACHECK_TIMING set, print a count: "count: cached 718 of 719". */
void diag_count(const char *what, unsigned n, unsigned of);

#endif
