/*
 * progress.h - one updating line on stderr for long runs: the stage and,
 * where it counts, how far ("wire: 812/1775 sources"). Only when stderr
 * is a terminal, never before a run has taken about a second, never on
 * stdout, cleared before any diagnostic and at the end.
 */
#ifndef OAC_PROGRESS_H
#define OAC_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* Start the clock; enabled: stderr is a terminal and no --quiet. */
void progress_init(bool enabled);
/* A new stage: what (total things to do, 0: none counted). */
void progress_stage(const char *what, size_t total);
/* One thing of the stage done (any thread). */
void progress_step(void);
/* Clear the line, if one is shown (before a diagnostic, at the end). */
void progress_clear(void);

#endif
