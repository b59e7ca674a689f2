/*
 * fix.h - --fix and --fix-dry-run: the fix-its of the findings at or above
 * a level, applied to the headers being checked (atomically, one file at a
 * time) or shown as a unified diff.
 */
#ifndef OAC_FIX_H
#define OAC_FIX_H

#include "diff.h"

#include <stdio.h>

struct fix_options {
	enum level min;             /* fix findings at or above it (LEVEL_OFF: none) */
	bool dry_run;               /* print a diff to out, write nothing */
	const char *const *headers; /* the headers given: only these are edited */
	size_t n_headers;
};

/* Apply (or show) the fix-its of res to the headers h was read from; what
 * was fixed is told on stderr. Returns the number of fixes applied (or
 * shown), or -1 after a diagnostic when a header could not be written. A
 * header changed since it was parsed, outside the headers given or not
 * being checked is never touched. */
int fix_apply(const struct result *res, const struct hdr_set *h, const struct fix_options *fo,
              FILE *out);

struct opts;
/* fix_apply with --fail-on's level and the headers of the command line
 * (or config), the diff to stdout. Returns what fix_apply returns. */
int fix_run(const struct opts *o, const struct result *res, const struct hdr_set *h);

/* udiff.c: write the unified diff (three lines of context) turning text a
 * into b, both of file path ("a/path", "b/path"); nothing when equal. */
void udiff_write(FILE *fp, const char *path, const char *a, size_t alen, const char *b,
                 size_t blen);

#endif
