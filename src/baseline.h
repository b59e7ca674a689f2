/*
 * baseline.h - recorded findings that no longer fail a check. A baseline
 * file lists fingerprints (rule + JSON pointer + C symbol), so a recorded
 * finding stays recorded when lines move; a new one still fails, and an
 * entry that matches nothing any more is reported (baseline-stale).
 */
#ifndef OAC_BASELINE_H
#define OAC_BASELINE_H

#include "diff.h"
#include "rules.h"

/* Drop the findings recorded in path from res and add a baseline-stale
 * finding for each entry that matched none. Returns 0, or -1 after a
 * diagnostic with file:line:col (exit 2). */
int baseline_apply(struct result *res, const char *path, const struct ruleset *rs);
/* Record every finding of res in path (JSON, atomically). Returns 0, or
 * -1 after a diagnostic. */
int baseline_write(const struct result *res, const char *path);

#endif
